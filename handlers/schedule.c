/*
 * schedule.c — the timetable: /schedule (students), /classes (trainers),
 * /cancel and /uncancel (the owner; a trainer for their own classes),
 * /addclass, /addtraining, /classtrainer and /editclass, /pauseclass,
 * /resumeclass, /deleteclass (the owner), and the helpers the
 * check-in and attendance handlers share (generation, "Thu 28.05 19:00",
 * naming a class by its number).
 *
 * Invariant: trainings are generated (idempotently) before any command
 * reads the coming days, so a new week never looks empty; times are
 * typed and shown in the academy's local zone (lib/civil.h).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lib/civil.h"
#include "lib/log.h"
#include "lib/util.h"
#include "handlers/command.h"
#include "handlers/reply.h"
#include "handlers/texts.h"
#include "storage/schedule.h"
#include "storage/store.h"

/* Longest class title and cancellation reason, in characters. */
#define H_TITLE_MAX 64
#define H_REASON_MAX 200
/* The days /schedule and /classes show. */
#define H_SCHEDULE_DAYS 7
/* Bounds of the lists (a busy academy has ~5 classes a day). */
#define H_SCHEDULE_MAX 80
#define H_TEMPLATES_MAX 40
/* Dates listed after /addclass. */
#define H_ADDCLASS_NEXT 3
/* Students told about a cancelled class at most (one roster). */
#define H_CANCEL_NOTIFY_MAX 200

static const char *const h_wd[7][LANG_COUNT] = {
	H_TA(T_WD_MON), H_TA(T_WD_TUE), H_TA(T_WD_WED), H_TA(T_WD_THU), H_TA(T_WD_FRI),
	H_TA(T_WD_SAT), H_TA(T_WD_SUN),
};

static const char *h_weekday_name(enum lang l, int wday)
{
	return h_wd[wday][l];
}

/* "Thu 28.05" in local time. */
static void h_add_day(struct buf *b, enum lang l, int64_t t)
{
	struct civil c;

	civil_split(t, &c);
	buf_addf(b, "%s %02d.%02d", h_weekday_name(l, c.wday), c.day, c.month);
}

void h_add_when(struct buf *b, enum lang l, int64_t t)
{
	h_add_day(b, l, t);
	buf_addc(b, ' ');
	buf_add_hhmm(b, t);
}

/* Generate the trainings of weekly class id (0: all) for the coming
 * days. 0 or -1. */
static int h_template_generate(struct h_env *env, int64_t id)
{
	int64_t from = civil_day_start(env->now);

	/* From today's midnight: today's earlier classes exist too, for the
	 * attendance of the class that just ended. */
	return db_trainings_generate(env->db, id, from,
	    civil_add_days(from, env->cfg->schedule_days + 1), env->now, NULL) == DB_OK ? 0 : -1;
}

/*
 * bot_state "schedule_window" names the window ("from-to") every active
 * class was last generated for, written in the same transaction as the
 * trainings, so a rollback takes it back with them. A class added,
 * edited or resumed generates its own trainings (h_template_generate),
 * so while the window is the same a check-in has nothing to generate:
 * one lookup instead of a statement per class and day.
 */
#define H_SCHEDULE_WINDOW "schedule_window"

static void h_schedule_window(const struct h_env *env, char *out, size_t size)
{
	int64_t from = civil_day_start(env->now);

	snprintf(out, size, "%lld-%lld", (long long)from,
	    (long long)civil_add_days(from, env->cfg->schedule_days + 1));
}

/* Generate unless always is 0 and the window is the one generated last;
 * the window is written only when it changed (an idle tick writes nothing). */
static int h_schedule_run(struct h_env *env, int always)
{
	char window[48], *done = NULL;
	int same;

	h_schedule_window(env, window, sizeof window);
	if (db_state_get_text(env->db, H_SCHEDULE_WINDOW, &done) != DB_OK)
		return -1;
	same = done != NULL && strcmp(done, window) == 0;
	free(done);
	if (same && !always)
		return 0;
	if (h_template_generate(env, 0) != 0 ||
	    (!same && db_state_set_text(env->db, H_SCHEDULE_WINDOW, window) != DB_OK))
		return -1;
	return 0;
}

int h_schedule_generate(struct h_env *env)
{
	return h_schedule_run(env, 0);
}

int h_schedule_generate_always(struct h_env *env)
{
	return h_schedule_run(env, 1);
}

enum h_found h_training_arg(struct h_ctx *ctx, const char *arg, struct training *out)
{
	struct buf b = { 0 };
	int64_t id;
	const char *esc;
	int rc;

	memset(out, 0, sizeof *out);
	if (!h_number(arg, &id)) {
		esc = h_esc(ctx, arg);
		H_TF(&b, ctx->lang, T_BAD_TRAINING_ID, esc);
		return h_replied(h_reply_buf(ctx, &b));
	}
	rc = db_training_get(ctx->env->db, id, out);
	if (rc == DB_OK)
		return H_FOUND;
	if (rc != DB_NOTFOUND)
		return H_FAILED;
	H_TF(&b, ctx->lang, T_NO_TRAINING, (long long)id);
	return h_replied(h_reply_buf(ctx, &b));
}

