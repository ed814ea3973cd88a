/* Variadic definitions: many arguments of mixed classes (beyond the six
 * integer and eight SSE registers), va_copy, va_list passed on to
 * vsnprintf and to our own function, structs and long double by va_arg. */
#include <stdarg.h>
#include <stdio.h>
#include "test.h"

/* As <stdio.h> declares it (redeclared: older memjit headers lack it). */
int vsnprintf(char *, unsigned long, const char *, va_list);

struct small { int a, b; };
struct pair { long x; long y; };
struct dbl2 { double x, y; };
struct mixed { double d; int i; };
struct big { long v[5]; };

static long sum_longs(int n, ...)
{
    va_list ap;
    va_start(ap, n);
    long s = 0;
    for (int i = 0; i < n; i++)
        s += va_arg(ap, long);
    va_end(ap);
    return s;
}

/* "i" int, "d" double, "p" pointer to int, "c" char (promoted) */
static double mix(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    double s = 0;
    for (const char *f = fmt; *f; f++) {
        switch (*f) {
        case 'i': s += va_arg(ap, int); break;
        case 'd': s += va_arg(ap, double); break;
        case 'p': s += *va_arg(ap, int *); break;
        case 'c': s += (char)va_arg(ap, int); break;
        case 'L': s += (double)va_arg(ap, long double); break;
        }
    }
    va_end(ap);
    return s;
}

static int twice(int n, ...)
{
    va_list ap, aq;
    va_start(ap, n);
    va_copy(aq, ap);
    int s = 0;
    for (int i = 0; i < n; i++)
        s += va_arg(ap, int);
    for (int i = 0; i < n; i++)
        s += 10 * va_arg(aq, int);
    va_end(aq);
    va_end(ap);
    /* va_start again starts over */
    va_start(ap, n);
    s += 1000 * va_arg(ap, int);
    va_end(ap);
    return s;
}

static int format(char *buf, int size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

static int vsum(int n, va_list ap)
{
    int s = 0;
    for (int i = 0; i < n; i++)
        s += va_arg(ap, int);
    return s;
}

static int sum_via(int n, ...)
{
    va_list ap;
    va_start(ap, n);
    int s = vsum(n, ap);
    va_end(ap);
    return s;
}

static long structs(int n, ...)
{
    va_list ap;
    va_start(ap, n);
    long s = 0;
    for (int i = 0; i < n; i++) {
        struct small sm = va_arg(ap, struct small);
        struct pair pr = va_arg(ap, struct pair);
        struct dbl2 d2 = va_arg(ap, struct dbl2);
        struct mixed mx = va_arg(ap, struct mixed);
        struct big bg = va_arg(ap, struct big);
        s += sm.a + sm.b * 10 + pr.x * 100 + pr.y * 1000 + (long)(d2.x * 4) + (long)(d2.y * 8) +
             (long)mx.d + mx.i + bg.v[0] + bg.v[4];
    }
    va_end(ap);
    return s;
}

static double after_doubles(double a, double b, int n, ...)
{
    va_list ap;
    va_start(ap, n);
    double s = a + b;
    for (int i = 0; i < n; i++)
        s += va_arg(ap, double) * (i + 1);
    va_end(ap);
    return s;
}

int (*fp)(int, ...) = twice;

int main(void)
{
    int seven = 7;
    ASSERT(21, sum_longs(6, 1L, 2L, 3L, 4L, 5L, 6L));
    ASSERT(210, sum_longs(20, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L,
                          16L, 17L, 18L, 19L, 20L));
    ASSERT_F(1 + 2.5 + 7 + 65 + 3 + 4.25 + 5 + 6.5 + 7 + 8.5 + 9 + 10.5 + 11 + 12.5 + 13 + 14.5 +
                 15 + 16.5 + 17 + 18.5 + 19 + 20.5 + 2.25,
             mix("idpcidididididididididL", 1, 2.5, &seven, 'A', 3, 4.25, 5, 6.5, 7, 8.5, 9, 10.5,
                 11, 12.5, 13, 14.5, 15, 16.5, 17, 18.5, 19, 20.5, 2.25L));
    ASSERT(3 + 30 + 1000, twice(2, 1, 2));
    ASSERT(1000 * 4 + 4 + 5 + 6 + 10 * 15, fp(3, 4, 5, 6));
    char buf[64];
    ASSERT(14, format(buf, sizeof buf, "%d-%s-%.3f|%c", 42, "abc", 3.14159, 'z'));
    ASSERT_S("42-abc-3.142|z", buf);
    ASSERT(5, format(buf, 3, "%05d", 7));
    ASSERT_S("00", buf);
    ASSERT(55, sum_via(10, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
    struct small sm = {1, 2};
    struct pair pr = {3, 4};
    struct dbl2 d2 = {0.5, 0.25};
    struct mixed mx = {5.5, 6};
    struct big bg = {{7, 0, 0, 0, 9}};
    long one = 1 + 20 + 300 + 4000 + 2 + 2 + 5 + 6 + 7 + 9;
    ASSERT(one, structs(1, sm, pr, d2, mx, bg));
    ASSERT(3 * one, structs(3, sm, pr, d2, mx, bg, sm, pr, d2, mx, bg, sm, pr, d2, mx, bg));
    ASSERT_F(3 + 1 + 4 + 9 + 16 + 25 + 36 + 49 + 64 + 81 + 100,
             after_doubles(1, 2, 10, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0));
    printf("%s\n", buf);
    return test_done();
}
