/*
 * test_belts.c — storage/belts.c and handlers/belts.c: the next-step rules
 * at their boundaries (months, classes, age by birth year, kids moving to
 * the adult belts at 16, black belt degrees), /belt, /promote with its
 * "Promote anyway" button, /eligible, exams, the owner's rules, role
 * refusals and bad arguments that must change nothing.
 *
 * Runs against an in-memory database in the Europe/Moscow zone; the
 * attendance the rules count is made through the schedule aggregate.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <time.h>

#include "lib/civil.h"
#include "files.h"
#include "handlers/command.h"
#include "handlers_fixture.h"
#include "storage/belts.h"
#include "storage/schedule.h"
#include "storage/script.h"
#include "test_main.h"

#define TRAINER 200
#define STUDENT 300
#define STUDENT2 301
#define GUEST 400
#define DAY 86400

/* A student created at `at` with belt/stripes, linked to tg (0: not). */
static int64_t student(struct hf *f, const char *first, const char *phone, const char *belt, int stripes,
    int64_t at, int64_t tg)
{
	return hf_student(f->db, first, "Petrov", phone, belt, stripes, at, tg);
}

/* n trainings a day apart from `from`, each attended (present) by id. */
static void attend(struct hf *f, int64_t id, int n, int64_t from)
{
	struct att_effect eff;
	int64_t tr;
	int i;

	for (i = 0; i < n; i++) {
		assert_int_equal(db_training_add(f->db, "Gi", from + (int64_t)i * DAY, 60, 0,
		    from, &tr), DB_OK);
		assert_int_equal(db_attendance_mark(f->db, tr, id, ATT_PRESENT, ATT_TRAINER,
		    TRAINER, from, &eff), DB_OK);
	}
}

static void birth(struct hf *f, int64_t id, const char *date)
{
	char *sql = xasprintf("UPDATE students SET birth_date = '%s' WHERE id = %lld", date,
	    (long long)id);

	assert_int_equal(db_admin_script(f->db, sql), DB_OK);
	free(sql);
}

/* The trainer (tg TRAINER) everybody promotes with. */
static void trainer(struct hf *f)
{
	hf_person(f, PERSON_TRAINER, "Anna", "+79007654321", TRAINER);
}

static void rank_is(struct hf *f, int64_t id, const char *belt, int stripes)
{
	struct person p;

	assert_int_equal(db_person_get(f->db, PERSON_STUDENT, id, &p), DB_OK);
	assert_string_equal(p.belt, belt);
	assert_int_equal(p.stripes, stripes);
	person_release(&p);
}

static size_t promotions(struct hf *f, int64_t id, struct promotion **v)
{
	size_t n = 0;

	assert_int_equal(db_promotions_recent(f->db, id, 10, v, &n), DB_OK);
	return n;
}

static void no_promotions(struct hf *f, int64_t id)
{
	struct promotion *v = NULL;

	assert_int_equal(promotions(f, id, &v), 0);
	promotions_free(v, 0);
}

/* ---- the rules, without the bot ------------------------------------------ */

struct table {
	struct belt *v;
	size_t n;
};

static struct table table_of(struct hf *f)
{
	struct table t;

	assert_int_equal(db_belts_all(f->db, &t.v, &t.n), DB_OK);
	assert_int_equal(t.n, 20);
	return t;
}

/* Replace *x (released first) with the facts of student 1. */
static void facts(struct belt_facts *x, const char *belt, int stripes, int birth_year, int64_t belt_since,
    int64_t last, int at_belt, int since)
{
	belt_facts_release(x);
	x->student_id = 1;
	x->belt = xstrdup(belt);
	x->stripes = stripes;
	x->birth_year = birth_year;
	x->belt_since = belt_since;
	x->last_promotion = last;
	x->classes_at_belt = at_belt;
	x->classes_since = since;
}

static void test_months_between(void **state)
{
	int64_t jan31;

	(void)state;
	tf_tz("Europe/Moscow");
	jan31 = civil_local(2026, 1, 31, 600);
	assert_int_equal(belt_months_between(jan31, civil_local(2026, 2, 27, 600)), 0);
	/* The shorter month ends on its last day. */
	assert_int_equal(belt_months_between(jan31, civil_local(2026, 2, 28, 600)), 1);
	assert_int_equal(belt_months_between(jan31, civil_local(2027, 1, 31, 559)), 11);
	assert_int_equal(belt_months_between(jan31, civil_local(2027, 1, 31, 600)), 12);
	assert_int_equal(belt_months_between(jan31, jan31 - 1), 0);
	assert_int_equal(belt_age(0, jan31), -1);
	assert_int_equal(belt_age(2010, jan31), 16);
}

static void test_plan_stripe_boundaries(void **state)
{
	struct hf *f = *state;
	struct table t = table_of(f);
	int64_t since = civil_local(2026, 3, 28, 600), now = civil_local(2026, 5, 28, 600);
	struct belt_facts x = { 0 };
	struct belt_step s;

	facts(&x, "white", 1, 0, since, since, 20, 20);
	/* White: a stripe every 2 months and 20 classes. Exactly: met. */
	assert_int_equal(belt_plan(t.v, t.n, &x, now, &s), 0);
	assert_int_equal(s.kind, BELT_STEP_STRIPE);
	assert_ptr_equal(s.to, s.from);
	assert_int_equal(s.to_stripes, 2);
	assert_int_equal(s.n_req, 2);
	assert_int_equal(s.req[0].kind, BELT_REQ_MONTHS);
	assert_int_equal(s.req[0].have, 2);
	assert_int_equal(s.req[0].need, 2);
	assert_true(s.met);
	/* A day less: not met. */
	assert_int_equal(belt_plan(t.v, t.n, &x, now - DAY, &s), 0);
	assert_false(s.req[0].met);
	assert_false(s.met);
	/* 19 of 20 classes: not met. */
	x.classes_since = 19;
	assert_int_equal(belt_plan(t.v, t.n, &x, now, &s), 0);
	assert_true(s.req[0].met);
	assert_false(s.req[1].met);
	assert_false(s.met);

	/* Four stripes: the next belt, counted at the belt (100 classes). */
	facts(&x, "white", 4, 0, since, now, 99, 0);
	assert_int_equal(belt_plan(t.v, t.n, &x, now, &s), 0);
	assert_int_equal(s.kind, BELT_STEP_BELT);
	assert_string_equal(s.to->code, "blue");
	assert_int_equal(s.to_stripes, 0);
	assert_false(s.met);
	x.classes_at_belt = 100;
	assert_int_equal(belt_plan(t.v, t.n, &x, now, &s), 0);
	/* blue needs age 16: unknown without a birth date, which does not block. */
	assert_int_equal(s.n_req, 2);
	assert_int_equal(s.req[1].kind, BELT_REQ_AGE);
	assert_true(s.req[1].unknown);
	assert_true(s.met);

	/* Blue: 24 months at the belt; one day less is not enough. */
	facts(&x, "blue", 4, 1990, civil_local(2024, 5, 28, 600), now, 200, 0);
	assert_int_equal(belt_plan(t.v, t.n, &x, now, &s), 0);
	assert_string_equal(s.to->code, "purple");
	assert_true(s.met);
	assert_int_equal(belt_plan(t.v, t.n, &x, now - DAY, &s), 0);
	assert_int_equal(s.req[0].have, 23);
	assert_false(s.met);
	belt_facts_release(&x);
	belts_free(t.v, t.n);
}

