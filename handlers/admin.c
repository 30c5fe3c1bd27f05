/*
 * admin.c — the owner manages students: a student's card with buttons
 * (/student), a paged list (/students), a new phone (/setphone), edits
 * of the name, e-mail, notes and health notes (/editstudent),
 * deactivation (/deactivate, /reactivate) and the CSV export (/export:
 * answered at once, its files written by the bot's loop in steps through
 * h_export_run).
 *
 * Invariant: every command and button is owner-only (the router checks
 * the table's role); bad input and stale buttons change nothing; every
 * change is written to the audit log.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>

#include "lib/civil.h"
#include "lib/file.h"
#include "lib/log.h"
#include "lib/util.h"
#include "handlers/command.h"
#include "handlers/reply.h"
#include "handlers/texts.h"
#include "storage/admin.h"
#include "storage/csv.h"
#include "storage/state.h"
#include "storage/store.h"

/* Students per page of /students. */
#define H_STUDENTS_PAGE 10
/* The filter travels in the buttons' callback_data ("sts:<page>:<all>:"
 * takes at most 16 of the 64 bytes); the limit shown to users is in
 * characters, Cyrillic letters being two bytes each. */
#define H_STUDENTS_FILTER_BYTES 40
#define H_STUDENTS_FILTER_CHARS 20
/* Notes shown on a card, in characters: the card must stay one message,
 * since its buttons edit it in place. */
#define H_CARD_NOTES_MAX 500

/* ---- the card ---------------------------------------------------------- */

/* The card's buttons; owned. */
static char *h_card_markup(struct h_ctx *ctx, const struct student_card *c)
{
	cJSON *mk = cJSON_CreateObject(), *rows = cJSON_AddArrayToObject(mk, "inline_keyboard");
	cJSON *row = cJSON_CreateArray();
	char data[64];
	long long id = (long long)c->p.id;

	snprintf(data, sizeof data, "stu:%lld:phone", id);
	h_button_add(row, H_T(ctx->lang, T_BTN_EDIT_PHONE), data);
	snprintf(data, sizeof data, "stu:%lld:%s", id, c->p.active ? "off" : "on");
	h_button_add(row, c->p.active ? H_T(ctx->lang, T_BTN_DEACTIVATE) :
	    H_T(ctx->lang, T_BTN_REACTIVATE), data);
	cJSON_AddItemToArray(rows, row);
	/* Money: handlers/billing.c answers these (bil:...). */
	row = cJSON_CreateArray();
	snprintf(data, sizeof data, "bil:sell:%lld", id);
	h_button_add(row, H_T(ctx->lang, T_BTN_SELL), data);
	snprintf(data, sizeof data, "bil:pay:%lld", id);
	h_button_add(row, H_T(ctx->lang, T_BTN_PAY), data);
	snprintf(data, sizeof data, "bil:frz:%lld", id);
	h_button_add(row, H_T(ctx->lang, T_BTN_FREEZE), data);
	cJSON_AddItemToArray(rows, row);
	if (c->p.tg_id == 0 && c->p.active) {
		row = cJSON_CreateArray();
		snprintf(data, sizeof data, "stu:%lld:inv", id);
		h_button_add(row, H_T(ctx->lang, T_BTN_INVITE), data);
		cJSON_AddItemToArray(rows, row);
	}
	return h_json_take(mk);
}

/* s cut to at most max code points (with "…" when cut); owned. */
static char *h_truncate(const char *s, size_t max)
{
	size_t i = 0, chars = 0;

	if (utf8_len(s) <= max)
		return xstrdup(s);
	for (; s[i] != '\0'; i++) {
		/* Count lead bytes; stop before the one past the limit. */
		if (((unsigned char)s[i] & 0xC0) != 0x80 && chars++ == max)
			break;
	}
	return xasprintf("%.*s…", (int)i, s);
}

