/*
 * register.c — how people get in, and how the owner takes access back:
 * the owner adds students and trainers (/addstudent, /addtrainer) and
 * gets an invite link, issues a new one (/invite: older ones stop
 * working), lists those not used yet (/invites) and unlinks an account
 * (/unlink); a person links their Telegram account by opening the link
 * (/start <code>) or by sharing their own contact whose phone matches an
 * unlinked record never unlinked by the owner (a deactivated record's
 * phone alerts the owners).
 *
 * Invariant: a link is made only from a single-use invite (checked by
 * db_invite_redeem) or from a contact proven to be the sender's own
 * (contact.user_id == from.id). Bad input changes nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>

#include "lib/civil.h"
#include "lib/log.h"
#include "lib/util.h"
#include "handlers/command.h"
#include "handlers/reply.h"
#include "handlers/texts.h"
#include "storage/admin.h"
#include "storage/apitokens.h"
#include "storage/calendar.h"
#include "storage/store.h"

/* Deep-link payloads: [A-Za-z0-9_-]{1,64}. */
#define H_PAYLOAD_MAX 64

int h_person_name_ok(const char *s)
{
	size_t n = utf8_len(s);

	return n >= 1 && n <= H_PERSON_NAME_MAX;
}

const char *h_username_html(struct h_ctx *ctx, const char *username)
{
	if (username == NULL || *username == '\0')
		return "";
	return arena_printf(ctx->arena, " (@%s)", h_esc(ctx, username));
}

const char *h_name_html(struct h_ctx *ctx, const char *first, const char *last)
{
	if (last == NULL || *last == '\0')
		return h_esc(ctx, first);
	if (first == NULL || *first == '\0')
		return h_esc(ctx, last);
	return arena_printf(ctx->arena, "%s %s", h_esc(ctx, first), h_esc(ctx, last));
}

/* A reply keyboard with one "share my phone" button (private chats only). */
static char *h_contact_keyboard(enum lang l)
{
	cJSON *root = cJSON_CreateObject(), *rows, *row, *button;

	rows = cJSON_AddArrayToObject(root, "keyboard");
	row = cJSON_CreateArray();
	button = cJSON_CreateObject();
	cJSON_AddStringToObject(button, "text", H_T(l, T_SHARE_PHONE));
	cJSON_AddBoolToObject(button, "request_contact", 1);
	cJSON_AddItemToArray(row, button);
	cJSON_AddItemToArray(rows, row);
	cJSON_AddBoolToObject(root, "one_time_keyboard", 1);
	cJSON_AddBoolToObject(root, "resize_keyboard", 1);
	return h_json_take(root);
}

static char *h_remove_keyboard(void)
{
	cJSON *root = cJSON_CreateObject();

	cJSON_AddBoolToObject(root, "remove_keyboard", 1);
	return h_json_take(root);
}

/*
 * The sender was just linked to record (kind, id): welcome them, tell the
 * owners, and switch their command menu to their role's list.
 */
static int h_linked(struct h_ctx *ctx, int kind, int64_t id)
{
	struct h_env *env = ctx->env;
	struct person p = { 0 };
	struct buf b = { 0 };
	const char *user = NULL, *first = NULL, *last = NULL;
	int rc = -1;

	if (db_person_get(env->db, kind, id, &p) != DB_OK)
		goto out;
	first = h_esc(ctx, p.first_name);
	last = h_esc(ctx, p.last_name);
	user = h_username_html(ctx, ctx->m->from_username);
	log_info("handlers", "tg %lld linked to %s #%lld", (long long)ctx->m->from_id,
	    h_kind_name(kind, LANG_EN), (long long)id);

	H_TF(&b, ctx->lang, T_LINKED, first, h_kind_name(kind, ctx->lang), (long long)id);
	if (h_reply_take_markup(ctx, buf_str(&b), h_remove_keyboard()) != 0)
		goto out;
	buf_truncate(&b, 0);
	H_TF(&b, env->default_lang, T_OWNER_LINKED, first, last, user,
	    h_kind_name(kind, env->default_lang), (long long)id);
	if (h_notify_owners(env, buf_str(&b)) != 0)
		goto out;
	/* A private chat's id is the user's id. */
	if (h_set_commands(env, ctx->m->from_id, h_role_of(env, ctx->m->from_id),
	    ctx->lang, NULL) != 0)
		goto out;
	rc = 0;
out:
	buf_release(&b);
	person_release(&p);
	return rc;
}