const char *h_args_after(const char *args, size_t words)
{
	static const char space[] = " \t\r\n";
	size_t i;

	args += strspn(args, space);
	for (i = 0; i < words; i++) {
		args += strcspn(args, space);
		args += strspn(args, space);
	}
	return args;
}

/* "19:00–20:30 <b>Title</b> · Trainer" and a cancellation note. */
static void h_add_training_line(struct buf *b, enum lang l, const struct training *t)
{
	if (t->cancelled)
		buf_adds(b, "❌ <s>");
	buf_add_hhmm(b, t->starts_at);
	buf_adds(b, "–");
	buf_add_hhmm(b, t->starts_at + (int64_t)t->duration_min * 60);
	buf_adds(b, " <b>");
	buf_add_html(b, t->title);
	buf_adds(b, "</b>");
	if (t->trainer_name != NULL && *t->trainer_name != '\0') {
		buf_adds(b, " · ");
		buf_add_html(b, t->trainer_name);
	}
	if (!t->cancelled)
		return;
	buf_adds(b, "</s>");
	if (t->cancel_reason != NULL && *t->cancel_reason != '\0') {
		char *esc = html_escape(t->cancel_reason);
		H_TF(b, l, T_SCHEDULE_CANCELLED_REASON, esc);
		free(esc);
	} else {
		buf_adds(b, H_T(l, T_SCHEDULE_CANCELLED));
	}
}

/* The trainings of the next H_SCHEDULE_DAYS days (from today's midnight,
 * so a class in progress still shows), cancelled ones included. */
static int h_week_trainings(struct h_ctx *ctx, struct training **v, size_t *n)
{
	int64_t from = civil_day_start(ctx->env->now);

	if (h_schedule_generate(ctx->env) != 0)
		return -1;
	return db_trainings_range(ctx->env->db, from,
	    civil_add_days(from, H_SCHEDULE_DAYS) - 1, 1, H_SCHEDULE_MAX, v, n) == DB_OK ? 0 : -1;
}

static int h_cmd_schedule(struct h_ctx *ctx, const char *args)
{
	struct training *v = NULL;
	struct buf b = { 0 };
	struct civil c;
	int last_day = -1, day;
	size_t n = 0, i;

	(void)args;
	if (h_week_trainings(ctx, &v, &n) != 0)
		return -1;
	if (n == 0)
		return h_reply(ctx, H_T(ctx->lang, T_SCHEDULE_EMPTY));
	buf_adds(&b, H_T(ctx->lang, T_SCHEDULE_HEAD));
	for (i = 0; i < n; i++) {
		civil_split(v[i].starts_at, &c);
		day = c.year * 400 + c.month * 32 + c.day;
		if (day != last_day) {
			buf_adds(&b, "\n\n<b>");
			h_add_day(&b, ctx->lang, v[i].starts_at);
			buf_adds(&b, "</b>");
			last_day = day;
		}
		buf_addc(&b, '\n');
		h_add_training_line(&b, ctx->lang, &v[i]);
	}
	trainings_free(v, n);
	return h_reply_buf(ctx, &b);
}

H_COMMAND_ENTRY(schedule, SCHEDULE, .min_role = ROLE_GUEST, .usage = H_USAGE_NONE,
	.flags = H_CMD_PUBLIC, .args = { .max = H_ARGS_MANY });

/* "19:00" for minutes since midnight. */
static void h_add_clock(struct buf *b, int minute)
{
	buf_addf(b, "%02d:%02d", minute / 60, minute % 60);
}

/* "Mon, Wed, Fri" for a weekday mask. */
static void h_add_weekdays(struct buf *b, enum lang l, int mask)
{
	int i, first = 1;

	for (i = 0; i < 7; i++) {
		if (!(mask & (1 << i)))
			continue;
		buf_addf(b, "%s%s", first ? "" : ", ", h_weekday_name(l, i));
		first = 0;
	}
}

static int h_cmd_classes(struct h_ctx *ctx, const char *args)
{
	struct class_template *tv = NULL;
	struct training *v = NULL;
	struct buf b = { 0 };
	size_t tn = 0, n = 0, i;
	int rc = -1;

	(void)args;
	if (db_templates_list(ctx->env->db, H_TEMPLATES_MAX, &tv, &tn) != DB_OK)
		goto out;
	if (h_week_trainings(ctx, &v, &n) != 0)
		goto out;
	buf_adds(&b, H_T(ctx->lang, T_CLASSES_TEMPLATES));
	if (tn == 0)
		buf_addf(&b, "\n%s", H_T(ctx->lang, T_CLASSES_NO_TEMPLATES));
	for (i = 0; i < tn; i++) {
		buf_addf(&b, "\n#%lld <b>", (long long)tv[i].id);
		buf_add_html(&b, tv[i].title);
		buf_adds(&b, "</b> — ");
		h_add_weekdays(&b, ctx->lang, tv[i].weekdays);
		buf_addc(&b, ' ');
		h_add_clock(&b, tv[i].start_minute);
		buf_adds(&b, ", ");
		H_TF(&b, ctx->lang, T_MINUTES, tv[i].duration_min);
		if (!tv[i].active)
			buf_adds(&b, H_T(ctx->lang, T_CLASSES_INACTIVE));
	}
	buf_addf(&b, "\n\n%s", H_T(ctx->lang, T_CLASSES_UPCOMING));
	if (n == 0)
		buf_addf(&b, "\n%s", H_T(ctx->lang, T_CLASSES_NO_UPCOMING));
	for (i = 0; i < n; i++) {
		buf_addf(&b, "\n#%lld ", (long long)v[i].id);
		h_add_day(&b, ctx->lang, v[i].starts_at);
		buf_addc(&b, ' ');
		h_add_training_line(&b, ctx->lang, &v[i]);
	}
	rc = h_reply_buf(ctx, &b);
out:
	buf_release(&b);
	trainings_free(v, n);
	class_templates_free(tv, tn);
	return rc;
}

