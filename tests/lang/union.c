/* Tier two: unions: shared storage, sizeof, type punning of floats. */
#include "test.h"

union word { unsigned u; unsigned char bytes[4]; float f; };

int main(void)
{
    union word w;
    w.u = 0x01020304;
    ASSERT(4, w.bytes[0]);
    ASSERT(1, w.bytes[3]);
    ASSERT(4, sizeof w);
    w.f = 1.0f;
    ASSERT_U(0x3f800000u, w.u);
    union { char c; double d; long l; } big;
    ASSERT(8, sizeof big);
    big.l = 0;
    big.c = 1;
    ASSERT(1, big.l);
    return test_done();
}
