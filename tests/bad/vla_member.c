// expect: 5:13: error: a struct or union member of variably modified type is not supported yet
int f(int n) {
    struct s {
        int len;
        int v[n];
    };
    return n;
}
