/* A program gcc builds with a warning must build: libgccjit 12 reports
 * every diagnostic of gcc's, warnings too, as an error that fails the
 * compile. Here gcc -O2 warns "function returns address of local
 * variable [-Wreturn-local-addr]" (from its optimiser, in a function
 * never called); memjit passes the warning on and builds the code (the
 * csmith-found case was "comparison is always 1 due to width of
 * bit-field"). */
#include <stdio.h>

int *pick(int c) {
    int x = 1, y = 2;
    int *p = c ? &x : &y;
    return p;
}

int main(void)
{
    printf("built\n");
    return 0;
}
