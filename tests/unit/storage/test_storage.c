/*
 * test_storage.c — the storage layer against real SQLite: migrations,
 * bot state, the outbox, people, invites, Telegram users, savepoints, and
 * that data goes through bound parameters untouched.
 *
 * Most tests use a fresh migrated ":memory:" database (db_setup); the
 * file tests use a temporary directory to see WAL mode, persistence across
 * a reopen, and a schema from a newer binary.
 */
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "lib/util.h"
#include "storage/db.h"
#include "storage/script.h"
#include "storage/store.h"
#include "test_main.h"

#define T0 1764324000 /* 2025-11-28T10:00:00Z */

static int db_setup(void **state)
{
	char err[256];
	struct db *db = db_open(":memory:", err, sizeof(err));

	if (db == NULL || db_migrate(db, NULL, err, sizeof(err)) != 0) {
		fprintf(stderr, "setup: %s\n", err);
		db_close(db);
		return -1;
	}
	*state = db;
	return 0;
}

static int db_teardown(void **state)
{
	db_close(*state);
	return 0;
}

/* A temporary directory holding one database file, removed afterwards. */
struct tmp_db {
	char dir[64];
	char path[96];
};

static void tmp_db_make(struct tmp_db *t)
{
	strcpy(t->dir, "/tmp/bjj_test_storage_XXXXXX");
	assert_non_null(mkdtemp(t->dir));
	snprintf(t->path, sizeof(t->path), "%s/bot.db", t->dir);
}

static void tmp_db_remove(struct tmp_db *t)
{
	static const char *const suffix[] = { "", "-wal", "-shm", "-journal" };
	char p[128];
	size_t i;

	for (i = 0; i < BJJ_ARRAY_LEN(suffix); i++) {
		snprintf(p, sizeof(p), "%s%s", t->path, suffix[i]);
		unlink(p);
	}
	assert_int_equal(rmdir(t->dir), 0);
}

static int file_exists(const char *path)
{
	return access(path, F_OK) == 0;
}

/* ---- open and migrations ------------------------------------------------ */

static void test_migrate_fresh_and_rerun(void **state)
{
	char err[256];
	struct db *db = db_open(":memory:", err, sizeof(err));
	int applied = -1;

	(void)state;
	assert_non_null(db);
	assert_int_equal(db_version(db), 0);
	assert_int_equal(db_migrate(db, &applied, err, sizeof(err)), 0);
	assert_int_equal(applied, db_schema_latest());
	assert_int_equal(db_version(db), db_schema_latest());
	/* A second run finds nothing to do and changes nothing. */
	assert_int_equal(db_migrate(db, &applied, err, sizeof(err)), 0);
	assert_int_equal(applied, 0);
	assert_int_equal(db_version(db), db_schema_latest());
	assert_int_equal(db_check(db, err, sizeof(err)), 0);
	db_close(db);
}

static void test_open_errors_name_the_path(void **state)
{
	struct tmp_db t;
	char err[256], expect[256];
	int fd;

	(void)state;
	assert_null(db_open("/nonexistent-dir/bot.db", err, sizeof(err)));
	assert_string_equal(err, "database \"/nonexistent-dir/bot.db\": unable to open database file");

	/* A file that is not a database fails at open, not at first use. */
	tmp_db_make(&t);
	fd = open(t.path, O_WRONLY | O_CREAT, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "this is not a database, just some text\n", 39), 39);
	for (int i = 0; i < 20; i++)
		assert_int_equal(write(fd, "0123456789abcdef0123456789abcdef", 32), 32);
	close(fd);
	assert_null(db_open(t.path, err, sizeof(err)));
	snprintf(expect, sizeof(expect), "database \"%s\": file is not a database", t.path);
	assert_string_equal(err, expect);
	tmp_db_remove(&t);
}

static void test_file_db_wal_and_reopen(void **state)
{
	struct tmp_db t;
	char err[256], wal[128];
	struct db *db;
	int64_t v = 0;
	int applied = -1;

	(void)state;
	tmp_db_make(&t);
	snprintf(wal, sizeof(wal), "%s-wal", t.path);
	db = db_open(t.path, err, sizeof(err));
	assert_non_null(db);
	assert_int_equal(db_migrate(db, &applied, err, sizeof(err)), 0);
	assert_int_equal(applied, db_schema_latest());
	assert_int_equal(db_state_set_int(db, "last_update_id", 4242), DB_OK);
	/* In WAL mode commits land in the -wal file beside the database. */
	assert_true(file_exists(wal));
	db_close(db);
	/* The last connection checkpoints and removes the log. */
	assert_false(file_exists(wal));

	db = db_open(t.path, err, sizeof(err));
	assert_non_null(db);
	assert_int_equal(db_version(db), db_schema_latest());
	assert_int_equal(db_migrate(db, &applied, err, sizeof(err)), 0);
	assert_int_equal(applied, 0);
	assert_int_equal(db_state_get_int(db, "last_update_id", -1, &v), DB_OK);
	assert_int_equal(v, 4242);
	db_close(db);
	tmp_db_remove(&t);
}

/* Overwrite len bytes of path at off with a pattern no page can hold. */
static void scribble(const char *path, off_t off, size_t len)
{
	char junk[1024];
	int fd = open(path, O_WRONLY);

	assert_true(fd >= 0 && len <= sizeof(junk));
	memset(junk, 0xA5, len);
	assert_int_equal(pwrite(fd, junk, len, off), (ssize_t)len);
	close(fd);
}

/* `check` at start reads the schema, `check --full` every page: damage in
 * a table's pages is found by the full check only, damage in the schema's
 * by both (or by the open itself). */
