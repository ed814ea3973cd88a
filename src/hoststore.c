/*
 * hoststore.c - the store as the host's own callbacks (mj_store_ops): for
 * a host that keeps compiled code in the database that already holds its
 * plugins, or has no file system at all.
 *
 * Each entry is one byte string the host keeps under a key of 32 hex
 * digits. memjit makes it and checks it when it comes back; the host
 * only stores bytes:
 *
 *   "MJSTORE1"                  magic and format version
 *   u64 created                 Unix time of the put
 *   u64 n, ident[n]             the key's ident (key_ident_copy): the
 *                               options, name, source, memjit's schema and
 *                               libgccjit's identity, compared in full
 *   u64 n, deps[n]              the include answers (deps_encode)
 *   u64 n, syms[n]              the symbol table (module_syms_encode)
 *   u64 n, object[n]            the relocatable object
 *   16 bytes                    XXH3-128 of everything before
 *
 * (u64s little-endian.) A damaged entry (bad magic, lengths that do not
 * add up, a checksum that does not match) is removed and counted as an
 * error; one whose ident differs (a key collision, or another memjit or
 * libgccjit) is a miss, overwritten after the compile. The checksum
 * catches corruption, not an attacker: whoever can write the host's
 * database decides what code runs (docs/security.md).
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cache.h"

#define MAGIC "MJSTORE1"
#define MAGIC_LEN 8

typedef struct HostStore {
    Store base;               /* first: a Store * is a HostStore * */
    pthread_mutex_t lock;     /* the host's callbacks, one call at a time */
    mj_store_ops ops;
    char errmsg[128];
} HostStore;

static const StoreClass host_class;

Store *store_open_host(const mj_store_ops *ops, mj_status *why, char *errbuf,
                       size_t errlen) {
    if (!ops->get || !ops->put) {
        *why = MJ_ERR_ARG;
        errbuf_printf(errbuf, errlen, "mj_options.store_ops: get and put are required");
        return NULL;
    }
    HostStore *hs = mem_calloc(1, sizeof *hs);
    if (!hs) {
        *why = MJ_ERR_NOMEM;
        errbuf_printf(errbuf, errlen, "out of memory");
        return NULL;
    }
    hs->base.cls = &host_class;
    hs->ops = *ops;
    pthread_mutex_init(&hs->lock, NULL);
    return &hs->base;
}

static void host_close(Store *base) {
    HostStore *hs = (HostStore *)base;
    pthread_mutex_destroy(&hs->lock);
    free(hs);
}

static const char *host_errmsg(Store *base) {
    return ((HostStore *)base)->errmsg;
}

/* ---------------------------------------------------------------------
 * The entry's bytes
 * ------------------------------------------------------------------- */

