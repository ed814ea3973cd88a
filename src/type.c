/*
 * type.c - C's types: the basic ones, the derived-type constructors, the
 * conversion rules (promotions, usual arithmetic conversions,
 * compatibility) and the canonical spelling used by typed lookup.
 *
 * The basic types are const and shared by every compile of the process;
 * anything that must be written (a qualified copy, a parameter linked into
 * a list) is a copy made in the compile's arena.
 */
#include <string.h>

#include "front.h"

const Type ty_void[1] = {{.kind = TY_VOID, .size = 1, .align = 1}};
const Type ty_bool[1] = {{.kind = TY_BOOL, .size = 1, .align = 1, .is_unsigned = true}};

const Type ty_char[1] = {{.kind = TY_CHAR, .size = 1, .align = 1, .is_plain_char = true}};
const Type ty_schar[1] = {{.kind = TY_CHAR, .size = 1, .align = 1}};
const Type ty_uchar[1] = {{.kind = TY_CHAR, .size = 1, .align = 1, .is_unsigned = true}};

const Type ty_short[1] = {{.kind = TY_SHORT, .size = 2, .align = 2}};
const Type ty_ushort[1] = {{.kind = TY_SHORT, .size = 2, .align = 2, .is_unsigned = true}};
const Type ty_int[1] = {{.kind = TY_INT, .size = 4, .align = 4}};
const Type ty_uint[1] = {{.kind = TY_INT, .size = 4, .align = 4, .is_unsigned = true}};
const Type ty_long[1] = {{.kind = TY_LONG, .size = 8, .align = 8}};
const Type ty_ulong[1] = {{.kind = TY_LONG, .size = 8, .align = 8, .is_unsigned = true}};
const Type ty_llong[1] = {{.kind = TY_LLONG, .size = 8, .align = 8}};
const Type ty_ullong[1] = {{.kind = TY_LLONG, .size = 8, .align = 8, .is_unsigned = true}};
const Type ty_int128[1] = {{.kind = TY_INT128, .size = 16, .align = 16}};
const Type ty_uint128[1] = {{.kind = TY_INT128, .size = 16, .align = 16, .is_unsigned = true}};

const Type ty_float[1] = {{.kind = TY_FLOAT, .size = 4, .align = 4}};
const Type ty_double[1] = {{.kind = TY_DOUBLE, .size = 8, .align = 8}};
const Type ty_ldouble[1] = {{.kind = TY_LDOUBLE, .size = 16, .align = 16}};

const Type ty_cfloat[1] = {{.kind = TY_COMPLEX, .size = 8, .align = 4, .base = (Type *)ty_float}};
const Type ty_cdouble[1] = {{.kind = TY_COMPLEX, .size = 16, .align = 8,
                             .base = (Type *)ty_double}};
const Type ty_cldouble[1] = {{.kind = TY_COMPLEX, .size = 32, .align = 16,
                              .base = (Type *)ty_ldouble}};

bool is_complex(const Type *ty) {
    return ty->kind == TY_COMPLEX;
}

bool is_vector(const Type *ty) {
    return ty->kind == TY_VECTOR;
}

/* Whether an object of type ty holds a vector (abi.c's classes do not
 * cover them: a 16-byte vector is one SSE register, not two). */
bool holds_vector(const Type *ty) {
    if (ty->kind == TY_VECTOR)
        return true;
    if (ty->kind == TY_ARRAY)
        return holds_vector(ty->base);
    if (ty->kind == TY_STRUCT || ty->kind == TY_UNION)
        for (Member *m = ty->members; m; m = m->next)
            if (holds_vector(m->ty))
                return true;
    return false;
}

/* gcc's vector type of size bytes of base: aligned to its size, at most
 * 16 on x86-64 without AVX (BIGGEST_ALIGNMENT). */
Type *vector_of(Compile *c, Type *base, int size) {
    Type *t = arena_alloc(&c->arena, sizeof(Type));
    t->kind = TY_VECTOR;
    t->size = size;
    t->align = size < 16 ? size : 16;
    t->base = unqual(base);
    t->array_len = size / base->size;
    return t;
}

/* The vector of signed integers, lane for lane as wide as vec's, that a
 * comparison of two vec makes (each lane 0 or -1). */
Type *vector_mask_type(Compile *c, Type *vec) {
    static const Type *const ints[] = {NULL, ty_schar, ty_short, NULL, ty_int,
                                       NULL, NULL,     NULL,     ty_long};
    return vector_of(c, TY(ints[vec->base->size]), vec->size);
}

