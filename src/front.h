/*
 * front.h - the C front end: source text -> tokens -> AST with C types.
 *
 * Pipeline, one file per phase:
 *   lex.c      bytes -> Token list (pp-tokens; keywords and numbers are
 *              converted after preprocessing by lex_finish)
 *   headers.c  memjit's standard headers, held in memory
 *   pp.c       Token list -> preprocessed Token list (#include, #define...)
 *   type.c     the Type constructors, C's conversion rules, printing types
 *   parse.c    Token list -> Obj list (functions and globals) whose bodies
 *              are Node trees, checked and annotated with types; with
 *              decl.c, init.c, expr.c, const.c, builtin.c and stmt.c, the
 *              parser's other files, which share parse.h
 *
 * Contract between the front end and lower.c (the AST after parse_program):
 *   - Every expression Node has `ty` set.
 *   - Every conversion C makes implicitly (integer promotions, the usual
 *     arithmetic conversions, assignment, argument passing, return, default
 *     argument promotions for variadic arguments) appears as an ND_CAST node.
 *     Operands of a binary arithmetic node have the node's type already
 *     (except shifts: the right operand has its own promoted type, and
 *     comparisons: the operands share the common type, the node is int).
 *   - Arrays in value context are wrapped in ND_DECAY; function designators
 *     in value context are wrapped in ND_ADDR (type: pointer to function),
 *     except as the callee of ND_FUNCALL, where a direct call keeps ND_VAR.
 *   - An lvalue used as a value is just the lvalue node (ND_VAR, ND_DEREF):
 *     lowering reads it.
 *   - Controlling expressions (if, loops, ?:, !, &&, ||) are any scalar
 *     expression, not yet compared with zero: lowering tests "!= 0".
 *   - Compound assignment, ++ and -- are rewritten into ND_ASSIGN, ND_COMMA
 *     and temporaries by the parser (chibicc's way), so lowering only sees
 *     ND_ASSIGN. Temporaries are ordinary locals of the function.
 *   - Local initialisers are rewritten into assignments (an array into
 *     ND_MEMZERO then element assignments); file-scope initialisers are kept
 *     as an Initializer tree of constant expressions.
 *   - Every Node, Type and Obj keeps the token it came from, for
 *     diagnostics and for libgccjit locations.
 */
#ifndef MEMJIT_FRONT_H
#define MEMJIT_FRONT_H

#include <stdatomic.h>

#include "util.h"

/* Macro uses nested in macro arguments, unless mj_options says otherwise. */
#define DEFAULT_MACRO_DEPTH 400

typedef struct Compile Compile;
typedef struct Token Token;
typedef struct Type Type;
typedef struct Node Node;
typedef struct Obj Obj;
typedef struct Initializer Initializer;

/* ---------------------------------------------------------------------
 * The compile: all state of one compile, passed down every phase.
 * ------------------------------------------------------------------- */

/* How #include finds a file that is not one of memjit's own headers.
 * Returns true and sets *text and *len (owned by the resolver, valid for the
 * compile) or false when not found. Used by the CLI for "name" includes. */
typedef bool IncludeResolver(void *ctx, const char *name, bool is_angled,
                             const char *includer, const char **text,
                             size_t *len, const char **resolved_name);

/* How #include finds a system header (mj_options.system_headers): name in
 * the folder of includer (a system header's path, for "name" only; NULL
 * otherwise), then in the system folders from index `from` on. Returns
 * true and sets *path (valid for the compile) and *dir (the folder's
 * index: #include_next goes on after it). Reads nothing: a header that an
 * include guard skips costs no read. */
typedef bool SystemResolver(void *ctx, const char *name, const char *includer,
                            int includer_dir, int from, const char **path, int *dir);
/* The text of a header SystemResolver found, read once per compile: sets
 * *text and *len (valid for the compile) or returns false with errno. */
typedef bool SystemReader(void *ctx, const char *path, const char **text, size_t *len);

struct Compile {
    Arena arena;               /* everything below lives here */
    /* The syntax tree's nodes (new_node, node_ext), within arena's limit:
     * a big program's are freed once lowered, before gcc's phase
     * (api.c), since nothing after the lowering reads them. */
    Arena nodes;
    jmp_buf bail;              /* out-of-memory and fatal errors land here */
    DiagList *diags;           /* collected diagnostics (not in the arena) */
    int error_count;
    int max_errors;            /* stop after this many (default 20) */
    bool hiding_notes;         /* the last warning was in a system header */

