/*
 * backup.c — online backups and checks (see backup.h).
 *
 * Invariant: a file this module leaves behind has passed integrity_check;
 * a copy that failed anywhere is removed, so the backup folder only ever
 * holds good backups.
 */
#include "storage/backup.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/civil.h"
#include "lib/util.h"
#include "storage/internal.h"

struct db_backup {
	sqlite3 *dst;
	sqlite3_backup *bk;
	char *path;
};

/* Check an open connection: integrity_check and version. */
static int db_verify_conn(sqlite3 *h, const char *path, int *version, char *err, size_t errlen)
{
	sqlite3_stmt *st = NULL;
	int rc = -1, v;

	if (sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW) {
		snprintf(err, errlen, "\"%s\": %s", path, sqlite3_errmsg(h));
		goto out;
	}
	const char *res = (const char *)sqlite3_column_text(st, 0);
	if (res == NULL || strcmp(res, "ok") != 0) {
		snprintf(err, errlen, "\"%s\" is damaged: %s", path, res ? res : "no answer");
		goto out;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (sqlite3_prepare_v2(h, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW) {
		snprintf(err, errlen, "\"%s\": %s", path, sqlite3_errmsg(h));
		goto out;
	}
	v = sqlite3_column_int(st, 0);
	if (v < 1 || v > db_schema_latest()) {
		snprintf(err, errlen, "\"%s\" has schema %d; this bjjbot reads 1 to %d", path, v,
		    db_schema_latest());
		goto out;
	}
	if (version)
		*version = v;
	rc = 0;
out:
	sqlite3_finalize(st);
	return rc;
}

struct db_backup *db_backup_start(struct db *db, const char *path, char *err, size_t errlen)
{
	struct db_backup *b;
	int fd;

	/* Exclusive: never overwrite an earlier backup of the same minute. */
	fd = file_create_private(path, 1);
	if (fd < 0) {
		snprintf(err, errlen, "backup \"%s\": %s", path, strerror(errno));
		return NULL;
	}
	close(fd);
	b = xcalloc(1, sizeof(*b));
	b->path = xstrdup(path);
	if (sqlite3_open_v2(path, &b->dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "backup \"%s\": %s", path, sqlite3_errmsg(b->dst));
		db_backup_abort(b);
		return NULL;
	}
	b->bk = sqlite3_backup_init(b->dst, "main", db->h, "main");
	if (b->bk == NULL) {
		snprintf(err, errlen, "backup \"%s\": %s", path, sqlite3_errmsg(b->dst));
		db_backup_abort(b);
		return NULL;
	}
	return b;
}

int db_backup_step(struct db_backup *b, int pages, char *err, size_t errlen)
{
	int rc = sqlite3_backup_step(b->bk, pages);

	if (rc == SQLITE_DONE)
		return 0;
	/* Busy or locked: another connection holds the source; try later. */
	if (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
		return 1;
	snprintf(err, errlen, "backup \"%s\": %s", b->path, sqlite3_errstr(rc));
	return -1;
}

void db_backup_abort(struct db_backup *b)
{
	if (b == NULL)
		return;
	if (b->bk)
		sqlite3_backup_finish(b->bk);
	sqlite3_close(b->dst);
	unlink(b->path);
	free(b->path);
	free(b);
}

int db_backup_finish(struct db_backup *b, char *err, size_t errlen)
{
	int rc;

	if (b == NULL)
		return -1;
	rc = sqlite3_backup_finish(b->bk);
	b->bk = NULL;
	if (rc != SQLITE_OK) {
		snprintf(err, errlen, "backup \"%s\": %s", b->path, sqlite3_errstr(rc));
		db_backup_abort(b);
		return -1;
	}
	/* A backup is a single self-contained file: no WAL beside it. */
	if (sqlite3_exec(b->dst, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL) != SQLITE_OK ||
	    db_verify_conn(b->dst, b->path, NULL, err, errlen) != 0) {
		db_backup_abort(b);
		return -1;
	}
	sqlite3_close(b->dst);
	free(b->path);
	free(b);
	return 0;
}

int db_backup_to(struct db *db, const char *path, char *err, size_t errlen)
{
	struct db_backup *b = db_backup_start(db, path, err, errlen);
	int rc;

	if (b == NULL)
		return -1;
	while ((rc = db_backup_step(b, 256, err, errlen)) > 0)
		;
	if (rc < 0) {
		db_backup_abort(b);
		return -1;
	}
	return db_backup_finish(b, err, errlen);
}

int db_verify_file(const char *path, int *version, char *err, size_t errlen)
{
	sqlite3 *h = NULL;
	int rc;

	if (access(path, R_OK) != 0) {
		snprintf(err, errlen, "\"%s\": %s", path, strerror(errno));
		return -1;
	}
	if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "\"%s\": %s", path, sqlite3_errmsg(h));
		sqlite3_close(h);
		return -1;
	}
	rc = db_verify_conn(h, path, version, err, errlen);
	sqlite3_close(h);
	return rc;
}

int db_copy_file(const char *src, const char *dst, char *err, size_t errlen)
{
	sqlite3 *s = NULL, *d = NULL;
	sqlite3_backup *bk;
	int rc = -1, fd;

	/* The copy becomes a live database: private like one (db_open). */
	if ((fd = file_create_private(dst, 1)) >= 0)
		close(fd);
	if (sqlite3_open_v2(src, &s, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK ||
	    sqlite3_open_v2(dst, &d, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
	    NULL) != SQLITE_OK) {
		snprintf(err, errlen, "copy \"%s\" to \"%s\": %s", src, dst,
		    sqlite3_errmsg(d ? d : s));
		goto out;
	}
	bk = sqlite3_backup_init(d, "main", s, "main");
	if (bk == NULL) {
		snprintf(err, errlen, "copy to \"%s\": %s", dst, sqlite3_errmsg(d));
		goto out;
	}
	sqlite3_backup_step(bk, -1);
	if (sqlite3_backup_finish(bk) != SQLITE_OK) {
		snprintf(err, errlen, "copy to \"%s\": %s", dst, sqlite3_errmsg(d));
		goto out;
	}
	/* The live database runs in WAL mode; db_open sets it again. */
	rc = 0;
out:
	sqlite3_close(d);
	sqlite3_close(s);
	return rc;
}

int db_backup_parse_name(const char *name, int64_t *t, int *compressed)
{
	int y, mo, d, h, mi, n = 0;
	size_t len = strlen(name);

	if (sscanf(name, "bjjbot-%4d%2d%2d-%2d%2d.db%n", &y, &mo, &d, &h, &mi, &n) != 5 || n != 23)
		return -1;
	if (len == 23)
		*compressed = 0;
	else if (len == 26 && strcmp(name + 23, ".gz") == 0)
		*compressed = 1;
	else
		return -1;
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59)
		return -1;
	*t = civil_local(y, mo, d, h * 60 + mi);
	return 0;
}

char *db_backup_newest(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char *best = NULL;
	int64_t best_t = 0;

	if (d == NULL)
		return NULL;
	while ((e = readdir(d)) != NULL) {
		int64_t t;
		int gz;
		if (db_backup_parse_name(e->d_name, &t, &gz) != 0 || (best && t <= best_t))
			continue;
		free(best);
		best = xasprintf("%s/%s", dir, e->d_name);
		best_t = t;
	}
	closedir(d);
	return best;
}
