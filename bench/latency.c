/*
 * latency.c - how long does a cold compile take, against the alternatives?
 *
 *   latency [RESULTS.md [ROUNDS]]
 *
 * One small function, sum of squares below n, is compiled and called by
 *   memjit            mj_compile on a fresh runtime (a cold compile: nothing
 *                     cached): front end, IR, gcc and the assembler to an
 *                     ELF object, memjit's linker; typed lookup, call,
 *                     release;
 *   libgccjit         the same function built by hand through libgccjit's
 *                     API with the options memjit sets, compiled in memory
 *                     (gcc_jit_context_compile: gcc, as, ld, dlopen),
 *                     called, released;
 *   libgccjit .o      the same, compiled to an object file only
 *                     (gcc_jit_context_compile_to_file, GCC_JIT_OUTPUT_KIND_
 *                     OBJECT_FILE, in a private 0700 folder, then removed):
 *                     gcc and the assembler alone, what memjit cannot skip;
 *   libtcc            when the build found it (HAVE_LIBTCC);
 *   gcc + dlopen      the classic route: write a .c file, run `gcc -shared`,
 *                     dlopen, dlsym, call, dlclose.
 * memjit and libgccjit at -O0 and -O2, gcc at -O2. The approaches run
 * interleaved, ROUNDS times (default 41) after one warm-up each, in an
 * order shuffled afresh each round; reported are medians and medians of
 * per-round ratios.
 * Goal (issue 12): a cold compile through mj_compile at most 0.5x raw
 * libgccjit's in-memory compile of the same function built by hand, at
 * -O2 and at -O0 (memjit skips ld and dlopen). Table on stdout and in
 * RESULTS (default bench/results-latency.md). Exit status 1 when a compile
 * fails or a result is wrong; a missed goal is reported, not an error.
 */
#include <dlfcn.h>
#include <libgccjit.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bench_util.h"
#include "memjit.h"

#ifdef HAVE_LIBTCC
#include <libtcc.h>
#endif

#define MAX_ROUNDS 201
#define GOAL_RATIO 0.5   /* memjit / libgccjit in memory, at most */
#define ARG 1000L

static const char source[] =
    "long sum_squares(long n) {\n"
    "    long s = 0;\n"
    "    for (long i = 0; i < n; i++)\n"
    "        s += i * i;\n"
    "    return s;\n"
    "}\n";

typedef long (*SumFn)(long);

#ifdef HAVE_LIBTCC
static const char *tcc_note = "";
#else
static const char *tcc_note = " libtcc: not found at build time, row skipped.";
#endif

static long expected_result(void) {
    long s = 0;
    for (long i = 0; i < ARG; i++)
        s += i * i;
    return s;
}

/* memjit's own phases (front end + IR building) of each memjit -O2 compile,
 * from mj_module_times: the part of memjit's compile that is memjit's
 * code before gcc runs (its linker's time is in jit_ms, with gcc's). */
static double own_phase_ms[MAX_ROUNDS + 1];
static int own_phase_count;

/* One way to turn the source into code; true when it did and, where the
 * code is called, the call gave the right result. */
typedef bool (*Approach)(int opt_level);

static bool via_memjit(int opt_level) {
    mj_options opts;
    mj_options_init(&opts);
    opts.opt_level = opt_level;
    mj_runtime *rt = mj_runtime_new(&opts, NULL);
    mj_module *mod = NULL;
    bool ok = false;
    if (rt && mj_compile(rt, "sum.c", source, sizeof source - 1, &mod, NULL) == MJ_OK) {
        mj_compile_times t;
        mj_module_times(mod, &t);
        if (opt_level == 2 && own_phase_count <= MAX_ROUNDS)
            own_phase_ms[own_phase_count++] = t.frontend_ms + t.lower_ms;
        SumFn f = MJ_FN(mod, "sum_squares", long, long);
        ok = f && f(ARG) == expected_result();
    }
    mj_module_release(mod);
    mj_runtime_free(rt);
    return ok;
}

