// expect: 5:16: error: switch jumps into statement expression
int f(int x) {
    switch (x) {
    case 1:
        x = ({ case 2: 5; });
    }
    return x;
}
