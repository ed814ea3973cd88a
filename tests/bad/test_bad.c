/*
 * test_bad.c - memjit must reject malformed C with the right first error,
 * and must survive hostile inputs.
 *
 *   test_bad DIR                 every .c file in DIR, then the generated inputs
 *   test_bad DIR NAME.c...       only those files
 *   test_bad DIR --generated     only the generated inputs
 *
 * Each file opens with a comment stating what its compile must give:
 *
 *   // expect: LINE:COL: error: SUBSTRING    the first error is there and
 *                                            its message contains SUBSTRING
 *   // expect: ok                            compiles without errors
 *
 * For an error, the diagnostics text must also hold gcc's older form:
 *
 *   NAME.c:LINE:COL: error: message
 *   <P>the source line, as is
 *   <P><COL-1 spaces>^
 *
 * where <P> is the same run of white space on both lines (memjit prints
 * one space, as gcc did; the check does not insist) and a tab counts as
 * one column; a tab of the source line may stay a tab in the caret line.
 *
 * The generated inputs are made in memory because they cannot sensibly
 * live in files: a NUL byte, 100 000-deep nesting, 10 MB of source,
 * invalid UTF-8, no trailing newline, a source that is not NUL-terminated.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "memjit.h"

/* Whatever one compile produced; freed by compile_result_free. */
typedef struct CompileResult {
    mj_status status;
    mj_module *module;
    mj_diags *diags;
    double seconds;
} CompileResult;

/* What a bad file's first line asks for. */
typedef struct Expectation {
    int ok;           /* "expect: ok" */
    int line, col;
    char substring[256];
} Expectation;

static const char *bad_dir;

/* ---- helpers ---------------------------------------------------------- */

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static CompileResult compile_buffer(const char *name, const char *src,
                                    size_t len)
{
    CompileResult r = {0};
    mj_status st;
    mj_runtime *rt = mj_runtime_new(NULL, &st);
    assert_non_null(rt);
    double start = now_seconds();
    r.status = mj_compile(rt, name, src, len, &r.module, &r.diags);
    r.seconds = now_seconds() - start;
    mj_runtime_free(rt);
    return r;
}

static void compile_result_free(CompileResult *r)
{
    mj_module_release(r->module);
    mj_diags_free(r->diags);
}

static const mj_diag *first_error(const mj_diags *diags)
{
    for (size_t i = 0; i < mj_diags_count(diags); i++) {
        const mj_diag *d = mj_diags_get(diags, i);
        if (d->severity == MJ_SEV_ERROR)
            return d;
    }
    return NULL;
}

/* Fails the test after showing what memjit said: a mismatch is only
 * understandable next to the full diagnostics. */
static void fail_with_diags(const CompileResult *r, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    print_error("status %s (%d), %zu diagnostics:\n%s\n",
                mj_status_str(r->status), (int)r->status,
                mj_diags_count(r->diags), mj_diags_text(r->diags));
    fail_msg("%s", msg);
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            cap *= 2;
            buf = realloc(buf, cap);
        }
    }
    fclose(f);
    if (buf)
        buf[n] = '\0';
    *len = n;
    return buf;
}

/* Line `line` (1-based) of src without its newline, or "" past the end. */
static char *source_line(const char *src, size_t len, int line)
{
    size_t i = 0;
    for (int l = 1; l < line && i < len; i++)
        if (src[i] == '\n')
            l++;
    size_t start = i;
    while (i < len && src[i] != '\n')
        i++;
    char *s = malloc(i - start + 1);
    memcpy(s, src + start, i - start);
    s[i - start] = '\0';
    return s;
}

/* "// expect: ok" or "// expect: LINE:COL: error: SUBSTRING". */
static int parse_expectation(const char *src, Expectation *e)
{
    const char *prefix = "// expect: ";
    memset(e, 0, sizeof *e);
    if (strncmp(src, prefix, strlen(prefix)) != 0)
        return 0;
    const char *p = src + strlen(prefix);
    if (strncmp(p, "ok", 2) == 0 && (p[2] == '\n' || p[2] == '\0')) {
        e->ok = 1;
        return 1;
    }
    int used = 0;
    if (sscanf(p, "%d:%d: error: %n", &e->line, &e->col, &used) != 2 ||
        used == 0)
        return 0;
    p += used;
    size_t n = strcspn(p, "\n");
    if (n == 0 || n >= sizeof e->substring)
        return 0;
    memcpy(e->substring, p, n);
    e->substring[n] = '\0';
    return 1;
}

/* Finds "NAME:LINE:COL: error: " at the start of a line of text and
 * checks the two lines after it: the source line, then the caret. */