static void test_plan_kids(void **state)
{
	struct hf *f = *state;
	struct table t = table_of(f);
	int64_t now = HF_NOW; /* 2026 */
	int64_t since = now - 400 * (int64_t)DAY;
	struct belt_facts x = { 0 };
	struct belt_step s;

	facts(&x, "white", 4, 2011, since, since, 100, 40);
	/* 15 by birth year (2026 - 2011): still a kid, white -> grey-white. */
	assert_int_equal(belt_plan(t.v, t.n, &x, now, &s), 0);
	assert_string_equal(s.to->code, "grey_white");
	assert_false(s.to_adult);
	/* 16 this year: the adult ladder, white -> blue. */
	x.birth_year = 2010;
	assert_int_equal(belt_plan(t.v, t.n, &x, now, &s), 0);
	assert_string_equal(s.to->code, "blue");
	assert_false(s.to_adult);

	/* A 16-year-old yellow belt goes to blue at once, stripes or not. */
	facts(&x, "yellow", 2, 2010, since, since, 40, 10);
	assert_int_equal(belt_plan(t.v, t.n, &x, now, &s), 0);
	assert_int_equal(s.kind, BELT_STEP_BELT);
	assert_string_equal(s.to->code, "blue");
	assert_true(s.to_adult);
	assert_true(s.met);
	/* At 14 the same belt gets its next stripe. */
	x.birth_year = 2012;
	assert_int_equal(belt_plan(t.v, t.n, &x, now, &s), 0);
	assert_int_equal(s.kind, BELT_STEP_STRIPE);
	/* The end of the kids' ladder at 14: blue, waiting for the age. */
	facts(&x, "green_black", 4, 2012, since, since, 40, 10);
	assert_int_equal(belt_plan(t.v, t.n, &x, now, &s), 0);
	assert_string_equal(s.to->code, "blue");
	assert_int_equal(s.req[2].kind, BELT_REQ_AGE);
	assert_int_equal(s.req[2].have, 14);
	assert_false(s.met);
	/* Grey-white needs age 4 (by birth year): 3 is too young. */
	facts(&x, "white", 4, 2023, since, since, 100, 40);
	assert_int_equal(belt_plan(t.v, t.n, &x, now, &s), 0);
	assert_string_equal(s.to->code, "grey_white");
	assert_false(s.met);
	belt_facts_release(&x);
	belts_free(t.v, t.n);
}

static void test_plan_black_degrees(void **state)
{
	struct hf *f = *state;
	struct table t = table_of(f);
	int64_t last = civil_local(2020, 5, 28, 600), now = civil_local(2023, 5, 28, 600);
	struct belt_facts x = { 0 };
	struct belt_step s;

	facts(&x, "black", 2, 1980, last, last, 0, 0);
	/* Degree 3: 36 months. */
	assert_int_equal(belt_plan(t.v, t.n, &x, now, &s), 0);
	assert_int_equal(s.kind, BELT_STEP_STRIPE);
	assert_int_equal(s.req[0].need, 36);
	assert_true(s.met);
	/* Degree 4: 60 months; 36 are not enough. */
	x.stripes = 3;
	assert_int_equal(belt_plan(t.v, t.n, &x, now, &s), 0);
	assert_int_equal(s.req[0].need, 60);
	assert_false(s.met);
	assert_int_equal(belt_plan(t.v, t.n, &x, civil_local(2025, 5, 28, 600), &s), 0);
	assert_true(s.met);
	/* Red: nothing above. */
	facts(&x, "red", 0, 1950, last, last, 0, 0);
	assert_int_equal(belt_plan(t.v, t.n, &x, now, &s), 0);
	assert_int_equal(s.kind, BELT_STEP_TOP);
	/* Not in the table. */
	facts(&x, "pink", 0, 0, last, last, 0, 0);
	assert_int_equal(belt_plan(t.v, t.n, &x, now, &s), -1);
	belt_facts_release(&x);
	belts_free(t.v, t.n);
}

static void test_facts_from_history(void **state)
{
	struct hf *f = *state;
	struct belt_facts x;
	struct promotion_new p;
	int64_t t0 = HF_NOW - 200 * (int64_t)DAY, id;

	id = student(f, "Ivan", "+79001230001", "white", 3, t0, 0);
	attend(f, id, 10, t0 + DAY);
	memset(&p, 0, sizeof p);
	p.student_id = id;
	p.from_belt = "white";
	p.from_stripes = 3;
	p.to_belt = "white";
	p.to_stripes = 4;
	p.promoted_at = t0 + 30 * DAY;
	p.rules_met = 1;
	assert_int_equal(db_promotion_add(f->db, &p, NULL, NULL), DB_OK);
	attend(f, id, 5, t0 + 40 * DAY);
	/* A stripe does not restart the time at the belt. */
	assert_int_equal(db_belt_facts(f->db, id, &x), DB_OK);
	assert_int_equal(x.belt_since, t0);
	assert_int_equal(x.last_promotion, t0 + 30 * DAY);
	assert_int_equal(x.classes_at_belt, 15);
	assert_int_equal(x.classes_since, 5);
	assert_int_equal(x.stripes, 4);
	belt_facts_release(&x);

	/* A stale request (the student is not at white 3 any more) writes nothing. */
	assert_int_equal(db_promotion_add(f->db, &p, NULL, NULL), DB_NOTFOUND);
	p.from_stripes = 4;
	p.to_belt = "blue";
	p.to_stripes = 0;
	p.promoted_at = t0 + 50 * DAY;
	assert_int_equal(db_promotion_add(f->db, &p, NULL, NULL), DB_OK);
	birth(f, id, "2001-02-03");
	assert_int_equal(db_belt_facts(f->db, id, &x), DB_OK);
	assert_int_equal(x.belt_since, t0 + 50 * DAY);
	assert_int_equal(x.classes_at_belt, 0);
	assert_int_equal(x.birth_year, 2001);
	belt_facts_release(&x);
	assert_int_equal(db_belt_facts(f->db, 99, &x), DB_NOTFOUND);
}

/* The list for /eligible reads every active student's counts from the
 * summary, the same as the student's own facts. */
static void test_facts_active_counts_everyone(void **state)
{
	struct hf *f = *state;
	struct belt_facts *v = NULL, x;
	struct promotion_new p;
	int64_t t0 = HF_NOW - 200 * (int64_t)DAY, ready, recent;
	size_t n = 0;

	ready = student(f, "Ivan", "+79001230001", "white", 0, t0, 0);
	recent = student(f, "Petr", "+79001230002", "white", 0, t0, 0);
	attend(f, ready, 25, t0 + DAY);
	memset(&p, 0, sizeof p);
	p.student_id = recent;
	p.from_belt = "white";
	p.to_belt = "white";
	p.to_stripes = 1;
	p.promoted_at = HF_NOW - 10 * DAY;
	p.rules_met = 1;
	assert_int_equal(db_promotion_add(f->db, &p, NULL, NULL), DB_OK);
	attend(f, recent, 5, HF_NOW - 9 * DAY);
	assert_int_equal(db_belt_facts_active(f->db, &v, &n), DB_OK);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].student_id, ready);
	assert_int_equal(v[0].classes_since, 25);
	assert_int_equal(v[0].classes_at_belt, 25);
	assert_int_equal(v[1].student_id, recent);
	assert_int_equal(v[1].classes_since, 5);
	assert_int_equal(v[1].classes_at_belt, 5);
	belt_facts_list_free(v, n);
	assert_int_equal(db_belt_facts(f->db, recent, &x), DB_OK);
	assert_int_equal(x.classes_since, 5);
	belt_facts_release(&x);
}

