/*
 * test_big.c - a program whose syntax tree is big (more than 64 MiB of
 * nodes): memjit builds it once with gcc's warnings off and frees the tree
 * before gcc's phase (api.c's run_phases). The code must still be right,
 * also where gcc would warn. At -O2 only: gcc's -O0 takes 92 s on such a
 * function here (gcc's own build of it too). The ASan gate runs this test
 * (too slow for valgrind's).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "memjit.h"

enum { STATEMENTS = 60000 };   /* ten nodes each: about 86 MB of nodes */

static char *big_source(void) {
    size_t cap = (size_t)STATEMENTS * 32 + 512, n = 0;
    char *src = malloc(cap);
    assert_non_null(src);
    n += (size_t)snprintf(src + n, cap - n,
                          "int *escapes(void) { int local = 1; return &local; }\n"
                          "unsigned run(unsigned x) {\n");
    for (int i = 0; i < STATEMENTS; i++)
        n += (size_t)snprintf(src + n, cap - n, "    x = x * %d + %d;\n", i % 97 + 3, i % 13);
    snprintf(src + n, cap - n, "    return x;\n}\n");
    return src;
}

static unsigned expected(unsigned x) {
    for (int i = 0; i < STATEMENTS; i++)
        x = x * (unsigned)(i % 97 + 3) + (unsigned)(i % 13);
    return x;
}

static void test_big_tree_freed_before_gcc(void **state) {
    (void)state;
    char *src = big_source();
    {
        mj_options o;
        mj_options_init(&o);
        o.opt_level = 2;
        mj_runtime *rt = mj_runtime_new(&o, NULL);
        assert_non_null(rt);
        mj_module *m = NULL;
        assert_int_equal(mj_compile(rt, "big.c", src, strlen(src), &m, NULL), MJ_OK);
        unsigned (*run)(unsigned) = MJ_FN(m, "run", unsigned, unsigned);
        assert_non_null(run);
        assert_true(run(7) == expected(7));
        assert_true(run(12345) == expected(12345));
        mj_module_release(m);
        mj_runtime_free(rt);
    }
    free(src);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_big_tree_freed_before_gcc),
    };
    return cmocka_run_group_tests_name("big", tests, NULL, NULL);
}
