/*
 * calendar.c — the calendar feeds' secrets (see calendar.h).
 *
 * Invariant: a row is never deleted; revoking sets revoked_at once. A
 * secret is kept only as its hex SHA-256 (db_secret_hash), so the
 * database holds no working feed address; the secret itself leaves only
 * to the caller of db_calendar_secret_new.
 */
#include <stdlib.h>
#include <string.h>

#include "lib/util.h"
#include "storage/calendar.h"
#include "storage/internal.h"

int db_calendar_secret_held(struct db *db, int kind, int64_t subject_id)
{
	sqlite3_stmt *st = db_stmt_get(db, "SELECT 1 FROM calendar_secrets "
	    "WHERE kind = ?1 AND subject_id = ?2 AND revoked_at IS NULL");
	int rc;

	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int(st, 1, kind);
	sqlite3_bind_int64(st, 2, subject_id);
	rc = db_step_row(db, st, "calendar secret held");
	sqlite3_reset(st);
	return rc;
}

int db_calendar_secret_revoke(struct db *db, int kind, int64_t subject_id, int64_t now)
{
	sqlite3_stmt *st = db_stmt_get(db, "UPDATE calendar_secrets SET revoked_at = ?3 "
	    "WHERE kind = ?1 AND subject_id = ?2 AND revoked_at IS NULL");
	int rc;

	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int(st, 1, kind);
	sqlite3_bind_int64(st, 2, subject_id);
	sqlite3_bind_int64(st, 3, now);
	rc = db_step_done(db, st, "calendar secret revoke");
	if (rc == DB_OK && sqlite3_changes(db->h) == 0)
		return DB_NOTFOUND;
	return rc;
}

int db_calendar_secret_new(struct db *db, int kind, int64_t subject_id, int64_t now, char **out)
{
	char secret[DB_CALENDAR_SECRET_LEN + 1], h[DB_SECRET_HASH_HEX];
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	if (db_atomic_begin(db) != DB_OK)
		return DB_ERROR;
	rc = db_calendar_secret_revoke(db, kind, subject_id, now);
	if (rc == DB_NOTFOUND)
		rc = DB_OK;
	st = rc == DB_OK ? db_stmt_get(db, "INSERT INTO calendar_secrets "
	    "(secret_hash, kind, subject_id, created_at) VALUES (?1, ?2, ?3, ?4)") : NULL;
	if (rc == DB_OK && st == NULL)
		rc = DB_ERROR;
	if (rc == DB_OK) {
		random_code(secret, DB_CALENDAR_SECRET_LEN);
		if (db_secret_hash(secret, h) != 0)
			rc = DB_ERROR;
	}
	if (rc == DB_OK) {
		db_bind_text(st, 1, h);
		sqlite3_bind_int(st, 2, kind);
		sqlite3_bind_int64(st, 3, subject_id);
		sqlite3_bind_int64(st, 4, now);
		rc = db_step_done(db, st, "calendar secret add");
	}
	rc = db_atomic_end(db, rc);
	if (rc == DB_OK)
		*out = xstrdup(secret);
	memset(secret, 0, sizeof(secret));
	return rc;
}

int db_calendar_secret_find(struct db *db, const char *secret, int *kind, int64_t *subject_id)
{
	sqlite3_stmt *st = db_stmt_get(db, "SELECT kind, subject_id FROM calendar_secrets "
	    "WHERE secret_hash = ?1 AND revoked_at IS NULL");
	char h[DB_SECRET_HASH_HEX];
	int rc;

	if (st == NULL || db_secret_hash(secret, h) != 0)
		return DB_ERROR;
	db_bind_text(st, 1, h);
	rc = db_step_row(db, st, "calendar secret find");
	if (rc == DB_OK) {
		*kind = sqlite3_column_int(st, 0);
		*subject_id = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	return rc;
}
