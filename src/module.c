/*
 * module.c - compiled code with a reference count and a typed symbol table.
 *
 * A module owns its code: an object linked in memory (link.c), or a shared
 * object loaded from bytes (memload.c, mj_load_blob's), with those bytes. It remembers, for each function and
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
    char *out = mem_malloc(strlen(type) + 4 * n + 1);
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
    if (!syms)
        return;
    for (size_t i = 0; i < n; i++) {
        if (syms[i].strings_shared)
            continue;
        free(syms[i].name);
        free(syms[i].type);
    }
    free(syms);
}

/* The canonical type of every listed symbol, spelt in the arena first: a
 * an escape out of the arena must not find half-built malloc'ed state. */
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

ModuleSymbol *module_symbols_of(Compile *c, size_t *count) {
    size_t n;
    char **types = spell_types(c, &n);
    ModuleSymbol *syms = mem_calloc(n ? n : 1, sizeof *syms);
    if (!syms)
        return NULL;
    size_t i = 0;
    for (Obj *obj = c->globals; obj; obj = obj->next) {
        if (!is_listed(obj))
            continue;
        ModuleSymbol *s = &syms[i];
        s->name = mem_strdup(obj_link_name(obj));
        s->type = void_params(types[i]);
        s->is_function = obj->is_function;
        s->is_static = obj->is_static;
        s->is_hidden = obj->is_hidden;
        i++;
        if (!s->name || !s->type) {
            free_symbols(syms, i);
            return NULL;
        }
    }
    qsort(syms, n, sizeof *syms, symbol_cmp);
    *count = n;
    return syms;
}

void module_symbols_free(ModuleSymbol *syms, size_t n) {
    free_symbols(syms, n);
}

/* Defined ones first, then by unit: the entry a merged table keeps. */
static int merged_cmp(const void *a, const void *b) {
    const ModuleSymbol *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    if (c)
        return c;
    if (x->is_static != y->is_static)
        return x->is_static ? 1 : -1;
    return x->unit < y->unit ? -1 : x->unit > y->unit;
}

static bool copy_symbol(ModuleSymbol *to, const ModuleSymbol *from, size_t unit) {
    *to = *from;
    to->strings_shared = false;
    to->unit = unit;
    to->addr = NULL;
    to->name = mem_strdup(from->name);
    to->type = mem_strdup(from->type);
    return to->name && to->type;
}

ModuleSymbol *module_symbols_merge(ModuleSymbol **tables, size_t *counts, size_t n,
                                   size_t *out_n) {
    size_t total = 0;
    for (size_t u = 0; u < n; u++)
        total += counts[u];
    ModuleSymbol *all = mem_calloc(total + 1, sizeof *all);
    size_t k = 0;
    bool ok = all != NULL;
    for (size_t u = 0; ok && u < n; u++)
        for (size_t i = 0; ok && i < counts[u]; i++)
            ok = copy_symbol(&all[k++], &tables[u][i], u);
    for (size_t u = 0; u < n; u++) {
        free_symbols(tables[u], counts[u]);
        tables[u] = NULL;
        counts[u] = 0;
    }
    if (!ok) {
        free_symbols(all, k);
        return NULL;
    }
    qsort(all, k, sizeof *all, merged_cmp);
    size_t kept = 0;
    for (size_t i = 0; i < k; i++) {
        if (kept && !strcmp(all[kept - 1].name, all[i].name)) {
            free(all[i].name);
            free(all[i].type);
            continue;
        }
        all[kept++] = all[i];
    }
    *out_n = kept;
    return all;
}

static mj_module *module_alloc(void) {
    mj_module *m = mem_calloc(1, sizeof *m);
    if (!m)
        return NULL;
    atomic_init(&m->refs, 1);
    m->loaded.fd = -1;
    pthread_mutex_init(&m->err_lock, NULL);
    return m;
}

