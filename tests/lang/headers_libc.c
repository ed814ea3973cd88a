/* stdio.h, stdlib.h, string.h, errno.h, time.h, stddef.h, ctype.h,
 * math.h, stdbool.h and assert.h in strict C11: every constant, the
 * sizes and layouts of the types, and a call of each kind of function,
 * checked against gcc with glibc's headers. */
#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define INT(m) printf("%-16s %lld size %zu\n", #m, (long long)(m), sizeof(m))
#define TYPE(t) printf("%-16s size %zu align %zu\n", #t, sizeof(t), _Alignof(t))
#define OFF(t, m) printf("%-16s offsetof(%s) %zu size %zu\n", #t, #m, offsetof(t, m), sizeof(((t *)0)->m))

static int cmp_int(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

static void constants(void)
{
    INT(EOF);
    INT(BUFSIZ);
    INT(FILENAME_MAX);
    INT(FOPEN_MAX);
    INT(L_tmpnam);
    INT(TMP_MAX);
    INT(SEEK_SET);
    INT(SEEK_CUR);
    INT(SEEK_END);
    INT(_IOFBF);
    INT(_IOLBF);
    INT(_IONBF);
    INT(EXIT_SUCCESS);
    INT(EXIT_FAILURE);
    INT(RAND_MAX);
    INT(CLOCKS_PER_SEC);
    INT(TIME_UTC);
    INT(FP_NAN);
    INT(FP_INFINITE);
    INT(FP_ZERO);
    INT(FP_SUBNORMAL);
    INT(FP_NORMAL);
    INT(FP_ILOGB0);
    INT(FP_ILOGBNAN);
    INT(MATH_ERRNO);
    INT(MATH_ERREXCEPT);
    INT(math_errhandling);
    INT(true);
    INT(false);
    INT(__bool_true_false_are_defined);
    INT(EPERM);
    INT(ENOENT);
    INT(ESRCH);
    INT(EINTR);
    INT(EIO);
    INT(ENXIO);
    INT(E2BIG);
    INT(ENOEXEC);
    INT(EBADF);
    INT(ECHILD);
    INT(EAGAIN);
    INT(ENOMEM);
    INT(EACCES);
    INT(EFAULT);
    INT(ENOTBLK);
    INT(EBUSY);
    INT(EEXIST);
    INT(EXDEV);
    INT(ENODEV);
    INT(ENOTDIR);
    INT(EISDIR);
    INT(EINVAL);
    INT(ENFILE);
    INT(EMFILE);
    INT(ENOTTY);
    INT(ETXTBSY);
    INT(EFBIG);
    INT(ENOSPC);
    INT(ESPIPE);
    INT(EROFS);
    INT(EMLINK);
    INT(EPIPE);
    INT(EDOM);
    INT(ERANGE);
    INT(EDEADLK);
    INT(ENAMETOOLONG);
    INT(ENOLCK);
    INT(ENOSYS);
    INT(ENOTEMPTY);
    INT(ELOOP);
    INT(EWOULDBLOCK);
    INT(ENOMSG);
    INT(EIDRM);
    INT(ECHRNG);
    INT(EL2NSYNC);
    INT(EL3HLT);
    INT(EL3RST);
    INT(ELNRNG);
    INT(EUNATCH);
    INT(ENOCSI);
    INT(EL2HLT);
    INT(EBADE);
    INT(EBADR);
    INT(EXFULL);
    INT(ENOANO);
    INT(EBADRQC);
    INT(EBADSLT);
    INT(EDEADLOCK);
    INT(EBFONT);
    INT(ENOSTR);
    INT(ENODATA);
    INT(ETIME);
    INT(ENOSR);
    INT(ENONET);
    INT(ENOPKG);
    INT(EREMOTE);
    INT(ENOLINK);
    INT(EADV);
    INT(ESRMNT);
    INT(ECOMM);
    INT(EPROTO);
    INT(EMULTIHOP);
    INT(EDOTDOT);
    INT(EBADMSG);
    INT(EOVERFLOW);
    INT(ENOTUNIQ);
    INT(EBADFD);
    INT(EREMCHG);
    INT(ELIBACC);
    INT(ELIBBAD);
    INT(ELIBSCN);
    INT(ELIBMAX);
    INT(ELIBEXEC);
    INT(EILSEQ);
    INT(ERESTART);
    INT(ESTRPIPE);
    INT(EUSERS);
    INT(ENOTSOCK);
    INT(EDESTADDRREQ);
    INT(EMSGSIZE);
    INT(EPROTOTYPE);
    INT(ENOPROTOOPT);
    INT(EPROTONOSUPPORT);
    INT(ESOCKTNOSUPPORT);
    INT(EOPNOTSUPP);
    INT(EPFNOSUPPORT);
    INT(EAFNOSUPPORT);
    INT(EADDRINUSE);
    INT(EADDRNOTAVAIL);
    INT(ENETDOWN);
    INT(ENETUNREACH);
    INT(ENETRESET);
    INT(ECONNABORTED);
    INT(ECONNRESET);
    INT(ENOBUFS);
    INT(EISCONN);
    INT(ENOTCONN);
    INT(ESHUTDOWN);
    INT(ETOOMANYREFS);
    INT(ETIMEDOUT);
    INT(ECONNREFUSED);
    INT(EHOSTDOWN);
    INT(EHOSTUNREACH);
    INT(EALREADY);
    INT(EINPROGRESS);
    INT(ESTALE);
    INT(EUCLEAN);
    INT(ENOTNAM);
    INT(ENAVAIL);
    INT(EISNAM);
    INT(EREMOTEIO);
    INT(EDQUOT);
    INT(ENOMEDIUM);
    INT(EMEDIUMTYPE);
    INT(ECANCELED);
    INT(ENOKEY);
    INT(EKEYEXPIRED);
    INT(EKEYREVOKED);
    INT(EKEYREJECTED);
    INT(EOWNERDEAD);
    INT(ENOTRECOVERABLE);
    INT(ERFKILL);
    INT(EHWPOISON);
    INT(ENOTSUP);
    printf("MB_CUR_MAX %zu\n", sizeof(MB_CUR_MAX));
    printf("NULL %d %zu\n", NULL == (void *)0, sizeof(NULL));
    printf("HUGE_VAL %g %zu HUGE_VALF %g %zu HUGE_VALL %zu\n", HUGE_VAL, sizeof(HUGE_VAL),
           (double)HUGE_VALF, sizeof(HUGE_VALF), sizeof(HUGE_VALL));
    printf("INFINITY %g %zu NAN %d %zu\n", (double)INFINITY, sizeof(INFINITY), isnan(NAN), sizeof(NAN));
}

static void types(void)
{
    TYPE(size_t);
    TYPE(ptrdiff_t);
    TYPE(wchar_t);
    TYPE(max_align_t);
    TYPE(FILE *);
    TYPE(fpos_t);
    TYPE(div_t);
    TYPE(ldiv_t);
    TYPE(lldiv_t);
    TYPE(time_t);
    TYPE(clock_t);
    TYPE(struct tm);
    TYPE(struct timespec);
    TYPE(float_t);
    TYPE(double_t);
    TYPE(bool);
    printf("signed: size_t %d ptrdiff_t %d wchar_t %d time_t %d clock_t %d\n",
           (size_t)-1 > 0, (ptrdiff_t)-1 < 0, (wchar_t)-1 < 0, (time_t)-1 < 0, (clock_t)-1 < 0);
    OFF(div_t, quot); OFF(div_t, rem); OFF(ldiv_t, rem); OFF(lldiv_t, rem);
    OFF(struct tm, tm_sec); OFF(struct tm, tm_min); OFF(struct tm, tm_hour);
    OFF(struct tm, tm_mday); OFF(struct tm, tm_mon); OFF(struct tm, tm_year);
    OFF(struct tm, tm_wday); OFF(struct tm, tm_yday); OFF(struct tm, tm_isdst);
    OFF(struct timespec, tv_sec); OFF(struct timespec, tv_nsec);
}

static void functions(void)
{
    div_t d = div(-7, 2);
    ldiv_t ld = ldiv(7000000000L, -3L);
    lldiv_t lld = lldiv(-9000000000000LL, 7LL);
    printf("div %d %d ldiv %ld %ld lldiv %lld %lld\n", d.quot, d.rem, ld.quot, ld.rem, lld.quot, lld.rem);
    printf("abs %d labs %ld llabs %lld\n", abs(-3), labs(-4L), llabs(-5LL));
    int v[] = {5, 3, 9, 1};
    qsort(v, 4, sizeof v[0], cmp_int);
    int key = 9;
    int *found = bsearch(&key, v, 4, sizeof v[0], cmp_int);
    printf("qsort %d %d %d %d bsearch %td\n", v[0], v[1], v[2], v[3], found - v);
    errno = 0;
    long big = strtol("99999999999999999999", NULL, 10);
    printf("strtol %ld errno ERANGE %d\n", big, errno == ERANGE);
    errno = 0;
    double s = strtod("1e999", NULL);
    printf("strtod(1e999) inf %d errno ERANGE %d\n", isinf(s), errno == ERANGE);
    printf("strerror(ENOENT) %s\n", strerror(ENOENT));
    char buf[64];
    snprintf(buf, sizeof buf, "%05.1f|%-4d|%x", 3.14159, 42, 255);
    printf("snprintf %s strlen %zu\n", buf, strlen(buf));
    printf("strtod %g atof %g atoi %d strtoul %lu\n", strtod("1e3", NULL), atof("2.5"), atoi("-12"), strtoul("ff", NULL, 16));
    printf("strchr %s strrchr %s strstr %s strspn %zu strcspn %zu\n", strchr("hello", 'l'),
           strrchr("hello", 'l'), strstr("haystack", "st"), strspn("aabc", "a"), strcspn("abc", "c"));
    int c, n = 0;
    for (c = -1; c < 256; c++)
        n += !!isalnum(c) + 2 * !!isalpha(c) + 3 * !!isblank(c) + 5 * !!iscntrl(c) + 7 * !!isdigit(c) +
             11 * !!isgraph(c) + 13 * !!islower(c) + 17 * !!isprint(c) + 19 * !!ispunct(c) +
             23 * !!isspace(c) + 29 * !!isupper(c) + 31 * !!isxdigit(c) + tolower(c) + toupper(c);
    printf("ctype sum %d\n", n);
    time_t t = 1700000000;
    struct tm *g = gmtime(&t);
    printf("gmtime %d-%02d-%02d %02d:%02d:%02d wday %d yday %d\n", g->tm_year + 1900, g->tm_mon + 1,
           g->tm_mday, g->tm_hour, g->tm_min, g->tm_sec, g->tm_wday, g->tm_yday);
    strftime(buf, sizeof buf, "%Y/%m/%d %H:%M:%S %a %b %j", g);
    printf("strftime %s\n", buf);
    printf("difftime %g\n", difftime(t + 90, t));
    struct tm copy = *g;
    copy.tm_isdst = 0;
    printf("asctime %s", asctime(&copy));
    printf("clock ok %d time ok %d\n", clock() >= 0, time(NULL) > t);
    struct timespec ts;
    int got = timespec_get(&ts, TIME_UTC);
    printf("timespec_get %d ok %d\n", got, ts.tv_nsec >= 0 && ts.tv_nsec < 1000000000);
    printf("fpclassify %d %d %d %d %d\n", fpclassify(1.0), fpclassify(0.0), fpclassify(INFINITY),
           fpclassify(NAN), fpclassify(1e-310));
    printf("isgreater %d isless %d isunordered %d signbit %d isinf %d isfinite %d isnormal %d\n",
           isgreater(2.0, 1.0), isless(2.0, 1.0), isunordered(NAN, 1.0), !!signbit(-0.0),
           isinf(-INFINITY), isfinite(1.0), isnormal(1e-310));
    double rq = remquo(10.0, 3.0, &c);
    printf("remquo %g %d nan %d ilogb %d logb %g tgamma %g lgamma %g erf %.6f nextafter %d\n",
           rq, c, isnan(nan("")), ilogb(8.0), logb(8.0), tgamma(5.0),
           lgamma(1.0), erf(0.5), nextafter(1.0, 2.0) > 1.0);
    printf("llrint %lld lround %ld scalbln %g\n", llrint(2.5), lround(2.5), scalbln(1.0, 10));
    assert(1 + 1 == 2);
    FILE *f = tmpfile();
    if (f) {
        fpos_t pos;
        fputs("abc\n", f);
        fgetpos(f, &pos);
        rewind(f);
        fsetpos(f, &pos);
        printf("ftell %ld\n", ftell(f));
        fclose(f);
    }
}

/* assert.h may be included again with NDEBUG defined. */
#define NDEBUG
#include <assert.h>

int main(void)
{
    constants();
    types();
    functions();
    assert(0);
    printf("NDEBUG turns assert off\n");
    return 0;
}
