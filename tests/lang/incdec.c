/* ++ and --, prefix and postfix, on every scalar type including pointers
 * and floating types, and on array elements through pointers. */
#include "test.h"

int main(void)
{
    int i = 5;
    ASSERT(5, i++);
    ASSERT(6, i);
    ASSERT(7, ++i);
    ASSERT(7, i--);
    ASSERT(5, --i);
    ASSERT(5, i);

    char c = 127;
    c++;
    ASSERT(-128, c);
    unsigned char uc = 0;
    uc--;
    ASSERT(255, uc);
    ASSERT(255, uc++);
    ASSERT(0, uc);
    short s = -32768;
    s--;
    ASSERT(32767, s);
    unsigned u = 0;
    ASSERT_U(4294967295u, --u);
    ASSERT_U(0, ++u);
    long l = 4294967295L;
    ASSERT(4294967296L, ++l);
    _Bool b = 0;
    b++;
    ASSERT(1, b);
    b++;
    ASSERT(1, b);

    double d = 1.5;
    ASSERT_F(1.5, d++);
    ASSERT_F(2.5, d);
    ASSERT_F(1.5, --d);
    float f = 0.25f;
    f++;
    ASSERT_F(1.25, f);
    ASSERT_F(0.25, --f);

    /* Pointers step by the pointee's size. */
    int arr[5] = {10, 20, 30, 40, 50};
    int *p = arr;
    ASSERT(10, *p++);
    ASSERT(20, *p);
    ASSERT(30, *++p);
    ASSERT(30, *p--);
    ASSERT(10, *--p);
    ASSERT(11, ++*p);
    ASSERT(11, (*p)++);
    ASSERT(12, arr[0]);
    double darr[3] = {1.0, 2.0, 3.0};
    double *dp = darr;
    dp++;
    ASSERT_F(2.0, *dp);
    ASSERT(1, dp - darr);
    char str[] = "abc";
    char *cp = str;
    cp++;
    ASSERT('b', *cp);
    (*cp)++;
    ASSERT_S("acc", str);

    /* Array elements. */
    arr[2]++;
    ++arr[3];
    arr[4]--;
    ASSERT(31, arr[2]);
    ASSERT(41, arr[3]);
    ASSERT(49, arr[4]);
    int k = 1;
    arr[k++]++;
    ASSERT(2, k);
    ASSERT(21, arr[1]);

    /* In expressions. */
    int x = 3, y = 3;
    ASSERT(7, x++ + 4);
    ASSERT(8, ++y + 4);
    ASSERT(4, x);
    int count = 0;
    for (int j = 10; j--;)
        count++;
    ASSERT(10, count);
    int n = 0;
    char word[] = "counting";
    while (word[n++])
        ;
    ASSERT(9, n);

    return test_done();
}
