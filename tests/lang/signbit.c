/* signbit is the sign bit itself: of -0.0, of infinities, and of a NaN
 * (-NAN has it set; memjit once spelt signbit with comparisons, which
 * called every NaN positive). */
#include <stdio.h>
#include <math.h>
int main(void) {
    double z = -0.0, p = 0.0, n = -3.5;
    float f = -1.0f;
    long double l = -0.0L;
    if (!signbit(z) || signbit(p) || !signbit(n) || !signbit(f) || !signbit(l)) return 1;
    if (signbit(INFINITY) || !signbit(-INFINITY) || signbit(2.0)) return 2;
    volatile double nan_neg = -NAN, nan_pos = NAN;
    volatile float fnan_neg = -NAN;
    volatile long double lnan_neg = -NAN;
    printf("NaN signs: %d %d %d %d\n", !!signbit(nan_neg), !!signbit(nan_pos), !!signbit(fnan_neg),
           !!signbit(lnan_neg));
    printf("typed: %d %d %d\n", !!__builtin_signbit(-1.0), !!__builtin_signbitf(-0.0f),
           !!__builtin_signbitl(2.0L));
    printf("ok\n");
    return 0;
}
