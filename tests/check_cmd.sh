#!/bin/sh
# check_cmd.sh BJJBOT — `bjjbot check`: the export and backup folders must
# take files (the message names the setting), and the token never shows,
# not even when api_url carries it.
set -u
bot=$1
dir=$(mktemp -d /tmp/bjj-check-cmd.XXXXXX)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL check_cmd: $*"; exit 1; }
secret=TEST-token-abcdefghijklmnopqrstuvwxyz0123
conf() {
	cat > "$dir/bot.conf" <<CONF
[telegram]
token = 123456:$secret
api_url = $1
owner_ids = 100
[storage]
database = $dir/bot.db
export_dir = $2
[backup]
dir = $3
CONF
}

conf "https://user:pw@proxy.example/bot123456:$secret" "$dir/exports" "$dir/backups"
out=$("$bot" -c "$dir/bot.conf" check 2>&1) || fail "a good config was refused: $out"
case $out in *"$secret"*|*pw@*) fail "the token or a password was printed: $out" ;; esac
case $out in *"proxy.example/bot***"*) ;; *) fail "api_url not shown redacted: $out" ;; esac

# A database: the quick check at start, every page with --full.
"$bot" -c "$dir/bot.conf" migrate >/dev/null 2>&1 || fail "migrate failed"
out=$("$bot" -c "$dir/bot.conf" check 2>&1) || fail "a good database was refused: $out"
case $out in *"database $dir/bot.db: ok (schema "*) ;; *) fail "no database verdict: $out" ;; esac
case $out in *"every page read"*) fail "the quick check claims a full one: $out" ;; esac
out=$("$bot" -c "$dir/bot.conf" check --full 2>&1) || fail "check --full refused a good database: $out"
case $out in *"every page read"*) ;; *) fail "check --full did not say so: $out" ;; esac
out=$("$bot" -c "$dir/bot.conf" check --fast 2>&1) && fail "check took an unknown option: $out"
case $out in *'unexpected argument "--fast"'*) ;; *) fail "unclear message: $out" ;; esac

: > "$dir/afile"
conf "https://api.telegram.org" "$dir/afile" "$dir/backups"
out=$("$bot" -c "$dir/bot.conf" check 2>&1) && fail "export_dir on a file passed: $out"
case $out in *"[storage] export_dir"*"not a directory"*) ;; *) fail "unclear message: $out" ;; esac

conf "https://api.telegram.org" "$dir/exports" "/proc/bjj-backups"
out=$("$bot" -c "$dir/bot.conf" check 2>&1) && fail "an unwritable backup dir passed: $out"
case $out in *"[backup] dir"*"/proc/bjj-backups"*"cannot create files"*) ;; *) fail "unclear message: $out" ;; esac
case $out in *"$secret"*) fail "the token was printed: $out" ;; esac
echo "PASS check_cmd"
