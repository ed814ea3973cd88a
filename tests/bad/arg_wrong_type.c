// expect: 5:14: error: incompatible type for argument 1 of 'f'
static int f(int *p) { return *p; }
int main(void)
{
    return f(1.5);
}
