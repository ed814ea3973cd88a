/* asm labels rename the symbol a declaration links as (glibc's
 * __REDIRECT), for functions and variables, even after a first use. */
#include <stdio.h>
#include <string.h>

extern int my_puts(const char *) __asm__("puts");
extern size_t length_of(const char *) __asm__("" "strlen");
int counter __asm__("memjit_renamed_counter") = 41;
extern int counter_again __asm__("memjit_renamed_counter");
static int helper(int x) __asm__("memjit_helper_sym");
static int helper(int x) { return x + 1; }
int late(void);
static int call_late(void) { return late(); }
int late(void) __asm__("memjit_late_sym");
int late(void) { return 7; }
int twice(void) __asm__("memjit_twice_a");
int twice(void) { return 3; }

int main(void) {
    my_puts("through puts");
    printf("%d %d %zu\n", helper(counter), counter_again, length_of("four"));
    counter_again++;
    printf("%d %d %d\n", counter, call_late(), twice());
    return 0;
}
