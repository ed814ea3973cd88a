/* Probes fixed-size string buffers filled by hand and by libc: strncpy, memcmp, strstr, sprintf. */
#include <stdio.h>
#include <string.h>
struct Buf { char data[64]; int len; };
static void append(struct Buf *b, const char *s) { int n = strlen(s); memcpy(b->data + b->len, s, n + 1); b->len += n; }
static struct Buf join(const char **parts, int n, const char *sep) { struct Buf b = {.len = 0}; b.data[0] = 0; for (int i = 0; i < n; i++) { if (i) append(&b, sep); append(&b, parts[i]); } return b; }
static int is_palindrome(const char *s) { const char *e = s + strlen(s) - 1; while (s < e) if (*s++ != *e--) return 0; return 1; }
static void caesar(char *s, int k) { for (; *s; s++) if (*s >= 'a' && *s <= 'z') *s = 'a' + (*s - 'a' + k) % 26; }
static int count_char(const char *s, char c) { int n = 0; while ((s = strchr(s, c))) n++, s++; return n; }
int main(void) {
    const char *parts[] = {"x", "yy", "zzz"};
    struct Buf b = join(parts, 3, ", "); printf("%s (%d)\n", b.data, b.len);
    printf("%d %d %d\n", is_palindrome("racecar"), is_palindrome("ab"), is_palindrome("a"));
    char msg[] = "hello world"; caesar(msg, 3); printf("%s\n", msg); caesar(msg, 23); printf("%s\n", msg);
    printf("%d\n", count_char("mississippi", 's'));
    char buf[32]; strncpy(buf, "truncate me please", 8); buf[8] = 0; printf("[%s]\n", buf);
    printf("%d %d\n", memcmp("abc", "abd", 3) < 0, strncmp("abcdef", "abcxyz", 3));
    const char *hay = "find the needle in haystack"; const char *found = strstr(hay, "needle"); printf("%td %s\n", found - hay, found + 7);
    char rev[16]; int n = sprintf(rev, "%x", 0xbeef); for (int i = 0; i < n / 2; i++) { char t = rev[i]; rev[i] = rev[n - 1 - i]; rev[n - 1 - i] = t; } printf("%s\n", rev);
    return 0;
}
