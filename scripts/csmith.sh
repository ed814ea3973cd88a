#!/usr/bin/env bash
# scripts/csmith.sh - differential testing of memjit against gcc on random
# programs made by csmith (every csmith feature on: its defaults).
#
#   scripts/csmith.sh gate      the fixed seeds CSMITH_SEEDS: each program is
#                               built by gcc -O0 (the reference) and run by
#                               memjit -O0 and -O2; the checksums must agree.
#                               Seeds listed in tests/csmith/known-failures.txt
#                               are reported as "known" and do not fail the
#                               gate, but one of them that agrees now does
#                               (take it off the list: the list only shrinks).
#                               scripts/gates.sh csmith runs this.
#   scripts/csmith.sh explore [N | --seconds S] [--reduce]
#                               random seeds (N programs, default 100, or for
#                               S seconds); every program that disagrees is
#                               kept in CSMITH_FOUND as SEED.c with its outputs;
#                               with --reduce each one is then reduced by
#                               creduce into SEED.reduced.c next to it
#   scripts/csmith.sh reduce SEED|FILE.c [-O0..-O3]
#                               reduce one kept program (default: the first
#                               level at which it disagreed)
#
# A program counts as skipped, not as a disagreement, when the gcc build is
# not the reference it should be: gcc cannot build it, or its build does not
# finish within 5 s (csmith's programs may loop for a long time), or it
# exits non-zero. The gate says how many it skipped. A disagreement is one
# line: the seed, memjit's level, then WRONG (another checksum, a crash, a
# time-out) or memjit's first error line. The last line of `gate` is a
# summary; its exit status is 0 exactly when nothing disagreed outside the
# known list and no known seed agreed. Programs are made in a temporary
# folder that is removed at the end.
# Knobs (environment):
#   MEMJIT          the memjit to test (default build/memjit)
#   CSMITH_SEEDS    the gate's seeds, as seq arguments (default "1 200")
#   CSMITH_JOBS     programs at once (default 2)
#   CSMITH_TIMEOUT  seconds memjit may take to compile and run one program
#                   (default 20; gcc's build gets 5)
#   CSMITH_FOUND    where explore keeps what it finds (default build/csmith-found)
# docs/quality.md says how a reduced program becomes a tests/lang test.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
self=$root/scripts/csmith.sh

