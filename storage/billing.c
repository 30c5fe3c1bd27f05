/*
 * billing.c — plans, subscriptions, freezes and payments.
 *
 * Invariants: money is integer minor units; a subscription's ends_at is
 * exclusive and, for everything sold here, a local midnight (so "valid
 * until" is the local day before ends_at); classes_left NULL means
 * unlimited and never goes below zero; a frozen subscription has exactly
 * one open freeze row (ended_at NULL). Operations that write more than one
 * row run inside db_atomic_begin/end, so a failure halfway changes nothing.
 * Corrections never delete: a voided payment or sale keeps its row, marked,
 * and a refund is a row of its own (see migration 7).
 *
 * Callers: handlers (billing, check-in, attendance), the scheduler
 * (db_subscriptions_expire).
 */
#include <stdlib.h>
#include <string.h>

#include "lib/civil.h"
#include "lib/log.h"
#include "lib/util.h"
#include "storage/billing.h"
#include "storage/internal.h"

/* The columns db_sub_rows reads, subscriptions as s, plans as p. */
#define DB_SUB_COLS "s.id, s.student_id, s.plan_id, p.code, p.title, p.kind, " \
	"s.starts_at, s.ends_at, s.price, coalesce(s.classes_left, -1), s.status, " \
	"s.voided, s.cancel_reason FROM subscriptions s JOIN plans p ON p.id = s.plan_id"

#define DB_ROW struct subscription
static const struct db_rowtype db_sub_rows = DB_ROWTYPE(NULL, NULL,
	DB_I64(id), DB_I64(student_id), DB_I64(plan_id), DB_TEXT(plan_code), DB_TEXT(plan_title),
	DB_TEXT(plan_kind), DB_I64(starts_at), DB_I64(ends_at), DB_I64(price), DB_INT(classes_left),
	DB_TEXT(status), DB_INT(voided), DB_TEXT(cancel_reason));
#undef DB_ROW

DB_RELEASE_FN(subscription_release, struct subscription, db_sub_rows)

int db_subscription_current(struct db *db, int64_t student_id, int64_t t,
    struct subscription *out)
{
	return db_query_one(db, "SELECT " DB_SUB_COLS
	    " WHERE s.student_id = ?1 AND s.status = 'active' "
	    "AND s.starts_at <= ?2 AND ?2 < s.ends_at "
	    "AND (s.classes_left IS NULL OR s.classes_left > 0) "
	    "ORDER BY s.ends_at, s.id LIMIT 1", "subscription current", &db_sub_rows, out,
	    DB_ARGS(DB_I(student_id), DB_I(t)));
}

/*
 * Besides "never below zero", a restore (+1) may not lift a pack above the
 * plan's size: a double restore (a trainer toggling absent twice) is a bug
 * the caller should hear about, not free classes.
 */
int db_subscription_use_class(struct db *db, int64_t subscription_id, int delta)
{
	sqlite3_stmt *st = db_prepare(db,
	    "SELECT s.classes_left IS NULL, coalesce(s.classes_left, 0), "
	    "coalesce(p.classes, 0) FROM subscriptions s JOIN plans p ON p.id = s.plan_id "
	    "WHERE s.id = ?1", DB_ARGS(DB_I(subscription_id)));
	int64_t left, size;
	int rc;

	if (st == NULL)
		return DB_ERROR;
	rc = db_step_row(db, st, "subscription use class");
	if (rc != DB_OK) {
		sqlite3_reset(st);
		return rc;
	}
	if (sqlite3_column_int(st, 0)) {
		sqlite3_reset(st);
		return DB_OK; /* unlimited */
	}
	left = sqlite3_column_int64(st, 1) + delta;
	size = sqlite3_column_int64(st, 2);
	sqlite3_reset(st);
	if (left < 0 || (delta > 0 && left > size))
		return DB_CONSTRAINT;
	return db_exec(db, "UPDATE subscriptions SET classes_left = ?2 WHERE id = ?1",
	    "subscription use class", DB_ARGS(DB_I(subscription_id), DB_I(left)));
}

DB_FREE_FN(subscriptions_free, struct subscription, db_sub_rows)

int db_subscription_get(struct db *db, int64_t id, struct subscription *out)
{
	return db_query_one(db, "SELECT " DB_SUB_COLS " WHERE s.id = ?1", "subscription get",
	    &db_sub_rows, out, DB_ARGS(DB_I(id)));
}

/* Read the rows of a query selecting DB_SUB_COLS with ?1 student, ?2 now
 * and ?3 the limit. */
static int db_subscriptions_list(struct db *db, sqlite3_stmt *st, int64_t student_id,
    int64_t now, size_t max, struct subscription **out, size_t *n)
{
	int rc;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, student_id);
	sqlite3_bind_int64(st, 2, now);
	sqlite3_bind_int64(st, 3, (int64_t)max);
	*out = db_fetch_all(db, st, "subscriptions list", &db_sub_rows, n, &rc);
	return rc;
}

