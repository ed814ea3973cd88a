/*
 * compile_share.c - how much of a compile is memjit's own work?
 *
 *   compile_share [SOURCE.c [RESULTS.md [RUNS [OPT]]]]
 *
 * Compiles SOURCE (default tests/lang/showcase.c) RUNS times (default 21),
 * each time on a fresh runtime so nothing is reused between runs, reads
 * mj_module_times for each run and prints the median of the three phases:
 *
 *   front end   lexing, preprocessing, parsing, type checking (memjit)
 *   IR          building libgccjit's IR from the AST (memjit)
 *   libgccjit   gcc's compile and the assembler to an object, read back,
 *               then memjit's linker (jit_ms: everything after the IR)
 *
 * and the share of memjit's part (front end + IR) in the total. The target
 * is under 5%: memjit should cost little next to gcc itself. The table
 * is also written as Markdown to RESULTS (default bench/results-share.md).
 *
 * Medians, not means: the first run pays for loading libgccjit's pieces
 * and the odd run is disturbed by the machine; the median ignores both.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench_util.h"
#include "memjit.h"

#define TARGET_SHARE 5.0

typedef struct Sample {
    double frontend, lower, jit, total, wall;
} Sample;

/* One compile on a fresh runtime; returns 0 on success. */
static int measure_once(const char *name, const char *src, size_t len,
                        int opt_level, Sample *out)
{
    mj_options opts;
    mj_options_init(&opts);
    opts.opt_level = opt_level;
    mj_runtime *rt = mj_runtime_new(&opts, NULL);
    if (!rt)
        return -1;
    mj_module *mod = NULL;
    mj_diags *diags = NULL;
    double start = bench_now_ms();
    mj_status st = mj_compile(rt, name, src, len, &mod, &diags);
    out->wall = bench_now_ms() - start;
    if (st != MJ_OK) {
        fprintf(stderr, "compile failed: %s\n", mj_status_str(st));
        mj_diags_print(diags, stderr);
        mj_diags_free(diags);
        mj_runtime_free(rt);
        return -1;
    }
    mj_compile_times t;
    mj_module_times(mod, &t);
    out->frontend = t.frontend_ms;
    out->lower = t.lower_ms;
    out->jit = t.jit_ms;
    out->total = t.frontend_ms + t.lower_ms + t.jit_ms;
    mj_module_release(mod);
    mj_diags_free(diags);
    mj_runtime_free(rt);
    return 0;
}

/* The medians of each column of samples. */
static Sample median_sample(const Sample *s, int n)
{
    double *col = malloc((size_t)n * sizeof *col);
    Sample m;
    for (int i = 0; i < n; i++) col[i] = s[i].frontend;
    m.frontend = bench_median(col, n);
    for (int i = 0; i < n; i++) col[i] = s[i].lower;
    m.lower = bench_median(col, n);
    for (int i = 0; i < n; i++) col[i] = s[i].jit;
    m.jit = bench_median(col, n);
    for (int i = 0; i < n; i++) col[i] = s[i].total;
    m.total = bench_median(col, n);
    for (int i = 0; i < n; i++) col[i] = s[i].wall;
    m.wall = bench_median(col, n);
    free(col);
    return m;
}

static void write_table(FILE *out, const char *source, int lines, int runs,
                        int opt_level, Sample m, double share)
{
    fprintf(out, "| phase | median ms | share |\n");
    fprintf(out, "|---|---:|---:|\n");
    fprintf(out, "| front end (lex, pp, parse, types) | %.3f | %.2f%% |\n",
            m.frontend, 100 * m.frontend / m.total);
    fprintf(out, "| IR building (lower) | %.3f | %.2f%% |\n", m.lower,
            100 * m.lower / m.total);
    fprintf(out, "| libgccjit compile | %.3f | %.2f%% |\n", m.jit,
            100 * m.jit / m.total);
    fprintf(out, "| total (sum of phases) | %.3f | 100%% |\n", m.total);
    fprintf(out, "| wall time of mj_compile | %.3f | |\n", m.wall);
    fprintf(out, "\nSource: `%s` (%d lines), %d runs, -O%d, medians.\n",
            source, lines, runs, opt_level);
    fprintf(out, "memjit's share (front end + IR): **%.2f%%**; target < %.0f%%: %s.\n",
            share, TARGET_SHARE, share < TARGET_SHARE ? "met" : "NOT met");
}

static int write_markdown(const char *path, const char *source, int lines,
                          int runs, int opt_level, Sample m, double share)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "cannot write %s\n", path);
        return -1;
    }
    fprintf(f, "## memjit's phases in one compile\n\n");
    write_table(f, source, lines, runs, opt_level, m, share);
    bench_describe_machine(f);
    fclose(f);
    return 0;
}

static int count_lines(const char *s, size_t len)
{
    int n = 0;
    for (size_t i = 0; i < len; i++)
        n += s[i] == '\n';
    return n;
}

int main(int argc, char **argv)
{
    const char *source = argc > 1 ? argv[1] : "tests/lang/showcase.c";
    const char *results = argc > 2 ? argv[2] : "bench/results-share.md";
    int runs = argc > 3 ? atoi(argv[3]) : 21;
    int opt_level = argc > 4 ? atoi(argv[4]) : 2;
    if (runs < 1 || opt_level < 0 || opt_level > 3) {
        fprintf(stderr, "usage: %s [SOURCE.c [RESULTS.md [RUNS [OPT]]]]\n",
                argv[0]);
        return 2;
    }

    size_t len = 0;
    char *src = bench_read_file(source, &len);
    if (!src) {
        fprintf(stderr, "cannot read %s\n", source);
        return 2;
    }
    const char *name = strrchr(source, '/') ? strrchr(source, '/') + 1 : source;

    Sample *samples = calloc((size_t)runs, sizeof *samples);
    for (int i = 0; i < runs; i++) {
        if (measure_once(name, src, len, opt_level, &samples[i]) != 0) {
            free(samples);
            free(src);
            return 1;
        }
    }
    Sample m = median_sample(samples, runs);
    double share = m.total > 0 ? 100 * (m.frontend + m.lower) / m.total : 0;
    int lines = count_lines(src, len);

    write_table(stdout, name, lines, runs, opt_level, m, share);
    char measure[256];
    snprintf(measure, sizeof measure, "memjit's phases (front end + IR) in a -O%d compile "
             "of %s (%d lines)", opt_level, name, lines);
    bench_summary("compile latency", measure, "< 5%", bench_met(share < TARGET_SHARE),
                  "%.2f%%", share);
    int rc = write_markdown(results, name, lines, runs, opt_level, m, share);
    printf("\nTable written to %s\n", results);

    free(samples);
    free(src);
    return rc != 0;
}
