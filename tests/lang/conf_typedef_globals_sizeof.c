/* Probes typedef chains, static initialisers of globals (pointers into arrays, enums, _Bool), sizeof and offsetof, the usual arithmetic conversions in comparisons and ?:. */
#include <stdio.h>
#include <stddef.h>
typedef int I; typedef I *IP; typedef IP IPA[3]; typedef const IPA CIPA;
typedef struct S { char c; int i; } S, *SP;
typedef void (*handler)(int);
static int seen;
static void h1(int x) { seen += x; }
static void h2(int x) { seen += 10 * x; }
static handler table[2][2] = {{h1, h2}, {h2, h1}};
int g_arr[5] = {1, 2, 3};
int *g_ptr = &g_arr[2];
char g_str[] = "global";
const char *g_strs[] = {"one", "two", "three"};
struct S g_s = {'x', 42};
SP g_sp = &g_s;
static int g_m[2][3] = {1, 2, 3, 4, 5};
long g_diff = 16;
enum E { A = -2, B, C = 10, D } ev = D;
_Bool gb = 5;
double gd = 1 / 3.0;
int main(void) {
    int a = 1, b = 2, c = 3;
    IPA arr = {&a, &b, &c};
    printf("%d %zu %zu\n", *arr[2], sizeof(IPA), sizeof(CIPA));
    for (int i = 0; i < 2; i++) for (int j = 0; j < 2; j++) table[i][j](i + j + 1);
    printf("%d\n", seen);
    printf("%d %d %d %s %s %c %d\n", g_arr[1], *g_ptr, g_arr[4], g_str, g_strs[2], g_sp->c, g_s.i);
    printf("%d %d %ld\n", g_m[1][1], g_m[1][2], g_diff);
    printf("%d %d %d %d\n", A, B, C, ev);
    printf("%d %.5f\n", gb, gd);
    printf("%zu %zu %zu %zu %zu %zu\n", sizeof(char), sizeof(short), sizeof(long double), sizeof(S), offsetof(S, i), sizeof(g_strs));
    printf("%zu %zu %zu\n", sizeof g_m, sizeof g_m[0], sizeof(int[7][3]));
    printf("%zu %zu %zu\n", sizeof(a++), sizeof(1 ? 'a' : 1.0f), sizeof('a'));
    printf("%d\n", a);
    char ch = -1; unsigned char uch = 255;
    printf("%d %d\n", ch == uch, (ch < 0 ? ch : uch));
    printf("%d\n", 1 ? -1 : 1u > 0);
    int *p1 = &g_arr[1], *p2 = &g_arr[3];
    printf("%d %d %td\n", p1 < p2, p1 == p2 - 2, p2 - p1);
    int z = 0; int *np = 0; printf("%d %d\n", !np, np == NULL);
    _Bool bb = 0.5; printf("%d %d\n", bb, (_Bool)0.0);
    unsigned long long L = -1; printf("%d\n", L == (unsigned long long)-1);
    short ss = -5; unsigned short us2 = ss; printf("%d %d\n", us2, (int)(ss + us2));
    printf("%d\n", z ? 1 : 2);
    long lv = 5; int iv = 3; printf("%ld %zu\n", lv * iv, sizeof(lv * iv));
    for (int i = 0, j = 10; i < j; i += 3, j -= 3) printf("(%d,%d)", i, j); printf("\n");
    return 0;
}
