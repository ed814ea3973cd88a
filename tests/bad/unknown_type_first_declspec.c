// expect: 2:18: error: unknown type name '__label__'
int main(void) { __label__ l; return 0; }
