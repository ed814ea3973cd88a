#!/usr/bin/env bash
# scripts/gates.sh - memjit's quality gates, one command each.
#
#   scripts/gates.sh asan       whole test suite built with ASan + UBSan
#   scripts/gates.sh valgrind   memcheck over the API and malformed-input tests
#   scripts/gates.sh fuzz       libFuzzer targets: regressions, then a bounded run
#   scripts/gates.sh tsan       ThreadSanitizer build of the cache tests
#   scripts/gates.sh all        all of the above, in that order
#
# Each gate prints its wall time and exits non-zero when it fails; `all`
# runs every gate and fails when any did. Build folders (build-asan,
# build-fuzz, build-tsan; valgrind uses quickstart's build/) are made at the
# top of the tree and reused. Runs on a fresh Debian 12 machine as root (or
# with sudo): what is missing is installed with apt-get, as quickstart.sh
# does. Knobs (environment):
#   FUZZ_SECONDS   seconds per fuzz target (default 60)
#   JOBS           meson test --num-processes (default 2)
# docs/quality.md says what each gate checks and what the gates found.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

FUZZ_SECONDS=${FUZZ_SECONDS:-60}
JOBS=${JOBS:-2}

packages=(gcc libc6-dev libgccjit-12-dev libcmocka-dev meson ninja-build pkg-config
          python3 valgrind clang-14 libclang-rt-14-dev)
# The cache/store layer needs these once meson.build asks for them.
grep -qs "'sqlite3'" meson.build && packages+=(libsqlite3-dev)
grep -qs "xxhash" meson.build && packages+=(libxxhash-dev)

install_missing() {
    local missing=()
    for p in "${packages[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
            missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "gates: installing ${missing[*]}" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" >/dev/null
}

# The names of the tests of build folder $1 whose suite matches the regular
# expression $2 and not $3, without the valgrind ones (valgrind cannot run a
# sanitized program; it has its own gate).
list_tests() {
    meson test -C "$1" --list 2>/dev/null | grep ' / ' | grep -v '_valgrind$' |
        grep -E "^memjit:($2) / " | grep -vE "^memjit:(${3:-^$}) / " | sed 's/.* \/ //'
}

# meson test over the named tests of folder $1 (never "all": an empty list
# runs nothing).
run_tests() {
    local dir=$1
    shift
    [ $# -gt 0 ] || return 0
    meson test -C "$dir" --print-errorlogs --num-processes "$JOBS" "$@"
}

# LeakSanitizer ignores libgccjit's own leaks (reviewed list: tests/lsan.supp).
export LSAN_OPTIONS="suppressions=$root/tests/lsan.supp:print_suppressions=0"

# ASan + UBSan over the whole suite. UBSan reports are made fatal. gcc's
# -Wformat-truncation misfires under -fsanitize (a NULL format it cannot
# see through in arena_vprintf), hence -Wno-format-truncation.
gate_asan() {
    if [ ! -f build-asan/build.ninja ]; then
        meson setup build-asan -Db_sanitize=address,undefined -Db_lundef=false \
            -Dc_args=-Wno-format-truncation >/dev/null
    fi
    ninja -C build-asan >/dev/null
    export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
    local status=0
    # memjit's own leaks: every test but the language tests, leak checks on.
    ASAN_OPTIONS=detect_leaks=1 run_tests build-asan $(list_tests build-asan '.*' 'lang') ||
        status=1
    # The language tests run C programs that may leak at exit as C programs
    # do; their allocations come from JIT code that is unloaded before the
    # leak check, so they cannot be told apart from memjit's. Memory errors
    # and UB are still fatal; leaks are covered by the run above.
    ASAN_OPTIONS=detect_leaks=0 run_tests build-asan $(list_tests build-asan 'lang') ||
        status=1
    return $status
}

# memcheck: the *_valgrind tests of the normal build (tests/valgrind.supp).
gate_valgrind() {
    if [ ! -f build/build.ninja ]; then
        meson setup build >/dev/null
    fi
    ninja -C build >/dev/null
    local tests
    tests=$(meson test -C build --list 2>/dev/null | grep ' / ' | grep '_valgrind$' | sed 's/.* \/ //')
    [ -n "$tests" ] || { echo "gates: no *_valgrind tests (valgrind missing?)" >&2; return 1; }
    run_tests build $tests
}

# libFuzzer: every saved regression must pass, then each target runs for
# FUZZ_SECONDS from a corpus seeded with the test programs. A crash leaves
# its input in build-fuzz/artifacts/ (minimise it, add it to
# fuzz/regressions/, report it).
gate_fuzz() {
    CC=$(command -v clang-14 || command -v clang) fuzz/build.sh build-fuzz >/dev/null
    mkdir -p build-fuzz/artifacts
    local status=0 regressions=(fuzz/regressions/*.c)
    for target in fuzz_front fuzz_compile; do
        if [ -e "${regressions[0]}" ]; then
            echo "gates: $target over ${#regressions[@]} regression inputs"
            build-fuzz/$target "${regressions[@]}" >build-fuzz/$target-regressions.log 2>&1 || {
                echo "gates: $target fails on a regression input:" >&2
                grep -E 'runtime error|ERROR:|^Running:|SUMMARY' build-fuzz/$target-regressions.log | tail -5 >&2
                status=1
            }
        fi
        fuzz/seed.sh build-fuzz/corpus-$target >/dev/null
        echo "gates: $target for ${FUZZ_SECONDS}s"
        build-fuzz/$target -max_total_time="$FUZZ_SECONDS" -max_len=16384 -timeout=20 \
            -rss_limit_mb=3072 -dict=fuzz/c.dict -print_final_stats=1 \
            -artifact_prefix=build-fuzz/artifacts/ build-fuzz/corpus-$target \
            >build-fuzz/$target.log 2>&1 || {
            echo "gates: $target found a crash (see build-fuzz/$target.log):" >&2
            grep -E 'runtime error|ERROR:|SUMMARY|Test unit written' build-fuzz/$target.log | tail -5 >&2
            status=1
        }
        grep -E '^stat::number_of_executed_units' build-fuzz/$target.log || true
    done
    return $status
}

# ThreadSanitizer over the cache tests (suite "cache"), once they exist.
gate_tsan() {
    if [ ! -f build-tsan/build.ninja ]; then
        meson setup build-tsan -Db_sanitize=thread -Db_lundef=false \
            -Dc_args=-Wno-format-truncation >/dev/null
    fi
    ninja -C build-tsan >/dev/null
    local tests
    tests=$(list_tests build-tsan 'cache' || true)
    if [ -z "$tests" ]; then
        echo "gates: tsan skipped: no tests in suite 'cache' yet"
        return 0
    fi
    TSAN_OPTIONS=halt_on_error=1 run_tests build-tsan $tests
}

run_gate() {
    local start=$SECONDS status=0
    echo "=== gate $1"
    "gate_$1" || status=$?
    echo "=== gate $1: $([ $status -eq 0 ] && echo passed || echo FAILED) in $((SECONDS - start))s"
    return $status
}

install_missing
case "${1:-}" in
    asan|valgrind|fuzz|tsan)
        run_gate "$1"
        ;;
    all)
        failed=()
        for g in asan valgrind fuzz tsan; do
            run_gate "$g" || failed+=("$g")
        done
        [ ${#failed[@]} -eq 0 ] || { echo "gates failed: ${failed[*]}" >&2; exit 1; }
        ;;
    *)
        echo "usage: scripts/gates.sh asan|valgrind|fuzz|tsan|all" >&2
        exit 2
        ;;
esac
