/*
 * memjit.h - compile C held in memory into native code through libgccjit.
 *
 * The only public header of memjit. A host uses it in four steps:
 *
 *     mj_runtime *rt = mj_runtime_new(NULL, NULL);            -- runtime
 *     mj_module *m;
 *     mj_compile(rt, "calc.c", src, strlen(src), &m, &diags);  -- compile
 *     double (*f)(double) = MJ_FN(m, "f", double, double);     -- typed lookup
 *     f(2.0);                                                  -- call
 *     mj_module_release(m); mj_runtime_free(rt);               -- release
 *
 * Conventions, true of every function below:
 *   - Handles are opaque. Constructors return a new handle or NULL; every
 *     destructor accepts NULL and does nothing with it.
 *   - Strings passed in are copied when the function needs them later; the
 *     caller keeps ownership of what it passes.
 *   - memjit never calls exit(), never prints unless asked to (the CLI asks),
 *     and keeps no global state of its own: two runtimes never interact.
 *   - Status codes are small integers with a text each (mj_status_str).
 */
#ifndef MEMJIT_H
#define MEMJIT_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(MJ_BUILDING_LIBRARY)
#define MJ_API __attribute__((visibility("default")))
#else
#define MJ_API
#endif

#define MJ_VERSION_MAJOR 0
#define MJ_VERSION_MINOR 1
#define MJ_VERSION_PATCH 0
#define MJ_VERSION_STRING "0.1.0"

/* ------------------------------------------------------------------------
 * Status codes
 * ---------------------------------------------------------------------- */

typedef enum mj_status {
    MJ_OK = 0,           /* success */
    MJ_ERR_ARG,          /* an argument was invalid (NULL handle, bad option) */
    MJ_ERR_NOMEM,        /* out of memory */
    MJ_ERR_COMPILE,      /* the source has errors: see the diagnostics */
    MJ_ERR_JIT,          /* libgccjit failed to build or load the code */
    MJ_ERR_NOT_FOUND,    /* no such symbol in the module */
    MJ_ERR_TYPE,         /* the symbol exists but has another type */
    MJ_ERR_BAD_TYPE,     /* the type string given to a lookup is not a C type */
    MJ_ERR_STORE,        /* the store cannot be used: see the message */
    MJ_ERR_LIMIT,        /* the compile went over one of mj_options' limits
                            (max_compile_bytes, max_tokens, ...): see the
                            diagnostics */
    MJ_ERR_CANCELLED,    /* mj_runtime_cancel stopped the compile */
} mj_status;

/* A constant English text for a status code; never NULL. */
MJ_API const char *mj_status_str(mj_status status);

/* The version of the library actually linked, e.g. "0.1.0". */
MJ_API const char *mj_version(void);

/* ------------------------------------------------------------------------
 * Runtime
 *
 * A runtime holds options, the in-memory cache of compiled modules, the
 * persistent store when the host names one, and the include resolver.
 * Any number of threads may compile through one runtime at once. Free it
 * only when no call on it is in progress; modules compiled through it stay
 * valid after it is freed.
 *
 * Compile once (docs/cache.md): mj_compile keys every compile by a 128-bit
 * hash of the source, the name, the options that change the code, the text
 * of every file the include resolver supplied, memjit's version and
 * libgccjit's. A key seen before hands back the module compiled then (one
 * more reference), after comparing the source and option bytes in full.
 * With a store, compiled code also goes to an SQLite file (or the host's
 * own store, mj_store_ops) as a relocatable object, and a later process
 * links it from there in memory without compiling (and without loading
 * libgccjit at all).
 * ---------------------------------------------------------------------- */

typedef struct mj_runtime mj_runtime;

#define MJ_HAVE_STORE_OPS 1

/* The host's own store (mj_options.store_ops): for a host that keeps
 * compiled code in the database that already holds its plugins, or has
 * no file system at all. memjit hands it entries, each an opaque byte
 * string of memjit's making (the object, its symbol table with C types,
 * the include answers, and a checksum: docs/cache.md) under a key of 32
 * hex digits; the host keeps them where it likes. memjit checks every
 * entry it gets back, so a stale, foreign or damaged one is a miss (a
 * damaged one is also removed), never run.
 *
 * memjit calls the callbacks one at a time per runtime (under the
 * runtime's store lock), from whichever thread compiles; user is passed
 * as is. key and name are NUL-terminated and valid during the call. */
