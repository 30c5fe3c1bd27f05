/*
 * script.c — see script.h. Excluded from bjj_storage: CMake builds it
 * into bjj_test_support, which only the tests link.
 */
#include "storage/script.h"

#include <stdlib.h>
#include <string.h>

#include "lib/log.h"
#include "lib/util.h"
#include "storage/internal.h"

int db_admin_script(struct db *db, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(db->h, sql, NULL, NULL, &msg) == SQLITE_OK)
		return DB_OK;
	log_error("db", "script: %s", msg ? msg : sqlite3_errmsg(db->h));
	sqlite3_free(msg);
	return DB_ERROR;
}

int db_admin_watch(struct db *db)
{
	static const char *const ops[] = { "INSERT", "UPDATE", "DELETE" };
	struct buf sql = { 0 };
	sqlite3_stmt *st = NULL;
	size_t i;
	int rc;

	buf_adds(&sql, "CREATE TEMP TABLE admin_changes (name TEXT PRIMARY KEY, "
	    "n INTEGER NOT NULL);");
	if (sqlite3_prepare_v2(db->h, "SELECT name FROM main.sqlite_master WHERE "
	    "type = 'table' AND name NOT IN ('outbox', 'tg_users') AND "
	    "name NOT LIKE 'sqlite%'", -1, &st, NULL) != SQLITE_OK) {
		log_error("db", "watch: %s", sqlite3_errmsg(db->h));
		buf_release(&sql);
		return DB_ERROR;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);

		buf_addf(&sql, "INSERT INTO admin_changes VALUES ('%s', 0);", name);
		for (i = 0; i < sizeof ops / sizeof ops[0]; i++)
			buf_addf(&sql, "CREATE TEMP TRIGGER admin_watch_%s_%s AFTER %s ON "
			    "main.\"%s\" BEGIN UPDATE admin_changes SET n = n + 1 "
			    "WHERE name = '%s'; END;", name, ops[i], ops[i], name, name);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		log_error("db", "watch: %s", sqlite3_errmsg(db->h));
		rc = DB_ERROR;
	} else
		rc = db_admin_script(db, buf_str(&sql));
	buf_release(&sql);
	return rc;
}

long long db_admin_changes(struct db *db)
{
	sqlite3_stmt *st = db_stmt_get(db, "SELECT total(n) FROM temp.admin_changes");
	long long n = -1;

	if (st == NULL)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	else
		log_error("db", "changes: %s", sqlite3_errmsg(db->h));
	sqlite3_reset(st);
	return n;
}

struct db_snapshot {
	unsigned char *bytes;  /* owned, from sqlite3_serialize */
	sqlite3_int64 len;
};

struct db_snapshot *db_admin_snapshot(struct db *db)
{
	struct db_snapshot *snap = xcalloc(1, sizeof *snap);

	snap->bytes = sqlite3_serialize(db->h, "main", &snap->len, 0);
	if (snap->bytes == NULL) {
		log_error("db", "snapshot: %s", sqlite3_errmsg(db->h));
		free(snap);
		return NULL;
	}
	return snap;
}

int db_admin_restore(struct db *db, const struct db_snapshot *snap)
{
	/* sqlite3_deserialize takes ownership of a buffer of its own. */
	unsigned char *copy = sqlite3_malloc64((sqlite3_uint64)snap->len);

	if (copy == NULL) {
		log_error("db", "restore: out of memory");
		return DB_ERROR;
	}
	memcpy(copy, snap->bytes, (size_t)snap->len);
	if (sqlite3_deserialize(db->h, "main", copy, snap->len, snap->len,
	    SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE) != SQLITE_OK) {
		log_error("db", "restore: %s", sqlite3_errmsg(db->h));
		return DB_ERROR;
	}
	return DB_OK;
}

void db_admin_snapshot_free(struct db_snapshot *snap)
{
	if (snap == NULL)
		return;
	sqlite3_free(snap->bytes);
	free(snap);
}
