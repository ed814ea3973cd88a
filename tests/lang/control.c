/* if / else, nested, dangling else, conditions of every scalar type,
 * and return from the middle of a function. */
#include "test.h"

static int sign(long x)
{
    if (x < 0)
        return -1;
    else if (x == 0)
        return 0;
    else
        return 1;
}

static int classify(int n)
{
    if (n % 15 == 0)
        return 15;
    if (n % 5 == 0)
        return 5;
    if (n % 3 == 0)
        return 3;
    return 0;
}

static int dangling(int a, int b)
{
    int r = 0;
    if (a)
        if (b)
            r = 1;
        else
            r = 2;
    return r;
}

static void early(int *out, int n)
{
    *out = 0;
    if (n > 5)
        return;
    *out = n;
}

int main(void)
{
    int x = 0;

    if (1)
        x = 1;
    ASSERT(1, x);
    if (0)
        x = 2;
    ASSERT(1, x);
    if (0)
        x = 3;
    else
        x = 4;
    ASSERT(4, x);
    if (x == 4) {
        x = 5;
        x = x * 2;
    }
    ASSERT(10, x);
    if (x)
        ;
    else
        x = 0;
    ASSERT(10, x);

    ASSERT(-1, sign(-5));
    ASSERT(0, sign(0));
    ASSERT(1, sign(99999999999L));

    ASSERT(15, classify(30));
    ASSERT(5, classify(10));
    ASSERT(3, classify(9));
    ASSERT(0, classify(7));

    ASSERT(1, dangling(1, 1));
    ASSERT(2, dangling(1, 0));
    ASSERT(0, dangling(0, 1));
    ASSERT(0, dangling(0, 0));

    int out;
    early(&out, 3);
    ASSERT(3, out);
    early(&out, 9);
    ASSERT(0, out);

    /* Conditions of every scalar type. */
    double d = 0.0;
    char c = 0;
    long l = 1L << 40;
    unsigned char uc = 0;
    int *p = &x;
    int *np = 0;
    int hits = 0;
    if (d) hits += 1;
    if (c) hits += 2;
    if (l) hits += 4;
    if (uc) hits += 8;
    if (p) hits += 16;
    if (np) hits += 32;
    if (0.1) hits += 64;
    if (-1) hits += 128;
    if ("") hits += 256;
    ASSERT(468, hits);

    /* Chains of else if. */
    for (int i = 0; i < 6; i++) {
        if (i == 0)
            printf("zero\n");
        else if (i == 1)
            printf("one\n");
        else if (i < 4)
            printf("small %d\n", i);
        else {
            printf("big %d\n", i);
            if (i == 5) {
                printf("five\n");
            }
        }
    }

    return test_done();
}
