// expect: 3:13: error: 'asm goto' is not supported yet
int f(int x) {
    __asm__ goto("jmp %l0" :::: out);
    return 0;
out:
    return 1;
}
