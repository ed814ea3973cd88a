/*
 * open_race.c - several processes opening one new store at the same moment.
 *
 *   open_race [--processes P] [--rounds R]
 *
 * Each round makes a fresh private folder, forks P processes (default 8)
 * that wait on a pipe, releases them together, and each calls
 * mj_runtime_new on the same store path, which none has created yet: the
 * first-use set-up (file creation, WAL mode, schema) races. Every open
 * must succeed: a store is meant to be shared by processes started at
 * once (a build farm, a test runner). Exit status 0 when all R x P opens
 * succeeded; the failures are printed.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "memjit.h"

/* The body of one process: wait for the start, open, report. */
static int open_store(int start_fd, const char *db) {
    char go;
    if (read(start_fd, &go, 1) != 1)
        return 3;
    mj_options o;
    mj_options_init(&o);
    o.store_path = db;
    mj_status st;
    char err[256] = "";
    mj_runtime *rt = mj_runtime_new_ex(&o, &st, err, sizeof err);
    if (!rt) {
        fprintf(stderr, "open_race: mj_runtime_new: %s: %s\n", mj_status_str(st), err);
        return 1;
    }
    mj_runtime_free(rt);
    return 0;
}

/* One round; returns how many processes failed to open. */
static int round_of(int processes) {
    char dir[] = "/tmp/mj_open_race_XXXXXX", db[64], cmd[96];
    if (!mkdtemp(dir)) {
        fprintf(stderr, "open_race: mkdtemp: %s\n", strerror(errno));
        return processes;
    }
    snprintf(db, sizeof db, "%s/store.db", dir);
    int fds[2];
    if (pipe(fds) != 0)
        return processes;
    pid_t pids[256];
    int n = processes < 1 ? 1 : processes < 256 ? processes : 256;
    for (int p = 0; p < n; p++) {
        pids[p] = fork();
        if (pids[p] == 0) {
            close(fds[1]);
            _exit(open_store(fds[0], db));
        }
    }
    close(fds[0]);
    /* One byte per process, written at once: they all start together. */
    char go[256] = {0};
    size_t len = n > 0 && n <= (int)sizeof go ? (size_t)n : 1;
    if (write(fds[1], go, len) != (ssize_t)len)
        fprintf(stderr, "open_race: short write\n");
    close(fds[1]);
    int failed = 0;
    for (int p = 0; p < n; p++) {
        int status;
        if (pids[p] < 0 || waitpid(pids[p], &status, 0) != pids[p] || !WIFEXITED(status) ||
            WEXITSTATUS(status) != 0)
            failed++;
    }
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "open_race: could not remove %s\n", dir);
    return failed;
}

int main(int argc, char **argv) {
    int processes = 8, rounds = 20;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--processes"))
            processes = atoi(argv[i + 1]);
        else if (!strcmp(argv[i], "--rounds"))
            rounds = atoi(argv[i + 1]);
    }
    int failed = 0;
    for (int r = 0; r < rounds; r++)
        failed += round_of(processes);
    printf("open_race: %s: %d of %d opens of a new store failed\n", failed ? "FAILED" : "passed",
           failed, processes * rounds);
    return failed ? 1 : 0;
}
