/*
 * test_modes.c — the academy's data on disk is private to the bot whatever
 * the umask: the database and its -wal/-shm, CSV exports, daily and weekly
 * backups and a restored copy are 0600, the folders made for them 0700;
 * old exports are pruned. Runs with umask 022, as a shell would.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "bot/backups.h"
#include "lib/civil.h"
#include "lib/util.h"
#include "cases.h"
#include "files.h"
#include "storage/backup.h"
#include "storage/csv.h"
#include "storage/store.h"
#include "test_main.h"

static char root[64];

static int modes_setup(void **state)
{
	(void)state;
	umask(022);
	snprintf(root, sizeof(root), "/tmp/bjj-test-modes-XXXXXX");
	assert_non_null(mkdtemp(root));
	return 0;
}

static int modes_teardown(void **state)
{
	(void)state;
	tf_rm_rf(root);
	return 0;
}

static int mode_of(const char *path)
{
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	return (int)(st.st_mode & 07777);
}

static struct db *modes_db(const char *path)
{
	return tf_db_migrated(path);
}

static void test_database_private(void **state)
{
	char path[128], wal[140], shm[140];
	(void)state;
	snprintf(path, sizeof(path), "%s/bot.db", root);
	snprintf(wal, sizeof(wal), "%s-wal", path);
	snprintf(shm, sizeof(shm), "%s-shm", path);
	struct db *db = modes_db(path);
	assert_int_equal(db_state_set_int(db, "last_update_id", 5), DB_OK);
	assert_int_equal(mode_of(path), 0600);
	assert_int_equal(mode_of(wal), 0600);
	assert_int_equal(mode_of(shm), 0600);
	db_close(db);
	/* a restored copy is a live database too */
	char copy[140], err[256];
	snprintf(copy, sizeof(copy), "%s/restored.db", root);
	assert_int_equal(db_copy_file(path, copy, err, sizeof(err)), 0);
	assert_int_equal(mode_of(copy), 0600);
}

static void test_exports_private(void **state)
{
	char dir[128], parent[128], path[128], err[256];
	struct csv_file *files = NULL;
	size_t n = 0;
	(void)state;
	snprintf(path, sizeof(path), "%s/bot.db", root);
	snprintf(parent, sizeof(parent), "%s/exports", root);
	snprintf(dir, sizeof(dir), "%s/exports/academy", root);
	struct db *db = modes_db(path);
	assert_int_equal(db_csv_export(db, dir, 1780000000, &files, &n, err, sizeof(err)), 0);
	assert_true(n > 0);
	assert_int_equal(mode_of(parent), 0700);
	assert_int_equal(mode_of(dir), 0700);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(mode_of(files[i].path), 0600);
	csv_files_free(files, n);
	db_close(db);
}

static void test_backups_private(void **state)
{
	char path[128], dir[128], old[200], gz[210];
	struct civil c;
	(void)state;
	snprintf(path, sizeof(path), "%s/bot.db", root);
	snprintf(dir, sizeof(dir), "%s/backups/daily", root);
	struct db *db = modes_db(path);
	/* An old daily backup, the one its week keeps: it gets compressed. */
	int64_t then = clock_now() - 10 * 86400;
	civil_split(then, &c);
	struct backups *b = backups_new(db, dir, 1, 12);
	assert_int_equal(backups_start(b, clock_now(), NULL), 0);
	while (backups_step(b) > 0)
		;
	assert_non_null(backups_last(b));
	assert_int_equal(mode_of(backups_last(b)), 0600);
	assert_int_equal(mode_of(dir), 0700);
	snprintf(old, sizeof(old), "%s/bjjbot-%04d%02d%02d-0200.db", dir, c.year, c.month, c.day);
	FILE *fp = fopen(old, "w");
	assert_non_null(fp);
	fputs("not really a database, compressed all the same", fp);
	fclose(fp);
	assert_int_equal(backups_start(b, clock_now() + 120, NULL), 0);
	while (backups_step(b) > 0)
		;
	snprintf(gz, sizeof(gz), "%s.gz", old);
	assert_int_equal(access(old, F_OK), -1);
	assert_int_equal(mode_of(gz), 0600);
	backups_free(b);
	db_close(db);
}

/* Write an empty file last modified days_ago days ago. */
static void touch_old(const char *dir, const char *name, int days_ago)
{
	char p[256];
	struct timeval tv[2];
	snprintf(p, sizeof(p), "%s/%s", dir, name);
	FILE *fp = fopen(p, "w");
	assert_non_null(fp);
	fclose(fp);
	tv[0].tv_sec = tv[1].tv_sec = time(NULL) - (time_t)days_ago * 86400;
	tv[0].tv_usec = tv[1].tv_usec = 0;
	assert_int_equal(utimes(p, tv), 0);
}

static int exists(const char *dir, const char *name)
{
	char p[256];
	snprintf(p, sizeof(p), "%s/%s", dir, name);
	return access(p, F_OK) == 0;
}

static void test_prune_exports(void **state)
{
	/* A file, its age in days, and whether pruning at 7 days keeps it. */
	static const struct {
		const char *name;
		int days, kept;
	} files[] = {
		{ "students-20260101-101010.csv", 8, 0 },
		{ "payments-20260101-101010.csv.part", 8, 0 },
		{ "students-20260520-101010.csv", 6, 1 },
		{ "notes.csv", 30, 1 },
		{ "bjjbot-20260101-0200.db", 30, 1 },
		{ "x-2026010-101010.csv", 30, 1 },
		/* named like an export, but not of a table the bot exports */
		{ "bank-20260101-101010.csv", 30, 1 },
		{ "my students-20260101-101010.csv", 30, 1 },
	};
	(void)state;
	for (size_t i = 0; i < BJJ_ARRAY_LEN(files); i++)
		touch_old(root, files[i].name, files[i].days);
	assert_int_equal(backups_prune_exports(root, 7), 2);
	for (size_t i = 0; i < BJJ_ARRAY_LEN(files); i++)
		case_int_equal(files[i].name, exists(root, files[i].name), files[i].kept);
	/* a folder not made yet has nothing to prune */
	char none[128];
	snprintf(none, sizeof(none), "%s/none", root);
	assert_int_equal(backups_prune_exports(none, 7), 0);
}

/* A test between modes_setup and modes_teardown. */
#define MODES_TEST(fn) cmocka_unit_test_setup_teardown(fn, modes_setup, modes_teardown)

BJJ_TEST_MAIN(
	MODES_TEST(test_database_private),
	MODES_TEST(test_exports_private),
	MODES_TEST(test_backups_private),
	MODES_TEST(test_prune_exports),
)
