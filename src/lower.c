/*
 * lower.c - the checked AST -> libgccjit IR.
 *
 * The parser has already made every C conversion an ND_CAST and rewritten
 * compound assignments, so this file is mostly a direct walk. Two things
 * about libgccjit shape it:
 *
 *  1. libgccjit checks types strictly and knows nothing of C's implicit
 *     conversions. Every ND_CAST becomes an explicit gcc_jit cast (or a
 *     comparison with zero for _Bool, or a bitcast through `long` between
 *     pointers and integers, which gcc_jit_context_new_cast refuses). Where
 *     two C types that are the same type lower to distinct gcc_jit types
 *     (function pointer types are made anew each time), `coerce` casts.
 *
 *  2. An rvalue is a tree that gcc evaluates wherever it is used, with no
 *     sequencing of side effects inside it. So every side effect (ND_ASSIGN,
 *     ND_FUNCALL) is emitted as a statement of the current block at the
 *     point C sequences it; when its value is needed too, the value goes
 *     through a temporary. Pure subtrees stay trees, which gcc optimises as
 *     well as its own C front end's. Short-circuit operators and ?: need
 *     control flow, so they get blocks and, for their value, a temporary.
 *     Reading a pure tree "late" (at the statement that uses it, after the
 *     side effects of its siblings) is allowed: C leaves the order of
 *     unsequenced operands open.
 *
 * Declarations are made lazily (`func_of`, `global_of`) so that only what
 * the program uses is imported from the host process; definitions are all
 * declared before any body or initialiser refers to them.
 */
#include <dlfcn.h>
#include <math.h>
#include <string.h>

#include "back.h"

/* ---------------------------------------------------------------------
 * Lowering state
 * ------------------------------------------------------------------- */

typedef struct Lower {
    Compile *c;
    gcc_jit_context *ctx;
    /* keyed by pointer (hashmap_*_ptr) */
    HashMap types;       /* Type* (or a struct's Member list) -> gcc_jit_type* */
    HashMap building;    /* a record's key -> itself, while its fields are lowered */
    int nbuilding;       /* how many are */
    Type **deferred;     /* structs declared opaque, fields to set when none is */
    int ndeferred, deferred_cap;
    HashMap union_ph;    /* a union's key -> the struct a pointer to it points to
                            while the union cannot be lowered yet (record_type) */
    HashMap fields;      /* Member* -> gcc_jit_field* */
    HashMap vectors;     /* "lanes base" -> its gcc_jit_type*, one per vector type */
    HashMap bitunits;    /* Member* of a bit-field -> its BitUnit */
    HashMap labels;      /* Node* of a label or case -> its gcc_jit_block */
    gcc_jit_block *goto_dispatch;  /* the function's one goto *p branch, or NULL */
    gcc_jit_lvalue *goto_target;   /* the label number it branches on */
    HashMap inited;      /* Obj* of globals whose initialiser is set */
    HashMap addressed;   /* Obj* of the current function's locals whose address is taken */
    /* keyed by name (name_get, name_put) */
    HashMap funcs;       /* name -> Obj* whose lower is the gcc_jit_function */
    HashMap globals;     /* name -> Obj* whose lower is the gcc_jit_lvalue */
    HashMap builtins;    /* libc name -> gcc_jit_function* of __builtin_<name> */
    HashMap imports;     /* host name -> Obj* whose lower is its import slot */
    HashMap weak_bodies; /* Obj* of a weak variable definition -> its WeakBody */
    struct WeakBody *weak_list;   /* every WeakBody, to place the zero ones */
    struct HostFixup *fixups;   /* host addresses in file-scope initialisers */
    Obj *init_var;   /* the global whose initialiser is being lowered */
    Obj **pending;   /* globals declared lazily (static locals): init later */
    int npending, pending_cap;
    int nnames;      /* for generated names */
    int errors;      /* errors reported by this file */
    int nlocs;       /* locations made (see loc_of) */
    int gen;         /* which lowering of the compile this is (Obj.lower_gen) */

    /* the function being lowered; fn is NULL for file-scope initialisers */
    gcc_jit_function *fn;
    gcc_jit_block *bb;          /* NULL after a jump: next code is unreachable */
    Type *ret_ty;
    gcc_jit_location *loc;      /* of the current statement */
    const Token *loc_tok;       /* the token loc was made for */

    gcc_jit_type *t_bool, *t_int, *t_long, *t_char_ptr, *t_void_ptr;
} Lower;

/* Reports an error of this file; lower_program fails when there was one. */
#define lower_error(L, tok, ...) ((L)->errors++, error_tok((L)->c, (tok), __VA_ARGS__))

/* A value went missing without an error being reported: never let that
 * become silently wrong code. */
static void ensure_reported(Lower *L, Node *node) {
    if (L->c->error_count == 0)
        lower_error(L, node->tok, "internal error: cannot lower this expression");
}

/* An Obj's lowering (its gcc_jit_function or gcc_jit_lvalue) made in this
 * lowering; a program lowered a second time (see lower_program) must not
 * find the first one's, which belongs to another context. */
static void *lowered(Lower *L, const Obj *o) {
    return o->lower_gen == L->gen ? o->lower : NULL;
}

static void *set_lowered(Lower *L, Obj *o, void *v) {
    o->lower = v;
    o->lower_gen = L->gen;
    return v;
}

/* The tables keyed by a C name; the name is not copied. */
static void *name_get(const HashMap *m, const char *name) {
    return hashmap_get(m, name, (int)strlen(name));
}

static void name_put(Lower *L, HashMap *m, const char *name, void *val) {
    hashmap_put(&L->c->arena, m, name, (int)strlen(name), val);
}

static char *new_name(Lower *L, const char *prefix) {
    return arena_printf(&L->c->arena, "__mj_%s%d", prefix, L->nnames++);
}

enum { MAX_LOCATIONS_WITHOUT_DEBUG = 4000 };

/* A location for a token: the macro use for expanded tokens, so that debug
 * info points at what the user wrote. Made once per line in a row. */
static gcc_jit_location *loc_of(Lower *L, const Token *tok) {
    if (!tok)
        return L->loc;
    while (tok->origin)
        tok = tok->origin;
    if (!tok->file)
        return NULL;
    if (L->loc_tok && L->loc_tok->file == tok->file && L->loc_tok->line == tok->line)
        return L->loc;
    // libgccjit 12 finds a location's line by a linear search through the
    // lines of its file seen so far: 100 000 lines cost 10 s. Locations
    // only serve debug info (and libgccjit's rare own errors), so without
    // debug info a huge program keeps the first lines' locations only.
    if (!L->c->debug_info && ++L->nlocs > MAX_LOCATIONS_WITHOUT_DEBUG)
        return L->loc;
    L->loc_tok = tok;
    const char *name;
    int line = src_presumed_line(tok->file, tok->line, &name);
    L->loc = gcc_jit_context_new_location(L->ctx, name, line, tok->col);
    return L->loc;
}

/* ---------------------------------------------------------------------
 * Types
 * ------------------------------------------------------------------- */

static gcc_jit_type *lower_type(Lower *L, Type *ty);

static gcc_jit_type *basic_type(Lower *L, Type *ty) {
    enum gcc_jit_types k;
    bool u = ty->is_unsigned;
    switch (ty->kind) {
    case TY_VOID: k = GCC_JIT_TYPE_VOID; break;
    case TY_BOOL: k = GCC_JIT_TYPE_BOOL; break;
    case TY_CHAR:
        k = u ? GCC_JIT_TYPE_UNSIGNED_CHAR
              : GCC_JIT_TYPE_SIGNED_CHAR;   // libgccjit 12 makes plain char unsigned
        break;
    case TY_SHORT: k = u ? GCC_JIT_TYPE_UNSIGNED_SHORT : GCC_JIT_TYPE_SHORT; break;
    case TY_INT: k = u ? GCC_JIT_TYPE_UNSIGNED_INT : GCC_JIT_TYPE_INT; break;
    case TY_LONG: k = u ? GCC_JIT_TYPE_UNSIGNED_LONG : GCC_JIT_TYPE_LONG; break;
    case TY_LLONG: k = u ? GCC_JIT_TYPE_UNSIGNED_LONG_LONG : GCC_JIT_TYPE_LONG_LONG; break;
    case TY_INT128: k = u ? GCC_JIT_TYPE_UINT128_T : GCC_JIT_TYPE_INT128_T; break;
    case TY_FLOAT: k = GCC_JIT_TYPE_FLOAT; break;
    case TY_DOUBLE: k = GCC_JIT_TYPE_DOUBLE; break;
    case TY_LDOUBLE: k = GCC_JIT_TYPE_LONG_DOUBLE; break;
    case TY_COMPLEX:
        k = ty->base->kind == TY_FLOAT    ? GCC_JIT_TYPE_COMPLEX_FLOAT
            : ty->base->kind == TY_DOUBLE ? GCC_JIT_TYPE_COMPLEX_DOUBLE
                                          : GCC_JIT_TYPE_COMPLEX_LONG_DOUBLE;
        break;
    default: k = GCC_JIT_TYPE_VOID; break;
    }
    return gcc_jit_context_get_type(L->ctx, k);
}

/* A parameter's type as the callee sees it (arrays and functions adjust). */
static gcc_jit_type *param_type(Lower *L, Type *ty) {
    if (ty->kind == TY_ARRAY)
        return gcc_jit_type_get_pointer(lower_type(L, ty->base));
    return lower_type(L, ty);      // a function type lowers to its pointer
}

static int count_params(Type *fty) {
    int n = 0;
    for (Type *p = fty->params; p; p = p->next)
        n++;
    return n;
}

/* An unprototyped "int f()" is lowered as variadic with no named
 * parameters, so calls may pass arguments; the ABI is the same. */
static bool is_variadic_type(Type *fty) {
    return fty->is_variadic || (!fty->is_prototyped && !fty->params);
}

/* A pointer to a function of type fty. Made once per Type. */
static gcc_jit_type *func_ptr_type(Lower *L, Type *fty) {
    gcc_jit_type *t = hashmap_get_ptr(&L->types, fty);
    if (t)
        return t;
    int n = count_params(fty);
    gcc_jit_type **params = arena_alloc(&L->c->arena, sizeof(*params) * (n + 1));
    int i = 0;
    for (Type *p = fty->params; p; p = p->next)
        params[i++] = param_type(L, p);
    t = gcc_jit_context_new_function_ptr_type(L->ctx, NULL, lower_type(L, fty->return_ty), n,
                                              params, is_variadic_type(fty));
    hashmap_put_ptr(&L->c->arena, &L->types, fty, t);
    return t;
}

static const char *member_name(Lower *L, Member *m) {
    if (m->name)
        return tok_str(L->c, m->name);
    return new_name(L, "anon");
}

static gcc_jit_field *field_of(Lower *L, Member *m) {
    gcc_jit_field *f = hashmap_get_ptr(&L->fields, m);
    if (!f) {
        gcc_jit_type *t = lower_type(L, m->ty);
        Type *elem = m->ty;   // gcc aligns the field as its lowered element type
        while (elem->kind == TY_ARRAY)
            elem = elem->base;
        if (m->layout_align != unqual(elem)->align)   // _Alignas, aligned(N), packed
            t = gcc_jit_type_get_aligned(t, (size_t)m->layout_align);
        f = gcc_jit_context_new_field(L->ctx, NULL, t, member_name(L, m));
        hashmap_put_ptr(&L->c->arena, &L->fields, m, f);
    }
    return f;
}

/* ---------------------------------------------------------------------
 * Bit-field storage
 *
 * libgccjit's bit-fields keep the declared type on the field, where gcc's
 * C front end gives the field a type exactly as wide as the bit-field,
 * and gcc's optimisers then go wrong on them: a constant initialiser is
 * not cut to the width, scalar replacement crashes on a union of a
 * bit-field and a wider member. So memjit lowers bit-fields itself, as
 * gcc's own front end and expander would access them. The bytes of a
 * run of adjacent bit-fields (its memory location, C11 3.14; the parser
 * computes them as unit_start/unit_end) are covered by unsigned integer
 * fields, "chunks". A read shifts and masks the chunks the bit-field
 * overlaps; a write reads each partly covered chunk, merges the new bits
 * in and writes it back. Chunks are naturally aligned and no wider than
 * the record's alignment, so the record keeps the parser's (gcc's)
 * layout and alignment, and an access never touches a byte outside the
 * bit-field's run. A union's bit-field gets a struct of its chunks.
 * ------------------------------------------------------------------- */

static gcc_jit_block *cur(Lower *L);

typedef struct Chunk {
    gcc_jit_field *field;   /* in the record, or in the union member's struct */
    gcc_jit_type *type;     /* unsigned, size bytes wide */
    int offset, size;       /* bytes from the start of the record */
} Chunk;

typedef struct BitUnit {
    gcc_jit_field *wrap;    /* a union's member holding the chunks, else NULL */
    gcc_jit_type *wrap_type;
    int start;              /* the run's first byte (struct) */
    int nchunks;
    Chunk *chunks;
} BitUnit;

/* The chunks over the bytes [start, end): at each byte the widest
 * naturally aligned unsigned integer that fits, up to max_size bytes. */
static BitUnit *new_bit_unit(Lower *L, int start, int end, int max_size) {
    BitUnit *u = arena_alloc(&L->c->arena, sizeof *u);
    u->start = start;
    u->chunks = arena_alloc(&L->c->arena, sizeof(Chunk) * (end - start));
    for (int pos = start; pos < end;) {
        int k = 8;
        while (k > max_size || pos % k || pos + k > end)
            k /= 2;
        Chunk *ch = &u->chunks[u->nchunks++];
        ch->offset = pos;
        ch->size = k;
        ch->type = gcc_jit_context_get_int_type(L->ctx, k, 0);
        ch->field = gcc_jit_context_new_field(L->ctx, NULL, ch->type, new_name(L, "bits"));
        pos += k;
    }
    return u;
}

/* A union's bit-field: one chunk when an aligned integer as wide as the
 * bytes it needs fits the union, else a struct of chunks. */
static BitUnit *union_bit_unit(Lower *L, Type *ty, Member *m) {
    int need = (m->bit_offset + m->bit_width + 7) / 8;
    int k = 1;
    while (k < need)
        k *= 2;
    int max_size = ty->align < 8 ? ty->align : 8;
    if (k <= max_size && k <= ty->size)
        return new_bit_unit(L, 0, k, k);
    BitUnit *u = new_bit_unit(L, 0, need, max_size);
    gcc_jit_field **fields = arena_alloc(&L->c->arena, sizeof(*fields) * u->nchunks);
    for (int i = 0; i < u->nchunks; i++)
        fields[i] = u->chunks[i].field;
    gcc_jit_struct *s = gcc_jit_context_new_struct_type(L->ctx, NULL, new_name(L, "bitsof"),
                                                        u->nchunks, fields);
    u->wrap_type = gcc_jit_struct_as_type(s);
    u->wrap = gcc_jit_context_new_field(L->ctx, NULL, u->wrap_type, member_name(L, m));
    return u;
}

static BitUnit *bit_unit_of(Lower *L, Member *m) {
    return hashmap_get_ptr(&L->bitunits, m);
}

/* Where a bit-field access finds its record: an lvalue, or (a struct
 * returned by value) an rvalue; volatile when the record or the member
 * is. */
typedef struct BitRef {
    gcc_jit_lvalue *lv;
    gcc_jit_rvalue *rv;
    bool is_volatile;
} BitRef;

static gcc_jit_lvalue *chunk_lvalue(Lower *L, const BitRef *r, BitUnit *u, Chunk *ch) {
    gcc_jit_lvalue *lv = r->lv;
    if (u->wrap)
        lv = gcc_jit_lvalue_access_field(lv, L->loc, u->wrap);
    lv = gcc_jit_lvalue_access_field(lv, L->loc, ch->field);
    if (!r->is_volatile)
        return lv;
    gcc_jit_type *vp = gcc_jit_type_get_pointer(gcc_jit_type_get_volatile(ch->type));
    gcc_jit_rvalue *addr = gcc_jit_lvalue_get_address(lv, L->loc);
    return gcc_jit_rvalue_dereference(gcc_jit_context_new_cast(L->ctx, L->loc, addr, vp), L->loc);
}

static gcc_jit_rvalue *chunk_value(Lower *L, const BitRef *r, BitUnit *u, Chunk *ch) {
    if (r->lv) {
        gcc_jit_rvalue *v = gcc_jit_lvalue_as_rvalue(chunk_lvalue(L, r, u, ch));
        return r->is_volatile ? gcc_jit_context_new_cast(L->ctx, L->loc, v, ch->type) : v;
    }
    gcc_jit_rvalue *rv = r->rv;
    if (u->wrap)
        rv = gcc_jit_rvalue_access_field(rv, L->loc, u->wrap);
    return gcc_jit_rvalue_access_field(rv, L->loc, ch->field);
}

static uint64_t low_mask(int bits) {
    return bits >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << bits) - 1;
}

static gcc_jit_rvalue *ucst(Lower *L, gcc_jit_type *t, uint64_t v) {
    return gcc_jit_context_new_rvalue_from_long(L->ctx, t, (long)v);
}

static gcc_jit_rvalue *binop(Lower *L, enum gcc_jit_binary_op op, gcc_jit_type *t,
                             gcc_jit_rvalue *a, gcc_jit_rvalue *b) {
    return gcc_jit_context_new_binary_op(L->ctx, L->loc, op, t, a, b);
}

/* The bits [lo, hi) of the record that chunk ch holds of bit-field m. */
static bool chunk_overlap(const Chunk *ch, const Member *m, int64_t *lo, int64_t *hi) {
    int64_t first = (int64_t)m->offset * 8 + m->bit_offset, end = first + m->bit_width;
    int64_t cfirst = (int64_t)ch->offset * 8, cend = cfirst + ch->size * 8;
    *lo = first > cfirst ? first : cfirst;
    *hi = end < cend ? end : cend;
    return *lo < *hi;
}

static gcc_jit_rvalue *fenced_read(Lower *L, gcc_jit_lvalue *obj, gcc_jit_rvalue *value);
static void fenced_write(Lower *L, gcc_jit_lvalue *lv, gcc_jit_rvalue *value);

/* The value of bit-field m as its declared type ty: its bits gathered
 * from the chunks into an unsigned word, then sign-extended for a signed
 * field. The word is 32 bits when one chunk of at most 4 bytes holds it,
 * as gcc would read it, else 64. */
static gcc_jit_rvalue *bitfield_read(Lower *L, const BitRef *r, Member *m, Type *ty) {
    BitUnit *u = bit_unit_of(L, m);
    int64_t first = (int64_t)m->offset * 8 + m->bit_offset;
    int w = m->bit_width, n = 0, widest = 0;
    int64_t lo, hi;
    for (int i = 0; i < u->nchunks; i++)
        if (chunk_overlap(&u->chunks[i], m, &lo, &hi)) {
            n++;
            widest = u->chunks[i].size > widest ? u->chunks[i].size : widest;
        }
    int wb = n == 1 && widest <= 4 ? 32 : 64;
    gcc_jit_type *uw = gcc_jit_context_get_int_type(L->ctx, wb / 8, 0);
    gcc_jit_type *sw = gcc_jit_context_get_int_type(L->ctx, wb / 8, 1);
    gcc_jit_rvalue *acc = NULL;
    for (int i = 0; i < u->nchunks; i++) {
        Chunk *ch = &u->chunks[i];
        if (!chunk_overlap(ch, m, &lo, &hi))
            continue;
        gcc_jit_rvalue *v = gcc_jit_context_new_cast(L->ctx, L->loc, chunk_value(L, r, u, ch), uw);
        if (lo > ch->offset * 8)
            v = binop(L, GCC_JIT_BINARY_OP_RSHIFT, uw, v, ucst(L, uw, lo - ch->offset * 8));
        if (hi - lo < wb)
            v = binop(L, GCC_JIT_BINARY_OP_BITWISE_AND, uw, v, ucst(L, uw, low_mask(hi - lo)));
        if (lo > first)
            v = binop(L, GCC_JIT_BINARY_OP_LSHIFT, uw, v, ucst(L, uw, lo - first));
        acc = acc ? binop(L, GCC_JIT_BINARY_OP_BITWISE_OR, uw, acc, v) : v;
    }
    gcc_jit_type *t = lower_type(L, ty);
    if (ty->kind == TY_BOOL)
        return gcc_jit_context_new_comparison(L->ctx, L->loc, GCC_JIT_COMPARISON_NE, acc,
                                              ucst(L, uw, 0));
    if (!ty->is_unsigned && w < wb) {
        gcc_jit_rvalue *up = binop(L, GCC_JIT_BINARY_OP_LSHIFT, uw, acc, ucst(L, uw, wb - w));
        up = gcc_jit_context_new_cast(L->ctx, L->loc, up, sw);
        acc = binop(L, GCC_JIT_BINARY_OP_RSHIFT, sw, up, gcc_jit_context_new_rvalue_from_int(
                                                              L->ctx, sw, wb - w));
    }
    acc = gcc_jit_context_new_cast(L->ctx, L->loc, acc, t);
    return r->is_volatile && r->lv && L->fn ? fenced_read(L, r->lv, acc) : acc;
}

