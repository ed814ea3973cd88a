// expect: 5:43: error: 'va_arg' of a vector type is not supported yet
#include <stdarg.h>
typedef int v4si __attribute__((vector_size(16)));
v4si first(int n, ...) {
    va_list ap; va_start(ap, n); v4si v = va_arg(ap, v4si); va_end(ap); return v;
}
