/*
 * pp.c - the C preprocessor: #include, #define, #if and macro expansion.
 *
 * How macro expansion terminates: hidesets (Prosser's algorithm)
 * ----------------------------------------------------------------
 * C11 6.10.3.4 says a macro name met again while rescanning its own
 * replacement is not replaced again ("painted blue"). Dave Prosser's
 * algorithm, the one behind the standard's wording, attaches to every
 * token a *hideset*: the names of the macros whose expansion produced it.
 *
 *   - A token from the source has an empty hideset.
 *   - Expanding an object-like macro M at token T gives every token of
 *     M's body the hideset HS(T) + {M}.
 *   - Expanding a function-like macro M whose use spans T ... ")" gives
 *     every token of the substituted body (HS(T) & HS(")")) + {M}: the
 *     intersection, because only names hidden at both ends of the use are
 *     hidden for all of it.
 *   - An identifier whose own hideset contains its name is never
 *     expanded.
 *
 * The result of an expansion is pushed back in front of the remaining
 * input and read again, so rescanning is the same loop as scanning, with
 * no recursion. Arguments are fully expanded before substitution (except
 * operands of # and ##), which is the only recursion; it is bounded by
 * mj_options.max_macro_depth. Pasting works on the substituted list with
 * "placemarkers" standing for empty arguments (C11 6.10.3.3).
 *
 * Other decisions:
 *   - Included files are lexed whole and spliced into the token stream
 *     with their TK_EOF kept as an end-of-file marker: that is where the
 *     include depth drops and where an unterminated #if of that file is
 *     reported. Only the last TK_EOF (next == NULL) ends the stream.
 *   - Skipping a false #if group and evaluating #if are iterative or
 *     bounded, so hostile nesting cannot exhaust the C stack.
 *   - A header guarded by #ifndef X / #define X ... #endif, or by
 *     #pragma once, is not even lexed again once X is defined.
 *   - _Pragma("...") runs as a #pragma line where the scan of the token
 *     stream meets it: in the text or in a rescanned expansion. Like gcc,
 *     the expansion of a macro argument and of a directive's line leave it
 *     alone: one in an argument runs when the substitution is rescanned,
 *     after the macros of the argument were expanded. The pragmas that do
 *     something are once, push_macro and pop_macro; the others are
 *     ignored, as gcc ignores a pragma it does not know.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "front.h"

enum {
    MAX_INCLUDE_DEPTH = 200,
    MAX_IF_EXPR_DEPTH = 400,  /* parentheses and unary operators in #if */
    /* Tokens copied for macro arguments in one compile. Arguments nested
       D deep are copied D times, so hostile input could otherwise make
       the copies quadratic in its size. */
    MAX_ARG_TOKENS = 4000000,
};

/* Marks kept in Token.ival of TK_PUNCT tokens inside macro bodies and
 * substitutions: which "#" and "##" are operators, and placemarkers. */
enum {
    MARK_NONE,
    MARK_PASTE,
    MARK_STRINGIZE,
    MARK_PLACEMARKER,
    MARK_VA_OPT,       /* the identifier __VA_OPT__ (TK_IDENT) */
    MARK_VA_OPT_END,   /* the ")" that closes __VA_OPT__( */
};

typedef struct Hideset {
    struct Hideset *next;
    const char *name;
    int len;
} Hideset;

typedef enum {
    MAC_PLAIN,    /* defined by #define */
    MAC_FILE,     /* __FILE__ */
    MAC_LINE,     /* __LINE__ */
    MAC_COUNTER,  /* __COUNTER__ */
    MAC_BASE_FILE,      /* __BASE_FILE__ */
    MAC_INCLUDE_LEVEL,  /* __INCLUDE_LEVEL__ */
    MAC_HAS_INCLUDE,    /* __has_include: only inside #if */
} MacroKind;

typedef struct Macro {
    const char *name;
    int len;
    MacroKind kind;
    bool is_defined;      /* false after #undef */
    bool is_objlike;
    bool is_variadic;     /* the last parameter takes the "..." */
    Token **params;       /* parameter names ("__VA_ARGS__" for "...") */
    int nparams;
    Token *body;          /* ends with TK_EOF */
    Token *name_tok;
} Macro;

/* An argument of a function-like macro use. */
typedef struct MacroArg {
    Token *tok;           /* as written, ends with TK_EOF */
    Token *expanded;      /* fully macro-expanded, made on first use */
} MacroArg;

typedef enum { IN_THEN, IN_ELIF, IN_ELSE } CondCtx;

/* An open #if of the file at include depth `depth`. */
typedef struct CondIncl {
    struct CondIncl *next;
    Token *tok;           /* the "#" of the #if */
    CondCtx ctx;
    bool included;        /* some group of this #if was taken */
    int depth;
} CondIncl;

typedef struct PP {
    Compile *c;
    HashMap macros;
    HashMap guards;       /* file name -> guard macro name Token */
    HashMap once;         /* file names of #pragma once headers */
    HashMap pushed;       /* push_macro key -> PushedMacro stack */
    int pack;             /* #pragma pack(N) in force: N, or 0 */
    struct PackLevel *packs;   /* #pragma pack(push) stack */
    CondIncl *cond;
    int include_depth;
    int expand_depth;
    const Token *use;     /* the macro use in the source being expanded */
    size_t use_tokens;    /* tokens its expansions have pushed back so far */
    long arg_tokens;      /* tokens copied for macro arguments so far */
    int counter;
    bool space_after;           /* subst: the expansion ends in white space */
    const SrcFile *base_file;   /* the main file, for __BASE_FILE__ */
} PP;

static Token *preprocess(PP *pp, Token *tok, bool top);
static Token *directive(PP *pp, Token *hash);
static Macro *load_predefined(PP *pp, const char *name, int len);
/* Where a header was found. */
typedef struct Header {
    const char *text;
    size_t len;
    const char *path;      /* the file's name from now on */
    bool builtin;          /* one of memjit's own */
    bool from_host;        /* the host's include resolver gave it */
    int sys_dir;           /* a system folder's index, or -1 */
} Header;

static bool find_header(PP *pp, const char *name, bool angled, bool next, Token *hash,
                        Header *h);

/* ---------------------------------------------------------------------
 * Tokens and hidesets
 * ------------------------------------------------------------------- */

static Token *new_eof(PP *pp, const Token *like) {
    Token *t = tok_copy(pp->c, like);
    t->kind = TK_EOF;
    t->len = 0;
    return t;
}

static bool is_hash_op(const Token *tok) {
    return tok->kind == TK_PUNCT && tok->len == 1 && tok->loc[0] == '#';
}

/* A "#" that starts a directive: first on a line of the source, not
 * produced by a macro expansion. */
static bool is_directive(const Token *tok) {
    return tok->at_bol && is_hash_op(tok) && !tok->origin && !tok->hideset;
}

static bool is_ident(const Token *tok, const char *s) {
    return tok->kind == TK_IDENT && tok_equal(tok, s);
}

static bool hideset_contains(const Hideset *hs, const char *s, int len) {
    for (; hs; hs = hs->next)
        if (hs->len == len && memcmp(hs->name, s, (size_t)len) == 0)
            return true;
    return false;
}

static Hideset *hideset_add(PP *pp, Hideset *hs, const char *name, int len) {
    Hideset *h = arena_alloc(&pp->c->arena, sizeof(Hideset));
    h->name = name;
    h->len = len;
    h->next = hs;
    return h;
}

/* a + b, sharing b's list. */
static Hideset *hideset_union(PP *pp, Hideset *a, Hideset *b) {
    for (; a; a = a->next)
        if (!hideset_contains(b, a->name, a->len))
            b = hideset_add(pp, b, a->name, a->len);
    return b;
}

static Hideset *hideset_intersection(PP *pp, Hideset *a, Hideset *b) {
    Hideset *out = NULL;
    for (; a; a = a->next)
        if (hideset_contains(b, a->name, a->len))
            out = hideset_add(pp, out, a->name, a->len);
    return out;
}

/* Copies the tokens up to the end of the line into a list ending in
 * TK_EOF; *rest is the first token of the next line. */
static Token *copy_line(PP *pp, Token **rest, Token *tok) {
    Token head = {0};
    Token *cur = &head;
    for (; !tok->at_bol; tok = tok->next)
        cur = cur->next = tok_copy(pp->c, tok);
    /* The end of the line is located just after its last token. */
    Token *eof = new_eof(pp, cur == &head ? tok : cur);
    if (cur != &head)
        eof->col += cur->len;
    cur->next = eof;
    *rest = tok;
    return head.next;
}

/* Skips to the next line, warning about tokens left on this one. */
static Token *skip_line(PP *pp, Token *tok, const char *directive) {
    if (tok->at_bol)
        return tok;
    warn_tok(pp->c, tok, "extra tokens at end of #%s directive", directive);
    while (!tok->at_bol)
        tok = tok->next;
    return tok;
}

/* The text of tokens as written, one space where there was white space. */
static void join_tokens(StrBuf *sb, Token *tok, Token *end) {
    for (Token *t = tok; t != end && t->kind != TK_EOF; t = t->next) {
        if (t != tok && (t->has_space || t->at_bol))
            sb_putc(sb, ' ');
        sb_putn(sb, t->loc, (size_t)t->len);
    }
}

/* ---------------------------------------------------------------------
 * Macros: lookup and #define
 * ------------------------------------------------------------------- */

/* The macro table's entry for a name, defining a predefined macro on
 * its first use. The entry may be an #undef'ed macro. */
static Macro *lookup_macro(PP *pp, const char *name, int len) {
    Macro *m = hashmap_get(&pp->macros, name, len);
    if (!m && len > 2 && name[0] == '_')
        m = load_predefined(pp, name, len);
    return m;
}

static Macro *find_macro(PP *pp, const Token *tok) {
    if (tok->kind != TK_IDENT)
        return NULL;
    Macro *m = lookup_macro(pp, tok->loc, tok->len);
    return m && m->is_defined ? m : NULL;
}

static int param_index(const Macro *m, const Token *tok) {
    if (tok->kind != TK_IDENT || m->is_objlike)
        return -1;
    for (int i = 0; i < m->nparams; i++)
        if (m->params[i]->len == tok->len &&
            memcmp(m->params[i]->loc, tok->loc, (size_t)tok->len) == 0)
            return i;
    return -1;
}

/* params = ")" | param ("," param)* ("," "...")? ")" | "..." ")"
 * param  = ident | ident "..." (GNU named variadic) */
static bool read_macro_params(PP *pp, Token **rest, Token *tok, Macro *m) {
    Token *list[256];
    int n = 0;
    tok = tok->next;   /* after "(" */
    if (tok_equal(tok, ")") && !tok->at_bol) {
        *rest = tok->next;
        return true;
    }
    for (;;) {
        if (tok->at_bol) {
            error_tok(pp->c, tok, "missing ')' in macro parameter list");
            return false;
        }
        if (tok_equal(tok, "...")) {
            Token *va = tok_copy(pp->c, tok);
            va->kind = TK_IDENT;
            va->loc = "__VA_ARGS__";
            va->len = 11;
            tok = tok->next;
            if (n < 256)
                list[n++] = va;
            m->is_variadic = true;
        } else if (tok->kind == TK_IDENT) {
            if (n >= 256) {
                error_tok(pp->c, tok, "too many macro parameters");
                return false;
            }
            list[n++] = tok;
            tok = tok->next;
            if (tok_equal(tok, "...") && !tok->at_bol) {
                m->is_variadic = true;
                tok = tok->next;
            }
        } else {
            error_tok(pp->c, tok, "expected parameter name, found \"%.*s\"",
                      tok->len, tok->loc);
            return false;
        }
        if (tok_equal(tok, ")") && !tok->at_bol) {
            *rest = tok->next;
            break;
        }
        if (m->is_variadic || !tok_equal(tok, ",") || tok->at_bol) {
            error_tok(pp->c, tok, "expected ',' or ')', found \"%.*s\"",
                      tok->len, tok->loc);
            return false;
        }
        tok = tok->next;
    }
    m->nparams = n;
    m->params = arena_alloc(&pp->c->arena, sizeof(Token *) * (size_t)(n ? n : 1));
    memcpy(m->params, list, sizeof(Token *) * (size_t)n);
    return true;
}

/* Marks the "#" and "##" operators of a body and checks their operands. */
static bool mark_operators(PP *pp, Macro *m) {
    Token *prev = NULL;
    for (Token *t = m->body; t->kind != TK_EOF; prev = t, t = t->next) {
        t->ival = MARK_NONE;
        if (t->kind != TK_PUNCT)
            continue;
        if (tok_equal(t, "##")) {
            if (!prev || t->next->kind == TK_EOF) {
                error_tok(pp->c, t, "'##' cannot appear at either end of a macro expansion");
                return false;
            }
            t->ival = MARK_PASTE;
        } else if (tok_equal(t, "#") && !m->is_objlike) {
            if (param_index(m, t->next) < 0) {
                error_tok(pp->c, t, "'#' is not followed by a macro parameter");
                return false;
            }
            t->ival = MARK_STRINGIZE;
        }
    }
    return true;
}

