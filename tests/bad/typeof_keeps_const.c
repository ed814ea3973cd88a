// expect: 5:7: error: assignment of read-only variable
int main(void) {
    const int ci = 1;
    __typeof__(ci) x = 2;
    x = 3;
    return x;
}
