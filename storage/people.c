/*
 * people.c — students and trainers: the records the academy keeps, and
 * their link to a Telegram account.
 *
 * Invariant: a record is linked to at most one Telegram account and an
 * account to at most one record of each kind (UNIQUE tg_id); a link is
 * only ever made on an unlinked record, never overwritten here (the owner
 * may clear it: db_person_unlink).
 *
 * The two kinds live in separate tables with their own id sequences
 * (student #1 and trainer #1 both exist).
 *
 * Callers: handlers (registration, roles, admin), invites.c.
 */
#include <stdlib.h>
#include <string.h>

#include "lib/log.h"
#include "lib/util.h"
#include "storage/internal.h"
#include "storage/people.h"

_Static_assert(PERSON_STUDENT == 1 && PERSON_TRAINER == 2,
    "the kind numbers are spelled out in the SQL here, in admin.c and in invites.c");

/* The columns db_person_rows reads, kind first. Trainers have no
 * stripes (yet). */
#define DB_STUDENT_COLS "1, id, first_name, last_name, phone, tg_id, belt, stripes, " \
	"active, reachable, created_at FROM students"
#define DB_TRAINER_COLS "2, id, first_name, last_name, phone, tg_id, belt, 0, " \
	"active, reachable, created_at FROM trainers"

/* Per kind, so the functions below serve both tables. */
struct db_person_sql {
	const char *get;       /* ?1 = id */
	const char *link;      /* ?1 = id, ?2 = tg_id */
	const char *unlink;    /* ?1 = id */
};

static const struct db_person_sql db_person_sql[] = {
	[PERSON_STUDENT] = {
		.get = "SELECT " DB_STUDENT_COLS " WHERE id = ?1",
		.link = "UPDATE students SET tg_id = ?2 WHERE id = ?1 AND tg_id IS NULL",
		.unlink = "UPDATE students SET tg_id = NULL WHERE id = ?1",
	},
	[PERSON_TRAINER] = {
		.get = "SELECT " DB_TRAINER_COLS " WHERE id = ?1",
		.link = "UPDATE trainers SET tg_id = ?2 WHERE id = ?1 AND tg_id IS NULL",
		.unlink = "UPDATE trainers SET tg_id = NULL WHERE id = ?1",
	},
};

/* The statements for kind, or NULL (logged) for a kind that does not exist. */
static const struct db_person_sql *db_person_sql_of(int kind)
{
	if (kind != PERSON_STUDENT && kind != PERSON_TRAINER) {
		log_error("db", "unknown person kind %d", kind);
		return NULL;
	}
	return &db_person_sql[kind];
}

/* A row of a query selecting DB_STUDENT_COLS or DB_TRAINER_COLS. */
#define DB_ROW struct person
static const struct db_rowtype db_person_rows = DB_ROWTYPE(NULL, NULL,
	DB_INT(kind), DB_I64(id), DB_TEXT(first_name), DB_TEXT(last_name), DB_TEXT(phone),
	DB_I64(tg_id), DB_TEXT(belt), DB_INT(stripes), DB_INT(active), DB_INT(reachable),
	DB_I64(created_at));
#undef DB_ROW

DB_RELEASE_FN(person_release, struct person, db_person_rows)

int db_student_add(struct db *db, const char *first, const char *last,
    const char *phone, const char *belt, int stripes, int64_t now, int64_t *id)
{
	return db_insert(db,
	    "INSERT INTO students (first_name, last_name, phone, belt, stripes, created_at) "
	    "VALUES (?1, coalesce(?2, ''), ?3, coalesce(?4, 'white'), ?5, ?6)", "student add", id,
	    DB_ARGS(DB_S(first), DB_S(last), DB_S(phone), DB_S(belt), DB_I(stripes), DB_I(now)));
}

int db_trainer_add(struct db *db, const char *first, const char *last,
    const char *phone, int64_t now, int64_t *id)
{
	return db_insert(db, "INSERT INTO trainers (first_name, last_name, phone, created_at) "
	    "VALUES (?1, coalesce(?2, ''), ?3, ?4)", "trainer add", id,
	    DB_ARGS(DB_S(first), DB_S(last), DB_S(phone), DB_I(now)));
}

int db_person_get(struct db *db, int kind, int64_t id, struct person *out)
{
	const struct db_person_sql *sql = db_person_sql_of(kind);

	if (sql == NULL) {
		memset(out, 0, sizeof(*out));
		return DB_ERROR;
	}
	return db_query_one(db, sql->get, "person get", &db_person_rows, out, DB_ARGS(DB_I(id)));
}

/*
 * Both lookups below search both tables at once. The trainer row wins
 * (ORDER BY kind DESC: trainer is 2): a trainer who also trains as a
 * student acts with the wider role.
 */
int db_person_by_tg(struct db *db, int64_t tg_id, struct person *out)
{
	return db_query_one(db,
	    "SELECT " DB_TRAINER_COLS " WHERE tg_id = ?1 AND active = 1 UNION ALL "
	    "SELECT " DB_STUDENT_COLS " WHERE tg_id = ?1 AND active = 1 "
	    "ORDER BY 1 DESC LIMIT 1", "person by tg", &db_person_rows, out,
	    DB_ARGS(DB_I(tg_id)));
}

int db_person_unlinked_by_phone(struct db *db, const char *phone, struct person *out)
{
	return db_query_one(db,
	    "SELECT " DB_TRAINER_COLS " WHERE phone = ?1 AND tg_id IS NULL AND active = 1 "
	    "UNION ALL "
	    "SELECT " DB_STUDENT_COLS " WHERE phone = ?1 AND tg_id IS NULL AND active = 1 "
	    "ORDER BY 1 DESC LIMIT 1", "person by phone", &db_person_rows, out,
	    DB_ARGS(DB_S(phone)));
}