static void put_u64(unsigned char *p, uint64_t v) {
    for (int i = 0; i < 8; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

static uint64_t get_u64(const unsigned char *p) {
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v |= (uint64_t)p[i] << (8 * i);
    return v;
}

/* The parts of an entry, pointing into its bytes. */
typedef struct Entry {
    uint64_t created;
    const unsigned char *part[4];   /* ident, deps, syms, object */
    size_t len[4];
} Entry;

enum { PART_IDENT, PART_DEPS, PART_SYMS, PART_OBJECT, NPARTS };

/* False when the bytes are not an intact entry. */
static bool parse_entry(const unsigned char *p, size_t len, Entry *e) {
    if (len < MAGIC_LEN + 8 + 16 || memcmp(p, MAGIC, MAGIC_LEN))
        return false;
    CacheKey sum;
    key_hash_bytes(p, len - 16, &sum);
    if (memcmp(sum.b, p + len - 16, 16))
        return false;
    size_t at = MAGIC_LEN, end = len - 16;
    e->created = get_u64(p + at);
    at += 8;
    for (int i = 0; i < NPARTS; i++) {
        if (end - at < 8)
            return false;
        uint64_t n = get_u64(p + at);
        at += 8;
        if (n > end - at)
            return false;
        e->part[i] = p + at;
        e->len[i] = (size_t)n;
        at += (size_t)n;
    }
    return at == end;
}

static unsigned char *make_entry(const char *ident, size_t ident_len, const StoreRow *row,
                                 size_t *len) {
    const void *part[NPARTS] = {ident, row->deps, row->syms, row->blob};
    size_t plen[NPARTS] = {ident_len, row->deps_len, row->syms_len, row->blob_len};
    size_t n = MAGIC_LEN + 8 + 16;
    for (int i = 0; i < NPARTS; i++)
        n += 8 + plen[i];
    unsigned char *p = mem_malloc(n);
    if (!p)
        return NULL;
    memcpy(p, MAGIC, MAGIC_LEN);
    size_t at = MAGIC_LEN;
    put_u64(p + at, (uint64_t)time(NULL));
    at += 8;
    for (int i = 0; i < NPARTS; i++) {
        put_u64(p + at, plen[i]);
        at += 8;
        if (plen[i])
            memcpy(p + at, part[i], plen[i]);
        at += plen[i];
    }
    CacheKey sum;
    key_hash_bytes(p, at, &sum);
    memcpy(p + at, sum.b, 16);
    *len = n;
    return p;
}

static unsigned char *copy_part(const Entry *e, int i) {
    unsigned char *p = mem_malloc(e->len[i] ? e->len[i] : 1);
    if (p && e->len[i])
        memcpy(p, e->part[i], e->len[i]);
    return p;
}

/* ---------------------------------------------------------------------
 * Reading and writing entries
 * ------------------------------------------------------------------- */

/* The host's bytes for hex: 1 (*data to free), 0 or -1, under the lock. */
static int fetch(HostStore *hs, const char *hex, void **data, size_t *len) {
    *data = NULL;
    *len = 0;
    int got = hs->ops.get(hs->ops.user, hex, data, len);
    if (got == 1 && !*data && *len)
        got = -1;   /* the host's bug: taken as an error, not read */
    if (got != 1) {
        free(*data);
        *data = NULL;
    }
    return got == 1 ? 1 : got == 0 ? 0 : -1;
}

static int host_get(Store *base, const CacheKey *key, const Ident *id, StoreRow *out) {
    HostStore *hs = (HostStore *)base;
    memset(out, 0, sizeof *out);
    char hex[33];
    key_hex(key, hex);
    pthread_mutex_lock(&hs->lock);
    void *data;
    size_t len;
    int got = fetch(hs, hex, &data, &len);
    Entry e;
    if (got == 1 && !parse_entry(data, len, &e)) {
        if (hs->ops.remove)
            hs->ops.remove(hs->ops.user, hex);
        got = -1;
    }
    pthread_mutex_unlock(&hs->lock);
    if (got == 1 && !key_ident_equal((const char *)e.part[PART_IDENT], e.len[PART_IDENT], id))
        got = 0;
    if (got == 1) {
        out->deps = copy_part(&e, PART_DEPS), out->deps_len = e.len[PART_DEPS];
        out->syms = copy_part(&e, PART_SYMS), out->syms_len = e.len[PART_SYMS];
        out->blob = copy_part(&e, PART_OBJECT), out->blob_len = e.len[PART_OBJECT];
        if (!out->deps || !out->syms || !out->blob) {
            store_row_free(out);
            got = 0;
        }
    }
    free(data);
    return got;
}

static bool host_put(Store *base, const CacheKey *key, const Ident *id,
                     const char *display_name, const StoreRow *row) {
    HostStore *hs = (HostStore *)base;
    size_t ident_len, len;
    char *ident = key_ident_copy(id, &ident_len);
    unsigned char *entry = ident ? make_entry(ident, ident_len, row, &len) : NULL;
    free(ident);
    if (!entry)
        return false;
    char hex[33];
    key_hex(key, hex);
    pthread_mutex_lock(&hs->lock);
    bool ok = hs->ops.put(hs->ops.user, hex, display_name, entry, len) == 0;
    if (!ok)
        snprintf(hs->errmsg, sizeof hs->errmsg, "the host's put failed for %s", hex);
    pthread_mutex_unlock(&hs->lock);
    free(entry);
    return ok;
}

/* ---------------------------------------------------------------------
 * The store as a whole, through the host's list
 * ------------------------------------------------------------------- */

/* Every key the host lists, copied (the walk is over before memjit reads
 * or removes an entry). */
typedef struct Keys {
    char (*hex)[33];
    size_t n, cap;
    bool bad;
} Keys;

static int add_key(void *ctx, const char *key) {
    Keys *k = ctx;
    if (!key || strlen(key) != 32)
        return 0;   /* not one of memjit's: skipped */
    char(*grown)[33] = mem_grow(k->hex, k->n, &k->cap, sizeof *k->hex);
    if (!grown) {
        k->bad = true;
        return 1;
    }
    k->hex = grown;
    memcpy(k->hex[k->n++], key, 33);
    return 0;
}

/* Under the lock. */
static mj_status list_keys(HostStore *hs, Keys *k) {
    memset(k, 0, sizeof *k);
    if (!hs->ops.list)
        return MJ_ERR_ARG;
    int rc = hs->ops.list(hs->ops.user, add_key, k);
    if (rc == 0 && !k->bad)
        return MJ_OK;
    free(k->hex);
    k->hex = NULL;
    return k->bad ? MJ_ERR_NOMEM : MJ_ERR_STORE;
}

/* An entry's listing; false when it is not an intact one. */
static bool describe(const char *hex, const unsigned char *p, size_t len, mj_store_entry *out,
                     char *name, size_t name_cap) {
    Entry e;
    if (!parse_entry(p, len, &e))
        return false;
    /* The ident: the options, NUL, the name, NUL, then the source. */
    const char *ident = (const char *)e.part[PART_IDENT];
    size_t n = e.len[PART_IDENT];
    size_t head = strnlen(ident, n) + 1;
    size_t name_len = head < n ? strnlen(ident + head, n - head) : 0;
    snprintf(name, name_cap, "%.*s", (int)name_len, head < n ? ident + head : "");
    size_t used = head + name_len + 1;
    *out = (mj_store_entry){
        .key = hex,
        .name = name,
        .source_len = n > used ? n - used : 0,
        .blob_len = e.len[PART_OBJECT],
        .created = (long long)e.created,
        .last_used = (long long)e.created,
    };
    return true;
}

/* Calls visit for every entry the host lists (under the lock), until it
 * returns true. MJ_ERR_STORE when a get failed, as list_keys otherwise. */
static mj_status each_entry(HostStore *hs,
                            bool (*visit)(void *ctx, const char *hex, const void *data,
                                          size_t len),
                            void *ctx) {
    pthread_mutex_lock(&hs->lock);
    Keys k;
    mj_status st = list_keys(hs, &k);
    for (size_t i = 0; st == MJ_OK && i < k.n; i++) {
        void *data;
        size_t len;
        int got = fetch(hs, k.hex[i], &data, &len);
        if (got < 0)
            st = MJ_ERR_STORE;
        bool stop = got == 1 && visit(ctx, k.hex[i], data, len);
        free(data);
        if (stop)
            break;
    }
    pthread_mutex_unlock(&hs->lock);
    free(k.hex);
    return st;
}

typedef struct ListWalk {
    int (*fn)(void *user, const mj_store_entry *e);
    void *user;
} ListWalk;

static bool list_one(void *ctx, const char *hex, const void *data, size_t len) {
    ListWalk *w = ctx;
    mj_store_entry e;
    char name[256];
    return describe(hex, data, len, &e, name, sizeof name) && w->fn(w->user, &e);
}

static mj_status host_list(Store *base, int (*fn)(void *user, const mj_store_entry *e),
                           void *user) {
    ListWalk w = {fn, user};
    return each_entry((HostStore *)base, list_one, &w);
}

static bool count_one(void *ctx, const char *hex, const void *data, size_t len) {
    (void)hex;
    (void)data;
    mj_store_info *out = ctx;
    out->entries++;
    out->bytes += len;
    return false;
}

static mj_status host_info(Store *base, mj_store_info *out) {
    memset(out, 0, sizeof *out);
    return each_entry((HostStore *)base, count_one, out);
}

static mj_status host_clear(Store *base) {
    HostStore *hs = (HostStore *)base;
    if (!hs->ops.remove)
        return MJ_ERR_ARG;
    pthread_mutex_lock(&hs->lock);
    Keys k;
    mj_status st = list_keys(hs, &k);
    for (size_t i = 0; st == MJ_OK && i < k.n; i++)
        if (hs->ops.remove(hs->ops.user, k.hex[i]) != 0)
            st = MJ_ERR_STORE;
    pthread_mutex_unlock(&hs->lock);
    free(k.hex);
    return st;
}

/* The host's database is the host's to compact. */
static mj_status host_vacuum(Store *base) {
    (void)base;
    return MJ_OK;
}

static const StoreClass host_class = {
    .get = host_get, .put = host_put, .list = host_list, .clear = host_clear,
    .vacuum = host_vacuum, .info = host_info, .close = host_close, .errmsg = host_errmsg,
};
