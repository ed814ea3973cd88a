// expect: 5:14: error: lvalue required as unary '&' operand
int main(void)
{
    int x = 1;
    int *p = &(x + 1);
    return *p;
}