int db_person_link(struct db *db, int kind, int64_t id, int64_t tg_id)
{
	const struct db_person_sql *sql = db_person_sql_of(kind);
	sqlite3_stmt *st = sql ? db_stmt_get(db, sql->link) : NULL;
	int rc;

	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, tg_id);
	rc = db_step_done(db, st, "person link");
	if (rc != DB_OK || sqlite3_changes(db->h) == 1)
		return rc;
	/* Nothing changed: either there is no such record or it is linked. */
	rc = db_query_exists(db, sql->get, "person link", DB_ARGS(DB_I(id)));
	return rc == DB_OK ? DB_CONSTRAINT : rc;
}

int db_person_unlink(struct db *db, int kind, int64_t id, int64_t *old_tg)
{
	const struct db_person_sql *sql = db_person_sql_of(kind);
	sqlite3_stmt *st = sql ? db_stmt_get(db, sql->unlink) : NULL;
	struct person p;
	int rc;

	*old_tg = 0;
	if (st == NULL)
		return DB_ERROR;
	if ((rc = db_person_get(db, kind, id, &p)) != DB_OK)
		return rc;
	*old_tg = p.tg_id;
	person_release(&p);
	if (*old_tg == 0)
		return DB_OK;
	sqlite3_bind_int64(st, 1, id);
	return db_step_done(db, st, "person unlink");
}

int db_person_was_unlinked(struct db *db, int kind, int64_t id)
{
	int rc;

	if (kind != PERSON_STUDENT && kind != PERSON_TRAINER)
		return DB_ERROR;
	rc = db_query_exists(db,
	    "SELECT 1 FROM audit_log WHERE entity = ?1 AND entity_id = ?2 AND action = ?3",
	    "person was unlinked", DB_ARGS(DB_S(kind == PERSON_TRAINER ? "trainer" : "student"),
	    DB_I(id), DB_S(kind == PERSON_TRAINER ? "trainer.unlink" : "student.unlink")));
	return rc == DB_OK ? 1 : rc == DB_NOTFOUND ? 0 : DB_ERROR;
}

int db_person_inactive_by_phone(struct db *db, const char *phone, struct person *out)
{
	return db_query_one(db,
	    "SELECT " DB_TRAINER_COLS " WHERE phone = ?1 AND active = 0 UNION ALL "
	    "SELECT " DB_STUDENT_COLS " WHERE phone = ?1 AND active = 0 "
	    "ORDER BY 1 DESC LIMIT 1", "inactive person by phone", &db_person_rows, out,
	    DB_ARGS(DB_S(phone)));
}

/* The search of db_people_search, per kind. */
#define DB_SEARCH_WHERE " WHERE (?2 = 0 OR active = 1) AND " \
	"(first_name || ' ' || last_name LIKE '%' || ?1 || '%' ESCAPE '\\' " \
	" OR last_name || ' ' || first_name LIKE '%' || ?1 || '%' ESCAPE '\\') " \
	"ORDER BY active DESC, last_name, first_name, id LIMIT ?3"
static const char *const db_search_sql[] = {
	[PERSON_STUDENT] = "SELECT " DB_STUDENT_COLS DB_SEARCH_WHERE,
	[PERSON_TRAINER] = "SELECT " DB_TRAINER_COLS DB_SEARCH_WHERE,
};

int db_people_search(struct db *db, int kind, const char *fragment, int active_only,
    size_t max, struct person **out, size_t *n)
{
	sqlite3_stmt *st = db_person_sql_of(kind) ? db_stmt_get(db, db_search_sql[kind]) : NULL;
	char *esc;
	int rc;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return DB_ERROR;
	/* Matched literally: % and _ in the fragment are escaped; an empty
	 * fragment matches everyone. */
	esc = db_like_literal(fragment);
	db_bind_text(st, 1, esc ? esc : "");
	sqlite3_bind_int(st, 2, active_only != 0);
	sqlite3_bind_int64(st, 3, (int64_t)max);
	*out = db_fetch_all(db, st, "people search", &db_person_rows, n, &rc);
	free(esc);
	return rc;
}

int db_students_search(struct db *db, const char *fragment, int active_only, size_t max,
    struct person **out, size_t *n)
{
	return db_people_search(db, PERSON_STUDENT, fragment, active_only, max, out, n);
}

DB_FREE_FN(persons_free, struct person, db_person_rows)

int db_student_exists(struct db *db, int64_t id)
{
	return db_query_exists(db, "SELECT 1 FROM students WHERE id = ?1", "student exists",
	    DB_ARGS(DB_I(id)));
}

#define DB_ROW struct linked_chat
static const struct db_rowtype db_linked_rows = DB_ROWTYPE(NULL, NULL, DB_I64(tg_id), DB_INT(kind));
#undef DB_ROW

int db_people_linked(struct db *db, struct linked_chat **out, size_t *n)
{
	int rc;

	*out = db_query_all(db,
	    "SELECT tg_id, 2 FROM trainers WHERE active = 1 AND tg_id IS NOT NULL UNION ALL "
	    "SELECT tg_id, 1 FROM students WHERE active = 1 AND tg_id IS NOT NULL "
	    "AND tg_id NOT IN (SELECT tg_id FROM trainers WHERE active = 1 AND tg_id IS NOT NULL)",
	    "linked people", &db_linked_rows, n, &rc, NULL, 0);
	return rc;
}

int db_student_first_active(struct db *db, int64_t *id)
{
	*id = 0;
	return db_query_int(db, "SELECT id FROM students WHERE active = 1 ORDER BY id LIMIT 1",
	    "first active student", id, NULL, 0);
}
