/*
 * test_host.c - what the host exposes to compiled code (docs/host.md):
 * host functions and variables, host headers, the checks of declarations
 * against the registered types, the import table, and calls both ways.
 *
 * The cross-process test runs this binary again (exec, so that ASLR
 * places the host's functions elsewhere; meson builds it as a PIE) in a
 * "child" mode that compiles or loads a plugin from a shared store and
 * prints what it saw.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "memjit.h"

static char self_path[4096];

/* ---------------------------------------------------------------------
 * The host's API
 * ------------------------------------------------------------------- */

typedef struct vec {
    double x, y;
    int tag;
} vec;

static int host_calls;
static double host_scale = 2.5;
static int host_table[4] = {10, 20, 30, 40};

static double host_twice(double x) {
    host_calls++;
    return 2 * x;
}

/* A struct by value and a callback pointer, both ways. */
static double host_apply(vec v, double (*f)(vec)) {
    host_calls++;
    return f(v) + v.tag;
}

static vec host_make(double x, double y) {
    vec v = {x, y, 7};
    return v;
}

static double host_side_callback(vec v) {
    return v.x * 100 + v.y;
}

static float host_half(float x) {
    return x / 2;
}

static int (*saved_cb)(int);
static void host_register(int (*cb)(int)) {
    saved_cb = cb;
}

static const char host_h[] =
    "struct vec { double x, y; int tag; };\n"
    "double host_twice(double);\n"
    "double host_apply(struct vec v, double (*f)(struct vec));\n"
    "struct vec host_make(double, double);\n"
    "void host_register(int (*cb)(int));\n"
    "double host_side_callback(struct vec);\n"
    "extern double host_scale;\n"
    "extern int host_table[4];\n"
    "#define HOST_MAGIC 42\n";

static void define_api(mj_runtime *rt) {
    assert_int_equal(mj_define_function(rt, "host_twice", (void *)host_twice,
                                        "double(double)"), MJ_OK);
    assert_int_equal(mj_define_function(rt, "host_apply", (void *)host_apply,
                                        "double(struct vec, double (*)(struct vec))"), MJ_OK);
    assert_int_equal(mj_define_function(rt, "host_make", (void *)host_make,
                                        "struct vec(double, double)"), MJ_OK);
    assert_int_equal(mj_define_function(rt, "host_register", (void *)host_register,
                                        "void(int (*)(int))"), MJ_OK);
    assert_int_equal(mj_define_function(rt, "host_side_callback", (void *)host_side_callback,
                                        "double(struct vec)"), MJ_OK);
    assert_int_equal(mj_define_variable(rt, "host_scale", &host_scale, "double"), MJ_OK);
    assert_int_equal(mj_define_variable(rt, "host_table", host_table, "int[4]"), MJ_OK);
    assert_int_equal(mj_define_header(rt, "host.h", host_h, strlen(host_h)), MJ_OK);
}

static mj_runtime *plain_runtime(void) {
    mj_runtime *rt = mj_runtime_new(NULL, NULL);
    assert_non_null(rt);
    return rt;
}

static mj_module *compile_ok(mj_runtime *rt, const char *name, const char *src) {
    mj_module *m = NULL;
    mj_diags *d = NULL;
    mj_status st = mj_compile(rt, name, src, strlen(src), &m, &d);
    if (st != MJ_OK)
        fprintf(stderr, "%s\n", mj_diags_text(d));
    mj_diags_free(d);
    assert_int_equal(st, MJ_OK);
    return m;
}

/* ---------------------------------------------------------------------
 * Tests
 * ------------------------------------------------------------------- */

