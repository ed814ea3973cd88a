/*
 * api.c - the public entry points, and the protected boundary of a compile.
 *
 * mj_compile owns the Compile: it runs every phase under one protected
 * boundary (run_protected), so that running out of memory or hitting a
 * fatal error deep in a phase lands here, and the arena is freed in one
 * go whatever happened.
 *
 * The path of one mj_compile (docs/cache.md):
 *   key (key.c) -> in-memory cache (cache.c): a hit re-asks the include
 *   resolver, then returns the cached module
 *   -> store (store.c): a hit links the stored object in memory (link.c)
 *   -> compile: libgccjit makes a relocatable object (jit.c), which
 *      link.c links into the process; with a store its bytes are kept
 *      and stored
 *   -> the new module goes into the cache; threads waiting for the same
 *      key wake up and share it.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

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
    case MJ_ERR_STORE: return "the store cannot be used";
    case MJ_ERR_LIMIT: return "the compile went over a limit";
    case MJ_ERR_CANCELLED: return "the compile was cancelled";
    }
    return "unknown status";
}

const char *mj_version(void) {
    return MJ_VERSION_STRING;
}

/* ---------------------------------------------------------------------
 * Runtime
 * ------------------------------------------------------------------- */

#define DEFAULT_CACHE_ENTRIES 256
#define DEFAULT_CACHE_BYTES ((size_t)64 << 20)
#define DEFAULT_STORE_BYTES ((size_t)256 << 20)
#define DEFAULT_COMPILE_BYTES ((size_t)2 << 30)
#define DEFAULT_MAX_TOKENS ((size_t)64 << 20)
/* Bytes of syntax-tree nodes above which a compile frees them before
 * gcc's phase (run_phases): about 450,000 nodes. */
#define BIG_SYNTAX_TREE ((size_t)64 << 20)
#define DEFAULT_MACRO_TOKENS ((size_t)1 << 20)
#define MAX_MACRO_DEPTH 100000u

void mj_options_init(mj_options *opts) {
    if (!opts)
        return;
    memset(opts, 0, sizeof *opts);
    opts->opt_level = 2;
    opts->debug_info = 0;
    opts->cache_max_entries = DEFAULT_CACHE_ENTRIES;
    opts->cache_max_bytes = DEFAULT_CACHE_BYTES;
    opts->store_path = NULL;
    opts->store_max_bytes = DEFAULT_STORE_BYTES;
    opts->store_trust_permissions = 0;
    opts->system_headers = 0;
    opts->system_include_dirs = NULL;
    opts->max_compile_bytes = DEFAULT_COMPILE_BYTES;
    opts->max_tokens = DEFAULT_MAX_TOKENS;
    opts->max_macro_tokens = DEFAULT_MACRO_TOKENS;
    opts->max_macro_depth = DEFAULT_MACRO_DEPTH;
}

/* meson.build asks gcc (gcc -E -v); a build without it (fuzz/build.sh)
 * gets the folders that list holds on Debian's x86-64 gcc 12. */
#ifndef MJ_SYSTEM_INCLUDE_DIRS
#define MJ_SYSTEM_INCLUDE_DIRS                                                   \
    "/usr/lib/gcc/x86_64-linux-gnu/12/include:/usr/local/include:"               \
    "/usr/include/x86_64-linux-gnu:/usr/include"
#endif

const char *mj_default_system_include_dirs(void) {
    return MJ_SYSTEM_INCLUDE_DIRS;
}

static mj_runtime *runtime_fail(mj_runtime *rt, mj_status *status, mj_status st,
                                char *errbuf, size_t errlen, const char *msg) {
    if (errbuf && errlen && msg)
        snprintf(errbuf, errlen, "%s", msg);
    if (status)
        *status = st;
    mj_runtime_free(rt);
    return NULL;
}

static void *cache_retain_module(void *m) {
    return mj_module_retain(m);
}

static void cache_release_module(void *m) {
    mj_module_release(m);
}

/* The store and the cache of a new runtime; false with a message. */
static mj_status open_caches(mj_runtime *rt, char *errbuf, size_t errlen) {
    if (rt->opts.cache_max_entries > 0) {
        size_t bytes = rt->opts.cache_max_bytes ? rt->opts.cache_max_bytes : (size_t)-1;
        rt->cache = cache_new(rt->opts.cache_max_entries, bytes,
                              (CacheItemOps){cache_retain_module, cache_release_module});
        if (!rt->cache)
            return MJ_ERR_NOMEM;
    }
    mj_status why;
    if (rt->opts.store_ops) {
        if (rt->opts.store_path) {
            errbuf_printf(errbuf, errlen, "mj_options: store_path and store_ops name two stores");
            return MJ_ERR_ARG;
        }
        rt->store = store_open_host(rt->opts.store_ops, &why, errbuf, errlen);
        rt->opts.store_ops = NULL;   /* the caller's; the store has a copy */
        return rt->store ? MJ_OK : why;
    }
    if (!rt->opts.store_path)
        return MJ_OK;
    rt->store_path = mem_strdup(rt->opts.store_path);
    rt->opts.store_path = rt->store_path;
    if (!rt->store_path)
        return MJ_ERR_NOMEM;
    StoreOptions so = {.max_bytes = rt->opts.store_max_bytes,
                       .trust_permissions = rt->opts.store_trust_permissions != 0};
    rt->store = store_open(rt->store_path, &so, &why, errbuf, errlen);
    return rt->store ? MJ_OK : why;
}

mj_runtime *mj_runtime_new_ex(const mj_options *opts, mj_status *status, char *errbuf,
                              size_t errlen) {
    mj_options o;
    mj_options_init(&o);
    if (opts)
        o = *opts;
    if (errbuf && errlen)
        errbuf[0] = '\0';
    if (o.opt_level < 0 || o.opt_level > 3)
        return runtime_fail(NULL, status, MJ_ERR_ARG, errbuf, errlen,
                            "opt_level must be 0..3");
    mj_runtime *rt = mem_calloc(1, sizeof *rt);
    if (!rt)
        return runtime_fail(NULL, status, MJ_ERR_NOMEM, errbuf, errlen, "out of memory");
    rt->opts = o;   /* store_path is replaced by a copy in open_caches */
    pthread_mutex_init(&rt->stats_lock, NULL);
    if (o.preamble && *o.preamble) {
        rt->preamble = mem_strdup(o.preamble);
        rt->opts.preamble = rt->preamble;
        if (!rt->preamble)
            return runtime_fail(rt, status, MJ_ERR_NOMEM, errbuf, errlen, "out of memory");
        key_hash_bytes(rt->preamble, strlen(rt->preamble), &rt->preamble_fp);
    } else {
        rt->opts.preamble = NULL;
    }
    mj_status st = MJ_OK;
    if (o.system_headers) {
        st = sysdirs_init(&rt->sysdirs, o.system_include_dirs ? o.system_include_dirs
                                                              : MJ_SYSTEM_INCLUDE_DIRS);
        if (st != MJ_OK)
            return runtime_fail(rt, status, st, errbuf, errlen,
                                st == MJ_ERR_NOMEM ? "out of memory"
                                                   : "system_include_dirs: more than 64 folders");
        rt->opts.system_include_dirs = rt->sysdirs.list;
    } else {
        rt->opts.system_include_dirs = NULL;
    }
    st = open_caches(rt, errbuf, errlen);
    if (st != MJ_OK)
        return runtime_fail(rt, status, st, NULL, 0, NULL);
    if (status)
        *status = MJ_OK;
    return rt;
}

mj_runtime *mj_runtime_new(const mj_options *opts, mj_status *status) {
    return mj_runtime_new_ex(opts, status, NULL, 0);
}

void mj_runtime_set_include_resolver(mj_runtime *rt, mj_include_fn fn, void *user) {
    if (!rt)
        return;
    rt->include_fn = fn;
    rt->include_user = fn ? user : NULL;
}

