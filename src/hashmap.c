/*
 * hashmap.c - hash tables in an arena, keyed by strings or by pointers.
 *
 * Scopes and macro tables look names up once per identifier, so a list
 * would make a program with thousands of globals quadratic; lowering
 * looks up its Type*, Member* and Obj* the same way. Keys are not copied
 * (they point into source text or AST that lives as long as the arena);
 * tables grow by doubling and leave the old slots to the arena. Open
 * addressing with linear probing; no deletion (a deleted value is stored
 * as NULL by the caller).
 *
 * A pointer key is stored with the length PTR_KEY and compares by
 * address. Its hash is its address, so how many slots a lookup probes
 * changes from run to run (what it finds does not). libFuzzer would count
 * those probes as coverage, and two runs over the same inputs would drift
 * apart: fuzz/coverage.ignore leaves the hashmap_* functions
 * uninstrumented by name. Renaming one means editing that list too.
 */
#include <string.h>

#include "util.h"

enum { PTR_KEY = -1 };

static uint32_t hashmap_hash(const char *key, int len) {
    if (len == PTR_KEY) {
        /* Arena addresses are 16-byte aligned: the shift brings high bits
         * of the product down into the ones the mask keeps. */
        uint64_t h = (0xcbf29ce484222325u ^ (uintptr_t)key) * 0x9e3779b97f4a7c15u;
        return (uint32_t)(h ^ (h >> 29));
    }
    uint32_t h = 2166136261u;   /* FNV-1a */
    for (int i = 0; i < len; i++)
        h = (h ^ (unsigned char)key[i]) * 16777619u;
    return h;
}

static bool hashmap_same(const HashEntry *e, const char *key, int len) {
    if (e->len != len)
        return false;
    return len == PTR_KEY ? e->key == key : memcmp(e->key, key, (size_t)len) == 0;
}

static HashEntry *hashmap_slot(const HashMap *m, const char *key, int len) {
    uint32_t mask = (uint32_t)m->cap - 1;
    for (uint32_t i = hashmap_hash(key, len) & mask;; i = (i + 1) & mask) {
        HashEntry *e = &m->slots[i];
        if (!e->key || hashmap_same(e, key, len))
            return e;
    }
}

void *hashmap_get(const HashMap *m, const char *key, int len) {
    if (!m->cap)
        return NULL;
    return hashmap_slot(m, key, len)->val;
}

static void hashmap_grow(Arena *a, HashMap *m) {
    int cap = m->cap ? m->cap * 2 : 16;
    HashMap bigger = {arena_alloc(a, sizeof(HashEntry) * (size_t)cap), cap, 0};
    for (int i = 0; i < m->cap; i++)
        if (m->slots[i].key)
            hashmap_put(a, &bigger, m->slots[i].key, m->slots[i].len, m->slots[i].val);
    *m = bigger;
}

void hashmap_put(Arena *a, HashMap *m, const char *key, int len, void *val) {
    /* Keep the load under 3/4 so probes stay short. */
    if ((m->used + 1) * 4 > m->cap * 3)
        hashmap_grow(a, m);
    HashEntry *e = hashmap_slot(m, key, len);
    if (!e->key) {
        e->key = key;
        e->len = len;
        m->used++;
    }
    e->val = val;
}

void *hashmap_get_ptr(const HashMap *m, const void *key) {
    return hashmap_get(m, key, PTR_KEY);
}

void hashmap_put_ptr(Arena *a, HashMap *m, const void *key, void *val) {
    hashmap_put(a, m, key, PTR_KEY, val);
}
