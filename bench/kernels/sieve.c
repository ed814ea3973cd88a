/* sieve: the sieve of Eratosthenes up to n (10^7 in the benchmark), one
 * byte a number, in memory from calloc; returns the number of primes.
 * Byte stores with a stride, a branchy counting loop, libc calls. */
#include <stdlib.h>

double kernel_sieve(int n);

double kernel_sieve(int n) {
    unsigned char *composite = calloc((size_t)n + 1, 1);
    if (!composite)
        return -1;
    long count = 0;
    for (long i = 2; i <= n; i++) {
        if (composite[i])
            continue;
        count++;
        for (long j = i * i; j <= n; j += i)
            composite[j] = 1;
    }
    free(composite);
    return (double)count;
}