/* The card's text into b. */
static void h_card_text(struct h_ctx *ctx, const struct student_card *c, struct buf *b)
{
	enum lang l = ctx->lang;
	const char *first = h_esc(ctx, c->p.first_name), *last = h_esc(ctx, c->p.last_name);
	struct buf from = { 0 }, until = { 0 };

	H_TF(b, l, T_CARD_HEAD, (long long)c->p.id, first, last);
	if (c->p.phone != NULL)
		H_TF(b, l, T_CARD_PHONE, h_esc(ctx, c->p.phone));
	else
		buf_adds(b, H_T(l, T_CARD_NO_PHONE));
	if (c->email != NULL)
		H_TF(b, l, T_CARD_EMAIL, h_esc(ctx, c->email));
	struct buf rank = { 0 };
	h_rank_add(&rank, l, c->p.belt, c->p.stripes);
	H_TF(b, l, T_CARD_BELT, buf_str(&rank));
	buf_release(&rank);
	if (c->birth_date != NULL)
		H_TF(b, l, T_CARD_BIRTH, h_esc(ctx, c->birth_date));
	if (c->p.tg_id == 0)
		buf_adds(b, H_T(l, T_CARD_TG_NONE));
	else if (c->p.reachable)
		buf_adds(b, H_T(l, T_CARD_TG_OK));
	else
		buf_adds(b, H_T(l, T_CARD_TG_UNREACHABLE));
	buf_adds(b, c->p.active ? H_T(l, T_CARD_ACTIVE) : H_T(l, T_CARD_INACTIVE));
	buf_add_date(&from, c->p.created_at);
	H_TF(b, l, T_CARD_REGISTERED, buf_str(&from));
	if (c->has_plan) {
		const char *title = h_esc(ctx, c->plan_title);

		buf_truncate(&from, 0);
		buf_add_date(&from, c->plan_starts_at);
		/* ends_at is exclusive: show the last day it is valid. */
		buf_add_date(&until, c->plan_ends_at - 1);
		H_TF(b, l, T_CARD_PLAN, title, buf_str(&from), buf_str(&until));
		if (c->plan_classes_left >= 0)
			H_TF(b, l, T_CARD_PLAN_LEFT, c->plan_classes_left);
		if (strcmp(c->plan_status, "frozen") == 0)
			buf_adds(b, H_T(l, T_CARD_PLAN_FROZEN));
		buf_addc(b, '\n');
	} else {
		buf_adds(b, H_T(l, T_CARD_NO_PLAN));
	}
	H_TF(b, l, T_CARD_VISITS, c->month_visits);
	if (c->notes != NULL && *c->notes != '\0') {
		char *notes = h_truncate(c->notes, H_CARD_NOTES_MAX);

		H_TF(b, l, T_CARD_NOTES, h_esc(ctx, notes));
		free(notes);
	}
	/* Health is for the owner's eyes: the router keeps the card out of
	 * group chats. */
	if (c->emergency != NULL)
		H_TF(b, l, T_CARD_EMERGENCY, h_esc(ctx, c->emergency));
	if (c->medical != NULL)
		H_TF(b, l, T_CARD_MEDICAL, h_esc(ctx, c->medical));
	buf_release(&until);
	buf_release(&from);
}

/*
 * Show student id's card: as a new message, or by editing message_id
 * (the card whose button was pressed) when it is not 0. 0, or -1 on a
 * database failure; DB_NOTFOUND is the caller's to check first.
 */
static int h_card_show(struct h_ctx *ctx, int64_t id, int64_t message_id)
{
	struct student_card c;
	struct buf b = { 0 };
	struct civil now;
	int64_t month_start, month_end;
	int rc = -1;

	civil_split(ctx->env->now, &now);
	civil_month_bounds(now.year, now.month, &month_start, &month_end);
	if (db_student_card(ctx->env->db, id, ctx->env->now, month_start, month_end, &c) != DB_OK)
		return -1;
	h_card_text(ctx, &c, &b);
	rc = h_show_buf(ctx, message_id, &b, h_card_markup(ctx, &c));
	student_card_release(&c);
	return rc;
}

static int h_cmd_student(struct h_ctx *ctx, const char *args)
{
	struct person p;
	int rc;

	rc = h_find_person(ctx, PERSON_STUDENT, args, H_FIND_INACTIVE, &p);
	if (rc != 1)
		return rc;
	rc = h_card_show(ctx, p.id, 0);
	person_release(&p);
	return rc;
}

H_COMMAND(student, STUDENT, .min_role = ROLE_OWNER,
	.args = { .min = 1, .max = H_ARGS_MANY, .kind = { H_ARG_REST } });

/* ---- activation -------------------------------------------------------- */

/*
 * Set p's active flag and audit it. *changed says whether it was needed.
 * 0, or -1 on a database failure.
 */
static int h_student_activate(struct h_ctx *ctx, const struct person *p, int active, int *changed)
{
	if (db_student_set_active(ctx->env->db, p->id, active, changed) != DB_OK)
		return -1;
	if (!*changed)
		return 0;
	log_info("admin", "student #%lld %s by %lld", (long long)p->id,
	    active ? "reactivated" : "deactivated", (long long)ctx->m->from_id);
	return h_audit(ctx, active ? "student.reactivate" : "student.deactivate", "student",
	    p->id, NULL);
}

