// expect: 3:12: error: the GCC builtin '__builtin_return_address' is not supported yet
void *where(void) {
    return __builtin_return_address(0);
}
