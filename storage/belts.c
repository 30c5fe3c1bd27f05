/*
 * belts.c — belts, promotion rules, promotions and exams (see belts.h).
 *
 * Invariant: students.belt/stripes and the promotions table change
 * together (closing the exams the promotion makes moot), in one
 * savepoint, and only from the state the caller saw
 * (db_promotion_add's guard), so a stale button can never promote twice.
 * The rules themselves are rows of the belts table, never constants here;
 * belt_plan() is pure (no database) so the tests pin it down at the
 * boundaries.
 *
 * Callers: handlers/belts.c, handlers/register.c, tests.
 */
#include <stdlib.h>
#include <string.h>

#include "lib/civil.h"
#include "lib/log.h"
#include "lib/util.h"
#include "storage/belts.h"
#include "storage/internal.h"

/* IBJJF: black belt degrees 1-3 every 3 years, 4-6 every 5 years. The
 * table keeps one number (stripe_months, 36); the later degrees take 5/3
 * of it, so an owner who edits it keeps the proportion. */
#define BELT_LATE_DEGREE 4

#define DB_ROW struct belt
static const struct db_rowtype db_belt_rows = DB_ROWTYPE(NULL, NULL,
	DB_TEXT(code), DB_INT(kids), DB_INT(rank), DB_INT(max_stripes), DB_INT(min_age),
	DB_INT(min_months), DB_INT(min_classes), DB_INT(stripe_months), DB_INT(stripe_classes));
#undef DB_ROW

DB_FREE_FN(belts_free, struct belt, db_belt_rows)

int db_belts_all(struct db *db, struct belt **out, size_t *n)
{
	int rc;

	*out = db_query_all(db, "SELECT code, system = 'kids', rank, max_stripes, min_age, "
	    "min_months, min_classes, stripe_months, stripe_classes FROM belts "
	    "ORDER BY system = 'kids', rank",
	    "belts list", &db_belt_rows, n, &rc, NULL, 0);
	return rc;
}

int db_belt_set_rule(struct db *db, const char *code, enum belt_rule rule, int value)
{
	/* One literal per column: a column name cannot be a parameter. */
	static const char *const sql[] = {
		[BELT_RULE_MAX_STRIPES] = "UPDATE belts SET max_stripes = ?2 WHERE code = ?1",
		[BELT_RULE_MIN_AGE] = "UPDATE belts SET min_age = ?2 WHERE code = ?1",
		[BELT_RULE_MIN_MONTHS] = "UPDATE belts SET min_months = ?2 WHERE code = ?1",
		[BELT_RULE_MIN_CLASSES] = "UPDATE belts SET min_classes = ?2 WHERE code = ?1",
		[BELT_RULE_STRIPE_MONTHS] = "UPDATE belts SET stripe_months = ?2 WHERE code = ?1",
		[BELT_RULE_STRIPE_CLASSES] = "UPDATE belts SET stripe_classes = ?2 WHERE code = ?1",
	};
	const char *q = db_sql_pick(sql, BJJ_ARRAY_LEN(sql), (int)rule, "belt rule");

	return q == NULL ? DB_ERROR : db_exec_changed(db, q, "belt rule",
	    DB_ARGS(DB_S(code), DB_I(value)));
}

const struct belt *belt_find(const struct belt *table, size_t n, const char *code)
{
	size_t i;

	for (i = 0; code != NULL && i < n; i++) {
		if (strcmp(table[i].code, code) == 0)
			return &table[i];
	}
	return NULL;
}

/* The belt of a system at rank, or NULL. */
static const struct belt *belt_at(const struct belt *table, size_t n, int kids, int rank)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (table[i].kids == kids && table[i].rank == rank)
			return &table[i];
	}
	return NULL;
}

int belt_level(const struct belt *b)
{
	/* Kids' ranks 2..13 sit between the shared white (1) and blue. */
	if (b->kids || b->rank == 1)
		return b->rank;
	return 100 + b->rank;
}

/* ---- facts ------------------------------------------------------------ */

