/* Probes an open-addressing hash map of structs, compound literals, anonymous unions in a tagged struct, recursion over a list. */
#include <stdio.h>
typedef struct { int key; int val; } Entry;
typedef struct { Entry slots[16]; int used; } Map;
static unsigned hash(int k) { return (unsigned)k * 2654435761u >> 28; }
static void put(Map *m, int k, int v) { unsigned h = hash(k); while (m->slots[h].key && m->slots[h].key != k) h = (h + 1) & 15; if (!m->slots[h].key) m->used++; m->slots[h] = (Entry){k, v}; }
static int get(const Map *m, int k) { unsigned h = hash(k); while (m->slots[h].key) { if (m->slots[h].key == k) return m->slots[h].val; h = (h + 1) & 15; } return -1; }
typedef struct Shape { int kind; union { struct { double r; } circle; struct { double w, h; } rect; }; } Shape;
static double area(const Shape *s) { switch (s->kind) { case 0: return 3.0 * s->circle.r * s->circle.r; case 1: return s->rect.w * s->rect.h; default: return 0; } }
struct List { int n; struct List *next; };
static int len(struct List *l) { return l ? 1 + len(l->next) : 0; }
int main(void) {
    Map m = {0};
    for (int i = 1; i <= 10; i++) put(&m, i * 7, i * i);
    put(&m, 14, -4);
    printf("%d %d %d %d\n", m.used, get(&m, 14), get(&m, 70), get(&m, 3));
    Shape sh[3] = {{0, .circle = {2}}, {1, .rect = {3, 4}}, {.kind = 2}};
    for (int i = 0; i < 3; i++) printf("%.1f ", area(&sh[i])); printf("\n");
    struct List c = {3, 0}, b = {2, &c}, a = {1, &b}; printf("%d\n", len(&a));
    Entry e = m.slots[hash(7)]; printf("%d %d\n", e.key, e.val);
    Entry es[2]; es[0] = es[1] = (Entry){1, 2}; printf("%d\n", es[1].val);
    return 0;
}
