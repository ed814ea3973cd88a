// expect: 2:38: error: unknown attribute 'no_such_attribute'
int x __attribute__((__aligned__(8), no_such_attribute));
