/*
 * test_units.c - mj_compile_units: several translation units linked into
 * one module, as gcc a.c b.c links them, at -O0 and -O2; each unit kept in
 * the store on its own; ld's errors named by unit.
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

static const int levels[] = {0, 2};

static mj_runtime *runtime_at(int level, const char *store) {
    mj_options o;
    mj_options_init(&o);
    o.opt_level = level;
    o.store_path = store;
    mj_runtime *rt = mj_runtime_new(&o, NULL);
    assert_non_null(rt);
    return rt;
}

static mj_source unit(const char *name, const char *src) {
    return (mj_source){name, src, strlen(src)};
}

static mj_module *link_ok(mj_runtime *rt, const mj_source *u, size_t n) {
    mj_module *m = NULL;
    mj_diags *d = NULL;
    mj_status st = mj_compile_units(rt, u, n, &m, &d);
    if (st != MJ_OK)
        fprintf(stderr, "%s", mj_diags_text(d));
    assert_int_equal(st, MJ_OK);
    assert_non_null(m);
    assert_non_null(d);
    mj_diags_free(d);
    return m;
}

/* The diagnostics of a refused link, as text; the caller frees it. */
static char *link_fails(mj_runtime *rt, const mj_source *u, size_t n, mj_status expect) {
    mj_module *m = (mj_module *)1;
    mj_diags *d = NULL;
    assert_int_equal(mj_compile_units(rt, u, n, &m, &d), expect);
    assert_null(m);
    assert_non_null(d);
    char *text = strdup(mj_diags_text(d));
    mj_diags_free(d);
    return text;
}

/* ------------------------------------------------------------------ */

static const char *const calls_a =
    "int counter = 5;\n"
    "static int helper(void) { return 100; }\n"   /* each unit's own */
    "int from_b(int);\n"
    "int twice_b(int x) { return from_b(x) * 2; }\n"
    "int a_helper(void) { return helper(); }\n"
    "int main(void) { return twice_b(3) + counter; }\n";
static const char *const calls_b =
    "extern int counter;\n"
    "static int helper(void) { return 200; }\n"
    "int from_b(int x) { counter++; return x + 1; }\n"
    "int b_helper(void) { return helper(); }\n"
    "_Thread_local int per_thread = 9;\n"
    "int *counter_address(void) { return &counter; }\n";

static void units_call_each_other(void **state) {
    (void)state;
    for (size_t l = 0; l < sizeof levels / sizeof *levels; l++) {
        mj_runtime *rt = runtime_at(levels[l], NULL);
        mj_source u[2] = {unit("a.c", calls_a), unit("b.c", calls_b)};
        mj_module *m = link_ok(rt, u, 2);
        int (*twice_b)(int) = MJ_FN(m, "twice_b", int, int);
        int (*main_fn)(void) = MJ_FN(m, "main", int, void);
        int (*a_helper)(void) = MJ_FN(m, "a_helper", int, void);
        int (*b_helper)(void) = MJ_FN(m, "b_helper", int, void);
        int *(*where)(void) = MJ_FN(m, "counter_address", int *, void);
        int *counter = MJ_VAR(m, "counter", int);
        assert_true(twice_b && main_fn && a_helper && b_helper && where && counter);
        assert_int_equal(twice_b(4), 10);
        assert_int_equal(*counter, 6);          /* b.c's counter++ is a.c's counter */
        assert_ptr_equal(where(), counter);
        assert_int_equal(main_fn(), 8 + 7);
        assert_int_equal(a_helper(), 100);      /* statics stay their unit's */
        assert_int_equal(b_helper(), 200);
        assert_string_equal(mj_module_symbol_type(m, "from_b"), "int(int)");
        assert_string_equal(mj_module_symbol_type(m, "counter"), "int");
        assert_null(mj_lookup(m, "helper", "int(void)"));   /* static in both */
        size_t len = 99;
        assert_null(mj_module_blob(m, &len));
        assert_int_equal(len, 0);
        mj_module_release(m);
        mj_runtime_free(rt);
    }
}

static int host_value = 40;
static int host_add(int a, int b) { return a + b; }

/* Each unit's import table is read and bound; a host function used in
 * both units reaches the same host code. */
