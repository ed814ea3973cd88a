/*
 * headers.c - memjit's own standard headers, held in memory.
 *
 * A compile must not depend on the host's /usr/include (glibc's headers
 * are full of extensions our front end does not parse), so memjit serves
 * the standard headers itself. They declare what glibc provides on
 * x86-64, with glibc's constants, so compiled code links against the host
 * process's libc. Only plain C is used: prototypes, typedefs, extern, no
 * attributes, no struct bodies, no inline functions.
 *
 * Every include is lexed on every compile, so the text is kept compact:
 * several declarators share one declaration and parameters have no names.
 * Typedefs needed by several headers sit behind a __MJ_*_T guard of their
 * own so that a repeated typedef never reaches the parser.
 *
 * What glibc declares only for POSIX or GNU programs (strdup, getline,
 * ssize_t...) is declared only when the program asks for it with a feature
 * macro (_GNU_SOURCE, _POSIX_C_SOURCE, ...), as glibc does under gcc
 * -std=c11: a C11 program may well define its own getline.
 */
#include <string.h>

#include "front.h"

#define SIZE_T "#ifndef __MJ_SIZE_T\n#define __MJ_SIZE_T\ntypedef unsigned long size_t;\n#endif\n"
#define NULL_ "#ifndef NULL\n#define NULL ((void*)0)\n#endif\n"
#define WCHAR_T "#ifndef __MJ_WCHAR_T\n#define __MJ_WCHAR_T\ntypedef int wchar_t;\n#endif\n"
#define VA_LIST_T "#ifndef __MJ_VA_LIST_T\n#define __MJ_VA_LIST_T\n" \
    "typedef __builtin_va_list __mj_va_list;\n#endif\n"
/* Defines __MJ_POSIX when the program asked for more than ISO C. */
#define POSIX_FEATURES "#if defined(_GNU_SOURCE)||defined(_DEFAULT_SOURCE)||" \
    "defined(_BSD_SOURCE)||defined(_SVID_SOURCE)||defined(_POSIX_C_SOURCE)||" \
    "defined(_XOPEN_SOURCE)\n#define __MJ_POSIX 1\n#endif\n"

static const char stddef_h[] =
    "#ifndef __MJ_STDDEF_H\n#define __MJ_STDDEF_H\n" SIZE_T NULL_ WCHAR_T
    "typedef long ptrdiff_t;\n"
    "typedef struct{long long __ll;long double __ld;}max_align_t;\n"
    "#define offsetof(T,m) ((size_t)&(((T*)0)->m))\n"
    "#endif\n";

static const char stdio_h[] =
    "#ifndef __MJ_STDIO_H\n#define __MJ_STDIO_H\n" SIZE_T NULL_ VA_LIST_T POSIX_FEATURES
    "typedef struct _IO_FILE FILE;\n"
    "typedef struct{long __pos;int __state[2];}fpos_t;\n"
    "extern FILE *stdin,*stdout,*stderr;\n"
    "#define stdin stdin\n#define stdout stdout\n#define stderr stderr\n"
    "#define EOF (-1)\n#define BUFSIZ 8192\n#define FILENAME_MAX 4096\n"
    "#define FOPEN_MAX 16\n#define L_tmpnam 20\n#define TMP_MAX 238328\n"
    "#define SEEK_SET 0\n#define SEEK_CUR 1\n#define SEEK_END 2\n"
    "#define _IOFBF 0\n#define _IOLBF 1\n#define _IONBF 2\n"
    "int printf(const char*,...),fprintf(FILE*,const char*,...),"
    "sprintf(char*,const char*,...),snprintf(char*,size_t,const char*,...),"
    /* gcc binds the C99 scanf family to glibc's __isoc99_ versions (the
       plain ones read "%as" as GNU's allocating %a) */
    "scanf(const char*,...)__asm__(\"__isoc99_scanf\"),"
    "fscanf(FILE*,const char*,...)__asm__(\"__isoc99_fscanf\"),"
    "sscanf(const char*,const char*,...)__asm__(\"__isoc99_sscanf\");\n"
    "int vprintf(const char*,__mj_va_list),vfprintf(FILE*,const char*,__mj_va_list),"
    "vsprintf(char*,const char*,__mj_va_list),"
    "vsnprintf(char*,size_t,const char*,__mj_va_list),"
    "vscanf(const char*,__mj_va_list)__asm__(\"__isoc99_vscanf\"),"
    "vfscanf(FILE*,const char*,__mj_va_list)__asm__(\"__isoc99_vfscanf\"),"
    "vsscanf(const char*,const char*,__mj_va_list)__asm__(\"__isoc99_vsscanf\");\n"
    "int puts(const char*),putchar(int),fputs(const char*,FILE*),"
    "fputc(int,FILE*),putc(int,FILE*),getchar(void),getc(FILE*),"
    "fgetc(FILE*),ungetc(int,FILE*),fclose(FILE*),fflush(FILE*),"
    "fseek(FILE*,long,int),feof(FILE*),ferror(FILE*),"
    "remove(const char*),rename(const char*,const char*),"
    "setvbuf(FILE*,char*,int,size_t),fgetpos(FILE*,fpos_t*),"
    "fsetpos(FILE*,const fpos_t*);\n"
    "char *fgets(char*,int,FILE*),*tmpnam(char*);\n"
    "FILE *fopen(const char*,const char*),*tmpfile(void),"
    "*freopen(const char*,const char*,FILE*);\n"
    "size_t fread(void*,size_t,size_t,FILE*),"
    "fwrite(const void*,size_t,size_t,FILE*);\n"
    "long ftell(FILE*);\n"
    "void rewind(FILE*),perror(const char*),clearerr(FILE*),"
    "setbuf(FILE*,char*);\n"
    "#ifdef __MJ_POSIX\n"
    "typedef long ssize_t,off_t;\n"
    "#ifndef __MJ_VA_LIST\n#define __MJ_VA_LIST\ntypedef __mj_va_list va_list;\n#endif\n"
    "#define P_tmpdir \"/tmp\"\n"
    "FILE *fdopen(int,const char*),*popen(const char*,const char*),"
    "*fmemopen(void*,size_t,const char*);\n"
    "int fileno(FILE*),pclose(FILE*),dprintf(int,const char*,...),"
    "vdprintf(int,const char*,__mj_va_list),fseeko(FILE*,off_t,int);\n"
    "off_t ftello(FILE*);\n"
    "ssize_t getline(char**,size_t*,FILE*),getdelim(char**,size_t*,int,FILE*);\n"
    "#endif\n"
    "#ifdef _GNU_SOURCE\n"
    "int asprintf(char**,const char*,...),vasprintf(char**,const char*,__mj_va_list);\n"
    "#endif\n"
    "#endif\n";

