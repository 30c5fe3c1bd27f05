/*
 * script.h — test fixtures only: run a script of SQL that is the
 * test's own text, so tests can set up data no command can (old dates,
 * birth dates) without including <sqlite3.h>. Built into the
 * bjj_test_support library, never into bjjbot.
 */
#ifndef BJJ_STORAGE_SCRIPT_H
#define BJJ_STORAGE_SCRIPT_H

#include "storage/db.h"

/* Run sql in the caller's transaction, if any. DB_OK or DB_ERROR (logged). */
int db_admin_script(struct db *db, const char *sql);

/*
 * Count from now on every row inserted, updated or deleted in the academy's
 * tables (all but the bot's own outbox and tg_users), with TEMP triggers
 * that live as long as the connection; temp.admin_changes (name, n) holds
 * the count per table. DB_OK or DB_ERROR (logged).
 */
int db_admin_watch(struct db *db);
/* The rows counted since db_admin_watch; -1 on failure (logged). */
long long db_admin_changes(struct db *db);

/*
 * A copy of the whole main database in memory, and putting it back over
 * the connection's (fuzz targets undo what a committed batch wrote). The
 * connection must be outside any transaction. NULL / DB_ERROR (logged).
 */
struct db_snapshot;
struct db_snapshot *db_admin_snapshot(struct db *db);
int db_admin_restore(struct db *db, const struct db_snapshot *snap);
void db_admin_snapshot_free(struct db_snapshot *snap);

#endif