/* The summaries equal a recomputation from scratch (the _fresh views)
 * and, per student, the counts read from the visits themselves. */
static void summary_is_fresh(struct hf *f, const int64_t *ids, size_t n)
{
	struct belt_facts x;
	int64_t at_belt, since;
	size_t i;

	hf_sql_assert(f, "(SELECT count(*) FROM (SELECT * FROM visit_summary "
	    "EXCEPT SELECT * FROM visit_summary_fresh)) = 0 AND (SELECT count(*) FROM "
	    "(SELECT * FROM visit_summary_fresh EXCEPT SELECT * FROM visit_summary)) = 0");
	hf_sql_assert(f, "(SELECT count(*) FROM (SELECT * FROM visit_templates "
	    "EXCEPT SELECT * FROM visit_templates_fresh)) = 0 AND (SELECT count(*) FROM "
	    "(SELECT * FROM visit_templates_fresh EXCEPT SELECT * FROM visit_templates)) = 0");
	for (i = 0; i < n; i++) {
		assert_int_equal(db_belt_facts(f->db, ids[i], &x), DB_OK);
		assert_int_equal(db_attendance_counts_since(f->db, ids[i], x.belt_since,
		    x.last_promotion, &at_belt, &since), DB_OK);
		assert_int_equal(x.classes_at_belt, at_belt);
		assert_int_equal(x.classes_since, since);
		belt_facts_release(&x);
	}
}

static void promote(struct hf *f, int64_t id, char *from, int from_stripes, char *to,
    int to_stripes, int64_t at)
{
	struct promotion_new p;

	memset(&p, 0, sizeof p);
	p.student_id = id;
	p.from_belt = from;
	p.from_stripes = from_stripes;
	p.to_belt = to;
	p.to_stripes = to_stripes;
	p.promoted_at = at;
	p.rules_met = 1;
	assert_int_equal(db_promotion_add(f->db, &p, NULL, NULL), DB_OK);
}

/* Every write that can change a student's visits or dates keeps the
 * summary right: check-ins, roster changes back and forth, back-dated
 * promotions and a voided one, cancelled and moved classes, deletes. */
static void test_visit_summary_follows_writes(void **state)
{
	struct hf *f = *state;
	int64_t t0 = HF_NOW - 100 * (int64_t)DAY, ids[3], tr, tpl;
	struct att_effect e;
	struct belt_facts x;
	static const enum att_status cycle[] = { ATT_PRESENT, ATT_ABSENT, ATT_LATE, ATT_EXCUSED,
		ATT_PRESENT, ATT_LATE };
	size_t i;

	ids[0] = student(f, "Ivan", "+79001230001", "white", 0, t0, 0);
	ids[1] = student(f, "Petr", "+79001230002", "blue", 2, t0, 0);
	summary_is_fresh(f, ids, 2);
	attend(f, ids[0], 10, t0 + DAY);
	attend(f, ids[1], 4, t0 + 2 * DAY);
	summary_is_fresh(f, ids, 2);
	/* Classes that become a weekly class's, then a visit to one more. */
	assert_int_equal(db_template_add(f->db, "Gi", 1, 600, 60, 0, t0, &tpl), DB_OK);
	hf_sql(f, "UPDATE trainings SET template_id = %lld WHERE id IN (1, 3, 5, 7)",
	    (long long)tpl);
	summary_is_fresh(f, ids, 2);
	hf_sql_assert(f, "(SELECT count(*) FROM visit_templates) = 1");
	assert_int_equal(db_training_add(f->db, "Gi", t0 + 20 * DAY, 60, 0, t0, &tr), DB_OK);
	hf_sql(f, "UPDATE trainings SET template_id = %lld WHERE id = %lld", (long long)tpl,
	    (long long)tr);
	assert_int_equal(db_attendance_mark(f->db, tr, ids[1], ATT_PRESENT, ATT_SELF, 0, t0, &e),
	    DB_OK);
	summary_is_fresh(f, ids, 2);
	hf_sql_assert(f, "(SELECT count(*) FROM visit_templates) = 2");
	/* A roster tapped through every status, for two students. */
	assert_int_equal(db_training_add(f->db, "Gi", t0 + 30 * DAY, 60, 0, t0, &tr), DB_OK);
	for (i = 0; i < BJJ_ARRAY_LEN(cycle); i++) {
		assert_int_equal(db_attendance_mark(f->db, tr, ids[i % 2], cycle[i], ATT_TRAINER,
		    TRAINER, t0, &e), DB_OK);
		summary_is_fresh(f, ids, 2);
	}
	/* Promotions dated in the middle of the visits, then a belt. */
	promote(f, ids[0], "white", 0, "white", 1, t0 + 5 * DAY);
	summary_is_fresh(f, ids, 2);
	promote(f, ids[0], "white", 1, "blue", 0, t0 + 3 * DAY);
	summary_is_fresh(f, ids, 2);
	assert_int_equal(db_belt_facts(f->db, ids[0], &x), DB_OK);
	assert_int_equal(x.belt_since, t0 + 3 * DAY);
	assert_int_equal(x.last_promotion, t0 + 5 * DAY);
	assert_int_equal(x.classes_at_belt, 9);
	assert_int_equal(x.classes_since, 7);
	belt_facts_release(&x);
	/* Cancelled, back on, moved to before the belt. */
	assert_int_equal(db_training_cancel(f->db, 1, "flood"), DB_OK);
	assert_int_equal(db_training_cancel(f->db, 2, "flood"), DB_OK);
	summary_is_fresh(f, ids, 2);
	assert_int_equal(db_training_uncancel(f->db, 2), DB_OK);
	hf_sql(f, "UPDATE trainings SET starts_at = %lld WHERE id IN (7, 9)", (long long)t0);
	summary_is_fresh(f, ids, 2);
	/* A visit deleted, one marked absent, a promotion voided. */
	hf_sql(f, "DELETE FROM attendance WHERE student_id = %lld AND training_id = 10",
	    (long long)ids[0]);
	summary_is_fresh(f, ids, 2);
	hf_sql(f, "UPDATE attendance SET status = 'absent' WHERE training_id = 8");
	summary_is_fresh(f, ids, 2);
	hf_sql(f, "DELETE FROM promotions WHERE to_belt = 'blue' AND student_id = %lld",
	    (long long)ids[0]);
	hf_sql(f, "UPDATE students SET belt = 'white', stripes = 1 WHERE id = %lld",
	    (long long)ids[0]);
	summary_is_fresh(f, ids, 2);
	/* A new student, a visit to a class still to come, a deactivation. */
	ids[2] = student(f, "Oleg", "+79001230003", "white", 0, HF_NOW, 0);
	attend(f, ids[2], 1, HF_NOW + DAY);
	hf_sql(f, "UPDATE students SET active = 0 WHERE id = %lld", (long long)ids[1]);
	summary_is_fresh(f, ids, 3);
	hf_sql_assert(f, "(SELECT count(*) FROM visit_summary) = (SELECT count(*) FROM students)");
}

/* Deleting a visit, a class, a weekly class or a student leaves no row of
 * it in visit_templates, in the order foreign keys ask for and, as the
 * shell may, with them off. */
