/*
 * router.c — the table of HTTP routes and the JSON errors for everything
 * that matches none of them (see web.h). Paths are matched exactly but for
 * their "{id}" and "{key}" segments.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>

#include "handlers/handlers.h"
#include "http/ratelimit.h"
#include "http/web.h"

static const struct web_route web_routes[] = {
	{ "GET", "/healthz", web_healthz, 0 },
	{ "GET", "/metrics", web_metrics, 0 },
	{ "GET", "/api/v1/me", web_api_me, 1 },
	{ "GET", "/api/v1/students", web_api_students, 1 },
	{ "GET", "/api/v1/students/{id}", web_api_student, 1 },
	{ "GET", "/calendar/{key}.ics", web_calendar, 0 },
	/* the writes (api_write.c) */
	{ "POST", "/api/v1/students", web_api_student_create, 1 },
	{ "PATCH", "/api/v1/students/{id}", web_api_student_update, 1 },
	{ "POST", "/api/v1/students/{id}/deactivate", web_api_student_deactivate, 1 },
	{ "POST", "/api/v1/trainings", web_api_training_create, 1 },
	{ "POST", "/api/v1/trainings/{id}/cancel", web_api_training_cancel, 1 },
	{ "POST", "/api/v1/attendances", web_api_attendance_mark, 1 },
	{ "POST", "/api/v1/payments", web_api_payment_create, 1 },
	{ "POST", "/api/v1/payments/{id}/void", web_api_payment_void, 1 },
	{ "POST", "/api/v1/subscriptions", web_api_subscription_sell, 1 },
	{ "POST", "/api/v1/exams", web_api_exam_schedule, 1 },
	{ "POST", "/api/v1/exams/{id}/result", web_api_exam_result, 1 },
	/* the owner dashboard: a session cookie, not a token */
	{ "GET", "/", web_dash_index, 0 },
	{ "GET", "/web/login/{key}", web_dash_login, 0 },
	{ "POST", "/web/login/{key}", web_dash_login, 0 },
	{ "POST", "/web/logout", web_dash_logout, 0 },
	{ "GET", "/static/{key}.css", web_dash_static, 0 },
	{ "GET", "/static/{key}.js", web_dash_static, 0 },
	{ "GET", "/web/api/me", web_dash_api, 0 },
	{ "GET", "/web/api/today", web_dash_api, 0 },
	{ "GET", "/web/api/students", web_dash_api, 0 },
	{ "GET", "/web/api/charts", web_dash_api, 0 },
	{ "GET", "/web/api/ending", web_dash_api, 0 },
	{ "GET", "/web/api/atrisk", web_dash_api, 0 },
	/* the API's reads (api_read.c) */
	{ "GET", "/api/v1/trainings", web_api_trainings, 1 },
	{ "GET", "/api/v1/trainings/{id}", web_api_training, 1 },
	{ "GET", "/api/v1/attendances", web_api_attendances, 1 },
	{ "GET", "/api/v1/payments", web_api_payments, 1 },
	{ "GET", "/api/v1/subscriptions", web_api_subscriptions, 1 },
	{ "GET", "/api/v1/reports/revenue", web_api_report_revenue, 1 },
	{ "GET", "/api/v1/reports/attendance", web_api_report_attendance, 1 },
	{ "GET", "/api/v1/exams", web_api_exams, 1 },
	/* the calendar feeds and the API description */
	{ "GET", "/calendar/{key}/academy.ics", web_calendar_academy, 0 },
	{ "GET", "/api/v1/openapi.yaml", web_openapi, 0 },
};

/* 1 when path is the pattern's first pl characters, a key (1 to 63 of
 * random_code's characters), then suffix: "/calendar/{key}.ics". */
static int web_key_match(const char *pattern, size_t pl, const char *suffix, const char *path)
{
	size_t i;

	if (strncmp(path, pattern, pl) != 0)
		return 0;
	path += pl;
	i = code_span(path);
	return i > 0 && i < 64 && strcmp(path + i, suffix) == 0;
}

/* 1 when path matches pattern; an "{id}" segment, at the end or in the
 * middle, takes a number > 0 (no sign, no leading zero), a "{key}" a
 * secret's characters. */
static int web_path_match(const char *pattern, const char *path, int64_t *id)
{
	static const char idm[] = "{id}", key[] = "{key}";
	const char *k = strstr(pattern, key), *at = strstr(pattern, idm);
	char digits[20];
	size_t pl, i;

	*id = 0;
	if (k != NULL)
		return web_key_match(pattern, (size_t)(k - pattern), k + sizeof(key) - 1, path);
	if (at == NULL)
		return strcmp(pattern, path) == 0;
	pl = (size_t)(at - pattern);
	if (strncmp(pattern, path, pl) != 0)
		return 0;
	path += pl;
	for (i = 0; path[i] >= '0' && path[i] <= '9'; i++)
		;
	if (i == 0 || i > 18 || path[0] == '0' || strcmp(path + i, at + sizeof(idm) - 1) != 0)
		return 0;
	memcpy(digits, path, i);
	digits[i] = '\0';
	return parse_i64(digits, id) == 0;
}

