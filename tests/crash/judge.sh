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
work=$run-judge
fails=0

fresh() {
	rm -rf "$work"
	cp -r "$run" "$work"
}

# must pass WHAT | must fail WHAT REASON: crash check's verdict on $work;
# a failure must be for REASON: its first FAIL line matches that pattern
# (grep -E).
must() {
	if "$crash" check "$work" >"$work.out" 2>&1; then got=pass; else got=fail; fi
	first=$(grep -m1 '^FAIL' "$work.out" || true)
	if [ "$got" != "$1" ]; then
		echo "FAIL judge: $2 — crash check said $got:"
		tail -5 "$work.out"
		fails=$((fails + 1))
	elif [ "$got" = fail ] && ! printf '%s\n' "$first" | grep -qE "$3"; then
		echo "FAIL judge: $2 — crash check failed, but not for that reason (/$3/):"
		printf '    %s\n' "$first"
		fails=$((fails + 1))
	else
		echo "ok judge: $2 — $got"
		[ "$got" = pass ] || printf '    %s\n' "$first"
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
must fail "a message sent twice in one run" "sent again outside the at-least-once window"

fresh
l=$(nth_message 40)
sed -i "${l}d" "$work/calls.tsv"
must fail "a message lost" "messages delivered .*expected"

# repeat WHERE: $run/calls.tsv with a message sent again after a restart,
# into $work/calls.tsv. The chat is the first found whose last in-chat
# call before a restart is a delivered sendMessage, after another one, and
# whose first in-chat call after it is not already a repeat of it (the
# kill may have made one for real). WHERE: "first" puts a copy of that
# last message before the chat's first call after the restart (the
# at-least-once window); "second" puts it after that call; "older" puts
# a copy of the chat's message before the last one as its first call.
repeat() {
	awk -F '\t' -v OFS='\t' -v where="$1" '
		function key(line, f) { split(line, f, "\t"); return f[4] "\t" f[5] "\t" f[7] "\t" f[8] }
		function run(line, f) { split(line, f, "\t"); return f[2] }
		function sent(line, f) { split(line, f, "\t"); return f[4] == "sendMessage" && f[6] == 1 }
		NR == FNR {
			if ($1 != "bot" || ($4 != "sendMessage" && $4 != "sendDocument" && $4 != "editMessageText"))
				next
			if (at == "" && ($5 in last) && run(last[$5]) != $2 && sent(last[$5]) && ($5 in older) &&
			    key(older[$5]) != key(last[$5]) &&
			    key($0) != key(last[$5])) {
				at = FNR; copy = where == "older" ? older[$5] : last[$5]; to = $2
			}
			if (($5 in last) && sent(last[$5]) && sent($0))
				older[$5] = last[$5]
			last[$5] = $0
			next
		}
		FNR == 1 && at == "" { print "judge: no chat to put a repeat in" > "/dev/stderr"; exit 1 }
		function again(line, f, n, i, s) {
			n = split(line, f, "\t"); f[2] = to; s = f[1]
			for (i = 2; i <= n; i++) s = s "\t" f[i]
			print s
		}
		FNR == at && where != "second" { again(copy) }
		{ print }
		FNR == at && where == "second" { again(copy) }
	' "$run/calls.tsv" "$run/calls.tsv" >"$work/calls.tsv"
}

fresh
repeat first
must pass "a repeat inside the at-least-once window"

# The same repeat one call later in that chat is outside it.
fresh
repeat second
must fail "a repeat after the restart's first call" "sent again outside the at-least-once window"

# The window is one message per chat: an older one may not come again.
fresh
repeat older
must fail "a repeat of a message before the chat's last one" \
	"sent again outside the at-least-once window"

fresh
l=$(grep -n "$(printf '\tanswerCallbackQuery\t-\t1\t')" "$work/calls.tsv" | sed -n 5p | cut -d: -f1)
sed -i "${l}d" "$work/calls.tsv"
must fail "a tap not answered" "callback queries answered, [0-9]+ taps made"

# An effect applied twice: the last payment once more in the database.
fresh
"$crash" double-payment "$work"
must fail "a payment recorded twice" "^FAIL crash: payments: "

rm -rf "$work" "$work.out"
[ $fails -eq 0 ] || exit 1
echo "PASS judge"
