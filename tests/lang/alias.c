/* alias("target"): a declaration that names an object or function this
 * unit defines, so that both names are one object (a write through one
 * shows through the other), also of a static target. */
#include <stdio.h>

int table[4] = {1, 2, 3, 4};
extern int same_table[4] __attribute__((alias("table")));
static int counter;
extern int counter_alias __attribute__((alias("counter")));

static int twice(int x) { return 2 * x; }
int doubled(int x) __attribute__((alias("twice")));

int main(void) {
    same_table[2] = 30;
    counter_alias += 5;
    counter++;
    printf("%d %d %d %d %d\n", table[2], counter, doubled(21), &table[0] == &same_table[0],
           (void *)doubled == (void *)twice);
    return 0;
}
