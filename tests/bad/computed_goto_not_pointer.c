// expect: 2:23: error: computed goto must be pointer type
void g(int i) { goto *i; }
