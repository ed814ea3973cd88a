/* typedef: scalar, pointer and array typedefs, typedefs of typedefs,
 * block-scoped typedefs shadowing, typedef names used in casts and sizeof. */
#include <stddef.h>
#include "test.h"

typedef int myint;
typedef myint *intptr;
typedef unsigned char byte;
typedef long long i64;
typedef unsigned long long u64;
typedef double real;
typedef int vec3[3];
typedef char name_t[16];
typedef const char *cstr;
typedef int myint;
typedef int A, *B, C[4];

static myint twice(myint x) { return 2 * x; }
static real average(const real *v, int n)
{
    real s = 0;
    for (int i = 0; i < n; i++)
        s += v[i];
    return s / n;
}

static u64 fact(u64 n) { return n < 2 ? 1 : n * fact(n - 1); }

int main(void)
{
    myint a = 21;
    intptr p = &a;
    byte b = 255;
    i64 big = 1LL << 60;
    vec3 v = {1, 2, 3};
    name_t nm = "typedef";
    cstr s = "const string";
    real r[4] = {1.0, 2.0, 3.0, 4.0};
    A x = 3;
    B px = &x;
    C arr = {1, 2, 3, 4};

    ASSERT(42, twice(a));
    ASSERT(21, *p);
    *p = 22;
    ASSERT(22, a);
    ASSERT(255, b);
    b++;
    ASSERT(0, b);
    ASSERT(1, sizeof(byte));
    ASSERT(8, sizeof(i64));
    ASSERT(1152921504606846976LL, big);
    ASSERT(12, sizeof(vec3));
    ASSERT(12, sizeof v);
    ASSERT(3, v[2]);
    ASSERT(16, sizeof(name_t));
    ASSERT_S("typedef", nm);
    ASSERT_S("const string", s);
    ASSERT_F(2.5, average(r, 4));
    ASSERT(3, *px);
    ASSERT(16, sizeof arr);
    ASSERT(16, sizeof(C));
    ASSERT(8, sizeof(B));
    ASSERT_U(2432902008176640000ULL, fact(20));
    ASSERT(255, (byte)-1);
    ASSERT(8, sizeof((intptr)0));
    size_t sz = sizeof(myint);
    ASSERT(4, sz);

    /* A block-scoped typedef shadows and then goes away. */
    {
        typedef double myint;
        myint d = 1.5;
        ASSERT(8, sizeof(myint));
        ASSERT_F(1.5, d);
    }
    ASSERT(4, sizeof(myint));

    /* A variable may shadow a typedef name in an inner scope. */
    {
        int byte = 7;
        ASSERT(7, byte);
    }
    ASSERT(1, sizeof(byte));

    return test_done();
}
