/*
 * const.c - constant expressions: values converted as the program would
 * convert them, computed at compile time (wrap_int, convert_value), and
 * the evaluation of constant expressions (eval_const, eval_int,
 * const_eval) that array sizes, case labels, enumerators, static
 * initialisers and the builtins' folding rely on.
 *
 * One of the parser's files (parse.c says how the parser works); what
 * they share is in parse.h.
 */
#include <math.h>

#include "parse.h"

/* ------------------------------------------------------------------
 * Constant expressions
 * ---------------------------------------------------------------- */

int64_t wrap_int(int64_t v, const Type *ty) {
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

/* v, of type from, converted to type to (both arithmetic) at compile
 * time, as the program would convert it: (char)300 is the number 44. */
ConstVal convert_value(ConstVal v, const Type *from, const Type *to) {
    ConstVal r = {0, 0};
    if (is_integer(to))
        r.i = is_integer(from) ? wrap_int(v.i, to) : flo_to_int(v.f, to);
    else
        r.f = round_flo(is_integer(from) ? int_to_flo(v.i, from) : v.f, to);
    return r;
}

/* One walker (eval_const) evaluates every arithmetic constant
 * expression, integer or floating; what differs between the two is only
 * the arithmetic of an operator, in int_arith and flo_arith. */

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
/* a op b (+ - * /) for a and b of the floating type ty, computed in ty
 * as the program computes it: in long double and then rounded, a double
 * sum could round twice (1.0 + 0x1.0000000000001p-53 would be 1.0). */
long double flo_binary(NodeKind op, long double a, long double b, const Type *ty) {
    if (ty->kind == TY_FLOAT) {
        float x = (float)a, y = (float)b;
        return op == ND_ADD ? x + y : op == ND_SUB ? x - y : op == ND_MUL ? x * y : x / y;
    }
    if (ty->kind == TY_DOUBLE) {
        double x = (double)a, y = (double)b;
        return op == ND_ADD ? x + y : op == ND_SUB ? x - y : op == ND_MUL ? x * y : x / y;
    }
    return op == ND_ADD ? a + b : op == ND_SUB ? a - b : op == ND_MUL ? a * b : a / b;
}

static bool flo_arith(Node *node, long double a, long double b, ConstVal *out) {
    Type *ty = node->ty;
    switch (node->kind) {
    case ND_NEG: out->f = -a; return true;
    case ND_ADD: case ND_SUB: case ND_MUL: case ND_DIV:
        out->f = flo_binary(node->kind, a, b, ty);
        return true;
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

/* An integer constant made a pointer by casts, as (char *)16 or &&label
 * (stmt.c's label_value): its address in *addr. */
static bool pointer_from_integer(const Node *node, int64_t *addr) {
    while (node->kind == ND_CAST && (node->ty->kind == TY_PTR || is_integer(node->ty)) &&
           (node->lhs->ty->kind == TY_PTR || is_integer(node->lhs->ty)))
        node = node->lhs;
    if (node->kind != ND_NUM || !is_integer(node->ty))
        return false;
    *addr = node->ival;
    return true;
}

/* Evaluates an arithmetic constant expression, as a value of its type;
 * false when it is not one. */
bool eval_const(Node *node, ConstVal *out) {
    /* ConstVal holds 64 bits and one real: a 128-bit or complex value is
     * never folded here, so no expression with one is a constant to memjit
     * (gcc folds them; a file-scope initialiser leaves them to gcc). */
    if (!is_arith(node->ty) || node->ty->kind == TY_INT128 || is_complex(node->ty))
        return false;
    *out = (ConstVal){0, 0};
    ConstVal a = {0, 0}, b = {0, 0};
    bool t1, t2;
    switch (node->kind) {
    case ND_NUM:
        *out = (ConstVal){node->ival, node->fval};
        return true;
    case ND_PTR_DIFF: {
        /* &&a - &&b, as gcc folds it (and (T *)x - (T *)y) */
        int64_t x, y, size = node->lhs->ty->base->size;
        if (!pointer_from_integer(node->lhs, &x) || !pointer_from_integer(node->rhs, &y) ||
            size <= 0)
            return false;
        out->i = (x - y) / size;
        return true;
    }
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
bool eval_int(Node *node, int64_t *out) {
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
bool is_null_ptr_const(Node *node) {
    int64_t v;
    if (is_integer(node->ty))
        return eval_int(node, &v) && v == 0;
    if (node->kind == ND_CAST && node->ty->kind == TY_PTR &&
        node->ty->base->kind == TY_VOID && !node->ty->base->is_const &&
        !node->ty->base->is_volatile && is_integer(node->lhs->ty))
        return eval_int(node->lhs, &v) && v == 0;
    return false;
}