static int h_payload_ok(const char *s)
{
	size_t n;

	for (n = 0; s[n] != '\0'; n++) {
		if (!((s[n] >= 'A' && s[n] <= 'Z') || (s[n] >= 'a' && s[n] <= 'z') ||
		    (s[n] >= '0' && s[n] <= '9') || s[n] == '_' || s[n] == '-'))
			return 0;
	}
	return n >= 1 && n <= H_PAYLOAD_MAX;
}

/* Why an invite did not link, by enum invite_rc (INVITE_UNKNOWN to
 * INVITE_INACTIVE). */
static const char *const h_invite_refused[][LANG_COUNT] = {
	[INVITE_UNKNOWN] = H_TA(T_INVITE_UNKNOWN),
	[INVITE_USED] = H_TA(T_INVITE_USED),
	[INVITE_EXPIRED] = H_TA(T_INVITE_EXPIRED),
	[INVITE_TAKEN] = H_TA(T_INVITE_TAKEN),
	[INVITE_REVOKED] = H_TA(T_INVITE_REVOKED),
	[INVITE_INACTIVE] = H_TA(T_INVITE_INACTIVE),
};

static int h_start_invite(struct h_ctx *ctx, const char *code)
{
	int kind = 0;
	int64_t id = 0;
	int rc;

	if (!h_payload_ok(code))
		return h_reply(ctx, H_T(ctx->lang, T_START_BAD_LINK));
	rc = db_invite_redeem(ctx->env->db, code, ctx->m->from_id, ctx->env->now,
	    &kind, &id);
	if (rc == INVITE_OK)
		return h_linked(ctx, kind, id);
	if (rc < INVITE_UNKNOWN || rc > INVITE_INACTIVE)
		return -1;
	return h_reply(ctx, h_invite_refused[rc][ctx->lang]);
}

static int h_cmd_start(struct h_ctx *ctx, const char *args)
{
	struct buf b = { 0 };
	const char *first;
	int rc;

	if (ctx->m->from_id == 0)
		return 0;
	/* An invite posted in a group is anyone's, and linking tells who
	 * someone is: private chats only. */
	if (*args != '\0' && !ctx->m->is_private) {
		H_TF(&b, ctx->lang, T_PRIVATE_ONLY, "start");
		return h_reply_buf(ctx, &b);
	}
	if (*args != '\0')
		return h_start_invite(ctx, args);
	/* Not "Welcome back, <name>": who is a member is nobody's business
	 * in a group. */
	if (!ctx->m->is_private) {
		H_TF(&b, ctx->lang, T_START_GROUP, ctx->academy);
		return h_reply_buf(ctx, &b);
	}
	if (ctx->role != ROLE_GUEST) {
		first = h_esc(ctx, ctx->who.first_name != NULL ?
		    ctx->who.first_name : ctx->m->from_first != NULL ? ctx->m->from_first : "");
		H_TF(&b, ctx->lang, T_START_BACK, first, ctx->academy);
		return h_reply_buf(ctx, &b);
	}
	H_TF(&b, ctx->lang, T_START_GUEST, ctx->academy);
	rc = h_reply_take_markup(ctx, buf_str(&b), h_contact_keyboard(ctx->lang));
	buf_release(&b);
	return rc;
}

H_COMMAND_ENTRY(start, START, .min_role = ROLE_GUEST, .usage = H_TA(T_USAGE_START),
	.flags = H_CMD_PUBLIC, .args = { .max = H_ARGS_MANY, .kind = { H_ARG_REST } });

/* Nobody has the shared phone: tell the guest, and the owners who can add
 * them (with the /addstudent line to copy) once a day per guest, however
 * often they share it. */
