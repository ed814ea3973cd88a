/* __int128 and unsigned __int128: arithmetic past 64 bits, conversions
 * that extend by the source's signedness (a 64-bit constant converted is
 * not sign-extended when unsigned), file-scope initialisers, the ABI of
 * 128-bit arguments (two registers, va_arg, the stack) and struct layout. */
#include <stdarg.h>
#include <stdio.h>

typedef unsigned __int128 u128;
typedef __int128 s128;
typedef int ti_int __attribute__((mode(TI)));

struct holder { char c; __int128 x; long y; };
struct pair { long a; __int128 b; };

static u128 g = 12345;
static __int128_t gneg = -7;
static u128 gbig = 0xFFFFFFFFFFFFFFFFull;   /* 2^64 - 1, not -1 */
static __uint128_t gzero;

static void put(const char *what, u128 v) {
    char buf[48];
    int n = 0;
    do {
        buf[n++] = (char)('0' + (int)(v % 10));
        v /= 10;
    } while (v);
    printf("%s ", what);
    while (n)
        putchar(buf[--n]);
    putchar('\n');
}

static void put_signed(const char *what, s128 v) {
    if (v < 0) {
        printf("%s -", what);
        put("", (u128)-v);
    } else {
        put(what, (u128)v);
    }
}

static u128 mul(u128 a, u128 b) { return a * b; }
static s128 sdiv(s128 a, s128 b) { return a / b; }

static u128 sum(int n, ...) {
    va_list ap;
    va_start(ap, n);
    u128 s = 0;
    for (int i = 0; i < n; i++)
        s += va_arg(ap, u128);
    va_end(ap);
    return s;
}

/* x arrives on the stack: five registers are taken and a 128-bit value
 * never splits between the last register and the stack. */
static s128 late(int a, int b, int c, int d, int e, s128 x) {
    return x + a + b + c + d + e;
}

static s128 take(struct pair p) { return p.b - p.a; }

int main(void) {
    u128 a = (u128)1 << 100;
    put("2^100", a);
    put("max64^2", mul(0xFFFFFFFFFFFFFFFFull, 0xFFFFFFFFFFFFFFFFull));
    put_signed("div", sdiv(-((s128)1 << 90), (s128)1 << 80));
    printf("layout %zu %zu %zu %zu\n", sizeof(struct holder), _Alignof(struct holder),
           __builtin_offsetof(struct holder, x), sizeof(ti_int));
    put("g", g);
    put("gneg", (u128)gneg);
    put("gbig", gbig);
    put("gzero", gzero);

    u128 x = 0xFFFFFFFFFFFFFFFFull;
    x += 1;
    put("carry", x);
    s128 y = (s128)-1;
    unsigned long long ull = 0xFFFFFFFFFFFFFFFFull;
    s128 z = ull;          /* zero-extended */
    s128 w = (long long)ull;   /* sign-extended */
    put_signed("y", y);
    put_signed("z", z);
    put_signed("w", w);

    printf("double %.17g\n", (double)a);
    put("from double", (u128)1e30);
    long double ld = (long double)((u128)1 << 100);
    printf("ldouble %.5Lg %d\n", ld, (int)((u128)ld >> 96));
    printf("compare %d %d %d\n", a > x, y < 0, (u128)y > a);

    u128 big = ((u128)1 << 127) | 5;
    u128 s = sum(5, (u128)1, big, (u128)3, big, (u128)7);
    printf("va_arg %llx %llx\n", (unsigned long long)(s >> 64), (unsigned long long)s);
    put_signed("stack", late(1, 2, 3, 4, 5, (s128)-100));
    struct pair p = {3, (s128)1 << 70};
    printf("struct %llx\n", (unsigned long long)(take(p) >> 64));

    u128 r;
    int o1 = __builtin_mul_overflow(0x7fffffffffffffffLL, 0x7fffffffffffffffLL, &r);
    long long t;
    int o2 = __builtin_add_overflow((s128)1 << 100, 1, &t);
    printf("overflow %d %llx %d\n", o1, (unsigned long long)(r >> 64), o2);

    s128 neg = -((s128)3 << 70);
    printf("shift %d %d\n", (int)(neg >> 70), (int)(neg % 7));
    u128 sh = 1;
    sh <<= 127;
    sh >>= 120;
    printf("sh %d %d\n", (int)sh, _Generic((s128)0, __int128: 1, default: 2));
    printf("size %d %zu\n", __SIZEOF_INT128__, sizeof(__uint128_t));
    return 0;
}
