/*
 * lex.c - bytes -> preprocessing tokens, and after preprocessing, the
 * conversion of pp-tokens into C tokens (keywords, numbers, strings).
 *
 * The lexer works in two steps because C does:
 *   lex_file    translation phases 1-3: splices backslash-newlines, drops
 *               comments, cuts the text into pp-tokens (C11 6.4). It only
 *               reports what is wrong whatever the preprocessor later does
 *               (an unterminated comment, a NUL byte).
 *   lex_finish  phases 5-7 on the tokens that survived preprocessing:
 *               keywords, the value and type of numbers and character
 *               constants, escapes, string concatenation. Errors found here
 *               ("stray '@'", a bad suffix) are not errors in a skipped
 *               #if block or inside a stringized argument, as with gcc.
 *
 * Backslash-newline may appear anywhere, even inside a token. A token that
 * contains one gets a spliced copy of its spelling in the arena, so its
 * `loc` points there instead of into the file; line and col always give
 * the physical position of its first byte.
 */
#include <ctype.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "front.h"

/* ---------------------------------------------------------------------
 * Reading the text, one logical character at a time
 * ------------------------------------------------------------------- */

typedef struct Lexer {
    Compile *c;
    const SrcFile *file;
    const char *p;          /* next byte */
    const char *end;
    const char *line_start; /* first byte of the current physical line */
    int line;
    bool spliced;           /* the token being read crossed a splice */
} Lexer;

/* Skips backslash-newline pairs at p (translation phase 2). */
static void skip_splices(Lexer *L) {
    while (L->p[0] == '\\' && L->p < L->end) {
        const char *q = L->p + 1;
        if (*q == '\r' && q + 1 < L->end && q[1] == '\n')
            q++;
        if (*q != '\n' || q >= L->end)
            return;
        L->p = q + 1;
        L->line++;
        L->line_start = L->p;
        L->spliced = true;
    }
}

/* The current logical character, or -1 at the end of the file. */
static int cur(Lexer *L) {
    if (*L->p == '\\')
        skip_splices(L);
    return L->p < L->end ? (unsigned char)*L->p : -1;
}

/* Never past the end: a look-ahead (punct_length) may advance twice at
 * the last byte, and the byte after the terminating NUL is not ours. */
static void advance(Lexer *L) {
    if (L->p >= L->end)
        return;
    if (*L->p == '\n') {
        L->line++;
        L->line_start = L->p + 1;
    }
    L->p++;
}

/* The logical character after the current one, without moving. */
static int peek_next(Lexer *L) {
    Lexer save = *L;
    cur(L);
    advance(L);
    int ch = cur(L);
    *L = save;
    return ch;
}

static bool is_ident_start(int ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
           ch == '_' || ch == '$';
}

static bool is_ident_char(int ch) {
    return is_ident_start(ch) || (ch >= '0' && ch <= '9');
}

static bool is_digit(int ch) {
    return ch >= '0' && ch <= '9';
}

/* ---------------------------------------------------------------------
 * lex_file
 * ------------------------------------------------------------------- */

static Token *new_token(Lexer *L, TokenKind kind, const char *start,
                        int line, int col) {
    Token *tok = arena_alloc(&L->c->arena, sizeof(Token));
    tok->kind = kind;
    tok->file = L->file;
    tok->line = line;
    tok->col = col;
    tok->loc = start;
    tok->len = (int)(L->p - start);
    return tok;
}

/* The spelling of a token that crossed a splice, without the splices. */
static void unsplice_spelling(Lexer *L, Token *tok) {
    StrBuf sb;
    sb_init(&sb, &L->c->arena);
    const char *s = tok->loc, *e = tok->loc + tok->len;
    while (s < e) {
        if (s[0] == '\\' && s + 1 < e && (s[1] == '\n' || s[1] == '\r')) {
            const char *q = s + 1;
            if (*q == '\r' && q + 1 < e && q[1] == '\n')
                q++;
            if (*q == '\n') {
                s = q + 1;
                continue;
            }
        }
        sb_putc(&sb, *s++);
    }
    tok->loc = sb_str(&sb);
    tok->len = (int)sb.len;
}

/* Moves over bytes that are none of stop1, stop2 and the backslash that
 * may begin a splice: the bulk of a comment, read without cur(). */
static void skip_plain(Lexer *L, char stop1, char stop2) {
    const char *p = L->p;
    while (p < L->end && *p != stop1 && *p != stop2 && *p != '\\')
        p++;
    L->p = p;
}

/* Skips a block comment whose "/" "*" has been read. Reports an
 * unterminated one at its start. */
static void skip_block_comment(Lexer *L, int line, int col) {
    for (;;) {
        skip_plain(L, '*', '\n');
        int ch = cur(L);
        if (ch == -1) {
            error_at(L->c, L->file, line, col, "unterminated comment");
            return;
        }
        advance(L);
        if (ch == '*' && cur(L) == '/') {
            advance(L);
            return;
        }
    }
}

