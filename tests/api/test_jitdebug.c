/*
 * test_jitdebug.c - linked code shown to gdb and perf (src/jitdebug.c):
 * the GDB JIT interface's list in __jit_debug_descriptor gains one entry
 * per linked unit, an ELF object whose loaded sections carry their load
 * addresses, and loses them on release, whatever the order and however
 * many threads link; out of memory, nothing is left listed;
 * MEMJIT_PERF_MAP=1 writes /tmp/perf-PID.map lines naming the right
 * addresses. tests/gdb/ runs gdb itself on such code.
 *
 * Objects are compiled by gcc -c at -O0 and -O2 (as test_link.c does) and
 * once through mj_compile. Links the static library to reach link_object
 * and the allocation-failure hook.
 */
#include <elf.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "load.h"

static char tmpdir[] = "/tmp/mj_jitdebug_XXXXXX";
static const char *const opt_levels[] = {"-O0", "-O2"};

/* Compiles src with gcc -c -fPIC -g and the given flags into a file of
 * its own (threads compile nothing: objects are made up front); returns
 * the object's bytes, which the caller frees. */
static unsigned char *object_of(const char *src, const char *flags, size_t *len) {
    static int serial;
    char path[256], cmd[768];
    int n = serial++;
    snprintf(path, sizeof path, "%s/t%d.c", tmpdir, n);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(src, f);
    fclose(f);
    snprintf(cmd, sizeof cmd, "gcc -c -fPIC -g %s -o %s/t%d.o %s", flags, tmpdir, n, path);
    assert_int_equal(system(cmd), 0);
    snprintf(path, sizeof path, "%s/t%d.o", tmpdir, n);
    f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    *len = (size_t)ftell(f);
    rewind(f);
    unsigned char *bytes = malloc(*len);
    assert_non_null(bytes);
    assert_int_equal(fread(bytes, 1, *len, f), *len);
    fclose(f);
    return bytes;
}

static LinkedObject *link_ok(const unsigned char *bytes, size_t len) {
    char err[512] = "";
    mj_status why = MJ_ERR_JIT;
    LinkedObject *lo = link_object(bytes, len, &why, err, sizeof err);
    if (!lo)
        fail_msg("link_object: %s", err);
    assert_int_equal(why, MJ_OK);
    return lo;
}

/* The list's length, after checking every entry's back link and that
 * each holds an x86-64 ELF relocatable object. */
static size_t list_length(void) {
    size_t n = 0;
    const JitCodeEntry *prev = NULL;
    assert_int_equal(__jit_debug_descriptor.version, 1);
    for (const JitCodeEntry *e = __jit_debug_descriptor.first_entry; e; e = e->next_entry) {
        assert_ptr_equal(e->prev_entry, prev);
        assert_true(e->symfile_size >= sizeof(Elf64_Ehdr));
        const Elf64_Ehdr *eh = (const void *)e->symfile_addr;
        assert_memory_equal(eh->e_ident, ELFMAG, SELFMAG);
        assert_int_equal(eh->e_type, ET_REL);
        assert_int_equal(eh->e_machine, EM_X86_64);
        prev = e;
        n++;
    }
    return n;
}

static bool listed(const JitCodeEntry *x) {
    for (const JitCodeEntry *e = __jit_debug_descriptor.first_entry; e; e = e->next_entry)
        if (e == x)
            return true;
    return false;
}

/* ------------------------------------------------------------------ */
/* Reading the ELF object an entry holds */

static const Elf64_Shdr *sections(const JitCodeEntry *e, size_t *n) {
    const Elf64_Ehdr *eh = (const void *)e->symfile_addr;
    *n = eh->e_shnum;
    assert_true(eh->e_shoff + *n * sizeof(Elf64_Shdr) <= e->symfile_size);
    return (const Elf64_Shdr *)(e->symfile_addr + eh->e_shoff);
}

static const char *section_name(const JitCodeEntry *e, size_t i) {
    size_t n;
    const Elf64_Shdr *sh = sections(e, &n);
    const Elf64_Ehdr *eh = (const void *)e->symfile_addr;
    return e->symfile_addr + sh[eh->e_shstrndx].sh_offset + sh[i].sh_name;
}