int db_subscriptions_open(struct db *db, int64_t student_id, int64_t now, size_t max,
    struct subscription **out, size_t *n)
{
	return db_subscriptions_list(db, db_stmt_get(db,
	    "SELECT " DB_SUB_COLS " WHERE s.student_id = ?1 "
	    "AND s.status IN ('active', 'frozen') AND s.ends_at > ?2 "
	    "ORDER BY s.starts_at, s.ends_at, s.id LIMIT ?3"), student_id, now, max, out, n);
}

int db_subscriptions_recent(struct db *db, int64_t student_id, size_t max,
    struct subscription **out, size_t *n)
{
	return db_subscriptions_list(db, db_stmt_get(db,
	    "SELECT " DB_SUB_COLS " WHERE s.student_id = ?1 AND ?2 = ?2 "
	    "ORDER BY s.id DESC LIMIT ?3"), student_id, 0, max, out, n);
}

int db_subscriptions_page(struct db *db, int64_t student_id, int open_only, int64_t now,
    size_t offset, size_t limit, struct subscription **out, size_t *n, int64_t *total)
{
	int rc;
	/* ?1 student (0: everyone's), ?2 open only, ?3 now, ?4 limit, ?5 offset */
	sqlite3_stmt *count = db_stmt_get(db, "SELECT count(*) FROM subscriptions s "
	    "WHERE (?1 = 0 OR s.student_id = ?1) "
	    "AND (?2 = 0 OR (s.status IN ('active', 'frozen') AND s.ends_at > ?3))");
	sqlite3_stmt *st = db_stmt_get(db,
	    "SELECT " DB_SUB_COLS " WHERE (?1 = 0 OR s.student_id = ?1) "
	    "AND (?2 = 0 OR (s.status IN ('active', 'frozen') AND s.ends_at > ?3)) "
	    "ORDER BY s.starts_at, s.id LIMIT ?4 OFFSET ?5");

	*out = NULL;
	*n = 0;
	*total = 0;
	if (count == NULL || st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(count, 1, student_id);
	sqlite3_bind_int(count, 2, open_only != 0);
	sqlite3_bind_int64(count, 3, now);
	if (db_count(db, count, total, "subscriptions count") != DB_OK)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, student_id);
	sqlite3_bind_int(st, 2, open_only != 0);
	sqlite3_bind_int64(st, 3, now);
	sqlite3_bind_int64(st, 4, (int64_t)limit);
	sqlite3_bind_int64(st, 5, (int64_t)offset);
	*out = db_fetch_all(db, st, "subscriptions page", &db_sub_rows, n, &rc);
	return rc;
}

/* ---- plans ---------------------------------------------------------- */

#define DB_PLAN_COLS "id, code, title, kind, price, duration_days, coalesce(classes, 0), " \
	"active FROM plans"

#define DB_ROW struct plan
static const struct db_rowtype db_plan_rows = DB_ROWTYPE(NULL, NULL,
	DB_I64(id), DB_TEXT(code), DB_TEXT(title), DB_TEXT(kind), DB_I64(price),
	DB_INT(duration_days), DB_INT(classes), DB_INT(active));
#undef DB_ROW

DB_ROW_FNS(plan_release, plans_free, struct plan, db_plan_rows)

int db_plan_add(struct db *db, const char *code, const char *title, const char *kind,
    int64_t price, int duration_days, int classes, int64_t now, int64_t *id)
{
	return db_insert(db,
	    "INSERT INTO plans (code, title, kind, price, duration_days, classes, created_at) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, nullif(?6, 0), ?7)", "plan add", id,
	    DB_ARGS(DB_S(code), DB_S(title), DB_S(kind), DB_I(price), DB_I(duration_days),
	    DB_I(classes), DB_I(now)));
}

/* The first row of a query selecting DB_PLAN_COLS with ?1 the code. */
static int db_plan_fetch(struct db *db, sqlite3_stmt *st, const char *code,
    struct plan *out)
{
	memset(out, 0, sizeof(*out));
	if (st == NULL)
		return DB_ERROR;
	db_bind_text(st, 1, code);
	return db_fetch_one(db, st, "plan by code", &db_plan_rows, out);
}

int db_plan_by_code(struct db *db, const char *code, struct plan *out)
{
	return db_plan_fetch(db, db_stmt_get(db,
	    "SELECT " DB_PLAN_COLS " WHERE code = ?1 AND active = 1"), code, out);
}

int db_plan_get(struct db *db, int64_t id, struct plan *out)
{
	return db_query_one(db, "SELECT " DB_PLAN_COLS " WHERE id = ?1", "plan get",
	    &db_plan_rows, out, DB_ARGS(DB_I(id)));
}

int db_plan_find(struct db *db, const char *code, struct plan *out)
{
	return db_plan_fetch(db, db_stmt_get(db,
	    "SELECT " DB_PLAN_COLS " WHERE code = ?1"), code, out);
}

