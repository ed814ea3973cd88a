/* Globals of 4096 bytes or more whose initialisers are all constant bytes
 * are defined as data by memjit itself (lower.c's define_data_by_asm),
 * not element by element through libgccjit: every kind of element
 * (integers of each size and sign, _Bool, floating types, bit-fields,
 * unions, nested arrays, strings, designators, zero runs) must have the
 * bytes gcc gives it, const objects must be readable, others writable,
 * and addresses still take the slow path. */
#include <stdio.h>
#include <string.h>

#define R8(x) x, x, x, x, x, x, x, x
#define R64(x) R8(x), R8(x), R8(x), R8(x), R8(x), R8(x), R8(x), R8(x)
#define R512(x) R64(x), R64(x), R64(x), R64(x), R64(x), R64(x), R64(x), R64(x)
#define S8(x) x x x x x x x x
#define S512(x) S8(S8(S8(x)))

static const unsigned char bytes[5000] = {1, 2, 3, 250, [100] = 7, [4999] = 255};
const signed char schars[4096] = {-1, -128, 127, R512(-3)};
short shorts[3000] = {-2, 32767, -32768, R512(12345), [2999] = -7};
static const int ints[2048] = {R512(-123456789), R512(0x7fffffff), [2047] = -1};
unsigned long long ulls[1024] = {0xffffffffffffffffull, 0x0123456789abcdefull, R64(42)};
static const _Bool bools[5000] = {1, 0, 2, [4000] = 1};
static const float floats[2000] = {1.5f, -0.0f, 3.25e10f, R64(0.1f)};
double doubles[1000] = {3.141592653589793, -2.5e-300, R64(1.0 / 3.0)};
static const long double ldoubles[300] = {1.0L / 3.0L, -7.25L, 1e4000L};

struct bits {
    unsigned a : 3;
    signed b : 5;
    unsigned c : 20;
    unsigned long long d : 40;
    char name[3];
    short s;
};
static struct bits bitrecs[400] = {{5, -3, 0xabcde, 0x123456789aull, "ab", -9},
                                   [200] = {.c = 7, .name = "z", .s = 300},
                                   [399] = {1, 1, 1, 1, {1, 2, 3}, 1}};

union u {
    int i;
    float f;
    unsigned char c[8];
};
static const union u unions[600] = {{.i = -5}, {.f = 2.5f}, {.c = {1, 2, 3, 4, 5, 6, 7, 8}}};

static int grid[64][64] = {{1, 2}, [10] = {[5] = 3}, [63][63] = 9};

static const char text[] = "A string of more than four thousand bytes: "
    S512("0123456789") "\001\002\"\\\377 and the end";

static char writable[4100] = "start";

/* Addresses keep the slow path: relocations. */
static const char *const pointers[600] = {text, text + 5, [599] = "last"};

static unsigned long sum(const void *p, size_t n) {
    const unsigned char *b = p;
    unsigned long h = 1469598103934665603ul;
    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * 1099511628211ul;
    return h;
}

int main(void) {
    printf("bytes %lx %d %d\n", sum(bytes, sizeof bytes), bytes[3], bytes[4999]);
    printf("schars %lx %d\n", sum(schars, sizeof schars), schars[1]);
    printf("shorts %lx %d\n", sum(shorts, sizeof shorts), shorts[2999]);
    printf("ints %lx %d\n", sum(ints, sizeof ints), ints[600]);
    printf("ulls %lx %llx\n", sum(ulls, sizeof ulls), ulls[1]);
    printf("bools %lx %d %d\n", sum(bools, sizeof bools), bools[2], bools[4000]);
    printf("floats %lx %g\n", sum(floats, sizeof floats), floats[2]);
    printf("doubles %lx %g\n", sum(doubles, sizeof doubles), doubles[1]);
    /* x87's 10 bytes; gcc leaves the 6 padding bytes zero too */
    printf("ldoubles %lx %Lg %Lg\n", sum(ldoubles, sizeof ldoubles), ldoubles[0], ldoubles[2]);
    printf("bitrecs %lx %u %d %u %llx %s %d\n", sum(bitrecs, sizeof bitrecs), bitrecs[0].a,
           bitrecs[0].b, bitrecs[0].c, (unsigned long long)bitrecs[0].d, bitrecs[0].name,
           bitrecs[0].s);
    printf("unions %lx %d %g %d\n", sum(unions, sizeof unions), unions[0].i, unions[1].f,
           unions[2].c[7]);
    printf("grid %lx %d\n", sum(grid, sizeof grid), grid[63][63]);
    printf("text %zu %lx %.20s\n", sizeof text, sum(text, sizeof text), text + 40);
    writable[0] = 'S';
    grid[1][1] = 4;
    shorts[0]++;
    doubles[999] = 2.0;
    printf("writable %s %d %d %g\n", writable, grid[1][1], shorts[0], doubles[999]);
    printf("pointers %s %s %s\n", pointers[0] + 2, pointers[1], pointers[599]);
    return 0;
}
