/*
 * test_schedule.c — storage/schedule.c (templates, generation and its
 * idempotency and DST behaviour, cancelling, the roster's regulars,
 * counts) and handlers/schedule.c (/schedule, /classes, /addclass,
 * /addtraining, /cancel: happy paths, every kind of bad argument with
 * nothing written, role refusals). In-memory database, outbox rows read
 * back.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "files.h"
#include "handlers/command.h"
#include "handlers_fixture.h"
#include "schedule_fixture.h"
#include "test_main.h"

/* ---- storage ---------------------------------------------------------------- */

static void test_generate_idempotent(void **state)
{
	struct hf *f = *state;
	struct sf s = sf_setup(f);
	struct training *v = NULL;
	struct civil c;
	int64_t id, from = civil_day_start(f->env.now), to = civil_add_days(from, 14);
	int created = -1;
	size_t n = 0, i;

	(void)s;
	/* Mon, Wed, Fri at 19:00, created a week ago. */
	assert_int_equal(db_template_add(f->db, "Gi", 0x15, 19 * 60, 90, 0,
	    f->env.now - 7 * 86400, &id), DB_OK);
	assert_int_equal(db_trainings_generate(f->db, 0, from, to, f->env.now, &created), DB_OK);
	/* Two weeks from Monday: 6 classes. */
	assert_int_equal(created, 6);
	assert_int_equal(db_trainings_generate(f->db, 0, from, to, f->env.now, &created), DB_OK);
	assert_int_equal(created, 0);
	assert_int_equal(db_trainings_generate(f->db, id, from, to, f->env.now, &created), DB_OK);
	assert_int_equal(created, 0);
	assert_int_equal(db_trainings_range(f->db, from, to, 1, 100, &v, &n), DB_OK);
	assert_int_equal(n, 6);
	for (i = 0; i < n; i++) {
		civil_split(v[i].starts_at, &c);
		assert_int_equal(c.minute, 19 * 60);
		assert_true(c.wday == 0 || c.wday == 2 || c.wday == 4);
		assert_int_equal(v[i].template_id, id);
		assert_string_equal(v[i].title, "Gi");
	}
	trainings_free(v, n);
	/* A cancelled one is not re-created. */
	assert_int_equal(db_training_cancel(f->db, 1, "rain"), DB_OK);
	assert_int_equal(db_trainings_generate(f->db, 0, from, to, f->env.now, &created), DB_OK);
	assert_int_equal(created, 0);
}

static void test_generate_dst(void **state)
{
	struct hf *f = *state;
	struct training *v = NULL;
	struct civil c;
	int64_t from, id;
	size_t n = 0, i;

	/* Berlin goes to summer time on Sunday 2026-03-29. */
	tf_tz("Europe/Berlin");
	from = sf_at(2026, 3, 26, 0, 0);
	assert_int_equal(db_template_add(f->db, "Daily", 0x7f, 19 * 60, 60, 0, from - 86400,
	    &id), DB_OK);
	assert_int_equal(db_trainings_generate(f->db, 0, from, civil_add_days(from, 7), from,
	    NULL), DB_OK);
	assert_int_equal(db_trainings_range(f->db, from, civil_add_days(from, 7), 0, 100, &v,
	    &n), DB_OK);
	assert_int_equal(n, 7);
	for (i = 0; i < n; i++) {
		civil_split(v[i].starts_at, &c);
		assert_int_equal(c.minute, 19 * 60);
		assert_int_equal(c.day, 26 + (int)i > 31 ? 26 + (int)i - 31 : 26 + (int)i);
	}
	/* Saturday 28th to Sunday 29th 19:00 is one hour short of a day. */
	assert_int_equal(v[3].starts_at - v[2].starts_at, 86400 - 3600);
	assert_int_equal(v[4].starts_at - v[3].starts_at, 86400);
	trainings_free(v, n);
}

static void test_generate_not_before_created(void **state)
{
	struct hf *f = *state;
	int64_t id, from;
	int created;

	sf_setup(f);
	from = civil_day_start(f->env.now);
	/* Created today at 18:30 for 10:00 daily: today's 10:00 never was. */
	assert_int_equal(db_template_add(f->db, "Morning", 0x7f, 10 * 60, 60, 0, f->env.now,
	    &id), DB_OK);
	assert_int_equal(db_trainings_generate(f->db, 0, from, civil_add_days(from, 2),
	    f->env.now, &created), DB_OK);
	assert_int_equal(created, 1);
	assert_int_equal(sf_trainings(f, from, f->env.now), 0);
}

/* Idle generation ticks take no class numbers: the next new class gets
 * the next number (numbers must not climb while nothing is created). */
static void test_generate_keeps_ids_dense(void **state)
{
	struct hf *f = *state;
	struct buf b = { 0 };
	int64_t id, from, one_off;
	int i, again, n;

	sf_setup(f);
	from = civil_day_start(f->env.now);
	assert_int_equal(db_template_add(f->db, "Gi", 0x15, 19 * 60, 90, 0, f->env.now - 86400,
	    &id), DB_OK);
	assert_int_equal(h_job_schedule(&f->env), 0);
	n = sf_trainings(f, from, civil_add_days(from, 30));
	assert_true(n >= 6);
	for (i = 0; i < 50; i++) {
		assert_int_equal(db_trainings_generate(f->db, 0, from, civil_add_days(from, 14),
		    f->env.now, &again), DB_OK);
		assert_int_equal(again, 0);
		assert_int_equal(h_job_schedule(&f->env), 0);
	}
	buf_addf(&b, "(SELECT seq FROM sqlite_sequence WHERE name = 'trainings') = %d", n);
	hf_sql_assert(f, buf_str(&b));
	buf_release(&b);
	one_off = sf_class(f, "Open mat", f->env.now + 3600);
	assert_int_equal(one_off, n + 1);
}

/* A check-in generates the schedule only when its days moved; a rolled
 * back generation is done again; the scheduler's tick always generates. */
static void test_generate_once_per_window(void **state)
{
	struct hf *f = *state;
	int64_t id, from, day = 86400;
	int n;

	sf_setup(f);
	from = civil_day_start(f->env.now);
	/* Every day at 19:00: one class a day. */
	assert_int_equal(db_template_add(f->db, "Gi", 0x7f, 19 * 60, 90, 0, f->env.now - day,
	    &id), DB_OK);
	assert_int_equal(h_schedule_generate(&f->env), 0);
	n = sf_trainings(f, from, civil_add_days(from, 30));
	assert_int_equal(n, f->cfg.schedule_days + 1);
	hf_sql_assert(f, "(SELECT count(*) FROM bot_state WHERE key = 'schedule_window') = 1");
	/* The next day brings the next day's class. */
	f->env.now += day;
	assert_int_equal(h_schedule_generate(&f->env), 0);
	assert_int_equal(sf_trainings(f, from, civil_add_days(from, 30)), n + 1);
	/* Generated in a transaction that is rolled back: generated again. */
	f->env.now += day;
	assert_int_equal(db_begin(f->db), DB_OK);
	assert_int_equal(h_schedule_generate(&f->env), 0);
	assert_int_equal(sf_trainings(f, from, civil_add_days(from, 30)), n + 2);
	assert_int_equal(db_rollback(f->db), DB_OK);
	assert_int_equal(sf_trainings(f, from, civil_add_days(from, 30)), n + 1);
	assert_int_equal(h_schedule_generate(&f->env), 0);
	assert_int_equal(sf_trainings(f, from, civil_add_days(from, 30)), n + 2);
	/* A class written behind the handlers' back (they generate its own
	 * trainings): the tick generates it though the days are the same. */
	assert_int_equal(db_template_add(f->db, "No-gi", 0x7f, 7 * 60, 60, 0, f->env.now - day,
	    &id), DB_OK);
	assert_int_equal(h_job_schedule(&f->env), 0);
	assert_int_equal(sf_trainings(f, from, civil_add_days(from, 30)), n + 2 + n);
}

