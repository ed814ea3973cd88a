/* Functions: prototypes, forward calls, recursion, mutual recursion,
 * static functions, many arguments, mixed int and float arguments, void
 * functions, arguments evaluated before the call. */
#include "test.h"

int add(int a, int b);
static long fib(int n);
int is_even(unsigned n);
int is_odd(unsigned n);
double mix(int a, double b, long c, float d, char e, double f);
int ten(int a, int b, int c, int d, int e, int f, int g, int h, int i, int j);
double ten_d(double a, double b, double c, double d, double e, double f,
             double g, double h, double i, double j);
long sixteen(long a, double b, long c, double d, long e, double f, long g,
             double h, long i, double j, long k, double l, long m, double n,
             long o, double p);
static void nothing(void);
static int counter(void);

int main(void)
{
    ASSERT(7, add(3, 4));
    ASSERT(-1, add(3, -4));
    ASSERT(55, fib(10));
    ASSERT(832040, fib(30));
    ASSERT(1, is_even(10));
    ASSERT(0, is_even(7));
    ASSERT(1, is_odd(7));
    ASSERT_F(1 + 2.5 + 3 + 4.25 + 5 + 6.5, mix(1, 2.5, 3, 4.25f, 5, 6.5));
    ASSERT(55, ten(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
    ASSERT(1234567890, ten(1, 2, 3, 4, 5, 6, 7, 8, 9, 0) * 10 / 10 == 45 ?
                          1234567890 : 0);
    ASSERT_F(5.5, ten_d(.1, .2, .3, .4, .5, .6, .7, .8, .9, 1.0));
    ASSERT(136, sixteen(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16));
    nothing();
    ASSERT(1, counter());
    ASSERT(2, counter());
    ASSERT(3, counter());
    ASSERT(21, add(add(1, 2), add(add(3, 4), add(5, 6))));
    ASSERT(89, fib(fib(5) + 6));
    return test_done();
}

int add(int a, int b)
{
    return a + b;
}

static long fib(int n)
{
    if (n < 2)
        return n;
    return fib(n - 1) + fib(n - 2);
}

int is_even(unsigned n)
{
    return n == 0 ? 1 : is_odd(n - 1);
}

int is_odd(unsigned n)
{
    if (n == 0)
        return 0;
    return is_even(n - 1);
}

double mix(int a, double b, long c, float d, char e, double f)
{
    printf("mix %d %g %ld %g %d %g\n", a, b, c, d, e, f);
    return a + b + c + d + e + f;
}

int ten(int a, int b, int c, int d, int e, int f, int g, int h, int i, int j)
{
    printf("ten %d %d %d %d %d %d %d %d %d %d\n", a, b, c, d, e, f, g, h, i, j);
    return a + b + c + d + e + f + g + h + i + j;
}

double ten_d(double a, double b, double c, double d, double e, double f,
             double g, double h, double i, double j)
{
    printf("ten_d %.1f %.1f %.1f %.1f %.1f %.1f %.1f %.1f %.1f %.1f\n",
           a, b, c, d, e, f, g, h, i, j);
    return ((((a + b) + c) + d) + e) + f + g + h + i + j;
}

long sixteen(long a, double b, long c, double d, long e, double f, long g,
             double h, long i, double j, long k, double l, long m, double n,
             long o, double p)
{
    return a + (long)b + c + (long)d + e + (long)f + g + (long)h + i +
           (long)j + k + (long)l + m + (long)n + o + (long)p;
}

static void nothing(void)
{
    printf("nothing\n");
    return;
}

static int counter(void)
{
    static int n;
    return ++n;
}
