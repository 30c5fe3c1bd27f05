/*
 * reply.c — queuing replies in the outbox (see reply.h). The only file of
 * handlers/ that calls db_outbox_add, so splitting, ordering and the
 * markup-on-the-last-part rule hold for every reply.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/log.h"
#include "lib/util.h"
#include "handlers/command.h"
#include "handlers/reply.h"
#include "storage/store.h"

/* 1 when html, to chat_id, is an answer to an HTTP API caller: kept in
 * the run's reply instead of being sent (buttons dropped); else 0. */
static int h_api_capture(struct h_env *env, int64_t chat_id, const char *html)
{
	if (env->api == NULL || chat_id != env->api->chat_id)
		return 0;
	if (html != NULL && *html != '\0') {
		if (env->api->reply.len > 0)
			buf_addc(&env->api->reply, '\n');
		buf_adds(&env->api->reply, html);
	}
	return 1;
}

int h_send(struct h_env *env, int64_t chat_id, const char *html, const char *markup)
{
	return h_send_at(env, chat_id, html, markup, 0);
}

/* h_send_at; uncapped rows pass the per-chat cap (db_outbox_add). */
static int h_queue(struct h_env *env, int64_t chat_id, const char *html, const char *markup,
    int64_t not_before, int uncapped)
{
	struct outbox_new it;
	char **parts = NULL;
	size_t n, i;
	int rc = -1;

	if (h_api_capture(env, chat_id, html))
		return 0;
	n = text_split(html, H_TEXT_MAX, &parts);
	for (i = 0; i < n; i++) {
		memset(&it, 0, sizeof it);
		it.chat_id = chat_id;
		it.method = OB_SEND_MESSAGE;
		it.text = parts[i];
		it.markup = i + 1 == n ? markup : NULL;
		it.not_before = not_before;
		it.created_at = env->now;
		it.uncapped = uncapped;
		if (db_outbox_add(env->db, &it, NULL) != DB_OK) {
			log_error("handlers", "cannot queue a message to chat %lld",
			    (long long)chat_id);
			goto out;
		}
	}
	rc = 0;
out:
	strv_free(parts, n);
	return rc;
}

int h_send_at(struct h_env *env, int64_t chat_id, const char *html, const char *markup,
    int64_t not_before)
{
	return h_queue(env, chat_id, html, markup, not_before, 0);
}

int h_send_owner(struct h_env *env, int64_t chat_id, const char *html, const char *markup,
    int64_t not_before)
{
	return h_queue(env, chat_id, html, markup, not_before, 1);
}

int h_notify_owners(struct h_env *env, const char *html)
{
	return h_notify_owners_except(env, html, 0);
}

int h_notify_owners_except(struct h_env *env, const char *html, int64_t skip)
{
	int i;

	for (i = 0; i < env->cfg->n_owners; i++) {
		if (env->cfg->owner_ids[i] != skip &&
		    h_send_owner(env, env->cfg->owner_ids[i], html, NULL, 0) != 0)
			return -1;
	}
	return 0;
}

int h_reply(struct h_ctx *ctx, const char *html)
{
	return h_send(ctx->env, ctx->m->chat_id, html, NULL);
}

int h_reply_markup(struct h_ctx *ctx, const char *html, const char *markup)
{
	return h_send(ctx->env, ctx->m->chat_id, html, markup);
}

int h_reply_take_markup(struct h_ctx *ctx, const char *html, char *markup)
{
	int rc = h_reply_markup(ctx, html, markup);

	free(markup);
	return rc;
}

int h_show(struct h_ctx *ctx, int64_t message_id, const char *html, const char *markup)
{
	return message_id != 0 ? h_edit(ctx, message_id, html, markup) :
	    h_reply_markup(ctx, html, markup);
}

int h_show_buf(struct h_ctx *ctx, int64_t message_id, struct buf *b, char *markup)
{
	int rc = h_show(ctx, message_id, buf_str(b), markup);

	free(markup);
	buf_release(b);
	return rc;
}

int h_reply_buf(struct h_ctx *ctx, struct buf *b)
{
	int rc = h_reply(ctx, buf_str(b));

	buf_release(b);
	return rc;
}

