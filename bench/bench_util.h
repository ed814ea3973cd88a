/*
 * bench_util.h - what speed.c and latency.c share: a clock, medians,
 * reading a file, and a line describing the machine for the results.
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

#endif
