/*
 * migrations.c — the schema, as an append-only list of SQL scripts.
 * Script i takes the database from PRAGMA user_version i to i + 1.
 *
 * Invariant: a released script is never edited; a change to the schema is
 * a new script at the end (ALTER TABLE ... ADD COLUMN, CREATE TABLE, new
 * indexes). That is why the CHECK constraints below guard only facts that
 * will not change (SQLite cannot alter a CHECK without rebuilding the
 * table), and why ids use AUTOINCREMENT: an id is never handed out twice,
 * so an invite or an in-flight outbox row can never point at a newer row.
 *
 * Callers: bot/main.c (db_migrate at start-up, db_check for "bjjbot
 * check"), tests.
 */
#include <stdio.h>
#include <string.h>

#include "bot/util.h"
#include "storage/internal.h"

/* E.164 as phone_normalize() produces it: '+' and 7 to 15 digits. */
#define DB_PHONE_CHECK(col) \
	"CHECK (" col " GLOB '+[1-9]*' AND length(" col ") BETWEEN 8 AND 16" \
	" AND substr(" col ", 2) NOT GLOB '*[^0-9]*')"

static const char *const db_migrations[] = {
	/* 1: bot state, outbox, Telegram users, students, trainers, invites. */
	"CREATE TABLE bot_state ("
	"  key TEXT PRIMARY KEY NOT NULL,"
	"  value"
	");"
	"CREATE TABLE outbox ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  chat_id INTEGER NOT NULL,"
	"  method INTEGER NOT NULL CHECK (method > 0),"
	"  text TEXT,"
	"  markup TEXT,"
	"  ref TEXT,"
	"  plain INTEGER NOT NULL DEFAULT 0 CHECK (plain IN (0, 1)),"
	"  attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),"
	"  not_before INTEGER NOT NULL DEFAULT 0,"
	"  created_at INTEGER NOT NULL"
	");"
	"CREATE INDEX outbox_due ON outbox (not_before, id);"
	"CREATE TABLE tg_users ("
	"  tg_id INTEGER PRIMARY KEY,"
	"  first_name TEXT,"
	"  username TEXT,"
	"  lang TEXT,"
	"  reachable INTEGER NOT NULL DEFAULT 1 CHECK (reachable IN (0, 1)),"
	"  first_seen INTEGER NOT NULL,"
	"  last_seen INTEGER NOT NULL"
	");"
	"CREATE TABLE students ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  first_name TEXT NOT NULL CHECK (first_name <> ''),"
	"  last_name TEXT NOT NULL DEFAULT '',"
	"  phone TEXT UNIQUE " DB_PHONE_CHECK("phone") ","
	"  tg_id INTEGER UNIQUE CHECK (tg_id > 0),"
	"  email TEXT,"
	"  birth_date TEXT CHECK (birth_date = date(birth_date)),"
	"  belt TEXT NOT NULL DEFAULT 'white' CHECK (belt <> ''),"
	"  stripes INTEGER NOT NULL DEFAULT 0 CHECK (stripes BETWEEN 0 AND 6),"
	"  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),"
	"  reachable INTEGER NOT NULL DEFAULT 1 CHECK (reachable IN (0, 1)),"
	"  notes TEXT,"
	"  created_at INTEGER NOT NULL"
	");"
	"CREATE TABLE trainers ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  first_name TEXT NOT NULL CHECK (first_name <> ''),"
	"  last_name TEXT NOT NULL DEFAULT '',"
	"  phone TEXT UNIQUE " DB_PHONE_CHECK("phone") ","
	"  tg_id INTEGER UNIQUE CHECK (tg_id > 0),"
	"  email TEXT,"
	"  belt TEXT NOT NULL DEFAULT 'black' CHECK (belt <> ''),"
	"  is_main INTEGER NOT NULL DEFAULT 0 CHECK (is_main IN (0, 1)),"
	"  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),"
	"  reachable INTEGER NOT NULL DEFAULT 1 CHECK (reachable IN (0, 1)),"
	"  created_at INTEGER NOT NULL"
	");"
	/* One head trainer at most; an index, unlike a CHECK, can be dropped
	 * later if the academy ever wants two. */
	"CREATE UNIQUE INDEX trainers_one_main ON trainers (is_main) WHERE is_main = 1;"
	/* person_id points into students or trainers depending on kind, so it
	 * cannot be a foreign key; redeeming checks that the row exists. */
	"CREATE TABLE invites ("
	"  code TEXT PRIMARY KEY NOT NULL CHECK (code <> ''),"
	"  kind INTEGER NOT NULL CHECK (kind IN (1, 2)),"
	"  person_id INTEGER NOT NULL,"
	"  created_at INTEGER NOT NULL,"
	"  expires_at INTEGER NOT NULL,"
	"  used_at INTEGER,"
	"  used_by INTEGER,"
	"  CHECK ((used_at IS NULL) = (used_by IS NULL))"
	");",
};

