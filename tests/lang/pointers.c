/* Pointers: arithmetic, comparison, difference, pointers to pointers,
 * void pointers, null pointers and pointers into arrays. */
#include <stddef.h>
#include "test.h"

static void swap(int *a, int *b)
{
    int t = *a;
    *a = *b;
    *b = t;
}

static int *pick(int *a, int *b, int first) { return first ? a : b; }

static void fill(long *p, int n, long v)
{
    for (int i = 0; i < n; i++)
        *p++ = v + i;
}

int main(void)
{
    int x = 3, y = 5;
    int *p = &x;
    int *q = &y;

    swap(&x, &y);
    ASSERT(5, x);
    ASSERT(3, y);
    *pick(&x, &y, 1) = 10;
    *pick(&x, &y, 0) = 20;
    ASSERT(10, x);
    ASSERT(20, y);
    ASSERT(10, *p);
    ASSERT(20, *q);

    int a[5] = {1, 2, 3, 4, 5};
    p = a;
    ASSERT(1, *p);
    ASSERT(3, *(p + 2));
    ASSERT(3, *(2 + p));
    ASSERT(3, p[2]);
    ASSERT(3, 2[p]);
    q = &a[4];
    ASSERT(4, q - p);
    ASSERT(-4, p - q);
    ASSERT(8, sizeof(q - p));
    ASSERT(4, *(q - 1));
    ASSERT(1, p < q);
    ASSERT(0, p > q);
    ASSERT(1, p <= p);
    ASSERT(1, q >= p);
    ASSERT(1, p != q);
    ASSERT(1, p + 4 == q);
    p++;
    ASSERT(2, *p);
    p += 2;
    ASSERT(4, *p);
    p--;
    ASSERT(3, *p);
    p -= 2;
    ASSERT(1, *p);
    ptrdiff_t d = &a[3] - &a[1];
    ASSERT(2, d);

    /* One past the end is a valid pointer to compare with. */
    int sum = 0;
    for (int *it = a; it != a + 5; it++)
        sum += *it;
    ASSERT(15, sum);

    /* Pointers to pointers. */
    int **pp = &p;
    ASSERT(1, **pp);
    *pp = &a[2];
    ASSERT(3, *p);
    int ***ppp = &pp;
    ASSERT(3, ***ppp);

    /* void pointers convert to and from any object pointer. */
    void *v = a;
    int *back = v;
    ASSERT(1, back[0]);
    char *bytes = v;
    ASSERT(1, bytes[0]);
    ASSERT(0, bytes[1]);
    ASSERT(2, bytes[4]);

    /* Null pointers. */
    int *np = 0;
    ASSERT(1, np == 0);
    ASSERT(1, !np);
    ASSERT(0, np != NULL);
    np = NULL;
    ASSERT(1, np == NULL);
    ASSERT(1, p ? 1 : 0);
    ASSERT(0, np ? 1 : 0);
    ASSERT(1, p && !np);

    /* Pointer arithmetic scales by the pointee's size. */
    long la[4];
    fill(la, 4, 100);
    ASSERT(103, la[3]);
    long *lp = la;
    ASSERT(8, (char *)(lp + 1) - (char *)lp);
    double da[3] = {0.5, 1.5, 2.5};
    double *dp = da + 2;
    ASSERT_F(1.5, dp[-1]);
    ASSERT(2, dp - da);
    char s[] = "hello";
    char *cp = s;
    ASSERT('l', *(cp + 3));
    while (*cp)
        cp++;
    ASSERT(5, cp - s);

    /* Pointer to const, const pointer. */
    const int *cip = &x;
    ASSERT(10, *cip);
    cip = &y;
    ASSERT(20, *cip);
    int *const icp = &x;
    *icp = 11;
    ASSERT(11, x);

    return test_done();
}