typedef struct mj_store_ops {
    void *user;
    /* The entry stored under key: 1 with *data (allocated with malloc;
     * memjit frees it) and *len set; 0 when there is none; -1 on an
     * error (counted in mj_stats.store_errors; the source is compiled).
     * Required. */
    int (*get)(void *user, const char *key, void **data, size_t *len);
    /* Keeps data[0..len) (copy it) under key, replacing any entry there.
     * name is the source's name given to mj_compile, for the host's own
     * listings. 0 on success, -1 on an error (counted; the compile still
     * succeeds). Required. */
    int (*put)(void *user, const char *key, const char *name, const void *data, size_t len);
    /* Removes key's entry; 0 also when there was none, -1 on an error.
     * May be NULL: then a damaged entry stays (and stays a miss) and
     * mj_store_clear fails with MJ_ERR_ARG. */
    int (*remove)(void *user, const char *key);
    /* Calls fn(ctx, key) for every key the host keeps for memjit, until fn
     * returns nonzero; 0, or -1 on an error. memjit does not change the
     * store during the walk. May be NULL: then mj_store_list, _info and
     * _clear fail with MJ_ERR_ARG. */
    int (*list)(void *user, int (*fn)(void *ctx, const char *key), void *ctx);
} mj_store_ops;

typedef struct mj_options {
    int opt_level;   /* 0..3, as gcc's -O; default 2 */
    int debug_info;  /* nonzero: emit DWARF so gdb shows the C source; default 0 */

    /* In-memory cache bounds; least recently used modules go first. An
     * evicted module stays valid for whoever holds it. cache_max_entries 0
     * turns the in-memory cache off; cache_max_bytes 0 means no bound on
     * bytes. Defaults: 256 modules, 64 MiB. */
    size_t cache_max_entries;
    size_t cache_max_bytes;

    /* The persistent store: an SQLite file, created when missing (its
     * folder must exist). NULL (the default) means no store. Copied. */
    const char *store_path;
    /* The host's own store instead (see mj_store_ops): *store_ops is
     * copied; its user must outlive the runtime. store_path must then be
     * NULL (else MJ_ERR_ARG); store_max_bytes and store_trust_permissions
     * do not apply (the host bounds and guards its own database). NULL
     * (the default): none. */
    const mj_store_ops *store_ops;
    /* The store's size bound (sum of its objects, sources and
     * tables); least recently used entries go first. 0 = no bound.
     * Default 256 MiB. */
    size_t store_max_bytes;
    /* A store file or folder that other users can write is refused (they
     * could swap the code this process runs), as ssh refuses such key
     * files. Nonzero turns that check off. Default 0. */
    int store_trust_permissions;

    /* Old C, as gcc's -fpermissive takes it. 0 (the default) refuses, as
     * gcc 14 does by default, calls of undeclared functions and implicit
     * int ("f(x) { ... }", "static n;"): each is an error that says so.
     * Nonzero accepts them with gcc 12's warnings and meaning: an
     * undeclared function is "int f()", or the library's own type when
     * gcc knows it as a builtin (abort, memcpy, sqrt, ...). K&R definitions
     * ("int f(a) char a; { ... }") are valid C11 and accepted either way
     * (docs/language.md). */
    int permissive;

    /* C text preprocessed before every source, as gcc's command line is
     * (its -D, -U and -include): "#define NDEBUG 1\n#include \"config.h\"\n".
     * Diagnostics in it name the file "<command-line>"; an #include in it
     * goes to the include resolver with that includer. NULL (the
     * default) for none. Copied; part of the cache key. */
    const char *preamble;

    /* Where #include <name> looks (docs/headers.md). 0 (the default):
     * memjit's own standard headers, held in memory; memjit reads no file,
     * which a host without a file system needs, and every machine gets the
     * same answers. Nonzero: the machine's own headers, as gcc finds them
     * (glibc's struct stat, pthread.h, unistd.h, ...): the folders of
     * system_include_dirs, searched after the include resolver. Each
     * header read is keyed by its path and stat's facts (size, times,
     * inode), so a cache or store hit checks with stat, not by reading. */
    int system_headers;
    /* The system folders, ':'-separated, searched in order. NULL (the
     * default): the ones gcc searched when memjit was built,
     * mj_default_system_include_dirs(). Copied; part of the cache key. */
    const char *system_include_dirs;

    /* Bounds on what one compile may take in memjit's own phases, so that
     * one source (a plugin, a macro that expands to 2^39 tokens) cannot
     * take the host's memory. Going over one ends the compile with
     * MJ_ERR_LIMIT and an error located where memjit was: nothing is
     * leaked and the runtime stays usable. 0 means no bound. Not part of
     * the cache key (a hit does no work).
     * max_compile_bytes: bytes the compile's arena may hold (tokens,
     * syntax tree, types, the text handed to gcc); gcc's own memory is
     * not counted. Default 2 GiB (a 2,000,000-element unsigned char
     * table needs about 500 MB today).
     * max_tokens: tokens the preprocessor may produce (after macro
     * expansion). Default 64 Mi (that table is 4 Mi tokens). */
    size_t max_compile_bytes;
    size_t max_tokens;
    /* Milliseconds one compile may take before gcc's phase, which is not
     * interrupted (it is checked once before gcc starts): going over ends
     * the compile with MJ_ERR_LIMIT, as the bounds above. 0 (the
     * default): no deadline, since how long a compile takes depends on
     * the machine; the bounds above protect the host's memory. */
    unsigned long max_compile_ms;
    /* Tokens one macro use in the source may make, the expansions of the
     * macros its expansion holds (rescans) included: each token that an
     * expansion puts back in front of the input counts. Default 1 Mi,
     * which stops a macro bomb (a macro that expands to 2^39 tokens)
     * within about 100 MB, where no real program's single use comes near
     * it; a source that needs more (one table macro of millions of
     * entries) says so with a larger bound, or 0 for none. */
    size_t max_macro_tokens;
    /* Macro uses nested in the arguments of macro uses: default 400. The
     * preprocessor recurses that deep, so 0 means the default here, and
     * the bound is at most 100000. */
    unsigned max_macro_depth;
} mj_options;

