/*
 * news.c — the academy talks beyond its roster. A guest's plain text is a
 * lead: stored, passed to the owners at most once per guest per day, and
 * answered through the bot (the Reply button and the owner's next text,
 * or /answer; listed by /leads). The owner's /announce sends a text to an
 * audience of students through the outbox, after a confirmation button
 * when it reaches more than a few.
 *
 * Invariant: an announcement reaches only active students linked to
 * Telegram, reachable and with reminders on (/remind off opts out), held
 * until the quiet hours end; it is queued once, since it is marked sent
 * only while it waits. Bad input queues nothing and stores nothing.
 *
 * Callers: the router (h_lead for a guest's text, h_owner_text for an
 * owner's; the command and callback tables).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "lib/civil.h"
#include "lib/log.h"
#include "lib/util.h"
#include "handlers/command.h"
#include "handlers/reply.h"
#include "handlers/texts.h"
#include "storage/news.h"
#include "storage/schedule.h"
#include "storage/store.h"

/* Longest guest message and owner's answer, in characters. */
#define H_LEAD_MAX 1000
/* Leads /leads shows. */
#define H_LEADS_SHOWN 10
/* Longest announcement: with its header it stays one message. */
#define H_NEWS_MAX 3500
/* Up to this many recipients an announcement goes out without asking. */
#define H_NEWS_CONFIRM_OVER 5
/* "ending <days>": 1 to this many. */
#define H_NEWS_DAYS_MAX 90
/* How long a confirmation button stays good. */
#define H_NEWS_BUTTON_TTL (24 * 3600)
/* How long after pressing Reply the owner's next text is the answer. */
#define H_LEAD_REPLY_TTL (3600)
/* Weekly classes looked through for "class <n>". */
#define H_NEWS_TEMPLATES_MAX 1000

static const char h_space[] = " \t\r\n";

/* ---- leads ---------------------------------------------------------- */

/* The Reply button under an owner's copy of lead id. */
static char *h_lead_markup(enum lang l, int64_t id)
{
	cJSON *mk = cJSON_CreateObject(), *rows = cJSON_AddArrayToObject(mk, "inline_keyboard");
	char data[64];

	snprintf(data, sizeof(data), "lead:%lld", (long long)id);
	h_button_row_add(rows, H_T(l, T_LEAD_REPLY), data);
	return h_json_take(mk);
}

int h_lead(struct h_ctx *ctx)
{
	const struct h_msg *m = ctx->m;
	struct h_env *env = ctx->env;
	struct lead l = { 0 };
	struct buf key = { 0 }, b = { 0 };
	char *markup = NULL;
	const char *name = NULL, *user = NULL, *text = NULL;
	int64_t id = 0;
	int rc = -1, claim;

	if (m->text == NULL || m->text[strspn(m->text, h_space)] == '\0')
		return h_reply(ctx, H_T(ctx->lang, T_LEAD_EMPTY));
	if (utf8_len(m->text) > H_LEAD_MAX) {
		H_TF(&b, ctx->lang, T_LEAD_TOO_LONG, H_LEAD_MAX);
		return h_reply_buf(ctx, &b);
	}
	l.tg_id = m->from_id;
	l.first_name = xstrdup(m->from_first);
	l.last_name = xstrdup(m->from_last);
	l.username = xstrdup(m->from_username);
	l.text = xstrdup(m->text);
	l.created_at = env->now;
	if (db_lead_add(env->db, &l, &id) != DB_OK)
		goto out;
	/* Later messages that day are kept for /leads without a new alert. */
	buf_addf(&key, "lead:%lld:%lld", (long long)m->from_id,
	    (long long)civil_day_start(env->now));
	claim = db_notify_once(env->db, buf_str(&key), "lead", env->now);
	if (claim == DB_CONSTRAINT) {
		rc = h_reply(ctx, H_T(ctx->lang, T_LEAD_MORE));
		goto out;
	}
	if (claim != DB_OK)
		goto out;
	name = h_name_html(ctx, m->from_first, m->from_last);
	user = h_username_html(ctx, m->from_username);
	text = h_esc(ctx, m->text);
	H_TF(&b, env->default_lang, T_OWNER_LEAD, (long long)id, name, user, text,
	    (long long)id);
	markup = h_lead_markup(env->default_lang, id);
	for (int i = 0; i < env->cfg->n_owners; i++) {
		if (h_send_owner(env, env->cfg->owner_ids[i], buf_str(&b), markup, 0) != 0)
			goto out;
	}
	buf_truncate(&b, 0);
	H_TF(&b, ctx->lang, T_LEAD_THANKS, ctx->academy);
	rc = h_reply(ctx, buf_str(&b));
	log_info("news", "lead #%lld from %lld passed to the owners", (long long)id,
	    (long long)m->from_id);
out:
	free(markup);
	buf_release(&key);
	buf_release(&b);
	lead_release(&l);
	return rc;
}