static void test_visit_templates_follow_deletes(void **state)
{
	struct hf *f = *state;
	int64_t t0 = HF_NOW - 100 * (int64_t)DAY, ids[3], tpl[2];
	char *cond;

	ids[0] = student(f, "Ivan", "+79001230001", "white", 0, t0, 0);
	ids[1] = student(f, "Petr", "+79001230002", "white", 0, t0, 0);
	ids[2] = student(f, "Oleg", "+79001230003", "white", 0, t0, 0);
	assert_int_equal(db_template_add(f->db, "Gi", 1, 600, 60, 0, t0, &tpl[0]), DB_OK);
	assert_int_equal(db_template_add(f->db, "NoGi", 2, 600, 60, 0, t0, &tpl[1]), DB_OK);
	/* Classes 1-4 of the Gi class, 5-8 of the NoGi; all three at each. */
	attend(f, ids[0], 8, t0 + DAY);
	hf_sql(f, "INSERT INTO attendance (student_id, training_id, status, source, marked_at) "
	    "SELECT s.id, t.id, 'present', 'trainer', %lld FROM students s, trainings t "
	    "WHERE s.id IN (%lld, %lld)", (long long)t0, (long long)ids[1], (long long)ids[2]);
	hf_sql(f, "UPDATE trainings SET template_id = CASE WHEN id <= 4 THEN %lld ELSE %lld END",
	    (long long)tpl[0], (long long)tpl[1]);
	summary_is_fresh(f, ids, 3);
	hf_sql_assert(f, "(SELECT count(*) FROM visit_templates) = 6");
	/* The last Gi visit deleted: the one before it is the last now. */
	hf_sql(f, "DELETE FROM attendance WHERE student_id = %lld AND training_id = 4",
	    (long long)ids[0]);
	summary_is_fresh(f, ids, 3);
	cond = xasprintf("(SELECT last_visit FROM visit_templates WHERE student_id = %lld "
	    "AND template_id = %lld) = (SELECT starts_at FROM trainings WHERE id = 3)",
	    (long long)ids[0], (long long)tpl[0]);
	hf_sql_assert(f, cond);
	free(cond);
	/* Petr goes as foreign keys want: his marks, then him. */
	hf_sql(f, "DELETE FROM attendance WHERE student_id = %lld", (long long)ids[1]);
	hf_sql(f, "DELETE FROM students WHERE id = %lld", (long long)ids[1]);
	summary_is_fresh(f, ids, 1);
	cond = xasprintf("(SELECT count(*) FROM visit_templates WHERE student_id = %lld) = 0",
	    (long long)ids[1]);
	hf_sql_assert(f, cond);
	free(cond);
	/* Oleg and the NoGi class go with foreign keys off, marks left behind. */
	hf_sql(f, "PRAGMA foreign_keys = OFF");
	hf_sql(f, "DELETE FROM students WHERE id = %lld", (long long)ids[2]);
	hf_sql(f, "DELETE FROM class_templates WHERE id = %lld", (long long)tpl[1]);
	hf_sql(f, "PRAGMA foreign_keys = ON");
	summary_is_fresh(f, ids, 1);
	cond = xasprintf("(SELECT count(*) FROM visit_templates WHERE student_id = %lld "
	    "OR template_id = %lld) = 0", (long long)ids[2], (long long)tpl[1]);
	hf_sql_assert(f, cond);
	free(cond);
	hf_sql_assert(f, "(SELECT count(*) FROM visit_templates) = 1");
	/* The Gi class's classes deleted, marks first: nothing left. */
	hf_sql(f, "DELETE FROM attendance WHERE training_id <= 4");
	hf_sql(f, "DELETE FROM trainings WHERE id <= 4");
	summary_is_fresh(f, ids, 1);
	hf_sql_assert(f, "(SELECT count(*) FROM visit_templates) = 0");
}

/* ---- /belt ----------------------------------------------------------------- */

static void test_belt_view(void **state)
{
	struct hf *f = *state;
	int64_t t0 = HF_NOW - 400 * (int64_t)DAY, id;
	const char *t;

	trainer(f);
	id = student(f, "Ivan", "+79001230001", "white", 1, t0, STUDENT);
	student(f, "Oleg", "+79001230002", "blue", 0, t0, STUDENT2);
	attend(f, id, 12, HF_NOW - 30 * (int64_t)DAY);

	t = hf_ask(f, STUDENT, "/belt");
	hf_assert_contains_all(t, "Ivan Petrov</b> (#1)", "Belt: white belt, 1 stripe",
	    "At this belt: 1 y 1 mo", "Classes since the last promotion: 12",
	    "Next: white belt, 2 stripes", "✅ months since the last promotion: 13 of 2",
	    "❌ classes since the last promotion: 12 of 20", "No promotions recorded yet");

	/* A trainer looks anyone up; a student only themselves. */
	t = hf_ask(f, TRAINER, "/belt #2");
	hf_assert_contains_all(t, "Oleg Petrov", "Next: blue belt, 1 stripe");
	hf_expect(f, STUDENT, "/belt #2", "only your own belt");
	hf_expect(f, HF_OWNER, "/belt", "no student record");
	hf_expect(f, TRAINER, "/belt #1 #2", "Usage: /belt");
	hf_expect(f, GUEST, "/belt", "only for academy members");

	/* Russian, and the age line for a belt step. */
	{
		struct h_msg m = hf_msg(STUDENT2, "/belt");

		m.lang_code = "ru";
		hf_send_msg(f, &m);
		t = hf_take_reply(f, STUDENT2);
		hf_assert_contains_all(t, "Пояс: синий пояс", "Следующий шаг");
	}
}

static void test_belt_history_and_age(void **state)
{
	struct hf *f = *state;
	int64_t t0 = HF_NOW - 800 * (int64_t)DAY, id;
	const char *t;

	trainer(f);
	id = student(f, "Ivan", "+79001230001", "white", 4, t0, STUDENT);
	attend(f, id, 100, t0 + DAY);
	t = hf_ask(f, STUDENT, "/belt");
	hf_assert_contains_all(t, "Next: blue belt", "✅ classes at this belt: 100 of 100",
	    "❔ age unknown", "Every requirement is met");

	birth(f, id, "2012-01-01");
	t = hf_ask(f, STUDENT, "/belt");
	/* 14 this year: a kid, so the next belt is grey-white. */
	hf_assert_contains(t, "Next: grey-white belt");

	hf_send_take(f, TRAINER, "/promote #1 grey_white");
	t = hf_ask(f, STUDENT, "/belt");
	hf_assert_contains_all(t, "Promotions", "white belt, 4 stripes → grey-white belt, by Ivan");
}

/* ---- /promote ---------------------------------------------------------------- */

/*
 * A belt the table does not know (an old import, a belt removed since):
 * /belt, a plain promotion and a stripe are refused with the fix, nothing
 * changes; the forced promotion the reply suggests repairs the rank.
 */
static void test_belt_not_in_table(void **state)
{
	struct hf *f = *state;
	int64_t t0 = HF_NOW - 90 * (int64_t)DAY, id;
	static const char *const refused[] = {
		"/belt #1", "/promote #1 blue", "/promote #1 stripe",
	};

	trainer(f);
	id = student(f, "Ivan", "+79001230001", "white", 0, t0, STUDENT);
	hf_sql(f, "UPDATE students SET belt = 'pink<b>' WHERE id = 1");
	for (size_t i = 0; i < BJJ_ARRAY_LEN(refused); i++) {
		hf_send(f, TRAINER, refused[i]);
		hf_assert_contains(hf_take_reply(f, TRAINER), "Ivan Petrov (#1) has the belt "
		    "“pink&lt;b&gt;”, which is not in the belt table. A trainer can fix it: "
		    "<code>/promote #1 white 0 force</code>.");
	}
	rank_is(f, id, "pink<b>", 0);
	no_promotions(f, id);

	hf_send_take(f, TRAINER, "/promote #1 white 0 force");
	rank_is(f, id, "white", 0);
	hf_send(f, TRAINER, "/belt #1");
	hf_assert_lacks(hf_take_reply(f, TRAINER), "not in the belt table");
}