/* The columns both facts queries read; ?1 is the student id when used.
 * The dates and counts are the student's visit_summary row, which
 * triggers keep up to date (see migrations.c): belt_since counts only
 * promotions that changed the belt, so a stripe keeps the time at the
 * belt going; a visit is a present or late mark at a class not
 * cancelled. */
#define DB_FACTS_COLS "SELECT s.id, s.first_name, s.last_name, s.belt, s.stripes, " \
	"coalesce(s.tg_id, 0), coalesce(CAST(substr(s.birth_date, 1, 4) AS INTEGER), 0), " \
	"v.belt_since, v.promo_since, v.at_belt, v.since_promo " \
	"FROM students s JOIN visit_summary v ON v.student_id = s.id "

#define DB_ROW struct belt_facts
static const struct db_rowtype db_facts_rows = DB_ROWTYPE(NULL, NULL,
	DB_I64(student_id), DB_TEXT(first_name), DB_TEXT(last_name), DB_TEXT(belt), DB_INT(stripes),
	DB_I64(tg_id), DB_INT(birth_year), DB_I64(belt_since), DB_I64(last_promotion),
	DB_INT(classes_at_belt), DB_INT(classes_since));
#undef DB_ROW

DB_ROW_FNS(belt_facts_release, belt_facts_list_free, struct belt_facts, db_facts_rows)

int db_belt_facts(struct db *db, int64_t student_id, struct belt_facts *out)
{
	return db_query_one(db, DB_FACTS_COLS "WHERE s.id = ?1", "belt facts", &db_facts_rows, out,
	    DB_ARGS(DB_I(student_id)));
}

int db_belt_facts_active(struct db *db, struct belt_facts **out, size_t *n)
{
	int rc;

	*out = db_query_all(db, DB_FACTS_COLS "WHERE s.active = 1 ORDER BY s.id",
	    "belt facts", &db_facts_rows, n, &rc, NULL, 0);
	return rc;
}

/* ---- the next step ------------------------------------------------------ */

/* 1 when since (split into a) plus months, on the same local day and
 * minute clamped to the last day of a shorter month (Jan 31 + 1 month =
 * Feb 28), is later than b. Compared as local dates and times: mktime()
 * re-reads the time zone on every call, too slow for /eligible's 9,000. */
static int belt_later_than(const struct civil *a, int months, const struct civil *b)
{
	int m = a->month - 1 + months, y = a->year + m / 12, d;

	m = m % 12 + 1;
	d = civil_days_in_month(y, m);
	if (a->day < d)
		d = a->day;
	if (y != b->year)
		return y > b->year;
	if (m != b->month)
		return m > b->month;
	if (d != b->day)
		return d > b->day;
	return a->minute > b->minute;
}

int belt_months_between(int64_t since, int64_t now)
{
	struct civil a, b;
	int m;

	if (now < since)
		return 0;
	civil_split(since, &a);
	civil_split(now, &b);
	m = (b.year - a.year) * 12 + (b.month - a.month);
	while (m > 0 && belt_later_than(&a, m, &b))
		m--;
	return m;
}

int belt_age(int birth_year, int64_t now)
{
	struct civil c;

	if (birth_year <= 0)
		return -1;
	civil_split(now, &c);
	return c.year - birth_year;
}

/* Append a requirement when its threshold is not zero. */
static void belt_req_add(struct belt_step *s, int kind, int have, int need)
{
	struct belt_req *r;

	if (need <= 0)
		return;
	r = &s->req[s->n_req++];
	r->kind = kind;
	r->have = have;
	r->need = need;
	r->unknown = kind == BELT_REQ_AGE && have < 0;
	r->met = r->unknown || have >= need;
	if (!r->met)
		s->met = 0;
}

/* The belt after cur for a student in the adult (or kids') system;
 * *to_adult when it is the move from the kids' belts to blue. */
static const struct belt *belt_next(const struct belt *table, size_t n,
    const struct belt *cur, int adult, int *to_adult)
{
	const struct belt *next;

	*to_adult = 0;
	if (cur->kids && adult) {
		/* IBJJF: at 16 a kid with a coloured belt may go to blue. */
		*to_adult = 1;
		return belt_at(table, n, 0, 2);
	}
	next = belt_at(table, n, adult ? 0 : 1, cur->rank + 1);
	if (next == NULL && !adult) {
		/* The end of the kids' ladder: blue, once old enough. */
		*to_adult = 1;
		next = belt_at(table, n, 0, 2);
	}
	return next;
}

