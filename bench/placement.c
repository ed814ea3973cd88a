/*
 * placement.c - how much does where a function starts move its speed?
 *
 *   placement FIB.c RESULTS.md ROUNDS SO_0 SO_16 SO_32 SO_48
 *
 * A call-bound kernel such as fib runs a few percent faster or slower
 * with the same instructions, depending on how its code meets the CPU's
 * 32- and 64-byte instruction fetch windows. bench/speed.c finds memjit's
 * fib 1.02-1.04x gcc's, with instructions that match gcc's but for two
 * stack slots; this benchmark puts a number on placement alone. SO_N is
 * gcc's -O2 fib from bench/placement_fib.c with fib starting N bytes after
 * a 64-byte boundary (bench/meson.build builds the four). Each round runs
 * memjit's fib (compiled from FIB.c) and the four in a shuffled order;
 * reported are the medians and the per-round ratios memjit / gcc at each
 * offset. If placement were nothing, the four gcc columns would agree.
 * Exit status 1 when something cannot be loaded or a result is wrong.
 */
#include <dlfcn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench_util.h"
#include "memjit.h"

#define MAX_ROUNDS 101
#define ARG 32
#define REPS 16

enum { NOFFSETS = 4, NIMPLS = NOFFSETS + 1, IMPL_MEMJIT = NOFFSETS };
static const int offsets[NOFFSETS] = {0, 16, 32, 48};

typedef double (*KernelFn)(int);

static KernelFn fns[NIMPLS];
static double ms[NIMPLS][MAX_ROUNDS];

static KernelFn load_gcc(const char *path) {
    void *lib = dlopen(path, RTLD_NOW | RTLD_LOCAL);   // kept until exit
    KernelFn fn = lib ? (KernelFn)dlsym(lib, "kernel_fib") : NULL;
    if (!fn)
        fprintf(stderr, "placement: %s\n", dlerror());
    return fn;
}

static mj_module *compile_memjit(const char *path) {
    size_t len;
    char *src = bench_read_file(path, &len);
    if (!src) {
        fprintf(stderr, "placement: cannot read %s\n", path);
        return NULL;
    }
    mj_runtime *rt = mj_runtime_new(NULL, NULL);
    mj_module *mod = NULL;
    mj_diags *diags = NULL;
    if (!rt || mj_compile(rt, "fib.c", src, len, &mod, &diags) != MJ_OK)
        mj_diags_print(diags, stderr);
    mj_diags_free(diags);
    mj_runtime_free(rt);
    free(src);
    if (mod)
        fns[IMPL_MEMJIT] = MJ_FN(mod, "kernel_fib", double, int);
    return mod;
}

static bool measure(int rounds) {
    double expected = fns[0](ARG);
    unsigned long long seed = 1;
    for (int round = 0; round < rounds; round++) {
        int order[NIMPLS];
        bench_shuffle(order, NIMPLS, &seed);
        for (int i = 0; i < NIMPLS; i++) {
            int impl = order[i];
            double got = 0, start = bench_now_ms();
            for (int rep = 0; rep < REPS; rep++)
                got = fns[impl](ARG);
            ms[impl][round] = (bench_now_ms() - start) / REPS;
            if (got != expected) {
                fprintf(stderr, "placement: wrong result %g, expected %g\n", got, expected);
                return false;
            }
        }
    }
    return true;
}

static void write_table(FILE *out, int rounds) {
    fprintf(out, "## Code placement (fib)\n\n| fib's code | median ms | memjit / this |\n"
                 "|---|---:|---:|\n");
    fprintf(out, "| memjit -O2 | %.3f | |\n", bench_median(ms[IMPL_MEMJIT], rounds));
    for (int i = 0; i < NOFFSETS; i++) {
        double ratio[MAX_ROUNDS];
        for (int round = 0; round < rounds; round++)
            ratio[round] = ms[IMPL_MEMJIT][round] / ms[i][round];
        fprintf(out, "| gcc -O2, 64-byte boundary + %d | %.3f | %.3f |\n", offsets[i],
                bench_median(ms[i], rounds), bench_median(ratio, rounds));
    }
    fprintf(out, "\nfib(%d), %d calls per timing, medians of %d rounds in shuffled order; "
            "ratios are medians of per-round ratios. The gcc rows are the same "
            "instructions (bench/placement_fib.c, gcc -O2 -fPIC -shared), started at "
            "another offset from a 64-byte boundary.\n", ARG, REPS, rounds);
    bench_describe_machine(out);
}

/* The headline figures, for the summary table of bench/run.sh. */
static void summarize(int rounds) {
    double ratio[NOFFSETS], lo = 1e300, hi = 0;
    for (int i = 0; i < NOFFSETS; i++) {
        double r[MAX_ROUNDS];
        for (int round = 0; round < rounds; round++)
            r[round] = ms[IMPL_MEMJIT][round] / ms[i][round];
        ratio[i] = bench_median(r, rounds);
        lo = ratio[i] < lo ? ratio[i] : lo;
        hi = ratio[i] > hi ? ratio[i] : hi;
    }
    bench_summary("code speed", "fib: memjit -O2 / gcc -O2 with gcc's fib at a 64-byte "
                  "boundary, as memjit's is", "", "", "%.3f", ratio[0]);
    bench_summary("code speed", "fib: memjit -O2 / gcc -O2 over gcc's fib at +0, +16, +32, "
                  "+48 bytes (placement alone)", "", "", "%.3f-%.3f", lo, hi);
}

int main(int argc, char **argv) {
    if (argc != 4 + NOFFSETS) {
        fprintf(stderr, "usage: placement FIB.c RESULTS.md ROUNDS SO_0 SO_16 SO_32 SO_48\n");
        return 2;
    }
    int rounds = atoi(argv[3]);
    if (rounds < 1 || rounds > MAX_ROUNDS) {
        fprintf(stderr, "placement: ROUNDS must be 1..%d\n", MAX_ROUNDS);
        return 2;
    }
    for (int i = 0; i < NOFFSETS; i++)
        if (!(fns[i] = load_gcc(argv[4 + i])))
            return 1;
    mj_module *mod = compile_memjit(argv[1]);
    if (!mod || !fns[IMPL_MEMJIT] || !measure(rounds)) {
        mj_module_release(mod);
        return 1;
    }
    write_table(stdout, rounds);
    summarize(rounds);
    FILE *f = fopen(argv[2], "w");
    if (f) {
        write_table(f, rounds);
        fclose(f);
    } else {
        fprintf(stderr, "placement: cannot write %s\n", argv[2]);
    }
    mj_module_release(mod);
    return 0;
}
