/* GNU statement expressions ({ ... }): the value of the last expression
 * statement, the macros of GNU C that use them, control flow inside, and
 * jumps out of them. */
#include <stdio.h>
#define MAX(a, b) ({ __typeof__(a) a_ = (a); __typeof__(b) b_ = (b); a_ > b_ ? a_ : b_; })
struct pt { int x, y; };
static int calls;
static int next(void) { return ++calls; }
static void nothing(void) {}
int main(void) {
    int i = 3;
    int m = MAX(i++, next() * 10);
    printf("%d %d %d\n", m, i, calls);
    double d = ({ double t = 1.5; for (int k = 0; k < 3; k++) t *= 2; t; });
    printf("%g\n", d);
    struct pt p = ({ struct pt q = {4, 5}; q; });
    printf("%d %d %d\n", p.x, p.y, ({ struct pt r = {7, 8}; r; }).y);
    ({ nothing(); });
    int v = ({ int acc = 0; for (int k = 0; k < 10; k++) { if (k == 7) break; acc += k; } acc; }) + ({ 100; });
    printf("%d\n", v);
    int arr[3] = {1, 2, 3};
    int *ap = ({ arr; });
    printf("%d\n", ap[2]);
    for (int k = 0; k < 3; k++)
        printf("%d ", ({ int sq = k * k; if (sq > 2) sq = -sq; sq; }));
    printf("\n");
    int w = 0;
    w += ({ int z = w + 5; w = 1; z; });
    printf("w=%d\n", w);
    int lab = ({ int t = 2; goto skip; skip: t * 21; });
    printf("lab=%d\n", lab);
    while (1) { int z = ({ if (lab) break; 1; }); printf("not here %d\n", z); }
    return ({ goto out; 1; });   /* leaves before the value */
out:
    return 0;
}
