/* String literals: escapes, concatenation, char arrays, sizeof, indexing
 * literals, embedded NULs, strings passed to and returned from functions. */
#include "test.h"

static const char *greeting(int formal)
{
    return formal ? "Good day" : "hi";
}

static int my_strlen(const char *s)
{
    int n = 0;
    while (s[n])
        n++;
    return n;
}

static void reverse(char *s)
{
    int n = my_strlen(s);
    for (int i = 0, j = n - 1; i < j; i++, j--) {
        char t = s[i];
        s[i] = s[j];
        s[j] = t;
    }
}

int main(void)
{
    ASSERT(0, ""[0]);
    ASSERT(1, sizeof(""));
    ASSERT(97, "abc"[0]);
    ASSERT(98, "abc"[1]);
    ASSERT(99, "abc"[2]);
    ASSERT(0, "abc"[3]);
    ASSERT(4, sizeof("abc"));

    /* Simple escapes. */
    ASSERT(7, "\a"[0]);
    ASSERT(8, "\b"[0]);
    ASSERT(9, "\t"[0]);
    ASSERT(10, "\n"[0]);
    ASSERT(11, "\v"[0]);
    ASSERT(12, "\f"[0]);
    ASSERT(13, "\r"[0]);
    ASSERT(34, "\""[0]);
    ASSERT(39, "\'"[0]);
    ASSERT(39, "'"[0]);
    ASSERT(63, "\?"[0]);
    ASSERT(92, "\\"[0]);

    /* Octal and hex escapes. */
    ASSERT(0, "\0"[0]);
    ASSERT(7, "\7"[0]);
    ASSERT(8, "\10"[0]);
    ASSERT(65, "\101"[0]);
    ASSERT(-1, "\377"[0]);
    ASSERT(1, "\0012"[0]);
    ASSERT('2', "\0012"[1]);
    ASSERT(16, "\x10"[0]);
    ASSERT(-1, "\xff"[0]);
    ASSERT(10, "\xA"[0]);
    ASSERT(127, "\x7f"[0]);
    ASSERT(0, "\x00"[0]);
    ASSERT(-128, "\x80"[0]);

    /* Embedded NULs count in sizeof but stop strlen. */
    ASSERT(7, sizeof("ab\0cd\0"));
    ASSERT(2, my_strlen("ab\0cd"));
    ASSERT(2, strlen("ab\0cd"));

    /* Adjacent literals concatenate, also across lines. */
    ASSERT(7, sizeof("abc" "def"));
    ASSERT_S("abcdef", "abc" "def");
    ASSERT_S("one two three", "one "
                              "two "
                              "three");
    ASSERT(1, sizeof("" ""));
    ASSERT(3, sizeof("\x1" "2"));
    ASSERT('2', ("\x1" "2")[1]);
    ASSERT(3, sizeof("\0" "\0"));

    /* Char arrays are modifiable copies. */
    char buf[] = "stressed";
    reverse(buf);
    ASSERT_S("desserts", buf);
    char word[16] = "abc";
    word[3] = 'd';
    word[4] = 0;
    ASSERT_S("abcd", word);
    ASSERT(16, sizeof(word));

    /* Pointers to literals. */
    const char *p = "pointer";
    ASSERT('p', *p);
    ASSERT('r', p[6]);
    ASSERT_S("inter", p + 2);
    ASSERT_S("Good day", greeting(1));
    ASSERT_S("hi", greeting(0));
    ASSERT(8, sizeof(p));

    /* A table of strings. */
    const char *days[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    int total = 0;
    for (int i = 0; i < 7; i++) {
        printf("%d:%s ", i, days[i]);
        total += my_strlen(days[i]);
    }
    printf("\n");
    ASSERT(21, total);

    /* Printing with escapes. */
    printf("tab\there, quote \"q\", backslash \\, percent %%\n");
    printf("%s|%5s|%-5s|%.2s\n", "abc", "abc", "abc", "abc");
    printf("%c%c%c\n", 'x', "yz"[0], "yz"[1]);

    /* A long literal. */
    const char *lorem = "Lorem ipsum dolor sit amet, consectetur adipiscing "
                        "elit, sed do eiusmod tempor incididunt ut labore et "
                        "dolore magna aliqua.";
    ASSERT(123, my_strlen(lorem));
    int spaces = 0;
    for (const char *q = lorem; *q; q++)
        if (*q == ' ')
            spaces++;
    ASSERT(18, spaces);

    return test_done();
}
