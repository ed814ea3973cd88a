#include <stdio.h>
#include <math.h>
int main(void) {
    double z = -0.0, p = 0.0, n = -3.5;
    float f = -1.0f;
    long double l = -0.0L;
    if (!signbit(z) || signbit(p) || !signbit(n) || !signbit(f) || !signbit(l)) return 1;
    if (signbit(INFINITY) || !signbit(-INFINITY) || signbit(2.0)) return 2;
    printf("ok\n");
    return 0;
}
