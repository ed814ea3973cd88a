/* Tier two: switch: cases, default, fallthrough, break, nesting. */
#include "test.h"

static int classify(int n)
{
    switch (n) {
    case 0:
        return 100;
    case 1:
    case 2:
        return 200;
    case 'a':
        return 300;
    default:
        return -1;
    case 10:
        return 400;
    }
}

int main(void)
{
    ASSERT(100, classify(0));
    ASSERT(200, classify(2));
    ASSERT(300, classify(97));
    ASSERT(400, classify(10));
    ASSERT(-1, classify(5));
    int n = 0;
    for (int i = 0; i < 5; i++) {
        switch (i % 3) {
        case 0:
            n += 1;
        case 1:
            n += 10;
            break;
        default:
            n += 100;
            continue;
        }
        n += 1000;
    }
    ASSERT(4142, n);
    long l = 1L << 40;
    switch (l) {
    case 1L << 40:
        n = 1;
        break;
    }
    ASSERT(1, n);
    return test_done();
}
