/*
 * test_reports.c — storage/reports.c and handlers/reports.c: revenue sums
 * in minor units with month boundaries in the academy's zone
 * (Europe/Moscow), by method and by plan, against the previous month;
 * /stats against a known data set; refunds and voided payments in
 * /revenue, /stats and the digest; /report per class, per trainer and
 * the students who stopped coming; bad arguments and role refusals.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "lib/civil.h"
#include "handlers_fixture.h"
#include "storage/admin.h"
#include "storage/jobs.h"
#include "storage/script.h"
#include "storage/reports.h"
#include "test_main.h"

#define STUDENT_TG 500
#define TRAINER_TG 600

static int reports_setup(void **state)
{
	struct hf *f;

	if (hf_setup_moscow(state) != 0)
		return -1;
	f = *state;
	/* 2026-06-15 12:00 in Moscow. */
	f->env.now = civil_local(2026, 6, 15, 12 * 60);
	return 0;
}

/* Local time as a number for the SQL fixtures. */
static long long
at(int y, int m, int d, int hh, int mm)
{
	return (long long)civil_local(y, m, d, hh * 60 + mm);
}

/* ---- revenue --------------------------------------------------------- */

/* Two plans, one student, payments around the May/June boundary. */
static void revenue_data(struct hf *f)
{
	hf_person(f, PERSON_STUDENT, "Ivan", "+79001234567", 0);
	hf_sql(f, "INSERT INTO plans (code, title, kind, price, duration_days, created_at) VALUES "
	    "('m', 'Monthly', 'unlimited', 400050, 30, 0), ('p', 'Pack <8>', 'pack', 100000, 30, 0);"
	    "INSERT INTO subscriptions (student_id, plan_id, starts_at, ends_at, price, created_at) "
	    "VALUES (1, 1, 0, 1, 400050, 0), (1, 2, 0, 1, 100000, 0);"
	    "INSERT INTO payments (student_id, amount, paid_at, method, subscription_id, created_at) "
	    "VALUES (1, 400050, %lld, 'cash', 1, 0), (1, 150025, %lld, 'card', NULL, 0), "
	    "(1, 100000, %lld, 'transfer', 2, 0), (1, 50000, %lld, 'cash', NULL, 0);",
	    /* 23:30 on the last day of May is May; 00:10 on June 1 is June. */
	    at(2026, 5, 31, 23, 30), at(2026, 6, 1, 0, 10),
	    /* the first instant of May is May; a minute before it is April */
	    at(2026, 5, 1, 0, 0), at(2026, 4, 30, 23, 59));
}

static void test_revenue_storage(void **state)
{
	struct hf *f = *state;
	struct revenue r;
	int64_t s, e;

	revenue_data(f);
	civil_month_bounds(2026, 5, &s, &e);
	assert_int_equal(db_revenue(f->db, s, e, &r), DB_OK);
	assert_int_equal(r.total, 500050);
	assert_int_equal(r.count, 2);
	assert_int_equal(r.n_method, 2);
	assert_string_equal(r.by_method[0].key, "cash");
	assert_int_equal(r.by_method[0].amount, 400050);
	assert_string_equal(r.by_method[1].key, "transfer");
	assert_int_equal(r.n_plan, 2);
	assert_string_equal(r.by_plan[0].key, "Monthly");
	assert_int_equal(r.by_plan[1].amount, 100000);
	revenue_release(&r);

	civil_month_bounds(2026, 6, &s, &e);
	assert_int_equal(db_revenue(f->db, s, e, &r), DB_OK);
	assert_int_equal(r.total, 150025);
	assert_int_equal(r.n_plan, 1);
	assert_null(r.by_plan[0].key);
	revenue_release(&r);

	civil_month_bounds(2026, 4, &s, &e);
	assert_int_equal(db_revenue(f->db, s, e, &r), DB_OK);
	assert_int_equal(r.total, 50000);
	revenue_release(&r);
	civil_month_bounds(2026, 3, &s, &e);
	assert_int_equal(db_revenue(f->db, s, e, &r), DB_OK);
	assert_int_equal(r.total, 0);
	assert_int_equal(r.n_method, 0);
	revenue_release(&r);
}