static void skip_line_comment(Lexer *L) {
    int ch;
    for (;;) {
        skip_plain(L, '\n', '\n');
        if ((ch = cur(L)) == -1 || ch == '\n')
            return;
        advance(L);
    }
}

/* pp-number: digit | . digit, then (digit | identifier-nondigit |
 * [eEpP] sign | .)* -- C11 6.4.8. */
static void read_pp_number(Lexer *L) {
    for (;;) {
        int ch = cur(L);
        if ((ch == 'e' || ch == 'E' || ch == 'p' || ch == 'P')) {
            advance(L);
            int sign = cur(L);
            if (sign == '+' || sign == '-')
                advance(L);
            continue;
        }
        if (is_ident_char(ch) || ch == '.') {
            advance(L);
            continue;
        }
        return;
    }
}

/* A string literal or character constant from its opening quote to the
 * closing one. An unterminated one ends at the end of the line; lex_finish
 * reports it (gcc only warns in skipped blocks). */
static void read_quoted(Lexer *L, int quote) {
    advance(L);
    for (;;) {
        int ch = cur(L);
        if (ch == -1 || ch == '\n')
            return;
        advance(L);
        if (ch == quote)
            return;
        if (ch == '\\' && cur(L) != -1 && cur(L) != '\n')
            advance(L);
    }
}

/* The longest punctuator starting here, as its length (1..3). Only
 * C11's multi-character punctuators are joined; any other character is a
 * one-byte pp-token that lex_finish reports as stray. */
static int punct_length(Lexer *L) {
    int c0 = cur(L);
    if (!strchr("<>.-+&|*/%=^!#", c0) || c0 == 0)
        return 1;
    Lexer save = *L;
    advance(L);
    int c1 = cur(L);
    advance(L);
    int c2 = cur(L);
    *L = save;
    if (c0 == '.')
        return c1 == '.' && c2 == '.' ? 3 : 1;
    if ((c0 == '<' || c0 == '>') && c1 == c0)
        return c2 == '=' ? 3 : 2;
    if (c1 == '=')
        return c0 == '#' ? 1 : 2;   /* <= >= == != *= /= %= += -= &= ^= |= */
    if (c1 == c0 && strchr("+-&|#", c0))
        return 2;                   /* ++ -- && || ## */
    if (c0 == '-' && c1 == '>')
        return 2;
    return 1;
}

/* Digraphs (C11 6.4.6p3) behave as the punctuator they stand for, so a
 * digraph token gets that punctuator's spelling, from this table: no later
 * phase has to know about digraphs, and tok_written can still tell one
 * (# spells it as written). Each entry: punctuator, NUL, digraph, NUL. */
static const char digraphs[][8] = {
    "[\0<:", "]\0:>", "{\0<%", "}\0%>", "#\0%:", "##\0%:%:",
};

/* The digraph starting here, as its entry in digraphs[], or -1. */
static int read_digraph(Lexer *L) {
    int c0 = cur(L);
    if (c0 != '<' && c0 != ':' && c0 != '%')
        return -1;
    int c1 = peek_next(L);
    int d = -1;
    if (c0 == '<' && c1 == ':') d = 0;
    else if (c0 == ':' && c1 == '>') d = 1;
    else if (c0 == '<' && c1 == '%') d = 2;
    else if (c0 == '%' && c1 == '>') d = 3;
    else if (c0 == '%' && c1 == ':') {
        d = 4;
        Lexer save = *L;
        advance(L), cur(L), advance(L);
        if (cur(L) == '%' && peek_next(L) == ':')
            d = 5;
        *L = save;
    }
    for (int i = 0; d >= 0 && i < (d == 5 ? 4 : 2); i++) {
        cur(L);
        advance(L);
    }
    return d;
}

const char *tok_written(const Token *tok, int *len) {
    const char *first = digraphs[0], *last = digraphs[5];
    if (tok->loc >= first && tok->loc <= last) {
        const char *written = tok->loc + tok->len + 1;
        *len = (int)strlen(written);
        return written;
    }
    *len = tok->len;
    return tok->loc;
}

