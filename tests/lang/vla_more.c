#include <stdio.h>
#include <string.h>

struct pt { int x, y; };

static int sum_ptr(int n, int *a) { int s = 0; for (int i = 0; i < n; i++) s += a[i]; return s; }
static double trace(int n, double (*m)[n]) { double t = 0; for (int i = 0; i < n; i++) t += m[i][i]; return t; }
static int odd_size(int n, int a[n * 2 + 1]) { return a[n * 2]; }
static void apply(int n, void (*cb)(int m, int a[m]), int *data) { cb(n, data); }
static void show(int m, int a[m]) { printf("show %d %d\n", m, a[m - 1]); }
void later(int, int, int [*][*]);
void later(int r, int c, int a[r][c]) { printf("later %d\n", a[r - 1][c - 1]); }

int main(void) {
    int n = 3;
    int side = 0;
    size_t s = sizeof(int[++side + 2]);
    printf("sizeof side effect: %zu %d\n", s, side);

    int a[n];
    n = 5;
    printf("sizeof a after n changes: %zu\n", sizeof a);
    for (int i = 0; i < 3; i++) a[i] = i + 1;
    printf("sum %d\n", sum_ptr(3, a));

    struct pt pts[n];
    for (int i = 0; i < n; i++) pts[i] = (struct pt){i, i * i};
    printf("pts %d %d %zu\n", pts[4].x, pts[4].y, sizeof pts);

    long double ld[n];
    ld[n - 1] = 1.25L;
    printf("ld %Lg %zu\n", ld[n - 1], sizeof ld);

    char *strs[n];
    strs[0] = "zero";
    strs[4] = "four";
    printf("strs %s %s\n", strs[0], strs[4]);

    int (*pa)[3] = (int (*)[3])&a;
    printf("pa %d\n", (*pa)[2]);
    int (*pv)[n];
    int b[n];
    pv = &b;
    for (int i = 0; i < n; i++) (*pv)[i] = 10 * i;
    printf("pv %d %d %zu %zu\n", b[4], (*pv)[3], sizeof *pv, sizeof pv);
    printf("eq %d %d\n", *pv == b, &(*pv)[2] == b + 2);

    double m[n][n];
    memset(m, 0, sizeof m);
    for (int i = 0; i < n; i++) m[i][i] = i + 0.5;
    printf("trace %g\n", trace(n, m));

    int arr7[7] = {0, 0, 0, 0, 0, 0, 77};
    printf("odd %d\n", odd_size(3, arr7));
    apply(4, show, (int[]){1, 2, 3, 4});
    int g[2][3] = {{1, 2, 3}, {4, 5, 6}};
    later(2, 3, g);

    for (int i = 1; i <= 3; i++) {
        typedef int T[i];
        T t;
        printf("typedef in loop %zu\n", sizeof t);
    }
    int k = 2;
    typedef int Row[k + 1];
    Row rows[k];
    printf("rows %zu %zu\n", sizeof rows, sizeof rows[0]);
    const Row cr;
    (void)cr;
    for (int v[n], i = 0; i < 2; i++) {
        v[i] = i;
        printf("for-decl %zu %d\n", sizeof v, v[i]);
    }
    int *p0 = &a[0];
    int (*q)[n] = &b;
    int (*r)[n] = q + 1;
    printf("diff %td %td\n", r - q, (char *)r - (char *)q);
    q += 1;
    q--;
    printf("back %d %d\n", q == &b, (*q)[1]);
    (void)p0;
    int z[n];
    int c = n > 2 ? z[0] = 9, z[0] : 0;
    printf("%d\n", c);

    /* sizeof evaluates an operand of VLA type (C11 6.5.3.4p2), no other */
    int rr = 3, cc = 4, ii = 0;
    int mm[rr][cc];
    size_t sz = sizeof mm[ii++];
    printf("%zu %d\n", sz, ii);
    sz = sizeof(mm[ii++][0]);
    printf("%zu %d\n", sz, ii);
    int (*pp)[cc] = mm;
    sz = sizeof *(pp + ii++);
    printf("%zu %d %zu\n", sz, ii, _Alignof(int[rr]));
    return 0;
}
