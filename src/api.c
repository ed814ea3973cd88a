/*
 * api.c - the public entry points, and the protected boundary of a compile.
 *
 * mj_compile owns the Compile: it runs every phase under one setjmp, so
 * that running out of memory or hitting a fatal error deep in a phase
 * lands here, and the arena is freed in one go whatever happened.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "back.h"
#include "runtime.h"

const char *mj_status_str(mj_status status) {
    switch (status) {
    case MJ_OK: return "success";
    case MJ_ERR_ARG: return "invalid argument";
    case MJ_ERR_NOMEM: return "out of memory";
    case MJ_ERR_COMPILE: return "the source has errors";
    case MJ_ERR_JIT: return "libgccjit failed to build or load the code";
    case MJ_ERR_NOT_FOUND: return "no such symbol";
    case MJ_ERR_TYPE: return "the symbol has another type";
    case MJ_ERR_BAD_TYPE: return "the type string is not a C type name";
    }
    return "unknown status";
}

const char *mj_version(void) {
    return MJ_VERSION_STRING;
}

/* ---------------------------------------------------------------------
 * Runtime
 * ------------------------------------------------------------------- */

void mj_options_init(mj_options *opts) {
    if (!opts)
        return;
    memset(opts, 0, sizeof *opts);
    opts->opt_level = 2;
    opts->debug_info = 0;
}

mj_runtime *mj_runtime_new(const mj_options *opts, mj_status *status) {
    mj_options o;
    mj_options_init(&o);
    if (opts)
        o = *opts;
    if (o.opt_level < 0 || o.opt_level > 3) {
        if (status)
            *status = MJ_ERR_ARG;
        return NULL;
    }
    mj_runtime *rt = calloc(1, sizeof *rt);
    if (!rt) {
        if (status)
            *status = MJ_ERR_NOMEM;
        return NULL;
    }
    rt->opts = o;
    rt->fail_alloc_after = -1;
    if (status)
        *status = MJ_OK;
    return rt;
}

void mj_runtime_set_include_resolver(mj_runtime *rt, mj_include_fn fn, void *user) {
    if (!rt)
        return;
    rt->include_fn = fn;
    rt->include_user = fn ? user : NULL;
}

/* The front end's resolver, calling the host's. */
static bool resolve_through_host(void *ctx, const char *name, bool is_angled,
                                 const char *includer, const char **text,
                                 size_t *len, const char **resolved_name) {
    mj_runtime *rt = ctx;
    *text = NULL;
    *len = 0;
    *resolved_name = NULL;
    if (!rt->include_fn(rt->include_user, name, is_angled, includer, text, len,
                        resolved_name))
        return false;
    /* An empty header may come back as NULL text; NULL with a length is
     * the host's bug, taken as "not found" rather than read. */
    if (!*text) {
        if (*len != 0)
            return false;
        *text = "";
    }
    return true;
}

void runtime_fail_alloc_after(mj_runtime *rt, long n) {
    rt->fail_alloc_after = n;
}

void mj_runtime_free(mj_runtime *rt) {
    free(rt);
}

/* ---------------------------------------------------------------------
 * The compile
 * ------------------------------------------------------------------- */

#define DEFAULT_MAX_ERRORS 20

Compile *compile_new(void) {
    Compile *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->diags = diaglist_new();
    if (!c->diags) {
        free(c);
        return NULL;
    }
    arena_init(&c->arena, &c->bail);
    c->max_errors = DEFAULT_MAX_ERRORS;
    return c;
}

void compile_free(Compile *c) {
    if (!c)
        return;
    arena_free(&c->arena);
    diaglist_free(c->diags);
    free(c);
}

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Runs the front end; true when the program has no errors. */
static bool run_front_end(Compile *c, const char *name, const char *src, size_t len) {
    SrcFile *f = compile_add_file(c, name, src, len, false);
    Token *tok = lex_file(c, f);
    tok = pp_run(c, tok);
    parse_program(c, tok);
    return c->error_count == 0;
}

/* One mj_compile: its inputs, and the state that must survive a longjmp. */
typedef struct CompileRun {
    mj_runtime *rt;
    const char *name;
    const char *src;
    size_t len;
    gcc_jit_context *ctx;
    gcc_jit_result *result;
    mj_module *mod;
    mj_status status;
    double t[4];
} CompileRun;

static void run_phases(Compile *c, CompileRun *run) {
    run->t[0] = now_ms();
    bool ok = run_front_end(c, run->name, run->src, run->len);
    run->t[1] = run->t[2] = run->t[3] = now_ms();
    if (!ok) {
        run->status = MJ_ERR_COMPILE;
        return;
    }
    run->ctx = jit_new_context(&run->rt->opts);
    if (!run->ctx) {
        error_at(c, NULL, 0, 0, "libgccjit could not create a context");
        run->status = MJ_ERR_JIT;
        return;
    }
    ok = lower_program(c, run->ctx, c->globals) && c->error_count == 0;
    run->t[2] = run->t[3] = now_ms();
    if (!ok) {
        run->status = MJ_ERR_COMPILE;
        return;
    }
    run->result = jit_compile(c, run->ctx);
    run->t[3] = now_ms();
    if (!run->result) {
        run->status = MJ_ERR_JIT;
        return;
    }
    run->mod = module_new(c, run->result);   /* takes the result */
    run->result = NULL;
    run->status = run->mod ? MJ_OK : MJ_ERR_NOMEM;
}

/* The protected boundary: whatever longjmps out of a phase lands here.
 * Nothing in this frame changes between setjmp and longjmp but *run. */
static void protected_compile(Compile *c, CompileRun *run) {
    int jumped = setjmp(c->bail);
    if (jumped == 0)
        run_phases(c, run);
    else
        run->status = jumped == 1 ? MJ_ERR_NOMEM : MJ_ERR_COMPILE;
}

mj_status mj_compile(mj_runtime *rt, const char *name, const char *src,
                     size_t len, mj_module **out, mj_diags **diags) {
    if (out)
        *out = NULL;
    if (diags)
        *diags = NULL;
    if (!rt || !src || !out)
        return MJ_ERR_ARG;

    Compile *c = compile_new();
    if (!c)
        return MJ_ERR_NOMEM;
    c->arena.fail_after = rt->fail_alloc_after;
    if (rt->include_fn) {
        c->resolve_include = resolve_through_host;
        c->resolve_ctx = rt;
    }
    CompileRun run = {.rt = rt, .name = name ? name : "<input>", .src = src, .len = len};
    protected_compile(c, &run);

    if (run.mod) {
        run.mod->times_ms[0] = run.t[1] - run.t[0];
        run.mod->times_ms[1] = run.t[2] - run.t[1];
        run.mod->times_ms[2] = run.t[3] - run.t[2];
    }
    if (run.result)
        gcc_jit_result_release(run.result);
    if (run.ctx)
        gcc_jit_context_release(run.ctx);
    *out = run.mod;
    if (diags) {
        *diags = c->diags;
        c->diags = NULL;
    }
    compile_free(c);
    return run.status;
}
