/* && and || evaluate their right operand only when needed, and always
 * yield int 0 or 1. */
#include <stddef.h>
#include "test.h"

static int trace;

static int t(int v, int id)
{
    trace = trace * 10 + id;
    return v;
}

int main(void)
{
    trace = 0;
    ASSERT(0, t(0, 1) && t(1, 2));
    ASSERT(1, trace);
    trace = 0;
    ASSERT(1, t(1, 1) && t(1, 2));
    ASSERT(12, trace);
    trace = 0;
    ASSERT(1, t(1, 1) || t(0, 2));
    ASSERT(1, trace);
    trace = 0;
    ASSERT(1, t(0, 1) || t(5, 2));
    ASSERT(12, trace);
    trace = 0;
    ASSERT(0, t(0, 1) || t(0, 2) || t(0, 3));
    ASSERT(123, trace);
    trace = 0;
    ASSERT(1, (t(1, 1) && t(0, 2)) || t(7, 3));
    ASSERT(123, trace);
    trace = 0;
    ASSERT(1, (t(0, 1) && t(1, 2)) || (t(1, 3) && t(1, 4)));
    ASSERT(134, trace);

    /* Values are 0 or 1 whatever the operands. */
    ASSERT(1, 42 && -7);
    ASSERT(1, 0 || 3.5);
    ASSERT(0, 0.0 || 0);
    ASSERT(1, "x" && 1);

    /* The classic guards. */
    int *np = NULL;
    ASSERT(0, np != NULL && *np == 3);
    ASSERT(1, np == NULL || *np == 3);
    int arr[4] = {1, 2, 3, 4};
    int n = 0;
    while (n < 4 && arr[n] != 3)
        n++;
    ASSERT(2, n);
    n = 0;
    while (n < 4 && arr[n] != 99)
        n++;
    ASSERT(4, n);
    int d = 0;
    ASSERT(0, d != 0 && 10 / d > 1);

    /* Side effects in the skipped operand do not happen. */
    int k = 0;
    if (0 && k++)
        k = 100;
    ASSERT(0, k);
    if (1 || k++)
        k += 10;
    ASSERT(10, k);
    int r = (k > 5 && (k = 1));
    ASSERT(1, r);
    ASSERT(1, k);

    /* As values stored in variables of other types. */
    double dv = (2 > 1) && (3 > 2);
    ASSERT_F(1.0, dv);
    char cv = 0 || 0;
    ASSERT(0, cv);
    long lv = (1L << 40) && (1L << 41);
    ASSERT(1, lv);

    return test_done();
}
