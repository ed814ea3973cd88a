/*
 * parse.c - the parser and type checker: Token list -> Obj list.
 *
 * The parser is in several files, one per part of the grammar, which
 * share parse.h:
 *   parse.c    the Parser's state: scopes, errors, objects; then function
 *              definitions, the translation unit (parse_program) and type
 *              names from strings (parse_type_name_string)
 *   decl.c     type names, GNU attributes, declaration specifiers,
 *              variable-length arrays, declarators, struct, union and
 *              enum layout and specifiers, declarations and typedefs
 *   init.c     initializers
 *   expr.c     expressions: node constructors, conversion as if by
 *              assignment, operators, calls, primary expressions, string
 *              literals, <stdarg.h>, the host's symbols
 *   const.c    constant expressions: values converted at compile time,
 *              eval_const and const_eval
 *   builtin.c  the builtins memjit knows: folded, answered while
 *              compiling, checked as gcc checks them, declared on first use
 *   stmt.c     statements and asm statements
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
#include <string.h>

#include "parse.h"

/* ------------------------------------------------------------------
 * Scopes
 * ---------------------------------------------------------------- */

bool equal(const Token *tok, const char *s) {
    return tok->kind != TK_STR && tok->kind != TK_NUM && tok_equal(tok, s);
}

bool name_is(const char *name, int len, const Token *tok) {
    return len == tok->len && memcmp(name, tok->loc, (size_t)len) == 0;
}

char *tok_name(Parser *p, const Token *tok) {
    return arena_strndup(&p->c->arena, tok->loc, (size_t)tok->len);
}

char *tystr(Parser *p, const Type *ty) {
    return type_to_string(p->c, ty);
}

void enter_scope(Parser *p) {
    Scope *sc = arena_alloc(&p->c->arena, sizeof(Scope));
    sc->vla = p->scope ? p->scope->vla : NULL;
    sc->next = p->scope;
    p->scope = sc;
}

void leave_scope(Parser *p) { p->scope = p->scope->next; }

VarScope *find_var_in(Scope *sc, const Token *tok) {
    return hashmap_get(&sc->vars, tok->loc, tok->len);
}

VarScope *find_var(Parser *p, const Token *tok) {
    for (Scope *sc = p->scope; sc; sc = sc->next) {
        VarScope *v = find_var_in(sc, tok);
        if (v)
            return v;
    }
    return NULL;
}

VarScope *push_var(Parser *p, Scope *sc, const Token *name) {
    VarScope *v = arena_alloc(&p->c->arena, sizeof(VarScope));
    v->name = name->loc;
    v->len = name->len;
    hashmap_put(&p->c->arena, &sc->vars, name->loc, name->len, v);
    return v;
}

TagScope *find_tag_in(Scope *sc, const Token *tok) {
    return hashmap_get(&sc->tags, tok->loc, tok->len);
}

Type *find_tag(Parser *p, const Token *tok) {
    for (Scope *sc = p->scope; sc; sc = sc->next) {
        TagScope *t = find_tag_in(sc, tok);
        if (t)
            return t->ty;
    }
    return NULL;
}

