/*
 * fuzz_compile.c - libFuzzer target for the whole of mj_compile.
 *
 * Each input is one C source file, compiled through the public API at -O0
 * (the front end's output reaches libgccjit; gcc's optimiser adds nothing
 * to what is being tested here and costs time). When it compiles, every
 * exported symbol's type is looked up too, which exercises the module's
 * symbol table and the type-string parser. The compiled code is never
 * run: a fuzzed program may loop or crash by design.
 *
 * Slow (a libgccjit compile per accepted input, ~20-50 ms), so most inputs
 * that reach it should be rejected by the front end quickly; the gate runs
 * it for a short, bounded time.
 */
#include <stddef.h>
#include <stdint.h>

#include "memjit.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static mj_runtime *fuzz_runtime(void) {
    static mj_runtime *rt;
    if (!rt) {
        mj_options opts;
        mj_options_init(&opts);
        opts.opt_level = 0;
        rt = mj_runtime_new(&opts, NULL);
    }
    return rt;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    mj_runtime *rt = fuzz_runtime();
    mj_module *mod = NULL;
    mj_diags *diags = NULL;
    mj_status st = mj_compile(rt, "fuzz.c", (const char *)data, size, &mod, &diags);
    /* Reading the text walks every diagnostic's positions and lines. */
    (void)mj_diags_text(diags);
    if (st == MJ_OK) {
        (void)mj_lookup(mod, "main", "int(void)");
        (void)mj_lookup(mod, "f", "int(int)");
    }
    mj_module_release(mod);
    mj_diags_free(diags);
    return 0;
}
