// expect: 5:13: error: void value not ignored as it ought to be
static void g(void) {}
int main(void)
{
    int x = g();
    return x;
}
