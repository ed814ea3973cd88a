/* GCC builtins with gcc's semantics: bit counting and byte swapping,
 * checked arithmetic (typed and type-generic, including the _p forms
 * whose third argument only gives the type), comparisons that are quiet
 * on NaN, fpclassify, expect, prefetch, object_size, and the ones gcc
 * answers while compiling: classify_type, constant_p, types_compatible_p
 * and choose_expr. The values depend on argc so that gcc cannot fold
 * them. */
#include <stdio.h>
#include <limits.h>

enum A { X } ea;
enum B { Y } eb;
struct S { int x; } s;
union U { int x; } u;
int g;

static int k = __builtin_constant_p(3 * 4) + __builtin_types_compatible_p(int, const int);

static void bits(unsigned x) {
    printf("%d %d %d %d %d\n", __builtin_clz(x), __builtin_ctz(x), __builtin_popcount(x),
           __builtin_parity(x), __builtin_ffs((int)x));
    printf("%d %d %d %d %d\n", __builtin_clzll(1ull << 40), __builtin_ctzl(1ul << 33),
           __builtin_clrsb(-1), __builtin_popcountll(~0ull), __builtin_ffsll(0));
    printf("%x %x %lx\n", __builtin_bswap16(0x1234), __builtin_bswap32(0x12345678 + x),
           __builtin_bswap64(0x0102030405060708ul));
}

static void overflow(int one) {
    int r;
    unsigned char uc;
    long long ll;
    long lr;
    int o = __builtin_sadd_overflow(INT_MAX, one, &r);
    printf("%d %d\n", o, r);
    o = __builtin_smull_overflow(1L << 40, (long)one << 30, &lr);
    printf("%d %ld\n", o, lr);
    o = __builtin_add_overflow(INT_MAX, one, &r);
    printf("%d %d\n", o, r);
    o = __builtin_mul_overflow(300, one * 2, &uc);
    printf("%d %d\n", o, uc);
    o = __builtin_sub_overflow(-5, 10u * one, &ll);
    printf("%d %lld\n", o, ll);
    printf("%d %d %d\n", __builtin_add_overflow_p(100 * one, 100, (signed char)0),
           __builtin_mul_overflow_p(10 * one, 10, (signed char)0),
           __builtin_sub_overflow_p(0u, one, 0u));
}

static void floating(double a) {
    double n = __builtin_nan("");
    printf("%d %d %d %d %d %d\n", __builtin_isgreater(a, 1), __builtin_isless(a, n),
           __builtin_isunordered(a, n), __builtin_islessequal(1, 2.0f),
           __builtin_islessgreater(a, a), __builtin_isgreaterequal(n, n));
    float tiny = 1e-40f * (float)(a / 1.5);   /* subnormal as a float, not as a double */
    printf("%d %d %d\n", __builtin_fpclassify(0, 1, 2, 3, 4, a),
           __builtin_fpclassify(0, 1, 2, 3, 4, a - a), __builtin_fpclassify(0, 1, 2, 3, 4, tiny));
}

static void compile_time(int argc) {
    char c = 0;
    _Bool b = 0;
    int arr[3];
    printf("%d %d %d %d %d %d %d %d %d %d\n", __builtin_classify_type(0),
           __builtin_classify_type(c), __builtin_classify_type(ea), __builtin_classify_type(b),
           __builtin_classify_type(&c), __builtin_classify_type(1.0f),
           __builtin_classify_type(s), __builtin_classify_type(u),
           __builtin_classify_type(arr), __builtin_classify_type("x"));
    printf("%d %d %d %d %d\n", k, __builtin_constant_p(argc), __builtin_constant_p("s"),
           __builtin_constant_p(g++), g);
    printf("%d %d %d %d %d\n", __builtin_types_compatible_p(enum A, enum B),
           __builtin_types_compatible_p(enum A, unsigned),
           __builtin_types_compatible_p(int[], int[4]),
           __builtin_types_compatible_p(long, long long),
           __builtin_types_compatible_p(char *, const char *));
    int x = 1;
    double d = 2.5;
    __builtin_choose_expr(1, x, d) = 5;
    printf("%d %zu %zu\n", x, sizeof(__builtin_choose_expr(0, x, d)),
           sizeof(__builtin_choose_expr(sizeof(int) == 4, c, d)));
}

int main(int argc, char **argv) {
    (void)argv;
    unsigned x = 0x00f0u + (unsigned)argc - 4;
    if (__builtin_expect(x == 0, 0))
        return 1;
    bits(x);
    overflow(argc - 3);
    floating(1.5 * (argc - 3));
    compile_time(argc);
    __builtin_prefetch(&x, 0, 3);
    printf("%zu %zu\n", __builtin_object_size(&x, 0),
           __builtin_object_size(argv[0], 0) + 1);
    return 0;
}