/* Without a birth date the belt says which system the student is in. */
static int belt_is_adult(const struct belt *cur, int age)
{
	return age >= 0 ? age >= BELT_ADULT_AGE : !cur->kids;
}

int belt_check(const struct belt *table, size_t n, const struct belt_facts *f, int64_t now,
    const struct belt *to, int to_stripes, struct belt_step *out)
{
	const struct belt *cur = belt_find(table, n, f->belt), *next;
	int age = belt_age(f->birth_year, now), months, to_adult;

	memset(out, 0, sizeof(*out));
	if (cur == NULL)
		return -1;
	out->from = cur;
	out->to = to;
	out->to_stripes = to_stripes;
	out->met = 1;
	if (to == cur && to_stripes == f->stripes + 1 && to_stripes <= cur->max_stripes) {
		out->kind = BELT_STEP_STRIPE;
		months = cur->stripe_months;
		if (!cur->kids && strcmp(cur->code, "black") == 0 && to_stripes >= BELT_LATE_DEGREE)
			months = months * 5 / 3;
		belt_req_add(out, BELT_REQ_MONTHS,
		    belt_months_between(f->last_promotion, now), months);
		belt_req_add(out, BELT_REQ_CLASSES, f->classes_since, cur->stripe_classes);
		return 0;
	}
	next = belt_next(table, n, cur, belt_is_adult(cur, age), &to_adult);
	if (to != next || to == NULL || to_stripes != 0) {
		out->kind = BELT_STEP_SKIP;
		out->met = 0;
		return 0;
	}
	out->kind = BELT_STEP_BELT;
	out->to_adult = to_adult;
	belt_req_add(out, BELT_REQ_MONTHS, belt_months_between(f->belt_since, now),
	    cur->min_months);
	belt_req_add(out, BELT_REQ_CLASSES, f->classes_at_belt, cur->min_classes);
	belt_req_add(out, BELT_REQ_AGE, age, to->min_age);
	return 0;
}

int belt_plan(const struct belt *table, size_t n, const struct belt_facts *f, int64_t now,
    struct belt_step *out)
{
	const struct belt *cur = belt_find(table, n, f->belt), *next;
	int adult, to_adult;

	memset(out, 0, sizeof(*out));
	if (cur == NULL)
		return -1;
	adult = belt_is_adult(cur, belt_age(f->birth_year, now));
	if (!(cur->kids && adult) && f->stripes < cur->max_stripes)
		return belt_check(table, n, f, now, cur, f->stripes + 1, out);
	next = belt_next(table, n, cur, adult, &to_adult);
	if (next == NULL) {
		out->kind = BELT_STEP_TOP;
		out->from = cur;
		out->met = 1;
		return 0;
	}
	return belt_check(table, n, f, now, next, 0, out);
}

/* ---- promotions ------------------------------------------------------- */

#define DB_ROW struct promotion
static const struct db_rowtype db_promotion_rows = DB_ROWTYPE(NULL, NULL,
	DB_I64(id), DB_TEXT(from_belt), DB_INT(from_stripes), DB_TEXT(to_belt), DB_INT(to_stripes),
	DB_I64(promoted_at), DB_I64(promoted_by), DB_I64(exam_id), DB_INT(rules_met), DB_TEXT(note),
	DB_TEXT(by_name), DB_I64(student_id));
#undef DB_ROW

DB_FREE_FN(promotions_free, struct promotion, db_promotion_rows)

