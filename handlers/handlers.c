/*
 * handlers.c — the router: the command table, roles, languages, and
 * h_dispatch, which turns one update into database changes and outbox
 * rows. Called by bot/ inside the update's savepoint.
 *
 * Invariant: a command's role is checked before its handler runs, so a
 * refused or malformed update writes nothing but the tg_users bookkeeping
 * and its reply. Callback queries are answered before anything else is
 * queued for them. In group chats only H_CMD_PUBLIC commands run; the
 * others, every button and a shared contact get one line asking to write
 * in private, so nobody's data is shown to a group.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>

#include "lib/civil.h"
#include "lib/log.h"
#include "lib/metrics.h"
#include "lib/util.h"
#include "handlers/command.h"
#include "handlers/handlers.h"
#include "handlers/reply.h"
#include "handlers/texts.h"
#include "storage/store.h"

/* Longest command name Telegram allows. */
#define H_NAME_MAX 32
/* callback_data is at most 64 bytes. */
#define H_CB_DATA_MAX 64

/* The commands in the order /help and the command menus list them; each
 * entry (h_cmd_<name>_entry) is defined in the file of its area. */
#define H_CMD_PTR_(name) &h_cmd_##name##_entry,
const struct h_command *const h_command_table[] = {
	H_COMMANDS(H_CMD_PTR_)
};
const size_t h_command_count = BJJ_ARRAY_LEN(h_command_table);

/*
 * Inline buttons: callback_data "<prefix>:<key>" is routed to the entry
 * whose prefix matches. Data that matches none (or is malformed) comes
 * from an outdated message and gets a toast saying so. The router answers
 * the callback before exec runs; exec gets the data after the colon.
 */
struct h_callback {
	const char *prefix;
	enum role min_role;
	int (*exec)(struct h_ctx *ctx, const char *key);
};
/* Areas add their rows here ("reg", "att", ...). */
static const struct h_callback h_callback_table[] = {
	{ "pick", ROLE_STUDENT, h_cb_pick },
	{ "cfm", ROLE_STUDENT, h_cb_confirm },
	{ "bil", ROLE_OWNER, h_cb_billing },
	{ "ci", ROLE_STUDENT, h_cb_checkin },
	{ "rsvp", ROLE_STUDENT, h_cb_rsvp },
	{ "att", ROLE_TRAINER, h_cb_attendance },
	{ "stu", ROLE_OWNER, h_cb_student },
	{ "sts", ROLE_OWNER, h_cb_students },
	{ "prm", ROLE_TRAINER, h_cb_promote },
	{ "ann", ROLE_OWNER, h_cb_announce },
	{ "lead", ROLE_OWNER, h_cb_lead },
	{ "apt", ROLE_STUDENT, h_cb_apitoken },
	{ NULL, ROLE_GUEST, NULL },
};

const char *h_callback_prefix(size_t i, enum role *min_role)
{
	if (i >= BJJ_ARRAY_LEN(h_callback_table))
		return NULL;
	*min_role = h_callback_table[i].min_role;
	return h_callback_table[i].prefix;
}

const char *h_role_name(enum role r)
{
	switch (r) {
	case ROLE_OWNER:
		return "owner";
	case ROLE_TRAINER:
		return "trainer";
	case ROLE_STUDENT:
		return "student";
	case ROLE_GUEST:
		break;
	}
	return "guest";
}

/* The language stored for tg_id (tg_users), def when none is known. */
static enum lang h_lang_stored(struct h_env *env, int64_t tg_id, enum lang def)
{
	char *code = NULL;
	enum lang l = def;

	if (db_tg_user_lang(env->db, tg_id, &code) == DB_OK)
		l = h_lang_from_code(code, def);
	free(code);
	return l;
}

enum lang h_lang_of(struct h_env *env, int64_t tg_id)
{
	return h_lang_stored(env, tg_id, env->default_lang);
}

/* The language of every reply to m: the sender's stored language, else
 * the update's language_code, else the academy's. One rule, so a notice
 * sent without routing (h_slow_down) reads like every other reply. */
