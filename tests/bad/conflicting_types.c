// expect: 3:8: error: conflicting types for 'f'
int f(int x);
double f(int x) { return x; }
