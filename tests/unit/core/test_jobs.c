/*
 * test_jobs.c — the scheduled jobs (handlers/jobs.c, the eligibility and
 * exam jobs among them, storage/jobs.c) at their boundaries with
 * a stopped clock (f->env.now): each message goes out once at the right
 * moment, not again on the next run nor after a reopen (a restart), not
 * to the people it must skip, and waits out the quiet hours; the "rsvp"
 * answer buttons; /remind off|on; the digest's numbers against a known
 * data set; scheduler_next_local across a DST change.
 *
 * Moscow time (no DST) unless said otherwise; "now" starts at Monday
 * 2026-06-01 18:30 (schedule_fixture.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <unistd.h>

#include "files.h"
#include "handlers_fixture.h"
#include "schedule_fixture.h"

#include <ev.h>

#include "bot/config.h"
#include "bot/scheduler.h"
#include "storage/admin.h"
#include "storage/belts.h"
#include "storage/jobs.h"
#include "storage/script.h"
#include "test_main.h"

#define JT_DAY 86400

/* ---- helpers ------------------------------------------------------------ */

/* A student created at `created`, linked to tg (0: not linked). */
static int64_t jt_student(struct hf *f, const char *first, const char *phone, int64_t tg, int64_t created)
{
	return hf_student(f->db, first, "Testov", phone, NULL, 0, created, tg);
}

static void jt_mark(struct hf *f, int64_t training, int64_t student, int status)
{
	struct att_effect e;

	assert_int_equal(db_attendance_mark(f->db, training, student, status, ATT_TRAINER,
	    HF_OWNER, f->env.now, &e), DB_OK);
}

/* Messages (sendMessage rows) to chat among the rows taken last. */
static size_t jt_count(const struct hf *f, int64_t chat)
{
	size_t i, n = 0;

	for (i = 0; i < f->n; i++)
		n += f->items[i].method == OB_SEND_MESSAGE && f->items[i].chat_id == chat;
	return n;
}

/* Run a job at `now` and take what it queued. */
static size_t jt_run(struct hf *f, int (*job)(struct h_env *), int64_t now)
{
	f->env.now = now;
	assert_int_equal(job(&f->env), 0);
	return hf_take(f);
}

static char *jt_status(struct hf *f, int64_t sub)
{
	struct subscription s;
	char *st;

	assert_int_equal(db_subscription_get(f->db, sub, &s), DB_OK);
	st = xstrdup(s.status);
	subscription_release(&s);
	return st;
}

static void jt_assert_status(struct hf *f, int64_t sub, const char *want)
{
	char *st = jt_status(f, sub);

	assert_string_equal(st, want);
	free(st);
}

/* Whether storage lets a job write to student (students.remind and the
 * rest of "can be reminded"), read through the absences query. */
static int jt_can_remind(struct hf *f, int64_t student)
{
	struct absence *v = NULL;
	size_t n = 0, i;
	int can = -1;

	assert_int_equal(db_jobs_absences(f->db, f->env.now + 400 * (int64_t)JT_DAY, 1, 0, 1000,
	    &v, &n), DB_OK);
	for (i = 0; i < n; i++) {
		if (v[i].who.student_id == student)
			can = v[i].can_remind;
	}
	absences_free(v, n);
	assert_true(can >= 0);
	return can;
}

/* ---- class reminders -------------------------------------------------- */

static void test_reminders_window_once(void **state)
{
	struct hf *f = *state;
	struct sf s = sf_setup(f);
	int64_t t0 = f->env.now, soon, later, gone;
	char data[64];

	sf_sell_at(f, s.ivan, "month", 30, 0, t0 - JT_DAY);
	/* Olga has no plan: she is not expected. */
	later = sf_class(f, "Later", t0 + 2 * 3600 + 60);
	/* Created 30 minutes before it starts: reminded at once. */
	soon = sf_class(f, "Open mat", t0 + 30 * 60);
	sf_class(f, "Started", t0 - 60);
	gone = sf_class(f, "Gone", t0 + 3600);
	assert_int_equal(db_training_cancel(f->db, gone, NULL), DB_OK);

	assert_int_equal(jt_run(f, h_job_reminders, t0), 1);
	assert_int_equal(f->items[0].chat_id, SF_STUDENT_TG);
	assert_int_equal(f->items[0].not_before, 0);
	hf_assert_contains(f->items[0].text, "Ivan");
	hf_assert_contains(f->items[0].text, "Open mat");
	snprintf(data, sizeof data, "\"rsvp:%lld:y\"", (long long)soon);
	hf_assert_contains(f->items[0].markup, data);
	snprintf(data, sizeof data, "\"rsvp:%lld:n\"", (long long)soon);
	hf_assert_contains(f->items[0].markup, data);
	hf_assert_contains(f->items[0].markup, "I'm coming");

	/* The next tick sends nothing again. */
	assert_int_equal(jt_run(f, h_job_reminders, t0 + 1), 0);
	/* One second before "Later" enters the window: still nothing. */
	assert_int_equal(jt_run(f, h_job_reminders, t0 + 59), 0);
	/* Exactly training_hours_before ahead: reminded, once. */
	assert_int_equal(jt_run(f, h_job_reminders, t0 + 60), 1);
	hf_assert_contains(f->items[0].text, "Later");
	snprintf(data, sizeof data, "\"rsvp:%lld:y\"", (long long)later);
	hf_assert_contains(f->items[0].markup, data);
	assert_int_equal(jt_run(f, h_job_reminders, t0 + 120), 0);

	/* Reminders off in the settings: nothing. */
	f->cfg.remind_hours_before = 0;
	sf_class(f, "Off", t0 + 3600);
	assert_int_equal(jt_run(f, h_job_reminders, t0 + 180), 0);
}

/* A Russian speaker gets the reminder in Russian. */
static void test_reminders_language(void **state)
{
	struct hf *f = *state;
	struct sf s = sf_setup(f);

	assert_int_equal(db_tg_user_seen(f->db, SF_STUDENT_TG, "Ivan", NULL, "ru", f->env.now),
	    DB_OK);
	sf_sell_at(f, s.ivan, "month", 30, 0, f->env.now - JT_DAY);
	sf_class(f, "Gi", f->env.now + 3600);
	assert_int_equal(jt_run(f, h_job_reminders, f->env.now), 1);
	hf_assert_contains(f->items[0].text, "Придёте?");
	hf_assert_contains(f->items[0].markup, "Приду");
}

static char jt_path[64];

static void jt_open_file(struct hf *f)
{
	f->db = tf_db_migrated(jt_path);
	f->env.db = f->db;
}

