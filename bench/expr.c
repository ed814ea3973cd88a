/*
 * expr.c - what does mj_expr buy over a tree-walking evaluator, and how
 * far is it from gcc?
 *
 *   expr [RESULTS.md [ROUNDS [POINTS]]]
 *
 * Four expressions of the kind users hand to an expression API, each a
 * double(double x, double y) that may read the host variable k (exposed
 * with mj_define_variable), are evaluated over POINTS points (default
 * 10^7: a table of 1024 (x, y) pairs swept again and again) by
 *   memjit   the function mj_expr makes (-O2), called through its pointer;
 *   gcc -O2  the same expression as a C function in bench/expr_gcc.c,
 *            built -O2 into this program and called through a pointer too,
 *            so neither is inlined into the loop;
 *   tree     bench/expr_tree.c: the expression parsed once into an AST and
 *            walked per point, as a host without a JIT would do.
 * The three run interleaved, ROUNDS times (default 11) after an untimed
 * warm-up. Reported: median nanoseconds per evaluation, and the medians of
 * the per-round ratios memjit / gcc and tree / memjit. Also mj_expr's own
 * cost: a cold compile (a fresh runtime each time, after one untimed
 * compile that loads libgccjit) and a cache hit (the same expression and
 * type again), medians, and the break-even point: how many evaluations
 * the cold compile costs at the tree evaluator's speed.
 *
 * Before timing, the three must agree on a set of points (relative 1e-12),
 * and every timed sweep's sum must agree with gcc's: otherwise the program
 * says so and exits with status 1.
 */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench_util.h"
#include "expr_tree.h"
#include "memjit.h"

#define MAX_ROUNDS 101
#define COLD_RUNS 5
#define HIT_RUNS 101
#define NPOINTS 1024  /* the (x, y) table, small enough to stay in L1 */

typedef double (*ExprFn)(double, double);

/* bench/expr_gcc.c */
extern double expr_k;
double expr_gcc_hypot(double x, double y);
double expr_gcc_poly(double x, double y);
double expr_gcc_wave(double x, double y);
double expr_gcc_mixed(double x, double y);

typedef struct Expr {
    const char *what;   /* for the table */
    const char *src;    /* for mj_expr and the tree evaluator alike */
    ExprFn gcc;
} Expr;

static const Expr exprs[] = {
    {"distance", "sqrt(x*x + y*y) * k", expr_gcc_hypot},
    {"polynomial", "3*x*x*x - 2*x*x*y + y*y - 5*x + 1", expr_gcc_poly},
    {"damped wave", "exp(-x*x) * sin(k*y)", expr_gcc_wave},
    {"mixed libm", "log(1 + x*x) / (1 + y*y) - cos(x - y)", expr_gcc_mixed},
};
enum { NEXPRS = sizeof exprs / sizeof exprs[0] };
static const char *const expr_type = "double(double x, double y)";

enum { IMPL_MEMJIT, IMPL_GCC, IMPL_TREE, NIMPLS };
static const char *const impl_names[NIMPLS] = {"memjit", "gcc -O2", "tree"};

typedef struct Result {
    ExprFn jit;
    mj_module *mod;
    TreeNode *tree;
    double cold_ms[COLD_RUNS];
    double hit_us[HIT_RUNS];
    double ns[NIMPLS][MAX_ROUNDS];
    double jit_vs_gcc[MAX_ROUNDS];
    double tree_vs_jit[MAX_ROUNDS];
} Result;

static double xs[NPOINTS], ys[NPOINTS];

/* x and y over [-2, 2], not on a regular grid, so no two sweeps of the
 * table look alike to a branch predictor inside libm. */
static void make_points(void) {
    for (int i = 0; i < NPOINTS; i++) {
        xs[i] = -2 + 4 * fmod(i * 0.6180339887498949, 1.0);
        ys[i] = -2 + 4 * fmod(i * 0.7548776662466927, 1.0);
    }
}

static mj_runtime *new_runtime(void) {
    mj_options opts;
    mj_options_init(&opts);
    opts.opt_level = 2;
    mj_runtime *rt = mj_runtime_new(&opts, NULL);
    if (!rt || mj_define_variable(rt, "k", &expr_k, "double") != MJ_OK) {
        fprintf(stderr, "expr: cannot make a runtime\n");
        exit(1);
    }
    return rt;
}

/* mj_expr, timed; exits on failure (a benchmark of nothing is no use). */
static mj_module *compile(mj_runtime *rt, const Expr *e, ExprFn *fn, double *ms) {
    mj_module *mod = NULL;
    mj_diags *diags = NULL;
    void *p = NULL;
    double start = bench_now_ms();
    mj_status st = mj_expr(rt, e->src, expr_type, &mod, &p, &diags);
    *ms = bench_now_ms() - start;
    if (st != MJ_OK) {
        fprintf(stderr, "expr: mj_expr(\"%s\"): %s\n", e->src, mj_status_str(st));
        mj_diags_print(diags, stderr);
        exit(1);
    }
    mj_diags_free(diags);
    *fn = (ExprFn)p;
    return mod;
}

