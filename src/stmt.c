/*
 * stmt.c - statements: asm statements (GNU C, handed to libgccjit's
 * extended asm), expression, return, selection, iteration, labeled and
 * jump statements, block items and compound statements.
 *
 * One of the parser's files (parse.c says how the parser works); what
 * they share is in parse.h.
 */
#include <string.h>

#include "parse.h"

static Node *stmt(Parser *p, Token **rest, Token *tok);

/* ------------------------------------------------------------------
 * asm statements (GNU C), handed to libgccjit's extended asm
 * ---------------------------------------------------------------- */

bool is_asm_kw(const Token *tok) {
    return equal(tok, "asm") || equal(tok, "__asm__") || equal(tok, "__asm");
}

/* The bytes of a (concatenated) narrow string literal, NUL-terminated.
 * asm-string = str */
static const char *asm_string(Parser *p, Token **rest, Token *tok, const char *what) {
    if (tok->kind != TK_STR || tok->ty->base->size != 1)
        syntax_error(p, tok, "expected string literal %s %s", what, before_tok(p, tok));
    *rest = tok->next;
    if (memchr(tok->str, '\0', (size_t)tok->str_len - 1))
        error_tok(p->c, tok, "null character in %s", what);
    return tok->str;
}

/* A memory operand may be an lvalue as it is (an array, a struct): gcc
 * wants the object then, not its value. */
static bool allows_memory(const char *constraint) {
    return strpbrk(constraint, "moVg") != NULL;
}

/* operand = ("[" ident "]")? string "(" expr ")" */
static AsmOperand *asm_operand(Parser *p, Token **rest, Token *tok, bool is_output, int n) {
    AsmOperand *op = arena_alloc(&p->c->arena, sizeof *op);
    if (equal(tok, "[")) {
        if (tok->next->kind != TK_IDENT)
            syntax_error(p, tok->next, "expected identifier %s", before_tok(p, tok->next));
        op->name = tok_name(p, tok->next);
        tok = skip(p, tok->next->next, "]");
    }
    Token *ctok = tok;
    op->constraint = asm_string(p, &tok, tok, "in asm operand");
    tok = skip(p, tok, "(");
    Token *etok = tok;
    Node *e = expr(p, &tok, tok);
    *rest = skip(p, tok, ")");
    bool writes = op->constraint[0] == '=' || op->constraint[0] == '+';
    if (is_output && !writes)
        error_tok(p->c, ctok, "output operand constraint lacks '='");
    if (!is_output && writes)
        error_tok(p->c, ctok, "input operand constraint contains '%c'", op->constraint[0]);
    if (is_output) {
        if (!is_lvalue(e) || e->kind == ND_STR)
            error_tok(p->c, etok, "lvalue required in 'asm' statement");
        else if (e->kind == ND_MEMBER && e->member->is_bitfield)
            error_tok(p->c, etok, "asm output %d is a bit-field", n);
        else
            check_modifiable(p, e, etok, "assignment");
    } else if (e->ty->kind == TY_VOID) {
        error_tok(p->c, etok, "invalid use of void expression");
    } else if (!(is_lvalue(e) && allows_memory(op->constraint))) {
        e = rval(p, e);
    }
    op->expr = e;
    return op;
}

/* operands = (operand ("," operand)*)? */
static AsmOperand *asm_operands(Parser *p, Token **rest, Token *tok, bool is_output,
                                int *count) {
    AsmOperand head = {0}, *cur = &head;
    if (tok->kind == TK_STR || equal(tok, "[")) {
        do {
            cur = cur->next = asm_operand(p, &tok, tok, is_output, (*count)++);
        } while (consume(&tok, tok, ","));
    }
    *rest = tok;
    return head.next;
}

/* clobbers = (string ("," string)*)? */
static AsmOperand *asm_clobbers(Parser *p, Token **rest, Token *tok) {
    AsmOperand head = {0}, *cur = &head;
    if (tok->kind == TK_STR) {
        do {
            cur = cur->next = arena_alloc(&p->c->arena, sizeof *cur);
            cur->constraint = asm_string(p, &tok, tok, "in asm clobber");
        } while (consume(&tok, tok, ","));
    }
    *rest = tok;
    return head.next;
}

