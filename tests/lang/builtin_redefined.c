/* A program that defines a function of the C library with the library's
 * type (a reserved name) still gets gcc's builtin meaning for its calls:
 * gcc folds llabs(a) to |a| and never calls this llabs, which aborts
 * (torture 20021127-1; memjit called it). A call the builtin does not
 * expand reaches the program's own definition, as in gcc. */
#include <stdio.h>
#include <stdlib.h>

long long a = -1;
long long llabs(long long b) { (void)b; abort(); }

int main(void)
{
    if (llabs(a) != 1)
        abort();
    printf("%lld\n", llabs(a - 41));
    return 0;
}
