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

#include "lib/util.h"

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
	const char *client;        /* the client's address, canonical (web_client_address), or NULL */
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
	const char *cookie;        /* the Cookie header, or NULL */
	const char *origin;        /* the Origin header, or NULL */
	const char *fetch_site;    /* the Sec-Fetch-Site header, or NULL */
};

struct web_reply {
	int status;
	const char *content_type;  /* a literal */
	struct buf body;           /* owned; web_reply_release releases it */
	int challenge;             /* 401: add "WWW-Authenticate: Bearer" */
	char allow[32];            /* 405: the methods the path takes ("GET, HEAD") */
	char set_cookie[160];      /* a Set-Cookie header's value, or "" */
	char location[64];         /* a redirect's Location, or "" */
	int retry_after;           /* 429: seconds for "Retry-After"; 0: none */
};

/* Header name/value pairs every answer carries (no framing, no sniffing,
 * no referrer, scripts and styles from the bot itself only), NULL-ended. */
extern const char *const web_security_headers[];

void web_reply_release(struct web_reply *rp);
/* rp becomes root, printed, with status; root is deleted. */
struct cJSON;
void web_reply_json(struct web_reply *rp, int status, struct cJSON *root);
/* rp becomes {"error": message} with status. */
void web_reply_error(struct web_reply *rp, int status, const char *message);

/* Route rq and fill rp (zero it first). Unknown path: 404; a known path
 * with another method: 405; both as JSON errors. */
void web_handle(const struct web_env *env, const struct web_request *rq, struct web_reply *rp);

/* ---- the routing table, for tests ------------------------------------ */

/* What every endpoint below is: rq answered into rp (zeroed by the
 * router). The endpoints are declared with it, one name a line. */
typedef void web_endpoint(const struct web_env *env, const struct web_request *rq,
    struct web_reply *rp);
typedef web_endpoint *web_endpoint_fn;