/* __VA_OPT__ ( tokens ) in a variadic macro: marks the identifier and
 * the ")" that closes it, for subst. */
static bool mark_va_opt(PP *pp, Macro *m) {
    for (Token *t = m->body; t->kind != TK_EOF; t = t->next) {
        if (!m->is_variadic || !is_ident(t, "__VA_OPT__"))
            continue;
        if (!tok_equal(t->next, "(")) {
            error_tok(pp->c, t, "__VA_OPT__ must be followed by an open parenthesis");
            return false;
        }
        int level = 0;
        Token *u = t->next;
        for (; u->kind != TK_EOF; u = u->next) {
            if (tok_equal(u, "("))
                level++;
            else if (tok_equal(u, ")") && --level == 0)
                break;
            else if (is_ident(u, "__VA_OPT__")) {
                error_tok(pp->c, u, "__VA_OPT__ may not appear in a __VA_OPT__");
                return false;
            }
        }
        if (u->kind == TK_EOF) {
            error_tok(pp->c, t, "unterminated __VA_OPT__");
            return false;
        }
        t->ival = MARK_VA_OPT;
        u->ival = MARK_VA_OPT_END;
        t = u;
    }
    return true;
}

static bool same_definition(const Macro *a, const Macro *b) {
    if (a->is_objlike != b->is_objlike || a->nparams != b->nparams ||
        a->is_variadic != b->is_variadic || a->kind != b->kind)
        return false;
    for (int i = 0; i < a->nparams; i++)
        if (a->params[i]->len != b->params[i]->len ||
            memcmp(a->params[i]->loc, b->params[i]->loc, (size_t)a->params[i]->len) != 0)
            return false;
    Token *x = a->body, *y = b->body;
    for (; x->kind != TK_EOF && y->kind != TK_EOF; x = x->next, y = y->next)
        if (x->len != y->len || memcmp(x->loc, y->loc, (size_t)x->len) != 0 ||
            (x != a->body && x->has_space != y->has_space))
            return false;
    return x->kind == TK_EOF && y->kind == TK_EOF;
}

/* define = ident ("(" params)? replacement-list newline */
static Token *read_define(PP *pp, Token *tok) {
    Compile *c = pp->c;
    if (tok->at_bol || tok->kind != TK_IDENT) {
        error_tok(c, tok, tok->at_bol ? "no macro name given in #define directive"
                                      : "macro names must be identifiers");
        while (!tok->at_bol)
            tok = tok->next;
        return tok;
    }
    Macro *m = arena_alloc(&c->arena, sizeof(Macro));
    m->name = tok->loc;
    m->len = tok->len;
    m->name_tok = tok;
    m->is_defined = true;
    m->is_objlike = true;
    if (tok_equal(tok, "defined"))
        error_tok(c, tok, "\"defined\" cannot be used as a macro name");
    Token *name = tok;
    tok = tok->next;
    if (!tok->at_bol && !tok->has_space && tok_equal(tok, "(")) {
        m->is_objlike = false;
        if (!read_macro_params(pp, &tok, tok, m)) {
            while (!tok->at_bol)
                tok = tok->next;
            return tok;
        }
    }
    m->body = copy_line(pp, &tok, tok);
    if (m->body->kind != TK_EOF)
        m->body->has_space = false;
    if (!mark_operators(pp, m) || !mark_va_opt(pp, m))
        return tok;
    Macro *old = hashmap_get(&pp->macros, m->name, m->len);
    if (old && old->is_defined && !same_definition(old, m))
        warn_tok(c, name, "\"%.*s\" redefined", m->len, m->name);
    hashmap_put(&c->arena, &pp->macros, m->name, m->len, m);
    return tok;
}

static Token *read_undef(PP *pp, Token *tok) {
    if (tok->at_bol || tok->kind != TK_IDENT) {
        error_tok(pp->c, tok, tok->at_bol ? "no macro name given in #undef directive"
                                          : "macro names must be identifiers");
        while (!tok->at_bol)
            tok = tok->next;
        return tok;
    }
    Macro *m = lookup_macro(pp, tok->loc, tok->len);
    if (m)
        m->is_defined = false;
    return skip_line(pp, tok->next, "undef");
}

/* ---------------------------------------------------------------------
 * Expansion
 * ------------------------------------------------------------------- */

/* #arg: the spelling of the argument as one string literal. */
static Token *stringize(PP *pp, Token *hash, Token *arg) {
    StrBuf sb;
    sb_init(&sb, &pp->c->arena);
    sb_putc(&sb, '"');
    for (Token *t = arg; t->kind != TK_EOF; t = t->next) {
        if (t != arg && t->has_space)
            sb_putc(&sb, ' ');
        bool quoted = t->kind == TK_STR || (t->kind == TK_NUM && !t->ty);
        int len;
        const char *spelling = tok_written(t, &len);
        for (int i = 0; i < len; i++) {
            if (quoted && (spelling[i] == '"' || spelling[i] == '\\'))
                sb_putc(&sb, '\\');
            sb_putc(&sb, spelling[i]);
        }
    }
    sb_putc(&sb, '"');
    Token *s = tok_copy(pp->c, hash);
    s->kind = TK_STR;
    s->loc = sb_str(&sb);
    s->len = (int)sb.len;
    s->ival = MARK_NONE;
    s->hideset = NULL;
    return s;
}

/* lhs ## rhs: the two spellings lexed again as one token. */
static Token *paste(PP *pp, Token *lhs, Token *rhs) {
    if (lhs->ival == MARK_PLACEMARKER)
        return rhs;
    if (rhs->ival == MARK_PLACEMARKER)
        return lhs;
    Compile *c = pp->c;
    char *buf = arena_printf(&c->arena, "%.*s%.*s", lhs->len, lhs->loc, rhs->len, rhs->loc);
    SrcFile *f = arena_alloc(&c->arena, sizeof(SrcFile));
    *f = *lhs->file;
    f->contents = buf;
    f->len = strlen(buf);
    Token *t = lex_file(c, f);
    if (t->kind == TK_EOF || t->next->kind != TK_EOF) {
        error_tok(c, lhs, "pasting \"%.*s\" and \"%.*s\" does not give a valid preprocessing token",
                  lhs->len, lhs->loc, rhs->len, rhs->loc);
        return lhs;
    }
    t->file = lhs->file;
    t->line = lhs->line;
    t->col = lhs->col;
    t->origin = lhs->origin;
    t->has_space = lhs->has_space;
    t->at_bol = false;
    t->next = NULL;
    return t;
}

/* Applies the ## operators of a substituted body (a list of fresh
 * copies, so a pasted result may overwrite its left operand) and drops
 * the placemarkers. */
static Token *paste_all(PP *pp, Token *list) {
    Token head = {0};
    Token *cur = &head, *t = list;
    while (t->kind != TK_EOF) {
        if (t->kind == TK_PUNCT && t->ival == MARK_PASTE && cur != &head &&
            t->next->kind != TK_EOF) {
            Token *joined = paste(pp, cur, t->next);
            if (joined != cur)
                *cur = *joined;
            t = t->next->next;
            continue;
        }
        cur = cur->next = t;
        t = t->next;
    }
    Token *eof = t;
    Token out = {0};
    Token *o = &out;
    for (t = head.next; t; t = t == cur ? NULL : t->next)
        if (!(t->kind == TK_PUNCT && t->ival == MARK_PLACEMARKER))
            o = o->next = t;
    o->next = eof;
    return out.next;
}

/* Counts a token copied for a macro argument against the budget. */
static void count_arg_token(PP *pp, Token *tok) {
    if (++pp->arg_tokens > MAX_ARG_TOKENS)
        fatal_tok(pp->c, tok, "macro arguments too large (more than %d tokens)",
                  MAX_ARG_TOKENS);
}

/* True if some identifier of the list names a macro. */
static bool needs_expansion(PP *pp, Token *tok) {
    for (; tok->kind != TK_EOF; tok = tok->next)
        if (tok->kind == TK_IDENT && find_macro(pp, tok))
            return true;
    return false;
}

static Token *expanded_arg(PP *pp, MacroArg *arg) {
    /* Most arguments contain no macro: their expansion is themselves
       (append_copies copies them anyway), which saves two copies. */
    if (!arg->expanded && !needs_expansion(pp, arg->tok))
        arg->expanded = arg->tok;
    if (!arg->expanded) {
        Token head = {0}, *cur = &head;
        for (Token *t = arg->tok; t->kind != TK_EOF; t = t->next) {
            count_arg_token(pp, t);
            cur = cur->next = tok_copy(pp->c, t);
        }
        Token *eof = NULL;
        for (Token *t = arg->tok; !eof; t = t->next)
            if (t->kind == TK_EOF)
                eof = t;
        cur->next = tok_copy(pp->c, eof);
        arg->expanded = preprocess(pp, head.next, false);
    }
    return arg->expanded;
}

/* The substituted body being built. An argument that expands to nothing
 * leaves its white space to the next token, as gcc's padding tokens do:
 * that is what # then spells. */
typedef struct Subst {
    Token head;
    Token *cur;
    bool pending_space;
} Subst;

static void emit(Subst *s, Token *t) {
    bool is_placemarker = t->kind == TK_PUNCT && t->ival == MARK_PLACEMARKER;
    if (s->pending_space && !is_placemarker) {
        t->has_space = true;
        s->pending_space = false;
    }
    s->cur = s->cur->next = t;
}

/* Appends copies of a list (ending in TK_EOF); the first copy takes the
 * white space of the parameter it replaces. */
static void append_copies(PP *pp, Subst *s, Token *list, const Token *param) {
    if (list->kind == TK_EOF)
        s->pending_space |= param->has_space;
    for (Token *t = list; t->kind != TK_EOF; t = t->next) {
        Token *copy = tok_copy(pp->c, t);
        if (t == list)
            copy->has_space = param->has_space;
        copy->at_bol = false;
        copy->ival = MARK_NONE;
        emit(s, copy);
    }
}

static Token *placemarker(PP *pp, const Token *like) {
    Token *t = tok_copy(pp->c, like);
    t->kind = TK_PUNCT;
    t->len = 0;
    t->ival = MARK_PLACEMARKER;
    return t;
}

/* Replaces the parameters of m's body by the arguments (C11 6.10.3.1).
 * Tokens from the body get origin = the macro use. */
static Token *subst(PP *pp, Macro *m, MacroArg *args, Token *use) {
    Subst s = {.cur = NULL};
    s.cur = &s.head;
    bool after_paste = false;
    for (Token *t = m->body; t->kind != TK_EOF; t = t->next) {
        bool is_paste = t->kind == TK_PUNCT && t->ival == MARK_PASTE;
        /* __VA_OPT__(x) is x when the variable argument expands to some
           tokens, else a placemarker (C23 6.10.5.1, gcc's reading). */
        if (t->kind == TK_IDENT && t->ival == MARK_VA_OPT) {
            Token *va = expanded_arg(pp, &args[m->nparams - 1]);
            s.pending_space |= t->has_space;
            if (va->kind != TK_EOF) {
                t = t->next;
                continue;
            }
            while (!(t->kind == TK_PUNCT && t->ival == MARK_VA_OPT_END))
                t = t->next;
            emit(&s, placemarker(pp, t));
            continue;
        }
        if (t->kind == TK_PUNCT && t->ival == MARK_VA_OPT_END)
            continue;
        if (t->kind == TK_PUNCT && t->ival == MARK_STRINGIZE) {
            Token *str = stringize(pp, t, args[param_index(m, t->next)].tok);
            str->origin = use;
            emit(&s, str);
            t = t->next;
            after_paste = false;
            continue;
        }
        /* GNU: ", ## __VA_ARGS__" drops the comma when the argument is empty. */
        if (m->is_variadic && tok_equal(t, ",") && t->next->ival == MARK_PASTE &&
            t->next->kind == TK_PUNCT &&
            param_index(m, t->next->next) == m->nparams - 1) {
            Token *va = args[m->nparams - 1].tok;
            if (va->kind != TK_EOF) {
                Token *comma = tok_copy(pp->c, t);
                comma->origin = use;
                emit(&s, comma);
                append_copies(pp, &s, va, t->next->next);
            }
            t = t->next->next;
            after_paste = false;
            continue;
        }
        int i = param_index(m, t);
        if (i >= 0) {
            bool raw = after_paste || (t->next->kind == TK_PUNCT && t->next->ival == MARK_PASTE);
            Token *list = raw ? args[i].tok : expanded_arg(pp, &args[i]);
            if (list->kind == TK_EOF && raw)
                emit(&s, placemarker(pp, t));
            append_copies(pp, &s, list, t);
        } else {
            Token *copy = tok_copy(pp->c, t);
            copy->origin = use;
            emit(&s, copy);
        }
        after_paste = is_paste;
    }
    s.cur->next = new_eof(pp, use);
    pp->space_after = s.pending_space;
    return paste_all(pp, s.head.next);
}

