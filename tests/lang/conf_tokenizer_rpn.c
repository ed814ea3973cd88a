/* Probes a tokenizer and an RPN evaluator with variables: enums, arrays of structs, <ctype.h>. */
#include <stdio.h>
#include <string.h>
#include <ctype.h>
#include <stdlib.h>
/* a tiny tokenizer + RPN evaluator for a toy language with variables */
enum Tok { T_NUM, T_ID, T_OP, T_END };
struct Token { enum Tok kind; long num; char text[16]; };
static int lex(const char *s, struct Token *out, int max) {
    int n = 0;
    while (*s && n < max) {
        if (isspace((unsigned char)*s)) { s++; continue; }
        struct Token *t = &out[n++];
        if (isdigit((unsigned char)*s)) { t->kind = T_NUM; t->num = strtol(s, (char **)&s, 10); }
        else if (isalpha((unsigned char)*s)) { int i = 0; t->kind = T_ID; while (isalnum((unsigned char)*s) && i < 15) t->text[i++] = *s++; t->text[i] = 0; }
        else { t->kind = T_OP; t->text[0] = *s++; t->text[1] = 0; }
    }
    out[n].kind = T_END;
    return n;
}
static long vars[26];
static long eval_rpn(struct Token *t, int n) {
    long st[32]; int sp = 0;
    for (int i = 0; i < n; i++) {
        switch (t[i].kind) {
        case T_NUM: st[sp++] = t[i].num; break;
        case T_ID: st[sp++] = vars[t[i].text[0] - 'a']; break;
        case T_OP: {
            long b = st[--sp], a = st[--sp];
            switch (t[i].text[0]) {
            case '+': st[sp++] = a + b; break;
            case '-': st[sp++] = a - b; break;
            case '*': st[sp++] = a * b; break;
            case '/': st[sp++] = b ? a / b : 0; break;
            default: return -999;
            }
            break;
        }
        default: break;
        }
    }
    return sp ? st[sp - 1] : 0;
}
int main(void) {
    struct Token toks[64];
    vars['x' - 'a'] = 6; vars['y' - 'a'] = 7;
    const char *progs[] = {"3 4 +", "x y *", "100 x y + /", "1 2 3 * + 4 -", "5 0 /", "2 3 ^"};
    for (size_t i = 0; i < sizeof progs / sizeof progs[0]; i++) {
        int n = lex(progs[i], toks, 63);
        printf("%-16s => %ld (%d tokens)\n", progs[i], eval_rpn(toks, n), n);
    }
    return 0;
}
