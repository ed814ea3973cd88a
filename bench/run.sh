#!/usr/bin/env bash
# bench/run.sh [BUILD_DIR] - every benchmark, and one table of their
# headline figures.
#
# Builds BUILD_DIR (default: build, as quickstart.sh makes it), runs the
# benchmarks one after another (each alone on the machine: never run two
# at once, or one's noise is the other's result), writes each one's
# section to bench/results-NAME.md, then writes bench/results.md: a line
# describing the machine, the summary table (every headline figure, its
# goal where the issue set one, met or not), and the sections after it.
# The summary goes to stdout too. Each benchmark adds its rows through
# bench_summary() (bench/bench_util.c) when $MEMJIT_BENCH_SUMMARY names a
# file. Takes 1-2 minutes on 2 cores. Exit status: nonzero when a
# benchmark fails (a wrong result or a failed compile); a missed goal is
# reported in the table, not an error: the machine may be noisy.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
bench=$build/bench

[ -f "$build/build.ninja" ] || meson setup "$build" >/dev/null
ninja -C "$build" >/dev/null

summary=$(mktemp)
trap 'rm -f "$summary"' EXIT
export MEMJIT_BENCH_SUMMARY=$summary

# name, then the command; the section lands in bench/results-NAME.md.
sections=()
run() {
    local name=$1
    shift
    echo "bench/run.sh: $name" >&2
    "$@" >/dev/null
    sections+=("bench/results-$name.md")
}

run speed "$bench/speed" bench/kernels bench/results-speed.md 21 "$bench/libkernels_gcc.so"
if [ -x "$bench/placement" ]; then    # built with gcc only
    run placement "$bench/placement" bench/kernels/fib.c bench/results-placement.md 21 \
        "$bench"/libfib_at_{0,16,32,48}.so
fi
run latency "$bench/latency" bench/results-latency.md 41
run share "$bench/compile_share" tests/lang/showcase.c bench/results-share.md 21
run cache "$bench/cache_bench" bench/results-cache.md
run start "$bench/run_start" "$build/memjit" bench/results-start.md 41
run expr "$bench/expr" bench/results-expr.md 11

{
    echo "# memjit benchmarks"
    echo
    echo "Written by \`bench/run.sh\` (memjit $(sed -n "s/.*version : '\([^']*\)'.*/\1/p" meson.build | head -1)); the sections below hold the details and the notes on each figure."
    echo
    grep -m1 '^Machine: ' bench/results-speed.md
    echo
    echo "| area | measure | result | goal | met |"
    echo "|---|---|---|---|---|"
    cat "$summary"
    for section in "${sections[@]}"; do
        echo
        cat "$section"
    done
} >bench/results.md

# stdout: the machine line and the summary table.
awk '/^Machine: /{print; print ""} /^\| area/{table=1} table && /^$/{exit} table' bench/results.md
