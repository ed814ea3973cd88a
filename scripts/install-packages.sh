#!/usr/bin/env bash
# scripts/install-packages.sh [--csmith] [EXTRA...] - installs, with apt-get,
# whichever of memjit's build and test packages (and the EXTRA ones) are
# missing. --csmith adds the differential-testing tools of scripts/csmith.sh:
# csmith and its headers (the csmith gate), creduce (`explore --reduce`).
# Used by quickstart.sh and scripts/gates.sh; as root, or with sudo.
set -euo pipefail

packages=(gcc libc6-dev libgccjit-12-dev libcmocka-dev libsqlite3-dev libxxhash-dev
          meson ninja-build pkg-config python3 valgrind gdb binutils)
csmith_packages=(csmith libcsmith-dev creduce)
if [ "${1:-}" = --csmith ]; then
    packages+=("${csmith_packages[@]}")
    shift
fi
packages+=("$@")

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
        missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "install-packages: installing ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