/* The index of the migration that renumbers trainings. */
static int sf_renumber_version(void)
{
	int v;

	for (v = 1; v <= db_schema_latest(); v++) {
		if (strstr(db_migration_script(v), "training_renumber") != NULL)
			return v;
	}
	fail_msg("no renumbering migration");
	return 0;
}

/* A database whose trainings took ids 700.. with gaps, replayed through
 * the renumbering migration: 1..N in start order, references follow. */
static void test_renumber_migration(void **state)
{
	struct hf *f = *state;
	struct sf s = sf_setup(f);
	struct buf b = { 0 };
	int64_t t0 = f->env.now;

	hf_sql(f, "INSERT INTO class_templates (id, title, weekdays, start_minute, duration_min, "
	    "created_at) VALUES (1, 'Gi', 127, 1140, 90, 0);"
	    "INSERT INTO trainings (id, template_id, starts_at, duration_min, title, created_at) "
	    "VALUES (805, 1, %lld, 90, 'Gi', 0), (727, 1, %lld, 90, 'Gi', 0), "
	    "(760, NULL, %lld, 60, 'Open', 0);"
	    "UPDATE sqlite_sequence SET seq = 900 WHERE name = 'trainings';"
	    "INSERT INTO attendance (student_id, training_id, status, source, marked_at) VALUES "
	    "(%lld, 805, 'present', 'self', 0), (%lld, 727, 'late', 'self', 0), "
	    "(%lld, 760, 'absent', 'trainer', 0);"
	    "INSERT INTO rsvp VALUES (%lld, 805, 'yes', 0), (%lld, 760, 'no', 0);"
	    "INSERT INTO notifications VALUES ('remind:t805:s%lld', 'remind', 0), "
	    "('remind:t727:s%lld', 'remind', 0), ('digest:2026-06-01', 'digest', 0);"
	    "INSERT INTO audit_log (at, actor, action, entity, entity_id) VALUES "
	    "(0, 1, 'training.cancel', 'training', 805), (0, 1, 'student.add', 'student', 805);"
	    "INSERT INTO outbox (chat_id, method, text, markup, created_at) VALUES "
	    "(1, 1, 'roster', '{\"inline_keyboard\":[[{\"text\":\"x\",\"callback_data\":\"att:805:7\"}]]}', 0), "
	    "(1, 1, 'remind', '{\"inline_keyboard\":[[{\"text\":\"y\",\"callback_data\":\"rsvp:727:y\"}]]}', 0), "
	    "(1, 1, 'card', '{\"inline_keyboard\":[[{\"text\":\"s\",\"callback_data\":\"bil:sell:1\"}]]}', 0);",
	    (long long)(t0 + 86400), (long long)(t0 - 86400), (long long)t0,
	    (long long)s.ivan, (long long)s.ivan, (long long)s.olga,
	    (long long)s.ivan, (long long)s.olga, (long long)s.ivan, (long long)s.olga);
	/* The script also adds a column: take it away to replay it. */
	buf_addf(&b, "ALTER TABLE class_templates DROP COLUMN deleted_at; BEGIN; %s COMMIT;",
	    db_migration_script(sf_renumber_version()));
	hf_sql(f, "%s", buf_str(&b));
	buf_release(&b);
	/* 727 (yesterday) -> 1, 760 (today) -> 2, 805 (tomorrow) -> 3. */
	hf_sql_assert(f, "(SELECT group_concat(id || ':' || title, ',') FROM "
	    "(SELECT id, title FROM trainings ORDER BY id)) = '1:Gi,2:Open,3:Gi'");
	hf_sql_assert(f, "(SELECT starts_at FROM trainings WHERE id = 3) > "
	    "(SELECT starts_at FROM trainings WHERE id = 2)");
	assert_int_equal(sf_status(f, 3, s.ivan, NULL), ATT_PRESENT);
	assert_int_equal(sf_status(f, 1, s.ivan, NULL), ATT_LATE);
	assert_int_equal(sf_status(f, 2, s.olga, NULL), ATT_ABSENT);
	hf_sql_assert(f, "(SELECT count(*) FROM attendance) = 3");
	hf_sql_assert(f, "(SELECT group_concat(training_id || answer, ',') FROM "
	    "(SELECT training_id, answer FROM rsvp ORDER BY training_id)) = '2no,3yes'");
	buf_addf(&b, "(SELECT count(*) FROM notifications WHERE key IN ('remind:t3:s%lld', "
	    "'remind:t1:s%lld', 'digest:2026-06-01')) = 3 AND (SELECT count(*) FROM "
	    "notifications) = 3", (long long)s.ivan, (long long)s.olga);
	hf_sql_assert(f, buf_str(&b));
	buf_release(&b);
	hf_sql_assert(f, "(SELECT entity_id FROM audit_log WHERE entity = 'training') = 3");
	hf_sql_assert(f, "(SELECT entity_id FROM audit_log WHERE entity = 'student') = 805");
	hf_sql_assert(f, "(SELECT seq FROM sqlite_sequence WHERE name = 'trainings') = 3");
	/* Unsent buttons naming old class numbers go; their texts stay, and
	 * so do other buttons. */
	hf_sql_assert(f, "(SELECT group_concat(text || ':' || (markup IS NULL), ',') FROM "
	    "(SELECT text, markup FROM outbox ORDER BY id)) = 'roster:1,remind:1,card:0'");
	hf_sql_assert(f, "(SELECT count(*) FROM pragma_foreign_key_check) = 0");
	/* The next class is #4. */
	assert_int_equal(sf_class(f, "Next", t0 + 7200), 4);
}

static void test_cancel_storage(void **state)
{
	struct hf *f = *state;
	struct training t;
	int64_t id;

	sf_setup(f);
	id = sf_class(f, "Open mat", f->env.now + 3600);
	assert_int_equal(db_training_cancel(f->db, id, NULL), DB_OK);
	assert_int_equal(db_training_cancel(f->db, id, "again"), DB_CONSTRAINT);
	assert_int_equal(db_training_cancel(f->db, 999, NULL), DB_NOTFOUND);
	assert_int_equal(db_training_get(f->db, id, &t), DB_OK);
	assert_int_equal(t.cancelled, 1);
	assert_null(t.cancel_reason);
	training_release(&t);
	assert_int_equal(db_training_close(f->db, id), DB_OK);
	assert_int_equal(db_training_close(f->db, 999), DB_NOTFOUND);
}