/* Fills *opts with the defaults listed above. */
MJ_API void mj_options_init(mj_options *opts);

/* The system include folders gcc searched when memjit was built
 * (mj_options.system_include_dirs), ':'-separated. Static storage. */
MJ_API const char *mj_default_system_include_dirs(void);

/* Constructs a runtime. opts may be NULL for the defaults; it is copied.
 * Returns NULL on error and, when status is not NULL, stores why there
 * (MJ_ERR_ARG for an option out of range, MJ_ERR_NOMEM, MJ_ERR_STORE when
 * the store cannot be opened, created or trusted). */
MJ_API mj_runtime *mj_runtime_new(const mj_options *opts, mj_status *status);

/* mj_runtime_new, and on failure a NUL-terminated message of at most
 * errlen bytes in errbuf (when not NULL), e.g.
 *   store '/tmp/x.db': folder '/tmp' is writable by other users */
MJ_API mj_runtime *mj_runtime_new_ex(const mj_options *opts, mj_status *status,
                                     char *errbuf, size_t errlen);

/* Stops every compile of rt in progress when it is called (compiles that
 * begin later are not affected): each ends with MJ_ERR_CANCELLED and an
 * error saying so, nothing leaked. Takes effect at the next check of the
 * compile, every few hundred tokens, statements or initialiser elements
 * in memjit's phases (well under a millisecond apart), and once before
 * gcc's phase; a compile already inside gcc's phase runs it to its end
 * and returns its result. Thread-safe, async-signal-safe; rt must not be
 * freed meanwhile. Does nothing for NULL. */
MJ_API void mj_runtime_cancel(mj_runtime *rt);

/* Destroys a runtime and its cache (modules held elsewhere stay valid)
 * and closes its store. Accepts NULL. */
MJ_API void mj_runtime_free(mj_runtime *rt);

/* What the runtime's cache has done since it was made. */
typedef struct mj_stats {
    unsigned long long hits;        /* mj_compile answered from memory */
    unsigned long long misses;      /* not in memory (store hit or compile) */
    unsigned long long store_hits;  /* answered from the store */
    unsigned long long compiles;    /* libgccjit compiles that made code */
    unsigned long long store_errors;/* entries that could not be written or
                                       were dropped as corrupt */
    double compile_ms;              /* wall time in those compiles, whole
                                       mj_compile from front end to loading */
    size_t entries;                 /* modules held by the in-memory cache */
    size_t bytes_held;              /* their size as the cache counts it */
} mj_stats;

/* Fills *out; zeros for a NULL rt. Thread-safe. */
MJ_API void mj_runtime_stats(mj_runtime *rt, mj_stats *out);

