/* Probes static locals, recursion, tables of function pointers, short-circuit and comma side effects, nested scopes, escape sequences, compound assignment with a floating right operand. */
#include <stdio.h>
#include <string.h>
#include <ctype.h>
static int counter(void) { static int n; return ++n; }
static int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
static void rev(char *s) { for (int i = 0, j = strlen(s) - 1; i < j; i++, j--) { char t = s[i]; s[i] = s[j]; s[j] = t; } }
typedef int (*binop)(int, int);
static int add(int a, int b) { return a + b; }
static int mul(int a, int b) { return a * b; }
static binop ops[] = {add, mul};
static int apply(binop f, int a, int b) { return f(a, b); }
static const char *words[] = {"alpha", "beta", "gamma", NULL};
int main(void) {
    counter(); counter(); printf("%d\n", counter());
    printf("%d\n", fib(20));
    char s[] = "Hello, World"; rev(s); printf("%s\n", s);
    for (int i = 0; s[i]; i++) s[i] = toupper((unsigned char)s[i]); printf("%s\n", s);
    printf("%d %d\n", ops[0](3, 4), apply(ops[1], 3, 4));
    for (const char **w = words; *w; w++) printf("%s:%zu ", *w, strlen(*w)); printf("\n");
    int a = 5, b = 0;
    int r = (a > 3 || (b = 1)) && (b = 2); printf("%d %d\n", r, b);
    r = (a = 1, b = a + 1, a + b); printf("%d\n", r);
    int x = 10; int y = x++ + ++x; printf("%d %d\n", x, y);
    int i = 0; do { if (i == 2) { i++; continue; } printf("%d", i); i++; } while (i < 5); printf("\n");
    for (int i = 0; i < 3; i++) { for (int j = 0; j < 3; j++) { if (j == 1) continue; if (i == 2) break; printf("%d%d ", i, j); } } printf("\n");
    int v = 1; { int v = 2; { int v = 3; printf("%d", v); } printf("%d", v); } printf("%d\n", v);
    char buf[100]; sprintf(buf, "%d-%s-%c", 42, "x", 'z'); printf("%s %d\n", buf, (int)strlen(buf));
    printf("%d\n", strcmp("abc", "abd") < 0);
    const char *esc = "tab\there\\ \"q\" \x41\101\0hidden"; printf("%s %zu\n", esc, sizeof("a\0b"));
    printf("%d %d %d\n", '\'', '\\', '\0' + 'a');
    char c = 'A'; c += 1.5; printf("%c\n", c);
    int k = 7; k *= 2.5; printf("%d\n", k);
    unsigned char uc = 10; uc -= 20; printf("%d\n", uc);
    short sh = 1; sh <<= 15; printf("%d\n", sh);
    int q = 3; q /= 0.5; printf("%d\n", q);
    return 0;
}
