#!/bin/sh
# run.sh [SECONDS] — build the libFuzzer targets with clang (ASan + UBSan)
# in build-fuzz/ and run each for SECONDS (default 60) on a copy of its
# seed corpus, with its dictionary. Fails when a target crashes, leaks,
# trips a sanitizer or one of its own checks; the input that did it is
# kept as build-fuzz/fuzz-artifacts/<target>/crash-* (replay it with
# `build-fuzz/tests/fuzz/fuzz_<target> FILE`). Without a clang that can
# link -fsanitize=fuzzer it says so and exits 0.
# Environment: BJJ_FUZZ_BUILD (build folder), BJJ_FUZZ_TARGETS (a subset).
set -eu
cd "$(dirname "$0")/../.."

seconds=${1:-60}
build=${BJJ_FUZZ_BUILD:-build-fuzz}
targets=${BJJ_FUZZ_TARGETS:-update router callback csv config}

probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return (int)(d == 0) + (int)(n == 0); }\n' > "$probe/p.c"
if ! command -v clang >/dev/null 2>&1 ||
    ! clang -fsanitize=fuzzer,address,undefined -o "$probe/p" "$probe/p.c" >/dev/null 2>&1; then
	echo "fuzz: skipped: no clang with libFuzzer (apt-get install clang libclang-rt-14-dev)"
	exit 0
fi

# Warnings are errors here too, as in every build CI makes.
CC=clang cmake -S . -B "$build" -DBJJ_FUZZ=ON -DBJJ_TESTS=OFF -DBJJ_WERROR=ON \
	-DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build "$build" -j2 --target fuzzers

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
failed=""
for t in $targets; do
	work="$build/fuzz-work/$t"
	artifacts="$build/fuzz-artifacts/$t"
	rm -rf "$work"
	mkdir -p "$work/tmp" "$artifacts"
	cp -R "tests/fuzz/corpus/$t" "$work/corpus"
	echo "== fuzz_$t: ${seconds}s from $(ls "$work/corpus" | wc -l) seeds"
	# The corpus copy grows; the seeds in the tree stay as they are.
	if TMPDIR="$PWD/$work/tmp" "$build/tests/fuzz/fuzz_$t" "$work/corpus" \
	    -dict="tests/fuzz/$t.dict" -max_total_time="$seconds" -max_len=4096 \
	    -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
	    -artifact_prefix="$artifacts/" </dev/null >"$work/log" 2>&1; then
		grep -E '^(Done|stat::number_of_executed_units|stat::peak_rss_mb)' "$work/log" || true
	else
		tail -n 60 "$work/log"
		echo "fuzz_$t: FAILED; the input is in $artifacts"
		failed="$failed $t"
	fi
	rm -rf "$work/tmp"
done
if [ -n "$failed" ]; then
	echo "fuzz: failed:$failed"
	exit 1
fi
echo "fuzz: every target ran ${seconds}s without a finding"
