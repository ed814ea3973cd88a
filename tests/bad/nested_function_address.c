// expect: 5:17: error: taking the address of nested function 'get', which uses variables of 'outer', is not supported yet (gcc makes a trampoline)
int call(int (*f)(void));
int outer(int n) {
    int get(void) { return n; }
    return call(get);
}
