/*
 * tg_users.c — every Telegram account that ever wrote to the bot, with its
 * language and whether we can still reach it.
 *
 * Invariant: "reachable" agrees on tg_users and on the student and
 * trainer rows linked to the same tg_id; both functions that change it
 * write all three tables in one savepoint.
 *
 * Callers: bot/ (each incoming update, and the sender on 403 "blocked"),
 * handlers (the reply language).
 */
#include "lib/util.h"
#include "storage/internal.h"
#include "storage/tg_users.h"

/* Set reachable on the people linked to tg_id; skips rows already right,
 * so the per-update call usually writes nothing. */
static int db_tg_people_reachable(struct db *db, int64_t tg_id, int reachable)
{
	static const char *const sql[] = {
		"UPDATE students SET reachable = ?2 WHERE tg_id = ?1 AND reachable <> ?2",
		"UPDATE trainers SET reachable = ?2 WHERE tg_id = ?1 AND reachable <> ?2",
	};
	sqlite3_stmt *st;
	size_t i;
	int rc;

	for (i = 0; i < BJJ_ARRAY_LEN(sql); i++) {
		st = db_stmt_get(db, sql[i]);
		if (st == NULL)
			return DB_ERROR;
		sqlite3_bind_int64(st, 1, tg_id);
		sqlite3_bind_int(st, 2, reachable);
		rc = db_step_done(db, st, "set people reachable");
		if (rc != DB_OK)
			return rc;
	}
	return DB_OK;
}

/* Usually nothing but last_seen changes: taken only when the upsert would
 * write the same name, username, language and reachable, and the people
 * linked are all reachable already. */
static const char DB_TG_SEEN_SAME[] =
	"UPDATE tg_users SET last_seen = ?5 WHERE tg_id = ?1 AND first_name IS ?2 "
	"AND username IS ?3 AND (?4 IS NULL OR lang IS ?4) AND reachable = 1 "
	"AND NOT EXISTS (SELECT 1 FROM students WHERE tg_id = ?1 AND reachable = 0) "
	"AND NOT EXISTS (SELECT 1 FROM trainers WHERE tg_id = ?1 AND reachable = 0)";
/* language_code is optional in an update: keep the last one known. */
static const char DB_TG_SEEN_UPSERT[] =
	"INSERT INTO tg_users (tg_id, first_name, username, lang, reachable, first_seen, last_seen) "
	"VALUES (?1, ?2, ?3, ?4, 1, ?5, ?5) "
	"ON CONFLICT (tg_id) DO UPDATE SET first_name = excluded.first_name, "
	"username = excluded.username, lang = coalesce(excluded.lang, lang), "
	"reachable = 1, last_seen = excluded.last_seen";

/* Run sql with ?1 tg_id, ?2 first_name, ?3 username, ?4 lang_code, ?5 now. */
static int db_tg_user_write(struct db *db, const char *sql, int64_t tg_id,
    const char *first_name, const char *username, const char *lang_code, int64_t now)
{
	sqlite3_stmt *st = db_stmt_get(db, sql);

	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, tg_id);
	db_bind_text(st, 2, first_name);
	db_bind_text(st, 3, username);
	db_bind_text(st, 4, lang_code);
	sqlite3_bind_int64(st, 5, now);
	return db_step_done(db, st, "tg user seen");
}

int db_tg_user_seen(struct db *db, int64_t tg_id, const char *first_name,
    const char *username, const char *lang_code, int64_t now)
{
	int rc = db_tg_user_write(db, DB_TG_SEEN_SAME, tg_id, first_name, username, lang_code, now);

	/* One statement when nothing else changed. */
	if (rc != DB_OK || sqlite3_changes(db->h) == 1)
		return rc;
	if (db_atomic_begin(db) != DB_OK)
		return DB_ERROR;
	rc = db_tg_user_write(db, DB_TG_SEEN_UPSERT, tg_id, first_name, username, lang_code, now);
	if (rc == DB_OK)
		rc = db_tg_people_reachable(db, tg_id, 1);
	return db_atomic_end(db, rc);
}

int db_tg_user_set_reachable(struct db *db, int64_t tg_id, int reachable)
{
	sqlite3_stmt *st;
	int rc;

	reachable = reachable != 0;
	if (db_atomic_begin(db) != DB_OK)
		return DB_ERROR;
	st = db_stmt_get(db, "UPDATE tg_users SET reachable = ?2 WHERE tg_id = ?1");
	if (st == NULL) {
		rc = DB_ERROR;
		goto out;
	}
	sqlite3_bind_int64(st, 1, tg_id);
	sqlite3_bind_int(st, 2, reachable);
	rc = db_step_done(db, st, "tg user set reachable");
	if (rc == DB_OK)
		rc = db_tg_people_reachable(db, tg_id, reachable);
out:
	return db_atomic_end(db, rc);
}

int db_tg_user_lang(struct db *db, int64_t tg_id, char **lang)
{
	sqlite3_stmt *st = db_stmt_get(db, "SELECT lang FROM tg_users WHERE tg_id = ?1");
	int rc;

	*lang = NULL;
	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, tg_id);
	rc = db_step_row(db, st, "tg user lang");
	if (rc == DB_OK)
		*lang = db_column_dup(st, 0);
	sqlite3_reset(st);
	return rc == DB_OK && *lang == NULL ? DB_NOTFOUND : rc;
}
