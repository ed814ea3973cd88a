/*
 * runtime.h - the layer behind the public API: runtimes and modules.
 *
 *   host.c    the host's definitions (mj_define_*) and their fingerprint
 *   module.c  reference-counted compiled code, its symbol table and typed
 *             lookup
 *   api.c     the public entry points, and the protected boundary of a
 *             compile: it owns the Compile, runs it under run_protected, frees
 *             its arena whatever happened; the path of a compile through
 *             the cache, the store and libgccjit (docs/cache.md)
 */
#ifndef MEMJIT_RUNTIME_H
#define MEMJIT_RUNTIME_H

#include <pthread.h>
#include <stdatomic.h>

#include "cache.h"
#include "load.h"
#include "front.h"
#include "jitapi.h"

/* ---------------------------------------------------------------------
 * host.c: the host's definitions (mj_define_*) and their fingerprint
 * ------------------------------------------------------------------- */

/* One function or variable the host exposes (mj_define_function and
 * mj_define_variable); type is canonical, as a module's symbols are. */
typedef struct HostSymbol {
    char *name;
    char *type;
    void *addr;
    bool is_function;
} HostSymbol;

/* A header the host serves (mj_define_header). */
typedef struct HostHeader {
    char *name;
    char *text;
    size_t len;
} HostHeader;

/* The host's definition of name, or NULL. */
const HostSymbol *host_symbol_find(const mj_runtime *rt, const char *name);
/* The header the host defined as name, or NULL. */
const HostHeader *host_header_find(const mj_runtime *rt, const char *name);
/* Frees every definition and header (the runtime itself stays). */
void host_table_free(mj_runtime *rt);

/* ---------------------------------------------------------------------
 * api.c: the runtime and the public entry points
 * ------------------------------------------------------------------- */

struct mj_runtime {
    mj_options opts;
    char *store_path;        /* opts.store_path points here */
    char *preamble;          /* opts.preamble points here; NULL for none or "" */
    CacheKey preamble_fp;    /* its hash, for the cache key (key_ident_init) */
    SysDirs sysdirs;         /* opts.system_headers: where; opts.system_include_dirs
                                points to its list */
    mj_include_fn include_fn; /* the host's include resolver, or NULL */
    void *include_user;
    Cache *cache;            /* NULL when the in-memory cache is off */
    Store *store;            /* NULL without a store */
    int memload_flags;       /* test hook: see runtime_force_memload_fallback */
    pthread_mutex_t stats_lock;
    mj_stats stats;          /* entries and bytes_held come from the cache */
    HostSymbol *host_syms;   /* sorted by name */
    size_t nhost_syms;
    HostHeader *host_headers;
    size_t nhost_headers;
    CacheKey host_fp;        /* names, types, header texts: part of the key */
    atomic_uint cancel_count; /* mj_runtime_cancel's calls: a compile that
                                 sees it change is cancelled */
};

/* Test hook (tests/api/test_cache.c): every shared object rt loads goes
 * through the O_TMPFILE fallback, as if memfd_create were missing. */
void runtime_force_memload_fallback(mj_runtime *rt, int on);

/* ---------------------------------------------------------------------
 * module.c: compiled code, its symbol table, typed lookup
 * ------------------------------------------------------------------- */

/* One exported symbol: a non-static function or variable defined in the
 * module, with its type in the canonical spelling of type_to_string. */
typedef struct ModuleSymbol {
    char *name;
    char *type;
    bool is_function;
    bool is_static;           /* listed only to explain a failed lookup */
    bool is_hidden;           /* visibility("hidden"): the same */
    size_t unit;              /* an import: the translation unit whose slot */
    void *addr;
    bool strings_shared;      /* name and type point into the array's own
                                 allocation (module_syms_decode): freed with
                                 it, not one by one */
} ModuleSymbol;

