/*
 * test_api.c - the public API: lifetimes, typed lookup, errors, diagnostics.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <pthread.h>
#include <sys/time.h>
#include <unistd.h>

#include <cmocka.h>

#include "memjit.h"

static const char good_src[] =
    "static int hidden(int x) { return x * 3; }\n"
    "int counter = 41;\n"
    "double scale = 2.5;\n"
    "const char *greeting = \"hi\";\n"
    "int add(int a, int b) { return a + b + hidden(0); }\n"
    "double mul(double a, double b) { return a * b * scale; }\n"
    "unsigned long ulen(const char *s) { unsigned long n = 0; while (s[n]) n++; return n; }\n"
    "int bump(void) { return ++counter; }\n"
    "char *pick(char **v, int i) { return v[i]; }\n";

typedef struct Fixture {
    mj_runtime *rt;
    mj_module *mod;
} Fixture;

static int setup(void **state) {
    Fixture *f = calloc(1, sizeof *f);
    f->rt = mj_runtime_new(NULL, NULL);
    if (!f->rt)
        return -1;
    mj_diags *d = NULL;
    mj_status st = mj_compile(f->rt, "good.c", good_src, strlen(good_src), &f->mod, &d);
    if (st != MJ_OK) {
        mj_diags_print(d, stderr);
        mj_diags_free(d);
        return -1;
    }
    mj_diags_free(d);
    *state = f;
    return 0;
}

static int teardown(void **state) {
    Fixture *f = *state;
    mj_module_release(f->mod);
    mj_runtime_free(f->rt);
    free(f);
    return 0;
}

static void test_compile_lookup_call(void **state) {
    Fixture *f = *state;
    int (*add)(int, int) = MJ_FN(f->mod, "add", int, int, int);
    assert_non_null(add);
    assert_int_equal(add(2, 3), 5);
    double (*mul)(double, double) = MJ_FN(f->mod, "mul", double, double, double);
    assert_non_null(mul);
    assert_true(mul(2.0, 4.0) == 20.0);
    unsigned long (*ulen)(const char *) = MJ_FN(f->mod, "ulen", unsigned long, const char *);
    assert_non_null(ulen);
    assert_int_equal(ulen("hello"), 5);
    char *v[] = {"a", "bc"};
    char *(*pick)(char **, int) = MJ_FN(f->mod, "pick", char *, char **, int);
    assert_non_null(pick);
    assert_string_equal(pick(v, 1), "bc");
}

static void test_variables(void **state) {
    Fixture *f = *state;
    int *counter = MJ_VAR(f->mod, "counter", int);
    assert_non_null(counter);
    assert_int_equal(*counter, 41);
    int (*bump)(void) = MJ_FN(f->mod, "bump", int, void);
    assert_non_null(bump);
    assert_int_equal(bump(), 42);
    assert_int_equal(*counter, 42);
    *counter = 100;
    assert_int_equal(bump(), 101);
    double *scale = MJ_VAR(f->mod, "scale", double);
    assert_non_null(scale);
    assert_true(*scale == 2.5);
    const char **greeting = mj_lookup(f->mod, "greeting", "const char *");
    assert_non_null(greeting);
    assert_string_equal(*greeting, "hi");
}

static void test_wrong_type_refused(void **state) {
    Fixture *f = *state;
    void *p = NULL;
    char msg[256];
    assert_int_equal(mj_lookup_ex(f->mod, "add", "double(double, double)", &p, msg, sizeof msg),
                     MJ_ERR_TYPE);
    assert_null(p);
    assert_non_null(strstr(msg, "'add'"));
    assert_non_null(strstr(msg, "int(int, int)"));
    assert_non_null(strstr(msg, "double(double, double)"));
    /* A variable looked up as a function, and the other way round. */
    assert_null(mj_lookup(f->mod, "counter", "int(void)"));
    assert_non_null(strstr(mj_module_errmsg(f->mod), "counter"));
    assert_null(mj_lookup(f->mod, "bump", "int"));
    assert_null(mj_lookup(f->mod, "counter", "long"));
    assert_null(mj_lookup(f->mod, "counter", "unsigned int"));
    assert_null(mj_lookup(f->mod, "ulen", "unsigned long(char *)"));  /* const matters */
    assert_null(mj_lookup(f->mod, "add", "int(int)"));
    assert_null(mj_lookup(f->mod, "add", "int(int, int, int)"));
}

static void test_type_spelling_normalised(void **state) {
    Fixture *f = *state;
    assert_non_null(mj_lookup(f->mod, "add", "int(int,int)"));
    assert_non_null(mj_lookup(f->mod, "add", "  int ( int a , int b ) "));
    assert_non_null(mj_lookup(f->mod, "add", "signed int(const int, signed)"));
    assert_non_null(mj_lookup(f->mod, "ulen", "unsigned long int(const char *s)"));
    assert_non_null(mj_lookup(f->mod, "ulen", "long unsigned(char const*)"));
    assert_non_null(mj_lookup(f->mod, "bump", "int()"));
    assert_non_null(mj_lookup(f->mod, "bump", "int(void)"));
    assert_non_null(mj_lookup(f->mod, "counter", "signed int"));
}

