/*
 * run_start.c - a whole `memjit run` served from the store, against a bare
 * start of the same program built by gcc.
 *
 *   run_start MEMJIT [RESULTS.md [ROUNDS]]
 *
 * A hello-world program (printf a line, return 0) is built by gcc -O2 into
 * a private temporary folder (mkdtemp: mode 0700, which the store needs:
 * memjit refuses a store in a folder others can write), and a private
 * store there is filled by running `MEMJIT run --store DIR/s.db prog.c`
 * once; a run with -v must then say it loaded the program from the store.
 * Then ROUNDS rounds (default 41), each running in a shuffled order
 *   gcc binary       DIR/prog, gcc -O2's executable;
 *   memjit, store    MEMJIT run --store DIR/s.db DIR/prog.c: the CLI
 *                    starts, opens the store, reads the object, links it
 *                    in memory, calls main;
 *   memjit --version the CLI's start alone (the loader, libmemjit and its
 *                    libraries), where the time of the row above begins;
 *   memjit, compiled MEMJIT run --no-cache DIR/prog.c: a cold compile, for
 *                    scale;
 * each by posix_spawn + waitpid with stdout to /dev/null, timed wall clock.
 * Every run must exit 0. Reported: medians and the medians of per-round
 * ratios to the gcc binary. Goal (issue 12): memjit from the store at most
 * 2.0x the gcc binary. Table on stdout and in RESULTS (default
 * bench/results-start.md). Exit status 1 when a run fails; a missed goal is
 * reported, not an error.
 */
#include <fcntl.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench_util.h"

extern char **environ;

#define MAX_ROUNDS 401
#define GOAL_RATIO 2.0

static const char program[] =
    "#include <stdio.h>\n"
    "\n"
    "int main(void) {\n"
    "    printf(\"hello from a program started %s\\n\", \"by memjit or gcc\");\n"
    "    return 0;\n"
    "}\n";
static const char expected_output[] = "hello from a program started by memjit or gcc\n";

static char dir[] = "/tmp/memjit-start-XXXXXX";
static char prog_c[64], prog_bin[64], store[64];
static bool made_dir;

_Noreturn static void die(const char *what) {
    fprintf(stderr, "run_start: %s\n", what);
    exit(1);
}

static void tear_down(void);

/* Runs argv[0] (a path, or a name looked up in PATH when search) with
 * fd 1 to /dev/null, or, when capture is not NULL, fds 1 and 2 to a pipe
 * whose text lands in capture (at most cap - 1 bytes). Returns the exit
 * status, or -1 when it could not start or did not exit. */
static int run(char *const argv[], bool search, char *capture, size_t cap) {
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    int fds[2] = {-1, -1};
    if (capture) {
        if (pipe(fds) != 0)
            die("pipe");
        posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
        posix_spawn_file_actions_adddup2(&fa, fds[1], 2);
        posix_spawn_file_actions_addclose(&fa, fds[0]);
        posix_spawn_file_actions_addclose(&fa, fds[1]);
    } else {
        posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    }
    pid_t pid;
    int err = search ? posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ)
                     : posix_spawn(&pid, argv[0], &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (capture) {
        close(fds[1]);
        size_t n = 0;
        ssize_t got;
        while (n + 1 < cap && (got = read(fds[0], capture + n, cap - 1 - n)) > 0)
            n += (size_t)got;
        capture[n] = '\0';
        close(fds[0]);
    }
    if (err != 0)
        return -1;
    int status;
    if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
        return -1;
    return WEXITSTATUS(status);
}

/* The program, gcc's executable of it, and the store filled by one run. */
static void set_up(const char *memjit) {
    if (!mkdtemp(dir))
        die("mkdtemp");
    made_dir = true;
    atexit(tear_down);   /* a failure from here on leaves nothing behind */
    snprintf(prog_c, sizeof prog_c, "%s/prog.c", dir);
    snprintf(prog_bin, sizeof prog_bin, "%s/prog", dir);
    snprintf(store, sizeof store, "%s/s.db", dir);
    FILE *f = fopen(prog_c, "w");
    if (!f || fputs(program, f) < 0 || fclose(f) != 0)
        die("cannot write prog.c");
    char out[4096];
    char *gcc[] = {"gcc", "-O2", "-o", prog_bin, prog_c, NULL};
    if (run(gcc, true, out, sizeof out) != 0) {
        fprintf(stderr, "%s", out);
        die("gcc failed");
    }
    char *bin[] = {prog_bin, NULL};
    if (run(bin, false, out, sizeof out) != 0 || strcmp(out, expected_output) != 0)
        die("gcc's program printed something else or failed");
    char *fill[] = {(char *)memjit, "run", "--store", store, prog_c, NULL};
    if (run(fill, false, out, sizeof out) != 0 || strcmp(out, expected_output) != 0) {
        fprintf(stderr, "%s", out);
        die("memjit run (filling the store) printed something else or failed");
    }
    char *hit[] = {(char *)memjit, "run", "-v", "--store", store, prog_c, NULL};
    if (run(hit, false, out, sizeof out) != 0 || !strstr(out, "loaded from the store")) {
        fprintf(stderr, "%s", out);
        die("memjit run -v did not load the program from the store");
    }
}

static void tear_down(void) {
    if (!made_dir)
        return;
    made_dir = false;
    unlink(prog_c);
    unlink(prog_bin);
    char path[96];
    static const char *const suffixes[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s%s", store, suffixes[i]);
        unlink(path);
    }
    rmdir(dir);
}

