// expect: 3:20: error: input operand constraint contains '='
int f(int x) {
    __asm__("" : : "=r"(x));
    return x;
}
