// expect: 3:37: error: invalid argument to '__builtin_return_address'
void *where(unsigned level) {
    return __builtin_return_address(level);
}