static void test_promote_stripe(void **state)
{
	struct hf *f = *state;
	int64_t t0 = HF_NOW - 90 * (int64_t)DAY, id;
	struct promotion *v = NULL;
	const struct outbox_item *it;

	trainer(f);
	id = student(f, "Ivan", "+79001230001", "white", 0, t0, STUDENT);
	attend(f, id, 20, t0 + DAY);
	assert_int_equal(hf_send_take(f, TRAINER, "/promote #1 stripe"), 2);
	it = hf_find(f, OB_SEND_MESSAGE, TRAINER);
	hf_assert_contains_all(it->text, "✅ Ivan Petrov (#1): white belt → white belt, 1 stripe.",
	    "All the rules were met.");
	it = hf_find(f, OB_SEND_MESSAGE, STUDENT);
	hf_assert_contains_all(it->text, "Congratulations, Ivan!", "<b>white belt, 1 stripe</b>");
	rank_is(f, id, "white", 1);
	assert_int_equal(promotions(f, id, &v), 1);
	assert_string_equal(v[0].from_belt, "white");
	assert_int_equal(v[0].to_stripes, 1);
	assert_int_equal(v[0].promoted_by, TRAINER);
	assert_int_equal(v[0].promoted_at, HF_NOW);
	assert_int_equal(v[0].rules_met, 1);
	assert_null(v[0].note);
	promotions_free(v, 1);

	/* The next stripe right away: the rules are not met any more. */
	assert_int_equal(hf_send_take(f, TRAINER, "/promote Ivan stripe"), 1);
	hf_assert_contains(f->items[0].text, "has not met the rules");
	hf_assert_contains(f->items[0].text, "❌ months since the last promotion: 0 of 2");
	hf_assert_contains(f->items[0].markup, "\"callback_data\":\"prm:1:white:1:white:2\"");
	hf_assert_contains(f->items[0].markup, "Promote anyway");
	rank_is(f, id, "white", 1);
}

static void test_promote_anyway_button(void **state)
{
	struct hf *f = *state;
	struct promotion *v = NULL;
	const struct outbox_item *it;
	int64_t id;

	trainer(f);
	id = student(f, "Ivan", "+79001230001", "white", 1, HF_NOW, STUDENT);
	hf_send_take(f, TRAINER, "/promote #1 stripe");
	no_promotions(f, id);

	/* A student cannot press it. */
	assert_int_equal(hf_press_take(f, STUDENT, "prm:1:white:1:white:2"), 1);
	assert_int_equal(f->items[0].method, OB_ANSWER_CALLBACK);
	rank_is(f, id, "white", 1);

	assert_int_equal(hf_press_take(f, TRAINER, "prm:1:white:1:white:2"), 3);
	assert_int_equal(f->items[0].method, OB_ANSWER_CALLBACK);
	it = hf_get(f, OB_EDIT_MESSAGE, TRAINER);
	assert_string_equal(it->ref, "55");
	hf_assert_contains_all(it->text, "Recorded although these rules were not met",
	    "❌ classes since the last promotion: 0 of 20");
	assert_non_null(hf_find(f, OB_SEND_MESSAGE, STUDENT));
	rank_is(f, id, "white", 2);
	assert_int_equal(promotions(f, id, &v), 1);
	assert_int_equal(v[0].rules_met, 0);
	assert_string_equal(v[0].note, "forced: months 0/2, classes 0/20");
	promotions_free(v, 1);

	/* Pressed again: stale, nothing changes. */
	assert_int_equal(hf_press_take(f, TRAINER, "prm:1:white:1:white:2"), 2);
	it = hf_find(f, OB_EDIT_MESSAGE, TRAINER);
	hf_assert_contains(it->text, "This button is outdated: Ivan Petrov (#1) is at white belt, 2 stripes now");
	rank_is(f, id, "white", 2);
	assert_int_equal(promotions(f, id, &v), 1);
	promotions_free(v, 1);
	/* Malformed data and a missing student. */
	hf_press_take(f, TRAINER, "prm:1:white");
	hf_press_take(f, TRAINER, "prm:9:white:1:white:2");
	rank_is(f, id, "white", 2);
}

static void test_promote_force_and_demotion(void **state)
{
	struct hf *f = *state;
	struct promotion *v = NULL;
	int64_t id;
	const char *t;

	trainer(f);
	id = student(f, "Ivan", "+79001230001", "blue", 2, HF_NOW, STUDENT);
	/* Typed force: rules_met 0 with the reasons. */
	assert_int_equal(hf_send_take(f, TRAINER, "/promote #1 purple force"), 2);
	rank_is(f, id, "purple", 0);
	assert_int_equal(promotions(f, id, &v), 1);
	assert_int_equal(v[0].rules_met, 0);
	assert_string_equal(v[0].note, "forced: months 0/24, classes 0/200");
	promotions_free(v, 1);

	/* Down is refused without force, and nothing changes. */
	t = hf_ask(f, TRAINER, "/promote #1 blue 2");
	hf_assert_contains_all(t, "purple belt → blue belt, 2 stripes is a demotion",
	    "<code>/promote #1 blue 2 force</code>");
	rank_is(f, id, "purple", 0);
	/* With force it is a correction; the student is not congratulated. */
	t = hf_ask(f, TRAINER, "/promote #1 blue 2 force");
	hf_assert_contains(t, "correction to a lower rank");
	rank_is(f, id, "blue", 2);
	assert_int_equal(promotions(f, id, &v), 2);
	assert_string_equal(v[0].note, "demotion (forced)");
	promotions_free(v, 2);

	/* Skipping a belt: asked, not done. */
	t = hf_ask(f, TRAINER, "/promote #1 brown");
	hf_assert_contains(t, "this is not the next step (that is blue belt, 3 stripes)");
	rank_is(f, id, "blue", 2);
	/* The same rank. */
	hf_expect(f, TRAINER, "/promote #1 blue 2", "already has this rank: blue belt, 2 stripes");
	/* Forced over a skipped step: the reply says which rule it broke. */
	assert_int_equal(hf_send_take(f, TRAINER, "/promote #1 brown force"), 2);
	t = hf_text_to(f, TRAINER);
	hf_assert_contains_all(t, "Recorded although these rules were not met:\n",
	    "this is not the next step (that is blue belt, 3 stripes)");
	rank_is(f, id, "brown", 0);
}

static void test_promote_bad_args(void **state)
{
	struct hf *f = *state;
	static const struct hf_case cases[] = {
		{ "/promote", "Usage: /promote" },
		{ "/promote #1", "Usage: /promote" },
		{ "/promote force", "Usage: /promote" },
		{ "/promote #1 stripe 2", "Usage: /promote" },
		{ "/promote #1 blue 1 2", "Usage: /promote" },
		{ "/promote #1 pink", "Unknown belt “pink”" },
		{ "/promote #1 <b>", "Unknown belt “&lt;b&gt;”" },
		{ "/promote #1 blue x", "“x” is not a number of stripes" },
		{ "/promote #1 blue 7", "“7” is not a number of stripes" },
		{ "/promote #1 blue -1", "is not a number of stripes" },
		{ "/promote #1 blue 5", "The blue belt has at most 4 stripes" },
		{ "/promote #1 coral 1", "at most 0 stripes" },
		{ "/promote #99 stripe", "There is no student #99" },
		{ "/promote nobody stripe", "No student matches “nobody”" },
	};
	size_t i;
	int64_t id;

	trainer(f);
	id = student(f, "Ivan", "+79001230001", "white", 4, HF_NOW, STUDENT);
	for (i = 0; i < BJJ_ARRAY_LEN(cases); i++) {
		hf_expect(f, TRAINER, cases[i].text, cases[i].want);
		rank_is(f, id, "white", 4);
		no_promotions(f, id);
	}
	/* All four stripes: the next step is the belt. */
	hf_expect(f, TRAINER, "/promote #1 stripe",
	    "white belt, 4 stripes: no stripe is left to add (4 at most). The next step is a belt: "
	    "<code>/promote #1 blue</code>");
	no_promotions(f, id);
}

