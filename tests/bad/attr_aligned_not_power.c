// expect: 2:22: error: requested alignment 3 is not a positive power of 2
int y __attribute__((aligned(3)));
