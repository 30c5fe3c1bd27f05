/*
 * test_db_rows.c — the generic helpers of storage/internal.h that every
 * aggregate reads and writes through: row tables (db_col, DB_ROWTYPE), the
 * fetch of one row and of all rows, the typed argument lists (DB_ARGS),
 * and releasing rows, on a scratch table of a ":memory:" database.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "storage/db.h"
#include "storage/internal.h"
#include "test_main.h"

struct thing {
	int64_t id;
	char *name;            /* NULL for SQL NULL */
	int size;
	char *note;
	int hooked;            /* set by the read hook, from the size column */
};

#define DB_ROW struct thing
static const struct db_rowtype thing_rows = DB_ROWTYPE(NULL, NULL,
	DB_I64(id), DB_TEXT(name), DB_INT(size), DB_TEXT(note));
#undef DB_ROW

/* Column 2 (size) is skipped by the table and read here instead. */
static void thing_hook(sqlite3_stmt *st, void *row)
{
	struct thing *t = row;

	t->hooked = sqlite3_column_int(st, 2) * 10;
}

#define DB_ROW struct thing
static const struct db_rowtype hooked_rows = DB_ROWTYPE(thing_hook, NULL,
	DB_I64(id), DB_TEXT(name), DB_SKIP);
#undef DB_ROW

/* A fresh database with one scratch table. */
static int rows_setup(void **state)
{
	char err[256];

	*state = db_open(":memory:", err, sizeof(err));
	return *state != NULL && db_run(*state, "CREATE TABLE things (id INTEGER PRIMARY KEY, "
	    "name TEXT, size INTEGER, note TEXT, owner INTEGER)", "create") == DB_OK ? 0 : -1;
}

static int rows_teardown(void **state)
{
	db_close(*state);
	return 0;
}

static int64_t thing_add(struct db *db, const char *name, int size, const char *note,
    int64_t owner)
{
	int64_t id = 0;

	assert_int_equal(db_insert(db, "INSERT INTO things (name, size, note, owner) "
	    "VALUES (?1, ?2, ?3, ?4)", "thing add", &id,
	    DB_ARGS(DB_S(name), DB_I(size), DB_S(note), DB_ID(owner))), DB_OK);
	return id;
}

static void test_fetch_all_reads_every_column(void **state)
{
	struct db *db = *state;
	struct thing *v;
	size_t n = 99;
	int rc = -1;
	int64_t a = thing_add(db, "mat", 3, NULL, 0);
	int64_t b = thing_add(db, NULL, -7, "it's \"quoted\"", 5);

	v = db_query_all(db, "SELECT id, name, size, note FROM things ORDER BY id", "things",
	    &thing_rows, &n, &rc, NULL, 0);
	assert_int_equal(rc, DB_OK);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].id, a);
	assert_string_equal(v[0].name, "mat");
	assert_int_equal(v[0].size, 3);
	assert_null(v[0].note);
	assert_int_equal(v[0].hooked, 0);
	assert_int_equal(v[1].id, b);
	assert_null(v[1].name);
	assert_int_equal(v[1].size, -7);
	assert_string_equal(v[1].note, "it's \"quoted\"");
	db_rows_free(v, n, &thing_rows);

	/* No rows: nothing allocated, still DB_OK. */
	v = db_query_all(db, "SELECT id, name, size, note FROM things WHERE size > ?1", "none",
	    &thing_rows, &n, &rc, DB_ARGS(DB_I(100)));
	assert_int_equal(rc, DB_OK);
	assert_null(v);
	assert_int_equal(n, 0);
	db_rows_free(NULL, 0, &thing_rows);
}