/* ------------------------------------------------------------------------
 * The store, as a whole (memjit's CLI: memjit cache stats|list|clear|vacuum)
 *
 * Each returns MJ_ERR_ARG for a NULL rt or a runtime without a store,
 * MJ_ERR_STORE when SQLite (or a host's callback) fails. Thread-safe.
 * With the host's own store (mj_options.store_ops) they go through its
 * list, get and remove callbacks: file_bytes is 0, created and
 * last_used are when the entry was written, and vacuum does nothing.
 * ---------------------------------------------------------------------- */

typedef struct mj_store_info {
    size_t entries;
    size_t bytes;          /* sum of the entries' sizes */
    size_t file_bytes;     /* the database file (without its WAL) */
} mj_store_info;

MJ_API mj_status mj_store_info_get(mj_runtime *rt, mj_store_info *out);

/* One entry, as mj_store_list shows it. Strings are valid during the call. */
typedef struct mj_store_entry {
    const char *key;       /* 32 hex digits */
    const char *name;      /* the name given to mj_compile */
    size_t source_len;
    size_t blob_len;       /* the compiled object */
    long long created;     /* Unix time */
    long long last_used;   /* Unix time, updated at most once a minute */
} mj_store_entry;

/* Calls fn for every entry, most recently used first, until it returns
 * nonzero. */
MJ_API mj_status mj_store_list(mj_runtime *rt,
                               int (*fn)(void *user, const mj_store_entry *e),
                               void *user);
/* Deletes every entry. */
MJ_API mj_status mj_store_clear(mj_runtime *rt);
/* Gives freed pages back to the file system (SQLite's VACUUM). */
MJ_API mj_status mj_store_vacuum(mj_runtime *rt);

/* ------------------------------------------------------------------------
 * Headers
 *
 * #include <name> finds memjit's own standard headers (stdio.h, ...) first,
 * held in memory; no header is ever read from the file system by memjit.
 * Every other name, and every "name", goes to the runtime's include
 * resolver, if the host set one; a "name" it does not find falls back to
 * memjit's standard headers too.
 * With mj_options.system_headers, memjit's own headers are not used: every
 * name goes to the resolver, then to the system folders (a "name" in a
 * system header first to that header's folder), and #include_next goes on
 * after the folder its includer came from.
 * ---------------------------------------------------------------------- */

/* An include resolver. name is as written between the quotes or brackets,
 * is_angled says which, includer is the name of the file that includes it
 * (as given to mj_compile, or the display name of a resolved header).
 * Returns 1 when found: *text and *len give the contents (any bytes),
 * which memjit copies before the resolver is called again; they must stay
 * valid until then or until mj_compile returns. *display_name may be set
 * to the name diagnostics and __FILE__ use for it (copied too; it stays the
 * written name if left alone). Returns 0 when not found.
 * Called from the thread that runs mj_compile; a runtime shared by several
 * threads needs a resolver that is safe to call from all of them. */
typedef int (*mj_include_fn)(void *user, const char *name, int is_angled,
                             const char *includer, const char **text,
                             size_t *len, const char **display_name);

/* Sets (fn != NULL) or clears (fn == NULL) the include resolver of rt.
 * user is passed to fn as is. Not to be called while rt compiles. */
MJ_API void mj_runtime_set_include_resolver(mj_runtime *rt, mj_include_fn fn,
                                            void *user);

/* ------------------------------------------------------------------------
 * What the host exposes to compiled code
 *
 * A host declares the functions, variables, types and constants compiled
 * code may use. Compiled code declares them as usual (#include a header
 * the host registered, or write a prototype); memjit checks every such
 * declaration against the registered type, and a mismatch is a compile
 * error at the declaration. Calls to host functions and uses of host
 * variables go through a per-module import table filled by name when the
 * module is loaded, never through addresses baked into the code: a module
 * kept in the store by one process runs correctly in another where the
 * host's symbols sit elsewhere. libc and libm stay direct calls.
 *
 * Types are C type names as in typed lookup ("double(double, double)",
 * "struct vec *(const char *)"); struct, union and enum tags may be used,
 * typedef names may not. The names, types and header texts the host
 * declared (not the addresses) are part of the cache key: changing a type
 * or a header recompiles what depends on them.
 *
 * Define everything before compiling: these calls must not run while the
 * runtime compiles in another thread. Defining a name again replaces the
 * earlier definition.
 *
 * A declaration that differs from the registered type is reported as
 *     conflicting types for 'name': the host defines it as 'T'
 * at the declaration. An old-style "T f();" takes the host's prototype
 * when C calls the two compatible. A program that defines a name itself
 * uses its own definition. The address of a host symbol is known only at
 * load time: in a file-scope initialiser (an ops table) it is stored when
 * the module is loaded, once, before anyone can use it. An object from
 * mj_module_blob names the host symbols it needs: mj_load_blob fills them
 * from its runtime and fails with MJ_ERR_NOT_FOUND (MJ_ERR_TYPE) when that
 * runtime does not define one (defines it with another type).
 * For #include <name>, memjit's standard headers come first: a host
 * header named "stdio.h" is found only by #include "stdio.h".
 * See docs/host.md.
 * ---------------------------------------------------------------------- */

