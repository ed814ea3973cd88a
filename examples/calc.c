/*
 * calc - a command-line calculator: an expression typed by the user becomes
 * native code through mj_expr, is plotted, and is timed against a plain
 * tree-walking interpreter of the same expression.
 *
 *     calc EXPR [FROM TO]          e.g.  calc "sin(x) * x" -3 3
 *
 * The calculator's own grammar (below) is what the tree walker evaluates:
 * + - * / ^ (power), parentheses, x, numbers, and sin cos exp log sqrt. An
 * expression in that grammar is compiled as the C it means (^ becomes pow,
 * numbers are doubles, so 1/2 is 0.5 as the user meant). Anything else is
 * handed to memjit as written: a C expression beyond the grammar (fabs(x),
 * x < 0 ? -x : x, ...) is compiled and plotted without the tree walker, and
 * a malformed one gets memjit's diagnostic with a caret in the expression.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "memjit.h"

enum { PLOT_W = 60, PLOT_H = 20, POINTS = 1000000 };

/* ------------------------------------------------------------------------
 * The tree walker: a recursive-descent parser to a tree, and its evaluator
 * ---------------------------------------------------------------------- */

typedef enum {
    ND_NUM,   /* a number: val */
    ND_X,     /* the variable x */
    ND_ADD, ND_SUB, ND_MUL, ND_DIV, ND_POW,   /* lhs op rhs */
    ND_NEG,   /* -lhs */
    ND_CALL,  /* fn(lhs) */
} NodeKind;

typedef struct Node Node;
struct Node {
    NodeKind kind;
    double val;              /* ND_NUM */
    const char *name;        /* ND_CALL: the function's name */
    double (*fn)(double);    /* ND_CALL */
    Node *lhs, *rhs;
};

typedef struct {
    const char *src;   /* the whole expression, for columns */
    const char *p;     /* the next byte to read */
    const char *err;   /* the first error, or NULL */
    int err_col;       /* its 1-based column */
} Parser;

static const struct { const char *name; double (*fn)(double); } functions[] = {
    {"sin", sin}, {"cos", cos}, {"exp", exp}, {"log", log}, {"sqrt", sqrt},
};

static Node *new_node(NodeKind kind, Node *lhs, Node *rhs) {
    Node *n = calloc(1, sizeof *n);
    if (!n) {
        fprintf(stderr, "calc: out of memory\n");
        exit(1);
    }
    n->kind = kind;
    n->lhs = lhs;
    n->rhs = rhs;
    return n;
}

static void free_tree(Node *n) {
    if (!n)
        return;
    free_tree(n->lhs);
    free_tree(n->rhs);
    free(n);
}

/* Records the first error only: later ones follow from it. */
static void parse_error(Parser *ps, const char *msg) {
    if (!ps->err) {
        ps->err = msg;
        ps->err_col = (int)(ps->p - ps->src) + 1;
    }
}

static void skip_space(Parser *ps) {
    while (*ps->p == ' ' || *ps->p == '\t')
        ps->p++;
}

/* Consumes c (after white space) when it is next. */
static int accept(Parser *ps, char c) {
    skip_space(ps);
    if (*ps->p != c)
        return 0;
    ps->p++;
    return 1;
}

static Node *expr(Parser *ps);
static Node *unary(Parser *ps);

/* number = digits ("." digits?)? (("e" | "E") ("+" | "-")? digits)?
 *        | "." digits ... */
static Node *number(Parser *ps) {
    char *end;
    Node *n = new_node(ND_NUM, NULL, NULL);
    n->val = strtod(ps->p, &end);
    /* strtod also reads hex, inf and nan, which the grammar does not have;
     * a number starts with a digit or a point, so those never get here. */
    ps->p = end;
    return n;
}

/* call = name "(" expr ")", name one of the functions above */
static Node *call(Parser *ps, const char *name, size_t len) {
    for (size_t i = 0; i < sizeof functions / sizeof functions[0]; i++) {
        if (strlen(functions[i].name) != len || strncmp(functions[i].name, name, len))
            continue;
        Node *n = new_node(ND_CALL, NULL, NULL);
        n->name = functions[i].name;
        n->fn = functions[i].fn;
        if (!accept(ps, '('))
            parse_error(ps, "expected '(' after a function name");
        n->lhs = expr(ps);
        if (!accept(ps, ')'))
            parse_error(ps, "expected ')'");
        return n;
    }
    ps->p = name;
    parse_error(ps, "unknown name (the calculator knows x, sin, cos, exp, log, sqrt)");
    return new_node(ND_NUM, NULL, NULL);
}