/* Reply to /deactivate or /reactivate of p. */
static int h_reply_activated(struct h_ctx *ctx, const struct person *p, int active, int changed)
{
	struct buf b = { 0 };
	const char *first = h_esc(ctx, p->first_name), *last = h_esc(ctx, p->last_name);
	long long id = (long long)p->id;

	if (active && changed)
		H_TF(&b, ctx->lang, T_REACTIVATED, id, first, last);
	else if (active)
		H_TF(&b, ctx->lang, T_ALREADY_ACTIVE, id, first, last);
	else if (changed)
		H_TF(&b, ctx->lang, T_DEACTIVATED, id, first, last, id);
	else
		H_TF(&b, ctx->lang, T_ALREADY_INACTIVE, id, first, last);
	return h_reply_buf(ctx, &b);
}

/* /deactivate and /reactivate: one student, named by "#id" or a name. */
static int h_activate_cmd(struct h_ctx *ctx, const char *args, int active)
{
	struct person p;
	int rc, changed = 0;

	/* Deactivating looks among active students by name; reactivating
	 * among everyone. "#id" always finds the record. */
	rc = h_find_person(ctx, PERSON_STUDENT, args, active ? H_FIND_INACTIVE : 0, &p);
	if (rc != 1)
		return rc;
	if (!active && ctx->confirm && p.active) {
		const char *first = h_esc(ctx, p.first_name), *last = h_esc(ctx, p.last_name);
		struct buf b = { 0 };

		H_TF(&b, ctx->lang, T_CONFIRM_DEACTIVATE, first, last, (long long)p.id);
		rc = h_confirm_ask(ctx, buf_str(&b));
		buf_release(&b);
		person_release(&p);
		return rc;
	}
	rc = h_student_activate(ctx, &p, active, &changed);
	if (rc == 0)
		rc = h_reply_activated(ctx, &p, active, changed);
	person_release(&p);
	return rc;
}

static int h_cmd_deactivate(struct h_ctx *ctx, const char *args)
{
	return h_activate_cmd(ctx, args, 0);
}

H_COMMAND_USAGE(deactivate, DEACTIVATE, H_TA(T_USAGE_STUDENT), .min_role = ROLE_OWNER,
	.args = { .min = 1, .max = H_ARGS_MANY, .kind = { H_ARG_REST } });

static int h_cmd_reactivate(struct h_ctx *ctx, const char *args)
{
	return h_activate_cmd(ctx, args, 1);
}

H_COMMAND_USAGE(reactivate, REACTIVATE, H_TA(T_USAGE_STUDENT), .min_role = ROLE_OWNER,
	.args = { .min = 1, .max = H_ARGS_MANY, .kind = { H_ARG_REST } });

/* ---- /setbirth ------------------------------------------------------------ */

/* /setbirth #id|name YYYY-MM-DD (or "-" to clear): ages for the belt rules. */
static int h_cmd_setbirth(struct h_ctx *ctx, const char *args)
{
	struct person p = { 0 };
	struct buf b = { 0 };
	char **argv = NULL, iso[CIVIL_DATE_LEN];
	const char *first = NULL, *last = NULL;
	int y, m, d, rc = -1, clear;

	h_args_words(ctx, args, &argv);
	clear = strcmp(argv[1], "-") == 0;
	/* A real date, not in the future, and not before the oldest student
	 * anyone could have. */
	if (!clear && (civil_parse_date(argv[1], &y, &m, &d) != 0 ||
	    civil_local(y, m, d, 0) > ctx->env->now || civil_age(y, m, d, ctx->env->now) > 120)) {
		rc = h_reply_usage(ctx, H_T(ctx->lang, T_EXAMPLE_SETBIRTH));
		goto out;
	}
	if (!clear)
		civil_format_date(iso, y, m, d);
	if ((rc = h_find_person(ctx, PERSON_STUDENT, argv[0], H_FIND_INACTIVE, &p)) != H_FOUND)
		goto out;
	rc = -1;
	if (db_student_set_birth(ctx->env->db, p.id, clear ? NULL : iso) != DB_OK ||
	    h_audit(ctx, "student.birth_date", "student", p.id, clear ? "cleared" : iso) != 0)
		goto out;
	first = h_esc(ctx, p.first_name);
	last = h_esc(ctx, p.last_name);
	if (clear)
		H_TF(&b, ctx->lang, T_BIRTH_CLEARED, (long long)p.id, first, last);
	else
		H_TF(&b, ctx->lang, T_BIRTH_SET, (long long)p.id, first, last, iso,
		    civil_age(y, m, d, ctx->env->now));
	rc = h_reply_buf(ctx, &b);
out:
	buf_release(&b);
	person_release(&p);
	return rc;
}

H_COMMAND(setbirth, SETBIRTH, .min_role = ROLE_OWNER, .flags = H_CMD_STUDENT_FIRST,
	.args = { .min = 2, .max = 2, .kind = { [1] = H_ARG_DATE } });

