/*
 * fuzz_front.c - libFuzzer target for memjit's front end, without codegen.
 *
 * Each input is one C source file. It goes through exactly the phases that
 * mj_compile runs before libgccjit: lexing, preprocessing (memjit's own
 * in-memory headers included), parsing and type checking, then the arena
 * and the diagnostics are freed. Every path must end here normally: no
 * crash, no sanitizer report, no leak, whatever the bytes.
 *
 * Linked with the library's objects built with
 * -fsanitize=fuzzer-no-link,address,undefined (see fuzz/build.sh), so it
 * reaches the internal phases through runtime.h as tests/api/test_oom.c
 * does. Thousands of inputs a second: this is where the fuzzing happens;
 * fuzz_compile.c covers the rest of the pipeline more slowly.
 */
#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>

#include "runtime.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The front end of api.c's run_phases, under the same kind of setjmp. */
static void run_front_end(Compile *c, const uint8_t *data, size_t size) {
    if (setjmp(c->bail) != 0)
        return;                 /* out of memory, fatal or too many errors */
    SrcFile *f = compile_add_file(c, "fuzz.c", (const char *)data, size, false);
    Token *tok = lex_file(c, f);
    tok = pp_run(c, tok);
    parse_program(c, tok);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    Compile *c = compile_new();
    if (!c)
        return 0;
    run_front_end(c, data, size);
    compile_free(c);
    return 0;
}
