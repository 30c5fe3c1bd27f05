#!/bin/sh
# http_matrix.sh — run by http_matrix.txt (a `run` step): every route of
# the API asked by every kind of caller, against a running bot.
#
#   U=<base url> TOK=<owner> STOK=<student #1> OTOK=<student #2>
#   TTOK=<trainer> RTOK=<revoked> sh http_matrix.sh matrix
#   U=... TOK=... XTOK=<expired> sh http_matrix.sh expired
#
# matrix: each row of the table below is asked with no token, a revoked
# one, then as student #1 (S), student #2 (O, "another student"), the
# trainer (T) and the owner (W), in that order, and each answer's status
# must be the row's. A row's callers go from the least allowed to the
# most, so its refusals come before its successes; after a refusal of a
# write the academy's data must read as it did before (the owner's lists
# of everything, compared whole). Then the bad inputs. expired: every row
# with an expired token is 401 "token expired", nothing changed.
# Prints each mismatch; exits 1 when there was one. The requests of a row
# that need no look at the data in between go in one curl (--next).
set -u
mode=$1
tmp=${FT_WORKDIR:-/tmp}/matrix
fail=0

J='Content-Type: application/json'

# batch METHOD PATH BODY TOKEN...: the request made with each token in
# turn ("-": no Authorization at all), in one curl; the statuses, one a
# line.
batch() {
	m=$1 p=$2 b=$3
	shift 3
	n=$#
	while [ "$n" -gt 0 ]; do
		tok=$1
		shift
		set -- "$@" -sS --max-time 5 -o /dev/null -w '%{http_code}\n'
		if [ "$tok" = - ]; then
			set -- "$@" -H 'X-No-Token: 1'
		else
			set -- "$@" -H "Authorization: Bearer $tok"
		fi
		[ "$m" = GET ] || set -- "$@" -X "$m" -H "$J" --data-binary "$b"
		set -- "$@" "$U$p"
		n=$((n - 1))
		[ "$n" -gt 0 ] && set -- "$@" --next
	done
	curl "$@"
}

# Everything the owner can list, as one digest.
state() {
	curl -sS --max-time 5 -H "Authorization: Bearer $TOK" \
	    "$U/api/v1/students?all=1&per_page=100" \
	    "$U/api/v1/trainings?from=2026-05-01&to=2026-07-31&per_page=100" \
	    "$U/api/v1/payments?month=2026-06&per_page=100" \
	    "$U/api/v1/subscriptions?active=false&per_page=100" \
	    "$U/api/v1/exams?status=all&per_page=100" \
	    "$U/api/v1/attendances?training=1" "$U/api/v1/attendances?training=2" |
	    md5sum
}

bad() {
	echo "FAIL $*"
	fail=1
}

# The table: method | path | body | S O T W.
table() {
	cat <<'EOF'
GET|/api/v1/me||200 200 200 200
GET|/api/v1/students||200 200 200 200
GET|/api/v1/students/1||200 403 200 200
GET|/api/v1/students/99||403 403 404 404
GET|/api/v1/trainings||200 200 200 200
GET|/api/v1/trainings/1||200 200 200 200
GET|/api/v1/trainings/99||404 404 404 404
GET|/api/v1/attendances?training=1||403 403 200 200
GET|/api/v1/attendances?student=1||200 403 200 200
GET|/api/v1/payments?month=2026-06||200 200 403 200
GET|/api/v1/payments?student=1||200 403 403 200
GET|/api/v1/subscriptions||200 200 200 200
GET|/api/v1/subscriptions?student=1||200 403 200 200
GET|/api/v1/reports/revenue?month=2026-06||403 403 403 200
GET|/api/v1/reports/attendance?month=2026-06||403 403 403 200
GET|/api/v1/exams?status=all||200 200 200 200
GET|/api/v1/exams?student=1||200 403 200 200
POST|/api/v1/students|{"first_name":"Ana","last_name":"Lee","phone":"+79001110009"}|403 403 403 201
PATCH|/api/v1/students/1|{"notes":"left-handed"}|403 403 403 200
PATCH|/api/v1/students/99|{"notes":"x"}|403 403 403 404
POST|/api/v1/students/3/deactivate||403 403 403 200
POST|/api/v1/students/3/deactivate||403 403 403 422
POST|/api/v1/students/99/deactivate||403 403 403 404
POST|/api/v1/trainings|{"date":"2026-06-05","time":"19:00","title":"Open mat"}|403 403 403 201
POST|/api/v1/trainings/2/cancel|{"reason":"flu"}|403 403 422 200
POST|/api/v1/trainings/2/cancel||403 403 422 422
POST|/api/v1/trainings/99/cancel||403 403 404 404
POST|/api/v1/attendances|{"training_id":1,"student_id":1,"status":"present"}|403 403 200 200
POST|/api/v1/attendances|{"training_id":1,"student_id":99,"status":"present"}|403 403 422 422
POST|/api/v1/payments|{"student_id":1,"amount":150050,"method":"cash"}|403 403 403 201
POST|/api/v1/payments|{"student_id":99,"amount":100,"method":"cash"}|403 403 403 422
POST|/api/v1/payments/1/void|{"reason":"typo"}|403 403 403 200
POST|/api/v1/payments/1/void|{"reason":"typo"}|403 403 403 422
POST|/api/v1/payments/99/void|{"reason":"typo"}|403 403 403 404
POST|/api/v1/subscriptions|{"student_id":2,"plan":"month8","method":"card"}|403 403 403 201
POST|/api/v1/subscriptions|{"student_id":2,"plan":"nosuch","method":"card"}|403 403 403 422
POST|/api/v1/exams|{"student_id":2,"belt":"blue","date":"2026-06-10"}|403 403 201 422
POST|/api/v1/exams/1/result|{"passed":true}|403 403 200 422
POST|/api/v1/exams/99/result|{"passed":true}|403 403 404 404
EOF
}

