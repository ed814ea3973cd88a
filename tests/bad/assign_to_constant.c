// expect: 5:7: error: lvalue required as left operand of assignment
int main(void)
{
    int x = 1;
    5 = x;
    return 0;
}
