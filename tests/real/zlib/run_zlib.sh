#!/bin/bash
# run_zlib.sh MEMJIT ZLIB_DIR - zlib, unmodified (the shared folder's
# real/zlib), run by `memjit run` from its 16 files: the library's 15
# and test/example.c, several translation units linked in memory. Its
# output must be gcc -O2's build's, at -O2 and -O0, compiled and again
# from a store of its own (every unit a store hit).
# Exit 77 (meson: skipped) only when ZLIB_DIR is not there.
set -u
memjit=$1
zlib=$2
case $memjit in
    */*) memjit="$(cd "$(dirname "$memjit")" && pwd)/$(basename "$memjit")" ;;
esac
[ -f "$zlib/zlib.h" ] || { echo "run_zlib: no zlib sources in $zlib"; exit 77; }
zlib=$(cd "$zlib" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/memjit-zlib.XXXXXX")
chmod 700 "$tmp"
trap 'rm -rf "$tmp"' EXIT
lib="adler32.c crc32.c deflate.c infback.c inffast.c inflate.c inftrees.c trees.c zutil.c
     compress.c uncompr.c gzclose.c gzlib.c gzread.c gzwrite.c"
files=$(for f in $lib; do printf '%s ' "$zlib/$f"; done)
passed=0 failed=0
result() {   # result NAME STATUS
    if [ "$2" = 0 ]; then passed=$((passed + 1)); else echo "FAIL: $1"; failed=$((failed + 1)); fi
}
# example.c writes foo.gz in the current folder: each run has its own.
mkdir "$tmp/gcc"
gcc -O2 -w -I"$zlib" $files "$zlib/test/example.c" -o "$tmp/gcc/example" || exit 1
(cd "$tmp/gcc" && ./example >out 2>&1); result "gcc's build runs" $?
for level in -O2 -O0; do
    for run in compiled stored; do
        dir="$tmp/mj$level-$run"
        mkdir "$dir"
        # -fpermissive: gz*.c call read/write/close/lseek undeclared (zconf.h
        # includes <unistd.h> only when configure says so), as gcc 12 accepts.
        (cd "$dir" && "$memjit" run --store "$tmp/store.db" -v $level -fpermissive -I"$zlib" \
            "$zlib/test/example.c" $files >out 2>err)
        result "example $level ($run) exits 0" $?
        cmp -s "$tmp/gcc/out" "$dir/out"
        result "example $level ($run) prints what gcc's build prints" $?
        if [ $run = stored ]; then
            grep -q 'loaded from the store' "$dir/err"
            result "example $level: every unit from the store" $?
        fi
    done
done
echo "zlib: $(wc -l <"$tmp/gcc/out") lines of output; $passed passed, $failed failed"
[ "$failed" = 0 ]