    SrcFile **files;           /* every source buffer seen, main first */
    int nfiles, files_cap;

    IncludeResolver *resolve_include;  /* may be NULL */
    SystemResolver *resolve_system;    /* NULL: memjit's own headers */
    SystemReader *read_system;         /* set with resolve_system */
    void *resolve_ctx;                 /* for both */

    int depth;                 /* recursion depth guard for the parser */
    size_t max_tokens;         /* mj_options.max_tokens (0: none) */
    size_t ntokens;            /* tokens the preprocessor has produced */
    size_t max_macro_tokens;   /* mj_options.max_macro_tokens (0: none) */
    int max_macro_depth;       /* mj_options.max_macro_depth, 1..100000
                                  (compile_new: DEFAULT_MACRO_DEPTH) */
    /* Deadline and cancellation (api.c sets them; compile_poll checks):
     * the monotonic time in ms the compile must end by (0: none) and the
     * mj_options.max_compile_ms it came from; a counter that
     * mj_runtime_cancel raises, and its value when the compile began. */
    double deadline;
    unsigned long max_ms;
    const atomic_uint *cancel_count;
    unsigned cancel_seen;
    unsigned polls;
    const Token *progress;     /* about where the compile is (the last token
                                  the preprocessor produced, the parser's
                                  statement or initialiser): where a
                                  memory-limit error points */
    Obj *globals;              /* result of parse_program */
    const char *toplevel_asm;  /* the file-scope asm statements' text, each
                                  followed by a newline, or NULL */
    bool has_asm;              /* some asm text of the program's own: the
                                  assembler may refuse it (jit.c) */
    bool asm_refused;          /* it did: an error in the source, reported */
    bool permissive;           /* mj_options.permissive: old C is accepted
                                  with a warning instead of refused */
    bool debug_info;           /* the caller's mj_options.debug_info: lower.c
                                  then gives libgccjit every source line */
    int lowerings;             /* lower_program runs so far (Obj.lower_gen) */
    const char *gcc_message;   /* jit.c: why gcc failed the last compile, not
                                  yet reported (a warning, maybe), or NULL */
    unsigned char *pending_object;   /* jit.c: the object made, malloc'ed,
                                  while its warnings are reported (an
                                  escape leaves it to compile_free) */

    /* The host's functions and variables (mj_define_function/_variable):
     * returns the canonical type of name (type_to_string's spelling, "()"
     * written "(void)") and whether it is a function, or NULL when the
     * host does not define name. NULL when the host defines nothing.
     * expr.c checks declarations of these names against it; lower.c
     * reaches them through the module's import table (docs/host.md). */
    const char *(*host_symbol)(void *ctx, const char *name, bool *is_function);
    void *host_ctx;
    bool host_predeclared;     /* mj_expr: an undeclared identifier the host
                                  defines is declared with the host's type */
    HashMap unresolved;        /* lower.c: each name declared, used and not
                                  defined that the process lacks at compile
                                  time -> its declaration (a Token): gcc may
                                  optimise the use away, so only the linker
                                  knows if it is an error, reported there */
};

/* Reports an error at a token (or at file/line/col) and keeps going.
 * After max_errors errors, escapes to c->bail (ESCAPE_FATAL). */
void error_tok(Compile *c, const Token *tok, const char *fmt, ...) MJ_PRINTF(3, 4);
void error_at(Compile *c, const SrcFile *f, int line, int col,
              const char *fmt, ...) MJ_PRINTF(5, 6);
void warn_at(Compile *c, const SrcFile *f, int line, int col,
             const char *fmt, ...) MJ_PRINTF(5, 6);
void warn_tok(Compile *c, const Token *tok, const char *fmt, ...) MJ_PRINTF(3, 4);
void note_tok(Compile *c, const Token *tok, const char *fmt, ...) MJ_PRINTF(3, 4);
/* Reports an error and escapes to c->bail: for errors that leave nothing
 * sensible to continue with (nesting too deep, too many errors). */
_Noreturn void fatal_tok(Compile *c, const Token *tok, const char *fmt, ...) MJ_PRINTF(3, 4);
/* Between and inside the phases: ends the compile (an error at tok or
 * at c->progress, then an escape) when its deadline has passed
 * (ESCAPE_LIMIT) or it was cancelled (ESCAPE_CANCELLED). compile_poll
 * looks at the clock once in 256 calls, for loops over tokens and
 * elements; compile_check every time. */