/* primary = number | "x" | call | "(" expr ")" */
static Node *primary(Parser *ps) {
    skip_space(ps);
    const char *start = ps->p;
    if ((*start >= '0' && *start <= '9') || *start == '.')
        return number(ps);
    if ((*start >= 'a' && *start <= 'z') || (*start >= 'A' && *start <= 'Z') || *start == '_') {
        while ((*ps->p >= 'a' && *ps->p <= 'z') || (*ps->p >= 'A' && *ps->p <= 'Z') ||
               (*ps->p >= '0' && *ps->p <= '9') || *ps->p == '_')
            ps->p++;
        size_t len = (size_t)(ps->p - start);
        if (len == 1 && *start == 'x')
            return new_node(ND_X, NULL, NULL);
        return call(ps, start, len);
    }
    if (accept(ps, '(')) {
        Node *n = expr(ps);
        if (!accept(ps, ')'))
            parse_error(ps, "expected ')'");
        return n;
    }
    parse_error(ps, "expected a number, x, a function or '('");
    return new_node(ND_NUM, NULL, NULL);
}

/* power = primary ("^" unary)?       right-associative: 2^3^2 = 2^9,
 *                                    and -x^2 = -(x^2) as in mathematics */
static Node *power(Parser *ps) {
    Node *n = primary(ps);
    if (accept(ps, '^'))
        n = new_node(ND_POW, n, unary(ps));
    return n;
}

/* unary = ("-" | "+") unary | power */
static Node *unary(Parser *ps) {
    if (accept(ps, '-'))
        return new_node(ND_NEG, unary(ps), NULL);
    if (accept(ps, '+'))
        return unary(ps);
    return power(ps);
}

/* term = unary (("*" | "/") unary)* */
static Node *term(Parser *ps) {
    Node *n = unary(ps);
    for (;;) {
        if (accept(ps, '*'))
            n = new_node(ND_MUL, n, unary(ps));
        else if (accept(ps, '/'))
            n = new_node(ND_DIV, n, unary(ps));
        else
            return n;
    }
}

/* expr = term (("+" | "-") term)* */
static Node *expr(Parser *ps) {
    Node *n = term(ps);
    for (;;) {
        if (accept(ps, '+'))
            n = new_node(ND_ADD, n, term(ps));
        else if (accept(ps, '-'))
            n = new_node(ND_SUB, n, term(ps));
        else
            return n;
    }
}

/* The tree of src, or NULL with ps->err set. */
static Node *parse(Parser *ps, const char *src) {
    *ps = (Parser){.src = src, .p = src};
    Node *n = expr(ps);
    skip_space(ps);
    if (*ps->p)
        parse_error(ps, "unexpected character");
    if (ps->err) {
        free_tree(n);
        return NULL;
    }
    return n;
}

static double eval(const Node *n, double x) {
    switch (n->kind) {
    case ND_NUM:  return n->val;
    case ND_X:    return x;
    case ND_ADD:  return eval(n->lhs, x) + eval(n->rhs, x);
    case ND_SUB:  return eval(n->lhs, x) - eval(n->rhs, x);
    case ND_MUL:  return eval(n->lhs, x) * eval(n->rhs, x);
    case ND_DIV:  return eval(n->lhs, x) / eval(n->rhs, x);
    case ND_POW:  return pow(eval(n->lhs, x), eval(n->rhs, x));
    case ND_NEG:  return -eval(n->lhs, x);
    case ND_CALL: return n->fn(eval(n->lhs, x));
    }
    return 0;
}

/* ------------------------------------------------------------------------
 * The tree as C, for mj_expr
 * ---------------------------------------------------------------------- */

typedef struct {
    char *buf;
    size_t len, cap;
} Text;

