#!/bin/sh
# quickstart.sh — install what is missing, build, and run: the bot against
# Telegram when a token is configured (./bot.conf with [telegram] token, or
# BJJBOT_TOKEN), otherwise the demo academy in this terminal.
set -eu
cd "$(dirname "$0")/.."

if [ "$(id -u)" -eq 0 ]; then
	deploy/install-deps.sh
else
	deploy/install-deps.sh || {
		echo "quickstart: run the command above (or this script with sudo), then run it again"
		exit 1
	}
fi
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)"

conf=${BJJBOT_CONFIG:-bot.conf}
if [ -n "${BJJBOT_TOKEN:-}" ] || { [ -f "$conf" ] && grep -Eq '^[[:space:]]*token(_file)?[[:space:]]*=[[:space:]]*[^[:space:]]' "$conf"; }; then
	if [ ! -f "$conf" ]; then
		# A local database next to the checkout; edit owner_ids before use.
		sed 's|^database = .*|database = bjjbot.db|' bot.conf.sample > "$conf"
		echo "quickstart: wrote $conf from bot.conf.sample; set owner_ids in it"
	fi
	build/bjjbot -c "$conf" check
	exec build/bjjbot -c "$conf" run
fi
echo "quickstart: no token configured (bot.conf or BJJBOT_TOKEN): starting the demo"
exec build/bjjbot demo