static void test_revenue_command(void **state)
{
	struct hf *f = *state;
	const char *t;

	revenue_data(f);
	t = hf_ask(f, HF_OWNER, "/revenue 2026-05");
	hf_assert_contains_all(t, "Revenue for 2026-05", "Total: <b>5 000,50 ₽</b> (payments: 2)",
	    "• cash: 4 000,50 ₽ (1)", "• transfer: 1 000 ₽ (1)", "• Monthly: 4 000,50 ₽ (1)",
	    "• Pack &lt;8&gt;: 1 000 ₽ (1)");
	hf_assert_lacks(t, "other payments");
	hf_assert_contains(t, "Vs 2026-04 (500 ₽): +4 500,50 ₽ (+900%)");

	/* The default is the current month (June). */
	t = hf_ask(f, HF_OWNER, "/revenue");
	hf_assert_contains_all(t, "Revenue for 2026-06", "• card: 1 500,25 ₽ (1)",
	    "• other payments: 1 500,25 ₽ (1)", "Vs 2026-05 (5 000,50 ₽): -3 500,25 ₽ (-70%)");

	/* In Russian. */
	t = hf_ask_ru(f, HF_OWNER, "/revenue 2026-06");
	hf_assert_contains_all(t, "Выручка за 2026-06", "• карта: 1 500,25 ₽ (1)",
	    "• прочие платежи");

	/* Nothing this month, something before. */
	t = hf_ask(f, HF_OWNER, "/revenue 2026-07");
	hf_assert_contains_all(t, "No payments recorded for 2026-07 yet",
	    "Vs 2026-06 (1 500,25 ₽): -1 500,25 ₽ (-100%)");
	/* January compares with December of the year before. */
	t = hf_ask(f, HF_OWNER, "/revenue 2026-01");
	hf_assert_contains(t, "No payments recorded for 2026-01 yet");
	hf_assert_lacks(t, "Vs");
	hf_send_take(f, HF_OWNER, "/revenue 2026-05");
}

static void test_revenue_empty_and_bad(void **state)
{
	struct hf *f = *state;
	static const struct hf_case bad[] = {
		{ "/revenue 2026-13", "“2026-13” is not a month; write it as YYYY-MM" },
		{ "/revenue <may>", "“&lt;may&gt;” is not a month" },
		{ "/revenue 2026-05 cash", "Usage: /revenue [YYYY-MM]" },
		{ "/report 2026-5", "is not a month" },
		{ "/stats now", "Usage: /stats" },
	};
	const char *t;

	t = hf_ask(f, HF_OWNER, "/revenue");
	hf_assert_contains(t, "No payments recorded for 2026-06 yet");
	hf_assert_lacks(t, "Vs");
	hf_expect_cases(f, HF_OWNER, bad, BJJ_ARRAY_LEN(bad));
}

/* ---- stats ------------------------------------------------------------ */

