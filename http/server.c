/*
 * server.c — libmicrohttpd driven by the daemon's libev loop (see web.h).
 *
 * No thread of its own: the daemon runs in epoll mode, its epoll
 * descriptor is watched by an ev_io, and after every MHD_run the ev_timer
 * is set from MHD_get_timeout (0 when it has work ready, e.g. a response
 * to write), so connection timeouts fire too. Each request is answered at
 * once from web_handle: the database is local and quick, and the loop is
 * the only thread.
 *
 * The client's address (for the rate limit of failed authentications)
 * is the peer's, or with [http] trust_proxy the reverse proxy's
 * X-Real-IP (else X-Forwarded-For's last hop), canonical.
 *
 * Invariant: a request body is kept only up to [http] max_body bytes; a
 * longer one is answered 413 and never handed to an endpoint (one
 * declared longer is refused before it is read). The
 * Authorization header, bodies, query strings and calendar secrets are
 * never logged.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <ev.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bot/config.h"
#include "lib/log.h"
#include "http/ratelimit.h"
#include "http/web.h"

#define WEB_CONNECTION_LIMIT 64
#define WEB_CONNECTION_TIMEOUT_S 30

struct web {
	struct ev_loop *loop;
	const struct web_env *env;
	struct MHD_Daemon *d;
	ev_io io;                  /* MHD's epoll descriptor */
	ev_timer timer;            /* MHD_get_timeout */
	size_t max_body;
	void (*on_write)(void *arg);   /* web_on_write */
	void *on_write_arg;
};

/* Per request, from its first call to its completion. */
struct web_conn {
	struct buf body;
	int too_big;
	double t0;
};

static void web_arm(struct web *w)
{
	MHD_UNSIGNED_LONG_LONG ms = 0;

	ev_timer_stop(w->loop, &w->timer);
	if (MHD_get_timeout(w->d, &ms) == MHD_YES) {
		ev_timer_set(&w->timer, (double)ms / 1000.0, 0.);
		ev_timer_start(w->loop, &w->timer);
	}
}

static void web_run(struct web *w)
{
	MHD_run(w->d);
	web_arm(w);
}

static void web_io_cb(struct ev_loop *loop, ev_io *io, int revents)
{
	(void)loop;
	(void)revents;
	web_run(io->data);
}

static void web_timer_cb(struct ev_loop *loop, ev_timer *t, int revents)
{
	(void)loop;
	(void)revents;
	web_run(t->data);
}

/* libmicrohttpd's own messages (format from the library). */
__attribute__((format(printf, 2, 0)))
static void web_logger(void *arg, const char *fmt, va_list ap)
{
	char msg[512];
	size_t n;

	(void)arg;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	n = strlen(msg);
	while (n > 0 && msg[n - 1] == '\n')
		msg[--n] = '\0';
	log_warn("http", "%s", msg);
}

static int web_open_connections(const struct web *w)
{
	const union MHD_DaemonInfo *i = MHD_get_daemon_info(w->d, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
	return i ? (int)i->num_connections : 0;
}

static enum MHD_Result web_queue(struct MHD_Connection *conn, const struct web_reply *rp)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(rp->body.len, rp->body.s ? rp->body.s : "",
	    MHD_RESPMEM_MUST_COPY);
	enum MHD_Result rc;

	if (r == NULL)
		return MHD_NO;
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, rp->content_type);
	/* Answers hold the academy's data: no cache keeps them. */
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	for (size_t i = 0; web_security_headers[i] != NULL; i += 2)
		MHD_add_response_header(r, web_security_headers[i], web_security_headers[i + 1]);
	if (rp->set_cookie[0] != '\0')
		MHD_add_response_header(r, MHD_HTTP_HEADER_SET_COOKIE, rp->set_cookie);
	if (rp->location[0] != '\0')
		MHD_add_response_header(r, MHD_HTTP_HEADER_LOCATION, rp->location);
	if (rp->allow[0] != '\0')
		MHD_add_response_header(r, MHD_HTTP_HEADER_ALLOW, rp->allow);
	if (rp->challenge)
		MHD_add_response_header(r, MHD_HTTP_HEADER_WWW_AUTHENTICATE, "Bearer");
	if (rp->retry_after > 0) {
		char s[16];

		snprintf(s, sizeof(s), "%d", rp->retry_after);
		MHD_add_response_header(r, MHD_HTTP_HEADER_RETRY_AFTER, s);
	}
	rc = MHD_queue_response(conn, (unsigned)rp->status, r);
	MHD_destroy_response(r);
	return rc;
}