/* Reads the arguments of a use of m; tok is the "(". Returns NULL after
 * reporting an error. *rparen is the closing parenthesis. */
static MacroArg *read_macro_args(PP *pp, Token **rparen, Token *tok, Macro *m,
                                 Token *name) {
    Compile *c = pp->c;
    int cap = m->nparams > 0 ? m->nparams : 1, n = 0;
    MacroArg *args = arena_alloc(&c->arena, sizeof(MacroArg) * (size_t)cap);
    tok = tok->next;
    for (;;) {
        Token head = {0}, *cur = &head;
        int level = 0;
        bool last = m->is_variadic && n == m->nparams - 1;
        for (;; tok = tok->next) {
            /* gcc runs the directives met inside arguments (most often an
               #ifdef around some of them); so does memjit. */
            while (is_directive(tok))
                tok = directive(pp, tok);
            if (tok->kind == TK_EOF) {
                error_tok(c, name, "unterminated argument list invoking macro \"%.*s\"",
                          m->len, m->name);
                *rparen = tok;
                return NULL;
            }
            if (level == 0 && (tok_equal(tok, ")") || (tok_equal(tok, ",") && !last)))
                break;
            if (tok_equal(tok, "("))
                level++;
            else if (tok_equal(tok, ")"))
                level--;
            count_arg_token(pp, tok);
            Token *copy = tok_copy(c, tok);
            if (copy->at_bol)
                copy->has_space = true;
            copy->at_bol = false;
            cur = cur->next = copy;
        }
        cur->next = new_eof(pp, tok);
        if (n < cap)
            args[n].tok = head.next;
        n++;
        if (tok_equal(tok, ")"))
            break;
        tok = tok->next;
    }
    *rparen = tok;
    /* F() passes one empty argument; to a macro of no parameters, none. */
    if (m->nparams == 0 && n == 1 && args[0].tok->kind == TK_EOF)
        n = 0;
    if (m->is_variadic && n == m->nparams - 1) {
        args[n].tok = new_eof(pp, tok);
        n++;
    }
    if (n < m->nparams) {
        error_tok(c, name, "macro \"%.*s\" requires %d arguments, but only %d given",
                  m->len, m->name, m->nparams, n);
        return NULL;
    }
    if (n > m->nparams) {
        error_tok(c, name, "macro \"%.*s\" passed %d arguments, but takes just %d",
                  m->len, m->name, n, m->nparams);
        return NULL;
    }
    return args;
}

/* The line number and file name a token has for __LINE__ and __FILE__:
 * its physical position, unless a #line directive said otherwise. */
static int presumed_line(const Token *tok, const char **name) {
    return src_presumed_line(tok->file, tok->line, name);
}

/* A string literal token spelling `s`, with quotes and escapes. */
static Token *string_token(PP *pp, Token *like, const char *s) {
    StrBuf sb;
    sb_init(&sb, &pp->c->arena);
    sb_putc(&sb, '"');
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            sb_putc(&sb, '\\');
        sb_putc(&sb, *s);
    }
    sb_putc(&sb, '"');
    Token *t = tok_copy(pp->c, like);
    t->kind = TK_STR;
    t->loc = sb_str(&sb);
    t->len = (int)sb.len;
    return t;
}

static Token *number_token(PP *pp, Token *like, long v) {
    Token *t = tok_copy(pp->c, like);
    t->kind = TK_PP_NUM;
    t->loc = arena_printf(&pp->c->arena, "%ld", v);
    t->len = (int)strlen(t->loc);
    return t;
}

/* __FILE__, __LINE__, __COUNTER__, __BASE_FILE__, __INCLUDE_LEVEL__:
 * one token made at the point of use. Inside a macro expansion, __LINE__
 * and __FILE__ give the position of the outermost macro use, as gcc's. */
static Token *expand_dynamic(PP *pp, Macro *m, Token *tok) {
    const Token *where = tok;
    while (where->origin)
        where = where->origin;
    const char *file;
    int line = presumed_line(where, &file);
    Token *t;
    switch (m->kind) {
    case MAC_FILE: t = string_token(pp, tok, file); break;
    case MAC_BASE_FILE: t = string_token(pp, tok, pp->base_file->name); break;
    case MAC_LINE: t = number_token(pp, tok, line); break;
    case MAC_INCLUDE_LEVEL: t = number_token(pp, tok, pp->include_depth); break;
    case MAC_HAS_INCLUDE:
        error_tok(pp->c, tok, "\"__has_include\" used outside of preprocessing directive");
        t = number_token(pp, tok, 0);
        break;
    default: t = number_token(pp, tok, pp->counter++); break;
    }
    t->origin = tok;
    return t;
}

/* n more tokens pushed back by the expansions of one macro use of the
 * source: mj_options.max_macro_tokens bounds them. */
static void count_use_tokens(PP *pp, size_t n, const Token *use) {
    Compile *c = pp->c;
    pp->use_tokens += n;
    if (c->max_macro_tokens && pp->use_tokens > c->max_macro_tokens)
        limit_tok(c, pp->use ? pp->use : use,
                  "this macro use expands to more than %zu tokens, rescans included "
                  "(mj_options.max_macro_tokens, --max-macro-tokens)", c->max_macro_tokens);
}

/* Gives every token of list the hideset hs too and splices the list in
 * front of rest; returns the new head. */
static Token *push_expansion(PP *pp, Token *list, Hideset *hs, Token *rest,
                             Token *use) {
    /* An expansion that is empty or ends in an empty argument leaves its
       white space to the token after it (gcc's padding); rest may be
       shared, so it gets a copy. */
    bool space = pp->space_after || (list->kind == TK_EOF && use->has_space);
    pp->space_after = false;
    if (space && rest->kind != TK_EOF && !rest->has_space) {
        Token *r = tok_copy(pp->c, rest);
        r->next = rest->next;
        r->has_space = true;
        rest = r;
    }
    if (list->kind == TK_EOF)
        return rest;
    Token *last = list;
    size_t n = 0;
    for (Token *t = list; t->kind != TK_EOF; t = t->next) {
        t->hideset = t->hideset ? hideset_union(pp, t->hideset, hs) : hs;
        last = t;
        n++;
    }
    count_use_tokens(pp, n, use);
    last->next = rest;
    list->at_bol = use->at_bol;
    list->has_space = use->has_space;
    return list;
}

/* If tok is a macro use, replaces it by its expansion in front of the
 * rest of the input (*rest) and returns true. */
static bool expand_macro(PP *pp, Token **rest, Token *tok) {
    if (tok->kind != TK_IDENT)
        return false;
    Macro *m = find_macro(pp, tok);
    if (!m || hideset_contains(tok->hideset, tok->loc, tok->len))
        return false;
    if (pp->expand_depth == 0 && !tok->origin) {   /* a use written in the source */
        pp->use = tok;
        pp->use_tokens = 0;
    }
    if (m->kind != MAC_PLAIN) {
        Token *t = expand_dynamic(pp, m, tok);
        t->next = tok->next;
        *rest = t;
        return true;
    }
    if (m->is_objlike) {
        Hideset *hs = hideset_add(pp, tok->hideset, m->name, m->len);
        Token head = {0}, *cur = &head;
        for (Token *t = m->body; t->kind != TK_EOF; t = t->next) {
            Token *copy = tok_copy(pp->c, t);
            copy->origin = tok;
            cur = cur->next = copy;
        }
        cur->next = new_eof(pp, tok);
        *rest = push_expansion(pp, paste_all(pp, head.next), hs, tok->next, tok);
        return true;
    }
    /* A function-like macro name not followed by "(" is not a use. */
    if (!tok_equal(tok->next, "(") || tok->next->kind != TK_PUNCT)
        return false;
    if (pp->expand_depth >= pp->c->max_macro_depth)
        limit_tok(pp->c, tok, "macro uses nested more than %d deep in macro arguments "
                  "(mj_options.max_macro_depth, --max-macro-depth)", pp->c->max_macro_depth);
    Token *rparen;
    MacroArg *args = read_macro_args(pp, &rparen, tok->next, m, tok);
    if (!args) {
        *rest = rparen->kind == TK_EOF ? rparen : rparen->next;
        return true;
    }
    Hideset *hs = hideset_intersection(pp, tok->hideset, rparen->hideset);
    hs = hideset_add(pp, hs, m->name, m->len);
    pp->expand_depth++;
    Token *body = subst(pp, m, args, tok);
    pp->expand_depth--;
    *rest = push_expansion(pp, body, hs, rparen->next, tok);
    return true;
}

/* ---------------------------------------------------------------------
 * #if expressions
 *
 * Why this is not the parser's constant-expression walker (const.c's
 * eval_const): the two evaluate different languages.
 * - Order of the phases: #if is decided here, on tokens, before the
 *   parser exists for this line; eval_const walks typed Nodes that only
 *   the parser builds, from declarations the preprocessor never sees.
 * - Arithmetic: C11 6.10.1p4 evaluates every signed operand as intmax_t
 *   and every unsigned one as uintmax_t, with no integer promotions to
 *   int. So 0xffffffff + 1 is 0x100000000 and -1 < 0u is false here,
 *   while in a declaration they are unsigned int arithmetic. PPValue is
 *   that pair of types; the parser's values carry a C type instead.
 * - Identifiers: every one left after macro expansion, keywords too, is
 *   0 (6.10.1p4), so sizeof, casts and enum constants do not exist;
 *   "defined" and "__has_include" are read before expansion
 *   (expand_if_line). Floating constants are errors (6.10.1p1).
 * - Diagnostics are the preprocessor's, worded as cpp words them
 *   ("missing binary operator before token", "division by zero in #if").
 * What is shared: a number's value and type come from the lexer
 * (lex_finish), the same conversion the parser's constants use.
 * ------------------------------------------------------------------- */

typedef struct PPValue {
    int64_t v;
    bool is_unsigned;
} PPValue;

typedef struct Eval {
    PP *pp;
    Token *tok;
    int depth;
    int skip;        /* > 0 inside the unevaluated operand of && || ?: */
    bool failed;     /* an error was reported: stop and yield 0 */
} Eval;

static PPValue eval_cond(Eval *e);

static void eval_error(Eval *e, Token *tok, const char *fmt, const char *arg) {
    if (!e->failed)
        error_tok(e->pp->c, tok, fmt, arg);
    e->failed = true;
}

static bool eval_deeper(Eval *e) {
    if (++e->depth > MAX_IF_EXPR_DEPTH) {
        eval_error(e, e->tok, "%s", "#if expression nested too deeply");
        return false;
    }
    return true;
}

static PPValue eval_primary(Eval *e) {
    Token *tok = e->tok;
    PPValue r = {0, false};
    if (e->failed)
        return r;
    if (tok_equal(tok, "(") && tok->kind == TK_PUNCT) {
        e->tok = tok->next;
        r = eval_cond(e);
        if (!tok_equal(e->tok, ")"))
            eval_error(e, e->tok, "%s", "missing ')' in expression");
        else
            e->tok = e->tok->next;
        return r;
    }
    if (tok->kind == TK_NUM) {
        if (is_flonum(tok->ty))
            eval_error(e, tok, "%s", "floating constant in preprocessor expression");
        r.v = tok->ival;
        r.is_unsigned = tok->ty && tok->ty->is_unsigned;
        e->tok = tok->next;
        return r;
    }
    if (tok->kind == TK_IDENT || tok->kind == TK_KEYWORD) {
        e->tok = tok->next;   /* an identifier that is not a macro is 0 */
        return r;
    }
    if (tok->kind == TK_EOF)
        eval_error(e, tok, "%s", "expected value in expression");
    else
        eval_error(e, tok, "token \"%s\" is not valid in preprocessor expressions",
                   tok_str(e->pp->c, tok));
    return r;
}

static PPValue eval_unary(Eval *e) {
    Token *tok = e->tok;
    if (tok->kind != TK_PUNCT || tok->len != 1 || !strchr("+-~!", tok->loc[0]))
        return eval_primary(e);
    if (!eval_deeper(e))
        return (PPValue){0, false};
    e->tok = tok->next;
    PPValue r = eval_unary(e);
    e->depth--;
    switch (tok->loc[0]) {
    case '-': r.v = (int64_t)(0 - (uint64_t)r.v); break;
    case '~': r.v = ~r.v; break;
    case '!': r.v = !r.v; r.is_unsigned = false; break;
    default: break;
    }
    return r;
}

