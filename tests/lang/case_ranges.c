/* GNU case ranges: `case LOW ... HIGH:` labels every value between, in
 * the switch's promoted type (unsigned and negative ranges, chars, long
 * long), beside single values and default; an empty range (LOW > HIGH)
 * labels the statement for no value, with gcc's warning. */
#include <stdio.h>

static const char *kind(int c) {
    switch (c) {
    case '0' ... '9': return "digit";
    case 'a' ... 'z':
    case 'A' ... 'Z': return "letter";
    case ' ': return "space";
    case -5 ... -1: return "negative";
    case 10 ... 5: return "never";   /* empty */
    default: return "other";
    }
}

static int bucket(unsigned u) {
    switch (u) {
    case 0 ... 9: return 0;
    case 10 ... 99: return 1;
    case 100 ... 0x7fffffffu: return 2;
    case 0x80000000u ... 0xffffffffu: return 3;
    }
    return -1;
}

static int big(long long v) {
    switch (v) {
    case -10000000000LL ... -1: return -1;
    case 0: return 0;
    case 1 ... 10000000000LL: return 1;
    default: return 2;
    }
}

int main(int argc, char **argv) {
    (void)argv;
    const char *s = "a7 Z?";
    for (const char *p = s; *p; p++)
        printf("%s ", kind(*p));
    printf("%s %s %s\n", kind(-3), kind(7 + argc), kind(0));
    printf("%d %d %d %d %d\n", bucket(5), bucket(50), bucket(500), bucket(0x90000000u),
           bucket(0xffffffffu));
    printf("%d %d %d %d\n", big(-20000000000LL), big(-5), big(0), big(10000000001LL));
    return 0;
}
