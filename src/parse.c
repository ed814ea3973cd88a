/*
 * parse.c - the parser and type checker: Token list -> Obj list.
 *
 * A hand-written recursive-descent parser in chibicc's style: one function
 * per grammar rule, named after it, with the rule in EBNF above it, taking
 * (Parser *p, Token **rest, Token *tok) and returning through *rest the
 * first token it did not consume.
 *
 * Type checking happens as the tree is built. Every node comes from a small
 * constructor that checks its operands, computes its type and makes each
 * implicit conversion an explicit ND_CAST, so the tree handed to lower.c
 * obeys the contract at the top of front.h without a second pass.
 *
 * Errors. Semantic errors (a bad operand, an undeclared name) are reported
 * and the constructor returns some well-typed node so that parsing goes
 * on. Syntax errors leave no sensible tree to continue with: they report,
 * then escape (ESCAPE_SYNTAX) to the innermost recovery point, set once
 * per block item
 * and once per top-level declaration, which skips to the end of that
 * statement (the next ';' or the '}' closing what it opened) and parses
 * on. The arena owns every allocation, so jumping away leaks nothing.
 * Recursion is bounded by c->depth: a pathological nesting is a fatal
 * error, not a stack overflow.
 */
#include <math.h>
#include <string.h>

#include "front.h"

/* ------------------------------------------------------------------
 * Scopes
 * ---------------------------------------------------------------- */

/* One ordinary identifier declared in a scope: a variable or function,
 * a typedef name or an enumeration constant. */
typedef struct VarScope {
    const char *name;
    int len;
    Obj *var;
    Type *type_def;
    bool is_enum;
    int64_t enum_val;
    Type *enum_ty;          /* an enumeration constant's type */
    bool is_vla;            /* var points to the storage of this VLA */
} VarScope;

/* One struct, union or enum tag declared in a scope. */
typedef struct TagScope {
    const char *name;
    int len;
    Type *ty;
} TagScope;

/* A declaration of variably modified type, in scope from there to the
 * end of its block: no goto or case label may jump into that stretch. */
/* What a jump may leave but not enter: the scope of a VLA, or a GNU
 * statement expression. */
typedef struct VlaDecl {
    struct VlaDecl *up;     /* the one in scope before it */
    Token *name;            /* the VLA's name, or the statement expression's "(" */
    bool is_stmt_expr;
} VlaDecl;

/* Names are hashed: a program with thousands of globals must not make
 * every identifier a walk through all of them. */
typedef struct Scope {
    struct Scope *next;
    HashMap vars;           /* name -> VarScope */
    HashMap tags;           /* tag -> TagScope */
    bool is_params;         /* a parameter list: holds names, not tags */
    VlaDecl *vla;           /* the innermost one in scope */
} Scope;

/* Storage-class specifiers and function specifiers seen by declspec. */
typedef struct VarAttr {
    bool is_typedef;
    bool is_static;
    bool is_extern;
    bool is_inline;
    bool is_tls;            /* _Thread_local, __thread */
} VarAttr;

typedef struct Parser {
    Compile *c;
    Scope *scope;           /* innermost scope */
    Scope *file_scope;
    Scope *fn_scope;        /* the current function's parameter scope */
    Obj *fn;                /* the function being parsed, or NULL */
    Obj *locals_tail;
    Obj *globals_tail;
    Node *loop;             /* innermost loop, for continue */
    Node *brk;              /* innermost loop or switch, for break */
    Node *sw;               /* innermost switch, for case and default */
    Node *labels;           /* the function's ND_LABELs, by case_next */
    Node *gotos;            /* the function's ND_GOTOs, by case_next */
    jmp_buf *recover;       /* where a syntax error jumps */
    Token *err_tok;         /* the token a syntax error was found at */
    Token *decl_start;      /* first token of the top-level declaration */
    Initializer *flex_init; /* the array initializer whose length is open */
    int flex_cap;
    int counter;            /* for unique names of temporaries */
    bool said_undeclared_note;
    struct TempSlot *temps; /* the function's pooled temporaries */
    Type *va_list_ty;       /* __builtin_va_list: struct __va_list_tag[1] */
    int decl_align;         /* _Alignas of the latest declspec, or 0 */
    const struct Attrs *spec_attrs;  /* the GNU attributes of the latest declspec */
    const struct Attrs *decl_attrs;  /* ... of the latest (outermost) declarator */
    Obj *fn_va;             /* a variadic definition's hidden va_list pointer */
    Node *last_post;        /* the latest x++ / x-- built, for discarded() */
    Node *last_post_lhs;
    int last_post_delta;
    Obj *alloca_fn;         /* __builtin_alloca, for VLA storage */
    Node *vla_entry;        /* statements for the function's entry (VLA capacities) */
    struct JumpFrom *jumps; /* the function's labels and gotos, with their VLA scope */
    VlaDecl *sw_vla;        /* the VLA scope at the innermost switch */
} Parser;

/* A temporary of the current function. Temporaries hold values only
 * within one full expression, so each is reused by later statements
 * (release_temps): a function of 100 000 `a++;` gets one, not 100 000. */
typedef struct TempSlot {
    struct TempSlot *next;
    Obj *var;
    bool busy;
} TempSlot;

static Node *expr(Parser *p, Token **rest, Token *tok);
static Node *assign(Parser *p, Token **rest, Token *tok);
static Node *conditional(Parser *p, Token **rest, Token *tok);
static Node *cast(Parser *p, Token **rest, Token *tok);
static Node *unary(Parser *p, Token **rest, Token *tok);
static Node *postfix(Parser *p, Token **rest, Token *tok);
static Node *postfix_ops(Parser *p, Token **rest, Token *tok, Node *node);
static Node *compound_literal(Parser *p, Token **rest, Token *tok, Type *ty);
static void static_initializer(Parser *p, Token **rest, Token *tok, Obj *var);
static Node *primary(Parser *p, Token **rest, Token *tok);
static Node *stmt(Parser *p, Token **rest, Token *tok);
static Node *compound_stmt(Parser *p, Token **rest, Token *tok);
static Type *declspec(Parser *p, Token **rest, Token *tok, VarAttr *attr);
static Type *declarator(Parser *p, Token **rest, Token *tok, Type *ty, Token **name);
static Type *type_name(Parser *p, Token **rest, Token *tok);
static bool is_typename(Parser *p, Token *tok);
static Node *new_add(Parser *p, Node *lhs, Node *rhs, Token *tok);
static Node *new_sub(Parser *p, Node *lhs, Node *rhs, Token *tok);
static Node *new_binop(Parser *p, NodeKind kind, Node *lhs, Node *rhs, Token *tok);
static Type *completed(Type *ty);
static Node *member_node(Parser *p, Node *lhs, Member *m, Token *tok);
static void initializer2(Parser *p, Token **rest, Token *tok, Initializer *init);
static _Noreturn void syntax_error(Parser *p, Token *tok, const char *fmt, ...)
    MJ_PRINTF(3, 4);

static bool equal(const Token *tok, const char *s) {
    return tok->kind != TK_STR && tok->kind != TK_NUM && tok_equal(tok, s);
}

static bool name_is(const char *name, int len, const Token *tok) {
    return len == tok->len && memcmp(name, tok->loc, (size_t)len) == 0;
}

static char *tok_name(Parser *p, const Token *tok) {
    return arena_strndup(&p->c->arena, tok->loc, (size_t)tok->len);
}

static char *tystr(Parser *p, const Type *ty) {
    return type_to_string(p->c, ty);
}

/* A label or goto and the VLA declarations in scope where it is. */
typedef struct JumpFrom {
    struct JumpFrom *next;
    Node *node;
    VlaDecl *vla;
} JumpFrom;

static void enter_scope(Parser *p) {
    Scope *sc = arena_alloc(&p->c->arena, sizeof(Scope));
    sc->vla = p->scope ? p->scope->vla : NULL;
    sc->next = p->scope;
    p->scope = sc;
}

static void leave_scope(Parser *p) { p->scope = p->scope->next; }

static VarScope *find_var_in(Scope *sc, const Token *tok) {
    return hashmap_get(&sc->vars, tok->loc, tok->len);
}

static VarScope *find_var(Parser *p, const Token *tok) {
    for (Scope *sc = p->scope; sc; sc = sc->next) {
        VarScope *v = find_var_in(sc, tok);
        if (v)
            return v;
    }
    return NULL;
}

static VarScope *push_var(Parser *p, Scope *sc, const Token *name) {
    VarScope *v = arena_alloc(&p->c->arena, sizeof(VarScope));
    v->name = name->loc;
    v->len = name->len;
    hashmap_put(&p->c->arena, &sc->vars, name->loc, name->len, v);
    return v;
}

static TagScope *find_tag_in(Scope *sc, const Token *tok) {
    return hashmap_get(&sc->tags, tok->loc, tok->len);
}

static Type *find_tag(Parser *p, const Token *tok) {
    for (Scope *sc = p->scope; sc; sc = sc->next) {
        TagScope *t = find_tag_in(sc, tok);
        if (t)
            return t->ty;
    }
    return NULL;
}

static void push_tag(Parser *p, const Token *name, Type *ty) {
    TagScope *t = arena_alloc(&p->c->arena, sizeof(TagScope));
    t->name = name->loc;
    t->len = name->len;
    t->ty = ty;
    /* a parameter list's scope exists for names used in array sizes only;
     * a tag declared there keeps its former home, the enclosing scope */
    Scope *sc = p->scope;
    while (sc->is_params && sc->next)
        sc = sc->next;
    hashmap_put(&p->c->arena, &sc->tags, name->loc, name->len, t);
}

/* ------------------------------------------------------------------
 * Errors
 * ---------------------------------------------------------------- */

/* How gcc names the token an error is "before". */
static char *before_tok(Parser *p, const Token *tok) {
    Arena *a = &p->c->arena;
    switch (tok->kind) {
    case TK_EOF:
        return "at end of input";
    case TK_STR:
        return "before string constant";
    case TK_NUM:
    case TK_PP_NUM:
        if (tok->loc[0] == '\'' || tok->loc[1] == '\'')
            return "before character constant";
        return "before numeric constant";
    case TK_PUNCT:
        return arena_printf(a, "before '%.*s' token", tok->len, tok->loc);
    default:
        return arena_printf(a, "before '%.*s'", tok->len, tok->loc);
    }
}

static void vreport(Parser *p, Token *tok, const char *fmt, va_list ap,
                    mj_severity sev) {
    char *msg = arena_vprintf(&p->c->arena, fmt, ap);
    if (sev == MJ_SEV_ERROR)
        error_tok(p->c, tok, "%s", msg);
    else
        warn_tok(p->c, tok, "%s", msg);
}

static _Noreturn void syntax_error(Parser *p, Token *tok, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vreport(p, tok, fmt, ap, MJ_SEV_ERROR);
    va_end(ap);
    p->err_tok = tok;
    escape(p->recover, ESCAPE_SYNTAX);
}

/* Old C that gcc 14 refuses by default and its -fpermissive accepts as
 * gcc 12 did: implicit function declarations and implicit int. A warning
 * under mj_options.permissive, else an error that names the way out. */
static void old_c(Parser *p, Token *tok, const char *what) {
    if (p->c->permissive)
        warn_tok(p->c, tok, "%s", what);
    else
        error_tok(p->c, tok, "%s (old C: -fpermissive accepts it)", what);
}

static Token *prev_token(Parser *p, const Token *tok) {
    for (Token *t = p->decl_start; t && t->kind != TK_EOF; t = t->next)
        if (t->next == tok)
            return t;
    return NULL;
}

/* gcc reports a missing ';', ')' or ']' just after the previous token:
 * that is where the user forgot it (gcc 12 does so on the same line too,
 * "if (x > 1 {" is reported after the 1). */
static Token *missing_token_loc(Parser *p, Token *tok) {
    Token *prev = prev_token(p, tok);
    if (!prev)
        return tok;
    while (prev->origin)
        prev = prev->origin;
    const Token *next = tok;
    while (next->origin)
        next = next->origin;
    if (next->kind != TK_EOF && next->file != prev->file)
        return tok;
    Token *t = arena_alloc(&p->c->arena, sizeof(Token));
    *t = *prev;
    t->origin = NULL;
    t->col = prev->col + prev->len;
    return t;
}

static Token *skip(Parser *p, Token *tok, const char *op) {
    if (equal(tok, op))
        return tok->next;
    Token *at = tok;
    if (!strcmp(op, ";") || !strcmp(op, ")") || !strcmp(op, "]"))
        at = missing_token_loc(p, tok);
    error_tok(p->c, at, "expected '%s' %s", op, before_tok(p, tok));
    p->err_tok = tok;
    escape(p->recover, ESCAPE_SYNTAX);
}

static bool consume(Token **rest, Token *tok, const char *op) {
    if (equal(tok, op)) {
        *rest = tok->next;
        return true;
    }
    *rest = tok;
    return false;
}

/* Skips what is left of the statement or declaration that starts at
 * `start` and had a syntax error at p->err_tok: up to the first ';' after
 * the error outside braces, or the '}' closing a brace the statement
 * opened. A '}' the statement did not open ends a block around it: it is
 * left for that block (at file scope, where there is no such block, it is
 * consumed). */
static Token *recover_from(Parser *p, Token *start, bool top) {
    int level = 0;
    bool past = false;
    Token *t = start;
    for (; t->kind != TK_EOF; t = t->next) {
        if (t == p->err_tok)
            past = true;
        if (t->kind != TK_PUNCT)
            continue;
        if (equal(t, "{")) {
            level++;
        } else if (equal(t, "}")) {
            if (--level < 0)
                return top ? t->next : t;
            if (level == 0 && past)
                return t->next;
        } else if (equal(t, ";") && level == 0 && past) {
            return t->next;
        }
    }
    return t;
}

static void enter(Parser *p, Token *tok, const char *what) {
    if (++p->c->depth > 1000)
        fatal_tok(p->c, tok, "%s", what);
}

static void leave(Parser *p) { p->c->depth--; }

/* ------------------------------------------------------------------
 * Objects
 * ---------------------------------------------------------------- */

/* A local made before its function was known (a parameter, the size of
 * a VLA parameter) joins the function's locals here. */
static void link_local(Parser *p, Obj *var) {
    if (!p->fn)
        return;
    if (p->locals_tail)
        p->locals_tail->next = var;
    else
        p->fn->locals = var;
    p->locals_tail = var;
}

static Obj *unlinked_local(Parser *p, char *name, Type *ty, Token *tok) {
    Obj *var = arena_alloc(&p->c->arena, sizeof(Obj));
    var->name = name;
    var->ty = ty;
    var->tok = tok;
    var->is_local = true;
    return var;
}

static Obj *new_local(Parser *p, char *name, Type *ty, Token *tok) {
    Obj *var = unlinked_local(p, name, ty, tok);
    link_local(p, var);
    return var;
}

/* An unnamed object of the function that lives as long as a named one
 * would (a compound literal). */
static Obj *new_unnamed_local(Parser *p, Type *ty, Token *tok) {
    char *name = arena_printf(&p->c->arena, "__mj_tmp_%d", p->counter++);
    return new_local(p, name, unqual(ty), tok);
}

/* Can a pooled temporary of type a stand for one of type b? Only when
 * every node made from it gets the very same type. */
static bool same_temp_type(Type *a, Type *b) {
    if (a == b)
        return true;
    if (a->kind != b->kind || a->is_const != b->is_const || a->is_volatile != b->is_volatile)
        return false;
    if (a->kind == TY_PTR)
        return a->base == b->base;
    return is_arith(a) && a->origin == NULL && b->origin == NULL &&
           a->kind == b->kind && a->is_unsigned == b->is_unsigned &&
           a->is_plain_char == b->is_plain_char && a->tag == NULL && b->tag == NULL;
}

/* A temporary for a value inside one full expression: a free one of the
 * same type from the pool, or a new one. */
static Obj *new_temp(Parser *p, Type *ty, Token *tok) {
    ty = unqual(ty);
    if (!p->fn)
        return new_unnamed_local(p, ty, tok);
    for (TempSlot *t = p->temps; t; t = t->next) {
        if (!t->busy && same_temp_type(t->var->ty, ty)) {
            t->busy = true;
            return t->var;
        }
    }
    TempSlot *t = arena_alloc(&p->c->arena, sizeof(TempSlot));
    t->var = new_unnamed_local(p, ty, tok);
    t->busy = true;
    t->next = p->temps;
    p->temps = t;
    return t->var;
}

/* A full expression has ended: its temporaries are free for the next. */
static void release_temps(Parser *p) {
    for (TempSlot *t = p->temps; t; t = t->next)
        t->busy = false;
}

static Obj *new_global(Parser *p, char *name, Type *ty, Token *tok) {
    Obj *var = arena_alloc(&p->c->arena, sizeof(Obj));
    var->name = name;
    var->ty = ty;
    var->tok = tok;
    if (p->globals_tail)
        p->globals_tail->next = var;
    else
        p->c->globals = var;
    p->globals_tail = var;
    return var;
}

/* A wide string literal (L"", u"", U""): its elements are wider than a
 * byte and lex.c stores them in memory order. */
static bool is_wide_string(const Token *tok) {
    return tok->kind == TK_STR && tok->ty && tok->ty->base->size > 1;
}

/* Element i of a wide string literal. */
static int64_t wide_elem(const Token *tok, int i) {
    if (tok->ty->base->size == 2) {
        uint16_t u;
        memcpy(&u, tok->str + 2 * i, sizeof u);
        return u;
    }
    uint32_t u;
    memcpy(&u, tok->str + 4 * i, sizeof u);
    return tok->ty->base->is_unsigned ? (int64_t)u : (int64_t)(int32_t)u;
}

static Node *new_num(Parser *p, int64_t val, const Type *ty, Token *tok);

/* init (an array of n elements) takes the wide string's elements,
 * cut or zero-padded to n. */
static void wide_string_elems(Parser *p, Initializer *init, Token *tok, int n) {
    Type *base = init->ty->base;
    init->children = arena_alloc(&p->c->arena, sizeof(Initializer *) * (size_t)(n ? n : 1));
    for (int i = 0; i < n && i < tok->ty->array_len; i++) {
        Initializer *el = arena_alloc(&p->c->arena, sizeof(Initializer));
        el->ty = base;
        el->expr = new_num(p, wide_elem(tok, i), base, tok);
        init->children[i] = el;
    }
}

static Obj *new_string_literal(Parser *p, Token *tok) {
    char *name = arena_printf(&p->c->arena, "__mj_str_%d", p->counter++);
    Type *ty = tok->ty ? tok->ty : array_of(p->c, TY(ty_char), tok->str_len);
    Obj *var = new_global(p, name, ty, tok);
    var->is_string_literal = true;
    var->is_static = true;
    var->is_definition = true;
    var->is_used = true;
    Initializer *init = arena_alloc(&p->c->arena, sizeof(Initializer));
    init->ty = ty;
    var->init = init;
    if (is_wide_string(tok)) {
        wide_string_elems(p, init, tok, ty->array_len);
        return var;
    }
    init->bytes = tok->str;
    init->nbytes = tok->str_len;
    return var;
}

/* ------------------------------------------------------------------
 * Node constructors
 * ---------------------------------------------------------------- */

static Node *new_node(Parser *p, NodeKind kind, Token *tok) {
    Node *node = arena_alloc(&p->c->arena, sizeof(Node));
    node->kind = kind;
    node->tok = tok;
    return node;
}

/* Every later phase walks expression trees recursively. Parentheses are
 * bounded by the parser's nesting depth, but a chain such as 1+1+...+1 is
 * parsed by a loop and still makes a tree as deep as it is long: refuse
 * trees higher than this, so that no phase can run out of stack. */
#define MAX_TREE_HEIGHT 4000

static void set_height(Parser *p, Node *node, const Node *a, const Node *b) {
    int h = a ? a->height : 0;
    if (b && b->height > h)
        h = b->height;
    node->height = h + 1;
    if (node->height > MAX_TREE_HEIGHT)
        fatal_tok(p->c, node->tok, "expression nesting too deep (more than %d levels)",
                  MAX_TREE_HEIGHT);
}

static Node *new_unary(Parser *p, NodeKind kind, Node *lhs, Type *ty, Token *tok) {
    Node *node = new_node(p, kind, tok);
    node->lhs = lhs;
    node->ty = ty;
    set_height(p, node, lhs, NULL);
    return node;
}

static Node *new_binary(Parser *p, NodeKind kind, Node *lhs, Node *rhs,
                        Type *ty, Token *tok) {
    Node *node = new_node(p, kind, tok);
    node->lhs = lhs;
    node->rhs = rhs;
    node->ty = ty;
    set_height(p, node, lhs, rhs);
    return node;
}

static Node *new_num(Parser *p, int64_t val, const Type *ty, Token *tok) {
    Node *node = new_node(p, ND_NUM, tok);
    node->ival = val;
    node->fval = (long double)val;
    node->ty = TY(ty);
    return node;
}

static Node *new_flonum(Parser *p, long double val, const Type *ty, Token *tok) {
    Node *node = new_node(p, ND_NUM, tok);
    node->fval = val;
    node->ty = TY(ty);
    return node;
}

static Node *new_var_node(Parser *p, Obj *var, Token *tok) {
    Node *node = new_node(p, ND_VAR, tok);
    node->var = var;
    node->ty = var->ty;
    if (!var->is_local)
        var->is_used = true;
    return node;
}

/* An error was reported; this stands for the failed expression. */
static Node *error_node(Parser *p, Token *tok) { return new_num(p, 0, ty_int, tok); }

/* Two types with the same representation: no conversion between them. */
static bool same_type(Type *a, Type *b) {
    a = unqual(a);
    b = unqual(b);
    if (a == b)
        return true;
    if (a->kind != b->kind)
        return false;
    switch (a->kind) {
    case TY_CHAR:
        return a->is_unsigned == b->is_unsigned &&
               a->is_plain_char == b->is_plain_char;
    case TY_SHORT: case TY_INT: case TY_LONG: case TY_LLONG:
        return a->is_unsigned == b->is_unsigned && a->bit_prec == b->bit_prec;
    case TY_PTR:
        return a->base->is_const == b->base->is_const &&
               a->base->is_volatile == b->base->is_volatile &&
               same_type(a->base, b->base);
    case TY_ARRAY:
        return a->array_len == b->array_len && same_type(a->base, b->base);
    case TY_FUNC:
        return type_compatible(a, b);
    case TY_STRUCT: case TY_UNION:
        return false;
    default:
        return true;
    }
}

static int64_t wrap_int(int64_t v, const Type *ty) {
    switch (ty->kind) {
    case TY_BOOL: return v != 0;
    case TY_CHAR: return ty->is_unsigned ? (int64_t)(uint8_t)v : (int64_t)(int8_t)v;
    case TY_SHORT: return ty->is_unsigned ? (int64_t)(uint16_t)v : (int64_t)(int16_t)v;
    case TY_INT: return ty->is_unsigned ? (int64_t)(uint32_t)v : (int64_t)(int32_t)v;
    default:
        if (ty->bit_prec) {   // a wide bit-field's N-bit type: cut to N bits
            int sh = 64 - ty->bit_prec;
            uint64_t up = (uint64_t)v << sh;
            return ty->is_unsigned ? (int64_t)(up >> sh) : (int64_t)up >> sh;
        }
        return v;
    }
}

static long double round_flo(long double v, const Type *ty) {
    if (ty->kind == TY_FLOAT)
        return (float)v;
    if (ty->kind == TY_DOUBLE)
        return (double)v;
    return v;
}

/* A floating constant converted to an integer type at compile time. C
 * leaves an out-of-range conversion undefined; the compiler itself must
 * not run one, so it saturates to the type's range, as gcc's folding does
 * (and a NaN becomes 0). */
static int64_t flo_to_int(long double v, const Type *ty) {
    if (ty->kind == TY_BOOL)
        return v != 0;
    if (isnan(v))
        return 0;
    int bits = ty->size * 8;
    if (ty->is_unsigned) {
        long double max = ldexpl(1.0L, bits) - 1;   /* exact in 64 bits of mantissa */
        if (v <= 0)
            return 0;
        if (v >= max)
            return wrap_int((int64_t)(bits == 64 ? UINT64_MAX : (uint64_t)max), ty);
        return wrap_int((int64_t)(uint64_t)v, ty);
    }
    long double lim = ldexpl(1.0L, bits - 1);
    if (v >= lim)
        return wrap_int(bits == 64 ? INT64_MAX : (int64_t)lim - 1, ty);
    if (v <= -lim)
        return wrap_int(bits == 64 ? INT64_MIN : -(int64_t)lim, ty);
    return wrap_int((int64_t)v, ty);
}

static long double int_to_flo(int64_t v, const Type *from) {
    if (from->is_unsigned)
        return (long double)(uint64_t)v;
    return (long double)v;
}

/* The value of an arithmetic constant: i when its type is an integer
 * type, f when it is a floating one. */
typedef struct {
    int64_t i;
    long double f;
} ConstVal;

/* v, of type from, converted to type to (both arithmetic) at compile
 * time, as the program would convert it: (char)300 is the number 44. */
static ConstVal convert_value(ConstVal v, const Type *from, const Type *to) {
    ConstVal r = {0, 0};
    if (is_integer(to))
        r.i = is_integer(from) ? wrap_int(v.i, to) : flo_to_int(v.f, to);
    else
        r.f = round_flo(is_integer(from) ? int_to_flo(v.i, from) : v.f, to);
    return r;
}

static Node *fold_num_cast(Parser *p, Node *num, Type *ty) {
    ConstVal v = convert_value((ConstVal){num->ival, num->fval}, num->ty, ty);
    if (is_integer(ty))
        return new_num(p, v.i, ty, num->tok);
    return new_flonum(p, v.f, ty, num->tok);
}

/* A value of ty (a bit-field's N-bit type) computed in 64 bits, cut to
 * its N bits: gcc's arithmetic on such a type wraps there. */
static Node *wrap_to_prec(Parser *p, Node *node, Type *ty) {
    Token *tok = node->tok;
    int sh = 64 - ty->bit_prec;
    Node *bits = new_unary(p, ND_CAST, node, TY(ty_ulong), tok);
    Node *v;
    if (ty->is_unsigned) {
        Node *mask = new_num(p, (int64_t)(~(uint64_t)0 >> sh), ty_ulong, tok);
        v = new_binary(p, ND_BITAND, bits, mask, TY(ty_ulong), tok);
    } else {
        Node *up = new_binary(p, ND_SHL, bits, new_num(p, sh, ty_ulong, tok), TY(ty_ulong), tok);
        up = new_unary(p, ND_CAST, up, TY(ty_long), tok);
        v = new_binary(p, ND_SHR, up, new_num(p, sh, ty_long, tok), TY(ty_long), tok);
    }
    return new_unary(p, ND_CAST, v, ty, tok);
}

/* The conversion of an rvalue to ty (unqualified), as an ND_CAST unless
 * nothing changes. */
static Node *new_cast(Parser *p, Node *node, Type *ty) {
    ty = unqual(ty);
    if (same_type(node->ty, ty) && node->ty->kind != TY_ARRAY)
        return node;
    if (node->kind == ND_NUM && is_arith(node->ty) && is_arith(ty))
        return fold_num_cast(p, node, ty);
    if (ty->bit_prec)
        return wrap_to_prec(p, node, ty);
    return new_unary(p, ND_CAST, node, ty, node->tok);
}

/* The result of an operator whose type is ty: cut to a bit-field's N
 * bits when ty is such a type. */
static Node *wrapped(Parser *p, Node *node) {
    return node->ty->bit_prec ? wrap_to_prec(p, node, node->ty) : node;
}

/* The N-bit type gcc gives a bit-field of N bits, 32 < N < 64, of a
 * 64-bit type; made once per member. */
static Type *bitfield_value_type(Parser *p, Member *m) {
    if (!m->value_ty) {
        m->value_ty = copy_type(p->c, unqual(m->ty));
        m->value_ty->bit_prec = m->bit_width;
        m->value_ty->origin = NULL;   // a type of its own, not a copy of long
    }
    return m->value_ty;
}

/* Value context: an array becomes a pointer to its first element and a
 * function designator a pointer to the function (C11 6.3.2.1). */
static Node *rval(Parser *p, Node *node) {
    Type *ty = node->ty;
    if (node->kind == ND_MEMBER && node->member->is_bitfield) {
        /* A bit-field narrower than int is promoted as int (C11 6.3.1.1p2);
         * gcc treats a wider one as its declared type. */
        Member *m = node->member;
        Type *to = unqual(ty);
        if (m->bit_width < 32 || (m->bit_width == 32 && !ty->is_unsigned))
            to = TY(ty_int);
        else if (m->bit_width == 32)
            to = TY(ty_uint);
        else if (m->bit_width < ty->size * 8)
            return new_unary(p, ND_CAST, node, bitfield_value_type(p, m), node->tok);
        if (unqual(ty)->kind == TY_BOOL)
            to = unqual(ty);
        return to == unqual(ty) ? node : new_unary(p, ND_CAST, node, to, node->tok);
    }
    if (ty->kind == TY_ARRAY && ty->is_vla && node->kind == ND_DEREF)
        /* *q with q pointing to a VLA: its first element is at q */
        return new_cast(p, node->lhs, pointer_to(p->c, ty->base));
    if (ty->kind == TY_ARRAY)
        return new_unary(p, ND_DECAY, node, pointer_to(p->c, ty->base), node->tok);
    if (ty->kind == TY_FUNC) {
        if (node->kind == ND_DEREF)
            return node->lhs;
        return new_unary(p, ND_ADDR, node, pointer_to(p->c, ty), node->tok);
    }
    return node;
}

static bool is_lvalue(Node *node) {
    switch (node->kind) {
    case ND_VAR:
        return node->ty->kind != TY_FUNC;
    case ND_DEREF:
        return node->ty->kind != TY_FUNC && node->ty->kind != TY_VOID;
    case ND_MEMBER:
        return is_lvalue(node->lhs);
    case ND_STR:
        return true;
    default:
        return false;
    }
}

/* ------------------------------------------------------------------
 * Constant expressions
 * ---------------------------------------------------------------- */

/* One walker (eval_const) evaluates every arithmetic constant
 * expression, integer or floating; what differs between the two is only
 * the arithmetic of an operator, in int_arith and flo_arith. */

static bool eval_const(Node *node, ConstVal *out);

/* The truth of an arithmetic constant. */
static bool eval_truth(Node *node, bool *out) {
    ConstVal v;
    if (!eval_const(node, &v))
        return false;
    *out = is_integer(node->ty) ? v.i != 0 : v.f != 0;
    return true;
}

/* An integer operator applied to a and b (b unused by - and ~). */
static bool int_arith(Node *node, int64_t a, int64_t b, int64_t *out) {
    Type *ty = node->ty;
    uint64_t ua = (uint64_t)a, ub = (uint64_t)b;
    bool uns = node->lhs->ty->is_unsigned || node->lhs->ty->kind == TY_PTR;
    switch (node->kind) {
    case ND_NEG: *out = wrap_int((int64_t)(0 - ua), ty); return true;
    case ND_BITNOT: *out = wrap_int(~a, ty); return true;
    case ND_ADD: *out = wrap_int((int64_t)(ua + ub), ty); return true;
    case ND_SUB: *out = wrap_int((int64_t)(ua - ub), ty); return true;
    case ND_MUL: *out = wrap_int((int64_t)(ua * ub), ty); return true;
    case ND_DIV:
    case ND_MOD:
        if (b == 0)
            return false;
        if (ty->is_unsigned) {
            uint64_t r = node->kind == ND_DIV ? ua / ub : ua % ub;
            *out = wrap_int((int64_t)r, ty);
        } else if (b == -1) {
            *out = node->kind == ND_DIV ? wrap_int((int64_t)(0 - ua), ty) : 0;
        } else {
            *out = wrap_int(node->kind == ND_DIV ? a / b : a % b, ty);
        }
        return true;
    case ND_BITAND: *out = a & b; return true;
    case ND_BITOR: *out = a | b; return true;
    case ND_BITXOR: *out = a ^ b; return true;
    case ND_SHL: *out = wrap_int((int64_t)(ua << (ub & 63)), ty); return true;
    case ND_SHR:
        if (ty->is_unsigned)
            *out = wrap_int((int64_t)(ua >> (ub & 63)), ty);
        else
            *out = a >> (ub & 63);
        return true;
    case ND_EQ: *out = a == b; return true;
    case ND_NE: *out = a != b; return true;
    case ND_LT: *out = uns ? ua < ub : a < b; return true;
    case ND_LE: *out = uns ? ua <= ub : a <= b; return true;
    case ND_GT: *out = uns ? ua > ub : a > b; return true;
    case ND_GE: *out = uns ? ua >= ub : a >= b; return true;
    default: return false;
    }
}

/* A floating operator applied to a and b (b unused by -): a comparison
 * gives an int (out->i), the others a value of node's type (out->f). */
static bool flo_arith(Node *node, long double a, long double b, ConstVal *out) {
    Type *ty = node->ty;
    switch (node->kind) {
    case ND_NEG: out->f = -a; return true;
    case ND_ADD: out->f = round_flo(a + b, ty); return true;
    case ND_SUB: out->f = round_flo(a - b, ty); return true;
    case ND_MUL: out->f = round_flo(a * b, ty); return true;
    case ND_DIV: out->f = round_flo(a / b, ty); return true;
    case ND_EQ: out->i = a == b; return true;
    case ND_NE: out->i = a != b; return true;
    case ND_LT: out->i = a < b; return true;
    case ND_LE: out->i = a <= b; return true;
    case ND_GT: out->i = a > b; return true;
    case ND_GE: out->i = a >= b; return true;
    default: return false;
    }
}

/* An operator applied to constants, in the arithmetic of its operands. */
static bool eval_arith(Node *node, ConstVal a, ConstVal b, ConstVal *out) {
    if (is_flonum(node->lhs->ty))
        return flo_arith(node, a.f, b.f, out);
    return int_arith(node, a.i, b.i, &out->i);
}

/* Evaluates an arithmetic constant expression, as a value of its type;
 * false when it is not one. */
