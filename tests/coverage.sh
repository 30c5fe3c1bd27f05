#!/bin/sh
# coverage.sh [BUILD_DIR] — build with -DBJJ_COVERAGE=ON, run the whole
# suite (unit tests, the real bot under the end-to-end scenarios, the shell
# tests), then print gcovr's per-file table and one summary line for each of
# lib/, bot/, storage/ and handlers/. Fails when the suite fails or when any of the
# four folders has less than BJJ_COVERAGE_MIN (default 80) percent of its
# lines run. storage/script.c is the tests' own fixture loader: not counted.
set -eu
cd "$(dirname "$0")/.."
build=${1:-build-cov}
min=${BJJ_COVERAGE_MIN:-80}

if ! command -v gcovr >/dev/null 2>&1; then
	echo "coverage: gcovr is missing (deploy/install-deps.sh installs it)"
	exit 1
fi
cmake -S . -B "$build" -DBJJ_COVERAGE=ON -DBJJ_WERROR=ON -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build "$build" -j"$(nproc)"
# Counts add up across runs: start from zero so the figure is this run's.
find "$build" -name '*.gcda' -delete
ctest --test-dir "$build" --output-on-failure -j2

report() {
	gcovr -r . "$build" --exclude 'storage/script\.c' "$@"
}
echo "== coverage: lines per file =="
report --filter 'lib/' --filter 'bot/' --filter 'storage/' --filter 'handlers/' --sort-uncovered

echo "== coverage: lines per folder (minimum $min%) =="
low=""
for dir in lib bot storage handlers; do
	line=$(report --filter "$dir/" --txt /dev/null --print-summary | grep '^lines:')
	echo "$dir/ $line"
	pct=$(echo "$line" | sed 's/^lines: \([0-9]*\).*/\1/')
	[ "$pct" -ge "$min" ] || low="$low $dir/"
done
if [ -n "$low" ]; then
	echo "coverage: below $min% of lines:$low"
	exit 1
fi
echo "coverage: every folder at or above $min% of lines"
