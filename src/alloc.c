/*
 * alloc.c - every allocation memjit makes, and the test hook that fails one.
 *
 * memjit's own code never calls malloc, calloc, realloc or strdup directly:
 * it calls the mem_* functions here, and the arena asks mem_refused()
 * before each allocation it hands out. So one countdown, set by a test
 * through mem_fail_after, can fail the n-th allocation of any call into
 * the library, and tests/api/test_oom.c walks every n. What libgccjit and
 * SQLite allocate for themselves is theirs and not counted.
 *
 * The countdown is per thread: a test fails its own calls' allocations,
 * never those of another thread running a compile at the same time.
 */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Allocations left before the hook fails them all; < 0 when it is off. */
static _Thread_local long countdown = -1;
static _Thread_local bool refused_one;

/* Whether any thread ever armed the hook. A thread-local variable of a
 * shared library is reached through __tls_get_addr, a call the arena would
 * make for every token: outside the tests one relaxed load says no. */
static atomic_bool ever_armed;

void mem_fail_after(long n) {
    if (n >= 0)
        atomic_store_explicit(&ever_armed, true, memory_order_relaxed);
    countdown = n;
    refused_one = false;
}

bool mem_fail_fired(void) {
    return refused_one;
}

bool mem_refused(void) {
    if (!atomic_load_explicit(&ever_armed, memory_order_relaxed) || countdown < 0)
        return false;
    if (countdown > 0) {
        countdown--;
        return false;
    }
    refused_one = true;   /* and every allocation after it fails too */
    return true;
}

void *mem_malloc(size_t n) {
    return mem_refused() ? NULL : malloc(n);
}

void *mem_calloc(size_t count, size_t size) {
    return mem_refused() ? NULL : calloc(count, size);
}

void *mem_realloc(void *p, size_t n) {
    return mem_refused() ? NULL : realloc(p, n);
}

char *mem_strdup(const char *s) {
    return mem_refused() ? NULL : strdup(s);
}

void *mem_grow(void *items, size_t count, size_t *cap, size_t elem_size) {
    if (count < *cap)
        return items;
    size_t more = *cap ? *cap * 2 : 8;
    void *grown = mem_realloc(items, more * elem_size);
    if (grown)
        *cap = more;
    return grown;
}