/* The address of a symbol the module's own code defines, or NULL. */
static void *own_symbol(const mj_module *mod, const char *name) {
    if (mod->linked) {
        void *p = link_symbol(mod->linked, name);
        /* memjit's own names (mj_expr's __mj_expr) are the unit's */
        if (!p && link_unit_count(mod->linked) == 1)
            p = link_unit_symbol(mod->linked, 0, name);
        return p;
    }
    return mod->loaded.handle ? memload_symbol(&mod->loaded, name) : NULL;
}

/* How many translation units the module's code came from: each has its
 * own memjit names (__mj_imports, __mj_ctors, ...; link.c keeps them
 * apart). */
static size_t unit_count(const mj_module *mod) {
    return mod->linked ? link_unit_count(mod->linked) : 1;
}

/* One of memjit's own names, as unit `unit` defines it, or NULL. */
static void *unit_symbol(const mj_module *mod, size_t unit, const char *name) {
    if (mod->linked)
        return link_unit_symbol(mod->linked, unit, name);
    return unit == 0 ? own_symbol(mod, name) : NULL;
}

mj_module *module_new_loaded(LinkedObject *lo, MemLoad *ml, unsigned char *blob,
                             size_t blob_len, ModuleSymbol *syms, size_t nsyms, bool untyped) {
    mj_module *m = module_alloc();
    if (!m) {
        link_free(lo);
        if (ml)
            memload_close(ml);
        free(blob);
        free_symbols(syms, nsyms);
        return NULL;
    }
    m->linked = lo;
    if (ml)
        m->loaded = *ml;
    m->blob = blob;
    m->blob_len = blob_len;
    m->syms = syms;
    m->nsyms = nsyms;
    m->untyped = untyped;
    for (size_t i = 0; i < nsyms; i++)
        if (!syms[i].is_static && !syms[i].is_hidden)
            syms[i].addr = own_symbol(m, syms[i].name);
    return m;
}

/* Encoding, per symbol: one flags byte (1 function, 2 static, 4 hidden), then the
 * name and the type, each NUL-terminated. */
unsigned char *module_syms_encode(const ModuleSymbol *syms, size_t nsyms, size_t *len) {
    size_t n = 0;
    for (size_t i = 0; i < nsyms; i++)
        n += 1 + strlen(syms[i].name) + 1 + strlen(syms[i].type) + 1;
    unsigned char *p = mem_malloc(n ? n : 1);
    if (!p)
        return NULL;
    unsigned char *o = p;
    for (size_t i = 0; i < nsyms; i++) {
        *o++ = (unsigned char)((syms[i].is_function ? 1 : 0) | (syms[i].is_static ? 2 : 0) |
                               (syms[i].is_hidden ? 4 : 0));
        size_t a = strlen(syms[i].name) + 1, b = strlen(syms[i].type) + 1;
        memcpy(o, syms[i].name, a);
        o += a;
        memcpy(o, syms[i].type, b);
        o += b;
    }
    *len = n;
    return p;
}

static bool sorted_by_name(const ModuleSymbol *syms, size_t n) {
    for (size_t i = 1; i < n; i++)
        if (strcmp(syms[i - 1].name, syms[i].name) > 0)
            return false;
    return true;
}

/* Decoded on every store hit, so in one allocation: the array, then a
 * copy of the bytes, into which names and types point. (A strdup per
 * string and a sort made a store hit of a program with 857 functions
 * ~90 µs slower than one with a single function.) */
