/* Macro replacement as C11 6.10.3 describes it: the standard's own
 * examples (6.10.3.5), rescanning and self-reference, # and ## order,
 * empty arguments, __VA_ARGS__ and __VA_OPT__. Expansions are printed as
 * strings, so the text itself (spacing included) is compared with gcc's. */
#include "test.h"

#define S_(...) #__VA_ARGS__
#define S(...) S_(__VA_ARGS__)
#define SHOW(...) printf("%s\n", S(__VA_ARGS__))

/* C11 6.10.3.5 EXAMPLE 3; the functions make the results run. */
static int f(int a) { return a + 1; }
static int m(int a, int b) { return a * 10 + b; }
static int t(int a) { return a * 3; }
static int z[1] = {7};
#define x 3
#define f(a) f(x * (a))
#undef x
#define x 2
#define g f
#define z z[0]
#define h g(~
#define m(a) a(w)
#define w 0,1
#define t(a) a
#define p() int
#define q(x) x
#define r(x,y) x ## y
#define str(x) # x

static void example3(void)
{
    int y = 5;
    SHOW(f(y+1) + f(f(z)) % t(t(g)(0) + t)(1););
    ASSERT(16, f(y+1) + f(f(z)) % t(t(g)(0) + t)(1));
    int v = g(x+(3,4)-w) | h 5) & m
         (f)^m(m);
    ASSERT(3, v);
    p() i[q()] = { q(1), r(2,3), r(4,), r(,5), r(,) };
    char c[2][6] = { str(hello), str() };
    ASSERT(4, sizeof i / sizeof i[0]);
    ASSERT(1, i[0]);
    ASSERT(23, i[1]);
    ASSERT(4, i[2]);
    ASSERT(5, i[3]);
    ASSERT_S("hello", c[0]);
    ASSERT_S("", c[1]);
}
#undef x
#undef f
#undef g
#undef z
#undef h
#undef m
#undef w
#undef t
#undef p
#undef q
#undef r
#undef str

/* C11 6.10.3.5 EXAMPLE 4 */
#define str(s) # s
#define xstr(s) str(s)
#define debug(s, t) printf("x" # s "= %d, x" # t "= %s", \
                           x ## s, x ## t)
#define INCFILE(n) vers ## n
#define glue(a, b) a ## b
#define xglue(a, b) glue(a, b)
#define HIGHLOW "hello"
#define LOW LOW ", world"

static void example4(void)
{
    int x1 = 7;
    const char *x2 = "two";
    debug(1, 2);
    printf("\n");
    fputs(str(strncmp("abc\0d", "abc", '\4') // this goes away
              == 0) str(: @\n), stdout);
    printf("\n");
    SHOW(xstr(INCFILE(2).h));
    ASSERT_S("hello", glue(HIGH, LOW));
    ASSERT_S("hello, world", xglue(HIGH, LOW));
}

/* C11 6.10.3.5 EXAMPLE 5: placemarkers */
#define t(x,y,z) x ## y ## z
static void example5(void)
{
    int j[] = { t(1,2,3), t(,4,5), t(6,,7), t(8,9,),
                t(10,,), t(,11,), t(,,12), t(,,) };
    ASSERT(7, sizeof j / sizeof j[0]);
    ASSERT(123, j[0]);
    ASSERT(45, j[1]);
    ASSERT(67, j[2]);
    ASSERT(89, j[3]);
    ASSERT(10, j[4]);
    ASSERT(11, j[5]);
    ASSERT(12, j[6]);
}
#undef t

/* C11 6.10.3.5 EXAMPLE 7: variable arguments */
#define debug2(...) fprintf(stderr, __VA_ARGS__)
#define showlist(...) puts(#__VA_ARGS__)
#define report(test, ...) ((test)?puts(#test):\
                           printf(__VA_ARGS__))
static void example7(void)
{
    int x = 1, y = 2;
    debug2("Flag");
    debug2("X = %d\n", x);
    showlist(The first, second, and third items.);
    report(x>y, "x is %d but y is %d\n", x, y);
    SHOW(debug2("X = %d\n", x); showlist(a, b));
}

/* Self reference and indirect recursion stop; names hidden in one
 * expansion come back in the next one. */
