// expect: 4:24: error: label 'out' used but not defined (a jump out of a nested function, gcc's non-local goto, is not supported yet)
int outer(int n) {
    __label__ out;
    void leave(void) { goto out; }
    if (n)
        leave();
    return 0;
out:
    return 1;
}