/* Reads one token starting at a non-white-space character. */
static Token *read_token(Lexer *L) {
    const char *start = L->p;
    int line = L->line, col = (int)(L->p - L->line_start) + 1;
    int ch = cur(L);
    TokenKind kind = TK_PUNCT;
    int digraph;

    if (is_digit(ch) || (ch == '.' && is_digit(peek_next(L)))) {
        advance(L);
        read_pp_number(L);
        kind = TK_PP_NUM;
    } else if (ch == '"' || ch == '\'') {
        read_quoted(L, ch);
        kind = ch == '"' ? TK_STR : TK_NUM;
    } else if (is_ident_start(ch)) {
        /* Fast path on raw bytes; cur() then handles a splice, if any. */
        while (L->p < L->end && is_ident_char((unsigned char)*L->p))
            L->p++;
        while (is_ident_char(cur(L)))
            advance(L);
        kind = TK_IDENT;
        /* An encoding prefix followed by a quote: u8"", L"", u"", U"". */
        int q = cur(L);
        size_t n = (size_t)(L->p - start);
        bool is_prefix = (n == 1 && strchr("LuU", *start)) ||
                         (n == 2 && memcmp(start, "u8", 2) == 0);
        if ((q == '"' || q == '\'') && is_prefix && !L->spliced) {
            read_quoted(L, q);
            kind = q == '"' ? TK_STR : TK_NUM;
        }
    } else if ((digraph = read_digraph(L)) >= 0) {
        Token *tok = new_token(L, TK_PUNCT, start, line, col);
        tok->loc = digraphs[digraph];
        tok->len = (int)strlen(tok->loc);
        return tok;
    } else {
        int n = punct_length(L);
        for (int i = 0; i < n; i++) {
            cur(L);
            advance(L);
        }
    }
    Token *tok = new_token(L, kind, start, line, col);
    if (L->spliced)
        unsplice_spelling(L, tok);
    /* Character constants are TK_NUM without a type until lex_finish. */
    return tok;
}

Token *lex_file(Compile *c, const SrcFile *f) {
    Lexer L = {c, f, f->contents, f->contents + f->len, f->contents, 1, false};
    Token head = {0};
    Token *tail = &head;
    bool at_bol = true, has_space = false;

    for (;;) {
        L.spliced = false;
        int ch = cur(&L);
        if (ch == -1)
            break;
        if (ch == '\n') {
            advance(&L);
            at_bol = true;
            has_space = false;
            continue;
        }
        if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\v' || ch == '\f') {
            advance(&L);
            while (*L.p == ' ' || *L.p == '\t')
                L.p++;
            has_space = true;
            continue;
        }
        if (ch == 0) {
            error_at(c, f, L.line, (int)(L.p - L.line_start) + 1,
                     "stray '\\0' in program");
            advance(&L);
            has_space = true;
            continue;
        }
        if (ch == '/') {
            int line = L.line, col = (int)(L.p - L.line_start) + 1;
            int next = peek_next(&L);
            if (next == '*' || next == '/') {
                advance(&L);
                cur(&L);
                advance(&L);
                if (next == '*')
                    skip_block_comment(&L, line, col);
                else
                    skip_line_comment(&L);
                has_space = true;
                continue;
            }
        }
        Token *tok = read_token(&L);
        tok->at_bol = at_bol;
        tok->has_space = has_space;
        at_bol = has_space = false;
        tail = tail->next = tok;
    }
    Token *eof = arena_alloc(&c->arena, sizeof(Token));
    eof->kind = TK_EOF;
    eof->file = f;
    eof->loc = L.p;
    /* Located at the last token, as gcc reports "at end of input". */
    eof->line = tail != &head ? tail->line : 1;
    eof->col = tail != &head ? tail->col : 1;
    eof->at_bol = true;
    tail->next = eof;
    return head.next;
}

/* ---------------------------------------------------------------------
 * Token helpers
 * ------------------------------------------------------------------- */

/* The parser asks this of nearly every token several times, and most
 * answers are "no" at the first byte. Spellings are short: a loop beats a
 * call of strncmp. s ends at its NUL, so no byte past it is read. */
bool tok_equal(const Token *tok, const char *s) {
    const char *loc = tok->loc;
    if (tok->len == 0 || loc[0] != s[0])
        return tok->len == 0 && s[0] == '\0';
    for (int i = 1; i < tok->len; i++)
        if (s[i] != loc[i] || s[i] == '\0')
            return false;
    return s[tok->len] == '\0';
}

Token *tok_copy(Compile *c, const Token *tok) {
    Token *t = arena_alloc_raw(&c->arena, sizeof(Token));
    *t = *tok;
    t->next = NULL;
    return t;
}

char *tok_str(Compile *c, const Token *tok) {
    return arena_strndup(&c->arena, tok->loc, (size_t)tok->len);
}

/* ---------------------------------------------------------------------
 * lex_finish: keywords
 * ------------------------------------------------------------------- */

/* Keywords grouped by first character, so an identifier is compared with
 * a handful of candidates of its length at most. */
