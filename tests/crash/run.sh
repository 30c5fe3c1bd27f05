#!/bin/sh
# The kill test: mixed updates through the fake Bot API while the bot is
# SIGKILLed at random moments, then every effect, reply and the database
# are checked (what exactly: the header of tests/crash/crash.c).
#
#   tests/crash/run.sh [--build DIR] [--seed S] [--updates N] [--kills K] [--dir DIR]
#
# Defaults: build/, a seed from the clock (printed: pass it back to replay
# the same plan), 2000 updates, 20 kills, DIR = <build>/tests/crash-run.
# The suite runs a short version (see tests/CMakeLists.txt). Exit 0 when
# every check passed, 1 otherwise.
set -eu

src=$(cd "$(dirname "$0")/../.." && pwd)
build=$src/build
seed=$(date +%s)
updates=2000
kills=20
dir=
while [ $# -gt 0 ]; do
	case $1 in
	--build) build=$2 ;;
	--seed) seed=$2 ;;
	--updates) updates=$2 ;;
	--kills) kills=$2 ;;
	--dir) dir=$2 ;;
	*) echo "usage: $0 [--build DIR] [--seed S] [--updates N] [--kills K] [--dir DIR]" >&2; exit 2 ;;
	esac
	shift 2
done
build=$(cd "$build" && pwd)
[ -n "$dir" ] || dir=$build/tests/crash-run
bot=$build/bjjbot
crash=$build/tests/crash
fake=$build/tests/fake_tg
for x in "$bot" "$crash" "$fake"; do
	[ -x "$x" ] || { echo "crash: $x is not built" >&2; exit 2; }
done

echo "crash: seed $seed, $updates updates, $kills kills (replay: $0 --seed $seed --updates $updates --kills $kills)"
rm -rf "$dir"
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

# The academy, set up through the bot's own command line and console, at
# 11:40 on the day of the fake_tg scenarios' clock (2026-06-01 12:00 UTC,
# which every start of the bot sets again): the plans sold must have
# started before any check-in, however often the bot's clock goes back.
export BJJBOT_FAKE_NOW=1780314000
cat >"$dir/setup.conf" <<EOF
[telegram]
token = 123456:TEST-token-abcdefghijklmnopqrstuvwxyz0123
owner_ids = 100
[storage]
database = $dir/bot.db
[academy]
language = en
[log]
level = warn
EOF
"$crash" files "$dir" --updates "$updates"
"$bot" -c "$dir/setup.conf" import students "$dir/students.csv" >"$dir/setup.log" 2>&1
"$bot" -c "$dir/setup.conf" console --as owner <"$dir/setup.txt" >"$dir/setup.out" 2>>"$dir/setup.log"
# Each trainer links their Telegram with the invite code they were given.
t=2001
for code in $(sed -n 's/^Invite code: \([A-Za-z0-9_-]*\).*/\1/p' "$dir/setup.out"); do
	echo "/start $code" | "$bot" -c "$dir/setup.conf" console --as $t >>"$dir/setup.out" 2>>"$dir/setup.log"
	t=$((t + 1))
done
[ $t -gt 2001 ] || { echo "crash: no trainer invite in $dir/setup.out" >&2; exit 1; }
unset BJJBOT_FAKE_NOW

"$crash" plan "$dir" --seed "$seed" --updates "$updates" --kills "$kills"
"$fake" --bot "$bot" --scenario "$dir/scenario.txt" --workdir "$dir/e2e"
"$crash" check "$dir"
