/*
 * jitdebug.c - linked code shown to debuggers (the GDB JIT interface)
 * and profilers (perf's map file).
 *
 * Code link.c puts in memory is in no file and not in the dynamic
 * linker's list, so gdb and perf would see bare addresses. gdb's answer
 * for JIT compilers (gdb manual, "JIT Compilation Interface"), which
 * LLVM's and other JITs use too: the process keeps a list of in-memory
 * object files in the global __jit_debug_descriptor and calls the empty
 * function __jit_debug_register_code after each change; gdb keeps a
 * breakpoint on it and, when it is hit, reads the entry the descriptor
 * names (action_flag, relevant_entry) from the process's memory. A gdb
 * that attaches later reads the whole list. So registering must happen
 * always, debugger or not, and costs one copy of each object.
 *
 * What gdb is shown is, per linked unit, a copy of the relocatable object
 * the unit was linked from, with each loaded section's sh_addr set to
 * where link.c put it. gdb (through BFD) takes an ET_REL's section
 * addresses as they are, and applies the object's own .rela.debug_* and
 * .rela.eh_frame relocations against them when it reads those sections,
 * so the debug information then names the right code and data. Common
 * symbols have no section to carry an address; the copy makes them
 * absolute (SHN_ABS) at the address the link gave them. Thread-local
 * sections are in no mapping (each thread has its own block): their
 * sh_addr stays 0.
 *
 * perf map: with MEMJIT_PERF_MAP=1 in the environment, each link appends
 * a line "START SIZE name" (hex) per defined function to
 * /tmp/perf-PID.map, which perf report reads to name samples in JIT code.
 */
#include <elf.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "load.h"

/* ---------------------------------------------------------------------
 * The descriptor gdb reads
 * ------------------------------------------------------------------- */

#define JIT_EXPORT __attribute__((visibility("default"), used))

JIT_EXPORT JitDescriptor __jit_debug_descriptor = {1, JIT_NOACTION, NULL, NULL};

/* gdb's breakpoint goes here. noinline and the asm keep every call a
 * real call that the optimiser cannot drop. */
JIT_EXPORT __attribute__((noinline)) void __jit_debug_register_code(void) {
    __asm__ volatile("" ::: "memory");
}

/* memjit itself uses these hidden names for the two: another library in
 * the process that exports the same (an LLVM JIT, a second copy of
 * memjit) then keeps its own list under its own lock, and gdb, which
 * reads the descriptor of every object that has one, sees both, where
 * interposition would have had two JITs edit one list. */
extern JitDescriptor jit_descriptor __attribute__((alias("__jit_debug_descriptor"),
                                                   visibility("hidden")));
extern void jit_register_code(void) __attribute__((alias("__jit_debug_register_code"),
                                                   visibility("hidden")));

/* Several runtimes link on several threads at once. */
static pthread_mutex_t jit_lock = PTHREAD_MUTEX_INITIALIZER;

struct JitDebug {
    size_t n;
    JitCodeEntry entry[];     /* then each unit's copy, 8-byte aligned */
};

/* ---------------------------------------------------------------------
 * The copy gdb is shown
 * ------------------------------------------------------------------- */

static size_t align8(size_t n) {
    return (n + 7) & ~(size_t)7;
}

/* The section headers of an object the link has checked; NULL, and *n 0,
 * when they are not all inside the bytes (never, after a link). */
static Elf64_Shdr *section_headers(unsigned char *bytes, size_t len, size_t *n) {
    Elf64_Ehdr eh;
    *n = 0;
    if (len < sizeof eh)
        return NULL;
    memcpy(&eh, bytes, sizeof eh);
    if (eh.e_shentsize != sizeof(Elf64_Shdr) || eh.e_shoff % 8 || eh.e_shoff > len ||
        (len - eh.e_shoff) / sizeof(Elf64_Shdr) < eh.e_shnum)
        return NULL;
    *n = eh.e_shnum;
    return (Elf64_Shdr *)(bytes + eh.e_shoff);
}

/* The symbol table and its string table, or false when there is none. */
static bool symbol_table(unsigned char *bytes, size_t len, Elf64_Shdr *sh, size_t nsh,
                         Elf64_Sym **sym, size_t *nsym, const char **str, size_t *str_len) {
    for (size_t i = 1; i < nsh; i++) {
        const Elf64_Shdr *s = &sh[i];
        if (s->sh_type != SHT_SYMTAB)
            continue;
        if (s->sh_offset % 8 || s->sh_offset > len || s->sh_size > len - s->sh_offset ||
            s->sh_link == 0 || s->sh_link >= nsh)
            return false;
        const Elf64_Shdr *t = &sh[s->sh_link];
        if (t->sh_offset > len || t->sh_size > len - t->sh_offset)
            return false;
        *sym = (Elf64_Sym *)(bytes + s->sh_offset);
        *nsym = s->sh_size / sizeof(Elf64_Sym);
        *str = (const char *)bytes + t->sh_offset;
        *str_len = t->sh_size;
        return true;
    }
    return false;
}

/* The loaded sections at their addresses, the commons made absolute. */
static void place_copy(unsigned char *copy, const JitUnit *u) {
    size_t nsh, nsym, str_len;
    Elf64_Shdr *sh = section_headers(copy, u->len, &nsh);
    for (size_t i = 1; i < nsh; i++)
        if (sh[i].sh_flags & SHF_ALLOC)
            sh[i].sh_addr = u->section_addr(u->self, i);
    Elf64_Sym *sym;
    const char *str;
    if (!sh || !symbol_table(copy, u->len, sh, nsh, &sym, &nsym, &str, &str_len))
        return;
    for (size_t i = 1; i < nsym; i++)
        if (sym[i].st_shndx == SHN_COMMON) {
            sym[i].st_shndx = SHN_ABS;
            sym[i].st_value = u->symbol_addr(u->self, i);
        }
}