int db_promotion_add(struct db *db, const struct promotion_new *p, int64_t *id,
    int *exams_closed)
{
	int64_t promo = 0;
	int rc;

	if (exams_closed != NULL)
		*exams_closed = 0;
	if ((rc = db_atomic_begin(db)) != DB_OK)
		return rc;
	rc = db_exec_changed(db, "UPDATE students SET belt = ?2, stripes = ?3 "
	    "WHERE id = ?1 AND belt = ?4 AND stripes = ?5", "promotion student",
	    DB_ARGS(DB_I(p->student_id), DB_S(p->to_belt), DB_I(p->to_stripes),
	    DB_S(p->from_belt), DB_I(p->from_stripes)));
	if (rc != DB_OK)
		goto out;
	rc = db_insert(db, "INSERT INTO promotions (student_id, from_belt, from_stripes, "
	    "to_belt, to_stripes, promoted_at, promoted_by, exam_id, rules_met, note) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, nullif(?7, 0), nullif(?8, 0), ?9, ?10)",
	    "promotion add", &promo,
	    DB_ARGS(DB_I(p->student_id), DB_S(p->from_belt), DB_I(p->from_stripes),
	    DB_S(p->to_belt), DB_I(p->to_stripes), DB_I(p->promoted_at), DB_I(p->promoted_by),
	    DB_I(p->exam_id), DB_I(p->rules_met ? 1 : 0), DB_S(p->note)));
	if (rc != DB_OK)
		goto out;
	if (id != NULL)
		*id = promo;
	/* The exam is moot once the student holds its belt or a higher one. */
	rc = db_exec(db, "UPDATE exams SET result = 'passed', decided_at = ?3, "
	    "closed_by_promotion = ?4 WHERE student_id = ?1 AND result = 'pending' "
	    "AND target_belt IN (SELECT e.code FROM belts e JOIN belts t ON t.code = ?2 "
	    "WHERE e.system = t.system AND e.rank <= t.rank)", "promotion closes exams",
	    DB_ARGS(DB_I(p->student_id), DB_S(p->to_belt), DB_I(p->promoted_at), DB_I(promo)));
	if (rc == DB_OK && exams_closed != NULL)
		*exams_closed = sqlite3_changes(db->h);
out:
	return db_atomic_end(db, rc);
}

int db_promotions_recent(struct db *db, int64_t student_id, size_t max,
    struct promotion **out, size_t *n)
{
	int rc;

	*out = db_query_all(db,
	    "SELECT p.id, p.from_belt, p.from_stripes, p.to_belt, p.to_stripes, p.promoted_at, "
	    "coalesce(p.promoted_by, 0), coalesce(p.exam_id, 0), p.rules_met, p.note, u.first_name, "
	    "p.student_id FROM promotions p LEFT JOIN tg_users u ON u.tg_id = p.promoted_by "
	    "WHERE p.student_id = ?1 ORDER BY p.promoted_at DESC, p.id DESC LIMIT ?2",
	    "promotions list", &db_promotion_rows, n, &rc,
	    DB_ARGS(DB_I(student_id), DB_I((int64_t)max)));
	return rc;
}

/* ---- exams ---------------------------------------------------------- */

#define DB_EXAM_COLS "SELECT e.id, e.student_id, e.target_belt, e.exam_date, e.result, " \
	"e.notes, coalesce(e.created_by, 0), coalesce(e.decided_at, 0), s.first_name, " \
	"s.last_name FROM exams e JOIN students s ON s.id = e.student_id "

#define DB_ROW struct exam
static const struct db_rowtype db_exam_rows = DB_ROWTYPE(NULL, NULL,
	DB_I64(id), DB_I64(student_id), DB_TEXT(target_belt), DB_TEXT(exam_date), DB_TEXT(result),
	DB_TEXT(notes), DB_I64(created_by), DB_I64(decided_at), DB_TEXT(first_name),
	DB_TEXT(last_name));
#undef DB_ROW

DB_ROW_FNS(exam_release, exams_free, struct exam, db_exam_rows)

int db_exam_add(struct db *db, int64_t student_id, const char *target_belt,
    const char *exam_date, int64_t created_by, int64_t now, int64_t *id)
{
	return db_insert(db,
	    "INSERT INTO exams (student_id, target_belt, exam_date, created_by, created_at) "
	    "VALUES (?1, ?2, ?3, nullif(?4, 0), ?5)", "exam add", id,
	    DB_ARGS(DB_I(student_id), DB_S(target_belt), DB_S(exam_date), DB_I(created_by),
	    DB_I(now)));
}

