/*
 * admin.c — the owner's view of people (see admin.h): the card, the
 * paged list, edits, deactivation; trainers and the head trainer; pending
 * invites.
 *
 * Invariant: nothing here deletes a row; subscriptions, plans,
 * attendance and the schedule are read, never written.
 *
 * Callers: handlers/admin.c, tests.
 */
#include <stdlib.h>
#include <string.h>

#include "lib/log.h"
#include "lib/util.h"
#include "storage/admin.h"
#include "storage/internal.h"

/* The filter of the list: students whose "first last" or "last first"
 * contains ?1 (escaped for LIKE), or everyone when ?1 is NULL; ?2 = 1
 * includes the inactive ones. */
#define DB_PAGE_WHERE "WHERE (?2 = 1 OR active = 1) AND (?1 IS NULL " \
	"OR first_name || ' ' || last_name LIKE '%' || ?1 || '%' ESCAPE '\\' " \
	"OR last_name || ' ' || first_name LIKE '%' || ?1 || '%' ESCAPE '\\')"

void student_card_release(struct student_card *c)
{
	if (c == NULL)
		return;
	person_release(&c->p);
	free(c->email);
	free(c->birth_date);
	free(c->notes);
	free(c->emergency);
	free(c->medical);
	free(c->plan_title);
	free(c->plan_status);
	memset(c, 0, sizeof(*c));
}

/* The fields of the card beyond struct person, and the visits; then its
 * plan (the card's struct person is read by db_person_get). */
#define DB_ROW struct student_card
static const struct db_rowtype db_card_rows = DB_ROWTYPE(NULL, NULL,
	DB_TEXT(email), DB_TEXT(birth_date), DB_TEXT(notes), DB_INT(month_visits),
	DB_TEXT(emergency), DB_TEXT(medical));
static const struct db_rowtype db_card_plan_rows = DB_ROWTYPE(NULL, NULL,
	DB_INT(has_plan), DB_TEXT(plan_title), DB_TEXT(plan_status), DB_I64(plan_starts_at),
	DB_I64(plan_ends_at), DB_INT(plan_classes_left));
#undef DB_ROW

static int db_card_details(struct db *db, struct student_card *c, int64_t month_start,
    int64_t month_end)
{
	return db_fetch_one(db, db_prepare(db, "SELECT s.email, s.birth_date, s.notes, "
	    "  (SELECT count(*) FROM attendance a JOIN trainings t ON t.id = a.training_id "
	    "   WHERE a.student_id = s.id AND a.status IN ('present', 'late') "
	    "   AND t.starts_at >= ?2 AND t.starts_at < ?3), "
	    "  s.emergency_contact, s.medical_notes FROM students s WHERE s.id = ?1",
	    DB_ARGS(DB_I(c->p.id), DB_I(month_start), DB_I(month_end))), "student card",
	    &db_card_rows, c);
}

/* The current (or next) plan: a bought plan that starts next week still
 * matters to the owner looking at the card. */
static int db_card_plan(struct db *db, struct student_card *c, int64_t now)
{
	int rc = db_fetch_one(db, db_prepare(db,
	    "SELECT 1, p.title, s.status, s.starts_at, s.ends_at, coalesce(s.classes_left, -1) "
	    "FROM subscriptions s JOIN plans p ON p.id = s.plan_id "
	    "WHERE s.student_id = ?1 AND s.status IN ('active', 'frozen') AND s.ends_at > ?2 "
	    /* the plan valid now first, then a frozen one, then what is next */
	    "ORDER BY (s.status = 'active' AND s.starts_at <= ?2 "
	    "  AND (s.classes_left IS NULL OR s.classes_left > 0)) DESC, "
	    "  s.status = 'frozen' DESC, s.starts_at, s.id LIMIT 1",
	    DB_ARGS(DB_I(c->p.id), DB_I(now))), "student card plan", &db_card_plan_rows, c);

	return rc == DB_NOTFOUND ? DB_OK : rc;
}