int db_plans_list(struct db *db, size_t max, int retired, struct plan **out, size_t *n)
{
	int rc;

	*out = db_query_all(db, "SELECT " DB_PLAN_COLS " WHERE active = 1 OR ?2 = 1 "
	    "ORDER BY active DESC, price, code LIMIT ?1", "plans list", &db_plan_rows, n, &rc,
	    DB_ARGS(DB_I((int64_t)max), DB_I(retired)));
	return rc;
}

int db_plan_set_active(struct db *db, int64_t id, int active)
{
	return db_exec(db, "UPDATE plans SET active = ?2 WHERE id = ?1", "plan set active",
	    DB_ARGS(DB_I(id), DB_I(active ? 1 : 0)));
}

int db_plan_set_price(struct db *db, int64_t id, int64_t price)
{
	if (price < 0)
		return DB_CONSTRAINT;
	return db_exec(db, "UPDATE plans SET price = ?2 WHERE id = ?1", "plan set price",
	    DB_ARGS(DB_I(id), DB_I(price)));
}

/* ---- payments ------------------------------------------------------- */

int db_payment_method_ok(const char *method)
{
	static const char *const methods[] = { "cash", "card", "transfer", "other" };
	size_t i;

	for (i = 0; method != NULL && i < BJJ_ARRAY_LEN(methods); i++) {
		if (strcmp(method, methods[i]) == 0)
			return 1;
	}
	return 0;
}

/* A payments row: a payment (refund 0) or a refund (1). */
static int db_payment_insert(struct db *db, int64_t student_id, int64_t amount,
    const char *method, const char *description, int64_t recorded_by,
    int64_t subscription_id, int refund, int64_t now, int64_t *id)
{
	if (amount <= 0 || !db_payment_method_ok(method))
		return DB_CONSTRAINT;
	return db_insert(db,
	    "INSERT INTO payments (student_id, amount, paid_at, method, description, "
	    "recorded_by, subscription_id, refund, created_at) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, nullif(?7, 0), ?8, ?3)", "payment add", id,
	    DB_ARGS(DB_I(student_id), DB_I(amount), DB_I(now), DB_S(method), DB_S(description),
	    DB_I(recorded_by), DB_I(subscription_id), DB_I(refund)));
}

int db_payment_add(struct db *db, int64_t student_id, int64_t amount, const char *method,
    const char *description, int64_t recorded_by, int64_t subscription_id, int64_t now,
    int64_t *id)
{
	return db_payment_insert(db, student_id, amount, method, description, recorded_by,
	    subscription_id, 0, now, id);
}

int db_refund_add(struct db *db, int64_t student_id, int64_t amount, const char *method,
    const char *description, int64_t recorded_by, int64_t now, int64_t *id)
{
	return db_payment_insert(db, student_id, amount, method, description, recorded_by, 0,
	    1, now, id);
}

#define DB_PAY_COLS "id, student_id, amount, paid_at, method, description, " \
	"coalesce(subscription_id, 0), refund, coalesce(voided_at, 0), void_reason FROM payments"

#define DB_ROW struct payment
static const struct db_rowtype db_pay_rows = DB_ROWTYPE(NULL, NULL,
	DB_I64(id), DB_I64(student_id), DB_I64(amount), DB_I64(paid_at), DB_TEXT(method),
	DB_TEXT(description), DB_I64(subscription_id), DB_INT(refund), DB_I64(voided_at),
	DB_TEXT(void_reason));
#undef DB_ROW

DB_ROW_FNS(payment_release, payments_free, struct payment, db_pay_rows)

int db_payment_get(struct db *db, int64_t id, struct payment *out)
{
	return db_query_one(db, "SELECT " DB_PAY_COLS " WHERE id = ?1", "payment get",
	    &db_pay_rows, out, DB_ARGS(DB_I(id)));
}

/* Void the payments matching ?1 (a payment id, or with ?5 = 1 a
 * subscription id) not voided yet; *changed gets how many. */
static int db_payments_void(struct db *db, int64_t id, int by_subscription,
    const char *reason, int64_t by, int64_t now, int *changed)
{
	sqlite3_stmt *st = db_prepare(db,
	    "UPDATE payments SET voided_at = ?2, voided_by = ?3, void_reason = ?4 "
	    "WHERE voided_at IS NULL AND "
	    "(CASE WHEN ?5 = 1 THEN subscription_id ELSE id END) = ?1",
	    DB_ARGS(DB_I(id), DB_I(now), DB_I(by), DB_S(reason), DB_I(by_subscription)));
	int rc;

	*changed = 0;
	if (st == NULL)
		return DB_ERROR;
	if ((rc = db_step_done(db, st, "payment void")) == DB_OK)
		*changed = sqlite3_changes(db->h);
	return rc;
}

