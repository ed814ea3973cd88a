#!/bin/bash
# no_proc.sh MEMJIT - memjit where /proc is not mounted.
#
# memjit compiles to an object in a private folder and links it in memory
# (no memfd, no dlopen, no /proc/self/fd), and a store hit is an SQLite
# read plus the same link: neither may need /proc. As root, with unshare,
# this script runs itself again in a private mount namespace where /proc
# is unmounted, checks that /proc/self is gone there, and then that
#   memjit run --store DIR/s.db prog.c    compiles and runs the program,
#   memjit run -v --store DIR/s.db prog.c runs it again from the store,
#   memjit run --no-cache prog.c          compiles and runs it, no store,
# each with the program's output and exit status checked.
# Exit 77 (meson: skipped), saying why, when not root or when the private
# namespace or the unmount is refused (containers may forbid it); a memjit
# failure inside is a failure of the test.
#
# The loader: a memjit in the build tree finds libmemjit.so through the
# RUNPATH $ORIGIN meson gives it, and glibc's loader learns $ORIGIN from
# /proc/self/exe, else from LD_ORIGIN_PATH. Without /proc and without it
# the CLI cannot even start ("libmemjit.so.0: cannot open shared object
# file"), before any of memjit's code runs; an installed memjit has no
# such RUNPATH. So the inside sets LD_ORIGIN_PATH to the CLI's folder:
# what /proc/self/exe would have told the loader, nothing more.
set -u

# AddressSanitizer's runtime reads /proc/self/maps before main: a
# sanitized memjit (the ASan gate) cannot start without /proc at all.
if [ "${1:-}" != --inside ] && ldd "${1:-}" 2>/dev/null | grep -q 'libasan\|libtsan'; then
    echo "no_proc: skipped: a sanitized build cannot start without /proc"
    exit 77
fi

if [ "${1:-}" = --inside ]; then
    memjit=$2
    echo "no_proc: inside a private mount namespace"
    umount -l /proc 2>/dev/null || mount -t tmpfs -o ro,size=4k none /proc 2>/dev/null || {
        echo "no_proc: cannot unmount /proc (nor cover it with an empty tmpfs)"
        exit 77
    }
    if [ -e /proc/self ]; then
        echo "no_proc: /proc/self still exists after the unmount"
        exit 77
    fi
    export LD_ORIGIN_PATH=$(dirname "$memjit")
    dir=$(mktemp -d "${TMPDIR:-/tmp}/memjit-no-proc.XXXXXX") || exit 1
    trap 'rm -rf "$dir"' EXIT
    cat >"$dir/prog.c" <<'EOF'
#include <stdio.h>
#include <stdlib.h>

static int square(int x) { return x * x; }

int main(int argc, char **argv) {
    char *end;
    long n = argc > 1 ? strtol(argv[1], &end, 10) : 0;
    printf("no /proc here: %d\n", square((int)n));
    return 7;
}
EOF
    expected="no /proc here: 36"
    failed=0
    fail() { echo "FAIL: $*"; failed=$((failed + 1)); }
    # run NAME WANT_STDERR_RE MEMJIT_ARGS...: the program prints $expected,
    # exits 7, and memjit's stderr matches WANT_STDERR_RE ("": is empty).
    run() {
        local name=$1 want_err=$2 before=$failed
        shift 2
        local out status
        out=$("$memjit" run "$@" "$dir/prog.c" 6 2>"$dir/err")
        status=$?
        [ "$status" = 7 ] || fail "$name: exit status $status, expected 7"
        [ "$out" = "$expected" ] || fail "$name: printed '$out', expected '$expected'"
        if [ -z "$want_err" ]; then
            [ -s "$dir/err" ] && fail "$name: memjit wrote to stderr"
        else
            grep -qE "$want_err" "$dir/err" || fail "$name: stderr does not match '$want_err'"
        fi
        if [ "$failed" != "$before" ]; then
            echo "--- stderr of $name:"
            cat "$dir/err"
        fi
    }
    run "compiled into a store" '^memjit: front end [0-9.]+ ms' -v --store "$dir/s.db"
    grep -q 'loaded from the store' "$dir/err" && fail "the first run did not compile"
    run "from the store" 'loaded from the store' -v --store "$dir/s.db"
    run "--no-cache" "" --no-cache
    run "--no-cache -O0 -g" "" --no-cache -O0 -g
    entries=$("$memjit" cache stats --store "$dir/s.db" 2>&1)
    grep -qE '^entries 1$' <<<"$entries" || fail "cache stats: '$entries', expected 1 entry"
    [ "$failed" = 0 ] && echo "no_proc: passed without /proc"
    exit $((failed != 0))
fi

memjit=$1
case $memjit in
    */*) memjit="$(cd "$(dirname "$memjit")" && pwd)/$(basename "$memjit")" ;;
    *) memjit=$(command -v "$memjit") ;;
esac
self="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"

if [ "$(id -u)" != 0 ]; then
    echo "SKIP: not root: unmounting /proc in a private mount namespace needs root"
    exit 77
fi
if ! command -v unshare >/dev/null; then
    echo "SKIP: unshare (util-linux) is not installed"
    exit 77
fi

log=$(mktemp "${TMPDIR:-/tmp}/memjit-no-proc-log.XXXXXX") || exit 1
trap 'rm -f "$log"' EXIT
unshare --mount --propagation private bash "$self" --inside "$memjit" >"$log" 2>&1
status=$?
cat "$log"
if ! grep -q '^no_proc: inside' "$log"; then
    # The script never started inside: unshare itself was refused.
    echo "SKIP: cannot make a private mount namespace here (unshare exited $status)"
    exit 77
fi
if [ "$status" = 77 ]; then
    echo "SKIP: /proc cannot be unmounted in the private mount namespace"
    exit 77
fi
exit "$status"