/* Binary operators by precedence, loosest first (C11 6.5.5 - 6.5.14). */
static int binary_prec(const Token *tok) {
    static const struct { const char *op; int prec; } ops[] = {
        {"||", 1}, {"&&", 2}, {"|", 3}, {"^", 4}, {"&", 5},
        {"==", 6}, {"!=", 6}, {"<", 7}, {">", 7}, {"<=", 7}, {">=", 7},
        {"<<", 8}, {">>", 8}, {"+", 9}, {"-", 9}, {"*", 10}, {"/", 10}, {"%", 10},
    };
    if (tok->kind != TK_PUNCT)
        return 0;
    for (size_t i = 0; i < sizeof(ops) / sizeof(*ops); i++)
        if (tok_equal(tok, ops[i].op))
            return ops[i].prec;
    return 0;
}

static PPValue apply_binary(Eval *e, Token *op, PPValue a, PPValue b) {
    bool u = a.is_unsigned || b.is_unsigned;
    uint64_t x = (uint64_t)a.v, y = (uint64_t)b.v;
    PPValue r = {0, u};
    char c0 = op->loc[0], c1 = op->len > 1 ? op->loc[1] : 0;
    if ((c0 == '/' || c0 == '%') && y == 0) {
        if (!e->skip)
            eval_error(e, op, "%s", "division by zero in #if");
        return r;
    }
    switch (c0) {
    case '+': r.v = (int64_t)(x + y); break;
    case '-': r.v = (int64_t)(x - y); break;
    case '*': r.v = (int64_t)(x * y); break;
    case '/':
        if (u) r.v = (int64_t)(x / y);
        else r.v = (a.v == INT64_MIN && b.v == -1) ? INT64_MIN : a.v / b.v;
        break;
    case '%':
        if (u) r.v = (int64_t)(x % y);
        else r.v = (b.v == -1) ? 0 : a.v % b.v;
        break;
    case '^': r.v = (int64_t)(x ^ y); break;
    case '|':
        if (c1 == '|') { r.v = a.v || b.v; r.is_unsigned = false; }
        else r.v = (int64_t)(x | y);
        break;
    case '&':
        if (c1 == '&') { r.v = a.v && b.v; r.is_unsigned = false; }
        else r.v = (int64_t)(x & y);
        break;
    case '=': r.v = x == y; r.is_unsigned = false; break;
    case '!': r.v = x != y; r.is_unsigned = false; break;
    case '<':
    case '>':
        if (c1 == c0) {   /* shifts take the left operand's type */
            r.is_unsigned = a.is_unsigned;
            unsigned n = (unsigned)(y & 63);
            if (c0 == '<') r.v = (int64_t)(x << n);
            else r.v = a.is_unsigned ? (int64_t)(x >> n) : a.v >> n;
            break;
        }
        r.is_unsigned = false;
        bool lt = u ? x < y : a.v < b.v, eq = x == y;
        if (c0 == '<') r.v = c1 == '=' ? (lt || eq) : lt;
        else r.v = c1 == '=' ? !lt : (!lt && !eq);
        break;
    default: break;
    }
    return r;
}

/* Precedence climbing: binary = unary (op binary-of-higher-prec)* */
static PPValue eval_binary(Eval *e, int min_prec) {
    PPValue lhs = eval_unary(e);
    for (;;) {
        Token *op = e->tok;
        int prec = binary_prec(op);
        if (!prec || prec < min_prec || e->failed)
            return lhs;
        e->tok = op->next;
        /* The right operand of && (||) is not evaluated when the left
           is false (true): no "division by zero" from it. */
        bool skips = (prec == 2 && !lhs.v) || (prec == 1 && lhs.v);
        e->skip += skips;
        PPValue rhs = eval_binary(e, prec + 1);
        e->skip -= skips;
        lhs = apply_binary(e, op, lhs, rhs);
    }
}

/* cond = binary ("?" cond ":" cond)? */
static PPValue eval_cond(Eval *e) {
    if (!eval_deeper(e))
        return (PPValue){0, false};
    PPValue c = eval_binary(e, 1);
    if (!tok_equal(e->tok, "?") || e->failed) {
        e->depth--;
        return c;
    }
    e->tok = e->tok->next;
    e->skip += !c.v;
    PPValue a = eval_cond(e);
    e->skip -= !c.v;
    if (!tok_equal(e->tok, ":")) {
        eval_error(e, e->tok, "%s", "expected ':' in #if expression");
        return c;
    }
    e->tok = e->tok->next;
    e->skip += !!c.v;
    PPValue b = eval_cond(e);
    e->skip -= !!c.v;
    e->depth--;
    PPValue r = c.v ? a : b;
    r.is_unsigned = a.is_unsigned || b.is_unsigned;
    return r;
}

static Token *new_number(PP *pp, Token *like, bool one) {
    Token *t = tok_copy(pp->c, like);
    t->kind = TK_PP_NUM;
    t->loc = one ? "1" : "0";
    t->len = 1;
    return t;
}

/* defined X | defined ( X ): 1 or 0. On an error, *rest is the end of
 * the line, so the expression is cut short. */
static Token *read_defined(PP *pp, Token **rest, Token *tok) {
    Token *start = tok;
    tok = tok->next;
    bool paren = tok_equal(tok, "(");
    if (paren)
        tok = tok->next;
    if (tok->kind != TK_IDENT) {
        error_tok(pp->c, start, "operator \"defined\" requires an identifier");
        while (tok->kind != TK_EOF)
            tok = tok->next;
        *rest = tok;
        return new_number(pp, start, false);
    }
    Token *val = new_number(pp, start, find_macro(pp, tok) != NULL);
    tok = tok->next;
    if (paren) {
        if (!tok_equal(tok, ")"))
            error_tok(pp->c, start, "missing ')' after \"defined\"");
        else
            tok = tok->next;
    }
    *rest = tok;
    return val;
}

/* __has_include ( "name" | <name> ): 1 if #include would find it. */
static Token *read_has_include(PP *pp, Token **rest, Token *tok) {
    Token *start = tok;
    tok = tok->next;
    StrBuf sb;
    sb_init(&sb, &pp->c->arena);
    bool angled = false, ok = tok_equal(tok, "(");
    if (ok) {
        tok = tok->next;
        if (tok->kind == TK_STR && tok->loc[0] == '"' && tok->len >= 2) {
            sb_putn(&sb, tok->loc + 1, (size_t)tok->len - 2);
            tok = tok->next;
        } else if (tok_equal(tok, "<")) {
            Token *t = tok->next;
            while (t->kind != TK_EOF && !tok_equal(t, ">"))
                t = t->next;
            join_tokens(&sb, tok->next, t);
            angled = true;
            tok = t->kind == TK_EOF ? t : t->next;
        } else {
            ok = false;
        }
    }
    if (!ok || !tok_equal(tok, ")")) {
        error_tok(pp->c, start, "missing '(' or ')' after \"__has_include\"");
        while (tok->kind != TK_EOF)
            tok = tok->next;
        *rest = tok;
        return new_number(pp, start, false);
    }
    *rest = tok->next;
    Header h;
    return new_number(pp, start, find_header(pp, sb_str(&sb), angled, false, start, &h));
}

/* Macro-expands an #if line. "defined" and "__has_include" are replaced
 * where the scan meets them, so that one produced by a macro expansion
 * also works, as in gcc. */
static Token *expand_if_line(PP *pp, Token *tok) {
    Token head = {0}, *cur = &head;
    while (tok->kind != TK_EOF) {
        if (is_ident(tok, "defined")) {
            cur = cur->next = read_defined(pp, &tok, tok);
            continue;
        }
        if (is_ident(tok, "__has_include")) {
            cur = cur->next = read_has_include(pp, &tok, tok);
            continue;
        }
        if (expand_macro(pp, &tok, tok))
            continue;
        cur = cur->next = tok;
        tok = tok->next;
    }
    cur->next = tok;
    return head.next;
}

/* Evaluates the rest of an #if or #elif line; *rest is the next line. */
static bool eval_if(PP *pp, Token **rest, Token *tok, Token *directive) {
    Token *expr = copy_line(pp, rest, tok);
    if (expr->kind == TK_EOF) {
        error_tok(pp->c, directive, "#%.*s with no expression", directive->len,
                  directive->loc);
        return false;
    }
    expr = expand_if_line(pp, expr);
    lex_finish(pp->c, expr);
    Eval e = {pp, expr, 0, 0, false};
    PPValue v = eval_cond(&e);
    if (!e.failed && e.tok->kind != TK_EOF) {
        if (tok_equal(e.tok, ")"))
            eval_error(&e, e.tok, "%s", "missing '(' in expression");
        else
            eval_error(&e, e.tok, "missing binary operator before token \"%s\"",
                       tok_str(pp->c, e.tok));
    }
    return !e.failed && v.v != 0;
}

/* ---------------------------------------------------------------------
 * Conditional inclusion
 * ------------------------------------------------------------------- */

static void push_cond(PP *pp, Token *hash, bool included) {
    CondIncl *ci = arena_alloc(&pp->c->arena, sizeof(CondIncl));
    ci->next = pp->cond;
    ci->tok = hash;
    ci->ctx = IN_THEN;
    ci->included = included;
    ci->depth = pp->include_depth;
    pp->cond = ci;
}

static bool directive_is(const Token *hash, const char *name) {
    return !hash->next->at_bol && is_ident(hash->next, name);
}

/* Skips a group whose condition is false, up to the #elif, #else or
 * #endif that ends it (returned, at its "#"). Iterative: nested groups
 * are only counted. */
static Token *skip_cond_incl(Token *tok) {
    int level = 0;
    for (; tok->kind != TK_EOF; tok = tok->next) {
        if (!is_directive(tok))
            continue;
        if (directive_is(tok, "if") || directive_is(tok, "ifdef") ||
            directive_is(tok, "ifndef")) {
            level++;
        } else if (directive_is(tok, "endif")) {
            if (level-- == 0)
                return tok;
        } else if (level == 0 && (directive_is(tok, "elif") || directive_is(tok, "else"))) {
            return tok;
        }
    }
    return tok;
}

/* The #if of the current file, or NULL when it has none open. */
static CondIncl *current_cond(PP *pp) {
    CondIncl *ci = pp->cond;
    return ci && ci->depth == pp->include_depth ? ci : NULL;
}

static Token *read_ifdef(PP *pp, Token *hash, Token *tok, bool want_defined) {
    const char *dir = want_defined ? "ifdef" : "ifndef";
    if (tok->at_bol || tok->kind != TK_IDENT) {
        error_tok(pp->c, tok->at_bol ? hash->next : tok,
                  tok->at_bol ? "no macro name given in #%s directive"
                              : "macro names must be identifiers in #%s", dir);
        push_cond(pp, hash, true);
        while (!tok->at_bol)
            tok = tok->next;
        return tok;
    }
    bool val = (find_macro(pp, tok) != NULL) == want_defined;
    push_cond(pp, hash, val);
    tok = skip_line(pp, tok->next, dir);
    return val ? tok : skip_cond_incl(tok);
}

static Token *read_elif(PP *pp, Token *hash, Token *tok) {
    CondIncl *ci = current_cond(pp);
    if (!ci || ci->ctx == IN_ELSE) {
        error_tok(pp->c, hash->next, ci ? "#elif after #else" : "#elif without #if");
        while (!tok->at_bol)
            tok = tok->next;
        return tok;
    }
    ci->ctx = IN_ELIF;
    if (ci->included) {
        while (!tok->at_bol)
            tok = tok->next;
        return skip_cond_incl(tok);
    }
    Token *rest;
    ci->included = eval_if(pp, &rest, tok, hash->next);
    return ci->included ? rest : skip_cond_incl(rest);
}

static Token *read_else(PP *pp, Token *hash, Token *tok) {
    CondIncl *ci = current_cond(pp);
    if (!ci || ci->ctx == IN_ELSE) {
        error_tok(pp->c, hash->next, ci ? "#else after #else" : "#else without #if");
        return skip_line(pp, tok, "else");
    }
    ci->ctx = IN_ELSE;
    tok = skip_line(pp, tok, "else");
    if (ci->included)
        return skip_cond_incl(tok);
    ci->included = true;
    return tok;
}

static Token *read_endif(PP *pp, Token *hash, Token *tok) {
    if (!current_cond(pp))
        error_tok(pp->c, hash->next, "#endif without #if");
    else
        pp->cond = pp->cond->next;
    return skip_line(pp, tok, "endif");
}

