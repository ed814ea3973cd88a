/* tests/gdb/prog.c - the program run_gdb.sh debugs: run_gdb.sh names
 * its lines (square's "return result;" is line 9), keep them in place. */
#include <stdio.h>

int calls;

static int square(int x) {
    int result = x * x;
    return result;
}

int sum_squares(int n) {
    int total = 0;
    for (int i = 1; i <= n; i++) {
        calls++;
        total += square(i);
    }
    return total;
}

int main(void) {
    int value = sum_squares(4);
    printf("value %d\n", value);
    return value == 30 ? 0 : 1;
}
