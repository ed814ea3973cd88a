#!/usr/bin/env python3
"""gen_layout_test.py SEED COUNT > FILE.c

Writes a C program of COUNT random structs and unions: bit-fields of every
integer type and width (zero-width and unnamed too), plain members, packed
and aligned(N) on structs and members, #pragma pack(N). The program prints
each one's size, alignment, array stride, member offsets, the bytes each
bit-field covers and a value read back. Compared with gcc's build of the
same file it checks memjit's layout rules (tests/lang/layout_generated.c
is seed 42, 80 records; other seeds explore).
"""
import random, sys
seed = int(sys.argv[1]); n = int(sys.argv[2])
r = random.Random(seed)
types = [('char',8),('signed char',8),('unsigned char',8),('short',16),('unsigned short',16),('int',32),('unsigned',32),('long',64),('unsigned long',64),('long long',64),('unsigned long long',64),('_Bool',1)]
plain = ['char','short','int','long','double','float','long double','char*']
out = ['#include <stdio.h>','#include <string.h>','#include <stddef.h>',
 'static void dump(const char *w, const void *p, size_t n) { const unsigned char *b = p; printf("%s:", w); for (size_t i = 0; i < n; i++) printf(" %02x", b[i]); printf("\\n"); }']
mains = []
for i in range(n):
    kind = 'union' if r.random() < 0.15 else 'struct'
    pack = r.choice([None]*5 + [1,2,4,8])
    packed = r.random() < 0.2
    aligned = r.choice([None]*6 + [1,2,4,8,16])
    members = []
    for j in range(r.randint(1,7)):
        if r.random() < 0.65:
            t, tw = r.choice(types)
            w = r.randint(0, tw) if tw > 1 else 1
            if w == 0 and r.random() < 0.7: w = 1
            name = 'f%d' % j if w > 0 and r.random() < 0.9 else ''
            if w == 0: name = ''
            attr = ' __attribute__((packed))' if r.random() < 0.1 else ''
            members.append(('bf', t, name, w, attr))
        else:
            t = r.choice(plain)
            attr = ''
            x = r.random()
            if x < 0.1: attr = ' __attribute__((packed))'
            elif x < 0.18: attr = ' __attribute__((aligned(%d)))' % r.choice([1,2,4,8,16])
            members.append(('m', t, 'm%d' % j, 0, attr))
    if not any(m[2] for m in members):
        members.append(('m', 'int', 'mz', 0, ''))
    if pack: out.append('#pragma pack(push, %d)' % pack)
    sattr = []
    if packed: sattr.append('packed')
    if aligned: sattr.append('aligned(%d)' % aligned)
    sa = (' __attribute__((%s))' % ', '.join(sattr)) if sattr else ''
    body = []
    for m in members:
        if m[0] == 'bf': body.append('%s %s : %d%s;' % (m[1], m[2], m[3], m[4]))
        else: body.append('%s %s%s;' % (m[1], m[2], m[4]))
    out.append('%s%s S%d { %s };' % (kind, sa, i, ' '.join(body)))
    if pack: out.append('#pragma pack(pop)')
    T = '%s S%d' % (kind, i)
    code = ['{ static %s a[2]; %s x; printf("S%d %%zu %%zu %%td\\n", sizeof(%s), _Alignof(%s), (char*)&a[1]-(char*)&a[0]);' % (T, T, i, T, T)]
    for m in members:
        if not m[2]: continue
        if m[0] == 'm':
            code.append('printf(" %s@%%zu", offsetof(%s, %s));' % (m[2], T, m[2]))
        else:
            code.append('memset(&x, 0, sizeof x); x.%s = -1; dump("%s", &x, sizeof x); x.%s = 0x%x; printf(" %%lld", (long long)x.%s);' % (m[2], m[2], m[2], r.getrandbits(64) & ((1<<m[3])-1 if m[3] < 64 else (1<<64)-1), m[2]))
    code.append('printf("\\n"); }')
    mains.append(' '.join(code))
out.append('int main(void) {')
out += mains
out.append('return 0; }')
print('\n'.join(out))
