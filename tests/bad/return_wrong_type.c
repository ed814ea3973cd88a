// expect: 4:12: error: incompatible types when returning type 'double' but 'int *' was expected
int *f(void)
{
    return 1.5;
}