#define MJ_HAVE_HOST_SYMBOLS 1

/* Exposes the host function at address under name, with the C type type
 * (a function type). name and type are copied. Returns MJ_OK, MJ_ERR_ARG
 * (NULL argument, name not an identifier), MJ_ERR_BAD_TYPE (type is not a
 * C function type name) or MJ_ERR_NOMEM. */
MJ_API mj_status mj_define_function(mj_runtime *rt, const char *name,
                                    void *address, const char *type);

/* Exposes the host object at address under name, with the C type type
 * (an object type, e.g. "double" or "int[16]"). As mj_define_function. */
MJ_API mj_status mj_define_variable(mj_runtime *rt, const char *name,
                                    void *address, const char *type);

/* Serves text (len bytes, copied) as the header name to #include "name"
 * and #include <name>, before the include resolver is asked. For the
 * types, constants and prototypes of the host's API. Returns MJ_OK,
 * MJ_ERR_ARG or MJ_ERR_NOMEM. */
MJ_API mj_status mj_define_header(mj_runtime *rt, const char *name,
                                  const char *text, size_t len);

/* ------------------------------------------------------------------------
 * Expressions
 * ---------------------------------------------------------------------- */

#define MJ_HAVE_EXPR 1

/* mj_module and mj_diags, typedef'd further down (C99 allows a typedef
 * only once, so they are named by their tags here). */
struct mj_module;
struct mj_diags;

/* Turns one C expression into a function of the given type, whose
 * parameters must be named: e.g.
 *     mj_expr(rt, "sqrt(x*x + y*y) * k", "double(double x, double y)",
 *             &mod, &fn, &diags);
 * The expression sees <math.h>, every header the host defined with
 * mj_define_header (included in the order they were defined, so that
 * their types, such as a struct a host function takes by value, and their
 * constants and macros serve; a macro named like a parameter would replace
 * it), the parameters, and every function and variable the host defined
 * (no declaration needed). It is converted to the return type as by a
 * return statement.
 *
 * On MJ_OK, *fn is the function (cast it to the type given) and *mod the
 * module that owns its code, holding one reference: *fn stays valid until
 * the caller releases *mod. The same expression and type a second time is
 * a cache hit. On failure *mod and *fn are NULL and the diagnostics'
 * positions are in the expression itself: file "<expr>", line 1, the
 * column of the offending byte of expr. Errors as for mj_compile, and
 * MJ_ERR_BAD_TYPE when type is not a function type with named parameters
 * (prototyped, not variadic). A void function evaluates expr for its
 * effects. diags as for mj_compile; an expression cut short ("x +") is
 * reported at its end ("expected expression at end of input"). The
 * parameters' names shadow the host's. Thread-safe as mj_compile. */
MJ_API mj_status mj_expr(mj_runtime *rt, const char *expr, const char *type,
                         struct mj_module **mod, void **fn, struct mj_diags **diags);


/* ------------------------------------------------------------------------
 * Diagnostics
 *
 * A compile hands back a list of diagnostics that the caller owns and frees
 * with mj_diags_free. Everything reachable from it stays valid until then.
 * ---------------------------------------------------------------------- */

typedef enum mj_severity {
    MJ_SEV_NOTE,
    MJ_SEV_WARNING,
    MJ_SEV_ERROR,
} mj_severity;