static bool eval_const(Node *node, ConstVal *out) {
    if (!is_arith(node->ty))
        return false;
    *out = (ConstVal){0, 0};
    ConstVal a = {0, 0}, b = {0, 0};
    bool t1, t2;
    switch (node->kind) {
    case ND_NUM:
        *out = (ConstVal){node->ival, node->fval};
        return true;
    case ND_CAST:
        if (!eval_const(node->lhs, &a))
            return false;
        *out = convert_value(a, node->lhs->ty, node->ty);
        return true;
    case ND_NOT:
        if (!eval_truth(node->lhs, &t1))
            return false;
        out->i = !t1;
        return true;
    case ND_LOGAND:
    case ND_LOGOR:
        if (!eval_truth(node->lhs, &t1))
            return false;
        if (node->kind == ND_LOGAND ? !t1 : t1) {
            out->i = t1;
            return true;
        }
        if (!eval_truth(node->rhs, &t2))
            return false;
        out->i = t2;
        return true;
    case ND_COND:
        return eval_truth(node->cond, &t1) && eval_const(t1 ? node->then : node->els, out);
    case ND_NEG: case ND_BITNOT:
        return eval_const(node->lhs, &a) && eval_arith(node, a, b, out);
    case ND_ADD: case ND_SUB: case ND_MUL: case ND_DIV: case ND_MOD:
    case ND_BITAND: case ND_BITOR: case ND_BITXOR: case ND_SHL: case ND_SHR:
    case ND_EQ: case ND_NE: case ND_LT: case ND_LE: case ND_GT: case ND_GE:
        return eval_const(node->lhs, &a) && eval_const(node->rhs, &b) &&
               eval_arith(node, a, b, out);
    default:
        return false;
    }
}

/* Evaluates an integer constant expression; false when it is not one. */
static bool eval_int(Node *node, int64_t *out) {
    ConstVal v;
    if (!is_integer(node->ty) || !eval_const(node, &v))
        return false;
    *out = v.i;
    return true;
}

int64_t const_eval(Compile *c, Node *node) {
    int64_t v;
    if (!eval_int(node, &v)) {
        error_tok(c, node->tok, "expression is not an integer constant");
        return 0;
    }
    return v;
}

/* C11 6.3.2.3p3: an integer constant expression with the value 0, or
 * such an expression cast to void *. */
static bool is_null_ptr_const(Node *node) {
    int64_t v;
    if (is_integer(node->ty))
        return eval_int(node, &v) && v == 0;
    if (node->kind == ND_CAST && node->ty->kind == TY_PTR &&
        node->ty->base->kind == TY_VOID && !node->ty->base->is_const &&
        !node->ty->base->is_volatile && is_integer(node->lhs->ty))
        return eval_int(node->lhs, &v) && v == 0;
    return false;
}

/* ------------------------------------------------------------------
 * Conversion as if by assignment (C11 6.5.16.1): assignment,
 * initialisation, argument passing and return share the rules and
 * differ only in gcc's wording.
 * ---------------------------------------------------------------- */

typedef enum { CV_ASSIGN, CV_INIT, CV_ARG, CV_RETURN } ConvKind;

typedef struct ConvCtx {
    ConvKind kind;
    Token *tok;           /* where to report */
    const char *fn_name;  /* CV_ARG: the callee, when known */
    int argno;            /* CV_ARG: 1-based */
} ConvCtx;

static void int_ptr_warning(Parser *p, ConvCtx *cx, Type *to, Type *from,
                            bool to_ptr) {
    const char *what = to_ptr ? "makes pointer from integer without a cast"
                              : "makes integer from pointer without a cast";
    const char *t = tystr(p, to), *f = tystr(p, from);
    switch (cx->kind) {
    case CV_ASSIGN: warn_tok(p->c, cx->tok, "assignment to '%s' from '%s' %s", t, f, what); break;
    case CV_INIT: warn_tok(p->c, cx->tok, "initialization of '%s' from '%s' %s", t, f, what); break;
    case CV_ARG:
        warn_tok(p->c, cx->tok, "passing argument %d of '%s' %s", cx->argno,
                 cx->fn_name ? cx->fn_name : "function", what);
        break;
    case CV_RETURN:
        warn_tok(p->c, cx->tok, "returning '%s' from a function with return type '%s' %s",
                 f, t, what);
        break;
    }
}

static void incompatible_ptr_warning(Parser *p, ConvCtx *cx, Type *to, Type *from) {
    const char *t = tystr(p, to), *f = tystr(p, from);
    switch (cx->kind) {
    case CV_ASSIGN: warn_tok(p->c, cx->tok, "assignment to '%s' from incompatible pointer type '%s'", t, f); break;
    case CV_INIT: warn_tok(p->c, cx->tok, "initialization of '%s' from incompatible pointer type '%s'", t, f); break;
    case CV_ARG:
        warn_tok(p->c, cx->tok, "passing argument %d of '%s' from incompatible pointer type",
                 cx->argno, cx->fn_name ? cx->fn_name : "function");
        break;
    case CV_RETURN:
        warn_tok(p->c, cx->tok, "returning '%s' from a function with incompatible return type '%s'", f, t);
        break;
    }
}

static void discards_warning(Parser *p, ConvCtx *cx, const char *qual) {
    switch (cx->kind) {
    case CV_ASSIGN: warn_tok(p->c, cx->tok, "assignment discards '%s' qualifier from pointer target type", qual); break;
    case CV_INIT: warn_tok(p->c, cx->tok, "initialization discards '%s' qualifier from pointer target type", qual); break;
    case CV_ARG:
        warn_tok(p->c, cx->tok, "passing argument %d of '%s' discards '%s' qualifier from pointer target type",
                 cx->argno, cx->fn_name ? cx->fn_name : "function", qual);
        break;
    case CV_RETURN: warn_tok(p->c, cx->tok, "return discards '%s' qualifier from pointer target type", qual); break;
    }
}

static void incompatible_error(Parser *p, ConvCtx *cx, Type *to, Type *from) {
    const char *t = tystr(p, to), *f = tystr(p, from);
    switch (cx->kind) {
    case CV_ASSIGN: error_tok(p->c, cx->tok, "incompatible types when assigning to type '%s' from type '%s'", t, f); break;
    case CV_INIT: error_tok(p->c, cx->tok, "incompatible types when initializing type '%s' using type '%s'", t, f); break;
    case CV_ARG:
        error_tok(p->c, cx->tok, "incompatible type for argument %d of '%s'", cx->argno,
                  cx->fn_name ? cx->fn_name : "function");
        break;
    case CV_RETURN: error_tok(p->c, cx->tok, "incompatible types when returning type '%s' but '%s' was expected", f, t); break;
    }
}

static void check_ptr_conversion(Parser *p, ConvCtx *cx, Type *to, Type *from) {
    Type *tb = to->base, *fb = from->base;
    bool void_side = (tb->kind == TY_VOID && fb->kind != TY_FUNC) ||
                     (fb->kind == TY_VOID && tb->kind != TY_FUNC);
    if (!void_side && !type_compatible(unqual(tb), unqual(fb))) {
        incompatible_ptr_warning(p, cx, to, from);
        return;
    }
    if (fb->is_const && !tb->is_const)
        discards_warning(p, cx, "const");
    else if (fb->is_volatile && !tb->is_volatile)
        discards_warning(p, cx, "volatile");
}

/* Converts the value `node` to type `to` as assignment does. */
static Node *convert_assign(Parser *p, Node *node, Type *to, ConvCtx *cx) {
    node = rval(p, node);
    Type *from = node->ty;
    to = unqual(to);
    if (from->kind == TY_VOID) {
        error_tok(p->c, cx->tok, "void value not ignored as it ought to be");
        return error_node(p, node->tok);
    }
    if (is_arith(to) && is_arith(from))
        return new_cast(p, node, to);
    if (to->kind == TY_PTR) {
        if (is_null_ptr_const(node))
            return new_cast(p, node, to);
        if (from->kind == TY_PTR) {
            check_ptr_conversion(p, cx, to, from);
            return new_cast(p, node, to);
        }
        if (is_integer(from)) {
            int_ptr_warning(p, cx, to, from, true);
            return new_cast(p, node, to);
        }
    }
    if (to->kind == TY_BOOL && from->kind == TY_PTR)
        return new_cast(p, node, to);
    if (is_integer(to) && from->kind == TY_PTR) {
        int_ptr_warning(p, cx, to, from, false);
        return new_cast(p, node, to);
    }
    if ((to->kind == TY_STRUCT || to->kind == TY_UNION) && unqual(from) == to)
        return node;
    if (cx->kind == CV_ASSIGN)
        cx->tok = node->tok;     /* gcc points at the assigned value */
    incompatible_error(p, cx, to, from);
    return new_unary(p, ND_CAST, node, to, node->tok);
}

/* ------------------------------------------------------------------
 * Operators
 * ---------------------------------------------------------------- */

static const char *binop_spelling(NodeKind kind) {
    switch (kind) {
    case ND_ADD: case ND_PTR_ADD: return "+";
    case ND_SUB: case ND_PTR_SUB: case ND_PTR_DIFF: return "-";
    case ND_MUL: return "*";
    case ND_DIV: return "/";
    case ND_MOD: return "%";
    case ND_BITAND: return "&";
    case ND_BITOR: return "|";
    case ND_BITXOR: return "^";
    case ND_SHL: return "<<";
    case ND_SHR: return ">>";
    case ND_EQ: return "==";
    case ND_NE: return "!=";
    case ND_LT: return "<";
    case ND_LE: return "<=";
    case ND_GT: return ">";
    case ND_GE: return ">=";
    case ND_LOGAND: return "&&";
    case ND_LOGOR: return "||";
    default: return "?";
    }
}

static Node *invalid_operands(Parser *p, NodeKind kind, Node *lhs, Node *rhs, Token *tok) {
    error_tok(p->c, tok, "invalid operands to binary %s (have '%s' and '%s')",
              binop_spelling(kind), tystr(p, lhs->ty), tystr(p, rhs->ty));
    return error_node(p, tok);
}

/* Arithmetic with the usual arithmetic conversions: both operands get
 * the common type, which is also the result's. */
static Node *new_arith(Parser *p, NodeKind kind, Node *lhs, Node *rhs, Token *tok) {
    Type *ty = common_type(lhs->ty, rhs->ty);
    return wrapped(p, new_binary(p, kind, new_cast(p, lhs, ty), new_cast(p, rhs, ty), ty, tok));
}

/* A pointer to void or to a function counts in bytes, as GNU C does:
 * the arithmetic is done on a char * and converted back. */
static bool counts_in_bytes(Type *ptr) {
    return ptr->base->kind == TY_VOID || ptr->base->kind == TY_FUNC;
}

static Node *vla_ptr_offset(Parser *p, NodeKind kind, Node *ptr, Node *n, Token *tok);
static Node *vla_ptr_diff(Parser *p, Node *lhs, Node *rhs, Token *tok);

static Node *new_ptr_offset(Parser *p, NodeKind kind, Node *ptr, Node *n, Token *tok) {
    if (ptr->ty->base->is_vla)
        return vla_ptr_offset(p, kind, ptr, n, tok);
    if (completed(ptr->ty->base)->size < 0 && ptr->ty->base->kind != TY_VOID) {
        error_tok(p->c, tok, "invalid use of undefined type '%s'", tystr(p, ptr->ty->base));
        return ptr;
    }
    n = new_cast(p, n, TY(ty_long));
    if (counts_in_bytes(ptr->ty)) {
        Type *pty = ptr->ty;
        Node *bytes = new_cast(p, ptr, pointer_to(p->c, TY(ty_char)));
        Node *sum = new_binary(p, kind, bytes, n, bytes->ty, tok);
        return new_cast(p, sum, pty);
    }
    return new_binary(p, kind, ptr, n, unqual(ptr->ty), tok);
}

static Node *new_add(Parser *p, Node *lhs, Node *rhs, Token *tok) {
    lhs = rval(p, lhs);
    rhs = rval(p, rhs);
    if (is_arith(lhs->ty) && is_arith(rhs->ty))
        return new_arith(p, ND_ADD, lhs, rhs, tok);
    if (lhs->ty->kind == TY_PTR && is_integer(rhs->ty))
        return new_ptr_offset(p, ND_PTR_ADD, lhs, rhs, tok);
    if (is_integer(lhs->ty) && rhs->ty->kind == TY_PTR)
        return new_ptr_offset(p, ND_PTR_ADD, rhs, lhs, tok);
    return invalid_operands(p, ND_ADD, lhs, rhs, tok);
}

static Node *new_sub(Parser *p, Node *lhs, Node *rhs, Token *tok) {
    lhs = rval(p, lhs);
    rhs = rval(p, rhs);
    if (is_arith(lhs->ty) && is_arith(rhs->ty))
        return new_arith(p, ND_SUB, lhs, rhs, tok);
    if (lhs->ty->kind == TY_PTR && is_integer(rhs->ty))
        return new_ptr_offset(p, ND_PTR_SUB, lhs, rhs, tok);
    if (lhs->ty->kind == TY_PTR && rhs->ty->kind == TY_PTR &&
        type_compatible(unqual(lhs->ty->base), unqual(rhs->ty->base))) {
        if (lhs->ty->base->is_vla)
            return vla_ptr_diff(p, lhs, rhs, tok);
        if (counts_in_bytes(lhs->ty)) {
            Type *cp = pointer_to(p->c, TY(ty_char));
            lhs = new_cast(p, lhs, cp);
            rhs = new_cast(p, rhs, cp);
        } else if (!same_type(lhs->ty, rhs->ty)) {
            rhs = new_cast(p, rhs, lhs->ty);
        }
        return new_binary(p, ND_PTR_DIFF, lhs, rhs, TY(ty_long), tok);
    }
    return invalid_operands(p, ND_SUB, lhs, rhs, tok);
}

static Node *new_shift(Parser *p, NodeKind kind, Node *lhs, Node *rhs, Token *tok) {
    lhs = new_cast(p, lhs, int_promote(lhs->ty));
    rhs = new_cast(p, rhs, int_promote(rhs->ty));
    return wrapped(p, new_binary(p, kind, lhs, rhs, lhs->ty, tok));
}

/* Pointer comparisons: both operands get one pointer type. */
static Node *new_ptr_compare(Parser *p, NodeKind kind, Node *lhs, Node *rhs, Token *tok) {
    if (lhs->ty->kind != TY_PTR) {
        if (is_null_ptr_const(lhs))
            lhs = new_cast(p, lhs, rhs->ty);
        else if (is_integer(lhs->ty)) {
            warn_tok(p->c, tok, "comparison between pointer and integer");
            lhs = new_cast(p, lhs, rhs->ty);
        } else
            return invalid_operands(p, kind, lhs, rhs, tok);
    } else if (rhs->ty->kind != TY_PTR) {
        if (is_null_ptr_const(rhs))
            rhs = new_cast(p, rhs, lhs->ty);
        else if (is_integer(rhs->ty)) {
            warn_tok(p->c, tok, "comparison between pointer and integer");
            rhs = new_cast(p, rhs, lhs->ty);
        } else
            return invalid_operands(p, kind, lhs, rhs, tok);
    } else if (!same_type(lhs->ty, rhs->ty)) {
        Type *lb = lhs->ty->base, *rb = rhs->ty->base;
        bool is_void = lb->kind == TY_VOID || rb->kind == TY_VOID;
        if (!is_void && !type_compatible(unqual(lb), unqual(rb)))
            warn_tok(p->c, tok, "comparison of distinct pointer types lacks a cast");
        Type *common = is_void ? pointer_to(p->c, TY(ty_void)) : lhs->ty;
        lhs = new_cast(p, lhs, common);
        rhs = new_cast(p, rhs, common);
    }
    return new_binary(p, kind, lhs, rhs, TY(ty_int), tok);
}

static Node *new_compare(Parser *p, NodeKind kind, Node *lhs, Node *rhs, Token *tok) {
    if (is_arith(lhs->ty) && is_arith(rhs->ty)) {
        Type *ty = common_type(lhs->ty, rhs->ty);
        return new_binary(p, kind, new_cast(p, lhs, ty), new_cast(p, rhs, ty),
                          TY(ty_int), tok);
    }
    if ((lhs->ty->kind == TY_PTR && is_scalar(rhs->ty)) ||
        (rhs->ty->kind == TY_PTR && is_scalar(lhs->ty)))
        return new_ptr_compare(p, kind, lhs, rhs, tok);
    return invalid_operands(p, kind, lhs, rhs, tok);
}

/* Checks an operand that must be a scalar (a condition, an operand of
 * !, && and ||). */
static Node *scalar_operand(Parser *p, Node *node) {
    node = rval(p, node);
    if (is_scalar(node->ty))
        return node;
    if (node->ty->kind == TY_VOID)
        error_tok(p->c, node->tok, "void value not ignored as it ought to be");
    else if (node->ty->kind == TY_STRUCT)
        error_tok(p->c, node->tok, "used struct type value where scalar is required");
    else if (node->ty->kind == TY_UNION)
        error_tok(p->c, node->tok, "used union type value where scalar is required");
    else
        error_tok(p->c, node->tok, "used value of type '%s' where scalar is required",
                  tystr(p, node->ty));
    return error_node(p, node->tok);
}

/* Every binary operator but assignment and the comma. */
static Node *new_binop(Parser *p, NodeKind kind, Node *lhs, Node *rhs, Token *tok) {
    switch (kind) {
    case ND_ADD:
        return new_add(p, lhs, rhs, tok);
    case ND_SUB:
        return new_sub(p, lhs, rhs, tok);
    case ND_LOGAND:
    case ND_LOGOR:
        return new_binary(p, kind, scalar_operand(p, lhs), scalar_operand(p, rhs),
                          TY(ty_int), tok);
    default:
        break;
    }
    lhs = rval(p, lhs);
    rhs = rval(p, rhs);
    switch (kind) {
    case ND_MUL:
    case ND_DIV:
        if (is_arith(lhs->ty) && is_arith(rhs->ty))
            return new_arith(p, kind, lhs, rhs, tok);
        break;
    case ND_MOD:
    case ND_BITAND:
    case ND_BITOR:
    case ND_BITXOR:
        if (is_integer(lhs->ty) && is_integer(rhs->ty))
            return new_arith(p, kind, lhs, rhs, tok);
        break;
    case ND_SHL:
    case ND_SHR:
        if (is_integer(lhs->ty) && is_integer(rhs->ty))
            return new_shift(p, kind, lhs, rhs, tok);
        break;
    case ND_EQ: case ND_NE: case ND_LT: case ND_LE: case ND_GT: case ND_GE:
        return new_compare(p, kind, lhs, rhs, tok);
    default:
        break;
    }
    return invalid_operands(p, kind, lhs, rhs, tok);
}

static const char *var_name_of(Node *node) {
    if (node->kind == ND_VAR)
        return node->var->name;
    return NULL;
}

/* Checks that `node` may be assigned to; `what` is "assignment",
 * "increment" or "decrement". Reports and returns false otherwise. */
static bool check_modifiable(Parser *p, Node *node, Token *tok, const char *what) {
    if (!is_lvalue(node) || node->kind == ND_STR) {
        if (!strcmp(what, "assignment"))
            error_tok(p->c, tok, "lvalue required as left operand of assignment");
        else
            error_tok(p->c, tok, "lvalue required as %s operand", what);
        return false;
    }
    if (node->ty->kind == TY_ARRAY) {
        if (!strcmp(what, "assignment"))
            error_tok(p->c, tok, "assignment to expression with array type");
        else
            error_tok(p->c, tok, "lvalue required as %s operand", what);
        return false;
    }
    if (node->ty->is_const) {
        const char *name = var_name_of(node);
        if (name)
            error_tok(p->c, tok, "%s of read-only variable '%s'", what, name);
        else if (node->kind == ND_MEMBER && node->member->name)
            error_tok(p->c, tok, "%s of read-only member '%.*s'", what,
                      node->member->name->len, node->member->name->loc);
        else
            error_tok(p->c, tok, "%s of read-only location", what);
        return false;
    }
    if (node->ty->kind == TY_STRUCT || node->ty->kind == TY_UNION) {
        if (completed(node->ty)->size < 0) {
            error_tok(p->c, tok, "invalid use of undefined type '%s'", tystr(p, node->ty));
            return false;
        }
    }
    return true;
}

/* lhs = rhs, lhs already checked; rhs is converted. */
/* The value a bit-field holds after v (of its declared type) is stored:
 * cut to its width, sign-extended for a signed one. libgccjit stores
 * into a bit-field without narrowing, and gcc then assumes the value
 * fits, so the parser narrows (this is also the assignment's value). */
static Node *narrow_to_bitfield(Parser *p, Node *v, Member *m, Token *tok) {
    Type *ty = unqual(v->ty);
    int w = m->bit_width;
    if (ty->kind == TY_BOOL || w >= 64)
        return v;
    Node *bits = new_unary(p, ND_CAST, v, TY(ty_ulong), tok);
    if (ty->is_unsigned) {
        Node *mask = new_num(p, (int64_t)((1ULL << w) - 1), ty_ulong, tok);
        return new_cast(p, new_binary(p, ND_BITAND, bits, mask, TY(ty_ulong), tok), ty);
    }
    Node *sh = new_num(p, 64 - w, ty_int, tok);
    Node *up = new_binary(p, ND_SHL, bits, sh, TY(ty_ulong), tok);
    Node *down = new_binary(p, ND_SHR, new_unary(p, ND_CAST, up, TY(ty_long), tok),
                            new_num(p, 64 - w, ty_int, tok), TY(ty_long), tok);
    return new_cast(p, down, ty);
}

static Node *make_assign(Parser *p, Node *lhs, Node *rhs, Token *tok, ConvCtx *cx) {
    rhs = convert_assign(p, rhs, lhs->ty, cx);
    if (lhs->kind == ND_MEMBER && lhs->member->is_bitfield)
        rhs = narrow_to_bitfield(p, rhs, lhs->member, tok);
    return new_binary(p, ND_ASSIGN, lhs, rhs, unqual(lhs->ty), tok);
}

static Node *new_assign(Parser *p, Node *lhs, Node *rhs, Token *tok) {
    if (!check_modifiable(p, lhs, tok, "assignment"))
        return error_node(p, tok);
    ConvCtx cx = {CV_ASSIGN, tok, NULL, 0};
    return make_assign(p, lhs, rhs, tok, &cx);
}

static Node *new_comma(Parser *p, Node *lhs, Node *rhs, Token *tok) {
    return new_binary(p, ND_COMMA, lhs, rhs, rhs->ty, tok);
}

static Node *new_deref_of(Parser *p, Node *ptr, Token *tok) {
    return new_unary(p, ND_DEREF, ptr, ptr->ty->base, tok);
}

/* Makes `lhs` safe to evaluate twice: a variable is; anything else is
 * turned into *tmp with tmp = &lhs evaluated first (*setup). */
static Node *stable_lvalue(Parser *p, Node *lhs, Node **setup, Token *tok) {
    if (lhs->kind == ND_VAR) {
        *setup = NULL;
        return lhs;
    }
    if (lhs->kind == ND_MEMBER && lhs->member->is_bitfield) {
        /* a bit-field has no address: make its struct stable instead */
        Node *base = stable_lvalue(p, lhs->lhs, setup, tok);
        return member_node(p, base, lhs->member, tok);
    }
    Type *pty = pointer_to(p->c, lhs->ty);
    Obj *tmp = new_temp(p, pty, tok);
    Node *addr = lhs->kind == ND_DEREF ? new_cast(p, lhs->lhs, pty)
                                       : new_unary(p, ND_ADDR, lhs, pty, tok);
    *setup = new_binary(p, ND_ASSIGN, new_var_node(p, tmp, tok), addr, pty, tok);
    return new_deref_of(p, new_var_node(p, tmp, tok), tok);
}

/* lhs op= rhs  ==>  (tmp = &lhs, *tmp = *tmp op rhs) */
static Node *new_compound_assign(Parser *p, NodeKind op, Node *lhs, Node *rhs, Token *tok) {
    if (!check_modifiable(p, lhs, tok, "assignment"))
        return error_node(p, tok);
    Node *setup;
    Node *target = stable_lvalue(p, lhs, &setup, tok);
    Node *value = new_binop(p, op, target, rhs, tok);
    ConvCtx cx = {CV_ASSIGN, tok, NULL, 0};
    Node *node = make_assign(p, target, value, tok, &cx);
    return setup ? new_comma(p, setup, node, tok) : node;
}

/* ++x and --x are x += 1 and x -= 1. */
static Node *new_pre_incdec(Parser *p, Node *lhs, int delta, Token *tok) {
    const char *what = delta > 0 ? "increment" : "decrement";
    if (!check_modifiable(p, lhs, tok, what))
        return error_node(p, tok);
    if (!is_scalar(lhs->ty)) {
        error_tok(p->c, tok, "wrong type argument to %s", what);
        return error_node(p, tok);
    }
    return new_compound_assign(p, delta > 0 ? ND_ADD : ND_SUB, lhs,
                               new_num(p, 1, ty_int, tok), tok);
}

/* x++  ==>  (tmp = &x, old = *tmp, *tmp = old + 1, old) */
static Node *new_post_incdec(Parser *p, Node *lhs, int delta, Token *tok) {
    const char *what = delta > 0 ? "increment" : "decrement";
    if (!check_modifiable(p, lhs, tok, what))
        return error_node(p, tok);
    if (!is_scalar(lhs->ty)) {
        error_tok(p->c, tok, "wrong type argument to %s", what);
        return error_node(p, tok);
    }
    Node *setup;
    Node *target = stable_lvalue(p, lhs, &setup, tok);
    Obj *old = new_temp(p, lhs->ty, tok);
    Node *save = new_binary(p, ND_ASSIGN, new_var_node(p, old, tok), target,
                            old->ty, tok);
    Node *one = new_num(p, 1, ty_int, tok);
    Node *value = delta > 0 ? new_add(p, new_var_node(p, old, tok), one, tok)
                            : new_sub(p, new_var_node(p, old, tok), one, tok);
    ConvCtx cx = {CV_ASSIGN, tok, NULL, 0};
    Node *store = make_assign(p, target, value, tok, &cx);
    Node *node = new_comma(p, save, store, tok);
    node = new_comma(p, node, new_var_node(p, old, tok), tok);
    node = setup ? new_comma(p, setup, node, tok) : node;
    p->last_post = node;
    p->last_post_lhs = lhs;
    p->last_post_delta = delta;
    return node;
}

/* node is evaluated for its side effects only (an expression statement,
 * a for-increment, the left of a comma): an x++ there needs no copy of
 * the old value, so it becomes ++x. */
static Node *discarded(Parser *p, Node *node) {
    if (node == p->last_post && node) {
        p->last_post = NULL;
        return new_pre_incdec(p, p->last_post_lhs, p->last_post_delta, node->tok);
    }
    if (node->kind == ND_COMMA && node->rhs == p->last_post && node->rhs)
        node->rhs = discarded(p, node->rhs);
    return node;
}

/* ?: (C11 6.5.15): the type of the result from the types of both arms. */
static Node *new_cond(Parser *p, Node *cond, Node *then, Node *els, Token *tok) {
    Node *node = new_node(p, ND_COND, tok);
    node->cond = scalar_operand(p, cond);
    then = rval(p, then);
    els = rval(p, els);
    Type *a = then->ty, *b = els->ty, *ty = NULL;
    if (is_arith(a) && is_arith(b)) {
        ty = common_type(a, b);
    } else if (a->kind == TY_VOID && b->kind == TY_VOID) {
        ty = TY(ty_void);
    } else if ((a->kind == TY_STRUCT || a->kind == TY_UNION) && unqual(a) == unqual(b)) {
        ty = unqual(a);
    } else if (a->kind == TY_PTR && is_null_ptr_const(els)) {
        ty = a;
    } else if (b->kind == TY_PTR && is_null_ptr_const(then)) {
        ty = b;
    } else if (a->kind == TY_PTR && b->kind == TY_PTR) {
        Type *ab = a->base, *bb = b->base;
        bool c = ab->is_const || bb->is_const, v = ab->is_volatile || bb->is_volatile;
        if (ab->kind == TY_VOID || bb->kind == TY_VOID) {
            ty = pointer_to(p->c, qualified(p->c, TY(ty_void), c, v));
        } else if (type_compatible(unqual(ab), unqual(bb))) {
            ty = pointer_to(p->c, qualified(p->c, unqual(ab), c, v));
        } else {
            warn_tok(p->c, tok, "pointer type mismatch in conditional expression");
            ty = pointer_to(p->c, TY(ty_void));
        }
    } else if ((a->kind == TY_PTR && is_integer(b)) || (b->kind == TY_PTR && is_integer(a))) {
        warn_tok(p->c, tok, "pointer/integer type mismatch in conditional expression");
        ty = a->kind == TY_PTR ? a : b;
    } else {
        error_tok(p->c, tok, "type mismatch in conditional expression");
        return error_node(p, tok);
    }
    node->then = ty->kind == TY_VOID ? then : new_cast(p, then, ty);
    node->els = ty->kind == TY_VOID ? els : new_cast(p, els, ty);
    node->ty = unqual(ty);
    return node;
}

/* &x */
static Node *new_addr(Parser *p, Node *node, Token *tok) {
    if (node->kind == ND_DEREF)   /* &*p is p, not an lvalue (C11 6.5.3.2p3) */
        return node->ty->kind == TY_FUNC ? node->lhs : rval(p, node->lhs);
    if (node->kind == ND_VAR && node->ty->kind == TY_FUNC)
        return new_unary(p, ND_ADDR, node, pointer_to(p->c, node->ty), tok);
    if (!is_lvalue(node)) {
        error_tok(p->c, tok, "lvalue required as unary '&' operand");
        return error_node(p, tok);
    }
    if (node->kind == ND_MEMBER && node->member->is_bitfield) {
        error_tok(p->c, tok, "cannot take address of bit-field '%.*s'",
                  node->member->name->len, node->member->name->loc);
        return error_node(p, tok);
    }
    return new_unary(p, ND_ADDR, node, pointer_to(p->c, node->ty), tok);
}

/* *x */
static Node *new_deref(Parser *p, Node *node, Token *tok) {
    node = rval(p, node);
    if (node->ty->kind != TY_PTR) {
        error_tok(p->c, tok, "invalid type argument of unary '*' (have '%s')",
                  tystr(p, node->ty));
        return error_node(p, tok);
    }
    if (node->ty->base->kind == TY_VOID)
        warn_tok(p->c, tok, "dereferencing 'void *' pointer");
    return new_deref_of(p, node, tok);
}

/* a[i] is *(a + i), either way round. */
static Node *new_subscript(Parser *p, Node *a, Node *i, Token *tok) {
    a = rval(p, a);
    i = rval(p, i);
    if (a->ty->kind != TY_PTR && i->ty->kind == TY_PTR) {
        Node *t = a;
        a = i;
        i = t;
    }
    if (a->ty->kind != TY_PTR) {
        error_tok(p->c, tok, "subscripted value is neither array nor pointer nor vector");
        return error_node(p, tok);
    }
    if (!is_integer(i->ty)) {
        error_tok(p->c, tok, "array subscript is not an integer");
        return error_node(p, tok);
    }
    if (a->ty->base->kind == TY_VOID || a->ty->base->kind == TY_FUNC) {
        error_tok(p->c, tok, "subscripted value is pointer to %s",
                  a->ty->base->kind == TY_VOID ? "void" : "function");
        return error_node(p, tok);
    }
    return new_deref_of(p, new_ptr_offset(p, ND_PTR_ADD, a, i, tok), tok);
}

/* A qualified copy of a struct or union (const struct T) is made when it
 * is written; if T was still incomplete then, the copy catches up with the
 * completed T here. Every completeness check goes through this. */
static Type *completed(Type *ty) {
    Type *o = ty->origin;
    if ((ty->kind == TY_STRUCT || ty->kind == TY_UNION) && ty->size < 0 && o && o->size >= 0) {
        ty->size = o->size;
        ty->align = o->align;
        ty->members = o->members;
    }
    return ty;
}

/* Finds a member by name, looking into anonymous struct and union
 * members; *path gets the anonymous members to go through. */
static Member *find_member(Type *ty, const Token *name, Member **path, int *npath) {
    for (Member *m = ty->members; m; m = m->next) {
        if (m->name && name_is(m->name->loc, m->name->len, name))
            return m;
        if (!m->name && (m->ty->kind == TY_STRUCT || m->ty->kind == TY_UNION) &&
            *npath < 16) {
            int saved = *npath;
            path[(*npath)++] = m;
            Member *found = find_member(m->ty, name, path, npath);
            if (found)
                return found;
            *npath = saved;
        }
    }
    return NULL;
}

static Node *member_node(Parser *p, Node *lhs, Member *m, Token *tok) {
    Node *node = new_unary(p, ND_MEMBER, lhs, NULL, tok);
    node->member = m;
    node->ty = qualified(p->c, m->ty, lhs->ty->is_const, lhs->ty->is_volatile);
    return node;
}

/* x.name */
static Node *new_member(Parser *p, Node *lhs, Token *name, Token *tok) {
    Type *ty = completed(lhs->ty);
    if (ty->kind != TY_STRUCT && ty->kind != TY_UNION) {
        error_tok(p->c, name, "request for member '%.*s' in something not a structure or union",
                  name->len, name->loc);
        return error_node(p, tok);
    }
    if (ty->size < 0) {
        error_tok(p->c, tok, "invalid use of undefined type '%s'", tystr(p, ty));
        return error_node(p, tok);
    }
    Member *path[16];
    int npath = 0;
    Member *m = find_member(unqual(ty), name, path, &npath);
    if (!m) {
        error_tok(p->c, name, "'%s' has no member named '%.*s'", tystr(p, ty),
                  name->len, name->loc);
        return error_node(p, tok);
    }
    for (int i = 0; i < npath; i++)
        lhs = member_node(p, lhs, path[i], tok);
    return member_node(p, lhs, m, tok);
}

/* x->name */
static Node *new_arrow(Parser *p, Node *lhs, Token *name, Token *tok) {
    lhs = rval(p, lhs);
    if (lhs->ty->kind != TY_PTR) {
        error_tok(p->c, tok, "invalid type argument of '->' (have '%s')", tystr(p, lhs->ty));
        return error_node(p, tok);
    }
    return new_member(p, new_deref_of(p, lhs, tok), name, tok);
}

/* ------------------------------------------------------------------
 * Which tokens start a type name; typeof
 * ---------------------------------------------------------------- */

