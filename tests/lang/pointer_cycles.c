/* Types that reach each other through pointers, in the order Lua's
 * declare them: lowering TValue reaches union Value, whose function
 * pointer takes a struct State *, whose members point to a union and a
 * struct that hold a TValue by value, which is not complete yet. memjit
 * once failed such a program in libgccjit ("unknown size for field"). */
#include <stdio.h>

struct State;
typedef int (*CFunction)(struct State *L);
typedef union Value { void *p; CFunction f; long i; double n; } Value;
typedef struct TValue { Value value_; unsigned char tt_; } TValue;
typedef union StackValue {
    TValue val;
    struct { Value value_; unsigned char tt_; unsigned short delta; } tbclist;
} StackValue;
typedef StackValue *StkId;
typedef struct Global { TValue registry; struct Global *self; int count; } Global;
struct State { StkId top; StkId stack; Global *g; union StackValue *base; };

static long value_of(const TValue *o) { return o->value_.i; }

static int push(struct State *L, long v) {
    L->top->val.value_.i = v;
    L->top->val.tt_ = 3;
    L->top++;
    return (int)(L->top - L->stack);
}

static int count_call(struct State *L) { return L->g->count++; }

int main(void) {
    StackValue stack[8];
    Global g = {{{.i = 42}, 1}, &g, 0};
    struct State L = {stack, stack, &g, stack};
    g.registry.value_.f = count_call;
    push(&L, 5);
    int n = push(&L, 7);
    L.base[1].tbclist.delta = 9;
    printf("%d %ld %d %d %d\n", n, value_of(&stack[0].val), g.registry.tt_,
           g.registry.value_.f(&L), g.self->registry.value_.f(&L));
    printf("%zu %zu %d\n", sizeof(StackValue), sizeof(struct State), stack[1].tbclist.delta);
    return 0;
}