H_COMMAND_ENTRY(classes, CLASSES, .min_role = ROLE_TRAINER, .usage = H_USAGE_NONE,
	.args = { .max = H_ARGS_MANY });

/*
 * args with the spaces around the commas of its leading list of weekdays
 * removed, as phone keyboards put them there: "пн, ср, пт 19:00 ..." ->
 * "пн,ср,пт 19:00 ..." (never joining a word that starts with a digit);
 * the rest as typed. Owned.
 */
static char *h_days_joined(const char *args)
{
	static const char space[] = " \t\r\n";
	struct buf b = { 0 };
	const char *p = args, *q;
	size_t n;

	for (;;) {
		n = strcspn(p, space);
		buf_add(&b, p, n);
		p += n;
		q = p + strspn(p, space);
		/* A time after the comma ("mon, 19:00") is no weekday. */
		if (*q == '\0' || isdigit((unsigned char)*q) ||
		    !((n > 0 && p[-1] == ',') || *q == ','))
			break;
		p = q;
	}
	buf_adds(&b, p);
	return buf_detach(&b);
}

/*
 * The common tail of /addclass and /addtraining: "<HH:MM> <minutes>
 * <title...>" at argv[1..], validated; *title owned. H_FOUND when valid,
 * else H_REPLIED or H_FAILED.
 */
static enum h_found h_class_args(struct h_ctx *ctx, const char *args, char **argv, int *minute, int *duration,
    char **title)
{
	struct buf b = { 0 };
	int64_t d;
	const char *esc;
	int i;

	*title = NULL;
	if (civil_parse_hhmm(argv[1], minute) != 0) {
		esc = h_esc(ctx, argv[1]);
		H_TF(&b, ctx->lang, T_BAD_HHMM, esc);
		return h_replied(h_reply_buf(ctx, &b));
	}
	if (parse_i64(argv[2], &d) != 0 || d < 1 || d > 1440) {
		esc = h_esc(ctx, argv[2]);
		H_TF(&b, ctx->lang, T_BAD_DURATION, esc, 1440);
		return h_replied(h_reply_buf(ctx, &b));
	}
	*duration = (int)d;
	/* The title is the rest of the line as typed (inner spaces kept). */
	*title = xstrdup(h_args_after(args, 3));
	for (i = (int)strlen(*title); i > 0 && strchr(" \t\r\n", (*title)[i - 1]); i--)
		(*title)[i - 1] = '\0';
	if (utf8_len(*title) < 1 || utf8_len(*title) > H_TITLE_MAX) {
		free(*title);
		*title = NULL;
		H_TF(&b, ctx->lang, T_BAD_TITLE, H_TITLE_MAX);
		return h_replied(h_reply_buf(ctx, &b));
	}
	return H_FOUND;
}

/* The reply to /addclass: the new template and its next few classes. */
static int h_addclass_reply(struct h_ctx *ctx, int64_t id, const char *title, int mask, int minute,
    int duration)
{
	struct training *v = NULL;
	struct buf b = { 0 }, days = { 0 }, hhmm = { 0 };
	const char *esc = h_esc(ctx, title);
	size_t n = 0, i;
	int rc = -1;

	h_add_weekdays(&days, ctx->lang, mask);
	h_add_clock(&hhmm, minute);
	H_TF(&b, ctx->lang, T_ADDCLASS_DONE, (long long)id, esc, buf_str(&days), buf_str(&hhmm),
	    duration);
	if (db_trainings_of_template(ctx->env->db, id, ctx->env->now, H_ADDCLASS_NEXT, &v,
	    &n) != DB_OK)
		goto out;
	buf_adds(&b, n > 0 ? H_T(ctx->lang, T_ADDCLASS_NEXT) : H_T(ctx->lang, T_ADDCLASS_NONE));
	for (i = 0; i < n; i++) {
		buf_addf(&b, "\n#%lld ", (long long)v[i].id);
		h_add_when(&b, ctx->lang, v[i].starts_at);
	}
	rc = h_reply_buf(ctx, &b);
out:
	buf_release(&b);
	buf_release(&days);
	buf_release(&hhmm);
	trainings_free(v, n);
	return rc;
}

