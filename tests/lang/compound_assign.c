/* Compound assignment on every type: the left operand is evaluated once,
 * the arithmetic is done in the common type and the result converted back. */
#include "test.h"

static int evals;

static int *once(int *p)
{
    evals++;
    return p;
}

int main(void)
{
    int i = 10;
    long l = 128;
    char c = 100;
    unsigned char uc = 250;
    short s = 1000;
    unsigned u = 5;
    double d = 1.5;
    float f = 2.0f;

    ASSERT(15, i += 5);
    ASSERT(12, i -= 3);
    ASSERT(36, i *= 3);
    ASSERT(7, i /= 5);
    ASSERT(1, i %= 3);
    ASSERT(8, i <<= 3);
    ASSERT(2, i >>= 2);
    ASSERT(3, i |= 1);
    ASSERT(1, i &= 5);
    ASSERT(7, i ^= 6);
    ASSERT(7, i);

    ASSERT(1099511627776L, l <<= 33);
    ASSERT(-1099511627776L, l *= -1);
    ASSERT(-1099511627775L, l += 1);

    /* Narrow left operands: computed in int, stored truncated. */
    ASSERT(-56, c += 100);
    ASSERT(-56, c);
    ASSERT(4, uc += 10);
    ASSERT(16, uc *= 4);
    ASSERT(-31072, s *= 100);
    ASSERT(-31072, s);

    /* Integer left operand, floating right operand. */
    i = 10;
    ASSERT(25, i *= 2.5);
    ASSERT(8, i /= 3.0);
    ASSERT(8, i += 0.9999);
    c = 10;
    ASSERT(3, c /= 3.0);

    /* Unsigned wraparound. */
    ASSERT_U(4294967295u, u -= 6);
    ASSERT_U(2147483647u, u >>= 1);
    u = 7;
    ASSERT_U(0, u -= 7);

    /* Floating. */
    ASSERT_F(3.0, d += 1.5);
    ASSERT_F(0.75, d /= 4);
    ASSERT_F(-0.25, d -= 1);
    ASSERT_F(1.0, d *= -4);
    ASSERT_F(5.0, f += 3);
    ASSERT_F(2.5, f /= 2);
    ASSERT_F(3.0, f += 0.5);

    /* Pointers. */
    int arr[10] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    int *p = arr;
    p += 3;
    ASSERT(3, *p);
    p -= 1;
    ASSERT(2, *p);
    p += 7;
    ASSERT(9, *p);
    double darr[4] = {0.5, 1.5, 2.5, 3.5};
    double *dp = darr;
    dp += 2;
    ASSERT_F(2.5, *dp);

    /* The left operand is evaluated exactly once. */
    evals = 0;
    *once(&arr[0]) += 100;
    ASSERT(1, evals);
    ASSERT(100, arr[0]);
    evals = 0;
    *once(&arr[1]) <<= 4;
    ASSERT(1, evals);
    ASSERT(16, arr[1]);
    int k = 0;
    arr[k++] *= 2;
    ASSERT(1, k);
    ASSERT(200, arr[0]);
    int m[2][2] = {{1, 2}, {3, 4}};
    int r = 1;
    m[r][r - 1] += 10;
    ASSERT(13, m[1][0]);

    /* Array element and global-like targets, running sums. */
    long sum = 0;
    for (int j = 0; j < 10; j++)
        sum += arr[j];
    printf("sum = %ld\n", sum);
    ASSERT(260, sum);

    return test_done();
}
