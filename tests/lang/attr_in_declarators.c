/* GNU attributes where gcc takes them inside declarators: before the
 * pointer of a parenthesised declarator, and in the abstract declarator
 * of a type name in a cast (once "expected ) before *"). */
#include <stdio.h>
static int one(void) { return 1; }
int main(void) {
    int (__attribute__((unused)) *fp)(void) = one;
    void *v = (void *)one;
    int (*back)(void) = (int (__attribute__((unused)) *)(void))v;
    int __attribute__((unused)) *q, (__attribute__((unused)) **r) = 0;
    (void)q; (void)r;
    printf("%d %d\n", fp(), back());
    return 0;
}
