/*
 * runtime.h - the layer behind the public API: runtimes and modules.
 *
 *   module.c  reference-counted compiled code, its symbol table and typed
 *             lookup
 *   api.c     the public entry points, and the protected boundary of a
 *             compile: it owns the Compile, catches its longjmps and frees
 *             its arena whatever happened
 */
#ifndef MEMJIT_RUNTIME_H
#define MEMJIT_RUNTIME_H

#include <libgccjit.h>
#include <pthread.h>
#include <stdatomic.h>

#include "front.h"

struct mj_runtime {
    mj_options opts;
    long fail_alloc_after;   /* test hook: see runtime_fail_alloc_after */
    mj_include_fn include_fn; /* the host's include resolver, or NULL */
    void *include_user;
};

/* Test hook (tests/api/test_oom.c): the compiles of rt fail their n-th
 * arena allocation, as if malloc had returned NULL; n < 0 turns it off. */
void runtime_fail_alloc_after(mj_runtime *rt, long n);

/* One exported symbol: a non-static function or variable defined in the
 * module, with its type in the canonical spelling of type_to_string. */
typedef struct ModuleSymbol {
    char *name;
    char *type;
    bool is_function;
    bool is_static;           /* listed only to explain a failed lookup */
    void *addr;
} ModuleSymbol;

struct mj_module {
    atomic_int refs;
    gcc_jit_result *result;
    ModuleSymbol *syms;       /* sorted by name */
    size_t nsyms;
    double times_ms[3];       /* front end, IR building, libgccjit compile */
    pthread_mutex_t err_lock;
    char errmsg[512];         /* last failed mj_lookup */
};

/* api.c: a Compile with its arena and an empty diagnostics list, or NULL
 * on OOM. The caller must setjmp(c->bail) before running any phase. */
Compile *compile_new(void);
/* Frees the arena and, unless it was taken (set to NULL), the diagnostics. */
void compile_free(Compile *c);

/* Takes ownership of result; collects the exported symbols of c->globals.
 * Returns NULL on OOM (and then releases result). */
mj_module *module_new(Compile *c, gcc_jit_result *result);

#endif /* MEMJIT_RUNTIME_H */