/* The section called name, or NULL. */
static const Elf64_Shdr *section(const JitCodeEntry *e, const char *name) {
    size_t n;
    const Elf64_Shdr *sh = sections(e, &n);
    for (size_t i = 1; i < n; i++)
        if (!strcmp(section_name(e, i), name))
            return &sh[i];
    return NULL;
}

/* The symbol called name, or NULL. */
static const Elf64_Sym *symbol(const JitCodeEntry *e, const char *name) {
    size_t n;
    const Elf64_Shdr *sh = sections(e, &n);
    for (size_t i = 1; i < n; i++) {
        if (sh[i].sh_type != SHT_SYMTAB)
            continue;
        const Elf64_Sym *sym = (const void *)(e->symfile_addr + sh[i].sh_offset);
        const char *str = e->symfile_addr + sh[sh[i].sh_link].sh_offset;
        for (size_t k = 1; k < sh[i].sh_size / sizeof *sym; k++)
            if (!strcmp(str + sym[k].st_name, name))
                return &sym[k];
    }
    return NULL;
}

/* Where gdb will place symbol name: its section's sh_addr plus its
 * value, or the value itself when it is absolute. */
static uintptr_t address_for_gdb(const JitCodeEntry *e, const char *name) {
    const Elf64_Sym *s = symbol(e, name);
    assert_non_null(s);
    if (s->st_shndx == SHN_ABS)
        return (uintptr_t)s->st_value;
    size_t n;
    const Elf64_Shdr *sh = sections(e, &n);
    assert_true(s->st_shndx > 0 && s->st_shndx < n);
    return (uintptr_t)(sh[s->st_shndx].sh_addr + s->st_value);
}

/* ------------------------------------------------------------------ */

static const char *const unit_src =
    "int data_value = 3;\n"
    "static int bss_value;\n"
    "__attribute__((common)) int common_value;\n"
    "_Thread_local int tls_value = 9;\n"
    "static int helper(int x) { bss_value += x; return x * data_value; }\n"
    "int twice(int x) { common_value++; return helper(x) + x + tls_value; }\n";

/* One link, one entry: the newest, named by relevant_entry, with
 * REGISTER; its .text, .data and .bss at the addresses the code has, the
 * common symbol absolute at its address, debug and thread-local sections
 * at 0. Released: gone, with UNREGISTER and no entry named. */
static void an_entry_per_link(void **state) {
    (void)state;
    for (size_t o = 0; o < 2; o++) {
        size_t len, before = list_length();
        unsigned char *bytes = object_of(unit_src, opt_levels[o], &len);
        LinkedObject *lo = link_ok(bytes, len);
        assert_int_equal(list_length(), before + 1);
        const JitCodeEntry *e = __jit_debug_descriptor.first_entry;
        assert_ptr_equal(__jit_debug_descriptor.relevant_entry, e);
        assert_int_equal(__jit_debug_descriptor.action_flag, JIT_REGISTER_FN);
        assert_int_equal(e->symfile_size, len);
        assert_ptr_not_equal(e->symfile_addr, (const char *)bytes);   /* a copy */
        free(bytes);    /* the copy outlives the caller's bytes */

        int (*twice)(int) = (int (*)(int))link_symbol(lo, "twice");
        assert_int_equal(twice(5), 15 + 5 + 9);
        const Elf64_Shdr *text = section(e, ".text");
        assert_non_null(text);
        uintptr_t fn = (uintptr_t)link_symbol(lo, "twice");
        assert_true(fn >= text->sh_addr && fn < text->sh_addr + text->sh_size);
        assert_int_equal(address_for_gdb(e, "twice"), fn);
        assert_int_equal(address_for_gdb(e, "data_value"), (uintptr_t)link_symbol(lo, "data_value"));
        assert_true(section(e, ".bss")->sh_addr != 0);
        const Elf64_Sym *common = symbol(e, "common_value");
        assert_int_equal(common->st_shndx, SHN_ABS);
        assert_int_equal(common->st_value, (uintptr_t)link_symbol(lo, "common_value"));
        assert_int_equal(*(int *)link_symbol(lo, "common_value"), 1);
        assert_int_equal(section(e, ".debug_info")->sh_addr, 0);
        assert_int_equal(section(e, ".tdata")->sh_addr, 0);

        link_free(lo);
        assert_int_equal(list_length(), before);
        assert_false(listed(e));
        assert_int_equal(__jit_debug_descriptor.action_flag, JIT_UNREGISTER_FN);
        assert_null(__jit_debug_descriptor.relevant_entry);
    }
}