/* ---------------------------------------------------------------------
 * #include
 * ------------------------------------------------------------------- */

/* Detects "#ifndef X / #define X ... #endif" around the whole file;
 * returns X's name token or NULL. */
static Token *detect_include_guard(Token *tok) {
    if (!is_directive(tok) || !directive_is(tok, "ifndef"))
        return NULL;
    Token *name = tok->next->next;
    if (name->kind != TK_IDENT || !name->next->at_bol)
        return NULL;
    Token *def = name->next;
    if (!is_directive(def) || !directive_is(def, "define") ||
        def->next->next->len != name->len ||
        memcmp(def->next->next->loc, name->loc, (size_t)name->len) != 0)
        return NULL;
    Token *end = skip_cond_incl(def->next);
    while (end->kind != TK_EOF && !directive_is(end, "endif"))
        end = skip_cond_incl(end->next);
    if (end->kind == TK_EOF)
        return NULL;
    end = end->next->next;
    return end->kind == TK_EOF ? name : NULL;
}

static bool find_in_system(PP *pp, const char *name, const SrcFile *includer, int from,
                           Header *h) {
    Compile *c = pp->c;
    const char *dir_of = includer && includer->sys_dir >= 0 ? includer->name : NULL;
    h->text = NULL;   /* read by include_file, once it knows it is wanted */
    return c->resolve_system(c->resolve_ctx, name, dir_of,
                             includer ? includer->sys_dir : -1, from, &h->path,
                             &h->sys_dir);
}

/* Finds a header as gcc's search list does: memjit's own headers (unless
 * the system's are chosen) for <name>, then the host's resolver (gcc's -I
 * folders), then the system folders, or memjit's own header for a "name"
 * nobody else has. A "name" in a system header looks in that header's own
 * folder first. #include_next (next) goes on after the folder the
 * includer came from: past the resolver for a header it gave, past the
 * includer's system folder for a system header. */
static bool find_header(PP *pp, const char *name, bool angled, bool next, Token *hash,
                        Header *h) {
    Compile *c = pp->c;
    const SrcFile *inc = hash->file;
    bool system = c->resolve_system != NULL;
    *h = (Header){.path = name, .sys_dir = -1};
    if (next && inc->sys_dir >= 0)
        return find_in_system(pp, name, NULL, inc->sys_dir + 1, h);
    bool ask_host = !(next && inc->from_host);
    if (!system && angled && (h->text = builtin_header(name, &h->len)))
        return h->builtin = true;
    if (system && !angled && inc->sys_dir >= 0 &&
        find_in_system(pp, name, inc, INT_MAX, h))
        return true;
    if (ask_host && c->resolve_include &&
        c->resolve_include(c->resolve_ctx, name, angled, inc->name, &h->text, &h->len,
                           &h->path)) {
        if (!h->path)
            h->path = name;
        return h->from_host = true;
    }
    h->path = name;
    if (system)
        return find_in_system(pp, name, NULL, 0, h);
    return !angled && (h->text = builtin_header(name, &h->len)) && (h->builtin = true);
}

/* Skips the rest of the current file, up to its end-of-file marker,
 * forgetting its open #ifs (their #endif is skipped too). */
static Token *skip_file(PP *pp, Token *tok) {
    while (pp->cond && pp->cond->depth == pp->include_depth)
        pp->cond = pp->cond->next;
    while (tok->kind != TK_EOF)
        tok = tok->next;
    return tok;
}

/* hash is the "#" of the directive; at, the token naming the file. */
static Token *include_file(PP *pp, const char *name, bool angled, bool next, Token *hash,
                           Token *at, Token *rest) {
    Compile *c = pp->c;
    Header h;
    if (!find_header(pp, name, angled, next, hash, &h)) {
        error_tok(c, at, "%s: No such file or directory", name);
        return skip_file(pp, rest);
    }
    int plen = (int)strlen(h.path);
    Token *guard = hashmap_get(&pp->guards, h.path, plen);
    if (hashmap_get(&pp->once, h.path, plen) || (guard && find_macro(pp, guard)))
        return rest;
    if (pp->include_depth >= MAX_INCLUDE_DEPTH) {
        error_tok(c, at, "#include nested depth %d exceeds maximum of %d",
                  pp->include_depth + 1, MAX_INCLUDE_DEPTH);
        return skip_file(pp, rest);
    }
    if (!h.text && !c->read_system(c->resolve_ctx, h.path, &h.text, &h.len)) {
        error_tok(c, at, "%s: %s", name, strerror(errno));
        return skip_file(pp, rest);
    }
    SrcFile *f = compile_add_file(c, h.path, h.text, h.len, h.builtin);
    f->from_host = h.from_host;
    f->sys_dir = h.sys_dir;
    Token *tok = lex_file(c, f);
    guard = detect_include_guard(tok);
    if (guard)
        hashmap_put(&c->arena, &pp->guards, f->name, plen, guard);
    Token *eof = tok;
    while (eof->kind != TK_EOF)
        eof = eof->next;
    eof->next = rest;
    pp->include_depth++;
    return tok;
}

/* include = "#" "include" ("\"" name "\"" | "<" name ">" | macros) */
static Token *read_include(PP *pp, Token *hash, Token *tok, bool next) {
    Compile *c = pp->c;
    Token *rest = NULL;
    if (tok->kind != TK_STR && !tok_equal(tok, "<") && !tok->at_bol) {
        Token *line = copy_line(pp, &rest, tok);
        tok = preprocess(pp, line, false);
    }
    StrBuf sb;
    sb_init(&sb, &c->arena);
    bool angled;
    Token *after;
    if (tok->kind == TK_STR && tok->loc[0] == '"' && tok->len >= 2 &&
        tok->loc[tok->len - 1] == '"' && !tok->at_bol) {
        angled = false;
        sb_putn(&sb, tok->loc + 1, (size_t)tok->len - 2);
        after = tok->next;
    } else if (tok_equal(tok, "<") && !tok->at_bol) {
        Token *t = tok->next;
        while (!t->at_bol && t->kind != TK_EOF && !tok_equal(t, ">"))
            t = t->next;
        if (!tok_equal(t, ">") || t->at_bol) {
            error_tok(c, tok, "missing terminating > character");
            return rest ? rest : t;
        }
        angled = true;
        join_tokens(&sb, tok->next, t);
        after = t->next;
    } else {
        error_tok(c, hash->next, "#include expects \"FILENAME\" or <FILENAME>");
        if (!rest)
            for (rest = tok; !rest->at_bol; rest = rest->next)
                ;
        return rest;
    }
    if (!rest)
        rest = skip_line(pp, after, "include");
    return include_file(pp, sb_str(&sb), angled, next, hash, tok, rest);
}

/* At the end-of-file marker of an included file (or the main one). */
static void end_of_file(PP *pp, Token *eof) {
    while (pp->cond && pp->cond->depth == pp->include_depth) {
        error_tok(pp->c, pp->cond->tok->next, "unterminated #%s",
                  tok_str(pp->c, pp->cond->tok->next));
        pp->cond = pp->cond->next;
    }
    if (pp->include_depth > 0)
        pp->include_depth--;
}

/* ---------------------------------------------------------------------
 * #pragma
 * ------------------------------------------------------------------- */

/* A state saved by push_macro. The definition is a copy, because #undef
 * marks the table's Macro undefined in place; NULL if NAME was undefined. */
typedef struct PushedMacro {
    struct PushedMacro *next;
    Macro *saved;
} PushedMacro;

static Token *skip_rest(Token *tok) {
    while (!tok->at_bol)
        tok = tok->next;
    return tok;
}

/* The text of a string literal as gcc destringizes a _Pragma or reads a
 * push_macro name: without the quotes and an L prefix (gcc strips no
 * other prefix, so u"X" names no macro), with \\ and \" undone. */
static char *destringize(PP *pp, const Token *str) {
    StrBuf sb;
    sb_init(&sb, &pp->c->arena);
    const char *p = str->loc + 1 + (str->loc[0] == 'L');
    const char *end = str->loc + str->len - 1;
    for (; p < end; p++) {
        if (*p == '\\' && (p[1] == '\\' || p[1] == '"'))
            p++;
        sb_putc(&sb, *p);
    }
    return sb_str(&sb);
}

/* gcc keys the saved states by the whole string ("X Y" pops only what
 * "X Y" pushed) but saves and restores the macro its leading identifier
 * characters name. */
static int key_name_len(const char *key) {
    int n = 0;
    while ((key[n] >= 'a' && key[n] <= 'z') || (key[n] >= 'A' && key[n] <= 'Z') ||
           (key[n] >= '0' && key[n] <= '9') || key[n] == '_' || key[n] == '$')
        n++;
    return n;
}

static void push_macro(PP *pp, const char *key) {
    Compile *c = pp->c;
    int len = key_name_len(key);
    Macro *m = len ? lookup_macro(pp, key, len) : NULL;
    PushedMacro *p = arena_alloc(&c->arena, sizeof(PushedMacro));
    if (m && m->is_defined) {
        p->saved = arena_alloc(&c->arena, sizeof(Macro));
        *p->saved = *m;
    }
    int klen = (int)strlen(key);
    p->next = hashmap_get(&pp->pushed, key, klen);
    hashmap_put(&c->arena, &pp->pushed, key, klen, p);
}

/* Restores the state of the last push of key, replacing the definition
 * in force without a "redefined" warning, as gcc does. */
static void pop_macro(PP *pp, const char *key) {
    Compile *c = pp->c;
    int klen = (int)strlen(key);
    PushedMacro *p = hashmap_get(&pp->pushed, key, klen);
    if (!p)
        return;   /* nothing pushed: gcc ignores the pop */
    hashmap_put(&c->arena, &pp->pushed, key, klen, p->next);
    if (p->saved) {
        hashmap_put(&c->arena, &pp->macros, p->saved->name, p->saved->len, p->saved);
        return;
    }
    int len = key_name_len(key);
    Macro *m = len ? hashmap_get(&pp->macros, key, len) : NULL;
    if (m)
        m->is_defined = false;
}

/* Token i of "(" string-literal ")", on the pragma's line. */
static bool is_pragma_macro_part(const Token *tok, int i) {
    if (tok->at_bol)
        return false;
    if (i == 1)
        return tok->kind == TK_STR;
    return tok_equal(tok, i == 0 ? "(" : ")");
}

/* pragma-macro = ("push_macro" | "pop_macro") "(" string-literal ")"
 * Read as gcc reads it, without macro expansion. gcc reports a malformed
 * one at the last token it read: the one out of place, or the one before
 * the end of the line. Returns the key, or NULL after the error. */
static const char *read_pragma_macro_key(PP *pp, Token **rest, Token *name) {
    Token *prev = name, *tok = name->next, *str = NULL;
    for (int i = 0; i < 3; i++, prev = tok, tok = tok->next) {
        if (!is_pragma_macro_part(tok, i)) {
            error_tok(pp->c, tok->at_bol ? prev : tok, "invalid #pragma %.*s directive",
                      name->len, name->loc);
            *rest = skip_line(pp, tok->at_bol ? tok : tok->next, "pragma");
            return NULL;
        }
        if (i == 1)
            str = tok;
    }
    *rest = skip_line(pp, tok, "pragma");
    return destringize(pp, str);
}

/* #pragma pack: gcc's stack of the most a struct member may be aligned
 * to. The value in force is written on every token the preprocessor
 * hands on (Token.pack); the parser lays a struct out with the one on
 * its closing brace, as gcc lays it out at its end. */
typedef struct PackLevel {
    struct PackLevel *next;
    int saved;             /* the value in force when pushed */
    const Token *id;       /* push's identifier, or NULL */
} PackLevel;

static bool same_ident(const Token *a, const Token *b) {
    return a->len == b->len && !memcmp(a->loc, b->loc, (size_t)a->len);
}

static void pop_pack(PP *pp, const Token *id, const Token *at) {
    PackLevel *l = pp->packs;
    while (l && id && !(l->id && same_ident(l->id, id)))
        l = l->next;
    if (!l) {
        if (id)
            warn_tok(pp->c, at, "'#pragma pack(pop, %.*s)' encountered without matching "
                     "'#pragma pack(push, %.*s)'", id->len, id->loc, id->len, id->loc);
        else
            warn_tok(pp->c, at, "'#pragma pack (pop)' encountered without matching "
                     "'#pragma pack (push)'");
        return;
    }
    pp->pack = l->saved;
    pp->packs = l->next;
}

/* pack = "pack" "(" (N | ("push" | "pop") ("," ident)? ("," N)?)? ")"
 * gcc's forms and warnings (a malformed one is ignored, as in gcc). */
