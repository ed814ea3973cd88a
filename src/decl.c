/*
 * decl.c - declarations: which tokens start a type name, typeof, GNU
 * attributes, declaration specifiers, variable-length arrays,
 * declarators, struct and union layout, struct, union and enum
 * specifiers, and the declarations themselves (typedefs, functions,
 * globals, locals, static locals, _Static_assert).
 *
 * One of the parser's files (parse.c says how the parser works); what
 * they share is in parse.h.
 */
#include <string.h>

#include "parse.h"

/* ------------------------------------------------------------------
 * Which tokens start a type name; typeof
 * ---------------------------------------------------------------- */

static const char *const type_keywords[] = {
    "void", "_Bool", "char", "short", "int", "long", "float", "double",
    "signed", "unsigned", "struct", "union", "enum", "typedef", "static",
    "extern", "inline", "const", "volatile", "restrict", "_Noreturn", "auto",
    "register", "_Alignas", "__attribute__", "__attribute", "__extension__", "__signed__",
    "__signed", "__restrict", "__restrict__", "__inline", "__inline__",
    "__const", "__const__", "__volatile", "__volatile__", "_Thread_local",
    "__thread", "__builtin_va_list", "typeof", "__typeof__", "__typeof",
    "__int128", "_Complex", "__complex__", "__complex",
};

/* gcc's two spellings of the attribute keyword */
static bool is_attribute_kw(const Token *tok) {
    return equal(tok, "__attribute__") || equal(tok, "__attribute");
}

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

bool is_typename(Parser *p, Token *tok) {
    /* __extension__ begins a declaration or type name only when what
     * follows does: (__extension__ (T)x) is a cast in an expression. */
    while (equal(tok, "__extension__"))
        tok = tok->next;
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
    AT_WEAK,        /* honoured on functions and variables with linkage */
    AT_NOINLINE,    /* noinline, noipa: honoured on function definitions */
    AT_VISIBILITY,  /* the same; "default" anywhere */
    AT_CTOR,        /* constructor, destructor: honoured on functions */
    AT_VECTOR,      /* vector_size(N): honoured on integer and floating types */
    AT_ALIAS,       /* alias("t"): honoured on a declaration of t's type */
    AT_NO_EFFECT,   /* accepted: only warnings or optimisation hints */
    AT_REFUSED,     /* changes what the program does; not built yet */
} AttrKind;

typedef struct AttrSpec {
    const char *name;   /* without the optional __ on each side */
    AttrKind kind;
} AttrSpec;

static const AttrSpec attribute_table[] = {
    {"access", AT_NO_EFFECT}, {"alias", AT_ALIAS}, {"aligned", AT_ALIGNED},
    {"alloc_align", AT_NO_EFFECT}, {"alloc_size", AT_NO_EFFECT},
    {"always_inline", AT_NO_EFFECT}, {"artificial", AT_NO_EFFECT},
    {"cdecl", AT_NO_EFFECT}, {"cleanup", AT_REFUSED}, {"cold", AT_NO_EFFECT},
    {"common", AT_NO_EFFECT}, {"const", AT_NO_EFFECT}, {"constructor", AT_CTOR},
    {"copy", AT_REFUSED}, {"deprecated", AT_NO_EFFECT}, {"designated_init", AT_NO_EFFECT},
    {"destructor", AT_CTOR}, {"error", AT_NO_EFFECT}, {"externally_visible", AT_NO_EFFECT},
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
    {"noinit", AT_REFUSED}, {"noinline", AT_NOINLINE}, {"noipa", AT_NOINLINE},
    {"nonnull", AT_NO_EFFECT}, {"nonstring", AT_NO_EFFECT}, {"noplt", AT_NO_EFFECT},
    {"noreturn", AT_NO_EFFECT}, {"nothrow", AT_NO_EFFECT}, {"optimize", AT_NO_EFFECT},
    {"packed", AT_PACKED}, {"persistent", AT_REFUSED}, {"pure", AT_NO_EFFECT},
    {"regparm", AT_NO_EFFECT}, {"retain", AT_NO_EFFECT}, {"returns_nonnull", AT_NO_EFFECT},
    {"returns_twice", AT_REFUSED}, {"scalar_storage_order", AT_REFUSED},
    {"section", AT_REFUSED}, {"sentinel", AT_NO_EFFECT}, {"stdcall", AT_NO_EFFECT},
    {"symver", AT_REFUSED}, {"sysv_abi", AT_NO_EFFECT}, {"target", AT_REFUSED},
    {"target_clones", AT_REFUSED}, {"tls_model", AT_NO_EFFECT},
    {"transparent_union", AT_REFUSED}, {"unavailable", AT_NO_EFFECT}, {"unused", AT_NO_EFFECT},
    {"used", AT_NO_EFFECT}, {"vector_size", AT_VECTOR}, {"visibility", AT_VISIBILITY},
    {"warn_if_not_aligned", AT_NO_EFFECT}, {"warn_unused_result", AT_NO_EFFECT},
    {"warning", AT_NO_EFFECT}, {"weak", AT_WEAK}, {"weakref", AT_REFUSED},
};

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
 * signedness (TI: __int128), or float or double for SF and DF; what
 * memjit cannot give (XF, TF, a mode on a derived type) is refused. */
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
        case 16: to = u ? ty_uint128 : ty_int128; break;
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

