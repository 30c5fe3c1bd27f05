/*
 * jobs.c — the scheduled jobs that write to students and owners (see
 * handlers.h): class reminders with their answer buttons, nudges to
 * students who stopped coming and the owners' at-risk list, payment
 * reminders, the owners' digest, newly eligible students (to the owners
 * and trainers) and exams tomorrow (to the student), and /remind off|on.
 *
 * Invariant: every message here is claimed in the notification log
 * (db_notify_once) in the same transaction that queues it, under a key
 * naming its subject and period, so it goes out at most once. Student
 * messages wait out the quiet hours (outbox not_before); a reminder that
 * could only arrive after its class started is dropped instead.
 *
 * Callers: bot/scheduler.c (h_job_*), the router (/remind, "rsvp" buttons).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "lib/civil.h"
#include "lib/log.h"
#include "lib/util.h"
#include "handlers/belts.h"
#include "handlers/command.h"
#include "handlers/reply.h"
#include "handlers/texts.h"
#include "storage/belts.h"
#include "storage/billing.h"
#include "storage/jobs.h"
#include "storage/schedule.h"
#include "storage/store.h"
#include "storage/websessions.h"

#define H_JOBS_MAX 500
/* Students in one at-risk alert (a reply stays well under 4096 chars). */
#define H_ATRISK_MAX 50

/* When the quiet hours around now end, or 0 when now is not in them. */
int64_t h_quiet_until(const struct h_env *env, int64_t now)
{
	struct civil c;
	int in;

	if (env->cfg->quiet_start < 0 || env->cfg->quiet_start == env->cfg->quiet_end)
		return 0;
	civil_split(now, &c);
	if (env->cfg->quiet_start < env->cfg->quiet_end)
		in = c.minute >= env->cfg->quiet_start && c.minute < env->cfg->quiet_end;
	else
		in = c.minute >= env->cfg->quiet_start || c.minute < env->cfg->quiet_end;
	if (!in)
		return 0;
	/* The end is today when we are before it, else tomorrow. */
	int64_t end = civil_local_at(now, env->cfg->quiet_end);
	return end > now ? end : civil_local_at(civil_add_days(now, 1), env->cfg->quiet_end);
}

/* Claim key; 1 when it is ours to send, 0 when sent before, -1 failure. */
static int h_claim(struct h_env *env, const char *kind, const char *key)
{
	int rc = db_notify_once(env->db, key, kind, env->now);
	return rc == DB_OK ? 1 : rc == DB_CONSTRAINT ? 0 : -1;
}

/* New messages (or claims) one run of a job makes at most. */
static size_t h_job_slice(const struct h_env *env)
{
	return env->job_slice > 0 ? (size_t)env->job_slice : H_JOB_SLICE;
}

int h_job_schedule(struct h_env *env)
{
	return h_schedule_generate_always(env);
}

int h_job_maintenance(struct h_env *env)
{
	int changed = 0;

	if (db_subscriptions_expire(env->db, env->now, &changed) != DB_OK)
		return -1;
	if (changed > 0)
		log_info("jobs", "%d subscription status change(s)", changed);
	/* the dashboard's finished sessions and old login codes */
	if (db_web_prune(env->db, env->now, &changed) != DB_OK)
		return -1;
	if (changed > 0)
		log_info("jobs", "%d dashboard session(s) and login code(s) deleted", changed);
	return 0;
}

/* ---- class reminders ------------------------------------------------ */

static char *h_rsvp_markup(enum lang l, int64_t training_id)
{
	cJSON *mk = cJSON_CreateObject(), *rows = cJSON_AddArrayToObject(mk, "inline_keyboard");
	cJSON *row = cJSON_CreateArray();
	char data[64];
	static const char answers[] = { 'y', 'n' };

	for (size_t i = 0; i < BJJ_ARRAY_LEN(answers); i++) {
		snprintf(data, sizeof(data), "rsvp:%lld:%c", (long long)training_id, answers[i]);
		h_button_add(row, i == 0 ? H_T(l, T_REMIND_YES) : H_T(l, T_REMIND_NO), data);
	}
	cJSON_AddItemToArray(rows, row);
	return h_json_take(mk);
}

/* What every reminder of one class says in one language: prepared once
 * per class and language, not per student (a class may have a thousand). */
struct h_remind_class {
	int ready;
	char *title;               /* escaped */
	struct buf when, trainer;
	char *markup;
};