/* long sum_squares(long n): entry -> cond <-> body, cond -> done. */
static void build_by_hand(gcc_jit_context *ctx) {
    gcc_jit_type *long_ty = gcc_jit_context_get_type(ctx, GCC_JIT_TYPE_LONG);
    gcc_jit_param *n = gcc_jit_context_new_param(ctx, NULL, long_ty, "n");
    gcc_jit_function *fn = gcc_jit_context_new_function(
        ctx, NULL, GCC_JIT_FUNCTION_EXPORTED, long_ty, "sum_squares", 1, &n, 0);
    gcc_jit_lvalue *s = gcc_jit_function_new_local(fn, NULL, long_ty, "s");
    gcc_jit_lvalue *i = gcc_jit_function_new_local(fn, NULL, long_ty, "i");
    gcc_jit_block *entry = gcc_jit_function_new_block(fn, "entry");
    gcc_jit_block *cond = gcc_jit_function_new_block(fn, "cond");
    gcc_jit_block *body = gcc_jit_function_new_block(fn, "body");
    gcc_jit_block *done = gcc_jit_function_new_block(fn, "done");
    gcc_jit_rvalue *zero = gcc_jit_context_zero(ctx, long_ty);
    gcc_jit_block_add_assignment(entry, NULL, s, zero);
    gcc_jit_block_add_assignment(entry, NULL, i, zero);
    gcc_jit_block_end_with_jump(entry, NULL, cond);
    gcc_jit_rvalue *iv = gcc_jit_lvalue_as_rvalue(i);
    gcc_jit_block_end_with_conditional(
        cond, NULL,
        gcc_jit_context_new_comparison(ctx, NULL, GCC_JIT_COMPARISON_LT, iv,
                                       gcc_jit_param_as_rvalue(n)),
        body, done);
    gcc_jit_block_add_assignment_op(
        body, NULL, s, GCC_JIT_BINARY_OP_PLUS,
        gcc_jit_context_new_binary_op(ctx, NULL, GCC_JIT_BINARY_OP_MULT, long_ty, iv, iv));
    gcc_jit_block_add_assignment_op(body, NULL, i, GCC_JIT_BINARY_OP_PLUS,
                                    gcc_jit_context_one(ctx, long_ty));
    gcc_jit_block_end_with_jump(body, NULL, cond);
    gcc_jit_block_end_with_return(done, NULL, gcc_jit_lvalue_as_rvalue(s));
}

/* The options src/jit.c sets, so that the two differ in what they do,
 * not in what gcc is asked for. (-Wl,-Bsymbolic reaches ld only in the
 * in-memory compile; memjit's object never meets ld.) */
static gcc_jit_context *hand_built_context(int opt_level) {
    gcc_jit_context *ctx = gcc_jit_context_acquire();
    if (!ctx)
        return NULL;
    gcc_jit_context_set_int_option(ctx, GCC_JIT_INT_OPTION_OPTIMIZATION_LEVEL, opt_level);
    gcc_jit_context_set_bool_option(ctx, GCC_JIT_BOOL_OPTION_DEBUGINFO, 0);
    gcc_jit_context_set_bool_print_errors_to_stderr(ctx, 0);
    gcc_jit_context_set_bool_allow_unreachable_blocks(ctx, 1);
    gcc_jit_context_add_driver_option(ctx, "-Wl,-Bsymbolic");
    gcc_jit_context_add_command_line_option(ctx, "-fno-semantic-interposition");
    gcc_jit_context_add_command_line_option(ctx, "-fno-strict-aliasing");
    gcc_jit_context_add_command_line_option(ctx, "-fmath-errno");
    build_by_hand(ctx);
    return ctx;
}

/* Raw libgccjit's in-memory compile: gcc, as, ld into a temporary
 * shared object, dlopen; then the call. */