static void add_text(Text *t, const char *s) {
    size_t n = strlen(s);
    if (t->len + n + 1 > t->cap) {
        t->cap = 2 * (t->len + n + 1);
        t->buf = realloc(t->buf, t->cap);
        if (!t->buf) {
            fprintf(stderr, "calc: out of memory\n");
            exit(1);
        }
    }
    memcpy(t->buf + t->len, s, n + 1);
    t->len += n;
}

/* Writes n as a C expression: every number a double constant (so 1/2 means
 * 0.5, as in the calculator), ^ as pow, everything parenthesised. */
static void to_c(const Node *n, Text *t) {
    static const char *const ops[] = {
        [ND_ADD] = " + ", [ND_SUB] = " - ", [ND_MUL] = " * ", [ND_DIV] = " / ",
    };
    char num[40];
    switch (n->kind) {
    case ND_NUM:
        snprintf(num, sizeof num, "%.17g", n->val);
        if (!strpbrk(num, ".eEn"))   /* not 1.5, 1e300, inf or nan */
            strcat(num, ".0");
        add_text(t, num);
        return;
    case ND_X:
        add_text(t, "x");
        return;
    case ND_ADD: case ND_SUB: case ND_MUL: case ND_DIV:
        add_text(t, "(");
        to_c(n->lhs, t);
        add_text(t, ops[n->kind]);
        to_c(n->rhs, t);
        add_text(t, ")");
        return;
    case ND_POW:
        add_text(t, "pow(");
        to_c(n->lhs, t);
        add_text(t, ", ");
        to_c(n->rhs, t);
        add_text(t, ")");
        return;
    case ND_NEG:
        add_text(t, "(-");
        to_c(n->lhs, t);
        add_text(t, ")");
        return;
    case ND_CALL:
        add_text(t, n->name);
        add_text(t, "(");
        to_c(n->lhs, t);
        add_text(t, ")");
        return;
    }
}

/* ------------------------------------------------------------------------
 * Plot and timing
 * ---------------------------------------------------------------------- */

typedef double (*Fn)(double);

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* A PLOT_W x PLOT_H picture of f over [a, b], with the axes where they
 * fall inside it. */
static void plot(Fn f, double a, double b) {
    double ys[PLOT_W], lo = INFINITY, hi = -INFINITY;
    for (int i = 0; i < PLOT_W; i++) {
        ys[i] = f(a + (b - a) * i / (PLOT_W - 1));
        if (isfinite(ys[i])) {
            lo = fmin(lo, ys[i]);
            hi = fmax(hi, ys[i]);
        }
    }
    if (lo > hi)
        lo = -1, hi = 1;   /* nothing finite to show */
    if (lo == hi)
        lo -= 1, hi += 1;

    char grid[PLOT_H][PLOT_W + 1];
    for (int r = 0; r < PLOT_H; r++) {
        memset(grid[r], ' ', PLOT_W);
        grid[r][PLOT_W] = '\0';
    }
    int zero_row = (int)lround(hi / (hi - lo) * (PLOT_H - 1));
    int zero_col = (int)lround(-a / (b - a) * (PLOT_W - 1));
    if (lo <= 0 && 0 <= hi)
        memset(grid[zero_row], '-', PLOT_W);
    if (a <= 0 && 0 <= b)
        for (int r = 0; r < PLOT_H; r++)
            grid[r][zero_col] = grid[r][zero_col] == '-' ? '+' : '|';
    for (int i = 0; i < PLOT_W; i++)
        if (isfinite(ys[i]))
            grid[lround((hi - ys[i]) / (hi - lo) * (PLOT_H - 1))][i] = '*';

    for (int r = 0; r < PLOT_H; r++) {
        if (r == 0)
            printf("%10.4g |%s|\n", hi, grid[r]);
        else if (r == PLOT_H - 1)
            printf("%10.4g |%s|\n", lo, grid[r]);
        else
            printf("%10s |%s|\n", "", grid[r]);
    }
    printf("%10s +", "");
    for (int i = 0; i < PLOT_W; i++)
        putchar('-');
    printf("+\n%10s  %-*.4g%*.4g\n", "", PLOT_W / 2, a, PLOT_W / 2, b);
}

/* Seconds per point of f over POINTS points of [a, b]; *sum receives the
 * sum of the results, which keeps the loop honest and lets the two
 * evaluators be compared. */
