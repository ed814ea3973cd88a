/*
 * link.c - an x86-64 ELF relocatable object linked where its bytes are.
 *
 * libgccjit's compile to an object runs gcc and the assembler but not ld;
 * this file does the rest inside the process, as the Linux module loader
 * and LLVM's JITLink do:
 *
 *   1. read and check the object: every offset, size and index is checked
 *      against the bytes before it is used, so a corrupt or truncated
 *      object is refused with a message and none of its code runs;
 *   2. lay out its allocated sections in one private mapping, in three
 *      page-aligned parts: code (with branch stubs and memjit's own small
 *      trampolines), read-only data (with .eh_frame, terminated, and the
 *      GOT), writable data (.data, .bss, common symbols, .init_array);
 *      thread-local sections (.tdata, .tbss) form an image copied per
 *      thread instead. One mapping keeps every PC-relative reference
 *      within +-2 GiB (RuntimeDyld's separate allocations did not);
 *   3. bind undefined symbols: the object's own definitions first (as a
 *      static link would), then what the process has loaded (dlsym), then
 *      libgcc_s.so.1 (__divti3 and friends, which ld used to take from
 *      libgcc); weak ones left undefined are 0. The few ld took from
 *      libc_nonshared.a, which dlsym cannot find, are memjit's: atexit,
 *      at_quick_exit and pthread_atfork become trampolines passing this
 *      object as the `dso` to __cxa_atexit and friends (so its handlers
 *      run when it is released, as dlclose runs a library's), and
 *      __stack_chk_fail_local is __stack_chk_fail;
 *   4. apply every relocation of the allocated sections (the debug
 *      sections are not loaded); a kind not handled is an error naming it
 *      and its section;
 *   5. W^X: the mapping is writable while it is relocated, then code is
 *      read+execute and read-only data read-only; no page is ever both
 *      writable and executable;
 *   6. show the image to gdb and perf (jitdebug.c), register .eh_frame
 *      with libgcc's unwinder (backtrace(), unwinding through compiled
 *      frames), register the .fini_array runner with __cxa_atexit under
 *      this object's dso handle, run .init_array.
 *
 * Thread-local variables: gcc's general- and local-dynamic sequences call
 * __tls_get_addr with a GOT pair {module, offset}; the call is bound to
 * link_tls_get_addr here, which gives each thread its own copy of the
 * image (pthread keys), as LLVM ORC's ELFNix platform does. Initial-exec
 * and local-exec (which -fPIC code does not use) are refused.
 */
#include <dlfcn.h>
#include <elf.h>
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "load.h"

/* The three parts of the mapping, in address order. */
enum { PART_CODE, PART_RODATA, PART_DATA, NPARTS };

/* A defined symbol others may look up: a global one (unit 0), or one of
 * memjit's own names private to its unit (see is_unit_private). */
typedef struct LinkSymbol {
    const char *name;         /* in LinkedObject.names */
    void *addr;               /* thread-local: the offset in each thread's block */
    size_t unit;
    bool is_tls;
} LinkSymbol;

/* One thread's copy of the thread-local image. */
typedef struct TlsBlock {
    struct TlsBlock *next, *prev;
    struct LinkedObject *lo;
    unsigned char *data;      /* inside this allocation, aligned */
} TlsBlock;

struct LinkedObject {
    unsigned char *map;
    size_t map_len;
    size_t part_off[NPARTS + 1];   /* offsets of the parts; [NPARTS] = end */
    size_t nunits;            /* the objects linked together */
    LinkSymbol *syms;         /* the global ones, sorted by name */
    size_t nsyms;
    LinkSymbol *private_syms; /* sorted by unit, then name */
    size_t nprivate;
    char *names;
    void **eh_frames;         /* each unit's, registered with the unwinder */
    size_t neh_frames;
    void (**fini)(void);      /* the .fini_array entries, in order */
    size_t nfini;
    bool uses_dso;            /* handlers registered under map: finalize */
    JitDebug *debug;          /* the units as gdb is shown them, or NULL */
    /* thread-local storage */
    bool has_tls;
    pthread_key_t tls_key;
    pthread_mutex_t tls_lock;
    TlsBlock *tls_blocks;
    unsigned char *tls_image; /* .tdata's bytes, then zeros (.tbss) */
    size_t tls_size, tls_align;
};

/* The trampolines memjit writes for the symbols of libc_nonshared.a. */
typedef enum Tramp { TRAMP_NONE, TRAMP_ATEXIT, TRAMP_AT_QUICK_EXIT, TRAMP_ATFORK } Tramp;
#define TRAMP_SIZE 16
#define STUB_SIZE 8

/* A symbol's binding once resolved. */
typedef struct SymInfo {
    uint64_t value;           /* its address (TLS: offset in the block) */
    bool resolved;
    bool external;            /* outside the mapping: calls go through a stub */
    bool is_tls;
    Tramp tramp;
    int32_t got;              /* GOT slot index, or -1 */
    int32_t stub;             /* stub index, or -1 */
    int32_t tlsgd;            /* first of two GOT slots, or -1 */
    int32_t tramp_index;      /* trampoline index, or -1 */
    int32_t tramp_slot;       /* the GOT slot of the trampoline's target */
    const struct Unit *def_unit;   /* bound to another unit's definition: */
    size_t def_sym;                /* that unit and symbol, or NULL */
} SymInfo;

typedef struct Section {
    unsigned char *addr;      /* where it is in the mapping, or NULL */
    int part;                 /* -1: not loaded */
    size_t offset;            /* in its part, or in the TLS image */
    bool is_tls;
} Section;

/* One object of the link: its bytes read in place. */
typedef struct Unit {
    const unsigned char *bytes;
    size_t len;
    const char *name;         /* for messages, when there are several */
    bool no_common;           /* LinkInput.no_common */
    size_t index;
    void *aligned_copy;       /* the bytes, copied when misaligned, or NULL */
    const Elf64_Shdr *sh;
    size_t shnum;
    const char *shstr;
    size_t shstr_len;
    const Elf64_Sym *sym;
    size_t nsym;
    const char *str;
    size_t str_len;
    Section *sec;
    SymInfo *info;
    size_t eh_index;          /* .eh_frame's section, or 0 */
    uint64_t *common_addr;    /* per symbol: offset in the commons + 1, or 0 */
} Unit;

/* A global definition some unit makes, and the one the link chose for
 * its name (strong over weak and common, the first of equals). */
typedef struct GlobalDef {
    const char *name;
    Unit *unit;
    size_t sym;
} GlobalDef;

typedef struct Linker {
    Unit *units;
    size_t nunits;
    Unit *at;                 /* the unit being worked on: named in errors */
    GlobalDef *globals;       /* the chosen definitions, sorted by name */
    size_t nglobals;
    size_t ngot, nstub, ntramp;
    int32_t tlsld;            /* the local-dynamic GOT pair, or -1 */
    size_t part_size[NPARTS];
    size_t stub_off, tramp_off, got_off;   /* in their parts */
    size_t tls_size;          /* the thread-local image so far */
    size_t common_size;       /* SHN_COMMON symbols, at the end of data */
    size_t common_off;
    LinkedObject *lo;
    LinkUndefined *on_undefined;   /* told each undefined reference, or NULL */
    void *undefined_ctx;
    size_t nundefined;        /* strong symbols found nowhere */
    const char *first_undefined;
    Unit *first_undefined_in;
    char *err;
    size_t errlen;
    bool oom;
    bool program_error;       /* ld's errors: undefined, multiple definition */
} Linker;

#define fail(L, ...) (errbuf_printf((L)->err, (L)->errlen, __VA_ARGS__), false)

static bool out_of_memory(Linker *L) {
    L->oom = true;
    return fail(L, "out of memory");
}

/* ---------------------------------------------------------------------
 * What the process supplies
 * ------------------------------------------------------------------- */

/* libgcc_s.so.1, opened once when a symbol is found nowhere else; kept
 * for the life of the process, as the code bound to it may be. */
static pthread_once_t libgcc_once = PTHREAD_ONCE_INIT;
static void *libgcc;

static void open_libgcc(void) {
    libgcc = dlopen("libgcc_s.so.1", RTLD_NOW | RTLD_LOCAL);
}

static void *process_symbol(const char *name) {
    void *p = dlsym(RTLD_DEFAULT, name);
    if (!p) {
        pthread_once(&libgcc_once, open_libgcc);
        if (libgcc)
            p = dlsym(libgcc, name);
    }
    return p;
}