static bool is_keyword(const char *s, int len) {
    static const char *const underscore[] = {
        "_Bool", "_Complex", "_Alignas", "_Alignof", "_Atomic", "_Generic",
        "_Noreturn", "_Static_assert", "_Thread_local", "_Imaginary",
        "__attribute__", "__attribute", "__restrict", "__restrict__", "__inline",
        "__inline__", "__const", "__volatile__", "__volatile", "__asm__",
        "__extension__", "__typeof__", "__alignof__", "__signed__", "__int128",
        "__complex__", "__complex", "__real__", "__real", "__imag__", "__imag", NULL,
    };
    static const char *const lower[26][8] = {
        ['a' - 'a'] = {"auto"},
        ['b' - 'a'] = {"break"},
        ['c' - 'a'] = {"case", "char", "const", "continue"},
        ['d' - 'a'] = {"default", "do", "double"},
        ['e' - 'a'] = {"else", "enum", "extern"},
        ['f' - 'a'] = {"float", "for"},
        ['g' - 'a'] = {"goto"},
        ['i' - 'a'] = {"if", "inline", "int"},
        ['l' - 'a'] = {"long"},
        ['r' - 'a'] = {"register", "restrict", "return"},
        ['s' - 'a'] = {"short", "signed", "sizeof", "static", "struct",
                       "switch"},
        ['t' - 'a'] = {"typedef", "typeof"},
        ['u' - 'a'] = {"union", "unsigned"},
        ['v' - 'a'] = {"void", "volatile"},
        ['w' - 'a'] = {"while"},
    };
    const char *const *cands;
    if (len < 2 || len > 14)
        return false;
    if (s[0] == '_')
        cands = underscore;
    else if (s[0] >= 'a' && s[0] <= 'z')
        cands = lower[s[0] - 'a'];
    else
        return false;
    /* s holds no NUL, so a shorter candidate's NUL ends the comparison:
     * no byte past it is read. Inline, as strncmp's call costs more than
     * these few bytes. */
    for (; *cands; cands++) {
        const char *kw = *cands;
        int i = 0;
        while (i < len && kw[i] == s[i])
            i++;
        if (i == len && kw[len] == '\0')
            return true;
    }
    return false;
}

/* ---------------------------------------------------------------------
 * lex_finish: integer and floating constants (C11 6.4.4)
 * ------------------------------------------------------------------- */

/* Reads the suffix of an integer constant: u, l, ll in any order and
 * either case (but not "lL"). Returns false for anything else. */
static bool int_suffix(const char *s, int n, bool *u, int *l) {
    *u = false;
    *l = 0;
    int i = 0;
    while (i < n) {
        if ((s[i] == 'u' || s[i] == 'U') && !*u) {
            *u = true;
            i++;
        } else if ((s[i] == 'l' || s[i] == 'L') && !*l) {
            bool two = i + 1 < n && s[i + 1] == s[i];
            *l = two ? 2 : 1;
            i += two ? 2 : 1;
        } else {
            return false;
        }
    }
    return true;
}

/* The type of an integer constant of value v (C11 6.4.4.1): the first of
 * the candidate types the value fits in. */
static Type *int_const_type(uint64_t v, bool is_decimal, bool u, int l,
                            bool *too_big_signed) {
    *too_big_signed = false;
    if (!u && l == 0) {
        if (v <= INT32_MAX) return TY(ty_int);
        if (!is_decimal && v <= UINT32_MAX) return TY(ty_uint);
    }
    if (u && l == 0 && v <= UINT32_MAX)
        return TY(ty_uint);
    if (!u && l <= 1) {
        if (v <= INT64_MAX) return TY(ty_long);
        if (!is_decimal) return TY(ty_ulong);
    }
    if (u && l <= 1)
        return TY(ty_ulong);
    if (!u) {
        if (v <= INT64_MAX) return TY(ty_llong);
        if (is_decimal) *too_big_signed = true;
    }
    return TY(ty_ullong);
}

static int digit_value(int ch) {
    if (ch >= '0' && ch <= '9') return ch - '0';
    if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
    return 99;
}

static bool is_float_spelling(const char *s, int n) {
    bool hex = n > 1 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
    for (int i = 0; i < n; i++) {
        if (s[i] == '.')
            return true;
        if (!hex && (s[i] == 'e' || s[i] == 'E'))
            return true;
        if (hex && (s[i] == 'p' || s[i] == 'P'))
            return true;
    }
    return false;
}

/* GNU C's imaginary suffix: one i, I, j or J before or after the others
 * ("1.0i", "2fi", "3if"). Copies the suffix without it to out (at most
 * 3 bytes and a NUL) and returns true when it was there. */
static bool take_imaginary(const char *suffix, size_t n, char out[4]) {
    const char *marks = "iIjJ";
    bool first = n > 0 && strchr(marks, suffix[0]);
    bool last = n > 1 && strchr(marks, suffix[n - 1]);
    if ((!first && !last) || n > 3) {
        out[0] = '\0';
        return false;
    }
    size_t from = first ? 1 : 0, len = n - 1;
    memcpy(out, suffix + from, len);
    out[len] = '\0';
    return true;
}

