/*
 * web.h — the academy's HTTP face, inside the daemon's one loop: the types
 * a request and its answer travel in, and the router that turns one into
 * the other. The server (server.c) only moves bytes; everything an
 * endpoint does is a function of (env, request) -> reply, so the tests
 * call it without sockets.
 *
 * Callers: bot/app.c starts the server when [http] listen is set.
 */
#ifndef BJJ_WEB_H
#define BJJ_WEB_H

#include <stddef.h>

#include "bot/util.h"

struct config;
struct h_env;
struct h_api_caller;
struct web_ratelimit;

/* What every endpoint may use; borrowed for the server's life. The
 * handlers' environment is the bot's own: the API goes through the same
 * storage and handler functions as the Telegram commands. */
struct web_env {
	struct h_env *h;
	const struct config *cfg;
	double started;            /* clock_mono() when the bot started */
	struct web_ratelimit *ratelimit; /* [http] rate_limit (ratelimit.h); NULL: none */
};

/* One request, borrowed until web_handle returns. */
struct web_request {
	const char *method;        /* "GET", "POST", ... */
	const char *path;          /* without the query string */
	const char *authorization; /* the Authorization header, or NULL */
	const char *client;        /* the client's address (a proxy's X-Real-IP), or NULL */
	const char *body;          /* NUL-terminated, may be "" */
	size_t body_len;
	int connections;           /* open HTTP connections, for /metrics */
	/* A query-string parameter by name (decoded), or NULL; arg may be
	 * NULL when there are none. */
	const char *(*arg)(void *arg_ctx, const char *key);
	void *arg_ctx;
	/* Set by web_handle: who is asking (routes that need a token) and
	 * the number a "/{id}" route matched. */
	const struct h_api_caller *caller;
	int64_t id;
};

struct web_reply {
	int status;
	const char *content_type;  /* a literal */
	struct buf body;           /* owned; web_reply_free releases it */
	int challenge;             /* 401: add "WWW-Authenticate: Bearer" */
	char allow[32];            /* 405: the methods the path takes ("GET, HEAD") */
	int retry_after;           /* 429: seconds for "Retry-After"; 0: none */
};

void web_reply_free(struct web_reply *rp);
/* rp becomes root, printed, with status; root is deleted. */
struct cJSON;
void web_reply_json(struct web_reply *rp, int status, struct cJSON *root);
/* rp becomes {"error": message} with status. */
void web_reply_error(struct web_reply *rp, int status, const char *message);

/* Route rq and fill rp (zero it first). Unknown path: 404; a known path
 * with another method: 405; both as JSON errors. */
void web_handle(const struct web_env *env, const struct web_request *rq, struct web_reply *rp);

/* ---- the routing table, for tests ------------------------------------ */

typedef void (*web_endpoint_fn)(const struct web_env *env, const struct web_request *rq,
    struct web_reply *rp);

struct web_route {
	const char *method;
	const char *path;          /* exact, or ending in "/{id}": a number > 0, or
	                            * with one "{key}": 1 to 63 of [A-Za-z0-9_-] */
	web_endpoint_fn fn;
	int auth;                  /* 1: a valid API token (Bearer) is required */
};

/*
 * The route for (method, path), or NULL with *status 404 (no such path)
 * or 405 (the path exists for other methods). *id gets the number of a
 * "/{id}" route (0 otherwise).
 */
const struct web_route *web_route_find(const char *method, const char *path, int *status,
    int64_t *id);

/* Every route, in table order (*n of them), for the test that keeps
 * http/openapi.yaml equal to the table. */
const struct web_route *web_route_table(size_t *n);

/* ---- endpoints (health.c) --------------------------------------------- */

/* GET /healthz: database, Telegram, disk, backups; 200 or 503, JSON. */
void web_healthz(const struct web_env *env, const struct web_request *rq, struct web_reply *rp);
/* GET /metrics: Prometheus text format. */
void web_metrics(const struct web_env *env, const struct web_request *rq, struct web_reply *rp);

/* ---- the API (api.c) ---------------------------------------------------- */

/* GET /api/v1/me: who the token is for, its role and expiry. */
void web_api_me(const struct web_env *env, const struct web_request *rq, struct web_reply *rp);
/* GET /api/v1/students?q=&page=&per_page=&all=: a page of students
 * (trainers and owners; a student gets only themselves). */
void web_api_students(const struct web_env *env, const struct web_request *rq, struct web_reply *rp);
/* GET /api/v1/students/{id}: one student (a student: only themselves). */
void web_api_student(const struct web_env *env, const struct web_request *rq, struct web_reply *rp);

/* GET /api/v1/openapi.yaml: http/openapi.yaml, no token (openapi.c). */
void web_openapi(const struct web_env *env, const struct web_request *rq, struct web_reply *rp);

/* ---- the calendar feed (calendar.c) ---------------------------------- */

/* GET /calendar/<secret>.ics: the person's own feed as iCalendar (a
 * student's classes and exams, a trainer's classes, everything for an
 * owner); an unknown or revoked secret gets a 404 like any unknown path. */
void web_calendar(const struct web_env *env, const struct web_request *rq, struct web_reply *rp);
/* GET /calendar/<secret>/academy.ics: the academy's whole schedule. */
void web_calendar_academy(const struct web_env *env, const struct web_request *rq,
    struct web_reply *rp);

/* ---- the server (server.c) -------------------------------------------- */

struct ev_loop;
struct web;

/*
 * Listen on cfg->http_host:http_port and serve from loop: libmicrohttpd
 * without a thread of its own, its epoll descriptor watched by an ev_io
 * and its timeouts by an ev_timer. NULL with the reason in err when the
 * address cannot be bound. env is borrowed for the server's life.
 */
struct web *web_start(struct ev_loop *loop, const struct web_env *env, char *err, size_t errlen);
/* Close every connection and the socket. NULL ok. */
void web_stop(struct web *w);

#endif
