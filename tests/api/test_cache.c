/*
 * test_cache.c - the in-memory cache, mj_load_blob and memload.
 *
 * Links the static library to reach the test hooks (key_force_collisions,
 * runtime_force_memload_fallback). Store tests are in test_store.c.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "runtime.h"

static const char *const src_a = "int f(void) { return 1; }\n";
static const char *const src_b = "int f(void) { return 2; }\n";

static mj_module *compile_ok(mj_runtime *rt, const char *name, const char *src) {
    mj_module *m = NULL;
    mj_diags *d = NULL;
    mj_status st = mj_compile(rt, name, src, strlen(src), &m, &d);
    if (st != MJ_OK)
        fprintf(stderr, "%s", mj_diags_text(d));
    assert_int_equal(st, MJ_OK);
    assert_non_null(m);
    assert_non_null(d);
    mj_diags_free(d);
    return m;
}

static int call_f(mj_module *m) {
    int (*f)(void) = MJ_FN(m, "f", int, void);
    assert_non_null(f);
    return f();
}

static void hit_and_miss(void **state) {
    mj_runtime *rt = mj_runtime_new(NULL, NULL);
    mj_module *m1 = compile_ok(rt, "a.c", src_a);
    mj_module *m2 = compile_ok(rt, "a.c", src_a);
    assert_ptr_equal(m1, m2);              /* the same module, one more ref */
    mj_module *m3 = compile_ok(rt, "b.c", src_a);   /* another name: a miss */
    assert_ptr_not_equal(m1, m3);
    mj_stats s;
    mj_runtime_stats(rt, &s);
    assert_int_equal(s.hits, 1);
    assert_int_equal(s.misses, 2);
    assert_int_equal(s.compiles, 2);
    assert_int_equal(s.entries, 2);
    assert_true(s.bytes_held > 0);
    assert_true(s.compile_ms > 0);
    mj_module_release(m1);
    mj_module_release(m2);
    assert_int_equal(call_f(m3), 1);
    mj_module_release(m3);
    mj_runtime_free(rt);
}

static void options_are_part_of_the_key(void **state) {
    mj_options o;
    mj_options_init(&o);
    o.cache_max_entries = 0;   /* cache off: every compile compiles */
    mj_runtime *rt = mj_runtime_new(&o, NULL);
    mj_module *m1 = compile_ok(rt, "a.c", src_a);
    mj_module *m2 = compile_ok(rt, "a.c", src_a);
    assert_ptr_not_equal(m1, m2);
    mj_stats s;
    mj_runtime_stats(rt, &s);
    assert_int_equal(s.compiles, 2);
    assert_int_equal(s.hits, 0);
    mj_module_release(m1);
    mj_module_release(m2);
    mj_runtime_free(rt);

    Ident a, b;
    CacheKey ka, kb;
    mj_options_init(&o);
    key_ident_init(&a, &o, NULL, NULL, false, "a.c", src_a, strlen(src_a));
    o.opt_level = 1;
    key_ident_init(&b, &o, NULL, NULL, false, "a.c", src_a, strlen(src_a));
    key_of(&a, &ka);
    key_of(&b, &kb);
    assert_memory_not_equal(ka.b, kb.b, 16);
}

static void collision_is_caught(void **state) {
    mj_runtime *rt = mj_runtime_new(NULL, NULL);
    key_force_collisions(1);
    mj_module *ma = compile_ok(rt, "x.c", src_a);
    mj_module *mb = compile_ok(rt, "x.c", src_b);   /* same key, other bytes */
    mj_module *ma2 = compile_ok(rt, "x.c", src_a);
    key_force_collisions(0);
    assert_int_equal(call_f(ma), 1);
    assert_int_equal(call_f(mb), 2);
    assert_int_equal(call_f(ma2), 1);
    mj_stats s;
    mj_runtime_stats(rt, &s);
    assert_int_equal(s.hits, 0);
    assert_int_equal(s.compiles, 3);
    assert_int_equal(s.entries, 1);     /* one key, the latest module */
    mj_module_release(ma);
    mj_module_release(mb);
    mj_module_release(ma2);
    mj_runtime_free(rt);
}