/* The complex type whose parts are of the floating type ty. */
Type *complex_of(const Type *ty) {
    switch (unqual((Type *)ty)->kind) {
    case TY_FLOAT: return TY(ty_cfloat);
    case TY_LDOUBLE: return TY(ty_cldouble);
    default: return TY(ty_cdouble);
    }
}

/* The real type of an arithmetic type: a complex type's parts, or itself. */
Type *real_type_of(Type *ty) {
    ty = unqual(ty);
    return ty->kind == TY_COMPLEX ? ty->base : ty;
}

bool is_integer(const Type *ty) {
    switch (ty->kind) {
    case TY_BOOL: case TY_CHAR: case TY_SHORT: case TY_INT: case TY_LONG:
    case TY_LLONG: case TY_INT128:
        return true;
    default:
        return false;
    }
}

bool is_flonum(const Type *ty) {
    return ty->kind == TY_FLOAT || ty->kind == TY_DOUBLE ||
           ty->kind == TY_LDOUBLE;
}

bool is_arith(const Type *ty) { return is_integer(ty) || is_flonum(ty) || is_complex(ty); }

bool is_scalar(const Type *ty) { return is_arith(ty) || ty->kind == TY_PTR; }

bool is_void(const Type *ty) { return ty->kind == TY_VOID; }

/* A qualified type or a copy made by copy_type points to the canonical
 * unqualified type it stands for: that is what a struct's identity and
 * lower.c's cached gcc_jit_struct belong to. */
Type *unqual(Type *ty) {
    return ty->origin ? ty->origin : ty;
}

/* The copy keeps the qualifiers and remembers the original in origin. */
Type *copy_type(Compile *c, const Type *ty) {
    Type *t = arena_alloc(&c->arena, sizeof(Type));
    *t = *ty;
    t->origin = unqual((Type *)ty);
    t->next = NULL;
    t->name = NULL;
    return t;
}

static Type *new_type(Compile *c, TypeKind kind, int size, int align) {
    Type *t = arena_alloc(&c->arena, sizeof(Type));
    t->kind = kind;
    t->size = size;
    t->align = align;
    return t;
}

Type *pointer_to(Compile *c, Type *base) {
    Type *t = new_type(c, TY_PTR, 8, 8);
    t->base = base;
    return t;
}

Type *array_of(Compile *c, Type *base, int len) {
    int size = (len < 0 || base->size < 0) ? -1 : base->size * len;
    Type *t = new_type(c, TY_ARRAY, size, base->align);
    t->base = base;
    t->array_len = len;
    return t;
}

/* sizeof a function is 1 in GNU C (it allows arithmetic on function
 * pointers), so the size is 1, not incomplete. */
Type *func_type(Compile *c, Type *return_ty) {
    Type *t = new_type(c, TY_FUNC, 1, 1);
    t->return_ty = return_ty;
    return t;
}

/* Qualifiers accumulate: const applied to a volatile int is a const
 * volatile int whose origin is the plain int. An array's qualifiers
 * belong to its elements (C11 6.7.3p9). */
Type *qualified(Compile *c, Type *ty, bool is_const, bool is_volatile) {
    if (!is_const && !is_volatile)
        return ty;
    if (ty->kind == TY_ARRAY) {
        Type *base = qualified(c, ty->base, is_const, is_volatile);
        Type *t = array_of(c, base, ty->array_len);
        t->tok = ty->tok;
        t->is_vla = ty->is_vla;   /* the same run-time size */
        t->vla_len = ty->vla_len;
        t->vla_size = ty->vla_size;
        return t;
    }
    Type *base = unqual(ty);
    is_const |= ty->is_const;
    is_volatile |= ty->is_volatile;
    Type *t = copy_type(c, base);
    t->is_const = is_const;
    t->is_volatile = is_volatile;
    t->origin = base;
    return t;
}

int type_rank(const Type *ty) {
    switch (ty->kind) {
    case TY_BOOL: return 1;
    case TY_CHAR: return 2;
    case TY_SHORT: return 3;
    case TY_INT: return 4;
    case TY_LONG: return 5;
    case TY_LLONG: return 6;
    case TY_INT128: return 7;
    default: return 0;
    }
}

int type_prec(const Type *ty) {
    if (ty->bit_prec)
        return ty->bit_prec;
    return ty->kind == TY_BOOL ? 1 : ty->size * 8;
}

