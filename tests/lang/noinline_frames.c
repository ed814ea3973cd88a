/* noinline and noipa are honoured (memjit reaches such a function only
 * through its symbol, which gcc cannot inline), so __builtin_return_address
 * and __builtin_frame_address answer as in gcc's build: inlined, where()
 * would give main's own return address at both calls. The attribute is
 * taken before the declarator, after it, and between the '*' and the name
 * (gcc applies it to the function there too). noipa where gcc's own
 * answer would depend on its interprocedural analysis (with noinline
 * alone, gcc -O2 finds where() const and calls it once). */
#include <stdint.h>
#include <stdio.h>

__attribute__((noipa)) static void *where(void) {
    return __builtin_return_address(0);
}

void *__attribute__((noipa)) where_too(int x);
void *where_too(int x) {
    return x ? __builtin_return_address(0) : 0;
}

int depth_probe(const char *outer) __attribute__((noipa));
int depth_probe(const char *outer) {
    const char *mine = __builtin_frame_address(0);
    return mine < outer;        /* the stack grows down: a frame of its own */
}

static int calls;
__attribute__((noinline)) static int counted(int x) {
    calls++;
    return x * 3;
}

int main(void) {
    void *a = where(), *b = where();
    printf("two call sites: %d\n", a != b);
    printf("in main: %d\n", (uintptr_t)a > (uintptr_t)main &&
                                (uintptr_t)a - (uintptr_t)main < 4096);
    void *c = where_too(1), *d = where_too(1);
    printf("where_too: %d\n", c != d && (uintptr_t)c - (uintptr_t)main < 4096);
    const char *frame = __builtin_frame_address(0);
    printf("a frame below main's: %d\n", depth_probe(frame));
    int s = 0;
    for (int i = 0; i < 5; i++)
        s += counted(i);
    printf("%d %d\n", s, calls);
    int (*fp)(int) = counted;
    printf("%d\n", fp(7));
    return 0;
}
