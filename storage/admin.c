/*
 * admin.c — the owner's view of students (see admin.h): the card, the
 * paged list, phone changes, deactivation.
 *
 * Invariant: nothing here deletes a row; subscriptions, plans and
 * attendance are read, never written.
 *
 * Callers: handlers/admin.c, tests.
 */
#include <stdlib.h>
#include <string.h>

#include "bot/log.h"
#include "bot/util.h"
#include "storage/admin.h"
#include "storage/internal.h"

/* The filter of the list: students whose "first last" or "last first"
 * contains ?1 (escaped for LIKE), or everyone when ?1 is NULL; ?2 = 1
 * includes the inactive ones. */
#define DB_PAGE_WHERE "WHERE (?2 = 1 OR active = 1) AND (?1 IS NULL " \
	"OR first_name || ' ' || last_name LIKE '%' || ?1 || '%' ESCAPE '\\' " \
	"OR last_name || ' ' || first_name LIKE '%' || ?1 || '%' ESCAPE '\\')"

void student_card_free(struct student_card *c)
{
	if (c == NULL)
		return;
	person_free(&c->p);
	free(c->email);
	free(c->birth_date);
	free(c->notes);
	free(c->plan_title);
	free(c->plan_status);
	memset(c, 0, sizeof(*c));
}

/* The fields of the card beyond struct person, and the visits. */
static int db_card_details(struct db *db, struct student_card *c, int64_t month_start,
    int64_t month_end)
{
	sqlite3_stmt *st = db_stmt_get(db,
	    "SELECT s.email, s.birth_date, s.notes, "
	    "  (SELECT count(*) FROM attendance a JOIN trainings t ON t.id = a.training_id "
	    "   WHERE a.student_id = s.id AND a.status IN ('present', 'late') "
	    "   AND t.starts_at >= ?2 AND t.starts_at < ?3) "
	    "FROM students s WHERE s.id = ?1");
	int rc;

	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, c->p.id);
	sqlite3_bind_int64(st, 2, month_start);
	sqlite3_bind_int64(st, 3, month_end);
	rc = db_step_row(db, st, "student card");
	if (rc == DB_OK) {
		c->email = db_column_dup(st, 0);
		c->birth_date = db_column_dup(st, 1);
		c->notes = db_column_dup(st, 2);
		c->month_visits = sqlite3_column_int(st, 3);
	}
	sqlite3_reset(st);
	return rc;
}

/* The current (or next) plan: a bought plan that starts next week still
 * matters to the owner looking at the card. */
static int db_card_plan(struct db *db, struct student_card *c, int64_t now)
{
	sqlite3_stmt *st = db_stmt_get(db,
	    "SELECT p.title, s.status, s.starts_at, s.ends_at, coalesce(s.classes_left, -1) "
	    "FROM subscriptions s JOIN plans p ON p.id = s.plan_id "
	    "WHERE s.student_id = ?1 AND s.status IN ('active', 'frozen') AND s.ends_at > ?2 "
	    /* the plan valid now first, then a frozen one, then what is next */
	    "ORDER BY (s.status = 'active' AND s.starts_at <= ?2 "
	    "  AND (s.classes_left IS NULL OR s.classes_left > 0)) DESC, "
	    "  s.status = 'frozen' DESC, s.starts_at, s.id LIMIT 1");
	int rc;

	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, c->p.id);
	sqlite3_bind_int64(st, 2, now);
	rc = db_step_row(db, st, "student card plan");
	if (rc == DB_OK) {
		c->has_plan = 1;
		c->plan_title = db_column_dup(st, 0);
		c->plan_status = db_column_dup(st, 1);
		c->plan_starts_at = sqlite3_column_int64(st, 2);
		c->plan_ends_at = sqlite3_column_int64(st, 3);
		c->plan_classes_left = sqlite3_column_int(st, 4);
	}
	sqlite3_reset(st);
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
		student_card_free(out);
	return rc;
}

