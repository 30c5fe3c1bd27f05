/*
 * attendance.c — who came: /checkin (a student checks in, or a trainer
 * checks a student in), the roster a trainer taps through (/attendance
 * and its "att:" buttons, with the students' health notes and the ➕ Add
 * picker of other students) and the "ci:" buttons that pick a class when
 * several are open.
 *
 * Invariant: every mark goes through h_att_mark, so it is audited and the
 * student's pack is charged or given back with it (db_attendance_mark);
 * a mark that changes nothing writes nothing, so a second /checkin never
 * takes a second class. Buttons carry ids only and are re-validated
 * against the database: a stale one changes nothing and says so.
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
#include "storage/admin.h"
#include "storage/billing.h"
#include "storage/schedule.h"
#include "storage/store.h"

/* Classes offered as buttons when several are open for check-in. */
#define H_CHECKIN_CHOICES 6
/* Students on one roster (two buttons a row, under Telegram's 100). */
#define H_ROSTER_MAX 60

/* ---- marks ---------------------------------------------------------------- */

int h_att_mark(struct h_ctx *ctx, int64_t training_id, int64_t student_id, int status,
    int source, struct att_effect *e)
{
	char *details;
	int rc;

	if (db_attendance_mark(ctx->env->db, training_id, student_id, status, source,
	    ctx->m->from_id, ctx->env->now, e) != DB_OK)
		return -1;
	if (!e->changed)
		return 0;
	details = xasprintf("student=%lld status=%s source=%s%s%s", (long long)student_id,
	    att_status_word(status), att_source_word(source), e->charged ? " charged" : "",
	    e->restored ? " restored" : "");
	rc = h_audit(ctx, "attendance.mark", "training", training_id, details);
	free(details);
	return rc;
}

/* A trainer's mark counts as backfill once the class is over. */
static int h_att_source(const struct h_ctx *ctx, const struct training *t)
{
	return t->starts_at + (int64_t)t->duration_min * 60 < ctx->env->now ?
	    ATT_BACKFILL : ATT_TRAINER;
}

/* ---- /checkin ---------------------------------------------------------------- */

/* The classes open for check-in now (not cancelled), soonest first. */
static int h_checkin_open(struct h_ctx *ctx, struct training **v, size_t *n)
{
	struct h_env *env = ctx->env;

	return db_trainings_range(env->db, env->now - (int64_t)env->cfg->checkin_after * 60,
	    env->now + (int64_t)env->cfg->checkin_before * 60, 0, H_CHECKIN_CHOICES, v, n) ==
	    DB_OK ? 0 : -1;
}

static int h_checkin_is_open(const struct h_ctx *ctx, const struct training *t)
{
	const struct h_env *env = ctx->env;

	return !t->cancelled && t->starts_at >= env->now - (int64_t)env->cfg->checkin_after * 60 &&
	    t->starts_at <= env->now + (int64_t)env->cfg->checkin_before * 60;
}

/*
 * What the plan says after a check-in: classes left, unlimited until, a
 * frozen plan, or no valid subscription (self: to the student, else to a
 * trainer).
 */
static int h_add_plan_note(struct h_ctx *ctx, struct buf *b, int self, int64_t student_id,
    const struct att_effect *e)
{
	enum lang l = ctx->lang;
	struct subscription s;
	struct buf until = { 0 };
	const char *title;
	int rc;

	rc = e->subscription_id != 0 ?
	    db_subscription_get(ctx->env->db, e->subscription_id, &s) : DB_NOTFOUND;
	if (rc == DB_ERROR)
		return -1;
	if (rc == DB_NOTFOUND) {
		if ((rc = h_billing_frozen_note(ctx, b, student_id, self)) != 0)
			return rc < 0 ? -1 : 0;
		buf_adds(b, self ? H_T(l, T_PLAN_NONE) : H_T(l, T_PLAN_OTHER_NONE));
		return 0;
	}
	title = h_esc(ctx, s.plan_title);
	if (s.classes_left < 0) {
		/* ends_at is exclusive: the last day is the one before. */
		buf_add_date(&until, s.ends_at - 1);
		if (self)
			H_TF(b, l, T_PLAN_UNLIMITED, title, buf_str(&until));
		else
			H_TF(b, l, T_PLAN_OTHER_UNLIMITED, title, buf_str(&until));
	} else if (self) {
		H_TF(b, l, T_PLAN_LEFT, s.classes_left, h_classes_word(l, s.classes_left), title);
	} else {
		H_TF(b, l, T_PLAN_OTHER_LEFT, s.classes_left, h_classes_word(l, s.classes_left),
		    title);
	}
	buf_release(&until);
	subscription_release(&s);
	return 0;
}