static void test_bad_type_string(void **state) {
    Fixture *f = *state;
    void *p;
    char msg[256];
    assert_int_equal(mj_lookup_ex(f->mod, "add", "int(int", &p, msg, sizeof msg), MJ_ERR_BAD_TYPE);
    assert_non_null(strstr(msg, "int(int"));
    assert_int_equal(mj_lookup_ex(f->mod, "add", "banana", &p, msg, sizeof msg), MJ_ERR_BAD_TYPE);
    assert_int_equal(mj_lookup_ex(f->mod, "add", "", &p, msg, sizeof msg), MJ_ERR_BAD_TYPE);
    assert_int_equal(mj_lookup_ex(f->mod, "add", "int x; int", &p, msg, sizeof msg), MJ_ERR_BAD_TYPE);
}

static void test_missing_and_static(void **state) {
    Fixture *f = *state;
    void *p;
    char msg[256];
    assert_int_equal(mj_lookup_ex(f->mod, "nope", "int", &p, msg, sizeof msg), MJ_ERR_NOT_FOUND);
    assert_non_null(strstr(msg, "nope"));
    assert_int_equal(mj_lookup_ex(f->mod, "hidden", "int(int)", &p, msg, sizeof msg), MJ_ERR_NOT_FOUND);
    assert_non_null(strstr(msg, "static"));
    assert_int_equal(mj_lookup_ex(NULL, "add", "int(int, int)", &p, msg, sizeof msg), MJ_ERR_ARG);
    assert_int_equal(mj_lookup_ex(f->mod, NULL, "int", &p, msg, sizeof msg), MJ_ERR_ARG);
    assert_null(mj_lookup(NULL, "add", "int"));
    assert_string_equal(mj_module_errmsg(NULL), "");
    assert_string_equal(mj_module_symbol_type(f->mod, "add"), "int(int, int)");
    assert_string_equal(mj_module_symbol_type(f->mod, "greeting"), "const char *");
    assert_null(mj_module_symbol_type(f->mod, "nope"));
}

static void test_retain_release(void **state) {
    Fixture *f = *state;
    mj_module *extra = mj_module_retain(f->mod);
    assert_ptr_equal(extra, f->mod);
    mj_module_release(extra);
    /* Still usable: the fixture holds the first reference. */
    int (*add)(int, int) = MJ_FN(f->mod, "add", int, int, int);
    assert_non_null(add);
    assert_int_equal(add(1, 1), 2);
    assert_null(mj_module_retain(NULL));
    mj_module_release(NULL);
}

static void test_module_outlives_runtime(void **state) {
    (void)state;
    mj_runtime *rt = mj_runtime_new(NULL, NULL);
    const char *src = "int twice(int x) { return 2 * x; }";
    mj_module *m = NULL;
    assert_int_equal(mj_compile(rt, "t.c", src, strlen(src), &m, NULL), MJ_OK);
    mj_runtime_free(rt);
    int (*twice)(int) = MJ_FN(m, "twice", int, int);
    assert_non_null(twice);
    assert_int_equal(twice(21), 42);
    mj_module_release(m);
}

static void test_runtime_options(void **state) {
    (void)state;
    mj_options o;
    mj_options_init(&o);
    assert_int_equal(o.opt_level, 2);
    assert_int_equal(o.debug_info, 0);
    mj_status st = MJ_OK;
    o.opt_level = 4;
    assert_null(mj_runtime_new(&o, &st));
    assert_int_equal(st, MJ_ERR_ARG);
    o.opt_level = -1;
    assert_null(mj_runtime_new(&o, &st));
    for (int level = 0; level <= 3; level++) {
        o.opt_level = level;
        o.debug_info = level & 1;
        mj_runtime *rt = mj_runtime_new(&o, &st);
        assert_non_null(rt);
        assert_int_equal(st, MJ_OK);
        const char *src = "int f(int x) { int s = 0; for (int i = 0; i < x; i++) s += i; return s; }";
        mj_module *m;
        assert_int_equal(mj_compile(rt, "o.c", src, strlen(src), &m, NULL), MJ_OK);
        int (*fn)(int) = MJ_FN(m, "f", int, int);
        assert_non_null(fn);
        assert_int_equal(fn(10), 45);
        mj_module_release(m);
        mj_runtime_free(rt);
    }
    mj_runtime_free(NULL);
}

/* visibility("hidden") keeps a definition out of mj_lookup, as it keeps
 * it out of a gcc-built shared object's dynamic symbols; weak and asm
 * labels change neither. */
