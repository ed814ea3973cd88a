// expect: 5:12: error: called object 'x' is not a function
int main(void)
{
    int x = 1;
    return x(2);
}
