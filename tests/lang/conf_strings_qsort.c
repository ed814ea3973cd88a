/* Probes argv, qsort with a comparator, pointers to pointers, a strtok_r, signed division and shifts, libc string and number conversions, the exit status. */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }
static void swap(int **a, int **b) { int *t = *a; *a = *b; *b = t; }
static char *my_strtok_r(char *s, const char *d, char **save) {
    if (!s) s = *save;
    s += strspn(s, d);
    if (!*s) return *save = s, NULL;
    char *e = s + strcspn(s, d);
    if (*e) *e++ = 0;
    *save = e;
    return s;
}
int main(int argc, char **argv) {
    printf("argc=%d", argc); for (int i = 1; i < argc; i++) printf(" %s", argv[i]); printf("\n");
    char *names[] = {"pear", "apple", "fig", "banana"};
    qsort(names, 4, sizeof *names, cmp_str);
    for (int i = 0; i < 4; i++) printf("%s ", names[i]); printf("\n");
    int x = 1, y = 2, *px = &x, *py = &y; swap(&px, &py); printf("%d %d\n", *px, *py);
    int **pp = &px; **pp = 50; printf("%d\n", y);
    char text[] = "  a bb  ccc d "; char *save; int n = 0;
    for (char *t = my_strtok_r(text, " ", &save); t; t = my_strtok_r(NULL, " ", &save)) printf("[%s]", t), n++;
    printf(" %d\n", n);
    int neg = -17; printf("%d %d %d %d\n", neg % 5, neg / 5, 17 % -5, -17 / -5);
    unsigned cnt = 0; for (unsigned u = 10; u < 100; u -= 3) cnt++; printf("%u\n", cnt);
    char c = 'z'; c -= 'a' - 'A'; printf("%c\n", c);
    unsigned char b = 0x81; b >>= 1; b <<= 2; printf("%u\n", b);
    signed char sb = -128; sb >>= 1; printf("%d\n", sb);
    int arr[5] = {5, 4, 3, 2, 1}; int *end = arr + 5, *it; for (it = arr; it != end && *it != 3; ++it); printf("%td\n", it - arr);
    const char *s = "hello"; printf("%c %c %d\n", *s++, *++s, s[3]);
    long total = 0; for (int i = 0; i < 100000; i++) total += i % 7 == 0 ? i : -1; printf("%ld\n", total);
    int *heap = calloc(10, sizeof *heap); heap[9] = 7; heap = realloc(heap, 20 * sizeof *heap); printf("%d\n", heap[9]); free(heap);
    char buf[16]; snprintf(buf, sizeof buf, "%s-%05.1f", "v", 3.14159); printf("%s\n", buf);
    printf("%d\n", atoi("  -123abc") + (int)strtol("ff", NULL, 16));
    printf("%.2f\n", atof("2.5e1"));
    return argc == 4 ? 0 : 3;
}