int db_payment_void(struct db *db, int64_t id, const char *reason, int64_t by, int64_t now)
{
	struct payment p;
	int rc, changed;

	if ((rc = db_payment_get(db, id, &p)) != DB_OK)
		return rc;
	rc = p.voided_at != 0 ? DB_CONSTRAINT : DB_OK;
	payment_release(&p);
	if (rc != DB_OK)
		return rc;
	return db_payments_void(db, id, 0, reason, by, now, &changed);
}

int db_payments_page(struct db *db, int64_t student_id, int64_t from, int64_t to,
    size_t offset, size_t limit, struct payment **out, size_t *n, int64_t *total)
{
	/* ?1 student (0: everyone's), [?2, ?3) paid_at, ?4 limit, ?5 offset.
	 * A statement each: with "(?1 = 0 OR student_id = ?1)" the plan,
	 * made before ?1 is known, walked the date index through every
	 * payment (137,000: 25 ms) to find one student's dozen. */
#define DB_PAY_PAGE_WHERE(who) " WHERE " who " AND paid_at >= ?2 AND paid_at < ?3"
	static const char *const count_sql[] = {
		"SELECT count(*) FROM payments" DB_PAY_PAGE_WHERE("?1 = 0"),
		"SELECT count(*) FROM payments" DB_PAY_PAGE_WHERE("student_id = ?1"),
	};
	static const char *const page_sql[] = {
		"SELECT " DB_PAY_COLS DB_PAY_PAGE_WHERE("?1 = 0")
		" ORDER BY paid_at DESC, id DESC LIMIT ?4 OFFSET ?5",
		"SELECT " DB_PAY_COLS DB_PAY_PAGE_WHERE("student_id = ?1")
		" ORDER BY paid_at DESC, id DESC LIMIT ?4 OFFSET ?5",
	};
#undef DB_PAY_PAGE_WHERE
	sqlite3_stmt *count = db_stmt_get(db, count_sql[student_id != 0]);
	sqlite3_stmt *st = db_stmt_get(db, page_sql[student_id != 0]);
	int rc;

	*out = NULL;
	*n = 0;
	if (total != NULL)
		*total = 0;
	if (count == NULL || st == NULL)
		return DB_ERROR;
	if (total != NULL) {
		sqlite3_bind_int64(count, 1, student_id);
		sqlite3_bind_int64(count, 2, from);
		sqlite3_bind_int64(count, 3, to);
		rc = db_count(db, count, total, "payments count");
		if (rc != DB_OK)
			return DB_ERROR;
	}
	sqlite3_bind_int64(st, 1, student_id);
	sqlite3_bind_int64(st, 2, from);
	sqlite3_bind_int64(st, 3, to);
	sqlite3_bind_int64(st, 4, (int64_t)limit);
	sqlite3_bind_int64(st, 5, (int64_t)offset);
	*out = db_fetch_all(db, st, "payments page", &db_pay_rows, n, &rc);
	return rc;
}

int db_payments_recent(struct db *db, int64_t student_id, size_t max,
    struct payment **out, size_t *n)
{
	return db_payments_page(db, student_id, INT64_MIN, INT64_MAX, 0, max, out, n, NULL);
}

/* ---- selling -------------------------------------------------------- */

/*
 * When a new subscription for the student should start: now, or the end
 * of their last open subscription that can still be used (a used-up pack
 * does not make a new one wait). *renewal 1 in the second case.
 */
static int db_subscription_next_start(struct db *db, int64_t student_id, int64_t now,
    int64_t *start, int *renewal)
{
	sqlite3_stmt *st = db_prepare(db,
	    "SELECT max(ends_at) FROM subscriptions WHERE student_id = ?1 "
	    "AND status IN ('active', 'frozen') AND ends_at > ?2 "
	    "AND (classes_left IS NULL OR classes_left > 0)", DB_ARGS(DB_I(student_id), DB_I(now)));
	int rc;

	*start = now;
	*renewal = 0;
	if (st == NULL)
		return DB_ERROR;
	rc = db_step_row(db, st, "subscription next start");
	if (rc == DB_OK && sqlite3_column_type(st, 0) != SQLITE_NULL) {
		*start = sqlite3_column_int64(st, 0);
		*renewal = 1;
	}
	sqlite3_reset(st);
	return rc == DB_ERROR ? DB_ERROR : DB_OK;
}