static void convert_int(Compile *c, Token *tok) {
    const char *s = tok->loc;
    int n = tok->len, i = 0, base = 10;
    const char *kind = NULL;
    if (n > 1 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        base = 16;
        i = 2;
    } else if (n > 1 && s[0] == '0' && (s[1] == 'b' || s[1] == 'B')) {
        base = 2;
        i = 2;
        kind = "binary";
    } else if (s[0] == '0') {
        base = 8;
        kind = "octal";
    }
    int digits_start = i;
    uint64_t v = 0;
    bool overflow = false;
    for (; i < n && isxdigit((unsigned char)s[i]); i++) {
        int d = digit_value(s[i]);
        if (base == 10 && d >= 10)
            break;
        if (d >= base) {
            if (d < 10 && kind) {
                error_tok(c, tok, "invalid digit \"%c\" in %s constant", s[i], kind);
                tok->ty = TY(ty_int);
                return;
            }
            break;
        }
        if (v > (UINT64_MAX - (uint64_t)d) / (uint64_t)base)
            overflow = true;
        v = v * (uint64_t)base + (uint64_t)d;
    }
    tok->kind = TK_NUM;
    tok->ty = TY(ty_int);
    bool u;
    int l;
    if ((base == 16 || base == 2) && i == digits_start) {
        error_tok(c, tok, "invalid suffix \"%.*s\" on integer constant",
                  n - 1, s + 1);
        return;
    }
    if (!int_suffix(s + i, n - i, &u, &l)) {
        char rest[4];
        if (take_imaginary(s + i, (size_t)(n - i), rest) &&
            int_suffix(rest, (int)strlen(rest), &u, &l))
            error_tok(c, tok, "imaginary constants of integer type (GNU C's complex "
                      "integers) are not supported yet");
        else
            error_tok(c, tok, "invalid suffix \"%.*s\" on integer constant",
                      n - i, s + i);
        return;
    }
    if (overflow) {
        error_tok(c, tok, "integer constant is too large for its type");
        return;
    }
    bool too_big;
    tok->ty = int_const_type(v, base == 10, u, l, &too_big);
    if (too_big)
        warn_tok(c, tok, "integer constant is so large that it is unsigned");
    tok->ival = (int64_t)v;
}

static void convert_float(Compile *c, Token *tok, locale_t *loc) {
    const char *s = tok->loc;
    int n = tok->len;
    tok->kind = TK_NUM;
    tok->ty = TY(ty_double);
    bool hex = n > 1 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
    if (hex && !memchr(s, 'p', (size_t)n) && !memchr(s, 'P', (size_t)n)) {
        error_tok(c, tok, "hexadecimal floating constants require an exponent");
        return;
    }
    if (!*loc)
        *loc = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    char *text = tok_str(c, tok);
    char *end;
    long double v = *loc ? strtold_l(text, &end, *loc) : strtold(text, &end);
    const char *suffix = end;
    char real_suffix[4];
    bool imaginary = take_imaginary(end, strlen(end), real_suffix);
    if (imaginary)
        suffix = real_suffix;
    if (strcmp(suffix, "f") == 0 || strcmp(suffix, "F") == 0) {
        tok->ty = TY(ty_float);
        tok->fval = *loc ? strtof_l(text, NULL, *loc) : strtof(text, NULL);
    } else if (strcmp(suffix, "l") == 0 || strcmp(suffix, "L") == 0) {
        tok->ty = TY(ty_ldouble);
        tok->fval = v;
    } else if (*suffix == '\0') {
        tok->fval = *loc ? strtod_l(text, NULL, *loc) : strtod(text, NULL);
    } else {
        error_tok(c, tok, "invalid suffix \"%s\" on floating constant", end);
        return;
    }
    /* fval is the imaginary part: the value is 0 + fval i */
    if (imaginary)
        tok->ty = complex_of(tok->ty);
}

static void convert_pp_number(Compile *c, Token *tok, locale_t *loc) {
    if (is_float_spelling(tok->loc, tok->len))
        convert_float(c, tok, loc);
    else
        convert_int(c, tok);
}

/* ---------------------------------------------------------------------
 * lex_finish: escapes, character constants, string literals
 * ------------------------------------------------------------------- */

/* Decodes one escape sequence after its backslash at *p; returns the
 * value (may exceed 255 for a hex escape out of range: reported). */
