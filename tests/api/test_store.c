/*
 * test_store.c - the persistent SQLite store.
 *
 * Processes are real: fork() gives the cross-process round trip and the
 * concurrent writers. A forked child reports through its exit status
 * (cmocka's asserts belong to the parent). The first test runs before this
 * process has loaded libgccjit, so that a child living on store hits can
 * show that it never loads it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "runtime.h"

#define TABLE "memjit_entries_v2"

static const char *const src_sq = "int sq(int x) { return x * x; }\n";

typedef struct Dir {
    char path[64];
    char db[128];
} Dir;

static void dir_make(Dir *d) {
    strcpy(d->path, "/tmp/mj_store_XXXXXX");
    assert_non_null(mkdtemp(d->path));
    snprintf(d->db, sizeof d->db, "%s/cache.db", d->path);
}

static void dir_remove(Dir *d) {
    char cmd[160];
    snprintf(cmd, sizeof cmd, "chmod -R u+rwx %s; rm -rf %s", d->path, d->path);
    assert_int_equal(system(cmd), 0);
}

static mj_runtime *store_runtime(const char *db, int trust, mj_status *st, char *err,
                                 size_t errlen) {
    mj_options o;
    mj_options_init(&o);
    o.store_path = db;
    o.store_trust_permissions = trust;
    return mj_runtime_new_ex(&o, st, err, errlen);
}

/* Compiles src in a new runtime on db; returns sq(7), or -1. */
static int compile_and_call(const char *db, const char *src, mj_stats *stats) {
    mj_runtime *rt = store_runtime(db, 0, NULL, NULL, 0);
    if (!rt)
        return -1;
    mj_module *m = NULL;
    int r = -1;
    if (mj_compile(rt, "sq.c", src, strlen(src), &m, NULL) == MJ_OK) {
        int (*sq)(int) = MJ_FN(m, "sq", int, int);
        r = sq ? sq(7) : -1;
    }
    mj_runtime_stats(rt, stats);
    mj_module_release(m);
    mj_runtime_free(rt);
    return r;
}

static int libgccjit_mapped(void) {
    FILE *f = fopen("/proc/self/maps", "r");
    char line[512];
    int found = 0;
    while (f && fgets(line, sizeof line, f))
        found |= strstr(line, "libgccjit") != NULL;
    if (f)
        fclose(f);
    return found;
}

/* Child B's checks: a store hit with typed lookup, without libgccjit. */
static int child_store_hit(const char *db) {
    mj_runtime *rt = store_runtime(db, 0, NULL, NULL, 0);
    mj_module *m = NULL;
    if (!rt || mj_compile(rt, "sq.c", src_sq, strlen(src_sq), &m, NULL) != MJ_OK)
        return 10;
    mj_stats s;
    mj_runtime_stats(rt, &s);
    if (s.store_hits != 1 || s.compiles != 0)
        return 11;
    int (*sq)(int) = MJ_FN(m, "sq", int, int);
    if (!sq || sq(9) != 81)
        return 12;
    void *p;
    if (mj_lookup_ex(m, "sq", "double(double)", &p, NULL, 0) != MJ_ERR_TYPE)
        return 13;   /* the types came from the store */
    const char *ty = mj_module_symbol_type(m, "sq");
    if (!ty || strcmp(ty, "int(int)") != 0)
        return 14;
    if (jit_api_loaded() || libgccjit_mapped())
        return 15;
    size_t len;
    if (!mj_module_blob(m, &len) || len == 0)
        return 16;
    mj_module_release(m);
    mj_runtime_free(rt);
    return 0;
}

static int child_compile(const char *db) {
    mj_stats s;
    if (compile_and_call(db, src_sq, &s) != 49)
        return 20;
    return s.compiles == 1 && s.store_hits == 0 ? 0 : 21;
}

static int run_child(int (*fn)(const char *), const char *db) {
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0)
        _exit(fn(db));
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    return WEXITSTATUS(status);
}

