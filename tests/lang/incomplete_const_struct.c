#include <stdio.h>
struct Tree;
typedef const struct Tree CTree;
struct Node { const struct Tree *parent; CTree *other; int k; };
struct Tree { int v; int w[3]; };
int main(void) {
    struct Tree t = {7, {1, 2, 3}};
    struct Tree arr[2] = {{1, {0}}, {2, {0}}};
    struct Node b = {&t, &arr[1], 0};
    const struct Tree *q = arr;
    if (b.parent->v != 7 || b.other->v != 2 || b.parent->w[2] != 3) return 1;
    if (sizeof(*b.parent) != sizeof(struct Tree)) return 2;
    if ((q + 1)->v != 2 || (b.other - q) != 1) return 3;
    CTree c = *b.parent;
    if (c.v != 7) return 4;
    printf("ok\n");
    return 0;
}