/* The body of db_subscription_sell_from, inside its savepoint. */
static int db_subscription_sell_in(struct db *db, int64_t student_id, const struct plan *p,
    const char *method, int64_t recorded_by, int64_t now, int64_t start, int64_t *sub_id,
    int *renewal)
{
	sqlite3_stmt *st;
	int rc;

	if (start != 0)
		start = civil_day_start(start);
	else if ((rc = db_subscription_next_start(db, student_id, now, &start, renewal)) != DB_OK)
		return rc;
	st = db_stmt_get(db,
	    "INSERT INTO subscriptions (student_id, plan_id, starts_at, ends_at, price, "
	    "classes_left, created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, "
	    "nullif(?6, 0), ?7, ?8)");
	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, student_id);
	sqlite3_bind_int64(st, 2, p->id);
	sqlite3_bind_int64(st, 3, start);
	sqlite3_bind_int64(st, 4, civil_add_days(start, p->duration_days));
	sqlite3_bind_int64(st, 5, p->price);
	sqlite3_bind_int(st, 6, p->classes);
	sqlite3_bind_int64(st, 7, recorded_by);
	sqlite3_bind_int64(st, 8, now);
	if ((rc = db_step_done(db, st, "subscription sell")) != DB_OK)
		return rc;
	*sub_id = sqlite3_last_insert_rowid(db->h);
	if (p->price == 0)
		return DB_OK;
	return db_payment_add(db, student_id, p->price, method, p->code, recorded_by,
	    *sub_id, now, NULL);
}

int db_subscription_sell(struct db *db, int64_t student_id, const char *plan_code,
    const char *method, int64_t recorded_by, int64_t now, struct subscription *out,
    int *renewal)
{
	return db_subscription_sell_from(db, student_id, plan_code, method, recorded_by, now, 0,
	    out, renewal);
}

int db_subscription_sell_from(struct db *db, int64_t student_id, const char *plan_code,
    const char *method, int64_t recorded_by, int64_t now, int64_t start,
    struct subscription *out, int *renewal)
{
	struct plan p;
	int64_t sub_id = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	*renewal = 0;
	if (!db_payment_method_ok(method))
		return DB_CONSTRAINT;
	if ((rc = db_plan_by_code(db, plan_code, &p)) != DB_OK)
		return rc;
	if ((rc = db_atomic_begin(db)) != DB_OK)
		goto out;
	rc = db_subscription_sell_in(db, student_id, &p, method, recorded_by, now, start,
	    &sub_id, renewal);
	if ((rc = db_atomic_end(db, rc)) == DB_OK)
		rc = db_subscription_get(db, sub_id, out);
out:
	plan_release(&p);
	return rc;
}

/* ---- freezes -------------------------------------------------------- */

/* An open freeze: ended_at stays 0. */
#define DB_ROW struct freeze
static const struct db_rowtype db_freeze_rows = DB_ROWTYPE(NULL, NULL,
	DB_I64(id), DB_I64(subscription_id), DB_I64(starts_at), DB_I64(ends_at), DB_TEXT(reason));
#undef DB_ROW

DB_RELEASE_FN(freeze_release, struct freeze, db_freeze_rows)

int db_freeze_open(struct db *db, int64_t subscription_id, struct freeze *out)
{
	return db_query_one(db,
	    "SELECT id, subscription_id, starts_at, ends_at, reason FROM freezes "
	    "WHERE subscription_id = ?1 AND ended_at IS NULL ORDER BY id DESC LIMIT 1",
	    "freeze open", &db_freeze_rows, out, DB_ARGS(DB_I(subscription_id)));
}

/* Whole local days from midnight a to midnight b; the half-day slack
 * absorbs a DST hour. */
static int db_days_between(int64_t a, int64_t b)
{
	return (int)((b - a + 43200) / 86400);
}

/*
 * Move the student's active subscriptions starting at or after `after`
 * (other than except_id) by days, so renewals queued behind a frozen
 * subscription keep following it; *moved (may be NULL) gets how many.
 * Read first, then update: no statement writes the table another is
 * stepping through.
 */
static int db_subscriptions_shift(struct db *db, int64_t student_id, int64_t except_id,
    int64_t after, int days, int *moved)
{
	sqlite3_stmt *st = db_prepare(db,
	    "SELECT id, starts_at, ends_at FROM subscriptions WHERE student_id = ?1 "
	    "AND id <> ?2 AND status = 'active' AND starts_at >= ?3",
	    DB_ARGS(DB_I(student_id), DB_I(except_id), DB_I(after)));
	int64_t (*v)[3] = NULL;
	size_t k = 0, i, cap = 0;
	int rc;

	if (st == NULL)
		return DB_ERROR;
	while ((rc = db_step_row(db, st, "subscriptions shift")) == DB_OK) {
		XGROW(v, cap, k + 1);
		v[k][0] = sqlite3_column_int64(st, 0);
		v[k][1] = sqlite3_column_int64(st, 1);
		v[k][2] = sqlite3_column_int64(st, 2);
		k++;
	}
	sqlite3_reset(st);
	if (rc != DB_NOTFOUND) {
		rc = DB_ERROR;
		goto out;
	}
	rc = DB_OK;
	for (i = 0; i < k && rc == DB_OK; i++)
		rc = db_exec(db,
		    "UPDATE subscriptions SET starts_at = ?2, ends_at = ?3 WHERE id = ?1",
		    "subscriptions shift", DB_ARGS(DB_I(v[i][0]),
		    DB_I(civil_add_days(v[i][1], days)), DB_I(civil_add_days(v[i][2], days))));
	if (rc == DB_OK && moved != NULL)
		*moved = (int)k;
out:
	free(v);
	return rc;
}

