/* Bit-fields as stored: the bytes of an object after each store (so a
 * write that touches a neighbour shows), reads back at every width and
 * position, the record's size and alignment as gcc's code sees them
 * (array strides, member addresses: not the front end's sizeof), unions
 * of bit-fields and wider members, volatile bit-fields, constant
 * initialisers cut to the width, and bit-fields of structs returned by
 * value. Found by csmith: a union's constant initialiser was not cut
 * to the bit-field's width at -O1 and above, and libgccjit crashed in
 * scalar replacement on a union of a bit-field and a wider member. */
#include <stdio.h>
#include <string.h>

static void dump(const char *what, const void *p, size_t n) {
    const unsigned char *b = p;
    printf("%s:", what);
    for (size_t i = 0; i < n; i++)
        printf(" %02x", b[i]);
    printf("\n");
}

/* gcc's view of the layout: the stride of an array and where the
 * members' neighbours are. */
#define GEOMETRY(T, after)                                                  \
    do {                                                                    \
        static T arr[2];                                                    \
        printf(#T ": sizeof %zu align %zu stride %td " #after " at %td\n",  \
               sizeof(T), _Alignof(T), (char *)&arr[1] - (char *)&arr[0],   \
               (char *)&arr[0].after - (char *)&arr[0]);                    \
    } while (0)

struct Run3 { int a : 20; char after; };                 /* a run of 3 bytes */
struct Straddle { char c; unsigned long x : 50; unsigned long y : 14; char after; };
struct Wide { unsigned long long a : 63; unsigned long long b : 1; char after; };
struct Many { unsigned a : 1, b : 3, c : 7, d : 13, e : 8; short s : 9; char after; };
struct Sep { char x : 3; char : 0; char y : 5; char after; };
struct Nested { char head; struct { unsigned lo : 4, hi : 4; } nib; char after; };
struct Signed { signed char a : 3; short b : 11; int c : 31; long d : 33; char after; };
struct Bools { _Bool p : 1; _Bool q : 1; unsigned r : 6; char after; };
struct Vol { volatile unsigned a : 5; volatile int b : 9; char after; };
union UB { signed f0 : 20; unsigned long long f1; };
union UC { unsigned f0 : 12; char c[3]; };
union UD { int a : 3; char b : 7; char after[2]; };
union UE { signed f0 : 20; };

struct Run3 g_run3 = {0x7FFFF, 9};
static union UB g_ub = {0xD3631FF3L};             /* cut to 20 bits: 0x31FF3 */
static union UC g_uc = {0xABCDE};
static union UE g_ue = {0xD3631FF3L};    /* read only: gcc folds it */
struct Signed g_signed = {-1, -1000, -1000000, -5000000000L, 1};
struct Many g_many = {1, 5, 100, 4000, 200, -256, 3};

static struct Many make_many(unsigned d) {
    struct Many m = {0};
    m.d = d;
    m.e = 255;
    return m;
}

int main(void)
{
    GEOMETRY(struct Run3, after);
    GEOMETRY(struct Straddle, after);
    GEOMETRY(struct Wide, after);
    GEOMETRY(struct Many, after);
    GEOMETRY(struct Sep, after);
    GEOMETRY(struct Nested, after);
    GEOMETRY(struct Signed, after);
    GEOMETRY(struct Bools, after);
    GEOMETRY(struct Vol, after);
    GEOMETRY(union UB, f1);
    GEOMETRY(union UC, c);
    GEOMETRY(union UD, after);

    dump("g_run3", &g_run3, sizeof g_run3);
    printf("g_run3.a %d after %d\n", g_run3.a, g_run3.after);
    dump("g_ub", &g_ub, sizeof g_ub);
    printf("g_ub.f0 %d\n", g_ub.f0);
    printf("g_ue.f0 %d\n", g_ue.f0);
    dump("g_uc", &g_uc, sizeof g_uc);
    printf("g_uc.f0 %u\n", g_uc.f0);
    dump("g_signed", &g_signed, sizeof g_signed);
    printf("g_signed %d %d %d %ld\n", g_signed.a, g_signed.b, g_signed.c, g_signed.d);
    dump("g_many", &g_many, sizeof g_many);
    printf("g_many %u %u %u %u %u %d %d\n", g_many.a, g_many.b, g_many.c, g_many.d, g_many.e,
           g_many.s, g_many.after);

    /* Every store leaves the neighbours' bytes as they were. */
    struct Straddle st;
    memset(&st, 0xA5, sizeof st);
    st.x = 0x3FFFFFFFFFFFFUL;
    dump("st.x=all", &st, sizeof st);
    st.y = 0;
    dump("st.y=0", &st, sizeof st);
    st.x = 0x123456789ABCUL;
    printf("st %lx %lx %d %d\n", (unsigned long)st.x, (unsigned long)st.y, st.c, st.after);

    struct Wide w;
    memset(&w, 0, sizeof w);
    w.a = 0x7FFFFFFFFFFFFFFFULL;
    w.b = 1;
    dump("w", &w, sizeof w);
    w.a += 1;
    printf("w %llx %llx\n", (unsigned long long)w.a, (unsigned long long)w.b);

    struct Many m;
    memset(&m, 0xFF, sizeof m);
    for (unsigned i = 0; i < 40; i++) {
        m.a = i; m.b = i * 3; m.c = i * 7; m.d = i * 977; m.e = i * 13; m.s = (short)(i * 37 - 500);
        if (i % 13 == 0)
            dump("m", &m, sizeof m);
        printf("%u %u %u %u %u %d|", m.a, m.b, m.c, m.d, m.e, m.s);
    }
    printf("\n");
    m.c += 100;
    m.d *= 3;
    m.s -= 1000;
    m.e++;
    ++m.b;
    printf("compound %u %u %d %u %u\n", m.c, m.d, m.s, m.e, m.b);

    struct Sep sp;
    memset(&sp, 0, sizeof sp);
    sp.x = -1;
    sp.y = 11;
    dump("sp", &sp, sizeof sp);
    printf("sp %d %d\n", sp.x, sp.y);

    struct Nested n = {1, {3, 12}, 2};
    n.nib.hi ^= 5;
    dump("n", &n, sizeof n);

    struct Bools bo = {1, 0, 63, 7};
    bo.q = 5;          /* nonzero: _Bool stores 1 */
    bo.p = 0;
    dump("bo", &bo, sizeof bo);
    printf("bo %d %d %u\n", bo.p, bo.q, bo.r);

    struct Vol v = {0};
    v.a = 31;
    v.b = -200;
    v.a -= 3;
    printf("v %u %d\n", v.a, v.b);
    dump("v", &v, sizeof v);

    union UB ub;
    ub.f1 = 0xFFFFFFFFFFFFFFFFULL;
    ub.f0 = -2;
    printf("ub %d %llx\n", ub.f0, ub.f1);
    ub.f1 = 0x80000;
    printf("ub.f0 %d\n", ub.f0);

    union UD ud;
    ud.b = 0x7F;
    ud.a = 2;
    printf("ud %d %d\n", ud.a, ud.b);

    printf("rvalue %u %u\n", make_many(1234).d, make_many(99).e + make_many(5).d);

    struct Many *pm = &m;
    int k = 0;
    pm[k++].d = 77;
    printf("k %d d %u\n", k, m.d);
    return 0;
}
