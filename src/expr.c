/*
 * expr.c - expressions: the node constructors, which check their operands
 * and make each implicit conversion an ND_CAST; conversion as if by
 * assignment; the operators; the expression grammar from comma
 * expressions down to postfix ones, calls included; string literals,
 * __func__ and __builtin_offsetof; <stdarg.h>; the host's symbols;
 * identifiers and the other primary expressions.
 *
 * One of the parser's files (parse.c says how the parser works); what
 * they share is in parse.h.
 */
#include <string.h>

#include "parse.h"

static Node *cast(Parser *p, Token **rest, Token *tok);
static Node *unary(Parser *p, Token **rest, Token *tok);
static Node *postfix(Parser *p, Token **rest, Token *tok);
static Node *postfix_ops(Parser *p, Token **rest, Token *tok, Node *node);
static Node *primary(Parser *p, Token **rest, Token *tok);

/* ------------------------------------------------------------------
 * Node constructors
 * ---------------------------------------------------------------- */

Node *new_node(Parser *p, NodeKind kind, Token *tok) {
    Node *node = arena_alloc(&p->c->nodes, sizeof(Node));
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

Node *new_unary(Parser *p, NodeKind kind, Node *lhs, Type *ty, Token *tok) {
    Node *node = new_node(p, kind, tok);
    node->lhs = lhs;
    node->ty = ty;
    set_height(p, node, lhs, NULL);
    return node;
}

Node *new_binary(Parser *p, NodeKind kind, Node *lhs, Node *rhs,
                 Type *ty, Token *tok) {
    Node *node = new_node(p, kind, tok);
    node->lhs = lhs;
    node->rhs = rhs;
    node->ty = ty;
    set_height(p, node, lhs, rhs);
    return node;
}

Node *new_num(Parser *p, int64_t val, const Type *ty, Token *tok) {
    Node *node = new_node(p, ND_NUM, tok);
    node->ival = val;
    node->fval = (long double)val;
    node->ty = TY(ty);
    return node;
}

Node *new_flonum(Parser *p, long double val, const Type *ty, Token *tok) {
    Node *node = new_node(p, ND_NUM, tok);
    node->fval = val;
    node->ty = TY(ty);
    return node;
}

/* A zero of the integer or floating type ty. */
Node *new_zero(Parser *p, const Type *ty, Token *tok) {
    return is_flonum(ty) ? new_flonum(p, 0, ty, tok) : new_num(p, 0, ty, tok);
}

Node *new_var_node(Parser *p, Obj *var, Token *tok) {
    Node *node = new_node(p, ND_VAR, tok);
    node->var = var;
    node->ty = var->ty;
    if (!var->is_local)
        var->is_used = true;
    return node;
}

/* An error was reported; this stands for the failed expression. */
Node *error_node(Parser *p, Token *tok) { return new_num(p, 0, ty_int, tok); }

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
    case TY_SHORT: case TY_INT: case TY_LONG: case TY_LLONG: case TY_INT128:
        return a->is_unsigned == b->is_unsigned && a->bit_prec == b->bit_prec;
    case TY_PTR:
        return a->base->is_const == b->base->is_const &&
               a->base->is_volatile == b->base->is_volatile &&
               same_type(a->base, b->base);
    case TY_ARRAY:
        return a->array_len == b->array_len && same_type(a->base, b->base);
    case TY_FUNC:
        return type_compatible(a, b);
    case TY_COMPLEX:
        return a->base->kind == b->base->kind;
    case TY_VECTOR:
        return a->array_len == b->array_len && same_type(a->base, b->base);
    case TY_STRUCT: case TY_UNION:
        return false;
    default:
        return true;
    }
}

/* A Node holds 64 bits of value: a conversion to or from a 128-bit type
 * stays a cast, which gcc folds; so does one to or from a complex type
 * (an ND_NUM of one holds only the imaginary part). */