typedef struct mj_diag {
    mj_severity severity;
    const char *file;     /* the name given to mj_compile, or a header's name */
    int line;             /* 1-based; 0 when the diagnostic has no position */
    int column;           /* 1-based byte column, as gcc counts; 0 when only the
                             line is known (the assembler's messages) */
    const char *message;  /* without the "file:line:col: error: " prefix */
    const char *source_line; /* the text of that line without its newline, or "" */
} mj_diag;

typedef struct mj_diags mj_diags;

/* Number of diagnostics in the list; 0 for NULL. */
MJ_API size_t mj_diags_count(const mj_diags *diags);

/* The i-th diagnostic, in source order of discovery; NULL when out of range.
 * Owned by the list. */
MJ_API const mj_diag *mj_diags_get(const mj_diags *diags, size_t i);

/* Number of diagnostics of severity MJ_SEV_ERROR. */
MJ_API size_t mj_diags_error_count(const mj_diags *diags);

/* All diagnostics in gcc's form, each as
 *     file:line:col: error: message
 *         source line
 *             ^
 * Owned by the list (built on first call); "" for an empty list or NULL. */
MJ_API const char *mj_diags_text(const mj_diags *diags);

/* Writes mj_diags_text(diags) to out. */
MJ_API void mj_diags_print(const mj_diags *diags, FILE *out);

/* Writes one diagnostic to out in the same form (a caller may print a
 * chosen few, or a copy with another severity). Does nothing for NULL. */
MJ_API void mj_diag_print(const mj_diag *diag, FILE *out);

/* Destroys a list. Accepts NULL. */
MJ_API void mj_diags_free(mj_diags *diags);

/* ------------------------------------------------------------------------
 * Compiling
 * ---------------------------------------------------------------------- */

typedef struct mj_module mj_module;

/* Compiles len bytes of C source at src. name is used in diagnostics (and
 * as __FILE__); it may be NULL for "<input>". The source may contain any
 * bytes; it need not be NUL-terminated. Both are copied as needed.
 *
 * A source compiled before through rt (same bytes, name, options and
 * include texts) comes back from the cache or the store: the same module
 * with one more reference, or the same code loaded again. Such a hit hands
 * back an empty diagnostics list: warnings came with the compile that made
 * the code. Two threads compiling one source at once cause one compile;
 * the second waits and shares the result.
 *
 * On success returns MJ_OK and stores in *out a module holding one
 * reference, which the caller releases with mj_module_release.
 * On failure returns a status, stores NULL in *out and nothing is leaked:
 * MJ_ERR_COMPILE when the source has errors, MJ_ERR_JIT when libgccjit
 * fails, MJ_ERR_NOMEM, MJ_ERR_ARG for a NULL rt, src or out.
 *
 * When diags is not NULL, *diags receives the diagnostics (possibly an
 * empty list, also on success, for warnings), owned by the caller; it is
 * set to NULL only when the list itself could not be allocated.
 *
 * Signals: while gcc runs (a cold compile, ~20 ms), the calling thread
 * blocks every signal but those a fault raises; one sent meanwhile goes
 * to another thread or is handled when gcc is done. (gcc's driver would
 * otherwise take a handled signal during its wait for the assembler as
 * fatal and exit the process.) For a program with asm, fd 2 points at an
 * anonymous file meanwhile (see docs/language.md). */
MJ_API mj_status mj_compile(mj_runtime *rt, const char *name,
                            const char *src, size_t len,
                            mj_module **out, mj_diags **diags);

/* One translation unit of mj_compile_units: len bytes of C source at src
 * (any bytes, not NUL-terminated), and the name its diagnostics and
 * __FILE__ use (NULL: "<input>"). */
typedef struct mj_source {
    const char *name;
    const char *src;
    size_t len;
} mj_source;

#define MJ_HAVE_COMPILE_UNITS 1

/* Compiles units[0..n) each on its own, as mj_compile would, and links
 * them into one module, as gcc a.c b.c links its objects: a function or
 * variable defined in one unit serves the others' declarations of it,
 * static ones stay their unit's own, a strong definition overrides weak
 * and common ones. Host symbols, libraries and headers are as for
 * mj_compile. mj_lookup finds any unit's external symbol.
 *
 * With a store, each unit is kept and found in it on its own, under the
 * key mj_compile of that source would use: a unit whose source, options
 * and headers did not change comes from the store, and a change to one
 * unit compiles that unit again, then links them all. The in-memory
 * cache is not used for several units (each call links again); one unit
 * is exactly mj_compile.
 *
 * On MJ_OK, *out holds one reference to the module. On failure *out is
 * NULL and nothing is leaked: MJ_ERR_COMPILE when a unit has errors
 * (every unit is compiled, and *diags holds the errors of all, in unit
 * order) or the link finds a symbol defined in two units ("multiple
 * definition of 'x'; a.c: first defined here", reported in the second
 * unit) or used and defined nowhere ("undefined reference to 'y'", at
 * its declaration when that unit was compiled by this call, else naming
 * the unit only); MJ_ERR_JIT, MJ_ERR_NOMEM; MJ_ERR_ARG for a NULL rt,
 * units or out, n of 0 or a unit whose src is NULL. diags as for
 * mj_compile. mj_module_blob of a module of several units is NULL.
 * Thread-safe as mj_compile is. */
