/*
 * memjit - the command-line tool. Uses only the public API.
 *
 *   memjit run [OPTIONS] FILE.c [MORE.c...] [--] [ARGS...]
 *                                compile the files in memory, link them
 *                                into one program, call its main
 *   memjit check [OPTIONS] FILE.c [MORE.c...]   compile, print diagnostics only
 *   (FILE "-" or none: standard input; the options are gcc's: usage())
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
#include <dlfcn.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>   /* environ */

#include "memjit.h"

#define EXIT_USAGE 2

static void usage(FILE *out) {
    fputs("usage: memjit run [OPTIONS] [FILE.c [MORE.c...] | -] [--] [ARGS...]\n"
          "       memjit check [OPTIONS] [FILE.c [MORE.c...] | -]\n"
          "       memjit cache stats|list|clear|vacuum [--store PATH]\n"
          "       memjit --version | --help\n"
          "options:\n"
          "  -O0 .. -O3   optimisation level (default -O2)\n"
          "  -g           emit debug information\n"
          "  -I DIR       search DIR for #include files (after the includer's folder)\n"
          "  -isystem DIR search DIR after the -I folders (and before the system's)\n"
          "  --system-headers   #include <...> finds the machine's own headers, in\n"
          "               the folders gcc searches (the default)\n"
          "  --builtin-headers  memjit's own standard headers, held in memory\n"
          "  -D NAME[=VALUE], -U NAME   define (as 1 without a value) or undefine\n"
          "  -include FILE              #include \"FILE\" before the program\n"
          "  -std=STD     c99, c11, c17, gnu99, gnu11 or gnu17 (__STDC_VERSION__,\n"
          "               __STRICT_ANSI__)\n"
          "  -E           preprocess only: print the text gcc -E would (run and check)\n"
          "  -w           print no warnings\n"
          "  -Werror      warnings are errors (and the store is not used)\n"
          "  -l NAME, -L DIR            load libNAME.so (from DIR first) before the\n"
          "               compile; -lc, -lm, -lpthread, -ldl, -lrt are always there\n"
          "  -v           print where the compile time went, to stderr\n"
          "  -fpermissive accept old C as gcc 12 did (implicit declarations of\n"
          "               functions, implicit int), with warnings\n"
          "  --store PATH keep compiled code in the store PATH (default\n"
          "               $XDG_CACHE_HOME/memjit/cache.db or ~/.cache/memjit/cache.db)\n"
          "  --no-cache   use no store: always compile\n"
          "  --max-memory SIZE  bytes one compile may hold in memjit's own phases\n"
          "               (K, M, G suffixes; default 2G; 0: no limit)\n"
          "  --max-tokens N     tokens the preprocessor may produce (default 64Mi)\n"
          "  --max-macro-tokens N  tokens one macro use may expand to, rescans\n"
          "               included (default 1Mi)\n"
          "  --max-macro-depth N   macro uses nested in macro arguments (default 400)\n"
          "  --max-time MS      milliseconds a compile may take before gcc's phase\n"
          "               (default 0: no deadline)\n"
          "The first file is the program's whatever its name; those after it that\n"
          "end in .c are its other translation units, linked with it as gcc links\n"
          "them; the next argument, or the one after --, starts main's arguments\n"
          "(main's argv[0] is the first file).\n",
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
    const char *file;     /* "-" for standard input */
    const char **files;   /* file, then the other translation units */
    int nfiles;
    int argc;            /* arguments for main, FILE first */
    char **argv;
    mj_options opts;
    int verbose;
    int no_cache;
    int no_warnings;           /* -w */
    int preprocess_only;       /* -E */
    int warnings_are_errors;   /* -Werror */
    const char *store;    /* --store, or NULL for the default */
    Includes includes;         /* -I, then -isystem folders */
    char *preamble;            /* -D, -U, -std=, -include as C text */
    size_t preamble_len;
    const char *std_version;   /* -std=: __STDC_VERSION__, or NULL */
    int std_strict;
    const char *forced[MAX_INCLUDE_DIRS];        /* -include files */
    int nforced;
    const char *system_dirs[MAX_INCLUDE_DIRS];   /* -isystem */
    int nsystem_dirs;
    char *system_list;         /* --system-headers: -isystem, then gcc's folders */
    const char *lib_dirs[MAX_INCLUDE_DIRS];      /* -L */
    int nlib_dirs;
    const char *libs[MAX_INCLUDE_DIRS];          /* -l */
    int nlibs;
} Cli;

static char *const default_argv[] = {"-", NULL};

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

/* Appends to the preamble, the C text read before the file (-D, -U,
 * -include, -std=). Returns 0 when out of memory. */
static int preamble_add(Cli *cli, const char *fmt, const char *a, const char *b) {
    char *line;
    int n = asprintf(&line, fmt, a, b);
    if (n < 0)
        return 0;
    char *grown = realloc(cli->preamble, cli->preamble_len + (size_t)n + 1);
    if (!grown) {
        free(line);
        return 0;
    }
    memcpy(grown + cli->preamble_len, line, (size_t)n + 1);
    cli->preamble = grown;
    cli->preamble_len += (size_t)n;
    free(line);
    return 1;
}

/* -D NAME, -D NAME=VALUE, as gcc: NAME is 1 unless given a value. */
static int define_macro(Cli *cli, const char *arg) {
    const char *eq = strchr(arg, '=');
    if (!eq)
        return preamble_add(cli, "#define %s 1%s\n", arg, "");
    char *name = strndup(arg, (size_t)(eq - arg));
    int ok = name && preamble_add(cli, "#define %s %s\n", name, eq + 1);
    free(name);
    return ok;
}

/* -std=: __STDC_VERSION__ of that standard, and __STRICT_ANSI__ for the
 * ISO ones (not the gnu ones), as gcc defines them. */
static int choose_std(Cli *cli, const char *std) {
    static const struct { const char *name; const char *version; int strict; } stds[] = {
        {"c99", "199901L", 1}, {"c9x", "199901L", 1}, {"iso9899:1999", "199901L", 1},
        {"gnu99", "199901L", 0}, {"gnu9x", "199901L", 0},
        {"c11", "201112L", 1}, {"c1x", "201112L", 1}, {"iso9899:2011", "201112L", 1},
        {"gnu11", "201112L", 0}, {"gnu1x", "201112L", 0},
        {"c17", "201710L", 1}, {"c18", "201710L", 1}, {"iso9899:2017", "201710L", 1},
        {"iso9899:2018", "201710L", 1}, {"gnu17", "201710L", 0}, {"gnu18", "201710L", 0},
    };
    for (size_t i = 0; i < sizeof stds / sizeof *stds; i++) {
        if (strcmp(std, stds[i].name))
            continue;
        cli->std_version = stds[i].version;
        cli->std_strict = stds[i].strict;
        return 1;
    }
    fprintf(stderr, "memjit: -std=%s: unknown or unsupported standard (c99, c11, c17, "
                    "gnu99, gnu11, gnu17)\n", std);
    return 0;
}

/* The value of an option given as -Xvalue or -X value; NULL when it is
 * missing or empty. */
static const char *option_value(const char *opt, int *i, int argc, char **argv) {
    const char *a = argv[*i];
    size_t n = strlen(opt);
    const char *v = a[n] ? a + n : *i + 1 < argc ? argv[++*i] : NULL;
    return v && *v ? v : NULL;
}

/* A limit's value: a decimal count, with K, M or G (binary: 1024) for
 * --max-memory; 0 for none. False after saying what is wrong. */
static int parse_limit(const char *opt, const char *v, int units, size_t *out) {
    char *end;
    errno = 0;
    unsigned long long n = v ? strtoull(v, &end, 10) : 0;
    int shift = 0;
    if (v && units && *end && !end[1])
        shift = *end == 'K' || *end == 'k' ? 10 : *end == 'M' ? 20 : *end == 'G' ? 30 : -1;
    if (shift > 0)
        end++;
    if (!v || !*v || *v == '-' || *end || shift < 0 || errno || n > (SIZE_MAX >> shift)) {
        fprintf(stderr, "memjit: %s needs a number%s (0: no limit)\n", opt,
                units ? " of bytes, with K, M or G" : "");
        return 0;
    }
    *out = (size_t)n << shift;
    return 1;
}

static int add_dir(const char **dirs, int *n, const char *opt, const char *dir) {
    if (*n == MAX_INCLUDE_DIRS) {
        fprintf(stderr, "memjit: at most %d %s folders\n", MAX_INCLUDE_DIRS, opt);
        return 0;
    }
    dirs[(*n)++] = dir;
    return 1;
}

/* One option of run and check at argv[*i] (which it may move past a
 * value). Returns 0, or EXIT_USAGE after saying what is wrong. */
static int parse_option(Cli *cli, int *i, int argc, char **argv) {
    const char *a = argv[*i], *v;
    int ok = 1;
    if (a[1] == 'O' && a[2] >= '0' && a[2] <= '3' && !a[3])
        cli->opts.opt_level = a[2] - '0';
    else if (!strcmp(a, "-g"))
        cli->opts.debug_info = 1;
    else if (!strcmp(a, "-v"))
        cli->verbose = 1;
    else if (!strcmp(a, "-w"))
        cli->no_warnings = 1;
    else if (!strcmp(a, "-E"))
        cli->preprocess_only = 1;
    else if (!strcmp(a, "-Werror"))
        cli->warnings_are_errors = 1;
    else if (!strcmp(a, "-fpermissive"))
        cli->opts.permissive = 1;
    else if (!strcmp(a, "--system-headers"))
        cli->opts.system_headers = 1;
    else if (!strcmp(a, "--builtin-headers"))
        cli->opts.system_headers = 0;
    else if (!strcmp(a, "--no-cache"))
        cli->no_cache = 1;
    else if (!strcmp(a, "--max-memory"))
        return parse_limit(a, *i + 1 < argc ? argv[++*i] : NULL, 1,
                           &cli->opts.max_compile_bytes) ? 0 : EXIT_USAGE;
    else if (!strcmp(a, "--max-time")) {
        size_t ms;
        if (!parse_limit(a, *i + 1 < argc ? argv[++*i] : NULL, 0, &ms))
            return EXIT_USAGE;
        cli->opts.max_compile_ms = (unsigned long)ms;
        return 0;
    } else if (!strcmp(a, "--max-macro-depth")) {
        size_t depth;
        if (!parse_limit(a, *i + 1 < argc ? argv[++*i] : NULL, 0, &depth))
            return EXIT_USAGE;
        cli->opts.max_macro_depth = depth > 100000 ? 100000u : (unsigned)depth;
        return 0;
    } else if (!strcmp(a, "--max-macro-tokens"))
        return parse_limit(a, *i + 1 < argc ? argv[++*i] : NULL, 0,
                           &cli->opts.max_macro_tokens) ? 0 : EXIT_USAGE;
    else if (!strcmp(a, "--max-tokens"))
        return parse_limit(a, *i + 1 < argc ? argv[++*i] : NULL, 0, &cli->opts.max_tokens)
                   ? 0 : EXIT_USAGE;
    else if (!strncmp(a, "-std=", 5))
        return choose_std(cli, a + 5) ? 0 : EXIT_USAGE;
    else if (!strcmp(a, "--store"))
        ok = (v = option_value(a, i, argc, argv)) && (cli->store = v);
    else if (!strcmp(a, "-include"))
        ok = (v = option_value(a, i, argc, argv)) &&
             add_dir(cli->forced, &cli->nforced, "-include", v);
    else if (!strncmp(a, "-isystem", 8))
        ok = (v = option_value("-isystem", i, argc, argv)) &&
             add_dir(cli->system_dirs, &cli->nsystem_dirs, "-isystem", v);
    else if (!strncmp(a, "-I", 2))
        ok = (v = option_value("-I", i, argc, argv)) &&
             add_dir(cli->includes.dirs, &cli->includes.ndirs, "-I", v);
    else if (!strncmp(a, "-D", 2))
        ok = (v = option_value("-D", i, argc, argv)) && *v != '=' && define_macro(cli, v);
    else if (!strncmp(a, "-U", 2))
        ok = (v = option_value("-U", i, argc, argv)) &&
             preamble_add(cli, "#undef %s%s\n", v, "");
    else if (!strncmp(a, "-L", 2))
        ok = (v = option_value("-L", i, argc, argv)) &&
             add_dir(cli->lib_dirs, &cli->nlib_dirs, "-L", v);
    else if (!strncmp(a, "-l", 2))
        ok = (v = option_value("-l", i, argc, argv)) &&
             add_dir(cli->libs, &cli->nlibs, "-l", v);
    else {
        fprintf(stderr, "memjit: unknown option '%s'\n", a);
        return EXIT_USAGE;
    }
    if (!ok) {
        fprintf(stderr, "memjit: option '%s' needs a value (a name, a file or a "
                        "folder)\n", a);
        return EXIT_USAGE;
    }
    return 0;
}

/* The preamble's order is gcc's: -D and -U as given, then -std='s
 * macros, then the -include files. */
static int finish_preamble(Cli *cli) {
    int ok = 1;
    if (cli->std_version)
        ok = preamble_add(cli, "#undef __STDC_VERSION__\n#define __STDC_VERSION__ %s\n%s",
                          cli->std_version, cli->std_strict ? "#define __STRICT_ANSI__ 1\n" : "");
    for (int k = 0; ok && k < cli->nforced; k++)
        ok = preamble_add(cli, "#include \"%s\"%s\n", cli->forced[k], "");
    cli->opts.preamble = cli->preamble;
    if (!cli->opts.system_headers) {
        /* memjit's own headers for <name>: -isystem folders follow -I's. */
        for (int k = 0; ok && k < cli->nsystem_dirs; k++)
            ok = add_dir(cli->includes.dirs, &cli->includes.ndirs, "-I", cli->system_dirs[k]);
        return ok;
    }
    /* The system's: -isystem folders come before gcc's own, as in gcc. */
    size_t n = strlen(mj_default_system_include_dirs()) + 1;
    for (int k = 0; k < cli->nsystem_dirs; k++)
        n += strlen(cli->system_dirs[k]) + 1;
    cli->system_list = malloc(n);
    if (!cli->system_list)
        return 0;
    cli->system_list[0] = '\0';
    for (int k = 0; k < cli->nsystem_dirs; k++) {
        strcat(cli->system_list, cli->system_dirs[k]);
        strcat(cli->system_list, ":");
    }
    strcat(cli->system_list, mj_default_system_include_dirs());
    cli->opts.system_include_dirs = cli->system_list;
    return ok;
}

static int ends_in_dot_c(const char *a) {
    size_t n = strlen(a);
    return n > 2 && !strcmp(a + n - 2, ".c");
}

/* The files from argv[first] (the program's, whatever its name; then
 * every one ending in .c), and main's arguments: the first file, then
 * what follows the files (after a "--" that ends them). */
static int take_files(Cli *cli, int first, int argc, char **argv) {
    cli->files = calloc((size_t)argc + 1, sizeof *cli->files);
    cli->argv = calloc((size_t)argc + 2, sizeof *cli->argv);
    if (!cli->files || !cli->argv) {
        fprintf(stderr, "memjit: out of memory\n");
        return EXIT_USAGE;
    }
    cli->files[cli->nfiles++] = cli->file;
    int i = first + 1;
    while (first < argc && i < argc && ends_in_dot_c(argv[i]))
        cli->files[cli->nfiles++] = argv[i++];
    if (first < argc && i < argc && !strcmp(argv[i], "--"))
        i++;
    if (cli->nfiles > 1 && !strcmp(cli->file, "-")) {
        fprintf(stderr, "memjit: standard input ('-') must be the only file\n");
        return EXIT_USAGE;
    }
    cli->argv[cli->argc++] = first < argc ? argv[first] : default_argv[0];
    for (; i < argc; i++)
        cli->argv[cli->argc++] = argv[i];
    return 0;
}

static int parse_args(Cli *cli, int argc, char **argv) {
    mj_options_init(&cli->opts);
    cli->opts.system_headers = 1;   /* as gcc: the machine's headers (docs/headers.md) */
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
        if (!strcmp(argv[i], "--")) {
            i++;
            break;
        }
        int rc = parse_option(cli, &i, argc, argv);
        if (rc)
            return rc;
    }
    if (!finish_preamble(cli)) {
        fprintf(stderr, "memjit: out of memory\n");
        return EXIT_USAGE;
    }
    /* No file, or "-": the program is standard input, as for gcc -x c -. */
    cli->file = i < argc ? argv[i] : "-";
    return take_files(cli, i, argc, argv);
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
    if (stats.store_hits && !stats.compiles) {
        fprintf(stderr, "memjit: front end 0 ms, IR building 0 ms, libgccjit 0 ms "
                        "(loaded from the store: no compile)\n");
        return;
    }
    mj_module_times(mod, &t);
    double total = t.frontend_ms + t.lower_ms + t.jit_ms;
    fprintf(stderr,
            "memjit: front end %.3f ms, IR building %.3f ms, libgccjit %.3f ms "
            "(total %.3f ms, memjit's share %.1f%%)",
            t.frontend_ms, t.lower_ms, t.jit_ms, total,
            total > 0 ? 100.0 * (t.frontend_ms + t.lower_ms) / total : 0.0);
    if (stats.store_hits)   /* several files, some unchanged */
        fprintf(stderr, "; %llu files compiled, %llu from the store", stats.compiles,
                stats.store_hits);
    fputs("\n", stderr);
}

