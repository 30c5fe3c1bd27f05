/*
 * backups.c — the backup job (see backups.h).
 *
 * Invariant: only files that passed the integrity check have a .db name:
 * the copy is made as "<name>.part" and renamed once verified (storage's
 * backup removes a bad copy), so a crash mid-copy never leaves a partial
 * file that looks like the newest backup. A weekly .gz appears under its
 * final name only after it was written completely (".part" then rename),
 * and the daily file it came from is removed only then. Stale ".part"
 * files of a crash are removed by the next retention.
 */
#include "bot/backups.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "lib/civil.h"
#include "lib/log.h"
#include "lib/util.h"
#include "storage/backup.h"
#include "storage/csv.h"

#define BACKUPS_PAGES_PER_STEP 64
#define BACKUPS_GZ_CHUNK (256 * 1024)
/* A ".part" file untouched this long belongs to no running job. */
#define BACKUPS_STALE_PART_S 3600

enum backups_phase { BK_IDLE, BK_COPY, BK_RETAIN, BK_COMPRESS };

struct backups {
	struct db *db;
	char *dir;
	int keep_days, keep_weeks;
	enum backups_phase phase;
	int retain;                /* run retention after the copy */
	int64_t now;
	struct db_backup *copy;
	char *path;                /* the backup being made */
	char *part;                /* path + ".part": written until verified */
	char *last;                /* the last good one */
	/* compression queue: daily files to turn into .gz */
	char **queue;
	size_t n_queue, i_queue;
	FILE *in;
	gzFile out;
	char *gz_part;
};

/* The local Monday midnight of t's week: one key per week. */
static int64_t backups_week(int64_t t)
{
	struct civil c;
	civil_split(t, &c);
	return civil_add_days(t, -c.wday);
}

void backups_plan(struct backup_file *f, size_t n, int64_t now, int keep_days, int keep_weeks)
{
	int64_t daily_limit = civil_add_days(now, -keep_days);
	int64_t weekly_limit = civil_add_days(now, -7 * keep_weeks);

	for (size_t i = 0; i < n; i++) {
		f[i].action = BACKUP_KEEP;
		if (f[i].compressed && f[i].t < weekly_limit)
			f[i].action = BACKUP_DELETE;
	}
	for (size_t i = 0; i < n; i++) {
		if (f[i].compressed || f[i].t >= daily_limit)
			continue;
		int64_t week = backups_week(f[i].t);
		int newest = 1, has_weekly = 0;
		for (size_t j = 0; j < n; j++) {
			if (j == i || backups_week(f[j].t) != week)
				continue;
			if (f[j].compressed)
				has_weekly = 1;
			else if (f[j].t > f[i].t || (f[j].t == f[i].t && j > i))
				newest = 0;
		}
		/* The week's keeper must itself still be within keep_weeks. */
		if (newest && !has_weekly && f[i].t >= weekly_limit)
			f[i].action = BACKUP_COMPRESS;
		else
			f[i].action = BACKUP_DELETE;
	}
}

struct backups *backups_new(struct db *db, const char *dir, int keep_days, int keep_weeks)
{
	struct backups *b = xcalloc(1, sizeof(*b));
	b->db = db;
	b->dir = xstrdup(dir);
	b->keep_days = keep_days;
	b->keep_weeks = keep_weeks;
	return b;
}

/* Close the file being compressed; its unfinished .part goes (after a
 * successful rename there is none left to remove). */
static void backups_close_current(struct backups *b)
{
	if (b->in)
		fclose(b->in);
	b->in = NULL;
	if (b->out)
		gzclose(b->out);
	b->out = NULL;
	if (b->gz_part)
		unlink(b->gz_part);
	free(b->gz_part);
	b->gz_part = NULL;
}

static void backups_queue_clear(struct backups *b)
{
	strv_free(b->queue, b->n_queue);
	b->queue = NULL;
	b->n_queue = b->i_queue = 0;
	backups_close_current(b);
}

void backups_free(struct backups *b)
{
	if (b == NULL)
		return;
	db_backup_abort(b->copy);
	backups_queue_clear(b);
	free(b->path);
	free(b->part);
	free(b->last);
	free(b->dir);
	free(b);
}

