/*
 * resolve.c — naming a student in a command: "#12" (or "№12"), "12",
 * their phone or a piece of a name; a trainer: "#2", "2" or a piece of a
 * name. A name
 * that matches several students answers with one button per student; the
 * command waits in the picks table and runs again, as typed, with "#<id>"
 * in place of the name when a button is pressed.
 *
 * A money or destructive command re-run so (ctx->confirm) does not write:
 * it asks h_confirm_ask's question, naming the person and the amount or
 * plan, and its resolved text waits in another picks row (ref
 * H_CONFIRM_REF) for the Confirm tap ("cfm:<pick>"), which runs it. Typed
 * with "#id" it stays one step. A pick row is taken once and only by its
 * own user, so a stale or forged button changes nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "lib/util.h"
#include "handlers/command.h"
#include "handlers/reply.h"
#include "handlers/texts.h"
#include "storage/admin.h"
#include "storage/store.h"

/* At most this many buttons; a vaguer name asks for a better one. */
#define H_PICK_MAX 8
/* A bare number this long or shorter is a record's number; a longer one
 * is a phone (phones have at least 7 digits). */
#define H_ID_DIGITS_MAX 6
/* The ref of a picks row waiting for a confirmation, never a name typed
 * (a name-pick button that names this row finds no ref in its text). */
#define H_CONFIRM_REF "\x01" "confirm"

void h_api_done(struct h_ctx *ctx, const char *entity, int64_t id)
{
	struct h_api_run *run = ctx->env->api;

	if (run == NULL || run->entity == NULL || strcmp(run->entity, entity) != 0 || run->done)
		return;
	run->id = id;
	run->done = 1;
}

int h_audit(struct h_ctx *ctx, const char *action, const char *entity, int64_t id,
    const char *details)
{
	struct arena_mark mark = arena_mark(ctx->arena);
	int rc;

	/* The row keeps a copy: the suffixed details go back to the arena. */
	if (ctx->env->api != NULL)
		details = details != NULL ? arena_printf(ctx->arena, "%s via=api", details) :
		    "via=api";
	rc = db_audit(ctx->env->db, ctx->env->now, ctx->m->from_id, action, entity, id,
	    details) == DB_OK ? 0 : -1;
	arena_reset(ctx->arena, mark);
	if (rc == 0)
		h_api_done(ctx, entity, id);
	return rc;
}

/* Reply with one button per candidate. */
static int h_find_ask(struct h_ctx *ctx, const char *ref, const struct person *v, size_t n)
{
	struct buf b = { 0 }, label = { 0 };
	cJSON *mk = cJSON_CreateObject(), *rows = cJSON_AddArrayToObject(mk, "inline_keyboard");
	int64_t pick;
	char data[64];
	const char *esc = h_esc(ctx, ref);
	size_t i;
	int rc;

	if (db_pick_create(ctx->env->db, ctx->m->from_id, ctx->m->text, ref, ctx->env->now,
	    &pick) != DB_OK) {
		cJSON_Delete(mk);
		return -1;
	}
	for (i = 0; i < n; i++) {
		buf_truncate(&label, 0);
		buf_addf(&label, "#%lld %s %s%s", (long long)v[i].id, v[i].first_name,
		    v[i].last_name, v[i].active ? "" : " (-)");
		snprintf(data, sizeof(data), "pick:%lld:%lld", (long long)pick, (long long)v[i].id);
		h_button_row_add(rows, buf_str(&label), data);
	}
	H_TF(&b, ctx->lang, T_FIND_SEVERAL, esc);
	rc = h_reply_take_markup(ctx, buf_str(&b), h_json_take(mk));
	buf_release(&b);
	buf_release(&label);
	return rc;
}

/* 1 when s is all decimal digits (and not empty). */
static int h_all_digits(const char *s)
{
	return *s != '\0' && s[strspn(s, "0123456789")] == '\0';
}

