/* File-scope variables with constant initialisers: scalars, arrays,
 * strings, pointers to globals and into arrays, static, const,
 * zero-initialised and tentative definitions. */
#include "test.h"

int g_zero;
int g_int = 42;
char g_char = 'x';
short g_short = -300;
long g_long = 1L << 40;
unsigned long long g_ull = 18446744073709551615ULL;
_Bool g_bool = 5;
float g_float = 1.5f;
double g_double = 2.25;
double g_from_int = 7;
int g_from_double = 3.75;
int g_expr = (1 + 2) * 3 << 2;
long g_sizeof = sizeof(long) * 3;
int g_cond = 1 ? 10 : 20;
char g_cast = (char)300;

static int s_counter = 100;
static double s_table[4] = {1.0, 0.5, 0.25};
const int c_limit = 1000;
const char c_greeting[] = "hello, world";

int g_array[5] = {1, 2, 3};
int g_matrix[2][3] = {{1, 2, 3}, {4, 5, 6}};
int g_inferred[] = {9, 8, 7, 6};
char g_str[] = "global string";
char g_str_sized[20] = "abc";
char *g_strp = "pointer to literal";
const char *g_names[] = {"zero", "one", "two", "three"};

int *g_ptr = &g_int;
int *g_null;
int *g_elem = &g_array[2];
int *g_elem_plus = g_array + 1;
char *g_str_mid = g_str + 7;
double *g_dptr = &g_double;
int **g_pptr = &g_ptr;

int g_tentative;
int g_tentative;
int g_later;

static int bump(void)
{
    return ++s_counter;
}

int g_later = 77;

int main(void)
{
    ASSERT(0, g_zero);
    ASSERT(42, g_int);
    ASSERT('x', g_char);
    ASSERT(-300, g_short);
    ASSERT(1099511627776L, g_long);
    ASSERT_U(18446744073709551615ULL, g_ull);
    ASSERT(1, g_bool);
    ASSERT_F(1.5, g_float);
    ASSERT_F(2.25, g_double);
    ASSERT_F(7.0, g_from_int);
    ASSERT(3, g_from_double);
    ASSERT(36, g_expr);
    ASSERT(24, g_sizeof);
    ASSERT(10, g_cond);
    ASSERT(44, g_cast);

    ASSERT(101, bump());
    ASSERT(102, bump());
    ASSERT(102, s_counter);
    ASSERT_F(0.25, s_table[2]);
    ASSERT_F(0.0, s_table[3]);
    ASSERT(1000, c_limit);
    ASSERT_S("hello, world", c_greeting);
    ASSERT(13, sizeof(c_greeting));

    ASSERT(3, g_array[2]);
    ASSERT(0, g_array[4]);
    ASSERT(20, sizeof(g_array));
    ASSERT(6, g_matrix[1][2]);
    ASSERT(24, sizeof(g_matrix));
    ASSERT(16, sizeof(g_inferred));
    ASSERT(6, g_inferred[3]);
    ASSERT_S("global string", g_str);
    ASSERT(14, sizeof(g_str));
    ASSERT_S("abc", g_str_sized);
    ASSERT(20, sizeof(g_str_sized));
    ASSERT_S("pointer to literal", g_strp);
    ASSERT_S("three", g_names[3]);
    ASSERT(32, sizeof(g_names));

    ASSERT(42, *g_ptr);
    ASSERT(1, g_null == 0);
    ASSERT(3, *g_elem);
    ASSERT(2, *g_elem_plus);
    ASSERT_S("string", g_str_mid);
    ASSERT_F(2.25, *g_dptr);
    ASSERT(42, **g_pptr);

    ASSERT(0, g_tentative);
    ASSERT(77, g_later);

    /* Globals are writable and keep their values across calls. */
    g_int = 43;
    ASSERT(43, *g_ptr);
    g_array[4] = 50;
    ASSERT(50, g_elem[2]);
    g_str[0] = 'G';
    ASSERT_S("Global string", g_str);
    *g_dptr = 9.5;
    ASSERT_F(9.5, g_double);
    g_tentative++;
    ASSERT(1, g_tentative);

    return test_done();
}