/* gcc's basic asm takes its text literally; extended asm reads '%'. */
static const char *basic_asm_text(Parser *p, const char *text) {
    StrBuf sb;
    sb_init(&sb, &p->c->arena);
    for (; *text; text++) {
        if (*text == '%')
            sb_putc(&sb, '%');
        sb_putc(&sb, *text);
    }
    return sb_str(&sb);
}

/* asm-stmt  = asm-kw asm-qual* "(" string
 *             (":" operands (":" operands (":" clobbers)?)?)? ")" ";"
 * asm-kw    = "asm" | "__asm__" | "__asm"
 * asm-qual  = "volatile" | "__volatile__" | "__volatile" | "inline"
 *           | "__inline__" | "__inline" | "goto"
 * Without operands it is a basic asm: volatile, its text taken as it is.
 * An asm without outputs is volatile too, as in gcc. */
static Node *asm_stmt(Parser *p, Token **rest, Token *tok) {
    p->c->has_asm = true;
    Node *node = new_node(p, ND_ASM, tok);
    AsmStmt *a = arena_alloc(&p->c->arena, sizeof *a);
    node_ext(p->c, node)->asm_stmt = a;
    tok = tok->next;
    for (;; tok = tok->next) {
        if (is_volatile_kw(tok))
            a->is_volatile = true;
        else if (equal(tok, "inline") || equal(tok, "__inline__") || equal(tok, "__inline"))
            a->is_inline = true;
        else if (equal(tok, "goto"))
            syntax_error(p, tok, "'asm goto' is not supported yet");
        else
            break;
    }
    tok = skip(p, tok, "(");
    const char *text = asm_string(p, &tok, tok, "in asm statement");
    if (!equal(tok, ":")) {
        a->text = basic_asm_text(p, text);
        a->is_volatile = true;
    } else {
        a->text = text;
        int count = 0;
        a->outputs = asm_operands(p, &tok, tok->next, true, &count);
        if (consume(&tok, tok, ":"))
            a->inputs = asm_operands(p, &tok, tok, false, &count);
        if (consume(&tok, tok, ":"))
            a->clobbers = asm_clobbers(p, &tok, tok);
        if (equal(tok, ":"))
            syntax_error(p, tok, "'asm goto' is not supported yet");
        if (!a->outputs)
            a->is_volatile = true;
    }
    tok = skip(p, tok, ")");
    *rest = skip(p, tok, ";");
    return node;
}

/* File scope: what it holds goes to the assembler as it is.
 * toplevel-asm = asm-kw "(" asm-string ")" ";" */
Token *toplevel_asm(Parser *p, Token *tok) {
    p->c->has_asm = true;
    Token *start = tok;
    tok = skip(p, tok->next, "(");
    const char *text = asm_string(p, &tok, tok, "in asm statement");
    if (equal(tok, ":"))
        error_tok(p->c, start, "expected ')' before ':' token");
    tok = skip(p, tok, ")");
    p->c->toplevel_asm = arena_printf(&p->c->arena, "%s%s\n",
                                      p->c->toplevel_asm ? p->c->toplevel_asm : "", text);
    return skip(p, tok, ";");
}

/* ------------------------------------------------------------------
 * Statements
 * ---------------------------------------------------------------- */

/* expr-stmt = expr? ";" */
static Node *expr_stmt(Parser *p, Token **rest, Token *tok) {
    if (equal(tok, ";")) {
        *rest = tok->next;
        return new_node(p, ND_NULL_STMT, tok);
    }
    Node *node = new_node(p, ND_EXPR_STMT, tok);
    node->lhs = discarded(p, rval(p, expr(p, &tok, tok)));
    *rest = skip(p, tok, ";");
    return node;
}

