/*
 * diag.c - diagnostics: collected during a compile, owned by the caller.
 *
 * The front end reports with error_tok and goes on; every report becomes
 * an entry of a DiagList (the public mj_diags) that copies what it needs,
 * so the list outlives the compile's arena. Text in gcc's classic form is
 * made on demand.
 */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "front.h"

struct mj_diags {
    mj_diag *items;
    size_t count, cap;
    size_t errors;
    char *text;          /* mj_diags_text, built on first use */
};

DiagList *diaglist_new(void) {
    return mem_calloc(1, sizeof(struct mj_diags));
}

void diaglist_free(DiagList *dl) {
    if (!dl)
        return;
    for (size_t i = 0; i < dl->count; i++) {
        free((char *)dl->items[i].file);
        free((char *)dl->items[i].message);
        free((char *)dl->items[i].source_line);
    }
    free(dl->items);
    free(dl->text);
    free(dl);
}

static char *dup_n(const char *s, size_t n) {
    char *p = mem_malloc(n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

bool diaglist_add(DiagList *dl, mj_severity sev, const char *file, int line,
                  int col, const char *src_line, const char *message) {
    mj_diag *items = mem_grow(dl->items, dl->count, &dl->cap, sizeof *items);
    if (!items)
        return false;
    dl->items = items;
    size_t src_len = 0;
    if (src_line)
        while (src_line[src_len] && src_line[src_len] != '\n' && src_line[src_len] != '\r')
            src_len++;
    const char *f = file ? file : "";
    char *fcopy = dup_n(f, strlen(f));
    char *mcopy = dup_n(message, strlen(message));
    char *scopy = dup_n(src_line ? src_line : "", src_len);
    if (!fcopy || !mcopy || !scopy) {
        free(fcopy), free(mcopy), free(scopy);
        return false;
    }
    dl->items[dl->count++] = (mj_diag){
        .severity = sev, .file = fcopy, .line = line, .column = col,
        .message = mcopy, .source_line = scopy,
    };
    if (sev == MJ_SEV_ERROR)
        dl->errors++;
    free(dl->text);
    dl->text = NULL;
    return true;
}

void errbuf_printf(char *errbuf, size_t errlen, const char *fmt, ...) {
    if (!errbuf || !errlen)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(errbuf, errlen, fmt, ap);
    va_end(ap);
}

const char *src_line_text(const SrcFile *f, int line, size_t *len) {
    const char *p = f->contents, *end = f->contents + f->len;
    for (int n = 1; n < line && p < end; p++)
        if (*p == '\n')
            n++;
    const char *q = p;
    while (q < end && *q != '\n')
        q++;
    *len = (size_t)(q - p);
    return p;
}

int src_presumed_line(const SrcFile *f, int line, const char **name) {
    *name = f->name;
    for (const LineMark *lm = f->line_marks; lm; lm = lm->next) {
        if (lm->phys <= line) {
            *name = lm->name;
            return lm->line + (line - lm->phys);
        }
    }
    return line;
}

/* ---------------------------------------------------------------------
 * Reporting from the front end
 * ------------------------------------------------------------------- */

/* A diagnostic at physical line `line` of f. Its position is the presumed
 * one (#line); the source line shown is the physical line, the text the
 * error is in, where gcc would look for the presumed file on disk. */
static void report(Compile *c, mj_severity sev, const SrcFile *f, int line,
                   int col, const char *fmt, va_list ap) {
    /* gcc is silent about warnings in system headers (-Wno-system-headers),
     * and about the notes that go with them. */
    if (sev != MJ_SEV_NOTE)
        c->hiding_notes = sev == MJ_SEV_WARNING && f && f->sys_dir >= 0;
    if (c->hiding_notes)
        return;
    char msg[1024];
    vsnprintf(msg, sizeof msg, fmt, ap);
    char *src = NULL;
    if (f && line > 0) {
        size_t n;
        const char *p = src_line_text(f, line, &n);
        /* Bound the copy: a 10 MB line is not worth repeating. */
        if (n > 512)
            n = 512;
        src = arena_strndup(&c->arena, p, n);
        /* A NUL byte in the line would end the copy early; show it as a space. */
        for (size_t i = 0; i < n; i++)
            if (src[i] == '\0')
                src[i] = ' ';
    }
    const char *name = f ? f->name : NULL;
    int shown_line = f && line > 0 ? src_presumed_line(f, line, &name) : line;
    if (!diaglist_add(c->diags, sev, name, shown_line, col, src, msg))
        arena_oom(&c->arena);
    if (sev == MJ_SEV_ERROR && ++c->error_count >= c->max_errors) {
        diaglist_add(c->diags, MJ_SEV_NOTE, f ? f->name : NULL, 0, 0, NULL,
                     "too many errors; stopping");
        escape(&c->bail, ESCAPE_FATAL);
    }
}

/* A token from a macro expansion is reported where the macro was used:
 * that is the line the user wrote. */
static const Token *reported_token(const Token *tok) {
    while (tok && tok->origin)
        tok = tok->origin;
    return tok;
}

#define REPORT_TOK(sev)                                                      \
    do {                                                                     \
        const Token *t = reported_token(tok);                                \
        va_list ap;                                                          \
        va_start(ap, fmt);                                                   \
        report(c, sev, t ? t->file : NULL, t ? t->line : 0, t ? t->col : 0,  \
               fmt, ap);                                                     \
        va_end(ap);                                                          \
    } while (0)

void error_tok(Compile *c, const Token *tok, const char *fmt, ...) {
    REPORT_TOK(MJ_SEV_ERROR);
}

void warn_tok(Compile *c, const Token *tok, const char *fmt, ...) {
    REPORT_TOK(MJ_SEV_WARNING);
}

void note_tok(Compile *c, const Token *tok, const char *fmt, ...) {
    REPORT_TOK(MJ_SEV_NOTE);
}

_Noreturn void fatal_tok(Compile *c, const Token *tok, const char *fmt, ...) {
    /* Do not let the max_errors jump fire first with the wrong note. */
    c->max_errors++;
    REPORT_TOK(MJ_SEV_ERROR);
    escape(&c->bail, ESCAPE_FATAL);
}

double monotonic_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* An interruption's error, at tok, else where the compile was. */
static void report_interruption(Compile *c, const Token *tok, const char *msg) {
    c->arena.limit = 0;   /* reporting must not go over it */
    c->max_errors++;
    if (tok)
        error_tok(c, tok, "%s", msg);
    else
        error_at(c, NULL, 0, 0, "%s", msg);
}

void compile_check(Compile *c, const Token *tok) {
    if (!tok)
        tok = c->progress;
    if (c->cancel_count && atomic_load(c->cancel_count) != c->cancel_seen) {
        c->cancel_count = NULL;   /* reported once */
        report_interruption(c, tok, "the compile was cancelled (mj_runtime_cancel)");
        escape(&c->bail, ESCAPE_CANCELLED);
    }
    if (c->deadline > 0 && monotonic_ms() > c->deadline) {
        c->deadline = 0;
        char msg[128];
        snprintf(msg, sizeof msg, "the compile took longer than %lu ms "
                 "(mj_options.max_compile_ms, --max-time)", c->max_ms);
        report_interruption(c, tok, msg);
        escape(&c->bail, ESCAPE_LIMIT);
    }
}

void compile_poll(Compile *c, const Token *tok) {
    if ((++c->polls & 255) == 0 && (c->deadline > 0 || c->cancel_count))
        compile_check(c, tok);
}

_Noreturn void limit_tok(Compile *c, const Token *tok, const char *fmt, ...) {
    c->arena.limit = 0;
    c->max_errors++;
    REPORT_TOK(MJ_SEV_ERROR);
    escape(&c->bail, ESCAPE_LIMIT);
}

void error_at(Compile *c, const SrcFile *f, int line, int col, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    report(c, MJ_SEV_ERROR, f, line, col, fmt, ap);
    va_end(ap);
}

void warn_at(Compile *c, const SrcFile *f, int line, int col, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    report(c, MJ_SEV_WARNING, f, line, col, fmt, ap);
    va_end(ap);
}

/* At most this many errors are collected; then the compile stops. */
#define DEFAULT_MAX_ERRORS 20

Compile *compile_new(void) {
    Compile *c = mem_calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->diags = diaglist_new();
    if (!c->diags) {
        free(c);
        return NULL;
    }
    arena_init(&c->arena, &c->bail);
    arena_init(&c->nodes, &c->bail);
    c->nodes.budget = &c->arena;
    c->max_errors = DEFAULT_MAX_ERRORS;
    c->max_macro_depth = DEFAULT_MACRO_DEPTH;
    return c;
}

void compile_free(Compile *c) {
    if (!c)
        return;
    arena_free(&c->nodes);
    arena_free(&c->arena);
    diaglist_free(c->diags);
    free(c->pending_object);
    free(c);
}

SrcFile *compile_add_file(Compile *c, const char *name, const char *text,
                          size_t len, bool is_builtin) {
    if (c->nfiles == c->files_cap) {
        int cap = c->files_cap ? c->files_cap * 2 : 8;
        SrcFile **files = arena_alloc(&c->arena, sizeof(SrcFile *) * (size_t)cap);
        if (c->nfiles)
            memcpy(files, c->files, sizeof(SrcFile *) * (size_t)c->nfiles);
        c->files = files;
        c->files_cap = cap;
    }
    SrcFile *f = arena_alloc(&c->arena, sizeof *f);
    f->name = arena_strdup(&c->arena, name);
    /* Builtin headers are static text: no copy needed. */
    f->contents = is_builtin ? text : arena_strndup(&c->arena, text, len);
    f->len = len;
    f->id = c->nfiles;
    f->is_builtin = is_builtin;
    f->sys_dir = -1;
    c->files[c->nfiles++] = f;
    return f;
}

/* ---------------------------------------------------------------------
 * The public face: mj_diags_*
 * ------------------------------------------------------------------- */

size_t mj_diags_count(const mj_diags *d) {
    return d ? d->count : 0;
}

size_t mj_diags_error_count(const mj_diags *d) {
    return d ? d->errors : 0;
}

const mj_diag *mj_diags_get(const mj_diags *d, size_t i) {
    return d && i < d->count ? &d->items[i] : NULL;
}

static const char *severity_word(mj_severity s) {
    switch (s) {
    case MJ_SEV_NOTE: return "note";
    case MJ_SEV_WARNING: return "warning";
    default: return "error";
    }
}

/* gcc's classic form: the line with one leading space, then a caret line
 * that copies the tabs of the source line so the caret lines up. Without
 * a column (the assembler's messages) there is no caret, as in gcc. */
static void format_one(FILE *out, const mj_diag *d) {
    const char *file = d->file[0] ? d->file : "memjit";
    if (d->line > 0 && d->column > 0)
        fprintf(out, "%s:%d:%d: %s: %s\n", file, d->line, d->column,
                severity_word(d->severity), d->message);
    else if (d->line > 0)
        fprintf(out, "%s:%d: %s: %s\n", file, d->line, severity_word(d->severity), d->message);
    else
        fprintf(out, "%s: %s: %s\n", file, severity_word(d->severity), d->message);
    if (d->line <= 0 || !d->source_line[0])
        return;
    fprintf(out, " %s\n", d->source_line);
    if (d->column <= 0)
        return;
    fputc(' ', out);
    size_t n = strlen(d->source_line);
    for (int i = 0; i + 1 < d->column; i++)
        fputc((size_t)i < n && d->source_line[i] == '\t' ? '\t' : ' ', out);
    fputs("^\n", out);
}

const char *mj_diags_text(const mj_diags *cd) {
    mj_diags *d = (mj_diags *)cd;
    if (!d || d->count == 0)
        return "";
    if (d->text)
        return d->text;
    char *buf = NULL;
    size_t size = 0;
    FILE *out = mem_refused() ? NULL : open_memstream(&buf, &size);
    if (!out)
        return "";
    for (size_t i = 0; i < d->count; i++)
        format_one(out, &d->items[i]);
    if (fclose(out) != 0) {
        free(buf);
        return "";
    }
    d->text = buf;
    return buf;
}

void mj_diag_print(const mj_diag *d, FILE *out) {
    if (d && out)
        format_one(out, d);
}

void mj_diags_print(const mj_diags *d, FILE *out) {
    fputs(mj_diags_text(d), out);
}

void mj_diags_free(mj_diags *d) {
    diaglist_free(d);
}
