/*
 * cache.h - compile once: the key of a compile, the in-memory cache, the
 * SQLite store, the system's include folders.
 *
 *   key.c      the 128-bit XXH3 key of a compile, the identity bytes that a
 *              hit compares in full, and the include dependencies a hit
 *              re-checks through the host's resolver
 *   cache.c    the in-memory cache: a hash table with LRU eviction bounded
 *              by count and bytes; concurrent compiles of one source make
 *              one compile (the others wait and share it)
 *   store.c    the persistent store: one SQLite file shared by processes
 *   sysinc.c   the system's include folders: the search, reading a header,
 *              its identity
 *
 * docs/cache.md tells the whole story: what the key covers, why the
 * identity bytes, the store's layout and trust rules.
 */
#ifndef MEMJIT_CACHE_H
#define MEMJIT_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"   /* MJ_PRINTF, and memjit.h */

/* Bumped whenever anything stored changes meaning: the key's inputs, the
 * store's columns, the encoding of symbols or dependencies, memjit's
 * in-memory standard headers. Part of every key and of the table name. */
#define MJ_CACHE_SCHEMA 2

/* ---------------------------------------------------------------------
 * key.c
 * ------------------------------------------------------------------- */

typedef struct CacheKey {
    uint8_t b[16];            /* XXH3-128, big-endian high half first */
} CacheKey;

/* What a compile depends on besides its include files, compared in full on
 * every hit so that a hash collision can never hand back the wrong code:
 *   "O<level> g<debug> r<has resolver> p<permissive>[ P<preamble hash>]
 *    [ S<system folders' hash>]
 *    [ h<host fingerprint>][ e]\0" name
 *   "\0" source bytes
 * The pieces point into the caller's memory; key_ident_copy makes a
 * malloc'ed contiguous copy in that format. */
typedef struct Ident {
    char head[160];           /* the options, NUL-terminated */
    size_t head_len;          /* with its NUL */
    const char *name;
    size_t name_len;          /* with its NUL */
    const char *src;
    size_t src_len;
} Ident;

/* preamble_fp: key_hash_bytes of mj_options.preamble, made once by the
 * runtime, or NULL without one; system_fp: the SysDirs' fp when the
 * system's headers are chosen, else NULL. */
void key_ident_init(Ident *id, const mj_options *opts, const CacheKey *preamble_fp,
                    const CacheKey *system_fp, bool has_resolver, const char *name, const char *src, size_t len);
/* Adds to id what the host declared (host_fp: key_hash_bytes over the
 * names, types and header texts of mj_define_*, never the addresses; NULL
 * when nothing) and whether the compile is an mj_expr (whose wrapper
 * predeclares the host's symbols). */
void key_ident_set_host(Ident *id, const CacheKey *host_fp, bool is_expr);
/* The key of id in this process's environment (memjit's version and
 * schema, libgccjit's identity). */
void key_of(const Ident *id, CacheKey *out);
/* The flat form, or NULL on OOM. */
char *key_ident_copy(const Ident *id, size_t *len);
/* True when flat (key_ident_copy's format) is the same ident. */
bool key_ident_equal(const char *flat, size_t flat_len, const Ident *id);
/* XXH3-128 of any bytes (blob checksums, include texts). */
void key_hash_bytes(const void *p, size_t n, CacheKey *out);
/* The same hash of bytes handed over in pieces: feed(ctx, f) calls
 * key_feed(f, ...) for each piece in turn, and *out is key_hash_bytes of
 * their concatenation. Allocates nothing. */
typedef struct KeyFeed KeyFeed;
void key_hash_stream(void (*feed)(void *ctx, KeyFeed *f), void *ctx, CacheKey *out);
void key_feed(KeyFeed *f, const void *p, size_t n);
/* 32 lowercase hex digits and a NUL. */
void key_hex(const CacheKey *k, char out[33]);

/* Test hook: nonzero makes key_of return one constant key for every
 * input, so that every two sources collide. Process-wide. */
void key_force_collisions(int on);

/* One call the preprocessor made to the host's include resolver, and what
 * came back: a hit re-asks the resolver and compares. Or one search of
 * the system folders (is_system): a hit searches again and compares the
 * found file's identity (sysinc.c). */
