/*
 * api.c — the REST resources under /api/v1 (see web.h). Each runs after
 * the router checked the caller's token (rq->caller) and answers JSON.
 * Reads go through the same storage functions as the Telegram commands.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "lib/civil.h"
#include "handlers/handlers.h"
#include "http/web.h"
#include "storage/admin.h"
#include "storage/apitokens.h"
#include "storage/store.h"

#define WEB_PER_PAGE_DEFAULT 20
#define WEB_PER_PAGE_MAX 100
#define WEB_PAGE_MAX 100000
/* a search longer than any name is a mistake */
#define WEB_QUERY_MAX 100

void web_api_me(const struct web_env *env, const struct web_request *rq, struct web_reply *rp)
{
	const struct h_api_caller *c = rq->caller;
	cJSON *o = cJSON_CreateObject();
	struct person p = { 0 };

	cJSON_AddStringToObject(o, "role", h_role_name(c->role));
	cJSON_AddStringToObject(o, "kind", c->kind == PERSON_STUDENT ? "student" :
	    c->kind == PERSON_TRAINER ? "trainer" : "owner");
	cJSON_AddNumberToObject(o, "id", (double)c->subject_id);
	cJSON_AddNumberToObject(o, "token", (double)c->token_id);
	cJSON_AddNumberToObject(o, "expires_at", (double)c->expires_at);
	if (c->kind != API_SUBJECT_OWNER && db_person_get(env->h->db, c->kind, c->subject_id, &p) == DB_OK) {
		cJSON_AddStringToObject(o, "first_name", p.first_name ? p.first_name : "");
		cJSON_AddStringToObject(o, "last_name", p.last_name ? p.last_name : "");
	}
	person_release(&p);
	web_reply_json(rp, 200, o);
}

char *web_full_name(const char *first, const char *last)
{
	return xasprintf("%s%s%s", first ? first : "", first && *first && last && *last ? " " : "",
	    last ? last : "");
}

const char *web_arg(const struct web_request *rq, const char *key)
{
	return rq->arg != NULL ? rq->arg(rq->arg_ctx, key) : NULL;
}

void web_bad_arg(struct web_reply *rp, const char *key, const char *why)
{
	char msg[160];

	snprintf(msg, sizeof(msg), "bad query parameter \"%s\": %s", key, why);
	web_reply_error(rp, 400, msg);
}

int web_arg_int(const struct web_request *rq, const char *key, int lo, int hi, int def,
    int *out, struct web_reply *rp)
{
	const char *v = web_arg(rq, key);
	int64_t n;
	char why[80];

	*out = def;
	if (v == NULL)
		return 0;
	if (v[0] >= '0' && v[0] <= '9' && parse_i64(v, &n) == 0 && n >= lo && n <= hi) {
		*out = (int)n;
		return 0;
	}
	snprintf(why, sizeof(why), "expected a number from %d to %d", lo, hi);
	web_bad_arg(rp, key, why);
	return -1;
}

int web_arg_text(const struct web_request *rq, const char *key, size_t max, const char **out,
    struct web_reply *rp)
{
	const char *v = web_arg(rq, key);
	size_t len = v != NULL ? strlen(v) : 0;

	*out = NULL;
	if (v == NULL)
		return 0;
	if (len > max) {
		web_bad_arg(rp, key, "too long");
		return -1;
	}
	if (utf8_invalid_at(v, len) != len) {
		web_bad_arg(rp, key, "not UTF-8");
		return -1;
	}
	*out = v;
	return 0;
}

int web_arg_bool(const struct web_request *rq, const char *key, int *out, struct web_reply *rp)
{
	const char *v = web_arg(rq, key);

	*out = 0;
	if (v == NULL || strcmp(v, "0") == 0 || strcmp(v, "false") == 0)
		return 0;
	if (strcmp(v, "1") == 0 || strcmp(v, "true") == 0) {
		*out = 1;
		return 0;
	}
	web_bad_arg(rp, key, "expected true or false");
	return -1;
}

int web_found(int rc, const char *what, struct web_reply *rp)
{
	char msg[64];

	if (rc == DB_OK)
		return 1;
	snprintf(msg, sizeof(msg), "no such %s", what);
	web_reply_error(rp, rc == DB_NOTFOUND ? 404 : 500, rc == DB_NOTFOUND ? msg : "internal error");
	return 0;
}

