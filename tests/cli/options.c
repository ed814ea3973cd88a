#include <stdio.h>
int main(void) {
#ifdef __STRICT_ANSI__
    printf("strict ");
#endif
#ifdef GONE
    printf("gone is defined ");
#endif
    printf("%d %s %ld %d\n", NUM, STR, (long)__STDC_VERSION__, FROM_HEADER);
    return 0;
}
