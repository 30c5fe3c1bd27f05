#!/bin/sh
# The reverse-proxy samples of deploy/ are valid: `nginx -t` on
# deploy/nginx-bjjbot.conf (as a site inside a minimal nginx.conf, with a
# throwaway self-signed certificate and log path in a temporary folder),
# then nginx run with it on loopback ports before a stand-in bot (python3):
# the routes proxied with the client's X-Real-IP (not one the client
# sends), /healthz and /metrics refused to a public address, HTTP sent to
# HTTPS, no search or calendar secret in the access log; and `caddy
# validate` on deploy/Caddyfile (Caddy fetches no certificate to
# validate), written as `caddy fmt` writes it. Each is skipped, saying so, when its server is not
# installed (Debian: nginx-light, caddy; .ci/run installs both); exit 77
# (skipped) when neither is.
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
PATH=$PATH:/usr/sbin:/sbin
ran=0

# Run nginx with the sample (its ports moved to free loopback ones, and a
# test-only header standing for the client's address) before a stand-in
# for the bot that answers with the path and the X-Real-IP it got.
nginx_run() {
	python3 - "$tmp/ports" <<'PY' &
import http.server, socket, sys
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = f"{self.path} {self.headers.get('X-Real-IP')}\n".encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *a):
        pass
s = http.server.HTTPServer(("127.0.0.1", 0), H)
free = []
for _ in range(2):
    f = socket.socket()
    f.bind(("127.0.0.1", 0))
    free.append(f)
ports = [s.server_port] + [f.getsockname()[1] for f in free]
for f in free:
    f.close()
open(sys.argv[1] + ".tmp", "w").write(" ".join(map(str, ports)) + "\n")
__import__("os").rename(sys.argv[1] + ".tmp", sys.argv[1])
# gone after 30 s without a request, whatever happens to the test
s.timeout = 30
s.handle_timeout = lambda: sys.exit(0)
while True:
    s.handle_request()
PY
	upstream_pid=$!
	trap 'kill $upstream_pid 2>/dev/null || :; rm -rf "$tmp"' EXIT
	i=0
	while [ ! -s "$tmp/ports" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	read -r up https http < "$tmp/ports"
	sed -e "s|server 127.0.0.1:8080;|server 127.0.0.1:$up;|" \
	    -e "s|listen 443 ssl http2;|listen 127.0.0.1:$https ssl http2;|" \
	    -e "s|listen 80;|listen 127.0.0.1:$http;|" -e "/listen \[::\]/d" \
	    "$tmp/site.conf" > "$tmp/run.conf"
	sed -e "s|include $tmp/site.conf;|set_real_ip_from 127.0.0.1; real_ip_header X-Test-Client;\n    include $tmp/run.conf;|" \
	    "$tmp/nginx.conf" > "$tmp/nginx-run.conf"
	nginx -e "$tmp/error.log" -p "$tmp" -c "$tmp/nginx-run.conf" -g 'daemon off; master_process off;' &
	nginx_pid=$!
	trap 'kill $nginx_pid $upstream_pid 2>/dev/null || :; rm -rf "$tmp"' EXIT
	get() {
		curl -sk --max-time 5 --resolve "bjj.example.com:$https:127.0.0.1" -w ' %{http_code}' "$@"
	}
	i=0
	until get "https://bjj.example.com:$https/healthz" >/dev/null 2>&1 || [ $i -ge 50 ]; do sleep 0.1; i=$((i + 1)); done
	check() {
		want=$1
		shift
		got=$(get "$@" | tr -d '\n')
		if [ "$got" != "$want" ]; then
			echo "proxy_samples: nginx: $*: got \"$got\", want \"$want\"" >&2
			cat "$tmp/error.log" >&2
			exit 1
		fi
	}
	base=https://bjj.example.com:$https
	# proxied, the client's address in X-Real-IP whatever the client sends
	check "/api/v1/me 203.0.113.7 200" -H 'X-Test-Client: 203.0.113.7' -H 'X-Real-IP: 10.9.9.9' "$base/api/v1/me"
	check "/calendar/s3cret/academy.ics 203.0.113.7 200" -H 'X-Test-Client: 203.0.113.7' "$base/calendar/s3cret/academy.ics"
	check "/web/x 203.0.113.7 200" -H 'X-Test-Client: 203.0.113.7' "$base/web/x"
	check "/?q=Petrov 203.0.113.7 200" -H 'X-Test-Client: 203.0.113.7' "$base/?q=Petrov"
	# monitoring: the local network yes, the world no
	check "/healthz 192.168.1.5 200" -H 'X-Test-Client: 192.168.1.5' "$base/healthz"
	check "/metrics 127.0.0.1 200" "$base/metrics"
	get -o /dev/null -H 'X-Test-Client: 203.0.113.7' "$base/healthz" | grep -qx ' 403' ||
		{ echo "proxy_samples: nginx: /healthz open to the world" >&2; exit 1; }
	get -o /dev/null -H 'X-Test-Client: 203.0.113.7' "$base/metrics" | grep -qx ' 403' ||
		{ echo "proxy_samples: nginx: /metrics open to the world" >&2; exit 1; }
	# plain HTTP is sent to HTTPS
	curl -s --max-time 5 -o /dev/null -w '%{http_code} %{redirect_url}' -H 'Host: bjj.example.com' \
	    "http://127.0.0.1:$http/api/v1/me" | grep -q '^301 https://bjj.example.com/api/v1/me$' ||
		{ echo "proxy_samples: nginx: no redirect to https" >&2; exit 1; }
	kill $nginx_pid $upstream_pid 2>/dev/null || :
	wait $nginx_pid 2>/dev/null || :
	# the access log: no query strings, no calendar secrets
	if ! grep -q '"GET /calendar/\.\.\." 200' "$tmp/bjjbot.access.log" || grep -q 'Petrov\|s3cret' "$tmp/bjjbot.access.log"; then
		cat "$tmp/bjjbot.access.log" >&2
		echo "proxy_samples: nginx: the access log shows a search or a calendar secret" >&2
		exit 1
	fi
	echo "proxy_samples: deploy/nginx-bjjbot.conf: proxies /api/, /calendar/, /web and / with X-Real-IP; /healthz and /metrics only locally; the log keeps no search or secret"
}