static void test_promote_roles(void **state)
{
	struct hf *f = *state;
	int64_t id;

	id = student(f, "Ivan", "+79001230001", "white", 0, HF_NOW - 100 * (int64_t)DAY, STUDENT);
	hf_expect(f, STUDENT, "/promote #1 stripe force", "only for trainers");
	hf_expect(f, GUEST, "/promote #1 stripe force", "only for trainers");
	hf_expect(f, STUDENT, "/exam #1 blue 2026-06-10", "only for trainers");
	hf_expect(f, STUDENT, "/eligible", "only for trainers");
	trainer(f);
	hf_expect(f, TRAINER, "/beltrule blue min_months 1", "only for the academy owner");
	rank_is(f, id, "white", 0);
	no_promotions(f, id);
	/* The owner may promote. */
	hf_send_take(f, HF_OWNER, "/promote #1 stripe force");
	rank_is(f, id, "white", 1);
}

/* ---- /eligible ------------------------------------------------------------------- */

static void test_eligible(void **state)
{
	struct hf *f = *state;
	int64_t t0 = HF_NOW - 400 * (int64_t)DAY, a, b;
	const char *t;

	trainer(f);
	hf_expect(f, TRAINER, "/eligible", "Nobody meets every rule");
	a = student(f, "Anna", "+79001230001", "white", 1, t0, 0);
	b = student(f, "Boris", "+79001230002", "white", 4, t0, 0);
	student(f, "Cyril", "+79001230003", "white", 0, t0, 0);
	attend(f, a, 20, t0 + DAY);
	attend(f, b, 100, t0 + DAY);
	t = hf_ask(f, TRAINER, "/eligible");
	hf_assert_contains_all(t, "Belts (1)</b>\n#2 Boris Petrov: white belt, 4 stripes → blue belt (age unknown)",
	    "Stripes (1)</b>\n#1 Anna Petrov: white belt, 1 stripe → white belt, 2 stripes");
	hf_assert_lacks(t, "Cyril");
	hf_expect(f, TRAINER, "/eligible now", "Usage: /eligible");
}

/* ---- exams ------------------------------------------------------------------------ */

static void test_exam_flow(void **state)
{
	struct hf *f = *state;
	struct promotion *v = NULL;
	struct exam e;
	const struct outbox_item *it;
	const char *t;
	int64_t id;

	trainer(f);
	id = student(f, "Ivan", "+79001230001", "white", 2, HF_NOW, STUDENT);
	hf_expect(f, TRAINER, "/exams", "No upcoming exams");

	/* "10.06": the nearest 10 June, kept as 2026-06-10. */
	hf_assert_contains(hf_ask_rows(f, TRAINER, "/exam #1 blue 10.06", 2),
	    "Exam #1: Ivan Petrov (#1) for the blue belt on 2026-06-10.");
	hf_assert_contains(hf_text_to(f, STUDENT),
	    "Your exam for the <b>blue belt</b> is on 2026-06-10");
	assert_int_equal(db_exam_get(f->db, 1, &e), DB_OK);
	assert_string_equal(e.result, "pending");
	assert_int_equal(e.created_by, TRAINER);
	exam_release(&e);

	/* One pending exam at a time. */
	hf_expect(f, TRAINER, "/exam #1 purple 2026-06-11",
	    "already has exam #1 for the blue belt");
	assert_int_equal(db_exam_get(f->db, 2, &e), DB_NOTFOUND);
	t = hf_ask(f, TRAINER, "/exams");
	hf_assert_contains(t, "2026-06-10 · exam #1: Ivan Petrov (#1) → blue");

	assert_int_equal(hf_send_take(f, TRAINER, "/exam 1 passed Clean guard passes"), 2);
	t = hf_text_to(f, TRAINER);
	hf_assert_contains_all(t, "Exam #1 passed.\n✅ Ivan Petrov (#1): white belt, 2 stripes → blue belt.",
	    "Notes: Clean guard passes");
	it = hf_find(f, OB_SEND_MESSAGE, STUDENT);
	hf_assert_contains(it->text, "Congratulations");
	rank_is(f, id, "blue", 0);
	assert_int_equal(promotions(f, id, &v), 1);
	assert_int_equal(v[0].exam_id, 1);
	assert_int_equal(v[0].rules_met, 1);
	assert_string_equal(v[0].note, "exam #1");
	promotions_free(v, 1);
	assert_int_equal(db_exam_get(f->db, 1, &e), DB_OK);
	assert_string_equal(e.result, "passed");
	assert_string_equal(e.notes, "Clean guard passes");
	assert_int_equal(e.decided_at, HF_NOW);
	exam_release(&e);

	/* Decided already. */
	hf_expect(f, TRAINER, "/exam 1 failed", "Exam #1 has been decided already: passed");
	rank_is(f, id, "blue", 0);

	/* A failed one: recorded, the student told, the belt unchanged. */
	hf_send_take(f, TRAINER, "/exam #1 purple 2026-05-28");
	hf_assert_contains(hf_ask_rows(f, TRAINER, "/exam 2 failed", 2),
	    "Exam #2 recorded as not passed: Ivan Petrov (#1).");
	hf_assert_contains(hf_text_to(f, STUDENT),
	    "Your exam for the purple belt was not passed");
	rank_is(f, id, "blue", 0);
	assert_int_equal(db_exam_get(f->db, 2, &e), DB_OK);
	assert_string_equal(e.result, "failed");
	exam_release(&e);
	hf_expect(f, TRAINER, "/exam 9 passed", "There is no exam #9");
}

/* A promotion to the belt of a pending exam (here a forced one) closes the
 * exam: gone from /exams and from the day-before reminder. A stripe does
 * not close an exam for the next belt. */
static void test_exam_closed_by_promotion(void **state)
{
	struct hf *f = *state;
	struct exam e;
	int64_t id;

	trainer(f);
	id = student(f, "Ivan", "+79001230001", "white", 2, HF_NOW, STUDENT);
	hf_send_take(f, TRAINER, "/exam #1 blue 2026-06-10");
	hf_send_take(f, TRAINER, "/promote #1 stripe force");
	hf_assert_lacks(hf_text_to(f, TRAINER), "exam");
	rank_is(f, id, "white", 3);
	assert_int_equal(db_exam_get(f->db, 1, &e), DB_OK);
	assert_string_equal(e.result, "pending");
	exam_release(&e);

	hf_send_take_ru(f, TRAINER, "/promote #1 blue force");
	hf_assert_contains(hf_text_to(f, TRAINER),
	    "Назначенный экзамен на этот пояс закрыт как сданный.");
	rank_is(f, id, "blue", 0);
	assert_int_equal(db_exam_get(f->db, 1, &e), DB_OK);
	assert_string_equal(e.result, "passed");
	assert_int_equal(e.decided_at, HF_NOW);
	exam_release(&e);
	hf_sql_assert(f, "SELECT closed_by_promotion = (SELECT max(id) FROM promotions) "
	    "FROM exams WHERE id = 1");
	hf_send(f, TRAINER, "/exams");
	hf_assert_lacks(hf_take_reply(f, TRAINER), "#1");
	/* No reminder on the day before. */
	f->env.now = civil_local(2026, 6, 9, 12 * 60);
	assert_int_equal(h_job_exams(&f->env), 0);
	assert_int_equal(hf_take(f), 0);
	/* Deciding it now is refused as decided already. */
	hf_expect(f, TRAINER, "/exam 1 failed", "Exam #1 has been decided already: passed");
	rank_is(f, id, "blue", 0);
}