MEMJIT=${MEMJIT:-$root/build/memjit}
case $MEMJIT in /*) ;; *) MEMJIT=$root/$MEMJIT ;; esac
CSMITH_SEEDS=${CSMITH_SEEDS:-1 200}
CSMITH_JOBS=${CSMITH_JOBS:-2}
CSMITH_TIMEOUT=${CSMITH_TIMEOUT:-20}
CSMITH_FOUND=${CSMITH_FOUND:-$root/build/csmith-found}
known_list=$root/tests/csmith/known-failures.txt
inc=/usr/include/csmith
gcc_seconds=5
tmp=""
levels=(0 2)
# gcc -Werror options of the reduction's well-definedness check (write_test)
werror=(-Werror=uninitialized -Werror=maybe-uninitialized -Werror=return-type
        -Werror=sequence-point -Werror=implicit-function-declaration -Werror=implicit-int
        -Werror=format -Werror=strict-prototypes -Werror=old-style-definition
        -Werror=int-conversion -Werror=incompatible-pointer-types -Werror=div-by-zero
        -Werror=shift-count-overflow -Werror=shift-count-negative -Werror=shift-negative-value
        -Werror=return-local-addr -Werror=nonnull -Werror=init-self -Werror=main)
export LC_ALL=C

usage() {
    echo "usage: scripts/csmith.sh gate | explore [N | --seconds S] [--reduce] |" \
         "reduce SEED|FILE.c [-O0..-O3]" >&2
    exit 2
}

need_tools() {
    local t
    for t in csmith gcc "$@"; do
        command -v "$t" >/dev/null || {
            echo "csmith: $t not found (scripts/install-packages.sh --csmith installs it)" >&2
            exit 1
        }
    done
    [ -f "$inc/csmith.h" ] || {
        echo "csmith: $inc/csmith.h not found (Debian package libcsmith-dev)" >&2
        exit 1
    }
    [ -x "$MEMJIT" ] || { echo "csmith: no memjit at $MEMJIT (ninja -C build)" >&2; exit 1; }
}

# check DIR SEED [KEEP]: makes program SEED in DIR, builds and runs it with
# gcc, runs it with memjit at each level and prints one line:
#   agree SEED | skip SEED REASON | disagree SEED -OL WHAT [-OL WHAT]
# With KEEP (a folder), a program that disagrees is copied there with its
# outputs: SEED.c, SEED.gcc.out, SEED.O<L>.out, SEED.O<L>.err.
check() {
    local dir=$1 seed=$2 keep=${3:-} s rc level what bad=()
    s=$dir/$seed
    # (in DIR: csmith leaves a platform.info in its working folder)
    if ! (cd "$dir" && exec timeout 60 csmith --seed "$seed") >"$s.c" 2>"$s.csmith.err"; then
        echo "skip $seed csmith failed"
        rm -f "$s".*
        return
    fi
    if ! timeout 60 gcc -O0 -w -I"$inc" "$s.c" -o "$s.gcc" 2>"$s.gcc.err"; then
        echo "skip $seed gcc cannot build it"
        rm -f "$s".*
        return
    fi
    rc=0
    (cd "$dir" && exec timeout -k 1 "$gcc_seconds" "$s.gcc") </dev/null >"$s.gcc.out" \
        2>/dev/null || rc=$?
    if [ $rc -ne 0 ]; then
        if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
            echo "skip $seed gcc's build runs over ${gcc_seconds} s"
        else
            echo "skip $seed gcc's build exits with $rc"
        fi
        rm -f "$s".*
        return
    fi
    for level in "${levels[@]}"; do
        rc=0
        (cd "$dir" && exec timeout -k 2 "$CSMITH_TIMEOUT" "$MEMJIT" run --no-cache \
            -O"$level" -I"$inc" "$s.c") </dev/null >"$s.O$level.out" 2>"$s.O$level.err" ||
            rc=$?
        what=$(verdict "$s" "$level" $rc) || bad+=("-O$level $what")
    done
    if [ ${#bad[@]} -eq 0 ]; then
        echo "agree $seed"
    else
        echo "disagree $seed $(printf '%s\t' "${bad[@]}")"
        if [ -n "$keep" ]; then
            mkdir -p "$keep"
            cp "$s.c" "$keep/$seed.c"
            cp "$s.gcc.out" "$keep/$seed.gcc.out"
            for level in "${levels[@]}"; do
                cp "$s.O$level.out" "$s.O$level.err" "$keep/"
            done
            printf '%s\n' "${bad[@]}" >"$keep/$seed.verdict"
        fi
    fi
    rm -f "$s".*
}

# verdict BASE LEVEL RC: prints what memjit's run at LEVEL did, and fails,
# unless its output and status agree with gcc's.
verdict() {
    local s=$1 level=$2 rc=$3 line
    if [ "$rc" -eq 0 ] && cmp -s "$s.gcc.out" "$s.O$level.out"; then
        return 0
    fi
    if [ "$rc" -eq 1 ] && line=$(grep -m1 'error:' "$s.O$level.err"); then
        line=${line#"$(dirname "$s")/"}
        echo "${line:0:200}"
    elif [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
        echo "WRONG: no result within ${CSMITH_TIMEOUT} s"
    elif [ "$rc" -eq 0 ]; then
        echo "WRONG: $(checksum "$s.O$level.out") (gcc $(checksum "$s.gcc.out"))"
    elif [ "$rc" -gt 128 ]; then
        echo "WRONG: killed by signal $((rc - 128))$(context "$s.O$level.err")"
    else
        echo "WRONG: exit status $rc$(context "$s.O$level.err")"
    fi
    return 1
}

# context ERR: memjit's own first complaint in ERR, if any, after ": ".
context() {
    local l
    l=$(grep -m1 -E '^memjit:|error' "$1") && echo ": ${l:0:120}"
    return 0
}

checksum() {
    local c
    c=$(grep -m1 '^checksum = ' "$1") || { echo "no checksum"; return; }
    echo "checksum ${c#checksum = }"
}

# known_seeds: the seeds on the known list, one a line.
known_seeds() {
    [ -f "$known_list" ] || return 0
    sed 's/#.*//' "$known_list" | awk 'NF { print $1 }'
}