static void host_symbols_in_every_unit(void **state) {
    (void)state;
    for (size_t l = 0; l < sizeof levels / sizeof *levels; l++) {
        mj_runtime *rt = runtime_at(levels[l], NULL);
        assert_int_equal(mj_define_function(rt, "host_add", (void *)host_add, "int(int, int)"),
                         MJ_OK);
        assert_int_equal(mj_define_variable(rt, "host_value", &host_value, "int"), MJ_OK);
        mj_source u[2] = {
            unit("x.c", "int host_add(int, int);\n"
                        "int y(void);\n"
                        "int x(void) { return host_add(y(), 1); }\n"),
            unit("y.c", "extern int host_value;\n"
                        "int host_add(int, int);\n"
                        "int y(void) { return host_add(host_value, 2); }\n"),
        };
        mj_module *m = link_ok(rt, u, 2);
        int (*x)(void) = MJ_FN(m, "x", int, void);
        assert_non_null(x);
        assert_int_equal(x(), 43);
        mj_module_release(m);
        mj_runtime_free(rt);
    }
}

static int order[16];
static int norder;
static void record(int what) { order[norder++] = what; }

/* Constructors run unit by unit at load, destructors in reverse at the
 * last release. */
static void constructors_of_every_unit(void **state) {
    (void)state;
    mj_runtime *rt = runtime_at(2, NULL);
    assert_int_equal(mj_define_function(rt, "record", (void *)record, "void(int)"), MJ_OK);
    mj_source u[2] = {
        unit("c1.c", "void record(int);\n"
                     "__attribute__((constructor)) static void up(void) { record(1); }\n"
                     "__attribute__((destructor)) static void down(void) { record(-1); }\n"),
        unit("c2.c", "void record(int);\n"
                     "__attribute__((constructor)) static void up(void) { record(2); }\n"
                     "__attribute__((destructor)) static void down(void) { record(-2); }\n"),
    };
    norder = 0;
    mj_module *m = link_ok(rt, u, 2);
    assert_int_equal(norder, 2);
    assert_int_equal(order[0], 1);
    assert_int_equal(order[1], 2);
    mj_module_release(m);
    assert_int_equal(norder, 4);
    assert_int_equal(order[2], -2);
    assert_int_equal(order[3], -1);
    mj_runtime_free(rt);
}

/* Constructors and destructors with priorities run by priority across
 * the units, as ld's sorted .init_array and .fini_array run them (gcc's
 * build of these three files prints the same order), not unit by unit. */
static void constructor_priorities_across_units(void **state) {
    (void)state;
    static const int ctors[] = {13, 21, 11, 22, 23, 12, 31};
    static const int dtors[] = {-22, -12, -11, -31, -21, -13};
    for (size_t l = 0; l < sizeof levels / sizeof *levels; l++) {
        mj_runtime *rt = runtime_at(levels[l], NULL);
        assert_int_equal(mj_define_function(rt, "record", (void *)record, "void(int)"), MJ_OK);
        mj_source u[3] = {
            unit("p1.c", "void record(int);\n"
                         "__attribute__((constructor(300))) static void a(void) { record(11); }\n"
                         "__attribute__((constructor)) static void b(void) { record(12); }\n"
                         "__attribute__((constructor(101))) static void c(void) { record(13); }\n"
                         "__attribute__((destructor(300))) static void d(void) { record(-11); }\n"
                         "__attribute__((destructor)) static void e(void) { record(-12); }\n"
                         "__attribute__((destructor(101))) static void f(void) { record(-13); }\n"),
            unit("p2.c", "void record(int);\n"
                         "__attribute__((constructor(101))) static void a(void) { record(21); }\n"
                         "__attribute__((constructor(300))) static void b(void) { record(22); }\n"
                         "__attribute__((constructor(300))) static void c(void) { record(23); }\n"
                         "__attribute__((destructor(101))) static void d(void) { record(-21); }\n"
                         "__attribute__((destructor)) static void e(void) { record(-22); }\n"),
            unit("p3.c", "void record(int);\n"
                         "__attribute__((constructor)) static void a(void) { record(31); }\n"
                         "__attribute__((destructor(200))) static void b(void) { record(-31); }\n"),
        };
        norder = 0;
        mj_module *m = link_ok(rt, u, 3);
        assert_int_equal(norder, 7);
        for (int i = 0; i < 7; i++)
            assert_int_equal(order[i], ctors[i]);
        mj_module_release(m);
        assert_int_equal(norder, 13);
        for (int i = 0; i < 6; i++)
            assert_int_equal(order[7 + i], dtors[i]);
        mj_runtime_free(rt);
    }
}