static int h_cmd_leads(struct h_ctx *ctx, const char *args)
{
	struct lead *v = NULL;
	struct buf b = { 0 }, when = { 0 };
	size_t n = 0;

	(void)args;
	if (db_leads_recent(ctx->env->db, H_LEADS_SHOWN, &v, &n) != DB_OK)
		return -1;
	if (n == 0)
		return h_reply(ctx, H_T(ctx->lang, T_LEADS_NONE));
	buf_adds(&b, H_T(ctx->lang, T_LEADS_HEAD));
	struct arena_mark row = arena_mark(ctx->arena);
	for (size_t i = 0; i < n; i++) {
		const char *name = h_name_html(ctx, v[i].first_name, v[i].last_name);
		const char *user = h_username_html(ctx, v[i].username);
		const char *text = h_esc(ctx, v[i].text);

		buf_truncate(&when, 0);
		buf_add_datetime(&when, v[i].created_at);
		H_TF(&b, ctx->lang, T_LEADS_LINE, (long long)v[i].id, buf_str(&when), name, user, v[i].answered_at != 0 ? H_T(ctx->lang, T_LEADS_ANSWERED) : "", text);
		arena_reset(ctx->arena, row);
	}
	buf_adds(&b, H_T(ctx->lang, T_LEADS_FOOT));
	buf_release(&when);
	leads_free(v, n);
	return h_reply_buf(ctx, &b);
}

H_COMMAND_ENTRY(leads, LEADS, .min_role = ROLE_OWNER, .usage = H_USAGE_NONE,
	.args = { .max = H_ARGS_MANY });

/*
 * Send text to the guest of lead l, signed with the academy's name, mark
 * it answered and tell the owner. 0 (also after refusing an oversized
 * text: *sent stays 0) or -1.
 */
static int h_lead_answer(struct h_ctx *ctx, const struct lead *l, const char *text, int *sent)
{
	struct h_env *env = ctx->env;
	struct buf b = { 0 };
	const char *name = NULL, *esc = NULL;
	enum lang guest = h_lang_of(env, l->tg_id);
	int rc = -1;

	*sent = 0;
	if (utf8_len(text) > H_LEAD_MAX) {
		H_TF(&b, ctx->lang, T_ANSWER_TOO_LONG, H_LEAD_MAX);
		return h_reply_buf(ctx, &b);
	}
	esc = h_esc(ctx, text);
	H_TF(&b, guest, T_ANSWER_TO_GUEST, esc, ctx->academy);
	if (h_send(env, l->tg_id, buf_str(&b), NULL) != 0 ||
	    db_lead_answered(env->db, l->id, ctx->m->from_id, text, env->now) != DB_OK ||
	    h_audit(ctx, "lead.answer", "lead", l->id, NULL) != 0)
		goto out;
	buf_truncate(&b, 0);
	name = h_name_html(ctx, l->first_name, l->last_name);
	H_TF(&b, ctx->lang, T_ANSWER_SENT, name, (long long)l->id);
	rc = h_reply(ctx, buf_str(&b));
	*sent = rc == 0;
out:
	buf_release(&b);
	return rc;
}

