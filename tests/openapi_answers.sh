#!/bin/sh
# openapi_answers.sh SPEC OUT TEST...: run each HTTP unit test binary with
# BJJ_API_ANSWERS set, so every answer it gets lands in OUT/NAME.jsonl,
# then hold them all against SPEC (tests/openapi_answers.py): a key the
# file lacks, a required key missing, a wrong type or an undocumented
# status fails. The checker's own self-test runs first. Skipped (77)
# without python3-yaml, except under CI=true.
set -u
spec=$1 out=$2
shift 2
here=$(dirname "$0")

if ! python3 -c 'import yaml' 2>/dev/null; then
	if [ "${CI:-}" = true ]; then
		echo "FAIL: python3-yaml is missing (deploy/install-deps.sh --tests)"
		exit 1
	fi
	echo "skipped: python3-yaml is not installed (deploy/install-deps.sh --tests)"
	exit 77
fi
python3 "$here/openapi_answers.py" --self-test || exit 1
rm -rf "$out" && mkdir -p "$out" || exit 1
files=
for t in "$@"; do
	name=$(basename "$t")
	BJJ_API_ANSWERS="$out/$name.jsonl" "$t" >"$out/$name.log" 2>&1 || {
		cat "$out/$name.log"
		echo "FAIL: $name failed"
		exit 1
	}
	files="$files $out/$name.jsonl"
done
# shellcheck disable=SC2086 # the file names are ours, without spaces
exec python3 "$here/openapi_answers.py" "$spec" $files
