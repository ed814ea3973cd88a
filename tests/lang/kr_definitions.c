/* K&R definitions (C11 6.9.1p6, accepted without -fpermissive as gcc 14
 * does): parameters the default argument promotions change arrive
 * promoted and are converted on entry; the declarations may come in any
 * order, several to a line, with register; array and function parameters
 * are pointers; calls before and after the definition agree. */
#include <stdio.h>
#include <string.h>

int before(void);
double mix();

int add(a, b)
    int a, b;
{
    return a + b;
}

double mix(c, f, s, p, b)
    float f;
    char c;
    char *p;
    register short s;
    _Bool b;
{
    return c + f + s + p[0] + b;
}

static unsigned char wrap(v) unsigned char v;
{
    v += 1;           /* wraps at 8 bits: v is an unsigned char here */
    return v;
}

long shift(l, r) long l; int r; { return l << r; }

int sum(n, v) int n; int v[]; {
    int s = 0;
    for (int i = 0; i < n; i++)
        s += v[i];
    return s + (int)(sizeof v == sizeof(int *));
}

int apply(f, x) int (*f)(); int x; { return f(x, x); }

float halve(x) float x; { return x / 2; }

int before(void) { return add(2, 3) * 10; }

int main(void) {
    int v[] = {1, 2, 3, 4};
    printf("%d %d\n", add(1, 2), before());
    printf("%.3f %.3f\n", mix(1, 2.5f, 3, "A", 7), mix('a', 1.25, 300, "b", 0));
    printf("%d %d\n", wrap(255), wrap(41));
    printf("%ld %d %d\n", shift(1L, 40), sum(4, v), apply(add, 21));
    printf("%.3f %zu\n", halve(3.0f), strlen("kr"));
    return 0;
}
