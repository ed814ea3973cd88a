/* Tier two: structs: members, nesting, arrays of structs, pointers,
 * assignment, passing and returning by value, sizeof and alignment. */
#include "test.h"

struct point { int x, y; };
struct rect { struct point lo, hi; char tag; };
struct node { int value; struct node *next; };
typedef struct { double re, im; } complex_t;

static struct point make_point(int x, int y)
{
    struct point p = {x, y};
    return p;
}

static int area(struct rect r)
{
    return (r.hi.x - r.lo.x) * (r.hi.y - r.lo.y);
}

static complex_t cmul(complex_t a, complex_t b)
{
    complex_t r = {a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re};
    return r;
}

static struct point g_origin = {0, 0};
static struct rect g_box = {{1, 2}, {4, 6}, 'b'};

int main(void)
{
    struct point p = make_point(3, 4);
    ASSERT(3, p.x);
    ASSERT(4, p.y);
    ASSERT(8, sizeof(struct point));
    ASSERT(20, sizeof(struct rect));
    ASSERT(16, sizeof(struct node));
    ASSERT(12, area(g_box));
    ASSERT('b', g_box.tag);
    ASSERT(0, g_origin.y);

    struct point *pp = &p;
    pp->x = 10;
    ASSERT(10, p.x);
    struct point q = p;
    q.y = 40;
    ASSERT(4, p.y);
    ASSERT(40, q.y);

    struct node n3 = {3, 0}, n2 = {2, &n3}, n1 = {1, &n2};
    int sum = 0;
    for (struct node *it = &n1; it; it = it->next)
        sum += it->value;
    ASSERT(6, sum);

    struct point pts[3] = {{1, 1}, {2, 4}, {3, 9}};
    ASSERT(9, pts[2].y);
    ASSERT(24, sizeof pts);

    complex_t a = {1, 2}, b = {3, 4};
    complex_t c = cmul(a, b);
    ASSERT_F(-5.0, c.re);
    ASSERT_F(10.0, c.im);

    struct { char c; int i; long l; } mixed;
    ASSERT(16, sizeof mixed);
    mixed.l = 5;
    ASSERT(5, mixed.l);

    return test_done();
}