#define bar baz * 2
#define baz bar
#define AA BB
#define BB AA
#define lparen (
#define F1(a) [a]
#define id(a) a
#define ff(a) a + ff(a)
#define APPLY(fn, a) fn(a)
#define BRACE(a) {a}
static int foo_value = 10;
static void self_reference(void)
{
#define foo_value foo_value + 1

    ASSERT(11, foo_value);
    SHOW(foo_value);
    SHOW(bar; baz);
    SHOW(AA BB);
    SHOW(id(id)(5));
    SHOW(ff(ff(1)));
    SHOW(APPLY(F1, 2) APPLY(id, F1)(3));
}

/* # and ##: stringizing spells strings and characters with escapes;
 * ## pastes before rescanning; an argument next to # or ## is not
 * expanded first. */
#define CAT(a, b) a ## b
#define XCAT(a, b) CAT(a, b)
#define STR2(a) #a
#define XSTR2(a) STR2(a)
#define ONE 1
#define TWO 2
#define CAT3(a, b, c) a ## b ## c
#define HASHHASH # ## #
#define MKSTR(x) # x
#define IN_BETWEEN(a) MKSTR(a)
#define JOIN(x, y) IN_BETWEEN(x HASHHASH y)
static void hash_ops(void)
{
    int ONETWO = 12, x12 = 3;
    ASSERT(12, CAT(ONE, TWO));
    ASSERT(12, XCAT(ONE, TWO) * 1);
    ASSERT(3, CAT3(x, 1, 2));
    ASSERT_S("ONE", STR2(ONE));
    ASSERT_S("1", XSTR2(ONE));
    ASSERT_S("\"a\\n\" '\\'' '\"'", STR2("a\n" '\'' '"'));
    ASSERT_S("a + b", STR2(  a   +
                             b  ));
    ASSERT_S("", STR2());
    ASSERT_S("x ## y", JOIN(x, y));
    ASSERT(2, CAT(0x, 2));
    ASSERT(100, CAT(1e, 2) == 100.0 ? 100 : 0);
    ASSERT(13, (CAT(+, +) ONETWO));
    SHOW(CAT(<, <=) CAT(-, >) CAT(&, &));
    (void)ONETWO;
}

/* Empty arguments and arguments with parentheses and commas. */
#define EMPTY
#define FIRST(a, b) a
#define SECOND(a, b) b
#define PAREN(a) (a)
#define COUNT_ARGS(...) COUNT_(__VA_ARGS__, 5, 4, 3, 2, 1, 0)
#define COUNT_(a, b, c, d, e, n, ...) n
static void arguments(void)
{
    ASSERT(3, FIRST((1, 3), 2) );
    ASSERT(2, SECOND(, 2));
    SHOW(FIRST(,) SECOND(EMPTY, EMPTY) PAREN() PAREN(EMPTY));
    ASSERT(1, COUNT_ARGS(a));
    ASSERT(3, COUNT_ARGS(a, (b, c), d));
    ASSERT(5, COUNT_ARGS(a, b, c, d, e));
    SHOW(FIRST(
            1,
            2));
}

/* __VA_ARGS__, GNU's ", ## __VA_ARGS__" and named variadic
 * parameters, and __VA_OPT__ (gcc accepts it in C11). */
#define V0(...) [__VA_ARGS__]
#define V1(fmt, ...) f(fmt, ## __VA_ARGS__)
#define V2(args...) g(args)
#define VO(a, ...) h(a __VA_OPT__(,) __VA_ARGS__)
#define VO2(X, ...) X __VA_OPT__(- X ## __VA_ARGS__ -) end
#define VO3(...) [__VA_OPT__(x)]
static void variadic(void)
{
    SHOW(V0() V0(1) V0(1, 2) V0((a, b), c));
    SHOW(V1("a") V1("b", 1) V1("c", 1, 2));
    SHOW(V2() V2(1, 2));
    SHOW(VO(1) VO(1, 2, 3) VO(1, EMPTY));
    SHOW(VO2(a) VO2(a, b));
    SHOW(VO3() VO3(EMPTY) VO3(,));
}

int main(void)
{
    example3();
    example4();
    example5();
    example7();
    self_reference();
    hash_ops();
    arguments();
    variadic();
    return test_done();
}