static void eviction_keeps_held_modules(void **state) {
    mj_options o;
    mj_options_init(&o);
    o.cache_max_entries = 2;
    mj_runtime *rt = mj_runtime_new(&o, NULL);
    mj_module *m1 = compile_ok(rt, "1.c", "int f(void) { return 1; }");
    mj_module *m2 = compile_ok(rt, "2.c", "int f(void) { return 2; }");
    mj_module *m3 = compile_ok(rt, "3.c", "int f(void) { return 3; }");
    mj_stats s;
    mj_runtime_stats(rt, &s);
    assert_int_equal(s.entries, 2);
    assert_int_equal(call_f(m1), 1);    /* evicted, still valid */
    mj_module *again = compile_ok(rt, "1.c", "int f(void) { return 1; }");
    assert_ptr_not_equal(again, m1);    /* compiled again */
    mj_runtime_stats(rt, &s);
    assert_int_equal(s.compiles, 4);
    mj_module_release(m1);
    mj_runtime_free(rt);                /* the cache's refs go; ours stay */
    assert_int_equal(call_f(m2), 2);
    assert_int_equal(call_f(m3), 3);
    assert_int_equal(call_f(again), 1);
    mj_module_release(m2);
    mj_module_release(m3);
    mj_module_release(again);

    mj_options_init(&o);
    o.cache_max_bytes = 1;              /* nothing fits: every entry goes */
    rt = mj_runtime_new(&o, NULL);
    m1 = compile_ok(rt, "1.c", "int f(void) { return 1; }");
    mj_runtime_stats(rt, &s);
    assert_int_equal(s.entries, 0);
    assert_int_equal(call_f(m1), 1);
    mj_module_release(m1);
    mj_runtime_free(rt);
}

/* ---------------------------------------------------------------------
 * N threads, one source, one compile
 * ------------------------------------------------------------------- */

#define NTHREADS 4

typedef struct Racer {
    mj_runtime *rt;
    pthread_barrier_t *start;
    mj_module *mod;
    mj_status st;
} Racer;

static void *race(void *arg) {
    Racer *r = arg;
    static const char src[] = "int f(void) { return 7; }";
    pthread_barrier_wait(r->start);
    r->st = mj_compile(r->rt, "race.c", src, sizeof src - 1, &r->mod, NULL);
    return NULL;
}

static void threads_share_one_compile(void **state) {
    mj_runtime *rt = mj_runtime_new(NULL, NULL);
    pthread_barrier_t start;
    pthread_barrier_init(&start, NULL, NTHREADS);
    pthread_t th[NTHREADS];
    Racer r[NTHREADS];
    for (int i = 0; i < NTHREADS; i++) {
        r[i] = (Racer){.rt = rt, .start = &start};
        pthread_create(&th[i], NULL, race, &r[i]);
    }
    for (int i = 0; i < NTHREADS; i++)
        pthread_join(th[i], NULL);
    pthread_barrier_destroy(&start);
    mj_stats s;
    mj_runtime_stats(rt, &s);
    assert_int_equal(s.compiles, 1);
    assert_int_equal(s.hits + s.misses, NTHREADS);
    for (int i = 0; i < NTHREADS; i++) {
        assert_int_equal(r[i].st, MJ_OK);
        assert_ptr_equal(r[i].mod, r[0].mod);
        assert_int_equal(call_f(r[i].mod), 7);
        mj_module_release(r[i].mod);
    }
    mj_runtime_free(rt);
}

/* A failed compile is not shared: each caller gets its own diagnostics. */
static void failed_compile_is_not_cached(void **state) {
    mj_runtime *rt = mj_runtime_new(NULL, NULL);
    const char *bad = "int f(void) { return x; }";
    for (int i = 0; i < 2; i++) {
        mj_module *m;
        mj_diags *d;
        assert_int_equal(mj_compile(rt, "bad.c", bad, strlen(bad), &m, &d), MJ_ERR_COMPILE);
        assert_null(m);
        assert_true(mj_diags_error_count(d) > 0);
        mj_diags_free(d);
    }
    mj_stats s;
    mj_runtime_stats(rt, &s);
    assert_int_equal(s.entries, 0);
    mj_runtime_free(rt);
}