static enum lang h_lang_of_msg(struct h_env *env, const struct h_msg *m)
{
	enum lang l = h_lang_from_code(m->lang_code, env->default_lang);

	return m->from_id != 0 ? h_lang_stored(env, m->from_id, l) : l;
}

const char *h_kind_name(int kind, enum lang l)
{
	return kind == PERSON_TRAINER ? H_T(l, T_KIND_TRAINER) : H_T(l, T_KIND_STUDENT);
}

int h_is_owner(const struct h_env *env, int64_t tg_id)
{
	int i;

	for (i = 0; i < env->cfg->n_owners; i++) {
		if (env->cfg->owner_ids[i] == tg_id)
			return 1;
	}
	return 0;
}

/*
 * The role of tg_id and the record linked to it (*who zeroed when none;
 * the caller frees it). 0, or -1 when the database failed.
 */
static int h_role_resolve(struct h_env *env, int64_t tg_id, enum role *role, struct person *who)
{
	int rc;

	memset(who, 0, sizeof *who);
	*role = ROLE_GUEST;
	if (tg_id == 0)
		return 0;
	rc = db_person_by_tg(env->db, tg_id, who);
	if (rc == DB_OK)
		*role = who->kind == PERSON_TRAINER ? ROLE_TRAINER : ROLE_STUDENT;
	else if (rc != DB_NOTFOUND)
		return -1;
	if (h_is_owner(env, tg_id))
		*role = ROLE_OWNER;
	return 0;
}

enum role h_role_of(struct h_env *env, int64_t tg_id)
{
	struct person who;
	enum role r;

	if (h_role_resolve(env, tg_id, &r, &who) != 0)
		log_warn("handlers", "cannot read the role of %lld; treating as guest",
		    (long long)tg_id);
	person_release(&who);
	return r;
}

enum role h_command_role(const char *name)
{
	for (size_t i = 0; i < h_command_count; i++) {
		if (strcmp(h_command_table[i]->name, name) == 0)
			return h_command_table[i]->min_role;
	}
	return ROLE_OWNER;
}

int h_command_listed(const struct h_command *c, enum role r)
{
	return !(c->flags & H_CMD_TEST_ONLY) && c->min_role <= r;
}

/* 1 when the caller of role r sees c's staff usage. */
static int h_sees_staff_usage(const struct h_command *c, enum role r)
{
	return ((c->flags & H_CMD_USAGE_TRAINER) && r >= ROLE_TRAINER) ||
	    ((c->flags & H_CMD_USAGE_OWNER) && r >= ROLE_OWNER);
}

const char *h_command_usage(const struct h_command *c, enum role r, enum lang l)
{
	const char *const *u = c->usage;

	if (h_sees_staff_usage(c, r))
		u += H_USAGE_STAFF;
	return u[l] != NULL ? u[l] : u[LANG_EN];
}

const char *h_command_help(const struct h_command *c, enum lang l)
{
	return c->help[l] != NULL ? c->help[l] : c->help[LANG_EN];
}

const char *h_command_example(const struct h_command *c, enum lang l)
{
	const char *e = c->example[l] != NULL ? c->example[l] : c->example[LANG_EN];

	return e != NULL ? e : "";
}

/* 1 when word w is of kind k (kinds the router does not check fit). */
static int h_arg_is(enum h_arg_kind k, const char *w)
{
	int64_t id;
	int y, m, d;

	switch (k) {
	case H_ARG_ID:
		return h_number(w, &id);
	case H_ARG_DATE:
		return strcmp(w, "-") == 0 || civil_parse_date(w, &y, &m, &d) == 0;
	case H_ARG_WORD:
	case H_ARG_BELT:
	case H_ARG_REST:
		break;
	}
	return 1;
}

int h_args_fit(struct h_ctx *ctx, const struct h_command *c, const char *args)
{
	const struct h_args *a = &c->args;
	struct arena_mark mark;
	char **argv;
	size_t n, i;
	int fit;

	if (a->staff && !h_sees_staff_usage(c, ctx->role))
		return 1;
	mark = arena_mark(ctx->arena);
	n = h_args_words(ctx, args, &argv);
	fit = n >= a->min && (a->max == H_ARGS_MANY || n <= a->max);
	for (i = 0; fit && i < n && i < H_ARGS_KINDS; i++) {
		if (a->kind[i] == H_ARG_BELT || a->kind[i] == H_ARG_REST)
			break;
		fit = h_arg_is(a->kind[i], argv[i]);
	}
	arena_reset(ctx->arena, mark);
	return fit;
}