static void test_stats(void **state)
{
	struct hf *f = *state;
	struct academy_stats st;
	int64_t s, e;
	const char *t;

	hf_sql(f, "INSERT INTO students (first_name, phone, created_at, active) VALUES "
	    "('S1', NULL, %lld, 1), ('S2', NULL, %lld, 1), ('S3', NULL, %lld, 0), "
	    "('S4', NULL, %lld, 1);"
	    "INSERT INTO trainings (starts_at, duration_min, title, cancelled, created_at) VALUES "
	    "(%lld, 60, 'T1', 0, 0), (%lld, 60, 'T2', 0, 0), (%lld, 60, 'T3', 1, 0), "
	    "(%lld, 60, 'T4', 0, 0), (%lld, 60, 'T5', 0, 0);"
	    "INSERT INTO attendance (student_id, training_id, status, source, marked_at) VALUES "
	    "(1, 1, 'present', 'self', 0), (2, 1, 'late', 'trainer', 0), "
	    "(4, 1, 'absent', 'trainer', 0), (3, 1, 'present', 'trainer', 0), "
	    "(1, 2, 'present', 'self', 0), (2, 2, 'excused', 'trainer', 0), "
	    "(1, 3, 'present', 'self', 0), (1, 4, 'present', 'self', 0), "
	    "(2, 5, 'present', 'self', 0);"
	    "INSERT INTO payments (student_id, amount, paid_at, method, created_at) VALUES "
	    "(1, 100000, %lld, 'cash', 0), (2, 25050, %lld, 'card', 0), (1, 99900, %lld, 'cash', 0);"
	    "INSERT INTO plans (code, title, kind, price, duration_days, created_at) "
	    "VALUES ('m', 'Monthly', 'unlimited', 1, 30, 0);"
	    "INSERT INTO subscriptions (student_id, plan_id, starts_at, ends_at, price, status, "
	    "created_at) VALUES (1, 1, %lld, %lld, 1, 'active', 0), "
	    "(2, 1, %lld, %lld, 1, 'active', 0), (4, 1, %lld, %lld, 1, 'expired', 0), "
	    "(1, 1, %lld, %lld, 1, 'frozen', 0), (4, 1, %lld, %lld, 1, 'active', 0);",
	    at(2026, 5, 20, 10, 0), at(2026, 6, 2, 10, 0), at(2026, 6, 10, 10, 0),
	    at(2026, 6, 14, 10, 0),
	    /* held, held, cancelled, in the future, more than 30 days ago */
	    at(2026, 6, 10, 19, 0), at(2026, 6, 12, 19, 0), at(2026, 6, 11, 19, 0),
	    at(2026, 6, 20, 19, 0), at(2026, 5, 1, 19, 0),
	    at(2026, 6, 5, 12, 0), at(2026, 6, 14, 12, 0), at(2026, 5, 31, 12, 0),
	    /* running; ended; expired; frozen; not started yet */
	    at(2026, 6, 1, 0, 0), at(2026, 7, 1, 0, 0), at(2026, 5, 10, 0, 0), at(2026, 6, 10, 0, 0),
	    at(2026, 6, 1, 0, 0), at(2026, 7, 1, 0, 0), at(2026, 6, 1, 0, 0), at(2026, 7, 1, 0, 0),
	    at(2026, 6, 20, 0, 0), at(2026, 7, 20, 0, 0));

	civil_month_bounds(2026, 6, &s, &e);
	assert_int_equal(db_stats(f->db, f->env.now, civil_add_days(f->env.now, -30), s, e, &st),
	    DB_OK);
	assert_int_equal(st.active_students, 3);
	assert_int_equal(st.classes, 2);
	/* T1: present, late, present (inactive S3 still came); T2: present. */
	assert_int_equal(st.visits, 4);
	assert_int_equal(st.month_revenue, 125050);
	assert_int_equal(st.month_new_students, 3);
	assert_int_equal(st.active_subscriptions, 1);

	t = hf_ask(f, HF_OWNER, "/stats");
	hf_assert_contains_all(t, "<b>Test &amp; Co BJJ</b> at a glance", "Active students: 3",
	    "Active subscriptions: 1", "New this month: 3", "Revenue this month: 1 250,50 ₽",
	    "2.0 per class over 2 classes");
}

/* Voided payments count nowhere and refunds count negative: /stats and
 * the owners' digest agree with /revenue. */
static void test_money_corrections_everywhere(void **state)
{
	struct hf *f = *state;
	struct academy_stats st;
	struct digest d;
	int64_t s, e, day = civil_day_start(f->env.now);

	hf_sql(f, "INSERT INTO students (first_name, created_at) VALUES ('Ivan', 0);"
	    "INSERT INTO payments (student_id, amount, paid_at, method, created_at) VALUES "
	    "(1, 400000, %lld, 'cash', 0), (1, 100000, %lld, 'card', 0);"
	    "INSERT INTO payments (student_id, amount, paid_at, method, refund, created_at) "
	    "VALUES (1, 30000, %lld, 'cash', 1, 0);"
	    "UPDATE payments SET voided_at = 1, void_reason = 'typo' WHERE id = 2;",
	    at(2026, 6, 15, 10, 0), at(2026, 6, 15, 11, 0), at(2026, 6, 15, 11, 30));
	civil_month_bounds(2026, 6, &s, &e);
	assert_int_equal(db_stats(f->db, f->env.now, civil_add_days(f->env.now, -30), s, e, &st),
	    DB_OK);
	assert_int_equal(st.month_revenue, 370000);
	assert_int_equal(db_jobs_digest(f->db, day, civil_add_days(day, 1), f->env.now,
	    f->env.now, &d), DB_OK);
	assert_int_equal(d.payments_total, 370000);
	assert_int_equal(d.payments, 1);
	digest_release(&d);
	const char *t = hf_ask(f, HF_OWNER, "/revenue");
	hf_assert_contains_all(t, "Total: <b>3 700 ₽</b> (payments: 1)", "• cash: 3 700 ₽ (2)",
	    "Refunds: -300 ₽ (1), taken off the total", "Voided, not counted: 1 payment (1 000 ₽)");
	hf_assert_lacks(t, "card");
	t = hf_ask_ru(f, HF_OWNER, "/revenue");
	hf_assert_contains_all(t, "Возвраты: -300 ₽ (1), вычтены из итога",
	    "Аннулировано и не учтено: 1 платёж (1 000 ₽)");
}

