/*
 * test_backups.c — the backup job: a verified copy made in steps, the
 * retention rule over 60 simulated days (daily for keep_days, one
 * compressed per week for keep_weeks), a weekly .gz that really holds
 * the database, and no partial file under a backup's name.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>
#include <zlib.h>
#include <cmocka.h>

#include "bot/backups.h"
#include "lib/civil.h"
#include "lib/util.h"
#include "files.h"
#include "storage/backup.h"
#include "storage/store.h"
#include "test_main.h"

static void test_parse_name(void **state)
{
	int64_t t;
	int gz;
	(void)state;
	tf_tz("Europe/Moscow");
	assert_int_equal(db_backup_parse_name("bjjbot-20261128-0200.db", &t, &gz), 0);
	assert_int_equal(gz, 0);
	assert_true(t == civil_local(2026, 11, 28, 120));
	assert_int_equal(db_backup_parse_name("bjjbot-20261128-0200.db.gz", &t, &gz), 0);
	assert_int_equal(gz, 1);
	assert_int_equal(db_backup_parse_name("bjjbot-20261128-0200.db.gz.part", &t, &gz), -1);
	assert_int_equal(db_backup_parse_name("bjjbot-2026112-0200.db", &t, &gz), -1);
	assert_int_equal(db_backup_parse_name("notes.txt", &t, &gz), -1);
}

/* Simulate `days` daily backups at 02:00 with retention after each. */
static void test_retention_60_days(void **state)
{
	struct backup_file f[200];
	size_t n = 0;
	int64_t start = 0, now = 0;
	(void)state;
	tf_tz("Europe/Moscow");
	start = civil_local(2026, 9, 1, 120);
	for (int day = 0; day < 60; day++) {
		now = civil_add_days(start, day) + 120 * 60;
		f[n++] = (struct backup_file){ NULL, now, 0, BACKUP_KEEP };
		backups_plan(f, n, now, 30, 8);
		size_t j = 0;
		for (size_t i = 0; i < n; i++) {
			if (f[i].action == BACKUP_DELETE)
				continue;
			if (f[i].action == BACKUP_COMPRESS)
				f[i].compressed = 1;
			f[j++] = f[i];
		}
		n = j;
	}
	int daily = 0, weekly = 0;
	for (size_t i = 0; i < n; i++) {
		if (f[i].compressed) {
			weekly++;
			/* no weekly older than keep_weeks */
			assert_true(f[i].t >= civil_add_days(now, -56));
			/* one per week */
			for (size_t j = 0; j < n; j++)
				if (j != i && f[j].compressed)
					assert_true(llabs((long long)(f[j].t - f[i].t)) >= 6 * 86400);
		} else {
			daily++;
			assert_true(f[i].t >= civil_add_days(now, -30));
		}
	}
	/* the last 30 days daily (today's included), and one per week from
	 * 30 to 56 days back */
	assert_in_range(daily, 30, 31);
	assert_in_range(weekly, 3, 4);
}

static void test_plan_keeps_recent(void **state)
{
	struct backup_file f[3];
	(void)state;
	tf_tz("Europe/Moscow");
	int64_t now = civil_local(2026, 11, 28, 120);
	f[0] = (struct backup_file){ NULL, civil_add_days(now, -1), 0, 0 };
	f[1] = (struct backup_file){ NULL, civil_add_days(now, -400), 1, 0 };
	f[2] = (struct backup_file){ NULL, civil_add_days(now, -40), 0, 0 };
	backups_plan(f, 3, now, 30, 12);
	assert_int_equal(f[0].action, BACKUP_KEEP);
	assert_int_equal(f[1].action, BACKUP_DELETE);
	assert_int_equal(f[2].action, BACKUP_COMPRESS);
}

/* Decompress gz into path. */
static void gunzip_to(const char *gz, const char *path)
{
	char buf[8192];
	int n;
	gzFile in = gzopen(gz, "rb");
	FILE *out = fopen(path, "wb");
	assert_non_null(in);
	assert_non_null(out);
	while ((n = gzread(in, buf, sizeof(buf))) > 0)
		assert_int_equal(fwrite(buf, 1, (size_t)n, out), n);
	gzclose(in);
	fclose(out);
}

/* A fresh folder /tmp/bjj-test-<tag>-<pid> (its rm -rf command in cmd)
 * holding a migrated live.db. */
static struct db *tb_live_db(const char *tag, char *dir, size_t dirlen, char *cmd, size_t cmdlen)
{
	char live[128];

