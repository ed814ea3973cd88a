/* Arrays: one- and multi-dimensional, initialisers, decay, sizeof,
 * arrays as parameters. */
#include "test.h"

static int sum(int *a, int n)
{
    int s = 0;
    for (int i = 0; i < n; i++)
        s += a[i];
    return s;
}

static int sum_param_array(int a[], int n)
{
    return sum(a, n);
}

static int trace(int m[3][3])
{
    return m[0][0] + m[1][1] + m[2][2];
}

static void scale_rows(int rows, int m[][4], int k)
{
    for (int i = 0; i < rows; i++)
        for (int j = 0; j < 4; j++)
            m[i][j] *= k;
}

int main(void)
{
    int a[4] = {1, 2, 3, 4};
    int b[10] = {7, 8};
    int c[] = {5, 6, 7};
    char s[8];
    long big[100];

    ASSERT(16, sizeof(a));
    ASSERT(40, sizeof(b));
    ASSERT(12, sizeof(c));
    ASSERT(3, sizeof(c) / sizeof(c[0]));
    ASSERT(8, sizeof(s));
    ASSERT(800, sizeof(big));
    ASSERT(8, sizeof(a + 0));
    ASSERT(0, b[9]);
    ASSERT(8, b[1]);
    ASSERT(0, b[2]);
    ASSERT(10, sum(a, 4));
    ASSERT(15, sum_param_array(b, 10));
    ASSERT(18, sum(c, 3));

    for (int i = 0; i < 100; i++)
        big[i] = (long)i * i;
    ASSERT(9801, big[99]);
    ASSERT(2500, big[50]);

    for (int i = 0; i < 7; i++)
        s[i] = 'a' + i;
    s[7] = 0;
    ASSERT_S("abcdefg", s);

    /* Two dimensions. */
    int m[3][3] = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
    ASSERT(36, sizeof(m));
    ASSERT(12, sizeof(m[0]));
    ASSERT(4, sizeof(m[0][0]));
    ASSERT(6, m[1][2]);
    ASSERT(15, trace(m));
    ASSERT(7, *m[2]);
    ASSERT(8, *(*(m + 2) + 1));
    ASSERT(5, (*(m + 1))[1]);
    int *flat = &m[0][0];
    ASSERT(9, flat[8]);

    int g[2][4] = {{1, 2, 3, 4}, {5, 6, 7, 8}};
    scale_rows(2, g, 3);
    ASSERT(3, g[0][0]);
    ASSERT(24, g[1][3]);

    /* Brace elision (gcc -Wall warns: intended) and partial initialisation. */
    int e[2][3] = {1, 2, 3, 4};
    ASSERT(4, e[1][0]);
    ASSERT(0, e[1][1]);
    int z[3][2] = {{1}, {2}, {3}};
    ASSERT(0, z[0][1]);
    ASSERT(3, z[2][0]);
    int u[][2] = {{1, 2}, {3, 4}, {5, 6}};
    ASSERT(24, sizeof(u));

    /* Three dimensions. */
    int cube[2][3][4];
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 3; j++)
            for (int k = 0; k < 4; k++)
                cube[i][j][k] = i * 100 + j * 10 + k;
    ASSERT(96, sizeof(cube));
    ASSERT(48, sizeof(cube[1]));
    ASSERT(123, cube[1][2][3]);
    ASSERT(10, cube[0][1][0]);
    int total = 0;
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 3; j++)
            for (int k = 0; k < 4; k++)
                total += cube[i][j][k];
    ASSERT(1476, total);

    /* Arrays of pointers and pointers to arrays. */
    int *ptrs[3] = {&a[0], &a[1], &a[2]};
    ASSERT(3, *ptrs[2]);
    ASSERT(24, sizeof(ptrs));
    int (*row)[3] = m;
    ASSERT(4, row[1][0]);
    row++;
    ASSERT(6, (*row)[2]);
    ASSERT(12, sizeof(*row));

    /* Array of doubles. */
    double d[5] = {0.5, 1.5};
    double ds = 0;
    for (int i = 0; i < 5; i++)
        ds += d[i];
    ASSERT_F(2.0, ds);

    /* Character arrays initialised from strings. */
    char h[] = "hi!";
    ASSERT(4, sizeof(h));
    char w[10] = "abc";
    ASSERT(0, w[9]);
    ASSERT('c', w[2]);
    char names[3][6] = {"ann", "bob", "carol"};
    ASSERT_S("carol", names[2]);
    ASSERT('b', names[1][0]);
    ASSERT(18, sizeof(names));

    /* Array elements as lvalues in every form. */
    a[0] += 10;
    a[1]++;
    --a[2];
    ASSERT(11, a[0]);
    ASSERT(3, a[1]);
    ASSERT(2, a[2]);

    return test_done();
}