void compile_poll(Compile *c, const Token *tok);
void compile_check(Compile *c, const Token *tok);
double monotonic_ms(void);

/* Reports an error and escapes to c->bail with ESCAPE_LIMIT: the compile
 * went over a limit of mj_options. The arena's limit is lifted first, so
 * that reporting (and what follows) cannot go over it again. */
_Noreturn void limit_tok(Compile *c, const Token *tok, const char *fmt, ...) MJ_PRINTF(3, 4);

/* A Compile with its arena and an empty diagnostics list, or NULL on
 * OOM. Every phase runs under run_protected(&c->bail, ...). */
Compile *compile_new(void);
/* Frees the arena and, unless it was taken (set to NULL), the diagnostics. */
void compile_free(Compile *c);

/* Registers a source buffer; the contents are copied into the arena. */
SrcFile *compile_add_file(Compile *c, const char *name, const char *text,
                          size_t len, bool is_builtin);

/* ---------------------------------------------------------------------
 * lex.c
 * ------------------------------------------------------------------- */

typedef enum {
    TK_IDENT,    /* identifier */
    TK_PUNCT,    /* punctuator, e.g. "+=" */
    TK_KEYWORD,  /* keyword, e.g. "while" (set by lex_finish) */
    TK_STR,      /* string literal */
    TK_NUM,      /* numeric or character constant (after lex_finish) */
    TK_PP_NUM,   /* preprocessing number (before lex_finish) */
    TK_EOF,      /* end of the token list */
} TokenKind;

/* Tokens are the bulk of a compile's memory (a 10 MB source makes
 * millions), so the struct is kept at 80 bytes (it was 128): pointers
 * first, then the small fields, then the literal payload, of which a token
 * uses one member at most (the parser reads them by these names). */
struct Token {
    Token *next;
    const char *loc;     /* spelling, points into file->contents */
    const SrcFile *file;
    Token *origin;       /* for a token from a macro expansion: the macro use */
    void *hideset;       /* pp.c private */
    Type *ty;            /* type of a TK_NUM or TK_STR */
    int len;             /* length of the spelling */
    int line, col;       /* 1-based */
    TokenKind kind : 8;  /* a bit-field only to fit beside the flags */
    bool at_bol;         /* first token on its line */
    bool has_space;      /* preceded by white space */
    uint8_t pack;        /* the #pragma pack(N) in force here: N, or 0 (pp.c) */

    union {
        /* TK_NUM */
        int64_t ival;        /* integer value (bit pattern for unsigned);
                                pp.c's marks in macro bodies (TK_PUNCT) */
        long double fval;    /* floating value (when ty is floating) */
        /* TK_STR: decoded bytes including the terminating NUL; ty is char[N].
         * A wide string (L, u, U prefix): ty is int[N], unsigned short[N]
         * or unsigned int[N] and str holds the N elements in memory order
         * (str_len bytes). */
        struct {
            char *str;
            int str_len;     /* bytes in str including the NUL */
        };
    };
};

/* Splits a file into tokens (the list ends with TK_EOF). Lexical errors
 * (unterminated string or comment, stray character, bad escape) are
 * reported and the lexer continues after them. */
Token *lex_file(Compile *c, const SrcFile *f);
/* After preprocessing: marks keywords, converts TK_PP_NUM to TK_NUM with
 * value and type, concatenates adjacent string literals. */
void lex_finish(Compile *c, Token *tok);
bool tok_equal(const Token *tok, const char *s);
Token *tok_copy(Compile *c, const Token *tok);
char *tok_str(Compile *c, const Token *tok);      /* spelling, NUL-terminated */
/* The spelling as written in the source: differs from loc/len only for a
 * digraph, whose token is spelt as the punctuator it stands for. */
const char *tok_written(const Token *tok, int *len);

/* ---------------------------------------------------------------------
 * headers.c: the standard headers memjit serves from memory
 * ------------------------------------------------------------------- */

/* Finds one of memjit's own headers by name ("stdio.h"); NULL if none. */
const char *builtin_header(const char *name, size_t *len);

/* ---------------------------------------------------------------------
 * libfuncs.c: the library functions gcc knows as builtins
 * ------------------------------------------------------------------- */

typedef struct LibFuncInfo {
    const char *header;   /* the header that declares it: "stdlib.h" */
    char type[96];        /* its prototype as a type name: "void(int)" */
} LibFuncInfo;

