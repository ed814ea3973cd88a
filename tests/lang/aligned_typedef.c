/* aligned(N) on a typedef names a variant of the type as aligned as N
 * says (more, or for a typedef less), its size unchanged, as in gcc:
 * objects, array elements and members of it are placed so. Torture test
 * 20050215-1 (an anonymous struct typedef aligned(8)). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef int int16a __attribute__((aligned(16)));
typedef struct { char c[8]; } V __attribute__((aligned(8)));
typedef struct { char c[4]; } W __attribute__((__aligned__(32)));
typedef short short1 __attribute__((aligned(1)));
typedef __attribute__((aligned(64))) double dbl64;

struct Holder { char tag; int16a x; V v; char tail; };
struct Low { char tag; short1 s; };

V gv;
W gw;
int16a gi;
dbl64 gd;

int main(void)
{
    printf("%zu %zu | %zu %zu | %zu %zu | %zu %zu | %zu %zu\n", sizeof(int16a),
           _Alignof(int16a), sizeof(V), _Alignof(V), sizeof(W), _Alignof(W),
           sizeof(short1), _Alignof(short1), sizeof(dbl64), _Alignof(dbl64));
    printf("Holder %zu %zu x@%zu v@%zu tail@%zu\n", sizeof(struct Holder),
           _Alignof(struct Holder), offsetof(struct Holder, x), offsetof(struct Holder, v),
           offsetof(struct Holder, tail));
    printf("Low %zu %zu s@%zu\n", sizeof(struct Low), _Alignof(struct Low),
           offsetof(struct Low, s));
    static struct Holder hs[2];
    printf("stride %td, v at %td\n", (char *)&hs[1] - (char *)&hs[0],
           (char *)&hs[1].v - (char *)&hs[1]);
    V lv;
    W lw;
    int16a li = 5;
    printf("globals %d %d %d %d, locals %d %d %d\n", (int)((uintptr_t)&gv % 8),
           (int)((uintptr_t)&gw % 32), (int)((uintptr_t)&gi % 16), (int)((uintptr_t)&gd % 64),
           (int)((uintptr_t)&lv % 8), (int)((uintptr_t)&lw % 32), (int)((uintptr_t)&li % 16));
    printf("%zu %zu %d\n", __alignof__(gv), __alignof__(lw), li + gi);
    return 0;
}
