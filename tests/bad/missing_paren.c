// expect: 5:14: error: expected ')'
int main(void)
{
    int x = 2;
    if (x > 1 {
        return 1;
    }
    return 0;
}