/* Whether gcc knows `name` (memcpy, abort, sqrtf, ...) as a library
 * builtin; if so, fills *out. */
bool library_function(const char *name, LibFuncInfo *out);

/* ---------------------------------------------------------------------
 * pp.c
 * ------------------------------------------------------------------- */

/* Runs the preprocessor over the main file's tokens; returns the result
 * with lex_finish applied. Predefines __memjit__, __x86_64__, __STDC__... */
Token *pp_run(Compile *c, Token *tok);

/* The preprocessed tokens as text, as gcc -E writes them: a line marker
 * `# LINE "FILE"` where the file changes or lines are skipped (blank lines
 * for a gap of up to 8), a macro's expansion on the line of its use,
 * spacing as written (a space where two tokens would otherwise join). In
 * the arena; *len gets its length. */
char *pp_text(Compile *c, Token *tok, size_t *len);

/* ---------------------------------------------------------------------
 * type.c
 * ------------------------------------------------------------------- */

typedef enum {
    TY_VOID,     /* void */
    TY_BOOL,     /* _Bool */
    TY_CHAR,     /* char, signed char, unsigned char (see is_unsigned, is_plain_char) */
    TY_SHORT,    /* short, unsigned short */
    TY_INT,      /* int, unsigned int */
    TY_LONG,     /* long, unsigned long */
    TY_LLONG,    /* long long, unsigned long long */
    TY_INT128,   /* __int128, unsigned __int128 (GNU C) */
    TY_FLOAT,    /* float */
    TY_DOUBLE,   /* double */
    TY_LDOUBLE,  /* long double (x87 80-bit, 16 bytes) */
    TY_COMPLEX,  /* _Complex float, double, long double: base is the real type */
    TY_VECTOR,   /* GNU vector_size: array_len lanes of the scalar type base */
    TY_PTR,      /* pointer to base */
    TY_ARRAY,    /* array of array_len elements of base; array_len < 0: incomplete */
    TY_FUNC,     /* function returning return_ty, parameters in params */
    TY_STRUCT,   /* struct: members; size < 0 while incomplete */
    TY_UNION,    /* union: members; size < 0 while incomplete */
} TypeKind;

/* A struct or union member, laid out as the x86-64 System V ABI says. */
typedef struct Member {
    struct Member *next;
    Type *ty;
    Token *name;          /* NULL for an anonymous struct/union member */
    int offset;           /* bytes from the start of the object */
    int index;            /* position among the members */
    int align;            /* _Alignas or aligned(N) on the member, or 0 */
    int layout_align;     /* the alignment the layout gave it (packing applied) */
    bool is_packed;       /* packed: on the member, its struct, or #pragma pack(1) */
    /* A bit-field (is_bitfield): bit_width bits from bit bit_offset (0-7)
     * of the byte at offset. Unnamed bit-fields only shape the layout
     * and are not members. The bytes [unit_start, unit_end) of the object
     * hold the bit-field's memory location (C11 3.14: the run of adjacent
     * bit-fields it belongs to, up to a zero-width one or another
     * member), which an access may read and write whole. */
    bool is_bitfield;
    int bit_width;
    int bit_offset;
    int unit_start, unit_end;
    Type *value_ty;       /* expr.c: the N-bit type of a wide bit-field's value */
} Member;

struct Type {
    TypeKind kind;
    int size;             /* sizeof; -1 when incomplete */
    int align;            /* _Alignof */
    bool is_unsigned;
    bool is_plain_char;   /* TY_CHAR spelt "char" (distinct from signed char) */
    bool is_enum;         /* an enumerated type: its integer kind, and a
                             type of its own (C11 6.7.2.2p4) */
    bool is_const;
    bool is_volatile;
    /* TY_LONG, TY_LLONG: the value of a bit-field wider than int and
     * narrower than its type has gcc's N-bit type, bit_prec (33-63) bits
     * wide: arithmetic on it wraps at N bits. 0 for every other type. */
    int bit_prec;

    Type *origin;         /* the unqualified type this one qualifies, or NULL */
    Token *tok;           /* where the type was written, when known */

    /* TY_PTR, TY_ARRAY */
    Type *base;
    int array_len;

    /* TY_FUNC */
    Type *return_ty;
    Type *params;         /* parameter types, linked by next */
    bool is_variadic;
    bool is_prototyped;   /* false for "int f()" (old style: unknown params) */
    /* A K&R declarator "f(a, b)": its identifier list, one Type a name
     * (kr_declared set by the declarations before the body), while the
     * type itself is "int f()" until parse.c's kr_definition makes the
     * definition's type from it. NULL otherwise. */
    Type *kr_params;

