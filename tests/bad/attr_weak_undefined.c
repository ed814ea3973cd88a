// expect: 2:12: error: undefined weak reference to 'nosuch_fn': memjit cannot make its address null yet
extern int nosuch_fn(void) __attribute__((weak));
int main(void) { return nosuch_fn ? nosuch_fn() : 0; }
