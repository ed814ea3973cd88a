/* Integer types: sizes, ranges, signedness and conversions between them. */
#include "test.h"

int main(void)
{
    char c = 'A';
    signed char sc = -128;
    unsigned char uc = 255;
    short s = -32768;
    unsigned short us = 65535;
    int i = -2147483647 - 1;
    unsigned int u = 4294967295u;
    long l = -9223372036854775807L - 1;
    unsigned long ul = 18446744073709551615UL;
    long long ll = 9223372036854775807LL;
    unsigned long long ull = 18446744073709551615ULL;
    _Bool b = 1;
    long int li = 5;
    short int si = 6;
    unsigned long long int ulli = 7;
    signed si2 = -8;
    unsigned un = 9;
    long signed int lsi = -10;

    ASSERT(1, sizeof(char));
    ASSERT(1, sizeof(signed char));
    ASSERT(1, sizeof(unsigned char));
    ASSERT(2, sizeof(short));
    ASSERT(4, sizeof(int));
    ASSERT(8, sizeof(long));
    ASSERT(8, sizeof(long long));
    ASSERT(1, sizeof(_Bool));

    ASSERT(65, c);
    ASSERT(-128, sc);
    ASSERT(255, uc);
    ASSERT(-32768, s);
    ASSERT(65535, us);
    ASSERT(-2147483647 - 1, i);
    ASSERT_U(4294967295u, u);
    ASSERT(-9223372036854775807L - 1, l);
    ASSERT_U(18446744073709551615UL, ul);
    ASSERT(9223372036854775807LL, ll);
    ASSERT_U(18446744073709551615ULL, ull);
    ASSERT(1, b);
    ASSERT(5, li);
    ASSERT(6, si);
    ASSERT(7, ulli);
    ASSERT(-8, si2);
    ASSERT(9, un);
    ASSERT(-10, lsi);

    /* Truncation keeps the low bits; char is signed on x86-64. */
    c = 200;
    ASSERT(-56, c);
    i = 300;
    uc = i;
    ASSERT(44, uc);
    sc = 129;
    ASSERT(-127, sc);
    s = 40000;
    ASSERT(-25536, s);
    us = -1;
    ASSERT(65535, us);
    ll = 4294967297LL;
    i = ll;
    ASSERT(1, i);
    u = -1;
    ASSERT_U(4294967295u, u);

    /* _Bool: any nonzero value becomes 1. */
    b = 256;
    ASSERT(1, b);
    b = 0;
    ASSERT(0, b);
    b = -1;
    ASSERT(1, b);
    b = 0.5;
    ASSERT(1, b);

    /* Sign extension and zero extension when widening. */
    sc = -1;
    ASSERT(-1, (long)sc);
    uc = 0xff;
    ASSERT(255, (long)uc);
    s = -2;
    ASSERT_U(18446744073709551614ULL, (unsigned long)s);
    us = 0xfffe;
    ASSERT(65534, (long long)us);
    i = -3;
    ASSERT(-3, (long)i);
    u = 0xfffffffdu;
    ASSERT(4294967293LL, (long)u);

    /* const-qualified objects read like any other. */
    const int ci = 42;
    const long cl = -42;
    ASSERT(42, ci);
    ASSERT(-42, cl);

    return test_done();
}