static const char stdlib_h[] =
    "#ifndef __MJ_STDLIB_H\n#define __MJ_STDLIB_H\n" SIZE_T NULL_ WCHAR_T POSIX_FEATURES
    "#define EXIT_SUCCESS 0\n#define EXIT_FAILURE 1\n#define RAND_MAX 2147483647\n"
    "#define MB_CUR_MAX (__ctype_get_mb_cur_max())\n"
    "typedef struct{int quot,rem;}div_t;\ntypedef struct{long quot,rem;}ldiv_t;\n"
    "typedef struct{long long quot,rem;}lldiv_t;\n"
    "div_t div(int,int);\nldiv_t ldiv(long,long);\nlldiv_t lldiv(long long,long long);\n"
    "size_t __ctype_get_mb_cur_max(void),mbstowcs(wchar_t*,const char*,size_t),"
    "wcstombs(char*,const wchar_t*,size_t);\n"
    "void *malloc(size_t),*calloc(size_t,size_t),*realloc(void*,size_t),"
    "*aligned_alloc(size_t,size_t),"
    "*bsearch(const void*,const void*,size_t,size_t,int(*)(const void*,const void*));\n"
    "void free(void*),srand(unsigned),"
    "qsort(void*,size_t,size_t,int(*)(const void*,const void*));\n"
    "_Noreturn void exit(int),_Exit(int),abort(void),quick_exit(int);\n"
    "int atexit(void(*)(void)),at_quick_exit(void(*)(void)),atoi(const char*),"
    "abs(int),rand(void),system(const char*),mblen(const char*,size_t),"
    "mbtowc(wchar_t*,const char*,size_t),wctomb(char*,wchar_t);\n"
    "long atol(const char*),strtol(const char*,char**,int),labs(long);\n"
    "long long atoll(const char*),strtoll(const char*,char**,int),"
    "llabs(long long);\n"
    "unsigned long strtoul(const char*,char**,int);\n"
    "unsigned long long strtoull(const char*,char**,int);\n"
    "double atof(const char*),strtod(const char*,char**);\n"
    "float strtof(const char*,char**);\n"
    "long double strtold(const char*,char**);\n"
    "char *getenv(const char*);\n"
    "#ifdef __MJ_POSIX\n"
    "int setenv(const char*,const char*,int),unsetenv(const char*),"
    "posix_memalign(void**,size_t,size_t),mkstemp(char*),rand_r(unsigned*);\n"
    "long random(void);\nvoid srandom(unsigned);\n"
    "char *realpath(const char*,char*),*mkdtemp(char*);\n"
    "#endif\n"
    "#endif\n";

static const char string_h[] =
    "#ifndef __MJ_STRING_H\n#define __MJ_STRING_H\n" SIZE_T NULL_ POSIX_FEATURES
    "void *memcpy(void*,const void*,size_t),*memmove(void*,const void*,size_t),"
    "*memset(void*,int,size_t),*memchr(const void*,int,size_t);\n"
    "int memcmp(const void*,const void*,size_t),strcmp(const char*,const char*),"
    "strncmp(const char*,const char*,size_t),strcoll(const char*,const char*);\n"
    "char *strcpy(char*,const char*),*strncpy(char*,const char*,size_t),"
    "*strcat(char*,const char*),*strncat(char*,const char*,size_t),"
    "*strchr(const char*,int),*strrchr(const char*,int),"
    "*strstr(const char*,const char*),*strpbrk(const char*,const char*),"
    "*strtok(char*,const char*),*strerror(int);\n"
    "size_t strlen(const char*),"
    "strspn(const char*,const char*),strcspn(const char*,const char*),"
    "strxfrm(char*,const char*,size_t);\n"
    "#ifdef __MJ_POSIX\n"
    "char *strdup(const char*),*strndup(const char*,size_t),"
    "*strtok_r(char*,const char*,char**),*stpcpy(char*,const char*),"
    "*strsep(char**,const char*),*strsignal(int);\n"
    "size_t strnlen(const char*,size_t);\n"
    "void *memccpy(void*,const void*,int,size_t);\n"
    "int strcasecmp(const char*,const char*),strncasecmp(const char*,const char*,size_t);\n"
    "#endif\n"
    "#endif\n";

/* One line per argument shape, for the double, float and long double forms. */
#define MATH1(T, S) \
    T sin##S(T),cos##S(T),tan##S(T),asin##S(T),acos##S(T),atan##S(T),\
sinh##S(T),cosh##S(T),tanh##S(T),asinh##S(T),acosh##S(T),atanh##S(T),\
exp##S(T),exp2##S(T),expm1##S(T),log##S(T),log10##S(T),log2##S(T),\
log1p##S(T),sqrt##S(T),cbrt##S(T),fabs##S(T),floor##S(T),ceil##S(T),\
round##S(T),trunc##S(T),rint##S(T),nearbyint##S(T),\
atan2##S(T,T),pow##S(T,T),hypot##S(T,T),fmod##S(T,T),remainder##S(T,T),\
fmin##S(T,T),fmax##S(T,T),fdim##S(T,T),copysign##S(T,T),fma##S(T,T,T),\
frexp##S(T,int*),ldexp##S(T,int),modf##S(T,T*),scalbn##S(T,int),\
scalbln##S(T,long),logb##S(T),erf##S(T),erfc##S(T),lgamma##S(T),tgamma##S(T),\
nextafter##S(T,T),nexttoward##S(T,long double),remquo##S(T,T,int*),\
nan##S(const char*);
#define STR_(...) #__VA_ARGS__
#define STR(...) STR_(__VA_ARGS__)