int web_date_parse(const char *s, int *y, int *m, int *d)
{
	return strlen(s) == 10 && s[4] == '-' && s[7] == '-' && civil_parse_date(s, y, m, d) == 0 ?
	    0 : -1;
}

int web_allowed(const struct web_request *rq, const char *command, struct web_reply *rp)
{
	char msg[128];
	enum role need = h_command_role(command);

	if (rq->caller->role >= need)
		return 1;
	snprintf(msg, sizeof(msg), "this needs the %s role (as /%s in the bot)", h_role_name(need),
	    command);
	web_reply_error(rp, 403, msg);
	return 0;
}

int web_arg_page(const struct web_request *rq, int *page, int *per_page, struct web_reply *rp)
{
	return web_arg_int(rq, "page", 1, WEB_PAGE_MAX, 1, page, rp) != 0 ||
	    web_arg_int(rq, "per_page", 1, WEB_PER_PAGE_MAX, WEB_PER_PAGE_DEFAULT, per_page, rp) != 0 ?
	    -1 : 0;
}

/* A student as JSON; the phone only for the owner or the student. */
cJSON *web_student_json(const struct person *p, int with_phone)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddNumberToObject(o, "id", (double)p->id);
	cJSON_AddStringToObject(o, "first_name", p->first_name ? p->first_name : "");
	cJSON_AddStringToObject(o, "last_name", p->last_name ? p->last_name : "");
	cJSON_AddStringToObject(o, "belt", p->belt ? p->belt : "");
	cJSON_AddNumberToObject(o, "stripes", p->stripes);
	cJSON_AddBoolToObject(o, "active", p->active);
	cJSON_AddBoolToObject(o, "telegram_linked", p->tg_id != 0);
	if (with_phone)
		cJSON_AddStringToObject(o, "phone", p->phone ? p->phone : "");
	return o;
}

int web_is_self(const struct h_api_caller *c, int64_t student)
{
	return c->kind == PERSON_STUDENT && c->subject_id == student;
}

void web_api_students(const struct web_env *env, const struct web_request *rq, struct web_reply *rp)
{
	const struct h_api_caller *c = rq->caller;
	const char *q;
	struct person *v = NULL, me = { 0 };
	size_t n = 0;
	int64_t total = 0;
	int page, per_page, all, rc;
	cJSON *o, *list;

	if (web_arg_page(rq, &page, &per_page, rp) != 0 || web_arg_bool(rq, "all", &all, rp) != 0 ||
	    web_arg_text(rq, "q", WEB_QUERY_MAX, &q, rp) != 0)
		return;
	if (c->role == ROLE_STUDENT) {
		/* A student's list is themselves: the same shape, one row, on
		 * the first page only. */
		rc = db_person_get(env->h->db, PERSON_STUDENT, c->subject_id, &me);
		if (rc == DB_OK) {
			v = &me;
			total = 1;
			n = page == 1;
		}
	} else {
		rc = db_students_page(env->h->db, q, all, (size_t)(page - 1) * (size_t)per_page, (size_t)per_page,
		    &v, &n, &total);
	}
	if (rc == DB_ERROR) {
		web_reply_error(rp, 500, "internal error");
		return;
	}
	o = cJSON_CreateObject();
	list = cJSON_AddArrayToObject(o, "students");
	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(list, web_student_json(&v[i], c->role == ROLE_STUDENT));
	cJSON_AddNumberToObject(o, "total", (double)total);
	cJSON_AddNumberToObject(o, "page", page);
	cJSON_AddNumberToObject(o, "per_page", per_page);
	if (v == &me)
		person_release(&me);
	else
		persons_free(v, n);
	web_reply_json(rp, 200, o);
}

void web_api_student(const struct web_env *env, const struct web_request *rq, struct web_reply *rp)
{
	const struct h_api_caller *c = rq->caller;
	struct person p = { 0 };
	int rc;

	if (c->role == ROLE_STUDENT && !web_is_self(c, rq->id)) {
		web_reply_error(rp, 403, "a student's token reads only that student");
		return;
	}
	rc = db_person_get(env->h->db, PERSON_STUDENT, rq->id, &p);
	if (web_found(rc, "student", rp))
		web_reply_json(rp, 200, web_student_json(&p, c->role == ROLE_OWNER || web_is_self(c, rq->id)));
	person_release(&p);
}
