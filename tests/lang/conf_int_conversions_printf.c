/* Probes integer wraparound and narrowing, integer <-> floating conversions at the limits, and printf's conversions and flags. */
#include <stdio.h>
#include <limits.h>
#include <stdint.h>
#include <stddef.h>
int main(void) {
    unsigned u = 0; u--; printf("%u\n", u);
    unsigned char uc = 200; uc += 100; printf("%d\n", uc);
    signed char sc = 127; sc++; printf("%d\n", sc);
    char c = 0xff; printf("%d\n", c);
    int i = -7; printf("%d %d %d %d\n", i / 2, i % 2, i >> 1, (unsigned)i >> 28);
    long long ll = LLONG_MAX; printf("%lld %llx\n", ll, (unsigned long long)ll + 1);
    printf("%d %d\n", INT_MAX, INT_MIN);
    printf("%ld %lu\n", LONG_MIN, ULONG_MAX);
    unsigned short us = 65535; us <<= 1; printf("%u\n", us);
    int x = 1; x <<= 31; printf("%d\n", x);
    printf("%d\n", (short)70000);
    printf("%u\n", (unsigned)-1 / 3);
    printf("%d\n", -1 < 0u);
    printf("%d\n", (long)-1 < 0u);
    printf("%d\n", (unsigned char)-1 == 255);
    uint64_t big = 18446744073709551615ULL; double d = big; printf("%.1f\n", d);
    double dd = 1e19; unsigned long ul = dd; printf("%lu\n", ul);
    float f = 3.75f; int fi = f; printf("%d %d\n", fi, (int)-3.75);
    long double ld = 1.0L / 3; printf("%.15Lf %Lg\n", ld, ld * 3);
    unsigned long long ull = (unsigned long long)(long double)1.8e19; printf("%llu\n", ull);
    printf("%d\n", (int)(char)300);
    printf("%x %o %X %#x %#o\n", 255, 8, 0xabc, 255, 8);
    printf("%5d|%-5d|%05d|%+d|% d\n", 42, 42, 42, 42, 42);
    printf("%e %g %G %.3e %a\n", 12345.678, 0.0001234, 1e20, 1.5, 1.0);
    printf("%c%c%c %s %.3s %10s|%-10s|\n", 'a', 66, '\n', "str", "abcdef", "r", "l");
    printf("%p\n", (void*)0);
    printf("%%  %hhd %hd %zu %td\n", (char)300, (short)-2, sizeof(long), (ptrdiff_t)-5);
    printf("%jd %ju\n", (intmax_t)-1, (uintmax_t)-1);
    int n; printf("abc%n", &n); printf(" %d\n", n);
    printf("%*d|%-*d|%.*f\n", 6, 1, 4, 2, 2, 3.14159);
    return 0;
}
