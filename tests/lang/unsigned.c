/* Unsigned arithmetic: wraparound, division and shifts, comparisons of
 * signed with unsigned, conversions at the boundaries. */
#include "test.h"

int main(void)
{
    unsigned u = 0;
    unsigned long ul = 0;
    unsigned char uc = 0;
    unsigned short us = 0;

    u--;
    ASSERT_U(4294967295u, u);
    u++;
    ASSERT_U(0, u);
    u = 4000000000u;
    u += 500000000u;
    ASSERT_U(205032704u, u);
    u = 65536;
    ASSERT_U(0, u * u);
    ul--;
    ASSERT_U(18446744073709551615ULL, ul);
    ul += 2;
    ASSERT_U(1, ul);
    uc = 200;
    uc += 100;
    ASSERT(44, uc);
    us = 0;
    us -= 1;
    ASSERT(65535, us);

    /* Division, remainder and shifts are unsigned. */
    u = 4294967295u;
    ASSERT_U(2147483647u, u / 2);
    ASSERT_U(1, u % 2);
    ASSERT_U(2147483647u, u >> 1);
    ASSERT_U(4294967294u, u << 1);
    ASSERT_U(1431655765u, u / 3);
    ul = 18446744073709551615UL;
    ASSERT_U(9223372036854775807ULL, ul >> 1);
    ASSERT_U(1, ul / 18446744073709551615UL);
    ASSERT_U(6148914691236517205ULL, ul / 3);

    /* Signed meets unsigned: the signed operand converts. */
    int neg = -1;
    unsigned one = 1;
    ASSERT(1, neg > one);
    ASSERT(0, neg < one);
    ASSERT(1, neg == 4294967295u);
    ASSERT(1, (unsigned)neg == 4294967295u);
    ASSERT(1, neg < 1L);
    ASSERT(0, (long)neg > one);
    ASSERT(1, -1L < 1u);
    ASSERT(0, -1L < 1ul);
    ASSERT(1, (unsigned char)neg > 0);
    ASSERT(1, (unsigned short)neg == 65535);
    /* unsigned char and short promote to int, so they compare signed. */
    unsigned char small = 1;
    ASSERT(1, neg < small);
    unsigned short ushort = 1;
    ASSERT(1, neg < ushort);

    ASSERT_U(4294967295u, 0u - 1);
    ASSERT_U(4294967294u, neg + neg + 0u);
    ASSERT_U(2147483648u, 1u << 31);
    ASSERT(-2147483647 - 1, (int)(1u << 31));
    ASSERT_U(3, 7u & 3);
    ASSERT_U(4294967288u, ~7u);
    ASSERT_U(4294967289u, -7u);

    /* Conversions at the boundaries. */
    ASSERT(-1, (int)4294967295u);
    ASSERT(4294967295LL, (long)4294967295u);
    ASSERT_U(4294967295u, (unsigned)4294967295L);
    ASSERT_U(0, (unsigned)4294967296L);
    ASSERT_U(2147483648u, (unsigned)2147483648L);

    /* Loops with unsigned counters. */
    unsigned total = 0;
    for (unsigned i = 10; i > 0; i--)
        total += i;
    ASSERT_U(55, total);
    unsigned long prod = 1;
    for (unsigned long i = 1; i <= 21; i++)
        prod *= i;
    printf("21! mod 2^64 = %lu\n", prod);
    ASSERT_U(14197454024290336768ULL, prod);

    /* A hash: FNV-1a over a string. */
    unsigned h = 2166136261u;
    for (const char *p = "memjit"; *p; p++) {
        h ^= (unsigned char)*p;
        h *= 16777619u;
    }
    printf("fnv1a(memjit) = %u (%08x)\n", h, h);

    unsigned long long h64 = 14695981039346656037ULL;
    for (const char *p = "memjit"; *p; p++) {
        h64 ^= (unsigned char)*p;
        h64 *= 1099511628211ULL;
    }
    printf("fnv1a64(memjit) = %llu\n", h64);

    return test_done();
}
