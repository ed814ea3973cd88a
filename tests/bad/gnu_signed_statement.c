// expect: 4:13: error: expected identifier or '(' before ',' token
int main(void) {
    __signed x = -1;
    __signed, 1;
    return x;
}
