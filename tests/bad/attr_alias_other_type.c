// expect: 3:30: error: an alias that is a definition, or of another type than its target, is not supported yet
int a;
extern long b __attribute__((alias("a")));
