/*
 * store.c - the persistent store: compiled objects in one SQLite file,
 * shared by every process that names it; and the store interface
 * (StoreClass, cache.h) through which the runtime uses it or the host's
 * own (hoststore.c).
 *
 * One table, named after the schema so that another schema's rows are
 * never read (a row also records its schema and libgccjit's identity, and
 * both are checked). It is a rowid table with a UNIQUE index on the
 * 16-byte key: measured here, it reads a 15 KB blob about twice as fast as
 * a WITHOUT ROWID table keyed by the hash, whose big rows spill into
 * overflow pages of the b-tree that holds the keys.
 *
 * A row holds what a hit needs so that it never compiles: the
 * relocatable object and its checksum, the symbol table with C types (typed lookup),
 * the include dependencies (re-checked by the caller), and the ident bytes
 * (compared in full, as in memory).
 *
 * Several processes: WAL mode (readers never block the writer), a busy
 * timeout, and an upsert on the key, so processes that compile the same
 * sources at once all succeed and leave one row per key. synchronous =
 * NORMAL: a power cut may lose the last entries, never corrupt the file,
 * and a lost entry is only a recompile.
 *
 * Trust: the store decides what code this process runs. A file or folder
 * that another user can write (or owns) is refused, as ssh refuses such
 * key files, unless the host says otherwise. The checksum catches
 * corruption (a flipped byte, a truncated blob), not an attacker: one who
 * can write the file can write a matching checksum too.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cache.h"
#include "jitapi.h"

#define STR_(x) #x
#define STR(x) STR_(x)
#define TABLE "memjit_entries_v" STR(MJ_CACHE_SCHEMA)
#define BUSY_TIMEOUT_MS 10000
#define TOUCH_INTERVAL_S 60   /* last_used is written at most this often */

typedef struct SqlStore {
    Store base;               /* first: a Store * is a SqlStore * */
    pthread_mutex_t lock;     /* one connection, used by one thread at a time */
    sqlite3 *db;
    sqlite3_stmt *get, *put, *touch, *drop;
    StoreOptions opts;
    char errmsg[256];
} SqlStore;

static const StoreClass sql_class;
static void sql_close(Store *base);

static const char *const schema_sql =
    "CREATE TABLE IF NOT EXISTS " TABLE " ("
    " id INTEGER PRIMARY KEY,"
    " key BLOB NOT NULL UNIQUE,"
    " schema INTEGER NOT NULL,"
    " jit TEXT NOT NULL,"
    " name TEXT NOT NULL,"
    " ident BLOB NOT NULL,"
    " deps BLOB NOT NULL,"
    " syms BLOB NOT NULL,"
    " blob BLOB NOT NULL,"
    " blob_hash BLOB NOT NULL,"
    " size INTEGER NOT NULL,"
    " created INTEGER NOT NULL,"
    " last_used INTEGER NOT NULL);"
    "CREATE INDEX IF NOT EXISTS " TABLE "_lru ON " TABLE " (last_used);"
    /* schema 1's rows (shared objects, which no memjit of schema 2 reads)
     * would take their space for ever */
    "DROP TABLE IF EXISTS memjit_entries_v1;";

/* ---------------------------------------------------------------------
 * Trust: who may write the file and its folder
 * ------------------------------------------------------------------- */

static const char *untrusted_because(const struct stat *st) {
    if (st->st_uid != getuid() && st->st_uid != 0)
        return "is owned by another user";
    if (st->st_mode & (S_IWGRP | S_IWOTH))
        return "is writable by other users";
    return NULL;
}

static bool check_trust(const char *path, mj_status *status, char *errbuf, size_t errlen) {
    char *copy = mem_strdup(path);
    if (!copy) {
        *status = MJ_ERR_NOMEM;
        errbuf_printf(errbuf, errlen, "out of memory");
        return false;
    }
    const char *dir = dirname(copy);
    struct stat st;
    const char *why = NULL, *what = dir;
    if (stat(dir, &st) != 0) {
        errbuf_printf(errbuf, errlen, "store '%s': folder '%s': %s", path, dir, strerror(errno));
        free(copy);
        return false;
    }
    why = untrusted_because(&st);
    if (!why && stat(path, &st) == 0) {
        what = path;
        why = !S_ISREG(st.st_mode) ? "is not a regular file" : untrusted_because(&st);
    }
    if (why)
        errbuf_printf(errbuf, errlen,
                "store '%s': %s '%s' %s, so others could change the code this "
                "process runs; fix its permissions or turn the check off",
                path, what == path ? "file" : "folder", what, why);
    free(copy);
    return why == NULL;
}

