// expect: 3:5: error: the GCC builtin '__builtin_apply_args' is not supported yet
void *args(void) {
    __builtin_apply_args();
    return 0;
}
