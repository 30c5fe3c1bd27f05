/*
 * script.c — see script.h. Excluded from bjj_storage: CMake builds it
 * into bjj_test_support, which only the tests link.
 */
#include "storage/script.h"

#include "bot/log.h"
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
