/*
 * parse.h - the parser's private header: what its files share, the
 * Parser's state and the functions one of them calls in another, under a
 * banner per file. Only the parser's files include it; the front end's
 * interface (parse_program, parse_type_name_string, const_eval) is
 * front.h. Which file holds which part of the grammar, and how the parser
 * works: the comment at the top of parse.c.
 */
#ifndef MEMJIT_PARSE_H
#define MEMJIT_PARSE_H

#include "front.h"

/* ---------------------------------------------------------------------
 * parse.c: the Parser's state, scopes, errors, objects; the top level
 * ------------------------------------------------------------------- */

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
    Token *storage_tok;     /* the first storage class, for messages */
    bool is_register;       /* register (the only one a parameter may have) */
} VarAttr;

typedef struct Parser {
    Compile *c;
    Scope *scope;           /* innermost scope */
    Scope *file_scope;
    Scope *fn_scope;        /* the current function's parameter scope */
    bool in_choose_cond;    /* __builtin_choose_expr's condition: builtin.c */
    Obj *fn;                /* the function being parsed, or NULL */
    Obj *locals_tail;
    Obj *globals_tail;
    Node *loop;             /* innermost loop, for continue */
    Node *brk;              /* innermost loop or switch, for break */
    Node *sw;               /* innermost switch, for case and default */
    Node *labels;           /* the function's ND_LABELs, by case_next */
    Node *gotos;            /* the function's ND_GOTOs, by case_next */
    struct LabelValue *label_values; /* the function's &&label, newest first */
    struct LocalLabel *local_labels;  /* __label__ names in force, innermost first */
    int nlabel_values;
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
    /* Integer constants of file-scope initialisers, shared by the elements
     * of one value and type (init.c's constant_element): a generated
     * table of 2,000,000 bytes has 256 values. */
    Node *const_elements[256];
} Parser;

/* A temporary of the current function. Temporaries hold values only
 * within one full expression, so each is reused by later statements
 * (release_temps): a function of 100 000 `a++;` gets one, not 100 000. */
typedef struct TempSlot {
    struct TempSlot *next;
    Obj *var;
    bool busy;
} TempSlot;

/* A label or goto and the VLA declarations in scope where it is. */
typedef struct JumpFrom {
    struct JumpFrom *next;
    Node *node;
    VlaDecl *vla;
} JumpFrom;

bool equal(const Token *tok, const char *s);
bool name_is(const char *name, int len, const Token *tok);
char *tok_name(Parser *p, const Token *tok);
char *tystr(Parser *p, const Type *ty);
void enter_scope(Parser *p);
void leave_scope(Parser *p);
VarScope *find_var_in(Scope *sc, const Token *tok);
VarScope *find_var(Parser *p, const Token *tok);
VarScope *push_var(Parser *p, Scope *sc, const Token *name);
TagScope *find_tag_in(Scope *sc, const Token *tok);
Type *find_tag(Parser *p, const Token *tok);
void push_tag(Parser *p, const Token *name, Type *ty);

char *before_tok(Parser *p, const Token *tok);
_Noreturn void syntax_error(Parser *p, Token *tok, const char *fmt, ...)
    MJ_PRINTF(3, 4);
void old_c(Parser *p, Token *tok, const char *what);
Token *skip(Parser *p, Token *tok, const char *op);
bool consume(Token **rest, Token *tok, const char *op);
Token *recover_from(Parser *p, Token *start, bool top);
void enter(Parser *p, Token *tok, const char *what);
void leave(Parser *p);

void link_local(Parser *p, Obj *var);
Obj *unlinked_local(Parser *p, char *name, Type *ty, Token *tok);
Obj *new_local(Parser *p, char *name, Type *ty, Token *tok);
Node *captured_var(Parser *p, Obj *var, Token *tok);
void note_nested_use(Parser *p, Obj *fn, Node *call, Token *tok);
Token *nested_function(Parser *p, Token *tok, Token *name, Type *ty);
Obj *new_unnamed_local(Parser *p, Type *ty, Token *tok);
Obj *new_temp(Parser *p, Type *ty, Token *tok);
void release_temps(Parser *p);
Obj *new_global(Parser *p, char *name, Type *ty, Token *tok);
bool is_wide_string(const Token *tok);
void wide_string_elems(Parser *p, Initializer *init, Token *tok, int n);
Obj *new_string_literal(Parser *p, Token *tok);

Type *type_name_in(Compile *c, const char *text, Scope *tags);

/* ---------------------------------------------------------------------
 * expr.c: expressions
 * ------------------------------------------------------------------- */

