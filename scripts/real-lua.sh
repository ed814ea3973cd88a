#!/bin/bash
# real-lua.sh [LUA_SRC_DIR] - Lua 5.4, unmodified, built and run by memjit.
#
# A real program that leans on setjmp/longjmp (every Lua error and
# coroutine switch), signals (lua.c's SIGINT handler), locale and stdio.
# Its sources come from Debian (apt-get source lua5.4, which needs a
# deb-src line) unless LUA_SRC_DIR names an extracted lua-5.4.x folder.
# tests/real/lua/onelua.c includes every file into one translation unit,
# as Lua's own onelua.c does (memjit links one unit per program today).
# Checks, each against gcc -O2's build of the same onelua.c:
#   - `lua -v` (Lua's own `make test`) and tests/real/lua/check.lua print
#     the same, at -O2 and -O0;
#   - SIGINT during an endless loop ends it with "interrupted!", status 1.
# Needs network or a Lua source folder, so it is not one of the CI gates.
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
memjit=${MEMJIT:-$here/build/memjit}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/memjit-lua.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
src=${1:-}
if [ -z "$src" ]; then
    (cd "$tmp" && apt-get source -qq lua5.4 >/dev/null 2>&1) ||
        { echo "real-lua: apt-get source lua5.4 failed (no deb-src?); give LUA_SRC_DIR" >&2; exit 2; }
    src=$(ls -d "$tmp"/lua5.4-*/src 2>/dev/null | head -1)
    [ -d "$src" ] || src=$(ls -d "$tmp"/lua-5.4*/src | head -1)
else
    src=$src/src
fi
[ -f "$src/lvm.c" ] || { echo "real-lua: no Lua sources in $src" >&2; exit 2; }
cp "$here/tests/real/lua/onelua.c" "$src/"
fail=0
gcc -O2 -w -o "$tmp/lua_gcc" "$src/onelua.c" -lm -ldl || exit 2
for level in -O2 -O0; do
    for what in "-v" "$here/tests/real/lua/check.lua"; do
        "$tmp/lua_gcc" $what >"$tmp/gcc.out" 2>&1
        (cd "$src" && "$memjit" run --no-cache $level -ldl onelua.c $what) >"$tmp/mj.out" 2>&1
        if cmp -s "$tmp/gcc.out" "$tmp/mj.out"; then
            echo "real-lua: $level $(basename -- "$what"): same as gcc ($(wc -l <"$tmp/mj.out") lines)"
        else
            echo "real-lua: $level $(basename -- "$what"): DIFFERS from gcc"
            diff "$tmp/gcc.out" "$tmp/mj.out" | head -20
            fail=1
        fi
    done
done
# SIGINT: lua.c's handler sets a hook that raises "interrupted!". A
# store of our own, filled first, so that the run starts at once.
export XDG_CACHE_HOME=$tmp/cache
(cd "$src" && "$memjit" run -ldl onelua.c -v) >/dev/null 2>&1
(cd "$src" && exec "$memjit" run -ldl onelua.c -e 'local n = 0 while true do n = n + 1 end') \
    >"$tmp/int.out" 2>&1 &
pid=$!
sleep 3
kill -INT "$pid"
wait "$pid"
status=$?
if [ "$status" = 1 ] && grep -q "interrupted!" "$tmp/int.out"; then
    echo "real-lua: SIGINT interrupts the loop (status 1, \"interrupted!\")"
else
    echo "real-lua: SIGINT: status $status, output:"; head -5 "$tmp/int.out"
    fail=1
fi
exit $fail
