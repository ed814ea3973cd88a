/* A bit-field stored in more than one chunk (here a packed one over two
 * bytes) assigned a value computed from itself: s.k += x, s.k = s.k + x,
 * through side-effecting lvalues too. Each chunk's store once
 * re-evaluated the value after the first chunk was written (torture
 * 20040709-2 and -3: wrong code). */
#include <stdio.h>

struct __attribute__((packed)) A { unsigned short i : 1, l : 1, j : 3, k : 11; };
struct __attribute__((packed)) D { unsigned long long l : 6, i : 6, j : 23, k : 29; };
struct __attribute__((packed)) Z { long double l; unsigned int j : 13, i : 7, k : 12; };

struct A s, arr[4];
struct D d;
struct Z z;
int calls;

static struct A *next(struct A *p) { calls++; return p; }
static unsigned add(unsigned x) { s.k += x; return s.k; }
static unsigned sum(unsigned x) { s.k = s.k + x; return s.k; }

int main(int argc, char **argv) {
    (void)argv;
    unsigned x = 26 + (unsigned)argc;
    s.i = 1; s.j = 5; s.k = 1000;
    printf("%u ", add(x));
    s.k = 1000;
    printf("%u %u %u %u\n", sum(x), s.i, s.l, s.j);
    for (int n = 0; n < 4; n++)
        arr[n].k = 1000 + n;
    struct A *p = arr;
    (p++)->k += x;
    int i = 1;
    arr[i++].k += 7;
    next(&arr[2])->k *= 2;
    arr[3].k = arr[3].k * 3 - x;
    printf("%u %u %u %u %td %d %d\n", arr[0].k, arr[1].k, arr[2].k, arr[3].k, p - arr, i, calls);
    d.k = 0x1234567; d.j = 0x7abcde;
    d.k += d.j * x;
    d.j -= x;
    z.k = 0xabc; z.j = 0x1fff;
    z.k ^= z.j + x;
    z.j = z.j / 2 + z.k;
    printf("%x %x %x %x %x\n", (unsigned)d.k, (unsigned)d.j, (unsigned)d.l, z.k, z.j);
    return 0;
}
