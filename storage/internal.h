/*
 * internal.h — what the storage/ files share and nobody else sees: the
 * connection struct with its statement cache, and the helpers every
 * aggregate uses to bind, step and read: by hand, or in one call with a
 * typed argument list (DB_ARGS) and a table of the row's columns
 * (struct db_rowtype), so each query is written once as SQL and data.
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

#include <stddef.h>

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

/* ---- binding and stepping a statement by hand ---------------------------- */

/*
 * Bind s (copied by SQLite) to parameter i, or SQL NULL when s is NULL.
 * Binding only fails on a wrong index (a bug the tests catch) or a string
 * over SQLite's 1 GB limit, so the bind helpers do not report errors.
 */
void db_bind_text(sqlite3_stmt *st, int i, const char *s);
/* Bind id to parameter i, or SQL NULL when id is 0 ("none"). */
void db_bind_id(sqlite3_stmt *st, int i, int64_t id);
/* An owned copy of text column i; NULL for SQL NULL. */
char *db_column_dup(sqlite3_stmt *st, int i);

/*
 * Step a statement that returns no rows and reset it. DB_OK; DB_CONSTRAINT
 * on a UNIQUE or PRIMARY KEY violation (not logged: callers branch on it)
 * or another constraint (logged as a warning: the caller let bad data
 * through); DB_ERROR otherwise, logged naming op.
 */
int db_step_done(struct db *db, sqlite3_stmt *st, const char *op);
/* db_step_done, then DB_NOTFOUND when it changed no row; st may be NULL
 * (a failed db_stmt_get: DB_ERROR). */
int db_step_changed(struct db *db, sqlite3_stmt *st, const char *op);
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

/* ---- rows: a table of columns, read and freed by one piece of code ------- */

/*
 * Where the fetch helpers put a column of a query: a field at off of an
 * int, an int64_t or an owned string (db_column_dup; NULL for SQL NULL),
 * an int that is the index of the column's text in words (0 when it is
 * none of words[1..n_words - 1], or SQL NULL), or nowhere (a column the
 * row type's read hook reads itself).
 */
enum db_col_kind { DB_COL_SKIP, DB_COL_INT, DB_COL_INT64, DB_COL_TEXT, DB_COL_WORD };

struct db_col {
	enum db_col_kind kind;
	size_t off;
	const char *const *words;  /* DB_COL_WORD: the words, by their enum value */
	size_t n_words;
};

/*
 * The entries of a column table, fields of the row type DB_ROW, which the
 * file defines around its DB_ROWTYPE:
 *
 *	#define DB_ROW struct plan
 *	static const struct db_rowtype db_plan_rows = DB_ROWTYPE(NULL, NULL,
 *		DB_I64(id), DB_TEXT(code));
 *	#undef DB_ROW
 *
 * The comparison in sizeof (never evaluated) makes the compiler check that
 * the field has the entry's type.
 */
#define DB_COL_OFF(ctype, field) \
	(offsetof(DB_ROW, field) + 0 * sizeof(&((DB_ROW *)0)->field == (ctype *)0))
#define DB_COL_OF(k, ctype, field) { .kind = (k), .off = DB_COL_OFF(ctype, field) }
#define DB_INT(field) DB_COL_OF(DB_COL_INT, int, field)
#define DB_I64(field) DB_COL_OF(DB_COL_INT64, int64_t, field)
#define DB_TEXT(field) DB_COL_OF(DB_COL_TEXT, char *, field)
/* An int field, the index of the column's word in the array w. */
#define DB_WORD(field, w) { .kind = DB_COL_WORD, .off = DB_COL_OFF(int, field), \
	.words = (w), .n_words = sizeof(w) / sizeof((w)[0]) }
#define DB_SKIP { .kind = DB_COL_SKIP }

/*
 * A kind of row the fetch helpers read: column i of the query goes to
 * cols[i]; then read (NULL: none) fills what a column table cannot say.
 * Releasing a row frees its DB_TEXT fields, then calls release (NULL:
 * none) for whatever else it owns.
 */
struct db_rowtype {
	size_t size;
	const struct db_col *cols;
	size_t n_cols;
	void (*read)(sqlite3_stmt *st, void *row);
	void (*release)(void *row);
};

/* A db_rowtype initialiser: rows of type DB_ROW, the columns (DB_I64(id),
 * ...) written in place after read and release; the table is a compound
 * literal of static storage. */
#define DB_ROWTYPE(read, release, ...) { sizeof(DB_ROW), \
	(const struct db_col[]){ __VA_ARGS__ }, \
	sizeof((const struct db_col[]){ __VA_ARGS__ }) / sizeof(struct db_col), read, release }

/* Read the current row of st into row (zeroed beforehand) as t says. */
void db_row_read(sqlite3_stmt *st, const struct db_rowtype *t, void *row);
/* Free what row (of type t; NULL: nothing) owns and zero it. */
void db_row_release(void *row, const struct db_rowtype *t);

/*
 * Define a header's release_fn(type *) (frees what one row owns and zeroes
 * it; accepts NULL) and free_fn(type *, size_t) (releases n rows and frees
 * the array; accepts NULL) over the row type rows, as tree.h's
 * RB_GENERATE defines its functions.
 */
#define DB_RELEASE_FN(release_fn, type, rows) \
	void release_fn(type *row) { db_row_release(row, &(rows)); }
