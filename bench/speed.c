/*
 * speed.c - how fast is the code memjit makes?
 *
 *   speed [KERNEL_DIR [RESULTS.md [ROUNDS [GCC_SO]]]]
 *
 * Five kernels (the files in bench/kernels, one entry `double kernel_NAME(int)`
 * each) run as compiled by
 *   gcc -O2     ahead of time: the same files built into this program by
 *               meson (bench/meson.build forces -O2 for them);
 *   gcc -O2 .so the same files built by meson as a shared object
 *               (GCC_SO, default the one next to this program) and loaded
 *               with dlopen: gcc's code placed as a JIT's module is, in a
 *               mapping of its own. Where a function starts decides how its
 *               hot loop meets the CPU's 32- and 64-byte fetch windows, and
 *               that alone moves a call-bound kernel like fib by ~3%; this
 *               column shows how much of a gap is that rather than code;
 *   memjit -O2  compiled from source at start-up through the public API and
 *               called through MJ_FN;
 *   libtcc      when the build found it (HAVE_LIBTCC), compiled the same way.
 * They run interleaved, ROUNDS times (default 21) after one untimed
 * warm-up call each, in a new shuffled order each round, so drift of the
 * machine and what one leaves in the caches hit them alike. Reported: the
 * median time of each, and the median of the per-round ratios to gcc (a
 * ratio measured within one round, not a ratio of medians). Every call's
 * result must equal gcc's: a wrong answer makes the program fail.
 *
 * Goal: memjit within 3% of gcc on every kernel (raw libgccjit -O2 is
 * 0.99-1.00x of gcc -O2, so a larger gap is memjit's own lowering). It is
 * judged against gcc's code loaded as memjit's is, from a shared object:
 * against the copy linked into this program, the same instructions gain
 * or lose a few percent with where the link happens to put them (see
 * bench/placement.c), which says nothing of memjit's lowering. Both
 * ratios are reported.
 *
 * The Markdown table goes to stdout and to RESULTS (default
 * bench/results-speed.md). Exit status 1 on a wrong result or a failed
 * compile; a missed goal is reported, not an error (machines are noisy).
 */
#include <dlfcn.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_util.h"
#include "memjit.h"

#ifdef HAVE_LIBTCC
#include <libtcc.h>
#endif

#define GOAL_RATIO 1.03
#define MAX_ROUNDS 101

typedef double (*KernelFn)(int);

/* The kernels, compiled ahead of time into this program. */
double kernel_mandelbrot(int n);
double kernel_nbody(int n);
double kernel_matmul(int n);
double kernel_sieve(int n);
double kernel_fib(int n);

typedef struct Kernel {
    const char *name;   /* file name without .c */
    const char *what;   /* for the table */
    int arg;            /* the argument of the entry */
    int reps;           /* calls per timing, so that one lasts ~50 ms */
    KernelFn aot;
} Kernel;

static const Kernel kernels[] = {
    {"mandelbrot", "mandelbrot 600x600, 200 iterations", 600, 1, kernel_mandelbrot},
    {"nbody", "n-body, 5 bodies, 10^6 steps", 1000000, 1, kernel_nbody},
    {"matmul", "200x200 double matmul x 10", 10, 2, kernel_matmul},
    {"sieve", "sieve to 10^7", 10000000, 1, kernel_sieve},
    {"fib", "recursive fib(32)", 32, 16, kernel_fib},
};
enum { NKERNELS = sizeof kernels / sizeof kernels[0] };

enum { IMPL_GCC, IMPL_GCC_SO, IMPL_MEMJIT, IMPL_TCC, NIMPLS };
static const char *const impl_names[NIMPLS] = {"gcc -O2", "gcc -O2 .so", "memjit -O2",
                                               "libtcc"};

/* What the compilers made of one kernel, and its measurements. */
typedef struct Result {
    KernelFn fn[NIMPLS];          /* NULL: that compiler is not measured */
    double ms[NIMPLS][MAX_ROUNDS];
    double ratio[NIMPLS][MAX_ROUNDS];
    double compile_ms;            /* memjit's compile of the kernel */
    int wrong;                    /* calls whose result differed from gcc's */
} Result;