static void h_remind_class_release(struct h_remind_class *c)
{
	for (int l = 0; l < LANG_COUNT; l++) {
		free(c[l].title);
		buf_release(&c[l].when);
		buf_release(&c[l].trainer);
		free(c[l].markup);
	}
	memset(c, 0, LANG_COUNT * sizeof(*c));
}

/* Remind r of t: 1 queued, 0 reminded before, -1 failure. */
static int h_remind_one(struct h_env *env, const struct training *t, struct h_remind_class *cls,
    const struct recipient *r, int64_t not_before)
{
	struct buf key = { 0 }, b = { 0 };
	enum lang l = h_lang_from_code(r->lang, env->default_lang);
	struct h_remind_class *c = &cls[l];
	char *first = NULL;
	int rc;

	buf_addf(&key, "remind:t%lld:s%lld", (long long)t->id, (long long)r->student_id);
	if ((rc = h_claim(env, "remind", buf_str(&key))) != 1)
		goto out;
	if (!c->ready) {
		c->ready = 1;
		c->title = html_escape(t->title);
		h_add_when(&c->when, l, t->starts_at);
		if (t->trainer_name != NULL) {
			char *name = html_escape(t->trainer_name);
			H_TF(&c->trainer, l, T_REMIND_TRAINER, name);
			free(name);
		}
		c->markup = h_rsvp_markup(l, t->id);
	}
	first = html_escape(r->first_name);
	H_TF(&b, l, T_REMIND_CLASS, first, c->title, buf_str(&c->when), buf_str(&c->trainer));
	rc = h_send_at(env, r->tg_id, buf_str(&b), c->markup, not_before) == 0 ? 1 : -1;
out:
	free(first);
	buf_release(&key);
	buf_release(&b);
	return rc;
}

int h_job_reminders(struct h_env *env)
{
	struct training *t = NULL;
	struct h_remind_class cls[LANG_COUNT];
	size_t n = 0, queued = 0, slice = h_job_slice(env);
	int64_t quiet = h_quiet_until(env, env->now);
	int rc = 0;

	if (env->cfg->remind_hours_before <= 0)
		return 0;
	/* Classes starting within the window; one created later than the
	 * window's start is reminded at once, as it enters here. */
	if (db_trainings_range(env->db, env->now + 1,
	    env->now + (int64_t)env->cfg->remind_hours_before * 3600, 0, 200, &t, &n) != DB_OK)
		return -1;
	memset(cls, 0, sizeof(cls));
	for (size_t i = 0; i < n && rc == 0 && queued < slice; i++) {
		struct recipient *r = NULL;
		size_t nr = 0;
		/* After quiet hours the class would have started: skip it. */
		if (quiet != 0 && quiet >= t[i].starts_at)
			continue;
		if (db_jobs_training_targets(env->db, t[i].id, env->cfg->regulars_only, &r, &nr) != DB_OK) {
			rc = -1;
			break;
		}
		for (size_t j = 0; j < nr && rc == 0 && queued < slice; j++) {
			if ((rc = h_remind_one(env, &t[i], cls, &r[j], quiet)) == 1) {
				queued++;
				rc = 0;
			}
		}
		recipients_free(r, nr);
		h_remind_class_release(cls);
	}
	trainings_free(t, n);
	return rc < 0 ? -1 : queued == slice;
}

/* "rsvp:<training>:y|n": the answer to a class reminder. */
int h_cb_rsvp(struct h_ctx *ctx, const char *key)
{
	long long training_id;
	char answer, tail;
	struct training t;
	struct buf b = { 0 }, when = { 0 };
	const char *title;
	int rc;

	if (ctx->who.kind != PERSON_STUDENT)
		return h_reply(ctx, H_T(ctx->lang, T_RSVP_NOT_STUDENT));
	if (sscanf(key, "%lld:%c%c", &training_id, &answer, &tail) != 2 ||
	    (answer != 'y' && answer != 'n'))
		return h_reply(ctx, H_T(ctx->lang, T_CB_OUTDATED));
	rc = db_training_get(ctx->env->db, training_id, &t);
	if (rc == DB_ERROR)
		return -1;
	if (rc == DB_NOTFOUND || t.cancelled || t.starts_at <= ctx->env->now) {
		training_release(&t);
		return h_reply(ctx, H_T(ctx->lang, T_RSVP_LATE));
	}
	if (db_rsvp_set(ctx->env->db, ctx->who.id, t.id, answer == 'y', ctx->env->now) != DB_OK) {
		training_release(&t);
		return -1;
	}
	title = h_esc(ctx, t.title);
	h_add_when(&when, ctx->lang, t.starts_at);
	if (answer == 'y')
		H_TF(&b, ctx->lang, T_RSVP_YES, title, buf_str(&when));
	else
		H_TF(&b, ctx->lang, T_RSVP_NO, title, buf_str(&when));
	/* The reminder becomes the answer: the buttons go away. */
	rc = h_show(ctx, ctx->m->message_id, buf_str(&b), NULL);
	buf_release(&b);
	buf_release(&when);
	training_release(&t);
	return rc;
}