static void test_roster_regulars_and_counts(void **state)
{
	struct hf *f = *state;
	struct sf s = sf_setup(f);
	struct roster_entry *r = NULL;
	struct att_effect e;
	struct training *v = NULL;
	int64_t tpl, from = civil_day_start(f->env.now) - 35 * 86400, n3;
	size_t n = 0, nv = 0;

	/* Daily 19:00 since 40 days ago. */
	assert_int_equal(db_template_add(f->db, "Gi", 0x7f, 19 * 60, 90, 0,
	    f->env.now - 40 * 86400, &tpl), DB_OK);
	assert_int_equal(db_trainings_generate(f->db, 0, from, f->env.now + 86400, f->env.now,
	    NULL), DB_OK);
	assert_int_equal(db_trainings_range(f->db, from, f->env.now + 86400, 0, 100, &v, &nv),
	    DB_OK);
	assert_true(nv >= 36);
	/* Ivan came 30 days before today's class: too long ago. Olga came
	 * 3 days before: a regular. Ivan late yesterday: a regular too. */
	assert_int_equal(db_attendance_mark(f->db, v[5].id, s.ivan, ATT_PRESENT, ATT_TRAINER,
	    1, f->env.now, &e), DB_OK);
	assert_int_equal(db_attendance_mark(f->db, v[nv - 4].id, s.olga, ATT_PRESENT,
	    ATT_TRAINER, 1, f->env.now, &e), DB_OK);
	assert_int_equal(db_roster(f->db, v[nv - 1].id, 50, &r, &n), DB_OK);
	assert_int_equal(n, 1);
	assert_int_equal(r[0].student_id, s.olga);
	assert_int_equal(r[0].status, ATT_NONE);
	roster_free(r, n);
	assert_int_equal(db_attendance_mark(f->db, v[nv - 2].id, s.ivan, ATT_LATE, ATT_TRAINER,
	    1, f->env.now, &e), DB_OK);
	/* An absent mark does not make a regular, but a mark at this class
	 * puts anyone on it. */
	assert_int_equal(db_attendance_mark(f->db, v[nv - 1].id, s.olga, ATT_ABSENT,
	    ATT_TRAINER, 1, f->env.now, &e), DB_OK);
	assert_int_equal(db_roster(f->db, v[nv - 1].id, 50, &r, &n), DB_OK);
	assert_int_equal(n, 2);
	assert_int_equal(r[0].student_id, s.ivan);   /* by first name */
	assert_int_equal(r[1].status, ATT_ABSENT);
	roster_free(r, n);

	assert_int_equal(db_attendance_count_since(f->db, s.ivan, 0, &n3), DB_OK);
	assert_int_equal(n3, 2);
	assert_int_equal(db_attendance_count_since(f->db, s.ivan, v[6].starts_at, &n3), DB_OK);
	assert_int_equal(n3, 1);
	assert_int_equal(db_attendance_absent_count(f->db, s.olga, 0, &n3), DB_OK);
	assert_int_equal(n3, 1);
	/* A cancelled class does not count. */
	assert_int_equal(db_training_cancel(f->db, v[nv - 2].id, NULL), DB_OK);
	assert_int_equal(db_attendance_count_since(f->db, s.ivan, 0, &n3), DB_OK);
	assert_int_equal(n3, 1);
	{
		struct attendance *a = NULL;
		size_t na = 0;

		assert_int_equal(db_attendance_by_student(f->db, s.ivan, 0, INT64_MAX, 10, &a,
		    &na), DB_OK);
		assert_int_equal(na, 2);
		assert_int_equal(a[0].training_id, v[nv - 2].id);   /* newest first */
		assert_int_equal(a[0].status, ATT_LATE);
		free(a);
	}
	trainings_free(v, nv);
}

static void test_mark_pack_rules(void **state)
{
	struct hf *f = *state;
	struct sf s = sf_setup(f);
	struct att_effect e;
	struct attendance a;
	int64_t t = sf_class(f, "Gi", f->env.now), sub = sf_sell(f, s.ivan, "pack10", 10);

	assert_int_equal(db_attendance_mark(f->db, t, s.ivan, ATT_PRESENT, ATT_SELF, 200,
	    f->env.now, &e), DB_OK);
	assert_true(e.changed && e.charged && !e.restored && !e.no_subscription);
	assert_int_equal(e.subscription_id, sub);
	assert_int_equal(sf_left(f, sub), 9);
	/* The same status again: nothing. present -> late: no second charge. */
	assert_int_equal(db_attendance_mark(f->db, t, s.ivan, ATT_PRESENT, ATT_SELF, 200,
	    f->env.now, &e), DB_OK);
	assert_false(e.changed);
	assert_int_equal(db_attendance_mark(f->db, t, s.ivan, ATT_LATE, ATT_TRAINER, 300,
	    f->env.now, &e), DB_OK);
	assert_true(e.changed && !e.charged);
	assert_int_equal(sf_left(f, sub), 9);
	/* excused gives it back, absent does not give it twice. */
	assert_int_equal(db_attendance_mark(f->db, t, s.ivan, ATT_EXCUSED, ATT_TRAINER, 300,
	    f->env.now, &e), DB_OK);
	assert_true(e.restored);
	assert_int_equal(sf_left(f, sub), 10);
	sf_status(f, t, s.ivan, &a);
	assert_int_equal(a.subscription_id, 0);
	assert_int_equal(a.source, ATT_TRAINER);
	assert_int_equal(db_attendance_mark(f->db, t, s.ivan, ATT_ABSENT, ATT_TRAINER, 300,
	    f->env.now, &e), DB_OK);
	assert_false(e.restored);
	assert_int_equal(sf_left(f, sub), 10);
	/* Back to present: charged again. */
	assert_int_equal(db_attendance_mark(f->db, t, s.ivan, ATT_PRESENT, ATT_TRAINER, 300,
	    f->env.now, &e), DB_OK);
	assert_true(e.charged);
	assert_int_equal(sf_left(f, sub), 9);
	/* Olga has nothing: still marked. */
	assert_int_equal(db_attendance_mark(f->db, t, s.olga, ATT_PRESENT, ATT_SELF, 201,
	    f->env.now, &e), DB_OK);
	assert_true(e.changed && e.no_subscription && !e.charged);
	assert_int_equal(sf_status(f, t, s.olga, NULL), ATT_PRESENT);
	/* Unknown training or student. */
	assert_int_equal(db_attendance_mark(f->db, 999, s.olga, ATT_PRESENT, ATT_SELF, 201,
	    f->env.now, &e), DB_NOTFOUND);
	assert_int_equal(db_attendance_mark(f->db, t, 999, ATT_PRESENT, ATT_SELF, 201,
	    f->env.now, &e), DB_NOTFOUND);
}

/* ---- /addclass, /addtraining ---------------------------------------------------- */

