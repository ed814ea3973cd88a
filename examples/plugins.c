/*
 * plugins - a host application extended at run time by plugins written in
 * C, with no plugin file anywhere on disk: the plugins' sources and their
 * compiled code live in the host's own SQLite database, the host's API is
 * registered with memjit, and memjit keeps compiled code in that database
 * through the store callbacks the host gives it (mj_store_ops).
 *
 *     plugins [FOLDER]
 *
 * The first start in an empty FOLDER (default: the current one) creates
 * FOLDER/plugins.db, seeds it with a few plugin sources, and compiles each
 * one (tens of milliseconds apiece). Every later start finds the code in
 * the same database's table compiled and links it without compiling -
 * without even loading libgccjit - and says so, with timings. The plugins call back into
 * the host through an import table filled when the code is loaded, so the
 * stored code works although the host's functions sit at other addresses
 * in every run.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "memjit.h"

/* ------------------------------------------------------------------------
 * The host's API, as plugins see it
 * ---------------------------------------------------------------------- */

static const char *running;   /* the plugin being run, for host_log */
static int score;
static int host_counter;      /* a host variable plugins read and write */

static void host_log(const char *msg) {
    printf("      [%s] %s\n", running, msg);
}

/* Adds points to the host's score and returns the new total. */
static int host_add_score(int points) {
    score += points;
    return score;
}

/* Served from memory to #include "host.h". Its text is part of the cache
 * key of every plugin that includes it: editing it recompiles them. */
static const char host_h[] =
    "/* host.h - what the plugins host offers to its plugins. */\n"
    "#ifndef HOST_H\n"
    "#define HOST_H\n"
    "#define HOST_API_VERSION 2\n"
    "enum host_bonus { BONUS_SMALL = 1, BONUS_BIG = 10 };\n"
    "void host_log(const char *msg);\n"
    "int host_add_score(int points);\n"
    "extern int host_counter;\n"
    "#endif\n";

/* Registers the API. memjit checks every declaration a plugin makes of
 * these names against the types given here. */
static int define_host_api(mj_runtime *rt) {
    mj_status s;
    if ((s = mj_define_function(rt, "host_log", (void *)host_log, "void(const char *)")) ||
        (s = mj_define_function(rt, "host_add_score", (void *)host_add_score, "int(int)")) ||
        (s = mj_define_variable(rt, "host_counter", &host_counter, "int")) ||
        (s = mj_define_header(rt, "host.h", host_h, strlen(host_h)))) {
        fprintf(stderr, "plugins: cannot define the host API: %s\n", mj_status_str(s));
        return -1;
    }
    return 0;
}

/* ------------------------------------------------------------------------
 * The plugin database
 * ---------------------------------------------------------------------- */

/* What a fresh database is seeded with. Each plugin defines
 * int plugin_run(int). */
static const struct { const char *name, *source; } seed[] = {
    {"greeter.c",
     "#include \"host.h\"\n"
     "\n"
     "int plugin_run(int n) {\n"
     "    host_log(\"hello from a plugin compiled by memjit\");\n"
     "    host_counter += n;\n"
     "    return HOST_API_VERSION;\n"
     "}\n"},
    {"scorer.c",
     "#include \"host.h\"\n"
     "\n"
     "static int bonus(int i) { return i % 4 == 3 ? BONUS_BIG : BONUS_SMALL; }\n"
     "\n"
     "int plugin_run(int n) {\n"
     "    int total = 0;\n"
     "    for (int i = 0; i < n; i++)\n"
     "        total = host_add_score(bonus(i));\n"
     "    return total;\n"
     "}\n"},
    {"report.c",
     "/* No host.h: a plugin may declare what it uses itself. */\n"
     "#include <math.h>\n"
     "#include <stdio.h>\n"
     "\n"
     "void host_log(const char *msg);\n"
     "extern int host_counter;\n"
     "\n"
     "int plugin_run(int n) {\n"
     "    char line[80];\n"
     "    snprintf(line, sizeof line, \"counter = %d, sqrt(%d) = %.4f\",\n"
     "             host_counter, n, sqrt(n));\n"
     "    host_log(line);\n"
     "    return host_counter * n;\n"
     "}\n"},
    {"wrong_type.c",
     "/* Declares a host function with the wrong type: memjit refuses it. */\n"
     "long host_add_score(long points);\n"
     "\n"
     "int plugin_run(int n) { return (int)host_add_score(n); }\n"},
};

