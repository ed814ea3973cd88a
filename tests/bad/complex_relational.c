// expect: 2:56: error: invalid operands to binary < (have 'complex double' and 'complex double')
int f(_Complex double a, _Complex double b) { return a < b; }
