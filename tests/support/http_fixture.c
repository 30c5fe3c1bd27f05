/* http_fixture.c — see http_fixture.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <cjson/cJSON.h>

#include "files.h"
#include "http_fixture.h"

int th_setup(void **state)
{
	struct th *t = xcalloc(1, sizeof(*t));

	tf_tz("UTC");
	clock_set_fake(TH_NOW);
	metrics_reset();
	snprintf(t->dir, sizeof(t->dir), "/tmp/bjj-test-http-%d", (int)getpid());
	tf_rm_rf(t->dir);
	assert_int_equal(mkdir(t->dir, 0700), 0);
	cfg_defaults(&t->cfg);
	free(t->cfg.database);
	t->cfg.database = xasprintf("%s/bot.db", t->dir);
	t->cfg.backup_dir = xasprintf("%s/backups", t->dir);
	t->cfg.min_free_mb = 0;
	t->cfg.owner_ids[0] = TH_OWNER;
	t->cfg.n_owners = 1;
	t->db = tf_db_migrated(t->cfg.database);
	app_env_init(&t->henv, &t->cfg, t->db);
	t->env = (struct web_env){ .h = &t->henv, .cfg = &t->cfg, .started = clock_mono() };
	*state = t;
	return 0;
}

int th_teardown(void **state)
{
	struct th *t = *state;

	db_close(t->db);
	cfg_release(&t->cfg);
	tf_rm_rf(t->dir);
	clock_set_fake(0);
	free(t);
	return 0;
}

/* A query string "a=1&b=x" as the server's argument lookup does it
 * (no %-decoding: the tests use plain values). */
const char *hx_arg(void *arg_ctx, const char *key)
{
	/* distinct buffers: a caller holds several values at once */
	static char values[8][256];
	static size_t next;
	char *value = values[next++ % BJJ_ARRAY_LEN(values)];
	const char *q = arg_ctx;
	size_t klen = strlen(key);

	while (q != NULL && *q) {
		size_t len = strcspn(q, "&");

		if (strncmp(q, key, klen) == 0 && q[klen] == '=') {
			snprintf(value, sizeof(values[0]), "%.*s", (int)(len - klen - 1), q + klen + 1);
			return value;
		}
		q += len + (q[len] == '&');
	}
	return NULL;
}

/* With BJJ_API_ANSWERS set to a file name, every answer is appended to
 * it as one JSON line {method, path, request, status, content_type,
 * body} for tests/openapi_answers.py to hold against http/openapi.yaml
 * (but a 5xx). */
void hx_record(const char *method, const char *path, const char *request,
    const struct web_reply *rp)
{
	const char *name = getenv("BJJ_API_ANSWERS");
	cJSON *line;
	char *text;
	FILE *f;

	/* a 5xx is a server's fault a test provokes, no answer the file
	 * describes */
	if (name == NULL || *name == '\0' || rp->status >= 500)
		return;
	line = cJSON_CreateObject();
	cJSON_AddStringToObject(line, "method", method);
	cJSON_AddStringToObject(line, "path", path);
	if (request == NULL)
		request = "";
	/* a request sent not UTF-8 on purpose would make the file unreadable;
	 * taken (2xx), the placeholder fails the check as "not JSON" */
	if (utf8_invalid_at(request, strlen(request)) != strlen(request))
		request = "(not UTF-8)";
	cJSON_AddStringToObject(line, "request", request);
	cJSON_AddNumberToObject(line, "status", rp->status);
	cJSON_AddStringToObject(line, "content_type", rp->content_type != NULL ? rp->content_type : "");
	cJSON_AddStringToObject(line, "body", buf_str(&rp->body));
	text = cJSON_PrintUnformatted(line);
	f = fopen(name, "a");
	assert_non_null(f);
	fprintf(f, "%s\n", text);
	assert_int_equal(fclose(f), 0);
	free(text);
	cJSON_Delete(line);
}

void hx_request_init(struct web_request *rq, const char *method, const char *path,
    const char *body)
{
	memset(rq, 0, sizeof(*rq));
	rq->method = method;
	rq->path = path;
	rq->body = body;
	rq->body_len = strlen(body);
}

/* Run one request ("/path?query") with an Authorization and a Cookie
 * header (either may be NULL) and a body (may be ""); rp is zeroed first
 * and its body is owned by the caller (web_reply_release). */
void hx_run(const struct web_env *env, const char *method, const char *url,
    const char *auth, const char *cookie, const char *body, struct web_reply *rp)
{
	char *path = xstrdup(url), *q = strchr(path, '?');
	struct web_request rq;

	if (q != NULL)
		*q++ = '\0';
	hx_request_init(&rq, method, path, body);
	rq.authorization = auth;
	rq.cookie = cookie;
	rq.connections = 3;
	rq.arg = hx_arg;
	rq.arg_ctx = q;
	memset(rp, 0, sizeof(*rp));
	web_handle(env, &rq, rp);
	hx_record(method, path, body, rp);
	free(path);
}

void hx_request(const struct web_env *env, const char *method, const char *url,
    const char *auth, const char *body, struct web_reply *rp)
{
	hx_run(env, method, url, auth, NULL, body, rp);
}

/* One request answered with JSON: the status, and the parsed body into
 * *json (owned; json may be NULL to skip it). */
int hx_json(const struct web_env *env, const char *method, const char *url,
    const char *auth, const char *body, cJSON **json)
{
	struct web_reply rp;
	int status;

	hx_request(env, method, url, auth, body != NULL ? body : "", &rp);
	assert_string_equal(rp.content_type, "application/json");
	if (json != NULL) {
		*json = cJSON_Parse(buf_str(&rp.body));
		assert_non_null(*json);
	}
	status = rp.status;
	web_reply_release(&rp);
	return status;
}

void th_request(struct th *t, const char *method, const char *url, const char *auth,
    const char *cookie, struct web_reply *rp)
{
	hx_run(&t->env, method, url, auth, cookie, "", rp);
}

void th_req(struct th *t, const char *method, const char *url, const char *auth,
    struct web_reply *rp)
{
	th_request(t, method, url, auth, NULL, rp);
}
