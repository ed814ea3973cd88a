/*
 * test_limits.c - mj_options' bounds on one compile (max_compile_bytes,
 * max_tokens, max_macro_tokens, max_macro_depth, max_compile_ms) and
 * mj_runtime_cancel: going over one ends the compile with MJ_ERR_LIMIT and an
 * error located where the compile was, leaks nothing (the valgrind run
 * of this test checks) and leaves the runtime usable.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "memjit.h"

/* The macro bomb: A39 expands to 2^39 tokens. */
static char *macro_bomb(void) {
    static char text[4096];
    size_t n = (size_t)snprintf(text, sizeof text, "#define A0 x\n");
    for (int i = 1; i < 40; i++)
        n += (size_t)snprintf(text + n, sizeof text - n, "#define A%d A%d A%d\n", i, i - 1, i - 1);
    snprintf(text + n, sizeof text - n, "int main(void) {\n  A39;\n}\n");
    return text;
}

static const char *const fine = "int twice(int x) { return 2 * x; }\n";

static mj_runtime *runtime_with(size_t max_bytes, size_t max_tokens) {
    mj_options o;
    mj_options_init(&o);
    o.opt_level = 0;
    o.max_compile_bytes = max_bytes;
    o.max_tokens = max_tokens;
    o.max_macro_tokens = 0;   /* the bomb meets the bound under test */
    mj_runtime *rt = mj_runtime_new(&o, NULL);
    assert_non_null(rt);
    return rt;
}

/* The one error of a limit: at line 42 column 3 (the use of A39), saying
 * which limit. */
static void assert_limit_error(mj_diags *diags, const char *says) {
    assert_int_equal(mj_diags_error_count(diags), 1);
    const mj_diag *d = NULL;
    for (size_t i = 0; i < mj_diags_count(diags); i++)
        if (mj_diags_get(diags, i)->severity == MJ_SEV_ERROR)
            d = mj_diags_get(diags, i);
    assert_non_null(d);
    assert_string_equal(d->file, "bomb.c");
    assert_int_equal(d->line, 42);
    assert_int_equal(d->column, 3);
    assert_non_null(strstr(d->message, says));
}

/* After a limit, the same runtime compiles a program. */
static void assert_still_usable(mj_runtime *rt) {
    mj_module *mod = NULL;
    assert_int_equal(mj_compile(rt, "fine.c", fine, strlen(fine), &mod, NULL), MJ_OK);
    int (*twice)(int) = MJ_FN(mod, "twice", int, int);
    assert_non_null(twice);
    assert_int_equal(twice(21), 42);
    mj_module_release(mod);
}

static void test_defaults(void **state) {
    (void)state;
    mj_options o;
    mj_options_init(&o);
    assert_true(o.max_compile_bytes == (size_t)2 << 30);
    assert_true(o.max_tokens == (size_t)64 << 20);
    assert_true(o.max_macro_tokens == (size_t)1 << 20);
    assert_int_equal(o.max_macro_depth, 400);
    assert_int_equal(MJ_ERR_LIMIT, MJ_ERR_STORE + 1);
    assert_string_equal(mj_status_str(MJ_ERR_LIMIT), "the compile went over a limit");
}

static void test_token_limit(void **state) {
    (void)state;
    mj_runtime *rt = runtime_with(0, 100000);
    const char *src = macro_bomb();
    mj_module *mod = NULL;
    mj_diags *diags = NULL;
    assert_int_equal(mj_compile(rt, "bomb.c", src, strlen(src), &mod, &diags), MJ_ERR_LIMIT);
    assert_null(mod);
    assert_limit_error(diags, "more than 100000 tokens after preprocessing");
    mj_diags_free(diags);
    /* mj_preprocess is bounded the same way */
    char *out = NULL;
    diags = NULL;
    assert_int_equal(mj_preprocess(rt, "bomb.c", src, strlen(src), &out, &diags), MJ_ERR_LIMIT);
    assert_null(out);
    assert_limit_error(diags, "more than 100000 tokens");
    mj_diags_free(diags);
    assert_still_usable(rt);
    /* a program under the limit is not refused: fine.c is 13 tokens */
    mj_runtime_free(rt);
    rt = runtime_with(0, 13);
    assert_still_usable(rt);
    mj_runtime_free(rt);
    rt = runtime_with(0, 12);
    mj_module *mod2 = NULL;
    assert_int_equal(mj_compile(rt, "fine.c", fine, strlen(fine), &mod2, NULL), MJ_ERR_LIMIT);
    mj_runtime_free(rt);
}

