/* Probes struct values in expressions, designated and brace-elided initialisers, string-initialised arrays, long double <-> 64-bit integer conversions. */
#include <stdio.h>
#include <string.h>
struct V { double x, y; };
struct R { int a; char tag[8]; };
static struct V vadd(struct V a, struct V b) { struct V r; r.x = a.x + b.x; r.y = a.y + b.y; return r; }
static struct R mkr(int a) { struct R r = {a, "tag"}; r.tag[3] = '0' + a; return r; }
static struct V (*vf)(struct V, struct V) = vadd;
struct Inner { short s[3]; };
struct Outer { int n; struct Inner in[2]; union { int i; char c[4]; } u; };
static struct Outer g_o = {1, {{{1, 2, 3}}, {{4}}}, {.c = {'a', 'b'}}};
static int next_id(void) { static int id = 100; static const char *names[] = {"x", "y"}; (void)names; return id++; }
int main(void) {
    struct V a = {1, 2}, b = {3, 4};
    printf("%.1f %.1f\n", vadd(a, b).x, vf(a, b).y);
    printf("%s %d\n", mkr(5).tag, mkr(7).a);
    struct V c = 1 ? a : b; printf("%.1f\n", c.y);
    struct V d, e; d = e = a; printf("%.1f %.1f\n", d.x, e.y);
    struct V arr[2] = {a, b}; struct V arr2[2]; memcpy(arr2, arr, sizeof arr); printf("%.1f\n", arr2[1].x);
    printf("%d %d %d %c%c %d\n", g_o.n, g_o.in[0].s[2], g_o.in[1].s[0], g_o.u.c[0], g_o.u.c[1], g_o.u.c[2]);
    struct Outer lo = {.u.i = 65, .in[1].s[2] = 9, .n = 3}; printf("%d %d %c %d\n", lo.n, lo.in[1].s[2], lo.u.c[0], lo.in[0].s[0]);
    printf("%d %d %d\n", next_id(), next_id(), next_id());
    int arr3[10] = {[3] = 3, [7] = 7, 8, [1] = 1}; for (int i = 0; i < 10; i++) printf("%d", arr3[i]); printf("\n");
    char s[10] = "hi"; printf("%d %d %zu\n", s[2], s[9], sizeof s);
    char t[] = {'a', 'b', 0}; printf("%s %zu\n", t, sizeof t);
    int m[][2] = {{1, 2}, {3}, 5, 6}; printf("%zu %d %d %d\n", sizeof m / sizeof m[0], m[1][1], m[2][0], m[2][1]);
    struct { int a[3]; int b; } sa = {1, 2, 3, 4}; printf("%d %d\n", sa.a[2], sa.b);
    struct R rr[] = {{1, "a"}, {2, "bb"}}; printf("%s %zu\n", rr[1].tag, sizeof rr);
    const struct V *cp = &a; struct V copy = *cp; printf("%.1f\n", copy.x);
    struct V *pv = &arr[0]; (pv + 1)->x = 9; printf("%.1f\n", arr[1].x);
    long double ld = 18446744073709551615.0L; unsigned long long u = ld; printf("%llu\n", u);
    long double ld2 = -1.5L; long long sl = ld2; printf("%lld\n", sl);
    unsigned long long big = 0xfedcba9876543210ULL; long double lb = big; printf("%.0Lf\n", lb);
    float ff = big; printf("%.0f\n", ff); double dd = big; printf("%.0f\n", dd);
    double dneg = -2.5; unsigned int ui = (unsigned int)(int)dneg; printf("%u\n", ui);
    return 0;
}