int db_student_card(struct db *db, int64_t id, int64_t now, int64_t month_start,
    int64_t month_end, struct student_card *out)
{
	int rc;

	memset(out, 0, sizeof(*out));
	rc = db_person_get(db, PERSON_STUDENT, id, &out->p);
	if (rc == DB_OK)
		rc = db_card_details(db, out, month_start, month_end);
	if (rc == DB_OK)
		rc = db_card_plan(db, out, now);
	if (rc != DB_OK)
		student_card_release(out);
	return rc;
}

/* A row of the student list: the card's person without phone and date. */
#define DB_ROW struct person
static const struct db_rowtype db_page_rows = DB_ROWTYPE(NULL, NULL,
	DB_INT(kind), DB_I64(id), DB_TEXT(first_name), DB_TEXT(last_name), DB_TEXT(belt),
	DB_INT(stripes), DB_I64(tg_id), DB_INT(active), DB_INT(reachable));
#undef DB_ROW

int db_students_page(struct db *db, const char *fragment, int include_inactive,
    size_t offset, size_t limit, struct person **out, size_t *n, int64_t *total)
{
	sqlite3_stmt *count = db_stmt_get(db, "SELECT count(*) FROM students " DB_PAGE_WHERE);
	sqlite3_stmt *st = db_stmt_get(db,
	    "SELECT 1, id, first_name, last_name, belt, stripes, tg_id, active, reachable "
	    "FROM students " DB_PAGE_WHERE " "
	    "ORDER BY active DESC, last_name, first_name, id LIMIT ?3 OFFSET ?4");
	char *like = db_like_literal(fragment);
	int rc = DB_ERROR;

	*out = NULL;
	*n = 0;
	*total = 0;
	if (count == NULL || st == NULL)
		goto out;
	db_bind_text(count, 1, like);
	sqlite3_bind_int(count, 2, include_inactive != 0);
	if ((rc = db_count(db, count, total, "student page count")) != DB_OK)
		goto out;
	db_bind_text(st, 1, like);
	sqlite3_bind_int(st, 2, include_inactive != 0);
	sqlite3_bind_int64(st, 3, (int64_t)limit);
	sqlite3_bind_int64(st, 4, (int64_t)offset);
	*out = db_fetch_all(db, st, "student page", &db_page_rows, n, &rc);
out:
	free(like);
	return rc;
}

int db_student_set_active(struct db *db, int64_t id, int active, int *changed)
{
	sqlite3_stmt *st = db_prepare(db,
	    "UPDATE students SET active = ?2 WHERE id = ?1 AND active <> ?2",
	    DB_ARGS(DB_I(id), DB_I(active != 0)));
	int rc;

	if (changed != NULL)
		*changed = 0;
	if (st == NULL)
		return DB_ERROR;
	if ((rc = db_step_changed(db, st, "student set active")) != DB_NOTFOUND) {
		if (changed != NULL)
			*changed = rc == DB_OK;
		return rc;
	}
	return db_student_exists(db, id);
}

int db_student_set_phone(struct db *db, int64_t id, const char *phone)
{
	return db_exec_changed(db, "UPDATE students SET phone = ?2 WHERE id = ?1",
	    "student set phone", DB_ARGS(DB_I(id), DB_S(phone)));
}

int db_student_set_birth(struct db *db, int64_t id, const char *date)
{
	return db_exec_changed(db, "UPDATE students SET birth_date = ?2 WHERE id = ?1",
	    "student set birth date", DB_ARGS(DB_I(id), DB_S(date)));
}

int db_student_by_phone(struct db *db, const char *phone, struct person *out)
{
	int64_t id = 0;
	int rc = db_query_int(db, "SELECT id FROM students WHERE phone = ?1", "student by phone",
	    &id, DB_ARGS(DB_S(phone)));

	memset(out, 0, sizeof(*out));
	return rc == DB_OK ? db_person_get(db, PERSON_STUDENT, id, out) : rc;
}

