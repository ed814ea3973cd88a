// expect: 2:32: error: the 'aligned' attribute on a function is not supported yet
void func(void) __attribute__((aligned(256)));
