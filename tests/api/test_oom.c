/*
 * test_oom.c - allocation failure is a tested path, for every allocation.
 *
 * Linked with the static library so that it can reach the internal hook
 * of src/alloc.c: mem_fail_after(n) fails, in this thread, every allocation
 * memjit makes after the next n (its arena's and its malloc's alike). Each
 * test walks n = 0, 1, 2, ... over one public call until the call makes no
 * more than n allocations. For every n that failed one, the call must
 * return MJ_ERR_NOMEM and hand out nothing, or, where the allocation was
 * one the call can do without (a cache insertion, a dependency record),
 * succeed with a result that still works. Nothing may leak on any path:
 * the valgrind gate (oom_valgrind) runs this file under memcheck.
 *
 * Every step builds what the call needs with the hook off, so each n sees
 * the same state: a fresh runtime, a store emptied or filled beforehand.
 */
#include <dirent.h>
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

#include "memjit.h"
#include "util.h"

static const char program[] =
    "#include <stdio.h>\n"
    "#include <string.h>\n"
    "#define N 10\n"
    "static int table[N] = {1, 2, 3};\n"
    "const char *names[] = {\"a\", \"b\"};\n"
    "struct bits { unsigned a : 3, b : 5; } packed_bits = {5, 17};\n"
    "int sum(int n) { int s = 0; for (int i = 0; i < n && i < N; i++) s += table[i]; "
    "return s + packed_bits.a; }\n"
    "double avg(const double *v, int n) { double s = 0; while (n--) s += v[n]; return s; }\n"
    "int main(void) { printf(\"%d %s\\n\", sum(3), names[1]); return (int)strlen(names[0]); }\n";

static const char small_program[] = "int twice(int x) { return 2 * x; }\n";

/* One public call made with the hook set to n: returns its status and,
 * through *fired, whether the hook failed an allocation. On MJ_OK the
 * step checks that what it got works. It frees everything it made. */
typedef mj_status (*Step)(void *ctx, long n, bool *fired);

/* The failed allocations of the last walk that the call did without. */
static long absorbed;

/* The allocations the step makes on success (the n at which it stopped
 * failing), after asserting every n below gave an allowed answer. */
static long walk(const char *what, Step step, void *ctx, mj_status final) {
    absorbed = 0;
    for (long n = 0; n < 200000; n++) {
        bool fired = false;
        mj_status st = step(ctx, n, &fired);
        if (!fired) {
            if (st != final)
                fail_msg("%s: without a failed allocation: %s, not %s", what,
                         mj_status_str(st), mj_status_str(final));
            printf("%s: %ld allocations, %ld failures done without\n", what, n, absorbed);
            return n;
        }
        absorbed += st == final;
        if (st != MJ_ERR_NOMEM && st != final)
            fail_msg("%s: allocation %ld failed: %s, not 'out of memory' or %s", what, n,
                     mj_status_str(st), mj_status_str(final));
    }
    fail_msg("%s: still allocating after 200000", what);
    return -1;
}

static void arm(long n) {
    mem_fail_after(n);
}

static bool disarm(void) {
    bool fired = mem_fail_fired();
    mem_fail_after(-1);
    return fired;
}

/* system_dirs: the system headers' folders, or NULL for memjit's own. */
static mj_runtime *runtime_of(size_t cache_entries, const char *store,
                              const char *system_dirs) {
    mj_options o;
    mj_options_init(&o);
    o.cache_max_entries = cache_entries;
    o.store_path = store;
    o.system_headers = system_dirs != NULL;
    o.system_include_dirs = system_dirs;
    mj_runtime *rt = mj_runtime_new(&o, NULL);
    assert_non_null(rt);
    return rt;
}

static mj_runtime *runtime_with(size_t cache_entries, const char *store) {
    return runtime_of(cache_entries, store, NULL);
}