if command -v nginx >/dev/null 2>&1; then
	openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=bjj.example.com \
		-keyout "$tmp/key.pem" -out "$tmp/cert.pem" >/dev/null 2>&1
	sed -e "s|/etc/letsencrypt/live/bjj.example.com/fullchain.pem|$tmp/cert.pem|" \
	    -e "s|/etc/letsencrypt/live/bjj.example.com/privkey.pem|$tmp/key.pem|" \
	    -e "s|/var/log/nginx/|$tmp/|" "$src/deploy/nginx-bjjbot.conf" > "$tmp/site.conf"
	# the sample's own paths were all replaced: nothing of the machine's is used
	if grep -v '^ *#' "$tmp/site.conf" | grep '/etc/\|/var/log'; then
		echo "proxy_samples: deploy/nginx-bjjbot.conf has paths this test does not replace" >&2
		exit 1
	fi
	for d in body proxy fastcgi uwsgi scgi; do mkdir -p "$tmp/$d"; done
	cat > "$tmp/nginx.conf" <<CONF
pid $tmp/nginx.pid;
error_log $tmp/error.log;
events {}
http {
    client_body_temp_path $tmp/body;
    proxy_temp_path $tmp/proxy;
    fastcgi_temp_path $tmp/fastcgi;
    uwsgi_temp_path $tmp/uwsgi;
    scgi_temp_path $tmp/scgi;
    include $tmp/site.conf;
}
CONF
	if ! nginx -t -q -e "$tmp/error.log" -p "$tmp" -c "$tmp/nginx.conf"; then
		cat "$tmp/error.log" >&2
		echo "proxy_samples: nginx -t refused deploy/nginx-bjjbot.conf" >&2
		exit 1
	fi
	echo "proxy_samples: deploy/nginx-bjjbot.conf: nginx -t ok"
	if command -v python3 >/dev/null 2>&1; then
		nginx_run
	else
		echo "proxy_samples: no python3 for the stand-in bot: nginx not run"
	fi
	ran=1
else
	echo "proxy_samples: nginx is not installed (apt-get install nginx-light): skipped"
fi

if command -v caddy >/dev/null 2>&1; then
	if ! HOME=$tmp XDG_DATA_HOME=$tmp XDG_CONFIG_HOME=$tmp \
	    caddy validate --adapter caddyfile --config "$src/deploy/Caddyfile" > "$tmp/caddy.log" 2>&1; then
		cat "$tmp/caddy.log" >&2
		echo "proxy_samples: caddy validate refused deploy/Caddyfile" >&2
		exit 1
	fi
	# written as `caddy fmt` writes it
	if ! caddy fmt "$src/deploy/Caddyfile" | diff -u "$src/deploy/Caddyfile" -; then
		echo "proxy_samples: deploy/Caddyfile is not as caddy fmt formats it" >&2
		exit 1
	fi
	echo "proxy_samples: deploy/Caddyfile: caddy validate ok"
	ran=1
else
	echo "proxy_samples: caddy is not installed (apt-get install caddy): skipped"
fi

[ "$ran" -eq 1 ] || exit 77
