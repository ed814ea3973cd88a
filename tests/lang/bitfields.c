/* Bit-fields: layout (sizeof, _Alignof, offsetof of the members around
 * them) as gcc lays them out, reads and writes, sign extension, integer
 * promotion, compound assignment and ++ on them, initialisers. */
#include <stddef.h>
#include <stdio.h>
#include "test.h"

struct A { char a; int :0; char b; };
struct B { char a:3; long :0; char b; };
struct C { char a; int :4; };
struct D { int a:3; int b:30; };
struct E { char a; long b:4; };
struct F { char a; int :0; };
struct G { long a:40; int b:20; char c; };
struct H { unsigned char a:3, b:6; };
struct I { short a:9; char b:7; };
union U { int a:3; char b:7; long :9; };
struct J { char c; long :5; };
struct K { unsigned a:1, b:2, c:3, d:4, e:5, f:6, g:7, h:8; int tail; };
struct L { _Bool flag:1; unsigned mode:2; signed s:5; unsigned long big:60; };
struct M { int x; struct { unsigned lo:4, hi:4; } nib; unsigned char end; };

#define LAYOUT(T) printf(#T ": size %zu align %zu\n", sizeof(T), _Alignof(T))

struct D gd = {-3, 123456};
struct K gk = {1, 2, 3, 4, 5, 6, 7, 8, -1};
struct L gl = {1, 3, -7, 0xFFFFFFFFFFFFFFFUL};

static struct D make_d(int a, int b) { struct D d = {a, b}; return d; }

int main(void)
{
    LAYOUT(struct A); LAYOUT(struct B); LAYOUT(struct C); LAYOUT(struct D);
    LAYOUT(struct E); LAYOUT(struct F); LAYOUT(struct G); LAYOUT(struct H);
    LAYOUT(struct I); LAYOUT(union U); LAYOUT(struct J); LAYOUT(struct K);
    LAYOUT(struct L); LAYOUT(struct M);
    printf("%zu %zu %zu %zu %zu\n", offsetof(struct A, b), offsetof(struct B, b),
           offsetof(struct G, c), offsetof(struct K, tail), offsetof(struct M, end));

    struct D d = {-3, 123456};
    ASSERT(-3, d.a);
    ASSERT(123456, d.b);
    d.a = 5;                 /* 5 does not fit in a signed 3-bit field */
    ASSERT(-3, d.a);
    d.a = 3;
    d.a += 1;
    ASSERT(-4, d.a);
    d.b = -1;
    ASSERT(-1, d.b);
    ASSERT(-3, gd.a);
    ASSERT(123456, gd.b);
    ASSERT(7, make_d(7 - 8, 9).b - make_d(1, 2).a - 1);

    struct K k = {0};
    k.h = 255;
    k.h++;
    ASSERT(0, k.h);
    k.g = 100;
    ASSERT(100, k.g);
    k.a = 3;
    ASSERT(1, k.a);
    ASSERT(-4, k.b - 4);      /* promoted to int: no unsigned wrap */
    k.c = 7;
    k.c--;
    ASSERT(6, k.c);
    ASSERT(1 + 2 + 3 + 4 + 5 + 6 + 7 + 8, gk.a + gk.b + gk.c + gk.d + gk.e + gk.f + gk.g + gk.h);
    ASSERT(-1, gk.tail);
    unsigned char *bytes = (unsigned char *)&gk;
    for (size_t i = 0; i < sizeof gk; i++)
        printf("%02x", bytes[i]);
    printf("\n");

    ASSERT(1, gl.flag);
    ASSERT(3, gl.mode);
    ASSERT(-7, gl.s);
    ASSERT_U(0xFFFFFFFFFFFFFFFUL, gl.big);
    struct L l = gl;
    l.big += 1;
    ASSERT_U(0, l.big);
    l.flag = 0;
    ASSERT(0, l.flag);
    l.s = -16;
    ASSERT(-16, l.s);
    ASSERT(2, sizeof(l.s + 0) / 2);

    struct M m = {.x = 1, .nib = {.hi = 9, .lo = 6}, .end = 200};
    ASSERT(0x96, *((unsigned char *)&m + 4));
    ASSERT(200, m.end);
    struct M *pm = &m;
    pm->nib.hi *= 1;
    pm->nib.lo += 10;
    ASSERT(0, pm->nib.lo);
    ASSERT(9, pm->nib.hi);
    union U u = {0};
    u.a = -1;
    ASSERT(-1, u.a);
    return test_done();
}
