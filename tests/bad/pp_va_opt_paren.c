// expect: 2:19: error: __VA_OPT__ must be followed by an open parenthesis
#define F(a, ...) __VA_OPT__ a
int x;
