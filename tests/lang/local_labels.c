/* GNU local labels (__label__): a statement-expression macro that jumps
 * within itself, used several times in one function, a local label
 * taken as a value, and a function label of the same name outside. */
#include <stdio.h>

#define FIND(arr, n, v) ({                          \
    __label__ found, done;                          \
    int i_, r_ = -1;                                \
    for (i_ = 0; i_ < (n); i_++)                    \
        if ((arr)[i_] == (v))                       \
            goto found;                             \
    goto done;                                      \
found:                                              \
    r_ = i_;                                        \
done:                                               \
    r_;                                             \
})

int main(void) {
    int a[] = {4, 8, 15, 16, 23, 42};
    printf("%d %d %d\n", FIND(a, 6, 15), FIND(a, 6, 42), FIND(a, 6, 7));
    {
        __label__ out, unused;
        void *p = &&out;
        goto *p;
        printf("skipped\n");
    out:
        printf("local label as a value\n");
    }
    {
        __label__ out;
        goto out;
        printf("skipped\n");
    out:
        printf("another block's own label\n");
    }
    goto out;
    printf("skipped\n");
out:
    printf("the function's label\n");
    return 0;
}
