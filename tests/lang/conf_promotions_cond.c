/* Probes side effects in lvalues, integer promotions of char and short, mixed signed/unsigned arithmetic, the type of ?: with mixed operands. */
#include <stdio.h>
struct P { int x, y; };
static struct P g = {1, 2};
static struct P get(void) { return g; }
static int cnt;
static struct P *gp(void) { cnt++; return &g; }
int main(void) {
    int a = 3;
    a += a++ * 0;
    printf("%d\n", get().x + get().y);
    gp()->x += 5; gp()->y++; printf("%d %d %d\n", g.x, g.y, cnt);
    struct P arr[2] = {{0}}; int i = 0; arr[i++].x = 4; printf("%d %d\n", arr[0].x, i);
    int v = 10; int *p = &v; *p++ ; printf("%d\n", v);
    int m = 5, n = (m++, m++, m); printf("%d %d\n", m, n);
    unsigned char uc = 255; int r = uc + 1; int r2 = (unsigned char)(uc + 1); printf("%d %d\n", r, r2);
    char ca = 127, cb = 1; int sum = ca + cb; char csum = ca + cb; printf("%d %d\n", sum, csum);
    short s1 = 30000, s2 = 30000; int prod = s1 * s2; printf("%d\n", prod);
    unsigned u1 = 3; int neg = -4; printf("%u %d\n", u1 + neg, (int)(u1 + neg));
    long lg = -1; unsigned long ulg = lg; printf("%lu\n", ulg);
    int t = 1 ? 2 : 3.0 > 1; printf("%d\n", t);
    printf("%.1f\n", 1 ? 1 : 2.5);
    printf("%u\n", 0 ? 1u : -1);
    printf("%ld\n", 1 ? -1 : 0ul);
    printf("%d\n", (char)0x80 < 0 ? (unsigned char)0x80 : 0);
    return 0;
}