char *h_commands_json(enum role r, enum lang l)
{
	cJSON *arr = cJSON_CreateArray(), *o;
	size_t i;

	for (i = 0; i < h_command_count; i++) {
		if (!h_command_listed(h_command_table[i], r))
			continue;
		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "command", h_command_table[i]->name);
		cJSON_AddStringToObject(o, "description", h_command_help(h_command_table[i], l));
		cJSON_AddItemToArray(arr, o);
	}
	return h_json_take(arr);
}

/*
 * When the command lists changed since the last start (a new version), the
 * menus of linked students and trainers are refreshed too; otherwise they
 * are set once, when the person links. The lists' hash is kept in
 * bot_state.
 */
static int h_refresh_member_menus(struct h_env *env)
{
	static const enum role roles[] = { ROLE_GUEST, ROLE_STUDENT, ROLE_TRAINER, ROLE_OWNER };
	struct linked_chat *v = NULL;
	uint64_t hash = 1469598103934665603ULL;  /* FNV-1a */
	int64_t old = 0;
	size_t n = 0;
	int rc = -1;

	for (size_t r = 0; r < BJJ_ARRAY_LEN(roles); r++) {
		for (int l = 0; l < LANG_COUNT; l++) {
			char *json = h_commands_json(roles[r], (enum lang)l);
			for (const char *p = json; *p; p++)
				hash = (hash ^ (unsigned char)*p) * 1099511628211ULL;
			free(json);
		}
	}
	if (db_state_get_int(env->db, "commands_hash", 0, &old) != DB_OK)
		return -1;
	if ((uint64_t)old == (hash & INT64_MAX))
		return 0;
	if (db_people_linked(env->db, &v, &n) != DB_OK)
		return -1;
	for (size_t i = 0; i < n; i++) {
		enum role r = v[i].kind == PERSON_TRAINER ? ROLE_TRAINER : ROLE_STUDENT;
		if (h_is_owner(env, v[i].tg_id))
			continue;
		if (h_set_commands(env, v[i].tg_id, r, h_lang_of(env, v[i].tg_id), NULL) != 0)
			goto out;
	}
	if (db_state_set_int(env->db, "commands_hash", (int64_t)(hash & INT64_MAX)) != DB_OK)
		goto out;
	log_info("handlers", "command menus changed: refreshed for %zu linked people", n);
	rc = 0;
out:
	free(v);
	return rc;
}

int h_queue_command_lists(struct h_env *env)
{
	int v, i;

	if (h_set_commands(env, 0, ROLE_GUEST, env->default_lang, NULL) != 0)
		return -1;
	for (v = 0; v < LANG_COUNT; v++) {
		if (h_set_commands(env, 0, ROLE_GUEST, (enum lang)v, h_lang_info(v)->code) != 0)
			return -1;
	}
	for (i = 0; i < env->cfg->n_owners; i++) {
		if (h_set_commands(env, env->cfg->owner_ids[i], ROLE_OWNER,
		    env->default_lang, NULL) != 0)
			return -1;
		for (v = 0; v < LANG_COUNT; v++) {
			if (h_set_commands(env, env->cfg->owner_ids[i], ROLE_OWNER, (enum lang)v,
			    h_lang_info(v)->code) != 0)
				return -1;
		}
	}
	return h_refresh_member_menus(env);
}

static int h_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The next word from *p on: its start, *len its length, *p moved after
 * it; NULL when there are no more. */
static const char *h_word_next(const char **p, size_t *len)
{
	const char *start = *p;

	while (h_is_space(*start))
		start++;
	if (*start == '\0')
		return NULL;
	*p = start;
	while (**p != '\0' && !h_is_space(**p))
		(*p)++;
	*len = (size_t)(*p - start);
	return start;
}