static int templates_count(struct hf *f)
{
	struct class_template *v = NULL;
	size_t n = 0;

	assert_int_equal(db_templates_list(f->db, 100, &v, &n), DB_OK);
	class_templates_free(v, n);
	return (int)n;
}

static void test_addclass(void **state)
{
	struct hf *f = *state;
	const char *t;
	int64_t day;

	sf_setup(f);
	day = civil_day_start(f->env.now);
	t = hf_ask(f, HF_OWNER, "/addclass mon,wed,fri 19:00 90 Gi  Fundamentals <1>");
	hf_assert_contains(t, "Weekly class #1 <b>Gi  Fundamentals &lt;1&gt;</b>");
	hf_assert_contains(t, "Mon, Wed, Fri at 19:00, 90 min");
	/* Today (Monday) 19:00 is still ahead: it is the first. */
	hf_assert_contains_all(t, "#1 Mon 01.06 19:00", "Wed 03.06 19:00");
	assert_int_equal(templates_count(f), 1);
	/* schedule_days = 14 from today: 7 classes (Mon 1 .. Mon 15). */
	assert_int_equal(sf_trainings(f, day, civil_add_days(day, 20)), 7);

	/* Russian weekdays and a range. */
	t = hf_ask(f, HF_OWNER, "/addclass пн-ср 07:30 60 Утро");
	hf_assert_contains_all(t, "#2", "Mon, Tue, Wed at 07:30, 60 min");
	assert_int_equal(templates_count(f), 2);
}

static void test_addclass_bad_args(void **state)
{
	struct hf *f = *state;
	static const struct hf_case cases[] = {
		{ "/addclass", "Usage: /addclass" },
		{ "/addclass mon 19:00 90", "Usage: /addclass" },
		{ "/addclass moon 19:00 90 Gi", "are not weekdays" },
		{ "/addclass mon, 19:00 90 Gi", "are not weekdays" },
		{ "/addclass mon 25:00 90 Gi", "is not a time" },
		{ "/addclass mon 19-00 90 Gi", "is not a time" },
		{ "/addclass mon 19:00 0 Gi", "is not a duration" },
		{ "/addclass mon 19:00 1441 Gi", "is not a duration" },
		{ "/addclass mon 19:00 1h Gi", "is not a duration" },
		{ "/addclass mon 19:00 90 "
		  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
		  "1 to 64 characters" },
	};

	sf_setup(f);
	hf_expect_cases(f, HF_OWNER, cases, BJJ_ARRAY_LEN(cases));
	assert_int_equal(templates_count(f), 0);
	assert_int_equal(sf_trainings(f, 0, INT64_MAX), 0);
}

static void test_addtraining(void **state)
{
	struct hf *f = *state;
	struct training t;
	const char *r;

	sf_setup(f);
	r = hf_ask(f, HF_OWNER, "/addtraining 2026-06-13 11:00 120 Open mat");
	hf_assert_contains(r, "Class #1 <b>Open mat</b>: Sat 13.06 11:00, 120 min");
	hf_assert_lacks(r, "in the past");
	assert_int_equal(db_training_get(f->db, 1, &t), DB_OK);
	assert_int_equal(t.starts_at, sf_at(2026, 6, 13, 11, 0));
	assert_int_equal(t.template_id, 0);
	training_release(&t);
	/* In the past: allowed, for backfill. */
	r = hf_ask(f, HF_OWNER, "/addtraining 2026-05-30 11:00 60 Seminar");
	hf_assert_contains_all(r, "Class #2", "/attendance 2");

	hf_expect(f, HF_OWNER, "/addtraining 2026-02-30 11:00 60 Nope", "is not a date");
	hf_expect(f, HF_OWNER, "/addtraining tomorrow 11:00 60 Nope", "is not a date");
	hf_expect(f, HF_OWNER, "/addtraining 2026-06-13 11:00 60", "Usage: /addtraining");
	hf_expect(f, HF_OWNER, "/addtraining 2026-06-13 11:0 60 Nope", "is not a time");
	assert_int_equal(sf_trainings(f, 0, INT64_MAX), 2);
}

/* Dates, times and weekdays as typed on a phone, in every command. */
static void test_phone_forms(void **state)
{
	struct hf *f = *state;
	struct training t;
	const char *r;
	size_t i;
	static const char *const bad[] = {
		"/addtraining 32.13 11:00 60 Nope", "/addtraining 31.06 11:00 60 Nope",
		"/addtraining 14.06 25:00 60 Nope", "/addtraining 14.06 19.60 60 Nope",
		"/addclass mond 19:00 60 Nope",
	};

	sf_setup(f);
	/* Now is Mon 01.06.2026: "13.06" is this month, "27.11.2026" explicit. */
	r = hf_ask(f, HF_OWNER, "/addtraining 13.06 11.00 120 Open mat");
	hf_assert_contains(r, "Class #1 <b>Open mat</b>: Sat 13.06 11:00, 120 min");
	assert_int_equal(db_training_get(f->db, 1, &t), DB_OK);
	assert_int_equal(t.starts_at, sf_at(2026, 6, 13, 11, 0));
	training_release(&t);
	hf_expect(f, HF_OWNER, "/addtraining 27.11.2026 9.30 60 Seminar",
	    "Class #2 <b>Seminar</b>: Fri 27.11 09:30");
	/* Last week's Saturday, for backfill: the nearest 30.05 is in the past. */
	hf_expect(f, HF_OWNER, "/addtraining 30.05 11:00 60 Backfill", "/attendance 3");
	assert_int_equal(db_training_get(f->db, 3, &t), DB_OK);
	assert_int_equal(t.starts_at, sf_at(2026, 5, 30, 11, 0));
	training_release(&t);

	r = hf_ask(f, HF_OWNER, "/addclass понедельник,пятницу 19.00 90 Gi");
	hf_assert_contains(r, "Mon, Fri at 19:00, 90 min");
	hf_expect(f, HF_OWNER, "/addclass Tuesday-Thursday 7.30 60 Morning",
	    "Tue, Wed, Thu at 07:30, 60 min");
	hf_expect(f, HF_OWNER, "/editclass 1 time 19.30", "Mon, Fri at 19:30");
	hf_expect(f, HF_OWNER, "/editclass 1 days saturday", ": Sat at 19:30");
	/* Typed on a phone: a space after each comma; the title keeps its own. */
	hf_expect(f, HF_OWNER, "/addclass пн, ср, пт 19:00 60 Gi, advanced",
	    "✅ Weekly class #3 <b>Gi, advanced</b>: Mon, Wed, Fri at 19:00, 60 min.");
	hf_expect(f, HF_OWNER, "/editclass 3 days вт , чт", ": Tue, Thu at 19:00");
	hf_send_take(f, HF_OWNER, "/deleteclass 3");

	i = (size_t)sf_trainings(f, 0, INT64_MAX);
	for (size_t k = 0; k < BJJ_ARRAY_LEN(bad); k++) {
		r = hf_ask(f, HF_OWNER, bad[k]);
		assert_true(strstr(r, "is not a") != NULL || strstr(r, "are not weekdays") != NULL);
	}
	assert_int_equal(sf_trainings(f, 0, INT64_MAX), (int)i);
	assert_int_equal(templates_count(f), 2);
	/* The Russian hint names the forms. */
	{
		struct h_msg m = hf_msg(HF_OWNER, "/addtraining 32.13 11:00 60 Nope");

		m.lang_code = "ru";
		hf_send_msg(f, &m);
	}
	hf_assert_contains(hf_take_reply(f, HF_OWNER),
	    "«32.13» — не дата; используйте ДД.ММ, ДД.ММ.ГГГГ или ГГГГ-ММ-ДД");
}

