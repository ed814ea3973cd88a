#include <stdio.h>
typedef struct Shape { int kind; union { struct { double r; } circle; struct { double w, h; } rect; }; } Shape;
struct T { int a; union { int b; float c; }; struct { short d, e; }; int f; };
static Shape gs[2] = {{0, .circle = {2}}, {1, .rect = {3, 4}}};
static struct T gt = {.e = 5, .a = 1, .c = 2.5f, .f = 9};
int main(void) {
    Shape sh[2] = {{0, .circle = {2}}, {1, .rect = {3, 4}}};
    if (sh[0].circle.r != 2 || sh[1].rect.h != 4 || gs[1].rect.w != 3) return 1;
    struct T t = {.b = 7, .d = 3, 4, 8};
    if (t.b != 7 || t.d != 3 || t.e != 4 || t.f != 8 || t.a != 0) return 2;
    if (gt.a != 1 || gt.c != 2.5f || gt.e != 5 || gt.d != 0 || gt.f != 9) return 3;
    struct T u = {1, {2}, {3, 4}, 5};
    if (u.b != 2 || u.e != 4 || u.f != 5) return 4;
    struct T v = {1, 2, 3, 4, 5};
    if (v.b != 2 || v.d != 3 || v.e != 4 || v.f != 5) return 5;
    printf("ok\n");
    return 0;
}
