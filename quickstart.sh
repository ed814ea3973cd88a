#!/usr/bin/env bash
# quickstart.sh - install what is missing, build, and run the demo or the tests.
#
#   ./quickstart.sh demo    build, then run examples/hello (C from a string,
#                           compiled in memory, called through a typed pointer)
#   ./quickstart.sh test    build, then run the whole test suite (meson test)
#
# Works on a fresh Debian 12 machine as root (or with sudo). Extra arguments
# after "test" go to meson test, e.g. ./quickstart.sh test --suite api
set -euo pipefail
cd "$(dirname "$0")"

mode=${1:-demo}
shift || true

build() {
    if [ ! -f build/build.ninja ]; then
        meson setup build >/dev/null
    fi
    ninja -C build >/dev/null
}

# meson prints its own summary; CI also wants one plain "N passed, N failed".
summarise() {
    python3 - build/meson-logs/testlog.json <<'PY'
import json, sys
passed = failed = skipped = 0
for line in open(sys.argv[1]):
    r = json.loads(line)["result"]
    if r in ("OK", "EXPECTEDFAIL"): passed += 1
    elif r == "SKIP": skipped += 1
    else: failed += 1
print(f"tests: {passed} passed, {failed} failed, {skipped} skipped")
PY
}

scripts/install-packages.sh
build
case "$mode" in
    demo)
        build/examples/hello
        ;;
    test)
        status=0
        meson test -C build --print-errorlogs --num-processes 2 "$@" || status=$?
        summarise
        exit $status
        ;;
    *)
        echo "usage: ./quickstart.sh demo|test [meson test arguments]" >&2
        exit 2
        ;;
esac
