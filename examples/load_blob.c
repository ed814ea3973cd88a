/*
 * load_blob - dlopen from memory: a shared object built by gcc ahead of
 * time is kept as a blob in an SQLite table, read back into memory and
 * loaded with mj_load_blob. No compiler runs and no named file is opened:
 * memjit writes the bytes to an anonymous memfd and dlopens that.
 *
 *     load_blob [FOLDER [PLUGIN.so]]
 *
 * FOLDER (default: the current one) receives load_blob.db; PLUGIN.so
 * defaults to the load_blob_plugin.so meson built next to this program.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "memjit.h"

#ifndef PLUGIN_PATH
#define PLUGIN_PATH "load_blob_plugin.so"
#endif

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* The whole file at path in a malloc'd buffer, or NULL. */
static void *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t cap = 0, n = 0, got;
    do {
        if (n == cap) {
            cap = cap ? 2 * cap : 65536;
            char *bigger = realloc(buf, cap);
            if (!bigger) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = bigger;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
    } while (got > 0);
    fclose(f);
    *len = n;
    return buf;
}

/* Stores the bytes of the shared object at so_path in the table
 * shared_objects under name. This is the part a real host does once, at
 * install or upload time. */
static int store_shared_object(sqlite3 *db, const char *name, const char *so_path) {
    size_t len;
    void *bytes = read_file(so_path, &len);
    if (!bytes) {
        fprintf(stderr, "load_blob: cannot read '%s'\n", so_path);
        return -1;
    }
    sqlite3_stmt *st;
    int rc = sqlite3_exec(db,
        "CREATE TABLE IF NOT EXISTS shared_objects("
        "  name TEXT PRIMARY KEY, bytes BLOB NOT NULL)", NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db,
            "INSERT OR REPLACE INTO shared_objects(name, bytes) VALUES (?, ?)",
            -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
        sqlite3_bind_blob64(st, 2, bytes, len, SQLITE_STATIC);
        rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
        sqlite3_finalize(st);
    }
    free(bytes);
    if (rc != SQLITE_OK) {
        fprintf(stderr, "load_blob: %s\n", sqlite3_errmsg(db));
        return -1;
    }
    printf("stored %s (%zu bytes, from %s) in table shared_objects\n",
           name, len, so_path);
    return 0;
}

/* Reads the blob called name back and loads it with mj_load_blob. The
 * bytes are SQLite's, valid until the statement is finalized: memjit
 * copies them, so nothing has to outlive the call. */
static mj_module *load_shared_object(sqlite3 *db, mj_runtime *rt, const char *name) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT bytes FROM shared_objects WHERE name = ?",
                           -1, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "load_blob: %s\n", sqlite3_errmsg(db));
        return NULL;
    }
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    mj_module *mod = NULL;
    if (sqlite3_step(st) == SQLITE_ROW) {
        const void *bytes = sqlite3_column_blob(st, 0);
        size_t len = (size_t)sqlite3_column_bytes(st, 0);
        char err[256];
        double t0 = now_ms();
        mj_status s = mj_load_blob(rt, bytes, len, name, &mod, err, sizeof err);
        double t1 = now_ms();
        if (s == MJ_OK)
            printf("read %zu bytes back and loaded them with mj_load_blob in %.3f ms\n",
                   len, t1 - t0);
        else
            fprintf(stderr, "load_blob: %s: %s\n", mj_status_str(s), err);
    } else {
        fprintf(stderr, "load_blob: no shared object '%s' in the table\n", name);
    }
    sqlite3_finalize(st);
    return mod;
}

/* Where the code at addr lives, as /proc/self/maps names it: the proof
 * that no named file was used (a memfd reads "/memfd:memjit (deleted)"). */
static void print_mapping_of(const void *addr) {
    FILE *f = fopen("/proc/self/maps", "r");
    if (!f)
        return;
    char line[512];
    uintptr_t a = (uintptr_t)addr;
    while (fgets(line, sizeof line, f)) {
        uintptr_t lo, hi;
        int path_at = 0;
        if (sscanf(line, "%" SCNxPTR "-%" SCNxPTR " %*s %*s %*s %*s %n",
                   &lo, &hi, &path_at) < 2 || a < lo || a >= hi)
            continue;
        line[strcspn(line, "\n")] = '\0';
        printf("its code is mapped from: %s\n", path_at ? line + path_at : "?");
        break;
    }
    fclose(f);
}

/* Looks up the plugin's functions by name and calls them. A blob has no
 * recorded C types, so the type strings are checked for being C types but
 * not compared: they are the caller's promise, as with dlsym. */
static int call_plugin(mj_module *mod) {
    const char *(*name)(void) = MJ_FN(mod, "plugin_name", const char *, void);
    int (*version)(void) = MJ_FN(mod, "plugin_version", int, void);
    double (*hyp)(double, double) = MJ_FN(mod, "plugin_hypot", double, double, double);
    int (*describe)(char *, int, int) = MJ_FN(mod, "plugin_describe", int, char *, int, int);
    int *calls = MJ_VAR(mod, "plugin_calls", int);
    if (!name || !version || !hyp || !describe || !calls) {
        fprintf(stderr, "load_blob: %s\n", mj_module_errmsg(mod));
        return -1;
    }
    char buf[80];
    printf("plugin_name() = \"%s\", plugin_version() = %d\n", name(), version());
    printf("plugin_hypot(3, 4) = %g\n", hyp(3, 4));
    describe(buf, (int)sizeof buf, 7);
    printf("plugin_describe(7) = \"%s\"\n", buf);
    printf("plugin_calls = %d\n", *calls);
    print_mapping_of((const void *)hyp);

    /* Only what the object itself defines is found, not what it uses. */
    if (!mj_lookup(mod, "snprintf", "int(char *, unsigned long, const char *, ...)"))
        printf("lookup of snprintf refused: %s\n", mj_module_errmsg(mod));
    return 0;
}

int main(int argc, char **argv) {
    const char *folder = argc > 1 ? argv[1] : ".";
    const char *so_path = argc > 2 ? argv[2] : PLUGIN_PATH;
    if (argc > 3 || (argc > 1 && argv[1][0] == '-')) {
        fprintf(stderr, "usage: load_blob [FOLDER [PLUGIN.so]]\n");
        return 2;
    }
    char db_path[4096];
    snprintf(db_path, sizeof db_path, "%s/load_blob.db", folder);
    sqlite3 *db;
    if (sqlite3_open(db_path, &db) != SQLITE_OK) {
        fprintf(stderr, "load_blob: cannot open '%s': %s\n", db_path, sqlite3_errmsg(db));
        sqlite3_close(db);
        return 1;
    }
    mj_status s;
    mj_runtime *rt = mj_runtime_new(NULL, &s);
    if (!rt) {
        fprintf(stderr, "load_blob: %s\n", mj_status_str(s));
        sqlite3_close(db);
        return 1;
    }
    int status = 1;
    if (store_shared_object(db, "load_blob_plugin.so", so_path) == 0) {
        mj_module *mod = load_shared_object(db, rt, "load_blob_plugin.so");
        if (mod && call_plugin(mod) == 0)
            status = 0;
        mj_module_release(mod);   /* dlclose, and the memfd is closed */
    }
    mj_runtime_free(rt);
    sqlite3_close(db);
    return status;
}
