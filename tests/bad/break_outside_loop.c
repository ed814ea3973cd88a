// expect: 4:5: error: break statement not within loop or switch
int main(void)
{
    break;
    return 0;
}
