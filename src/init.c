/*
 * init.c - initializers: the Initializer tree, designators, string
 * initializers, local initializers rewritten into assignments, compound
 * literals, and file-scope initializers folded to constants.
 *
 * One of the parser's files (parse.c says how the parser works); what
 * they share is in parse.h.
 */
#include <string.h>

#include "parse.h"

static void initializer2(Parser *p, Token **rest, Token *tok, Initializer *init);

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

/* GNU C's obsolete designator "member:" is ".member =": the tokens are
 * rewritten so (each a copy, located where the name is). */
static Token *obsolete_designator(Parser *p, Token *tok) {
    if (tok->kind != TK_IDENT || !equal(tok->next, ":"))
        return tok;
    Token *dot = tok_copy(p->c, tok), *name = tok_copy(p->c, tok);
    Token *eq = tok_copy(p->c, tok->next);
    dot->kind = eq->kind = TK_PUNCT;
    dot->loc = ".";
    dot->len = 1;
    eq->loc = "=";
    dot->next = name;
    name->next = eq;
    eq->next = tok->next->next;
    return dot;
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
        tok = obsolete_designator(p, tok);
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
    /* A union without members (GNU C): {} initialises it; anything more
     * is excess, which gcc warns about and drops. */
    if (!init->ty->members) {
        if (equal(tok, "{") && consume(rest, tok->next, "}"))
            return;
        Token *excess = equal(tok, "{") ? tok->next : tok;
        warn_tok(p->c, excess, "excess elements in union initializer");
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
    tok = obsolete_designator(p, tok);
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
/* "{" (assign ("," assign)*)? ","? "}" for a vector: its lanes in order,
 * converted to the lane type; the lanes left out are zero. */
static Node *vector_literal(Parser *p, Token **rest, Token *tok, Type *ty) {
    Token *start = tok;
    tok = skip(p, tok, "{");
    Type *lane = unqual(ty)->base;
    int n = unqual(ty)->array_len, i = 0;
    Node head = {0}, *cur = &head;
    while (!consume_end(&tok, tok)) {
        if (i > 0)
            tok = skip(p, tok, ",");
        if (consume_end(&tok, tok))
            break;
        if (equal(tok, "[") || equal(tok, "."))
            syntax_error(p, tok, "a designator in a vector initializer is not supported yet");
        Token *at = tok;
        Node *e = assign(p, &tok, tok);
        if (i >= n) {
            if (i == n)
                warn_tok(p->c, at, "excess elements in vector initializer");
            i++;
            continue;
        }
        ConvCtx cx = {CV_INIT, at, NULL, 0};
        cur = cur->next = convert_assign(p, e, lane, &cx);
        i++;
    }
    for (; i < n; i++)
        cur = cur->next = new_zero(p, lane, start);
    *rest = tok;
    Node *node = new_node(p, ND_VECTOR, start);
    node->ty = unqual(ty);
    node->args = head.next;
    return node;
}

/* A lone arithmetic constant ("17," or "2.5}") initialising an integer
 * or floating scalar. */
static bool is_plain_constant_element(Token *tok, Type *ty) {
    if (tok->kind != TK_NUM || !(equal(tok->next, ",") || equal(tok->next, "}")))
        return false;
    return (is_integer(ty) || is_flonum(ty)) && !ty->bit_prec &&
           (is_integer(tok->ty) || is_flonum(tok->ty));
}

/* The folded value v of type ty for an element at tok: at file scope one
 * node per value and type, shared (nothing changes a constant's node, and
 * no code is made at file scope whose location it could give). */
static Node *constant_element(Parser *p, int64_t v, Type *ty, Token *tok) {
    if (p->fn)
        return new_num(p, v, ty, tok);
    size_t slot = ((uint64_t)v * 0x9E3779B97F4A7C15u ^ (uintptr_t)ty) >> 56;
    Node *n = p->const_elements[slot];
    if (!n || n->ty != ty || n->ival != v)
        n = p->const_elements[slot] = new_num(p, v, ty, tok);
    return n;
}

static void initializer2(Parser *p, Token **rest, Token *tok, Initializer *init) {
    p->c->progress = tok;
    compile_poll(p->c, tok);
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
    } else if (is_vector(ty) && equal(tok, "{")) {
        init->expr = vector_literal(p, rest, tok, ty);
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
    } else if (is_plain_constant_element(tok, ty)) {
        /* Generated tables are mostly this: one Node for the element, not
         * three (the number, its conversion, its folded copy). The value
         * is the one assign() and convert_assign() would make. */
        ConstVal v = convert_value((ConstVal){tok->ival, tok->fval}, tok->ty, unqual(ty));
        init->expr = is_integer(ty) ? constant_element(p, v.i, unqual(ty), tok)
                                    : new_flonum(p, v.f, unqual(ty), tok);
        *rest = tok->next;
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
Initializer *parse_initializer(Parser *p, Token **rest, Token *tok, Type *ty) {
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
Node *local_initializer(Parser *p, Token **rest, Token *tok, Obj *var) {
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
Node *compound_literal(Parser *p, Token **rest, Token *tok, Type *ty) {
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

/* A 128-bit constant: memjit folds 64 bits (const.c), so the value must
 * be a narrower integer constant converted, which gcc's cast extends by
 * that constant's own signedness. */
static Node *int128_initializer(Parser *p, Node *e, Type *ty) {
    Node *inner = e;
    while (inner->kind == ND_CAST && inner->ty->kind == TY_INT128)
        inner = inner->lhs;
    int64_t v;
    if (!is_integer(inner->ty) || inner->ty->kind == TY_INT128 || !eval_int(inner, &v)) {
        error_tok(p->c, e->tok, "a 128-bit constant that is not a 64-bit one converted "
                  "is not supported yet");
        return NULL;
    }
    if (v == 0)
        return NULL;
    return new_cast(p, new_num(p, v, inner->ty, e->tok), ty);
}

/* A complex constant expression's value, of e's type (complex, or real
 * for a real operand), folded part by part in the parts' type. What
 * needs gcc's complex multiplication or division (done with correct
 * rounding, which memjit does not reproduce) is not folded. */
static bool fold_complex(Node *e, long double *re, long double *im) {
    Type *ty = unqual(e->ty);
    if (!is_complex(ty)) {
        ConstVal v;
        if (!is_arith(ty) || !eval_const(e, &v))
            return false;
        *re = is_integer(ty) ? convert_value(v, ty, ty_ldouble).f : v.f;
        *im = 0;
        return true;
    }
    long double ar, ai, br, bi;
    switch (e->kind) {
    case ND_NUM:
        *re = 0;
        *im = e->fval;
        return true;
    case ND_CAST: {
        Type *from = unqual(e->lhs->ty);
        if (!is_complex(from)) {
            ConstVal v;
            if (!is_arith(from) || !eval_const(e->lhs, &v))
                return false;
            *re = convert_value(v, from, ty->base).f;
            *im = 0;
            return true;
        }
        if (!fold_complex(e->lhs, &ar, &ai))
            return false;
        *re = convert_value((ConstVal){0, ar}, from->base, ty->base).f;
        *im = convert_value((ConstVal){0, ai}, from->base, ty->base).f;
        return true;
    }
    case ND_COMPLEX:
        if (!fold_complex(e->lhs, &ar, &ai) || !fold_complex(e->rhs, &br, &bi))
            return false;
        *re = ar;
        *im = br;
        return true;
    case ND_NEG:
    case ND_BITNOT:   /* conj */
        if (!fold_complex(e->lhs, &ar, &ai))
            return false;
        *re = e->kind == ND_NEG ? -ar : ar;
        *im = -ai;
        return true;
    case ND_ADD: case ND_SUB: case ND_MUL: case ND_DIV: {
        bool lc = is_complex(e->lhs->ty), rc = is_complex(e->rhs->ty);
        if ((lc && rc && (e->kind == ND_MUL || e->kind == ND_DIV)) ||
            !fold_complex(e->lhs, &ar, &ai) || !fold_complex(e->rhs, &br, &bi))
            return false;
        Type *part = ty->base;
        NodeKind op = e->kind;
        *re = flo_binary(op, ar, br, part);
        if (lc && rc)
            *im = flo_binary(op, ai, bi, part);
        else if (op == ND_MUL || op == ND_DIV)   /* scaled by the real one, as lower.c */
            *im = lc ? flo_binary(op, ai, br, part) : flo_binary(op, ar, bi, part);
        else   /* a real and a complex: the complex one's imaginary part */
            *im = lc ? ai : (op == ND_SUB ? -bi : bi);
        return true;
    }
    default:
        return false;
    }
}

static Node *complex_initializer(Parser *p, Node *e, Type *ty) {
    long double re, im;
    if (!fold_complex(e, &re, &im)) {
        error_tok(p->c, e->tok, "initializer element is not constant, or a complex constant "
                  "memjit does not fold (it folds conversions, + and -, and * and / by a "
                  "real)");
        return NULL;
    }
    return new_binary(p, ND_COMPLEX, new_flonum(p, re, ty->base, e->tok),
                      new_flonum(p, im, ty->base, e->tok), ty, e->tok);
}

static Node *const_initializer(Parser *p, Node *e, Type *ty);

/* A vector constant: every lane a constant (a zero lane too). */
static Node *vector_initializer(Parser *p, Node *e, Type *ty) {
    /* a compound literal at file scope, (v4si){1, 2, 3, 4}: its value */
    if (e->kind == ND_VAR && e->var->is_static && !e->var->is_local && e->var->init &&
        e->var->init->expr && e->var->init->expr->kind == ND_VECTOR &&
        !strncmp(e->var->name, "__mj_lit_", 9))
        return e->var->init->expr;
    if (e->kind != ND_VECTOR) {
        error_tok(p->c, e->tok, "initializer element is not constant");
        return NULL;
    }
    Type *lane = unqual(ty)->base;
    for (Node *a = e->args, **link = &e->args; a; link = &(*link)->next, a = *link) {
        Node *next = a->next;
        Node *k = const_initializer(p, a, lane);
        if (!k)
            k = new_zero(p, lane, a->tok);
        k->next = next;
        *link = k;
    }
    return e;
}

/* The constant a file-scope initializer element stands for; NULL for 0. */
static Node *const_initializer(Parser *p, Node *e, Type *ty) {
    int64_t v;
    ConstVal k;
    if (ty->kind == TY_INT128)
        return int128_initializer(p, e, ty);
    if (is_complex(ty))
        return complex_initializer(p, new_cast(p, e, ty), ty);
    if (is_vector(ty))
        return vector_initializer(p, e, ty);
    if (e->kind == ND_NUM && (is_integer(ty) || is_flonum(ty)) && !ty->bit_prec &&
        e->ty == unqual(ty))   /* folded already: keep it */
        return is_integer(ty) && !e->ival ? NULL : e;
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

void fold_global_init(Parser *p, Initializer *init) {
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