/* ---- /setphone ---------------------------------------------------------- */

static int h_cmd_setphone(struct h_ctx *ctx, const char *args)
{
	struct h_env *env = ctx->env;
	struct person p = { 0 }, holder = { 0 };
	struct buf b = { 0 };
	char **argv = NULL, phone[PHONE_MAX];
	const char *details = NULL, *first = NULL, *last = NULL;
	size_t argc;
	int rc = -1, dbrc;

	argc = h_args_words(ctx, args, &argv);
	/* The phone may be typed with spaces: every word after the student. */
	if ((rc = h_phone_arg(ctx, argv + 1, argc - 1, phone)) != H_FOUND)
		goto out;
	if ((rc = h_find_person(ctx, PERSON_STUDENT, argv[0], H_FIND_INACTIVE, &p)) != H_FOUND)
		goto out;
	rc = -1;
	first = h_esc(ctx, p.first_name);
	last = h_esc(ctx, p.last_name);
	if (p.phone != NULL && strcmp(p.phone, phone) == 0) {
		H_TF(&b, ctx->lang, T_PHONE_SAME, (long long)p.id, first, last, phone);
		rc = h_reply_buf(ctx, &b);
		goto out;
	}
	dbrc = db_student_set_phone(env->db, p.id, phone);
	if (dbrc == DB_CONSTRAINT) {
		if (db_student_by_phone(env->db, phone, &holder) != DB_OK)
			goto out;
		first = h_esc(ctx, holder.first_name);
		last = h_esc(ctx, holder.last_name);
		H_TF(&b, ctx->lang, T_PHONE_TAKEN, phone, (long long)holder.id, first, last);
		rc = h_reply_buf(ctx, &b);
		goto out;
	}
	if (dbrc != DB_OK)
		goto out;
	details = arena_printf(ctx->arena, "%s -> %s", p.phone != NULL ? p.phone : "none", phone);
	if (h_audit(ctx, "student.phone", "student", p.id, details) != 0)
		goto out;
	log_info("admin", "student #%lld phone changed by %lld", (long long)p.id,
	    (long long)ctx->m->from_id);
	H_TF(&b, ctx->lang, T_PHONE_SET, (long long)p.id, first, last, phone);
	rc = h_reply_buf(ctx, &b);
out:
	buf_release(&b);
	person_release(&holder);
	person_release(&p);
	return rc;
}

H_COMMAND(setphone, SETPHONE, .min_role = ROLE_OWNER, .flags = H_CMD_STUDENT_FIRST,
	.args = { .min = 2, .max = H_ARGS_MANY, .kind = { [1] = H_ARG_REST } });

/* ---- /editstudent -------------------------------------------------------- */

/* The fields /editstudent changes besides the name: what the owner
 * types (English or Russian), the label replies use, the longest value. */
static const struct h_edit_field {
	const char *word_en, *word_ru;
	enum student_field field;
	const char *label[2];      /* by enum lang */
	size_t max;                /* characters */
} h_edit_fields[] = {
	{ "email", "почта", STUDENT_EMAIL, { T_FIELD_EMAIL_EN, T_FIELD_EMAIL_RU }, 254 },
	{ "notes", "заметки", STUDENT_NOTES, { T_FIELD_NOTES_EN, T_FIELD_NOTES_RU },
	    H_CARD_NOTES_MAX },
	{ "emergency", "экстренный", STUDENT_EMERGENCY,
	    { T_FIELD_EMERGENCY_EN, T_FIELD_EMERGENCY_RU }, 100 },
	{ "medical", "здоровье", STUDENT_MEDICAL, { T_FIELD_MEDICAL_EN, T_FIELD_MEDICAL_RU },
	    200 },
};

/* A plausible address: one '@' with text before it and a dot after it,
 * no white space. */
static int h_email_ok(const char *s)
{
	const char *at = strchr(s, '@');

	return at != NULL && at != s && strchr(at + 1, '@') == NULL &&
	    strchr(at + 1, '.') != NULL && at[strlen(at) - 1] != '.' &&
	    strpbrk(s, " \t\r\n") == NULL;
}

/* s without trailing white space (a newline pasted in); owned. */
static char *h_rtrim_dup(const char *s)
{
	size_t len = strlen(s);

	while (len > 0 && strchr(" \t\r\n", s[len - 1]) != NULL)
		len--;
	return xstrndup(s, len);
}

/* "name <first> [last...]": the rest of the words are the last name
 * ("de la Cruz"). */
