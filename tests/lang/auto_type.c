/* GNU __auto_type: a variable of its initialiser's type (after lvalue
 * conversion), as in the MAX macro of GNU C and in for loops. */
#include <stdio.h>
#define MAX(a, b) ({ __auto_type a_ = (a); __auto_type b_ = (b); a_ > b_ ? a_ : b_; })
struct pt { int x, y; };
int main(void) {
    __auto_type i = 40;
    __auto_type d = 2.5;
    __auto_type big = 1L << 40;
    __auto_type c = (char)65;
    int arr[4] = {1, 2, 3, 4};
    __auto_type p = arr;
    const int ci = 7;
    __auto_type nc = ci;
    nc++;
    __auto_type s = (struct pt){3, 4};
    __auto_type f = printf;
    printf("%d %g %ld %d %d %d %d %d\n", i, d, big, c, p[3], nc, s.y, MAX(i, 2));
    printf("%zu %zu %zu %zu\n", sizeof i, sizeof d, sizeof c, sizeof p);
    for (__auto_type k = 3u; k > 0; k--)
        printf("k=%u %zu\n", k, sizeof k);
    f("%d\n", MAX(3, 9));
    return 0;
}
