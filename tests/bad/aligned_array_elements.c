// expect: 3:10: error: alignment of array elements is greater than element size
typedef double dbl64 __attribute__((aligned(64)));
dbl64 gd[2];
