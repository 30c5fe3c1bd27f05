/*
 * reports.c — read-only report queries (see reports.h) over payments,
 * plans, subscriptions, attendance, trainings, students and trainers.
 *
 * Invariant: only SELECTs; sums are taken by SQLite in integers, so money
 * never passes through a double.
 *
 * Callers: handlers/reports.c, tests.
 */
#include <stdlib.h>
#include <string.h>

#include "lib/util.h"
#include "storage/internal.h"
#include "storage/reports.h"

/* The held classes of [?1, min(?2, ?3)) with their visits, for the
 * per-class and per-trainer reports. */
#define DB_HELD_CLASSES "SELECT t.id, t.title, t.template_id, t.trainer_id, " \
	"(SELECT count(*) FROM attendance a WHERE a.training_id = t.id " \
	" AND a.status IN ('present', 'late')) AS visits " \
	"FROM trainings t WHERE t.cancelled = 0 AND t.starts_at >= ?1 " \
	"AND t.starts_at < ?2 AND t.starts_at < ?3"

void revenue_release(struct revenue *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->n_method; i++)
		free(r->by_method[i].key);
	for (i = 0; i < r->n_plan; i++)
		free(r->by_plan[i].key);
	free(r->by_method);
	free(r->by_plan);
	memset(r, 0, sizeof(*r));
}

/* Read the (key, amount, count) rows of a bound query. */
static int db_revenue_lines(struct db *db, sqlite3_stmt *st, struct revenue_line **out,
    size_t *n, const char *op)
{
	struct revenue_line *v = NULL;
	size_t count = 0, cap = 0;
	int rc;

	while ((rc = db_step_row(db, st, op)) == DB_OK) {
		XGROW(v, cap, count + 1);
		v[count].key = db_column_dup(st, 0);
		v[count].amount = sqlite3_column_int64(st, 1);
		v[count].count = sqlite3_column_int64(st, 2);
		count++;
	}
	sqlite3_reset(st);
	*out = v;
	*n = count;
	return rc == DB_NOTFOUND ? DB_OK : DB_ERROR;
}

