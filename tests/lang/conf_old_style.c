/* Probes old C that gcc accepts: unprototyped declarations, a definition after an empty parameter list, implicit int main (which needs -fpermissive, as in gcc 14). */
/* memjit-options: -fpermissive */
#include <stdio.h>
int f();
int g() { return 7; }
int f(int a, int b) { return a * b; }
static float half(float x) { return x / 2; }
double unproto();
double unproto(double x) { return x + 0.5; }
main() {
    printf("%d %d %.2f %.2f\n", f(3, 4), g(), half(3), unproto(1.0));
    char c = 'x';
    printf("%c %d\n", c, sizeof(c) == 1);
    return 0;
}
