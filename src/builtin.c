/*
 * builtin.c - the builtins memjit knows: those gcc folds to constants,
 * those answered while compiling (classify_type, constant_p,
 * types_compatible_p, choose_expr), the type-generic ones whose arguments
 * are checked as gcc checks them, and those declared on first use
 * (gcc_builtins, declare_builtin).
 *
 * One of the parser's files (parse.c says how the parser works); what
 * they share is in parse.h.
 */
#include <math.h>
#include <string.h>

#include "parse.h"

/* ------------------------------------------------------------------
 * The builtins memjit knows: folded, or declared on first use
 * ---------------------------------------------------------------- */

/* Builtins that gcc folds to constants (so that INFINITY and NAN are
 * constant expressions).
 *   folded-builtin = ("__builtin_inf" | "__builtin_huge_val") "(" ")"
 *                  | "__builtin_nan" "(" "\"\"" ")"   (each also with f and l) */
Node *folded_builtin(Parser *p, Token **rest, Token *tok) {
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
Node *classify_type(Parser *p, Token **rest, Token *tok) {
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
    else if (is_complex(ty))
        cls = 9;
    else if (ty->kind == TY_STRUCT)
        cls = 12;
    else if (ty->kind == TY_UNION)
        cls = 13;
    return new_num(p, cls, ty_int, tok);
}

/* A call of libgccjit's builtin `name` of the prototype `type`, with the
 * arguments already of its parameter types. */
static Node *builtin_call(Parser *p, const char *name, const char *type, Node *args,
                          Token *tok) {
    Obj *fn = new_global(p, arena_strdup(&p->c->arena, name), parse_type_name_string(p->c, type),
                         tok);
    fn->is_function = fn->is_builtin = fn->is_extern = true;
    Node *node = new_node(p, ND_FUNCALL, tok);
    node->lhs = new_var_node(p, fn, tok);
    node->func_ty = fn->ty;
    node->ty = unqual(fn->ty->return_ty);
    node->args = args;
    return node;
}

/* __builtin_constant_p(expr), as gcc's fold_builtin_constant_p: 1 for
 * an arithmetic constant or a string literal; 0 for what has side
 * effects (not evaluated), a pointer or an aggregate, or outside a
 * function; otherwise gcc decides after optimising, so the call goes to
 * its builtin. */
Node *constant_p(Parser *p, Token **rest, Token *tok) {
    Node *arg = builtin_arg(p, rest, tok);
    ConstVal v;
    Node *str = arg->kind == ND_DECAY || arg->kind == ND_CAST ? arg->lhs : arg;
    if ((is_arith(arg->ty) && eval_const(arg, &v)) || (str && str->kind == ND_STR))
        return new_num(p, 1, ty_int, tok);
    if (has_side_effects(arg) || !is_arith(arg->ty) || !p->fn || p->in_choose_cond)
        return new_num(p, 0, ty_int, tok);
    /* never put in scope: each use is folded first */
    return builtin_call(p, "__builtin_constant_p", "int(...)", arg, tok);
}

/* types-compatible = "__builtin_types_compatible_p" "(" type-name "," type-name ")"
 * 1 when the types, without their top-level qualifiers, are compatible. */
Node *types_compatible_p(Parser *p, Token **rest, Token *tok) {
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
Node *choose_expr(Parser *p, Token **rest, Token *tok) {
    tok = skip(p, tok->next, "(");
    /* A constant is needed now: __builtin_constant_p of anything that is
     * not one is 0 here, as gcc folds it (not left for the optimiser). */
    bool outer = p->in_choose_cond;
    p->in_choose_cond = true;
    Node *cond = rval(p, assign(p, &tok, tok));
    p->in_choose_cond = outer;
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
    /* Their answer depends on inlining, as in gcc: a noinline function
     * is never inlined (lower.c's aliased definitions). */
    {"__builtin_return_address", "void *(unsigned)"},
    {"__builtin_frame_address", "void *(unsigned)"},
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
    {"__builtin_creal", "double(_Complex double)"},
    {"__builtin_crealf", "float(_Complex float)"},
    {"__builtin_creall", "long double(_Complex long double)"},
    {"__builtin_cimag", "double(_Complex double)"},
    {"__builtin_cimagf", "float(_Complex float)"},
    {"__builtin_cimagl", "long double(_Complex long double)"},
    {"__builtin_conj", "_Complex double(_Complex double)"},
    {"__builtin_conjf", "_Complex float(_Complex float)"},
    {"__builtin_conjl", "_Complex long double(_Complex long double)"},
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
Obj *declare_builtin(Parser *p, Token *tok) {
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

/* The typed forms of isinf and isnan: float (f) or long double (l) */
bool is_typed_classify(const char *name) {
    return !strcmp(name, "__builtin_isinff") || !strcmp(name, "__builtin_isinfl") ||
           !strcmp(name, "__builtin_isnanf") || !strcmp(name, "__builtin_isnanl");
}

/* The type-generic classification builtins take one floating argument,
 * unpromoted, and return int. */
bool is_generic_builtin(const char *name) {
    return !strcmp(name, "__builtin_isnan") || !strcmp(name, "__builtin_isinf_sign") ||
           !strcmp(name, "__builtin_isfinite") || !strcmp(name, "__builtin_signbit") ||
           !strcmp(name, "__builtin_signbitf") || !strcmp(name, "__builtin_signbitl") ||
           !strcmp(name, "__builtin_isinf") || is_typed_classify(name);
}

/* libgccjit has no __builtin_isinf_sign nor __builtin_isfinite, so they
 * are spelt with comparisons, on a temporary holding the argument:
 *   isinf_sign(x) = x == inf ? 1 : x == -inf ? -1 : 0
 *   isinf(x)      = x == inf || x == -inf  (1 for either sign, as gcc's)
 *   isfinite(x)   = x == x && x != inf && x != -inf
 *   isnan(x)      = x != x  (the typed isnanf and isnanl only)
 * isinff, isnanf (isinfl, isnanl) convert their argument to float (long
 * double) first, as their prototypes do.
 * signbit(x) is the sign bit itself (also of -0.0 and of a NaN), read
 * from the bits of x as a float or a double: converting a long double to
 * double keeps its sign, and libgccjit's own signbit builtins become
 * calls of a "signbit" that glibc lacks at -O0. signbitf and signbitl
 * take their argument as float and long double. */
static Node *signbit_of(Parser *p, const char *name, Node *arg, Token *tok) {
    char suffix = name[strlen("__builtin_signbit")];
    if (suffix == 'f')
        arg = new_cast(p, arg, TY(ty_float));
    bool is_float = unqual(arg->ty)->kind == TY_FLOAT;
    Type *fty = is_float ? TY(ty_float) : TY(ty_double);
    Type *ity = is_float ? TY(ty_uint) : TY(ty_ulong);
    Obj *tmp = new_temp(p, fty, tok);
    Node *setup = new_binary(p, ND_ASSIGN, new_var_node(p, tmp, tok), new_cast(p, arg, fty), fty,
                             tok);
    Node *addr = new_unary(p, ND_ADDR, new_var_node(p, tmp, tok), pointer_to(p->c, fty), tok);
    Node *bits = new_deref_of(p, new_cast(p, addr, pointer_to(p->c, ity)), tok);
    Node *sign = new_binop(p, ND_SHR, bits, new_num(p, is_float ? 31 : 63, ity, tok), tok);
    return new_comma(p, setup, new_cast(p, sign, TY(ty_int)), tok);
}

Node *expand_classify(Parser *p, const char *name, Node *arg, Token *tok) {
    if (is_typed_classify(name))
        arg = new_cast(p, arg, name[strlen(name) - 1] == 'f' ? TY(ty_float) : TY(ty_ldouble));
    bool is_sign = !strcmp(name, "__builtin_isinf_sign");
    bool is_inf = is_sign || !strncmp(name, "__builtin_isinf", 15);
    bool is_nan = !strncmp(name, "__builtin_isnan", 15) && is_typed_classify(name);
    if (!strncmp(name, "__builtin_signbit", 17) && p->fn)
        return signbit_of(p, name, arg, tok);
    if ((!is_inf && !is_nan && strcmp(name, "__builtin_isfinite")) || !p->fn)
        return NULL;
    Type *ty = unqual(arg->ty);
    Obj *tmp = new_temp(p, ty, tok);
    Node *setup = new_binary(p, ND_ASSIGN, new_var_node(p, tmp, tok), arg, ty, tok);
    Node *inf = new_flonum(p, (long double)INFINITY, ty, tok);
    Node *ninf = new_flonum(p, -(long double)INFINITY, ty, tok);
    Node *x1 = new_var_node(p, tmp, tok), *x2 = new_var_node(p, tmp, tok);
    Node *x3 = new_var_node(p, tmp, tok);
    Node *value;
    if (is_nan) {
        value = new_compare(p, ND_NE, x1, x2, tok);
    } else if (is_inf && !is_sign) {
        value = new_binop(p, ND_LOGOR, new_compare(p, ND_EQ, x1, inf, tok),
                          new_compare(p, ND_EQ, x2, ninf, tok), tok);
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

/* The arguments of gcc's type-generic builtins, checked as gcc checks
 * them, since libgccjit passes them on unchecked ("..."):
 * __builtin_{add,sub,mul}_overflow(a, b, r) take integers and a pointer
 * to one that is not bool (the _p forms an integer; memjit types an enum
 * as its integer type, so it cannot refuse one as gcc does);
 * isgreater & co. compare two arithmetic values in their common real
 * type. Returns the arguments to pass, or NULL after an error. */
Node *generic_builtin_args(Parser *p, Node *fn, Node *args, bool *failed) {
    const char *name = fn->var->name;
    bool overflow = strstr(name, "_overflow") && !strchr("su", name[10]);
    bool compare = !strncmp(name, "__builtin_is", 12) && strcmp(name, "__builtin_isnan") &&
                   strcmp(name, "__builtin_isinf") && strcmp(name, "__builtin_isfinite") &&
                   strcmp(name, "__builtin_isinf_sign");
    *failed = false;
    if (!strcmp(name, "__builtin_return_address") || !strcmp(name, "__builtin_frame_address")) {
        int64_t level;
        if (count_args(args) == 1 && is_integer(args->ty) && eval_int(args, &level) &&
            level >= 0)
            return args;
        error_tok(p->c, args ? args->tok : fn->tok, "invalid argument to '%s'", name);
        *failed = true;
        return NULL;
    }
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

/* ---------------------------------------------------------------------
 * __sync_* and __atomic_*: on an integer or pointer object of 1, 2, 4 or
 * 8 bytes, each is libgccjit's builtin of that size (__sync_fetch_and_add_4
 * for an int), which takes a volatile void * and the object's bits as a
 * signed integer of that size; the result is converted back.
 * ------------------------------------------------------------------- */

typedef enum { AT_VALUE, AT_BOOL, AT_VOID } AtomicResult;

typedef struct AtomicForm {
    const char *name;
    bool expected;        /* then a pointer to the expected value (compare_exchange) */
    int nvalues;          /* operands after the pointer that are the object's type */
    int norders;          /* memory-order (int) operands after those */
    AtomicResult result;
    /* made as this __atomic builtin with __ATOMIC_SEQ_CST, which is what
       the __sync one means: libgccjit 12 crashes on __sync's nand (on
       gcc's "changed semantics in GCC 4.4" note, which needs the C front
       end) */
    const char *as_atomic;
} AtomicForm;

static const AtomicForm atomic_forms[] = {
    {"__sync_fetch_and_add", false, 1, 0, AT_VALUE, NULL},
    {"__sync_fetch_and_sub", false, 1, 0, AT_VALUE, NULL},
    {"__sync_fetch_and_or", false, 1, 0, AT_VALUE, NULL},
    {"__sync_fetch_and_and", false, 1, 0, AT_VALUE, NULL},
    {"__sync_fetch_and_xor", false, 1, 0, AT_VALUE, NULL},
    {"__sync_fetch_and_nand", false, 1, 0, AT_VALUE, "__atomic_fetch_nand"},
    {"__sync_add_and_fetch", false, 1, 0, AT_VALUE, NULL},
    {"__sync_sub_and_fetch", false, 1, 0, AT_VALUE, NULL},
    {"__sync_or_and_fetch", false, 1, 0, AT_VALUE, NULL},
    {"__sync_and_and_fetch", false, 1, 0, AT_VALUE, NULL},
    {"__sync_xor_and_fetch", false, 1, 0, AT_VALUE, NULL},
    {"__sync_nand_and_fetch", false, 1, 0, AT_VALUE, "__atomic_nand_fetch"},
    {"__sync_bool_compare_and_swap", false, 2, 0, AT_BOOL, NULL},
    {"__sync_val_compare_and_swap", false, 2, 0, AT_VALUE, NULL},
    {"__sync_lock_test_and_set", false, 1, 0, AT_VALUE, NULL},
    {"__sync_lock_release", false, 0, 0, AT_VOID, NULL},
    {"__atomic_load_n", false, 0, 1, AT_VALUE, NULL},
    {"__atomic_store_n", false, 1, 1, AT_VOID, NULL},
    {"__atomic_exchange_n", false, 1, 1, AT_VALUE, NULL},
    {"__atomic_fetch_add", false, 1, 1, AT_VALUE, NULL},
    {"__atomic_fetch_sub", false, 1, 1, AT_VALUE, NULL},
    {"__atomic_fetch_or", false, 1, 1, AT_VALUE, NULL},
    {"__atomic_fetch_and", false, 1, 1, AT_VALUE, NULL},
    {"__atomic_fetch_xor", false, 1, 1, AT_VALUE, NULL},
    {"__atomic_fetch_nand", false, 1, 1, AT_VALUE, NULL},
    {"__atomic_add_fetch", false, 1, 1, AT_VALUE, NULL},
    {"__atomic_sub_fetch", false, 1, 1, AT_VALUE, NULL},
    {"__atomic_or_fetch", false, 1, 1, AT_VALUE, NULL},
    {"__atomic_and_fetch", false, 1, 1, AT_VALUE, NULL},
    {"__atomic_xor_fetch", false, 1, 1, AT_VALUE, NULL},
    {"__atomic_nand_fetch", false, 1, 1, AT_VALUE, NULL},
    {"__atomic_compare_exchange_n", true, 1, 3, AT_BOOL, NULL},
};

/* The object type of an atomic builtin's pointer operand, when gcc takes
 * it: an integer or a pointer of 1, 2, 4 or 8 bytes, not _Bool. */
static Type *atomic_object(Type *ptr) {
    if (ptr->kind != TY_PTR)
        return NULL;
    Type *t = ptr->base;
    bool ok = (is_integer(t) && t->kind != TY_BOOL) || t->kind == TY_PTR;
    return ok && (t->size == 1 || t->size == 2 || t->size == 4 || t->size == 8) ? t : NULL;
}

/* The signed integer type of n bytes, as libgccjit's I1..I8 are. */
static Type *atomic_word(int n) {
    return TY(n == 1 ? ty_schar : n == 2 ? ty_short : n == 4 ? ty_int : ty_long);
}

/* atomic-call = name "(" assign ("," assign)* ")" for the forms above,
 * and __sync_synchronize(), __atomic_thread_fence(order),
 * __atomic_signal_fence(order). NULL when tok names none of them. */
Node *atomic_builtin(Parser *p, Token **rest, Token *tok) {
    if (equal(tok, "__sync_synchronize") || equal(tok, "__atomic_thread_fence") ||
        equal(tok, "__atomic_signal_fence")) {
        bool fence = !equal(tok, "__sync_synchronize");
        Token *t = skip(p, tok->next, "(");
        Node *order = fence ? new_cast(p, rval(p, assign(p, &t, t)), TY(ty_int)) : NULL;
        *rest = skip(p, t, ")");
        return builtin_call(p, tok_name(p, tok), fence ? "void(int)" : "void(void)", order, tok);
    }
    const AtomicForm *f = NULL;
    for (size_t i = 0; i < sizeof atomic_forms / sizeof *atomic_forms && !f; i++)
        if (equal(tok, atomic_forms[i].name))
            f = &atomic_forms[i];
    if (!f)
        return NULL;
    Token *t = skip(p, tok->next, "(");
    Node head = {0}, *cur = &head;
    int n = 0;
    while (!equal(t, ")")) {
        if (n++)
            t = skip(p, t, ",");
        cur = cur->next = rval(p, assign(p, &t, t));
    }
    *rest = t->next;
    const char *name = tok_name(p, tok);
    int want = 1 + f->expected + f->nvalues + f->norders;
    if (n != want) {
        error_tok(p->c, tok, "too %s arguments to function '%s'", n < want ? "few" : "many",
                  name);
        return error_node(p, tok);
    }
    Node *ptr = head.next;
    Type *obj = atomic_object(ptr->ty);
    if (!obj) {
        error_tok(p->c, ptr->tok, "operand type '%s' is incompatible with argument 1 of '%s'",
                  type_to_string(p->c, ptr->ty), name);
        return error_node(p, tok);
    }
    int size = obj->size;
    Type *word = atomic_word(size);
    const char *wname = type_to_string(p->c, word);
    StrBuf proto;
    sb_init(&proto, &p->c->arena);
    sb_printf(&proto, "%s(volatile void *", f->result == AT_VALUE ? wname
                                            : f->result == AT_BOOL ? "_Bool" : "void");
    Node args = {0}, *a = &args;
    a = a->next = new_cast(p, ptr, pointer_to(p->c, qualified(p->c, TY(ty_void), false, true)));
    Node *v = ptr->next;
    if (f->expected) {
        if (v->ty->kind != TY_PTR || !type_compatible(unqual(v->ty->base), unqual(obj))) {
            error_tok(p->c, v->tok, "argument 2 of '%s' must be a pointer to '%s'", name,
                      type_to_string(p->c, obj));
            return error_node(p, tok);
        }
        sb_puts(&proto, ", void *");
        a = a->next = new_cast(p, v, pointer_to(p->c, TY(ty_void)));
        v = v->next;
    }
    for (int i = 0; i < f->nvalues; i++, v = v->next) {
        sb_printf(&proto, ", %s", wname);
        a = a->next = new_cast(p, new_cast(p, v, unqual(obj)), word);
    }
    for (int i = 0; i < f->norders; i++, v = v->next) {
        bool weak = f->expected && i == 0;   /* compare_exchange's weak is a bool */
        sb_puts(&proto, weak ? ", _Bool" : ", int");
        a = a->next = new_cast(p, v, TY(weak ? ty_bool : ty_int));
    }
    if (f->as_atomic) {
        sb_puts(&proto, ", int");
        a = a->next = new_num(p, 5, ty_int, tok);   /* __ATOMIC_SEQ_CST */
        name = f->as_atomic;
    }
    sb_putc(&proto, ')');
    /* the _n forms are the sized builtins without it: __atomic_load_4 */
    size_t len = strlen(name);
    int base = len > 2 && !strcmp(name + len - 2, "_n") ? (int)len - 2 : (int)len;
    char *bname = arena_printf(&p->c->arena, "%.*s_%d", base, name, size);
    Node *call = builtin_call(p, bname, sb_str(&proto), args.next, tok);
    return f->result == AT_VALUE ? new_cast(p, call, unqual(obj)) : call;
}