static int h_cmd_addclass(struct h_ctx *ctx, const char *args)
{
	struct h_env *env = ctx->env;
	struct buf b = { 0 };
	char **argv = NULL, *title = NULL;
	const char *details = NULL, *esc = NULL;
	char *joined = h_days_joined(args);
	size_t argc;
	int mask, minute, duration, rc = -1, ok;
	int64_t id;

	args = joined;
	argc = h_args_words(ctx, args, &argv);
	if (argc < 4) {
		rc = h_reply_usage(ctx, H_T(ctx->lang, T_EXAMPLE_ADDCLASS));
		goto out;
	}
	if (civil_parse_weekdays(argv[0], &mask) != 0) {
		esc = h_esc(ctx, argv[0]);
		H_TF(&b, ctx->lang, T_BAD_WEEKDAYS, esc);
		rc = h_reply_buf(ctx, &b);
		goto out;
	}
	if ((ok = h_class_args(ctx, args, argv, &minute, &duration, &title)) != H_FOUND) {
		rc = ok;
		goto out;
	}
	if (db_template_add(env->db, title, mask, minute, duration, 0, env->now, &id) != DB_OK ||
	    h_template_generate(env, id) != 0)
		goto out;
	details = arena_printf(ctx->arena, "days=%d start=%d min=%d", mask, minute, duration);
	if (h_audit(ctx, "template.add", "class_template", id, details) != 0)
		goto out;
	log_info("schedule", "template #%lld added by %lld", (long long)id,
	    (long long)ctx->m->from_id);
	rc = h_addclass_reply(ctx, id, title, mask, minute, duration);
out:
	buf_release(&b);
	free(joined);
	free(title);
	return rc;
}

H_COMMAND(addclass, ADDCLASS, .min_role = ROLE_OWNER,
	.args = { .min = 4, .max = H_ARGS_MANY, .kind = { [3] = H_ARG_REST } });

static int h_cmd_addtraining(struct h_ctx *ctx, const char *args)
{
	struct h_env *env = ctx->env;
	struct buf b = { 0 }, when = { 0 };
	char **argv = NULL, *title = NULL;
	const char *details = NULL, *esc = NULL;
	int y, m, d, minute, duration, rc = -1, ok;
	int64_t id, starts;

	h_args_words(ctx, args, &argv);
	if (civil_parse_day(argv[0], env->now, &y, &m, &d) != 0) {
		esc = h_esc(ctx, argv[0]);
		H_TF(&b, ctx->lang, T_BAD_DATE, esc);
		rc = h_reply_buf(ctx, &b);
		goto out;
	}
	if ((ok = h_class_args(ctx, args, argv, &minute, &duration, &title)) != H_FOUND) {
		rc = ok;
		goto out;
	}
	starts = civil_local(y, m, d, minute);
	if (db_training_add(env->db, title, starts, duration, 0, env->now, &id) != DB_OK)
		goto out;
	details = arena_printf(ctx->arena, "starts_at=%lld min=%d", (long long)starts, duration);
	if (h_audit(ctx, "training.add", "training", id, details) != 0)
		goto out;
	log_info("schedule", "training #%lld added by %lld", (long long)id,
	    (long long)ctx->m->from_id);
	esc = h_esc(ctx, title);
	h_add_when(&when, ctx->lang, starts);
	H_TF(&b, ctx->lang, T_ADDTRAINING_DONE, (long long)id, esc, buf_str(&when), duration);
	if (starts < env->now)
		H_TF(&b, ctx->lang, T_ADDTRAINING_PAST, (long long)id);
	rc = h_reply_buf(ctx, &b);
out:
	buf_release(&b);
	buf_release(&when);
	free(title);
	return rc;
}

H_COMMAND(addtraining, ADDTRAINING, .min_role = ROLE_OWNER,
	.args = { .min = 4, .max = H_ARGS_MANY, .kind = { [3] = H_ARG_REST } });

/* Tell one person (chat tg_id) that t is cancelled (on 0: back on), in
 * their language; trainer: "your class". Called once per person told: it
 * gives back what it took of the arena. */
static int h_cancel_notice(struct h_ctx *ctx, const struct training *t, int64_t tg_id, int trainer,
    int on, const char *reason, int refunded)
{
	struct h_env *env = ctx->env;
	struct buf b = { 0 }, when = { 0 };
	struct arena_mark mark = arena_mark(ctx->arena);
	const char *title = h_esc(ctx, t->title), *esc;
	enum lang l = h_lang_of(env, tg_id);
	int rc;

	h_add_when(&when, l, t->starts_at);
	if (on)
		H_TF(&b, l, T_UNCANCEL_NOTICE, title, buf_str(&when));
	else if (trainer)
		H_TF(&b, l, T_CANCEL_NOTICE_TRAINER, title, buf_str(&when));
	else
		H_TF(&b, l, T_CANCEL_NOTICE, title, buf_str(&when));
	if (reason != NULL) {
		esc = h_esc(ctx, reason);
		H_TF(&b, l, T_CANCEL_NOTICE_REASON, esc);
	}
	if (refunded)
		buf_adds(&b, H_T(l, T_CANCEL_NOTICE_REFUND));
	rc = h_send(env, tg_id, buf_str(&b), NULL);
	buf_release(&b);
	buf_release(&when);
	arena_reset(ctx->arena, mark);
	return rc;
}

/* Tell t's trainer (linked, reachable, and not the sender) that t is
 * cancelled or back on. 0 or -1. */
