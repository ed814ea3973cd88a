/* Every operator of C on scalars: bitwise, shifts, comparisons, logical,
 * unary, assignment, comma, conditional, sizeof, address and deref. */
#include "test.h"

int main(void)
{
    int a = 12, b = 10;
    unsigned u = 0xf0f0f0f0u;
    long l = -1;

    /* Bitwise. */
    ASSERT(8, a & b);
    ASSERT(14, a | b);
    ASSERT(6, a ^ b);
    ASSERT(-13, ~a);
    ASSERT_U(0x0f0f0f0fu, ~u);
    ASSERT_U(0xf0f0f0f0u, u & 0xffffffffu);
    ASSERT(0, 0 & 1);
    ASSERT(3, 1 | 2);
    ASSERT(1, 3 ^ 2);
    ASSERT(-1, ~0);
    ASSERT(0, ~-1);

    /* Shifts: arithmetic right shift for signed, logical for unsigned. */
    ASSERT(48, a << 2);
    ASSERT(3, a >> 2);
    ASSERT(-1, -1 >> 1);
    ASSERT(-4, -16 >> 2);
    ASSERT_U(0x78787878u, u >> 1);
    ASSERT_U(0xe1e1e1e0u, u << 1);
    ASSERT(-1, l >> 40);
    ASSERT(1099511627776L, 1L << 40);
    ASSERT(1, 1 << 0);
    ASSERT(-2147483647 - 1, 1 << 31);
    ASSERT_U(9223372036854775808ULL, 1ULL << 63);
    char sh = 3;
    ASSERT(64, 8 << sh);
    ASSERT(4, sizeof(1 << 40L));
    ASSERT(8, sizeof(1L << 2));

    /* Comparisons give int 0 or 1. */
    ASSERT(1, a > b);
    ASSERT(0, a < b);
    ASSERT(1, a >= 12);
    ASSERT(1, a <= 12);
    ASSERT(0, a <= 11);
    ASSERT(1, a == 12);
    ASSERT(1, a != b);
    ASSERT(0, a != 12);
    ASSERT(1, 1.5 > 1);
    ASSERT(1, -0.0 == 0.0);
    ASSERT(4, sizeof(a == b));
    ASSERT(4, sizeof(1.0 < 2.0));

    /* Logical. */
    ASSERT(0, !a);
    ASSERT(1, !0);
    ASSERT(1, !!a);
    ASSERT(1, !0.0);
    ASSERT(0, !0.5);
    ASSERT(1, a && b);
    ASSERT(0, a && 0);
    ASSERT(1, 0 || b);
    ASSERT(0, 0 || 0);
    ASSERT(1, 0.5 && 2);
    ASSERT(4, sizeof(!l));
    ASSERT(4, sizeof(l && l));

    /* Unary plus and minus. */
    ASSERT(12, +a);
    ASSERT(-12, -a);
    ASSERT(12, - -a);

    /* Address and dereference. */
    int *p = &a;
    ASSERT(12, *p);
    *p = 13;
    ASSERT(13, a);
    ASSERT(13, *&a);
    ASSERT(1, &*p == p);
    int **pp = &p;
    ASSERT(13, **pp);
    **pp = 14;
    ASSERT(14, a);

    /* Assignment is an expression with the left operand's type. */
    int x, y, z;
    x = y = z = 7;
    ASSERT(7, x);
    ASSERT(7, y);
    ASSERT(7, z);
    ASSERT(9, x = 9);
    char c;
    ASSERT(44, c = 300 - 256);
    ASSERT(1, sizeof(c = 5));
    ASSERT(8, (x = 3) + (y = 5));

    /* Comma and conditional. */
    ASSERT(3, (1, 2, 3));
    ASSERT(5, (x = 4, x + 1));
    ASSERT(10, a > b ? 10 : 20);
    ASSERT(20, a < b ? 10 : 20);
    ASSERT_F(2.5, 1 ? 2.5 : 1);
    ASSERT(8, sizeof(1 ? 1 : 1.0));
    ASSERT(8, sizeof(0 ? 1 : 1L));

    /* sizeof does not evaluate its operand. */
    x = 1;
    ASSERT(4, sizeof(x = 2));
    ASSERT(1, x);
    ASSERT(4, sizeof x);
    ASSERT(8, sizeof p);

    return test_done();
}