static void test_exam_bad_args(void **state)
{
	struct hf *f = *state;
	static const struct hf_case cases[] = {
		{ "/exam", "Usage: /exam" },
		{ "/exam #1", "Usage: /exam" },
		{ "/exam #1 blue", "Usage: /exam" },
		{ "/exam 1 maybe", "Usage: /exam" },
		{ "/exam #1 blue 2026-06-10 extra", "Usage: /exam" },
		{ "/exam #1 pink 2026-06-10", "Unknown belt “pink”" },
		{ "/exam #1 blue 2026-02-30", "“2026-02-30” is not a date" },
		{ "/exam #1 blue tomorrow", "“tomorrow” is not a date" },
		{ "/exam #1 blue 2026-05-27", "2026-05-27 is in the past; the exam date must be today (2026-05-28)" },
		{ "/exam #1 white 2026-06-10", "The white belt is not above the current rank of Ivan Petrov" },
		{ "/exam #1 grey 2026-06-10", "not above" },
		{ "/exam #7 blue 2026-06-10", "There is no student #7" },
	};
	struct exam e;
	size_t i;

	trainer(f);
	student(f, "Ivan", "+79001230001", "blue", 0, HF_NOW, STUDENT);
	for (i = 0; i < BJJ_ARRAY_LEN(cases); i++) {
		hf_expect(f, TRAINER, cases[i].text, cases[i].want);
		assert_int_equal(db_exam_get(f->db, 1, &e), DB_NOTFOUND);
	}
	hf_expect(f, TRAINER, "/exams soon", "Usage: /exams");
}

/* ---- the owner's rules ---------------------------------------------------------------- */

static int blue_rule(struct hf *f, int which)
{
	struct table t = table_of(f);
	const struct belt *b = belt_find(t.v, t.n, "blue");
	int v = which == 0 ? b->min_months : b->stripe_classes;

	belts_free(t.v, t.n);
	return v;
}

static void test_beltrules(void **state)
{
	struct hf *f = *state;
	static const struct hf_case cases[] = {
		{ "/beltrule", "Usage: /beltrule" },
		{ "/beltrule blue min_months", "Usage: /beltrule" },
		{ "/beltrule pink min_months 3", "Unknown belt “pink”" },
		{ "/beltrule blue colour 3", "Unknown field “colour”" },
		{ "/beltrule blue min_months -1", "min_months must be a whole number from 0 to 600" },
		{ "/beltrule blue min_months 601", "from 0 to 600" },
		{ "/beltrule blue min_months 2x", "from 0 to 600" },
		{ "/beltrule blue max_stripes 7", "max_stripes must be a whole number from 0 to 6" },
	};
	const char *t;
	size_t i;

	t = hf_ask(f, HF_OWNER, "/beltrules");
	hf_assert_contains(t, "<b>blue belt</b>: stripes 4, age 16+; at the belt: 24 mo, classes 200; "
	    "between stripes: 4 mo, classes 40");
	hf_assert_contains_all(t, "<b>Kids</b>", "<b>green-black belt</b>");
	for (i = 0; i < BJJ_ARRAY_LEN(cases); i++) {
		hf_expect(f, HF_OWNER, cases[i].text, cases[i].want);
		assert_int_equal(blue_rule(f, 0), 24);
	}
	hf_expect(f, HF_OWNER, "/beltrule Blue MIN_MONTHS 20", "✅ blue belt: min_months 24 → 20.");
	assert_int_equal(blue_rule(f, 0), 20);
	hf_send_take(f, HF_OWNER, "/beltrule blue stripe_classes 0");
	assert_int_equal(blue_rule(f, 1), 0);
	hf_expect(f, HF_OWNER, "/beltrules all", "Usage: /beltrules");
}

static void test_belt_aliases(void **state)
{
	struct hf *f = *state;

	hf_send(f, HF_OWNER, "/addstudent Kid One +79001234501 Red-Black");
	hf_send(f, HF_OWNER, "/addstudent Kid Two +79001234502 gray/white");
	hf_send_take(f, HF_OWNER, "/addstudent Kid Три +79001234503 оранжевый");
	hf_belt_is(f, 1, "coral");
	hf_belt_is(f, 2, "grey_white");
	hf_belt_is(f, 3, "orange");
}

/* Send text from `from` with a Russian Telegram; the reply to them (other
 * messages, such as the student's congratulations, are taken too). */
static const char *ru(struct hf *f, int64_t from, const char *text)
{
	hf_send_ru(f, from, text);
	assert_true(hf_take(f) >= 1);
	return hf_text_to(f, from);
}

/* Every belt of the table has a name in every language; ranks in words. */
static void test_belt_names(void **state)
{
	struct hf *f = *state;
	struct table t = table_of(f);
	struct buf b = { 0 };

	for (size_t i = 0; i < t.n; i++) {
		for (int l = 0; l < LANG_COUNT; l++) {
			const char *name = h_belt_name((enum lang)l, t.v[i].code);

			assert_ptr_not_equal(name, t.v[i].code);
			assert_true(strlen(name) > 0);
		}
	}
	belts_free(t.v, t.n);
	assert_string_equal(h_belt_name(LANG_RU, "blue"), "синий пояс");
	assert_string_equal(h_belt_name(LANG_RU, "grey_white"), "серо-белый пояс");
	assert_string_equal(h_belt_name(LANG_RU, "coral"), "красно-чёрный пояс");
	assert_string_equal(h_belt_name(LANG_EN, "coral"), "red-and-black belt");
	assert_string_equal(h_belt_name(LANG_RU, "pink"), "pink");
	h_rank_add(&b, LANG_RU, "blue", 1);
	assert_string_equal(buf_str(&b), "синий пояс, 1 полоска");
	buf_truncate(&b, 0);
	h_rank_add(&b, LANG_RU, "blue", 3);
	assert_string_equal(buf_str(&b), "синий пояс, 3 полоски");
	buf_truncate(&b, 0);
	h_rank_add(&b, LANG_RU, "purple", 0);
	assert_string_equal(buf_str(&b), "фиолетовый пояс");
	buf_truncate(&b, 0);
	h_rank_add(&b, LANG_RU, "black", 3);
	assert_string_equal(buf_str(&b), "чёрный пояс, 3-я степень");
	buf_truncate(&b, 0);
	h_rank_add(&b, LANG_EN, "blue", 1);
	assert_string_equal(buf_str(&b), "blue belt, 1 stripe");
	buf_truncate(&b, 0);
	h_rank_add(&b, LANG_EN, "<b>", 2);
	assert_string_equal(buf_str(&b), "&lt;b&gt;, 2 stripes");
	buf_release(&b);
}

