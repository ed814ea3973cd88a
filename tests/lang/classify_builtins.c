/* gcc's classification builtins: __builtin_isinf is 1 for either
 * infinity (isinf_sign tells them apart), the typed isinff/isinfl and
 * isnanf/isnanl convert their argument first (a double too big for a
 * float is an infinity as a float), and an integer argument converts. */
#include <stdio.h>

int main(void) {
    volatile double pinf = __builtin_inf(), minf = -__builtin_inf(), nan = __builtin_nan("");
    volatile double big = 1e300, one = 1.0;
    volatile float fminf = -__builtin_inff();
    volatile long double lbig = __LDBL_MAX__;
    printf("isinf: %d %d %d %d %d\n", __builtin_isinf(pinf), __builtin_isinf(minf),
           __builtin_isinf(fminf), __builtin_isinf(one), __builtin_isinf(nan));
    printf("isinf_sign: %d %d %d\n", __builtin_isinf_sign(pinf), __builtin_isinf_sign(minf),
           __builtin_isinf_sign(one));
    printf("isinff: %d %d %d\n", __builtin_isinff(big), __builtin_isinff(one),
           __builtin_isinff(minf));
    printf("isinfl: %d %d %d\n", __builtin_isinfl(lbig * 2), __builtin_isinfl(big),
           __builtin_isinfl(minf));
    printf("isnanf: %d %d; isnanl: %d %d\n", __builtin_isnanf(nan), __builtin_isnanf(big),
           __builtin_isnanl(nan), __builtin_isnanl(one));
    printf("integers: %d %d\n", __builtin_isinff(3), __builtin_isnanl(4));
    /* as pr39228 does it: the product overflows the type */
    volatile float fmax = __FLT_MAX__;
    float c = 1.01f * fmax;
    printf("overflow: %d\n", __builtin_isinff(c) >= 1);
    return 0;
}