/* Creates the table plugins and fills it with the seed. */
static int seed_plugins(sqlite3 *db) {
    sqlite3_stmt *st;
    if (sqlite3_exec(db, "CREATE TABLE plugins(name TEXT PRIMARY KEY, source TEXT NOT NULL)",
                     NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "INSERT INTO plugins(name, source) VALUES (?, ?)",
                           -1, &st, NULL) != SQLITE_OK)
        return -1;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < sizeof seed / sizeof seed[0]; i++) {
        sqlite3_reset(st);
        sqlite3_bind_text(st, 1, seed[i].name, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, seed[i].source, -1, SQLITE_STATIC);
        rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
    }
    sqlite3_finalize(st);
    return rc;
}

/* Whether the table plugins exists yet. */
static int has_plugin_table(sqlite3 *db) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT 1 FROM sqlite_master WHERE name = 'plugins'",
                           -1, &st, NULL) != SQLITE_OK)
        return 0;
    int found = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    return found;
}

/* Opens FOLDER/plugins.db; on the first start creates the table and seeds
 * it (*created = 1). */
static sqlite3 *open_plugin_db(const char *folder, int *created) {
    char path[4096];
    snprintf(path, sizeof path, "%s/plugins.db", folder);
    sqlite3 *db;
    if (sqlite3_open(path, &db) != SQLITE_OK) {
        fprintf(stderr, "plugins: cannot open '%s': %s\n", path, sqlite3_errmsg(db));
        sqlite3_close(db);
        return NULL;
    }
    *created = !has_plugin_table(db);
    if (*created && seed_plugins(db) != 0) {
        fprintf(stderr, "plugins: '%s': %s\n", path, sqlite3_errmsg(db));
        sqlite3_close(db);
        return NULL;
    }
    return db;
}

/* ------------------------------------------------------------------------
 * Compiling or loading, and running
 * ---------------------------------------------------------------------- */

typedef struct {
    int compiled, from_store, rejected;
    double compiled_ms, store_ms;
} Tally;

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Gets one plugin's code through mj_compile (the runtime's statistics say
 * whether it was compiled or came from the store) and runs it. */
static void run_plugin(mj_runtime *rt, const char *name, const char *src, Tally *tally) {
    mj_stats before, after;
    mj_module *mod;
    mj_diags *diags;
    mj_runtime_stats(rt, &before);
    double t0 = now_ms();
    mj_status s = mj_compile(rt, name, src, strlen(src), &mod, &diags);
    double ms = now_ms() - t0;
    mj_runtime_stats(rt, &after);
    if (s != MJ_OK) {
        printf("  %-14s rejected (%s):\n", name, mj_status_str(s));
        mj_diags_print(diags, stdout);
        mj_diags_free(diags);
        tally->rejected++;
        return;
    }
    mj_diags_free(diags);

    const char *how = "found in memory";
    if (after.compiles > before.compiles) {
        how = "compiled";
        tally->compiled++;
        tally->compiled_ms += ms;
    } else if (after.store_hits > before.store_hits) {
        how = "loaded from the store";
        tally->from_store++;
        tally->store_ms += ms;
    }
    int (*plugin_run)(int) = MJ_FN(mod, "plugin_run", int, int);
    if (!plugin_run) {
        printf("  %-14s %s, but unusable: %s\n", name, how, mj_module_errmsg(mod));
        tally->rejected++;
    } else {
        printf("  %-14s %s in %.2f ms\n", name, how, ms);
        running = name;
        int r = plugin_run(10);
        printf("      plugin_run(10) = %d\n", r);
    }
    mj_module_release(mod);
}

/* Runs every plugin of the table, in name order. */
static int run_all(sqlite3 *db, mj_runtime *rt, Tally *tally) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT name, source FROM plugins ORDER BY name",
                           -1, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "plugins: %s\n", sqlite3_errmsg(db));
        return -1;
    }
    while (sqlite3_step(st) == SQLITE_ROW)
        run_plugin(rt, (const char *)sqlite3_column_text(st, 0),
                   (const char *)sqlite3_column_text(st, 1), tally);
    sqlite3_finalize(st);
    return 0;
}

/* Whether libgccjit is mapped into this process: memjit loads it only for
 * a real compile. */
static int libgccjit_loaded(void) {
    FILE *f = fopen("/proc/self/maps", "r");
    char line[512];
    int found = 0;
    while (f && !found && fgets(line, sizeof line, f))
        found = strstr(line, "libgccjit") != NULL;
    if (f)
        fclose(f);
    return found;
}