static int h_contact_unknown(struct h_ctx *ctx, const char *phone)
{
	struct h_env *env = ctx->env;
	const struct h_msg *m = ctx->m;
	struct buf b = { 0 };
	const char *name = NULL, *user = NULL, *first = NULL, *last = NULL;
	int rc = -1, claim;

	H_TF(&b, ctx->lang, T_CONTACT_UNKNOWN, phone);
	if (h_reply_take_markup(ctx, buf_str(&b), h_remove_keyboard()) != 0)
		goto out;
	buf_truncate(&b, 0);
	buf_addf(&b, "phone:%lld:%lld", (long long)m->from_id,
	    (long long)civil_day_start(env->now));
	claim = db_notify_once(env->db, buf_str(&b), "phone", env->now);
	if (claim == DB_CONSTRAINT)
		rc = 0;
	if (claim != DB_OK)
		goto out;
	buf_truncate(&b, 0);
	first = h_esc(ctx, m->from_first != NULL && *m->from_first != '\0' ?
	    m->from_first : H_T(env->default_lang, T_FIRST_NAME));
	last = h_esc(ctx, m->from_last != NULL && *m->from_last != '\0' ?
	    m->from_last : H_T(env->default_lang, T_LAST_NAME));
	user = h_username_html(ctx, m->from_username);
	name = h_name_html(ctx, m->from_first, m->from_last);
	H_TF(&b, env->default_lang, T_OWNER_UNKNOWN_PHONE, name, user, phone, first, last,
	    phone);
	if (h_notify_owners(env, buf_str(&b)) != 0)
		goto out;
	rc = 0;
out:
	buf_release(&b);
	return rc;
}

/* The phone belongs to deactivated record p: tell the person the academy
 * knows, and the owners how to bring them back (once a day per person,
 * however often they share it, like h_contact_unknown). */
static int h_contact_returning(struct h_ctx *ctx, const char *phone, const struct person *p)
{
	struct h_env *env = ctx->env;
	const struct h_msg *m = ctx->m;
	struct buf b = { 0 };
	char *cmd;
	const char *name, *user, *pfirst, *plast;
	int rc = -1, claim;

	if (h_reply_take_markup(ctx, H_T(ctx->lang, T_CONTACT_INACTIVE), h_remove_keyboard()) != 0)
		return -1;
	buf_addf(&b, "returning:%lld:%lld", (long long)m->from_id,
	    (long long)civil_day_start(env->now));
	claim = db_notify_once(env->db, buf_str(&b), "phone", env->now);
	buf_release(&b);
	if (claim != DB_OK)
		return claim == DB_CONSTRAINT ? 0 : -1;
	name = h_name_html(ctx, m->from_first, m->from_last);
	user = h_username_html(ctx, m->from_username);
	pfirst = h_esc(ctx, p->first_name);
	plast = h_esc(ctx, p->last_name);
	cmd = h_reactivate_command(env->default_lang, p);
	H_TF(&b, env->default_lang, T_OWNER_RETURNING, name, user, phone,
	    h_kind_name(p->kind, env->default_lang), (long long)p->id, pfirst, plast, cmd);
	log_info("handlers", "tg %lld shared the phone of inactive %s #%lld",
	    (long long)m->from_id, h_kind_name(p->kind, LANG_EN), (long long)p->id);
	if (h_notify_owners(env, buf_str(&b)) == 0)
		rc = 0;
	free(cmd);
	buf_release(&b);
	return rc;
}

