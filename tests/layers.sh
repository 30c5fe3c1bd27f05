#!/bin/sh
# layers.sh ROOT — the layers stay visible in the folders: a source file
# includes our headers only from its own layer or the ones below it.
#
#   lib/       libc and its own headers only (the bottom)
#   storage/   lib/ and storage/
#   handlers/  lib/, storage/ and handlers/, and bot/config.h alone of bot/
#              (struct config: the settings handlers read through h_env;
#              no function of bot/ is called)
#   bot/, http/  anything (the daemon: loop, network, HTTP server)
#
# Neither lib/, storage/ nor handlers/ includes libcurl or libev: they
# never touch the network or the loop. Each include that breaks a rule is
# printed as "file:line: ..." with the rule; exit 1 when there is one.
#
# layers.sh --self-test — a file breaking each rule, put into a copy of
# a tiny tree, is caught; the same tree with allowed includes passes.
set -u

# check ROOT: prints the breaches, returns 1 when there is any.
check() {
	root=$1
	bad=0
	for dir in lib storage handlers; do
		case $dir in
		lib) allow='lib' say='lib/' ;;
		storage) allow='lib|storage' say='lib/ and storage/' ;;
		handlers) allow='lib|storage|handlers' say='lib/, storage/, handlers/ and bot/config.h' ;;
		esac
		[ -d "$root/$dir" ] || continue
		out=$(cd "$root" && grep -nE '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' \
			$(find "$dir" -name '*.[ch]' | sort) /dev/null |
			grep -vE "#[[:space:]]*include[[:space:]]*\"($allow)/" |
			if [ "$dir" = handlers ]; then
				grep -vE '#[[:space:]]*include[[:space:]]*"bot/config\.h"'
			else
				cat
			fi)
		if [ -n "$out" ]; then
			echo "$out" | sed "s#\$#   <- $dir/ may include only $say#"
			bad=1
		fi
		out=$(cd "$root" && grep -nE '^[[:space:]]*#[[:space:]]*include[[:space:]]*<(curl/|ev\.h)' \
			$(find "$dir" -name '*.[ch]' | sort) /dev/null)
		if [ -n "$out" ]; then
			echo "$out" | sed "s#\$#   <- $dir/ never includes libcurl or libev#"
			bad=1
		fi
	done
	return $bad
}

self_test() {
	tmp=$(mktemp -d /tmp/bjj-layers.XXXXXX)
	trap 'rm -rf "$tmp"' EXIT
	me=$0
	mkdir -p "$tmp/lib" "$tmp/storage" "$tmp/handlers" "$tmp/bot" "$tmp/http"
	printf '#include <stdio.h>\n#include "lib/util.h"\n' > "$tmp/lib/a.c"
	printf '#include "lib/util.h"\n#include "storage/db.h"\n' > "$tmp/storage/a.c"
	printf '#include "lib/log.h"\n#include "storage/store.h"\n#include "handlers/texts.h"\n#include "bot/config.h"\n' \
		> "$tmp/handlers/a.c"
	printf '#include "handlers/handlers.h"\n#include "http/web.h"\n#include <curl/curl.h>\n' > "$tmp/bot/a.c"
	out=$(check "$tmp") || { echo "FAIL layers self-test: allowed includes refused: $out"; exit 1; }
	# Each breach, alone, in a fresh file; the line says which rule.
	while IFS='|' read -r file line rule; do
		printf '%s\n' "$line" > "$tmp/$file"
		out=$(check "$tmp") && { echo "FAIL layers self-test: $file with $line passed"; exit 1; }
		case $out in
		*"$file:1:"*"$rule"*) ;;
		*) echo "FAIL layers self-test: $file with $line: unclear message: $out"; exit 1 ;;
		esac
		rm "$tmp/$file"
	done <<EOF
lib/b.h|#include "storage/db.h"|lib/ may include only lib/
lib/b.c|#include "bot/app.h"|lib/ may include only lib/
storage/b.c|#include "bot/config.h"|storage/ may include only lib/ and storage/
storage/b.h|  #  include "handlers/handlers.h"|storage/ may include only lib/ and storage/
storage/b.c|#include "http/web.h"|storage/ may include only lib/ and storage/
handlers/b.c|#include "bot/telegram.h"|handlers/ may include only lib/, storage/, handlers/ and bot/config.h
handlers/b.c|#include "http/web.h"|handlers/ may include only lib/, storage/, handlers/ and bot/config.h
handlers/b.c|#include <ev.h>|never includes libcurl or libev
storage/b.c|#include <curl/curl.h>|never includes libcurl or libev
EOF
	echo "layers self-test: ok"
}

case ${1:-} in
--self-test) self_test ;;
"") echo "usage: layers.sh ROOT | --self-test"; exit 2 ;;
*)
	if check "$1"; then
		echo "layers: ok"
	else
		echo "FAIL layers: an include goes against the layers (lib <- storage <- handlers <- bot, http)"
		exit 1
	fi
	;;
esac
