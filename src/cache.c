/*
 * cache.c - the in-memory cache of compiled modules.
 *
 * A chained hash table of 128-bit keys, and a least-recently-used list of
 * the entries that hold a module. The cache holds one reference to each
 * module; evicting an entry drops that reference only, so a module that a
 * host still holds stays valid and is freed on its last release.
 *
 * One compile per key: the first thread to miss a key inserts a pending
 * entry (no module yet) and compiles without holding the lock; a second
 * thread that finds the pending entry waits on the condition variable
 * until the first calls cache_finish, then looks again and shares the
 * module. When the compile failed, the pending entry is removed and the
 * waiter compiles itself, so that it gets its own diagnostics. The lock is
 * held only for table operations, never during a compile or a call into
 * the host, so compiles of different sources never wait on each other
 * here (libgccjit serialises its own code generation: see back.h).
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "cache.h"

typedef struct Entry {
    CacheKey key;
    void *mod;                  /* the item (a module); NULL while its compile is pending */
    const char *ident;          /* its flattened ident (key.c), owned by the item */
    size_t ident_len;
    size_t bytes;
    struct Entry *hnext;        /* the hash chain */
    struct Entry *prev, *next;  /* the LRU list; only entries with a module */
} Entry;

struct Cache {
    pthread_mutex_t lock;
    pthread_cond_t finished;    /* broadcast by every cache_finish */
    Entry **buckets;
    size_t nbuckets;            /* a power of two */
    Entry lru;                  /* sentinel: lru.next is the most recent */
    size_t entries, bytes;
    size_t max_entries, max_bytes;
    CacheItemOps ops;
};

Cache *cache_new(size_t max_entries, size_t max_bytes, CacheItemOps ops) {
    Cache *cache = mem_calloc(1, sizeof *cache);
    if (!cache)
        return NULL;
    cache->ops = ops;
    size_t n = 64;
    while (n < max_entries * 2 && n < ((size_t)1 << 20))
        n *= 2;
    cache->buckets = mem_calloc(n, sizeof *cache->buckets);
    if (!cache->buckets) {
        free(cache);
        return NULL;
    }
    cache->nbuckets = n;
    cache->max_entries = max_entries;
    cache->max_bytes = max_bytes;
    cache->lru.next = cache->lru.prev = &cache->lru;
    pthread_mutex_init(&cache->lock, NULL);
    pthread_cond_init(&cache->finished, NULL);
    return cache;
}

void cache_free(Cache *cache) {
    if (!cache)
        return;
    for (size_t i = 0; i < cache->nbuckets; i++) {
        for (Entry *e = cache->buckets[i], *next; e; e = next) {
            next = e->hnext;
            if (e->mod)
                cache->ops.release(e->mod);
            free(e);
        }
    }
    free(cache->buckets);
    pthread_mutex_destroy(&cache->lock);
    pthread_cond_destroy(&cache->finished);
    free(cache);
}

/* The key is already a good hash: any 8 of its bytes will do. */
static Entry **bucket_of(Cache *cache, const CacheKey *key) {
    uint64_t h;
    memcpy(&h, key->b + 8, sizeof h);
    return &cache->buckets[h & (cache->nbuckets - 1)];
}

static Entry *find(Cache *cache, const CacheKey *key) {
    for (Entry *e = *bucket_of(cache, key); e; e = e->hnext)
        if (memcmp(e->key.b, key->b, sizeof key->b) == 0)
            return e;
    return NULL;
}

static void lru_unlink(Entry *e) {
    e->prev->next = e->next;
    e->next->prev = e->prev;
    e->prev = e->next = NULL;
}

static void lru_push_front(Cache *cache, Entry *e) {
    e->next = cache->lru.next;
    e->prev = &cache->lru;
    cache->lru.next->prev = e;
    cache->lru.next = e;
}

