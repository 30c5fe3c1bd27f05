/*
 * test_notify.c — the notification log claims a key once, whatever the
 * number of runs, and survives a reopen (a restart); a claim rolled back
 * with its transaction is claimable again; reminder answers are kept and
 * changed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <cmocka.h>

#include "storage/store.h"

static char notify_path[64];

static struct db *notify_open(void)
{
	char err[256];
	struct db *db = db_open(notify_path, err, sizeof(err));
	assert_non_null(db);
	assert_int_equal(db_migrate(db, NULL, err, sizeof(err)), 0);
	return db;
}

static int notify_setup(void **state)
{
	(void)state;
	snprintf(notify_path, sizeof(notify_path), "/tmp/bjj-test-notify-%d.db", (int)getpid());
	unlink(notify_path);
	return 0;
}

static int notify_teardown(void **state)
{
	char p[80];
	(void)state;
	unlink(notify_path);
	snprintf(p, sizeof(p), "%s-wal", notify_path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", notify_path);
	unlink(p);
	return 0;
}

static void test_once_per_key(void **state)
{
	(void)state;
	struct db *db = notify_open();
	assert_int_equal(db_notify_seen(db, "remind:s1:t1"), DB_NOTFOUND);
	assert_int_equal(db_notify_once(db, "remind:s1:t1", "remind", 100), DB_OK);
	assert_int_equal(db_notify_once(db, "remind:s1:t1", "remind", 200), DB_CONSTRAINT);
	assert_int_equal(db_notify_once(db, "remind:s1:t2", "remind", 200), DB_OK);
	assert_int_equal(db_notify_seen(db, "remind:s1:t1"), DB_OK);
	db_close(db);
	/* a restart remembers */
	db = notify_open();
	assert_int_equal(db_notify_once(db, "remind:s1:t1", "remind", 300), DB_CONSTRAINT);
	db_close(db);
}

static void test_rolled_back_claim(void **state)
{
	(void)state;
	struct db *db = notify_open();
	assert_int_equal(db_begin(db), DB_OK);
	assert_int_equal(db_notify_once(db, "digest:2026-11-28", "digest", 1), DB_OK);
	assert_int_equal(db_rollback(db), DB_OK);
	/* the message it went with was not queued either: claim again */
	assert_int_equal(db_notify_once(db, "digest:2026-11-28", "digest", 2), DB_OK);
	db_close(db);
}

static void test_rsvp(void **state)
{
	(void)state;
	struct db *db = notify_open();
	int64_t sid;
	int yes = -1;
	assert_int_equal(db_student_add(db, "Ivan", "P", "+79001234567", NULL, 0, 1, &sid), DB_OK);
	/* rsvp rows point at real trainings (foreign key) */
	assert_int_equal(db_rsvp_set(db, sid, 999, 1, 5), DB_CONSTRAINT);
	assert_int_equal(db_rsvp_get(db, sid, 999, &yes), DB_NOTFOUND);
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_once_per_key, notify_setup, notify_teardown),
		cmocka_unit_test_setup_teardown(test_rolled_back_claim, notify_setup, notify_teardown),
		cmocka_unit_test_setup_teardown(test_rsvp, notify_setup, notify_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