ModuleSymbol *module_syms_decode(const unsigned char *p, size_t len, size_t *nsyms) {
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += p[i] == 0;
    size_t max = n / 2 + 1;
    ModuleSymbol *syms = mem_calloc(1, max * sizeof *syms + len + 1);
    if (!syms)
        return NULL;
    char *text = (char *)(syms + max);
    memcpy(text, p, len);
    size_t count = 0, i = 0;
    while (i < len) {
        ModuleSymbol *s = &syms[count++];
        s->is_function = text[i] & 1;
        s->is_static = text[i] & 2;
        s->is_hidden = text[i] & 4;
        s->strings_shared = true;
        i++;
        s->name = key_take_string(text, len, &i);
        s->type = s->name ? key_take_string(text, len, &i) : NULL;
        if (!s->type || count > n / 2) {
            free(syms);
            return NULL;
        }
    }
    /* Stored sorted; checked rather than trusted, since bsearch needs it. */
    if (!sorted_by_name(syms, count))
        qsort(syms, count, sizeof *syms, symbol_cmp);
    *nsyms = count;
    return syms;
}

size_t module_cache_bytes(const mj_module *mod) {
    size_t n = sizeof *mod + mod->ident_len + (mod->blob ? mod->blob_len : mod->ident_len);
    for (size_t i = 0; i < mod->nsyms; i++)
        n += sizeof mod->syms[i] + strlen(mod->syms[i].name) + strlen(mod->syms[i].type) + 2;
    return n;
}

mj_module *mj_module_retain(mj_module *mod) {
    if (mod)
        atomic_fetch_add(&mod->refs, 1);
    return mod;
}

static void run_destructors(mj_module *mod);

