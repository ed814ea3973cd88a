/*
 * test_oom.c - allocation failure is a tested path.
 *
 * Linked with the static library so that it can reach the internal test
 * hook: every compile of the runtime fails its n-th arena allocation. For
 * each n until the compile succeeds, mj_compile must return MJ_ERR_NOMEM
 * (or, when the failure hits diagnostics of a program with errors,
 * MJ_ERR_COMPILE), hand out no module, and leak nothing (run under
 * valgrind or ASan to see the last part).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "runtime.h"

static const char program[] =
    "#include <stdio.h>\n"
    "#include <string.h>\n"
    "#define N 10\n"
    "static int table[N] = {1, 2, 3};\n"
    "const char *names[] = {\"a\", \"b\"};\n"
    "int sum(int n) { int s = 0; for (int i = 0; i < n && i < N; i++) s += table[i]; return s; }\n"
    "double avg(const double *v, int n) { double s = 0; while (n--) s += v[n]; return s; }\n"
    "int main(void) { printf(\"%d %s\\n\", sum(3), names[1]); return (int)strlen(names[0]); }\n";

static void run_until_success(const char *src, mj_status final_status) {
    mj_runtime *rt = mj_runtime_new(NULL, NULL);
    assert_non_null(rt);
    long n;
    for (n = 0; n < 100000; n++) {
        runtime_fail_alloc_after(rt, n);
        mj_module *m = (mj_module *)1;
        mj_diags *d = NULL;
        mj_status st = mj_compile(rt, "oom.c", src, strlen(src), &m, &d);
        mj_diags_free(d);
        if (st == final_status && st != MJ_ERR_NOMEM) {
            mj_module_release(m);
            break;
        }
        assert_int_equal(st, MJ_ERR_NOMEM);
        assert_null(m);
    }
    assert_true(n > 10);          /* the hook really failed allocations */
    assert_true(n < 100000);      /* and the compile succeeds without it */
    mj_runtime_free(rt);
}

static void test_oom_in_good_program(void **state) {
    (void)state;
    run_until_success(program, MJ_OK);
}

static void test_oom_in_bad_program(void **state) {
    (void)state;
    run_until_success("int f(void) { return x + ; }\nint g(void) { return y; }\n",
                      MJ_ERR_COMPILE);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_oom_in_good_program),
        cmocka_unit_test(test_oom_in_bad_program),
    };
    return cmocka_run_group_tests_name("oom", tests, NULL, NULL);
}