/*
 * Check student st in to t (present): self, or by a trainer. Already
 * present or late: say so and change nothing.
 */
static int h_checkin_do(struct h_ctx *ctx, const struct training *t, const struct person *st, int self)
{
	struct h_env *env = ctx->env;
	struct attendance a;
	struct att_effect e = { 0 };
	struct buf b = { 0 }, when = { 0 };
	const char *title = h_esc(ctx, t->title);
	const char *name = h_name_html(ctx, st->first_name, st->last_name);
	int rc = -1, had;

	h_add_when(&when, ctx->lang, t->starts_at);
	had = db_attendance_get(env->db, t->id, st->id, &a);
	if (had == DB_ERROR)
		goto out;
	if (had == DB_OK && att_status_trained(a.status)) {
		if (self)
			H_TF(&b, ctx->lang, T_CHECKIN_ALREADY, title, buf_str(&when));
		else
			H_TF(&b, ctx->lang, T_CHECKIN_OTHER_ALREADY, name, title, buf_str(&when));
		rc = h_reply_buf(ctx, &b);
		goto out;
	}
	if (h_att_mark(ctx, t->id, st->id, ATT_PRESENT, self ? ATT_SELF : h_att_source(ctx, t),
	    &e) != 0)
		goto out;
	log_info("attendance", "student #%lld checked in to training #%lld (%s)",
	    (long long)st->id, (long long)t->id, self ? "self" : "trainer");
	if (self)
		H_TF(&b, ctx->lang, T_CHECKIN_DONE, title, buf_str(&when));
	else
		H_TF(&b, ctx->lang, T_CHECKIN_OTHER_DONE, name, title, buf_str(&when));
	if (h_add_plan_note(ctx, &b, self, st->id, &e) != 0)
		goto out;
	rc = h_reply_buf(ctx, &b);
out:
	buf_release(&b);
	buf_release(&when);
	return rc;
}

/* Several classes are open: one button per class ("ci:<training>" for
 * oneself, "ci:<training>:<student>" for a trainer). */
static int h_checkin_ask(struct h_ctx *ctx, const struct training *v, size_t n, int64_t student)
{
	cJSON *mk = cJSON_CreateObject(), *rows = cJSON_AddArrayToObject(mk, "inline_keyboard");
	struct buf label = { 0 };
	char data[64], *markup;
	size_t i;
	int rc;

	for (i = 0; i < n; i++) {
		cJSON *row = cJSON_CreateArray(), *btn = cJSON_CreateObject();

		buf_truncate(&label, 0);
		buf_add_hhmm(&label, v[i].starts_at);
		buf_addf(&label, " %s", v[i].title);
		if (student != 0)
			snprintf(data, sizeof data, "ci:%lld:%lld", (long long)v[i].id,
			    (long long)student);
		else
			snprintf(data, sizeof data, "ci:%lld", (long long)v[i].id);
		cJSON_AddStringToObject(btn, "text", buf_str(&label));
		cJSON_AddStringToObject(btn, "callback_data", data);
		cJSON_AddItemToArray(row, btn);
		cJSON_AddItemToArray(rows, row);
	}
	markup = h_json_take(mk);
	rc = h_reply_markup(ctx, H_T(ctx->lang, T_CHECKIN_WHICH), markup);
	free(markup);
	buf_release(&label);
	return rc;
}

/* Nothing is open: say when the next class is. */
static int h_checkin_none(struct h_ctx *ctx)
{
	struct h_env *env = ctx->env;
	struct training *v = NULL;
	struct buf b = { 0 }, when = { 0 };
	size_t n = 0;
	int rc;

	if (db_trainings_range(env->db, env->now, civil_add_days(env->now, env->cfg->schedule_days),
	    0, 1, &v, &n) != DB_OK)
		return -1;
	if (n == 0) {
		trainings_free(v, n);
		return h_reply(ctx, H_T(ctx->lang, T_CHECKIN_NONE));
	}
	h_add_when(&when, ctx->lang, v[0].starts_at);
	H_TF(&b, ctx->lang, T_CHECKIN_NONE_NEXT, env->cfg->checkin_before, buf_str(&when),
	    h_esc(ctx, v[0].title));
	rc = h_reply_buf(ctx, &b);
	buf_release(&when);
	trainings_free(v, n);
	return rc;
}

