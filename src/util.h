/*
 * util.h - the bottom layer: arena, growable strings, collected diagnostics.
 *
 * Nothing here knows about C or libgccjit. Every phase of a compile
 * allocates from one Arena that is freed in one go at the protected
 * boundary (run_protected), whatever happened. Allocation failure never
 * returns NULL to a phase: it escapes to that boundary (Lua's
 * luaD_rawrunprotected and luaD_throw, in short).
 */
#ifndef MEMJIT_UTIL_H
#define MEMJIT_UTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "memjit.h"

#if defined(__GNUC__)
#define MJ_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define MJ_PRINTF(fmt, args)
#endif

/* ---------------------------------------------------------------------
 * alloc.c: every allocation, and the hook that fails one
 *
 * The mem_* functions are malloc, calloc, realloc and strdup, with NULL
 * for failure as theirs; memjit's code calls nothing else to allocate
 * (what is freed goes to free()). Tests can make them fail.
 * ------------------------------------------------------------------- */

void *mem_malloc(size_t n);
void *mem_calloc(size_t count, size_t size);
void *mem_realloc(void *p, size_t n);
char *mem_strdup(const char *s);
/* A growable array's room for one more element: items (NULL allowed) as it
 * is when count < *cap, else reallocated to twice *cap (8 at first), with
 * *cap updated. NULL when out of memory; items and *cap are then intact. */
void *mem_grow(void *items, size_t count, size_t *cap, size_t elem_size);
/* The hook's answer for an allocation made some other way (the arena's,
 * open_memstream's): true when it must fail. Counts as one allocation. */
bool mem_refused(void);
/* Test hook: in the calling thread, the allocations after the next n
 * fail, all of them, until the next call; n < 0 turns the hook off. */
void mem_fail_after(long n);
/* Whether the hook has failed an allocation since mem_fail_after. */
bool mem_fail_fired(void);

/* ---------------------------------------------------------------------
 * arena.c: the protected boundary
 *
 * The one place memjit calls setjmp. A phase runs under run_protected;
 * code below it that cannot go on calls escape(), which longjmps back to
 * the boundary with the reason. The jmp_buf is the caller's (a Compile's
 * bail, a parser's recovery point), so boundaries nest: an escape lands at
 * the boundary its jmp_buf belongs to, skipping every frame between.
 * ------------------------------------------------------------------- */

/* Why a protected run ended: the values that travel through longjmp. */
typedef enum Escape {
    ESCAPE_NONE = 0,         /* the phase returned normally */
    ESCAPE_OUT_OF_MEMORY,    /* an allocation failed (arena_oom) */
    ESCAPE_FATAL,            /* an error after which the compile cannot go
                                on: too many errors, nesting too deep */
    ESCAPE_SYNTAX,           /* the parser's: resume at the recovery point */
    ESCAPE_LIMIT,            /* over a limit of mj_options (max_compile_bytes:
                                Arena.over_limit, not reported yet; the
                                others reported) */
    ESCAPE_CANCELLED,        /* mj_runtime_cancel: reported */
} Escape;

/* Runs phase(arg) with *at as its boundary: ESCAPE_NONE when it returned,
 * else the reason given to escape(*at, ...). What the phase built must be
 * reachable from arg (or from memory arg points to), never from the
 * caller's locals changed after the call began: those are indeterminate
 * after a longjmp (C11 7.13.2.1). *at stays set only during the call. */
Escape run_protected(jmp_buf *at, void (*phase)(void *arg), void *arg);
/* Leaves for the boundary that set *at, with why (not ESCAPE_NONE). */
_Noreturn void escape(jmp_buf *at, Escape why);

/* ---------------------------------------------------------------------
 * arena.c: the arena
 * ------------------------------------------------------------------- */

typedef struct Arena Arena;

/* Escapes with ESCAPE_OUT_OF_MEMORY to Arena.oom when malloc fails. */
typedef struct Arena {
    struct ArenaChunk *chunks;
    size_t used;        /* bytes used in the current chunk */
    size_t cap;         /* bytes in the current chunk */
    size_t total;       /* bytes allocated from the system, for statistics */
    size_t limit;       /* total may not go over it (0: no bound): else an
                           escape with ESCAPE_LIMIT and over_limit set */
    bool over_limit;
    jmp_buf *oom;       /* where to jump on allocation failure; must be set */
    /* An arena whose limit this one shares (NULL: its own): its total
     * counts against budget->limit too, and going over sets
     * budget->over_limit. */
    struct Arena *budget;
} Arena;

void arena_init(Arena *a, jmp_buf *oom);
void arena_free(Arena *a);                       /* frees every chunk */
void *arena_alloc(Arena *a, size_t size);        /* zeroed, 16-byte aligned */
void *arena_alloc_raw(Arena *a, size_t size);    /* the same, not zeroed */
char *arena_strndup(Arena *a, const char *s, size_t n);   /* adds a NUL */
char *arena_strdup(Arena *a, const char *s);
char *arena_printf(Arena *a, const char *fmt, ...) MJ_PRINTF(2, 3);
char *arena_vprintf(Arena *a, const char *fmt, va_list ap);
_Noreturn void arena_oom(Arena *a);             /* escapes to a->oom */