	snprintf(dir, dirlen, "/tmp/bjj-test-%s-%d", tag, (int)getpid());
	snprintf(cmd, cmdlen, "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
	mkdir(dir, 0700);
	snprintf(live, sizeof(live), "%s/live.db", dir);
	return tf_db_migrated(live);
}

static void test_job_end_to_end(void **state)
{
	char dir[64], old[128], err[256], cmd[128];
	(void)state;
	tf_tz("Europe/Moscow");
	struct db *db = tb_live_db("backups", dir, sizeof(dir), cmd, sizeof(cmd));
	assert_int_equal(db_student_add(db, "Ivan", "Petrov", "+79001234567", NULL, 0, 1, NULL), DB_OK);

	char *bdir = xasprintf("%s/backups", dir);
	struct backups *b = backups_new(db, bdir, 30, 12);
	int64_t now = civil_local(2026, 11, 28, 120);
	/* an old daily backup from 40 days ago, to be kept as the weekly */
	assert_int_equal(backups_start(b, civil_add_days(now, -40) + 7200, NULL), 0);
	while (backups_step(b) > 0)
		;
	assert_false(backups_busy(b));
	snprintf(old, sizeof(old), "%s", backups_last(b));
	assert_int_equal(db_verify_file(old, NULL, err, sizeof(err)), 0);

	/* today's backup: made, verified, and the old one compressed */
	assert_int_equal(backups_start(b, now, NULL), 0);
	assert_int_equal(backups_start(b, now, NULL), -1);   /* one at a time */
	int steps = 0;
	while (backups_step(b) > 0)
		steps++;
	assert_true(steps >= 2);
	assert_int_equal(db_verify_file(backups_last(b), NULL, err, sizeof(err)), 0);
	assert_int_equal(access(old, F_OK), -1);
	char *gz = xasprintf("%s.gz", old), *plain = xasprintf("%s/unzipped.db", dir);
	assert_int_equal(access(gz, F_OK), 0);
	gunzip_to(gz, plain);
	assert_int_equal(db_verify_file(plain, NULL, err, sizeof(err)), 0);
	char *newest = db_backup_newest(bdir);
	assert_string_equal(newest, backups_last(b));

	free(newest);
	free(gz);
	free(plain);
	backups_free(b);
	free(bdir);
	db_close(db);
	assert_int_equal(system(cmd), 0);
}

/* A backup interrupted mid-copy leaves no file that looks like a backup
 * (it is written as ".part" and renamed once verified), a crash's stale
 * ".part" goes at the next retention, and a second backup of the same
 * minute does not replace the first. */
static void test_interrupted_backup_leaves_nothing(void **state)
{
	char dir[64], err[256], cmd[128];
	(void)state;
	tf_tz("Europe/Moscow");
	struct db *db = tb_live_db("backups-part", dir, sizeof(dir), cmd, sizeof(cmd));

	char *bdir = xasprintf("%s/backups", dir);
	int64_t now = civil_local(2026, 11, 28, 120);
	struct backups *b = backups_new(db, bdir, 30, 12);
	assert_int_equal(backups_start(b, now, NULL), 0);
	/* Mid-copy: nothing under a backup's name yet. */
	char *newest = db_backup_newest(bdir);
	assert_null(newest);
	backups_free(b);               /* the scheduler stopped, or a crash */
	newest = db_backup_newest(bdir);
	assert_null(newest);

	/* A crash's leftover, an hour old: the next retention removes it. */
	char *stale = xasprintf("%s/bjjbot-20261101-0200.db.part", bdir);
	FILE *fp = fopen(stale, "w");
	assert_non_null(fp);
	fputs("half a database", fp);
	fclose(fp);
	struct utimbuf old = { time(NULL) - 7200, time(NULL) - 7200 };
	assert_int_equal(utime(stale, &old), 0);

	b = backups_new(db, bdir, 30, 12);
	assert_int_equal(backups_start(b, now, NULL), 0);
	while (backups_step(b) > 0)
		;
	assert_non_null(backups_last(b));
	assert_int_equal(db_verify_file(backups_last(b), NULL, err, sizeof(err)), 0);
	assert_int_equal(access(stale, F_OK), -1);
	char *part = xasprintf("%s.part", backups_last(b));
	assert_int_equal(access(part, F_OK), -1);
	/* The same minute again: refused, the first one intact. */
	assert_int_equal(backups_start(b, now, NULL), -1);
	assert_int_equal(db_verify_file(backups_last(b), NULL, err, sizeof(err)), 0);

	free(part);
	free(stale);
	backups_free(b);
	free(bdir);
	db_close(db);
	assert_int_equal(system(cmd), 0);
}

BJJ_TEST_MAIN(
	cmocka_unit_test(test_parse_name),
	cmocka_unit_test(test_retention_60_days),
	cmocka_unit_test(test_plan_keeps_recent),
	cmocka_unit_test(test_job_end_to_end),
	cmocka_unit_test(test_interrupted_backup_leaves_nothing),
)
