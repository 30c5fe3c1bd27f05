#!/bin/sh
# No personal data in the logs of the HTTP face: runs every end-to-end
# HTTP scenario (tests/scenarios/http_*.txt, the bot at log level debug)
# and checks that its bot.log holds none of the people the scenario makes:
# the names after "user <id>" and in /addstudent, /addtrainer, and every
# phone number (with or without its "+"), as whole words, case and all.
# API tokens and calendar secrets are checked by the scenarios themselves
# (expect log !...).
#
# usage: http_logs_private.sh FAKE_TG BJJBOT SCENARIO_DIR WORK_DIR
set -eu
fake_tg=$1 bot=$2 scenarios=$3 work=$4
failed=0 checked=0
mkdir -p "$work"

# The personal data of scenario $1, one item a line.
people() {
	sed -n 's/^user [0-9][0-9]* \([^>]*\)>.*/\1/p' "$1" | tr ' ' '\n'
	sed -n 's|.*/add\(student\|trainer\) \([^ #][^ ]*\) \([^ +]*\).*|\2\n\3|p' "$1"
	grep -o '+[0-9]\{10,15\}' "$1" | sed 'p;s/^+//'
}

for sc in "$scenarios"/http_*.txt; do
	name=$(basename "$sc" .txt)
	dir=$work/$name
	if ! "$fake_tg" --bot "$bot" --scenario "$sc" --workdir "$dir" > "$work/$name.out" 2>&1; then
		cat "$work/$name.out"
		echo "http_logs_private: scenario $name failed" >&2
		exit 1
	fi
	items=$(people "$sc" | grep -v '^$' | grep -v '^[0-9]\{1,9\}$' | sort -u)
	for item in $items; do
		checked=$((checked + 1))
		if grep -n -w -F -- "$item" "$dir/bot.log"; then
			echo "http_logs_private: $name: \"$item\" is in the log (above)" >&2
			failed=1
		fi
	done
	echo "http_logs_private: $name: $(echo "$items" | grep -c .) names and phones, none in $(wc -l < "$dir/bot.log") log lines"
done
# the check saw the fixtures at all (a broken extraction would pass anything)
if [ "$checked" -lt 3 ]; then
	echo "http_logs_private: found only $checked names and phones to look for" >&2
	exit 1
fi
exit $failed