static const char math_h[] =
    "#ifndef __MJ_MATH_H\n#define __MJ_MATH_H\n"
    STR(MATH1(double, )) "\n"
    STR(MATH1(float, f)) "\n"
    STR(MATH1(long double, l)) "\n"
    "long lround(double),lroundf(float),lroundl(long double),"
    "lrint(double),lrintf(float),lrintl(long double);\n"
    "long long llround(double),llroundf(float),llroundl(long double),"
    "llrint(double),llrintf(float),llrintl(long double);\n"
    "int ilogb(double),ilogbf(float),ilogbl(long double);\n"
    "typedef float float_t;\ntypedef double double_t;\n"
    "#define FP_ILOGB0 (-2147483647-1)\n#define FP_ILOGBNAN (-2147483647-1)\n"
    "#define MATH_ERRNO 1\n#define MATH_ERREXCEPT 2\n"
    "#define math_errhandling (MATH_ERRNO|MATH_ERREXCEPT)\n"
    "#define isgreater(x,y) ((x)>(y))\n#define isgreaterequal(x,y) ((x)>=(y))\n"
    "#define isless(x,y) ((x)<(y))\n#define islessequal(x,y) ((x)<=(y))\n"
    "#define islessgreater(x,y) ((x)<(y)||(x)>(y))\n"
    "#define isunordered(x,y) (isnan(x)||isnan(y))\n"
    "#define M_E 2.7182818284590452354\n#define M_LOG2E 1.4426950408889634074\n"
    "#define M_LOG10E 0.43429448190325182765\n#define M_LN2 0.69314718055994530942\n"
    "#define M_LN10 2.30258509299404568402\n#define M_PI 3.14159265358979323846\n"
    "#define M_PI_2 1.57079632679489661923\n#define M_PI_4 0.78539816339744830962\n"
    "#define M_1_PI 0.31830988618379067154\n#define M_2_PI 0.63661977236758134308\n"
    "#define M_2_SQRTPI 1.12837916709551257390\n#define M_SQRT2 1.41421356237309504880\n"
    "#define M_SQRT1_2 0.70710678118654752440\n"
    "#define HUGE_VAL (__builtin_huge_val())\n#define HUGE_VALF (__builtin_inff())\n"
    "#define HUGE_VALL ((long double)__builtin_huge_val())\n"
    "#define INFINITY (__builtin_inff())\n#define NAN (__builtin_nanf(\"\"))\n"
    "#define FP_NAN 0\n#define FP_INFINITE 1\n#define FP_ZERO 2\n"
    "#define FP_SUBNORMAL 3\n#define FP_NORMAL 4\n"
    "#define isnan(x) __builtin_isnan(x)\n#define isinf(x) __builtin_isinf_sign(x)\n"
    "#define isfinite(x) __builtin_isfinite(x)\n#define signbit(x) __builtin_signbit(x)\n"
    "#define fpclassify(x) (isnan(x)?FP_NAN:isinf(x)?FP_INFINITE:(x)==0?FP_ZERO:"
    "((x)<0?-(x):(x))<(sizeof(x)==4?__FLT_MIN__:sizeof(x)==8?__DBL_MIN__:__LDBL_MIN__)?"
    "FP_SUBNORMAL:FP_NORMAL)\n"
    "#define isnormal(x) (fpclassify(x)==FP_NORMAL)\n"
    "#endif\n";

static const char stdint_h[] =
    "#ifndef __MJ_STDINT_H\n#define __MJ_STDINT_H\n"
    "typedef signed char int8_t,int_least8_t,int_fast8_t;\n"
    "typedef short int16_t,int_least16_t;\n"
    "typedef int int32_t,int_least32_t;\n"
    "typedef long int64_t,int_least64_t,int_fast16_t,int_fast32_t,int_fast64_t,"
    "intptr_t,intmax_t;\n"
    "typedef unsigned char uint8_t,uint_least8_t,uint_fast8_t;\n"
    "typedef unsigned short uint16_t,uint_least16_t;\n"
    "typedef unsigned uint32_t,uint_least32_t;\n"
    "typedef unsigned long uint64_t,uint_least64_t,uint_fast16_t,uint_fast32_t,"
    "uint_fast64_t,uintptr_t,uintmax_t;\n"
    "#define INT8_MIN (-128)\n#define INT16_MIN (-32767-1)\n"
    "#define INT32_MIN (-2147483647-1)\n#define INT64_MIN (-9223372036854775807L-1)\n"
    "#define INT8_MAX 127\n#define INT16_MAX 32767\n#define INT32_MAX 2147483647\n"
    "#define INT64_MAX 9223372036854775807L\n#define UINT8_MAX 255\n"
    "#define UINT16_MAX 65535\n#define UINT32_MAX 4294967295U\n"
    "#define UINT64_MAX 18446744073709551615UL\n"
    "#define INT_LEAST8_MIN INT8_MIN\n#define INT_LEAST16_MIN INT16_MIN\n"
    "#define INT_LEAST32_MIN INT32_MIN\n#define INT_LEAST64_MIN INT64_MIN\n"
    "#define INT_LEAST8_MAX INT8_MAX\n#define INT_LEAST16_MAX INT16_MAX\n"
    "#define INT_LEAST32_MAX INT32_MAX\n#define INT_LEAST64_MAX INT64_MAX\n"
    "#define UINT_LEAST8_MAX UINT8_MAX\n#define UINT_LEAST16_MAX UINT16_MAX\n"
    "#define UINT_LEAST32_MAX UINT32_MAX\n#define UINT_LEAST64_MAX UINT64_MAX\n"
    "#define INT_FAST8_MIN INT8_MIN\n#define INT_FAST16_MIN INT64_MIN\n"
    "#define INT_FAST32_MIN INT64_MIN\n#define INT_FAST64_MIN INT64_MIN\n"
    "#define INT_FAST8_MAX INT8_MAX\n#define INT_FAST16_MAX INT64_MAX\n"
    "#define INT_FAST32_MAX INT64_MAX\n#define INT_FAST64_MAX INT64_MAX\n"
    "#define UINT_FAST8_MAX UINT8_MAX\n#define UINT_FAST16_MAX UINT64_MAX\n"
    "#define UINT_FAST32_MAX UINT64_MAX\n#define UINT_FAST64_MAX UINT64_MAX\n"
    "#define INTPTR_MIN INT64_MIN\n#define INTPTR_MAX INT64_MAX\n#define UINTPTR_MAX UINT64_MAX\n"
    "#define INTMAX_MIN INT64_MIN\n#define INTMAX_MAX INT64_MAX\n#define UINTMAX_MAX UINT64_MAX\n"
    "#define PTRDIFF_MIN INT64_MIN\n#define PTRDIFF_MAX INT64_MAX\n#define SIZE_MAX UINT64_MAX\n"
    "#define SIG_ATOMIC_MIN (-2147483647-1)\n#define SIG_ATOMIC_MAX 2147483647\n"
    "#define WCHAR_MIN (-2147483647-1)\n#define WCHAR_MAX 2147483647\n"
    "#define WINT_MIN 0U\n#define WINT_MAX 4294967295U\n"
    "#define INT8_C(c) c\n#define INT16_C(c) c\n#define INT32_C(c) c\n#define INT64_C(c) c##L\n"
    "#define UINT8_C(c) c\n#define UINT16_C(c) c\n#define UINT32_C(c) c##U\n"
    "#define UINT64_C(c) c##UL\n#define INTMAX_C(c) c##L\n#define UINTMAX_C(c) c##UL\n"
    "#endif\n";

/* The PRI and SCN macros of glibc on x86-64, generated from its rules:
 * 64-bit, fast16/32/64, max and ptr types are long ("l"). */
