/* Probes lvalues with side effects evaluated once in ++ and compound assignment, _Bool arithmetic, multi-character constants, struct copies, exit(). */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
static int calls;
static int idx(void) { calls++; return 2; }
struct S { int *p; int arr[3]; char name[4]; };
struct Op { const char *name; int (*fn)(int, int); };
static int o_add(int a, int b) { return a + b; }
static int o_sub(int a, int b) { return a - b; }
static const struct Op ops[] = {{"add", o_add}, {"sub", o_sub}};
static int *counter_arr(void) { static int a[4]; a[0]++; return a; }
int main(void) {
    int a[5] = {0}; a[idx()] += 5; a[idx()]++; ++a[idx()]; printf("%d %d\n", a[2], calls);
    int i = 0; a[i++]++; a[i++] += 10; printf("%d %d %d\n", a[0], a[1], i);
    struct S s = {a, {1, 2, 3}, "ab"}; s.p++; *s.p += 1; s.arr[1] *= 7; (*s.p)++; printf("%d %d %d\n", a[1], s.arr[1], *s.p);
    int *pp = &a[0]; int **ppp = &pp; (*ppp)++; (**ppp)--; printf("%d %td\n", a[1], pp - a);
    _Bool b = 2; b++; printf("%d ", b); b--; printf("%d ", b); b--; printf("%d\n", b);
    printf("%d %d\n", 'ab', '\377');
    for (size_t k = 0; k < sizeof ops / sizeof ops[0]; k++) printf("%s=%d ", ops[k].name, ops[k].fn(10, 3)); printf("\n");
    counter_arr(); counter_arr(); printf("%d\n", counter_arr()[0]);
    struct S t = s, u; u = t; u.arr[0] = 99; u.name[0] = 'X'; printf("%d %d %s %s\n", t.arr[0], u.arr[0], t.name, u.name);
    int x = (1, 2, 3); printf("%d %d\n", x, a[(0, 1)]);
    srand(42); int r1 = rand(); srand(42); printf("%d\n", r1 == rand());
    time_t now = time(NULL); printf("%d\n", now > 0);
    char *m = malloc(3); m[0] = 'o'; m[1] = 'k'; m[2] = 0; puts(m); free(m);
    unsigned short us = 0xffff; us++; printf("%d\n", us);
    int neg = -5; unsigned shifted = (unsigned)neg >> 1; printf("%u %d\n", shifted, neg >> 1);
    long long ll = 1; ll <<= 40; ll >>= 3; printf("%lld\n", ll);
    int q = 7; q %= 3; q <<= 4; q |= 1; q ^= 0xff; q &= 0x3c; printf("%d\n", q);
    char c = 100; c *= 2; printf("%d\n", c);
    exit(0);
}
