/*
 * arena.c - the per-compile allocator and growable strings.
 *
 * Tokens, types, AST nodes and strings of one compile are never freed one
 * by one: they all die together when the compile ends. A bump allocator
 * over a list of chunks makes that one call, and makes allocation cost a
 * few instructions. On malloc failure the arena escapes to the compile's
 * protected boundary (run_protected, also here), so phases never check
 * for NULL.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* A small compile (a plugin of a few hundred lines and the standard
 * headers it includes) fits in the first chunk, so it makes one malloc.
 * Later chunks grow with the arena, so a 10 MB source takes a few dozen
 * mallocs rather than thousands. */
#define ARENA_FIRST_CHUNK (256 * 1024 - 64)
#define ARENA_MIN_CHUNK (64 * 1024)
#define ARENA_ALIGN 16

struct ArenaChunk {
    struct ArenaChunk *next;
    size_t cap;
    _Alignas(16) unsigned char data[];
};

void arena_init(Arena *a, jmp_buf *oom) {
    memset(a, 0, sizeof *a);
    a->oom = oom;
}

void arena_free(Arena *a) {
    struct ArenaChunk *ch = a->chunks;
    while (ch) {
        struct ArenaChunk *next = ch->next;
        free(ch);
        ch = next;
    }
    a->chunks = NULL;
    a->used = a->cap = a->total = 0;
}

/* The boundary's frame holds nothing that changes between setjmp and
 * longjmp: the phase's results live behind arg. */
Escape run_protected(jmp_buf *at, void (*phase)(void *arg), void *arg) {
    int why = setjmp(*at);
    if (why != ESCAPE_NONE)
        return (Escape)why;
    phase(arg);
    return ESCAPE_NONE;
}

_Noreturn void escape(jmp_buf *at, Escape why) {
    longjmp(*at, why == ESCAPE_NONE ? ESCAPE_FATAL : (int)why);
}

_Noreturn void arena_oom(Arena *a) {
    escape(a->oom, ESCAPE_OUT_OF_MEMORY);
}

static struct ArenaChunk *take_chunk(size_t cap) {
    struct ArenaChunk *ch = mem_malloc(sizeof *ch + cap);
    if (ch)
        ch->cap = cap;
    return ch;
}

static void new_chunk(Arena *a, size_t need) {
    size_t cap = a->chunks ? ARENA_MIN_CHUNK : ARENA_FIRST_CHUNK;
    /* Grow chunk size with the arena so big inputs take few mallocs. */
    if (a->total / 2 > cap)
        cap = a->total / 2;
    if (need > cap)
        cap = need;
    Arena *b = a->budget ? a->budget : a;
    size_t held = a->total + (a->budget ? b->total : 0);
    if (b->limit && held + cap > b->limit) {
        if (held + need > b->limit) {
            b->over_limit = true;
            escape(a->oom, ESCAPE_LIMIT);
        }
        cap = need;   /* what is left below the limit may still serve */
    }
    struct ArenaChunk *ch = take_chunk(cap);
    if (!ch)
        arena_oom(a);
    ch->next = a->chunks;
    a->chunks = ch;
    a->used = 0;
    a->cap = cap;
    a->total += cap;
}

void *arena_alloc_raw(Arena *a, size_t size) {
    if (mem_refused())   /* the test hook of alloc.c */
        arena_oom(a);
    size = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    if (size == 0)
        size = ARENA_ALIGN;
    if (!a->chunks || a->cap - a->used < size)
        new_chunk(a, size);
    void *p = a->chunks->data + a->used;
    a->used += size;
    return p;
}

void *arena_alloc(Arena *a, size_t size) {
    return memset(arena_alloc_raw(a, size), 0, size);
}

char *arena_strndup(Arena *a, const char *s, size_t n) {
    char *p = arena_alloc_raw(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *arena_strdup(Arena *a, const char *s) {
    return arena_strndup(a, s, strlen(s));
}

char *arena_vprintf(Arena *a, const char *fmt, va_list ap) {
    /* Tells gcc fmt is not NULL: under -fsanitize=nonnull-attribute it
       otherwise sees a path passing NULL to vsnprintf and warns
       (-Wformat-truncation). */
    if (!fmt)
        return arena_strdup(a, "");
    /* Most messages fit the stack buffer: one formatting pass. */
    char buf[256];
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(buf, sizeof buf, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        n = 0;
    char *p = arena_alloc(a, (size_t)n + 1);
    if ((size_t)n < sizeof buf)
        memcpy(p, buf, (size_t)n + 1);
    else
        vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

char *arena_printf(Arena *a, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char *p = arena_vprintf(a, fmt, ap);
    va_end(ap);
    return p;
}

/* ---------------------------------------------------------------------
 * StrBuf
 * ------------------------------------------------------------------- */

void sb_init(StrBuf *sb, Arena *a) {
    sb->arena = a;
    sb->data = NULL;
    sb->len = sb->cap = 0;
}

void sb_reserve(StrBuf *sb, size_t extra) {
    if (sb->len + extra + 1 <= sb->cap)
        return;
    size_t cap = sb->cap ? sb->cap * 2 : 64;
    while (cap < sb->len + extra + 1)
        cap *= 2;
    char *p = arena_alloc_raw(sb->arena, cap);
    if (sb->len)
        memcpy(p, sb->data, sb->len);
    sb->data = p;
    sb->cap = cap;
}

void sb_putn(StrBuf *sb, const char *s, size_t n) {
    sb_reserve(sb, n);
    memcpy(sb->data + sb->len, s, n);
    sb->len += n;
    sb->data[sb->len] = '\0';
}

void sb_putc(StrBuf *sb, char c) {
    sb_putn(sb, &c, 1);
}

void sb_puts(StrBuf *sb, const char *s) {
    sb_putn(sb, s, strlen(s));
}

void sb_printf(StrBuf *sb, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char *s = arena_vprintf(sb->arena, fmt, ap);
    va_end(ap);
    sb_puts(sb, s);
}

char *sb_str(StrBuf *sb) {
    if (!sb->data)
        sb_reserve(sb, 0), sb->data[0] = '\0';
    return sb->data;
}