/* ---- students who stopped coming ---------------------------------------- */

static void h_atrisk_line(struct buf *b, enum lang l, const struct absence *a)
{
	struct buf when = { 0 }, what = { 0 };
	char *first = html_escape(a->who.first_name), *last = html_escape(a->who.last_name);

	buf_add_date(&when, a->since);
	if (a->last_visit != 0)
		H_TF(&what, l, T_ATRISK_LAST, buf_str(&when));
	else
		H_TF(&what, l, T_ATRISK_NEVER, buf_str(&when));
	if (a->missed > 0)
		H_TF(&what, l, T_ATRISK_MISSED, a->missed, H_TP(l, a->missed, T_W_USUAL_CLASS));
	H_TF(b, l, T_ATRISK_LINE, (long long)a->who.student_id, first, last, buf_str(&what));
	free(first);
	free(last);
	buf_release(&when);
	buf_release(&what);
}

int h_job_absences(struct h_env *env)
{
	struct absence *v = NULL;
	size_t n = 0, listed = 0;
	struct buf key = { 0 }, list = { 0 }, msg = { 0 };
	enum lang l = env->default_lang;
	int64_t quiet = h_quiet_until(env, env->now), head = 0;
	int rc = 0, claim;

	if (env->cfg->absent_days <= 0 && env->cfg->missed_threshold <= 0)
		return 0;
	if (db_jobs_absences(env->db, env->now, env->cfg->absent_days, env->cfg->missed_threshold,
	    H_JOBS_MAX, &v, &n) != DB_OK)
		return -1;
	for (size_t i = 0; i < n && rc == 0; i++) {
		const struct absence *a = &v[i];
		/* A frozen plan is a planned break: nobody is told. */
		if (a->frozen)
			continue;
		/* One streak = one "since": a visit starts a new one. */
		if (a->can_remind) {
			buf_truncate(&key, 0);
			buf_addf(&key, "nudge:s%lld:%lld", (long long)a->who.student_id, (long long)a->since);
			if ((claim = h_claim(env, "nudge", buf_str(&key))) < 0) {
				rc = -1;
				break;
			}
			if (claim == 1) {
				enum lang sl = h_lang_from_code(a->who.lang, env->default_lang);
				char *first = html_escape(a->who.first_name);
				buf_truncate(&msg, 0);
				H_TF(&msg, sl, T_NUDGE, first);
				free(first);
				rc = h_send_at(env, a->who.tg_id, buf_str(&msg), NULL, quiet);
			}
		}
		/* A full list leaves the rest unclaimed: the next tick lists them. */
		if (listed == H_ATRISK_MAX)
			continue;
		buf_truncate(&key, 0);
		buf_addf(&key, "atrisk:s%lld:%lld", (long long)a->who.student_id, (long long)a->since);
		if ((claim = h_claim(env, "atrisk", buf_str(&key))) < 0)
			rc = -1;
		else if (claim == 1) {
			h_atrisk_line(&list, l, a);
			listed++;
		}
	}
	if (rc == 0 && listed > 0) {
		buf_truncate(&msg, 0);
		buf_adds(&msg, H_T(l, T_ATRISK_HEAD));
		buf_adds(&msg, buf_str(&list));
		rc = h_notify_owners(env, buf_str(&msg));
		/* The head trainer sees the same list, unless they are an owner. */
		if (rc == 0 && db_jobs_head_trainer(env->db, &head) != DB_OK)
			rc = -1;
		int owner = 0;
		for (int i = 0; i < env->cfg->n_owners; i++)
			owner |= env->cfg->owner_ids[i] == head;
		if (rc == 0 && head != 0 && !owner)
			rc = h_send(env, head, buf_str(&msg), NULL);
	}
	absences_free(v, n);
	buf_release(&key);
	buf_release(&list);
	buf_release(&msg);
	return rc;
}