/* ---------------------------------------------------------------------
 * Opening
 * ------------------------------------------------------------------- */

static bool exec_sql(SqlStore *st, const char *sql) {
    char *msg = NULL;
    if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) == SQLITE_OK)
        return true;
    snprintf(st->errmsg, sizeof st->errmsg, "%s", msg ? msg : sqlite3_errmsg(st->db));
    sqlite3_free(msg);
    return false;
}

/* exec_sql for the statements of opening, retried while another process
 * holds the lock: switching to WAL mode (and a first schema) can answer
 * SQLITE_BUSY at once, without waiting in the busy handler, when several
 * processes open a new store together. */
static bool exec_sql_patiently(SqlStore *st, const char *sql) {
    for (int waited_ms = 0;; waited_ms += 10) {
        if (exec_sql(st, sql))
            return true;
        int err = sqlite3_errcode(st->db) & 0xff;
        if ((err != SQLITE_BUSY && err != SQLITE_LOCKED) || waited_ms >= BUSY_TIMEOUT_MS)
            return false;
        struct timespec ts = {0, 10 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
}

static bool prepare(SqlStore *st, sqlite3_stmt **out, const char *sql) {
    if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, out, NULL) == SQLITE_OK)
        return true;
    snprintf(st->errmsg, sizeof st->errmsg, "%s", sqlite3_errmsg(st->db));
    return false;
}

static const char *const get_sql =
    "SELECT id, schema, jit, ident, deps, syms, blob, blob_hash, last_used"
    " FROM " TABLE " WHERE key = ?1";
static const char *const put_sql =
    "INSERT INTO " TABLE " (key, schema, jit, name, ident, deps, syms,"
    " blob, blob_hash, size, created, last_used)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)"
    " ON CONFLICT (key) DO UPDATE SET schema = excluded.schema,"
    " jit = excluded.jit, name = excluded.name, ident = excluded.ident,"
    " deps = excluded.deps, syms = excluded.syms, blob = excluded.blob,"
    " blob_hash = excluded.blob_hash, size = excluded.size,"
    " created = excluded.created, last_used = excluded.last_used";
static const char *const touch_sql = "UPDATE " TABLE " SET last_used = ?2 WHERE id = ?1";
static const char *const drop_sql = "DELETE FROM " TABLE " WHERE id = ?1";

/* The statements other than `get` are prepared on first use: a process
 * that only hits the store never writes, and preparing the upsert alone
 * cost ~25 µs of a fresh process's open. NULL when it cannot be prepared
 * (the message is in st->errmsg). Called with st->lock held. */
static sqlite3_stmt *statement(SqlStore *st, sqlite3_stmt **slot, const char *sql) {
    if (!*slot && !prepare(st, slot, sql))
        *slot = NULL;
    return *slot;
}

/* Makes the file ourselves when missing, so that its mode is 0600 whatever
 * the umask (SQLite would use 0644 minus the umask). */
static void create_private(const char *path) {
    int fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
    if (fd >= 0)
        close(fd);
}

static _Atomic int force_readonly;

void store_force_readonly(int on) {
    force_readonly = on;
}

/* Whether the file has this schema's table (when the read could not be
 * prepared); true when that cannot be told, so that the error stands. */
static bool has_our_table(SqlStore *st) {
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(st->db, "SELECT 1 FROM sqlite_master WHERE name = '" TABLE "'", -1,
                           &s, NULL) != SQLITE_OK)
        return true;
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    return rc != SQLITE_DONE;
}

