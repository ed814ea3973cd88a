/* The comma operator and the conditional operator: evaluation order,
 * only one arm evaluated, result types, nesting, lvalues through pointers. */
#include "test.h"

static int calls;

static int note(int v)
{
    calls = calls * 10 + v;
    return v;
}

int main(void)
{
    int a = 1, b = 2, x;

    /* Comma: left to right, value and type of the right operand. */
    calls = 0;
    x = (note(1), note(2), note(3));
    ASSERT(3, x);
    ASSERT(123, calls);
    ASSERT(8, sizeof((char)1, 1L));
    ASSERT(1, sizeof(1, (char)1));
    x = (a = 5, b = a * 2, a + b);
    ASSERT(15, x);
    for (a = 0, b = 10; a < b; a += 2, b -= 2)
        ;
    ASSERT(6, a);
    ASSERT(4, b);

    /* Conditional: only the chosen arm is evaluated. */
    calls = 0;
    x = 1 ? note(4) : note(5);
    ASSERT(4, x);
    ASSERT(4, calls);
    calls = 0;
    x = 0 ? note(4) : note(5);
    ASSERT(5, x);
    ASSERT(5, calls);
    calls = 0;
    x = note(0) ? note(1) : note(2);
    ASSERT(2, x);
    ASSERT(2, calls);

    /* Nesting associates to the right. */
    for (int i = 0; i < 4; i++) {
        const char *s = i == 0 ? "zero" : i == 1 ? "one" : i == 2 ? "two" : "many";
        printf("%d %s\n", i, s);
    }
    ASSERT(3, 0 ? 1 : 0 ? 2 : 3);
    ASSERT(1, 1 ? 1 : 0 ? 2 : 3);

    /* Result types: usual arithmetic conversions between the arms. */
    ASSERT(8, sizeof(a ? 1 : 2.0));
    ASSERT_F(1.0, a ? 1 : 2.0);
    ASSERT(8, sizeof(a ? 1 : 2L));
    ASSERT(4, sizeof(a ? (char)1 : (char)2));
    ASSERT_U(4294967295u, a ? -1 : 0u);
    ASSERT(1, (a ? -1 : 0u) > 0);

    /* Pointer arms, null pointer arms. */
    int arr[3] = {7, 8, 9};
    int *p = a ? &arr[1] : 0;
    ASSERT(8, *p);
    p = !a ? 0 : arr;
    ASSERT(7, *p);
    *(a ? &arr[0] : &arr[2]) = 70;
    ASSERT(70, arr[0]);
    *(0 ? &arr[0] : &arr[2]) = 90;
    ASSERT(90, arr[2]);
    const char *msg = a > 100 ? "big" : "small";
    ASSERT_S("small", msg);

    /* Void arms. */
    calls = 0;
    a ? (void)note(7) : (void)note(8);
    ASSERT(7, calls);

    /* Conditional with a floating or pointer condition. */
    ASSERT(1, 0.5 ? 1 : 2);
    ASSERT(2, 0.0 ? 1 : 2);
    ASSERT(1, p ? 1 : 2);

    /* Max and min the usual way. */
    int vals[6] = {3, -8, 12, 0, 7, -1};
    int mx = vals[0], mn = vals[0];
    for (int i = 1; i < 6; i++) {
        mx = vals[i] > mx ? vals[i] : mx;
        mn = vals[i] < mn ? vals[i] : mn;
    }
    ASSERT(12, mx);
    ASSERT(-8, mn);

    return test_done();
}