/* Stores val (of the bit-field's declared type, already cut to its width
 * by the parser) into m: each chunk it covers whole is written, each one
 * it covers in part read, merged and written. */
static void bitfield_write(Lower *L, const BitRef *r, Member *m, gcc_jit_rvalue *val) {
    BitUnit *u = bit_unit_of(L, m);
    gcc_jit_type *u64 = gcc_jit_context_get_int_type(L->ctx, 8, 0);
    int64_t first = (int64_t)m->offset * 8 + m->bit_offset;
    gcc_jit_rvalue *bits = gcc_jit_context_new_cast(L->ctx, L->loc, val, u64);
    for (int i = 0; i < u->nchunks; i++) {
        Chunk *ch = &u->chunks[i];
        int64_t lo, hi;
        if (!chunk_overlap(ch, m, &lo, &hi))
            continue;
        int shift = (int)(lo - ch->offset * 8), n = (int)(hi - lo);
        gcc_jit_rvalue *part = bits;
        if (lo > first)
            part = binop(L, GCC_JIT_BINARY_OP_RSHIFT, u64, part, ucst(L, u64, lo - first));
        if (n < 64)
            part = binop(L, GCC_JIT_BINARY_OP_BITWISE_AND, u64, part, ucst(L, u64, low_mask(n)));
        if (shift)
            part = binop(L, GCC_JIT_BINARY_OP_LSHIFT, u64, part, ucst(L, u64, shift));
        part = gcc_jit_context_new_cast(L->ctx, L->loc, part, ch->type);
        if (n < ch->size * 8) {
            uint64_t keep = ~(low_mask(n) << shift) & low_mask(ch->size * 8);
            gcc_jit_rvalue *old = binop(L, GCC_JIT_BINARY_OP_BITWISE_AND, ch->type,
                                        chunk_value(L, r, u, ch), ucst(L, ch->type, keep));
            part = binop(L, GCC_JIT_BINARY_OP_BITWISE_OR, ch->type, old, part);
        }
        if (r->is_volatile && L->fn)
            fenced_write(L, chunk_lvalue(L, r, u, ch), part);
        else
            gcc_jit_block_add_assignment(cur(L), L->loc, chunk_lvalue(L, r, u, ch), part);
    }
}

static int64_t align_bits(int64_t bit, int64_t align) { return (bit + align - 1) / align * align; }

/* Unnamed fields of unsigned char covering the bytes [from, to). */
static int add_padding(Lower *L, gcc_jit_field **fields, int n, int64_t from, int64_t to) {
    if (from >= to)
        return n;
    gcc_jit_type *uc = gcc_jit_context_get_type(L->ctx, GCC_JIT_TYPE_UNSIGNED_CHAR);
    gcc_jit_type *arr = gcc_jit_context_new_array_type(L->ctx, NULL, uc, (int)(to - from));
    fields[n++] = gcc_jit_context_new_field(L->ctx, NULL, arr, new_name(L, "pad"));
    return n;
}

/* A field of no size that gives the record the alignment its members
 * may not: a bit-field's chunks can be narrower than its type. */
static gcc_jit_field *align_field(Lower *L, int align) {
    gcc_jit_type *uc = gcc_jit_context_get_type(L->ctx, GCC_JIT_TYPE_UNSIGNED_CHAR);
    gcc_jit_type *none = gcc_jit_context_new_array_type(L->ctx, NULL, uc, 0);
    return gcc_jit_context_new_field(L->ctx, NULL, gcc_jit_type_get_aligned(none, (size_t)align),
                                     new_name(L, "align"));
}

/* The fields of a union: its members, a bit-field as its chunks. */
static int collect_union_fields(Lower *L, Type *ty, gcc_jit_field **fields) {
    int i = 1;                // fields[0]: for align_field
    int64_t max_bytes = 0;
    int max_align = 1;
    fields[0] = NULL;
    for (Member *m = ty->members; m; m = m->next) {
        int64_t size = m->ty->size > 0 ? m->ty->size : 0;
        int align = m->layout_align;
        if (m->is_bitfield) {
            BitUnit *u = union_bit_unit(L, ty, m);
            hashmap_put_ptr(&L->c->arena, &L->bitunits, m, u);
            fields[i++] = u->wrap ? u->wrap : u->chunks[0].field;
            size = u->wrap ? u->chunks[u->nchunks - 1].offset + u->chunks[u->nchunks - 1].size
                           : u->chunks[0].size;
            align = 1;   // a struct of chunks is as aligned as its widest
            for (int k = 0; k < u->nchunks; k++)
                align = u->chunks[k].size > align ? u->chunks[k].size : align;
        } else {
            fields[i++] = field_of(L, m);
        }
        max_bytes = size > max_bytes ? size : max_bytes;
        max_align = align > max_align ? align : max_align;
    }
    if (align_bits(max_bytes, ty->align) < ty->size)
        i = add_padding(L, fields, i, 0, ty->size);
    if (max_align >= ty->align)
        return i - 1;
    fields[0] = align_field(L, ty->align);
    return i;
}

/* The fields of a struct or union. gcc lays them out as the parser did,
 * except where the parser saw what no field says (a bit-field's run, an
 * unnamed or zero-width bit-field, _Alignas): there padding puts the next
 * field at the parser's offset, and the size comes out the same. */
static int collect_fields(Lower *L, Type *ty, gcc_jit_field ***out) {
    int n = 0;
    for (Member *m = ty->members; m; m = m->next)
        n += m->is_bitfield ? 2 + (m->unit_end - m->unit_start) : 2;
    gcc_jit_field **fields = arena_alloc(&L->c->arena, sizeof(*fields) * (n + 2));
    if (ty->kind == TY_UNION) {
        int i = collect_union_fields(L, ty, fields);
        *out = fields[0] ? fields : fields + 1;
        return i;
    }
    int i = 1;                // fields[0]: for align_field
    int64_t cur = 0;          // where gcc's layout has got to, in bytes
    int max_align = 1;        // of the fields so far
    BitUnit *unit = NULL;     // the run of the bit-field before
    int max_chunk = ty->align < 8 ? ty->align : 8;
    for (Member *m = ty->members; m; m = m->next) {
        if (m->is_bitfield) {
            if (!unit || unit->start != m->unit_start) {
                i = add_padding(L, fields, i, cur, m->unit_start);
                unit = new_bit_unit(L, m->unit_start, m->unit_end, max_chunk);
                for (int k = 0; k < unit->nchunks; k++) {
                    fields[i++] = unit->chunks[k].field;
                    if (unit->chunks[k].size > max_align)
                        max_align = unit->chunks[k].size;
                }
                cur = m->unit_end;
            }
            hashmap_put_ptr(&L->c->arena, &L->bitunits, m, unit);
            continue;
        }
        int malign = m->layout_align;
        if (m->offset > align_bits(cur, malign))
            i = add_padding(L, fields, i, cur, m->offset);
        fields[i++] = field_of(L, m);
        cur = m->offset + (m->ty->size > 0 ? m->ty->size : 0);
        max_align = malign > max_align ? malign : max_align;
    }
    if (align_bits(cur, ty->align) < ty->size)
        i = add_padding(L, fields, i, cur, ty->size);
    if (max_align >= ty->align) {
        *out = fields + 1;
        return i - 1;
    }
    fields[0] = align_field(L, ty->align);
    *out = fields;
    return i;
}

static const char *tag_name(Lower *L, Type *ty) {
    if (ty->tag)
        return arena_printf(&L->c->arena, "%s%s", ty->kind == TY_UNION ? "u_" : "",
                            tok_str(L->c, ty->tag));
    return new_name(L, "anon_tag");
}

/* Structs and unions are identified by their member list, which copies of
 * the type (typedefs, qualified versions) share; an incomplete one by its
 * Type. A struct is registered before its fields are lowered so that a
 * pointer member to itself finds it. A union has no opaque form in
 * libgccjit: a pointer to a union being defined points to a placeholder
 * struct instead, and `coerce` casts where that shows. */
static const void *record_key(Type *ty) {
    while (ty->origin)
        ty = ty->origin;
    return ty->members ? (const void *)ty->members : (const void *)ty;
}

static bool is_building(Lower *L, const void *key) {
    return hashmap_get_ptr(&L->building, key) != NULL;
}

static void set_building(Lower *L, const void *key, bool on) {
    hashmap_put_ptr(&L->c->arena, &L->building, key, on ? (void *)key : NULL);
    L->nbuilding += on ? 1 : -1;
}

/* Whether union ty holds, by value and not yet lowered, a record whose
 * fields are being lowered: then ty cannot be lowered now (its field
 * would have no size). Such a cycle goes through a pointer, as in Lua's
 * TValue -> union Value -> a function pointer taking lua_State * ->
 * lua_State's StkId -> union StackValue -> TValue. */
static bool holds_building(Lower *L, Type *ty, int depth) {
    if (depth > 32)
        return true;
    for (Member *m = ty->members; m; m = m->next) {
        Type *t = m->ty;
        while (t->kind == TY_ARRAY)
            t = t->base;
        if (t->kind != TY_STRUCT && t->kind != TY_UNION)
            continue;
        const void *key = record_key(t);
        if (is_building(L, key))
            return true;
        if (!hashmap_get_ptr(&L->types, key) && holds_building(L, t, depth + 1))
            return true;
    }
    return false;
}

/* The gcc type a pointer to union ty points to: the union's own, or a
 * placeholder struct while the union cannot be lowered yet (a pointer's
 * uses are cast to the union's pointer: gen_lval's ND_DEREF, load,
 * gen_assign). */
static gcc_jit_type *union_pointee(Lower *L, Type *ty) {
    while (ty->origin)
        ty = ty->origin;
    const void *key = record_key(ty);
    if (!ty->members || ty->size < 0 || hashmap_get_ptr(&L->types, key) ||
        !holds_building(L, ty, 0))
        return lower_type(L, ty);
    gcc_jit_type *ph = hashmap_get_ptr(&L->union_ph, key);
    if (!ph) {
        ph = gcc_jit_struct_as_type(gcc_jit_context_new_opaque_struct(L->ctx, NULL,
                                                                      new_name(L, "uph")));
        hashmap_put_ptr(&L->c->arena, &L->union_ph, key, ph);
    }
    return ph;
}

static void set_struct_fields(Lower *L, Type *ty, const void *key, gcc_jit_struct *s);

/* A struct a pointer points to, when its fields cannot be lowered yet
 * (holds_building): declared now, its fields set once no record is being
 * built (complete_deferred). The type is the struct's own from the start. */
static gcc_jit_type *deferred_struct(Lower *L, Type *ty) {
    while (ty->origin)
        ty = ty->origin;
    const void *key = record_key(ty);
    gcc_jit_struct *s = gcc_jit_context_new_opaque_struct(L->ctx, NULL, tag_name(L, ty));
    gcc_jit_type *t = gcc_jit_struct_as_type(s);
    hashmap_put_ptr(&L->c->arena, &L->types, key, t);
    ty->lower = s;
    if (L->ndeferred == L->deferred_cap) {
        int cap = L->deferred_cap ? L->deferred_cap * 2 : 8;
        Type **d = arena_alloc(&L->c->arena, sizeof(*d) * (size_t)cap);
        if (L->ndeferred)
            memcpy(d, L->deferred, sizeof(*d) * (size_t)L->ndeferred);
        L->deferred = d;
        L->deferred_cap = cap;
    }
    L->deferred[L->ndeferred++] = ty;
    return t;
}

static void complete_deferred(Lower *L) {
    while (L->nbuilding == 0 && L->ndeferred > 0) {
        Type *ty = L->deferred[--L->ndeferred];
        set_struct_fields(L, ty, record_key(ty), ty->lower);
    }
}

static void set_struct_fields(Lower *L, Type *ty, const void *key, gcc_jit_struct *s) {
    gcc_jit_field **fields;
    set_building(L, key, true);
    int n = collect_fields(L, ty, &fields);
    set_building(L, key, false);
    gcc_jit_struct_set_fields(s, NULL, n, fields);
    complete_deferred(L);
}

static gcc_jit_type *record_type(Lower *L, Type *ty) {
    while (ty->origin)
        ty = ty->origin;
    const void *key = record_key(ty);
    gcc_jit_type *t = hashmap_get_ptr(&L->types, key);
    if (t)
        return t;
    const char *name = tag_name(L, ty);
    /* a union without members (GNU C) is an empty struct: libgccjit
     * cannot make a constructor of a union without fields */
    if (ty->kind == TY_STRUCT || ty->size < 0 || !ty->members) {
        gcc_jit_struct *s = gcc_jit_context_new_opaque_struct(L->ctx, NULL, name);
        t = gcc_jit_struct_as_type(s);
        hashmap_put_ptr(&L->c->arena, &L->types, key, t);
        ty->lower = s;
        if (ty->size >= 0)
            set_struct_fields(L, ty, key, s);
        return t;
    }
    gcc_jit_struct *ph = gcc_jit_context_new_opaque_struct(L->ctx, NULL, new_name(L, "ph"));
    hashmap_put_ptr(&L->c->arena, &L->types, key, gcc_jit_struct_as_type(ph));
    gcc_jit_field **fields;
    set_building(L, key, true);
    int n = collect_fields(L, ty, &fields);
    set_building(L, key, false);
    t = gcc_jit_context_new_union_type(L->ctx, NULL, name, n, fields);
    hashmap_put_ptr(&L->c->arena, &L->types, key, t);
    complete_deferred(L);
    return t;
}

static gcc_jit_type *array_type(Lower *L, Type *ty) {
    gcc_jit_type *t = hashmap_get_ptr(&L->types, ty);
    if (!t) {
        int len = ty->array_len < 0 ? 0 : ty->array_len;
        t = gcc_jit_context_new_array_type(L->ctx, NULL, lower_type(L, ty->base), len);
        hashmap_put_ptr(&L->c->arena, &L->types, ty, t);
    }
    return t;
}

/* One gcc_jit_type per vector type (lanes and lane type), wherever the
 * C type was spelt: libgccjit makes a new one per call, and casts none. */
static gcc_jit_type *vector_type(Lower *L, Type *ty) {
    Type *lane = unqual(ty->base);
    char *key = arena_printf(&L->c->arena, "%d %d %d", ty->array_len, (int)lane->kind,
                             lane->is_unsigned);
    int len = (int)strlen(key);
    gcc_jit_type *t = hashmap_get(&L->vectors, key, len);
    if (!t) {
        t = gcc_jit_type_get_vector(basic_type(L, lane), (size_t)ty->array_len);
        hashmap_put(&L->c->arena, &L->vectors, key, len, t);
    }
    return t;
}

/* The gcc_jit type of a C type, without qualifiers: const is a promise
 * libgccjit would enforce against our own initialising assignments, and
 * volatile is applied where objects are declared or dereferenced. */
static gcc_jit_type *lower_type(Lower *L, Type *ty) {
    switch (ty->kind) {
    case TY_PTR:
        if (ty->base->kind == TY_FUNC)
            return func_ptr_type(L, ty->base);
        if (ty->base->kind == TY_UNION)
            return gcc_jit_type_get_pointer(union_pointee(L, ty->base));
        if (ty->base->kind == TY_STRUCT && L->nbuilding > 0 && ty->base->size >= 0 &&
            !hashmap_get_ptr(&L->types, record_key(ty->base)) &&
            holds_building(L, ty->base, 0))
            return gcc_jit_type_get_pointer(deferred_struct(L, ty->base));
        return gcc_jit_type_get_pointer(lower_type(L, ty->base));
    case TY_ARRAY:
        return array_type(L, ty);
    case TY_FUNC:
        return func_ptr_type(L, ty);
    case TY_STRUCT:
    case TY_UNION:
        return record_type(L, ty);
    case TY_VECTOR:
        return vector_type(L, ty);
    default:
        return basic_type(L, ty);
    }
}

/* The type of an object declared with ty: volatile kept. */
static gcc_jit_type *object_type(Lower *L, Type *ty) {
    gcc_jit_type *t = lower_type(L, ty);
    return ty->is_volatile ? gcc_jit_type_get_volatile(t) : t;
}

static bool is_record(const Type *ty) {
    return ty->kind == TY_STRUCT || ty->kind == TY_UNION;
}

static gcc_jit_type *type_of(gcc_jit_rvalue *rv) {
    return gcc_jit_rvalue_get_type(rv);
}

static gcc_jit_type *param_type_of(gcc_jit_function *f, int i) {
    return type_of(gcc_jit_param_as_rvalue(gcc_jit_function_get_param(f, i)));
}

/* ---------------------------------------------------------------------
 * Values and conversions
 * ------------------------------------------------------------------- */

static gcc_jit_rvalue *zero_of(Lower *L, gcc_jit_type *t, Type *ty) {
    if (ty && ty->kind == TY_PTR)
        return gcc_jit_context_null(L->ctx, t);
    if (ty && ty->kind == TY_ARRAY)
        return gcc_jit_context_new_array_constructor(L->ctx, NULL, t, 0, NULL);
    if (ty && ty->kind == TY_STRUCT)
        return gcc_jit_context_new_struct_constructor(L->ctx, NULL, t, 0, NULL, NULL);
    if (ty && ty->kind == TY_UNION)
        return gcc_jit_context_new_union_constructor(L->ctx, NULL, t, NULL, NULL);
    if (gcc_jit_type_is_pointer(t))
        return gcc_jit_context_null(L->ctx, t);
    return gcc_jit_context_zero(L->ctx, t);
}

static Type *complex_part_type(Lower *L, gcc_jit_type *t);

/* Casts rv to t when two spellings of one C type lowered to distinct
 * gcc_jit types (function pointer types, a union's placeholder). */
static gcc_jit_rvalue *coerce(Lower *L, gcc_jit_rvalue *rv, gcc_jit_type *t) {
    if (!rv || !t)
        return rv;
    gcc_jit_type *from = type_of(rv);
    if (from == t || gcc_jit_type_is_struct(t) || gcc_jit_type_is_struct(from))
        return rv;
    // libgccjit casts no vector and no complex value: a volatile one is
    // read as it is, and one type for another of its size (a vector type
    // for another, a packed member's) is the same bits.
    if (gcc_jit_type_dyncast_vector(gcc_jit_type_unqualified(t)) ||
        gcc_jit_type_dyncast_vector(gcc_jit_type_unqualified(from)) ||
        complex_part_type(L, t) || complex_part_type(L, from))
        return gcc_jit_type_unqualified(from) == gcc_jit_type_unqualified(t)
                   ? rv
                   : gcc_jit_context_new_bitcast(L->ctx, L->loc, rv, t);
    // A volatile union read: libgccjit casts no union, but takes the value
    // where the unqualified union is wanted.
    if (gcc_jit_type_unqualified(from) == t && !gcc_jit_type_is_integral(t) &&
        !gcc_jit_type_is_pointer(t) && !gcc_jit_type_is_bool(t))
        return rv;
    if (gcc_jit_type_is_pointer(t) && !gcc_jit_type_is_pointer(from) &&
        !gcc_jit_type_is_pointer(gcc_jit_type_unqualified(from)))
        return gcc_jit_context_new_bitcast(
            L->ctx, L->loc, gcc_jit_context_new_cast(L->ctx, L->loc, rv, L->t_long), t);
    return gcc_jit_context_new_cast(L->ctx, L->loc, rv, t);
}

