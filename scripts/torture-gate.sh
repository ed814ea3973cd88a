#!/usr/bin/env bash
# scripts/torture-gate.sh [--update] - GCC's C torture execution suite
# (the shared folder's torture/, beside the clone) run by memjit, held to
# two committed lists that may only shrink.
#
#   scripts/torture-gate.sh            run the suite and check it against
#                                      the lists (scripts/gates.sh torture)
#   scripts/torture-gate.sh --update   the same, then take every program that
#                                      now passes off the lists (commit them)
#
# The runner, ../shared/tools/torture.sh, runs each program through
# `memjit run --no-cache $TORTURE_FLAGS PROGRAM` and classes each failure as
# `diagnosed` (memjit refused the program with an error) or `WRONG` (an
# abort, a crash, a time-out: the code memjit made is wrong). The gate fails
#   - on a WRONG program not in tests/torture/known-wrong.txt,
#   - on a diagnosed program not in tests/torture/refused.txt,
#   - on a crash (or a status other than OK and COMPILE) when the same
#     programs are compiled one after another in one process
#     (tests/stress/serial.c, -O2),
#   - on a listed program that now passes ("now passes: remove it"), or
#     that fails the other way (a known-wrong one now refused, say), or
#     that the suite does not hold;
# so a new failure can never come in, and a fixed one must leave its list.
# Adding to a list is a deliberate edit, with the reason on the line.
# Each list line is `NAME  reason` (NAME without .c); `#` starts a comment.
# Knobs (environment):
#   MEMJIT          the memjit to run (default build/memjit; made absolute,
#                   since the runner works in a scratch folder per program)
#   TORTURE_FLAGS   more memjit options (default -fpermissive: old C, which
#                   most of the suite is, compiles; set it empty for none)
#   TORTURE_JOBS    programs at once (default 2)
#   TORTURE_RUNNER  the runner (default ../shared/tools/torture.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

MEMJIT=${MEMJIT:-$root/build/memjit}
case $MEMJIT in /*) ;; *) MEMJIT=$root/$MEMJIT ;; esac
TORTURE_FLAGS=${TORTURE_FLAGS--fpermissive}
TORTURE_JOBS=${TORTURE_JOBS:-2}
TORTURE_RUNNER=${TORTURE_RUNNER:-../shared/tools/torture.sh}
refused_list=tests/torture/refused.txt
wrong_list=tests/torture/known-wrong.txt
update=0
case "${1:-}" in
    --update) update=1 ;;
    "") ;;
    *) echo "usage: scripts/torture-gate.sh [--update]" >&2; exit 2 ;;
esac

[ -f "$TORTURE_RUNNER" ] || {
    echo "torture: the runner $TORTURE_RUNNER is missing (it comes with the shared" \
         "folder, expected beside the clone: $(cd .. && pwd)/shared)" >&2
    exit 1
}
suite=$(cd "$(dirname "$TORTURE_RUNNER")/.." && pwd)/torture
[ -d "$suite" ] || { echo "torture: no suite at $suite" >&2; exit 1; }
[ -x "$MEMJIT" ] || { echo "torture: no memjit at $MEMJIT (ninja -C build)" >&2; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/memjit-torture.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# NAME per line, from a list file (reasons and comments dropped).
names() { sed 's/#.*//' "$1" | awk 'NF { print $1 }' | sort -u; }

# The programs the runner runs: the suite less torture/GCC-FAILS.
(cd "$suite" && printf '%s\n' *.c) | sed 's/\.c$//' | sort >"$tmp/all"
if [ -f "$suite/GCC-FAILS" ]; then
    sort -u "$suite/GCC-FAILS" | comm -23 "$tmp/all" - >"$tmp/run"
else
    cp "$tmp/all" "$tmp/run"
fi
names "$refused_list" >"$tmp/refused"
names "$wrong_list" >"$tmp/wrong"

echo "torture: $(wc -l <"$tmp/run") programs, memjit run --no-cache${TORTURE_FLAGS:+ $TORTURE_FLAGS}," \
     "$TORTURE_JOBS at a time"
# The runner's exit status says only that something failed; the lists decide.
bash "$TORTURE_RUNNER" "$MEMJIT run --no-cache $TORTURE_FLAGS {}" "$TORTURE_JOBS" \
    >"$tmp/out" 2>"$tmp/err" || true
