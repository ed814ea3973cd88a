/* Tier two: goto and labels, forward and backward. */
#include "test.h"

int main(void)
{
    int i = 0, n = 0;
loop:
    if (i >= 10)
        goto done;
    n += i;
    i++;
    goto loop;
done:
    ASSERT(45, n);
    for (int a = 0; a < 10; a++)
        for (int b = 0; b < 10; b++)
            if (a * b == 42) {
                n = a * 10 + b;
                goto found;
            }
    n = -1;
found:
    ASSERT(67, n);
    return test_done();
}