static int h_edit_name(struct h_ctx *ctx, const struct person *p, const char *value)
{
	struct buf b = { 0 };
	char **argv = NULL;
	const char *first = NULL, *last = NULL, *old_first = NULL, *old_last = NULL;
	char *rest = NULL;
	const char *details = NULL;
	size_t argc = h_args_words(ctx, value, &argv);
	int rc = -1;

	if (argc == 0 || (argc == 1 && strcmp(argv[0], "-") == 0)) {
		rc = h_reply(ctx, H_T(ctx->lang, T_EDIT_NAME_NEEDED));
		goto out;
	}
	rest = h_rtrim_dup(h_args_after(value, 1));
	if (!h_person_name_ok(argv[0]) || (*rest != '\0' && !h_person_name_ok(rest))) {
		H_TF(&b, ctx->lang, T_BAD_NAME, H_PERSON_NAME_MAX);
		rc = h_reply_buf(ctx, &b);
		goto out;
	}
	if (db_student_set_name(ctx->env->db, p->id, argv[0], rest) != DB_OK)
		goto out;
	details = arena_printf(ctx->arena,
	    "%s %s -> %s %s", p->first_name, p->last_name, argv[0], rest);
	if (h_audit(ctx, "student.name", "student", p->id, details) != 0)
		goto out;
	first = h_esc(ctx, argv[0]);
	last = h_esc(ctx, rest);
	old_first = h_esc(ctx, p->first_name);
	old_last = h_esc(ctx, p->last_name);
	H_TF(&b, ctx->lang, T_EDIT_NAME, (long long)p->id, first, last, old_first, old_last);
	rc = h_reply_buf(ctx, &b);
out:
	free(rest);
	buf_release(&b);
	return rc;
}

/* Set or clear ("-") field f of p to value (the rest of the line). */
static int h_edit_text(struct h_ctx *ctx, const struct person *p, const struct h_edit_field *f,
    const char *value)
{
	struct buf b = { 0 };
	char *val = NULL;
	const char *details = NULL, *first = NULL, *last = NULL, *label = f->label[ctx->lang];
	int clear, rc = -1;

	val = h_rtrim_dup(value);
	clear = strcmp(val, "-") == 0;
	if (!clear && utf8_len(val) > f->max) {
		H_TF(&b, ctx->lang, T_EDIT_TOO_LONG, label, (int)f->max);
		rc = h_reply_buf(ctx, &b);
		goto out;
	}
	if (!clear && f->field == STUDENT_EMAIL && !h_email_ok(val)) {
		const char *esc = h_esc(ctx, val);

		H_TF(&b, ctx->lang, T_EDIT_BAD_EMAIL, esc);
		rc = h_reply_buf(ctx, &b);
		goto out;
	}
	if (db_student_set_field(ctx->env->db, p->id, f->field, clear ? NULL : val) != DB_OK)
		goto out;
	/* Health and notes stay out of the audit log: which field, not what. */
	details = arena_printf(ctx->arena, "%s %s", f->word_en, clear ? "cleared" :
	    f->field == STUDENT_EMAIL ? val : "set");
	if (h_audit(ctx, "student.edit", "student", p->id, details) != 0)
		goto out;
	log_info("admin", "student #%lld %s changed by %lld", (long long)p->id, f->word_en,
	    (long long)ctx->m->from_id);
	first = h_esc(ctx, p->first_name);
	last = h_esc(ctx, p->last_name);
	if (clear) {
		H_TF(&b, ctx->lang, T_EDIT_CLEARED, (long long)p->id, first, last, label);
	} else {
		const char *esc = h_esc(ctx, val);

		H_TF(&b, ctx->lang, T_EDIT_SET, (long long)p->id, first, last, label, esc);
	}
	rc = h_reply_buf(ctx, &b);
out:
	free(val);
	buf_release(&b);
	return rc;
}

/* /editstudent <#id|name> <field> <value|->. */
static int h_cmd_editstudent(struct h_ctx *ctx, const char *args)
{
	const struct h_edit_field *f = NULL;
	struct person p = { 0 };
	char **argv = NULL;
	size_t i;
	int name = 0, rc;

	h_args_words(ctx, args, &argv);
	name = utf8_ieq(argv[1], "name") || utf8_ieq(argv[1], "имя");
	for (i = 0; i < BJJ_ARRAY_LEN(h_edit_fields) && !name; i++) {
		if (utf8_ieq(argv[1], h_edit_fields[i].word_en) ||
		    utf8_ieq(argv[1], h_edit_fields[i].word_ru))
			f = &h_edit_fields[i];
	}
	/* Checked before the student, so a typo never asks which Ivan. */
	if (!name && f == NULL) {
		rc = h_reply_usage(ctx, H_T(ctx->lang, T_EXAMPLE_EDITSTUDENT));
		goto out;
	}
	if ((rc = h_find_person(ctx, PERSON_STUDENT, argv[0], H_FIND_INACTIVE, &p)) != H_FOUND)
		goto out;
	rc = name ? h_edit_name(ctx, &p, h_args_after(args, 2)) :
	    h_edit_text(ctx, &p, f, h_args_after(args, 2));
out:
	person_release(&p);
	return rc;
}

