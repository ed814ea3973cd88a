/* The machine's own headers (--system-headers): every C11 header that
 * memjit can take from glibc and gcc, and the common POSIX ones. Sizes,
 * offsets and constants must be glibc's, and the calls must bind to the
 * symbols gcc binds them to (sscanf is __isoc99_sscanf by an asm label). */
/* memjit-options: --system-headers */
#define _GNU_SOURCE
#include <assert.h>
#include <ctype.h>
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <fenv.h>
#include <float.h>
#include <inttypes.h>
#include <iso646.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdalign.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdnoreturn.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/types.h>
#include <threads.h>
#include <time.h>
#include <uchar.h>
#include <unistd.h>
#include <wchar.h>
#include <wctype.h>

#define SIZE(t) printf("sizeof(%s) = %zu, align %zu\n", #t, sizeof(t), _Alignof(t))
#define AT(t, m) printf("offsetof(%s, %s) = %zu\n", #t, #m, offsetof(t, m))
#define VALUE(c) printf("%s = %lld\n", #c, (long long)(c))

static void sizes(void) {
    SIZE(struct stat); AT(struct stat, st_mode); AT(struct stat, st_size);
    AT(struct stat, st_mtim);
    SIZE(struct timespec); SIZE(struct timeval); AT(struct timeval, tv_usec);
    SIZE(struct dirent); AT(struct dirent, d_type); AT(struct dirent, d_name);
    SIZE(pthread_mutex_t); SIZE(pthread_cond_t); SIZE(pthread_attr_t); SIZE(pthread_t);
    SIZE(sigset_t); SIZE(struct sigaction); AT(struct sigaction, sa_mask);
    AT(struct sigaction, sa_flags);
    SIZE(jmp_buf); SIZE(sigjmp_buf); SIZE(fpos_t); SIZE(FILE); SIZE(mbstate_t);
    SIZE(wchar_t); SIZE(wint_t); SIZE(char16_t); SIZE(char32_t); SIZE(locale_t);
    SIZE(struct lconv); AT(struct lconv, decimal_point); SIZE(struct tm); AT(struct tm, tm_year);
    SIZE(fenv_t); SIZE(fexcept_t); SIZE(off_t); SIZE(pid_t); SIZE(mode_t); SIZE(dev_t);
    SIZE(ino_t); SIZE(time_t); SIZE(clock_t); SIZE(ssize_t); SIZE(max_align_t);
    SIZE(mtx_t); SIZE(thrd_t); SIZE(div_t); SIZE(lldiv_t); SIZE(imaxdiv_t);
    SIZE(sig_atomic_t); SIZE(long double); SIZE(intmax_t); SIZE(wctype_t);
}

static void constants(void) {
    VALUE(O_RDONLY); VALUE(O_WRONLY); VALUE(O_RDWR); VALUE(O_CREAT); VALUE(O_TRUNC);
    VALUE(O_APPEND); VALUE(O_CLOEXEC); VALUE(O_NONBLOCK); VALUE(F_GETFL); VALUE(F_SETFD);
    VALUE(S_IFMT); VALUE(S_IFDIR); VALUE(S_IFREG); VALUE(S_IRWXU); VALUE(S_IRUSR);
    VALUE(SEEK_SET); VALUE(SEEK_END); VALUE(EINTR); VALUE(EAGAIN); VALUE(ENOENT);
    VALUE(EEXIST); VALUE(ERANGE); VALUE(EDOM); VALUE(EILSEQ);
    VALUE(SIGINT); VALUE(SIGKILL); VALUE(SIGUSR1); VALUE(SIGSEGV); VALUE(SA_RESTART);
    VALUE(SA_SIGINFO); VALUE(SIG_BLOCK); VALUE(RTLD_NOW); VALUE(RTLD_LAZY); VALUE(RTLD_GLOBAL);
    VALUE(FE_TONEAREST); VALUE(FE_UPWARD); VALUE(FE_ALL_EXCEPT); VALUE(FE_INEXACT);
    VALUE(WEOF); VALUE(MB_LEN_MAX); VALUE(PATH_MAX); VALUE(_SC_PAGESIZE);
    VALUE(CLOCK_MONOTONIC); VALUE(CLOCK_REALTIME); VALUE(DT_DIR); VALUE(DT_REG);
    VALUE(LC_ALL); VALUE(LC_NUMERIC); VALUE(BUFSIZ); VALUE(EOF); VALUE(FOPEN_MAX);
    VALUE(RAND_MAX); VALUE(CHAR_BIT); VALUE(LONG_MAX); VALUE(SSIZE_MAX); VALUE(INT64_MIN);
    VALUE(SIZE_MAX); VALUE(WCHAR_MAX); VALUE(FLT_RADIX); VALUE(DBL_MANT_DIG); VALUE(LDBL_DIG);
    VALUE(thrd_success); VALUE(mtx_plain); VALUE(PTHREAD_MUTEX_RECURSIVE);
    VALUE(STDIN_FILENO); VALUE(R_OK); VALUE(X_OK);
    printf("PRId64 %s SCNu32 %s\n", PRId64, SCNu32);
    pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
    unsigned char zero[sizeof m] = {0};
    printf("PTHREAD_MUTEX_INITIALIZER all zero: %d\n", !memcmp(&m, zero, sizeof m));
    printf("true %d, alignas %d, and %d\n", true, __alignas_is_defined, 1 and 2);
}

