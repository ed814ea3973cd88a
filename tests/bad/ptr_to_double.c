// expect: 6:9: error: incompatible types when assigning to type 'double' from type 'int *'
int main(void)
{
    int *p = 0;
    double d;
    d = p;
    return 0;
}