int db_schema_latest(void)
{
	return (int)BJJ_ARRAY_LEN(db_migrations);
}

int db_version(struct db *db)
{
	sqlite3_stmt *st = db_stmt_get(db, "PRAGMA user_version");
	int v = -1;

	if (st == NULL)
		return -1;
	if (db_step_row(db, st, "read schema version") == DB_OK)
		v = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return v;
}

/* A newer schema may have constraints this binary would break. */
static int db_version_supported(int v, char *err, size_t errlen)
{
	if (v <= db_schema_latest())
		return 0;
	snprintf(err, errlen, "database schema %d is newer than this bjjbot (supports %d); "
	    "upgrade bjjbot", v, db_schema_latest());
	return -1;
}

/* sqlite3_exec a script, putting "what: reason" in err on failure. */
static int db_migrate_exec(struct db *db, const char *sql, const char *what,
    char *err, size_t errlen)
{
	char *msg = NULL;

	if (sqlite3_exec(db->h, sql, NULL, NULL, &msg) == SQLITE_OK)
		return 0;
	snprintf(err, errlen, "%s: %s", what, msg ? msg : sqlite3_errmsg(db->h));
	sqlite3_free(msg);
	return -1;
}

int db_migrate(struct db *db, int *applied, char *err, size_t errlen)
{
	int latest = db_schema_latest();
	char what[32], sql[48];
	int v, i;

	if (applied)
		*applied = 0;
	/* IMMEDIATE: take the write lock before reading the version, so two
	 * processes cannot both decide to run the same migration. */
	if (db_migrate_exec(db, "BEGIN IMMEDIATE", "migrate", err, errlen) != 0)
		return -1;
	v = db_version(db);
	if (v < 0) {
		snprintf(err, errlen, "read schema version: %s", db_errmsg(db));
		goto fail;
	}
	if (db_version_supported(v, err, errlen) != 0)
		goto fail;
	for (i = v; i < latest; i++) {
		snprintf(what, sizeof(what), "migration %d", i + 1);
		if (db_migrate_exec(db, db_migrations[i], what, err, errlen) != 0)
			goto fail;
	}
	/* A pragma takes no parameters; the value is our own integer. */
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", latest);
	if (v < latest && db_migrate_exec(db, sql, "set schema version", err, errlen) != 0)
		goto fail;
	if (db_migrate_exec(db, "COMMIT", "migrate", err, errlen) != 0)
		goto fail;
	if (applied)
		*applied = latest - v;
	return 0;
fail:
	db_rollback(db);
	return -1;
}

int db_check(struct db *db, char *err, size_t errlen)
{
	sqlite3_stmt *st = db_stmt_get(db, "PRAGMA quick_check");
	const char *res;
	int rc = -1, v;

	if (st == NULL || db_step_row(db, st, "quick_check") != DB_OK) {
		snprintf(err, errlen, "quick_check: %s", db_errmsg(db));
		goto out;
	}
	/* The first row is "ok", or the first of the problems found. */
	res = (const char *)sqlite3_column_text(st, 0);
	if (res == NULL || strcmp(res, "ok") != 0) {
		snprintf(err, errlen, "database is damaged: %s", res ? res : "no answer");
		goto out;
	}
	sqlite3_reset(st);
	v = db_version(db);
	if (v < 0) {
		snprintf(err, errlen, "read schema version: %s", db_errmsg(db));
		goto out;
	}
	rc = db_version_supported(v, err, errlen);
out:
	if (st != NULL)
		sqlite3_reset(st);
	return rc;
}
