// expect: 2:25: error: imaginary constants of integer type (GNU C's complex integers) are not supported yet
double f(void) { return 2i; }