/* vector_size(N) makes a vector of N bytes of the integer or floating
 * type it is written on (gcc's GNU vector extension); N must hold a
 * whole number of lanes, as many as a power of two. */
static Type *apply_vector_size(Parser *p, Type *ty, const Attrs *a) {
    if (!a->vector_tok || !a->vector_size)
        return ty;
    Type *base = unqual(ty);
    if ((!is_integer(base) && !is_flonum(base)) || base->kind == TY_BOOL || base->is_enum ||
        base->kind == TY_INT128 || base->bit_prec) {
        error_tok(p->c, a->vector_tok, "invalid vector type for attribute 'vector_size'");
        return ty;
    }
    if (a->vector_size % base->size || a->vector_size / base->size < 1) {
        error_tok(p->c, a->vector_tok, "vector size not an integral multiple of component "
                  "size");
        return ty;
    }
    if (base->kind == TY_LDOUBLE) {
        error_tok(p->c, a->vector_tok, "a vector of long double is not supported yet");
        return ty;
    }
    Type *v = vector_of(p->c, base, a->vector_size);
    return qualified(p->c, v, ty->is_const, ty->is_volatile);
}

/* The attributes that make another type of the one they are written on:
 * mode(M), then vector_size(N) (typedef int v4si __attribute__((mode(SI),
 * vector_size(16)))). */
static Type *apply_type_attrs(Parser *p, Type *ty, const Attrs *a) {
    return apply_vector_size(p, apply_mode(p, ty, a), a);
}

/* visibility("default") is what every symbol of a module has already;
 * "hidden", "internal" and "protected" keep one out of mj_lookup. */
static void visibility_arg(Parser *p, Token *tok, Token *name, Attrs *a) {
    static const char *const kinds[] = {"default", "hidden", "internal", "protected"};
    if (!equal(tok, "(") || tok->next->kind != TK_STR || !equal(tok->next->next, ")")) {
        error_tok(p->c, name, "visibility argument not a string");
        return;
    }
    const char *v = tok->next->str;
    for (int i = 0; i < 4; i++)
        if (!strcmp(v, kinds[i])) {
            if (i > 0)
                a->hidden_tok = name;
            return;
        }
    error_tok(p->c, tok->next, "attribute 'visibility' argument must be one of 'default', "
                               "'hidden', 'protected', or 'internal'");
}

/* constructor and destructor, with an optional priority: 101..65535
 * (0..100 are the implementation's, taken with gcc's warning); none
 * runs after every priority, as CTOR_NO_PRIORITY. */
/* vector_size "(" const-expr ")": a positive size in bytes */
static Token *vector_size_arg(Parser *p, Token *tok, Token *name, Attrs *a) {
    tok = skip(p, tok, "(");
    Node *n = conditional(p, &tok, tok);
    tok = skip(p, tok, ")");
    int64_t v = 0;
    a->vector_tok = name;
    a->vector_size = 0;
    if (!is_integer(n->ty) || !eval_int(n, &v))
        error_tok(p->c, n->tok, "'vector_size' attribute argument value is not an integer "
                  "constant");
    else if (v <= 0 || v > 4096 || (v & (v - 1)))
        error_tok(p->c, n->tok, "'vector_size' attribute argument value '%lld' is not a "
                  "power of two from 1 to 4096", (long long)v);
    else
        a->vector_size = (int)v;
    return tok;
}

