// expect: 5:7: error: assignment to expression with array type
int main(void)
{
    int a[3], b[3];
    a = b;
    return 0;
}
