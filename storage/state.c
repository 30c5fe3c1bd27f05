/*
 * state.c — the bot's own key/value state (bot_state): "last_update_id",
 * which commits in the same transaction as the updates it covers,
 * "running" and "suspect" (crash recovery, bot/batch.h), and small cached
 * facts such as "bot_username".
 *
 * Invariant: a key holds one typed value; reading it as the other type is
 * an error, not a silent conversion.
 *
 * Callers: bot/ (poller, getMe), handlers.
 */
#include "lib/log.h"
#include "storage/internal.h"
#include "storage/state.h"

static const char DB_STATE_GET[] = "SELECT value FROM bot_state WHERE key = ?1";
static const char DB_STATE_SET[] =
	"INSERT INTO bot_state (key, value) VALUES (?1, ?2) "
	"ON CONFLICT (key) DO UPDATE SET value = excluded.value";

/*
 * Step the lookup of key; DB_OK leaves the value in column 0 of *st,
 * which the caller resets. A NULL value counts as absent; a value of
 * another SQL type is an error.
 */
static int db_state_lookup(struct db *db, const char *key, int type, sqlite3_stmt **st)
{
	int rc;

	*st = db_stmt_get(db, DB_STATE_GET);
	if (*st == NULL)
		return DB_ERROR;
	db_bind_text(*st, 1, key);
	rc = db_step_row(db, *st, "state get");
	if (rc != DB_OK)
		return rc;
	if (sqlite3_column_type(*st, 0) == SQLITE_NULL)
		return DB_NOTFOUND; /* set_text(key, NULL) clears a key */
	if (sqlite3_column_type(*st, 0) != type) {
		log_error("db", "state get: \"%s\" has another type", key);
		return DB_ERROR;
	}
	return DB_OK;
}

int db_state_get_int(struct db *db, const char *key, int64_t def, int64_t *out)
{
	sqlite3_stmt *st;
	int rc = db_state_lookup(db, key, SQLITE_INTEGER, &st);

	*out = rc == DB_OK ? sqlite3_column_int64(st, 0) : def;
	if (st != NULL)
		sqlite3_reset(st);
	return rc == DB_NOTFOUND ? DB_OK : rc;
}

int db_state_get_text(struct db *db, const char *key, char **out)
{
	sqlite3_stmt *st;
	int rc = db_state_lookup(db, key, SQLITE_TEXT, &st);

	*out = rc == DB_OK ? db_column_dup(st, 0) : NULL;
	if (st != NULL)
		sqlite3_reset(st);
	return rc == DB_NOTFOUND ? DB_OK : rc;
}

int db_state_set_int(struct db *db, const char *key, int64_t v)
{
	return db_exec(db, DB_STATE_SET, "state set", DB_ARGS(DB_S(key), DB_I(v)));
}

int db_state_set_text(struct db *db, const char *key, const char *v)
{
	return db_exec(db, DB_STATE_SET, "state set", DB_ARGS(DB_S(key), DB_S(v)));
}