/* Opening asks as little as it can of SQLite: a fresh process pays for
 * each first statement (measured: ~110 µs to read and parse the schema,
 * however small, and ~15-25 µs per statement prepared).
 *
 * A store we may not write still serves hits; writes then fail and are
 * counted. Its schema must exist already: we cannot create it.
 *
 * A store whose table exists was set up by an earlier open: it is in WAL
 * mode already (the mode is recorded in the file and outlives every
 * connection), so preparing the read is all there is to do. Only when that
 * fails (a new file, another schema, a busy store) does opening switch to
 * WAL and create the table, patiently, then prepare again. synchronous is
 * the connection's own setting and matters only to writes: store_put sets
 * it (writable). */
static bool set_up(SqlStore *st) {
    /* A store we may not write, made by another schema (or empty), has no
     * table of ours: every lookup is a miss (st->get stays NULL). */
    if (force_readonly || sqlite3_db_readonly(st->db, "main") == 1)
        return prepare(st, &st->get, get_sql) || !has_our_table(st);
    if (prepare(st, &st->get, get_sql))
        return true;
    return exec_sql_patiently(st, "PRAGMA journal_mode = WAL;") &&
           exec_sql_patiently(st, schema_sql) && prepare(st, &st->get, get_sql);
}

/* The write statements and settings, on the first write of a connection. */
static bool ready_to_write(SqlStore *st) {
    if (st->put)
        return true;
    return exec_sql(st, "PRAGMA synchronous = NORMAL;") &&
           statement(st, &st->drop, drop_sql) && statement(st, &st->put, put_sql);
}

Store *store_open(const char *path, const StoreOptions *opts, mj_status *why,
                  char *errbuf, size_t errlen) {
    *why = MJ_ERR_STORE;   /* unless memory runs out */
    if (!opts->trust_permissions && !check_trust(path, why, errbuf, errlen))
        return NULL;
    SqlStore *st = mem_calloc(1, sizeof *st);
    if (!st) {
        *why = MJ_ERR_NOMEM;
        errbuf_printf(errbuf, errlen, "out of memory");
        return NULL;
    }
    st->base.cls = &sql_class;
    st->opts = *opts;
    pthread_mutex_init(&st->lock, NULL);
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
    if (force_readonly)
        flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX;
    else
        create_private(path);
    if (sqlite3_open_v2(path, &st->db, flags, NULL) != SQLITE_OK) {
        errbuf_printf(errbuf, errlen, "store '%s': %s", path,
                st->db ? sqlite3_errmsg(st->db) : "cannot open it");
        sql_close(&st->base);
        return NULL;
    }
    sqlite3_busy_timeout(st->db, BUSY_TIMEOUT_MS);
    /* Keep the -wal file (and so the -shm) when the last connection
     * closes: without this every process that opens the store after all
     * others have closed it creates both files again, and the last to
     * close deletes them (measured: ~130 µs of a fresh open, ~25 µs of a
     * close). The file stays a valid, checkpointed WAL. */
    int persist = 1;
    sqlite3_file_control(st->db, "main", SQLITE_FCNTL_PERSIST_WAL, &persist);
    if (!set_up(st)) {
        errbuf_printf(errbuf, errlen, "store '%s': %s", path, st->errmsg);
        sql_close(&st->base);
        return NULL;
    }
    return &st->base;
}

static void sql_close(Store *base) {
    SqlStore *st = (SqlStore *)base;
    if (!st)
        return;
    sqlite3_finalize(st->get);
    sqlite3_finalize(st->put);
    sqlite3_finalize(st->touch);
    sqlite3_finalize(st->drop);
    /* The -wal file is kept (see store_open); the last connection to close
     * checkpoints it, and with a size limit of 0 also empties it. Left
     * full, the next process to open the store would read every frame
     * again to rebuild the -shm index, and would have to checkpoint them
     * all again when it closes (measured: 5-10 ms of fsync per process).
     * Set here, not on open: a pragma costs a fresh process ~15 µs. */
    if (st->db)
        sqlite3_exec(st->db, "PRAGMA journal_size_limit = 0", NULL, NULL, NULL);
    sqlite3_close_v2(st->db);
    pthread_mutex_destroy(&st->lock);
    free(st);
}