static double time_compiled(Fn f, double a, double b, double *sum) {
    double s = 0, t0 = now_s();
    for (int i = 0; i < POINTS; i++)
        s += f(a + (b - a) * i / (POINTS - 1));
    *sum = s;
    return (now_s() - t0) / POINTS;
}

static double time_tree(const Node *tree, double a, double b, double *sum) {
    double s = 0, t0 = now_s();
    for (int i = 0; i < POINTS; i++)
        s += eval(tree, a + (b - a) * i / (POINTS - 1));
    *sum = s;
    return (now_s() - t0) / POINTS;
}

/* ------------------------------------------------------------------------
 * main
 * ---------------------------------------------------------------------- */

/* Parses a whole argument as a number. */
static int parse_number(const char *s, double *out) {
    char *end;
    *out = strtod(s, &end);
    return end != s && !*end && isfinite(*out);
}

/* Compiles text with mj_expr as double(double x); prints memjit's
 * diagnostics (positions in text) on failure. */
static mj_module *compile(mj_runtime *rt, const char *text, Fn *f) {
    mj_module *mod;
    void *fn;
    mj_diags *diags;
    mj_status s = mj_expr(rt, text, "double(double x)", &mod, &fn, &diags);
    if (s != MJ_OK) {
        if (mj_diags_count(diags))
            mj_diags_print(diags, stderr);
        else
            fprintf(stderr, "calc: %s\n", mj_status_str(s));
        mj_diags_free(diags);
        return NULL;
    }
    mj_diags_free(diags);
    *f = (Fn)fn;
    return mod;
}

int main(int argc, char **argv) {
    double a = -5, b = 5;
    if ((argc != 2 && argc != 4) ||
        (argc == 4 && (!parse_number(argv[2], &a) || !parse_number(argv[3], &b) || a >= b))) {
        fprintf(stderr, "usage: calc EXPR [FROM TO]     e.g. calc \"sin(x) * x\" -3 3\n"
                        "EXPR: + - * / ^ ( ) x numbers sin cos exp log sqrt, or any C\n"
                        "expression of x over <math.h>; FROM < TO\n");
        return 2;
    }
    const char *user = argv[1];

    Parser ps;
    Node *tree = parse(&ps, user);
    Text c = {0};
    if (tree)
        to_c(tree, &c);

    mj_status s;
    mj_runtime *rt = mj_runtime_new(NULL, &s);
    if (!rt) {
        fprintf(stderr, "calc: %s\n", mj_status_str(s));
        return 1;
    }
    Fn f;
    mj_module *mod = compile(rt, tree ? c.buf : user, &f);
    if (!mod && strchr(user, '^'))
        fprintf(stderr, "calc: note: '^' is a power only in the calculator's own grammar "
                        "(see calc's usage); in C it is exclusive or\n");
    if (!mod) {
        free_tree(tree);
        free(c.buf);
        mj_runtime_free(rt);
        return 1;
    }

    mj_compile_times t;
    mj_module_times(mod, &t);
    double compile_ms = t.frontend_ms + t.lower_ms + t.jit_ms;
    printf("f(x) = %s\n", user);
    printf("compiled as C: %s   (%.1f ms: front end %.2f, IR %.2f, libgccjit %.1f)\n\n",
           tree ? c.buf : user, compile_ms, t.frontend_ms, t.lower_ms, t.jit_ms);
    plot(f, a, b);

    double sum_c, per_c = time_compiled(f, a, b, &sum_c);
    printf("\n%d points: memjit %.1f ns/point", POINTS, per_c * 1e9);
    if (tree) {
        double sum_t, per_t = time_tree(tree, a, b, &sum_t);
        printf(", tree walker %.1f ns/point: ratio %.1fx\n", per_t * 1e9, per_t / per_c);
        printf("sums over the points: %.17g (memjit), %.17g (tree walker)\n", sum_c, sum_t);
        if (per_t > per_c)
            printf("the compile pays for itself after about %.0f points\n",
                   compile_ms / 1e3 / (per_t - per_c));
    } else {
        printf("\n(the tree walker does not read this expression: column %d: %s)\n",
               ps.err_col, ps.err);
    }

    free_tree(tree);
    free(c.buf);
    mj_module_release(mod);
    mj_runtime_free(rt);
    return 0;
}
