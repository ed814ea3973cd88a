/* __builtin_constant_p in __builtin_choose_expr's condition is decided
 * there, as gcc decides it: 0 for what is not a constant expression then
 * (a parameter, even one a call later makes constant by inlining), 1 for
 * one that is. Elsewhere it is left to the optimiser (not tested: gcc's
 * answer depends on it). */
#include <stdio.h>

static int y;
static int z = __builtin_choose_expr(!__builtin_constant_p(y), 3, 4);

static int pick(int x) {
    return __builtin_choose_expr(!__builtin_constant_p(x), 3, y++);
}

int main(void) {
    int k = __builtin_choose_expr(__builtin_constant_p(2 + 3), 10, 20);
    printf("%d %d %d %d\n", z, pick(4), k, y);
    return 0;
}