static void test_check_quick_and_full(void **state)
{
	struct tmp_db t;
	char err[256];
	struct db *db;

	(void)state;
	tmp_db_make(&t);
	db = db_open(t.path, err, sizeof(err));
	assert_non_null(db);
	assert_int_equal(db_migrate(db, NULL, err, sizeof(err)), 0);
	/* Some pages of rows at the end of the file, past the schema's. */
	assert_int_equal(db_admin_script(db, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL "
	    "SELECT i + 1 FROM n WHERE i < 2000) INSERT INTO bot_state (key, value) "
	    "SELECT 'k' || i, printf('%0200d', i) FROM n"), DB_OK);
	assert_int_equal(db_check_quick(db, err, sizeof(err)), 0);
	assert_int_equal(db_check(db, err, sizeof(err)), 0);
	db_close(db);

	/* The last page (bot_state's) damaged: only the full check sees it. */
	struct stat sb;
	assert_int_equal(stat(t.path, &sb), 0);
	assert_true(sb.st_size > 8 * 4096);
	scribble(t.path, sb.st_size - 4096 + 8, 512);
	db = db_open(t.path, err, sizeof(err));
	assert_non_null(db);
	assert_int_equal(db_check_quick(db, err, sizeof(err)), 0);
	err[0] = '\0';
	assert_int_equal(db_check(db, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "database is damaged: "));
	db_close(db);

	/* The schema's first page damaged: refused either way. */
	scribble(t.path, 100, 512);
	err[0] = '\0';
	db = db_open(t.path, err, sizeof(err));
	assert_true(db == NULL || db_check_quick(db, err, sizeof(err)) == -1);
	assert_true(err[0] != '\0');
	db_close(db);
	tmp_db_remove(&t);
}

static void test_newer_schema_refused(void **state)
{
	struct tmp_db t;
	char err[256], expect[256];
	unsigned char be[4];
	struct db *db;
	int newer = db_schema_latest() + 1, applied = -1, fd;

	(void)state;
	tmp_db_make(&t);
	db = db_open(t.path, err, sizeof(err));
	assert_non_null(db);
	assert_int_equal(db_migrate(db, NULL, err, sizeof(err)), 0);
	db_close(db);
	/* Play a newer bjjbot: PRAGMA user_version is the big-endian 32-bit
	 * integer at offset 60 of the file header (SQLite file format 1.3). */
	be[0] = (unsigned char)(newer >> 24);
	be[1] = (unsigned char)(newer >> 16);
	be[2] = (unsigned char)(newer >> 8);
	be[3] = (unsigned char)newer;
	fd = open(t.path, O_WRONLY);
	assert_true(fd >= 0);
	assert_int_equal(pwrite(fd, be, 4, 60), 4);
	close(fd);

	db = db_open(t.path, err, sizeof(err));
	assert_non_null(db);
	assert_int_equal(db_version(db), newer);
	snprintf(expect, sizeof(expect), "database schema %d is newer than this bjjbot "
	    "(supports %d); upgrade bjjbot", newer, db_schema_latest());
	assert_int_equal(db_migrate(db, &applied, err, sizeof(err)), -1);
	assert_int_equal(applied, 0);
	assert_string_equal(err, expect);
	assert_int_equal(db_version(db), newer);
	err[0] = '\0';
	assert_int_equal(db_check(db, err, sizeof(err)), -1);
	assert_string_equal(err, expect);
	err[0] = '\0';
	assert_int_equal(db_check_quick(db, err, sizeof(err)), -1);
	assert_string_equal(err, expect);
	/* The refusal rolled back: the connection is usable, not stuck in a
	 * transaction. */
	assert_int_equal(db_begin(db), DB_OK);
	assert_int_equal(db_rollback(db), DB_OK);
	db_close(db);
	tmp_db_remove(&t);
}

/* ---- bot state ------------------------------------------------------------ */

static void test_state(void **state)
{
	struct db *db = *state;
	int64_t v = 0;
	char sentinel[] = "sentinel", *s = sentinel;

	assert_int_equal(db_state_get_int(db, "last_update_id", -7, &v), DB_OK);
	assert_int_equal(v, -7);
	assert_int_equal(db_state_get_text(db, "bot_username", &s), DB_OK);
	assert_null(s);

	assert_int_equal(db_state_set_int(db, "last_update_id", 100), DB_OK);
	assert_int_equal(db_state_set_int(db, "last_update_id", INT64_MAX), DB_OK);
	assert_int_equal(db_state_get_int(db, "last_update_id", -7, &v), DB_OK);
	assert_int_equal(v, INT64_MAX);

	assert_int_equal(db_state_set_text(db, "bot_username", "bjj_test_bot"), DB_OK);
	assert_int_equal(db_state_get_text(db, "bot_username", &s), DB_OK);
	assert_string_equal(s, "bjj_test_bot");
	free(s);

	/* Reading a key as the other type is a bug, reported as such. */
	assert_int_equal(db_state_get_int(db, "bot_username", 0, &v), DB_ERROR);
	assert_int_equal(db_state_get_text(db, "last_update_id", &s), DB_ERROR);
	assert_null(s);

	/* set_text(NULL) clears the key. */
	assert_int_equal(db_state_set_text(db, "bot_username", NULL), DB_OK);
	assert_int_equal(db_state_get_text(db, "bot_username", &s), DB_OK);
	assert_null(s);
}

/* ---- outbox ---------------------------------------------------------------- */

static int64_t outbox_put(struct db *db, int64_t chat, int method, const char *text,
    int64_t not_before)
{
	struct outbox_new it = {
		.chat_id = chat, .method = method, .text = text,
		.not_before = not_before, .created_at = T0,
	};
	int64_t id = 0;

	assert_int_equal(db_outbox_add(db, &it, &id), DB_OK);
	assert_true(id > 0);
	return id;
}