void runtime_force_memload_fallback(mj_runtime *rt, int on) {
    rt->memload_flags = on ? MEMLOAD_FORCE_FALLBACK : 0;
}

static bool has_host_definitions(const mj_runtime *rt) {
    return rt->nhost_syms || rt->nhost_headers;
}

void mj_runtime_free(mj_runtime *rt) {
    if (!rt)
        return;
    cache_free(rt->cache);
    store_close(rt->store);
    host_table_free(rt);
    free(rt->store_path);
    free(rt->preamble);
    sysdirs_free(&rt->sysdirs);
    pthread_mutex_destroy(&rt->stats_lock);
    free(rt);
}

void mj_runtime_stats(mj_runtime *rt, mj_stats *out) {
    if (!out)
        return;
    memset(out, 0, sizeof *out);
    if (!rt)
        return;
    pthread_mutex_lock(&rt->stats_lock);
    *out = rt->stats;
    pthread_mutex_unlock(&rt->stats_lock);
    if (rt->cache) {
        CacheCounts n;
        cache_counts(rt->cache, &n);
        out->entries = n.entries;
        out->bytes_held = n.bytes;
    }
}

typedef enum StatKind { STAT_HIT, STAT_MISS, STAT_STORE_HIT, STAT_STORE_ERROR } StatKind;

static void count(mj_runtime *rt, StatKind kind) {
    pthread_mutex_lock(&rt->stats_lock);
    switch (kind) {
    case STAT_HIT: rt->stats.hits++; break;
    case STAT_MISS: rt->stats.misses++; break;
    case STAT_STORE_HIT: rt->stats.store_hits++; break;
    case STAT_STORE_ERROR: rt->stats.store_errors++; break;
    }
    pthread_mutex_unlock(&rt->stats_lock);
}

static void count_compile(mj_runtime *rt, double ms) {
    pthread_mutex_lock(&rt->stats_lock);
    rt->stats.compiles++;
    rt->stats.compile_ms += ms;
    pthread_mutex_unlock(&rt->stats_lock);
}

/* ---------------------------------------------------------------------
 * The store as a whole
 * ------------------------------------------------------------------- */

mj_status mj_store_info_get(mj_runtime *rt, mj_store_info *out) {
    if (out)
        memset(out, 0, sizeof *out);
    if (!rt || !rt->store || !out)
        return MJ_ERR_ARG;
    return store_info(rt->store, out);
}

mj_status mj_store_list(mj_runtime *rt, int (*fn)(void *user, const mj_store_entry *e),
                        void *user) {
    if (!rt || !rt->store || !fn)
        return MJ_ERR_ARG;
    return store_list(rt->store, fn, user);
}

mj_status mj_store_clear(mj_runtime *rt) {
    if (!rt || !rt->store)
        return MJ_ERR_ARG;
    return store_clear(rt->store);
}

mj_status mj_store_vacuum(mj_runtime *rt) {
    if (!rt || !rt->store)
        return MJ_ERR_ARG;
    return store_vacuum(rt->store);
}

/* ---------------------------------------------------------------------
 * The compile
 * ------------------------------------------------------------------- */

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Runs the front end; true when the program has no errors. */
/* The source's tokens, after those of the preamble (mj_options.preamble)
 * when there is one: the preprocessor reads both as one text, as gcc reads
 * its command line's definitions before the file. */
static Token *source_tokens(Compile *c, const char *preamble, const char *name,
                            const char *src, size_t len) {
    Token *tok = lex_file(c, compile_add_file(c, name, src, len, false));
    if (!preamble || !*preamble)
        return tok;
    Token *pre = lex_file(c, compile_add_file(c, "<command-line>", preamble,
                                              strlen(preamble), false));
    if (pre->kind == TK_EOF)
        return tok;
    Token *last = pre;
    while (last->next->kind != TK_EOF)
        last = last->next;
    last->next = tok;
    return pre;
}

static bool run_front_end(Compile *c, const char *preamble, const char *name,
                          const char *src, size_t len) {
    Token *tok = source_tokens(c, preamble, name, src, len);
    tok = pp_run(c, tok);
    parse_program(c, tok);
    return c->error_count == 0;
}

/* mj_expr's names: the header that holds the expression, the function. */
#define EXPR_NAME "<expr>"
#define EXPR_WRAPPER "<expr-wrapper>"
#define EXPR_FN "__mj_expr"

/* One mj_compile: its inputs, and the state that must survive an escape. */
typedef struct CompileRun {
    mj_runtime *rt;
    const char *name;
    const char *src;
    size_t len;
    bool keep_object;         /* the module keeps the object's bytes (the store's) */
    bool object_only;         /* one unit of several: stop at the object, in obj */
    unsigned char *obj;
    size_t obj_len;
    bool is_expr;             /* mj_expr: the host's symbols are predeclared,
                                 and src[len..key_len) is the expression,
                                 served as the header "<expr>" */
    size_t key_len;
    gcc_jit_context *ctx;
    ModuleSymbol *syms;       /* until the module takes them */
    size_t nsyms;
    DepList deps;             /* every answer of the include resolver, and
                                 every search of the system folders */
    char *sys_scratch;        /* malloc'd by sysinc.c, until copied to the arena */
    HashMap sys_searches;     /* system header searches made: SysSearch */
    HashMap sys_files;        /* system headers found, by path: SysHeader */
    Compile *c;               /* the compile's: resolvers escape through it */
    bool deps_incomplete;     /* one could not be recorded: do not cache */
    mj_module *mod;
    mj_status status;
    double t[4];
    double setup_ms;      /* loading libgccjit and making the context */
    double lower_ms;      /* building the IR (twice when gcc warned: run_phases) */
} CompileRun;

/* The front end's resolver, calling the host's and recording each answer
 * for the cache (key.c). */
static bool resolve_through_host(void *ctx, const char *name, bool is_angled,
                                 const char *includer, const char **text,
                                 size_t *len, const char **resolved_name) {
    CompileRun *run = ctx;
    mj_runtime *rt = run->rt;
    *text = NULL;
    *len = 0;
    *resolved_name = NULL;
    /* mj_expr's expression: its bytes are in the key already. */
    if (run->is_expr && !strcmp(name, EXPR_NAME)) {
        *text = run->src + run->len;
        *len = run->key_len - run->len;
        return true;
    }
    /* The host's own headers come first and are not recorded: the key's
     * host fingerprint covers their texts already. */
    const HostHeader *h = host_header_find(rt, name);
    if (h) {
        *text = h->text;
        *len = h->len;
        return true;
    }
    if (!rt->include_fn)
        return false;
    bool found = rt->include_fn(rt->include_user, name, is_angled, includer, text, len,
                                resolved_name);
    /* An empty header may come back as NULL text; NULL with a length is
     * the host's bug, taken as "not found" rather than read. */
    if (found && !*text) {
        if (*len != 0)
            found = false;
        else
            *text = "";
    }
    if (!deps_add(&run->deps, name, is_angled, includer, found, *text, *len,
                  *resolved_name ? *resolved_name : name))
        run->deps_incomplete = true;
    return found;
}

/* One search of the system folders in this compile: glibc's headers
 * include <bits/types.h> and <stddef.h> dozens of times, and each search
 * is a few stat calls. The compile's arena holds these. */
typedef struct SysSearch {
    const char *path;         /* NULL: not found */
    int dir;
} SysSearch;

/* A system header found in this compile; its text once read. */
typedef struct SysHeader {
    struct stat st;           /* as the search found it */
    const char *text;
    size_t len;
} SysHeader;

/* The front end's search of the system folders, recording each answer
 * by the found file's identity (sysinc.c). An identical search gives the
 * answer of the first: it was recorded then. */
