/* A thread-local variable initialised with an address: the linker applies
 * .rela.tdata to the image each thread copies (it once left it null). */
#include <stdio.h>

int target = 7;
static int other = 9;
_Thread_local int *p = &target;
static _Thread_local int *q[2] = {&other, &target};

int main(void) {
    printf("%d %d %d\n", *p, *q[0], *q[1]);
    *q[1] += 1;
    printf("%d %d\n", target, p == &target);
    return 0;
}