static void test_owner_commands_refused(void **state)
{
	struct hf *f = *state;
	static const char *const cmds[] = {
		"/addclass mon 19:00 90 Gi", "/addtraining 2026-06-13 11:00 60 Gi",
		"/editclass 1 time 10:00", "/pauseclass 1", "/resumeclass 1", "/deleteclass 1",
		"/classtrainer 1 -",
	};
	static const int64_t who[] = { SF_STUDENT_TG, SF_TRAINER_TG, SF_GUEST_TG };
	size_t i, j;

	sf_setup(f);
	sf_class(f, "Gi", f->env.now + 3600);
	for (i = 0; i < BJJ_ARRAY_LEN(cmds); i++) {
		for (j = 0; j < BJJ_ARRAY_LEN(who); j++) {
			hf_send(f, who[j], cmds[i]);
			hf_assert_contains(hf_take_reply(f, who[j]), "only for the academy owner");
		}
	}
	/* /cancel and /uncancel are for trainers (their own classes). */
	for (j = 0; j < BJJ_ARRAY_LEN(who); j++) {
		hf_send(f, who[j], "/cancel 1");
		hf_assert_contains(hf_take_reply(f, who[j]), who[j] == SF_TRAINER_TG ?
		    "only the classes you teach" : "only for trainers");
		hf_send(f, who[j], "/uncancel 1");
		hf_assert_contains(hf_take_reply(f, who[j]), who[j] == SF_TRAINER_TG ?
		    "only the classes you teach" : "only for trainers");
	}
	assert_int_equal(templates_count(f), 0);
	assert_int_equal(sf_trainings(f, 0, INT64_MAX), 1);
	{
		struct training t;

		assert_int_equal(db_training_get(f->db, 1, &t), DB_OK);
		assert_int_equal(t.cancelled, 0);
		training_release(&t);
	}
}

/* ---- /schedule, /classes ----------------------------------------------------------- */

static void test_schedule(void **state)
{
	struct hf *f = *state;
	const char *t;

	sf_setup(f);
	hf_send_take(f, HF_OWNER, "/addclass tue,thu 19:00 90 Gi & No-Gi");
	sf_class(f, "Kids <3", sf_at(2026, 6, 1, 17, 0));
	sf_class(f, "Far away", sf_at(2026, 6, 10, 17, 0));
	assert_int_equal(db_training_cancel(f->db, 2, "coach <ill>"), DB_OK); /* Thu 04.06 */

	t = hf_ask(f, SF_STUDENT_TG, "/schedule");
	hf_assert_contains(t, "Classes in the next 7 days");
	/* Today's class that already took place still shows. */
	hf_assert_contains_all(t, "<b>Mon 01.06</b>\n17:00–18:30 <b>Kids &lt;3</b>",
	    "<b>Tue 02.06</b>\n19:00–20:30 <b>Gi &amp; No-Gi</b>",
	    "❌ <s>19:00–20:30 <b>Gi &amp; No-Gi</b></s> — cancelled: coach &lt;ill&gt;");
	/* Seven days: Monday to Sunday. */
	hf_assert_lacks_all(t, "09.06", "Far away");

	/* Guests see the schedule too. */
	hf_expect(f, SF_GUEST_TG, "/schedule", "Classes in the next 7 days");
}

static void test_schedule_empty_and_russian(void **state)
{
	struct hf *f = *state;

	sf_setup(f);
	hf_expect(f, SF_STUDENT_TG, "/schedule", "No classes in the next 7 days");
	sf_class(f, "Гм", sf_at(2026, 6, 2, 19, 0));
	hf_expect_ru(f, SF_STUDENT_TG, "/schedule", "<b>Вт 02.06</b>");
}

static void test_classes(void **state)
{
	struct hf *f = *state;
	const char *t;

	sf_setup(f);
	t = hf_ask(f, SF_TRAINER_TG, "/classes");
	hf_assert_contains_all(t, "No weekly classes yet", "No classes in the next 7 days");

	hf_send_take(f, HF_OWNER, "/addclass sat 10:00 60 Open mat");
	t = hf_ask(f, SF_TRAINER_TG, "/classes");
	hf_assert_contains_all(t, "#1 <b>Open mat</b> — Sat 10:00, 60 min",
	    "#1 Sat 06.06 10:00–11:00 <b>Open mat</b>");

	hf_expect(f, SF_STUDENT_TG, "/classes", "only for trainers");
}

/* ---- /editclass, /pauseclass, /resumeclass, /deleteclass ------------------ */

/* Template id as "title|weekdays|start|duration|trainer" for comparisons. */
static char *sf_template_state(struct hf *f, int64_t id)
{
	struct class_template t;
	char *s;

	if (db_template_get(f->db, id, &t) != DB_OK)
		return xstrdup("gone");
	s = xasprintf("%s|%d|%d|%d|%lld", t.title, t.weekdays, t.start_minute, t.duration_min,
	    (long long)t.trainer_id);
	class_template_release(&t);
	return s;
}

