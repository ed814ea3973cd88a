/* Declared, used only in code gcc removes even at -O0 (a constant
 * condition), and defined nowhere: the program links, as gcc's does
 * (GCC's torture suite checks optimisations this way with link_error). */
#include <stdio.h>

extern void link_error(void);
extern int never_defined;
extern int never_defined_array[];

static int twice(int x) { return x * 2; }

int main(void) {
    if (sizeof(int) > 64)
        link_error();
    if (0 && never_defined)
        puts("unreachable");
    int n = sizeof never_defined_array[0] == sizeof(int) ? 1 : never_defined_array[0];
    printf("%d %d\n", twice(21), n);
    return 0;
}
