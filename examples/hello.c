/*
 * hello - the main job of memjit in one page: C source held in a string is
 * compiled in memory, a typed pointer to one of its functions is looked up,
 * and the function is called. No file is written, no compiler is run.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memjit.h"

static const char source[] =
    "#include <math.h>\n"
    "\n"
    "static int calls;\n"
    "int count;\n"
    "\n"
    "/* Distance from the origin, the way a plugin would write it. */\n"
    "double norm(double x, double y) {\n"
    "    calls++;\n"
    "    count = calls;\n"
    "    return sqrt(x * x + y * y);\n"
    "}\n"
    "\n"
    "long fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }\n";

int main(void) {
    mj_status st;
    mj_runtime *rt = mj_runtime_new(NULL, &st);   /* -O2, no debug info */
    if (!rt) {
        fprintf(stderr, "hello: %s\n", mj_status_str(st));
        return 1;
    }

    mj_module *mod;
    mj_diags *diags;
    st = mj_compile(rt, "plugin.c", source, strlen(source), &mod, &diags);
    mj_diags_print(diags, stderr);    /* gcc-style diagnostics, if any */
    mj_diags_free(diags);
    if (st != MJ_OK) {
        fprintf(stderr, "hello: compile failed: %s\n", mj_status_str(st));
        mj_runtime_free(rt);
        return 1;
    }

    /* The type is stated once: MJ_FN makes the cast and the type string. */
    double (*norm)(double, double) = MJ_FN(mod, "norm", double, double, double);
    long (*fib)(int) = MJ_FN(mod, "fib", long, int);
    int *count = MJ_VAR(mod, "count", int);
    if (!norm || !fib || !count) {
        fprintf(stderr, "hello: %s\n", mj_module_errmsg(mod));
        return 1;
    }
    printf("compiled plugin.c in memory (%zu bytes of C)\n", strlen(source));
    printf("norm(3, 4) = %g\n", norm(3, 4));
    printf("fib(30) = %ld\n", fib(30));
    printf("count = %d\n", *count);

    /* Asking for the wrong type is an error, not a crash. */
    if (!mj_lookup(mod, "norm", "int(int)"))
        printf("typed lookup refused: %s\n", mj_module_errmsg(mod));

    mj_compile_times t;
    mj_module_times(mod, &t);
    printf("front end %.2f ms, IR %.2f ms, libgccjit %.2f ms\n",
           t.frontend_ms, t.lower_ms, t.jit_ms);

    mj_module_release(mod);   /* the last reference frees the code */
    mj_runtime_free(rt);
    return 0;
}