static Token *read_pragma_pack(PP *pp, Token *name) {
    Token *tok = name->next;
    if (!tok_equal(tok, "(") || tok->at_bol) {
        warn_tok(pp->c, tok->at_bol ? name : tok, "missing '(' after '#pragma pack' - ignored");
        return skip_rest(tok->at_bol ? tok : tok->next);
    }
    tok = tok->next;
    enum { SET, PUSH, POP } action = SET;
    const Token *id = NULL;
    long align = -1;
    Token *what = tok;
    if (tok_equal(tok, ")") && !tok->at_bol) {
        align = 0;
    } else if (tok->kind == TK_PP_NUM && !tok->at_bol) {
        align = strtol(tok_str(pp->c, tok), NULL, 0);
        tok = tok->next;
    } else if (tok->kind == TK_IDENT && !tok->at_bol) {
        if (is_ident(tok, "push"))
            action = PUSH;
        else if (is_ident(tok, "pop"))
            action = POP;
        else {
            warn_tok(pp->c, tok, "unknown action '%.*s' for '#pragma pack' - ignored",
                     tok->len, tok->loc);
            return skip_rest(tok);
        }
        tok = tok->next;
        while (tok_equal(tok, ",") && !tok->at_bol) {
            tok = tok->next;
            if (tok->kind == TK_IDENT && !tok->at_bol && !id)
                id = tok;
            else if (tok->kind == TK_PP_NUM && !tok->at_bol && action == PUSH && align == -1)
                align = strtol(tok_str(pp->c, tok), NULL, 0);
            else {
                warn_tok(pp->c, tok->at_bol ? name : tok, "malformed '#pragma pack' - ignored");
                return skip_rest(tok);
            }
            tok = tok->next;
        }
    }
    if (!tok_equal(tok, ")") || tok->at_bol) {
        warn_tok(pp->c, tok->at_bol ? name : tok, "malformed '#pragma pack' - ignored");
        return skip_rest(tok);
    }
    Token *rest = skip_line(pp, tok->next, "pragma");
    if (action == POP) {
        pop_pack(pp, id, name);
        return rest;
    }
    if (align == -1 && action == PUSH)
        align = pp->pack;
    if (align != 0 && align != 1 && align != 2 && align != 4 && align != 8 && align != 16) {
        warn_tok(pp->c, what, "alignment must be a small power of two, not %ld", align);
        return rest;
    }
    if (action == PUSH) {
        PackLevel *l = arena_alloc(&pp->c->arena, sizeof *l);
        *l = (PackLevel){pp->packs, pp->pack, id};
        pp->packs = l;
    }
    pp->pack = (int)align;
    return rest;
}

/* #pragma GCC warning "text" and #pragma GCC error "text": gcc's
 * diagnostic, at the string. */
static Token *read_pragma_message(PP *pp, Token *kind) {
    Token *str = kind->next;
    if (str->at_bol || str->kind != TK_STR) {
        error_tok(pp->c, str->at_bol ? kind : str,
                  "invalid \"#pragma GCC %.*s\" directive", kind->len, kind->loc);
        return skip_rest(str->at_bol ? str : str->next);
    }
    const char *text = tok_str(pp->c, str);
    int n = (int)strlen(text);
    if (is_ident(kind, "error"))
        error_tok(pp->c, str, "%.*s", n > 2 ? n - 2 : 0, text + 1);
    else
        warn_tok(pp->c, str, "%.*s", n > 2 ? n - 2 : 0, text + 1);
    return skip_rest(str->next);
}

/* Pragmas that change linkage, symbol names or layout: never ignored. */
static bool refuse_pragma(PP *pp, Token *tok) {
    static const char *const refused[] = {"weak", "redefine_extname", "scalar_storage_order"};
    for (size_t i = 0; i < sizeof refused / sizeof *refused; i++)
        if (is_ident(tok, refused[i])) {
            error_tok(pp->c, tok, "'#pragma %s' is not supported yet", refused[i]);
            return true;
        }
    if (is_ident(tok, "GCC") && is_ident(tok->next, "visibility") && !tok->next->at_bol) {
        error_tok(pp->c, tok->next, "'#pragma GCC visibility' is not supported yet");
        return true;
    }
    return false;
}

/* The line after "#pragma" (or a _Pragma's string, lexed); file is the
 * file the pragma is in, for #pragma once. Returns the next line. */
static Token *read_pragma(PP *pp, const SrcFile *file, Token *tok) {
    if (tok->at_bol)
        return tok;
    if (is_ident(tok, "once")) {
        const char *name = file->name;
        hashmap_put(&pp->c->arena, &pp->once, name, (int)strlen(name), (void *)name);
        return skip_line(pp, tok->next, "pragma");
    }
    if (is_ident(tok, "pack"))
        return read_pragma_pack(pp, tok);
    if (refuse_pragma(pp, tok))
        return skip_rest(tok);
    if (is_ident(tok, "GCC") && !tok->next->at_bol &&
        (is_ident(tok->next, "warning") || is_ident(tok->next, "error")))
        return read_pragma_message(pp, tok->next);
    bool push = is_ident(tok, "push_macro");
    if (push || is_ident(tok, "pop_macro")) {
        Token *rest;
        const char *key = read_pragma_macro_key(pp, &rest, tok);
        if (key && push)
            push_macro(pp, key);
        else if (key)
            pop_macro(pp, key);
        return rest;
    }
    return skip_rest(tok);
}

/* ---------------------------------------------------------------------
 * Directives
 * ------------------------------------------------------------------- */

static Token *read_message(PP *pp, Token *hash, Token *tok, bool is_error) {
    StrBuf sb;
    sb_init(&sb, &pp->c->arena);
    Token *end = tok;
    while (!end->at_bol)
        end = end->next;
    join_tokens(&sb, tok, end);
    const char *name = is_error ? "error" : "warning";
    if (is_error)
        error_tok(pp->c, hash->next, "#%s %s", name, sb_str(&sb));
    else
        warn_tok(pp->c, hash->next, "#%s %s", name, sb_str(&sb));
    return end;
}

static void add_line_mark(PP *pp, const SrcFile *f, int phys, int line,
                          const char *name) {
    SrcFile *file = pp->c->files[f->id];   // the compile's own, writable
    LineMark *lm = arena_alloc(&pp->c->arena, sizeof(LineMark));
    lm->phys = phys;
    lm->line = line;
    lm->name = name;
    lm->next = file->line_marks;
    file->line_marks = lm;
}

/* The file name of a #line directive: the string without its quotes,
 * escapes undone. NULL if the token is not a plain string literal. */
static const char *line_file_name(PP *pp, const Token *tok) {
    if (tok->kind != TK_STR || tok->loc[0] != '"')
        return NULL;
    StrBuf sb;
    sb_init(&sb, &pp->c->arena);
    for (int i = 1; i < tok->len - 1; i++) {
        if (tok->loc[i] == '\\' && i + 1 < tok->len - 1)
            i++;
        sb_putc(&sb, tok->loc[i]);
    }
    return sb_str(&sb);
}

/* line   = "#" "line" digits ("\"" name "\"")?   after macro expansion
 * marker = "#" digits ("\"" name "\"" flags*)?   gcc's line marker
 * The following line is numbered `digits` (and the file is `name`) for
 * __LINE__, __FILE__, diagnostics and debug information. */
static Token *read_line(PP *pp, Token *hash, Token *tok, bool is_line) {
    int phys = hash->line;
    for (Token *t = hash; !t->at_bol || t == hash; t = t->next)
        phys = t->line;
    phys++;
    Token *rest;
    Token *line = copy_line(pp, &rest, tok);
    if (is_line)
        line = preprocess(pp, line, false);
    const char *what = is_line ? "#line" : "#";
    bool digits = line->kind == TK_PP_NUM;
    long v = 0;
    for (int i = 0; digits && i < line->len; i++) {
        digits = line->loc[i] >= '0' && line->loc[i] <= '9';
        v = v * 10 + (line->loc[i] - '0');
        if (v > 2147483647)
            digits = false;
    }
    if (!digits) {
        if (line->kind == TK_EOF)
            error_tok(pp->c, hash->next, "unexpected end of file after %s", what);
        else
            error_tok(pp->c, line, "\"%.*s\" after %s is not a positive integer",
                      line->len, line->loc, what);
        return rest;
    }
    const char *name;
    presumed_line(hash, &name);
    Token *t = line->next;
    if (t->kind != TK_EOF) {
        name = line_file_name(pp, t);
        if (!name) {
            error_tok(pp->c, t, "invalid filename \"%.*s\"", t->len, t->loc);
            return rest;
        }
        if (is_line && t->next->kind != TK_EOF)
            warn_tok(pp->c, t->next, "extra tokens at end of #line directive");
    }
    add_line_mark(pp, hash->file, phys, (int)v, name);
    return rest;
}

/* Runs the directive that starts at hash; returns the token after it. */
static Token *directive(PP *pp, Token *hash) {
    Compile *c = pp->c;
    Token *name = hash->next;
    if (name->at_bol)
        return name;   /* the null directive */
    Token *tok = name->next;
    if (name->kind == TK_IDENT) {
        if (tok_equal(name, "define")) return read_define(pp, tok);
        if (tok_equal(name, "undef")) return read_undef(pp, tok);
        if (tok_equal(name, "include")) return read_include(pp, hash, tok, false);
        if (tok_equal(name, "ifdef")) return read_ifdef(pp, hash, tok, true);
        if (tok_equal(name, "ifndef")) return read_ifdef(pp, hash, tok, false);
        if (tok_equal(name, "if")) {
            Token *rest;
            bool val = eval_if(pp, &rest, tok, name);
            push_cond(pp, hash, val);
            return val ? rest : skip_cond_incl(rest);
        }
        if (tok_equal(name, "elif")) return read_elif(pp, hash, tok);
        if (tok_equal(name, "else")) return read_else(pp, hash, tok);
        if (tok_equal(name, "endif")) return read_endif(pp, hash, tok);
        if (tok_equal(name, "error")) return read_message(pp, hash, tok, true);
        if (tok_equal(name, "warning")) return read_message(pp, hash, tok, false);
        if (tok_equal(name, "pragma")) return read_pragma(pp, hash->file, tok);
        if (tok_equal(name, "ident") || tok_equal(name, "sccs")) return skip_rest(tok);
        if (tok_equal(name, "line")) return read_line(pp, hash, tok, true);
        if (tok_equal(name, "include_next")) return read_include(pp, hash, tok, true);
    }
    if (name->kind == TK_PP_NUM)
        return read_line(pp, hash, name, false);
    error_tok(c, name, "invalid preprocessing directive #%.*s", name->len, name->loc);
    return skip_rest(tok);
}

/* ---------------------------------------------------------------------
 * The main loop
 * ------------------------------------------------------------------- */

/* True if the pragma text starts with the name of a pragma that does
 * something: the others are ignored without being lexed. */
static bool is_acted_pragma(const char *text) {
    while (*text == ' ' || *text == '\t')
        text++;
    int n = key_name_len(text);
    static const char *const acted[] = {"once", "pack", "push_macro", "pop_macro", "weak",
                                        "redefine_extname", "scalar_storage_order", "GCC"};
    for (size_t i = 0; i < sizeof acted / sizeof *acted; i++)
        if (n == (int)strlen(acted[i]) && !memcmp(text, acted[i], (size_t)n))
            return true;
    return false;
}

/* Runs the string of a _Pragma as a #pragma line. Its tokens are put on
 * the line the _Pragma is written or used on, with their columns in the
 * destringized text: that is where gcc points its diagnostics. */
static void run_pragma_string(PP *pp, Token *str) {
    Compile *c = pp->c;
    const char *text = destringize(pp, str);
    if (!is_acted_pragma(text))
        return;
    const Token *where = str;
    while (where->origin)
        where = where->origin;
    SrcFile *f = compile_add_file(c, "<_Pragma>", text, strlen(text), false);
    Token *tok = lex_file(c, f);
    for (Token *t = tok; t; t = t->next) {
        t->file = where->file;
        t->line = where->line;
    }
    tok->at_bol = false;   /* as if after "#pragma" */
    read_pragma(pp, where->file, tok);
}

/* pragma-operator = "_Pragma" "(" string-literal ")"   (C11 6.10.9)
 * Returns false if tok is not _Pragma; else runs it or reports it, and
 * *rest is the token after it. */
static bool pragma_operator(PP *pp, Token **rest, Token *tok) {
    if (!is_ident(tok, "_Pragma"))
        return false;
    Token *open = tok->next, *str = open->next, *bad = NULL;
    if (!tok_equal(open, "("))
        bad = open;
    else if (str->kind != TK_STR)
        bad = str;
    else if (!tok_equal(str->next, ")"))
        bad = str->next;
    if (bad) {
        /* At the end of the input gcc points at the _Pragma itself. */
        bool at_eof = bad->kind == TK_EOF;
        error_tok(pp->c, at_eof ? tok : bad, "_Pragma takes a parenthesized string literal");
        *rest = at_eof ? bad : bad->next;
        return true;
    }
    run_pragma_string(pp, str);
    *rest = str->next->next;
    return true;
}

