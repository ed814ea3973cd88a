// expect: 2:7: error: "abc" after #line is not a positive integer
#line abc
int x;