static void check_caret_text(const CompileResult *r, const char *name,
                             int line, int col, const char *src_line)
{
    const char *text = mj_diags_text(r->diags);
    char head[512];
    snprintf(head, sizeof head, "%s:%d:%d: error: ", name, line, col);
    const char *at = strstr(text, head);
    while (at && at != text && at[-1] != '\n')
        at = strstr(at + 1, head);
    if (!at)
        fail_with_diags(r, "no line starting with \"%s\"", head);

    const char *l1 = strchr(at, '\n');
    if (!l1)
        fail_with_diags(r, "no source line after \"%s\"", head);
    l1++;
    const char *l1_end = strchr(l1, '\n');
    if (!l1_end)
        fail_with_diags(r, "no caret line after \"%s\"", head);
    const char *l2 = l1_end + 1;
    size_t l2_len = strcspn(l2, "\n");

    /* The source line, after some prefix of white space. */
    size_t l1_len = (size_t)(l1_end - l1), src_len = strlen(src_line);
    if (l1_len < src_len || memcmp(l1_end - src_len, src_line, src_len) != 0)
        fail_with_diags(r, "line after \"%s\" is not the source line \"%s\"",
                        head, src_line);
    size_t prefix = l1_len - src_len;
    for (size_t i = 0; i < prefix; i++)
        if (l1[i] != ' ' && l1[i] != '\t')
            fail_with_diags(r, "source line has a non-blank prefix");

    /* The caret line: same prefix, COL-1 spaces, '^', then only '~'. */
    size_t want = prefix + (size_t)col - 1;
    if (l2_len < want + 1 || memcmp(l2, l1, prefix) != 0)
        fail_with_diags(r, "caret line too short or prefix differs");
    /* A tab of the source line is kept as a tab, so the caret lines up
     * on screen; every other byte before the caret is a space. */
    for (size_t i = prefix; i < want; i++)
        if (l2[i] != ' ' && !(l2[i] == '\t' && i < l1_len && l1[i] == '\t'))
            fail_with_diags(r, "caret line: byte %zu is neither a space nor "
                               "a tab under a tab", i);
    if (l2[want] != '^')
        fail_with_diags(r, "caret line: no '^' at column %d", col);
    for (size_t i = want + 1; i < l2_len; i++)
        if (l2[i] != '~')
            fail_with_diags(r, "caret line: junk after the caret");
}

/* The first error of r must be at line:col (col 0: any column) and its
 * message must contain substring (NULL: any message). */
static const mj_diag *expect_first_error(const CompileResult *r, int line,
                                         int col, const char *substring)
{
    if (r->status != MJ_ERR_COMPILE)
        fail_with_diags(r, "expected MJ_ERR_COMPILE, got %s",
                        mj_status_str(r->status));
    if (r->module != NULL)
        fail_with_diags(r, "a failed compile handed back a module");
    const mj_diag *d = first_error(r->diags);
    if (!d)
        fail_with_diags(r, "MJ_ERR_COMPILE without any error diagnostic");
    if (d->line != line || (col && d->column != col))
        fail_with_diags(r, "first error at %d:%d, expected %d:%d", d->line,
                        d->column, line, col);
    if (substring && !strstr(d->message, substring))
        fail_with_diags(r, "first error \"%s\" lacks \"%s\"", d->message,
                        substring);
    return d;
}

static void expect_ok(const CompileResult *r)
{
    if (r->status != MJ_OK)
        fail_with_diags(r, "expected MJ_OK, got %s", mj_status_str(r->status));
    if (!r->module)
        fail_with_diags(r, "MJ_OK without a module");
    if (mj_diags_error_count(r->diags) != 0)
        fail_with_diags(r, "MJ_OK with errors");
}

/* ---- the files -------------------------------------------------------- */

static void test_bad_file(void **state)
{
    const char *name = *state;
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", bad_dir, name);
    size_t len = 0;
    char *src = read_file(path, &len);
    if (!src)
        fail_msg("cannot read %s", path);
    Expectation e;
    if (!parse_expectation(src, &e))
        fail_msg("%s: first line is not \"// expect: ...\"", name);

    CompileResult r = compile_buffer(name, src, len);
    if (e.ok) {
        expect_ok(&r);
    } else {
        const mj_diag *d = expect_first_error(&r, e.line, e.col, e.substring);
        char *line = source_line(src, len, e.line);
        if (strcmp(d->file, name) != 0)
            fail_with_diags(&r, "error in file \"%s\", not \"%s\"", d->file,
                            name);
        if (strcmp(d->source_line, line) != 0)
            fail_with_diags(&r, "source_line is \"%s\", not \"%s\"",
                            d->source_line, line);
        check_caret_text(&r, name, e.line, e.col, line);
        free(line);
    }
    compile_result_free(&r);
    free(src);
}

