#include <stdio.h>
enum Color { RED, GREEN = 5, BLUE };
static int duff(char *to, const char *from, int count) {
    int n = (count + 7) / 8, copied = 0;
    switch (count % 8) {
    case 0: do { *to++ = *from++; copied++;
    case 7:      *to++ = *from++; copied++;
    case 6:      *to++ = *from++; copied++;
    case 5:      *to++ = *from++; copied++;
    case 4:      *to++ = *from++; copied++;
    case 3:      *to++ = *from++; copied++;
    case 2:      *to++ = *from++; copied++;
    case 1:      *to++ = *from++; copied++;
            } while (--n > 0);
    }
    return copied;
}
static const char *name(enum Color c) {
    switch (c) { case RED: return "red"; case GREEN: return "green"; case BLUE: return "blue"; }
    return "?";
}
static int nested(int a, int b) {
    int r = 0;
    switch (a) {
    case 1:
        switch (b) {
        case 1: r = 11; break;
        case 2: r = 12;
        default: r += 100;
        }
        r += 1000;
        break;
    case 2: { int t = b * 2; r = t; } break;
    default:
        r = -1;
    }
    return r;
}
static int uns(unsigned u) {
    switch (u) { case 0xffffffffu: return 1; case 0x80000000u: return 2; case -2: return 3; default: return 0; }
}
static int lng(long long v) {
    switch (v) { case -1: return 1; case 0x100000000LL: return 2; case -0x7fffffffffffffffLL - 1: return 3; }
    return 0;
}
static int chr(char c) {
    switch (c) { case 'a': case 'e': case 'i': case 'o': case 'u': return 1; case '\n': return 2; case -1: return 3; }
    return 0;
}
int main(void) {
    char buf[64] = {0};
    const char *src = "hello, switch world! 0123456789";
    for (int i = 0; i < 20; i++) {
        int c = duff(buf, src, i + 1);
        if (c != i + 1 || buf[i] != src[i]) { printf("duff %d\n", i); return 1; }
    }
    printf("%s %s %s\n", name(RED), name(GREEN), name(BLUE));
    printf("%d %d %d %d %d\n", nested(1, 1), nested(1, 2), nested(1, 3), nested(2, 7), nested(9, 9));
    printf("%d %d %d %d\n", uns(0xffffffffu), uns(0x80000000u), uns(0xfffffffeu), uns(5));
    printf("%d %d %d %d\n", lng(-1), lng(0x100000000LL), lng(-0x7fffffffffffffffLL - 1), lng(0xffffffffLL));
    int v = 0;
    for (const char *s = "a quick\nbrown fox"; *s; s++) v = v * 3 + chr(*s);
    printf("%d %d\n", v, chr((char)255));
    int k = 0;
    switch (k) default: k = 42;
    printf("%d\n", k);
    switch (k) { }
    switch (k) case 42: k++;
    printf("%d\n", k);
    int cnt = 0;
    for (int i = 0; i < 10; i++) {
        switch (i & 3) {
            int unused;
        case 0: continue;
        case 1: cnt += 1; break;
        case 2: unused = 5; cnt += unused; 
        default: if (i > 6) goto done; cnt += 100;
        }
        cnt += 1000;
    }
done:
    printf("%d\n", cnt);
    short s = -3;
    switch (s) { case -3: printf("short ok\n"); break; case 65533: printf("bad\n"); }
    _Bool b = 1;
    switch (b) { case 1: printf("bool ok\n"); }
    switch (sizeof(int)) { case 4: printf("sizeof ok\n"); break; case 8: break; }
    return 0;
}
