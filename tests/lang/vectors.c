/* GNU vector types (vector_size): arithmetic, bitwise and shift operators
 * lane by lane, a scalar spread over the lanes, comparisons giving 0 or
 * -1 per lane, subscripts (lvalues too), initialisers (file scope,
 * partial, compound literals), casts that keep the bits, sizes and
 * alignments, struct members, passing and returning, volatile. */
#include <stdio.h>
#include <string.h>

typedef int v4si __attribute__((vector_size(16)));
typedef unsigned v4su __attribute__((vector_size(16)));
typedef float v4sf __attribute__((vector_size(16)));
typedef short v4hi __attribute__((vector_size(8)));
typedef double v2df __attribute__((vector_size(16)));
typedef unsigned char v16qu __attribute__((vector_size(16)));
typedef long long v4di __attribute__((vector_size(32)));

static v4si g = {1, 2, 3, 4}, gz, gpart = {7};
static v4sf gf = {1.5f, -2.0f};
static v4si glits[] = {(v4si){9, 8, 7, 6}, (v4si){-1}};
struct holder { char c; v4si v; v4di w; } gs = {'x', {1, 2, 3, 4}, {5, 6}};

static v4si add(v4si a, v4si b) { return a + b; }

static void put4(const char *what, v4si v) {
    printf("%-6s %d %d %d %d\n", what, v[0], v[1], v[2], v[3]);
}

int main(void) {
    v4si a = {10, 20, 30, 40}, b = g;
    put4("arith", add(a, b) * 2 - 1);
    put4("div", a / b + a % 7);
    put4("bits", (a & 12) | (b ^ 1));
    put4("shift", (a << 2) >> b);
    put4("neg", -a);
    put4("not", ~b);
    put4("rsub", 3 - b);
    put4("gt", a > 15);
    put4("eq", a == a);
    v4su u = (v4su)(b - 3);
    put4("ugt", u > 0u);
    v4sf f = gf * 2.0f + 1;
    printf("float  %g %g %g %g\n", f[0], f[1], f[2], f[3]);
    v4sf nan = {0.5f, __builtin_nanf(""), 2.0f, -1.0f};
    put4("nan", nan != nan);
    v2df d = {1.0, 2.0};
    d /= 4;
    printf("double %g %g\n", d[0], d[1]);

    v4si c = a;
    c[2] = 99;
    c[3] += 1;
    c++;
    --c;
    c += 5;
    put4("lanes", c);
    printf("call[] %d\n", add(a, b)[1]);
    v4si *pv = &gs.v;
    (*pv)[1] = 42;
    printf("ptr    %d %d\n", gs.v[1], pv[0][3]);

    v4hi h = {1, -2, 3, -4};
    long long bits = (long long)h;
    v4hi back = (v4hi)bits;
    printf("bits   %llx %d\n", (unsigned long long)bits, back[3]);
    printf("asint  %x\n", ((v4si)f)[0]);
    v16qu q = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
    q = q * 17;
    printf("bytes  %d %d\n", q[15], q[0]);
    v4di w = gs.w * 3 + gs.w;
    printf("wide   %lld %lld %lld\n", w[0], w[1], w[3]);

    put4("g", g);
    put4("gz", gz);
    put4("gpart", gpart);
    put4("lit0", glits[0]);
    put4("lit1", glits[1]);
    v4si part = {5, 6};
    put4("part", part);
    volatile v4si vv = a;
    put4("vol", vv + 1);
    int arr[4];
    memcpy(arr, &a, sizeof a);
    printf("memcpy %d\n", arr[3]);
    printf("sizes  %zu %zu %zu %zu %zu %zu\n", sizeof(v4si), _Alignof(v4si), sizeof(v4hi),
           _Alignof(v4hi), sizeof(v4di), _Alignof(v4di));
    printf("struct %zu %zu %zu\n", sizeof(struct holder), _Alignof(struct holder),
           __builtin_offsetof(struct holder, w));
    return 0;
}
