// expect: 4:12: error: 'y' undeclared
int main(void)
{
    return y;
}
