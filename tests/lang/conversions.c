/* Implicit conversions: integer promotions, the usual arithmetic
 * conversions, assignment and argument conversions. */
#include "test.h"

static long take_long(long x) { return x; }
static double take_double(double x) { return x; }
static unsigned char take_uchar(unsigned char x) { return x; }
static float take_float(float x) { return x; }
static int ret_int_from_double(void) { return 3.99; }
static char ret_char(int x) { return x; }

int main(void)
{
    char c = 100;
    unsigned char uc = 200;
    short s = 30000;
    int i;
    unsigned u;
    long l;
    double d;
    float f;

    /* Integer promotions: char and short arithmetic happens in int. */
    ASSERT(200, c + c);
    ASSERT(400, uc + uc);
    ASSERT(60000, s + s);
    ASSERT(4, sizeof(c + c));
    ASSERT(1, sizeof(uc));
    ASSERT(4, sizeof(+c));
    ASSERT(4, sizeof(-s));
    ASSERT(4, sizeof(~uc));
    ASSERT(4, sizeof(c << 1));

    /* Usual arithmetic conversions. */
    ASSERT(8, sizeof(1 + 1L));
    ASSERT(4, sizeof(1 + 1u));
    ASSERT(8, sizeof(1u + 1L));
    ASSERT(8, sizeof(1 + 1.0));
    ASSERT(4, sizeof(1 + 1.0f));
    ASSERT(8, sizeof(1.0f + 1.0));
    ASSERT(4, sizeof((char)1 + (short)1));
    ASSERT(8, sizeof(1LL + 1));
    ASSERT(0, -1 < 0u);
    ASSERT(1, -1 < 0L);
    ASSERT(0, -1L < 0uL);
    ASSERT(1, -1 < (unsigned short)0);
    ASSERT(1, -1 < (unsigned char)0);
    ASSERT_U(4294967295u, -1 + 0u);
    ASSERT(-1, -1 + 0L);
    ASSERT_U(18446744073709551615ULL, -1 + 0uL);
    ASSERT(4294967295LL, 0xffffffffu + 0L);

    /* int to floating and back. */
    d = 7;
    ASSERT_F(7.0, d);
    i = 7.9;
    ASSERT(7, i);
    i = -7.9;
    ASSERT(-7, i);
    f = 16777217;
    ASSERT_F(16777216.0, f);
    d = 1 / 2;
    ASSERT_F(0.0, d);
    d = 1 / 2.0;
    ASSERT_F(0.5, d);
    d = 1u;
    ASSERT_F(1.0, d);
    u = 3000000000.0;
    ASSERT_U(3000000000u, u);
    d = 18446744073709551615ULL;
    ASSERT_F(18446744073709551616.0, d);
    l = -1e18;
    ASSERT(-1000000000000000000LL, l);
    d = (unsigned long)1 << 63;
    ASSERT_F(9223372036854775808.0, d);
    unsigned long big = d;
    ASSERT_U(9223372036854775808ULL, big);

    /* Argument and return conversions. */
    ASSERT(5, take_long(5));
    ASSERT(-5, take_long((short)-5));
    ASSERT_F(2.0, take_double(2));
    ASSERT_F(0.5, take_double(1.0f / 2));
    i = 300;
    ASSERT(44, take_uchar(i));
    ASSERT_F(0.25, take_float(0.25));
    ASSERT_F(0.100000001490116119384765625, take_float(0.1));
    ASSERT(3, ret_int_from_double());
    ASSERT(-1, ret_char(255));

    /* float to double keeps the value; double to float rounds. */
    f = 0.1f;
    d = f;
    ASSERT_F(0.100000001490116119384765625, d);
    f = 0.1;
    ASSERT(1, f == 0.1f);
    ASSERT(0, f == 0.1);

    /* Conversion in compound expressions. */
    c = 'a';
    ASSERT(98, c + 1);
    ASSERT(98, c + 1.5);
    ASSERT_F(98.5, c + 1.5);
    uc = 255;
    ASSERT(256, uc + 1);
    uc = uc + 1;
    ASSERT(0, uc);

    return test_done();
}
