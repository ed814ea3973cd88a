/* Volatile structs and unions read whole: returned, passed and assigned
 * by value (csmith found "cannot cast ... from type: volatile union U0
 * to type: union U0", an internal error from libgccjit, where a
 * volatile union was returned by value). */
#include <stdio.h>
#include <stdint.h>

union U0 { volatile int8_t *const f0; const signed f1 : 16; int32_t f2; };
union U1 { int f0; short f1; };
struct S { int a; unsigned b : 7; };

static volatile union U1 g_u1 = {5};
static volatile union U1 *g_pu1 = &g_u1;
static volatile union U0 g_u0 = {0};
static volatile struct S g_s = {7, 100};

static union U1 get_u1(void) { return *g_pu1; }
static struct S get_s(void) { return g_s; }
static int take(int a, union U0 u, int b) { return a + (u.f0 == 0) + b + u.f1; }
static int take_u1(union U1 u) { return u.f0; }

int main(void)
{
    union U1 u = get_u1();
    union U1 w;
    w = *g_pu1;
    struct S s = get_s();
    int x = 1, *p = &x;
    printf("%d %d %d %u\n", u.f0, w.f0, s.a, s.b);
    printf("%d\n", take(x, g_u0, (*p)++));
    printf("%d %d\n", take_u1(g_u1), x);
    g_u1 = w;
    g_u1.f1 = 9;
    printf("%d %u\n", g_u1.f1, g_s.b);
    return 0;
}
