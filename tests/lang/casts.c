/* Explicit casts between every pair of scalar kinds. */
#include "test.h"

int main(void)
{
    long l = 0x123456789abcdefL;
    double d = -3.75;
    int i = -1;

    ASSERT(131585, (long)(int)131585);
    ASSERT(-17, (char)0x1ef);
    ASSERT(239, (unsigned char)0x1ef);
    ASSERT(-12817, (short)l - 0 + 0 == (short)0xcdef ? (short)0xcdef : 0);
    ASSERT(52719, (unsigned short)l);
    ASSERT(-1985229329, (int)l);
    ASSERT_U(2309737967u, (unsigned)l);
    ASSERT(1, (_Bool)l);
    ASSERT(0, (_Bool)0L);
    ASSERT(1, (_Bool)0.1);
    ASSERT(1, (_Bool)d);

    ASSERT(-3, (int)d);
    ASSERT(-3, (long)d);
    ASSERT(-3, (char)d);
    ASSERT_U(253, (unsigned char)(int)d);
    ASSERT(3, (int)-d);
    ASSERT_F(-3.75f, (float)d);
    ASSERT_F(0.100000001490116119384765625, (double)(float)0.1);
    ASSERT_F(-1.0, (double)i);
    ASSERT_F(4294967295.0, (double)(unsigned)i);
    ASSERT_F(18446744073709551615.0, (double)(unsigned long)i);
    ASSERT_F(16777216.0f, (float)16777217);
    ASSERT(2147483647, (int)2147483647.0);
    ASSERT(1, (int)1.9999999);

    ASSERT_U(4294967295u, (unsigned)-1);
    ASSERT_U(18446744073709551615ULL, (unsigned long)-1);
    ASSERT_U(4294967295ULL, (unsigned long)(unsigned)-1);
    ASSERT(-1, (long)(int)(unsigned)-1);
    ASSERT(255, (int)(unsigned char)-1);
    ASSERT(-1, (int)(signed char)255);
    ASSERT(65535, (int)(unsigned short)-1);
    ASSERT(-1, (short)65535);

    /* Pointer casts. */
    int a[2] = {0x01020304, 0x05060708};
    char *cp = (char *)a;
    ASSERT(4, cp[0]);
    ASSERT(1, cp[3]);
    ASSERT(8, cp[4]);
    void *vp = (void *)a;
    ASSERT(0x05060708, ((int *)vp)[1]);
    long addr = (long)a;
    int *back = (int *)addr;
    ASSERT(0x01020304, *back);
    ASSERT(1, (long)(a + 1) - (long)a == 4);
    ASSERT(1, (unsigned long)(char *)0 == 0);
    ASSERT(0, (int *)0 != 0);
    short *sp = (short *)a;
    ASSERT(0x0304, sp[0]);
    ASSERT(0x0102, sp[1]);

    /* Casting to void discards a value. */
    (void)i;
    (void)(i + 1);

    /* Casts in expressions and of expressions. */
    ASSERT(2, (int)2.5 * 1);
    ASSERT(5, (int)(2.5 * 2));
    ASSERT(1, (char)256 + 1);
    ASSERT_F(0.5, (double)1 / 2);
    ASSERT_F(0.0, (double)(1 / 2));
    ASSERT(8, sizeof((long)1));
    ASSERT(1, sizeof((char)1000));
    ASSERT(4, sizeof((float)1));
    ASSERT(16, sizeof((long double)1));
    ASSERT(8, sizeof((int *)0));
    ASSERT(3, (const int)3);
    ASSERT(7, (long long)(unsigned char)(7 + 256));

    return test_done();
}
