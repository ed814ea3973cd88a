#!/bin/bash
# run_cli.sh MEMJIT - the command-line tool: exit statuses, arguments,
# options, include resolution and the exact text of diagnostics.
set -u
memjit=$1
case $memjit in
    */*) memjit="$(cd "$(dirname "$memjit")" && pwd)/$(basename "$memjit")" ;;
esac
cd "$(dirname "$0")"
passed=0 failed=0
# A store of our own, never the user's.
export XDG_CACHE_HOME=$(mktemp -d "${TMPDIR:-/tmp}/memjit-cli.XXXXXX")
trap 'rm -rf "$XDG_CACHE_HOME"' EXIT

check() {   # check NAME EXPECTED_STATUS ACTUAL_STATUS [CONDITION...]
    local name=$1 want=$2 got=$3
    if [ "$want" = "$got" ]; then
        passed=$((passed + 1))
    else
        echo "FAIL: $name: exit status $got, expected $want"
        failed=$((failed + 1))
    fi
}

expect() {  # expect NAME: the last command's condition held
    if [ "$2" = 0 ]; then passed=$((passed + 1)); else echo "FAIL: $1"; failed=$((failed + 1)); fi
}

out=$("$memjit" 2>&1); check "no arguments" 2 $?
expect "no arguments prints usage" "$(grep -q '^usage: memjit run' <<<"$out"; echo $?)"
"$memjit" frobnicate x.c >/dev/null 2>&1; check "unknown command" 2 $?
"$memjit" run -Q x.c >/dev/null 2>&1; check "unknown option" 2 $?
out=$("$memjit" run </dev/null 2>&1); check "no file: an empty standard input" 1 $?
expect "no file reads standard input" "$(grep -q "defines no function 'main'" <<<"$out"; echo $?)"
out=$("$memjit" run does_not_exist.c 2>&1); check "missing file" 2 $?
expect "missing file message" "$(grep -q "cannot read 'does_not_exist.c'" <<<"$out"; echo $?)"
out=$("$memjit" --version); check "--version" 0 $?
expect "--version text" "$(grep -qE '^memjit [0-9]+\.[0-9]+\.[0-9]+$' <<<"$out"; echo $?)"
"$memjit" --help >/dev/null; check "--help" 0 $?

# run: main's status and arguments.
out=$("$memjit" run exit_status.c one "two words"); check "run status" 43 $?
expect "run argv" "$(diff <(printf 'argv[0]=exit_status.c\nargv[1]=one\nargv[2]=two words\n') - <<<"$out" >/dev/null; echo $?)"
for o in -O0 -O1 -O2 -O3 -g; do
    "$memjit" run $o exit_status.c >/dev/null; check "run $o" 41 $?
done
"$memjit" run -- exit_status.c >/dev/null; check "run --" 41 $?
err=$("$memjit" run --no-cache -v exit_status.c 2>&1 >/dev/null); check "run -v" 41 $?
expect "-v timings" "$(grep -qE '^memjit: front end [0-9.]+ ms, IR building [0-9.]+ ms, libgccjit [0-9.]+ ms' <<<"$err"; echo $?)"

# The store: the runs above filled it; a run of the same source loads it.
err=$("$memjit" run -v exit_status.c 2>&1 >/dev/null); check "run from the store" 41 $?
expect "-v says it loaded from the store" "$(grep -q 'loaded from the store' <<<"$err"; echo $?)"
expect "the default store is under XDG_CACHE_HOME" "$([ -f "$XDG_CACHE_HOME/memjit/cache.db" ]; echo $?)"
out=$("$memjit" cache list); check "cache list" 0 $?
expect "cache list names the file" "$(grep -q 'exit_status.c' <<<"$out"; echo $?)"
out=$("$memjit" cache stats); check "cache stats" 0 $?
expect "cache stats counts entries" "$(grep -qE '^entries [1-9]' <<<"$out"; echo $?)"
"$memjit" cache vacuum; check "cache vacuum" 0 $?
"$memjit" cache clear; check "cache clear" 0 $?
out=$("$memjit" cache stats)
expect "cleared store is empty" "$(grep -q '^entries 0$' <<<"$out"; echo $?)"
"$memjit" run --no-cache exit_status.c >/dev/null
out=$("$memjit" cache stats)
expect "--no-cache leaves the store alone" "$(grep -q '^entries 0$' <<<"$out"; echo $?)"
"$memjit" run --store "$XDG_CACHE_HOME/other.db" exit_status.c >/dev/null; check "run --store" 41 $?
expect "--store makes that file" "$([ -f "$XDG_CACHE_HOME/other.db" ]; echo $?)"
"$memjit" cache >/dev/null 2>&1; check "cache without subcommand" 2 $?

# check: silent on good code, gcc's text on bad code.
out=$("$memjit" check exit_status.c 2>&1); check "check good" 0 $?
expect "check good is silent" "$([ -z "$out" ]; echo $?)"
out=$("$memjit" check two_errors.c 2>&1); check "check bad" 1 $?
expect "diagnostics text" "$(diff two_errors.expected - <<<"$out" >/dev/null; echo $?)"
"$memjit" run two_errors.c >/dev/null 2>&1; check "run bad" 1 $?
# The assembler's complaint about an asm statement: a diagnostic at its
# line, and nothing of the assembler's own output on stderr.
out=$("$memjit" run asm_error.c 2>&1); check "run bad asm" 1 $?
expect "assembler diagnostics" "$(diff asm_error.expected - <<<"$out" >/dev/null; echo $?)"
# #line: the position a generator's template gives, the physical line's text.
out=$("$memjit" check line_directive.c 2>&1); check "check #line" 1 $?
expect "#line positions" "$(diff line_directive.expected - <<<"$out" >/dev/null; echo $?)"

# main: missing or of the wrong type.
out=$("$memjit" run no_main.c 2>&1); check "no main" 1 $?
expect "no main message" "$(grep -q "defines no function 'main'" <<<"$out"; echo $?)"
out=$("$memjit" run bad_main.c 2>&1); check "bad main" 1 $?
expect "bad main message" "$(grep -q "'main' has type 'double(double)'" <<<"$out"; echo $?)"
# the other forms gcc takes: main(int) and main(int, char **, char **envp)
out=$(printf 'int main(int argc) { return argc; }' | "$memjit" run --no-cache - a b 2>&1)
check "main(int) gets argc" 3 $?
out=$(printf '#include <string.h>\nint main(int c, char **v, char **e) { for (; *e; e++) if (!strncmp(*e, "MJ_ENV_TEST=", 12)) return 7; return 1; }' |
      MJ_ENV_TEST=1 "$memjit" run --no-cache - 2>&1)
check "main(int, char **, char **) gets the environment" 7 $?

# #include "name": next to the includer, then -I folders.
out=$("$memjit" run uses_include.c 2>&1); check "include without -I" 1 $?
expect "include error names the file" "$(grep -q 'shared.h: No such file or directory' <<<"$out"; echo $?)"
out=$("$memjit" run -I extra uses_include.c); check "include with -I" 0 $?
expect "include output" "$([ "$out" = "42 7" ]; echo $?)"
out=$("$memjit" run -Iextra "$PWD/uses_include.c"); check "include, absolute path" 0 $?

# Old C: refused by default (gcc 14), accepted with warnings by -fpermissive.
out=$("$memjit" run --no-cache old_c.c 2>&1); check "old C without -fpermissive" 1 $?
expect "old C error names -fpermissive" "$(grep -q "old_c.c:1:1: error: return type defaults to 'int' (old C: -fpermissive accepts it)" <<<"$out"; echo $?)"
out=$("$memjit" run --no-cache -fpermissive old_c.c 2>/dev/null); check "old C with -fpermissive" 0 $?
expect "old C output" "$([ "$out" = "old C runs" ]; echo $?)"
err=$("$memjit" run --no-cache -fpermissive old_c.c 2>&1 >/dev/null)
expect "-fpermissive warns" "$(grep -q "old_c.c:2:5: warning: implicit declaration of function 'puts'" <<<"$err"; echo $?)"
out=$("$memjit" run -fpermissive old_c.c 2>/dev/null && "$memjit" run old_c.c 2>&1); check "the store keeps -fpermissive apart" 1 $?

# gcc's options: -D, -U, -std=, -include, -isystem, -w, -Werror, -l/-L, stdin.
out=$("$memjit" run --no-cache -DNUM=42 '-DSTR="text"' -DGONE -UGONE -std=c17 \
      -include inc/forced.h options.c); check "-D -U -std -include" 0 $?
expect "-D -U -std -include output" "$([ "$out" = "strict 42 text 201710 9" ]; echo $?)"
out=$("$memjit" run --no-cache -D NUM=1 -D STR='"a"' -DFROM_HEADER=2 -std=gnu11 options.c)
check "separate values, gnu11" 0 $?
expect "gnu11 is not strict" "$([ "$out" = "1 a 201112 2" ]; echo $?)"
out=$("$memjit" run -DNUM=1 '-DSTR="a"' -DFROM_HEADER=3 options.c && \
      "$memjit" run -DNUM=2 '-DSTR="a"' -DFROM_HEADER=3 options.c)
expect "the store keeps definitions apart" "$([ "$out" = "$(printf '1 a 201112 3\n2 a 201112 3')" ]; echo $?)"
out=$("$memjit" run --no-cache -DNUM=5 '-DSTR="s"' -isystem inc -include forced.h options.c)
check "-include through -isystem" 0 $?
out=$("$memjit" run --no-cache -DNUM=5 '-DSTR="s"' -std=c23 options.c 2>&1); check "-std=c23" 2 $?
expect "-std names the choices" "$(grep -q 'unknown or unsupported standard' <<<"$out"; echo $?)"
out=$("$memjit" run -D 2>&1); check "-D without a value" 2 $?
expect "-D needs a value" "$(grep -q "option '-D' needs a value" <<<"$out"; echo $?)"
"$memjit" run -Wbogus exit_status.c >/dev/null 2>&1; check "unknown -W option" 2 $?
err=$("$memjit" check --no-cache warns.c 2>&1); check "a warning alone" 0 $?
expect "the warning is printed" "$(grep -q 'warns.c:1:27: warning: initialization' <<<"$err"; echo $?)"
err=$("$memjit" check --no-cache -w warns.c 2>&1); check "-w" 0 $?
expect "-w prints nothing" "$([ -z "$err" ]; echo $?)"
err=$("$memjit" check -Werror warns.c 2>&1); check "-Werror" 1 $?
expect "-Werror makes it an error" "$(grep -q 'warns.c:1:27: error: initialization' <<<"$err"; echo $?)"
out=$(printf 'int main(void) { return V; }\n' | "$memjit" run --no-cache -DV=6); check "stdin without a file" 6 $?

# The limits of one compile: --max-tokens, --max-memory (MJ_ERR_LIMIT: 1).
bomb='#define A0 x
#define A1 A0 A0
#define A2 A1 A1
#define A3 A2 A2
#define A4 A3 A3
int main(void) { A4; }'
err=$(printf '%s\n' "$bomb" | "$memjit" check --no-cache --max-tokens 12 2>&1); check "--max-tokens" 1 $?
expect "--max-tokens says where and which" "$(grep -q "<stdin>:6:18: error: the program has more than 12 tokens after preprocessing" <<<"$err"; echo $?)"
err=$(printf '%s\n' "$bomb" | "$memjit" check --no-cache --max-tokens 30 2>&1)
expect "under --max-tokens: only the program's own errors" "$(grep -q "unknown type name 'x'" <<<"$err" && ! grep -q "after preprocessing" <<<"$err"; echo $?)"
printf 'int main(void) { return 0; }\n' | "$memjit" run --no-cache --max-tokens 10 --max-memory 64M
check "under both limits" 0 $?
err=$("$memjit" check --max-memory 12Q exit_status.c 2>&1); check "--max-memory 12Q" 2 $?
expect "--max-memory names the units" "$(grep -q 'needs a number of bytes, with K, M or G' <<<"$err"; echo $?)"
"$memjit" check --max-tokens >/dev/null 2>&1; check "--max-tokens without a value" 2 $?
big_bomb=$(printf '#define A0 x\n'; for n in $(seq 1 39); do printf '#define A%d A%d A%d\n' $n $((n - 1)) $((n - 1)); done; printf 'int main(void) {\n  A39;\n}\n')
err=$(printf '%s\n' "$big_bomb" | "$memjit" check --no-cache 2>&1); check "the bomb under the defaults" 1 $?
expect "the defaults stop the bomb at its use" "$(grep -q "<stdin>:42:3: error: this macro use expands to more than 1048576 tokens" <<<"$err"; echo $?)"
err=$(printf '%s\n' "$bomb" | "$memjit" check --no-cache --max-macro-tokens 10 2>&1); check "--max-macro-tokens" 1 $?
expect "--max-macro-tokens says where" "$(grep -q "<stdin>:6:18: error: this macro use expands to more than 10 tokens" <<<"$err"; echo $?)"
err=$(printf '#define I(x) x\nint v = I(I(I(1)));\n' | "$memjit" check --no-cache --max-macro-depth 2 2>&1)
check "--max-macro-depth" 1 $?
expect "--max-macro-depth says which" "$(grep -q "macro uses nested more than 2 deep" <<<"$err"; echo $?)"
err=$(printf '%s\n' "$big_bomb" | "$memjit" check --no-cache --max-macro-tokens 0 --max-time 100 2>&1); check "--max-time" 1 $?
expect "--max-time says where" "$(grep -q "<stdin>:42:3: error: the compile took longer than 100 ms" <<<"$err"; echo $?)"
out=$(printf '#include <stdio.h>\nint main(int c, char **v) { puts(v[0]); return 0; }\n' | \
      "$memjit" run --no-cache -); check "stdin as -" 0 $?
expect "stdin's argv[0]" "$([ "$out" = "-" ]; echo $?)"
err=$(printf 'int main(void) { return x; }\n' | "$memjit" check --no-cache - 2>&1); check "stdin errors" 1 $?
expect "stdin is named <stdin>" "$(grep -q '^<stdin>:1:25: error' <<<"$err"; echo $?)"
"$memjit" run --no-cache -lm -lc exit_status.c >/dev/null; check "-lm -lc" 41 $?
err=$("$memjit" run --no-cache -lmemjit_no_such exit_status.c 2>&1); check "-l missing" 2 $?
expect "-l names the library" "$(grep -q 'cannot load -lmemjit_no_such' <<<"$err"; echo $?)"

for opt in -U -include -isystem -L -l -I; do
    out=$("$memjit" run "$opt" 2>&1); check "$opt without a value" 2 $?
    expect "$opt names what it needs" "$(grep -q "option '$opt' needs a value" <<<"$out"; echo $?)"
done
"$memjit" run --no-cache -L extra -lm exit_status.c >/dev/null; check "-L with a no-op -l" 41 $?
err=$("$memjit" run --no-cache -L extra -lmemjit_no_such exit_status.c 2>&1); check "-L, library missing" 2 $?
err=$("$memjit" check --no-cache -include no_such_header.h exit_status.c 2>&1)
check "-include of a missing file" 1 $?
expect "-include error" "$(grep -q '<command-line>:1:10: error: no_such_header.h: No such file or directory' <<<"$err"; echo $?)"

# -E: the preprocessed text, as gcc -E writes it.
out=$("$memjit" check -E --builtin-headers -DFROM_COMMAND_LINE=7 preprocess.c); check "-E" 0 $?
expect "-E text" "$(diff preprocess.expected - <<<"$out" >/dev/null; echo $?)"
err=$(printf '#error stop\n' | "$memjit" run -E 2>&1 >/dev/null); check "-E with an error" 1 $?
expect "-E reports the error" "$(grep -q '<stdin>:1:2: error: #error stop' <<<"$err"; echo $?)"

# The machine's headers (the default) and memjit's own (--builtin-headers).
out=$("$memjit" run --no-cache system_headers.c 2>&1); check "system headers" 0 $?
expect "system headers output" "$([ "$out" = "y 1" ]; echo $?)"
err=$("$memjit" run --no-cache --builtin-headers system_headers.c 2>&1)
check "--builtin-headers has no pthread.h" 1 $?
expect "--builtin-headers error" "$(grep -q '^system_headers.c:1:10: error: pthread.h: No such file or directory' <<<"$err"; echo $?)"
out=$("$memjit" run --no-cache --builtin-headers --system-headers system_headers.c)
check "the last of the two wins" 0 $?
# -isystem comes before gcc's folders; #include_next goes on after it;
# a warning in a system header is not shown.
out=$("$memjit" run --no-cache -isystem sys system_headers.c 2>&1); check "-isystem wrapper" 0 $?
expect "-isystem, #include_next, silent" "$([ "$out" = "$(printf 'wrapped 1\ny 1')" ]; echo $?)"
err=$("$memjit" check --no-cache -isystem sys -include sys/stdio.h exit_status.c 2>&1)
expect "the same header as a user's warns" "$(grep -q 'warning: excess elements in scalar initializer' <<<"$err"; echo $?)"
# A store hit checks each system header it read by stat: one that changed
# is read again.
sysdir=$(mktemp -d "${TMPDIR:-/tmp}/memjit-sys.XXXXXX")
mkdir "$sysdir/first"
printf '#define VALUE 1\n' >"$sysdir/value.h"
printf '#include <value.h>\nint main(void) { return VALUE; }\n' >"$sysdir/main.c"
run_sys() { "$memjit" run "$@" -isystem "$sysdir/first" -isystem "$sysdir" "$sysdir/main.c"; }
run_sys; check "system header, compiled" 1 $?
err=$(run_sys -v 2>&1); check "system header, stored" 1 $?
expect "an unchanged header hits" "$(grep -q 'loaded from the store' <<<"$err"; echo $?)"
printf '#define VALUE 2 \n' >"$sysdir/value.h"
run_sys; check "a changed system header is read again" 2 $?
printf '#define VALUE 4\n' >"$sysdir/first/value.h"
run_sys; check "a header new in an earlier folder is found" 4 $?
rm "$sysdir/first/value.h"
run_sys; check "and gone again" 2 $?
rm -rf "$sysdir"

# Constructors and destructors when main returns (tests/lang runs the
# exit() path), against gcc's build, compiled and from the store.
ctordir=$(mktemp -d "${TMPDIR:-/tmp}/memjit-ctor.XXXXXX")
gcc -w -o "$ctordir/ref" ../lang/constructors.c && "$ctordir/ref" >"$ctordir/ref.out"
for run in compiled stored; do
    "$memjit" run ../lang/constructors.c >"$ctordir/out"; check "constructors, main returns ($run)" 0 $?
    expect "constructors and destructors as gcc ($run)" "$(cmp -s "$ctordir/ref.out" "$ctordir/out"; echo $?)"
done
rm -rf "$ctordir"

# Several files, one program: the files after the first that end in .c
# are its other translation units; main's arguments follow, or come
# after --; ld's errors name the file.
out=$("$memjit" run --no-cache units/main.c units/lib.c x "y z"); check "two units" 104 $?
expect "two units: calls and data across units, argv" \
    "$([ "$out" = "argc=3 [x] [y z] lib_add=104 calls=1" ]; echo $?)"
out=$("$memjit" run --no-cache units/main.c units/lib.c -- other.c); check "-- ends the files" 103 $?
expect "-- passes other.c to main" "$([ "$out" = "argc=2 [other.c] lib_add=103 calls=1" ]; echo $?)"
"$memjit" run units/main.c units/lib.c >/dev/null; check "two units, compiled into the store" 102 $?
err=$("$memjit" run -v units/main.c units/lib.c 2>&1 >/dev/null); check "two units from the store" 102 $?
expect "both units from the store" "$(grep -q 'loaded from the store' <<<"$err"; echo $?)"
err=$("$memjit" run --no-cache units/main.c units/lib.c units/twice.c 2>&1); check "multiple definition" 1 $?
expect "multiple definition names both files" "$(diff units/twice.expected - <<<"$err" >/dev/null; echo $?)"
err=$("$memjit" run --no-cache units/main.c units/needs.c 2>&1); check "undefined reference" 1 $?
expect "undefined reference at its declaration" "$(diff units/needs.expected - <<<"$err" >/dev/null; echo $?)"
err=$("$memjit" check units/main.c units/lib.c 2>&1); check "check of two units" 0 $?
err=$("$memjit" run - units/lib.c </dev/null 2>&1); check "standard input with other files" 2 $?
expect "standard input must be alone" "$(grep -q "standard input ('-') must be the only file" <<<"$err"; echo $?)"
err=$("$memjit" run units/main.c units/missing.c 2>&1); check "a missing second file" 2 $?
expect "missing second file message" "$(grep -q "cannot read 'units/missing.c'" <<<"$err"; echo $?)"
out=$("$memjit" run -E units/main.c units/lib.c); check "-E of two files" 0 $?
expect "-E prints both files" "$(grep -q '^int lib_add(int a, int b) {' <<<"$out" && grep -q '^int main(int argc' <<<"$out"; echo $?)"

echo "cli: $passed passed, $failed failed"
[ "$failed" = 0 ]
