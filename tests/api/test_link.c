/*
 * test_link.c - memjit's in-memory linker (src/link.c) on objects gcc -c
 * makes: every relocation kind gcc emits for -fPIC code, thread-local data
 * in several threads, constructors, destructors and atexit handlers,
 * unwinding through linked code, page protections, unmapping, and objects
 * it must refuse (truncated, corrupt, undefined symbols, non-PIC data
 * references out of reach).
 *
 * Each object is compiled at -O0 and at -O2. Links the static library to
 * reach link_object; the executable exports its symbols (-rdynamic) so
 * linked code can reach the counters below as a host's code would.
 */
#include <dlfcn.h>
#include <execinfo.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cmocka.h>

#include "load.h"

static char tmpdir[] = "/tmp/mj_link_XXXXXX";
static const char *const opt_levels[] = {"-O0", "-O2"};

/* Compiles src with gcc -c and the given flags; returns the object's bytes
 * (the caller frees them). */
static unsigned char *object_of(const char *src, const char *flags, size_t *len) {
    char path[256], cmd[768];
    snprintf(path, sizeof path, "%s/t.c", tmpdir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(src, f);
    fclose(f);
    snprintf(cmd, sizeof cmd, "gcc -c %s -o %s/t.o %s", flags, tmpdir, path);
    assert_int_equal(system(cmd), 0);
    snprintf(path, sizeof path, "%s/t.o", tmpdir);
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
    assert_true(link_is_object(bytes, len));
    LinkedObject *lo = link_object(bytes, len, &why, err, sizeof err);
    if (!lo)
        fprintf(stderr, "link_object: %s\n", err);
    assert_non_null(lo);
    assert_int_equal(why, MJ_OK);
    return lo;
}

/* Links src compiled with flags; returns the linker's message, which must
 * contain `expect`, after checking the link was refused. */
static void link_fails_with(const char *src, const char *flags, const char *expect,
                            mj_status status) {
    size_t len;
    unsigned char *bytes = object_of(src, flags, &len);
    char err[512] = "";
    mj_status why = MJ_OK;
    LinkedObject *lo = link_object(bytes, len, &why, err, sizeof err);
    if (lo || !strstr(err, expect))
        fprintf(stderr, "expected a refusal with \"%s\", got \"%s\"\n", expect, err);
    assert_null(lo);
    assert_int_equal(why, status);
    assert_non_null(strstr(err, expect));
    free(bytes);
}

/* A refusal of the linker's own (MJ_ERR_JIT), not one of ld's errors. */
static void link_fails(const char *src, const char *flags, const char *expect) {
    link_fails_with(src, flags, expect, MJ_ERR_JIT);
}

/* ------------------------------------------------------------------ */

/* 64 (a table of pointers in data), PC32 (static data and functions),
 * PLT32 (a call into libc), GOTPCRELX (extern data and a function's
 * address), SIZE32/64 and PC64 (top-level assembly: gcc's C never asks for
 * them, an object may), and a common symbol. */
static const char *const reloc_src =
    "#include <string.h>\n"
    "#include <stdio.h>\n"
    "extern int host_value;\n"
    "static int tab[4] = {1, 2, 3, 4};\n"
    "int *ptrs[] = {&tab[0], &tab[3]};\n"
    "const int answer = 42;\n"
    "const char *names[] = {\"zero\", \"one\", \"two\"};\n"
    "__attribute__((common)) int common_counter;\n"
    "static int triple(int x) { return x * 3; }\n"
    "int (*get_snprintf(void))(char *, size_t, const char *, ...) { return snprintf; }\n"
    "int *host_value_addr(void) { return &host_value; }\n"
    "int use(const char *s) {\n"
    "    common_counter++;\n"
    "    return (int)strlen(s) + triple(tab[2]) + *ptrs[1] + host_value;\n"
    "}\n"
    "const char *name_of(int i) { return names[i]; }\n"
    "char big[1000];\n"
    "__asm__(\".section .data.sizes,\\\"aw\\\"\\n\"\n"
    "        \".globl sizes\\n sizes: .long big@SIZE\\n .long 0\\n .quad big@SIZE + 24\\n\"\n"
    "        \".globl pc64\\n pc64: .quad big - .\\n .text\\n\");\n";

extern int host_value;
int host_value = 1000;
extern __thread int host_thread_value;
__thread int host_thread_value = 3;

static void relocations_of_every_kind(void **state) {
    (void)state;
    for (size_t o = 0; o < 2; o++) {
        char flags[64];
        snprintf(flags, sizeof flags, "-fPIC %s", opt_levels[o]);
        size_t len;
        unsigned char *bytes = object_of(reloc_src, flags, &len);
        LinkedObject *lo = link_ok(bytes, len);
        free(bytes);    /* the linker keeps nothing of its input */

        int (*use)(const char *) = (int (*)(const char *))link_symbol(lo, "use");
        assert_non_null(use);
        assert_int_equal(use("abcde"), 5 + 9 + 4 + 1000);
        int *common = link_symbol(lo, "common_counter");
        assert_non_null(common);
        assert_int_equal(*common, 1);

        int *(*addr)(void) = (int *(*)(void))link_symbol(lo, "host_value_addr");
        assert_ptr_equal(addr(), &host_value);
        typedef int (*snprintf_fn)(char *, size_t, const char *, ...);
        snprintf_fn (*get)(void) = (snprintf_fn (*)(void))link_symbol(lo, "get_snprintf");
        assert_ptr_equal(get(), (snprintf_fn)snprintf);

        const char *(*name_of)(int) = (const char *(*)(int))link_symbol(lo, "name_of");
        assert_string_equal(name_of(2), "two");

        const uint32_t *sizes = link_symbol(lo, "sizes");
        assert_non_null(sizes);
        assert_int_equal(sizes[0], 1000);
        uint64_t size64;
        memcpy(&size64, &sizes[2], 8);
        assert_int_equal(size64, 1024);
        const char *big = link_symbol(lo, "big");
        const unsigned char *pc64 = link_symbol(lo, "pc64");
        int64_t delta;
        memcpy(&delta, pc64, 8);
        assert_ptr_equal((const char *)pc64 + delta, big);

        assert_null(link_symbol(lo, "triple"));    /* static: not exported */
        assert_null(link_symbol(lo, "no_such_symbol"));
        link_free(lo);
    }
}

/* ------------------------------------------------------------------ */

/* General dynamic (an exported variable: TLSGD) and local dynamic (a
 * static one at -O2: TLSLD + DTPOFF32), initialised and zero-filled. */
static const char *const tls_src =
    "__thread int counter = 100;\n"
    "static __thread long hidden[3];\n"
    "__thread unsigned char zeros[64];\n"
    "int bump(void) { hidden[1] += 2; zeros[63]++; return ++counter; }\n"
    "long hidden_of(void) { return hidden[1] + zeros[63]; }\n"
    "int *counter_addr(void) { return &counter; }\n";

typedef struct TlsRun {
    LinkedObject *lo;
    int last;
    long hidden;
    int *addr;
    pthread_barrier_t *all_measured; /* NULL in the main thread */
} TlsRun;

/* Each thread waits until every thread has taken its address: a block
 * freed at one thread's exit may be reused for the next thread's. */
static void *tls_thread(void *arg) {
    TlsRun *run = arg;
    int (*bump)(void) = (int (*)(void))link_symbol(run->lo, "bump");
    long (*hidden_of)(void) = (long (*)(void))link_symbol(run->lo, "hidden_of");
    int *(*addr)(void) = (int *(*)(void))link_symbol(run->lo, "counter_addr");
    for (int i = 0; i < 1000; i++)
        run->last = bump();
    run->hidden = hidden_of();
    run->addr = addr();
    if (run->all_measured)
        pthread_barrier_wait(run->all_measured);
    return NULL;
}

static void thread_local_data_per_thread(void **state) {
    (void)state;
    for (size_t o = 0; o < 2; o++) {
        char flags[64];
        snprintf(flags, sizeof flags, "-fPIC %s", opt_levels[o]);
        size_t len;
        unsigned char *bytes = object_of(tls_src, flags, &len);
        LinkedObject *lo = link_ok(bytes, len);
        free(bytes);
        enum { N = 4 };
        pthread_t t[N];
        TlsRun runs[N];
        pthread_barrier_t all_measured;
        pthread_barrier_init(&all_measured, NULL, N + 1);
        for (int i = 0; i < N; i++) {
            runs[i] = (TlsRun){.lo = lo, .all_measured = &all_measured};
            assert_int_equal(pthread_create(&t[i], NULL, tls_thread, &runs[i]), 0);
        }
        TlsRun mine = {.lo = lo};
        tls_thread(&mine);
        pthread_barrier_wait(&all_measured);
        for (int i = 0; i < N; i++)
            assert_int_equal(pthread_join(t[i], NULL), 0);
        pthread_barrier_destroy(&all_measured);
        for (int i = 0; i < N; i++) {
            assert_int_equal(runs[i].last, 1100);       /* each its own, from 100 */
            assert_int_equal(runs[i].hidden, 2000 + (1000 % 256));
            assert_ptr_not_equal(runs[i].addr, mine.addr);
            for (int j = 0; j < i; j++)
                assert_ptr_not_equal(runs[i].addr, runs[j].addr);
        }
        assert_int_equal(mine.last, 1100);
        /* A second link has its own thread-local block in this thread. */
        bytes = object_of(tls_src, flags, &len);
        LinkedObject *lo2 = link_ok(bytes, len);
        free(bytes);
        int (*bump2)(void) = (int (*)(void))link_symbol(lo2, "bump");
        assert_int_equal(bump2(), 101);
        link_free(lo2);
        link_free(lo);
    }
}

/* A thread-local pointer initialised with an address: .rela.tdata is
 * applied to the image every thread copies. */
static void thread_local_initialised_with_address(void **state) {
    (void)state;
    for (size_t o = 0; o < 2; o++) {
        char flags[64];
        snprintf(flags, sizeof flags, "-fPIC %s", opt_levels[o]);
        size_t len;
        unsigned char *bytes = object_of("int target = 7;\n"
                                         "static int other = 9;\n"
                                         "_Thread_local int *p = &target;\n"
                                         "_Thread_local int *q[2] = {&other, &target};\n"
                                         "int through(void) { return *p + *q[0] * 10; }\n"
                                         "int *where(void) { return p; }\n",
                                         flags, &len);
        LinkedObject *lo = link_ok(bytes, len);
        free(bytes);
        int (*through)(void) = (int (*)(void))link_symbol(lo, "through");
        int *(*where)(void) = (int *(*)(void))link_symbol(lo, "where");
        assert_ptr_equal(where(), link_symbol(lo, "target"));
        assert_int_equal(through(), 97);
        link_free(lo);
    }
}

/* ------------------------------------------------------------------ */

extern int ctor_runs, dtor_runs, atexit_runs, order_seen[4], order_count;
int ctor_runs, dtor_runs, atexit_runs, order_seen[4], order_count;

static const char *const ctor_src =
    "#include <stdlib.h>\n"
    "extern int ctor_runs, dtor_runs, atexit_runs, order_seen[4], order_count;\n"
    "static void on_exit_handler(void) { atexit_runs++; }\n"
    "__attribute__((constructor(200))) static void late(void) {\n"
    "    order_seen[order_count++] = 200; ctor_runs++;\n"
    "}\n"
    "__attribute__((constructor(101))) static void early(void) {\n"
    "    order_seen[order_count++] = 101; ctor_runs++; atexit(on_exit_handler);\n"
    "}\n"
    "__attribute__((destructor)) static void done(void) { dtor_runs++; }\n"
    "int ran(void) { return ctor_runs; }\n";

static void constructors_and_destructors(void **state) {
    (void)state;
    for (size_t o = 0; o < 2; o++) {
        char flags[64];
        snprintf(flags, sizeof flags, "-fPIC %s", opt_levels[o]);
        ctor_runs = dtor_runs = atexit_runs = order_count = 0;
        size_t len;
        unsigned char *bytes = object_of(ctor_src, flags, &len);
        LinkedObject *lo = link_ok(bytes, len);
        free(bytes);
        assert_int_equal(ctor_runs, 2);        /* at link, in priority order */
        assert_int_equal(order_count, 2);
        assert_int_equal(order_seen[0], 101);
        assert_int_equal(order_seen[1], 200);
        assert_int_equal(dtor_runs, 0);
        assert_int_equal(atexit_runs, 0);
        link_free(lo);                        /* at release, not at exit */
        assert_int_equal(dtor_runs, 1);
        assert_int_equal(atexit_runs, 1);
    }
}

/* ------------------------------------------------------------------ */

/* Linked code called from outer_caller calls back into the host, which
 * takes a backtrace: the unwinder must find the linked code's frame in the
 * registered .eh_frame and go on to outer_caller. */
static void *frames[64];
static int nframes;

void host_backtrace(void);
int outer_caller(int (*mid)(int), int x);

void host_backtrace(void) {
    nframes = backtrace(frames, 64);
}

__attribute__((noinline)) int outer_caller(int (*mid)(int), int x) {
    int r = mid(x);
    __asm__ volatile("" ::: "memory");    /* keeps the call from becoming a jump */
    return r + 1;
}

static const char *const unwind_src =
    "extern void host_backtrace(void);\n"
    "static volatile int sink;\n"
    "__attribute__((noinline)) static int leaf(int x) {\n"
    "    char buf[256]; buf[x & 255] = 1; sink = buf[3];\n"
    "    host_backtrace(); return x + sink;\n"
    "}\n"
    "int mid(int x) { int r = leaf(x * 2); sink = r; return r + 1; }\n";

static void unwinds_through_linked_code(void **state) {
    (void)state;
    for (size_t o = 0; o < 2; o++) {
        char flags[64];
        snprintf(flags, sizeof flags, "-fPIC -fomit-frame-pointer %s", opt_levels[o]);
        size_t len;
        unsigned char *bytes = object_of(unwind_src, flags, &len);
        LinkedObject *lo = link_ok(bytes, len);
        free(bytes);
        int (*mid)(int) = (int (*)(int))link_symbol(lo, "mid");
        nframes = 0;
        (void)outer_caller(mid, 3);
        bool saw_mid = false, saw_outer = false;
        for (int i = 0; i < nframes; i++) {
            uintptr_t pc = (uintptr_t)frames[i];
            if (pc > (uintptr_t)mid && pc < (uintptr_t)mid + 256)
                saw_mid = true;
            Dl_info info;
            if (dladdr(frames[i], &info) && info.dli_sname &&
                strcmp(info.dli_sname, "outer_caller") == 0)
                saw_outer = true;
        }
        assert_true(saw_mid);
        assert_true(saw_outer);
        link_free(lo);
    }
}

/* ------------------------------------------------------------------ */

/* The linked code's pages are read and execute, its constant data's read
 * only, its data's read and write; none both writable and executable.
 * Release unmaps them all. */
static void permissions_of(const void *p, char perms[8]) {
    FILE *f = fopen("/proc/self/maps", "r");
    assert_non_null(f);
    char line[512];
    strcpy(perms, "none");
    while (fgets(line, sizeof line, f)) {
        unsigned long lo, hi;
        char pr[8];
        if (sscanf(line, "%lx-%lx %7s", &lo, &hi, pr) == 3 && (uintptr_t)p >= lo &&
            (uintptr_t)p < hi)
            strcpy(perms, pr);
    }
    fclose(f);
}

static bool is_mapped(const void *p) {
    long page = sysconf(_SC_PAGESIZE);
    unsigned char vec;
    void *start = (void *)((uintptr_t)p & ~(uintptr_t)(page - 1));
    return mincore(start, (size_t)page, &vec) == 0;
}

static void pages_are_never_writable_and_executable(void **state) {
    (void)state;
    size_t len;
    unsigned char *bytes = object_of(reloc_src, "-fPIC -O2", &len);
    LinkedObject *lo = link_ok(bytes, len);
    free(bytes);
    void *code = link_symbol(lo, "use");
    const void *rodata = link_symbol(lo, "answer");
    void *data = link_symbol(lo, "common_counter");
    char perms[8];
    permissions_of(code, perms);
    assert_string_equal(perms, "r-xp");
    permissions_of(rodata, perms);
    assert_string_equal(perms, "r--p");
    permissions_of(data, perms);
    assert_string_equal(perms, "rw-p");
    assert_int_equal(*(const int *)rodata, 42);
    link_free(lo);
    assert_false(is_mapped(code));
    assert_false(is_mapped(rodata));
    assert_false(is_mapped(data));
}

/* ------------------------------------------------------------------ */

static void weak_undefined_is_null(void **state) {
    (void)state;
    for (size_t o = 0; o < 2; o++) {
        char flags[64];
        snprintf(flags, sizeof flags, "-fPIC %s", opt_levels[o]);
        size_t len;
        unsigned char *bytes = object_of(
            "extern int maybe_there(void) __attribute__((weak));\n"
            "extern int weak_data __attribute__((weak));\n"
            "int has(void) { return (maybe_there ? 1 : 0) + (&weak_data ? 2 : 0); }\n"
            "int host_has(void) { extern int host_value __attribute__((weak));\n"
            "                     return &host_value != 0; }\n",
            flags, &len);
        LinkedObject *lo = link_ok(bytes, len);
        free(bytes);
        int (*has)(void) = (int (*)(void))link_symbol(lo, "has");
        assert_int_equal(has(), 0);
        int (*host_has)(void) = (int (*)(void))link_symbol(lo, "host_has");
        assert_int_equal(host_has(), 1);
        link_free(lo);
    }
}

static void undefined_symbol_is_refused(void **state) {
    (void)state;
    /* ld's error, the program's: MJ_ERR_COMPILE */
    link_fails_with("extern int no_such_function_anywhere(void);\n"
                    "int f(void) { return no_such_function_anywhere(); }\n",
                    "-fPIC -O2", "undefined reference to 'no_such_function_anywhere'",
                    MJ_ERR_COMPILE);
    link_fails_with("extern int no_such_data_anywhere;\n"
                    "int f(void) { return no_such_data_anywhere; }\n",
                    "-fPIC -O0", "undefined reference to 'no_such_data_anywhere'",
                    MJ_ERR_COMPILE);
}

typedef struct Names {
    char seen[4][64];
    int n;
} Names;

static void note_name(void *ctx, size_t unit, const char *name) {
    Names *names = ctx;
    assert_int_equal(unit, 0);
    if (names->n < 4)
        snprintf(names->seen[names->n], sizeof names->seen[0], "%s", name);
    names->n++;
}

static void note_name_any(void *ctx, size_t unit, const char *name) {
    Names *names = ctx;
    assert_int_equal(unit, 1);
    if (names->n < 4)
        snprintf(names->seen[names->n], sizeof names->seen[0], "%s", name);
    names->n++;
}

/* Like ld, the linker names every undefined symbol, not just the first. */
static void every_undefined_symbol_is_named(void **state) {
    (void)state;
    size_t len;
    unsigned char *bytes = object_of("extern int undef_a(void), undef_b;\n"
                                     "extern int maybe(void) __attribute__((weak));\n"
                                     "int f(void) { return undef_a() + undef_b + undef_a()\n"
                                     "                     + (maybe ? maybe() : 0); }\n",
                                     "-fPIC -O2", &len);
    Names names = {.n = 0};
    char err[512] = "";
    mj_status why = MJ_OK;
    LinkInput in = {bytes, len, "f.c", false};
    assert_null(link_objects(&in, 1, note_name, &names, &why, err, sizeof err));
    free(bytes);
    assert_int_equal(why, MJ_ERR_COMPILE);
    assert_int_equal(names.n, 2);    /* each once; the weak one is not an error */
    bool a = !strcmp(names.seen[0], "undef_a") || !strcmp(names.seen[1], "undef_a");
    bool b = !strcmp(names.seen[0], "undef_b") || !strcmp(names.seen[1], "undef_b");
    assert_true(a && b);
    assert_non_null(strstr(err, "and 1 more"));
}

/* Several objects, one image: each unit's definitions bind the others'
 * references (calls both ways, data, thread-local data), a strong
 * definition wins over a weak one, statics and memjit's reserved __mj_
 * names stay each unit's own. */
static void units_link_together(void **state) {
    (void)state;
    static const char *const a_src =
        "extern int b_twice(int); extern int b_data; extern _Thread_local int b_tls;\n"
        "static int own(void) { return 1; }\n"
        "int __mj_tag = 10;\n"
        "__attribute__((weak)) int chosen(void) { return -1; }\n"
        "int a_inc(int x) { return x + own(); }\n"
        "int a_main(void) { b_tls += 3; return b_twice(20) + b_data + chosen() + b_tls; }\n";
    static const char *const b_src =
        "extern int a_inc(int);\n"
        "static int own(void) { return 100; }\n"
        "int __mj_tag = 20;\n"
        "int chosen(void) { return 1000 + own(); }\n"
        "int b_data = 5; _Thread_local int b_tls = 4;\n"
        "int b_twice(int x) { return 2 * a_inc(x); }\n";
    for (size_t o = 0; o < 2; o++) {
        char flags[64];
        snprintf(flags, sizeof flags, "-fPIC %s", opt_levels[o]);
        LinkInput in[2] = {{NULL, 0, "a.c", false}, {NULL, 0, "b.c", false}};
        unsigned char *a = object_of(a_src, flags, &in[0].len);
        unsigned char *b = object_of(b_src, flags, &in[1].len);
        in[0].bytes = a;
        in[1].bytes = b;
        char err[512] = "";
        mj_status why;
        LinkedObject *lo = link_objects(in, 2, NULL, NULL, &why, err, sizeof err);
        if (!lo)
            fail_msg("%s", err);
        assert_int_equal(link_unit_count(lo), 2);
        int (*a_main)(void) = (int (*)(void))link_symbol(lo, "a_main");
        /* 2*(20+1) + 5 + 1100 + 7 */
        assert_int_equal(a_main(), 42 + 5 + 1100 + 7);
        assert_null(link_symbol(lo, "__mj_tag"));
        assert_int_equal(*(int *)link_unit_symbol(lo, 0, "__mj_tag"), 10);
        assert_int_equal(*(int *)link_unit_symbol(lo, 1, "__mj_tag"), 20);
        link_free(lo);
        free(a);
        free(b);
    }
}

/* Commons (gcc -fcommon's tentative definitions) merge into one, as ld
 * merges them; a unit marked no_common (memjit's own, compiled as gcc's
 * default -fno-common) makes a second definition an error. */
static void commons_merge_unless_no_common(void **state) {
    (void)state;
    LinkInput in[2] = {{NULL, 0, "c1.c", false}, {NULL, 0, "c2.c", false}};
    unsigned char *one = object_of("int shared;\nint *one(void) { return &shared; }\n",
                                   "-fPIC -fcommon -O2", &in[0].len);
    unsigned char *two = object_of("int shared;\nint *two(void) { return &shared; }\n",
                                   "-fPIC -fcommon -O2", &in[1].len);
    in[0].bytes = one, in[1].bytes = two;
    char err[512] = "";
    mj_status why;
    LinkedObject *lo = link_objects(in, 2, NULL, NULL, &why, err, sizeof err);
    if (!lo)
        fail_msg("%s", err);
    int *(*f1)(void) = (int *(*)(void))link_symbol(lo, "one");
    int *(*f2)(void) = (int *(*)(void))link_symbol(lo, "two");
    assert_ptr_equal(f1(), f2());
    link_free(lo);
    in[0].no_common = in[1].no_common = true;
    assert_null(link_objects(in, 2, NULL, NULL, &why, err, sizeof err));
    assert_int_equal(why, MJ_ERR_COMPILE);
    assert_string_equal(err, "c2.c: multiple definition of 'shared'; c1.c: first defined here");
    free(one);
    free(two);
}

/* As ld: two strong definitions are an error naming both units; an
 * undefined reference names its unit. */
static void units_multiple_definition_and_undefined(void **state) {
    (void)state;
    LinkInput in[3] = {{NULL, 0, "one.c", false}, {NULL, 0, "two.c", false},
                       {NULL, 0, "three.c", false}};
    unsigned char *one = object_of("int twice = 1;\n", "-fPIC -O2", &in[0].len);
    unsigned char *two = object_of("int twice = 2;\n", "-fPIC -O2", &in[1].len);
    unsigned char *three = object_of("extern int nowhere(void);\n"
                                     "int use(void) { return nowhere(); }\n",
                                     "-fPIC -O2", &in[2].len);
    in[0].bytes = one, in[1].bytes = two, in[2].bytes = three;
    char err[512] = "";
    mj_status why = MJ_OK;
    assert_null(link_objects(in, 2, NULL, NULL, &why, err, sizeof err));
    assert_int_equal(why, MJ_ERR_COMPILE);
    assert_string_equal(err, "two.c: multiple definition of 'twice'; one.c: first defined here");
    Names names = {.n = 0};
    assert_null(link_objects(in + 1, 2, note_name_any, &names, &why, err, sizeof err));
    assert_string_equal(err, "three.c: undefined reference to 'nowhere'");
    assert_int_equal(why, MJ_ERR_COMPILE);
    assert_int_equal(names.n, 1);
    free(one);
    free(two);
    free(three);
}

/* Without -fPIC, gcc reaches extern data with a 32-bit PC-relative
 * offset. Where the object lands within 2 GiB of the host's data the
 * offset fits and the link is right; elsewhere (the usual case: the
 * mapping goes where the kernel puts it) it is refused, never wrong. */
static void non_pic_reference_is_right_or_refused(void **state) {
    (void)state;
    size_t len;
    unsigned char *bytes = object_of("extern int host_value;\n"
                                     "int f(void) { return host_value; }\n",
                                     "-fno-pic -O2", &len);
    char err[512] = "";
    mj_status why = MJ_OK;
    LinkedObject *lo = link_object(bytes, len, &why, err, sizeof err);
    free(bytes);
    if (lo) {
        int (*f)(void) = (int (*)(void))link_symbol(lo, "f");
        assert_int_equal(f(), host_value);
        link_free(lo);
    } else {
        assert_int_equal(why, MJ_ERR_JIT);
        assert_non_null(strstr(err, "R_X86_64_PC32 against 'host_value'"));
        assert_non_null(strstr(err, "out of range"));
    }
}

/* Initial-exec TLS needs the object in the static TLS block, which only
 * the program's own loader can give. */
static void initial_exec_tls_is_refused(void **state) {
    (void)state;
    link_fails("__thread int t;\nint f(void) { return t; }\n",
               "-fno-pic -O2", "TLS models are not supported");
}

/* A thread-local variable of the process (the host's, exported) is in
 * glibc's TLS blocks: refused, saying so (it was "mixes thread-local and
 * ordinary data"). */
static void host_thread_local_is_refused(void **state) {
    (void)state;
    host_thread_value++;
    link_fails("extern __thread int host_thread_value;\n"
               "int f(void) { return host_thread_value; }\n",
               "-fPIC -O2", "'host_thread_value' is a thread-local variable of the host");
}

/* ------------------------------------------------------------------ */

/* Every prefix of a valid object, and the object with one byte of its
 * ELF, section or symbol headers damaged, is refused or linked; never a
 * crash. A truncated one is always refused. */
static void truncated_and_corrupt_objects(void **state) {
    (void)state;
    size_t len;
    unsigned char *bytes = object_of(reloc_src, "-fPIC -O2", &len);
    char err[512];
    mj_status why;
    for (size_t n = 0; n < len; n += (n < 128 ? 1 : 61)) {
        unsigned char *copy = malloc(n ? n : 1);
        memcpy(copy, bytes, n);
        err[0] = '\0';
        LinkedObject *lo = link_object(copy, n, &why, err, sizeof err);
        assert_null(lo);
        assert_int_equal(why, MJ_ERR_JIT);
        assert_true(err[0] != '\0');
        free(copy);
    }
    unsigned char *copy = malloc(len);
    for (size_t off = 0; off < len; off += 7) {
        memcpy(copy, bytes, len);
        copy[off] ^= 0xA5;
        err[0] = '\0';
        LinkedObject *lo = link_object(copy, len, &why, err, sizeof err);
        if (lo)
            link_free(lo);
        else
            assert_true(err[0] != '\0');
    }
    free(copy);
    free(bytes);
}

static void not_an_object(void **state) {
    (void)state;
    static const char text[] = "int f(void) { return 1; }";
    assert_false(link_is_object(text, sizeof text));
    assert_false(link_is_object(NULL, 0));
    char err[256] = "";
    mj_status why;
    assert_null(link_object(text, sizeof text, &why, err, sizeof err));
    assert_int_equal(why, MJ_ERR_JIT);
    assert_non_null(strstr(err, "ELF"));
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
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(relocations_of_every_kind),
        cmocka_unit_test(thread_local_data_per_thread),
        cmocka_unit_test(constructors_and_destructors),
        cmocka_unit_test(unwinds_through_linked_code),
        cmocka_unit_test(pages_are_never_writable_and_executable),
        cmocka_unit_test(weak_undefined_is_null),
        cmocka_unit_test(undefined_symbol_is_refused),
        cmocka_unit_test(every_undefined_symbol_is_named),
        cmocka_unit_test(units_link_together),
        cmocka_unit_test(thread_local_initialised_with_address),
        cmocka_unit_test(units_multiple_definition_and_undefined),
        cmocka_unit_test(commons_merge_unless_no_common),
        cmocka_unit_test(non_pic_reference_is_right_or_refused),
        cmocka_unit_test(initial_exec_tls_is_refused),
        cmocka_unit_test(host_thread_local_is_refused),
        cmocka_unit_test(truncated_and_corrupt_objects),
        cmocka_unit_test(not_an_object),
    };
    return cmocka_run_group_tests(tests, make_tmpdir, remove_tmpdir);
}