/* A compiled module's code is right: twice() or sum(). */
static void check_module(mj_module *m, bool small) {
    if (small) {
        int (*twice)(int) = (int (*)(int))mj_lookup(m, "twice", "int(int)");
        assert_non_null(twice);
        assert_int_equal(twice(21), 42);
    } else {
        int (*sum)(int) = (int (*)(int))mj_lookup(m, "sum", "int(int)");
        assert_non_null(sum);
        assert_int_equal(sum(3), 11);
    }
}

/* ---- mj_runtime_new ---- */

static mj_status step_runtime_new(void *ctx, long n, bool *fired) {
    const char *store = ctx;
    mj_options o;
    mj_options_init(&o);
    o.store_path = store;
    o.preamble = "#define TWICE(x) ((x) * 2)\n";   /* copied: one more allocation */
    o.system_headers = 1;                           /* the folders are copied too */
    o.system_include_dirs = "/memjit/no/such/folder:/usr/include";
    mj_status st = MJ_OK;
    arm(n);
    mj_runtime *rt = mj_runtime_new(&o, &st);
    *fired = disarm();
    if (rt) {
        assert_int_equal(st, MJ_OK);
        mj_runtime_free(rt);
    } else {
        assert_int_not_equal(st, MJ_OK);
    }
    return st;
}

/* ---- mj_compile, every path ---- */

typedef struct CompileCase {
    const char *src;
    bool small;
    size_t cache_entries;
    const char *store;
    bool store_filled;     /* the store holds the source beforehand: a hit */
    bool cache_filled;     /* the runtime's cache holds it: an in-memory hit */
} CompileCase;

static mj_status step_compile(void *ctx, long n, bool *fired) {
    const CompileCase *cc = ctx;
    mj_runtime *rt = runtime_with(cc->cache_entries, cc->store);
    if (cc->store)
        assert_int_equal(mj_store_clear(rt), MJ_OK);
    mj_module *m = NULL;
    if (cc->store_filled || cc->cache_filled) {
        assert_int_equal(mj_compile(rt, "oom.c", cc->src, strlen(cc->src), &m, NULL), MJ_OK);
        mj_module_release(m);
    }
    if (cc->store_filled) {   /* a fresh runtime: the hit is the store's */
        mj_runtime_free(rt);
        rt = runtime_with(cc->cache_entries, cc->store);
    }
    mj_diags *d = NULL;
    m = (mj_module *)1;
    arm(n);
    mj_status st = mj_compile(rt, "oom.c", cc->src, strlen(cc->src), &m, &d);
    *fired = disarm();
    mj_diags_text(d);   /* formats (and frees below) whatever list came back */
    mj_diags_free(d);
    if (st == MJ_OK) {
        check_module(m, cc->small);
        mj_module_release(m);
    } else {
        assert_null(m);
    }
    mj_runtime_free(rt);
    return st;
}

/* ---- mj_lookup_ex ---- */

typedef struct LookupCase {
    mj_module *mod;
    const char *name, *type;
    mj_status expected;
} LookupCase;

static mj_status step_lookup(void *ctx, long n, bool *fired) {
    const LookupCase *lc = ctx;
    void *addr = (void *)1;
    char why[256];
    arm(n);
    mj_status st = mj_lookup_ex(lc->mod, lc->name, lc->type, &addr, why, sizeof why);
    *fired = disarm();
    if (st == MJ_OK)
        assert_int_equal(((int (*)(int))addr)(4), 8);
    else
        assert_null(addr);
    return st;
}

/* ---- mj_expr ---- */

typedef struct ExprCase {
    size_t cache_entries;
    bool cache_filled;
    bool with_host;
} ExprCase;

static int host_offset = 100;
static int host_add(int a, int b) { return a + b; }