/* A trainer checks student st in: to the class open now, else to the
 * latest one that started today. */
static int h_checkin_other(struct h_ctx *ctx, const struct person *st)
{
	struct h_env *env = ctx->env;
	struct training *v = NULL, t = { 0 };
	size_t n = 0;
	int rc = -1, dbrc;

	if (h_checkin_open(ctx, &v, &n) != 0)
		goto out;
	if (n == 1) {
		rc = h_checkin_do(ctx, &v[0], st, 0);
		goto out;
	}
	if (n > 1) {
		rc = h_checkin_ask(ctx, v, n, st->id);
		goto out;
	}
	dbrc = db_training_latest(env->db, civil_day_start(env->now), env->now, &t);
	if (dbrc == DB_NOTFOUND)
		rc = h_reply(ctx, H_T(ctx->lang, T_CHECKIN_NONE_TODAY));
	else if (dbrc == DB_OK)
		rc = h_checkin_do(ctx, &t, st, 0);
out:
	training_release(&t);
	trainings_free(v, n);
	return rc;
}

static int h_cmd_checkin(struct h_ctx *ctx, const char *args)
{
	struct training *v = NULL;
	struct person st = { 0 };
	size_t n = 0;
	int rc = -1, found;

	if (*args != '\0') {
		if (ctx->role < ROLE_TRAINER)
			return h_reply(ctx, H_T(ctx->lang, T_CHECKIN_OTHERS));
		if ((found = h_find_person(ctx, PERSON_STUDENT, args, 0, &st)) != H_FOUND)
			return found;
		if (h_schedule_generate(ctx->env) == 0)
			rc = h_checkin_other(ctx, &st);
		person_release(&st);
		return rc;
	}
	if (ctx->who.kind != PERSON_STUDENT)
		return h_reply(ctx, H_T(ctx->lang, T_CHECKIN_NOT_STUDENT));
	if (h_schedule_generate(ctx->env) != 0 || h_checkin_open(ctx, &v, &n) != 0)
		goto out;
	if (n == 0)
		rc = h_checkin_none(ctx);
	else if (n == 1)
		rc = h_checkin_do(ctx, &v[0], &ctx->who, 1);
	else
		rc = h_checkin_ask(ctx, v, n, 0);
out:
	trainings_free(v, n);
	return rc;
}

H_COMMAND_ENTRY(checkin, CHECKIN, .min_role = ROLE_STUDENT,
	.usage = H_TA_USAGE(T_USAGE_NONE, T_USAGE_CHECKIN_STAFF),
	.flags = H_CMD_STUDENT_FIRST | H_CMD_USAGE_TRAINER,
	.args = { .max = H_ARGS_MANY, .kind = { H_ARG_REST } });

/* "ci:<training>" (oneself) or "ci:<training>:<student>" (a trainer). */
int h_cb_checkin(struct h_ctx *ctx, const char *key)
{
	struct training t = { 0 };
	struct person st = { 0 };
	long long tid, sid;
	char tail;
	int rc = -1, fields, dbrc;

	if (sscanf(key, "%lld:%lld%c", &tid, &sid, &tail) == 2)
		fields = 2;
	else if (sscanf(key, "%lld%c", &tid, &tail) == 1)
		fields = 1;
	else
		return h_reply(ctx, H_T(ctx->lang, T_CB_OUTDATED));
	if (fields == 2 && ctx->role < ROLE_TRAINER)
		return h_reply(ctx, H_T(ctx->lang, T_CB_DENIED));
	if (fields == 1 && ctx->who.kind != PERSON_STUDENT)
		return h_reply(ctx, H_T(ctx->lang, T_CHECKIN_NOT_STUDENT));
	dbrc = db_training_get(ctx->env->db, tid, &t);
	if (dbrc == DB_ERROR)
		goto out;
	if (dbrc == DB_NOTFOUND || t.cancelled || (fields == 1 && !h_checkin_is_open(ctx, &t))) {
		rc = h_reply(ctx, H_T(ctx->lang, T_CHECKIN_CLOSED));
		goto out;
	}
	if (fields == 1) {
		rc = h_checkin_do(ctx, &t, &ctx->who, 1);
		goto out;
	}
	dbrc = db_person_get(ctx->env->db, PERSON_STUDENT, sid, &st);
	if (dbrc == DB_NOTFOUND)
		rc = h_reply(ctx, H_T(ctx->lang, T_ATT_STALE));
	else if (dbrc == DB_OK)
		rc = h_checkin_do(ctx, &t, &st, 0);
out:
	person_release(&st);
	training_release(&t);
	return rc;
}