typedef struct IncludeDep {
    char *name;
    char *includer;           /* system: the includer's path, or "" */
    bool is_angled;
    bool found;
    bool is_system;
    int includer_dir, from;   /* system: SystemResolver's arguments */
    CacheKey text_hash;       /* of the text and the display name; for a
                                 system header, its identity */
} IncludeDep;

typedef struct DepList {
    IncludeDep *v;
    size_t n, cap;
} DepList;

/* Records one resolver call; false on OOM (the list stays valid). */
bool deps_add(DepList *d, const char *name, bool is_angled, const char *includer,
              bool found, const char *text, size_t len, const char *display);
/* Records one search of the system folders; false on OOM. */
bool deps_add_system(DepList *d, const char *name, const char *includer, int includer_dir,
                     int from, bool found, const CacheKey *identity);
void deps_free(DepList *d);
/* Byte encoding for the store; NULL on OOM (an empty list encodes to a
 * non-NULL buffer of length 0). decode returns false on malformed bytes. */
unsigned char *deps_encode(const DepList *d, size_t *len);
bool deps_decode(const unsigned char *p, size_t len, DepList *out);
typedef struct SysDirs SysDirs;
/* True when asking fn again gives the same answers in the same order, and
 * searching dirs (NULL when the compile did not) finds the same files. */
bool deps_still_hold(const DepList *d, mj_include_fn fn, void *user, const SysDirs *dirs);

/* ---------------------------------------------------------------------
 * sysinc.c: the system's include folders
 * ------------------------------------------------------------------- */

#define SYSDIRS_MAX 64

struct SysDirs {
    char *dir[SYSDIRS_MAX];   /* without a trailing '/' */
    int n;
    char *list;               /* as given: ':'-separated */
    CacheKey fp;              /* the list's hash, for the cache key */
};

struct stat;
/* Parses a ':'-separated list (empty entries skipped). MJ_ERR_NOMEM, or
 * MJ_ERR_ARG for more than SYSDIRS_MAX folders. */
mj_status sysdirs_init(SysDirs *d, const char *list);
void sysdirs_free(SysDirs *d);

typedef enum { SYSFIND_NONE, SYSFIND_FOUND, SYSFIND_NOMEM } SysFind;
/* SystemResolver's search (front.h), by stat alone: on SYSFIND_FOUND,
 * *path (malloc'ed, the caller's), *dir and *st. */
SysFind sysdirs_locate(const SysDirs *d, const char *name, const char *includer,
                       int includer_dir, int from, char **path, int *dir,
                       struct stat *st);
/* The identity of a file (its path and stat's facts) as a hash. */
void sysinc_identity(const char *path, const struct stat *st, CacheKey *out);
/* Reads a whole file (malloc'ed, NUL-terminated; NULL with errno when it
 * cannot be opened, ENOMEM on OOM). *stable: it did not change since
 * `found` was taken, nor while it was read. */
char *sysinc_read(const char *path, const struct stat *found, size_t *len, bool *stable);

/* The reader of the stored encodings (the dependencies', module.c's
 * symbols'): the NUL-terminated string at p[*i..len), in place, with *i
 * moved past its NUL; NULL when none is terminated there. Not const, as
 * memchr's result is not: the caller knows whether p is writable. */
char *key_take_string(const void *p, size_t len, size_t *i);

/* ---------------------------------------------------------------------
 * cache.c
 * ------------------------------------------------------------------- */

typedef struct Cache Cache;

/* How the cache keeps a reference on what it holds (modules, to the
 * runtime): it never reaches up into the layer above. */
typedef struct CacheItemOps {
    void *(*retain)(void *item);   /* a new reference; returns item */
    void (*release)(void *item);
} CacheItemOps;

/* An item handed to the cache: its flattened ident (key.c), which the
 * item owns and keeps while referenced, and what it counts against
 * max_bytes. */
typedef struct CacheItem {
    void *item;
    const char *ident;
    size_t ident_len;
    size_t bytes;
} CacheItem;

Cache *cache_new(size_t max_entries, size_t max_bytes, CacheItemOps ops);   /* NULL on OOM */
/* Releases every item the cache holds (holders keep theirs). */
void cache_free(Cache *cache);

