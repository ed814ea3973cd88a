/*
 * jit.c - a configured libgccjit context, and the compile itself.
 *
 * libgccjit reports errors by recording the first one in the context (and,
 * by default, printing every one to stderr). A library must not print, so
 * printing is turned off and the first error becomes a diagnostic.
 */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "back.h"

/* ---------------------------------------------------------------------
 * Loading libgccjit on first use (jitapi.h)
 * ------------------------------------------------------------------- */

/* The file the build found, passed by meson; the soname otherwise. */
#ifndef MJ_GCCJIT_PATH
#define MJ_GCCJIT_PATH "libgccjit.so.0"
#endif

JitApi jit_api;

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static _Atomic bool load_ok;
static char load_error[512];

/* dlopen the exact file the identity describes when it exists, so that a
 * key names the compiler that made the code. */
static void *open_library(void) {
    void *h = dlopen(MJ_GCCJIT_PATH, RTLD_NOW | RTLD_LOCAL);
    if (!h && strcmp(MJ_GCCJIT_PATH, "libgccjit.so.0") != 0)
        h = dlopen("libgccjit.so.0", RTLD_NOW | RTLD_LOCAL);
    return h;
}

static void load_library(void) {
    void *h = open_library();
    if (!h) {
        const char *why = dlerror();
        snprintf(load_error, sizeof load_error, "cannot load libgccjit: %s",
                 why ? why : "dlopen failed");
        return;
    }
    JitApi api;
    void *sym;
#define MJ_JITAPI_LOOKUP(fn)                                                  \
    sym = dlsym(h, "gcc_jit_" #fn);                                           \
    memcpy(&api.fn, &sym, sizeof sym);  /* object to function pointer */      \
    if (!sym) {                                                            \
        snprintf(load_error, sizeof load_error,                               \
                 "libgccjit has no function gcc_jit_" #fn " (too old?)");     \
        return;                                                               \
    }
    MJ_GCCJIT_FUNCTIONS(MJ_JITAPI_LOOKUP)
#undef MJ_JITAPI_LOOKUP
    jit_api = api;
    load_ok = true;
}

bool jit_api_load(char *errbuf, size_t errlen) {
    pthread_once(&load_once, load_library);
    if (!load_ok && errbuf && errlen)
        snprintf(errbuf, errlen, "%s", load_error);
    return load_ok;
}

bool jit_api_loaded(void) {
    return load_ok;
}

static pthread_once_t identity_once = PTHREAD_ONCE_INIT;
static char identity[512];

/* Who made the code, without loading the library: the file's path, size,
 * modification time and inode. An upgrade of libgccjit changes them. */
static void find_identity(void) {
    struct stat st;
    if (stat(MJ_GCCJIT_PATH, &st) == 0)
        snprintf(identity, sizeof identity, "%s %lld %lld.%09ld %llu", MJ_GCCJIT_PATH,
                 (long long)st.st_size, (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec,
                 (unsigned long long)st.st_ino);
    else
        snprintf(identity, sizeof identity, "%s (not found at build path)", MJ_GCCJIT_PATH);
}

const char *jit_api_identity(void) {
    pthread_once(&identity_once, find_identity);
    return identity;
}

/* ---------------------------------------------------------------------
 * Contexts and compiles
 * ------------------------------------------------------------------- */

gcc_jit_context *jit_new_context(const mj_options *opts, bool no_warnings) {
    gcc_jit_context *ctx = gcc_jit_context_acquire();
    if (!ctx)
        return NULL;

    int level = opts ? opts->opt_level : 2;
    if (level < 0)
        level = 0;
    if (level > 3)
        level = 3;
    gcc_jit_context_set_int_option(ctx, GCC_JIT_INT_OPTION_OPTIMIZATION_LEVEL, level);
    gcc_jit_context_set_bool_option(ctx, GCC_JIT_BOOL_OPTION_DEBUGINFO,
                                    opts && opts->debug_info);

    // Errors become diagnostics (jit_compile); nothing may reach stderr.
    gcc_jit_context_set_bool_print_errors_to_stderr(ctx, 0);

    // C allows statements after a return or a break; lower.c puts them
    // in blocks nothing jumps to, which libgccjit rejects by default.
    gcc_jit_context_set_bool_allow_unreachable_blocks(ctx, 1);

    // The program's own definitions win over the host's (a program that
    // defines `step` or `optind` must not call or write libc's): link.c
    // binds a unit's references to the link's own definitions first.
    // -fno-semantic-interposition lets gcc assume so too, so calls
    // between the program's functions bind directly and can be inlined
    // as in an executable. (No ld runs, so no -Bsymbolic is needed.)
    gcc_jit_context_add_command_line_option(ctx, "-fno-semantic-interposition");
    // C lets a char lvalue read any object (C11 6.5p7). gcc's C front end
    // gives the char types alias set 0 for that; libgccjit does not, so
    // under strict aliasing `(unsigned char *)&s` reads stale bytes.
    gcc_jit_context_add_command_line_option(ctx, "-fno-strict-aliasing");
    // libgccjit defaults to -fno-math-errno, gcc's C driver does not: with
    // it, sqrt(-1) would leave errno alone where the same program built by
    // gcc sets EDOM. memjit promises gcc's behaviour, so ask for errno.
    gcc_jit_context_add_command_line_option(ctx, "-fmath-errno");
    // gcc 12's ipa-modref keeps state from one compile of the process to
    // the next (libgccjit does not reset it): a compile after certain
    // others crashed inside gcc, taking the process with it (two units of
    // Lua, lauxlib.c then ldblib.c; reduced: each with a recursive
    // function that falls off its end). Without the pass gcc loses some
    // knowledge of what a call reads and writes, never correctness.
    gcc_jit_context_add_command_line_option(ctx, "-fno-ipa-modref");
    // gcc 12 keeps its builtin declarations from one compile of the
    // process to the next, and a kept declaration still points to the
    // call-graph node of the compile that made it. When the inliner of a
    // later compile turns a call into __builtin_unreachable, it reuses
    // that stale node and ipa-pure-const indexes its summaries with the
    // node's old uid: memory out of bounds, a crash inside gcc (Lua's
    // llex.c then lstring.c at -O2). Asking for the builtin here makes
    // this compile create its own node for it before any pass runs.
    gcc_jit_context_get_builtin_function(ctx, "__builtin_unreachable");
    // libgccjit reports gcc's warnings as errors that fail the compile; a
    // second build after one (api.c) turns them off.
    if (no_warnings)
        gcc_jit_context_add_command_line_option(ctx, "-w");
    return ctx;
}

/* gcc's start-up inside libgccjit calls setlocale(LC_CTYPE, "") (for its
 * own messages), which would change the host's locale, and with it what
 * compiled code such as mbstowcs or isalpha does, but only on a compile,
 * not on a cache hit. Keep the host's locale as it was. */
typedef struct SavedLocale {
    char *name;   /* setlocale(LC_ALL, NULL) before the compile, or NULL */
} SavedLocale;

static SavedLocale save_locale(void) {
    const char *now = setlocale(LC_ALL, NULL);
    return (SavedLocale){now ? mem_strdup(now) : NULL};
}

static void restore_locale(SavedLocale saved) {
    if (!saved.name)
        return;
    const char *now = setlocale(LC_ALL, NULL);
    if (!now || strcmp(now, saved.name) != 0)
        setlocale(LC_ALL, saved.name);
    free(saved.name);
}

/* ---------------------------------------------------------------------
 * The assembler's messages
 *
 * gcc runs the assembler as a child process, which inherits our fd 2 and
 * prints there what it finds wrong in a program's asm statements, the one
 * text of a compile the assembler can refuse (memjit's own output always
 * assembles). A library must not print: for a program with asm, fd 2
 * points at an anonymous file during the compile, and each message there,
 *   NAME:LINE: Error: TEXT   (or Warning:)
 * becomes a diagnostic at that line. Another thread writing to stderr
 * meanwhile would write into that file too: whatever is not the
 * assembler's is passed on to the real stderr afterwards.
 * ------------------------------------------------------------------- */

typedef struct StderrCapture {
    int saved;   /* the real fd 2, or -1 when not capturing */
    int file;
} StderrCapture;

static StderrCapture capture_stderr(Compile *c) {
    StderrCapture cap = {-1, -1};
    if (!c->has_asm)
        return cap;
    cap.file = memfd_create("memjit-as", MFD_CLOEXEC);
    if (cap.file < 0) {
        FILE *f = tmpfile();   // no memfd: an unnamed file, gone when closed
        cap.file = f ? dup(fileno(f)) : -1;
        if (f)
            fclose(f);
    }
    fflush(stderr);
    cap.saved = cap.file >= 0 ? dup(2) : -1;
    if (cap.saved >= 0 && dup2(cap.file, 2) < 0) {
        close(cap.saved);
        cap.saved = -1;
    }
    return cap;
}

static const SrcFile *file_named(Compile *c, const char *name, size_t len) {
    for (int i = 0; i < c->nfiles; i++)
        if (strlen(c->files[i]->name) == len && !memcmp(c->files[i]->name, name, len))
            return c->files[i];
    return NULL;
}

/* One line of what was captured: a diagnostic, or back to stderr. */
static void assembler_line(Compile *c, const char *line, size_t len) {
    const char *colon = memchr(line, ':', len);
    const char *kinds[] = {": Error: ", ": Warning: "};
    for (int k = 0; colon && k < 2; k++) {
        char *end;
        long n = strtol(colon + 1, &end, 10);
        size_t klen = strlen(kinds[k]);
        if (end == colon + 1 || (size_t)(line + len - end) < klen || memcmp(end, kinds[k], klen))
            continue;
        const char *msg = end + klen;
        int mlen = (int)(line + len - msg);
        const SrcFile *f = file_named(c, line, (size_t)(colon - line));
        if (!f) {
            c->asm_refused |= k == 0;
            error_at(c, NULL, 0, 0, "%.*s: assembler: %.*s", (int)(end - line), line, mlen, msg);
        } else if (k == 0) {
            c->asm_refused = true;
            error_at(c, f, (int)n, 0, "assembler: %.*s", mlen, msg);
        } else {
            warn_at(c, f, (int)n, 0, "assembler: %.*s", mlen, msg);
        }
        return;
    }
    static const char header[] = ": Assembler messages:";
    if (len >= sizeof header - 1 && !memcmp(line + len - (sizeof header - 1), header,
                                             sizeof header - 1))
        return;
    if (write(2, line, len) < 0 || write(2, "\n", 1) < 0)
        return;   // stderr is gone: nothing more to do
}

/* What the assembler's messages may take; more is passed on to stderr
 * unread. Allocated before the compile (run_gcc). */
#define ASM_CAPTURE_MAX (64 * 1024)

/* Puts fd 2 back and reads what the compile wrote to it into buf (at most
 * cap bytes; the rest goes to the real stderr as it is). Allocates and
 * reports nothing: run_gcc calls it while it holds the compile lock. */
static size_t release_stderr(StderrCapture cap, char *buf, size_t cap_len) {
    if (cap.saved < 0) {
        if (cap.file >= 0)
            close(cap.file);
        return 0;
    }
    fflush(stderr);
    dup2(cap.saved, 2);
    close(cap.saved);
    off_t size = lseek(cap.file, 0, SEEK_END);
    size_t n = size > 0 ? (size_t)size : 0;
    size_t kept = n < cap_len ? n : cap_len;
    if (!buf || pread(cap.file, buf, kept, 0) != (ssize_t)kept)
        kept = 0;
    char more[4096];
    for (off_t at = (off_t)kept; at < size;) {
        ssize_t got = pread(cap.file, more, sizeof more, at);
        if (got <= 0 || write(2, more, (size_t)got) != got)
            break;
        at += got;
    }
    close(cap.file);
    return kept;
}

/* Each line of the assembler's output, as a diagnostic (or passed on). */
static void report_assembler(Compile *c, const char *text, size_t size) {
    if (!text) /* no buffer could be had: nothing was kept */
        return;
    for (const char *p = text, *end = text + size; p < end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
        assembler_line(c, p, len);
        p += len + 1;
    }
}

/* ---------------------------------------------------------------------
 * Signals during a compile
 *
 * gcc's driver inside libgccjit waits for the assembler with waitpid and takes EINTR as fatal: a signal the host handles during
 * a compile (a profiler's SIGPROF, a timer's SIGALRM) makes it print
 * "failed to get exit status: Interrupted system call" and exit() the
 * whole process. So the compiling thread blocks every signal it may for
 * the length of the compile: one that arrives meanwhile goes to another
 * thread, or waits and is handled as soon as the compile ends (~20 ms).
 * The signals a fault raises (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP,
 * SIGSYS, SIGABRT) stay open: blocking those would turn a crash into
 * undefined behaviour. The assembler inherits the mask; it runs briefly
 * and relies on no signal.
 * ------------------------------------------------------------------- */

static sigset_t block_signals(void) {
    static const int faults[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP, SIGSYS, SIGABRT};
    sigset_t all, old;
    sigfillset(&all);
    for (size_t i = 0; i < sizeof faults / sizeof faults[0]; i++)
        sigdelset(&all, faults[i]);
    pthread_sigmask(SIG_BLOCK, &all, &old);
    return old;
}

static void restore_signals(sigset_t old) {
    pthread_sigmask(SIG_SETMASK, &old, NULL);
}

/* ---------------------------------------------------------------------
 * The assembler
 *
 * gcc's driver inside libgccjit runs `as` as a child process (memjit
 * links the object itself, link.c: ld never runs), and when it cannot
 * find it prints "fatal error: cannot execute 'as'" and exits the whole
 * process. So before a compile memjit looks for it where the driver
 * does: its own program folders (gcc -print-search-dirs, "programs:", known at build time), then PATH
 * (execvp's "/bin:/usr/bin" when PATH is unset). Not found: the compile
 * fails with an error saying so. A few access() calls per cold compile.
 * ------------------------------------------------------------------- */

#ifndef MJ_GCC_PROGRAM_DIRS
#define MJ_GCC_PROGRAM_DIRS ""
#endif

/* Whether an executable `name` is in one of the ':'-separated folders. */
static bool in_folders(const char *folders, const char *name) {
    for (const char *p = folders; *p;) {
        const char *end = strchr(p, ':');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        char path[4096];
        if (len > 0 && len + strlen(name) + 2 < sizeof path) {
            snprintf(path, sizeof path, "%.*s/%s", (int)len, p, name);
            if (access(path, X_OK) == 0)
                return true;
        }
        p += len + (end != NULL);
    }
    return false;
}

/* Whether the driver would find the assembler. */
static bool tools_found(Compile *c) {
    const char *path = getenv("PATH");
    if (in_folders(MJ_GCC_PROGRAM_DIRS, "as") || in_folders(path ? path : "/bin:/usr/bin", "as"))
        return true;
    error_at(c, NULL, 0, 0, "gcc cannot compile here: the assembler 'as' (binutils) is in "
             "none of gcc's folders nor in PATH");
    return false;
}

/* One compile at a time in the process. libgccjit takes its own big lock
 * over most of a compile, but not over making its temporary folder, where
 * libiberty's choose_tmpdir memoises $TMPDIR in a static without a lock
 * (a data race ThreadSanitizer reports when two threads compile at once);
 * and the locale saved and restored around a compile is the process's: a
 * thread saving it while another thread's gcc has changed it would put
 * gcc's back afterwards. libgccjit's lock serialises compiles anyway, so
 * this one costs nothing. */
static pthread_mutex_t compile_lock = PTHREAD_MUTEX_INITIALIZER;

/* gcc itself, with what must surround it: one compile at a time, the
 * host's locale kept, the assembler's messages caught (into asm_text, at
 * most ASM_CAPTURE_MAX bytes: *asm_len) and signals held. To the object
 * at path. Nothing here may escape: an escape would leave the lock held,
 * the signals blocked and the locale changed. True when gcc succeeded. */
static bool run_gcc(Compile *c, gcc_jit_context *ctx, const char *path, char *asm_text,
                    size_t *asm_len) {
    pthread_mutex_lock(&compile_lock);
    SavedLocale locale = save_locale();
    StderrCapture cap = capture_stderr(c);
    sigset_t mask = block_signals();
    gcc_jit_context_compile_to_file(ctx, GCC_JIT_OUTPUT_KIND_OBJECT_FILE, path);
    restore_signals(mask);
    *asm_len = release_stderr(cap, asm_text, ASM_CAPTURE_MAX);
    restore_locale(locale);
    pthread_mutex_unlock(&compile_lock);
    return gcc_jit_context_get_first_error(ctx) == NULL;
}

/* What gcc and the assembler said, once nothing is held: the assembler's
 * lines as diagnostics, gcc's first error kept in c->gcc_message (unless
 * the assembler said why) for api.c to report. */
static void report_gcc(Compile *c, gcc_jit_context *ctx, const char *asm_text, size_t asm_len) {
    int errors = c->error_count;
    report_assembler(c, asm_text, asm_len);
    const char *msg = gcc_jit_context_get_first_error(ctx);
    c->gcc_message = NULL;
    if (msg && c->error_count == errors)
        c->gcc_message = arena_printf(&c->arena, "%s", msg);
}

/* The object file, read whole into a malloc'ed buffer; NULL with errno. */
static unsigned char *read_object(const char *path, size_t *len) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0)
        return NULL;
    unsigned char *p = NULL;
    if (fstat(fd, &st) == 0 && st.st_size > 0 && (p = mem_malloc((size_t)st.st_size))) {
        size_t got = 0;
        while (got < (size_t)st.st_size) {
            ssize_t n = read(fd, p + got, (size_t)st.st_size - got);
            if (n <= 0)
                break;
            got += (size_t)n;
        }
        if (got != (size_t)st.st_size) {
            free(p);
            p = NULL;
            errno = EIO;
        }
        *len = got;
    } else if (!p) {
        errno = ENOMEM;
    }
    close(fd);
    return p;
}

/* The assembler writes the object to a file: one in a folder of our own
 * (mode 0700, under $TMPDIR or /tmp), read back and removed at once. A
 * folder rather than a memfd's /proc path: a compile must work where
 * /proc is not mounted. */
unsigned char *jit_compile_object(Compile *c, gcc_jit_context *ctx, size_t *len) {
    /* What may report (and so escape, out of memory) comes before the
     * folder exists or after it is gone. */
    if (!tools_found(c))
        return NULL;
    char *asm_text = c->has_asm ? arena_alloc_raw(&c->arena, ASM_CAPTURE_MAX) : NULL;
    const char *tmp = getenv("TMPDIR");
    char dir[4096];
    if (!tmp || !*tmp || strlen(tmp) > sizeof dir - 64)
        tmp = "/tmp";
    snprintf(dir, sizeof dir, "%s/memjit-XXXXXX", tmp);
    if (!mkdtemp(dir)) {
        error_at(c, NULL, 0, 0, "cannot make a private folder in %s for gcc's output: %s", tmp,
                 strerror(errno));
        return NULL;
    }
    char path[4200];
    snprintf(path, sizeof path, "%s/code.o", dir);
    size_t asm_len = 0;
    unsigned char *obj = NULL;
    int read_errno = 0;
    bool built = run_gcc(c, ctx, path, asm_text, &asm_len);
    if (built) {
        obj = read_object(path, len);
        read_errno = errno;
    }
    unlink(path);
    rmdir(dir);
    if (!obj) {
        report_gcc(c, ctx, asm_text, asm_len);   /* may escape: nothing is held */
        if (built)
            error_at(c, NULL, 0, 0, "cannot read gcc's output %s: %s", path,
                     strerror(read_errno));
        return NULL;
    }
    /* the object is the caller's only once this returns: free it if a
     * report escapes */
    c->pending_object = obj;
    report_gcc(c, ctx, asm_text, asm_len);
    c->pending_object = NULL;
    return obj;
}
