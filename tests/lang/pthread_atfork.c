/* pthread_atfork and its other name __pthread_atfork, which gcc's link
 * takes from libc_nonshared.a (no dynamic symbol): memjit's linker makes
 * a trampoline for each that passes this module's handle, so the handler
 * runs at fork and goes with the module. */
#include <pthread.h>
int __pthread_atfork(void (*)(void), void (*)(void), void (*)(void));
#include <stdio.h>
#include <unistd.h>
#include <sys/wait.h>

static void pre(void) { puts("prepare"); fflush(stdout); }
static void parent(void) { puts("parent"); fflush(stdout); }

int main(void) {
    if (pthread_atfork(pre, NULL, NULL) != 0 || __pthread_atfork(NULL, parent, NULL) != 0)
        return 1;
    pid_t p = fork();
    if (p == 0) _exit(0);
    waitpid(p, NULL, 0);
    puts("done");
    return 0;
}