#define DB_FREE_FN(free_fn, type, rows) \
	void free_fn(type *v, size_t n) { db_rows_free(v, n, &(rows)); }
/* Both, for a header that declares both. */
#define DB_ROW_FNS(release_fn, free_fn, type, rows) \
	DB_RELEASE_FN(release_fn, type, rows) DB_FREE_FN(free_fn, type, rows)

/*
 * Step a bound query once and reset it: its first row read into out (which
 * the caller zeroed). DB_OK, DB_NOTFOUND (out untouched) or DB_ERROR
 * (logged naming op).
 */
int db_fetch_one(struct db *db, sqlite3_stmt *st, const char *op,
    const struct db_rowtype *t, void *out);          /* st NULL: DB_ERROR */
/*
 * Step a bound query to its end and reset it: every row read into an owned
 * array of t's rows, returned with its length in *n (NULL and 0 for none).
 * *rc gets DB_OK, or DB_ERROR (logged naming op; st NULL: a failed
 * db_prepare) and nothing is returned: rows read before a failing step
 * are freed.
 */
void *db_fetch_all(struct db *db, sqlite3_stmt *st, const char *op,
    const struct db_rowtype *t, size_t *n, int *rc);
/* Release n rows of type t and free the array holding them (NULL: nothing). */
void db_rows_free(void *v, size_t n, const struct db_rowtype *t);

/* ---- statements with their parameters: bind, step and read in one call --- */

/*
 * The parameters of a statement, ?1 first, for the helpers below: an
 * integer (DB_I), a string (DB_S; copied, NULL binds SQL NULL) or an id
 * (DB_ID; 0 binds SQL NULL). DB_ARGS(DB_I(id), DB_S(name)) passes the
 * array and its length; the compiler checks each value's type.
 */
enum db_arg_kind { DB_ARG_INT, DB_ARG_TEXT, DB_ARG_ID };

struct db_arg {
	enum db_arg_kind kind;
	int64_t i;
	const char *s;
};

#define DB_I(x) { DB_ARG_INT, (x), NULL }
#define DB_S(x) { DB_ARG_TEXT, 0, (x) }
#define DB_ID(x) { DB_ARG_ID, (x), NULL }
#define DB_ARGS(...) (const struct db_arg[]){ __VA_ARGS__ }, \
	sizeof((const struct db_arg[]){ __VA_ARGS__ }) / sizeof(struct db_arg)

/*
 * The cached statement sql (a string literal, as for db_stmt_get) with
 * args bound, or NULL when preparing fails (logged). The statement runners
 * below take sql and args this way and answer as the db_step_ or db_fetch_
 * helper they name.
 */
sqlite3_stmt *db_prepare(struct db *db, const char *sql, const struct db_arg *args,
    size_t n_args);
int db_exec(struct db *db, const char *sql, const char *op, const struct db_arg *args,
    size_t n_args);                                   /* db_step_done */
int db_exec_changed(struct db *db, const char *sql, const char *op,
    const struct db_arg *args, size_t n_args);        /* db_step_changed */
int db_insert(struct db *db, const char *sql, const char *op, int64_t *id,
    const struct db_arg *args, size_t n_args);        /* db_step_insert */
/* db_fetch_one, with out zeroed first (safe to release whatever the answer) */
int db_query_one(struct db *db, const char *sql, const char *op, const struct db_rowtype *t,
    void *out, const struct db_arg *args, size_t n_args);
/* Whether the query has a row: DB_OK, DB_NOTFOUND or DB_ERROR (logged). */
int db_query_exists(struct db *db, const char *sql, const char *op,
    const struct db_arg *args, size_t n_args);
/* The first column of the first row as an integer into *out, which is
 * left alone when there is no row: DB_OK, DB_NOTFOUND or DB_ERROR (logged
 * naming op; *out left alone too). */
int db_query_int(struct db *db, const char *sql, const char *op, int64_t *out,
    const struct db_arg *args, size_t n_args);
/* The same for the first two columns, into *a and *b (b NULL: the first
 * only); db_query_text2 as owned strings (NULL for SQL NULL), which the
 * caller frees after DB_OK: whatever *a and *b held is overwritten. */
int db_query_int2(struct db *db, const char *sql, const char *op, int64_t *a, int64_t *b,
    const struct db_arg *args, size_t n_args);
int db_query_text2(struct db *db, const char *sql, const char *op, char **a, char **b,
    const struct db_arg *args, size_t n_args);
/* db_fetch_all of the statement prepared */
void *db_query_all(struct db *db, const char *sql, const char *op, const struct db_rowtype *t,
    size_t *n, int *rc, const struct db_arg *args, size_t n_args);

/*
 * sql[i], the one of n statements that differ only in a column name (a
 * name cannot be a parameter), for the setters with a field argument;
 * NULL when i names none of them (logged as an unknown what).
 */
const char *db_sql_pick(const char *const *sql, size_t n, int i, const char *what);

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

/* The hex SHA-256 of a secret storage/ keeps only hashed (login codes,
 * sessions, calendar secrets) into out; -1 when GnuTLS fails.
 * websessions.c. */
#define DB_SECRET_HASH_HEX 65
int db_secret_hash(const char *s, char out[DB_SECRET_HASH_HEX]);
/* That hash as the SQL function bjj_sha256(text) (NULL stays NULL), which
 * db_migrate registers for the migrations that hash kept secrets. */
void db_sql_sha256(sqlite3_context *ctx, int argc, sqlite3_value **argv);

#endif
