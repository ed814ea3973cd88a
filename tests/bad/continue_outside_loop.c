// expect: 5:9: error: continue statement not within a loop
int main(void)
{
    if (1)
        continue;
    return 0;
}
