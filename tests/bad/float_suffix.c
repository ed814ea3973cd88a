// expect: 2:12: error: invalid suffix "x" on floating constant
double d = 1.5x;