/* A trainer who writes in Russian: names, keywords and replies. */
static void test_belts_in_russian(void **state)
{
	struct hf *f = *state;
	struct promotion *v = NULL;
	struct exam e;
	const char *t;
	int64_t id;

	trainer(f);
	id = student(f, "Иван", "+79001230001", "white", 4, HF_NOW - 400 * DAY, STUDENT);
	attend(f, id, 100, HF_NOW - 300 * DAY);

	/* The usage names a real student and the Russian keywords. */
	t = ru(f, TRAINER, "/promote");
	hf_assert_contains_all(t, "#номер|имя полоска [принудительно]", "<code>/promote #1 полоска</code>");
	/* Unknown belt: the names in Russian; nothing changes. */
	t = ru(f, TRAINER, "/promote #1 розовый");
	hf_assert_contains(t, "Неизвестный пояс «розовый». Возможные пояса: белый, синий, "
	    "фиолетовый, коричневый, чёрный, красно-чёрный, красно-белый, красный, серо-белый");
	rank_is(f, id, "white", 4);
	/* All stripes: the next step is typed by its Russian name. */
	t = ru(f, TRAINER, "/promote #1 ПОЛОСКА");
	hf_assert_contains(t, "белый пояс, 4 полоски: полосок больше не добавить (максимум 4). "
	    "Следующий шаг — пояс: <code>/promote #1 синий</code>");
	rank_is(f, id, "white", 4);
	/* The belt by its Russian name, in two words and any case. */
	t = ru(f, TRAINER, "/promote #1 Синий Пояс");
	hf_assert_contains(t, "Иван Petrov (#1): белый пояс, 4 полоски → синий пояс.");
	rank_is(f, id, "blue", 0);
	/* A lower rank wants the Russian force word, and takes it. */
	t = ru(f, TRAINER, "/promote #1 белый 4");
	hf_assert_contains_all(t, "синий пояс → белый пояс, 4 полоски — это понижение",
	    "<code>/promote #1 белый 4 принудительно</code>");
	rank_is(f, id, "blue", 0);
	t = ru(f, TRAINER, "/promote #1 белый 4 Принудительно");
	hf_assert_contains(t, "исправление на более низкий ранг");
	rank_is(f, id, "white", 4);
	/* "черный" without the dots, and the stripes' limit in Russian. */
	t = ru(f, TRAINER, "/promote #1 черный 7");
	hf_assert_contains(t, "«7» — не число полосок");
	t = ru(f, TRAINER, "/promote #1 красно-чёрный 1");
	hf_assert_contains(t, "красно-чёрный пояс: не больше 0 полосок.");
	t = ru(f, TRAINER, "/promote #1 коралловый 1");
	hf_assert_contains(t, "красно-чёрный пояс: не больше 0 полосок.");
	rank_is(f, id, "white", 4);

	/* Exams: the belt in Russian, the result as "сдал" / "не сдал". */
	t = ru(f, TRAINER, "/exam #1 синий пояс 2026-06-10");
	hf_assert_contains(t, "Аттестация #1: Иван Petrov (#1) на синий пояс, 2026-06-10.");
	t = ru(f, TRAINER, "/exam #1 фиолетовый 2026-06-11");
	hf_assert_contains(t, "У ученика Иван Petrov уже назначена аттестация #1 на синий пояс, "
	    "2026-06-10. Сначала запишите её итог: <code>/exam 1 сдал</code> или <code>не сдал</code>.");
	t = ru(f, TRAINER, "/exam 1 не сдал Рано");
	hf_assert_contains_all(t, "Аттестация #1 записана как не сданная: Иван Petrov (#1).",
	    "Заметки: Рано");
	assert_int_equal(db_exam_get(f->db, 1, &e), DB_OK);
	assert_string_equal(e.result, "failed");
	assert_string_equal(e.notes, "Рано");
	exam_release(&e);
	rank_is(f, id, "white", 4);
	ru(f, TRAINER, "/exam #1 синий 2026-06-12");
	t = ru(f, TRAINER, "/exam 2 Сдал");
	hf_assert_contains(t, "Аттестация #2 сдана.\n✅ Иван Petrov (#1): белый пояс, 4 полоски → синий пояс.");
	rank_is(f, id, "blue", 0);
	assert_int_equal(promotions(f, id, &v), 3);
	promotions_free(v, 3);
	t = ru(f, TRAINER, "/exam 2 может");
	hf_assert_contains(t, "сдал|не сдал");
	t = ru(f, TRAINER, "/exams");
	hf_assert_contains(t, "Ближайших аттестаций нет. Назначить аттестацию: /exam.");
}

/* The owner's rules in Russian: names and fields. */
static void test_beltrules_in_russian(void **state)
{
	struct hf *f = *state;
	const char *t;

	t = ru(f, HF_OWNER, "/beltrules");
	hf_assert_contains(t, "<b>синий пояс</b>: полосок — 4, возраст от 16; на поясе: 24 мес., "
	    "занятий — 200; между полосками: 4 мес., занятий — 40");
	hf_assert_contains(t, "<b>зелёно-чёрный пояс</b>");
	t = ru(f, HF_OWNER, "/beltrule синий пояс цвет 3");
	hf_assert_contains(t, "Неизвестное поле «цвет». Поля: полосок, возраст");
	t = ru(f, HF_OWNER, "/beltrule синий месяцев 601");
	hf_assert_contains(t, "месяцев: нужно целое число от 0 до 600.");
	t = ru(f, HF_OWNER, "/beltrule синий непонятно месяцев 20");
	hf_assert_contains(t, "Неизвестный пояс «синий»");
	assert_int_equal(blue_rule(f, 0), 24);
	t = ru(f, HF_OWNER, "/beltrule Синий пояс МЕСЯЦЕВ 20");
	hf_assert_contains(t, "✅ синий пояс: месяцев 24 → 20.");
	assert_int_equal(blue_rule(f, 0), 20);
	/* the English field works in Russian too, and the English name */
	t = ru(f, HF_OWNER, "/beltrule blue belt min_months 21");
	hf_assert_contains(t, "✅ синий пояс: месяцев 20 → 21.");
	assert_int_equal(blue_rule(f, 0), 21);
}

BJJ_TEST_MAIN(
	cmocka_unit_test(test_months_between),
	HF_TEST_MOSCOW(test_plan_stripe_boundaries),
	HF_TEST_MOSCOW(test_plan_kids),
	HF_TEST_MOSCOW(test_plan_black_degrees),
	HF_TEST_MOSCOW(test_facts_from_history),
	HF_TEST_MOSCOW(test_visit_templates_follow_deletes),
	HF_TEST_MOSCOW(test_visit_summary_follows_writes),
	HF_TEST_MOSCOW(test_facts_active_counts_everyone),
	HF_TEST_MOSCOW(test_belt_view),
	HF_TEST_MOSCOW(test_belt_history_and_age),
	HF_TEST(test_belt_not_in_table),
	HF_TEST_MOSCOW(test_promote_stripe),
	HF_TEST_MOSCOW(test_promote_anyway_button),
	HF_TEST_MOSCOW(test_promote_force_and_demotion),
	HF_TEST_MOSCOW(test_promote_bad_args),
	HF_TEST_MOSCOW(test_promote_roles),
	HF_TEST_MOSCOW(test_eligible),
	HF_TEST_MOSCOW(test_exam_flow),
	HF_TEST_MOSCOW(test_exam_closed_by_promotion),
	HF_TEST_MOSCOW(test_exam_bad_args),
	HF_TEST_MOSCOW(test_beltrules),
	HF_TEST_MOSCOW(test_belt_aliases),
	HF_TEST_MOSCOW(test_belt_names),
	HF_TEST_MOSCOW(test_belts_in_russian),
	HF_TEST_MOSCOW(test_beltrules_in_russian),
)