static bool via_libgccjit(int opt_level) {
    gcc_jit_context *ctx = hand_built_context(opt_level);
    if (!ctx)
        return false;
    gcc_jit_result *res = gcc_jit_context_compile(ctx);
    bool ok = false;
    if (res) {
        SumFn f = (SumFn)gcc_jit_result_get_code(res, "sum_squares");
        ok = f && f(ARG) == expected_result();
        gcc_jit_result_release(res);
    }
    gcc_jit_context_release(ctx);
    return ok;
}

/* libgccjit to an object file only, in a folder of its own as memjit
 * makes one (mkdtemp: mode 0700, under $TMPDIR or /tmp), removed after:
 * gcc and the assembler, no ld, no load, nothing to call. */
static bool via_libgccjit_object(int opt_level) {
    const char *tmp = getenv("TMPDIR");
    char dir[512], path[560];
    snprintf(dir, sizeof dir, "%s/memjit-latency-XXXXXX",
             tmp && *tmp && strlen(tmp) < 400 ? tmp : "/tmp");
    if (!mkdtemp(dir))
        return false;
    snprintf(path, sizeof path, "%s/code.o", dir);
    gcc_jit_context *ctx = hand_built_context(opt_level);
    bool ok = false;
    if (ctx) {
        gcc_jit_context_compile_to_file(ctx, GCC_JIT_OUTPUT_KIND_OBJECT_FILE, path);
        struct stat st;
        ok = !gcc_jit_context_get_first_error(ctx) && stat(path, &st) == 0 && st.st_size > 0;
        gcc_jit_context_release(ctx);
    }
    unlink(path);
    rmdir(dir);
    return ok;
}

#ifdef HAVE_LIBTCC
static void tcc_error(void *opaque, const char *msg) {
    fprintf(stderr, "latency: libtcc: %s\n", msg);
}

static bool via_libtcc(int opt_level) {
    TCCState *s = tcc_new();
    if (!s)
        return false;
    tcc_set_error_func(s, NULL, tcc_error);
    tcc_set_output_type(s, TCC_OUTPUT_MEMORY);
    bool ok = false;
    if (tcc_compile_string(s, source) == 0 && tcc_relocate(s, TCC_RELOCATE_AUTO) >= 0) {
        SumFn f = (SumFn)tcc_get_symbol(s, "sum_squares");
        ok = f && f(ARG) == expected_result();
    }
    tcc_delete(s);
    return ok;
}
#endif

/* Writes the source to a temporary folder, runs gcc -shared, dlopens. */
static bool via_gcc_dlopen(int opt_level) {
    char dir[] = "/tmp/memjit-latency-XXXXXX";
    if (!mkdtemp(dir))
        return false;
    char c_path[64], so_path[64], cmd[256];
    snprintf(c_path, sizeof c_path, "%s/sum.c", dir);
    snprintf(so_path, sizeof so_path, "%s/sum.so", dir);
    bool ok = false;
    FILE *f = fopen(c_path, "w");
    if (f) {
        fputs(source, f);
        fclose(f);
        snprintf(cmd, sizeof cmd, "gcc -O%d -shared -fPIC -o %s %s", opt_level,
                 so_path, c_path);
        void *lib = system(cmd) == 0 ? dlopen(so_path, RTLD_NOW | RTLD_LOCAL) : NULL;
        SumFn fn = lib ? (SumFn)dlsym(lib, "sum_squares") : NULL;
        ok = fn && fn(ARG) == expected_result();
        if (lib)
            dlclose(lib);
    }
    unlink(so_path);
    unlink(c_path);
    rmdir(dir);
    return ok;
}

typedef struct Row {
    const char *name;
    Approach run;
    int opt_level;
    bool optional;   /* dropped, not an error, when its warm-up fails */
    bool dropped;
    double ms[MAX_ROUNDS];
} Row;

