/* Probes structs and unions passed, returned and assigned by value, a malloc'd linked list (left to leak at exit), nested and designated aggregates. */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
struct P { int x, y; };
struct Big { long a[5]; char name[16]; };
struct Mixed { char c; double d; short s; float f; };
static struct P add(struct P a, struct P b) { struct P r = {a.x + b.x, a.y + b.y}; return r; }
static struct Big mk(int k) { struct Big b; for (int i = 0; i < 5; i++) b.a[i] = k * i; strcpy(b.name, "big"); return b; }
static struct Mixed mix(struct Mixed m) { m.c++; m.d *= 2; m.s--; m.f += 0.5f; return m; }
static double sumb(struct Big b) { double s = 0; for (int i = 0; i < 5; i++) s += b.a[i]; return s; }
union U { int i; float f; unsigned char b[4]; };
typedef struct Node { int v; struct Node *next; } Node;
int main(void) {
    struct P p1 = {1, 2}, p2 = {3, 4}; struct P p = add(p1, p2);
    printf("%d %d\n", p.x, p.y);
    struct Big b = mk(3); printf("%ld %s %.0f\n", b.a[4], b.name, sumb(b));
    struct Mixed m = {'a', 1.5, 10, 2.0f}; m = mix(m); printf("%c %.1f %d %.1f\n", m.c, m.d, m.s, m.f);
    union U u; u.f = 1.0f; printf("%x %d\n", u.i, u.b[3]);
    Node *head = NULL;
    for (int i = 0; i < 5; i++) { Node *n = malloc(sizeof *n); n->v = i; n->next = head; head = n; }
    int s = 0; for (Node *n = head; n; n = n->next) s = s * 10 + n->v; printf("%d\n", s);
    struct P arr[3] = {{1, 2}, [2] = {5, 6}}; printf("%d %d %d\n", arr[0].y, arr[1].x, arr[2].x);
    struct P q = p; q.x = 100; printf("%d %d\n", p.x, q.x);
    printf("%zu %zu %zu\n", sizeof(struct Mixed), sizeof(union U), sizeof(struct Big));
    struct { int a; struct { int b, c; } in; } nest = {1, {2, 3}}; printf("%d\n", nest.in.c);
    struct P *pp = &arr[2]; pp->y += pp[-2].x; printf("%d\n", arr[2].y);
    int (*fp)[3]; int mat[2][3] = {{1,2,3},{4,5,6}}; fp = mat; printf("%d %d\n", fp[1][2], *(*(fp+1)+1));
    return 0;
}
