/* A program that never calls setlocale runs in the "C" locale, also when
 * memjit had to compile it (regression: gcc's start-up inside libgccjit
 * switched the host to the environment's locale, so multibyte functions
 * answered differently on a compile than on a store hit). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>

int main(void) {
    printf("mbstowcs: %ld\n", (long)mbstowcs(NULL, "\xc3\xa9", 0));
    printf("mblen: %d\n", mblen("\xc3\xa9", 2));
    printf("isalpha(0xe9): %d\n", isalpha(0xe9) != 0);
    return 0;
}