/* A month whose refunds outweighed its payments: compared by amount, with
 * no percentage of a negative total. */
static void test_revenue_vs_negative_month(void **state)
{
	struct hf *f = *state;
	const char *t;

	hf_sql(f, "INSERT INTO students (first_name, created_at) VALUES ('Ivan', 0);"
	    "INSERT INTO payments (student_id, amount, paid_at, method, refund, created_at) "
	    "VALUES (1, 30000, %lld, 'cash', 1, 0), (1, 400000, %lld, 'cash', 0, 0);",
	    at(2026, 5, 10, 10, 0), at(2026, 6, 10, 10, 0));
	t = hf_ask(f, HF_OWNER, "/revenue 2026-06");
	hf_assert_contains_all(t, "Total: <b>4 000 ₽</b> (payments: 1)", "Vs 2026-05 (-300 ₽): +4 300 ₽");
	hf_assert_lacks(t, "%");
}

static void test_stats_empty(void **state)
{
	struct hf *f = *state;
	const char *t;

	t = hf_ask(f, HF_OWNER, "/stats");
	hf_assert_contains_all(t, "Active students: 0", "Revenue this month: 0 ₽",
	    "No classes held in the last 30 days");
}

/* ---- report ---------------------------------------------------------- */

static void report_data(struct hf *f)
{
	hf_sql(f, "INSERT INTO trainers (first_name, last_name, created_at) VALUES "
	    "('Rafael', 'Souza', 0), ('Anna', '<Volkova>', 0);"
	    "INSERT INTO class_templates (title, weekdays, start_minute, duration_min, trainer_id, "
	    "created_at) VALUES ('Fundamentals', 1, 1140, 60, 1, 0), ('Advanced', 2, 1140, 60, 2, 0);"
	    "INSERT INTO students (first_name, last_name, created_at, active) VALUES "
	    "('S1', 'A', 0, 1), ('S2', 'B', 0, 1), ('Lapsed', 'Five', 0, 1), ('Recent', 'Six', 0, 1), "
	    "('Old', 'Seven', 0, 1), ('Gone', 'Eight', 0, 0), ('Absent', 'Nine', 0, 1);"
	    "INSERT INTO trainings (template_id, starts_at, duration_min, title, trainer_id, "
	    "cancelled, created_at) VALUES "
	    "(1, %lld, 60, 'Fundamentals', 1, 0, 0), (1, %lld, 60, 'Fundamentals', 1, 0, 0), "
	    "(2, %lld, 60, 'Advanced', 2, 1, 0), (NULL, %lld, 60, 'Open mat', NULL, 0, 0), "
	    "(2, %lld, 60, 'Advanced', 2, 0, 0), (NULL, %lld, 60, 'Open mat', NULL, 0, 0), "
	    "(NULL, %lld, 60, 'Open mat', NULL, 0, 0), (NULL, %lld, 60, 'Open mat', NULL, 0, 0);"
	    "INSERT INTO attendance (student_id, training_id, status, source, marked_at) VALUES "
	    "(1, 1, 'present', 'self', 0), (2, 1, 'late', 'self', 0), (1, 2, 'present', 'self', 0), "
	    "(2, 2, 'present', 'self', 0), (1, 3, 'present', 'self', 0), "
	    "(2, 4, 'present', 'self', 0), (1, 5, 'present', 'self', 0), "
	    "(3, 6, 'present', 'self', 0), (6, 6, 'present', 'self', 0), "
	    "(7, 6, 'absent', 'trainer', 0), (4, 6, 'present', 'self', 0), "
	    "(4, 7, 'present', 'self', 0), (5, 8, 'present', 'self', 0);"
	    "INSERT INTO plans (code, title, kind, price, duration_days, created_at) "
	    "VALUES ('m', 'Monthly', 'unlimited', 1, 30, 0);"
	    "INSERT INTO subscriptions (student_id, plan_id, starts_at, ends_at, price, status, "
	    "created_at) VALUES (3, 1, 0, %lld, 1, 'frozen', 0);",
	    /* June: held, held, cancelled, one-off held, in the future */
	    at(2026, 6, 10, 19, 0), at(2026, 6, 12, 19, 0), at(2026, 6, 11, 19, 0),
	    at(2026, 6, 13, 12, 0), at(2026, 6, 20, 19, 0),
	    /* May 25 (lapsed); June 5 (recent); April 1 (too old) */
	    at(2026, 5, 25, 12, 0), at(2026, 6, 5, 12, 0), at(2026, 4, 1, 12, 0),
	    at(2026, 7, 1, 0, 0));
}

