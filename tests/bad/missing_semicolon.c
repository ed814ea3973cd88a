// expect: 5:5: error: expected ',' or ';'
int main(void)
{
    int x = 1
    return x;
}