static int h_cmd_answer(struct h_ctx *ctx, const char *args)
{
	struct lead l = { 0 };
	struct buf b = { 0 };
	char **argv = NULL;
	const char *esc;
	int64_t id = 0;
	int rc = -1, dbrc, sent;

	h_args_words(ctx, args, &argv);
	dbrc = h_number(argv[0], &id) ? db_lead_get(ctx->env->db, id, &l) : DB_NOTFOUND;
	if (dbrc == DB_ERROR)
		goto out;
	if (dbrc == DB_NOTFOUND) {
		esc = h_esc(ctx, argv[0]);
		H_TF(&b, ctx->lang, T_LEAD_NOT_FOUND, esc);
		rc = h_reply_buf(ctx, &b);
		goto out;
	}
	rc = h_lead_answer(ctx, &l, h_args_after(args, 1), &sent);
	/* A Reply pressed before is settled by this answer. */
	if (rc == 0 && sent && db_lead_reply_end(ctx->env->db, ctx->m->from_id) != DB_OK)
		rc = -1;
out:
	lead_release(&l);
	return rc;
}

H_COMMAND(answer, ANSWER, .min_role = ROLE_OWNER,
	.args = { .min = 2, .max = H_ARGS_MANY, .kind = { [1] = H_ARG_REST } });

/* "lead:<id>": the owner's next text answers lead id. */
int h_cb_lead(struct h_ctx *ctx, const char *key)
{
	struct lead l = { 0 };
	struct buf b = { 0 };
	const char *name;
	int64_t id;
	int rc;

	if (!h_number(key, &id) || *key == '#')
		return h_reply(ctx, H_T(ctx->lang, T_CB_OUTDATED));
	rc = db_lead_get(ctx->env->db, id, &l);
	if (rc == DB_NOTFOUND)
		return h_reply(ctx, H_T(ctx->lang, T_CB_OUTDATED));
	if (rc != DB_OK ||
	    db_lead_reply_start(ctx->env->db, ctx->m->from_id, l.id, ctx->env->now) != DB_OK) {
		lead_release(&l);
		return -1;
	}
	name = h_name_html(ctx, l.first_name, l.last_name);
	H_TF(&b, ctx->lang, T_LEAD_REPLY_ASK, name, (long long)l.id);
	lead_release(&l);
	return h_reply_buf(ctx, &b);
}

int h_owner_text(struct h_ctx *ctx)
{
	struct h_env *env = ctx->env;
	const char *text = ctx->m->text;
	struct lead l = { 0 };
	int64_t id = 0;
	int rc, sent = 0;

	rc = db_lead_reply_get(env->db, ctx->m->from_id, env->now - H_LEAD_REPLY_TTL, &id);
	if (rc == DB_ERROR)
		return -1;
	if (rc == DB_NOTFOUND || text == NULL || text[strspn(text, h_space)] == '\0')
		return h_reply(ctx, H_T(ctx->lang, T_NOT_COMMAND));
	rc = db_lead_get(env->db, id, &l);
	if (rc == DB_OK)
		rc = h_lead_answer(ctx, &l, text, &sent) == 0 ? DB_OK : DB_ERROR;
	lead_release(&l);
	if (rc == DB_ERROR)
		return -1;
	/* Answered (or the lead is gone): the next text is ordinary again;
	 * a text too long keeps the owner answering. */
	if ((sent || rc == DB_NOTFOUND) && db_lead_reply_end(env->db, ctx->m->from_id) != DB_OK)
		return -1;
	return rc == DB_NOTFOUND ? h_reply(ctx, H_T(ctx->lang, T_NOT_COMMAND)) : 0;
}

/* ---- announcements ------------------------------------------------------ */

