#!/bin/sh
# review_restore.sh BJJBOT — restore must work when the live database is
# damaged beyond opening (the usual reason to restore), must set its WAL
# aside with it, and refuses a backup of a newer schema leaving the live
# database untouched.
set -u
bot=$1
dir=$(mktemp -d /tmp/bjj-review-restore.XXXXXX)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL review_restore: $*"; exit 1; }
cd "$dir" || fail "no temp dir"
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
say '/addstudent Kept Student +79001234501' >/dev/null
path=$("$bot" -c bot.conf backup 2>/dev/null) || fail "backup"

# A newer schema is refused and nothing moves.
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
say '/students' | grep -q 'Kept' || fail "the student is missing after restore"
echo "1 passed, 0 failed"
