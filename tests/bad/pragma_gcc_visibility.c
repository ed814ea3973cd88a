// expect: 2:13: error: '#pragma GCC visibility' is not supported yet
#pragma GCC visibility push(hidden)
int f(void) { return 1; }
