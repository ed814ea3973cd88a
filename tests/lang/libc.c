/* Calls into libc: printf with the common formats and default argument
 * promotions, snprintf, malloc/calloc/realloc/free, string.h, stdlib.h
 * conversions. (qsort and bsearch need function pointers: tier2_qsort.c.) */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "test.h"

static void formats(void)
{
    char c = 'z';
    signed char sc = -5;
    unsigned char uc = 250;
    short s = -1234;
    unsigned short us = 60000;
    float f = 1.25f;
    long l = -1234567890123L;
    unsigned long ul = 12345678901234UL;
    long long ll = -9000000000000000000LL;
    unsigned long long ull = 18000000000000000000ULL;
    size_t sz = 123;
    ptrdiff_t pd = -77;

    /* char, short and float are promoted to int and double. */
    printf("%c %d %d %u %d %u\n", c, sc, uc, uc, s, us);
    printf("%hd %hu %hhd %hhu\n", s, us, sc, uc);
    printf("%f %e %g %.3f %10.4f|%-10.2f|\n", f, f, f, f, f, f);
    printf("%ld %lu %lld %llu\n", l, ul, ll, ull);
    printf("%zu %td\n", sz, pd);
    printf("%x %X %o %#x %#o %08x\n", 255, 255, 8, 255, 8, 0xbeef);
    printf("%lx %llX\n", 0xdeadbeefcafeUL, 0xfeedfacecafebeefULL);
    printf("[%5d] [%-5d] [%05d] [%+d] [% d]\n", 42, 42, 42, 42, 42);
    printf("[%*d] [%-*d] [%.*f]\n", 6, 7, 6, 7, 2, 3.14159);
    printf("%s %.3s %10s %-10s|\n", "string", "string", "right", "left");
    printf("%e %E %g %G\n", 123456.789, 0.000123, 1e-10, 1e20);
    printf("%.0f %.1f %.10f\n", 2.5, 0.05, 1.0 / 3);
    printf("%g %g %g\n", 100000.0, 1000000.0, 0.0001);
    printf("%a\n", 1.0);
    printf("%%d %c%c\n", 'o', 'k');
    printf("%i\n", -17);
    int printed = printf("twelve chars");
    printf("\n");
    ASSERT(12, printed);
}

static void strings(void)
{
    char buf[64];

    ASSERT(5, strlen("hello"));
    ASSERT(0, strlen(""));
    ASSERT(0, strcmp("abc", "abc"));
    ASSERT(1, strcmp("abd", "abc") > 0);
    ASSERT(1, strcmp("ab", "abc") < 0);
    ASSERT(0, strncmp("abcdef", "abcxyz", 3));
    strcpy(buf, "copy");
    ASSERT_S("copy", buf);
    strcat(buf, " and cat");
    ASSERT_S("copy and cat", buf);
    strncpy(buf, "xyz", 2);
    ASSERT_S("xypy and cat", buf);
    ASSERT_S("and cat", strchr(buf, 'a'));
    ASSERT_S("at", strrchr(buf, 'a'));
    ASSERT(1, strchr(buf, 'q') == NULL);
    ASSERT_S("cat", strstr(buf, "cat"));
    ASSERT(4, strspn("aaab", "a") + 1);
    ASSERT(3, strcspn("abc,def", ","));
    memset(buf, 'x', 5);
    buf[5] = 0;
    ASSERT_S("xxxxx", buf);
    memcpy(buf, "12345", 3);
    ASSERT_S("123xx", buf);
    memmove(buf + 1, buf, 4);
    ASSERT_S("1123x", buf);
    ASSERT(0, memcmp("abc", "abd", 2));
    ASSERT(1, memcmp("abc", "abd", 3) < 0);
    ASSERT(1, memchr("hello", 'l', 5) != NULL);

    int n = snprintf(buf, sizeof buf, "%d-%s-%.2f", 7, "x", 2.5);
    ASSERT(8, n);
    ASSERT_S("7-x-2.50", buf);
    n = snprintf(buf, 4, "%s", "truncated");
    ASSERT(9, n);
    ASSERT_S("tru", buf);
    sprintf(buf, "%05.1f|%x", 3.14159, 48879);
    ASSERT_S("003.1|beef", buf);
}

static void memory(void)
{
    int *a = malloc(100 * sizeof(int));
    ASSERT(1, a != NULL);
    for (int i = 0; i < 100; i++)
        a[i] = i * 3;
    long sum = 0;
    for (int i = 0; i < 100; i++)
        sum += a[i];
    ASSERT(14850, sum);
    a = realloc(a, 1000 * sizeof(int));
    ASSERT(297, a[99]);
    a[999] = 5;
    ASSERT(5, a[999]);
    free(a);

    double *z = calloc(10, sizeof(double));
    double total = 0;
    for (int i = 0; i < 10; i++)
        total += z[i];
    ASSERT_F(0.0, total);
    free(z);

    char *s = malloc(32);
    strcpy(s, "heap string");
    ASSERT_S("heap string", s);
    free(s);
    free(NULL);

    /* A growing buffer: many small allocations. */
    char **lines = malloc(50 * sizeof(char *));
    for (int i = 0; i < 50; i++) {
        lines[i] = malloc(16);
        snprintf(lines[i], 16, "line %d", i);
    }
    ASSERT_S("line 42", lines[42]);
    for (int i = 0; i < 50; i++)
        free(lines[i]);
    free(lines);
}

static void conversions(void)
{
    ASSERT(123, atoi("123"));
    ASSERT(-45, atoi("  -45xyz"));
    ASSERT(1234567890123L, atol("1234567890123"));
    ASSERT_F(2.5, atof("2.5"));
    char *end;
    ASSERT(255, strtol("ff rest", &end, 16));
    ASSERT_S(" rest", end);
    ASSERT(8, strtol("010", NULL, 0));
    ASSERT(16, strtol("0x10", NULL, 0));
    ASSERT_U(18446744073709551615ULL, strtoull("18446744073709551615", NULL, 10));
    ASSERT_F(0.125, strtod("1.25e-1", &end));
    ASSERT(0, *end);
    ASSERT(5, abs(-5));
    ASSERT(5000000000L, labs(-5000000000L));
    srand(1);
    int r = rand();
    ASSERT(1, r >= 0 && r <= RAND_MAX);
}

int main(int argc, char **argv)
{
    formats();
    strings();
    memory();
    conversions();
    puts("puts adds a newline");
    putchar('!');
    putchar('\n');
    fputs("fputs to stdout\n", stdout);
    fprintf(stdout, "fprintf %d\n", 3);
    fflush(stdout);
    return test_done();
}