static void multiple_definition_names_both_units(void **state) {
    (void)state;
    for (size_t l = 0; l < sizeof levels / sizeof *levels; l++) {
        mj_runtime *rt = runtime_at(levels[l], NULL);
        mj_source u[2] = {unit("one.c", "int twice = 1;\nint main(void) { return 0; }\n"),
                          unit("two.c", "int twice = 2;\n")};
        char *text = link_fails(rt, u, 2, MJ_ERR_COMPILE);
        assert_string_equal(text, "two.c: error: multiple definition of 'twice'; "
                                  "one.c: first defined here\n");
        free(text);
        /* Tentative definitions too, as gcc's default -fno-common makes them. */
        u[0] = unit("t1.c", "int tentative;\n");
        u[1] = unit("t2.c", "int tentative;\nint main(void) { return tentative; }\n");
        text = link_fails(rt, u, 2, MJ_ERR_COMPILE);
        assert_string_equal(text, "t2.c: error: multiple definition of 'tentative'; "
                                  "t1.c: first defined here\n");
        free(text);
        mj_runtime_free(rt);
    }
}

/* A strong definition overrides a weak function of another unit, also
 * for the weak one's own unit's calls (which must not have inlined it);
 * alone, the weak one serves. The same for variables, in either order of
 * the units (weak_variable_is_overridden). */
static void weak_definition_is_overridden(void **state) {
    (void)state;
    for (size_t l = 0; l < sizeof levels / sizeof *levels; l++) {
        mj_runtime *rt = runtime_at(levels[l], NULL);
        mj_source u[2] = {unit("w1.c", "__attribute__((weak)) int choice(void) { return 1; }\n"
                                       "int ask(void) { return choice(); }\n"
                                       "int (*taken)(void) = choice;\n"),
                          unit("w2.c", "int choice(void) { return 2; }\n")};
        mj_module *m = link_ok(rt, u, 2);
        int (*ask)(void) = MJ_FN(m, "ask", int, void);
        int (**taken)(void) = (int (**)(void))mj_lookup(m, "taken", "int (*)(void)");
        int (*choice)(void) = MJ_FN(m, "choice", int, void);
        assert_true(ask && taken && choice);
        assert_int_equal(ask(), 2);
        assert_int_equal((*taken)(), 2);
        assert_int_equal(choice(), 2);
        mj_module_release(m);
        m = link_ok(rt, u, 1);
        ask = MJ_FN(m, "ask", int, void);
        assert_non_null(ask);
        assert_int_equal(ask(), 1);
        mj_module_release(m);
        mj_runtime_free(rt);
    }
}

static int weak_host_value = 7;

/* A strong variable overrides a weak one of another unit, in either order,
 * for the weak one's own unit's reads and writes too (gcc must not have
 * read its initialiser), and the weak one's initialiser, host addresses
 * and all, is not written anywhere; alone, the weak one serves; of two
 * weak ones the first unit's wins, as with ld. */
