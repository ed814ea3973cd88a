/* Weak variable definitions in one translation unit: they serve as the
 * variables themselves (memjit defines each as a body with a weak alias):
 * initialised ones (scalars, arrays, strings, records, pointers to libc and
 * to other globals), zero ones, aligned ones, const ones (gcc must read them
 * through the symbol, not fold them), one declared weak and then defined,
 * addresses compared, written and read back. */
#include <stdio.h>
#include <string.h>

__attribute__((weak)) int counter = 41;
__attribute__((weak)) int zero_one;
__attribute__((weak)) const int limit = 7;
__attribute__((weak)) char label[16] = "weak label";
__attribute__((weak)) double table[4] = {1.5, 2.5};
__attribute__((weak)) int (*say)(const char *) = puts;
__attribute__((weak)) size_t (*measure)(const char *) = strlen;
__attribute__((weak)) int *points_at = &counter;
__attribute__((weak, aligned(64))) struct { char c; long l; } rec = {'r', 1234567890123L};
extern int declared_weak __attribute__((weak));
int declared_weak = 5;
__attribute__((weak)) struct { int a[3]; } zero_rec;

static int sum_table(void) {
    double s = 0;
    for (int i = 0; i < 4; i++)
        s += table[i];
    return (int)s;
}

int main(void) {
    printf("%d %d %d %s %d\n", counter, zero_one, limit, label, sum_table());
    printf("%d %zu %d %d\n", say == puts, measure("four"), points_at == &counter, *points_at);
    printf("%c %ld %d\n", rec.c, rec.l, (int)((unsigned long)&rec % 64));
    counter++;
    zero_one = 3;
    strcpy(label, "changed");
    table[3] = 10;
    zero_rec.a[2] = 9;
    printf("%d %d %s %d %d %d\n", *points_at, zero_one, label, sum_table(), declared_weak,
           zero_rec.a[2]);
    say("through a weak pointer");
    return limit - 7;
}