/* ---------------------------------------------------------------------
 * Included files are part of the key
 * ------------------------------------------------------------------- */

static const char *header_text;

static int resolver(void *user, const char *name, int is_angled, const char *includer,
                    const char **text, size_t *len, const char **display) {
    if (strcmp(name, "val.h") != 0)
        return 0;
    *text = header_text;
    *len = strlen(header_text);
    return 1;
}

static void include_change_is_a_miss(void **state) {
    mj_runtime *rt = mj_runtime_new(NULL, NULL);
    mj_runtime_set_include_resolver(rt, resolver, NULL);
    const char *src = "#include \"val.h\"\nint f(void) { return VAL; }\n";
    header_text = "#define VAL 10\n";
    mj_module *m1 = compile_ok(rt, "inc.c", src);
    mj_module *m2 = compile_ok(rt, "inc.c", src);
    assert_ptr_equal(m1, m2);
    header_text = "#define VAL 20\n";
    mj_module *m3 = compile_ok(rt, "inc.c", src);
    assert_ptr_not_equal(m1, m3);
    assert_int_equal(call_f(m1), 10);
    assert_int_equal(call_f(m3), 20);
    mj_module *m4 = compile_ok(rt, "inc.c", src);
    assert_ptr_equal(m3, m4);
    mj_module_release(m1);
    mj_module_release(m2);
    mj_module_release(m3);
    mj_module_release(m4);
    mj_runtime_free(rt);
}

/* ---------------------------------------------------------------------
 * Shared objects from memory
 * ------------------------------------------------------------------- */

/* A module's shared-object bytes: compiled with a store. */
static unsigned char *blob_of(const char *src, size_t *len, char *dir) {
    char path[256];
    snprintf(path, sizeof path, "%s/blob.db", dir);
    mj_options o;
    mj_options_init(&o);
    o.store_path = path;
    mj_runtime *rt = mj_runtime_new(&o, NULL);
    assert_non_null(rt);
    mj_module *m = compile_ok(rt, "blob.c", src);
    const void *b = mj_module_blob(m, len);
    assert_non_null(b);
    unsigned char *copy = malloc(*len);
    memcpy(copy, b, *len);
    mj_module_release(m);
    mj_runtime_free(rt);
    return copy;
}

static int ctor_events[4];
static int nctor_events;
static void ctor_event(int what) { ctor_events[nctor_events++] = what; }

/* A memjit blob's constructors (__attribute__((constructor)), which memjit
 * runs itself rather than through .init_array) run when mj_load_blob
 * loads it, and its destructors at the last release, as for a compile. */
static void load_blob_runs_constructors(void **state) {
    (void)state;
    char dir[] = "/tmp/mj_cache_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/blob.db", dir);
    mj_options o;
    mj_options_init(&o);
    o.store_path = path;
    mj_runtime *rt = mj_runtime_new(&o, NULL);
    assert_non_null(rt);
    assert_int_equal(mj_define_function(rt, "ctor_event", (void *)ctor_event, "void(int)"),
                     MJ_OK);
    nctor_events = 0;
    mj_module *m = compile_ok(rt, "ctors.c",
                              "void ctor_event(int);\n"
                              "__attribute__((constructor)) static void up(void) { ctor_event(1); }\n"
                              "__attribute__((destructor)) static void down(void) { ctor_event(2); }\n");
    assert_int_equal(nctor_events, 1);
    size_t len;
    const void *b = mj_module_blob(m, &len);
    assert_non_null(b);
    mj_module *loaded = NULL;
    char err[256];
    assert_int_equal(mj_load_blob(rt, b, len, "ctors", &loaded, err, sizeof err), MJ_OK);
    assert_int_equal(nctor_events, 2);
    assert_int_equal(ctor_events[1], 1);
    mj_module_release(loaded);
    assert_int_equal(nctor_events, 3);
    assert_int_equal(ctor_events[2], 2);
    mj_module_release(m);
    mj_runtime_free(rt);   /* its cache held m too */
    assert_int_equal(nctor_events, 4);
    unlink(path);
    char wal[300];
    snprintf(wal, sizeof wal, "%s-wal", path);
    unlink(wal);
    snprintf(wal, sizeof wal, "%s-shm", path);
    unlink(wal);
    rmdir(dir);
}