static int read_escape(Compile *c, Token *tok, const char **p, const char *end) {
    const char *s = *p;
    int ch = (unsigned char)*s++;
    unsigned v;
    switch (ch) {
    case 'n': v = '\n'; break;
    case 't': v = '\t'; break;
    case 'r': v = '\r'; break;
    case 'a': v = '\a'; break;
    case 'b': v = '\b'; break;
    case 'f': v = '\f'; break;
    case 'v': v = '\v'; break;
    case 'e': case 'E': v = 27; break;    /* GNU extension */
    case '\\': case '\'': case '"': case '?': v = (unsigned)ch; break;
    case 'x': {
        if (s >= end || !isxdigit((unsigned char)*s)) {
            error_tok(c, tok, "\\x used with no following hex digits");
            v = 0;
            break;
        }
        bool range = false;
        v = 0;
        for (; s < end && isxdigit((unsigned char)*s); s++) {
            v = (v << 4) | (unsigned)digit_value(*s);
            if (v > 0xff)
                range = true;
            v &= 0xfff;
        }
        if (range)
            error_tok(c, tok, "hex escape sequence out of range");
        break;
    }
    default:
        if (ch >= '0' && ch <= '7') {
            v = (unsigned)(ch - '0');
            for (int i = 0; i < 2 && s < end && *s >= '0' && *s <= '7'; i++)
                v = v * 8 + (unsigned)(*s++ - '0');
            if (v > 0xff)
                warn_tok(c, tok, "octal escape sequence out of range");
            break;
        }
        if (ch >= 0x20 && ch < 0x7f)
            warn_tok(c, tok, "unknown escape sequence: '\\%c'", ch);
        else
            warn_tok(c, tok, "unknown escape sequence: '\\%03o'", ch);
        v = (unsigned)ch;
        break;
    }
    *p = s;
    return (int)(v & 0xff);
}

/* Skips an encoding prefix; reports the ones memjit does not support
 * (wide strings: character constants are handled by convert_wide_char). */
static const char *skip_prefix(Compile *c, Token *tok) {
    const char *s = tok->loc;
    if (s[0] == 'u' && s[1] == '8')
        return s + 2;
    if (s[0] == 'L' || s[0] == 'u' || s[0] == 'U') {
        error_tok(c, tok, "wide strings (prefix '%c') are not supported", s[0]);
        return s + 1;
    }
    return s;
}

/* A universal character name \\u XXXX or \\U XXXXXXXX after its
 * backslash at *p (C11 6.4.3): the code point, or -1 after an error. */
static long read_ucn(Compile *c, Token *tok, const char **p, const char *end) {
    const char *s = *p;
    int n = *s++ == 'u' ? 4 : 8;
    long v = 0;
    for (int i = 0; i < n; i++, s++) {
        if (s >= end || !isxdigit((unsigned char)*s)) {
            error_tok(c, tok, "incomplete universal character name %.*s",
                      (int)(s - *p) + 1, *p - 1);
            *p = s;
            return -1;
        }
        v = v * 16 + digit_value(*s);
    }
    *p = s;
    if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) {
        error_tok(c, tok, "\\%c%0*lx is not a valid universal character",
                  n == 4 ? 'u' : 'U', n, v);
        return -1;
    }
    return v;
}

static void put_utf8(StrBuf *out, long cp) {
    if (cp < 0x80) {
        sb_putc(out, (char)cp);
    } else if (cp < 0x800) {
        sb_putc(out, (char)(0xc0 | (cp >> 6)));
        sb_putc(out, (char)(0x80 | (cp & 0x3f)));
    } else if (cp < 0x10000) {
        sb_putc(out, (char)(0xe0 | (cp >> 12)));
        sb_putc(out, (char)(0x80 | ((cp >> 6) & 0x3f)));
        sb_putc(out, (char)(0x80 | (cp & 0x3f)));
    } else {
        sb_putc(out, (char)(0xf0 | (cp >> 18)));
        sb_putc(out, (char)(0x80 | ((cp >> 12) & 0x3f)));
        sb_putc(out, (char)(0x80 | ((cp >> 6) & 0x3f)));
        sb_putc(out, (char)(0x80 | (cp & 0x3f)));
    }
}

/* Decodes the body of a quoted token into bytes; false if unterminated. */
static bool decode_quoted(Compile *c, Token *tok, StrBuf *out, int quote) {
    const char *s = skip_prefix(c, tok) + 1;
    const char *end = tok->loc + tok->len;
    while (s < end) {
        if (*s == quote && s + 1 == end)
            return true;
        if (*s == '\\' && s + 1 < end && (s[1] == 'u' || s[1] == 'U')) {
            s++;
            long cp = read_ucn(c, tok, &s, end);
            if (cp >= 0)
                put_utf8(out, cp);
        } else if (*s == '\\' && s + 1 < end) {
            s++;
            sb_putc(out, (char)read_escape(c, tok, &s, end));
        } else {
            sb_putc(out, *s++);
        }
    }
    error_tok(c, tok, "missing terminating %c character", quote);
    return false;
}

/* One character of a wide constant at *p: an escape (whose value may
 * exceed a byte), a UCN, or a UTF-8 sequence decoded to its code point. */
