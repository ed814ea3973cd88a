// expect: 4:13: error: void value not ignored as it ought to be
void h(void);
int f(void) {
    int x = ({ h(); });
    return x;
}
