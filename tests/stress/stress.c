/*
 * stress.c - many threads in several processes compiling through one store.
 *
 *   stress [--processes P] [--threads T] [--compiles N] [--sources S]
 *          [--cache C]
 *
 * Defaults: 2 processes at once, each with 8 threads doing 200 compiles
 * over 50 distinct sources (issue 6), all sharing one SQLite store in a
 * fresh private folder. Every thread of a process shares that process's
 * runtime. The in-memory cache holds only C modules (default 16), so most
 * requests go past it: some to the store (written by either process), a
 * few to libgccjit, many to the cache; all three paths race.
 *
 * Checked:
 *   - every compile succeeds and every compiled function returns the value
 *     the same formula gives natively (the wrong module handed back, or a
 *     damaged one, shows up here);
 *   - a process never compiles one source twice (a thread that finds the
 *     source being compiled waits for it; an evicted module comes back
 *     from the store), and no store write fails;
 *   - afterwards the store holds exactly S entries, one per source (none
 *     lost, none duplicated), and a fresh runtime answers every source
 *     from the store without compiling.
 * Exit status 0 when all holds; otherwise the first failure is printed.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "memjit.h"

typedef struct Config {
    int processes;
    int threads;
    int compiles;   /* per thread */
    int sources;
    int cache;      /* cache_max_entries of each runtime */
} Config;

/* What one thread reports. */
typedef struct Worker {
    mj_runtime *rt;
    const Config *cfg;
    int index;
    int failures;
    char first_failure[256];
} Worker;

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* ---------------------------------------------------------------------
 * The sources: one formula, constants that differ per source, so that
 * a module handed back for the wrong source computes a wrong value.
 * ------------------------------------------------------------------- */

static unsigned long mul_of(int i) { return 2UL * (unsigned long)i + 1; }
static unsigned long add_of(int i) { return 1000UL + 7UL * (unsigned long)i; }
static unsigned long seed_of(int i) { return 0x9e3779b9UL * (unsigned long)(i + 1); }

static void source_name(int i, char *buf, size_t size) {
    snprintf(buf, size, "stress/src%02d.c", i);
}

/* The C text of source i. Unsigned arithmetic: wrapping is defined, so
 * memjit's code and this file's must agree bit for bit. */
static int source_text(int i, char *buf, size_t size) {
    return snprintf(buf, size,
                    "static unsigned long mix(unsigned long x) {\n"
                    "    return x * %luUL + %luUL;\n"
                    "}\n"
                    "unsigned long f(unsigned long n) {\n"
                    "    unsigned long s = %luUL;\n"
                    "    for (unsigned long k = 0; k < n; k++)\n"
                    "        s = (s ^ mix(k)) * 3UL + k;\n"
                    "    return s;\n"
                    "}\n",
                    mul_of(i), add_of(i), seed_of(i));
}

/* What f of source i returns, computed here. */
static unsigned long expected(int i, unsigned long n) {
    unsigned long s = seed_of(i);
    for (unsigned long k = 0; k < n; k++)
        s = (s ^ (k * mul_of(i) + add_of(i))) * 3UL + k;
    return s;
}

/* ---------------------------------------------------------------------
 * One process: threads compiling through one runtime
 * ------------------------------------------------------------------- */

static void fail(Worker *w, const char *fmt, int source, const char *detail) {
    if (w->failures++ == 0)
        snprintf(w->first_failure, sizeof w->first_failure, fmt, w->index, source,
                 detail);
}

/* Compiles source i through the shared runtime, calls f once, checks it. */
static void compile_and_check(Worker *w, int i, unsigned long n) {
    char name[32], text[512];
    source_name(i, name, sizeof name);
    int len = source_text(i, text, sizeof text);
    mj_module *m = NULL;
    mj_diags *diags = NULL;
    mj_status st = mj_compile(w->rt, name, text, (size_t)len, &m, &diags);
    if (st != MJ_OK) {
        fail(w, "thread %d, source %d: mj_compile: %s", i, mj_status_str(st));
        mj_diags_free(diags);
        return;
    }
    mj_diags_free(diags);
    unsigned long (*f)(unsigned long) = MJ_FN(m, "f", unsigned long, unsigned long);
    if (!f)
        fail(w, "thread %d, source %d: %s", i, "no function f of type unsigned long(unsigned long)");
    else if (f(n) != expected(i, n))
        fail(w, "thread %d, source %d: %s", i, "f returned a wrong value");
    mj_module_release(m);
}

static unsigned long gcd(unsigned long a, unsigned long b) {
    return b ? gcd(b, a % b) : a;
}