/* The length of the "#" (or the "№" of Russian keyboards) that ref starts
 * with, 0 when none. */
static size_t h_id_mark_len(const char *ref)
{
	if (ref[0] == '#')
		return 1;
	return strncmp(ref, "№", strlen("№")) == 0 ? strlen("№") : 0;
}

char *h_student_full_name(struct h_ctx *ctx, const char *args)
{
	struct person *v = NULL;
	char **argv, *two = NULL, *full = NULL, *out = NULL;
	const char *rest;
	size_t argc = h_args_words(ctx, args, &argv), n = 0;

	if (argc < 2 || h_id_mark_len(argv[0]) > 0 || argv[0][0] == '+' ||
	    strspn(argv[0], "0123456789") > 0)
		goto done;
	two = xasprintf("%s %s", argv[0], argv[1]);
	if (db_students_search(ctx->env->db, two, 0, 2, &v, &n) != DB_OK || n != 1)
		goto done;
	full = xasprintf("%s %s", v[0].first_name, v[0].last_name);
	if (!utf8_ieq(two, full))
		goto done;
	rest = h_args_after(args, 2);
	out = *rest != '\0' ? xasprintf("#%lld %s", (long long)v[0].id, rest) :
	    xasprintf("#%lld", (long long)v[0].id);
done:
	persons_free(v, n);
	free(full);
	free(two);
	return out;
}

int h_number(const char *s, int64_t *id)
{
	return parse_i64(s + h_id_mark_len(s), id) == 0 && *id > 0;
}

/* The student with the phone typed as ref ("+7900...", "8900..."):
 * H_FOUND, H_REPLIED or H_FAILED. */
static enum h_found h_find_by_phone(struct h_ctx *ctx, const char *ref, struct person *out)
{
	struct buf b = { 0 };
	char phone[PHONE_MAX];
	const char *esc;
	int rc;

	if (phone_normalize(ref, phone) == 0) {
		rc = db_student_by_phone(ctx->env->db, phone, out);
		if (rc == DB_OK)
			return H_FOUND;
		if (rc != DB_NOTFOUND)
			return H_FAILED;
	}
	esc = h_esc(ctx, ref);
	H_TF(&b, ctx->lang, T_FIND_NO_PHONE, esc);
	return h_replied(h_reply_buf(ctx, &b));
}

/* The person numbered ref ("#12", "12", "№12"): H_FOUND, H_REPLIED (a
 * bad number, no such person, an inactive trainer with H_FIND_ACTIVE) or
 * H_FAILED. */
static enum h_found h_find_by_number(struct h_ctx *ctx, int kind, const char *ref, int flags, struct person *out)
{
	struct buf b = { 0 };
	int64_t id;
	const char *esc;
	int rc;

	if (!h_number(ref, &id)) {
		esc = h_esc(ctx, ref);
		if (kind == PERSON_STUDENT)
			H_TF(&b, ctx->lang, T_FIND_BAD_ID, esc);
		else
			H_TF(&b, ctx->lang, T_FIND_NO_TRAINER_NAME, esc);
		return h_replied(h_reply_buf(ctx, &b));
	}
	rc = db_person_get(ctx->env->db, kind, id, out);
	if (rc == DB_OK && (out->active || !(flags & H_FIND_ACTIVE)))
		return H_FOUND;
	if (rc == DB_OK)
		person_release(out);
	else if (rc != DB_NOTFOUND)
		return H_FAILED;
	if (kind == PERSON_STUDENT)
		H_TF(&b, ctx->lang, T_FIND_NO_ID, (long long)id);
	else if (flags & H_FIND_ACTIVE)
		H_TF(&b, ctx->lang, T_FIND_NO_ACTIVE_TRAINER, (long long)id);
	else
		H_TF(&b, ctx->lang, T_FIND_NO_TRAINER, (long long)id);
	return h_replied(h_reply_buf(ctx, &b));
}

