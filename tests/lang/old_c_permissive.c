/* Old C under -fpermissive, with gcc 12's meaning: an undeclared library
 * function takes the library's type (sqrt returns a double, strlen an
 * unsigned long, memcpy a pointer, never int); any other undeclared
 * function is int f(); implicit int in declarations, return types and
 * K&R parameters; the __builtin_ spellings of library functions; a
 * parameter declared as a VLA evaluates its size on entry. */
/* memjit-options: -fpermissive */
#include <stdio.h>

static count = 3;
const limit = 10;

twice(x) { return 2 * x; }

later(a, b) char a; { return a + b + undeclared_later(); }

undeclared_later() { return 100; }

sub(int i, int array[i++]) { return i; }

main() {
    char buf[32];
    double r = sqrt(2.0) * sqrtf(8.0f);
    void *end = memcpy(buf, "hello, world", 13);
    printf("%.6f %d %d\n", r, end == buf, (int)strlen(buf));
    printf("%d %d %d\n", twice(count), limit, later(300, 2));
    __builtin_memset(buf, 'x', 3);
    printf("%.5s %d %d\n", buf, (int)__builtin_strlen(buf), __builtin_abs(-7));
    printf("%d %.1f %ld\n", sub(10, 0), fabs(-2.5), labs(-5L));
    printf("%d %d\n", toupper('q'), isdigit('7') != 0);
    if (strcmp(buf, "xxxlo, world"))
        abort();
    exit(0);
}
