// expect: 3:11: error: variable-length arrays are not supported yet
int f(int n) {
    int a[n];
    return sizeof a;
}