static void test_fetch_all_error_frees_what_it_read(void **state)
{
	struct db *db = *state;
	struct thing *v;
	size_t n = 99;
	int rc = -1;

	thing_add(db, "first", 1, "owned", 0);
	thing_add(db, "second", 2, "owned too", 0);
	/* abs() of the smallest integer fails on the third row, after two
	 * rows (with their strings) are read: they are freed, not returned. */
	assert_int_equal(db_exec(db, "INSERT INTO things (id, name, size) VALUES (?1, ?2, ?3)",
	    "thing add", DB_ARGS(DB_I(1000), DB_S("third"), DB_I(INT64_MIN))), DB_OK);
	v = db_query_all(db, "SELECT id, name, abs(size), note FROM things ORDER BY id",
	    "things abs", &thing_rows, &n, &rc, NULL, 0);
	assert_int_equal(rc, DB_ERROR);
	assert_null(v);
	assert_int_equal(n, 0);
	assert_true(db_error_count(db) > 0);
}

static void test_query_one_zeroes_and_hook_reads(void **state)
{
	struct db *db = *state;
	struct thing t;
	int64_t id = thing_add(db, "belt", 4, "black", 0);

	memset(&t, 0xff, sizeof(t));
	assert_int_equal(db_query_one(db, "SELECT id, name, size, note FROM things WHERE id = ?1",
	    "thing get", &thing_rows, &t, DB_ARGS(DB_I(id + 1))), DB_NOTFOUND);
	assert_int_equal(t.id, 0);
	assert_null(t.name);
	assert_null(t.note);
	db_row_release(&t, &thing_rows);

	assert_int_equal(db_query_one(db, "SELECT id, name, size FROM things WHERE id = ?1",
	    "thing hooked", &hooked_rows, &t, DB_ARGS(DB_I(id))), DB_OK);
	assert_int_equal(t.id, id);
	assert_string_equal(t.name, "belt");
	assert_int_equal(t.size, 0);          /* skipped by the table */
	assert_int_equal(t.hooked, 40);       /* read by the hook */
	db_row_release(&t, &hooked_rows);
	assert_null(t.name);
	assert_int_equal(t.id, 0);
	db_row_release(NULL, &thing_rows);
}

static void test_args_bind_nulls_and_values(void **state)
{
	struct db *db = *state;
	int64_t id = thing_add(db, NULL, 0, NULL, 0), v = -1;
	char *s = NULL;

	/* DB_S(NULL) and DB_ID(0) bind SQL NULL. */
	assert_int_equal(db_query_exists(db, "SELECT 1 FROM things WHERE id = ?1 AND name IS NULL "
	    "AND note IS NULL AND owner IS NULL", "nulls", DB_ARGS(DB_I(id))), DB_OK);
	assert_int_equal(db_exec_changed(db, "UPDATE things SET owner = ?2, note = ?3 WHERE id = ?1",
	    "thing set", DB_ARGS(DB_I(id), DB_ID(42), DB_S("kept"))), DB_OK);
	assert_int_equal(db_query_int(db, "SELECT owner FROM things WHERE id = ?1", "owner", &v,
	    DB_ARGS(DB_I(id))), DB_OK);
	assert_int_equal(v, 42);
	assert_int_equal(db_query_text2(db, "SELECT note FROM things WHERE id = ?1", "note", &s,
	    NULL, DB_ARGS(DB_I(id))), DB_OK);
	assert_string_equal(s, "kept");
	free(s);

	/* No row: DB_NOTFOUND, and the outputs are left alone. */
	v = 7;
	s = NULL;
	assert_int_equal(db_query_int(db, "SELECT owner FROM things WHERE id = ?1", "owner", &v,
	    DB_ARGS(DB_I(id + 1))), DB_NOTFOUND);
	assert_int_equal(v, 7);
	assert_int_equal(db_query_text2(db, "SELECT note FROM things WHERE id = ?1", "note", &s,
	    NULL, DB_ARGS(DB_I(id + 1))), DB_NOTFOUND);
	assert_null(s);
	assert_int_equal(db_query_exists(db, "SELECT 1 FROM things WHERE id = ?1", "exists",
	    DB_ARGS(DB_I(id + 1))), DB_NOTFOUND);
	/* An UPDATE that changes nothing. */
	assert_int_equal(db_exec_changed(db, "UPDATE things SET owner = ?2, note = ?3 WHERE id = ?1",
	    "thing set", DB_ARGS(DB_I(id + 1), DB_ID(1), DB_S("x"))), DB_NOTFOUND);
}