static const char *sql_errmsg(Store *base) {
    SqlStore *st = (SqlStore *)base;
    return st->errmsg;
}

/* ---------------------------------------------------------------------
 * Reading and writing entries
 * ------------------------------------------------------------------- */

void store_row_free(StoreRow *row) {
    free(row->blob);
    free(row->syms);
    free(row->deps);
    memset(row, 0, sizeof *row);
}

static unsigned char *column_copy(sqlite3_stmt *s, int col, size_t *len) {
    const void *p = sqlite3_column_blob(s, col);
    size_t n = (size_t)sqlite3_column_bytes(s, col);
    unsigned char *out = mem_malloc(n ? n : 1);
    if (out && n)
        memcpy(out, p, n);
    *len = n;
    return out;
}

static bool blob_intact(sqlite3_stmt *s) {
    const void *blob = sqlite3_column_blob(s, 6);
    int n = sqlite3_column_bytes(s, 6);
    if (!blob || n <= 0 || sqlite3_column_bytes(s, 7) != 16)
        return false;
    CacheKey h;
    key_hash_bytes(blob, (size_t)n, &h);
    return memcmp(h.b, sqlite3_column_blob(s, 7), 16) == 0;
}

static bool same_environment(sqlite3_stmt *s) {
    const char *jit = (const char *)sqlite3_column_text(s, 2);
    return sqlite3_column_int(s, 1) == MJ_CACHE_SCHEMA && jit &&
           strcmp(jit, jit_api_identity()) == 0;
}

static void run_by_id(sqlite3_stmt *s, sqlite3_int64 id, sqlite3_int64 value) {
    if (!s)
        return;   /* could not be prepared: best effort, as below */
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int64(s, 2, value);
    sqlite3_step(s);   /* best effort: a busy store just skips it */
    sqlite3_reset(s);
}

/* 0 = miss, 1 = hit (row filled), -1 = corrupt (the caller deletes it). */
static int read_row(sqlite3_stmt *s, const Ident *id, StoreRow *out) {
    if (sqlite3_step(s) != SQLITE_ROW || !same_environment(s))
        return 0;
    const char *ident = sqlite3_column_blob(s, 3);
    if (!ident || !key_ident_equal(ident, (size_t)sqlite3_column_bytes(s, 3), id))
        return 0;
    if (!blob_intact(s))
        return -1;
    out->blob = column_copy(s, 6, &out->blob_len);
    out->syms = column_copy(s, 5, &out->syms_len);
    out->deps = column_copy(s, 4, &out->deps_len);
    if (!out->blob || !out->syms || !out->deps) {
        store_row_free(out);
        return 0;
    }
    return 1;
}

static int sql_get(Store *base, const CacheKey *key, const Ident *id, StoreRow *out) {
    SqlStore *st = (SqlStore *)base;
    memset(out, 0, sizeof *out);
    if (!st->get)
        return 0;   /* a read-only store without our table */
    pthread_mutex_lock(&st->lock);
    sqlite3_stmt *s = st->get;
    sqlite3_bind_blob(s, 1, key->b, 16, SQLITE_STATIC);
    int got = read_row(s, id, out);
    sqlite3_int64 rowid = sqlite3_column_int64(s, 0);
    sqlite3_int64 last_used = sqlite3_column_int64(s, 8);
    sqlite3_reset(s);
    sqlite3_int64 now = (sqlite3_int64)time(NULL);
    if (got < 0)
        run_by_id(statement(st, &st->drop, drop_sql), rowid, 0);
    else if (got > 0 && now - last_used >= TOUCH_INTERVAL_S)
        run_by_id(statement(st, &st->touch, touch_sql), rowid, now);
    pthread_mutex_unlock(&st->lock);
    return got;
}

static sqlite3_int64 single_int(SqlStore *st, const char *sql);

/* Deletes least recently used rows while the total is over the bound. The
 * row just written is the most recent, so it goes last. */
