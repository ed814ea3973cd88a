// expect: 5:14: error: invalid operands to binary %
int main(void)
{
    double d = 1.5;
    return d % 2;
}
