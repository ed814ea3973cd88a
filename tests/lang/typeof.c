/* typeof (__typeof__ here: gcc -std=c11 knows only that spelling): the
 * type of an expression or a type name, unevaluated, qualifiers kept. */
#include <stdio.h>

#define SWAP(a, b) do { __typeof__(a) swap_tmp_ = (a); (a) = (b); (b) = swap_tmp_; } while (0)
#define MAX(a, b) ((a) > (b) ? (a) : (b))

struct point { int x, y; };

static int calls;
static int counted(void) { return ++calls; }

int main(void) {
    int i = 3, j = 7;
    SWAP(i, j);
    printf("swap ints: %d %d\n", i, j);
    double d = 1.5, e = -2.25;
    SWAP(d, e);
    printf("swap doubles: %g %g\n", d, e);
    struct point p = {1, 2}, q = {3, 4};
    SWAP(p, q);
    printf("swap structs: %d %d %d %d\n", p.x, p.y, q.x, q.y);

    __typeof__(counted()) never = 5;          /* not evaluated */
    printf("calls after typeof: %d, value %d\n", calls, never);

    int arr[10];
    __typeof__(arr) copy;                      /* an array type, not a pointer */
    printf("sizeof copy: %zu\n", sizeof copy);
    __typeof__(arr[0]) *ptr = arr;
    printf("sizeof *ptr: %zu\n", sizeof *ptr);

    const int ci = 4;
    __typeof__(ci) also_const = 9;             /* const int */
    printf("also_const: %d\n", also_const);

    __typeof__(int *) ip = &i;                 /* a type name */
    __typeof__(double (*)(double)) fp = 0;
    printf("*ip: %d, fp null: %d\n", *ip, fp == 0);

    __typeof__(1 + 2.0f) f = 1.25f;           /* float */
    __typeof__('a') c = 300;                   /* int in C */
    __typeof__(1L << 40) big = 1L << 40;
    __typeof__((char)1) ch = (char)300;
    printf("sizes: %zu %zu %zu %zu, values %g %d %ld %d\n", sizeof f, sizeof c,
           sizeof big, sizeof ch, f, c, big, ch);

    unsigned short us = 65535;
    __typeof__(us + 0) promoted = us + 1;      /* int */
    printf("promoted: %d\n", promoted);
    printf("max: %d %g\n", MAX(i, j), MAX(d, e));
    __typeof__(struct point) r = {5, 6};
    printf("r: %d %d\n", r.x, r.y);
    return sizeof(__typeof__(q)) == sizeof(struct point) ? 0 : 1;
}
