#!/usr/bin/env bash
# fuzz/build.sh - build memjit's libFuzzer targets with clang.
#
#   fuzz/build.sh [OUT]        (default OUT: build-fuzz/ at the top of the tree)
#
# The library's sources are compiled with -fsanitize=fuzzer-no-link (coverage
# for libFuzzer) plus ASan and UBSan, UBSan made fatal so that undefined
# behaviour is a crash libFuzzer keeps. Two targets come out:
#   OUT/fuzz_front    lex + preprocess + parse + type check (internal API)
#   OUT/fuzz_compile  the whole mj_compile at -O0 (public API)
# No -Werror: the normal build checks warnings; this one hunts crashes.
# libgccjit itself is not instrumented. Needs clang 14 and libclang-rt-14-dev.
# Coverage that depends on addresses rather than on the input is left
# out, or two runs from one seed over the same inputs drift apart:
#   - the functions fuzz/coverage.ignore lists (lower.c's pointer-keyed
#     maps: how far a lookup probes depends on the keys' addresses);
#   - -fsanitize=fuzzer's stack-depth feature (the deepest stack pointer an
#     input reached): ASan aligns its frames to 32 bytes, so the same path
#     reaches a depth 16 bytes apart depending on where ASLR put the stack,
#     and now and then that crosses into another depth feature.
# EXTRA_CFLAGS is added to every compile, e.g. to switch off one UBSan check
# that keeps re-finding a known, reported bug:
#   EXTRA_CFLAGS=-fno-sanitize=float-cast-overflow fuzz/build.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/build-fuzz}
mkdir -p "$out/obj" "$out/inc"
CC=${CC:-clang}

# Only libgccjit.h from gcc's private include folder: the rest of that
# folder (stdatomic.h, stddef.h) is gcc's and must not reach clang.
gccjit_h=$(gcc -print-file-name=include)/libgccjit.h
cp "$gccjit_h" "$out/inc/"

sanitize="-fsanitize=address,undefined -fno-sanitize-recover=undefined"
cflags=(-std=c11 -D_GNU_SOURCE -g -O1 -fno-omit-frame-pointer $sanitize
        -Wall -Wextra -Wshadow -Wmissing-prototypes -Wstrict-prototypes
        -Wno-unused-parameter
        -I"$root/include" -I"$root/src" -isystem "$out/inc" ${EXTRA_CFLAGS:-})
libs=(-L/usr/lib/gcc/x86_64-linux-gnu/12 -lgccjit -lm -ldl -lpthread)
# Libraries the library itself links, when meson.build asks for them.
grep -qs "'sqlite3'" "$root/meson.build" && libs+=(-lsqlite3)
grep -qs "xxhash" "$root/meson.build" && libs+=(-lxxhash)

# The library's sources as meson.build lists them (memjit_sources), so that
# a file still being written in src/ is not picked up before it is built.
sources=$(sed -n '/^memjit_sources *= *files(/,/)/p' "$root/meson.build" |
          grep -o "'src/[^']*\.c'" | tr -d "'")
objs=()
for src in $sources; do
    obj="$out/obj/$(basename "${src%.c}").o"
    "$CC" "${cflags[@]}" -fsanitize=fuzzer-no-link -fno-sanitize-coverage=stack-depth \
        -fsanitize-coverage-ignorelist="$root/fuzz/coverage.ignore" -c "$root/$src" -o "$obj"
    objs+=("$obj")
done

for target in fuzz_front fuzz_compile; do
    "$CC" "${cflags[@]}" -fsanitize=fuzzer -fno-sanitize-coverage=stack-depth \
        "$root/fuzz/$target.c" "${objs[@]}" \
        "${libs[@]}" -Wl,--no-as-needed -o "$out/$target"
done
echo "fuzz/build.sh: built $out/fuzz_front and $out/fuzz_compile"
