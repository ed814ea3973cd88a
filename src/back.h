/*
 * back.h - the back end: the checked AST -> libgccjit IR -> machine code.
 *
 *   lower.c  walks the Obj list made by parse_program and builds libgccjit
 *            IR for it: every type, global, function and statement. It
 *            makes every C conversion explicit (libgccjit checks types
 *            strictly) and evaluates side effects in C's order by giving
 *            each one its own statement.
 *   jit.c    makes and configures a gcc_jit_context, runs the compile and
 *            turns libgccjit's errors into diagnostics.
 *
 *            It also loads libgccjit itself on first use (jitapi.h).
 *
 * A gcc_jit_context belongs to one thread; gcc_jit_context_compile takes a
 * process-wide lock inside libgccjit, so compiles in several threads run
 * their front ends in parallel and their code generation one at a time.
 */
#ifndef MEMJIT_BACK_H
#define MEMJIT_BACK_H

#include "front.h"
#include "jitapi.h"   /* libgccjit, loaded on first use */

/* ---------------------------------------------------------------------
 * lower.c: the checked AST -> libgccjit IR
 * ------------------------------------------------------------------- */

/* Builds IR for every function and global of the program in ctx. Reports
 * what cannot be lowered (a construct not supported yet, a call to a
 * function that is neither defined nor found in the host process) as
 * located errors; returns false when it reported any. Symbols the host
 * defined (c->host_symbol) are reached through the import table
 * __mj_imp_<name> / __mj_imports that module.c fills (docs/host.md). */
bool lower_program(Compile *c, gcc_jit_context *ctx, Obj *prog);

/* ---------------------------------------------------------------------
 * jit.c: contexts, compiles, libgccjit's errors
 * ------------------------------------------------------------------- */

/* A new context configured from opts: optimisation level, debug info, no
 * printing of errors to stderr, and with no_warnings gcc's warnings off
 * (-w). NULL when libgccjit cannot make one. */
gcc_jit_context *jit_new_context(const mj_options *opts, bool no_warnings);
/* Compiles ctx into an ELF relocatable object (link.c links it) and
 * returns its bytes, malloc'ed, with their number in *len; NULL on
 * failure. What the assembler refused in the program's own asm is
 * reported as located errors (c->asm_refused); a failure of gcc's leaves
 * its first message in c->gcc_message, unreported: libgccjit fails a
 * compile on a mere warning of gcc's, and the caller decides (api.c).
 * Other failures (no private folder for gcc's output) are reported. */
unsigned char *jit_compile_object(Compile *c, gcc_jit_context *ctx, size_t *len);

#endif /* MEMJIT_BACK_H */