static void test_memory_limit(void **state) {
    (void)state;
    mj_runtime *rt = runtime_with((size_t)16 << 20, 0);
    const char *src = macro_bomb();
    mj_module *mod = NULL;
    mj_diags *diags = NULL;
    assert_int_equal(mj_compile(rt, "bomb.c", src, strlen(src), &mod, &diags), MJ_ERR_LIMIT);
    assert_null(mod);
    assert_limit_error(diags, "needs more than 16777216 bytes of memory");
    mj_diags_free(diags);
    assert_still_usable(rt);
    mj_runtime_free(rt);
}

static void test_deadline(void **state) {
    (void)state;
    mj_options o;
    mj_options_init(&o);
    o.max_compile_ms = 200;
    o.max_macro_tokens = 0;
    mj_runtime *rt = mj_runtime_new(&o, NULL);
    const char *src = macro_bomb();
    mj_diags *diags = NULL;
    mj_module *mod = NULL;
    assert_int_equal(mj_compile(rt, "bomb.c", src, strlen(src), &mod, &diags), MJ_ERR_LIMIT);
    assert_null(mod);
    assert_limit_error(diags, "the compile took longer than 200 ms");
    mj_diags_free(diags);
    assert_still_usable(rt);   /* a deadline per compile, from its start */
    mj_runtime_free(rt);
}

typedef struct Compiling {
    mj_runtime *rt;
    mj_status status;
    mj_diags *diags;
    _Atomic int done;
} Compiling;

static void *compile_bomb(void *arg) {
    Compiling *k = arg;
    const char *src = macro_bomb();
    mj_module *mod = NULL;
    k->status = mj_compile(k->rt, "bomb.c", src, strlen(src), &mod, &k->diags);
    mj_module_release(mod);
    k->done = 1;
    return NULL;
}

/* Another thread cancels; the compile stops, the runtime goes on (a
 * cancel before a compile begins does not reach it). */
static void test_cancel(void **state) {
    (void)state;
    /* a bound in case the cancel is lost: the test then fails, not the machine */
    mj_runtime *rt = runtime_with((size_t)1 << 30, 0);
    mj_runtime_cancel(rt);
    assert_still_usable(rt);
    Compiling k = {.rt = rt};
    pthread_t th;
    assert_int_equal(pthread_create(&th, NULL, compile_bomb, &k), 0);
    /* until it has begun, a cancel may come too early: cancel again */
    for (int i = 0; i < 2000 && !k.done; i++) {
        nanosleep(&(struct timespec){0, 20 * 1000 * 1000}, NULL);
        mj_runtime_cancel(rt);
    }
    pthread_join(th, NULL);
    assert_int_equal(k.status, MJ_ERR_CANCELLED);
    assert_limit_error(k.diags, "the compile was cancelled (mj_runtime_cancel)");
    mj_diags_free(k.diags);
    assert_string_equal(mj_status_str(MJ_ERR_CANCELLED), "the compile was cancelled");
    assert_still_usable(rt);
    mj_runtime_cancel(NULL);
    mj_runtime_free(rt);
}

/* Under the defaults the bomb stops at its use, on the macro bound (the
 * issue's goal: within 2 s and 256 MB; about 0.2 s and 160 MB here). A
 * program of many uses, each under the bound, is not refused. */