    /* TY_STRUCT, TY_UNION */
    Member *members;
    Token *tag;           /* struct tag, or NULL */
    void *lower;          /* lower.c's gcc_jit_struct, made once per compile */

    /* Declarator results (the parser's working fields) */
    Type *next;           /* next parameter */
    Token *name;          /* declared name, or NULL */
    Obj *param_var;       /* a parameter: its object, made while the list is
                             parsed so that later array sizes can name it */
    Type *param_vla;      /* a parameter declared as a VLA, "int a[n++]": that
                             array type, whose sizes are evaluated on entry
                             (C11 6.9.1p10) though the parameter is a pointer */
    Type *kr_declared;    /* a K&R parameter whose type the default argument
                             promotions change ("char c" arrives as int):
                             the type the body sees; this Type is the one
                             passed */

    /* TY_ARRAY whose size is not a constant (a C99 variable-length array,
     * or an array of them): array_len and size are -1. vla_len is the
     * number of elements (an unsigned long expression, NULL for [*]);
     * vla_size the local that holds sizeof once the declaration has been
     * reached. The parser rewrites every use into pointer arithmetic on
     * that size, so lowering never sees one as an object or element. */
    bool is_vla;
    Node *vla_len;
    Obj *vla_size;
};

/* The basic types. Immutable and shared by every compile in the process,
 * so they are const-qualified; derived types are made in the arena. */
extern const Type ty_void[1], ty_bool[1];
extern const Type ty_char[1], ty_schar[1], ty_uchar[1];
extern const Type ty_short[1], ty_ushort[1], ty_int[1], ty_uint[1];
extern const Type ty_long[1], ty_ulong[1], ty_llong[1], ty_ullong[1];
extern const Type ty_int128[1], ty_uint128[1];
extern const Type ty_cfloat[1], ty_cdouble[1], ty_cldouble[1];
extern const Type ty_float[1], ty_double[1], ty_ldouble[1];
#define TY(t) ((Type *)(t))   /* a basic type as a (never written) Type * */

bool is_integer(const Type *ty);    /* _Bool, char, short, int, long, long long */
bool is_flonum(const Type *ty);     /* float, double, long double */
bool is_arith(const Type *ty);       /* integer, floating or complex */
bool is_complex(const Type *ty);    /* _Complex float, double, long double */
Type *complex_of(const Type *ty);   /* the complex type of a floating type */
Type *real_type_of(Type *ty);       /* a complex type's parts, else ty */
bool is_vector(const Type *ty);
bool holds_vector(const Type *ty);  /* a vector, or an aggregate with one */
Type *vector_of(Compile *c, Type *base, int size);   /* size bytes of base lanes */
Type *vector_mask_type(Compile *c, Type *vec);      /* what a comparison gives */
bool is_scalar(const Type *ty);     /* arithmetic or pointer */
bool is_void(const Type *ty);
Type *unqual(Type *ty);             /* drops const/volatile */
Type *pointer_to(Compile *c, Type *base);
Type *array_of(Compile *c, Type *base, int len);
Type *func_type(Compile *c, Type *return_ty);
Type *qualified(Compile *c, Type *ty, bool is_const, bool is_volatile);
/* A shallow copy in the arena. The parser links parameter types through
 * Type.next, so a parameter list is always made of copies, never of the
 * shared basic types. */
Type *copy_type(Compile *c, const Type *ty);
Type *int_promote(Type *ty);        /* integer promotions */
Type *common_type(Type *a, Type *b);  /* usual arithmetic conversions */
bool type_compatible(const Type *a, const Type *b);  /* C11 6.2.7 */
int type_rank(const Type *ty);      /* integer conversion rank */
int type_prec(const Type *ty);      /* value bits of an integer type (bit_prec if set) */

/* Canonical C spelling of a type as used by typed lookup, e.g.
 * "double(double, double)", "char *(const char *, int)", "int[10]",
 * "unsigned long", "int (*)(int)". Parameter names and top-level
 * parameter qualifiers are omitted; "()" is written "(void)" only when
 * prototyped with no parameters. */
char *type_to_string(Compile *c, const Type *ty);