static Node *fold_num_cast(Parser *p, Node *num, Type *ty) {
    if (num->ty->kind == TY_INT128 || ty->kind == TY_INT128 || is_complex(num->ty) ||
        is_complex(ty))
        return new_unary(p, ND_CAST, num, ty, num->tok);
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
Node *new_cast(Parser *p, Node *node, Type *ty) {
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
Node *rval(Parser *p, Node *node) {
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

bool is_lvalue(Node *node) {
    switch (node->kind) {
    case ND_VAR:
        return node->ty->kind != TY_FUNC;
    case ND_DEREF:
        return node->ty->kind != TY_FUNC && node->ty->kind != TY_VOID;
    case ND_MEMBER:
    case ND_REAL:
    case ND_IMAG:
        return is_lvalue(node->lhs);
    case ND_STR:
        return true;
    default:
        return false;
    }
}

/* ------------------------------------------------------------------
 * Conversion as if by assignment (C11 6.5.16.1): assignment,
 * initialisation, argument passing and return share the rules and
 * differ only in gcc's wording.
 * ---------------------------------------------------------------- */

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
Node *convert_assign(Parser *p, Node *node, Type *to, ConvCtx *cx) {
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
    if (is_vector(to) && is_vector(from) && same_type(from, to))
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
    /* A real operand of +, -, * (and the divisor of /) with a complex one
     * stays real, as in gcc: the other's parts are combined with it one by
     * one (2.0 * (1 - 0.0i) keeps the -0.0 that (2 + 0i) * (1 - 0i) would
     * lose). lower.c does it. */
    bool lreal = !is_complex(lhs->ty), rreal = !is_complex(rhs->ty);
    if (is_complex(ty) && lreal != rreal && (kind != ND_DIV || rreal)) {
        Node *l = new_cast(p, lhs, lreal ? ty->base : ty);
        Node *r = new_cast(p, rhs, rreal ? ty->base : ty);
        return new_binary(p, kind, l, r, ty, tok);
    }
    return wrapped(p, new_binary(p, kind, new_cast(p, lhs, ty), new_cast(p, rhs, ty), ty, tok));
}

/* A pointer to void or to a function counts in bytes, as GNU C does:
 * the arithmetic is done on a char * and converted back. */
static bool counts_in_bytes(Type *ptr) {
    return ptr->base->kind == TY_VOID || ptr->base->kind == TY_FUNC;
}

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

Node *new_compare(Parser *p, NodeKind kind, Node *lhs, Node *rhs, Token *tok) {
    if ((is_complex(lhs->ty) || is_complex(rhs->ty)) && kind != ND_EQ && kind != ND_NE)
        return invalid_operands(p, kind, lhs, rhs, tok);
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
Node *scalar_operand(Parser *p, Node *node) {
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

/* ------------------------------------------------------------------
 * GNU vectors (vector_size): operators lane by lane
 * ---------------------------------------------------------------- */

/* Whether the scalar s converts to the lane type without loss, gcc's
 * condition for meeting a vector: a constant by its value, anything else
 * by its type. */
static bool scalar_fits_lane(Node *s, Type *lane) {
    Type *st = unqual(s->ty);
    ConstVal v;
    bool constant = eval_const(s, &v);
    if (is_integer(lane)) {
        if (!is_integer(st))
            return false;
        if (constant)
            return convert_value(convert_value(v, st, lane), lane, st).i == v.i;
        return type_prec(st) <= type_prec(lane);
    }
    if (constant) {
        ConstVal back = convert_value(convert_value(v, st, lane), lane, st);
        return is_integer(st) ? back.i == v.i : back.f == v.f || v.f != v.f;
    }
    return is_flonum(st) && st->size <= lane->size;
}

/* A scalar operand of a vector operator: the vector with it in every lane. */
static Node *splat(Parser *p, Node *s, Type *vec, Token *tok) {
    if (!is_integer(s->ty) && !is_flonum(s->ty))
        return NULL;
    if (!scalar_fits_lane(s, vec->base)) {
        error_tok(p->c, tok, "conversion of scalar '%s' to vector '%s' involves truncation",
                  tystr(p, s->ty), tystr(p, vec));
        return error_node(p, tok);
    }
    return new_unary(p, ND_SPLAT, new_cast(p, s, vec->base), vec, tok);
}

static bool is_compare(NodeKind kind) {
    return kind == ND_EQ || kind == ND_NE || kind == ND_LT || kind == ND_LE || kind == ND_GT ||
           kind == ND_GE;
}

/* lhs op rhs where one is a vector: both of one vector type (a scalar
 * spread over the lanes), lane by lane; a comparison gives each lane 0 or
 * -1 in a vector of signed integers as wide. */
static Node *vector_binop(Parser *p, NodeKind kind, Node *lhs, Node *rhs, Token *tok) {
    Type *vec = unqual(is_vector(lhs->ty) ? lhs->ty : rhs->ty);
    if (!is_vector(lhs->ty))
        lhs = splat(p, lhs, vec, tok);
    else if (!is_vector(rhs->ty))
        rhs = splat(p, rhs, vec, tok);
    if (!lhs || !rhs || !same_type(lhs->ty, rhs->ty))
        return invalid_operands(p, kind, lhs ? lhs : rhs, rhs ? rhs : lhs, tok);
    bool int_only = kind == ND_MOD || kind == ND_BITAND || kind == ND_BITOR ||
                    kind == ND_BITXOR || kind == ND_SHL || kind == ND_SHR;
    if ((int_only && !is_integer(vec->base)) || kind == ND_LOGAND || kind == ND_LOGOR)
        return invalid_operands(p, kind, lhs, rhs, tok);
    Type *ty = is_compare(kind) ? vector_mask_type(p->c, vec) : vec;
    return new_binary(p, kind, lhs, rhs, ty, tok);
}

/* v[i] of a vector: the lane, an lvalue when v is one (gcc's rule), read
 * through a pointer to the lane type. */
static Node *vector_subscript(Parser *p, Node *v, Node *i, Token *tok) {
    if (!is_integer(i->ty)) {
        error_tok(p->c, tok, "array subscript is not an integer");
        return error_node(p, tok);
    }
    Type *lane = qualified(p->c, unqual(v->ty)->base, v->ty->is_const, v->ty->is_volatile);
    Node *setup = NULL;
    if (!is_lvalue(v)) {
        if (!p->fn) {
            error_tok(p->c, tok, "initializer element is not constant");
            return error_node(p, tok);
        }
        Obj *tmp = new_temp(p, unqual(v->ty), tok);
        setup = new_binary(p, ND_ASSIGN, new_var_node(p, tmp, tok), v, unqual(v->ty), tok);
        v = new_var_node(p, tmp, tok);
    }
    Node *addr = new_unary(p, ND_ADDR, v, pointer_to(p->c, v->ty), tok);
    Node *lanes = new_cast(p, addr, pointer_to(p->c, lane));
    Node *elem = new_deref_of(p, new_ptr_offset(p, ND_PTR_ADD, lanes, i, tok), tok);
    return setup ? new_comma(p, setup, elem, tok) : elem;
}

/* Every binary operator but assignment and the comma. */
Node *new_binop(Parser *p, NodeKind kind, Node *lhs, Node *rhs, Token *tok) {
    if (kind != ND_LOGAND && kind != ND_LOGOR) {
        Node *l = rval(p, lhs), *r = rval(p, rhs);
        if (is_vector(l->ty) || is_vector(r->ty))
            return vector_binop(p, kind, l, r, tok);
        lhs = l;
        rhs = r;
    }
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
bool check_modifiable(Parser *p, Node *node, Token *tok, const char *what) {
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
Node *narrow_to_bitfield(Parser *p, Node *v, Member *m, Token *tok) {
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

Node *new_assign(Parser *p, Node *lhs, Node *rhs, Token *tok) {
    if (!check_modifiable(p, lhs, tok, "assignment"))
        return error_node(p, tok);
    ConvCtx cx = {CV_ASSIGN, tok, NULL, 0};
    return make_assign(p, lhs, rhs, tok, &cx);
}

Node *new_comma(Parser *p, Node *lhs, Node *rhs, Token *tok) {
    return new_binary(p, ND_COMMA, lhs, rhs, rhs->ty, tok);
}

Node *new_deref_of(Parser *p, Node *ptr, Token *tok) {
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
    if (!is_scalar(lhs->ty) && !is_vector(lhs->ty)) {
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
    if (!is_scalar(lhs->ty) && !is_vector(lhs->ty)) {
        error_tok(p->c, tok, "wrong type argument to %s", what);
        return error_node(p, tok);
    }
    Node *setup;
    Node *target = stable_lvalue(p, lhs, &setup, tok);
    Obj *old = new_temp(p, lhs->ty, tok);
    Node *save = new_binary(p, ND_ASSIGN, new_var_node(p, old, tok), target,
                            old->ty, tok);
    Node *one = new_num(p, 1, ty_int, tok);
    Node *value = new_binop(p, delta > 0 ? ND_ADD : ND_SUB, new_var_node(p, old, tok), one, tok);
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
Node *discarded(Parser *p, Node *node) {
    if (node == p->last_post && node) {
        p->last_post = NULL;
        return new_pre_incdec(p, p->last_post_lhs, p->last_post_delta, node->tok);
    }
    if (node->kind == ND_COMMA && node->rhs == p->last_post && node->rhs)
        node->rhs = discarded(p, node->rhs);
    return node;
}

/* ?: (C11 6.5.15): the type of the result from the types of both arms. */
Node *new_cond(Parser *p, Node *cond, Node *then, Node *els, Token *tok) {
    Node *node = new_node(p, ND_COND, tok);
    node->cond = scalar_operand(p, cond);
    then = rval(p, then);
    els = rval(p, els);
    Type *a = then->ty, *b = els->ty, *ty = NULL;
    if (is_arith(a) && is_arith(b)) {
        ty = common_type(a, b);
    } else if (a->kind == TY_VOID || b->kind == TY_VOID) {
        /* both void in ISO C; one is enough for gcc (GNU C, as in
         * "c ? abort() : 0"): the other arm's value is discarded */
        ty = TY(ty_void);
        if (a->kind != TY_VOID)
            then = new_cast(p, then, TY(ty_void));
        if (b->kind != TY_VOID)
            els = new_cast(p, els, TY(ty_void));
    } else if ((a->kind == TY_STRUCT || a->kind == TY_UNION) && unqual(a) == unqual(b)) {
        ty = unqual(a);
    } else if (is_vector(a) && is_vector(b) && same_type(a, b)) {
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
    if (is_vector(a->ty))
        return vector_subscript(p, a, rval(p, i), tok);
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
Type *completed(Type *ty) {
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
Member *find_member(Type *ty, const Token *name, Member **path, int *npath) {
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

Node *member_node(Parser *p, Node *lhs, Member *m, Token *tok) {
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
 * Expressions
 * ---------------------------------------------------------------- */

/* expr = assign ("," assign)* */
Node *expr(Parser *p, Token **rest, Token *tok) {
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
Node *assign(Parser *p, Token **rest, Token *tok) {
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
/* GNU C's "a ?: b": a if it is nonzero, else b, a evaluated once (into
 * a temporary, outside a function where a is a constant anyway). */
static Node *omitted_middle(Parser *p, Token **rest, Node *cond, Token *q) {
    enter(p, q, "expression nesting too deep");
    Node *els = conditional(p, rest, q->next->next);
    leave(p);
    cond = rval(p, cond);
    if (!p->fn || !is_scalar(cond->ty))
        return new_cond(p, cond, cond, els, q);
    Obj *tmp = new_temp(p, unqual(cond->ty), q);
    Node *save = new_binary(p, ND_ASSIGN, new_var_node(p, tmp, q), cond, unqual(cond->ty), q);
    Node *pick = new_cond(p, new_var_node(p, tmp, q), new_var_node(p, tmp, q), els, q);
    return new_comma(p, save, pick, q);
}

Node *conditional(Parser *p, Token **rest, Token *tok) {
    Node *cond = binary(p, &tok, tok, 0);
    if (!equal(tok, "?")) {
        *rest = tok;
        return cond;
    }
    Token *q = tok;
    if (equal(tok->next, ":"))
        return omitted_middle(p, rest, cond, q);
    Node *then = expr(p, &tok, tok->next);
    tok = skip(p, tok, ":");
    /* a ? b : c ? d : ... nests to the right: bound it like any nesting,
     * or a hostile chain would overflow the stack of every later phase. */
    enter(p, q, "expression nesting too deep");
    Node *els = conditional(p, rest, tok);
    leave(p);
    return new_cond(p, cond, then, els, q);
}

/* GNU C's cast to a union type, "(union u) x": the union whose member of
 * x's type holds x, as a temporary (tmp.m = x, tmp). A named member of
 * that type is taken first, as gcc does. */
static Node *cast_to_union(Parser *p, Node *node, Type *to, Token *tok) {
    if (type_compatible(unqual(node->ty), to))
        return node;
    Member *m = NULL;
    for (Member *c = to->members; c && !m; c = c->next)
        if (c->name && !c->is_bitfield && type_compatible(unqual(c->ty), unqual(node->ty)))
            m = c;
    if (!m) {
        error_tok(p->c, tok, "cast to union type from type not present in union");
        return error_node(p, tok);
    }
    Obj *tmp = new_temp(p, to, tok);
    Node *set = new_binary(p, ND_ASSIGN, member_node(p, new_var_node(p, tmp, tok), m, tok),
                           node, unqual(m->ty), tok);
    return new_comma(p, set, new_var_node(p, tmp, tok), tok);
}

static Node *explicit_cast(Parser *p, Node *node, Type *ty, Token *tok) {
    node = rval(p, node);
    Type *to = unqual(ty), *from = node->ty;
    if (to->kind == TY_VOID)
        return new_unary(p, ND_CAST, node, TY(ty_void), tok);
    if (is_vector(to) || is_vector(from)) {
        /* GNU C: the same bits, between a vector and a vector or an
         * integer of its size */
        Type *other = is_vector(to) ? from : to;
        if ((!is_vector(other) && !is_integer(other)) || to->size != from->size) {
            error_tok(p->c, tok, "cannot convert a value of type '%s' to vector type '%s' "
                      "which has different size or is not an integer", tystr(p, from),
                      tystr(p, to));
            return error_node(p, tok);
        }
        return new_unary(p, ND_CAST, node, to, tok);
    }
    if (completed(to)->kind == TY_UNION && p->fn)
        return cast_to_union(p, node, completed(to), tok);
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

/* __real__ x and __imag__ x (GNU C): a part of a complex x, an lvalue
 * when x is one; of a real x, x itself and a zero (x still evaluated). */
static Node *complex_part(Parser *p, Node *x, bool imag, Token *tok) {
    const char *what = imag ? "__imag__" : "__real__";
    if (!is_arith(x->ty)) {
        error_tok(p->c, tok, "wrong type argument to %s", what);
        return error_node(p, tok);
    }
    if (is_complex(x->ty))
        return new_unary(p, imag ? ND_IMAG : ND_REAL, x, unqual(x->ty)->base, tok);
    x = rval(p, x);
    if (!imag)
        return x;
    Type *ty = unqual(x->ty);
    return new_comma(p, new_cast(p, x, TY(ty_void)), new_zero(p, ty, tok), tok);
}

/* "__builtin_complex" "(" assign "," assign ")": two parts of one real
 * floating type, the complex number they make. */
static Node *builtin_complex(Parser *p, Token **rest, Token *tok) {
    Token *start = tok;
    tok = skip(p, tok->next, "(");
    Node *re = rval(p, assign(p, &tok, tok));
    tok = skip(p, tok, ",");
    Node *im = rval(p, assign(p, &tok, tok));
    *rest = skip(p, tok, ")");
    if (!is_flonum(re->ty) || !is_flonum(im->ty)) {
        error_tok(p->c, start, "'__builtin_complex' operand not of real binary floating-point "
                  "type");
        return error_node(p, start);
    }
    if (unqual(re->ty)->kind != unqual(im->ty)->kind) {
        error_tok(p->c, start, "'__builtin_complex' operands of different types");
        return error_node(p, start);
    }
    return new_binary(p, ND_COMPLEX, re, im, complex_of(re->ty), start);
}

static Node *new_neg(Parser *p, Node *node, Token *tok) {
    node = rval(p, node);
    if (is_vector(node->ty))
        return new_unary(p, ND_NEG, node, unqual(node->ty), tok);
    if (!is_arith(node->ty)) {
        error_tok(p->c, tok, "wrong type argument to unary minus");
        return error_node(p, tok);
    }
    Type *ty = int_promote(node->ty);
    node = new_cast(p, node, ty);
    if (node->kind == ND_NUM && is_integer(ty))
        return new_num(p, wrap_int((int64_t)(0 - (uint64_t)node->ival), ty), ty, tok);
    /* not a complex one: -(0 + v i) is -0 - v i, which one fval cannot say */
    if (node->kind == ND_NUM && is_flonum(ty))
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
    if (equal(tok, "&&") && tok->next->kind == TK_IDENT) {
        node = label_value(p, rest, tok);
        leave(p);
        return node;
    }
    if (equal(tok, "+") || equal(tok, "-") || equal(tok, "*") || equal(tok, "&") ||
        equal(tok, "!") || equal(tok, "~") || equal(tok, "__extension__")) {
        node = cast(p, rest, tok->next);
        if (equal(op, "-")) {
            node = new_neg(p, node, op);
        } else if (equal(op, "+")) {
            node = rval(p, node);
            if (!is_arith(node->ty) && !is_vector(node->ty)) {
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
            if (is_complex(node->ty) || (is_vector(node->ty) && is_integer(node->ty->base))) {
                /* GNU C: ~z is the complex conjugate; ~v, lane by lane */
                node = new_unary(p, ND_BITNOT, node, unqual(node->ty), op);
                leave(p);
                return node;
            }
            if (!is_integer(node->ty)) {
                error_tok(p->c, op, "wrong type argument to bit-complement");
                node = error_node(p, op);
            }
            node = new_cast(p, node, int_promote(node->ty));
            node = wrapped(p, new_unary(p, ND_BITNOT, node, node->ty, op));
        }
    } else if (equal(tok, "__real__") || equal(tok, "__real") || equal(tok, "__imag__") ||
               equal(tok, "__imag")) {
        node = complex_part(p, cast(p, rest, tok->next), tok->loc[2] == 'i', op);
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

void arg_count_error(Parser *p, Node *fn, const char *what) {
    const char *name = var_name_of(fn);
    if (name) {
        error_tok(p->c, fn->tok, "too %s arguments to function '%s'", what, name);
        if (fn->var->tok && fn->var->tok != fn->tok)
            note_tok(p->c, fn->var->tok, "declared here");
    } else {
        error_tok(p->c, fn->tok, "too %s arguments to function", what);
    }
}

int count_args(Node *args) {
    int n = 0;
    for (Node *a = args; a; a = a->next)
        n++;
    return n;
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
        if (!is_flonum(arg->ty) && !(is_typed_classify(fn->var->name) && is_integer(arg->ty))) {
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
    if (fn->kind == ND_VAR && fn->var->nest_parent)
        note_nested_use(p, fn->var, node, fn->tok);   /* its captures come at the end */
    return node;
}

/* member-name = ident */
Token *member_name(Parser *p, Token *tok) {
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
    if (holds_vector(ty)) {
        error_tok(p->c, start, "'va_arg' of a vector type is not supported yet");
        return error_node(p, start);
    }
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
Type *check_host_declaration(Parser *p, Token *name, Type *ty, bool is_function) {
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
 * implicit declaration: no library defines it. */
static bool is_unknown_builtin(const char *name) {
    return !strncmp(name, "__builtin_", 10) || !strncmp(name, "__sync_", 7) ||
           !strncmp(name, "__atomic_", 9);
}

static Node *undeclared(Parser *p, Token *tok) {
    char *name = tok_name(p, tok);
    if (equal(tok->next, "(") && is_unknown_builtin(name)) {
        error_tok(p->c, tok, "the GCC builtin '%s' is not supported yet", name);
        /* declared, so that the call parses and is reported once */
        return new_var_node(p, declare_library_function(p, tok, name, NULL), tok);
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
    if (v && v->var) {
        Obj *var = v->var;
        if (var->is_local && var->owner_fn && p->fn && var->owner_fn != p->fn)
            return captured_var(p, var, tok);   /* in a nested function */
        if (var->nest_parent && !equal(tok->next, "("))
            note_nested_use(p, var, NULL, tok);
        return new_var_node(p, var, tok);
    }
    if (v && v->is_enum)
        return new_num(p, v->enum_val, v->enum_ty, tok);
    if (v && v->type_def)
        syntax_error(p, tok, "expected expression before '%.*s'", tok->len, tok->loc);
    if (tok->len > 10 && !strncmp(tok->loc, "__builtin_", 10)) {
        if (equal(tok, "__builtin_complex"))
            return builtin_complex(p, rest, tok);
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
    if ((tok->len > 7 && !strncmp(tok->loc, "__sync_", 7)) ||
        (tok->len > 9 && !strncmp(tok->loc, "__atomic_", 9))) {
        Node *n = atomic_builtin(p, rest, tok);
        if (n)
            return n;
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
void unsupported_keyword(Parser *p, Token *tok) {
    static const char *const kws[] = {
        "_Imaginary", "_Atomic",
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
        if (is_flonum(ty) || is_complex(ty))   /* complex: 0 + fval i */
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