static void test_editclass(void **state)
{
	struct hf *f = *state;
	struct sf s = sf_setup(f);
	struct training t;
	struct civil c;
	const char *r;
	char *before, *after;
	int64_t day = civil_day_start(f->env.now);
	size_t i;
	static const char *const bad[] = {
		"/editclass", "/editclass 1", "/editclass 1 time", "/editclass x time 19:00",
		"/editclass 9 time 19:00", "/editclass 1 colour red", "/editclass 1 time 25:00",
		"/editclass 1 duration 0", "/editclass 1 duration 1441", "/editclass 1 days xyz",
		"/editclass 1 trainer #99", "/editclass 1 trainer Nobody",
		"/editclass 1 title 12345678901234567890123456789012345678901234567890123456789012345",
	};

	hf_send_take(f, HF_OWNER, "/addclass mon,wed,fri 19:00 90 Gi");
	assert_int_equal(sf_trainings(f, day, civil_add_days(day, 20)), 7);
	/* Ivan already checked in to Friday's class (#3). */
	assert_int_equal(db_attendance_mark(f->db, 3, s.ivan, ATT_PRESENT, ATT_SELF, 200,
	    f->env.now, NULL), DB_OK);

	before = sf_template_state(f, 1);
	for (i = 0; i < BJJ_ARRAY_LEN(bad); i++) {
		assert_int_equal(hf_send_take(f, HF_OWNER, bad[i]), 1);
		after = sf_template_state(f, 1);
		assert_string_equal(before, after);
		free(after);
	}
	free(before);
	hf_sql_assert(f, "(SELECT count(*) FROM audit_log WHERE action = 'template.edit') = 0");
	hf_expect(f, SF_TRAINER_TG, "/editclass 1 time 19:30", "only for the academy owner");

	r = hf_ask(f, HF_OWNER, "/editclass 1 time 19:30");
	hf_assert_contains_all(r, "Weekly class #1 <b>Gi</b>: Mon, Wed, Fri at 19:30, 90 min.",
	    "Moved to the new time: 7 upcoming classes.");
	assert_int_equal(db_training_get(f->db, 1, &t), DB_OK);
	civil_split(t.starts_at, &c);
	assert_int_equal(c.minute, 19 * 60 + 30);
	assert_int_equal(c.day, 1);
	training_release(&t);

	/* Fridays go: #6 is removed, #3 (Ivan is marked) is kept. */
	r = hf_ask(f, HF_OWNER, "/editclass 1 days mon,wed");
	hf_assert_contains_all(r, "Mon, Wed at 19:30",
	    "Removed from the schedule: 1 upcoming class.",
	    "Kept: 1 class with students already checked in (the first is #3)");
	assert_int_equal(db_training_get(f->db, 6, &t), DB_NOTFOUND);
	assert_int_equal(db_training_get(f->db, 3, &t), DB_OK);
	training_release(&t);
	assert_int_equal(sf_trainings(f, day, civil_add_days(day, 20)), 6);
	/* Regeneration does not bring Friday back. */
	assert_int_equal(h_job_schedule(&f->env), 0);
	assert_int_equal(sf_trainings(f, day, civil_add_days(day, 20)), 6);
	/* A new day: its classes are generated, with the next numbers. */
	hf_send_take(f, HF_OWNER, "/editclass 1 days пн,ср,сб");
	assert_int_equal(sf_trainings(f, day, civil_add_days(day, 20)), 8);

	hf_send_take(f, HF_OWNER, "/editclass 1 duration 60");
	r = hf_ask(f, HF_OWNER, "/editclass 1 title Gi  Basics <b>");
	hf_assert_contains(r, "<b>Gi  Basics &lt;b&gt;</b>");
	hf_expect(f, HF_OWNER, "/editclass 1 trainer -", "\nNo trainer.");
	hf_expect(f, HF_OWNER, "/editclass 1 тренер Anna", "\nTrainer: Anna Petrova");
	assert_int_equal(db_training_get(f->db, 2, &t), DB_OK);
	assert_int_equal(t.duration_min, 60);
	assert_string_equal(t.title, "Gi  Basics <b>");
	assert_int_equal(t.trainer_id, s.anna);
	training_release(&t);
	hf_sql_assert(f, "(SELECT count(*) FROM audit_log WHERE action = 'template.edit') = 7");

	/* In Russian. */
	{
		struct h_msg m = hf_msg(HF_OWNER, "/editclass 1 Время 20:00");

		m.lang_code = "ru";
		hf_send_msg(f, &m);
	}
	r = hf_take_reply(f, HF_OWNER);
	hf_assert_contains(r, "Недельное занятие #1 <b>Gi  Basics &lt;b&gt;</b>: Пн, Ср, Сб в 20:00, 60 мин.");
	hf_assert_contains(r, "Перенесено на новое время: 7 занятий.");
}

static void test_pause_resume_delete(void **state)
{
	struct hf *f = *state;
	struct sf s = sf_setup(f);
	struct class_template ct;
	struct training t;
	const char *r;
	int64_t day = civil_day_start(f->env.now), tpl, past;

	/* Daily at 12:00 for over a week: last week's classes exist; Ivan came
	 * to yesterday's and has checked in to tomorrow's already. */
	assert_int_equal(db_template_add(f->db, "Noon", 0x7f, 12 * 60, 60, 0,
	    f->env.now - 8 * 86400, &tpl), DB_OK);
	assert_int_equal(db_trainings_generate(f->db, 0, civil_add_days(day, -7), day,
	    f->env.now, NULL), DB_OK);
	assert_int_equal(h_job_schedule(&f->env), 0);
	past = 7;
	assert_int_equal(db_attendance_mark(f->db, past, s.ivan, ATT_PRESENT, ATT_SELF, 200,
	    f->env.now, NULL), DB_OK);
	/* today 12:00 is #8 (past), tomorrow is #9. */
	assert_int_equal(db_attendance_mark(f->db, 9, s.ivan, ATT_PRESENT, ATT_SELF, 200,
	    f->env.now, NULL), DB_OK);
	assert_int_equal(sf_trainings(f, f->env.now, civil_add_days(day, 30)), 14);

	hf_expect(f, HF_OWNER, "/pauseclass", "Usage");
	hf_expect(f, HF_OWNER, "/pauseclass 5", "There is no weekly class #5");
	hf_expect(f, SF_TRAINER_TG, "/pauseclass 1", "only for the academy owner");
	hf_expect(f, HF_OWNER, "/resumeclass 1", "Weekly class #1 is not paused.");
	assert_int_equal(sf_trainings(f, f->env.now, civil_add_days(day, 30)), 14);

	r = hf_ask(f, HF_OWNER, "/pauseclass #1");
	hf_assert_contains_all(r, "Weekly class #1 <b>Noon</b> is paused: no new classes until /resumeclass 1.",
	    "Removed from the schedule: 13 upcoming classes.",
	    "Kept: 1 class with students already checked in (the first is #9)");
	assert_int_equal(sf_trainings(f, f->env.now, civil_add_days(day, 30)), 1);
	assert_int_equal(h_job_schedule(&f->env), 0);
	assert_int_equal(sf_trainings(f, f->env.now, civil_add_days(day, 30)), 1);
	hf_expect(f, SF_TRAINER_TG, "/classes",
	    "#1 <b>Noon</b> — Mon, Tue, Wed, Thu, Fri, Sat, Sun 12:00, 60 min (paused)");
	hf_expect(f, HF_OWNER, "/pauseclass 1", "Weekly class #1 is already paused.");

	hf_expect(f, HF_OWNER, "/resumeclass 1",
	    "Weekly class #1 <b>Noon</b> is back on the schedule.");
	assert_int_equal(sf_trainings(f, f->env.now, civil_add_days(day, 30)), 14);

	{
		struct h_msg m = hf_msg(HF_OWNER, "/deleteclass 1");

		m.lang_code = "ru";
		hf_send_msg(f, &m);
	}
	r = hf_take_reply(f, HF_OWNER);
	hf_assert_contains_all(r, "Недельное занятие #1 <b>Noon</b> удалено; прошедшие занятия и посещаемость сохранены.",
	    "Убрано из расписания: 13 занятий.",
	    "Оставлено 1 занятие: на них уже отметились ученики (первое — #9)");
	assert_int_equal(db_template_get(f->db, tpl, &ct), DB_NOTFOUND);
	/* History stays: last week's classes and Ivan's mark. */
	assert_int_equal(db_training_get(f->db, past, &t), DB_OK);
	assert_int_equal(t.template_id, tpl);
	training_release(&t);
	assert_int_equal(sf_status(f, past, s.ivan, NULL), ATT_PRESENT);
	assert_int_equal(sf_trainings(f, civil_add_days(day, -7), f->env.now), 8);
	assert_int_equal(h_job_schedule(&f->env), 0);
	assert_int_equal(sf_trainings(f, f->env.now, civil_add_days(day, 30)), 1);
	hf_send(f, SF_TRAINER_TG, "/classes");
	hf_assert_lacks(hf_take_reply(f, SF_TRAINER_TG), "Noon</b> —");
	hf_expect(f, HF_OWNER, "/deleteclass 1", "There is no weekly class #1");
	hf_expect(f, HF_OWNER, "/resumeclass 1", "There is no weekly class #1");
	hf_expect(f, HF_OWNER, "/classtrainer 1 Anna", "There is no weekly class #1");
	hf_sql_assert(f, "(SELECT count(*) FROM pragma_foreign_key_check) = 0");
}