static mj_module *modules[NKERNELS];
static const char *tcc_note = "libtcc: not found at build time, column skipped.";
#ifdef HAVE_LIBTCC
static TCCState *tcc_states[NKERNELS];
#endif

static char *kernel_source(const char *dir, const Kernel *k, size_t *len) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.c", dir, k->name);
    char *src = bench_read_file(path, len);
    if (!src)
        fprintf(stderr, "speed: cannot read %s\n", path);
    return src;
}

static KernelFn compile_with_memjit(mj_runtime *rt, int i, const char *src,
                                    size_t len, double *compile_ms) {
    mj_diags *diags = NULL;
    double start = bench_now_ms();
    mj_status st = mj_compile(rt, kernels[i].name, src, len, &modules[i], &diags);
    *compile_ms = bench_now_ms() - start;
    if (st != MJ_OK) {
        fprintf(stderr, "speed: memjit cannot compile %s: %s\n", kernels[i].name,
                mj_status_str(st));
        mj_diags_print(diags, stderr);
    }
    mj_diags_free(diags);
    if (st != MJ_OK)
        return NULL;
    char entry[64];
    snprintf(entry, sizeof entry, "kernel_%s", kernels[i].name);
    KernelFn fn = MJ_FN(modules[i], entry, double, int);
    if (!fn)
        fprintf(stderr, "speed: %s\n", mj_module_errmsg(modules[i]));
    return fn;
}

#ifdef HAVE_LIBTCC
static void tcc_error(void *opaque, const char *msg) {
    fprintf(stderr, "speed: libtcc: %s\n", msg);
}

static KernelFn compile_with_tcc(int i, const char *src) {
    TCCState *s = tcc_new();
    if (!s)
        return NULL;
    tcc_states[i] = s;
    tcc_set_error_func(s, NULL, tcc_error);
    tcc_set_output_type(s, TCC_OUTPUT_MEMORY);
    if (tcc_compile_string(s, src) != 0 || tcc_relocate(s, TCC_RELOCATE_AUTO) < 0)
        return NULL;
    char entry[64];
    snprintf(entry, sizeof entry, "kernel_%s", kernels[i].name);
    return (KernelFn)tcc_get_symbol(s, entry);
}
#endif

/* libtcc is optional: when it failed on any kernel (libtcc-dev is there
 * but not tcc's own headers and libtcc1.a, from the tcc package), its
 * column goes rather than the benchmark. */
static void drop_partial_tcc(Result *res) {
    bool all = true;
    for (int i = 0; i < NKERNELS; i++)
        all = all && res[i].fn[IMPL_TCC] != NULL;
    if (all)
        return;
    for (int i = 0; i < NKERNELS; i++)
        res[i].fn[IMPL_TCC] = NULL;
    tcc_note = "libtcc: found but could not compile every kernel, column skipped.";
}

/* The kernels built by gcc as a shared object (bench/meson.build), kept
 * loaded until the program ends. NULL with a message when it fails. */
static void *open_gcc_shared(const char *path) {
    void *lib = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!lib)
        fprintf(stderr, "speed: %s\n", dlerror());
    return lib;
}

static KernelFn shared_kernel(void *lib, const Kernel *k) {
    char entry[64];
    snprintf(entry, sizeof entry, "kernel_%s", k->name);
    KernelFn fn = (KernelFn)dlsym(lib, entry);
    if (!fn)
        fprintf(stderr, "speed: %s\n", dlerror());
    return fn;
}

/* Compiles every kernel with every compiler there is; false on failure. */
static bool prepare(const char *dir, void *gcc_so, Result *res) {
    mj_options opts;
    mj_options_init(&opts);
    opts.opt_level = 2;
    mj_runtime *rt = mj_runtime_new(&opts, NULL);
    bool ok = rt != NULL;
    for (int i = 0; ok && i < NKERNELS; i++) {
        size_t len;
        char *src = kernel_source(dir, &kernels[i], &len);
        if (!src)
            return false;
        res[i].fn[IMPL_GCC] = kernels[i].aot;
        res[i].fn[IMPL_GCC_SO] = shared_kernel(gcc_so, &kernels[i]);
        res[i].fn[IMPL_MEMJIT] = compile_with_memjit(rt, i, src, len, &res[i].compile_ms);
        ok = res[i].fn[IMPL_MEMJIT] != NULL && res[i].fn[IMPL_GCC_SO] != NULL;
#ifdef HAVE_LIBTCC
        res[i].fn[IMPL_TCC] = compile_with_tcc(i, src);
#endif
        free(src);
    }
    mj_runtime_free(rt);    /* modules outlive their runtime */
    drop_partial_tcc(res);
    return ok;
}

