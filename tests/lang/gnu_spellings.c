/* GNU spellings of the type keywords, as glibc's and old code use them. */
#include <stdio.h>

__extension__ typedef __signed long long i64;
static __inline__ int twice(__const int x) { return 2 * x; }

int main(void) {
    __signed x = -5;
    __signed__ char sc = -3;
    __volatile__ int v = 7;
    int *__restrict__ p = &x;
    __typeof(x) y = *p;
    i64 big = -1LL;
    printf("%d %d %d %d %lld %zu %d\n", x, sc, v, y, big, sizeof(__signed short), twice(21));
    return 0;
}