/* Two columns: both read (the strings owned, SQL NULL as NULL); without a
 * row, or when a step fails, the outputs are left alone. */
static void test_query_two_columns(void **state)
{
	struct db *db = *state;
	int64_t id = thing_add(db, "gi", 5, NULL, 9), a = -1, b = -1;
	char *name = NULL, *note = (char *)"untouched";

	assert_int_equal(db_query_int2(db, "SELECT size, owner FROM things WHERE id = ?1", "ints",
	    &a, &b, DB_ARGS(DB_I(id))), DB_OK);
	assert_int_equal(a, 5);
	assert_int_equal(b, 9);
	assert_int_equal(db_query_text2(db, "SELECT name, note FROM things WHERE id = ?1", "texts",
	    &name, &note, DB_ARGS(DB_I(id))), DB_OK);
	assert_string_equal(name, "gi");
	assert_null(note);
	free(name);

	name = NULL;
	assert_int_equal(db_query_text2(db, "SELECT name, note FROM things WHERE id = ?1", "texts",
	    &name, &note, DB_ARGS(DB_I(id + 1))), DB_NOTFOUND);
	assert_null(name);
	assert_null(note);
	a = b = 3;
	assert_int_equal(db_query_int2(db, "SELECT abs(?1), 1", "abs", &a, &b,
	    DB_ARGS(DB_I(INT64_MIN))), DB_ERROR);
	assert_int_equal(a, 3);
	assert_int_equal(b, 3);
}

static void test_prepare_failure_is_an_error(void **state)
{
	struct db *db = *state;
	struct thing t, *v;
	size_t n = 5;
	int rc = -1;
	int64_t x = 3;

	assert_int_equal(db_exec(db, "UPDATE nowhere SET a = ?1", "bad", DB_ARGS(DB_I(1))),
	    DB_ERROR);
	assert_int_equal(db_query_one(db, "SELECT * FROM nowhere WHERE id = ?1", "bad",
	    &thing_rows, &t, DB_ARGS(DB_I(1))), DB_ERROR);
	assert_null(t.name);
	v = db_query_all(db, "SELECT * FROM nowhere", "bad", &thing_rows, &n, &rc, NULL, 0);
	assert_null(v);
	assert_int_equal(n, 0);
	assert_int_equal(rc, DB_ERROR);
	assert_int_equal(db_query_int(db, "SELECT a FROM nowhere", "bad", &x, NULL, 0), DB_ERROR);
	assert_int_equal(x, 3);
	assert_int_equal(db_fetch_one(db, NULL, "bad", &thing_rows, &t), DB_ERROR);
	/* A failed db_prepare handed straight on. */
	n = 5;
	rc = -1;
	assert_null(db_fetch_all(db, NULL, "bad", &thing_rows, &n, &rc));
	assert_int_equal(n, 0);
	assert_int_equal(rc, DB_ERROR);
}

/* A test between rows_setup and rows_teardown. */
#define ROWS_TEST(fn) cmocka_unit_test_setup_teardown(fn, rows_setup, rows_teardown)

BJJ_TEST_MAIN(
	ROWS_TEST(test_fetch_all_reads_every_column),
	ROWS_TEST(test_fetch_all_error_frees_what_it_read),
	ROWS_TEST(test_query_one_zeroes_and_hook_reads),
	ROWS_TEST(test_args_bind_nulls_and_values),
	ROWS_TEST(test_query_two_columns),
	ROWS_TEST(test_prepare_failure_is_an_error),
)
