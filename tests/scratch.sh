# scratch.sh — sourced by the shell tests after they set $name: a fresh
# folder $dir under /tmp, removed on exit, made the current one; and
# fail MESSAGE, which names the test and exits 1.
dir=$(mktemp -d "/tmp/bjj-$name.XXXXXX")
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL $name: $*"; exit 1; }
cd "$dir" || fail "no temp dir"