/* glibc's: runs and forgets the handlers registered under dso (dlclose's
 * call); declared in no header. */
extern void __cxa_finalize(void *dso);

/* ---------------------------------------------------------------------
 * Thread-local storage
 * ------------------------------------------------------------------- */

typedef struct TlsIndex {
    uint64_t module;          /* the LinkedObject */
    uint64_t offset;
} TlsIndex;

static void tls_block_free(void *p) {
    TlsBlock *b = p;
    LinkedObject *lo = b->lo;
    pthread_mutex_lock(&lo->tls_lock);
    if (b->prev)
        b->prev->next = b->next;
    else
        lo->tls_blocks = b->next;
    if (b->next)
        b->next->prev = b->prev;
    pthread_mutex_unlock(&lo->tls_lock);
    free(b);
}

static TlsBlock *tls_block_new(LinkedObject *lo) {
    size_t head = (sizeof(TlsBlock) + lo->tls_align - 1) & ~(lo->tls_align - 1);
    void *p = NULL;
    size_t align = lo->tls_align < sizeof(void *) ? sizeof(void *) : lo->tls_align;
    if (posix_memalign(&p, align, head + lo->tls_size) != 0) {
        /* As glibc's own __tls_get_addr does when it cannot allocate. */
        fputs("memjit: out of memory for a thread's thread-local variables\n", stderr);
        abort();
    }
    TlsBlock *b = p;
    b->lo = lo;
    b->prev = NULL;
    b->data = (unsigned char *)p + head;
    memcpy(b->data, lo->tls_image, lo->tls_size);
    pthread_mutex_lock(&lo->tls_lock);
    b->next = lo->tls_blocks;
    if (b->next)
        b->next->prev = b;
    lo->tls_blocks = b;
    pthread_mutex_unlock(&lo->tls_lock);
    pthread_setspecific(lo->tls_key, b);
    return b;
}

/* What gcc's TLS sequences call in place of glibc's __tls_get_addr. The
 * stack is realigned: older gcc called __tls_get_addr misaligned (glibc
 * bug 27137). */
__attribute__((force_align_arg_pointer)) static void *link_tls_get_addr(TlsIndex *ti) {
    LinkedObject *lo = (LinkedObject *)(uintptr_t)ti->module;
    TlsBlock *b = pthread_getspecific(lo->tls_key);
    if (!b)
        b = tls_block_new(lo);
    return b->data + ti->offset;
}

/* ---------------------------------------------------------------------
 * Reading the object
 * ------------------------------------------------------------------- */

bool link_is_object(const void *bytes, size_t len) {
    const Elf64_Ehdr *eh = bytes;
    return len >= sizeof *eh && !memcmp(eh->e_ident, ELFMAG, SELFMAG) &&
           eh->e_ident[EI_CLASS] == ELFCLASS64 && eh->e_type == ET_REL;
}

static const char *section_name(const Unit *U, size_t i) {
    size_t off = U->sh[i].sh_name;
    if (off >= U->shstr_len || !memchr(U->shstr + off, '\0', U->shstr_len - off))
        return "?";
    return U->shstr + off;
}

static const char *symbol_name(const Unit *U, size_t i) {
    const Elf64_Sym *s = &U->sym[i];
    if (ELF64_ST_TYPE(s->st_info) == STT_SECTION && s->st_shndx < U->shnum)
        return section_name(U, s->st_shndx);
    size_t off = s->st_name;
    if (off >= U->str_len || !memchr(U->str + off, '\0', U->str_len - off))
        return "?";
    return U->str + off;
}

/* [off, off+size) lies inside the object. */
static bool in_file(const Unit *U, uint64_t off, uint64_t size) {
    return off <= U->len && size <= U->len - off;
}

static bool read_headers(Linker *L, Unit *U) {
    const Elf64_Ehdr *eh = (const Elf64_Ehdr *)U->bytes;
    if (U->len < sizeof *eh || memcmp(eh->e_ident, ELFMAG, SELFMAG))
        return fail(L, "not an ELF object");
    if (eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_ident[EI_DATA] != ELFDATA2LSB ||
        eh->e_machine != EM_X86_64)
        return fail(L, "not an x86-64 ELF object (class %d, data %d, machine %d)",
                    eh->e_ident[EI_CLASS], eh->e_ident[EI_DATA], eh->e_machine);
    if (eh->e_type != ET_REL)
        return fail(L, "not a relocatable object (ELF type %d)", eh->e_type);
    if (eh->e_shentsize != sizeof(Elf64_Shdr) || eh->e_shnum == 0 ||
        !in_file(U, eh->e_shoff, (uint64_t)eh->e_shnum * sizeof(Elf64_Shdr)) ||
        eh->e_shoff % 8)
        return fail(L, "corrupt object: bad section header table");
    U->sh = (const Elf64_Shdr *)(U->bytes + eh->e_shoff);
    U->shnum = eh->e_shnum;
    if (eh->e_shstrndx == SHN_UNDEF || eh->e_shstrndx >= U->shnum)
        return fail(L, "corrupt object: bad section name table index");
    for (size_t i = 1; i < U->shnum; i++) {
        const Elf64_Shdr *s = &U->sh[i];
        if (s->sh_type != SHT_NOBITS && !in_file(U, s->sh_offset, s->sh_size))
            return fail(L, "corrupt object: section %zu lies outside the %zu bytes", i, U->len);
        if (s->sh_addralign > 4096 || (s->sh_addralign & (s->sh_addralign - 1)))
            return fail(L, "section %zu: alignment %llu is not supported", i,
                        (unsigned long long)s->sh_addralign);
        if (s->sh_size > ((uint64_t)1 << 31))
            return fail(L, "section %zu is over 2 GiB", i);
    }
    const Elf64_Shdr *ss = &U->sh[eh->e_shstrndx];
    U->shstr = (const char *)U->bytes + ss->sh_offset;
    U->shstr_len = ss->sh_type == SHT_NOBITS ? 0 : ss->sh_size;
    return true;
}

static bool read_symbols(Linker *L, Unit *U) {
    size_t tab = 0;
    for (size_t i = 1; i < U->shnum; i++) {
        if (U->sh[i].sh_type != SHT_SYMTAB)
            continue;
        if (tab)
            return fail(L, "corrupt object: two symbol tables");
        tab = i;
    }
    if (!tab)
        return true;   // nothing to bind, nothing to relocate against
    const Elf64_Shdr *s = &U->sh[tab];
    if (s->sh_entsize != sizeof(Elf64_Sym) || s->sh_size % sizeof(Elf64_Sym) ||
        s->sh_offset % 8 || s->sh_link == 0 || s->sh_link >= U->shnum ||
        U->sh[s->sh_link].sh_type != SHT_STRTAB)
        return fail(L, "corrupt object: bad symbol table");
    U->sym = (const Elf64_Sym *)(U->bytes + s->sh_offset);
    U->nsym = s->sh_size / sizeof(Elf64_Sym);
    U->str = (const char *)U->bytes + U->sh[s->sh_link].sh_offset;
    U->str_len = U->sh[s->sh_link].sh_size;
    return true;
}

/* ---------------------------------------------------------------------
 * Layout
 * ------------------------------------------------------------------- */

static size_t align_up(size_t n, size_t a) {
    return a > 1 ? (n + a - 1) & ~(a - 1) : n;
}

static int part_of(const Elf64_Shdr *s) {
    if (s->sh_flags & SHF_EXECINSTR)
        return PART_CODE;
    return s->sh_flags & SHF_WRITE ? PART_DATA : PART_RODATA;
}

/* Places each allocated section: in a part of the mapping, or in the TLS
 * image. */
