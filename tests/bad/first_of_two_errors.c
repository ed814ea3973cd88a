// expect: 4:13: error: 'b' undeclared
int main(void)
{
    int a = b;
    int c = d;
    return 0;
}
