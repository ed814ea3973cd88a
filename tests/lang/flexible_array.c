#include <stdio.h>
#include <stdlib.h>
#include <stddef.h>
#include <string.h>

struct vec {
    int n;
    double v[];
};

struct msg {
    short kind;
    char tag;
    char text[];
};

struct wide {
    long long id;
    int count;
    int items[];
};

static struct vec *vec_new(int n) {
    struct vec *p = malloc(sizeof(struct vec) + n * sizeof(double));
    p->n = n;
    for (int i = 0; i < n; i++)
        p->v[i] = i * 0.5;
    return p;
}

static double vec_sum(const struct vec *p) {
    double s = 0;
    for (int i = 0; i < p->n; i++)
        s += p->v[i];
    return s;
}

int main(void) {
    printf("%zu %zu %zu\n", sizeof(struct vec), offsetof(struct vec, v), _Alignof(struct vec));
    printf("%zu %zu %zu\n", sizeof(struct msg), offsetof(struct msg, text), _Alignof(struct msg));
    printf("%zu %zu\n", sizeof(struct wide), offsetof(struct wide, items));
    struct vec *p = vec_new(10);
    printf("%g %g\n", vec_sum(p), p->v[9]);
    free(p);

    const char *hello = "hello, flexible world";
    struct msg *m = malloc(sizeof *m + strlen(hello) + 1);
    m->kind = 7;
    m->tag = 'x';
    strcpy(m->text, hello);
    printf("%d %c %s %zu\n", m->kind, m->tag, m->text, strlen(m->text));
    free(m);

    struct wide *w = calloc(1, offsetof(struct wide, items) + 5 * sizeof(int));
    w->count = 5;
    for (int i = 0; i < w->count; i++)
        w->items[i] = i * i;
    int *it = w->items;
    printf("%d %d %td\n", it[4], w->items[3], (char *)&w->items[0] - (char *)w);
    free(w);

    /* a struct with a flexible member as a plain object: the array has no room */
    struct vec local = {3};
    printf("%d\n", local.n);
    return 0;
}
