// expect: 4:12: error: implicit declaration of function 'foo' (old C: -fpermissive accepts it)
int main(void)
{
    return foo(1);
}