static void test_macro_tokens(void **state) {
    (void)state;
    mj_runtime *rt = mj_runtime_new(NULL, NULL);
    assert_non_null(rt);
    const char *src = macro_bomb();
    mj_module *mod = NULL;
    mj_diags *diags = NULL;
    assert_int_equal(mj_compile(rt, "bomb.c", src, strlen(src), &mod, &diags), MJ_ERR_LIMIT);
    assert_null(mod);
    assert_limit_error(diags, "this macro use expands to more than 1048576 tokens");
    mj_diags_free(diags);
    assert_still_usable(rt);
    mj_runtime_free(rt);

    mj_options o;
    mj_options_init(&o);
    o.max_macro_tokens = 64;
    rt = mj_runtime_new(&o, NULL);
    assert_non_null(rt);
    /* T expands to 32 tokens, rescans included (F's 1 + 31 of its body) */
    static const char *const uses =
        "#define F(x) x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x\n"
        "#define T F(1)\n"
        "int a(void) { return T; }\nint b(void) { return T + T; }\n";
    assert_int_equal(mj_compile(rt, "uses.c", uses, strlen(uses), &mod, NULL), MJ_OK);
    int (*b)(void) = MJ_FN(mod, "b", int, void);
    assert_non_null(b);
    assert_int_equal(b(), 32);
    mj_module_release(mod);
    static const char *const over =
        "#define F(x) x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x\n"
        "#define G F(F(1))\nint c(void) { return G; }\n";
    diags = NULL;
    assert_int_equal(mj_compile(rt, "over.c", over, strlen(over), &mod, &diags), MJ_ERR_LIMIT);
    assert_int_equal(mj_diags_error_count(diags), 1);
    const mj_diag *d = mj_diags_get(diags, 0);
    assert_int_equal(d->line, 3);
    assert_int_equal(d->column, 22);
    assert_non_null(strstr(d->message, "more than 64 tokens"));
    mj_diags_free(diags);
    mj_runtime_free(rt);
}

/* Macro uses nested in arguments: the bound is the option's. */
static void test_macro_depth(void **state) {
    (void)state;
    static const char *const nested =
        "#define I(x) x\nint d(void) { return I(I(I(I(I(7))))); }\n";
    for (unsigned depth = 4; depth <= 5; depth++) {
        mj_options o;
        mj_options_init(&o);
        o.max_macro_depth = depth;
        mj_runtime *rt = mj_runtime_new(&o, NULL);
        assert_non_null(rt);
        mj_module *mod = NULL;
        mj_diags *diags = NULL;
        mj_status st = mj_compile(rt, "nested.c", nested, strlen(nested), &mod, &diags);
        if (depth == 4) {
            assert_int_equal(st, MJ_ERR_LIMIT);
            assert_non_null(strstr(mj_diags_get(diags, 0)->message,
                                   "macro uses nested more than 4 deep"));
        } else {
            assert_int_equal(st, MJ_OK);
            int (*d)(void) = MJ_FN(mod, "d", int, void);
            assert_non_null(d);
            assert_int_equal(d(), 7);
        }
        mj_diags_free(diags);
        mj_module_release(mod);
        mj_runtime_free(rt);
    }
}

/* Without limits the runtime compiles what the defaults allow. */
static void test_no_limits(void **state) {
    (void)state;
    mj_runtime *rt = runtime_with(0, 0);
    assert_still_usable(rt);
    mj_runtime_free(rt);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_token_limit),
        cmocka_unit_test(test_memory_limit),
        cmocka_unit_test(test_deadline),
        cmocka_unit_test(test_cancel),
        cmocka_unit_test(test_macro_tokens),
        cmocka_unit_test(test_macro_depth),
        cmocka_unit_test(test_no_limits),
    };
    return cmocka_run_group_tests_name("limits", tests, NULL, NULL);
}
