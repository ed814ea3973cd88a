/* Probes tentative definitions, block-scope extern and function declarations, functions returning function pointers, type punning through a union, goto out of nested loops. */
#include <stdio.h>
int tent; int tent = 3; int tent;
static int later(int);
typedef int (*fn_t)(int);
static int dbl(int x) { return 2 * x; }
static int inc(int x) { return x + 1; }
static fn_t pick(int which) { return which ? dbl : inc; }
static int (*pick2(int which))(int) { return which ? inc : dbl; }
static void (*sig(int n, void (*h)(int)))(int) { (void)n; return h; }
static int hits;
static void onhit(int v) { hits += v; }
struct Vec { int n; int *data; };
struct Graph { int nv; struct Vec *adj[4]; };
union Pun { double d; unsigned long long u; unsigned char b[8]; };
static const int lut[] = {0, 1, 4, 9, 16, 25};
int main(void) {
    extern int tent;
    int later(int);
    printf("%d %d\n", tent, later(4));
    printf("%d %d %d\n", pick(1)(5), pick(0)(5), pick2(1)(5));
    sig(1, onhit)(7); sig(2, onhit)(3); printf("%d\n", hits);
    struct Local { int a; enum { LA = 3, LB } e; } lo = {1, LB}; printf("%d %d\n", lo.a + LA, lo.e);
    int d1[] = {1, 2}, d2[] = {3, 4, 5}; struct Vec v1 = {2, d1}, v2 = {3, d2};
    struct Graph g = {2, {&v1, &v2}}; int sum = 0;
    for (int i = 0; i < g.nv; i++) for (int j = 0; j < g.adj[i]->n; j++) sum += g.adj[i]->data[j];
    printf("%d %d\n", sum, g.adj[1]->data[2]);
    union Pun pu; pu.d = 1.0; printf("%llx %d\n", pu.u, pu.b[7]);
    pu.u = 0x400921fb54442d18ULL; printf("%.5f\n", pu.d);
    int i = 5; while (i--) ; printf("%d\n", i);
    int k = 0; for (;;) { if (++k > 4) break; } printf("%d\n", k);
    long long sl = -1; unsigned long long ul = 1; printf("%d %d\n", sl < (long long)ul, (unsigned long long)sl > ul);
    unsigned int ui = 1; long l = -1; printf("%d\n", l < ui);
    int x = 3; int *ip = &x; void *vp = 0; printf("%d\n", *(int *)(1 ? ip : vp));
    int a = 5; printf("%s\n", a < 3 ? "small" : a < 10 ? "medium" : "large");
    printf("%d %d\n", lut[3], lut[sizeof lut / sizeof *lut - 1]);
    const char *str = "abcdef"; const char *e = str + 6; printf("%d %td %c\n", e > str, e - str, *(e - 2));
    int n = 0; for (int r = 0; r < 3; r++) for (int c = 0; c < 3; c++) { if (r * c == 2) goto out; n++; }
out: printf("%d\n", n);
    fn_t arr[3] = {dbl, inc, dbl}; int v = 1; for (int q = 0; q < 3; q++) v = arr[q](v); printf("%d\n", v);
    printf("%d\n", (*dbl)(4) + (**dbl)(1) + (&inc)(0));
    return 0;
}
static int later(int x) { return x * x; }