typedef enum { CV_ASSIGN, CV_INIT, CV_ARG, CV_RETURN } ConvKind;

typedef struct ConvCtx {
    ConvKind kind;
    Token *tok;           /* where to report */
    const char *fn_name;  /* CV_ARG: the callee, when known */
    int argno;            /* CV_ARG: 1-based */
} ConvCtx;

Node *new_node(Parser *p, NodeKind kind, Token *tok);
Node *new_unary(Parser *p, NodeKind kind, Node *lhs, Type *ty, Token *tok);
Node *new_binary(Parser *p, NodeKind kind, Node *lhs, Node *rhs,
                 Type *ty, Token *tok);
Node *new_num(Parser *p, int64_t val, const Type *ty, Token *tok);
Node *new_flonum(Parser *p, long double val, const Type *ty, Token *tok);
Node *new_zero(Parser *p, const Type *ty, Token *tok);   /* integer or floating */
Node *new_var_node(Parser *p, Obj *var, Token *tok);
Node *error_node(Parser *p, Token *tok);
Node *new_cast(Parser *p, Node *node, Type *ty);
Node *rval(Parser *p, Node *node);
bool is_lvalue(Node *node);

Node *convert_assign(Parser *p, Node *node, Type *to, ConvCtx *cx);

Node *new_compare(Parser *p, NodeKind kind, Node *lhs, Node *rhs, Token *tok);
Node *scalar_operand(Parser *p, Node *node);
Node *new_binop(Parser *p, NodeKind kind, Node *lhs, Node *rhs, Token *tok);
bool check_modifiable(Parser *p, Node *node, Token *tok, const char *what);
Node *narrow_to_bitfield(Parser *p, Node *v, Member *m, Token *tok);
Node *new_assign(Parser *p, Node *lhs, Node *rhs, Token *tok);
Node *new_comma(Parser *p, Node *lhs, Node *rhs, Token *tok);
Node *new_deref_of(Parser *p, Node *ptr, Token *tok);
Node *discarded(Parser *p, Node *node);
Node *new_cond(Parser *p, Node *cond, Node *then, Node *els, Token *tok);
Type *completed(Type *ty);
Member *find_member(Type *ty, const Token *name, Member **path, int *npath);
Node *member_node(Parser *p, Node *lhs, Member *m, Token *tok);

Node *expr(Parser *p, Token **rest, Token *tok);
Node *assign(Parser *p, Token **rest, Token *tok);
Node *conditional(Parser *p, Token **rest, Token *tok);
void arg_count_error(Parser *p, Node *fn, const char *what);
int count_args(Node *args);
Token *member_name(Parser *p, Token *tok);

Type *check_host_declaration(Parser *p, Token *name, Type *ty, bool is_function);

void unsupported_keyword(Parser *p, Token *tok);

/* ---------------------------------------------------------------------
 * const.c: constant expressions
 * ------------------------------------------------------------------- */

/* The value of an arithmetic constant: i when its type is an integer
 * type, f when it is a floating one. */
typedef struct {
    int64_t i;
    long double f;
} ConstVal;

bool eval_const(Node *node, ConstVal *out);
bool eval_int(Node *node, int64_t *out);
bool is_null_ptr_const(Node *node);

int64_t wrap_int(int64_t v, const Type *ty);
ConstVal convert_value(ConstVal v, const Type *from, const Type *to);
long double flo_binary(NodeKind op, long double a, long double b, const Type *ty);

/* ---------------------------------------------------------------------
 * decl.c: declarations
 * ------------------------------------------------------------------- */

/* What the attributes at one place asked for that the parser applies;
 * where it cannot, the caller refuses it (refuse_attrs). */
#define CTOR_NO_PRIORITY 65536

typedef struct Attrs {
    int aligned;          /* aligned(N): N; 0 when none */
    Token *aligned_tok;
    Token *packed_tok;    /* packed, or NULL */
    Token *asm_label;     /* __asm__("name") after a declarator, or NULL */
    Token *weak_tok;      /* weak, or NULL */
    Token *hidden_tok;    /* visibility("hidden") and the like, or NULL */
    Token *noinline_tok;  /* noinline or noipa, or NULL */
    Token *ctor_tok, *dtor_tok;   /* constructor, destructor, or NULL */
    int ctor_priority, dtor_priority;   /* CTOR_NO_PRIORITY without one */
    Token *mode_tok;      /* mode(M), or NULL */
    int mode_size;        /* its size in bytes (0: a mode memjit cannot give) */
    bool mode_float;      /* SF, DF: a floating mode */
    Token *alias_tok;     /* alias("target"): the attribute, or NULL */
    const char *alias_target;
    Token *vector_tok;    /* vector_size(N), or NULL */
    int vector_size;      /* N (0 when it was not a valid size) */
} Attrs;

