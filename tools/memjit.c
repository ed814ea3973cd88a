/*
 * memjit - the command-line tool. Uses only the public API.
 *
 *   memjit run [OPTIONS] FILE.c [ARGS...]   compile FILE in memory, call main
 *   memjit check [OPTIONS] FILE.c           compile, print diagnostics only
 *   memjit cache stats|list|clear|vacuum    look after the store
 *
 * Compiled code is kept in a store (an SQLite file) so that running the
 * same program again skips the compile: $XDG_CACHE_HOME/memjit/cache.db,
 * else ~/.cache/memjit/cache.db; --store PATH names another, --no-cache
 * uses none.
 *
 * Exit status: run exits with main's status; check exits 0 when FILE has no
 * errors; 1 for errors in the source; 2 for usage and I/O errors.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "memjit.h"

#define EXIT_USAGE 2

static void usage(FILE *out) {
    fputs("usage: memjit run [OPTIONS] FILE.c [ARGS...]\n"
          "       memjit check [OPTIONS] FILE.c\n"
          "       memjit cache stats|list|clear|vacuum [--store PATH]\n"
          "       memjit --version | --help\n"
          "options:\n"
          "  -O0 .. -O3   optimisation level (default -O2)\n"
          "  -g           emit debug information\n"
          "  -I DIR       search DIR for #include files (after the includer's folder)\n"
          "  -v           print where the compile time went, to stderr\n"
          "  -fpermissive accept old C as gcc 12 did (implicit declarations of\n"
          "               functions, implicit int), with warnings\n"
          "  --store PATH keep compiled code in the store PATH (default\n"
          "               $XDG_CACHE_HOME/memjit/cache.db or ~/.cache/memjit/cache.db)\n"
          "  --no-cache   use no store: always compile\n",
          out);
}

#define MAX_INCLUDE_DIRS 64

/* What #include "name" reads: files next to the includer, then -I folders.
 * Every buffer read is kept until the end, when the compile is over. */
typedef struct Includes {
    const char *dirs[MAX_INCLUDE_DIRS];
    int ndirs;
    char **kept;          /* file contents and paths handed to memjit */
    size_t nkept, cap;
} Includes;

typedef struct Cli {
    const char *command;
    const char *file;
    int argc;            /* arguments for main, FILE first */
    char **argv;
    mj_options opts;
    int verbose;
    int no_cache;
    const char *store;    /* --store, or NULL for the default */
    Includes includes;
} Cli;

static int is_cache_action(const char *a) {
    return !strcmp(a, "stats") || !strcmp(a, "list") || !strcmp(a, "clear") ||
           !strcmp(a, "vacuum");
}

/* memjit cache ACTION [--store PATH]: the action goes in cli->file. */
static int parse_cache_args(Cli *cli, int argc, char **argv) {
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "--store") && i + 1 < argc) {
            cli->store = argv[++i];
        } else if (!cli->file && is_cache_action(argv[i])) {
            cli->file = argv[i];
        } else {
            fprintf(stderr, "memjit: cache: unexpected '%s'\n", argv[i]);
            return EXIT_USAGE;
        }
    }
    if (!cli->file) {
        fprintf(stderr, "memjit: cache needs one of stats, list, clear, vacuum\n");
        return EXIT_USAGE;
    }
    return 0;
}

static int parse_args(Cli *cli, int argc, char **argv) {
    mj_options_init(&cli->opts);
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    cli->command = argv[1];
    if (!strcmp(cli->command, "--help") || !strcmp(cli->command, "-h")) {
        usage(stdout);
        exit(0);
    }
    if (!strcmp(cli->command, "--version")) {
        printf("memjit %s\n", mj_version());
        exit(0);
    }
    if (!strcmp(cli->command, "cache"))
        return parse_cache_args(cli, argc, argv);
    if (strcmp(cli->command, "run") && strcmp(cli->command, "check")) {
        fprintf(stderr, "memjit: unknown command '%s'\n", cli->command);
        usage(stderr);
        return EXIT_USAGE;
    }
    int i = 2;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        const char *a = argv[i];
        if (a[1] == 'O' && a[2] >= '0' && a[2] <= '3' && !a[3])
            cli->opts.opt_level = a[2] - '0';
        else if (!strcmp(a, "-g"))
            cli->opts.debug_info = 1;
        else if (!strcmp(a, "-v"))
            cli->verbose = 1;
        else if (!strcmp(a, "-fpermissive"))
            cli->opts.permissive = 1;
        else if (!strcmp(a, "--no-cache"))
            cli->no_cache = 1;
        else if (!strcmp(a, "--store")) {
            if (i + 1 >= argc) {
                fprintf(stderr, "memjit: --store needs a path\n");
                return EXIT_USAGE;
            }
            cli->store = argv[++i];
        }
        else if (!strncmp(a, "-I", 2)) {
            const char *dir = a[2] ? a + 2 : (i + 1 < argc ? argv[++i] : NULL);
            if (!dir || cli->includes.ndirs == MAX_INCLUDE_DIRS) {
                fprintf(stderr, "memjit: -I needs a folder (at most %d)\n", MAX_INCLUDE_DIRS);
                return EXIT_USAGE;
            }
            cli->includes.dirs[cli->includes.ndirs++] = dir;
        }
        else if (!strcmp(a, "--")) {
            i++;
            break;
        } else {
            fprintf(stderr, "memjit: unknown option '%s'\n", a);
            return EXIT_USAGE;
        }
    }
    if (i >= argc) {
        fprintf(stderr, "memjit: no input file\n");
        return EXIT_USAGE;
    }
    cli->file = argv[i];
    cli->argc = argc - i;
    cli->argv = argv + i;
    return 0;
}

