/* <setjmp.h>, <signal.h>, <locale.h>, <iso646.h>, <stdalign.h> and
 * <stdnoreturn.h> from memjit's headers agree with glibc's (gcc builds
 * this with the system's): layouts, constants, and behaviour. setjmp at
 * -O2: the locals that change between the two returns are volatile and
 * keep their new values; those set before setjmp keep theirs; a loop
 * driven by longjmp counts as gcc's does. */
#define _POSIX_C_SOURCE 200809L
#include <iso646.h>
#include <locale.h>
#include <setjmp.h>
#include <signal.h>
#include <stdalign.h>
#include <stddef.h>
#include <stdio.h>
#include <stdnoreturn.h>
#include <string.h>

static jmp_buf env;
static sigjmp_buf senv;
static volatile sig_atomic_t got;

static noreturn void jump_back(int v) {
    longjmp(env, v);
}

static void deeper(int depth, int v) {
    if (depth == 0)
        jump_back(v);
    deeper(depth - 1, v);
}

static void on_signal(int sig) {
    got = sig;
}

static void on_usr2(int sig) {
    siglongjmp(senv, sig);
}

static int jumps(int argc) {
    int fixed = 40 + argc;           /* set before setjmp, never changed */
    volatile int changed = 1;
    volatile int rounds = 0;
    int r = setjmp(env);
    if (r < 5) {
        changed = changed * 3;
        rounds++;
        deeper(r + 2, r + 1);
    }
    printf("setjmp: r=%d rounds=%d changed=%d fixed=%d\n", r, rounds, changed, fixed);
    return fixed + rounds;
}

int main(int argc, char **argv) {
    (void)argv;
    printf("%zu %zu %zu %zu %zu\n", sizeof(jmp_buf), sizeof(sigjmp_buf), sizeof(sigset_t),
           sizeof(struct sigaction), sizeof(siginfo_t));
    printf("%zu %zu %zu\n", offsetof(struct sigaction, sa_mask),
           offsetof(struct sigaction, sa_flags), offsetof(struct sigaction, sa_restorer));
    printf("%zu %zu %zu\n", sizeof(struct lconv), offsetof(struct lconv, int_frac_digits),
           offsetof(struct lconv, int_n_sign_posn));
    printf("%d %d %d %d %d %d %d\n", LC_CTYPE, LC_NUMERIC, LC_TIME, LC_COLLATE, LC_MONETARY,
           LC_MESSAGES, LC_ALL);
    printf("%d %d %d %d %d %d %d %d\n", SIGINT, SIGILL, SIGABRT, SIGFPE, SIGSEGV, SIGTERM,
           SIGUSR1, SIGCHLD);
    printf("%d %d %d %d\n", SA_SIGINFO, SA_RESTART, SIG_BLOCK, SIG_SETMASK);
    printf("%d\n", jumps(argc));

    if (signal(SIGUSR1, on_signal) == SIG_ERR)
        return 1;
    raise(SIGUSR1);
    printf("signal: got %d\n", got);

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr2;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGUSR2, &sa, NULL);
    int s = sigsetjmp(senv, 1);
    if (s == 0)
        raise(SIGUSR2);
    sigset_t now;
    sigprocmask(SIG_BLOCK, NULL, &now);
    printf("siglongjmp: %d, SIGUSR2 blocked after it: %d\n", s, sigismember(&now, SIGUSR2));

    struct lconv *lc = localeconv();
    printf("locale: '%s' '%s' %d\n", setlocale(LC_ALL, NULL), lc->decimal_point,
           lc->frac_digits == 127);
    printf("%d %d %zu\n", 1 and 0, 1 bitor 2 xor 1, alignof(max_align_t));
    alignas(16) char buf[3];
    printf("%d\n", (int)((size_t)buf % 16));
    return 0;
}
