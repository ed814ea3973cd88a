// expect: 5:12: error: lvalue required as increment operand
int main(void)
{
    int x = 1;
    (x + 1)++;
    return x;
}