static void test_linkage_attributes(void **state) {
    (void)state;
    const char *src = "__attribute__((visibility(\"hidden\"))) int inner(void) { return 1; }\n"
                      "int outer(void) __attribute__((weak));\n"
                      "int outer(void) { return inner() + 1; }\n"
                      "int renamed(void) __asm__(\"linked_as\");\n"
                      "int renamed(void) { return 3; }\n";
    mj_runtime *rt = mj_runtime_new(NULL, NULL);
    mj_module *m = NULL;
    assert_int_equal(mj_compile(rt, "v.c", src, strlen(src), &m, NULL), MJ_OK);
    void *p = NULL;
    char why[160];
    assert_int_equal(mj_lookup_ex(m, "inner", "int(void)", &p, why, sizeof why),
                     MJ_ERR_NOT_FOUND);
    assert_string_equal(why, "'inner' has hidden visibility in the module: it cannot be "
                             "looked up");
    int (*outer)(void) = MJ_FN(m, "outer", int, void);
    assert_non_null(outer);
    assert_int_equal(outer(), 2);
    assert_null(mj_lookup(m, "renamed", "int(void)"));
    int (*renamed)(void) = MJ_FN(m, "linked_as", int, void);
    assert_non_null(renamed);
    assert_int_equal(renamed(), 3);
    mj_module_release(m);
    mj_runtime_free(rt);
}

/* Constructors run when mj_compile makes a module (also one loaded from
 * the store), not on an in-memory hit of the same one; destructors when
 * its last reference goes. */
static void test_constructors(void **state) {
    (void)state;
    const char *src = "int setenv(const char *, const char *, int);\n"
                      "int made;\n"
                      "__attribute__((constructor)) static void up(void) { made++; }\n"
                      "__attribute__((destructor)) static void down(void) "
                      "{ setenv(\"MEMJIT_TEST_DTOR\", \"ran\", 1); }\n";
    unsetenv("MEMJIT_TEST_DTOR");
    mj_runtime *rt = mj_runtime_new(NULL, NULL);
    mj_module *m = NULL, *again = NULL;
    assert_int_equal(mj_compile(rt, "c.c", src, strlen(src), &m, NULL), MJ_OK);
    int *made = MJ_VAR(m, "made", int);
    assert_non_null(made);
    assert_int_equal(*made, 1);
    assert_null(mj_lookup(m, "__mj_ctors", "void(void)"));
    assert_int_equal(mj_compile(rt, "c.c", src, strlen(src), &again, NULL), MJ_OK);
    assert_ptr_equal(again, m);
    assert_int_equal(*made, 1);
    mj_module_release(again);
    mj_module_release(m);
    assert_null(getenv("MEMJIT_TEST_DTOR"));   /* the cache holds it still */
    mj_runtime_free(rt);
    assert_non_null(getenv("MEMJIT_TEST_DTOR"));
    assert_string_equal(getenv("MEMJIT_TEST_DTOR"), "ran");
}

/* system_headers: the machine's own <pthread.h>, glibc's struct layouts;
 * memjit's headers by default; more than 64 folders is a bad option. */
static void test_system_headers_option(void **state) {
    (void)state;
    mj_options o;
    mj_options_init(&o);
    assert_int_equal(o.system_headers, 0);
    assert_null(o.system_include_dirs);
    assert_non_null(strstr(mj_default_system_include_dirs(), "/usr/include"));
    const char *src = "#include <pthread.h>\n#include <sys/stat.h>\n"
                      "unsigned long sizes(void) { return sizeof(pthread_mutex_t) * 1000 "
                      "+ sizeof(struct stat); }\n";
    mj_module *m = NULL;
    mj_diags *d = NULL;
    mj_runtime *rt = mj_runtime_new(&o, NULL);
    assert_int_equal(mj_compile(rt, "s.c", src, strlen(src), &m, &d), MJ_ERR_COMPILE);
    assert_non_null(strstr(mj_diags_text(d), "s.c:1:10: error: pthread.h: No such file"));
    mj_diags_free(d);
    mj_runtime_free(rt);

    o.system_headers = 1;
    rt = mj_runtime_new(&o, NULL);
    assert_int_equal(mj_compile(rt, "s.c", src, strlen(src), &m, NULL), MJ_OK);
    unsigned long (*sizes)(void) = MJ_FN(m, "sizes", unsigned long, void);
    assert_non_null(sizes);
    assert_int_equal(sizes(), sizeof(pthread_mutex_t) * 1000 + sizeof(struct stat));
    mj_module_release(m);
    mj_runtime_free(rt);

    char many[64 * 4 + 8] = "";
    for (int i = 0; i < 65; i++)
        strcat(many, "/a:");
    o.system_include_dirs = many;
    char why[128];
    mj_status st = MJ_OK;
    assert_null(mj_runtime_new_ex(&o, &st, why, sizeof why));
    assert_int_equal(st, MJ_ERR_ARG);
    assert_string_equal(why, "system_include_dirs: more than 64 folders");
    /* Empty entries are skipped; no folder at all finds nothing. */
    o.system_include_dirs = "::";
    rt = mj_runtime_new(&o, NULL);
    assert_non_null(rt);
    assert_int_equal(mj_compile(rt, "s.c", src, strlen(src), &m, NULL), MJ_ERR_COMPILE);
    mj_runtime_free(rt);
}