/* ---- payment reminders ---------------------------------------------------- */

/* Remind d's student: 1 queued, 0 reminded before, -1 failure. */
static int h_payment_one(struct h_env *env, const struct plan_due *d, int64_t quiet)
{
	struct buf key = { 0 }, b = { 0 }, price = { 0 }, date = { 0 };
	enum lang l = h_lang_from_code(d->who.lang, env->default_lang);
	const char *kind = d->expired ? "plan_expired" : d->classes_left == 1 ? "plan_lastclass"
	    : "plan_ending";
	char *first = NULL, *plan = NULL;
	int rc;

	buf_addf(&key, "%s:b%lld", kind, (long long)d->subscription_id);
	if ((rc = h_claim(env, kind, buf_str(&key))) != 1)
		goto out;
	first = html_escape(d->who.first_name);
	plan = html_escape(d->plan_title);
	buf_add_money(&price, d->price, env->cfg->currency);
	/* ends_at is the midnight after the last day */
	buf_add_date(&date, d->ends_at - 1);
	if (d->expired)
		H_TF(&b, l, T_PAY_EXPIRED, first, plan, buf_str(&price));
	else if (d->classes_left == 1)
		H_TF(&b, l, T_PAY_LASTCLASS, first, plan, buf_str(&price));
	else
		H_TF(&b, l, T_PAY_ENDING, first, plan, buf_str(&date), buf_str(&price));
	rc = h_send_at(env, d->who.tg_id, buf_str(&b), NULL, quiet) == 0 ? 1 : -1;
out:
	free(first);
	free(plan);
	buf_release(&key);
	buf_release(&b);
	buf_release(&price);
	buf_release(&date);
	return rc;
}

/* Once a day, the owners see whose plans need renewing (after quiet hours). */
static int h_payment_summary(struct h_env *env, const struct plan_due *v, size_t n, int64_t quiet)
{
	struct buf key = { 0 }, b = { 0 }, when = { 0 };
	enum lang l = env->default_lang;
	int rc;

	buf_adds(&key, "paysummary:");
	buf_add_date(&key, env->now);
	if ((rc = h_claim(env, "paysummary", buf_str(&key))) != 1)
		goto out;
	buf_adds(&b, H_T(l, T_PAY_SUMMARY_HEAD));
	for (size_t i = 0; i < n && i < H_ATRISK_MAX; i++) {
		char *first = html_escape(v[i].who.first_name), *last = html_escape(v[i].who.last_name);
		char *plan = html_escape(v[i].plan_title);
		buf_truncate(&when, 0);
		buf_add_date(&when, v[i].ends_at - 1);
		H_TF(&b, l, T_PAY_SUMMARY_LINE, (long long)v[i].who.student_id, first, last, plan);
		if (v[i].expired)
			H_TF(&b, l, T_PAY_SUMMARY_EXPIRED, buf_str(&when));
		else if (v[i].classes_left == 1)
			buf_adds(&b, H_T(l, T_PAY_SUMMARY_LASTCLASS));
		else
			H_TF(&b, l, T_PAY_SUMMARY_ENDS, buf_str(&when));
		free(first);
		free(last);
		free(plan);
	}
	if (n > H_ATRISK_MAX)
		H_TF(&b, l, T_PAY_SUMMARY_MORE, (int)(n - H_ATRISK_MAX));
	rc = 0;
	for (int i = 0; i < env->cfg->n_owners && rc == 0; i++)
		rc = h_send_owner(env, env->cfg->owner_ids[i], buf_str(&b), NULL, quiet);
out:
	buf_release(&key);
	buf_release(&b);
	buf_release(&when);
	return rc < 0 ? -1 : 0;
}

int h_job_payments(struct h_env *env)
{
	struct plan_due *v = NULL;
	size_t n = 0, queued = 0, slice = h_job_slice(env);
	int64_t quiet = h_quiet_until(env, env->now);
	int rc = 0;

	if (db_jobs_plan_dues(env->db, env->now,
	    civil_add_days(env->now, env->cfg->payment_days_before + 1), H_JOBS_MAX, &v, &n) != DB_OK)
		return -1;
	for (size_t i = 0; i < n && rc == 0 && queued < slice; i++) {
		if ((rc = h_payment_one(env, &v[i], quiet)) == 1) {
			queued++;
			rc = 0;
		}
	}
	if (rc == 0 && n > 0)
		rc = h_payment_summary(env, v, n, quiet);
	plan_dues_free(v, n);
	return rc < 0 ? -1 : queued == slice;
}