/* ---- generated inputs -------------------------------------------------- */

/* A growable buffer for building sources. */
typedef struct Buf {
    char *data;
    size_t len, cap;
} Buf;

static void buf_add(Buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->data = realloc(b->data, b->cap);
        assert_non_null(b->data);
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

static void buf_puts(Buf *b, const char *s) { buf_add(b, s, strlen(s)); }

static void buf_repeat(Buf *b, const char *s, size_t times)
{
    for (size_t i = 0; i < times; i++)
        buf_puts(b, s);
}

static void test_empty_input(void **state)
{
    CompileResult r = compile_buffer("empty.c", "", 0);
    expect_ok(&r);
    compile_result_free(&r);
}

/* len excludes the garbage after it: the source need not end in NUL. */
static void test_not_nul_terminated(void **state)
{
    const char src[] = "int answer(void) { return 42; }@@@ garbage";
    CompileResult r = compile_buffer("unterminated.c", src,
                                     strlen("int answer(void) { return 42; }"));
    expect_ok(&r);
    int (*f)(void) = MJ_FN(r.module, "answer", int, void);
    assert_non_null(f);
    assert_int_equal(42, f());
    compile_result_free(&r);
}

/* gcc warns "null character(s) ignored"; memjit may ignore the NUL or
 * report it, but must neither crash nor stop reading there: the error on
 * line 3 must be seen. */
static void test_nul_byte(void **state)
{
    const char src[] = "int a = 1;\nint b = 2 \0 + 3;\nint c = ;\n";
    CompileResult r = compile_buffer("nul.c", src, sizeof src - 1);
    const mj_diag *d = first_error(r.diags);
    if (r.status != MJ_ERR_COMPILE || !d)
        fail_with_diags(&r, "no error for a source with an error");
    if (d->line != 2 && d->line != 3)
        fail_with_diags(&r, "first error on line %d", d->line);
    const mj_diag *last = mj_diags_get(r.diags, mj_diags_count(r.diags) - 1);
    if (last->line != 3)
        fail_with_diags(&r, "the lexer stopped at the NUL byte");
    compile_result_free(&r);
}

/* Same, but where the only problem is the NUL: reaching line 3's error
 * proves the lexer did not stop at the NUL. */
static void test_nul_byte_reaches_later_lines(void **state)
{
    const char src[] = "int a = 1; \0\nint b = 2;\nint c = y;\n";
    CompileResult r = compile_buffer("nul2.c", src, sizeof src - 1);
    const mj_diag *d = first_error(r.diags);
    if (!d)
        fail_with_diags(&r, "the error on line 3 was not seen");
    if (d->line == 2 || d->line > 3)
        fail_with_diags(&r, "first error on line %d", d->line);
    size_t n = mj_diags_count(r.diags);
    const mj_diag *last = mj_diags_get(r.diags, n - 1);
    if (last->line != 3)
        fail_with_diags(&r, "nothing reported for 'y' on line 3");
    compile_result_free(&r);
}

static void test_deep_parens(void **state)
{
    Buf b = {0};
    buf_puts(&b, "int x = ");
    buf_repeat(&b, "(", 100000);
    buf_puts(&b, "1");
    buf_repeat(&b, ")", 100000);
    buf_puts(&b, ";\n");
    CompileResult r = compile_buffer("parens.c", b.data, b.len);
    expect_first_error(&r, 1, 0, NULL);
    compile_result_free(&r);
    free(b.data);
}

static void test_deep_blocks(void **state)
{
    Buf b = {0};
    buf_puts(&b, "int main(void)\n");
    buf_repeat(&b, "{", 100000);
    buf_repeat(&b, "}", 100000);
    buf_puts(&b, "\n");
    CompileResult r = compile_buffer("blocks.c", b.data, b.len);
    expect_first_error(&r, 2, 0, NULL);
    compile_result_free(&r);
    free(b.data);
}

/* Deep nesting along other recursive paths of the parser (unary
 * operators, casts, if statements, conditional operators): the input is
 * valid C, so memjit may compile it or refuse it as too deep, but must
 * not crash. */
static void expect_no_crash(const char *name, const char *before,
                            const char *unit, const char *after)
{
    Buf b = {0};
    buf_puts(&b, before);
    buf_repeat(&b, unit, 100000);
    buf_puts(&b, after);
    CompileResult r = compile_buffer(name, b.data, b.len);
    if (r.status != MJ_OK && r.status != MJ_ERR_COMPILE)
        fail_with_diags(&r, "%s: status %s", name, mj_status_str(r.status));
    if (r.status == MJ_ERR_COMPILE && !first_error(r.diags))
        fail_with_diags(&r, "%s: MJ_ERR_COMPILE without an error", name);
    compile_result_free(&r);
    free(b.data);
}

static void test_deep_other_nesting(void **state)
{
    expect_no_crash("unary.c", "int x = ", "- ", "1;\n");
    expect_no_crash("not.c", "int f(int a) { return ", "!", "a; }\n");
    expect_no_crash("casts.c", "int f(int a) { return ", "(int)", "a; }\n");
    expect_no_crash("ifs.c", "int f(int a) {\n", "if (a) ", "return 1; return 0; }\n");
    expect_no_crash("cond.c", "int f(int a) { return ", "a ? 1 : ", "0; }\n");
    expect_no_crash("assign.c", "int f(int a) { int b; return ", "b = ", "a; }\n");
    expect_no_crash("deref.c", "int f(int *a) { return ", "*&", "*a; }\n");
}

static void test_huge_comment(void **state)
{
    Buf b = {0};
    buf_puts(&b, "/*");
    buf_repeat(&b, "0123456789abcdef0123456789abcdef0123456789abcdef012345678\n",
               10 * 1024 * 1024 / 58);
    buf_puts(&b, "*/\nint answer(void) { return 42; }\n");
    CompileResult r = compile_buffer("comment.c", b.data, b.len);
    expect_ok(&r);
    print_message("10 MB comment compiled in %.3f s\n", r.seconds);
    assert_true(r.seconds < 20);
    int (*f)(void) = MJ_FN(r.module, "answer", int, void);
    assert_non_null(f);
    assert_int_equal(42, f());
    compile_result_free(&r);
    free(b.data);
}

/* 10 MB of valid declarations: prototypes and externs that produce no
 * code, then one function using the last of them. */
static void test_huge_declarations(void **state)
{
    Buf b = {0};
    char line[128];
    int i = 0;
    while (b.len < 10 * 1024 * 1024) {
        snprintf(line, sizeof line,
                 "int f%d(int a, double b);\nextern long v%d;\n", i, i);
        buf_puts(&b, line);
        i++;
    }
    snprintf(line, sizeof line, "int last(void) { return %d; }\n", i);
    buf_puts(&b, line);
    CompileResult r = compile_buffer("decls.c", b.data, b.len);
    expect_ok(&r);
    print_message("10 MB of declarations (%d pairs) compiled in %.3f s\n", i,
                  r.seconds);
    assert_true(r.seconds < 60);
    int (*f)(void) = MJ_FN(r.module, "last", int, void);
    assert_non_null(f);
    assert_int_equal(i, f());
    compile_result_free(&r);
    free(b.data);
}

/* Invalid UTF-8 in a string literal and a comment is just bytes. */
static void test_invalid_utf8_in_literal(void **state)
{
    const char src[] = "/* \xc3\x28 \xff */\n"
                       "const char *s = \"\xc3\x28\xa0\xa1\xff\";\n"
                       "int len(void) { int n = 0; while (s[n]) n++; return n; }\n";
    CompileResult r = compile_buffer("utf8.c", src, sizeof src - 1);
    expect_ok(&r);
    int (*f)(void) = MJ_FN(r.module, "len", int, void);
    assert_non_null(f);
    assert_int_equal(5, f());
    compile_result_free(&r);
}

/* ...but in code it is a stray byte, reported at its column. */
static void test_invalid_utf8_in_code(void **state)
{
    const char src[] = "int x = 1;\nint y = \xc3\x28;\n";
    CompileResult r = compile_buffer("utf8bad.c", src, sizeof src - 1);
    expect_first_error(&r, 2, 9, "stray");
    compile_result_free(&r);
}

static void test_no_trailing_newline_ok(void **state)
{
    const char *srcs[] = {
        "int answer(void) { return 42; }",
        "int answer(void) { return 42; }\n// a comment at the very end",
        "#define V 42\nint answer(void) { return V; }\n#define W 1",
        "int answer(void) { return 42; }\n/* closed */",
    };
    for (size_t i = 0; i < sizeof srcs / sizeof srcs[0]; i++) {
        CompileResult r = compile_buffer("nonl.c", srcs[i], strlen(srcs[i]));
        expect_ok(&r);
        int (*f)(void) = MJ_FN(r.module, "answer", int, void);
        assert_non_null(f);
        assert_int_equal(42, f());
        compile_result_free(&r);
    }
}

static void test_no_trailing_newline_error(void **state)
{
    const char src[] = "int ok;\nint x = y;";
    CompileResult r = compile_buffer("nonl.c", src, sizeof src - 1);
    expect_first_error(&r, 2, 9, "'y'");
    check_caret_text(&r, "nonl.c", 2, 9, "int x = y;");
    compile_result_free(&r);
}

/* Each of these would make a naive lexer read past the end. (A lone "#"
 * is a valid null directive, so it is not among them.) */
static void test_truncated_tokens_at_end(void **state)
{
    const char *srcs[] = {"int x = 'a", "char *s = \"abc", "int x; /*",
                          "int x = 1\\", "#include", "#include \"",
                          "int x = 0x", "int x = 1e", "int x = 1.5e+"};
    for (size_t i = 0; i < sizeof srcs / sizeof srcs[0]; i++) {
        CompileResult r = compile_buffer("trunc.c", srcs[i], strlen(srcs[i]));
        if (r.status != MJ_ERR_COMPILE || !first_error(r.diags))
            fail_with_diags(&r, "no error for \"%s\"", srcs[i]);
        compile_result_free(&r);
    }
}

static void test_many_errors_are_capped(void **state)
{
    Buf b = {0};
    buf_repeat(&b, "int x = y;\n", 10000);
    CompileResult r = compile_buffer("many.c", b.data, b.len);
    expect_first_error(&r, 1, 9, "'y'");
    print_message("%zu diagnostics for 10000 bad lines\n",
                  mj_diags_count(r.diags));
    assert_true(mj_diags_error_count(r.diags) <= 1000);
    compile_result_free(&r);
    free(b.data);
}

/* ---- main ---------------------------------------------------------------- */

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int list_c_files(const char *dir, char ***out)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    int n = 0, cap = 16;
    char **names = malloc(cap * sizeof *names);
    struct dirent *ent;
    while ((ent = readdir(d)) != NULL) {
        size_t len = strlen(ent->d_name);
        if (len < 3 || strcmp(ent->d_name + len - 2, ".c") != 0 ||
            strcmp(ent->d_name, "test_bad.c") == 0)
            continue;
        if (n == cap) {
            cap *= 2;
            names = realloc(names, cap * sizeof *names);
        }
        names[n++] = strdup(ent->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, compare_names);
    *out = names;
    return n;
}

static const struct CMUnitTest generated_tests[] = {
    cmocka_unit_test(test_empty_input),
    cmocka_unit_test(test_not_nul_terminated),
    cmocka_unit_test(test_nul_byte),
    cmocka_unit_test(test_nul_byte_reaches_later_lines),
    cmocka_unit_test(test_deep_parens),
    cmocka_unit_test(test_deep_blocks),
    cmocka_unit_test(test_deep_other_nesting),
    cmocka_unit_test(test_huge_comment),
    cmocka_unit_test(test_huge_declarations),
    cmocka_unit_test(test_invalid_utf8_in_literal),
    cmocka_unit_test(test_invalid_utf8_in_code),
    cmocka_unit_test(test_no_trailing_newline_ok),
    cmocka_unit_test(test_no_trailing_newline_error),
    cmocka_unit_test(test_truncated_tokens_at_end),
    cmocka_unit_test(test_many_errors_are_capped),
};

static int run_files(char **names, int n)
{
    struct CMUnitTest *tests = calloc((size_t)n, sizeof *tests);
    for (int i = 0; i < n; i++) {
        tests[i].name = names[i];
        tests[i].test_func = test_bad_file;
        tests[i].initial_state = names[i];
    }
    int failed = _cmocka_run_group_tests("bad_files", tests, (size_t)n, NULL,
                                         NULL);
    free(tests);
    return failed;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s DIR [NAME.c... | --generated]\n", argv[0]);
        return 2;
    }
    bad_dir = argv[1];
    if (argc > 2 && strcmp(argv[2], "--generated") == 0)
        return cmocka_run_group_tests_name("bad_generated", generated_tests,
                                           NULL, NULL);
    if (argc > 2)
        return run_files(argv + 2, argc - 2);

    char **names;
    int n = list_c_files(bad_dir, &names);
    if (n < 0) {
        fprintf(stderr, "cannot read directory %s\n", bad_dir);
        return 2;
    }
    int failed = run_files(names, n);
    failed += cmocka_run_group_tests_name("bad_generated", generated_tests,
                                          NULL, NULL);
    for (int i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return failed != 0;
}
