/* Tier two: the full preprocessor: function-like macros, # and ##,
 * conditionals, #undef, variadic macros, predefined macros. */
#include "test.h"

#define SQUARE(x) ((x) * (x))
#define MAX(a, b) ((a) > (b) ? (a) : (b))
#define CAT(a, b) a##b
#define STR(x) #x
#define XSTR(x) STR(x)
#define COUNT 3
#define EMPTY
#define FIRST(a, ...) a
#define REST(a, ...) __VA_ARGS__

#if COUNT > 2 && defined(SQUARE)
#define BIG 1
#elif COUNT > 1
#define BIG 2
#else
#define BIG 3
#endif

#ifdef UNDEFINED_THING
#error "should not be here"
#endif

#ifndef COUNT
#error "COUNT missing"
#endif

#define TMP 5
#undef TMP
#ifdef TMP
#error "TMP still defined"
#endif

int main(void)
{
    int xy = 12;
    ASSERT(49, SQUARE(3 + 4));
    ASSERT(9, MAX(2, 9));
    ASSERT(12, CAT(x, y));
    ASSERT_S("a + b", STR(a + b));
    ASSERT_S("3", XSTR(COUNT));
    ASSERT(1, BIG);
    ASSERT(7, FIRST(7, 8, 9));
    int r[] = {REST(1, 2, 3)};
    ASSERT(8, sizeof r);
    ASSERT(1, __STDC__);
    ASSERT(1, __STDC_VERSION__ >= 201112L);
    ASSERT(1, __LINE__ > 0);
    ASSERT(1, sizeof(__FILE__) > 1);
    EMPTY
    return test_done();
}