gate() {
    need_tools
    local results seeds n agree=0 skipped=0 known=0 new=0 passing=0 kind seed rest
    local -A is_known=() skip_reasons=() skip_seeds=()
    tmp=$(mktemp -d "${TMPDIR:-/tmp}/memjit-csmith.XXXXXX")
    trap 'rm -rf "$tmp"' EXIT
    # shellcheck disable=SC2086  # CSMITH_SEEDS is seq's arguments
    seeds=$(seq $CSMITH_SEEDS)
    n=$(echo "$seeds" | wc -l)
    for seed in $(known_seeds); do is_known[$seed]=1; done
    echo "csmith: $n programs (seeds $(echo "$seeds" | head -1)..$(echo "$seeds" |
         tail -1)), gcc -O0 against memjit -O${levels[0]} and -O${levels[1]}," \
         "$CSMITH_JOBS at a time"
    results=$tmp/results
    # (a program that could not be checked is missing from results: counted below)
    echo "$seeds" | xargs -P "$CSMITH_JOBS" -n 1 "$self" _check "$tmp" >"$results" || true
    while read -r kind seed rest; do
        case $kind in
            agree)
                if [ -n "${is_known[$seed]:-}" ]; then
                    echo "csmith: seed $seed now passes: remove it from" \
                         "tests/csmith/known-failures.txt"
                    passing=$((passing + 1))
                else
                    agree=$((agree + 1))
                fi
                ;;
            skip)
                skipped=$((skipped + 1))
                skip_reasons[$rest]=$(( ${skip_reasons[$rest]:-0} + 1 ))
                skip_seeds[$rest]+=" $seed"
                ;;
            disagree)
                local tag="" what
                if [ -n "${is_known[$seed]:-}" ]; then
                    tag="known: "
                    known=$((known + 1))
                else
                    new=$((new + 1))
                fi
                while IFS= read -r what; do
                    [ -n "$what" ] && echo "csmith: ${tag}seed $seed ${what%% *}: ${what#* }"
                done < <(printf '%s\n' "$rest" | tr '\t' '\n')
                ;;
        esac
    done < <(sort -k2,2n "$results")
    local seen
    seen=$(wc -l <"$results")
    [ "$seen" -eq "$n" ] || { echo "csmith: only $seen of $n programs reported" >&2; new=$((new + 1)); }
    local why="" r
    for r in "${!skip_reasons[@]}"; do
        why+="${why:+, }${skip_reasons[$r]} $r"
        echo "csmith: skipped ($r):${skip_seeds[$r]}"
    done
    echo "csmith: $n programs: $agree agree, $new disagree, $known known failures," \
         "$passing known now passing, $skipped skipped${why:+ ($why)}"
    [ $new -eq 0 ] && [ $passing -eq 0 ]
}

