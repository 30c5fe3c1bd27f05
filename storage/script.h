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

#endif