/* reports_setup, then report_data's academy. */
static int report_data_setup(void **state)
{
	if (reports_setup(state) != 0)
		return -1;
	report_data(*state);
	return 0;
}

static void test_report(void **state)
{
	struct hf *f = *state;
	const char *t;

	t = hf_ask(f, HF_OWNER, "/report 2026-06");
	hf_assert_contains(t, "Report for 2026-06");
	/* Fundamentals: 2 classes, 4 visits; Open mat: June 13 and June 5. */
	hf_assert_contains_all(t, "• Fundamentals: 2, 2.0\n", "• Open mat: 2, 1.0\n");
	hf_assert_lacks(t, "Advanced");
	hf_assert_contains_all(t, "• Rafael Souza: 2, 4\n", "• no trainer: 2, 2\n");
	hf_assert_lacks(t, "Volkova");
	/* Lapsed: last visit May 25, frozen. Not the recent, the old, the
	 * inactive, nor the one who was only absent. */
	hf_assert_contains(t, "• #3 Lapsed Five — last visit 2026-05-25 ❄️ frozen");
	hf_assert_lacks_all(t, "Recent", "Seven", "Gone", "Nine");

	/* May: only the May 25 open mat (Lapsed, Recent and the inactive Gone came). */
	t = hf_ask(f, HF_OWNER, "/report 2026-05");
	hf_assert_contains(t, "• Open mat: 1, 3.0\n");
	hf_assert_lacks(t, "Fundamentals");
	{
		struct h_msg m = hf_msg(HF_OWNER, "/report 05.2026");

		m.lang_code = "ru";
		hf_send_msg(f, &m);
	}
	/* A decimal comma in Russian. */
	hf_assert_contains(hf_take_reply(f, HF_OWNER), "• Open mat: 1; 3,0\n");

	t = hf_ask(f, HF_OWNER, "/report 2025-01");
	hf_assert_contains(t, "no classes held");
}

/* The students /report lists as lapsed (a visit in the last 60 days,
 * none in the last 14), at most limit: n of them, total in all; owned
 * (lapsed_students_free with n). */
static struct lapsed_student *lapsed(struct hf *f, size_t limit, size_t n, int64_t total)
{
	struct lapsed_student *v = NULL;
	size_t got = 0;
	int64_t got_total = 0;

	assert_int_equal(db_lapsed_students(f->db, civil_add_days(f->env.now, -60),
	    civil_add_days(f->env.now, -14), f->env.now, limit, &v, &got, &got_total), DB_OK);
	assert_int_equal(got, n);
	assert_int_equal(got_total, total);
	return v;
}

/* The last visit decides, whatever came before the 60 days: a visit
 * before them and one inside is lapsed at the inside one; a later visit
 * at a cancelled class, an absence or a class still to come does not
 * count as coming back; a visit within the last 14 days does. */