/* ---- /cancel ----------------------------------------------------------------------- */

static void test_cancel(void **state)
{
	struct hf *f = *state;
	struct sf s = sf_setup(f);
	struct att_effect e;
	struct training tr;
	const struct outbox_item *it;
	int64_t tpl, last, next, sub = sf_sell(f, s.ivan, "pack10", 10);
	int64_t guest = hf_person(f, PERSON_STUDENT, "Petr", "+79001234569", 0);

	/* A daily class: Olga came last week (a regular), Ivan has checked in
	 * to tomorrow's already (a long window, for the test). */
	assert_int_equal(db_template_add(f->db, "Gi", 0x7f, 19 * 60, 90, 0,
	    f->env.now - 10 * 86400, &tpl), DB_OK);
	assert_int_equal(db_trainings_generate(f->db, 0, f->env.now - 8 * 86400,
	    f->env.now + 2 * 86400, f->env.now, NULL), DB_OK);
	last = 1;   /* Sun 24.05 */
	next = 9;   /* today, Mon 01.06 19:00 */
	assert_int_equal(db_training_get(f->db, next, &tr), DB_OK);
	assert_int_equal(tr.starts_at, sf_at(2026, 6, 1, 19, 0));
	training_release(&tr);
	assert_int_equal(db_attendance_mark(f->db, last, s.olga, ATT_PRESENT, ATT_SELF, 201,
	    f->env.now, &e), DB_OK);
	assert_int_equal(db_attendance_mark(f->db, next, s.ivan, ATT_PRESENT, ATT_SELF, 200,
	    f->env.now, &e), DB_OK);
	assert_int_equal(db_attendance_mark(f->db, next, guest, ATT_PRESENT, ATT_TRAINER, 300,
	    f->env.now, &e), DB_OK);
	assert_int_equal(sf_left(f, sub), 9);

	assert_int_equal(hf_send_take(f, HF_OWNER, "/cancel 9 mats are being <replaced>"), 3);
	it = hf_find(f, OB_SEND_MESSAGE, HF_OWNER);
	hf_assert_contains(it->text, "Class #9 <b>Gi</b> (Mon 01.06 19:00) is cancelled. Students told: 2.");
	it = hf_find(f, OB_SEND_MESSAGE, SF_STUDENT_TG);
	hf_assert_contains_all(it->text, "is cancelled", "Reason: mats are being &lt;replaced&gt;",
	    "back on your plan");
	it = hf_find(f, OB_SEND_MESSAGE, SF_STUDENT2_TG);
	hf_assert_lacks(it->text, "back on your plan");
	/* Ivan's class is back, his mark excused. */
	assert_int_equal(sf_left(f, sub), 10);
	assert_int_equal(sf_status(f, next, s.ivan, NULL), ATT_EXCUSED);
	assert_int_equal(db_training_get(f->db, next, &tr), DB_OK);
	assert_true(tr.cancelled);
	assert_string_equal(tr.cancel_reason, "mats are being <replaced>");
	training_release(&tr);

	hf_expect(f, HF_OWNER, "/cancel 9", "already cancelled");
	hf_expect(f, HF_OWNER, "/cancel 1", "already started");
	hf_expect(f, HF_OWNER, "/cancel 999", "There is no class #999");
	hf_expect(f, HF_OWNER, "/cancel x9", "is not a class number");
	hf_expect(f, HF_OWNER, "/cancel", "Usage: /cancel");
	{
		char cmd[300];

		memset(cmd, 'x', sizeof cmd - 1);
		cmd[sizeof cmd - 1] = '\0';
		memcpy(cmd, "/cancel 10 ", 11);
		hf_expect(f, HF_OWNER, cmd, "at most 200 characters");
		assert_int_equal(db_training_get(f->db, 10, &tr), DB_OK);
		assert_false(tr.cancelled);
		training_release(&tr);
	}
	assert_int_equal(db_training_get(f->db, 1, &tr), DB_OK);
	assert_false(tr.cancelled);
	training_release(&tr);
}

/* A trainer cancels and brings back their own class, not another's; the
 * trainer hears about it when someone else does it; /uncancel's refusals. */