static void define_rejects_bad_arguments(void **state) {
    (void)state;
    mj_runtime *rt = plain_runtime();
    assert_int_equal(mj_define_function(NULL, "f", (void *)host_twice, "double(double)"),
                     MJ_ERR_ARG);
    assert_int_equal(mj_define_function(rt, "1f", (void *)host_twice, "double(double)"),
                     MJ_ERR_ARG);
    assert_int_equal(mj_define_function(rt, "f", NULL, "double(double)"), MJ_ERR_ARG);
    assert_int_equal(mj_define_function(rt, "f", (void *)host_twice, "double(("),
                     MJ_ERR_BAD_TYPE);
    assert_int_equal(mj_define_function(rt, "f", (void *)host_twice, "double"),
                     MJ_ERR_BAD_TYPE);
    assert_int_equal(mj_define_variable(rt, "v", &host_scale, "double(double)"),
                     MJ_ERR_BAD_TYPE);
    assert_int_equal(mj_define_variable(rt, "v", &host_scale, "my_typedef"),
                     MJ_ERR_BAD_TYPE);
    assert_int_equal(mj_define_header(rt, NULL, "", 0), MJ_ERR_ARG);
    assert_int_equal(mj_define_header(rt, "h.h", NULL, 3), MJ_ERR_ARG);
    assert_int_equal(mj_define_header(rt, "h.h", NULL, 0), MJ_OK);
    mj_runtime_free(rt);
}

static void calls_host_functions_and_variables(void **state) {
    (void)state;
    mj_runtime *rt = plain_runtime();
    define_api(rt);
    mj_module *m = compile_ok(rt, "p.c",
        "#include \"host.h\"\n"
        "double run(double x) { host_table[1] += 1; return host_twice(x) * host_scale; }\n"
        "int magic(void) { return HOST_MAGIC + host_table[3]; }\n");
    double (*run)(double) = MJ_FN(m, "run", double, double);
    int (*magic)(void) = MJ_FN(m, "magic", int, void);
    assert_non_null(run);
    assert_non_null(magic);
    host_calls = 0;
    host_table[1] = 20;
    assert_true(run(3.0) == 15.0);
    assert_int_equal(host_calls, 1);
    assert_int_equal(host_table[1], 21);
    host_scale = 1.0;   /* read through the import table at each call */
    assert_true(run(3.0) == 6.0);
    host_scale = 2.5;
    assert_int_equal(magic(), 82);
    mj_module_release(m);
    mj_runtime_free(rt);
}

static double compiled_side(vec v);

static void calls_both_ways(void **state) {
    (void)state;
    mj_runtime *rt = plain_runtime();
    define_api(rt);
    mj_module *m = compile_ok(rt, "both.c",
        "#include \"host.h\"\n"
        "static double mine(struct vec v) { return v.x + 10 * v.y; }\n"
        "static int plus1(int x) { return x + 1; }\n"
        "double go(struct vec v) { return host_apply(v, mine); }\n"
        "double go_host_cb(double x) { return host_apply(host_make(x, 1), host_side_callback); }\n"
        "double call_back(double (*f)(struct vec), struct vec v) { return f(v) * 2; }\n"
        "void reg(void) { host_register(plus1); }\n");
    double (*go)(vec) = MJ_FN(m, "go", double, struct vec);
    double (*go_host_cb)(double) = MJ_FN(m, "go_host_cb", double, double);
    double (*call_back)(double (*)(vec), vec) =
        MJ_FN(m, "call_back", double, double (*)(struct vec), struct vec);
    void (*reg)(void) = MJ_FN(m, "reg", void, void);
    assert_non_null(go);
    assert_non_null(go_host_cb);
    assert_non_null(call_back);
    assert_non_null(reg);
    vec v = {1.5, 2.0, 3};
    assert_true(go(v) == 1.5 + 20.0 + 3);              /* compiled callback */
    assert_true(go_host_cb(4.0) == 401.0 + 7);         /* host callback via its slot */
    assert_true(call_back(compiled_side, v) == 2 * (1.5 - 2.0));  /* host -> compiled -> host */
    saved_cb = NULL;
    reg();
    assert_non_null(saved_cb);
    assert_int_equal(saved_cb(41), 42);                /* compiled static fn held by host */
    mj_module_release(m);
    mj_runtime_free(rt);
}

static double compiled_side(vec v) {
    return v.x - v.y;
}

