/*
 * host.c - what the host exposes to compiled code (docs/host.md): its
 * functions and variables (mj_define_function, mj_define_variable), kept
 * sorted by name with their canonical types, and the headers it serves
 * (mj_define_header); and the fingerprint of all of it that every cache
 * key carries, so that a module built against one set of definitions is
 * never taken for one built against another.
 *
 * Below the runtime: api.c creates and frees the table with the runtime,
 * expr.c (through Compile.host_symbol) checks declarations against it,
 * module.c fills a module's import table from it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime.h"

void host_table_free(mj_runtime *rt) {
    for (size_t i = 0; i < rt->nhost_syms; i++) {
        free(rt->host_syms[i].name);
        free(rt->host_syms[i].type);
    }
    free(rt->host_syms);
    for (size_t i = 0; i < rt->nhost_headers; i++) {
        free(rt->host_headers[i].name);
        free(rt->host_headers[i].text);
    }
    free(rt->host_headers);
}

static int host_symbol_cmp(const void *a, const void *b) {
    return strcmp(((const HostSymbol *)a)->name, ((const HostSymbol *)b)->name);
}

const HostSymbol *host_symbol_find(const mj_runtime *rt, const char *name) {
    if (!rt->nhost_syms)
        return NULL;
    HostSymbol key = {.name = (char *)name};
    return bsearch(&key, rt->host_syms, rt->nhost_syms, sizeof key, host_symbol_cmp);
}

const HostHeader *host_header_find(const mj_runtime *rt, const char *name) {
    for (size_t i = 0; i < rt->nhost_headers; i++)
        if (!strcmp(rt->host_headers[i].name, name))
            return &rt->host_headers[i];
    return NULL;
}

/* The fingerprint the cache key carries: every name, kind, type and
 * header text, in a fixed order; never an address, so that another
 * process with the same declarations finds the same keys. Hashed as it
 * is read: nothing to allocate, so nothing that can fail. */
static void feed_string(KeyFeed *f, const char *s) {
    key_feed(f, s, strlen(s) + 1);   /* with its NUL: "ab"+"c" is not "a"+"bc" */
}

static void feed_host_table(void *ctx, KeyFeed *f) {
    const mj_runtime *rt = ctx;
    for (size_t i = 0; i < rt->nhost_syms; i++) {
        const HostSymbol *h = &rt->host_syms[i];
        key_feed(f, h->is_function ? "F" : "V", 1);
        feed_string(f, h->name);
        feed_string(f, h->type);
    }
    for (size_t i = 0; i < rt->nhost_headers; i++) {
        const HostHeader *h = &rt->host_headers[i];
        char len[32];
        key_feed(f, "H", 1);
        feed_string(f, h->name);
        key_feed(f, len, (size_t)snprintf(len, sizeof len, "%zu:", h->len));
        key_feed(f, h->text, h->len);
    }
}

static void update_host_fingerprint(mj_runtime *rt) {
    key_hash_stream(feed_host_table, rt, &rt->host_fp);
}

static mj_status define_symbol(mj_runtime *rt, const char *name, void *address,
                               const char *type, bool is_function) {
    if (!rt || !name || !address || !type || !is_c_identifier(name))
        return MJ_ERR_ARG;
    char *canon;
    bool type_is_function;
    mj_status st = module_canonical_type(type, &canon, &type_is_function, NULL, 0);
    if (st != MJ_OK)
        return st;
    if (type_is_function != is_function || !strcmp(canon, "void")) {
        free(canon);
        return MJ_ERR_BAD_TYPE;
    }
    HostSymbol *old = (HostSymbol *)host_symbol_find(rt, name);
    if (old) {
        free(old->type);
        old->type = canon;
        old->addr = address;
        old->is_function = is_function;
        update_host_fingerprint(rt);
        return MJ_OK;
    }
    HostSymbol *v = mem_realloc(rt->host_syms, (rt->nhost_syms + 1) * sizeof *v);
    char *copy = mem_strdup(name);
    if (v)
        rt->host_syms = v;
    if (!v || !copy) {
        free(canon);
        free(copy);
        return MJ_ERR_NOMEM;
    }
    v[rt->nhost_syms++] = (HostSymbol){.name = copy, .type = canon, .addr = address,
                                       .is_function = is_function};
    qsort(v, rt->nhost_syms, sizeof *v, host_symbol_cmp);
    update_host_fingerprint(rt);
    return MJ_OK;
}

mj_status mj_define_function(mj_runtime *rt, const char *name, void *address,
                             const char *type) {
    return define_symbol(rt, name, address, type, true);
}

mj_status mj_define_variable(mj_runtime *rt, const char *name, void *address,
                             const char *type) {
    return define_symbol(rt, name, address, type, false);
}

mj_status mj_define_header(mj_runtime *rt, const char *name, const char *text, size_t len) {
    if (!rt || !name || !*name || (!text && len))
        return MJ_ERR_ARG;
    char *copy = mem_malloc(len + 1);
    if (!copy)
        return MJ_ERR_NOMEM;
    if (len)
        memcpy(copy, text, len);
    copy[len] = '\0';
    HostHeader *old = (HostHeader *)host_header_find(rt, name);
    if (old) {
        free(old->text);
        old->text = copy;
        old->len = len;
        update_host_fingerprint(rt);
        return MJ_OK;
    }
    HostHeader *v = mem_realloc(rt->host_headers, (rt->nhost_headers + 1) * sizeof *v);
    char *name_copy = mem_strdup(name);
    if (v)
        rt->host_headers = v;
    if (!v || !name_copy) {
        free(copy);
        free(name_copy);
        return MJ_ERR_NOMEM;
    }
    v[rt->nhost_headers++] = (HostHeader){.name = name_copy, .text = copy, .len = len};
    update_host_fingerprint(rt);
    return MJ_OK;
}