static bool same_result(double a, double b) {
    return a == b || fabs(a - b) <= 1e-9 * fabs(b);
}

/* Times k->reps calls; counts a result that differs from gcc's. */
static double time_call(const Kernel *k, Result *r, int impl, double expected) {
    double got = 0;
    double start = bench_now_ms();
    for (int i = 0; i < k->reps; i++)
        got = r->fn[impl](k->arg);
    double ms = (bench_now_ms() - start) / k->reps;
    if (!same_result(got, expected)) {
        fprintf(stderr, "speed: %s by %s returned %.17g, gcc %.17g\n", k->name,
                impl_names[impl], got, expected);
        r->wrong++;
    }
    return ms;
}

static void measure(const Kernel *k, Result *r, int rounds) {
    double expected = k->aot(k->arg);
    for (int impl = 1; impl < NIMPLS; impl++)
        if (r->fn[impl])
            (void)time_call(k, r, impl, expected);            /* warm-up */
    unsigned long long seed = 1;
    for (int round = 0; round < rounds; round++) {
        int order[NIMPLS];
        bench_shuffle(order, NIMPLS, &seed);
        for (int i = 0; i < NIMPLS; i++) {
            int impl = order[i];
            if (r->fn[impl])
                r->ms[impl][round] = time_call(k, r, impl, expected);
        }
        for (int impl = 0; impl < NIMPLS; impl++)
            if (r->fn[impl])
                r->ratio[impl][round] = r->ms[impl][round] / r->ms[IMPL_GCC][round];
    }
}

/* The median over the rounds of memjit's time / impl's, in one round. */
static double memjit_vs(const Result *r, int impl, int rounds) {
    double ratio[MAX_ROUNDS];
    for (int round = 0; round < rounds; round++)
        ratio[round] = r->ms[IMPL_MEMJIT][round] / r->ms[impl][round];
    return bench_median(ratio, rounds);
}

static void write_table(FILE *out, const Result *res, int rounds) {
    bool have_tcc = res[0].fn[IMPL_TCC] != NULL;
    fprintf(out, "| kernel | memjit -O2 ms | gcc -O2 .so ms | memjit / gcc .so | within 3%% "
            "| gcc -O2 linked in ms | memjit / gcc linked in |%s\n",
            have_tcc ? " libtcc ms | libtcc / gcc linked in |" : "");
    fprintf(out, "|---|---:|---:|---:|:---:|---:|---:|%s\n", have_tcc ? "---:|---:|" : "");
    for (int i = 0; i < NKERNELS; i++) {
        const Result *r = &res[i];
        double so_ratio = memjit_vs(r, IMPL_GCC_SO, rounds);
        fprintf(out, "| %s | %.1f | %.1f | %.3f | %s | %.1f | %.3f |", kernels[i].what,
                bench_median(r->ms[IMPL_MEMJIT], rounds),
                bench_median(r->ms[IMPL_GCC_SO], rounds), so_ratio,
                so_ratio <= GOAL_RATIO ? "yes" : "**no**",
                bench_median(r->ms[IMPL_GCC], rounds), memjit_vs(r, IMPL_GCC, rounds));
        if (have_tcc)
            fprintf(out, " %.1f | %.2f |", bench_median(r->ms[IMPL_TCC], rounds),
                    bench_median(r->ratio[IMPL_TCC], rounds));
        fprintf(out, "\n");
    }
    fprintf(out, "\nMedians of %d rounds, each in a shuffled order; a ratio is the "
            "median of the per-round ratios. gcc -O2 .so: the same kernel files "
            "built by gcc -O2 -fPIC -shared and loaded with dlopen, as memjit's code "
            "is loaded; the goal is judged against it. gcc -O2 linked in: the same "
            "files linked into the benchmark, where the same instructions run a few "
            "percent faster or slower with their placement (bench/placement.c). "
            "memjit compile time per kernel (ms):", rounds);
    for (int i = 0; i < NKERNELS; i++)
        fprintf(out, " %s %.0f%s", kernels[i].name, res[i].compile_ms,
                i + 1 < NKERNELS ? "," : ".\n");
    if (!have_tcc)
        fprintf(out, "%s\n", tcc_note);
    // Why n-body and fib differ from gcc (docs/quality.md has the details).
    fprintf(out, "Note: memjit compiles as gcc -O2 -fno-strict-aliasing -fmath-errno "
            "would. On n-body, gcc -O2 (strict aliasing) SLP-vectorises advance() "
            "into 16-byte loads of velocity fields stored 8 bytes at a time just "
            "before: a store-forwarding stall in the inner loop. "
            "-fno-strict-aliasing keeps gcc from it, as it keeps libgccjit. "
            "fib and mandelbrot: memjit's instructions match gcc's (fib but for two "
            "stack slots); what moves their ratio to the linked-in copy is where the "
            "code lands.\n");
    bench_describe_machine(out);
}

