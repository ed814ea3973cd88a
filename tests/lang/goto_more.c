#include <stdio.h>
static int find(int m[3][3], int want, int *ri, int *rj) {
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
            if (m[i][j] == want) { *ri = i; *rj = j; goto found; }
    return 0;
found:
    return 1;
}
static int cleanup(int fail_at) {
    int steps = 0;
    if (fail_at == 1) goto out1;
    steps += 1;
    if (fail_at == 2) goto out2;
    steps += 10;
out2:
    steps += 100;
out1:
    steps += 1000;
    return steps;
}
int main(void) {
    int m[3][3] = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
    int i = -1, j = -1;
    printf("%d %d %d\n", find(m, 6, &i, &j), i, j);
    printf("%d\n", find(m, 10, &i, &j));
    int n = 0, sum = 0;
again:
    sum += n;
    if (++n < 10) goto again;
    printf("%d\n", sum);
    printf("%d %d %d\n", cleanup(1), cleanup(2), cleanup(3));
    int x = 0;
    goto skip;
    x = 99;
skip:
    {
        x++;
        goto end_of_block;
        x = 50;
    end_of_block:;
    }
    printf("%d\n", x);
    int k = 0;
loop:
    if (k < 3) { k++; goto loop; }
    printf("%d\n", k);
    return 0;
}
