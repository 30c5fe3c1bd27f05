/*
 * web.c — /web: an owner's one-time link to the web dashboard
 * (http/web_dashboard.c serves it). The link holds a fresh login code,
 * valid DB_WEB_LOGIN_TTL seconds and usable once; the dashboard then
 * speaks the language this reply is in. Without [http] public_url the
 * reply gives the path and says how to set the address. Codes are never
 * logged or audited; the reply's outbox row (the only plain copy) is
 * deleted once Telegram accepts it or the send fails for good (README,
 * "Security notes").
 */
#include <stdlib.h>
#include <string.h>

#include "handlers/command.h"
#include "handlers/reply.h"
#include "handlers/texts.h"
#include "storage/websessions.h"

static int h_cmd_web(struct h_ctx *ctx, const char *args)
{
	const char *base = ctx->env->cfg->http_public_url;
	char code[DB_WEB_CODE_LEN + 1];
	char *url, *esc;
	struct buf b = { 0 };

	(void)args;
	if (db_web_login_new(ctx->env->db, ctx->m->from_id, h_lang_info(ctx->lang)->code, ctx->env->now,
	    code) != DB_OK)
		return -1;
	url = xasprintf("%s/web/login/%s", base ? base : "", code);
	esc = html_escape(url);
	if (base != NULL && *base != '\0')
		H_TF(&b, ctx->lang, T_WEB_LINK, esc, DB_WEB_LOGIN_TTL / 60);
	else
		H_TF(&b, ctx->lang, T_WEB_NO_URL, esc, DB_WEB_LOGIN_TTL / 60);
	explicit_bzero(code, sizeof(code));
	secret_free(esc);
	secret_free(url);
	return h_reply_buf(ctx, &b);
}

H_COMMAND_USAGE(web, WEB, H_USAGE_NONE, .min_role = ROLE_OWNER);