/* Reads a whole file (any bytes) into a malloc'ed buffer. */
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
            if (!p) {
                free(buf);
                fclose(f);
                errno = ENOMEM;
                return NULL;
            }
            buf = p;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    int err = ferror(f);
    fclose(f);
    if (err) {
        free(buf);
        errno = EIO;
        return NULL;
    }
    *len = n;
    return buf;
}

static int keep(Includes *inc, char *p) {
    if (inc->nkept == inc->cap) {
        size_t cap = inc->cap ? inc->cap * 2 : 16;
        char **kept = realloc(inc->kept, cap * sizeof *kept);
        if (!kept)
            return 0;
        inc->kept = kept;
        inc->cap = cap;
    }
    inc->kept[inc->nkept++] = p;
    return 1;
}

/* Reads dir/name if it exists; the path and contents are kept. */
static int try_read(Includes *inc, const char *dir, size_t dirlen, const char *name,
                    const char **text, size_t *len, const char **display) {
    size_t n = dirlen + strlen(name) + 2;
    char *path = malloc(n);
    if (!path)
        return 0;
    if (dirlen)
        snprintf(path, n, "%.*s/%s", (int)dirlen, dir, name);
    else
        snprintf(path, n, "%s", name);
    char *buf = read_file(path, len);
    if (!buf || !keep(inc, buf) || !keep(inc, path)) {
        free(buf);
        free(path);
        return 0;
    }
    *text = buf;
    *display = path;
    return 1;
}

static int resolve_include(void *user, const char *name, int is_angled,
                           const char *includer, const char **text, size_t *len,
                           const char **display) {
    Includes *inc = user;
    if (name[0] == '/')
        return try_read(inc, "", 0, name, text, len, display);
    if (!is_angled) {
        const char *slash = strrchr(includer, '/');
        size_t dirlen = slash ? (size_t)(slash - includer) : 0;
        if (slash && dirlen == 0)
            dirlen = 1;   /* the root folder */
        if (try_read(inc, includer, dirlen, name, text, len, display))
            return 1;
    }
    for (int i = 0; i < inc->ndirs; i++)
        if (try_read(inc, inc->dirs[i], strlen(inc->dirs[i]), name, text, len, display))
            return 1;
    return 0;
}

static void free_includes(Includes *inc) {
    for (size_t i = 0; i < inc->nkept; i++)
        free(inc->kept[i]);
    free(inc->kept);
}

/* ---------------------------------------------------------------------
 * The store
 * ------------------------------------------------------------------- */

/* mkdir -p with mode 0700 for what it creates. */
static void make_folders(char *path) {
    for (char *p = path + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        mkdir(path, 0700);
        *p = '/';
    }
}

/* The default store, its folders made when missing; NULL when there is no
 * home to put it in. The result is malloc'ed. */
static char *default_store_path(void) {
    const char *xdg = getenv("XDG_CACHE_HOME");
    const char *home = getenv("HOME");
    char *path = NULL;
    if (xdg && xdg[0] == '/') {
        if (asprintf(&path, "%s/memjit/cache.db", xdg) < 0)
            return NULL;
    } else if (home && home[0] == '/') {
        if (asprintf(&path, "%s/.cache/memjit/cache.db", home) < 0)
            return NULL;
    } else {
        return NULL;
    }
    make_folders(path);
    return path;
}

/* A runtime with the store the command line asks for. When the store
 * cannot be used, run and check say why and go on without it (it is only
 * a cache); `memjit cache` fails. */
static mj_runtime *open_runtime(Cli *cli, int need_store) {
    char *store = NULL;
    if (!cli->no_cache)
        store = cli->store ? strdup(cli->store) : default_store_path();
    cli->opts.store_path = store;
    mj_status st;
    char why[512];
    mj_runtime *rt = mj_runtime_new_ex(&cli->opts, &st, why, sizeof why);
    if (!rt && st == MJ_ERR_STORE && !need_store) {
        fprintf(stderr, "memjit: warning: %s; compiling without a store\n", why);
        cli->opts.store_path = NULL;
        rt = mj_runtime_new_ex(&cli->opts, &st, why, sizeof why);
    }
    if (!rt)
        fprintf(stderr, "memjit: %s\n", why[0] ? why : mj_status_str(st));
    else if (need_store && !store)
        fprintf(stderr, "memjit: no store: set HOME or XDG_CACHE_HOME, or use --store\n");
    cli->opts.store_path = NULL;
    free(store);
    return rt;
}

