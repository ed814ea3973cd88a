/*
 * abi.c - how the System V x86-64 ABI passes an argument of a C type.
 *
 * libgccjit passes arguments itself, so memjit needs the ABI's rules in
 * two places only, both about variadic functions, which libgccjit 12
 * cannot define: va_arg (expr.c) reads an argument from where the
 * caller put it, and the variadic entry stub (lower.c) must know which
 * named arguments came in registers and which on the stack. Both ask
 * abi_classify, so that they cannot disagree.
 *
 * The rule (ABI 3.2.3), for C's types (no __m128): an
 * object over 16 bytes, or a long double, goes in memory. A smaller one
 * is split into eightbytes; each is SSE if only float and double lie in
 * it, else INTEGER; if any of its parts is in memory, all of it is.
 */
#include "front.h"

/* The class of each eightbyte of the part of an object of type ty at
 * `offset`, merged into cls. */
static void classify_eightbytes(Type *ty, int offset, AbiClass cls[2]) {
    ty = unqual(ty);
    if (ty->kind == TY_STRUCT || ty->kind == TY_UNION) {
        for (Member *m = ty->members; m; m = m->next)
            classify_eightbytes(m->ty, offset + m->offset, cls);
        return;
    }
    if (ty->kind == TY_ARRAY) {
        for (int i = 0; i < ty->array_len && ty->base->size > 0; i++)
            classify_eightbytes(ty->base, offset + i * ty->base->size, cls);
        return;
    }
    int i = offset / 8;
    if (i > 1)
        return;
    if (ty->kind == TY_COMPLEX) {   /* two of its parts, one after the other */
        classify_eightbytes(ty->base, offset, cls);
        classify_eightbytes(ty->base, offset + ty->base->size, cls);
        return;
    }
    if (ty->kind == TY_LDOUBLE)
        cls[0] = cls[1] = ABI_MEM;
    else if (ty->kind == TY_INT128)   /* 16-aligned: offset 0, both halves */
        cls[0] = cls[1] = cls[0] == ABI_MEM ? ABI_MEM : ABI_GP;
    else if (ty->kind == TY_FLOAT || ty->kind == TY_DOUBLE)
        cls[i] = cls[i] == ABI_NONE ? ABI_SSE : cls[i];
    else if (cls[i] != ABI_MEM)
        cls[i] = ABI_GP;
}

AbiArg abi_classify(Type *ty) {
    ty = unqual(ty);
    AbiArg a = {{ABI_NONE, ABI_NONE}, 0, 0};
    // An array or function parameter is passed as the pointer it decays to.
    if (ty->kind == TY_INT128)
        a.cls[0] = a.cls[1] = ABI_GP;   /* two registers or the stack (ABI 3.2.3) */
    else if (ty->kind == TY_ARRAY || ty->kind == TY_FUNC || ty->kind == TY_PTR || is_integer(ty))
        a.cls[0] = ABI_GP;
    else if (ty->kind == TY_FLOAT || ty->kind == TY_DOUBLE)
        a.cls[0] = ABI_SSE;
    else if (ty->size > 16 || ty->kind == TY_LDOUBLE)
        a.cls[0] = ABI_MEM;
    else if (ty->size > 0)
        classify_eightbytes(ty, 0, a.cls);
    if (a.cls[0] == ABI_MEM || a.cls[1] == ABI_MEM) {
        a.cls[0] = a.cls[1] = ABI_MEM;
        return a;
    }
    for (int i = 0; i < 2; i++) {
        a.gp += a.cls[i] == ABI_GP;
        a.sse += a.cls[i] == ABI_SSE;
    }
    return a;
}
