#!/usr/bin/env bash
# scripts/gates.sh - memjit's quality gates, one command each.
#
#   scripts/gates.sh asan       whole test suite built with ASan + UBSan
#   scripts/gates.sh valgrind   memcheck over the API and malformed-input tests
#   scripts/gates.sh fuzz       libFuzzer targets: regressions, then a fixed
#                               number of inputs from a fixed seed (deterministic)
#   scripts/gates.sh tsan       ThreadSanitizer build of the cache and stress tests
#   scripts/gates.sh csmith     differential testing against gcc: a fixed list
#                               of csmith's random programs, checksums compared
#                               (scripts/csmith.sh gate; known failures listed
#                               in tests/csmith/known-failures.txt)
#   scripts/gates.sh torture [--update]
#                               GCC's C torture suite from the shared folder,
#                               held to tests/torture/{refused,known-wrong}.txt
#                               (scripts/torture-gate.sh; --update takes the
#                               programs that now pass off the lists)
#   scripts/gates.sh all        all of the above, in that order
#   scripts/gates.sh fuzz-explore
#                               local exploration: FUZZ_SECONDS of fuzzing per
#                               target from a random seed, corpus kept between
#                               runs (not part of `all`: its outcome varies)
#
# Each gate prints its wall time; the last line of the output is always the
# summary `gates: N passed, M failed`, and the exit status is 0 exactly when
# M is 0 (2 for a usage error). Build folders (build-asan, build-fuzz,
# build-tsan; valgrind, csmith and torture use quickstart's build/) are made
# under GATES_BUILD and reused. Runs on a fresh Debian 12 machine as root (or with sudo): what
# is missing is installed with apt-get, as quickstart.sh does.
# Knobs (environment):
#   GATES_BUILD   folder for the build folders (default: the top of the tree)
#   JOBS          meson test --num-processes (default 2)
#   FUZZ_SEED     libFuzzer -seed of the gate (default 1)
#   FUZZ_RUNS_FRONT
#                 inputs fuzz_front makes in the gate (default 30000: about
#                 a minute on 2 cores; fuzz_compile then compiles those kept)
#   FUZZ_SECONDS  seconds per target of fuzz-explore (default 600)
#   CSMITH_SEEDS, TORTURE_FLAGS
#                 see scripts/csmith.sh and scripts/torture-gate.sh
# docs/quality.md says what each gate checks and what the gates found.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

GATES_BUILD=${GATES_BUILD:-$root}
JOBS=${JOBS:-2}
FUZZ_SEED=${FUZZ_SEED:-1}
FUZZ_RUNS_FRONT=${FUZZ_RUNS_FRONT:-30000}
FUZZ_SECONDS=${FUZZ_SECONDS:-600}


# A gate function runs inside `if`, where bash ignores `set -e`: every
# step that can fail is checked by hand (`|| return 1`), so that a failed
# build can never leave stale programs to pass the tests.

# Sets up (once) and builds the meson folder $1 with the options that follow.
build_dir() {
    local dir=$1
    shift
    if [ ! -f "$dir/build.ninja" ]; then
        meson setup "$dir" "$root" "$@" >"$dir.setup.log" 2>&1 || {
            echo "gates: meson setup $dir failed:" >&2
            tail -20 "$dir.setup.log" >&2
            return 1
        }
    fi
    ninja -C "$dir" >"$dir.ninja.log" 2>&1 || {
        echo "gates: build of $dir failed:" >&2
        grep -E 'error|FAILED' "$dir.ninja.log" | head -20 >&2
        return 1
    }
}

# The names of the tests of build folder $1 with a suite that matches the
# regular expression $2 and none that matches $3, without the valgrind ones
# (valgrind cannot run a sanitized program; it has its own gate). meson
# lists a test of several suites as "memjit:api+cache / cache".
list_tests() {
    local suite="(${2})" skip="(${3:-^$})"
    meson test -C "$1" --list 2>/dev/null | grep ' / ' | grep -v '_valgrind$' |
        grep -E "^memjit:([^ ]*\+)?$suite(\+[^ ]*)? / " |
        grep -vE "^memjit:([^ ]*\+)?$skip(\+[^ ]*)? / " | sed 's/.* \/ //'
}

