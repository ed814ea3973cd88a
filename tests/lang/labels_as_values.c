/* GNU C's labels as values and computed goto: a threaded interpreter
 * with a static dispatch table (as Lua's and CPython's are built under
 * __GNUC__), a table of label differences, label values compared and
 * kept in variables, and a goto *p into a loop. */
#include <stdio.h>

enum { OP_PUSH, OP_ADD, OP_MUL, OP_DUP, OP_JNZ, OP_DEC, OP_PRINT, OP_HALT };

static long run(const int *code) {
    static const void *const dispatch[] = {&&do_push, &&do_add, &&do_mul, &&do_dup,
                                           &&do_jnz, &&do_dec, &&do_print, &&do_halt};
    long stack[64];
    int sp = 0;
    const int *pc = code;
#define NEXT goto *dispatch[*pc++]
    NEXT;
do_push:
    stack[sp++] = *pc++;
    NEXT;
do_add:
    sp--;
    stack[sp - 1] += stack[sp];
    NEXT;
do_mul:
    sp--;
    stack[sp - 1] *= stack[sp];
    NEXT;
do_dup:
    stack[sp] = stack[sp - 1];
    sp++;
    NEXT;
do_jnz: {
    int target = *pc++;
    if (stack[--sp])
        pc = code + target;
    NEXT;
}
do_dec:
    stack[sp - 1]--;
    NEXT;
do_print:
    printf("top %ld depth %d\n", stack[sp - 1], sp);
    NEXT;
do_halt:
    return stack[sp - 1];
}

/* Relative tables, as some interpreters keep them: &&label - &&base. */
static int relative(int which) {
    static const int offsets[] = {&&zero - &&zero, &&one - &&zero, &&two - &&zero};
    goto *(&&zero + offsets[which]);
zero:
    return 100;
one:
    return 101;
two:
    return 102;
}

static int state_machine(const char *s) {
    void *state = &&start;
    int words = 0;
    for (;; s++) {
        goto *state;
    start:
        if (!*s)
            return words;
        if (*s != ' ') {
            words++;
            state = &&in_word;
        }
        continue;
    in_word:
        if (!*s)
            return words;
        if (*s == ' ')
            state = &&start;
    }
}

int main(void) {
    /* 1 * 2 * 3 * 4 * 5 by a loop: acc n -> acc*n n-1 */
    static const int program[] = {
        OP_PUSH, 1, OP_PUSH, 5,
        /* 4: */ OP_DUP, OP_JNZ, 9, OP_HALT, OP_HALT,
        /* 9: */ OP_DUP, OP_PUSH, 0, OP_ADD, OP_PRINT, OP_HALT,
    };
    printf("run %ld\n", run(program));
    printf("relative %d %d %d\n", relative(0), relative(1), relative(2));
    printf("words %d %d\n", state_machine("threaded code is fast"), state_machine("  "));
    void *a = &&end, *b = &&end;
    printf("same label, same value: %d\n", a == b);
    goto *a;
    printf("never printed\n");
end:
    return 0;
}