/* Tells gdb (when it is there) about one change to the list. */
static void notify(JitActions action, JitCodeEntry *e) {
    jit_descriptor.action_flag = action;
    jit_descriptor.relevant_entry = e;
    jit_register_code();
}

JitDebug *jitdebug_register(const JitUnit *units, size_t n) {
    size_t size = sizeof(JitDebug) + n * sizeof(JitCodeEntry);
    for (size_t u = 0; u < n; u++) {
        if (units[u].len > SIZE_MAX / 2 - size)
            return NULL;
        size = align8(size) + units[u].len;
    }
    JitDebug *jd = mem_malloc(size);
    if (!jd)
        return NULL;   /* the code runs all the same, unseen by gdb */
    jd->n = n;
    unsigned char *at = (unsigned char *)&jd->entry[n];
    for (size_t u = 0; u < n; u++) {
        at = (unsigned char *)jd + align8((size_t)(at - (unsigned char *)jd));
        memcpy(at, units[u].bytes, units[u].len);
        place_copy(at, &units[u]);
        jd->entry[u].symfile_addr = (const char *)at;
        jd->entry[u].symfile_size = units[u].len;
        at += units[u].len;
    }
    pthread_mutex_lock(&jit_lock);
    for (size_t u = 0; u < n; u++) {
        JitCodeEntry *e = &jd->entry[u];
        e->prev_entry = NULL;
        e->next_entry = jit_descriptor.first_entry;
        if (e->next_entry)
            e->next_entry->prev_entry = e;
        jit_descriptor.first_entry = e;
        notify(JIT_REGISTER_FN, e);
    }
    pthread_mutex_unlock(&jit_lock);
    return jd;
}

void jitdebug_unregister(JitDebug *jd) {
    if (!jd)
        return;
    pthread_mutex_lock(&jit_lock);
    for (size_t u = 0; u < jd->n; u++) {
        JitCodeEntry *e = &jd->entry[u];
        if (e->prev_entry)
            e->prev_entry->next_entry = e->next_entry;
        else
            jit_descriptor.first_entry = e->next_entry;
        if (e->next_entry)
            e->next_entry->prev_entry = e->prev_entry;
        notify(JIT_UNREGISTER_FN, e);
    }
    /* gdb has read it; nothing may point at freed memory */
    jit_descriptor.relevant_entry = NULL;
    pthread_mutex_unlock(&jit_lock);
    free(jd);
}

/* ---------------------------------------------------------------------
 * perf's map file
 * ------------------------------------------------------------------- */

/* The name of symbol s, or NULL when it is not inside the string table. */
static const char *name_of(const Elf64_Sym *s, const char *str, size_t str_len) {
    if (s->st_name >= str_len || !memchr(str + s->st_name, '\0', str_len - s->st_name))
        return NULL;
    return str + s->st_name;
}

/* Appends unit u's lines to buf (NULL: only counts); returns their length. */
static size_t perf_lines(const JitUnit *u, char *buf) {
    unsigned char *bytes = (unsigned char *)u->bytes;   /* only read */
    size_t nsh, nsym, str_len, len = 0;
    Elf64_Shdr *sh = section_headers(bytes, u->len, &nsh);
    Elf64_Sym *sym;
    const char *str;
    if (!sh || !symbol_table(bytes, u->len, sh, nsh, &sym, &nsym, &str, &str_len))
        return 0;
    for (size_t i = 1; i < nsym; i++) {
        const Elf64_Sym *s = &sym[i];
        const char *name = name_of(s, str, str_len);
        if (ELF64_ST_TYPE(s->st_info) != STT_FUNC || s->st_size == 0 || !name ||
            s->st_shndx == SHN_UNDEF || s->st_shndx >= nsh)
            continue;
        uint64_t base = u->section_addr(u->self, s->st_shndx);
        if (!base)
            continue;
        /* 16 hex digits, a space, 16, a space, the name, a newline, NUL */
        char *at = buf ? buf + len : NULL;
        int k = snprintf(at, buf ? 36 + strlen(name) : 0, "%llx %llx %s\n",
                         (unsigned long long)(base + s->st_value),
                         (unsigned long long)s->st_size, name);
        len += k > 0 ? (size_t)k : 0;
    }
    return len;
}

static void write_all(int fd, const char *p, size_t n) {
    while (n > 0) {
        ssize_t k = write(fd, p, n);
        if (k <= 0)
            return;   /* a full disk costs the profile, not the program */
        p += k;
        n -= (size_t)k;
    }
}

void jitdebug_perf_map(const JitUnit *units, size_t n) {
    const char *on = getenv("MEMJIT_PERF_MAP");
    if (!on || strcmp(on, "1"))
        return;
    size_t len = 0;
    for (size_t u = 0; u < n; u++)
        len += perf_lines(&units[u], NULL);
    char *buf = len ? mem_malloc(len + 1) : NULL;
    if (!buf)
        return;
    size_t at = 0;
    for (size_t u = 0; u < n; u++)
        at += perf_lines(&units[u], buf + at);
    char path[64];
    snprintf(path, sizeof path, "/tmp/perf-%ld.map", (long)getpid());
    /* O_NOFOLLOW: a symbolic link someone left at the predictable name
     * does not make memjit append to another file. One write per link,
     * O_APPEND: the lines of links on other threads never interleave. */
    int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd >= 0) {
        write_all(fd, buf, at);
        close(fd);
    }
    free(buf);
}
