// expect: 3:5: error: jump into statement expression
int f(int x) {
    goto in;
    x = ({ in: x + 1; });
    return x;
}
