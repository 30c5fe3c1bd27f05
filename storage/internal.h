/*
 * internal.h — what the storage/ files share and nobody else sees: the
 * connection struct with its statement cache, and the small helpers every
 * aggregate uses to bind, step and read.
 *
 * Invariant: a statement handed out by db_stmt_get is reset with its
 * bindings cleared; whoever steps it resets it again before returning, so
 * no statement keeps a read snapshot open between calls (that would block
 * WAL checkpoints and turn a later ROLLBACK into SQLITE_ABORT elsewhere).
 *
 * Callers: the files of storage/ only.
 */
#ifndef BJJ_STORAGE_INTERNAL_H
#define BJJ_STORAGE_INTERNAL_H

#include <sqlite3.h>

#include "storage/db.h"

struct db_stmt {
	const char *sql;       /* key: the address of a string literal */
	sqlite3_stmt *st;      /* owned, finalised by db_close */
};

struct db {
	sqlite3 *h;
	struct db_stmt *stmts; /* owned array, linear search: a few dozen */
	size_t n_stmts;
	size_t cap_stmts;
	long errors;           /* failures logged so far (db_error_count) */
	int outbox_chat_max;   /* messages queued per chat at most; 0: no cap */
	int64_t *accepted;     /* owned: outbox rows to delete at the next commit */
	size_t n_accepted, cap_accepted;
	unsigned long accepted_gen; /* commits that deleted accepted rows */
	unsigned long outbox_gen;   /* outbox rows deleted or changed (db_outbox_changed_gen) */
};

/*
 * Inside the transaction db_commit is about to commit: delete the rows
 * db_outbox_accept recorded. DB_OK or DB_ERROR (logged); the record is
 * cleared by db_commit only once COMMIT succeeded.
 */
int db_outbox_delete_accepted(struct db *db);

/*
 * The statement for sql, prepared on first use and cached for the life of
 * the connection. sql must be a string literal (or other static storage):
 * the cache is keyed by its address, not its text. NULL when preparing
 * fails (logged).
 */
sqlite3_stmt *db_stmt_get(struct db *db, const char *sql);

/*
 * Bind s (copied by SQLite) to parameter i, or SQL NULL when s is NULL.
 * Binding only fails on a wrong index (a bug the tests catch) or a string
 * over SQLite's 1 GB limit, so the bind helpers do not report errors.
 */
void db_bind_text(sqlite3_stmt *st, int i, const char *s);
/* An owned copy of text column i; NULL for SQL NULL. */
char *db_column_dup(sqlite3_stmt *st, int i);

/*
 * Step a statement that returns no rows and reset it. DB_OK; DB_CONSTRAINT
 * on a UNIQUE or PRIMARY KEY violation (not logged: callers branch on it)
 * or another constraint (logged as a warning: the caller let bad data
 * through); DB_ERROR otherwise, logged naming op.
 */
int db_step_done(struct db *db, sqlite3_stmt *st, const char *op);
/* db_step_done for an INSERT, then the new row's id into *id (may be NULL). */
int db_step_insert(struct db *db, sqlite3_stmt *st, int64_t *id, const char *op);
/*
 * Step a query once: DB_OK with a row to read, DB_NOTFOUND when there are
 * no (more) rows, DB_ERROR logged naming op. The caller resets st.
 */
int db_step_row(struct db *db, sqlite3_stmt *st, const char *op);
/* Step a bound query whose one row is a count into *n, and reset it:
 * DB_OK or DB_ERROR (logged naming op). */
int db_count(struct db *db, sqlite3_stmt *st, int64_t *n, const char *op);
/*
 * fragment with LIKE's wildcards (% _) and the escape character (\)
 * escaped, for "LIKE '%' || ? || '%' ESCAPE '\'"; NULL for an empty or
 * NULL fragment (no filter). Owned.
 */
char *db_like_literal(const char *fragment);

/* Prepare (cached) and run a parameterless statement such as "COMMIT". */
int db_run(struct db *db, const char *sql, const char *op);

/*
 * A private savepoint ("SAVEPOINT store") for functions that write more
 * than one row, so a failure halfway changes nothing. It nests inside the
 * caller's transaction or the "upd" savepoint. db_atomic_end releases it
 * when rc is DB_OK and rolls back to it otherwise; it returns rc, or
 * DB_ERROR when the release or rollback itself fails.
 */
int db_atomic_begin(struct db *db);
int db_atomic_end(struct db *db, int rc);

/*
 * What a payments row (aliased t) does to the books: a refund counts
 * negative, and a voided row not at all. Every sum of money goes through
 * these, so a correction shows in every report.
 */
#define DB_PAY_SIGNED(t) "(CASE WHEN " t ".refund = 1 THEN -" t ".amount ELSE " t ".amount END)"
#define DB_PAY_LIVE(t) t ".voided_at IS NULL"

#endif