/* ------------------------------------------------------------------------
 * memjit's store in the host's own database (mj_store_ops)
 *
 * memjit hands the host opaque entries under keys of 32 hex digits; the
 * host keeps them in a table of the database that holds the plugins. A
 * host with no file system at all would do the same with whatever holds
 * its plugins.
 * ---------------------------------------------------------------------- */

static int store_get(void *user, const char *key, void **data, size_t *len) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(user, "SELECT data FROM compiled WHERE key = ?", -1, &st,
                           NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st), found = 0;
    if (rc == SQLITE_ROW) {
        *len = (size_t)sqlite3_column_bytes(st, 0);
        *data = malloc(*len ? *len : 1);   /* memjit frees it */
        if (*data) {
            memcpy(*data, sqlite3_column_blob(st, 0), *len);
            found = 1;
        } else {
            found = -1;
        }
    } else if (rc != SQLITE_DONE) {
        found = -1;
    }
    sqlite3_finalize(st);
    return found;
}

static int store_put(void *user, const char *key, const char *name, const void *data,
                     size_t len) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(user, "INSERT OR REPLACE INTO compiled(key, plugin, data) "
                           "VALUES (?, ?, ?)", -1, &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
    sqlite3_bind_blob64(st, 3, data, len, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

static int store_remove(void *user, const char *key) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(user, "DELETE FROM compiled WHERE key = ?", -1, &st, NULL) !=
        SQLITE_OK)
        return -1;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

static int store_list(void *user, int (*fn)(void *ctx, const char *key), void *ctx) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(user, "SELECT key FROM compiled", -1, &st, NULL) != SQLITE_OK)
        return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if (fn(ctx, (const char *)sqlite3_column_text(st, 0)))
            break;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

/* A runtime whose store is the table compiled of the plugin database. */
static mj_runtime *open_runtime(sqlite3 *db) {
    if (sqlite3_exec(db, "CREATE TABLE IF NOT EXISTS compiled(key TEXT PRIMARY KEY, "
                     "plugin TEXT NOT NULL, data BLOB NOT NULL)", NULL, NULL, NULL) !=
        SQLITE_OK) {
        fprintf(stderr, "plugins: %s\n", sqlite3_errmsg(db));
        return NULL;
    }
    mj_store_ops ops = {.user = db, .get = store_get, .put = store_put,
                        .remove = store_remove, .list = store_list};
    mj_options opts;
    mj_options_init(&opts);
    opts.store_ops = &ops;   /* copied */
    char err[512];
    mj_status s;
    mj_runtime *rt = mj_runtime_new_ex(&opts, &s, err, sizeof err);
    if (!rt)
        fprintf(stderr, "plugins: %s: %s\n", mj_status_str(s), err);
    else
        printf("compiled code is kept in plugins.db, table compiled\n");
    return rt;
}

int main(int argc, char **argv) {
    if (argc > 2 || (argc == 2 && argv[1][0] == '-')) {
        fprintf(stderr, "usage: plugins [FOLDER]\n");
        return 2;
    }
    const char *folder = argc == 2 ? argv[1] : ".";
    double t0 = now_ms();
    int created;
    sqlite3 *db = open_plugin_db(folder, &created);
    if (!db)
        return 1;
    if (created)
        printf("first start in %s: created plugins.db with %zu plugin sources\n",
               folder, sizeof seed / sizeof seed[0]);
    else
        printf("plugin sources from %s/plugins.db\n", folder);

    /* Different in every run (ASLR): stored code finds them by name. */
    printf("host_log is at %p, host_counter at %p in this run\n",
           (void *)host_log, (void *)&host_counter);
    mj_runtime *rt = open_runtime(db);
    Tally tally = {0};
    int status = 1;
    if (rt && define_host_api(rt) == 0 && run_all(db, rt, &tally) == 0)
        status = 0;

    printf("%d compiled (%.1f ms), %d loaded from the store without compiling (%.2f ms), "
           "%d rejected\n",
           tally.compiled, tally.compiled_ms, tally.from_store, tally.store_ms,
           tally.rejected);
    mj_store_info info;
    if (rt && mj_store_info_get(rt, &info) == MJ_OK)
        printf("plugins.db holds %zu compiled plugins (%zu bytes)\n", info.entries, info.bytes);
    printf("host: counter = %d, score = %d; libgccjit %s; whole start %.1f ms\n",
           host_counter, score,
           libgccjit_loaded() ? "was loaded" : "was never loaded", now_ms() - t0);
    mj_runtime_free(rt);
    sqlite3_close(db);
    return status;
}
