/* GNU asm statements, as gcc's extended asm: operands, matching and
 * symbolic names, in/out and early-clobber outputs, memory operands,
 * clobbers, volatile barriers, basic asm, and a function written in
 * file-scope asm. x86-64, AT&T syntax. */
#include <stdio.h>
#include <string.h>

__asm__(".text\n"
        ".globl asm_triple\n"
        ".type asm_triple, @function\n"
        "asm_triple:\n"
        "    leal (%rdi,%rdi,2), %eax\n"
        "    ret\n"
        ".size asm_triple, .-asm_triple\n");
int asm_triple(int x);

static int add(int a, int b) {
    int out;
    __asm__("movl %1, %0\n\taddl %2, %0" : "=&r"(out) : "r"(a), "r"(b));
    return out;
}

static unsigned long rotate(unsigned long v, unsigned char n) {
    __asm__("rolq %%cl, %[v]" : [v] "+r"(v) : "c"(n) : "cc");
    return v;
}

static int twice_matching(int x) {
    int r;
    __asm__("addl %0, %0" : "=r"(r) : "0"(x));
    return r;
}

struct pair { long a, b; };

static long sum_pair_mem(struct pair *p) {
    long r;
    __asm__("movq %1, %0\n\taddq %2, %0" : "=r"(r) : "m"(p->a), "m"(p->b));
    return r;
}

static void store_mem(int *where, int v) {
    __asm__ volatile("movl %1, %0" : "=m"(*where) : "ri"(v) : "memory");
}

static int count_bits(unsigned x) {
    int n = 0;
    while (x) {
        unsigned low;
        __asm__("leal -1(%1), %0\n\tandl %1, %0" : "=&r"(low) : "r"(x) : "cc");   /* x & (x - 1) */
        x = low;
        n++;
    }
    return n;
}

int main(void) {
    printf("triple: %d\n", asm_triple(14));
    printf("add: %d\n", add(40, 2));
    printf("rotate: %lx\n", rotate(0x8000000000000001UL, 4));
    printf("matching: %d\n", twice_matching(21));
    struct pair p = {1000, 337};
    printf("mem: %ld\n", sum_pair_mem(&p));
    int cells[3] = {0, 0, 0};
    int *q = cells;
    store_mem(q++, 7);
    store_mem(q, 9);
    printf("stored: %d %d %d\n", cells[0], cells[1], cells[2]);
    __asm__ volatile("" ::: "memory");
    __asm__("nop");
    __asm__ __volatile__("# a comment with a % sign");
    char buf[8];
    memset(buf, 'x', sizeof buf);
    __asm__("movb $0x41, %0" : "=m"(buf[2]));
    printf("buf: %.4s\n", buf);
    printf("bits: %d\n", count_bits(0xF0F1u));
    return 0;
}
