/* Probes complex declarators: pointers to arrays of function pointers, arrays of pointers, pointers to multi-dimensional arrays, typedef'd arrays. */
#include <stdio.h>
static int one(void) { return 1; }
static int two(void) { return 2; }
static int (*fns[3])(void) = {one, two, one};
static int (*(*pfns)[3])(void) = &fns;
static char *strs[2][2] = {{"a", "b"}, {"c", "d"}};
int main(void) {
    printf("%d %d\n", (*pfns)[1](), (*pfns)[2]());
    int (*(*x)[3])(void) = &fns; printf("%d\n", (*x)[0]() + (*x)[1]());
    printf("%zu %zu %zu %zu\n", sizeof(int (*)[4]), sizeof(int *[4]), sizeof(int (*)(int)), sizeof(char (*)[2][3]));
    void *vp = (void *)one; int (*back)(void) = (int (*)(void))vp; printf("%d\n", back());
    char *(*ps)[2] = strs; printf("%s%s\n", ps[1][0], (*ps)[1]);
    int arr[2][3][4]; int (*p3)[3][4] = arr; int (*p2)[4] = arr[1]; p2[2][3] = 77; printf("%d %zu\n", p3[1][2][3], sizeof *p3);
    const int *const cp = &arr[1][2][3]; printf("%d\n", *cp);
    int *ap[3]; int v0 = 5, v1 = 6; ap[0] = &v0; ap[1] = &v1; ap[2] = ap[0]; printf("%d\n", *ap[1] + *ap[2]);
    long (*lp)[2] = (long (*)[2])0; printf("%d\n", lp == 0);
    typedef int Arr4[4]; Arr4 a4 = {1, 2, 3, 4}; Arr4 *pa4 = &a4; printf("%d %zu\n", (*pa4)[3], sizeof(Arr4));
    typedef int (*Fn)(void); Fn tab[] = {two, one}; printf("%d\n", tab[0]() * 10 + tab[1]());
    return 0;
}