/* The headline figures, for the summary table of bench/run.sh. */
static void summarize(const Result *res, int rounds) {
    for (int i = 0; i < NKERNELS; i++) {
        const Result *r = &res[i];
        double so_ratio = memjit_vs(r, IMPL_GCC_SO, rounds);
        char measure[160];
        snprintf(measure, sizeof measure, "%s: memjit -O2 / gcc -O2 .so (/ gcc linked in)",
                 kernels[i].what);
        bench_summary("code speed", measure, "<= 1.03", bench_met(so_ratio <= GOAL_RATIO),
                      "%.3f (%.3f)", so_ratio, memjit_vs(r, IMPL_GCC, rounds));
    }
    if (res[0].fn[IMPL_TCC]) {
        double lo = 1e300, hi = 0;
        for (int i = 0; i < NKERNELS; i++) {
            double ratio = bench_median(res[i].ratio[IMPL_TCC], rounds);
            lo = ratio < lo ? ratio : lo;
            hi = ratio > hi ? ratio : hi;
        }
        bench_summary("code speed", "libtcc / gcc -O2, the five kernels", "", "",
                      "%.2f-%.2f", lo, hi);
    }
}

int main(int argc, char **argv) {
    const char *dir = argc > 1 ? argv[1] : "bench/kernels";
    const char *results = argc > 2 ? argv[2] : "bench/results-speed.md";
    int rounds = argc > 3 ? atoi(argv[3]) : 21;
    const char *gcc_so_path = argc > 4 ? argv[4] : KERNELS_SO;
    if (rounds < 1 || rounds > MAX_ROUNDS) {
        fprintf(stderr, "speed: ROUNDS must be 1..%d\n", MAX_ROUNDS);
        return 2;
    }
    static Result res[NKERNELS];
    void *gcc_so = open_gcc_shared(gcc_so_path);
    if (!gcc_so || !prepare(dir, gcc_so, res))
        return 1;
    int wrong = 0;
    for (int i = 0; i < NKERNELS; i++) {
        measure(&kernels[i], &res[i], rounds);
        wrong += res[i].wrong;
    }
    printf("## Code speed\n\n");
    write_table(stdout, res, rounds);
    summarize(res, rounds);
    FILE *f = fopen(results, "w");
    if (f) {
        fprintf(f, "## Code speed\n\n");
        write_table(f, res, rounds);
        fclose(f);
    } else {
        fprintf(stderr, "speed: cannot write %s\n", results);
    }
    for (int i = 0; i < NKERNELS; i++) {
        mj_module_release(modules[i]);
#ifdef HAVE_LIBTCC
        if (tcc_states[i])
            tcc_delete(tcc_states[i]);
#endif
    }
    return wrong ? 1 : 0;
}
