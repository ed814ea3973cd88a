// expect: 2:1: error: return type defaults to 'int' (old C: -fpermissive accepts it)
main(void)
{
    return 0;
}
