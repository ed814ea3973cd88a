/* long double: x87 80-bit extended precision in 16 bytes, arithmetic,
 * conversions, passing to functions and to printf. */
#include "test.h"

static long double half(long double x) { return x / 2; }

static long double sum3(long double a, double b, long double c)
{
    return a + b + c;
}

static long double g_ld = 1.25L;

int main(void)
{
    long double x = 1.0L;
    long double y = 3.0L;

    ASSERT(16, sizeof(long double));
    ASSERT(16, sizeof x);
    ASSERT(16, sizeof(1.0L));
    ASSERT(16, sizeof(x + 1));
    ASSERT(16, sizeof(x + 1.0));

    /* More precise than double: 1 + 2^-60 differs from 1. */
    long double tiny = 1.0L / 1152921504606846976.0L;
    ASSERT(1, x + tiny != x);
    ASSERT(0, (double)(x + tiny) != (double)x);
    ASSERT(1, 1.0L / 3 != 1.0 / 3);

    /* 64-bit integers convert exactly. */
    long double big = 9007199254740993LL;
    ASSERT(9007199254740993LL, (long long)big);
    ASSERT_U(18446744073709551615ULL, (unsigned long long)(long double)18446744073709551615ULL);

    ASSERT_F(4.0, x + y);
    ASSERT_F(-2.0, x - y);
    ASSERT_F(3.0, x * y);
    ASSERT_F(1.5, y / 2);
    ASSERT_F(0.625, half(g_ld));
    ASSERT_F(6.5, sum3(1.5L, 2.5, 2.5L));
    ASSERT(1, x < y);
    ASSERT(1, x == 1);
    ASSERT(3, (int)y);
    ASSERT_F(0.5, (double)(x / 2));
    ASSERT_F(0.5f, (float)(x / 2));

    x += 0.5;
    ASSERT_F(1.5, x);
    x++;
    ASSERT_F(2.5, x);
    x = -x;
    ASSERT_F(-2.5, x);
    ASSERT(1, !!x);
    ASSERT(0, !x);

    long double arr[3] = {1.5L, 2.5L, 3.5L};
    long double total = 0;
    for (int i = 0; i < 3; i++)
        total += arr[i];
    ASSERT_F(7.5, total);

    printf("%Lf %.20Lf %Lg %Le\n", g_ld, 1.0L / 3, 1e100L, y);
    printf("%.25Lf\n", 1.0L + tiny);
    printf("%.3Lf %.3f\n", (long double)2 / 3, 2.0 / 3);

    return test_done();
}
