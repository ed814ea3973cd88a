/* Probes switch on long long with sparse cases, fall-through, nested switches, continue and break inside switch, goto into and out of blocks. */
#include <stdio.h>
typedef int T;
static int big_switch(long long v) {
    switch (v) {
    case 0: return 10; case 1: return 11; case 2: return 12; case 3: return 13; case 4: return 14;
    case 5: return 15; case 6: return 16; case 7: return 17; case 8: return 18; case 9: return 19;
    case 1000000000000LL: return 20; case -5: return 21;
    }
    return -1;
}
static const char *day(int d) {
    static const char *names[] = {"sun", "mon", "tue"};
    switch (d) {
    default: return "other";
    case 0: case 1: case 2: return names[d];
    }
}
int main(void) {
    int x = 0;
    T: x++;
    if (x < 3) goto T;
    printf("%d\n", x);
    int total = 0;
    for (long long v = -6; v < 12; v++) total += big_switch(v);
    printf("%d %d\n", total, big_switch(1000000000000LL));
    printf("%s %s %s\n", day(0), day(2), day(5));
    int acc = 0, state = 0;
    for (int step = 0; step < 20; step++) {
        switch (state) {
        case 0: acc += 1; state = 1; break;
        case 1:
            for (int k = 0; k < 5; k++) { if (k == 2) break; acc += 10; }
            state = 2;
            continue;
        case 2: {
            int inner = 0;
            switch (acc & 1) { case 0: inner = 100; break; case 1: inner = 1000; }
            acc += inner;
            state = acc > 3000 ? 3 : 0;
            break;
        }
        case 3: goto finished;
        }
        acc++;
    }
finished:
    printf("%d %d\n", acc, state);
    int y = 2;
    switch (y) { case 1: case 2: again: y += 10; if (y < 30) goto again; break; default: y = -1; }
    printf("%d\n", y);
    for (int i = 0, *p = &x; i < 1; i++) printf("%d\n", *p + i);
    char op = '*';
    switch (op) { case '+': puts("plus"); break; case '*': puts("times"); case '/': puts("div (fall)"); break; }
    unsigned char uc = 200;
    switch (uc) { case 200: puts("uc200"); break; }
    return 0;
}
