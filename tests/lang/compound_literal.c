#include <stdio.h>
#include <string.h>
struct P { int x, y; };
struct R { struct P a, b; const char *name; };
static int *gp = (int[]){10, 20, 30};
static struct P *gsp = &(struct P){7, 8};
static int sum(const int *a, int n) { int s = 0; for (int i = 0; i < n; i++) s += a[i]; return s; }
static int area(struct R r) { return (r.b.x - r.a.x) * (r.b.y - r.a.y); }
static struct P mid(struct P a, struct P b) { return (struct P){(a.x + b.x) / 2, (a.y + b.y) / 2}; }
int main(void) {
    struct P p = (struct P){1, 2};
    if (p.x != 1 || p.y != 2) return 1;
    if (sum((int[]){1, 2, 3, 4}, 4) != 10) return 2;
    if ((struct P){5, 6}.y != 6 || (int[]){4, 5, 6}[2] != 6) return 3;
    if (area((struct R){{0, 0}, {3, 4}, "box"}) != 12) return 4;
    struct P m = mid((struct P){0, 0}, (struct P){10, 20});
    if (m.x != 5 || m.y != 10) return 5;
    int *q = (int[]){1, 2, 3};
    q[1] = 9;
    if (q[0] + q[1] + q[2] != 13) return 6;
    struct P *pp = &(struct P){.y = 3};
    pp->x += 4;
    if (pp->x != 4 || pp->y != 3) return 7;
    if (gp[1] != 20 || gsp->y != 8 || sizeof((int[]){1, 2, 3}) != 12) return 8;
    int total = 0;
    for (int i = 0; i < 3; i++) {
        int *a = (int[3]){i, i * 2};
        a[2] += i;
        total += a[0] + a[1] + a[2];
    }
    if (total != 12) return 9;
    char *s = (char[]){"abc"};
    s[0] = 'x';
    if (strcmp(s, "xbc") != 0) return 10;
    p = (struct P){p.y, p.x};
    if (p.x != 2 || p.y != 1) return 11;
    const char **names = (const char *[]){"a", "bb", NULL};
    if (strlen(names[1]) != 2 || names[2]) return 12;
    printf("ok\n");
    return 0;
}
