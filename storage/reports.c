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

/* The (key, amount, count) rows of the revenue queries. */
#define DB_ROW struct revenue_line
static const struct db_rowtype db_line_rows = DB_ROWTYPE(NULL, NULL,
	DB_TEXT(key), DB_I64(amount), DB_I64(count));
#undef DB_ROW

void revenue_release(struct revenue *r)
{
	if (r == NULL)
		return;
	db_rows_free(r->by_method, r->n_method, &db_line_rows);
	db_rows_free(r->by_plan, r->n_plan, &db_line_rows);
	memset(r, 0, sizeof(*r));
}

/* The sums of the revenue, read into struct revenue. */
#define DB_ROW struct revenue
static const struct db_rowtype db_sums_rows = DB_ROWTYPE(NULL, NULL,
	DB_I64(count), DB_I64(refunds), DB_I64(n_refunds), DB_I64(voided), DB_I64(n_voided));
#undef DB_ROW

int db_revenue(struct db *db, int64_t start, int64_t end, struct revenue *out)
{
	size_t i;
	int rc;

	memset(out, 0, sizeof(*out));
	out->by_method = db_query_all(db,
	    "SELECT pay.method, sum(" DB_PAY_SIGNED("pay") "), count(*) FROM payments pay "
	    "WHERE pay.paid_at >= ?1 AND pay.paid_at < ?2 AND " DB_PAY_LIVE("pay") " "
	    "GROUP BY pay.method ORDER BY sum(" DB_PAY_SIGNED("pay") ") DESC, pay.method",
	    "revenue by method", &db_line_rows, &out->n_method, &rc,
	    DB_ARGS(DB_I(start), DB_I(end)));
	/* Grouped by plan id, not title: two plans may share a title. */
	if (rc == DB_OK)
		out->by_plan = db_query_all(db,
		    "SELECT p.title, sum(pay.amount), count(*) FROM payments pay "
		    "LEFT JOIN subscriptions s ON s.id = pay.subscription_id "
		    "LEFT JOIN plans p ON p.id = s.plan_id "
		    "WHERE pay.paid_at >= ?1 AND pay.paid_at < ?2 AND pay.refund = 0 "
		    "AND " DB_PAY_LIVE("pay") " "
		    "GROUP BY p.id ORDER BY p.id IS NULL, sum(pay.amount) DESC, p.title",
		    "revenue by plan", &db_line_rows, &out->n_plan, &rc,
		    DB_ARGS(DB_I(start), DB_I(end)));
	if (rc == DB_OK)
		rc = db_fetch_one(db, db_prepare(db,
		    "SELECT coalesce(sum(" DB_PAY_LIVE("pay") " AND pay.refund = 0), 0), "
		    "coalesce(sum(CASE WHEN " DB_PAY_LIVE("pay") " AND pay.refund = 1 "
		    "  THEN pay.amount END), 0), "
		    "coalesce(sum(" DB_PAY_LIVE("pay") " AND pay.refund = 1), 0), "
		    "coalesce(sum(CASE WHEN NOT " DB_PAY_LIVE("pay") " THEN pay.amount END), 0), "
		    "coalesce(sum(NOT " DB_PAY_LIVE("pay") "), 0) "
		    "FROM payments pay WHERE pay.paid_at >= ?1 AND pay.paid_at < ?2",
		    DB_ARGS(DB_I(start), DB_I(end))), "revenue sums", &db_sums_rows, out);
	if (rc != DB_OK) {
		revenue_release(out);
		return DB_ERROR;
	}
	for (i = 0; i < out->n_method; i++)
		out->total += out->by_method[i].amount;
	return DB_OK;
}

#define DB_ROW struct academy_stats
static const struct db_rowtype db_stats_rows = DB_ROWTYPE(NULL, NULL,
	DB_I64(active_students), DB_I64(classes), DB_I64(visits), DB_I64(month_revenue),
	DB_I64(month_new_students), DB_I64(active_subscriptions));
#undef DB_ROW

