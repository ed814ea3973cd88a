/* register on parameters, the one storage class C allows there (C11
 * 6.7.6.3p2), in prototypes, definitions and K&R declarations. */
#include <stdio.h>

struct pair { int a, b; };

static int sum(register int n, register const int *v);
static int sum(register int n, register const int *v) {
    register int s = 0;
    while (n-- > 0)
        s += *v++;
    return s;
}

static int both(register struct pair p) { return p.a * p.b; }

static int old(x, y)
    register int x;
    register char y;
{
    return x - y;
}

int main(void) {
    int v[] = {1, 2, 3, 4};
    printf("%d %d %d\n", sum(4, v), both((struct pair){6, 7}), old(50, 8));
    return 0;
}
