#!/bin/sh
# broadcast.sh [BUILD_DIR] [STUDENTS] — the broadcast benchmark: an
# /announce to every student (1,000 by default, all on Telegram) through
# the real bot, against the fake Bot API with Telegram's flood limits on
# (429 with retry_after beyond 30 messages in any second overall, or about
# 1 a second per chat after a short burst), in real time. Prints the
# messages per second and how many Telegram refused with 429; asserts
# nothing about time.
set -eu
build=${1:-build}
n=${2:-1000}
src=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d /tmp/bjj-broadcast.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

# The academy: n students linked to Telegram ids 300001.., imported.
{
	echo "first_name,last_name,phone,email,belt,stripes,birth_date,telegram_id"
	i=1
	while [ "$i" -le "$n" ]; do
		printf 'Student,N%d,+7900%07d,,white,0,,%d\n' "$i" "$i" $((300000 + i))
		i=$((i + 1))
	done
} > "$tmp/students.csv"
printf '[storage]\ndatabase = %s/bench.db\n[log]\nlevel = warn\n' "$tmp" > "$tmp/import.conf"
"$build/bjjbot" -c "$tmp/import.conf" import students "$tmp/students.csv" >/dev/null

cat > "$tmp/broadcast.txt" <<SCENARIO
config storage.database = $tmp/bench.db
config log.level = info
limits on
start
# First the command menus of everyone linked (one setMyCommands each).
wait calls setMyCommands ok count>=$n within 600s
user 100 Olga Owner > /announce all No classes tonight: the coach is ill.
bot 100 < button ~Send
press 100 ~Send
wait calls sendMessage ok count>=$n text ~the coach is ill within 600s
report sendMessage text ~the coach is ill
SCENARIO
"$build/tests/fake_tg" --bot "$build/bjjbot" --time-scale 1 --scenario "$tmp/broadcast.txt" \
	--workdir "$tmp/e2e" > "$tmp/out.txt" 2>&1 || { cat "$tmp/out.txt"; exit 1; }
# REPORT ...: N ok in T s = R/s, K answered 429
sed -n 's/^REPORT .*: \([0-9]*\) ok in \([0-9.]*\) s = \([0-9.]*\)\/s, \([0-9]*\) answered 429$/broadcast: \1 messages to \1 students in \2 s = \3 msg\/s, \4 × 429 (Telegram limits: 30\/s overall, ~1\/s per chat)/p' "$tmp/out.txt"