static void mismatch_is_an_error_at_the_declaration(void **state) {
    (void)state;
    mj_runtime *rt = plain_runtime();
    define_api(rt);
    const char *src = "int x;\n"
                      "float host_twice(double);\n"
                      "extern int host_scale;\n"
                      "double host_apply(struct vec v, double (*f)(struct vec));\n";
    mj_module *m = NULL;
    mj_diags *d = NULL;
    assert_int_equal(mj_compile(rt, "bad.c", src, strlen(src), &m, &d), MJ_ERR_COMPILE);
    assert_null(m);
    assert_int_equal(mj_diags_error_count(d), 2);
    const mj_diag *e = mj_diags_get(d, 0);
    assert_string_equal(e->file, "bad.c");
    assert_int_equal(e->line, 2);
    assert_int_equal(e->column, 7);
    assert_string_equal(e->message,
                        "conflicting types for 'host_twice': the host defines it as "
                        "'double(double)'");
    e = mj_diags_get(d, 1);
    assert_int_equal(e->line, 3);
    assert_int_equal(e->column, 12);
    assert_string_equal(e->message,
                        "conflicting types for 'host_scale': the host defines it as 'double'");
    mj_diags_free(d);

    /* A prototype with the same type, written differently, is fine;
     * a definition of a host name is the program's own. */
    m = compile_ok(rt, "ok.c",
        "double host_twice(const double x);\n"
        "extern double host_scale;\n"
        "static double host_make(double a) { return a; }\n"
        "double f(void) { return host_twice(host_make(1)) + host_scale; }\n");
    double (*f)(void) = MJ_FN(m, "f", double, void);
    assert_true(f() == 4.5);
    mj_module_release(m);
    mj_runtime_free(rt);
}

/* "T f();" says nothing of the parameters: it is compatible with the
 * host's prototype when the default argument promotions leave every
 * parameter type as it is (C11 6.7.6.3p15), and calls then convert their
 * arguments to the prototype's types (3 becomes 3.0 for host_twice; an
 * int in a general register would leave the host reading xmm0). */
static void old_style_declaration_takes_the_host_prototype(void **state) {
    (void)state;
    mj_runtime *rt = plain_runtime();
    define_api(rt);
    assert_int_equal(mj_define_function(rt, "host_half", (void *)host_half, "float(float)"),
                     MJ_OK);
    mj_module *m = compile_ok(rt, "old.c",
        "double host_twice();\n"
        "double f(void) { return host_twice(3); }\n");
    double (*f)(void) = MJ_FN(m, "f", double, void);
    assert_non_null(f);
    assert_true(f() == 6.0);
    mj_module_release(m);

    // float is promoted to double: "float host_half();" does not match.
    const char *src = "float host_half();\n"
                      "int host_twice();\n";
    mj_diags *d = NULL;
    assert_int_equal(mj_compile(rt, "bad.c", src, strlen(src), &m, &d), MJ_ERR_COMPILE);
    assert_int_equal(mj_diags_error_count(d), 2);
    assert_string_equal(mj_diags_get(d, 0)->message,
                        "conflicting types for 'host_half': the host defines it as "
                        "'float(float)'");
    assert_string_equal(mj_diags_get(d, 1)->message,
                        "conflicting types for 'host_twice': the host defines it as "
                        "'double(double)'");
    mj_diags_free(d);
    mj_runtime_free(rt);
}

static void undeclared_host_name_is_an_error(void **state) {
    (void)state;
    mj_runtime *rt = plain_runtime();
    define_api(rt);
    const char *src = "double f(void) { return host_twice(1); }\n";
    mj_module *m = NULL;
    mj_diags *d = NULL;
    assert_int_equal(mj_compile(rt, "u.c", src, strlen(src), &m, &d), MJ_ERR_COMPILE);
    assert_non_null(strstr(mj_diags_text(d), "implicit declaration of function 'host_twice'"));
    mj_diags_free(d);
    mj_runtime_free(rt);
}