/* Cold compiles on fresh runtimes, and cache hits on the last one; keeps
 * the last function for the timings. */
static void measure_compile(const Expr *e, Result *r) {
    mj_runtime *rt = NULL;
    for (int i = 0; i < COLD_RUNS; i++) {
        if (r->mod)
            mj_module_release(r->mod);
        mj_runtime_free(rt);
        rt = new_runtime();
        r->mod = compile(rt, e, &r->jit, &r->cold_ms[i]);
    }
    for (int i = 0; i < HIT_RUNS; i++) {
        ExprFn fn;
        double ms;
        mj_module_release(compile(rt, e, &fn, &ms));
        r->hit_us[i] = ms * 1e3;
        if (fn != r->jit) {
            fprintf(stderr, "expr: a cache hit on \"%s\" gave another function\n", e->src);
            exit(1);
        }
    }
    mj_runtime_free(rt);    /* modules outlive their runtime */
}

static bool agree(double a, double b) {
    return a == b || fabs(a - b) <= 1e-12 * fmax(fabs(a), fabs(b));
}

/* The three must give the same values before their speed means anything. */
static bool check_values(const Expr *e, const Result *r) {
    bool ok = true;
    for (int i = 0; i < NPOINTS; i += 37) {
        double vars[TREE_NVARS] = {xs[i], ys[i], expr_k};
        double want = e->gcc(xs[i], ys[i]);
        double jit = r->jit(xs[i], ys[i]);
        double tree = tree_eval(r->tree, vars);
        if (!agree(jit, want) || !agree(tree, want)) {
            fprintf(stderr, "expr: \"%s\" at x=%.17g y=%.17g: memjit %.17g, "
                    "gcc %.17g, tree %.17g\n", e->src, xs[i], ys[i], jit, want, tree);
            ok = false;
        }
    }
    return ok;
}

/* One sweep of npoints evaluations; its time in ns per evaluation. */
static double sweep(ExprFn fn, const TreeNode *tree, long npoints, double *sum) {
    double s = 0;
    long reps = npoints / NPOINTS;
    double vars[TREE_NVARS] = {0, 0, expr_k};
    double start = bench_now_ms();
    for (long r = 0; r < reps; r++) {
        if (fn) {
            for (int i = 0; i < NPOINTS; i++)
                s += fn(xs[i], ys[i]);
        } else {
            for (int i = 0; i < NPOINTS; i++) {
                vars[TREE_X] = xs[i];
                vars[TREE_Y] = ys[i];
                s += tree_eval(tree, vars);
            }
        }
    }
    double ms = bench_now_ms() - start;
    *sum = s;
    return ms * 1e6 / (double)(reps * NPOINTS);
}

/* Interleaved rounds, each in a shuffled order (bench_shuffle); false
 * when a sweep's sum differs from gcc's. */
static bool measure_speed(const Expr *e, Result *r, int rounds, long npoints) {
    ExprFn fns[NIMPLS] = {r->jit, e->gcc, NULL};
    double sum[NIMPLS];
    bool ok = true;
    for (int impl = 0; impl < NIMPLS; impl++)
        (void)sweep(fns[impl], r->tree, npoints / 10, &sum[impl]);   /* warm-up */
    unsigned long long seed = 1;
    for (int round = 0; round < rounds; round++) {
        int order[NIMPLS];
        bench_shuffle(order, NIMPLS, &seed);
        for (int i = 0; i < NIMPLS; i++)
            r->ns[order[i]][round] = sweep(fns[order[i]], r->tree, npoints, &sum[order[i]]);
        for (int impl = 0; impl < NIMPLS; impl++) {
            if (fabs(sum[impl] - sum[IMPL_GCC]) > 1e-9 * fabs(sum[IMPL_GCC])) {
                fprintf(stderr, "expr: \"%s\": %s summed %.17g, gcc %.17g\n", e->src,
                        impl_names[impl], sum[impl], sum[IMPL_GCC]);
                ok = false;
            }
        }
        r->jit_vs_gcc[round] = r->ns[IMPL_MEMJIT][round] / r->ns[IMPL_GCC][round];
        r->tree_vs_jit[round] = r->ns[IMPL_TREE][round] / r->ns[IMPL_MEMJIT][round];
    }
    return ok;
}