static const char *const type_keywords[] = {
    "void", "_Bool", "char", "short", "int", "long", "float", "double",
    "signed", "unsigned", "struct", "union", "enum", "typedef", "static",
    "extern", "inline", "const", "volatile", "restrict", "_Noreturn", "auto",
    "register", "_Alignas", "__attribute__", "__extension__", "__signed__",
    "__signed", "__restrict", "__restrict__", "__inline", "__inline__",
    "__const", "__const__", "__volatile", "__volatile__", "_Thread_local",
    "__thread", "__builtin_va_list", "typeof", "__typeof__", "__typeof",
};

static bool is_typeof_kw(const Token *tok) {
    return equal(tok, "typeof") || equal(tok, "__typeof__") || equal(tok, "__typeof");
}

/* typeof-specifier = ("typeof" | "__typeof__" | "__typeof")
 *                    "(" (type-name | expr) ")"
 * The type of the expression, which is not evaluated, with its
 * qualifiers (as gcc's typeof and C23's). */
static Type *typeof_specifier(Parser *p, Token **rest, Token *tok) {
    Token *start = tok;
    tok = skip(p, tok->next, "(");
    Type *ty;
    if (is_typename(p, tok)) {
        ty = type_name(p, &tok, tok);
    } else {
        Node *n = expr(p, &tok, tok);
        if (n->kind == ND_MEMBER && n->member->is_bitfield)
            error_tok(p->c, start, "'typeof' applied to a bit-field");
        ty = n->ty;
    }
    *rest = skip(p, tok, ")");
    if (ty->is_vla) {
        // gcc evaluates the operand then; memjit has no place for that here.
        error_tok(p->c, start, "'%.*s' of a variably modified type is not supported yet",
                  start->len, start->loc);
        return TY(ty_int);
    }
    return ty;
}

static bool is_typename(Parser *p, Token *tok) {
    /* Some GNU spellings (__thread, __signed) may reach us as identifiers. */
    bool maybe_keyword = tok->kind == TK_KEYWORD ||
                         (tok->kind == TK_IDENT && tok->len > 2 && tok->loc[0] == '_' &&
                          tok->loc[1] == '_');
    if (maybe_keyword) {
        for (size_t i = 0; i < sizeof(type_keywords) / sizeof(*type_keywords); i++)
            if (tok_equal(tok, type_keywords[i]))
                return true;
        if (tok->kind == TK_KEYWORD)
            return false;
    }
    if (tok->kind != TK_IDENT)
        return false;
    VarScope *v = find_var(p, tok);
    return v && v->type_def;
}

/* ------------------------------------------------------------------
 * GNU attributes
 *
 * memjit promises gcc's behaviour or a located error, so no attribute is
 * skipped unread. Each one gcc knows is in attribute_table: honoured
 * (aligned, packed: the parser applies them to the layout and alignment
 * of what they are written on), accepted because it only informs gcc's
 * warnings or optimisation, or refused with an error naming it. A name
 * not in the table is refused too. docs/language.md lists them.
 * ---------------------------------------------------------------- */

typedef enum {
    AT_ALIGNED,     /* honoured: the parser applies it */
    AT_PACKED,      /* honoured: the parser applies it */
    AT_MODE,        /* honoured: mode(QI) and the like pick a type by size */
    AT_NO_EFFECT,   /* accepted: only warnings or optimisation hints */
    AT_REFUSED,     /* changes what the program does; not built yet */
} AttrKind;

typedef struct AttrSpec {
    const char *name;   /* without the optional __ on each side */
    AttrKind kind;
} AttrSpec;

static const AttrSpec attribute_table[] = {
    {"access", AT_NO_EFFECT}, {"alias", AT_REFUSED}, {"aligned", AT_ALIGNED},
    {"alloc_align", AT_NO_EFFECT}, {"alloc_size", AT_NO_EFFECT},
    {"always_inline", AT_NO_EFFECT}, {"artificial", AT_NO_EFFECT},
    {"cdecl", AT_NO_EFFECT}, {"cleanup", AT_REFUSED}, {"cold", AT_NO_EFFECT},
    {"common", AT_NO_EFFECT}, {"const", AT_NO_EFFECT}, {"constructor", AT_REFUSED},
    {"copy", AT_REFUSED}, {"deprecated", AT_NO_EFFECT}, {"designated_init", AT_NO_EFFECT},
    {"destructor", AT_REFUSED}, {"error", AT_NO_EFFECT}, {"externally_visible", AT_NO_EFFECT},
    {"fallthrough", AT_NO_EFFECT}, {"fastcall", AT_NO_EFFECT}, {"flatten", AT_NO_EFFECT},
    {"format", AT_NO_EFFECT}, {"format_arg", AT_NO_EFFECT}, {"gnu_inline", AT_NO_EFFECT},
    {"hot", AT_NO_EFFECT}, {"ifunc", AT_REFUSED}, {"interrupt", AT_REFUSED},
    {"leaf", AT_NO_EFFECT}, {"malloc", AT_NO_EFFECT}, {"may_alias", AT_NO_EFFECT},
    {"maybe_unused", AT_NO_EFFECT}, {"mode", AT_MODE}, {"ms_abi", AT_REFUSED},
    {"naked", AT_REFUSED}, {"no_icf", AT_NO_EFFECT}, {"no_instrument_function", AT_NO_EFFECT},
    {"no_reorder", AT_NO_EFFECT}, {"no_sanitize", AT_NO_EFFECT},
    {"no_sanitize_address", AT_NO_EFFECT}, {"no_sanitize_thread", AT_NO_EFFECT},
    {"no_sanitize_undefined", AT_NO_EFFECT}, {"no_split_stack", AT_NO_EFFECT},
    {"no_stack_protector", AT_NO_EFFECT}, {"noclone", AT_NO_EFFECT}, {"nocommon", AT_NO_EFFECT},
    {"noinit", AT_REFUSED}, {"noinline", AT_NO_EFFECT}, {"noipa", AT_NO_EFFECT},
    {"nonnull", AT_NO_EFFECT}, {"nonstring", AT_NO_EFFECT}, {"noplt", AT_NO_EFFECT},
    {"noreturn", AT_NO_EFFECT}, {"nothrow", AT_NO_EFFECT}, {"optimize", AT_NO_EFFECT},
    {"packed", AT_PACKED}, {"persistent", AT_REFUSED}, {"pure", AT_NO_EFFECT},
    {"regparm", AT_NO_EFFECT}, {"retain", AT_NO_EFFECT}, {"returns_nonnull", AT_NO_EFFECT},
    {"returns_twice", AT_REFUSED}, {"scalar_storage_order", AT_REFUSED},
    {"section", AT_REFUSED}, {"sentinel", AT_NO_EFFECT}, {"stdcall", AT_NO_EFFECT},
    {"symver", AT_REFUSED}, {"sysv_abi", AT_NO_EFFECT}, {"target", AT_REFUSED},
    {"target_clones", AT_REFUSED}, {"tls_model", AT_NO_EFFECT},
    {"transparent_union", AT_REFUSED}, {"unavailable", AT_NO_EFFECT}, {"unused", AT_NO_EFFECT},
    {"used", AT_NO_EFFECT}, {"vector_size", AT_REFUSED}, {"visibility", AT_REFUSED},
    {"warn_if_not_aligned", AT_NO_EFFECT}, {"warn_unused_result", AT_NO_EFFECT},
    {"warning", AT_NO_EFFECT}, {"weak", AT_REFUSED}, {"weakref", AT_REFUSED},
};

/* What the attributes at one place asked for that the parser applies;
 * where it cannot, the caller refuses it (refuse_attrs). */
typedef struct Attrs {
    int aligned;          /* aligned(N): N; 0 when none */
    Token *aligned_tok;
    Token *packed_tok;    /* packed, or NULL */
    Token *asm_label;     /* __asm__("name") after a declarator, or NULL */
    Token *mode_tok;      /* mode(M), or NULL */
    int mode_size;        /* its size in bytes (0: a mode memjit cannot give) */
    bool mode_float;      /* SF, DF: a floating mode */
} Attrs;

/* A GNU attribute's or mode's name without the __ on each side that
 * gcc allows (__packed__ is packed). */
static const char *gnu_name(const Token *tok, int *len) {
    const char *s = tok->loc;
    int n = tok->len;
    if (n > 4 && !strncmp(s, "__", 2) && !strncmp(s + n - 2, "__", 2)) {
        s += 2;
        n -= 4;
    }
    *len = n;
    return s;
}

static const AttrSpec *find_attribute(const Token *name) {
    int n;
    const char *s = gnu_name(name, &n);
    for (size_t i = 0; i < sizeof attribute_table / sizeof *attribute_table; i++)
        if ((int)strlen(attribute_table[i].name) == n &&
            !strncmp(attribute_table[i].name, s, (size_t)n))
            return &attribute_table[i];
    return NULL;
}

/* The arguments of aligned: none (the biggest alignment, 16) or one
 * integer constant, a power of 2.
 * aligned-args = ("(" const-expr ")")? */
static int aligned_arg(Parser *p, Token **rest, Token *tok, Token *name) {
    if (!equal(tok, "(")) {
        *rest = tok;
        return 16;
    }
    Node *n = conditional(p, &tok, tok->next);
    int64_t v = 0;
    *rest = skip(p, tok, ")");
    if (!is_integer(n->ty) || !eval_int(n, &v)) {
        error_tok(p->c, name, "requested alignment is not an integer constant");
        return 0;
    }
    if (v <= 0 || (v & (v - 1))) {
        error_tok(p->c, name, "requested alignment %lld is not a positive power of 2",
                  (long long)v);
        return 0;
    }
    if (v > (1 << 28)) {
        error_tok(p->c, name, "requested alignment %lld exceeds maximum 268435456",
                  (long long)v);
        return 0;
    }
    return (int)v;
}

/* Skips a balanced "(" ... ")" if there is one. */
static Token *skip_balanced(Parser *p, Token *tok) {
    if (!equal(tok, "("))
        return tok;
    int level = 0;
    do {
        if (tok->kind == TK_EOF)
            syntax_error(p, tok, "expected ')' at end of input");
        if (equal(tok, "("))
            level++;
        else if (equal(tok, ")"))
            level--;
        tok = tok->next;
    } while (level > 0);
    return tok;
}

/* mode(M): the machine mode M, as gcc's x86-64 modes, with or without
 * the __ on each side.
 * mode-args = "(" ident ")" */
static void mode_arg(Parser *p, Token **rest, Token *tok, Token *name, Attrs *a) {
    static const struct { const char *name; int size; bool is_float; } modes[] = {
        {"QI", 1, false}, {"HI", 2, false}, {"SI", 4, false}, {"DI", 8, false},
        {"TI", 16, false}, {"byte", 1, false}, {"word", 8, false}, {"pointer", 8, false},
        {"SF", 4, true}, {"DF", 8, true}, {"XF", 16, true}, {"TF", 16, true},
    };
    tok = skip(p, tok, "(");
    if (tok->kind != TK_IDENT)
        syntax_error(p, tok, "expected identifier %s", before_tok(p, tok));
    int len;
    const char *m = gnu_name(tok, &len);
    a->mode_tok = name;
    a->mode_size = -1;
    for (size_t i = 0; i < sizeof modes / sizeof *modes; i++)
        if ((int)strlen(modes[i].name) == len && !strncmp(modes[i].name, m, (size_t)len)) {
            a->mode_size = modes[i].size;
            a->mode_float = modes[i].is_float;
        }
    if (a->mode_size < 0)
        error_tok(p->c, tok, "unknown machine mode '%.*s'", tok->len, tok->loc);
    *rest = skip(p, tok->next, ")");
}

/* The type mode(M) makes of ty: the integer type of M's size and ty's
 * signedness, or float or double for SF and DF; what memjit cannot give
 * (TI: __int128, XF, TF, a mode on a derived type) is refused. */
static Type *apply_mode(Parser *p, Type *ty, const Attrs *a) {
    if (!a->mode_tok || a->mode_size < 0)
        return ty;
    Type *base = unqual(ty);
    const Type *to = NULL;
    if (is_integer(base) && !a->mode_float && base->kind != TY_BOOL) {
        bool u = base->is_unsigned;
        switch (a->mode_size) {
        case 1: to = u ? ty_uchar : ty_schar; break;
        case 2: to = u ? ty_ushort : ty_short; break;
        case 4: to = u ? ty_uint : ty_int; break;
        case 8: to = u ? ty_ulong : ty_long; break;
        default: break;
        }
    } else if (is_flonum(base) && a->mode_float) {
        to = a->mode_size == 4 ? ty_float : a->mode_size == 8 ? ty_double : NULL;
    }
    if (!to) {
        error_tok(p->c, a->mode_tok, "the 'mode' attribute is not supported yet for this "
                  "mode and type");
        return ty;
    }
    return qualified(p->c, TY(to), ty->is_const, ty->is_volatile);
}

/* visibility("default") is what every symbol of a module has already. */
static bool is_default_visibility(const Token *args) {
    return equal(args, "(") && args->next->kind == TK_STR &&
           args->next->ty->array_len == 8 && !strcmp(args->next->str, "default") &&
           equal(args->next->next, ")");
}

/* attribute = name ("(" arguments ")")?   (or nothing, between commas) */
static Token *attribute(Parser *p, Token *tok, Attrs *a) {
    if (equal(tok, ",") || equal(tok, ")"))
        return tok;
    if (tok->kind != TK_IDENT && tok->kind != TK_KEYWORD)
        syntax_error(p, tok, "expected identifier %s", before_tok(p, tok));
    Token *name = tok;
    const AttrSpec *spec = find_attribute(name);
    tok = tok->next;
    if (!spec) {
        error_tok(p->c, name, "unknown attribute '%.*s'", name->len, name->loc);
        return skip_balanced(p, tok);
    }
    switch (spec->kind) {
    case AT_ALIGNED: {
        int v = aligned_arg(p, &tok, tok, name);
        if (v > a->aligned) {
            a->aligned = v;
            a->aligned_tok = name;
        }
        return tok;
    }
    case AT_PACKED:
        a->packed_tok = name;
        return skip_balanced(p, tok);
    case AT_MODE:
        mode_arg(p, &tok, tok, name, a);
        return tok;
    case AT_NO_EFFECT:
        return skip_balanced(p, tok);
    case AT_REFUSED:
        if (!strcmp(spec->name, "visibility") && is_default_visibility(tok))
            return skip_balanced(p, tok);
        error_tok(p->c, name, "the '%s' attribute is not supported yet", spec->name);
        return skip_balanced(p, tok);
    }
    return tok;
}

/* attributes = ("__attribute__" "(" "(" attribute ("," attribute)* ")" ")"
 *              | asm-label)*
 * asm-label  = ("__asm__" | "__asm" | "asm") "(" string ")", only where
 * a declarator ends (a). Whatever a asks for is added to *a. */
static Token *attributes(Parser *p, Token *tok, Attrs *a) {
    for (;;) {
        if (equal(tok, "__attribute__")) {
            tok = skip(p, tok->next, "(");
            tok = skip(p, tok, "(");
            tok = attribute(p, tok, a);
            while (consume(&tok, tok, ","))
                tok = attribute(p, tok, a);
            tok = skip(p, tok, ")");
            tok = skip(p, tok, ")");
            continue;
        }
        if (equal(tok, "__asm__") || equal(tok, "__asm") || equal(tok, "asm")) {
            Token *at = tok;
            tok = skip(p, tok->next, "(");
            if (tok->kind != TK_STR)
                syntax_error(p, tok, "expected string literal %s", before_tok(p, tok));
            a->asm_label = at;
            tok = skip(p, tok->next, ")");
            continue;
        }
        return tok;
    }
}

static const Attrs no_attrs;   /* the attributes of no declspec */

/* Refuses, where they cannot be honoured, the attributes that would
 * change the program. */
static void refuse_attrs(Parser *p, const Attrs *a, const char *where) {
    if (a->aligned_tok)
        error_tok(p->c, a->aligned_tok, "the 'aligned' attribute on %s is not supported yet",
                  where);
    if (a->packed_tok)   // as gcc: packed means something only for structs and members
        warn_tok(p->c, a->packed_tok, "'packed' attribute ignored");
    if (a->asm_label)
        error_tok(p->c, a->asm_label, "an asm label (a symbol renamed with asm(\"name\")) "
                  "is not supported yet");
}

/* Attributes at a place where none of the honoured ones can apply. */
static Token *skip_attributes_at(Parser *p, Token *tok, const char *where) {
    Attrs a = {0};
    tok = attributes(p, tok, &a);
    refuse_attrs(p, &a, where);
    return tok;
}

/* ------------------------------------------------------------------
 * Declaration specifiers
 * ---------------------------------------------------------------- */

static bool is_qualifier_noise(const Token *tok) {
    return equal(tok, "restrict") || equal(tok, "__restrict") ||
           equal(tok, "__restrict__") || equal(tok, "__extension__");
}

static bool is_const_kw(const Token *tok) {
    return equal(tok, "const") || equal(tok, "__const") || equal(tok, "__const__");
}

static bool is_volatile_kw(const Token *tok) {
    return equal(tok, "volatile") || equal(tok, "__volatile") || equal(tok, "__volatile__");
}

/* Storage classes and function specifiers; true if tok was one. */
static bool storage_class(Parser *p, Token *tok, VarAttr *attr) {
    bool is_typedef = equal(tok, "typedef"), is_static = equal(tok, "static");
    bool is_extern = equal(tok, "extern");
    bool is_inline = equal(tok, "inline") || equal(tok, "__inline") ||
                     equal(tok, "__inline__") || equal(tok, "_Noreturn");
    bool is_tls = equal(tok, "_Thread_local") || equal(tok, "__thread");
    bool other = equal(tok, "auto") || equal(tok, "register") || is_tls;
    if (!is_typedef && !is_static && !is_extern && !is_inline && !other)
        return false;
    if (!attr) {
        if (!is_inline)
            error_tok(p->c, tok, "storage class specified for a type name or parameter");
        return true;
    }
    attr->is_typedef |= is_typedef;
    attr->is_static |= is_static;
    attr->is_extern |= is_extern;
    attr->is_inline |= is_inline;
    attr->is_tls |= is_tls;
    if (attr->is_typedef + attr->is_static + attr->is_extern > 1)
        error_tok(p->c, tok, "multiple storage classes in declaration specifiers");
    return true;
}

static Type *struct_union_decl(Parser *p, Token **rest, Token *tok, TypeKind kind);
static Type *enum_specifier(Parser *p, Token **rest, Token *tok);
static Type *va_list_type(Parser *p, Token *at);
/* How a struct's members are packed: what the packed attribute (on the
 * struct; a member's own is Member.is_packed), #pragma pack(N) and the
 * aligned attribute on the struct ask for. */
typedef struct Packing {
    int pack;        /* #pragma pack(N) in force: N, else 0 */
    int aligned;     /* aligned(N) on the struct, else 0 */
} Packing;

static void layout_record(Type *ty, Member *all, const Packing *pk);
static Token *static_assertion(Parser *p, Token *tok);

enum {
    K_VOID = 1 << 0, K_BOOL = 1 << 2, K_CHAR = 1 << 4, K_SHORT = 1 << 6,
    K_INT = 1 << 8, K_LONG = 1 << 10, K_FLOAT = 1 << 12, K_DOUBLE = 1 << 14,
    K_OTHER = 1 << 16, K_SIGNED = 1 << 17, K_UNSIGNED = 1 << 18,
};

/* The type a combination of basic type keywords spells, or NULL. */
static const Type *basic_type(int counter) {
    switch (counter) {
    case K_VOID: return ty_void;
    case K_BOOL: return ty_bool;
    case K_CHAR: return ty_char;
    case K_SIGNED + K_CHAR: return ty_schar;
    case K_UNSIGNED + K_CHAR: return ty_uchar;
    case K_SHORT: case K_SHORT + K_INT: case K_SIGNED + K_SHORT:
    case K_SIGNED + K_SHORT + K_INT:
        return ty_short;
    case K_UNSIGNED + K_SHORT: case K_UNSIGNED + K_SHORT + K_INT:
        return ty_ushort;
    case 0: case K_INT: case K_SIGNED: case K_SIGNED + K_INT:
        return ty_int;
    case K_UNSIGNED: case K_UNSIGNED + K_INT:
        return ty_uint;
    case K_LONG: case K_LONG + K_INT: case K_SIGNED + K_LONG:
    case K_SIGNED + K_LONG + K_INT:
        return ty_long;
    case K_UNSIGNED + K_LONG: case K_UNSIGNED + K_LONG + K_INT:
        return ty_ulong;
    case K_LONG + K_LONG: case K_LONG + K_LONG + K_INT:
    case K_SIGNED + K_LONG + K_LONG: case K_SIGNED + K_LONG + K_LONG + K_INT:
        return ty_llong;
    case K_UNSIGNED + K_LONG + K_LONG: case K_UNSIGNED + K_LONG + K_LONG + K_INT:
        return ty_ullong;
    case K_FLOAT: return ty_float;
    case K_DOUBLE: return ty_double;
    case K_LONG + K_DOUBLE: return ty_ldouble;
    default: return NULL;
    }
}

static int basic_keyword(const Token *tok) {
    static const struct { const char *kw; int bit; } kws[] = {
        {"void", K_VOID}, {"_Bool", K_BOOL}, {"char", K_CHAR},
        {"short", K_SHORT}, {"int", K_INT}, {"long", K_LONG},
        {"float", K_FLOAT}, {"double", K_DOUBLE}, {"signed", K_SIGNED},
        {"__signed__", K_SIGNED}, {"__signed", K_SIGNED},
        {"unsigned", K_UNSIGNED},
    };
    for (size_t i = 0; i < sizeof(kws) / sizeof(*kws); i++)
        if (equal(tok, kws[i].kw))
            return kws[i].bit;
    return 0;
}

/* declspec = ("void" | "_Bool" | "char" | "short" | "int" | "long"
 *             | "float" | "double" | "signed" | "unsigned"
 *             | struct-union-decl | enum-specifier | typedef-name
 *             | "typedef" | "static" | "extern" | "inline" | "auto"
 *             | "register" | "const" | "volatile" | "restrict"
 *             | "_Alignas" "(" ... ")" | attribute)+
 */
static Type *declspec(Parser *p, Token **rest, Token *tok, VarAttr *attr) {
    const Type *ty = ty_int;
    Type *other = NULL;
    int counter = 0;
    bool is_const = false, is_volatile = false;
    Token *start = tok;
    int align = 0;
    Attrs *attrs = arena_alloc(&p->c->arena, sizeof(Attrs));

    while (is_typename(p, tok)) {
        if (storage_class(p, tok, attr)) {
            tok = tok->next;
            continue;
        }
        if (is_const_kw(tok) || is_volatile_kw(tok) || is_qualifier_noise(tok)) {
            is_const |= is_const_kw(tok);
            is_volatile |= is_volatile_kw(tok);
            tok = tok->next;
            continue;
        }
        if (equal(tok, "__attribute__")) {
            tok = attributes(p, tok, attrs);
            continue;
        }
        if (equal(tok, "_Alignas")) {
            Token *at = tok;
            tok = skip(p, tok->next, "(");
            int64_t a = 0;
            if (is_typename(p, tok)) {
                a = type_name(p, &tok, tok)->align;
            } else {
                Node *n = conditional(p, &tok, tok);
                if (!is_integer(n->ty) || !eval_int(n, &a) || a < 0 || (a & (a - 1)) || a > 4096) {
                    error_tok(p->c, at, "requested alignment is not a positive power of 2");
                    a = 0;
                }
            }
            if (a > align)
                align = (int)a;
            tok = skip(p, tok, ")");
            continue;
        }
        bool is_struct = equal(tok, "struct"), is_union = equal(tok, "union");
        bool is_enum = equal(tok, "enum"), is_typeof = is_typeof_kw(tok);
        // GNU spellings such as __signed are identifiers to the lexer.
        bool is_name = tok->kind == TK_IDENT && !basic_keyword(tok);
        if (is_struct || is_union || is_enum || is_typeof || is_name) {
            if (counter)
                break;
            if (is_struct)
                other = struct_union_decl(p, &tok, tok->next, TY_STRUCT);
            else if (is_union)
                other = struct_union_decl(p, &tok, tok->next, TY_UNION);
            else if (is_enum)
                other = enum_specifier(p, &tok, tok->next);
            else if (is_typeof)
                other = typeof_specifier(p, &tok, tok);
            else if (equal(tok, "__builtin_va_list")) {
                other = va_list_type(p, tok);
                tok = tok->next;
            } else {
                VarScope *v = find_var(p, tok);
                if (!v || !v->type_def)   // is_typename said yes: cannot happen
                    syntax_error(p, tok, "unknown type name '%.*s'", tok->len, tok->loc);
                other = v->type_def;
                tok = tok->next;
            }
            counter += K_OTHER;
            continue;
        }
        int bit = basic_keyword(tok);
        if (!bit || (counter & K_OTHER)) {
            error_tok(p->c, tok, "two or more data types in declaration specifiers");
            tok = tok->next;
            continue;
        }
        counter += bit;
        ty = basic_type(counter);
        if (!ty) {
            error_tok(p->c, tok, "two or more data types in declaration specifiers");
            counter -= bit;
            ty = basic_type(counter);
        }
        tok = tok->next;
    }
    *rest = tok;
    if (tok == start && !attr)
        syntax_error(p, tok, "expected specifier-qualifier-list %s", before_tok(p, tok));
    Type *result = (counter & K_OTHER) ? other : TY(ty);
    p->decl_align = align;
    p->spec_attrs = attrs;
    result = apply_mode(p, result, attrs);
    if (counter == 0 && tok != start)
        old_c(p, start, "type defaults to 'int' in declaration");
    return qualified(p->c, result, is_const, is_volatile);
}

/* A token spelling `name` at the place of `at`, for a member memjit
 * declares itself. */
static Token *synth_ident(Parser *p, Token *at, const char *name) {
    Token *t = tok_copy(p->c, at);
    t->kind = TK_IDENT;
    t->loc = name;
    t->len = (int)strlen(name);
    t->next = NULL;
    return t;
}

/* __builtin_va_list as the x86-64 System V ABI defines it:
 *   typedef struct __va_list_tag { unsigned gp_offset, fp_offset;
 *       void *overflow_arg_area, *reg_save_area; } __builtin_va_list[1];
 * so that a va_list can be handed to libc's vprintf family. One type per
 * compile, so that every va_list is the same type. */
static Type *va_list_type(Parser *p, Token *at) {
    if (p->va_list_ty)
        return p->va_list_ty;
    static const char *const names[] = {"gp_offset", "fp_offset", "overflow_arg_area",
                                        "reg_save_area"};
    Type *tag = arena_alloc(&p->c->arena, sizeof(Type));
    tag->kind = TY_STRUCT;
    tag->tag = synth_ident(p, at, "__va_list_tag");
    tag->tok = at;
    Member head = {0}, *cur = &head;
    for (int i = 0; i < 4; i++) {
        Member *m = arena_alloc(&p->c->arena, sizeof(Member));
        m->ty = i < 2 ? TY(ty_uint) : pointer_to(p->c, TY(ty_void));
        m->name = synth_ident(p, at, names[i]);
        m->index = i;
        cur = cur->next = m;
    }
    tag->members = head.next;
    layout_record(tag, tag->members, &(Packing){0});
    p->va_list_ty = array_of(p->c, tag, 1);
    return p->va_list_ty;
}

/* ------------------------------------------------------------------
 * Variable-length arrays
 *
 * A VLA type carries the expression of its length and a local that holds
 * its size in bytes; the statements that compute the sizes run where the
 * declaration (or type name) is reached, each VLA type's once. An object
 * of VLA type is a hidden pointer to storage from __builtin_alloca, and
 * its name stands for *pointer. Every use is rewritten with the run-time
 * size (decay, pointer arithmetic, sizeof), so lower.c never meets one.
 * The storage lives until the function returns, as alloca's does: a loop
 * that declares a VLA on each of millions of iterations grows the stack.
 * ---------------------------------------------------------------- */

/* Inside a parameter list, where sizes may name earlier parameters. */
static bool in_param_list(Parser *p) {
    for (Scope *sc = p->scope; sc; sc = sc->next)
        if (sc->is_params)
            return true;
    return false;
}

static bool is_variably_modified(Type *ty) {
    for (; ty && (ty->kind == TY_PTR || ty->kind == TY_ARRAY); ty = ty->base)
        if (ty->is_vla)
            return true;
    return false;
}

/* An array of len (NULL for [*]) elements of base, sized at run time. */
static Type *vla_of(Parser *p, Type *base, Node *len, Token *at) {
    if (!p->fn && !in_param_list(p)) {
        error_tok(p->c, at, "variably modified type at file scope");
        return array_of(p->c, base, 1);
    }
    Type *t = array_of(p->c, base, -1);
    t->tok = at;
    t->is_vla = true;
    if (len) {
        t->vla_len = new_cast(p, len, TY(ty_ulong));
        char *name = arena_printf(&p->c->arena, "__mj_vla_size_%d", p->counter++);
        t->vla_size = unlinked_local(p, name, TY(ty_ulong), at);
    }
    return t;
}

/* sizeof ty as an unsigned long node: a constant, or a VLA's run-time size. */
static Node *size_of_type(Parser *p, Type *ty, Token *tok) {
    if (!ty->is_vla)
        return new_num(p, ty->size, ty_ulong, tok);
    if (!ty->vla_size || !ty->vla_size->is_definition) {
        /* e.g. int (*f(int n))[n] used by a caller: the size belongs to
         * another function's parameters */
        error_tok(p->c, tok, "variable-length array whose size is not computed here is "
                  "not supported yet");
        ty->is_vla = false;
        return new_num(p, 0, ty_ulong, tok);
    }
    return new_var_node(p, ty->vla_size, tok);
}

/* The statements computing the sizes of the VLA types in ty not yet
 * computed, innermost first (C11 6.7.6.2p5: the size is evaluated each
 * time the declaration is reached). A size local's is_definition says
 * that its computation has been emitted. */
static Node *vla_sizes(Parser *p, Type *ty, Token *tok) {
    if (!ty || (ty->kind != TY_PTR && ty->kind != TY_ARRAY))
        return NULL;
    Node *inner = vla_sizes(p, ty->base, tok);
    if (ty->is_vla && !ty->vla_len && p->fn) {
        error_tok(p->c, ty->tok, "'[*]' not allowed in other than function prototype scope");
        ty->is_vla = false;   /* reported once; an int[] from now on */
        return inner;
    }
    if (!ty->is_vla || !ty->vla_size || ty->vla_size->is_definition || !p->fn)
        return inner;
    Obj *size = ty->vla_size;
    size->is_definition = true;
    link_local(p, size);
    Node *bytes = new_binary(p, ND_MUL, ty->vla_len, size_of_type(p, ty->base, tok),
                             TY(ty_ulong), tok);
    Node *st = new_node(p, ND_EXPR_STMT, tok);
    st->lhs = new_assign(p, new_var_node(p, size, tok), bytes, tok);
    Node **end = &inner;
    while (*end)
        end = &(*end)->next;
    *end = st;
    return inner;
}

/* expr, after setup (the size computations of a type name's VLA types):
 * sizeof(int[n]) and (int (*)[n])p. */
static Node *with_vla_sizes(Parser *p, Node *setup, Node *expr) {
    if (!setup)
        return expr;
    Node *e = NULL;
    for (Node *st = setup; st; st = st->next)
        e = e ? new_comma(p, e, st->lhs, expr->tok) : st->lhs;
    return new_comma(p, e, expr, expr->tok);
}

/* p + n and p - n where p points to a VLA: in bytes, n times its size. */
static Node *vla_ptr_offset(Parser *p, NodeKind kind, Node *ptr, Node *n, Token *tok) {
    Type *pty = unqual(ptr->ty);
    Node *bytes = new_cast(p, ptr, pointer_to(p->c, TY(ty_char)));
    Node *size = new_cast(p, size_of_type(p, pty->base, tok), TY(ty_long));
    Node *scaled = new_binary(p, ND_MUL, new_cast(p, n, TY(ty_long)), size, TY(ty_long), tok);
    return new_cast(p, new_binary(p, kind, bytes, scaled, bytes->ty, tok), pty);
}

/* a - b, both pointing to VLAs: the distance in bytes over the size. */
static Node *vla_ptr_diff(Parser *p, Node *lhs, Node *rhs, Token *tok) {
    Type *cp = pointer_to(p->c, TY(ty_char));
    Node *diff = new_binary(p, ND_PTR_DIFF, new_cast(p, lhs, cp), new_cast(p, rhs, cp),
                            TY(ty_long), tok);
    Node *size = new_cast(p, size_of_type(p, lhs->ty->base, tok), TY(ty_long));
    return new_binary(p, ND_DIV, diff, size, TY(ty_long), tok);
}

/* __builtin_alloca(size) as a pointer of type ty. */
static Node *vla_alloca(Parser *p, Node *size, Type *ty, Token *tok) {
    if (!p->alloca_fn) {
        Type *fty = func_type(p->c, pointer_to(p->c, TY(ty_void)));
        fty->is_prototyped = true;
        fty->params = copy_type(p->c, TY(ty_ulong));
        Obj *fn = new_global(p, "__builtin_alloca", fty, tok);
        fn->is_function = true;
        fn->is_builtin = true;
        fn->is_extern = true;
        p->alloca_fn = fn;
    }
    Node *call = new_node(p, ND_FUNCALL, tok);
    call->lhs = new_var_node(p, p->alloca_fn, tok);
    call->args = size;
    call->func_ty = p->alloca_fn->ty;
    call->ty = call->func_ty->return_ty;
    return new_cast(p, call, ty);
}

static VlaDecl *enter_vla_scope(Parser *p, Token *name) {
    VlaDecl *d = arena_alloc(&p->c->arena, sizeof(VlaDecl));
    d->up = p->scope->vla;
    d->name = name;
    p->scope->vla = d;
    return d;
}

/* Records where a label or goto is, for check_vla_jump. */
static void note_jump(Parser *p, Node *node) {
    JumpFrom *j = arena_alloc(&p->c->arena, sizeof(JumpFrom));
    j->node = node;
    j->vla = p->scope->vla;
    j->next = p->jumps;
    p->jumps = j;
}

static VlaDecl *vla_at(Parser *p, Node *node) {
    for (JumpFrom *j = p->jumps; j; j = j->next)
        if (j->node == node)
            return j->vla;
    return NULL;
}

/* The innermost declaration in scope at `to` that is not at `from`, or
 * NULL: a jump may leave the scope of a VLA but not enter one (C11
 * 6.8.6.1p1), since its size and storage are set by the declaration. */