/* Set a subscription's status and end. */
static int db_subscription_set(struct db *db, int64_t id, const char *status, int64_t ends_at)
{
	return db_exec(db, "UPDATE subscriptions SET status = ?2, ends_at = ?3 WHERE id = ?1",
	    "subscription set", DB_ARGS(DB_I(id), DB_S(status), DB_I(ends_at)));
}

/* DB_OK when the student has a frozen subscription, else DB_NOTFOUND. */
static int db_student_frozen(struct db *db, int64_t student_id)
{
	return db_query_exists(db, "SELECT 1 FROM subscriptions WHERE student_id = ?1 "
	    "AND status = 'frozen' LIMIT 1", "student frozen", DB_ARGS(DB_I(student_id)));
}

/* The body of db_subscription_freeze, inside its savepoint. */
static int db_subscription_freeze_in(struct db *db, const struct subscription *cur, int days,
    const char *reason, int64_t created_by, int64_t now, int64_t until)
{
	sqlite3_stmt *st = db_prepare(db,
	    "INSERT INTO freezes (subscription_id, starts_at, ends_at, reason, created_by, "
	    "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?2)",
	    DB_ARGS(DB_I(cur->id), DB_I(now), DB_I(until), DB_S(reason), DB_I(created_by)));
	int rc;

	if (st == NULL)
		return DB_ERROR;
	if ((rc = db_step_done(db, st, "freeze add")) != DB_OK)
		return rc;
	rc = db_subscription_set(db, cur->id, "frozen", civil_add_days(cur->ends_at, days));
	if (rc != DB_OK)
		return rc;
	return db_subscriptions_shift(db, cur->student_id, cur->id, cur->ends_at, days, NULL);
}

int db_subscription_freeze(struct db *db, int64_t student_id, int days,
    const char *reason, int64_t created_by, int64_t now, struct subscription *out,
    int64_t *until)
{
	struct subscription cur;
	int rc;

	memset(out, 0, sizeof(*out));
	*until = 0;
	if (days <= 0)
		return DB_CONSTRAINT;
	rc = db_student_frozen(db, student_id);
	if (rc != DB_NOTFOUND)
		return rc == DB_OK ? DB_CONSTRAINT : rc;
	if ((rc = db_subscription_current(db, student_id, now, &cur)) != DB_OK)
		return rc;
	*until = civil_add_days(now, days);
	if ((rc = db_atomic_begin(db)) == DB_OK) {
		rc = db_subscription_freeze_in(db, &cur, days, reason, created_by, now, *until);
		rc = db_atomic_end(db, rc);
	}
	if (rc == DB_OK)
		rc = db_subscription_get(db, cur.id, out);
	subscription_release(&cur);
	return rc;
}

/* The body of db_subscription_unfreeze, inside its savepoint. */
static int db_subscription_unfreeze_in(struct db *db, const struct subscription *s,
    int64_t freeze_id, int64_t ended_at, int give_back)
{
	sqlite3_stmt *st = db_prepare(db, "UPDATE freezes SET ended_at = ?2 WHERE id = ?1",
	    DB_ARGS(DB_I(freeze_id), DB_I(ended_at)));
	int rc;

	if (st == NULL)
		return DB_ERROR;
	if ((rc = db_step_done(db, st, "freeze end")) != DB_OK)
		return rc;
	if (give_back == 0)
		return db_subscription_set(db, s->id, "active", s->ends_at);
	rc = db_subscription_set(db, s->id, "active", civil_add_days(s->ends_at, -give_back));
	if (rc != DB_OK)
		return rc;
	return db_subscriptions_shift(db, s->student_id, s->id, s->ends_at, -give_back, NULL);
}

int db_subscription_unfreeze(struct db *db, int64_t student_id, int64_t now,
    struct subscription *out, int *used)
{
	struct subscription s = { 0 };
	struct freeze f = { 0 };
	int64_t sub_id = 0, first_day, used_end, ended_at;
	int planned, rc;

	memset(out, 0, sizeof(*out));
	*used = 0;
	rc = db_query_int(db, "SELECT s.id FROM subscriptions s WHERE s.student_id = ?1 "
	    "AND s.status = 'frozen' ORDER BY s.id LIMIT 1", "unfreeze find", &sub_id,
	    DB_ARGS(DB_I(student_id)));
	if (rc != DB_OK)
		return rc;
	if ((rc = db_subscription_get(db, sub_id, &s)) != DB_OK ||
	    (rc = db_freeze_open(db, sub_id, &f)) != DB_OK)
		goto out;
	/* Count the local days from the freeze's first day to the end of
	 * today (a part of a day is a whole day). A freeze past its planned
	 * end (maintenance has not run yet) ends there: all planned days. */
	first_day = civil_day_start(f.starts_at);
	ended_at = now < f.ends_at ? now : f.ends_at;
	used_end = civil_day_start(ended_at) == ended_at ? ended_at : civil_add_days(ended_at, 1);
	planned = db_days_between(first_day, f.ends_at);
	*used = ended_at <= f.starts_at ? 0 : db_days_between(first_day, used_end);
	if ((rc = db_atomic_begin(db)) == DB_OK) {
		rc = db_subscription_unfreeze_in(db, &s, f.id, ended_at, planned - *used);
		rc = db_atomic_end(db, rc);
	}
	if (rc == DB_OK)
		rc = db_subscription_get(db, sub_id, out);
out:
	freeze_release(&f);
	subscription_release(&s);
	return rc;
}