static void test_lapsed_last_visit(void **state)
{
	struct hf *f = *state;

	hf_sql(f, "INSERT INTO students (first_name, last_name, created_at) VALUES "
	    "('Back', 'Ten', 0), ('Before', 'Eleven', 0);"
	    "INSERT INTO trainings (starts_at, duration_min, title, cancelled, created_at) VALUES "
	    "(%lld, 60, 'Old', 0, 0), (%lld, 60, 'Mid', 0, 0), (%lld, 60, 'New', 0, 0), "
	    "(%lld, 60, 'Off', 1, 0);"
	    /* 9 April 2, 10 May 10, 11 June 8, 12 June 9 cancelled */
	    "INSERT INTO attendance (student_id, training_id, status, source, marked_at) VALUES "
	    "(8, 9, 'present', 'self', 0), (8, 11, 'late', 'self', 0), "
	    "(9, 9, 'present', 'self', 0), (9, 10, 'present', 'self', 0), "
	    "(9, 11, 'absent', 'trainer', 0), (9, 12, 'present', 'self', 0), "
	    "(9, 5, 'present', 'self', 0);",
	    at(2026, 4, 2, 12, 0), at(2026, 5, 10, 12, 0), at(2026, 6, 8, 12, 0),
	    at(2026, 6, 9, 12, 0));
	struct lapsed_student *v = lapsed(f, 10, 2, 2);

	assert_string_equal(v[0].first_name, "Before");
	assert_int_equal(v[0].last_visit, at(2026, 5, 10, 12, 0));
	assert_string_equal(v[1].first_name, "Lapsed");
	lapsed_students_free(v, 2);
}

static void test_lapsed_bounded(void **state)
{
	struct hf *f = *state;

	/* Two more lapsed students, visiting May 20. */
	hf_sql(f, "INSERT INTO students (first_name, last_name, created_at) VALUES ('L2', 'X', 0), "
	    "('L3', 'Y', 0);"
	    "INSERT INTO trainings (starts_at, duration_min, title, created_at) VALUES (%lld, 60, 'M', 0);"
	    "INSERT INTO attendance (student_id, training_id, status, source, marked_at) VALUES "
	    "(8, 9, 'present', 'self', 0), (9, 9, 'late', 'self', 0);", at(2026, 5, 20, 12, 0));
	struct lapsed_student *v = lapsed(f, 2, 2, 3);

	/* Longest gone first. */
	assert_string_equal(v[0].first_name, "L2");
	assert_int_equal(v[0].frozen, 0);
	lapsed_students_free(v, 2);
}

static void test_roles(void **state)
{
	struct hf *f = *state;
	static const char *const cmds[] = { "/revenue", "/stats", "/report", "/revenue 2026-05" };

	hf_person(f, PERSON_STUDENT, "Ivan", "+79001234567", STUDENT_TG);
	hf_person(f, PERSON_TRAINER, "Anna", "+79001234599", TRAINER_TG);
	for (size_t i = 0; i < BJJ_ARRAY_LEN(cmds); i++) {
		hf_expect(f, STUDENT_TG, cmds[i], "only for the academy owner");
		hf_expect(f, TRAINER_TG, cmds[i], "only for the academy owner");
	}
}

/* A test between reports_setup and hf_teardown. */
#define REPORTS_TEST(fn) cmocka_unit_test_setup_teardown(fn, reports_setup, hf_teardown)
/* A test between report_data_setup and hf_teardown. */
#define REPORT_DATA_TEST(fn) cmocka_unit_test_setup_teardown(fn, report_data_setup, hf_teardown)

BJJ_TEST_MAIN(
	REPORTS_TEST(test_revenue_storage),
	REPORTS_TEST(test_revenue_command),
	REPORTS_TEST(test_revenue_empty_and_bad),
	REPORTS_TEST(test_stats),
	REPORTS_TEST(test_stats_empty),
	REPORTS_TEST(test_revenue_vs_negative_month),
	REPORTS_TEST(test_money_corrections_everywhere),
	REPORT_DATA_TEST(test_report),
	REPORT_DATA_TEST(test_lapsed_bounded),
	REPORT_DATA_TEST(test_lapsed_last_visit),
	REPORTS_TEST(test_roles),
)
