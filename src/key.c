/*
 * key.c - the key of a compile, and what a hit checks besides the key.
 *
 * A compile's result depends on four things: the source bytes and name
 * (the name is __FILE__ and appears in the code), the options that change
 * code, the text of every file the host's include resolver supplied, and
 * the compilers (memjit with its in-memory standard headers, libgccjit).
 *
 * The first two are known before compiling: they form the Ident, hashed
 * into the 128-bit key together with the environment (memjit's version,
 * MJ_CACHE_SCHEMA and libgccjit's identity), and compared byte for byte on
 * every hit so that a collision of the hash can never hand back the wrong
 * code.
 *
 * Included files are known only once the preprocessor has asked for them.
 * So a compile records every question it asked the resolver and the answer
 * (found or not, a hash of the text and of the display name), and a hit
 * asks again and compares. The preprocessor is deterministic: when every
 * answer is the same, it asks the same questions in the same order and
 * produces the same tokens, so the recorded list is complete.
 */
#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define XXH_STATIC_LINKING_ONLY   /* XXH3_state_t on the stack */
#include <xxhash.h>

#include "cache.h"
#include "jitapi.h"

static _Atomic int force_collisions;

void key_force_collisions(int on) {
    force_collisions = on;
}

void key_ident_init(Ident *id, const mj_options *opts, const CacheKey *preamble_fp,
                    const CacheKey *system_fp, bool has_resolver, const char *name, const char *src, size_t len) {
    int n = snprintf(id->head, sizeof id->head, "O%d g%d r%d p%d", opts->opt_level,
                     opts->debug_info ? 1 : 0, has_resolver ? 1 : 0, opts->permissive ? 1 : 0);
    /* the preamble by its hash, as the host's definitions (key_ident_set_host) */
    if (preamble_fp) {
        char hex[33];
        key_hex(preamble_fp, hex);
        n += snprintf(id->head + n, sizeof id->head - (size_t)n, " P%s", hex);
    }
    /* the system's headers: which folders (each header read is a dependency) */
    if (system_fp) {
        char hex[33];
        key_hex(system_fp, hex);
        n += snprintf(id->head + n, sizeof id->head - (size_t)n, " S%s", hex);
    }
    id->head_len = (size_t)n + 1;
    id->name = name;
    id->name_len = strlen(name) + 1;
    id->src = src;
    id->src_len = len;
}

void key_ident_set_host(Ident *id, const CacheKey *host_fp, bool is_expr) {
    size_t at = id->head_len - 1;   /* over the NUL */
    if (host_fp) {
        char hex[33];
        key_hex(host_fp, hex);
        at += (size_t)snprintf(id->head + at, sizeof id->head - at, " h%s", hex);
    }
    if (is_expr)
        at += (size_t)snprintf(id->head + at, sizeof id->head - at, " e");
    id->head_len = at + 1;
}

/* The file memjit's own code was loaded from (libmemjit.so, or the program
 * it is linked into): its path, size, modification time and inode. Two
 * builds of one version differ in their front end or lowering, so code
 * stored by one must not be served to the other. */