/* ---------------------------------------------------------------------
 * abi.c: how the System V x86-64 ABI passes an argument. Here, with the
 * types, because the front end (va_arg) and the back end (the variadic
 * entry stub) both need it and must agree.
 * ------------------------------------------------------------------- */

typedef enum {
    ABI_NONE,   /* an eightbyte nothing lies in (cls[0]: an empty struct, no room at all) */
    ABI_GP,     /* INTEGER: in general registers */
    ABI_SSE,    /* SSE: in SSE registers */
    ABI_MEM,    /* MEMORY: on the stack (then both eightbytes say so) */
} AbiClass;

typedef struct {
    AbiClass cls[2];   /* the class of each eightbyte */
    int gp, sse;       /* registers of each file it takes, when not in memory */
} AbiArg;

/* The class of an argument of type ty (an array or a function: the
 * pointer it decays to). */
AbiArg abi_classify(Type *ty);

/* ---------------------------------------------------------------------
 * parse.c and the parser's other files (parse.h lists them): the AST
 * ------------------------------------------------------------------- */

typedef enum {
    /* expressions */
    ND_NUM,        /* integer or floating constant: ival / fval, ty */
    ND_STR,        /* string literal: var is an anonymous global char array */
    ND_VAR,        /* a variable or function: var */
    ND_ADD,        /* lhs + rhs (arithmetic) */
    ND_SUB,        /* lhs - rhs (arithmetic) */
    ND_MUL,        /* lhs * rhs */
    ND_DIV,        /* lhs / rhs */
    ND_MOD,        /* lhs % rhs */
    ND_BITAND,     /* lhs & rhs */
    ND_BITOR,      /* lhs | rhs */
    ND_BITXOR,     /* lhs ^ rhs */
    ND_SHL,        /* lhs << rhs */
    ND_SHR,        /* lhs >> rhs (arithmetic for signed lhs) */
    ND_EQ,         /* lhs == rhs, type int */
    ND_NE,         /* lhs != rhs, type int */
    ND_LT,         /* lhs < rhs, type int */
    ND_LE,         /* lhs <= rhs, type int */
    ND_GT,         /* lhs > rhs, type int */
    ND_GE,         /* lhs >= rhs, type int */
    ND_LOGAND,     /* lhs && rhs (scalars), type int, short-circuit */
    ND_LOGOR,      /* lhs || rhs (scalars), type int, short-circuit */
    ND_NOT,        /* !lhs (scalar), type int */
    ND_BITNOT,     /* ~lhs */
    ND_NEG,        /* -lhs */
    ND_REAL,       /* __real__ lhs (an lvalue when lhs is a complex lvalue) */
    ND_IMAG,       /* __imag__ lhs */
    ND_COMPLEX,    /* __builtin_complex(lhs, rhs): lhs + rhs i */
    ND_VECTOR,     /* a vector of its lanes, args (of the lane type, all of them) */
    ND_SPLAT,      /* a vector with lhs, a scalar of the lane type, in every lane */
    ND_PTR_ADD,    /* lhs (pointer) + rhs (integer, type long), in elements */
    ND_PTR_SUB,    /* lhs (pointer) - rhs (integer, type long), in elements */
    ND_PTR_DIFF,   /* lhs - rhs, both pointers to one type: long, in elements */
    ND_ASSIGN,     /* lhs = rhs; rhs already has lhs's unqualified type; value is the new lhs */
    ND_COND,       /* cond ? then : els; then/els converted to ty (void allowed) */
    ND_COMMA,      /* lhs, rhs: value is rhs */
    ND_CAST,       /* (ty) lhs: every conversion, explicit or implicit */
    ND_ADDR,       /* &lhs: lhs is an lvalue or a function ND_VAR */
    ND_DEREF,      /* *lhs: lhs is a pointer; an lvalue unless of function type */
    ND_DECAY,      /* lhs (an array lvalue) as a pointer to its first element */
    ND_FUNCALL,    /* lhs(args): lhs is a function ND_VAR (direct call) or a
                      pointer to function; args converted to their parameter
                      types, or default-promoted for "..." and unprototyped */
    ND_MEMZERO,    /* sets var (a local) to all zero bytes; type void */
    ND_MEMBER,     /* lhs.member (lhs a struct/union lvalue; p->m is (*p).m) */
    ND_STMT_EXPR,  /* GNU ({ ... }): the statements in body, then the value
                      lhs (NULL when ty is void) */
    /* statements */
    ND_BLOCK,      /* { body... } */
    ND_EXPR_STMT,  /* lhs; */
    ND_RETURN,     /* return lhs; (lhs NULL for void; converted to return type) */
    ND_IF,         /* if (cond) then else els */
    ND_FOR,        /* for (init; cond; inc) then: also while; cond NULL = forever */
    ND_DO,         /* do then while (cond); */
    ND_BREAK,      /* break; target loop in `target` */
    ND_CONTINUE,   /* continue; target loop in `target` */
    ND_NULL_STMT,  /* ; (and declarations without initialisers) */
    ND_SWITCH,     /* switch (cond) then: cond integer-promoted; its ND_CASE
                      nodes linked by case_next, default_case or NULL; the
                      target of the break statements inside */
    ND_CASE,       /* case ival: lhs (lhs may be NULL); also `default:`
                      (is_default); ival already converted to the switch's
                      promoted type */
    ND_GOTO,       /* goto label; target is the ND_LABEL. GNU's goto *lhs
                      (lhs non-NULL): target is the first of the function's
                      labels (by case_next); those with a label_index are
                      where it may go (lhs's value is the index) */
    ND_LABEL,      /* label: lhs (lhs may be NULL); label is its name */
    ND_ASM,        /* an asm statement in a function: asm_stmt */
} NodeKind;