static void test_outbox_due_order_and_fields(void **state)
{
	struct db *db = *state;
	struct outbox_new full = {
		.chat_id = 42, .method = OB_EDIT_MESSAGE, .text = "<b>hi</b>",
		.markup = "{\"inline_keyboard\":[]}", .ref = "777", .plain = 1,
		.not_before = 0, .created_at = T0 - 5,
	};
	struct outbox_item *items = NULL;
	int64_t a, b, c, d, when = 0;
	size_t n = 99;

	assert_int_equal(db_outbox_next_due(db, &when), DB_NOTFOUND);
	assert_int_equal(db_outbox_due(db, T0, 10, &items, &n), DB_OK);
	assert_int_equal(n, 0);
	assert_null(items);

	assert_int_equal(db_outbox_add(db, &full, &a), DB_OK);
	b = outbox_put(db, 43, OB_SEND_MESSAGE, "later", T0 + 60);
	c = outbox_put(db, 44, OB_SEND_MESSAGE, "now", T0);
	d = outbox_put(db, 45, OB_SEND_MESSAGE, "earlier", T0 - 60);
	assert_true(a < b && b < c && c < d);
	assert_int_equal(db_outbox_next_due(db, &when), DB_OK);
	assert_int_equal(when, 0);

	/* Due at T0: everything but b, in the order queued (by id). */
	assert_int_equal(db_outbox_due(db, T0, 10, &items, &n), DB_OK);
	assert_int_equal(n, 3);
	assert_int_equal(items[0].id, a);
	assert_int_equal(items[1].id, c);
	assert_int_equal(items[2].id, d);
	assert_int_equal(items[0].chat_id, 42);
	assert_int_equal(items[0].method, OB_EDIT_MESSAGE);
	assert_string_equal(items[0].text, "<b>hi</b>");
	assert_string_equal(items[0].markup, "{\"inline_keyboard\":[]}");
	assert_string_equal(items[0].ref, "777");
	assert_int_equal(items[0].plain, 1);
	assert_int_equal(items[0].attempts, 0);
	assert_int_equal(items[0].created_at, T0 - 5);
	assert_null(items[1].markup);
	assert_null(items[1].ref);
	assert_int_equal(items[1].plain, 0);
	assert_int_equal(items[2].not_before, T0 - 60);
	outbox_items_free(items, n);

	/* max caps the batch; not_before is inclusive. */
	assert_int_equal(db_outbox_due(db, T0 + 60, 2, &items, &n), DB_OK);
	assert_int_equal(n, 2);
	assert_int_equal(items[0].id, a);
	assert_int_equal(items[1].id, b);
	outbox_items_free(items, n);
	assert_int_equal(db_outbox_due(db, T0 - 61, 10, &items, &n), DB_OK);
	assert_int_equal(n, 1);
	assert_int_equal(items[0].id, a);
	outbox_items_free(items, n);
}

static void test_outbox_retry_delete_count(void **state)
{
	struct db *db = *state;
	struct outbox_item *items = NULL;
	int64_t a, b, cnt = -1, when = 0;
	size_t n = 0;

	a = outbox_put(db, 1, OB_SEND_MESSAGE, "a", 0);
	b = outbox_put(db, 2, OB_SEND_MESSAGE, "b", 0);
	assert_int_equal(db_outbox_count(db, &cnt), DB_OK);
	assert_int_equal(cnt, 2);

	assert_int_equal(db_outbox_retry(db, a, T0 + 30, 1), DB_OK);
	assert_int_equal(db_outbox_retry(db, a, T0 + 90, 1), DB_OK);
	assert_int_equal(db_outbox_retry(db, a + b + 100, T0, 0), DB_NOTFOUND);
	assert_int_equal(db_outbox_due(db, T0, 10, &items, &n), DB_OK);
	assert_int_equal(n, 1);
	assert_int_equal(items[0].id, b);
	outbox_items_free(items, n);
	assert_int_equal(db_outbox_due(db, T0 + 90, 10, &items, &n), DB_OK);
	assert_int_equal(n, 2);
	assert_int_equal(items[0].id, a);
	assert_int_equal(items[0].attempts, 2);
	assert_int_equal(items[0].not_before, T0 + 90);
	assert_int_equal(items[0].plain, 1);
	outbox_items_free(items, n);

	assert_int_equal(db_outbox_delete(db, b), DB_OK);
	assert_int_equal(db_outbox_delete(db, b), DB_NOTFOUND);
	assert_int_equal(db_outbox_next_due(db, &when), DB_OK);
	assert_int_equal(when, T0 + 90);
	assert_int_equal(db_outbox_count(db, &cnt), DB_OK);
	assert_int_equal(cnt, 1);

	/* Ids are never reused, so a late delete cannot hit a newer row. */
	assert_int_equal(db_outbox_delete(db, a), DB_OK);
	assert_true(outbox_put(db, 1, OB_SEND_MESSAGE, "c", 0) > b);
}

static void test_outbox_drop_chat(void **state)
{
	struct db *db = *state;
	struct outbox_item *items = NULL;
	int64_t cb, cmds, other, cnt = 0;
	size_t n = 0;
	int dropped = -1;

	outbox_put(db, 7, OB_SEND_MESSAGE, "m1", 0);
	outbox_put(db, 7, OB_EDIT_MESSAGE, "m2", 0);
	outbox_put(db, 7, OB_SEND_DOCUMENT, "m3", T0 + 3600);
	cb = outbox_put(db, 7, OB_ANSWER_CALLBACK, NULL, 0);
	cmds = outbox_put(db, 7, OB_SET_COMMANDS, "[]", 0);
	other = outbox_put(db, 8, OB_SEND_MESSAGE, "m4", 0);

	assert_int_equal(db_outbox_drop_chat(db, 7, &dropped), DB_OK);
	assert_int_equal(dropped, 3);
	assert_int_equal(db_outbox_count(db, &cnt), DB_OK);
	assert_int_equal(cnt, 3);
	assert_int_equal(db_outbox_due(db, T0, 10, &items, &n), DB_OK);
	assert_int_equal(n, 3);
	assert_int_equal(items[0].id, cb);
	assert_null(items[0].text);
	assert_int_equal(items[1].id, cmds);
	assert_int_equal(items[2].id, other);
	outbox_items_free(items, n);

	assert_int_equal(db_outbox_drop_chat(db, 7, NULL), DB_OK);
	assert_int_equal(db_outbox_drop_chat(db, 9, &dropped), DB_OK);
	assert_int_equal(dropped, 0);
}