static bool place_sections(Linker *L, Unit *U) {
    LinkedObject *lo = L->lo;
    size_t tls = L->tls_size;
    for (size_t i = 1; i < U->shnum; i++) {
        const Elf64_Shdr *s = &U->sh[i];
        Section *sec = &U->sec[i];
        sec->part = -1;
        if (!(s->sh_flags & SHF_ALLOC))
            continue;
        if (s->sh_type == SHT_PREINIT_ARRAY)
            return fail(L, "section '%s': .preinit_array is only for executables",
                        section_name(U, i));
        if (s->sh_type != SHT_PROGBITS && s->sh_type != SHT_NOBITS &&
            s->sh_type != SHT_INIT_ARRAY && s->sh_type != SHT_FINI_ARRAY &&
            s->sh_type != SHT_X86_64_UNWIND && s->sh_type != SHT_NOTE)
            return fail(L, "section '%s' has type %u, which memjit's linker does not load",
                        section_name(U, i), s->sh_type);
        size_t align = s->sh_addralign ? s->sh_addralign : 1;
        if (s->sh_flags & SHF_TLS) {
            sec->is_tls = true;
            tls = align_up(tls, align);
            sec->offset = tls;
            tls += s->sh_size;
            if (align > lo->tls_align)
                lo->tls_align = align;
            continue;
        }
        int p = part_of(s);
        sec->part = p;
        L->part_size[p] = align_up(L->part_size[p], align);
        sec->offset = L->part_size[p];
        L->part_size[p] += s->sh_size;
        if (!strcmp(section_name(U, i), ".eh_frame") && !U->eh_index) {
            U->eh_index = i;
            L->part_size[p] += 4;   /* the zero terminator crtend.o supplied */
        }
    }
    L->tls_size = tls;
    return true;
}

/* Common symbols (-fcommon) become zeroed data at the end of the data
 * part, every unit's together, aligned as their st_value asks. */
static bool place_commons(Linker *L, Unit *U) {
    size_t off = L->common_size;
    for (size_t i = 1; i < U->nsym; i++) {
        const Elf64_Sym *s = &U->sym[i];
        if (s->st_shndx != SHN_COMMON)
            continue;
        uint64_t align = s->st_value ? s->st_value : 1;
        if (align > 4096 || (align & (align - 1)) || s->st_size > ((uint64_t)1 << 31))
            return fail(L, "common symbol '%s' has a bad alignment or size", symbol_name(U, i));
        if (!U->common_addr) {
            U->common_addr = mem_calloc(U->nsym, sizeof *U->common_addr);
            if (!U->common_addr)
                return out_of_memory(L);
        }
        off = align_up(off, align);
        U->common_addr[i] = off + 1;
        off += s->st_size;
        if (align > 16)
            L->part_size[PART_DATA] = align_up(L->part_size[PART_DATA], align);
    }
    L->common_size = off;
    return true;
}

/* The commons go after every unit's data, on a boundary that keeps the
 * alignment each asked for (place_commons aligned the data part for the
 * larger ones). */
static void finish_commons(Linker *L) {
    L->common_off = align_up(L->part_size[PART_DATA], 16);
    if (L->common_size)
        L->part_size[PART_DATA] = L->common_off + L->common_size;
}

/* ---------------------------------------------------------------------
 * Symbols
 * ------------------------------------------------------------------- */

static Tramp tramp_for(const char *name) {
    if (!strcmp(name, "atexit"))
        return TRAMP_ATEXIT;
    if (!strcmp(name, "at_quick_exit"))
        return TRAMP_AT_QUICK_EXIT;
    /* libc_nonshared.a defines both, the same function */
    if (!strcmp(name, "pthread_atfork") || !strcmp(name, "__pthread_atfork"))
        return TRAMP_ATFORK;
    return TRAMP_NONE;
}

/* What an undefined symbol binds to in the process. */
static bool bind_undefined(Linker *L, Unit *U, size_t i, SymInfo *si) {
    const char *name = symbol_name(U, i);
    si->external = true;
    if ((si->tramp = tramp_for(name)) != TRAMP_NONE) {
        si->external = false;
        si->tramp_index = (int32_t)L->ntramp++;
        si->tramp_slot = (int32_t)L->ngot++;
        return true;
    }
    if (!strcmp(name, "__tls_get_addr")) {
        void *(*fn)(TlsIndex *) = link_tls_get_addr;
        memcpy(&si->value, &fn, sizeof fn);
        return true;
    }
    if (!strcmp(name, "_GLOBAL_OFFSET_TABLE_") || !strcmp(name, "__dso_handle")) {
        si->external = false;   /* set once the mapping exists */
        return true;
    }
    void *addr = process_symbol(!strcmp(name, "__stack_chk_fail_local") ? "__stack_chk_fail"
                                                                         : name);
    /* Another module's thread-local variable (errno's kind, in glibc, is
     * reached through a function instead) lives in glibc's TLS blocks,
     * which this linker does not reach. */
    if (addr && ELF64_ST_TYPE(U->sym[i].st_info) == STT_TLS)
        return fail(L, "'%s' is a thread-local variable of the host or of a library, which "
                    "memjit's linker cannot reach yet (only the linked code's own "
                    "thread-local variables)", name);
    if (!addr && ELF64_ST_BIND(U->sym[i].st_info) != STB_WEAK) {
        /* Counted, not failed at once: like ld, the link names them all. */
        if (!L->nundefined++) {
            L->first_undefined = name;
            L->first_undefined_in = U;
        }
        if (L->on_undefined)
            L->on_undefined(L->undefined_ctx, U->index, name);
    }
    si->value = (uint64_t)(uintptr_t)addr;
    return true;
}

static bool report_undefined(Linker *L) {
    L->at = L->first_undefined_in;
    L->program_error = true;
    if (L->nundefined == 1)
        return fail(L, "undefined reference to '%s'", L->first_undefined);
    return fail(L, "undefined reference to '%s' and %zu more", L->first_undefined,
                L->nundefined - 1);
}

static bool check_symbol(Linker *L, Unit *U, size_t i) {
    const Elf64_Sym *s = &U->sym[i];
    if (ELF64_ST_TYPE(s->st_info) == STT_GNU_IFUNC)
        return fail(L, "symbol '%s' is an IFUNC, which memjit's linker does not support",
                    symbol_name(U, i));
    if (s->st_shndx == SHN_XINDEX)
        return fail(L, "symbol '%s': extended section indexes are not supported",
                    symbol_name(U, i));
    if (s->st_shndx != SHN_UNDEF && s->st_shndx != SHN_ABS && s->st_shndx != SHN_COMMON) {
        if (s->st_shndx >= U->shnum)
            return fail(L, "corrupt object: symbol '%s' in section %u of %zu",
                        symbol_name(U, i), s->st_shndx, U->shnum);
        const Section *sec = &U->sec[s->st_shndx];
        if (sec->part < 0 && !sec->is_tls && ELF64_ST_TYPE(s->st_info) != STT_SECTION &&
            ELF64_ST_TYPE(s->st_info) != STT_FILE && ELF64_ST_BIND(s->st_info) != STB_LOCAL)
            return fail(L, "symbol '%s' is defined in section '%s', which is not loaded",
                        symbol_name(U, i), section_name(U, s->st_shndx));
        if (sec->part >= 0 && s->st_value > U->sh[s->st_shndx].sh_size)
            return fail(L, "corrupt object: symbol '%s' lies outside its section",
                        symbol_name(U, i));
    }
    return true;
}

/* ---------------------------------------------------------------------
 * Global symbols across units
 * ------------------------------------------------------------------- */

/* memjit's own names, which every unit it compiles may define
 * (__mj_imports, __mj_imp_<name>, __mj_ctors, ...): each unit's stay its
 * own, found through link_unit_symbol, as if they were static. The names
 * are reserved (they begin with two underscores). */
static bool is_unit_private(const char *name) {
    return !strncmp(name, "__mj_", 5);
}

/* A definition the other units bind to. */
static bool is_global_def(const Unit *U, size_t i) {
    const Elf64_Sym *s = &U->sym[i];
    int bind = ELF64_ST_BIND(s->st_info), type = ELF64_ST_TYPE(s->st_info);
    return (bind == STB_GLOBAL || bind == STB_WEAK) && s->st_shndx != SHN_UNDEF &&
           type != STT_SECTION && type != STT_FILE && !is_unit_private(symbol_name(U, i));
}

/* As ld ranks definitions of one name: strong 2, common 1, weak 0. The
 * commons of a unit compiled as gcc's default -fno-common compiles (C's
 * tentative definitions, `int x;`) are definitions like any other. */
static int strength(const Unit *U, size_t i) {
    const Elf64_Sym *s = &U->sym[i];
    if (ELF64_ST_BIND(s->st_info) == STB_WEAK)
        return 0;
    return s->st_shndx == SHN_COMMON && !U->no_common ? 1 : 2;
}

/* By name, then in the order of the units and their symbols. */
static int global_def_cmp(const void *a, const void *b) {
    const GlobalDef *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    if (c)
        return c;
    if (x->unit->index != y->unit->index)
        return x->unit->index < y->unit->index ? -1 : 1;
    return x->sym < y->sym ? -1 : x->sym > y->sym;
}

