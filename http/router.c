/*
 * router.c — the table of HTTP routes and the JSON errors for everything
 * that matches none of them (see web.h). Paths are matched exactly.
 */
#include <string.h>

#include <cjson/cJSON.h>

#include "http/web.h"

static const struct web_route web_routes[] = {
	{ "GET", "/healthz", web_healthz },
	{ "GET", "/metrics", web_metrics },
};

void web_reply_free(struct web_reply *rp)
{
	if (rp != NULL)
		buf_free(&rp->body);
}

void web_reply_error(struct web_reply *rp, int status, const char *message)
{
	cJSON *o = cJSON_CreateObject();
	char *s;

	cJSON_AddStringToObject(o, "error", message);
	s = cJSON_PrintUnformatted(o);
	buf_truncate(&rp->body, 0);
	buf_adds(&rp->body, s);
	buf_addc(&rp->body, '\n');
	cJSON_free(s);
	cJSON_Delete(o);
	rp->status = status;
	rp->content_type = "application/json";
}

const struct web_route *web_route_find(const char *method, const char *path, int *status)
{
	int path_known = 0;

	for (size_t i = 0; i < BJJ_ARRAY_LEN(web_routes); i++) {
		if (strcmp(web_routes[i].path, path) != 0)
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

void web_handle(const struct web_env *env, const struct web_request *rq, struct web_reply *rp)
{
	int status = 404;
	const struct web_route *r = web_route_find(rq->method, rq->path, &status);

	if (r == NULL) {
		web_reply_error(rp, status, status == 405 ? "method not allowed" : "not found");
		return;
	}
	r->fn(env, rq, rp);
}
