#!/bin/sh
# backup_restore.sh BJJBOT — the shell's backup and restore round trip on
# a live database: back up, change and damage the database, restore,
# every row back; restore refuses a bad file, a backup of a newer schema
# and to run while the bot's lock is held; it works on a database damaged
# beyond opening and sets its WAL aside; /backup hands the owner the
# newest backup.
set -u
bot=$1
name=backup_restore
. "$(dirname "$0")/scratch.sh"
cat > bot.conf <<CONF
[telegram]
owner_ids = 100
[storage]
database = $dir/live.db
[academy]
language = en
[log]
level = warn
CONF
say() { printf '%s\n' "$@" | "$bot" -c bot.conf console --as owner 2>&1; }

"$bot" -c bot.conf migrate >/dev/null || fail "migrate"
say '/backup' | grep -q 'no backup yet' || fail "/backup before any backup"
for i in 1 2 3 4 5; do say "/addstudent Student$i Test +7900123450$i" >/dev/null; done
path=$("$bot" -c bot.conf backup 2>/dev/null) || fail "backup"
[ -f "$path" ] || fail "backup printed \"$path\", no such file"
case "$path" in "$dir"/backups/bjjbot-*.db) ;; *) fail "backup name \"$path\"" ;; esac
say '/backup' | grep -q "Backup $(basename "$path")" || fail "/backup does not offer the newest backup"
printf '/backup\n' | "$bot" -c bot.conf console --as 555 2>&1 | grep -q 'only for the academy owner' \
	|| fail "/backup for a guest"

# Changes after the backup, then damage.
say '/addstudent Late Comer +79001234599' | grep -q '#6' || fail "sixth student"
dd if=/dev/urandom of=live.db bs=4096 seek=2 count=4 conv=notrunc 2>/dev/null

echo garbage > bad.db
"$bot" -c bot.conf restore bad.db >/dev/null 2>&1 && fail "restored a file that is not a database"

# While the bot runs (its lock is held), restore refuses.
if command -v flock >/dev/null 2>&1; then
	flock -n live.db.lock -c "\"$bot\" -c bot.conf restore \"$path\"" >out 2>&1 && fail "restored while locked"
	grep -q 'while the bot runs' out || fail "no clear reason when locked: $(cat out)"
fi

"$bot" -c bot.conf restore "$path" >out 2>&1 || fail "restore: $(cat out)"
grep -q 'replaced database is kept as' out || fail "restore does not say where the old database went"
ls live.db.replaced-* >/dev/null 2>&1 || fail "the replaced database was not kept"
list=$(say '/students')
for i in 1 2 3 4 5; do
	echo "$list" | grep -q "Student$i" || fail "student $i missing after restore"
done
echo "$list" | grep -q 'Late' && fail "a student added after the backup came back"

# A newer schema is refused and nothing moves.
rm -f live.db.replaced-*
cp "$path" newer.db
printf '\377\377\377\377' | dd of=newer.db bs=1 seek=60 conv=notrunc 2>/dev/null
"$bot" -c bot.conf restore newer.db >out 2>&1 && fail "restored a newer schema"
grep -q 'schema' out || fail "no reason for the newer schema: $(cat out)"
ls live.db.replaced-* >/dev/null 2>&1 && fail "a refused restore moved the database"

# The header destroyed: the database no longer opens, and a stale WAL lies beside it.
printf 'this is not sqlite at all' | dd of=live.db conv=notrunc 2>/dev/null
echo stale > live.db-wal
"$bot" -c bot.conf restore "$path" >out 2>&1 || fail "restore over a damaged database: $(cat out)"
ls live.db.replaced-*-wal >/dev/null 2>&1 || fail "the damaged database's WAL was not set aside"
say '/students' | grep -q 'Student1' || fail "the students are missing after restore"
echo "1 passed, 0 failed"
