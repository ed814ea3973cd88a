/*
 * load.h - the loader layer: compiled code put where it runs.
 *
 *   link.c     memjit's own linker: an x86-64 ELF relocatable object (what
 *              gcc -c, and libgccjit without ld, make) linked into this
 *              process where its bytes are, with no file, no dlopen and no
 *              /proc
 *   memload.c  a shared object from bytes: memfd_create + dlopen through
 *              /proc/self/fd, with an O_TMPFILE fallback (mj_load_blob's
 *              path for shared objects)
 *
 * docs/design.md places the layer; docs/linking.md tells what the linker
 * takes and refuses.
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
 * errbuf naming the section, relocation or symbol and *why MJ_ERR_JIT when
 * the object cannot be linked (a corrupt object is refused before any of
 * its code runs), or MJ_ERR_NOMEM. *why is MJ_OK on success. */
LinkedObject *link_object(const void *bytes, size_t len, mj_status *why, char *errbuf,
                          size_t errlen);

/* link_object, telling undefined(ctx, name) of every strong symbol the
 * object references that nothing in the process defines, before it fails
 * (then the message names the first and counts the others). name is
 * valid during the call; undefined must not escape (longjmp) out of the
 * linker. */
typedef void LinkUndefined(void *ctx, const char *name);
LinkedObject *link_object_reporting(const void *bytes, size_t len, LinkUndefined *undefined,
                                    void *ctx, mj_status *why, char *errbuf, size_t errlen);

/* The address of a global or weak symbol the object defines (of any
 * visibility), or NULL. */
void *link_symbol(const LinkedObject *lo, const char *name);

/* Runs the object's .fini_array and the atexit handlers its code
 * registered, deregisters its unwind information, frees its threads'
 * thread-local blocks and unmaps it. Accepts NULL. */
void link_free(LinkedObject *lo);

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
