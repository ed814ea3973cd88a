/* constructor and destructor attributes, with and without priorities, in
 * gcc's order; destructors also run when the program ends by exit(),
 * after its atexit handlers, as in gcc's build. */
#include <stdio.h>
#include <stdlib.h>

static int stage;

__attribute__((constructor)) static void plain_first(void) { printf("ctor plain first %d\n", stage++); }
__attribute__((constructor(200))) static void at_200(void) { printf("ctor 200 %d\n", stage++); }
static void __attribute__((constructor(101))) at_101(void) { printf("ctor 101 %d\n", stage++); }
void late_declared(void) __attribute__((constructor));
void late_declared(void) { printf("ctor declared first, defined here %d\n", stage++); }
__attribute__((constructor)) static int returns_int(void) { printf("ctor int %d\n", stage++); return 7; }

__attribute__((destructor)) static void dtor_plain_a(void) { printf("dtor plain a\n"); }
__attribute__((destructor(300))) static void dtor_300(void) { printf("dtor 300\n"); }
__attribute__((destructor(150))) static void dtor_150(void) { printf("dtor 150\n"); }
__attribute__((destructor)) static void dtor_plain_b(void) { printf("dtor plain b, stage %d\n", stage); }

static void on_exit_handler(void) {
    printf("atexit handler\n");
    stage = 100;
}

int main(int argc, char **argv) {
    (void)argv;
    printf("main, stage %d\n", stage);
    atexit(on_exit_handler);
    fflush(stdout);
    if (argc > 1)
        exit(0);   /* run_lang gives arguments: the exit() path */
    return 0;
}
