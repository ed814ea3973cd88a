/*
 * test_hoststore.c - the host's own store (mj_options.store_ops): compiled
 * code kept through the host's callbacks, found again by a new runtime
 * without compiling; damaged, truncated, foreign and failing entries are
 * misses, never run; the store-wide calls go through list, get, remove.
 * Public API only; the "host database" is an array in this file.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "memjit.h"

#define MAX_ENTRIES 16

typedef struct Entry {
    char key[33];
    char name[64];
    unsigned char *data;
    size_t len;
} Entry;

typedef struct Db {
    Entry e[MAX_ENTRIES];
    int n;
    int gets, puts, removes;
    int fail_get, fail_put;   /* make the callbacks fail */
} Db;

static Entry *find(Db *db, const char *key) {
    for (int i = 0; i < db->n; i++)
        if (!strcmp(db->e[i].key, key))
            return &db->e[i];
    return NULL;
}

static int db_get(void *user, const char *key, void **data, size_t *len) {
    Db *db = user;
    db->gets++;
    if (db->fail_get)
        return -1;
    Entry *e = find(db, key);
    if (!e)
        return 0;
    *data = malloc(e->len ? e->len : 1);
    memcpy(*data, e->data, e->len);
    *len = e->len;
    return 1;
}

static int db_put(void *user, const char *key, const char *name, const void *data,
                  size_t len) {
    Db *db = user;
    db->puts++;
    if (db->fail_put)
        return -1;
    Entry *e = find(db, key);
    if (!e) {
        assert_true(db->n < MAX_ENTRIES);
        e = &db->e[db->n++];
        e->data = NULL;
        snprintf(e->key, sizeof e->key, "%s", key);
    }
    snprintf(e->name, sizeof e->name, "%s", name);
    free(e->data);
    e->data = malloc(len);
    memcpy(e->data, data, len);
    e->len = len;
    return 0;
}

static int db_remove(void *user, const char *key) {
    Db *db = user;
    db->removes++;
    Entry *e = find(db, key);
    if (e) {
        free(e->data);
        *e = db->e[--db->n];
    }
    return 0;
}

static int db_list(void *user, int (*fn)(void *ctx, const char *key), void *ctx) {
    Db *db = user;
    for (int i = 0; i < db->n; i++)
        if (fn(ctx, db->e[i].key))
            break;
    return 0;
}

static void db_free(Db *db) {
    for (int i = 0; i < db->n; i++)
        free(db->e[i].data);
    memset(db, 0, sizeof *db);
}

static mj_runtime *host_runtime(Db *db, int level) {
    mj_store_ops ops = {.user = db, .get = db_get, .put = db_put, .remove = db_remove,
                        .list = db_list};
    mj_options o;
    mj_options_init(&o);
    o.opt_level = level;
    o.cache_max_entries = 0;   /* every compile asks the store */
    o.store_ops = &ops;        /* copied: ops may go */
    mj_runtime *rt = mj_runtime_new(&o, NULL);
    assert_non_null(rt);
    return rt;
}

static const char *const src_sq = "int sq(int x) { return x * x; }\n";

/* Compiles src_sq in a new runtime on db; returns sq(7) and the stats. */
static int compile_sq(Db *db, int level, mj_stats *s) {
    mj_runtime *rt = host_runtime(db, level);
    mj_module *m = NULL;
    assert_int_equal(mj_compile(rt, "sq.c", src_sq, strlen(src_sq), &m, NULL), MJ_OK);
    int (*sq)(int) = MJ_FN(m, "sq", int, int);
    assert_non_null(sq);
    int r = sq(7);
    mj_runtime_stats(rt, s);
    mj_module_release(m);
    mj_runtime_free(rt);
    return r;
}