/* The first six rows' places are fixed: the ratios below name them. */
enum { MJ_O2, RAW_O2, MJ_O0, RAW_O0, OBJ_O2, OBJ_O0 };
static Row rows[] = {
    [MJ_O2] = {.name = "memjit -O2 (cold compile)", .run = via_memjit, .opt_level = 2},
    [RAW_O2] = {.name = "libgccjit -O2 by hand, in memory (gcc, as, ld, dlopen)",
                .run = via_libgccjit, .opt_level = 2},
    [MJ_O0] = {.name = "memjit -O0 (cold compile)", .run = via_memjit, .opt_level = 0},
    [RAW_O0] = {.name = "libgccjit -O0 by hand, in memory (gcc, as, ld, dlopen)",
                .run = via_libgccjit, .opt_level = 0},
    [OBJ_O2] = {.name = "libgccjit -O2 by hand, to an object file only (gcc, as)",
                .run = via_libgccjit_object, .opt_level = 2},
    [OBJ_O0] = {.name = "libgccjit -O0 by hand, to an object file only (gcc, as)",
                .run = via_libgccjit_object, .opt_level = 0},
#ifdef HAVE_LIBTCC
    {.name = "libtcc", .run = via_libtcc, .opt_level = 0, .optional = true},
#endif
    {.name = "file + gcc -O2 -shared + dlopen", .run = via_gcc_dlopen, .opt_level = 2},
};
enum { NROWS = sizeof rows / sizeof rows[0] };

/* Runs every approach once per round, in a new shuffled order each round
 * (bench_shuffle): the approach that runs after `gcc -shared` (a fork of
 * gcc, the assembler and the linker, which leave the caches cold) pays for
 * it. In a fixed or rotated order memjit -O2 came after it in most rounds
 * and read 3-5% slower; shuffled, every approach pays equally often.
 * False when an approach failed or gave a wrong result. libtcc is
 * optional: libtcc-dev without the tcc package (its libtcc1.a) builds but
 * cannot compile, and its row is dropped with a note, as bench/speed.c
 * drops its column. */
static bool measure(int rounds) {
    for (int r = 0; r < NROWS; r++)
        if (!rows[r].run(rows[r].opt_level)) {
            if (rows[r].optional) {
                rows[r].dropped = true;
                tcc_note = " libtcc: found at build time but it could not compile (is the "
                           "tcc package, with libtcc1.a, installed?), row skipped.";
                continue;
            }
            fprintf(stderr, "latency: %s failed or gave a wrong result\n", rows[r].name);
            return false;
        }
    unsigned long long seed = 1;
    for (int round = 0; round < rounds; round++) {
        int order[NROWS];
        bench_shuffle(order, NROWS, &seed);
        for (int i = 0; i < NROWS; i++) {
            int r = order[i];
            if (rows[r].dropped)
                continue;
            double start = bench_now_ms();
            bool ok = rows[r].run(rows[r].opt_level);
            rows[r].ms[round] = bench_now_ms() - start;
            if (!ok) {
                fprintf(stderr, "latency: %s failed in round %d\n", rows[r].name, round);
                return false;
            }
        }
    }
    return true;
}

/* Row a against row b: the median over the rounds of a / b within one
 * round. Paired, so a slow stretch of the machine moves both sides of a
 * round alike; a ratio of the two medians swung by several percent from
 * run to run. */
static double ratio(int a, int b, int rounds) {
    double v[MAX_ROUNDS];
    for (int round = 0; round < rounds; round++)
        v[round] = rows[a].ms[round] / rows[b].ms[round];
    return bench_median(v, rounds);
}