typedef enum CacheLookup {
    CACHE_HIT,                /* *hit holds a new reference; ident matched */
    CACHE_MISS_OWNER,         /* a pending entry is ours: call cache_finish */
    CACHE_MISS,               /* no entry made (another source holds the
                                 key): compile, then call cache_finish */
} CacheLookup;

/* Looks key up. When another thread is compiling the same key, waits for
 * it and then looks again. Never holds the cache's lock while it returns. */
CacheLookup cache_lookup(Cache *cache, const CacheKey *key, const Ident *id, void **hit);
/* Ends a miss: item (NULL after a failed compile) becomes the entry for
 * key, replacing any other; the cache takes its own reference. Wakes the
 * waiters. */
void cache_finish(Cache *cache, const CacheKey *key, bool owner, const CacheItem *item);

typedef struct CacheCounts {
    size_t entries;
    size_t bytes;
} CacheCounts;

void cache_counts(Cache *cache, CacheCounts *out);

/* ---------------------------------------------------------------------
 * store.c
 * ------------------------------------------------------------------- */

typedef struct Store Store;
typedef struct StoreRow StoreRow;

/* What a store does, whichever it is: store.c's SQLite file or
 * hoststore.c's callbacks of the host (mj_options.store_ops). Each
 * implementation's struct starts with a Store. The functions below
 * (store_get, ...) call these. */
typedef struct StoreClass {
    int (*get)(Store *st, const CacheKey *key, const Ident *id, StoreRow *out);
    bool (*put)(Store *st, const CacheKey *key, const Ident *id, const char *display_name,
                const StoreRow *row);
    mj_status (*list)(Store *st, int (*fn)(void *user, const mj_store_entry *e), void *user);
    mj_status (*clear)(Store *st);
    mj_status (*vacuum)(Store *st);
    mj_status (*info)(Store *st, mj_store_info *out);
    void (*close)(Store *st);
    const char *(*errmsg)(Store *st);
} StoreClass;

struct Store {
    const StoreClass *cls;
};

typedef struct StoreOptions {
    size_t max_bytes;         /* 0 = no limit */
    bool trust_permissions;   /* skip the check of owners and modes */
} StoreOptions;

/* A store of the host's callbacks (hoststore.c); ops is copied. NULL
 * with *why (MJ_ERR_ARG: get or put missing; MJ_ERR_NOMEM) and a message. */
Store *store_open_host(const mj_store_ops *ops, mj_status *why, char *errbuf, size_t errlen);

/* Opens or creates the store at path (its folder must exist). NULL with a
 * message in errbuf and *why set when it cannot be used: MJ_ERR_NOMEM, or
 * MJ_ERR_STORE (SQLite's failure, or the file or its folder writable by
 * other users unless trust_permissions). */
Store *store_open(const char *path, const StoreOptions *opts, mj_status *why,
                  char *errbuf, size_t errlen);
void store_close(Store *st);

/* What one entry holds; every buffer malloc'ed, freed by store_row_free. */
struct StoreRow {
    unsigned char *blob;      /* the relocatable object, checksum verified */
    size_t blob_len;
    unsigned char *syms;      /* module_syms_encode's format */
    size_t syms_len;
    unsigned char *deps;      /* deps_encode's format */
    size_t deps_len;
};

/* Fetches key's entry when its ident equals id, its schema and libgccjit
 * identity are this process's and its blob passes the checksum. Returns 1
 * on a hit (row filled), 0 on a miss, -1 when the row failed its checksum
 * and was deleted. */
int store_get(Store *st, const CacheKey *key, const Ident *id, StoreRow *out);
void store_row_free(StoreRow *row);
/* Inserts or replaces key's entry, then trims the store to its size
 * limit. Returns false when it could not be written (the compile is
 * still good; the store is a cache). */
bool store_put(Store *st, const CacheKey *key, const Ident *id, const char *display_name,
               const StoreRow *row);

mj_status store_list(Store *st, int (*fn)(void *user, const mj_store_entry *e),
                     void *user);
mj_status store_clear(Store *st);
mj_status store_vacuum(Store *st);
mj_status store_info(Store *st, mj_store_info *out);
/* The last error, for messages. */
const char *store_errmsg(Store *st);
/* Test hook: stores open read-only, as a file this user cannot write does
 * (root writes any file, so a test cannot use chmod). Process-wide. */
void store_force_readonly(int on);

#endif /* MEMJIT_CACHE_H */