static VlaDecl *vla_entered(VlaDecl *from, VlaDecl *to) {
    VlaDecl *entered = NULL;
    for (; to; to = to->up) {
        for (VlaDecl *d = from; d; d = d->up)
            if (d == to)
                return entered;
        entered = to;
    }
    return entered;
}

static void check_vla_jump(Parser *p, Node *g) {
    VlaDecl *d = vla_entered(vla_at(p, g), vla_at(p, g->target));
    if (!d)
        return;
    error_tok(p->c, g->tok, d->is_stmt_expr ? "jump into statement expression"
                                            : "jump into scope of identifier with variably "
                                              "modified type");
    note_tok(p->c, g->target->tok, "label '%s' defined here", g->label);
    if (!d->is_stmt_expr)
        note_tok(p->c, d->name, "'%.*s' declared here", d->name->len, d->name->loc);
}

/* ------------------------------------------------------------------
 * Declarators
 * ---------------------------------------------------------------- */

static Type *type_suffix(Parser *p, Token **rest, Token *tok, Type *ty);

/* pointers = ("*" ("const" | "volatile" | "restrict" | attribute)*)* */
static Type *pointers(Parser *p, Token **rest, Token *tok, Type *ty) {
    while (equal(tok, "*")) {
        tok = tok->next;
        ty = pointer_to(p->c, ty);
        bool is_const = false, is_volatile = false;
        for (;;) {
            if (is_const_kw(tok))
                is_const = true;
            else if (is_volatile_kw(tok))
                is_volatile = true;
            else if (equal(tok, "__attribute__")) {
                tok = skip_attributes_at(p, tok, "a pointer");
                continue;
            } else if (!is_qualifier_noise(tok))
                break;
            tok = tok->next;
        }
        ty = qualified(p->c, ty, is_const, is_volatile);
    }
    *rest = tok;
    return ty;
}

/* Parameters of array and function type are pointers (C11 6.7.6.3p7-8). */
static Type *adjust_param(Parser *p, Type *ty) {
    if (ty->kind == TY_ARRAY)
        return pointer_to(p->c, ty->base);
    if (ty->kind == TY_FUNC)
        return pointer_to(p->c, ty);
    return ty;
}

/* identifier-list = ident ("," ident)* ")"   (a K&R declarator's) */
static Type *identifier_list(Parser *p, Token **rest, Token *tok) {
    Type head = {0};
    Type *cur = &head;
    for (;;) {
        if (tok->kind != TK_IDENT || is_typename(p, tok))
            syntax_error(p, tok, "expected identifier %s", before_tok(p, tok));
        for (Type *t = head.next; t; t = t->next)
            if (t->name->len == tok->len && !memcmp(t->name->loc, tok->loc, tok->len))
                error_tok(p->c, tok, "redefinition of parameter '%.*s'", tok->len, tok->loc);
        cur = cur->next = copy_type(p->c, TY(ty_int));
        cur->name = cur->tok = tok;
        tok = tok->next;
        if (equal(tok, ")"))
            break;
        tok = skip(p, tok, ",");
    }
    *rest = tok->next;
    return head.next;
}

/* func-params = ("void" | param ("," param)* ("," "...")?)? ")"
 *             | identifier-list
 * param       = declspec declarator */
static Type *func_params(Parser *p, Token **rest, Token *tok, Type *ret, Token *at) {
    if (ret->kind == TY_FUNC)
        error_tok(p->c, at, "function returning a function");
    else if (ret->kind == TY_ARRAY)
        error_tok(p->c, at, "function returning an array");
    Type *fn = func_type(p->c, ret);
    fn->tok = at;
    if (equal(tok, "void") && equal(tok->next, ")")) {
        fn->is_prototyped = true;
        *rest = tok->next->next;
        return fn;
    }
    if (equal(tok, ")")) {
        *rest = tok->next;
        return fn;
    }
    fn->is_prototyped = true;
    Type head = {0};
    Type *cur = &head;
    /* The names declared so far are in scope for the array sizes of the
     * parameters after them: f(int n, int m[n][n]) (C11 6.2.1p4). */
    enter_scope(p);
    p->scope->is_params = true;
    while (!equal(tok, ")")) {
        if (cur != &head)
            tok = skip(p, tok, ",");
        if (equal(tok, "...")) {
            fn->is_variadic = true;
            tok = tok->next;
            break;
        }
        // int f(a, b) int a, b; { ... }: an identifier list (C11 6.9.1p6).
        if (cur == &head && tok->kind == TK_IDENT && !is_typename(p, tok) &&
            (equal(tok->next, ",") || equal(tok->next, ")"))) {
            leave_scope(p);
            fn->is_prototyped = false;
            fn->kr_params = identifier_list(p, rest, tok);
            return fn;
        }
        if (!is_typename(p, tok))
            syntax_error(p, tok, "expected declaration specifiers or '...' %s",
                         before_tok(p, tok));
        Token *start = tok;
        Type *ty = declspec(p, &tok, tok, NULL);
        const Attrs *spec_attrs = p->spec_attrs;
        Token *name = NULL;
        Type *declared = declarator(p, &tok, tok, ty, &name);
        ty = adjust_param(p, declared);
        refuse_attrs(p, spec_attrs, "a parameter");
        refuse_attrs(p, p->decl_attrs, "a parameter");
        if (ty->kind == TY_VOID)
            error_tok(p->c, start, "'void' must be the only parameter");
        Type *param = copy_type(p->c, ty);
        param->name = name;
        param->tok = start;
        param->param_vla = declared->kind == TY_ARRAY && declared->is_vla ? declared : NULL;
        if (name) {
            param->param_var = unlinked_local(p, tok_name(p, name), ty, name);
            push_var(p, p->scope, name)->var = param->param_var;
        }
        cur = cur->next = param;
    }
    leave_scope(p);
    *rest = skip(p, tok, ")");
    fn->params = head.next;
    return fn;
}

/* array-dimensions = ("static" | "restrict" | "const" | "volatile")*
 *                    const-expr? "]" type-suffix */
static Type *array_dimensions(Parser *p, Token **rest, Token *tok, Type *ty) {
    while (equal(tok, "static") || is_const_kw(tok) || is_volatile_kw(tok) ||
           is_qualifier_noise(tok))
        tok = tok->next;
    Token *at = tok;
    int64_t len = -1;
    Node *vla_len = NULL;
    bool is_vla = false;
    if (equal(tok, "*") && equal(tok->next, "]")) {
        is_vla = true;   /* [*]: a VLA of unspecified size, in prototypes */
        tok = tok->next;
    } else if (!equal(tok, "]")) {
        Node *n = rval(p, conditional(p, &tok, tok));
        if (!is_integer(n->ty)) {
            error_tok(p->c, at, "size of array has non-integer type");
            len = 1;
        } else if (!eval_int(n, &len)) {
            vla_len = n;
            is_vla = true;
        } else if (len < 0 && !n->ty->is_unsigned) {
            error_tok(p->c, at, "size of array is negative");
            len = 1;
        }
    }
    tok = skip(p, tok, "]");
    ty = type_suffix(p, rest, tok, ty);
    if (ty->kind == TY_FUNC) {
        error_tok(p->c, at, "declaration of array of functions");
        ty = pointer_to(p->c, ty);
    } else if (ty->is_vla) {
        /* an array of VLAs has a run-time size whatever its length */
        if (!is_vla && len >= 0)
            vla_len = new_num(p, len, ty_ulong, at);
        return vla_of(p, ty, vla_len, at);
    } else if (completed(ty)->size < 0) {
        error_tok(p->c, at, "array type has incomplete element type '%s'", tystr(p, ty));
        ty = TY(ty_int);
    } else if (ty->size > 0 && ty->size % ty->align) {   // an aligned(N) typedef
        error_tok(p->c, at, "alignment of array elements is greater than element size");
        ty = unqual(ty);
    }
    if (len >= 0 && ty->size > 0 && (uint64_t)len > (uint64_t)INT32_MAX / (uint64_t)ty->size) {
        error_tok(p->c, at, "size of array is too large");
        len = 1;
    }
    if (is_vla)
        return vla_of(p, ty, vla_len, at);
    return array_of(p->c, ty, (int)len);
}

/* type-suffix = "(" func-params | "[" array-dimensions | ε */
static Type *type_suffix(Parser *p, Token **rest, Token *tok, Type *ty) {
    if (equal(tok, "("))
        return func_params(p, rest, tok->next, ty, tok);
    if (equal(tok, "["))
        return array_dimensions(p, rest, tok->next, ty);
    *rest = tok;
    return ty;
}

/* In "T (" a parenthesis opens a nested declarator unless it opens a
 * parameter list: "int (*fp)(int)" versus "int (int)". */
static bool is_nested_declarator(Parser *p, Token *tok) {
    Token *t = tok->next;
    if (equal(t, "*") || equal(t, "(") || equal(t, "[") || equal(t, "__attribute__"))
        return true;
    return t->kind == TK_IDENT && !is_typename(p, t);
}

/* declarator = pointers ("(" declarator ")" | ident)? type-suffix
 * The name, when there is one, is stored in *name. The parenthesised
 * inner declarator applies to the type the suffix after it makes, so it
 * is parsed twice: once to find its end, then with the right type. */
static Type *declarator(Parser *p, Token **rest, Token *tok, Type *ty, Token **name) {
    enter(p, tok, "declarator nesting too deep");
    Attrs *a = arena_alloc(&p->c->arena, sizeof(Attrs));
    ty = pointers(p, &tok, tok, ty);
    tok = attributes(p, tok, a);
    if (equal(tok, "(") && is_nested_declarator(p, tok)) {
        Token *start = tok;
        Token *ignored = NULL;
        declarator(p, &tok, start->next, TY(ty_int), &ignored);
        tok = skip(p, tok, ")");
        ty = type_suffix(p, &tok, tok, ty);
        Token *end = tok;
        ty = declarator(p, &tok, start->next, ty, name);
        const Attrs *inner = p->decl_attrs;
        if (inner->aligned > a->aligned) {
            a->aligned = inner->aligned;
            a->aligned_tok = inner->aligned_tok;
        }
        a->packed_tok = a->packed_tok ? a->packed_tok : inner->packed_tok;
        a->asm_label = a->asm_label ? a->asm_label : inner->asm_label;
        *rest = attributes(p, end, a);
        p->decl_attrs = a;
        leave(p);
        return apply_mode(p, ty, a);
    }
    *name = NULL;
    if (tok->kind == TK_IDENT) {
        *name = tok;
        tok = tok->next;
    }
    ty = type_suffix(p, &tok, tok, ty);
    *rest = attributes(p, tok, a);
    p->decl_attrs = a;
    leave(p);
    return apply_mode(p, ty, a);
}

/* type-name = declspec abstract-declarator */
static Type *type_name(Parser *p, Token **rest, Token *tok) {
    Type *ty = declspec(p, &tok, tok, NULL);
    const Attrs *spec_attrs = p->spec_attrs;
    Token *name = NULL;
    ty = declarator(p, &tok, tok, ty, &name);
    refuse_attrs(p, spec_attrs, "a type name");
    refuse_attrs(p, p->decl_attrs, "a type name");
    if (name)
        syntax_error(p, name, "expected ')' before '%.*s'", name->len, name->loc);
    *rest = tok;
    return ty;
}

/* ------------------------------------------------------------------
 * Struct and union layout
 * ---------------------------------------------------------------- */

static int align_to(int n, int align) { return (n + align - 1) / align * align; }

/* The #pragma pack(N) in force at tok: N, or 0 for none. */
static int pack_at(const Token *tok) {
    return tok->pack;
}

/* A member's alignment in the layout, as gcc gives it: its type's, raised
 * by _Alignas or aligned(N), 1 when packed (unless aligned(N) says
 * otherwise), and never above #pragma pack's N. */
static int member_layout_align(const Member *m, int pack) {
    int a = m->ty->align > m->align ? m->ty->align : m->align;
    if (m->is_packed)
        a = m->align ? m->align : 1;
    if (pack && a > pack)
        a = pack;
    return a;
}

/* What a named bit-field makes its struct's alignment at least, as gcc's
 * update_alignment_for_field: its type's, capped by #pragma pack or else
 * by packed, and its own aligned(N) (capped by #pragma pack). */
static int bitfield_record_align(const Member *m, int pack) {
    int a = m->ty->align, user = m->align;
    if (pack) {
        a = a < pack ? a : pack;
        user = user < pack ? user : pack;
    } else if (m->is_packed) {
        a = 1;
    }
    return a > user ? a : user;
}

/* Closes the run of adjacent bit-fields from first up to (not including)
 * end, which ends before bit end_bit: their memory location is the
 * bytes from the first one's to the last one's. */
static void close_bitfield_run(Member *first, Member *end, int64_t end_bit) {
    for (Member *m = first; m && m != end; m = m->next) {
        m->unit_start = first->offset;
        m->unit_end = (int)((end_bit + 7) / 8);
    }
}

/* Where a bit-field of nonzero width starts, at bit or after: at the next
 * free bit, unless it would cross a boundary of its type's alignment;
 * then at that boundary (gcc's PCC_BITFIELD_TYPE_MATTERS, as the x86-64
 * ABI says). Packed, or under #pragma pack, it is never moved. */
static int64_t place_bitfield(const Member *m, int64_t bit, int pack) {
    int64_t unit = m->ty->size * 8;
    if (m->is_packed || pack)
        return bit;
    if (bit / unit != (bit + m->bit_width - 1) / unit)
        return align_to((int)bit, m->ty->align * 8);
    return bit;
}

/* The layout of a struct or union, counted in bits. Members go at the
 * next byte their layout alignment allows; bit-fields as place_bitfield
 * says; a width of 0 moves to the next boundary of its type's alignment
 * (packed or not). Named bit-fields align the struct as their type
 * (capped by packing); unnamed ones do not. The struct is as aligned as
 * its most aligned member, or as aligned(N) on it asks when that is more;
 * a union is as big as its biggest member. A flexible array member takes
 * no room. */
static void layout_record(Type *ty, Member *all, const Packing *pk) {
    int64_t bit = 0, size_bits = 0;
    int align = 1;
    Member *run = NULL;   // the first bit-field of the current run
    for (Member *m = all; m; m = m->next) {
        int64_t msize = m->ty->size < 0 ? 0 : m->ty->size;
        int malign = member_layout_align(m, pk->pack);
        m->layout_align = malign;
        if (ty->kind == TY_UNION)
            bit = 0;
        if (m->is_bitfield) {
            if (run && m->bit_width == 0) {
                close_bitfield_run(run, m, bit);
                run = NULL;
            }
            if (m->bit_width == 0)
                bit = align_to((int)bit, m->ty->align * 8);
            else
                bit = place_bitfield(m, bit, pk->pack);
            m->offset = (int)(bit / 8);
            m->bit_offset = (int)(bit % 8);
            if (!run && m->bit_width > 0 && ty->kind != TY_UNION)
                run = m;
            bit += m->bit_width;
            int balign = bitfield_record_align(m, pk->pack);
            if (m->name && balign > align)
                align = balign;
        } else {
            if (run) {
                close_bitfield_run(run, m, bit);
                run = NULL;
            }
            bit = align_to((int)((bit + 7) / 8), malign) * 8;
            m->offset = (int)(bit / 8);
            bit += msize * 8;
            if (malign > align)
                align = malign;
        }
        if (bit > size_bits)
            size_bits = bit;
    }
    if (run)
        close_bitfield_run(run, NULL, bit);
    if (pk->aligned > align)
        align = pk->aligned;
    ty->align = align;
    ty->size = align_to((int)((size_bits + 7) / 8), align);
    /* A bit-field of a union may use the whole union. */
    for (Member *m = all; m && ty->kind == TY_UNION; m = m->next) {
        m->unit_start = 0;
        m->unit_end = ty->size;
    }
    /* Unnamed bit-fields leave the member list: nothing names or
     * initialises them, and lowering pads to the offsets. */
    Member head = {0}, *cur = &head;
    int index = 0;
    for (Member *m = all; m; m = m->next) {
        if (m->is_bitfield && !m->name)
            continue;
        m->index = index++;
        cur = cur->next = m;
    }
    cur->next = NULL;
    ty->members = head.next;
}

/* ------------------------------------------------------------------
 * Struct, union and enum specifiers
 * ---------------------------------------------------------------- */

/* bit-field-width = ":" const-expr, after a member's declarator */
static void bitfield_width(Parser *p, Token **rest, Token *tok, Member *m, Token *name) {
    Token *at = tok;
    Node *n = conditional(p, rest, tok);
    int64_t w = 1;
    Type *ty = unqual(m->ty);
    const char *nm = name ? arena_printf(&p->c->arena, "'%.*s'", name->len, name->loc)
                          : "'<anonymous>'";
    if (!is_integer(ty)) {
        error_tok(p->c, name ? name : at, "bit-field %s has invalid type", nm);
        m->ty = TY(ty_int);
        ty = m->ty;
    }
    if (!is_integer(n->ty) || !eval_int(n, &w)) {
        error_tok(p->c, at, "bit-field %s width not an integer constant", nm);
        w = 1;
    } else if (w < 0) {
        error_tok(p->c, at, "negative width in bit-field %s", nm);
        w = 1;
    } else if (w == 0 && name) {
        error_tok(p->c, at, "zero width for bit-field %s", nm);
        w = 1;
    } else if (w > ty->size * 8 || (ty->kind == TY_BOOL && w > 1)) {
        error_tok(p->c, at, "width of %s exceeds its type", nm);
        w = ty->kind == TY_BOOL ? 1 : ty->size * 8;
    }
    m->is_bitfield = true;
    m->bit_width = (int)w;
}

/* struct-members = (declspec declarator ("," declarator)* ";")* "}"
 * The members are laid out once the attributes after "}" are known. */
static void struct_members(Parser *p, Token **rest, Token *tok, Type *ty, bool packed) {
    Member head = {0};
    Member *cur = &head;
    int index = 0;
    while (!equal(tok, "}")) {
        if (tok->kind == TK_EOF)
            syntax_error(p, tok, "expected '}' at end of input");
        if (consume(&tok, tok, ";"))
            continue;
        if (equal(tok, "_Static_assert")) {
            tok = static_assertion(p, tok);
            continue;
        }
        Type *basety = declspec(p, &tok, tok, NULL);
        const Attrs *spec_attrs = p->spec_attrs;
        int malign = p->decl_align > spec_attrs->aligned ? p->decl_align : spec_attrs->aligned;
        if ((basety->kind == TY_STRUCT || basety->kind == TY_UNION) && equal(tok, ";")) {
            Member *m = arena_alloc(&p->c->arena, sizeof(Member));
            m->ty = basety;
            m->align = malign;
            m->is_packed = packed || spec_attrs->packed_tok;
            m->index = index++;
            cur = cur->next = m;
            tok = tok->next;
            continue;
        }
        bool first = true;
        while (!consume(&tok, tok, ";")) {
            if (!first)
                tok = skip(p, tok, ",");
            first = false;
            Token *name = NULL;
            Token *at = tok;
            Type *mty = declarator(p, &tok, tok, basety, &name);
            const Attrs *da = p->decl_attrs;
            Member *m = arena_alloc(&p->c->arena, sizeof(Member));
            m->ty = mty;
            m->name = name;
            m->align = malign > da->aligned ? malign : da->aligned;
            m->is_packed = packed || spec_attrs->packed_tok || da->packed_tok;
            if (da->asm_label)
                error_tok(p->c, da->asm_label, "expected ':', ',', ';', '}' or '__attribute__' "
                          "before 'asm'");
            if (equal(tok, ":")) {
                bitfield_width(p, &tok, tok->next, m, name);
                if (equal(tok, "__attribute__")) {    // int x : 3 __attribute__((packed))
                    Attrs after = {0};
                    tok = attributes(p, tok, &after);
                    if (after.aligned > m->align)
                        m->align = after.aligned;
                    m->is_packed |= after.packed_tok != NULL;
                }
                m->index = index++;
                cur = cur->next = m;
                continue;
            }
            if (name)
                at = name;
            if (mty->kind == TY_FUNC)
                error_tok(p->c, at, "field '%.*s' declared as a function",
                          name ? name->len : 0, name ? name->loc : "");
            else if (is_variably_modified(mty))
                error_tok(p->c, at, "a struct or union member of variably modified type is "
                          "not supported yet");
            else if (completed(mty)->size < 0 && !(mty->kind == TY_ARRAY && equal(tok, ";") &&
                                        equal(tok->next, "}")))
                error_tok(p->c, at, "field '%.*s' has incomplete type",
                          name ? name->len : 0, name ? name->loc : "");
            m->index = index++;
            cur = cur->next = m;
        }
    }
    *rest = tok;   // the "}": its #pragma pack state and what follows are the caller's
    ty->members = head.next;
}

/* The tag of a struct, union or enum specifier, or NULL when there is
 * none (a body must follow then); *rest is the token after it.
 *   tag = attribute* ident? */
static Token *specifier_tag(Parser *p, Token **rest, Token *tok, Attrs *attrs) {
    tok = attributes(p, tok, attrs);
    Token *tag = NULL;
    if (tok->kind == TK_IDENT) {
        tag = tok;
        tok = tok->next;
    }
    if (!tag && !equal(tok, "{"))
        syntax_error(p, tok, "expected '{' %s", before_tok(p, tok));
    *rest = tok;
    return tag;
}

/* struct-union-decl = attribute* ident? ("{" struct-members)? attribute* */
static Type *struct_union_decl(Parser *p, Token **rest, Token *tok, TypeKind kind) {
    Attrs lead = {0};
    Token *tag = specifier_tag(p, &tok, tok, &lead);
    if (!equal(tok, "{"))
        refuse_attrs(p, &lead, "a struct or union that is not being defined");
    /* A reference "struct S", or "struct S;" that declares it here. */
    if (tag && !equal(tok, "{")) {
        Type *ty = find_tag(p, tag);
        bool declares_here = equal(tok, ";") && p->scope != p->file_scope &&
                             !find_tag_in(p->scope, tag);
        if (ty && !declares_here) {
            if (ty->kind != kind)
                error_tok(p->c, tag, "'%.*s' defined as wrong kind of tag", tag->len, tag->loc);
            *rest = tok;
            return ty;
        }
    }
    Type *ty = NULL;
    if (tag) {
        TagScope *t = find_tag_in(p->scope, tag);
        if (t && t->ty->kind == kind && (t->ty->size < 0 || !equal(tok, "{")))
            ty = t->ty;
        else if (t && equal(tok, "{"))
            error_tok(p->c, tag, "redefinition of '%s %.*s'",
                      kind == TY_STRUCT ? "struct" : "union", tag->len, tag->loc);
    }
    if (!ty) {
        ty = arena_alloc(&p->c->arena, sizeof(Type));
        ty->kind = kind;
        ty->size = -1;
        ty->align = 1;
        ty->tag = tag;
        ty->tok = tag ? tag : tok;
        if (tag)
            push_tag(p, tag, ty);
    }
    if (!equal(tok, "{")) {
        *rest = tok;
        return ty;
    }
    struct_members(p, &tok, tok->next, ty, lead.packed_tok != NULL);
    Token *close = tok;
    Attrs trail = {0};
    *rest = attributes(p, tok->next, &trail);
    if (trail.asm_label)
        error_tok(p->c, trail.asm_label, "expected identifier or '(' before 'asm'");
    if (trail.packed_tok)
        for (Member *m = ty->members; m; m = m->next)
            m->is_packed = true;
    Packing pk = {pack_at(close), lead.aligned > trail.aligned ? lead.aligned : trail.aligned};
    layout_record(ty, ty->members, &pk);
    return ty;
}

/* The type gcc gives an enumeration whose constants lie in [lo, hi]:
 * unsigned int when none is negative, else int, and the 64-bit type of
 * the same signedness when they do not fit in 32 bits (a GNU extension).
 * ty, the enum's own Type, is made that type in place: a forward
 * reference to the tag already holds it. */
static void set_enum_type(Type *ty, int64_t lo, int64_t hi) {
    const Type *base;
    if (lo >= 0)
        base = (uint64_t)hi <= UINT32_MAX ? ty_uint : ty_ulong;
    else
        base = lo >= INT32_MIN && hi <= INT32_MAX ? ty_int : ty_long;
    ty->kind = base->kind;
    ty->size = base->size;
    ty->align = base->align;
    ty->is_unsigned = base->is_unsigned;
}

/* An enumeration constant has type int when its value fits (C11
 * 6.7.2.2p3), else (GNU) the enumeration's type; inside the list, the
 * 64-bit type its value needs. */
static Type *enum_const_type(int64_t v, bool is_unsigned, Type *enum_ty) {
    if (v >= INT32_MIN && v <= INT32_MAX)
        return TY(ty_int);
    if (enum_ty)
        return enum_ty;
    return TY(is_unsigned ? ty_ulong : ty_long);
}

/* enum-specifier = ident? "{" enum-list? "}" | ident ("{" enum-list? "}")?
 * enum-list      = ident ("=" conditional)? ("," ident ("=" conditional)?)* ","? */
/* Attributes on an enum: packed would make it smaller, aligned more
 * aligned; neither is built yet. */
static void refuse_enum_attrs(Parser *p, const Attrs *a) {
    if (a->packed_tok)
        error_tok(p->c, a->packed_tok, "the 'packed' attribute on an enum is not supported yet");
    Attrs rest = *a;
    rest.packed_tok = NULL;
    refuse_attrs(p, &rest, "an enum");
}

/* enum-specifier = "enum" tag ("{" enumerator ("," enumerator)* ","? "}")?
 * enumerator = ident attribute* ("=" const-expr)? */
static Type *enum_specifier(Parser *p, Token **rest, Token *tok) {
    Attrs lead = {0};
    Token *tag = specifier_tag(p, &tok, tok, &lead);
    refuse_enum_attrs(p, &lead);
    if (tag && !equal(tok, "{")) {
        Type *ty = find_tag(p, tag);
        if (!ty) {
            ty = copy_type(p->c, ty_uint);
            ty->origin = NULL;
            ty->tag = tag;
            ty->is_enum = true;
            push_tag(p, tag, ty);
        }
        *rest = tok;
        return ty;
    }
    Type *ty = copy_type(p->c, ty_uint);
    ty->origin = NULL;   // a type of its own, compatible with unsigned int or int
    ty->tag = tag;
    ty->is_enum = true;
    tok = tok->next;
    int64_t val = 0, lo = 0, hi = 0;
    bool val_unsigned = false, first = true, hi_big = false;
    VarScope **consts = NULL;
    int nconsts = 0, cap = 0;
    while (!consume(&tok, tok, "}")) {
        if (tok->kind != TK_IDENT)
            syntax_error(p, tok, "expected identifier %s", before_tok(p, tok));
        Token *name = tok;
        tok = tok->next;
        if (equal(tok, "=")) {
            Node *n = conditional(p, &tok, tok->next);
            if (!is_integer(n->ty) || !eval_int(n, &val))
                error_tok(p->c, name, "enumerator value for '%.*s' is not an integer constant",
                          name->len, name->loc);
            val_unsigned = n->ty->is_unsigned && n->ty->size == 8;
        }
        VarScope *prev = find_var_in(p->scope, name);
        if (prev)
            error_tok(p->c, name, "redeclaration of enumerator '%.*s'", name->len, name->loc);
        VarScope *v = push_var(p, p->scope, name);
        v->is_enum = true;
        v->enum_val = val;
        v->enum_ty = enum_const_type(val, val_unsigned, NULL);
        if (nconsts == cap) {
            cap = cap ? cap * 2 : 16;
            VarScope **grown = arena_alloc(&p->c->arena, sizeof(*grown) * cap);
            if (nconsts)
                memcpy(grown, consts, sizeof(*grown) * nconsts);
            consts = grown;
        }
        consts[nconsts++] = v;
        bool big = val_unsigned && val < 0;   // above INT64_MAX
        if (first || (!big && val < lo))
            lo = big ? 0 : val;
        if (first || big || (!hi_big && val > hi)) {
            hi = val;
            hi_big = big;
        }
        first = false;
        if (val == INT64_MAX && !val_unsigned)
            error_tok(p->c, name, "overflow in enumeration values");
        val++;
        if (!equal(tok, "}"))
            tok = skip(p, tok, ",");
    }
    set_enum_type(ty, lo, hi);
    for (int i = 0; i < nconsts; i++)
        consts[i]->enum_ty = enum_const_type(consts[i]->enum_val, ty->is_unsigned, ty);
    if (tag)
        push_tag(p, tag, ty);
    Attrs trail = {0};
    *rest = attributes(p, tok, &trail);
    refuse_enum_attrs(p, &trail);
    return ty;
}

/* ------------------------------------------------------------------
 * Expressions
 * ---------------------------------------------------------------- */

/* expr = assign ("," assign)* */
static Node *expr(Parser *p, Token **rest, Token *tok) {
    Node *node = assign(p, &tok, tok);
    while (equal(tok, ",")) {
        Token *op = tok;
        Node *lhs = discarded(p, rval(p, node));
        Node *rhs = rval(p, assign(p, &tok, tok->next));
        node = new_comma(p, lhs, rhs, op);
    }
    *rest = tok;
    return node;
}

static NodeKind compound_op(const Token *tok) {
    static const struct { const char *op; NodeKind kind; } ops[] = {
        {"+=", ND_ADD}, {"-=", ND_SUB}, {"*=", ND_MUL}, {"/=", ND_DIV},
        {"%=", ND_MOD}, {"&=", ND_BITAND}, {"|=", ND_BITOR}, {"^=", ND_BITXOR},
        {"<<=", ND_SHL}, {">>=", ND_SHR},
    };
    for (size_t i = 0; i < sizeof(ops) / sizeof(*ops); i++)
        if (equal(tok, ops[i].op))
            return ops[i].kind;
    return ND_NULL_STMT;
}

/* assign    = conditional (assign-op assign)?
 * assign-op = "=" | "+=" | "-=" | "*=" | "/=" | "%=" | "&=" | "|=" | "^="
 *           | "<<=" | ">>=" */
static Node *assign(Parser *p, Token **rest, Token *tok) {
    enter(p, tok, "expression nesting too deep");
    Node *node = conditional(p, &tok, tok);
    Token *op = tok;
    if (equal(tok, "=")) {
        Node *rhs = assign(p, &tok, tok->next);
        node = new_assign(p, node, rhs, op);
    } else if (compound_op(tok) != ND_NULL_STMT) {
        Node *rhs = assign(p, &tok, tok->next);
        node = new_compound_assign(p, compound_op(op), node, rhs, op);
    }
    *rest = tok;
    leave(p);
    return node;
}

/* The binary operators, loosest first: each level is
 *   logor      = logand ("||" logand)*
 *   logand     = bitor ("&&" bitor)*
 *   bitor      = bitxor ("|" bitxor)*
 *   bitxor     = bitand ("^" bitand)*
 *   bitand     = equality ("&" equality)*
 *   equality   = relational (("==" | "!=") relational)*
 *   relational = shift (("<" | "<=" | ">" | ">=") shift)*
 *   shift      = add (("<<" | ">>") add)*
 *   add        = mul (("+" | "-") mul)*
 *   mul        = cast (("*" | "/" | "%") cast)*
 */
typedef struct BinOp {
    const char *op;
    NodeKind kind;
} BinOp;

static const BinOp binops[][5] = {
    {{"||", ND_LOGOR}},
    {{"&&", ND_LOGAND}},
    {{"|", ND_BITOR}},
    {{"^", ND_BITXOR}},
    {{"&", ND_BITAND}},
    {{"==", ND_EQ}, {"!=", ND_NE}},
    {{"<", ND_LT}, {"<=", ND_LE}, {">", ND_GT}, {">=", ND_GE}},
    {{"<<", ND_SHL}, {">>", ND_SHR}},
    {{"+", ND_ADD}, {"-", ND_SUB}},
    {{"*", ND_MUL}, {"/", ND_DIV}, {"%", ND_MOD}},
};

enum { NLEVELS = sizeof(binops) / sizeof(binops[0]) };

static const BinOp *binop_at(int level, const Token *tok) {
    if (tok->kind != TK_PUNCT)
        return NULL;
    for (int i = 0; i < 5 && binops[level][i].op; i++)
        if (equal(tok, binops[level][i].op))
            return &binops[level][i];
    return NULL;
}

/* binary(level) = binary(level + 1) (binop(level) binary(level + 1))*
 * binary(NLEVELS) = cast
 * (binops[]: from "||", the loosest, to "*" "/" "%") */
static Node *binary(Parser *p, Token **rest, Token *tok, int level) {
    if (level == NLEVELS)
        return cast(p, rest, tok);
    Node *node = binary(p, &tok, tok, level + 1);
    const BinOp *op;
    while ((op = binop_at(level, tok))) {
        Token *at = tok;
        Node *rhs = binary(p, &tok, tok->next, level + 1);
        node = new_binop(p, op->kind, node, rhs, at);
    }
    *rest = tok;
    return node;
}

/* conditional = logor ("?" expr ":" conditional)? */
static Node *conditional(Parser *p, Token **rest, Token *tok) {
    Node *cond = binary(p, &tok, tok, 0);
    if (!equal(tok, "?")) {
        *rest = tok;
        return cond;
    }
    Token *q = tok;
    Node *then = expr(p, &tok, tok->next);
    tok = skip(p, tok, ":");
    /* a ? b : c ? d : ... nests to the right: bound it like any nesting,
     * or a hostile chain would overflow the stack of every later phase. */
    enter(p, q, "expression nesting too deep");
    Node *els = conditional(p, rest, tok);
    leave(p);
    return new_cond(p, cond, then, els, q);
}

static Node *explicit_cast(Parser *p, Node *node, Type *ty, Token *tok) {
    node = rval(p, node);
    Type *to = unqual(ty), *from = node->ty;
    if (to->kind == TY_VOID)
        return new_unary(p, ND_CAST, node, TY(ty_void), tok);
    if (!is_scalar(to)) {
        error_tok(p->c, tok, "conversion to non-scalar type requested");
        return error_node(p, tok);
    }
    if (from->kind == TY_VOID) {
        error_tok(p->c, tok, "void value not ignored as it ought to be");
        return error_node(p, tok);
    }
    if (!is_scalar(from) || (to->kind == TY_PTR && is_flonum(from))) {
        if (to->kind == TY_PTR)
            error_tok(p->c, tok, "cannot convert to a pointer type");
        else if (is_flonum(to))
            error_tok(p->c, tok, "aggregate value used where a floating-point was expected");
        else
            error_tok(p->c, tok, "aggregate value used where an integer was expected");
        return error_node(p, tok);
    }
    if (is_flonum(to) && from->kind == TY_PTR) {
        error_tok(p->c, tok, "pointer value used where a floating-point was expected");
        return error_node(p, tok);
    }
    if (node->kind == ND_NUM && is_arith(to))
        return fold_num_cast(p, node, to);
    return new_unary(p, ND_CAST, node, to, tok);
}

