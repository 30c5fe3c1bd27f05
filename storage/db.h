/*
 * db.h — the SQLite database: open with the pragmas that keep data safe
 * (WAL, synchronous=FULL, foreign_keys=ON, busy timeout), versioned
 * migrations under PRAGMA user_version, transactions and savepoints.
 *
 * storage/ is the only place that includes <sqlite3.h> or writes SQL.
 * Every statement is prepared once (cached per connection, keyed by the
 * SQL text's address) and bound with parameters, never formatted.
 *
 * Return values: DB_OK (0) success, DB_ERROR (-1) failure already logged,
 * DB_NOTFOUND and DB_CONSTRAINT where callers branch on them.
 */
#ifndef BJJ_DB_H
#define BJJ_DB_H

#include <stddef.h>
#include <stdint.h>

struct db;

enum db_rc {
	DB_ERROR = -1,
	DB_OK = 0,
	DB_NOTFOUND = 1,
	DB_CONSTRAINT = 2,
};

/* The schema version this binary writes (highest migration). */
int db_schema_latest(void);
/* The script that takes the schema to version v (1..db_schema_latest()),
 * or NULL; borrowed. Lets tests replay one migration on old-shaped data. */
const char *db_migration_script(int v);

/*
 * Open (creating if needed) the database at path (":memory:" for tests)
 * and set the pragmas. Does not migrate. NULL with a one-line reason in
 * err on failure.
 */
struct db *db_open(const char *path, char *err, size_t errlen);
/* Accepts NULL. Finalises the cached statements and closes. */
void db_close(struct db *db);

/*
 * Apply every pending migration in one transaction. A database whose
 * user_version is higher than db_schema_latest() is refused:
 * "database schema 7 is newer than this bjjbot (supports 3); upgrade bjjbot".
 * Returns 0 or -1 with the reason in err. *applied (may be NULL) gets the
 * number of migrations run.
 */
int db_migrate(struct db *db, int *applied, char *err, size_t errlen);
/* Current PRAGMA user_version, or -1. */
int db_version(struct db *db);
/* PRAGMA quick_check (every page: seconds on a large database) plus the
 * version test; 0 ok, -1 with reason. */
int db_check(struct db *db, char *err, size_t errlen);
/*
 * The check at every start, in milliseconds whatever the size: the file
 * is an SQLite database whose schema (sqlite_schema, its pages checked as
 * quick_check does) is sound and of a version this binary supports. The
 * rest of the pages are db_check's (`bjjbot check --full`) and the daily
 * backup's integrity_check. 0 ok, -1 with reason.
 */
int db_check_quick(struct db *db, char *err, size_t errlen);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK. 0 or -1. */
int db_begin(struct db *db);
int db_commit(struct db *db);
int db_rollback(struct db *db);
/* Run fn(arg) in a transaction of its own (db_begin): committed when fn
 * returns 0, rolled back when it fails (non-zero) or the commit does.
 * 0 when committed, -1 when not (nothing fn did is kept). */
int db_transaction(struct db *db, int (*fn)(void *arg), void *arg);
/* One nameless-looking savepoint level ("SAVEPOINT upd"): begin, release
 * (keep the changes), rollback (undo to the savepoint and release it). */
int db_savepoint(struct db *db);
int db_savepoint_release(struct db *db);
int db_savepoint_rollback(struct db *db);

/* Failures this connection has logged since it was opened; the health
 * check alerts the owners when it grows. */
long db_error_count(const struct db *db);

/* Last SQLite error message of this connection (borrowed). */
const char *db_errmsg(struct db *db);

#endif
