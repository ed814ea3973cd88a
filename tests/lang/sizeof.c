/* sizeof of types, expressions, arrays, pointers and strings; its result
 * type is size_t and its operand is not evaluated. */
#include <stddef.h>
#include "test.h"

int g[7];

int main(void)
{
    int i = 0;
    char c;
    short s;
    long l;
    double d;
    float f;
    int a[10];
    int m[3][5];
    char *p;
    int **pp;

    ASSERT(1, sizeof(char));
    ASSERT(2, sizeof(short));
    ASSERT(2, sizeof(short int));
    ASSERT(2, sizeof(unsigned short));
    ASSERT(4, sizeof(int));
    ASSERT(4, sizeof(unsigned));
    ASSERT(8, sizeof(long));
    ASSERT(8, sizeof(long int));
    ASSERT(8, sizeof(unsigned long));
    ASSERT(8, sizeof(long long));
    ASSERT(4, sizeof(float));
    ASSERT(8, sizeof(double));
    ASSERT(16, sizeof(long double));
    ASSERT(1, sizeof(_Bool));
    ASSERT(8, sizeof(void *));
    ASSERT(8, sizeof(char *));
    ASSERT(8, sizeof(int **));
    ASSERT(40, sizeof(int[10]));
    ASSERT(60, sizeof(int[3][5]));
    ASSERT(8, sizeof(int (*)[5]));
    ASSERT(80, sizeof(int *[10]));
    ASSERT(8, sizeof(size_t));
    ASSERT(8, sizeof(ptrdiff_t));
    ASSERT(4, sizeof(const int));

    ASSERT(1, sizeof c);
    ASSERT(2, sizeof s);
    ASSERT(8, sizeof l);
    ASSERT(8, sizeof d);
    ASSERT(4, sizeof f);
    ASSERT(40, sizeof a);
    ASSERT(4, sizeof a[0]);
    ASSERT(10, sizeof a / sizeof a[0]);
    ASSERT(60, sizeof m);
    ASSERT(20, sizeof m[0]);
    ASSERT(4, sizeof m[0][0]);
    ASSERT(28, sizeof g);
    ASSERT(8, sizeof p);
    ASSERT(1, sizeof *p);
    ASSERT(8, sizeof pp);
    ASSERT(8, sizeof *pp);
    ASSERT(4, sizeof **pp);
    ASSERT(6, sizeof "hello");
    ASSERT(1, sizeof "");
    ASSERT(8, sizeof &a);
    ASSERT(8, sizeof &a[0]);
    ASSERT(8, sizeof(a + 1));

    ASSERT(4, sizeof(c + s));
    ASSERT(8, sizeof(i + l));
    ASSERT(8, sizeof(f + d));
    ASSERT(4, sizeof(f * 2));
    ASSERT(1, sizeof(c));
    ASSERT(4, sizeof(-c));
    ASSERT(4, sizeof(!d));
    ASSERT(8, sizeof(&c - &c));

    /* The operand is not evaluated. */
    ASSERT(4, sizeof(i++));
    ASSERT(4, sizeof(i = 5));
    ASSERT(0, i);
    ASSERT(8, sizeof(p = 0));
    ASSERT(1, sizeof(*p));

    /* The result is an unsigned size_t. */
    ASSERT(8, sizeof(sizeof(int)));
    ASSERT(1, sizeof(int) - 5 > 0);
    size_t n = sizeof(long) * 4;
    ASSERT(32, n);
    ASSERT(8, sizeof sizeof a);
    printf("%zu %zu %zu\n", sizeof(char), sizeof(int[4][4]), sizeof m);

    /* Array parameters are pointers. */
    return test_done();
}