int backups_busy(const struct backups *b)
{
	return b->phase != BK_IDLE;
}

const char *backups_last(const struct backups *b)
{
	return b->last;
}

int backups_start(struct backups *b, int64_t now, const char *path)
{
	char err[512];
	struct civil c;

	if (b->phase != BK_IDLE) {
		log_warn("backup", "a backup is already running");
		return -1;
	}
	free(b->path);
	if (path) {
		b->path = xstrdup(path);
		b->retain = 0;
	} else {
		if (dirs_create_private(b->dir) != 0) {
			log_error("backup", "cannot create \"%s\": %s", b->dir, strerror(errno));
			b->path = NULL;
			return -1;
		}
		civil_split(now, &c);
		b->path = xasprintf("%s/bjjbot-%04d%02d%02d-%02d%02d.db", b->dir, c.year, c.month, c.day,
		    c.minute / 60, c.minute % 60);
		b->retain = 1;
	}
	b->now = now;
	/* Never replace an earlier backup of the same minute. */
	if (access(b->path, F_OK) == 0) {
		log_error("backup", "\"%s\" exists already", b->path);
		return -1;
	}
	free(b->part);
	b->part = xasprintf("%s.part", b->path);
	unlink(b->part);           /* ours, left by a crash */
	b->copy = db_backup_start(b->db, b->part, err, sizeof(err));
	if (b->copy == NULL) {
		log_error("backup", "%s", err);
		return -1;
	}
	b->phase = BK_COPY;
	log_info("backup", "backing up to \"%s\"", b->path);
	return 0;
}

/* A crash mid-copy or mid-compression leaves "bjjbot-....part". */
static void backups_remove_stale_part(const struct backups *b, const char *name)
{
	size_t len = strlen(name);
	struct stat st;

	if (strncmp(name, "bjjbot-", 7) != 0 || len < 5 || strcmp(name + len - 5, ".part") != 0)
		return;
	char *p = xasprintf("%s/%s", b->dir, name);
	/* File times are real time, not the tests' shifted clock. */
	if (stat(p, &st) == 0 && S_ISREG(st.st_mode) && st.st_mtime < time(NULL) - BACKUPS_STALE_PART_S &&
	    unlink(p) == 0)
		log_info("backup", "removed %s, left by an interrupted backup", name);
	free(p);
}

/* Read the folder and plan retention; queue the files to compress. */
static int backups_retain(struct backups *b)
{
	DIR *d = opendir(b->dir);
	struct dirent *e;
	struct backup_file *f = NULL;
	size_t n = 0, cap = 0;

	if (d == NULL) {
		log_error("backup", "cannot read \"%s\": %s", b->dir, strerror(errno));
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		int64_t t;
		int gz;
		if (db_backup_parse_name(e->d_name, &t, &gz) != 0) {
			backups_remove_stale_part(b, e->d_name);
			continue;
		}
		XGROW(f, cap, n + 1);
		f[n++] = (struct backup_file){ xstrdup(e->d_name), t, gz, BACKUP_KEEP };
	}
	closedir(d);
	backups_plan(f, n, b->now, b->keep_days, b->keep_weeks);
	for (size_t i = 0; i < n; i++) {
		char *p = xasprintf("%s/%s", b->dir, f[i].name);
		if (f[i].action == BACKUP_DELETE) {
			if (unlink(p) == 0)
				log_info("backup", "removed old backup %s", f[i].name);
			free(p);
		} else if (f[i].action == BACKUP_COMPRESS) {
			b->queue = xrealloc(b->queue, (b->n_queue + 1) * sizeof(*b->queue));
			b->queue[b->n_queue++] = p;
		} else {
			free(p);
		}
		free(f[i].name);
	}
	free(f);
	return 0;
}

