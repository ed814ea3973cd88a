#!/usr/bin/env bash
# fuzz/seed.sh - fill a libFuzzer corpus folder with memjit's own C programs.
#
#   fuzz/seed.sh CORPUS
#
# Seeds: the language tests (tests/lang/*.c: valid programs covering every
# feature), the malformed inputs (tests/bad/*.c: every diagnostic path) and
# the fuzz regressions (fuzz/regressions/*.c: every crash found so far).
# Files are copied under their folder's name so a seed is easy to trace.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=${1:?usage: fuzz/seed.sh CORPUS}
mkdir -p "$corpus"
for dir in tests/lang tests/bad fuzz/regressions; do
    for f in "$root/$dir"/*.c; do
        [ -e "$f" ] || continue
        cp "$f" "$corpus/$(echo "$dir" | tr / _)_$(basename "$f")"
    done
done
echo "fuzz/seed.sh: $(ls "$corpus" | wc -l) files in $corpus"
