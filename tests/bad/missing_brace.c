// expect: 6:1: error: end of input
int main(void)
{
    if (1) {
        return 0;
}
