/*
 * memload.c - load a shared object that exists only as bytes in memory.
 *
 * dlopen wants a path. The bytes go into an anonymous file, and dlopen gets
 * /proc/self/fd/N, a name for that open file that no other process can
 * swap: it resolves through our own fd table, never through a folder.
 *
 * The anonymous file is a memfd. Where memfd_create is missing or refuses
 * (vm.memfd_noexec = 2 forbids executable memfds), it is an O_TMPFILE in a
 * private folder: a file without a name from its first moment, gone when
 * its last fd closes. Nothing is ever left on disk.
 *
 * Two traps, both measured on Linux 6.x with glibc 2.36:
 *   - glibc recognises an object already loaded by its path string before
 *     it looks at the file. If module A was /proc/self/fd/5 and A's fd were
 *     closed while A is still loaded, a new module in a new fd 5 would be
 *     handed A. So each fd stays open for as long as its object is loaded,
 *     and before dlopen we look whether a loaded object already has that
 *     name, moving to another fd number if one has. The look is a walk of
 *     the loader's list (dl_iterate_phdr, about 1 µs), not a dlopen with
 *     RTLD_NOLOAD: that asked the same question but cost 10-15 µs on the
 *     first load in a process (a store hit in a fresh process).
 *   - Linux 6.3+ logs a warning when memfd_create gets neither MFD_EXEC nor
 *     MFD_NOEXEC_SEAL, and vm.memfd_noexec may forbid executable memfds.
 *     We pass MFD_EXEC; a kernel that does not know it says EINVAL and we
 *     try again without. Before dlopen the memfd is sealed: nothing can
 *     change the code under the loader afterwards, not even us.
 */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "load.h"

#ifndef MFD_EXEC
#define MFD_EXEC 0x0010U
#endif
#ifndef F_SEAL_FUTURE_WRITE
#define F_SEAL_FUTURE_WRITE 0x0010
#endif

static int new_memfd(void) {
    unsigned flags = MFD_CLOEXEC | MFD_ALLOW_SEALING;
    int fd = memfd_create("memjit", flags | MFD_EXEC);
    if (fd < 0 && errno == EINVAL)
        fd = memfd_create("memjit", flags);   /* a kernel before 6.3 */
    return fd;
}

/* An unnamed file in a folder that allows executable mappings: the
 * runtime folder is private to the user; /tmp and /var/tmp are shared,
 * but an O_TMPFILE has no name there for anyone to open or replace. */
static int new_tmpfile(void) {
    const char *dirs[] = {getenv("XDG_RUNTIME_DIR"), "/tmp", "/var/tmp"};
    for (size_t i = 0; i < sizeof dirs / sizeof *dirs; i++) {
        if (!dirs[i] || dirs[i][0] != '/')
            continue;
        int fd = open(dirs[i], O_TMPFILE | O_RDWR | O_EXCL | O_CLOEXEC, 0700);
        if (fd >= 0)
            return fd;
    }
    return -1;
}

static int new_file(int flags, bool *fallback, char *errbuf, size_t errlen) {
    int fd = -1;
    if (!(flags & MEMLOAD_FORCE_FALLBACK))
        fd = new_memfd();
    *fallback = fd < 0;
    if (fd < 0)
        fd = new_tmpfile();
    if (fd < 0)
        errbuf_printf(errbuf, errlen, "cannot make an anonymous file for the code: %s",
                strerror(errno));
    return fd;
}

static bool write_all(int fd, const void *bytes, size_t len) {
    const char *p = bytes;
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        p += n;
        len -= (size_t)n;
    }
    return true;
}

static int has_name(struct dl_phdr_info *info, size_t size, void *path) {
    return info->dlpi_name && strcmp(info->dlpi_name, path) == 0;
}

/* Whether a loaded object has the name `path`. glibc's own test before it
 * maps a file (_dl_map_object) compares the name with each object's name,
 * the names it was asked by and its DT_SONAME; for a path like ours, an
 * object's name is the path string it was opened with, so comparing names
 * answers for every object opened as /proc/self/fd/N. (An object whose
 * DT_SONAME is such a path would be missed; none is made so.) */
static bool path_taken(const char *path) {
    return dl_iterate_phdr(has_name, (void *)path) != 0;
}

/* A path string no loaded object has: fd's own, or a duplicate's. The
 * duplicates tried are closed; the one kept replaces fd. */