static void unhash(Cache *cache, Entry *e) {
    Entry **p = bucket_of(cache, &e->key);
    while (*p != e)
        p = &(*p)->hnext;
    *p = e->hnext;
}

CacheLookup cache_lookup(Cache *cache, const CacheKey *key, const Ident *id, void **hit) {
    *hit = NULL;
    pthread_mutex_lock(&cache->lock);
    for (;;) {
        Entry *e = find(cache, key);
        if (!e) {
            e = mem_calloc(1, sizeof *e);
            if (!e)
                break;              /* compile without sharing */
            e->key = *key;
            Entry **b = bucket_of(cache, key);
            e->hnext = *b;
            *b = e;
            pthread_mutex_unlock(&cache->lock);
            return CACHE_MISS_OWNER;
        }
        if (!e->mod) {
            pthread_cond_wait(&cache->finished, &cache->lock);
            continue;
        }
        if (!key_ident_equal(e->ident, e->ident_len, id))
            break;                  /* a collision of the hash */
        *hit = cache->ops.retain(e->mod);
        lru_unlink(e);
        lru_push_front(cache, e);
        pthread_mutex_unlock(&cache->lock);
        return CACHE_HIT;
    }
    pthread_mutex_unlock(&cache->lock);
    return CACHE_MISS;
}

/* Takes e out of the LRU list and the counts; its module goes on *dead,
 * to be released after the lock is dropped (a release may dlclose). */
static void drop_module(Cache *cache, Entry *e, Entry **dead) {
    lru_unlink(e);
    cache->entries--;
    cache->bytes -= e->bytes;
    Entry *d = mem_calloc(1, sizeof *d);
    if (d) {
        d->mod = e->mod;
        d->hnext = *dead;
        *dead = d;
    } else {
        cache->ops.release(e->mod);  /* no memory: release under the lock */
    }
    e->mod = NULL;
}

static void attach_module(Cache *cache, Entry *e, const CacheItem *item) {
    e->mod = cache->ops.retain(item->item);
    e->ident = item->ident;
    e->ident_len = item->ident_len;
    e->bytes = item->bytes;
    cache->entries++;
    cache->bytes += e->bytes;
    lru_push_front(cache, e);
}

static void evict_over_limits(Cache *cache, Entry **dead) {
    while (cache->entries > 0 &&
           (cache->entries > cache->max_entries || cache->bytes > cache->max_bytes)) {
        Entry *victim = cache->lru.prev;
        drop_module(cache, victim, dead);
        unhash(cache, victim);
        free(victim);
    }
}

void cache_finish(Cache *cache, const CacheKey *key, bool owner, const CacheItem *item) {
    void *mod = item ? item->item : NULL;
    Entry *dead = NULL;
    pthread_mutex_lock(&cache->lock);
    Entry *e = find(cache, key);
    if (e && !e->mod) {
        /* Pending: ours to fill or to remove; another thread's to leave. */
        if (owner && mod) {
            attach_module(cache, e, item);
        } else if (owner) {
            unhash(cache, e);
            free(e);
        }
    } else if (e && mod) {
        drop_module(cache, e, &dead);     /* the colliding or stale module */
        attach_module(cache, e, item);
    } else if (!e && mod) {
        e = mem_calloc(1, sizeof *e);
        if (e) {
            e->key = *key;
            Entry **b = bucket_of(cache, key);
            e->hnext = *b;
            *b = e;
            attach_module(cache, e, item);
        }
    }
    evict_over_limits(cache, &dead);
    pthread_cond_broadcast(&cache->finished);
    pthread_mutex_unlock(&cache->lock);
    for (Entry *d = dead, *next; d; d = next) {
        next = d->hnext;
        cache->ops.release(d->mod);
        free(d);
    }
}

void cache_counts(Cache *cache, CacheCounts *out) {
    pthread_mutex_lock(&cache->lock);
    out->entries = cache->entries;
    out->bytes = cache->bytes;
    pthread_mutex_unlock(&cache->lock);
}
