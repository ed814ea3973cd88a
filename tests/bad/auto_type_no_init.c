// expect: 3:5: error: '__auto_type' requires an initialized data declaration
int main(void) {
    __auto_type a, b;
    return 0;
}