static const char inttypes_h[] =
    "#ifndef __MJ_INTTYPES_H\n#define __MJ_INTTYPES_H\n#include <stdint.h>\n"
    WCHAR_T
    "#define PRId8 \"d\"\n#define PRIdLEAST8 \"d\"\n#define PRId16 \"d\"\n"
    "#define PRIdLEAST16 \"d\"\n#define PRId32 \"d\"\n"
    "#define PRIdLEAST32 \"d\"\n#define PRId64 \"ld\"\n"
    "#define PRIdLEAST64 \"ld\"\n#define PRIdFAST8 \"d\"\n"
    "#define PRIdFAST16 \"ld\"\n#define PRIdFAST32 \"ld\"\n"
    "#define PRIdFAST64 \"ld\"\n#define PRIdMAX \"ld\"\n"
    "#define PRIdPTR \"ld\"\n#define PRIi8 \"i\"\n#define PRIiLEAST8 \"i\"\n"
    "#define PRIi16 \"i\"\n#define PRIiLEAST16 \"i\"\n#define PRIi32 \"i\"\n"
    "#define PRIiLEAST32 \"i\"\n#define PRIi64 \"li\"\n"
    "#define PRIiLEAST64 \"li\"\n#define PRIiFAST8 \"i\"\n"
    "#define PRIiFAST16 \"li\"\n#define PRIiFAST32 \"li\"\n"
    "#define PRIiFAST64 \"li\"\n#define PRIiMAX \"li\"\n"
    "#define PRIiPTR \"li\"\n#define PRIo8 \"o\"\n#define PRIoLEAST8 \"o\"\n"
    "#define PRIo16 \"o\"\n#define PRIoLEAST16 \"o\"\n#define PRIo32 \"o\"\n"
    "#define PRIoLEAST32 \"o\"\n#define PRIo64 \"lo\"\n"
    "#define PRIoLEAST64 \"lo\"\n#define PRIoFAST8 \"o\"\n"
    "#define PRIoFAST16 \"lo\"\n#define PRIoFAST32 \"lo\"\n"
    "#define PRIoFAST64 \"lo\"\n#define PRIoMAX \"lo\"\n"
    "#define PRIoPTR \"lo\"\n#define PRIu8 \"u\"\n#define PRIuLEAST8 \"u\"\n"
    "#define PRIu16 \"u\"\n#define PRIuLEAST16 \"u\"\n#define PRIu32 \"u\"\n"
    "#define PRIuLEAST32 \"u\"\n#define PRIu64 \"lu\"\n"
    "#define PRIuLEAST64 \"lu\"\n#define PRIuFAST8 \"u\"\n"
    "#define PRIuFAST16 \"lu\"\n#define PRIuFAST32 \"lu\"\n"
    "#define PRIuFAST64 \"lu\"\n#define PRIuMAX \"lu\"\n"
    "#define PRIuPTR \"lu\"\n#define PRIx8 \"x\"\n#define PRIxLEAST8 \"x\"\n"
    "#define PRIx16 \"x\"\n#define PRIxLEAST16 \"x\"\n#define PRIx32 \"x\"\n"
    "#define PRIxLEAST32 \"x\"\n#define PRIx64 \"lx\"\n"
    "#define PRIxLEAST64 \"lx\"\n#define PRIxFAST8 \"x\"\n"
    "#define PRIxFAST16 \"lx\"\n#define PRIxFAST32 \"lx\"\n"
    "#define PRIxFAST64 \"lx\"\n#define PRIxMAX \"lx\"\n"
    "#define PRIxPTR \"lx\"\n#define PRIX8 \"X\"\n#define PRIXLEAST8 \"X\"\n"
    "#define PRIX16 \"X\"\n#define PRIXLEAST16 \"X\"\n#define PRIX32 \"X\"\n"
    "#define PRIXLEAST32 \"X\"\n#define PRIX64 \"lX\"\n"
    "#define PRIXLEAST64 \"lX\"\n#define PRIXFAST8 \"X\"\n"
    "#define PRIXFAST16 \"lX\"\n#define PRIXFAST32 \"lX\"\n"
    "#define PRIXFAST64 \"lX\"\n#define PRIXMAX \"lX\"\n"
    "#define PRIXPTR \"lX\"\n#define SCNd8 \"hhd\"\n"
    "#define SCNdLEAST8 \"hhd\"\n#define SCNd16 \"hd\"\n"
    "#define SCNdLEAST16 \"hd\"\n#define SCNd32 \"d\"\n"
    "#define SCNdLEAST32 \"d\"\n#define SCNd64 \"ld\"\n"
    "#define SCNdLEAST64 \"ld\"\n#define SCNdFAST8 \"hhd\"\n"
    "#define SCNdFAST16 \"ld\"\n#define SCNdFAST32 \"ld\"\n"
    "#define SCNdFAST64 \"ld\"\n#define SCNdMAX \"ld\"\n"
    "#define SCNdPTR \"ld\"\n#define SCNi8 \"hhi\"\n"
    "#define SCNiLEAST8 \"hhi\"\n#define SCNi16 \"hi\"\n"
    "#define SCNiLEAST16 \"hi\"\n#define SCNi32 \"i\"\n"
    "#define SCNiLEAST32 \"i\"\n#define SCNi64 \"li\"\n"
    "#define SCNiLEAST64 \"li\"\n#define SCNiFAST8 \"hhi\"\n"
    "#define SCNiFAST16 \"li\"\n#define SCNiFAST32 \"li\"\n"
    "#define SCNiFAST64 \"li\"\n#define SCNiMAX \"li\"\n"
    "#define SCNiPTR \"li\"\n#define SCNo8 \"hho\"\n"
    "#define SCNoLEAST8 \"hho\"\n#define SCNo16 \"ho\"\n"
    "#define SCNoLEAST16 \"ho\"\n#define SCNo32 \"o\"\n"
    "#define SCNoLEAST32 \"o\"\n#define SCNo64 \"lo\"\n"
    "#define SCNoLEAST64 \"lo\"\n#define SCNoFAST8 \"hho\"\n"
    "#define SCNoFAST16 \"lo\"\n#define SCNoFAST32 \"lo\"\n"
    "#define SCNoFAST64 \"lo\"\n#define SCNoMAX \"lo\"\n"
    "#define SCNoPTR \"lo\"\n#define SCNu8 \"hhu\"\n"
    "#define SCNuLEAST8 \"hhu\"\n#define SCNu16 \"hu\"\n"
    "#define SCNuLEAST16 \"hu\"\n#define SCNu32 \"u\"\n"
    "#define SCNuLEAST32 \"u\"\n#define SCNu64 \"lu\"\n"
    "#define SCNuLEAST64 \"lu\"\n#define SCNuFAST8 \"hhu\"\n"
    "#define SCNuFAST16 \"lu\"\n#define SCNuFAST32 \"lu\"\n"
    "#define SCNuFAST64 \"lu\"\n#define SCNuMAX \"lu\"\n"
    "#define SCNuPTR \"lu\"\n#define SCNx8 \"hhx\"\n"
    "#define SCNxLEAST8 \"hhx\"\n#define SCNx16 \"hx\"\n"
    "#define SCNxLEAST16 \"hx\"\n#define SCNx32 \"x\"\n"
    "#define SCNxLEAST32 \"x\"\n#define SCNx64 \"lx\"\n"
    "#define SCNxLEAST64 \"lx\"\n#define SCNxFAST8 \"hhx\"\n"
    "#define SCNxFAST16 \"lx\"\n#define SCNxFAST32 \"lx\"\n"
    "#define SCNxFAST64 \"lx\"\n#define SCNxMAX \"lx\"\n"
    "#define SCNxPTR \"lx\"\n"
    "typedef struct{long quot,rem;}imaxdiv_t;\n"
    "intmax_t imaxabs(intmax_t),strtoimax(const char*,char**,int);\n"
    "imaxdiv_t imaxdiv(intmax_t,intmax_t);\n"
    "uintmax_t strtoumax(const char*,char**,int);\n"
    "#endif\n";