static bool resolve_in_system(void *ctx, const char *name, const char *includer,
                              int includer_dir, int from, const char **path, int *dir) {
    CompileRun *run = ctx;
    Arena *arena = &run->c->arena;
    char *key = arena_printf(arena, "%d %d %s|%s", from, includer_dir,
                             includer ? includer : "", name);
    int key_len = (int)strlen(key);
    SysSearch *seen = hashmap_get(&run->sys_searches, key, key_len);
    if (!seen) {
        struct stat st;
        SysFind f = sysdirs_locate(&run->rt->sysdirs, name, includer, includer_dir, from,
                                   &run->sys_scratch, dir, &st);
        if (f == SYSFIND_NOMEM)
            arena_oom(arena);
        seen = arena_alloc(arena, sizeof *seen);
        seen->dir = *dir;
        CacheKey id = {0};
        if (f == SYSFIND_FOUND) {
            seen->path = arena_strdup(arena, run->sys_scratch);
            free(run->sys_scratch);
            run->sys_scratch = NULL;
            sysinc_identity(seen->path, &st, &id);
            if (!hashmap_get(&run->sys_files, seen->path, (int)strlen(seen->path))) {
                SysHeader *h = arena_alloc(arena, sizeof *h);
                h->st = st;
                hashmap_put(arena, &run->sys_files, seen->path, (int)strlen(seen->path), h);
            }
        }
        hashmap_put(arena, &run->sys_searches, key, key_len, seen);
        if (!deps_add_system(&run->deps, name, includer ? includer : "", includer_dir, from,
                             seen->path != NULL, &id))
            run->deps_incomplete = true;
    }
    *path = seen->path;
    *dir = seen->dir;
    return seen->path != NULL;
}

/* The text of a header resolve_in_system found, read at most once. A file
 * found but unreadable, or changed while read, is not cached: its
 * identity would not name the bytes the compile saw. */
static bool read_in_system(void *ctx, const char *path, const char **text, size_t *len) {
    CompileRun *run = ctx;
    Arena *arena = &run->c->arena;
    SysHeader *h = hashmap_get(&run->sys_files, path, (int)strlen(path));
    if (!h) {
        errno = ENOENT;
        return false;
    }
    if (!h->text) {
        bool stable = false;
        size_t n;
        run->sys_scratch = sysinc_read(path, &h->st, &n, &stable);
        if (!run->sys_scratch && errno == ENOMEM)
            arena_oom(arena);
        if (!stable)
            run->deps_incomplete = true;
        if (!run->sys_scratch)
            return false;
        h->text = arena_strndup(arena, run->sys_scratch, n);
        h->len = n;
        free(run->sys_scratch);
        run->sys_scratch = NULL;
    }
    *text = h->text;
    *len = h->len;
    return true;
}

/* The resolvers a compile of rt uses. */
static void set_resolvers(Compile *c, CompileRun *run, bool is_expr) {
    mj_runtime *rt = run->rt;
    if (rt->include_fn || rt->nhost_headers || is_expr)
        c->resolve_include = resolve_through_host;
    if (rt->opts.system_headers) {
        c->resolve_system = resolve_in_system;
        c->read_system = read_in_system;
    }
    c->resolve_ctx = run;
    run->c = c;
}

/* The undefined references the linker found in a compile's object, kept
 * (a copy: the object is freed first, as reporting may escape) to be
 * reported at their declarations (Compile.unresolved). */
typedef struct Undefined {
    char names[20][256];
    size_t unit[20];
    int n;
} Undefined;

static void note_undefined(void *ctx, size_t unit, const char *name) {
    Undefined *u = ctx;
    if (u->n < (int)(sizeof u->names / sizeof *u->names)) {
        u->unit[u->n] = unit;
        snprintf(u->names[u->n++], sizeof u->names[0], "%s", name);
    }
}

/* Reports each of unit `unit`'s, as gcc's ld names each, at its
 * declaration in c when c has one; false when there are none. */
static bool report_undefined(Compile *c, const Undefined *u, size_t unit) {
    bool any = false;
    for (int i = 0; i < u->n; i++) {
        if (u->unit[i] != unit)
            continue;
        any = true;
        const char *name = u->names[i];
        const Token *use = hashmap_get(&c->unresolved, name, (int)strlen(name));
        if (use)
            error_tok(c, use, "undefined reference to '%s'", name);
        else
            error_at(c, NULL, 0, 0, "undefined reference to '%s'", name);
    }
    return any;
}

/* gcc makes an object, which is linked in memory (link.c); the module
 * keeps its bytes when the store will. The symbol table is spelt first: it
 * is the last use of the arena that may escape, and what is built after
 * it lives in *run. */
static void compile_and_link(Compile *c, CompileRun *run) {
    run->syms = module_symbols_of(c, &run->nsyms);
    if (!run->syms) {
        run->status = MJ_ERR_NOMEM;
        return;
    }
    size_t len = 0;
    unsigned char *obj = jit_compile_object(c, run->ctx, &len);
    if (!obj) {
        run->status = c->asm_refused ? MJ_ERR_COMPILE : MJ_ERR_JIT;
        return;
    }
    if (run->object_only) {
        run->obj = obj;
        run->obj_len = len;
        run->status = MJ_OK;
        return;
    }
    char why[512];
    mj_status st;
    Undefined undef = {.n = 0};
    LinkInput in = {obj, len, run->name, true};
    LinkedObject *lo = link_objects(&in, 1, note_undefined, &undef, &st, why, sizeof why);
    if (!lo) {
        free(obj);
        run->status = st;
        if (st == MJ_ERR_NOMEM)
            return;
        if (report_undefined(c, &undef, 0))
            run->status = MJ_ERR_COMPILE;    /* the program's error, as in gcc's link */
        else
            error_at(c, NULL, 0, 0, "%s", why);
        return;
    }
    if (!run->keep_object) {
        free(obj);
        obj = NULL;
        len = 0;
    }
    run->mod = module_new_loaded(lo, NULL, obj, len, run->syms, run->nsyms, false);
    run->syms = NULL;   /* taken */
    run->nsyms = 0;
    run->status = run->mod ? MJ_OK : MJ_ERR_NOMEM;
}

/* Lowers the program into a fresh context (with gcc's warnings off when
 * no_warnings), builds it and links it. False when gcc failed it with a message of its own, left in
 * c->gcc_message unreported; otherwise run->status says how it went. */
static bool build(Compile *c, CompileRun *run, bool no_warnings) {
    if (run->ctx)
        gcc_jit_context_release(run->ctx);
    module_symbols_free(run->syms, run->nsyms);
    run->syms = NULL;
    run->nsyms = 0;
    free(run->obj);
    run->obj = NULL;
    c->gcc_message = NULL;
    run->ctx = jit_new_context(&run->rt->opts, no_warnings);
    if (!run->ctx) {
        error_at(c, NULL, 0, 0, "libgccjit could not create a context");
        run->status = MJ_ERR_JIT;
        return true;
    }
    double start = now_ms();
    bool ok = lower_program(c, run->ctx, c->globals) && c->error_count == 0;
    run->t[2] = run->t[3] = now_ms();
    run->lower_ms += run->t[2] - start;
    if (!ok) {
        run->status = MJ_ERR_COMPILE;
        return true;
    }
    /* No build follows one with gcc's warnings off, and nothing after the
     * lowering reads the syntax tree: its memory goes back before gcc's
     * phase, which needs the most (issue 14). */
    if (no_warnings)
        arena_free(&c->nodes);
    compile_check(c, NULL);   /* gcc's phase cannot be stopped once begun */
    compile_and_link(c, run);
    run->t[3] = now_ms();
    return run->status == MJ_OK || !c->gcc_message;
}

/* The phases of a compile, as run_protected runs them. */
typedef struct Phases {
    Compile *c;
    CompileRun *run;
} Phases;

