/* GNU C's empty structs and unions: size 0, initialised with {} (also
 * globally and as members of an initialised struct, and in arrays), copied
 * and passed; a union without members takes {} as gcc does. */
#include <stdio.h>

struct none {};
union nothing {};

struct none g_none = {};
union nothing g_nothing = {};
static union nothing g_many[3] = {{}, {}, {}};

struct holder {
    int before;
    struct none n;
    union nothing u;
    int after;
} g_holder = {1, {}, {}, 2};

static int take(struct none n, union nothing u, int x) {
    (void)n;
    (void)u;
    return x + 1;
}

int main(void) {
    union nothing local = {};
    struct none copy = g_none;
    struct holder h = g_holder;
    h.u = local;
    printf("%zu %zu %zu %zu\n", sizeof(struct none), sizeof(union nothing), sizeof g_many,
           sizeof(struct holder));
    printf("%d %d %d\n", h.before, h.after, take(copy, g_nothing, 41));
    return 0;
}
