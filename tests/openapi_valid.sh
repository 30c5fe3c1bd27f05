#!/bin/sh
# openapi_valid.sh FILE: FILE is a valid OpenAPI 3.0 document.
# Checked by python3's openapi-spec-validator when it is installed (pip;
# Debian has no package), else by the npm package
# @seriousme/openapi-schema-validator's validate-api (CI installs it and
# names it in BJJ_OPENAPI_VALIDATOR; or on PATH). Neither: skipped (77),
# except under CI=true, where that is a failure.
set -u
file=$1
here=$(dirname "$0")

if python3 -c 'import yaml, openapi_spec_validator' 2>/dev/null; then
	exec python3 "$here/openapi_valid.py" "$file"
fi
v=${BJJ_OPENAPI_VALIDATOR:-$(command -v validate-api 2>/dev/null || true)}
if [ -z "$v" ] || [ ! -x "$v" ]; then
	if [ "${CI:-}" = true ]; then
		echo "FAIL: no OpenAPI validator (set BJJ_OPENAPI_VALIDATOR; .ci/run installs one)"
		exit 1
	fi
	echo "skipped: no OpenAPI validator (pip install openapi-spec-validator, or npm's @seriousme/openapi-schema-validator)"
	exit 77
fi
case $(sed -n 's/^openapi: *//p' "$file" | head -n 1) in
3.0.*) ;;
*) echo "FAIL: $file is not OpenAPI 3.0"; exit 1 ;;
esac
out=$("$v" "$file" 2>&1)
rc=$?
if [ $rc -ne 0 ]; then
	printf '%s\n' "$out"
	echo "FAIL: $file is not valid OpenAPI"
	exit 1
fi
echo "$file: valid OpenAPI ($(basename "$v"))"
