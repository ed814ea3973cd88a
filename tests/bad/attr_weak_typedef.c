// expect: 2:30: error: the 'weak' attribute is not supported yet on a typedef
typedef int T __attribute__((weak));