bool is_typename(Parser *p, Token *tok);

void refuse_attrs(Parser *p, const Attrs *a, const char *where);

bool is_volatile_kw(const Token *tok);
Type *declspec(Parser *p, Token **rest, Token *tok, VarAttr *attr);
Type *va_list_type(Parser *p, Token *at);

Node *size_of_type(Parser *p, Type *ty, Token *tok);
Node *vla_sizes(Parser *p, Type *ty, Token *tok);
Node *with_vla_sizes(Parser *p, Node *setup, Node *expr);
Node *vla_ptr_offset(Parser *p, NodeKind kind, Node *ptr, Node *n, Token *tok);
Node *vla_ptr_diff(Parser *p, Node *lhs, Node *rhs, Token *tok);
VlaDecl *enter_vla_scope(Parser *p, Token *name);
void note_jump(Parser *p, Node *node);
VlaDecl *vla_entered(VlaDecl *from, VlaDecl *to);
void check_vla_jump(Parser *p, Node *g);

Type *adjust_param(Parser *p, Type *ty);
Type *declarator(Parser *p, Token **rest, Token *tok, Type *ty, Token **name);
Type *type_name(Parser *p, Token **rest, Token *tok);

char *name_str(Parser *p, Token *name);
void declare_typedef(Parser *p, Token *name, Type *ty);
Obj *declare_function(Parser *p, Token *name, Type *ty, VarAttr *attr, bool is_def);
void take_linkage_attrs(Attrs *decl, Attrs *spec, Attrs *out);
void apply_linkage_attrs(Parser *p, Token *name, const Attrs *a);
void static_initializer(Parser *p, Token **rest, Token *tok, Obj *var);
void global_variable(Parser *p, Token **rest, Token *tok, Token *name, Type *ty,
                     VarAttr *attr);
Node *expr_stmt_of(Parser *p, Node *e);
Node *auto_type_declaration(Parser *p, Token **rest, Token *tok);
Type *aligned_typedef(Parser *p, Type *ty, const Attrs *spec, const Attrs *decl);
void set_decl_align(Parser *p, Token *name, int align);
int declared_align(Parser *p, int align, const Attrs *spec, const Attrs *decl,
                   const char *what, bool is_object);
Node *declaration(Parser *p, Token **rest, Token *tok, Type *basety, VarAttr *attr);
Node *label_value(Parser *p, Token **rest, Token *tok);
Token *static_assertion(Parser *p, Token *tok);
extern const Attrs no_attrs;

/* ---------------------------------------------------------------------
 * builtin.c: the builtins memjit knows
 * ------------------------------------------------------------------- */

Node *folded_builtin(Parser *p, Token **rest, Token *tok);
Node *classify_type(Parser *p, Token **rest, Token *tok);
Node *constant_p(Parser *p, Token **rest, Token *tok);
Node *types_compatible_p(Parser *p, Token **rest, Token *tok);
Node *choose_expr(Parser *p, Token **rest, Token *tok);
Node *atomic_builtin(Parser *p, Token **rest, Token *tok);
Obj *declare_builtin(Parser *p, Token *tok);

bool is_generic_builtin(const char *name);
/* __builtin_isinff/l, __builtin_isnanf/l: their argument converts as by
 * their prototypes. */
bool is_typed_classify(const char *name);
Node *expand_classify(Parser *p, const char *name, Node *arg, Token *tok);
Node *generic_builtin_args(Parser *p, Node *fn, Node *args, bool *failed);

/* ---------------------------------------------------------------------
 * init.c: initializers
 * ------------------------------------------------------------------- */

Initializer *parse_initializer(Parser *p, Token **rest, Token *tok, Type *ty);
Node *local_initializer(Parser *p, Token **rest, Token *tok, Obj *var);
Node *compound_literal(Parser *p, Token **rest, Token *tok, Type *ty);
void fold_global_init(Parser *p, Initializer *init);

/* ---------------------------------------------------------------------
 * stmt.c: statements and asm statements
 * ------------------------------------------------------------------- */

bool is_asm_kw(const Token *tok);
Token *toplevel_asm(Parser *p, Token *tok);

void resolve_gotos(Parser *p);
bool is_unknown_type_name(Parser *p, Token *tok);
Node *compound_stmt(Parser *p, Token **rest, Token *tok);

#endif /* MEMJIT_PARSE_H */
