/* memjit run units/main.c units/lib.c: two translation units, one program. */
#include <stdio.h>

int lib_add(int a, int b);
extern int lib_calls;
static int helper(void) { return 1; }   /* lib.c has its own helper */

int main(int argc, char **argv) {
    int r = lib_add(argc, helper());
    printf("argc=%d", argc);
    for (int i = 1; i < argc; i++)
        printf(" [%s]", argv[i]);
    printf(" lib_add=%d calls=%d\n", r, lib_calls);
    return r;
}