int h_edit(struct h_ctx *ctx, int64_t message_id, const char *html, const char *markup)
{
	struct outbox_new it;
	char ref[24];

	if (h_api_capture(ctx->env, ctx->m->chat_id, html))
		return 0;
	snprintf(ref, sizeof ref, "%lld", (long long)message_id);
	memset(&it, 0, sizeof it);
	it.chat_id = ctx->m->chat_id;
	it.method = OB_EDIT_MESSAGE;
	it.text = html;
	it.markup = markup;
	it.ref = ref;
	it.created_at = ctx->env->now;
	if (db_outbox_add(ctx->env->db, &it, NULL) != DB_OK) {
		log_error("handlers", "cannot queue an edit in chat %lld",
		    (long long)ctx->m->chat_id);
		return -1;
	}
	return 0;
}

int h_answer_callback(struct h_ctx *ctx, const char *toast)
{
	struct outbox_new it;

	/* a toast is plain text; the reply keeps HTML */
	if (ctx->env->api != NULL && toast != NULL) {
		const char *esc = h_esc(ctx, toast);

		h_api_capture(ctx->env, ctx->m->chat_id, esc);
	}
	if (ctx->env->api != NULL)
		return 0;
	memset(&it, 0, sizeof it);
	it.chat_id = ctx->m->chat_id;
	it.method = OB_ANSWER_CALLBACK;
	it.ref = ctx->m->cb_id;
	it.text = toast;
	it.plain = 1;
	it.created_at = ctx->env->now;
	if (db_outbox_add(ctx->env->db, &it, NULL) != DB_OK) {
		log_error("handlers", "cannot queue a callback answer");
		return -1;
	}
	return 0;
}

int h_answer_toast(struct h_ctx *ctx, const char *toast)
{
	int rc;

	if (ctx->env->api != NULL)
		return h_answer_callback(ctx, toast);
	rc = db_outbox_answer_toast(ctx->env->db, ctx->m->cb_id, toast);
	if (rc == DB_NOTFOUND)
		return h_answer_callback(ctx, toast);
	return rc == DB_OK ? 0 : -1;
}

int h_set_commands(struct h_env *env, int64_t chat_id, enum role r, enum lang l,
    const char *lang_ref)
{
	struct outbox_new it;
	char *json = h_commands_json(r, l);
	int rc = 0;

	memset(&it, 0, sizeof it);
	it.chat_id = chat_id;
	it.method = OB_SET_COMMANDS;
	it.text = json;
	it.ref = lang_ref;
	it.plain = 1;
	it.created_at = env->now;
	if (db_outbox_add(env->db, &it, NULL) != DB_OK) {
		log_error("handlers", "cannot queue setMyCommands for chat %lld",
		    (long long)chat_id);
		rc = -1;
	}
	free(json);
	return rc;
}

int h_send_document(struct h_env *env, int64_t chat_id, const char *path, const char *caption)
{
	struct outbox_new it;

	memset(&it, 0, sizeof it);
	it.chat_id = chat_id;
	it.method = OB_SEND_DOCUMENT;
	it.ref = path;
	it.text = caption;
	it.created_at = env->now;
	if (db_outbox_add(env->db, &it, NULL) != DB_OK) {
		log_error("handlers", "cannot queue a document to chat %lld",
		    (long long)chat_id);
		return -1;
	}
	return 0;
}

void h_button_add(cJSON *row, const char *text, const char *data)
{
	cJSON *btn = cJSON_CreateObject();

	cJSON_AddStringToObject(btn, "text", text);
	cJSON_AddStringToObject(btn, "callback_data", data);
	cJSON_AddItemToArray(row, btn);
}

void h_button_row_add(cJSON *rows, const char *text, const char *data)
{
	cJSON *row = cJSON_CreateArray();

	h_button_add(row, text, data);
	cJSON_AddItemToArray(rows, row);
}

char *h_json_take(cJSON *root)
{
	char *printed, *s;

	printed = cJSON_PrintUnformatted(root);
	cJSON_Delete(root);
	if (printed == NULL) {
		log_error("handlers", "out of memory printing JSON");
		abort();
	}
	s = xstrdup(printed);
	cJSON_free(printed);
	return s;
}

const char *h_plural(enum lang l, long long n, const char *one, const char *few, const char *many)
{
	/* |n|, also for the most negative n */
	unsigned long long a = n < 0 ? 0ULL - (unsigned long long)n : (unsigned long long)n;
	unsigned long long d = a % 10, dd = a % 100;

	if (h_lang_info(l)->plural == H_PLURAL_ONE_OTHER)
		return a == 1 ? one : many;
	if (d == 1 && dd != 11)
		return one;
	if (d >= 2 && d <= 4 && (dd < 12 || dd > 14))
		return few;
	return many;
}