/* No trainer or several matched ref (n of them in v, at most
 * H_PICK_MAX listed): trainers are few, so the reply lists them with
 * their numbers. 0 or -1. */
static int h_find_trainers_list(struct h_ctx *ctx, const char *ref, const struct person *v, size_t n)
{
	struct buf b = { 0 };
	const char *esc = h_esc(ctx, ref);

	if (n == 0)
		H_TF(&b, ctx->lang, T_FIND_NO_TRAINER_NAME, esc);
	else
		H_TF(&b, ctx->lang, T_FIND_TRAINERS_SEVERAL, esc);
	for (size_t i = 0; i < n && i < H_PICK_MAX; i++) {
		buf_addf(&b, "\n#%lld ", (long long)v[i].id);
		buf_add_html(&b, v[i].first_name);
		buf_addc(&b, ' ');
		buf_add_html(&b, v[i].last_name);
	}
	return h_reply_buf(ctx, &b);
}

/* No student or several matched ref (n of them in v): say so, or ask
 * which one with a button each. 0 or -1. */
static int h_find_students_ask(struct h_ctx *ctx, const char *ref, const struct person *v, size_t n)
{
	struct buf b = { 0 };
	const char *esc;

	if (n > 0 && n <= H_PICK_MAX)
		return h_find_ask(ctx, ref, v, n);
	esc = h_esc(ctx, ref);
	if (n == 0)
		H_TF(&b, ctx->lang, T_FIND_NO_NAME, esc);
	else
		H_TF(&b, ctx->lang, T_FIND_TOO_MANY, esc);
	return h_reply_buf(ctx, &b);
}

enum h_found h_find_person(struct h_ctx *ctx, int kind, const char *ref, int flags, struct person *out)
{
	struct person *v = NULL;
	size_t n = 0;
	int active_only, rc;

	memset(out, 0, sizeof(*out));
	if (kind == PERSON_STUDENT) {
		if (ref == NULL || *ref == '\0')
			return h_replied(h_reply(ctx, H_T(ctx->lang, T_FIND_NONE_GIVEN)));
		/* No name is made of digits: a short number is a student's
		 * number, a long one (or one with "+") is their phone. */
		if ((ref[0] == '+' && h_all_digits(ref + 1)) ||
		    (h_all_digits(ref) && strlen(ref) > H_ID_DIGITS_MAX))
			return h_find_by_phone(ctx, ref, out);
	}
	if ((flags & H_FIND_NOBODY) && strcmp(ref, "-") == 0)
		return H_FOUND;
	if (h_id_mark_len(ref) > 0 || h_all_digits(ref))
		return h_find_by_number(ctx, kind, ref, flags, out);
	/* By name, students are looked for among the active ones unless
	 * H_FIND_INACTIVE, trainers among all unless H_FIND_ACTIVE. */
	active_only = kind == PERSON_STUDENT ? !(flags & H_FIND_INACTIVE) :
	    (flags & H_FIND_ACTIVE) != 0;
	if (db_people_search(ctx->env->db, kind, ref, active_only, H_PICK_MAX + 1, &v,
	    &n) != DB_OK)
		return H_FAILED;
	if (n == 1) {
		*out = v[0];
		memset(&v[0], 0, sizeof(v[0]));
		persons_free(v, n);
		return H_FOUND;
	}
	rc = kind == PERSON_STUDENT ? h_find_students_ask(ctx, ref, v, n) :
	    h_find_trainers_list(ctx, ref, v, n);
	persons_free(v, n);
	return h_replied(rc);
}

/*
 * Where ref was typed in command: the first place after the command's
 * name where it stands as whole words, since the name may contain it too
 * ("den" in "/student den") and so may other words ("ad" in
 * "/attendance 5 add ad"). NULL when it is not there.
 */
