/*
 * db.c — the connection: open with the pragmas that keep data safe (and a
 * new file private to the bot), the per-connection statement cache, the
 * bind/step/fetch helpers of internal.h, and transactions and savepoints.
 *
 * Invariant: every statement is prepared once per connection and lives in
 * db->stmts until db_close; SQL never contains data, only parameters.
 *
 * Callers: bot/ opens and closes the database and frames update batches
 * with db_begin/db_savepoint; the aggregate files use the helpers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/log.h"
#include "lib/util.h"
#include "storage/internal.h"

#define DB_BUSY_TIMEOUT_MS 5000
/* SQLite's memory for all connections together (page caches above all:
 * the live database, and a backup's copy and check while they run). Over
 * it, SQLite reuses cache pages instead of growing; pages come back from
 * the operating system's file cache. */
#define DB_SOFT_HEAP_LIMIT (1024 * 1024)

/*
 * Run the open-time pragmas. journal_mode answers with the mode it got:
 * anything but WAL (or "memory" for ":memory:") means the file system
 * refused it, and we would silently lose the durability we promise.
 */
static int db_open_pragmas(struct db *db, char *err, size_t errlen)
{
	sqlite3_stmt *st = NULL;
	const char *mode;
	int rc = -1;

	if (sqlite3_prepare_v2(db->h, "PRAGMA journal_mode=WAL", -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW) {
		snprintf(err, errlen, "%s", sqlite3_errmsg(db->h));
		goto out;
	}
	mode = (const char *)sqlite3_column_text(st, 0);
	if (mode == NULL || (strcmp(mode, "wal") != 0 && strcmp(mode, "memory") != 0)) {
		snprintf(err, errlen, "cannot use WAL journal mode (got \"%s\")", mode ? mode : "?");
		goto out;
	}
	/* secure_delete: a deleted row's bytes are overwritten, so a sent
	 * reply (a /web login code) leaves no copy in the file. Debian's
	 * SQLite has it on by default; said here so no build depends on it. */
	if (sqlite3_exec(db->h, "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; "
	    "PRAGMA secure_delete=ON", NULL, NULL, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "%s", sqlite3_errmsg(db->h));
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	return rc;
}

/*
 * A new database file is made private (0600) before SQLite opens it:
 * it holds names, phones and payments. SQLite gives the -wal and -shm
 * files it creates the mode of the database file.
 */
static void db_create_private(const char *path)
{
	int fd;

	if (*path == '\0' || strcmp(path, ":memory:") == 0 || strncmp(path, "file:", 5) == 0)
		return;
	/* It exists already, or SQLite reports why it cannot be made. */
	if ((fd = file_create_private(path, 1)) >= 0)
		close(fd);
}

struct db *db_open(const char *path, char *err, size_t errlen)
{
	struct db *db = xcalloc(1, sizeof(*db));
	char why[256];

	db_create_private(path);
	/* SQLite is used by one thread only (the libev loop; the HTTP face
	 * polls from it too): its mutexes would cost time and guard nothing.
	 * Accepted only before SQLite starts, so the first open sets it. */
	sqlite3_config(SQLITE_CONFIG_SINGLETHREAD);
	/* Every page cache, the temporary b-trees' too, allocated 20 pages
	 * (about 90 KiB) in bulk when it was made: a check-in's UPDATE …
	 * FROM triggers and subqueries make five at once, 0.5 MiB for one
	 * statement. Pages now come one at a time, as the cache grows. */
	sqlite3_config(SQLITE_CONFIG_PAGECACHE, NULL, 0, 0);
	sqlite3_soft_heap_limit64(DB_SOFT_HEAP_LIMIT);
	if (sqlite3_open_v2(path, &db->h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
	    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		/* db->h is usually allocated even on failure and holds the message. */
		snprintf(why, sizeof(why), "%s", db->h ? sqlite3_errmsg(db->h) : "out of memory");
		goto fail;
	}
	sqlite3_busy_timeout(db->h, DB_BUSY_TIMEOUT_MS);
	/* The first pragma is the first real file access: "file is not a
	 * database" and permission problems surface here. */
	if (db_open_pragmas(db, why, sizeof(why)) != 0)
		goto fail;
	return db;
fail:
	snprintf(err, errlen, "database \"%s\": %s", path, why);
	db_close(db);
	return NULL;
}

void db_close(struct db *db)
{
	size_t i;

	if (db == NULL)
		return;
	for (i = 0; i < db->n_stmts; i++)
		sqlite3_finalize(db->stmts[i].st);
	free(db->stmts);
	free(db->accepted);
	if (sqlite3_close(db->h) != SQLITE_OK)
		log_error("db", "close: %s", sqlite3_errmsg(db->h));
	free(db);
}

const char *db_errmsg(struct db *db)
{
	return sqlite3_errmsg(db->h);
}

sqlite3_stmt *db_stmt_get(struct db *db, const char *sql)
{
	sqlite3_stmt *st;
	size_t i;

	for (i = 0; i < db->n_stmts; i++) {
		if (db->stmts[i].sql == sql) {
			st = db->stmts[i].st;
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			return st;
		}
	}
	if (sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
		log_error("db", "prepare \"%.60s\": %s", sql, sqlite3_errmsg(db->h));
		db->errors++;
		return NULL;
	}
	XGROW(db->stmts, db->cap_stmts, db->n_stmts + 1);
	db->stmts[db->n_stmts].sql = sql;
	db->stmts[db->n_stmts].st = st;
	db->n_stmts++;
	return st;
}

void db_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	/* A NULL pointer binds SQL NULL (documented sqlite3_bind_text behaviour). */
	sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
}

void db_bind_id(sqlite3_stmt *st, int i, int64_t id)
{
	if (id == 0)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_int64(st, i, id);
}

char *db_column_dup(sqlite3_stmt *st, int i)
{
	return xstrdup((const char *)sqlite3_column_text(st, i));
}

int db_step_done(struct db *db, sqlite3_stmt *st, const char *op)
{
	int rc = sqlite3_step(st);
	int ext = sqlite3_extended_errcode(db->h);

	if (rc == SQLITE_DONE || rc == SQLITE_ROW) {
		rc = DB_OK;
	} else if (rc == SQLITE_CONSTRAINT) {
		if (ext != SQLITE_CONSTRAINT_UNIQUE && ext != SQLITE_CONSTRAINT_PRIMARYKEY)
			log_warn("db", "%s: %s", op, sqlite3_errmsg(db->h));
		rc = DB_CONSTRAINT;
	} else {
		log_error("db", "%s: %s", op, sqlite3_errmsg(db->h));
		db->errors++;
		rc = DB_ERROR;
	}
	sqlite3_reset(st);
	return rc;
}

int db_step_changed(struct db *db, sqlite3_stmt *st, const char *op)
{
	int rc;

	if (st == NULL)
		return DB_ERROR;
	rc = db_step_done(db, st, op);
	if (rc == DB_OK && sqlite3_changes(db->h) == 0)
		rc = DB_NOTFOUND;
	return rc;
}

int db_step_insert(struct db *db, sqlite3_stmt *st, int64_t *id, const char *op)
{
	int rc = db_step_done(db, st, op);

	if (rc == DB_OK && id != NULL)
		*id = sqlite3_last_insert_rowid(db->h);
	return rc;
}

int db_step_row(struct db *db, sqlite3_stmt *st, const char *op)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		return DB_OK;
	if (rc == SQLITE_DONE)
		return DB_NOTFOUND;
	log_error("db", "%s: %s", op, sqlite3_errmsg(db->h));
	db->errors++;
	return DB_ERROR;
}

/* The index of w in words[1..n - 1], 0 when it is none of them (or NULL). */
static int db_word_index(const char *const *words, size_t n, const unsigned char *w)
{
	size_t i;

	for (i = 1; w != NULL && i < n; i++) {
		if (words[i] != NULL && strcmp((const char *)w, words[i]) == 0)
			return (int)i;
	}
	return 0;
}

void db_row_read(sqlite3_stmt *st, const struct db_rowtype *t, void *row)
{
	char *base = row;
	size_t i;

	for (i = 0; i < t->n_cols; i++) {
		void *field = base + t->cols[i].off;

		switch (t->cols[i].kind) {
		case DB_COL_INT:
			*(int *)field = sqlite3_column_int(st, (int)i);
			break;
		case DB_COL_INT64:
			*(int64_t *)field = sqlite3_column_int64(st, (int)i);
			break;
		case DB_COL_TEXT:
			*(char **)field = db_column_dup(st, (int)i);
			break;
		case DB_COL_WORD:
			*(int *)field = db_word_index(t->cols[i].words, t->cols[i].n_words,
			    sqlite3_column_text(st, (int)i));
			break;
		case DB_COL_SKIP:
			break;
		}
	}
	if (t->read != NULL)
		t->read(st, row);
}

/* Free the DB_TEXT fields of row and what t->release frees. */
static void db_row_free_fields(char *row, const struct db_rowtype *t)
{
	size_t i;

	for (i = 0; i < t->n_cols; i++) {
		if (t->cols[i].kind == DB_COL_TEXT)
			free(*(char **)(row + t->cols[i].off));
	}
	if (t->release != NULL)
		t->release(row);
}

void db_row_release(void *row, const struct db_rowtype *t)
{
	if (row == NULL)
		return;
	db_row_free_fields(row, t);
	memset(row, 0, t->size);
}

int db_fetch_one(struct db *db, sqlite3_stmt *st, const char *op,
    const struct db_rowtype *t, void *out)
{
	int rc;

	if (st == NULL)
		return DB_ERROR;
	rc = db_step_row(db, st, op);
	if (rc == DB_OK)
		db_row_read(st, t, out);
	sqlite3_reset(st);
	return rc;
}

void *db_fetch_all(struct db *db, sqlite3_stmt *st, const char *op,
    const struct db_rowtype *t, size_t *n, int *rc)
{
	char *v = NULL;
	size_t k = 0, cap = 0;

	*n = 0;
	*rc = DB_ERROR;
	if (st == NULL)
		return NULL;
	while ((*rc = db_step_row(db, st, op)) == DB_OK) {
		v = xgrow(v, &cap, k + 1, t->size);
		memset(v + k * t->size, 0, t->size);
		db_row_read(st, t, v + k * t->size);
		k++;
	}
	sqlite3_reset(st);
	if (*rc != DB_NOTFOUND) {
		db_rows_free(v, k, t);
		*rc = DB_ERROR;
		return NULL;
	}
	*rc = DB_OK;
	*n = k;
	return v;
}

void db_rows_free(void *v, size_t n, const struct db_rowtype *t)
{
	char *row = v;
	size_t i;

	for (i = 0; row != NULL && i < n; i++)
		db_row_free_fields(row + i * t->size, t);
	free(v);
}

int db_count(struct db *db, sqlite3_stmt *st, int64_t *n, const char *op)
{
	int rc = db_step_row(db, st, op);

	*n = 0;
	if (rc == DB_OK)
		*n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == DB_NOTFOUND ? DB_ERROR : rc;
}

sqlite3_stmt *db_prepare(struct db *db, const char *sql, const struct db_arg *args,
    size_t n_args)
{
	sqlite3_stmt *st = db_stmt_get(db, sql);
	size_t i;

	for (i = 0; st != NULL && i < n_args; i++) {
		switch (args[i].kind) {
		case DB_ARG_INT:
			sqlite3_bind_int64(st, (int)i + 1, args[i].i);
			break;
		case DB_ARG_TEXT:
			db_bind_text(st, (int)i + 1, args[i].s);
			break;
		case DB_ARG_ID:
			db_bind_id(st, (int)i + 1, args[i].i);
			break;
		}
	}
	return st;
}

int db_exec(struct db *db, const char *sql, const char *op, const struct db_arg *args,
    size_t n_args)
{
	sqlite3_stmt *st = db_prepare(db, sql, args, n_args);

	return st == NULL ? DB_ERROR : db_step_done(db, st, op);
}

int db_exec_changed(struct db *db, const char *sql, const char *op,
    const struct db_arg *args, size_t n_args)
{
	return db_step_changed(db, db_prepare(db, sql, args, n_args), op);
}

int db_insert(struct db *db, const char *sql, const char *op, int64_t *id,
    const struct db_arg *args, size_t n_args)
{
	sqlite3_stmt *st = db_prepare(db, sql, args, n_args);

	return st == NULL ? DB_ERROR : db_step_insert(db, st, id, op);
}

int db_query_one(struct db *db, const char *sql, const char *op, const struct db_rowtype *t,
    void *out, const struct db_arg *args, size_t n_args)
{
	sqlite3_stmt *st = db_prepare(db, sql, args, n_args);

	memset(out, 0, t->size);
	return st == NULL ? DB_ERROR : db_fetch_one(db, st, op, t, out);
}

/* Step the query once; with a row, read its first column as kind says
 * into out0 (an int64_t or a char *), and its second into out1 unless
 * that is NULL. */
static int db_query_first(struct db *db, const char *sql, const char *op,
    enum db_col_kind kind, void *out0, void *out1, const struct db_arg *args, size_t n_args)
{
	sqlite3_stmt *st = db_prepare(db, sql, args, n_args);
	void *out[2] = { out0, out1 };
	int rc, i;

	if (st == NULL)
		return DB_ERROR;
	rc = db_step_row(db, st, op);
	for (i = 0; rc == DB_OK && i < 2 && out[i] != NULL; i++) {
		if (kind == DB_COL_INT64)
			*(int64_t *)out[i] = sqlite3_column_int64(st, i);
		else if (kind == DB_COL_TEXT)
			*(char **)out[i] = db_column_dup(st, i);
	}
	sqlite3_reset(st);
	return rc;
}

int db_query_exists(struct db *db, const char *sql, const char *op,
    const struct db_arg *args, size_t n_args)
{
	return db_query_first(db, sql, op, DB_COL_SKIP, NULL, NULL, args, n_args);
}

int db_query_int(struct db *db, const char *sql, const char *op, int64_t *out,
    const struct db_arg *args, size_t n_args)
{
	return db_query_first(db, sql, op, DB_COL_INT64, out, NULL, args, n_args);
}

int db_query_int2(struct db *db, const char *sql, const char *op, int64_t *a, int64_t *b,
    const struct db_arg *args, size_t n_args)
{
	return db_query_first(db, sql, op, DB_COL_INT64, a, b, args, n_args);
}

int db_query_text2(struct db *db, const char *sql, const char *op, char **a, char **b,
    const struct db_arg *args, size_t n_args)
{
	return db_query_first(db, sql, op, DB_COL_TEXT, a, b, args, n_args);
}

void *db_query_all(struct db *db, const char *sql, const char *op, const struct db_rowtype *t,
    size_t *n, int *rc, const struct db_arg *args, size_t n_args)
{
	return db_fetch_all(db, db_prepare(db, sql, args, n_args), op, t, n, rc);
}

const char *db_sql_pick(const char *const *sql, size_t n, int i, const char *what)
{
	if (i < 0 || (size_t)i >= n || sql[i] == NULL) {
		log_error("db", "unknown %s %d", what, i);
		return NULL;
	}
	return sql[i];
}

int db_run(struct db *db, const char *sql, const char *op)
{
	sqlite3_stmt *st = db_stmt_get(db, sql);

	if (st == NULL)
		return DB_ERROR;
	return db_step_done(db, st, op) == DB_OK ? DB_OK : DB_ERROR;
}

int db_begin(struct db *db)
{
	return db_run(db, "BEGIN IMMEDIATE", "begin");
}

int db_commit(struct db *db)
{
	/* The outbox rows Telegram accepted leave with whatever commits
	 * next: one fsync for both. Rolled back, they stay recorded. */
	if (db->n_accepted > 0 && db_outbox_delete_accepted(db) != DB_OK)
		return DB_ERROR;
	if (db_run(db, "COMMIT", "commit") != DB_OK)
		return DB_ERROR;
	if (db->n_accepted > 0) {
		db->n_accepted = 0;
		db->accepted_gen++;
	}
	return DB_OK;
}

int db_rollback(struct db *db)
{
	/* Some errors (SQLITE_FULL, IOERR) roll the transaction back on
	 * their own; then there is nothing left to undo. */
	if (sqlite3_get_autocommit(db->h))
		return DB_OK;
	return db_run(db, "ROLLBACK", "rollback");
}

int db_transaction(struct db *db, int (*fn)(void *arg), void *arg)
{
	if (db_begin(db) != DB_OK)
		return -1;
	if (fn(arg) != 0 || db_commit(db) != DB_OK) {
		db_rollback(db);
		return -1;
	}
	return 0;
}

int db_savepoint(struct db *db)
{
	return db_run(db, "SAVEPOINT upd", "savepoint");
}

int db_savepoint_release(struct db *db)
{
	return db_run(db, "RELEASE upd", "savepoint release");
}

int db_savepoint_rollback(struct db *db)
{
	/* ROLLBACK TO keeps the savepoint open; RELEASE closes it. */
	if (db_run(db, "ROLLBACK TO upd", "savepoint rollback") != DB_OK)
		return DB_ERROR;
	return db_run(db, "RELEASE upd", "savepoint rollback");
}

int db_atomic_begin(struct db *db)
{
	return db_run(db, "SAVEPOINT store", "savepoint");
}

int db_atomic_end(struct db *db, int rc)
{
	if (rc == DB_OK && db_run(db, "RELEASE store", "savepoint release") == DB_OK)
		return DB_OK;
	/* A failed RELEASE leaves the savepoint open: undo it like any failure. */
	if (rc == DB_OK)
		rc = DB_ERROR;
	if (db_run(db, "ROLLBACK TO store", "savepoint rollback") != DB_OK ||
	    db_run(db, "RELEASE store", "savepoint rollback") != DB_OK)
		return DB_ERROR;
	return rc;
}

long db_error_count(const struct db *db)
{
	return db->errors;
}

char *db_like_literal(const char *fragment)
{
	struct buf esc = { 0 };

	if (fragment == NULL || *fragment == '\0')
		return NULL;
	for (const char *p = fragment; *p; p++) {
		if (*p == '%' || *p == '_' || *p == '\\')
			buf_addc(&esc, '\\');
		buf_addc(&esc, *p);
	}
	return buf_detach(&esc);
}