static const char stdbool_h[] =
    "#ifndef __MJ_STDBOOL_H\n#define __MJ_STDBOOL_H\n"
    "#define bool _Bool\n#define true 1\n#define false 0\n"
    "#define __bool_true_false_are_defined 1\n#endif\n";

static const char limits_h[] =
    "#ifndef __MJ_LIMITS_H\n#define __MJ_LIMITS_H\n"
    "#define CHAR_BIT 8\n#define MB_LEN_MAX 16\n"
    "#define SCHAR_MIN (-128)\n#define SCHAR_MAX 127\n#define UCHAR_MAX 255\n"
    "#define CHAR_MIN SCHAR_MIN\n#define CHAR_MAX SCHAR_MAX\n"
    "#define SHRT_MIN (-32768)\n#define SHRT_MAX 32767\n#define USHRT_MAX 65535\n"
    "#define INT_MIN (-INT_MAX-1)\n#define INT_MAX 2147483647\n#define UINT_MAX 4294967295U\n"
    "#define LONG_MIN (-LONG_MAX-1L)\n#define LONG_MAX 9223372036854775807L\n"
    "#define ULONG_MAX 18446744073709551615UL\n"
    "#define LLONG_MIN (-LLONG_MAX-1LL)\n#define LLONG_MAX 9223372036854775807LL\n"
    "#define ULLONG_MAX 18446744073709551615ULL\n"
    POSIX_FEATURES "#ifdef __MJ_POSIX\n#define PATH_MAX 4096\n#define SSIZE_MAX LONG_MAX\n"
    "#define NAME_MAX 255\n#define PIPE_BUF 4096\n#endif\n"
    "#endif\n";

static const char float_h[] =
    "#ifndef __MJ_FLOAT_H\n#define __MJ_FLOAT_H\n"
    "#define FLT_RADIX 2\n#define FLT_ROUNDS 1\n#define FLT_EVAL_METHOD 0\n"
    "#define DECIMAL_DIG 21\n"
    "#define FLT_HAS_SUBNORM 1\n#define DBL_HAS_SUBNORM 1\n#define LDBL_HAS_SUBNORM 1\n"
    "#define FLT_MANT_DIG 24\n#define DBL_MANT_DIG 53\n#define LDBL_MANT_DIG 64\n"
    "#define FLT_DIG 6\n#define DBL_DIG 15\n#define LDBL_DIG 18\n"
    "#define FLT_DECIMAL_DIG 9\n#define DBL_DECIMAL_DIG 17\n#define LDBL_DECIMAL_DIG 21\n"
    "#define FLT_MIN_EXP (-125)\n#define DBL_MIN_EXP (-1021)\n#define LDBL_MIN_EXP (-16381)\n"
    "#define FLT_MIN_10_EXP (-37)\n#define DBL_MIN_10_EXP (-307)\n#define LDBL_MIN_10_EXP (-4931)\n"
    "#define FLT_MAX_EXP 128\n#define DBL_MAX_EXP 1024\n#define LDBL_MAX_EXP 16384\n"
    "#define FLT_MAX_10_EXP 38\n#define DBL_MAX_10_EXP 308\n#define LDBL_MAX_10_EXP 4932\n"
    "#define FLT_MAX 3.40282346638528859811704183484516925e+38F\n"
    "#define DBL_MAX ((double)1.79769313486231570814527423731704357e+308L)\n"
    "#define LDBL_MAX 1.18973149535723176502126385303097021e+4932L\n"
    "#define FLT_MIN 1.17549435082228750796873653722224568e-38F\n"
    "#define DBL_MIN ((double)2.22507385850720138309023271733240406e-308L)\n"
    "#define LDBL_MIN 3.36210314311209350626267781732175260e-4932L\n"
    "#define FLT_EPSILON 1.19209289550781250000000000000000000e-7F\n"
    "#define DBL_EPSILON ((double)2.22044604925031308084726333618164062e-16L)\n"
    "#define LDBL_EPSILON 1.08420217248550443400745280086994171e-19L\n"
    "#define FLT_TRUE_MIN 1.40129846432481707092372958328991613e-45F\n"
    "#define DBL_TRUE_MIN ((double)4.94065645841246544176568792868221372e-324L)\n"
    "#define LDBL_TRUE_MIN 3.64519953188247460252840593361941982e-4951L\n"
    "#endif\n";

static const char ctype_h[] =
    "#ifndef __MJ_CTYPE_H\n#define __MJ_CTYPE_H\n"
    "int isalnum(int),isalpha(int),isblank(int),iscntrl(int),isdigit(int),"
    "isgraph(int),islower(int),isprint(int),ispunct(int),isspace(int),"
    "isupper(int),isxdigit(int),tolower(int),toupper(int);\n"
    "#endif\n";

/* No guard around assert itself: C11 7.2 lets NDEBUG change between
 * includes. */
static const char assert_h[] =
    "#ifndef __MJ_ASSERT_H\n#define __MJ_ASSERT_H\n"
    "_Noreturn void __assert_fail(const char*,const char*,unsigned,const char*);\n"
    "#define static_assert _Static_assert\n"
    "#endif\n"
    "#undef assert\n"
    "#ifdef NDEBUG\n#define assert(e) ((void)0)\n#else\n"
    "#define assert(e) ((e)?(void)0:__assert_fail(#e,__FILE__,__LINE__,__func__))\n"
    "#endif\n";