/* ---- the owners' digest ------------------------------------------------- */

int h_job_digest(struct h_env *env)
{
	struct digest d;
	struct absence *a = NULL;
	size_t na = 0;
	struct buf key = { 0 }, b = { 0 }, tmp = { 0 };
	enum lang l = env->default_lang;
	int64_t day = civil_day_start(env->now);
	int rc = -1, claim;

	buf_adds(&key, "digest:");
	buf_add_date(&key, day);
	if ((claim = h_claim(env, "digest", buf_str(&key))) != 1) {
		buf_release(&key);
		return claim;
	}
	if (db_jobs_digest(env->db, day, civil_add_days(day, 1), env->now,
	    civil_add_days(env->now, env->cfg->payment_days_before + 1), &d) != DB_OK)
		goto out_key;
	if (db_jobs_absences(env->db, env->now, env->cfg->absent_days, env->cfg->missed_threshold,
	    H_JOBS_MAX, &a, &na) != DB_OK)
		goto out;
	buf_add_date(&tmp, day);
	H_TF(&b, l, T_DIGEST_HEAD, buf_str(&tmp));
	if (d.n_classes == 0)
		buf_adds(&b, H_T(l, T_DIGEST_NO_CLASSES));
	for (size_t i = 0; i < d.n_classes; i++) {
		char *title = html_escape(d.classes[i].title);
		buf_truncate(&tmp, 0);
		buf_add_hhmm(&tmp, d.classes[i].starts_at);
		H_TF(&b, l, T_DIGEST_CLASS, buf_str(&tmp), title, d.classes[i].present);
		if (d.classes[i].cancelled)
			buf_adds(&b, H_T(l, T_DIGEST_CANCELLED));
		free(title);
	}
	buf_truncate(&tmp, 0);
	buf_add_money(&tmp, d.payments_total, env->cfg->currency);
	H_TF(&b, l, T_DIGEST_PAYMENTS, d.payments, buf_str(&tmp));
	H_TF(&b, l, T_DIGEST_NEW, d.new_students);
	H_TF(&b, l, T_DIGEST_EXPIRING, env->cfg->payment_days_before,
	    H_TP(l, env->cfg->payment_days_before, T_W_DAYS_WITHIN), d.expiring);
	size_t at_risk = 0;
	for (size_t i = 0; i < na; i++)
		at_risk += !a[i].frozen;
	H_TF(&b, l, T_DIGEST_ATRISK, (int)at_risk);
	if (d.undelivered > 0 || d.unreachable > 0)
		H_TF(&b, l, T_DIGEST_UNDELIVERED, d.undelivered, d.unreachable);
	rc = h_notify_owners(env, buf_str(&b));
out:
	absences_free(a, na);
	digest_release(&d);
out_key:
	buf_release(&key);
	buf_release(&b);
	buf_release(&tmp);
	return rc;
}

/* ---- /remind off|on ------------------------------------------------------ */

static int h_cmd_remind(struct h_ctx *ctx, const char *args)
{
	char **argv = NULL;
	size_t argc = h_args_words(ctx, args, &argv);
	int on = -1;

	if (H_KW(argv, argc, 0, T_KW_OFF) == 1)
		on = 0;
	else if (H_KW(argv, argc, 0, T_KW_ON) == 1)
		on = 1;
	if (on < 0)
		return h_reply_usage(ctx, H_T(ctx->lang, T_EXAMPLE_REMIND));
	if (ctx->who.kind != PERSON_STUDENT)
		return h_reply(ctx, H_T(ctx->lang, T_REMIND_NOT_STUDENT));
	if (db_student_set_remind(ctx->env->db, ctx->who.id, on) != DB_OK)
		return -1;
	if (h_audit(ctx, on ? "reminders.on" : "reminders.off", "student", ctx->who.id, NULL) != 0)
		return -1;
	return h_reply(ctx, on ? H_T(ctx->lang, T_REMIND_ON) : H_T(ctx->lang, T_REMIND_OFF));
}

H_COMMAND(remind, REMIND, .min_role = ROLE_STUDENT, .args = { .min = 1, .max = 1 });

/* ---- scheduled: newly eligible students, exams tomorrow ------------------ */