static int print_entry(void *user, const mj_store_entry *e) {
    char when[32];
    time_t t = (time_t)e->last_used;
    struct tm tm;
    strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", localtime_r(&t, &tm));
    printf("%s  %s  %8zu  %8zu  %s\n", e->key, when, e->source_len, e->blob_len, e->name);
    return 0;
}

static int cache_command(Cli *cli) {
    cli->opts.store_trust_permissions = 0;
    mj_runtime *rt = open_runtime(cli, 1);
    if (!rt)
        return EXIT_USAGE;
    mj_status st = MJ_ERR_ARG;
    if (!strcmp(cli->file, "stats")) {
        mj_store_info info;
        st = mj_store_info_get(rt, &info);
        if (st == MJ_OK)
            printf("entries %zu\nbytes %zu\nfile bytes %zu\n", info.entries, info.bytes,
                   info.file_bytes);
    } else if (!strcmp(cli->file, "list")) {
        printf("%-32s  %-19s  %8s  %8s  %s\n", "key", "last used", "source", "code", "name");
        st = mj_store_list(rt, print_entry, NULL);
    } else if (!strcmp(cli->file, "clear")) {
        st = mj_store_clear(rt);
    } else if (!strcmp(cli->file, "vacuum")) {
        st = mj_store_vacuum(rt);
    }
    if (st != MJ_OK)
        fprintf(stderr, "memjit: cache %s: %s\n", cli->file, mj_status_str(st));
    mj_runtime_free(rt);
    return st == MJ_OK ? 0 : EXIT_USAGE;
}

static void print_times(const mj_module *mod, mj_runtime *rt) {
    mj_stats stats;
    mj_runtime_stats(rt, &stats);
    mj_compile_times t;
    if (stats.store_hits) {
        fprintf(stderr, "memjit: front end 0 ms, IR building 0 ms, libgccjit 0 ms "
                        "(loaded from the store: no compile)\n");
        return;
    }
    mj_module_times(mod, &t);
    double total = t.frontend_ms + t.lower_ms + t.jit_ms;
    fprintf(stderr,
            "memjit: front end %.3f ms, IR building %.3f ms, libgccjit %.3f ms "
            "(total %.3f ms, memjit's share %.1f%%)\n",
            t.frontend_ms, t.lower_ms, t.jit_ms, total,
            total > 0 ? 100.0 * (t.frontend_ms + t.lower_ms) / total : 0.0);
}

/* Calls main with the signature the program gave it. */
static int call_main(mj_module *mod, int argc, char **argv) {
    const char *type = mj_module_symbol_type(mod, "main");
    if (!type) {
        fprintf(stderr, "memjit: the program defines no function 'main'\n");
        return 1;
    }
    if (!strcmp(type, "int(void)") || !strcmp(type, "int()")) {
        int (*main_fn)(void) = (int (*)(void))mj_lookup(mod, "main", type);
        if (main_fn)
            return main_fn();
    } else if (!strcmp(type, "int(int, char **)")) {
        int (*main_fn)(int, char **) = MJ_FN(mod, "main", int, int, char **);
        if (main_fn)
            return main_fn(argc, argv);
    } else {
        fprintf(stderr, "memjit: 'main' has type '%s'; expected 'int(void)' or "
                        "'int(int, char **)'\n", type);
        return 1;
    }
    fprintf(stderr, "memjit: %s\n", mj_module_errmsg(mod));
    return 1;
}

int main(int argc, char **argv) {
    Cli cli = {0};
    int rc = parse_args(&cli, argc, argv);
    if (rc)
        return rc;
    if (!strcmp(cli.command, "cache"))
        return cache_command(&cli);

    size_t len = 0;
    char *src = read_file(cli.file, &len);
    if (!src) {
        fprintf(stderr, "memjit: cannot read '%s': %s\n", cli.file, strerror(errno));
        return EXIT_USAGE;
    }
    mj_status st;
    mj_runtime *rt = open_runtime(&cli, 0);
    if (!rt) {
        free(src);
        return EXIT_USAGE;
    }
    mj_runtime_set_include_resolver(rt, resolve_include, &cli.includes);
    mj_module *mod = NULL;
    mj_diags *diags = NULL;
    st = mj_compile(rt, cli.file, src, len, &mod, &diags);
    free(src);
    free_includes(&cli.includes);
    mj_diags_print(diags, stderr);
    mj_diags_free(diags);
    if (st != MJ_OK) {
        if (st != MJ_ERR_COMPILE)
            fprintf(stderr, "memjit: %s\n", mj_status_str(st));
        mj_runtime_free(rt);
        return 1;
    }
    if (cli.verbose)
        print_times(mod, rt);
    rc = 0;
    if (!strcmp(cli.command, "run")) {
        fflush(stderr);
        rc = call_main(mod, cli.argc, cli.argv);
        fflush(stdout);
    }
    mj_module_release(mod);
    mj_runtime_free(rt);
    return rc;
}