static void weak_variable_is_overridden(void **state) {
    (void)state;
    static const char *const weak_unit =
        "extern int weak_host_value;\n"
        "__attribute__((weak)) int wv = 1;\n"
        "__attribute__((weak)) const int wk = 1;\n"
        "__attribute__((weak)) int *wp = &weak_host_value;\n"
        "__attribute__((weak)) int both = 1;\n"
        "int read_wv(void) { return wv; }\n"
        "int read_wk(void) { return wk; }\n"
        "int *read_wp(void) { return wp; }\n"
        "void set_wv(int v) { wv = v; }\n"
        "int read_both1(void) { return both; }\n";
    static const char *const strong_unit =
        "int wv = 2;\nconst int wk = 2;\nint *wp;\n"
        "__attribute__((weak)) int both = 2;\n"
        "int strong_wv(void) { return wv; }\n"
        "int read_both2(void) { return both; }\n";
    for (size_t l = 0; l < sizeof levels / sizeof *levels; l++) {
        for (int weak_first = 0; weak_first <= 1; weak_first++) {
            mj_runtime *rt = runtime_at(levels[l], NULL);
            assert_int_equal(mj_define_variable(rt, "weak_host_value", &weak_host_value, "int"),
                             MJ_OK);
            mj_source u[2] = {unit("weak.c", weak_unit), unit("strong.c", strong_unit)};
            if (!weak_first) {
                mj_source t = u[0];
                u[0] = u[1];
                u[1] = t;
            }
            mj_module *m = link_ok(rt, u, 2);
            int (*read_wv)(void) = MJ_FN(m, "read_wv", int, void);
            int (*read_wk)(void) = MJ_FN(m, "read_wk", int, void);
            int *(*read_wp)(void) = MJ_FN(m, "read_wp", int *, void);
            void (*set_wv)(int) = MJ_FN(m, "set_wv", void, int);
            int (*strong_wv)(void) = MJ_FN(m, "strong_wv", int, void);
            int (*both1)(void) = MJ_FN(m, "read_both1", int, void);
            int (*both2)(void) = MJ_FN(m, "read_both2", int, void);
            int *wv = mj_lookup(m, "wv", "int");
            assert_true(read_wv && read_wk && read_wp && set_wv && strong_wv && both1 && both2 &&
                        wv);
            assert_int_equal(read_wv(), 2);
            assert_int_equal(read_wk(), 2);
            assert_null(read_wp());
            assert_int_equal(*wv, 2);
            set_wv(5);
            assert_int_equal(strong_wv(), 5);
            assert_int_equal(both1(), weak_first ? 1 : 2);
            assert_int_equal(both2(), weak_first ? 1 : 2);
            mj_module_release(m);
            mj_runtime_free(rt);
        }
        mj_runtime *rt = runtime_at(levels[l], NULL);
        assert_int_equal(mj_define_variable(rt, "weak_host_value", &weak_host_value, "int"),
                         MJ_OK);
        mj_source alone = unit("weak.c", weak_unit);
        mj_module *m = link_ok(rt, &alone, 1);
        int (*read_wv)(void) = MJ_FN(m, "read_wv", int, void);
        int *(*read_wp)(void) = MJ_FN(m, "read_wp", int *, void);
        assert_true(read_wv && read_wp);
        assert_int_equal(read_wv(), 1);
        assert_ptr_equal(read_wp(), &weak_host_value);
        mj_module_release(m);
        mj_runtime_free(rt);
    }
}

/* Declared in a unit, defined in none: ld's error, at the declaration. */
static void undefined_reference_at_its_declaration(void **state) {
    (void)state;
    for (size_t l = 0; l < sizeof levels / sizeof *levels; l++) {
        mj_runtime *rt = runtime_at(levels[l], NULL);
        mj_source u[2] = {unit("main.c", "int lib(void);\nint main(void) { return lib(); }\n"),
                          unit("lib.c", "int missing_one(void);\n"
                                        "int lib(void) { return missing_one(); }\n")};
        char *text = link_fails(rt, u, 2, MJ_ERR_COMPILE);
        assert_non_null(strstr(text, "lib.c:1:5: error: undefined reference to 'missing_one'"));
        assert_null(strstr(text, "main.c"));
        free(text);
        mj_runtime_free(rt);
    }
}

/* Every unit is compiled and every unit's errors come back, in order. */
static void errors_of_every_unit(void **state) {
    (void)state;
    mj_runtime *rt = runtime_at(2, NULL);
    mj_source u[3] = {unit("e1.c", "int f(void) { return nope; }\n"),
                      unit("ok.c", "int g(void) { return 1; }\n"),
                      unit("e2.c", "int h(void) { return 1 }\n")};
    char *text = link_fails(rt, u, 3, MJ_ERR_COMPILE);
    char *first = strstr(text, "e1.c:1:22: error:");
    char *second = strstr(text, "e2.c:1:");
    assert_non_null(first);
    assert_non_null(second);
    assert_true(first < second);
    free(text);
    mj_runtime_free(rt);
}

static void bad_arguments(void **state) {
    (void)state;
    mj_runtime *rt = runtime_at(2, NULL);
    mj_source u[2] = {unit("a.c", "int a;\n"), {"b.c", NULL, 3}};
    mj_module *m = (mj_module *)1;
    mj_diags *d = (mj_diags *)1;
    assert_int_equal(mj_compile_units(rt, u, 0, &m, &d), MJ_ERR_ARG);
    assert_null(m);
    assert_null(d);
    assert_int_equal(mj_compile_units(rt, u, 2, &m, &d), MJ_ERR_ARG);
    assert_int_equal(mj_compile_units(NULL, u, 1, &m, &d), MJ_ERR_ARG);
    assert_int_equal(mj_compile_units(rt, NULL, 1, &m, &d), MJ_ERR_ARG);
    assert_int_equal(mj_compile_units(rt, u, 1, NULL, &d), MJ_ERR_ARG);
    /* One unit is mj_compile: the second call is an in-memory hit. */
    mj_module *m1 = link_ok(rt, u, 1), *m2 = link_ok(rt, u, 1);
    assert_ptr_equal(m1, m2);
    mj_module_release(m1);
    mj_module_release(m2);
    mj_runtime_free(rt);
}

