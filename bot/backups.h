/*
 * backups.h — the daily backup job as a state machine the event loop
 * drives one small step at a time: copy the live database (storage's
 * online backup, verified), then apply the retention rule, compressing
 * the one backup kept per week. Nothing here blocks for long: a step
 * copies a few pages or compresses a chunk.
 *
 * Files: <dir>/bjjbot-YYYYMMDD-HHMM.db (daily, local time) and
 * <dir>/bjjbot-YYYYMMDD-HHMM.db.gz (weekly).
 *
 * Old CSV exports are pruned here too (backups_prune_exports): like
 * backups they are copies of the academy's data.
 *
 * Callers: bot/scheduler.c (daily, steps from an ev_timer), bot/main.c
 * (`bjjbot backup`, all steps at once).
 */
#ifndef BJJ_BACKUPS_H
#define BJJ_BACKUPS_H

#include <stddef.h>
#include <stdint.h>

struct db;
struct backups;

/* dir is copied; created when missing at the first backup. */
struct backups *backups_new(struct db *db, const char *dir, int keep_days, int keep_weeks);
void backups_free(struct backups *b);   /* abandons a backup in progress; NULL ok */

/*
 * Begin a backup named for now, or into path when path is not NULL (then
 * no retention runs). 0, or -1 when one is running already or the file
 * cannot be created (logged).
 */
int backups_start(struct backups *b, int64_t now, const char *path);
/* Do a little work: 1 when there is more, 0 when idle, -1 when the
 * current backup failed (logged; the job is idle again). */
int backups_step(struct backups *b);
/* 1 while a backup, its retention or compression is running. */
int backups_busy(const struct backups *b);
/* Path of the last good backup made by this object, or NULL. */
const char *backups_last(const struct backups *b);

/*
 * Remove the CSV exports in dir ("<table>-YYYYMMDD-HHMMSS.csv", and
 * ".part" files of an interrupted export) last written more than
 * keep_days days ago; other files are never touched. Returns how many
 * were removed, -1 when dir cannot be read (logged; a missing dir is 0).
 */
int backups_prune_exports(const char *dir, int keep_days);

/* ---- the retention rule, pure, for tests ---------------------------- */
enum backup_action { BACKUP_KEEP = 0, BACKUP_DELETE, BACKUP_COMPRESS };

struct backup_file {
	char *name;            /* file name, no directory */
	int64_t t;             /* when it was made (from the name) */
	int compressed;        /* a .db.gz */
	int action;            /* enum backup_action, set by backups_plan */
};

/*
 * Decide for each file: daily backups younger than keep_days days are
 * kept; of older ones the newest of each local week is compressed (unless
 * that week already has a compressed one) and the rest deleted;
 * compressed ones older than keep_weeks weeks are deleted.
 */
void backups_plan(struct backup_file *f, size_t n, int64_t now, int keep_days, int keep_weeks);

#endif