int h_contact(struct h_ctx *ctx)
{
	const struct h_msg *m = ctx->m;
	struct person p = { 0 };
	struct buf b = { 0 };
	char phone[PHONE_MAX];
	int rc = -1, dbrc;

	if (m->from_id == 0)
		return 0;
	if (m->contact_user_id != m->from_id) {
		rc = m->is_private ? h_reply_take_markup(ctx,
		    H_T(ctx->lang, T_CONTACT_NOT_OWN), h_contact_keyboard(ctx->lang)) :
		    h_reply(ctx, H_T(ctx->lang, T_CONTACT_NOT_OWN));
		goto out;
	}
	if (ctx->who.kind != 0) {
		H_TF(&b, ctx->lang, T_CONTACT_ALREADY, h_kind_name(ctx->who.kind, ctx->lang),
		    (long long)ctx->who.id);
		rc = h_reply_take_markup(ctx, buf_str(&b), h_remove_keyboard());
		goto out;
	}
	if (m->contact_phone == NULL || phone_normalize(m->contact_phone, phone) != 0) {
		rc = h_reply(ctx, H_T(ctx->lang, T_CONTACT_BAD_PHONE));
		goto out;
	}
	dbrc = db_person_unlinked_by_phone(ctx->env->db, phone, &p);
	if (dbrc == DB_NOTFOUND)
		dbrc = db_person_inactive_by_phone(ctx->env->db, phone, &p);
	if (dbrc == DB_NOTFOUND) {
		rc = h_contact_unknown(ctx, phone);
		goto out;
	}
	if (dbrc == DB_OK && !p.active) {
		rc = h_contact_returning(ctx, phone, &p);
		goto out;
	}
	if (dbrc != DB_OK)
		goto out;
	/* Access the owner took back comes back only with a new invite. */
	dbrc = db_person_was_unlinked(ctx->env->db, p.kind, p.id);
	if (dbrc == DB_ERROR)
		goto out;
	if (dbrc == 1) {
		rc = h_reply_take_markup(ctx, H_T(ctx->lang, T_CONTACT_UNLINKED),
		    h_remove_keyboard());
		goto out;
	}
	dbrc = db_person_link(ctx->env->db, p.kind, p.id, m->from_id);
	if (dbrc == DB_OK)
		rc = h_linked(ctx, p.kind, p.id);
	else if (dbrc == DB_CONSTRAINT)
		rc = h_reply(ctx, H_T(ctx->lang, T_CONTACT_TAKEN));
out:
	buf_release(&b);
	person_release(&p);
	return rc;
}

int h_invite_issue(struct h_ctx *ctx, int kind, int64_t id, struct buf *b)
{
	struct h_env *env = ctx->env;
	struct buf until = { 0 };
	char code[INVITE_CODE_LEN + 1];
	char *link, *again;
	const char *user;
	int64_t expires = env->now + (int64_t)env->cfg->invite_days * 86400;

	if (db_invite_create(env->db, kind, id, env->now, expires, code) != DB_OK ||
	    h_audit(ctx, "invite.create", kind == PERSON_STUDENT ? "student" : "trainer", id,
	    NULL) != 0)
		return -1;
	/* In the academy's zone, like every time we show. */
	buf_add_datetime(&until, expires);
	if (env->bot_username != NULL) {
		user = h_esc(ctx, env->bot_username);
		link = xasprintf("https://t.me/%s?start=%s", user, code);
		H_TF(b, ctx->lang, T_INVITE_LINK, link, buf_str(&until));
		free(link);
	} else {
		/* Never a made-up bot name: the code works without the link. */
		again = h_invite_command(ctx->lang, kind, id);
		H_TF(b, ctx->lang, T_INVITE_CODE, code, code, buf_str(&until), again);
		free(again);
	}
	buf_release(&until);
	return 0;
}

/* The first of the words a T_KW_ text lists. */
static char *h_kw_first(const char *forms)
{
	return xstrndup(forms, strcspn(forms, "|"));
}

char *h_invite_command(enum lang l, int kind, int64_t id)
{
	char *kw = h_kw_first(H_T(l, T_KW_TRAINER)), *cmd;

	cmd = kind == PERSON_TRAINER ? xasprintf("/invite %s #%lld", kw, (long long)id) :
	    xasprintf("/invite #%lld", (long long)id);
	free(kw);
	return cmd;
}

char *h_reactivate_command(enum lang l, const struct person *p)
{
	char *kw = h_kw_first(H_T(l, T_KW_ON)), *cmd;

	cmd = p->kind == PERSON_TRAINER ? xasprintf("/trainer #%lld %s", (long long)p->id, kw) :
	    xasprintf("/reactivate #%lld", (long long)p->id);
	free(kw);
	return cmd;
}

/* The reply after adding (kind, id): who, and the invite to pass on.
 * first, last and phone are escaped already; belt is a belt's name. */