size_t h_args_words(struct h_ctx *ctx, const char *args, char ***argv)
{
	const char *p = args, *start;
	size_t n = 0, i, len;

	while (h_word_next(&p, &len) != NULL)
		n++;
	*argv = n > 0 ? arena_alloc(ctx->arena, n * sizeof(**argv)) : NULL;
	for (p = args, i = 0; i < n; i++) {
		start = h_word_next(&p, &len);
		(*argv)[i] = arena_strndup(ctx->arena, start, len);
	}
	return n;
}

enum h_found h_phone_arg(struct h_ctx *ctx, char **words, size_t n, char phone[PHONE_MAX])
{
	struct buf b = { 0 };
	const char *given;
	int rc;

	for (size_t i = 0; i < n; i++)
		buf_addf(&b, "%s%s", i > 0 ? " " : "", words[i]);
	if (phone_normalize(buf_str(&b), phone) == 0) {
		buf_release(&b);
		return H_FOUND;
	}
	given = h_esc(ctx, buf_str(&b));
	buf_truncate(&b, 0);
	H_TF(&b, ctx->lang, T_BAD_PHONE, given);
	rc = h_reply_buf(ctx, &b);
	return h_replied(rc);
}

/* Where an example names a student (see T_EXAMPLE_NAME). */
#define H_EXAMPLE_WHO "#ID"

int h_reply_usage(struct h_ctx *ctx, const char *example)
{
	struct buf b = { 0 }, ex = { 0 };
	const char *who = strstr(example, H_EXAMPLE_WHO);
	const char *usage = h_esc(ctx, h_command_usage(ctx->cmd, ctx->role, ctx->lang)), *esc;
	int64_t id;

	/* A real student of this academy, never a made-up number. */
	if (who != NULL) {
		buf_add(&ex, example, (size_t)(who - example));
		if (db_student_first_active(ctx->env->db, &id) == DB_OK)
			buf_addf(&ex, "#%lld", (long long)id);
		else
			buf_adds(&ex, H_T(ctx->lang, T_EXAMPLE_NAME));
		buf_adds(&ex, who + strlen(H_EXAMPLE_WHO));
		example = buf_str(&ex);
	}
	esc = h_esc(ctx, example);
	H_TF(&b, ctx->lang, T_USAGE, ctx->cmd->name, usage, esc);
	buf_release(&ex);
	return h_reply_buf(ctx, &b);
}

/* The command called name, or NULL (test-only ones outside test mode). */
static const struct h_command *h_command_find(const struct h_env *env, const char *name)
{
	size_t i;

	for (i = 0; i < h_command_count; i++) {
		const struct h_command *c = h_command_table[i];

		if (strcmp(c->name, name) != 0)
			continue;
		if ((c->flags & H_CMD_TEST_ONLY) && !env->test_mode)
			return NULL;
		return c;
	}
	return NULL;
}

/* The refusal naming who may use c. */
static int h_reply_denied(struct h_ctx *ctx, const struct h_command *c)
{
	struct buf b = { 0 };

	switch (c->min_role) {
	case ROLE_OWNER:
		H_TF(&b, ctx->lang, T_DENIED_OWNER, c->name);
		break;
	case ROLE_TRAINER:
		H_TF(&b, ctx->lang, T_DENIED_TRAINER, c->name);
		break;
	case ROLE_STUDENT:
	case ROLE_GUEST:
		H_TF(&b, ctx->lang, T_DENIED_STUDENT, c->name);
		break;
	}
	return h_reply_buf(ctx, &b);
}

/*
 * A text message. Commands are "/name args" or "/name@bot args"; name is
 * case-insensitive ASCII. Commands addressed to another bot are ignored,
 * and so is chatter in groups, where other bots and people talk too.
 */