/* The audience words, English and Russian (compared in lower case). */
static const struct {
	const char *word;
	int audience;
} h_news_words[] = {
	{ "all", NEWS_ALL }, { "everyone", NEWS_ALL }, { "все", NEWS_ALL }, { "всем", NEWS_ALL },
	{ "class", NEWS_CLASS }, { "класс", NEWS_CLASS }, { "группа", NEWS_CLASS },
	{ "группе", NEWS_CLASS },
	{ "kids", NEWS_KIDS }, { "дети", NEWS_KIDS }, { "детям", NEWS_KIDS },
	{ "ending", NEWS_ENDING }, { "заканчивается", NEWS_ENDING },
};

/* s in lower case: ASCII and the Russian alphabet; owned. */
static char *h_news_lower(const char *s)
{
	unsigned char *p, *out = (unsigned char *)xstrdup(s);

	for (p = out; *p != '\0'; p++) {
		if (*p >= 'A' && *p <= 'Z')
			*p = (unsigned char)(*p + ('a' - 'A'));
		else if (p[0] == 0xD0 && p[1] >= 0x90 && p[1] <= 0x9F)  /* А-П */
			*++p += 0x20;
		else if (p[0] == 0xD0 && p[1] >= 0xA0 && p[1] <= 0xAF) {  /* Р-Я */
			p[0] = 0xD1;
			*++p -= 0x20;
		} else if (p[0] == 0xD0 && p[1] == 0x81) {  /* Ё */
			p[0] = 0xD1;
			*++p = 0x91;
		}
	}
	return (char *)out;
}

/* The audience word names, or 0. */
static int h_news_audience_word(const char *word)
{
	char *low = h_news_lower(word);
	int audience = 0;

	for (size_t i = 0; i < BJJ_ARRAY_LEN(h_news_words) && audience == 0; i++) {
		if (strcmp(low, h_news_words[i].word) == 0)
			audience = h_news_words[i].audience;
	}
	free(low);
	return audience;
}

/* The title of weekly class id: 1 with *title owned, 0 none, -1 failure. */
static int h_news_class(struct h_env *env, int64_t id, char **title)
{
	struct class_template *v = NULL;
	size_t n = 0;
	int found = 0;

	*title = NULL;
	if (db_templates_list(env->db, H_NEWS_TEMPLATES_MAX, &v, &n) != DB_OK)
		return -1;
	for (size_t i = 0; i < n && !found; i++) {
		if (v[i].id == id) {
			*title = xstrdup(v[i].title);
			found = 1;
		}
	}
	class_templates_free(v, n);
	return found;
}

/* The audience, described in l for the owner, into b. 0 or -1. */
static int h_news_describe(struct h_env *env, enum lang l, int audience, int64_t arg, struct buf *b)
{
	char *title = NULL, *esc;

	switch (audience) {
	case NEWS_CLASS:
		if (h_news_class(env, arg, &title) < 0)
			return -1;
		esc = html_escape(title);
		H_TF(b, l, T_NEWS_CLASS, (long long)arg, esc);
		free(esc);
		free(title);
		break;
	case NEWS_KIDS:
		buf_adds(b, H_T(l, T_NEWS_KIDS));
		break;
	case NEWS_ENDING:
		H_TF(b, l, T_NEWS_ENDING, (long long)arg, H_TP(l, arg, T_W_DAY));
		break;
	default:
		buf_adds(b, H_T(l, T_NEWS_ALL));
		break;
	}
	return 0;
}

/* Who an announcement reaches, and who it skips and why. */
struct h_news_count {
	long long ok, no_tg, blocked, off;
};

/*
 * The students of (audience, arg) now: *v owned (free()), c counted.
 * arg is the class id or the days for NEWS_ENDING. 0 or -1.
 */