/* cast = "(" type-name ")" cast | unary */
static Node *cast(Parser *p, Token **rest, Token *tok) {
    if (equal(tok, "(") && is_typename(p, tok->next)) {
        Token *start = tok;
        Type *ty = type_name(p, &tok, tok->next);
        tok = skip(p, tok, ")");
        if (equal(tok, "{")) {
            Node *lit = compound_literal(p, &tok, tok, ty);
            return postfix_ops(p, rest, tok, lit);
        }
        enter(p, tok, "expression nesting too deep");
        Node *node = cast(p, rest, tok);
        leave(p);
        Node *setup = vla_sizes(p, ty, start);
        return with_vla_sizes(p, setup, explicit_cast(p, node, ty, start));
    }
    return unary(p, rest, tok);
}

static Node *size_of_type(Parser *p, Type *ty, Token *tok);
static Node *with_vla_sizes(Parser *p, Node *setup, Node *expr);
static Node *vla_sizes(Parser *p, Type *ty, Token *tok);

static Node *sizeof_type(Parser *p, Type *ty, Token *tok) {
    if (ty->kind == TY_FUNC || ty->kind == TY_VOID)
        return new_num(p, 1, ty_ulong, tok);
    if (ty->is_vla)
        return size_of_type(p, ty, tok);
    if (completed(ty)->size < 0) {
        error_tok(p->c, tok, "invalid application of 'sizeof' to incomplete type '%s'",
                  tystr(p, ty));
        return new_num(p, 1, ty_ulong, tok);
    }
    return new_num(p, ty->size, ty_ulong, tok);
}

/* sizeof-alignof = ("sizeof" | "_Alignof") ("(" type-name ")" | unary) */
static Node *sizeof_alignof(Parser *p, Token **rest, Token *tok, bool is_sizeof) {
    Token *op = tok;
    Type *ty;
    Node *setup = NULL;      /* sizeof(int[n]): computes the size first */
    Node *operand = NULL;    /* sizeof of a VLA expression evaluates it (C11 6.5.3.4p2) */
    if (equal(tok->next, "(") && is_typename(p, tok->next->next)) {
        ty = type_name(p, &tok, tok->next->next);
        *rest = skip(p, tok, ")");
        if (equal(*rest, "{"))
            syntax_error(p, *rest, "compound literals are not supported");
        if (is_sizeof)
            setup = vla_sizes(p, ty, op);
    } else {
        Node *n = unary(p, rest, tok->next);
        if (n->kind == ND_MEMBER && n->member->is_bitfield)
            error_tok(p->c, op, "'%s' applied to a bit-field", is_sizeof ? "sizeof" : "_Alignof");
        ty = n->ty;
        /* gcc's __alignof__ of an object: the alignment it was declared
         * with (aligned(N), _Alignas, packed), not just its type's. */
        if (!is_sizeof && n->kind == ND_VAR && n->var->align > ty->align)
            return new_num(p, n->var->align, ty_ulong, op);
        if (!is_sizeof && n->kind == ND_MEMBER && n->member->layout_align)
            return new_num(p, n->member->layout_align, ty_ulong, op);
        if (is_sizeof && ty->is_vla)
            operand = rval(p, n);
    }
    if (is_sizeof) {
        Node *size = with_vla_sizes(p, setup, sizeof_type(p, ty, op));
        return operand ? new_comma(p, operand, size, op) : size;
    }
    while (ty->kind == TY_ARRAY)
        ty = ty->base;
    return new_num(p, ty->align, ty_ulong, op);
}

static Node *new_neg(Parser *p, Node *node, Token *tok) {
    node = rval(p, node);
    if (!is_arith(node->ty)) {
        error_tok(p->c, tok, "wrong type argument to unary minus");
        return error_node(p, tok);
    }
    Type *ty = int_promote(node->ty);
    node = new_cast(p, node, ty);
    if (node->kind == ND_NUM && is_integer(ty))
        return new_num(p, wrap_int((int64_t)(0 - (uint64_t)node->ival), ty), ty, tok);
    if (node->kind == ND_NUM)
        return new_flonum(p, -node->fval, ty, tok);
    return wrapped(p, new_unary(p, ND_NEG, node, ty, tok));
}

/* unary = ("+" | "-" | "*" | "&" | "!" | "~") cast
 *       | ("++" | "--") unary
 *       | ("sizeof" | "_Alignof") (unary | "(" type-name ")")
 *       | "__extension__" cast
 *       | postfix */
static Node *unary(Parser *p, Token **rest, Token *tok) {
    enter(p, tok, "expression nesting too deep");
    Token *op = tok;
    Node *node;
    if (equal(tok, "+") || equal(tok, "-") || equal(tok, "*") || equal(tok, "&") ||
        equal(tok, "!") || equal(tok, "~") || equal(tok, "__extension__")) {
        node = cast(p, rest, tok->next);
        if (equal(op, "-")) {
            node = new_neg(p, node, op);
        } else if (equal(op, "+")) {
            node = rval(p, node);
            if (!is_arith(node->ty)) {
                error_tok(p->c, op, "wrong type argument to unary plus");
                node = error_node(p, op);
            }
            node = new_cast(p, node, int_promote(node->ty));
        } else if (equal(op, "*")) {
            node = new_deref(p, node, op);
        } else if (equal(op, "&")) {
            node = new_addr(p, node, op);
        } else if (equal(op, "!")) {
            node = new_unary(p, ND_NOT, scalar_operand(p, node), TY(ty_int), op);
        } else if (equal(op, "~")) {
            node = rval(p, node);
            if (!is_integer(node->ty)) {
                error_tok(p->c, op, "wrong type argument to bit-complement");
                node = error_node(p, op);
            }
            node = new_cast(p, node, int_promote(node->ty));
            node = wrapped(p, new_unary(p, ND_BITNOT, node, node->ty, op));
        }
    } else if (equal(tok, "++") || equal(tok, "--")) {
        node = unary(p, rest, tok->next);
        node = new_pre_incdec(p, node, equal(op, "++") ? 1 : -1, op);
    } else if (equal(tok, "sizeof")) {
        node = sizeof_alignof(p, rest, tok, true);
    } else if (equal(tok, "_Alignof") || equal(tok, "__alignof__") || equal(tok, "__alignof")) {
        node = sizeof_alignof(p, rest, tok, false);
    } else {
        node = postfix(p, rest, tok);
    }
    leave(p);
    return node;
}

/* The type-generic classification builtins take one floating argument,
 * unpromoted, and return int. */
static bool is_generic_builtin(const char *name) {
    return !strcmp(name, "__builtin_isnan") || !strcmp(name, "__builtin_isinf_sign") ||
           !strcmp(name, "__builtin_isfinite") || !strcmp(name, "__builtin_signbit") ||
           !strcmp(name, "__builtin_isinf");
}

/* libgccjit has no __builtin_isinf_sign nor __builtin_isfinite, so they
 * are spelt with comparisons, on a temporary holding the argument:
 *   isinf_sign(x) = x == inf ? 1 : x == -inf ? -1 : 0
 *   isfinite(x)   = x == x && x != inf && x != -inf
 *   signbit(x)    = x < 0 || (x == 0 && 1 / x < 0)   (NaNs count as positive) */
static Node *expand_classify(Parser *p, const char *name, Node *arg, Token *tok) {
    bool is_inf = !strcmp(name, "__builtin_isinf_sign") || !strcmp(name, "__builtin_isinf");
    bool is_sign = !strcmp(name, "__builtin_signbit");
    if ((!is_inf && !is_sign && strcmp(name, "__builtin_isfinite")) || !p->fn)
        return NULL;
    Type *ty = unqual(arg->ty);
    Obj *tmp = new_temp(p, ty, tok);
    Node *setup = new_binary(p, ND_ASSIGN, new_var_node(p, tmp, tok), arg, ty, tok);
    Node *inf = new_flonum(p, (long double)INFINITY, ty, tok);
    Node *ninf = new_flonum(p, -(long double)INFINITY, ty, tok);
    Node *x1 = new_var_node(p, tmp, tok), *x2 = new_var_node(p, tmp, tok);
    Node *x3 = new_var_node(p, tmp, tok);
    Node *value;
    if (is_sign) {
        Node *zero = new_flonum(p, 0, ty, tok), *one = new_flonum(p, 1, ty, tok);
        Node *neg_zero = new_binop(p, ND_LOGAND, new_compare(p, ND_EQ, x2, zero, tok),
                                   new_compare(p, ND_LT, new_binop(p, ND_DIV, one, x3, tok),
                                               new_flonum(p, 0, ty, tok), tok), tok);
        value = new_binop(p, ND_LOGOR, new_compare(p, ND_LT, x1, new_flonum(p, 0, ty, tok), tok),
                          neg_zero, tok);
    } else if (is_inf) {
        Node *neg = new_cond(p, new_compare(p, ND_EQ, x2, ninf, tok), new_num(p, -1, ty_int, tok),
                             new_num(p, 0, ty_int, tok), tok);
        value = new_cond(p, new_compare(p, ND_EQ, x1, inf, tok), new_num(p, 1, ty_int, tok),
                         neg, tok);
    } else {
        Node *not_nan = new_compare(p, ND_EQ, x1, new_var_node(p, tmp, tok), tok);
        Node *not_inf = new_binop(p, ND_LOGAND, new_compare(p, ND_NE, x2, inf, tok),
                                  new_compare(p, ND_NE, x3, ninf, tok), tok);
        value = new_binop(p, ND_LOGAND, not_nan, not_inf, tok);
    }
    return new_comma(p, setup, value, tok);
}

static Node *default_promote(Parser *p, Node *arg) {
    arg = rval(p, arg);
    if (arg->ty->kind == TY_VOID) {
        error_tok(p->c, arg->tok, "invalid use of void expression");
        return error_node(p, arg->tok);
    }
    if (arg->ty->kind == TY_FLOAT)
        return new_cast(p, arg, TY(ty_double));
    if (is_integer(arg->ty))
        return new_cast(p, arg, int_promote(arg->ty));
    return arg;
}

static void arg_count_error(Parser *p, Node *fn, const char *what) {
    const char *name = var_name_of(fn);
    if (name) {
        error_tok(p->c, fn->tok, "too %s arguments to function '%s'", what, name);
        if (fn->var->tok && fn->var->tok != fn->tok)
            note_tok(p->c, fn->var->tok, "declared here");
    } else {
        error_tok(p->c, fn->tok, "too %s arguments to function", what);
    }
}

static int count_args(Node *args) {
    int n = 0;
    for (Node *a = args; a; a = a->next)
        n++;
    return n;
}

/* The arguments of gcc's type-generic builtins, checked as gcc checks
 * them, since libgccjit passes them on unchecked ("..."):
 * __builtin_{add,sub,mul}_overflow(a, b, r) take integers and a pointer
 * to one that is not bool (the _p forms an integer; memjit types an enum
 * as its integer type, so it cannot refuse one as gcc does);
 * isgreater & co. compare two arithmetic values in their common real
 * type. Returns the arguments to pass, or NULL after an error. */
static Node *generic_builtin_args(Parser *p, Node *fn, Node *args, bool *failed) {
    const char *name = fn->var->name;
    bool overflow = strstr(name, "_overflow") && !strchr("su", name[10]);
    bool compare = !strncmp(name, "__builtin_is", 12) && strcmp(name, "__builtin_isnan") &&
                   strcmp(name, "__builtin_isinf") && strcmp(name, "__builtin_isfinite") &&
                   strcmp(name, "__builtin_isinf_sign");
    *failed = false;
    if (!overflow && !compare)
        return args;
    int want = overflow ? 3 : 2;
    if (count_args(args) != want) {
        arg_count_error(p, fn, count_args(args) < want ? "few" : "many");
        *failed = true;
        return NULL;
    }
    int i = 0;
    for (Node *a = args; a; a = a->next) {
        Node *v = rval(p, a);
        i++;
        Type *ty = v->ty;
        bool is_result = overflow && i == 3 && !strstr(name, "_overflow_p");
        if (is_result)
            ty = ty->kind == TY_PTR ? ty->base : NULL;
        bool ok = ty && (compare ? is_arith(ty)
                                 : is_integer(ty) && ty->kind != TY_BOOL);
        if (!ok) {
            error_tok(p->c, a->tok, "argument %d in call to function '%s' does not have %s", i,
                      name, compare ? "a real type"
                                    : is_result ? "pointer to integer type" : "integral type");
            *failed = true;
            return NULL;
        }
    }
    if (compare) {
        Node *a = rval(p, args), *b = rval(p, args->next);
        Type *common = common_type(a->ty, b->ty);
        a = new_cast(p, a, common);
        a->next = new_cast(p, b, common);
        return a;
    }
    return args;
}

/* Converts the arguments of a call to fty's parameter types. */
static Node *convert_args(Parser *p, Node *fn, Type *fty, Node *args) {
    Node head = {0};
    Node *cur = &head;
    Type *param = fty->params;
    int i = 0;
    bool too_many = false;
    for (Node *arg = args, *next; arg; arg = next) {
        next = arg->next;
        i++;
        ConvCtx cx = {CV_ARG, arg->tok, var_name_of(fn), i};
        if (param) {
            arg = convert_assign(p, arg, param, &cx);
            param = param->next;
        } else {
            if (fty->is_prototyped && !fty->is_variadic && !too_many) {
                arg_count_error(p, fn, "many");
                too_many = true;
            }
            /* a builtin's "..." is type-generic: the type is the point
               (__builtin_add_overflow_p's third, fpclassify's float) */
            bool generic = fn->kind == ND_VAR && fn->var->is_builtin;
            arg = generic ? rval(p, arg) : default_promote(p, arg);
        }
        cur = cur->next = arg;
        arg->next = NULL;
    }
    if (param)
        arg_count_error(p, fn, "few");
    return head.next;
}

/* func-args = "(" (assign ("," assign)*)? ")" */
static Node *funcall(Parser *p, Token **rest, Token *tok, Node *fn) {
    Token *open = tok;
    Node head = {0};
    Node *cur = &head;
    tok = tok->next;
    while (!equal(tok, ")")) {
        if (cur != &head)
            tok = skip(p, tok, ",");
        cur = cur->next = assign(p, &tok, tok);
    }
    *rest = tok->next;

    Node *callee = fn;
    Type *fty;
    if (fn->kind == ND_VAR && fn->ty->kind == TY_FUNC) {
        fty = fn->ty;
    } else {
        callee = rval(p, fn);
        if (callee->ty->kind != TY_PTR || callee->ty->base->kind != TY_FUNC) {
            if (var_name_of(fn))
                error_tok(p->c, fn->tok, "called object '%s' is not a function or function pointer",
                          var_name_of(fn));
            else
                error_tok(p->c, fn->tok, "called object is not a function or function pointer");
            return error_node(p, open);
        }
        fty = callee->ty->base;
    }

    if (fn->kind == ND_VAR && fn->var->is_builtin && is_generic_builtin(fn->var->name)) {
        Node *arg = head.next;
        if (!arg || arg->next) {
            arg_count_error(p, fn, arg ? "many" : "few");
            return error_node(p, open);
        }
        arg = rval(p, arg);
        if (!is_flonum(arg->ty)) {
            error_tok(p->c, arg->tok, "non-floating-point argument in call to function '%s'",
                      fn->var->name);
            return error_node(p, open);
        }
        Node *expanded = expand_classify(p, fn->var->name, arg, open);
        if (expanded)
            return expanded;
        fty = func_type(p->c, TY(ty_int));
        fty->is_prototyped = true;
        fty->params = copy_type(p->c, arg->ty);
        callee = new_var_node(p, fn->var, fn->tok);
        callee->ty = fty;
        head.next = arg;
    } else {
        bool failed = false;
        if (fn->kind == ND_VAR && fn->var->is_builtin)
            head.next = generic_builtin_args(p, fn, head.next, &failed);
        if (failed)
            return error_node(p, open);
        head.next = convert_args(p, fn, fty, head.next);
    }

    Node *node = new_node(p, ND_FUNCALL, open);
    node->lhs = callee;
    node->args = head.next;
    node->func_ty = fty;
    node->ty = unqual(fty->return_ty);
    if ((node->ty->kind == TY_STRUCT || node->ty->kind == TY_UNION) && completed(node->ty)->size < 0)
        error_tok(p->c, open, "invalid use of undefined type '%s'", tystr(p, node->ty));
    return node;
}

/* member-name = ident */
static Token *member_name(Parser *p, Token *tok) {
    if (tok->kind != TK_IDENT)
        syntax_error(p, tok, "expected identifier %s", before_tok(p, tok));
    return tok;
}

/* postfix = primary ("[" expr "]" | "(" func-args ")" | "." ident
 *                    | "->" ident | "++" | "--")* */
static Node *postfix(Parser *p, Token **rest, Token *tok) {
    Node *node = primary(p, &tok, tok);
    return postfix_ops(p, rest, tok, node);
}

/* The postfix operators applied to node (a primary or compound literal).
 * postfix-ops = ("[" expr "]" | "(" func-args ")" | "." ident
 *              | "->" ident | "++" | "--")* */
static Node *postfix_ops(Parser *p, Token **rest, Token *tok, Node *node) {
    for (;;) {
        Token *op = tok;
        if (equal(tok, "[")) {
            Node *idx = expr(p, &tok, tok->next);
            tok = skip(p, tok, "]");
            node = new_subscript(p, node, idx, op);
        } else if (equal(tok, "(")) {
            node = funcall(p, &tok, tok, node);
        } else if (equal(tok, ".")) {
            Token *name = member_name(p, tok->next);
            node = new_member(p, node, name, op);
            tok = name->next;
        } else if (equal(tok, "->")) {
            Token *name = member_name(p, tok->next);
            node = new_arrow(p, node, name, op);
            tok = name->next;
        } else if (equal(tok, "++") || equal(tok, "--")) {
            node = new_post_incdec(p, node, equal(tok, "++") ? 1 : -1, op);
            tok = tok->next;
        } else {
            break;
        }
    }
    *rest = tok;
    return node;
}

/* ------------------------------------------------------------------
 * String literals, __func__ and __builtin_offsetof
 * ---------------------------------------------------------------- */

static Node *string_literal(Parser *p, Token *tok) {
    Obj *var = new_string_literal(p, tok);
    Node *node = new_node(p, ND_STR, tok);
    node->var = var;
    node->ty = var->ty;
    return node;
}

/* __func__ is a static char array holding the function's name. */
static Node *func_name(Parser *p, Token *tok) {
    const char *name = p->fn ? p->fn->name : "";
    if (!p->fn)
        warn_tok(p->c, tok, "'%.*s' is not defined outside of function scope", tok->len, tok->loc);
    Token *t = arena_alloc(&p->c->arena, sizeof(Token));
    *t = *tok;
    t->kind = TK_STR;
    t->str = arena_strdup(&p->c->arena, name);
    t->str_len = (int)strlen(name) + 1;
    t->ty = array_of(p->c, TY(ty_char), t->str_len);
    return string_literal(p, t);
}

/* offsetof = "__builtin_offsetof" "(" type-name "," ident ("." ident | "[" expr "]")* ")" */
static Node *builtin_offsetof(Parser *p, Token **rest, Token *tok) {
    Token *start = tok;
    tok = skip(p, tok->next, "(");
    Type *ty = type_name(p, &tok, tok);
    tok = skip(p, tok, ",");
    int64_t offset = 0;
    for (;;) {
        Token *name = member_name(p, tok);
        tok = tok->next;
        if ((ty->kind != TY_STRUCT && ty->kind != TY_UNION) || completed(ty)->size < 0) {
            error_tok(p->c, name, "request for member '%.*s' in something not a structure or union",
                      name->len, name->loc);
            break;
        }
        Member *path[16];
        int npath = 0;
        Member *m = find_member(unqual(ty), name, path, &npath);
        if (!m) {
            error_tok(p->c, name, "'%s' has no member named '%.*s'", tystr(p, ty), name->len, name->loc);
            break;
        }
        for (int i = 0; i < npath; i++)
            offset += path[i]->offset;
        offset += m->offset;
        ty = m->ty;
        while (equal(tok, "[")) {
            Node *n = expr(p, &tok, tok->next);
            int64_t v = 0;
            if (!eval_int(n, &v) || ty->kind != TY_ARRAY)
                error_tok(p->c, n->tok, "cannot compute offset");
            else {
                offset += v * ty->base->size;
                ty = ty->base;
            }
            tok = skip(p, tok, "]");
        }
        if (!consume(&tok, tok, "."))
            break;
    }
    *rest = skip(p, tok, ")");
    return new_num(p, offset, ty_ulong, start);
}

/* ------------------------------------------------------------------
 * <stdarg.h>
 *
 * A variadic definition gets a hidden last parameter (p->fn_va): a
 * pointer to the va_list that its entry stub (lower.c) fills in from the
 * argument registers, laid out as the System V ABI says. va_start copies
 * it; va_arg is the ABI's algorithm written as C on the va_list's fields:
 *   an argument passed in general registers is at reg_save_area +
 *   gp_offset while gp_offset <= 48 - 8 * (registers it needs), one in
 *   SSE registers at reg_save_area + fp_offset while fp_offset <= 176 -
 *   16 * (registers), anything else at overflow_arg_area (aligned to 16
 *   for types aligned so), which then moves past it. Which registers an
 *   argument needs is abi_classify's answer, as for the entry stub.
 * ---------------------------------------------------------------- */

static Node *va_field(Parser *p, Obj *vp, int i, Token *tok) {
    Member *m = p->va_list_ty->base->members;
    while (i-- > 0)
        m = m->next;
    return member_node(p, new_deref_of(p, new_var_node(p, vp, tok), tok), m, tok);
}

static Type *char_ptr(Parser *p) { return pointer_to(p->c, TY(ty_char)); }

/* (char *)vp->reg_save_area + vp->gp_offset (field 0) or fp_offset (1) */
static Node *va_reg_addr(Parser *p, Obj *vp, int field, Token *tok) {
    Node *base = new_cast(p, va_field(p, vp, 3, tok), char_ptr(p));
    return new_add(p, base, va_field(p, vp, field, tok), tok);
}

static Node *va_advance(Parser *p, Obj *vp, int field, int by, Token *tok) {
    return new_compound_assign(p, ND_ADD, va_field(p, vp, field, tok),
                               new_num(p, by, ty_int, tok), tok);
}

/* (t = (char *)reg_save_area + offset, offset += step, t) */
static Node *va_from_regs(Parser *p, Obj *vp, int field, int step, Token *tok) {
    Obj *t = new_temp(p, char_ptr(p), tok);
    Node *set = new_binary(p, ND_ASSIGN, new_var_node(p, t, tok), va_reg_addr(p, vp, field, tok),
                           t->ty, tok);
    Node *e = new_comma(p, set, va_advance(p, vp, field, step, tok), tok);
    return new_comma(p, e, new_var_node(p, t, tok), tok);
}

/* A struct in two eightbytes of different register files: copied into a
 * buffer of two longs, eightbyte by eightbyte. */
static Node *va_from_mixed_regs(Parser *p, Obj *vp, const AbiClass cls[2], Token *tok) {
    Type *buf_ty = array_of(p->c, TY(ty_long), 2);
    Obj *buf = new_unnamed_local(p, buf_ty, tok);
    Type *long_ptr = pointer_to(p->c, TY(ty_long));
    Node *e = NULL;
    for (int i = 0; i < 2; i++) {
        int field = cls[i] == ABI_SSE ? 1 : 0;
        Node *src = new_deref_of(p, new_cast(p, va_reg_addr(p, vp, field, tok), long_ptr), tok);
        Node *dst = new_deref_of(p, new_add(p, rval(p, new_var_node(p, buf, tok)),
                                            new_num(p, i, ty_int, tok), tok), tok);
        Node *copy = new_binary(p, ND_ASSIGN, dst, src, TY(ty_long), tok);
        copy = new_comma(p, copy, va_advance(p, vp, field, field ? 16 : 8, tok), tok);
        e = e ? new_comma(p, e, copy, tok) : copy;
    }
    return new_comma(p, e, new_cast(p, rval(p, new_var_node(p, buf, tok)), char_ptr(p)), tok);
}

/* (t = overflow_arg_area aligned, overflow_arg_area = t + size, t) */
static Node *va_from_stack(Parser *p, Obj *vp, Type *ty, Token *tok) {
    Obj *t = new_temp(p, char_ptr(p), tok);
    Node *area = new_cast(p, va_field(p, vp, 2, tok), char_ptr(p));
    if (ty->align > 8) {
        Node *bits = new_cast(p, area, TY(ty_ulong));
        bits = new_binop(p, ND_ADD, bits, new_num(p, 15, ty_ulong, tok), tok);
        bits = new_binop(p, ND_BITAND, bits, new_num(p, -16, ty_ulong, tok), tok);
        area = new_unary(p, ND_CAST, bits, char_ptr(p), tok);
    }
    Node *set = new_binary(p, ND_ASSIGN, new_var_node(p, t, tok), area, t->ty, tok);
    int size = (ty->size + 7) / 8 * 8;
    Node *next = new_add(p, new_var_node(p, t, tok), new_num(p, size, ty_int, tok), tok);
    Node *move = new_binary(p, ND_ASSIGN, va_field(p, vp, 2, tok),
                            new_cast(p, next, pointer_to(p->c, TY(ty_void))),
                            pointer_to(p->c, TY(ty_void)), tok);
    Node *e = new_comma(p, set, move, tok);
    return new_comma(p, e, new_var_node(p, t, tok), tok);
}

/* The address (char *) of the next variadic argument, of type ty. */
static Node *va_arg_address(Parser *p, Obj *vp, Type *ty, Token *tok) {
    AbiArg abi = abi_classify(ty);
    if (abi.cls[0] == ABI_MEM || abi.cls[0] == ABI_NONE)
        return va_from_stack(p, vp, ty, tok);
    int ngp = abi.gp, nsse = abi.sse;
    Node *gp_ok = new_binop(p, ND_LE, va_field(p, vp, 0, tok),
                            new_num(p, 48 - 8 * ngp, ty_int, tok), tok);
    Node *fp_ok = new_binop(p, ND_LE, va_field(p, vp, 1, tok),
                            new_num(p, 176 - 16 * nsse, ty_int, tok), tok);
    Node *cond, *regs;
    if (nsse == 0) {
        cond = gp_ok;
        regs = va_from_regs(p, vp, 0, 8 * ngp, tok);
    } else if (ngp == 0 && nsse == 1) {
        cond = fp_ok;
        regs = va_from_regs(p, vp, 1, 16, tok);
    } else {
        cond = new_binop(p, ND_LOGAND, gp_ok, fp_ok, tok);
        regs = va_from_mixed_regs(p, vp, abi.cls, tok);  // two eightbytes, both in registers
    }
    return new_cond(p, cond, regs, va_from_stack(p, vp, ty, tok), tok);
}

/* The va_list argument of a va_* builtin, as a pointer to its tag. */
static Node *va_list_arg(Parser *p, Node *ap, const char *what) {
    ap = rval(p, ap);
    Type *tag = p->va_list_ty ? p->va_list_ty->base : NULL;
    if (!tag || ap->ty->kind != TY_PTR || unqual(ap->ty->base) != tag) {
        error_tok(p->c, ap->tok, "first argument to '%s' not of type 'va_list'", what);
        return NULL;
    }
    return ap;
}

static Node *va_void(Parser *p, Node *node, Token *tok) {
    return new_unary(p, ND_CAST, node, TY(ty_void), tok);
}

/* va-builtin = "__builtin_va_start" "(" assign "," assign ")"
 *            | "__builtin_va_arg" "(" assign "," type-name ")"
 *            | "__builtin_va_end" "(" assign ")"
 *            | "__builtin_va_copy" "(" assign "," assign ")" */
static Node *va_builtin(Parser *p, Token **rest, Token *tok) {
    Token *start = tok;
    const char *what = equal(tok, "__builtin_va_start") ? "va_start"
                       : equal(tok, "__builtin_va_arg") ? "va_arg"
                       : equal(tok, "__builtin_va_end") ? "va_end" : "va_copy";
    tok = skip(p, tok->next, "(");
    Node *ap = assign(p, &tok, tok);
    Node *second = NULL;
    Type *ty = NULL;
    if (strcmp(what, "va_end")) {
        tok = skip(p, tok, ",");
        if (!strcmp(what, "va_arg"))
            ty = type_name(p, &tok, tok);
        else
            second = assign(p, &tok, tok);
    }
    *rest = skip(p, tok, ")");
    Node *vp_node = va_list_arg(p, ap, what);
    if (!vp_node)
        return error_node(p, start);
    if (!strcmp(what, "va_end"))
        return va_void(p, vp_node, start);
    if (!strcmp(what, "va_copy")) {
        Node *src = va_list_arg(p, second, what);
        if (!src)
            return error_node(p, start);
        Node *dst = new_deref_of(p, vp_node, start);
        return va_void(p, new_binary(p, ND_ASSIGN, dst, new_deref_of(p, src, start),
                                     unqual(dst->ty), start), start);
    }
    if (!strcmp(what, "va_start")) {
        if (!p->fn_va) {
            error_tok(p->c, start, "'va_start' used in function with fixed arguments");
            return error_node(p, start);
        }
        Node *dst = new_deref_of(p, vp_node, start);
        Node *src = new_deref_of(p, new_var_node(p, p->fn_va, start), start);
        return va_void(p, new_binary(p, ND_ASSIGN, dst, src, unqual(dst->ty), start), start);
    }
    ty = unqual(ty);
    if (ty->kind == TY_VOID || ty->kind == TY_FUNC || ty->kind == TY_ARRAY ||
        completed(ty)->size < 0) {
        error_tok(p->c, start, "invalid type '%s' for 'va_arg'", tystr(p, ty));
        return error_node(p, start);
    }
    Obj *vp = new_temp(p, vp_node->ty, start);
    Node *setup = new_binary(p, ND_ASSIGN, new_var_node(p, vp, start), vp_node, vp->ty, start);
    Node *addr = va_arg_address(p, vp, ty, start);
    Node *val = new_deref_of(p, new_unary(p, ND_CAST, addr, pointer_to(p->c, ty), start), start);
    return new_comma(p, setup, val, start);
}

/* ------------------------------------------------------------------
 * The builtins memjit knows: folded, or declared on first use
 * ---------------------------------------------------------------- */

/* Builtins that gcc folds to constants (so that INFINITY and NAN are
 * constant expressions).
 *   folded-builtin = ("__builtin_inf" | "__builtin_huge_val") "(" ")"
 *                  | "__builtin_nan" "(" "\"\"" ")"   (each also with f and l) */
static Node *folded_builtin(Parser *p, Token **rest, Token *tok) {
    static const struct { const char *name; const Type *ty; bool is_nan; } tab[] = {
        {"__builtin_inff", ty_float, false}, {"__builtin_huge_valf", ty_float, false},
        {"__builtin_inf", ty_double, false}, {"__builtin_huge_val", ty_double, false},
        {"__builtin_infl", ty_ldouble, false}, {"__builtin_huge_vall", ty_ldouble, false},
        {"__builtin_nanf", ty_float, true}, {"__builtin_nan", ty_double, true},
        {"__builtin_nanl", ty_ldouble, true},
    };
    for (size_t i = 0; i < sizeof(tab) / sizeof(*tab); i++) {
        if (!equal(tok, tab[i].name) || !equal(tok->next, "("))
            continue;
        Token *t = tok->next->next;
        if (tab[i].is_nan) {
            if (t->kind != TK_STR || t->str_len != 1 || !equal(t->next, ")"))
                return NULL;
            *rest = t->next->next;
            return new_flonum(p, (long double)NAN, tab[i].ty, tok);
        }
        if (!equal(t, ")"))
            return NULL;
        *rest = t->next;
        return new_flonum(p, (long double)INFINITY, tab[i].ty, tok);
    }
    return NULL;
}

/* Whether evaluating node could do more than compute a value: gcc's
 * TREE_SIDE_EFFECTS, conservatively (any call, assignment, statement
 * expression or volatile access). */
static bool has_side_effects(Node *node) {
    if (!node)
        return false;
    if (node->ty && node->ty->is_volatile)
        return true;
    switch (node->kind) {
    case ND_NUM: case ND_STR: case ND_VAR:
        return false;
    case ND_ASSIGN: case ND_FUNCALL: case ND_STMT_EXPR: case ND_MEMZERO:
        return true;
    case ND_COND:
        return has_side_effects(node->cond) || has_side_effects(node->then) ||
               has_side_effects(node->els);
    default:
        if (node->kind >= ND_BLOCK)
            return true;
        return has_side_effects(node->lhs) || has_side_effects(node->rhs);
    }
}

/* builtin-arg = "(" assign ")", the argument of a builtin that gcc
 * answers while compiling: the value after lvalue conversion. */
static Node *builtin_arg(Parser *p, Token **rest, Token *tok) {
    tok = skip(p, tok->next, "(");
    Node *arg = rval(p, assign(p, &tok, tok));
    *rest = skip(p, tok, ")");
    return arg;
}

/* __builtin_classify_type(expr): gcc's type class of the argument as a
 * call passes it (promoted: char, bool and enums are integers). */
static Node *classify_type(Parser *p, Token **rest, Token *tok) {
    Node *arg = builtin_arg(p, rest, tok);
    Type *ty = arg->ty;
    int cls = -1;
    if (ty->kind == TY_VOID)
        error_tok(p->c, arg->tok, "invalid use of void expression");
    else if (is_integer(ty))
        cls = 1;
    else if (ty->kind == TY_PTR)
        cls = 5;
    else if (is_flonum(ty))
        cls = 8;
    else if (ty->kind == TY_STRUCT)
        cls = 12;
    else if (ty->kind == TY_UNION)
        cls = 13;
    return new_num(p, cls, ty_int, tok);
}

/* __builtin_constant_p(expr), as gcc's fold_builtin_constant_p: 1 for
 * an arithmetic constant or a string literal; 0 for what has side
 * effects (not evaluated), a pointer or an aggregate, or outside a
 * function; otherwise gcc decides after optimising, so the call goes to
 * its builtin. */
