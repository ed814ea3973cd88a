// expect: 2:1: error: type defaults to 'int' in declaration (old C: -fpermissive accepts it)
static counter = 3;
int main(void) { return counter; }