static void jt_unlink(void)
{
	char p[80];

	unlink(jt_path);
	snprintf(p, sizeof p, "%s-wal", jt_path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", jt_path);
	unlink(p);
}

/* sf_setup on a database file of its own (jt_open_file again: a restart). */
static struct sf jt_setup_file(struct hf *f)
{
	snprintf(jt_path, sizeof jt_path, "/tmp/bjj-test-jobs-%d.db", (int)getpid());
	jt_unlink();
	db_close(f->db);
	jt_open_file(f);
	return sf_setup(f);
}

/* The notification log is in the database: a restart sends nothing twice. */
static void test_reminders_after_restart(void **state)
{
	struct hf *f = *state;
	struct sf s = jt_setup_file(f);
	int64_t t0 = f->env.now;
	sf_sell_at(f, s.ivan, "month", 30, 0, t0 - JT_DAY);
	sf_sell_at(f, s.olga, "month", 30, 0, t0 - JT_DAY);
	sf_class(f, "Gi", t0 + 3600);
	assert_int_equal(jt_run(f, h_job_reminders, t0), 2);
	assert_int_equal(jt_count(f, SF_STUDENT_TG), 1);
	assert_int_equal(jt_count(f, SF_STUDENT2_TG), 1);

	/* Restart. */
	db_close(f->db);
	jt_open_file(f);
	assert_int_equal(jt_run(f, h_job_reminders, t0 + 60), 0);
	/* The digest too: once per day across a restart. */
	assert_int_equal(jt_run(f, h_job_digest, t0 + 120), 1);
	db_close(f->db);
	jt_open_file(f);
	assert_int_equal(jt_run(f, h_job_digest, t0 + 180), 0);
	jt_unlink();
}

/* Run a job at `now` that returns rc (1: more to do), take what it queued. */
static size_t jt_run_rc(struct hf *f, int (*job)(struct h_env *), int64_t now, int rc)
{
	f->env.now = now;
	assert_int_equal(job(&f->env), rc);
	return hf_take(f);
}

/* A job with more to send than one slice: each run queues a slice and
 * says there is more; the claims committed carry the progress, so the
 * runs after a restart go on where it stopped, and each student is
 * reminded exactly once. */
static void test_reminders_in_slices(void **state)
{
	struct hf *f = *state;
	struct sf s = jt_setup_file(f);
	int64_t t0 = f->env.now, ids[5];
	size_t got = 0, ivan = 0;
	ids[0] = s.ivan;
	ids[1] = s.olga;
	ids[2] = jt_student(f, "Petr", "+79005550101", 7001, t0 - JT_DAY);
	ids[3] = jt_student(f, "Maria", "+79005550102", 7002, t0 - JT_DAY);
	ids[4] = jt_student(f, "Oleg", "+79005550103", 7003, t0 - JT_DAY);
	for (int i = 0; i < 5; i++)
		sf_sell_at(f, ids[i], "month", 30, 0, t0 - JT_DAY);
	sf_class(f, "Gi", t0 + 3600);
	f->env.job_slice = 2;

	/* Two, then (a restart between) two more, then the last one. */
	got += jt_run_rc(f, h_job_reminders, t0, 1);
	assert_int_equal(f->n, 2);
	for (size_t i = 0; i < f->n; i++)
		ivan += f->items[i].chat_id == SF_STUDENT_TG;
	db_close(f->db);
	jt_open_file(f);
	got += jt_run_rc(f, h_job_reminders, t0 + 1, 1);
	assert_int_equal(f->n, 2);
	got += jt_run_rc(f, h_job_reminders, t0 + 2, 0);
	assert_int_equal(f->n, 1);
	assert_int_equal(got, 5);
	/* Nothing more, ever, whatever the slice. */
	assert_int_equal(jt_run_rc(f, h_job_reminders, t0 + 3, 0), 0);
	f->env.job_slice = 0;
	assert_int_equal(jt_run_rc(f, h_job_reminders, t0 + 60, 0), 0);
	assert_int_equal(ivan, 1);
	jt_unlink();
}

/* Who is not reminded: everyone but one control student here. */
static void test_reminders_skip(void **state)
{
	struct hf *f = *state;
	struct sf s = sf_setup(f);
	int64_t t0 = f->env.now, id, gi, until, sub;
	struct subscription fr;
	int changed;

	gi = sf_class(f, "Gi", t0 + 3600);
	(void)s;
	/* the control */
	sf_sell_at(f, jt_student(f, "Ctrl", "+79001112200", 210, t0 - 30 * JT_DAY), "month", 30, 0,
	    t0 - JT_DAY);
	/* inactive */
	id = jt_student(f, "Inactive", "+79001112201", 211, t0 - 30 * JT_DAY);
	sf_sell_at(f, id, "month", 30, 0, t0 - JT_DAY);
	assert_int_equal(db_student_set_active(f->db, id, 0, &changed), DB_OK);
	/* frozen plan */
	id = jt_student(f, "Frozen", "+79001112202", 212, t0 - 30 * JT_DAY);
	sf_sell_at(f, id, "month", 30, 0, t0 - JT_DAY);
	assert_int_equal(db_subscription_freeze(f->db, id, 7, NULL, HF_OWNER, t0, &fr, &until),
	    DB_OK);
	subscription_release(&fr);
	/* unreachable (blocked the bot) */
	id = jt_student(f, "Blocked", "+79001112203", 213, t0 - 30 * JT_DAY);
	sf_sell_at(f, id, "month", 30, 0, t0 - JT_DAY);
	assert_int_equal(db_tg_user_set_reachable(f->db, 213, 0), DB_OK);
	/* /remind off */
	id = jt_student(f, "Quiet", "+79001112204", 214, t0 - 30 * JT_DAY);
	sf_sell_at(f, id, "month", 30, 0, t0 - JT_DAY);
	assert_int_equal(db_student_set_remind(f->db, id, 0), DB_OK);
	/* not linked to Telegram */
	id = jt_student(f, "Paper", "+79001112205", 0, t0 - 30 * JT_DAY);
	sf_sell_at(f, id, "month", 30, 0, t0 - JT_DAY);
	/* no plan at all */
	jt_student(f, "Nopay", "+79001112206", 215, t0 - 30 * JT_DAY);
	/* a used-up pack */
	id = jt_student(f, "Usedup", "+79001112207", 216, t0 - 30 * JT_DAY);
	sub = sf_sell_at(f, id, "two", 30, 2, t0 - JT_DAY);
	assert_int_equal(db_subscription_use_class(f->db, sub, -2), DB_OK);
	/* answered "not today" already */
	id = jt_student(f, "Nope", "+79001112208", 217, t0 - 30 * JT_DAY);
	sf_sell_at(f, id, "month", 30, 0, t0 - JT_DAY);
	assert_int_equal(db_rsvp_set(f->db, id, gi, 0, t0), DB_OK);
	/* checked in already */
	id = jt_student(f, "Early", "+79001112209", 218, t0 - 30 * JT_DAY);
	sf_sell_at(f, id, "month", 30, 0, t0 - JT_DAY);
	jt_mark(f, gi, id, ATT_PRESENT);
	/* a plan that ends before the class starts */
	id = jt_student(f, "Ending", "+79001112210", 219, t0 - 30 * JT_DAY);
	sf_sell_at(f, id, "day", 1, 0, t0 - JT_DAY);
	hf_take(f);

	assert_int_equal(jt_run(f, h_job_reminders, t0), 1);
	assert_int_equal(f->items[0].chat_id, 210);
	assert_int_equal(jt_run(f, h_job_reminders, t0 + 60), 0);
}

/* regulars_only: only those who came to the same weekly class in the
 * last four weeks. */
static void test_reminders_regulars_only(void **state)
{
	struct hf *f = *state;
	struct sf s = sf_setup(f);
	int64_t t0 = f->env.now, tpl, oneoff, petr;
	struct training *v = NULL;
	size_t n = 0;

	sf_sell_at(f, s.ivan, "month", 30, 0, t0 - JT_DAY);
	sf_sell_at(f, s.olga, "month", 30, 0, t0 - JT_DAY);
	petr = jt_student(f, "Petr", "+79001112211", 220, t0 - 60 * JT_DAY);
	sf_sell_at(f, petr, "month", 30, 0, t0 - JT_DAY);
	/* Mondays 20:00, for six weeks now. */
	assert_int_equal(db_template_add(f->db, "Gi", 0x01, 20 * 60, 90, 0, t0 - 43 * JT_DAY,
	    &tpl), DB_OK);
	assert_int_equal(db_trainings_generate(f->db, tpl, civil_day_start(t0 - 42 * JT_DAY),
	    civil_add_days(t0, 1), t0 - 43 * JT_DAY, NULL), DB_OK);
	assert_int_equal(db_trainings_of_template(f->db, tpl, t0 - 42 * JT_DAY, 10, &v, &n), DB_OK);
	assert_int_equal(n, 7);
	/* Ivan came last Monday; Petr five weeks ago (not a regular any more);
	 * Olga to a one-off class only. */
	jt_mark(f, v[5].id, s.ivan, ATT_PRESENT);
	jt_mark(f, v[1].id, petr, ATT_LATE);
	oneoff = sf_class(f, "Open mat", t0 - 2 * JT_DAY);
	jt_mark(f, oneoff, s.olga, ATT_PRESENT);

	f->cfg.regulars_only = 1;
	assert_int_equal(jt_run(f, h_job_reminders, v[6].starts_at - 3600), 1);
	assert_int_equal(f->items[0].chat_id, SF_STUDENT_TG);
	/* Without the rule the others are expected too (Ivan was told). */
	f->cfg.regulars_only = 0;
	assert_int_equal(jt_run(f, h_job_reminders, v[6].starts_at - 3500), 2);
	assert_int_equal(jt_count(f, SF_STUDENT2_TG), 1);
	assert_int_equal(jt_count(f, 220), 1);
	trainings_free(v, n);
}

static void test_reminders_quiet_hours(void **state)
{
	struct hf *f = *state;
	struct sf s = sf_setup(f);

	sf_sell_at(f, s.ivan, "month", 30, 0, f->env.now - JT_DAY);
	/* 07:30 on Tuesday, in the quiet hours (22:00-09:00). */
	sf_class(f, "After", sf_at(2026, 6, 2, 9, 30));
	sf_class(f, "Before", sf_at(2026, 6, 2, 8, 45));
	sf_class(f, "AtEnd", sf_at(2026, 6, 2, 9, 0));
	assert_int_equal(jt_run(f, h_job_reminders, sf_at(2026, 6, 2, 7, 30)), 1);
	assert_int_equal(f->items[0].not_before, sf_at(2026, 6, 2, 9, 0));
	hf_assert_contains(f->items[0].text, "After");
	/* The ones that would arrive after they started are dropped for good. */
	assert_int_equal(jt_run(f, h_job_reminders, sf_at(2026, 6, 2, 8, 59)), 0);

	/* 21:59 is not quiet: sent now. */
	sf_class(f, "Late", sf_at(2026, 6, 2, 23, 0));
	assert_int_equal(jt_run(f, h_job_reminders, sf_at(2026, 6, 2, 21, 59)), 1);
	assert_int_equal(f->items[0].not_before, 0);
	/* 22:00 is: a 23:30 class is not reminded. */
	sf_class(f, "Night", sf_at(2026, 6, 2, 23, 30));
	assert_int_equal(jt_run(f, h_job_reminders, sf_at(2026, 6, 2, 22, 0)), 0);
	/* No quiet hours: a class after midnight is reminded at once. */
	f->cfg.quiet_start = f->cfg.quiet_end = -1;
	assert_int_equal(jt_run(f, h_job_reminders, sf_at(2026, 6, 2, 22, 1)), 1);
	assert_int_equal(f->items[0].not_before, 0);
	hf_assert_contains(f->items[0].text, "Night");
}

/* ---- the answer buttons --------------------------------------------------- */

/* The last rsvp answer of student at training: 1 yes, 0 no, -1 none. */
static int jt_rsvp(struct hf *f, int64_t student, int64_t training)
{
	int yes = -1;
	int rc = db_rsvp_get(f->db, student, training, &yes);

	assert_true(rc == DB_OK || rc == DB_NOTFOUND);
	return rc == DB_OK ? yes : -1;
}

/* The text of the one edit or message to chat among the rows taken. */
static const char *jt_answer(struct hf *f, int64_t chat)
{
	const struct outbox_item *it = hf_find(f, OB_EDIT_MESSAGE, chat);

	if (it == NULL)
		it = hf_find(f, OB_SEND_MESSAGE, chat);
	assert_non_null(it);
	return it->text;
}

static void test_rsvp_buttons(void **state)
{
	struct hf *f = *state;
	struct sf s = sf_setup(f);
	int64_t t0 = f->env.now, gi, gone, past;
	const struct outbox_item *it;
	char data[64];

	sf_sell_at(f, s.ivan, "month", 30, 0, t0 - JT_DAY);
	gi = sf_class(f, "Gi", t0 + 3600);

	/* "I'm coming": the reminder (message 55) becomes the answer. */
	snprintf(data, sizeof data, "rsvp:%lld:y", (long long)gi);
	hf_press_on(f, SF_STUDENT_TG, data, 55);
	hf_take(f);
	assert_non_null(hf_find(f, OB_ANSWER_CALLBACK, SF_STUDENT_TG));
	it = hf_get(f, OB_EDIT_MESSAGE, SF_STUDENT_TG);
	assert_string_equal(it->ref, "55");
	assert_null(it->markup);
	hf_assert_contains(it->text, "see you at <b>Gi</b>");
	assert_int_equal(jt_rsvp(f, s.ivan, gi), 1);
	/* He is still reminded (coming). */
	assert_int_equal(jt_run(f, h_job_reminders, t0), 1);

	/* Changing his mind: "not today" is kept, and reminders skip him. */
	snprintf(data, sizeof data, "rsvp:%lld:n", (long long)gi);
	hf_press_on(f, SF_STUDENT_TG, data, 55);
	hf_take(f);
	hf_assert_contains(jt_answer(f, SF_STUDENT_TG), "without you");
	assert_int_equal(jt_rsvp(f, s.ivan, gi), 0);

	/* Malformed data: outdated, nothing written. */
	const char *bad[] = { "rsvp:abc", "rsvp:", "rsvp:5", "rsvp:5:x", "rsvp:5:yy", "rsvp:5:y:" };
	for (size_t i = 0; i < BJJ_ARRAY_LEN(bad); i++) {
		hf_press_on(f, SF_STUDENT2_TG, bad[i], 56);
		hf_take(f);
		hf_assert_contains(jt_answer(f, SF_STUDENT2_TG), "outdated");
	}
	assert_int_equal(jt_rsvp(f, s.olga, 5), -1);

	/* A cancelled, a started, and a missing class: too late. */
	gone = sf_class(f, "Gone", t0 + 7200);
	assert_int_equal(db_training_cancel(f->db, gone, NULL), DB_OK);
	past = sf_class(f, "Past", t0 - 60);
	int64_t late[] = { gone, past, 9999, gi };
	f->env.now = t0;
	for (size_t i = 0; i < BJJ_ARRAY_LEN(late); i++) {
		/* the last one: Gi once it started */
		if (i == 3)
			f->env.now = t0 + 3600;
		snprintf(data, sizeof data, "rsvp:%lld:y", (long long)late[i]);
		hf_press_on(f, SF_STUDENT2_TG, data, 57);
		hf_take(f);
		hf_assert_contains(jt_answer(f, SF_STUDENT2_TG), "already started or was cancelled");
		assert_int_equal(jt_rsvp(f, s.olga, late[i]), -1);
	}
	assert_int_equal(jt_rsvp(f, s.ivan, gi), 0);

	/* A trainer, an owner, a guest: not students; nothing written. */
	f->env.now = t0;
	snprintf(data, sizeof data, "rsvp:%lld:y", (long long)gi);
	hf_press_on(f, SF_TRAINER_TG, data, 58);
	hf_take(f);
	hf_assert_contains(jt_answer(f, SF_TRAINER_TG), "Only students");
	hf_press_on(f, HF_OWNER, data, 59);
	hf_take(f);
	hf_assert_contains(jt_answer(f, HF_OWNER), "Only students");
	hf_press_on(f, SF_GUEST_TG, data, 60);
	hf_take(f);
	assert_null(hf_find(f, OB_EDIT_MESSAGE, SF_GUEST_TG));
	assert_int_equal(jt_rsvp(f, s.ivan, gi), 0);
}

/* ---- absences ------------------------------------------------------------- */

/* The last visit: from the last 14 days when there is one, else from the
 * student's whole history; an absence or a cancelled class is no visit. */
static void test_absences_last_visit(void **state)
{
	struct hf *f = *state;
	int64_t now = f->env.now, recent, older, never, want[3];
	struct absence *v = NULL;
	size_t n = 0, i, seen = 0;

	recent = jt_student(f, "Recent", "+79001110001", 0, now - 90 * JT_DAY);
	older = jt_student(f, "Older", "+79001110002", 0, now - 90 * JT_DAY);
	never = jt_student(f, "Never", "+79001110003", 0, now - 90 * JT_DAY);
	hf_sql(f, "INSERT INTO trainings (starts_at, duration_min, title, cancelled, created_at) "
	    "VALUES (%lld, 60, 'A', 0, 0), (%lld, 60, 'B', 0, 0), (%lld, 60, 'C', 0, 0), "
	    "(%lld, 60, 'D', 0, 0), (%lld, 60, 'E', 0, 0), (%lld, 60, 'F', 1, 0);"
	    "INSERT INTO attendance (student_id, training_id, status, source, marked_at) VALUES "
	    "(%lld, 1, 'present', 'self', 0), (%lld, 4, 'late', 'self', 0), "
	    "(%lld, 2, 'present', 'self', 0), (%lld, 3, 'present', 'self', 0), "
	    "(%lld, 5, 'absent', 'trainer', 0), (%lld, 6, 'present', 'self', 0);",
	    (long long)(now - 30 * JT_DAY), (long long)(now - 40 * JT_DAY),
	    (long long)(now - 20 * JT_DAY), (long long)(now - 3 * JT_DAY),
	    (long long)(now - 2 * JT_DAY), (long long)(now - JT_DAY),
	    (long long)recent, (long long)recent, (long long)older, (long long)older,
	    (long long)older, (long long)older);
	want[0] = now - 3 * JT_DAY;
	want[1] = now - 20 * JT_DAY;
	want[2] = 0;
	assert_int_equal(db_jobs_absences(f->db, now, 1, 0, 1000, &v, &n), DB_OK);
	for (i = 0; i < n; i++) {
		int64_t id = v[i].who.student_id;
		int k = id == recent ? 0 : id == older ? 1 : id == never ? 2 : -1;

		assert_true(k >= 0);
		assert_int_equal(v[i].last_visit, want[k]);
		seen++;
	}
	assert_int_equal(seen, 3);
	absences_free(v, n);
}

static void test_absences_days(void **state)
{
	struct hf *f = *state;
	struct sf s = sf_setup(f);
	int64_t t0 = f->env.now, lena, mute, cold, gone, last, back;
	int changed;
	const char *owner;
	char line[64];

	f->cfg.quiet_start = f->cfg.quiet_end = -1;
	f->cfg.missed_threshold = 0;
	/* Ivan and Olga (registered 2026-05-28) are not in the way: */
	assert_int_equal(db_student_set_active(f->db, s.olga, 0, &changed), DB_OK);
	/* Lena registered at t0 and never came. */
	lena = jt_student(f, "Lena", "+79001112220", 230, t0);
	/* Mute too, but turned reminders off: the owners still hear. */
	mute = jt_student(f, "Mute", "+79001112221", 231, t0);
	assert_int_equal(db_student_set_remind(f->db, mute, 0), DB_OK);
	/* Cold is on a frozen plan: a planned break, nobody is told. */
	cold = jt_student(f, "Cold", "+79001112222", 232, t0);
	sf_sell_at(f, cold, "month", 30, 0, t0);
	{
		struct subscription fr;
		int64_t until;
		assert_int_equal(db_subscription_freeze(f->db, cold, 30, NULL, HF_OWNER, t0, &fr,
		    &until), DB_OK);
		subscription_release(&fr);
	}
	/* Gone was deactivated. */
	gone = jt_student(f, "Gone", "+79001112223", 233, t0);
	assert_int_equal(db_student_set_active(f->db, gone, 0, &changed), DB_OK);
	/* Ivan came to a class 3 days after t0. */
	last = sf_class(f, "Gi", t0 + 3 * JT_DAY);
	jt_mark(f, last, s.ivan, ATT_PRESENT);
	hf_take(f);

	/* N-1 days, and a second before N days: nothing. */
	assert_int_equal(jt_run(f, h_job_absences, t0 + 9 * JT_DAY), 0);
	assert_int_equal(jt_run(f, h_job_absences, t0 + 10 * JT_DAY - 1), 0);
	/* Exactly N days: Lena's nudge, one owner alert listing Lena and Mute. */
	jt_run(f, h_job_absences, t0 + 10 * JT_DAY);
	assert_int_equal(jt_count(f, 230), 1);
	hf_assert_contains(sf_message(f, 230), "we miss you");
	assert_int_equal(f->items[0].not_before, 0);
	assert_int_equal(jt_count(f, 231), 0);
	assert_int_equal(jt_count(f, 232), 0);
	assert_int_equal(jt_count(f, 233), 0);
	assert_int_equal(jt_count(f, SF_STUDENT_TG), 0);
	assert_int_equal(jt_count(f, HF_OWNER), 1);
	owner = sf_message(f, HF_OWNER);
	hf_assert_contains(owner, "stopped coming");
	snprintf(line, sizeof line, "#%lld Lena Testov — has not come since registering",
	    (long long)lena);
	hf_assert_contains(owner, line);
	snprintf(line, sizeof line, "#%lld Mute", (long long)mute);
	hf_assert_contains(owner, line);
	hf_assert_lacks_all(owner, "Cold", "Gone", "Ivan");
	assert_int_equal(f->n, 2);
	/* Once per streak. */
	assert_int_equal(jt_run(f, h_job_absences, t0 + 10 * JT_DAY + 60), 0);
	assert_int_equal(jt_run(f, h_job_absences, t0 + 12 * JT_DAY), 0);

	/* Ivan: N days after his visit, his own nudge and alert. */
	assert_int_equal(jt_run(f, h_job_absences, t0 + 13 * JT_DAY - 1), 0);
	jt_run(f, h_job_absences, t0 + 13 * JT_DAY);
	assert_int_equal(f->n, 2);
	assert_int_equal(jt_count(f, SF_STUDENT_TG), 1);
	hf_assert_contains(sf_message(f, HF_OWNER), "Ivan Petrov — last came 2026-06-04");
	hf_assert_lacks(sf_message(f, HF_OWNER), "Lena");
	/* He comes back: the streak ends; a new one N days later is told again. */
	back = sf_class(f, "Gi", t0 + 14 * JT_DAY);
	jt_mark(f, back, s.ivan, ATT_PRESENT);
	assert_int_equal(jt_run(f, h_job_absences, t0 + 15 * JT_DAY), 0);
	assert_int_equal(jt_run(f, h_job_absences, t0 + 24 * JT_DAY - 1), 0);
	jt_run(f, h_job_absences, t0 + 24 * JT_DAY);
	assert_int_equal(jt_count(f, SF_STUDENT_TG), 1);
	assert_int_equal(jt_count(f, HF_OWNER), 1);
	assert_int_equal(jt_run(f, h_job_absences, t0 + 25 * JT_DAY), 0);
}

/* Lines in an at-risk alert. */
static int jt_lines(const char *text)
{
	int n = 0;

	for (const char *p = text; (p = strstr(p, "\n#")) != NULL; p++)
		n++;
	return n;
}

/* One alert lists at most 50; the others are listed at the next run, not
 * lost. */
static void test_absences_many(void **state)
{
	struct hf *f = *state;
	int64_t t0, id;
	char name[16];

	sf_setup(f);
	t0 = f->env.now;
	f->cfg.missed_threshold = 0;
	for (int i = 0; i < 53; i++) {
		snprintf(name, sizeof name, "S%d", i);
		assert_int_equal(db_student_add(f->db, name, "Many", NULL, NULL, 0, t0, &id), DB_OK);
	}
	jt_run(f, h_job_absences, t0 + 10 * JT_DAY);
	assert_int_equal(jt_count(f, HF_OWNER), 1);
	assert_int_equal(jt_lines(sf_message(f, HF_OWNER)), 50);
	jt_run(f, h_job_absences, t0 + 10 * JT_DAY + 60);
	assert_int_equal(jt_count(f, HF_OWNER), 1);
	/* 53 + Ivan and Olga (registered 2026-05-28, never came) */
	assert_int_equal(jt_lines(sf_message(f, HF_OWNER)), 5);
	assert_int_equal(jt_run(f, h_job_absences, t0 + 10 * JT_DAY + 120), 0);
}

/* The nudge waits out the quiet hours; the head trainer gets the list. */
static void test_absences_quiet_and_head_trainer(void **state)
{
	struct hf *f = *state;
	struct sf s = sf_setup(f);
	int64_t t0 = sf_at(2026, 5, 20, 23, 0);
	char sql[128];

	(void)s;
	f->cfg.missed_threshold = 0;
	jt_student(f, "Lena", "+79001112220", 230, t0);
	snprintf(sql, sizeof sql, "UPDATE trainers SET is_main = 1 WHERE id = %lld;",
	    (long long)s.anna);
	assert_int_equal(db_admin_script(f->db, sql), DB_OK);
	jt_run(f, h_job_absences, t0 + 10 * JT_DAY);
	assert_int_equal(jt_count(f, 230), 1);
	assert_int_equal(hf_find(f, OB_SEND_MESSAGE, 230)->not_before, sf_at(2026, 5, 31, 9, 0));
	/* The owners' and head trainer's alert does not wait. */
	assert_int_equal(hf_find(f, OB_SEND_MESSAGE, HF_OWNER)->not_before, 0);
	assert_int_equal(jt_count(f, SF_TRAINER_TG), 1);
	hf_assert_contains(sf_message(f, SF_TRAINER_TG), "Lena");
}

/* At now, the absences query lists id with this last visit and misses. */
static void jt_missed_is(struct hf *f, int64_t id, int64_t now, int64_t last_visit, int missed)
{
	struct absence *v = NULL;
	size_t n = 0, i;

	assert_int_equal(db_jobs_absences(f->db, now, 0, 1, 100, &v, &n), DB_OK);
	for (i = 0; i < n && v[i].who.student_id != id; i++)
		;
	assert_true(i < n);
	assert_int_equal(v[i].last_visit, last_visit);
	assert_int_equal(v[i].missed, missed);
	absences_free(v, n);
}

/* missed_threshold usual classes in a row (absent_days off). */
static void test_absences_missed_streak(void **state)
{
	struct hf *f = *state;
	struct sf s = sf_setup(f);
	int64_t tpl;
	struct training *v = NULL;
	size_t n = 0, i;
	int changed;

	f->cfg.quiet_start = f->cfg.quiet_end = -1;
	f->cfg.absent_days = 0;
	assert_int_equal(db_student_set_active(f->db, s.olga, 0, &changed), DB_OK);
	/* Mon, Wed, Fri 19:00-20:30 since May 1. */
	assert_int_equal(db_template_add(f->db, "Gi", 0x15, 19 * 60, 90, 0,
	    sf_at(2026, 5, 1, 12, 0), &tpl), DB_OK);
	assert_int_equal(db_trainings_generate(f->db, tpl, sf_at(2026, 5, 1, 0, 0),
	    sf_at(2026, 6, 30, 0, 0), sf_at(2026, 5, 1, 12, 0), NULL), DB_OK);
	/* Ivan came on Mon May 25 and Fri May 29. */
	assert_int_equal(db_trainings_of_template(f->db, tpl, sf_at(2026, 5, 25, 0, 0), 20, &v,
	    &n), DB_OK);
	assert_true(n >= 12);
	for (i = 0; i < n; i++) {
		struct civil c;
		civil_split(v[i].starts_at, &c);
		if (c.day == 25 || c.day == 29)
			jt_mark(f, v[i].id, s.ivan, ATT_PRESENT);
	}
	trainings_free(v, n);
	hf_take(f);

	/* Mon June 1 missed: one. */
	assert_int_equal(jt_run(f, h_job_absences, sf_at(2026, 6, 3, 20, 29)), 0);
	/* Wed June 3 ends at 20:30: two in a row. */
	jt_run(f, h_job_absences, sf_at(2026, 6, 3, 20, 30));
	assert_int_equal(jt_count(f, SF_STUDENT_TG), 1);
	assert_int_equal(jt_count(f, HF_OWNER), 1);
	hf_assert_contains(sf_message(f, HF_OWNER), "missed 2 usual classes");
	/* A third miss is the same streak. */
	assert_int_equal(jt_run(f, h_job_absences, sf_at(2026, 6, 5, 20, 30)), 0);

	/* He comes on Mon June 8; Wed June 10 is cancelled (not a miss). */
	assert_int_equal(db_trainings_of_template(f->db, tpl, sf_at(2026, 6, 8, 0, 0), 3, &v, &n),
	    DB_OK);
	assert_int_equal(n, 3);
	jt_mark(f, v[0].id, s.ivan, ATT_PRESENT);
	assert_int_equal(db_training_cancel(f->db, v[1].id, NULL), DB_OK);
	trainings_free(v, n);
	assert_int_equal(jt_run(f, h_job_absences, sf_at(2026, 6, 12, 20, 30)), 0);
	/* Fri 12 and Mon 15 missed: a new streak, told again. */
	jt_run(f, h_job_absences, sf_at(2026, 6, 15, 20, 30));
	assert_int_equal(jt_count(f, SF_STUDENT_TG), 1);
	assert_int_equal(jt_count(f, HF_OWNER), 1);
	assert_int_equal(jt_run(f, h_job_absences, sf_at(2026, 6, 17, 20, 30)), 0);

	/* Marked for a class still to come (Fri June 26): the last visit and
	 * the misses are still those up to now, read from his visits. */
	jt_missed_is(f, s.ivan, sf_at(2026, 6, 17, 20, 30), sf_at(2026, 6, 8, 19, 0), 3);
	assert_int_equal(db_trainings_of_template(f->db, tpl, sf_at(2026, 6, 26, 0, 0), 1, &v,
	    &n), DB_OK);
	assert_int_equal(n, 1);
	jt_mark(f, v[0].id, s.ivan, ATT_PRESENT);
	trainings_free(v, n);
	jt_missed_is(f, s.ivan, sf_at(2026, 6, 17, 20, 30), sf_at(2026, 6, 8, 19, 0), 3);
}

/* ---- payments and maintenance ---------------------------------------------- */

static void test_payments(void **state)
{
	struct hf *f = *state;
	struct sf s = sf_setup(f);
	int64_t t0 = f->env.now, petr, blocked, pack, month;

	f->cfg.quiet_start = f->cfg.quiet_end = -1;
	/* Ivan: 30 days from June 1, through June 30. */
	month = sf_sell_at(f, s.ivan, "month", 30, 0, t0);
	/* Petr bought the same and a renewal. */
	petr = jt_student(f, "Petr", "+79001112230", 240, t0);
	sf_sell_at(f, petr, "month", 30, 0, t0);
	sf_sell_at(f, petr, "month", 30, 0, t0);
	/* Blocked the bot. */
	blocked = jt_student(f, "Blocked", "+79001112231", 241, t0);
	sf_sell_at(f, blocked, "month", 30, 0, t0);
	assert_int_equal(db_tg_user_set_reachable(f->db, 241, 0), DB_OK);
	/* Olga: a pack of 3 classes. */
	pack = sf_sell_at(f, s.olga, "three", 60, 3, t0);
	hf_take(f);

	assert_int_equal(jt_run(f, h_job_payments, t0), 0);
	/* Two classes used: one left. */
	jt_mark(f, sf_class(f, "Gi", t0 + 3600), s.olga, ATT_PRESENT);
	jt_mark(f, sf_class(f, "Gi", t0 + 2 * JT_DAY), s.olga, ATT_PRESENT);
	assert_int_equal(sf_left(f, pack), 1);
	jt_run(f, h_job_payments, t0 + 2 * JT_DAY + 7200);
	/* the student, and the owners' summary of the day */
	assert_int_equal(f->n, 2);
	assert_int_equal(jt_count(f, HF_OWNER), 1);
	hf_assert_contains(sf_message(f, HF_OWNER), "Plans to renew");
	hf_assert_contains(sf_message(f, HF_OWNER), "three, one class left");
	hf_assert_contains(sf_message(f, SF_STUDENT2_TG), "one class left on <b>three</b>");
	hf_assert_contains(sf_message(f, SF_STUDENT2_TG), "4 000 ₽");
	/* the next day: the student is not told again; the owners' daily
	 * summary still lists the pack */
	assert_int_equal(jt_run(f, h_job_payments, t0 + 3 * JT_DAY), 1);
	assert_int_equal(jt_count(f, HF_OWNER), 1);
	assert_int_equal(jt_run(f, h_job_payments, t0 + 3 * JT_DAY + 60), 0);

	/* payment_days_before = 3: the day that is 3 days before the last.
	 * (From here on the owners' summary comes every day, for Olga.) */
	jt_run(f, h_job_payments, sf_at(2026, 6, 26, 23, 59) + 59);
	assert_int_equal(jt_count(f, SF_STUDENT_TG), 0);
	jt_run(f, h_job_payments, sf_at(2026, 6, 27, 0, 0));
	assert_int_equal(jt_count(f, SF_STUDENT_TG), 1);
	hf_assert_contains(sf_message(f, HF_OWNER), "month, ends 2026-06-30");
	hf_assert_contains(sf_message(f, SF_STUDENT_TG), "ends on 2026-06-30");
	/* Petr renewed ahead; Blocked cannot be reached: not reminded. */
	assert_int_equal(jt_count(f, 240), 0);
	assert_int_equal(jt_count(f, 241), 0);
	hf_assert_contains(sf_message(f, SF_STUDENT_TG), "4 000 ₽");
	jt_run(f, h_job_payments, sf_at(2026, 6, 28, 12, 0));
	assert_int_equal(jt_count(f, SF_STUDENT_TG), 0);

	/* July 1: maintenance expires it; then "has ended", once. */
	f->env.now = sf_at(2026, 7, 1, 0, 0);
	assert_int_equal(h_job_maintenance(&f->env), 0);
	jt_assert_status(f, month, "expired");
	jt_run(f, h_job_payments, sf_at(2026, 7, 1, 0, 0));
	assert_int_equal(jt_count(f, SF_STUDENT_TG), 1);
	hf_assert_contains(sf_message(f, SF_STUDENT_TG), "has ended");
	assert_int_equal(jt_count(f, 240), 0);
	assert_int_equal(jt_count(f, 241), 0);
	jt_run(f, h_job_payments, sf_at(2026, 7, 2, 12, 0));
	assert_int_equal(jt_count(f, SF_STUDENT_TG), 0);
}

/* A bot started after the plan expired says "has ended" once, never
 * "ends on". */
/* Plans ending for more students than one slice: a slice per run, each
 * student reminded once, the owners' summary of the day once. */
static void test_payments_in_slices(void **state)
{
	struct hf *f = *state;
	struct sf s = sf_setup(f);
	int64_t t0 = f->env.now, end = sf_at(2026, 6, 27, 12, 0);
	int64_t ids[3];

	f->cfg.quiet_start = f->cfg.quiet_end = -1;
	ids[0] = s.ivan;
	ids[1] = s.olga;
	ids[2] = jt_student(f, "Petr", "+79001112230", 240, t0);
	for (int i = 0; i < 3; i++)
		sf_sell_at(f, ids[i], "month", 30, 0, t0);
	hf_take(f);
	f->env.job_slice = 2;
	assert_int_equal(jt_run_rc(f, h_job_payments, end, 1), 3);
	assert_int_equal(jt_count(f, HF_OWNER), 1);
	assert_int_equal(jt_count(f, SF_STUDENT_TG) + jt_count(f, SF_STUDENT2_TG), 2);
	assert_int_equal(jt_run_rc(f, h_job_payments, end + 1, 0), 1);
	assert_int_equal(jt_count(f, 240), 1);
	assert_int_equal(jt_run_rc(f, h_job_payments, end + 2, 0), 0);
}

static void test_payments_catch_up(void **state)
{
	struct hf *f = *state;
	struct sf s = sf_setup(f);
	int64_t month;

	f->cfg.quiet_start = f->cfg.quiet_end = -1;
	month = sf_sell_at(f, s.ivan, "month", 30, 0, f->env.now);
	hf_take(f);
	f->env.now = sf_at(2026, 7, 3, 12, 0);
	assert_int_equal(h_job_maintenance(&f->env), 0);
	jt_assert_status(f, month, "expired");
	jt_run(f, h_job_payments, f->env.now);
	assert_int_equal(f->n, 2);
	hf_assert_contains(sf_message(f, SF_STUDENT_TG), "has ended");
	hf_assert_contains(sf_message(f, HF_OWNER), "month, ended 2026-06-30");
	assert_int_equal(jt_run(f, h_job_payments, f->env.now + 60), 0);
}

/* Started more than a week after the end: nothing is said any more. */
static void test_payments_long_expired(void **state)
{
	struct hf *f = *state;
	struct sf s = sf_setup(f);

	f->cfg.quiet_start = f->cfg.quiet_end = -1;
	sf_sell_at(f, s.ivan, "month", 30, 0, f->env.now);
	hf_take(f);
	f->env.now = sf_at(2026, 7, 8, 0, 1);
	assert_int_equal(h_job_maintenance(&f->env), 0);
	assert_int_equal(jt_run(f, h_job_payments, f->env.now), 0);
}

/* Payment reminders wait out the quiet hours. */
static void test_payments_quiet(void **state)
{
	struct hf *f = *state;
	struct sf s = sf_setup(f);

	sf_sell_at(f, s.ivan, "month", 30, 0, f->env.now);
	jt_run(f, h_job_payments, sf_at(2026, 6, 27, 0, 0));
	/* the student's reminder and the owners' summary both wait */
	assert_int_equal(f->n, 2);
	assert_int_equal(f->items[0].not_before, sf_at(2026, 6, 27, 9, 0));
	assert_int_equal(f->items[1].not_before, sf_at(2026, 6, 27, 9, 0));
}

static void test_maintenance(void **state)
{
	struct hf *f = *state;
	struct sf s = sf_setup(f);
	int64_t t0 = f->env.now, month, frozen, until;
	struct subscription fr;
	struct payment *p = NULL;
	size_t n = 0;

	month = sf_sell_at(f, s.ivan, "month", 30, 0, t0);
	frozen = sf_sell_at(f, s.olga, "month", 30, 0, t0);
	/* Olga freezes for 3 days: June 1-3, back on June 4. */
	assert_int_equal(db_subscription_freeze(f->db, s.olga, 3, NULL, HF_OWNER, t0, &fr,
	    &until), DB_OK);
	subscription_release(&fr);
	assert_int_equal(until, sf_at(2026, 6, 4, 0, 0));
	jt_assert_status(f, frozen, "frozen");

	f->env.now = until - 1;
	assert_int_equal(h_job_maintenance(&f->env), 0);
	jt_assert_status(f, frozen, "frozen");
	f->env.now = until;
	assert_int_equal(h_job_maintenance(&f->env), 0);
	jt_assert_status(f, frozen, "active");

	f->env.now = sf_at(2026, 7, 1, 0, 0) - 1;
	assert_int_equal(h_job_maintenance(&f->env), 0);
	jt_assert_status(f, month, "active");
	f->env.now = sf_at(2026, 7, 1, 0, 0);
	assert_int_equal(h_job_maintenance(&f->env), 0);
	jt_assert_status(f, month, "expired");
	/* Olga's ends 3 days later. */
	jt_assert_status(f, frozen, "active");
	f->env.now = sf_at(2026, 7, 4, 0, 0);
	assert_int_equal(h_job_maintenance(&f->env), 0);
	jt_assert_status(f, frozen, "expired");
	/* History stays: the payment is there, running it again changes nothing. */
	assert_int_equal(db_payments_recent(f->db, s.ivan, 10, &p, &n), DB_OK);
	assert_int_equal(n, 1);
	assert_int_equal(p[0].subscription_id, month);
	payments_free(p, n);
	assert_int_equal(h_job_maintenance(&f->env), 0);
	jt_assert_status(f, month, "expired");
	assert_int_equal(hf_take(f), 0);
}

/* ---- promotion eligibility and exams ---------------------------------------- */

static void test_eligibility(void **state)
{
	struct hf *f = *state;
	struct sf s = sf_setup(f);
	int64_t t0 = f->env.now;
	struct promotion_new p;
	char line[64];

	/* A stripe at white after 2 classes, whatever the time. */
	assert_int_equal(db_belt_set_rule(f->db, "white", BELT_RULE_STRIPE_MONTHS, 0), DB_OK);
	assert_int_equal(db_belt_set_rule(f->db, "white", BELT_RULE_STRIPE_CLASSES, 2), DB_OK);
	jt_mark(f, sf_class(f, "Gi", t0 - 3 * JT_DAY), s.ivan, ATT_PRESENT);
	assert_int_equal(jt_run(f, h_job_eligibility, t0), 0);
	jt_mark(f, sf_class(f, "Gi", t0 - 2 * JT_DAY), s.ivan, ATT_LATE);
	jt_mark(f, sf_class(f, "Gi", t0 - 1 * JT_DAY), s.olga, ATT_PRESENT);

	/* Owners and trainers are told once. */
	jt_run(f, h_job_eligibility, t0);
	assert_int_equal(f->n, 2);
	assert_int_equal(jt_count(f, HF_OWNER), 1);
	assert_int_equal(jt_count(f, SF_TRAINER_TG), 1);
	snprintf(line, sizeof line, "#%lld Ivan", (long long)s.ivan);
	hf_assert_contains(sf_message(f, HF_OWNER), line);
	hf_assert_lacks(sf_message(f, HF_OWNER), "Olga");
	assert_string_equal(sf_message(f, HF_OWNER), sf_message(f, SF_TRAINER_TG));
	assert_int_equal(jt_run(f, h_job_eligibility, t0 + 60), 0);

	/* Olga's second class: only she is listed. */
	jt_mark(f, sf_class(f, "Gi", t0 - 3600), s.olga, ATT_PRESENT);
	jt_run(f, h_job_eligibility, t0 + 120);
	assert_int_equal(jt_count(f, HF_OWNER), 1);
	hf_assert_contains(sf_message(f, HF_OWNER), "Olga");
	hf_assert_lacks(sf_message(f, HF_OWNER), "Ivan");

	/* Ivan gets his stripe: not eligible until 2 more classes, then told
	 * again for the next step. */
	memset(&p, 0, sizeof p);
	p.student_id = s.ivan;
	p.from_belt = "white";
	p.from_stripes = 0;
	p.to_belt = "white";
	p.to_stripes = 1;
	p.promoted_at = t0 + 180;
	p.promoted_by = HF_OWNER;
	p.rules_met = 1;
	assert_int_equal(db_promotion_add(f->db, &p, NULL, NULL), DB_OK);
	assert_int_equal(jt_run(f, h_job_eligibility, t0 + 240), 0);
	jt_mark(f, sf_class(f, "Gi", t0 + JT_DAY), s.ivan, ATT_PRESENT);
	assert_int_equal(jt_run(f, h_job_eligibility, t0 + JT_DAY + 7200), 0);
	jt_mark(f, sf_class(f, "Gi", t0 + 2 * JT_DAY), s.ivan, ATT_PRESENT);
	jt_run(f, h_job_eligibility, t0 + 2 * JT_DAY + 7200);
	assert_int_equal(jt_count(f, HF_OWNER), 1);
	assert_int_equal(jt_count(f, SF_TRAINER_TG), 1);
	hf_assert_contains(sf_message(f, HF_OWNER), line);
	assert_int_equal(jt_run(f, h_job_eligibility, t0 + 3 * JT_DAY), 0);
}

/* Newly eligible students beyond one slice: listed by the next runs,
 * each student once. */
static void test_eligibility_in_slices(void **state)
{
	struct hf *f = *state;
	struct sf s = sf_setup(f);
	int64_t t0 = f->env.now, gi = sf_class(f, "Gi", t0 - JT_DAY), ids[3];
	struct buf all = { 0 };
	char line[64];

	assert_int_equal(db_belt_set_rule(f->db, "white", BELT_RULE_STRIPE_MONTHS, 0), DB_OK);
	assert_int_equal(db_belt_set_rule(f->db, "white", BELT_RULE_STRIPE_CLASSES, 1), DB_OK);
	ids[0] = s.ivan;
	ids[1] = s.olga;
	ids[2] = jt_student(f, "Petr", "+79005550101", 7001, t0 - JT_DAY);
	for (int i = 0; i < 3; i++)
		jt_mark(f, gi, ids[i], ATT_PRESENT);
	f->env.job_slice = 2;
	jt_run_rc(f, h_job_eligibility, t0, 1);
	assert_int_equal(jt_count(f, HF_OWNER), 1);
	buf_adds(&all, sf_message(f, HF_OWNER));
	jt_run_rc(f, h_job_eligibility, t0 + 1, 0);
	assert_int_equal(jt_count(f, HF_OWNER), 1);
	buf_adds(&all, sf_message(f, HF_OWNER));
	for (int i = 0; i < 3; i++) {
		snprintf(line, sizeof line, "#%lld ", (long long)ids[i]);
		const char *at = strstr(buf_str(&all), line);
		assert_non_null(at);
		assert_null(strstr(at + 1, line));
	}
	assert_int_equal(jt_run_rc(f, h_job_eligibility, t0 + 2, 0), 0);
	buf_release(&all);
}

static void test_exams_day_before(void **state)
{
	struct hf *f = *state;
	struct sf s = sf_setup(f);
	int64_t petr, e;

	f->cfg.quiet_start = f->cfg.quiet_end = -1;
	petr = jt_student(f, "Petr", "+79001112240", 250, f->env.now);
	assert_int_equal(db_exam_add(f->db, s.ivan, "blue", "2026-06-02", HF_OWNER, f->env.now, &e),
	    DB_OK);
	assert_int_equal(db_exam_add(f->db, s.olga, "blue", "2026-06-03", HF_OWNER, f->env.now, &e),
	    DB_OK);
	assert_int_equal(db_exam_add(f->db, petr, "blue", "2026-06-01", HF_OWNER, f->env.now, &e),
	    DB_OK);
	hf_take(f);

	/* Monday: Ivan's exam is tomorrow; Olga's the day after; Petr's today. */
	jt_run(f, h_job_exams, sf_at(2026, 6, 1, 0, 0));
	assert_int_equal(f->n, 1);
	hf_assert_contains(sf_message(f, SF_STUDENT_TG),
	    "your exam for the <b>blue belt</b> is tomorrow, 2026-06-02");
	assert_int_equal(jt_run(f, h_job_exams, sf_at(2026, 6, 1, 23, 59)), 0);
	/* Tuesday: Olga's. */
	jt_run(f, h_job_exams, sf_at(2026, 6, 2, 12, 0));
	assert_int_equal(f->n, 1);
	assert_int_equal(jt_count(f, SF_STUDENT2_TG), 1);
	assert_int_equal(jt_run(f, h_job_exams, sf_at(2026, 6, 3, 12, 0)), 0);
}

/* The day before starts at midnight: the reminder waits for the morning. */
static void test_exams_quiet(void **state)
{
	struct hf *f = *state;
	struct sf s = sf_setup(f);
	int64_t e;

	assert_int_equal(db_exam_add(f->db, s.ivan, "blue", "2026-06-02", HF_OWNER, f->env.now, &e),
	    DB_OK);
	hf_take(f);
	jt_run(f, h_job_exams, sf_at(2026, 6, 1, 0, 1));
	assert_int_equal(f->n, 1);
	assert_int_equal(f->items[0].not_before, sf_at(2026, 6, 1, 9, 0));
	/* Skipped people: blocked the bot. */
	assert_int_equal(db_exam_add(f->db, s.olga, "blue", "2026-06-03", HF_OWNER, f->env.now, &e),
	    DB_OK);
	assert_int_equal(db_tg_user_set_reachable(f->db, SF_STUDENT2_TG, 0), DB_OK);
	assert_int_equal(jt_run(f, h_job_exams, sf_at(2026, 6, 2, 12, 0)), 0);
}

/* ---- the owners' digest ------------------------------------------------------ */

static void test_digest_numbers(void **state)
{
	struct hf *f = *state;
	struct sf s = sf_setup(f);
	int64_t day = sf_at(2026, 6, 1, 0, 0), morning, noon, old, chill, a, b, pid;
	struct outbox_new it;
	struct subscription fr;
	int64_t until;
	const char *d;

	f->cfg.quiet_start = f->cfg.quiet_end = -1;
	/* Today's classes: 2 came to Morning (Old was absent), Noon cancelled,
	 * nobody at Gi. Yesterday's and tomorrow's are not today's. */
	old = jt_student(f, "Old", "+79001112250", 260, sf_at(2026, 5, 1, 12, 0));
	morning = sf_class(f, "Morning", sf_at(2026, 6, 1, 10, 0));
	jt_mark(f, morning, s.ivan, ATT_PRESENT);
	jt_mark(f, morning, s.olga, ATT_LATE);
	jt_mark(f, morning, old, ATT_ABSENT);
	noon = sf_class(f, "Noon", sf_at(2026, 6, 1, 12, 0));
	jt_mark(f, noon, s.ivan, ATT_PRESENT);
	assert_int_equal(db_training_cancel(f->db, noon, NULL), DB_OK);
	sf_class(f, "Gi", sf_at(2026, 6, 1, 19, 0));
	jt_mark(f, sf_class(f, "Past", day - 1), s.ivan, ATT_PRESENT);
	sf_class(f, "Next", sf_at(2026, 6, 2, 10, 0));
	/* Payments: two today (00:00 and 20:59), one yesterday 23:59:59. */
	assert_int_equal(db_payment_add(f->db, s.ivan, 150000, "cash", NULL, HF_OWNER, 0, day, &pid),
	    DB_OK);
	assert_int_equal(db_payment_add(f->db, s.olga, 2550, "card", NULL, HF_OWNER, 0,
	    sf_at(2026, 6, 1, 20, 59), &pid), DB_OK);
	assert_int_equal(db_payment_add(f->db, s.olga, 99900, "card", NULL, HF_OWNER, 0, day - 1,
	    &pid), DB_OK);
	/* New students: two today, one just before midnight. Plans sold
	 * yesterday: A's ends June 5 00:00 (within 3 days of tonight), B's a
	 * day later. Chill (registered long ago) is frozen: not at risk,
	 * unlike Old, who never came. */
	a = jt_student(f, "A", "+79001112251", 261, day);
	b = jt_student(f, "B", "+79001112252", 262, sf_at(2026, 6, 1, 20, 0));
	jt_student(f, "C", "+79001112253", 263, day - 1);
	sf_sell_at(f, a, "five", 5, 0, sf_at(2026, 5, 31, 12, 0));
	sf_sell_at(f, b, "six", 6, 0, sf_at(2026, 5, 31, 12, 0));
	chill = jt_student(f, "Chill", "+79001112254", 264, sf_at(2026, 5, 1, 12, 0));
	sf_sell_at(f, chill, "five", 5, 0, sf_at(2026, 5, 31, 12, 0));
	assert_int_equal(db_subscription_freeze(f->db, chill, 10, NULL, HF_OWNER,
	    sf_at(2026, 6, 1, 9, 0), &fr, &until), DB_OK);
	subscription_release(&fr);
	/* Ivan blocked the bot. */
	assert_int_equal(db_tg_user_set_reachable(f->db, SF_STUDENT_TG, 0), DB_OK);
	hf_take(f);
	/* One message stuck for over 10 minutes; one for less; an old
	 * callback answer (not a message). */
	memset(&it, 0, sizeof it);
	it.chat_id = 555;
	it.method = OB_SEND_MESSAGE;
	it.text = "stuck";
	it.created_at = sf_at(2026, 6, 1, 21, 0) - 601;
	assert_int_equal(db_outbox_add(f->db, &it, NULL), DB_OK);
	it.created_at = sf_at(2026, 6, 1, 21, 0) - 599;
	assert_int_equal(db_outbox_add(f->db, &it, NULL), DB_OK);
	it.method = OB_ANSWER_CALLBACK;
	it.ref = "cbq";
	it.text = NULL;
	it.created_at = sf_at(2026, 6, 1, 12, 0);
	assert_int_equal(db_outbox_add(f->db, &it, NULL), DB_OK);

	jt_run(f, h_job_digest, sf_at(2026, 6, 1, 21, 0));
	assert_int_equal(jt_count(f, HF_OWNER), 1);
	d = sf_message(f, HF_OWNER);
	hf_assert_contains(d, "Today at the academy</b>, 2026-06-01");
	hf_assert_contains(d, "\n10:00 Morning — 2 came\n12:00 Noon — 1 came (cancelled)"
	    "\n19:00 Gi — 0 came\nPayments: 2, 1 525,50 ₽\nNew students: 2"
	    "\nPlans ending within 3 days: 1\nStudents who stopped coming: 1"
	    "\n⚠️ Undelivered messages: 1; students who blocked the bot: 1");
	hf_assert_lacks_all(d, "Past", "Next");
	/* Once a day. */
	assert_int_equal(jt_run(f, h_job_digest, sf_at(2026, 6, 1, 21, 1)), 0);
	assert_int_equal(jt_run(f, h_job_digest, sf_at(2026, 6, 1, 23, 59)), 0);
	/* The next day has its own. */
	assert_int_equal(db_tg_user_set_reachable(f->db, SF_STUDENT_TG, 1), DB_OK);
	jt_run(f, h_job_digest, sf_at(2026, 6, 2, 21, 0));
	assert_int_equal(f->n, 1);
	d = sf_message(f, HF_OWNER);
	hf_assert_contains_all(d, "2026-06-02", "\n10:00 Next — 0 came\nPayments",
	    "Payments: 0, 0 ₽", "New students: 0");
	hf_assert_lacks(d, "Undelivered");
}

/* Every owner gets it. */
static void test_digest_owners(void **state)
{
	struct hf *f = *state;

	sf_setup(f);
	f->cfg.n_owners = 2;
	jt_run(f, h_job_digest, sf_at(2026, 6, 1, 21, 0));
	assert_int_equal(f->n, 2);
	assert_int_equal(jt_count(f, HF_OWNER), 1);
	assert_int_equal(jt_count(f, HF_OWNER2), 1);
	hf_assert_contains(sf_message(f, HF_OWNER), "No classes today.");
}

/* ---- /remind off|on ---------------------------------------------------------- */

static void test_remind_command(void **state)
{
	struct hf *f = *state;
	struct sf s = sf_setup(f);

	hf_expect(f, SF_STUDENT_TG, "/remind off", "Reminders are off");
	assert_int_equal(jt_can_remind(f, s.ivan), 0);
	assert_int_equal(jt_can_remind(f, s.olga), 1);
	/* and the reminders job agrees */
	sf_sell_at(f, s.ivan, "month", 30, 0, f->env.now - JT_DAY);
	sf_class(f, "Gi", f->env.now + 3600);
	hf_take(f);
	assert_int_equal(jt_run(f, h_job_reminders, f->env.now), 0);

	hf_expect(f, SF_STUDENT_TG, "/remind on", "Reminders are on");
	assert_int_equal(jt_can_remind(f, s.ivan), 1);

	/* Bad or missing argument: usage, nothing changed. */
	const char *bad[] = { "/remind", "/remind maybe", "/remind offf", "/remind off now" };
	for (size_t i = 0; i < BJJ_ARRAY_LEN(bad); i++) {
		hf_expect(f, SF_STUDENT_TG, bad[i], "/remind off");
		assert_int_equal(jt_can_remind(f, s.ivan), 1);
	}
	/* Not a student: a trainer, an owner; a guest is refused by role. */
	hf_expect(f, SF_TRAINER_TG, "/remind off", "not linked to a student");
	hf_expect(f, HF_OWNER, "/remind off", "not linked to a student");
	hf_send(f, SF_GUEST_TG, "/remind off");
	hf_assert_lacks(hf_take_reply(f, SF_GUEST_TG), "Reminders are off");
	assert_int_equal(jt_can_remind(f, s.ivan), 1);
	assert_int_equal(jt_can_remind(f, s.olga), 1);
	/* In Russian. */
	hf_expect_ru(f, SF_STUDENT2_TG, "/remind off", "Напоминания выключены");
	assert_int_equal(jt_can_remind(f, s.olga), 0);
	/* Russian keywords, any case; the Russian usage shows them. */
	hf_expect_ru(f, SF_STUDENT2_TG, "/remind ВКЛ", "Напоминания включены");
	assert_int_equal(jt_can_remind(f, s.olga), 1);
	struct h_msg m = hf_msg(SF_STUDENT2_TG, "/remind Выключить");
	hf_send_msg(f, &m);
	hf_assert_contains(hf_take_reply(f, SF_STUDENT2_TG), "Reminders are off");
	assert_int_equal(jt_can_remind(f, s.olga), 0);
	hf_expect_ru(f, SF_STUDENT2_TG, "/remind да", "/remind выкл|вкл");
	assert_int_equal(jt_can_remind(f, s.olga), 0);
	/* OFF in capitals is off too */
	hf_expect(f, SF_STUDENT_TG, "/remind OFF", "Reminders are off");
	assert_int_equal(jt_can_remind(f, s.ivan), 0);
}

/* ---- the scheduler's wall clock ----------------------------------------------- */

static void test_next_local_dst(void **state)
{
	int64_t now, t;
	struct civil c;

	(void)state;
	/* Berlin goes to summer time on Sunday 2026-03-29 at 02:00. */
	tf_tz("Europe/Berlin");
	now = sf_at(2026, 3, 28, 21, 0);
	/* At the minute itself: tomorrow's, 23 hours later. */
	t = scheduler_next_local(now, 21 * 60);
	assert_int_equal(t - now, 23 * 3600);
	civil_split(t, &c);
	assert_int_equal(c.day, 29);
	assert_int_equal(c.minute, 21 * 60);
	/* A second before: today's. */
	assert_int_equal(scheduler_next_local(now - 1, 21 * 60), now);
	/* 01:00 on the day of the change: 21:00 is 19 hours later, not 20. */
	t = scheduler_next_local(sf_at(2026, 3, 29, 1, 0), 21 * 60);
	assert_int_equal(t - sf_at(2026, 3, 29, 1, 0), 19 * 3600);
	/* 02:00 does not exist that night: the backup still runs, after now
	 * and before 04:00. */
	t = scheduler_next_local(sf_at(2026, 3, 29, 1, 0), 2 * 60);
	assert_true(t > sf_at(2026, 3, 29, 1, 0));
	assert_true(t <= sf_at(2026, 3, 29, 4, 0));
	/* Autumn (Oct 25): 25 hours between two 21:00s. */
	now = sf_at(2026, 10, 24, 21, 0);
	assert_int_equal(scheduler_next_local(now, 21 * 60) - now, 25 * 3600);
	/* Moscow: midnight is the next day's. */
	tf_tz("Europe/Moscow");
	now = sf_at(2026, 6, 1, 18, 30);
	assert_int_equal(scheduler_next_local(now, 0), sf_at(2026, 6, 2, 0, 0));
	assert_int_equal(scheduler_next_local(now, 18 * 60 + 31), now + 60);
}

/* ---- health ------------------------------------------------------------ */

/* Health alerts go out once per incident, escaped, in quiet hours too. */
static void test_health_once_per_incident(void **state)
{
	struct hf *f = *state;

	assert_int_equal(h_alert_health(&f->env, H_HEALTH_DB, "db:1", "disk I/O <error>"), 0);
	assert_int_equal(hf_take(f), 1);
	hf_assert_contains(f->items[0].text, "database reported an error: disk I/O &lt;error&gt;");
	assert_true(f->items[0].chat_id == HF_OWNER);
	assert_true(f->items[0].not_before == 0);
	/* the same incident again: nothing */
	assert_int_equal(h_alert_health(&f->env, H_HEALTH_DB, "db:1", "disk I/O <error>"), 0);
	assert_int_equal(hf_take(f), 0);
	/* a new incident */
	assert_int_equal(h_alert_health(&f->env, H_HEALTH_DISK, "disk:2", "90 MB free for /var"), 0);
	assert_int_equal(hf_take(f), 1);
	hf_assert_contains(f->items[0].text, "Low disk space: 90 MB free for /var");
	assert_int_equal(h_alert_health(&f->env, H_HEALTH_BACKUP, "backup:3", "see the log"), 0);
	assert_int_equal(hf_take(f), 1);
	hf_assert_contains(f->items[0].text, "backup failed");
}

/*
 * An owner whose chat holds the outbox cap of replies (a long session of
 * commands, Telegram slow) still gets alerts and leads: they pass the
 * cap; one more reply to the owner does not.
 */
static void test_alerts_pass_chat_cap(void **state)
{
	struct hf *f = *state;
	struct h_msg lead = hf_msg(900, "Do you have kids classes?");
	int alerts = 0, leads = 0, messages = 0;

	db_outbox_set_chat_max(f->db, 5);
	for (int i = 0; i < 6; i++)
		hf_send(f, HF_OWNER, "/help");
	hf_sql_assert(f, "(SELECT count(*) FROM outbox WHERE chat_id = 100 AND method = 1) = 5");
	assert_int_equal(h_alert_health(&f->env, H_HEALTH_BACKUP, "backup:9", "see the log"), 0);
	hf_send_msg(f, &lead);
	hf_send(f, HF_OWNER, "/help");
	hf_sql_assert(f, "(SELECT count(*) FROM outbox WHERE chat_id = 100 AND method = 1) = 7");
	hf_take(f);
	for (size_t i = 0; i < f->n; i++) {
		if (f->items[i].chat_id != HF_OWNER || f->items[i].method != OB_SEND_MESSAGE)
			continue;
		messages++;
		alerts += strstr(f->items[i].text, "backup failed") != NULL;
		leads += strstr(f->items[i].text, "Do you have kids classes?") != NULL;
	}
	/* five replies, the alert and the lead: the later replies were dropped */
	assert_int_equal(messages, 7);
	assert_int_equal(alerts, 1);
	assert_int_equal(leads, 1);
	/* the guest's own reply went to the guest's chat */
	assert_non_null(hf_find(f, OB_SEND_MESSAGE, 900));
}

static void jt_queued_cb(void *arg)
{
	(*(int *)arg)++;
}

/* Telegram unreachable longer than alert_after_minutes: the owners hear
 * when it is back, once; a short outage says nothing. */
static void test_health_telegram_outage(void **state)
{
	struct hf *f = *state;
	struct config cfg;
	int queued = 0;
	struct scheduler_hooks hooks = { jt_queued_cb, &queued };
	struct scheduler *s;

	cfg_defaults(&cfg);
	cfg.alert_after_minutes = 10;
	cfg.backup_dir = xstrdup("/tmp");
	s = scheduler_start(ev_default_loop(0), &f->env, &cfg, &hooks);
	clock_set_fake(HF_NOW);
	scheduler_telegram(s, 0);
	clock_set_fake(HF_NOW + 5 * 60);
	scheduler_telegram(s, 1);
	assert_int_equal(hf_take(f), 0);
	clock_set_fake(HF_NOW + 3600);
	scheduler_telegram(s, 0);
	scheduler_telegram(s, 0);
	clock_set_fake(HF_NOW + 3600 + 12 * 60);
	scheduler_telegram(s, 1);
	scheduler_telegram(s, 1);
	assert_int_equal(hf_take(f), 1);
	hf_assert_contains(f->items[0].text, "Telegram was unreachable");
	hf_assert_contains(f->items[0].text, "(12 min)");
	assert_int_equal(queued, 1);
	scheduler_stop(s);
	cfg_release(&cfg);
	clock_set_fake(0);
}

BJJ_TEST_MAIN(
	HF_TEST(test_reminders_window_once),
	HF_TEST(test_reminders_language),
	HF_TEST(test_reminders_after_restart),
	HF_TEST(test_reminders_in_slices),
	HF_TEST(test_reminders_skip),
	HF_TEST(test_reminders_regulars_only),
	HF_TEST(test_reminders_quiet_hours),
	HF_TEST(test_rsvp_buttons),
	HF_TEST(test_absences_last_visit),
	HF_TEST(test_absences_days),
	HF_TEST(test_absences_many),
	HF_TEST(test_absences_quiet_and_head_trainer),
	HF_TEST(test_absences_missed_streak),
	HF_TEST(test_payments),
	HF_TEST(test_payments_in_slices),
	HF_TEST(test_payments_catch_up),
	HF_TEST(test_payments_long_expired),
	HF_TEST(test_payments_quiet),
	HF_TEST(test_maintenance),
	HF_TEST(test_eligibility),
	HF_TEST(test_eligibility_in_slices),
	HF_TEST(test_exams_day_before),
	HF_TEST(test_exams_quiet),
	HF_TEST(test_digest_numbers),
	HF_TEST(test_digest_owners),
	HF_TEST(test_remind_command),
	HF_TEST(test_next_local_dst),
	HF_TEST(test_health_once_per_incident),
	HF_TEST(test_alerts_pass_chat_cap),
	HF_TEST(test_health_telegram_outage),
)
