/* while, do/while, for in all its forms, break and continue, nested
 * loops, loop variables declared in the for. */
#include "test.h"

int main(void)
{
    int i, j, n;

    i = 0;
    while (i < 10)
        i++;
    ASSERT(10, i);

    i = 0;
    n = 0;
    while (i < 100) {
        i++;
        if (i % 2)
            continue;
        n += i;
        if (i >= 50)
            break;
    }
    ASSERT(650, n);
    ASSERT(50, i);

    i = 100;
    do
        i++;
    while (i < 10);
    ASSERT(101, i);

    i = 0;
    n = 0;
    do {
        n += i;
        i++;
        if (i == 3)
            continue;
    } while (i < 5);
    ASSERT(10, n);

    i = 0;
    do {
        if (i == 7)
            break;
        i++;
    } while (1);
    ASSERT(7, i);

    n = 0;
    for (i = 0; i < 10; i++)
        n += i;
    ASSERT(45, n);

    n = 0;
    for (int k = 1; k <= 5; k++)
        n = n * 10 + k;
    ASSERT(12345, n);

    /* A for declaration may declare several variables. */
    n = 0;
    for (int a = 0, b = 10; a < b; a++, b--)
        n++;
    ASSERT(5, n);

    /* Empty clauses. */
    i = 0;
    for (;;) {
        if (++i == 20)
            break;
    }
    ASSERT(20, i);
    i = 0;
    for (; i < 3;)
        i++;
    ASSERT(3, i);

    /* continue in a for runs the increment. */
    n = 0;
    for (i = 0; i < 10; i++) {
        if (i % 3 == 0)
            continue;
        n += i;
    }
    ASSERT(27, n);

    /* break leaves only the innermost loop. */
    n = 0;
    for (i = 0; i < 5; i++) {
        for (j = 0; j < 5; j++) {
            if (j > i)
                break;
            n++;
        }
    }
    ASSERT(15, n);

    /* Nested loops of every kind. */
    n = 0;
    i = 0;
    while (i < 4) {
        int k = 0;
        do {
            for (j = 0; j < 3; j++) {
                if (j == 1)
                    continue;
                n++;
            }
            k++;
        } while (k < 2);
        i++;
    }
    ASSERT(16, n);

    /* The for variable is local to the loop; an outer one is unaffected. */
    int k = 99;
    for (int k = 0; k < 3; k++)
        ;
    ASSERT(99, k);

    /* Loops printing output. */
    for (int row = 1; row <= 5; row++) {
        for (int col = 1; col <= 5; col++)
            printf("%4d", row * col);
        printf("\n");
    }

    /* Collatz: a while with a computed condition. */
    long x = 27;
    int steps = 0;
    while (x != 1) {
        x = x % 2 ? 3 * x + 1 : x / 2;
        steps++;
    }
    ASSERT(111, steps);

    /* A loop counting down with an unsigned counter. */
    unsigned u = 10;
    n = 0;
    while (u--)
        n++;
    ASSERT(10, n);
    ASSERT_U(4294967295u, u);

    /* Float loop variable. */
    double acc = 0;
    for (double t = 0; t < 1.0; t += 0.125)
        acc += t;
    ASSERT_F(3.5, acc);

    return test_done();
}