/* Every value of char, short (signed or not) and _Bool fits in an int. */
Type *int_promote(Type *ty) {
    ty = unqual(ty);
    if (is_integer(ty) && type_rank(ty) < type_rank(ty_int))
        return TY(ty_int);
    return ty;
}

static Type *unsigned_of(Type *ty) {
    switch (ty->kind) {
    case TY_INT: return TY(ty_uint);
    case TY_LONG: return TY(ty_ulong);
    case TY_LLONG: return TY(ty_ullong);
    case TY_INT128: return TY(ty_uint128);
    default: return ty;
    }
}

/* C11 6.3.1.8. Both types must be arithmetic. */
Type *common_type(Type *a, Type *b) {
    a = unqual(a);
    b = unqual(b);
    /* C11 6.3.1.8: the common real type, complex when either is */
    if (is_complex(a) || is_complex(b))
        return complex_of(common_type(real_type_of(a), real_type_of(b)));
    if (a->kind == TY_LDOUBLE || b->kind == TY_LDOUBLE)
        return TY(ty_ldouble);
    if (a->kind == TY_DOUBLE || b->kind == TY_DOUBLE)
        return TY(ty_double);
    if (a->kind == TY_FLOAT || b->kind == TY_FLOAT)
        return TY(ty_float);
    a = int_promote(a);
    b = int_promote(b);
    if (a->bit_prec || b->bit_prec) {
        /* gcc: the wider precision wins; at equal precision, unsigned */
        int pa = type_prec(a), pb = type_prec(b);
        if (pa != pb)
            return pa > pb ? a : b;
        if (a->is_unsigned != b->is_unsigned)
            return a->is_unsigned ? a : b;
        return a->bit_prec ? b : a;
    }
    if (a->is_unsigned == b->is_unsigned)
        return type_rank(a) >= type_rank(b) ? a : b;
    Type *u = a->is_unsigned ? a : b;
    Type *s = a->is_unsigned ? b : a;
    if (type_rank(u) >= type_rank(s))
        return u;
    if (s->size > u->size)
        return s;
    return unsigned_of(s);
}

static bool params_compatible(const Type *a, const Type *b) {
    for (; a && b; a = a->next, b = b->next)
        if (!type_compatible(unqual((Type *)a), unqual((Type *)b)))
            return false;
    return !a && !b;
}

/* C11 6.2.7. Structs and unions are compatible only with themselves: a
 * completed struct keeps the Type its forward declaration made. */
bool type_compatible(const Type *a, const Type *b) {
    if (a == b)
        return true;
    if (a->is_const != b->is_const || a->is_volatile != b->is_volatile)
        return false;
    a = unqual((Type *)a);
    b = unqual((Type *)b);
    if (a == b)
        return true;
    if (a->kind != b->kind)
        return false;
    switch (a->kind) {
    case TY_VOID: case TY_FLOAT: case TY_DOUBLE: case TY_LDOUBLE: case TY_BOOL:
        return true;
    case TY_CHAR:
        return a->is_unsigned == b->is_unsigned &&
               a->is_plain_char == b->is_plain_char;
    case TY_SHORT: case TY_INT: case TY_LONG: case TY_LLONG: case TY_INT128:
        /* two enumerations are two types, each compatible with its
           integer type (C11 6.7.2.2p4) */
        return a->is_unsigned == b->is_unsigned && !(a->is_enum && b->is_enum);
    case TY_COMPLEX:
        return a->base->kind == b->base->kind;
    case TY_VECTOR:
        return a->array_len == b->array_len && type_compatible(a->base, b->base);
    case TY_PTR:
        return type_compatible(a->base, b->base);
    case TY_ARRAY:
        if (!type_compatible(a->base, b->base))
            return false;
        return a->array_len < 0 || b->array_len < 0 ||
               a->array_len == b->array_len;
    case TY_FUNC:
        if (!type_compatible(a->return_ty, b->return_ty))
            return false;
        if (!a->is_prototyped || !b->is_prototyped)
            return true;
        return a->is_variadic == b->is_variadic &&
               params_compatible(a->params, b->params);
    case TY_STRUCT: case TY_UNION:
        return false;
    }
    return false;
}

/* ------------------------------------------------------------------
 * Spelling types.
 *
 * A C type is written inside out: the base name, then a declarator in
 * which pointers are prefixes and arrays and functions suffixes, with
 * parentheses where a prefix would otherwise bind looser than a suffix.
 * We build the declarator from the outside in, as a string, carrying
 * whether it starts with a '*' (then the base name is followed by a
 * space: "int *", "int (*)[3]"; otherwise not: "int[3]", "int(void)").
 * ---------------------------------------------------------------- */