/* An operand of an extended asm statement: ("[" name "]")? "constraint" (expr) */
typedef struct AsmOperand {
    struct AsmOperand *next;
    const char *name;        /* the symbolic name, or NULL */
    const char *constraint;  /* also a clobber's register name (expr NULL) */
    Node *expr;              /* an output: an lvalue; an input: an lvalue
                                when the constraint allows memory, else an
                                rvalue */
} AsmOperand;

/* An asm statement inside a function. The text is the template as gcc's
 * extended asm reads it (a basic asm's '%' already doubled). */
typedef struct AsmStmt {
    const char *text;
    bool is_volatile, is_inline;
    AsmOperand *outputs, *inputs, *clobbers;
} AsmStmt;

/* What only loops, switches, labels, jumps and asm statements hold: kept
 * out of Node, of which a program's expressions are made by the million
 * (issue 14: 240 bytes each before). Read through node_ext_of (zeros for
 * a node without one), written through node_ext (made on first use). */
typedef struct NodeExt {
    Node *init;         /* ND_FOR: an expression statement or a block of declarations */
    Node *inc;          /* ND_FOR: an expression */
    /* ND_BREAK, ND_CONTINUE: the loop (or, for break, switch) they leave
       or continue; ND_GOTO: the ND_LABEL it jumps to */
    Node *target;
    void *lower_break, *lower_continue;  /* lower.c's blocks for this loop */
    /* ND_SWITCH, ND_CASE, ND_GOTO, ND_LABEL */
    Node *case_next;    /* ND_CASE: next case of the same switch (the parser
                           also chains a function's labels and gotos here) */
    Node *default_case; /* ND_SWITCH: its `default:` ND_CASE, or NULL */
    bool is_default;    /* ND_CASE: this is `default:` */
    int64_t case_end;   /* ND_CASE: the last value (GNU `case 1 ... 5:`);
                           ival, the first, for a single value */
    char *label;        /* ND_GOTO, ND_LABEL: the label's name */
    int label_index;    /* ND_LABEL: its value as &&label (1, 2, ...), 0 when
                           its address is never taken */
    /* ND_ASM */
    AsmStmt *asm_stmt;
} NodeExt;

struct Node {
    NodeKind kind;
    int height;         /* height of an expression tree (expr.c bounds it so
                           that no later phase recurses too deep) */
    Node *next;         /* next statement in a block; next argument of a call */
    Type *ty;           /* expression type (NULL for statements) */
    Token *tok;         /* where the node came from */

    /* unary and binary operators, ND_ASSIGN, ND_CAST, ND_EXPR_STMT, ND_RETURN */
    Node *lhs;
    Node *rhs;

    /* ND_IF, ND_FOR, ND_DO, ND_COND */
    Node *cond;
    Node *then;
    Node *els;

    /* ND_BLOCK, ND_STMT_EXPR */
    Node *body;

    NodeExt *ext;       /* the statements' own fields above, or NULL */

    /* ND_FUNCALL */
    Node *args;         /* linked by next */
    Type *func_ty;      /* the callee's function type */

    /* ND_VAR, ND_STR, ND_MEMZERO */
    Obj *var;

    /* ND_MEMBER */
    Member *member;

