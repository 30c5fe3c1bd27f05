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
# The peak RSS of libcurl, SQLite, libev and cJSON alone, for comparison.
"$B/tests/bench_floor"
# The large academy: the database is generated once (~30 s) and kept in $B.
"$B/tests/bench_academy" --db "$B/bench-academy-v1.db"
tests/bench/broadcast.sh "$B" 1000