static void run_phases(void *arg) {
    Compile *c = ((Phases *)arg)->c;
    CompileRun *run = ((Phases *)arg)->run;
    run->t[0] = now_ms();
    bool ok = run_front_end(c, run->rt->preamble, run->name, run->src, run->len);
    run->t[1] = run->t[2] = run->t[3] = now_ms();
    if (!ok) {
        run->status = MJ_ERR_COMPILE;
        return;
    }
    char why[512];
    if (!jit_api_load(why, sizeof why)) {
        error_at(c, NULL, 0, 0, "%s", why);
        run->status = MJ_ERR_JIT;
        return;
    }
    /* Loading libgccjit (first compile only) and making its context are
     * libgccjit's time, not IR building: count them with the jit phase. */
    run->setup_ms = now_ms() - run->t[1];
    c->debug_info = run->rt->opts.debug_info != 0;
    /* A program whose syntax tree is big is built once, with gcc's own
     * warnings off, so that the tree can be freed before gcc's phase
     * instead of kept for a second build (below). memjit's warnings are
     * all reported; gcc's (-Wstringop-overflow and the like) are not. */
    if (c->nodes.total > BIG_SYNTAX_TREE) {
        build(c, run, true);
        if (run->status != MJ_OK && c->gcc_message)
            error_at(c, NULL, 0, 0, "%s", c->gcc_message);
        return;
    }
    if (build(c, run, false) || !c->gcc_message)
        return;
    /* libgccjit 12 turns every diagnostic of gcc's, warnings included
     * (-Waggressive-loop-optimizations, -Wstringop-overflow, ...), into an
     * error that fails the compile and poisons the context. A program the
     * front end accepted fails in gcc that way or through a real error of
     * gcc's: so it is lowered again into a fresh context with gcc's
     * warnings off. If that builds, what gcc said reaches the caller as
     * the warning it was; if not, as the error it is. */
    const char *first = c->gcc_message;
    if (build(c, run, true)) {
        warn_at(c, NULL, 0, 0, "%s", first);
        return;
    }
    error_at(c, NULL, 0, 0, "%s", c->gcc_message ? c->gcc_message : first);
}

static void apply_limits(Compile *c, const mj_runtime *rt) {
    c->arena.limit = rt->opts.max_compile_bytes;
    c->max_tokens = rt->opts.max_tokens;
    c->max_macro_tokens = rt->opts.max_macro_tokens;
    unsigned depth = rt->opts.max_macro_depth ? rt->opts.max_macro_depth : DEFAULT_MACRO_DEPTH;
    c->max_macro_depth = depth < MAX_MACRO_DEPTH ? (int)depth : (int)MAX_MACRO_DEPTH;
    c->max_ms = rt->opts.max_compile_ms;
    c->deadline = c->max_ms ? monotonic_ms() + (double)c->max_ms : 0;
    c->cancel_count = &rt->cancel_count;
    c->cancel_seen = atomic_load(&rt->cancel_count);
}

void mj_runtime_cancel(mj_runtime *rt) {
    if (rt)
        atomic_fetch_add(&rt->cancel_count, 1);
}

static void report_memory_limit(void *arg) {
    Compile *c = arg;
    size_t limit = c->arena.limit;
    c->arena.limit = 0;
    c->max_errors++;
    const char *fmt = "the compile needs more than %zu bytes of memory "
                      "(mj_options.max_compile_bytes, --max-memory)";
    if (c->progress)
        error_tok(c, c->progress, fmt, limit);
    else
        error_at(c, NULL, 0, 0, fmt, limit);
}

/* The status of a compile that escaped with why (not ESCAPE_NONE);
 * other for an error in the source. Going over the memory limit is
 * reported here, where the compile was: the arena could not report it. */
static mj_status escaped_status(Compile *c, Escape why, mj_status other) {
    if (why == ESCAPE_OUT_OF_MEMORY)
        return MJ_ERR_NOMEM;
    if (why == ESCAPE_CANCELLED)
        return MJ_ERR_CANCELLED;
    if (why != ESCAPE_LIMIT)
        return other;
    if (c->arena.over_limit) {
        c->arena.over_limit = false;
        if (run_protected(&c->bail, report_memory_limit, c) != ESCAPE_NONE)
            return MJ_ERR_NOMEM;
    }
    return MJ_ERR_LIMIT;
}

/* Whatever escapes out of a phase lands here; what the phases built is
 * in *run. */
static void protected_compile(Compile *c, CompileRun *run) {
    Escape why = run_protected(&c->bail, run_phases, &(Phases){c, run});
    if (why != ESCAPE_NONE)
        run->status = escaped_status(c, why, MJ_ERR_COMPILE);
    c->arena.limit = 0;   /* the limits bound the compile, not what follows */
}

/* Compiles for real: front end, IR, libgccjit. *diags receives the list
 * when diags is not NULL. */
/* The Compile's view of the host table. */
static const char *host_symbol_of(void *ctx, const char *name, bool *is_function) {
    const HostSymbol *h = host_symbol_find(ctx, name);
    if (!h)
        return NULL;
    *is_function = h->is_function;
    return h->type;
}

/* Fills the import slots of a fresh module; on failure the module goes
 * and the reason becomes a diagnostic. */
static void bind_fresh_module(Compile *c, CompileRun *run) {
    /* Without host symbols there is no table (and libgccjit's lookup of
     * a missing global would print). */
    if (!c->host_symbol) {
        run->mod->imports_read = true;
        return;
    }
    char why[512];
    mj_status st = module_bind_imports(run->mod, run->rt, why, sizeof why);
    if (st == MJ_OK)
        return;
    diaglist_add(c->diags, MJ_SEV_ERROR, NULL, 0, 0, NULL, why);
    mj_module_release(run->mod);
    run->mod = NULL;
    run->status = st;
}

/* What every compile of rt sets up in c before the phases run. */
static void prepare_compile(Compile *c, CompileRun *run) {
    mj_runtime *rt = run->rt;
    set_resolvers(c, run, run->is_expr);
    if (rt->nhost_syms) {
        c->host_symbol = host_symbol_of;
        c->host_ctx = rt;
    }
    c->host_predeclared = run->is_expr;
    c->permissive = rt->opts.permissive != 0;
    apply_limits(c, rt);
}

/* What a finished run still holds that no module took. */
static void end_run(CompileRun *run) {
    deps_free(&run->deps);
    free(run->sys_scratch);
    module_symbols_free(run->syms, run->nsyms);
    free(run->obj);
    if (run->ctx)
        gcc_jit_context_release(run->ctx);
}

/* Compiles src[0..len) (for mj_expr, src[len..key_len) is the expression:
 * see CompileRun.is_expr). */
static mj_status compile_fresh(mj_runtime *rt, const char *name, const char *src,
                               size_t len, size_t key_len, bool keep_object,
                               bool is_expr, mj_module **out, mj_diags **diags) {
    Compile *c = compile_new();
    if (!c)
        return MJ_ERR_NOMEM;
    CompileRun run = {.rt = rt, .name = name, .src = src, .len = len, .key_len = key_len,
                      .keep_object = keep_object, .is_expr = is_expr};
    prepare_compile(c, &run);
    protected_compile(c, &run);
    if (run.mod)
        bind_fresh_module(c, &run);
    if (run.mod)
        module_construct(run.mod);

    if (run.mod) {
        run.mod->times_ms[0] = run.t[1] - run.t[0];
        run.mod->times_ms[1] = run.lower_ms;
        run.mod->times_ms[2] = run.t[3] - run.t[1] - run.lower_ms;
        run.mod->deps = run.deps;
        run.mod->uncacheable = run.deps_incomplete;
        memset(&run.deps, 0, sizeof run.deps);
        count_compile(rt, run.t[3] - run.t[0]);
    }
    end_run(&run);
    *out = run.mod;
    if (diags) {
        *diags = c->diags;
        c->diags = NULL;
    }
    compile_free(c);
    return run.status;
}

