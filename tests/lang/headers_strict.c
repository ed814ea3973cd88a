/* memjit-options: -std=c11 */
/* A strict C11 program may use names that POSIX reserves for itself:
 * glibc under gcc -std=c11 leaves them alone, and so must memjit's
 * headers (this is K&R's getline). */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <time.h>

#define MAXLINE 100

static int getline(char s[], int lim)
{
    int c = EOF, i;
    for (i = 0; i < lim - 1 && (c = getchar()) != EOF && c != '\n'; ++i)
        s[i] = c;
    if (c == '\n')
        s[i++] = c;
    s[i] = '\0';
    return i;
}

static char *strdup(const char *s)
{
    char *p = malloc(strlen(s) + 2);
    strcpy(p, s);
    strcat(p, "!");
    return p;
}

typedef int ssize_t;
static int random(void) { return 4; }

int main(void)
{
    char line[MAXLINE];
    int n = getline(line, MAXLINE);
    char *d = strdup("mine");
    struct tm tm = {0};
    printf("%d %s %zu %d %zu\n", n, d, sizeof(ssize_t), random(), sizeof tm);
    free(d);
    return 0;
}
