#!/bin/sh
# dashboard_browser.sh FAKE_TG BJJBOT WORKDIR ARTIFACTS — the owner
# dashboard in a real headless Chromium: tests/dashboard_browser.txt run by
# the fake Bot API against the real bot (log in through /web's one-time
# link and its Sign in button, pressed through tests/dashboard_cdp.py; see
# the roster and a chart, take build/artifacts/dashboard.png).
# Chromium is a test-only package (deploy/install-deps.sh --tests): without
# it the test is skipped (77), except under CI=true, where that fails.
set -u
fake=$1
bot=$2
work=$3
art=$4
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
	if [ "${CI:-}" = true ]; then
		echo "FAIL dashboard_browser: chromium is not installed (CI=true)"
		exit 1
	fi
	echo "SKIP dashboard_browser: chromium is not installed (deploy/install-deps.sh --tests)"
	exit 77
fi
mkdir -p "$art" || exit 1
profile=$(mktemp -d /tmp/bjj-dash-browser.XXXXXX) || exit 1
trap 'rm -rf "$profile"' EXIT
DASH_BROWSER=$browser DASH_ARTIFACTS=$(cd "$art" && pwd) DASH_PROFILE=$profile
DASH_TESTS=$(cd "$(dirname "$0")" && pwd)
export DASH_BROWSER DASH_ARTIFACTS DASH_PROFILE DASH_TESTS
"$fake" --bot "$bot" --scenario "$(dirname "$0")/dashboard_browser.txt" --workdir "$work"
