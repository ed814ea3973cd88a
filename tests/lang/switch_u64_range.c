/* A GNU case range of unsigned long long across 2^63: libgccjit 12
 * checks a range's bounds as signed numbers and refused this one. */
#include <stdio.h>

static int digits(unsigned long long v) {
    switch (v) {
    case 1000000000000000000ULL ... 9999999999999999999ULL: return 19;
    case 10000000000000000000ULL ... 18446744073709551615ULL: return 20;
    default: return 0;
    }
}

int main(void) {
    printf("%d %d %d %d %d\n", digits(1000000000000000000ULL), digits(9223372036854775807ULL),
           digits(9223372036854775808ULL), digits(9999999999999999999ULL),
           digits(18446744073709551615ULL));
    return 0;
}
