#include <stdio.h>
#include <math.h>
static long double big = 1e4000L;
int main(void) {
    long double small = 1e-4950L, tiny = 3.6e-4940L, huge = 1.18e4932L;
    if (!(small > 0) || !(tiny > small) || isinf(huge) || !(huge > 1e4931L)) return 1;
    long double r = 1e-4000L * 1e4000L;
    if (fabsl(r - 1) > 1e-15L) return 2;
    if (!(big / 1e3999L > 9.99L && big / 1e3999L < 10.01L)) return 3;
    long double neg = -2.5e-4000L;
    if (!(neg < 0) || !(neg * 1e4000L < -2.49L)) return 4;
    double d = 1e-310;
    if (!(d > 0)) return 5;
    printf("%Lg %Lg %Lg\n", small, huge, neg);
    return 0;
}
