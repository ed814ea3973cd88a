// expect: 3:36: error: the 'cleanup' attribute is not supported yet
void done(int *p);
int f(void) { int x __attribute__((cleanup(done))) = 1; return x; }