    /* ND_NUM */
    int64_t ival;
    long double fval;
};

extern const NodeExt node_no_ext;

/* A node's statement fields to read: zeros when it has none. */
static inline const NodeExt *node_ext_of(const Node *n) {
    return n->ext ? n->ext : &node_no_ext;
}

/* A node's statement fields to write, made (zeroed, in c's arena) on the
 * first call. */
NodeExt *node_ext(Compile *c, Node *n);

/* A constant initialiser of a file-scope object. */
struct Initializer {
    Type *ty;
    Node *expr;            /* scalar: a constant expression converted to ty,
                              or NULL for zero */
    Initializer **children; /* TY_ARRAY: array_len entries (NULL = zero) */
    /* A char array initialised by a string literal: the bytes, padded or
       cut to the array's size (bytes may be NULL for all zero). */
    const char *bytes;
    int nbytes;
};

/* A variable of the enclosing function that a nested function uses: it
 * gets the variable's address in the hidden parameter `param`. */
typedef struct Capture {
    struct Capture *next;
    Obj *var;             /* the enclosing function's */
    Obj *param;           /* the nested function's pointer to it */
} Capture;

/* A call of a nested function (or another use of its name), finished
 * when the enclosing function is: its captures are known then. */
typedef struct NestedUse {
    struct NestedUse *next;
    Node *call;           /* an ND_FUNCALL, or NULL for a use that is not a call */
    Token *tok;
    Obj *in_fn;           /* the function the use is in */
} NestedUse;

struct Obj {
    Obj *next;
    char *name;
    Type *ty;
    Token *tok;           /* the declaration (the definition, if any) */
    bool is_local;
    Obj *owner_fn;        /* a local: the function it belongs to */
    Obj *nest_parent;     /* a GNU nested function: the function it is in */
    Obj *nested;          /* a function's nested functions, by next_nested */
    Obj *next_nested;
    Capture *captures;    /* a nested function's, in parameter order */
    Type *lifted_ty;      /* its type with them, once the enclosing one is parsed */
    NestedUse *nested_uses;
    bool is_function;
    bool is_static;       /* internal linkage */
    bool is_definition;   /* defined here (function with body / global with storage) */
    bool is_extern;       /* declared extern / only declared: imported from the host */
    bool is_string_literal;  /* an anonymous global made for an ND_STR */
    bool is_used;         /* referenced by code that is kept */
    bool is_builtin;      /* a GCC builtin such as __builtin_inff: lowered
                             through gcc_jit_context_get_builtin_function */
    bool is_tls;          /* _Thread_local: one object per thread */
    bool is_host_import;  /* lower.c: reached through __mj_imp_<name> */
    int align;            /* _Alignas: the alignment asked for, or 0 */
    char *asm_name;       /* __asm__("sym"): the symbol it links as, or NULL */
    bool is_weak;         /* __attribute__((weak)) */
    bool is_hidden;       /* visibility("hidden"), "internal", "protected" */
    bool is_noinline;     /* noinline, noipa: never inlined (lower.c's alias) */
    int ctor_priority;    /* constructor: its priority + 1 (CTOR_NO_PRIORITY + 1
                             without one); 0: not a constructor */
    int dtor_priority;    /* the same for destructor */

    /* global variable */
    Initializer *init;    /* NULL: zero-initialised */

    /* function */
    Obj *params;          /* parameter locals, in order */
    Obj *locals;          /* every local (params included), linked by next */
    Node *body;           /* ND_BLOCK */

    void *lower;          /* lower.c's gcc_jit_function or gcc_jit_lvalue */
    int lower_gen;        /* the lowering (Compile.lowerings) lower belongs to */
};

/* The symbol obj links as: its asm label's, else its name. */
static inline const char *obj_link_name(const Obj *obj) {
    return obj->asm_name ? obj->asm_name : obj->name;
}

/* Parses a preprocessed token list into the program: the list of
 * functions and global variables (c->globals, also returned). Errors are
 * collected in c->diags; on errors the result must not be lowered. */
Obj *parse_program(Compile *c, Token *tok);

/* Parses `text` as a C type name (for typed lookup), e.g.
 * "double(double x, double)". Returns NULL and reports to c->diags when it
 * is not exactly one type name. */
Type *parse_type_name_string(Compile *c, const char *text);

/* Evaluates an integer constant expression (already type-checked). */
int64_t const_eval(Compile *c, Node *node);

#endif /* MEMJIT_FRONT_H */
