// expect: 4:41: error: argument 3 in call to function '__builtin_add_overflow' does not have pointer to integer type
int main(void) {
    _Bool b;
    return __builtin_add_overflow(1, 2, &b);
}
