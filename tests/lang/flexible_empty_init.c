/* A flexible array member initialised with {} at file scope (GNU C): no
 * elements. lower.c built a constructor of -1 elements for it. */
#include <stdio.h>

struct with_tail {
    int a;
    int b;
    int z[];
};

struct with_tail x = {.b = 40, .z = {}};

int main(void) {
    printf("%d %d %zu\n", x.a, x.b, sizeof x);
    return 0;
}