int db_student_set_name(struct db *db, int64_t id, const char *first, const char *last)
{
	return db_exec_changed(db,
	    "UPDATE students SET first_name = ?2, last_name = ?3 WHERE id = ?1", "student set name",
	    DB_ARGS(DB_I(id), DB_S(first), DB_S(last)));
}

int db_student_set_field(struct db *db, int64_t id, enum student_field field,
    const char *value)
{
	/* Column names cannot be bound: one statement per field. */
	static const char *const sql[] = {
		[STUDENT_EMAIL] = "UPDATE students SET email = ?2 WHERE id = ?1",
		[STUDENT_NOTES] = "UPDATE students SET notes = ?2 WHERE id = ?1",
		[STUDENT_EMERGENCY] = "UPDATE students SET emergency_contact = ?2 WHERE id = ?1",
		[STUDENT_MEDICAL] = "UPDATE students SET medical_notes = ?2 WHERE id = ?1",
	};
	const char *q = db_sql_pick(sql, BJJ_ARRAY_LEN(sql), (int)field, "student field");

	return q == NULL ? DB_ERROR : db_exec_changed(db, q, "student set field",
	    DB_ARGS(DB_I(id), DB_S(value)));
}

int db_student_health(struct db *db, int64_t id, char **emergency, char **medical)
{
	*emergency = *medical = NULL;
	return db_query_text2(db, "SELECT emergency_contact, medical_notes FROM students WHERE id = ?1",
	    "student health", emergency, medical, DB_ARGS(DB_I(id)));
}

/* ---- trainers ---------------------------------------------------------- */

/* Classes a week of the active weekly classes of trainer t (weekdays is
 * a bit per day, Monday first). */
#define DB_TRAINER_WEEKLY "(SELECT coalesce(sum((c.weekdays & 1) + (c.weekdays >> 1 & 1) " \
	"+ (c.weekdays >> 2 & 1) + (c.weekdays >> 3 & 1) + (c.weekdays >> 4 & 1) " \
	"+ (c.weekdays >> 5 & 1) + (c.weekdays >> 6 & 1)), 0) " \
	"FROM class_templates c WHERE c.trainer_id = t.id AND c.active = 1)"

#define DB_ROW struct trainer_row
static const struct db_rowtype db_trainer_rows = DB_ROWTYPE(NULL, NULL,
	DB_INT(p.kind), DB_I64(p.id), DB_TEXT(p.first_name), DB_TEXT(p.last_name), DB_TEXT(p.phone),
	DB_I64(p.tg_id), DB_INT(p.active), DB_INT(p.reachable), DB_INT(is_main), DB_INT(weekly));
#undef DB_ROW

DB_FREE_FN(trainer_rows_free, struct trainer_row, db_trainer_rows)

int db_trainers_list(struct db *db, struct trainer_row **out, size_t *n)
{
	int rc;

	*out = db_query_all(db,
	    "SELECT 2, t.id, t.first_name, t.last_name, t.phone, coalesce(t.tg_id, 0), t.active, "
	    "t.reachable, t.is_main, " DB_TRAINER_WEEKLY " FROM trainers t "
	    "ORDER BY t.active DESC, t.last_name, t.first_name, t.id",
	    "trainers list", &db_trainer_rows, n, &rc, NULL, 0);
	return rc;
}

int db_trainer_set_active(struct db *db, int64_t id, int active, int *changed)
{
	/* A deactivated trainer is no longer the head trainer. */
	sqlite3_stmt *st = db_stmt_get(db,
	    "UPDATE trainers SET active = ?2, is_main = CASE WHEN ?2 = 1 THEN is_main ELSE 0 END "
	    "WHERE id = ?1 AND active <> ?2");
	struct person p;
	int rc;

	if (changed != NULL)
		*changed = 0;
	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, active != 0);
	if ((rc = db_step_changed(db, st, "trainer set active")) != DB_NOTFOUND) {
		if (changed != NULL)
			*changed = rc == DB_OK;
		return rc;
	}
	rc = db_person_get(db, PERSON_TRAINER, id, &p);
	person_release(&p);
	return rc;
}

