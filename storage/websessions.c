/*
 * websessions.c — the dashboard's login codes and sessions (see
 * websessions.h).
 *
 * Invariant: a code or session id is looked up and stored only as the
 * hex SHA-256 of its text; the text itself leaves only to the caller.
 * db_secret_hash is that hash for every secret storage/ keeps (the
 * calendar feeds' too, storage/calendar.c; bjj_sha256 in SQL for the
 * migration that hashed those already kept).
 */
#include <stdlib.h>
#include <string.h>

#include <gnutls/crypto.h>

#include "lib/util.h"
#include "storage/internal.h"
#include "storage/websessions.h"

int db_secret_hash(const char *s, char out[DB_SECRET_HASH_HEX])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char d[32];

	if (gnutls_hash_fast(GNUTLS_DIG_SHA256, s, strlen(s), d) != 0)
		return -1;
	for (size_t i = 0; i < sizeof(d); i++) {
		out[2 * i] = hex[d[i] >> 4];
		out[2 * i + 1] = hex[d[i] & 15];
	}
	out[64] = '\0';
	return 0;
}

void db_sql_sha256(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *s = argc == 1 ? sqlite3_value_text(argv[0]) : NULL;
	char h[DB_SECRET_HASH_HEX];

	if (s == NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	if (db_secret_hash((const char *)s, h) != 0) {
		sqlite3_result_error(ctx, "sha256 failed", -1);
		return;
	}
	sqlite3_result_text(ctx, h, -1, SQLITE_TRANSIENT);
}

/* Insert a row of sql (?1 hash, ?2 owner, ?3 lang, ?4 now, ?5 expiry)
 * for a new random secret of len characters, into out. */
static int db_web_insert(struct db *db, const char *sql, const char *op, int64_t owner,
    const char *lang, int64_t now, int64_t ttl, char *out, size_t len)
{
	char h[DB_SECRET_HASH_HEX];
	sqlite3_stmt *st;
	int rc;

	random_code(out, len);
	if (db_secret_hash(out, h) != 0 || (st = db_stmt_get(db, sql)) == NULL) {
		memset(out, 0, len);
		return DB_ERROR;
	}
	db_bind_text(st, 1, h);
	sqlite3_bind_int64(st, 2, owner);
	db_bind_text(st, 3, lang);
	sqlite3_bind_int64(st, 4, now);
	sqlite3_bind_int64(st, 5, now + ttl);
	rc = db_step_done(db, st, op);
	if (rc != DB_OK)
		memset(out, 0, len);
	return rc;
}

int db_web_login_new(struct db *db, int64_t owner, const char *lang, int64_t now,
    char code[DB_WEB_CODE_LEN + 1])
{
	return db_web_insert(db, "INSERT INTO web_logins (code_hash, owner_tg_id, lang, created_at, "
	    "expires_at) VALUES (?1, ?2, ?3, ?4, ?5)", "web login add", owner, lang, now,
	    DB_WEB_LOGIN_TTL, code, DB_WEB_CODE_LEN);
}

int db_web_session_new(struct db *db, int64_t owner, const char *lang, int64_t now,
    char sid[DB_WEB_SID_LEN + 1])
{
	return db_web_insert(db, "INSERT INTO web_sessions (sid_hash, owner_tg_id, lang, created_at, "
	    "expires_at) VALUES (?1, ?2, ?3, ?4, ?5)", "web session add", owner, lang, now,
	    DB_WEB_SESSION_TTL, sid, DB_WEB_SID_LEN);
}

/* The owner and language of the row sql (?1 hash, ?2 now) finds. */
static int db_web_find(struct db *db, const char *sql, const char *op, const char *secret,
    int64_t now, int64_t *owner, char **lang)
{
	char h[DB_SECRET_HASH_HEX];
	sqlite3_stmt *st;
	int rc;

	if (db_secret_hash(secret, h) != 0 || (st = db_stmt_get(db, sql)) == NULL)
		return DB_ERROR;
	db_bind_text(st, 1, h);
	sqlite3_bind_int64(st, 2, now);
	rc = db_step_row(db, st, op);
	if (rc == DB_OK) {
		if (owner != NULL)
			*owner = sqlite3_column_int64(st, 0);
		if (lang != NULL)
			*lang = db_column_dup(st, 1);
	}
	sqlite3_reset(st);
	return rc;
}

int db_web_login_use(struct db *db, const char *code, int64_t now, int64_t *owner, char **lang)
{
	char h[DB_SECRET_HASH_HEX];
	sqlite3_stmt *st;
	int rc;

	*lang = NULL;
	if (db_secret_hash(code, h) != 0)
		return DB_ERROR;
	st = db_stmt_get(db, "UPDATE web_logins SET used_at = ?2 "
	    "WHERE code_hash = ?1 AND used_at IS NULL AND expires_at > ?2");
	if (st == NULL)
		return DB_ERROR;
	db_bind_text(st, 1, h);
	sqlite3_bind_int64(st, 2, now);
	rc = db_step_done(db, st, "web login use");
	if (rc != DB_OK)
		return rc;
	if (sqlite3_changes(db->h) == 1)
		return db_web_find(db, "SELECT owner_tg_id, lang FROM web_logins "
		    "WHERE code_hash = ?1 AND used_at = ?2", "web login get", code, now, owner, lang);
	/* Not usable: a code that was never made, or one used or too old. */
	rc = db_web_find(db, "SELECT owner_tg_id, NULL FROM web_logins "
	    "WHERE code_hash = ?1 AND ?2 = ?2", "web login find", code, now, NULL, NULL);
	return rc == DB_OK ? DB_CONSTRAINT : rc;
}

int db_web_login_check(struct db *db, const char *code, int64_t now)
{
	int rc = db_web_find(db, "SELECT owner_tg_id, NULL FROM web_logins "
	    "WHERE code_hash = ?1 AND used_at IS NULL AND expires_at > ?2", "web login check", code, now,
	    NULL, NULL);

	if (rc != DB_NOTFOUND)
		return rc;
	rc = db_web_find(db, "SELECT owner_tg_id, NULL FROM web_logins "
	    "WHERE code_hash = ?1 AND ?2 = ?2", "web login find", code, now, NULL, NULL);
	return rc == DB_OK ? DB_CONSTRAINT : rc;
}

int db_web_session_get(struct db *db, const char *sid, int64_t now, int64_t *owner, char **lang)
{
	*lang = NULL;
	return db_web_find(db, "SELECT owner_tg_id, lang FROM web_sessions "
	    "WHERE sid_hash = ?1 AND ended_at IS NULL AND expires_at > ?2", "web session get", sid, now,
	    owner, lang);
}

int db_web_session_end(struct db *db, const char *sid, int64_t now)
{
	char h[DB_SECRET_HASH_HEX];
	sqlite3_stmt *st;
	int rc;

	if (db_secret_hash(sid, h) != 0 || (st = db_stmt_get(db, "UPDATE web_sessions SET ended_at = ?2 "
	    "WHERE sid_hash = ?1 AND ended_at IS NULL AND expires_at > ?2")) == NULL)
		return DB_ERROR;
	db_bind_text(st, 1, h);
	sqlite3_bind_int64(st, 2, now);
	rc = db_step_done(db, st, "web session end");
	if (rc == DB_OK && sqlite3_changes(db->h) == 0)
		return DB_NOTFOUND;
	return rc;
}

int db_web_sessions_end_owner(struct db *db, int64_t owner, int64_t now)
{
	return db_exec(db, "UPDATE web_sessions SET ended_at = ?2 "
	    "WHERE owner_tg_id = ?1 AND ended_at IS NULL", "web sessions end",
	    DB_ARGS(DB_I(owner), DB_I(now)));
}

int db_web_prune(struct db *db, int64_t now, int *deleted)
{
	/* each deletes the rows over by ?1 */
	static const char *const sql[] = {
		"DELETE FROM web_sessions WHERE ended_at IS NOT NULL OR expires_at <= ?1",
		"DELETE FROM web_logins WHERE expires_at <= ?1",
	};
	const int64_t cutoff[] = { now, now - DB_WEB_LOGIN_KEEP };
	sqlite3_stmt *st;
	int rc;

	if (deleted != NULL)
		*deleted = 0;
	for (size_t i = 0; i < BJJ_ARRAY_LEN(sql); i++) {
		if ((st = db_stmt_get(db, sql[i])) == NULL)
			return DB_ERROR;
		sqlite3_bind_int64(st, 1, cutoff[i]);
		if ((rc = db_step_done(db, st, "web prune")) != DB_OK)
			return rc;
		if (deleted != NULL)
			*deleted += sqlite3_changes(db->h);
	}
	return DB_OK;
}