static void compiled_once_then_from_the_host(void **state) {
    (void)state;
    for (int level = 0; level <= 2; level += 2) {
        Db db = {0};
        mj_stats s;
        assert_int_equal(compile_sq(&db, level, &s), 49);
        assert_int_equal(s.compiles, 1);
        assert_int_equal(db.n, 1);
        assert_int_equal(strlen(db.e[0].key), 32);
        assert_string_equal(db.e[0].name, "sq.c");
        assert_int_equal(compile_sq(&db, level, &s), 49);
        assert_int_equal(s.compiles, 0);
        assert_int_equal(s.store_hits, 1);
        /* the types came back too */
        mj_runtime *rt = host_runtime(&db, level);
        mj_module *m = NULL;
        assert_int_equal(mj_compile(rt, "sq.c", src_sq, strlen(src_sq), &m, NULL), MJ_OK);
        assert_string_equal(mj_module_symbol_type(m, "sq"), "int(int)");
        void *p;
        assert_int_equal(mj_lookup_ex(m, "sq", "double(double)", &p, NULL, 0), MJ_ERR_TYPE);
        mj_module_release(m);
        mj_runtime_free(rt);
        db_free(&db);
    }
}

/* Every byte flipped, and every length cut: a miss (removed, counted),
 * compiled again and put again; never a crash, never the damaged code. */
static void damaged_entries_are_misses(void **state) {
    (void)state;
    Db db = {0};
    mj_stats s;
    compile_sq(&db, 2, &s);
    size_t len = db.e[0].len;
    unsigned char *good = malloc(len);
    memcpy(good, db.e[0].data, len);
    char key[33];
    memcpy(key, db.e[0].key, 33);
    mj_runtime *rt = host_runtime(&db, 2);
    for (size_t at = 0; at < len; at += (at < 64 ? 1 : 97)) {
        for (int cut = 0; cut < 2; cut++) {
            Entry *e = find(&db, key);
            assert_non_null(e);
            memcpy(e->data, good, len);
            if (cut)
                e->len = at;
            else
                e->data[at] ^= 0x5A;
            mj_module *m = NULL;
            assert_int_equal(mj_compile(rt, "sq.c", src_sq, strlen(src_sq), &m, NULL), MJ_OK);
            int (*sq)(int) = MJ_FN(m, "sq", int, int);
            assert_non_null(sq);
            assert_int_equal(sq(5), 25);
            mj_module_release(m);
            /* put back: a full, good entry again */
            e = find(&db, key);
            assert_non_null(e);
            assert_int_equal(e->len, len);
        }
    }
    mj_stats after;
    mj_runtime_stats(rt, &after);
    assert_true(after.store_errors > 0);
    assert_int_equal(after.store_hits, 0);
    mj_runtime_free(rt);
    free(good);
    db_free(&db);
}

/* Another source's entry under this source's key (what a key collision
 * would look like): its ident differs, so it is a miss. */
static void foreign_entry_is_a_miss(void **state) {
    (void)state;
    Db db = {0};
    mj_stats s;
    compile_sq(&db, 2, &s);
    const char *other = "int sq(int x) { return x + 1000; }\n";
    mj_runtime *rt = host_runtime(&db, 2);
    mj_module *m = NULL;
    assert_int_equal(mj_compile(rt, "sq.c", other, strlen(other), &m, NULL), MJ_OK);
    mj_module_release(m);
    mj_runtime_free(rt);
    assert_int_equal(db.n, 2);
    /* both keys now hold other's entry */
    Entry *sq_entry = &db.e[0], *other_entry = &db.e[1];
    free(sq_entry->data);
    sq_entry->data = malloc(other_entry->len);
    memcpy(sq_entry->data, other_entry->data, other_entry->len);
    sq_entry->len = other_entry->len;
    assert_int_equal(compile_sq(&db, 2, &s), 49);   /* not 1007 */
    assert_int_equal(s.compiles, 1);
    db_free(&db);
}

static void failing_callbacks_only_cost_a_compile(void **state) {
    (void)state;
    Db db = {0};
    mj_stats s;
    db.fail_put = 1;
    assert_int_equal(compile_sq(&db, 2, &s), 49);
    assert_int_equal(s.store_errors, 1);
    assert_int_equal(db.n, 0);
    db.fail_put = 0;
    compile_sq(&db, 2, &s);
    db.fail_get = 1;
    assert_int_equal(compile_sq(&db, 2, &s), 49);
    assert_int_equal(s.compiles, 1);
    assert_int_equal(s.store_errors, 1);
    db_free(&db);
}

typedef struct Listed {
    int n;
    char names[4][64];
    size_t blob_len[4];
} Listed;

