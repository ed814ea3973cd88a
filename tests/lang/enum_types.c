/* The types gcc gives enumerations and their constants: unsigned int
 * when no constant is negative, int when one is, the 64-bit type of that
 * signedness when the values need it (GNU); a constant is an int when
 * its value fits, else of the enumeration's type. So a bit-field of an
 * enumeration without negative constants is unsigned (a value 148 in an
 * 8-bit field read back as -108 took the wrong switch case), and so is
 * arithmetic on such an enumeration. Torture test 20030714-1 found a
 * 2-bit field holding 3 read back as -1. */
#include <stdio.h>

#define T(x) _Generic((x), int: "int", unsigned: "unsigned", long: "long", \
                      unsigned long: "ulong", default: "other")

enum E1 { A1, B1 };
enum E2 { A2 = -1, B2 };
enum E3 { A3 = 0x80000000 };
enum E4 { A4 = -1, B4 = 0x80000000 };
enum E5 { A5 = 0x100000000 };
enum E8 { A8 = 0x7FFFFFFF, B8 = A8 + 1u };
enum Color { RED = 100, GREEN = 148, BLUE = 200 };
enum Pos { STATIC, RELATIVE, ABSOLUTE, FIXED };

struct Flags { enum Color c : 8; enum Pos p : 2; enum E2 s : 2; };

static const char *name(enum Color c) {
    switch (c) {
    case RED: return "red";
    case GREEN: return "green";
    case BLUE: return "blue";
    default: return "?";
    }
}

int main(void)
{
    enum E1 e1 = 0;
    enum E2 e2 = 0;
    enum E3 e3 = 0;
    enum E4 e4 = 0;
    enum E5 e5 = 0;
    printf("%s %s %s %s %s\n", T(e1), T(e2), T(e3), T(e4), T(e5));
    printf("%s %s %s %s %s %s %s %s\n", T(A1), T(A2), T(A3), T(A4), T(B4), T(A5), T(A8), T(B8));
    printf("%zu %zu %zu %zu\n", sizeof(enum E1), sizeof(enum E4), sizeof(enum E5), sizeof(A5));
    e1 = -1;
    printf("%d %d %d\n", e1 < 0, e1 - 2 > 0, (int)(e1 / 2 > 0));
    e2 = -1;
    printf("%d %d\n", e2 < 0, e2 / 2);
    printf("%lld %llu %lld\n", (long long)B4, (unsigned long long)A5, (long long)A4);

    struct Flags f = {GREEN, FIXED, A2};
    printf("%d %s %d %d\n", f.c, name(f.c), f.p, f.s);
    f.c = BLUE;
    f.p = ABSOLUTE;
    f.s = B2;
    printf("%d %s %d %d %d\n", f.c, name(f.c), f.p == ABSOLUTE, f.s, f.p - 3 < 0);
    return 0;
}
