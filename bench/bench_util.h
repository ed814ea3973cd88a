/*
 * bench_util.h - what the benchmarks share: a clock, medians, a shuffle,
 * reading a file, a line describing the machine, and the rows of the one
 * summary table bench/run.sh assembles.
 */
#ifndef MEMJIT_BENCH_UTIL_H
#define MEMJIT_BENCH_UTIL_H

#include <stddef.h>
#include <stdio.h>

/* Monotonic time in milliseconds. */
double bench_now_ms(void);

/* The median of n values (n >= 1); v is left as it was. */
double bench_median(const double *v, int n);

/* The whole file, NUL-terminated, from malloc; NULL when unreadable. */
char *bench_read_file(const char *path, size_t *len);

/* Puts 0..n-1 into order[] in a pseudo-random order drawn from *seed
 * (any value; advanced). Benchmarks shuffle the approaches of every round:
 * with a fixed or rotated order an approach always runs after the same
 * one, and pays for what that one leaves behind (a fork of gcc leaves the
 * caches cold). The same seed gives the same orders, run after run. */
void bench_shuffle(int *order, int n, unsigned long long *seed);

/* Writes one Markdown line: CPU model, cores, kernel, compiler, date. */
void bench_describe_machine(FILE *out);

/* One row of the summary table of bench/run.sh: appends
 *   | area | measure | result | goal | met |
 * to the file named by $MEMJIT_BENCH_SUMMARY, and does nothing when that
 * is not set (a benchmark run on its own). result is printf's fmt with
 * the arguments that follow; goal and met may be "" where there is no
 * goal. */
void bench_summary(const char *area, const char *measure, const char *goal,
                   const char *met, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* "yes" when ok, "**no**" otherwise: the met column. */
const char *bench_met(int ok);

#endif