static Node *constant_p(Parser *p, Token **rest, Token *tok) {
    Node *arg = builtin_arg(p, rest, tok);
    ConstVal v;
    Node *str = arg->kind == ND_DECAY || arg->kind == ND_CAST ? arg->lhs : arg;
    if ((is_arith(arg->ty) && eval_const(arg, &v)) || (str && str->kind == ND_STR))
        return new_num(p, 1, ty_int, tok);
    if (has_side_effects(arg) || !is_arith(arg->ty) || !p->fn)
        return new_num(p, 0, ty_int, tok);
    Obj *fn = new_global(p, tok_name(p, tok), parse_type_name_string(p->c, "int(...)"), tok);
    fn->is_function = fn->is_builtin = fn->is_extern = true;   /* never in scope: */
    Node *node = new_node(p, ND_FUNCALL, tok);                 /* each use is folded first */
    node->lhs = new_var_node(p, fn, tok);
    node->func_ty = fn->ty;
    node->ty = TY(ty_int);
    node->args = arg;
    return node;
}

/* types-compatible = "__builtin_types_compatible_p" "(" type-name "," type-name ")"
 * 1 when the types, without their top-level qualifiers, are compatible. */
static Node *types_compatible_p(Parser *p, Token **rest, Token *tok) {
    Token *start = tok;
    tok = skip(p, tok->next, "(");
    Type *a = type_name(p, &tok, tok);
    tok = skip(p, tok, ",");
    Type *b = type_name(p, &tok, tok);
    *rest = skip(p, tok, ")");
    return new_num(p, type_compatible(unqual(a), unqual(b)), ty_int, start);
}

/* choose-expr = "__builtin_choose_expr" "(" const-expr "," assign "," assign ")"
 * The chosen operand itself, type and lvalue-ness included; the other is
 * checked but never evaluated. */
static Node *choose_expr(Parser *p, Token **rest, Token *tok) {
    tok = skip(p, tok->next, "(");
    Node *cond = rval(p, assign(p, &tok, tok));
    int64_t v = 0;
    if (!is_integer(cond->ty) || !eval_int(cond, &v))
        error_tok(p->c, cond->tok, "first argument to '__builtin_choose_expr' not a constant");
    tok = skip(p, tok, ",");
    Node *then = assign(p, &tok, tok);
    tok = skip(p, tok, ",");
    Node *els = assign(p, &tok, tok);
    *rest = skip(p, tok, ")");
    return v ? then : els;
}

/* The GCC builtins that libgccjit has by the same name, with gcc's
 * prototypes ("unsigned long" for size_t, as on x86-64). "..." stands for
 * gcc's type-generic arguments: generic_builtin_args checks them. */
static const struct { const char *name; const char *type; } gcc_builtins[] = {
    {"__builtin_inff", "float(void)"}, {"__builtin_huge_valf", "float(void)"},
    {"__builtin_inf", "double(void)"}, {"__builtin_huge_val", "double(void)"},
    {"__builtin_nanf", "float(const char *)"}, {"__builtin_nan", "double(const char *)"},
    {"__builtin_expect", "long(long, long)"},
    {"__builtin_expect_with_probability", "long(long, long, double)"},
    {"__builtin_unreachable", "void(void)"},
    {"__builtin_trap", "void(void)"},
    {"__builtin_assume_aligned", "void *(const void *, unsigned long, ...)"},
    {"__builtin_prefetch", "void(const void *, ...)"},
    {"__builtin_object_size", "unsigned long(const void *, int)"},
    {"__builtin_clz", "int(unsigned)"}, {"__builtin_clzl", "int(unsigned long)"},
    {"__builtin_clzll", "int(unsigned long long)"},
    {"__builtin_ctz", "int(unsigned)"}, {"__builtin_ctzl", "int(unsigned long)"},
    {"__builtin_ctzll", "int(unsigned long long)"},
    {"__builtin_clrsb", "int(int)"}, {"__builtin_clrsbl", "int(long)"},
    {"__builtin_clrsbll", "int(long long)"},
    {"__builtin_popcount", "int(unsigned)"}, {"__builtin_popcountl", "int(unsigned long)"},
    {"__builtin_popcountll", "int(unsigned long long)"},
    {"__builtin_parity", "int(unsigned)"}, {"__builtin_parityl", "int(unsigned long)"},
    {"__builtin_parityll", "int(unsigned long long)"},
    {"__builtin_ffs", "int(int)"}, {"__builtin_ffsl", "int(long)"},
    {"__builtin_ffsll", "int(long long)"},
    {"__builtin_bswap16", "unsigned short(unsigned short)"},
    {"__builtin_bswap32", "unsigned(unsigned)"},
    {"__builtin_bswap64", "unsigned long(unsigned long)"},
    {"__builtin_sadd_overflow", "_Bool(int, int, int *)"},
    {"__builtin_saddl_overflow", "_Bool(long, long, long *)"},
    {"__builtin_saddll_overflow", "_Bool(long long, long long, long long *)"},
    {"__builtin_ssub_overflow", "_Bool(int, int, int *)"},
    {"__builtin_ssubl_overflow", "_Bool(long, long, long *)"},
    {"__builtin_ssubll_overflow", "_Bool(long long, long long, long long *)"},
    {"__builtin_smul_overflow", "_Bool(int, int, int *)"},
    {"__builtin_smull_overflow", "_Bool(long, long, long *)"},
    {"__builtin_smulll_overflow", "_Bool(long long, long long, long long *)"},
    {"__builtin_uadd_overflow", "_Bool(unsigned, unsigned, unsigned *)"},
    {"__builtin_uaddl_overflow", "_Bool(unsigned long, unsigned long, unsigned long *)"},
    {"__builtin_uaddll_overflow",
     "_Bool(unsigned long long, unsigned long long, unsigned long long *)"},
    {"__builtin_usub_overflow", "_Bool(unsigned, unsigned, unsigned *)"},
    {"__builtin_usubl_overflow", "_Bool(unsigned long, unsigned long, unsigned long *)"},
    {"__builtin_usubll_overflow",
     "_Bool(unsigned long long, unsigned long long, unsigned long long *)"},
    {"__builtin_umul_overflow", "_Bool(unsigned, unsigned, unsigned *)"},
    {"__builtin_umull_overflow", "_Bool(unsigned long, unsigned long, unsigned long *)"},
    {"__builtin_umulll_overflow",
     "_Bool(unsigned long long, unsigned long long, unsigned long long *)"},
    /* type-generic: generic_builtin_args */
    {"__builtin_add_overflow", "_Bool(...)"}, {"__builtin_sub_overflow", "_Bool(...)"},
    {"__builtin_mul_overflow", "_Bool(...)"}, {"__builtin_add_overflow_p", "_Bool(...)"},
    {"__builtin_sub_overflow_p", "_Bool(...)"}, {"__builtin_mul_overflow_p", "_Bool(...)"},
    {"__builtin_isgreater", "int(...)"}, {"__builtin_isgreaterequal", "int(...)"},
    {"__builtin_isless", "int(...)"}, {"__builtin_islessequal", "int(...)"},
    {"__builtin_islessgreater", "int(...)"}, {"__builtin_isunordered", "int(...)"},
    {"__builtin_fpclassify", "int(int, int, int, int, int, ...)"},
};

/* The GCC builtins memjit knows, declared on first use. */
static Obj *declare_builtin(Parser *p, Token *tok) {
    char *name = tok_name(p, tok);
    Type *ty = NULL;
    for (size_t i = 0; i < sizeof(gcc_builtins) / sizeof(*gcc_builtins) && !ty; i++)
        if (!strcmp(name, gcc_builtins[i].name))
            ty = parse_type_name_string(p->c, gcc_builtins[i].type);
    if (!ty && is_generic_builtin(name))
        ty = func_type(p->c, TY(ty_int));
    if (!ty)
        return NULL;
    Obj *fn = new_global(p, name, ty, tok);
    fn->is_function = true;
    fn->is_builtin = true;
    fn->is_extern = true;
    push_var(p, p->file_scope, tok)->var = fn;
    return fn;
}

/* ---------------------------------------------------------------------
 * The host's symbols (mj_define_function, mj_define_variable)
 * ------------------------------------------------------------------- */

/* A type as typed lookup spells it: "()" is "(void)". */
static const char *lookup_spelling(Compile *c, const Type *ty) {
    const char *s = type_to_string(c, ty);
    StrBuf sb;
    sb_init(&sb, &c->arena);
    for (; *s; s++) {
        if (s[0] == '(' && s[1] == ')') {
            sb_puts(&sb, "(void)");
            s++;
        } else {
            sb_putc(&sb, *s);
        }
    }
    return sb_str(&sb);
}

static Type *type_name_in(Compile *c, const char *text, Scope *tags);

/* The host's type of a name (its canonical spelling), parsed where the
 * program's file-scope tags are visible: "double(struct vec)" names the
 * struct vec a host header defined, not a new, incomplete one. */
static Type *host_type(Parser *p, const char *text) {
    return type_name_in(p->c, text, p->file_scope);
}

/* A type that the default argument promotions leave as it is: the only
 * parameter types an old-style declaration "T f();" is compatible with
 * (C11 6.7.6.3p15). */
static bool survives_promotion(Type *ty) {
    ty = unqual(ty);
    if (ty->kind == TY_FLOAT)
        return false;
    return !is_integer(ty) || int_promote(ty) == ty;
}

/* Whether the old-style declaration `old` ("T f();") is compatible with
 * the host's prototype `host`. */
static bool old_style_matches(Type *old, Type *host) {
    if (host->kind != TY_FUNC || host->is_variadic ||
        !type_compatible(old->return_ty, host->return_ty))
        return false;
    for (Type *param = host->params; param; param = param->next)
        if (!survives_promotion(param))
            return false;
    return true;
}

/* A declaration (not a definition) of a name the host defines must give
 * it the host's type: the code will reach the host's object through it.
 * Returns the type the name gets: ty, or for an old-style declaration
 * "T f();" compatible with the host's prototype, that prototype (the
 * composite type, C11 6.2.7p3), so that calls convert their arguments to
 * what the host's function takes. */
static Type *check_host_declaration(Parser *p, Token *name, Type *ty, bool is_function) {
    Compile *c = p->c;
    if (!c->host_symbol)
        return ty;
    char *str = tok_name(p, name);
    bool host_is_function;
    const char *want = c->host_symbol(c->host_ctx, str, &host_is_function);
    if (!want || (host_is_function == is_function && !strcmp(lookup_spelling(c, ty), want)))
        return ty;
    if (is_function && host_is_function && !ty->is_prototyped) {
        Type *host = host_type(p, want);
        if (host && old_style_matches(ty, host))
            return host;
    }
    error_tok(c, name, "conflicting types for '%s': the host defines it as '%s'", str, want);
    return ty;
}

/* mj_expr: an identifier nobody declared that the host defines is
 * declared, at file scope, with the host's type. */
static Obj *declare_from_host(Parser *p, Token *tok) {
    Compile *c = p->c;
    if (!c->host_predeclared || !c->host_symbol)
        return NULL;
    char *str = tok_name(p, tok);
    bool is_function;
    const char *type = c->host_symbol(c->host_ctx, str, &is_function);
    Type *ty = type ? host_type(p, type) : NULL;
    if (!ty)
        return NULL;
    Obj *obj = new_global(p, str, ty, tok);
    obj->is_function = is_function;
    obj->is_extern = true;
    push_var(p, p->file_scope, tok)->var = obj;
    return obj;
}

/* A library function gcc knows as a builtin, declared with the library's
 * type (lf) under the name `name`, or as "int name()" without lf. The
 * scope gets it under the token's spelling: "__builtin_memcpy" names
 * memcpy. */
static Obj *declare_library_function(Parser *p, Token *tok, char *name, const LibFuncInfo *lf) {
    Type *ty = lf ? parse_type_name_string(p->c, lf->type) : NULL;
    Obj *fn = new_global(p, name, ty ? ty : func_type(p->c, TY(ty_int)), tok);
    fn->is_function = true;
    fn->is_extern = true;
    push_var(p, p->file_scope, tok)->var = fn;
    return fn;
}

/* f(...) with no f declared: C89's implicit "int f()", or the library's
 * type for a function gcc knows (gcc 12's meaning). An error unless
 * -fpermissive, as in gcc 14. */
static Node *implicit_declaration(Parser *p, Token *tok, char *name) {
    LibFuncInfo lf;
    bool known = library_function(name, &lf);
    old_c(p, tok, arena_printf(&p->c->arena, "implicit declaration of function '%s'", name));
    if (known)
        note_tok(p->c, tok, "include '<%s>' or provide a declaration of '%s'", lf.header, name);
    Obj *fn = declare_library_function(p, tok, name, known ? &lf : NULL);
    return new_var_node(p, fn, tok);
}

/* A name of gcc's builtin families that memjit does not know. Not an
 * implicit declaration: no library defines it. __builtin_return_address
 * and __builtin_frame_address are among them on purpose: libgccjit 12
 * cannot keep a function from being inlined (no noinline), which changes
 * their answer. */
static bool is_unknown_builtin(const char *name) {
    return !strncmp(name, "__builtin_", 10) || !strncmp(name, "__sync_", 7) ||
           !strncmp(name, "__atomic_", 9);
}

static Node *undeclared(Parser *p, Token *tok) {
    char *name = tok_name(p, tok);
    if (equal(tok->next, "(") && is_unknown_builtin(name)) {
        error_tok(p->c, tok, "the GCC builtin '%s' is not supported yet", name);
        return error_node(p, tok);
    }
    if (equal(tok->next, "("))
        return implicit_declaration(p, tok, name);
    if (!p->fn) {
        error_tok(p->c, tok, "'%s' undeclared here (not in a function)", name);
        return error_node(p, tok);
    }
    error_tok(p->c, tok, "'%s' undeclared (first use in this function)", name);
    if (!p->said_undeclared_note) {
        note_tok(p->c, tok, "each undeclared identifier is reported only once for each "
                            "function it appears in");
        p->said_undeclared_note = true;
    }
    Obj *dummy = new_local(p, name, TY(ty_int), tok);
    push_var(p, p->fn_scope, tok)->var = dummy;
    return new_var_node(p, dummy, tok);
}

/* ------------------------------------------------------------------
 * Identifiers and the other primary expressions
 * ---------------------------------------------------------------- */

/* identifier = ident */
static Node *identifier(Parser *p, Token **rest, Token *tok) {
    *rest = tok->next;
    VarScope *v = find_var(p, tok);
    if (v && v->is_vla)
        return new_deref_of(p, new_var_node(p, v->var, tok), tok);
    if (v && v->var)
        return new_var_node(p, v->var, tok);
    if (v && v->is_enum)
        return new_num(p, v->enum_val, v->enum_ty, tok);
    if (v && v->type_def)
        syntax_error(p, tok, "expected expression before '%.*s'", tok->len, tok->loc);
    if (tok->len > 10 && !strncmp(tok->loc, "__builtin_", 10)) {
        if (equal(tok, "__builtin_offsetof"))
            return builtin_offsetof(p, rest, tok);
        if (equal(tok, "__builtin_classify_type"))
            return classify_type(p, rest, tok);
        if (equal(tok, "__builtin_constant_p"))
            return constant_p(p, rest, tok);
        if (equal(tok, "__builtin_types_compatible_p"))
            return types_compatible_p(p, rest, tok);
        if (equal(tok, "__builtin_choose_expr"))
            return choose_expr(p, rest, tok);
        if (equal(tok, "__builtin_va_start") || equal(tok, "__builtin_va_arg") ||
            equal(tok, "__builtin_va_end") || equal(tok, "__builtin_va_copy"))
            return va_builtin(p, rest, tok);
        Node *n = folded_builtin(p, rest, tok);
        if (n)
            return n;
        Obj *fn = declare_builtin(p, tok);
        if (fn)
            return new_var_node(p, fn, tok);
        LibFuncInfo lf;
        char *name = tok_name(p, tok);
        if (library_function(name + 10, &lf))
            return new_var_node(p, declare_library_function(p, tok, name + 10, &lf), tok);
    }
    Obj *host = declare_from_host(p, tok);
    if (host)
        return new_var_node(p, host, tok);
    return undeclared(p, tok);
}

/* primary = "(" expr ")" | num | str | ident | "__func__"
 *         | "__builtin_offsetof" "(" type-name "," member-designator ")" */
/* Constructs of C11 and GNU C that memjit does not implement: a clear,
 * located error rather than a puzzling syntax error. Also met at the start
 * of a declaration, as `_Complex double z;` reaches here. */
static void unsupported_keyword(Parser *p, Token *tok) {
    static const char *const kws[] = {
        "_Complex", "_Imaginary", "_Atomic", "__int128",
        "__label__",
    };
    for (size_t i = 0; i < sizeof(kws) / sizeof(kws[0]); i++)
        if (equal(tok, kws[i]))
            syntax_error(p, tok, "'%s' is not supported yet", kws[i]);
}

/* generic-selection = "_Generic" "(" assign ("," generic-assoc)+ ")"
 * generic-assoc     = (type-name | "default") ":" assign
 * The controlling expression is not evaluated; its type, after lvalue
 * conversion (arrays and functions to pointers, qualifiers dropped),
 * picks the association with a compatible type. */
static Node *generic_selection(Parser *p, Token **rest, Token *tok) {
    Token *start = tok;
    tok = skip(p, tok->next, "(");
    Type *cty = unqual(rval(p, assign(p, &tok, tok))->ty);
    Node *chosen = NULL, *dflt = NULL;
    while (consume(&tok, tok, ",")) {
        Type *ty = NULL;
        Token *at = tok;
        if (equal(tok, "default"))
            tok = tok->next;
        else
            ty = type_name(p, &tok, tok);
        tok = skip(p, tok, ":");
        Node *e = assign(p, &tok, tok);
        if (!ty) {
            if (dflt)
                error_tok(p->c, at, "duplicate 'default' case in '_Generic'");
            dflt = e;
        } else if (type_compatible(cty, ty) && ty->is_const == cty->is_const &&
                   ty->is_volatile == cty->is_volatile) {
            if (chosen)
                error_tok(p->c, at, "'_Generic' selector matches multiple associations");
            else
                chosen = e;
        }
    }
    *rest = skip(p, tok, ")");
    if (!chosen)
        chosen = dflt;
    if (!chosen) {
        error_tok(p->c, start, "'_Generic' selector of type '%s' is not compatible with any association",
                  tystr(p, cty));
        return error_node(p, start);
    }
    return chosen;
}

/* statement-expr = "(" "{" compound-stmt ")"   (GNU C)
 * Its value is the value of the last statement when that is an expression
 * statement (converted as an rvalue); otherwise it has type void. A goto
 * or a switch may leave it but not enter it, as the scope of a VLA. */
static Node *statement_expr(Parser *p, Token **rest, Token *tok) {
    if (!p->fn)
        syntax_error(p, tok, "braced-group within expression allowed only inside a function");
    enter_scope(p);
    enter_vla_scope(p, tok)->is_stmt_expr = true;
    Node *block = compound_stmt(p, &tok, tok->next->next);
    leave_scope(p);
    *rest = skip(p, tok, ")");
    Node *node = new_node(p, ND_STMT_EXPR, block->tok);
    node->body = block->body;
    node->ty = TY(ty_void);
    // The last statement, under any labels: `({ out: x; })` has x's value.
    Node **last = &node->body;
    while (*last && (*last)->next)
        last = &(*last)->next;
    while (*last && ((*last)->kind == ND_LABEL || (*last)->kind == ND_CASE))
        last = &(*last)->lhs;
    if (*last && (*last)->kind == ND_EXPR_STMT && (*last)->lhs->ty->kind != TY_VOID) {
        node->lhs = rval(p, (*last)->lhs);
        node->ty = node->lhs->ty;
        *last = NULL;
    }
    set_height(p, node, node->lhs, NULL);
    return node;
}

/* primary = generic-selection | "(" "{" stmt* "}" ")" | "(" expr ")"
 *         | num | str | "__func__" | identifier */
static Node *primary(Parser *p, Token **rest, Token *tok) {
    if (equal(tok, "_Generic"))
        return generic_selection(p, rest, tok);
    if (equal(tok, "(")) {
        if (equal(tok->next, "{"))
            return statement_expr(p, rest, tok);
        Node *node = expr(p, &tok, tok->next);
        *rest = skip(p, tok, ")");
        return node;
    }
    if (tok->kind == TK_NUM) {
        *rest = tok->next;
        Type *ty = tok->ty ? tok->ty : TY(ty_int);
        if (is_flonum(ty))
            return new_flonum(p, tok->fval, ty, tok);
        return new_num(p, tok->ival, ty, tok);
    }
    if (tok->kind == TK_STR) {
        *rest = tok->next;
        return string_literal(p, tok);
    }
    if (equal(tok, "__func__") || equal(tok, "__FUNCTION__") || equal(tok, "__PRETTY_FUNCTION__")) {
        *rest = tok->next;
        return func_name(p, tok);
    }
    unsupported_keyword(p, tok);
    if (tok->kind == TK_IDENT)
        return identifier(p, rest, tok);
    syntax_error(p, tok, "expected expression %s", before_tok(p, tok));
}

/* ------------------------------------------------------------------
 * Initializers
 *
 * An initializer is parsed into an Initializer tree shaped like the
 * object (children per array element or struct member, made on first
 * use), following C's brace elision and designators. A file-scope or
 * static object keeps the tree, folded to constants; a local one is
 * turned into ND_MEMZERO and assignments.
 * ---------------------------------------------------------------- */

static Initializer *new_init(Parser *p, Type *ty) {
    Initializer *init = arena_alloc(&p->c->arena, sizeof(Initializer));
    init->ty = ty;
    return init;
}

static int count_members(Type *ty) {
    int n = 0;
    for (Member *m = ty->members; m; m = m->next)
        n++;
    return n;
}

static Member *member_at(Type *ty, int index) {
    for (Member *m = ty->members; m; m = m->next)
        if (m->index == index)
            return m;
    return NULL;
}

/* The open-length array being initialised grows as elements come. */
static void grow_flex(Parser *p, Initializer *init, int i) {
    if (i >= p->flex_cap) {
        int cap = p->flex_cap ? p->flex_cap * 2 : 16;
        while (cap <= i)
            cap *= 2;
        Initializer **children = arena_alloc(&p->c->arena, sizeof(Initializer *) * (size_t)cap);
        if (init->children)
            memcpy(children, init->children, sizeof(Initializer *) * (size_t)p->flex_cap);
        init->children = children;
        p->flex_cap = cap;
    }
    if (i + 1 > init->nbytes)
        init->nbytes = i + 1;   /* the element count, until the length is fixed */
}

static Initializer *init_child(Parser *p, Initializer *init, int i) {
    Type *ty = init->ty, *elty;
    if (ty->kind == TY_ARRAY) {
        elty = ty->base;
        if (ty->array_len < 0)
            grow_flex(p, init, i);
        else if (!init->children)
            init->children = arena_alloc(&p->c->arena, sizeof(Initializer *) * (size_t)(ty->array_len ? ty->array_len : 1));
    } else {
        elty = member_at(ty, i)->ty;
        if (!init->children)
            init->children = arena_alloc(&p->c->arena, sizeof(Initializer *) * (size_t)(count_members(ty) + 1));
    }
    if (!init->children[i])
        init->children[i] = new_init(p, elty);
    return init->children[i];
}

static bool is_end(Token *tok) {
    return equal(tok, "}") || (equal(tok, ",") && equal(tok->next, "}"));
}

static bool consume_end(Token **rest, Token *tok) {
    if (equal(tok, "}")) {
        *rest = tok->next;
        return true;
    }
    if (equal(tok, ",") && equal(tok->next, "}")) {
        *rest = tok->next->next;
        return true;
    }
    return false;
}

static Token *skip_excess_element(Parser *p, Token *tok) {
    if (equal(tok, "{")) {
        tok = tok->next;
        while (!consume_end(&tok, tok)) {
            tok = skip_excess_element(p, tok);
            if (!is_end(tok))
                tok = skip(p, tok, ",");
        }
        return tok;
    }
    assign(p, &tok, tok);
    return tok;
}


/* string-initializer = string-literal */
/* Can an array of ty be initialised by the string literal tok? A char
 * array by a plain string, an array of a 2- or 4-byte integer type by a
 * wide one of that width (wchar_t s[] = L"..."). */
static bool is_string_for(Type *ty, Token *tok) {
    if (ty->kind != TY_ARRAY || tok->kind != TK_STR)
        return false;
    if (!is_wide_string(tok))
        return ty->base->kind == TY_CHAR;
    return is_integer(ty->base) && ty->base->size == tok->ty->base->size;
}

/* wide-string-initializer = wide-str */
static void wide_string_initializer(Parser *p, Token **rest, Token *tok, Initializer *init) {
    Type *ty = init->ty;
    if (ty->array_len < 0) {
        ty = array_of(p->c, ty->base, tok->ty->array_len);
        init->ty = ty;
    }
    if (tok->ty->array_len - 1 > ty->array_len)
        warn_tok(p->c, tok, "initializer-string for array of '%s' is too long", tystr(p, ty->base));
    wide_string_elems(p, init, tok, ty->array_len);
    *rest = tok->next;
}

/* string-initializer = str */
static void string_initializer(Parser *p, Token **rest, Token *tok, Initializer *init) {
    if (is_wide_string(tok)) {
        wide_string_initializer(p, rest, tok, init);
        return;
    }
    Type *ty = init->ty;
    if (ty->array_len < 0) {
        ty = array_of(p->c, ty->base, tok->str_len);
        init->ty = ty;
    }
    int n = ty->array_len;
    if (tok->str_len - 1 > n)
        warn_tok(p->c, tok, "initializer-string for array of '%s' is too long", tystr(p, ty->base));
    char *bytes = arena_alloc(&p->c->arena, (size_t)n + 1);
    memcpy(bytes, tok->str, (size_t)(n < tok->str_len ? n : tok->str_len));
    init->bytes = bytes;
    init->nbytes = n;
    init->children = NULL;
    *rest = tok->next;
}

/* array-designator = "[" const-expr ("..." const-expr)? "]" */
static void array_designator(Parser *p, Token **rest, Token *tok, Type *ty, int *begin, int *end) {
    Token *start = tok;
    Node *n = conditional(p, &tok, tok->next);
    int64_t b = 0, e;
    if (!eval_int(n, &b) || b < 0) {
        error_tok(p->c, n->tok, "array index in initializer not of integer type");
        b = 0;
    }
    e = b;
    if (equal(tok, "...")) {
        n = conditional(p, &tok, tok->next);
        if (!eval_int(n, &e) || e < b) {
            error_tok(p->c, n->tok, "empty index range in initializer");
            e = b;
        }
    }
    if (ty->array_len >= 0 && e >= ty->array_len) {
        error_tok(p->c, start, "array index in initializer exceeds array bounds");
        b = e = 0;
    }
    if (e > 1 << 24) {
        error_tok(p->c, start, "array index in initializer is too large");
        b = e = 0;
    }
    *begin = (int)b;
    *end = (int)e;
    *rest = skip(p, tok, "]");
}

/* struct-designator = "." ident */
static Member *struct_designator(Parser *p, Token **rest, Token *tok, Type *ty) {
    Token *name = member_name(p, tok->next);
    *rest = name->next;
    for (Member *m = ty->members; m; m = m->next) {
        if (m->name && name_is(m->name->loc, m->name->len, name))
            return m;
        /* A member of an anonymous struct or union: designate the
         * anonymous member, and let ".name" designate inside it. */
        Member *path[16];
        int npath = 0;
        if (!m->name && (m->ty->kind == TY_STRUCT || m->ty->kind == TY_UNION) &&
            find_member(m->ty, name, path, &npath)) {
            *rest = tok;
            return m;
        }
    }
    syntax_error(p, name, "unknown field '%.*s' specified in initializer", name->len, name->loc);
}

static void array_initializer2(Parser *p, Token **rest, Token *tok, Initializer *init, int i);
static void struct_initializer2(Parser *p, Token **rest, Token *tok, Initializer *init, Member *mem);

/* designation = ("[" const-expr "]" | "." ident)* "="? initializer */
static void designation(Parser *p, Token **rest, Token *tok, Initializer *init) {
    Type *ty = init->ty;
    if (equal(tok, "[")) {
        if (ty->kind != TY_ARRAY)
            syntax_error(p, tok, "array index in non-array initializer");
        int begin, end;
        array_designator(p, &tok, tok, ty, &begin, &end);
        Token *tok2 = tok;
        for (int j = begin; j <= end; j++)
            designation(p, &tok2, tok, init_child(p, init, j));
        array_initializer2(p, rest, tok2, init, end + 1);
        return;
    }
    if (equal(tok, ".") && (ty->kind == TY_STRUCT || ty->kind == TY_UNION)) {
        Member *m = struct_designator(p, &tok, tok, ty);
        if (ty->kind == TY_UNION)
            init->children = NULL;
        designation(p, &tok, tok, init_child(p, init, m->index));
        init->expr = NULL;
        if (ty->kind == TY_STRUCT)
            struct_initializer2(p, rest, tok, init, m->next);
        else
            *rest = tok;
        return;
    }
    if (equal(tok, "."))
        syntax_error(p, tok, "field name not in record or union initializer");
    if (equal(tok, "="))
        tok = tok->next;
    else
        syntax_error(p, tok, "expected '=' %s", before_tok(p, tok));
    initializer2(p, rest, tok, init);
}

/* array-initializer1 = "{" initializer ("," initializer)* ","? "}" */
static void array_initializer1(Parser *p, Token **rest, Token *tok, Initializer *init) {
    tok = skip(p, tok, "{");
    int len = init->ty->array_len < 0 ? INT32_MAX : init->ty->array_len;
    bool first = true;
    for (int i = 0; !consume_end(rest, tok); i++) {
        if (!first)
            tok = skip(p, tok, ",");
        first = false;
        if (equal(tok, "[")) {
            int begin, end;
            array_designator(p, &tok, tok, init->ty, &begin, &end);
            Token *tok2 = tok;
            for (int j = begin; j <= end; j++)
                designation(p, &tok2, tok, init_child(p, init, j));
            tok = tok2;
            i = end;
            continue;
        }
        if (i < len) {
            initializer2(p, &tok, tok, init_child(p, init, i));
        } else {
            if (i == len)
                warn_tok(p->c, tok, "excess elements in array initializer");
            tok = skip_excess_element(p, tok);
        }
    }
}

/* array-initializer2 = initializer ("," initializer)*   (braces elided) */
static void array_initializer2(Parser *p, Token **rest, Token *tok, Initializer *init, int i) {
    int len = init->ty->array_len < 0 ? INT32_MAX : init->ty->array_len;
    for (; i < len && !is_end(tok) && tok->kind != TK_EOF; i++) {
        Token *start = tok;
        if (i > 0)
            tok = skip(p, tok, ",");
        if (equal(tok, "[") || equal(tok, ".")) {
            *rest = start;
            return;
        }
        initializer2(p, &tok, tok, init_child(p, init, i));
    }
    *rest = tok;
}

/* struct-initializer1 = "{" initializer ("," initializer)* ","? "}" */
static void struct_initializer1(Parser *p, Token **rest, Token *tok, Initializer *init) {
    tok = skip(p, tok, "{");
    Member *mem = init->ty->members;
    bool first = true, warned = false;
    while (!consume_end(rest, tok)) {
        if (!first)
            tok = skip(p, tok, ",");
        first = false;
        if (equal(tok, ".")) {
            mem = struct_designator(p, &tok, tok, init->ty);
            designation(p, &tok, tok, init_child(p, init, mem->index));
            mem = mem->next;
            continue;
        }
        if (mem) {
            initializer2(p, &tok, tok, init_child(p, init, mem->index));
            mem = mem->next;
        } else {
            if (!warned)
                warn_tok(p->c, tok, "excess elements in struct initializer");
            warned = true;
            tok = skip_excess_element(p, tok);
        }
    }
}

/* struct-initializer2 = initializer ("," initializer)*   (braces elided) */
static void struct_initializer2(Parser *p, Token **rest, Token *tok, Initializer *init, Member *mem) {
    for (; mem && !is_end(tok) && tok->kind != TK_EOF; mem = mem->next) {
        Token *start = tok;
        if (mem != init->ty->members)
            tok = skip(p, tok, ",");
        if (equal(tok, "[") || equal(tok, ".")) {
            *rest = start;
            return;
        }
        initializer2(p, &tok, tok, init_child(p, init, mem->index));
    }
    *rest = tok;
}

/* union-initializer = "{" ("." ident "=")? initializer ","? "}" | initializer */
static void union_initializer(Parser *p, Token **rest, Token *tok, Initializer *init) {
    if (!init->ty->members) {
        error_tok(p->c, tok, "empty union initializer");
        *rest = skip_excess_element(p, tok);
        return;
    }
    if (!equal(tok, "{")) {
        initializer2(p, rest, tok, init_child(p, init, 0));
        return;
    }
    tok = tok->next;
    if (consume(rest, tok, "}"))
        return;
    if (equal(tok, ".")) {
        Member *m = struct_designator(p, &tok, tok, init->ty);
        designation(p, &tok, tok, init_child(p, init, m->index));
    } else {
        initializer2(p, &tok, tok, init_child(p, init, 0));
    }
    consume(&tok, tok, ",");
    *rest = skip(p, tok, "}");
}

/* A struct or union initialised without braces: by an expression of its
 * own type, or, braces elided, starting with its first member. The
 * expression is parsed once and used for whichever it turns out to be.
 * whole-aggregate = assign */
static bool whole_aggregate(Parser *p, Token **rest, Token *tok, Initializer *init) {
    if (equal(tok, "{"))
        return false;
    Member *first = init->ty->members;
    if (equal(tok, "[") || equal(tok, "."))
        return false;
    Token *t = tok;
    Node *e = assign(p, &t, tok);
    if (unqual(e->ty) == unqual(init->ty)) {
        init->expr = e;
        *rest = t;
        return true;
    }
    /* An aggregate first member: parse again, as its initializer. */
    if (first && (first->ty->kind == TY_ARRAY || first->ty->kind == TY_STRUCT ||
                  first->ty->kind == TY_UNION))
        return false;
    if (!first) {
        ConvCtx cx = {CV_INIT, tok, NULL, 0};
        convert_assign(p, e, init->ty, &cx);
        *rest = t;
        return true;
    }
    ConvCtx cx = {CV_INIT, tok, NULL, 0};
    init_child(p, init, first->index)->expr = convert_assign(p, e, first->ty, &cx);
    if (init->ty->kind == TY_STRUCT)
        struct_initializer2(p, rest, t, init, first->next);
    else
        *rest = t;
    return true;
}