/* ---- the roster ------------------------------------------------------------ */

static const char *h_status_mark(int status)
{
	switch (status) {
	case ATT_PRESENT:
		return "✅";
	case ATT_LATE:
		return "⏰";
	case ATT_EXCUSED:
		return "📝";
	case ATT_ABSENT:
		return "❌";
	default:
		return "·";
	}
}

/* A tap moves a student on: present → late → excused → absent → present. */
static int h_status_next(int status)
{
	switch (status) {
	case ATT_PRESENT:
		return ATT_LATE;
	case ATT_LATE:
		return ATT_EXCUSED;
	case ATT_EXCUSED:
		return ATT_ABSENT;
	default:
		return ATT_PRESENT;
	}
}

/* The roster of t with, per student, whether a subscription covers them
 * (the one the mark used, or one valid at the class). */
struct h_roster {
	struct roster_entry *v;
	size_t n;
	int *covered;
	int count[ATT_ABSENT + 1];   /* by enum att_status */
};

static void h_roster_release(struct h_roster *r)
{
	roster_free(r->v, r->n);
	free(r->covered);
	memset(r, 0, sizeof *r);
}

static int h_roster_load(struct h_ctx *ctx, const struct training *t, struct h_roster *r)
{
	struct subscription s;
	size_t i;
	int rc;

	memset(r, 0, sizeof *r);
	if (db_roster(ctx->env->db, t->id, H_ROSTER_MAX, &r->v, &r->n) != DB_OK)
		return -1;
	r->covered = xcalloc(r->n ? r->n : 1, sizeof *r->covered);
	for (i = 0; i < r->n; i++) {
		r->count[r->v[i].status]++;
		if (r->v[i].subscription_id != 0) {
			r->covered[i] = 1;
			continue;
		}
		rc = db_subscription_current(ctx->env->db, r->v[i].student_id, t->starts_at, &s);
		subscription_release(&s);
		if (rc == DB_ERROR)
			return -1;
		r->covered[i] = rc == DB_OK;
	}
	return 0;
}

/* One roster button into row: "Ivan P. ✅" (plus ⚠️ without a subscription). */
static void h_roster_button_add(cJSON *row, const struct training *t, const struct roster_entry *e,
    int covered)
{
	struct buf label = { 0 };
	char data[64];
	size_t initial;

	buf_adds(&label, e->first_name);
	if (e->last_name != NULL && *e->last_name != '\0') {
		/* The first UTF-8 character of the last name. */
		initial = 1;
		while (((unsigned char)e->last_name[initial] & 0xC0) == 0x80)
			initial++;
		buf_addc(&label, ' ');
		buf_add(&label, e->last_name, initial);
		buf_addc(&label, '.');
	}
	buf_addf(&label, " %s%s", h_status_mark(e->status), covered ? "" : " ⚠️");
	snprintf(data, sizeof data, "att:%lld:%lld", (long long)t->id, (long long)e->student_id);
	h_button_add(row, buf_str(&label), data);
	buf_release(&label);
}

/* The button of an action on training ("att:<training>:<action>") into row. */
static void h_action_button_add(cJSON *row, const char *text, int64_t training, const char *action)
{
	char data[64];

	snprintf(data, sizeof data, "att:%lld:%s", (long long)training, action);
	h_button_add(row, text, data);
}

/* Students whose health notes the roster shows: the roster must stay one
 * message (it is edited in place). */
#define H_ROSTER_HEALTH_MAX 8

/* The emergency contacts and medical notes of the students on r, for the
 * trainer's eyes only (the router keeps rosters out of group chats).
 * 0 or -1. */