static void write_table(FILE *out, const Result *res, int rounds, long npoints) {
    fprintf(out, "| expression | memjit ns | gcc -O2 ns | tree ns | memjit / gcc | "
            "tree / memjit | cold compile ms | cache hit us | break-even evals |\n");
    fprintf(out, "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (int i = 0; i < NEXPRS; i++) {
        const Result *r = &res[i];
        double jit = bench_median(r->ns[IMPL_MEMJIT], rounds);
        double tree = bench_median(r->ns[IMPL_TREE], rounds);
        double cold = bench_median(r->cold_ms, COLD_RUNS);
        fprintf(out, "| %s: `%s` | %.2f | %.2f | %.2f | %.3f | %.1f | %.1f | %.1f | ",
                exprs[i].what, exprs[i].src, jit, bench_median(r->ns[IMPL_GCC], rounds),
                tree, bench_median(r->jit_vs_gcc, rounds),
                bench_median(r->tree_vs_jit, rounds), cold,
                bench_median(r->hit_us, HIT_RUNS));
        if (tree > jit)
            fprintf(out, "%.2g |\n", cold * 1e6 / (tree - jit));
        else
            fprintf(out, "never |\n");
    }
    fprintf(out, "\nEach `%s`, k = %g a host variable (mj_define_variable). "
            "Times per evaluation over %ld points, medians of %d rounds in shuffled order; "
            "a ratio is the median of the per-round ratios. memjit and gcc are called "
            "through function pointers. Cold compile: median of %d mj_expr calls, each "
            "on a fresh runtime (libgccjit already loaded); cache hit: median of %d. "
            "Break-even: evaluations after which the cold compile has paid for itself "
            "against the tree evaluator.\n", expr_type, expr_k,
            npoints / NPOINTS * NPOINTS, rounds, COLD_RUNS, HIT_RUNS);
    // Found by disassembling both (see bench/README.md).
    fprintf(out, "Note: on the polynomial memjit's instructions are gcc's, so any gap "
            "there is code placement and the machine's noise. On the distance memjit "
            "adjusts the stack on the fast path too (gcc only around the sqrt error "
            "call) and reads k through the module's import table. The rest is libm.\n");
    bench_describe_machine(out);
}

/* The headline figures, for the summary table of bench/run.sh. */
static void summarize(const Result *res, int rounds) {
    for (int i = 0; i < NEXPRS; i++) {
        char measure[160];
        snprintf(measure, sizeof measure, "%s: mj_expr / gcc -O2, tree walker / mj_expr, "
                 "cold compile", exprs[i].what);
        bench_summary("expressions", measure, "", "", "%.3f, %.1fx, %.1f ms",
                      bench_median(res[i].jit_vs_gcc, rounds),
                      bench_median(res[i].tree_vs_jit, rounds),
                      bench_median(res[i].cold_ms, COLD_RUNS));
    }
}

int main(int argc, char **argv) {
    const char *results = argc > 1 ? argv[1] : "bench/results-expr.md";
    int rounds = argc > 2 ? atoi(argv[2]) : 11;
    long npoints = argc > 3 ? atol(argv[3]) : 10000000;
    if (rounds < 1 || rounds > MAX_ROUNDS || npoints < NPOINTS) {
        fprintf(stderr, "expr: ROUNDS must be 1..%d and POINTS at least %d\n",
                MAX_ROUNDS, NPOINTS);
        return 2;
    }
    make_points();
    static Result res[NEXPRS];
    {   /* untimed: loads libgccjit, so the cold compiles do not pay for it */
        mj_runtime *rt = new_runtime();
        ExprFn fn;
        double ms;
        mj_module_release(compile(rt, &exprs[0], &fn, &ms));
        mj_runtime_free(rt);
    }
    bool ok = true;
    for (int i = 0; i < NEXPRS; i++) {
        char err[128];
        res[i].tree = tree_parse(exprs[i].src, err, sizeof err);
        if (!res[i].tree) {
            fprintf(stderr, "expr: tree evaluator: \"%s\": %s\n", exprs[i].src, err);
            return 1;
        }
        measure_compile(&exprs[i], &res[i]);
        ok = check_values(&exprs[i], &res[i]) && ok;
    }
    if (!ok) {
        fprintf(stderr, "expr: the evaluators disagree; no timings\n");
        return 1;
    }
    for (int i = 0; i < NEXPRS; i++)
        ok = measure_speed(&exprs[i], &res[i], rounds, npoints) && ok;
    printf("## Expressions\n\n");
    write_table(stdout, res, rounds, npoints);
    summarize(res, rounds);
    FILE *f = fopen(results, "w");
    if (f) {
        fprintf(f, "## Expressions\n\n");
        write_table(f, res, rounds, npoints);
        fclose(f);
    } else {
        fprintf(stderr, "expr: cannot write %s\n", results);
    }
    for (int i = 0; i < NEXPRS; i++) {
        mj_module_release(res[i].mod);
        tree_free(res[i].tree);
    }
    return ok ? 0 : 1;
}