static void round_trip_across_processes(void **state) {
    assert_false(libgccjit_mapped());
    Dir d;
    dir_make(&d);
    assert_int_equal(run_child(child_compile, d.db), 0);
    assert_int_equal(run_child(child_store_hit, d.db), 0);
    dir_remove(&d);
}

/* Several processes compiling the same sources into one store at once. */
static int child_compile_two(const char *db) {
    mj_stats s;
    const char *other = "int sq(int x) { return x * x + 0; }\n";
    return compile_and_call(db, src_sq, &s) == 49 && compile_and_call(db, other, &s) == 49
               ? 0 : 30;
}

static void concurrent_processes(void **state) {
    Dir d;
    dir_make(&d);
    enum { N = 3 };
    pid_t pids[N];
    for (int i = 0; i < N; i++) {
        pids[i] = fork();
        assert_true(pids[i] >= 0);
        if (pids[i] == 0)
            _exit(child_compile_two(d.db));
    }
    for (int i = 0; i < N; i++) {
        int status;
        assert_int_equal(waitpid(pids[i], &status, 0), pids[i]);
        assert_true(WIFEXITED(status));
        assert_int_equal(WEXITSTATUS(status), 0);
    }
    mj_runtime *rt = store_runtime(d.db, 0, NULL, NULL, 0);
    mj_store_info info;
    assert_int_equal(mj_store_info_get(rt, &info), MJ_OK);
    assert_int_equal(info.entries, 2);
    mj_runtime_free(rt);
    dir_remove(&d);
}

/* ---------------------------------------------------------------------
 * Damaged and foreign entries
 * ------------------------------------------------------------------- */

static void sql(const char *db, const char *stmt) {
    sqlite3 *h;
    assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
    char *err = NULL;
    int rc = sqlite3_exec(h, stmt, NULL, NULL, &err);
    if (rc != SQLITE_OK)
        fprintf(stderr, "sql: %s\n", err);
    assert_int_equal(rc, SQLITE_OK);
    assert_int_equal(sqlite3_changes(h), 1);
    sqlite3_close(h);
}

/* Compiles once into a fresh store, damages the entry with stmt, then
 * checks that a new runtime recompiles (never runs the damaged code) and
 * that the next one hits the rewritten entry. */
static void damage_then_check(const char *stmt, unsigned long long store_errors) {
    Dir d;
    dir_make(&d);
    mj_stats s;
    assert_int_equal(compile_and_call(d.db, src_sq, &s), 49);
    sql(d.db, stmt);
    assert_int_equal(compile_and_call(d.db, src_sq, &s), 49);
    assert_int_equal(s.store_hits, 0);
    assert_int_equal(s.compiles, 1);
    assert_int_equal(s.store_errors, store_errors);
    assert_int_equal(compile_and_call(d.db, src_sq, &s), 49);
    assert_int_equal(s.store_hits, 1);
    assert_int_equal(s.compiles, 0);
    dir_remove(&d);
}

static void corrupt_blob_is_recompiled(void **state) {
    /* One byte flipped in the middle of the code. */
    damage_then_check("UPDATE " TABLE " SET blob = substr(blob, 1, length(blob) / 2)"
                      " || x'5a' || substr(blob, length(blob) / 2 + 2)", 1);
    /* Truncated. */
    damage_then_check("UPDATE " TABLE " SET blob = substr(blob, 1, 100)", 1);
}

static void foreign_entries_are_ignored(void **state) {
    /* Another schema's row, and another libgccjit's: never read. */
    damage_then_check("UPDATE " TABLE " SET schema = schema + 1", 0);
    damage_then_check("UPDATE " TABLE " SET jit = 'libgccjit 99'", 0);
    /* Another source under the same key (as a collision would make). */
    damage_then_check("UPDATE " TABLE " SET ident = ident || 'x'", 0);
}

/* ---------------------------------------------------------------------
 * Trust and permissions
 * ------------------------------------------------------------------- */

