/* placement_fib.c - gcc's -O2 fib (kernels/fib.c) started PAD_BYTES + 1
 * bytes, rounded up to 16, after a 64-byte boundary. bench/meson.build
 * builds it four times as shared objects, one per 16-byte offset, for
 * bench/placement.c. -fno-toplevel-reorder keeps the pad first. */
#define TEXT_(x) #x
#define TEXT(x) TEXT_(x)

__attribute__((used, aligned(64))) void placement_pad(void);

void placement_pad(void) {
    __asm__ volatile(".skip " TEXT(PAD_BYTES) ", 0x90");
}

#include "kernels/fib.c"
