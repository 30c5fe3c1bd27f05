/*
 * api.c — the REST resources under /api/v1 (see web.h). Each runs after
 * the router checked the caller's token (rq->caller) and answers JSON.
 * Reads go through the same storage functions as the Telegram commands.
 */
#include <stdlib.h>

#include <cjson/cJSON.h>

#include "handlers/handlers.h"
#include "http/web.h"
#include "storage/apitokens.h"
#include "storage/store.h"

/* rp becomes root printed, with status; root is deleted. */
static void web_json(struct web_reply *rp, int status, cJSON *root)
{
	char *s = cJSON_PrintUnformatted(root);

	buf_adds(&rp->body, s);
	buf_addc(&rp->body, '\n');
	cJSON_free(s);
	cJSON_Delete(root);
	rp->status = status;
	rp->content_type = "application/json";
}

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
	person_free(&p);
	web_json(rp, 200, o);
}