/* initializer = string-initializer | array-initializer | struct-initializer
 *             | union-initializer | "{" initializer "}" | assign */
static void initializer2(Parser *p, Token **rest, Token *tok, Initializer *init) {
    enter(p, tok, "initializer nesting too deep");
    Type *ty = init->ty;
    if (ty->kind == TY_ARRAY && ty->array_len < 0 && init != p->flex_init) {
        /* a flexible array member: only the array itself may have an open
         * length. gcc accepts elements for a static object (GNU C). */
        if (!equal(tok, "{") || !equal(tok->next, "}"))
            syntax_error(p, tok, "initialization of a flexible array member is not supported yet");
        *rest = tok->next->next;
        leave(p);
        return;
    }
    if (is_string_for(ty, tok)) {
        string_initializer(p, rest, tok, init);
    } else if (equal(tok, "{") && is_string_for(ty, tok->next) &&
               (equal(tok->next->next, "}") ||
                (equal(tok->next->next, ",") && equal(tok->next->next->next, "}")))) {
        string_initializer(p, &tok, tok->next, init);
        consume(&tok, tok, ",");
        *rest = skip(p, tok, "}");
    } else if (ty->kind == TY_ARRAY) {
        if (equal(tok, "{"))
            array_initializer1(p, rest, tok, init);
        else
            array_initializer2(p, rest, tok, init, 0);
    } else if (ty->kind == TY_STRUCT) {
        if (completed(ty)->size < 0)
            syntax_error(p, tok, "variable has initializer but incomplete type");
        if (equal(tok, "{"))
            struct_initializer1(p, rest, tok, init);
        else if (!whole_aggregate(p, rest, tok, init))
            struct_initializer2(p, rest, tok, init, ty->members);
    } else if (ty->kind == TY_UNION) {
        if (completed(ty)->size < 0)
            syntax_error(p, tok, "variable has initializer but incomplete type");
        if (!whole_aggregate(p, rest, tok, init))
            union_initializer(p, rest, tok, init);
    } else if (equal(tok, "{")) {
        /* A scalar in braces: "int x = {3};", or "= {}" for zero. */
        if (equal(tok->next, "}")) {
            *rest = tok->next->next;
        } else {
            initializer2(p, &tok, tok->next, init);
            while (!consume_end(rest, tok)) {
                tok = skip(p, tok, ",");
                warn_tok(p->c, tok, "excess elements in scalar initializer");
                tok = skip_excess_element(p, tok);
            }
        }
    } else {
        Node *e = assign(p, rest, tok);
        ConvCtx cx = {CV_INIT, tok, NULL, 0};
        if (ty->kind == TY_VOID || ty->kind == TY_FUNC)
            error_tok(p->c, tok, "invalid initializer");
        else
            init->expr = convert_assign(p, e, ty, &cx);
    }
    leave(p);
}

/* Parses the initializer of an object of type ty; an array of unknown
 * length gets its length from it (init->ty).
 * initializer = "{" initializer-list? "}" | assign */
static Initializer *parse_initializer(Parser *p, Token **rest, Token *tok, Type *ty) {
    Initializer *init = new_init(p, ty);
    Initializer *saved_init = p->flex_init;
    int saved_cap = p->flex_cap;
    if (ty->kind == TY_ARRAY && ty->array_len < 0) {
        if (!equal(tok, "{") && !is_string_for(ty, tok))
            syntax_error(p, tok, "invalid initializer");
        p->flex_init = init;
        p->flex_cap = 0;
    }
    initializer2(p, rest, tok, init);
    if (init->ty->array_len < 0) {
        int len = init->nbytes;
        init->nbytes = 0;
        init->ty = array_of(p->c, ty->base, len);
    }
    p->flex_init = saved_init;
    p->flex_cap = saved_cap;
    return init;
}

/* A copy of an lvalue path (variables, members, elements) so that no
 * node is shared between two statements. */
static Node *clone_path(Parser *p, Node *node) {
    if (!node)
        return NULL;
    Node *copy = new_node(p, node->kind, node->tok);
    *copy = *node;
    copy->lhs = clone_path(p, node->lhs);
    copy->rhs = clone_path(p, node->rhs);
    return copy;
}

static Node *element_of(Parser *p, Node *array, int i, Token *tok) {
    Node *ptr = rval(p, clone_path(p, array));
    Node *sum = new_binary(p, ND_PTR_ADD, ptr, new_num(p, i, ty_long, tok), ptr->ty, tok);
    return new_deref_of(p, sum, tok);
}

static void append_stmt(Parser *p, Node ***cur, Node *e, Token *tok) {
    Node *s = new_node(p, ND_EXPR_STMT, tok);
    s->lhs = e;
    **cur = s;
    *cur = &s->next;
}

static void emit_store(Parser *p, Node ***cur, Node *lhs, Node *rhs, Token *tok) {
    lhs = clone_path(p, lhs);
    if (lhs->kind == ND_MEMBER && lhs->member->is_bitfield)
        rhs = narrow_to_bitfield(p, rhs, lhs->member, tok);
    append_stmt(p, cur, new_binary(p, ND_ASSIGN, lhs, rhs, unqual(lhs->ty), tok), tok);
}

/* Assignments that store the non-zero parts of init into lhs. */
static void emit_init(Parser *p, Initializer *init, Node *lhs, Node ***cur, Token *tok) {
    Type *ty = init->ty;
    if (init->bytes) {
        for (int i = 0; i < init->nbytes; i++)
            if (init->bytes[i])
                emit_store(p, cur, element_of(p, lhs, i, tok),
                           new_num(p, wrap_int(init->bytes[i], ty->base), ty->base, tok), tok);
        return;
    }
    if (init->expr) {
        emit_store(p, cur, lhs, init->expr, tok);
        return;
    }
    if (!init->children)
        return;
    if (ty->kind == TY_ARRAY) {
        for (int i = 0; i < ty->array_len; i++)
            if (init->children[i])
                emit_init(p, init->children[i], element_of(p, lhs, i, tok), cur, tok);
        return;
    }
    for (Member *m = ty->members; m; m = m->next)
        if (init->children[m->index])
            emit_init(p, init->children[m->index], member_node(p, clone_path(p, lhs), m, tok),
                      cur, tok);
}

/* A local's initializer as statements: zero the whole object, then
 * store what was written.
 * local-initializer = initializer */
static Node *local_initializer(Parser *p, Token **rest, Token *tok, Obj *var) {
    Initializer *init = parse_initializer(p, rest, tok, var->ty);
    var->ty = init->ty;
    Node *block = new_node(p, ND_BLOCK, tok);
    Node **cur = &block->body;
    Type *ty = init->ty;
    bool aggregate = ty->kind == TY_ARRAY || ty->kind == TY_STRUCT || ty->kind == TY_UNION;
    if (aggregate && !init->expr) {
        Node *zero = new_node(p, ND_MEMZERO, tok);
        zero->var = var;
        zero->ty = TY(ty_void);
        append_stmt(p, &cur, zero, tok);
    }
    emit_init(p, init, new_var_node(p, var, tok), &cur, tok);
    return block;
}

/* compound-literal = "(" type-name ")" "{" initializer-list "}"
 * In a function: an unnamed local, initialised each time the expression
 * is evaluated, written as the lvalue *(init..., &tmp). At file scope: an
 * unnamed global with a constant initializer. */
static Node *compound_literal(Parser *p, Token **rest, Token *tok, Type *ty) {
    if (ty->is_vla) {
        error_tok(p->c, tok, "compound literal has variable size");
        ty = TY(ty_int);
    } else if (ty->kind == TY_FUNC || ty->kind == TY_VOID) {
        error_tok(p->c, tok, "compound literal has invalid type '%s'", tystr(p, ty));
        ty = TY(ty_int);
    }
    if (!p->fn) {
        Obj *var = new_global(p, arena_printf(&p->c->arena, "__mj_lit_%d", p->counter++),
                              unqual(ty), tok);
        var->is_static = true;
        var->is_definition = true;
        static_initializer(p, rest, tok, var);
        return new_var_node(p, var, tok);
    }
    Obj *var = new_unnamed_local(p, ty, tok);
    Node *block = local_initializer(p, rest, tok, var);
    Node *addr = new_unary(p, ND_ADDR, new_var_node(p, var, tok), pointer_to(p->c, var->ty), tok);
    Node *e = addr;
    for (Node *st = block->body; st; st = st->next)
        e = e == addr ? st->lhs : new_comma(p, e, st->lhs, tok);
    if (e != addr)
        e = new_comma(p, e, addr, tok);
    return new_deref_of(p, e, tok);
}

/* Is n the address of (a part of) an object of static storage? Folds the
 * integer offsets on the way. */
static bool addr_const(Parser *p, Node *n);

static bool static_lvalue(Parser *p, Node *n) {
    switch (n->kind) {
    case ND_VAR: return !n->var->is_local;
    case ND_STR: return true;
    case ND_MEMBER: return static_lvalue(p, n->lhs);
    case ND_DEREF: return addr_const(p, n->lhs);
    default: return false;
    }
}

static bool addr_const(Parser *p, Node *n) {
    int64_t v;
    switch (n->kind) {
    case ND_ADDR:
    case ND_DECAY:
        return static_lvalue(p, n->lhs);
    case ND_CAST:
        if (n->lhs->ty->kind == TY_PTR)
            return addr_const(p, n->lhs);
        if (is_integer(n->lhs->ty) && eval_int(n->lhs, &v)) {
            n->lhs = new_num(p, v, ty_long, n->lhs->tok);
            return true;
        }
        return false;
    case ND_PTR_ADD:
    case ND_PTR_SUB:
        if (!eval_int(n->rhs, &v))
            return false;
        n->rhs = new_num(p, v, ty_long, n->rhs->tok);
        return addr_const(p, n->lhs);
    default:
        return false;
    }
}

/* The constant a file-scope initializer element stands for; NULL for 0. */
static Node *const_initializer(Parser *p, Node *e, Type *ty) {
    int64_t v;
    ConstVal k;
    if (is_integer(ty) && eval_int(e, &v))
        return v ? new_num(p, wrap_int(v, ty), ty, e->tok) : NULL;
    if (is_flonum(ty) && eval_const(e, &k))
        return new_flonum(p, convert_value(k, e->ty, ty).f, ty, e->tok);
    if (ty->kind == TY_PTR) {
        if (e->kind == ND_CAST && is_integer(e->lhs->ty) && eval_int(e->lhs, &v) && v == 0)
            return NULL;
        if (addr_const(p, e))
            return e;
    }
    error_tok(p->c, e->tok, "initializer element is not constant");
    return NULL;
}

static void fold_global_init(Parser *p, Initializer *init) {
    if (init->bytes)
        return;
    if (init->expr) {
        init->expr = const_initializer(p, init->expr, init->ty);
        return;
    }
    if (!init->children)
        return;
    int n = init->ty->kind == TY_ARRAY ? init->ty->array_len : count_members(init->ty);
    for (int i = 0; i < n; i++)
        if (init->children[i])
            fold_global_init(p, init->children[i]);
}

/* ------------------------------------------------------------------
 * Declarations
 * ---------------------------------------------------------------- */

static char *name_str(Parser *p, Token *name) { return tok_name(p, name); }

static void previous_note(Parser *p, Obj *prev, const char *what) {
    if (prev->tok)
        note_tok(p->c, prev->tok, "previous %s of '%s' with type '%s'", what, prev->name,
                 tystr(p, prev->ty));
}

static void declare_typedef(Parser *p, Token *name, Type *ty) {
    VarScope *prev = find_var_in(p->scope, name);
    if (prev && !(prev->type_def && type_compatible(prev->type_def, ty))) {
        if (prev->type_def)
            error_tok(p->c, name, "conflicting types for '%.*s'; have '%s'", name->len,
                      name->loc, tystr(p, ty));
        else
            error_tok(p->c, name, "'%.*s' redeclared as different kind of symbol",
                      name->len, name->loc);
    }
    push_var(p, p->scope, name)->type_def = ty;
}

/* A function declared at file or block scope: one Obj per name, whatever
 * the number of declarations. */
static Obj *declare_function(Parser *p, Token *name, Type *ty, VarAttr *attr, bool is_def) {
    if (!is_def && !attr->is_static)
        ty = check_host_declaration(p, name, ty, true);
    VarScope *v = find_var_in(p->file_scope, name);
    Obj *fn = v ? v->var : NULL;
    if ((v && !fn) || (fn && !fn->is_function)) {
        error_tok(p->c, name, "'%.*s' redeclared as different kind of symbol", name->len, name->loc);
        if (fn)
            previous_note(p, fn, "declaration");
        fn = NULL;
    } else if (fn) {
        if (!type_compatible(fn->ty, ty)) {
            error_tok(p->c, name, "conflicting types for '%s'; have '%s'", fn->name, tystr(p, ty));
            previous_note(p, fn, fn->is_definition ? "definition" : "declaration");
        } else if (ty->is_prototyped || !fn->ty->is_prototyped) {
            fn->ty = ty;
        }
        if (is_def && fn->is_definition) {
            error_tok(p->c, name, "redefinition of '%s'", fn->name);
            previous_note(p, fn, "definition");
        }
        if (attr->is_static && !fn->is_static)
            error_tok(p->c, name, "static declaration of '%s' follows non-static declaration",
                      fn->name);
        if (is_def) {
            fn->is_definition = true;
            fn->tok = name;
            fn->ty = ty;
        }
        if (p->scope != p->file_scope)
            push_var(p, p->scope, name)->var = fn;
        return fn;
    }
    fn = new_global(p, name_str(p, name), ty, name);
    fn->is_function = true;
    fn->is_static = attr->is_static;
    fn->is_definition = is_def;
    if (!v)
        push_var(p, p->file_scope, name)->var = fn;
    if (p->scope != p->file_scope)
        push_var(p, p->scope, name)->var = fn;
    return fn;
}

/* A variable with linkage: at file scope, or "extern" in a block. */
static Obj *declare_global_var(Parser *p, Token *name, Type *ty, VarAttr *attr, bool has_init) {
    if (attr->is_extern && !has_init && !attr->is_static)
        check_host_declaration(p, name, ty, false);
    VarScope *v = find_var_in(p->file_scope, name);
    Obj *var = v ? v->var : NULL;
    if ((v && !var) || (var && var->is_function)) {
        error_tok(p->c, name, "'%.*s' redeclared as different kind of symbol", name->len, name->loc);
        if (var)
            previous_note(p, var, "declaration");
        var = new_global(p, name_str(p, name), ty, name);
        return var;
    }
    if (var) {
        if (!type_compatible(var->ty, ty)) {
            error_tok(p->c, name, "conflicting types for '%s'; have '%s'", var->name, tystr(p, ty));
            previous_note(p, var, "declaration");
        } else if (var->ty->kind == TY_ARRAY && var->ty->array_len < 0) {
            var->ty = ty;
        }
        if (has_init && var->init) {
            error_tok(p->c, name, "redefinition of '%s'", var->name);
            previous_note(p, var, "definition");
        }
        if (!attr->is_extern || has_init)
            var->is_extern = false;
        if (attr->is_static && !var->is_static)
            error_tok(p->c, name, "static declaration of '%s' follows non-static declaration",
                      var->name);
        if (p->scope != p->file_scope)
            push_var(p, p->scope, name)->var = var;
        if (has_init)
            var->tok = name;
        return var;
    }
    var = new_global(p, name_str(p, name), ty, name);
    var->is_static = attr->is_static;
    var->is_tls = attr->is_tls;
    var->is_extern = attr->is_extern && !has_init;
    push_var(p, p->file_scope, name)->var = var;
    if (p->scope != p->file_scope)
        push_var(p, p->scope, name)->var = var;
    return var;
}

/* The initializer of an object of static storage, kept as constants.
 * static-initializer = initializer */
static void static_initializer(Parser *p, Token **rest, Token *tok, Obj *var) {
    Initializer *init = parse_initializer(p, rest, tok, var->ty);
    var->ty = init->ty;
    fold_global_init(p, init);
    var->init = init;
}

/* global-variable = declarator ("=" static-initializer)?
 * (from the token after the declarator) */
static void global_variable(Parser *p, Token **rest, Token *tok, Token *name, Type *ty,
                            VarAttr *attr) {
    if (ty->kind == TY_VOID)
        error_tok(p->c, name, "variable or field '%.*s' declared void", name->len, name->loc);
    bool has_init = equal(tok, "=");
    Obj *var = declare_global_var(p, name, ty, attr, has_init);
    if (has_init) {
        if (attr->is_extern)
            warn_tok(p->c, name, "'%s' initialized and declared 'extern'", var->name);
        static_initializer(p, &tok, tok->next, var);
    }
    *rest = tok;
}

/* static int x = 1; inside a function: a global with a private name. */
static void static_local(Parser *p, Token **rest, Token *tok, Token *name, Type *ty,
                         VarAttr *attr) {
    char *unique = arena_printf(&p->c->arena, "__mj_static_%s_%.*s_%d", p->fn->name,
                                name->len, name->loc, p->counter++);
    Obj *var = new_global(p, unique, ty, name);
    var->is_static = true;
    var->is_definition = true;
    var->is_tls = attr->is_tls;
    push_var(p, p->scope, name)->var = var;
    if (equal(tok, "="))
        static_initializer(p, &tok, tok->next, var);
    if (completed(var->ty)->size < 0)
        error_tok(p->c, name, "storage size of '%.*s' isn't known", name->len, name->loc);
    *rest = tok;
}

/* Skips an initializer that cannot be used, up to the ',' or ';' after it. */
static Token *skip_vla_initializer(Token *tok) {
    int depth = 0;
    for (; tok->kind != TK_EOF; tok = tok->next) {
        if (depth == 0 && (equal(tok, ",") || equal(tok, ";")))
            break;
        if (equal(tok, "{") || equal(tok, "(") || equal(tok, "["))
            depth++;
        else if (equal(tok, "}") || equal(tok, ")") || equal(tok, "]"))
            depth--;
    }
    return tok;
}

static Node *expr_stmt_of(Parser *p, Node *e) {
    Node *st = new_node(p, ND_EXPR_STMT, e->tok);
    st->lhs = e;
    return st;
}

/* T v[n]: a hidden pointer to storage on the stack; v names *pointer.
 * alloca's storage lives until the function returns (libgccjit 12 has no
 * __builtin_stack_save), so each declaration keeps the block it got and
 * its capacity and takes a new one only when the size grows: a loop that
 * declares a VLA on every iteration reuses one block (the previous
 * iteration's object is dead by then, C11 6.2.4p7).
 * vla-variable = declarator ("=" initializer)?
 * (from the token after the declarator; the initializer is an error) */
static Node *vla_variable(Parser *p, Token **rest, Token *tok, Token *name, Type *ty) {
    if (equal(tok, "=")) {
        error_tok(p->c, name, "variable-sized object may not be initialized");
        tok = skip_vla_initializer(tok->next);
    }
    Type *pty = pointer_to(p->c, ty);
    Obj *ptr = new_local(p, arena_printf(&p->c->arena, "__mj_vla_%.*s_%d", name->len, name->loc,
                                         p->counter++), pty, name);
    VarScope *v = push_var(p, p->scope, name);
    v->var = ptr;
    v->is_vla = true;
    if (!ty->vla_size) {   /* [*]: reported by vla_sizes */
        *rest = tok;
        return NULL;
    }
    Obj *cap = new_local(p, arena_printf(&p->c->arena, "__mj_vla_cap_%d", p->counter++),
                         TY(ty_ulong), name);
    Node *zero = expr_stmt_of(p, new_assign(p, new_var_node(p, cap, name),
                                            new_num(p, 0, ty_ulong, name), name));
    zero->next = p->vla_entry;
    p->vla_entry = zero;

    /* cap = size > 2 * cap ? size : 2 * cap: growing geometrically keeps
     * a loop over ever larger sizes within twice the largest */
    Node *twice = new_binary(p, ND_MUL, new_var_node(p, cap, name), new_num(p, 2, ty_ulong, name),
                             TY(ty_ulong), name);
    Node *bigger = new_binary(p, ND_GT, size_of_type(p, ty, name), twice, TY(ty_int), name);
    Node *twice2 = new_binary(p, ND_MUL, new_var_node(p, cap, name),
                              new_num(p, 2, ty_ulong, name), TY(ty_ulong), name);
    Node *new_cap = new_cond(p, bigger, size_of_type(p, ty, name), twice2, name);
    Node *grow = new_node(p, ND_BLOCK, name);
    grow->body = expr_stmt_of(p, new_assign(p, new_var_node(p, cap, name), new_cap, name));
    Node *storage = vla_alloca(p, new_var_node(p, cap, name), pty, name);
    grow->body->next = expr_stmt_of(p, new_assign(p, new_var_node(p, ptr, name), storage, name));
    Node *st = new_node(p, ND_IF, name);
    st->cond = new_binary(p, ND_GT, size_of_type(p, ty, name), new_var_node(p, cap, name),
                          TY(ty_int), name);
    st->then = grow;
    *rest = tok;
    return st;
}

/* local-variable = declarator ("=" local-initializer)?
 * (from the token after the declarator) */
static Node *local_variable(Parser *p, Token **rest, Token *tok, Token *name, Type *ty) {
    VarScope *prev = find_var_in(p->scope, name);
    if (prev) {
        error_tok(p->c, name, "redeclaration of '%.*s' with no linkage", name->len, name->loc);
        if (prev->var)
            previous_note(p, prev->var, "declaration");
    }
    if (ty->kind == TY_VOID)
        error_tok(p->c, name, "variable or field '%.*s' declared void", name->len, name->loc);
    if (ty->is_vla)
        return vla_variable(p, rest, tok, name, ty);
    Obj *var = new_local(p, name_str(p, name), ty, name);
    push_var(p, p->scope, name)->var = var;
    Node *node = NULL;
    if (equal(tok, "="))
        node = local_initializer(p, &tok, tok->next, var);
    if (completed(var->ty)->size < 0 && var->ty->kind != TY_VOID)
        error_tok(p->c, name, "storage size of '%.*s' isn't known", name->len, name->loc);
    *rest = tok;
    return node;
}

/* auto-type-decl = "__auto_type" ident "=" assign ";"   (GNU C)
 * The variable takes the type of its initialiser after lvalue conversion
 * (arrays and functions become pointers, qualifiers go), as in gcc. The
 * initialiser is read before the name is declared, so it cannot see it. */
static Node *auto_type_declaration(Parser *p, Token **rest, Token *tok) {
    Token *name = tok->next;
    if (name->kind != TK_IDENT)
        syntax_error(p, name, "expected identifier %s", before_tok(p, name));
    if (!equal(name->next, "="))
        syntax_error(p, tok, "'__auto_type' requires an initialized data declaration");
    Token *kw = tok;
    Node *init = rval(p, assign(p, &tok, name->next->next));
    if (equal(tok, ","))
        syntax_error(p, kw, "'__auto_type' may only be used with a single declarator");
    *rest = skip(p, tok, ";");
    Type *ty = unqual(init->ty);
    if (ty->kind == TY_VOID || ty->is_vla) {
        error_tok(p->c, name, ty->kind == TY_VOID
                                  ? "variable or field '%.*s' declared void"
                                  : "'__auto_type' of a variably modified type is not "
                                    "supported yet ('%.*s')",
                  name->len, name->loc);
        ty = TY(ty_int);
    }
    if (find_var_in(p->scope, name))
        error_tok(p->c, name, "redeclaration of '%.*s' with no linkage", name->len, name->loc);
    Obj *var = new_local(p, name_str(p, name), ty, name);
    push_var(p, p->scope, name)->var = var;
    return expr_stmt_of(p, new_assign(p, new_var_node(p, var, name), init, name));
}

/* The type a typedef with aligned(N) names: ty, as aligned as N says
 * (more or, for a typedef, less), its size unchanged, as gcc's variant
 * type. The last aligned(N) of the declarator wins over the specifiers'. */
static Type *aligned_typedef(Parser *p, Type *ty, const Attrs *spec, const Attrs *decl) {
    int n = decl->aligned ? decl->aligned : spec->aligned;
    if (!n || n == ty->align)
        return ty;
    if (ty->kind == TY_ARRAY || ty->kind == TY_FUNC || ty->size < 0) {
        error_tok(p->c, decl->aligned ? decl->aligned_tok : spec->aligned_tok,
                  "the 'aligned' attribute on a typedef of an array, function or incomplete "
                  "type is not supported yet");
        return ty;
    }
    Type *t = copy_type(p->c, ty);
    t->align = n;
    return t;
}

/* The alignment an object of type ty has in gcc's view of memjit's
 * lowering: its element type's own, not what an aligned typedef says. */
static int lowered_align(Type *ty) {
    while (ty->kind == TY_ARRAY)
        ty = ty->base;
    return unqual(ty)->align;
}

/* _Alignas or aligned(N) on a variable declaration; an object of an
 * over-aligned typedef's type is aligned as the typedef says. */
static void set_decl_align(Parser *p, Token *name, int align) {
    VarScope *v = find_var(p, name);
    if (!v || !v->var || v->var->is_function)
        return;
    Type *elem = v->var->ty;
    while (elem->kind == TY_ARRAY)
        elem = elem->base;
    if (elem->align > lowered_align(elem) && elem->align > align)
        align = elem->align;
    if (align > 0 && align > v->var->align)
        v->var->align = align;
}

/* declaration = declspec (init-declarator ("," init-declarator)*)? ";"
 * init-declarator = declarator ("=" initializer)? */
/* The alignment the attributes of a declaration ask for, at least align;
 * what cannot apply to the declared thing (what) is refused. */
static int declared_align(Parser *p, int align, const Attrs *spec, const Attrs *decl,
                          const char *what, bool is_object) {
    if (!is_object) {
        refuse_attrs(p, spec, what);
        refuse_attrs(p, decl, what);
        return align;
    }
    Attrs rest = *spec;
    rest.aligned_tok = NULL;
    refuse_attrs(p, &rest, what);
    rest = *decl;
    rest.aligned_tok = NULL;
    refuse_attrs(p, &rest, what);
    if (spec->aligned > align)
        align = spec->aligned;
    if (decl->aligned > align)
        align = decl->aligned;
    return align;
}

/* declaration = declspec (init-declarator ("," init-declarator)*)? ";"
 * init-declarator = declarator attribute* asm-label? ("=" initializer)?
 * (from the token after the declspec, which the caller parsed) */
static Node *declaration(Parser *p, Token **rest, Token *tok, Type *basety, VarAttr *attr) {
    int align = p->decl_align;
    const Attrs *spec_attrs = p->spec_attrs;
    Node head = {0};
    Node *cur = &head;
    bool first = true;
    while (!equal(tok, ";")) {
        if (!first && !equal(tok, ","))
            syntax_error(p, tok, "expected ',' or ';' %s", before_tok(p, tok));
        if (!first)
            tok = tok->next;
        first = false;
        Token *at = tok, *name = NULL;
        Type *ty = declarator(p, &tok, tok, basety, &name);
        if (!name)
            syntax_error(p, at, "expected identifier or '(' %s", before_tok(p, at));
        int obj_align = declared_align(
            p, align, spec_attrs, p->decl_attrs,
            attr->is_typedef ? "a typedef" : ty->kind == TY_FUNC ? "a function" : "a variable",
            ty->kind != TY_FUNC);
        if (attr->is_typedef)
            ty = aligned_typedef(p, ty, spec_attrs, p->decl_attrs);
        if (is_variably_modified(ty) && !attr->is_typedef && (attr->is_static || attr->is_extern)) {
            error_tok(p->c, name, "object '%.*s' of variably modified type must have no linkage "
                      "and automatic storage", name->len, name->loc);
            ty = TY(ty_int);
        }
        for (Node *st = vla_sizes(p, ty, at); st; st = st->next)
            cur = cur->next = st;
        if (is_variably_modified(ty) && p->fn)
            enter_vla_scope(p, name);
        if (attr->is_typedef) {
            declare_typedef(p, name, ty);
        } else if (ty->kind == TY_FUNC) {
            declare_function(p, name, ty, attr, false);
        } else if (attr->is_extern) {
            declare_global_var(p, name, ty, attr, false);
        } else if (attr->is_static) {
            static_local(p, &tok, tok, name, ty, attr);
        } else {
            if (attr->is_tls)
                error_tok(p->c, name, "'_Thread_local' in declaration of '%.*s' with no linkage "
                                      "and automatic storage", name->len, name->loc);
            Node *init = local_variable(p, &tok, tok, name, ty);
            if (init)
                cur = cur->next = init;
        }
        set_decl_align(p, name, obj_align);
    }
    *rest = tok->next;
    if (!head.next)
        return new_node(p, ND_NULL_STMT, tok);
    Node *node = new_node(p, ND_BLOCK, tok);
    node->body = head.next;
    return node;
}

/* static-assert = "_Static_assert" "(" const-expr ("," string)? ")" ";" */
static Token *static_assertion(Parser *p, Token *tok) {
    tok = skip(p, tok->next, "(");
    Node *n = conditional(p, &tok, tok);
    Token *msg = NULL;
    if (consume(&tok, tok, ",")) {
        if (tok->kind != TK_STR)
            syntax_error(p, tok, "expected string literal %s", before_tok(p, tok));
        msg = tok;
        tok = tok->next;
    }
    tok = skip(p, tok, ")");
    tok = skip(p, tok, ";");
    int64_t v;
    if (!eval_int(n, &v))
        error_tok(p->c, n->tok, "expression in static assertion is not an integer constant expression");
    else if (!v && msg)
        error_tok(p->c, n->tok, "static assertion failed: \"%s\"", msg->str);
    else if (!v)
        error_tok(p->c, n->tok, "static assertion failed");
    return tok;
}

/* ------------------------------------------------------------------
 * asm statements (GNU C), handed to libgccjit's extended asm
 * ---------------------------------------------------------------- */

static bool is_asm_kw(const Token *tok) {
    return equal(tok, "asm") || equal(tok, "__asm__") || equal(tok, "__asm");
}

/* The bytes of a (concatenated) narrow string literal, NUL-terminated.
 * asm-string = str */
static const char *asm_string(Parser *p, Token **rest, Token *tok, const char *what) {
    if (tok->kind != TK_STR || tok->ty->base->size != 1)
        syntax_error(p, tok, "expected string literal %s %s", what, before_tok(p, tok));
    *rest = tok->next;
    if (memchr(tok->str, '\0', (size_t)tok->str_len - 1))
        error_tok(p->c, tok, "null character in %s", what);
    return tok->str;
}

/* A memory operand may be an lvalue as it is (an array, a struct): gcc
 * wants the object then, not its value. */
static bool allows_memory(const char *constraint) {
    return strpbrk(constraint, "moVg") != NULL;
}

/* operand = ("[" ident "]")? string "(" expr ")" */
static AsmOperand *asm_operand(Parser *p, Token **rest, Token *tok, bool is_output, int n) {
    AsmOperand *op = arena_alloc(&p->c->arena, sizeof *op);
    if (equal(tok, "[")) {
        if (tok->next->kind != TK_IDENT)
            syntax_error(p, tok->next, "expected identifier %s", before_tok(p, tok->next));
        op->name = tok_name(p, tok->next);
        tok = skip(p, tok->next->next, "]");
    }
    Token *ctok = tok;
    op->constraint = asm_string(p, &tok, tok, "in asm operand");
    tok = skip(p, tok, "(");
    Token *etok = tok;
    Node *e = expr(p, &tok, tok);
    *rest = skip(p, tok, ")");
    bool writes = op->constraint[0] == '=' || op->constraint[0] == '+';
    if (is_output && !writes)
        error_tok(p->c, ctok, "output operand constraint lacks '='");
    if (!is_output && writes)
        error_tok(p->c, ctok, "input operand constraint contains '%c'", op->constraint[0]);
    if (is_output) {
        if (!is_lvalue(e) || e->kind == ND_STR)
            error_tok(p->c, etok, "lvalue required in 'asm' statement");
        else if (e->kind == ND_MEMBER && e->member->is_bitfield)
            error_tok(p->c, etok, "asm output %d is a bit-field", n);
        else
            check_modifiable(p, e, etok, "assignment");
    } else if (e->ty->kind == TY_VOID) {
        error_tok(p->c, etok, "invalid use of void expression");
    } else if (!(is_lvalue(e) && allows_memory(op->constraint))) {
        e = rval(p, e);
    }
    op->expr = e;
    return op;
}

/* operands = (operand ("," operand)*)? */
static AsmOperand *asm_operands(Parser *p, Token **rest, Token *tok, bool is_output,
                                int *count) {
    AsmOperand head = {0}, *cur = &head;
    if (tok->kind == TK_STR || equal(tok, "[")) {
        do {
            cur = cur->next = asm_operand(p, &tok, tok, is_output, (*count)++);
        } while (consume(&tok, tok, ","));
    }
    *rest = tok;
    return head.next;
}

/* clobbers = (string ("," string)*)? */
static AsmOperand *asm_clobbers(Parser *p, Token **rest, Token *tok) {
    AsmOperand head = {0}, *cur = &head;
    if (tok->kind == TK_STR) {
        do {
            cur = cur->next = arena_alloc(&p->c->arena, sizeof *cur);
            cur->constraint = asm_string(p, &tok, tok, "in asm clobber");
        } while (consume(&tok, tok, ","));
    }
    *rest = tok;
    return head.next;
}

/* gcc's basic asm takes its text literally; extended asm reads '%'. */
static const char *basic_asm_text(Parser *p, const char *text) {
    StrBuf sb;
    sb_init(&sb, &p->c->arena);
    for (; *text; text++) {
        if (*text == '%')
            sb_putc(&sb, '%');
        sb_putc(&sb, *text);
    }
    return sb_str(&sb);
}

/* asm-stmt  = asm-kw asm-qual* "(" string
 *             (":" operands (":" operands (":" clobbers)?)?)? ")" ";"
 * asm-kw    = "asm" | "__asm__" | "__asm"
 * asm-qual  = "volatile" | "__volatile__" | "__volatile" | "inline"
 *           | "__inline__" | "__inline" | "goto"
 * Without operands it is a basic asm: volatile, its text taken as it is.
 * An asm without outputs is volatile too, as in gcc. */