int db_stats(struct db *db, int64_t now, int64_t since, int64_t month_start,
    int64_t month_end, struct academy_stats *out)
{
	int rc = db_query_one(db,
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
	    "   AND starts_at <= ?1 AND ends_at > ?1)", "stats", &db_stats_rows, out,
	    DB_ARGS(DB_I(now), DB_I(since), DB_I(month_start), DB_I(month_end)));

	/* An aggregate query always returns its one row. */
	return rc == DB_OK ? DB_OK : DB_ERROR;
}

/* The (title, classes, visits, id) rows of the report queries. */
#define DB_ROW struct report_line
static const struct db_rowtype db_report_rows = DB_ROWTYPE(NULL, NULL,
	DB_TEXT(title), DB_I64(classes), DB_I64(visits), DB_I64(id));
#undef DB_ROW

DB_FREE_FN(report_lines_free, struct report_line, db_report_rows)

/* The rows of report query sql bound with ?1 start, ?2 end, ?3 now, ?4 max. */
static int db_report_lines(struct db *db, const char *sql, int64_t start, int64_t end,
    int64_t now, size_t max, struct report_line **out, size_t *n, const char *op)
{
	int rc;

	*out = db_query_all(db, sql, op, &db_report_rows, n, &rc,
	    DB_ARGS(DB_I(start), DB_I(end), DB_I(now), DB_I((int64_t)max)));
	return rc;
}

int db_report_by_class(struct db *db, int64_t start, int64_t end, int64_t now, size_t max,
    struct report_line **out, size_t *n)
{
	return db_report_lines(db,
	    "SELECT coalesce(ct.title, h.title) AS name, count(*), sum(h.visits), 0 "
	    "FROM (" DB_HELD_CLASSES ") h "
	    "LEFT JOIN class_templates ct ON ct.id = h.template_id "
	    "GROUP BY name ORDER BY count(*) DESC, name LIMIT ?4", start, end, now, max, out, n,
	    "report by class");
}

int db_report_by_trainer(struct db *db, int64_t start, int64_t end, int64_t now, size_t max,
    struct report_line **out, size_t *n)
{
	return db_report_lines(db,
	    "SELECT CASE WHEN tr.id IS NULL THEN NULL "
	    "  ELSE trim(tr.first_name || ' ' || tr.last_name) END, count(*), sum(h.visits), 0 "
	    "FROM (" DB_HELD_CLASSES ") h "
	    "LEFT JOIN trainers tr ON tr.id = h.trainer_id "
	    "GROUP BY h.trainer_id ORDER BY h.trainer_id IS NULL, count(*) DESC, 1 LIMIT ?4",
	    start, end, now, max, out, n, "report by trainer");
}

int db_report_by_student(struct db *db, int64_t start, int64_t end, int64_t now, size_t max,
    struct report_line **out, size_t *n)
{
	return db_report_lines(db,
	    "SELECT trim(s.first_name || ' ' || s.last_name), count(*), "
	    "  sum(a.status IN ('present', 'late')) AS visits, s.id "
	    "FROM attendance a JOIN trainings t ON t.id = a.training_id "
	    "JOIN students s ON s.id = a.student_id "
	    "WHERE t.cancelled = 0 AND t.starts_at >= ?1 AND t.starts_at < ?2 AND t.starts_at < ?3 "
	    "GROUP BY s.id ORDER BY visits DESC, s.first_name, s.last_name, s.id LIMIT ?4",
	    start, end, now, max, out, n, "report by student");
}

/* A lapsed student's row; the query's sixth column, the total, is read
 * by db_lapsed_students itself. */
#define DB_ROW struct lapsed_student
static const struct db_rowtype db_lapsed_rows = DB_ROWTYPE(NULL, NULL,
	DB_I64(id), DB_TEXT(first_name), DB_TEXT(last_name), DB_I64(last_visit), DB_INT(frozen));
#undef DB_ROW

DB_FREE_FN(lapsed_students_free, struct lapsed_student, db_lapsed_rows)

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
		memset(&v[count], 0, sizeof(v[count]));
		db_row_read(st, &db_lapsed_rows, &v[count++]);
		*total = sqlite3_column_int64(st, 5);
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