static mj_status step_expr(void *ctx, long n, bool *fired) {
    const ExprCase *ec = ctx;
    mj_runtime *rt = runtime_with(ec->cache_entries, NULL);
    const char *expr = ec->with_host ? "host_add(x, y) + offset" : "x * y + 1";
    if (ec->with_host) {
        assert_int_equal(mj_define_function(rt, "host_add", (void *)host_add, "int(int, int)"),
                         MJ_OK);
        assert_int_equal(mj_define_variable(rt, "offset", &host_offset, "int"), MJ_OK);
    }
    mj_module *m = NULL;
    void *fn = NULL;
    if (ec->cache_filled) {
        assert_int_equal(mj_expr(rt, expr, "int(int x, int y)", &m, &fn, NULL), MJ_OK);
        mj_module_release(m);
    }
    mj_diags *d = NULL;
    arm(n);
    mj_status st = mj_expr(rt, expr, "int(int x, int y)", &m, &fn, &d);
    *fired = disarm();
    mj_diags_free(d);
    if (st == MJ_OK) {
        assert_int_equal(((int (*)(int, int))fn)(6, 7), ec->with_host ? 113 : 43);
        mj_module_release(m);
    } else {
        assert_null(m);
        assert_null(fn);
    }
    mj_runtime_free(rt);
    return st;
}

/* ---- mj_load_blob ---- */

typedef struct BlobCase {
    const void *bytes;
    size_t len;
} BlobCase;

static mj_status step_load_blob(void *ctx, long n, bool *fired) {
    const BlobCase *bc = ctx;
    mj_runtime *rt = runtime_with(0, NULL);
    mj_module *m = (mj_module *)1;
    char why[256];
    arm(n);
    mj_status st = mj_load_blob(rt, bc->bytes, bc->len, "blob", &m, why, sizeof why);
    *fired = disarm();
    if (st == MJ_OK) {
        int (*twice)(int) = (int (*)(int))mj_lookup(m, "twice", "int(int)");
        assert_non_null(twice);
        assert_int_equal(twice(5), 10);
        mj_module_release(m);
    } else {
        assert_null(m);
    }
    mj_runtime_free(rt);
    return st;
}

/* ---- the host calls ---- */

typedef enum HostCall { DEFINE_FUNCTION, DEFINE_VARIABLE, DEFINE_HEADER } HostCall;

static mj_status step_define(void *ctx, long n, bool *fired) {
    HostCall call = *(const HostCall *)ctx;
    mj_runtime *rt = runtime_with(0, NULL);
    /* One definition first: the table grows rather than starts. */
    assert_int_equal(mj_define_header(rt, "first.h", "#define ONE 1\n", 14), MJ_OK);
    static const char header[] = "#define OFFSET 100\nint host_add(int, int);\n";
    arm(n);
    mj_status st = call == DEFINE_FUNCTION
                       ? mj_define_function(rt, "host_add", (void *)host_add, "int(int, int)")
                   : call == DEFINE_VARIABLE
                       ? mj_define_variable(rt, "offset", &host_offset, "int")
                       : mj_define_header(rt, "host.h", header, sizeof header - 1);
    *fired = disarm();
    if (st == MJ_OK) {
        /* The definition is there and works. */
        const char *src = call == DEFINE_FUNCTION
                              ? "int host_add(int, int);\n"
                                "int f(void) { return host_add(2, 3); }\n"
                          : call == DEFINE_VARIABLE ? "extern int offset;\n"
                                                      "int f(void) { return offset + 5; }\n"
                                                    : "#include \"host.h\"\n"
                                                      "int f(void) { return OFFSET + 5; }\n";
        mj_module *m = NULL;
        assert_int_equal(mj_compile(rt, "use.c", src, strlen(src), &m, NULL), MJ_OK);
        int (*f)(void) = (int (*)(void))mj_lookup(m, "f", "int(void)");
        assert_non_null(f);
        assert_int_equal(f(), call == DEFINE_FUNCTION ? 5 : 105);
        mj_module_release(m);
    }
    mj_runtime_free(rt);
    return st;
}

/* ---- mj_diags_text ---- */