static int h_news_members(struct h_env *env, int audience, int64_t arg, struct news_member **v,
    size_t *n, struct h_news_count *c)
{
	struct civil now;
	int64_t q = arg;

	if (audience == NEWS_KIDS) {
		/* Kids are under 16, counted by birth year. */
		civil_split(env->now, &now);
		q = now.year - 16;
	} else if (audience == NEWS_ENDING)
		q = env->now + arg * 86400;
	if (db_news_audience(env->db, audience, q, env->now, v, n) != DB_OK)
		return -1;
	memset(c, 0, sizeof(*c));
	for (size_t i = 0; i < *n; i++) {
		if ((*v)[i].tg_id == 0)
			c->no_tg++;
		else if (!(*v)[i].reachable)
			c->blocked++;
		else if (!(*v)[i].remind)
			c->off++;
		else
			c->ok++;
	}
	return 0;
}

/* Append "\nSkipped: a — 1; b — 2." when someone was skipped. */
static void h_news_add_skipped(struct buf *b, enum lang l, const struct h_news_count *c)
{
	const char *sep = " ";

	if (c->no_tg + c->blocked + c->off == 0)
		return;
	buf_adds(b, H_T(l, T_NEWS_SKIPPED));
	if (c->no_tg > 0) {
		buf_adds(b, sep);
		H_TF(b, l, T_NEWS_SKIP_NO_TG, c->no_tg);
		sep = "; ";
	}
	if (c->blocked > 0) {
		buf_adds(b, sep);
		H_TF(b, l, T_NEWS_SKIP_BLOCKED, c->blocked);
		sep = "; ";
	}
	if (c->off > 0) {
		buf_adds(b, sep);
		H_TF(b, l, T_NEWS_SKIP_OFF, c->off);
	}
	buf_addc(b, '.');
}

/* The owner's summary: T_NEWS_WILL or T_NEWS_SENT, skipped, quiet hours. */
static int h_news_summary(struct h_env *env, enum lang l, int sent, int audience, int64_t arg,
    const struct h_news_count *c, struct buf *b)
{
	struct buf desc = { 0 }, at = { 0 };
	int64_t quiet = h_quiet_until(env, env->now);

	if (h_news_describe(env, l, audience, arg, &desc) != 0) {
		buf_release(&desc);
		return -1;
	}
	if (c->ok == 0)
		H_TF(b, l, T_NEWS_NOBODY, buf_str(&desc));
	else if (sent)
		H_TF(b, l, T_NEWS_SENT, c->ok, H_TP(l, c->ok, T_W_STUDENT_TO), buf_str(&desc));
	else
		H_TF(b, l, T_NEWS_WILL, c->ok, H_TP(l, c->ok, T_W_STUDENT_TO), buf_str(&desc));
	h_news_add_skipped(b, l, c);
	if (c->ok > 0 && quiet != 0) {
		buf_add_hhmm(&at, quiet);
		H_TF(b, l, T_NEWS_QUIET, buf_str(&at));
	}
	buf_release(&at);
	buf_release(&desc);
	return 0;
}

/*
 * Queue waiting announcement a to its audience as it is now, mark it sent
 * and audit it; c gets the counts. 1 when sent, 0 when it was not waiting
 * any more, -1 on failure.
 */
static int h_news_send(struct h_ctx *ctx, const struct announcement *a, struct h_news_count *c)
{
	struct h_env *env = ctx->env;
	struct news_member *v = NULL;
	struct buf b = { 0 };
	const char *text = h_esc(ctx, a->text);
	int64_t quiet = h_quiet_until(env, env->now);
	size_t n = 0;
	int rc = -1, dbrc;

	if (h_news_members(env, a->audience, a->arg, &v, &n, c) != 0)
		goto out;
	dbrc = db_announcement_sent(env->db, a->id, env->now, (int)c->ok);
	if (dbrc == DB_NOTFOUND)
		rc = 0;
	if (dbrc != DB_OK)
		goto out;
	H_TF(&b, env->default_lang, T_NEWS_MSG, ctx->academy, text);
	for (size_t i = 0; i < n; i++) {
		if (v[i].tg_id == 0 || !v[i].reachable || !v[i].remind)
			continue;
		if (h_send_at(env, v[i].tg_id, buf_str(&b), NULL, quiet) != 0)
			goto out;
	}
	if (h_audit(ctx, "announce.send", "announcement", a->id,
	    arena_printf(ctx->arena, "recipients=%lld", c->ok)) != 0)
		goto out;
	log_info("news", "announcement #%lld queued for %lld students", (long long)a->id, c->ok);
	rc = 1;
out:
	buf_release(&b);
	free(v);
	return rc;
}

