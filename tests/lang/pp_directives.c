/* Directives and predefined macros as gcc has them: #line and line
 * markers, __COUNTER__, __INCLUDE_LEVEL__, __BASE_FILE__, directives
 * inside macro arguments, "defined" produced by a macro expansion,
 * __has_include, _Pragma, digraphs, #if arithmetic, and the predefined
 * macros of C11 on x86-64 Linux. */
#include "test.h"

#define S_(...) #__VA_ARGS__
#define S(...) S_(__VA_ARGS__)
#define SHOW(...) printf("%s\n", S(__VA_ARGS__))

static void line_directives(void)
{
    int here = __LINE__;
    ASSERT(1, __LINE__ == here + 1);
#line 100
    ASSERT(100, __LINE__);
    ASSERT(101, __LINE__);
#line 200 "renamed.c"
    ASSERT(200, __LINE__);
    ASSERT_S("renamed.c", __FILE__);
#define LINE_NO 300
#define NAME "macro\\name.c"
#line LINE_NO NAME
    ASSERT(300, __LINE__);
    ASSERT_S("macro\\name.c", __FILE__);
# 400 "marker.c"
    ASSERT(400, __LINE__);
    ASSERT_S("marker.c", __FILE__);
#line 500
    ASSERT_S("marker.c", __FILE__);
    ASSERT(1, __LINE__ == 501);
    ASSERT(1, __LINE__ \
           == 502);
}

/* __LINE__ inside a macro use spread over several lines. */
#define LINE_OF(x) __LINE__
static void line_in_macro(void)
{
    int a = __LINE__;
    int b = LINE_OF(
        1);
    ASSERT(1, b - a >= 1 && b - a <= 2);
}

static void counter(void)
{
    int a = __COUNTER__, b = __COUNTER__, c = __COUNTER__;
    ASSERT(1, b == a + 1 && c == b + 1);
    ASSERT(0, __INCLUDE_LEVEL__);
    ASSERT(1, sizeof(__BASE_FILE__) > 1);
    ASSERT(1, strstr(__BASE_FILE__, "pp_directives") != 0);
}

/* gcc runs directives inside the arguments of a macro use. */
#define ADD(a, b) ((a) + (b))
#define FEATURE 1
static void directives_in_arguments(void)
{
    int v = ADD(
#ifdef FEATURE
        10,
#else
        20,
#endif
#if FEATURE > 1
        1
#elif defined(FEATURE)
        2
#else
        3
#endif
    );
    ASSERT(12, v);
}

/* "defined" that a macro expansion produces in #if: gcc evaluates it. */
#define FEATURE_DEFINED defined(FEATURE)
#define NOT_DEFINED defined NOT_A_MACRO
#define HAVE_FEATURE defined FEATURE && FEATURE
#if FEATURE_DEFINED && !NOT_DEFINED
#define DEFINED_VIA_MACRO 1
#else
#define DEFINED_VIA_MACRO 0
#endif
#if HAVE_FEATURE
#define HAVE_IT 1
#else
#define HAVE_IT 0
#endif

/* __has_include: memjit's own headers exist, others do not. */
#if defined(__has_include)
#if __has_include(<stdio.h>) && __has_include("stdlib.h")
#define HAS_STDIO 1
#else
#define HAS_STDIO 0
#endif
#if __has_include(<no_such_header_here.h>)
#define HAS_NONE 1
#else
#define HAS_NONE 0
#endif
#else
#define HAS_STDIO -1
#define HAS_NONE -1
#endif

/* _Pragma in a macro body and directly. */
#define PRAGMA(x) _Pragma(#x)
PRAGMA(GCC diagnostic push)
PRAGMA(GCC diagnostic pop)
_Pragma("GCC diagnostic push")
_Pragma("GCC diagnostic pop")
#pragma GCC diagnostic push
#pragma STDC FP_CONTRACT OFF
#pragma unknown pragmas are ignored
#pragma GCC diagnostic pop