static Token *ctor_arg(Parser *p, Token *tok, Token *name, Attrs *a) {
    bool is_dtor = equal(name, "destructor") || equal(name, "__destructor__");
    int priority = CTOR_NO_PRIORITY;
    if (equal(tok, "(")) {
        Node *n = conditional(p, &tok, tok->next);
        tok = skip(p, tok, ")");
        int64_t v = 0;
        if (!is_integer(n->ty) || !eval_int(n, &v) || v < 0 || v > 65535) {
            error_tok(p->c, n->tok, "%s priorities must be integers from 0 to 65535 inclusive",
                      is_dtor ? "destructor" : "constructor");
        } else {
            if (v <= 100)
                warn_tok(p->c, n->tok, "%s priorities from 0 to 100 are reserved for the "
                         "implementation", is_dtor ? "destructor" : "constructor");
            priority = (int)v;
        }
    }
    if (is_dtor) {
        a->dtor_tok = name;
        a->dtor_priority = priority;
    } else {
        a->ctor_tok = name;
        a->ctor_priority = priority;
    }
    return tok;
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
    case AT_VECTOR:
        return vector_size_arg(p, tok, name, a);
    case AT_ALIAS:
        if (!equal(tok, "(") || tok->next->kind != TK_STR || !equal(tok->next->next, ")")) {
            error_tok(p->c, name, "alias argument not a string");
            return skip_balanced(p, tok);
        }
        a->alias_tok = name;
        a->alias_target = tok->next->str;
        return tok->next->next->next;
    case AT_WEAK:
        a->weak_tok = name;
        return skip_balanced(p, tok);
    case AT_NOINLINE:
        a->noinline_tok = name;
        return skip_balanced(p, tok);
    case AT_VISIBILITY:
        visibility_arg(p, tok, name, a);
        return skip_balanced(p, tok);
    case AT_CTOR:
        return ctor_arg(p, tok, name, a);
    case AT_NO_EFFECT:
        return skip_balanced(p, tok);
    case AT_REFUSED:
        error_tok(p->c, name, "the '%s' attribute is not supported yet", spec->name);
        return skip_balanced(p, tok);
    }
    return tok;
}

/* attributes = (("__attribute__" | "__attribute") "(" "(" attribute ("," attribute)* ")" ")"
 *              | asm-label)*
 * asm-label  = ("__asm__" | "__asm" | "asm") "(" string ")", only where
 * a declarator ends (a). Whatever a asks for is added to *a. */