/* The ✅ Send / ✖️ Cancel buttons of waiting announcement id. */
static char *h_news_markup(enum lang l, int64_t id, long long count)
{
	cJSON *mk = cJSON_CreateObject(), *rows = cJSON_AddArrayToObject(mk, "inline_keyboard");
	cJSON *row = cJSON_CreateArray();
	struct buf label = { 0 };
	char data[64];

	H_TF(&label, l, T_NEWS_SEND, count, H_TP(l, count, T_W_STUDENT_TO));
	snprintf(data, sizeof(data), "ann:%lld:y", (long long)id);
	h_button_add(row, buf_str(&label), data);
	snprintf(data, sizeof(data), "ann:%lld:n", (long long)id);
	h_button_add(row, H_T(l, T_NEWS_CANCEL), data);
	cJSON_AddItemToArray(rows, row);
	buf_release(&label);
	return h_json_take(mk);
}

/*
 * The audience at the start of args: H_FOUND with *audience, *arg and
 * *words (how many words it took); H_REPLIED (usage, no such class) or
 * H_FAILED.
 */
static enum h_found h_news_audience_arg(struct h_ctx *ctx, char **argv, size_t argc, int *audience,
    int64_t *arg, size_t *words)
{
	struct buf b = { 0 };
	char *title = NULL;
	const char *esc;
	int found;

	*arg = 0;
	*words = 1;
	*audience = h_news_audience_word(argv[0]);
	if (*audience == 0)
		return h_replied(h_reply_usage(ctx, H_T(ctx->lang, T_EXAMPLE_ANNOUNCE)));
	if (*audience == NEWS_CLASS) {
		found = h_number(argv[1], arg) ? h_news_class(ctx->env, *arg, &title) : 0;
		free(title);
		if (found < 0)
			return H_FAILED;
		if (found == 0) {
			esc = h_esc(ctx, argv[1]);
			H_TF(&b, ctx->lang, T_NEWS_NO_CLASS, esc);
			return h_replied(h_reply_buf(ctx, &b));
		}
		*words = 2;
	} else if (*audience == NEWS_ENDING) {
		*arg = ctx->env->cfg->payment_days_before > 0 ? ctx->env->cfg->payment_days_before : 7;
		if (argc > 1 && argv[1][strspn(argv[1], "0123456789")] == '\0') {
			if (parse_i64(argv[1], arg) != 0 || *arg < 1 || *arg > H_NEWS_DAYS_MAX)
				return h_replied(h_reply_usage(ctx, H_T(ctx->lang, T_EXAMPLE_ANNOUNCE)));
			*words = 2;
		}
	}
	return H_FOUND;
}