/* An integer constant of type ty, the bit pattern of v cut to its width. */
static gcc_jit_rvalue *int_const(Lower *L, Type *ty, int64_t v) {
    gcc_jit_type *t = lower_type(L, ty);
    if (ty->kind == TY_BOOL)
        return gcc_jit_context_new_rvalue_from_int(L->ctx, t, v != 0);
    if (ty->kind == TY_PTR)
        return v ? gcc_jit_context_new_rvalue_from_ptr(L->ctx, t, (void *)(intptr_t)v)
                 : gcc_jit_context_null(L->ctx, t);
    if (is_flonum(ty))
        return gcc_jit_context_new_rvalue_from_double(L->ctx, t, (double)v);
    switch (ty->size) {
    case 1: v = ty->is_unsigned ? (int64_t)(uint8_t)v : (int64_t)(int8_t)v; break;
    case 2: v = ty->is_unsigned ? (int64_t)(uint16_t)v : (int64_t)(int16_t)v; break;
    case 4: v = ty->is_unsigned ? (int64_t)(uint32_t)v : (int64_t)(int32_t)v; break;
    default: break;
    }
    return gcc_jit_context_new_rvalue_from_long(L->ctx, t, (long)v);
}

/* libgccjit takes floating constants as double. A long double beyond
 * double's range is built as v' * 2^(1000 n) with |v'| in range: the
 * factors 2^1000 and 2^-1000 are exact doubles, the products exact. */
static gcc_jit_rvalue *float_const(Lower *L, Type *ty, long double v);

static gcc_jit_rvalue *scaled_ldouble(Lower *L, Type *ty, long double v) {
    int n = 0;
    long double a = v < 0 ? -v : v;
    for (; a > 0x1p1000L; n++) {
        v *= 0x1p-1000L;
        a *= 0x1p-1000L;
    }
    for (; a != 0 && a < 0x1p-900L; n--) {
        v *= 0x1p1000L;
        a *= 0x1p1000L;
    }
    gcc_jit_type *t = lower_type(L, ty);
    gcc_jit_rvalue *rv = float_const(L, ty, v);
    gcc_jit_rvalue *scale = gcc_jit_context_new_rvalue_from_double(L->ctx, t,
                                                                   n > 0 ? 0x1p1000 : 0x1p-1000);
    for (; n != 0; n += n > 0 ? -1 : 1)
        rv = gcc_jit_context_new_binary_op(L->ctx, NULL, GCC_JIT_BINARY_OP_MULT, t, rv, scale);
    return rv;
}

/* A floating constant; long double keeps its 64-bit mantissa as the sum
 * of two doubles, which gcc folds back into one constant. Infinities and
 * NaNs are one double: inf - inf would make the low part a NaN. */
static gcc_jit_rvalue *float_const(Lower *L, Type *ty, long double v) {
    gcc_jit_type *t = lower_type(L, ty);
    if (ty->kind == TY_FLOAT)
        return gcc_jit_context_new_rvalue_from_double(L->ctx, t, (double)(float)v);
    if (ty->kind == TY_LDOUBLE && isfinite(v) && v != 0 &&
        (fabsl(v) > 0x1p1000L || fabsl(v) < 0x1p-900L))
        return scaled_ldouble(L, ty, v);
    double hi = (double)v;
    gcc_jit_rvalue *rv = gcc_jit_context_new_rvalue_from_double(L->ctx, t, hi);
    if (ty->kind != TY_LDOUBLE || !isfinite(v))
        return rv;
    double lo = (double)(v - (long double)hi);
    if (lo == 0)
        return rv;
    gcc_jit_rvalue *rlo = gcc_jit_context_new_rvalue_from_double(L->ctx, t, lo);
    return gcc_jit_context_new_binary_op(L->ctx, NULL, GCC_JIT_BINARY_OP_PLUS, t, rv, rlo);
}

/* ---------------------------------------------------------------------
 * Complex values. libgccjit 12 has the complex types and their + - * /
 * == != (gcc's own code for them), but no way to make one from its parts
 * nor to take a part: a complex value is made as the bit image of a
 * vector of its two parts (double, float) or of their bits (long double,
 * whose 16-byte x87 format no vector holds), and a part is taken by gcc's
 * creal and cimag builtins, which gcc folds into the part itself. A
 * vector of constants is a constant: so is a complex one made that way,
 * in a file-scope initialiser too.
 * ------------------------------------------------------------------- */

static gcc_jit_rvalue *in_temp(Lower *L, gcc_jit_rvalue *rv);

/* The real type of rv's type when that is complex, else NULL. */
static Type *complex_part_type(Lower *L, gcc_jit_type *t) {
    static const Type *const bases[] = {ty_float, ty_double, ty_ldouble};
    static const enum gcc_jit_types kinds[] = {GCC_JIT_TYPE_COMPLEX_FLOAT,
                                               GCC_JIT_TYPE_COMPLEX_DOUBLE,
                                               GCC_JIT_TYPE_COMPLEX_LONG_DOUBLE};
    t = gcc_jit_type_unqualified(t);
    for (int i = 0; i < 3; i++)
        if (t == gcc_jit_context_get_type(L->ctx, kinds[i]))
            return TY(bases[i]);
    return NULL;
}

/* gcc's builtin `what` (creal, cimag, conj) for parts of type base. */
static gcc_jit_function *complex_builtin(Lower *L, const char *what, Type *base) {
    const char *suffix = base->kind == TY_FLOAT ? "f" : base->kind == TY_LDOUBLE ? "l" : "";
    char name[32];
    snprintf(name, sizeof name, "__builtin_%s%s", what, suffix);
    return gcc_jit_context_get_builtin_function(L->ctx, name);
}

static gcc_jit_rvalue *complex_part(Lower *L, gcc_jit_rvalue *z, bool imag) {
    Type *base = complex_part_type(L, type_of(z));
    return gcc_jit_context_new_call(L->ctx, L->loc,
                                    complex_builtin(L, imag ? "cimag" : "creal", base), 1, &z);
}

/* re + im i, of the complex type ty. */
static gcc_jit_rvalue *make_complex(Lower *L, Type *ty, gcc_jit_rvalue *re, gcc_jit_rvalue *im) {
    gcc_jit_type *part = lower_type(L, ty->base);
    gcc_jit_rvalue *parts[2] = {coerce(L, re, part), coerce(L, im, part)};
    if (ty->base->kind == TY_LDOUBLE) {
        part = gcc_jit_context_get_type(L->ctx, GCC_JIT_TYPE_UINT128_T);
        for (int i = 0; i < 2; i++)
            parts[i] = gcc_jit_context_new_bitcast(L->ctx, L->loc, parts[i], part);
    }
    gcc_jit_rvalue *vec = gcc_jit_context_new_rvalue_from_vector(
        L->ctx, L->loc, gcc_jit_type_get_vector(part, 2), 2, parts);
    return gcc_jit_context_new_bitcast(L->ctx, L->loc, vec, lower_type(L, ty));
}

static gcc_jit_rvalue *complex_const(Lower *L, Type *ty, long double re, long double im) {
    return make_complex(L, ty, float_const(L, ty->base, re), float_const(L, ty->base, im));
}

/* A value used twice: in a temporary inside a function; a file-scope
 * initialiser's values are constants, read twice at no cost. */
static gcc_jit_rvalue *used_twice(Lower *L, gcc_jit_rvalue *rv) {
    return L->fn ? in_temp(L, rv) : rv;
}

static gcc_jit_rvalue *num_const(Lower *L, Node *node) {
    if (is_complex(node->ty))   /* an imaginary constant */
        return complex_const(L, node->ty, 0, node->fval);
    if (is_flonum(node->ty))
        return float_const(L, node->ty, node->fval);
    return int_const(L, node->ty, node->ival);
}

/* rv != 0 as a gcc bool. */
static gcc_jit_rvalue *is_nonzero(Lower *L, gcc_jit_rvalue *rv) {
    gcc_jit_type *t = type_of(rv);
    if (t == L->t_bool)
        return rv;
    Type *part = complex_part_type(L, t);
    if (part)
        return gcc_jit_context_new_comparison(L->ctx, L->loc, GCC_JIT_COMPARISON_NE, rv,
                                              complex_const(L, complex_of(part), 0, 0));
    gcc_jit_rvalue *zero = gcc_jit_type_is_pointer(t) ? gcc_jit_context_null(L->ctx, t)
                                                      : gcc_jit_context_zero(L->ctx, t);
    return gcc_jit_context_new_comparison(L->ctx, L->loc, GCC_JIT_COMPARISON_NE, rv, zero);
}

static gcc_jit_rvalue *convert(Lower *L, gcc_jit_rvalue *rv, Type *to);

/* Conversions to and from complex types (C11 6.3.1.6, 6.3.1.7): a real
 * value is the real part, with a zero imaginary part; a complex value
 * converted to a real type is its real part. NULL when neither is
 * complex. */
static gcc_jit_rvalue *convert_complex(Lower *L, gcc_jit_rvalue *rv, Type *to) {
    Type *from_part = complex_part_type(L, type_of(rv));
    if (is_complex(to) && from_part) {
        rv = used_twice(L, rv);
        return make_complex(L, to, convert(L, complex_part(L, rv, false), to->base),
                            convert(L, complex_part(L, rv, true), to->base));
    }
    if (is_complex(to))
        return make_complex(L, to, convert(L, rv, to->base), float_const(L, to->base, 0));
    if (from_part && to->kind != TY_BOOL)
        return convert(L, complex_part(L, rv, false), to);
    return NULL;
}

/* Converts rv to the C type to. */
static gcc_jit_rvalue *convert(Lower *L, gcc_jit_rvalue *rv, Type *to) {
    if (!rv || to->kind == TY_VOID)
        return NULL;
    gcc_jit_type *t = lower_type(L, to);
    if (type_of(rv) == t || is_record(to))
        return rv;
    if (to->kind == TY_BOOL)
        return is_nonzero(L, rv);
    gcc_jit_rvalue *c = convert_complex(L, rv, to);
    if (c)
        return c;
    /* a vector and a vector or an integer of its size: the same bits */
    if (is_vector(to) || gcc_jit_type_dyncast_vector(gcc_jit_type_unqualified(type_of(rv))))
        return gcc_jit_context_new_bitcast(L->ctx, L->loc, rv, t);
    bool from_ptr = gcc_jit_type_is_pointer(type_of(rv)) != NULL;
    bool to_ptr = to->kind == TY_PTR;
    if (from_ptr && !to_ptr) {
        gcc_jit_rvalue *bits = gcc_jit_context_new_bitcast(L->ctx, L->loc, rv, L->t_long);
        return t == L->t_long ? bits : gcc_jit_context_new_cast(L->ctx, L->loc, bits, t);
    }
    if (!from_ptr && to_ptr) {
        if (type_of(rv) != L->t_long)
            rv = gcc_jit_context_new_cast(L->ctx, L->loc, rv, L->t_long);
        return gcc_jit_context_new_bitcast(L->ctx, L->loc, rv, t);
    }
    // libgccjit casts a bool to integers only: to a float by way of int.
    if (gcc_jit_type_is_bool(type_of(rv)) && is_flonum(to))
        rv = gcc_jit_context_new_cast(L->ctx, L->loc, rv, L->t_int);
    return gcc_jit_context_new_cast(L->ctx, L->loc, rv, t);
}

/* A constant converted at compile time: gcc would fold the cast too, but
 * a constant is cheaper to build and is valid in any initialiser. */
static gcc_jit_rvalue *convert_const(Lower *L, Node *num, Type *to) {
    /* A 64-bit constant becomes a 128-bit one by gcc's cast, which
     * extends it by its own signedness (int_const only sign-extends); a
     * complex one is made by convert (an ND_NUM holds one part). */
    if (num->ty->kind == TY_INT128 || to->kind == TY_INT128 || is_complex(num->ty) ||
        is_complex(to))
        return NULL;
    if (is_integer(num->ty) && (is_integer(to) || to->kind == TY_PTR))
        return int_const(L, to, num->ival);
    if (is_integer(num->ty) && is_flonum(to))
        return float_const(L, to, num->ty->is_unsigned ? (long double)(uint64_t)num->ival
                                                       : (long double)num->ival);
    if (is_flonum(num->ty) && is_flonum(to))
        return float_const(L, to, num->fval);
    return NULL;
}

/* ---------------------------------------------------------------------
 * Declarations: functions and globals
 * ------------------------------------------------------------------- */

/* Whether the program's file-scope asm defines the label `name`
 * ("name:" at the start of a line or after white space or ';'). */
static bool asm_defines(const char *text, const char *name) {
    size_t len = strlen(name);
    for (const char *p = text ? strstr(text, name) : NULL; p; p = strstr(p + 1, name)) {
        bool starts = p == text || strchr(" \t\n;", p[-1]);
        const char *q = p + len;
        while (*q == ' ' || *q == '\t')
            q++;
        if (starts && *q == ':')
            return true;
    }
    return false;
}

/* What gcc's link takes from libc_nonshared.a (libc.so is a linker
 * script naming it): in no shared library, so dlsym cannot find them, but
 * memjit's linker (link.c) binds them as ld would link them into gcc's
 * build. atexit there registers with the module's own __dso_handle: the
 * handler runs at exit, or when the module is unloaded if that comes
 * first. */
