/*
 * load.h - the loader layer: compiled code put where it runs.
 *
 *   link.c     memjit's own linker: an x86-64 ELF relocatable object (what
 *              gcc -c, and libgccjit without ld, make) linked into this
 *              process where its bytes are, with no file, no dlopen and no
 *              /proc
 *   jitdebug.c linked code shown to gdb (the GDB JIT interface: an
 *              in-memory ELF per linked unit) and to perf (a perf map)
 *   memload.c  a shared object from bytes: memfd_create + dlopen through
 *              /proc/self/fd, with an O_TMPFILE fallback (mj_load_blob's
 *              path for shared objects)
 *
 * docs/design.md places the layer; docs/linking.md tells what the linker
 * takes and refuses; docs/debugging.md how gdb and perf see linked code.
 */
#ifndef MEMJIT_LOAD_H
#define MEMJIT_LOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

/* ---------------------------------------------------------------------
 * link.c
 * ------------------------------------------------------------------- */

typedef struct LinkedObject LinkedObject;

/* True when bytes[0..len) start as an ELF relocatable object (ET_REL):
 * link_object's input, as opposed to a shared object for memload. */
bool link_is_object(const void *bytes, size_t len);

/* Links the object bytes[0..len) into this process: one private mapping
 * for all its sections, GOT and branch stubs inside it, every relocation
 * applied, undefined symbols bound to what the process has loaded (and
 * libgcc_s), .eh_frame registered with the unwinder, pages made read-only
 * or executable (never both writable and executable), then its
 * .init_array run. The bytes are not kept. Returns NULL with a message in
 * errbuf naming the section, relocation or symbol and *why MJ_ERR_COMPILE
 * for ld's own errors (an undefined reference, a multiple definition: the
 * program's), MJ_ERR_JIT when the object cannot be linked (a corrupt
 * object is refused before any of its code runs), or MJ_ERR_NOMEM. *why
 * is MJ_OK on success. */
LinkedObject *link_object(const void *bytes, size_t len, mj_status *why, char *errbuf,
                          size_t errlen);

/* One object of a link of several: its bytes and the name its messages
 * use (the translation unit's file name; NULL: "<object>"). no_common:
 * its common symbols are definitions, which a second definition of the
 * name in another unit makes "multiple definition", as gcc's default
 * -fno-common would have it (libgccjit makes C's tentative definitions
 * commons); false: ld's merging of commons (gcc -fcommon objects). */
typedef struct LinkInput {
    const void *bytes;
    size_t len;
    const char *name;
    bool no_common;
} LinkInput;

/* Called with every strong symbol unit `unit` references that nothing
 * in the link or the process defines, before the link fails (then the
 * message names the first and counts the others). name is valid during
 * the call; the callback must not escape (longjmp) out of the linker. */
typedef void LinkUndefined(void *ctx, size_t unit, const char *name);

/* Links in[0..n) into one image, as ld links several objects into one
 * program: each unit's global and weak definitions bind the others'
 * references (a strong definition over weak and common ones; two strong
 * ones are "multiple definition of 'x'; a.c: first defined here"), its
 * local symbols stay its own, and so do memjit's reserved names
 * (__mj_*: each unit's found through link_unit_symbol). A message about
 * one unit starts with its name when there are several. As link_object
 * otherwise; undefined may be NULL. */
LinkedObject *link_objects(const LinkInput *in, size_t n, LinkUndefined *undefined, void *ctx,
                           mj_status *why, char *errbuf, size_t errlen);

/* The address of a global or weak symbol the link defines (of any
 * visibility; never one of the reserved __mj_ names), or NULL. For a
 * thread-local one, the calling thread's copy (made on first use, as a
 * thread's first access makes it). */
void *link_symbol(const LinkedObject *lo, const char *name);

/* True when name is a thread-local symbol the link defines: its address
 * differs from thread to thread. */
bool link_symbol_is_tls(const LinkedObject *lo, const char *name);

/* The address of a reserved __mj_ name unit `unit` defines, or NULL. */
void *link_unit_symbol(const LinkedObject *lo, size_t unit, const char *name);

/* How many objects were linked together (1 for link_object). */
size_t link_unit_count(const LinkedObject *lo);

/* Runs the object's .fini_array and the atexit handlers its code
 * registered, deregisters its unwind information, frees its threads'
 * thread-local blocks and unmaps it. Accepts NULL. */
void link_free(LinkedObject *lo);