static int h_route_text(struct h_ctx *ctx, const char **summary)
{
	const struct h_msg *m = ctx->m;
	const struct h_command *c = NULL;
	const char *p = m->text, *at = NULL, *end = NULL;
	char name[H_NAME_MAX + 1];
	size_t len = 0, i;
	struct buf b = { 0 };
	char *args, *full;
	int is_cmd = p != NULL && *p == '/', valid, rc;

	if (is_cmd) {
		for (end = ++p; *end != '\0' && !h_is_space(*end); end++) {
			if (*end == '@' && at == NULL)
				at = end;
		}
		/* Until getMe told bot/ our name, "@anything" counts as us. */
		if (at != NULL && ctx->env->bot_username != NULL) {
			len = (size_t)(end - at - 1);
			if (len != strlen(ctx->env->bot_username) ||
			    strncasecmp(at + 1, ctx->env->bot_username, len) != 0)
				return 0;
		}
	} else if (!m->is_private)
		return 0;
	if (p != NULL && utf8_len(p) > H_TEXT_MAX) {
		*summary = "too_long";
		H_TF(&b, ctx->lang, T_TOO_LONG, H_TEXT_MAX);
		return h_reply_buf(ctx, &b);
	}
	if (!is_cmd) {
		*summary = "text";
		/* A guest who writes is asking the academy something. */
		if (ctx->role == ROLE_GUEST)
			return h_lead(ctx);
		if (ctx->role == ROLE_OWNER)
			return h_owner_text(ctx);
		return h_reply(ctx, H_T(ctx->lang, T_NOT_COMMAND));
	}

	len = (size_t)((at != NULL ? at : end) - p);
	valid = len > 0 && len <= H_NAME_MAX;
	for (i = 0; valid && i < len; i++) {
		if (!isalnum((unsigned char)p[i]) && p[i] != '_')
			valid = 0;
		name[i] = (char)tolower((unsigned char)p[i]);
	}
	if (valid) {
		name[len] = '\0';
		c = h_command_find(ctx->env, name);
	}
	if (c == NULL) {
		/* In a group, an unaddressed unknown "/x" is likely meant for
		 * another bot. */
		if (!m->is_private && at == NULL)
			return 0;
		*summary = "unknown";
		if (!valid)
			return h_reply(ctx, H_T(ctx->lang, T_BAD_COMMAND));
		H_TF(&b, ctx->lang, T_UNKNOWN_COMMAND, name);
		return h_reply_buf(ctx, &b);
	}
	*summary = c->name;
	if (!m->is_private && !(c->flags & H_CMD_PUBLIC)) {
		H_TF(&b, ctx->lang, T_PRIVATE_ONLY, c->name);
		return h_reply_buf(ctx, &b);
	}
	if (ctx->role < c->min_role) {
		log_info("handlers", "/%s refused to %s %lld", c->name,
		    h_role_name(ctx->role), (long long)m->from_id);
		return h_reply_denied(ctx, c);
	}
	while (h_is_space(*end))
		end++;
	/* Phone keyboards leave a space after the last word: "/student 2 ". */
	args = xstrdup(end);
	for (len = strlen(args); len > 0 && h_is_space(args[len - 1]); len--)
		args[len - 1] = '\0';
	if ((c->flags & H_CMD_STUDENT_FIRST) && ctx->role >= ROLE_TRAINER &&
	    (full = h_student_full_name(ctx, args)) != NULL) {
		free(args);
		args = full;
	}
	ctx->cmd = c;
	double t0 = clock_mono();
	/* Words that do not fit the spec get the usage, as the handler
	 * would reply it. */
	if (h_args_fit(ctx, c, args))
		rc = c->exec(ctx, args);
	else
		rc = h_reply_usage(ctx, h_command_example(c, ctx->lang));
	metrics_command(c->name, clock_mono() - t0);
	free(args);
	return rc;
}

int h_route_as_text(struct h_ctx *ctx, const char *text)
{
	struct h_msg m = *ctx->m;
	struct h_ctx c = *ctx;
	const char *summary = NULL;

	m.kind = H_MSG_TEXT;
	m.text = text;
	m.cb_id = m.cb_data = NULL;
	c.m = &m;
	c.cmd = NULL;
	return h_route_text(&c, &summary);
}