/* Calls main with the signature the program gave it. */
/* The program's module once main runs: exit() (also main's return)
 * releases it, and so runs its destructors, after the atexit handlers the
 * program registered, as gcc's build runs them. */
static mj_module *running;
static mj_runtime *running_rt;   /* its cache holds the module too */

static void release_at_exit(void) {
    mj_module *mod = running;
    if (!mod)
        return;
    running = NULL;
    mj_module_release(mod);
    mj_runtime_free(running_rt);
}

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
    } else if (!strcmp(type, "int(int)")) {   /* gcc takes these too */
        int (*main_fn)(int) = MJ_FN(mod, "main", int, int);
        if (main_fn)
            return main_fn(argc);
    } else if (!strcmp(type, "int(int, char **, char **)")) {
        int (*main_fn)(int, char **, char **) = MJ_FN(mod, "main", int, int, char **, char **);
        if (main_fn)
            return main_fn(argc, argv, environ);
    } else {
        fprintf(stderr, "memjit: 'main' has type '%s'; expected 'int(void)', "
                        "'int(int, char **)', 'int(int)' or 'int(int, char **, char **)'\n",
                type);
        return 1;
    }
    fprintf(stderr, "memjit: %s\n", mj_module_errmsg(mod));
    return 1;
}

/* The libraries a memjit process has anyway: libc, libm (memjit links
 * it), and those glibc 2.34 merged into libc, which leaves only empty
 * archives of them for the linker (no libpthread.so to load). */