MJ_API mj_status mj_compile_units(mj_runtime *rt, const mj_source *units, size_t n,
                                  mj_module **out, mj_diags **diags);

/* Preprocesses src[0..len) as mj_compile would (the runtime's preamble,
 * include resolver and host headers) and stores the result in *out as
 * gcc -E writes it: line markers `# LINE "FILE"`, macros expanded on the
 * line of their use. *out is malloc'ed and NUL-terminated (free() it);
 * NULL on failure. Returns MJ_OK, MJ_ERR_COMPILE (errors in *diags, when
 * diags is not NULL; then *out is NULL), MJ_ERR_NOMEM or MJ_ERR_ARG.
 * Nothing is cached. Thread-safe as mj_compile is. */
MJ_API mj_status mj_preprocess(mj_runtime *rt, const char *name, const char *src,
                               size_t len, char **out, mj_diags **diags);

/* ------------------------------------------------------------------------
 * Modules: reference-counted compiled code
 * ---------------------------------------------------------------------- */

/* Adds a reference; returns mod. Accepts NULL. Thread-safe. */
MJ_API mj_module *mj_module_retain(mj_module *mod);

/* Drops a reference; the last one frees the code and every pointer that
 * was looked up in it becomes invalid. Accepts NULL. Thread-safe. */
MJ_API void mj_module_release(mj_module *mod);

/* The canonical C type of the function or variable `name` defined in mod
 * (static ones too), e.g. "int(int, char **)"; NULL when there is none.
 * Owned by the module; valid while it is referenced. */
MJ_API const char *mj_module_symbol_type(const mj_module *mod, const char *name);

/* Where the time of the compile that made mod went, in milliseconds:
 * memjit's front end (lexing, preprocessing, parsing, type checking),
 * building libgccjit's IR, and libgccjit's part (loading libgccjit itself
 * on the first compile of the process, making its context, then gcc and
 * the assembler, and memjit's linking of the object in memory). All zero for a module that
 * came from the store or mj_load_blob: it was not compiled. An in-memory
 * cache hit hands back the module of the first compile, with its times.
 * Fills *out; zeros for NULL mod. */
typedef struct mj_compile_times {
    double frontend_ms;
    double lower_ms;
    double jit_ms;
} mj_compile_times;

MJ_API void mj_module_times(const mj_module *mod, mj_compile_times *out);

/* The ELF bytes mod's code was linked or loaded from, when they were kept:
 * for a module compiled or fetched with a store, the x86-64 ELF
 * relocatable object libgccjit made (what the store keeps); for a module
 * from mj_load_blob, a copy of the bytes it was given (an object or a
 * shared object). NULL (and *len 0) for a module compiled without a store.
 * Owned by the module; valid while it is referenced. A host may keep the
 * bytes anywhere and load them again with mj_load_blob. */
MJ_API const void *mj_module_blob(const mj_module *mod, size_t *len);

/* ------------------------------------------------------------------------
 * Loading any shared object from memory
 * ---------------------------------------------------------------------- */