if [ "$mode" = expired ]; then
	before=$(state)
	curl -sS --max-time 5 -o "$tmp.body" -H "Authorization: Bearer $XTOK" "$U/api/v1/me"
	grep -q '"token expired"' "$tmp.body" || bad "GET /api/v1/me with an expired token"
	rows=0
	while IFS='|' read -r method path body want; do
		rows=$((rows + 1))
		got=$(batch "$method" "$path" "$body" "$XTOK")
		[ "$got" = 401 ] || bad "$method $path with an expired token: want 401, got $got"
	done <<EOF
$(table)
EOF
	[ "$rows" -ge 39 ] || bad "only $rows rows were read"
	[ "$(state)" = "$before" ] || bad "the data changed after the expired token's requests"
	exit $fail
fi

# flush: make the requests gathered in $toks (whos, wants: who and what
# each expects) in one go; a write's must have left the data as it was.
flush() {
	[ -n "$toks" ] || return 0
	# shellcheck disable=SC2086 # the tokens are one word each
	got=$(batch "$method" "$path" "$body" $toks | tr '\n' ' ')
	[ "$got" = "$wants" ] || bad "$method $path as$whos: want $wants, got $got"
	if [ "$method" != GET ] && [ "$(state)" != "$before" ]; then
		bad "$method $path as$whos: refused ($got) but the data changed"
	fi
	toks='' wants='' whos=''
}

rows=0
while IFS='|' read -r method path body want; do
	rows=$((rows + 1))
	toks='' wants='' whos=''
	[ "$method" = GET ] || before=$(state)
	# shellcheck disable=SC2086 # four statuses
	set -- 401 401 $want
	for who in none revoked S O T W; do
		exp=$1
		shift
		case $who in
		none) tok=-;;
		revoked) tok=$RTOK;;
		S) tok=$STOK;;
		O) tok=$OTOK;;
		T) tok=$TTOK;;
		W) tok=$TOK;;
		esac
		case $method:$exp in
		GET:*|*:[!2]??)
			toks="$toks $tok" wants="$wants$exp " whos="$whos $who";;
		*)
			# a write that succeeds: what was refused before it first
			flush
			got=$(batch "$method" "$path" "$body" "$tok")
			[ "$got" = "$exp" ] || bad "$method $path as $who: want $exp, got $got"
			before=$(state);;
		esac
	done
	flush
done <<EOF
$(table)
EOF
[ "$rows" -ge 39 ] || bad "only $rows rows were read"