/* ---- people ---------------------------------------------------------------- */

static void test_people_add_get(void **state)
{
	struct db *db = *state;
	struct person p;
	int64_t s1 = 0, s2 = 0, t1 = 0, dup = -1;

	assert_int_equal(db_student_add(db, "Ana", NULL, "+79001234567", NULL, 0, T0, &s1), DB_OK);
	assert_int_equal(db_student_add(db, "Bruno", "Silva", NULL, "blue", 3, T0 + 1, &s2), DB_OK);
	assert_int_equal(db_trainer_add(db, "Carlos", "Gracie", "+5521999990000", T0, &t1), DB_OK);
	/* Separate sequences: student #1, #2 and trainer #1. */
	assert_int_equal(s1, 1);
	assert_int_equal(s2, 2);
	assert_int_equal(t1, 1);

	assert_int_equal(db_person_get(db, PERSON_STUDENT, s1, &p), DB_OK);
	assert_int_equal(p.id, s1);
	assert_int_equal(p.kind, PERSON_STUDENT);
	assert_string_equal(p.first_name, "Ana");
	assert_string_equal(p.last_name, "");
	assert_string_equal(p.phone, "+79001234567");
	assert_string_equal(p.belt, "white");
	assert_int_equal(p.stripes, 0);
	assert_int_equal(p.tg_id, 0);
	assert_int_equal(p.active, 1);
	assert_int_equal(p.reachable, 1);
	assert_int_equal(p.created_at, T0);
	person_release(&p);
	assert_null(p.first_name);

	assert_int_equal(db_person_get(db, PERSON_STUDENT, s2, &p), DB_OK);
	assert_string_equal(p.belt, "blue");
	assert_int_equal(p.stripes, 3);
	assert_null(p.phone);
	person_release(&p);

	assert_int_equal(db_person_get(db, PERSON_TRAINER, t1, &p), DB_OK);
	assert_int_equal(p.kind, PERSON_TRAINER);
	assert_string_equal(p.belt, "black");
	assert_string_equal(p.last_name, "Gracie");
	person_release(&p);

	assert_int_equal(db_person_get(db, PERSON_TRAINER, 99, &p), DB_NOTFOUND);
	assert_null(p.first_name);
	assert_int_equal(db_person_get(db, 3, s1, &p), DB_ERROR);
	person_release(NULL);

	/* A phone belongs to one student; several may have none. */
	assert_int_equal(db_student_add(db, "Dup", NULL, "+79001234567", NULL, 0, T0, &dup),
	    DB_CONSTRAINT);
	assert_int_equal(dup, -1);
	assert_int_equal(db_student_add(db, "NoPhone", NULL, NULL, NULL, 0, T0, NULL), DB_OK);
	assert_int_equal(db_trainer_add(db, "Dup", NULL, "+5521999990000", T0, NULL), DB_CONSTRAINT);
	/* The CHECK constraints refuse what validation should have caught. */
	assert_int_equal(db_student_add(db, "Bad", NULL, "89001234567", NULL, 0, T0, NULL),
	    DB_CONSTRAINT);
	assert_int_equal(db_student_add(db, "Bad", NULL, "+7900abc4567", NULL, 0, T0, NULL),
	    DB_CONSTRAINT);
	assert_int_equal(db_student_add(db, "Bad", NULL, NULL, NULL, 7, T0, NULL), DB_CONSTRAINT);
	assert_int_equal(db_student_add(db, "", NULL, NULL, NULL, 0, T0, NULL), DB_CONSTRAINT);
	assert_int_equal(db_person_get(db, PERSON_STUDENT, 4, &p), DB_NOTFOUND);
}

static void test_people_link_and_lookup(void **state)
{
	struct db *db = *state;
	struct person p;
	int64_t s1, s2, t1;

	assert_int_equal(db_student_add(db, "Ana", NULL, "+79001234567", NULL, 0, T0, &s1), DB_OK);
	assert_int_equal(db_student_add(db, "Bia", NULL, "+79001234568", NULL, 0, T0, &s2), DB_OK);
	assert_int_equal(db_trainer_add(db, "Caio", NULL, "+79001234567", T0, &t1), DB_OK);

	/* The same phone on a trainer and a student: the trainer comes first. */
	assert_int_equal(db_person_unlinked_by_phone(db, "+79001234567", &p), DB_OK);
	assert_int_equal(p.kind, PERSON_TRAINER);
	assert_int_equal(p.id, t1);
	person_release(&p);
	assert_int_equal(db_person_unlinked_by_phone(db, "+70000000000", &p), DB_NOTFOUND);

	assert_int_equal(db_person_by_tg(db, 1001, &p), DB_NOTFOUND);
	assert_int_equal(db_person_link(db, PERSON_STUDENT, s1, 1001), DB_OK);
	assert_int_equal(db_person_by_tg(db, 1001, &p), DB_OK);
	assert_int_equal(p.kind, PERSON_STUDENT);
	assert_int_equal(p.id, s1);
	assert_int_equal(p.tg_id, 1001);
	person_release(&p);

	/* Linked records no longer match a shared phone... */
	assert_int_equal(db_person_link(db, PERSON_TRAINER, t1, 1001), DB_OK);
	assert_int_equal(db_person_unlinked_by_phone(db, "+79001234567", &p), DB_NOTFOUND);
	/* ...and the wider role wins for the account linked to both. */
	assert_int_equal(db_person_by_tg(db, 1001, &p), DB_OK);
	assert_int_equal(p.kind, PERSON_TRAINER);
	assert_int_equal(p.id, t1);
	person_release(&p);

	/* Conflicts: a linked record, an account linked to another student,
	 * no such record, no such kind. */
	assert_int_equal(db_person_link(db, PERSON_STUDENT, s1, 2002), DB_CONSTRAINT);
	assert_int_equal(db_person_link(db, PERSON_STUDENT, s1, 1001), DB_CONSTRAINT);
	assert_int_equal(db_person_link(db, PERSON_STUDENT, s2, 1001), DB_CONSTRAINT);
	assert_int_equal(db_person_link(db, PERSON_STUDENT, 99, 2002), DB_NOTFOUND);
	assert_int_equal(db_person_link(db, 0, s2, 2002), DB_ERROR);
	assert_int_equal(db_person_get(db, PERSON_STUDENT, s2, &p), DB_OK);
	assert_int_equal(p.tg_id, 0);
	person_release(&p);
	assert_int_equal(db_person_link(db, PERSON_STUDENT, s2, 2002), DB_OK);
}