static const char *h_pick_find_ref(const char *command, const char *ref)
{
	static const char space[] = " \t\r\n";
	const char *at = command + strcspn(command, space);
	size_t len = strlen(ref);

	if (len == 0)
		return NULL;
	for (; (at = strstr(at, ref)) != NULL; at++) {
		/* at > command: the name is before it; at[len] may end it. */
		if (strchr(space, at[-1]) != NULL &&
		    (at[len] == '\0' || strchr(space, at[len]) != NULL))
			return at;
	}
	return NULL;
}

int h_cb_pick(struct h_ctx *ctx, const char *key)
{
	long long pick, student;
	char *command = NULL, *ref = NULL, tail;
	const char *at;
	struct buf text = { 0 };
	int rc;

	if (sscanf(key, "%lld:%lld%c", &pick, &student, &tail) != 2)
		return h_reply(ctx, H_T(ctx->lang, T_FIND_PICK_OUTDATED));
	rc = db_pick_take(ctx->env->db, pick, ctx->m->from_id, &command, &ref);
	if (rc == DB_NOTFOUND)
		return h_reply(ctx, H_T(ctx->lang, T_FIND_PICK_OUTDATED));
	if (rc != DB_OK)
		return -1;
	/* The command again, with the student's number where the name was. */
	at = h_pick_find_ref(command, ref);
	if (at == NULL) {
		rc = h_reply(ctx, H_T(ctx->lang, T_FIND_PICK_OUTDATED));
	} else {
		buf_add(&text, command, (size_t)(at - command));
		struct h_ctx c = *ctx;

		buf_addf(&text, "#%lld", student);
		buf_adds(&text, at + strlen(ref));
		c.confirm = 1;
		rc = h_route_as_text(&c, buf_str(&text));
	}
	buf_release(&text);
	free(command);
	free(ref);
	return rc;
}

int h_confirm_ask(struct h_ctx *ctx, const char *question)
{
	cJSON *mk = cJSON_CreateObject(), *rows = cJSON_AddArrayToObject(mk, "inline_keyboard");
	cJSON *row = cJSON_CreateArray();
	char data[64];
	int64_t pick;

	if (db_pick_create(ctx->env->db, ctx->m->from_id, ctx->m->text, H_CONFIRM_REF,
	    ctx->env->now, &pick) != DB_OK) {
		cJSON_Delete(mk);
		cJSON_Delete(row);
		return -1;
	}
	snprintf(data, sizeof data, "cfm:%lld", (long long)pick);
	h_button_add(row, H_T(ctx->lang, T_CONFIRM_BTN), data);
	snprintf(data, sizeof data, "cfm:%lld:no", (long long)pick);
	h_button_add(row, H_T(ctx->lang, T_CONFIRM_NO_BTN), data);
	cJSON_AddItemToArray(rows, row);
	return h_reply_take_markup(ctx, question, h_json_take(mk));
}

int h_cb_confirm(struct h_ctx *ctx, const char *key)
{
	char *command = NULL, *ref = NULL;
	long long pick;
	int n = 0, no, rc;

	if (sscanf(key, "%lld%n", &pick, &n) != 1 || pick <= 0 ||
	    (key[n] != '\0' && strcmp(key + n, ":no") != 0))
		return h_reply(ctx, H_T(ctx->lang, T_FIND_PICK_OUTDATED));
	no = key[n] != '\0';
	rc = db_pick_take(ctx->env->db, pick, ctx->m->from_id, &command, &ref);
	if (rc == DB_NOTFOUND)
		return h_reply(ctx, H_T(ctx->lang, T_FIND_PICK_OUTDATED));
	if (rc != DB_OK)
		return -1;
	if (strcmp(ref, H_CONFIRM_REF) != 0)
		rc = h_reply(ctx, H_T(ctx->lang, T_FIND_PICK_OUTDATED));
	else if (no)
		rc = h_reply(ctx, H_T(ctx->lang, T_CONFIRM_DROPPED));
	else
		rc = h_route_as_text(ctx, command);
	free(command);
	free(ref);
	return rc;
}
