/* Floating constants memjit folds itself (file-scope initialisers, array
 * sizes) are computed in their own type, as the program computes them:
 * folded in long double and rounded to double, these sums rounded twice
 * and came out as 1.0. */
#include <stdio.h>

static double up = 1.0 + 0x1.0000000000001p-53;      /* 0x1.0000000000001p+0 */
static double down = 1.0 - 0x1.0000000000001p-54;    /* 0x1.fffffffffffffp-1 */
static double scaled = 0x1.0000000000001p-53 * 3 + 1.0;
static float f = 1.0f + 0x1.000002p-24f;
static long double ld = 1.0L + 0x1p-64L;

int main(void) {
    printf("%a %a %a\n", up, down, scaled);
    printf("%a %La\n", (double)f, ld);
    volatile double one = 1.0;
    printf("%d %d\n", up == one + 0x1.0000000000001p-53, down == one - 0x1.0000000000001p-54);
    return 0;
}
