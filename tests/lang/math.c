/* Calls into libm; results compared with a tolerance where the last bit
 * could depend on how the call is made. */
#include <math.h>
#include "test.h"

static int close_to(double a, double b)
{
    double diff = a - b;
    if (diff < 0)
        diff = -diff;
    return diff <= 1e-12 * (fabs(a) + fabs(b) + 1e-300);
}

#define PI 3.14159265358979323846

int main(void)
{
    ASSERT_F(2.0, sqrt(4.0));
    ASSERT_F(1.4142135623730951, sqrt(2.0));
    ASSERT_F(3.0, fabs(-3.0));
    ASSERT_F(2.0, floor(2.7));
    ASSERT_F(-3.0, floor(-2.1));
    ASSERT_F(3.0, ceil(2.1));
    ASSERT_F(3.0, round(2.5));
    ASSERT_F(-2.0, trunc(-2.9));
    ASSERT_F(1024.0, pow(2.0, 10.0));
    ASSERT_F(0.5, pow(4.0, -0.5));
    ASSERT_F(1.0, fmod(10.0, 3.0));
    ASSERT_F(5.0, hypot(3.0, 4.0));
    ASSERT_F(0.0, sin(0.0));
    ASSERT_F(1.0, cos(0.0));
    ASSERT_F(1.0, exp(0.0));
    ASSERT_F(0.0, log(1.0));
    ASSERT_F(3.0, log10(1000.0));
    ASSERT_F(10.0, log2(1024.0));
    ASSERT_F(8.0, ldexp(1.0, 3));
    ASSERT_F(4.0, fmax(3.0, 4.0));
    ASSERT_F(3.0, fmin(3.0, 4.0));
    ASSERT_F(2.0f, sqrtf(4.0f));
    ASSERT_F(1.5f, fabsf(-1.5f));

    ASSERT(1, close_to(sin(PI / 6), 0.5));
    ASSERT(1, close_to(cos(PI / 3), 0.5));
    ASSERT(1, close_to(tan(PI / 4), 1.0));
    ASSERT(1, close_to(atan2(1.0, 1.0), PI / 4));
    ASSERT(1, close_to(asin(1.0), PI / 2));
    ASSERT(1, close_to(acos(0.0), PI / 2));
    ASSERT(1, close_to(atan(1.0) * 4, PI));
    ASSERT(1, close_to(exp(1.0), 2.718281828459045));
    ASSERT(1, close_to(log(exp(2.5)), 2.5));
    ASSERT(1, close_to(cbrt(27.0), 3.0));
    ASSERT(1, close_to(sinh(1.0), (exp(1.0) - exp(-1.0)) / 2));
    ASSERT(1, close_to(tanh(0.5), sinh(0.5) / cosh(0.5)));

    ASSERT(1, isnan(sqrt(-1.0)));
    ASSERT(1, isinf(1.0 / 0.0));
    ASSERT(1, isinf(HUGE_VAL));
    ASSERT(0, isnan(1.0));
    ASSERT(1, NAN != NAN);
    ASSERT(1, INFINITY > 1e308);

    /* A table printed with fixed precision. */
    for (int i = 0; i <= 8; i++) {
        double t = i * PI / 8;
        printf("%5.3f %8.5f %8.5f %8.5f\n", t, sin(t), cos(t), sqrt(t));
    }

    /* Newton's method for sqrt(2), compared with libm. */
    double x = 1.0;
    for (int i = 0; i < 20; i++)
        x = (x + 2.0 / x) / 2;
    ASSERT(1, close_to(x, sqrt(2.0)));
    printf("newton sqrt(2) = %.15f\n", x);

    /* Simpson's rule for the integral of sin from 0 to pi. */
    int n = 1000;
    double h = PI / n, s = sin(0.0) + sin(PI);
    for (int i = 1; i < n; i++)
        s += (i % 2 ? 4 : 2) * sin(i * h);
    s *= h / 3;
    printf("integral = %.10f\n", s);
    ASSERT(1, fabs(s - 2.0) < 1e-10);

    return test_done();
}