/* A link of two units: an entry each, each placing its own unit's
 * symbols where the image has them. */
static void an_entry_per_unit(void **state) {
    (void)state;
    for (size_t o = 0; o < 2; o++) {
        LinkInput in[2] = {{.name = "a.c"}, {.name = "b.c"}};
        unsigned char *a = object_of("extern int b_fn(int);\n"
                                     "int a_fn(int x) { return b_fn(x) + 1; }\n",
                                     opt_levels[o], &in[0].len);
        unsigned char *b = object_of("int b_fn(int x) { return x * 10; }\n", opt_levels[o],
                                     &in[1].len);
        in[0].bytes = a, in[1].bytes = b;
        size_t before = list_length();
        char err[512] = "";
        mj_status why;
        LinkedObject *lo = link_objects(in, 2, NULL, NULL, &why, err, sizeof err);
        if (!lo)
            fail_msg("%s", err);
        free(a);
        free(b);
        assert_int_equal(list_length(), before + 2);
        const JitCodeEntry *eb = __jit_debug_descriptor.first_entry, *ea = eb->next_entry;
        assert_ptr_equal(__jit_debug_descriptor.relevant_entry, eb);
        assert_int_equal(address_for_gdb(ea, "a_fn"), (uintptr_t)link_symbol(lo, "a_fn"));
        assert_int_equal(address_for_gdb(eb, "b_fn"), (uintptr_t)link_symbol(lo, "b_fn"));
        assert_int_equal(symbol(ea, "b_fn")->st_shndx, SHN_UNDEF);
        int (*a_fn)(int) = (int (*)(int))link_symbol(lo, "a_fn");
        assert_int_equal(a_fn(4), 41);
        link_free(lo);
        assert_int_equal(list_length(), before);
        assert_false(listed(ea));
        assert_false(listed(eb));
    }
}

/* Images released in another order than they were linked: the list
 * keeps exactly the ones still linked, each link intact. */
static void released_in_any_order(void **state) {
    (void)state;
    enum { N = 5 };
    static const size_t order[N] = {2, 0, 4, 1, 3};
    size_t len, before = list_length();
    unsigned char *bytes = object_of(unit_src, "-O2", &len);
    LinkedObject *lo[N];
    const JitCodeEntry *entry[N];
    for (size_t i = 0; i < N; i++) {
        lo[i] = link_ok(bytes, len);
        entry[i] = __jit_debug_descriptor.first_entry;
    }
    free(bytes);
    assert_int_equal(list_length(), before + N);
    for (size_t k = 0; k < N; k++) {
        link_free(lo[order[k]]);
        lo[order[k]] = NULL;
        assert_int_equal(list_length(), before + N - 1 - k);
        for (size_t i = 0; i < N; i++)
            assert_int_equal(listed(entry[i]), lo[i] != NULL);
    }
}

/* Threads linking and releasing at once (the TSan gate runs this): the
 * list ends as it began, consistent. */
typedef struct Linking {
    const unsigned char *bytes;
    size_t len;
    int failures;
} Linking;

static void *link_repeatedly(void *arg) {
    Linking *job = arg;
    for (int i = 0; i < 25; i++) {
        char err[512];
        mj_status why;
        LinkedObject *a = link_object(job->bytes, job->len, &why, err, sizeof err);
        LinkedObject *b = link_object(job->bytes, job->len, &why, err, sizeof err);
        int (*twice)(int) = a ? (int (*)(int))link_symbol(a, "twice") : NULL;
        if (!a || !b || twice(1) != 3 + 1 + 9)
            job->failures++;
        link_free(a);
        link_free(b);
    }
    return NULL;
}