/* Every E* constant of Linux on x86-64, from its asm-generic/errno*.h. */
static const char errno_h[] =
    "#ifndef __MJ_ERRNO_H\n#define __MJ_ERRNO_H\n"
    "int *__errno_location(void);\n#define errno (*__errno_location())\n"
    "#define EPERM 1\n#define ENOENT 2\n#define ESRCH 3\n#define EINTR 4\n"
    "#define EIO 5\n#define ENXIO 6\n#define E2BIG 7\n#define ENOEXEC 8\n"
    "#define EBADF 9\n#define ECHILD 10\n#define EAGAIN 11\n"
    "#define ENOMEM 12\n#define EACCES 13\n#define EFAULT 14\n"
    "#define ENOTBLK 15\n#define EBUSY 16\n#define EEXIST 17\n"
    "#define EXDEV 18\n#define ENODEV 19\n#define ENOTDIR 20\n"
    "#define EISDIR 21\n#define EINVAL 22\n#define ENFILE 23\n"
    "#define EMFILE 24\n#define ENOTTY 25\n#define ETXTBSY 26\n"
    "#define EFBIG 27\n#define ENOSPC 28\n#define ESPIPE 29\n"
    "#define EROFS 30\n#define EMLINK 31\n#define EPIPE 32\n"
    "#define EDOM 33\n#define ERANGE 34\n#define EDEADLK 35\n"
    "#define ENAMETOOLONG 36\n#define ENOLCK 37\n#define ENOSYS 38\n"
    "#define ENOTEMPTY 39\n#define ELOOP 40\n#define EWOULDBLOCK EAGAIN\n"
    "#define ENOMSG 42\n#define EIDRM 43\n#define ECHRNG 44\n"
    "#define EL2NSYNC 45\n#define EL3HLT 46\n#define EL3RST 47\n"
    "#define ELNRNG 48\n#define EUNATCH 49\n#define ENOCSI 50\n"
    "#define EL2HLT 51\n#define EBADE 52\n#define EBADR 53\n"
    "#define EXFULL 54\n#define ENOANO 55\n#define EBADRQC 56\n"
    "#define EBADSLT 57\n#define EDEADLOCK EDEADLK\n#define EBFONT 59\n"
    "#define ENOSTR 60\n#define ENODATA 61\n#define ETIME 62\n"
    "#define ENOSR 63\n#define ENONET 64\n#define ENOPKG 65\n"
    "#define EREMOTE 66\n#define ENOLINK 67\n#define EADV 68\n"
    "#define ESRMNT 69\n#define ECOMM 70\n#define EPROTO 71\n"
    "#define EMULTIHOP 72\n#define EDOTDOT 73\n#define EBADMSG 74\n"
    "#define EOVERFLOW 75\n#define ENOTUNIQ 76\n#define EBADFD 77\n"
    "#define EREMCHG 78\n#define ELIBACC 79\n#define ELIBBAD 80\n"
    "#define ELIBSCN 81\n#define ELIBMAX 82\n#define ELIBEXEC 83\n"
    "#define EILSEQ 84\n#define ERESTART 85\n#define ESTRPIPE 86\n"
    "#define EUSERS 87\n#define ENOTSOCK 88\n#define EDESTADDRREQ 89\n"
    "#define EMSGSIZE 90\n#define EPROTOTYPE 91\n#define ENOPROTOOPT 92\n"
    "#define EPROTONOSUPPORT 93\n#define ESOCKTNOSUPPORT 94\n"
    "#define EOPNOTSUPP 95\n#define EPFNOSUPPORT 96\n"
    "#define EAFNOSUPPORT 97\n#define EADDRINUSE 98\n"
    "#define EADDRNOTAVAIL 99\n#define ENETDOWN 100\n"
    "#define ENETUNREACH 101\n#define ENETRESET 102\n"
    "#define ECONNABORTED 103\n#define ECONNRESET 104\n"
    "#define ENOBUFS 105\n#define EISCONN 106\n#define ENOTCONN 107\n"
    "#define ESHUTDOWN 108\n#define ETOOMANYREFS 109\n"
    "#define ETIMEDOUT 110\n#define ECONNREFUSED 111\n"
    "#define EHOSTDOWN 112\n#define EHOSTUNREACH 113\n"
    "#define EALREADY 114\n#define EINPROGRESS 115\n#define ESTALE 116\n"
    "#define EUCLEAN 117\n#define ENOTNAM 118\n#define ENAVAIL 119\n"
    "#define EISNAM 120\n#define EREMOTEIO 121\n#define EDQUOT 122\n"
    "#define ENOMEDIUM 123\n#define EMEDIUMTYPE 124\n"
    "#define ECANCELED 125\n#define ENOKEY 126\n#define EKEYEXPIRED 127\n"
    "#define EKEYREVOKED 128\n#define EKEYREJECTED 129\n"
    "#define EOWNERDEAD 130\n#define ENOTRECOVERABLE 131\n"
    "#define ERFKILL 132\n#define EHWPOISON 133\n"
    "#define ENOTSUP EOPNOTSUPP\n"
    "#endif\n";

/* struct tm as glibc lays it out: its two extra members have reserved
 * names unless the program asks for POSIX or GNU. */
static const char time_h[] =
    "#ifndef __MJ_TIME_H\n#define __MJ_TIME_H\n" SIZE_T NULL_ POSIX_FEATURES
    "typedef long time_t;\ntypedef long clock_t;\n"
    "struct tm{int tm_sec,tm_min,tm_hour,tm_mday,tm_mon,tm_year,tm_wday,tm_yday,"
    "tm_isdst;\n#ifdef __MJ_POSIX\nlong tm_gmtoff;const char *tm_zone;\n"
    "#else\nlong __tm_gmtoff;const char *__tm_zone;\n#endif\n};\n"
    "struct timespec{time_t tv_sec;long tv_nsec;};\n"
    "#define CLOCKS_PER_SEC ((clock_t)1000000)\n#define TIME_UTC 1\n"
    "time_t time(time_t*),mktime(struct tm*);\n"
    "clock_t clock(void);\n"
    "double difftime(time_t,time_t);\n"
    "struct tm *gmtime(const time_t*),*localtime(const time_t*);\n"
    "char *ctime(const time_t*),*asctime(const struct tm*);\n"
    "size_t strftime(char*,size_t,const char*,const struct tm*);\n"
    "int timespec_get(struct timespec*,int);\n"
    "#ifdef __MJ_POSIX\n"
    "typedef int clockid_t;\n"
    "#define CLOCK_REALTIME 0\n#define CLOCK_MONOTONIC 1\n"
    "#define CLOCK_PROCESS_CPUTIME_ID 2\n#define CLOCK_THREAD_CPUTIME_ID 3\n"
    "struct tm *gmtime_r(const time_t*,struct tm*),*localtime_r(const time_t*,struct tm*);\n"
    "int clock_gettime(clockid_t,struct timespec*),clock_getres(clockid_t,struct timespec*),"
    "nanosleep(const struct timespec*,struct timespec*);\n"
    "void tzset(void);\n"
    "#endif\n"
    "#endif\n";