/* mj_preprocess's phase, under the protected boundary. */
typedef struct PreprocessRun {
    Compile *c;
    CompileRun *run;
    char *text;          /* in the arena */
    size_t len;
} PreprocessRun;

static void run_preprocessor(void *arg) {
    PreprocessRun *pr = arg;
    CompileRun *run = pr->run;
    Token *tok = source_tokens(pr->c, run->rt->preamble, run->name, run->src, run->len);
    tok = pp_run(pr->c, tok);
    if (pr->c->error_count == 0)
        pr->text = pp_text(pr->c, tok, &pr->len);
}

mj_status mj_preprocess(mj_runtime *rt, const char *name, const char *src, size_t len,
                        char **out, mj_diags **diags) {
    if (diags)
        *diags = NULL;
    if (out)
        *out = NULL;
    if (!rt || !name || (!src && len) || !out)
        return MJ_ERR_ARG;
    Compile *c = compile_new();
    if (!c)
        return MJ_ERR_NOMEM;
    CompileRun run = {.rt = rt, .name = name, .src = src ? src : "", .len = len};
    set_resolvers(c, &run, false);
    c->permissive = rt->opts.permissive != 0;
    apply_limits(c, rt);
    PreprocessRun pr = {c, &run, NULL, 0};
    Escape why = run_protected(&c->bail, run_preprocessor, &pr);
    mj_status st = why != ESCAPE_NONE ? escaped_status(c, why, MJ_ERR_COMPILE)
                   : !pr.text ? MJ_ERR_COMPILE : MJ_OK;
    c->arena.limit = 0;
    if (st == MJ_OK) {
        *out = mem_malloc(pr.len + 1);
        if (*out)
            memcpy(*out, pr.text, pr.len + 1);
        else
            st = MJ_ERR_NOMEM;
    }
    deps_free(&run.deps);
    free(run.sys_scratch);
    if (diags) {
        *diags = c->diags;
        c->diags = NULL;
    }
    compile_free(c);
    return st;
}

/* One translation unit's entry in the store, checked: its object, its
 * symbol table, and include answers that still hold. */
typedef struct StoredUnit {
    unsigned char *obj;
    size_t len;
    ModuleSymbol *syms;
    size_t nsyms;
    DepList deps;
} StoredUnit;

static void stored_unit_free(StoredUnit *u) {
    free(u->obj);
    module_symbols_free(u->syms, u->nsyms);
    deps_free(&u->deps);
    memset(u, 0, sizeof *u);
}

/* Fills *out from key's entry; false on a miss, or when the entry cannot
 * be used (the caller compiles and overwrites it). */
static bool read_from_store(mj_runtime *rt, const CacheKey *key, const Ident *id,
                            StoredUnit *out) {
    memset(out, 0, sizeof *out);
    StoreRow row;
    int got = store_get(rt->store, key, id, &row);
    if (got < 0)
        count(rt, STAT_STORE_ERROR);
    if (got <= 0)
        return false;
    bool ok = deps_decode(row.deps, row.deps_len, &out->deps);
    if (ok)
        ok = deps_still_hold(&out->deps, rt->include_fn, rt->include_user, &rt->sysdirs) &&
             (out->syms = module_syms_decode(row.syms, row.syms_len, &out->nsyms));
    if (ok) {
        out->obj = row.blob;
        out->len = row.blob_len;
        row.blob = NULL;   /* taken */
    }
    store_row_free(&row);
    if (!ok)
        stored_unit_free(out);
    return ok;
}

/* A module from the store, or NULL on a miss (or when what the store
 * holds cannot be used: then the caller compiles and overwrites it). */
static mj_module *fetch_from_store(mj_runtime *rt, const CacheKey *key, const Ident *id) {
    StoredUnit u;
    if (!read_from_store(rt, key, id, &u))
        return NULL;
    mj_status linked;
    LinkedObject *lo = link_object(u.obj, u.len, &linked, NULL, 0);
    mj_module *mod = NULL;
    if (lo) {
        mod = module_new_loaded(lo, NULL, u.obj, u.len, u.syms, u.nsyms, false);
        u.obj = NULL;   /* taken, whatever happened */
        u.syms = NULL;
    }
    if (mod && module_bind_imports(mod, rt, NULL, 0) != MJ_OK) {
        mj_module_release(mod);   /* compiled again, which says why */
        mod = NULL;
    }
    if (mod) {
        module_construct(mod);
        mod->deps = u.deps;
        memset(&u.deps, 0, sizeof u.deps);
        count(rt, STAT_STORE_HIT);
    }
    stored_unit_free(&u);
    return mod;
}

/* Writes one unit's object to the store; failures only count (it is a
 * cache). */
static void put_in_store(mj_runtime *rt, const CacheKey *key, const Ident *id,
                         const unsigned char *obj, size_t len, const ModuleSymbol *syms,
                         size_t nsyms, const DepList *deps) {
    StoreRow row = {.blob = (unsigned char *)obj, .blob_len = len};
    row.syms = module_syms_encode(syms, nsyms, &row.syms_len);
    row.deps = deps_encode(deps, &row.deps_len);
    bool ok = row.syms && row.deps && store_put(rt->store, key, id, id->name, &row);
    free(row.syms);
    free(row.deps);
    if (!ok)
        count(rt, STAT_STORE_ERROR);
}

/* Writes a new module to the store; failures only count (it is a cache). */
static void keep_in_store(mj_runtime *rt, const CacheKey *key, const Ident *id,
                          const mj_module *mod) {
    put_in_store(rt, key, id, mod->blob, mod->blob_len, mod->syms, mod->nsyms, &mod->deps);
}

/* A module the cache may hand out again: it gets its ident. False when its
 * include answers are incomplete or memory is short. */
static bool make_cacheable(mj_module *mod, const Ident *id) {
    if (mod->uncacheable)
        return false;
    if (!mod->ident)
        mod->ident = key_ident_copy(id, &mod->ident_len);
    return mod->ident != NULL;
}

/* A hit on a module compiled before: hands it out with an empty list. */
static mj_status hand_out_hit(mj_module *hit, mj_module **out, mj_diags **diags) {
    *out = hit;
    if (diags)
        *diags = diaglist_new();
    return MJ_OK;
}

/* The key of compiling src[0..key_len) as name through rt, and the
 * ident that key stands for. */
static void key_for(const mj_runtime *rt, const char *name, const char *src, size_t key_len,
                    bool is_expr, Ident *id, CacheKey *key) {
    key_ident_init(id, &rt->opts, rt->preamble ? &rt->preamble_fp : NULL,
                   rt->opts.system_headers ? &rt->sysdirs.fp : NULL,
                   rt->include_fn != NULL, name, src, key_len);
    key_ident_set_host(id, has_host_definitions(rt) ? &rt->host_fp : NULL, is_expr);
    key_of(id, key);
}

/* mj_compile, and mj_expr's compile of its wrapper (src[0..len), the
 * expression after it up to key_len). */