static void test_null_arguments(void **state) {
    Fixture *f = *state;
    mj_module *m = (mj_module *)1;
    assert_int_equal(mj_compile(NULL, "x.c", "", 0, &m, NULL), MJ_ERR_ARG);
    assert_null(m);
    assert_int_equal(mj_compile(f->rt, "x.c", NULL, 0, &m, NULL), MJ_ERR_ARG);
    assert_int_equal(mj_compile(f->rt, "x.c", "int x;", 6, NULL, NULL), MJ_ERR_ARG);
    assert_int_equal(mj_diags_count(NULL), 0);
    assert_null(mj_diags_get(NULL, 0));
    assert_string_equal(mj_diags_text(NULL), "");
    mj_diags_free(NULL);
    for (int s = MJ_OK; s <= MJ_ERR_BAD_TYPE; s++)
        assert_true(strlen(mj_status_str((mj_status)s)) > 0);
    assert_string_equal(mj_version(), MJ_VERSION_STRING);
}

static void test_diagnostic_positions(void **state) {
    Fixture *f = *state;
    const char *src =
        "int f(void) {\n"
        "    int a = 1;\n"
        "    return a + missing;\n"
        "}\n";
    mj_module *m;
    mj_diags *d;
    assert_int_equal(mj_compile(f->rt, "pos.c", src, strlen(src), &m, &d), MJ_ERR_COMPILE);
    assert_null(m);
    assert_true(mj_diags_error_count(d) >= 1);
    const mj_diag *e = mj_diags_get(d, 0);
    assert_non_null(e);
    assert_int_equal(e->severity, MJ_SEV_ERROR);
    assert_string_equal(e->file, "pos.c");
    assert_int_equal(e->line, 3);
    assert_int_equal(e->column, 16);
    assert_non_null(strstr(e->message, "missing"));
    assert_string_equal(e->source_line, "    return a + missing;");
    const char *text = mj_diags_text(d);
    assert_non_null(strstr(text, "pos.c:3:16: error: "));
    assert_non_null(strstr(text, "\n     return a + missing;\n                ^\n"));
    mj_diags_free(d);
}

static void test_several_errors_collected(void **state) {
    Fixture *f = *state;
    const char *src =
        "int f(void) { return x; }\n"
        "int g(void) { return y; }\n"
        "int h(void) { return 1 }\n";
    mj_module *m;
    mj_diags *d;
    assert_int_equal(mj_compile(f->rt, "many.c", src, strlen(src), &m, &d), MJ_ERR_COMPILE);
    assert_int_equal(mj_diags_error_count(d), 3);
    int lines[3], n = 0;
    for (size_t i = 0; i < mj_diags_count(d); i++)
        if (mj_diags_get(d, i)->severity == MJ_SEV_ERROR)
            lines[n++] = mj_diags_get(d, i)->line;
    assert_int_equal(n, 3);
    assert_int_equal(lines[0], 1);
    assert_int_equal(lines[1], 2);
    assert_int_equal(lines[2], 3);
    mj_diags_free(d);
}

/* A host with no file system serves headers from memory. */
typedef struct FakeFs {
    int calls;
    char last_includer[64];
} FakeFs;

static int fake_resolver(void *user, const char *name, int is_angled,
                         const char *includer, const char **text, size_t *len,
                         const char **display_name) {
    FakeFs *fs = user;
    fs->calls++;
    snprintf(fs->last_includer, sizeof fs->last_includer, "%s", includer);
    if (!strcmp(name, "host.h") && !is_angled) {
        static const char h[] = "#define HOST_SCALE 3\nint host_twice(int x) { return 2 * x; }\n";
        *text = h;
        *len = strlen(h);
        *display_name = "db:host.h";
        return 1;
    }
    if (!strcmp(name, "broken.h")) {
        static const char h[] = "int broken(void) { return ; }\n";
        *text = h;
        *len = strlen(h);
        *display_name = "db:broken.h";
        return 1;
    }
    return 0;
}

static void test_include_resolver(void **state) {
    (void)state;
    mj_runtime *rt = mj_runtime_new(NULL, NULL);
    FakeFs fs = {0};
    mj_runtime_set_include_resolver(rt, fake_resolver, &fs);
    const char *src = "#include \"host.h\"\n#include <stdio.h>\n"
                      "int use(int v) { return host_twice(v) * HOST_SCALE; }\n";
    mj_module *m;
    mj_diags *d;
    mj_status st = mj_compile(rt, "plugin.c", src, strlen(src), &m, &d);
    if (st != MJ_OK)
        mj_diags_print(d, stderr);
    mj_diags_free(d);
    assert_int_equal(st, MJ_OK);
    assert_int_equal(fs.calls, 1);            /* <stdio.h> is memjit's own */
    assert_string_equal(fs.last_includer, "plugin.c");
    int (*use)(int) = MJ_FN(m, "use", int, int);
    assert_non_null(use);
    assert_int_equal(use(5), 30);
    mj_module_release(m);

    /* Errors inside a resolved header are reported under its display name. */
    src = "#include \"broken.h\"\n";
    assert_int_equal(mj_compile(rt, "p.c", src, strlen(src), &m, &d), MJ_ERR_COMPILE);
    assert_string_equal(mj_diags_get(d, 0)->file, "db:broken.h");
    assert_int_equal(mj_diags_get(d, 0)->line, 1);
    mj_diags_free(d);

    /* Not found: a located error at the directive. */
    src = "int a;\n#include \"nowhere.h\"\n";
    assert_int_equal(mj_compile(rt, "p.c", src, strlen(src), &m, &d), MJ_ERR_COMPILE);
    assert_int_equal(mj_diags_get(d, 0)->line, 2);
    assert_non_null(strstr(mj_diags_get(d, 0)->message, "nowhere.h"));
    mj_diags_free(d);

    /* Cleared: host.h is no longer found. */
    mj_runtime_set_include_resolver(rt, NULL, NULL);
    src = "#include \"host.h\"\n";
    assert_int_equal(mj_compile(rt, "p.c", src, strlen(src), &m, NULL), MJ_ERR_COMPILE);
    mj_runtime_free(rt);
}