static int h_cancel_tell_trainer(struct h_ctx *ctx, const struct training *t, int on, const char *reason)
{
	struct person p;
	int rc;

	if (t->trainer_id == 0)
		return 0;
	rc = db_person_get(ctx->env->db, PERSON_TRAINER, t->trainer_id, &p);
	if (rc == DB_OK && p.tg_id != 0 && p.tg_id != ctx->m->from_id && p.active && p.reachable)
		rc = h_cancel_notice(ctx, t, p.tg_id, 1, on, reason, 0) == 0 ? DB_OK : DB_ERROR;
	person_release(&p);
	return rc == DB_ERROR ? -1 : 0;
}

/*
 * The class named by argv[0] for /cancel and /uncancel, if the sender may
 * change it: the owner any class, a trainer the classes they teach, and
 * only before it starts. H_FOUND with *t filled, H_REPLIED, H_FAILED.
 */
static enum h_found h_cancel_target(struct h_ctx *ctx, const char *arg, struct training *t)
{
	enum h_found found = h_training_arg(ctx, arg, t);

	if (found != H_FOUND)
		return found;
	if (ctx->role < ROLE_OWNER && (ctx->who.kind != PERSON_TRAINER ||
	    t->trainer_id != ctx->who.id))
		return h_replied(h_reply(ctx, H_T(ctx->lang, T_CANCEL_NOT_YOURS)));
	if (t->starts_at <= ctx->env->now)
		return h_replied(h_reply(ctx, H_T(ctx->lang, T_CANCEL_PAST)));
	return H_FOUND;
}


/* Log a cancel (on 0) or uncancel (on 1) of t and tell the sender how many
 * students were told. 0 or -1. */
static int h_cancel_done(struct h_ctx *ctx, const struct training *t, int on, int told)
{
	struct buf b = { 0 }, when = { 0 };
	const char *title = h_esc(ctx, t->title);
	int rc;

	log_info("schedule", "training #%lld %s by %lld, %d told", (long long)t->id,
	    on ? "back on" : "cancelled", (long long)ctx->m->from_id, told);
	h_add_when(&when, ctx->lang, t->starts_at);
	if (on)
		H_TF(&b, ctx->lang, T_UNCANCEL_DONE, (long long)t->id, title, buf_str(&when), told);
	else
		H_TF(&b, ctx->lang, T_CANCEL_DONE, (long long)t->id, title, buf_str(&when), told);
	rc = h_reply_buf(ctx, &b);
	buf_release(&when);
	return rc;
}

/*
 * t is cancelled (on 0) or back on (on 1): tell the students of its roster
 * r (n rows, read before a cancel changed the marks) whom we can reach and
 * its trainer, then the sender how many were told. A cancel first marks
 * who checked in excused (their class is given back). 0 or -1.
 */
static int h_cancel_tell(struct h_ctx *ctx, const struct training *t, int on, const char *reason,
    const struct roster_entry *r, size_t n)
{
	struct att_effect e;
	size_t i;
	int told = 0;

	for (i = 0; i < n; i++) {
		memset(&e, 0, sizeof e);
		if (!on && att_status_trained(r[i].status) && h_att_mark(ctx, t->id,
		    r[i].student_id, ATT_EXCUSED, ATT_TRAINER, &e) != 0)
			return -1;
		if (r[i].tg_id == 0 || !r[i].active || !r[i].reachable)
			continue;
		if (h_cancel_notice(ctx, t, r[i].tg_id, 0, on, reason, e.restored) != 0)
			return -1;
		told++;
	}
	if (h_cancel_tell_trainer(ctx, t, on, reason) != 0)
		return -1;
	return h_cancel_done(ctx, t, on, told);
}

/*
 * /cancel <id> [reason]: only a class that has not started. Students who
 * checked in get their class back (marked excused); they, the template's
 * regulars and the class's trainer (unless cancelling it) are told, if we
 * can reach them.
 */
static int h_cmd_cancel(struct h_ctx *ctx, const char *args)
{
	struct h_env *env = ctx->env;
	struct training t = { 0 };
	struct roster_entry *r = NULL;
	struct buf b = { 0 };
	char **argv = NULL, *reason = NULL;
	size_t n = 0;
	int rc = -1, found;

	h_args_words(ctx, args, &argv);
	if ((found = h_cancel_target(ctx, argv[0], &t)) != H_FOUND) {
		rc = found;
		goto out;
	}
	if (t.cancelled) {
		H_TF(&b, ctx->lang, T_CANCEL_ALREADY, (long long)t.id);
		rc = h_reply_buf(ctx, &b);
		goto out;
	}
	if (utf8_len(h_args_after(args, 1)) > H_REASON_MAX) {
		H_TF(&b, ctx->lang, T_BAD_REASON, H_REASON_MAX);
		rc = h_reply_buf(ctx, &b);
		goto out;
	}
	if (*h_args_after(args, 1) != '\0')
		reason = xstrdup(h_args_after(args, 1));
	/* The roster before the marks change: who checked in, who usually comes. */
	if (db_roster(env->db, t.id, H_CANCEL_NOTIFY_MAX, &r, &n) != DB_OK)
		goto out;
	if (db_training_cancel(env->db, t.id, reason) != DB_OK)
		goto out;
	if (h_audit(ctx, "training.cancel", "training", t.id, reason) != 0)
		goto out;
	rc = h_cancel_tell(ctx, &t, 0, reason, r, n);
out:
	buf_release(&b);
	roster_free(r, n);
	training_release(&t);
	free(reason);
	return rc;
}

