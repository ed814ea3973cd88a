#!/bin/bash
# run_examples.sh WHICH EXE [ARGS...] - runs one example the way a user
# would, in a fresh temporary folder, and checks what it prints.
#   load_blob EXE PLUGIN.so   the whole example
#   calc EXE                  a fixed expression: plot, timing line; a
#                             malformed one exits 1 with a caret
#   plugins EXE               two starts: first compiles, second loads
set -u
which=$1 exe=$2
shift 2
case $exe in   # the plugins test runs it from another folder
    */*) exe="$(cd "$(dirname "$exe")" && pwd)/$(basename "$exe")" ;;
esac
dir=$(mktemp -d "${TMPDIR:-/tmp}/memjit-example.XXXXXX")
trap 'rm -rf "$dir"' EXIT
failed=0

expect() {   # expect DESCRIPTION PATTERN TEXT: grep -E PATTERN in TEXT
    if ! grep -qE -- "$2" <<<"$3"; then
        echo "FAIL: $which: $1 (no match for '$2')"
        failed=1
    fi
}

status() {   # status DESCRIPTION WANT GOT
    if [ "$2" != "$3" ]; then
        echo "FAIL: $which: $1: exit status $3, expected $2"
        failed=1
    fi
}

case $which in
load_blob)
    out=$("$exe" "$dir" "$1" 2>&1); status "run" 0 $?
    echo "$out"
    expect "stored the blob" '^stored load_blob_plugin.so \([0-9]+ bytes' "$out"
    expect "loaded it" 'loaded them with mj_load_blob' "$out"
    expect "called it" '^plugin_hypot\(3, 4\) = 5$' "$out"
    expect "snprintf through it" '^plugin_describe\(7\) = "7 is odd, its square is 49"$' "$out"
    expect "its variable" '^plugin_calls = 2$' "$out"
    expect "no named file" 'mapped from: (/memfd:|.*\(deleted\))' "$out"
    [ -s "$dir/load_blob.db" ] || { echo "FAIL: load_blob: no database"; failed=1; }
    out=$("$exe" "$dir" "$1" 2>&1); status "second run on the same database" 0 $?
    out=$("$exe" "$dir" "$dir/missing.so" 2>&1); status "missing shared object" 1 $?
    ;;
calc)
    out=$("$exe" 'sin(x) * x + x^2/4' -3 3 2>&1); status "run" 0 $?
    echo "$out"
    expect "the C it compiled" '^compiled as C: \(\(sin\(x\) \* x\) \+ \(pow\(x, 2.0\) / 4.0\)\)' "$out"
    expect "a plot" '^ +\| +\*' "$out"
    expect "the plot's frame" '^ +\+-{60}\+$' "$out"
    expect "the timing line" '^1000000 points: memjit [0-9.]+ ns/point, tree walker [0-9.]+ ns/point: ratio [0-9.]+x$' "$out"
    out=$("$exe" 'fabs(x) < 1 ? x : 1 / x' -2 2 2>&1); status "a C expression beyond the grammar" 0 $?
    expect "compiled without the tree walker" 'tree walker does not read this expression' "$out"
    out=$("$exe" 'sin(x) * (x +' -3 3 2>&1); status "malformed expression" 1 $?
    echo "$out"
    expect "memjit's diagnostic" '^<expr>:1:[0-9]+: error: ' "$out"
    expect "the expression under it" '^ sin\(x\) \* \(x \+$' "$out"
    expect "a caret" '^ +\^' "$out"
    out=$("$exe" 'x' 3 -3 2>&1); status "empty range" 2 $?
    ;;
plugins)
    out=$(cd "$dir" && "$exe" 2>&1); status "first start" 0 $?
    echo "$out"
    expect "seeded" '^first start in \.: created plugins.db' "$out"
    expect "compiled" '^  greeter.c +compiled in' "$out"
    expect "called back into the host" '\[greeter.c\] hello from a plugin' "$out"
    expect "refused a wrong declaration" '^  wrong_type.c +rejected' "$out"
    expect "the first start's count" '^3 compiled .*, 0 loaded from the store' "$out"
    out=$(cd "$dir" && "$exe" 2>&1); status "second start" 0 $?
    echo "$out"
    expect "found its database" '^plugin sources from \./plugins.db' "$out"
    expect "loaded, not compiled" '^  greeter.c +loaded from the store in' "$out"
    expect "host calls work from stored code" '\[report.c\] counter = 10, sqrt\(10\) = 3.1623' "$out"
    expect "the second start's count" '^0 compiled .*, 3 loaded from the store without compiling' "$out"
    expect "no libgccjit" 'libgccjit was never loaded' "$out"
    expect "the code is in the host's own database" '^plugins.db holds 3 compiled plugins' "$out"
    files=$(cd "$dir" && ls -A | tr '\n' ' ')
    [ "$files" = "plugins.db " ] || { echo "FAIL: plugins: files besides plugins.db: $files"; failed=1; }
    out=$("$exe" "$dir/sub" 2>&1); status "folder given, second folder missing" 1 $?
    ;;
*)
    echo "run_examples.sh: unknown example '$which'"; exit 2 ;;
esac
exit $failed
