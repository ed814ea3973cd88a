// expect: 3:9: error: variable-sized object may not be initialized
int f(int k) {
    int v[k] = {0};
    return v[0];
}
