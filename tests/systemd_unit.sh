#!/bin/sh
# systemd_unit.sh BJJBOT — deploy/bjjbot.service as systemd reads it:
# `systemd-analyze verify` prints nothing (no unknown key, no bad value,
# every command executable: the unit's /usr/local/bin/bjjbot is pointed at
# the built BJJBOT), and `systemd-analyze security --offline=yes` rates its
# exposure at most 2.0 (README, Deployment). Skipped (77) without
# systemd-analyze.
set -u
bot=$1
src=$(cd "$(dirname "$0")/.." && pwd)
if ! command -v systemd-analyze >/dev/null 2>&1; then
	echo "SKIP systemd_unit: systemd-analyze is not installed"
	exit 77
fi
dir=$(mktemp -d /tmp/bjj-systemd-unit.XXXXXX)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL systemd_unit: $*"; exit 1; }
unit=$dir/bjjbot.service
sed "s|/usr/local/bin/bjjbot|$bot|g" "$src/deploy/bjjbot.service" > "$unit"

out=$(systemd-analyze verify --man=no "$unit" 2>&1) || fail "verify failed: $out"
[ -z "$out" ] || fail "verify complained: $out"

# --threshold is on the 0-100 scale the 0.0-10.0 figure is printed in.
out=$(systemd-analyze security --offline=yes --threshold=20 --no-pager "$unit" 2>&1)
rc=$?
figure=$(echo "$out" | sed -n 's/.*exposure level for bjjbot\.service: \([0-9.]*\).*/\1/p')
[ -n "$figure" ] || fail "no exposure figure in: $out"
[ "$rc" -eq 0 ] || fail "exposure $figure is above 2.0: $(echo "$out" | grep '✗')"
echo "PASS systemd_unit: verify clean, exposure $figure"
