/* Probes deep recursion (Ackermann) and 64-bit integer number theory: gcd, modular power, Collatz, base conversion. */
#include <stdio.h>
static int depth;
static int ack(int m, int n) { depth++; if (m == 0) return n + 1; if (n == 0) return ack(m - 1, 1); return ack(m - 1, ack(m, n - 1)); }
static long long gcd(long long a, long long b) { while (b) { long long t = a % b; a = b; b = t; } return a; }
static unsigned long long powmod(unsigned long long b, unsigned long long e, unsigned long long m) { unsigned long long r = 1; b %= m; while (e) { if (e & 1) r = r * b % m; b = b * b % m; e >>= 1; } return r; }
static int collatz(long n) { int s = 0; while (n != 1) { n = n & 1 ? 3 * n + 1 : n / 2; s++; } return s; }
static void itoa_base(unsigned v, int base, char *out) { char tmp[40]; int i = 0; do { tmp[i++] = "0123456789abcdef"[v % base]; v /= base; } while (v); while (i) *out++ = tmp[--i]; *out = 0; }
int main(void) {
    printf("%d %d\n", ack(2, 3), depth);
    printf("%lld\n", gcd(1071, 462));
    printf("%llu\n", powmod(2, 1000000, 1000000007));
    int best = 0, arg = 0; for (int i = 1; i < 10000; i++) { int c = collatz(i); if (c > best) best = c, arg = i; } printf("%d %d\n", arg, best);
    char buf[40]; itoa_base(255, 2, buf); printf("%s ", buf); itoa_base(0xdeadbeef, 16, buf); printf("%s ", buf); itoa_base(0, 10, buf); printf("%s\n", buf);
    double pi = 0; for (int k = 0; k < 100000; k++) pi += (k % 2 ? -4.0 : 4.0) / (2 * k + 1); printf("%.6f\n", pi);
    int tri[10][10] = {{1}}; for (int i = 1; i < 10; i++) { tri[i][0] = 1; for (int j = 1; j <= i; j++) tri[i][j] = tri[i-1][j-1] + tri[i-1][j]; }
    for (int j = 0; j < 10; j++) printf("%d ", tri[9][j]); printf("\n");
    return 0;
}
