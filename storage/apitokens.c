/*
 * apitokens.c — the HTTP API's tokens and their signing key (see
 * apitokens.h).
 *
 * Invariant: a row is never deleted; revoking sets revoked_at once, so
 * the list of what was issued stays.
 */
#include <stdlib.h>
#include <string.h>

#include "lib/util.h"
#include "storage/apitokens.h"
#include "storage/internal.h"
#include "storage/store.h"

/* random_code characters in the key: 43 of 64 symbols, 258 bits. */
#define DB_API_SECRET_LEN 43

int db_api_token_add(struct db *db, const struct api_token *t, int64_t *id)
{
	return db_insert(db,
	    "INSERT INTO api_tokens (jti, kind, subject_id, role, created_by, created_at, expires_at) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", "api token add", id,
	    DB_ARGS(DB_S(t->jti), DB_I(t->kind), DB_I(t->subject_id), DB_I(t->role),
	    DB_I(t->created_by), DB_I(t->created_at), DB_I(t->expires_at)));
}

#define DB_API_TOKEN_COLS "id, jti, kind, subject_id, role, created_by, created_at, expires_at, " \
	"coalesce(revoked_at, 0)"

#define DB_ROW struct api_token
static const struct db_rowtype db_api_token_rows = DB_ROWTYPE(NULL, NULL,
	DB_I64(id), DB_TEXT(jti), DB_INT(kind), DB_I64(subject_id), DB_INT(role),
	DB_I64(created_by), DB_I64(created_at), DB_I64(expires_at), DB_I64(revoked_at));
#undef DB_ROW

DB_ROW_FNS(api_token_release, api_tokens_free, struct api_token, db_api_token_rows)

int db_api_token_get(struct db *db, int64_t id, struct api_token *out)
{
	return db_query_one(db, "SELECT " DB_API_TOKEN_COLS " FROM api_tokens WHERE id = ?1",
	    "api token get", &db_api_token_rows, out, DB_ARGS(DB_I(id)));
}

int db_api_token_by_jti(struct db *db, const char *jti, struct api_token *out)
{
	return db_query_one(db, "SELECT " DB_API_TOKEN_COLS " FROM api_tokens WHERE jti = ?1",
	    "api token get", &db_api_token_rows, out, DB_ARGS(DB_S(jti)));
}

int db_api_tokens_active(struct db *db, int kind, int64_t subject_id, int64_t now, size_t max,
    struct api_token **out, size_t *n, int64_t *total)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT " DB_API_TOKEN_COLS
	    ", count(*) OVER () FROM api_tokens "
	    "WHERE revoked_at IS NULL AND expires_at > ?1 AND (?2 < 0 OR (kind = ?2 AND subject_id = ?3)) "
	    "ORDER BY id DESC LIMIT ?4",
	    DB_ARGS(DB_I(now), DB_I(kind), DB_I(subject_id), DB_I((int64_t)max)));
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (total)
		*total = 0;
	if (st == NULL)
		return DB_ERROR;
	while ((rc = db_step_row(db, st, "api tokens active")) == DB_OK) {
		XGROW(*out, cap, *n + 1);
		memset(&(*out)[*n], 0, sizeof(**out));
		db_row_read(st, &db_api_token_rows, &(*out)[(*n)++]);
		if (total)
			*total = sqlite3_column_int64(st, 9);
	}
	sqlite3_reset(st);
	if (rc == DB_ERROR) {
		api_tokens_free(*out, *n);
		*out = NULL;
		*n = 0;
		return DB_ERROR;
	}
	return DB_OK;
}

int db_api_token_revoke(struct db *db, int64_t id, int64_t now)
{
	return db_exec_changed(db,
	    "UPDATE api_tokens SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL",
	    "api token revoke", DB_ARGS(DB_I(id), DB_I(now)));
}

int db_api_tokens_revoke_subject(struct db *db, int kind, int64_t subject_id, int64_t now)
{
	return db_exec(db,
	    "UPDATE api_tokens SET revoked_at = ?3 WHERE kind = ?1 AND subject_id = ?2 AND revoked_at IS NULL",
	    "api tokens revoke subject", DB_ARGS(DB_I(kind), DB_I(subject_id), DB_I(now)));
}

int db_api_secret(struct db *db, int create, char **out)
{
	char key[DB_API_SECRET_LEN + 1];
	int rc = db_state_get_text(db, "api_secret", out);

	if (rc != DB_OK || *out != NULL || !create)
		return rc;
	random_code(key, DB_API_SECRET_LEN);
	rc = db_state_set_text(db, "api_secret", key);
	if (rc == DB_OK)
		*out = xstrdup(key);
	explicit_bzero(key, sizeof(key));
	return rc;
}