static int h_roster_health(struct h_ctx *ctx, const struct h_roster *r, struct buf *b)
{
	char *emergency, *medical;
	const char *name, *esc;
	struct arena_mark row = arena_mark(ctx->arena);
	int shown = 0;

	for (size_t i = 0; i < r->n; i++) {
		if (db_student_health(ctx->env->db, r->v[i].student_id, &emergency,
		    &medical) != DB_OK)
			return -1;
		if ((emergency != NULL || medical != NULL) && shown++ < H_ROSTER_HEALTH_MAX) {
			name = h_name_html(ctx, r->v[i].first_name, r->v[i].last_name);
			if (medical != NULL) {
				esc = h_esc(ctx, medical);
				H_TF(b, ctx->lang, T_ATT_MEDICAL, name, esc);
			}
			if (emergency != NULL) {
				esc = h_esc(ctx, emergency);
				H_TF(b, ctx->lang, T_ATT_EMERGENCY, name, esc);
			}
		}
		free(emergency);
		free(medical);
		arena_reset(ctx->arena, row);
	}
	if (shown > H_ROSTER_HEALTH_MAX)
		H_TF(b, ctx->lang, T_ATT_HEALTH_MORE, shown - H_ROSTER_HEALTH_MAX);
	return 0;
}

/* Send t's roster as a new message (edit_id 0) or edit message edit_id. */
static int h_roster_show(struct h_ctx *ctx, const struct training *t, int64_t edit_id)
{
	struct h_roster r;
	struct buf b = { 0 }, when = { 0 };
	cJSON *mk, *rows, *row = NULL;
	const char *title;
	size_t i;
	int rc;

	if (h_roster_load(ctx, t, &r) != 0) {
		h_roster_release(&r);
		return -1;
	}
	title = h_esc(ctx, t->title);
	h_add_when(&when, ctx->lang, t->starts_at);
	H_TF(&b, ctx->lang, T_ATT_HEAD, title, (long long)t->id, buf_str(&when));
	buf_release(&when);
	if (t->closed)
		buf_adds(&b, H_T(ctx->lang, T_ATT_CLOSED));
	H_TF(&b, ctx->lang, T_ATT_COUNTS, r.count[ATT_PRESENT], r.count[ATT_LATE],
	    r.count[ATT_EXCUSED], r.count[ATT_ABSENT], r.count[ATT_NONE]);
	if (r.n == 0)
		H_TF(&b, ctx->lang, T_ATT_EMPTY, (long long)t->id);
	else
		buf_adds(&b, H_T(ctx->lang, T_ATT_HINT));
	if (r.n == H_ROSTER_MAX)
		H_TF(&b, ctx->lang, T_ATT_TRUNCATED, H_ROSTER_MAX);
	if (h_roster_health(ctx, &r, &b) != 0) {
		buf_release(&b);
		h_roster_release(&r);
		return -1;
	}

	mk = cJSON_CreateObject();
	rows = cJSON_AddArrayToObject(mk, "inline_keyboard");
	for (i = 0; i < r.n; i++) {
		if (i % 2 == 0) {
			row = cJSON_CreateArray();
			cJSON_AddItemToArray(rows, row);
		}
		h_roster_button_add(row, t, &r.v[i], r.covered[i]);
	}
	row = cJSON_CreateArray();
	h_action_button_add(row, H_T(ctx->lang, T_ATT_BTN_ADD), t->id, "add");
	h_action_button_add(row, H_T(ctx->lang, T_ATT_BTN_DONE), t->id, "done");
	cJSON_AddItemToArray(rows, row);
	rc = h_show_buf(ctx, edit_id, &b, h_json_take(mk));
	h_roster_release(&r);
	return rc;
}

/* Students on one page of the "➕ Add" picker (two a row). */
#define H_PICK_PAGE 20

/*
 * The picker of who else to add to t (page from 0): active students not on
 * the roster, who trained most recently first; a tap ("att:<t>:p<student>")
 * marks one present. Sent as a new message (edit_id 0) or an edit of
 * message edit_id.
 */
