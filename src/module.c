/*
 * module.c - compiled code with a reference count and a typed symbol table.
 *
 * A module owns its gcc_jit_result. It remembers, for each function and
 * variable defined in the source, the canonical spelling of its C type
 * (type_to_string), so that typed lookup is a string comparison once the
 * caller's type has been parsed and spelt the same way.
 */
#include <stdlib.h>
#include <string.h>

#include "runtime.h"

/* "T()" and "T(void)" name the same thing to a caller: a function taking
 * no arguments. Spell both "(void)" so that lookup compares strings. */
static char *void_params(const char *type) {
    size_t n = 0;
    for (const char *p = type; (p = strstr(p, "()")); p += 2)
        n++;
    char *out = malloc(strlen(type) + 4 * n + 1);
    if (!out)
        return NULL;
    char *o = out;
    for (const char *p = type; *p;) {
        if (p[0] == '(' && p[1] == ')') {
            memcpy(o, "(void)", 6);
            o += 6;
            p += 2;
        } else {
            *o++ = *p++;
        }
    }
    *o = '\0';
    return out;
}

static int symbol_cmp(const void *a, const void *b) {
    return strcmp(((const ModuleSymbol *)a)->name, ((const ModuleSymbol *)b)->name);
}

static bool is_listed(const Obj *obj) {
    return obj->is_definition && !obj->is_string_literal && !obj->is_local;
}

static void free_symbols(ModuleSymbol *syms, size_t n) {
    for (size_t i = 0; i < n; i++) {
        free(syms[i].name);
        free(syms[i].type);
    }
    free(syms);
}

/* The canonical type of every listed symbol, spelt in the arena first: a
 * longjmp out of the arena must not find half-built malloc'ed state. */
static char **spell_types(Compile *c, size_t *count) {
    size_t n = 0;
    for (Obj *obj = c->globals; obj; obj = obj->next)
        n += is_listed(obj);
    char **types = arena_alloc(&c->arena, sizeof(char *) * (n ? n : 1));
    size_t i = 0;
    for (Obj *obj = c->globals; obj; obj = obj->next)
        if (is_listed(obj))
            types[i++] = type_to_string(c, obj->ty);
    *count = n;
    return types;
}

/* Fills the symbol table from the program's definitions; no arena use. */
static bool collect_symbols(Compile *c, mj_module *m, char **types, size_t n) {
    m->syms = calloc(n ? n : 1, sizeof *m->syms);
    if (!m->syms)
        return false;
    for (Obj *obj = c->globals; obj; obj = obj->next) {
        if (!is_listed(obj))
            continue;
        ModuleSymbol *s = &m->syms[m->nsyms];
        s->name = strdup(obj->name);
        s->type = void_params(types[m->nsyms]);
        m->nsyms++;
        s->is_function = obj->is_function;
        s->is_static = obj->is_static;
        if (!s->name || !s->type)
            return false;
        if (!obj->is_static)
            s->addr = obj->is_function ? gcc_jit_result_get_code(m->result, obj->name)
                                       : gcc_jit_result_get_global(m->result, obj->name);
    }
    qsort(m->syms, m->nsyms, sizeof *m->syms, symbol_cmp);
    return true;
}

mj_module *module_new(Compile *c, gcc_jit_result *result) {
    size_t n;
    char **types = spell_types(c, &n);
    mj_module *m = calloc(1, sizeof *m);
    if (!m) {
        gcc_jit_result_release(result);
        return NULL;
    }
    atomic_init(&m->refs, 1);
    m->result = result;
    pthread_mutex_init(&m->err_lock, NULL);
    if (!collect_symbols(c, m, types, n)) {
        mj_module_release(m);
        return NULL;
    }
    return m;
}

mj_module *mj_module_retain(mj_module *mod) {
    if (mod)
        atomic_fetch_add(&mod->refs, 1);
    return mod;
}

void mj_module_release(mj_module *mod) {
    if (!mod || atomic_fetch_sub(&mod->refs, 1) != 1)
        return;
    free_symbols(mod->syms, mod->nsyms);
    if (mod->result)
        gcc_jit_result_release(mod->result);
    pthread_mutex_destroy(&mod->err_lock);
    free(mod);
}

void mj_module_times(const mj_module *mod, mj_compile_times *out) {
    if (!out)
        return;
    memset(out, 0, sizeof *out);
    if (!mod)
        return;
    out->frontend_ms = mod->times_ms[0];
    out->lower_ms = mod->times_ms[1];
    out->jit_ms = mod->times_ms[2];
}

