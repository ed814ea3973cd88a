/* GNU nested functions: reading and writing the enclosing function's
 * variables and parameters (by reference: a change shows on both sides),
 * arrays and structs of it, recursion, two functions nesting a function
 * of one name, one that uses nothing of its parent (its address works),
 * and a nested function called in a loop and through the parent's
 * parameters. memjit passes the variables' addresses as hidden
 * parameters; gcc uses a static chain: the results are the same. */
#include <stdio.h>

struct acc { int n; long sum; };

static int sum_scaled(int n, int scale) {
    int total = 0;
    int add(int x) {
        total += x * scale;
        return total;
    }
    for (int i = 0; i < n; i++)
        add(i);
    scale = 10;       /* seen by the next call */
    add(1);
    return total;
}

static int fact_twice(int m) {
    int calls = 0;
    int fact(int k) {
        calls++;
        return k <= 1 ? 1 : k * fact(k - 1);
    }
    int r = fact(m) + fact(3);
    return r * 100 + calls;
}

static long record(const int *v, int n) {
    struct acc a = {0, 0};
    int seen[8] = {0};
    void put(int x) {
        a.n++;
        a.sum += x;
        seen[x & 7]++;
    }
    for (int i = 0; i < n; i++)
        put(v[i]);
    return a.sum * 1000 + a.n * 10 + seen[3];
}

static int other_add(int y) {
    int add(int x) { return x + y; }   /* another `add` */
    return add(1) + add(2);
}

static int apply(int (*f)(int), int x) { return f(x); }

static int no_captures(int x) {
    int twice(int v) { return v * 2; }   /* uses nothing of no_captures */
    return apply(twice, x) + twice(1);
}

int main(void) {
    int v[] = {3, 5, 11, 3};
    printf("%d %d %ld %d %d\n", sum_scaled(4, 3), fact_twice(5), record(v, 4), other_add(10),
           no_captures(21));
    return 0;
}