static const char *web_arg_lookup(void *arg_ctx, const char *key)
{
	return MHD_lookup_connection_value(arg_ctx, MHD_GET_ARGUMENT_KIND, key);
}

/* MHD's "%HH" decoding of paths and query values, except that one with an
 * encoded NUL stays as sent: decoded, it would end the C string early and
 * "/static/app.js%00.css" would be taken for "/static/app.js". As sent it
 * matches no route (a 404) and no expected value. */
static size_t web_unescape(void *cls, struct MHD_Connection *conn, char *s)
{
	(void)cls;
	(void)conn;
	for (const char *p = s; (p = strchr(p, '%')) != NULL; p++)
		if (p[1] == '0' && p[2] == '0')
			return strlen(s);
	return MHD_http_unescape(s);
}

/* url as the log shows it: the credentials in paths, a calendar feed's
 * secret and a dashboard login link's code, replaced by "***". */
static void web_log_path(const char *url, char *out, size_t len)
{
	static const char *const secret_at[] = { "/calendar/", "/web/login/" };
	size_t k;

	for (size_t i = 0; i < BJJ_ARRAY_LEN(secret_at); i++) {
		k = strlen(secret_at[i]);
		if (strncmp(url, secret_at[i], k) != 0)
			continue;
		k += code_span(url + k);
		snprintf(out, len, "%s***%s", secret_at[i], url + k);
		return;
	}
	snprintf(out, len, "%s", url);
}

/* MHD_get_connection_values' callback: the last X-Forwarded-For header
 * into *cls (a proxy appends its hop to the last one). */
static enum MHD_Result web_last_forwarded(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *value)
{
	(void)kind;
	if (key != NULL && strcasecmp(key, "X-Forwarded-For") == 0)
		*(const char **)cls = value;
	return MHD_YES;
}

/*
 * The client's address into out, canonical (web_client_address): the
 * peer's, or with [http] trust_proxy the reverse proxy's X-Real-IP or
 * X-Forwarded-For's last hop; NULL when unknown.
 */
static const char *web_client(const struct web *w, struct MHD_Connection *conn, char *out,
    size_t len)
{
	const union MHD_ConnectionInfo *i = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = i != NULL ? i->client_addr : NULL;
	const char *real = NULL, *forwarded = NULL;
	char peer[INET6_ADDRSTRLEN] = "";

	if (sa != NULL && sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, peer,
		    sizeof(peer));
	else if (sa != NULL && sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, peer,
		    sizeof(peer));
	if (w->env->cfg->http_trust_proxy) {
		real = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Real-IP");
		MHD_get_connection_values(conn, MHD_HEADER_KIND, web_last_forwarded, &forwarded);
	}
	return web_client_address(peer, real, forwarded, w->env->cfg->http_trust_proxy, out, len);
}

/* Answer the request c of conn: 413 when its body was too long, else
 * whatever the router says. */
static enum MHD_Result web_answer(struct web *w, struct MHD_Connection *conn, struct web_conn *c,
    const char *method, const char *url)
{
	struct web_request rq;
	struct web_reply rp;
	enum MHD_Result rc;
	char client[INET6_ADDRSTRLEN + 3], shown[256];

	memset(&rp, 0, sizeof(rp));
	if (c->too_big) {
		web_reply_error(&rp, 413, "request body too large");
	} else {
		memset(&rq, 0, sizeof(rq));
		rq.method = method;
		rq.path = url;
		rq.authorization = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
		    MHD_HTTP_HEADER_AUTHORIZATION);
		rq.cookie = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_COOKIE);
		rq.origin = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_ORIGIN);
		rq.fetch_site = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Sec-Fetch-Site");
		rq.client = web_client(w, conn, client, sizeof(client));
		rq.body = buf_str(&c->body);
		rq.body_len = c->body.len;
		rq.connections = web_open_connections(w);
		rq.arg = web_arg_lookup;
		rq.arg_ctx = conn;
		web_handle(w->env, &rq, &rp);
		if (rp.status >= 200 && rp.status < 300 && strcmp(method, "GET") != 0 &&
		    strcmp(method, "HEAD") != 0 && w->on_write != NULL)
			w->on_write(w->on_write_arg);
	}
	/* The path only: query strings may carry a search for a name. */
	web_log_path(url, shown, sizeof(shown));
	log_debug("http", "%s %s: %d (%.1f ms)", method, shown, rp.status, (clock_mono() - c->t0) * 1000.0);
	rc = web_queue(conn, &rp);
	web_reply_release(&rp);
	return rc;
}