static void unwritable_store(void **state) {
    mj_status st;
    char err[512];
    /* A store that cannot be created: a clear error, no runtime. */
    assert_null(store_runtime("/nonexistent/folder/cache.db", 0, &st, err, sizeof err));
    assert_int_equal(st, MJ_ERR_STORE);
    assert_non_null(strstr(err, "/nonexistent/folder"));

    /* A store this process may read but not write: hits still work,
     * writes fail and are counted, compiles still succeed. */
    Dir d;
    dir_make(&d);
    mj_stats s;
    assert_int_equal(compile_and_call(d.db, src_sq, &s), 49);
    store_force_readonly(1);
    assert_int_equal(compile_and_call(d.db, src_sq, &s), 49);
    assert_int_equal(s.store_hits, 1);
    assert_int_equal(compile_and_call(d.db, "int sq(int x) { return x * x * 1; }", &s), 49);
    assert_int_equal(s.compiles, 1);
    assert_int_equal(s.store_errors, 1);
    store_force_readonly(0);
    dir_remove(&d);
}

/* A file with only an older schema's table (memjit_entries_v1, what
 * memjit 0.1 wrote: shared objects): opened for writing, that table is
 * dropped as ours is made; opened read-only, the store is empty (every
 * lookup a miss, every write a counted error), never an error at open. */
static int has_table(const char *db, const char *name) {
    sqlite3 *h;
    assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
    sqlite3_stmt *q;
    assert_int_equal(sqlite3_prepare_v2(h, "SELECT 1 FROM sqlite_master WHERE name = ?", -1,
                                        &q, NULL), SQLITE_OK);
    sqlite3_bind_text(q, 1, name, -1, SQLITE_STATIC);
    int found = sqlite3_step(q) == SQLITE_ROW;
    sqlite3_finalize(q);
    sqlite3_close(h);
    return found;
}