/* A button press: answer it first, then route by the data's prefix. */
static int h_route_callback(struct h_ctx *ctx)
{
	const char *data = ctx->m->cb_data, *colon;
	const struct h_callback *cb;
	size_t len;

	/* Every button shows or changes someone's data: never in a group. */
	if (!ctx->m->is_private)
		return h_answer_callback(ctx, H_T(ctx->lang, T_USE_PRIVATE));
	colon = data != NULL && strlen(data) <= H_CB_DATA_MAX ? strchr(data, ':') : NULL;
	for (cb = h_callback_table; colon != NULL && cb->prefix != NULL; cb++) {
		len = (size_t)(colon - data);
		if (strlen(cb->prefix) != len || strncmp(cb->prefix, data, len) != 0)
			continue;
		if (ctx->role < cb->min_role)
			return h_answer_callback(ctx, H_T(ctx->lang, T_CB_DENIED));
		if (h_answer_callback(ctx, NULL) != 0)
			return -1;
		return cb->exec(ctx, colon + 1);
	}
	return h_answer_callback(ctx, H_T(ctx->lang, T_CB_OUTDATED));
}

int h_route_as_callback(struct h_ctx *ctx, const char *data)
{
	struct h_msg m = *ctx->m;
	struct h_ctx c = *ctx;

	m.kind = H_MSG_CALLBACK;
	m.text = NULL;
	m.cb_id = "api";
	m.cb_data = data;
	c.m = &m;
	c.cmd = NULL;
	return h_route_callback(&c);
}

int h_slow_down(struct h_env *env, const struct h_msg *m, int notice)
{
	struct h_ctx ctx;
	struct arena arena = { 0 };
	enum lang l = h_lang_of_msg(env, m);
	const char *text = notice ? H_T(l, T_SLOW_DOWN) : NULL;
	int rc;

	if (m->kind == H_MSG_CALLBACK) {
		memset(&ctx, 0, sizeof ctx);
		ctx.env = env;
		ctx.m = m;
		ctx.arena = &arena;
		rc = h_answer_callback(&ctx, text);
		arena_release(&arena);
		return rc;
	}
	return text != NULL ? h_send(env, m->chat_id, text, NULL) : 0;
}

int h_dispatch(struct h_env *env, const struct h_msg *m, const char **summary)
{
	struct h_ctx ctx;
	struct arena arena = { 0 };
	const char *dummy;
	int rc = -1;

	if (summary == NULL)
		summary = &dummy;
	*summary = "ignored";
	memset(&ctx, 0, sizeof ctx);
	ctx.env = env;
	ctx.m = m;
	ctx.arena = &arena;
	ctx.academy = h_esc(&ctx, env->cfg->academy_name);

	if (m->from_id != 0 && db_tg_user_seen(env->db, m->from_id, m->from_first,
	    m->from_username, m->lang_code, env->now) != DB_OK)
		goto out;
	/* The upsert stored the update's language_code when it has one: the
	 * stored language is read back only for an update without. */
	ctx.lang = m->lang_code != NULL ? h_lang_from_code(m->lang_code, env->default_lang) :
	    h_lang_of_msg(env, m);
	if (h_role_resolve(env, m->from_id, &ctx.role, &ctx.who) != 0)
		goto out;

	switch (m->kind) {
	case H_MSG_TEXT:
		rc = h_route_text(&ctx, summary);
		break;
	case H_MSG_CONTACT:
		*summary = "contact";
		/* Linking tells who someone is: not in front of a group. */
		rc = m->is_private ? h_contact(&ctx) : h_reply(&ctx, H_T(ctx.lang, T_USE_PRIVATE));
		break;
	case H_MSG_CALLBACK:
		*summary = "callback";
		rc = h_route_callback(&ctx);
		break;
	case H_MSG_MEMBER:
		*summary = m->member_blocked ? "blocked" : "unblocked";
		rc = 0;
		if (m->from_id != 0 && db_tg_user_set_reachable(env->db, m->from_id,
		    !m->member_blocked) != DB_OK)
			rc = -1;
		break;
	default:
		rc = 0;
		break;
	}
out:
	if (rc != 0)
		log_error("handlers", "update %lld (%s) failed", (long long)m->update_id,
		    *summary);
	person_release(&ctx.who);
	arena_release(&arena);
	return rc;
}
