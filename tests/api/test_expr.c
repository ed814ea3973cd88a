/*
 * test_expr.c - mj_expr: one C expression as a typed function.
 *
 * What it sees (<math.h>, the host's headers, its parameters, the host's
 * symbols without a declaration), caching, who owns the code, and diagnostics that point
 * into the expression itself.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "memjit.h"

static double k = 3.0;
static int offsets[3] = {100, 200, 300};

static double clamp01(double x) {
    return x < 0 ? 0 : x > 1 ? 1 : x;
}

static mj_runtime *expr_runtime(void) {
    mj_runtime *rt = mj_runtime_new(NULL, NULL);
    assert_non_null(rt);
    assert_int_equal(mj_define_variable(rt, "k", &k, "double"), MJ_OK);
    assert_int_equal(mj_define_variable(rt, "offsets", offsets, "int[3]"), MJ_OK);
    assert_int_equal(mj_define_function(rt, "clamp01", (void *)clamp01, "double(double)"),
                     MJ_OK);
    return rt;
}

static void *expr_ok(mj_runtime *rt, const char *expr, const char *type, mj_module **mod) {
    void *fn = NULL;
    mj_diags *d = NULL;
    mj_status st = mj_expr(rt, expr, type, mod, &fn, &d);
    if (st != MJ_OK)
        fprintf(stderr, "%s\n", mj_diags_text(d));
    mj_diags_free(d);
    assert_int_equal(st, MJ_OK);
    assert_non_null(fn);
    assert_non_null(*mod);
    return fn;
}

static void evaluates_with_math_and_host_symbols(void **state) {
    (void)state;
    mj_runtime *rt = expr_runtime();
    mj_module *m;
    double (*f)(double, double) = (double (*)(double, double))expr_ok(
        rt, "sqrt(x*x + y*y) * k", "double(double x, double y)", &m);
    assert_true(f(3, 4) == 15.0);
    k = 2.0;   /* the variable, not its value at compile time */
    assert_true(f(3, 4) == 10.0);
    k = 3.0;
    mj_module_release(m);

    int (*g)(int) = (int (*)(int))expr_ok(rt, "offsets[i] + (int)(clamp01(i) * 10)",
                                          "int(int i)", &m);
    assert_int_equal(g(0), 100);
    assert_int_equal(g(2), 310);
    mj_module_release(m);

    /* Converted to the return type as by return; pointers and no params. */
    long (*h)(const char *, unsigned) = (long (*)(const char *, unsigned))expr_ok(
        rt, "s[n] * 2.75", "long(const char *s, unsigned n)", &m);
    assert_int_equal(h("ab", 1), 269);   /* 'b' * 2.75 = 269.5 */
    mj_module_release(m);
    double (*c)(void) = (double (*)(void))expr_ok(rt, "M_PI / 2", "double(void)", &m);
    assert_true(c() == M_PI / 2);
    mj_module_release(m);
    int (*fp)(int (*)(int), int) = (int (*)(int (*)(int), int))expr_ok(
        rt, "cb(v) + 1", "int(int (*cb)(int), int v)", &m);
    assert_non_null(fp);
    mj_module_release(m);
    mj_runtime_free(rt);
}

typedef struct vec2 {
    double x, y;
} vec2;

static double vec_len(vec2 v) {
    return sqrt(v.x * v.x + v.y * v.y);
}

static vec2 vec_scale(vec2 v, double s) {
    return (vec2){v.x * s, v.y * s};
}

/* The host's headers are included: their struct serves host functions
 * that take or return it by value, and as a parameter type; their macros
 * and enums serve as constants. */
static void sees_the_host_headers(void **state) {
    (void)state;
    mj_runtime *rt = expr_runtime();
    static const char api_h[] =
        "struct vec2 { double x, y; };\n"
        "enum { UNIT = 2 };\n"
        "#define SCALE 1.5\n";
    assert_int_equal(mj_define_header(rt, "api.h", api_h, strlen(api_h)), MJ_OK);
    assert_int_equal(mj_define_function(rt, "vec_len", (void *)vec_len, "double(struct vec2)"),
                     MJ_OK);
    assert_int_equal(mj_define_function(rt, "vec_scale", (void *)vec_scale,
                                        "struct vec2(struct vec2, double)"), MJ_OK);
    mj_module *m;
    double (*f)(vec2, double) = (double (*)(vec2, double))expr_ok(
        rt, "vec_len(vec_scale(v, s * SCALE)) + UNIT + v.y", "double(struct vec2 v, double s)",
        &m);
    vec2 v = {3, 4};
    assert_true(f(v, 2) == 5 * 3.0 + 2 + 4);
    mj_module_release(m);
    mj_runtime_free(rt);
}

static void second_identical_expression_is_a_cache_hit(void **state) {
    (void)state;
    mj_runtime *rt = expr_runtime();
    mj_module *m1, *m2, *m3;
    void *f1 = expr_ok(rt, "x * k + 1", "double(double x)", &m1);
    void *f2 = expr_ok(rt, "x * k + 1", "double(double x)", &m2);
    mj_stats s;
    mj_runtime_stats(rt, &s);
    assert_int_equal(s.compiles, 1);
    assert_int_equal(s.hits, 1);
    assert_ptr_equal(f1, f2);
    assert_ptr_equal(m1, m2);
    /* Another type is another function. */
    void *f3 = expr_ok(rt, "x * k + 1", "float(float x)", &m3);
    assert_ptr_not_equal(f1, f3);
    mj_runtime_stats(rt, &s);
    assert_int_equal(s.compiles, 2);
    mj_module_release(m1);
    mj_module_release(m2);
    mj_module_release(m3);
    mj_runtime_free(rt);
}