int db_students_page(struct db *db, const char *fragment, int include_inactive,
    size_t offset, size_t limit, struct person **out, size_t *n, int64_t *total)
{
	sqlite3_stmt *count = db_stmt_get(db, "SELECT count(*) FROM students " DB_PAGE_WHERE);
	sqlite3_stmt *st = db_stmt_get(db,
	    "SELECT id, first_name, last_name, belt, stripes, tg_id, active, reachable "
	    "FROM students " DB_PAGE_WHERE " "
	    "ORDER BY active DESC, last_name, first_name, id LIMIT ?3 OFFSET ?4");
	char *like = db_like_literal(fragment);
	struct person *v = NULL;
	size_t got = 0;
	int rc = DB_ERROR;

	*out = NULL;
	*n = 0;
	*total = 0;
	if (count == NULL || st == NULL)
		goto out;
	db_bind_text(count, 1, like);
	sqlite3_bind_int(count, 2, include_inactive != 0);
	rc = db_step_row(db, count, "student page count");
	if (rc == DB_OK)
		*total = sqlite3_column_int64(count, 0);
	sqlite3_reset(count);
	if (rc != DB_OK) {
		rc = DB_ERROR;
		goto out;
	}
	db_bind_text(st, 1, like);
	sqlite3_bind_int(st, 2, include_inactive != 0);
	sqlite3_bind_int64(st, 3, (int64_t)limit);
	sqlite3_bind_int64(st, 4, (int64_t)offset);
	v = xcalloc(limit ? limit : 1, sizeof(*v));
	while (got < limit && (rc = db_step_row(db, st, "student page")) == DB_OK) {
		struct person *p = &v[got++];

		p->kind = PERSON_STUDENT;
		p->id = sqlite3_column_int64(st, 0);
		p->first_name = db_column_dup(st, 1);
		p->last_name = db_column_dup(st, 2);
		p->belt = db_column_dup(st, 3);
		p->stripes = sqlite3_column_int(st, 4);
		p->tg_id = sqlite3_column_int64(st, 5);
		p->active = sqlite3_column_int(st, 6);
		p->reachable = sqlite3_column_int(st, 7);
	}
	sqlite3_reset(st);
	if (rc == DB_ERROR) {
		persons_free(v, got);
		goto out;
	}
	rc = DB_OK;
	*out = v;
	*n = got;
out:
	free(like);
	return rc;
}

int db_student_set_active(struct db *db, int64_t id, int active, int *changed)
{
	sqlite3_stmt *st = db_stmt_get(db,
	    "UPDATE students SET active = ?2 WHERE id = ?1 AND active <> ?2");
	int rc;

	if (changed != NULL)
		*changed = 0;
	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, active != 0);
	if ((rc = db_step_done(db, st, "student set active")) != DB_OK)
		return rc;
	if (sqlite3_changes(db->h) == 1) {
		if (changed != NULL)
			*changed = 1;
		return DB_OK;
	}
	return db_student_exists(db, id);
}

int db_student_set_phone(struct db *db, int64_t id, const char *phone)
{
	sqlite3_stmt *st = db_stmt_get(db, "UPDATE students SET phone = ?2 WHERE id = ?1");
	int rc;

	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, phone);
	if ((rc = db_step_done(db, st, "student set phone")) != DB_OK)
		return rc;
	return sqlite3_changes(db->h) == 1 ? DB_OK : DB_NOTFOUND;
}

int db_student_set_birth(struct db *db, int64_t id, const char *date)
{
	sqlite3_stmt *st = db_stmt_get(db, "UPDATE students SET birth_date = ?2 WHERE id = ?1");
	int rc;

	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, date);
	if ((rc = db_step_done(db, st, "student set birth date")) != DB_OK)
		return rc;
	return sqlite3_changes(db->h) == 1 ? DB_OK : DB_NOTFOUND;
}

int db_student_by_phone(struct db *db, const char *phone, struct person *out)
{
	sqlite3_stmt *st = db_stmt_get(db, "SELECT id FROM students WHERE phone = ?1");
	int64_t id = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	if (st == NULL)
		return DB_ERROR;
	db_bind_text(st, 1, phone);
	rc = db_step_row(db, st, "student by phone");
	if (rc == DB_OK)
		id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == DB_OK ? db_person_get(db, PERSON_STUDENT, id, out) : rc;
}
