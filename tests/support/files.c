/* files.c — see files.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/util.h"
#include "files.h"
#include "storage/db.h"

char *tf_tmpdir(const char *tag)
{
	char *dir = xasprintf("/tmp/bjj-test-%s-XXXXXX", tag);

	assert_non_null(mkdtemp(dir));
	return dir;
}

void tf_rm_rf(const char *dir)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);

	assert_int_equal(system(cmd), 0);
	free(cmd);
}

char *tf_write(const char *dir, const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *fp = fopen(path, "wb");

	assert_non_null(fp);
	assert_int_equal(fwrite(text, 1, strlen(text), fp), strlen(text));
	assert_int_equal(fclose(fp), 0);
	return path;
}

char *tf_read(const char *path, size_t *len)
{
	struct buf b = { 0 };
	char chunk[4096];
	size_t got;
	FILE *fp = fopen(path, "rb");

	if (fp == NULL)
		fail_msg("cannot open %s", path);
	while ((got = fread(chunk, 1, sizeof chunk, fp)) > 0)
		buf_add(&b, chunk, got);
	fclose(fp);
	if (len != NULL)
		*len = b.len;
	return b.s != NULL ? buf_detach(&b) : xstrdup("");
}

struct db *tf_db_migrated(const char *path)
{
	char err[256];
	struct db *db = db_open(path, err, sizeof err);

	if (db == NULL || db_migrate(db, NULL, err, sizeof err) != 0)
		fail_msg("database %s: %s", path, err);
	return db;
}

void tf_tz(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
}