static void test_empty_source_compiles(void **state) {
    Fixture *f = *state;
    mj_module *m;
    mj_diags *d;
    assert_int_equal(mj_compile(f->rt, NULL, "", 0, &m, &d), MJ_OK);
    assert_non_null(m);
    assert_int_equal(mj_diags_count(d), 0);
    assert_null(mj_lookup(m, "main", "int(void)"));
    mj_diags_free(d);
    mj_module_release(m);
}

static void test_source_not_nul_terminated(void **state) {
    Fixture *f = *state;
    /* Only the first 30 bytes are source; what follows must not be read. */
    const char buf[] = "int g(void) { return 7; }     garbage that is not C";
    mj_module *m;
    assert_int_equal(mj_compile(f->rt, "n.c", buf, 30, &m, NULL), MJ_OK);
    int (*g)(void) = MJ_FN(m, "g", int, void);
    assert_non_null(g);
    assert_int_equal(g(), 7);
    mj_module_release(m);
}

static void test_undefined_function_reported(void **state) {
    Fixture *f = *state;
    const char *src = "int nowhere_to_be_found(int);\n"
                      "int f(void) { return nowhere_to_be_found(1); }\n";
    mj_module *m;
    mj_diags *d;
    assert_int_equal(mj_compile(f->rt, "u.c", src, strlen(src), &m, &d), MJ_ERR_COMPILE);
    assert_non_null(strstr(mj_diags_text(d), "nowhere_to_be_found"));
    mj_diags_free(d);
}

static void test_libc_and_libm_calls(void **state) {
    Fixture *f = *state;
    const char *src =
        "#include <math.h>\n#include <string.h>\n#include <stdlib.h>\n#include <stdio.h>\n"
        "double h(double x, double y) { return hypot(x, y) + floor(0.5); }\n"
        "int n(const char *s) { char *p = malloc(strlen(s) + 1); strcpy(p, s);"
        " int k = (int)strlen(p); free(p); return k; }\n"
        "int fmt(char *buf, int v) { return sprintf(buf, \"<%d %.1f %c>\", v, 1.5f, 'z'); }\n";
    mj_module *m;
    mj_diags *d;
    mj_status st = mj_compile(f->rt, "libc.c", src, strlen(src), &m, &d);
    if (st != MJ_OK)
        mj_diags_print(d, stderr);
    mj_diags_free(d);
    assert_int_equal(st, MJ_OK);
    double (*h)(double, double) = MJ_FN(m, "h", double, double, double);
    int (*n)(const char *) = MJ_FN(m, "n", int, const char *);
    int (*fmt)(char *, int) = MJ_FN(m, "fmt", int, char *, int);
    assert_non_null(h);
    assert_non_null(n);
    assert_non_null(fmt);
    assert_true(h(3, 4) == 5.0);
    assert_int_equal(n("memjit"), 6);
    char buf[64];
    assert_int_equal(fmt(buf, 42), 10);
    assert_string_equal(buf, "<42 1.5 z>");
    mj_module_release(m);
}


/* gcc's driver exits the process when it cannot run the assembler: with
 * PATH naming nothing, a compile must fail with an error instead. */
static void test_missing_assembler_is_an_error(void **state) {
    (void)state;
    const char *old = getenv("PATH");
    char *saved = old ? strdup(old) : NULL;
    mj_options o;
    mj_options_init(&o);
    o.cache_max_entries = 0;
    mj_runtime *rt = mj_runtime_new(&o, NULL);
    assert_non_null(rt);
    setenv("PATH", "/nonexistent", 1);
    const char *src = "int f(void) { return 7; }\n";
    mj_module *m = NULL;
    mj_diags *d = NULL;
    mj_status st = mj_compile(rt, "f.c", src, strlen(src), &m, &d);
    if (saved)
        setenv("PATH", saved, 1);
    else
        unsetenv("PATH");
    free(saved);
    assert_int_equal(st, MJ_ERR_JIT);
    assert_null(m);
    assert_non_null(strstr(mj_diags_text(d), "the assembler 'as' (binutils)"));
    mj_diags_free(d);
    /* PATH back: the same runtime compiles again. */
    assert_int_equal(mj_compile(rt, "f.c", src, strlen(src), &m, NULL), MJ_OK);
    mj_module_release(m);
    mj_runtime_free(rt);
}