static bool trim(SqlStore *st) {
    if (st->opts.max_bytes == 0)
        return true;
    sqlite3_int64 total = single_int(st, "SELECT IFNULL(SUM(size), 0) FROM " TABLE);
    if (total < 0)
        return false;
    sqlite3_stmt *s;
    if (total <= (sqlite3_int64)st->opts.max_bytes ||
        sqlite3_prepare_v2(st->db, "SELECT id, size FROM " TABLE
                           " ORDER BY last_used ASC, id ASC", -1, &s, NULL) != SQLITE_OK)
        return total >= 0;
    sqlite3_int64 ids[64];
    int n = 0;
    while (total > (sqlite3_int64)st->opts.max_bytes && n < 64 && sqlite3_step(s) == SQLITE_ROW) {
        ids[n++] = sqlite3_column_int64(s, 0);
        total -= sqlite3_column_int64(s, 1);
    }
    sqlite3_finalize(s);
    for (int i = 0; i < n; i++)
        run_by_id(st->drop, ids[i], 0);
    return true;
}

static bool bind_and_put(SqlStore *st, const CacheKey *key, const Ident *id,
                         const char *display_name, const StoreRow *row) {
    size_t ident_len;
    char *ident = key_ident_copy(id, &ident_len);
    if (!ident)
        return false;
    CacheKey h;
    key_hash_bytes(row->blob, row->blob_len, &h);
    sqlite3_stmt *s = st->put;
    sqlite3_bind_blob(s, 1, key->b, 16, SQLITE_STATIC);
    sqlite3_bind_int(s, 2, MJ_CACHE_SCHEMA);
    sqlite3_bind_text(s, 3, jit_api_identity(), -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, display_name, -1, SQLITE_STATIC);
    sqlite3_bind_blob64(s, 5, ident, ident_len, SQLITE_STATIC);
    sqlite3_bind_blob64(s, 6, row->deps ? (const void *)row->deps : "", row->deps_len,
                        SQLITE_STATIC);
    sqlite3_bind_blob64(s, 7, row->syms ? (const void *)row->syms : "", row->syms_len,
                        SQLITE_STATIC);
    sqlite3_bind_blob64(s, 8, row->blob, row->blob_len, SQLITE_STATIC);
    sqlite3_bind_blob(s, 9, h.b, 16, SQLITE_STATIC);
    sqlite3_bind_int64(s, 10, (sqlite3_int64)(ident_len + row->deps_len + row->syms_len +
                                              row->blob_len));
    sqlite3_bind_int64(s, 11, (sqlite3_int64)time(NULL));
    bool ok = sqlite3_step(s) == SQLITE_DONE;
    if (!ok)
        snprintf(st->errmsg, sizeof st->errmsg, "%s", sqlite3_errmsg(st->db));
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    free(ident);
    return ok;
}

static bool sql_put(Store *base, const CacheKey *key, const Ident *id, const char *display_name,
               const StoreRow *row) {
    SqlStore *st = (SqlStore *)base;
    pthread_mutex_lock(&st->lock);
    bool ok = ready_to_write(st) && exec_sql(st, "BEGIN IMMEDIATE");
    if (ok) {
        ok = bind_and_put(st, key, id, display_name, row) && trim(st);
        exec_sql(st, ok ? "COMMIT" : "ROLLBACK");
    }
    pthread_mutex_unlock(&st->lock);
    return ok;
}

/* ---------------------------------------------------------------------
 * The store as a whole
 * ------------------------------------------------------------------- */

static mj_status locked_exec(SqlStore *st, const char *sql) {
    pthread_mutex_lock(&st->lock);
    bool ok = exec_sql(st, sql);
    pthread_mutex_unlock(&st->lock);
    return ok ? MJ_OK : MJ_ERR_STORE;
}

static mj_status sql_clear(Store *base) {
    SqlStore *st = (SqlStore *)base;
    return locked_exec(st, "DELETE FROM " TABLE);
}

static mj_status sql_vacuum(Store *base) {
    SqlStore *st = (SqlStore *)base;
    return locked_exec(st, "VACUUM; PRAGMA wal_checkpoint(TRUNCATE);");
}

static sqlite3_int64 single_int(SqlStore *st, const char *sql) {
    sqlite3_stmt *s;
    sqlite3_int64 v = -1;
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
        return -1;
    if (sqlite3_step(s) == SQLITE_ROW)
        v = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return v;
}

