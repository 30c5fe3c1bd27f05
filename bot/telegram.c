/*
 * telegram.c — Bot API calls over bot/http.c. See telegram.h.
 * Invariant: the URL (which contains the token) is built here, handed to
 * libcurl and never written anywhere else.
 */
#include "bot/telegram.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/log.h"
#include "lib/metrics.h"
#include "lib/util.h"

struct tg_client {
	struct http_client *http;
	char *base;                /* "<api_url>/bot<token>/" — secret */
};

struct tg_call {
	struct tg_client *tg;
	struct http_req *req;
	char method[48];
	int unread;                /* the callback does not read r->result */
	tg_done_cb cb;
	void *arg;
};

void tg_json_init(void)
{
	cJSON_Hooks hooks = { .malloc_fn = xmalloc, .free_fn = free };

	cJSON_InitHooks(&hooks);
}

long long tg_json_i64(const cJSON *obj, const char *key, long long def)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	double d;

	if (!cJSON_IsNumber(v))
		return def;
	/* valuedouble holds 53 bits exactly: enough for every Telegram id,
	 * unlike valueint, which saturates at INT_MAX. Beyond that a double
	 * is no exact integer, and beyond 2^63 converting it is undefined;
	 * NaN fails both comparisons. */
	d = v->valuedouble;
	if (!(d >= -TG_JSON_MAX_INT && d <= TG_JSON_MAX_INT) || d != floor(d))
		return def;
	return (long long)d;
}

/* What a 400's description says, by the phrases the Bot API uses. */
static enum tg_bad_request tg_bad_request_of(const char *description)
{
	if (strstr(description, "not modified") != NULL)
		return TG_BAD_NOT_MODIFIED;
	if (strstr(description, "can't parse entities") != NULL)
		return TG_BAD_ENTITIES;
	if (strstr(description, "chat not found") != NULL)
		return TG_BAD_CHAT_NOT_FOUND;
	return TG_BAD_OTHER;
}

void tg_classify(const struct http_resp *resp, struct tg_result *r, cJSON **root)
{
	cJSON *json = NULL;
	const cJSON *ok, *desc, *params;
	long long retry_after;

	memset(r, 0, sizeof(*r));
	*root = NULL;
	if (!resp->transport_ok) {
		r->status = TG_RETRY;
		r->description = resp->error ? resp->error : "network error";
		return;
	}
	json = cJSON_ParseWithLength(resp->body, resp->len);
	ok = cJSON_GetObjectItemCaseSensitive(json, "ok");
	if (json == NULL || !cJSON_IsObject(json) || !cJSON_IsBool(ok)) {
		cJSON_Delete(json);
		r->status = TG_RETRY;
		r->error_code = (int)resp->status;
		r->description = "response is not Bot API JSON";
		return;
	}
	*root = json;
	desc = cJSON_GetObjectItemCaseSensitive(json, "description");
	r->description = cJSON_IsString(desc) ? desc->valuestring : "";
	if (cJSON_IsTrue(ok)) {
		r->status = TG_OK;
		r->result = cJSON_GetObjectItemCaseSensitive(json, "result");
		return;
	}
	r->error_code = (int)tg_json_i64(json, "error_code", resp->status);
	if (r->error_code < 100 || r->error_code > 999)
		r->error_code = (int)resp->status;
	params = cJSON_GetObjectItemCaseSensitive(json, "parameters");
	switch (r->error_code) {
	case 401:
		r->status = TG_UNAUTHORIZED;
		break;
	case 403:
		r->status = TG_FORBIDDEN;
		break;
	case 409:
		r->status = TG_CONFLICT;
		break;
	case 429:
		r->status = TG_FLOOD;
		retry_after = tg_json_i64(params, "retry_after", 1);
		r->retry_after = retry_after < 1 ? 1 : retry_after > TG_RETRY_AFTER_MAX ?
		    TG_RETRY_AFTER_MAX : (int)retry_after;
		break;
	default:
		r->status = r->error_code >= 500 || r->error_code < 400 ? TG_RETRY : TG_BAD_REQUEST;
		break;
	}
	if (r->status == TG_BAD_REQUEST)
		r->bad = tg_bad_request_of(r->description);
}

/*
 * 1 when body is one whole JSON object and balanced: its braces and
 * brackets close in order, outside strings, and the last one closes it,
 * with only white space after. Strings are followed through their escapes.
 */
