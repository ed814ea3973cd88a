/* GNU attributes and pragmas that change layout, honoured as gcc does:
 * packed on a struct (after the keyword or after the braces) and on a
 * member, #pragma pack(N) with push, pop and identifiers (bit-fields are
 * then never moved to a boundary; a zero-width one still aligns),
 * aligned(N) on structs, members and variables (global, static, local),
 * __alignof__ of objects; members of packed structs read and written at
 * unaligned offsets. csmith's packed structs (#pragma pack(1)) and the
 * torture tests stkalign and align-3 found these dropped. Attributes
 * that only inform warnings or optimisation are accepted in every place. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define LAYOUT(T) printf(#T ": size %zu align %zu\n", sizeof(struct T), _Alignof(struct T))
#define OFF(T, f) printf("  " #f " at %zu\n", offsetof(struct T, f))

static void dump(const char *what, const void *p, size_t n) {
    const unsigned char *b = p;
    printf("%s:", what);
    for (size_t i = 0; i < n; i++)
        printf(" %02x", b[i]);
    printf("\n");
}

struct __attribute__((packed)) P1 { char a; int b; short c; long d; };
struct P2 { char a; int b __attribute__((packed)); short c; };
struct __attribute__((packed)) P3 { char a : 7; char b : 3; int c : 30; int d : 5; char e; };
struct __attribute__((packed)) P4 { char a : 3; int b : 30; short c : 9; char d; int : 0; char e; };
struct __attribute__((packed, aligned(4))) P5 { char a; int b; };
struct P6 { char a; int b; } __attribute__((__packed__));
struct __attribute__((aligned(16))) A1 { char a; };
struct A2 { char a; int b __attribute__((aligned(8))); char c; };
struct A3 { char c __attribute__((__aligned__(64))); };

#pragma pack(push, 2)
struct Q1 { char a; int b; double c; char d; };
struct Q2 { char a : 7; int b : 30; int c : 5; char e; long f : 40; };
struct Q3 { char a; int b __attribute__((aligned(8))); };
#pragma pack(push, inner, 1)
struct Q4 { char a : 3; int b : 30; short c : 9; char d; int : 0; char e; };
#pragma pack(pop, inner)
struct Q5 { char a; long b; };      /* pack(2) again */
#pragma pack(pop)
struct Q6 { char a; long b; };      /* no packing */
#pragma pack(4)
struct Q7 { char a; double b; short c; };
#pragma pack()
struct Q8 { char a; double b; };
_Pragma("pack(1)")
struct Q9 { char a; int b; };
_Pragma("pack()")

int g_aligned __attribute__((aligned(64))) = 5;
static char g_small __attribute__((aligned(32)));
__attribute__((aligned(16))) static short g_pre;

__attribute__((noreturn)) void never(void);
static int add(int a, int b) __attribute__((const, noinline, unused));
static int add(int a, int b) { return a + b; }
__attribute__((format(printf, 1, 2))) static int say(const char *fmt, ...);
static int say(const char *fmt, ...) { return (int)strlen(fmt); }
static int __attribute__((always_inline)) inline twice(int x __attribute__((unused))) { return 2 * x; }
struct __attribute__((may_alias)) Alias { int x; };

int main(void)
{
    LAYOUT(P1); OFF(P1, b); OFF(P1, c); OFF(P1, d);
    LAYOUT(P2); OFF(P2, b); OFF(P2, c);
    LAYOUT(P3); OFF(P3, e);
    LAYOUT(P4); OFF(P4, d); OFF(P4, e);
    LAYOUT(P5); OFF(P5, b);
    LAYOUT(P6); OFF(P6, b);
    LAYOUT(A1);
    LAYOUT(A2); OFF(A2, b); OFF(A2, c);
    LAYOUT(A3);
    LAYOUT(Q1); OFF(Q1, b); OFF(Q1, c); OFF(Q1, d);
    LAYOUT(Q2); OFF(Q2, e);
    LAYOUT(Q3); OFF(Q3, b);
    LAYOUT(Q4); OFF(Q4, d); OFF(Q4, e);
    LAYOUT(Q5); OFF(Q5, b);
    LAYOUT(Q6); OFF(Q6, b);
    LAYOUT(Q7); OFF(Q7, b); OFF(Q7, c);
    LAYOUT(Q8); OFF(Q8, b);
    LAYOUT(Q9); OFF(Q9, b);

    /* gcc's code sees the same layout: strides and member addresses */
    static struct P1 arr[3];
    printf("stride %td, d at %td\n", (char *)&arr[1] - (char *)&arr[0],
           (char *)&arr[1].d - (char *)&arr[1]);
    static struct A1 arr16[2];
    printf("A1 stride %td\n", (char *)&arr16[1] - (char *)&arr16[0]);

    struct P1 p1;
    memset(&p1, 0, sizeof p1);
    p1.a = 1;
    p1.b = 0x12345678;
    p1.c = -2;
    p1.d = 0x1122334455667788L;
    dump("p1", &p1, sizeof p1);
    arr[1] = p1;
    arr[1].b += 1;
    printf("%x %d %lx\n", arr[1].b, arr[1].c, arr[1].d);

    struct P3 p3;
    memset(&p3, 0, sizeof p3);
    p3.a = 1; p3.b = 1; p3.c = 1; p3.d = 1; p3.e = 9;
    dump("p3", &p3, sizeof p3);
    p3.c = -3;
    printf("p3 %d %d %d %d %d\n", p3.a, p3.b, p3.c, p3.d, p3.e);

    struct Q2 q2;
    memset(&q2, 0, sizeof q2);
    q2.a = 1; q2.b = 1; q2.c = 1; q2.f = 1;
    dump("q2", &q2, sizeof q2);
    struct Q4 q4;
    memset(&q4, 0, sizeof q4);
    q4.a = 1; q4.b = 1; q4.c = 1;
    dump("q4", &q4, sizeof q4);

    int local __attribute__((aligned(128))) = 3;
    static int st __attribute__((aligned(256)));
    printf("aligned: %d %d %d %d %d\n", (int)((uintptr_t)&g_aligned % 64),
           (int)((uintptr_t)&g_small % 32), (int)((uintptr_t)&local % 128),
           (int)((uintptr_t)&st % 256), (int)((uintptr_t)&g_pre % 16));
    printf("alignof: %zu %zu %zu %zu %zu %zu\n", __alignof__(g_aligned), __alignof__(g_small),
           __alignof__(local), __alignof__(st), __alignof__(g_pre), __alignof__(p1.b));
    struct A3 a3;
    printf("alignof a3 %zu, a3.c %zu\n", __alignof__(a3), __alignof__(a3.c));
    printf("%d %d %d %d\n", add(2, 3), say("abc"), twice(4), g_aligned + local + st);
    struct Alias al = {7};
    printf("%d\n", *(int *)&al);
    return 0;
}