static int h_picker_show(struct h_ctx *ctx, const struct training *t, int page, int64_t edit_id)
{
	struct roster_entry *v = NULL;
	struct buf b = { 0 }, label = { 0 };
	cJSON *mk, *rows, *row = NULL;
	char tail[32];
	const char *title;
	size_t n = 0, i, shown;
	int rc;

	if (db_roster_candidates(ctx->env->db, t->id, (size_t)page * H_PICK_PAGE,
	    H_PICK_PAGE + 1, &v, &n) != DB_OK)
		return -1;
	shown = n > H_PICK_PAGE ? H_PICK_PAGE : n;
	title = h_esc(ctx, t->title);
	if (n == 0 && page == 0)
		H_TF(&b, ctx->lang, T_ATT_PICK_NONE, title, (long long)t->id, (long long)t->id);
	else
		H_TF(&b, ctx->lang, T_ATT_PICK_HEAD, title, (long long)t->id);
	mk = cJSON_CreateObject();
	rows = cJSON_AddArrayToObject(mk, "inline_keyboard");
	for (i = 0; i < shown; i++) {
		if (i % 2 == 0) {
			row = cJSON_CreateArray();
			cJSON_AddItemToArray(rows, row);
		}
		buf_truncate(&label, 0);
		buf_adds(&label, v[i].first_name);
		if (v[i].last_name != NULL && *v[i].last_name != '\0')
			buf_addf(&label, " %s", v[i].last_name);
		snprintf(tail, sizeof tail, "p%lld", (long long)v[i].student_id);
		h_action_button_add(row, buf_str(&label), t->id, tail);
	}
	row = cJSON_CreateArray();
	if (page > 0) {
		snprintf(tail, sizeof tail, "add:%d", page - 1);
		h_action_button_add(row, "◀️", t->id, tail);
	}
	h_action_button_add(row, H_T(ctx->lang, T_ATT_BTN_ROSTER), t->id, "roster");
	if (n > H_PICK_PAGE) {
		snprintf(tail, sizeof tail, "add:%d", page + 1);
		h_action_button_add(row, "▶️", t->id, tail);
	}
	cJSON_AddItemToArray(rows, row);
	rc = h_show_buf(ctx, edit_id, &b, h_json_take(mk));
	buf_release(&label);
	roster_free(v, n);
	return rc;
}

/*
 * The class a trainer means by a bare /attendance: the one in progress
 * (or just ended), else the one about to start (within the check-in
 * window), else the latest that started. DB_NOTFOUND when none.
 */
static int h_attendance_current(struct h_ctx *ctx, struct training *out)
{
	struct h_env *env = ctx->env;
	struct training *v = NULL;
	size_t n = 0;
	int rc;

	rc = db_training_latest(env->db, 0, env->now, out);
	if (rc == DB_ERROR)
		return rc;
	if (rc == DB_OK && out->starts_at + (int64_t)out->duration_min * 60 >= env->now)
		return DB_OK;
	if (db_trainings_range(env->db, env->now + 1,
	    env->now + (int64_t)env->cfg->checkin_before * 60, 0, 1, &v, &n) != DB_OK)
		return DB_ERROR;
	if (n == 1) {
		training_release(out);
		*out = v[0];
		memset(&v[0], 0, sizeof v[0]);
	}
	trainings_free(v, n);
	return out->id != 0 ? DB_OK : DB_NOTFOUND;
}

/* "/attendance <id> add <#id|name>": mark a student present and show the
 * roster again. ref is the rest of the line as typed (for the pick
 * buttons, which re-run the command with "#<id>" in its place). */
static int h_attendance_add(struct h_ctx *ctx, const struct training *t, const char *ref)
{
	struct person st = { 0 };
	struct attendance a;
	struct att_effect e = { 0 };
	struct buf b = { 0 };
	const char *name = NULL, *title = NULL;
	int rc = -1, found, dbrc;

	if ((found = h_find_person(ctx, PERSON_STUDENT, ref, H_FIND_INACTIVE, &st)) != H_FOUND)
		return found;
	name = h_name_html(ctx, st.first_name, st.last_name);
	title = h_esc(ctx, t->title);
	dbrc = db_attendance_get(ctx->env->db, t->id, st.id, &a);
	if (dbrc == DB_ERROR)
		goto out;
	if (dbrc == DB_OK && att_status_trained(a.status)) {
		H_TF(&b, ctx->lang, T_ATT_ADDED_ALREADY, name, title);
	} else {
		if (h_att_mark(ctx, t->id, st.id, ATT_PRESENT, h_att_source(ctx, t), &e) != 0)
			goto out;
		H_TF(&b, ctx->lang, T_ATT_ADDED, name, title);
	}
	if (h_reply_buf(ctx, &b) != 0)
		goto out;
	rc = h_roster_show(ctx, t, 0);
out:
	buf_release(&b);
	person_release(&st);
	return rc;
}

