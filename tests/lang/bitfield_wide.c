/* Bit-fields wider than int and narrower than their 64-bit type have
 * gcc's N-bit type: arithmetic on them wraps at N bits, the wider
 * precision wins in the usual arithmetic conversions (an int operand
 * takes the N-bit type, an unsigned long one wins), and a constant or
 * an int converted to the N-bit type is cut to N bits first. Torture
 * tests bitfld-3, bitfld-5, pr32244-1 and pr34971 found memjit doing
 * all of it in 64 bits. */
#include <stdio.h>

struct s { unsigned long long u33 : 33; unsigned long long u40 : 40; unsigned long long u41 : 41; };
struct t { long s40 : 40; long s63 : 63; unsigned long u63 : 63; unsigned long u64 : 64; };
struct r { unsigned long long a : 2; unsigned long long b : 40; unsigned long long c : 22; };

static struct s a = {0x100000, 0x100000, 0x100000};
static struct s b = {0x100000000ULL, 0x100000000ULL, 0x100000000ULL};
static struct s c = {0x1FFFFFFFFULL, 0, 0};

#define SHOW(e) printf("%-28s %llx\n", #e, (unsigned long long)(e))

static unsigned long long through(struct r x) { return ((unsigned long long)(x.b - 8)) + 8; }

int main(void)
{
    SHOW(a.u33 * a.u33);
    SHOW(a.u33 * a.u40);
    SHOW(a.u33 * a.u41);
    SHOW(a.u41 * a.u41);
    SHOW(b.u33 + b.u33);
    SHOW(b.u33 + b.u40);
    SHOW(a.u33 - b.u33);
    SHOW(a.u40 - b.u41);
    SHOW(b.u33 + 0x100000000);         /* long wins: no wrap */
    SHOW(b.u33 + (int)0x7FFFFFFF);
    SHOW(b.u33 * 2u);
    SHOW(b.u33 << 1);
    SHOW(b.u40 << 32);
    SHOW((b.u40 << 8) + (b.u40 >> 32));
    SHOW(~a.u33);
    SHOW(-a.u40);
    SHOW(a.u33 / -1);                  /* -1 becomes 2^33 - 1 */
    SHOW(a.u33 < -1);
    SHOW(a.u33 == 0x100000);
    SHOW((unsigned long long)a.u33 * a.u33);
    SHOW(1 ? a.u33 : a.u40);
    SHOW(sizeof(a.u33 + 0));
    SHOW(++c.u33);
    SHOW(--c.u40);
    SHOW(c.u41--);
    SHOW(c.u41);
    c.u40 += 0xFFFFFFFFFFULL;
    SHOW(c.u40);
    c.u33 = 5;
    c.u33 *= 0x100000000ULL;
    SHOW(c.u33);

    struct t t = {0};
    t.s40 = 0x7FFFFFFFFFL;
    SHOW(t.s40);
    SHOW(t.s40 + 0);                   /* stays in 40 bits, as gcc folds it */
    t.s40 = -1;
    SHOW(t.s40 * 3);
    SHOW(t.s40 >> 4);
    t.s63 = -5;
    SHOW(t.s63 / 2);
    t.u63 = 0x7FFFFFFFFFFFFFFFUL;
    SHOW(t.u63 + 1);
    t.u64 = ~0UL;
    SHOW(t.u64 + 1);

    struct r x = {1, 10, 3}, y = {1, 2, 3};
    SHOW(through(x));
    SHOW(through(y));
    printf("%lld %llu\n", (long long)t.s40, (unsigned long long)b.u40);
    return 0;
}
