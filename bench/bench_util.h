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

/* Writes one Markdown line: CPU model, cores, kernel, compiler, date. */
void bench_describe_machine(FILE *out);

#endif