static int is_in_libc(const char *name) {
    static const char *const merged[] = {"c", "m", "pthread", "dl", "rt", "util", "anl"};
    for (size_t i = 0; i < sizeof merged / sizeof *merged; i++)
        if (!strcmp(name, merged[i]))
            return 1;
    return 0;
}

/* -l NAME: libNAME.so from the -L folders, else where the dynamic linker
 * looks, loaded for every symbol before the compile (which checks that
 * each one the program calls exists). */
static int load_libraries(Cli *cli) {
    for (int k = 0; k < cli->nlibs; k++) {
        const char *name = cli->libs[k];
        if (is_in_libc(name))
            continue;
        void *h = NULL;
        char *path = NULL;
        for (int d = 0; !h && d < cli->nlib_dirs; d++) {
            if (asprintf(&path, "%s/lib%s.so", cli->lib_dirs[d], name) < 0)
                return 0;
            h = dlopen(path, RTLD_NOW | RTLD_GLOBAL);
            free(path);
        }
        if (!h && asprintf(&path, "lib%s.so", name) >= 0) {
            h = dlopen(path, RTLD_NOW | RTLD_GLOBAL);
            free(path);
        }
        if (!h) {
            fprintf(stderr, "memjit: cannot load -l%s: no shared library lib%s.so in the "
                            "-L folders or the system's (%s)\n", name, name, dlerror());
            return 0;
        }
    }
    return 1;
}

