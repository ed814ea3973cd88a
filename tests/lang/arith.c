/* Arithmetic: + - * / % on every integer width and on floating types,
 * including truncating division of negative numbers. */
#include "test.h"

int main(void)
{
    int a = 17, b = 5, n = -17;
    long la = 1000000000000L;
    unsigned ua = 17;
    double x = 1.5, y = 0.25;
    float fx = 2.5f;

    ASSERT(0, 0);
    ASSERT(42, 42);
    ASSERT(21, 5 + 20 - 4);
    ASSERT(41, 12 + 34 - 5);
    ASSERT(47, 5 + 6 * 7);
    ASSERT(15, 5 * (9 - 6));
    ASSERT(4, (3 + 5) / 2);
    ASSERT(10, -10 + 20);
    ASSERT(10, - -10);
    ASSERT(10, - -+10);

    ASSERT(22, a + b);
    ASSERT(12, a - b);
    ASSERT(85, a * b);
    ASSERT(3, a / b);
    ASSERT(2, a % b);
    ASSERT(-3, n / b);
    ASSERT(-2, n % b);
    ASSERT(3, n / -b);
    ASSERT(-2, n % -b);
    ASSERT(-3, a / -b);
    ASSERT(2, a % -b);

    ASSERT(2000000000000L, la * 2);
    ASSERT(1000000000017L, la + a);
    ASSERT(333333333333L, la / 3);
    ASSERT(1, la % 3);
    ASSERT(-1000000000000L, -la);
    ASSERT(4000000000000000000L, la * 4000000);

    ASSERT(3, ua / 5);
    ASSERT(2, ua % 5);
    ASSERT_U(4294967279u, -ua);
    ASSERT_U(858993455u, (0u - 17) / 5);

    ASSERT_F(1.75, x + y);
    ASSERT_F(1.25, x - y);
    ASSERT_F(0.375, x * y);
    ASSERT_F(6.0, x / y);
    ASSERT_F(-1.5, -x);
    ASSERT_F(3.75, fx * x);
    ASSERT_F(5.0f, fx + fx);
    ASSERT_F(0.1 + 0.2, 0.30000000000000004);
    ASSERT_F(1.0 / 3.0, 0.33333333333333331);
    ASSERT_F(7.0 / 2, 3.5);
    ASSERT_F(7 / 2, 3.0);
    ASSERT_F(1e308 * 10 / 1e308, 1.0 / 0.0);

    /* Chars and shorts compute in int. */
    char c = 127;
    short s = 32767;
    ASSERT(128, c + 1);
    ASSERT(32768, s + 1);
    ASSERT(16129, c * c);
    ASSERT(1073676289, s * s);

    /* A long computation mixing everything. */
    long sum = 0;
    for (int i = 1; i <= 100; i = i + 1)
        sum = sum + i * i - i / 3 + i % 7;
    printf("sum = %ld\n", sum);
    ASSERT(336997, sum);

    double h = 0;
    for (int i = 1; i <= 10; i = i + 1)
        h = h + 1.0 / i;
    printf("harmonic(10) = %.15f\n", h);

    return test_done();
}