/* The sources in an order that differs per thread and per process, so
 * that threads meet on the same source at different moments: a stride
 * prime to the number of sources visits all of them. */
static void *worker_main(void *arg) {
    Worker *w = arg;
    const Config *cfg = w->cfg;
    unsigned long step = 7 + 2 * (unsigned long)w->index;
    while (gcd(step, (unsigned long)cfg->sources) != 1)
        step++;
    for (int k = 0; k < cfg->compiles; k++) {
        int i = (int)(((unsigned long)w->index * 13 + (unsigned long)k * step) %
                      (unsigned long)cfg->sources);
        compile_and_check(w, i, 100 + (unsigned long)(k % 50));
    }
    return NULL;
}

static mj_runtime *open_runtime(const char *db, size_t cache_entries) {
    mj_options o;
    mj_options_init(&o);
    o.store_path = db;
    o.cache_max_entries = cache_entries;
    char err[256] = "";
    mj_status st;
    mj_runtime *rt = mj_runtime_new_ex(&o, &st, err, sizeof err);
    if (!rt)
        fprintf(stderr, "stress: mj_runtime_new: %s: %s\n", mj_status_str(st), err);
    return rt;
}

/* The body of one child process; returns its exit status. */
static int run_process(const Config *cfg, const char *db, int proc) {
    mj_runtime *rt = open_runtime(db, (size_t)cfg->cache);
    if (!rt)
        return 2;
    Worker *workers = calloc((size_t)cfg->threads, sizeof *workers);
    pthread_t *tids = calloc((size_t)cfg->threads, sizeof *tids);
    if (!workers || !tids)
        return 2;
    double start = now_ms();
    for (int t = 0; t < cfg->threads; t++) {
        workers[t] = (Worker){.rt = rt, .cfg = cfg, .index = proc * cfg->threads + t};
        if (pthread_create(&tids[t], NULL, worker_main, &workers[t]) != 0) {
            fprintf(stderr, "stress: pthread_create failed\n");
            return 2;
        }
    }
    int failures = 0;
    for (int t = 0; t < cfg->threads; t++) {
        pthread_join(tids[t], NULL);
        if (workers[t].failures && failures == 0)
            fprintf(stderr, "stress: process %d: %s\n", proc, workers[t].first_failure);
        failures += workers[t].failures;
    }
    mj_stats s;
    mj_runtime_stats(rt, &s);
    printf("stress: process %d: %d compiles in %.0f ms: %llu cache hits, %llu store hits, "
           "%llu libgccjit compiles, %llu store errors, %d failures\n",
           proc, cfg->threads * cfg->compiles, now_ms() - start, s.hits, s.store_hits,
           s.compiles, s.store_errors, failures);
    if (s.compiles > (unsigned long long)cfg->sources) {
        fprintf(stderr, "stress: process %d compiled %llu times for %d sources\n", proc,
                s.compiles, cfg->sources);
        failures++;
    }
    if (s.store_errors) {
        fprintf(stderr, "stress: process %d: %llu store errors\n", proc, s.store_errors);
        failures++;
    }
    /* With the in-memory cache off, nothing counts hits and misses. */
    if (cfg->cache > 0 &&
        s.hits + s.misses != (unsigned long long)cfg->threads * (unsigned long long)cfg->compiles) {
        fprintf(stderr, "stress: process %d: hits + misses = %llu, expected %d\n", proc,
                s.hits + s.misses, cfg->threads * cfg->compiles);
        failures++;
    }
    mj_runtime_free(rt);
    free(workers);
    free(tids);
    fflush(stdout);
    return failures ? 1 : 0;
}

/* ---------------------------------------------------------------------
 * Afterwards: what the store holds
 * ------------------------------------------------------------------- */

typedef struct Census {
    int sources;
    int *seen;      /* entries per source */
    int entries;
    int strangers;  /* entries of no source of ours */
} Census;

static int count_entry(void *user, const mj_store_entry *e) {
    Census *c = user;
    int i;
    c->entries++;
    if (sscanf(e->name, "stress/src%d.c", &i) == 1 && i >= 0 && i < c->sources)
        c->seen[i]++;
    else
        c->strangers++;
    return 0;
}

