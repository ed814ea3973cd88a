// expect: 2:9: error: old-style (K&R) parameter lists are not supported yet
int add(a, b)
    int a; int b;
{
    return a + b;
}