static mj_status compile_cached(mj_runtime *rt, const char *name, const char *src,
                                size_t len, size_t key_len, bool is_expr, mj_module **out,
                                mj_diags **diags) {
    Cache *cache = rt->cache;
    Store *store = rt->store;
    if (!cache && !store)
        return compile_fresh(rt, name, src, len, key_len, false, is_expr, out, diags);

    Ident id;
    CacheKey key;
    key_for(rt, name, src, key_len, is_expr, &id, &key);
    CacheLookup look = CACHE_MISS;
    if (cache) {
        void *found;
        look = cache_lookup(cache, &key, &id, &found);
        mj_module *hit = found;
        if (look == CACHE_HIT && deps_still_hold(&hit->deps, rt->include_fn, rt->include_user,
                                                    &rt->sysdirs)) {
            count(rt, STAT_HIT);
            /* A name defined again at another address, same type. */
            module_bind_imports(hit, rt, NULL, 0);
            return hand_out_hit(hit, out, diags);
        }
        if (look == CACHE_HIT) {
            mj_module_release(hit);   /* an included file changed */
            look = CACHE_MISS;
        }
        count(rt, STAT_MISS);
    }
    mj_module *mod = store ? fetch_from_store(rt, &key, &id) : NULL;
    bool from_store = mod != NULL;
    mj_status st = MJ_OK;
    if (from_store)
        hand_out_hit(mod, out, diags);
    else
        st = compile_fresh(rt, name, src, len, key_len, store != NULL, is_expr, &mod, diags);
    bool cacheable = mod && make_cacheable(mod, &id);
    if (cacheable && store && !from_store)
        keep_in_store(rt, &key, &id, mod);
    if (cache) {
        CacheItem item = {mod, cacheable ? mod->ident : NULL, cacheable ? mod->ident_len : 0,
                          cacheable ? module_cache_bytes(mod) : 0};
        cache_finish(cache, &key, look == CACHE_MISS_OWNER, cacheable ? &item : NULL);
    }
    *out = mod;
    return st;
}

mj_status mj_compile(mj_runtime *rt, const char *name, const char *src,
                     size_t len, mj_module **out, mj_diags **diags) {
    if (out)
        *out = NULL;
    if (diags)
        *diags = NULL;
    if (!rt || !src || !out)
        return MJ_ERR_ARG;
    return compile_cached(rt, name ? name : "<input>", src, len, len, false, out, diags);
}

/* ---------------------------------------------------------------------
 * Several translation units (mj_compile_units)
 *
 * Each unit becomes an object on its own: from the store, under the key
 * mj_compile of that source alone uses (the object is the same), or
 * compiled (CompileRun.object_only), then stored. link.c links the
 * objects into one image, as ld would, and one module takes the image,
 * every unit's symbol table merged, and their import tables. A compiled
 * unit's Compile is kept until the link is done: its undefined references
 * are reported at their declarations, in its own diagnostics.
 * ------------------------------------------------------------------- */

typedef struct UnitBuild {
    const char *name;
    unsigned char *obj;
    size_t len;
    ModuleSymbol *syms;
    size_t nsyms;
    Compile *c;               /* a compiled unit's; NULL for one from the store */
    mj_status status;
    double times_ms[3];       /* as mj_module.times_ms; zeros from the store */
} UnitBuild;

/* Compiles one unit to an object; ub->status says how it went, and
 * ub->c holds its diagnostics. */
static void compile_unit(mj_runtime *rt, const mj_source *u, UnitBuild *ub, bool store_it,
                         const CacheKey *key, const Ident *id) {
    ub->c = compile_new();
    if (!ub->c) {
        ub->status = MJ_ERR_NOMEM;
        return;
    }
    CompileRun run = {.rt = rt, .name = ub->name, .src = u->src, .len = u->len,
                      .key_len = u->len, .object_only = true};
    prepare_compile(ub->c, &run);
    protected_compile(ub->c, &run);
    ub->status = run.status;
    if (run.status == MJ_OK) {
        count_compile(rt, run.t[3] - run.t[0]);
        ub->times_ms[0] = run.t[1] - run.t[0];
        ub->times_ms[1] = run.lower_ms;
        ub->times_ms[2] = run.t[3] - run.t[1] - run.lower_ms;
        if (store_it && !run.deps_incomplete)
            put_in_store(rt, key, id, run.obj, run.obj_len, run.syms, run.nsyms, &run.deps);
        ub->obj = run.obj, ub->len = run.obj_len;
        ub->syms = run.syms, ub->nsyms = run.nsyms;
        run.obj = NULL, run.syms = NULL, run.nsyms = 0;   /* taken */
    }
    end_run(&run);
}

/* One unit's object, from the store when it holds a good one. */
static void build_unit(mj_runtime *rt, const mj_source *u, UnitBuild *ub) {
    ub->name = u->name ? u->name : "<input>";
    Ident id;
    CacheKey key;
    if (rt->store) {
        key_for(rt, ub->name, u->src, u->len, false, &id, &key);
        StoredUnit su;
        if (read_from_store(rt, &key, &id, &su)) {
            count(rt, STAT_STORE_HIT);
            ub->obj = su.obj, ub->len = su.len;
            ub->syms = su.syms, ub->nsyms = su.nsyms;
            su.obj = NULL, su.syms = NULL;
            stored_unit_free(&su);
            ub->status = MJ_OK;
            return;
        }
    }
    compile_unit(rt, u, ub, rt->store != NULL, &key, &id);
}

/* The undefined references of one compiled unit, reported in it. */
typedef struct UnitReport {
    Compile *c;
    const Undefined *undef;
    size_t unit;
} UnitReport;

static void report_in_unit(void *arg) {
    UnitReport *r = arg;
    report_undefined(r->c, r->undef, r->unit);
}

/* A link error as a diagnostic of the unit it names ("b.c: multiple
 * definition of 'x'; ..."), or of no file. */
static void add_link_error(DiagList *dl, const UnitBuild *ub, size_t n, const char *why) {
    for (size_t u = 0; u < n; u++) {
        size_t k = strlen(ub[u].name);
        if (!strncmp(why, ub[u].name, k) && why[k] == ':' && why[k + 1] == ' ') {
            diaglist_add(dl, MJ_SEV_ERROR, ub[u].name, 0, 0, NULL, why + k + 2);
            return;
        }
    }
    diaglist_add(dl, MJ_SEV_ERROR, NULL, 0, 0, NULL, why);
}

/* The undefined references, each in its unit: at its declaration in a
 * compiled unit, naming the unit of one from the store. */
static mj_status report_units_undefined(UnitBuild *ub, size_t n, const Undefined *undef,
                                        DiagList *dl) {
    for (size_t u = 0; u < n; u++) {
        if (ub[u].c) {
            UnitReport r = {ub[u].c, undef, u};
            if (run_protected(&ub[u].c->bail, report_in_unit, &r) == ESCAPE_OUT_OF_MEMORY)
                return MJ_ERR_NOMEM;
            continue;
        }
        for (int i = 0; i < undef->n; i++)
            if (undef->unit[i] == u) {
                char msg[300];
                snprintf(msg, sizeof msg, "undefined reference to '%s'", undef->names[i]);
                diaglist_add(dl, MJ_SEV_ERROR, ub[u].name, 0, 0, NULL, msg);
            }
    }
    return MJ_ERR_COMPILE;
}

/* Links every unit's object into one module (bound and constructed);
 * NULL with *st and a diagnostic in dl otherwise. */