static mj_status sql_info(Store *base, mj_store_info *out) {
    SqlStore *st = (SqlStore *)base;
    pthread_mutex_lock(&st->lock);
    sqlite3_int64 n = single_int(st, "SELECT COUNT(*) FROM " TABLE);
    sqlite3_int64 bytes = single_int(st, "SELECT IFNULL(SUM(size), 0) FROM " TABLE);
    sqlite3_int64 pages = single_int(st, "PRAGMA page_count");
    sqlite3_int64 page_size = single_int(st, "PRAGMA page_size");
    pthread_mutex_unlock(&st->lock);
    if (n < 0 || bytes < 0 || pages < 0 || page_size < 0)
        return MJ_ERR_STORE;
    out->entries = (size_t)n;
    out->bytes = (size_t)bytes;
    out->file_bytes = (size_t)(pages * page_size);
    return MJ_OK;
}

static mj_status sql_list(Store *base, int (*fn)(void *user, const mj_store_entry *e),
                     void *user) {
    SqlStore *st = (SqlStore *)base;
    pthread_mutex_lock(&st->lock);
    sqlite3_stmt *s;
    int rc = sqlite3_prepare_v2(st->db,
                                "SELECT key, name, length(ident), length(blob), created,"
                                " last_used, ident FROM " TABLE
                                " ORDER BY last_used DESC, id DESC",
                                -1, &s, NULL);
    if (rc != SQLITE_OK) {
        pthread_mutex_unlock(&st->lock);
        return MJ_ERR_STORE;
    }
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        CacheKey k = {{0}};
        if (sqlite3_column_bytes(s, 0) == 16)
            memcpy(k.b, sqlite3_column_blob(s, 0), 16);
        char hex[33];
        key_hex(&k, hex);
        /* The source is the ident's last part: after the options and name. */
        const char *ident = sqlite3_column_blob(s, 6);
        size_t ident_len = (size_t)sqlite3_column_bytes(s, 6);
        size_t head = ident ? strnlen(ident, ident_len) + 1 : 0;
        size_t name = ident && head < ident_len ? strnlen(ident + head, ident_len - head) + 1 : 0;
        const char *nm = (const char *)sqlite3_column_text(s, 1);
        mj_store_entry e = {
            .key = hex,
            .name = nm ? nm : "",
            .source_len = ident_len > head + name ? ident_len - head - name : 0,
            .blob_len = (size_t)sqlite3_column_int64(s, 3),
            .created = sqlite3_column_int64(s, 4),
            .last_used = sqlite3_column_int64(s, 5),
        };
        if (fn(user, &e))
            break;
    }
    sqlite3_finalize(s);
    pthread_mutex_unlock(&st->lock);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? MJ_OK : MJ_ERR_STORE;
}

static const StoreClass sql_class = {
    .get = sql_get, .put = sql_put, .list = sql_list, .clear = sql_clear,
    .vacuum = sql_vacuum, .info = sql_info, .close = sql_close, .errmsg = sql_errmsg,
};

/* ---------------------------------------------------------------------
 * The interface: whichever store the runtime has (docs/cache.md)
 * ------------------------------------------------------------------- */

int store_get(Store *st, const CacheKey *key, const Ident *id, StoreRow *out) {
    return st->cls->get(st, key, id, out);
}

bool store_put(Store *st, const CacheKey *key, const Ident *id, const char *display_name,
               const StoreRow *row) {
    return st->cls->put(st, key, id, display_name, row);
}

mj_status store_list(Store *st, int (*fn)(void *user, const mj_store_entry *e), void *user) {
    return st->cls->list(st, fn, user);
}

mj_status store_clear(Store *st) {
    return st->cls->clear(st);
}

mj_status store_vacuum(Store *st) {
    return st->cls->vacuum(st);
}

mj_status store_info(Store *st, mj_store_info *out) {
    return st->cls->info(st, out);
}

const char *store_errmsg(Store *st) {
    return st->cls->errmsg(st);
}

void store_close(Store *st) {
    if (st)
        st->cls->close(st);
}