/* The definition of names defined more than once: the strong one (two
 * are an error, as in ld), else the largest common, else the first. */
static bool choose_definition(Linker *L, const GlobalDef *defs, size_t n, GlobalDef *best) {
    *best = defs[0];
    for (size_t j = 1; j < n; j++) {
        int sb = strength(best->unit, best->sym), sj = strength(defs[j].unit, defs[j].sym);
        if (sb == 2 && sj == 2) {
            L->at = defs[j].unit;
            L->program_error = true;
            return fail(L, "multiple definition of '%s'; %s: first defined here",
                        defs[j].name, best->unit->name);
        }
        if (sj > sb || (sj == 1 && sb == 1 && defs[j].unit->sym[defs[j].sym].st_size >
                                                  best->unit->sym[best->sym].st_size))
            *best = defs[j];
    }
    return true;
}

static bool choose_globals(Linker *L) {
    size_t n = 0;
    for (size_t u = 0; u < L->nunits; u++)
        for (size_t i = 1; i < L->units[u].nsym; i++)
            n += is_global_def(&L->units[u], i);
    GlobalDef *all = mem_malloc((n ? n : 1) * sizeof *all);
    if (!all)
        return out_of_memory(L);
    size_t k = 0;
    for (size_t u = 0; u < L->nunits; u++)
        for (size_t i = 1; i < L->units[u].nsym; i++)
            if (is_global_def(&L->units[u], i))
                all[k++] = (GlobalDef){symbol_name(&L->units[u], i), &L->units[u], i};
    qsort(all, n, sizeof *all, global_def_cmp);
    L->globals = all;
    L->nglobals = 0;
    for (size_t i = 0, j; i < n; i = j) {
        for (j = i + 1; j < n && !strcmp(all[j].name, all[i].name); j++)
            ;
        GlobalDef best;
        if (!choose_definition(L, all + i, j - i, &best))
            return false;
        all[L->nglobals++] = best;
    }
    return true;
}