static void conditionals(void)
{
    ASSERT(1, DEFINED_VIA_MACRO);
    ASSERT(1, HAVE_IT);
    ASSERT(1, HAS_STDIO);
    ASSERT(0, HAS_NONE);
#if -1 > 0u
    ASSERT(1, 1);   /* -1 converts to unsigned in #if, as in C */
#else
    ASSERT(1, 0);
#endif
#if (2 || 1 / 0) && (0 && 1 / 0) == 0
    ASSERT(2, 2);
#endif
#if (1 ? 2 : (1 / 0)) == 2 && 0x7fffffffffffffff + 0 > 0 && (1 << 62) > 0
    ASSERT(3, 3);
#endif
#if 'A' == 65 && '\377' < 0 && L'\0' == 0
    ASSERT(4, 4);
#endif
#if UNDEFINED_NAME == 0 && !UNDEFINED_NAME
    ASSERT(5, 5);
#endif
#if 18446744073709551615u == -1 && 10 % 3 == 1 && -7 / 2 == -3 && (-7 >> 1) == -4
    ASSERT(6, 6);
#endif
#ifdef __STDC__
#elif 1
#error "an #elif after a taken group is not evaluated"
#else
#endif
}

/* Digraphs are the punctuators they spell. */
%:define DIGRAPH_SUM(a, b) a %:%: b
static void digraphs(void)
<%
    int arr<:3:> = <% 1, 2, 3 %>;
    int DIGRAPH_SUM(x, y) = arr<:2:>;
    ASSERT(3, xy);
    ASSERT(6, arr[0] + arr<:1:> + arr[2]);
%>

/* The predefined macros a program may test. */
static void predefined(void)
{
    ASSERT(1, __STDC__);
    ASSERT(201112L, __STDC_VERSION__);
    ASSERT(1, __STDC_HOSTED__);
    ASSERT(1, __STDC_IEC_559__);
    ASSERT(1, __STDC_UTF_16__);
    ASSERT(1, __STDC_UTF_32__);
    ASSERT(201706L, __STDC_ISO_10646__);
    ASSERT(1, __x86_64__);
    ASSERT(1, __x86_64);
    ASSERT(1, __amd64__);
    ASSERT(1, __linux__);
    ASSERT(1, __unix__);
    ASSERT(1, __ELF__);
    ASSERT(1, __LP64__);
    ASSERT(1, _LP64);
    ASSERT(8, __CHAR_BIT__);
    ASSERT(8, __SIZEOF_POINTER__);
    ASSERT(8, __SIZEOF_LONG__);
    ASSERT(16, __SIZEOF_LONG_DOUBLE__);
    ASSERT(8, __SIZEOF_SIZE_T__);
    ASSERT(4, __SIZEOF_WCHAR_T__);
    ASSERT(16, __BIGGEST_ALIGNMENT__);
    ASSERT(1, __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__);
    ASSERT(2147483647, __INT_MAX__);
    ASSERT_U(0xffffffffffffffffUL, __SIZE_MAX__);
    ASSERT(sizeof(__SIZE_TYPE__), sizeof(size_t));
    ASSERT(sizeof(__PTRDIFF_TYPE__), 8);
    ASSERT(sizeof(__INT8_TYPE__), 1);
    ASSERT(sizeof(__UINT64_TYPE__), 8);
    ASSERT(sizeof(__INTPTR_TYPE__), 8);
    ASSERT(sizeof(__CHAR16_TYPE__), 2);
    ASSERT(sizeof(__WINT_TYPE__), 4);
    ASSERT(64, __LONG_WIDTH__);
    ASSERT(5, __INT64_C(5));
    ASSERT(8, sizeof(__UINT64_C(5)));
    ASSERT(53, __DBL_MANT_DIG__);
    ASSERT(64, __LDBL_MANT_DIG__);
    ASSERT_F(__DBL_EPSILON__, 2.220446049250313e-16);
    ASSERT_F(__FLT_MAX__, 3.4028234663852886e+38);
    ASSERT(0, __FLT_EVAL_METHOD__);
    SHOW(__INT8_TYPE__ __UINT32_TYPE__ __INTMAX_TYPE__ __SIZE_TYPE__ __WCHAR_TYPE__);
    SHOW(__INT32_MAX__ __UINT32_MAX__ __INT64_MAX__ __UINTMAX_MAX__ __SCHAR_MAX__);
#if defined(__GNUC__) && !defined(__memjit__)
    printf("gcc or memjit\n");
#elif defined(__memjit__)
    printf("gcc or memjit\n");
#endif
#ifdef __STDC_NO_VLA__
    printf("no VLA\n");
#endif
#undef __STDC_HOSTED__
#ifdef __STDC_HOSTED__
    printf("still defined\n");
#endif
}

int main(void)
{
    line_directives();
    line_in_macro();
    counter();
    directives_in_arguments();
    conditionals();
    digraphs();
    predefined();
    return test_done();
}
