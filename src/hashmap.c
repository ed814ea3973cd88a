/*
 * hashmap.c - string-keyed hash tables in an arena.
 *
 * Scopes and macro tables look names up once per identifier, so a list
 * would make a program with thousands of globals quadratic. Keys are not
 * copied (they point into source text that lives as long as the arena);
 * tables grow by doubling and leave the old slots to the arena. Open
 * addressing with linear probing; no deletion (a deleted value is stored
 * as NULL by the caller).
 */
#include <string.h>

#include "util.h"

static uint32_t hash_key(const char *s, int len) {
    uint32_t h = 2166136261u;   /* FNV-1a */
    for (int i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

static HashEntry *find_slot(const HashMap *m, const char *key, int len) {
    uint32_t mask = (uint32_t)m->cap - 1;
    for (uint32_t i = hash_key(key, len) & mask;; i = (i + 1) & mask) {
        HashEntry *e = &m->slots[i];
        if (!e->key || (e->len == len && memcmp(e->key, key, (size_t)len) == 0))
            return e;
    }
}

void *hashmap_get(const HashMap *m, const char *key, int len) {
    if (!m->cap)
        return NULL;
    return find_slot(m, key, len)->val;
}

static void grow(Arena *a, HashMap *m) {
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
        grow(a, m);
    HashEntry *e = find_slot(m, key, len);
    if (!e->key) {
        e->key = key;
        e->len = len;
        m->used++;
    }
    e->val = val;
}