struct mj_module {
    atomic_int refs;
    LinkedObject *linked;     /* an object linked in memory (link.c), or NULL */
    MemLoad loaded;           /* a shared object (mj_load_blob): handle set */
    unsigned char *blob;      /* the object's bytes, or NULL; see mj_module_blob */
    size_t blob_len;
    bool untyped;             /* mj_load_blob: found by name, no C types */
    char *ident;              /* the cache's ident (key_ident_copy), or NULL */
    size_t ident_len;
    DepList deps;             /* include answers a cache hit re-checks */
    bool uncacheable;         /* an include answer could not be recorded */
    ModuleSymbol *syms;       /* sorted by name */
    size_t nsyms;
    ModuleSymbol *imports;    /* the host symbols the code uses (addr: the
                                 import slot), sorted by name */
    size_t nimports;
    bool imports_read;        /* the table was read (or there is none) */
    bool *init_pending;       /* per unit: its table names __mj_init (host
                                 addresses in initialisers), not yet run */
    bool constructed;         /* module_construct ran */
    bool has_destructors;     /* a unit has __mj_dtors, run by the last release */
    double times_ms[3];       /* front end, IR building, libgccjit compile */
    pthread_mutex_t err_lock;
    char errmsg[512];         /* last failed mj_lookup */
};

/* Runs the module's constructors (each unit's __mj_ctors, parse.c, by
 * priority across the units), once, when its
 * imports are bound and before anyone else sees it; the last
 * mj_module_release runs its destructors. */
void module_construct(mj_module *mod);

/* The symbol table of c->globals without addresses, malloc'ed; NULL on
 * OOM. Uses the arena first (may escape), then malloc only. */
ModuleSymbol *module_symbols_of(Compile *c, size_t *n);
/* A module over loaded code: an object linked in memory (lo), or else a
 * shared object (ml). Takes lo or ml, blob (the bytes, or NULL) and syms
 * (from module_symbols_of or module_syms_decode; NULL for an untyped
 * module) whatever happens. NULL on OOM. */
mj_module *module_new_loaded(LinkedObject *lo, MemLoad *ml, unsigned char *blob,
                             size_t blob_len, ModuleSymbol *syms, size_t nsyms, bool untyped);
/* One table for a module of several units, out of each unit's (tables[u]
 * with counts[u] entries, all taken and set to NULL whatever happens):
 * sorted by name, one entry per name: an external definition before a
 * static one, then the first unit's. Each entry's unit is its unit's
 * index. NULL on OOM. */
ModuleSymbol *module_symbols_merge(ModuleSymbol **tables, size_t *counts, size_t n,
                                   size_t *out_n);
/* The symbol table as bytes for the store, and back; NULL on OOM or
 * malformed bytes. */
unsigned char *module_syms_encode(const ModuleSymbol *syms, size_t nsyms, size_t *len);
ModuleSymbol *module_syms_decode(const unsigned char *p, size_t len, size_t *nsyms);
void module_symbols_free(ModuleSymbol *syms, size_t n);
/* What the in-memory cache counts for mod: ident, symbol table and code
 * bytes when known (a module compiled in memory has no byte image: its
 * code is counted as its source's length, a rough stand-in). */
size_t module_cache_bytes(const mj_module *mod);

/* Reads the module's import list (the __mj_imports table lower.c emits)
 * and fills every import slot with the address rt's host table gives the
 * name. MJ_ERR_NOT_FOUND when rt does not define a name the code uses,
 * MJ_ERR_TYPE when it defines it with another type, with a message. */
mj_status module_bind_imports(mj_module *mod, const mj_runtime *rt, char *errbuf,
                              size_t errlen);
/* Parses a type string and spells it canonically (as typed lookup does);
 * *is_function says whether it is a function type. MJ_ERR_BAD_TYPE with
 * the front end's message when it is not a C type name. */
mj_status module_canonical_type(const char *text, char **canon, bool *is_function,
                                char *errbuf, size_t errlen);

#endif /* MEMJIT_RUNTIME_H */
