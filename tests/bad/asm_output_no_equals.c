// expect: 4:18: error: output operand constraint lacks '='
int f(int x) {
    int r;
    __asm__("" : "r"(r) : "r"(x));
    return r;
}
