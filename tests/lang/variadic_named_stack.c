/* Variadic definitions whose named parameters do not all fit in
 * registers: six and seven named integers, a named long double, a named
 * struct passed in memory, a small struct after six integers, eight and
 * nine named doubles. The variadic arguments that follow sit on the
 * stack just past the named ones; va_copy and vsnprintf must see them. */
#include <stdarg.h>
#include <stdio.h>
#include "test.h"

int vsnprintf(char *, unsigned long, const char *, va_list);

struct s24 { long a, b, c; };
struct two { int x, y; };
struct dd { double x, y; };

/* six named integers: no register left for the va_list pointer */
static long six(int a, int b, int c, int d, int e, int n, ...)
{
    va_list ap;
    va_start(ap, n);
    long s = a + 10 * b + 100 * c + 1000 * d + 10000 * e;
    for (int i = 0; i < n; i++)
        s += va_arg(ap, int) * (i + 1);
    va_end(ap);
    return s;
}

/* seven named integers: the seventh is in memory, "i"/"d" in fmt */
static double seven(long a, long b, long c, long d, long e, long f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    double s = (double)(a + b + c + d + e + f);
    for (const char *p = fmt; *p; p++)
        s = s * 2 + (*p == 'i' ? va_arg(ap, int) : va_arg(ap, double));
    va_end(ap);
    return s;
}

/* a named long double between integers */
static long double with_ld(int n, long double scale, ...)
{
    va_list ap;
    va_start(ap, scale);
    long double s = 0;
    for (int i = 0; i < n; i++)
        s += scale * va_arg(ap, double) + va_arg(ap, long);
    va_end(ap);
    return s;
}

/* a named 24-byte struct (memory class) */
static long with_s24(struct s24 v, int n, ...)
{
    va_list ap;
    va_start(ap, n);
    long s = v.a * 100 + v.b * 10 + v.c;
    for (int i = 0; i < n; i++) {
        struct s24 w = va_arg(ap, struct s24);
        s += w.a + w.b + w.c + va_arg(ap, int);
    }
    va_end(ap);
    return s;
}

/* six integers, then a small struct that no longer fits in registers */
static long with_two(int a, int b, int c, int d, int e, int f, struct two t, int n, ...)
{
    va_list ap;
    va_start(ap, n);
    long s = a + b + c + d + e + f + t.x * 100 + t.y * 1000;
    for (int i = 0; i < n; i++)
        s += va_arg(ap, long) * 3;
    va_end(ap);
    return s;
}

/* eight named doubles: variadic doubles go to the stack */
static double eight(double a, double b, double c, double d, double e, double f, double g,
                    double h, int n, ...)
{
    va_list ap;
    va_start(ap, n);
    double s = a + b + c + d + e + f + g + h;
    for (int i = 0; i < n; i++)
        s += va_arg(ap, double) * (i + 2) + va_arg(ap, int);
    va_end(ap);
    return s;
}

/* nine named doubles: the ninth is in memory */
static double nine(double a, double b, double c, double d, double e, double f, double g,
                   double h, double i9, int n, ...)
{
    va_list ap;
    va_start(ap, n);
    double s = a + b + c + d + e + f + g + h + i9 * 1000;
    for (int i = 0; i < n; i++)
        s += va_arg(ap, double) + va_arg(ap, int) * 0.5;
    va_end(ap);
    return s;
}

/* va_copy over a list built past named memory arguments */
static long twice(int a, int b, int c, int d, int e, int f, int g, int n, ...)
{
    va_list ap, aq;
    va_start(ap, n);
    va_copy(aq, ap);
    long s = a + b + c + d + e + f + g * 7;
    for (int i = 0; i < n; i++)
        s += va_arg(ap, long);
    for (int i = 0; i < n; i++)
        s += 100 * va_arg(aq, long);
    va_end(aq);
    va_end(ap);
    return s;
}

/* vsnprintf from such a va_list, with a long double and a struct in front */
static int format(struct s24 tag, long double ld, char *buf, int a, int b, int c, int d,
                  unsigned long size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = snprintf(buf, size, "%ld:%ld:%ld/%.2Lf/%d%d%d%d|", tag.a, tag.b, tag.c, ld, a,
                     b, c, d);
    n += vsnprintf(buf + n, size - n, fmt, ap);
    va_end(ap);
    return n;
}

/* a struct returned in memory: the hidden pointer takes %rdi too */
static struct s24 ret_big(int a, int b, int c, int d, int e, int n, ...)
{
    va_list ap;
    va_start(ap, n);
    struct s24 r = {a + b, c + d, e};
    for (int i = 0; i < n; i++)
        r.c += va_arg(ap, int);
    va_end(ap);
    return r;
}

/* a named struct of two doubles after seven doubles: only one SSE left */
static double with_dd(double a, double b, double c, double d, double e, double f, double g,
                      struct dd v, int n, ...)
{
    va_list ap;
    va_start(ap, n);
    double s = a + b + c + d + e + f + g + v.x * 10 + v.y * 100;
    for (int i = 0; i < n; i++)
        s += va_arg(ap, double);
    va_end(ap);
    return s;
}

/* a seventh integer, then a long double that the caller aligns to 16,
 * and a 24-byte struct: padding in the caller's area; the va_list
 * pointer itself goes in memory. */
