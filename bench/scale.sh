#!/usr/bin/env bash
# bench/scale.sh [BUILD_DIR] [ROUNDS] - generated code at scale: memjit
# against gcc -O2 on the same big sources, whole process, time and peak
# memory.
#
# Three kinds of input that generated code is made of, each at three sizes
# (1x, 10x, 100x; 100x is the size issue 14 measured):
#   literal  a string literal of 200 KB, 2 MB, 20 MB
#   table    an unsigned char table of 20,000 / 200,000 / 2,000,000 elements
#   stmts    a function of 3,000 / 30,000 / 300,000 statements (x = x * a + b,
#            x from argc so that neither compiler folds them; not volatile,
#            which makes gcc itself take 11.8 s on 30,000 of them here)
# For each, `gcc -O2 -o prog FILE` (compile and link, as a user builds it)
# and `memjit run --no-cache FILE` (compile, link in memory, run) are timed
# ROUNDS times (default 3), interleaved; the table gives the medians of
# seconds and peak memory (GNU time's maximum resident set, which for gcc
# is its biggest process, cc1) and the median of the per-round ratios
# memjit / gcc. The goals: memory at most 2x gcc's, time at most 1.0x, and
# both growing linearly with the input (the 10x and 100x rows show it).
# Needs GNU time (/usr/bin/time, Debian package "time"). Writes
# bench/results-scale.md and prints it.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
rounds=${2:-3}
memjit=$build/memjit
timer=/usr/bin/time
[ -x "$timer" ] || { echo "bench/scale.sh: needs GNU time ($timer: apt install time)" >&2; exit 1; }
[ -f "$build/build.ninja" ] || meson setup "$build" >/dev/null
ninja -C "$build" >/dev/null

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# gen KIND N > file.c: a program that prints a checksum of what it holds.
gen() {
    case $1 in
    literal) awk -v n="$2" 'BEGIN {
        for (i = 0; i < 1000; i++) chunk = chunk sprintf("%c", 97 + (i * 13) % 26)
        printf "#include <stdio.h>\n#include <string.h>\nstatic const char s[] = \""
        for (i = 0; i < n / 1000; i++) printf "%s", chunk
        printf "\";\nint main(void) { unsigned h = 0; for (size_t i = 0; i < sizeof s; i++) h = h * 31 + s[i]; printf(\"%%zu %%u\\n\", strlen(s), h); return 0; }\n"
    }' ;;
    table) awk -v n="$2" 'BEGIN {
        printf "#include <stdio.h>\nstatic const unsigned char t[%d] = {\n", n
        for (i = 0; i < n; i++) printf "%d,%s", (i * 7 + i / 3) % 256, (i % 20 == 19) ? "\n" : ""
        printf "};\nint main(void) { unsigned h = 0; for (int i = 0; i < %d; i++) h = h * 31 + t[i]; printf(\"%%u\\n\", h); return 0; }\n", n
    }' ;;
    stmts) awk -v n="$2" 'BEGIN {
        printf "#include <stdio.h>\nint main(int argc, char **argv) {\n    unsigned x = argc;\n"
        for (i = 0; i < n; i++) printf "    x = x * %d + %d;\n", i % 97 + 3, i % 13
        printf "    printf(\"%%u\\n\", x);\n    return 0;\n}\n"
    }' ;;
    esac
}

# measure CMD...: "seconds kilobytes" of one run; its stdout to $tmp/out.
measure() {
    "$timer" -f '%e %M' -o "$tmp/time" "$@" >"$tmp/out" 2>"$tmp/err" || {
        echo "bench/scale.sh: failed: $*" >&2
        cat "$tmp/err" >&2
        exit 1
    }
    cat "$tmp/time"
}

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

out=bench/results-scale.md
{
    echo "## scale: generated code at scale, whole process"
    echo
    echo "\`bench/scale.sh\`, $rounds rounds, medians; ratios are the median of per-round memjit / gcc."
    echo "gcc: \`gcc -O2 -o prog FILE\`; memjit: \`memjit run --no-cache FILE\` (compiles, links and runs)."
    echo "Goals: memory at most 2x gcc's, time at most 1.0x, growth linear."
    echo
    echo "| input | size | gcc s | gcc MB | memjit s | memjit MB | time ratio | memory ratio |"
    echo "|---|---|---|---|---|---|---|---|"
} >"$out"

for kind in literal table stmts; do
    case $kind in
    literal) sizes="200000 2000000 20000000" ;;
    table) sizes="20000 200000 2000000" ;;
    stmts) sizes="3000 30000 300000" ;;
    esac
    [ -z "${SCALE_ONLY_1X:-}" ] || sizes=${sizes%% *}   # a quick check of the script
    for n in $sizes; do
        echo "bench/scale.sh: $kind $n" >&2
        gen "$kind" "$n" >"$tmp/prog.c"
        : >"$tmp/rows"
        for ((r = 0; r < rounds; r++)); do
            read -r gs gk < <(measure gcc -O2 -w -o "$tmp/prog" "$tmp/prog.c")
            "$tmp/prog" >"$tmp/gcc.out"
            read -r ms mk < <(measure "$memjit" run --no-cache -w "$tmp/prog.c")
            cmp -s "$tmp/gcc.out" "$tmp/out" || {
                echo "bench/scale.sh: $kind $n: memjit printed another result than gcc's program" >&2
                exit 1
            }
            echo "$gs $gk $ms $mk" >>"$tmp/rows"
        done
        col() { awk -v c="$1" '{ print $c }' "$tmp/rows" | median; }
        ratio() { awk -v a="$1" -v b="$2" '{ print ($b > 0) ? $a / $b : 0 }' "$tmp/rows" | median; }
        printf '| %s | %s | %.2f | %.0f | %.2f | %.0f | %.2f | %.2f |\n' "$kind" "$n" \
            "$(col 1)" "$(col 2 | awk '{ print $1 / 1024 }')" "$(col 3)" \
            "$(col 4 | awk '{ print $1 / 1024 }')" "$(ratio 3 1)" "$(ratio 4 2)" >>"$out"
    done
done
cat "$out"
