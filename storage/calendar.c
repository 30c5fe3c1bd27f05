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
	return db_query_exists(db, "SELECT 1 FROM calendar_secrets "
	    "WHERE kind = ?1 AND subject_id = ?2 AND revoked_at IS NULL", "calendar secret held",
	    DB_ARGS(DB_I(kind), DB_I(subject_id)));
}

int db_calendar_secret_revoke(struct db *db, int kind, int64_t subject_id, int64_t now)
{
	return db_exec_changed(db, "UPDATE calendar_secrets SET revoked_at = ?3 "
	    "WHERE kind = ?1 AND subject_id = ?2 AND revoked_at IS NULL", "calendar secret revoke",
	    DB_ARGS(DB_I(kind), DB_I(subject_id), DB_I(now)));
}

int db_calendar_secret_new(struct db *db, int kind, int64_t subject_id, int64_t now, char **out)
{
	char secret[DB_CALENDAR_SECRET_LEN + 1], h[DB_SECRET_HASH_HEX];
	int rc;

	*out = NULL;
	if (db_atomic_begin(db) != DB_OK)
		return DB_ERROR;
	rc = db_calendar_secret_revoke(db, kind, subject_id, now);
	if (rc == DB_NOTFOUND)
		rc = DB_OK;
	if (rc == DB_OK) {
		random_code(secret, DB_CALENDAR_SECRET_LEN);
		if (db_secret_hash(secret, h) != 0)
			rc = DB_ERROR;
	}
	if (rc == DB_OK)
		rc = db_exec(db, "INSERT INTO calendar_secrets "
		    "(secret_hash, kind, subject_id, created_at) VALUES (?1, ?2, ?3, ?4)",
		    "calendar secret add", DB_ARGS(DB_S(h), DB_I(kind), DB_I(subject_id), DB_I(now)));
	rc = db_atomic_end(db, rc);
	if (rc == DB_OK)
		*out = xstrdup(secret);
	explicit_bzero(secret, sizeof(secret));
	return rc;
}

int db_calendar_secret_find(struct db *db, const char *secret, int *kind, int64_t *subject_id)
{
	char h[DB_SECRET_HASH_HEX];
	sqlite3_stmt *st;
	int rc;

	if (db_secret_hash(secret, h) != 0 || (st = db_prepare(db,
	    "SELECT kind, subject_id FROM calendar_secrets "
	    "WHERE secret_hash = ?1 AND revoked_at IS NULL", DB_ARGS(DB_S(h)))) == NULL)
		return DB_ERROR;
	rc = db_step_row(db, st, "calendar secret find");
	if (rc == DB_OK) {
		*kind = sqlite3_column_int(st, 0);
		*subject_id = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	return rc;
}