static volatile sig_atomic_t alarm_ticks;
static void count_alarm(int sig) {
    (void)sig;
    alarm_ticks++;
}

/* A host with a signal handler and a fast timer (a profiler, a game loop):
 * gcc's driver inside libgccjit takes an interrupted waitpid as fatal and
 * would exit() the process in the middle of a compile. */
static void test_compile_survives_signals(void **state) {
    (void)state;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = count_alarm;   /* no SA_RESTART: system calls see EINTR */
    assert_int_equal(sigaction(SIGALRM, &sa, NULL), 0);
    struct itimerval every = {{0, 500}, {0, 500}}, off = {{0, 0}, {0, 0}};
    assert_int_equal(setitimer(ITIMER_REAL, &every, NULL), 0);
    mj_options o;
    mj_options_init(&o);
    o.cache_max_entries = 0;   /* every compile runs gcc */
    mj_runtime *rt = mj_runtime_new(&o, NULL);
    assert_non_null(rt);
    for (int i = 0; i < 5; i++) {
        char src[64];
        snprintf(src, sizeof src, "int f(int x) { return x + %d; }\n", i);
        mj_module *m = NULL;
        assert_int_equal(mj_compile(rt, "tick.c", src, strlen(src), &m, NULL), MJ_OK);
        int (*f)(int) = MJ_FN(m, "f", int, int);
        assert_non_null(f);
        assert_int_equal(f(1), 1 + i);
        mj_module_release(m);
    }
    setitimer(ITIMER_REAL, &off, NULL);
    /* A tick already raised may still be delivered (valgrind delivers late):
     * ignored, not fatal as SIG_DFL would be. */
    signal(SIGALRM, SIG_IGN);
    assert_true(alarm_ticks > 0);   /* the handler ran: the signals came */
    mj_runtime_free(rt);
}

/* The assembler runs as a child of libgccjit and writes to fd 2: what it
 * says about the program's own asm must become a diagnostic at the asm's
 * line (MJ_ERR_COMPILE: the source is wrong), and nothing may reach the
 * host's stderr. Good asm runs. */
static void test_asm_statements(void **state) {
    (void)state;
    mj_runtime *rt = mj_runtime_new(NULL, NULL);
    assert_non_null(rt);
    const char *good = "int add(int a, int b) {\n"
                       "    __asm__(\"addl %1, %0\" : \"+r\"(a) : \"r\"(b) : \"cc\");\n"
                       "    return a;\n"
                       "}\n";
    mj_module *m = NULL;
    assert_int_equal(mj_compile(rt, "good.c", good, strlen(good), &m, NULL), MJ_OK);
    int (*add)(int, int) = MJ_FN(m, "add", int, int, int);
    assert_non_null(add);
    assert_int_equal(add(40, 2), 42);
    mj_module_release(m);

    const char *bad = "int f(void) {\n"
                      "    int x = 1;\n"
                      "    __asm__ volatile(\"notaninstruction %%eax\");\n"
                      "    return x;\n"
                      "}\n";
    FILE *sink = tmpfile();
    assert_non_null(sink);
    fflush(stderr);
    int saved = dup(2);
    assert_true(saved >= 0 && dup2(fileno(sink), 2) >= 0);
    mj_diags *d = NULL;
    mj_status st = mj_compile(rt, "bad.c", bad, strlen(bad), &m, &d);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    assert_int_equal(st, MJ_ERR_COMPILE);
    assert_null(m);
    assert_int_equal(mj_diags_error_count(d), 1);
    const mj_diag *e = mj_diags_get(d, 0);
    assert_string_equal(e->file, "bad.c");
    assert_int_equal(e->line, 3);
    assert_int_equal(e->column, 0);
    assert_non_null(strstr(e->message, "assembler: no such instruction"));
    assert_int_equal(fseek(sink, 0, SEEK_END), 0);
    assert_int_equal(ftell(sink), 0);   /* nothing reached stderr */
    fclose(sink);
    mj_diags_free(d);
    mj_runtime_free(rt);
}
static void test_compile_times(void **state) {
    Fixture *f = *state;
    mj_compile_times t;
    mj_module_times(f->mod, &t);
    assert_true(t.frontend_ms > 0);
    assert_true(t.jit_ms > t.frontend_ms);
    mj_module_times(NULL, &t);
    assert_true(t.jit_ms == 0);
}

/* mj_options.preamble: read before the source, copied, in the key, and
 * named "<command-line>" in diagnostics. */
