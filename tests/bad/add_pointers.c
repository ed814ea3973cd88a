// expect: 6:16: error: invalid operands to binary +
int main(void)
{
    int a, b;
    int *p = &a, *q = &b;
    return *(p + q);
}