static void expression_from_the_store(void **state) {
    (void)state;
    char dir[] = "/tmp/mj_expr_XXXXXX", db[64], cmd[96];
    assert_non_null(mkdtemp(dir));
    snprintf(db, sizeof db, "%s/store.db", dir);
    mj_options o;
    mj_options_init(&o);
    o.store_path = db;
    for (int run = 0; run < 2; run++) {
        mj_runtime *rt = mj_runtime_new(&o, NULL);
        assert_non_null(rt);
        assert_int_equal(mj_define_variable(rt, "k", &k, "double"), MJ_OK);
        assert_int_equal(mj_define_function(rt, "clamp01", (void *)clamp01, "double(double)"),
                         MJ_OK);
        mj_module *m;
        double (*f)(double) = (double (*)(double))expr_ok(rt, "clamp01(x) * k",
                                                          "double(double x)", &m);
        assert_true(f(0.5) == 1.5);
        mj_stats s;
        mj_runtime_stats(rt, &s);
        assert_int_equal(s.compiles, run == 0 ? 1 : 0);
        assert_int_equal(s.store_hits, run == 0 ? 0 : 1);
        mj_module_release(m);
        mj_runtime_free(rt);
    }
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    assert_int_equal(system(cmd), 0);
}

static void function_outlives_the_runtime_while_module_held(void **state) {
    (void)state;
    mj_runtime *rt = expr_runtime();
    mj_module *m;
    double (*f)(double) = (double (*)(double))expr_ok(rt, "clamp01(x) + k", "double(double x)",
                                                      &m);
    mj_runtime_free(rt);
    assert_true(f(0.5) == 3.5);
    assert_true(f(7) == 4.0);
    mj_module_release(m);
}

static void diagnostics_point_into_the_expression(void **state) {
    (void)state;
    mj_runtime *rt = expr_runtime();
    const char *expr = "x + * - y";
    mj_module *m = (mj_module *)1;
    void *fn = (void *)1;
    mj_diags *d = NULL;
    assert_int_equal(mj_expr(rt, expr, "double(double x, double y)", &m, &fn, &d),
                     MJ_ERR_COMPILE);
    assert_null(m);
    assert_null(fn);
    assert_true(mj_diags_error_count(d) >= 1);
    const mj_diag *e = mj_diags_get(d, 0);
    assert_string_equal(e->file, "<expr>");
    assert_int_equal(e->line, 1);
    assert_int_equal(e->column, 5);       /* the '*' */
    assert_string_equal(e->source_line, expr);
    assert_non_null(strstr(mj_diags_text(d), "<expr>:1:5: error:"));
    mj_diags_free(d);

    expr = "sqrt(x) + nosuch";
    assert_int_equal(mj_expr(rt, expr, "double(double x)", &m, &fn, &d), MJ_ERR_COMPILE);
    e = mj_diags_get(d, 0);
    assert_string_equal(e->file, "<expr>");
    assert_int_equal(e->line, 1);
    assert_int_equal(e->column, 11);
    assert_non_null(strstr(e->message, "'nosuch' undeclared"));
    mj_diags_free(d);

    /* Cut short: found at the wrapper's ")", told at the end of expr. */
    expr = "sin(x) * (x +";
    assert_int_equal(mj_expr(rt, expr, "double(double x)", &m, &fn, &d), MJ_ERR_COMPILE);
    assert_int_equal(mj_diags_count(d), 1);
    e = mj_diags_get(d, 0);
    assert_string_equal(e->file, "<expr>");
    assert_int_equal(e->line, 1);
    assert_int_equal(e->column, 14);
    assert_string_equal(e->message, "expected expression at end of input");
    assert_string_equal(e->source_line, expr);
    mj_diags_free(d);

    /* An error inside the expression: the wrapper adds nothing. */
    assert_int_equal(mj_expr(rt, "x; }", "double(double x)", &m, &fn, &d), MJ_ERR_COMPILE);
    assert_int_equal(mj_diags_count(d), 1);
    assert_int_equal(mj_diags_get(d, 0)->column, 2);
    mj_diags_free(d);
    mj_runtime_free(rt);
}

static void rejects_types_without_named_parameters(void **state) {
    (void)state;
    mj_runtime *rt = expr_runtime();
    mj_module *m;
    void *fn;
    mj_diags *d = NULL;
    static const char *const bad[] = {
        "double", "double(double)", "double(double x, ...)", "double()", "double((",
        "my_type(int x)",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        assert_int_equal(mj_expr(rt, "1", bad[i], &m, &fn, &d), MJ_ERR_BAD_TYPE);
        assert_null(m);
        assert_null(fn);
        mj_diags_free(d);
        d = NULL;
    }
    assert_int_equal(mj_expr(NULL, "1", "int(void)", &m, &fn, NULL), MJ_ERR_ARG);
    assert_int_equal(mj_expr(rt, NULL, "int(void)", &m, &fn, NULL), MJ_ERR_ARG);
    mj_runtime_free(rt);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(evaluates_with_math_and_host_symbols),
        cmocka_unit_test(sees_the_host_headers),
        cmocka_unit_test(second_identical_expression_is_a_cache_hit),
        cmocka_unit_test(expression_from_the_store),
        cmocka_unit_test(function_outlives_the_runtime_while_module_held),
        cmocka_unit_test(diagnostics_point_into_the_expression),
        cmocka_unit_test(rejects_types_without_named_parameters),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