static void test_preamble(void **state) {
    (void)state;
    static const char *src = "int value(void) { return V * 10 + W; }";
    char pre[64];
    snprintf(pre, sizeof pre, "#define V 4\n#define W 2\n");
    mj_options o;
    mj_options_init(&o);
    o.preamble = pre;
    mj_runtime *rt = mj_runtime_new(&o, NULL);
    assert_non_null(rt);
    pre[11] = '7';   /* the runtime keeps its own copy: V stays 4 */
    mj_module *mod = NULL;
    assert_int_equal(mj_compile(rt, "p.c", src, strlen(src), &mod, NULL), MJ_OK);
    int (*value)(void) = MJ_FN(mod, "value", int, void);
    assert_non_null(value);
    assert_int_equal(value(), 42);
    mj_module_release(mod);
    mj_runtime_free(rt);

    /* another preamble, other definitions */
    o.preamble = "#define V 5\n#define W 1\n";
    rt = mj_runtime_new(&o, NULL);
    assert_non_null(rt);
    assert_int_equal(mj_compile(rt, "p.c", src, strlen(src), &mod, NULL), MJ_OK);
    value = MJ_FN(mod, "value", int, void);
    assert_int_equal(value(), 51);
    mj_module_release(mod);
    mj_runtime_free(rt);

    o.preamble = "#define V 1\n#error stop here\n";
    rt = mj_runtime_new(&o, NULL);
    mj_diags *d = NULL;
    assert_int_equal(mj_compile(rt, "p.c", src, strlen(src), &mod, &d), MJ_ERR_COMPILE);
    const mj_diag *e = mj_diags_get(d, 0);
    assert_string_equal(e->file, "<command-line>");
    assert_int_equal(e->line, 2);
    mj_diags_free(d);
    mj_runtime_free(rt);
}

/* mj_preprocess: gcc -E's text, errors as diagnostics, bad arguments. */
static void test_preprocess(void **state) {
    (void)state;
    mj_options o;
    mj_options_init(&o);
    o.preamble = "#define TWO 2\n";
    mj_runtime *rt = mj_runtime_new(&o, NULL);
    assert_non_null(rt);
    static const char *src = "#define SQ(x) ((x) * (x))\nint v = SQ(TWO);\n";
    char *text = NULL;
    mj_diags *d = NULL;
    assert_int_equal(mj_preprocess(rt, "p.c", src, strlen(src), &text, &d), MJ_OK);
    assert_string_equal(text, "# 2 \"p.c\"\nint v = ((2) * (2));\n");
    assert_int_equal(mj_diags_count(d), 0);
    free(text);
    mj_diags_free(d);
    static const char *bad = "#if 1 +\n#endif\n";
    assert_int_equal(mj_preprocess(rt, "bad.c", bad, strlen(bad), &text, &d), MJ_ERR_COMPILE);
    assert_null(text);
    assert_int_equal(mj_diags_get(d, 0)->line, 1);
    mj_diags_free(d);
    assert_int_equal(mj_preprocess(NULL, "p.c", src, 1, &text, NULL), MJ_ERR_ARG);
    assert_int_equal(mj_preprocess(rt, "p.c", src, 1, NULL, NULL), MJ_ERR_ARG);
    mj_runtime_free(rt);
}

/* A _Thread_local variable looked up: the calling thread's copy, as
 * dlsym gives it (it was "no symbol" before). */
typedef struct TlsProbe {
    mj_module *m;
    int *seen;
    int value, got;
} TlsProbe;

static void *probe_thread(void *arg) {
    TlsProbe *t = arg;
    t->seen = MJ_VAR(t->m, "per_thread", int);
    int (*get)(void) = MJ_FN(t->m, "get_per_thread", int, void);
    t->value = t->seen ? *t->seen : -1;
    if (t->seen)
        *t->seen = 99;
    t->got = get ? get() : -1;
    return NULL;
}

static void test_thread_local_lookup(void **state) {
    (void)state;
    for (int level = 0; level <= 2; level += 2) {
        mj_options o;
        mj_options_init(&o);
        o.opt_level = level;
        mj_runtime *rt = mj_runtime_new(&o, NULL);
        const char *src = "_Thread_local int per_thread = 5;\n"
                          "int get_per_thread(void) { return per_thread; }\n";
        mj_module *m = NULL;
        assert_int_equal(mj_compile(rt, "tls.c", src, strlen(src), &m, NULL), MJ_OK);
        int *mine = MJ_VAR(m, "per_thread", int);
        int (*get)(void) = MJ_FN(m, "get_per_thread", int, void);
        assert_non_null(mine);
        assert_non_null(get);
        assert_int_equal(*mine, 5);
        *mine = 7;
        assert_int_equal(get(), 7);
        TlsProbe t = {m, NULL, 0, 0};
        pthread_t th;
        assert_int_equal(pthread_create(&th, NULL, probe_thread, &t), 0);
        assert_int_equal(pthread_join(th, NULL), 0);
        assert_non_null(t.seen);
        assert_ptr_not_equal(t.seen, mine);
        assert_int_equal(t.value, 5);     /* its own copy, fresh */
        assert_int_equal(t.got, 99);
        assert_int_equal(*mine, 7);       /* untouched by the other thread */
        mj_module_release(m);
        mj_runtime_free(rt);
    }
}

