/*
 * test_notify.c — the notification log claims a key once, whatever the
 * number of runs, and survives a reopen (a restart); a claim rolled back
 * with its transaction is claimable again; reminder answers need a real
 * class; the sender's view of the outbox skips rows held for later.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <cmocka.h>

#include "files.h"
#include "storage/store.h"
#include "test_main.h"

static char notify_path[64];

static struct db *notify_open(void)
{
	return tf_db_migrated(notify_path);
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

/* Any number of rows held for later cannot hide a row that may go now;
 * a row waiting for its retry stays visible (it keeps its chat's order). */
static void test_outbox_sendable(void **state)
{
	(void)state;
	struct db *db = notify_open();
	struct outbox_new it = { 0 };
	struct outbox_item *v;
	size_t n;
	int64_t id_due, id_retry;

	it.method = OB_SEND_MESSAGE;
	it.text = "held";
	it.not_before = 5000;
	for (int i = 0; i < 300; i++) {
		it.chat_id = 1000 + i;
		assert_int_equal(db_outbox_add(db, &it, NULL), DB_OK);
	}
	it.chat_id = 7;
	it.text = "now";
	it.not_before = 0;
	assert_int_equal(db_outbox_add(db, &it, &id_due), DB_OK);
	it.chat_id = 8;
	assert_int_equal(db_outbox_add(db, &it, &id_retry), DB_OK);
	assert_int_equal(db_outbox_retry(db, id_retry, 4000, 0), DB_OK);

	assert_int_equal(db_outbox_sendable(db, 1000, 256, &v, &n), DB_OK);
	assert_int_equal(n, 2);
	assert_true(v[0].id == id_due && v[1].id == id_retry);
	outbox_items_free(v, n);
	/* once the hour comes, the held rows are sendable too */
	assert_int_equal(db_outbox_sendable(db, 5000, 1000, &v, &n), DB_OK);
	assert_int_equal(n, 302);
	outbox_items_free(v, n);
	db_close(db);
}

/* A test between notify_setup and notify_teardown. */
#define NOTIFY_TEST(fn) cmocka_unit_test_setup_teardown(fn, notify_setup, notify_teardown)

BJJ_TEST_MAIN(
	NOTIFY_TEST(test_once_per_key),
	NOTIFY_TEST(test_rolled_back_claim),
	NOTIFY_TEST(test_rsvp),
	NOTIFY_TEST(test_outbox_sendable),
)
