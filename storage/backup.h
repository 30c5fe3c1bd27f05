/*
 * backup.h — copies of the live database through SQLite's online backup
 * API, and checking a copy before it counts or before a restore.
 *
 * A backup runs in steps (db_backup_step copies a few pages and returns)
 * so the event loop keeps polling while it runs; writes the bot makes
 * through the same connection meanwhile are carried into the copy.
 *
 * Callers: bot/scheduler.c (daily backups), bot/main.c (backup, restore).
 */
#ifndef BJJ_BACKUP_H
#define BJJ_BACKUP_H

#include <stddef.h>

#include "storage/db.h"

struct db_backup;

/* Start copying db into a new file at path (which must not exist). NULL
 * with the reason in err. */
struct db_backup *db_backup_start(struct db *db, const char *path, char *err, size_t errlen);
/* Copy up to pages pages: 1 more to do, 0 done, -1 failed (err set). */
int db_backup_step(struct db_backup *b, int pages, char *err, size_t errlen);
/*
 * Close the copy and check it (PRAGMA integrity_check and the schema
 * version). Returns 0 when it is a good backup; otherwise -1 with the
 * reason, and the file is removed. Frees b either way (NULL ok).
 */
int db_backup_finish(struct db_backup *b, char *err, size_t errlen);
/* Abandon a backup and remove its file. NULL ok. */
void db_backup_abort(struct db_backup *b);

/* The whole backup at once (the shell's `bjjbot backup`). 0 or -1. */
int db_backup_to(struct db *db, const char *path, char *err, size_t errlen);

/*
 * Check a database file without changing it: it opens read-only, passes
 * PRAGMA integrity_check and its schema is not newer than this binary.
 * *version (may be NULL) gets its schema version. 0 or -1 with reason.
 */
int db_verify_file(const char *path, int *version, char *err, size_t errlen);

/*
 * Copy the database file src over dst through the backup API (dst is
 * created or replaced page by page, in one transaction on dst). Used by
 * restore after the old database was set aside. 0 or -1 with reason.
 */
int db_copy_file(const char *src, const char *dst, char *err, size_t errlen);

/*
 * Backup file names: "bjjbot-YYYYMMDD-HHMM.db" (daily, local time) and
 * the same with ".gz" (weekly). Parse one: 0 with *t and *compressed, or
 * -1 when the name is not a backup's.
 */
int db_backup_parse_name(const char *name, int64_t *t, int *compressed);
/* The newest backup file in dir (by the time in its name), owned, or NULL. */
char *db_backup_newest(const char *dir);

#endif
