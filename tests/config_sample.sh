#!/bin/sh
# config_sample.sh BJJBOT SOURCE_DIR — the checked-in bot.conf.sample is
# what `bjjbot config sample` prints from the settings table, and README's
# "Configuration" table names every setting of it and no other; `config`
# with anything but "sample" is a usage error.
set -u
bot=$1 src=$2
dir=$(mktemp -d /tmp/bjj-config-sample.XXXXXX)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL config_sample: $*"; exit 1; }

"$bot" config sample > "$dir/sample" || fail "bjjbot config sample exited $?"
diff -u "$src/bot.conf.sample" "$dir/sample" > "$dir/diff" ||
	fail "bot.conf.sample differs from \`bjjbot config sample\` (regenerate it: bjjbot config sample > bot.conf.sample):
$(cat "$dir/diff")"

# "section key" of every setting, commented-out ones too.
awk '/^\[/ { gsub(/[][]/, ""); sec = $0; next }
     /^#? ?[a-z_]+ =/ { sub(/^# ?/, ""); print sec, $1 }' "$dir/sample" | sort > "$dir/keys"
[ "$(wc -l < "$dir/keys")" -gt 30 ] || fail "too few settings read from the sample"
# README rows: "| section | `key` | default | meaning |" of "## Configuration".
awk '/^## / { on = ($0 == "## Configuration") }
     on && /^\| [a-z]+ \| `[a-z_]+` \|/ { gsub(/`/, "", $4); print $2, $4 }' "$src/README.md" |
	sort > "$dir/readme"
comm -23 "$dir/keys" "$dir/readme" > "$dir/missing"
[ -s "$dir/missing" ] && fail "README \"Configuration\" lacks a row for: $(tr '\n' ';' < "$dir/missing")"
comm -13 "$dir/keys" "$dir/readme" > "$dir/extra"
[ -s "$dir/extra" ] && fail "README \"Configuration\" has rows no setting has: $(tr '\n' ';' < "$dir/extra")"

# Usage errors: 2, with the usage.
for args in "config" "config bogus" "config sample extra"; do
	# shellcheck disable=SC2086
	out=$("$bot" $args 2>&1)
	rc=$?
	[ "$rc" -eq 2 ] || fail "bjjbot $args: exit $rc, not 2"
	case $out in *"config needs what to print"*"usage: bjjbot"*) ;; *) fail "bjjbot $args: $out" ;; esac
done
echo "config_sample: ok ($(wc -l < "$dir/keys") settings)"