/* Two compiles in one process, the second after one that left gcc 12's
 * ipa-modref state behind: the second crashed inside gcc (the process
 * died) before jit.c turned the pass off. Reduced from Lua's lauxlib.c
 * and ldblib.c, compiled one after the other. */
static void test_compiles_in_turn_survive_gcc_state(void **state) {
    (void)state;
    static const char *const first = "void *a(int b) {\n  if (b)\n    a(0);\n}\n";
    static const char *const second =
        "int puts(const char *);\nvoid *b(int c) {\n  if (c)\n    puts(\"\");\n  b(0);\n}\n";
    for (int level = 0; level <= 2; level += 2) {
        mj_options o;
        mj_options_init(&o);
        o.opt_level = level;
        mj_runtime *rt = mj_runtime_new(&o, NULL);
        mj_module *m1 = NULL, *m2 = NULL;
        assert_int_equal(mj_compile(rt, "first.c", first, strlen(first), &m1, NULL), MJ_OK);
        assert_int_equal(mj_compile(rt, "second.c", second, strlen(second), &m2, NULL), MJ_OK);
        assert_non_null(MJ_FN(m2, "b", void *, int));
        mj_module_release(m1);
        mj_module_release(m2);
        mj_runtime_free(rt);
    }
}

/* gcc 12 keeps its builtin declarations from one compile to the next;
 * a kept one pointed to the call-graph node of an earlier compile, and
 * the inliner of the second compile below, turning a call into
 * __builtin_unreachable, reused it: gcc crashed, taking the process
 * (reduced by creduce from Lua's llex.c then lstring.c, at -O2; the
 * libc functions stand for Lua's own, declared and never called). */
static void test_unreachable_builtin_across_compiles(void **state) {
    (void)state;
    static const char *const first =
        "enum { a };\nint b;\nvoid srand();\ntypedef struct { int d; } e;\nchar *getenv();\n"
        "static char *g() {\n  switch (b)\n  case a:\n    return getenv();\n}\n"
        "e j;\nvoid h(int i) {\n  srand(j, j);\n  if (i)\n    g();\n}\n"
        "void fn5() {}\nvoid fn6() { h(0); }\n";
    static const char *const second =
        "long a;\nvoid sync();\nint rand();\nint *d();\nvoid e() { d(e, \"\", 0 - 1); }\n"
        "int *f() {\n  int h, g = rand(a, g);\n  for (; h;)\n    ;\n}\n"
        "int *d(int *i, char *k, unsigned l) {\n  if (l <= 0)\n    return f();\n  sync();\n"
        "  int j;\n  for (; j;)\n    ;\n}\n";
    for (int level = 0; level <= 2; level += 2) {
        mj_options o;
        mj_options_init(&o);
        o.opt_level = level;
        mj_runtime *rt = mj_runtime_new(&o, NULL);
        assert_non_null(rt);
        mj_module *m1 = NULL, *m2 = NULL;
        assert_int_equal(mj_compile(rt, "first.c", first, strlen(first), &m1, NULL), MJ_OK);
        assert_int_equal(mj_compile(rt, "second.c", second, strlen(second), &m2, NULL), MJ_OK);
        assert_non_null(MJ_FN(m2, "e", void, void));
        mj_module_release(m1);
        mj_module_release(m2);
        mj_runtime_free(rt);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_preprocess),
        cmocka_unit_test(test_preamble),
        cmocka_unit_test(test_compile_lookup_call),
        cmocka_unit_test(test_variables),
        cmocka_unit_test(test_wrong_type_refused),
        cmocka_unit_test(test_type_spelling_normalised),
        cmocka_unit_test(test_bad_type_string),
        cmocka_unit_test(test_missing_and_static),
        cmocka_unit_test(test_retain_release),
        cmocka_unit_test(test_module_outlives_runtime),
        cmocka_unit_test(test_runtime_options),
        cmocka_unit_test(test_system_headers_option),
        cmocka_unit_test(test_linkage_attributes),
        cmocka_unit_test(test_constructors),
        cmocka_unit_test(test_null_arguments),
        cmocka_unit_test(test_diagnostic_positions),
        cmocka_unit_test(test_several_errors_collected),
        cmocka_unit_test(test_include_resolver),
        cmocka_unit_test(test_empty_source_compiles),
        cmocka_unit_test(test_source_not_nul_terminated),
        cmocka_unit_test(test_undefined_function_reported),
        cmocka_unit_test(test_libc_and_libm_calls),
        cmocka_unit_test(test_compile_times),
        cmocka_unit_test(test_asm_statements),
        cmocka_unit_test(test_compile_survives_signals),
        cmocka_unit_test(test_missing_assembler_is_an_error),
        cmocka_unit_test(test_thread_local_lookup),
        cmocka_unit_test(test_compiles_in_turn_survive_gcc_state),
        cmocka_unit_test(test_unreachable_builtin_across_compiles),
    };
    return cmocka_run_group_tests_name("api", tests, setup, teardown);
}
