#!/bin/sh
# The kill test's judge must be able to fail: on a copy of a passed run
# (tests/crash/run.sh), each flaw a crash could cause is put in by hand and
# `crash check` must reject it; a repeat inside the at-least-once window
# must still pass.
#
#   tests/crash/judge.sh BUILD_DIR RUN_DIR
set -eu

build=$1
run=$2
crash=$build/tests/crash
bot=$build/bjjbot
work=$run-judge
fails=0

fresh() {
	rm -rf "$work"
	cp -r "$run" "$work"
}

# must pass|fail WHAT: crash check's verdict on $work.
must() {
	if "$crash" check "$work" >"$work.out" 2>&1; then got=pass; else got=fail; fi
	if [ "$got" != "$1" ]; then
		echo "FAIL judge: $2 — crash check said $got:"
		tail -5 "$work.out"
		fails=$((fails + 1))
	else
		echo "ok judge: $2 — $got"
	fi
}

# The line number of the Nth message delivered to a student (chat >= 10000).
nth_message() {
	grep -n "$(printf '^bot\t[0-9]*\t[0-9]*\tsendMessage\t1[0-9][0-9][0-9][0-9]*\t1\t')" "$work/calls.tsv" |
		sed -n "$1p" | cut -d: -f1
}

fresh
must pass "the run as it was"

fresh
l=$(nth_message 40)
sed -i "${l}p" "$work/calls.tsv"
must fail "a message sent twice in one run"

fresh
l=$(nth_message 40)
sed -i "${l}d" "$work/calls.tsv"
must fail "a message lost"

# A restart repeats the last message of run 1 to some chat as that chat's
# first call in run 2: the at-least-once window.
fresh
awk -F '\t' -v OFS='\t' '
	$2 == 1 && $4 == "sendMessage" && $6 == 1 { last[$5] = $0 }
	$2 == 2 && !done && $4 == "sendMessage" && ($5 in last) {
		n = split(last[$5], f, "\t"); f[2] = 2; s = f[1]
		for (i = 2; i <= n; i++) s = s "\t" f[i]
		print s; done = 1
	}
	{ print }' "$run/calls.tsv" >"$work/calls.tsv"
must pass "a repeat inside the at-least-once window"

# The same repeat one call later in that chat is outside it.
fresh
awk -F '\t' -v OFS='\t' '
	$2 == 1 && $4 == "sendMessage" && $6 == 1 { last[$5] = $0 }
	{ print }
	$2 == 2 && !done && $4 == "sendMessage" && ($5 in last) {
		n = split(last[$5], f, "\t"); f[2] = 2; s = f[1]
		for (i = 2; i <= n; i++) s = s "\t" f[i]
		print s; done = 1
	}' "$run/calls.tsv" >"$work/calls.tsv"
must fail "a repeat after the restart's first call"

fresh
l=$(grep -n "$(printf '\tanswerCallbackQuery\t-\t1\t')" "$work/calls.tsv" | sed -n 5p | cut -d: -f1)
sed -i "${l}d" "$work/calls.tsv"
must fail "a tap not answered"

# An effect applied twice: one more payment in the database.
fresh
sed "s#$run/#$work/#" "$run/setup.conf" >"$work/setup.conf"
echo "/pay #1 5 cash doubled" | BJJBOT_FAKE_NOW=1780315200 "$bot" -c "$work/setup.conf" console --as owner \
	>/dev/null 2>&1
must fail "a payment recorded twice"

rm -rf "$work" "$work.out"
[ $fails -eq 0 ] || exit 1
echo "PASS judge"
