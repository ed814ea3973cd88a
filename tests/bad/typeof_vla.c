// expect: 4:5: error: 'typeof' of a variably modified type is not supported yet
int f(int n) {
    int vla[n];
    typeof(vla) other;
    return sizeof other;
}