int h_job_eligibility(struct h_env *env)
{
	struct belt *table = NULL;
	struct belt_facts *v = NULL;
	struct belt_step s;
	struct buf key = { 0 }, list = { 0 }, msg = { 0 };
	int64_t *trainers = NULL;
	size_t nt = 0, n = 0, nc = 0, listed = 0, slice = h_job_slice(env);
	enum lang l = env->default_lang;
	int rc = -1, claim, more = 0;

	if (db_belts_all(env->db, &table, &nt) != DB_OK ||
	    db_belt_facts_active(env->db, &v, &n) != DB_OK)
		goto out;
	/* A slice's worth of new claims per run; the next run lists the rest. */
	for (size_t i = 0; i < n && listed < slice; i++) {
		if (belt_plan(table, nt, &v[i], env->now, &s) != 0 || !s.met ||
		    (s.kind != BELT_STEP_STRIPE && s.kind != BELT_STEP_BELT))
			continue;
		/* Once per student and step: the next step has another key. */
		buf_truncate(&key, 0);
		buf_addf(&key, "eligible:s%lld:%s:%d", (long long)v[i].student_id, s.to->code,
		    s.to_stripes);
		claim = db_notify_once(env->db, buf_str(&key), "eligible", env->now);
		if (claim == DB_ERROR)
			goto out;
		if (claim == DB_OK && listed++ < H_ELIGIBLE_MAX)
			h_eligible_line(&list, l, &v[i], &s);
	}
	rc = 0;
	if (listed == 0)
		goto out;
	more = listed == slice;
	buf_adds(&msg, H_T(l, T_ELIGIBLE_NEW_HEAD));
	buf_addc(&msg, '\n');
	buf_adds(&msg, buf_str(&list));
	if ((rc = h_notify_owners(env, buf_str(&msg))) != 0)
		goto out;
	if (db_jobs_trainer_chats(env->db, &trainers, &nc) != DB_OK) {
		rc = -1;
		goto out;
	}
	for (size_t i = 0; i < nc && rc == 0; i++) {
		int owner = 0;
		for (int j = 0; j < env->cfg->n_owners; j++)
			owner |= env->cfg->owner_ids[j] == trainers[i];
		if (!owner)
			rc = h_send(env, trainers[i], buf_str(&msg), NULL);
	}
out:
	if (rc == 0 && more)
		rc = 1;
	free(trainers);
	belt_facts_list_free(v, n);
	belts_free(table, nt);
	buf_release(&key);
	buf_release(&list);
	buf_release(&msg);
	return rc;
}

int h_job_exams(struct h_env *env)
{
	struct exam *v = NULL;
	size_t n = 0;
	struct buf tomorrow = { 0 }, key = { 0 }, msg = { 0 };
	int rc = -1;

	buf_add_date(&tomorrow, civil_add_days(env->now, 1));
	if (db_exams_upcoming(env->db, buf_str(&tomorrow), 200, &v, &n) != DB_OK)
		goto out;
	rc = 0;
	for (size_t i = 0; i < n && rc == 0 && strcmp(v[i].exam_date, buf_str(&tomorrow)) == 0; i++) {
		struct person p;
		int found = db_person_get(env->db, PERSON_STUDENT, v[i].student_id, &p);
		if (found == DB_ERROR) {
			rc = -1;
			break;
		}
		if (found == DB_OK && p.active && p.tg_id != 0 && p.reachable) {
			buf_truncate(&key, 0);
			buf_addf(&key, "examremind:e%lld", (long long)v[i].id);
			int claim = db_notify_once(env->db, buf_str(&key), "exam", env->now);
			if (claim == DB_ERROR)
				rc = -1;
			else if (claim == DB_OK) {
				enum lang l = h_lang_of(env, p.tg_id);
				char *first = html_escape(p.first_name);
				char *belt = html_escape(h_belt_name(l, v[i].target_belt));
				buf_truncate(&msg, 0);
				H_TF(&msg, l, T_EXAM_TOMORROW, first, belt, v[i].exam_date);
				/* The day before starts at midnight: wait for the morning. */
				rc = h_send_at(env, p.tg_id, buf_str(&msg), NULL,
				    h_quiet_until(env, env->now));
				free(first);
				free(belt);
			}
		}
		person_release(&p);
	}
out:
	exams_free(v, n);
	buf_release(&tomorrow);
	buf_release(&key);
	buf_release(&msg);
	return rc;
}