static mj_status step_diags_text(void *ctx, long n, bool *fired) {
    mj_runtime *rt = ctx;
    static const char bad[] = "int f(void) { return x; }\n";
    mj_module *m = NULL;
    mj_diags *d = NULL;
    assert_int_equal(mj_compile(rt, "bad.c", bad, strlen(bad), &m, &d), MJ_ERR_COMPILE);
    arm(n);
    const char *text = mj_diags_text(d);
    *fired = disarm();
    /* The text, or "" when it could not be made. */
    mj_status st = *text ? MJ_OK : MJ_ERR_NOMEM;
    if (*text)
        assert_non_null(strstr(text, "bad.c:1:22: error: 'x' undeclared"));
    mj_diags_free(d);
    return st;
}

/* ---- mj_preprocess ---- */

static mj_status step_preprocess(void *ctx, long n, bool *fired) {
    mj_runtime *rt = ctx;
    static const char src[] = "#include <limits.h>\n#define SQ(x) ((x) * (x))\n"
                              "int v = SQ(INT_MAX / 2);\n";
    char *text = NULL;
    mj_diags *d = NULL;
    arm(n);
    mj_status st = mj_preprocess(rt, "p.c", src, strlen(src), &text, &d);
    *fired = disarm();
    if (st == MJ_OK)
        assert_non_null(strstr(text, "int v = ((2147483647 / 2) * (2147483647 / 2));"));
    else
        assert_null(text);
    free(text);
    mj_diags_free(d);
    return st;
}

/* ---- mj_preprocess and mj_compile with system headers ---- */

/* Two system folders: first/sys.h wraps second/sys.h by #include_next. */
static char sys_dir[64] = "/tmp/memjit-oom-sys-XXXXXX";
static char sys_list[256];

