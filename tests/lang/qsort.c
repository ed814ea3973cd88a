/* Tier two: qsort and bsearch from libc with comparison callbacks. */
#include <stdlib.h>
#include <string.h>
#include "test.h"

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int main(void)
{
    int v[10] = {5, 3, 9, -1, 7, 0, 2, 8, 6, 4};
    qsort(v, 10, sizeof v[0], cmp_int);
    for (int i = 0; i < 10; i++)
        printf("%d ", v[i]);
    printf("\n");
    ASSERT(-1, v[0]);
    ASSERT(9, v[9]);
    int key = 7;
    int *hit = bsearch(&key, v, 10, sizeof v[0], cmp_int);
    ASSERT(1, hit != NULL);
    ASSERT(7, hit - v);
    const char *s[] = {"pear", "apple", "fig"};
    qsort(s, 3, sizeof s[0], cmp_str);
    ASSERT_S("apple", s[0]);
    ASSERT_S("pear", s[2]);
    return test_done();
}