static int h_reply_added(struct h_ctx *ctx, int kind, int64_t id, const char *first,
    const char *last, const char *phone, const char *belt)
{
	struct buf b = { 0 };

	if (kind == PERSON_STUDENT)
		H_TF(&b, ctx->lang, T_STUDENT_ADDED, (long long)id, first, last, phone, belt);
	else
		H_TF(&b, ctx->lang, T_TRAINER_ADDED, (long long)id, first, last, phone);
	if (h_invite_issue(ctx, kind, id, &b) != 0) {
		buf_release(&b);
		return -1;
	}
	return h_reply_buf(ctx, &b);
}

/* 1 when s contains a decimal digit (a phone part, never a belt). */
static int h_has_digit(const char *s)
{
	return strpbrk(s, "0123456789") != NULL;
}

/*
 * /addstudent and /addtrainer: "<first> <last> <phone>" and, for
 * students, an optional belt. The phone may be typed with spaces
 * ("+7 900 123-45-67"): every word between the names and the belt is part
 * of it; a last word without digits is the belt. Everything is validated
 * before the insert, so bad input writes nothing; a taken phone is
 * reported with its owner when we can find them.
 */
static int h_person_add(struct h_ctx *ctx, const char *args, int kind)
{
	struct h_env *env = ctx->env;
	struct person dup = { 0 };
	struct buf b = { 0 };
	char **argv = NULL;
	char phone[PHONE_MAX];
	char *belt = NULL;
	const char *first = NULL, *last = NULL;
	size_t argc, nphone;
	int64_t id = 0;
	int rc = -1, dbrc;

	argc = h_args_words(ctx, args, &argv);
	if (!h_person_name_ok(argv[0]) || !h_person_name_ok(argv[1])) {
		H_TF(&b, ctx->lang, T_BAD_NAME, H_PERSON_NAME_MAX);
		rc = h_reply_buf(ctx, &b);
		goto out;
	}
	nphone = argc - 2;
	if (kind == PERSON_STUDENT && argc >= 4 && !h_has_digit(argv[argc - 1])) {
		size_t used;

		/* The belts table knows the names (and replies when unknown);
		 * a name may be several words ("синий пояс"). */
		if ((rc = h_belt_arg(ctx, argv + 3, argc - 3, &used, &belt)) != H_FOUND)
			goto out;
		nphone -= used;
		rc = -1;
	}
	if ((rc = h_phone_arg(ctx, argv + 2, nphone, phone)) != H_FOUND)
		goto out;
	rc = -1;

	if (kind == PERSON_STUDENT)
		dbrc = db_student_add(env->db, argv[0], argv[1], phone, belt, 0, env->now, &id);
	else
		dbrc = db_trainer_add(env->db, argv[0], argv[1], phone, env->now, &id);
	if (dbrc == DB_CONSTRAINT) {
		/* A student is named whatever their state: a deactivated one
		 * coming back is reactivated, not added again. */
		dbrc = kind == PERSON_STUDENT ? db_student_by_phone(env->db, phone, &dup) :
		    db_person_unlinked_by_phone(env->db, phone, &dup);
		if (dbrc == DB_NOTFOUND && kind == PERSON_TRAINER)
			dbrc = db_person_inactive_by_phone(env->db, phone, &dup);
		if (dbrc == DB_OK && dup.kind == kind) {
			first = h_esc(ctx, dup.first_name);
			last = h_esc(ctx, dup.last_name);
			if (dup.active) {
				H_TF(&b, ctx->lang, T_DUP_PHONE_NAMED, phone,
				    h_kind_name(dup.kind, ctx->lang), (long long)dup.id, first, last);
			} else {
				char *cmd = h_reactivate_command(ctx->lang, &dup);

				H_TF(&b, ctx->lang, T_DUP_PHONE_INACTIVE, phone,
				    h_kind_name(dup.kind, ctx->lang), (long long)dup.id, first, last, cmd);
				free(cmd);
			}
		} else if (dbrc == DB_OK || dbrc == DB_NOTFOUND)
			H_TF(&b, ctx->lang, T_DUP_PHONE, phone);
		else
			goto out;
		rc = h_reply_buf(ctx, &b);
		goto out;
	}
	if (dbrc != DB_OK)
		goto out;
	if (h_audit(ctx, kind == PERSON_STUDENT ? "student.add" : "trainer.add",
	    kind == PERSON_STUDENT ? "student" : "trainer", id, phone) != 0)
		goto out;
	log_info("handlers", "%s #%lld added by %lld", h_kind_name(kind, LANG_EN),
	    (long long)id, (long long)ctx->m->from_id);
	first = h_esc(ctx, argv[0]);
	last = h_esc(ctx, argv[1]);
	rc = h_reply_added(ctx, kind, id, first, last, phone,
	    h_belt_name(ctx->lang, belt != NULL ? belt : "white"));
out:
	free(belt);
	buf_release(&b);
	person_release(&dup);
	return rc;
}

