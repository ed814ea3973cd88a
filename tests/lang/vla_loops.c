/* VLAs declared again and again: in loops (storage must not pile up on
 * the stack: 100000 iterations of 100 kB would be 10 GB), after a goto
 * back over the declaration, and in recursion. */
#include <stdio.h>
#include <string.h>

static int depth(int n) {
    int a[n + 1];
    for (int i = 0; i <= n; i++)
        a[i] = n;
    if (n == 0)
        return a[0];
    int r = depth(n - 1);
    return r + a[n];
}

static unsigned long many(int times, int size) {
    unsigned long total = 0;
    for (int t = 0; t < times; t++) {
        unsigned char buf[size + t % 7];
        buf[0] = (unsigned char)t;
        buf[sizeof buf - 1] = (unsigned char)(t >> 3);
        total += buf[0] + buf[sizeof buf - 1] + sizeof buf;
    }
    return total;
}

static unsigned long growing(int times) {
    unsigned long total = 0;
    for (int t = 1; t <= times; t++) {
        int v[t];
        for (int i = 0; i < t; i++)
            v[i] = i;
        total += (unsigned long)v[t - 1] + sizeof v;
    }
    return total;
}

static int via_goto(int n) {
    int count = 0;
again:;
    int v[n];
    v[n - 1] = count;
    count++;
    if (count < 100000)
        goto again;
    return v[n - 1];
}

static int nested(int rows) {
    int total = 0;
    for (int i = 1; i <= rows; i++) {
        int row[i];
        for (int j = 0; j < i; j++) {
            int cell[j + 1][2];
            cell[j][1] = j;
            row[j] = cell[j][1] + (int)(sizeof cell / sizeof cell[0]);
        }
        for (int j = 0; j < i; j++)
            total += row[j];
        if (i % 3 == 0)
            continue;
        total++;
    }
    return total;
}

int main(void) {
    printf("%d\n", depth(100));
    printf("%lu\n", many(100000, 100000));
    printf("%lu\n", growing(3000));
    printf("%d\n", via_goto(1000));
    printf("%d\n", nested(200));
    int n = 4;
    int x[n], y[n];
    memset(x, 0, sizeof x);
    memset(y, 1, sizeof y);
    printf("%d %d\n", x[3], y[3] == 0x01010101);
    return 0;
}