static const char ops_src[] =
    "#include \"host.h\"\n"
    "double *p = &host_scale;\n"
    "struct ops { const char *name; double (*twice)(double); int *cell; };\n"
    "static const struct ops ops[] = {\n"
    "    {\"first\", host_twice, &host_table[1]},\n"
    "    {\"second\", 0, host_table + 3},\n"
    "};\n"
    "union either { int *ip; double *dp; } u = {.dp = &host_scale};\n"
    "struct { int n; void (*reg)(int (*)(int)); } nested[2][2] = "
    "{[1][1] = {5, host_register}};\n"
    "static int cb(int x) { return x + 1; }\n"
    "double f(void) {\n"
    "    nested[1][1].reg(cb);\n"
    "    return ops[0].twice(*p) + *ops[0].cell + *ops[1].cell + *u.dp\n"
    "           + nested[1][1].n + (ops[1].twice == 0) + (nested[0][0].reg == 0);\n"
    "}\n"
    "void retarget(void) { p = 0; }\n"
    "double *where(void) { return p; }\n";

/* Host addresses in file-scope initialisers: an ops table, as plugins
 * write them. They exist only at load time; the module stores them when
 * it is loaded (lower.c's __mj_init), once: a later change by the code
 * stays. */
static void static_initialiser_takes_host_addresses(void **state) {
    (void)state;
    mj_runtime *rt = plain_runtime();
    define_api(rt);
    mj_module *m = compile_ok(rt, "s.c", ops_src);
    double (*f)(void) = MJ_FN(m, "f", double, void);
    assert_non_null(f);
    saved_cb = NULL;
    assert_true(f() == 2 * host_scale + host_table[1] + host_table[3] + host_scale + 5 + 1 + 1);
    assert_non_null(saved_cb);
    assert_int_equal(saved_cb(1), 2);
    double *(*where)(void) = MJ_FN(m, "where", double *, void);
    void (*retarget)(void) = MJ_FN(m, "retarget", void, void);
    assert_ptr_equal(where(), &host_scale);
    retarget();
    mj_module_release(m);

    /* A cache hit binds the module again but leaves the program's own
     * change alone. */
    m = compile_ok(rt, "s.c", ops_src);
    mj_stats st;
    mj_runtime_stats(rt, &st);
    assert_int_equal(st.hits, 1);
    where = MJ_FN(m, "where", double *, void);
    assert_null(where());
    mj_module_release(m);
    mj_runtime_free(rt);
}

static int count_resolver_calls;
static int counting_resolver(void *user, const char *name, int is_angled,
                             const char *includer, const char **text, size_t *len,
                             const char **display_name) {
    (void)user; (void)is_angled; (void)includer; (void)display_name;
    count_resolver_calls++;
    if (strcmp(name, "other.h"))
        return 0;
    *text = "#define OTHER 5\n";
    *len = strlen(*text);
    return 1;
}

static void header_served_and_its_change_recompiles(void **state) {
    (void)state;
    mj_runtime *rt = plain_runtime();
    mj_runtime_set_include_resolver(rt, counting_resolver, NULL);
    const char *h1 = "#define K 1\n", *h2 = "#define K 2\n";
    assert_int_equal(mj_define_header(rt, "k.h", h1, strlen(h1)), MJ_OK);
    /* A host header named like a standard one does not shadow it for <>. */
    const char *fake = "#error not the standard header\n";
    assert_int_equal(mj_define_header(rt, "stddef.h", fake, strlen(fake)), MJ_OK);
    const char *src = "#include <stddef.h>\n#include <k.h>\n#include \"other.h\"\n"
                      "int k(void) { return K * 10 + OTHER + (int)sizeof(size_t); }\n";
    count_resolver_calls = 0;
    mj_module *m = compile_ok(rt, "k.c", src);
    assert_int_equal(count_resolver_calls, 1);   /* the host's header went first */
    int (*k)(void) = MJ_FN(m, "k", int, void);
    assert_int_equal(k(), 23);
    mj_module_release(m);

    mj_stats s;
    m = compile_ok(rt, "k.c", src);              /* a hit */
    mj_runtime_stats(rt, &s);
    assert_int_equal(s.hits, 1);
    assert_int_equal(s.compiles, 1);
    mj_module_release(m);

    assert_int_equal(mj_define_header(rt, "k.h", h2, strlen(h2)), MJ_OK);
    m = compile_ok(rt, "k.c", src);              /* the header changed */
    mj_runtime_stats(rt, &s);
    assert_int_equal(s.compiles, 2);
    k = MJ_FN(m, "k", int, void);
    assert_int_equal(k(), 33);
    mj_module_release(m);

    /* A type changed: recompiled too. */
    assert_int_equal(mj_define_variable(rt, "vv", &host_scale, "double"), MJ_OK);
    m = compile_ok(rt, "k.c", src);
    mj_runtime_stats(rt, &s);
    assert_int_equal(s.compiles, 3);
    mj_module_release(m);
    assert_int_equal(mj_define_variable(rt, "vv", host_table, "int[4]"), MJ_OK);
    m = compile_ok(rt, "k.c", src);
    mj_runtime_stats(rt, &s);
    assert_int_equal(s.compiles, 4);
    mj_module_release(m);
    mj_runtime_free(rt);
}