H_COMMAND(cancel, CANCEL, .min_role = ROLE_TRAINER,
	.args = { .min = 1, .max = H_ARGS_MANY, .kind = { [1] = H_ARG_REST } });

/*
 * /uncancel <id>: a cancelled class that has not started is on again.
 * Marks made excused by /cancel stay (students check in again); everyone
 * /cancel would tell (the roster, the trainer) hears the good news.
 */
static int h_cmd_uncancel(struct h_ctx *ctx, const char *args)
{
	struct h_env *env = ctx->env;
	struct training t = { 0 };
	struct roster_entry *r = NULL;
	struct buf b = { 0 };
	size_t n = 0;
	int rc = -1, found;

	/* args is one word (the spec): the class. */
	if ((found = h_cancel_target(ctx, args, &t)) != H_FOUND) {
		rc = found;
		goto out;
	}
	if (!t.cancelled) {
		H_TF(&b, ctx->lang, T_UNCANCEL_NOT_CANCELLED, (long long)t.id);
		rc = h_reply_buf(ctx, &b);
		goto out;
	}
	if (db_training_uncancel(env->db, t.id) != DB_OK ||
	    h_audit(ctx, "training.uncancel", "training", t.id, NULL) != 0 ||
	    db_roster(env->db, t.id, H_CANCEL_NOTIFY_MAX, &r, &n) != DB_OK)
		goto out;
	rc = h_cancel_tell(ctx, &t, 1, NULL, r, n);
out:
	buf_release(&b);
	roster_free(r, n);
	training_release(&t);
	return rc;
}

H_COMMAND(uncancel, UNCANCEL, .min_role = ROLE_TRAINER, .args = { .min = 1, .max = 1 });

/* ---- /classtrainer -------------------------------------------------------- */

/* /classtrainer <weekly class> <trainer #id|name|->: who teaches it from now on. */
static int h_cmd_classtrainer(struct h_ctx *ctx, const char *args)
{
	struct person t = { 0 };
	struct buf b = { 0 };
	char **argv = NULL, *name = NULL;
	int64_t class_id, trainer_id;
	int rc = -1, dbrc;

	h_args_words(ctx, args, &argv);
	(void)h_number(argv[0], &class_id);  /* the spec checked it */
	if ((rc = h_find_person(ctx, PERSON_TRAINER, argv[1], H_FIND_ACTIVE | H_FIND_NOBODY,
	    &t)) != H_FOUND)
		goto out;
	trainer_id = t.id;
	dbrc = db_template_set_trainer(ctx->env->db, class_id, trainer_id, ctx->env->now);
	if (dbrc == DB_NOTFOUND) {
		H_TF(&b, ctx->lang, T_CLASSTRAINER_NO_CLASS, (long long)class_id);
		rc = h_reply_buf(ctx, &b);
		goto out;
	}
	rc = -1;
	if (dbrc != DB_OK || h_audit(ctx, "class.trainer", "class_template", class_id,
	    trainer_id ? argv[1] : "none") != 0)
		goto out;
	if (trainer_id == 0) {
		H_TF(&b, ctx->lang, T_CLASSTRAINER_NONE, (long long)class_id);
	} else {
		name = xasprintf("%s %s", t.first_name, t.last_name);
		const char *esc = h_esc(ctx, name);
		H_TF(&b, ctx->lang, T_CLASSTRAINER_SET, (long long)class_id, esc);
	}
	rc = h_reply_buf(ctx, &b);
out:
	free(name);
	buf_release(&b);
	person_release(&t);
	return rc;
}

H_COMMAND(classtrainer, CLASSTRAINER, .min_role = ROLE_OWNER,
	.args = { .min = 2, .max = 2, .kind = { H_ARG_ID } });

/* ---- /editclass, /pauseclass, /resumeclass, /deleteclass ------------------ */

/*
 * The weekly class named by arg ("3" or "#3"), not deleted: H_FOUND with
 * *out filled (the caller frees it), H_REPLIED (usage for a bad number,
 * "no such class") or H_FAILED.
 */
static enum h_found h_template_arg(struct h_ctx *ctx, const char *arg, const char *example,
    struct class_template *out)
{
	struct buf b = { 0 };
	int64_t id;
	int rc;

	memset(out, 0, sizeof *out);
	if (!h_number(arg, &id))
		return h_replied(h_reply_usage(ctx, example));
	rc = db_template_get(ctx->env->db, id, out);
	if (rc == DB_OK)
		return H_FOUND;
	if (rc != DB_NOTFOUND)
		return H_FAILED;
	H_TF(&b, ctx->lang, T_CLASSTRAINER_NO_CLASS, (long long)id);
	return h_replied(h_reply_buf(ctx, &b));
}

const char *h_classes_word(enum lang l, long long n)
{
	return H_TP(l, n, T_W_CLASS);
}

