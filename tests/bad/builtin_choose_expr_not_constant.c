// expect: 3:34: error: first argument to '__builtin_choose_expr' not a constant
int pick(int c, int a, int b) {
    return __builtin_choose_expr(c, a, b);
}