void mj_module_release(mj_module *mod) {
    if (!mod || atomic_fetch_sub(&mod->refs, 1) != 1)
        return;
    run_destructors(mod);
    free_symbols(mod->syms, mod->nsyms);
    free_symbols(mod->imports, mod->nimports);
    free(mod->init_pending);
    link_free(mod->linked);
    memload_close(&mod->loaded);
    free(mod->blob);
    free(mod->ident);
    deps_free(&mod->deps);
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

const void *mj_module_blob(const mj_module *mod, size_t *len) {
    if (len)
        *len = mod && mod->blob ? mod->blob_len : 0;
    return mod ? mod->blob : NULL;
}

/* ---------------------------------------------------------------------
 * Typed lookup
 * ------------------------------------------------------------------- */

static const ModuleSymbol *find_symbol(const mj_module *m, const char *name) {
    if (m->nsyms == 0)      // mj_load_blob's modules: bsearch wants a non-NULL base
        return NULL;
    ModuleSymbol key = {.name = (char *)name};
    return bsearch(&key, m->syms, m->nsyms, sizeof *m->syms, symbol_cmp);
}

typedef int (*PriorityStep)(int);

/* A unit's __mj_ctors or __mj_dtors (parse.c's make_ctor_caller), if it
 * has one: a function the module lists (it may be hidden); in a module
 * without types (mj_load_blob's), the unit's symbol of that name. */
static PriorityStep priority_step(mj_module *mod, size_t unit, const char *name) {
    const ModuleSymbol *s = find_symbol(mod, name);
    if (!mod->untyped && (!s || !s->is_function))
        return NULL;
    void *code = unit_symbol(mod, unit, name);
    PriorityStep fn = NULL;
    memcpy(&fn, &code, sizeof fn);   // ISO C: no cast from object pointer
    return fn;
}

/* Above every priority a step function knows (stored + 1: 65536 + 1). */
#define PRIORITY_ABOVE_ALL 65538

/* Runs every unit's constructors (or destructors) as ld's sorted
 * .init_array (.fini_array) runs them: the lowest priority first, and
 * within one priority unit by unit in the order given (destructors: the
 * highest first, the last unit first). A priority at a time: ask each unit
 * for its next group, run the nearest in every unit that has it. */
static void run_by_priority(mj_module *mod, const char *name, bool dtors) {
    size_t n = unit_count(mod);
    int done = dtors ? PRIORITY_ABOVE_ALL : 0;
    for (;;) {
        int nearest = 0;
        for (size_t u = 0; u < n; u++) {
            PriorityStep step = priority_step(mod, u, name);
            int q = step ? step(-done) : 0;
            if (q && (!nearest || (dtors ? q > nearest : q < nearest)))
                nearest = q;
        }
        if (!nearest)
            return;
        for (size_t k = 0; k < n; k++) {
            size_t u = dtors ? n - 1 - k : k;
            PriorityStep step = priority_step(mod, u, name);
            if (step)
                step(nearest);
        }
        done = nearest;
    }
}

void module_construct(mj_module *mod) {
    if (mod->constructed)
        return;
    mod->constructed = true;
    run_by_priority(mod, "__mj_ctors", false);
    for (size_t u = 0; u < unit_count(mod); u++)
        mod->has_destructors |= priority_step(mod, u, "__mj_dtors") != NULL;
}

static void run_destructors(mj_module *mod) {
    if (mod->has_destructors)
        run_by_priority(mod, "__mj_dtors", true);
}

/* The message into the caller's errbuf, and the status st: a failure is
 * one return statement. */
#define fail(errbuf, errlen, st, ...) (errbuf_printf(errbuf, errlen, __VA_ARGS__), (st))

/* Parses the caller's type string and spells it canonically. Returns
 * MJ_OK and a malloc'ed string in *canon, or MJ_ERR_BAD_TYPE with the
 * front end's message in errbuf. */
static mj_status canonical_type(const char *text, char **canon, char *errbuf,
                                size_t errlen) {
    bool is_function;
    return module_canonical_type(text, canon, &is_function, errbuf, errlen);
}

/* The caller's type string parsed under the boundary. */
typedef struct TypeSpelling {
    Compile *c;
    const char *text;
    char *canon;
    bool is_function;
    mj_status st;
} TypeSpelling;

static void spell_type(void *arg) {
    TypeSpelling *t = arg;
    Type *ty = parse_type_name_string(t->c, t->text);
    if (!ty || t->c->error_count) {
        t->st = MJ_ERR_BAD_TYPE;
        return;
    }
    t->is_function = ty->kind == TY_FUNC;
    t->canon = void_params(type_to_string(t->c, ty));   /* the arena's last use */
    t->st = t->canon ? MJ_OK : MJ_ERR_NOMEM;
}

mj_status module_canonical_type(const char *text, char **canon, bool *is_function,
                                char *errbuf, size_t errlen) {
    *canon = NULL;
    *is_function = false;
    TypeSpelling t = {.c = compile_new(), .text = text};
    if (!t.c)
        return fail(errbuf, errlen, MJ_ERR_NOMEM, "out of memory");
    Escape why = run_protected(&t.c->bail, spell_type, &t);
    if (why != ESCAPE_NONE)
        t.st = why == ESCAPE_OUT_OF_MEMORY ? MJ_ERR_NOMEM : MJ_ERR_BAD_TYPE;
    if (t.st == MJ_ERR_BAD_TYPE) {
        const mj_diag *d = mj_diags_get(t.c->diags, 0);
        errbuf_printf(errbuf, errlen, "'%s' is not a C type name: %s", text,
                      d ? d->message : "cannot parse it");
    } else if (t.st == MJ_ERR_NOMEM) {
        errbuf_printf(errbuf, errlen, "out of memory");
    }
    compile_free(t.c);
    *canon = t.canon;
    *is_function = t.is_function;
    return t.st;
}

const char *mj_module_symbol_type(const mj_module *mod, const char *name) {
    if (!mod || !name)
        return NULL;
    const ModuleSymbol *s = find_symbol(mod, name);
    return s ? s->type : NULL;
}

/* A module from mj_load_blob has no recorded C types: the type string must
 * still be a C type name, but only the name is looked for. */
static mj_status lookup_untyped(mj_module *mod, const char *name, const char *type,
                                void **out, char *errbuf, size_t errlen) {
    char *canon;
    mj_status st = canonical_type(type, &canon, errbuf, errlen);
    if (st != MJ_OK)
        return st;
    free(canon);
    void *addr = own_symbol(mod, name);
    if (!addr)
        return fail(errbuf, errlen, MJ_ERR_NOT_FOUND,
                    "no exported symbol '%s' in the %s", name,
                    mod->linked ? "object" : "shared object");
    *out = addr;
    return MJ_OK;
}

mj_status mj_lookup_ex(mj_module *mod, const char *name, const char *type,
                       void **out, char *errbuf, size_t errlen) {
    if (out)
        *out = NULL;
    if (errbuf && errlen)
        errbuf[0] = '\0';
    if (!mod || !name || !type || !out)
        return fail(errbuf, errlen, MJ_ERR_ARG, "mj_lookup: NULL argument");
    if (mod->untyped)
        return lookup_untyped(mod, name, type, out, errbuf, errlen);
    const ModuleSymbol *s = find_symbol(mod, name);
    if (!s)
        return fail(errbuf, errlen, MJ_ERR_NOT_FOUND, "no symbol '%s' in the module", name);
    if (s->is_static)
        return fail(errbuf, errlen, MJ_ERR_NOT_FOUND,
                    "'%s' is static in the module (internal linkage): it cannot be looked up",
                    name);
    if (s->is_hidden)
        return fail(errbuf, errlen, MJ_ERR_NOT_FOUND,
                    "'%s' has hidden visibility in the module: it cannot be looked up", name);
    /* The common case: the caller spelt the type canonically. */
    if (strcmp(type, s->type) != 0) {
        char *canon;
        mj_status st = canonical_type(type, &canon, errbuf, errlen);
        if (st != MJ_OK)
            return st;
        bool same = strcmp(canon, s->type) == 0;
        if (!same)
            errbuf_printf(errbuf, errlen, "symbol '%s' has type '%s', not '%s'", name,
                          s->type, canon);
        free(canon);
        if (!same)
            return MJ_ERR_TYPE;
    }
    /* a thread-local variable: the calling thread's copy, not the one
     * of the thread that loaded the module */
    void *addr = mod->linked && link_symbol_is_tls(mod->linked, name)
                     ? link_symbol(mod->linked, name) : s->addr;
    if (!addr)
        return fail(errbuf, errlen, MJ_ERR_JIT, "symbol '%s' has no address in the loaded code", name);
    *out = addr;
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

/* ---------------------------------------------------------------------
 * The import table (docs/host.md)
 *
 * lower.c reaches every host function and variable the code uses through
 * an exported pointer __mj_imp_<name>, and lists them in an exported
 * byte table __mj_imports: per import, 'F' or 'V', the name and the
 * canonical type, each NUL-terminated; a NUL byte ends the table. The
 * table travels inside the object, so a module from the store or
 * from mj_load_blob is bound exactly as a fresh compile is.
 * ------------------------------------------------------------------- */

/* Unit `unit`'s table appended to mod->imports as ModuleSymbols, addr
 * left NULL; an 'I' entry (the unit has an initialiser) sets
 * mod->init_pending[unit] instead. False on OOM. */
static bool read_import_table(mj_module *mod, size_t unit, const char *p) {
    size_t count = 0;
    for (const char *q = p; *q; q += strlen(q) + 1) {
        count += *q != 'I';
        q += strlen(q) + 1;
    }
    ModuleSymbol *v = mem_realloc(mod->imports, (mod->nimports + count + 1) * sizeof *v);
    if (!v)
        return false;
    mod->imports = v;
    for (; *p; p += strlen(p) + 1) {
        if (*p == 'I') {
            mod->init_pending[unit] = true;
            p += strlen(p) + 1;
            continue;
        }
        ModuleSymbol *imp = &v[mod->nimports];
        *imp = (ModuleSymbol){.is_function = *p == 'F', .unit = unit,
                              .name = mem_strdup(p + 1)};
        p += strlen(p) + 1;
        imp->type = mem_strdup(p);
        mod->nimports++;
        if (!imp->name || !imp->type)
            return false;
    }
    return true;
}

/* Every unit's import table, read once; sorted by name for
 * mj_module_symbol_type's and the tests' sake. */
static bool read_import_tables(mj_module *mod) {
    size_t n = unit_count(mod);
    mod->init_pending = mem_calloc(n, sizeof *mod->init_pending);
    if (!mod->init_pending)
        return false;
    for (size_t u = 0; u < n; u++) {
        const char *table = unit_symbol(mod, u, "__mj_imports");
        if (table && !read_import_table(mod, u, table))
            return false;
    }
    if (mod->nimports)
        qsort(mod->imports, mod->nimports, sizeof *mod->imports, symbol_cmp);
    return true;
}

/* Fills one slot; a status and a message when the host cannot. */
static mj_status bind_one(mj_module *mod, ModuleSymbol *imp, const mj_runtime *rt,
                          char *errbuf, size_t errlen) {
    const char *what = imp->is_function ? "function" : "variable";
    const HostSymbol *h = host_symbol_find(rt, imp->name);
    if (!h || h->is_function != imp->is_function)
        return fail(errbuf, errlen, MJ_ERR_NOT_FOUND,
                    "the code uses the host %s '%s' of type '%s', which this runtime does "
                    "not define", what, imp->name, imp->type);
    if (strcmp(h->type, imp->type) != 0)
        return fail(errbuf, errlen, MJ_ERR_TYPE,
                    "the code uses the host %s '%s' as '%s', but this runtime defines it "
                    "as '%s'", what, imp->name, imp->type, h->type);
    char slot_name[300];
    snprintf(slot_name, sizeof slot_name, "__mj_imp_%s", imp->name);
    void **slot = unit_symbol(mod, imp->unit, slot_name);
    if (!slot)
        return fail(errbuf, errlen, MJ_ERR_JIT, "the import slot of '%s' is missing",
                    imp->name);
    /* Written only when it changes: a cache hit binds a module that other
     * threads may be running. */
    if (*slot != h->addr)
        *slot = h->addr;
    if (imp->addr != slot)
        imp->addr = slot;
    return MJ_OK;
}

/* Host addresses in file-scope initialisers are stored by the module's
 * __mj_init, once its slots are filled and before the module is shared
 * (lower.c, emit_host_fixups). Once: the program may change those
 * variables afterwards, and a later binding (a cache hit after the host
 * defined a name again) must not undo that. */
static mj_status run_initialisers(mj_module *mod, char *errbuf, size_t errlen) {
    for (size_t u = 0; mod->init_pending && u < unit_count(mod); u++) {
        if (!mod->init_pending[u])
            continue;
        void (*init)(void) = NULL;
        void *code = unit_symbol(mod, u, "__mj_init");
        memcpy(&init, &code, sizeof init);   // ISO C: no cast from object pointer
        if (!init)
            return fail(errbuf, errlen, MJ_ERR_JIT, "the module's initialiser is missing");
        mod->init_pending[u] = false;
        init();
    }
    return MJ_OK;
}

mj_status module_bind_imports(mj_module *mod, const mj_runtime *rt, char *errbuf,
                              size_t errlen) {
    if (errbuf && errlen)
        errbuf[0] = '\0';
    /* Read once, before the module is shared; later calls (a cache hit
     * after the host defined a name again) only fill the slots again. */
    if (!mod->imports_read) {
        if (!read_import_tables(mod))
            return fail(errbuf, errlen, MJ_ERR_NOMEM, "out of memory");
        mod->imports_read = true;
    }
    for (size_t i = 0; i < mod->nimports; i++) {
        mj_status st = bind_one(mod, &mod->imports[i], rt, errbuf, errlen);
        if (st != MJ_OK)
            return st;
    }
    return run_initialisers(mod, errbuf, errlen);
}
