/* GNU C casts to a union type: the union whose member has the operand's
 * type holds it; a cast of a union to its own type is that union. */
#include <stdio.h>
union num { int i; double d; const char *s; };
static void show(union num n, int kind) {
    if (kind == 0) printf("int %d\n", n.i);
    else if (kind == 1) printf("double %.2f\n", n.d);
    else printf("str %s\n", n.s);
}
int main(void) {
    int x = 42;
    show((union num)x, 0);
    show((union num)2.5, 1);
    show((union num)(const char *)"hi", 2);
    union num same = (union num)(union num)7;
    printf("%d %zu\n", same.i, sizeof((union num)x));
    return 0;
}