/* Exactly one entry per source, then every source a store hit. */
static int check_store(const Config *cfg, const char *db) {
    mj_runtime *rt = open_runtime(db, (size_t)cfg->cache);
    if (!rt)
        return 1;
    int failures = 0;
    Census c = {.sources = cfg->sources, .seen = calloc((size_t)cfg->sources, sizeof(int))};
    if (!c.seen || mj_store_list(rt, count_entry, &c) != MJ_OK) {
        fprintf(stderr, "stress: mj_store_list failed\n");
        failures++;
    }
    for (int i = 0; i < cfg->sources; i++) {
        if (c.seen[i] != 1) {
            fprintf(stderr, "stress: source %d has %d store entries\n", i, c.seen[i]);
            failures++;
        }
    }
    if (c.entries != cfg->sources || c.strangers) {
        fprintf(stderr, "stress: store holds %d entries (%d unknown), expected %d\n",
                c.entries, c.strangers, cfg->sources);
        failures++;
    }
    Worker w = {.rt = rt, .cfg = cfg, .index = -1};
    for (int i = 0; i < cfg->sources; i++)
        compile_and_check(&w, i, 1000);
    mj_stats s;
    mj_runtime_stats(rt, &s);
    if (w.failures || s.compiles != 0 || s.store_hits != (unsigned long long)cfg->sources) {
        fprintf(stderr, "stress: fresh runtime: %llu compiles, %llu store hits, %d failures%s%s\n",
                s.compiles, s.store_hits, w.failures, w.failures ? ": " : "",
                w.first_failure);
        failures++;
    }
    printf("stress: store: %d entries, one per source; all %d are store hits in a fresh "
           "runtime\n", c.entries, cfg->sources);
    free(c.seen);
    mj_runtime_free(rt);
    return failures;
}

/* ---------------------------------------------------------------------
 * Driver
 * ------------------------------------------------------------------- */

static int parse_args(int argc, char **argv, Config *cfg) {
    *cfg = (Config){.processes = 2, .threads = 8, .compiles = 200, .sources = 50, .cache = 16};
    for (int i = 1; i < argc; i++) {
        int *field = !strcmp(argv[i], "--processes") ? &cfg->processes
                   : !strcmp(argv[i], "--threads")   ? &cfg->threads
                   : !strcmp(argv[i], "--compiles")  ? &cfg->compiles
                   : !strcmp(argv[i], "--sources")   ? &cfg->sources
                   : !strcmp(argv[i], "--cache")     ? &cfg->cache
                                                     : NULL;
        if (!field || i + 1 == argc || (*field = atoi(argv[++i])) < 0 ||
            (*field == 0 && field != &cfg->cache)) {
            fprintf(stderr, "usage: stress [--processes P] [--threads T] [--compiles N] "
                            "[--sources S] [--cache C]\n");
            return -1;
        }
    }
    return 0;
}

/* A private folder for the store: memjit refuses a store in a folder
 * other users may write, such as /tmp itself. */
static int make_folder(char *dir, size_t size) {
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, size, "%s/mj_stress_XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        fprintf(stderr, "stress: mkdtemp %s: %s\n", dir, strerror(errno));
        return -1;
    }
    return 0;
}

static void remove_folder(const char *dir) {
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "stress: could not remove %s\n", dir);
}

/* Starts the processes at once; returns how many failed. */
static int run_processes(const Config *cfg, const char *db) {
    pid_t pids[64];
    int n = cfg->processes < 64 ? cfg->processes : 64;
    fflush(stdout);
    for (int p = 0; p < n; p++) {
        pids[p] = fork();
        if (pids[p] < 0) {
            fprintf(stderr, "stress: fork: %s\n", strerror(errno));
            return n;
        }
        if (pids[p] == 0)
            _exit(run_process(cfg, db, p));
    }
    int failed = 0;
    for (int p = 0; p < n; p++) {
        int status;
        if (waitpid(pids[p], &status, 0) != pids[p] || !WIFEXITED(status) ||
            WEXITSTATUS(status) != 0) {
            if (WIFSIGNALED(status))
                fprintf(stderr, "stress: process %d killed by signal %d\n", p, WTERMSIG(status));
            else
                fprintf(stderr, "stress: process %d failed\n", p);
            failed++;
        }
    }
    return failed;
}

int main(int argc, char **argv) {
    Config cfg;
    if (parse_args(argc, argv, &cfg) != 0)
        return 2;
    char dir[512], db[600];
    if (make_folder(dir, sizeof dir) != 0)
        return 2;
    snprintf(db, sizeof db, "%s/store.db", dir);
    double start = now_ms();
    int failures = run_processes(&cfg, db);
    failures += check_store(&cfg, db);
    remove_folder(dir);
    printf("stress: %s: %d processes x %d threads x %d compiles over %d sources in %.1f s\n",
           failures ? "FAILED" : "passed", cfg.processes, cfg.threads, cfg.compiles,
           cfg.sources, (now_ms() - start) / 1e3);
    return failures ? 1 : 0;
}