static int note_entry(void *user, const mj_store_entry *e) {
    Listed *l = user;
    assert_int_equal(strlen(e->key), 32);
    snprintf(l->names[l->n], sizeof l->names[0], "%s", e->name);
    l->blob_len[l->n++] = e->blob_len;
    return 0;
}

/* list, info and clear through the host's list, get and remove; several
 * translation units are entries of their own. */
static void store_wide_calls(void **state) {
    (void)state;
    Db db = {0};
    mj_runtime *rt = host_runtime(&db, 2);
    mj_source u[2] = {{"u1.c", "int two(void);\nint one(void) { return 1 + two(); }\n", 0},
                      {"u2.c", "int two(void) { return 2; }\n", 0}};
    u[0].len = strlen(u[0].src);
    u[1].len = strlen(u[1].src);
    mj_module *m = NULL;
    assert_int_equal(mj_compile_units(rt, u, 2, &m, NULL), MJ_OK);
    mj_module_release(m);
    Listed l = {0};
    assert_int_equal(mj_store_list(rt, note_entry, &l), MJ_OK);
    assert_int_equal(l.n, 2);
    assert_true((!strcmp(l.names[0], "u1.c") && !strcmp(l.names[1], "u2.c")) ||
                (!strcmp(l.names[0], "u2.c") && !strcmp(l.names[1], "u1.c")));
    assert_true(l.blob_len[0] > 0 && l.blob_len[1] > 0);
    mj_store_info info;
    assert_int_equal(mj_store_info_get(rt, &info), MJ_OK);
    assert_int_equal(info.entries, 2);
    assert_int_equal(info.bytes, db.e[0].len + db.e[1].len);
    assert_int_equal(info.file_bytes, 0);
    assert_int_equal(mj_store_vacuum(rt), MJ_OK);
    /* a new runtime: both units from the host's store */
    mj_runtime *rt2 = host_runtime(&db, 2);
    assert_int_equal(mj_compile_units(rt2, u, 2, &m, NULL), MJ_OK);
    int (*one)(void) = MJ_FN(m, "one", int, void);
    assert_non_null(one);
    assert_int_equal(one(), 3);
    mj_stats s;
    mj_runtime_stats(rt2, &s);
    assert_int_equal(s.store_hits, 2);
    assert_int_equal(s.compiles, 0);
    mj_module_release(m);
    mj_runtime_free(rt2);
    assert_int_equal(mj_store_clear(rt), MJ_OK);
    assert_int_equal(db.n, 0);
    mj_runtime_free(rt);
    db_free(&db);
}

static void bad_options(void **state) {
    (void)state;
    Db db = {0};
    mj_store_ops ops = {.user = &db, .get = db_get, .put = db_put};
    mj_options o;
    mj_options_init(&o);
    o.store_ops = &ops;
    o.store_path = "/tmp/never.db";
    mj_status st = MJ_OK;
    char err[256] = "";
    assert_null(mj_runtime_new_ex(&o, &st, err, sizeof err));
    assert_int_equal(st, MJ_ERR_ARG);
    assert_non_null(strstr(err, "two stores"));
    o.store_path = NULL;
    ops.put = NULL;
    assert_null(mj_runtime_new_ex(&o, &st, err, sizeof err));
    assert_int_equal(st, MJ_ERR_ARG);
    assert_non_null(strstr(err, "get and put are required"));
    /* without list and remove: compiles and hits work, the store-wide
     * calls say MJ_ERR_ARG */
    ops.put = db_put;
    mj_runtime *rt = mj_runtime_new(&o, &st);
    assert_non_null(rt);
    mj_store_info info;
    assert_int_equal(mj_store_info_get(rt, &info), MJ_ERR_ARG);
    assert_int_equal(mj_store_clear(rt), MJ_ERR_ARG);
    mj_module *m = NULL;
    assert_int_equal(mj_compile(rt, "sq.c", src_sq, strlen(src_sq), &m, NULL), MJ_OK);
    mj_module_release(m);
    mj_runtime_free(rt);
    db_free(&db);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(compiled_once_then_from_the_host),
        cmocka_unit_test(damaged_entries_are_misses),
        cmocka_unit_test(foreign_entry_is_a_miss),
        cmocka_unit_test(failing_callbacks_only_cost_a_compile),
        cmocka_unit_test(store_wide_calls),
        cmocka_unit_test(bad_options),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