/* 1 when conn declares a body longer than max (Content-Length). */
static int web_declared_too_long(struct MHD_Connection *conn, size_t max)
{
	const char *v = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
	int64_t n;

	if (v == NULL)
		return 0;
	/* libmicrohttpd took it as a number already; one past int64 is too long too */
	return parse_i64(v, &n) != 0 || n < 0 || (uint64_t)n > max;
}

static enum MHD_Result web_access_cb(void *cls, struct MHD_Connection *conn, const char *url,
    const char *method, const char *version, const char *upload_data, size_t *upload_data_size,
    void **con_cls)
{
	struct web *w = cls;
	struct web_conn *c = *con_cls;

	(void)version;
	if (c == NULL) {
		c = xcalloc(1, sizeof(*c));
		c->t0 = clock_mono();
		*con_cls = c;
		/* A body declared too long is refused before it is sent: no
		 * "100 Continue", and libmicrohttpd closes the connection
		 * instead of reading it. */
		if (web_declared_too_long(conn, w->max_body)) {
			c->too_big = 1;
			return web_answer(w, conn, c, method, url);
		}
		return MHD_YES;
	}
	if (*upload_data_size > 0) {
		if (!c->too_big && c->body.len + *upload_data_size <= w->max_body)
			buf_add(&c->body, upload_data, *upload_data_size);
		else
			c->too_big = 1;
		*upload_data_size = 0;
		return MHD_YES;
	}
	return web_answer(w, conn, c, method, url);
}

static void web_completed_cb(void *cls, struct MHD_Connection *conn, void **con_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct web_conn *c = *con_cls;

	(void)cls;
	(void)conn;
	(void)toe;
	if (c == NULL)
		return;
	buf_release(&c->body);
	free(c);
	*con_cls = NULL;
}

struct web *web_start(struct ev_loop *loop, const struct web_env *env, char *err, size_t errlen)
{
	struct web *w = xcalloc(1, sizeof(*w));
	struct sockaddr_in sin;
	const union MHD_DaemonInfo *info;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons((uint16_t)env->cfg->http_port);
	if (inet_pton(AF_INET, env->cfg->http_host, &sin.sin_addr) != 1) {
		snprintf(err, errlen, "[http] listen: bad address \"%s\"", env->cfg->http_host);
		free(w);
		return NULL;
	}
	w->loop = loop;
	w->env = env;
	w->max_body = (size_t)env->cfg->http_max_body;
	w->d = MHD_start_daemon(MHD_USE_EPOLL | MHD_USE_ERROR_LOG, (uint16_t)env->cfg->http_port, NULL, NULL,
	    web_access_cb, w,
	    MHD_OPTION_EXTERNAL_LOGGER, web_logger, w,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sin,
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned)WEB_CONNECTION_LIMIT,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)WEB_CONNECTION_TIMEOUT_S,
	    MHD_OPTION_NOTIFY_COMPLETED, web_completed_cb, w,
	    MHD_OPTION_UNESCAPE_CALLBACK, web_unescape, w,
	    MHD_OPTION_END);
	if (w->d == NULL) {
		snprintf(err, errlen, "[http] listen: cannot listen on %s:%d (is the port in use?)",
		    env->cfg->http_host, env->cfg->http_port);
		free(w);
		return NULL;
	}
	info = MHD_get_daemon_info(w->d, MHD_DAEMON_INFO_EPOLL_FD);
	if (info == NULL || info->epoll_fd < 0) {
		snprintf(err, errlen, "[http] libmicrohttpd gave no epoll descriptor");
		MHD_stop_daemon(w->d);
		free(w);
		return NULL;
	}
	ev_io_init(&w->io, web_io_cb, info->epoll_fd, EV_READ);
	w->io.data = w;
	ev_io_start(loop, &w->io);
	ev_timer_init(&w->timer, web_timer_cb, 0., 0.);
	w->timer.data = w;
	web_arm(w);
	log_info("http", "listening on http://%s:%d", env->cfg->http_host, env->cfg->http_port);
	return w;
}

void web_on_write(struct web *w, void (*fn)(void *arg), void *arg)
{
	w->on_write = fn;
	w->on_write_arg = arg;
}

void web_stop(struct web *w)
{
	if (w == NULL)
		return;
	ev_io_stop(w->loop, &w->io);
	ev_timer_stop(w->loop, &w->timer);
	MHD_stop_daemon(w->d);
	free(w);
}
