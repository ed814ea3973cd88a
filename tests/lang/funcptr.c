/* Tier two: function pointers: variables, arrays, parameters, returns. */
#include "test.h"

static int add(int a, int b) { return a + b; }
static int sub(int a, int b) { return a - b; }
static int mul(int a, int b) { return a * b; }

typedef int (*binop)(int, int);

static int apply(binop f, int a, int b) { return f(a, b); }
static binop pick(int i) { return i ? mul : add; }

static binop g_table[3] = {add, sub, mul};

int main(void)
{
    int (*f)(int, int) = add;
    ASSERT(5, f(2, 3));
    ASSERT(5, (*f)(2, 3));
    f = &sub;
    ASSERT(-1, f(2, 3));
    ASSERT(6, apply(mul, 2, 3));
    ASSERT(6, pick(1)(2, 3));
    ASSERT(5, pick(0)(2, 3));
    int total = 0;
    for (int i = 0; i < 3; i++)
        total += g_table[i](7, 2);
    ASSERT(28, total);
    ASSERT(1, f == sub);
    return test_done();
}
