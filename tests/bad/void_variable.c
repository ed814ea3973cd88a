// expect: 4:10: error: variable or field 'v' declared void
int main(void)
{
    void v;
    return 0;
}