int db_trainer_main_id(struct db *db, int64_t *id)
{
	int rc;

	*id = 0;
	rc = db_query_int(db, "SELECT id FROM trainers WHERE is_main = 1", "head trainer", id,
	    NULL, 0);
	return rc == DB_NOTFOUND ? DB_OK : rc;
}

int db_trainer_set_main(struct db *db, int64_t id)
{
	int rc;

	if (db_atomic_begin(db) != DB_OK)
		return DB_ERROR;
	/* Clear the old head first: the unique index allows one at a time. */
	rc = db_exec(db, "UPDATE trainers SET is_main = 0 WHERE is_main = 1 AND id <> ?1 "
	    "AND EXISTS (SELECT 1 FROM trainers WHERE id = ?1 AND active = 1)", "trainer set main",
	    DB_ARGS(DB_I(id)));
	if (rc == DB_OK)
		rc = db_exec_changed(db,
		    "UPDATE trainers SET is_main = 1 WHERE id = ?1 AND active = 1",
		    "trainer set main", DB_ARGS(DB_I(id)));
	return db_atomic_end(db, rc);
}

int db_trainer_load(struct db *db, int64_t id, int64_t now, int64_t *weekly,
    int64_t *upcoming)
{
	*weekly = *upcoming = 0;
	return db_query_int2(db, "SELECT " DB_TRAINER_WEEKLY
	    ", (SELECT count(*) FROM trainings g "
	    "WHERE g.trainer_id = t.id AND g.cancelled = 0 AND g.starts_at >= ?2) "
	    "FROM trainers t WHERE t.id = ?1", "trainer load", weekly, upcoming,
	    DB_ARGS(DB_I(id), DB_I(now)));
}

/* ---- pending invites ----------------------------------------------------- */

#define DB_ROW struct pending_invite
static const struct db_rowtype db_pending_rows = DB_ROWTYPE(NULL, NULL,
	DB_INT(kind), DB_I64(person_id), DB_TEXT(first_name), DB_TEXT(last_name),
	DB_I64(expires_at));
#undef DB_ROW

DB_FREE_FN(pending_invites_free, struct pending_invite, db_pending_rows)

/* The invites that can still link someone: of a record that exists and
 * is not linked yet (by a shared contact, say); ?1 = now. */
#define DB_PENDING_FROM "FROM invites i " \
	"LEFT JOIN students s ON i.kind = 1 AND s.id = i.person_id " \
	"LEFT JOIN trainers t ON i.kind = 2 AND t.id = i.person_id " \
	"WHERE i.used_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > ?1 " \
	"AND coalesce(s.id, t.id) IS NOT NULL AND coalesce(s.tg_id, t.tg_id) IS NULL"

int db_invites_pending(struct db *db, int64_t now, size_t max, struct pending_invite **out,
    size_t *n, int64_t *total)
{
	sqlite3_stmt *count = db_stmt_get(db, "SELECT count(*) " DB_PENDING_FROM);
	sqlite3_stmt *st = db_stmt_get(db,
	    "SELECT i.kind, i.person_id, coalesce(s.first_name, t.first_name), "
	    "coalesce(s.last_name, t.last_name), i.expires_at " DB_PENDING_FROM " "
	    "ORDER BY i.expires_at, i.created_at, i.rowid LIMIT ?2");
	int rc;

	*out = NULL;
	*n = 0;
	*total = 0;
	if (count == NULL || st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(count, 1, now);
	if (db_count(db, count, total, "pending invites") != DB_OK)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_int64(st, 2, (int64_t)max);
	*out = db_fetch_all(db, st, "pending invites", &db_pending_rows, n, &rc);
	return rc;
}