H_COMMAND(editstudent, EDITSTUDENT, .min_role = ROLE_OWNER, .flags = H_CMD_STUDENT_FIRST,
	.args = { .min = 3, .max = H_ARGS_MANY, .kind = { [2] = H_ARG_REST } });

/* ---- card buttons: stu:<id>:<phone|off|on|inv> -------------------------- */

int h_cb_student(struct h_ctx *ctx, const char *key)
{
	struct person p;
	struct buf b = { 0 };
	char action[8];
	long long id;
	int n = 0, rc, changed = 0;

	if (sscanf(key, "%lld:%7[a-z]%n", &id, action, &n) != 2 || key[n] != '\0' || id <= 0)
		return h_reply(ctx, H_T(ctx->lang, T_CB_OUTDATED));
	rc = db_person_get(ctx->env->db, PERSON_STUDENT, id, &p);
	if (rc == DB_NOTFOUND)
		return h_reply(ctx, H_T(ctx->lang, T_STU_GONE));
	if (rc != DB_OK)
		return -1;
	if (strcmp(action, "phone") == 0) {
		H_TF(&b, ctx->lang, T_STU_PHONE_HOW, id);
		rc = h_reply_buf(ctx, &b);
	} else if (strcmp(action, "off") == 0 || strcmp(action, "on") == 0) {
		int active = strcmp(action, "on") == 0;

		rc = h_student_activate(ctx, &p, active, &changed);
		/* Unchanged means the card is stale: say so rather than repaint
		 * it identically (Telegram refuses an edit that changes nothing). */
		if (rc == 0 && changed)
			rc = h_card_show(ctx, p.id, ctx->m->message_id);
		else if (rc == 0)
			rc = h_reply_activated(ctx, &p, active, 0);
	} else if (strcmp(action, "inv") == 0) {
		rc = h_person_invite(ctx, &p);
	} else {
		rc = h_reply(ctx, H_T(ctx->lang, T_CB_OUTDATED));
	}
	person_release(&p);
	return rc;
}

/* ---- /students ---------------------------------------------------------- */

/*
 * Page `page` (from 0; clamped to the last) of the list into *text and
 * *markup (owned; markup NULL without other pages).
 */
static int h_students_render(struct h_ctx *ctx, int page, int all, const char *filter, char **text,
    char **markup)
{
	struct person *v = NULL;
	struct buf b = { 0 };
	size_t n = 0, i;
	int64_t total = 0;
	int pages;
	const char *esc;

	*text = *markup = NULL;
	if (page < 0)
		page = 0;
	if (db_students_page(ctx->env->db, filter, all, (size_t)page * H_STUDENTS_PAGE,
	    H_STUDENTS_PAGE, &v, &n, &total) != DB_OK)
		return -1;
	pages = (int)((total + H_STUDENTS_PAGE - 1) / H_STUDENTS_PAGE);
	if (total > 0 && page >= pages) {
		/* The list shrank since the buttons were made. */
		persons_free(v, n);
		return h_students_render(ctx, pages - 1, all, filter, text, markup);
	}
	esc = h_esc(ctx, filter);
	if (total == 0 && *filter == '\0') {
		buf_adds(&b, H_T(ctx->lang, T_STUDENTS_NONE));
	} else if (total == 0) {
		H_TF(&b, ctx->lang, T_STUDENTS_NO_MATCH, esc);
	} else {
		if (all)
			H_TF(&b, ctx->lang, T_STUDENTS_HEAD_ALL, (long long)total, page + 1, pages);
		else
			H_TF(&b, ctx->lang, T_STUDENTS_HEAD, (long long)total, page + 1, pages);
		if (*filter != '\0')
			H_TF(&b, ctx->lang, T_STUDENTS_FILTER, esc);
		struct arena_mark row = arena_mark(ctx->arena);
		for (i = 0; i < n; i++) {
			const char *first = h_esc(ctx, v[i].first_name);
			const char *last = h_esc(ctx, v[i].last_name);
			struct buf rank = { 0 };

			h_rank_add(&rank, ctx->lang, v[i].belt, v[i].stripes);
			H_TF(&b, ctx->lang, T_STUDENTS_LINE, (long long)v[i].id, first, last,
			    buf_str(&rank));
			if (v[i].tg_id != 0)
				buf_adds(&b, H_T(ctx->lang, T_STUDENTS_LINKED));
			if (!v[i].active)
				buf_adds(&b, H_T(ctx->lang, T_STUDENTS_INACTIVE));
			buf_release(&rank);
			arena_reset(ctx->arena, row);
		}
		buf_adds(&b, H_T(ctx->lang, T_STUDENTS_FOOT));
	}
	if (pages > 1) {
		cJSON *mk = cJSON_CreateObject(), *rows = cJSON_AddArrayToObject(mk, "inline_keyboard");
		cJSON *row = cJSON_CreateArray();
		char data[64];

		if (page > 0) {
			snprintf(data, sizeof data, "sts:%d:%d:%s", page - 1, all, filter);
			h_button_add(row, H_T(ctx->lang, T_BTN_PREV), data);
		}
		if (page + 1 < pages) {
			snprintf(data, sizeof data, "sts:%d:%d:%s", page + 1, all, filter);
			h_button_add(row, H_T(ctx->lang, T_BTN_NEXT), data);
		}
		cJSON_AddItemToArray(rows, row);
		*markup = h_json_take(mk);
	}
	*text = buf_detach(&b);
	persons_free(v, n);
	return 0;
}