/* ---- invites ---------------------------------------------------------------- */

static void test_invite_create_and_redeem(void **state)
{
	struct db *db = *state;
	char code[INVITE_CODE_LEN + 1], code2[INVITE_CODE_LEN + 1], newest[INVITE_CODE_LEN + 1];
	struct person p;
	int64_t sid, pid = 0;
	int kind = 0;

	assert_int_equal(db_student_add(db, "Ana", NULL, NULL, NULL, 0, T0, &sid), DB_OK);
	assert_int_equal(db_invite_create(db, PERSON_STUDENT, sid, T0, T0 + 86400, code), DB_OK);
	assert_int_equal(strlen(code), INVITE_CODE_LEN);
	assert_int_equal(strspn(code, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789_-"), INVITE_CODE_LEN);
	assert_int_equal(db_invite_create(db, PERSON_STUDENT, sid, T0, T0 + 86400, code2), DB_OK);
	assert_string_not_equal(code, code2);
	memcpy(newest, code2, sizeof(newest));
	/* No invite for a record that does not exist. */
	assert_int_equal(db_invite_create(db, PERSON_TRAINER, sid, T0, T0 + 86400, code2),
	    DB_NOTFOUND);
	assert_int_equal(db_invite_create(db, 3, sid, T0, T0 + 86400, code2), DB_NOTFOUND);

	assert_int_equal(db_invite_redeem(db, "nosuchcode000000", 1001, T0, &kind, &pid),
	    INVITE_UNKNOWN);
	assert_int_equal(db_invite_redeem(db, NULL, 1001, T0, &kind, &pid), INVITE_UNKNOWN);
	/* The newer invite replaced the older one. */
	assert_int_equal(db_invite_redeem(db, code, 1001, T0 + 10, &kind, &pid), INVITE_REVOKED);
	memcpy(code, newest, sizeof(code));
	assert_int_equal(db_invite_redeem(db, code, 1001, T0 + 10, &kind, &pid), INVITE_OK);
	assert_int_equal(kind, PERSON_STUDENT);
	assert_int_equal(pid, sid);
	assert_int_equal(db_person_by_tg(db, 1001, &p), DB_OK);
	assert_int_equal(p.id, sid);
	person_release(&p);
	/* Single use, whoever tries. */
	assert_int_equal(db_invite_redeem(db, code, 1001, T0 + 20, &kind, &pid), INVITE_USED);
	assert_int_equal(db_invite_redeem(db, code, 3003, T0 + 20, &kind, &pid), INVITE_USED);
}

static void test_invite_expiry_boundary(void **state)
{
	struct db *db = *state;
	char a[INVITE_CODE_LEN + 1], b[INVITE_CODE_LEN + 1];
	int64_t s1, s2, pid = 0;
	int kind = 0;

	assert_int_equal(db_student_add(db, "Ana", NULL, NULL, NULL, 0, T0, &s1), DB_OK);
	assert_int_equal(db_student_add(db, "Bia", NULL, NULL, NULL, 0, T0, &s2), DB_OK);
	assert_int_equal(db_invite_create(db, PERSON_STUDENT, s1, T0, T0 + 100, a), DB_OK);
	assert_int_equal(db_invite_create(db, PERSON_STUDENT, s2, T0, T0 + 100, b), DB_OK);
	/* Valid up to the last second before expires_at, not at it. */
	assert_int_equal(db_invite_redeem(db, a, 1001, T0 + 99, &kind, &pid), INVITE_OK);
	assert_int_equal(db_invite_redeem(db, b, 1002, T0 + 100, &kind, &pid), INVITE_EXPIRED);
	assert_int_equal(db_person_by_tg(db, 1002, &(struct person){ 0 }), DB_NOTFOUND);
}

static void test_invite_taken_changes_nothing(void **state)
{
	struct db *db = *state;
	char a[INVITE_CODE_LEN + 1], b[INVITE_CODE_LEN + 1];
	struct person p;
	int64_t s1, s2, t1, pid = 0;
	int kind = 0;

	assert_int_equal(db_student_add(db, "Ana", NULL, NULL, NULL, 0, T0, &s1), DB_OK);
	assert_int_equal(db_student_add(db, "Bia", NULL, NULL, NULL, 0, T0, &s2), DB_OK);
	assert_int_equal(db_trainer_add(db, "Caio", NULL, NULL, T0, &t1), DB_OK);
	assert_int_equal(db_invite_create(db, PERSON_STUDENT, s1, T0, T0 + 100, a), DB_OK);
	assert_int_equal(db_invite_create(db, PERSON_STUDENT, s2, T0, T0 + 100, b), DB_OK);

	/* The record was linked some other way (a shared contact) first. */
	assert_int_equal(db_person_link(db, PERSON_STUDENT, s1, 1001), DB_OK);
	assert_int_equal(db_invite_redeem(db, a, 2002, T0, &kind, &pid), INVITE_TAKEN);
	/* This account is already another student. */
	assert_int_equal(db_invite_redeem(db, b, 1001, T0, &kind, &pid), INVITE_TAKEN);
	assert_int_equal(db_person_get(db, PERSON_STUDENT, s2, &p), DB_OK);
	assert_int_equal(p.tg_id, 0);
	person_release(&p);
	/* Neither code was spent: the right person can still use b. */
	assert_int_equal(db_invite_redeem(db, b, 2002, T0, &kind, &pid), INVITE_OK);
	assert_int_equal(pid, s2);
	/* Being a student does not stop the same account being a trainer. */
	assert_int_equal(db_invite_create(db, PERSON_TRAINER, t1, T0, T0 + 100, a), DB_OK);
	assert_int_equal(db_invite_redeem(db, a, 2002, T0, &kind, &pid), INVITE_OK);
	assert_int_equal(kind, PERSON_TRAINER);
	assert_int_equal(pid, t1);
}

/* ---- transactions and savepoints -------------------------------------------- */

static void test_savepoint_rollback_leaves_nothing(void **state)
{
	struct db *db = *state;
	struct outbox_item *items = NULL;
	struct person p;
	int64_t id = 0, v = 0, cnt = -1;
	size_t n = 0;

	assert_int_equal(db_begin(db), DB_OK);
	/* A failed update: its student, reply and state vanish... */
	assert_int_equal(db_savepoint(db), DB_OK);
	assert_int_equal(db_student_add(db, "Gone", NULL, "+79001112233", NULL, 0, T0, &id), DB_OK);
	outbox_put(db, 5, OB_SEND_MESSAGE, "gone", 0);
	assert_int_equal(db_state_set_int(db, "last_update_id", 1), DB_OK);
	assert_int_equal(db_savepoint_rollback(db), DB_OK);
	/* ...while the next update of the batch commits. */
	assert_int_equal(db_savepoint(db), DB_OK);
	outbox_put(db, 6, OB_SEND_MESSAGE, "kept", 0);
	assert_int_equal(db_state_set_int(db, "last_update_id", 2), DB_OK);
	assert_int_equal(db_savepoint_release(db), DB_OK);
	assert_int_equal(db_commit(db), DB_OK);

	assert_int_equal(db_person_get(db, PERSON_STUDENT, id, &p), DB_NOTFOUND);
	assert_int_equal(db_person_unlinked_by_phone(db, "+79001112233", &p), DB_NOTFOUND);
	assert_int_equal(db_outbox_due(db, T0, 10, &items, &n), DB_OK);
	assert_int_equal(n, 1);
	assert_string_equal(items[0].text, "kept");
	outbox_items_free(items, n);
	assert_int_equal(db_state_get_int(db, "last_update_id", 0, &v), DB_OK);
	assert_int_equal(v, 2);

	/* A whole batch rolled back leaves nothing either. */
	assert_int_equal(db_begin(db), DB_OK);
	outbox_put(db, 7, OB_SEND_MESSAGE, "batch", 0);
	assert_int_equal(db_rollback(db), DB_OK);
	assert_int_equal(db_outbox_count(db, &cnt), DB_OK);
	assert_int_equal(cnt, 1);
	/* Rolling back outside a transaction is harmless. */
	assert_int_equal(db_rollback(db), DB_OK);
}

/* db_transaction's callback: write "tx", then succeed or fail. */
struct tx_case {
	struct db *db;
	int64_t value;
	int rc;
};

static int tx_case_run(void *arg)
{
	struct tx_case *c = arg;

	if (db_state_set_int(c->db, "tx", c->value) != DB_OK)
		return -1;
	return c->rc;
}

static void test_transaction_commits_or_rolls_back(void **state)
{
	struct db *db = *state;
	struct tx_case ok = { db, 1, 0 }, bad = { db, 2, -1 };
	int64_t v = 0;

	assert_int_equal(db_transaction(db, tx_case_run, &ok), 0);
	assert_int_equal(db_state_get_int(db, "tx", 0, &v), DB_OK);
	assert_int_equal(v, 1);
	/* A failing callback keeps nothing it wrote, and the next
	 * transaction starts clean. */
	assert_int_equal(db_transaction(db, tx_case_run, &bad), -1);
	assert_int_equal(db_state_get_int(db, "tx", 0, &v), DB_OK);
	assert_int_equal(v, 1);
	ok.value = 3;
	assert_int_equal(db_transaction(db, tx_case_run, &ok), 0);
	assert_int_equal(db_state_get_int(db, "tx", 0, &v), DB_OK);
	assert_int_equal(v, 3);
	/* Inside another transaction, BEGIN fails: nothing runs. */
	assert_int_equal(db_begin(db), DB_OK);
	ok.value = 4;
	assert_int_equal(db_transaction(db, tx_case_run, &ok), -1);
	assert_int_equal(db_rollback(db), DB_OK);
	assert_int_equal(db_state_get_int(db, "tx", 0, &v), DB_OK);
	assert_int_equal(v, 3);
}

/* ---- Telegram users ---------------------------------------------------------- */

/* Whether record (kind, id) is reachable; it must exist. */
static int reachable(struct db *db, int kind, int64_t id)
{
	struct person p;
	int r;

	assert_int_equal(db_person_get(db, kind, id, &p), DB_OK);
	r = p.reachable;
	person_release(&p);
	return r;
}

static void test_tg_users_seen_and_reachable(void **state)
{
	struct db *db = *state;
	struct person p;
	char sentinel[] = "sentinel", *lang = sentinel;
	int64_t sid, tid;

	assert_int_equal(db_tg_user_lang(db, 1001, &lang), DB_NOTFOUND);
	assert_null(lang);
	assert_int_equal(db_tg_user_seen(db, 1001, "Ana", "ana", "pt-br", T0), DB_OK);
	assert_int_equal(db_tg_user_lang(db, 1001, &lang), DB_OK);
	assert_string_equal(lang, "pt-br");
	free(lang);
	/* An update without language_code keeps the last one known. */
	assert_int_equal(db_tg_user_seen(db, 1001, "Ana", NULL, NULL, T0 + 1), DB_OK);
	assert_int_equal(db_tg_user_lang(db, 1001, &lang), DB_OK);
	assert_string_equal(lang, "pt-br");
	free(lang);
	assert_int_equal(db_tg_user_seen(db, 2002, "Bo", NULL, NULL, T0), DB_OK);
	assert_int_equal(db_tg_user_lang(db, 2002, &lang), DB_NOTFOUND);
	assert_null(lang);

	assert_int_equal(db_student_add(db, "Ana", NULL, NULL, NULL, 0, T0, &sid), DB_OK);
	assert_int_equal(db_trainer_add(db, "Ana", NULL, NULL, T0, &tid), DB_OK);
	assert_int_equal(db_person_link(db, PERSON_STUDENT, sid, 1001), DB_OK);
	assert_int_equal(db_person_link(db, PERSON_TRAINER, tid, 1001), DB_OK);

	/* Blocked: every record of the account stops being reachable. */
	assert_int_equal(db_tg_user_set_reachable(db, 1001, 0), DB_OK);
	assert_int_equal(reachable(db, PERSON_STUDENT, sid), 0);
	assert_int_equal(reachable(db, PERSON_TRAINER, tid), 0);
	/* Writing again proves the account is back. */
	assert_int_equal(db_tg_user_seen(db, 1001, "Ana", "ana", "pt-br", T0 + 2), DB_OK);
	assert_int_equal(reachable(db, PERSON_STUDENT, sid), 1);
	assert_int_equal(reachable(db, PERSON_TRAINER, tid), 1);
	/* And the explicit switch works both ways. */
	assert_int_equal(db_tg_user_set_reachable(db, 1001, 0), DB_OK);
	assert_int_equal(db_tg_user_set_reachable(db, 1001, 1), DB_OK);
	assert_int_equal(db_person_by_tg(db, 1001, &p), DB_OK);
	assert_int_equal(p.reachable, 1);
	person_release(&p);
	/* An account we never saw: nothing to do, not an error. */
	assert_int_equal(db_tg_user_set_reachable(db, 9999, 0), DB_OK);
}

/* Seen again with nothing new, a user costs one statement; anything that
 * differs still reaches the row and the people linked to it. */
static void test_tg_user_seen_changes(void **state)
{
	struct db *db = *state;
	int64_t sid, old_tg;
	char *lang;

	assert_int_equal(db_tg_user_seen(db, 1001, "Ana", "ana", "en", T0), DB_OK);
	assert_int_equal(db_tg_user_seen(db, 1001, "Ana", "ana", "en", T0 + 1), DB_OK);
	/* A new language, then none (kept), then a new name: all kept. */
	assert_int_equal(db_tg_user_seen(db, 1001, "Ana", "ana", "ru", T0 + 2), DB_OK);
	assert_int_equal(db_tg_user_seen(db, 1001, "Ana", "ana", NULL, T0 + 3), DB_OK);
	assert_int_equal(db_tg_user_lang(db, 1001, &lang), DB_OK);
	assert_string_equal(lang, "ru");
	free(lang);
	assert_int_equal(db_tg_user_seen(db, 1001, "Ana", "ana", "pt", T0 + 4), DB_OK);
	assert_int_equal(db_tg_user_seen(db, 1001, "Ana", "ana", "pt", T0 + 5), DB_OK);
	assert_int_equal(db_tg_user_lang(db, 1001, &lang), DB_OK);
	assert_string_equal(lang, "pt");
	free(lang);
	assert_int_equal(db_tg_user_seen(db, 1001, "Ana Maria", NULL, "pt", T0 + 6), DB_OK);
	assert_int_equal(db_admin_script(db, "CREATE TEMP TABLE t_ok (ok INTEGER CHECK (ok IS 1));"
	    "INSERT INTO t_ok SELECT first_name = 'Ana Maria' AND username IS NULL "
	    "AND last_seen = 1764324006 FROM tg_users WHERE tg_id = 1001;"
	    "INSERT INTO t_ok SELECT count(*) FROM t_ok"), DB_OK);

	/* Blocked, then writing the same as before: reachable again. */
	assert_int_equal(db_student_add(db, "Ana", NULL, NULL, NULL, 0, T0, &sid), DB_OK);
	assert_int_equal(db_person_link(db, PERSON_STUDENT, sid, 1001), DB_OK);
	assert_int_equal(db_tg_user_set_reachable(db, 1001, 0), DB_OK);
	assert_int_equal(db_tg_user_seen(db, 1001, "Ana", "ana", "pt", T0 + 6), DB_OK);
	assert_int_equal(reachable(db, PERSON_STUDENT, sid), 1);
	/* A record left unreachable by a blocked account, linked to one that
	 * is reachable: its next update makes the record reachable too. */
	assert_int_equal(db_tg_user_seen(db, 2002, "Bo", NULL, NULL, T0), DB_OK);
	assert_int_equal(db_tg_user_set_reachable(db, 1001, 0), DB_OK);
	assert_int_equal(db_person_unlink(db, PERSON_STUDENT, sid, &old_tg), DB_OK);
	assert_int_equal(db_person_link(db, PERSON_STUDENT, sid, 2002), DB_OK);
	assert_int_equal(reachable(db, PERSON_STUDENT, sid), 0);
	assert_int_equal(db_tg_user_seen(db, 2002, "Bo", NULL, NULL, T0 + 1), DB_OK);
	assert_int_equal(reachable(db, PERSON_STUDENT, sid), 1);
}

/* ---- bound parameters --------------------------------------------------------- */

static void test_strings_round_trip(void **state)
{
	static const char *const tricky[] = {
		"O'Brien",
		"Robert'); DROP TABLE students; --",
		"\"quoted\"; SELECT 1; -- ?1 :x @y $z",
		"Иван Петров",
		"João Gonçalves 🥋",
		"%s%n%d",
	};
	struct db *db = *state;
	struct outbox_item *items = NULL;
	struct person p;
	char *s = NULL;
	int64_t id;
	size_t i, n = 0;

	for (i = 0; i < BJJ_ARRAY_LEN(tricky); i++) {
		assert_int_equal(db_student_add(db, tricky[i], tricky[i], NULL, tricky[i], 0, T0, &id),
		    DB_OK);
		assert_int_equal(db_person_get(db, PERSON_STUDENT, id, &p), DB_OK);
		assert_string_equal(p.first_name, tricky[i]);
		assert_string_equal(p.last_name, tricky[i]);
		assert_string_equal(p.belt, tricky[i]);
		person_release(&p);

		assert_int_equal(db_state_set_text(db, tricky[i], tricky[i]), DB_OK);
		assert_int_equal(db_state_get_text(db, tricky[i], &s), DB_OK);
		assert_string_equal(s, tricky[i]);
		free(s);

		outbox_put(db, 1, OB_SEND_MESSAGE, tricky[i], 0);
		assert_int_equal(db_tg_user_seen(db, 1001, tricky[i], tricky[i], tricky[i], T0), DB_OK);
		assert_int_equal(db_tg_user_lang(db, 1001, &s), DB_OK);
		assert_string_equal(s, tricky[i]);
		free(s);
	}
	assert_int_equal(db_outbox_due(db, T0, 100, &items, &n), DB_OK);
	assert_int_equal(n, BJJ_ARRAY_LEN(tricky));
	for (i = 0; i < n; i++)
		assert_string_equal(items[i].text, tricky[i]);
	outbox_items_free(items, n);
	/* The students table survived its would-be attacker. */
	assert_int_equal(db_person_get(db, PERSON_STUDENT, 1, &p), DB_OK);
	person_release(&p);
	assert_int_equal(db_check(db, (char[128]){ 0 }, 128), 0);
}

/* db_admin_snapshot / db_admin_restore (the fuzz targets' reset): what was
 * committed after the snapshot is gone, what was before it is back, and
 * the cached statements keep working on the restored database. */
static void test_snapshot_restore(void **state)
{
	struct db *db = *state;
	struct db_snapshot *snap;
	struct person p;
	int64_t kept = 0, gone = 0, v = 0;

	assert_int_equal(db_student_add(db, "Kept", NULL, "+79001112200", NULL, 0, T0, &kept), DB_OK);
	assert_int_equal(db_state_set_int(db, "last_update_id", 7), DB_OK);
	snap = db_admin_snapshot(db);
	assert_non_null(snap);
	assert_int_equal(db_student_add(db, "Gone", NULL, "+79001112211", NULL, 0, T0, &gone), DB_OK);
	assert_int_equal(db_state_set_int(db, "last_update_id", 9), DB_OK);

	assert_int_equal(db_admin_restore(db, snap), DB_OK);
	assert_int_equal(db_person_get(db, PERSON_STUDENT, gone, &p), DB_NOTFOUND);
	assert_int_equal(db_person_get(db, PERSON_STUDENT, kept, &p), DB_OK);
	assert_string_equal(p.first_name, "Kept");
	person_release(&p);
	assert_int_equal(db_state_get_int(db, "last_update_id", 0, &v), DB_OK);
	assert_int_equal(v, 7);
	/* Twice: each restore takes a copy, the snapshot stays usable. */
	assert_int_equal(db_student_add(db, "Again", NULL, "+79001112222", NULL, 0, T0, &gone), DB_OK);
	assert_int_equal(db_admin_restore(db, snap), DB_OK);
	assert_int_equal(db_person_get(db, PERSON_STUDENT, gone, &p), DB_NOTFOUND);
	db_admin_snapshot_free(snap);
}

/*
 * A temporary b-tree (here the DISTINCT's) takes cache pages as it fills
 * them: no bulk of 20 pages (some 90 KiB) allocated when its cache is
 * made, which a check-in's triggers paid five times at once (db_open).
 */
static void test_temp_btree_grows_by_the_page(void **state)
{
	struct db *db = *state;
	sqlite3_int64 before, high, now;

	assert_int_equal(db_admin_script(db, "CREATE TABLE m(x); INSERT INTO m VALUES (1), (2), (2), (3);"),
	    DB_OK);
	/* The high-water mark restarts at the memory in use now. */
	sqlite3_status64(SQLITE_STATUS_MEMORY_USED, &before, &high, 1);
	assert_int_equal(db_admin_script(db, "SELECT count(*) FROM (SELECT DISTINCT x FROM m);"), DB_OK);
	sqlite3_status64(SQLITE_STATUS_MEMORY_USED, &now, &high, 0);
	assert_true(high - before < 40 * 1024);
}

/* A test between db_setup and db_teardown. */
#define DB_TEST(fn) cmocka_unit_test_setup_teardown(fn, db_setup, db_teardown)

BJJ_TEST_MAIN(
	cmocka_unit_test(test_migrate_fresh_and_rerun),
	cmocka_unit_test(test_open_errors_name_the_path),
	cmocka_unit_test(test_file_db_wal_and_reopen),
	cmocka_unit_test(test_newer_schema_refused),
	cmocka_unit_test(test_check_quick_and_full),
	DB_TEST(test_state),
	DB_TEST(test_tg_user_seen_changes),
	DB_TEST(test_outbox_due_order_and_fields),
	DB_TEST(test_outbox_retry_delete_count),
	DB_TEST(test_outbox_drop_chat),
	DB_TEST(test_people_add_get),
	DB_TEST(test_people_link_and_lookup),
	DB_TEST(test_invite_create_and_redeem),
	DB_TEST(test_invite_expiry_boundary),
	DB_TEST(test_invite_taken_changes_nothing),
	DB_TEST(test_savepoint_rollback_leaves_nothing),
	DB_TEST(test_transaction_commits_or_rolls_back),
	DB_TEST(test_tg_users_seen_and_reachable),
	DB_TEST(test_strings_round_trip),
	DB_TEST(test_snapshot_restore),
	DB_TEST(test_temp_btree_grows_by_the_page),
)