static int h_cmd_announce(struct h_ctx *ctx, const char *args)
{
	struct h_env *env = ctx->env;
	struct announcement a = { 0 };
	struct news_member *v = NULL;
	struct h_news_count c;
	struct buf b = { 0 };
	char **argv = NULL, *markup = NULL;
	size_t argc = h_args_words(ctx, args, &argv), n = 0, words = 0;
	const char *text;
	int rc = -1, ok;

	ok = h_news_audience_arg(ctx, argv, argc, &a.audience, &a.arg, &words);
	if (ok <= 0) {
		rc = ok;
		goto out;
	}
	text = h_args_after(args, words);
	if (*text == '\0') {
		rc = h_reply_usage(ctx, H_T(ctx->lang, T_EXAMPLE_ANNOUNCE));
		goto out;
	}
	if (utf8_len(text) > H_NEWS_MAX) {
		H_TF(&b, ctx->lang, T_NEWS_TOO_LONG, H_NEWS_MAX);
		rc = h_reply_buf(ctx, &b);
		goto out;
	}
	if (h_news_members(env, a.audience, a.arg, &v, &n, &c) != 0)
		goto out;
	if (c.ok == 0) {
		if (h_news_summary(env, ctx->lang, 0, a.audience, a.arg, &c, &b) == 0)
			rc = h_reply_buf(ctx, &b);
		goto out;
	}
	a.text = xstrdup(text);
	a.created_by = ctx->m->from_id;
	a.created_at = env->now;
	if (db_announcement_add(env->db, &a, &a.id) != DB_OK)
		goto out;
	if (c.ok <= H_NEWS_CONFIRM_OVER) {
		if (h_news_send(ctx, &a, &c) != 1 ||
		    h_news_summary(env, ctx->lang, 1, a.audience, a.arg, &c, &b) != 0)
			goto out;
		rc = h_reply_buf(ctx, &b);
		goto out;
	}
	if (h_news_summary(env, ctx->lang, 0, a.audience, a.arg, &c, &b) != 0)
		goto out;
	buf_adds(&b, H_T(ctx->lang, T_NEWS_CONFIRM));
	markup = h_news_markup(ctx->lang, a.id, c.ok);
	rc = h_reply_markup(ctx, buf_str(&b), markup);
out:
	free(markup);
	free(v);
	buf_release(&b);
	announcement_release(&a);
	return rc;
}

H_COMMAND(announce, ANNOUNCE, .min_role = ROLE_OWNER,
	.args = { .min = 2, .max = H_ARGS_MANY, .kind = { [1] = H_ARG_REST } });

/* Replace the confirmation (the pressed message) with html. */
static int h_news_settle(struct h_ctx *ctx, const char *html)
{
	if (ctx->m->message_id != 0)
		return h_edit(ctx, ctx->m->message_id, html, NULL);
	return h_reply(ctx, html);
}

/* "ann:<id>:y|n": the owner confirms or cancels a waiting announcement. */
int h_cb_announce(struct h_ctx *ctx, const char *key)
{
	struct announcement a = { 0 };
	struct h_news_count c;
	struct buf b = { 0 };
	long long id;
	char answer, tail;
	int rc = -1, dbrc;

	if (sscanf(key, "%lld:%c%c", &id, &answer, &tail) != 2 || (answer != 'y' && answer != 'n'))
		return h_reply(ctx, H_T(ctx->lang, T_CB_OUTDATED));
	dbrc = db_announcement_get(ctx->env->db, id, &a);
	if (dbrc == DB_ERROR)
		return -1;
	if (dbrc == DB_NOTFOUND || a.sent_at != 0 || a.created_by != ctx->m->from_id ||
	    a.created_at + H_NEWS_BUTTON_TTL < ctx->env->now) {
		rc = h_news_settle(ctx, H_T(ctx->lang, T_NEWS_DONE));
		goto out;
	}
	if (answer == 'n') {
		dbrc = db_announcement_drop(ctx->env->db, a.id);
		if (dbrc == DB_OK)
			rc = h_news_settle(ctx, H_T(ctx->lang, T_NEWS_CANCELLED));
		else if (dbrc == DB_NOTFOUND)
			rc = h_news_settle(ctx, H_T(ctx->lang, T_NEWS_DONE));
		goto out;
	}
	switch (h_news_send(ctx, &a, &c)) {
	case 0:
		rc = h_news_settle(ctx, H_T(ctx->lang, T_NEWS_DONE));
		break;
	case 1:
		if (h_news_summary(ctx->env, ctx->lang, 1, a.audience, a.arg, &c, &b) == 0)
			rc = h_news_settle(ctx, buf_str(&b));
		break;
	default:
		break;
	}
out:
	buf_release(&b);
	announcement_release(&a);
	return rc;
}