/* Compress a chunk of the current queue entry; 1 more, 0 queue done. */
static int backups_compress_step(struct backups *b)
{
	static char chunk[BACKUPS_GZ_CHUNK];
	const char *src;
	size_t got;
	int rc;

	if (b->i_queue >= b->n_queue) {
		backups_queue_clear(b);
		return 0;
	}
	src = b->queue[b->i_queue];
	if (b->in == NULL) {
		b->gz_part = xasprintf("%s.gz.part", src);
		b->in = fopen(src, "rb");
		/* 0600 like the daily file, whatever the umask. */
		int fd = b->in ? file_create_private(b->gz_part, 0) : -1;
		b->out = fd >= 0 ? gzdopen(fd, "wb9") : NULL;
		if (fd >= 0 && b->out == NULL)
			close(fd);
		if (b->in == NULL || b->out == NULL) {
			log_error("backup", "cannot compress \"%s\": %s", src, strerror(errno));
			goto next;
		}
	}
	got = fread(chunk, 1, sizeof(chunk), b->in);
	if (got > 0 && gzwrite(b->out, chunk, (unsigned)got) != (int)got) {
		log_error("backup", "cannot write \"%s\"", b->gz_part);
		goto next;
	}
	if (got == sizeof(chunk))
		return 1;
	if (ferror(b->in)) {
		log_error("backup", "cannot read \"%s\"", src);
		goto next;
	}
	/* Complete: the .gz takes its final name, then the daily goes. */
	fclose(b->in);
	b->in = NULL;
	rc = gzclose(b->out);
	b->out = NULL;            /* gzclose frees it whatever it returns */
	if (rc == Z_OK) {
		char *final = xasprintf("%s.gz", src);
		if (rename(b->gz_part, final) == 0) {
			unlink(src);
			log_info("backup", "kept %s as the weekly backup", strrchr(final, '/') + 1);
		}
		free(final);
	}
next:
	backups_close_current(b);
	b->i_queue++;
	return 1;
}

int backups_prune_exports(const char *dir, int keep_days)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	/* File times are real time, not the tests' shifted clock. */
	time_t limit = time(NULL) - (time_t)keep_days * 86400;
	int removed = 0;

	if (d == NULL) {
		if (errno == ENOENT)
			return 0;
		log_error("backup", "cannot read \"%s\": %s", dir, strerror(errno));
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		struct stat st;
		if (!csv_export_name(e->d_name))
			continue;
		char *p = xasprintf("%s/%s", dir, e->d_name);
		if (lstat(p, &st) == 0 && S_ISREG(st.st_mode) && st.st_mtime < limit && unlink(p) == 0)
			removed++;
		free(p);
	}
	closedir(d);
	if (removed > 0)
		log_info("backup", "removed %d export file(s) older than %d days from \"%s\"", removed,
		    keep_days, dir);
	return removed;
}

int backups_step(struct backups *b)
{
	char err[512];
	int rc;

	switch (b->phase) {
	case BK_IDLE:
		return 0;
	case BK_COPY:
		rc = db_backup_step(b->copy, BACKUPS_PAGES_PER_STEP, err, sizeof(err));
		if (rc > 0)
			return 1;
		if (rc == 0)
			rc = db_backup_finish(b->copy, err, sizeof(err));
		else
			db_backup_abort(b->copy);
		b->copy = NULL;
		if (rc == 0 && rename(b->part, b->path) != 0) {
			snprintf(err, sizeof(err), "cannot rename \"%s\": %s", b->part, strerror(errno));
			unlink(b->part);
			rc = -1;
		}
		if (rc != 0) {
			log_error("backup", "backup failed: %s", err);
			b->phase = BK_IDLE;
			return -1;
		}
		free(b->last);
		b->last = xstrdup(b->path);
		log_info("backup", "backup \"%s\" done and verified", b->path);
		b->phase = b->retain ? BK_RETAIN : BK_IDLE;
		return b->phase != BK_IDLE;
	case BK_RETAIN:
		b->phase = backups_retain(b) == 0 ? BK_COMPRESS : BK_IDLE;
		return b->phase != BK_IDLE;
	case BK_COMPRESS:
		if (backups_compress_step(b))
			return 1;
		b->phase = BK_IDLE;
		return 0;
	}
	return 0;
}