/* ---------------------------------------------------------------------
 * jitdebug.c
 *
 * link.c shows every image it links to gdb, after the pages are
 * protected and before any constructor runs (so a breakpoint in one
 * holds), and takes it back first thing when it unmaps the image.
 * ------------------------------------------------------------------- */

/* gdb's JIT interface, version 1 (gdb manual, "JIT Compilation
 * Interface"): the layout gdb reads from the process. */
typedef enum JitActions {
    JIT_NOACTION = 0,
    JIT_REGISTER_FN,          /* relevant_entry was added to the list */
    JIT_UNREGISTER_FN,        /* relevant_entry was taken out of it */
} JitActions;

typedef struct JitCodeEntry {
    struct JitCodeEntry *next_entry, *prev_entry;
    const char *symfile_addr;   /* an ELF file in memory */
    uint64_t symfile_size;
} JitCodeEntry;

typedef struct JitDescriptor {
    uint32_t version;           /* 1 */
    uint32_t action_flag;       /* a JitActions: what the last call did */
    JitCodeEntry *relevant_entry;
    JitCodeEntry *first_entry;  /* the newest first */
} JitDescriptor;

/* The two names gdb looks for, exported from libmemjit (default
 * visibility). gdb keeps a breakpoint on the function; memjit calls it
 * after each change to the descriptor's list, under a process-wide lock. */
extern JitDescriptor __jit_debug_descriptor;
void __jit_debug_register_code(void);

/* One unit of a link, as jitdebug.c asks about it: the object it was
 * linked from (already checked by the link; valid during the call only)
 * and two questions to the linker with `self`: the load address of
 * section i (0 when not loaded: not allocated, or thread-local), and the
 * address of symbol i (asked of SHN_COMMON symbols). */
typedef struct JitUnit {
    const void *bytes;
    size_t len;
    const void *self;
    uint64_t (*section_addr)(const void *self, size_t i);
    uint64_t (*symbol_addr)(const void *self, size_t i);
} JitUnit;

/* The units of one image as gdb is shown them. */
typedef struct JitDebug JitDebug;

/* Adds one entry per unit to __jit_debug_descriptor's list, telling gdb
 * of each: a copy of the unit's object (made here, so the bytes need not
 * outlive the call) with each loaded section's sh_addr set to its
 * address and the commons made absolute. Returns what
 * jitdebug_unregister takes back, or NULL when there is no memory for
 * the copies: the image then works all the same, unseen by gdb. */
JitDebug *jitdebug_register(const JitUnit *units, size_t n);

/* Takes the entries out of the list, telling gdb, and frees the copies.
 * Call before the image is unmapped. Accepts NULL. */
void jitdebug_unregister(JitDebug *jd);

/* With MEMJIT_PERF_MAP=1 in the environment: appends a line "START SIZE
 * name" (hex) per function each unit defines (STT_FUNC, size not 0, in a
 * loaded section) to /tmp/perf-PID.map, created 0644 when missing, for
 * perf report. Failures (no memory, /tmp not writable, a symbolic link
 * at that name) cost the lines, silently. */
void jitdebug_perf_map(const JitUnit *units, size_t n);

/* ---------------------------------------------------------------------
 * memload.c
 * ------------------------------------------------------------------- */

/* A shared object loaded from memory. fd stays open while handle is
 * loaded: glibc recognises an already-loaded object by its path string,
 * and /proc/self/fd/N must not name another file while N's is loaded. */
typedef struct MemLoad {
    void *handle;             /* from dlopen */
    int fd;                   /* -1 when none */
    char path[40];            /* "/proc/self/fd/N": dlopen's name for it */
    bool used_fallback;       /* an O_TMPFILE rather than a memfd */
    uintptr_t start, end;     /* the object's own mapping, [start, end): where
                                 its own symbols are; 0, 0 when unknown */
} MemLoad;

enum {
    MEMLOAD_FORCE_FALLBACK = 1,   /* test hook: behave as if memfd_create failed */
};

/* Copies len bytes into a new anonymous file and loads it. */
bool memload_bytes(const void *bytes, size_t len, int flags, MemLoad *out,
                   char *errbuf, size_t errlen);
/* The address of `name` defined in the loaded object itself (not in a
 * library it depends on), or NULL. */
void *memload_symbol(const MemLoad *ml, const char *name);
/* dlcloses and closes the fd. Accepts a zeroed or closed MemLoad. */
void memload_close(MemLoad *ml);

#endif