/* The diagnostics, as -w and -Werror ask: -w drops the warnings (and the
 * notes that follow one), -Werror prints them as errors. Returns whether
 * a warning was made an error. */
static int print_diags(Cli *cli, const mj_diags *diags) {
    int promoted = 0, dropping = 0;
    for (size_t k = 0; k < mj_diags_count(diags); k++) {
        mj_diag d = *mj_diags_get(diags, k);
        if (d.severity != MJ_SEV_NOTE)
            dropping = cli->no_warnings && d.severity == MJ_SEV_WARNING;
        if (dropping)
            continue;
        if (cli->warnings_are_errors && d.severity == MJ_SEV_WARNING) {
            if (!promoted)
                fprintf(stderr, "memjit: all warnings being treated as errors\n");
            d.severity = MJ_SEV_ERROR;
            promoted = 1;
        }
        mj_diag_print(&d, stderr);
    }
    return promoted;
}

static void free_program(mj_source *units, int n) {
    for (int i = 0; units && i < n; i++)
        free((char *)units[i].src);
    free(units);
}

/* A file's text, or standard input's for "-". */
static char *read_source(const char *file, size_t *len) {
    if (strcmp(file, "-")) {
        char *src = read_file(file, len);
        if (!src)
            fprintf(stderr, "memjit: cannot read '%s': %s\n", file, strerror(errno));
        return src;
    }
    char *src = read_file("/dev/stdin", len);
    if (!src)
        fprintf(stderr, "memjit: cannot read standard input: %s\n", strerror(errno));
    return src;
}

