/*
 * jit.c - a configured libgccjit context, and the compile itself.
 *
 * libgccjit reports errors by recording the first one in the context (and,
 * by default, printing every one to stderr). A library must not print, so
 * printing is turned off and the first error becomes a diagnostic.
 */
#include "back.h"

gcc_jit_context *jit_new_context(const mj_options *opts) {
    gcc_jit_context *ctx = gcc_jit_context_acquire();
    if (!ctx)
        return NULL;

    int level = opts ? opts->opt_level : 2;
    if (level < 0)
        level = 0;
    if (level > 3)
        level = 3;
    gcc_jit_context_set_int_option(ctx, GCC_JIT_INT_OPTION_OPTIMIZATION_LEVEL, level);
    gcc_jit_context_set_bool_option(ctx, GCC_JIT_BOOL_OPTION_DEBUGINFO,
                                    opts && opts->debug_info);

    // Errors become diagnostics (jit_compile); nothing may reach stderr.
    gcc_jit_context_set_bool_print_errors_to_stderr(ctx, 0);

    // C allows statements after a return or a break; lower.c puts them
    // in blocks nothing jumps to, which libgccjit rejects by default.
    gcc_jit_context_set_bool_allow_unreachable_blocks(ctx, 1);

    // The program's own definitions must win over the host's: a program
    // that defines `step` or `optind` must not call or write libc's. By
    // default the loader binds a shared object's exported symbols to the
    // first definition in the process, libc included. -Bsymbolic binds
    // them inside the module; -fno-semantic-interposition lets gcc assume
    // so too, so calls between the program's functions bind directly and
    // can be inlined as in an executable.
    gcc_jit_context_add_driver_option(ctx, "-Wl,-Bsymbolic");
    gcc_jit_context_add_command_line_option(ctx, "-fno-semantic-interposition");
    return ctx;
}

gcc_jit_result *jit_compile(Compile *c, gcc_jit_context *ctx) {
    gcc_jit_result *result = gcc_jit_context_compile(ctx);
    if (!result) {
        const char *msg = gcc_jit_context_get_first_error(ctx);
        error_at(c, NULL, 0, 0, "%s", msg ? msg : "libgccjit failed to compile the code");
    }
    return result;
}
