/*
 * jobs.c — read-only queries for the scheduled jobs (see jobs.h).
 *
 * An academy may have ten thousand students and millions of visits: the
 * questions asked of every student are answered from the maintained
 * summaries (visit_summary, visit_templates) and indexes, never by
 * reading each student's visits; every answer is bounded by a LIMIT.
 *
 * Callers: handlers/jobs.c.
 */
#include <stdlib.h>
#include <string.h>

#include "lib/util.h"
#include "storage/internal.h"
#include "storage/jobs.h"

/* The students a job may write to (see jobs.h). */
#define DB_CAN_REMIND(s) \
	s ".active = 1 AND " s ".tg_id IS NOT NULL AND " s ".reachable = 1 AND " s ".remind = 1"
/* An active plan of subscriptions row b that ends in (?1, ?2]: the
 * digest counts them, the dashboard lists them. */
#define DB_PLAN_ENDING(b) \
	b ".status = 'active' AND " b ".ends_at > ?1 AND " b ".ends_at <= ?2"
/* A present or late mark. */
#define DB_TRAINED(a) a ".status IN ('present', 'late')"

/* The recipient's columns, first in every query that names one: the
 * student, tg_id, first and last name, and u.lang. */
#define DB_RECIPIENT_COLS(who) \
	DB_I64(who student_id), DB_I64(who tg_id), DB_TEXT(who first_name), \
	DB_TEXT(who last_name), DB_TEXT(who lang)

#define DB_ROW struct recipient
static const struct db_rowtype db_recipient_rows = DB_ROWTYPE(NULL, NULL, DB_RECIPIENT_COLS());
#undef DB_ROW

/* The recipient, then whether they may be reminded and are frozen. */
#define DB_ROW struct absence
static const struct db_rowtype db_absence_rows = DB_ROWTYPE(NULL, NULL,
	DB_RECIPIENT_COLS(who.), DB_INT(can_remind), DB_INT(frozen));
#undef DB_ROW

/* The columns of DB_PLAN_DUE_SELECT. */
#define DB_ROW struct plan_due
static const struct db_rowtype db_plan_due_rows = DB_ROWTYPE(NULL, NULL,
	DB_RECIPIENT_COLS(who.), DB_I64(subscription_id), DB_TEXT(plan_title), DB_I64(price),
	DB_I64(ends_at), DB_INT(classes_left), DB_INT(expired));
#undef DB_ROW

#define DB_ROW struct digest_class
static const struct db_rowtype db_class_rows = DB_ROWTYPE(NULL, NULL,
	DB_TEXT(title), DB_I64(starts_at), DB_INT(cancelled), DB_INT(present));
#undef DB_ROW

/* A trainer's chat id: one column, a row of its own. */
#define DB_ROW int64_t
static const struct db_rowtype db_chat_rows = DB_ROWTYPE(NULL, NULL, { .kind = DB_COL_INT64 });
#undef DB_ROW

DB_FREE_FN(recipients_free, struct recipient, db_recipient_rows)
DB_FREE_FN(absences_free, struct absence, db_absence_rows)
DB_FREE_FN(plan_dues_free, struct plan_due, db_plan_due_rows)

void digest_release(struct digest *d)
{
	if (d == NULL)
		return;
	db_rows_free(d->classes, d->n_classes, &db_class_rows);
	memset(d, 0, sizeof(*d));
}

int db_jobs_training_targets(struct db *db, int64_t training_id, int regulars_only,
    struct recipient **out, size_t *n)
{
	int rc;

	*out = db_query_all(db,
	    "WITH t AS (SELECT id, template_id, starts_at FROM trainings WHERE id = ?1) "
	    "SELECT s.id, s.tg_id, s.first_name, s.last_name, u.lang "
	    "FROM students s JOIN t LEFT JOIN tg_users u ON u.tg_id = s.tg_id "
	    "WHERE " DB_CAN_REMIND("s") " "
	    "AND EXISTS (SELECT 1 FROM subscriptions b WHERE b.student_id = s.id "
	    "  AND b.status = 'active' AND b.starts_at <= t.starts_at AND b.ends_at > t.starts_at "
	    "  AND (b.classes_left IS NULL OR b.classes_left > 0)) "
	    "AND (?2 = 0 OR EXISTS (SELECT 1 FROM attendance a JOIN trainings p ON p.id = a.training_id "
	    "  WHERE a.student_id = s.id AND p.template_id = t.template_id AND p.cancelled = 0 "
	    "  AND " DB_TRAINED("a") " AND p.starts_at >= t.starts_at - 28 * 86400 "
	    "  AND p.starts_at < t.starts_at)) "
	    "AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.student_id = s.id AND a.training_id = t.id) "
	    "AND NOT EXISTS (SELECT 1 FROM rsvp r WHERE r.student_id = s.id AND r.training_id = t.id "
	    "  AND r.answer = 'no') "
	    "ORDER BY s.id LIMIT 1000", "reminder targets", &db_recipient_rows, n, &rc,
	    DB_ARGS(DB_I(training_id), DB_I(regulars_only != 0)));
	return rc;
}

