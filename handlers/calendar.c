/*
 * calendar.c — /calendar: the personal addresses of the calendar feeds
 * (http/calendar.c serves them): one secret opens the person's own feed
 * and the academy's whole schedule. "/calendar" makes a secret and shows
 * both links the first time; only the secret's SHA-256 is kept, so later
 * it says the links were shown once and how to get new ones; "/calendar
 * new" (or "reset") replaces it and shows the new links (the old ones stop
 * working); "/calendar off" revokes it.
 *
 * Everyone linked has one: a student or trainer by their record, an owner
 * by Telegram id (as API tokens, storage/apitokens.h). The link is under
 * [http] public_url; without it the reply gives the path and says the
 * owner must set it. Secrets are never logged or audited.
 */
#include <stdlib.h>
#include <string.h>

#include "handlers/command.h"
#include "handlers/reply.h"
#include "handlers/texts.h"
#include "storage/apitokens.h"
#include "storage/calendar.h"

/* The subject whose feed ctx's sender has. */
static void h_cal_subject(struct h_ctx *ctx, int *kind, int64_t *id)
{
	if (ctx->role == ROLE_OWNER) {
		*kind = API_SUBJECT_OWNER;
		*id = ctx->m->from_id;
	} else {
		*kind = ctx->who.kind;
		*id = ctx->who.id;
	}
}

/* Reply with the two links of secret, personal and the academy's (their
 * paths when no public_url is set). */
static int h_cal_show(struct h_ctx *ctx, const char *secret)
{
	const char *base = ctx->env->cfg->http_public_url;
	char *mine = xasprintf("%s/calendar/%s.ics", base ? base : "", secret);
	char *all = xasprintf("%s/calendar/%s/academy.ics", base ? base : "", secret);
	const char *em = h_esc(ctx, mine), *ea = h_esc(ctx, all);
	const char *what = ctx->role == ROLE_OWNER ? H_T(ctx->lang, T_CALENDAR_MINE_OWNER) :
	    ctx->who.kind == PERSON_TRAINER ? H_T(ctx->lang, T_CALENDAR_MINE_TRAINER) :
	    H_T(ctx->lang, T_CALENDAR_MINE_STUDENT);
	struct buf b = { 0 };

	if (base != NULL && *base != '\0')
		H_TF(&b, ctx->lang, T_CALENDAR_URL, what, em, ea);
	else
		H_TF(&b, ctx->lang, T_CALENDAR_NO_URL, what, em, ea);
	free(mine);
	free(all);
	return h_reply_buf(ctx, &b);
}

static int h_cmd_calendar(struct h_ctx *ctx, const char *args)
{
	char **w = NULL;
	size_t n = h_args_words(ctx, args, &w);
	char *secret = NULL;
	int kind, off, renew, rc;
	int64_t id;

	off = n == 1 && H_KW(w, n, 0, T_KW_CAL_OFF) == 1;
	renew = n == 1 && H_KW(w, n, 0, T_KW_CAL_NEW) == 1;
	if (n > 0 && !off && !renew)
		return h_reply_usage(ctx, H_T(ctx->lang, T_EXAMPLE_CALENDAR));
	h_cal_subject(ctx, &kind, &id);
	if (off) {
		rc = db_calendar_secret_revoke(ctx->env->db, kind, id, ctx->env->now);
		if (rc == DB_ERROR)
			return -1;
		if (rc == DB_NOTFOUND)
			return h_reply(ctx, H_T(ctx->lang, T_CALENDAR_NONE));
		if (h_audit(ctx, "calendar.revoke", "calendar", id, NULL) != 0)
			return -1;
		return h_reply(ctx, H_T(ctx->lang, T_CALENDAR_OFF));
	}
	/* Only the secret's hash is kept: links made before cannot be shown
	 * again, only replaced. */
	rc = renew ? DB_NOTFOUND : db_calendar_secret_held(ctx->env->db, kind, id);
	if (rc == DB_ERROR)
		return -1;
	if (rc == DB_OK)
		return h_reply(ctx, H_T(ctx->lang, T_CALENDAR_HELD));
	rc = db_calendar_secret_new(ctx->env->db, kind, id, ctx->env->now, &secret);
	if (rc == DB_OK && h_audit(ctx, "calendar.issue", "calendar", id, NULL) != 0)
		rc = DB_ERROR;
	if (rc != DB_OK) {
		free(secret);
		return -1;
	}
	rc = h_cal_show(ctx, secret);
	secret_free(secret);
	return rc;
}

H_COMMAND(calendar, CALENDAR, .min_role = ROLE_STUDENT, .args = { .max = 1 });
