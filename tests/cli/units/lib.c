int lib_calls;
static int helper(void) { return 100; }

int lib_add(int a, int b) {
    lib_calls++;
    return a + b + helper();
}
