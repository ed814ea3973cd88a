/*
 * serial.c - many different programs compiled one after another in one
 * process, as a long-lived host compiles its plugins.
 *
 *   serial [-O LEVEL] [--permissive] FILE.c...
 *
 * gcc keeps state from one compile of a process to the next that libgccjit
 * does not reset, and twice a compile after certain others crashed inside
 * gcc, taking the process with it (ipa-modref's summaries; a builtin's
 * stale call-graph node): single-program tests cannot see that. Each file
 * is compiled with mj_compile on one runtime without a store or cache, at
 * LEVEL (default 2). A program memjit refuses (MJ_ERR_COMPILE) is fine
 * here; the torture gate judges those. Exit status 0 when every compile
 * returned OK or COMPILE, 1 when one returned another status (printed),
 * 2 on a usage error; a crash is the process's own death.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memjit.h"

static char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t cap = 0, n = 0;
    for (;;) {
        if (n == cap) {
            cap = cap ? cap * 2 : 65536;
            char *p = realloc(buf, cap);
            if (!p)
                break;
            buf = p;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    fclose(f);
    *len = n;
    return buf;
}

int main(int argc, char **argv) {
    mj_options o;
    mj_options_init(&o);
    o.cache_max_entries = 0;
    int first = 1;
    for (; first < argc && argv[first][0] == '-'; first++) {
        if (!strcmp(argv[first], "-O") && first + 1 < argc)
            o.opt_level = atoi(argv[++first]);
        else if (!strcmp(argv[first], "--permissive"))
            o.permissive = 1;
        else {
            fprintf(stderr, "usage: serial [-O LEVEL] [--permissive] FILE.c...\n");
            return 2;
        }
    }
    mj_status st;
    mj_runtime *rt = mj_runtime_new(&o, &st);
    if (!rt) {
        fprintf(stderr, "serial: mj_runtime_new: %s\n", mj_status_str(st));
        return 1;
    }
    int compiled = 0, refused = 0, failed = 0;
    for (int i = first; i < argc; i++) {
        size_t len = 0;
        char *src = read_file(argv[i], &len);
        if (!src) {
            fprintf(stderr, "serial: cannot read %s\n", argv[i]);
            failed++;
            continue;
        }
        mj_module *m = NULL;
        mj_diags *diags = NULL;
        st = mj_compile(rt, argv[i], src, len, &m, &diags);
        if (st == MJ_OK)
            compiled++;
        else if (st == MJ_ERR_COMPILE)
            refused++;
        else {
            failed++;
            fprintf(stderr, "serial: %s: %s\n", argv[i], mj_status_str(st));
            for (size_t d = 0; d < mj_diags_count(diags); d++)
                fprintf(stderr, "  %s\n", mj_diags_get(diags, d)->message);
        }
        mj_diags_free(diags);
        mj_module_release(m);
        free(src);
    }
    mj_runtime_free(rt);
    printf("serial: %d compiled, %d refused, %d failed, at -O%d in one process\n", compiled,
           refused, failed, o.opt_level);
    return failed ? 1 : 0;
}