static Token *attributes(Parser *p, Token *tok, Attrs *a) {
    for (;;) {
        if (is_attribute_kw(tok)) {
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

const Attrs no_attrs;   /* the attributes of no declspec */

/* Refuses, where they cannot be honoured, the attributes that would
 * change the program. */
void refuse_attrs(Parser *p, const Attrs *a, const char *where) {
    if (a->aligned_tok)
        error_tok(p->c, a->aligned_tok, "the 'aligned' attribute on %s is not supported yet",
                  where);
    if (a->packed_tok)   // as gcc: packed means something only for structs and members
        warn_tok(p->c, a->packed_tok, "'packed' attribute ignored");
    if (a->asm_label)
        error_tok(p->c, a->asm_label, "an asm label (a symbol renamed with asm(\"name\")) "
                  "is not supported yet");
    if (a->weak_tok)
        error_tok(p->c, a->weak_tok, "the 'weak' attribute is not supported yet on %s", where);
    if (a->hidden_tok)
        error_tok(p->c, a->hidden_tok, "the 'visibility' attribute is not supported yet on %s",
                  where);
    if (a->ctor_tok || a->dtor_tok)
        error_tok(p->c, a->ctor_tok ? a->ctor_tok : a->dtor_tok,
                  "the '%s' attribute is not supported yet on %s",
                  a->ctor_tok ? "constructor" : "destructor", where);
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

bool is_volatile_kw(const Token *tok) {
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
    if (!attr->storage_tok && !is_inline)
        attr->storage_tok = tok;
    attr->is_register |= equal(tok, "register");
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
/* How a struct's members are packed: what the packed attribute (on the
 * struct; a member's own is Member.is_packed), #pragma pack(N) and the
 * aligned attribute on the struct ask for. */
typedef struct Packing {
    int pack;        /* #pragma pack(N) in force: N, else 0 */
    int aligned;     /* aligned(N) on the struct, else 0 */
} Packing;

static void layout_record(Type *ty, Member *all, const Packing *pk);
enum {
    K_VOID = 1 << 0, K_BOOL = 1 << 2, K_CHAR = 1 << 4, K_SHORT = 1 << 6,
    K_INT = 1 << 8, K_LONG = 1 << 10, K_FLOAT = 1 << 12, K_DOUBLE = 1 << 14,
    K_OTHER = 1 << 16, K_SIGNED = 1 << 17, K_UNSIGNED = 1 << 18,
    K_INT128 = 1 << 20, K_COMPLEX = 1 << 21,
};

static const Type *basic_type(int counter);

/* _Complex with the floating type the rest spells (alone: double, as in
 * gcc). With an integer type (GNU C's complex integers, which memjit
 * lacks), the complex double it stands in for until declspec refuses it
 * at the end, since the keywords may come in any order. */
static const Type *complex_basic_type(int counter) {
    const Type *real = counter == K_COMPLEX ? ty_double : basic_type(counter - K_COMPLEX);
    if (!real || real == ty_void || real == ty_bool)
        return NULL;
    return complex_of(real);
}

static bool is_complex_integer(int counter) {
    int rest = counter - K_COMPLEX;
    return (counter & K_COMPLEX) && rest != 0 && rest != K_FLOAT && rest != K_DOUBLE &&
           rest != K_LONG + K_DOUBLE;
}

/* The type a combination of basic type keywords spells, or NULL. */
static const Type *basic_type(int counter) {
    if (counter & K_COMPLEX)
        return complex_basic_type(counter);
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
    case K_INT128: case K_SIGNED + K_INT128: return ty_int128;
    case K_UNSIGNED + K_INT128: return ty_uint128;
    default: return NULL;
    }
}

static int basic_keyword(const Token *tok) {
    static const struct { const char *kw; int bit; } kws[] = {
        {"void", K_VOID}, {"_Bool", K_BOOL}, {"char", K_CHAR},
        {"short", K_SHORT}, {"int", K_INT}, {"long", K_LONG},
        {"float", K_FLOAT}, {"double", K_DOUBLE}, {"signed", K_SIGNED},
        {"__signed__", K_SIGNED}, {"__signed", K_SIGNED},
        {"unsigned", K_UNSIGNED}, {"__int128", K_INT128},
        {"_Complex", K_COMPLEX}, {"__complex__", K_COMPLEX}, {"__complex", K_COMPLEX},
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
Type *declspec(Parser *p, Token **rest, Token *tok, VarAttr *attr) {
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
        if (is_attribute_kw(tok)) {
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
    if (is_complex_integer(counter))
        error_tok(p->c, start, "complex integer types are not supported yet");
    Type *result = (counter & K_OTHER) ? other : TY(ty);
    p->decl_align = align;
    p->spec_attrs = attrs;
    result = apply_type_attrs(p, result, attrs);
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
Type *va_list_type(Parser *p, Token *at) {
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
Node *size_of_type(Parser *p, Type *ty, Token *tok) {
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
Node *vla_sizes(Parser *p, Type *ty, Token *tok) {
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
Node *with_vla_sizes(Parser *p, Node *setup, Node *expr) {
    if (!setup)
        return expr;
    Node *e = NULL;
    for (Node *st = setup; st; st = st->next)
        e = e ? new_comma(p, e, st->lhs, expr->tok) : st->lhs;
    return new_comma(p, e, expr, expr->tok);
}

/* p + n and p - n where p points to a VLA: in bytes, n times its size. */
Node *vla_ptr_offset(Parser *p, NodeKind kind, Node *ptr, Node *n, Token *tok) {
    Type *pty = unqual(ptr->ty);
    Node *bytes = new_cast(p, ptr, pointer_to(p->c, TY(ty_char)));
    Node *size = new_cast(p, size_of_type(p, pty->base, tok), TY(ty_long));
    Node *scaled = new_binary(p, ND_MUL, new_cast(p, n, TY(ty_long)), size, TY(ty_long), tok);
    return new_cast(p, new_binary(p, kind, bytes, scaled, bytes->ty, tok), pty);
}

/* a - b, both pointing to VLAs: the distance in bytes over the size. */
Node *vla_ptr_diff(Parser *p, Node *lhs, Node *rhs, Token *tok) {
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

VlaDecl *enter_vla_scope(Parser *p, Token *name) {
    VlaDecl *d = arena_alloc(&p->c->arena, sizeof(VlaDecl));
    d->up = p->scope->vla;
    d->name = name;
    p->scope->vla = d;
    return d;
}

/* Records where a label or goto is, for check_vla_jump. */
void note_jump(Parser *p, Node *node) {
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
VlaDecl *vla_entered(VlaDecl *from, VlaDecl *to) {
    VlaDecl *entered = NULL;
    for (; to; to = to->up) {
        for (VlaDecl *d = from; d; d = d->up)
            if (d == to)
                return entered;
        entered = to;
    }
    return entered;
}

void check_vla_jump(Parser *p, Node *g) {
    const NodeExt *gx = node_ext_of(g);
    VlaDecl *d = vla_entered(vla_at(p, g), vla_at(p, gx->target));
    if (!d)
        return;
    error_tok(p->c, g->tok, d->is_stmt_expr ? "jump into statement expression"
                                            : "jump into scope of identifier with variably "
                                              "modified type");
    note_tok(p->c, gx->target->tok, "label '%s' defined here", gx->label);
    if (!d->is_stmt_expr)
        note_tok(p->c, d->name, "'%.*s' declared here", d->name->len, d->name->loc);
}

/* ------------------------------------------------------------------
 * Declarators
 * ---------------------------------------------------------------- */

static Type *type_suffix(Parser *p, Token **rest, Token *tok, Type *ty);

/* pointers = ("*" ("const" | "volatile" | "restrict" | attribute)*)*
 * A noinline among the pointers' attributes (void *__attribute__((noinline))
 * f(void)) is the declared function's, as gcc takes it: it goes to *decl. */
static Type *pointers(Parser *p, Token **rest, Token *tok, Type *ty, Attrs *decl) {
    while (equal(tok, "*")) {
        tok = tok->next;
        ty = pointer_to(p->c, ty);
        bool is_const = false, is_volatile = false;
        for (;;) {
            if (is_const_kw(tok))
                is_const = true;
            else if (is_volatile_kw(tok))
                is_volatile = true;
            else if (is_attribute_kw(tok)) {
                Attrs a = {0};
                tok = attributes(p, tok, &a);
                if (a.noinline_tok && !decl->noinline_tok)
                    decl->noinline_tok = a.noinline_tok;
                refuse_attrs(p, &a, "a pointer");
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

/* A parameter may be declared register and nothing else (C11 6.7.6.3p2);
 * inline, no storage class, is only warned about, as gcc does. */
static void param_storage(Parser *p, const VarAttr *a, const Token *start,
                          const Token *name) {
    const Token *at = name ? name : start;
    bool other = a->is_typedef || a->is_static || a->is_extern || a->is_tls;
    if (a->is_inline && name)   /* as gcc: only a warning */
        warn_tok(p->c, at, "parameter '%.*s' declared 'inline'", name->len, name->loc);
    else if (a->is_inline)
        warn_tok(p->c, at, "parameter declared 'inline'");
    if (other || (a->storage_tok && !a->is_register))
        error_tok(p->c, at, name ? "storage class specified for parameter '%.*s'"
                                 : "storage class specified for unnamed parameter%.*s",
                  name ? name->len : 0, name ? name->loc : "");
}

/* Parameters of array and function type are pointers (C11 6.7.6.3p7-8). */
Type *adjust_param(Parser *p, Type *ty) {
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
        VarAttr storage = {0};
        Type *ty = declspec(p, &tok, tok, &storage);
        const Attrs *spec_attrs = p->spec_attrs;
        Token *name = NULL;
        Type *declared = declarator(p, &tok, tok, ty, &name);
        param_storage(p, &storage, start, name);
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
    if (equal(t, "*") || equal(t, "(") || equal(t, "[") || is_attribute_kw(t))
        return true;
    return t->kind == TK_IDENT && !is_typename(p, t);
}

/* declarator = pointers ("(" declarator ")" | ident)? type-suffix
 * The name, when there is one, is stored in *name. The parenthesised
 * inner declarator applies to the type the suffix after it makes, so it
 * is parsed twice: once to find its end, then with the right type. */
Type *declarator(Parser *p, Token **rest, Token *tok, Type *ty, Token **name) {
    enter(p, tok, "declarator nesting too deep");
    Attrs *a = arena_alloc(&p->c->arena, sizeof(Attrs));
    ty = pointers(p, &tok, tok, ty, a);
    tok = attributes(p, tok, a);
    /* attributes may come before the pointers too, as gcc takes them:
       int (__attribute__((unused)) *fp)(void) */
    while (equal(tok, "*")) {
        ty = pointers(p, &tok, tok, ty, a);
        tok = attributes(p, tok, a);
    }
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
        a->noinline_tok = a->noinline_tok ? a->noinline_tok : inner->noinline_tok;
        *rest = attributes(p, end, a);
        p->decl_attrs = a;
        leave(p);
        return apply_type_attrs(p, ty, a);
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
    return apply_type_attrs(p, ty, a);
}

/* type-name = declspec abstract-declarator */
Type *type_name(Parser *p, Token **rest, Token *tok) {
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
    } else if (ty->kind == TY_INT128) {
        /* a bit-field's value is computed in 64 bits (lower.c) */
        error_tok(p->c, name ? name : at, "a bit-field %s of a 128-bit type is not "
                  "supported yet", nm);
        m->ty = TY(ty_int);
        m->is_bitfield = true;
        m->bit_width = 1;
        return;
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
                if (is_attribute_kw(tok)) {    // int x : 3 __attribute__((packed))
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
 * Declarations
 * ---------------------------------------------------------------- */

char *name_str(Parser *p, Token *name) { return tok_name(p, name); }

static void previous_note(Parser *p, Obj *prev, const char *what) {
    if (prev->tok)
        note_tok(p->c, prev->tok, "previous %s of '%s' with type '%s'", what, prev->name,
                 tystr(p, prev->ty));
}

void declare_typedef(Parser *p, Token *name, Type *ty) {
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
Obj *declare_function(Parser *p, Token *name, Type *ty, VarAttr *attr, bool is_def) {
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
void static_initializer(Parser *p, Token **rest, Token *tok, Obj *var) {
    Initializer *init = parse_initializer(p, rest, tok, var->ty);
    var->ty = init->ty;
    fold_global_init(p, init);
    var->init = init;
}

/* global-variable = declarator ("=" static-initializer)?
 * (from the token after the declarator) */
void global_variable(Parser *p, Token **rest, Token *tok, Token *name, Type *ty,
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

Node *expr_stmt_of(Parser *p, Node *e) {
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
Node *auto_type_declaration(Parser *p, Token **rest, Token *tok) {
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
Type *aligned_typedef(Parser *p, Type *ty, const Attrs *spec, const Attrs *decl) {
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
void set_decl_align(Parser *p, Token *name, int align) {
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
int declared_align(Parser *p, int align, const Attrs *spec, const Attrs *decl,
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

/* An asm label renames the symbol of a function or of a variable with
 * linkage (glibc's __REDIRECT: fscanf links as __isoc99_fscanf). The
 * caller takes it out of the attributes it checks (refuse_attrs refuses
 * it elsewhere) and hands it here once name is declared. */
/* Takes the asm label and weak out of *decl and *spec (what stays there
 * is refused by the caller's checks) into *out. */
void take_linkage_attrs(Attrs *decl, Attrs *spec, Attrs *out) {
    *out = (Attrs){.asm_label = decl->asm_label,
                   .alias_tok = decl->alias_tok ? decl->alias_tok : spec->alias_tok,
                   .alias_target = decl->alias_tok ? decl->alias_target : spec->alias_target,
                   .weak_tok = decl->weak_tok ? decl->weak_tok : spec->weak_tok,
                   .hidden_tok = decl->hidden_tok ? decl->hidden_tok : spec->hidden_tok,
                   .noinline_tok = decl->noinline_tok ? decl->noinline_tok
                                                      : spec->noinline_tok};
    const Attrs *ctor = decl->ctor_tok ? decl : spec, *dtor = decl->dtor_tok ? decl : spec;
    out->ctor_tok = ctor->ctor_tok;
    out->ctor_priority = ctor->ctor_priority;
    out->dtor_tok = dtor->dtor_tok;
    out->dtor_priority = dtor->dtor_priority;
    decl->asm_label = decl->weak_tok = spec->weak_tok = NULL;
    decl->alias_tok = spec->alias_tok = NULL;
    decl->hidden_tok = spec->hidden_tok = NULL;
    decl->noinline_tok = spec->noinline_tok = NULL;
    decl->ctor_tok = spec->ctor_tok = decl->dtor_tok = spec->dtor_tok = NULL;
}

/* alias("target") on the declaration of obj: obj names target's object
 * or function, which this unit defines (gcc's rule), so every use binds
 * to target's symbol. memjit exports no symbol of obj's own name, so a
 * host's mj_lookup of it fails. */
static void apply_alias(Parser *p, Obj *obj, const Attrs *a) {
    Token t = *a->alias_tok;
    t.loc = a->alias_target;
    t.len = (int)strlen(a->alias_target);
    VarScope *tv = find_var_in(p->file_scope, &t);
    Obj *target = tv ? tv->var : NULL;
    if (!target || target->is_local || (target->is_function ? !target->is_definition : target->is_extern)) {
        error_tok(p->c, a->alias_tok, "'%s' aliased to undefined symbol '%s'", obj->name,
                  a->alias_target);
        return;
    }
    if (obj->is_definition || obj->is_function != target->is_function ||
        !type_compatible(unqual(obj->ty), unqual(target->ty))) {
        error_tok(p->c, a->alias_tok, "an alias that is a definition, or of another type than "
                  "its target, is not supported yet");
        return;
    }
    obj->asm_name = (char *)obj_link_name(target);
}

void apply_linkage_attrs(Parser *p, Token *name, const Attrs *a) {
    VarScope *v = find_var(p, name);
    Obj *obj = v ? v->var : NULL;
    if (a->alias_tok && (!obj || obj->is_local)) {
        error_tok(p->c, a->alias_tok, "the 'alias' attribute applies only to functions and "
                  "variables with linkage");
        return;
    }
    if (!obj || obj->is_local)
        return;
    if (a->alias_tok)
        apply_alias(p, obj, a);
    if (a->weak_tok && obj->is_static)
        error_tok(p->c, name, "weak declaration of '%s' must be public", obj->name);
    else if (a->weak_tok)
        obj->is_weak = true;
    if (a->hidden_tok)
        obj->is_hidden = true;
    /* as gcc, which ignores it elsewhere with a warning */
    if (a->noinline_tok && obj->is_function)
        obj->is_noinline = true;
    if ((a->ctor_tok || a->dtor_tok) && !obj->is_function)
        error_tok(p->c, a->ctor_tok ? a->ctor_tok : a->dtor_tok,
                  "the '%s' attribute applies only to functions",
                  a->ctor_tok ? "constructor" : "destructor");
    else if (a->ctor_tok || a->dtor_tok) {
        Type *fty = obj->ty;
        if (fty->params || fty->is_variadic)
            error_tok(p->c, a->ctor_tok ? a->ctor_tok : a->dtor_tok,
                      "a %s takes no parameters in memjit", a->ctor_tok ? "constructor"
                                                                        : "destructor");
        if (a->ctor_tok)
            obj->ctor_priority = a->ctor_priority + 1;
        if (a->dtor_tok)
            obj->dtor_priority = a->dtor_priority + 1;
    }
    if (!a->asm_label)
        return;
    const char *label = a->asm_label->next->next->str;
    if (obj->asm_name && strcmp(obj->asm_name, label))
        warn_tok(p->c, a->asm_label, "'asm' declaration ignored due to conflict with "
                                     "previous rename");
    else
        obj->asm_name = (char *)label;
}

/* declaration = declspec (init-declarator ("," init-declarator)*)? ";"
 * init-declarator = declarator attribute* asm-label? ("=" initializer)?
 * (from the token after the declspec, which the caller parsed) */
Node *declaration(Parser *p, Token **rest, Token *tok, Type *basety, VarAttr *attr) {
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
        Attrs decl_attrs = *p->decl_attrs, spec_rest = *spec_attrs, linkage = {0};
        if (!attr->is_typedef && (ty->kind == TY_FUNC || attr->is_extern))
            take_linkage_attrs(&decl_attrs, &spec_rest, &linkage);
        int obj_align = declared_align(
            p, align, &spec_rest, &decl_attrs,
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
        } else if (ty->kind == TY_FUNC && p->fn && equal(tok, "{") && !attr->is_extern) {
            for (Type *pt = ty->params; pt; pt = pt->next)
                if (is_variably_modified(pt))   /* its sizes are the outer function's */
                    error_tok(p->c, name, "a nested function with a variably modified "
                              "parameter is not supported yet");
            *rest = nested_function(p, tok, name, ty);   /* GNU C */
            if (!head.next)
                return new_node(p, ND_NULL_STMT, tok);
            Node *node = new_node(p, ND_BLOCK, tok);
            node->body = head.next;
            return node;
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
        apply_linkage_attrs(p, name, &linkage);
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
Token *static_assertion(Parser *p, Token *tok) {
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