static long read_wide_char(Compile *c, Token *tok, const char **p, const char *end) {
    const unsigned char *s = (const unsigned char *)*p;
    long v;
    if (*s == '\\' && (const char *)s + 1 < end) {
        const char *q = (const char *)s + 1;
        if (*q == 'u' || *q == 'U') {
            v = read_ucn(c, tok, &q, end);
        } else if (*q == 'x' || (*q >= '0' && *q <= '7')) {
            bool hex = *q == 'x';
            int max = hex ? 8 : 3;
            v = 0;
            if (hex)
                q++;
            for (int i = 0; i < max && q < end && (hex ? isxdigit((unsigned char)*q)
                                                       : (*q >= '0' && *q <= '7')); i++, q++)
                v = v * (hex ? 16 : 8) + digit_value(*q);
        } else {
            v = read_escape(c, tok, &q, end);
        }
        *p = q;
        return v;
    }
    int n = *s >= 0xf0 ? 4 : *s >= 0xe0 ? 3 : *s >= 0xc0 ? 2 : 1;
    v = n == 1 ? *s : *s & (0x3f >> (n - 1));
    for (int i = 1; i < n && (const char *)s + i < end; i++)
        v = (v << 6) | (s[i] & 0x3f);
    *p = (const char *)s + n;
    return v;
}

/* L'x' (wchar_t: int), u'x' (char16_t: unsigned short) and U'x'
 * (char32_t: unsigned int), C11 6.4.4.4. Of several characters, the
 * last one counts, as in gcc. */
static void convert_wide_char(Compile *c, Token *tok) {
    char prefix = tok->loc[0];
    const char *s = tok->loc + 2, *end = tok->loc + tok->len - 1;
    tok->kind = TK_NUM;
    tok->ty = prefix == 'L' ? TY(ty_int) : prefix == 'u' ? TY(ty_ushort) : TY(ty_uint);
    if (tok->len < 3 || tok->loc[tok->len - 1] != '\'') {
        error_tok(c, tok, "missing terminating ' character");
        return;
    }
    if (s == end) {
        error_tok(c, tok, "empty character constant");
        return;
    }
    long v = 0;
    int n = 0;
    while (s < end) {
        v = read_wide_char(c, tok, &s, end);
        n++;
    }
    if (n > 1)
        warn_tok(c, tok, "character constant too long for its type");
    if (prefix == 'u' && v > 0xffff)
        warn_tok(c, tok, "character constant too long for its type");
    if (prefix == 'u')
        tok->ival = (uint16_t)v;
    else if (prefix == 'U')
        tok->ival = (uint32_t)v;
    else
        tok->ival = (int32_t)v;
}

static void convert_char(Compile *c, Token *tok) {
    if (tok->loc[0] == 'L' || tok->loc[0] == 'U' ||
        (tok->loc[0] == 'u' && tok->loc[1] == '\'')) {
        convert_wide_char(c, tok);
        return;
    }
    StrBuf sb;
    sb_init(&sb, &c->arena);
    bool ok = decode_quoted(c, tok, &sb, '\'');
    tok->kind = TK_NUM;
    tok->ty = TY(ty_int);
    if (ok && sb.len == 0) {
        error_tok(c, tok, "empty character constant");
        return;
    }
    if (sb.len == 1) {
        tok->ival = (signed char)sb.data[0];
        return;
    }
    if (!ok)
        return;
    if (sb.len > 4)
        warn_tok(c, tok, "character constant too long for its type");
    else
        warn_tok(c, tok, "multi-character character constant");
    uint32_t v = 0;
    for (size_t i = 0; i < sb.len; i++)
        v = (v << 8) | (unsigned char)sb.data[i];
    tok->ival = (int32_t)v;
}

static void convert_string(Compile *c, Token *tok) {
    StrBuf sb;
    sb_init(&sb, &c->arena);
    decode_quoted(c, tok, &sb, '"');
    sb_putc(&sb, '\0');
    tok->str = sb.data;
    tok->str_len = (int)sb.len;
}

/* Joins a run of adjacent string literals into the first one. */
static void concat_strings(Compile *c, Token *tok) {
    if (tok->next->kind != TK_STR)
        return;
    StrBuf sb;
    sb_init(&sb, &c->arena);
    sb_putn(&sb, tok->str, (size_t)tok->str_len - 1);
    Token *t = tok->next;
    for (; t->kind == TK_STR; t = t->next) {
        convert_string(c, t);
        sb_putn(&sb, t->str, (size_t)t->str_len - 1);
    }
    sb_putc(&sb, '\0');
    tok->str = sb.data;
    tok->str_len = (int)sb.len;
    tok->next = t;
}

/* The prefix of a wide string literal ('L', 'u' or 'U'), or 0 for a
 * plain or u8 one. */
