/* #pragma push_macro and pop_macro as gcc has them: a stack of saved
 * states per name, a saved "undefined" too, function-like and predefined
 * macros, pops with nothing pushed, the same through _Pragma (directly,
 * from a macro body, inside a macro argument, where it waits for the
 * rescan), and the key being the whole string while the macro is the
 * identifier it starts with. */
#include "test.h"

#define S_(x) #x
#define S(x) S_(x)

/* The case of GCC's torture test pushpop_macro.c. */
#define _ 2
#pragma push_macro("_")
#undef _
#define _ 1
#pragma pop_macro("_")
static void restores_definition(void)
{
    ASSERT(2, _);
}
#undef _

/* An undefined name is pushed as undefined: the pop undefines it again. */
#pragma push_macro("NEW")
#define NEW 1
#pragma pop_macro("NEW")
#ifdef NEW
#define NEW_AFTER_POP 1
#else
#define NEW_AFTER_POP 0
#endif
static void restores_undefined(void)
{
    ASSERT(0, NEW_AFTER_POP);
}

/* Two pushes, two pops, one more pop with nothing left (ignored). */
#define TWICE 1
#pragma push_macro("TWICE")
#undef TWICE
#define TWICE 2
#pragma push_macro("TWICE")
#undef TWICE
#define TWICE 3
static void stacked(void)
{
    ASSERT(3, TWICE);
#pragma pop_macro("TWICE")
    ASSERT(2, TWICE);
#pragma pop_macro("TWICE")
    ASSERT(1, TWICE);
#pragma pop_macro("TWICE")
    ASSERT(1, TWICE);
#pragma pop_macro("NEVER_PUSHED")
#ifdef NEVER_PUSHED
    ASSERT(0, 1);
#endif
}

/* A push saves the definition as it was: a later #undef or #define
 * changes nothing saved. Each name has its own stack. */
#define A 10
#define B 20
#pragma push_macro("A")
#pragma push_macro("B")
#undef A
#undef B
#define B 21
#pragma push_macro("A")
#define A 11
static void per_name(void)
{
    ASSERT(11, A);
    ASSERT(21, B);
#pragma pop_macro("B")
    ASSERT(20, B);
#pragma pop_macro("A")
#ifdef A
    ASSERT_S("undefined", "A is " S(A));
#else
    ASSERT_S("undefined", "undefined");
#endif
#pragma pop_macro("A")
    ASSERT(10, A);
}

/* Function-like macros keep their parameters; object-like and
 * function-like replace each other. */
#define TWO(x) ((x) + (x))
#pragma push_macro("TWO")
#undef TWO
#define TWO 2
#pragma push_macro("TWO")
#undef TWO
static void function_like(void)
{
#ifdef TWO
    ASSERT(0, 1);
#endif
#pragma pop_macro("TWO")
    ASSERT(2, TWO);
#pragma pop_macro("TWO")
    ASSERT(14, TWO(7));
    ASSERT_S("TWO(7)", S_(TWO(7)));
    ASSERT_S("((7) + (7))", S(TWO(7)));
}

/* Predefined and dynamic macros come back as they were. */
#pragma push_macro("__STDC_VERSION__")
#undef __STDC_VERSION__
#define __STDC_VERSION__ 1
#pragma pop_macro("__STDC_VERSION__")
#pragma push_macro("__LINE__")
#undef __LINE__
#define __LINE__ 7
static void predefined(void)
{
    ASSERT(7, __LINE__);
#pragma pop_macro("__LINE__")
    int here = __LINE__;
    ASSERT(1, __LINE__ == here + 1);
    ASSERT(201112, __STDC_VERSION__);
}

/* gcc takes an L string too, and keys the stack by the whole string:
 * "K J" saves and restores K, but a pop of "K" does not find it. */
#define K 1
#pragma push_macro(L"K")
#undef K
#pragma pop_macro("K")
static int k_after_wide = K;
#pragma push_macro("K J")
#undef K
#pragma pop_macro("K")
#ifdef K
#define K_AFTER_OTHER_KEY 1
#else
#define K_AFTER_OTHER_KEY 0
#endif
#pragma pop_macro("K J")
static int k_after_same_key = K;
static void keys(void)
{
    ASSERT(1, k_after_wide);
    ASSERT(0, K_AFTER_OTHER_KEY);
    ASSERT(1, k_after_same_key);
}

/* _Pragma does the same, written directly and made by a macro. */
#define DO_PRAGMA(x) _Pragma(#x)
#define PUSH(name) DO_PRAGMA(push_macro(#name))
#define POP(name) DO_PRAGMA(pop_macro(#name))
#define P 1
_Pragma("push_macro(\"P\")")
#undef P
_Pragma("pop_macro(\"P\")") static int p_direct = P;
PUSH(P)
#undef P
#define P 2
POP(P) static int p_from_macro = P;

/* In a macro argument gcc leaves _Pragma alone while it expands the
 * argument; it runs when the substitution is rescanned. So a macro after
 * it in the same argument has already been expanded (4, not 3), while a
 * name undefined then is expanded by the rescan, after the pop (5). */
#define ID(x) x
#define NEST(x) ID(x)
#undef P
#define P 3
ID(_Pragma("push_macro(\"P\")") static int p_in_arg = P;)
#undef P
#define P 4
ID(_Pragma("pop_macro(\"P\")") static int p_after_pop_in_arg = P;)
static int p_after_arg = P;
#define Q 5
NEST(_Pragma("push_macro(\"Q\")"))
#undef Q
NEST(_Pragma("pop_macro(\"Q\")") static int q_defined_by_rescan = Q;)
#define TWICE_IN_BODY(x) x x
TWICE_IN_BODY(_Pragma("push_macro(\"Q\")"))
#undef Q
#define Q 6
_Pragma("pop_macro(\"Q\")")
static int q_first_pop = Q;
#undef Q
_Pragma("pop_macro(\"Q\")")
static int q_second_pop = Q;
static void pragma_operator(void)
{
    ASSERT(1, p_direct);
    ASSERT(1, p_from_macro);
    ASSERT(3, p_in_arg);
    ASSERT(4, p_after_pop_in_arg);
    ASSERT(3, p_after_arg);
    ASSERT(5, q_defined_by_rescan);
    ASSERT(5, q_first_pop);
    ASSERT(5, q_second_pop);
    ASSERT_S("_Pragma(\"push_macro(\\\"Q\\\")\")", S_(_Pragma("push_macro(\"Q\")")));
    ASSERT(3, P);
    _Pragma("push_macro(\"P\")") _Pragma("push_macro(\"P\")")
#undef P
    _Pragma("pop_macro(\"P\")")
    ASSERT(3, P);
#undef P
    _Pragma("pop_macro(\"P\")")
    ASSERT(3, P);
}

/* Other pragmas stay ignored, by either form. */
#pragma push_macroX("P")
_Pragma("GCC diagnostic push")
_Pragma("GCC diagnostic pop")
DO_PRAGMA(STDC FP_CONTRACT OFF)
static void others_ignored(void)
{
    ASSERT(3, P);
}

int main(void)
{
    restores_definition();
    restores_undefined();
    stacked();
    per_name();
    function_like();
    predefined();
    keys();
    pragma_operator();
    others_ignored();
    return test_done();
}
