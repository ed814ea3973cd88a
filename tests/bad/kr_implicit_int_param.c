// expect: 2:12: error: type of 'b' defaults to 'int' (old C: -fpermissive accepts it)
int add(a, b)
    int a;
{
    return a + b;
}
