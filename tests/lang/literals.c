/* Integer, floating and character constants: bases, suffixes, the type
 * each constant gets, and character escapes. */
#include "test.h"

int main(void)
{
    /* Bases. */
    ASSERT(255, 0xff);
    ASSERT(255, 0XFF);
    ASSERT(171, 0xAb);
    ASSERT(8, 010);
    ASSERT(511, 0777);
    ASSERT(0, 0);
    ASSERT(0, 00);
    ASSERT(0, 0x0);
    ASSERT(1000000, 1000000);
    ASSERT_U(0xdeadbeefu, 0xDEADBEEF);
    ASSERT(81985529216486895LL, 0x0123456789abcdefLL);

    /* The type of an unsuffixed constant is the first that fits. */
    ASSERT(4, sizeof(0));
    ASSERT(4, sizeof(2147483647));
    ASSERT(8, sizeof(2147483648));
    ASSERT(4, sizeof(0x7fffffff));
    ASSERT(4, sizeof(0xffffffff));
    ASSERT(8, sizeof(0x100000000));
    ASSERT(4, sizeof(037777777777));
    ASSERT(1, 0xffffffff > 0);
    ASSERT(0, -1 < 0xffffffff);
    ASSERT(1, -1 < 4294967296);
    ASSERT(1, -1 < 2147483648);

    /* Suffixes. */
    ASSERT(8, sizeof(1L));
    ASSERT(8, sizeof(1l));
    ASSERT(8, sizeof(1LL));
    ASSERT(8, sizeof(1ll));
    ASSERT(4, sizeof(1u));
    ASSERT(4, sizeof(1U));
    ASSERT(8, sizeof(1UL));
    ASSERT(8, sizeof(1ul));
    ASSERT(8, sizeof(1LU));
    ASSERT(8, sizeof(1lu));
    ASSERT(8, sizeof(1ULL));
    ASSERT(8, sizeof(1llu));
    ASSERT(8, sizeof(1LLU));
    ASSERT(8, sizeof(0xfUL));
    ASSERT(0, -1u < 0);
    ASSERT_U(4294967295u, -1u);
    ASSERT_U(18446744073709551615ULL, -1ul);
    ASSERT(1, -1l < 0);
    ASSERT_U(18446744073709551615ULL, 0xffffffffffffffff);
    ASSERT(1, 0xffffffffffffffff > 0);

    /* Floating constants. */
    ASSERT(8, sizeof(1.0));
    ASSERT(4, sizeof(1.0f));
    ASSERT(4, sizeof(1.0F));
    ASSERT(16, sizeof(1.0L));
    ASSERT(16, sizeof(1.0l));
    ASSERT_F(1.5, 1.5);
    ASSERT_F(0.5, .5);
    ASSERT_F(5.0, 5.);
    ASSERT_F(1000.0, 1e3);
    ASSERT_F(1000.0, 1E3);
    ASSERT_F(0.001, 1e-3);
    ASSERT_F(0.001, 1e-3);
    ASSERT_F(25.0, 2.5e+1);
    ASSERT_F(0.125, 0.125f);
    ASSERT_F(1.5, 0x1.8p0);
    ASSERT_F(10.0, 0x1.4p3);
    ASSERT_F(0.5, 0x1p-1);
    ASSERT_F(255.0, 0xffp0);
    ASSERT_F(0.1f, .1f);
    ASSERT(1, 0.1f != 0.1);
    ASSERT_F(1e308, 1e308);
    ASSERT_F(4.9406564584124654e-324, 4.9406564584124654e-324);
    ASSERT_F(3.14159265358979323846, 3.141592653589793);

    /* Character constants have type int. */
    ASSERT(4, sizeof('a'));
    ASSERT(97, 'a');
    ASSERT(48, '0');
    ASSERT(32, ' ');
    ASSERT(10, '\n');
    ASSERT(9, '\t');
    ASSERT(0, '\0');
    ASSERT(7, '\a');
    ASSERT(8, '\b');
    ASSERT(12, '\f');
    ASSERT(13, '\r');
    ASSERT(11, '\v');
    ASSERT(39, '\'');
    ASSERT(34, '"');
    ASSERT(34, '\"');
    ASSERT(92, '\\');
    ASSERT(63, '\?');
    ASSERT(65, '\101');
    ASSERT(65, '\x41');
    ASSERT(-1, '\377');
    ASSERT(-1, '\xff');
    ASSERT(-128, '\x80');
    ASSERT(127, '\177');
    ASSERT(1, '\1');

    /* Digits of a number. */
    int n = 0;
    for (const char *p = "31415"; *p; p++)
        n = n * 10 + (*p - '0');
    ASSERT(31415, n);

    printf("%d %d %d %ld %lu %u\n", 0x10, 010, 10, 10L, 10UL, 10u);
    printf("%g %g %g %g\n", 1e10, 1.5e-5, 0x1p10, 123.456);

    return test_done();
}
