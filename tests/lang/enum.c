/* Tier two: enums: implicit and explicit values, enum constants in
 * constant expressions and as array sizes. */
#include "test.h"

enum color { RED, GREEN, BLUE };
enum { A = 5, B, C = 10, D, E = C + D };
typedef enum { OFF = -1, ON = 1 } state;

static const char *names[BLUE + 1] = {"red", "green", "blue"};

int main(void)
{
    enum color c = BLUE;
    state s = OFF;
    ASSERT(0, RED);
    ASSERT(2, c);
    ASSERT(6, B);
    ASSERT(11, D);
    ASSERT(21, E);
    ASSERT(-1, s);
    ASSERT(4, sizeof(enum color));
    ASSERT_S("green", names[GREEN]);
    int arr[E];
    ASSERT(84, sizeof arr);
    return test_done();
}
