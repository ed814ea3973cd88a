// expect: 3:7: error: variably modified type at file scope
int n = 3;
int a[n];