void web_reply_release(struct web_reply *rp)
{
	if (rp != NULL)
		buf_release(&rp->body);
}

void web_reply_json(struct web_reply *rp, int status, struct cJSON *root)
{
	char *s = cJSON_PrintUnformatted(root);

	buf_truncate(&rp->body, 0);
	buf_adds(&rp->body, s);
	buf_addc(&rp->body, '\n');
	cJSON_free(s);
	cJSON_Delete(root);
	rp->status = status;
	rp->content_type = "application/json";
}

void web_reply_error(struct web_reply *rp, int status, const char *message)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "error", message);
	web_reply_json(rp, status, o);
}

void web_reply_file(struct web_reply *rp, const struct web_static_file *f)
{
	buf_truncate(&rp->body, 0);
	buf_add(&rp->body, (const char *)f->data, f->len);
	rp->status = 200;
	rp->content_type = f->type;
}

const struct web_route *web_route_table(size_t *n)
{
	*n = BJJ_ARRAY_LEN(web_routes);
	return web_routes;
}

const struct web_route *web_route_find(const char *method, const char *path, int *status,
    int64_t *id)
{
	int path_known = 0;

	for (size_t i = 0; i < BJJ_ARRAY_LEN(web_routes); i++) {
		if (!web_path_match(web_routes[i].path, path, id))
			continue;
		path_known = 1;
		/* HEAD is GET without the body; libmicrohttpd drops the body. */
		if (strcmp(web_routes[i].method, method) == 0 ||
		    (strcmp(method, "HEAD") == 0 && strcmp(web_routes[i].method, "GET") == 0))
			return &web_routes[i];
	}
	*status = path_known ? 405 : 404;
	return NULL;
}

/* The methods path takes, for a 405's Allow header. */
static void web_allow(const char *path, struct web_reply *rp)
{
	int64_t id;
	size_t len = 0;

	for (size_t i = 0; i < BJJ_ARRAY_LEN(web_routes); i++) {
		if (!web_path_match(web_routes[i].path, path, &id))
			continue;
		len += (size_t)snprintf(rp->allow + len, sizeof(rp->allow) - len, "%s%s%s", len ? ", " : "",
		    web_routes[i].method, strcmp(web_routes[i].method, "GET") == 0 ? ", HEAD" : "");
		if (len >= sizeof(rp->allow))
			break;
	}
}

/* The token of an "Authorization: Bearer <token>" header, or NULL. */
static const char *web_bearer(const char *header)
{
	if (header == NULL || strncasecmp(header, "Bearer ", 7) != 0)
		return NULL;
	header += 7;
	while (*header == ' ')
		header++;
	return header;
}

/* 1 with *caller when rq carries a good token; else 0 with rp a 401. */
static int web_authorize(const struct web_env *env, const struct web_request *rq,
    struct h_api_caller *caller, struct web_reply *rp)
{
	const char *token = web_bearer(rq->authorization);
	enum h_api_auth a;

	if (token == NULL) {
		web_reply_error(rp, 401, "an API token is required: Authorization: Bearer <token> (/apitoken in the bot)");
		rp->challenge = 1;
		return 0;
	}
	env->h->now = clock_now();
	a = h_api_token_check(env->h, token, caller);
	if (a == H_API_OK)
		return 1;
	if (a == H_API_ERROR) {
		web_reply_error(rp, 500, "internal error");
		return 0;
	}
	web_reply_error(rp, 401, a == H_API_EXPIRED ? "token expired" :
	    a == H_API_REVOKED ? "token revoked" : "invalid token");
	rp->challenge = 1;
	return 0;
}

void web_handle(const struct web_env *env, const struct web_request *rq, struct web_reply *rp)
{
	int status = 404;
	int64_t id = 0;
	const struct web_route *r = web_route_find(rq->method, rq->path, &status, &id);
	struct h_api_caller caller;
	struct web_request authed;

	if (r == NULL) {
		web_reply_error(rp, status, status == 405 ? "method not allowed" : "not found");
		if (status == 405)
			web_allow(rq->path, rp);
		return;
	}
	authed = *rq;
	authed.id = id;
	if (r->auth) {
		if (web_limit_before(env, rq, rp))
			return;
		if (!web_authorize(env, rq, &caller, rp)) {
			web_limit_after(env, rq, NULL, rp);
			return;
		}
		if (web_limit_after(env, rq, &caller, rp))
			return;
		authed.caller = &caller;
	}
	r->fn(env, &authed, rp);
}
