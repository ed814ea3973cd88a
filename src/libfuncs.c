/* libfuncs.c - the C library functions that gcc knows as builtins.
 *
 * gcc gives these names a meaning of its own (builtins.def's
 * DEF_LIB_BUILTIN, DEF_C99_BUILTIN and DEF_EXT_LIB_BUILTIN): a call of
 * __builtin_memcpy is a call of memcpy, and a call of an undeclared
 * memcpy under -fpermissive declares it with the library's type, not as
 * "int memcpy()". Both need the library's prototype before any header
 * is read, so it is written here as a type name that
 * parse_type_name_string reads ("unsigned long" standing for size_t, as
 * on x86-64). The table also names the header that declares each, for
 * gcc's note "include '<stdlib.h>' or provide a declaration of 'abort'".
 *
 * Functions whose prototype needs a type no header has defined yet
 * (FILE *, va_list, jmp_buf) are left out: an undeclared fprintf stays
 * "int fprintf()", which passes the arguments the same way.
 */

#include <stdio.h>
#include <string.h>

#include "front.h"

typedef struct LibFunc {
    const char *name;
    const char *header;
    /* the prototype; with FLOATING, "D" is double and the names with an f
     * (float) or l (long double) after them exist too */
    const char *type;
    bool floating;
} LibFunc;

#define SIZE "unsigned long"

static const LibFunc lib_funcs[] = {
    /* <stdlib.h> */
    {"abort", "stdlib.h", "void(void)", false},
    {"exit", "stdlib.h", "void(int)", false},
    {"_Exit", "stdlib.h", "void(int)", false},
    {"malloc", "stdlib.h", "void *(" SIZE ")", false},
    {"calloc", "stdlib.h", "void *(" SIZE ", " SIZE ")", false},
    {"realloc", "stdlib.h", "void *(void *, " SIZE ")", false},
    {"free", "stdlib.h", "void(void *)", false},
    {"abs", "stdlib.h", "int(int)", false},
    {"labs", "stdlib.h", "long(long)", false},
    {"llabs", "stdlib.h", "long long(long long)", false},
    {"alloca", "alloca.h", "void *(" SIZE ")", false},
    {"_exit", "unistd.h", "void(int)", false},
    /* <string.h>, <strings.h> */
    {"memcpy", "string.h", "void *(void *, const void *, " SIZE ")", false},
    {"memmove", "string.h", "void *(void *, const void *, " SIZE ")", false},
    {"mempcpy", "string.h", "void *(void *, const void *, " SIZE ")", false},
    {"memset", "string.h", "void *(void *, int, " SIZE ")", false},
    {"memcmp", "string.h", "int(const void *, const void *, " SIZE ")", false},
    {"memchr", "string.h", "void *(const void *, int, " SIZE ")", false},
    {"strlen", "string.h", SIZE "(const char *)", false},
    {"strnlen", "string.h", SIZE "(const char *, " SIZE ")", false},
    {"strcmp", "string.h", "int(const char *, const char *)", false},
    {"strncmp", "string.h", "int(const char *, const char *, " SIZE ")", false},
    {"strcpy", "string.h", "char *(char *, const char *)", false},
    {"strncpy", "string.h", "char *(char *, const char *, " SIZE ")", false},
    {"stpcpy", "string.h", "char *(char *, const char *)", false},
    {"strcat", "string.h", "char *(char *, const char *)", false},
    {"strncat", "string.h", "char *(char *, const char *, " SIZE ")", false},
    {"strchr", "string.h", "char *(const char *, int)", false},
    {"strrchr", "string.h", "char *(const char *, int)", false},
    {"strstr", "string.h", "char *(const char *, const char *)", false},
    {"strpbrk", "string.h", "char *(const char *, const char *)", false},
    {"strspn", "string.h", SIZE "(const char *, const char *)", false},
    {"strcspn", "string.h", SIZE "(const char *, const char *)", false},
    {"strdup", "string.h", "char *(const char *)", false},
    {"strndup", "string.h", "char *(const char *, " SIZE ")", false},
    {"bzero", "strings.h", "void(void *, " SIZE ")", false},
    {"bcmp", "strings.h", "int(const void *, const void *, " SIZE ")", false},
    {"bcopy", "strings.h", "void(const void *, void *, " SIZE ")", false},
    {"index", "strings.h", "char *(const char *, int)", false},
    {"rindex", "strings.h", "char *(const char *, int)", false},
    {"ffs", "strings.h", "int(int)", false},
    {"ffsl", "string.h", "int(long)", false},
    {"ffsll", "string.h", "int(long long)", false},
    /* <stdio.h> */
    {"printf", "stdio.h", "int(const char *, ...)", false},
    {"sprintf", "stdio.h", "int(char *, const char *, ...)", false},
    {"snprintf", "stdio.h", "int(char *, " SIZE ", const char *, ...)", false},
    {"scanf", "stdio.h", "int(const char *, ...)", false},
    {"sscanf", "stdio.h", "int(const char *, const char *, ...)", false},
    {"puts", "stdio.h", "int(const char *)", false},
    {"putchar", "stdio.h", "int(int)", false},
    /* <ctype.h> */
    {"isalnum", "ctype.h", "int(int)", false},
    {"isalpha", "ctype.h", "int(int)", false},
    {"isascii", "ctype.h", "int(int)", false},
    {"isblank", "ctype.h", "int(int)", false},
    {"iscntrl", "ctype.h", "int(int)", false},
    {"isdigit", "ctype.h", "int(int)", false},
    {"isgraph", "ctype.h", "int(int)", false},
    {"islower", "ctype.h", "int(int)", false},
    {"isprint", "ctype.h", "int(int)", false},
    {"ispunct", "ctype.h", "int(int)", false},
    {"isspace", "ctype.h", "int(int)", false},
    {"isupper", "ctype.h", "int(int)", false},
    {"isxdigit", "ctype.h", "int(int)", false},
    {"toascii", "ctype.h", "int(int)", false},
    {"tolower", "ctype.h", "int(int)", false},
    {"toupper", "ctype.h", "int(int)", false},
    /* <math.h>: each also with f and l */
    {"acos", "math.h", "D(D)", true},
    {"acosh", "math.h", "D(D)", true},
    {"asin", "math.h", "D(D)", true},
    {"asinh", "math.h", "D(D)", true},
    {"atan", "math.h", "D(D)", true},
    {"atan2", "math.h", "D(D, D)", true},
    {"atanh", "math.h", "D(D)", true},
    {"cbrt", "math.h", "D(D)", true},
    {"ceil", "math.h", "D(D)", true},
    {"copysign", "math.h", "D(D, D)", true},
    {"cos", "math.h", "D(D)", true},
    {"cosh", "math.h", "D(D)", true},
    {"erf", "math.h", "D(D)", true},
    {"erfc", "math.h", "D(D)", true},
    {"exp", "math.h", "D(D)", true},
    {"exp2", "math.h", "D(D)", true},
    {"expm1", "math.h", "D(D)", true},
    {"fabs", "math.h", "D(D)", true},
    {"fdim", "math.h", "D(D, D)", true},
    {"floor", "math.h", "D(D)", true},
    {"fma", "math.h", "D(D, D, D)", true},
    {"fmax", "math.h", "D(D, D)", true},
    {"fmin", "math.h", "D(D, D)", true},
    {"fmod", "math.h", "D(D, D)", true},
    {"frexp", "math.h", "D(D, int *)", true},
    {"hypot", "math.h", "D(D, D)", true},
    {"ilogb", "math.h", "int(D)", true},
    {"ldexp", "math.h", "D(D, int)", true},
    {"lgamma", "math.h", "D(D)", true},
    {"llrint", "math.h", "long long(D)", true},
    {"llround", "math.h", "long long(D)", true},
    {"log", "math.h", "D(D)", true},
    {"log10", "math.h", "D(D)", true},
    {"log1p", "math.h", "D(D)", true},
    {"log2", "math.h", "D(D)", true},
    {"logb", "math.h", "D(D)", true},
    {"lrint", "math.h", "long(D)", true},
    {"lround", "math.h", "long(D)", true},
    {"modf", "math.h", "D(D, D *)", true},
    {"nan", "math.h", "D(const char *)", true},
    {"nearbyint", "math.h", "D(D)", true},
    {"nextafter", "math.h", "D(D, D)", true},
    {"pow", "math.h", "D(D, D)", true},
    {"remainder", "math.h", "D(D, D)", true},
    {"rint", "math.h", "D(D)", true},
    {"round", "math.h", "D(D)", true},
    {"scalbn", "math.h", "D(D, int)", true},
    {"sin", "math.h", "D(D)", true},
    {"sinh", "math.h", "D(D)", true},
    {"sqrt", "math.h", "D(D)", true},
    {"tan", "math.h", "D(D)", true},
    {"tanh", "math.h", "D(D)", true},
    {"tgamma", "math.h", "D(D)", true},
    {"trunc", "math.h", "D(D)", true},
};