static int h_cmd_students(struct h_ctx *ctx, const char *args)
{
	struct buf filter = { 0 };
	char **argv = NULL, *text = NULL, *markup = NULL;
	size_t argc, i = 0;
	int all = 0, rc;

	argc = h_args_words(ctx, args, &argv);
	if (argc > 0 && H_KW(argv, argc, 0, T_KW_ALL) == 1) {
		all = 1;
		i = 1;
	}
	for (; i < argc; i++)
		buf_addf(&filter, "%s%s", filter.len ? " " : "", argv[i]);
	if (filter.len > H_STUDENTS_FILTER_BYTES) {
		buf_truncate(&filter, 0);
		H_TF(&filter, ctx->lang, T_STUDENTS_FILTER_LONG, H_STUDENTS_FILTER_CHARS);
		rc = h_reply_buf(ctx, &filter);
		goto out;
	}
	rc = h_students_render(ctx, 0, all, buf_str(&filter), &text, &markup);
	if (rc == 0)
		rc = h_reply_markup(ctx, text, markup);
out:
	free(markup);
	free(text);
	buf_release(&filter);
	return rc;
}

H_COMMAND(students, STUDENTS, .min_role = ROLE_OWNER,
	.args = { .max = H_ARGS_MANY, .kind = { [1] = H_ARG_REST } });

int h_cb_students(struct h_ctx *ctx, const char *key)
{
	char *text = NULL, *markup = NULL;
	int page, all, n = 0, rc;

	/* "<page>:<all>:<filter>"; the filter may be empty or hold colons. */
	if (sscanf(key, "%d:%d:%n", &page, &all, &n) != 2 || n == 0 || page < 0 ||
	    (all != 0 && all != 1) || strlen(key + n) > H_STUDENTS_FILTER_BYTES)
		return h_reply(ctx, H_T(ctx->lang, T_CB_OUTDATED));
	rc = h_students_render(ctx, page, all, key + n, &text, &markup);
	if (rc == 0)
		rc = h_edit(ctx, ctx->m->message_id, text, markup);
	free(markup);
	free(text);
	return rc;
}

/* ---- /export ----------------------------------------------------------- */

/*
 * /export answers at once and records the request in bot_state
 * (H_EXPORT_KEY: "<chat> <from> <language> <requested at>"); the bot's
 * loop writes the files a few milliseconds at a time (h_export_run) and
 * queues the summary and the documents in the savepoint that clears the
 * request, so a crash before that sends nothing and the next start
 * writes the files again. One export at a time.
 */
#define H_EXPORT_KEY "export_pending"

struct h_export {
	struct csv_export *x;
	int64_t chat_id, from_id, at;
	enum lang lang;
};

void h_export_free(struct h_export *e)
{
	if (e == NULL)
		return;
	csv_export_free(e->x);
	free(e);
}

/* The request waiting: 1 with e filled, 0 none (an unreadable one is
 * cleared), -1 failure. */
static int h_export_request(struct h_env *env, struct h_export *e)
{
	char *v = NULL, code[16];
	long long chat, from, at;
	int rc = 0;

	if (db_state_get_text(env->db, H_EXPORT_KEY, &v) != DB_OK)
		return -1;
	if (v == NULL)
		return 0;
	if (sscanf(v, "%lld %lld %15s %lld", &chat, &from, code, &at) == 4) {
		e->chat_id = chat;
		e->from_id = from;
		e->at = at;
		e->lang = h_lang_from_code(code, env->default_lang);
		rc = 1;
	} else {
		log_warn("admin", "export request \"%s\" unreadable: dropped", v);
		rc = db_state_set_text(env->db, H_EXPORT_KEY, NULL) == DB_OK ? 0 : -1;
	}
	free(v);
	return rc;
}

