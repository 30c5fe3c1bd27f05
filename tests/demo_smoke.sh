#!/bin/sh
# demo_smoke.sh BJJBOT — `bjjbot demo` as a new user would try it: the
# owner's, the student's and the trainer's commands each answer with the
# demo academy's data (a roster, classes left, revenue, ...), never with
# an empty list or an error. Runs twice: at a fixed moment (a Wednesday
# 18:40, before the Gi class) for exact checks, then at the real clock,
# where only what must hold at any hour is checked. No network.
set -u
bot=$1
name=demo_smoke
. "$(dirname "$0")/scratch.sh"

# Everything typed at the demo's console, in one session.
script='/help
/students
/student #1
/classes
/plans
/revenue
/stats
/report
/eligible
/exams
/beltrules
!as 3001
/balance
/schedule
/belt
/checkin
!as 2001
/attendance
!press 1
!as owner
/addstudent Nina Orlova +79990001122
'

# reply CMD: what the console printed after the line "> CMD", up to the
# next command.
reply() {
	awk -v cmd="> $1" '$0 == cmd { on = 1; next } /^> / { on = 0 } on' out.txt
}
# expect CMD TEXT: the reply to CMD contains TEXT (a literal string).
expect() {
	reply "$1" | grep -qF -- "$2" ||
		fail "$1 does not show \"$2\"; it said:
$(reply "$1")"
}

# 1. A fixed moment, in UTC.
printf '%s' "$script" | TZ=UTC BJJBOT_FAKE_NOW=$(TZ=UTC date -d '2026-03-18 18:40' +%s) \
    "$bot" demo --db "$dir/demo.db" > out.txt 2> err.txt || fail "the demo exited with $?: $(cat err.txt)"
grep -qF 'Demo academy' out.txt || fail "no banner: $(cat out.txt err.txt)"
grep -qE 'Something went wrong|internal error' out.txt && fail "an internal error: $(cat out.txt)"
expect '/help' '/revenue'
expect '/students' '#1 Ivan Petrov'
expect '/students' '#7 Pavel Lebedev'
expect '/student #1' 'classes left'
expect '/classes' 'Gi Fundamentals — Mon, Wed, Fri 19:00, 90 min'
expect '/classes' 'No-Gi'
expect '/plans' 'pack8 — 8 classes'
expect '/revenue' 'Total: '
expect '/revenue' 'card: '
expect '/revenue' 'cash: '
expect '/revenue' 'transfer: '
expect '/revenue' 'Vs 2026-02 ('
expect '/stats' 'Average attendance'
expect '/report' 'Gi Fundamentals: '
expect '/report' 'Rafael Souza: '
expect '/report' '#5 Sergey Popov'
expect '/eligible' '#7 Pavel Lebedev'
expect '/exams' 'Maria Ivanova (#2) → blue'
expect '/beltrules' 'blue belt: stripes 4'
expect '/balance' 'classes left'
expect '/balance' 'Last payments'
expect '/schedule' '19:00–20:30 Gi Fundamentals · Rafael Souza'
expect '/schedule' 'cancelled'
expect '/belt' 'Belt: blue belt, 2 stripes'
expect '/belt' 'Promotions'
expect '/checkin' 'Checked in: Gi Fundamentals'
expect '/checkin' 'classes left on your plan'
expect '/attendance' 'Gi Fundamentals'
expect '/attendance' '[1] '
expect '/attendance' 'Ivan P. ✅'
expect '!press 1' '(edited)'
# The bot has never run: the invite is a code, never a made-up bot name.
expect '/addstudent Nina Orlova +79990001122' 'Invite code: '
expect '/addstudent Nina Orlova +79990001122' 'after the first bjjbot run'
grep -qF 't.me/' out.txt && fail "an invite link with a placeholder bot name: $(grep -F 't.me/' out.txt)"

# 2. Now, wherever the clock is: a class is always open for check-in.
printf '%s' "$script" | "$bot" demo --db "$dir/now.db" > out.txt 2> err.txt ||
	fail "the demo (real clock) exited with $?: $(cat err.txt)"
grep -qE 'Something went wrong|internal error' out.txt && fail "an internal error (real clock): $(cat out.txt)"
expect '/checkin' 'Checked in'
expect '/balance' 'classes left'
expect '/attendance' 'Ivan P. ✅'
expect '!press 1' '(edited)'
expect '/classes' 'Open Mat'
echo "ok demo_smoke"
