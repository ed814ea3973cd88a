/* GNU C's conditional forms: "a ?: b" (a once, and only when nonzero it
 * is the result), one void arm ("c ? abort() : 0", the result void), and
 * __attribute spelt without its trailing underscores. */
#include <stdio.h>
#include <stdlib.h>

static int calls;
static int next(void) { return ++calls; }
static const char *name(const char *s) { return s ?: "(none)"; }
static int g = 5 ?: 7;
static int seen;
static void note(int v) { seen += v; }

__attribute((noinline)) static int twice(int x) { return 2 * x; }
static int __attribute ((unused)) spare;

int main(void) {
    int a = next() ?: 100;
    int b = 0 ?: 42;
    double d = 0.0 ?: 2.5;
    long big = 0L ?: 3;            /* the common type of both arms */
    printf("%d %d %d %.1f %s %s %d %zu\n", a, calls, b, d, name(0), name("x"), g,
           sizeof(0 ?: big));
    for (int i = 0; i < 4; i++)
        i & 1 ? note(i) : 0;       /* void and int arms */
    (seen != 4) ? abort() : (void)0;
    printf("%d %d\n", seen, twice(21));
    return 0;
}