static int unused_path(int fd, char *path, size_t pathlen) {
    int tried[8];
    int ntried = 0;
    for (;;) {
        snprintf(path, pathlen, "/proc/self/fd/%d", fd);
        if (!path_taken(path) || ntried == 8)
            break;
        tried[ntried++] = fd;
        int dup_fd = fcntl(fd, F_DUPFD_CLOEXEC, fd + 1);
        if (dup_fd < 0)
            break;
        fd = dup_fd;
    }
    for (int i = 0; i < ntried; i++)
        close(tried[i]);
    return fd;
}

typedef struct Mapping {
    const char *path;
    ElfW(Addr) base;
    uintptr_t start, end;
} Mapping;

static int find_mapping(struct dl_phdr_info *info, size_t size, void *data) {
    Mapping *m = data;
    if (!info->dlpi_name || strcmp(info->dlpi_name, m->path) != 0 || info->dlpi_addr != m->base)
        return 0;
    for (ElfW(Half) i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_LOAD)
            continue;
        uintptr_t lo = (uintptr_t)(info->dlpi_addr + ph->p_vaddr), hi = lo + ph->p_memsz;
        if (!m->end || lo < m->start)
            m->start = lo;
        if (hi > m->end)
            m->end = hi;
    }
    return 1;
}

/* Where the object just loaded lies: the span of its loadable segments.
 * The loader reserves that whole span for it (the gaps between segments
 * stay mapped PROT_NONE), so an address inside is the object's own, as
 * dladdr would say. Known once here rather than asked of dladdr for each
 * symbol: dladdr scans the object's whole symbol table each time, which
 * made loading a module with 858 exported functions cost ~1.9 ms. */
static void find_own_mapping(MemLoad *ml) {
    struct link_map *lm = NULL;
    if (dlinfo(ml->handle, RTLD_DI_LINKMAP, &lm) != 0 || !lm)
        return;
    Mapping m = {.path = ml->path, .base = lm->l_addr};
    if (dl_iterate_phdr(find_mapping, &m) && m.end > m.start) {
        ml->start = m.start;
        ml->end = m.end;
    }
}

static bool open_fd(int fd, bool fallback, MemLoad *out, char *errbuf, size_t errlen) {
    memset(out, 0, sizeof *out);
    out->fd = -1;
    if (!fallback)
        fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL);
    fd = unused_path(fd, out->path, sizeof out->path);
    void *h = dlopen(out->path, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        const char *why = dlerror();
        errbuf_printf(errbuf, errlen, "cannot load the shared object: %s",
                why ? why : "dlopen failed");
        close(fd);
        return false;
    }
    out->handle = h;
    out->fd = fd;
    out->used_fallback = fallback;
    find_own_mapping(out);
    return true;
}

bool memload_bytes(const void *bytes, size_t len, int flags, MemLoad *out,
                   char *errbuf, size_t errlen) {
    memset(out, 0, sizeof *out);
    out->fd = -1;
    bool fallback;
    int fd = new_file(flags, &fallback, errbuf, errlen);
    if (fd < 0)
        return false;
    if (!write_all(fd, bytes, len)) {
        errbuf_printf(errbuf, errlen, "cannot write the shared object: %s", strerror(errno));
        close(fd);
        return false;
    }
    return open_fd(fd, fallback, out, errbuf, errlen);
}

void *memload_symbol(const MemLoad *ml, const char *name) {
    if (!ml->handle)
        return NULL;
    void *addr = dlsym(ml->handle, name);
    if (!addr)
        return NULL;
    /* dlsym also searches the object's dependencies (libc): keep only
     * what the object itself defines, what lies in its own mapping. */
    if (ml->end)
        return (uintptr_t)addr >= ml->start && (uintptr_t)addr < ml->end ? addr : NULL;
    Dl_info info;   /* mapping unknown (never seen): ask the loader */
    if (!dladdr(addr, &info) || !info.dli_fname || strcmp(info.dli_fname, ml->path) != 0)
        return NULL;
    return addr;
}

void memload_close(MemLoad *ml) {
    if (!ml->handle)
        return;   /* zeroed, closed or never opened: fd means nothing */
    dlclose(ml->handle);
    close(ml->fd);   /* only now: see the traps above */
    ml->handle = NULL;
    ml->fd = -1;
}