static Node *asm_stmt(Parser *p, Token **rest, Token *tok) {
    p->c->has_asm = true;
    Node *node = new_node(p, ND_ASM, tok);
    AsmStmt *a = arena_alloc(&p->c->arena, sizeof *a);
    node->asm_stmt = a;
    tok = tok->next;
    for (;; tok = tok->next) {
        if (is_volatile_kw(tok))
            a->is_volatile = true;
        else if (equal(tok, "inline") || equal(tok, "__inline__") || equal(tok, "__inline"))
            a->is_inline = true;
        else if (equal(tok, "goto"))
            syntax_error(p, tok, "'asm goto' is not supported yet");
        else
            break;
    }
    tok = skip(p, tok, "(");
    const char *text = asm_string(p, &tok, tok, "in asm statement");
    if (!equal(tok, ":")) {
        a->text = basic_asm_text(p, text);
        a->is_volatile = true;
    } else {
        a->text = text;
        int count = 0;
        a->outputs = asm_operands(p, &tok, tok->next, true, &count);
        if (consume(&tok, tok, ":"))
            a->inputs = asm_operands(p, &tok, tok, false, &count);
        if (consume(&tok, tok, ":"))
            a->clobbers = asm_clobbers(p, &tok, tok);
        if (equal(tok, ":"))
            syntax_error(p, tok, "'asm goto' is not supported yet");
        if (!a->outputs)
            a->is_volatile = true;
    }
    tok = skip(p, tok, ")");
    *rest = skip(p, tok, ";");
    return node;
}

/* File scope: what it holds goes to the assembler as it is.
 * toplevel-asm = asm-kw "(" asm-string ")" ";" */
static Token *toplevel_asm(Parser *p, Token *tok) {
    p->c->has_asm = true;
    Token *start = tok;
    tok = skip(p, tok->next, "(");
    const char *text = asm_string(p, &tok, tok, "in asm statement");
    if (equal(tok, ":"))
        error_tok(p->c, start, "expected ')' before ':' token");
    tok = skip(p, tok, ")");
    p->c->toplevel_asm = arena_printf(&p->c->arena, "%s%s\n",
                                      p->c->toplevel_asm ? p->c->toplevel_asm : "", text);
    return skip(p, tok, ";");
}

/* ------------------------------------------------------------------
 * Statements
 * ---------------------------------------------------------------- */

/* expr-stmt = expr? ";" */
static Node *expr_stmt(Parser *p, Token **rest, Token *tok) {
    if (equal(tok, ";")) {
        *rest = tok->next;
        return new_node(p, ND_NULL_STMT, tok);
    }
    Node *node = new_node(p, ND_EXPR_STMT, tok);
    node->lhs = discarded(p, rval(p, expr(p, &tok, tok)));
    *rest = skip(p, tok, ";");
    return node;
}

/* return-stmt = "return" expr? ";" */
static Node *return_stmt(Parser *p, Token **rest, Token *tok) {
    Node *node = new_node(p, ND_RETURN, tok);
    Type *ret = p->fn->ty->return_ty;
    if (consume(rest, tok->next, ";")) {
        if (ret->kind != TY_VOID)
            error_tok(p->c, tok, "'return' with no value, in function returning non-void");
        return node;
    }
    Node *e = expr(p, &tok, tok->next);
    *rest = skip(p, tok, ";");
    if (ret->kind == TY_VOID) {
        if (e->ty->kind != TY_VOID) {
            error_tok(p->c, e->tok, "'return' with a value, in function returning void");
            return node;
        }
        /* return f(); in a void function: call, then return. */
        Node *call = new_node(p, ND_EXPR_STMT, e->tok);
        call->lhs = e;
        call->next = node;
        Node *block = new_node(p, ND_BLOCK, tok);
        block->body = call;
        return block;
    }
    ConvCtx cx = {CV_RETURN, e->tok, NULL, 0};
    node->lhs = convert_assign(p, e, ret, &cx);
    return node;
}

/* condition = "(" expr ")" */
static Node *condition(Parser *p, Token **rest, Token *tok) {
    tok = skip(p, tok, "(");
    Node *cond = scalar_operand(p, expr(p, &tok, tok));
    *rest = skip(p, tok, ")");
    return cond;
}

/* The body of a loop, with break and continue bound to it.
 * loop-body = stmt */
static Node *loop_body(Parser *p, Token **rest, Token *tok, Node *loop) {
    Node *saved = p->loop, *saved_brk = p->brk;
    p->loop = p->brk = loop;
    Node *body = stmt(p, rest, tok);
    p->loop = saved;
    p->brk = saved_brk;
    return body;
}

/* for-stmt = "for" "(" (declaration | expr-stmt) expr? ";" expr? ")" stmt */
static Node *for_stmt(Parser *p, Token **rest, Token *tok) {
    Node *node = new_node(p, ND_FOR, tok);
    tok = skip(p, tok->next, "(");
    enter_scope(p);
    if (equal(tok, "__auto_type")) {
        node->init = auto_type_declaration(p, &tok, tok);
    } else if (is_typename(p, tok)) {
        VarAttr attr = {0};
        Token *at = tok;
        Type *basety = declspec(p, &tok, tok, &attr);
        if (attr.is_typedef || attr.is_extern)
            error_tok(p->c, at, "declaration of non-variable in 'for' loop initial declaration");
        node->init = declaration(p, &tok, tok, basety, &attr);
    } else {
        node->init = expr_stmt(p, &tok, tok);
    }
    if (!equal(tok, ";"))
        node->cond = scalar_operand(p, expr(p, &tok, tok));
    tok = skip(p, tok, ";");
    if (!equal(tok, ")"))
        node->inc = discarded(p, rval(p, expr(p, &tok, tok)));
    tok = skip(p, tok, ")");
    node->then = loop_body(p, rest, tok, node);
    leave_scope(p);
    return node;
}

/* switch-stmt = "switch" "(" expr ")" stmt */
static Node *switch_stmt(Parser *p, Token **rest, Token *tok) {
    Node *node = new_node(p, ND_SWITCH, tok);
    tok = skip(p, tok->next, "(");
    Node *cond = rval(p, expr(p, &tok, tok));
    tok = skip(p, tok, ")");
    if (!is_integer(cond->ty)) {
        error_tok(p->c, cond->tok, "switch quantity not an integer");
        cond = error_node(p, cond->tok);
    }
    node->cond = new_cast(p, cond, int_promote(cond->ty));
    Node *saved_brk = p->brk, *saved_sw = p->sw;
    VlaDecl *saved_vla = p->sw_vla;
    p->brk = p->sw = node;
    p->sw_vla = p->scope->vla;
    node->then = stmt(p, rest, tok);
    p->brk = saved_brk;
    p->sw = saved_sw;
    p->sw_vla = saved_vla;
    return node;
}

/* The statement after a label. A label may also end a block or precede a
 * declaration (as gcc allows): then it labels nothing, and what follows
 * is parsed as the next block item.
 * labeled-body = stmt? */
static Node *labeled_body(Parser *p, Token **rest, Token *tok) {
    if (equal(tok, "}") || (is_typename(p, tok) && !equal(tok->next, ":"))) {
        *rest = tok;
        return NULL;
    }
    return stmt(p, rest, tok);
}

/* Adds a case to the innermost switch; values are compared after their
 * conversion to the switch's promoted type, as C11 6.8.4.2p5 says. */
static void add_case(Parser *p, Node *node) {
    Node *sw = p->sw;
    for (Node *c = sw->case_next; c; c = c->case_next) {
        if (node->is_default && c->is_default) {
            error_tok(p->c, node->tok, "multiple default labels in one switch");
            note_tok(p->c, c->tok, "this is the first default label");
            return;
        }
        if (!node->is_default && !c->is_default && c->ival == node->ival) {
            error_tok(p->c, node->tok, "duplicate case value");
            note_tok(p->c, c->tok, "previously used here");
            return;
        }
    }
    node->case_next = sw->case_next;
    sw->case_next = node;
    if (node->is_default)
        sw->default_case = node;
}

/* case-label = ("case" conditional | "default") ":" stmt */
static Node *case_label(Parser *p, Token **rest, Token *tok) {
    Node *node = new_node(p, ND_CASE, tok);
    node->is_default = equal(tok, "default");
    tok = tok->next;
    if (!node->is_default) {
        Node *e = conditional(p, &tok, tok);
        int64_t v = 0;
        if (!is_integer(e->ty) || !eval_int(e, &v))
            error_tok(p->c, e->tok, "case label does not reduce to an integer constant");
        node->ival = p->sw ? wrap_int(v, p->sw->cond->ty) : v;
    }
    tok = skip(p, tok, ":");
    if (!p->sw)
        error_tok(p->c, node->tok, node->is_default
                                       ? "'default' label not within a switch statement"
                                       : "case label not within a switch statement");
    else
        add_case(p, node);
    VlaDecl *d = p->sw ? vla_entered(p->sw_vla, p->scope->vla) : NULL;
    if (d && d->is_stmt_expr) {
        error_tok(p->c, node->tok, "switch jumps into statement expression");
        note_tok(p->c, p->sw->tok, "switch starts here");
    } else if (d) {
        error_tok(p->c, node->tok, "switch jumps into scope of identifier with variably "
                  "modified type");
        note_tok(p->c, p->sw->tok, "switch starts here");
        note_tok(p->c, d->name, "'%.*s' declared here", d->name->len, d->name->loc);
    }
    node->lhs = labeled_body(p, rest, tok);
    return node;
}

/* labeled-stmt = ident ":" stmt */
static Node *labeled_stmt(Parser *p, Token **rest, Token *tok) {
    Node *node = new_node(p, ND_LABEL, tok);
    node->label = tok_name(p, tok);
    for (Node *l = p->labels; l; l = l->case_next) {
        if (strcmp(l->label, node->label) == 0) {
            error_tok(p->c, tok, "duplicate label '%s'", node->label);
            note_tok(p->c, l->tok, "previous definition of '%s' was here", node->label);
            break;
        }
    }
    node->case_next = p->labels;
    p->labels = node;
    note_jump(p, node);
    node->lhs = labeled_body(p, rest, tok->next->next);
    return node;
}

/* goto-stmt = "goto" ident ";" (the label is found when the function ends) */
static Node *goto_stmt(Parser *p, Token **rest, Token *tok) {
    Node *node = new_node(p, ND_GOTO, tok);
    if (equal(tok->next, "*"))
        syntax_error(p, tok->next, "computed goto is not supported yet");
    if (tok->next->kind != TK_IDENT)
        syntax_error(p, tok->next, "expected identifier %s", before_tok(p, tok->next));
    node->label = tok_name(p, tok->next);
    node->case_next = p->gotos;
    p->gotos = node;
    note_jump(p, node);
    *rest = skip(p, tok->next->next, ";");
    return node;
}

/* Labels have function scope: every goto finds its label at the end. */
static void resolve_gotos(Parser *p) {
    for (Node *g = p->gotos; g; g = g->case_next) {
        for (Node *l = p->labels; l && !g->target; l = l->case_next)
            if (strcmp(l->label, g->label) == 0)
                g->target = l;
        if (!g->target)
            error_tok(p->c, g->tok, "label '%s' used but not defined", g->label);
        else
            check_vla_jump(p, g);
    }
    p->jumps = NULL;
}

/* stmt = "return" expr? ";"
 *      | "if" "(" expr ")" stmt ("else" stmt)?
 *      | "while" "(" expr ")" stmt
 *      | "do" stmt "while" "(" expr ")" ";"
 *      | for-stmt
 *      | "break" ";" | "continue" ";"
 *      | switch-stmt | case-label | "goto" ident ";" | labeled-stmt | asm-stmt
 *      | "{" compound-stmt
 *      | expr-stmt */
static Node *stmt(Parser *p, Token **rest, Token *tok) {
    enter(p, tok, "too many nested blocks");
    release_temps(p);
    Node *node;
    if (equal(tok, "return")) {
        node = return_stmt(p, rest, tok);
    } else if (equal(tok, "if")) {
        node = new_node(p, ND_IF, tok);
        node->cond = condition(p, &tok, tok->next);
        node->then = stmt(p, &tok, tok);
        if (equal(tok, "else"))
            node->els = stmt(p, &tok, tok->next);
        *rest = tok;
    } else if (equal(tok, "while")) {
        node = new_node(p, ND_FOR, tok);
        node->cond = condition(p, &tok, tok->next);
        node->then = loop_body(p, rest, tok, node);
    } else if (equal(tok, "do")) {
        node = new_node(p, ND_DO, tok);
        node->then = loop_body(p, &tok, tok->next, node);
        if (!equal(tok, "while"))
            syntax_error(p, tok, "expected 'while' %s", before_tok(p, tok));
        node->cond = condition(p, &tok, tok->next);
        *rest = skip(p, tok, ";");
    } else if (equal(tok, "for")) {
        node = for_stmt(p, rest, tok);
    } else if (equal(tok, "break") || equal(tok, "continue")) {
        bool is_break = equal(tok, "break");
        node = new_node(p, is_break ? ND_BREAK : ND_CONTINUE, tok);
        node->target = is_break ? p->brk : p->loop;
        if (!node->target)
            error_tok(p->c, tok, is_break ? "break statement not within loop or switch"
                                          : "continue statement not within a loop");
        *rest = skip(p, tok->next, ";");
    } else if (equal(tok, "{")) {
        node = compound_stmt(p, rest, tok->next);
    } else if (equal(tok, "switch")) {
        node = switch_stmt(p, rest, tok);
    } else if (equal(tok, "case") || equal(tok, "default")) {
        node = case_label(p, rest, tok);
    } else if (equal(tok, "goto")) {
        node = goto_stmt(p, rest, tok);
    } else if (is_asm_kw(tok)) {
        node = asm_stmt(p, rest, tok);
    } else if (tok->kind == TK_IDENT && equal(tok->next, ":")) {
        node = labeled_stmt(p, rest, tok);
    } else {
        node = expr_stmt(p, rest, tok);
    }
    leave(p);
    return node;
}

/* `foo_t x;` or `foo_t *x;` with foo_t undeclared: a declaration with a
 * misspelt or missing type name. Reported, and parsed on as int. */
static bool is_unknown_type_name(Parser *p, Token *tok) {
    if (tok->kind != TK_IDENT || find_var(p, tok))
        return false;
    Token *t = tok->next;
    while (equal(t, "*"))
        t = t->next;
    if (t->kind != TK_IDENT || (t != tok->next && p->fn))
        return false;
    error_tok(p->c, tok, "unknown type name '%.*s'", tok->len, tok->loc);
    return true;
}

/* block-item = static-assert | auto-type-decl | declaration | stmt */
static Node *block_item(Parser *p, Token **rest, Token *tok) {
    release_temps(p);
    if (equal(tok, "_Static_assert")) {
        *rest = static_assertion(p, tok);
        return new_node(p, ND_NULL_STMT, tok);
    }
    if (equal(tok, "__auto_type"))
        return auto_type_declaration(p, rest, tok);
    if (is_typename(p, tok) && !equal(tok->next, ":")) {
        VarAttr attr = {0};
        Type *basety = declspec(p, &tok, tok, &attr);
        return declaration(p, rest, tok, basety, &attr);
    }
    if (!find_var(p, tok) && is_unknown_type_name(p, tok)) {
        VarAttr attr = {0};
        p->decl_align = 0;   // no declspec ran: none of an earlier one's
        p->spec_attrs = &no_attrs;
        return declaration(p, rest, tok->next, TY(ty_int), &attr);
    }
    return stmt(p, rest, tok);
}

/* A block item parsed under a recovery point. */
typedef struct GuardedItem {
    Parser *p;
    Token **rest;
    Token *tok;
    Node *node;
} GuardedItem;

static void parse_guarded_item(void *arg) {
    GuardedItem *g = arg;
    g->node = block_item(g->p, g->rest, g->tok);
}

/* A block item with its own recovery point: after a syntax error in it,
 * parsing resumes after it. Fatal errors and running out of memory pass
 * through to the compile's boundary.
 * guarded-block-item = block-item */
static Node *guarded_block_item(Parser *p, Token **rest, Token *tok) {
    jmp_buf buf;
    jmp_buf *saved_recover = p->recover;
    Scope *saved_scope = p->scope;
    Node *saved_loop = p->loop, *saved_brk = p->brk, *saved_sw = p->sw;
    int saved_depth = p->c->depth;
    p->recover = &buf;
    GuardedItem g = {p, rest, tok, NULL};
    Escape why = run_protected(&buf, parse_guarded_item, &g);
    p->recover = saved_recover;
    if (why == ESCAPE_NONE)
        return g.node;
    p->scope = saved_scope;
    p->loop = saved_loop;
    p->brk = saved_brk;
    p->sw = saved_sw;
    p->c->depth = saved_depth;
    p->flex_init = NULL;
    *rest = recover_from(p, tok, false);
    return new_node(p, ND_NULL_STMT, tok);
}

/* compound-stmt = block-item* "}" */
static Node *compound_stmt(Parser *p, Token **rest, Token *tok) {
    enter(p, tok, "too many nested blocks");
    Node *node = new_node(p, ND_BLOCK, tok);
    Node head = {0};
    Node *cur = &head;
    enter_scope(p);
    while (!equal(tok, "}")) {
        if (tok->kind == TK_EOF) {
            error_tok(p->c, tok, "expected declaration or statement at end of input");
            break;
        }
        cur = cur->next = guarded_block_item(p, &tok, tok);
    }
    leave_scope(p);
    node->body = head.next;
    *rest = tok->kind == TK_EOF ? tok : tok->next;
    leave(p);
    return node;
}

/* ------------------------------------------------------------------
 * Functions and the translation unit
 * ---------------------------------------------------------------- */

static void declare_params(Parser *p, Type *ty) {
    int i = 0;
    for (Type *pt = ty->params; pt; pt = pt->next) {
        i++;
        Type *pty = qualified(p->c, unqual(pt), pt->is_const, pt->is_volatile);
        if (completed(pty)->size < 0 && pty->kind != TY_ARRAY)
            error_tok(p->c, pt->name ? pt->name : pt->tok, "parameter %d ('%.*s') has incomplete type",
                      i, pt->name ? pt->name->len : 0, pt->name ? pt->name->loc : "");
        if (!pt->name) {
            error_tok(p->c, pt->tok, "parameter name omitted");
            new_local(p, arena_printf(&p->c->arena, "__mj_param_%d", i), pty, pt->tok);
            continue;
        }
        if (find_var_in(p->scope, pt->name))
            error_tok(p->c, pt->name, "redefinition of parameter '%.*s'", pt->name->len,
                      pt->name->loc);
        /* the object the list made: array sizes in later parameters name it */
        Obj *var = pt->param_var;
        if (pt->kr_declared) {   /* the body sees a copy: kr_param_copies */
            new_local(p, arena_printf(&p->c->arena, "__mj_kr_%.*s", pt->name->len,
                                      pt->name->loc), pty, pt->name);
            continue;
        }
        if (var) {
            var->ty = pty;
            link_local(p, var);
        } else {
            var = new_local(p, name_str(p, pt->name), pty, pt->name);
        }
        push_var(p, p->scope, pt->name)->var = var;
    }
}

/* A K&R parameter "char c" arrives as an int: the body's c is a local of
 * the declared type, set from it on entry, as gcc converts it. params is
 * the definition's list of parameter objects, in order. */
static Node *kr_param_copies(Parser *p, Type *ty, Obj *params) {
    Node head = {0};
    Node *cur = &head;
    Obj *param = params;
    for (Type *pt = ty->params; pt && param; pt = pt->next, param = param->next) {
        if (!pt->kr_declared)
            continue;
        Obj *var = new_local(p, name_str(p, pt->name), pt->kr_declared, pt->name);
        push_var(p, p->scope, pt->name)->var = var;
        Node *from = new_cast(p, new_var_node(p, param, pt->name), unqual(pt->kr_declared));
        Node *set = new_binary(p, ND_ASSIGN, new_var_node(p, var, pt->name), from,
                               unqual(pt->kr_declared), pt->name);
        cur = cur->next = expr_stmt_of(p, set);
    }
    return head.next;
}

/* The sizes of the VLAs in the parameters' types (int m[rows][cols] is a
 * pointer to int[cols]), computed on entry from the parameters; for one
 * declared as a VLA, its own size too, so that int a[n++] increments n. */
static Node *param_vla_sizes(Parser *p, Type *ty) {
    Node head = {0};
    Node *cur = &head;
    for (Type *pt = ty->params; pt; pt = pt->next)
        for (Node *st = vla_sizes(p, pt->param_vla ? pt->param_vla : pt, pt->tok); st;
             st = st->next)
            cur = cur->next = st;
    return head.next;
}

/* C99 5.1.2.2.3: reaching the } that ends main returns 0. */
static void add_main_return(Parser *p, Obj *fn, Token *tok) {
    if (strcmp(fn->name, "main") || unqual(fn->ty->return_ty) != TY(ty_int))
        return;
    Node *ret = new_node(p, ND_RETURN, tok);
    ret->lhs = new_num(p, 0, ty_int, tok);
    Node **cur = &fn->body->body;
    while (*cur)
        cur = &(*cur)->next;
    *cur = ret;
}

/* function-definition = declspec declarator "{" compound-stmt */
static void function_definition(Parser *p, Token **rest, Token *tok, Token *name, Type *ty,
                                VarAttr *attr) {
    Obj *fn = declare_function(p, name, ty, attr, true);
    fn->locals = NULL;
    fn->params = NULL;
    p->fn = fn;
    p->locals_tail = NULL;
    p->loop = p->brk = p->sw = NULL;
    p->labels = p->gotos = NULL;
    p->temps = NULL;
    p->last_post = NULL;
    Type *ret = ty->return_ty;
    if ((ret->kind == TY_STRUCT || ret->kind == TY_UNION) && completed(ret)->size < 0)
        error_tok(p->c, name, "return type is an incomplete type");
    enter_scope(p);
    p->fn_scope = p->scope;
    /* Parameters form the tail of the locals list: fn->params runs from
     * the first parameter to the end, fn->locals through everything. */
    declare_params(p, ty);
    p->fn_va = NULL;
    if (ty->is_variadic)
        p->fn_va = new_local(p, "__mj_va", pointer_to(p->c, va_list_type(p, name)->base), name);
    fn->params = fn->locals;
    fn->locals = NULL;
    p->locals_tail = NULL;
    p->vla_entry = NULL;
    p->jumps = NULL;
    Node *sizes = param_vla_sizes(p, ty);
    Node *copies = kr_param_copies(p, ty, fn->params);
    if (copies) {
        Node *last = copies;
        while (last->next)
            last = last->next;
        last->next = sizes;
        sizes = copies;
    }
    fn->body = compound_stmt(p, rest, tok->next);
    if (p->vla_entry) {
        Node *last = p->vla_entry;
        while (last->next)
            last = last->next;
        last->next = sizes;
        sizes = p->vla_entry;
        p->vla_entry = NULL;
    }
    if (sizes) {
        Node *last = sizes;
        while (last->next)
            last = last->next;
        last->next = fn->body->body;
        fn->body->body = sizes;
    }
    if (p->locals_tail)
        p->locals_tail->next = fn->params;
    else
        fn->locals = fn->params;
    add_main_return(p, fn, *rest);
    resolve_gotos(p);
    leave_scope(p);
    p->fn = NULL;
    p->fn_scope = NULL;
    p->fn_va = NULL;
}

/* The K&R parameter of that name in fn's identifier list, or NULL. */
static Type *kr_param_named(Type *fn, const Token *name) {
    for (Type *t = fn->kr_params; t; t = t->next)
        if (t->name->len == name->len && !memcmp(t->name->loc, name->loc, name->len))
            return t;
    return NULL;
}

/* The type a K&R parameter is passed as: the default argument promotions
 * of its declared type (C11 6.5.2.2p6), since callers see "T f()". */
static Type *kr_passed_type(Type *declared) {
    Type *ty = unqual(declared);
    if (ty->kind == TY_FLOAT)
        return TY(ty_double);
    return is_integer(ty) ? int_promote(ty) : declared;
}

/* kr-declarations = (declspec declarator ("," declarator)* ";")*
 * The declarations of a K&R definition's parameters, before its "{"
 * (C11 6.9.1p6). Returns the definition's type: prototyped with the
 * types the parameters are passed as, so that calls convert to them (the
 * same values as the promotions gcc applies). A parameter the list does
 * not declare is int (implicit int: old_c). */
static Type *kr_definition(Parser *p, Token **rest, Token *tok, Type *fn) {
    while (!equal(tok, "{")) {
        if (!is_typename(p, tok))
            syntax_error(p, tok, "expected declaration specifiers %s", before_tok(p, tok));
        VarAttr attr = {0};
        Token *spec = tok;
        Type *base = declspec(p, &tok, tok, &attr);
        if (attr.is_typedef || attr.is_static || attr.is_extern || attr.is_inline || attr.is_tls)
            error_tok(p->c, spec, "storage class specified for a parameter");
        for (bool more = true; more; more = consume(&tok, tok, ",")) {
            Token *name = NULL, *at = tok;
            Type *ty = adjust_param(p, declarator(p, &tok, tok, base, &name));
            Type *slot = name ? kr_param_named(fn, name) : NULL;
            if (!name)
                error_tok(p->c, at, "expected identifier %s", before_tok(p, at));
            else if (!slot)
                error_tok(p->c, name, "declaration for parameter '%.*s' but no such parameter",
                          name->len, name->loc);
            else if (slot->kr_declared)
                error_tok(p->c, name, "redefinition of parameter '%.*s'", name->len, name->loc);
            else if (ty->kind == TY_VOID || ty->is_vla)
                error_tok(p->c, name, "parameter '%.*s' has %s type", name->len, name->loc,
                          ty->is_vla ? "variably modified" : "void");
            else
                slot->kr_declared = ty;
        }
        tok = skip(p, tok, ";");
    }
    *rest = tok;
    Type *def = func_type(p->c, fn->return_ty);
    def->tok = fn->tok;
    def->is_prototyped = true;
    Type head = {0}, *cur = &head;
    for (Type *slot = fn->kr_params; slot; slot = slot->next) {
        Type *declared = slot->kr_declared;
        if (!declared) {
            old_c(p, slot->name, arena_printf(&p->c->arena, "type of '%.*s' defaults to 'int'",
                                               slot->name->len, slot->name->loc));
            declared = TY(ty_int);
        }
        Type *passed = kr_passed_type(declared);
        cur = cur->next = copy_type(p->c, passed);
        cur->name = slot->name;
        cur->tok = slot->tok;
        cur->kr_declared = passed == declared ? NULL : declared;
    }
    def->params = head.next;
    return def;
}

/* global-declaration = declspec (init-declarator ("," init-declarator)*)? ";"
 *                    | declspec declarator kr-declarations? "{" compound-stmt */
static Token *global_declaration(Parser *p, Token *tok) {
    VarAttr attr = {0};
    Type *basety;
    int align = 0;
    const Attrs *spec_attrs = &no_attrs;
    if (is_typename(p, tok)) {
        basety = declspec(p, &tok, tok, &attr);
        align = p->decl_align;
        spec_attrs = p->spec_attrs;
    } else if (tok->kind == TK_IDENT && equal(tok->next, "(")) {
        old_c(p, tok, "return type defaults to 'int'");
        basety = TY(ty_int);
    } else if (is_unknown_type_name(p, tok)) {
        basety = TY(ty_int);
        tok = tok->next;
    } else {
        unsupported_keyword(p, tok);
        syntax_error(p, tok, "expected identifier or '(' %s", before_tok(p, tok));
    }
    bool first = true;
    while (!consume(&tok, tok, ";")) {
        if (!first && !equal(tok, ","))
            syntax_error(p, tok, "expected ',' or ';' %s", before_tok(p, tok));
        if (!first)
            tok = tok->next;
        Token *at = tok, *name = NULL;
        Type *ty = declarator(p, &tok, tok, basety, &name);
        if (!name)
            syntax_error(p, at, "expected identifier or '(' %s", before_tok(p, at));
        int obj_align = declared_align(
            p, align, spec_attrs, p->decl_attrs,
            attr.is_typedef ? "a typedef" : ty->kind == TY_FUNC ? "a function" : "a variable",
            ty->kind != TY_FUNC);
        if (attr.is_typedef)
            ty = aligned_typedef(p, ty, spec_attrs, p->decl_attrs);
        if (attr.is_typedef) {
            declare_typedef(p, name, ty);
        } else if (ty->kind == TY_FUNC) {
            if (first && ty->kr_params && (equal(tok, "{") || is_typename(p, tok)))
                ty = kr_definition(p, &tok, tok, ty);
            else if (ty->kr_params)
                warn_tok(p->c, at, "parameter names (without types) in function declaration");
            if (first && equal(tok, "{")) {
                function_definition(p, &tok, tok, name, ty, &attr);
                return tok;
            }
            declare_function(p, name, ty, &attr, false);
        } else {
            global_variable(p, &tok, tok, name, ty, &attr);
            set_decl_align(p, name, obj_align);
        }
        first = false;
    }
    return tok;
}

/* A top-level declaration parsed under a recovery point. */
typedef struct GuardedTop {
    Parser *p;
    Token *tok;
    Token *rest;
} GuardedTop;

static void parse_guarded_top(void *arg) {
    GuardedTop *g = arg;
    Parser *p = g->p;
    Token *tok = g->tok;
    if (equal(tok, ";"))
        g->rest = tok->next;
    else if (equal(tok, "_Static_assert"))
        g->rest = static_assertion(p, tok);
    else if (is_asm_kw(tok))
        g->rest = toplevel_asm(p, tok);
    else if (equal(tok, "__auto_type"))
        syntax_error(p, tok, "'__auto_type' at file scope is not supported yet");
    else
        g->rest = global_declaration(p, tok);
}

/* A top-level declaration with its own recovery point.
 * top-level = ";" | static-assert | toplevel-asm | global-declaration */
static Token *guarded_top_level(Parser *p, Token *tok) {
    jmp_buf buf;
    int saved_depth = p->c->depth;
    p->recover = &buf;
    p->decl_start = tok;
    GuardedTop g = {p, tok, NULL};
    if (run_protected(&buf, parse_guarded_top, &g) == ESCAPE_NONE)
        return g.rest;
    p->scope = p->file_scope;
    p->fn = NULL;
    p->fn_scope = NULL;
    p->loop = p->brk = p->sw = NULL;
    p->flex_init = NULL;
    p->c->depth = saved_depth;
    return recover_from(p, tok, true);
}

/* What is only known at the end: tentative definitions become
 * definitions, functions never defined are imported. */
static void finish_globals(Parser *p) {
    for (Obj *o = p->c->globals; o; o = o->next) {
        if (o->is_string_literal)
            continue;
        if (o->is_function) {
            if (!o->is_definition) {
                o->is_extern = true;
                if (o->is_static && o->is_used && !o->is_builtin)
                    warn_tok(p->c, o->tok, "'%s' used but never defined", o->name);
            }
            continue;
        }
        if (o->is_extern) {
            o->is_definition = false;
            continue;
        }
        o->is_definition = true;
        if (o->ty->kind == TY_ARRAY && o->ty->array_len < 0) {
            warn_tok(p->c, o->tok, "array '%s' assumed to have one element", o->name);
            o->ty = array_of(p->c, o->ty->base, 1);
        } else if (completed(o->ty)->size < 0) {
            error_tok(p->c, o->tok, "storage size of '%s' isn't known", o->name);
        }
    }
}

static void init_parser(Parser *p, Compile *c) {
    memset(p, 0, sizeof(*p));
    p->c = c;
    p->spec_attrs = p->decl_attrs = &no_attrs;
    enter_scope(p);
    p->file_scope = p->scope;
}

/* program = (global-declaration | static-assert | ";")* EOF */
Obj *parse_program(Compile *c, Token *tok) {
    Parser p;
    init_parser(&p, c);
    c->globals = NULL;
    while (tok->kind != TK_EOF)
        tok = guarded_top_level(&p, tok);
    finish_globals(&p);
    return c->globals;
}

/* ------------------------------------------------------------------
 * Type names from strings: typed lookup and mj_expr (parse_type_name_string)
 * ---------------------------------------------------------------- */

/* A whole token list that must be one type name and nothing else. */
typedef struct LoneTypeName {
    Parser *p;
    Token *tok;
    Type *ty;
} LoneTypeName;

static void parse_lone_type_name(void *arg) {
    LoneTypeName *t = arg;
    Parser *p = t->p;
    Token *tok = t->tok;
    if (!is_typename(p, tok)) {
        error_tok(p->c, tok, "expected type name %s", before_tok(p, tok));
        return;
    }
    Type *ty = declspec(p, &tok, tok, NULL);
    const Attrs *spec_attrs = p->spec_attrs;
    Token *name = NULL;
    ty = declarator(p, &tok, tok, ty, &name);
    refuse_attrs(p, spec_attrs, "a type name");
    refuse_attrs(p, p->decl_attrs, "a type name");
    if (name) {
        error_tok(p->c, name, "unexpected name '%.*s' in the type name", name->len, name->loc);
        return;
    }
    if (tok->kind != TK_EOF) {
        error_tok(p->c, tok, "unexpected '%.*s' after the type name", tok->len, tok->loc);
        return;
    }
    t->ty = ty;
}

/* The type, or NULL after a syntax error (reported). */
static Type *type_name_only(Parser *p, Token *tok) {
    jmp_buf buf;
    p->recover = &buf;
    p->decl_start = tok;
    LoneTypeName t = {p, tok, NULL};
    if (run_protected(&buf, parse_lone_type_name, &t) != ESCAPE_NONE)
        return NULL;
    return t.ty;
}

/* A type name from a string; with `tags`, the struct, union and enum tags
 * of that scope are the ones the type names. */
static Type *type_name_in(Compile *c, const char *text, Scope *tags) {
    SrcFile *f = compile_add_file(c, "<type>", text, strlen(text), false);
    Token *tok = lex_file(c, f);
    lex_finish(c, tok);
    int errors = c->error_count;
    Parser p;
    init_parser(&p, c);
    if (tags)
        p.scope = p.file_scope = tags;
    Type *ty = type_name_only(&p, tok);
    return c->error_count == errors ? ty : NULL;
}

Type *parse_type_name_string(Compile *c, const char *text) {
    return type_name_in(c, text, NULL);
}
