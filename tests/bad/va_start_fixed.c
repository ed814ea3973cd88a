// expect: 5:5: error: 'va_start' used in function with fixed arguments
#include <stdarg.h>
int f(int n) {
    va_list ap;
    va_start(ap, n);
    return 0;
}
