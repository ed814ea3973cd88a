// expect: 3:23: error: lvalue required in 'asm' statement
int f(int x) {
    __asm__("" : "=r"(x + 1));
    return x;
}
