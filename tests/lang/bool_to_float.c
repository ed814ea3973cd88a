/* _Bool converted to a floating type: by assignment, in the usual
 * arithmetic conversions, as an argument and by a cast (libgccjit casts
 * a bool only to integers; memjit once refused these with "internal
 * error: cannot lower this expression"). */
#include <stdio.h>

static double takes(double d) { return d * 3; }

int main(int argc, char **argv) {
    (void)argv;
    _Bool t = argc > 1, f = argc > 100;
    float x = t;
    double y = f;
    long double z = t;
    float sum = 2.5f + t;
    double diff = 1.0 - f;
    printf("%.1f %.1f %.1Lf %.1f %.1f\n", x, y, z, sum, diff);
    printf("%.1f %.1f %.1f\n", takes(t), (double)t, (float)f + (long double)t * 0.5L > 0 ? 1.0 : 0.0);
    return 0;
}
