/*
 * test_backup.c — online backups in steps while the database is written,
 * the check that a backup is good, and the restore copy: backup, damage,
 * copy back, every row back.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "lib/util.h"
#include "files.h"
#include "storage/backup.h"
#include "storage/store.h"
#include "test_main.h"

struct bk {
	char dir[64];
	char live[96], copy[96], restored[96];
	struct db *db;
};

static int bk_setup(void **state)
{
	struct bk *t = xcalloc(1, sizeof(*t));

	snprintf(t->dir, sizeof(t->dir), "/tmp/bjj-test-backup-%d", (int)getpid());
	mkdir(t->dir, 0700);
	snprintf(t->live, sizeof(t->live), "%s/live.db", t->dir);
	snprintf(t->copy, sizeof(t->copy), "%s/copy.db", t->dir);
	snprintf(t->restored, sizeof(t->restored), "%s/restored.db", t->dir);
	t->db = tf_db_migrated(t->live);
	*state = t;
	return 0;
}

static int bk_teardown(void **state)
{
	struct bk *t = *state;
	db_close(t->db);
	tf_rm_rf(t->dir);
	free(t);
	return 0;
}

static int64_t bk_students(struct db *db)
{
	struct person *v;
	size_t n;
	assert_int_equal(db_students_search(db, "", 0, 100000, &v, &n), DB_OK);
	persons_free(v, n);
	return (int64_t)n;
}

static void bk_add(struct db *db, int from, int count)
{
	char phone[PHONE_MAX], name[32];
	for (int i = from; i < from + count; i++) {
		snprintf(phone, sizeof(phone), "+7900%07d", i);
		snprintf(name, sizeof(name), "Student%d", i);
		assert_int_equal(db_student_add(db, name, "Т'est", phone, NULL, 0, 1, NULL), DB_OK);
	}
}

static void test_backup_in_steps_while_writing(void **state)
{
	struct bk *t = *state;
	char err[256];
	int rc, steps = 0, version = 0;

	bk_add(t->db, 0, 2000);
	struct db_backup *b = db_backup_start(t->db, t->copy, err, sizeof(err));
	assert_non_null(b);
	/* the bot keeps handling updates between steps */
	while ((rc = db_backup_step(b, 4, err, sizeof(err))) > 0) {
		if (steps++ % 5 == 0)
			bk_add(t->db, 100000 + steps, 1);
	}
	assert_int_equal(rc, 0);
	assert_true(steps > 5);
	assert_int_equal(db_backup_finish(b, err, sizeof(err)), 0);
	assert_int_equal(db_verify_file(t->copy, &version, err, sizeof(err)), 0);
	assert_int_equal(version, db_schema_latest());

	/* the copy holds every row the live database had when it finished */
	struct db *c = db_open(t->copy, err, sizeof(err));
	assert_non_null(c);
	assert_true(bk_students(c) == bk_students(t->db));
	db_close(c);
}

static void test_backup_never_overwrites(void **state)
{
	struct bk *t = *state;
	char err[256];
	assert_int_equal(db_backup_to(t->db, t->copy, err, sizeof(err)), 0);
	assert_int_equal(db_backup_to(t->db, t->copy, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "exists"));
	assert_int_equal(db_verify_file(t->copy, NULL, err, sizeof(err)), 0);
}

static void test_verify_rejects_damage(void **state)
{
	struct bk *t = *state;
	char err[256];
	bk_add(t->db, 0, 500);
	assert_int_equal(db_backup_to(t->db, t->copy, err, sizeof(err)), 0);
	/* scribble over the middle of the file */
	FILE *fp = fopen(t->copy, "r+");
	assert_non_null(fp);
	fseek(fp, 8192, SEEK_SET);
	for (int i = 0; i < 4096; i++)
		fputc(0x5a, fp);
	fclose(fp);
	assert_int_equal(db_verify_file(t->copy, NULL, err, sizeof(err)), -1);
	assert_int_equal(db_verify_file("/nonexistent.db", NULL, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "/nonexistent.db"));
}

static void test_round_trip_restore(void **state)
{
	struct bk *t = *state;
	char err[256];

	bk_add(t->db, 0, 300);
	int64_t before = bk_students(t->db);
	assert_int_equal(db_backup_to(t->db, t->copy, err, sizeof(err)), 0);
	/* the live data changes (or is damaged) after the backup */
	bk_add(t->db, 1000, 10);
	assert_true(bk_students(t->db) == before + 10);
	/* restore: copy the verified backup to a new database file */
	assert_int_equal(db_verify_file(t->copy, NULL, err, sizeof(err)), 0);
	assert_int_equal(db_copy_file(t->copy, t->restored, err, sizeof(err)), 0);
	struct db *r = db_open(t->restored, err, sizeof(err));
	assert_non_null(r);
	assert_int_equal(db_migrate(r, NULL, err, sizeof(err)), 0);
	assert_true(bk_students(r) == before);
	struct person p;
	assert_int_equal(db_person_get(r, PERSON_STUDENT, 7, &p), DB_OK);
	assert_string_equal(p.last_name, "Т'est");
	person_release(&p);
	db_close(r);
}

/* A test between bk_setup and bk_teardown. */
#define BK_TEST(fn) cmocka_unit_test_setup_teardown(fn, bk_setup, bk_teardown)

BJJ_TEST_MAIN(
	BK_TEST(test_backup_in_steps_while_writing),
	BK_TEST(test_backup_never_overwrites),
	BK_TEST(test_verify_rejects_damage),
	BK_TEST(test_round_trip_restore),
)