static bool from_libc_nonshared(const char *sym) {
    static const char *const names[] = {"atexit", "at_quick_exit", "pthread_atfork",
                                        "__pthread_atfork", "__stack_chk_fail_local"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (!strcmp(sym, names[i]))
            return true;
    return false;
}

/* A name used and not defined: found in the process now, or recorded
 * for the linker, whose "undefined reference" is reported at the
 * declaration if gcc's optimisations leave a reference to it. A weak one the
 * process lacks is refused: libgccjit 12 cannot declare a symbol weak, so
 * gcc would take its address for non-null. */
static void check_host_symbol(Lower *L, Obj *obj) {
    const char *sym = obj_link_name(obj);
    if (dlsym(RTLD_DEFAULT, sym) || asm_defines(L->c->toplevel_asm, sym) ||
        from_libc_nonshared(sym))
        return;
    if (obj->is_weak)
        lower_error(L, obj->tok, "undefined weak reference to '%s': memjit cannot make its "
                                 "address null yet", sym);
    else if (!hashmap_get(&L->c->unresolved, sym, (int)strlen(sym)))
        hashmap_put(&L->c->arena, &L->c->unresolved, sym, (int)strlen(sym), obj->tok);
}

/* ---------------------------------------------------------------------
 * The import table (docs/host.md)
 *
 * A function or variable the host defines (mj_define_function/_variable)
 * is never reached by its address, which differs between processes, nor
 * by dynamic symbol, which the host executable usually does not export.
 * Each one the code uses gets an exported pointer __mj_imp_<name>, which
 * module.c fills when the code is loaded; calls go through it and uses of
 * a variable through *it. The list of them, with their types, goes into
 * the exported byte table __mj_imports (module.c reads it back).
 * ------------------------------------------------------------------- */

/* A name the host defines that the program uses without defining it. */
static bool is_host_import(Lower *L, Obj *obj) {
    Compile *c = L->c;
    if (!c->host_symbol || obj->is_definition || obj->is_static || obj->is_local ||
        obj->is_builtin || obj->is_string_literal || obj->asm_name)
        return false;
    bool is_function;
    return c->host_symbol(c->host_ctx, obj->name, &is_function) &&
           is_function == obj->is_function;
}

/* The import slot of obj: a pointer to the host's function or object. Its
 * value is known only at load time: a file-scope initialiser reaches it
 * through __mj_init (emit_host_fixups), never here. */
static gcc_jit_lvalue *import_slot(Lower *L, Obj *obj) {
    if (!L->fn) {
        lower_error(L, obj->tok, "'%s' is the host's, found when the module is loaded: its "
                                 "address is not a constant here", obj->name);
        return NULL;
    }
    Obj *first = name_get(&L->imports, obj->name);
    if (first) {
        obj->is_host_import = true;
        return lowered(L, first);
    }
    gcc_jit_type *t = obj->is_function ? func_ptr_type(L, obj->ty)
                                       : gcc_jit_type_get_pointer(object_type(L, obj->ty));
    char *name = arena_printf(&L->c->arena, "__mj_imp_%s", obj->name);
    gcc_jit_lvalue *slot =
        gcc_jit_context_new_global(L->ctx, NULL, GCC_JIT_GLOBAL_EXPORTED, t, name);
    obj->is_host_import = true;
    Obj *entry = arena_alloc(&L->c->arena, sizeof(Obj));
    *entry = *obj;
    set_lowered(L, entry, slot);
    name_put(L, &L->imports, obj->name, entry);
    return slot;
}

/* The host variable obj, through its slot. */
static gcc_jit_lvalue *host_variable(Lower *L, Obj *obj) {
    gcc_jit_lvalue *slot = import_slot(L, obj);
    return slot ? gcc_jit_rvalue_dereference(gcc_jit_lvalue_as_rvalue(slot), L->loc) : NULL;
}

/* The table of imports: 'F' or 'V', name, NUL, canonical type, NUL; a
 * NUL ends it. Made whenever the host defines symbols, even empty, so
 * that module.c finds it without probing for a missing symbol. A first
 * entry 'I' "__mj_init" with an empty type says that the module has an
 * initialiser to run once its slots are filled (emit_host_fixups). */
static void emit_import_table(Lower *L) {
    if (!L->c->host_symbol)
        return;
    StrBuf sb;
    sb_init(&sb, &L->c->arena);
    if (L->fixups) {
        sb_puts(&sb, "I__mj_init");
        sb_putc(&sb, '\0');
        sb_putc(&sb, '\0');
    }
    for (int i = 0; i < L->imports.cap; i++) {
        Obj *obj = L->imports.slots[i].val;
        if (!obj)
            continue;
        bool is_function;
        const char *type = L->c->host_symbol(L->c->host_ctx, obj->name, &is_function);
        sb_putc(&sb, is_function ? 'F' : 'V');
        sb_puts(&sb, obj->name);
        sb_putc(&sb, '\0');
        sb_puts(&sb, type);
        sb_putc(&sb, '\0');
    }
    sb_putc(&sb, '\0');
    gcc_jit_type *t = gcc_jit_context_new_array_type(
        L->ctx, NULL, gcc_jit_context_get_type(L->ctx, GCC_JIT_TYPE_CHAR), (int)sb.len);
    gcc_jit_lvalue *table =
        gcc_jit_context_new_global(L->ctx, NULL, GCC_JIT_GLOBAL_EXPORTED, t, "__mj_imports");
    gcc_jit_global_set_initializer(table, sb.data, sb.len);
}

/* The address of a function: the host's comes from its import slot. */
static gcc_jit_rvalue *function_address(Lower *L, Obj *fn);

/* A variadic definition is two functions (see emit_va_stub): the body,
 * compiled from the C, and an entry stub in assembly that has the
 * function's own name. The rest of the program sees the stub, declared
 * here as imported (it is defined by the top-level asm). */
static bool is_va_definition(Obj *fn) {
    return fn->is_definition && fn->ty->is_variadic && !fn->is_builtin;
}

/* A definition lowered as the exported body __mj_body_NAME, NAME being an
 * assembler alias of it (emit_alias) and, to gcc, only a declaration: the
 * unit's calls and address-takings go through the symbol, so gcc cannot
 * inline the body (noinline: libgccjit 12 has no function attributes)
 * and the linker may bind NAME to another unit's strong definition (weak:
 * libgccjit cannot make a definition weak). A variadic definition is
 * reached through its stub in the same way already. */
static bool is_aliased_definition(Obj *fn) {
    return fn->is_definition && fn->body && !is_va_definition(fn) && !fn->is_builtin &&
           (fn->is_noinline || (fn->is_weak && !fn->is_static));
}

static gcc_jit_function *declare_function(Lower *L, Obj *fn) {
    if (fn->is_builtin)
        return gcc_jit_context_get_builtin_function(L->ctx, fn->name);
    Type *fty = fn->ty;
    enum gcc_jit_function_kind kind;
    bool as_definition = fn->is_definition && !is_va_definition(fn) &&
                         !is_aliased_definition(fn);
    if (is_va_definition(fn) || is_aliased_definition(fn))
        kind = GCC_JIT_FUNCTION_IMPORTED;
    else if (fn->is_definition)
        kind = fn->is_static ? GCC_JIT_FUNCTION_INTERNAL : GCC_JIT_FUNCTION_EXPORTED;
    else {
        kind = GCC_JIT_FUNCTION_IMPORTED;
        check_host_symbol(L, fn);
    }

    int n = 0;
    if (as_definition)
        for (Obj *p = fn->params; p; p = p->next)
            n++;
    else
        n = count_params(fty);
    gcc_jit_param **params = arena_alloc(&L->c->arena, sizeof(*params) * (n + 1));
    if (as_definition) {
        int i = 0;
        for (Obj *p = fn->params; p; p = p->next, i++) {
            const char *name = is_c_identifier(p->name) ? p->name : new_name(L, "p");
            params[i] = gcc_jit_context_new_param(L->ctx, loc_of(L, p->tok),
                                                  param_type(L, p->ty), name);
            set_lowered(L, p, gcc_jit_param_as_lvalue(params[i]));
        }
    } else {
        int i = 0;
        for (Type *p = fty->params; p; p = p->next, i++)
            params[i] = gcc_jit_context_new_param(L->ctx, NULL, param_type(L, p),
                                                  arena_printf(&L->c->arena, "p%d", i));
    }
    return gcc_jit_context_new_function(L->ctx, loc_of(L, fn->tok), kind,
                                        lower_type(L, fty->return_ty), obj_link_name(fn), n, params,
                                        is_variadic_type(fty));
}

/* The body of a variadic definition (prefix __mj_va_body_: an exported
 * function, since the stub's call must find it and nothing may inline it
 * away, taking the fixed parameters and, last, the pointer to the va_list
 * the stub built) or of an aliased one (__mj_body_: its parameters). */
static gcc_jit_function *body_of(Lower *L, Obj *fn, const char *prefix) {
    int n = 0;
    for (Obj *p = fn->params; p; p = p->next)
        n++;
    gcc_jit_param **params = arena_alloc(&L->c->arena, sizeof(*params) * (n + 1));
    int i = 0;
    for (Obj *p = fn->params; p; p = p->next, i++) {
        const char *name = is_c_identifier(p->name) ? p->name : new_name(L, "p");
        params[i] = gcc_jit_context_new_param(L->ctx, loc_of(L, p->tok), param_type(L, p->ty),
                                              name);
        set_lowered(L, p, gcc_jit_param_as_lvalue(params[i]));
    }
    char *name = arena_printf(&L->c->arena, "%s%s", prefix, obj_link_name(fn));
    return gcc_jit_context_new_function(L->ctx, loc_of(L, fn->tok), GCC_JIT_FUNCTION_EXPORTED,
                                        lower_type(L, fn->ty->return_ty), name, n, params, 0);
}

/* Where the System V ABI passes one argument: in `gp` general and `sse`
 * SSE registers, or, when mem_size > 0, in memory (mem_size bytes,
 * aligned to mem_align) on the caller's stack. */
typedef struct {
    int gp, sse;
    int mem_size, mem_align;
} ArgSlot;

/* The place of an argument of type ty when `gp` general and `sse` SSE
 * registers are already taken: a scalar or a small struct goes in
 * registers only if all it needs are still free, else all of it goes in
 * memory, in 8-byte slots (16-aligned for types aligned so). */
static ArgSlot place_arg(Type *ty, int gp, int sse) {
    ty = unqual(ty);
    AbiArg abi = abi_classify(ty);
    ArgSlot a = {0};
    if (abi.cls[0] == ABI_NONE)
        return a;                  // an empty struct takes no room at all
    if (abi.cls[0] != ABI_MEM && gp + abi.gp <= 6 && sse + abi.sse <= 8) {
        a.gp = abi.gp;
        a.sse = abi.sse;
        return a;
    }
    int size = ty->kind == TY_ARRAY || ty->kind == TY_FUNC ? 8 : ty->size;
    a.mem_size = (size + 7) / 8 * 8;
    a.mem_align = ty->align > 8 ? 16 : 8;
    return a;
}

/* The entry stub of a variadic definition, in top-level assembly, because
 * libgccjit 12 cannot compile va_start. It does what gcc's prologue of a
 * variadic function does: stores the six argument registers, and the
 * eight SSE ones when %al says some were used, in a register save area;
 * builds a va_list {gp_offset, fp_offset, overflow_arg_area,
 * reg_save_area} past the named parameters; then calls the body with the
 * named parameters still in their registers and the va_list's address in
 * the next free integer register, or, when none is left, as the last
 * argument in memory. Named parameters the caller passed in memory
 * (large structs, long double, those past the registers) are copied to
 * the stub's outgoing area, where the body finds them at the same
 * offsets, and the variadic ones on the stack start just past them. The
 * body returns straight through.
 *
 * The frame, from %rbp down: the va_list at -32, the register save area
 * at -208 (16-aligned for movaps), then the outgoing area at %rsp. */
static void emit_va_stub(Lower *L, Obj *fn) {
    static const char *const gp_regs[] = {"rdi", "rsi", "rdx", "rcx", "r8", "r9"};
    Type *fty = fn->ty;
    int ngp = 0, nsse = 0, mem = 0;
    Type *ret = fty->return_ty;
    if (is_record(ret) && ret->size > 16)
        ngp++;                     // the hidden pointer to the result
    for (Type *p = fty->params; p; p = p->next) {
        ArgSlot a = place_arg(p, ngp, nsse);
        ngp += a.gp;
        nsse += a.sse;
        if (a.mem_size > 0)
            mem = (mem + a.mem_align - 1) / a.mem_align * a.mem_align + a.mem_size;
    }
    // The va_list pointer: the body's last parameter.
    bool va_in_reg = ngp < 6;
    int out = va_in_reg ? mem : mem + 8;
    int frame = 208 + (out + 15) / 16 * 16;
    StrBuf sb;
    sb_init(&sb, &L->c->arena);
    const char *name = obj_link_name(fn);
    sb_printf(&sb, "\t.pushsection .text\n\t.p2align 4\n");
    if (!fn->is_static)
        sb_printf(&sb, "\t%s %s\n", fn->is_weak ? ".weak" : ".globl", name);
    sb_printf(&sb, "\t.type %s, @function\n%s:\n", name, name);
    sb_printf(&sb, "\tpushq %%rbp\n\tmovq %%rsp, %%rbp\n\tsubq $%d, %%rsp\n", frame);
    for (int i = 0; i < 6; i++)
        sb_printf(&sb, "\tmovq %%%s, %d(%%rbp)\n", gp_regs[i], -208 + 8 * i);
    sb_printf(&sb, "\ttestb %%al, %%al\n\tje 1f\n");
    for (int i = 0; i < 8; i++)
        sb_printf(&sb, "\tmovaps %%xmm%d, %d(%%rbp)\n", i, -160 + 16 * i);
    sb_printf(&sb, "1:\n\tmovl $%d, -32(%%rbp)\n\tmovl $%d, -28(%%rbp)\n", 8 * ngp,
              48 + 16 * nsse);
    sb_printf(&sb, "\tleaq %d(%%rbp), %%r11\n\tmovq %%r11, -24(%%rbp)\n", 16 + mem);
    sb_printf(&sb, "\tleaq -208(%%rbp), %%r11\n\tmovq %%r11, -16(%%rbp)\n");
    // The named memory arguments, eightbyte by eightbyte through %r11 so
    // that the argument registers stay as the caller set them.
    for (int off = 0; off < mem; off += 8)
        sb_printf(&sb, "\tmovq %d(%%rbp), %%r11\n\tmovq %%r11, %d(%%rsp)\n", 16 + off, off);
    if (va_in_reg)
        sb_printf(&sb, "\tleaq -32(%%rbp), %%%s\n", gp_regs[ngp]);
    else
        sb_printf(&sb, "\tleaq -32(%%rbp), %%r11\n\tmovq %%r11, %d(%%rsp)\n", mem);
    sb_printf(&sb, "\tcall __mj_va_body_%s\n\tleave\n\tret\n", name);
    sb_printf(&sb, "\t.size %s, .-%s\n\t.popsection\n", name, name);
    gcc_jit_context_add_top_level_asm(L->ctx, NULL, sb_str(&sb));
}

/* The gcc_jit_function of a function Obj; all Objs of one name share it. */
static gcc_jit_function *func_of(Lower *L, Obj *fn) {
    if (lowered(L, fn))
        return lowered(L, fn);
    Obj *first = name_get(&L->funcs, obj_link_name(fn));
    if (first && first != fn && lowered(L, first))
        return set_lowered(L, fn, lowered(L, first));
    set_lowered(L, fn, declare_function(L, fn));
    if (!first)
        name_put(L, &L->funcs, obj_link_name(fn), fn);
    return lowered(L, fn);
}

/* libc and libm functions that gcc expands inline or into single
 * instructions, but only when the callee is its builtin declaration. */
static const char *const known_builtins[] = {
    "sqrt", "sqrtf", "fabs", "fabsf", "floor", "floorf", "ceil", "ceilf", "trunc", "round",
    "fmin", "fmax", "sin", "sinf", "cos", "cosf", "tan", "exp", "expf", "exp2", "log",
    "logf", "log2", "log10", "pow", "powf", "atan", "atan2", "fmod", "hypot", "cbrt",
    "copysign", "fma", "fmaf", "memcpy", "memset", "memmove", "memcmp", "strlen", "strcmp",
    "strncmp", "abs", "labs", "llabs", "putchar", "puts", "printf", "malloc", "calloc",
    "realloc", "free", "abort", "exit", "alloca", NULL,
    /* not strcpy, strchr & co: libgccjit 12 cannot build their types */
};

static gcc_jit_function *builtin_for(Lower *L, const char *name) {
    gcc_jit_function *f = name_get(&L->builtins, name);
    if (f)
        return f;
    for (int i = 0; known_builtins[i]; i++) {
        if (strcmp(known_builtins[i], name))
            continue;
        char *bname = arena_printf(&L->c->arena, "__builtin_%s", name);
        f = gcc_jit_context_get_builtin_function(L->ctx, bname);
        name_put(L, &L->builtins, name, f);
        return f;
    }
    return NULL;
}

/* Whether the builtin b has exactly the type of the function Obj fn. */
static bool same_signature(Lower *L, gcc_jit_function *b, Obj *fn) {
    Type *fty = fn->ty;
    if (fty->is_variadic || !fty->is_prototyped ||
        gcc_jit_type_unqualified(gcc_jit_function_get_return_type(b)) !=
            gcc_jit_type_unqualified(lower_type(L, fty->return_ty)))
        return false;
    size_t i = 0, n = gcc_jit_function_get_param_count(b);
    for (Type *p = fty->params; p; p = p->next, i++)
        if (i >= n || param_type_of(b, (int)i) != param_type(L, p))
            return false;
    return i == n;
}

/* The function a direct call goes to: the builtin for a well-known libc
 * function, else the function itself. As in gcc, a program's own
 * definition of such a function (a reserved name) does not stop the
 * builtin's meaning when its type is the library's: gcc folds
 * llabs(-1) to 1 without calling the llabs the program defines (torture
 * 20021127-1); a call the builtin does not expand still reaches the
 * program's definition, which its module binds first. */
static gcc_jit_function *callee_of(Lower *L, Obj *fn) {
    if (!fn->is_static && !fn->is_builtin && !fn->asm_name) {
        Obj *first = name_get(&L->funcs, fn->name);
        bool defined_here = fn->is_definition || (first && first->is_definition);
        gcc_jit_function *b = builtin_for(L, fn->name);
        if (b && (!defined_here || same_signature(L, b, fn)))
            return b;
    }
    return func_of(L, fn);
}

static void set_string_init(Lower *L, gcc_jit_lvalue *lv, Type *ty, const char *bytes,
                            int nbytes) {
    if (ty->size <= 0)
        return;
    char *buf = arena_alloc(&L->c->arena, ty->size);
    if (bytes)
        memcpy(buf, bytes, nbytes < ty->size ? nbytes : ty->size);
    gcc_jit_global_set_initializer(lv, buf, ty->size);
}

/* The type a global is declared with: `int a[] = {1, 2}` takes its
 * length from the initialiser. */
static Type *global_type(Obj *var) {
    Initializer *init = var->init;
    if (var->ty->kind == TY_ARRAY && var->ty->array_len < 0 && init && init->ty &&
        init->ty->kind == TY_ARRAY)
        return init->ty;
    return var->ty;
}

static void remember_pending(Lower *L, Obj *var) {
    if (L->npending == L->pending_cap) {
        int cap = L->pending_cap ? L->pending_cap * 2 : 16;
        Obj **p = arena_alloc(&L->c->arena, sizeof(*p) * cap);
        if (L->npending)
            memcpy(p, L->pending, sizeof(*p) * L->npending);
        L->pending = p;
        L->pending_cap = cap;
    }
    L->pending[L->npending++] = var;
}

/* ---------------------------------------------------------------------
 * Big constant data as bytes
 *
 * libgccjit 12 makes a tree per element of every initialiser, the one
 * gcc_jit_global_set_initializer takes as bytes too (a CONSTRUCTOR of one
 * INTEGER_CST per byte): a 20 MB string took 30 s and 2 GB in gcc, where
 * gcc's own C front end makes one STRING_CST. So a global whose
 * initialiser is all constant bytes (no address in it) and at least
 * DATA_AS_ASM_MIN bytes long is defined by file-scope asm instead, as gcc
 * itself would write it (.ascii in .rodata or .data), and declared to
 * libgccjit as imported. What that costs: gcc no longer sees the values,
 * so it cannot fold a load of a constant element of such an object (it
 * rarely does for objects this big), and -g describes no type for it.
 * ------------------------------------------------------------------- */

enum { DATA_AS_ASM_MIN = 4096 };

static bool mentions_host(Lower *L, Node *node);

/* The value of a folded scalar initialiser, stored at `at` (zeroed, the
 * scalar's size); false when it is no constant of bytes (an address). */
static bool scalar_image(Lower *L, Node *e, Type *ty, unsigned char *at) {
    if (!e)
        return true;
    if (e->kind == ND_CAST && e->lhs->kind == ND_NUM && e->lhs->ty->kind == ty->kind)
        e = e->lhs;
    if (e->kind != ND_NUM || mentions_host(L, e))
        return false;
    if (is_integer(ty) && is_integer(e->ty)) {
        uint64_t v = (uint64_t)e->ival;
        if (ty->kind == TY_BOOL)
            v = v != 0;
        for (int i = 0; i < ty->size && i < 8; i++)
            at[i] = (unsigned char)(v >> (8 * i));
        return true;
    }
    if (!is_flonum(ty) || !is_flonum(e->ty))
        return false;
    if (ty->kind == TY_FLOAT) {
        float f = (float)e->fval;
        memcpy(at, &f, sizeof f);
    } else if (ty->kind == TY_DOUBLE) {
        double d = (double)e->fval;
        memcpy(at, &d, sizeof d);
    } else {
        long double x = e->fval;
        memcpy(at, &x, 10);   /* x87's 80 bits; the other 6 bytes are padding */
    }
    return true;
}

/* The low bit_width bits of v into the object's bits from the member's. */
static void bitfield_image(Member *m, uint64_t v, unsigned char *obj) {
    for (int b = 0; b < m->bit_width; b++) {
        int64_t at = (int64_t)m->offset * 8 + m->bit_offset + b;
        if ((v >> b) & 1)
            obj[at / 8] |= (unsigned char)(1u << (at % 8));
    }
}

static bool init_image(Lower *L, Initializer *init, Type *ty, unsigned char *at);

/* A struct's children are one per member, by position; a union's first
 * child with a value is the member initialised (as record_value). */
static bool record_image(Lower *L, Initializer *init, Type *ty, unsigned char *at) {
    if (!init->children)
        return true;
    int i = 0;
    for (Member *m = ty->members; m; m = m->next, i++) {
        Initializer *ci = init->children[i];
        if (!ci)
            continue;
        if (m->is_bitfield) {
            if (!ci->expr)
                continue;
            Node *e = ci->expr;
            if (e->kind == ND_CAST && e->lhs->kind == ND_NUM)
                e = e->lhs;
            if (e->kind != ND_NUM || !is_integer(e->ty))
                return false;
            bitfield_image(m, (uint64_t)e->ival, at);
        } else if (!init_image(L, ci, m->ty, at + m->offset)) {
            return false;
        }
        if (ty->kind == TY_UNION && (ci->expr || ci->children || ci->bytes))
            return true;
    }
    return true;
}

/* The bytes of a folded initialiser into at (zeroed, the object's size):
 * false when some element is not a constant of bytes. */
static bool init_image(Lower *L, Initializer *init, Type *ty, unsigned char *at) {
    if (!init)
        return true;
    if (init->ty)
        ty = init->ty;
    if (ty->size <= 0)
        return ty->size == 0;
    if (ty->kind == TY_ARRAY) {
        if (init->bytes || (!init->children && init->nbytes)) {
            if (init->bytes)
                memcpy(at, init->bytes, init->nbytes < ty->size ? init->nbytes : ty->size);
            return true;
        }
        if (!init->children)
            return true;
        for (int i = 0; i < ty->array_len; i++)
            if (!init_image(L, init->children[i], ty->base, at + (size_t)i * ty->base->size))
                return false;
        return true;
    }
    if (is_record(ty))
        return record_image(L, init, ty, at);
    if (ty->kind == TY_INT128 || ty->kind == TY_COMPLEX || ty->kind == TY_VECTOR)
        return init->expr == NULL;
    return scalar_image(L, init->expr, ty, at);
}

/* The outermost type of an object that is not an array. */
static Type *element_type(Type *ty) {
    while (ty->kind == TY_ARRAY)
        ty = ty->base;
    return ty;
}

/* n bytes of text to sb, or only counted when sb is NULL; returns n. */
static size_t put_text(StrBuf *sb, const char *s, size_t n) {
    if (sb)
        sb_putn(sb, s, n);
    return n;
}

/* b[0..n) as .ascii lines, runs of zeros as .zero, into sb; with sb
 * NULL, only the length of that text, so that the buffer is made once at
 * its size (a 20 MB literal: doubling a buffer in the arena left 63 MB
 * behind). */
static size_t put_data_bytes(StrBuf *sb, const unsigned char *b, size_t n) {
    size_t i = 0, len = 0;
    char buf[48];
    while (i < n) {
        size_t z = i;
        while (z < n && b[z] == 0)
            z++;
        if (z - i >= 16 || z == n) {
            if (z > i)
                len += put_text(sb, buf, (size_t)snprintf(buf, sizeof buf, "\t.zero %zu\n",
                                                          z - i));
            i = z;
            continue;
        }
        size_t end = i + 4096 < n ? i + 4096 : n;
        len += put_text(sb, "\t.ascii \"", 9);
        while (i < end) {
            size_t plain = i;   /* a run of bytes written as they are */
            while (plain < end && b[plain] >= 0x20 && b[plain] < 0x7f && b[plain] != '"' &&
                   b[plain] != '\\')
                plain++;
            len += put_text(sb, (const char *)b + i, plain - i);
            i = plain;
            if (i == end)
                break;
            unsigned char ch = b[i++];
            if (ch == '"' || ch == '\\') {
                buf[0] = '\\';
                buf[1] = (char)ch;
                len += put_text(sb, buf, 2);
            } else {
                buf[0] = '\\';
                buf[1] = (char)('0' + (ch >> 6));
                buf[2] = (char)('0' + ((ch >> 3) & 7));
                buf[3] = (char)('0' + (ch & 7));
                len += put_text(sb, buf, 4);
            }
        }
        len += put_text(sb, "\"\n", 2);
    }
    return len;
}

/* Defines var as the symbol name with the bytes of its initialiser, by
 * file-scope asm, when it is big and all bytes: true when it did (the
 * global is then declared imported). */
static bool define_data_by_asm(Lower *L, Obj *var, Type *ty, const char *name) {
    if (ty->size < DATA_AS_ASM_MIN || var->is_tls || var->is_weak || var->is_hidden ||
        var->asm_name || !(var->init || var->is_string_literal))
        return false;
    unsigned char *image = arena_alloc(&L->c->arena, (size_t)ty->size);
    if (var->init) {
        if (!init_image(L, var->init, ty, image))
            return false;
    } else if (var->tok && var->tok->kind == TK_STR) {
        memcpy(image, var->tok->str,
               var->tok->str_len < ty->size ? (size_t)var->tok->str_len : (size_t)ty->size);
    } else {
        return false;
    }
    int align = ty->align > var->align ? ty->align : var->align;
    StrBuf sb;
    sb_init(&sb, &L->c->arena);
    sb_reserve(&sb, put_data_bytes(NULL, image, (size_t)ty->size) + 3 * strlen(name) + 256);
    sb_printf(&sb, "\t.pushsection %s\n", element_type(ty)->is_const ? ".rodata" : ".data");
    if (!var->is_static && !var->is_string_literal)
        sb_printf(&sb, "\t.globl %s\n", name);
    sb_printf(&sb, "\t.balign %d\n\t.type %s, @object\n\t.size %s, %d\n%s:\n", align > 0 ? align : 1,
              name, name, ty->size, name);
    put_data_bytes(&sb, image, (size_t)ty->size);
    sb_puts(&sb, "\t.popsection\n");
    gcc_jit_context_add_top_level_asm(L->ctx, NULL, sb_str(&sb));
    hashmap_put_ptr(&L->c->arena, &L->inited, var, var);
    return true;
}

/* A weak variable definition: gcc gets the object itself as the exported
 * __mj_wdata_NAME, holding the initialiser, and NAME only as a declaration,
 * made a weak alias of it by the assembler. The unit's reads and writes
 * go through NAME, so the linker may bind them to another unit's strong
 * definition, as ld does (libgccjit 12 cannot make a definition weak, and
 * gcc must not read the weak initialiser where another object wins).
 * Not for _Thread_local: a TLS alias needs the TLS model's own symbol. */
static bool is_weak_variable_definition(Obj *var, enum gcc_jit_global_kind kind) {
    return kind == GCC_JIT_GLOBAL_EXPORTED && var->is_weak && !var->is_tls &&
           !var->is_string_literal;
}

typedef struct WeakBody {
    struct WeakBody *next;
    gcc_jit_lvalue *lv;    /* __mj_wdata_NAME */
    bool has_init;         /* an initialiser was set on it */
} WeakBody;

static gcc_jit_lvalue *declare_weak_variable(Lower *L, Obj *var, Type *ty, const char *name) {
    gcc_jit_type *t = object_type(L, ty);
    const char *body_name = arena_printf(&L->c->arena, "__mj_wdata_%s", name);
    WeakBody *w = arena_alloc(&L->c->arena, sizeof *w);
    w->lv = gcc_jit_context_new_global(L->ctx, loc_of(L, var->tok), GCC_JIT_GLOBAL_EXPORTED, t,
                                       body_name);
    if (var->align > 0)
        gcc_jit_lvalue_set_alignment(w->lv, (unsigned)var->align);
    w->next = L->weak_list;
    L->weak_list = w;
    hashmap_put_ptr(&L->c->arena, &L->weak_bodies, var, w);
    StrBuf sb;
    sb_init(&sb, &L->c->arena);
    sb_printf(&sb, "\t.weak %s\n\t.type %s, @object\n\t.size %s, %d\n\t.set %s, %s\n", name,
              name, name, ty->size, name, body_name);
    gcc_jit_context_add_top_level_asm(L->ctx, NULL, sb_str(&sb));
    if (var->init)
        remember_pending(L, var);
    return gcc_jit_context_new_global(L->ctx, loc_of(L, var->tok), GCC_JIT_GLOBAL_IMPORTED, t,
                                      name);
}

static gcc_jit_lvalue *global_of(Lower *L, Obj *var);

/* Where a global's initialiser goes: the variable, or a weak one's body. */
static gcc_jit_lvalue *definition_of(Lower *L, Obj *var) {
    gcc_jit_lvalue *lv = global_of(L, var);
    WeakBody *w = lv ? hashmap_get_ptr(&L->weak_bodies, var) : NULL;
    return w ? w->lv : lv;
}

static void note_initialised(Lower *L, Obj *var) {
    WeakBody *w = hashmap_get_ptr(&L->weak_bodies, var);
    if (w)
        w->has_init = true;
}

/* libgccjit makes a global without an initialiser a common symbol, which
 * the assembler cannot alias: a weak body without one goes to .bss. */
static void place_zero_weak_bodies(Lower *L) {
    for (WeakBody *w = L->weak_list; w; w = w->next)
        if (!w->has_init)
            gcc_jit_lvalue_set_link_section(w->lv, ".bss");
}

static gcc_jit_lvalue *declare_global(Lower *L, Obj *var, const char *name) {
    enum gcc_jit_global_kind kind;
    if (var->is_string_literal || var->is_static)
        kind = GCC_JIT_GLOBAL_INTERNAL;
    else if (var->is_extern && !var->is_definition)
        kind = GCC_JIT_GLOBAL_IMPORTED;
    else
        kind = GCC_JIT_GLOBAL_EXPORTED;
    if (kind == GCC_JIT_GLOBAL_IMPORTED)
        check_host_symbol(L, var);
    Type *ty = global_type(var);
    if (is_weak_variable_definition(var, kind))
        return declare_weak_variable(L, var, ty, name);
    if (kind != GCC_JIT_GLOBAL_IMPORTED && define_data_by_asm(L, var, ty, name))
        return gcc_jit_context_new_global(L->ctx, loc_of(L, var->tok), GCC_JIT_GLOBAL_IMPORTED,
                                          object_type(L, ty), name);
    gcc_jit_lvalue *lv = gcc_jit_context_new_global(L->ctx, loc_of(L, var->tok), kind,
                                                    object_type(L, ty), name);
    if (var->is_tls)
        gcc_jit_lvalue_set_tls_model(lv, GCC_JIT_TLS_MODEL_GLOBAL_DYNAMIC);
    if (var->align > 0)
        gcc_jit_lvalue_set_alignment(lv, (unsigned)var->align);
    if (var->is_string_literal && !var->init && var->tok && var->tok->kind == TK_STR)
        set_string_init(L, lv, ty, var->tok->str, var->tok->str_len);
    if (var->init)
        remember_pending(L, var);
    return lv;
}

/* The gcc_jit global of a variable Obj. Objs of one name with external
 * linkage are one variable; two static definitions of one name (static
 * locals of different functions) are two. */
static gcc_jit_lvalue *global_of(Lower *L, Obj *var) {
    if (is_host_import(L, var))
        return host_variable(L, var);
    if (lowered(L, var))
        return lowered(L, var);
    const char *name = obj_link_name(var);
    Obj *first = NULL;
    if (!var->is_string_literal && is_c_identifier(var->name)) {
        first = name_get(&L->globals, name);
        if (first && first != var) {
            bool distinct = var->is_static && var->is_definition && first->is_definition;
            if (!distinct && lowered(L, first))
                return set_lowered(L, var, lowered(L, first));
            name = new_name(L, "static_");
        }
    } else {
        name = new_name(L, var->is_string_literal ? "str" : "g");
    }
    set_lowered(L, var, declare_global(L, var, name));
    if (!first && is_c_identifier(var->name) && !var->is_string_literal)
        name_put(L, &L->globals, name, var);
    return lowered(L, var);
}

/* ---------------------------------------------------------------------
 * Blocks and temporaries
 * ------------------------------------------------------------------- */

static gcc_jit_block *new_block(Lower *L) {
    return gcc_jit_function_new_block(L->fn, NULL);
}

/* The block code goes into; after a jump, a fresh one nothing reaches. */
static gcc_jit_block *cur(Lower *L) {
    if (!L->bb)
        L->bb = new_block(L);
    return L->bb;
}

static void jump_to(Lower *L, gcc_jit_block *target) {
    if (L->bb)
        gcc_jit_block_end_with_jump(L->bb, L->loc, target);
    L->bb = NULL;
}

static gcc_jit_lvalue *new_temp(Lower *L, gcc_jit_type *t) {
    return gcc_jit_function_new_local(L->fn, L->loc, t, new_name(L, "t"));
}

/* True when lowering a file-scope initialiser: no blocks to put code in. */
static bool no_code(Lower *L, Node *node) {
    if (L->fn)
        return false;
    lower_error(L, node->tok, "initializer element is not a compile-time constant");
    return true;
}

/* ---------------------------------------------------------------------
 * Expressions
 * ------------------------------------------------------------------- */

static gcc_jit_rvalue *gen_expr(Lower *L, Node *node);
static gcc_jit_lvalue *gen_lval(Lower *L, Node *node);
static void gen_discard(Lower *L, Node *node);
static void gen_branch(Lower *L, Node *cond, gcc_jit_block *then, gcc_jit_block *els);

static gcc_jit_rvalue *unsupported(Lower *L, Node *node, const char *what) {
    lower_error(L, node->tok, "%s not supported yet", what);
    return NULL;
}

/* libgccjit 12 does not make a volatile-qualified access volatile: its
 * trees lack TREE_THIS_VOLATILE, so gcc merges, moves and deletes such
 * accesses (three stores to a volatile global become one; a volatile
 * local lives in a register, and longjmp takes it back to its old value).
 * So memjit fences each volatile access itself: the object's address,
 * computed once into a temporary, goes to an empty asm volatile that
 * clobbers memory, before and after the access. gcc must then make that
 * one access, in memory, between the two, as it would for volatile. */
static gcc_jit_rvalue *in_temp(Lower *L, gcc_jit_rvalue *rv);

static void volatile_fence(Lower *L, gcc_jit_rvalue *addr) {
    gcc_jit_extended_asm *ea = gcc_jit_block_add_extended_asm(cur(L), L->loc, "");
    gcc_jit_extended_asm_set_volatile_flag(ea, 1);
    gcc_jit_extended_asm_add_input_operand(ea, NULL, "r", addr);
    gcc_jit_extended_asm_add_clobber(ea, "memory");
}

/* The volatile object lv as *tmp, tmp its address computed once; *addr
 * receives tmp for the fences. */
static gcc_jit_lvalue *volatile_object(Lower *L, gcc_jit_lvalue *lv, gcc_jit_rvalue **addr) {
    gcc_jit_rvalue *a = gcc_jit_lvalue_get_address(lv, L->loc);
    gcc_jit_lvalue *tmp = new_temp(L, type_of(a));
    gcc_jit_block_add_assignment(cur(L), L->loc, tmp, a);
    *addr = gcc_jit_lvalue_as_rvalue(tmp);
    return gcc_jit_rvalue_dereference(*addr, L->loc);
}

/* value (a read of obj) computed once, between fences on obj, into a
 * temporary. */
static gcc_jit_rvalue *fenced_read(Lower *L, gcc_jit_lvalue *obj, gcc_jit_rvalue *value) {
    gcc_jit_rvalue *addr = in_temp(L, gcc_jit_lvalue_get_address(obj, L->loc));
    volatile_fence(L, addr);
    gcc_jit_rvalue *v = in_temp(L, value);
    volatile_fence(L, addr);
    return v;
}

/* lv = value between fences on lv, value computed before them. */
static void fenced_write(Lower *L, gcc_jit_lvalue *lv, gcc_jit_rvalue *value) {
    gcc_jit_rvalue *v = in_temp(L, value);
    gcc_jit_rvalue *addr;
    gcc_jit_lvalue *obj = volatile_object(L, lv, &addr);
    volatile_fence(L, addr);
    gcc_jit_block_add_assignment(cur(L), L->loc, obj, v);
    volatile_fence(L, addr);
}

/* Reads an lvalue of C type ty; a volatile read yields the plain type,
 * read once between fences into a temporary. */
static gcc_jit_rvalue *load(Lower *L, gcc_jit_lvalue *lv, Type *ty) {
    if (!lv)
        return NULL;
    gcc_jit_rvalue *rv = gcc_jit_lvalue_as_rvalue(lv);
    if (ty->kind == TY_PTR && ty->base->kind == TY_UNION)   /* union_pointee's placeholder */
        rv = coerce(L, rv, lower_type(L, ty));
    if (!ty->is_volatile || !is_scalar(ty))
        return rv;
    /* libgccjit casts no complex value: its bits are the same */
    gcc_jit_rvalue *plain =
        is_complex(ty) ? gcc_jit_context_new_bitcast(L->ctx, L->loc, rv, lower_type(L, ty))
                       : gcc_jit_context_new_cast(L->ctx, L->loc, rv, lower_type(L, ty));
    return L->fn ? fenced_read(L, lv, plain) : plain;
}

/* lv = rv, fenced when the object is volatile (see volatile_fence). */
static void store(Lower *L, gcc_jit_lvalue *lv, gcc_jit_rvalue *rv, Type *ty) {
    if (!ty->is_volatile || !L->fn) {
        gcc_jit_block_add_assignment(cur(L), L->loc, lv, rv);
        return;
    }
    fenced_write(L, lv, rv);
}

/* Element i of obj seen as an array of elem: a complex object's parts, a
 * vector's lanes (libgccjit has no access to either). */
static gcc_jit_lvalue *element_of(Lower *L, gcc_jit_lvalue *obj, gcc_jit_type *elem, int i) {
    gcc_jit_rvalue *at = gcc_jit_context_new_cast(L->ctx, L->loc,
                                                  gcc_jit_lvalue_get_address(obj, L->loc),
                                                  gcc_jit_type_get_pointer(elem));
    return gcc_jit_context_new_array_access(
        L->ctx, L->loc, at, gcc_jit_context_new_rvalue_from_int(L->ctx, L->t_int, i));
}

static bool is_lvalue_node(Node *node) {
    switch (node->kind) {
    case ND_VAR: return !node->var->is_function;
    case ND_DEREF:
    case ND_STR: return true;
    case ND_MEMBER:
    case ND_REAL:
    case ND_IMAG: return is_lvalue_node(node->lhs);
    default: return false;
    }
}

static gcc_jit_lvalue *var_lval(Lower *L, Node *node) {
    Obj *var = node->var;
    if (!var->is_local)
        return global_of(L, var);
    if (!lowered(L, var)) {
        if (!L->fn)
            return NULL;
        set_lowered(L, var, gcc_jit_function_new_local(L->fn, loc_of(L, var->tok),
                                                       object_type(L, var->ty), new_name(L, "l")));
    }
    return lowered(L, var);
}

static gcc_jit_lvalue *gen_lval(Lower *L, Node *node) {
    switch (node->kind) {
    case ND_VAR:
        if (node->var->is_function)
            break;
        return var_lval(L, node);
    case ND_STR:
        return global_of(L, node->var);
    case ND_DEREF: {
        gcc_jit_rvalue *ptr = gen_expr(L, node->lhs);
        Type *base = node->ty;
        gcc_jit_type *t = lower_type(L, base);
        if (base->is_volatile)
            t = gcc_jit_type_get_volatile(t);
        ptr = coerce(L, ptr, gcc_jit_type_get_pointer(t));
        return gcc_jit_rvalue_dereference(ptr, L->loc);
    }
    case ND_MEMBER:
        if (node->member->is_bitfield) {
            lower_error(L, node->tok, "internal error: a bit-field used as an object");
            return NULL;
        }
        if (is_lvalue_node(node->lhs))
            return gcc_jit_lvalue_access_field(gen_lval(L, node->lhs), L->loc,
                                               field_of(L, node->member));
        break;
    case ND_REAL:
    case ND_IMAG:
        /* a part of a complex object: its first or second half */
        if (is_lvalue_node(node->lhs)) {
            gcc_jit_lvalue *z = gen_lval(L, node->lhs);
            if (!z)
                return NULL;
            gcc_jit_type *part = lower_type(L, node->ty);
            if (node->lhs->ty->is_volatile)
                part = gcc_jit_type_get_volatile(part);
            return element_of(L, z, part, node->kind == ND_IMAG);
        }
        break;
    default:
        break;
    }
    // A value that is not an object (a struct returned by a call, the
    // result of ?: or =): held in a temporary so that it has an address.
    if (no_code(L, node))
        return NULL;
    gcc_jit_rvalue *rv = gen_expr(L, node);
    if (!rv)
        return NULL;
    gcc_jit_lvalue *tmp = new_temp(L, type_of(rv));
    gcc_jit_block_add_assignment(cur(L), L->loc, tmp, rv);
    return tmp;
}

/* A value needed after more code runs (a call's result, a branch's
 * value) lives in a temporary. */
static gcc_jit_rvalue *in_temp(Lower *L, gcc_jit_rvalue *rv) {
    gcc_jit_lvalue *tmp = new_temp(L, type_of(rv));
    gcc_jit_block_add_assignment(cur(L), L->loc, tmp, rv);
    return gcc_jit_lvalue_as_rvalue(tmp);
}

static bool is_constant_node(Node *node) {
    return node->kind == ND_NUM || (node->kind == ND_CAST && node->lhs->kind == ND_NUM);
}

/* Where the record of a bit-field access (node: its ND_MEMBER) is. */
static bool bit_ref_of(Lower *L, Node *node, BitRef *r) {
    Node *rec = node->lhs;
    *r = (BitRef){NULL, NULL, node->ty->is_volatile || rec->ty->is_volatile ||
                                  node->member->ty->is_volatile};
    if (is_lvalue_node(rec))
        r->lv = gen_lval(L, rec);
    else
        r->rv = gen_expr(L, rec);
    return r->lv || r->rv;
}

/* lhs = rhs with lhs a bit-field. */
static gcc_jit_rvalue *gen_bitfield_assign(Lower *L, Node *node, bool want_value) {
    BitRef r;
    bool found = bit_ref_of(L, node->lhs, &r);
    gcc_jit_rvalue *rv = gen_expr(L, node->rhs);
    if (!found || !rv || !r.lv) {
        ensure_reported(L, node);
        return NULL;
    }
    rv = coerce(L, rv, lower_type(L, node->ty));
    /* A libgccjit rvalue is an expression, evaluated again by each chunk's
     * assignment: s.k += x would read a chunk the first one has already
     * written (torture 20040709-2: a packed bit-field over two bytes). */
    if (!is_constant_node(node->rhs))
        rv = in_temp(L, rv);
    bitfield_write(L, &r, node->lhs->member, rv);
    return want_value ? rv : NULL;
}

static gcc_jit_rvalue *gen_assign(Lower *L, Node *node, bool want_value) {
    if (no_code(L, node))
        return NULL;
    if (node->lhs->kind == ND_MEMBER && node->lhs->member->is_bitfield)
        return gen_bitfield_assign(L, node, want_value);
    gcc_jit_lvalue *lv = gen_lval(L, node->lhs);
    gcc_jit_rvalue *rv = gen_expr(L, node->rhs);
    if (!lv || !rv) {
        ensure_reported(L, node);
        return NULL;
    }
    // The object's own type: a union's placeholder may show here.
    rv = coerce(L, rv, gcc_jit_type_unqualified(type_of(gcc_jit_lvalue_as_rvalue(lv))));
    if (want_value && !is_constant_node(node->rhs) && node->rhs->kind != ND_FUNCALL &&
        node->rhs->kind != ND_ASSIGN)
        rv = in_temp(L, rv);
    store(L, lv, rv, node->lhs->ty);
    return want_value ? rv : NULL;
}

/* An argument gcc reads when the call is made, after the side effects of
 * the other arguments: a local held in a register, a constant, an address.
 * Any other argument is computed in its turn (right to left) into a
 * temporary, so that f(*p++, *p) sees what it sees under gcc. */
static bool reads_late(Lower *L, Node *node) {
    switch (node->kind) {
    case ND_NUM: case ND_STR:
        return true;
    case ND_VAR:
        return node->var->is_function ||
               (node->var->is_local && !hashmap_get_ptr(&L->addressed, node->var));
    case ND_ADDR: case ND_DECAY:
        return node->lhs->kind == ND_VAR || node->lhs->kind == ND_STR;
    case ND_CAST:
        return reads_late(L, node->lhs);
    default:
        return false;
    }
}

/* sqrt and sqrtf as gcc expands them: the builtin (one sqrtsd) and, when
 * its result is a NaN, the library call, which sets errno to EDOM for a
 * negative argument. libgccjit declares its builtins as not touching
 * errno, so the builtin alone would lose what the same program built by
 * gcc does. Returns NULL when fn is not one of them. */
static gcc_jit_rvalue *sqrt_keeping_errno(Lower *L, Obj *fn, gcc_jit_function *builtin,
                                          gcc_jit_rvalue *arg, gcc_jit_location *loc) {
    if (strcmp(fn->name, "sqrt") && strcmp(fn->name, "sqrtf"))
        return NULL;
    gcc_jit_function *lib = func_of(L, fn);
    if (lib == builtin)
        return NULL;
    gcc_jit_type *t = param_type_of(builtin, 0);
    arg = in_temp(L, coerce(L, arg, t));
    gcc_jit_lvalue *r = new_temp(L, t);
    gcc_jit_block_add_assignment(cur(L), loc, r,
                                 gcc_jit_context_new_call(L->ctx, loc, builtin, 1, &arg));
    gcc_jit_rvalue *rv = gcc_jit_lvalue_as_rvalue(r);
    gcc_jit_block *slow = new_block(L), *join = new_block(L);
    gcc_jit_rvalue *is_nan = gcc_jit_context_new_comparison(L->ctx, loc, GCC_JIT_COMPARISON_NE,
                                                            rv, rv);
    gcc_jit_block_end_with_conditional(cur(L), loc, is_nan, slow, join);
    L->bb = slow;
    gcc_jit_block_add_assignment(slow, loc, r, gcc_jit_context_new_call(L->ctx, loc, lib, 1, &arg));
    jump_to(L, join);
    L->bb = join;
    return rv;
}

static gcc_jit_rvalue *gen_call(Lower *L, Node *node, bool want_value) {
    if (no_code(L, node))
        return NULL;
    gcc_jit_location *loc = loc_of(L, node->tok);
    Node *callee = node->lhs;
    while (callee->kind == ND_DEREF && callee->ty->kind == TY_FUNC &&
           callee->lhs->kind == ND_ADDR)
        callee = callee->lhs->lhs;           // (*&f)(x) is f(x)
    if (callee->kind == ND_ADDR && callee->lhs->kind == ND_VAR && callee->lhs->var->is_function)
        callee = callee->lhs;                // (&f)(x) too

    int n = 0;
    for (Node *a = node->args; a; a = a->next)
        n++;
    gcc_jit_rvalue **args = arena_alloc(&L->c->arena, sizeof(*args) * (n + 1));
    Node **arg_nodes = arena_alloc(&L->c->arena, sizeof(*arg_nodes) * (n + 1));
    int i = 0;
    for (Node *a = node->args; a; a = a->next)
        arg_nodes[i++] = a;
    // Right to left, as gcc does on x86-64: C leaves the order open, but
    // programs are compared with gcc's output.
    bool ok = true;
    for (i = n - 1; i >= 0; i--) {
        args[i] = gen_expr(L, arg_nodes[i]);
        ok &= args[i] != NULL;
        if (args[i] && n > 1 && !reads_late(L, arg_nodes[i]))
            args[i] = in_temp(L, args[i]);
    }
    if (!ok) {            // libgccjit must not see a NULL argument
        ensure_reported(L, node);
        return NULL;
    }

    gcc_jit_rvalue *call;
    if (callee->kind == ND_VAR && callee->var->is_function && !is_host_import(L, callee->var)) {
        gcc_jit_function *f = callee_of(L, callee->var);
        if (f && n == 1) {
            gcc_jit_rvalue *r = sqrt_keeping_errno(L, callee->var, f, args[0], loc);
            if (r)
                return coerce(L, r, lower_type(L, node->ty));
        }
        int np = f ? (int)gcc_jit_function_get_param_count(f) : 0;
        for (i = 0; i < n && i < np; i++)
            args[i] = coerce(L, args[i], param_type_of(f, i));
        call = gcc_jit_context_new_call(L->ctx, loc, f, n, args);
    } else {
        Type *fty = node->func_ty;
        gcc_jit_rvalue *fp = gen_expr(L, callee->ty->kind == TY_FUNC && callee->kind == ND_DEREF
                                             ? callee->lhs : callee);
        fp = coerce(L, fp, func_ptr_type(L, fty));
        i = 0;
        for (Type *p = fty->params; p && i < n; p = p->next, i++)
            args[i] = coerce(L, args[i], param_type(L, p));
        call = gcc_jit_context_new_call_through_ptr(L->ctx, loc, fp, n, args);
    }
    if (!call)
        return NULL;
    if (!want_value || node->ty->kind == TY_VOID) {
        gcc_jit_block_add_eval(cur(L), loc, call);
        return NULL;
    }
    return coerce(L, in_temp(L, call), lower_type(L, node->ty));
}

static gcc_jit_rvalue *function_address(Lower *L, Obj *fn) {
    if (is_host_import(L, fn)) {
        gcc_jit_lvalue *slot = import_slot(L, fn);
        return slot ? gcc_jit_lvalue_as_rvalue(slot) : NULL;
    }
    return gcc_jit_function_get_address(func_of(L, fn), L->loc);
}

/* A real and a complex operand of + - * / (expr.c's new_arith): the real
 * one meets each part, as gcc does it, and the sign of a zero part
 * survives: x + (a + b i) = (x + a) + b i, x - (a + b i) = (x - a) - b i,
 * x * (a + b i) = x a + x b i, (a + b i) / x = a / x + (b / x) i. */
static gcc_jit_rvalue *mixed_complex(Lower *L, Node *node, enum gcc_jit_binary_op op,
                                     gcc_jit_rvalue *l, gcc_jit_rvalue *r) {
    bool real_left = !is_complex(node->lhs->ty);
    Type *part = node->ty->base;
    gcc_jit_type *t = lower_type(L, part);
    gcc_jit_rvalue *x = coerce(L, used_twice(L, real_left ? l : r), t);
    gcc_jit_rvalue *z = used_twice(L, real_left ? r : l);
    gcc_jit_rvalue *re = complex_part(L, z, false), *im = complex_part(L, z, true);
    bool scales = op == GCC_JIT_BINARY_OP_MULT || op == GCC_JIT_BINARY_OP_DIVIDE;
    gcc_jit_rvalue *re2 = real_left ? gcc_jit_context_new_binary_op(L->ctx, L->loc, op, t, x, re)
                                    : gcc_jit_context_new_binary_op(L->ctx, L->loc, op, t, re, x);
    gcc_jit_rvalue *im2 = im;
    if (scales)
        im2 = real_left ? gcc_jit_context_new_binary_op(L->ctx, L->loc, op, t, x, im)
                        : gcc_jit_context_new_binary_op(L->ctx, L->loc, op, t, im, x);
    else if (op == GCC_JIT_BINARY_OP_MINUS && real_left)
        im2 = gcc_jit_context_new_unary_op(L->ctx, L->loc, GCC_JIT_UNARY_OP_MINUS, t, im);
    return make_complex(L, node->ty, re2, im2);
}

static gcc_jit_rvalue *gen_binary(Lower *L, Node *node, enum gcc_jit_binary_op op) {
    gcc_jit_rvalue *l = gen_expr(L, node->lhs);
    gcc_jit_rvalue *r = gen_expr(L, node->rhs);
    if (!l || !r)
        return NULL;
    if (is_complex(node->ty) && is_complex(node->lhs->ty) != is_complex(node->rhs->ty))
        return mixed_complex(L, node, op, l, r);
    gcc_jit_type *t = lower_type(L, node->ty);
    l = coerce(L, l, t);
    r = coerce(L, r, t);     // shifts: libgccjit wants one type for both
    return gcc_jit_context_new_binary_op(L->ctx, L->loc, op, t, l, r);
}

/* The gcc comparison of each C comparison operator. */
static const enum gcc_jit_comparison comparison_op[] = {
    [ND_EQ] = GCC_JIT_COMPARISON_EQ, [ND_NE] = GCC_JIT_COMPARISON_NE,
    [ND_LT] = GCC_JIT_COMPARISON_LT, [ND_LE] = GCC_JIT_COMPARISON_LE,
    [ND_GT] = GCC_JIT_COMPARISON_GT, [ND_GE] = GCC_JIT_COMPARISON_GE,
};

/* ---------------------------------------------------------------------
 * GNU vectors. libgccjit 12 has vector types and their arithmetic, but
 * its comparisons give one bool and it has no lane access: a vector's
 * lanes are built with gcc_jit_context_new_rvalue_from_vector and read
 * through a pointer to the lane type, from a temporary.
 * ------------------------------------------------------------------- */

/* A vector of lanes (ND_VECTOR), or one scalar in every lane (ND_SPLAT,
 * computed once). */
static gcc_jit_rvalue *gen_vector(Lower *L, Node *node) {
    int n = node->ty->array_len;
    gcc_jit_type *lane = lower_type(L, node->ty->base);
    gcc_jit_rvalue **lanes = arena_alloc(&L->c->arena, sizeof(*lanes) * (size_t)n);
    if (node->kind == ND_SPLAT) {
        gcc_jit_rvalue *v = gen_expr(L, node->lhs);
        if (!v)
            return NULL;
        v = coerce(L, v, lane);
        if (L->fn && node->lhs->kind != ND_NUM)
            v = in_temp(L, v);
        for (int i = 0; i < n; i++)
            lanes[i] = v;
    } else {
        int i = 0;
        for (Node *a = node->args; a && i < n; a = a->next, i++) {
            lanes[i] = coerce(L, gen_expr(L, a), lane);
            if (!lanes[i])
                return NULL;
        }
    }
    return gcc_jit_context_new_rvalue_from_vector(L->ctx, L->loc, lower_type(L, node->ty),
                                                  (size_t)n, lanes);
}

/* Lane i of the vector held in the temporary tmp, of the jit type lane. */
static gcc_jit_rvalue *vector_lane(Lower *L, gcc_jit_lvalue *tmp, gcc_jit_type *lane, int i) {
    return gcc_jit_lvalue_as_rvalue(element_of(L, tmp, lane, i));
}

/* A comparison of two vectors: each lane of the result -1 where it holds,
 * 0 where not (gcc's vector comparison). */
static gcc_jit_rvalue *vector_compare(Lower *L, Node *node) {
    enum gcc_jit_comparison op = comparison_op[node->kind];
    gcc_jit_rvalue *l = gen_expr(L, node->lhs);
    gcc_jit_rvalue *r = gen_expr(L, node->rhs);
    if (!l || !r || no_code(L, node))
        return NULL;
    Type *vty = unqual(node->lhs->ty);
    gcc_jit_type *vt = lower_type(L, vty), *lane = lower_type(L, vty->base);
    gcc_jit_type *mask = lower_type(L, node->ty->base);
    gcc_jit_lvalue *a = new_temp(L, vt), *b = new_temp(L, vt);
    gcc_jit_block_add_assignment(cur(L), L->loc, a, coerce(L, l, vt));
    gcc_jit_block_add_assignment(cur(L), L->loc, b, coerce(L, r, vt));
    int n = vty->array_len;
    gcc_jit_rvalue **lanes = arena_alloc(&L->c->arena, sizeof(*lanes) * (size_t)n);
    for (int i = 0; i < n; i++) {
        gcc_jit_rvalue *holds = gcc_jit_context_new_comparison(
            L->ctx, L->loc, op, vector_lane(L, a, lane, i), vector_lane(L, b, lane, i));
        gcc_jit_rvalue *one = gcc_jit_context_new_cast(L->ctx, L->loc, holds, mask);
        lanes[i] = gcc_jit_context_new_unary_op(L->ctx, L->loc, GCC_JIT_UNARY_OP_MINUS, mask, one);
    }
    return gcc_jit_context_new_rvalue_from_vector(L->ctx, L->loc, lower_type(L, node->ty),
                                                  (size_t)n, lanes);
}

static gcc_jit_rvalue *gen_compare(Lower *L, Node *node) {
    gcc_jit_rvalue *l = gen_expr(L, node->lhs);
    gcc_jit_rvalue *r = gen_expr(L, node->rhs);
    if (!l || !r)
        return NULL;
    r = coerce(L, r, type_of(l));
    return gcc_jit_context_new_comparison(L->ctx, L->loc, comparison_op[node->kind], l, r);
}

/* The truth of a controlling expression, as a gcc bool. */
static gcc_jit_rvalue *gen_truth(Lower *L, Node *node) {
    switch (node->kind) {
    case ND_EQ: case ND_NE: case ND_LT: case ND_LE: case ND_GT: case ND_GE:
        return gen_compare(L, node);
    case ND_NOT: {
        gcc_jit_rvalue *v = gen_truth(L, node->lhs);
        return v ? gcc_jit_context_new_unary_op(L->ctx, L->loc, GCC_JIT_UNARY_OP_LOGICAL_NEGATE,
                                                L->t_bool, v)
                 : NULL;
    }
    case ND_CAST:
        if (is_integer(node->ty) && node->lhs->ty->kind == TY_BOOL)
            return gen_truth(L, node->lhs);
        break;
    default:
        break;
    }
    gcc_jit_rvalue *v = gen_expr(L, node);
    return v ? is_nonzero(L, v) : NULL;
}

/* The value of &&, || or a comparison chain as int, through blocks. */
static gcc_jit_rvalue *gen_logical(Lower *L, Node *node) {
    if (no_code(L, node))
        return NULL;
    gcc_jit_lvalue *tmp = new_temp(L, L->t_int);
    gcc_jit_block *t = new_block(L), *f = new_block(L), *join = new_block(L);
    gen_branch(L, node, t, f);
    gcc_jit_block_add_assignment(t, L->loc, tmp, gcc_jit_context_one(L->ctx, L->t_int));
    gcc_jit_block_end_with_jump(t, L->loc, join);
    gcc_jit_block_add_assignment(f, L->loc, tmp, gcc_jit_context_zero(L->ctx, L->t_int));
    gcc_jit_block_end_with_jump(f, L->loc, join);
    L->bb = join;
    return gcc_jit_lvalue_as_rvalue(tmp);
}

static gcc_jit_rvalue *gen_cond(Lower *L, Node *node) {
    if (node->ty->kind == TY_VOID) {
        gen_discard(L, node);
        return NULL;
    }
    if (no_code(L, node))
        return NULL;
    gcc_jit_type *ty = lower_type(L, node->ty);
    gcc_jit_lvalue *tmp = new_temp(L, ty);
    gcc_jit_block *t = new_block(L), *f = new_block(L), *join = new_block(L);
    gen_branch(L, node->cond, t, f);
    L->bb = t;
    gcc_jit_rvalue *v = coerce(L, gen_expr(L, node->then), ty);
    if (v)
        gcc_jit_block_add_assignment(cur(L), L->loc, tmp, v);
    jump_to(L, join);
    L->bb = f;
    v = coerce(L, gen_expr(L, node->els), ty);
    if (v)
        gcc_jit_block_add_assignment(cur(L), L->loc, tmp, v);
    jump_to(L, join);
    L->bb = join;
    return gcc_jit_lvalue_as_rvalue(tmp);
}

/* p + i in elements, as &p[i]; void * counts in bytes as in GNU C. */
static gcc_jit_rvalue *gen_ptr_add(Lower *L, Node *node) {
    gcc_jit_rvalue *p = gen_expr(L, node->lhs);
    gcc_jit_rvalue *i = gen_expr(L, node->rhs);
    if (!p || !i)
        return NULL;
    gcc_jit_type *t = lower_type(L, node->ty);
    Type *base = node->lhs->ty->kind == TY_PTR ? node->lhs->ty->base : NULL;
    if (!base || base->kind == TY_VOID || base->kind == TY_FUNC)
        p = gcc_jit_context_new_cast(L->ctx, L->loc, p, L->t_char_ptr);
    else
        p = coerce(L, p, t);
    if (node->kind == ND_PTR_SUB)
        i = gcc_jit_context_new_unary_op(L->ctx, L->loc, GCC_JIT_UNARY_OP_MINUS, type_of(i), i);
    gcc_jit_lvalue *elem = gcc_jit_context_new_array_access(L->ctx, L->loc, p, i);
    return coerce(L, gcc_jit_lvalue_get_address(elem, L->loc), t);
}

static gcc_jit_rvalue *gen_ptr_diff(Lower *L, Node *node) {
    gcc_jit_rvalue *l = gen_expr(L, node->lhs);
    gcc_jit_rvalue *r = gen_expr(L, node->rhs);
    if (!l || !r)
        return NULL;
    gcc_jit_type *t = lower_type(L, node->ty);
    l = gcc_jit_context_new_bitcast(L->ctx, L->loc, l, L->t_long);
    r = gcc_jit_context_new_bitcast(L->ctx, L->loc, r, L->t_long);
    gcc_jit_rvalue *d = gcc_jit_context_new_binary_op(L->ctx, L->loc, GCC_JIT_BINARY_OP_MINUS,
                                                      L->t_long, l, r);
    Type *base = node->lhs->ty->base;
    int size = base && unqual(base)->size > 0 ? unqual(base)->size : 1;
    if (size > 1)
        d = gcc_jit_context_new_binary_op(
            L->ctx, L->loc, GCC_JIT_BINARY_OP_DIVIDE, L->t_long, d,
            gcc_jit_context_new_rvalue_from_long(L->ctx, L->t_long, size));
    return coerce(L, d, t);
}

static gcc_jit_rvalue *gen_addr(Lower *L, Node *node) {
    Node *lhs = node->lhs;
    gcc_jit_type *t = lower_type(L, node->ty);
    if (lhs->kind == ND_VAR && lhs->var->is_function) {
        gcc_jit_rvalue *f = function_address(L, lhs->var);
        return f ? coerce(L, f, t) : NULL;
    }
    if (lhs->kind == ND_DEREF)
        return coerce(L, gen_expr(L, lhs->lhs), t);
    gcc_jit_lvalue *lv = gen_lval(L, lhs);
    return lv ? coerce(L, gcc_jit_lvalue_get_address(lv, L->loc), t) : NULL;
}

static gcc_jit_rvalue *gen_decay(Lower *L, Node *node) {
    gcc_jit_lvalue *arr = gen_lval(L, node->lhs);
    if (!arr)
        return NULL;
    gcc_jit_type *t = lower_type(L, node->ty);
    if (node->lhs->ty->kind != TY_ARRAY)      // liberal: decay of a non-array
        return coerce(L, gcc_jit_lvalue_get_address(arr, L->loc), t);
    gcc_jit_lvalue *first = gcc_jit_context_new_array_access(
        L->ctx, L->loc, gcc_jit_lvalue_as_rvalue(arr), gcc_jit_context_zero(L->ctx, L->t_int));
    return coerce(L, gcc_jit_lvalue_get_address(first, L->loc), t);
}

static gcc_jit_rvalue *gen_member(Lower *L, Node *node) {
    if (node->member->is_bitfield) {
        BitRef r;
        return bit_ref_of(L, node, &r) ? bitfield_read(L, &r, node->member, unqual(node->ty))
                                       : NULL;
    }
    gcc_jit_field *f = field_of(L, node->member);
    gcc_jit_rvalue *rv;
    if (is_lvalue_node(node->lhs)) {
        gcc_jit_lvalue *lv = gen_lval(L, node);
        rv = lv ? load(L, lv, node->ty) : NULL;
    } else {
        gcc_jit_rvalue *whole = gen_expr(L, node->lhs);
        rv = whole ? gcc_jit_rvalue_access_field(whole, L->loc, f) : NULL;
    }
    return coerce(L, rv, lower_type(L, node->ty));
}

static gcc_jit_rvalue *gen_cast(Lower *L, Node *node) {
    if (node->ty->kind == TY_VOID) {
        gen_discard(L, node->lhs);
        return NULL;
    }
    if (node->lhs->kind == ND_NUM) {
        gcc_jit_rvalue *k = convert_const(L, node->lhs, node->ty);
        if (k)
            return k;
    }
    return convert(L, gen_expr(L, node->lhs), node->ty);
}

static gcc_jit_rvalue *gen_unary(Lower *L, Node *node, enum gcc_jit_unary_op op) {
    gcc_jit_rvalue *v = gen_expr(L, node->lhs);
    if (v && is_complex(node->ty) && op == GCC_JIT_UNARY_OP_BITWISE_NEGATE)   /* ~z: conj */
        return gcc_jit_context_new_call(L->ctx, L->loc,
                                        complex_builtin(L, "conj", node->ty->base), 1, &v);
    gcc_jit_type *t = lower_type(L, node->ty);
    return v ? gcc_jit_context_new_unary_op(L->ctx, L->loc, op, t, coerce(L, v, t)) : NULL;
}

static gcc_jit_rvalue *bool_to_int(Lower *L, gcc_jit_rvalue *b, Type *ty) {
    return b ? gcc_jit_context_new_cast(L->ctx, L->loc, b, lower_type(L, ty)) : NULL;
}

static void gen_stmt(Lower *L, Node *node);

/* ({ ... }): the statements, then the value, held in a temporary so
 * that what follows in the enclosing expression cannot change it. */
static gcc_jit_rvalue *gen_stmt_expr(Lower *L, Node *node, bool want_value) {
    if (no_code(L, node))
        return NULL;
    for (Node *st = node->body; st; st = st->next)
        gen_stmt(L, st);
    if (!node->lhs)
        return NULL;
    if (!want_value) {
        gen_discard(L, node->lhs);
        return NULL;
    }
    gcc_jit_rvalue *v = gen_expr(L, node->lhs);
    if (!v) {
        ensure_reported(L, node->lhs);
        return NULL;
    }
    return in_temp(L, coerce(L, v, lower_type(L, node->ty)));
}

static gcc_jit_rvalue *gen_expr(Lower *L, Node *node) {
    switch (node->kind) {
    case ND_NUM: return num_const(L, node);
    case ND_STR:
    case ND_VAR:
        if (node->kind == ND_VAR && node->var->is_function)
            return function_address(L, node->var);
        {
            gcc_jit_lvalue *lv = gen_lval(L, node);
            return lv ? load(L, lv, node->ty) : NULL;
        }
    case ND_ADD: return gen_binary(L, node, GCC_JIT_BINARY_OP_PLUS);
    case ND_SUB: return gen_binary(L, node, GCC_JIT_BINARY_OP_MINUS);
    case ND_MUL: return gen_binary(L, node, GCC_JIT_BINARY_OP_MULT);
    case ND_DIV: return gen_binary(L, node, GCC_JIT_BINARY_OP_DIVIDE);
    case ND_MOD: return gen_binary(L, node, GCC_JIT_BINARY_OP_MODULO);
    case ND_BITAND: return gen_binary(L, node, GCC_JIT_BINARY_OP_BITWISE_AND);
    case ND_BITOR: return gen_binary(L, node, GCC_JIT_BINARY_OP_BITWISE_OR);
    case ND_BITXOR: return gen_binary(L, node, GCC_JIT_BINARY_OP_BITWISE_XOR);
    case ND_SHL: return gen_binary(L, node, GCC_JIT_BINARY_OP_LSHIFT);
    case ND_SHR: return gen_binary(L, node, GCC_JIT_BINARY_OP_RSHIFT);
    case ND_EQ: case ND_NE: case ND_LT: case ND_LE: case ND_GT: case ND_GE:
        if (is_vector(node->ty))
            return vector_compare(L, node);
        return bool_to_int(L, gen_compare(L, node), node->ty);
    case ND_NOT:
        return bool_to_int(L, gen_truth(L, node), node->ty);
    case ND_LOGAND:
    case ND_LOGOR:
        return coerce(L, gen_logical(L, node), lower_type(L, node->ty));
    case ND_BITNOT: return gen_unary(L, node, GCC_JIT_UNARY_OP_BITWISE_NEGATE);
    case ND_NEG: return gen_unary(L, node, GCC_JIT_UNARY_OP_MINUS);
    case ND_REAL:
    case ND_IMAG: {
        gcc_jit_rvalue *z = gen_expr(L, node->lhs);
        return z ? complex_part(L, z, node->kind == ND_IMAG) : NULL;
    }
    case ND_COMPLEX: {
        gcc_jit_rvalue *re = gen_expr(L, node->lhs);
        gcc_jit_rvalue *im = gen_expr(L, node->rhs);
        return re && im ? make_complex(L, node->ty, re, im) : NULL;
    }
    case ND_VECTOR:
    case ND_SPLAT:
        return gen_vector(L, node);
    case ND_PTR_ADD:
    case ND_PTR_SUB: return gen_ptr_add(L, node);
    case ND_PTR_DIFF: return gen_ptr_diff(L, node);
    case ND_ASSIGN: return gen_assign(L, node, true);
    case ND_COND: return gen_cond(L, node);
    case ND_COMMA:
        if (no_code(L, node))
            return NULL;
        gen_discard(L, node->lhs);
        return gen_expr(L, node->rhs);
    case ND_CAST: return gen_cast(L, node);
    case ND_ADDR: return gen_addr(L, node);
    case ND_DEREF:
        if (node->ty->kind == TY_FUNC)   // *fp as a value is fp
            return gen_expr(L, node->lhs);
        {
            gcc_jit_lvalue *lv = gen_lval(L, node);
            return lv ? load(L, lv, node->ty) : NULL;
        }
    case ND_DECAY: return gen_decay(L, node);
    case ND_FUNCALL: return gen_call(L, node, true);
    case ND_MEMBER: return gen_member(L, node);
    case ND_MEMZERO:
        gen_discard(L, node);
        return NULL;
    case ND_STMT_EXPR: return gen_stmt_expr(L, node, true);
    default:
        return unsupported(L, node, "this expression");
    }
}

static void gen_memzero(Lower *L, Node *node) {
    if (no_code(L, node))
        return;
    gcc_jit_lvalue *lv = var_lval(L, node);
    int size = node->var->ty->size;
    if (!lv || size <= 0)
        return;
    gcc_jit_function *memset_fn = builtin_for(L, "memset");
    gcc_jit_rvalue *args[3] = {
        coerce(L, gcc_jit_lvalue_get_address(lv, L->loc), L->t_void_ptr),
        gcc_jit_context_zero(L->ctx, L->t_int),
        gcc_jit_context_new_rvalue_from_long(L->ctx, param_type_of(memset_fn, 2), size),
    };
    gcc_jit_block_add_eval(cur(L), L->loc,
                           gcc_jit_context_new_call(L->ctx, L->loc, memset_fn, 3, args));
}

/* Evaluates node for its side effects only. */
static void gen_discard(Lower *L, Node *node) {
    if (!node)
        return;
    switch (node->kind) {
    case ND_NUM:
    case ND_STR:
        return;
    case ND_VAR:
        if (node->var->is_local || !node->ty->is_volatile)
            return;
        break;
    case ND_ASSIGN:
        gen_assign(L, node, false);
        return;
    case ND_FUNCALL:
        gen_call(L, node, false);
        return;
    case ND_MEMZERO:
        gen_memzero(L, node);
        return;
    case ND_STMT_EXPR:
        gen_stmt_expr(L, node, false);
        return;
    case ND_COMMA:
        gen_discard(L, node->lhs);
        gen_discard(L, node->rhs);
        return;
    case ND_COND: {
        if (no_code(L, node))
            return;
        gcc_jit_block *t = new_block(L), *f = new_block(L), *join = new_block(L);
        gen_branch(L, node->cond, t, f);
        L->bb = t;
        gen_discard(L, node->then);
        jump_to(L, join);
        L->bb = f;
        gen_discard(L, node->els);
        jump_to(L, join);
        L->bb = join;
        return;
    }
    case ND_LOGAND:
    case ND_LOGOR: {        // a && f() as a statement: if (a) f();
        if (no_code(L, node))
            return;
        gcc_jit_block *rhs = new_block(L), *join = new_block(L);
        if (node->kind == ND_LOGAND)
            gen_branch(L, node->lhs, rhs, join);
        else
            gen_branch(L, node->lhs, join, rhs);
        L->bb = rhs;
        gen_discard(L, node->rhs);
        jump_to(L, join);
        L->bb = join;
        return;
    }
    case ND_CAST: case ND_NOT: case ND_NEG: case ND_BITNOT: case ND_ADDR: case ND_DECAY:
    case ND_MEMBER: case ND_REAL: case ND_IMAG:
        gen_discard(L, node->lhs);
        return;
    case ND_DEREF:
        if (!node->ty->is_volatile) {
            gen_discard(L, node->lhs);
            return;
        }
        break;
    default:
        if (node->lhs && node->rhs) {
            gen_discard(L, node->lhs);
            gen_discard(L, node->rhs);
            return;
        }
        break;
    }
    // a volatile read, or something unusual: evaluate it and drop it
    gcc_jit_rvalue *v = gen_expr(L, node);
    if (v && L->fn)
        gcc_jit_block_add_eval(cur(L), L->loc, v);
}

/* Jumps to then when cond is true, else to els; && || ! become jumps. */
static void gen_branch(Lower *L, Node *cond, gcc_jit_block *then, gcc_jit_block *els) {
    switch (cond->kind) {
    case ND_LOGAND:
    case ND_LOGOR: {
        gcc_jit_block *mid = new_block(L);
        if (cond->kind == ND_LOGAND)
            gen_branch(L, cond->lhs, mid, els);
        else
            gen_branch(L, cond->lhs, then, mid);
        L->bb = mid;
        gen_branch(L, cond->rhs, then, els);
        return;
    }
    case ND_NOT:
        gen_branch(L, cond->lhs, els, then);
        return;
    case ND_NUM:
        if (is_integer(cond->ty)) {
            jump_to(L, cond->ival ? then : els);
            return;
        }
        break;
    default:
        break;
    }
    gcc_jit_rvalue *b = gen_truth(L, cond);
    if (!b) {
        jump_to(L, els);
        return;
    }
    gcc_jit_block_end_with_conditional(cur(L), L->loc, b, then, els);
    L->bb = NULL;
}

/* ---------------------------------------------------------------------
 * Statements
 * ------------------------------------------------------------------- */

static void gen_if(Lower *L, Node *node) {
    gcc_jit_block *then = new_block(L), *join = new_block(L);
    gcc_jit_block *els = node->els ? new_block(L) : join;
    gen_branch(L, node->cond, then, els);
    L->bb = then;
    gen_stmt(L, node->then);
    jump_to(L, join);
    if (node->els) {
        L->bb = els;
        gen_stmt(L, node->els);
        jump_to(L, join);
    }
    L->bb = join;
}

static void gen_for(Lower *L, Node *node) {
    NodeExt *x = node_ext(L->c, node);
    if (x->init)
        gen_stmt(L, x->init);
    gcc_jit_block *cond = new_block(L), *body = new_block(L);
    gcc_jit_block *next = x->inc ? new_block(L) : cond, *end = new_block(L);
    x->lower_break = end;
    x->lower_continue = next;
    jump_to(L, cond);
    L->bb = cond;
    if (node->cond)
        gen_branch(L, node->cond, body, end);
    else
        jump_to(L, body);
    L->bb = body;
    gen_stmt(L, node->then);
    jump_to(L, next);
    if (x->inc) {
        L->bb = next;
        loc_of(L, x->inc->tok);
        gen_discard(L, x->inc);
        jump_to(L, cond);
    }
    L->bb = end;
}

static void gen_do(Lower *L, Node *node) {
    gcc_jit_block *body = new_block(L), *cond = new_block(L), *end = new_block(L);
    NodeExt *x = node_ext(L->c, node);
    x->lower_break = end;
    x->lower_continue = cond;
    jump_to(L, body);
    L->bb = body;
    gen_stmt(L, node->then);
    jump_to(L, cond);
    L->bb = cond;
    loc_of(L, node->cond->tok);
    gen_branch(L, node->cond, body, end);
    L->bb = end;
}

/* The block of a case or label, made when first needed: a goto may come
 * before its label. */
static gcc_jit_block *label_block(Lower *L, Node *node) {
    gcc_jit_block *b = hashmap_get_ptr(&L->labels, node);
    if (!b) {
        b = new_block(L);
        hashmap_put_ptr(&L->c->arena, &L->labels, node, b);
    }
    return b;
}

/* A case or label: falls through into its block, which code jumps to. */
static void gen_label(Lower *L, Node *node) {
    gcc_jit_block *b = label_block(L, node);
    jump_to(L, b);
    L->bb = b;
    gen_stmt(L, node->lhs);
}

/* One gcc_jit_case per case label, its value in the controlling type. */
static gcc_jit_case **switch_cases(Lower *L, Node *node, gcc_jit_type *t, int *ncases) {
    int n = 0;
    for (Node *c = node_ext_of(node)->case_next; c; c = node_ext_of(c)->case_next)
        n++;
    gcc_jit_case **cases = arena_alloc(&L->c->arena, sizeof(*cases) * (2 * n + 1));
    n = 0;
    Type *cty = node->cond->ty;
    for (Node *c = node_ext_of(node)->case_next; c; c = node_ext_of(c)->case_next) {
        if (node_ext_of(c)->is_default)
            continue;
        int64_t first = c->ival, last = node_ext_of(c)->case_end;
        /* libgccjit 12 checks a range's bounds as signed numbers: an
         * unsigned 64-bit range across 2^63 goes in as its two halves */
        if (cty->is_unsigned && cty->size == 8 && first >= 0 && last < 0) {
            gcc_jit_rvalue *lo = coerce(L, int_const(L, cty, first), t);
            gcc_jit_rvalue *mid = coerce(L, int_const(L, cty, INT64_MAX), t);
            cases[n++] = gcc_jit_context_new_case(L->ctx, lo, mid, label_block(L, c));
            first = INT64_MIN;
        }
        gcc_jit_rvalue *lo = coerce(L, int_const(L, cty, first), t);
        gcc_jit_rvalue *hi = coerce(L, int_const(L, cty, last), t);
        cases[n++] = gcc_jit_context_new_case(L->ctx, lo, hi, label_block(L, c));
    }
    *ncases = n;
    return cases;
}

/* goto *p: a multiway branch on p's value, the number of a label whose
 * address the function takes (stmt.c); any other value traps. As gcc
 * does (factor_computed_gotos), every goto *p of a function jumps to one
 * block holding the branch: one per goto would make gcc's passes crawl
 * over gotos x labels edges (Lua's interpreter loop has 83 of each). */
static gcc_jit_block *goto_dispatch(Lower *L, Node *node) {
    if (L->goto_dispatch)
        return L->goto_dispatch;
    L->goto_target = new_temp(L, L->t_long);
    int n = 0;
    for (Node *l = node_ext_of(node)->target; l; l = node_ext_of(l)->case_next)
        n += node_ext_of(l)->label_index > 0;
    gcc_jit_case **cases = arena_alloc(&L->c->arena, sizeof(*cases) * (size_t)(n + 1));
    n = 0;
    for (Node *l = node_ext_of(node)->target; l; l = node_ext_of(l)->case_next) {
        int index = node_ext_of(l)->label_index;
        if (!index)
            continue;
        gcc_jit_rvalue *k = gcc_jit_context_new_rvalue_from_long(L->ctx, L->t_long, index);
        cases[n++] = gcc_jit_context_new_case(L->ctx, k, k, label_block(L, l));
    }
    gcc_jit_block *dispatch = new_block(L), *trap = new_block(L);
    gcc_jit_block_end_with_switch(dispatch, L->loc, gcc_jit_lvalue_as_rvalue(L->goto_target),
                                  trap, n, cases);
    gcc_jit_block_add_eval(trap, L->loc, gcc_jit_context_new_call(
        L->ctx, L->loc, gcc_jit_context_get_builtin_function(L->ctx, "__builtin_trap"), 0, NULL));
    gcc_jit_block_end_with_jump(trap, L->loc, trap);   /* trap does not return */
    return L->goto_dispatch = dispatch;
}

static void gen_computed_goto(Lower *L, Node *node) {
    gcc_jit_rvalue *v = gen_expr(L, node->lhs);
    if (!v) {
        ensure_reported(L, node);
        return;
    }
    gcc_jit_block *dispatch = goto_dispatch(L, node);
    gcc_jit_block_add_assignment(cur(L), L->loc, L->goto_target, coerce(L, v, L->t_long));
    jump_to(L, dispatch);
}

/* switch: one multiway branch to the case blocks; the body then places
 * them where their labels stand. */
static void gen_switch(Lower *L, Node *node) {
    gcc_jit_rvalue *v = gen_expr(L, node->cond);
    gcc_jit_block *end = new_block(L);
    node_ext(L->c, node)->lower_break = end;
    if (!v) {
        ensure_reported(L, node);
        return;
    }
    gcc_jit_type *t = lower_type(L, node->cond->ty);
    v = coerce(L, v, t);
    int n;
    gcc_jit_case **cases = switch_cases(L, node, t, &n);
    Node *default_case = node_ext_of(node)->default_case;
    gcc_jit_block *dflt = default_case ? label_block(L, default_case) : end;
    gcc_jit_block_end_with_switch(cur(L), L->loc, v, dflt, n, cases);
    L->bb = NULL;
    gen_stmt(L, node->then);
    jump_to(L, end);
    L->bb = end;
}

static gcc_jit_rvalue *zero_return(Lower *L) {
    Type *ty = L->ret_ty;
    gcc_jit_type *t = lower_type(L, ty);
    if (is_record(ty) || ty->kind == TY_ARRAY)
        return gcc_jit_lvalue_as_rvalue(new_temp(L, t));
    return zero_of(L, t, ty);
}

static void gen_return(Lower *L, Node *node) {
    if (!node->lhs || node->lhs->ty->kind == TY_VOID || L->ret_ty->kind == TY_VOID) {
        if (node->lhs)
            gen_discard(L, node->lhs);
        if (L->ret_ty->kind == TY_VOID)
            gcc_jit_block_end_with_void_return(cur(L), L->loc);
        else
            gcc_jit_block_end_with_return(cur(L), L->loc, zero_return(L));
        L->bb = NULL;
        return;
    }
    gcc_jit_rvalue *v = gen_expr(L, node->lhs);
    if (!v) {
        ensure_reported(L, node);
        v = zero_return(L);
    }
    v = coerce(L, v, lower_type(L, L->ret_ty));
    gcc_jit_block_end_with_return(cur(L), L->loc, v);
    L->bb = NULL;
}

/* An asm statement: every operand is computed first (an output such as
 * *p++ has its own side effects), then the statement goes in the block. */
static void gen_asm(Lower *L, Node *node) {
    AsmStmt *a = node_ext_of(node)->asm_stmt;
    int n = 0;
    for (AsmOperand *op = a->outputs; op; op = op->next)
        n++;
    for (AsmOperand *op = a->inputs; op; op = op->next)
        n++;
    gcc_jit_lvalue **outs = arena_alloc(&L->c->arena, sizeof(*outs) * (size_t)(n + 1));
    gcc_jit_rvalue **ins = arena_alloc(&L->c->arena, sizeof(*ins) * (size_t)(n + 1));
    int i = 0;
    for (AsmOperand *op = a->outputs; op; op = op->next) {
        if (!(outs[i++] = gen_lval(L, op->expr))) {
            ensure_reported(L, op->expr);
            return;
        }
    }
    i = 0;
    for (AsmOperand *op = a->inputs; op; op = op->next) {
        gcc_jit_lvalue *lv = is_lvalue_node(op->expr) ? gen_lval(L, op->expr) : NULL;
        ins[i] = lv ? gcc_jit_lvalue_as_rvalue(lv) : gen_expr(L, op->expr);
        if (!ins[i++]) {
            ensure_reported(L, op->expr);
            return;
        }
    }
    gcc_jit_extended_asm *ea = gcc_jit_block_add_extended_asm(cur(L), L->loc, a->text);
    gcc_jit_extended_asm_set_volatile_flag(ea, a->is_volatile);
    gcc_jit_extended_asm_set_inline_flag(ea, a->is_inline);
    i = 0;
    for (AsmOperand *op = a->outputs; op; op = op->next)
        gcc_jit_extended_asm_add_output_operand(ea, op->name, op->constraint, outs[i++]);
    i = 0;
    for (AsmOperand *op = a->inputs; op; op = op->next)
        gcc_jit_extended_asm_add_input_operand(ea, op->name, op->constraint, ins[i++]);
    for (AsmOperand *op = a->clobbers; op; op = op->next)
        gcc_jit_extended_asm_add_clobber(ea, op->constraint);
}

static void gen_stmt(Lower *L, Node *node) {
    if (!node)
        return;
    compile_poll(L->c, node->tok);
    loc_of(L, node->tok);
    switch (node->kind) {
    case ND_BLOCK:
        for (Node *n = node->body; n; n = n->next)
            gen_stmt(L, n);
        return;
    case ND_EXPR_STMT:
        gen_discard(L, node->lhs);
        return;
    case ND_RETURN: gen_return(L, node); return;
    case ND_IF: gen_if(L, node); return;
    case ND_FOR: gen_for(L, node); return;
    case ND_DO: gen_do(L, node); return;
    case ND_SWITCH: gen_switch(L, node); return;
    case ND_CASE:
    case ND_LABEL: gen_label(L, node); return;
    case ND_GOTO:
        if (node->lhs)
            gen_computed_goto(L, node);
        else if (node_ext_of(node)->target)
            jump_to(L, label_block(L, node_ext_of(node)->target));
        return;
    case ND_BREAK:
    case ND_CONTINUE: {
        Node *loop = node_ext_of(node)->target;
        const NodeExt *lx = loop ? node_ext_of(loop) : &node_no_ext;
        void *target = node->kind == ND_BREAK ? lx->lower_break : lx->lower_continue;
        if (!target) {
            lower_error(L, node->tok, "%s outside of a loop",
                        node->kind == ND_BREAK ? "break" : "continue");
            return;
        }
        jump_to(L, target);
        return;
    }
    case ND_NULL_STMT:
        return;
    case ND_ASM:
        gen_asm(L, node);
        return;
    default:
        if (node->ty) {      // liberal: an expression where a statement goes
            gen_discard(L, node);
            return;
        }
        unsupported(L, node, "this statement");
        return;
    }
}

/* ---------------------------------------------------------------------
 * Functions, globals and their initialisers
 * ------------------------------------------------------------------- */

/* Finds the locals whose address is taken (gcc keeps them in memory, and
 * reads them in argument order: see reads_late). */
static void find_addressed(Lower *L, Node *node) {
    for (; node; node = node->next) {
        if ((node->kind == ND_ADDR || node->kind == ND_DECAY) && node->lhs->kind == ND_VAR)
            hashmap_put_ptr(&L->c->arena, &L->addressed, node->lhs->var, node->lhs->var);
        Node *kids[] = {node->lhs,  node->rhs,  node->cond, node->then,
                        node->els,  node_ext_of(node)->init, node_ext_of(node)->inc,
                        node->body, node->args};
        for (size_t i = 0; i < sizeof(kids) / sizeof(kids[0]); i++)
            if (kids[i])
                find_addressed(L, kids[i]);
    }
}

/* NAME as the assembler's alias of an aliased definition's body: global
 * (or weak) unless static, a function to debuggers and the linker. */
static void emit_alias(Lower *L, Obj *fn) {
    const char *name = obj_link_name(fn);
    StrBuf sb;
    sb_init(&sb, &L->c->arena);
    if (!fn->is_static)
        sb_printf(&sb, "\t%s %s\n", fn->is_weak ? ".weak" : ".globl", name);
    sb_printf(&sb, "\t.type %s, @function\n\t.set %s, __mj_body_%s\n", name, name, name);
    gcc_jit_context_add_top_level_asm(L->ctx, NULL, sb_str(&sb));
}

static void gen_function(Lower *L, Obj *fn) {
    if (is_va_definition(fn)) {
        emit_va_stub(L, fn);
        L->fn = body_of(L, fn, "__mj_va_body_");
    } else if (is_aliased_definition(fn)) {
        emit_alias(L, fn);
        L->fn = body_of(L, fn, "__mj_body_");
    } else {
        L->fn = func_of(L, fn);
    }
    L->ret_ty = fn->ty->return_ty;
    L->goto_dispatch = NULL;
    L->loc_tok = NULL;
    L->loc = loc_of(L, fn->tok);
    L->bb = new_block(L);
    L->addressed = (HashMap){0};
    find_addressed(L, fn->body);
    for (Obj *v = fn->locals; v; v = v->next) {
        if (!lowered(L, v))
            set_lowered(L, v, gcc_jit_function_new_local(
                L->fn, loc_of(L, v->tok), object_type(L, v->ty),
                is_c_identifier(v->name) ? v->name : new_name(L, "l")));
        if (v->align > 0)
            gcc_jit_lvalue_set_alignment(lowered(L, v), (unsigned)v->align);
    }
    gen_stmt(L, fn->body);
    // Falling off the end: main returns 0 (C11 5.1.2.2.3), others anything.
    if (L->bb) {
        if (L->ret_ty->kind == TY_VOID)
            gcc_jit_block_end_with_void_return(L->bb, L->loc);
        else
            gcc_jit_block_end_with_return(L->bb, L->loc, zero_return(L));
    }
    L->fn = NULL;
    L->bb = NULL;
}

/* ---------------------------------------------------------------------
 * Host addresses in file-scope initialisers (docs/host.md)
 *
 * `static struct ops ops = {host_log, &host_level};` needs addresses that
 * exist only when the module is loaded. Such an element is zero in the
 * static initialiser, and an exported function __mj_init, which module.c
 * runs once after it has filled the import slots and before anyone can
 * see the module, stores the address: a relocation done by our own code.
 * ------------------------------------------------------------------- */

/* Where an element lies inside its global: the steps from the element up
 * to the whole object. */
typedef struct InitStep {
    const struct InitStep *up;
    Member *member;   /* a struct or union member, or NULL: */
    int index;        /* an array element */
} InitStep;

typedef struct HostFixup {
    struct HostFixup *next;
    Obj *var;
    InitStep *path;   /* a copy in the arena */
    Node *expr;       /* the address, as the initialiser wrote it */
    Type *ty;         /* the element's type */
} HostFixup;

static bool mentions_host(Lower *L, Node *node) {
    if (!node)
        return false;
    if (node->kind == ND_VAR)
        return is_host_import(L, node->var);
    return mentions_host(L, node->lhs) || mentions_host(L, node->rhs);
}

static InitStep *copy_path(Lower *L, const InitStep *path) {
    if (!path)
        return NULL;
    InitStep *copy = arena_alloc(&L->c->arena, sizeof *copy);
    *copy = *path;
    copy->up = copy_path(L, path->up);
    return copy;
}

static void add_host_fixup(Lower *L, const InitStep *path, Node *expr, Type *ty) {
    HostFixup *f = arena_alloc(&L->c->arena, sizeof *f);
    *f = (HostFixup){L->fixups, L->init_var, copy_path(L, path), expr, ty};
    L->fixups = f;
}

/* The element at path inside the global lv. */
static gcc_jit_lvalue *element_at(Lower *L, gcc_jit_lvalue *lv, const InitStep *path) {
    if (!path)
        return lv;
    lv = element_at(L, lv, path->up);
    if (path->member)
        return gcc_jit_lvalue_access_field(lv, L->loc, field_of(L, path->member));
    gcc_jit_rvalue *index = gcc_jit_context_new_rvalue_from_int(L->ctx, L->t_int, path->index);
    return gcc_jit_context_new_array_access(L->ctx, L->loc, gcc_jit_lvalue_as_rvalue(lv), index);
}

/* __mj_init: stores every host address of the initialisers. */
static void emit_host_fixups(Lower *L) {
    if (!L->fixups)
        return;
    L->fn = gcc_jit_context_new_function(L->ctx, NULL, GCC_JIT_FUNCTION_EXPORTED,
                                         gcc_jit_context_get_type(L->ctx, GCC_JIT_TYPE_VOID),
                                         "__mj_init", 0, NULL, 0);
    L->bb = new_block(L);
    for (HostFixup *f = L->fixups; f; f = f->next) {
        L->loc_tok = NULL;
        L->loc = loc_of(L, f->expr->tok);
        gcc_jit_lvalue *lv = definition_of(L, f->var);
        gcc_jit_rvalue *v = gen_expr(L, f->expr);
        if (!lv || !v) {
            ensure_reported(L, f->expr);
            continue;
        }
        gcc_jit_block_add_assignment(cur(L), L->loc, element_at(L, lv, f->path),
                                     coerce(L, v, lower_type(L, f->ty)));
    }
    gcc_jit_block_end_with_void_return(cur(L), NULL);
    L->fn = NULL;
    L->bb = NULL;
}

static gcc_jit_rvalue *init_value(Lower *L, Initializer *init, Type *ty,
                                  const InitStep *path);

static gcc_jit_rvalue *char_array_value(Lower *L, Type *ty, const char *bytes, int nbytes) {
    gcc_jit_type *t = lower_type(L, ty);
    int n = nbytes < ty->array_len ? nbytes : ty->array_len;
    while (n > 0 && (!bytes || !bytes[n - 1]))
        n--;
    gcc_jit_rvalue **vals = arena_alloc(&L->c->arena, sizeof(*vals) * (n + 1));
    for (int i = 0; i < n; i++)
        vals[i] = int_const(L, ty->base, bytes[i]);
    return gcc_jit_context_new_array_constructor(L->ctx, NULL, t, n, vals);
}

static gcc_jit_rvalue *array_value(Lower *L, Initializer *init, Type *ty,
                                   const InitStep *path) {
    if (init->bytes || (!init->children && init->nbytes))
        return char_array_value(L, ty, init->bytes, init->nbytes);
    int n = ty->array_len < 0 ? 0 : ty->array_len;   /* a flexible array's {}: none */
    while (n > 0 && (!init->children || !init->children[n - 1]))
        n--;
    gcc_jit_rvalue **vals = arena_alloc(&L->c->arena, sizeof(*vals) * (n + 1));
    gcc_jit_type *et = lower_type(L, ty->base);
    for (int i = 0; i < n; i++) {
        InitStep step = {path, NULL, i};
        vals[i] = init_value(L, init->children[i], ty->base, &step);
        if (!vals[i])
            vals[i] = zero_of(L, et, ty->base);
    }
    return gcc_jit_context_new_array_constructor(L->ctx, NULL, lower_type(L, ty), n, vals);
}

/* The bits of a bit-field's constant initialiser, or false (reported)
 * when it is not an integer constant. */
static bool bitfield_const(Lower *L, Initializer *ci, uint64_t *bits) {
    Node *e = ci->expr;   // not NULL: the callers ask only for a value
    if (e->kind == ND_CAST && e->lhs->kind == ND_NUM && is_integer(e->lhs->ty))
        e = e->lhs;
    if (e->kind != ND_NUM || !is_integer(e->ty)) {
        lower_error(L, e->tok, "initializer element is not constant");
        return false;
    }
    *bits = (uint64_t)e->ival;
    return true;
}

/* Puts the low bits of v (the value of bit-field m) into the words that
 * will become the constant chunks of its run, vals[i] for chunk i. */
static void merge_bits(BitUnit *u, Member *m, uint64_t v, uint64_t *vals) {
    int64_t first = (int64_t)m->offset * 8 + m->bit_offset;
    for (int i = 0; i < u->nchunks; i++) {
        int64_t lo, hi;
        if (!chunk_overlap(&u->chunks[i], m, &lo, &hi))
            continue;
        uint64_t part = (v >> (lo - first)) & low_mask((int)(hi - lo));
        vals[i] |= part << (lo - u->chunks[i].offset * 8);
    }
}

/* The constant chunks of a bit-field run, appended to fields/vals. */
static int bit_unit_value(Lower *L, BitUnit *u, const uint64_t *bits,
                          gcc_jit_field **fields, gcc_jit_rvalue **vals, int k) {
    for (int i = 0; i < u->nchunks; i++) {
        fields[k] = u->chunks[i].field;
        vals[k++] = ucst(L, u->chunks[i].type, bits[i]);
    }
    return k;
}

/* A union initialised by its bit-field m. */
static gcc_jit_rvalue *union_bitfield_value(Lower *L, gcc_jit_type *t, Member *m,
                                            Initializer *ci) {
    uint64_t v;
    if (!bitfield_const(L, ci, &v))
        return NULL;
    BitUnit *u = bit_unit_of(L, m);
    uint64_t *bits = arena_alloc(&L->c->arena, sizeof(uint64_t) * u->nchunks);
    merge_bits(u, m, v, bits);
    gcc_jit_field **fields = arena_alloc(&L->c->arena, sizeof(*fields) * u->nchunks);
    gcc_jit_rvalue **vals = arena_alloc(&L->c->arena, sizeof(*vals) * u->nchunks);
    int k = bit_unit_value(L, u, bits, fields, vals, 0);
    if (!u->wrap)
        return gcc_jit_context_new_union_constructor(L->ctx, NULL, t, fields[0], vals[0]);
    gcc_jit_rvalue *w = gcc_jit_context_new_struct_constructor(L->ctx, NULL, u->wrap_type, k,
                                                               fields, vals);
    return gcc_jit_context_new_union_constructor(L->ctx, NULL, t, u->wrap, w);
}

/* A struct's children are taken to be one per member, by Member.index.
 * libgccjit wants the fields in order: a bit-field run's chunks come
 * where its first bit-field is, with the bits of all its members. */
static gcc_jit_rvalue *record_value(Lower *L, Initializer *init, Type *ty,
                                    const InitStep *path) {
    gcc_jit_type *t = lower_type(L, ty);
    if (!init->children)
        return zero_of(L, t, ty);
    int n = 0;
    for (Member *m = ty->members; m; m = m->next)
        n += m->is_bitfield ? 1 + (m->unit_end - m->unit_start) : 1;
    gcc_jit_field **fields = arena_alloc(&L->c->arena, sizeof(*fields) * (n + 1));
    gcc_jit_rvalue **vals = arena_alloc(&L->c->arena, sizeof(*vals) * (n + 1));
    int k = 0, i = 0;
    for (Member *m = ty->members; m; m = m->next, i++) {
        Initializer *ci = init->children[i];
        if (m->is_bitfield && ty->kind == TY_UNION) {
            if (ci && ci->expr)
                return union_bitfield_value(L, t, m, ci);
            continue;
        }
        if (m->is_bitfield) {
            BitUnit *u = bit_unit_of(L, m);
            uint64_t *bits = arena_alloc(&L->c->arena, sizeof(uint64_t) * u->nchunks);
            bool any = false;
            for (;;) {   // the members of a run follow one another
                Initializer *bi = init->children[i];
                uint64_t v;
                if (bi && bi->expr && bitfield_const(L, bi, &v)) {
                    merge_bits(u, m, v, bits);
                    any = true;
                }
                if (!m->next || !m->next->is_bitfield || bit_unit_of(L, m->next) != u)
                    break;
                m = m->next;
                i++;
            }
            if (any)
                k = bit_unit_value(L, u, bits, fields, vals, k);
            continue;
        }
        InitStep step = {path, m, 0};
        gcc_jit_rvalue *v = ci ? init_value(L, ci, m->ty, &step) : NULL;
        if (!v)
            continue;
        if (ty->kind == TY_UNION)
            return gcc_jit_context_new_union_constructor(L->ctx, NULL, t, field_of(L, m), v);
        fields[k] = field_of(L, m);
        vals[k++] = v;
    }
    if (ty->kind == TY_UNION)
        return zero_of(L, t, ty);
    return gcc_jit_context_new_struct_constructor(L->ctx, NULL, t, k, fields, vals);
}

/* The constant value of an initialiser; NULL for all zero. path: where
 * it lies in the global being initialised. */
static gcc_jit_rvalue *init_value(Lower *L, Initializer *init, Type *ty,
                                  const InitStep *path) {
    if (!init)
        return NULL;
    if (init->ty)
        ty = init->ty;
    /* An object of no bytes (an empty struct or union, GNU C, or an array
     * of them or of none) has nothing to set, and libgccjit has no
     * constructor for a record without fields. */
    if ((is_record(ty) || ty->kind == TY_ARRAY) && ty->size == 0)
        return NULL;
    if (ty->kind == TY_ARRAY)
        return array_value(L, init, ty, path);
    if (is_record(ty))
        return record_value(L, init, ty, path);
    if (!init->expr)
        return NULL;
    if (mentions_host(L, init->expr)) {
        add_host_fixup(L, path, init->expr, ty);
        return NULL;
    }
    return coerce(L, gen_expr(L, init->expr), lower_type(L, ty));
}

static void gen_global_init(Lower *L, Obj *var) {
    Initializer *init = var->init;
    if (!init || hashmap_get_ptr(&L->inited, var))
        return;
    hashmap_put_ptr(&L->c->arena, &L->inited, var, var);
    gcc_jit_lvalue *lv = definition_of(L, var);
    if (!lv)
        return;
    L->loc_tok = NULL;
    L->loc = loc_of(L, var->tok);
    Type *ty = global_type(var);
    if (ty->kind == TY_ARRAY && ty->base->size == 1 && is_integer(ty->base) &&
        (init->bytes || !init->children)) {
        if (init->bytes && ty->size > 0) {
            set_string_init(L, lv, ty, init->bytes, init->nbytes);
            note_initialised(L, var);
        }
        return;
    }
    L->init_var = var;
    gcc_jit_rvalue *v = init_value(L, init, ty, NULL);
    if (v) {
        gcc_jit_global_set_initializer_rvalue(lv, v);
        note_initialised(L, var);
    }
}

static void init_common_types(Lower *L) {
    gcc_jit_context *ctx = L->ctx;
    L->t_bool = gcc_jit_context_get_type(ctx, GCC_JIT_TYPE_BOOL);
    L->t_int = gcc_jit_context_get_type(ctx, GCC_JIT_TYPE_INT);
    L->t_long = gcc_jit_context_get_type(ctx, GCC_JIT_TYPE_LONG);
    L->t_void_ptr = gcc_jit_context_get_type(ctx, GCC_JIT_TYPE_VOID_PTR);
    L->t_char_ptr = gcc_jit_type_get_pointer(gcc_jit_context_get_type(ctx, GCC_JIT_TYPE_CHAR));
}

bool lower_program(Compile *c, gcc_jit_context *ctx, Obj *prog) {
    Lower lower = {.c = c, .ctx = ctx, .gen = ++c->lowerings};
    Lower *L = &lower;
    init_common_types(L);

    // Every definition is declared before any code can refer to it.
    for (Obj *obj = prog; obj; obj = obj->next)
        if (obj->is_function && obj->is_definition)
            func_of(L, obj);
    for (Obj *obj = prog; obj; obj = obj->next)
        if (!obj->is_function && (obj->is_definition || obj->is_string_literal))
            global_of(L, obj);

    for (Obj *obj = prog; obj; obj = obj->next)
        if (!obj->is_function)
            gen_global_init(L, obj);
    for (Obj *obj = prog; obj; obj = obj->next)
        if (obj->is_function && obj->is_definition && obj->body)
            gen_function(L, obj);
    // Globals first met in code (static locals, if the parser keeps them
    // out of the program list); an initialiser may add more.
    for (int i = 0; i < L->npending; i++)
        gen_global_init(L, L->pending[i]);
    emit_host_fixups(L);
    place_zero_weak_bodies(L);
    emit_import_table(L);
    if (c->toplevel_asm)
        gcc_jit_context_add_top_level_asm(ctx, NULL, c->toplevel_asm);
    return L->errors == 0;
}