/* A store in a private folder. */
typedef struct Dir {
    char path[64];
    char db[128];
} Dir;

static void dir_make(Dir *d) {
    strcpy(d->path, "/tmp/mj_host_XXXXXX");
    assert_non_null(mkdtemp(d->path));
    snprintf(d->db, sizeof d->db, "%s/store.db", d->path);
}

static void dir_remove(Dir *d) {
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf %s", d->path);
    assert_int_equal(system(cmd), 0);
}

static mj_runtime *store_runtime(const char *db) {
    mj_options o;
    mj_options_init(&o);
    o.store_path = db;
    mj_runtime *rt = mj_runtime_new(&o, NULL);
    assert_non_null(rt);
    return rt;
}

/* Through an ops table too: its host addresses are stored at load time,
 * wherever ASLR put the host in this process. */
static const char plugin_src[] =
    "#include \"host.h\"\n"
    "static const struct { double (*twice)(double); int *third; } ops = "
    "{host_twice, &host_table[2]};\n"
    "double plugin(double x) { return ops.twice(x) + host_scale + *ops.third; }\n";

static void missing_host_symbol_fails_to_load(void **state) {
    (void)state;
    Dir dir;
    dir_make(&dir);
    mj_runtime *rt = store_runtime(dir.db);
    define_api(rt);
    mj_module *m = compile_ok(rt, "plugin.c", plugin_src);
    size_t len = 0;
    const void *blob = mj_module_blob(m, &len);
    assert_non_null(blob);

    /* The blob, loaded where the host defines its API: bound and runs. */
    mj_module *again = NULL;
    char err[512];
    assert_int_equal(mj_load_blob(rt, blob, len, "plugin", &again, err, sizeof err), MJ_OK);
    double (*plugin)(double) = (double (*)(double))mj_lookup(again, "plugin", "double(double)");
    assert_non_null(plugin);
    assert_true(plugin(1.0) == 2.0 + 2.5 + 30);
    mj_module_release(again);

    /* Where it does not: refused, naming what is missing. */
    mj_runtime *bare = plain_runtime();
    assert_int_equal(mj_load_blob(bare, blob, len, "plugin", &again, err, sizeof err),
                     MJ_ERR_NOT_FOUND);
    assert_null(again);
    assert_non_null(strstr(err, "the code uses the host variable 'host_scale' of type "
                                "'double', which this runtime does not define"));
    /* Where it defines it with another type: refused too. */
    assert_int_equal(mj_define_function(bare, "host_twice", (void *)host_twice, "float(float)"),
                     MJ_OK);
    assert_int_equal(mj_define_variable(bare, "host_scale", &host_scale, "double"), MJ_OK);
    assert_int_equal(mj_define_variable(bare, "host_table", host_table, "int[4]"), MJ_OK);
    assert_int_equal(mj_load_blob(bare, blob, len, "plugin", &again, err, sizeof err),
                     MJ_ERR_TYPE);
    assert_non_null(strstr(err, "defines it as 'float(float)'"));
    mj_runtime_free(bare);
    mj_module_release(m);
    mj_runtime_free(rt);
    dir_remove(&dir);
}