/* ------------------------------------------------------------------ */

static char store_dir[] = "/tmp/mj_units_XXXXXX";
static char store_db[64];

static void stats_of(mj_runtime *rt, mj_stats *s) {
    mj_runtime_stats(rt, s);
}

static int call_total(mj_module *m) {
    int (*total)(void) = MJ_FN(m, "total", int, void);
    assert_non_null(total);
    return total();
}

/* Each unit is stored on its own: the same program again is one store hit
 * per unit and no compile; a change to one unit compiles that unit only. */
static void each_unit_stored_on_its_own(void **state) {
    (void)state;
    const char *s1 = "int part2(void);\nint total(void) { return 1 + part2(); }\n";
    const char *s2 = "int part2(void) { return 20; }\n";
    const char *s2b = "int part2(void) { return 300; }\n";
    mj_source u[2] = {unit("t1.c", s1), unit("t2.c", s2)};
    mj_stats s;

    mj_runtime *rt = runtime_at(2, store_db);
    mj_module *m = link_ok(rt, u, 2);
    assert_int_equal(call_total(m), 21);
    stats_of(rt, &s);
    assert_int_equal(s.compiles, 2);
    assert_int_equal(s.store_hits, 0);
    mj_module_release(m);
    mj_runtime_free(rt);

    rt = runtime_at(2, store_db);
    m = link_ok(rt, u, 2);
    assert_int_equal(call_total(m), 21);
    stats_of(rt, &s);
    assert_int_equal(s.compiles, 0);
    assert_int_equal(s.store_hits, 2);
    assert_string_equal(mj_module_symbol_type(m, "part2"), "int(void)");
    mj_module_release(m);

    u[1] = unit("t2.c", s2b);
    m = link_ok(rt, u, 2);
    assert_int_equal(call_total(m), 301);
    stats_of(rt, &s);
    assert_int_equal(s.compiles, 1);
    assert_int_equal(s.store_hits, 3);
    mj_module_release(m);

    /* A unit stored by mj_compile_units serves mj_compile of that source. */
    mj_module *alone = NULL;
    assert_int_equal(mj_compile(rt, "t2.c", s2, strlen(s2), &alone, NULL), MJ_OK);
    stats_of(rt, &s);
    assert_int_equal(s.store_hits, 4);
    mj_module_release(alone);
    mj_runtime_free(rt);
}

/* A unit from the store whose reference is now undefined: the message
 * names that unit (it was not compiled, so there is no declaration). */
static void undefined_in_a_stored_unit(void **state) {
    (void)state;
    const char *user = "int gone(void);\nint use(void) { return gone(); }\n";
    const char *def = "int gone(void) { return 7; }\n";
    mj_source u[2] = {unit("user.c", user), unit("def.c", def)};
    mj_runtime *rt = runtime_at(2, store_db);
    mj_module *m = link_ok(rt, u, 2);
    mj_module_release(m);
    u[1] = unit("def.c", "int other(void) { return 7; }\n");
    char *text = link_fails(rt, u, 2, MJ_ERR_COMPILE);
    assert_string_equal(text, "user.c: error: undefined reference to 'gone'\n");
    free(text);
    mj_runtime_free(rt);
}

static int make_store(void **state) {
    (void)state;
    if (!mkdtemp(store_dir))
        return -1;
    snprintf(store_db, sizeof store_db, "%s/store.db", store_dir);
    return 0;
}

static int remove_store(void **state) {
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", store_dir);
    return system(cmd) == 0 ? 0 : -1;
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(units_call_each_other),
        cmocka_unit_test(host_symbols_in_every_unit),
        cmocka_unit_test(constructors_of_every_unit),
        cmocka_unit_test(constructor_priorities_across_units),
        cmocka_unit_test(multiple_definition_names_both_units),
        cmocka_unit_test(weak_definition_is_overridden),
        cmocka_unit_test(weak_variable_is_overridden),
        cmocka_unit_test(undefined_reference_at_its_declaration),
        cmocka_unit_test(errors_of_every_unit),
        cmocka_unit_test(bad_arguments),
        cmocka_unit_test(each_unit_stored_on_its_own),
        cmocka_unit_test(undefined_in_a_stored_unit),
    };
    return cmocka_run_group_tests(tests, make_store, remove_store);
}