/* A growable byte string in an arena (for type printing, pp output). */
typedef struct StrBuf {
    Arena *arena;
    char *data;
    size_t len, cap;
} StrBuf;

void sb_init(StrBuf *sb, Arena *a);
void sb_reserve(StrBuf *sb, size_t extra);       /* room for extra more bytes */
void sb_putc(StrBuf *sb, char c);
void sb_puts(StrBuf *sb, const char *s);
void sb_putn(StrBuf *sb, const char *s, size_t n);
void sb_printf(StrBuf *sb, const char *fmt, ...) MJ_PRINTF(2, 3);
char *sb_str(StrBuf *sb);                        /* NUL-terminated view */

/* ---------------------------------------------------------------------
 * hashmap.c: tables in an arena keyed by strings or by pointers (keys are
 * not copied; one table holds keys of one kind)
 * ------------------------------------------------------------------- */

typedef struct HashEntry {
    const char *key;
    int len;           /* -1 for a pointer key (hashmap_put_ptr) */
    void *val;
} HashEntry;

typedef struct HashMap {
    HashEntry *slots;
    int cap, used;     /* a zeroed HashMap is an empty table */
} HashMap;

void *hashmap_get(const HashMap *m, const char *key, int len);   /* NULL if absent */
void hashmap_put(Arena *a, HashMap *m, const char *key, int len, void *val);
/* Keyed by the address itself (a Type*, an Obj*), never by what it points to. */
void *hashmap_get_ptr(const HashMap *m, const void *key);      /* NULL if absent */
void hashmap_put_ptr(Arena *a, HashMap *m, const void *key, void *val);

/* ---------------------------------------------------------------------
 * A name check for the layers above
 * ------------------------------------------------------------------- */

/* Whether s (NULL allowed) is a C identifier of letters, digits and '_':
 * a name that libgccjit and dlsym take as it is (the host's mj_define_*
 * names, the program's names that lower.c hands to libgccjit). GNU C's
 * '$', which the lexer accepts, is not one. */
static inline bool is_c_identifier(const char *s) {
    if (!s || !*s || (*s >= '0' && *s <= '9'))
        return false;
    for (; *s; s++)
        if (!(*s == '_' || (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
              (*s >= '0' && *s <= '9')))
            return false;
    return true;
}

/* ---------------------------------------------------------------------
 * diag.c: diagnostics collected during a compile, handed to the caller.
 *
 * A DiagList lives in malloc'ed memory (it outlives the compile arena);
 * it is the implementation of the public mj_diags. Each entry copies the
 * file name, the message and the source line it points at.
 * ------------------------------------------------------------------- */

/* What a #line directive said: from physical line `phys` of a file on,
 * lines are numbered from `line` and the file is called `name`. */
typedef struct LineMark {
    struct LineMark *next;   /* the previous #line of the same file */
    int phys;
    int line;
    const char *name;
} LineMark;

/* One source buffer: the main file or a header. contents is NUL-terminated
 * (a copy made by the front end) but may also contain NUL bytes; len is
 * the true length. */
typedef struct SrcFile {
    const char *name;
    const char *contents;
    size_t len;
    int id;                 /* index in Compile.files */
    bool is_builtin;        /* one of memjit's in-memory standard headers */
    bool from_host;         /* supplied by the host's include resolver */
    int sys_dir;            /* index of the system folder it was found in
                               (then its name is its path), or -1 */
    LineMark *line_marks;   /* its #line directives, the latest first (pp.c) */
} SrcFile;

typedef struct mj_diags DiagList;   /* the public mj_diags */

DiagList *diaglist_new(void);               /* NULL on OOM */
/* Appends a diagnostic. Returns false on OOM (the list stays valid).
 * src_line may be NULL; it is copied up to its first newline. */
bool diaglist_add(DiagList *dl, mj_severity sev, const char *file, int line,
                  int col, const char *src_line, const char *message);
void diaglist_free(DiagList *dl);

/* Formats a message into a caller's buffer of errlen bytes (the public
 * API's errbuf/errlen convention); does nothing when errbuf is NULL or
 * errlen is 0. */
void errbuf_printf(char *errbuf, size_t errlen, const char *fmt, ...) MJ_PRINTF(3, 4);

/* The text of line `line` (1-based) of f, as a pointer into f->contents
 * and its length without the newline. */
const char *src_line_text(const SrcFile *f, int line, size_t *len);

/* The presumed position of physical line `line` of f: the line number,
 * with *name set to the file name, as the #line directives before it say
 * (f's own name and the same line when there are none). Diagnostics,
 * __LINE__, __FILE__ and debug information all use it, as gcc does. */
int src_presumed_line(const SrcFile *f, int line, const char **name);

#endif /* MEMJIT_UTIL_H */