static mj_module *link_units(mj_runtime *rt, UnitBuild *ub, size_t n, DiagList *dl,
                             mj_status *st) {
    LinkInput *in = mem_calloc(n, sizeof *in);
    if (!in) {
        *st = MJ_ERR_NOMEM;
        return NULL;
    }
    for (size_t u = 0; u < n; u++)
        in[u] = (LinkInput){ub[u].obj, ub[u].len, ub[u].name, true};
    Undefined undef = {.n = 0};
    char why[512];
    LinkedObject *lo = link_objects(in, n, note_undefined, &undef, st, why, sizeof why);
    free(in);
    if (!lo) {
        if (*st != MJ_ERR_NOMEM && undef.n > 0)
            *st = report_units_undefined(ub, n, &undef, dl);
        else if (*st != MJ_ERR_NOMEM)
            add_link_error(dl, ub, n, why);
        return NULL;
    }
    ModuleSymbol **tables = mem_calloc(n, sizeof *tables);
    size_t *counts = mem_calloc(n, sizeof *counts);
    size_t nsyms = 0;
    ModuleSymbol *syms = NULL;
    if (tables && counts) {
        for (size_t u = 0; u < n; u++) {
            tables[u] = ub[u].syms, counts[u] = ub[u].nsyms;
            ub[u].syms = NULL, ub[u].nsyms = 0;
        }
        syms = module_symbols_merge(tables, counts, n, &nsyms);
    }
    free(tables);
    free(counts);
    mj_module *mod = syms ? module_new_loaded(lo, NULL, NULL, 0, syms, nsyms, false) : NULL;
    if (!syms)
        link_free(lo);
    if (!mod) {
        *st = MJ_ERR_NOMEM;
        return NULL;
    }
    *st = module_bind_imports(mod, rt, why, sizeof why);
    if (*st != MJ_OK) {
        diaglist_add(dl, MJ_SEV_ERROR, NULL, 0, 0, NULL, why);
        mj_module_release(mod);
        return NULL;
    }
    for (size_t u = 0; u < n; u++)
        for (int i = 0; i < 3; i++)
            mod->times_ms[i] += ub[u].times_ms[i];
    module_construct(mod);
    return mod;
}

/* Every unit's diagnostics, in unit order, then those of the link. */
static bool gather_diags(DiagList *all, UnitBuild *ub, size_t n, const DiagList *link) {
    bool ok = true;
    for (size_t u = 0; u < n; u++) {
        const DiagList *dl = ub[u].c ? ub[u].c->diags : NULL;
        for (size_t i = 0; i < mj_diags_count(dl); i++) {
            const mj_diag *d = mj_diags_get(dl, i);
            ok &= diaglist_add(all, d->severity, d->file, d->line, d->column,
                               d->source_line, d->message);
        }
    }
    for (size_t i = 0; i < mj_diags_count(link); i++) {
        const mj_diag *d = mj_diags_get(link, i);
        ok &= diaglist_add(all, d->severity, d->file, d->line, d->column, d->source_line,
                           d->message);
    }
    return ok;
}

/* The first failure among the units: a unit's compile error wins over
 * the others' (the caller reads every unit's diagnostics). */
static mj_status units_status(const UnitBuild *ub, size_t n) {
    mj_status st = MJ_OK;
    for (size_t u = 0; u < n; u++)
        if (ub[u].status != MJ_OK && (st == MJ_OK || ub[u].status == MJ_ERR_COMPILE))
            st = ub[u].status;
    return st;
}

static void free_unit_builds(UnitBuild *ub, size_t n) {
    for (size_t u = 0; u < n; u++) {
        free(ub[u].obj);
        module_symbols_free(ub[u].syms, ub[u].nsyms);
        compile_free(ub[u].c);
    }
    free(ub);
}

static bool units_valid(const mj_source *units, size_t n) {
    for (size_t u = 0; u < n; u++)
        if (!units[u].src)
            return false;
    return true;
}

mj_status mj_compile_units(mj_runtime *rt, const mj_source *units, size_t n,
                           mj_module **out, mj_diags **diags) {
    if (out)
        *out = NULL;
    if (diags)
        *diags = NULL;
    if (!rt || !units || !out || n == 0 || !units_valid(units, n))
        return MJ_ERR_ARG;
    if (n == 1)
        return mj_compile(rt, units[0].name, units[0].src, units[0].len, out, diags);
    UnitBuild *ub = mem_calloc(n, sizeof *ub);
    DiagList *link = diaglist_new();
    DiagList *all = diaglist_new();
    mj_status st = MJ_ERR_NOMEM;
    if (ub && link && all) {
        for (size_t u = 0; u < n; u++)
            build_unit(rt, &units[u], &ub[u]);
        st = units_status(ub, n);
        if (st == MJ_OK)
            *out = link_units(rt, ub, n, link, &st);
        if (!gather_diags(all, ub, n, link) && st == MJ_OK) {
            mj_module_release(*out);
            *out = NULL;
            st = MJ_ERR_NOMEM;
        }
    }
    if (ub)
        free_unit_builds(ub, n);
    diaglist_free(link);
    if (diags)
        *diags = all;
    else
        diaglist_free(all);
    return st;
}

/* ---------------------------------------------------------------------
 * Loading a shared object from bytes
 * ------------------------------------------------------------------- */

mj_status mj_load_blob(mj_runtime *rt, const void *bytes, size_t len, const char *name,
                       mj_module **out, char *errbuf, size_t errlen) {
    if (out)
        *out = NULL;
    if (errbuf && errlen)
        errbuf[0] = '\0';
    if (!rt || !bytes || !len || !out) {
        if (errbuf && errlen)
            snprintf(errbuf, errlen, "mj_load_blob: NULL argument or empty blob");
        return MJ_ERR_ARG;
    }
    unsigned char *copy = mem_malloc(len);
    if (!copy)
        return MJ_ERR_NOMEM;
    memcpy(copy, bytes, len);
    MemLoad ml;
    LinkedObject *lo = NULL;
    char why[512];
    mj_status linked = MJ_ERR_JIT;
    bool loaded = link_is_object(copy, len)
                      ? (lo = link_object(copy, len, &linked, why, sizeof why)) != NULL
                      : memload_bytes(copy, len, rt->memload_flags, &ml, why, sizeof why);
    if (!loaded) {
        free(copy);
        if (errbuf && errlen)
            snprintf(errbuf, errlen, "%s: %s", name ? name : "<blob>", why);
        return linked == MJ_ERR_NOMEM ? MJ_ERR_NOMEM : MJ_ERR_JIT;
    }
    mj_module *mod = module_new_loaded(lo, lo ? NULL : &ml, copy, len, NULL, 0, true);
    if (!mod)
        return MJ_ERR_NOMEM;
    mj_status st = module_bind_imports(mod, rt, why, sizeof why);
    if (st != MJ_OK) {
        if (errbuf && errlen)
            snprintf(errbuf, errlen, "%s: %s", name ? name : "<blob>", why);
        mj_module_release(mod);
        return st;
    }
    module_construct(mod);   /* a memjit blob's constructors (__mj_ctors) */
    *out = mod;
    return MJ_OK;
}

/* ---------------------------------------------------------------------
 * Expressions
 *
 * mj_expr compiles, through the same cached path as mj_compile:
 *     #include <math.h>
 *     #include "HOST_HEADER"                -- each mj_define_header, in order
 *     RET __mj_expr(PARAMS) { return (      -- "(void)(" when RET is void
 *     #include "<expr>"
 *     ); }
 * in "expression" mode, where the parser declares the host's symbols on
 * first use. The expression is a file of its own, served by api.c's
 * resolver, so that diagnostics point into it: "<expr>", line 1, the
 * column in the caller's string, and its text as the source line. (The
 * key covers it: the wrapper and the expression are hashed together.)
 * ------------------------------------------------------------------- */


/* Where a name goes in a canonical abstract declarator: after the
 * specifiers and the pointers, inside every "(*" group, before the first
 * "[" or parameter list: "int (*)(int)" -> "int (*|)(int)". */
static size_t name_slot(const char *s) {
    size_t i = 0;
    for (;;) {
        char ch = s[i];
        if (ch == '\0' || ch == ')' || ch == '[')
            return i;
        if (ch == '(') {
            size_t j = i + 1;
            while (s[j] == ' ')
                j++;
            if (s[j] != '*')
                return i;
            i = j;
            continue;
        }
        i++;
    }
}

/* A declaration of name with the canonical type canon. */
static void declare_with_name(StrBuf *sb, const char *canon, const char *name) {
    size_t at = name_slot(canon);
    sb_putn(sb, canon, at);
    if (at > 0 && canon[at - 1] != ' ' && canon[at - 1] != '*' && canon[at - 1] != '(')
        sb_putc(sb, ' ');
    sb_puts(sb, name);
    sb_puts(sb, canon + at);
}