/* Append what a change did to the upcoming trainings. */
static void h_add_tpl_effect(struct buf *b, enum lang l, const struct tpl_effect *e)
{
	if (e->moved > 0)
		H_TF(b, l, T_TPL_MOVED, e->moved, h_classes_word(l, e->moved));
	if (e->removed > 0)
		H_TF(b, l, T_TPL_REMOVED, e->removed, h_classes_word(l, e->removed));
	if (e->kept > 0)
		H_TF(b, l, T_TPL_KEPT, e->kept, h_classes_word(l, e->kept), (long long)e->kept_id);
}

/* What /editclass changes. */
enum h_class_field { F_DAYS, F_TIME, F_DURATION, F_TITLE, F_TRAINER, F_COUNT };

/* The new value of one field of t from "/editclass <n> <field> <value>"
 * (*field: which): H_FOUND when valid (t changed), else H_REPLIED or
 * H_FAILED. */
static enum h_found h_editclass_field(struct h_ctx *ctx, const char *args, char **argv,
    struct class_template *t, struct person *trainer, size_t *field)
{
	static const char *const fields[F_COUNT][2] = {
		{ "days", "дни" }, { "time", "время" }, { "duration", "длительность" },
		{ "title", "название" }, { "trainer", "тренер" },
	};
	struct buf b = { 0 };
	char *rest;
	const char *esc;
	size_t f, len;
	int64_t d;
	int rc = 0;

	for (f = 0; f < F_COUNT; f++) {
		if (utf8_ieq(argv[1], fields[f][0]) || utf8_ieq(argv[1], fields[f][1]))
			break;
	}
	*field = f;
	if (f == F_COUNT)
		return h_replied(h_reply_usage(ctx, H_T(ctx->lang, T_EXAMPLE_EDITCLASS)));
	if (f == F_TITLE || f == F_TRAINER) {
		/* The rest of the line as typed (inner spaces kept). */
		rest = xstrdup(h_args_after(args, 2));
		for (len = strlen(rest); len > 0 && strchr(" \t\r\n", rest[len - 1]); len--)
			rest[len - 1] = '\0';
		if (f == F_TRAINER) {
			rc = h_find_person(ctx, PERSON_TRAINER, rest, H_FIND_ACTIVE | H_FIND_NOBODY,
			    trainer);
			if (rc == H_FOUND)
				t->trainer_id = trainer->id;
			free(rest);
			return rc;
		}
		if (utf8_len(rest) < 1 || utf8_len(rest) > H_TITLE_MAX) {
			free(rest);
			H_TF(&b, ctx->lang, T_BAD_TITLE, H_TITLE_MAX);
			return h_replied(h_reply_buf(ctx, &b));
		}
		free(t->title);
		t->title = rest;
		return H_FOUND;
	}
	if (f == F_DAYS) {
		rest = h_days_joined(h_args_after(args, 2));
		rest[strcspn(rest, " \t\r\n")] = '\0';
		rc = civil_parse_weekdays(rest, &t->weekdays);
		free(rest);
		if (rc == 0)
			return H_FOUND;
	}
	if (f == F_TIME && civil_parse_hhmm(argv[2], &t->start_minute) == 0)
		return H_FOUND;
	if (f == F_DURATION && parse_i64(argv[2], &d) == 0 && d >= 1 && d <= 1440) {
		t->duration_min = (int)d;
		return H_FOUND;
	}
	esc = h_esc(ctx, argv[2]);
	if (f == F_DAYS)
		H_TF(&b, ctx->lang, T_BAD_WEEKDAYS, esc);
	else if (f == F_TIME)
		H_TF(&b, ctx->lang, T_BAD_HHMM, esc);
	else
		H_TF(&b, ctx->lang, T_BAD_DURATION, esc, 1440);
	return h_replied(h_reply_buf(ctx, &b));
}

/* /editclass <weekly class> days|time|duration|title|trainer <value>:
 * the class from now on; upcoming trainings follow (see db_template_edit). */
static int h_cmd_editclass(struct h_ctx *ctx, const char *args)
{
	struct class_template t = { 0 };
	struct person trainer = { 0 };
	struct tpl_effect e;
	struct buf b = { 0 }, days = { 0 }, hhmm = { 0 };
	char **argv = NULL;
	const char *details = NULL, *esc = NULL;
	size_t field = F_COUNT;
	int rc = -1, ok;

	h_args_words(ctx, args, &argv);
	if ((ok = h_template_arg(ctx, argv[0], H_T(ctx->lang, T_EXAMPLE_EDITCLASS), &t)) != 1 ||
	    (ok = h_editclass_field(ctx, args, argv, &t, &trainer, &field)) != H_FOUND) {
		rc = ok;
		goto out;
	}
	if (db_template_edit(ctx->env->db, &t, ctx->env->now, &e) != DB_OK ||
	    h_template_generate(ctx->env, t.id) != 0)
		goto out;
	details = arena_printf(ctx->arena, "%s=%s", argv[1], h_args_after(args, 2));
	if (h_audit(ctx, "template.edit", "class_template", t.id, details) != 0)
		goto out;
	log_info("schedule", "template #%lld edited by %lld", (long long)t.id,
	    (long long)ctx->m->from_id);
	esc = h_esc(ctx, t.title);
	h_add_weekdays(&days, ctx->lang, t.weekdays);
	h_add_clock(&hhmm, t.start_minute);
	H_TF(&b, ctx->lang, T_EDITCLASS_DONE, (long long)t.id, esc, buf_str(&days),
	    buf_str(&hhmm), t.duration_min);
	if (field == F_TRAINER && t.trainer_id != 0) {
		buf_adds(&b, H_T(ctx->lang, T_EDITCLASS_TRAINER));
		buf_add_html(&b, trainer.first_name);
		buf_addc(&b, ' ');
		buf_add_html(&b, trainer.last_name);
	} else if (field == F_TRAINER) {
		buf_adds(&b, H_T(ctx->lang, T_EDITCLASS_NO_TRAINER));
	}
	h_add_tpl_effect(&b, ctx->lang, &e);
	rc = h_reply_buf(ctx, &b);
out:
	buf_release(&b);
	buf_release(&days);
	buf_release(&hhmm);
	person_release(&trainer);
	class_template_release(&t);
	return rc;
}