static char wide_prefix(const Token *tok) {
    char ch = tok->loc[0];
    if (ch == 'L' || ch == 'U' || (ch == 'u' && tok->loc[1] != '8'))
        return ch;
    return 0;
}

/* Appends one code unit of a wide string in memory order. */
static void put_unit(StrBuf *out, char prefix, uint32_t v) {
    if (prefix == 'u') {
        uint16_t u = (uint16_t)v;
        sb_putn(out, (const char *)&u, sizeof u);
    } else {
        sb_putn(out, (const char *)&v, sizeof v);
    }
}

/* Decodes the characters of one literal of a wide run into code units:
 * wchar_t and char32_t take code points, char16_t takes UTF-16 (a
 * surrogate pair above U+FFFF). Returns the number of units. */
static int decode_wide(Compile *c, Token *tok, char prefix, StrBuf *out) {
    int skip = tok->loc[0] == '"' ? 0 : tok->loc[1] == '8' ? 2 : 1;
    const char *s = tok->loc + skip + 1, *end = tok->loc + tok->len - 1;
    if (tok->len < skip + 2 || *end != '"') {
        error_tok(c, tok, "missing terminating \" character");
        return 0;
    }
    int n = 0;
    while (s < end) {
        long v = read_wide_char(c, tok, &s, end);
        if (v < 0)
            continue;
        if (prefix == 'u' && v > 0xffff && v <= 0x10ffff) {
            put_unit(out, prefix, (uint32_t)(0xd800 + ((v - 0x10000) >> 10)));
            put_unit(out, prefix, (uint32_t)(0xdc00 + ((v - 0x10000) & 0x3ff)));
            n += 2;
            continue;
        }
        put_unit(out, prefix, (uint32_t)v);
        n++;
    }
    return n;
}

/* A run of adjacent literals of which one at least is wide (C11 6.4.5p5:
 * the result is wide): L"..." is wchar_t (int), u"..." char16_t
 * (unsigned short), U"..." char32_t (unsigned int). str holds the
 * elements, the terminating zero included, in memory order. */
static void convert_wide_strings(Compile *c, Token *tok, char prefix) {
    StrBuf sb;
    sb_init(&sb, &c->arena);
    int n = 0;
    Token *t = tok;
    for (; t->kind == TK_STR; t = t->next) {
        char p = wide_prefix(t);
        if (p && p != prefix)
            error_tok(c, t, "unsupported non-standard concatenation of string literals");
        n += decode_wide(c, t, prefix, &sb);
    }
    put_unit(&sb, prefix, 0);
    tok->str = sb.data;
    tok->str_len = (int)sb.len;
    tok->next = t;
    const Type *elem = prefix == 'L' ? ty_int : prefix == 'u' ? ty_ushort : ty_uint;
    tok->ty = array_of(c, TY(elem), n + 1);
}

/* The prefix of the first wide literal in the run starting at tok, or 0. */
static char run_wide_prefix(const Token *tok) {
    for (; tok->kind == TK_STR; tok = tok->next)
        if (wide_prefix(tok))
            return wide_prefix(tok);
    return 0;
}

/* ---------------------------------------------------------------------
 * lex_finish
 * ------------------------------------------------------------------- */

/* True for punctuators of C (after preprocessing, "#" and "##" and any
 * other single character are stray). */
static bool is_c_punct(const Token *tok) {
    if (tok->len > 1)
        return tok->loc[0] != '#';
    return strchr("[](){}.&*+-~!/%<>^|?:;=,", tok->loc[0]) && tok->loc[0];
}

static void report_stray(Compile *c, Token *tok) {
    unsigned char ch = (unsigned char)tok->loc[0];
    if (ch >= 0x20 && ch < 0x7f)
        error_tok(c, tok, "stray '%.*s' in program", tok->len, tok->loc);
    else
        error_tok(c, tok, "stray '\\%o' in program", ch);
}

void lex_finish(Compile *c, Token *tok) {
    locale_t loc = (locale_t)0;
    for (Token *t = tok; t && t->kind != TK_EOF; t = t->next) {
        switch (t->kind) {
        case TK_IDENT:
            if (is_keyword(t->loc, t->len))
                t->kind = TK_KEYWORD;
            break;
        case TK_PP_NUM:
            convert_pp_number(c, t, &loc);
            break;
        case TK_NUM:
            if (!t->ty)
                convert_char(c, t);
            break;
        case TK_STR: {
            char prefix = run_wide_prefix(t);
            if (prefix) {
                convert_wide_strings(c, t, prefix);
                break;
            }
            convert_string(c, t);
            concat_strings(c, t);
            t->ty = array_of(c, TY(ty_char), t->str_len);
            break;
        }
        case TK_PUNCT:
            if (!is_c_punct(t))
                report_stray(c, t);
            break;
        default:
            break;
        }
    }
    if (loc)
        freelocale(loc);
}