/* return-stmt = "return" expr? ";" */
static Node *return_stmt(Parser *p, Token **rest, Token *tok) {
    Node *node = new_node(p, ND_RETURN, tok);
    Type *ret = p->fn->ty->return_ty;
    if (consume(rest, tok->next, ";")) {
        if (ret->kind == TY_VOID)
            return node;
        /* an error since gcc 14 (-Wreturn-mismatch), a warning in old C:
         * the value is unspecified, and memjit's is zero */
        if (!is_scalar(ret)) {
            error_tok(p->c, tok, "'return' with no value, in function returning non-void");
            return node;
        }
        old_c(p, tok, "'return' with no value, in function returning non-void");
        node->lhs = new_cast(p, new_num(p, 0, ty_int, tok), ret);
        return node;
    }
    Node *e = expr(p, &tok, tok->next);
    *rest = skip(p, tok, ";");
    if (ret->kind == TY_VOID) {
        if (e->ty->kind != TY_VOID) {
            error_tok(p->c, e->tok, "'return' with a value, in function returning void");
            return node;
        }
        /* return f(); in a void function: call, then return. */
        Node *call = new_node(p, ND_EXPR_STMT, e->tok);
        call->lhs = e;
        call->next = node;
        Node *block = new_node(p, ND_BLOCK, tok);
        block->body = call;
        return block;
    }
    ConvCtx cx = {CV_RETURN, e->tok, NULL, 0};
    node->lhs = convert_assign(p, e, ret, &cx);
    return node;
}

/* condition = "(" expr ")" */
static Node *condition(Parser *p, Token **rest, Token *tok) {
    tok = skip(p, tok, "(");
    Node *cond = scalar_operand(p, expr(p, &tok, tok));
    *rest = skip(p, tok, ")");
    return cond;
}

/* The body of a loop, with break and continue bound to it.
 * loop-body = stmt */
static Node *loop_body(Parser *p, Token **rest, Token *tok, Node *loop) {
    Node *saved = p->loop, *saved_brk = p->brk;
    p->loop = p->brk = loop;
    Node *body = stmt(p, rest, tok);
    p->loop = saved;
    p->brk = saved_brk;
    return body;
}

/* for-stmt = "for" "(" (declaration | expr-stmt) expr? ";" expr? ")" stmt */
static Node *for_stmt(Parser *p, Token **rest, Token *tok) {
    Node *node = new_node(p, ND_FOR, tok);
    tok = skip(p, tok->next, "(");
    enter_scope(p);
    if (equal(tok, "__auto_type")) {
        node_ext(p->c, node)->init = auto_type_declaration(p, &tok, tok);
    } else if (is_typename(p, tok)) {
        VarAttr attr = {0};
        Token *at = tok;
        Type *basety = declspec(p, &tok, tok, &attr);
        if (attr.is_typedef || attr.is_extern)
            error_tok(p->c, at, "declaration of non-variable in 'for' loop initial declaration");
        node_ext(p->c, node)->init = declaration(p, &tok, tok, basety, &attr);
    } else {
        node_ext(p->c, node)->init = expr_stmt(p, &tok, tok);
    }
    if (!equal(tok, ";"))
        node->cond = scalar_operand(p, expr(p, &tok, tok));
    tok = skip(p, tok, ";");
    if (!equal(tok, ")"))
        node_ext(p->c, node)->inc = discarded(p, rval(p, expr(p, &tok, tok)));
    tok = skip(p, tok, ")");
    node->then = loop_body(p, rest, tok, node);
    leave_scope(p);
    return node;
}

/* switch-stmt = "switch" "(" expr ")" stmt */
static Node *switch_stmt(Parser *p, Token **rest, Token *tok) {
    Node *node = new_node(p, ND_SWITCH, tok);
    tok = skip(p, tok->next, "(");
    Node *cond = rval(p, expr(p, &tok, tok));
    tok = skip(p, tok, ")");
    if (!is_integer(cond->ty)) {
        error_tok(p->c, cond->tok, "switch quantity not an integer");
        cond = error_node(p, cond->tok);
    } else if (cond->ty->kind == TY_INT128) {
        /* case values are folded in 64 bits (const.c) */
        error_tok(p->c, cond->tok, "a switch on a 128-bit integer is not supported yet");
        cond = error_node(p, cond->tok);
    }
    node->cond = new_cast(p, cond, int_promote(cond->ty));
    Node *saved_brk = p->brk, *saved_sw = p->sw;
    VlaDecl *saved_vla = p->sw_vla;
    p->brk = p->sw = node;
    p->sw_vla = p->scope->vla;
    node->then = stmt(p, rest, tok);
    p->brk = saved_brk;
    p->sw = saved_sw;
    p->sw_vla = saved_vla;
    return node;
}

/* The statement after a label. A label may also end a block or precede a
 * declaration (as gcc allows): then it labels nothing, and what follows
 * is parsed as the next block item.
 * labeled-body = stmt? */
