/* Probes unsigned bit manipulation: popcount, rotations, xorshift, bit reversal, CRC-32. */
#include <stdio.h>
#include <stdint.h>
static int popcount(uint32_t x) { int n = 0; while (x) { x &= x - 1; n++; } return n; }
static uint32_t rotl(uint32_t x, int k) { return (x << k) | (x >> (32 - k)); }
static uint64_t xorshift(uint64_t *s) { uint64_t x = *s; x ^= x << 13; x ^= x >> 7; x ^= x << 17; return *s = x; }
static unsigned rev8(unsigned char b) { unsigned r = 0; for (int i = 0; i < 8; i++) r |= ((b >> i) & 1) << (7 - i); return r; }
static uint32_t crc32(const char *s) {
    uint32_t crc = 0xFFFFFFFF;
    while (*s) { crc ^= (unsigned char)*s++; for (int k = 0; k < 8; k++) crc = crc & 1 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1; }
    return ~crc;
}
int main(void) {
    printf("%d %d %d\n", popcount(0), popcount(0xffffffff), popcount(0x12345678));
    printf("%08x %08x\n", rotl(0x80000001, 1), rotl(0x12345678, 8));
    uint64_t s = 88172645463325252ULL; for (int i = 0; i < 3; i++) printf("%llu\n", (unsigned long long)xorshift(&s));
    printf("%u %u\n", rev8(1), rev8(0xf0));
    printf("%08x\n", crc32("The quick brown fox jumps over the lazy dog"));
    int32_t a = -1; printf("%d %u %d\n", a >> 31, (uint32_t)a >> 31, (int8_t)0x80);
    uint8_t x = 0x0f; printf("%d %d\n", ~x, (uint8_t)~x);
    uint16_t h = 0xffff; printf("%d %u\n", h * h, (unsigned)(h * h));
    int64_t m = INT64_MIN; printf("%lld %lld\n", (long long)m, (long long)(m + 1));
    printf("%d\n", 1 << 30 >> 29);
    unsigned v = 0x12345678; printf("%x %x\n", (v & 0xff00) >> 8, v ^ (v >> 16));
    printf("%lu\n", (unsigned long)-1 >> 63);
    long long t = 1LL << 62; printf("%lld\n", t * 2 / 4);
    printf("%d %d\n", 5 & 3 | 8 ^ 2, ~0 == -1);
    uint32_t bits = 0; bits |= 1u << 31; bits |= 1u << 0; printf("%u\n", bits);
    int sh = 33; printf("%llu\n", 1ULL << sh);
    return 0;
}