static void load_blob_finds_names(void **state) {
    char dir[] = "/tmp/mj_cache_XXXXXX";
    assert_non_null(mkdtemp(dir));
    size_t len;
    unsigned char *blob = blob_of("#include <stdio.h>\n"
                                  "int counter = 5;\n"
                                  "int f(void) { return ++counter; }\n"
                                  "static int hidden(void) { return 0; }\n"
                                  "int g(void) { return hidden() + printf(\"\"); }\n",
                                  &len, dir);
    mj_runtime *rt = mj_runtime_new(NULL, NULL);
    mj_module *m;
    char err[256];
    assert_int_equal(mj_load_blob(rt, blob, len, "blob", &m, err, sizeof err), MJ_OK);
    free(blob);   /* copied */
    assert_int_equal(call_f(m), 6);
    int *counter = MJ_VAR(m, "counter", int);
    assert_non_null(counter);
    assert_int_equal(*counter, 6);
    assert_null(mj_module_symbol_type(m, "f"));
    void *p;
    /* No types recorded: any C type name is accepted... */
    assert_int_equal(mj_lookup_ex(m, "f", "double(char)", &p, err, sizeof err), MJ_OK);
    /* ...but it must be one. */
    assert_int_equal(mj_lookup_ex(m, "f", "int(", &p, err, sizeof err), MJ_ERR_BAD_TYPE);
    assert_int_equal(mj_lookup_ex(m, "hidden", "int(void)", &p, err, sizeof err),
                     MJ_ERR_NOT_FOUND);
    /* Only the object's own symbols, not its dependencies'. */
    assert_int_equal(mj_lookup_ex(m, "printf", "int(const char *, ...)", &p, err, sizeof err),
                     MJ_ERR_NOT_FOUND);
    size_t blen;
    assert_non_null(mj_module_blob(m, &blen));
    assert_int_equal(blen, len);
    mj_module_release(m);

    static const char junk[] = "\177ELF but not really a shared object";
    assert_int_equal(mj_load_blob(rt, junk, sizeof junk, "junk", &m, err, sizeof err),
                     MJ_ERR_JIT);
    assert_null(m);
    assert_non_null(strstr(err, "junk"));
    assert_int_equal(mj_load_blob(rt, junk, 0, "junk", &m, err, sizeof err), MJ_ERR_ARG);
    mj_runtime_free(rt);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    assert_int_equal(system(cmd), 0);
}

/* glibc matches a loaded object by its path string: two modules loaded
 * one after the other, and one loaded after another was released, must
 * each be their own code. */
static void modules_loaded_in_turn_stay_apart(void **state) {
    char dir[] = "/tmp/mj_cache_XXXXXX";
    assert_non_null(mkdtemp(dir));
    size_t la, lb, lc;
    unsigned char *a = blob_of("int f(void) { return 11; }", &la, dir);
    unsigned char *b = blob_of("int f(void) { return 22; }", &lb, dir);
    unsigned char *c = blob_of("int f(void) { return 33; }", &lc, dir);
    mj_runtime *rt = mj_runtime_new(NULL, NULL);
    mj_module *ma, *mb, *mc;
    assert_int_equal(mj_load_blob(rt, a, la, "a", &ma, NULL, 0), MJ_OK);
    assert_int_equal(mj_load_blob(rt, b, lb, "b", &mb, NULL, 0), MJ_OK);
    assert_int_equal(call_f(ma), 11);
    assert_int_equal(call_f(mb), 22);
    mj_module_release(ma);
    assert_int_equal(mj_load_blob(rt, c, lc, "c", &mc, NULL, 0), MJ_OK);
    assert_int_equal(call_f(mc), 33);
    assert_int_equal(call_f(mb), 22);
    mj_module_release(mb);
    mj_module_release(mc);
    /* The same bytes twice: two separate objects with their own data. */
    assert_int_equal(mj_load_blob(rt, a, la, "a1", &ma, NULL, 0), MJ_OK);
    assert_int_equal(mj_load_blob(rt, a, la, "a2", &mb, NULL, 0), MJ_OK);
    assert_ptr_not_equal(MJ_FN(ma, "f", int, void), MJ_FN(mb, "f", int, void));
    mj_module_release(ma);
    mj_module_release(mb);
    mj_runtime_free(rt);
    free(a);
    free(b);
    free(c);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    assert_int_equal(system(cmd), 0);
}