static Node *labeled_body(Parser *p, Token **rest, Token *tok) {
    if (equal(tok, "}") || (is_typename(p, tok) && !equal(tok->next, ":"))) {
        *rest = tok;
        return NULL;
    }
    return stmt(p, rest, tok);
}

/* a <= b in the switch's promoted type */
static bool case_le(int64_t a, int64_t b, bool is_unsigned) {
    return is_unsigned ? (uint64_t)a <= (uint64_t)b : a <= b;
}

/* Adds a case to the innermost switch; values are compared after their
 * conversion to the switch's promoted type, as C11 6.8.4.2p5 says. */
static void add_case(Parser *p, Node *node) {
    Node *sw = p->sw;
    bool uns = sw->cond->ty->is_unsigned;
    const NodeExt *nx = node_ext_of(node);
    for (Node *c = node_ext_of(sw)->case_next; c; c = node_ext_of(c)->case_next) {
        const NodeExt *cx = node_ext_of(c);
        if (nx->is_default && cx->is_default) {
            error_tok(p->c, node->tok, "multiple default labels in one switch");
            note_tok(p->c, c->tok, "this is the first default label");
            return;
        }
        if (!nx->is_default && !cx->is_default && case_le(c->ival, nx->case_end, uns) &&
            case_le(node->ival, cx->case_end, uns)) {
            error_tok(p->c, node->tok, c->ival == cx->case_end && node->ival == nx->case_end
                                           ? "duplicate case value"
                                           : "duplicate (or overlapping) case value");
            note_tok(p->c, c->tok, "previously used here");
            return;
        }
    }
    node_ext(p->c, node)->case_next = node_ext_of(sw)->case_next;
    node_ext(p->c, sw)->case_next = node;
    if (node_ext_of(node)->is_default)
        node_ext(p->c, sw)->default_case = node;
}

/* A case label's value, converted to the switch's promoted type. */
static int64_t case_value(Parser *p, Token **rest, Token *tok) {
    Node *e = conditional(p, rest, tok);
    int64_t v = 0;
    if (!is_integer(e->ty) || !eval_int(e, &v))
        error_tok(p->c, e->tok, "case label does not reduce to an integer constant");
    return p->sw ? wrap_int(v, p->sw->cond->ty) : v;
}

/* case-label = ("case" conditional ("..." conditional)? | "default") ":" stmt
 * The range is GNU C's: every value from the first to the last; an empty
 * one (first > last) labels the statement for no value, with gcc's
 * warning. */
static Node *case_label(Parser *p, Token **rest, Token *tok) {
    Node *node = new_node(p, ND_CASE, tok);
    node_ext(p->c, node)->is_default = equal(tok, "default");
    tok = tok->next;
    bool empty = false;
    if (!node_ext_of(node)->is_default) {
        node->ival = node_ext(p->c, node)->case_end = case_value(p, &tok, tok);
        if (equal(tok, "...")) {
            Token *dots = tok;
            node_ext(p->c, node)->case_end = case_value(p, &tok, tok->next);
            empty = p->sw && !case_le(node->ival, node_ext_of(node)->case_end,
                                      p->sw->cond->ty->is_unsigned);
            if (empty)
                warn_tok(p->c, dots, "empty range specified");
        }
    }
    tok = skip(p, tok, ":");
    if (!p->sw)
        error_tok(p->c, node->tok, node_ext_of(node)->is_default
                                       ? "'default' label not within a switch statement"
                                       : "case label not within a switch statement");
    else if (!empty)
        add_case(p, node);
    VlaDecl *d = p->sw ? vla_entered(p->sw_vla, p->scope->vla) : NULL;
    if (d && d->is_stmt_expr) {
        error_tok(p->c, node->tok, "switch jumps into statement expression");
        note_tok(p->c, p->sw->tok, "switch starts here");
    } else if (d) {
        error_tok(p->c, node->tok, "switch jumps into scope of identifier with variably "
                  "modified type");
        note_tok(p->c, p->sw->tok, "switch starts here");
        note_tok(p->c, d->name, "'%.*s' declared here", d->name->len, d->name->loc);
    }
    node->lhs = labeled_body(p, rest, tok);
    return node;
}

/* GNU's local labels: `__label__ a, b;` at the start of a block makes
 * the labels a and b the block's own, so that a macro's statement
 * expression can use them once per expansion. Each gets a name of its own
 * ("a.3"), which every use inside the block goes by. */
