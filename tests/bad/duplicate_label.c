// expect: 4:1: error: duplicate label 'x'
int main(void) {
x: ;
x: ;
    return 0;
}