static void write_table(FILE *out, int rounds) {
    fprintf(out, "| approach | median ms | / memjit -O2 |\n|---|---:|---:|\n");
    for (int r = 0; r < NROWS; r++)
        if (!rows[r].dropped)
            fprintf(out, "| %s | %.2f | %.2f |\n", rows[r].name, bench_median(rows[r].ms, rounds),
                ratio(r, MJ_O2, rounds));
    fprintf(out, "\n| ratio (median of per-round ratios) | -O2 | -O0 |\n|---|---:|---:|\n");
    double goal2 = ratio(MJ_O2, RAW_O2, rounds), goal0 = ratio(MJ_O0, RAW_O0, rounds);
    fprintf(out, "| memjit / libgccjit by hand in memory (goal <= %.1f) | **%.2f** (%s) "
            "| **%.2f** (%s) |\n", GOAL_RATIO, goal2, goal2 <= GOAL_RATIO ? "met" : "NOT met",
            goal0, goal0 <= GOAL_RATIO ? "met" : "NOT met");
    fprintf(out, "| memjit / libgccjit by hand to an object only | %.2f | %.2f |\n",
            ratio(MJ_O2, OBJ_O2, rounds), ratio(MJ_O0, OBJ_O0, rounds));
    fprintf(out, "| libgccjit to an object only / in memory | %.2f | %.2f |\n",
            ratio(OBJ_O2, RAW_O2, rounds), ratio(OBJ_O0, RAW_O0, rounds));
    double own = bench_median(own_phase_ms, own_phase_count);
    fprintf(out, "\nmemjit's own phases before gcc (front end + IR building, from "
            "mj_module_times, -O2): %.3f ms, %.1f%% of its compile. gcc and the "
            "assembler (the object-only rows) are what memjit cannot skip; the rest of "
            "memjit's time over them is its front end, the private folder and reading the "
            "object back, and its linker. The in-memory rows pay ld and dlopen on top.",
            own, 100.0 * own / bench_median(rows[MJ_O2].ms, rounds));
    fprintf(out, "\n\nFunction: `long sum_squares(long n)`, a loop; every approach "
            "compiles it, and all but the object-only rows look it up, call it and free "
            "it. libgccjit by hand gets the options memjit sets. Medians of %d rounds, "
            "each in a shuffled order; ratios are medians of per-round ratios.%s\n", rounds,
            tcc_note);
    bench_describe_machine(out);
}

/* The headline figures, for the summary table of bench/run.sh. */
static void summarize(int rounds) {
    static const int pairs[2][2] = {{MJ_O2, RAW_O2}, {MJ_O0, RAW_O0}};
    for (int k = 0; k < 2; k++) {
        double v = ratio(pairs[k][0], pairs[k][1], rounds);
        char measure[160];
        snprintf(measure, sizeof measure,
                 "cold compile, -O%d: memjit / libgccjit by hand in memory (small function)",
                 rows[pairs[k][0]].opt_level);
        bench_summary("compile latency", measure, "<= 0.5", bench_met(v <= GOAL_RATIO), "%.2f",
                      v);
    }
    bench_summary("compile latency", "cold compile, -O2: memjit / libgccjit by hand to an "
                  "object only (gcc + as)", "", "", "%.2f", ratio(MJ_O2, OBJ_O2, rounds));
    bench_summary("compile latency", "cold compile, memjit -O2 (small function)", "", "",
                  "%.2f ms (own phases %.3f ms)", bench_median(rows[MJ_O2].ms, rounds),
                  bench_median(own_phase_ms, own_phase_count));
    for (int r = OBJ_O0 + 1; r < NROWS; r++) {
        if (rows[r].dropped)
            continue;
        char measure[128];
        snprintf(measure, sizeof measure, "%s / memjit -O2", rows[r].name);
        bench_summary("compile latency", measure, "", "", "%.2f", ratio(r, MJ_O2, rounds));
    }
}

int main(int argc, char **argv) {
    const char *results = argc > 1 ? argv[1] : "bench/results-latency.md";
    int rounds = argc > 2 ? atoi(argv[2]) : 41;
    if (rounds < 1 || rounds > MAX_ROUNDS) {
        fprintf(stderr, "latency: ROUNDS must be 1..%d\n", MAX_ROUNDS);
        return 2;
    }
    if (!measure(rounds))
        return 1;
    printf("## Compile latency\n\n");
    write_table(stdout, rounds);
    summarize(rounds);
    FILE *f = fopen(results, "w");
    if (!f) {
        fprintf(stderr, "latency: cannot write %s\n", results);
        return 0;
    }
    fprintf(f, "## Compile latency\n\n");
    write_table(f, rounds);
    fclose(f);
    return 0;
}
