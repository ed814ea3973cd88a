#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int get(int x) { return x; }

static void fill(int rows, int cols, int m[rows][cols]) {
    for (int i = 0; i < rows; i++)
        for (int j = 0; j < cols; j++)
            m[i][j] = i * 10 + j;
}

static long sum2(int rows, int cols, int m[rows][cols]) {
    long s = 0;
    for (int i = 0; i < rows; i++)
        for (int j = 0; j < cols; j++)
            s += m[i][j] * (i + 1);
    printf("inner sizeof m[0] = %zu\n", sizeof m[0]);
    return s;
}

static double dot(int n, const double a[n], const double b[static n]) {
    double s = 0;
    for (int i = 0; i < n; i++)
        s += a[i] * b[i];
    return s;
}

static void proto(int n, int m[*][*]);
static void proto(int n, int m[n][n]) {
    printf("proto %d %d\n", m[0][0], m[n - 1][n - 1]);
}

int main(void) {
    int n = get(5);
    double v[n];
    printf("sizeof v = %zu\n", sizeof v);
    printf("sizeof v / sizeof v[0] = %zu\n", sizeof v / sizeof v[0]);
    for (int i = 0; i < n; i++)
        v[i] = i * 1.5;
    double *p = v;
    printf("%g %g %g\n", v[0], p[4], *(v + 2));
    printf("dot %g\n", dot(n, v, v));

    int rows = get(3), cols = get(4);
    int m[rows][cols];
    printf("sizeof m = %zu, sizeof m[0] = %zu, sizeof m[1][2] = %zu\n", sizeof m, sizeof m[0],
           sizeof m[1][2]);
    fill(rows, cols, m);
    printf("m[2][3] = %d, sum2 = %ld\n", m[2][3], sum2(rows, cols, m));

    int (*row)[cols] = m;
    row++;
    printf("row[0][1] = %d, row - m = %td, &m[2] - &m[0] = %td\n", row[0][1], row - m,
           &m[2] - &m[0]);
    int (*pm)[rows][cols] = &m;
    printf("(*pm)[1][1] = %d, sizeof *pm = %zu\n", (*pm)[1][1], sizeof *pm);

    /* sizeof a VLA type name, evaluated at run time */
    printf("sizeof(int[n]) = %zu, sizeof(char[n][cols]) = %zu\n", sizeof(int[n]),
           sizeof(char[n][cols]));

    /* typedef: the size is taken at the typedef */
    int k = get(3);
    typedef int Vec[k];
    k = 10;
    Vec a;
    printf("sizeof(Vec) = %zu, sizeof a = %zu, k = %d\n", sizeof(Vec), sizeof a, k);
    for (int i = 0; i < 3; i++)
        a[i] = i * i;
    printf("a[2] = %d\n", a[2]);

    /* VLAs in a loop: each iteration a new size */
    for (int it = 1; it <= 4; it++) {
        char buf[it * 8];
        memset(buf, 'a' + it, sizeof buf - 1);
        buf[sizeof buf - 1] = 0;
        printf("%zu %s\n", sizeof buf, buf);
    }

    /* a constant outer dimension over a VLA */
    int q[2][n];
    printf("sizeof q = %zu sizeof q[1] = %zu\n", sizeof q, sizeof q[1]);
    q[1][n - 1] = 42;
    printf("q[1][n-1] = %d\n", q[1][n - 1]);

    /* malloc'ed 2-D array through a pointer to VLA */
    double (*grid)[cols] = malloc(rows * sizeof *grid);
    for (int i = 0; i < rows; i++)
        for (int j = 0; j < cols; j++)
            grid[i][j] = i + j / 10.0;
    printf("grid[2][3] = %g\n", grid[2][3]);
    free(grid);

    int sq[3][3] = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
    proto(3, sq);

    /* cast to a pointer to VLA */
    int flat[12];
    for (int i = 0; i < 12; i++)
        flat[i] = i;
    int (*f2)[cols] = (int (*)[cols])flat;
    printf("f2[2][1] = %d\n", f2[2][1]);

    /* a 3-D VLA */
    int d1 = get(2), d2 = get(3), d3 = get(4);
    long cube[d1][d2][d3];
    for (int i = 0; i < d1; i++)
        for (int j = 0; j < d2; j++)
            for (int l = 0; l < d3; l++)
                cube[i][j][l] = i * 100 + j * 10 + l;
    printf("cube[1][2][3] = %ld sizeof cube[1] = %zu\n", cube[1][2][3], sizeof cube[1]);
    return 0;
}
