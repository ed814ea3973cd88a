/* Tier two: variadic function definitions with stdarg.h. */
#include <stdarg.h>
#include "test.h"

/* As <stdio.h> declares it (redeclared: older memjit headers lack it). */
int vprintf(const char *, va_list);

static int sum_ints(int n, ...)
{
    va_list ap;
    va_start(ap, n);
    int s = 0;
    for (int i = 0; i < n; i++)
        s += va_arg(ap, int);
    va_end(ap);
    return s;
}

static double sum_doubles(int n, ...)
{
    va_list ap;
    va_start(ap, n);
    double s = 0;
    for (int i = 0; i < n; i++)
        s += va_arg(ap, double);
    va_end(ap);
    return s;
}

static void my_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
}

int main(void)
{
    ASSERT(15, sum_ints(5, 1, 2, 3, 4, 5));
    ASSERT(0, sum_ints(0));
    ASSERT(78, sum_ints(12, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12));
    ASSERT_F(7.5, sum_doubles(3, 1.5, 2.5, 3.5));
    ASSERT_F(3.0, sum_doubles(10, .3, .3, .3, .3, .3, .3, .3, .3, .3, .3) > 2.99 ? 3.0 : 0);
    my_printf("%s %d %.2f\n", "vprintf", 42, 2.5);
    return test_done();
}