static void self_identity(char *buf, size_t len) {
    Dl_info info;
    struct stat st;
    if (dladdr((void *)self_identity, &info) && info.dli_fname &&
        stat(info.dli_fname, &st) == 0)
        snprintf(buf, len, "%s %lld %lld.%09ld %llu", info.dli_fname, (long long)st.st_size,
                 (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec,
                 (unsigned long long)st.st_ino);
    else
        snprintf(buf, len, "(memjit's file unknown)");
}

/* Everything of this process that changes code but is not in the Ident:
 * the same for every compile, so hashed once into a seed. */
static XXH64_hash_t environment_seed(void) {
    static _Atomic XXH64_hash_t seed;
    XXH64_hash_t s = seed;
    if (s)
        return s;
    char self[512], env[1200];
    self_identity(self, sizeof self);
    int n = snprintf(env, sizeof env, "memjit %s schema %d self %s jit %s", MJ_VERSION_STRING,
                     MJ_CACHE_SCHEMA, self, jit_api_identity());
    s = XXH3_64bits(env, (size_t)n) | 1;   /* never 0, the "not yet" mark */
    seed = s;
    return s;
}

static void store_hash(XXH128_hash_t h, CacheKey *out) {
    XXH128_canonical_t canon;
    XXH128_canonicalFromHash(&canon, h);
    memcpy(out->b, canon.digest, sizeof out->b);
}

void key_of(const Ident *id, CacheKey *out) {
    if (force_collisions) {
        memset(out->b, 0xc5, sizeof out->b);
        return;
    }
    XXH3_state_t state;
    memset(&state, 0, sizeof state);   /* reset reads the old seed */
    XXH3_128bits_reset_withSeed(&state, environment_seed());
    XXH3_128bits_update(&state, id->head, id->head_len);
    XXH3_128bits_update(&state, id->name, id->name_len);
    XXH3_128bits_update(&state, id->src, id->src_len);
    store_hash(XXH3_128bits_digest(&state), out);
}

void key_hash_bytes(const void *p, size_t n, CacheKey *out) {
    store_hash(XXH3_128bits(p, n), out);
}

struct KeyFeed {
    XXH3_state_t state;
};

void key_hash_stream(void (*feed)(void *ctx, KeyFeed *f), void *ctx, CacheKey *out) {
    KeyFeed f;
    XXH3_128bits_reset(&f.state);
    feed(ctx, &f);
    store_hash(XXH3_128bits_digest(&f.state), out);
}

void key_feed(KeyFeed *f, const void *p, size_t n) {
    XXH3_128bits_update(&f->state, p, n);
}

void key_hex(const CacheKey *k, char out[33]) {
    static const char digits[] = "0123456789abcdef";
    for (int i = 0; i < 16; i++) {
        out[2 * i] = digits[k->b[i] >> 4];
        out[2 * i + 1] = digits[k->b[i] & 15];
    }
    out[32] = '\0';
}

char *key_ident_copy(const Ident *id, size_t *len) {
    size_t n = id->head_len + id->name_len + id->src_len;
    char *p = mem_malloc(n ? n : 1);
    if (!p)
        return NULL;
    memcpy(p, id->head, id->head_len);
    memcpy(p + id->head_len, id->name, id->name_len);
    memcpy(p + id->head_len + id->name_len, id->src, id->src_len);
    *len = n;
    return p;
}

bool key_ident_equal(const char *flat, size_t flat_len, const Ident *id) {
    if (flat_len != id->head_len + id->name_len + id->src_len)
        return false;
    return memcmp(flat, id->head, id->head_len) == 0 &&
           memcmp(flat + id->head_len, id->name, id->name_len) == 0 &&
           memcmp(flat + id->head_len + id->name_len, id->src, id->src_len) == 0;
}

/* ---------------------------------------------------------------------
 * Include dependencies
 * ------------------------------------------------------------------- */

/* The answer's fingerprint: text and display name, which __FILE__ and
 * diagnostics show. */
static void answer_hash(bool found, const char *text, size_t len, const char *display,
                        CacheKey *out) {
    memset(out->b, 0, sizeof out->b);
    if (!found)
        return;
    XXH3_state_t state;
    XXH3_128bits_reset(&state);
    XXH3_128bits_update(&state, text ? text : "", text ? len : 0);
    XXH3_128bits_update(&state, "\0", 1);
    XXH3_128bits_update(&state, display ? display : "", display ? strlen(display) : 0);
    store_hash(XXH3_128bits_digest(&state), out);
}

bool deps_add(DepList *d, const char *name, bool is_angled, const char *includer,
              bool found, const char *text, size_t len, const char *display) {
    IncludeDep *v = mem_grow(d->v, d->n, &d->cap, sizeof *v);
    if (!v)
        return false;
    d->v = v;
    IncludeDep dep = {.name = mem_strdup(name), .includer = mem_strdup(includer ? includer : ""),
                      .is_angled = is_angled, .found = found};
    if (!dep.name || !dep.includer) {
        free(dep.name);
        free(dep.includer);
        return false;
    }
    answer_hash(found, text, len, display, &dep.text_hash);
    d->v[d->n++] = dep;
    return true;
}

/* An identical search recorded already: the same folders searched for the
 * same name give the same answer, so a hit need not repeat it (a header
 * included again behind its guard is searched for again). */
static bool has_system_dep(const DepList *d, const char *name, const char *includer,
                           int includer_dir, int from) {
    for (size_t i = d->n; i-- > 0;) {
        const IncludeDep *dep = &d->v[i];
        if (dep->is_system && dep->from == from && dep->includer_dir == includer_dir &&
            !strcmp(dep->name, name) && !strcmp(dep->includer, includer))
            return true;
    }
    return false;
}

bool deps_add_system(DepList *d, const char *name, const char *includer, int includer_dir,
                     int from, bool found, const CacheKey *identity) {
    if (has_system_dep(d, name, includer, includer_dir, from))
        return true;
    if (!deps_add(d, name, true, includer, false, NULL, 0, NULL))
        return false;
    IncludeDep *dep = &d->v[d->n - 1];
    dep->is_system = true;
    dep->found = found;
    dep->includer_dir = includer_dir;
    dep->from = from;
    if (found)
        dep->text_hash = *identity;
    return true;
}

void deps_free(DepList *d) {
    for (size_t i = 0; i < d->n; i++) {
        free(d->v[i].name);
        free(d->v[i].includer);
    }
    free(d->v);
    memset(d, 0, sizeof *d);
}

/* Encoding, per dependency: one flags byte (1 angled, 2 found, 4 system),
 * the 16 bytes of the hash, for a system search two bytes (the includer's
 * folder + 1 and the first folder searched, 255 for none), then the name
 * and the includer each NUL-terminated. */
static unsigned char dir_byte(int dir) {
    return (unsigned char)(dir < 0 || dir >= 255 ? 255 : dir);
}

static int byte_dir(unsigned char b) {
    return b == 255 ? INT_MAX : b;
}

unsigned char *deps_encode(const DepList *d, size_t *len) {
    size_t n = 0;
    for (size_t i = 0; i < d->n; i++)
        n += 1 + 16 + (d->v[i].is_system ? 2 : 0) + strlen(d->v[i].name) + 1 +
             strlen(d->v[i].includer) + 1;
    unsigned char *p = mem_malloc(n ? n : 1);
    if (!p)
        return NULL;
    unsigned char *o = p;
    for (size_t i = 0; i < d->n; i++) {
        const IncludeDep *dep = &d->v[i];
        *o++ = (unsigned char)((dep->is_angled ? 1 : 0) | (dep->found ? 2 : 0) |
                               (dep->is_system ? 4 : 0));
        memcpy(o, dep->text_hash.b, 16);
        o += 16;
        if (dep->is_system) {
            *o++ = dir_byte(dep->includer_dir + 1);
            *o++ = dir_byte(dep->from);
        }
        size_t a = strlen(dep->name) + 1, b = strlen(dep->includer) + 1;
        memcpy(o, dep->name, a);
        o += a;
        memcpy(o, dep->includer, b);
        o += b;
    }
    *len = n;
    return p;
}

char *key_take_string(const void *p, size_t len, size_t *i) {
    const char *b = p;
    const char *end = *i < len ? memchr(b + *i, 0, len - *i) : NULL;
    if (!end)
        return NULL;
    const char *s = b + *i;
    *i = (size_t)(end - b) + 1;
    return (char *)s;
}

bool deps_decode(const unsigned char *p, size_t len, DepList *out) {
    memset(out, 0, sizeof *out);
    size_t i = 0;
    while (i < len) {
        if (len - i < 17)
            goto bad;
        unsigned flags = p[i];
        CacheKey h;
        memcpy(h.b, p + i + 1, 16);
        i += 17;
        int includer_dir = -1, from = 0;
        if (flags & 4) {
            if (len - i < 2)
                goto bad;
            includer_dir = p[i] - 1;
            from = byte_dir(p[i + 1]);
            i += 2;
        }
        const char *name = key_take_string(p, len, &i);
        const char *includer = name ? key_take_string(p, len, &i) : NULL;
        if (!includer || !deps_add(out, name, flags & 1, includer, false, NULL, 0, NULL))
            goto bad;
        IncludeDep *dep = &out->v[out->n - 1];
        dep->found = flags & 2;
        dep->text_hash = h;
        dep->is_system = flags & 4;
        dep->includer_dir = includer_dir;
        dep->from = from;
    }
    return true;
bad:
    deps_free(out);
    return false;
}

/* Searching the system folders again finds the same file, unchanged, or
 * nothing again. */
static bool system_dep_holds(const IncludeDep *dep, const SysDirs *dirs) {
    if (!dirs)
        return false;
    char *path;
    int dir;
    struct stat st;
    SysFind f = sysdirs_locate(dirs, dep->name, *dep->includer ? dep->includer : NULL,
                               dep->includer_dir, dep->from, &path, &dir, &st);
    if (f == SYSFIND_NOMEM)
        return false;
    if (f == SYSFIND_NONE)
        return !dep->found;
    CacheKey id;
    sysinc_identity(path, &st, &id);
    free(path);
    return dep->found && memcmp(id.b, dep->text_hash.b, 16) == 0;
}

bool deps_still_hold(const DepList *d, mj_include_fn fn, void *user, const SysDirs *dirs) {
    for (size_t i = 0; i < d->n; i++) {
        const IncludeDep *dep = &d->v[i];
        if (dep->is_system) {
            if (!system_dep_holds(dep, dirs))
                return false;
            continue;
        }
        const char *text = NULL, *display = NULL;
        size_t len = 0;
        bool found = fn && fn(user, dep->name, dep->is_angled, dep->includer, &text, &len,
                              &display);
        if (found && !text && len != 0)
            found = false;   /* as api.c's resolve_through_host takes it */
        CacheKey h;
        answer_hash(found, text, len, display ? display : dep->name, &h);
        if (found != dep->found || memcmp(h.b, dep->text_hash.b, 16) != 0)
            return false;
    }
    return true;
}
