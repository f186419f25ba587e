#!/usr/bin/env bash
# Installs what thoth needs on Debian 12 (only what is missing) and builds build/thoth.
# Used by scripts/run-example and scripts/run-tests; safe to run again. THOTH_WITH_SANITIZERS=1 adds
# what the sanitizer and fuzz build needs (clang with libFuzzer, PyYAML for the seed script).
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  g++ cmake make pkg-config
  libcryptominisat5-dev libyaml-cpp-dev libyaml-dev nlohmann-json3-dev libboost-program-options-dev
  libcurl4-openssl-dev catch2 libtomlplusplus-dev libssl-dev libzip-dev
  python3 python3-resolvelib python3-packaging python3-pip
)
if [ "${THOTH_WITH_SANITIZERS:-0}" = 1 ]; then
  PACKAGES+=(clang-14 libclang-rt-14-dev python3-yaml)
fi

missing=()
for package in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

BUILD_DIR="${THOTH_BUILD_DIR:-build}"
BUILD_TYPE="${THOTH_BUILD_TYPE:-RelWithDebInfo}"
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE="$BUILD_TYPE" ${THOTH_CMAKE_ARGS:-} >/dev/null
cmake --build "$BUILD_DIR" -j"$(nproc)"