/* Every file's text, as the translation units of the program; NULL
 * when one cannot be read (then nothing is left allocated). */
static mj_source *read_program(Cli *cli) {
    mj_source *units = calloc((size_t)cli->nfiles, sizeof *units);
    if (!units)
        return NULL;
    for (int i = 0; i < cli->nfiles; i++) {
        units[i].name = strcmp(cli->files[i], "-") ? cli->files[i] : "<stdin>";
        units[i].src = read_source(cli->files[i], &units[i].len);
        if (!units[i].src) {
            free_program(units, i);
            return NULL;
        }
    }
    return units;
}

/* -E: each file's text preprocessed, one after the other, as gcc -E
 * a.c b.c prints them. The first failure's status. */
static mj_status preprocess_all(Cli *cli, mj_runtime *rt, const mj_source *units) {
    mj_status first = MJ_OK;
    for (int i = 0; i < cli->nfiles; i++) {
        char *text = NULL;
        mj_diags *diags = NULL;
        mj_status st = mj_preprocess(rt, units[i].name, units[i].src, units[i].len, &text,
                                     &diags);
        print_diags(cli, diags);
        mj_diags_free(diags);
        if (text)
            fputs(text, stdout);
        free(text);
        if (st != MJ_OK && st != MJ_ERR_COMPILE)
            fprintf(stderr, "memjit: %s\n", mj_status_str(st));
        if (first == MJ_OK)
            first = st;
    }
    return first;
}