static int tg_json_balanced(const char *p, const char *end)
{
	char open[32];
	size_t depth = 0;

	while (p < end) {
		char c = *p++;

		if (c == '"') {
			while (p < end && *p != '"')
				p += *p == '\\' ? 2 : 1;
			if (p >= end)
				return 0;
			p++;
		} else if (c == '{' || c == '[') {
			if (depth == sizeof(open))
				return 0;
			open[depth++] = c;
		} else if (c == '}' || c == ']') {
			if (depth == 0 || open[--depth] != (c == '}' ? '{' : '['))
				return 0;
			if (depth == 0)
				break;
		}
	}
	while (p < end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'))
		p++;
	return depth == 0 && p == end;
}

int tg_classify_unread(const struct http_resp *resp, struct tg_result *r, cJSON **root)
{
	/* Telegram writes "ok" first: {"ok":true,"result":{...}}. */
	static const char ok[] = "{\"ok\":true";
	const char *b = resp->body, *end = b != NULL ? b + resp->len : NULL;

	if (resp->transport_ok && resp->status == 200 && b != NULL &&
	    resp->len >= sizeof(ok) && memcmp(b, ok, sizeof(ok) - 1) == 0 &&
	    (b[sizeof(ok) - 1] == ',' || b[sizeof(ok) - 1] == '}') && tg_json_balanced(b, end)) {
		memset(r, 0, sizeof(*r));
		*root = NULL;
		r->status = TG_OK;
		r->description = "";
		return 1;
	}
	tg_classify(resp, r, root);
	return 0;
}

struct tg_client *tg_client_new(struct http_client *http, const char *api_url, const char *token)
{
	struct tg_client *tg = xcalloc(1, sizeof(*tg));
	tg->http = http;
	tg->base = xasprintf("%s/bot%s/", api_url, token);
	return tg;
}

void tg_client_free(struct tg_client *tg)
{
	if (tg == NULL)
		return;
	secret_free(tg->base);
	free(tg);
}

static void tg_done_cb_http(const struct http_resp *resp, void *arg)
{
	struct tg_call *call = arg;
	struct tg_result r;
	cJSON *root;

	if (call->unread)
		tg_classify_unread(resp, &r, &root);
	else
		tg_classify(resp, &r, &root);
	if (r.status != TG_OK)
		log_debug("tg", "%s: %s (%d)", call->method, r.description, r.error_code);
	if (r.status == TG_FLOOD)
		metrics_flood();
	call->cb(&r, call->arg);
	cJSON_Delete(root);
	free(call);
}

static struct tg_call *tg_call_new(struct tg_client *tg, const char *method, tg_done_cb cb, void *arg)
{
	struct tg_call *call = xcalloc(1, sizeof(*call));
	call->tg = tg;
	call->cb = cb;
	call->arg = arg;
	snprintf(call->method, sizeof(call->method), "%s", method);
	return call;
}

/* POST method: a JSON body, or the form fields when fields is set; NULL
 * when the request could not start. unread: a successful answer is not
 * parsed (tg_send_json). The URL holds the token: wiped. */
static struct tg_call *tg_call_post(struct tg_client *tg, const char *method, const char *body,
    const struct http_field *fields, size_t n, long timeout_s, int unread, tg_done_cb cb,
    void *arg)
{
	struct tg_call *call = tg_call_new(tg, method, cb, arg);
	char *url = xasprintf("%s%s", tg->base, method);

	call->unread = unread;
	call->req = fields != NULL ?
	    http_post_form(tg->http, url, fields, n, timeout_s, tg_done_cb_http, call) :
	    http_post_json(tg->http, url, body, timeout_s, tg_done_cb_http, call);
	secret_free(url);
	if (call->req == NULL) {
		free(call);
		return NULL;
	}
	return call;
}

struct tg_call *tg_call_json(struct tg_client *tg, const char *method, const char *body,
    long timeout_s, tg_done_cb cb, void *arg)
{
	return tg_call_post(tg, method, body, NULL, 0, timeout_s, 0, cb, arg);
}

struct tg_call *tg_send_json(struct tg_client *tg, const char *method, const char *body,
    long timeout_s, tg_done_cb cb, void *arg)
{
	return tg_call_post(tg, method, body, NULL, 0, timeout_s, 1, cb, arg);
}

struct tg_call *tg_call(struct tg_client *tg, const char *method, cJSON *params,
    long timeout_s, tg_done_cb cb, void *arg)
{
	char *body = params ? cJSON_PrintUnformatted(params) : NULL;
	struct tg_call *call = tg_call_json(tg, method, body ? body : "{}", timeout_s, cb, arg);

	cJSON_free(body);
	cJSON_Delete(params);
	return call;
}

struct tg_call *tg_call_form(struct tg_client *tg, const char *method,
    const struct http_field *fields, size_t n, long timeout_s, tg_done_cb cb, void *arg)
{
	return tg_call_post(tg, method, NULL, fields, n, timeout_s, 0, cb, arg);
}

void tg_call_cancel(struct tg_call *call)
{
	if (call == NULL)
		return;
	http_cancel(call->req);
	free(call);
}
