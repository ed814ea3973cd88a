// expect: 3:23: error: cannot take address of bit-field 'b'
struct S { int b : 3; } s;
int *p(void) { return &s.b; }