static int h_cmd_attendance(struct h_ctx *ctx, const char *args)
{
	struct training t = { 0 };
	struct buf b = { 0 };
	char **argv = NULL;
	size_t argc;
	int rc = -1, found;

	argc = h_args_words(ctx, args, &argv);
	/* "/attendance" and "/attendance add": the current class. */
	if (argc == 0 || (argc == 1 && H_KW(argv, argc, 0, T_KW_ADD) == 1)) {
		if (h_schedule_generate(ctx->env) != 0)
			goto out;
		found = h_attendance_current(ctx, &t);
		if (found == DB_NOTFOUND)
			rc = h_reply(ctx, H_T(ctx->lang, T_ATT_NO_CLASS));
		else if (found == DB_OK)
			rc = argc == 0 ? h_roster_show(ctx, &t, 0) : h_picker_show(ctx, &t, 0, 0);
		goto out;
	}
	if (argc >= 2 && H_KW(argv, argc, 1, T_KW_ADD) != 1) {
		rc = h_reply_usage(ctx, H_T(ctx->lang, T_EXAMPLE_ATTENDANCE));
		goto out;
	}
	if ((found = h_training_arg(ctx, argv[0], &t)) != H_FOUND) {
		rc = found;
		goto out;
	}
	if (t.cancelled) {
		H_TF(&b, ctx->lang, T_TRAINING_CANCELLED, (long long)t.id);
		rc = h_reply_buf(ctx, &b);
		goto out;
	}
	if (argc == 1) {
		rc = h_roster_show(ctx, &t, 0);
		goto out;
	}
	if (argc == 2) {
		rc = h_picker_show(ctx, &t, 0, 0);
		goto out;
	}
	/* The text after "add" ("добавить"), as typed. */
	rc = h_attendance_add(ctx, &t, h_args_after(args, 2));
out:
	buf_release(&b);
	training_release(&t);
	return rc;
}

H_COMMAND(attendance, ATTENDANCE, .min_role = ROLE_TRAINER,
	.args = { .max = H_ARGS_MANY, .kind = { [2] = H_ARG_REST } });

/* "done": close the class and sum it up. */
static int h_attendance_done(struct h_ctx *ctx, const struct training *t)
{
	struct h_roster r;
	struct buf b = { 0 };
	const char *title;
	size_t i;
	int rc = -1, first = 1, dbrc;

	/* A second press (a double tap, or the button on an older copy of
	 * the roster) changes nothing and sends nothing but a toast. */
	dbrc = db_training_close(ctx->env->db, t->id);
	if (dbrc == DB_CONSTRAINT)
		return h_answer_toast(ctx, H_T(ctx->lang, T_ATT_CLOSED_ALREADY));
	if (dbrc != DB_OK || h_audit(ctx, "training.close", "training", t->id, NULL) != 0)
		return -1;
	if (h_roster_load(ctx, t, &r) != 0)
		goto out;
	title = h_esc(ctx, t->title);
	H_TF(&b, ctx->lang, T_ATT_SUMMARY, title, (long long)t->id, r.count[ATT_PRESENT],
	    r.count[ATT_LATE], r.count[ATT_EXCUSED], r.count[ATT_ABSENT], r.count[ATT_NONE]);
	for (i = 0; i < r.n; i++) {
		if (!att_status_trained(r.v[i].status) || r.covered[i])
			continue;
		if (first)
			buf_adds(&b, H_T(ctx->lang, T_ATT_SUMMARY_NOSUB));
		buf_addf(&b, "%s%s", first ? "" : ", ",
		    h_name_html(ctx, r.v[i].first_name, r.v[i].last_name));
		first = 0;
	}
	log_info("attendance", "training #%lld closed by %lld", (long long)t->id,
	    (long long)ctx->m->from_id);
	rc = h_reply_buf(ctx, &b);
out:
	buf_release(&b);
	h_roster_release(&r);
	return rc;
}