static void write_file(const char *dir, const char *name, const char *text) {
    char path[160];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void make_system_folders(void) {
    assert_non_null(mkdtemp(sys_dir));
    char first[112], second[112];
    snprintf(first, sizeof first, "%s/first", sys_dir);
    snprintf(second, sizeof second, "%s/second", sys_dir);
    assert_int_equal(mkdir(first, 0700), 0);
    assert_int_equal(mkdir(second, 0700), 0);
    write_file(first, "sys.h", "#include_next <sys.h>\n#define WRAPPED 1\n");
    write_file(second, "sys.h", "#include \"inner.h\"\n#define SYSV (INNER + 1)\n");
    write_file(second, "inner.h", "#define INNER 41\n");
    snprintf(sys_list, sizeof sys_list, "%s:%s", first, second);
}

static void remove_system_folders(void) {
    static const char *const files[] = {"first/sys.h", "second/sys.h", "second/inner.h",
                                        "first", "second", ""};
    char path[160];
    for (int i = 0; i < 6; i++) {
        snprintf(path, sizeof path, "%s/%s", sys_dir, files[i]);
        remove(path);
    }
}

static mj_runtime *system_runtime(size_t cache_entries) {
    return runtime_of(cache_entries, NULL, sys_list);
}

static const char system_program[] = "#include <sys.h>\nint twice(int x) { return 2 * x "
                                     "+ WRAPPED - 1 + SYSV - 42; }\n";

static mj_status step_preprocess_system(void *ctx, long n, bool *fired) {
    (void)ctx;
    mj_runtime *rt = system_runtime(0);
    char *text = NULL;
    mj_diags *d = NULL;
    arm(n);
    mj_status st = mj_preprocess(rt, "s.c", system_program, strlen(system_program), &text, &d);
    *fired = disarm();
    if (st == MJ_OK)
        assert_non_null(strstr(text, "2 * x + 1 - 1 + (41 + 1) - 42"));
    else
        assert_null(text);
    free(text);
    mj_diags_free(d);
    mj_runtime_free(rt);
    return st;
}

/* A hit in the cache searches the system folders again (stat only). */
static mj_status step_compile_system_hit(void *ctx, long n, bool *fired) {
    mj_runtime *rt = ctx;
    mj_module *m = NULL;
    arm(n);
    mj_status st = mj_compile(rt, "s.c", system_program, strlen(system_program), &m, NULL);
    *fired = disarm();
    if (st == MJ_OK)
        check_module(m, true);
    else
        assert_null(m);
    mj_module_release(m);
    return st;
}

static void test_system_headers(void **state) {
    (void)state;
    make_system_folders();
    assert_true(walk("mj_preprocess, system headers", step_preprocess_system, NULL, MJ_OK) > 10);
    mj_runtime *rt = system_runtime(8);
    mj_module *m = NULL;
    assert_int_equal(mj_compile(rt, "s.c", system_program, strlen(system_program), &m, NULL),
                     MJ_OK);
    check_module(m, true);
    mj_module_release(m);
    assert_true(walk("mj_compile, system headers, cache hit", step_compile_system_hit, rt,
                     MJ_OK) > 0);
    mj_runtime_free(rt);
    remove_system_folders();
}

/* ---- the tests ---- */

/* The store lives in a private folder: memjit refuses one that other
 * users can write, as /tmp is. */
static char store_dir[64] = "/tmp/memjit-oom-XXXXXX";
static char store_path[96];

static int make_store_path(void **state) {
    (void)state;
    if (!mkdtemp(store_dir))
        return -1;
    snprintf(store_path, sizeof store_path, "%s/store.db", store_dir);
    /* gcc's output folders (jit.c) go here too: test_no_folder_left */
    setenv("TMPDIR", store_dir, 1);
    return 0;
}

static int remove_store(void **state) {
    (void)state;
    static const char *const suffixes[] = {"", "-wal", "-shm"};
    char path[128];
    for (int i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s%s", store_path, suffixes[i]);
        unlink(path);
    }
    rmdir(store_dir);
    return 0;
}

/* Every compile above failed one allocation after another, out of
 * memory at every point: none may leave gcc's output folder behind (a
 * report that ran out of memory once escaped before jit.c removed it). */
static void test_no_folder_left(void **state) {
    (void)state;
    DIR *d = opendir(store_dir);
    assert_non_null(d);
    int left = 0;
    for (struct dirent *e; (e = readdir(d));)
        if (!strncmp(e->d_name, "memjit-", 7)) {
            fprintf(stderr, "left behind: %s/%s\n", store_dir, e->d_name);
            left++;
        }
    closedir(d);
    assert_int_equal(left, 0);
}

static void test_runtime_new(void **state) {
    (void)state;
    assert_true(walk("mj_runtime_new", step_runtime_new, NULL, MJ_OK) > 0);
    assert_true(walk("mj_runtime_new with a store", step_runtime_new, store_path, MJ_OK) > 0);
}

static void test_compile_in_memory(void **state) {
    (void)state;
    CompileCase cc = {.src = program};
    /* The front end alone allocates thousands of times for this program. */
    assert_true(walk("mj_compile", step_compile, &cc, MJ_OK) > 1000);
}

static void test_compile_bad_program(void **state) {
    (void)state;
    CompileCase cc = {.src = "int f(void) { return x + ; }\nint g(void) { return y; }\n"};
    assert_true(walk("mj_compile of a bad program", step_compile, &cc, MJ_ERR_COMPILE) > 10);
}

static void test_compile_cached(void **state) {
    (void)state;
    CompileCase miss = {.src = small_program, .small = true, .cache_entries = 16};
    assert_true(walk("mj_compile, cache miss", step_compile, &miss, MJ_OK) > 10);
    CompileCase hit = {.src = small_program, .small = true, .cache_entries = 16,
                       .cache_filled = true};
    assert_true(walk("mj_compile, cache hit", step_compile, &hit, MJ_OK) > 0);
}

static void test_compile_with_store(void **state) {
    (void)state;
    CompileCase miss = {.src = small_program, .small = true, .store = store_path};
    assert_true(walk("mj_compile, store miss", step_compile, &miss, MJ_OK) > 10);
    CompileCase hit = {.src = small_program, .small = true, .store = store_path,
                       .store_filled = true};
    assert_true(walk("mj_compile, store hit", step_compile, &hit, MJ_OK) > 0);
}

static void test_lookup(void **state) {
    (void)state;
    mj_runtime *rt = runtime_with(0, NULL);
    mj_module *m = NULL;
    assert_int_equal(mj_compile(rt, "l.c", small_program, strlen(small_program), &m, NULL),
                     MJ_OK);
    LookupCase ok = {m, "twice", "int (int)", MJ_OK};
    assert_true(walk("mj_lookup_ex", step_lookup, &ok, MJ_OK) > 0);
    LookupCase wrong = {m, "twice", "double(double)", MJ_ERR_TYPE};
    assert_true(walk("mj_lookup_ex, wrong type", step_lookup, &wrong, MJ_ERR_TYPE) > 0);
    LookupCase missing = {m, "thrice", "int(int)", MJ_ERR_NOT_FOUND};
    walk("mj_lookup_ex, no such symbol", step_lookup, &missing, MJ_ERR_NOT_FOUND);
    mj_module_release(m);
    mj_runtime_free(rt);
}

static void test_expr(void **state) {
    (void)state;
    ExprCase plain = {0};
    assert_true(walk("mj_expr", step_expr, &plain, MJ_OK) > 100);
    ExprCase host = {.with_host = true};
    assert_true(walk("mj_expr with host symbols", step_expr, &host, MJ_OK) > 100);
    ExprCase hit = {.cache_entries = 16, .cache_filled = true};
    assert_true(walk("mj_expr, cache hit", step_expr, &hit, MJ_OK) > 0);
}

static void test_load_blob(void **state) {
    (void)state;
    /* A shared object made by memjit itself, through a store. */
    mj_runtime *rt = runtime_with(0, store_path);
    assert_int_equal(mj_store_clear(rt), MJ_OK);
    mj_module *m = NULL;
    assert_int_equal(mj_compile(rt, "b.c", small_program, strlen(small_program), &m, NULL),
                     MJ_OK);
    size_t len = 0;
    const void *bytes = mj_module_blob(m, &len);
    assert_non_null(bytes);
    BlobCase bc = {bytes, len};
    assert_true(walk("mj_load_blob", step_load_blob, &bc, MJ_OK) > 0);
    mj_module_release(m);
    mj_runtime_free(rt);
}

static void test_host_calls(void **state) {
    (void)state;
    HostCall calls[] = {DEFINE_FUNCTION, DEFINE_VARIABLE, DEFINE_HEADER};
    const char *names[] = {"mj_define_function", "mj_define_variable", "mj_define_header"};
    for (int i = 0; i < 3; i++) {
        assert_true(walk(names[i], step_define, &calls[i], MJ_OK) > 0);
        /* Never a definition without its fingerprint: the runtime's keys
         * once fell back to one fixed value when hashing ran out. */
        assert_int_equal(absorbed, 0);
    }
}

static void test_diags_text(void **state) {
    (void)state;
    mj_runtime *rt = runtime_with(0, NULL);
    assert_true(walk("mj_diags_text", step_diags_text, rt, MJ_OK) > 0);
    mj_runtime_free(rt);
}

static void test_preprocess(void **state) {
    (void)state;
    mj_runtime *rt = runtime_with(0, NULL);
    assert_true(walk("mj_preprocess", step_preprocess, rt, MJ_OK) > 10);
    mj_runtime_free(rt);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_runtime_new),
        cmocka_unit_test(test_preprocess),
        cmocka_unit_test(test_system_headers),
        cmocka_unit_test(test_compile_in_memory),
        cmocka_unit_test(test_compile_bad_program),
        cmocka_unit_test(test_compile_cached),
        cmocka_unit_test(test_compile_with_store),
        cmocka_unit_test(test_lookup),
        cmocka_unit_test(test_expr),
        cmocka_unit_test(test_load_blob),
        cmocka_unit_test(test_host_calls),
        cmocka_unit_test(test_diags_text),
        cmocka_unit_test(test_no_folder_left),
    };
    return cmocka_run_group_tests_name("oom", tests, make_store_path, remove_store);
}
