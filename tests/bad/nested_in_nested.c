// expect: 4:13: error: a function nested in a nested function is not supported yet
int outer(int n) {
    int middle(void) {
        int inner(void) { return n; }
        return inner();
    }
    return middle();
}