summary=$(grep '^torture: ' "$tmp/out" | tail -1) || {
    echo "torture: the runner printed no summary:" >&2
    tail -20 "$tmp/out" "$tmp/err" >&2
    exit 1
}
case $summary in
    *"not run"*) echo "torture: the runner did not run every program: $summary" >&2; exit 1 ;;
esac
awk '$1 == "diagnosed" { print $2 }' "$tmp/out" | sort -u >"$tmp/got-refused"
awk '$1 == "WRONG" { print $2 }' "$tmp/out" | sort -u >"$tmp/got-wrong"

bad=0
# The runner's line for program $1.
line() { awk -v n="$1" '$2 == n { $1 = ""; sub(/^ /, ""); print; exit }' "$tmp/out"; }
report() {   # report MESSAGE FILE-OF-NAMES [with the runner's line]
    local name
    while read -r name; do
        echo "torture: $name: $1${3:+: $(line "$name" | cut -d' ' -f2-)}"
    done <"$2"
}

comm -23 "$tmp/got-wrong" "$tmp/wrong" >"$tmp/new-wrong"
comm -23 "$tmp/got-refused" "$tmp/refused" >"$tmp/new-refused"
comm -12 "$tmp/got-wrong" "$tmp/wrong" >"$tmp/known-wrong"
comm -12 "$tmp/got-refused" "$tmp/refused" >"$tmp/known-refused"
sort -u "$tmp/got-wrong" "$tmp/got-refused" >"$tmp/failed"
sort -u "$tmp/wrong" "$tmp/refused" | comm -23 - "$tmp/failed" | comm -12 - "$tmp/run" \
    >"$tmp/now-pass"
sort -u "$tmp/wrong" "$tmp/refused" | comm -23 - "$tmp/run" >"$tmp/stale"

report "known wrong ($wrong_list)" "$tmp/known-wrong" with-line
report "WRONG, and not in $wrong_list" "$tmp/new-wrong" with-line
report "refused, and not in $refused_list" "$tmp/new-refused" with-line
comm -12 "$tmp/new-refused" "$tmp/wrong" >"$tmp/moved"
report "listed as wrong, refused now: move it to $refused_list" "$tmp/moved"
if [ $update -eq 1 ]; then
    # Drop the lines whose NAME passes now or is not in the suite.
    sort -u "$tmp/now-pass" "$tmp/stale" >"$tmp/gone"
    for list in "$refused_list" "$wrong_list"; do
        awk 'FILENAME == ARGV[1] { gone[$1] = 1; next }
             { n = $0; sub(/#.*/, "", n); split(n, w, " ") }
             !(w[1] in gone)' "$tmp/gone" "$list" >"$tmp/list"
        cat "$tmp/list" >"$list"
    done
    report "now passes: taken off its list" "$tmp/now-pass"
    report "not in the suite: taken off its list" "$tmp/stale"
else
    report "now passes: remove it from its list (or run scripts/gates.sh torture --update)" \
        "$tmp/now-pass"
    report "not in the suite: remove it from its list" "$tmp/stale"
    [ -s "$tmp/now-pass" ] && bad=1
    [ -s "$tmp/stale" ] && bad=1
fi
[ -s "$tmp/new-wrong" ] && bad=1
[ -s "$tmp/new-refused" ] && bad=1

echo "${summary/torture: /torture: runner: }"
echo "torture: $(wc -l <"$tmp/run") programs: $(wc -l <"$tmp/known-refused") refused as" \
     "listed, $(wc -l <"$tmp/known-wrong") known wrong; new: $(wc -l <"$tmp/new-wrong")" \
     "wrong, $(wc -l <"$tmp/new-refused") refused; $(wc -l <"$tmp/now-pass") listed ones" \
     "now pass$([ $update -eq 1 ] && echo ' (lists updated)')"

# The same programs compiled one after another in one process (gcc's state
# across compiles: tests/stress/serial.c), at -O2; a crash fails the gate.
serial=$(dirname "$MEMJIT")/tests/stress/serial
permissive=""
case " $TORTURE_FLAGS " in *" -fpermissive "*) permissive=--permissive ;; esac
if [ -x "$serial" ]; then
    (cd "$suite" && "$serial" -O 2 $permissive $(sed 's/$/.c/' "$tmp/run")) \
        >"$tmp/serial" 2>&1 || { bad=1; echo "torture: serial compiles in one process FAILED:"; }
    tail -5 "$tmp/serial"
else
    echo "torture: no $serial (ninja -C $(dirname "$MEMJIT"))" >&2
    bad=1
fi
[ $bad -eq 0 ]