int db_revenue(struct db *db, int64_t start, int64_t end, struct revenue *out)
{
	sqlite3_stmt *method = db_stmt_get(db,
	    "SELECT pay.method, sum(" DB_PAY_SIGNED("pay") "), count(*) FROM payments pay "
	    "WHERE pay.paid_at >= ?1 AND pay.paid_at < ?2 AND " DB_PAY_LIVE("pay") " "
	    "GROUP BY pay.method ORDER BY sum(" DB_PAY_SIGNED("pay") ") DESC, pay.method");
	/* Grouped by plan id, not title: two plans may share a title. */
	sqlite3_stmt *plan = db_stmt_get(db,
	    "SELECT p.title, sum(pay.amount), count(*) FROM payments pay "
	    "LEFT JOIN subscriptions s ON s.id = pay.subscription_id "
	    "LEFT JOIN plans p ON p.id = s.plan_id "
	    "WHERE pay.paid_at >= ?1 AND pay.paid_at < ?2 AND pay.refund = 0 "
	    "AND " DB_PAY_LIVE("pay") " "
	    "GROUP BY p.id ORDER BY p.id IS NULL, sum(pay.amount) DESC, p.title");
	sqlite3_stmt *sums = db_stmt_get(db,
	    "SELECT coalesce(sum(" DB_PAY_LIVE("pay") " AND pay.refund = 0), 0), "
	    "coalesce(sum(CASE WHEN " DB_PAY_LIVE("pay") " AND pay.refund = 1 "
	    "  THEN pay.amount END), 0), "
	    "coalesce(sum(" DB_PAY_LIVE("pay") " AND pay.refund = 1), 0), "
	    "coalesce(sum(CASE WHEN NOT " DB_PAY_LIVE("pay") " THEN pay.amount END), 0), "
	    "coalesce(sum(NOT " DB_PAY_LIVE("pay") "), 0) "
	    "FROM payments pay WHERE pay.paid_at >= ?1 AND pay.paid_at < ?2");
	size_t i;
	int rc;

	memset(out, 0, sizeof(*out));
	if (method == NULL || plan == NULL || sums == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(method, 1, start);
	sqlite3_bind_int64(method, 2, end);
	rc = db_revenue_lines(db, method, &out->by_method, &out->n_method, "revenue by method");
	if (rc == DB_OK) {
		sqlite3_bind_int64(plan, 1, start);
		sqlite3_bind_int64(plan, 2, end);
		rc = db_revenue_lines(db, plan, &out->by_plan, &out->n_plan, "revenue by plan");
	}
	if (rc == DB_OK) {
		sqlite3_bind_int64(sums, 1, start);
		sqlite3_bind_int64(sums, 2, end);
		if ((rc = db_step_row(db, sums, "revenue sums")) == DB_OK) {
			out->count = sqlite3_column_int64(sums, 0);
			out->refunds = sqlite3_column_int64(sums, 1);
			out->n_refunds = sqlite3_column_int64(sums, 2);
			out->voided = sqlite3_column_int64(sums, 3);
			out->n_voided = sqlite3_column_int64(sums, 4);
		}
		sqlite3_reset(sums);
	}
	if (rc != DB_OK) {
		revenue_release(out);
		return DB_ERROR;
	}
	for (i = 0; i < out->n_method; i++)
		out->total += out->by_method[i].amount;
	return DB_OK;
}

int db_stats(struct db *db, int64_t now, int64_t since, int64_t month_start,
    int64_t month_end, struct academy_stats *out)
{
	sqlite3_stmt *st = db_stmt_get(db,
	    "SELECT (SELECT count(*) FROM students WHERE active = 1), "
	    "  (SELECT count(*) FROM trainings WHERE cancelled = 0 "
	    "   AND starts_at >= ?2 AND starts_at < ?1), "
	    "  (SELECT count(*) FROM attendance a JOIN trainings t ON t.id = a.training_id "
	    "   WHERE t.cancelled = 0 AND t.starts_at >= ?2 AND t.starts_at < ?1 "
	    "   AND a.status IN ('present', 'late')), "
	    "  (SELECT coalesce(sum(" DB_PAY_SIGNED("pay") "), 0) FROM payments pay "
	    "   WHERE pay.paid_at >= ?3 AND pay.paid_at < ?4 AND " DB_PAY_LIVE("pay") "), "
	    "  (SELECT count(*) FROM students WHERE created_at >= ?3 AND created_at < ?4), "
	    "  (SELECT count(*) FROM subscriptions WHERE status = 'active' "
	    "   AND starts_at <= ?1 AND ends_at > ?1)");
	int rc;

	memset(out, 0, sizeof(*out));
	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_int64(st, 2, since);
	sqlite3_bind_int64(st, 3, month_start);
	sqlite3_bind_int64(st, 4, month_end);
	rc = db_step_row(db, st, "stats");
	if (rc == DB_OK) {
		out->active_students = sqlite3_column_int64(st, 0);
		out->classes = sqlite3_column_int64(st, 1);
		out->visits = sqlite3_column_int64(st, 2);
		out->month_revenue = sqlite3_column_int64(st, 3);
		out->month_new_students = sqlite3_column_int64(st, 4);
		out->active_subscriptions = sqlite3_column_int64(st, 5);
	}
	sqlite3_reset(st);
	/* An aggregate query always returns its one row. */
	return rc == DB_OK ? DB_OK : DB_ERROR;
}

void report_lines_free(struct report_line *v, size_t n)
{
	if (v == NULL)
		return;
	for (size_t i = 0; i < n; i++)
		free(v[i].title);
	free(v);
}

/* Read the (title, classes, visits[, id]) rows of a report query bound
 * with ?1 start, ?2 end, ?3 now, ?4 max. */
static int db_report_lines(struct db *db, sqlite3_stmt *st, int64_t start, int64_t end,
    int64_t now, size_t max, struct report_line **out, size_t *n, const char *op)
{
	struct report_line *v = NULL;
	size_t count = 0, cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, start);
	sqlite3_bind_int64(st, 2, end);
	sqlite3_bind_int64(st, 3, now);
	sqlite3_bind_int64(st, 4, (int64_t)max);
	while ((rc = db_step_row(db, st, op)) == DB_OK) {
		XGROW(v, cap, count + 1);
		v[count].title = db_column_dup(st, 0);
		v[count].classes = sqlite3_column_int64(st, 1);
		v[count].visits = sqlite3_column_int64(st, 2);
		v[count].id = sqlite3_column_count(st) > 3 ? sqlite3_column_int64(st, 3) : 0;
		count++;
	}
	sqlite3_reset(st);
	if (rc != DB_NOTFOUND) {
		report_lines_free(v, count);
		return DB_ERROR;
	}
	*out = v;
	*n = count;
	return DB_OK;
}

int db_report_by_class(struct db *db, int64_t start, int64_t end, int64_t now, size_t max,
    struct report_line **out, size_t *n)
{
	sqlite3_stmt *st = db_stmt_get(db,
	    "SELECT coalesce(ct.title, h.title) AS name, count(*), sum(h.visits) "
	    "FROM (" DB_HELD_CLASSES ") h "
	    "LEFT JOIN class_templates ct ON ct.id = h.template_id "
	    "GROUP BY name ORDER BY count(*) DESC, name LIMIT ?4");

