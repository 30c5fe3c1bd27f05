#!/bin/sh
# run-tests.sh — build and run the whole test suite: the cmocka unit tests
# and the end-to-end scenarios against the fake Bot API server. Ends with
# CTest's summary line. Usage: tests/run-tests.sh [BUILD_DIR] [extra cmake args]
set -eu
cd "$(dirname "$0")/.."
build=${1:-build}
[ $# -gt 0 ] && shift
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
cmake --build "$build" -j"$(nproc)"
ctest --test-dir "$build" --output-on-failure -j2