/* A shared object built by gcc -shared, read into memory: mj_load_blob's
 * other kind of blob (memload.c). */
static unsigned char *shared_object_of(const char *src, size_t *len, const char *dir) {
    char path[256], cmd[700];
    snprintf(path, sizeof path, "%s/so.c", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(src, f);
    fclose(f);
    snprintf(cmd, sizeof cmd, "gcc -shared -fPIC -o %s/so.so %s", dir, path);
    assert_int_equal(system(cmd), 0);
    snprintf(path, sizeof path, "%s/so.so", dir);
    f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    *len = (size_t)ftell(f);
    rewind(f);
    unsigned char *bytes = malloc(*len);
    assert_int_equal(fread(bytes, 1, *len, f), *len);
    fclose(f);
    return bytes;
}

static void memfd_fallback_works(void **state) {
    char dir[] = "/tmp/mj_cache_XXXXXX";
    assert_non_null(mkdtemp(dir));
    size_t len;
    unsigned char *blob = shared_object_of("int f(void) { return 42; }", &len, dir);
    mj_runtime *rt = mj_runtime_new(NULL, NULL);
    mj_module *m;
    /* A shared object goes through a memfd... */
    assert_int_equal(mj_load_blob(rt, blob, len, "so", &m, NULL, 0), MJ_OK);
    assert_non_null(m->loaded.handle);
    assert_false(m->loaded.used_fallback);
    assert_int_equal(call_f(m), 42);
    mj_module_release(m);
    /* ...or, where there is none, an O_TMPFILE. */
    runtime_force_memload_fallback(rt, 1);
    assert_int_equal(mj_load_blob(rt, blob, len, "fb", &m, NULL, 0), MJ_OK);
    assert_true(m->loaded.used_fallback);
    assert_int_equal(call_f(m), 42);
    mj_module_release(m);
    mj_runtime_free(rt);

    /* A compile, with a store or without, needs neither: its object is
     * linked in memory. */
    char path[256];
    snprintf(path, sizeof path, "%s/fb.db", dir);
    mj_options o;
    mj_options_init(&o);
    o.store_path = path;
    rt = mj_runtime_new(&o, NULL);
    runtime_force_memload_fallback(rt, 1);
    m = compile_ok(rt, "fb.c", "int f(void) { return 43; }");
    assert_non_null(m->linked);
    assert_null(m->loaded.handle);
    assert_int_equal(call_f(m), 43);
    mj_module_release(m);
    mj_runtime_free(rt);
    free(blob);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    assert_int_equal(system(cmd), 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(hit_and_miss),
        cmocka_unit_test(options_are_part_of_the_key),
        cmocka_unit_test(collision_is_caught),
        cmocka_unit_test(eviction_keeps_held_modules),
        cmocka_unit_test(threads_share_one_compile),
        cmocka_unit_test(failed_compile_is_not_cached),
        cmocka_unit_test(include_change_is_a_miss),
        cmocka_unit_test(load_blob_finds_names),
        cmocka_unit_test(load_blob_runs_constructors),
        cmocka_unit_test(modules_loaded_in_turn_stay_apart),
        cmocka_unit_test(memfd_fallback_works),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