# meson test over the named tests of folder $1 (never "all": an empty list
# fails, since a gate that runs nothing must not pass).
run_tests() {
    local dir=$1
    shift
    [ $# -gt 0 ] || { echo "gates: no tests to run in $dir" >&2; return 1; }
    meson test -C "$dir" --print-errorlogs --num-processes "$JOBS" "$@"
}

# LeakSanitizer ignores libgccjit's own leaks (reviewed list: tests/lsan.supp).
export LSAN_OPTIONS="suppressions=$root/tests/lsan.supp:print_suppressions=0"

# ASan + UBSan over the whole suite. UBSan reports are made fatal. gcc's
# -Wformat-truncation misfires under -fsanitize (a NULL format it cannot
# see through in arena_vprintf), hence -Wno-format-truncation.
gate_asan() {
    local dir=$GATES_BUILD/build-asan status=0
    build_dir "$dir" -Db_sanitize=address,undefined -Db_lundef=false \
        -Dc_args=-Wno-format-truncation || return 1
    export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
    # memjit's own leaks: every test but the language tests, leak checks on.
    ASAN_OPTIONS=detect_leaks=1 run_tests "$dir" $(list_tests "$dir" '.*' 'lang') ||
        status=1
    # The language tests run C programs that may leak at exit as C programs
    # do; their allocations come from JIT code that is unloaded before the
    # leak check, so they cannot be told apart from memjit's. Memory errors
    # and UB are still fatal; leaks are covered by the run above.
    ASAN_OPTIONS=detect_leaks=0 run_tests "$dir" $(list_tests "$dir" 'lang') ||
        status=1
    return $status
}

# memcheck: the *_valgrind tests of the normal build (tests/valgrind.supp).
gate_valgrind() {
    local dir=$GATES_BUILD/build tests
    build_dir "$dir" || return 1
    tests=$(meson test -C "$dir" --list 2>/dev/null | grep ' / ' | grep '_valgrind$' |
            sed 's/.* \/ //')
    [ -n "$tests" ] || { echo "gates: no *_valgrind tests (valgrind missing?)" >&2; return 1; }
    run_tests "$dir" $tests
}

# libFuzzer, as CI runs it: the same inputs for the same tree, so that a
# green main stays green and a red one is red for a reason that
# reproduces. Every saved regression must pass; then fuzz_front makes
# FUZZ_RUNS_FRONT inputs from a fixed seed, starting from a corpus made
# afresh from the tree (tests/lang, tests/bad, fuzz/regressions); then
# fuzz_compile compiles, for real, every input fuzz_front kept (seeds
# included), once each. fuzz_compile does not mutate here. Its runs from
# one seed used to drift apart within a thousand inputs, because lower.c's
# maps probe by address; fuzz/build.sh now leaves that (and the stack-depth
# feature) out of the coverage, and 10 000 inputs from the seed corpus
# repeat exactly. But from fuzz_front's corpus two runs of 15 000 inputs
# still keep different inputs, already in the first pass over the corpus
# (cause not found yet), so its mutating, random runs belong to
# fuzz-explore. A crash leaves its input in build-fuzz/artifacts/
# (minimise it, add it to fuzz/regressions/, report it).
gate_fuzz() {
    local out=$GATES_BUILD/build-fuzz status=0 corpus
    build_fuzzers "$out" || return 1
    replay_regressions "$out" fuzz_front || status=1
    replay_regressions "$out" fuzz_compile || status=1
    corpus=$out/corpus-fuzz_front
    rm -rf "$corpus" "$out/corpus-fuzz_compile"
    "$root/fuzz/seed.sh" "$corpus" >/dev/null || return 1
    echo "gates: fuzz_front: $FUZZ_RUNS_FRONT inputs from seed $FUZZ_SEED"
    fuzz_run "$out" fuzz_front -seed="$FUZZ_SEED" -runs="$FUZZ_RUNS_FRONT" -use_cmp=0 \
        "$corpus" || status=1
    echo "gates: fuzz_compile: the $(ls "$corpus" | wc -l) inputs fuzz_front kept"
    fuzz_run "$out" fuzz_compile -runs=0 "$corpus" || status=1
    return $status
}

# A fixed seed alone does not make fuzz_front's run the same every time:
# libFuzzer also mutates with the operands of the comparisons it traces
# (-use_cmp), and memjit compares pointers, whose values change from run
# to run. The gate turns that off; fuzz-explore keeps it. Nor was the
# build enough: -fsanitize=fuzzer also counts how deep the stack went, in
# bytes from an address ASLR moves, and ASan's 32-byte frame alignment made
# that depth differ by 16 bytes from run to run (one tree gave 2124 or 2189
# kept inputs). fuzz/build.sh switches that feature off.

# Local exploration: a random seed, a time bound, and a corpus kept between
# runs so that each run goes deeper. Its findings go to fuzz/regressions/.
gate_fuzz_explore() {
    local out=$GATES_BUILD/build-fuzz status=0
    build_fuzzers "$out" || return 1
    local target
    for target in fuzz_front fuzz_compile; do
        replay_regressions "$out" $target || status=1
        "$root/fuzz/seed.sh" "$out/explore-$target" >/dev/null || return 1
        echo "gates: $target for ${FUZZ_SECONDS}s from a random seed"
        fuzz_run "$out" $target -max_total_time="$FUZZ_SECONDS" "$out/explore-$target" ||
            status=1
    done
    return $status
}

build_fuzzers() {
    local cc
    cc=$(command -v clang-14 || command -v clang) || {
        echo "gates: clang not found" >&2
        return 1
    }
    mkdir -p "$1/artifacts"
    CC=$cc "$root/fuzz/build.sh" "$1" >"$1.build.log" 2>&1 || {
        echo "gates: fuzz/build.sh failed:" >&2
        grep -E 'error' "$1.build.log" | head -20 >&2
        return 1
    }
}

replay_regressions() {
    local out=$1 target=$2 regressions=("$root"/fuzz/regressions/*.c)
    [ -e "${regressions[0]}" ] || return 0
    echo "gates: $target over ${#regressions[@]} regression inputs"
    "$out/$target" "${regressions[@]}" >"$out/$target-regressions.log" 2>&1 || {
        echo "gates: $target fails on a regression input:" >&2
        grep -E 'runtime error|ERROR:|^Running:|SUMMARY' "$out/$target-regressions.log" |
            tail -5 >&2
        return 1
    }
}

# One libFuzzer run of target $2 with the options that follow; -reload=0:
# nothing else writes the corpus, and a timed reload is a source of chance.
fuzz_run() {
    local out=$1 target=$2
    shift 2
    "$out/$target" -max_len=16384 -timeout=60 -rss_limit_mb=3072 -reload=0 \
        -dict="$root/fuzz/c.dict" -print_final_stats=1 -artifact_prefix="$out/artifacts/" \
        "$@" >"$out/$target.log" 2>&1 || {
        echo "gates: $target found a crash (log: $out/$target.log; reproduce:" \
             "$out/$target $*):" >&2
        grep -E 'runtime error|ERROR:|SUMMARY|Test unit written' "$out/$target.log" |
            tail -5 >&2
        return 1
    }
    grep -E '^stat::(number_of_executed_units|new_units_added)' "$out/$target.log" |
        tr '\n' ' '
    echo
}

# ThreadSanitizer over the cache tests (suite "cache") and the stress tests
# (suite "stress": threads and processes sharing one store).
gate_tsan() {
    local dir=$GATES_BUILD/build-tsan
    build_dir "$dir" -Db_sanitize=thread -Db_lundef=false \
        -Dc_args=-Wno-format-truncation || return 1
    TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" \
        run_tests "$dir" $(list_tests "$dir" 'cache|stress')
}

# Differential testing: csmith's programs (a fixed list of seeds) built by
# gcc -O0 and run by memjit -O0 and -O2; every checksum must agree, except
# on the seeds of tests/csmith/known-failures.txt, which must still fail.
# Exploration with random seeds is scripts/csmith.sh explore.
gate_csmith() {
    local dir=$GATES_BUILD/build
    build_dir "$dir" || return 1
    MEMJIT=$dir/memjit "$root/scripts/csmith.sh" gate
}

# GCC's torture suite (../shared/torture, run by ../shared/tools/torture.sh):
# no WRONG program and no refused one beyond the committed lists, and no
# listed program that passes now.
gate_torture() {
    local dir=$GATES_BUILD/build
    build_dir "$dir" || return 1
    MEMJIT=$dir/memjit "$root/scripts/torture-gate.sh" ${TORTURE_UPDATE:+--update}
}

passed=0
failed=0
failed_names=()

run_gate() {
    local start=$SECONDS status=0
    echo "=== gate $1"
    "gate_${1//-/_}" || status=$?
    echo "=== gate $1: $([ $status -eq 0 ] && echo passed || echo FAILED) in $((SECONDS - start))s"
    if [ $status -eq 0 ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        failed_names+=("$1")
    fi
}

usage() {
    echo "usage: scripts/gates.sh asan|valgrind|fuzz|tsan|csmith|torture [--update]|all|fuzz-explore" >&2
    exit 2
}
TORTURE_UPDATE=""
case "${1:-}" in
    asan|valgrind|fuzz|tsan|csmith|fuzz-explore)
        [ $# -eq 1 ] || usage
        gates=("$1")
        ;;
    torture)
        case "${2:-}" in
            "") ;;
            --update) [ $# -eq 2 ] || usage; TORTURE_UPDATE=1 ;;
            *) usage ;;
        esac
        gates=(torture)
        ;;
    all)
        [ $# -eq 1 ] || usage
        gates=(asan valgrind fuzz tsan csmith torture)
        ;;
    *)
        usage
        ;;
esac

mkdir -p "$GATES_BUILD"
start=$SECONDS
if scripts/install-packages.sh --csmith clang-14 libclang-rt-14-dev; then
    for g in "${gates[@]}"; do
        run_gate "$g"
    done
else
    echo "gates: could not install the packages the gates need" >&2
    failed=${#gates[@]}
    failed_names=("${gates[@]}")
fi
echo "gates: total $((SECONDS - start))s${failed_names:+; failed: ${failed_names[*]}}"
echo "gates: $passed passed, $failed failed"
[ $failed -eq 0 ]
