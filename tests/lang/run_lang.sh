#!/bin/bash
# run_lang.sh MEMJIT GCC FILE [OPTION]
#
# Runs one language test: compiled by gcc (the reference) and by memjit
# three times: at -O2 compiled, then loaded from a private store, and at
# -O0 (a wrong-code bug can depend on the level). All runs get the same
# arguments and an empty stdin. The test passes only when their stdout
# and exit status agree and all exit 0.
set -u

if [ $# -ne 3 ] && [ $# -ne 4 ]; then
    echo "usage: $0 MEMJIT GCC FILE [OPTION]" >&2
    exit 2
fi
memjit=$1
case $memjit in
    */*) memjit="$(cd "$(dirname "$memjit")" && pwd)/$(basename "$memjit")" ;;
esac
gcc=$2
file=$3
# A UTF-8 environment, the same for both builds: a program that never calls
# setlocale must still run in the "C" locale (see locale_untouched.c).
export LC_ALL=C.UTF-8
args=(a b c)

tmp=$(mktemp -d "${TMPDIR:-/tmp}/memjit-lang.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT

# memjit's public API has no include path for "quoted" headers, so
# test.h is pasted in place of its #include line; gcc compiles the very
# same text, so both see identical line numbers.
dir=$(dirname "$file")
src="$tmp/$(basename "$file")"
awk -v header="$dir/test.h" '
    /^#include "test.h"/ { while ((getline line < header) > 0) print line; next }
    { print }
' "$file" >"$src" || exit 2
file=$src
# A test may ask for memjit options on a line of its own, e.g.
#   /* memjit-options: -fpermissive */
# (gcc 12 needs none: it takes old C with warnings, which -w silences).
# OPTION, the fourth argument, is one more for every memjit run.
read -r -a options < <(sed -n 's|^/\* memjit-options: \(.*\) \*/$|\1|p' "$file" | head -1)
[ $# -eq 4 ] && options+=("$4")

if ! "$gcc" -std=c11 -O2 -w -o "$tmp/ref" "$file" -lm 2>"$tmp/gcc.err"; then
    echo "FAIL: gcc rejects $file (the test itself is wrong):"
    cat "$tmp/gcc.err"
    exit 1
fi

timeout 60 "$tmp/ref" "${args[@]}" </dev/null >"$tmp/ref.out" 2>"$tmp/ref.err"
ref_status=$?
# From inside the temp folder, so that diagnostics name just the file, with
# a store of its own: the first run compiles and fills it, the second must
# load the code from it (no compile) and behave the same.
run_memjit() {
    local name=$1
    shift
    (cd "$tmp" && XDG_CACHE_HOME="$tmp/cache" exec timeout 60 "$memjit" run -v ${options[@]+"${options[@]}"} "$@" \
        "$(basename "$file")" "${args[@]}") </dev/null >"$tmp/$name.out" 2>"$tmp/$name.err"
}
run_memjit jit
jit_status=$?
run_memjit hit
hit_status=$?
run_memjit o0 -O0 --no-cache
o0_status=$?

ok=1
if ! cmp -s "$tmp/ref.out" "$tmp/jit.out"; then
    echo "FAIL: stdout differs (--- gcc, +++ memjit):"
    diff -u --label gcc --label memjit "$tmp/ref.out" "$tmp/jit.out" | head -200
    ok=0
fi
if [ "$ref_status" != "$jit_status" ]; then
    echo "FAIL: exit status differs: gcc $ref_status, memjit $jit_status"
    ok=0
fi
if ! cmp -s "$tmp/ref.out" "$tmp/o0.out" || [ "$ref_status" != "$o0_status" ]; then
    echo "FAIL: at -O0, stdout or exit status differs (gcc $ref_status, memjit $o0_status):"
    diff -u --label gcc --label 'memjit -O0' "$tmp/ref.out" "$tmp/o0.out" | head -100
    grep -v '^memjit: front end' "$tmp/o0.err" | head -20
    ok=0
fi
if [ "$ref_status" != 0 ]; then
    echo "FAIL: the gcc build exits with $ref_status (the test fails under gcc)"
    ok=0
fi
if ! grep -q '^memjit: front end' "$tmp/jit.err"; then
    echo "FAIL: the first memjit run did not compile"
    ok=0
fi
if ! grep -q 'loaded from the store' "$tmp/hit.err" ||
   ! cmp -s "$tmp/jit.out" "$tmp/hit.out" || [ "$hit_status" != "$jit_status" ]; then
    echo "FAIL: the second run, loaded from the store, differs (or did not hit):"
    diff -u --label compiled --label stored "$tmp/jit.out" "$tmp/hit.out" | head -50
    head -5 "$tmp/hit.err"
    ok=0
fi
if grep -qv '^memjit: \(front end\|loaded from the store\)' "$tmp/jit.err"; then
    echo "memjit stderr:"
    grep -v '^memjit: front end' "$tmp/jit.err" | head -50
fi
if [ $ok = 1 ]; then
    echo "PASS: $(basename "$file") ($(wc -l <"$tmp/ref.out") lines of output agree)"
    exit 0
fi
exit 1