/* As gcc's own: __gnuc_va_list always (glibc's <stdio.h> and <wchar.h>
 * ask for just that with __need___va_list), the rest unless asked for
 * just that. */
static const char stdarg_h[] =
    "#ifndef __GNUC_VA_LIST\n#define __GNUC_VA_LIST\n"
    "typedef __builtin_va_list __gnuc_va_list;\n#endif\n"
    "#ifdef __need___va_list\n#undef __need___va_list\n#else\n"
    "#ifndef __MJ_STDARG_H\n#define __MJ_STDARG_H\n" VA_LIST_T
    "#ifndef __MJ_VA_LIST\n#define __MJ_VA_LIST\ntypedef __mj_va_list va_list;\n#endif\n"
    "#define va_start(ap,last) __builtin_va_start(ap,last)\n"
    "#define va_arg(ap,T) __builtin_va_arg(ap,T)\n"
    "#define va_end(ap) __builtin_va_end(ap)\n"
    "#define __va_copy(d,s) __builtin_va_copy(d,s)\n"
    "#define va_copy(d,s) __builtin_va_copy(d,s)\n"
    "#endif\n#endif\n";

static const char iso646_h[] =
    "#ifndef __MJ_ISO646_H\n#define __MJ_ISO646_H\n"
    "#define and &&\n#define and_eq &=\n#define bitand &\n#define bitor |\n"
    "#define compl ~\n#define not !\n#define not_eq !=\n#define or ||\n"
    "#define or_eq |=\n#define xor ^\n#define xor_eq ^=\n"
    "#endif\n";

static const char stdalign_h[] =
    "#ifndef __MJ_STDALIGN_H\n#define __MJ_STDALIGN_H\n"
    "#define alignas _Alignas\n#define alignof _Alignof\n"
    "#define __alignas_is_defined 1\n#define __alignof_is_defined 1\n"
    "#endif\n";

static const char stdnoreturn_h[] =
    "#ifndef __MJ_STDNORETURN_H\n#define __MJ_STDNORETURN_H\n"
    "#define noreturn _Noreturn\n"
    "#endif\n";

/* glibc's layouts: a jmp_buf is its struct __jmp_buf_tag (the registers,
 * whether the mask was saved, the mask: 200 bytes). setjmp is _setjmp and
 * sigsetjmp __sigsetjmp, as in glibc; gcc knows both names as returning
 * twice, and so does the libgccjit back end, which keeps the locals the
 * program reads after the second return safe as gcc would. */
#define SIGSET_T "#ifndef __MJ_SIGSET_T\n#define __MJ_SIGSET_T\n" \
    "typedef struct{unsigned long __val[16];}__sigset_t;\n#endif\n"
static const char setjmp_h[] =
    "#ifndef __MJ_SETJMP_H\n#define __MJ_SETJMP_H\n" SIGSET_T
    "struct __jmp_buf_tag{long __jmpbuf[8];int __mask_was_saved;__sigset_t __saved_mask;};\n"
    "typedef struct __jmp_buf_tag jmp_buf[1];\n"
    "typedef struct __jmp_buf_tag sigjmp_buf[1];\n"
    "int setjmp(jmp_buf),_setjmp(struct __jmp_buf_tag*),"
    "__sigsetjmp(struct __jmp_buf_tag*,int);\n"
    "_Noreturn void longjmp(struct __jmp_buf_tag*,int),_longjmp(struct __jmp_buf_tag*,int),"
    "siglongjmp(struct __jmp_buf_tag*,int);\n"
    "#define setjmp(env) _setjmp(env)\n"
    "#define sigsetjmp(env,savemask) __sigsetjmp(env,savemask)\n"
    "#endif\n";

/* ISO C's <signal.h>, with POSIX's kill, sigaction and the signal sets
 * under the feature macros. signal is glibc's BSD signal (the handler
 * stays), as gcc's default gnu mode gets it; -std=c11 builds call
 * __sysv_signal instead. */
static const char signal_h[] =
    "#ifndef __MJ_SIGNAL_H\n#define __MJ_SIGNAL_H\n" SIGSET_T POSIX_FEATURES
    "typedef int sig_atomic_t;\n"
    "typedef void (*__sighandler_t)(int);\n"
    "__sighandler_t signal(int,__sighandler_t);\nint raise(int);\n"
    "#define SIG_ERR ((__sighandler_t)-1)\n#define SIG_DFL ((__sighandler_t)0)\n"
    "#define SIG_IGN ((__sighandler_t)1)\n"
    "#define SIGHUP 1\n#define SIGINT 2\n#define SIGQUIT 3\n#define SIGILL 4\n"
    "#define SIGTRAP 5\n#define SIGABRT 6\n#define SIGIOT 6\n#define SIGBUS 7\n"
    "#define SIGFPE 8\n#define SIGKILL 9\n#define SIGUSR1 10\n#define SIGSEGV 11\n"
    "#define SIGUSR2 12\n#define SIGPIPE 13\n#define SIGALRM 14\n#define SIGTERM 15\n"
    "#define SIGSTKFLT 16\n#define SIGCHLD 17\n#define SIGCONT 18\n#define SIGSTOP 19\n"
    "#define SIGTSTP 20\n#define SIGTTIN 21\n#define SIGTTOU 22\n#define SIGURG 23\n"
    "#define SIGXCPU 24\n#define SIGXFSZ 25\n#define SIGVTALRM 26\n#define SIGPROF 27\n"
    "#define SIGWINCH 28\n#define SIGIO 29\n#define SIGPOLL 29\n#define SIGPWR 30\n"
    "#define SIGSYS 31\n#define NSIG 65\n"
    "#ifdef __MJ_POSIX\n"
    "typedef __sigset_t sigset_t;\ntypedef int pid_t;\n"
    "typedef struct{int si_signo,si_errno,si_code,__pad;int __fields[28];}siginfo_t;\n"
    "struct sigaction{union{__sighandler_t sa_handler;"
    "void (*sa_sigaction)(int,siginfo_t*,void*);}__sigaction_handler;"
    "__sigset_t sa_mask;int sa_flags;void (*sa_restorer)(void);};\n"
    "#define sa_handler __sigaction_handler.sa_handler\n"
    "#define sa_sigaction __sigaction_handler.sa_sigaction\n"
    "#define SA_NOCLDSTOP 1\n#define SA_NOCLDWAIT 2\n#define SA_SIGINFO 4\n"
    "#define SA_ONSTACK 0x08000000\n#define SA_RESTART 0x10000000\n"
    "#define SA_NODEFER 0x40000000\n#define SA_RESETHAND 0x80000000\n"
    "#define SIG_BLOCK 0\n#define SIG_UNBLOCK 1\n#define SIG_SETMASK 2\n"
    "int kill(pid_t,int),sigaction(int,const struct sigaction*,struct sigaction*),"
    "sigprocmask(int,const sigset_t*,sigset_t*),sigemptyset(sigset_t*),"
    "sigfillset(sigset_t*),sigaddset(sigset_t*,int),sigdelset(sigset_t*,int),"
    "sigismember(const sigset_t*,int),sigpending(sigset_t*),"
    "sigsuspend(const sigset_t*),pause(void);\n"
    "#endif\n"
    "#endif\n";

