// expect: 5:13: error: subscripted value is neither array nor pointer
int main(void)
{
    int x = 1;
    return x[0];
}