static void test_uncancel_and_trainers(void **state)
{
	struct hf *f = *state;
	struct sf s = sf_setup(f);
	struct training tr;
	const struct outbox_item *it;
	int64_t tpl, next = 9, last = 1;

	hf_person(f, PERSON_TRAINER, "Boris", "+79007654322", 301);
	assert_int_equal(db_template_add(f->db, "Gi", 0x7f, 19 * 60, 90, s.anna,
	    f->env.now - 10 * 86400, &tpl), DB_OK);
	assert_int_equal(db_trainings_generate(f->db, 0, f->env.now - 8 * 86400,
	    f->env.now + 2 * 86400, f->env.now, NULL), DB_OK);
	assert_int_equal(db_attendance_mark(f->db, last, s.olga, ATT_PRESENT, ATT_SELF, 201,
	    f->env.now, NULL), DB_OK);

	/* The owner cancels: Olga (a regular) and Anna (the trainer) are told. */
	assert_int_equal(hf_send_take(f, HF_OWNER, "/cancel 9 flood"), 3);
	it = hf_get(f, OB_SEND_MESSAGE, SF_TRAINER_TG);
	hf_assert_contains_all(it->text, "Your class <b>Gi</b> on Mon 01.06 19:00 is cancelled.",
	    "Reason: flood");
	hf_assert_contains(hf_text_to(f, HF_OWNER), "Students told: 1.");

	/* Boris may not touch Anna's class. */
	hf_expect(f, 301, "/uncancel 9", "only the classes you teach");
	assert_int_equal(db_training_get(f->db, next, &tr), DB_OK);
	assert_true(tr.cancelled);
	training_release(&tr);

	/* Anna brings it back: Olga is told, Anna is not told about herself. */
	hf_assert_contains(hf_ask_rows(f, SF_TRAINER_TG, "/uncancel 9", 2),
	    "Class #9 <b>Gi</b> (Mon 01.06 19:00) is on again. Students told: 1.");
	hf_assert_contains(hf_text_to(f, SF_STUDENT2_TG),
	    "The class <b>Gi</b> on Mon 01.06 19:00 is on again after all.");
	assert_int_equal(db_training_get(f->db, next, &tr), DB_OK);
	assert_false(tr.cancelled);
	assert_null(tr.cancel_reason);
	training_release(&tr);
	hf_sql_assert(f, "(SELECT count(*) FROM audit_log WHERE action = 'training.uncancel') = 1");

	/* Refusals change nothing. */
	hf_expect(f, SF_TRAINER_TG, "/uncancel 9", "Class #9 is not cancelled.");
	hf_expect(f, SF_TRAINER_TG, "/uncancel", "Usage: /uncancel");
	hf_expect(f, SF_TRAINER_TG, "/uncancel x", "is not a class number");
	hf_expect(f, SF_TRAINER_TG, "/uncancel 999", "There is no class #999");
	hf_expect(f, 301, "/cancel 9", "only the classes you teach");
	hf_sql(f, "UPDATE trainings SET cancelled = 1 WHERE id = 2");
	hf_expect(f, HF_OWNER, "/uncancel 2", "already started");
	hf_sql_assert(f, "(SELECT cancelled FROM trainings WHERE id = 2) = 1");
	hf_sql_assert(f, "(SELECT count(*) FROM audit_log WHERE action = 'training.uncancel') = 1");

	/* Anna cancels her own class, in Russian; nobody tells her about it. */
	{
		struct h_msg m = hf_msg(SF_TRAINER_TG, "/cancel 9");

		m.lang_code = "ru";
		hf_send_msg(f, &m);
	}
	assert_int_equal(hf_take(f), 2);
	hf_assert_contains(hf_text_to(f, SF_TRAINER_TG),
	    "Занятие #9 <b>Gi</b> (Пн 01.06 19:00) отменено. Оповещено учеников: 1.");
	/* The owner brings it back: Anna hears the good news, in her language. */
	assert_int_equal(hf_send_take(f, HF_OWNER, "/uncancel 9"), 3);
	hf_assert_contains(hf_text_to(f, SF_TRAINER_TG),
	    "Занятие <b>Gi</b> Пн 01.06 19:00 всё-таки состоится.");
}

static void test_cancel_skips_unreachable(void **state)
{
	struct hf *f = *state;
	struct sf s = sf_setup(f);
	struct att_effect e;
	int64_t t = sf_class(f, "Gi", f->env.now + 1800);

	assert_int_equal(db_attendance_mark(f->db, t, s.ivan, ATT_PRESENT, ATT_SELF, 200,
	    f->env.now, &e), DB_OK);
	assert_int_equal(db_tg_user_set_reachable(f->db, SF_STUDENT_TG, 0), DB_OK);
	hf_expect(f, HF_OWNER, "/cancel #1", "Students told: 0.");
	/* "№" as Russian keyboards have it: the same class. */
	hf_expect(f, HF_OWNER, "/uncancel №1", "is on again");
}

/* /classtrainer: the weekly class and its coming classes get the
 * trainer; the classes already held keep theirs; bad input changes
 * nothing. */
static void test_classtrainer(void **state)
{
	struct hf *f = *state;
	struct sf s = sf_setup(f);
	struct training past, next;
	int64_t tpl, past_id, next_id;

	(void)s;
	assert_int_equal(db_template_add(f->db, "Gi", 0x7f, 19 * 60, 90, 0, f->env.now - 7 * 86400,
	    &tpl), DB_OK);
	assert_int_equal(db_trainings_generate(f->db, tpl, f->env.now - 2 * 86400,
	    f->env.now + 2 * 86400, f->env.now, NULL), DB_OK);
	/* yesterday's class was held; today's 19:00 is still to come */
	assert_int_equal(db_training_latest(f->db, f->env.now - 2 * 86400, f->env.now, &past), DB_OK);
	past_id = past.id;
	training_release(&past);
	hf_person(f, PERSON_TRAINER, "Rafael", "+79000000001", 0);

	hf_expect(f, HF_OWNER, "/classtrainer №1 rafael",
	    "Weekly class #1 is taught by Rafael Petrova");
	assert_int_equal(db_training_get(f->db, past_id, &past), DB_OK);
	assert_null(past.trainer_name);
	training_release(&past);
	struct training *v;
	size_t n;
	assert_int_equal(db_trainings_of_template(f->db, tpl, f->env.now, 5, &v, &n), DB_OK);
	assert_true(n >= 1);
	next_id = v[0].id;
	assert_string_equal(v[0].trainer_name, "Rafael Petrova");
	trainings_free(v, n);

	static const struct hf_case bad[] = {
		{ "/classtrainer", "Example: <code>/classtrainer 1 Rafael</code>" },
		{ "/classtrainer x Anna", "Example:" },
		{ "/classtrainer 1 Anna Rafael", "Example:" },
		{ "/classtrainer 9 Anna", "There is no weekly class #9" },
		{ "/classtrainer 1 #7", "There is no active trainer #7" },
		{ "/classtrainer 1 Zed", "No trainer matches “Zed”" },
		{ "/classtrainer 1 Petrova", "Several trainers match “Petrova”" },
	};
	for (size_t i = 0; i < BJJ_ARRAY_LEN(bad); i++) {
		hf_expect(f, HF_OWNER, bad[i].text, bad[i].want);
		assert_int_equal(db_training_get(f->db, next_id, &next), DB_OK);
		assert_string_equal(next.trainer_name, "Rafael Petrova");
		training_release(&next);
	}
	/* trainers cannot */
	hf_expect(f, SF_TRAINER_TG, "/classtrainer 1 -", "only for the academy owner");
	/* "-": nobody */
	hf_expect(f, HF_OWNER, "/classtrainer 1 -", "has no trainer");
	assert_int_equal(db_training_get(f->db, next_id, &next), DB_OK);
	assert_null(next.trainer_name);
	training_release(&next);
}

BJJ_TEST_MAIN(
	HF_TEST(test_generate_idempotent),
	HF_TEST(test_generate_once_per_window),
	HF_TEST(test_generate_dst),
	HF_TEST(test_generate_not_before_created),
	HF_TEST(test_generate_keeps_ids_dense),
	HF_TEST(test_renumber_migration),
	HF_TEST(test_cancel_storage),
	HF_TEST(test_roster_regulars_and_counts),
	HF_TEST(test_mark_pack_rules),
	HF_TEST(test_addclass),
	HF_TEST(test_addclass_bad_args),
	HF_TEST(test_addtraining),
	HF_TEST(test_phone_forms),
	HF_TEST(test_owner_commands_refused),
	HF_TEST(test_schedule),
	HF_TEST(test_schedule_empty_and_russian),
	HF_TEST(test_classes),
	HF_TEST(test_editclass),
	HF_TEST(test_pause_resume_delete),
	HF_TEST(test_cancel),
	HF_TEST(test_cancel_skips_unreachable),
	HF_TEST(test_uncancel_and_trainers),
	HF_TEST(test_classtrainer),
)