/* glibc's struct lconv, member for member. */
static const char locale_h[] =
    "#ifndef __MJ_LOCALE_H\n#define __MJ_LOCALE_H\n" NULL_
    "#define LC_CTYPE 0\n#define LC_NUMERIC 1\n#define LC_TIME 2\n#define LC_COLLATE 3\n"
    "#define LC_MONETARY 4\n#define LC_MESSAGES 5\n#define LC_ALL 6\n"
    "struct lconv{char *decimal_point,*thousands_sep,*grouping,*int_curr_symbol,"
    "*currency_symbol,*mon_decimal_point,*mon_thousands_sep,*mon_grouping,"
    "*positive_sign,*negative_sign;char int_frac_digits,frac_digits,p_cs_precedes,"
    "p_sep_by_space,n_cs_precedes,n_sep_by_space,p_sign_posn,n_sign_posn,"
    "int_p_cs_precedes,int_p_sep_by_space,int_n_cs_precedes,int_n_sep_by_space,"
    "int_p_sign_posn,int_n_sign_posn;};\n"
    "char *setlocale(int,const char*);\nstruct lconv *localeconv(void);\n"
    "#endif\n";

/* C11 7.3, as glibc declares it: the functions are libm's. */
#define COMPLEX1(T, S) \
    T _Complex cacos##S(T _Complex),casin##S(T _Complex),catan##S(T _Complex),\
ccos##S(T _Complex),csin##S(T _Complex),ctan##S(T _Complex),cacosh##S(T _Complex),\
casinh##S(T _Complex),catanh##S(T _Complex),ccosh##S(T _Complex),csinh##S(T _Complex),\
ctanh##S(T _Complex),cexp##S(T _Complex),clog##S(T _Complex),csqrt##S(T _Complex),\
cpow##S(T _Complex,T _Complex),conj##S(T _Complex),cproj##S(T _Complex);\
T cabs##S(T _Complex),carg##S(T _Complex),creal##S(T _Complex),cimag##S(T _Complex);

static const char complex_h[] =
    "#ifndef __MJ_COMPLEX_H\n#define __MJ_COMPLEX_H\n"
    "#define complex _Complex\n#define _Complex_I (__extension__ 1.0iF)\n"
    "#undef I\n#define I _Complex_I\n"
    "#define CMPLX(x,y) __builtin_complex((double)(x),(double)(y))\n"
    "#define CMPLXF(x,y) __builtin_complex((float)(x),(float)(y))\n"
    "#define CMPLXL(x,y) __builtin_complex((long double)(x),(long double)(y))\n"
    STR(COMPLEX1(double, )) "\n"
    STR(COMPLEX1(float, f)) "\n"
    STR(COMPLEX1(long double, l)) "\n"
    "#endif\n";

/* What C11 specifies and memjit cannot compile yet: a located error at
 * the #include, never a header that half works. */
static const char tgmath_h[] =
    "#error \"<tgmath.h>: its type-generic macros are not supported by memjit yet\"\n";
static const char stdatomic_h[] =
    "#error \"<stdatomic.h>: _Atomic is not supported by memjit yet\"\n";
/* What memjit's own headers do not have yet, though the system's do. */
#define SYSTEM_ONLY(h)                                                                   \
    "#error \"<" h ">: not among memjit's own headers yet; the system's have it "       \
    "(mj_options.system_headers; memjit run --system-headers, its default)\"\n"
static const char threads_h[] = SYSTEM_ONLY("threads.h");
static const char wchar_h[] = SYSTEM_ONLY("wchar.h");
static const char wctype_h[] = SYSTEM_ONLY("wctype.h");
static const char uchar_h[] = SYSTEM_ONLY("uchar.h");
static const char fenv_h[] = SYSTEM_ONLY("fenv.h");

typedef struct Header {
    const char *name;
    const char *text;
    size_t len;
} Header;

#define HEADER(name, text) {name, text, sizeof(text) - 1}

static const Header headers[] = {
    HEADER("stdio.h", stdio_h),       HEADER("stdlib.h", stdlib_h),
    HEADER("string.h", string_h),     HEADER("math.h", math_h),
    HEADER("stddef.h", stddef_h),     HEADER("stdint.h", stdint_h),
    HEADER("inttypes.h", inttypes_h), HEADER("stdbool.h", stdbool_h),
    HEADER("limits.h", limits_h),     HEADER("float.h", float_h),
    HEADER("ctype.h", ctype_h),       HEADER("assert.h", assert_h),
    HEADER("errno.h", errno_h),       HEADER("time.h", time_h),
    HEADER("stdarg.h", stdarg_h),     HEADER("iso646.h", iso646_h),
    HEADER("stdalign.h", stdalign_h), HEADER("stdnoreturn.h", stdnoreturn_h),
    HEADER("setjmp.h", setjmp_h),     HEADER("signal.h", signal_h),
    HEADER("locale.h", locale_h),     HEADER("complex.h", complex_h),
    HEADER("tgmath.h", tgmath_h),     HEADER("stdatomic.h", stdatomic_h),
    HEADER("threads.h", threads_h),   HEADER("wchar.h", wchar_h),
    HEADER("wctype.h", wctype_h),     HEADER("uchar.h", uchar_h),
    HEADER("fenv.h", fenv_h),
};

const char *builtin_header(const char *name, size_t *len) {
    for (size_t i = 0; i < sizeof(headers) / sizeof(*headers); i++) {
        if (strcmp(headers[i].name, name) == 0) {
            *len = headers[i].len;
            return headers[i].text;
        }
    }
    return NULL;
}
