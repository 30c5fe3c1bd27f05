#!/bin/sh
# The reverse-proxy samples of deploy/ are valid: `nginx -t` on
# deploy/nginx-bjjbot.conf (as a site inside a minimal nginx.conf, with a
# throwaway self-signed certificate and log path in a temporary folder)
# and `caddy validate` on deploy/Caddyfile (Caddy fetches no certificate
# to validate). Each is skipped, saying so, when its server is not
# installed (Debian: nginx-light, caddy; .ci/run installs both); exit 77
# (skipped) when neither is.
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
PATH=$PATH:/usr/sbin:/sbin
ran=0

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