/* Expands macros in the list and, when top (the token stream of files),
 * runs directives and _Pragma and handles end-of-file markers. Iterative:
 * every expansion is pushed back onto the input and read again. */
/* One more token out of the preprocessor: mj_options.max_tokens bounds
 * them (a macro may expand to 2^39 tokens). */
static void count_token(PP *pp, Token *tok) {
    Compile *c = pp->c;
    c->progress = tok;
    compile_poll(c, tok);
    if (c->max_tokens && ++c->ntokens > c->max_tokens)
        limit_tok(c, tok, "the program has more than %zu tokens after preprocessing "
                  "(mj_options.max_tokens, --max-tokens)", c->max_tokens);
}

static Token *preprocess(PP *pp, Token *tok, bool top) {
    Token head = {0};
    Token *cur = &head;
    for (;;) {
        if (tok->kind == TK_EOF) {
            if (!top)
                break;
            end_of_file(pp, tok);
            if (!tok->next)
                break;
            tok = tok->next;
            continue;
        }
        if (expand_macro(pp, &tok, tok))
            continue;
        if (top && is_directive(tok)) {
            tok = directive(pp, tok);
            continue;
        }
        if (top && pragma_operator(pp, &tok, tok))
            continue;
        if (top) {
            tok->pack = (uint8_t)pp->pack;
            count_token(pp, tok);
        }
        cur = cur->next = tok;
        tok = tok->next;
    }
    cur->next = tok;
    return head.next;
}

/* ---------------------------------------------------------------------
 * Predefined macros
 *
 * gcc predefines some 200 macros for C11 on x86-64 Linux and a compile
 * uses a handful, so defining them all up front would cost every compile
 * more than it saves. They wait in this sorted table instead; lookup_macro
 * defines one from its text the first time its name misses the macro
 * table. An #undef or #define of such a name leaves an entry in the macro
 * table, which hides the one here from then on.
 *
 * The set is gcc's `gcc -std=c11 -dM -E`, with two differences.
 * __GNUC__ says 4.2.1, as clang's does (docs/language.md): glibc's
 * headers need __GNUC__ (without it <sys/cdefs.h> defines __attribute__
 * away, the program's own attributes too, and asm labels bind scanf to
 * __isoc99_scanf), and gcc 4.2 is the version whose GNU C memjit has
 * (glibc then asks for no _Float128, which libgccjit cannot give). What
 * memjit lacks is left out: __SSE__ & co. (which pull
 * in the vector intrinsics), __OPTIMIZE__ (which turns on glibc's
 * gnu_inline functions); memjit adds __memjit__ and says
 * __STDC_NO_ATOMICS__, __STDC_NO_THREADS__.
 * __has_attribute and __has_builtin answer 0, so code that asks takes its
 * portable path.
 * ------------------------------------------------------------------- */

typedef struct Predefined {
    const char *name;
    const char *def;      /* "(params) body" or " body": what follows
                             the name in a #define */
} Predefined;

static const Predefined predefined[] = {
    {"_LP64", " 1"},
    {"_STDC_PREDEF_H", " 1"},
    {"__ATOMIC_ACQUIRE", " 2"},
    {"__ATOMIC_ACQ_REL", " 4"},
    {"__ATOMIC_CONSUME", " 1"},
    {"__ATOMIC_RELAXED", " 0"},
    {"__ATOMIC_RELEASE", " 3"},
    {"__ATOMIC_SEQ_CST", " 5"},
    {"__BIGGEST_ALIGNMENT__", " 16"},
    {"__BYTE_ORDER__", " __ORDER_LITTLE_ENDIAN__"},
    {"__CHAR16_TYPE__", " short unsigned int"},
    {"__CHAR32_TYPE__", " unsigned int"},
    {"__CHAR_BIT__", " 8"},
    {"__DATE__", " \"Jan  1 1970\""},
    {"__DBL_DECIMAL_DIG__", " 17"},
    {"__DBL_DENORM_MIN__", " ((double)4.94065645841246544176568792868221372e-324L)"},
    {"__DBL_DIG__", " 15"},
    {"__DBL_EPSILON__", " ((double)2.22044604925031308084726333618164062e-16L)"},
    {"__DBL_HAS_DENORM__", " 1"},
    {"__DBL_HAS_INFINITY__", " 1"},
    {"__DBL_HAS_QUIET_NAN__", " 1"},
    {"__DBL_IS_IEC_60559__", " 2"},
    {"__DBL_MANT_DIG__", " 53"},
    {"__DBL_MAX_10_EXP__", " 308"},
    {"__DBL_MAX_EXP__", " 1024"},
    {"__DBL_MAX__", " ((double)1.79769313486231570814527423731704357e+308L)"},
    {"__DBL_MIN_10_EXP__", " (-307)"},
    {"__DBL_MIN_EXP__", " (-1021)"},
    {"__DBL_MIN__", " ((double)2.22507385850720138309023271733240406e-308L)"},
    {"__DBL_NORM_MAX__", " ((double)1.79769313486231570814527423731704357e+308L)"},
    {"__DECIMAL_DIG__", " 21"},
    {"__ELF__", " 1"},
    {"__FINITE_MATH_ONLY__", " 0"},
    {"__FLOAT_WORD_ORDER__", " __ORDER_LITTLE_ENDIAN__"},
    {"__FLT_DECIMAL_DIG__", " 9"},
    {"__FLT_DENORM_MIN__", " 1.40129846432481707092372958328991613e-45F"},
    {"__FLT_DIG__", " 6"},
    {"__FLT_EPSILON__", " 1.19209289550781250000000000000000000e-7F"},
    {"__FLT_EVAL_METHOD_TS_18661_3__", " 0"},
    {"__FLT_EVAL_METHOD__", " 0"},
    {"__FLT_HAS_DENORM__", " 1"},
    {"__FLT_HAS_INFINITY__", " 1"},
    {"__FLT_HAS_QUIET_NAN__", " 1"},
    {"__FLT_IS_IEC_60559__", " 2"},
    {"__FLT_MANT_DIG__", " 24"},
    {"__FLT_MAX_10_EXP__", " 38"},
    {"__FLT_MAX_EXP__", " 128"},
    {"__FLT_MAX__", " 3.40282346638528859811704183484516925e+38F"},
    {"__FLT_MIN_10_EXP__", " (-37)"},
    {"__FLT_MIN_EXP__", " (-125)"},
    {"__FLT_MIN__", " 1.17549435082228750796873653722224568e-38F"},
    {"__FLT_NORM_MAX__", " 3.40282346638528859811704183484516925e+38F"},
    {"__FLT_RADIX__", " 2"},
    {"__GCC_ATOMIC_BOOL_LOCK_FREE", " 2"},
    {"__GCC_ATOMIC_CHAR16_T_LOCK_FREE", " 2"},
    {"__GCC_ATOMIC_CHAR32_T_LOCK_FREE", " 2"},
    {"__GCC_ATOMIC_CHAR_LOCK_FREE", " 2"},
    {"__GCC_ATOMIC_INT_LOCK_FREE", " 2"},
    {"__GCC_ATOMIC_LLONG_LOCK_FREE", " 2"},
    {"__GCC_ATOMIC_LONG_LOCK_FREE", " 2"},
    {"__GCC_ATOMIC_POINTER_LOCK_FREE", " 2"},
    {"__GCC_ATOMIC_SHORT_LOCK_FREE", " 2"},
    {"__GCC_ATOMIC_TEST_AND_SET_TRUEVAL", " 1"},
    {"__GCC_ATOMIC_WCHAR_T_LOCK_FREE", " 2"},
    {"__GCC_CONSTRUCTIVE_SIZE", " 64"},
    {"__GCC_DESTRUCTIVE_SIZE", " 64"},
    {"__GCC_HAVE_SYNC_COMPARE_AND_SWAP_1", " 1"},
    {"__GCC_HAVE_SYNC_COMPARE_AND_SWAP_2", " 1"},
    {"__GCC_HAVE_SYNC_COMPARE_AND_SWAP_4", " 1"},
    {"__GCC_HAVE_SYNC_COMPARE_AND_SWAP_8", " 1"},
    {"__GCC_IEC_559", " 2"},
    {"__GNUC_EXECUTION_CHARSET_NAME", " \"UTF-8\""},
    {"__GNUC_MINOR__", " 2"},
    {"__GNUC_PATCHLEVEL__", " 1"},
    {"__GNUC_STDC_INLINE__", " 1"},
    {"__GNUC_WIDE_EXECUTION_CHARSET_NAME", " \"UTF-32LE\""},
    {"__GNUC__", " 4"},
    {"__INT16_C", "(c) c"},
    {"__INT16_MAX__", " 0x7fff"},
    {"__INT16_TYPE__", " short int"},
    {"__INT32_C", "(c) c"},
    {"__INT32_MAX__", " 0x7fffffff"},
    {"__INT32_TYPE__", " int"},
    {"__INT64_C", "(c) c ## L"},
    {"__INT64_MAX__", " 0x7fffffffffffffffL"},
    {"__INT64_TYPE__", " long int"},
    {"__INT8_C", "(c) c"},
    {"__INT8_MAX__", " 0x7f"},
    {"__INT8_TYPE__", " signed char"},
    {"__INTMAX_C", "(c) c ## L"},
    {"__INTMAX_MAX__", " 0x7fffffffffffffffL"},
    {"__INTMAX_TYPE__", " long int"},
    {"__INTMAX_WIDTH__", " 64"},
    {"__INTPTR_MAX__", " 0x7fffffffffffffffL"},
    {"__INTPTR_TYPE__", " long int"},
    {"__INTPTR_WIDTH__", " 64"},
    {"__INT_FAST16_MAX__", " 0x7fffffffffffffffL"},
    {"__INT_FAST16_TYPE__", " long int"},
    {"__INT_FAST16_WIDTH__", " 64"},
    {"__INT_FAST32_MAX__", " 0x7fffffffffffffffL"},
    {"__INT_FAST32_TYPE__", " long int"},
    {"__INT_FAST32_WIDTH__", " 64"},
    {"__INT_FAST64_MAX__", " 0x7fffffffffffffffL"},
    {"__INT_FAST64_TYPE__", " long int"},
    {"__INT_FAST64_WIDTH__", " 64"},
    {"__INT_FAST8_MAX__", " 0x7f"},
    {"__INT_FAST8_TYPE__", " signed char"},
    {"__INT_FAST8_WIDTH__", " 8"},
    {"__INT_LEAST16_MAX__", " 0x7fff"},
    {"__INT_LEAST16_TYPE__", " short int"},
    {"__INT_LEAST16_WIDTH__", " 16"},
    {"__INT_LEAST32_MAX__", " 0x7fffffff"},
    {"__INT_LEAST32_TYPE__", " int"},
    {"__INT_LEAST32_WIDTH__", " 32"},
    {"__INT_LEAST64_MAX__", " 0x7fffffffffffffffL"},
    {"__INT_LEAST64_TYPE__", " long int"},
    {"__INT_LEAST64_WIDTH__", " 64"},
    {"__INT_LEAST8_MAX__", " 0x7f"},
    {"__INT_LEAST8_TYPE__", " signed char"},
    {"__INT_LEAST8_WIDTH__", " 8"},
    {"__INT_MAX__", " 0x7fffffff"},
    {"__INT_WIDTH__", " 32"},
    {"__LDBL_DECIMAL_DIG__", " 21"},
    {"__LDBL_DENORM_MIN__", " 3.64519953188247460252840593361941982e-4951L"},
    {"__LDBL_DIG__", " 18"},
    {"__LDBL_EPSILON__", " 1.08420217248550443400745280086994171e-19L"},
    {"__LDBL_HAS_DENORM__", " 1"},
    {"__LDBL_HAS_INFINITY__", " 1"},
    {"__LDBL_HAS_QUIET_NAN__", " 1"},
    {"__LDBL_IS_IEC_60559__", " 2"},
    {"__LDBL_MANT_DIG__", " 64"},
    {"__LDBL_MAX_10_EXP__", " 4932"},
    {"__LDBL_MAX_EXP__", " 16384"},
    {"__LDBL_MAX__", " 1.18973149535723176502126385303097021e+4932L"},
    {"__LDBL_MIN_10_EXP__", " (-4931)"},
    {"__LDBL_MIN_EXP__", " (-16381)"},
    {"__LDBL_MIN__", " 3.36210314311209350626267781732175260e-4932L"},
    {"__LDBL_NORM_MAX__", " 1.18973149535723176502126385303097021e+4932L"},
    {"__LONG_LONG_MAX__", " 0x7fffffffffffffffLL"},
    {"__LONG_LONG_WIDTH__", " 64"},
    {"__LONG_MAX__", " 0x7fffffffffffffffL"},
    {"__LONG_WIDTH__", " 64"},
    {"__LP64__", " 1"},
    {"__ORDER_BIG_ENDIAN__", " 4321"},
    {"__ORDER_LITTLE_ENDIAN__", " 1234"},
    {"__ORDER_PDP_ENDIAN__", " 3412"},
    {"__PIC__", " 2"},
    {"__PTRDIFF_MAX__", " 0x7fffffffffffffffL"},
    {"__PTRDIFF_TYPE__", " long int"},
    {"__PTRDIFF_WIDTH__", " 64"},
    {"__REGISTER_PREFIX__", " "},
    {"__SCHAR_MAX__", " 0x7f"},
    {"__SCHAR_WIDTH__", " 8"},
    {"__SHRT_MAX__", " 0x7fff"},
    {"__SHRT_WIDTH__", " 16"},
    {"__SIG_ATOMIC_MAX__", " 0x7fffffff"},
    {"__SIG_ATOMIC_MIN__", " (-__SIG_ATOMIC_MAX__ - 1)"},
    {"__SIG_ATOMIC_TYPE__", " int"},
    {"__SIG_ATOMIC_WIDTH__", " 32"},
    {"__SIZEOF_DOUBLE__", " 8"},
    {"__SIZEOF_FLOAT__", " 4"},
    {"__SIZEOF_INT128__", " 16"},
    {"__SIZEOF_INT__", " 4"},
    {"__SIZEOF_LONG_DOUBLE__", " 16"},
    {"__SIZEOF_LONG_LONG__", " 8"},
    {"__SIZEOF_LONG__", " 8"},
    {"__SIZEOF_POINTER__", " 8"},
    {"__SIZEOF_PTRDIFF_T__", " 8"},
    {"__SIZEOF_SHORT__", " 2"},
    {"__SIZEOF_SIZE_T__", " 8"},
    {"__SIZEOF_WCHAR_T__", " 4"},
    {"__SIZEOF_WINT_T__", " 4"},
    {"__SIZE_MAX__", " 0xffffffffffffffffUL"},
    {"__SIZE_TYPE__", " long unsigned int"},
    {"__SIZE_WIDTH__", " 64"},
    {"__STDC_HOSTED__", " 1"},
    {"__STDC_IEC_559_COMPLEX__", " 1"},
    {"__STDC_IEC_559__", " 1"},
    {"__STDC_IEC_60559_BFP__", " 201404L"},
    {"__STDC_IEC_60559_COMPLEX__", " 201404L"},
    {"__STDC_ISO_10646__", " 201706L"},
    {"__STDC_NO_ATOMICS__", " 1"},
    {"__STDC_NO_THREADS__", " 1"},
    {"__STDC_UTF_16__", " 1"},
    {"__STDC_UTF_32__", " 1"},
    {"__STDC_VERSION__", " 201112L"},
    {"__STDC__", " 1"},
    {"__TIME__", " \"00:00:00\""},
    {"__UINT16_C", "(c) c"},
    {"__UINT16_MAX__", " 0xffff"},
    {"__UINT16_TYPE__", " short unsigned int"},
    {"__UINT32_C", "(c) c ## U"},
    {"__UINT32_MAX__", " 0xffffffffU"},
    {"__UINT32_TYPE__", " unsigned int"},
    {"__UINT64_C", "(c) c ## UL"},
    {"__UINT64_MAX__", " 0xffffffffffffffffUL"},
    {"__UINT64_TYPE__", " long unsigned int"},
    {"__UINT8_C", "(c) c"},
    {"__UINT8_MAX__", " 0xff"},
    {"__UINT8_TYPE__", " unsigned char"},
    {"__UINTMAX_C", "(c) c ## UL"},
    {"__UINTMAX_MAX__", " 0xffffffffffffffffUL"},
    {"__UINTMAX_TYPE__", " long unsigned int"},
    {"__UINTPTR_MAX__", " 0xffffffffffffffffUL"},
    {"__UINTPTR_TYPE__", " long unsigned int"},
    {"__UINT_FAST16_MAX__", " 0xffffffffffffffffUL"},
    {"__UINT_FAST16_TYPE__", " long unsigned int"},
    {"__UINT_FAST32_MAX__", " 0xffffffffffffffffUL"},
    {"__UINT_FAST32_TYPE__", " long unsigned int"},
    {"__UINT_FAST64_MAX__", " 0xffffffffffffffffUL"},
    {"__UINT_FAST64_TYPE__", " long unsigned int"},
    {"__UINT_FAST8_MAX__", " 0xff"},
    {"__UINT_FAST8_TYPE__", " unsigned char"},
    {"__UINT_LEAST16_MAX__", " 0xffff"},
    {"__UINT_LEAST16_TYPE__", " short unsigned int"},
    {"__UINT_LEAST32_MAX__", " 0xffffffffU"},
    {"__UINT_LEAST32_TYPE__", " unsigned int"},
    {"__UINT_LEAST64_MAX__", " 0xffffffffffffffffUL"},
    {"__UINT_LEAST64_TYPE__", " long unsigned int"},
    {"__UINT_LEAST8_MAX__", " 0xff"},
    {"__UINT_LEAST8_TYPE__", " unsigned char"},
    {"__USER_LABEL_PREFIX__", " "},
    {"__VERSION__", " \"4.2.1 Compatible memjit\""},
    {"__WCHAR_MAX__", " 0x7fffffff"},
    {"__WCHAR_MIN__", " (-__WCHAR_MAX__ - 1)"},
    {"__WCHAR_TYPE__", " int"},
    {"__WCHAR_WIDTH__", " 32"},
    {"__WINT_MAX__", " 0xffffffffU"},
    {"__WINT_MIN__", " 0U"},
    {"__WINT_TYPE__", " unsigned int"},
    {"__WINT_WIDTH__", " 32"},
    {"__amd64", " 1"},
    {"__amd64__", " 1"},
    {"__code_model_small__", " 1"},
    {"__gnu_linux__", " 1"},
    {"__has_attribute", "(x) 0"},
    {"__has_builtin", "(x) 0"},
    {"__has_c_attribute", "(x) 0"},
    {"__k8", " 1"},
    {"__k8__", " 1"},
    {"__linux", " 1"},
    {"__linux__", " 1"},
    {"__memjit__", " 1"},
    {"__pic__", " 2"},
    {"__unix", " 1"},
    {"__unix__", " 1"},
    {"__x86_64", " 1"},
    {"__x86_64__", " 1"},
};

