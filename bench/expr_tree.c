/*
 * expr_tree.c - the tree-walking evaluator of bench/expr.c (see
 * expr_tree.h): a recursive-descent parser to an AST, and a recursive
 * walk with a switch per node. Kept plain on purpose: it stands for a
 * typical hand-written evaluator, not a tuned one.
 */
#include "expr_tree.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { T_NUM, T_VAR, T_NEG, T_ADD, T_SUB, T_MUL, T_DIV, T_CALL } TreeKind;

typedef double (*MathFn)(double);

struct TreeNode {
    TreeKind kind;
    double num;          /* T_NUM */
    int var;             /* T_VAR: TREE_X, TREE_Y or TREE_K */
    MathFn fn;           /* T_CALL */
    TreeNode *lhs, *rhs; /* operands; T_NEG and T_CALL use lhs */
};

typedef struct Parser {
    const char *p;
    char *err;
    size_t errlen;
    int failed;
} Parser;

static const struct { const char *name; MathFn fn; } functions[] = {
    {"sqrt", sqrt}, {"sin", sin}, {"cos", cos}, {"exp", exp}, {"log", log},
};

static TreeNode *new_node(TreeKind kind, TreeNode *lhs, TreeNode *rhs) {
    TreeNode *n = calloc(1, sizeof *n);
    if (!n)
        abort();
    n->kind = kind;
    n->lhs = lhs;
    n->rhs = rhs;
    return n;
}

/* Records the first error only. */
static void note_error(Parser *ps, const char *msg) {
    if (!ps->failed)
        snprintf(ps->err, ps->errlen, "%s at '%.10s'", msg, ps->p);
    ps->failed = 1;
}

/* An error, and a placeholder node so parsing goes on; tree_parse frees
 * the whole tree when anything failed. */
static TreeNode *fail(Parser *ps, const char *msg) {
    note_error(ps, msg);
    return new_node(T_NUM, NULL, NULL);
}

static void skip_space(Parser *ps) {
    while (isspace((unsigned char)*ps->p))
        ps->p++;
}

/* Consumes c (after spaces) when it is next. */
static int accept(Parser *ps, char c) {
    skip_space(ps);
    if (*ps->p != c)
        return 0;
    ps->p++;
    return 1;
}

static TreeNode *expr(Parser *ps);

/* call = name "(" expr ")" */
static TreeNode *call(Parser *ps, const char *name, size_t len) {
    for (size_t i = 0; i < sizeof functions / sizeof functions[0]; i++) {
        if (strlen(functions[i].name) != len || strncmp(functions[i].name, name, len))
            continue;
        if (!accept(ps, '('))
            return fail(ps, "expected '('");
        TreeNode *n = new_node(T_CALL, expr(ps), NULL);
        n->fn = functions[i].fn;
        return accept(ps, ')') ? n : (tree_free(n), fail(ps, "expected ')'"));
    }
    return fail(ps, "unknown function");
}

/* primary = number | "x" | "y" | "k" | call | "(" expr ")" */
static TreeNode *primary(Parser *ps) {
    skip_space(ps);
    if (accept(ps, '(')) {
        TreeNode *n = expr(ps);
        return accept(ps, ')') ? n : (tree_free(n), fail(ps, "expected ')'"));
    }
    if (isdigit((unsigned char)*ps->p) || *ps->p == '.') {
        TreeNode *n = new_node(T_NUM, NULL, NULL);
        char *end;
        n->num = strtod(ps->p, &end);
        ps->p = end;
        return n;
    }
    const char *start = ps->p;
    while (isalnum((unsigned char)*ps->p) || *ps->p == '_')
        ps->p++;
    size_t len = (size_t)(ps->p - start);
    if (len == 0)
        return fail(ps, "expected expression");
    if (len == 1 && strchr("xyk", *start)) {
        TreeNode *n = new_node(T_VAR, NULL, NULL);
        n->var = *start == 'x' ? TREE_X : *start == 'y' ? TREE_Y : TREE_K;
        return n;
    }
    return call(ps, start, len);
}

/* unary = "-" unary | primary */
static TreeNode *unary(Parser *ps) {
    if (accept(ps, '-'))
        return new_node(T_NEG, unary(ps), NULL);
    return primary(ps);
}

/* term = unary (("*" | "/") unary)* */
static TreeNode *term(Parser *ps) {
    TreeNode *n = unary(ps);
    for (;;) {
        if (accept(ps, '*'))
            n = new_node(T_MUL, n, unary(ps));
        else if (accept(ps, '/'))
            n = new_node(T_DIV, n, unary(ps));
        else
            return n;
    }
}

/* expr = term (("+" | "-") term)* */
static TreeNode *expr(Parser *ps) {
    TreeNode *n = term(ps);
    for (;;) {
        if (accept(ps, '+'))
            n = new_node(T_ADD, n, term(ps));
        else if (accept(ps, '-'))
            n = new_node(T_SUB, n, term(ps));
        else
            return n;
    }
}

TreeNode *tree_parse(const char *src, char *err, size_t errlen) {
    Parser ps = {src, err, errlen, 0};
    TreeNode *n = expr(&ps);
    skip_space(&ps);
    if (*ps.p)
        note_error(&ps, "unexpected text");
    if (ps.failed) {
        tree_free(n);
        return NULL;
    }
    return n;
}

double tree_eval(const TreeNode *n, const double *vars) {
    switch (n->kind) {
    case T_NUM: return n->num;
    case T_VAR: return vars[n->var];
    case T_NEG: return -tree_eval(n->lhs, vars);
    case T_ADD: return tree_eval(n->lhs, vars) + tree_eval(n->rhs, vars);
    case T_SUB: return tree_eval(n->lhs, vars) - tree_eval(n->rhs, vars);
    case T_MUL: return tree_eval(n->lhs, vars) * tree_eval(n->rhs, vars);
    case T_DIV: return tree_eval(n->lhs, vars) / tree_eval(n->rhs, vars);
    case T_CALL: return n->fn(tree_eval(n->lhs, vars));
    }
    return 0;
}

void tree_free(TreeNode *n) {
    if (!n)
        return;
    tree_free(n->lhs);
    tree_free(n->rhs);
    free(n);
}
