#!/bin/sh
# cli.sh BJJBOT — the command line's answers to bad input: usage errors
# exit 2 with the usage, start-up errors exit 1 with one line naming the
# file, line or setting; migrate, check, export and import on a database
# do what they print, and a refused import or restore changes nothing.
set -u
bot=$1
name=cli
. "$(dirname "$0")/scratch.sh"

# expect CODE TEXT ARGS...: bjjbot ARGS exits CODE and prints TEXT (stdout
# or stderr).
expect() {
	code=$1 text=$2
	shift 2
	out=$("$bot" "$@" 2>&1)
	rc=$?
	[ "$rc" -eq "$code" ] || fail "bjjbot $*: exit $rc, not $code: $out"
	case $out in *"$text"*) ;; *) fail "bjjbot $*: no \"$text\" in: $out" ;; esac
}

conf() {
	cat > bot.conf <<CONF
[telegram]
token = 123456:TEST-token-abcdefghijklmnopqrstuvwxyz
owner_ids = $1
[storage]
database = $dir/cli.db
export_dir = $dir/exports
[backup]
dir = $dir/backups
[academy]
language = en
[log]
level = warn
$2
CONF
}
conf 100 ""

# Usage errors: 2, and the usage.
expect 0 "usage: bjjbot" --help
expect 0 "bjjbot " --version
expect 2 "usage: bjjbot" --bogus
expect 2 'unknown command "frobnicate"' -c bot.conf frobnicate
expect 2 'check: unexpected argument "now"' -c bot.conf check now
expect 2 "console needs --as USER_ID|owner" -c bot.conf console
expect 2 "export needs a folder" -c bot.conf export
expect 2 "import students FILE.csv" -c bot.conf import trainers x.csv
expect 2 "at most a file name" -c bot.conf backup a b
expect 2 "restore needs a backup file" -c bot.conf restore
expect 2 'demo: unexpected "--lang"' demo --lang xx
expect 2 'console --as "abc": expected a Telegram user id' -c bot.conf console --as abc

# Start-up errors: 1, naming the file and the line or the setting.
expect 1 "missing.conf" -c missing.conf check
conf 100 "colour = blue"
expect 1 'bot.conf: line 13: unknown key "colour" in [log]' -c bot.conf check
conf 100 "file = $dir/no/such/dir/bjjbot.log"
expect 1 "[log] file \"$dir/no/such/dir/bjjbot.log\" cannot be opened" -c bot.conf check
conf "" ""
expect 1 "owner_ids is empty, so there is no owner to act as" -c bot.conf console --as owner
expect 0 "warning: [telegram] owner_ids is empty" -c bot.conf check
conf 100 ""

# migrate creates and then has nothing to do; check reports the schema.
expect 0 "database $dir/cli.db: not created yet" -c bot.conf check
expect 0 "migration(s) applied" -c bot.conf migrate
expect 0 "(0 migration(s) applied)" -c bot.conf migrate
expect 0 "database $dir/cli.db: ok (schema" -c bot.conf check

# students N: an export into a new folder lists N students.
n_export=0
students() {
	n_export=$((n_export + 1))
	out=$("$bot" -c bot.conf export "$dir/out$n_export" 2>&1) || fail "export: $out"
	case $out in *"/students-"*".csv	$1 rows"*) ;; *) fail "not $1 students: $out" ;; esac
}

# export writes one CSV per table, rows counted.
printf '/addstudent Ivan Petrov +79001234567\n' | "$bot" -c bot.conf console --as owner >/dev/null 2>&1
students 1
grep -q "Ivan,Petrov" "$dir"/out1/students-*.csv || fail "the students file lacks Ivan"

# import: all or nothing. A file with one bad row adds no one.
cat > bad.csv <<CSV
first_name,last_name,phone,email,belt,stripes,birth_date,telegram_id
Anna,Smirnova,+79001112233,,white,0,,
Boris,Ivanov,not-a-phone,,,,,
CSV
expect 1 "bad.csv: line 3" -c bot.conf import students bad.csv
expect 1 "nothing was imported" -c bot.conf import students bad.csv
students 1
cat > good.csv <<CSV
first_name,last_name,phone,email,belt,stripes,birth_date,telegram_id
Anna,Smirnova,+79001112233,,white,0,,
Boris,Ivanov,+79004445566,,,,,
CSV
expect 0 "imported 2 students" -c bot.conf import students good.csv
students 3
expect 1 "missing.csv: cannot open" -c bot.conf import students missing.csv

# A database that is not one: check says so and exits 1; restore of it
# refuses and leaves the database as it was.
echo "not a database" > junk.db
expect 1 "not restoring" -c bot.conf restore junk.db
students 3
cat > junk.conf <<CONF
[telegram]
token = 123456:TEST-token-abcdefghijklmnopqrstuvwxyz
owner_ids = 100
[storage]
database = $dir/junk.db
export_dir = $dir/exports
[backup]
dir = $dir/backups
CONF
expect 1 "junk.db" -c junk.conf check
echo "PASS cli"