/* The wrapper's head "RET __mj_expr(T1 a, T2 b)", or NULL when type is not
 * a prototyped, non-variadic function type with named parameters. */
static char *expr_head(Compile *c, const char *type, bool *returns_void) {
    Type *fty = parse_type_name_string(c, type);
    if (!fty || c->error_count || fty->kind != TY_FUNC || !fty->is_prototyped ||
        fty->is_variadic)
        return NULL;
    *returns_void = fty->return_ty->kind == TY_VOID;
    StrBuf params;
    sb_init(&params, &c->arena);
    sb_putc(&params, '(');
    for (Type *p = fty->params; p; p = p->next) {
        if (!p->name)
            return NULL;
        declare_with_name(&params, type_to_string(c, p), tok_str(c, p->name));
        if (p->next)
            sb_puts(&params, ", ");
    }
    if (!fty->params)
        sb_puts(&params, "void");
    sb_putc(&params, ')');
    /* The function's own spelling with the name in, then its parameter
     * list (the group that starts at the slot) replaced by the named one. */
    const char *canon = type_to_string(c, fty);
    size_t at = name_slot(canon);
    size_t end = at;
    for (int depth = 0; canon[end]; end++) {
        depth += canon[end] == '(';
        depth -= canon[end] == ')';
        if (depth == 0) {
            end++;
            break;
        }
    }
    StrBuf sb;
    sb_init(&sb, &c->arena);
    sb_putn(&sb, canon, at);
    if (at > 0 && canon[at - 1] != ' ' && canon[at - 1] != '*' && canon[at - 1] != '(')
        sb_putc(&sb, ' ');
    sb_puts(&sb, EXPR_FN);
    sb_puts(&sb, sb_str(&params));
    sb_puts(&sb, canon + end);
    return sb_str(&sb);
}

/* mj_expr's wrapper, built under the boundary: its inputs, and the
 * malloc'ed source with its lengths once built. */
typedef struct ExprSource {
    Compile *c;
    const mj_runtime *rt;
    const char *expr;
    const char *type;
    char *src;
    size_t len, key_len;
    mj_status st;
} ExprSource;

static void build_expr_source(void *arg) {
    ExprSource *e = arg;
    Compile *c = e->c;
    bool returns_void = false;
    char *head = expr_head(c, e->type, &returns_void);
    e->st = MJ_ERR_BAD_TYPE;
    if (!head)
        return;
    /* The host's headers, so that their types (a struct a host function
     * takes by value), constants and macros serve. */
    StrBuf includes;
    sb_init(&includes, &c->arena);
    for (size_t i = 0; i < e->rt->nhost_headers; i++)
        sb_puts(&includes, arena_printf(&c->arena, "#include \"%s\"\n",
                                        e->rt->host_headers[i].name));
    /* A void function evaluates the expression for its effects. */
    char *text = arena_printf(&c->arena,
                              "#include <math.h>\n%s%s { %s(\n#include \"" EXPR_NAME
                              "\"\n); }\n",
                              sb_str(&includes), head, returns_void ? "(void)" : "return ");
    /* The last use of the arena: nothing below escapes. */
    e->len = strlen(text);
    e->key_len = e->len + strlen(e->expr);
    e->src = mem_malloc(e->key_len + 1);
    if (e->src) {
        memcpy(e->src, text, e->len);
        strcpy(e->src + e->len, e->expr);
    }
    e->st = e->src ? MJ_OK : MJ_ERR_NOMEM;
}

/* The wrapper source followed by the expression, malloc'ed; *len is the
 * wrapper's length, *key_len the whole. *st says why when NULL. */
static char *expr_source(const mj_runtime *rt, const char *expr, const char *type,
                         size_t *len, size_t *key_len, mj_status *st) {
    ExprSource e = {.c = compile_new(), .rt = rt, .expr = expr, .type = type,
                    .st = MJ_ERR_NOMEM};
    if (e.c) {
        Escape why = run_protected(&e.c->bail, build_expr_source, &e);
        if (why != ESCAPE_NONE)
            e.st = why == ESCAPE_OUT_OF_MEMORY ? MJ_ERR_NOMEM : MJ_ERR_BAD_TYPE;
    }
    compile_free(e.c);
    *st = e.st;
    *len = e.len;
    *key_len = e.key_len;
    return e.src;
}

/* An expression that ends too early ("x +") is only found wrong at the
 * wrapper's closing ")": the first such diagnostic moves to the end of the
 * expression, where the caller can see what is missing ("expected
 * expression at end of input", as gcc says it). The wrapper's noise after
 * it, or after an error inside the expression, goes. */
#define EXPR_CLOSING_LINE 4

static void message_at_end(char *out, size_t n, const char *msg) {
    static const char *const tails[] = {"before ')' token", "before '}' token"};
    size_t len = strlen(msg);
    for (size_t i = 0; i < sizeof tails / sizeof *tails; i++) {
        size_t t = strlen(tails[i]);
        if (len >= t && !strcmp(msg + len - t, tails[i])) {
            snprintf(out, n, "%.*sat end of input", (int)(len - t), msg);
            return;
        }
    }
    snprintf(out, n, "%s", msg);
}

static void expr_diags_to_the_end(mj_diags **diags, const char *expr) {
    if (!diags || !*diags)
        return;
    const char *last = strrchr(expr, '\n');
    last = last ? last + 1 : expr;
    int line = 1;
    for (const char *p = expr; p < last; p++)
        line += *p == '\n';
    DiagList *out = diaglist_new();
    if (!out)
        return;
    bool moved = false;
    for (size_t i = 0; i < mj_diags_count(*diags); i++) {
        const mj_diag *d = mj_diags_get(*diags, i);
        bool at_close = d->file && !strcmp(d->file, EXPR_WRAPPER) &&
                        d->line == EXPR_CLOSING_LINE;
        if (at_close && moved)
            continue;
        if (d->severity == MJ_SEV_ERROR && d->file && !strcmp(d->file, EXPR_NAME))
            moved = true;   /* the expression's own error says enough */
        bool ok;
        if (at_close) {
            char msg[512];
            message_at_end(msg, sizeof msg, d->message);
            ok = diaglist_add(out, d->severity, EXPR_NAME, line, (int)strlen(last) + 1, last,
                              msg);
            moved = true;
        } else {
            ok = diaglist_add(out, d->severity, d->file, d->line, d->column, d->source_line,
                              d->message);
        }
        if (!ok) {
            diaglist_free(out);
            return;
        }
    }
    diaglist_free(*diags);
    *diags = out;
}

mj_status mj_expr(mj_runtime *rt, const char *expr, const char *type, mj_module **mod,
                  void **fn, mj_diags **diags) {
    if (mod)
        *mod = NULL;
    if (fn)
        *fn = NULL;
    if (diags)
        *diags = NULL;
    if (!rt || !expr || !type || !mod || !fn)
        return MJ_ERR_ARG;
    size_t len = 0, key_len = 0;
    mj_status st;
    char *src = expr_source(rt, expr, type, &len, &key_len, &st);
    if (!src)
        return st;
    mj_module *m = NULL;
    st = compile_cached(rt, EXPR_WRAPPER, src, len, key_len, true, &m, diags);
    free(src);
    if (st == MJ_ERR_COMPILE)
        expr_diags_to_the_end(diags, expr);
    if (st != MJ_OK) {
        mj_module_release(m);
        return st;
    }
    void *addr = NULL;
    st = mj_lookup_ex(m, EXPR_FN, type, &addr, NULL, 0);
    if (st != MJ_OK) {
        mj_module_release(m);
        return st;
    }
    *mod = m;
    *fn = addr;
    return MJ_OK;
}