H_COMMAND(editclass, EDITCLASS, .min_role = ROLE_OWNER,
	.args = { .min = 3, .max = H_ARGS_MANY, .kind = { H_ARG_ID, [2] = H_ARG_REST } });

/* /pauseclass, /resumeclass, /deleteclass <weekly class>. */
enum h_tpl_op { H_TPL_PAUSE, H_TPL_RESUME, H_TPL_DELETE };

static int h_template_op(struct h_ctx *ctx, const char *args, enum h_tpl_op op)
{
	static const char *const actions[] = {
		[H_TPL_PAUSE] = "template.pause", [H_TPL_RESUME] = "template.resume",
		[H_TPL_DELETE] = "template.delete",
	};
	struct h_env *env = ctx->env;
	struct class_template t = { 0 };
	struct tpl_effect e;
	struct buf b = { 0 };
	const char *example = op == H_TPL_PAUSE ? H_T(ctx->lang, T_EXAMPLE_PAUSECLASS) :
	    op == H_TPL_RESUME ? H_T(ctx->lang, T_EXAMPLE_RESUMECLASS) :
	    H_T(ctx->lang, T_EXAMPLE_DELETECLASS);
	char **argv = NULL;
	const char *esc = NULL;
	int rc = -1, dbrc;

	h_args_words(ctx, args, &argv);
	if ((rc = h_template_arg(ctx, argv[0], example, &t)) != H_FOUND)
		goto out;
	rc = -1;
	if (op == H_TPL_DELETE)
		dbrc = db_template_delete(env->db, t.id, env->now, env->now, &e);
	else
		dbrc = db_template_set_active(env->db, t.id, op == H_TPL_RESUME, env->now, &e);
	if (dbrc == DB_CONSTRAINT) {
		if (op == H_TPL_PAUSE)
			H_TF(&b, ctx->lang, T_PAUSECLASS_ALREADY, (long long)t.id);
		else
			H_TF(&b, ctx->lang, T_RESUMECLASS_ALREADY, (long long)t.id);
		rc = h_reply_buf(ctx, &b);
		goto out;
	}
	if (dbrc != DB_OK || (op == H_TPL_RESUME && h_template_generate(env, t.id) != 0) ||
	    h_audit(ctx, actions[op], "class_template", t.id, NULL) != 0)
		goto out;
	log_info("schedule", "%s #%lld by %lld", actions[op], (long long)t.id,
	    (long long)ctx->m->from_id);
	esc = h_esc(ctx, t.title);
	if (op == H_TPL_PAUSE)
		H_TF(&b, ctx->lang, T_PAUSECLASS_DONE, (long long)t.id, esc, (long long)t.id);
	else if (op == H_TPL_RESUME)
		H_TF(&b, ctx->lang, T_RESUMECLASS_DONE, (long long)t.id, esc);
	else
		H_TF(&b, ctx->lang, T_DELETECLASS_DONE, (long long)t.id, esc);
	h_add_tpl_effect(&b, ctx->lang, &e);
	rc = h_reply_buf(ctx, &b);
out:
	buf_release(&b);
	class_template_release(&t);
	return rc;
}

static int h_cmd_pauseclass(struct h_ctx *ctx, const char *args)
{
	return h_template_op(ctx, args, H_TPL_PAUSE);
}

H_COMMAND_USAGE(pauseclass, PAUSECLASS, H_TA(T_USAGE_WEEKLY_CLASS), .min_role = ROLE_OWNER,
	.args = { .min = 1, .max = 1, .kind = { H_ARG_ID } });

static int h_cmd_resumeclass(struct h_ctx *ctx, const char *args)
{
	return h_template_op(ctx, args, H_TPL_RESUME);
}

H_COMMAND_USAGE(resumeclass, RESUMECLASS, H_TA(T_USAGE_WEEKLY_CLASS), .min_role = ROLE_OWNER,
	.args = { .min = 1, .max = 1, .kind = { H_ARG_ID } });

static int h_cmd_deleteclass(struct h_ctx *ctx, const char *args)
{
	return h_template_op(ctx, args, H_TPL_DELETE);
}

H_COMMAND_USAGE(deleteclass, DELETECLASS, H_TA(T_USAGE_WEEKLY_CLASS), .min_role = ROLE_OWNER,
	.args = { .min = 1, .max = 1, .kind = { H_ARG_ID } });
