// expect: 4:17: error: expected expression
int main(void)
{
    int x = 1 + ;
    return x;
}
