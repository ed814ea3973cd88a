// expect: 5:15: error: expected ']'
int main(void)
{
    int a[4] = {0};
    return a[1;
}