static long shared_sum;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void *add_up(void *arg) {
    for (int i = 0; i < 1000; i++) {
        pthread_mutex_lock(&lock);
        shared_sum += (long)(intptr_t)arg;
        pthread_mutex_unlock(&lock);
    }
    return NULL;
}

static int thread_c11(void *arg) {
    return *(int *)arg * 2;
}

static volatile sig_atomic_t got_signal;

static void on_signal(int sig) {
    got_signal = sig;
}

static sigjmp_buf jump;

static void calls(void) {
    struct stat st;
    printf("stat(/) is a folder: %d\n", stat("/", &st) == 0 && S_ISDIR(st.st_mode));
    char path[] = "/tmp/memjit-headers-XXXXXX";
    int fd = mkstemp(path);
    printf("write %zd\n", write(fd, "hello\n", 6));
    printf("lseek %lld\n", (long long)lseek(fd, 0, SEEK_SET));
    char buf[16] = {0};
    printf("read %zd '%s'\n", read(fd, buf, 5), buf);
    printf("fstat size %lld\n", fstat(fd, &st) == 0 ? (long long)st.st_size : -1LL);
    close(fd);
    int fd2 = open(path, O_RDONLY | O_CLOEXEC);
    printf("open again: %d, fcntl FD_CLOEXEC %d\n", fd2 >= 0, fcntl(fd2, F_GETFD) & FD_CLOEXEC);
    close(fd2);
    unlink(path);
    int gone = access(path, F_OK);
    printf("access after unlink: %d errno ENOENT %d\n", gone, errno == ENOENT);

    DIR *d = opendir("/");
    int entries = 0;
    for (struct dirent *e; d && (e = readdir(d));)
        entries += e->d_name[0] != 0;
    printf("opendir(/) has entries: %d\n", d && entries > 2);
    if (d)
        closedir(d);

    pthread_t t[4];
    for (int i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, add_up, (void *)(intptr_t)(i + 1));
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    printf("threads: %ld\n", shared_sum);
    thrd_t c11;
    int in = 21, out = 0;
    thrd_create(&c11, thread_c11, &in);
    thrd_join(c11, &out);
    printf("thrd_join: %d\n", out);

    void *self = dlopen(NULL, RTLD_NOW);
    printf("dlsym(strlen) is strlen: %d\n", self && dlsym(self, "strlen") == (void *)strlen);
    if (self)
        dlclose(self);

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    printf("signal: %d\n", got_signal == SIGUSR1);
    volatile int steps = 0;
    if (sigsetjmp(jump, 1) == 0) {
        steps = 1;
        siglongjmp(jump, 7);
    }
    printf("siglongjmp back, steps %d\n", steps);

    struct timeval tv;
    struct timespec ts;
    printf("gettimeofday %d clock_gettime %d\n", gettimeofday(&tv, NULL),
           clock_gettime(CLOCK_MONOTONIC, &ts));
    int set = fesetround(FE_UPWARD);
    printf("fesetround %d fegetround is upward %d\n", set, fegetround() == FE_UPWARD);
    /* (no arithmetic in between: without -frounding-math gcc may move it
     * across the calls) */
    fesetround(FE_TONEAREST);
    printf("back to nearest: %d\n", fegetround() == FE_TONEAREST);

    setlocale(LC_ALL, "C");
    printf("decimal point '%s'\n", localeconv()->decimal_point);
    wchar_t wide[] = L"w\u00e9de";
    printf("wcslen %zu iswalpha %d towupper %d\n", wcslen(wide), iswalpha(L'x') != 0,
           (int)towupper(L'q'));
    mbstate_t mb;
    memset(&mb, 0, sizeof mb);
    char32_t c32 = 0;
    size_t used = mbrtoc32(&c32, "A", 1, &mb);
    printf("mbrtoc32 %zu -> %u\n", used, (unsigned)c32);
    wchar_t *end;
    printf("wcstol %ld\n", wcstol(L"  -123xyz", &end, 10));

    int a = 0, b = 0;
    char word[8];
    int got = sscanf("12 34 five", "%d %d %7s", &a, &b, word);
    printf("sscanf %d: %d %d %s\n", got, a, b, word);
    printf("isoc99 sscanf bound: %d\n", sscanf("0x1p3", "%a", &(float){0}) == 1);
    printf("strtoimax %jd, isalpha %d, fabs %.1f\n", strtoimax("-77", NULL, 10),
           isalpha('q') != 0, fabs(-2.5));
    assert(1 + 1 == 2);
}

int main(void) {
    sizes();
    constants();
    calls();
    return 0;
}
