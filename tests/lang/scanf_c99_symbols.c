/* memjit's <stdio.h> binds the scanf family to glibc's C99 functions, as
 * gcc's build with glibc's headers does: "%as" is a float conversion and
 * an 's', not GNU's allocating %a (which the plain sscanf symbol reads). */
#include <stdarg.h>
#include <stdio.h>

static int via_vsscanf(const char *text, const char *format, ...) {
    va_list ap;
    va_start(ap, format);
    int n = vsscanf(text, format, ap);
    va_end(ap);
    return n;
}

int main(void) {
    char *p = NULL;
    float f = 0;
    printf("sscanf %%as on a word: %d\n", sscanf("hello", "%as", &p));
    printf("sscanf %%as on a float: %d %g\n", sscanf("2.5s", "%as", &f), f);
    printf("vsscanf %%as: %d\n", via_vsscanf("hello", "%as", &p));
    printf("p untouched: %d\n", p == NULL);
    return 0;
}