struct web_route {
	const char *method;
	const char *path;          /* exact, or with one "{id}" segment (at the end
	                            * or in the middle): a number > 0, or with one
	                            * "{key}": 1 to 63 of [A-Za-z0-9_-] */
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
web_endpoint web_healthz;
/* GET /metrics: Prometheus text format. */
web_endpoint web_metrics;

/* ---- the API (api.c) ---------------------------------------------------- */

/* GET /api/v1/me: who the token is for, its role and expiry. */
web_endpoint web_api_me;
/* GET /api/v1/students?q=&page=&per_page=&all=: a page of students
 * (trainers and owners; a student gets only themselves). */
web_endpoint web_api_students;
/* GET /api/v1/students/{id}: one student (a student: only themselves). */
web_endpoint web_api_student;

/* A student as the API shows one; the phone only when with_phone. */
struct person;
struct cJSON *web_student_json(const struct person *p, int with_phone);

/* ---- the API's writes (api_write.c) ------------------------------------ */
/*
 * Each runs the Telegram command that does the same (h_api_run), in one
 * transaction: 201/200 with the resource read back, 400 for a body that
 * is not a JSON object or a field of the wrong type or range, 403 for a
 * role the command refuses, 404 for an unknown id in the path, 422 with
 * the command's answer as plain text when it refused (nothing changed).
 */
/* POST /api/v1/students (/addstudent; email, birth_date: /editstudent, /setbirth) */
web_endpoint web_api_student_create;
/* PATCH /api/v1/students/{id} (/editstudent, /setphone, /setbirth) */
web_endpoint web_api_student_update;
/* POST /api/v1/students/{id}/deactivate (/deactivate) */
web_endpoint web_api_student_deactivate;
/* POST /api/v1/trainings (/addtraining) */
web_endpoint web_api_training_create;
/* POST /api/v1/trainings/{id}/cancel (/cancel) */
web_endpoint web_api_training_cancel;
/* POST /api/v1/attendances (the roster's buttons) */
web_endpoint web_api_attendance_mark;
/* POST /api/v1/payments (/pay) */
web_endpoint web_api_payment_create;
/* POST /api/v1/payments/{id}/void (/void payment) */
web_endpoint web_api_payment_void;
/* POST /api/v1/subscriptions (/sell) */
web_endpoint web_api_subscription_sell;
/* POST /api/v1/exams (/exam #id belt date) */
web_endpoint web_api_exam_schedule;
/* POST /api/v1/exams/{id}/result (/exam <id> passed|failed) */
web_endpoint web_api_exam_result;
/* ---- the API's reads (api_read.c) ---------------------------------------- */

/* "First Last", or the one of them there is (either may be NULL or "");
 * owned. The API's and the dashboard's names. */
char *web_full_name(const char *first, const char *last);
/* A new object {"id": id, "name": web_full_name(first, last)}. */
struct cJSON *web_ref_json(int64_t id, const char *first, const char *last);
/* Query-parameter helpers (api.c). A parameter by name, or NULL. */
const char *web_arg(const struct web_request *rq, const char *key);
/* key as a number in [lo, hi] (def when absent): 0, or -1 with rp a 400
 * naming it. */
int web_arg_int(const struct web_request *rq, const char *key, int lo, int hi, int def,
    int *out, struct web_reply *rp);
/* key as free text (*out NULL when absent, else borrowed): 0, or -1 with
 * rp a 400 naming it when it is longer than max bytes or not UTF-8. */
int web_arg_text(const struct web_request *rq, const char *key, size_t max, const char **out,
    struct web_reply *rp);
/* absent, 0/1 or false/true: 0, or -1 with rp a 400 naming it. */
int web_arg_bool(const struct web_request *rq, const char *key, int *out, struct web_reply *rp);
/* page (>= 1, default 1) and per_page (1-100, default 20), as every list
 * takes them: 0, or -1 with rp a 400 naming the bad one. */
int web_arg_page(const struct web_request *rq, int *page, int *per_page, struct web_reply *rp);
/* rp becomes a 400 {"error": "bad query parameter \"key\": why"}. */
void web_bad_arg(struct web_reply *rp, const char *key, const char *why);
/* 1 when rc (the lookup of a `what`, "student") is DB_OK; else 0 with rp
 * a 404 "no such <what>" or a 500. */
int web_found(int rc, const char *what, struct web_reply *rp);
/* The API's one date form, "YYYY-MM-DD" exactly: 0 with *y, *m, *d, or -1. */
int web_date_parse(const char *s, int *y, int *m, int *d);
/* 1 when the caller's role may run the Telegram command (its name without
 * "/"); else 0 with rp a 403 naming the role it needs. */
int web_allowed(const struct web_request *rq, const char *command, struct web_reply *rp);
/* 1 when the caller is the student with this record number. */
int web_is_self(const struct h_api_caller *c, int64_t student);

/* Local time t as an ISO 8601 instant with the academy's offset
 * ("2026-12-02T19:00:00+03:00") into out. */
#define WEB_INSTANT_LEN 32
void web_instant(char out[WEB_INSTANT_LEN], int64_t t);
/* Local "YYYY-MM-DD" of t as o's string member name. */
struct cJSON;
void web_add_date(struct cJSON *o, const char *name, int64_t t);
/* A local calendar month: its label "YYYY-MM" and [start, end). */
struct web_month {
	char label[24];
	int64_t start, end;
};
/* Month m of year y (m < 1 counts back into earlier years). */
void web_month_set(struct web_month *mo, int y, int m);
/* One training, payment, subscription or exam as the API shows it (the
 * same JSON for a read and for the answer to a write); a new tree, owned
 * by the caller (web_reply_json takes it). */
struct training;
struct payment;
struct subscription;
struct exam;
struct cJSON *web_training_json(const struct training *t);
struct cJSON *web_payment_json(const struct payment *p, const char *currency);
struct cJSON *web_subscription_json(const struct subscription *s);
struct cJSON *web_exam_json(const struct exam *e);
/* One student's mark at one class (status and source: enum att_status,
 * att_source; starts_at: the class's start). */
struct cJSON *web_attendance_json(int64_t training, int64_t student, int status, int source,
    int64_t starts_at);
/* rp becomes training id as GET /api/v1/trainings/{id} shows it to c
 * (with its marks for trainers and owners), with status; 404 when there
 * is none. */
void web_training_reply(const struct web_env *env, const struct h_api_caller *c, int64_t id,
    int status, struct web_reply *rp);

/* GET /api/v1/trainings?from=&to=: classes by local date, cancelled ones
 * marked (everyone). */
web_endpoint web_api_trainings;
/* GET /api/v1/trainings/{id}: one class; its marks for trainers and owners. */
web_endpoint web_api_training;
/* GET /api/v1/attendances?training= or ?student=&from=&to= (staff; a
 * student: their own). */
web_endpoint web_api_attendances;
/* GET /api/v1/payments?month=&student= (the owner; a student: their own). */
web_endpoint web_api_payments;
/* GET /api/v1/subscriptions?active=&student= (staff; a student: their own). */
web_endpoint web_api_subscriptions;
/* GET /api/v1/reports/revenue?month= and /reports/attendance?month=: the
 * numbers of /revenue and /report (the owner). */
web_endpoint web_api_report_revenue;
web_endpoint web_api_report_attendance;
/* GET /api/v1/exams?status=&student= (staff; a student: their own). */
web_endpoint web_api_exams;
/* GET /api/v1/openapi.yaml: http/openapi.yaml, no token (openapi.c). */
web_endpoint web_openapi;

/* ---- the calendar feed (calendar.c) ---------------------------------- */

/* GET /calendar/<secret>.ics: the person's own feed as iCalendar (a
 * student's classes and exams, a trainer's classes, everything for an
 * owner); an unknown or revoked secret gets a 404 like any unknown path. */
web_endpoint web_calendar;
/* GET /calendar/<secret>/academy.ics: the academy's whole schedule. */
web_endpoint web_calendar_academy;

/* ---- the owner dashboard (web_dashboard.c) ---------------------------- */

/* Files compiled into the binary by http/embed.cmake: the dashboard's
 * (web_static_files) and the API's description (web_openapi_files). */
struct web_static_file {
	const char *name;          /* "app.js" */
	const char *type;          /* its Content-Type */
	const unsigned char *data;
	size_t len;
};
extern const struct web_static_file web_static_files[];
extern const size_t web_static_files_count;
extern const struct web_static_file web_openapi_files[];
extern const size_t web_openapi_files_count;
/* rp becomes a 200 with f's bytes and type. */
void web_reply_file(struct web_reply *rp, const struct web_static_file *f);

/* GET /: the dashboard with a session cookie; else a 401 page saying to
 * send /web to the bot. */
web_endpoint web_dash_index;
/* GET /web/login/<code>: a good code becomes a session cookie and a 303
 * to /; an unknown code a 404 page, a used or expired one 410. */
web_endpoint web_dash_login;
/* POST /web/logout: the session ends, the cookie goes; 303 to /. */
web_endpoint web_dash_logout;
/* GET /static/<name>: the compiled-in style and script; 404 otherwise. */
web_endpoint web_dash_static;
/* GET /web/api/...: the dashboard's JSON, for a session only (401). */
web_endpoint web_dash_api;

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
/* fn(arg) is called after every successful write request (it may have
 * queued messages: the sender should look at the outbox). */
void web_on_write(struct web *w, void (*fn)(void *arg), void *arg);
/* Close every connection and the socket. NULL ok. */
void web_stop(struct web *w);

#endif