typedef struct LocalLabel {
    struct LocalLabel *next;
    char *name, *unique;
} LocalLabel;

/* The name a label is known by here: its local one, if a block declared it. */
static char *label_name(Parser *p, Token *tok) {
    char *name = tok_name(p, tok);
    for (LocalLabel *l = p->local_labels; l; l = l->next)
        if (!strcmp(l->name, name))
            return l->unique;
    return name;
}

/* local-labels = ("__label__" ident ("," ident)* ";")* */
static Token *local_labels(Parser *p, Token *tok) {
    while (equal(tok, "__label__")) {
        do {
            tok = tok->next;
            if (tok->kind != TK_IDENT)
                syntax_error(p, tok, "expected identifier %s", before_tok(p, tok));
            LocalLabel *l = arena_alloc(&p->c->arena, sizeof *l);
            l->name = tok_name(p, tok);
            l->unique = arena_printf(&p->c->arena, "%s.%d", l->name, p->counter++);
            l->next = p->local_labels;
            p->local_labels = l;
            tok = tok->next;
        } while (equal(tok, ","));
        tok = skip(p, tok, ";");
    }
    return tok;
}

/* labeled-stmt = ident ":" stmt */
static Node *labeled_stmt(Parser *p, Token **rest, Token *tok) {
    Node *node = new_node(p, ND_LABEL, tok);
    node_ext(p->c, node)->label = label_name(p, tok);
    for (Node *l = p->labels; l; l = node_ext_of(l)->case_next) {
        if (strcmp(node_ext_of(l)->label, node_ext_of(node)->label) == 0) {
            error_tok(p->c, tok, "duplicate label '%.*s'", tok->len, tok->loc);
            note_tok(p->c, l->tok, "previous definition of '%.*s' was here", tok->len,
                     tok->loc);
            break;
        }
    }
    node_ext(p->c, node)->case_next = p->labels;
    p->labels = node;
    note_jump(p, node);
    node->lhs = labeled_body(p, rest, tok->next->next);
    return node;
}

/* GNU C's labels as values. libgccjit 12 has no label addresses, so
 * &&label is the label's number in its function (1, 2, ... in the order
 * of first mention), a constant pointer a static table may hold, and
 * goto *p is a multiway branch on p over the labels whose address the
 * function takes; gcc makes the same jump table of it. What gcc leaves
 * undefined differs: such a value is no code address (calling it, or
 * taking it to another function, misbehaves otherwise than in gcc). */
typedef struct LabelValue {
    struct LabelValue *next;
    Token *tok;             /* the first &&label */
    char *name;
    int index;
} LabelValue;

/* label-value = "&&" ident */
Node *label_value(Parser *p, Token **rest, Token *tok) {
    Token *name = tok->next;
    *rest = name->next;
    if (!p->fn) {
        error_tok(p->c, tok, "taking the address of a label outside of a function");
        return error_node(p, tok);
    }
    char *s = label_name(p, name);
    LabelValue *v = p->label_values;
    while (v && strcmp(v->name, s))
        v = v->next;
    if (!v) {
        v = arena_alloc(&p->c->arena, sizeof *v);
        *v = (LabelValue){p->label_values, name, s, ++p->nlabel_values};
        p->label_values = v;
    }
    return new_cast(p, new_num(p, v->index, ty_long, tok), pointer_to(p->c, TY(ty_void)));
}

/* goto-stmt = "goto" ident ";" | "goto" "*" expr ";" (the label is found
 * when the function ends) */
static Node *goto_stmt(Parser *p, Token **rest, Token *tok) {
    Node *node = new_node(p, ND_GOTO, tok);
    if (equal(tok->next, "*")) {
        Node *target = rval(p, expr(p, &tok, tok->next->next));
        if (target->ty->kind != TY_PTR)
            error_tok(p->c, target->tok, "computed goto must be pointer type");
        node->lhs = new_cast(p, target, TY(ty_long));
        node_ext(p->c, node)->case_next = p->gotos;
        p->gotos = node;
        *rest = skip(p, tok, ";");
        return node;
    }
    if (tok->next->kind != TK_IDENT)
        syntax_error(p, tok->next, "expected identifier %s", before_tok(p, tok->next));
    node_ext(p->c, node)->label = label_name(p, tok->next);
    node_ext(p->c, node)->case_next = p->gotos;
    p->gotos = node;
    note_jump(p, node);
    *rest = skip(p, tok->next->next, ";");
    return node;
}

