#!/bin/sh
# Every benchmark, one line each: each prints its figures (README
# "Performance") and asserts nothing about time.
# Usage: tests/bench/run.sh [BUILD_DIR]   (default build/, configured if new)
set -e
cd "$(dirname "$0")/../.."
B=${1:-build}
[ -f "$B/CMakeCache.txt" ] || cmake -S . -B "$B" >/dev/null
cmake --build "$B" -j2 >/dev/null

"$B/tests/bench_checkin"
