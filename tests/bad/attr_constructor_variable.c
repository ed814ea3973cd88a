// expect: 2:22: error: the 'constructor' attribute applies only to functions
int x __attribute__((constructor));