static void make_old_store(const char *db) {
    sqlite3 *h;
    assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
    assert_int_equal(sqlite3_exec(h, "CREATE TABLE memjit_entries_v1 (id INTEGER PRIMARY KEY,"
                                     " blob BLOB); INSERT INTO memjit_entries_v1 (blob)"
                                     " VALUES (zeroblob(4096));", NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(h);
    chmod(db, 0600);
}

static void older_schema_is_replaced(void **state) {
    (void)state;
    Dir d;
    dir_make(&d);
    make_old_store(d.db);
    mj_stats s;
    store_force_readonly(1);
    mj_status st = MJ_OK;
    char err[512] = "";
    mj_runtime *rt = store_runtime(d.db, 0, &st, err, sizeof err);
    if (!rt)
        fprintf(stderr, "%s\n", err);
    assert_non_null(rt);
    mj_runtime_free(rt);
    assert_int_equal(compile_and_call(d.db, src_sq, &s), 49);
    assert_int_equal(s.compiles, 1);
    assert_int_equal(s.store_errors, 1);
    store_force_readonly(0);
    assert_true(has_table(d.db, "memjit_entries_v1"));
    assert_int_equal(compile_and_call(d.db, src_sq, &s), 49);
    assert_false(has_table(d.db, "memjit_entries_v1"));
    assert_true(has_table(d.db, TABLE));
    assert_int_equal(compile_and_call(d.db, src_sq, &s), 49);
    assert_int_equal(s.store_hits, 1);
    dir_remove(&d);
}

static void store_writable_by_others_is_refused(void **state) {
    Dir d;
    dir_make(&d);
    mj_stats s;
    assert_int_equal(compile_and_call(d.db, src_sq, &s), 49);
    mj_status st;
    char err[512];

    assert_int_equal(chmod(d.db, 0666), 0);
    assert_null(store_runtime(d.db, 0, &st, err, sizeof err));
    assert_int_equal(st, MJ_ERR_STORE);
    assert_non_null(strstr(err, "writable by other users"));
    mj_runtime *rt = store_runtime(d.db, 1, &st, err, sizeof err);   /* trusted */
    assert_non_null(rt);
    mj_runtime_free(rt);
    assert_int_equal(chmod(d.db, 0600), 0);

    assert_int_equal(chmod(d.path, 0777), 0);
    assert_null(store_runtime(d.db, 0, &st, err, sizeof err));
    assert_int_equal(st, MJ_ERR_STORE);
    assert_non_null(strstr(err, "folder"));
    assert_int_equal(chmod(d.path, 0700), 0);

    rt = store_runtime(d.db, 0, &st, err, sizeof err);
    assert_non_null(rt);
    mj_runtime_free(rt);
    dir_remove(&d);
}

/* ---------------------------------------------------------------------
 * The store as a whole
 * ------------------------------------------------------------------- */

static int count_entry(void *user, const mj_store_entry *e) {
    (*(int *)user)++;
    assert_int_equal(strlen(e->key), 32);
    assert_string_equal(e->name, "sq.c");
    assert_true(e->blob_len > 1000);
    return 0;
}

static void list_clear_vacuum(void **state) {
    Dir d;
    dir_make(&d);
    mj_stats s;
    assert_int_equal(compile_and_call(d.db, src_sq, &s), 49);
    assert_int_equal(compile_and_call(d.db, "int sq(int x) { return x * x + 0; }", &s), 49);
    mj_runtime *rt = store_runtime(d.db, 0, NULL, NULL, 0);
    int n = 0;
    assert_int_equal(mj_store_list(rt, count_entry, &n), MJ_OK);
    assert_int_equal(n, 2);
    mj_store_info info;
    assert_int_equal(mj_store_info_get(rt, &info), MJ_OK);
    assert_int_equal(info.entries, 2);
    assert_true(info.bytes > 2000 && info.file_bytes > 0);
    assert_int_equal(mj_store_clear(rt), MJ_OK);
    assert_int_equal(mj_store_vacuum(rt), MJ_OK);
    assert_int_equal(mj_store_info_get(rt, &info), MJ_OK);
    assert_int_equal(info.entries, 0);
    mj_runtime_free(rt);

    rt = mj_runtime_new(NULL, NULL);   /* no store */
    assert_int_equal(mj_store_clear(rt), MJ_ERR_ARG);
    mj_runtime_free(rt);
    dir_remove(&d);
}

static void size_limit_evicts_oldest(void **state) {
    Dir d;
    dir_make(&d);
    mj_options o;
    mj_options_init(&o);
    o.store_path = d.db;
    /* The size of one entry, measured: then room for two and a half. */
    mj_runtime *rt = mj_runtime_new(&o, NULL);
    mj_module *m;
    const char *first = "int sq(int x) { return x * x + 10; }";
    assert_int_equal(mj_compile(rt, "sq.c", first, strlen(first), &m, NULL), MJ_OK);
    mj_module_release(m);
    mj_store_info info;
    assert_int_equal(mj_store_info_get(rt, &info), MJ_OK);
    assert_int_equal(info.entries, 1);
    mj_runtime_free(rt);
    o.store_max_bytes = (size_t)info.bytes * 5 / 2;
    rt = mj_runtime_new(&o, NULL);
    char src[64];
    for (int i = 0; i < 4; i++) {
        snprintf(src, sizeof src, "int sq(int x) { return x * x + %d; }", i);
        assert_int_equal(mj_compile(rt, "sq.c", src, strlen(src), &m, NULL), MJ_OK);
        mj_module_release(m);
    }
    assert_int_equal(mj_store_info_get(rt, &info), MJ_OK);
    assert_true(info.entries >= 1 && info.entries <= 2);
    assert_true(info.bytes <= o.store_max_bytes);
    mj_runtime_free(rt);
    dir_remove(&d);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(round_trip_across_processes),   /* first: see above */
        cmocka_unit_test(concurrent_processes),
        cmocka_unit_test(corrupt_blob_is_recompiled),
        cmocka_unit_test(foreign_entries_are_ignored),
        cmocka_unit_test(unwritable_store),
        cmocka_unit_test(older_schema_is_replaced),
        cmocka_unit_test(store_writable_by_others_is_refused),
        cmocka_unit_test(list_clear_vacuum),
        cmocka_unit_test(size_limit_evicts_oldest),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
