/* GNU C's obsolete designators, "member: value" for ".member = value",
 * in struct and union initialisers, compound literals and file scope;
 * and, under -fpermissive, "return;" in a function returning int (gcc 14
 * refuses it by default; the value is unspecified: the caller here does
 * not use it). */
/* memjit-options: -fpermissive -w */
#include <stdio.h>

struct point { int x, y, z; };
union number { double d; int i[2]; };

static struct point gp = {y: 5, x: 1};
static union number gu = {d: -0.25};

static int tally;

static int count(int n) {
    if (n < 0)
        return;
    tally += n;
    return tally;
}

int main(void) {
    struct point lp = {z: 9, x: 2};
    struct point cl = (struct point){y: 7};
    union number lu = {i: {1, 2}};
    count(3);
    count(-1);
    printf("%d %d %d | %d %d %d | %d | %g %d %d | %d\n", gp.x, gp.y, gp.z, lp.x, lp.y, lp.z,
           cl.y, gu.d, lu.i[0], lu.i[1], tally);
    return 0;
}
