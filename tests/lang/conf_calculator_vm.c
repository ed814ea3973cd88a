/* Probes a recursive-descent calculator over a global cursor and a switch-driven stack VM. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
/* tiny expression calculator: recursive descent */
static const char *src;
static int peek(void) { while (*src == ' ') src++; return *src; }
static long expr(void);
static long prim(void) {
    int c = peek();
    if (c == '(') { src++; long v = expr(); peek(); src++; return v; }
    if (c == '-') { src++; return -prim(); }
    long v = 0; while (*src >= '0' && *src <= '9') v = v * 10 + (*src++ - '0'); return v;
}
static long term(void) {
    long v = prim();
    for (;;) { int c = peek(); if (c == '*') { src++; v *= prim(); } else if (c == '/') { src++; v /= prim(); } else if (c == '%') { src++; v %= prim(); } else return v; }
}
static long expr(void) {
    long v = term();
    for (;;) { int c = peek(); if (c == '+') { src++; v += term(); } else if (c == '-') { src++; v -= term(); } else return v; }
}
/* stack VM */
enum Op { PUSH, ADD, SUB, MUL, JNZ, DUP, SWAP, DEC, PRINT, HALT };
static void run(const int *code) {
    int stack[64], sp = 0, pc = 0;
    for (;;) {
        switch (code[pc++]) {
        case PUSH: stack[sp++] = code[pc++]; break;
        case ADD: sp--; stack[sp - 1] += stack[sp]; break;
        case SUB: sp--; stack[sp - 1] -= stack[sp]; break;
        case MUL: sp--; stack[sp - 1] *= stack[sp]; break;
        case DUP: stack[sp] = stack[sp - 1]; sp++; break;
        case SWAP: { int t = stack[sp - 1]; stack[sp - 1] = stack[sp - 2]; stack[sp - 2] = t; break; }
        case DEC: stack[sp - 1]--; break;
        case JNZ: { int target = code[pc++]; if (stack[--sp]) pc = target; break; }
        case PRINT: printf("%d\n", stack[--sp]); break;
        case HALT: return;
        default: printf("bad op\n"); return;
        }
    }
}
static int cmpint(const void *a, const void *b) { int x = *(const int *)a, y = *(const int *)b; return (x > y) - (x < y); }
int main(void) {
    const char *tests[] = {"1+2*3", "(1+2)*3", "100/7%4", "-(3-10)*2", "2*(3+(4-1))*5"};
    for (unsigned i = 0; i < sizeof tests / sizeof *tests; i++) { src = tests[i]; printf("%s = %ld\n", tests[i], expr()); }
    /* factorial of 10 */
    int code[] = {PUSH, 1, PUSH, 10, /*4*/ DUP, PUSH, 0, SWAP, SUB, PUSH, 0, SWAP, SUB, /* acc n n */ 
                  SWAP, HALT};
    (void)code;
    int fact[] = {PUSH, 1, PUSH, 5, /*4:*/ SWAP, PUSH, 0, ADD, HALT};
    run(fact);
    int loop[] = {PUSH, 3, /*2:*/ DUP, PRINT, DEC, DUP, JNZ, 2, HALT};
    run(loop);
    int arr[] = {5, -3, 9, 0, 12, -7, 3};
    qsort(arr, 7, sizeof arr[0], cmpint);
    for (int i = 0; i < 7; i++) printf("%d ", arr[i]); printf("\n");
    char dup[] = "a,b,,c"; int n = 0; for (char *t = strtok(dup, ","); t; t = strtok(NULL, ",")) n++; printf("%d\n", n);
    return 0;
}