void push_tag(Parser *p, const Token *name, Type *ty) {
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
char *before_tok(Parser *p, const Token *tok) {
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

_Noreturn void syntax_error(Parser *p, Token *tok, const char *fmt, ...) {
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
void old_c(Parser *p, Token *tok, const char *what) {
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

Token *skip(Parser *p, Token *tok, const char *op) {
    if (equal(tok, op))
        return tok->next;
    Token *at = tok;
    if (!strcmp(op, ";") || !strcmp(op, ")") || !strcmp(op, "]"))
        at = missing_token_loc(p, tok);
    error_tok(p->c, at, "expected '%s' %s", op, before_tok(p, tok));
    p->err_tok = tok;
    escape(p->recover, ESCAPE_SYNTAX);
}

bool consume(Token **rest, Token *tok, const char *op) {
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
Token *recover_from(Parser *p, Token *start, bool top) {
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

void enter(Parser *p, Token *tok, const char *what) {
    if (++p->c->depth > 1000)
        fatal_tok(p->c, tok, "%s", what);
}

void leave(Parser *p) { p->c->depth--; }

/* ------------------------------------------------------------------
 * Objects
 * ---------------------------------------------------------------- */

const NodeExt node_no_ext;

NodeExt *node_ext(Compile *c, Node *n) {
    if (!n->ext)
        n->ext = arena_alloc(&c->nodes, sizeof(NodeExt));
    return n->ext;
}

/* A local made before its function was known (a parameter, the size of
 * a VLA parameter) joins the function's locals here. */
void link_local(Parser *p, Obj *var) {
    if (!p->fn)
        return;
    var->owner_fn = p->fn;
    if (p->locals_tail)
        p->locals_tail->next = var;
    else
        p->fn->locals = var;
    p->locals_tail = var;
}

Obj *unlinked_local(Parser *p, char *name, Type *ty, Token *tok) {
    Obj *var = arena_alloc(&p->c->arena, sizeof(Obj));
    var->name = name;
    var->ty = ty;
    var->tok = tok;
    var->is_local = true;
    return var;
}

Obj *new_local(Parser *p, char *name, Type *ty, Token *tok) {
    Obj *var = unlinked_local(p, name, ty, tok);
    link_local(p, var);
    return var;
}

/* An unnamed object of the function that lives as long as a named one
 * would (a compound literal). */
Obj *new_unnamed_local(Parser *p, Type *ty, Token *tok) {
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
Obj *new_temp(Parser *p, Type *ty, Token *tok) {
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
void release_temps(Parser *p) {
    for (TempSlot *t = p->temps; t; t = t->next)
        t->busy = false;
}

Obj *new_global(Parser *p, char *name, Type *ty, Token *tok) {
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
bool is_wide_string(const Token *tok) {
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

/* init (an array of n elements) takes the wide string's elements,
 * cut or zero-padded to n. */
void wide_string_elems(Parser *p, Initializer *init, Token *tok, int n) {
    Type *base = init->ty->base;
    init->children = arena_alloc(&p->c->arena, sizeof(Initializer *) * (size_t)(n ? n : 1));
    for (int i = 0; i < n && i < tok->ty->array_len; i++) {
        Initializer *el = arena_alloc(&p->c->arena, sizeof(Initializer));
        el->ty = base;
        el->expr = new_num(p, wide_elem(tok, i), base, tok);
        init->children[i] = el;
    }
}

Obj *new_string_literal(Parser *p, Token *tok) {
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

static void finish_nested(Parser *p, Obj *outer);

/* The body of fn, of type ty, from its "{". */
static void function_body(Parser *p, Token **rest, Token *tok, Token *name, Type *ty, Obj *fn) {
    fn->locals = NULL;
    fn->params = NULL;
    p->fn = fn;
    p->locals_tail = NULL;
    p->loop = p->brk = p->sw = NULL;
    p->labels = p->gotos = NULL;
    p->label_values = NULL;
    p->nlabel_values = 0;
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
    if (ty->is_variadic) {
        p->fn_va = new_local(p, "__mj_va", pointer_to(p->c, va_list_type(p, name)->base), name);
        for (Type *t = ty->params; t; t = t->next)
            if (holds_vector(unqual(t)))
                error_tok(p->c, name, "a variadic function with a vector parameter is not "
                          "supported yet");
    }
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
    finish_nested(p, fn);
    p->fn = NULL;
    p->fn_scope = NULL;
    p->fn_va = NULL;
}

/* function-definition = declspec declarator "{" compound-stmt */
static void function_definition(Parser *p, Token **rest, Token *tok, Token *name, Type *ty,
                                VarAttr *attr, const Attrs *linkage) {
    Obj *fn = declare_function(p, name, ty, attr, true);
    apply_linkage_attrs(p, name, linkage);
    function_body(p, rest, tok, name, ty, fn);
}

/* ------------------------------------------------------------------
 * GNU nested functions
 *
 * gcc gives a nested function a static chain to its enclosing frame;
 * libgccjit 12 has none. memjit lifts it to a function of its own that
 * takes, after its parameters, the address of each variable of the
 * enclosing function it uses (expr.c's captured_var), and every call
 * passes them. A call is what gcc's code does too; what needs the chain
 * at run time, the nested function's address (gcc builds a trampoline
 * on the stack), is refused unless it uses no such variable, and so is
 * a nested function inside a nested one.
 * ---------------------------------------------------------------- */

/* The parameter through which fn reaches var, made on first use. */
Node *captured_var(Parser *p, Obj *var, Token *tok) {
    Obj *fn = p->fn;
    if (fn->nest_parent != var->owner_fn) {
        error_tok(p->c, tok, "a variable of a function two levels out, '%s', used in a nested "
                  "function is not supported yet", var->name);
        return error_node(p, tok);
    }
    if (var->ty->is_vla) {
        error_tok(p->c, tok, "a variable-length array of the enclosing function, '%s', used "
                  "in a nested function is not supported yet", var->name);
        return error_node(p, tok);
    }
    Capture **link = &fn->captures;
    for (; *link; link = &(*link)->next)
        if ((*link)->var == var)
            return new_deref_of(p, new_var_node(p, (*link)->param, tok), tok);
    Capture *cap = arena_alloc(&p->c->arena, sizeof *cap);
    cap->var = var;
    cap->param = unlinked_local(p, arena_printf(&p->c->arena, "__mj_cap_%s", var->name),
                                pointer_to(p->c, var->ty), tok);
    cap->param->owner_fn = fn;
    *link = cap;
    return new_deref_of(p, new_var_node(p, cap->param, tok), tok);
}

/* A use of the nested function fn's name: a call (call) or anything else. */
void note_nested_use(Parser *p, Obj *fn, Node *call, Token *tok) {
    NestedUse *u = arena_alloc(&p->c->arena, sizeof *u);
    u->call = call;
    u->tok = tok;
    u->in_fn = p->fn;
    u->next = fn->nested_uses;
    fn->nested_uses = u;
}

/* fn's captures become parameters of its own, after the declared ones:
 * in its Obj list and in its type. */
static void add_capture_params(Parser *p, Obj *fn) {
    if (!fn->captures)
        return;
    Obj **tail = &fn->locals;
    while (*tail)
        tail = &(*tail)->next;
    Type *fty = copy_type(p->c, fn->ty);
    fty->origin = NULL;
    Type head = {0}, *cur = &head;
    for (Type *t = fn->ty->params; t; t = t->next) {
        cur = cur->next = copy_type(p->c, t);
        cur->name = t->name;
    }
    for (Capture *c = fn->captures; c; c = c->next) {
        *tail = c->param;
        tail = &c->param->next;
        if (!fn->params)
            fn->params = c->param;
        cur = cur->next = copy_type(p->c, c->param->ty);
    }
    fty->params = head.next;
    fn->lifted_ty = fty;   /* calls still check against the declared type */
}

/* The enclosing function outer is parsed: each call of its nested
 * functions passes the addresses of what the callee captured. */
static void finish_nested(Parser *p, Obj *outer) {
    for (Obj *fn = outer->nested; fn; fn = fn->next_nested) {
        for (NestedUse *u = fn->nested_uses; u; u = u->next) {
            if (!fn->captures)
                continue;
            if (!u->call) {
                error_tok(p->c, u->tok, "taking the address of nested function '%s', which "
                          "uses variables of '%s', is not supported yet (gcc makes a "
                          "trampoline)", u->tok ? tok_name(p, u->tok) : fn->name, outer->name);
                continue;
            }
            if (u->in_fn != fn && u->in_fn != outer) {
                error_tok(p->c, u->tok, "a call of nested function '%s' from another nested "
                          "function is not supported yet", fn->name);
                continue;
            }
            Node **arg = &u->call->args;
            while (*arg)
                arg = &(*arg)->next;
            for (Capture *c = fn->captures; c; c = c->next) {
                Node *v = u->in_fn == fn
                              ? new_var_node(p, c->param, u->tok)
                              : new_unary(p, ND_ADDR, new_var_node(p, c->var, u->tok),
                                          c->param->ty, u->tok);
                *arg = v;
                arg = &v->next;
            }
            u->call->func_ty = fn->lifted_ty;
        }
        if (fn->lifted_ty)
            fn->ty = fn->lifted_ty;
    }
}

/* A function defined inside outer's body (GNU C), from its "{". */
Token *nested_function(Parser *p, Token *tok, Token *name, Type *ty) {
    Obj *outer = p->fn;
    if (outer->nest_parent)
        error_tok(p->c, name, "a function nested in a nested function is not supported yet");
    char *link = arena_printf(&p->c->arena, "__mj_nested_%s_%.*s_%d", outer->name, name->len, name->loc,
                              p->counter++);
    Obj *fn = new_global(p, tok_name(p, name), ty, name);
    fn->asm_name = link;   /* unique: two functions may nest an `add` each */
    fn->is_function = fn->is_static = fn->is_definition = true;
    fn->nest_parent = outer;
    fn->next_nested = outer->nested;
    outer->nested = fn;
    push_var(p, p->scope, name)->var = fn;
    Parser saved = *p;
    p->local_labels = NULL;
    p->said_undeclared_note = false;
    Token *rest;
    function_body(p, &rest, tok, name, ty, fn);
    Parser after = *p;
    *p = saved;
    p->globals_tail = after.globals_tail;
    p->counter = after.counter;
    p->va_list_ty = after.va_list_ty;
    p->alloca_fn = after.alloca_fn;
    add_capture_params(p, fn);
    return rest;
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
        Attrs decl_attrs = *p->decl_attrs, spec_rest = *spec_attrs, linkage = {0};
        if (!attr.is_typedef)
            take_linkage_attrs(&decl_attrs, &spec_rest, &linkage);
        int obj_align = declared_align(
            p, align, &spec_rest, &decl_attrs,
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
                if (linkage.asm_label)
                    error_tok(p->c, linkage.asm_label, "expected '=', ',', ';', 'asm' or "
                                                       "'__attribute__' before '{' token");
                linkage.asm_label = NULL;
                function_definition(p, &tok, tok, name, ty, &attr, &linkage);
                return tok;
            }
            declare_function(p, name, ty, &attr, false);
            apply_linkage_attrs(p, name, &linkage);
        } else {
            global_variable(p, &tok, tok, name, ty, &attr);
            apply_linkage_attrs(p, name, &linkage);
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

/* The constructors (or destructors) of the program, in the order gcc runs
 * them: by priority, lowest first, and those of one priority in the order
 * they were declared; destructors run in the reverse of that order. */
static int ordered_ctors(Parser *p, bool dtors, Obj ***out) {
    int n = 0;
    for (Obj *o = p->c->globals; o; o = o->next)
        n += o->is_function && o->is_definition && (dtors ? o->dtor_priority : o->ctor_priority);
    Obj **v = arena_alloc(&p->c->arena, sizeof(Obj *) * (size_t)(n + 1));
    int k = 0;
    for (Obj *o = p->c->globals; o; o = o->next) {
        int prio = dtors ? o->dtor_priority : o->ctor_priority;
        if (!o->is_function || !o->is_definition || !prio)
            continue;
        int i = k++;   /* insertion sort: stable */
        while (i > 0 && (dtors ? v[i - 1]->dtor_priority : v[i - 1]->ctor_priority) > prio) {
            v[i] = v[i - 1];
            i--;
        }
        v[i] = o;
    }
    for (int i = 0; dtors && i < n / 2; i++) {
        Obj *t = v[i];
        v[i] = v[n - 1 - i];
        v[n - 1 - i] = t;
    }
    *out = v;
    return n;
}

/* The calls of v[from..to), one statement each, as a block. */
static Node *ctor_calls(Parser *p, Obj **v, int from, int to) {
    Node head = {0}, *cur = &head;
    for (int i = from; i < to; i++) {
        Node *call = new_node(p, ND_FUNCALL, v[i]->tok);
        call->lhs = new_var_node(p, v[i], v[i]->tok);
        call->func_ty = v[i]->ty;
        call->ty = unqual(v[i]->ty->return_ty);
        cur = cur->next = expr_stmt_of(p, call);
    }
    Node *block = new_node(p, ND_BLOCK, v[from]->tok);
    block->body = head.next;
    return block;
}

static Node *return_num(Parser *p, int64_t val, Token *tok) {
    Node *ret = new_node(p, ND_RETURN, tok);
    ret->lhs = new_num(p, val, ty_int, tok);
    return ret;
}

static Node *if_then(Parser *p, Node *cond, Node *then, Token *tok) {
    Node *n = new_node(p, ND_IF, tok);
    n->cond = cond;
    n->then = then;
    return n;
}

/* __mj_ctors and __mj_dtors, `int(int prio)`: module.c runs a unit's
 * constructors (destructors) through it, one priority at a time, so that
 * those of several units run by priority across the units as ld's sorted
 * .init_array (.fini_array) would run them. prio > 0 runs the unit's
 * group of that priority (stored + 1, so 1..65537) and returns 0; prio <= 0
 * runs nothing and returns the unit's next group after -prio: the least
 * priority above it for constructors, the greatest below it for
 * destructors, 0 when there is none. Hidden: mj_lookup does not hand it out. */
static void make_ctor_caller(Parser *p, const char *name, bool dtors) {
    Obj **v;
    int n = ordered_ctors(p, dtors, &v);
    if (n == 0)
        return;
    Token *tok = v[0]->tok;
    Type *fty = func_type(p->c, TY(ty_int));
    fty->is_prototyped = true;
    fty->params = copy_type(p->c, TY(ty_int));
    Obj *fn = new_global(p, arena_strdup(&p->c->arena, name), fty, tok);
    fn->is_function = fn->is_definition = fn->is_hidden = true;
    p->fn = fn;
    p->locals_tail = NULL;
    fn->locals = NULL;
    Obj *prio = new_local(p, "__mj_prio", TY(ty_int), tok);
    fn->params = fn->locals = prio;
    p->fn = NULL;
    p->locals_tail = NULL;

    Node run_head = {0}, *run = &run_head, next_head = {0}, *next = &next_head;
    for (int from = 0; from < n;) {
        int q = dtors ? v[from]->dtor_priority : v[from]->ctor_priority, to = from;
        while (to < n && (dtors ? v[to]->dtor_priority : v[to]->ctor_priority) == q)
            to++;
        /* if (prio == q) { calls } */
        Node *is_q = new_binary(p, ND_EQ, new_var_node(p, prio, tok), new_num(p, q, ty_int, tok),
                                TY(ty_int), tok);
        run = run->next = if_then(p, is_q, ctor_calls(p, v, from, to), tok);
        /* if (-prio < q) return q;  (destructors: if (-prio > q) return q;) */
        Node *after = dtors ? new_binary(p, ND_LT, new_var_node(p, prio, tok),
                                         new_num(p, -(int64_t)q, ty_int, tok), TY(ty_int), tok)
                            : new_binary(p, ND_LT, new_num(p, -(int64_t)q, ty_int, tok),
                                         new_var_node(p, prio, tok), TY(ty_int), tok);
        next = next->next = if_then(p, after, return_num(p, q, tok), tok);
        from = to;
    }
    run = run->next = return_num(p, 0, tok);
    Node *run_block = new_node(p, ND_BLOCK, tok);
    run_block->body = run_head.next;
    Node *positive = new_binary(p, ND_LT, new_num(p, 0, ty_int, tok),
                                new_var_node(p, prio, tok), TY(ty_int), tok);
    Node *body = if_then(p, positive, run_block, tok);
    body->next = next_head.next;
    next->next = return_num(p, 0, tok);
    fn->body = new_node(p, ND_BLOCK, tok);
    fn->body->body = body;
}

/* gcc's predefined typedef names, which a program may shadow. */
static void define_builtin_typedefs(Parser *p) {
    static const struct { const char *name; const Type *ty; } defs[] = {
        {"__int128_t", ty_int128}, {"__uint128_t", ty_uint128},
    };
    for (size_t i = 0; i < sizeof defs / sizeof *defs; i++) {
        Token *name = arena_alloc(&p->c->arena, sizeof(Token));
        name->kind = TK_IDENT;
        name->loc = defs[i].name;
        name->len = (int)strlen(defs[i].name);
        push_var(p, p->file_scope, name)->type_def = TY(defs[i].ty);
    }
}

static void init_parser(Parser *p, Compile *c) {
    memset(p, 0, sizeof(*p));
    p->c = c;
    p->spec_attrs = p->decl_attrs = &no_attrs;
    enter_scope(p);
    p->file_scope = p->scope;
    define_builtin_typedefs(p);
}

/* program = (global-declaration | static-assert | ";")* EOF */
Obj *parse_program(Compile *c, Token *tok) {
    Parser p;
    init_parser(&p, c);
    c->globals = NULL;
    while (tok->kind != TK_EOF)
        tok = guarded_top_level(&p, tok);
    make_ctor_caller(&p, "__mj_ctors", false);
    make_ctor_caller(&p, "__mj_dtors", true);
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
Type *type_name_in(Compile *c, const char *text, Scope *tags) {
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