/* ---------------------------------------------------------------------
 * Across processes: the child mode, then the test that runs it twice
 * ------------------------------------------------------------------- */

static int child_main(const char *db) {
    mj_options o;
    mj_options_init(&o);
    o.store_path = db;
    mj_runtime *rt = mj_runtime_new(&o, NULL);
    if (!rt)
        return 2;
    define_api(rt);
    mj_module *m = NULL;
    mj_diags *d = NULL;
    if (mj_compile(rt, "plugin.c", plugin_src, strlen(plugin_src), &m, &d) != MJ_OK) {
        fprintf(stderr, "%s", mj_diags_text(d));
        return 3;
    }
    mj_diags_free(d);
    double (*plugin)(double) = MJ_FN(m, "plugin", double, double);
    if (!plugin)
        return 4;
    host_calls = 0;
    double r = plugin(4.0);
    mj_stats s;
    mj_runtime_stats(rt, &s);
    printf("fn=%p result=%g calls=%d store_hits=%llu compiles=%llu\n", (void *)host_twice, r,
           host_calls, s.store_hits, s.compiles);
    mj_module_release(m);
    mj_runtime_free(rt);
    return 0;
}

typedef struct ChildRun {
    void *fn;
    double result;
    int calls;
    unsigned long long store_hits, compiles;
} ChildRun;

static void run_child(const char *db, ChildRun *out) {
    char cmd[8400];
    snprintf(cmd, sizeof cmd, "'%s' --child '%s'", self_path, db);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    char line[512] = "";
    assert_non_null(fgets(line, sizeof line, p));
    assert_int_equal(pclose(p), 0);
    assert_int_equal(sscanf(line, "fn=%p result=%lf calls=%d store_hits=%llu compiles=%llu",
                            &out->fn, &out->result, &out->calls, &out->store_hits,
                            &out->compiles), 5);
}

static int aslr_enabled(void) {
    FILE *f = fopen("/proc/sys/kernel/randomize_va_space", "r");
    int v = 2;
    if (f) {
        if (fscanf(f, "%d", &v) != 1)
            v = 2;
        fclose(f);
    }
    return v != 0;
}

static void stored_module_runs_where_aslr_moved_the_host(void **state) {
    (void)state;
    Dir dir;
    dir_make(&dir);
    ChildRun a, b;
    run_child(dir.db, &a);
    run_child(dir.db, &b);
    double want = 8.0 + 2.5 + 30;
    assert_true(a.result == want);
    assert_int_equal(a.calls, 1);
    assert_int_equal(a.compiles, 1);
    assert_int_equal(a.store_hits, 0);
    assert_true(b.result == want);
    assert_int_equal(b.calls, 1);
    assert_int_equal(b.compiles, 0);
    assert_int_equal(b.store_hits, 1);
    if (aslr_enabled())
        assert_ptr_not_equal(a.fn, b.fn);
    else
        fprintf(stderr, "ASLR is off here: the host's address did not move\n");
    dir_remove(&dir);
}

int main(int argc, char **argv) {
    if (argc == 3 && !strcmp(argv[1], "--child"))
        return child_main(argv[2]);
    if (!realpath(argv[0], self_path))
        snprintf(self_path, sizeof self_path, "%s", argv[0]);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(define_rejects_bad_arguments),
        cmocka_unit_test(calls_host_functions_and_variables),
        cmocka_unit_test(calls_both_ways),
        cmocka_unit_test(mismatch_is_an_error_at_the_declaration),
        cmocka_unit_test(old_style_declaration_takes_the_host_prototype),
        cmocka_unit_test(undeclared_host_name_is_an_error),
        cmocka_unit_test(static_initialiser_takes_host_addresses),
        cmocka_unit_test(header_served_and_its_change_recompiles),
        cmocka_unit_test(missing_host_symbol_fails_to_load),
        cmocka_unit_test(stored_module_runs_where_aslr_moved_the_host),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
