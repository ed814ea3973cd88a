/* errno from libm as gcc's build sets it, and infinite long double
 * constants (regressions: sqrt lost EDOM, HUGE_VALL came out as a NaN). */
#include <errno.h>
#include <math.h>
#include <stdio.h>

static double root(double x) { return sqrt(x); }

int main(void) {
    volatile double neg = -4.0, pos = 9.0;
    errno = 0;
    double r = sqrt(neg);
    printf("sqrt(-4): nan=%d edom=%d\n", isnan(r) != 0, errno == EDOM);
    errno = 0;
    printf("sqrt(9) = %g, errno %d\n", sqrt(pos), errno);
    errno = 0;
    float f = sqrtf((float)neg);
    printf("sqrtf(-4): nan=%d edom=%d\n", isnan(f) != 0, errno == EDOM);
    errno = 0;
    r = root(neg);
    printf("root(-4): nan=%d edom=%d\n", isnan(r) != 0, errno == EDOM);
    errno = 0;
    sqrt(neg);   /* value discarded: errno still set, as with gcc */
    printf("discarded sqrt(-4): edom=%d\n", errno == EDOM);
    errno = 0;
    r = log(neg);
    printf("log(-4): nan=%d edom=%d\n", isnan(r) != 0, errno == EDOM);
    long double big = HUGE_VALL, inf = (long double)INFINITY, huge = (long double)HUGE_VAL;
    printf("%Lg %Lg %Lg %Lg\n", big, inf, huge, -big);
    printf("%d %d\n", isinf(big) != 0, big > 1e4000L);
    return 0;
}