static long double padded(int a, int b, int c, int d, int e, int f, int g, long double x,
                          struct s24 v, int n, ...)
{
    va_list ap;
    va_start(ap, n);
    long double s = a + b + c + d + e + f + g * 10 + x * 100 + v.a + v.b + v.c;
    for (int i = 0; i < n; i++) {
        s += va_arg(ap, long double);
        struct s24 w = va_arg(ap, struct s24);
        s += w.a * 1000 + va_arg(ap, double);
    }
    va_end(ap);
    return s;
}

/* called through a pointer */
static long (*six_ptr)(int, int, int, int, int, int, ...) = six;

int main(void)
{
    struct s24 pv = {1, 2, 3};
    ASSERT_F(21 + 70 + 250 + 6, (double)padded(1, 2, 3, 4, 5, 6, 7, 2.5L, pv, 0));
    ASSERT_F(21 + 70 + 250 + 6 + 0.75 + 1000 + 0.5 + 1.25 + 2000 + 0.25,
             (double)padded(1, 2, 3, 4, 5, 6, 7, 2.5L, pv, 2, 0.75L, pv, 0.5, 1.25L,
                            (struct s24){2, 0, 0}, 0.25));
    ASSERT(54321 + 7 + 16, six_ptr(1, 2, 3, 4, 5, 2, 7, 8));
    ASSERT(54321, six(1, 2, 3, 4, 5, 0));
    ASSERT(54321 + 7 + 16 + 27 + 40 + 55 + 72, six(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12));
    ASSERT_F(21, seven(1, 2, 3, 4, 5, 6, ""));
    ASSERT_F(((21 * 2 + 1) * 2 + 0.5) * 2 + 3,
             seven(1, 2, 3, 4, 5, 6, "idi", 1, 0.5, 3));
    ASSERT_F(((((((((21.0 * 2 + 1) * 2 + 2) * 2 + 3) * 2 + 4) * 2 + 0.25) * 2 + 6) * 2 + 7) * 2
              + 8) * 2 + 9,
             seven(1, 2, 3, 4, 5, 6, "iiiidiiii", 1, 2, 3, 4, 0.25, 6, 7, 8, 9));
    ASSERT_F(2 * 1.5 + 10 + 2 * 2.5 + 20, (double)with_ld(2, 2.0L, 1.5, 10L, 2.5, 20L));
    ASSERT_F(0, (double)with_ld(0, 3.0L));
    double many = 0;
    for (int i = 0; i < 10; i++)
        many += 0.5 * (i + 1) + i;
    ASSERT_F(many, (double)with_ld(10, 0.5L, 1.0, 0L, 2.0, 1L, 3.0, 2L, 4.0, 3L, 5.0, 4L, 6.0,
                                   5L, 7.0, 6L, 8.0, 7L, 9.0, 8L, 10.0, 9L));
    struct s24 v = {1, 2, 3}, w = {10, 20, 30};
    ASSERT(123, with_s24(v, 0));
    ASSERT(123 + 60 + 5 + 60 + 6, with_s24(v, 2, w, 5, w, 6));
    struct two t = {4, 5};
    ASSERT(21 + 400 + 5000, with_two(1, 2, 3, 4, 5, 6, t, 0));
    ASSERT(21 + 400 + 5000 + 3 * (7 + 8 + 9), with_two(1, 2, 3, 4, 5, 6, t, 3, 7L, 8L, 9L));
    ASSERT_F(36, eight(1, 2, 3, 4, 5, 6, 7, 8, 0));
    ASSERT_F(36 + 0.5 * 2 + 1 + 0.25 * 3 + 2 + 4 * 4 + 3,
             eight(1, 2, 3, 4, 5, 6, 7, 8, 3, 0.5, 1, 0.25, 2, 4.0, 3));
    ASSERT_F(36 + 9000, nine(1, 2, 3, 4, 5, 6, 7, 8, 9, 0));
    ASSERT_F(36 + 9000 + 0.5 + 1 + 1.5 + 2 + 2.5 + 3,
             nine(1, 2, 3, 4, 5, 6, 7, 8, 9, 3, 0.5, 2, 1.5, 4, 2.5, 6));
    ASSERT(28 + 7 * 7 - 7 + 101 * (1 + 2 + 3 + 4 + 5 + 6 + 7 + 8 + 9 + 10),
           twice(1, 2, 3, 4, 5, 6, 7, 10, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L));
    char buf[128];
    int n = format(v, 2.5L, buf, 1, 2, 3, 4, sizeof buf, "%d-%s-%.3f|%c|%d %d %d %d %d %.1f %.1f",
                   42, "abc", 3.14159, 'z', 1, 2, 3, 4, 5, 6.5, 7.5);
    ASSERT(n, (int)strlen(buf));
    ASSERT_S("1:2:3/2.50/1234|42-abc-3.142|z|1 2 3 4 5 6.5 7.5", buf);
    struct s24 r = ret_big(1, 2, 3, 4, 5, 3, 10, 20, 30);
    ASSERT(3, r.a);
    ASSERT(7, r.b);
    ASSERT(65, r.c);
    r = ret_big(1, 2, 3, 4, 5, 0);
    ASSERT(5, r.c);
    struct dd dv = {1.5, 0.25};
    ASSERT_F(28 + 15 + 25, with_dd(1, 2, 3, 4, 5, 6, 7, dv, 0));
    ASSERT_F(28 + 15 + 25 + 0.5 + 0.125, with_dd(1, 2, 3, 4, 5, 6, 7, dv, 2, 0.5, 0.125));
    printf("%s\n", buf);
    return test_done();
}