static void threads_link_at_once(void **state) {
    (void)state;
    enum { NTHREADS = 4 };
    size_t len, before = list_length();
    unsigned char *bytes = object_of(unit_src, "-O0", &len);
    pthread_t t[NTHREADS];
    Linking job[NTHREADS];
    for (int i = 0; i < NTHREADS; i++) {
        job[i] = (Linking){bytes, len, 0};
        assert_int_equal(pthread_create(&t[i], NULL, link_repeatedly, &job[i]), 0);
    }
    for (int i = 0; i < NTHREADS; i++) {
        pthread_join(t[i], NULL);
        assert_int_equal(job[i].failures, 0);
    }
    free(bytes);
    assert_int_equal(list_length(), before);
}

/* A pthread key made first thing in main, so most likely key 0: a link
 * that failed before making its own thread-local key once deleted key 0
 * (ASan's own, under ASan, which then crashed). */
static pthread_key_t guard_key;
static int guard;

/* Every allocation of a link failing in turn (the hook fails all those
 * after the n-th): the link fails with MJ_ERR_NOMEM and leaves the list
 * as it was, and other code's thread-local keys alone, or works and is
 * listed. */
static void no_memory_during_a_link(void **state) {
    (void)state;
    size_t len, before = list_length();
    unsigned char *bytes = object_of(unit_src, "-O2", &len);
    bool linked = false;
    long n;
    for (n = 0; n < 1000 && !linked; n++) {
        char err[512];
        mj_status why;
        mem_fail_after(n);
        LinkedObject *lo = link_object(bytes, len, &why, err, sizeof err);
        bool fired = mem_fail_fired();
        mem_fail_after(-1);
        assert_ptr_equal(pthread_getspecific(guard_key), &guard);
        if (!lo) {
            assert_true(fired);
            assert_int_equal(why, MJ_ERR_NOMEM);
            assert_int_equal(list_length(), before);
            continue;
        }
        linked = true;
        int (*twice)(int) = (int (*)(int))link_symbol(lo, "twice");
        assert_int_equal(twice(1), 3 + 1 + 9);
        assert_int_equal(list_length(), before + 1);
        link_free(lo);
        assert_int_equal(list_length(), before);
    }
    assert_true(linked);
    assert_true(n > 5);   /* the walk went through the link's allocations */
    free(bytes);
}

static uint64_t no_address(const void *self, size_t i) {
    (void)self, (void)i;
    return 0;
}

/* No memory for the copy: nothing registered, nothing to take back
 * (link.c then leaves the image unseen by gdb and runs it all the same). */
static void no_memory_for_the_copy(void **state) {
    (void)state;
    size_t len, before = list_length();
    unsigned char *bytes = object_of(unit_src, "-O0", &len);
    JitUnit unit = {bytes, len, NULL, no_address, no_address};
    mem_fail_after(0);
    JitDebug *jd = jitdebug_register(&unit, 1);
    mem_fail_after(-1);
    assert_null(jd);
    assert_int_equal(list_length(), before);
    jitdebug_unregister(NULL);
    jd = jitdebug_register(&unit, 1);
    assert_non_null(jd);
    assert_int_equal(list_length(), before + 1);
    /* nothing was loaded: every section at 0, as gdb is shown it */
    assert_int_equal(section(__jit_debug_descriptor.first_entry, ".text")->sh_addr, 0);
    jitdebug_unregister(jd);
    assert_int_equal(list_length(), before);
    free(bytes);
}

/* ------------------------------------------------------------------ */
/* perf's map */

static char perf_path[64];

/* The size of the line of perf_path naming [addr, addr + size) name, or
 * 0 when there is none. */
