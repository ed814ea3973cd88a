#define HELPER_VALUE 41
static int helper_add(int a, int b) { return a + b; }