/* Labels have function scope: every goto finds its label at the end. */
void resolve_gotos(Parser *p) {
    for (LabelValue *v = p->label_values; v; v = v->next) {
        Node *l = p->labels;
        while (l && strcmp(node_ext_of(l)->label, v->name))
            l = node_ext_of(l)->case_next;
        if (l)
            node_ext(p->c, l)->label_index = v->index;
        else
            error_tok(p->c, v->tok, "label '%.*s' used but not defined%s", v->tok->len,
                      v->tok->loc, p->fn->nest_parent ? " (a label of the enclosing function "
                      "taken in a nested one is not supported yet)" : "");
    }
    for (Node *g = p->gotos; g; g = node_ext_of(g)->case_next) {
        if (g->lhs) {
            node_ext(p->c, g)->target = p->labels;   /* with no label value, it can only trap */
            continue;
        }
        for (Node *l = p->labels; l && !node_ext_of(g)->target; l = node_ext_of(l)->case_next)
            if (strcmp(node_ext_of(l)->label, node_ext_of(g)->label) == 0)
                node_ext(p->c, g)->target = l;
        if (!node_ext_of(g)->target && p->fn->nest_parent)
            error_tok(p->c, g->tok, "label '%.*s' used but not defined (a jump out of a nested "
                      "function, gcc's non-local goto, is not supported yet)",
                      g->tok->next->len, g->tok->next->loc);
        else if (!node_ext_of(g)->target)
            error_tok(p->c, g->tok, "label '%.*s' used but not defined", g->tok->next->len,
                      g->tok->next->loc);
        else
            check_vla_jump(p, g);
    }
    p->jumps = NULL;
}

/* stmt = "return" expr? ";"
 *      | "if" "(" expr ")" stmt ("else" stmt)?
 *      | "while" "(" expr ")" stmt
 *      | "do" stmt "while" "(" expr ")" ";"
 *      | for-stmt
 *      | "break" ";" | "continue" ";"
 *      | switch-stmt | case-label | "goto" ident ";" | labeled-stmt | asm-stmt
 *      | "{" compound-stmt
 *      | expr-stmt */
static Node *stmt(Parser *p, Token **rest, Token *tok) {
    p->c->progress = tok;
    compile_poll(p->c, tok);
    enter(p, tok, "too many nested blocks");
    release_temps(p);
    Node *node;
    if (equal(tok, "return")) {
        node = return_stmt(p, rest, tok);
    } else if (equal(tok, "if")) {
        node = new_node(p, ND_IF, tok);
        node->cond = condition(p, &tok, tok->next);
        node->then = stmt(p, &tok, tok);
        if (equal(tok, "else"))
            node->els = stmt(p, &tok, tok->next);
        *rest = tok;
    } else if (equal(tok, "while")) {
        node = new_node(p, ND_FOR, tok);
        node->cond = condition(p, &tok, tok->next);
        node->then = loop_body(p, rest, tok, node);
    } else if (equal(tok, "do")) {
        node = new_node(p, ND_DO, tok);
        node->then = loop_body(p, &tok, tok->next, node);
        if (!equal(tok, "while"))
            syntax_error(p, tok, "expected 'while' %s", before_tok(p, tok));
        node->cond = condition(p, &tok, tok->next);
        *rest = skip(p, tok, ";");
    } else if (equal(tok, "for")) {
        node = for_stmt(p, rest, tok);
    } else if (equal(tok, "break") || equal(tok, "continue")) {
        bool is_break = equal(tok, "break");
        node = new_node(p, is_break ? ND_BREAK : ND_CONTINUE, tok);
        node_ext(p->c, node)->target = is_break ? p->brk : p->loop;
        if (!node_ext_of(node)->target)
            error_tok(p->c, tok, is_break ? "break statement not within loop or switch"
                                          : "continue statement not within a loop");
        *rest = skip(p, tok->next, ";");
    } else if (equal(tok, "{")) {
        node = compound_stmt(p, rest, tok->next);
    } else if (equal(tok, "switch")) {
        node = switch_stmt(p, rest, tok);
    } else if (equal(tok, "case") || equal(tok, "default")) {
        node = case_label(p, rest, tok);
    } else if (equal(tok, "goto")) {
        node = goto_stmt(p, rest, tok);
    } else if (is_asm_kw(tok)) {
        node = asm_stmt(p, rest, tok);
    } else if (tok->kind == TK_IDENT && equal(tok->next, ":")) {
        node = labeled_stmt(p, rest, tok);
    } else {
        node = expr_stmt(p, rest, tok);
    }
    leave(p);
    return node;
}