static const GlobalDef *find_global(const Linker *L, const char *name) {
    size_t lo = 0, hi = L->nglobals;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(name, L->globals[mid].name);
        if (c == 0)
            return &L->globals[mid];
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

/* A global or weak symbol whose chosen definition is another one (in
 * another unit, or a strong one over this weak one) binds to it. */
static bool bind_to_chosen(const Linker *L, Unit *U, size_t i, SymInfo *si) {
    const Elf64_Sym *s = &U->sym[i];
    if (ELF64_ST_BIND(s->st_info) == STB_LOCAL || ELF64_ST_TYPE(s->st_info) == STT_SECTION)
        return false;
    const GlobalDef *g = find_global(L, symbol_name(U, i));
    if (!g || (g->unit == U && g->sym == i))
        return false;
    si->def_unit = g->unit;
    si->def_sym = g->sym;
    const Elf64_Sym *d = &g->unit->sym[g->sym];
    si->is_tls = d->st_shndx < g->unit->shnum && g->unit->sec[d->st_shndx].is_tls;
    return true;
}

/* The symbol a relocation names, resolved on first use: an undefined
 * symbol nobody relocates against (_GLOBAL_OFFSET_TABLE_ is listed by
 * every object) is never looked up. */
static bool use_symbol(Linker *L, Unit *U, size_t i) {
    SymInfo *si = &U->info[i];
    if (si->resolved)
        return true;
    si->resolved = true;
    const Elf64_Sym *s = &U->sym[i];
    if (i != 0 && bind_to_chosen(L, U, i, si))
        return true;
    if (s->st_shndx == SHN_UNDEF)
        return i == 0 || bind_undefined(L, U, i, si);
    if (s->st_shndx < U->shnum && U->sec[s->st_shndx].is_tls)
        si->is_tls = true;
    return true;
}

/* ---------------------------------------------------------------------
 * Relocations: the first pass counts GOT slots and stubs
 * ------------------------------------------------------------------- */

static const char *reloc_name(unsigned type) {
    switch (type) {
    case R_X86_64_NONE: return "R_X86_64_NONE";
    case R_X86_64_64: return "R_X86_64_64";
    case R_X86_64_PC32: return "R_X86_64_PC32";
    case R_X86_64_GOT32: return "R_X86_64_GOT32";
    case R_X86_64_PLT32: return "R_X86_64_PLT32";
    case R_X86_64_COPY: return "R_X86_64_COPY";
    case R_X86_64_GLOB_DAT: return "R_X86_64_GLOB_DAT";
    case R_X86_64_JUMP_SLOT: return "R_X86_64_JUMP_SLOT";
    case R_X86_64_RELATIVE: return "R_X86_64_RELATIVE";
    case R_X86_64_GOTPCREL: return "R_X86_64_GOTPCREL";
    case R_X86_64_32: return "R_X86_64_32";
    case R_X86_64_32S: return "R_X86_64_32S";
    case R_X86_64_16: return "R_X86_64_16";
    case R_X86_64_PC16: return "R_X86_64_PC16";
    case R_X86_64_8: return "R_X86_64_8";
    case R_X86_64_PC8: return "R_X86_64_PC8";
    case R_X86_64_DTPMOD64: return "R_X86_64_DTPMOD64";
    case R_X86_64_DTPOFF64: return "R_X86_64_DTPOFF64";
    case R_X86_64_TPOFF64: return "R_X86_64_TPOFF64";
    case R_X86_64_TLSGD: return "R_X86_64_TLSGD";
    case R_X86_64_TLSLD: return "R_X86_64_TLSLD";
    case R_X86_64_DTPOFF32: return "R_X86_64_DTPOFF32";
    case R_X86_64_GOTTPOFF: return "R_X86_64_GOTTPOFF";
    case R_X86_64_TPOFF32: return "R_X86_64_TPOFF32";
    case R_X86_64_PC64: return "R_X86_64_PC64";
    case R_X86_64_GOTOFF64: return "R_X86_64_GOTOFF64";
    case R_X86_64_GOTPC32: return "R_X86_64_GOTPC32";
    case R_X86_64_SIZE32: return "R_X86_64_SIZE32";
    case R_X86_64_SIZE64: return "R_X86_64_SIZE64";
    case R_X86_64_GOTPC32_TLSDESC: return "R_X86_64_GOTPC32_TLSDESC";
    case R_X86_64_TLSDESC_CALL: return "R_X86_64_TLSDESC_CALL";
    case R_X86_64_IRELATIVE: return "R_X86_64_IRELATIVE";
    case R_X86_64_GOTPCRELX: return "R_X86_64_GOTPCRELX";
    case R_X86_64_REX_GOTPCRELX: return "R_X86_64_REX_GOTPCRELX";
    default: return "an unknown relocation";
    }
}

static bool is_got_reloc(unsigned type) {
    return type == R_X86_64_GOTPCREL || type == R_X86_64_GOTPCRELX ||
           type == R_X86_64_REX_GOTPCRELX;
}

/* The relocation sections that apply to loaded sections, checked. */
static bool check_rela_section(Linker *L, Unit *U, size_t i, bool *applies) {
    const Elf64_Shdr *s = &U->sh[i];
    *applies = false;
    if (s->sh_type == SHT_REL)
        return fail(L, "section '%s': REL relocations are not x86-64's", section_name(U, i));
    if (s->sh_type != SHT_RELA)
        return true;
    if (s->sh_info == 0 || s->sh_info >= U->shnum)
        return fail(L, "corrupt object: relocation section '%s' names section %u",
                    section_name(U, i), s->sh_info);
    const Section *target = &U->sec[s->sh_info];
    if (target->part < 0 && !target->is_tls)
        return true;   /* .rela.debug_*, .rela.comment: not loaded */
    if (s->sh_entsize != sizeof(Elf64_Rela) || s->sh_size % sizeof(Elf64_Rela) ||
        s->sh_offset % 8 || !U->sym)
        return fail(L, "corrupt object: bad relocation section '%s'", section_name(U, i));
    *applies = true;
    return true;
}

static bool count_one(Linker *L, Unit *U, size_t rs, const Elf64_Rela *r) {
    size_t si = ELF64_R_SYM(r->r_info);
    unsigned type = (unsigned)ELF64_R_TYPE(r->r_info);
    if (si >= U->nsym)
        return fail(L, "corrupt object: relocation in '%s' names symbol %zu of %zu",
                    section_name(U, rs), si, U->nsym);
    if (!check_symbol(L, U, si) || !use_symbol(L, U, si))
        return false;
    SymInfo *info = &U->info[si];
    if (is_got_reloc(type) && info->got < 0)
        info->got = (int32_t)L->ngot++;
    else if (type == R_X86_64_PLT32 && info->external && info->stub < 0) {
        info->stub = (int32_t)L->nstub++;
        if (info->got < 0)
            info->got = (int32_t)L->ngot++;
    } else if (type == R_X86_64_TLSGD && info->tlsgd < 0) {
        info->tlsgd = (int32_t)L->ngot;
        L->ngot += 2;
    } else if (type == R_X86_64_TLSLD && L->tlsld < 0) {
        L->tlsld = (int32_t)L->ngot;
        L->ngot += 2;
    }
    return true;
}

static bool count_relocations(Linker *L, Unit *U) {
    for (size_t i = 1; i < U->shnum; i++) {
        bool applies;
        if (!check_rela_section(L, U, i, &applies))
            return false;
        if (!applies)
            continue;
        const Elf64_Rela *r = (const Elf64_Rela *)(U->bytes + U->sh[i].sh_offset);
        size_t n = U->sh[i].sh_size / sizeof *r;
        for (size_t k = 0; k < n; k++)
            if (!count_one(L, U, i, &r[k]))
                return false;
    }
    return true;
}

/* ---------------------------------------------------------------------
 * The mapping
 * ------------------------------------------------------------------- */

static unsigned char *part_addr(const Linker *L, int part) {
    return L->lo->map + L->lo->part_off[part];
}

static unsigned char *got_addr(const Linker *L, int32_t slot) {
    return part_addr(L, PART_RODATA) + L->got_off + (size_t)slot * 8;
}

static bool map_object(Linker *L) {
    LinkedObject *lo = L->lo;
    L->stub_off = align_up(L->part_size[PART_CODE], 16);
    L->tramp_off = L->stub_off + L->nstub * STUB_SIZE;
    L->part_size[PART_CODE] = L->tramp_off + L->ntramp * TRAMP_SIZE;
    L->got_off = align_up(L->part_size[PART_RODATA], 16);
    L->part_size[PART_RODATA] = L->got_off + L->ngot * 8;
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    size_t off = 0;
    for (int p = 0; p < NPARTS; p++) {
        lo->part_off[p] = off;
        off += align_up(L->part_size[p], page);
    }
    lo->part_off[NPARTS] = off;
    if (off > ((size_t)1 << 31))
        return fail(L, "the object needs %zu bytes, over the 2 GiB its code can reach", off);
    if (off == 0)
        off = page;
    void *m = mmap(NULL, off, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED)
        return fail(L, "cannot map %zu bytes for the code: %s", off, strerror(errno));
    lo->map = m;
    lo->map_len = off;
    for (size_t u = 0; u < L->nunits; u++) {
        Unit *U = &L->units[u];
        for (size_t i = 1; i < U->shnum; i++) {
            Section *sec = &U->sec[i];
            if (sec->part < 0)
                continue;
            sec->addr = part_addr(L, sec->part) + sec->offset;
            if (U->sh[i].sh_type != SHT_NOBITS)
                memcpy(sec->addr, U->bytes + U->sh[i].sh_offset, U->sh[i].sh_size);
        }
    }
    return true;
}

/* The TLS image: .tdata's bytes where they go, .tbss left zero. */
static bool make_tls_image(Linker *L) {
    LinkedObject *lo = L->lo;
    lo->tls_size = L->tls_size;
    if (L->tls_size == 0)
        return true;
    lo->tls_image = mem_calloc(1, lo->tls_size);
    if (!lo->tls_image)
        return out_of_memory(L);
    for (size_t u = 0; u < L->nunits; u++) {
        const Unit *U = &L->units[u];
        for (size_t i = 1; i < U->shnum; i++)
            if (U->sec[i].is_tls && U->sh[i].sh_type != SHT_NOBITS)
                memcpy(lo->tls_image + U->sec[i].offset, U->bytes + U->sh[i].sh_offset,
                       U->sh[i].sh_size);
    }
    if (pthread_key_create(&lo->tls_key, tls_block_free) != 0)
        return fail(L, "no thread-local key left for the object's thread-local variables");
    pthread_mutex_init(&lo->tls_lock, NULL);
    /* only now: free_tls deletes the key, and a key never created is 0,
     * which another library's pthread_key_create got */
    lo->has_tls = true;
    return true;
}

/* The address (TLS: the offset) of every symbol that has one, now that
 * the sections have theirs. */
static void settle_symbols(Linker *L, Unit *U) {
    uint64_t got = (uint64_t)(uintptr_t)got_addr(L, 0);
    for (size_t i = 1; i < U->nsym; i++) {
        const Elf64_Sym *s = &U->sym[i];
        SymInfo *si = &U->info[i];
        if (si->def_unit)
            continue;   /* settle_bindings */
        if (s->st_shndx == SHN_ABS)
            si->value = s->st_value;
        else if (s->st_shndx == SHN_COMMON)
            si->value = U->common_addr && U->common_addr[i]
                            ? (uint64_t)(uintptr_t)(part_addr(L, PART_DATA) + L->common_off +
                                                    U->common_addr[i] - 1)
                            : 0;
        else if (s->st_shndx != SHN_UNDEF && U->sec[s->st_shndx].is_tls)
            si->value = U->sec[s->st_shndx].offset + s->st_value;
        else if (s->st_shndx != SHN_UNDEF && U->sec[s->st_shndx].addr)
            si->value = (uint64_t)(uintptr_t)(U->sec[s->st_shndx].addr + s->st_value);
        else if (s->st_shndx == SHN_UNDEF && si->resolved && si->tramp != TRAMP_NONE)
            si->value = (uint64_t)(uintptr_t)(part_addr(L, PART_CODE) + L->tramp_off +
                                              (size_t)si->tramp_index * TRAMP_SIZE);
        else if (s->st_shndx == SHN_UNDEF && si->resolved && !si->external) {
            const char *name = symbol_name(U, i);
            si->value = !strcmp(name, "__dso_handle") ? (uint64_t)(uintptr_t)L->lo->map : got;
        }
    }
}

/* Symbols bound to another unit's definition take its address, once
 * every unit has settled its own. */
static void settle_bindings(Linker *L) {
    for (size_t u = 0; u < L->nunits; u++)
        for (size_t i = 1; i < L->units[u].nsym; i++) {
            SymInfo *si = &L->units[u].info[i];
            if (si->def_unit)
                si->value = si->def_unit->info[si->def_sym].value;
        }
}

static void put32(unsigned char *p, uint32_t v) {
    memcpy(p, &v, 4);
}

/* Each stub is `jmp *slot(%rip)`, each trampoline loads this object's dso
 * handle into the argument register its target takes it in and jumps on
 * through its GOT slot. */
static void write_stubs(Linker *L, Unit *U) {
    unsigned char *code = part_addr(L, PART_CODE);
    for (size_t i = 1; i < U->nsym; i++) {
        SymInfo *si = &U->info[i];
        if (si->got >= 0)
            memcpy(got_addr(L, si->got), &si->value, 8);
        if (si->stub >= 0) {
            unsigned char *p = code + L->stub_off + (size_t)si->stub * STUB_SIZE;
            p[0] = 0xff, p[1] = 0x25;
            put32(p + 2, (uint32_t)(got_addr(L, si->got) - (p + 6)));
            p[6] = 0xcc, p[7] = 0xcc;
        }
        if (si->tramp == TRAMP_NONE)
            continue;
        static const char *const targets[] = {NULL, "__cxa_atexit", "__cxa_at_quick_exit",
                                              "__register_atfork"};
        void *target = process_symbol(targets[si->tramp]);
        memcpy(got_addr(L, si->tramp_slot), &target, 8);
        unsigned char *p = code + L->tramp_off + (size_t)si->tramp_index * TRAMP_SIZE;
        unsigned char *q = p;
        /* lea map(%rip), %rdx (atexit: the third argument) / %rsi / %rcx */
        static const unsigned char modrm[] = {0, 0x15, 0x35, 0x0d};
        *q++ = 0x48, *q++ = 0x8d, *q++ = modrm[si->tramp];
        put32(q, (uint32_t)(L->lo->map - (q + 4)));
        q += 4;
        if (si->tramp == TRAMP_ATEXIT)
            *q++ = 0x31, *q++ = 0xf6;   /* xor %esi, %esi: no argument */
        *q++ = 0xff, *q++ = 0x25;
        put32(q, (uint32_t)(got_addr(L, si->tramp_slot) - (q + 4)));
        q += 4;
        while (q < p + TRAMP_SIZE)
            *q++ = 0xcc;
        L->lo->uses_dso = true;
    }
    LinkedObject *lo = L->lo;
    for (size_t i = 1; i < U->nsym; i++) {
        SymInfo *si = &U->info[i];
        if (si->tlsgd >= 0) {
            uint64_t pair[2] = {(uint64_t)(uintptr_t)lo, si->value};
            memcpy(got_addr(L, si->tlsgd), pair, 16);
        }
    }
    if (L->tlsld >= 0) {
        uint64_t pair[2] = {(uint64_t)(uintptr_t)lo, 0};
        memcpy(got_addr(L, L->tlsld), pair, 16);
    }
}

/* ---------------------------------------------------------------------
 * Relocations: the second pass applies them
 * ------------------------------------------------------------------- */

static bool fits_s32(int64_t v) {
    return v >= INT32_MIN && v <= INT32_MAX;
}

static bool out_of_range(Linker *L, Unit *U, size_t rs, unsigned type, size_t si) {
    return fail(L, "relocation %s against '%s' in section '%s' is out of range",
                reloc_name(type), symbol_name(U, si), section_name(U, U->sh[rs].sh_info));
}

/* st_size of the definition a symbol is bound to (R_X86_64_SIZE*). */
static uint64_t symbol_size(const Unit *U, size_t i) {
    const SymInfo *si = &U->info[i];
    return si->def_unit ? si->def_unit->sym[si->def_sym].st_size : U->sym[i].st_size;
}

static size_t reloc_width(unsigned type) {
    switch (type) {
    case R_X86_64_NONE: return 0;
    case R_X86_64_64: case R_X86_64_PC64: case R_X86_64_GOTOFF64: case R_X86_64_SIZE64:
    case R_X86_64_DTPOFF64:
        return 8;
    default:
        return 4;
    }
}

static bool apply_one(Linker *L, Unit *U, size_t rs, const Elf64_Rela *r) {
    size_t si = ELF64_R_SYM(r->r_info);
    unsigned type = (unsigned)ELF64_R_TYPE(r->r_info);
    size_t ts = U->sh[rs].sh_info;
    const Elf64_Shdr *target = &U->sh[ts];
    size_t width = reloc_width(type);
    if (r->r_offset > target->sh_size || width > target->sh_size - r->r_offset)
        return fail(L, "corrupt object: relocation at offset %llu outside section '%s'",
                    (unsigned long long)r->r_offset, section_name(U, ts));
    if (target->sh_type == SHT_NOBITS && type != R_X86_64_NONE)
        return fail(L, "corrupt object: relocation in the zero-filled section '%s'",
                    section_name(U, ts));
    /* .tdata's relocations go into the image every thread copies; only
     * absolute values mean the same in every copy */
    const Section *sec = &U->sec[ts];
    unsigned char *at = sec->is_tls ? L->lo->tls_image + sec->offset + r->r_offset
                                    : sec->addr + r->r_offset;
    if (sec->is_tls && type != R_X86_64_64 && type != R_X86_64_DTPOFF64 &&
        type != R_X86_64_NONE)
        return fail(L, "relocation %s in the thread-local section '%s' is not supported",
                    reloc_name(type), section_name(U, ts));
    const SymInfo *info = &U->info[si];
    int64_t P = (int64_t)(uintptr_t)at, A = r->r_addend;
    int64_t S = (int64_t)info->value;
    int64_t GOT = (int64_t)(uintptr_t)got_addr(L, 0);
    bool tls_reloc = type == R_X86_64_TLSGD || type == R_X86_64_TLSLD ||
                     type == R_X86_64_DTPOFF32 || type == R_X86_64_DTPOFF64 ||
                     type == R_X86_64_GOTTPOFF || type == R_X86_64_TPOFF32;
    if (info->is_tls != tls_reloc && type != R_X86_64_TLSLD && type != R_X86_64_NONE)
        return fail(L, "relocation %s against '%s' in section '%s' mixes thread-local and "
                    "ordinary data", reloc_name(type), symbol_name(U, si),
                    section_name(U, ts));
    int64_t v;
    switch (type) {
    case R_X86_64_NONE:
        return true;
    case R_X86_64_64:
        memcpy(at, &(uint64_t){(uint64_t)(S + A)}, 8);
        return true;
    case R_X86_64_PC64:
        memcpy(at, &(uint64_t){(uint64_t)(S + A - P)}, 8);
        return true;
    case R_X86_64_GOTOFF64:
        memcpy(at, &(uint64_t){(uint64_t)(S + A - GOT)}, 8);
        return true;
    case R_X86_64_SIZE64:
        memcpy(at, &(uint64_t){symbol_size(U, si) + (uint64_t)A}, 8);
        return true;
    case R_X86_64_DTPOFF64:
        memcpy(at, &(uint64_t){(uint64_t)(S + A)}, 8);
        return true;
    case R_X86_64_PLT32:
        if (info->stub >= 0)
            S = (int64_t)(uintptr_t)(part_addr(L, PART_CODE) + L->stub_off +
                                     (size_t)info->stub * STUB_SIZE);
        v = S + A - P;
        break;
    case R_X86_64_PC32:
        v = S + A - P;
        break;
    case R_X86_64_GOTPCREL: case R_X86_64_GOTPCRELX: case R_X86_64_REX_GOTPCRELX:
        v = (int64_t)(uintptr_t)got_addr(L, info->got) + A - P;
        break;
    case R_X86_64_GOTPC32:
        v = GOT + A - P;
        break;
    case R_X86_64_32:
        if ((uint64_t)(S + A) > UINT32_MAX)
            return out_of_range(L, U, rs, type, si);
        put32(at, (uint32_t)(S + A));
        return true;
    case R_X86_64_32S:
        v = S + A;
        break;
    case R_X86_64_SIZE32:
        v = (int64_t)symbol_size(U, si) + A;
        break;
    case R_X86_64_TLSGD:
        v = (int64_t)(uintptr_t)got_addr(L, info->tlsgd) + A - P;
        break;
    case R_X86_64_TLSLD:
        v = (int64_t)(uintptr_t)got_addr(L, L->tlsld) + A - P;
        break;
    case R_X86_64_DTPOFF32:
        v = S + A;
        break;
    case R_X86_64_GOTTPOFF: case R_X86_64_TPOFF32:
        return fail(L, "relocation %s against '%s' in section '%s': the initial- and "
                    "local-exec TLS models are not supported (compile with -fPIC)",
                    reloc_name(type), symbol_name(U, si), section_name(U, ts));
    default:
        return fail(L, "relocation %s (type %u) against '%s' in section '%s' is not "
                    "supported by memjit's linker", reloc_name(type), type,
                    symbol_name(U, si), section_name(U, ts));
    }
    if (!fits_s32(v))
        return out_of_range(L, U, rs, type, si);
    put32(at, (uint32_t)(int32_t)v);
    return true;
}

static bool apply_relocations(Linker *L, Unit *U) {
    for (size_t i = 1; i < U->shnum; i++) {
        bool applies;
        if (!check_rela_section(L, U, i, &applies))
            return false;
        if (!applies)
            continue;
        const Elf64_Rela *r = (const Elf64_Rela *)(U->bytes + U->sh[i].sh_offset);
        size_t n = U->sh[i].sh_size / sizeof *r;
        for (size_t k = 0; k < n; k++)
            if (!apply_one(L, U, i, &r[k]))
                return false;
    }
    return true;
}

/* ---------------------------------------------------------------------
 * Exported symbols
 * ------------------------------------------------------------------- */

static int link_symbol_cmp(const void *a, const void *b) {
    const LinkSymbol *x = a, *y = b;
    if (x->unit != y->unit)
        return x->unit < y->unit ? -1 : 1;
    return strcmp(x->name, y->name);
}

/* A symbol link_symbol or link_unit_symbol finds: thread-local ones have
 * no address to give. */
static bool is_exported(const Unit *U, size_t i) {
    const Elf64_Sym *s = &U->sym[i];
    int bind = ELF64_ST_BIND(s->st_info), type = ELF64_ST_TYPE(s->st_info);
    return (bind == STB_GLOBAL || bind == STB_WEAK) && s->st_shndx != SHN_UNDEF &&
           type != STT_SECTION && type != STT_FILE;
}

static bool is_private_export(const Unit *U, size_t i) {
    return is_exported(U, i) && is_unit_private(symbol_name(U, i));
}

/* Copies the name into *o and makes the entry. */
static LinkSymbol named(char **o, const Unit *U, size_t i, const char *name, size_t unit) {
    size_t len = strlen(name) + 1;
    LinkSymbol sym = {memcpy(*o, name, len), (void *)(uintptr_t)U->info[i].value, unit,
                      U->info[i].is_tls};
    *o += len;
    return sym;
}

/* The chosen global definitions, and each unit's private ones. */
static bool collect_symbols(Linker *L) {
    LinkedObject *lo = L->lo;
    size_t n = 0, np = 0, bytes = 0;
    for (size_t g = 0; g < L->nglobals; g++)
        if (is_exported(L->globals[g].unit, L->globals[g].sym)) {
            n++;
            bytes += strlen(L->globals[g].name) + 1;
        }
    for (size_t u = 0; u < L->nunits; u++)
        for (size_t i = 1; i < L->units[u].nsym; i++)
            if (is_private_export(&L->units[u], i)) {
                np++;
                bytes += strlen(symbol_name(&L->units[u], i)) + 1;
            }
    lo->syms = mem_malloc((n ? n : 1) * sizeof *lo->syms);
    lo->private_syms = mem_malloc((np ? np : 1) * sizeof *lo->private_syms);
    lo->names = mem_malloc(bytes ? bytes : 1);
    if (!lo->syms || !lo->private_syms || !lo->names)
        return out_of_memory(L);
    char *o = lo->names;
    /* settle_symbols gave defined symbols their addresses */
    for (size_t g = 0; g < L->nglobals; g++) {
        const GlobalDef *d = &L->globals[g];
        if (is_exported(d->unit, d->sym))
            lo->syms[lo->nsyms++] =
                named(&o, d->unit, d->sym, d->name, 0);
    }
    for (size_t u = 0; u < L->nunits; u++)
        for (size_t i = 1; i < L->units[u].nsym; i++)
            if (is_private_export(&L->units[u], i))
                lo->private_syms[lo->nprivate++] =
                    named(&o, &L->units[u], i, symbol_name(&L->units[u], i), u);
    /* L->globals is sorted by name already; each unit's own are not */
    qsort(lo->private_syms, lo->nprivate, sizeof *lo->private_syms, link_symbol_cmp);
    return true;
}

/* A thread-local symbol's address is the calling thread's copy, as
 * dlsym gives it. */
static void *find_linked(const LinkedObject *lo, const LinkSymbol *v, size_t n,
                         const char *name, size_t unit) {
    if (n == 0)
        return NULL;
    LinkSymbol key = {name, NULL, unit, false};
    const LinkSymbol *s = bsearch(&key, v, n, sizeof *v, link_symbol_cmp);
    if (!s || !s->is_tls)
        return s ? s->addr : NULL;
    TlsIndex ti = {(uint64_t)(uintptr_t)lo, (uint64_t)(uintptr_t)s->addr};
    return link_tls_get_addr(&ti);
}

bool link_symbol_is_tls(const LinkedObject *lo, const char *name) {
    if (!lo || lo->nsyms == 0)
        return false;
    LinkSymbol key = {name, NULL, 0, false};
    const LinkSymbol *s = bsearch(&key, lo->syms, lo->nsyms, sizeof *lo->syms, link_symbol_cmp);
    return s && s->is_tls;
}

void *link_symbol(const LinkedObject *lo, const char *name) {
    return lo ? find_linked(lo, lo->syms, lo->nsyms, name, 0) : NULL;
}

void *link_unit_symbol(const LinkedObject *lo, size_t unit, const char *name) {
    return lo ? find_linked(lo, lo->private_syms, lo->nprivate, name, unit) : NULL;
}

size_t link_unit_count(const LinkedObject *lo) {
    return lo ? lo->nunits : 0;
}

/* ---------------------------------------------------------------------
 * Protection, unwinding, constructors
 * ------------------------------------------------------------------- */

static bool protect(Linker *L) {
    LinkedObject *lo = L->lo;
    static const int prot[NPARTS] = {PROT_READ | PROT_EXEC, PROT_READ, PROT_READ | PROT_WRITE};
    for (int p = 0; p < NPARTS; p++) {
        size_t len = lo->part_off[p + 1] - lo->part_off[p];
        if (len && mprotect(lo->map + lo->part_off[p], len, prot[p]) != 0)
            return fail(L, p == PART_CODE
                               ? "the system refuses to make memory executable (mprotect: %s)"
                               : "mprotect failed: %s",
                        strerror(errno));
    }
    return true;
}

/* Each unit's .eh_frame, terminated by place_sections, is one
 * registration, as each shared object's is. */
static bool register_frames(Linker *L) {
    void (*reg)(void *) = NULL;
    void *p = process_symbol("__register_frame");
    memcpy(&reg, &p, sizeof reg);
    if (!reg)
        return true;
    LinkedObject *lo = L->lo;
    lo->eh_frames = mem_calloc(L->nunits, sizeof *lo->eh_frames);
    if (!lo->eh_frames)
        return out_of_memory(L);
    for (size_t u = 0; u < L->nunits; u++) {
        const Unit *U = &L->units[u];
        if (!U->eh_index || U->sh[U->eh_index].sh_size == 0)
            continue;
        lo->eh_frames[lo->neh_frames++] = U->sec[U->eh_index].addr;
        reg(U->sec[U->eh_index].addr);
    }
    return true;
}

static void deregister_frames(LinkedObject *lo) {
    if (!lo->neh_frames)
        return;
    void (*dereg)(void *) = NULL;
    void *p = process_symbol("__deregister_frame");
    memcpy(&dereg, &p, sizeof dereg);
    for (size_t i = 0; dereg && i < lo->neh_frames; i++)
        dereg(lo->eh_frames[i]);
    lo->neh_frames = 0;
}

/* An array section's order: .init_array.NNNNN by priority, lowest first,
 * then the plain .init_array, as ld's default script sorts them. */
static int array_cmp_names(const char *a, const char *b) {
    bool pa = strchr(a + 1, '.') != NULL, pb = strchr(b + 1, '.') != NULL;
    if (pa != pb)
        return pa ? -1 : 1;
    return strcmp(a, b);
}

typedef void (*VoidFn)(void);

/* One array section of one unit. */
typedef struct ArraySection {
    const Unit *unit;
    size_t index;
} ArraySection;

static const char *array_name(const ArraySection *a) {
    return section_name(a->unit, a->index);
}

/* The entries of every section of type `type` of every unit, in ld's
 * order: by priority across the units, then the plain sections in the
 * order of the units. */
static bool gather_array(Linker *L, unsigned type, VoidFn **out, size_t *count) {
    size_t n = 0, nsec = 0;
    for (size_t u = 0; u < L->nunits; u++)
        for (size_t i = 1; i < L->units[u].shnum; i++)
            if (L->units[u].sh[i].sh_type == type && L->units[u].sec[i].addr) {
                n += L->units[u].sh[i].sh_size / sizeof(VoidFn);
                nsec++;
            }
    *out = NULL;
    *count = 0;
    if (!n)
        return true;
    ArraySection *order = mem_malloc(nsec * sizeof *order);
    VoidFn *v = mem_malloc(n * sizeof *v);
    if (!order || !v) {
        free(order);
        free(v);
        return out_of_memory(L);
    }
    size_t k = 0;
    for (size_t u = 0; u < L->nunits; u++)
        for (size_t i = 1; i < L->units[u].shnum; i++)
            if (L->units[u].sh[i].sh_type == type && L->units[u].sec[i].addr)
                order[k++] = (ArraySection){&L->units[u], i};
    for (size_t a = 1; a < nsec; a++)   /* few sections: insertion sort, stable */
        for (size_t b = a; b > 0 && array_cmp_names(array_name(&order[b - 1]),
                                                    array_name(&order[b])) > 0; b--) {
            ArraySection t = order[b];
            order[b] = order[b - 1];
            order[b - 1] = t;
        }
    size_t m = 0;
    for (size_t j = 0; j < nsec; j++) {
        size_t cnt = order[j].unit->sh[order[j].index].sh_size / sizeof(VoidFn);
        memcpy(v + m, order[j].unit->sec[order[j].index].addr, cnt * sizeof(VoidFn));
        m += cnt;
    }
    free(order);
    *out = v;
    *count = m;
    return true;
}

/* Registered with __cxa_atexit under the object's dso handle: runs at
 * exit, or from link_free's __cxa_finalize, whichever comes first. */
static void run_fini(void *arg) {
    LinkedObject *lo = arg;
    for (size_t i = lo->nfini; i-- > 0;)
        if (lo->fini[i] && lo->fini[i] != (VoidFn)(uintptr_t)-1)
            lo->fini[i]();
    lo->nfini = 0;
}

static bool start(Linker *L) {
    LinkedObject *lo = L->lo;
    VoidFn *init;
    size_t ninit;
    if (!gather_array(L, SHT_FINI_ARRAY, &lo->fini, &lo->nfini) ||
        !gather_array(L, SHT_INIT_ARRAY, &init, &ninit))
        return false;
    if (!register_frames(L)) {
        free(init);
        return false;
    }
    if (lo->nfini) {
        int (*cxa_atexit)(void (*)(void *), void *, void *) = NULL;
        void *p = process_symbol("__cxa_atexit");
        memcpy(&cxa_atexit, &p, sizeof cxa_atexit);
        if (!cxa_atexit || cxa_atexit(run_fini, lo, lo->map) != 0) {
            free(init);
            return fail(L, "cannot register the object's destructors");
        }
        lo->uses_dso = true;
    }
    for (size_t i = 0; i < ninit; i++)
        if (init[i] && init[i] != (VoidFn)(uintptr_t)-1)
            init[i]();
    free(init);
    return true;
}

/* ---------------------------------------------------------------------
 * The whole link
 * ------------------------------------------------------------------- */

/* What jitdebug.c asks about a unit (JitUnit). */
static uint64_t unit_section_addr(const void *self, size_t i) {
    return (uint64_t)(uintptr_t)((const Unit *)self)->sec[i].addr;
}

static uint64_t unit_symbol_addr(const void *self, size_t i) {
    return ((const Unit *)self)->info[i].value;
}

/* gdb and perf are told of the image before its constructors run, so
 * that a breakpoint in one holds. Without memory for it the image runs
 * all the same, unseen by them. */
static void show_to_debuggers(Linker *L) {
    JitUnit *ju = mem_malloc(L->nunits * sizeof *ju);
    if (!ju)
        return;
    for (size_t u = 0; u < L->nunits; u++) {
        const Unit *U = &L->units[u];
        ju[u] = (JitUnit){U->bytes, U->len, U, unit_section_addr, unit_symbol_addr};
    }
    L->lo->debug = jitdebug_register(ju, L->nunits);
    jitdebug_perf_map(ju, L->nunits);
    free(ju);
}

/* Reads one unit's headers and symbols and places its sections. */
static bool read_unit(Linker *L, Unit *U) {
    L->at = U;
    if (!read_headers(L, U) || !read_symbols(L, U))
        return false;
    U->sec = mem_calloc(U->shnum, sizeof *U->sec);
    U->info = mem_calloc(U->nsym ? U->nsym : 1, sizeof *U->info);
    if (!U->sec || !U->info)
        return out_of_memory(L);
    for (size_t i = 0; i < U->nsym; i++)
        U->info[i].got = U->info[i].stub = U->info[i].tlsgd = U->info[i].tramp_index =
            U->info[i].tramp_slot = -1;
    if (!place_sections(L, U) || !place_commons(L, U))
        return false;
    for (size_t i = 1; i < U->nsym; i++)
        if (!check_symbol(L, U, i))
            return false;
    return true;
}

static bool link_all(Linker *L) {
    L->lo->tls_align = 1;
    for (size_t u = 0; u < L->nunits; u++)
        if (!read_unit(L, &L->units[u]))
            return false;
    finish_commons(L);
    L->at = NULL;
    if (!choose_globals(L))
        return false;
    for (size_t u = 0; u < L->nunits; u++) {
        L->at = &L->units[u];
        if (!count_relocations(L, &L->units[u]))
            return false;
    }
    if (L->nundefined)
        return report_undefined(L);
    L->at = NULL;
    if (!map_object(L) || !make_tls_image(L))
        return false;
    for (size_t u = 0; u < L->nunits; u++)
        settle_symbols(L, &L->units[u]);
    settle_bindings(L);
    for (size_t u = 0; u < L->nunits; u++)
        write_stubs(L, &L->units[u]);
    for (size_t u = 0; u < L->nunits; u++) {
        L->at = &L->units[u];
        if (!apply_relocations(L, &L->units[u]))
            return false;
    }
    L->at = NULL;
    if (!collect_symbols(L) || !protect(L))
        return false;
    show_to_debuggers(L);
    return start(L);
}

static void free_tls(LinkedObject *lo) {
    if (!lo->has_tls)
        return;
    pthread_key_delete(lo->tls_key);   /* runs no destructor */
    for (TlsBlock *b = lo->tls_blocks, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    pthread_mutex_destroy(&lo->tls_lock);
}

static void unmap(LinkedObject *lo) {
    jitdebug_unregister(lo->debug);   /* while gdb can still read the code */
    free_tls(lo);
    if (lo->map)
        munmap(lo->map, lo->map_len);
    free(lo->tls_image);
    free(lo->syms);
    free(lo->private_syms);
    free(lo->names);
    free(lo->eh_frames);
    free(lo->fini);
    free(lo);
}

LinkedObject *link_object(const void *bytes, size_t len, mj_status *why, char *errbuf,
                          size_t errlen) {
    LinkInput in = {bytes, len, NULL, false};
    return link_objects(&in, 1, NULL, NULL, why, errbuf, errlen);
}

/* The headers are read in place: a copy when the bytes are not aligned
 * for them (a host's blob may sit anywhere). */
static bool take_units(Linker *L, const LinkInput *in, size_t n) {
    L->units = mem_calloc(n ? n : 1, sizeof *L->units);
    if (!L->units)
        return false;
    L->nunits = n;
    for (size_t u = 0; u < n; u++) {
        Unit *U = &L->units[u];
        U->index = u;
        U->name = in[u].name ? in[u].name : "<object>";
        U->no_common = in[u].no_common;
        U->bytes = in[u].bytes;
        U->len = in[u].len;
        if ((uintptr_t)U->bytes % 8) {
            if (!(U->aligned_copy = mem_malloc(U->len ? U->len : 1)))
                return false;
            memcpy(U->aligned_copy, U->bytes, U->len);
            U->bytes = U->aligned_copy;
        }
    }
    return true;
}

static void free_units(Linker *L) {
    for (size_t u = 0; u < L->nunits; u++) {
        free(L->units[u].aligned_copy);
        free(L->units[u].sec);
        free(L->units[u].info);
        free(L->units[u].common_addr);
    }
    free(L->units);
    free(L->globals);
}

/* With several units, a message about one starts with its name, as
 * ld's do. */
static void name_the_unit(const Linker *L) {
    if (L->nunits < 2 || !L->at || L->oom || !L->err || !L->errlen)
        return;
    size_t n = strlen(L->at->name) + 2 + strlen(L->err) + 1;
    char *msg = mem_malloc(n);
    if (!msg)
        return;
    snprintf(msg, n, "%s: %s", L->at->name, L->err);
    errbuf_printf(L->err, L->errlen, "%s", msg);
    free(msg);
}

LinkedObject *link_objects(const LinkInput *in, size_t n, LinkUndefined *undefined, void *ctx,
                           mj_status *why, char *errbuf, size_t errlen) {
    *why = MJ_ERR_NOMEM;
    Linker L = {.err = errbuf, .errlen = errlen, .tlsld = -1, .on_undefined = undefined,
                .undefined_ctx = ctx};
    LinkedObject *lo = mem_calloc(1, sizeof *lo);
    if (!lo || !take_units(&L, in, n)) {
        free(lo);
        free_units(&L);
        errbuf_printf(errbuf, errlen, "out of memory");
        return NULL;
    }
    L.lo = lo;
    lo->nunits = n;
    bool ok = link_all(&L);
    if (!ok)
        name_the_unit(&L);
    *why = ok ? MJ_OK : L.oom ? MJ_ERR_NOMEM : L.program_error ? MJ_ERR_COMPILE : MJ_ERR_JIT;
    free_units(&L);
    if (!ok) {
        deregister_frames(lo);
        unmap(lo);
        return NULL;
    }
    return lo;
}

void link_free(LinkedObject *lo) {
    if (!lo)
        return;
    if (lo->uses_dso)
        __cxa_finalize(lo->map);
    deregister_frames(lo);
    unmap(lo);
}
