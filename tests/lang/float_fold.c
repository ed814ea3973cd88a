/* Floating constants converted to integers out of range saturate at
 * compile time, as gcc's folding does (regression: the front end itself
 * ran the undefined conversion; found by fuzz_front). */
#include <stdio.h>
unsigned long l = 2e99;
long m = -1e99;
int n = 1e30;
int k = -1e30;
unsigned u = 5e9;
unsigned char uc = 300.0;
long long big = 9.3e18;
unsigned long ul = 1.8e19;
int main(void) { printf("%lu %ld %d %d %u %d %lld %lu\n", l, m, n, k, u, uc, big, ul); return 0; }