int h_export_pending(struct h_env *env)
{
	char *v = NULL;

	if (db_state_get_text(env->db, H_EXPORT_KEY, &v) != DB_OK)
		return -1;
	free(v);
	return v != NULL;
}

/* The summary and one document per file, to the chat that asked. */
static int h_export_send(struct h_env *env, const struct h_export *e, const struct csv_file *files,
    size_t n)
{
	struct buf b = { 0 };
	int rc;

	H_TF(&b, e->lang, T_EXPORT_DONE, (int)n);
	rc = h_send(env, e->chat_id, buf_str(&b), NULL);
	for (size_t i = 0; i < n && rc == 0; i++) {
		const char *slash = strrchr(files[i].path, '/');
		char *name = html_escape(slash != NULL ? slash + 1 : files[i].path);

		buf_truncate(&b, 0);
		H_TF(&b, e->lang, T_EXPORT_CAPTION, name, (long long)files[i].rows);
		free(name);
		rc = h_send_document(env, e->chat_id, files[i].path, buf_str(&b));
	}
	if (rc == 0)
		log_info("admin", "export of %zu files by %lld", n, (long long)e->from_id);
	buf_release(&b);
	return rc;
}

/* The export is over (ok: its files are in place): tell the chat and
 * clear the request, all or nothing. 0 or -1. */
static int h_export_finish(struct h_env *env, struct h_export *e, int ok)
{
	struct csv_file *files = NULL;
	size_t n = 0;
	int rc;

	if (db_savepoint(env->db) != DB_OK)
		return -1;
	if (ok) {
		files = csv_export_take(e->x, &n);
		rc = h_export_send(env, e, files, n);
	} else {
		rc = h_send(env, e->chat_id, H_T(e->lang, T_EXPORT_FAILED), NULL);
	}
	if (rc == 0 && db_state_set_text(env->db, H_EXPORT_KEY, NULL) != DB_OK)
		rc = -1;
	csv_files_free(files, n);
	if (rc == 0 && db_savepoint_release(env->db) == DB_OK)
		return 0;
	db_savepoint_rollback(env->db);
	return -1;
}

int h_export_run(struct h_env *env, struct db *rdb, struct h_export **state, double budget)
{
	struct h_export *e = *state;
	char err[512];
	int rc;

	if (e == NULL) {
		e = xcalloc(1, sizeof(*e));
		if ((rc = h_export_request(env, e)) <= 0) {
			free(e);
			return rc;
		}
		e->x = csv_export_begin(rdb, rdb != env->db, env->cfg->export_dir ?
		    env->cfg->export_dir : "", e->at, err, sizeof err);
		if (e->x == NULL)
			log_error("admin", "export: %s", err);
		*state = e;
	}
	rc = e->x != NULL ? csv_export_step(e->x, budget, err, sizeof err) : -1;
	if (rc == 1)
		return 1;
	rc = h_export_finish(env, e, rc == 0);
	h_export_free(e);
	*state = NULL;
	return rc;
}

static int h_cmd_export(struct h_ctx *ctx, const char *args)
{
	struct h_env *env = ctx->env;
	char *pending = NULL, req[128];

	(void)args;
	/* A folder that cannot be made fails now, not after the wait. */
	if (env->cfg->export_dir == NULL || *env->cfg->export_dir == '\0' ||
	    dirs_create_private(env->cfg->export_dir) != 0) {
		log_warn("admin", "export failed: no folder \"%s\"",
		    env->cfg->export_dir ? env->cfg->export_dir : "");
		return h_reply(ctx, H_T(ctx->lang, T_EXPORT_FAILED));
	}
	if (db_state_get_text(env->db, H_EXPORT_KEY, &pending) != DB_OK)
		return -1;
	if (pending != NULL) {
		free(pending);
		return h_reply(ctx, H_T(ctx->lang, T_EXPORT_BUSY));
	}
	snprintf(req, sizeof(req), "%lld %lld %s %lld", (long long)ctx->m->chat_id,
	    (long long)ctx->m->from_id, h_lang_info(ctx->lang)->code, (long long)env->now);
	if (db_state_set_text(env->db, H_EXPORT_KEY, req) != DB_OK ||
	    h_audit(ctx, "export", "academy", 0, env->cfg->export_dir) != 0)
		return -1;
	return h_reply(ctx, H_T(ctx->lang, T_EXPORT_STARTED));
}

H_COMMAND_USAGE(export, EXPORT, H_USAGE_NONE, .min_role = ROLE_OWNER);