static const Predefined *find_predefined(const char *name, int len) {
    size_t lo = 0, hi = sizeof(predefined) / sizeof(*predefined);
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const char *cand = predefined[mid].name;
        int cmp = strncmp(name, cand, (size_t)len);
        if (cmp == 0 && cand[len] != '\0')
            cmp = -1;   /* name is a proper prefix of cand */
        if (cmp == 0)
            return &predefined[mid];
        if (cmp < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

static Macro *load_predefined(PP *pp, const char *name, int len) {
    const Predefined *p = find_predefined(name, len);
    if (!p)
        return NULL;
    Compile *c = pp->c;
    char *text = arena_printf(&c->arena, "%s%s\n", p->name, p->def);
    SrcFile *f = compile_add_file(c, "<built-in>", text, strlen(text), true);
    Token *tok = lex_file(c, f);
    tok->at_bol = false;   /* as if after "#define" */
    read_define(pp, tok);
    return hashmap_get(&pp->macros, name, len);
}

static void define_dynamic(PP *pp, const char *name, MacroKind kind) {
    Macro *m = arena_alloc(&pp->c->arena, sizeof(Macro));
    m->name = name;
    m->len = (int)strlen(name);
    m->kind = kind;
    m->is_defined = true;
    m->is_objlike = true;
    hashmap_put(&pp->c->arena, &pp->macros, m->name, m->len, m);
}

static void define_dynamic_macros(PP *pp) {
    define_dynamic(pp, "__FILE__", MAC_FILE);
    define_dynamic(pp, "__LINE__", MAC_LINE);
    define_dynamic(pp, "__COUNTER__", MAC_COUNTER);
    define_dynamic(pp, "__BASE_FILE__", MAC_BASE_FILE);
    define_dynamic(pp, "__INCLUDE_LEVEL__", MAC_INCLUDE_LEVEL);
    define_dynamic(pp, "__has_include", MAC_HAS_INCLUDE);
    /* The system's <threads.h> is glibc's own: threads are there. As an
     * #undef of it does. */
    if (pp->c->resolve_system) {
        Macro *m = lookup_macro(pp, "__STDC_NO_THREADS__", 19);
        if (m)
            m->is_defined = false;
    }
}

Token *pp_run(Compile *c, Token *tok) {
    PP pp = {0};
    pp.c = c;
    pp.base_file = tok->file;
    define_dynamic_macros(&pp);
    tok = preprocess(&pp, tok, true);
    lex_finish(c, tok);
    return tok;
}

/* ---------------------------------------------------------------------
 * Preprocessed text (memjit -E, mj_preprocess)
 * ------------------------------------------------------------------- */

/* The token whose place a token takes: the macro use it came from. */
static const Token *placed_at(const Token *tok) {
    while (tok->origin)
        tok = tok->origin;
    return tok;
}

/* Whether b, written right after a, would lex as part of a (a+ +b, a- -b,
 * x y): then a space keeps them apart, as gcc -E's avoid_paste does. */
static bool would_join(const Token *a, const Token *b) {
    bool a_word = a->kind == TK_IDENT || a->kind == TK_KEYWORD || a->kind == TK_NUM ||
                  a->kind == TK_PP_NUM;
    bool b_word = b->kind == TK_IDENT || b->kind == TK_KEYWORD || b->kind == TK_NUM ||
                  b->kind == TK_PP_NUM;
    if (a_word && b_word)
        return true;
    if (a->kind == TK_PUNCT && b->kind == TK_PUNCT) {
        /* the last character of a and the first of b start a longer
           punctuator (or a comment) */
        static const char *const pairs[] = {"++", "+=", "--", "-=", "->", "<<", "<=", "<:",
                                            "<%", ">>", ">=", "&&", "&=", "||", "|=", "==",
                                            "!=", "*=", "/=", "%=", "%:", "%>", "^=", "##",
                                            ":>", "..", "//", "/*"};
        char pair[3] = {a->loc[a->len - 1], b->loc[0], '\0'};
        for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++)
            if (!strcmp(pair, pairs[i]))
                return true;
        return false;
    }
    return (a->kind == TK_PP_NUM || a->kind == TK_NUM) && b->kind == TK_PUNCT &&
           (b->loc[0] == '.' || b->loc[0] == '+' || b->loc[0] == '-');
}

static void line_marker(StrBuf *sb, int line, const char *file) {
    sb_printf(sb, "# %d \"", line);
    for (const char *s = file; *s; s++) {
        if (*s == '"' || *s == '\\')
            sb_putc(sb, '\\');
        sb_putc(sb, *s);
    }
    sb_puts(sb, "\"\n");
}

char *pp_text(Compile *c, Token *tok, size_t *len) {
    StrBuf sb;
    sb_init(&sb, &c->arena);
    const SrcFile *file = NULL;
    int line = 0;
    const Token *prev = NULL;
    for (; tok && tok->kind != TK_EOF; tok = tok->next) {
        const Token *at = placed_at(tok);
        bool new_line = at == tok ? tok->at_bol : false;
        if (at->file != file) {
            if (prev)
                sb_putc(&sb, '\n');
            file = at->file;
            line = at->line;
            line_marker(&sb, line, file->name);
            prev = NULL;
        } else if (new_line || at->line > line) {
            int gap = at->line - line;
            if (gap > 8) {
                sb_putc(&sb, '\n');
                line_marker(&sb, at->line, file->name);
            } else {
                for (int i = 0; i < (gap > 0 ? gap : 1); i++)
                    sb_putc(&sb, '\n');
            }
            line = at->line;
            prev = NULL;
        }
        bool expanded = tok->origin || (prev && prev->origin);
        if (prev && (tok->has_space || (expanded && would_join(prev, tok))))
            sb_putc(&sb, ' ');
        int n;
        const char *text = tok_written(tok, &n);
        sb_putn(&sb, text, (size_t)n);
        prev = tok;
    }
    sb_putc(&sb, '\n');
    char *s = sb_str(&sb);
    *len = strlen(s);
    return s;
}