/* Loads len bytes at bytes without any named file. They are either an
 * x86-64 ELF relocatable object (gcc -c -fPIC, or handed out by
 * mj_module_blob), linked into the process by memjit's own linker with no
 * ld, dlopen or /proc (docs/linking.md), or an ELF shared object for this
 * machine (gcc -shared -fPIC), which goes to a memfd (or an unnamed
 * O_TMPFILE where memfd is missing) that dlopen reads through /proc/self/fd.
 * The bytes are copied; name is only for messages and may be NULL.
 *
 * On success returns MJ_OK and stores in *out a module holding one
 * reference. Its symbols are found by name: it has no recorded C types, so
 * mj_lookup checks only that the type string is a C type name and then
 * finds any function or variable the object itself defines (an object: any
 * global or weak symbol, a thread-local one as the calling thread's copy;
 * a shared object: what it exports); mj_module_symbol_type returns NULL. (A blob from
 * mj_module_blob is the same: load it with mj_load_blob and types are not
 * checked.) The host symbols a memjit blob uses are bound from rt:
 * MJ_ERR_NOT_FOUND or MJ_ERR_TYPE when rt lacks one or types it otherwise.
 * On failure returns MJ_ERR_ARG (NULL rt, bytes or out, len 0), MJ_ERR_NOMEM
 * or MJ_ERR_JIT (an object the linker refuses, e.g. an undefined reference;
 * a shared object dlopen refuses, or no anonymous file could be made),
 * stores NULL in *out and, when errbuf is not NULL, writes a
 * NUL-terminated message of at most errlen bytes there (the linker's or
 * dlopen's own words). Thread-safe.
 * An object's .init_array (a shared object's constructors), and a memjit
 * blob's __attribute__((constructor)) functions, run during the call; its
 * .fini_array, destructors and atexit handlers at the last release. */
MJ_API mj_status mj_load_blob(mj_runtime *rt, const void *bytes, size_t len,
                              const char *name, mj_module **out,
                              char *errbuf, size_t errlen);

/* ------------------------------------------------------------------------
 * Typed lookup
 *
 * The caller states the C type it expects as a C type name, e.g.
 * "double(double, double)" for a function or "int" for a variable. memjit
 * parses it with its own front end and compares it with the type its
 * compiler gave the symbol, after normalising: white space, parameter
 * names, top-level qualifiers of parameters and the spelling of a type
 * ("unsigned" = "unsigned int", "long int" = "long", typedef names of the
 * module's and the standard headers' are not available in the string and
 * are spelt out). "T(void)" and "T()" both mean a function without
 * parameters. See docs/api.md for the full rules.
 *
 * Only symbols with external linkage are found: static functions and
 * variables are private to the module. A module from mj_load_blob has no
 * recorded types: there the type string is parsed but not compared.
 * For a function the result is its address; for a variable, the address
 * of the variable; for a _Thread_local one, the address of the calling
 * thread's copy (look it up in each thread that uses it). It stays valid
 * while the module is referenced (a thread's copy, until that thread
 * ends).
 * ---------------------------------------------------------------------- */

/* The primitive: on success returns MJ_OK and stores the address in *out.
 * On failure returns MJ_ERR_NOT_FOUND, MJ_ERR_TYPE, MJ_ERR_BAD_TYPE,
 * MJ_ERR_NOMEM (parsing the type string) or MJ_ERR_ARG, stores NULL in *out
 * and, when errbuf is not NULL, writes a NUL-terminated message of at most
 * errlen bytes there, e.g.
 *   symbol 'f' has type 'int(int)', not 'double(double)'
 * Safe to call from several threads at once on one module. */
MJ_API mj_status mj_lookup_ex(mj_module *mod, const char *name,
                              const char *type, void **out,
                              char *errbuf, size_t errlen);

/* Convenience over mj_lookup_ex: returns the address or NULL. The message
 * of the most recent failed mj_lookup on this module is kept by the module
 * and read with mj_module_errmsg. */
MJ_API void *mj_lookup(mj_module *mod, const char *name, const char *type);

/* The message of the most recent failed mj_lookup on mod, or "" when none
 * failed. Owned by the module; valid until the next mj_lookup on it. When
 * several threads look up in one module at once, use mj_lookup_ex. */
MJ_API const char *mj_module_errmsg(mj_module *mod);

/* Typed lookup whose cast and type string come from the same tokens:
 *     double (*f)(double, double) = MJ_FN(mod, "f", double, double, double);
 *     int (*g)(void)              = MJ_FN(mod, "g", int, void);
 *     int *counter                = MJ_VAR(mod, "counter", int);
 * The return type comes first, then the parameter types. */
#define MJ_FN(mod, name, ret, ...)                                        \
    ((ret(*)(__VA_ARGS__))mj_lookup((mod), (name), #ret "(" #__VA_ARGS__ ")"))
#define MJ_VAR(mod, name, type)                                           \
    ((type *)mj_lookup((mod), (name), #type))

#ifdef __cplusplus
}
#endif

#endif /* MEMJIT_H */
