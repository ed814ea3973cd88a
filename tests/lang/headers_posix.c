/* With _GNU_SOURCE, memjit's headers declare what glibc then declares
 * beyond ISO C (strdup, getline, ssize_t, clock_gettime...). */
#define _GNU_SOURCE
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int main(void)
{
    char *d = strdup("duplicate");
    char *n = strndup("abcdef", 3);
    printf("%s %s %zu\n", d, n, strnlen("abcdef", 4));
    free(d);
    free(n);
    char text[] = "a,b;c";
    char *save, *tok = strtok_r(text, ",;", &save);
    while (tok) {
        printf("[%s]", tok);
        tok = strtok_r(NULL, ",;", &save);
    }
    printf(" %d %d\n", strcasecmp("HeLLo", "hello"), strncasecmp("abX", "ABY", 2));
    FILE *f = tmpfile();
    fputs("line one\nline two\n", f);
    rewind(f);
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, f)) > 0)
        printf("%zd: %s", len, line);
    free(line);
    printf("fileno ok %d\n", fileno(f) > 2);
    fclose(f);
    struct timespec ts;
    printf("clock_gettime %d\n", clock_gettime(CLOCK_MONOTONIC, &ts));
    time_t t = 0;
    struct tm tm;
    gmtime_r(&t, &tm);
    printf("gmtime_r %d gmtoff %ld zone %s\n", tm.tm_year, tm.tm_gmtoff, tm.tm_zone);
    printf("PATH_MAX %d sizeof(ssize_t) %zu sizeof(off_t) %zu\n", PATH_MAX, sizeof(ssize_t), sizeof(off_t));
    char *buf;
    int k = asprintf(&buf, "%d-%s", 7, "x");
    printf("asprintf %d %s\n", k, buf);
    free(buf);
    return 0;
}
