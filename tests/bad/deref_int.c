// expect: 5:12: error: invalid type argument of unary '*'
int main(void)
{
    int x = 1;
    return *x;
}
