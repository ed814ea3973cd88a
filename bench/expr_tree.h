/*
 * expr_tree.h - a small tree-walking evaluator, the baseline that
 * bench/expr.c measures mj_expr against: what a host writes when it does
 * not have a JIT. It parses once into an AST and walks that per point.
 */
#ifndef MEMJIT_BENCH_EXPR_TREE_H
#define MEMJIT_BENCH_EXPR_TREE_H

#include <stddef.h>

typedef struct TreeNode TreeNode;

/* The variables an expression may name, as indexes into the vars array. */
enum { TREE_X, TREE_Y, TREE_K, TREE_NVARS };

/* Parses src: + - * / unary minus, parentheses, numbers, x y k, and calls
 * of sqrt sin cos exp log. NULL on error, with a message in err. */
TreeNode *tree_parse(const char *src, char *err, size_t errlen);

/* The value of n with the variables vars[TREE_X..TREE_K]. */
double tree_eval(const TreeNode *n, const double *vars);

void tree_free(TreeNode *n);

#endif
