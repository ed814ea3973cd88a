#include <stdio.h>
#include <stddef.h>
#include <string.h>
int wcscmp(const wchar_t *, const wchar_t *);

typedef unsigned short char16_t;
typedef unsigned int char32_t;

static const wchar_t *greeting = L"hello, wide";
static wchar_t buf[16] = L"abc";
static char16_t u16[] = u"h\u00e9\U0001F600!";
static char32_t u32[] = U"x\U0001F600y";
static const int *ptrs[] = {L"one", L"two"};

static size_t wlen(const wchar_t *s) {
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}

int main(void) {
    printf("%zu %zu\n", sizeof(L"abc"), sizeof(L"abc") / sizeof(wchar_t));
    printf("%zu %zu\n", sizeof(u"abc"), sizeof(U"abc"));
    printf("%zu %d\n", wlen(greeting), greeting[7]);
    printf("%d %d %d %d %zu\n", buf[0], buf[2], buf[3], buf[15], sizeof buf);
    printf("%zu:", sizeof u16 / sizeof u16[0]);
    for (size_t i = 0; i < sizeof u16 / sizeof u16[0]; i++)
        printf(" %04x", u16[i]);
    printf("\n%zu:", sizeof u32 / sizeof u32[0]);
    for (size_t i = 0; i < sizeof u32 / sizeof u32[0]; i++)
        printf(" %x", u32[i]);
    printf("\n");
    wchar_t local[] = L"loc" L"al\x41\101";
    printf("%zu %d %d %d\n", sizeof local, local[4], local[5], local[6]);
    wchar_t small[3] = L"abcd";
    printf("%d %d\n", small[0], small[2]);
    printf("%d %d\n", *ptrs[1], ptrs[0][2]);
    printf("%d\n", L"concat" "enated"[7]);
    wchar_t w2[10] = {L"xy"};
    printf("%d %d\n", w2[1], w2[9]);
    printf("%d %d %d\n", L'A', (int)u'\u00e9', (int)U'\U0001F600');
    printf("%ls|%ls\n", greeting, local);
    printf("%d\n", wcscmp(L"abc", L"abd") < 0);
    return 0;
}
