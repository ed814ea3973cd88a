// expect: 3:12: error: declaration for parameter 'c' but no such parameter
int add(a, b)
    int a, c;
{
    return a;
}
