#!/bin/bash
# run_gdb.sh MEMJIT LIBMEMJIT - gdb on code memjit compiled and linked in
# memory (the GDB JIT interface, src/jitdebug.c): breakpoints by name and
# by file:line set before the code exists, locals, arguments, globals,
# backtraces through the compiled frames into memjit's own main, finish,
# and a normal exit; on a fresh compile (--no-cache), at -O2, and on code
# loaded from the store without a compile. Fails when any expected line
# is missing from gdb's output (docs/debugging.md).
set -u
absolute() { case $1 in /*) echo "$1" ;; *) echo "$(pwd)/$1" ;; esac; }
memjit=$(absolute "$1") lib=$(absolute "$2")
cd "$(dirname "$0")"
prog=$(pwd)/prog.c
passed=0 failed=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/memjit-gdb.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

command -v gdb >/dev/null || { echo "FAIL: gdb is not installed (scripts/install-packages.sh)"; exit 1; }

# LeakSanitizer cannot run under ptrace, and says so with a fatal error at
# exit: in the ASan build (scripts/gates.sh asan) the program gdb runs
# checks memory errors but not leaks; the other tests check those.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"

ok() { passed=$((passed + 1)); }
bad() { echo "FAIL: $*"; failed=$((failed + 1)); }

# has NAME FILE TEXT: gdb's output FILE holds the exact line fragment TEXT
# (grep -F); has_re NAME FILE REGEX: a line matching REGEX (grep -E).
has() { if grep -qF -- "$3" "$2"; then ok; else bad "$1: no '$3' in gdb's output"; fi; }
has_re() { if grep -qE -- "$3" "$2"; then ok; else bad "$1: no /$3/ in gdb's output"; fi; }

# debug NAME GDB-COMMAND... -- MEMJIT-ARGUMENTS...: one batch gdb run,
# its output in $tmp/NAME.out (printed when a check of it fails).
debug() {
    local name=$1 args=()
    shift
    while [ "$1" != -- ]; do args+=(-ex "$1"); shift; done
    shift
    timeout 60 gdb -batch -nx -ex 'set breakpoint pending on' "${args[@]}" \
        --args "$memjit" "$@" >"$tmp/$name.out" 2>&1
    local status=$?
    [ $status -ne 124 ] || bad "$name: gdb timed out"
}

# The library exports what gdb looks for.
syms=$(nm -D --defined-only "$lib")
grep -qE ' D __jit_debug_descriptor$' <<<"$syms" && ok ||
    bad "$lib does not export __jit_debug_descriptor"
grep -qE ' T __jit_debug_register_code$' <<<"$syms" && ok ||
    bad "$lib does not export __jit_debug_register_code"

# The session at -O0: square is static, so found only through the
# registered object's symbols and DWARF. Line 9 is "return result;".
o0_session=('break square' 'break prog.c:9' run bt continue 'print result' 'info locals'
            finish 'info locals' 'print calls' delete continue)

check_o0() {   # check_o0 NAME: the -O0 session's output
    local f=$tmp/$1.out
    has "$1 pending" "$f" 'Breakpoint 1 (square) pending.'
    has "$1 pending" "$f" 'Breakpoint 2 (prog.c:9) pending.'
    has_re "$1 break by name" "$f" '^Breakpoint 1, square \(x=1\) at .*/prog\.c:8$'
    has "$1 source line" "$f" $'8\t    int result = x * x;'
    has_re "$1 bt: the compiled function" "$f" '^#0  square \(x=1\) at .*/prog\.c:8$'
    has_re "$1 bt: its caller" "$f" '^#1  0x[0-9a-f]+ in sum_squares \(n=4\) at .*/prog\.c:16$'
    has_re "$1 bt: the program's main" "$f" '^#2  0x[0-9a-f]+ in main \(\) at .*/prog\.c:22$'
    # (call_main, or main where the compiler inlined call_main)
    has_re "$1 bt: into memjit" "$f" '^#3  0x[0-9a-f]+ in (call_main|main) \(.*\) at .*tools/memjit\.c:[0-9]+$'
    has_re "$1 break by file:line" "$f" '^Breakpoint 2, square \(x=1\) at .*/prog\.c:9$'
    has "$1 print a local" "$f" '$1 = 1'
    has "$1 info locals" "$f" 'result = 1'
    has "$1 finish" "$f" 'Value returned is $2 = 1'
    has "$1 caller's locals" "$f" 'i = 1'
    has "$1 caller's locals" "$f" 'total = 0'
    has "$1 a global" "$f" '$3 = 1'
    has "$1 the program's output" "$f" 'value 30'
    has_re "$1 exit" "$f" '^\[Inferior 1 \(process [0-9]+\) exited normally\]$'
}

# A fresh compile.
debug fresh "${o0_session[@]}" -- run -O0 -g --no-cache "$prog"
check_o0 fresh

# -O2: sum_squares is inlined into main; gdb still stops in it and
# unwinds into main.
debug o2 'break sum_squares' run bt 'info args' delete continue \
    -- run -O2 -g --no-cache "$prog"
has_re "o2 break" "$tmp/o2.out" '^Breakpoint 1(\.[0-9]+)?, sum_squares \(n=4\) at .*/prog\.c:[0-9]+$'
has_re "o2 bt" "$tmp/o2.out" '^#1  (0x[0-9a-f]+ in )?main \(\) at .*/prog\.c:22$'
has "o2 info args" "$tmp/o2.out" 'n = 4'
has_re "o2 exit" "$tmp/o2.out" '^\[Inferior 1 \(process [0-9]+\) exited normally\]$'

# From the store: filled by one run, then a run that links the stored
# object without compiling (-v says so).
store=$tmp/store.db
"$memjit" run -O0 -g --store "$store" "$prog" >"$tmp/fill.out" 2>&1 ||
    bad "filling the store: $(cat "$tmp/fill.out")"
debug stored "${o0_session[@]}" -- run -O0 -g -v --store "$store" "$prog"
has "stored: loaded from the store" "$tmp/stored.out" '(loaded from the store: no compile)'
check_o0 stored

echo "gdb: $passed passed, $failed failed"
if [ $failed -ne 0 ]; then
    for f in "$tmp"/fresh.out "$tmp"/o2.out "$tmp"/stored.out; do
        echo "--- gdb's output: $(basename "$f")"
        cat "$f"
    done
    exit 1
fi