/* What parse_args allocated. */
static void free_cli_strings(Cli *cli) {
    free(cli->files);
    free(cli->argv);
    free(cli->preamble);
    free(cli->system_list);
}

int main(int argc, char **argv) {
    Cli cli = {0};
    int rc = parse_args(&cli, argc, argv);
    if (rc) {
        free_cli_strings(&cli);   /* the -D given before the bad option */
        return rc;
    }
    if (!strcmp(cli.command, "cache"))
        return cache_command(&cli);

    mj_source *units = read_program(&cli);
    if (!units || !load_libraries(&cli)) {
        free_program(units, cli.nfiles);
        free_cli_strings(&cli);
        return EXIT_USAGE;
    }
    /* A store hit brings back no warnings, and -Werror must see them. */
    if (cli.warnings_are_errors)
        cli.no_cache = 1;
    mj_status st;
    mj_runtime *rt = open_runtime(&cli, 0);
    if (!rt) {
        free_program(units, cli.nfiles);
        free_cli_strings(&cli);
        return EXIT_USAGE;
    }
    mj_runtime_set_include_resolver(rt, resolve_include, &cli.includes);
    mj_module *mod = NULL;
    mj_diags *diags = NULL;
    if (cli.preprocess_only) {
        st = preprocess_all(&cli, rt, units);
        free_program(units, cli.nfiles);
        free_includes(&cli.includes);
        mj_runtime_free(rt);
        free_cli_strings(&cli);
        return st == MJ_OK ? 0 : 1;
    }
    st = mj_compile_units(rt, units, (size_t)cli.nfiles, &mod, &diags);
    free_program(units, cli.nfiles);
    free_includes(&cli.includes);
    int promoted = print_diags(&cli, diags);
    mj_diags_free(diags);
    if (st != MJ_OK || promoted) {
        if (st != MJ_OK && st != MJ_ERR_COMPILE)
            fprintf(stderr, "memjit: %s\n", mj_status_str(st));
        mj_module_release(mod);
        mj_runtime_free(rt);
        free_cli_strings(&cli);
        return 1;
    }
    if (cli.verbose)
        print_times(mod, rt);
    rc = 0;
    if (!strcmp(cli.command, "run")) {
        fflush(stderr);
        running = mod;
        running_rt = rt;
        atexit(release_at_exit);
        rc = call_main(mod, cli.argc, cli.argv);
        /* As C's startup code does: main's return is exit(rc), which runs
         * the program's atexit handlers, then (release_at_exit) its
         * destructors, before the code goes away. */
        free_cli_strings(&cli);
        exit(rc);
    }
    mj_module_release(mod);
    mj_runtime_free(rt);
    free_cli_strings(&cli);
    return rc;
}
