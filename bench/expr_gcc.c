/*
 * expr_gcc.c - the expressions of bench/expr.c written as C functions,
 * built into the benchmark by meson with -O2 (like bench/kernels for
 * speed.c): what gcc makes of them ahead of time. Each must be the same
 * expression, operation for operation, as its string in expr.c.
 */
#include <math.h>

/* The host variable k: mj_define_variable exposes this same object to the
 * code mj_expr makes, and the tree evaluator reads it too. */
extern double expr_k;
double expr_k = 1.5;

double expr_gcc_hypot(double x, double y);
double expr_gcc_poly(double x, double y);
double expr_gcc_wave(double x, double y);
double expr_gcc_mixed(double x, double y);

double expr_gcc_hypot(double x, double y) {
    return sqrt(x * x + y * y) * expr_k;
}

double expr_gcc_poly(double x, double y) {
    return 3 * x * x * x - 2 * x * x * y + y * y - 5 * x + 1;
}

double expr_gcc_wave(double x, double y) {
    return exp(-x * x) * sin(expr_k * y);
}

double expr_gcc_mixed(double x, double y) {
    return log(1 + x * x) / (1 + y * y) - cos(x - y);
}
