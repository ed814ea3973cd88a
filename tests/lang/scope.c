/* Scopes: blocks, shadowing of locals, parameters and globals,
 * declarations anywhere in a block, static locals, lifetimes in loops. */
#include "test.h"

int x = 1;
static int y = 2;

static int get_x(void) { return x; }

static int shadow_param(int x)
{
    {
        int x = 100;
        x++;
    }
    return x;
}

static int counter(int reset)
{
    static int n = 10;
    if (reset)
        n = 10;
    return n++;
}

static int other_counter(void)
{
    static int n;
    return n++;
}

int main(void)
{
    ASSERT(1, x);
    int x = 10;
    ASSERT(10, x);
    ASSERT(1, get_x());
    {
        ASSERT(10, x);
        int x = 20;
        ASSERT(20, x);
        {
            int x = 30;
            ASSERT(30, x);
            x++;
            ASSERT(31, x);
        }
        ASSERT(20, x);
        x = 21;
    }
    ASSERT(10, x);
    ASSERT(1, get_x());
    ASSERT(2, y);
    {
        double y = 2.5;
        ASSERT_F(2.5, y);
        ASSERT(8, sizeof y);
    }
    ASSERT(4, sizeof y);

    ASSERT(5, shadow_param(5));

    /* Static locals keep their value; two functions' statics are distinct. */
    ASSERT(10, counter(0));
    ASSERT(11, counter(0));
    ASSERT(0, other_counter());
    ASSERT(12, counter(0));
    ASSERT(1, other_counter());
    ASSERT(10, counter(1));

    /* Declarations after statements. */
    int a = 1;
    a += 2;
    int b = a * 2;
    b++;
    int c = a + b;
    ASSERT(10, c);

    /* A variable declared in a loop body is fresh each iteration. */
    int total = 0;
    for (int i = 0; i < 5; i++) {
        int fresh = 0;
        fresh += i;
        total += fresh;
    }
    ASSERT(10, total);

    /* A name declared in a for header hides an outer one only there. */
    int i = 42;
    for (int i = 0; i < 3; i++) {
        int j = i;
        (void)j;
    }
    ASSERT(42, i);

    /* Block in a block in a loop. */
    int found = -1;
    for (int k = 0; k < 10 && found < 0; k++) {
        {
            int sq = k * k;
            if (sq > 20) {
                found = k;
            }
        }
    }
    ASSERT(5, found);

    /* Inner declaration's initialiser sees the outer variable. */
    int v = 3;
    {
        int w = v + 1;
        int v = w * 2;
        ASSERT(8, v);
    }
    ASSERT(3, v);

    /* Empty blocks and empty statements. */
    {}
    ;
    {{{}}}

    return test_done();
}