# ---- bad inputs: each answered with its status; the data stays as it was.
before=$(state)
# expect STATUS TEXT -- curl arguments: the status, and TEXT in the body
expect() {
	want=$1 text=$2
	shift 3
	for url; do :; done
	got=$(curl -sS --max-time 5 -o "$tmp.body" -D "$tmp.head" -w '%{http_code}' "$@")
	[ "$got" = "$want" ] || bad "$url ($text): want $want, got $got: $(cat "$tmp.body")"
	grep -qF -- "$text" "$tmp.body" "$tmp.head" || bad "$url: no \"$text\" in the answer"
}
A="Authorization: Bearer $TOK"
expect 400 'the body must be a JSON object' -- -H "$A" -H "$J" --data-binary '{"student_id":1,' "$U/api/v1/payments"
expect 400 'the body must be a JSON object' -- -H "$A" -H "$J" --data-binary '[1,2]' "$U/api/v1/payments"
expect 400 'the body must be a JSON object' -- -X PATCH -H "$A" -H "$J" --data-binary 'notes=x' "$U/api/v1/students/1"
expect 400 'bad field \"amount\"' -- -H "$A" -H "$J" --data-binary '{"student_id":1,"amount":"100","method":"cash"}' "$U/api/v1/payments"
expect 400 'bad field \"amount\"' -- -H "$A" -H "$J" --data-binary '{"student_id":1,"amount":-5,"method":"cash"}' "$U/api/v1/payments"
expect 400 'bad field \"student_id\"' -- -H "$A" -H "$J" --data-binary '{"student_id":"1","amount":100,"method":"cash"}' "$U/api/v1/payments"
expect 400 'bad field \"method\"' -- -H "$A" -H "$J" --data-binary '{"student_id":1,"amount":100,"method":"gold"}' "$U/api/v1/payments"
expect 400 'bad field \"passed\"' -- -H "$A" -H "$J" --data-binary '{"passed":"yes"}' "$U/api/v1/exams/1/result"
expect 400 'bad field \"date\"' -- -H "$A" -H "$J" --data-binary '{"date":"2026-13-01","time":"19:00","title":"Gi"}' "$U/api/v1/trainings"
expect 400 'bad field \"status\"' -- -H "$A" -H "$J" --data-binary '{"training_id":1,"student_id":1,"status":"here"}' "$U/api/v1/attendances"
expect 400 'bad query parameter \"month\"' -- -H "$A" "$U/api/v1/payments?month=June"
expect 400 'bad query parameter \"per_page\"' -- -H "$A" "$U/api/v1/exams?per_page=1000"
expect 400 'bad query parameter \"to\"' -- -H "$A" "$U/api/v1/trainings?from=2026-01-01&to=2026-12-31"
head -c 70000 /dev/zero | tr '\0' 'a' >"$tmp.big"
# curl waits for the server's answer to "Expect: 100-continue" before it
# sends the body (1 s by default, too short on a busy machine: the body
# would go out, the server close with it unread, and the 413 be lost in
# the reset).
expect 413 'request body too large' -- -H "$A" -H "$J" -H 'Expect: 100-continue' \
	--expect100-timeout 30 --data-binary "@$tmp.big" "$U/api/v1/payments"
expect 404 '"error"' -- -H "$A" "$U/api/v1/nope"
expect 404 '"error"' -- -H "$A" "$U/api/v1/students/0"
expect 404 '"error"' -- -H "$A" "$U/api/v1/students/1/nope"
# allows METHOD...: the last answer's Allow header names exactly these, in
# any order
allows() {
	have=$(tr -d '\r' <"$tmp.head" | sed -n 's/^[Aa]llow: //p' | tr -d ' ' | tr ',' '\n' | sort | tr '\n' ' ')
	need=$(printf '%s\n' "$@" | sort | tr '\n' ' ')
	[ "$have" = "$need" ] || bad "Allow: want $need, got $have"
}
expect 405 'method not allowed' -- -X DELETE -H "$A" "$U/api/v1/payments"
allows GET HEAD POST
expect 405 'method not allowed' -- -X PUT -H "$A" -H "$J" --data-binary '{}' "$U/api/v1/students/1"
allows GET HEAD PATCH
expect 405 'method not allowed' -- -H "$A" "$U/api/v1/payments/1/void"
allows POST
# forged: the owner's token with another signature; none-alg; garbage
sig=${TOK##*.}
case $sig in A*) forged=B${sig#?};; *) forged=A${sig#?};; esac
expect 401 'invalid token' -- -H "Authorization: Bearer ${TOK%.*}.$forged" -H "$J" --data-binary '{"student_id":1,"amount":100,"method":"cash"}' "$U/api/v1/payments"
payload=$(printf '%s' "$TOK" | cut -d. -f2)
expect 401 'invalid token' -- -H "Authorization: Bearer eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.$payload." -H "$J" --data-binary '{"student_id":1,"amount":100,"method":"cash"}' "$U/api/v1/payments"
expect 401 'invalid token' -- -H "Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.$payload.AAAA" "$U/api/v1/me"
expect 401 'WWW-Authenticate: Bearer' -- -H "Authorization: Basic b3duZXI6cHc=" "$U/api/v1/me"
[ "$(state)" = "$before" ] || bad "the data changed after the bad inputs"
exit $fail