static int h_cmd_addstudent(struct h_ctx *ctx, const char *args)
{
	return h_person_add(ctx, args, PERSON_STUDENT);
}

H_COMMAND(addstudent, ADDSTUDENT, .min_role = ROLE_OWNER,
	.args = { .min = 3, .max = H_ARGS_MANY, .kind = { [2] = H_ARG_REST } });

static int h_cmd_addtrainer(struct h_ctx *ctx, const char *args)
{
	return h_person_add(ctx, args, PERSON_TRAINER);
}

H_COMMAND(addtrainer, ADDTRAINER, .min_role = ROLE_OWNER,
	.args = { .min = 3, .max = H_ARGS_MANY, .kind = { [2] = H_ARG_REST } });

/* ---- /invite, /unlink, /invites --------------------------------------- */

/* Pending invites shown by /invites. */
#define H_INVITES_MAX 30

int h_person_invite(struct h_ctx *ctx, const struct person *p)
{
	struct buf b = { 0 };
	const char *first = h_esc(ctx, p->first_name), *last = h_esc(ctx, p->last_name);
	char *cmd = NULL;
	long long id = (long long)p->id;
	int rc = -1;

	if (p->tg_id != 0) {
		H_TF(&b, ctx->lang, T_STU_LINKED_ALREADY, id, first, last);
	} else if (!p->active) {
		cmd = h_reactivate_command(ctx->lang, p);
		H_TF(&b, ctx->lang, T_PERSON_INACTIVE, id, first, last, cmd);
	} else {
		H_TF(&b, ctx->lang, T_STU_INVITE, id, first, last);
		if (h_invite_issue(ctx, p->kind, p->id, &b) != 0)
			goto out;
	}
	rc = h_reply(ctx, buf_str(&b));
out:
	free(cmd);
	buf_release(&b);
	return rc;
}

/*
 * The record named by "[trainer] <#id | name>" (args of /invite and
 * /unlink): H_FOUND with *out filled, else H_REPLIED or H_FAILED.
 */
static enum h_found h_person_arg(struct h_ctx *ctx, const char *args, const char *example, struct person *out)
{
	char **argv = NULL;
	size_t argc = h_args_words(ctx, args, &argv);
	int trainer = argc > 0 && H_KW(argv, argc, 0, T_KW_TRAINER) == 1;
	enum h_found rc;

	memset(out, 0, sizeof(*out));
	if (trainer && argc == 1)
		rc = h_replied(h_reply_usage(ctx, example));
	else if (trainer)
		rc = h_find_person(ctx, PERSON_TRAINER, h_args_after(args, 1), 0, out);
	else
		rc = h_find_person(ctx, PERSON_STUDENT, args, H_FIND_INACTIVE, out);
	return rc;
}

static int h_cmd_invite(struct h_ctx *ctx, const char *args)
{
	struct person p;
	int rc = h_person_arg(ctx, args, H_T(ctx->lang, T_EXAMPLE_INVITE), &p);

	if (rc == 1)
		rc = h_person_invite(ctx, &p);
	person_release(&p);
	return rc;
}

H_COMMAND_USAGE(invite, INVITE, H_TA(T_USAGE_PERSON), .min_role = ROLE_OWNER,
	.args = { .min = 1, .max = H_ARGS_MANY, .kind = { [1] = H_ARG_REST } });