explore() {
    local count=100 seconds="" reduce=0
    while [ $# -gt 0 ]; do
        case $1 in
            --seconds) [ $# -ge 2 ] || usage; seconds=$2; shift 2 ;;
            --reduce) reduce=1; shift ;;
            [0-9]*) count=$1; shift ;;
            *) usage ;;
        esac
    done
    if [ $reduce -eq 1 ]; then need_tools creduce; else need_tools; fi
    local results start=$SECONDS made=0 running=0 seed kind rest what found=()
    tmp=$(mktemp -d "${TMPDIR:-/tmp}/memjit-csmith.XXXXXX")
    trap 'rm -rf "$tmp"' EXIT
    results=$tmp/results
    : >"$results"
    mkdir -p "$CSMITH_FOUND"
    local what_for="$count programs"
    [ -z "$seconds" ] || what_for="for $seconds s"
    echo "csmith: exploring $what_for, programs that disagree go to $CSMITH_FOUND"
    # A pool of CSMITH_JOBS checks; a new program starts when one ends.
    while if [ -n "$seconds" ]; then [ $((SECONDS - start)) -lt "$seconds" ]
          else [ $made -lt "$count" ]; fi; do
        if [ $running -ge "$CSMITH_JOBS" ]; then
            wait -n || true
            running=$((running - 1))
        fi
        seed=$SRANDOM
        check "$tmp" "$seed" "$CSMITH_FOUND" >>"$results" &
        made=$((made + 1))
        running=$((running + 1))
    done
    wait
    while read -r kind seed rest; do
        case $kind in
            disagree)
                while IFS= read -r what; do
                    [ -n "$what" ] && echo "csmith: seed $seed ${what%% *}: ${what#* }"
                done < <(printf '%s\n' "$rest" | tr '\t' '\n')
                found+=("$seed")
                ;;
        esac
    done <"$results"
    echo "csmith: $made programs in $((SECONDS - start)) s:" \
         "$(grep -c '^agree' "$results" || true) agree," \
         "${#found[@]} disagree, $(grep -c '^skip' "$results" || true) skipped"
    if [ $reduce -eq 1 ]; then
        for seed in "${found[@]}"; do
            reduce_one "$CSMITH_FOUND/$seed.c" "" || true
        done
    fi
    [ ${#found[@]} -eq 0 ]
}

# flatten IN OUT: IN with csmith's headers pasted in (macros expanded) and
# the standard headers they include left as #include lines, so that the
# program needs no -I and memjit serves the headers itself.
flatten() {
    gcc -E -I"$inc" "$1" | awk -v main="$1" -v inc="$inc/" '
        function ours(f) { return f == main || index(f, inc) == 1 }
        function header(f,   d, n, i) {
            n = split("/usr/lib/gcc/x86_64-linux-gnu/12/include/ /usr/include/x86_64-linux-gnu/ /usr/include/", d, " ")
            for (i = 1; i <= n; i++) if (index(f, d[i]) == 1) return substr(f, length(d[i]) + 1)
            return f
        }
        /^# [0-9]+ "/ {
            f = $3; gsub(/"/, "", f)
            if ($4 == 1 && keep && !ours(f)) print "#include <" header(f) ">"
            keep = ours(f)
            next
        }
        keep && !/^#pragma/ && NF { print }
    '
}

# reduce_one FILE.c LEVEL: creduce FILE.c (kept by explore, with its
# SEED.verdict beside it) into SEED.reduced.c, at LEVEL or the first level
# that disagreed. The interestingness test keeps the program well defined.
reduce_one() {
    local file=$1 level=$2 dir seed verdict kind expect="" head work
    dir=$(cd "$(dirname "$file")" && pwd)
    seed=$(basename "$file" .c)
    [ -f "$dir/$seed.verdict" ] || { echo "csmith: no $dir/$seed.verdict: not a kept program" >&2; return 1; }
    if [ -z "$level" ]; then
        level=$(head -1 "$dir/$seed.verdict" | sed 's/^-O\([0-3]\).*/\1/')
    fi
    verdict=$(grep -m1 "^-O$level " "$dir/$seed.verdict" | cut -d' ' -f2-) || verdict="WRONG"
    case $verdict in
        "WRONG: checksum"*|"WRONG: no checksum"*) kind=wrong ;;
        WRONG*) kind=status ;;
        *)
            # memjit's message up to the first name in it, since creduce
            # renames things: "cannot cast *((volatile union u_U2 ..." is
            # matched as "cannot cast " (unless that leaves too little).
            kind=error
            expect=${verdict#*error: }
            head=${expect%%[\'\"*(]*}
            [ ${#head} -lt 12 ] || expect=$head
            ;;
    esac
    if [ "$kind" = status ]; then
        # the exit status memjit's run had: 124 for a time-out, 128+N for signal N
        if [[ $verdict == *"no result"* ]]; then
            expect=124
        elif [[ $verdict =~ signal\ ([0-9]+) ]]; then
            expect=$((128 + BASH_REMATCH[1]))
        elif [[ $verdict =~ exit\ status\ ([0-9]+) ]]; then
            expect=${BASH_REMATCH[1]}
        fi
    fi
    work=$dir/$seed.reduce
    rm -rf "$work"
    mkdir -p "$work"
    write_test "$work/test.sh" "$seed.reduced.c" "$level" "$kind" "$expect"
    flatten "$file" >"$work/$seed.reduced.c"
    if ! (cd "$work" && ./test.sh); then
        echo "csmith: seed $seed: the flattened program no longer disagrees; reducing it as it is"
        cp "$file" "$work/$seed.reduced.c"
        (cd "$work" && ./test.sh) || {
            echo "csmith: seed $seed: not interesting at -O$level (flaky, or not well defined)" >&2
            return 1
        }
    fi
    echo "csmith: reducing seed $seed at -O$level ($verdict); log: $work/creduce.log"
    (cd "$work" && creduce --n "$CSMITH_JOBS" ./test.sh "$seed.reduced.c") >"$work/creduce.log" 2>&1 || {
        echo "csmith: creduce failed on seed $seed (log: $work/creduce.log)" >&2
        return 1
    }
    {
        echo "/* csmith seed $seed, reduced by creduce: memjit -O$level $verdict */"
        cat "$work/$seed.reduced.c"
    } >"$dir/$seed.reduced.c"
    cp "$work/test.sh" "$dir/$seed.test.sh"
    rm -rf "$work"
    echo "csmith: $dir/$seed.reduced.c ($(wc -l <"$dir/$seed.reduced.c") lines);" \
         "interestingness test: $dir/$seed.test.sh"
}

# write_test PATH FILE LEVEL KIND EXPECT: creduce's interestingness test. A
# variant is interesting when it is well defined (gcc -O1 -Wall accepts it
# without the warnings that mean undefined behaviour; gcc -O0 with ASan and
# UBSan runs it cleanly within 5 s; gcc -OLEVEL prints the same) and memjit
# -OLEVEL still gets it wrong the same way: KIND wrong (memjit exits 0 with
# other output), error (memjit's diagnostics contain EXPECT) or status
# (memjit's run exits with status EXPECT: a signal, a time-out).
write_test() {
    local path=$1 file=$2 level=$3 kind=$4 expect=$5
    cat >"$path" <<EOF
#!/usr/bin/env bash
# creduce interestingness test made by scripts/csmith.sh: exit 0 when
# $file is well defined and memjit -O$level still disagrees with gcc
# (kind: $kind${expect:+, $expect}). Run it in a folder holding $file.
set -u
f=$file
inc=$inc
memjit=$MEMJIT
level=$level
kind=$kind
expect=$(printf '%q' "$expect")
# Warnings that mean undefined behaviour (or a call gcc cannot check), all
# of them absent from csmith's programs: a variant that has one is dropped.
werror="${werror[*]}"
gcc -O1 -Wall -Wextra \$werror -I"\$inc" -c "\$f" -o /dev/null >/dev/null 2>&1 || exit 1
gcc -O0 -w -fsanitize=address,undefined -fno-sanitize-recover=all -I"\$inc" "\$f" \\
    -o san >/dev/null 2>&1 || exit 1
timeout 5 ./san </dev/null >san.out 2>/dev/null || exit 1
[ -s san.out ] || exit 1
gcc -O"\$level" -w -I"\$inc" "\$f" -o ref >/dev/null 2>&1 || exit 1
timeout 5 ./ref </dev/null >ref.out 2>/dev/null || exit 1
cmp -s san.out ref.out || exit 1
rc=0
timeout -k 1 10 "\$memjit" run --no-cache -O"\$level" -I"\$inc" "\$f" </dev/null \\
    >mj.out 2>mj.err || rc=\$?
case \$kind in
    wrong) [ \$rc -eq 0 ] && ! cmp -s ref.out mj.out ;;
    error) [ \$rc -eq 1 ] && grep -qF -- "\$expect" mj.err ;;
    status) [ \$rc -eq "\$expect" ] ;;
esac
EOF
    chmod +x "$path"
}

main() {
    case "${1:-}" in
        gate) [ $# -eq 1 ] || usage; gate ;;
        explore) shift; explore "$@" ;;
        reduce)
            if [ $# -lt 2 ] || [ $# -gt 3 ]; then usage; fi
            need_tools creduce
            local f=$2 lvl=${3:-}
            [[ $f == *.c ]] || f=$CSMITH_FOUND/$f.c
            reduce_one "$f" "${lvl#-O}"
            ;;
        _check) shift; check "$@" ;;   # one program, for the gate's xargs
        *) usage ;;
    esac
}

# One line, read whole before it runs: editing this file while a long
# explore or reduce runs cannot make bash execute a shifted tail of it.
main "$@"; exit