static const char *base_name(const Type *ty) {
    switch (ty->kind) {
    case TY_VOID: return "void";
    case TY_BOOL: return "_Bool";
    case TY_CHAR:
        if (ty->is_plain_char)
            return "char";
        return ty->is_unsigned ? "unsigned char" : "signed char";
    case TY_SHORT: return ty->is_unsigned ? "unsigned short" : "short";
    case TY_INT: return ty->is_unsigned ? "unsigned int" : "int";
    case TY_LONG: return ty->is_unsigned ? "unsigned long" : "long";
    case TY_LLONG: return ty->is_unsigned ? "unsigned long long" : "long long";
    case TY_INT128: return ty->is_unsigned ? "unsigned __int128" : "__int128";
    case TY_FLOAT: return "float";
    case TY_DOUBLE: return "double";
    case TY_LDOUBLE: return "long double";
    case TY_COMPLEX:   /* as gcc spells them */
        return ty->base->kind == TY_FLOAT    ? "complex float"
               : ty->base->kind == TY_DOUBLE ? "complex double"
                                             : "complex long double";
    default: return "?";
    }
}

static void put_quals(StrBuf *sb, const Type *ty, bool trailing_space) {
    if (ty->is_const)
        sb_puts(sb, trailing_space ? "const " : "const");
    if (ty->is_volatile) {
        if (ty->is_const && !trailing_space)
            sb_putc(sb, ' ');
        sb_puts(sb, trailing_space ? "volatile " : "volatile");
    }
}

static void put_params(Compile *c, StrBuf *sb, const Type *fn) {
    sb_putc(sb, '(');
    if (!fn->params && fn->is_prototyped && !fn->is_variadic)
        sb_puts(sb, "void");
    for (const Type *p = fn->params; p; p = p->next) {
        if (p != fn->params)
            sb_puts(sb, ", ");
        sb_puts(sb, type_to_string(c, unqual((Type *)p)));
    }
    if (fn->is_variadic)
        sb_puts(sb, fn->params ? ", ..." : "...");
    sb_putc(sb, ')');
}

static char *spell(Compile *c, const Type *ty, const char *decl,
                   bool starts_ptr) {
    StrBuf sb;
    sb_init(&sb, &c->arena);
    switch (ty->kind) {
    case TY_PTR: {
        bool wrap = ty->base->kind == TY_ARRAY || ty->base->kind == TY_FUNC;
        if (wrap)
            sb_putc(&sb, '(');
        sb_putc(&sb, '*');
        put_quals(&sb, ty, false);
        if ((ty->is_const || ty->is_volatile) && *decl)
            sb_putc(&sb, ' ');
        sb_puts(&sb, decl);
        if (wrap)
            sb_putc(&sb, ')');
        return spell(c, ty->base, sb_str(&sb), true);
    }
    case TY_ARRAY:
        sb_puts(&sb, decl);
        if (ty->array_len < 0)
            sb_puts(&sb, "[]");
        else
            sb_printf(&sb, "[%d]", ty->array_len);
        return spell(c, ty->base, sb_str(&sb), starts_ptr);
    case TY_FUNC:
        sb_puts(&sb, decl);
        put_params(c, &sb, ty);
        return spell(c, ty->return_ty, sb_str(&sb), starts_ptr);
    case TY_VECTOR:   /* as gcc spells it: __vector(4) int */
        put_quals(&sb, ty, true);
        sb_printf(&sb, "__vector(%d) %s", ty->array_len, base_name(ty->base));
        break;
    case TY_STRUCT: case TY_UNION:
        put_quals(&sb, ty, true);
        sb_puts(&sb, ty->kind == TY_STRUCT ? "struct " : "union ");
        if (ty->tag)
            sb_putn(&sb, ty->tag->loc, (size_t)ty->tag->len);
        else
            sb_puts(&sb, "<anonymous>");
        break;
    default:
        put_quals(&sb, ty, true);
        sb_puts(&sb, base_name(ty));
        break;
    }
    if (*decl && starts_ptr)
        sb_putc(&sb, ' ');
    sb_puts(&sb, decl);
    return sb_str(&sb);
}

char *type_to_string(Compile *c, const Type *ty) {
    return spell(c, ty, "", false);
}