/*
 * The absences job asks, for each of thousands of active students, how
 * many classes of their usual weekly classes were held since their last
 * visit: counted here in C over visit_templates (each student's last
 * visit to each weekly class) and, per weekly class, the sorted starts of
 * its classes held by now, instead of one count over the classes for each
 * student. The rows are read in three sequential scans; names and the
 * rest are read only for the students listed.
 */

/* Pairs (a1, a2) and (b1, b2) in order: -1, 0 or 1. */
static int db_pair_cmp(int64_t a1, int64_t a2, int64_t b1, int64_t b2)
{
	if (a1 != b1)
		return a1 < b1 ? -1 : 1;
	return (a2 > b2) - (a2 < b2);
}

/* A class of a weekly class held by now: (template, start), sorted. */
struct db_held {
	int64_t template_id;
	int64_t starts_at;
};

static int db_held_cmp(const void *a, const void *b)
{
	const struct db_held *x = a, *y = b;

	return db_pair_cmp(x->template_id, x->starts_at, y->template_id, y->starts_at);
}

/* Classes of template_id in held[0..n) that started after `after`. */
static int db_held_since(const struct db_held *held, size_t n, int64_t template_id,
    int64_t after)
{
	struct db_held key = { template_id, after };
	size_t lo = 0, hi = n, first;

	/* The first entry past (template_id, after), then the template's end. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (db_held_cmp(&held[mid], &key) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	first = lo;
	hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (held[mid].template_id <= template_id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (int)(lo - first);
}

#define DB_ROW struct db_held
static const struct db_rowtype db_held_rows = DB_ROWTYPE(NULL, NULL,
	DB_I64(template_id), DB_I64(starts_at));
#undef DB_ROW

/* The classes of weekly classes held (not cancelled, over) by now. */
static int db_held_read(struct db *db, int64_t now, struct db_held **out, size_t *n)
{
	int rc;

	*out = db_query_all(db,
	    "SELECT template_id, starts_at FROM trainings WHERE template_id IS NOT NULL "
	    "AND cancelled = 0 AND starts_at <= ?1 AND starts_at + duration_min * 60 <= ?1",
	    "absences: classes held", &db_held_rows, n, &rc, DB_ARGS(DB_I(now)));
	if (rc == DB_OK && *n > 1)
		qsort(*out, *n, sizeof(**out), db_held_cmp);
	return rc;
}

/* A student's figures before the filter: who, since when, how many missed. */
struct db_absent {
	int64_t id;
	int64_t last_visit;        /* 0: none up to now */
	int64_t since;
	int missed;
};

static int db_absent_cmp(const void *a, const void *b)
{
	const struct db_absent *x = a, *y = b;

	return db_pair_cmp(x->since, x->id, y->since, y->id);
}

/*
 * A student whose summed last visit is a class still to come: the last
 * visit up to now and the classes missed since, read from the visits
 * (the weekly classes visited in the 28 days up to it, whether or not
 * since cancelled). Rare: a visit marked ahead of its class.
 */
static int db_absent_from_visits(struct db *db, int64_t now, const struct db_held *held,
    size_t n_held, struct db_absent *a)
{
	sqlite3_stmt *last = db_stmt_get(db,
	    "SELECT max(p.starts_at) FROM attendance a JOIN trainings p ON p.id = a.training_id "
	    "WHERE a.student_id = ?1 AND " DB_TRAINED("a") " AND p.cancelled = 0 "
	    "AND p.starts_at <= ?2");
	sqlite3_stmt *tpl = db_stmt_get(db,
	    "SELECT DISTINCT p.template_id FROM attendance a JOIN trainings p "
	    "ON p.id = a.training_id WHERE a.student_id = ?1 AND " DB_TRAINED("a") " "
	    "AND p.template_id IS NOT NULL AND p.starts_at > ?2 - 28 * 86400 "
	    "AND p.starts_at <= ?2");
	int have = 0, rc;

	if (last == NULL || tpl == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(last, 1, a->id);
	sqlite3_bind_int64(last, 2, now);
	rc = db_step_row(db, last, "absences: last visit");
	if (rc == DB_OK && sqlite3_column_type(last, 0) != SQLITE_NULL) {
		a->last_visit = a->since = sqlite3_column_int64(last, 0);
		have = 1;
	}
	sqlite3_reset(last);
	if (rc != DB_OK)
		return DB_ERROR;
	sqlite3_bind_int64(tpl, 1, a->id);
	sqlite3_bind_int64(tpl, 2, have ? a->last_visit : 0);
	while ((rc = db_step_row(db, tpl, "absences: usual classes")) == DB_OK)
		a->missed += db_held_since(held, n_held, sqlite3_column_int64(tpl, 0), a->since);
	sqlite3_reset(tpl);
	return rc == DB_ERROR ? DB_ERROR : DB_OK;
}

/* Every active student with their figures, in *out. */
static int db_absent_all(struct db *db, int64_t now, const struct db_held *held, size_t n_held,
    struct db_absent **out, size_t *n)
{
	sqlite3_stmt *st = db_stmt_get(db,
	    "SELECT s.id, s.created_at, v.last_visit FROM students s "
	    "JOIN visit_summary v ON v.student_id = s.id WHERE s.active = 1 ORDER BY s.id");
	sqlite3_stmt *tpl = db_stmt_get(db,
	    "SELECT student_id, template_id, last_visit FROM visit_templates "
	    "ORDER BY student_id, template_id");
	struct db_absent *v = NULL;
	size_t cap = 0;
	int rc, trc = DB_OK;

	*out = NULL;
	*n = 0;
	if (st == NULL || tpl == NULL)
		return DB_ERROR;
	/* Both in student order: the weekly classes are merged in. */
	trc = db_step_row(db, tpl, "absences: weekly classes");
	while ((rc = db_step_row(db, st, "absences: students")) == DB_OK) {
		struct db_absent *a;
		int null_visit = sqlite3_column_type(st, 2) == SQLITE_NULL;
		int64_t lv = sqlite3_column_int64(st, 2);

		XGROW(v, cap, *n + 1);
		a = &v[(*n)++];
		memset(a, 0, sizeof(*a));
		a->id = sqlite3_column_int64(st, 0);
		a->since = sqlite3_column_int64(st, 1);
		while (trc == DB_OK && sqlite3_column_int64(tpl, 0) < a->id)
			trc = db_step_row(db, tpl, "absences: weekly classes");
		if (trc == DB_ERROR)
			break;
		if (null_visit)
			continue;          /* never came: nothing missed */
		if (lv > now) {
			if (db_absent_from_visits(db, now, held, n_held, a) != DB_OK) {
				rc = DB_ERROR;
				break;
			}
			continue;
		}
		a->last_visit = a->since = lv;
		/* The weekly classes visited in the 28 days up to the last visit. */
		for (; trc == DB_OK && sqlite3_column_int64(tpl, 0) == a->id;
		    trc = db_step_row(db, tpl, "absences: weekly classes")) {
			if (sqlite3_column_int64(tpl, 2) > lv - 28 * 86400)
				a->missed += db_held_since(held, n_held, sqlite3_column_int64(tpl, 1), lv);
		}
		if (trc == DB_ERROR)
			break;
	}
	sqlite3_reset(st);
	sqlite3_reset(tpl);
	if (rc == DB_ERROR || trc == DB_ERROR) {
		free(v);
		*n = 0;
		return DB_ERROR;
	}
	*out = v;
	return DB_OK;
}

/* Who a listed student is: how to write to them, whether they may be. */
static int db_absence_who(struct db *db, const struct db_absent *f, struct absence *a)
{
	int rc = db_query_one(db,
	    "SELECT s.id, coalesce(s.tg_id, 0), s.first_name, s.last_name, u.lang, "
	    "  (" DB_CAN_REMIND("s") "), EXISTS (SELECT 1 FROM subscriptions f "
	    "  WHERE f.student_id = s.id AND f.status = 'frozen') "
	    "FROM students s LEFT JOIN tg_users u ON u.tg_id = s.tg_id WHERE s.id = ?1",
	    "absences: student", &db_absence_rows, a, DB_ARGS(DB_I(f->id)));

	if (rc == DB_OK) {
		a->last_visit = f->last_visit;
		a->since = f->since;
		a->missed = f->missed;
	}
	return rc == DB_OK ? DB_OK : DB_ERROR;
}

int db_jobs_absences(struct db *db, int64_t now, int absent_days, int missed_threshold,
    size_t max, struct absence **out, size_t *n)
{
	struct db_held *held = NULL;
	struct db_absent *all = NULL;
	struct absence *v = NULL;
	size_t n_held = 0, n_all = 0, kept = 0;
	int rc = DB_OK;

	*out = NULL;
	*n = 0;
	if (db_held_read(db, now, &held, &n_held) != DB_OK ||
	    db_absent_all(db, now, held, n_held, &all, &n_all) != DB_OK) {
		free(held);
		return DB_ERROR;
	}
	free(held);
	for (size_t i = 0; i < n_all; i++) {
		const struct db_absent *a = &all[i];
		if ((absent_days > 0 && a->since <= now - (int64_t)absent_days * 86400) ||
		    (missed_threshold > 0 && a->missed >= missed_threshold))
			all[kept++] = *a;
	}
	if (kept > 1)
		qsort(all, kept, sizeof(*all), db_absent_cmp);
	if (kept > max)
		kept = max;
	if (kept > 0)
		v = xcalloc(kept, sizeof(*v));
	for (size_t i = 0; i < kept && rc == DB_OK; i++) {
		rc = db_absence_who(db, &all[i], &v[i]);
		if (rc == DB_OK)
			(*n)++;
	}
	free(all);
	if (rc != DB_OK) {
		absences_free(v, *n);
		*n = 0;
		return DB_ERROR;
	}
	*out = v;
	return DB_OK;
}

/* The columns db_plan_due_rows reads, of subscriptions b with its
 * student s, plan p and Telegram user u; expired: an SQL expression. */
#define DB_PLAN_DUE_SELECT(expired) \
	"SELECT s.id, s.tg_id, s.first_name, s.last_name, u.lang, b.id, p.title, p.price, " \
	"  b.ends_at, coalesce(b.classes_left, -1), " expired " " \
	"FROM subscriptions b JOIN students s ON s.id = b.student_id " \
	"JOIN plans p ON p.id = b.plan_id LEFT JOIN tg_users u ON u.tg_id = s.tg_id "

/* The plan_due rows of sql (?1 now, ?2 until, ?3 max; columns: the
 * recipient, subscription, plan title, price, ends_at, classes left or
 * -1, expired). */
static int db_plan_dues_read(struct db *db, const char *sql, int64_t now, int64_t until,
    size_t max, const char *op, struct plan_due **out, size_t *n)
{
	int rc;

	*out = db_query_all(db, sql, op, &db_plan_due_rows, n, &rc,
	    DB_ARGS(DB_I(now), DB_I(until), DB_I((int64_t)max)));
	return rc;
}

int db_jobs_plan_dues(struct db *db, int64_t now, int64_t until, size_t max,
    struct plan_due **out, size_t *n)
{
	/* Each status from its partial index by end date (migrations.c),
	 * not a scan of every plan ever sold. */
	return db_plan_dues_read(db,
	    "WITH b AS MATERIALIZED (SELECT id, student_id, plan_id, ends_at, classes_left, 0 AS expired "
	    "  FROM subscriptions WHERE status = 'active' AND starts_at <= ?1 AND ends_at > ?1 "
	    "  AND (ends_at <= ?2 OR classes_left = 1) "
	    "  UNION ALL SELECT id, student_id, plan_id, ends_at, classes_left, 1 "
	    "  FROM subscriptions WHERE status = 'expired' AND ends_at > ?1 - 7 * 86400 "
	    "  AND ends_at <= ?1) "
	    "SELECT s.id, s.tg_id, s.first_name, s.last_name, u.lang, b.id, p.title, p.price, "
	    "  b.ends_at, coalesce(b.classes_left, -1), b.expired "
	    "FROM b JOIN students s ON s.id = b.student_id "
	    "JOIN plans p ON p.id = b.plan_id LEFT JOIN tg_users u ON u.tg_id = s.tg_id "
	    "WHERE " DB_CAN_REMIND("s") " "
	    "AND NOT EXISTS (SELECT 1 FROM subscriptions r WHERE r.student_id = s.id "
	    "  AND r.id <> b.id AND r.status IN ('active', 'frozen') AND r.ends_at > b.ends_at) "
	    "ORDER BY b.id LIMIT ?3", now, until, max, "plan dues", out, n);
}

int db_jobs_plans_ending(struct db *db, int64_t now, int64_t until, size_t max,
    struct plan_due **out, size_t *n)
{
	return db_plan_dues_read(db, DB_PLAN_DUE_SELECT("0") "WHERE " DB_PLAN_ENDING("b") " "
	    "ORDER BY b.ends_at, b.id LIMIT ?3", now, until, max, "plans ending", out, n);
}

/* One integer from a query with ?1..?3 bound to a, b, c. */
static int db_jobs_count(struct db *db, const char *sql, int64_t a, int64_t b, int64_t c,
    int64_t *out, const char *op)
{
	int rc = db_query_int(db, sql, op, out, DB_ARGS(DB_I(a), DB_I(b), DB_I(c)));

	return rc == DB_ERROR ? DB_ERROR : DB_OK;
}

int db_jobs_digest(struct db *db, int64_t day_start, int64_t day_end, int64_t now,
    int64_t expiring_until, struct digest *out)
{
	int64_t v = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	out->classes = db_query_all(db,
	    "SELECT t.title, t.starts_at, t.cancelled, (SELECT count(*) FROM attendance a "
	    "  WHERE a.training_id = t.id AND " DB_TRAINED("a") ") "
	    "FROM trainings t WHERE t.starts_at >= ?1 AND t.starts_at < ?2 "
	    "ORDER BY t.starts_at, t.id LIMIT 50", "digest classes", &db_class_rows,
	    &out->n_classes, &rc, DB_ARGS(DB_I(day_start), DB_I(day_end)));
	if (rc != DB_OK)
		goto fail;
	if (db_jobs_count(db, "SELECT coalesce(sum(" DB_PAY_SIGNED("pay") "), 0) FROM payments pay "
	    "WHERE pay.paid_at >= ?1 AND pay.paid_at < ?2 AND " DB_PAY_LIVE("pay") " AND ?3 = ?3",
	    day_start, day_end, 0, &v, "digest payments") != DB_OK)
		goto fail;
	out->payments_total = v;
	if (db_jobs_count(db, "SELECT count(*) FROM payments pay WHERE pay.refund = 0 "
	    "AND pay.paid_at >= ?1 AND pay.paid_at < ?2 AND " DB_PAY_LIVE("pay") " AND ?3 = ?3",
	    day_start, day_end, 0, &v,
	    "digest payments") != DB_OK)
		goto fail;
	out->payments = (int)v;
	if (db_jobs_count(db, "SELECT count(*) FROM students "
	    "WHERE created_at >= ?1 AND created_at < ?2 AND ?3 = ?3", day_start, day_end, 0, &v,
	    "digest new students") != DB_OK)
		goto fail;
	out->new_students = (int)v;
	if (db_jobs_count(db, "SELECT count(*) FROM subscriptions b "
	    "WHERE " DB_PLAN_ENDING("b") " AND ?3 = ?3", now,
	    expiring_until, 0, &v, "digest expiring") != DB_OK)
		goto fail;
	out->expiring = (int)v;
	/* Messages, not button answers or menus, stuck for 10 minutes. */
	if (db_jobs_count(db, "SELECT count(*) FROM outbox "
	    "WHERE created_at < ?1 - 600 AND method IN (1, 2, 5) AND ?2 = ?2 AND ?3 = ?3", now, 0, 0,
	    &v, "digest undelivered") != DB_OK)
		goto fail;
	out->undelivered = (int)v;
	if (db_jobs_count(db, "SELECT count(*) FROM students "
	    "WHERE active = 1 AND tg_id IS NOT NULL AND reachable = 0 AND ?1 = ?1 AND ?2 = ?2 "
	    "AND ?3 = ?3", 0, 0, 0, &v, "digest unreachable") != DB_OK)
		goto fail;
	out->unreachable = (int)v;
	return DB_OK;
fail:
	digest_release(out);
	memset(out, 0, sizeof(*out));
	return DB_ERROR;
}

int db_jobs_head_trainer(struct db *db, int64_t *tg_id)
{
	*tg_id = 0;
	return db_jobs_count(db, "SELECT coalesce(max(tg_id), 0) FROM trainers "
	    "WHERE is_main = 1 AND active = 1 AND ?1 = ?1 AND ?2 = ?2 AND ?3 = ?3", 0, 0, 0, tg_id,
	    "head trainer");
}

int db_jobs_trainer_chats(struct db *db, int64_t **out, size_t *n)
{
	int rc;

	*out = db_query_all(db,
	    "SELECT tg_id FROM trainers WHERE active = 1 AND tg_id IS NOT NULL ORDER BY id LIMIT 100",
	    "trainer chats", &db_chat_rows, n, &rc, NULL, 0);
	return rc;
}

int db_student_set_remind(struct db *db, int64_t student_id, int on)
{
	return db_exec_changed(db, "UPDATE students SET remind = ?2 WHERE id = ?1", "set remind",
	    DB_ARGS(DB_I(student_id), DB_I(on != 0)));
}