/* `foo_t x;` or `foo_t *x;` with foo_t undeclared: a declaration with a
 * misspelt or missing type name. Reported, and parsed on as int. */
bool is_unknown_type_name(Parser *p, Token *tok) {
    if (tok->kind != TK_IDENT || find_var(p, tok))
        return false;
    Token *t = tok->next;
    while (equal(t, "*"))
        t = t->next;
    if (t->kind != TK_IDENT || (t != tok->next && p->fn))
        return false;
    error_tok(p->c, tok, "unknown type name '%.*s'", tok->len, tok->loc);
    return true;
}

/* block-item = static-assert | auto-type-decl | declaration | stmt */
static Node *block_item(Parser *p, Token **rest, Token *tok) {
    release_temps(p);
    if (equal(tok, "_Static_assert")) {
        *rest = static_assertion(p, tok);
        return new_node(p, ND_NULL_STMT, tok);
    }
    if (equal(tok, "__auto_type"))
        return auto_type_declaration(p, rest, tok);
    if (is_typename(p, tok) && !equal(tok->next, ":")) {
        VarAttr attr = {0};
        Type *basety = declspec(p, &tok, tok, &attr);
        return declaration(p, rest, tok, basety, &attr);
    }
    if (!find_var(p, tok) && is_unknown_type_name(p, tok)) {
        VarAttr attr = {0};
        p->decl_align = 0;   // no declspec ran: none of an earlier one's
        p->spec_attrs = &no_attrs;
        return declaration(p, rest, tok->next, TY(ty_int), &attr);
    }
    return stmt(p, rest, tok);
}

/* A block item parsed under a recovery point. */
typedef struct GuardedItem {
    Parser *p;
    Token **rest;
    Token *tok;
    Node *node;
} GuardedItem;

static void parse_guarded_item(void *arg) {
    GuardedItem *g = arg;
    g->node = block_item(g->p, g->rest, g->tok);
}

/* A block item with its own recovery point: after a syntax error in it,
 * parsing resumes after it. Fatal errors and running out of memory pass
 * through to the compile's boundary.
 * guarded-block-item = block-item */
static Node *guarded_block_item(Parser *p, Token **rest, Token *tok) {
    jmp_buf buf;
    jmp_buf *saved_recover = p->recover;
    Scope *saved_scope = p->scope;
    Node *saved_loop = p->loop, *saved_brk = p->brk, *saved_sw = p->sw;
    int saved_depth = p->c->depth;
    p->recover = &buf;
    GuardedItem g = {p, rest, tok, NULL};
    Escape why = run_protected(&buf, parse_guarded_item, &g);
    p->recover = saved_recover;
    if (why == ESCAPE_NONE)
        return g.node;
    p->scope = saved_scope;
    p->loop = saved_loop;
    p->brk = saved_brk;
    p->sw = saved_sw;
    p->c->depth = saved_depth;
    p->flex_init = NULL;
    *rest = recover_from(p, tok, false);
    return new_node(p, ND_NULL_STMT, tok);
}

/* compound-stmt = block-item* "}" */
Node *compound_stmt(Parser *p, Token **rest, Token *tok) {
    enter(p, tok, "too many nested blocks");
    Node *node = new_node(p, ND_BLOCK, tok);
    Node head = {0};
    Node *cur = &head;
    enter_scope(p);
    LocalLabel *outer_labels = p->local_labels;
    tok = local_labels(p, tok);
    while (!equal(tok, "}")) {
        if (tok->kind == TK_EOF) {
            error_tok(p->c, tok, "expected declaration or statement at end of input");
            break;
        }
        cur = cur->next = guarded_block_item(p, &tok, tok);
    }
    p->local_labels = outer_labels;
    leave_scope(p);
    node->body = head.next;
    *rest = tok->kind == TK_EOF ? tok : tok->next;
    leave(p);
    return node;
}