/* The status named by its column word ("late"), or ATT_NONE. */
static int h_status_of_word(const char *word)
{
	for (int s = ATT_PRESENT; s <= ATT_ABSENT; s++) {
		if (strcmp(att_status_word(s), word) == 0)
			return s;
	}
	return ATT_NONE;
}

/* "att:<training>:<student>" (cycle the mark), "att:<training>:add" and
 * "att:<training>:add:<page>" (the picker), "att:<training>:p<student>"
 * (picked: present), "att:<training>:roster", "att:<training>:done",
 * "att:<training>:<student>:<status word>" (that mark, as the HTTP API
 * sets it). */
int h_cb_attendance(struct h_ctx *ctx, const char *key)
{
	struct training t = { 0 };
	struct person st = { 0 };
	struct attendance a;
	struct att_effect e = { 0 };
	struct buf b = { 0 };
	long long tid, sid = 0;
	char action[8], word[8], tail;
	int rc = -1, dbrc, status, page = 0, picked = 0, set = ATT_NONE;

	if (sscanf(key, "%lld:%lld:%7[a-z]%c", &tid, &sid, word, &tail) == 3 && sid > 0) {
		if ((set = h_status_of_word(word)) == ATT_NONE)
			return h_reply(ctx, H_T(ctx->lang, T_ATT_STALE));
	} else if (sscanf(key, "%lld:p%lld%c", &tid, &sid, &tail) == 2 && sid > 0)
		picked = 1;
	else if (sscanf(key, "%lld:add:%d%c", &tid, &page, &tail) == 2 && page >= 0 &&
	    page <= 1000)
		strcpy(action, "add");
	else if (sscanf(key, "%lld:%7[a-z]%c", &tid, action, &tail) != 2 &&
	    (sscanf(key, "%lld:%lld%c", &tid, &sid, &tail) != 2 || sid <= 0))
		return h_reply(ctx, H_T(ctx->lang, T_ATT_STALE));
	dbrc = db_training_get(ctx->env->db, tid, &t);
	if (dbrc == DB_ERROR)
		goto out;
	if (dbrc == DB_NOTFOUND) {
		rc = h_reply(ctx, H_T(ctx->lang, T_ATT_STALE));
		goto out;
	}
	if (t.cancelled) {
		H_TF(&b, ctx->lang, T_TRAINING_CANCELLED, (long long)t.id);
		rc = h_reply_buf(ctx, &b);
		goto out;
	}
	if (sid == 0 && strcmp(action, "add") == 0) {
		rc = h_picker_show(ctx, &t, page, ctx->m->message_id);
		goto out;
	}
	if (sid == 0 && strcmp(action, "roster") == 0) {
		rc = h_roster_show(ctx, &t, ctx->m->message_id);
		goto out;
	}
	if (sid == 0 && strcmp(action, "done") == 0) {
		rc = h_attendance_done(ctx, &t);
		goto out;
	}
	if (sid == 0) {
		rc = h_reply(ctx, H_T(ctx->lang, T_ATT_STALE));
		goto out;
	}
	dbrc = db_person_get(ctx->env->db, PERSON_STUDENT, sid, &st);
	if (dbrc == DB_ERROR)
		goto out;
	if (dbrc == DB_NOTFOUND) {
		rc = h_reply(ctx, H_T(ctx->lang, T_ATT_STALE));
		goto out;
	}
	dbrc = db_attendance_get(ctx->env->db, t.id, st.id, &a);
	if (dbrc == DB_ERROR)
		goto out;
	if (picked && dbrc == DB_OK && att_status_trained(a.status)) {
		/* Picked twice (or marked meanwhile): already there. */
		rc = h_roster_show(ctx, &t, ctx->m->message_id);
		goto out;
	}
	status = set != ATT_NONE ? set : picked ? ATT_PRESENT :
	    h_status_next(dbrc == DB_OK ? a.status : ATT_NONE);
	if (h_att_mark(ctx, t.id, st.id, status, h_att_source(ctx, &t), &e) != 0)
		goto out;
	/* marked so already: met all the same */
	h_api_done(ctx, "training", t.id);
	rc = h_roster_show(ctx, &t, ctx->m->message_id);
out:
	buf_release(&b);
	person_release(&st);
	training_release(&t);
	return rc;
}