/* The type with every "D" replaced by the floating type. */
static bool spell_floating(const char *pattern, const char *flo, char *out, size_t size) {
    size_t n = 0, flo_len = strlen(flo);
    for (const char *s = pattern; *s; s++) {
        const char *piece = *s == 'D' ? flo : s;
        size_t len = *s == 'D' ? flo_len : 1;
        if (n + len >= size)
            return false;
        memcpy(out + n, piece, len);
        n += len;
    }
    out[n] = '\0';
    return true;
}

bool library_function(const char *name, LibFuncInfo *out) {
    size_t len = strlen(name);
    for (size_t i = 0; i < sizeof lib_funcs / sizeof *lib_funcs; i++) {
        const LibFunc *f = &lib_funcs[i];
        size_t flen = strlen(f->name);
        const char *flo = NULL;
        if (len == flen && !memcmp(name, f->name, len))
            flo = "double";
        else if (f->floating && len == flen + 1 && !memcmp(name, f->name, flen))
            flo = name[flen] == 'f' ? "float" : name[flen] == 'l' ? "long double" : NULL;
        if (!flo)
            continue;
        out->header = f->header;
        if (!f->floating) {
            snprintf(out->type, sizeof out->type, "%s", f->type);
            return true;
        }
        return spell_floating(f->type, flo, out->type, sizeof out->type);
    }
    return false;
}
