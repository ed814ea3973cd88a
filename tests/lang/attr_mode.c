/* __attribute__((mode(M))): the integer type of M's size and the
 * declared type's signedness (QI, HI, SI, DI, byte, word, pointer, with
 * or without the __ around them), float and double for SF and DF; in the
 * specifiers or after the declarator, on typedefs, variables and
 * members. Torture tests 20020108-1, 20050107-1, 20050119-1/2 and
 * zerolen-2 passed before only because memjit dropped the attribute. */
#include <stdio.h>

typedef unsigned int u8 __attribute__((mode(QI)));
typedef signed int s8 __attribute__((__mode__(__QI__)));
typedef unsigned int u16 __attribute__((mode(HI)));
typedef int s32 __attribute__((mode(SI)));
typedef unsigned long u64 __attribute__((mode(DI)));
typedef int b8 __attribute__((mode(byte)));
typedef unsigned w64 __attribute__((mode(word)));
typedef float d64 __attribute__((mode(DF)));
typedef __attribute__((mode(HI))) unsigned int pre16;

struct S { int a __attribute__((mode(QI))); unsigned b __attribute__((mode(HI))); };

int main(void)
{
    printf("%zu %zu %zu %zu %zu %zu %zu %zu %zu\n", sizeof(u8), sizeof(s8), sizeof(u16),
           sizeof(s32), sizeof(u64), sizeof(b8), sizeof(w64), sizeof(d64), sizeof(pre16));
    u8 a = 255;
    a++;
    s8 b = 127;
    b = (s8)(b + 1);
    u16 c = 0xFFFF;
    c += 2;
    d64 d = 1.0 / 3;
    printf("%u %d %u %.17g\n", a, b, c, d);
    struct S s = {-1, 0xFFFF};
    printf("%zu %d %u\n", sizeof s, s.a, s.b);
    return 0;
}