int db_subscription_frozen(struct db *db, int64_t student_id, struct subscription *out,
    struct freeze *freeze)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT " DB_SUB_COLS
	    " WHERE s.student_id = ?1 AND s.status = 'frozen' ORDER BY s.id LIMIT 1",
	    DB_ARGS(DB_I(student_id)));
	int rc;

	memset(freeze, 0, sizeof(*freeze));
	memset(out, 0, sizeof(*out));
	if (st == NULL)
		return DB_ERROR;
	if ((rc = db_fetch_one(db, st, "subscription frozen", &db_sub_rows, out)) != DB_OK)
		return rc;
	if ((rc = db_freeze_open(db, out->id, freeze)) != DB_OK)
		subscription_release(out);
	return rc;
}

/* ---- corrections ---------------------------------------------------- */

/* The body of db_subscription_cancel/void, inside its savepoint: status
 * cancelled (voided when voided is 1), and an open freeze ends now. */
static int db_subscription_cancel_in(struct db *db, int64_t id, const char *reason,
    int64_t by, int64_t now, int voided)
{
	int rc = db_exec(db,
	    "UPDATE subscriptions SET status = 'cancelled', cancelled_at = ?2, "
	    "cancelled_by = ?3, cancel_reason = ?4, voided = ?5 WHERE id = ?1", "subscription cancel",
	    DB_ARGS(DB_I(id), DB_I(now), DB_I(by), DB_S(reason), DB_I(voided)));

	if (rc != DB_OK)
		return rc;
	return db_exec(db,
	    "UPDATE freezes SET ended_at = max(starts_at, min(ends_at, ?2)) "
	    "WHERE subscription_id = ?1 AND ended_at IS NULL", "subscription cancel freeze",
	    DB_ARGS(DB_I(id), DB_I(now)));
}

/*
 * The renewals queued after s (cancelled or voided) move back, keeping
 * their length, to begin on the local day s began or today, whichever is
 * later; *pb (may be NULL) says how many, from when and by how many days.
 */
static int db_subscription_pull_queue(struct db *db, const struct subscription *s,
    int64_t now, struct sub_pullback *pb)
{
	int64_t from = civil_day_start(s->starts_at);
	int days, moved = 0, rc;

	if (civil_day_start(now) > from)
		from = civil_day_start(now);
	days = db_days_between(from, s->ends_at);
	if (days <= 0)
		return DB_OK;
	rc = db_subscriptions_shift(db, s->student_id, s->id, s->ends_at, -days, &moved);
	if (rc == DB_OK && pb != NULL && moved > 0) {
		pb->renewals = moved;
		pb->starts_at = from;
		pb->days = days;
	}
	return rc;
}

int db_subscription_cancel(struct db *db, int64_t id, const char *reason, int64_t by,
    int64_t now, struct sub_pullback *pb)
{
	struct subscription s;
	int rc;

	if (pb != NULL)
		memset(pb, 0, sizeof(*pb));
	if ((rc = db_subscription_get(db, id, &s)) != DB_OK)
		return rc;
	rc = strcmp(s.status, "active") == 0 || strcmp(s.status, "frozen") == 0 ? DB_OK
	    : DB_CONSTRAINT;
	if (rc != DB_OK || (rc = db_atomic_begin(db)) != DB_OK)
		goto out;
	rc = db_subscription_cancel_in(db, id, reason, by, now, 0);
	if (rc == DB_OK)
		rc = db_subscription_pull_queue(db, &s, now, pb);
	rc = db_atomic_end(db, rc);
out:
	if (rc != DB_OK && pb != NULL)
		memset(pb, 0, sizeof(*pb));
	subscription_release(&s);
	return rc;
}

/* The count and sum of a subscription's payments not voided. */
static int db_subscription_paid(struct db *db, int64_t id, int *count, int64_t *amount)
{
	int64_t n = 0;
	int rc = db_query_int2(db, "SELECT count(*), coalesce(sum(amount), 0) FROM payments "
	    "WHERE subscription_id = ?1 AND voided_at IS NULL", "subscription paid", &n, amount,
	    DB_ARGS(DB_I(id)));

	if (rc == DB_OK)
		*count = (int)n;
	return rc == DB_OK ? DB_OK : DB_ERROR;
}