static int h_cmd_unlink(struct h_ctx *ctx, const char *args)
{
	struct h_env *env = ctx->env;
	struct person p;
	struct buf b = { 0 };
	char *cmd = NULL;
	const char *details = NULL, *first = NULL, *last = NULL;
	int64_t old_tg = 0;
	int rc = h_person_arg(ctx, args, H_T(ctx->lang, T_EXAMPLE_UNLINK), &p);

	if (rc != 1)
		goto out;
	rc = -1;
	first = h_esc(ctx, p.first_name);
	last = h_esc(ctx, p.last_name);
	if (db_person_unlink(env->db, p.kind, p.id, &old_tg) != DB_OK)
		goto out;
	if (old_tg == 0) {
		H_TF(&b, ctx->lang, T_UNLINK_NONE, (long long)p.id, first, last);
		rc = h_reply_buf(ctx, &b);
		goto out;
	}
	/* Access is revoked: no pending invite may link the record again
	 * behind the owner's back, no API token or calendar link outlives the link. */
	details = arena_printf(ctx->arena, "tg %lld", (long long)old_tg);
	if (db_invites_revoke(env->db, p.kind, p.id, env->now) != DB_OK ||
	    db_api_tokens_revoke_subject(env->db, p.kind, p.id, env->now) != DB_OK ||
	    db_calendar_secret_revoke(env->db, p.kind, p.id, env->now) == DB_ERROR ||
	    h_audit(ctx, p.kind == PERSON_TRAINER ? "trainer.unlink" : "student.unlink",
	    p.kind == PERSON_TRAINER ? "trainer" : "student", p.id, details) != 0)
		goto out;
	log_info("handlers", "%s #%lld unlinked from tg %lld by %lld", h_kind_name(p.kind, LANG_EN),
	    (long long)p.id, (long long)old_tg, (long long)ctx->m->from_id);
	/* Their command menu shrinks to what they may still use. */
	if (h_set_commands(env, old_tg, h_role_of(env, old_tg), h_lang_of(env, old_tg), NULL) != 0)
		goto out;
	cmd = h_invite_command(ctx->lang, p.kind, p.id);
	H_TF(&b, ctx->lang, T_UNLINKED, (long long)p.id, first, last, cmd);
	rc = h_reply_buf(ctx, &b);
out:
	free(cmd);
	buf_release(&b);
	person_release(&p);
	return rc;
}

H_COMMAND_USAGE(unlink, UNLINK, H_TA(T_USAGE_PERSON), .min_role = ROLE_OWNER,
	.args = { .min = 1, .max = H_ARGS_MANY, .kind = { [1] = H_ARG_REST } });

static int h_cmd_invites(struct h_ctx *ctx, const char *args)
{
	struct pending_invite *v = NULL;
	struct buf b = { 0 }, until = { 0 };
	size_t n = 0, i;
	int64_t total = 0;

	(void)args;
	if (db_invites_pending(ctx->env->db, ctx->env->now, H_INVITES_MAX, &v, &n, &total) != DB_OK)
		return -1;
	if (total == 0) {
		pending_invites_free(v, n);
		return h_reply(ctx, H_T(ctx->lang, T_INVITES_NONE));
	}
	/* Codes are never listed: a new /invite hands out a fresh one. */
	H_TF(&b, ctx->lang, T_INVITES_HEAD, (long long)total);
	struct arena_mark row = arena_mark(ctx->arena);
	for (i = 0; i < n; i++) {
		const char *first = h_esc(ctx, v[i].first_name), *last = h_esc(ctx, v[i].last_name);

		buf_truncate(&until, 0);
		buf_add_datetime(&until, v[i].expires_at);
		H_TF(&b, ctx->lang, T_INVITES_LINE, h_kind_name(v[i].kind, ctx->lang),
		    (long long)v[i].person_id, first, last, buf_str(&until));
		arena_reset(ctx->arena, row);
	}
	if ((int64_t)n < total)
		H_TF(&b, ctx->lang, T_INVITES_MORE, (long long)(total - (int64_t)n));
	buf_adds(&b, H_T(ctx->lang, T_INVITES_FOOT));
	buf_release(&until);
	pending_invites_free(v, n);
	return h_reply_buf(ctx, &b);
}

H_COMMAND_USAGE(invites, INVITES, H_USAGE_NONE, .min_role = ROLE_OWNER);
