// expect: 2:9: error: '#pragma weak' is not supported yet
#pragma weak foo
int foo(void) { return 1; }
