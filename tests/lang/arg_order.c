/* Compared with gcc's output: gcc evaluates call arguments right to left,
 * reading registers (locals whose address is never taken) at the call. */
#include <stdio.h>
static int f(void) { printf("f\n"); return 1; }
static int g(void) { printf("g\n"); return 2; }
static int k(void) { printf("k\n"); return 3; }
static int h(int a, int b, int c) { return a * 100 + b * 10 + c; }
static int n;
static int nx(void) { return ++n; }
static int find(int *out) { *out = 42; return 1; }
int main(void) {
    printf("%d\n", h(f(), g(), k()));
    printf("%d %d %d\n", nx(), nx(), nx());
    int i = 0;
    printf("%d %d\n", i++, i++);
    printf("%d %d\n", i++, i);
    int a[3] = {5, 6, 7}, *p = a;
    printf("%d %d\n", *p++, *p);
    int r = -1;
    printf("%d %d\n", find(&r), r);
    printf("%d\n", f() + g() * k());
    return 0;
}