static unsigned long long perf_line(uintptr_t addr, const char *name) {
    FILE *f = fopen(perf_path, "r");
    if (!f)
        return 0;
    unsigned long long start, size, found = 0;
    char sym[256];
    while (fscanf(f, "%llx %llx %255s", &start, &size, sym) == 3)
        if (start == addr && !strcmp(sym, name))
            found = size;
    fclose(f);
    return found;
}

static void perf_map_names_functions(void **state) {
    (void)state;
    snprintf(perf_path, sizeof perf_path, "/tmp/perf-%ld.map", (long)getpid());
    unlink(perf_path);
    size_t len;
    unsigned char *bytes = object_of(unit_src, "-O0", &len);

    setenv("MEMJIT_PERF_MAP", "1", 1);
    LinkedObject *lo = link_ok(bytes, len);
    unsetenv("MEMJIT_PERF_MAP");
    const JitCodeEntry *e = __jit_debug_descriptor.first_entry;
    uintptr_t twice = (uintptr_t)link_symbol(lo, "twice");
    assert_int_equal(perf_line(twice, "twice"), symbol(e, "twice")->st_size);
    assert_true(perf_line(address_for_gdb(e, "helper"), "helper") > 0);  /* statics too */
    assert_int_equal(perf_line((uintptr_t)link_symbol(lo, "data_value"), "data_value"), 0);
    link_free(lo);

    /* not asked, or asked otherwise: no lines (the file's size, since a
     * new image may well be mapped where the last one was) */
    struct stat st;
    assert_int_equal(stat(perf_path, &st), 0);
    off_t size = st.st_size;
    setenv("MEMJIT_PERF_MAP", "0", 1);
    link_free(link_ok(bytes, len));
    unsetenv("MEMJIT_PERF_MAP");
    link_free(link_ok(bytes, len));
    assert_int_equal(stat(perf_path, &st), 0);
    assert_int_equal(st.st_size, size);
    free(bytes);
    unlink(perf_path);
}

/* ------------------------------------------------------------------ */

/* Through the public API: memjit's own object, with -g's DWARF. */
static void compiled_code_is_registered(void **state) {
    (void)state;
    mj_options opts;
    mj_options_init(&opts);
    opts.debug_info = 1;
    opts.opt_level = 0;
    mj_runtime *rt = mj_runtime_new(&opts, NULL);
    assert_non_null(rt);
    size_t before = list_length();
    static const char src[] = "int add(int a, int b) { int sum = a + b; return sum; }\n";
    mj_module *mod = NULL;
    assert_int_equal(mj_compile(rt, "add.c", src, sizeof src - 1, &mod, NULL), MJ_OK);
    assert_int_equal(list_length(), before + 1);
    const JitCodeEntry *e = __jit_debug_descriptor.first_entry;
    int (*add)(int, int) = (int (*)(int, int))mj_lookup(mod, "add", "int (int, int)");
    assert_non_null(add);
    assert_int_equal(add(2, 3), 5);
    assert_int_equal(address_for_gdb(e, "add"), (uintptr_t)add);
    assert_non_null(section(e, ".debug_info"));
    assert_non_null(section(e, ".rela.debug_info"));
    mj_module_release(mod);
    mj_runtime_free(rt);   /* its cache held the module too */
    assert_int_equal(list_length(), before);
    assert_false(listed(e));
}

static int make_tmpdir(void **state) {
    (void)state;
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int remove_tmpdir(void **state) {
    (void)state;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

int main(void) {
    if (pthread_key_create(&guard_key, NULL) != 0 || pthread_setspecific(guard_key, &guard) != 0)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(an_entry_per_link),
        cmocka_unit_test(an_entry_per_unit),
        cmocka_unit_test(released_in_any_order),
        cmocka_unit_test(threads_link_at_once),
        cmocka_unit_test(no_memory_during_a_link),
        cmocka_unit_test(no_memory_for_the_copy),
        cmocka_unit_test(perf_map_names_functions),
        cmocka_unit_test(compiled_code_is_registered),
    };
    return cmocka_run_group_tests(tests, make_tmpdir, remove_tmpdir);
}
