/* Precedence and associativity of every binary and unary operator.
 * gcc -Wall suggests parentheses here: leaving them out is the point. */
#include "test.h"

int main(void)
{
    int a = 2, b = 3, c = 4;
    int x;

    ASSERT(14, a + b * c);
    ASSERT(20, (a + b) * c);
    ASSERT(-1, a - b);
    ASSERT(-5, a - b - c);
    ASSERT(3, a - (b - c));
    ASSERT(1, 24 / c / 6);
    ASSERT(36, 24 / (c / 6 + 1) * 1 + 12);
    ASSERT(2, 2 * 7 % 4);
    ASSERT(2, 2 * (7 % 4) - 4);
    ASSERT(64, 1 << 2 + 4);
    ASSERT(7, 1 << 2 | 3);
    ASSERT(1, 1 < 2 == 1);
    ASSERT(0, 1 == 2 < 3 - 3);
    ASSERT(1, 6 & 3 == 3 ? 2 : 1);
    ASSERT(3, 1 | 2 ^ 3 & 1);
    ASSERT(1, 4 & 5 ^ 5 | 0);
    ASSERT(1, 0 || 1 && 0 || 1);
    ASSERT(0, 0 && 1 || 0);
    ASSERT(1, 1 || 0 && 0);
    ASSERT(5, 0 ? 1 : 0 ? 2 : 5);
    ASSERT(2, 1 ? 0 ? 1 : 2 : 3);
    ASSERT(-3, -a - 1);
    ASSERT(1, !a + 1);
    ASSERT(-2, ~a + 1);
    ASSERT(0, !a == 1);
    ASSERT(1, -a < 0);
    ASSERT(5, a + b > 4 ? 5 : 6);
    ASSERT(1, a < b && b < c);
    ASSERT(12, a * b << 1);
    ASSERT(9, 1 + a * b + 2);
    ASSERT(1, a == 2 && b == 3 || c == 5);
    ASSERT(32, a << b << 1);
    ASSERT(1, 64 >> a >> 4);
    ASSERT(0, a < b < 0);

    /* Assignment is right-associative and lowest but for the comma. */
    x = a = b = 5;
    ASSERT(5, x);
    ASSERT(5, a);
    x = 1, a = 2;
    ASSERT(1, x);
    ASSERT(2, a);
    x = a ? 10 : 20;
    ASSERT(10, x);
    x += a *= 3;
    ASSERT(16, x);
    ASSERT(6, a);

    /* Unary operators bind tighter than binary ones; postfix tighter. */
    int arr[3] = {10, 20, 30};
    int *p = arr;
    ASSERT(10, *p++);
    ASSERT(20, *p);
    ASSERT(21, ++*p);
    ASSERT(21, *p--);
    ASSERT(10, *p);
    ASSERT(11, *p + 1);
    ASSERT(21, *(p + 1));
    ASSERT(4, sizeof *p);
    ASSERT(5, sizeof(int) + 1);
    ASSERT(-10, -*p);
    ASSERT(0, !*p);
    ASSERT(1, (char)257);
    ASSERT(2, (char)257 + 1);

    return test_done();
}
