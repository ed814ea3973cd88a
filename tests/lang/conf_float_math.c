/* Probes floating-point arithmetic through function pointers and <math.h>, <float.h> limits, printf of doubles. */
#include <stdio.h>
#include <math.h>
#include <float.h>
static double horner(const double *c, int n, double x) { double r = 0; for (int i = n - 1; i >= 0; i--) r = r * x + c[i]; return r; }
static double integrate(double (*f)(double), double a, double b, int n) { double h = (b - a) / n, s = (f(a) + f(b)) / 2; for (int i = 1; i < n; i++) s += f(a + i * h); return s * h; }
static double sq(double x) { return x * x; }
int main(void) {
    double c[] = {1, -2, 3}; printf("%.4f\n", horner(c, 3, 2.5));
    printf("%.6f\n", integrate(sq, 0, 1, 1000));
    printf("%.6f\n", integrate(sin, 0, 3.14159265358979, 1000));
    printf("%.5f %.5f %.5f\n", sqrt(2), pow(2, 0.5), exp(1));
    printf("%g %g %g\n", floor(-2.5), ceil(-2.5), fabs(-3.0));
    printf("%d %d\n", (int)round(2.5), (int)trunc(-2.7));
    float f = 0.1f; double d = f; printf("%.10f %.10f\n", d, (double)0.1);
    printf("%g %g\n", FLT_MAX, DBL_EPSILON);
    printf("%d %d %d\n", 0.1 + 0.2 == 0.3, 1.0f == 1.0, (float)0.1 == 0.1);
    double nan = NAN; printf("%d %d %d\n", nan == nan, nan != nan, isnan(nan));
    printf("%g %g\n", INFINITY, -INFINITY);
    long double ld = 3.0L; ld /= 7; printf("%.18Lf\n", ld);
    printf("%.3f\n", fmod(10.5, 3));
    int i = 7; double r = i / 2; double r2 = i / 2.0; printf("%.1f %.1f\n", r, r2);
    unsigned long ul = 3000000000UL; float fu = ul; printf("%.0f\n", fu);
    double big = 4294967296.0 * 2; unsigned u = (unsigned)(long long)big; printf("%u\n", u);
    printf("%.2f\n", (float)1/3);
    float acc = 0; for (int k = 0; k < 10; k++) acc += 0.1f; printf("%.8f\n", acc);
    printf("%e\n", 1.0 / 3.0);
    printf("%d\n", (int)(0.1 * 3 * 10));
    return 0;
}
