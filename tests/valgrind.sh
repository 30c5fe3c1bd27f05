#!/bin/sh
# valgrind.sh BUILD_DIR — every unit test, and a few end-to-end scenarios
# with the bot itself under valgrind (memcheck: errors and definite leaks
# fail). Ends with "N passed, M failed".
set -u
build=${1:-build}
src=$(cd "$(dirname "$0")/.." && pwd)
vg="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite"
pass=0
failed=0
logdir=$(mktemp -d /tmp/bjj-valgrind.XXXXXX)

for t in "$build"/tests/test_*; do
	[ -x "$t" ] || continue
	name=$(basename "$t")
	if $vg "$t" >"$logdir/$name.log" 2>&1; then
		pass=$((pass + 1))
	else
		failed=$((failed + 1))
		echo "FAIL $name (valgrind)"; tail -30 "$logdir/$name.log"
	fi
done

# The bot under valgrind, driven by the fake Bot API server.
wrapper="$logdir/bjjbot-vg"
printf '#!/bin/sh\nexec %s --log-file=%s/bot.%%p.vg "%s" "$@"\n' "$vg" "$logdir" \
	"$(cd "$build" && pwd)/bjjbot" > "$wrapper"
chmod +x "$wrapper"
for sc in invite_link kill9_restart blocked_403 flood_429 attendance_checkin billing_sell_balance belts_promote admin_card http_health http_api http_matrix; do
	[ -f "$src/tests/scenarios/$sc.txt" ] || continue
	# Real time: a bot under valgrind is too slow for the test clock.
	if "$build/tests/fake_tg" --bot "$wrapper" --time-scale 1 --scenario "$src/tests/scenarios/$sc.txt" \
	    --workdir "$logdir/e2e-$sc" >"$logdir/$sc.log" 2>&1; then
		pass=$((pass + 1))
	else
		failed=$((failed + 1))
		echo "FAIL e2e $sc under valgrind"; tail -30 "$logdir/$sc.log"
	fi
done
# A bot that exited 99 fails its scenario; reports land in the .vg files.
for f in "$logdir"/bot.*.vg; do
	[ -s "$f" ] || continue
	failed=$((failed + 1))
	echo "FAIL valgrind report $(basename "$f"):"; head -40 "$f"
done
[ "$failed" -eq 0 ] && rm -rf "$logdir"
echo "valgrind: $pass passed, $failed failed"
[ "$failed" -eq 0 ]