/* ---------------------------------------------------------------------
 * Typed lookup
 * ------------------------------------------------------------------- */

static const ModuleSymbol *find_symbol(const mj_module *m, const char *name) {
    ModuleSymbol key = {.name = (char *)name};
    return bsearch(&key, m->syms, m->nsyms, sizeof *m->syms, symbol_cmp);
}

static mj_status fail(char *errbuf, size_t errlen, mj_status st, const char *fmt, ...)
    MJ_PRINTF(4, 5);

static mj_status fail(char *errbuf, size_t errlen, mj_status st, const char *fmt, ...) {
    if (errbuf && errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(errbuf, errlen, fmt, ap);
        va_end(ap);
    }
    return st;
}

/* Parses the caller's type string and spells it canonically. Returns
 * MJ_OK and a malloc'ed string in *canon, or MJ_ERR_BAD_TYPE with the
 * front end's message in errbuf. */
static mj_status canonical_type(const char *text, char **canon, char *errbuf,
                                size_t errlen) {
    *canon = NULL;
    Compile *c = compile_new();
    if (!c)
        return fail(errbuf, errlen, MJ_ERR_NOMEM, "out of memory");
    mj_status st = MJ_OK;
    int jumped = setjmp(c->bail);
    if (jumped == 0) {
        Type *ty = parse_type_name_string(c, text);
        if (ty && c->error_count == 0) {
            *canon = void_params(type_to_string(c, ty));
            if (!*canon)
                st = MJ_ERR_NOMEM;
        } else {
            st = MJ_ERR_BAD_TYPE;
        }
    } else {
        st = jumped == 1 ? MJ_ERR_NOMEM : MJ_ERR_BAD_TYPE;
    }
    if (st == MJ_ERR_BAD_TYPE) {
        const mj_diag *d = mj_diags_get(c->diags, 0);
        fail(errbuf, errlen, st, "'%s' is not a C type name: %s", text,
             d ? d->message : "cannot parse it");
    } else if (st == MJ_ERR_NOMEM) {
        fail(errbuf, errlen, st, "out of memory");
    }
    compile_free(c);
    return st;
}

const char *mj_module_symbol_type(const mj_module *mod, const char *name) {
    if (!mod || !name)
        return NULL;
    const ModuleSymbol *s = find_symbol(mod, name);
    return s ? s->type : NULL;
}

mj_status mj_lookup_ex(mj_module *mod, const char *name, const char *type,
                       void **out, char *errbuf, size_t errlen) {
    if (out)
        *out = NULL;
    if (errbuf && errlen)
        errbuf[0] = '\0';
    if (!mod || !name || !type || !out)
        return fail(errbuf, errlen, MJ_ERR_ARG, "mj_lookup: NULL argument");
    const ModuleSymbol *s = find_symbol(mod, name);
    if (!s)
        return fail(errbuf, errlen, MJ_ERR_NOT_FOUND, "no symbol '%s' in the module", name);
    if (s->is_static)
        return fail(errbuf, errlen, MJ_ERR_NOT_FOUND,
                    "'%s' is static in the module (internal linkage): it cannot be looked up",
                    name);
    /* The common case: the caller spelt the type canonically. */
    if (strcmp(type, s->type) != 0) {
        char *canon;
        mj_status st = canonical_type(type, &canon, errbuf, errlen);
        if (st != MJ_OK)
            return st;
        bool same = strcmp(canon, s->type) == 0;
        if (!same)
            fail(errbuf, errlen, MJ_ERR_TYPE, "symbol '%s' has type '%s', not '%s'",
                 name, s->type, canon);
        free(canon);
        if (!same)
            return MJ_ERR_TYPE;
    }
    if (!s->addr)
        return fail(errbuf, errlen, MJ_ERR_JIT, "symbol '%s' has no address in the loaded code", name);
    *out = s->addr;
    return MJ_OK;
}

void *mj_lookup(mj_module *mod, const char *name, const char *type) {
    char msg[sizeof mod->errmsg];
    void *addr;
    mj_status st = mj_lookup_ex(mod, name, type, &addr, msg, sizeof msg);
    if (st != MJ_OK && mod) {
        pthread_mutex_lock(&mod->err_lock);
        memcpy(mod->errmsg, msg, sizeof msg);
        pthread_mutex_unlock(&mod->err_lock);
    }
    return addr;
}

const char *mj_module_errmsg(mj_module *mod) {
    return mod ? mod->errmsg : "";
}