int db_exam_get(struct db *db, int64_t id, struct exam *out)
{
	return db_query_one(db, DB_EXAM_COLS "WHERE e.id = ?1", "exam get", &db_exam_rows, out,
	    DB_ARGS(DB_I(id)));
}

int db_exam_pending(struct db *db, int64_t student_id, struct exam *out)
{
	return db_query_one(db, DB_EXAM_COLS
	    "WHERE e.student_id = ?1 AND e.result = 'pending' ORDER BY e.exam_date, e.id LIMIT 1",
	    "exam pending", &db_exam_rows, out, DB_ARGS(DB_I(student_id)));
}

int db_exam_decide(struct db *db, int64_t id, const char *result, const char *notes,
    int64_t now)
{
	sqlite3_stmt *st = db_prepare(db,
	    "UPDATE exams SET result = ?2, notes = coalesce(?3, notes), decided_at = ?4 "
	    "WHERE id = ?1 AND result = 'pending'",
	    DB_ARGS(DB_I(id), DB_S(result), DB_S(notes), DB_I(now)));
	struct exam e;
	int rc;

	if (st == NULL)
		return DB_ERROR;
	if ((rc = db_step_done(db, st, "exam decide")) != DB_OK)
		return rc;
	if (sqlite3_changes(db->h) == 1)
		return DB_OK;
	/* Nothing changed: decided already, or no such exam. */
	rc = db_exam_get(db, id, &e);
	exam_release(&e);
	return rc == DB_OK ? DB_CONSTRAINT : rc;
}

int db_exams_upcoming(struct db *db, const char *from, size_t max, struct exam **out,
    size_t *n)
{
	int rc;

	*out = db_query_all(db, DB_EXAM_COLS
	    "WHERE e.result = 'pending' AND e.exam_date >= ?1 ORDER BY e.exam_date, e.id LIMIT ?2",
	    "exams upcoming", &db_exam_rows, n, &rc, DB_ARGS(DB_S(from), DB_I((int64_t)max)));
	return rc;
}

int db_exams_page(struct db *db, int64_t student_id, int pending_only, size_t offset,
    size_t limit, struct exam **out, size_t *n, int64_t *total)
{
	/* ?1 student (0: everyone's), ?2 pending only, ?3 limit, ?4 offset */
	sqlite3_stmt *count = db_stmt_get(db, "SELECT count(*) FROM exams e "
	    "WHERE (?1 = 0 OR e.student_id = ?1) AND (?2 = 0 OR e.result = 'pending')");
	sqlite3_stmt *st = db_stmt_get(db, DB_EXAM_COLS
	    "WHERE (?1 = 0 OR e.student_id = ?1) AND (?2 = 0 OR e.result = 'pending') "
	    "ORDER BY e.exam_date, e.id LIMIT ?3 OFFSET ?4");
	int rc;

	*out = NULL;
	*n = 0;
	*total = 0;
	if (count == NULL || st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(count, 1, student_id);
	sqlite3_bind_int(count, 2, pending_only != 0);
	if (db_count(db, count, total, "exams count") != DB_OK)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, student_id);
	sqlite3_bind_int(st, 2, pending_only != 0);
	sqlite3_bind_int64(st, 3, (int64_t)limit);
	sqlite3_bind_int64(st, 4, (int64_t)offset);
	*out = db_fetch_all(db, st, "exams page", &db_exam_rows, n, &rc);
	return rc;
}

int db_exams_between(struct db *db, int64_t student_id, const char *from, const char *to,
    size_t max, struct exam **out, size_t *n)
{
	int rc;

	*out = db_query_all(db, DB_EXAM_COLS
	    "WHERE e.exam_date BETWEEN ?1 AND ?2 AND (?3 = 0 OR e.student_id = ?3) "
	    "ORDER BY e.exam_date, e.id LIMIT ?4", "exams between", &db_exam_rows, n, &rc,
	    DB_ARGS(DB_S(from), DB_S(to), DB_I(student_id), DB_I((int64_t)max)));
	return rc;
}