int db_subscription_void(struct db *db, int64_t id, const char *reason, int64_t by,
    int64_t now, int *payments, int64_t *amount, struct sub_pullback *pb)
{
	struct subscription s;
	int rc, n = 0, changed = 0, open;
	int64_t sum = 0;

	*payments = 0;
	*amount = 0;
	if (pb != NULL)
		memset(pb, 0, sizeof(*pb));
	if ((rc = db_subscription_get(db, id, &s)) != DB_OK)
		return rc;
	rc = s.voided ? DB_CONSTRAINT : DB_OK;
	/* A plan cancelled before had its queue moved then. */
	open = strcmp(s.status, "active") == 0 || strcmp(s.status, "frozen") == 0;
	if (rc != DB_OK || (rc = db_subscription_paid(db, id, &n, &sum)) != DB_OK ||
	    (rc = db_atomic_begin(db)) != DB_OK)
		goto out;
	rc = db_subscription_cancel_in(db, id, reason, by, now, 1);
	if (rc == DB_OK)
		rc = db_payments_void(db, id, 1, reason, by, now, &changed);
	if (rc == DB_OK && open)
		rc = db_subscription_pull_queue(db, &s, now, pb);
	if ((rc = db_atomic_end(db, rc)) == DB_OK) {
		*payments = n;
		*amount = sum;
	}
out:
	if (rc != DB_OK && pb != NULL)
		memset(pb, 0, sizeof(*pb));
	subscription_release(&s);
	return rc;
}

int db_subscription_edit(struct db *db, int64_t id, int64_t starts_at, int64_t ends_at,
    int classes_left, int64_t now)
{
	struct subscription s;
	int rc;

	if ((rc = db_subscription_get(db, id, &s)) != DB_OK)
		return rc;
	if (strcmp(s.status, "cancelled") == 0 || starts_at >= ends_at ||
	    (classes_left < 0) != (s.classes_left < 0))
		rc = DB_CONSTRAINT;
	subscription_release(&s);
	if (rc != DB_OK)
		return rc;
	return db_exec(db, "UPDATE subscriptions SET starts_at = ?2, ends_at = ?3, "
	    "classes_left = nullif(?4, -1), "
	    "status = CASE WHEN status = 'expired' AND ?3 > ?5 THEN 'active' ELSE status END "
	    "WHERE id = ?1", "subscription edit",
	    DB_ARGS(DB_I(id), DB_I(starts_at), DB_I(ends_at), DB_I(classes_left), DB_I(now)));
}

/* ---- maintenance ---------------------------------------------------- */

/* The body of db_subscriptions_expire, inside its savepoint. */
static int db_subscriptions_expire_in(struct db *db, int64_t now, int *changed)
{
	static const char *const sql[] = {
		/* Thaw first, so a thawed subscription past its end expires too. */
		"UPDATE subscriptions SET status = 'active' WHERE status = 'frozen' AND id IN "
		"(SELECT subscription_id FROM freezes WHERE ended_at IS NULL AND ends_at <= ?1)",
		"UPDATE freezes SET ended_at = ends_at WHERE ended_at IS NULL AND ends_at <= ?1",
		"UPDATE subscriptions SET status = 'expired' WHERE status = 'active' "
		"AND ends_at <= ?1",
	};
	sqlite3_stmt *st;
	size_t i;
	int rc;

	for (i = 0; i < BJJ_ARRAY_LEN(sql); i++) {
		if ((st = db_stmt_get(db, sql[i])) == NULL)
			return DB_ERROR;
		sqlite3_bind_int64(st, 1, now);
		if ((rc = db_step_done(db, st, "subscriptions expire")) != DB_OK)
			return rc;
		/* The freezes rows are not subscriptions. */
		if (i != 1)
			*changed += sqlite3_changes(db->h);
	}
	return DB_OK;
}

int db_subscriptions_expire(struct db *db, int64_t now, int *changed)
{
	int n = 0, rc;

	if ((rc = db_atomic_begin(db)) == DB_OK)
		rc = db_atomic_end(db, db_subscriptions_expire_in(db, now, &n));
	if (changed != NULL)
		*changed = rc == DB_OK ? n : 0;
	return rc;
}

/* ---- attendance, read for /balance ----------------------------------- */

int db_attended_count(struct db *db, int64_t student_id, int64_t from, int64_t to,
    int *count)
{
	int64_t v = 0;
	int rc = db_query_int(db,
	    "SELECT count(*) FROM attendance a JOIN trainings t ON t.id = a.training_id "
	    "WHERE a.student_id = ?1 AND a.status IN ('present', 'late') "
	    "AND t.cancelled = 0 AND t.starts_at >= ?2 AND t.starts_at < ?3", "attended count",
	    &v, DB_ARGS(DB_I(student_id), DB_I(from), DB_I(to)));

	*count = (int)v;
	return rc == DB_ERROR ? DB_ERROR : DB_OK;
}