	return db_report_lines(db, st, start, end, now, max, out, n, "report by class");
}

int db_report_by_trainer(struct db *db, int64_t start, int64_t end, int64_t now, size_t max,
    struct report_line **out, size_t *n)
{
	sqlite3_stmt *st = db_stmt_get(db,
	    "SELECT CASE WHEN tr.id IS NULL THEN NULL "
	    "  ELSE trim(tr.first_name || ' ' || tr.last_name) END, count(*), sum(h.visits) "
	    "FROM (" DB_HELD_CLASSES ") h "
	    "LEFT JOIN trainers tr ON tr.id = h.trainer_id "
	    "GROUP BY h.trainer_id ORDER BY h.trainer_id IS NULL, count(*) DESC, 1 LIMIT ?4");

	return db_report_lines(db, st, start, end, now, max, out, n, "report by trainer");
}

int db_report_by_student(struct db *db, int64_t start, int64_t end, int64_t now, size_t max,
    struct report_line **out, size_t *n)
{
	sqlite3_stmt *st = db_stmt_get(db,
	    "SELECT trim(s.first_name || ' ' || s.last_name), count(*), "
	    "  sum(a.status IN ('present', 'late')) AS visits, s.id "
	    "FROM attendance a JOIN trainings t ON t.id = a.training_id "
	    "JOIN students s ON s.id = a.student_id "
	    "WHERE t.cancelled = 0 AND t.starts_at >= ?1 AND t.starts_at < ?2 AND t.starts_at < ?3 "
	    "GROUP BY s.id ORDER BY visits DESC, s.first_name, s.last_name, s.id LIMIT ?4");

	return db_report_lines(db, st, start, end, now, max, out, n, "report by student");
}

void lapsed_students_free(struct lapsed_student *v, size_t n)
{
	if (v == NULL)
		return;
	for (size_t i = 0; i < n; i++) {
		free(v[i].first_name);
		free(v[i].last_name);
	}
	free(v);
}

int db_lapsed_students(struct db *db, int64_t since, int64_t until, int64_t now, size_t max,
    struct lapsed_student **out, size_t *n, int64_t *total)
{
	/* ?1 since, ?2 until, ?3 now, ?4 max; the window function counts
	 * every lapsed student before LIMIT cuts the list. The last visit is
	 * visit_summary's (see migrations.c) when it is before now; a student
	 * checked in to a class still to come has their visits of [since,
	 * now) read instead. */
	sqlite3_stmt *st = db_stmt_get(db,
	    "WITH recent AS (SELECT s.id AS student_id, CASE WHEN v.last_visit < ?3 "
	    "  THEN v.last_visit ELSE (SELECT max(t.starts_at) FROM attendance a "
	    "   JOIN trainings t ON t.id = a.training_id WHERE a.student_id = s.id "
	    "   AND a.status IN ('present', 'late') AND t.cancelled = 0 "
	    "   AND t.starts_at >= ?1 AND t.starts_at < ?3) END AS last_visit "
	    "  FROM students s JOIN visit_summary v ON v.student_id = s.id "
	    "  WHERE s.active = 1 AND v.last_visit >= ?1) "
	    "SELECT s.id, s.first_name, s.last_name, r.last_visit, "
	    "  EXISTS (SELECT 1 FROM subscriptions f WHERE f.student_id = s.id "
	    "   AND f.status = 'frozen' AND f.ends_at > ?3), "
	    "  count(*) OVER () "
	    "FROM recent r JOIN students s ON s.id = r.student_id "
	    "WHERE r.last_visit >= ?1 AND r.last_visit < ?2 "
	    "ORDER BY r.last_visit, s.id LIMIT ?4");
	struct lapsed_student *v = NULL;
	size_t count = 0, cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	*total = 0;
	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, since);
	sqlite3_bind_int64(st, 2, until);
	sqlite3_bind_int64(st, 3, now);
	sqlite3_bind_int64(st, 4, (int64_t)max);
	while ((rc = db_step_row(db, st, "lapsed students")) == DB_OK) {
		XGROW(v, cap, count + 1);
		v[count].id = sqlite3_column_int64(st, 0);
		v[count].first_name = db_column_dup(st, 1);
		v[count].last_name = db_column_dup(st, 2);
		v[count].last_visit = sqlite3_column_int64(st, 3);
		v[count].frozen = sqlite3_column_int(st, 4);
		*total = sqlite3_column_int64(st, 5);
		count++;
	}
	sqlite3_reset(st);
	if (rc != DB_NOTFOUND) {
		lapsed_students_free(v, count);
		*total = 0;
		return DB_ERROR;
	}
	*out = v;
	*n = count;
	return DB_OK;
}
