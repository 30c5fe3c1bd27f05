/*
 * apirun.c — the HTTP API's writes through the Telegram commands (see
 * h_api_run in handlers.h): one code path for a rule, whichever way the
 * request came in.
 */
#include <stdlib.h>
#include <string.h>

#include "lib/log.h"
#include "lib/util.h"
#include "handlers/command.h"
#include "storage/apitokens.h"
#include "storage/store.h"

/* No Telegram chat has this id: the caller's replies when they have no
 * linked account still go nowhere but into the run's reply. */
#define H_API_NO_CHAT INT64_MIN

int h_api_run(struct h_env *env, const struct h_api_caller *caller, const char *text,
    struct h_api_run *run)
{
	struct h_msg m;
	struct h_ctx ctx;
	struct arena arena = { 0 };
	int rc = -1, dbrc;

	memset(&m, 0, sizeof m);
	memset(&ctx, 0, sizeof ctx);
	run->id = 0;
	run->done = 0;
	if (caller->kind == API_SUBJECT_OWNER) {
		m.from_id = caller->subject_id;
		dbrc = db_person_by_tg(env->db, m.from_id, &ctx.who);
	} else {
		dbrc = db_person_get(env->db, caller->kind, caller->subject_id, &ctx.who);
		m.from_id = dbrc == DB_OK ? ctx.who.tg_id : 0;
	}
	if (dbrc == DB_ERROR)
		goto out;
	if (dbrc != DB_OK)
		person_release(&ctx.who);
	m.kind = H_MSG_TEXT;
	m.chat_id = m.from_id != 0 ? m.from_id : H_API_NO_CHAT;
	m.is_private = 1;
	m.text = text;
	run->chat_id = m.chat_id;
	ctx.env = env;
	ctx.m = &m;
	ctx.role = caller->role;
	ctx.lang = m.from_id != 0 ? h_lang_of(env, m.from_id) : env->default_lang;
	ctx.arena = &arena;
	ctx.academy = h_esc(&ctx, env->cfg->academy_name);
	env->api = run;
	rc = text[0] == '/' ? h_route_as_text(&ctx, text) : h_route_as_callback(&ctx, text);
	env->api = NULL;
	if (rc != 0)
		log_error("handlers", "an API request (token #%lld) failed", (long long)caller->token_id);
out:
	person_release(&ctx.who);
	arena_release(&arena);
	return rc;
}
