#!/bin/sh
# install-deps.sh [--tests] — install what bjjbot needs to build, test and
# run on Debian 12, and nothing that is already there. Idempotent. As root
# it runs apt-get; otherwise it prints the exact command to run. --tests
# adds what only the test suite uses: Chromium for the dashboard's browser
# test (a server install must not pull a browser), python3-yaml for
# openapi_answers (the API's answers against http/openapi.yaml).
set -eu

PACKAGES="build-essential cmake pkg-config ca-certificates tzdata
libcurl4-openssl-dev libcjson-dev libsqlite3-dev libev-dev libinih-dev libcmocka-dev zlib1g-dev
libmicrohttpd-dev libjwt-dev libgnutls28-dev curl gcovr"
case "${1:-}" in
--tests) PACKAGES="$PACKAGES chromium python3-yaml" ;;
"") ;;
*) echo "usage: install-deps.sh [--tests]" >&2; exit 2 ;;
esac

missing=""
for p in $PACKAGES; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done

if [ -z "$missing" ]; then
	echo "install-deps: everything is installed"
	exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
	echo "install-deps: missing:$missing"
	echo "install-deps: run as root:  apt-get update && apt-get install -y --no-install-recommends$missing"
	exit 1
fi

echo "install-deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086 # word splitting of the package list is wanted
apt-get install -y -qq --no-install-recommends $missing