typedef struct Row {
    const char *name;
    char *argv[8];
    double ms[MAX_ROUNDS];
} Row;

enum { GCC_BIN, MJ_STORE, MJ_VERSION, MJ_COMPILED, NROWS };
static Row rows[NROWS];

static void make_rows(const char *memjit) {
    char *mj = (char *)memjit;
    rows[GCC_BIN] = (Row){.name = "gcc -O2 binary, a bare start", .argv = {prog_bin}};
    rows[MJ_STORE] = (Row){.name = "memjit run --store s.db prog.c, from the store",
                           .argv = {mj, "run", "--store", store, prog_c}};
    rows[MJ_VERSION] = (Row){.name = "memjit --version (the CLI's start alone)",
                             .argv = {mj, "--version"}};
    rows[MJ_COMPILED] = (Row){.name = "memjit run --no-cache prog.c, compiled",
                              .argv = {mj, "run", "--no-cache", prog_c}};
}

/* One warm-up each, then the rounds in a new shuffled order each. */
static void measure(int rounds) {
    for (int r = 0; r < NROWS; r++)
        if (run(rows[r].argv, false, NULL, 0) != 0) {
            fprintf(stderr, "run_start: %s failed\n", rows[r].name);
            exit(1);
        }
    unsigned long long seed = 1;
    for (int round = 0; round < rounds; round++) {
        int order[NROWS];
        bench_shuffle(order, NROWS, &seed);
        for (int i = 0; i < NROWS; i++) {
            Row *row = &rows[order[i]];
            double t0 = bench_now_ms();
            int status = run(row->argv, false, NULL, 0);
            row->ms[round] = bench_now_ms() - t0;
            if (status != 0) {
                fprintf(stderr, "run_start: %s exited %d in round %d\n", row->name, status,
                        round);
                exit(1);
            }
        }
    }
}

/* The median over the rounds of row a / row b within the round. */
static double ratio(int a, int b, int rounds) {
    double v[MAX_ROUNDS];
    for (int round = 0; round < rounds; round++)
        v[round] = rows[a].ms[round] / rows[b].ms[round];
    return bench_median(v, rounds);
}

static void write_table(FILE *out, int rounds) {
    fprintf(out, "| approach | median ms | / gcc binary |\n|---|---:|---:|\n");
    for (int r = 0; r < NROWS; r++)
        fprintf(out, "| %s | %.2f | %.2f |\n", rows[r].name, bench_median(rows[r].ms, rounds),
                ratio(r, GCC_BIN, rounds));
    double v = ratio(MJ_STORE, GCC_BIN, rounds);
    fprintf(out, "\n`memjit run` from the store / a bare start of gcc's binary: **%.2f** "
            "(goal <= %.1f: %s); the median of per-round ratios.\n", v, GOAL_RATIO,
            v <= GOAL_RATIO ? "met" : "NOT met");
    fprintf(out, "\nProgram: a hello world (`printf` a line, return 0) with the system's "
            "`<stdio.h>` (the CLI's default). Each run is a posix_spawn + waitpid, wall "
            "time, stdout to /dev/null, exit status 0 checked; %d rounds after one warm-up "
            "each, in a shuffled order per round. The store is a private file in a 0700 "
            "folder, filled by one run before; a run with -v checked that it loads from "
            "there. `memjit --version` is where a run from the store begins: the process, "
            "the dynamic loader and the libraries the CLI links (libmemjit, SQLite, xxHash, "
            "libm), no store opened.\n", rounds);
    bench_describe_machine(out);
}

/* The headline figures, for the summary table of bench/run.sh. */
static void summarize(int rounds) {
    double v = ratio(MJ_STORE, GCC_BIN, rounds);
    bench_summary("program start", "memjit run from the store / bare start of the gcc -O2 "
                  "binary (hello world)", "<= 2.0", bench_met(v <= GOAL_RATIO), "%.2f", v);
    bench_summary("program start", "memjit run from the store; gcc's binary", "", "",
                  "%.2f ms; %.2f ms", bench_median(rows[MJ_STORE].ms, rounds),
                  bench_median(rows[GCC_BIN].ms, rounds));
    bench_summary("program start", "memjit --version (the CLI's start alone) / gcc's binary",
                  "", "", "%.2f", ratio(MJ_VERSION, GCC_BIN, rounds));
    bench_summary("program start", "memjit run --no-cache (compiled) / gcc's binary", "", "",
                  "%.1f", ratio(MJ_COMPILED, GCC_BIN, rounds));
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: run_start MEMJIT [RESULTS.md [ROUNDS]]\n");
        return 2;
    }
    const char *memjit = argv[1];
    const char *results = argc > 2 ? argv[2] : "bench/results-start.md";
    int rounds = argc > 3 ? atoi(argv[3]) : 41;
    if (rounds < 1 || rounds > MAX_ROUNDS) {
        fprintf(stderr, "run_start: ROUNDS must be 1..%d\n", MAX_ROUNDS);
        return 2;
    }
    if (access(memjit, X_OK) != 0) {
        fprintf(stderr, "run_start: %s is not an executable\n", memjit);
        return 2;
    }
    set_up(memjit);
    make_rows(memjit);
    measure(rounds);
    tear_down();   /* before any output: a reader that stops early kills us */
    printf("## Program start\n\n");
    write_table(stdout, rounds);
    summarize(rounds);
    FILE *f = fopen(results, "w");
    if (!f) {
        fprintf(stderr, "run_start: cannot write %s\n", results);
        return 0;
    }
    fprintf(f, "## Program start\n\n");
    write_table(f, rounds);
    fclose(f);
    return 0;
}
