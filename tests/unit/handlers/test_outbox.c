/*
 * test_outbox.c — what the sender reads from the outbox: each chat's oldest
 * message in turn (one busy chat cannot hide the others), every callback
 * answer beside it, the per-chat cap (owner alerts past it), and newer
 * edits of a message (command menus of a scope) replacing pending ones.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "files.h"
#include "storage/store.h"
#include "test_main.h"

static int outbox_setup(void **state)
{
	*state = tf_db_migrated(":memory:");
	return 0;
}

static int outbox_teardown(void **state)
{
	db_close(*state);
	return 0;
}

static int64_t outbox_add(struct db *db, int64_t chat, int method, const char *text, const char *ref)
{
	struct outbox_new it;
	int64_t id = -1;

	memset(&it, 0, sizeof(it));
	it.chat_id = chat;
	it.method = method;
	it.text = text;
	it.ref = ref;
	assert_int_equal(db_outbox_add(db, &it, &id), DB_OK);
	return id;
}

static int64_t outbox_count(struct db *db)
{
	int64_t n = -1;
	assert_int_equal(db_outbox_count(db, &n), DB_OK);
	return n;
}

/* 300 queued replies to one chat do not hide the one reply to another. */
static void test_sendable_one_head_per_chat(void **state)
{
	struct db *db = *state;
	struct outbox_item *v;
	size_t n;

	int64_t first = outbox_add(db, 7, OB_SEND_MESSAGE, "a0", NULL);
	for (int i = 1; i < 300; i++)
		outbox_add(db, 7, OB_SEND_MESSAGE, "a", NULL);
	int64_t other = outbox_add(db, 8, OB_SEND_MESSAGE, "b", NULL);
	outbox_add(db, 8, OB_SEND_MESSAGE, "b2", NULL);

	assert_int_equal(db_outbox_sendable(db, 1000, 256, &v, &n), DB_OK);
	assert_int_equal(n, 2);
	assert_true(v[0].id == first && v[1].id == other);
	outbox_items_free(v, n);
	/* once a chat's head is sent, the next row is its head */
	assert_int_equal(db_outbox_delete(db, first), DB_OK);
	assert_int_equal(db_outbox_sendable(db, 1000, 256, &v, &n), DB_OK);
	assert_int_equal(n, 2);
	assert_true(v[0].id == first + 1 && v[1].id == other);
	outbox_items_free(v, n);
}

/* The sender's rows accepted by Telegram leave with the next commit,
 * whoever commits; a rolled-back transaction keeps them waiting; a row
 * already gone (replaced by a newer edit) is fine. */
static void test_accepted_leave_with_commit(void **state)
{
	struct db *db = *state;
	int64_t ids[3];

	for (int i = 0; i < 3; i++)
		ids[i] = outbox_add(db, 7 + i, OB_SEND_MESSAGE, "m", NULL);
	int64_t kept = outbox_add(db, 9, OB_SEND_MESSAGE, "k", NULL);
	unsigned long gen = db_outbox_accepted_gen(db);
	assert_int_equal(db_outbox_flush_accepted(db), DB_OK);      /* none: no-op */
	assert_int_equal(db_outbox_accepted_gen(db), gen);
	assert_int_equal(db_outbox_accept(db, ids[0]), 1);
	assert_int_equal(db_outbox_accept(db, ids[1]), 2);
	assert_true(db_outbox_is_accepted(db, ids[1]));
	assert_false(db_outbox_is_accepted(db, kept));
	/* still there, and still read: the chat's head until deleted */
	assert_int_equal(outbox_count(db), 4);
	/* a transaction that rolls back takes nothing with it */
	assert_int_equal(db_begin(db), DB_OK);
	outbox_add(db, 20, OB_SEND_MESSAGE, "x", NULL);
	assert_int_equal(db_rollback(db), DB_OK);
	assert_int_equal(outbox_count(db), 4);
	assert_int_equal(db_outbox_accepted(db), 2);
	/* one that commits takes them along */
	assert_int_equal(db_begin(db), DB_OK);
	int64_t added = outbox_add(db, 20, OB_SEND_MESSAGE, "x", NULL);
	assert_int_equal(db_commit(db), DB_OK);
	assert_int_equal(outbox_count(db), 3);
	assert_int_equal(db_outbox_accepted(db), 0);
	assert_int_equal(db_outbox_accepted_gen(db), gen + 1);
	assert_false(db_outbox_is_accepted(db, ids[0]));
	/* on their own; a row gone already is fine */
	assert_int_equal(db_outbox_delete(db, ids[2]), DB_OK);
	db_outbox_accept(db, ids[2]);
	db_outbox_accept(db, added);
	assert_int_equal(db_outbox_flush_accepted(db), DB_OK);
	assert_int_equal(outbox_count(db), 1);
	assert_int_equal(db_outbox_accepted_gen(db), gen + 2);
	/* inside a transaction it refuses and changes nothing */
	db_outbox_accept(db, kept);
	assert_int_equal(db_begin(db), DB_OK);
	assert_int_equal(db_outbox_flush_accepted(db), DB_ERROR);
	assert_int_equal(db_rollback(db), DB_OK);
	assert_int_equal(outbox_count(db), 1);
	assert_int_equal(db_outbox_accepted(db), 1);
	assert_int_equal(db_outbox_flush_accepted(db), DB_OK);
	assert_int_equal(outbox_count(db), 0);
}

/* The sender keeps the rows it read while only rows are added after
 * them; any delete or change of a pending row (not an accepted row's
 * delete) says they may be out of date. */
static void test_changed_gen(void **state)
{
	struct db *db = *state;
	unsigned long gen = db_outbox_changed_gen(db);
	int dropped;

	int64_t msg = outbox_add(db, 7, OB_SEND_MESSAGE, "m", NULL);
	outbox_add(db, 7, OB_EDIT_MESSAGE, "v1", "11");
	outbox_add(db, 8, OB_SET_COMMANDS, "[]", NULL);
	outbox_add(db, 7, OB_ANSWER_CALLBACK, NULL, "q1");
	assert_int_equal(db_outbox_changed_gen(db), gen);
	/* a newer edit, menu of the same scope: the older row goes */
	outbox_add(db, 7, OB_EDIT_MESSAGE, "v2", "11");
	assert_int_equal(db_outbox_changed_gen(db), gen + 1);
	outbox_add(db, 8, OB_SET_COMMANDS, "[1]", NULL);
	assert_int_equal(db_outbox_changed_gen(db), gen + 2);
	/* an edit of another message replaces nothing */
	outbox_add(db, 7, OB_EDIT_MESSAGE, "w1", "12");
	assert_int_equal(db_outbox_changed_gen(db), gen + 2);
	assert_int_equal(db_outbox_answer_toast(db, "q1", "t"), DB_OK);
	assert_int_equal(db_outbox_changed_gen(db), gen + 3);
	assert_int_equal(db_outbox_retry(db, msg, 0, 1), DB_OK);
	assert_int_equal(db_outbox_changed_gen(db), gen + 4);
	/* an accepted row's delete is not a change: the chat's next row
	 * shows through db_outbox_accepted_gen instead */
	db_outbox_accept(db, msg);
	assert_int_equal(db_outbox_flush_accepted(db), DB_OK);
	assert_int_equal(db_outbox_changed_gen(db), gen + 4);
	assert_int_equal(db_outbox_drop_chat(db, 9, &dropped), DB_OK);
	assert_int_equal(dropped, 0);
	assert_int_equal(db_outbox_changed_gen(db), gen + 4);
	assert_int_equal(db_outbox_drop_chat(db, 7, &dropped), DB_OK);
	assert_int_equal(dropped, 2);
	assert_int_equal(db_outbox_changed_gen(db), gen + 5);
	int64_t last = outbox_add(db, 8, OB_SEND_MESSAGE, "m", NULL);
	assert_int_equal(db_outbox_delete(db, last), DB_OK);
	assert_int_equal(db_outbox_changed_gen(db), gen + 6);
}

/* Callback answers do not queue behind the chat's messages. */
static void test_sendable_answers_beside_messages(void **state)
{
	struct db *db = *state;
	struct outbox_item *v;
	size_t n;

	int64_t msg = outbox_add(db, 7, OB_SEND_MESSAGE, "m1", NULL);
	outbox_add(db, 7, OB_EDIT_MESSAGE, "e1", "11");
	int64_t a1 = outbox_add(db, 7, OB_ANSWER_CALLBACK, NULL, "q1");
	int64_t a2 = outbox_add(db, 7, OB_ANSWER_CALLBACK, NULL, "q2");

	assert_int_equal(db_outbox_sendable(db, 1000, 256, &v, &n), DB_OK);
	assert_int_equal(n, 3);
	assert_true(v[0].id == msg && v[1].id == a1 && v[2].id == a2);
	outbox_items_free(v, n);
}

/* Only the latest pending edit of a message is kept. */
static void test_edits_coalesce(void **state)
{
	struct db *db = *state;
	struct outbox_item *v;
	size_t n;

	outbox_add(db, 7, OB_EDIT_MESSAGE, "v1", "11");
	int64_t other = outbox_add(db, 7, OB_EDIT_MESSAGE, "x1", "12");
	int64_t elsewhere = outbox_add(db, 8, OB_EDIT_MESSAGE, "y1", "11");
	outbox_add(db, 7, OB_EDIT_MESSAGE, "v2", "11");
	int64_t last = outbox_add(db, 7, OB_EDIT_MESSAGE, "v3", "11");

	assert_true(outbox_count(db) == 3);
	assert_int_equal(db_outbox_due(db, 1000, 10, &v, &n), DB_OK);
	assert_int_equal(n, 3);
	assert_true(v[0].id == other && v[1].id == elsewhere && v[2].id == last);
	assert_string_equal(v[2].text, "v3");
	outbox_items_free(v, n);
}

/* Only the latest pending command menu of a scope (chat, language) is
 * kept: an older one sent after it would put the wrong menu back. */
static void test_command_menus_coalesce(void **state)
{
	struct db *db = *state;
	struct outbox_item *v;
	size_t n;

	outbox_add(db, 7, OB_SET_COMMANDS, "[\"student\"]", NULL);
	int64_t ru = outbox_add(db, 7, OB_SET_COMMANDS, "[\"ru\"]", "ru");
	int64_t dflt = outbox_add(db, 0, OB_SET_COMMANDS, "[\"guest\"]", NULL);
	int64_t msg = outbox_add(db, 7, OB_SEND_MESSAGE, "hi", NULL);
	int64_t trainer = outbox_add(db, 7, OB_SET_COMMANDS, "[\"trainer\"]", NULL);

	assert_true(outbox_count(db) == 4);
	assert_int_equal(db_outbox_due(db, 1000, 10, &v, &n), DB_OK);
	assert_int_equal(n, 4);
	assert_true(v[0].id == ru && v[1].id == dflt && v[2].id == msg && v[3].id == trainer);
	assert_string_equal(v[3].text, "[\"trainer\"]");
	outbox_items_free(v, n);
}

/* Beyond the cap new messages to that chat are dropped; answers are not. */
static void test_chat_cap(void **state)
{
	struct db *db = *state;
	int64_t id;

	db_outbox_set_chat_max(db, 10);
	for (int i = 0; i < 10; i++)
		assert_true(outbox_add(db, 7, OB_SEND_MESSAGE, "m", NULL) > 0);
	id = outbox_add(db, 7, OB_SEND_MESSAGE, "over", NULL);
	assert_true(id == 0);
	id = outbox_add(db, 7, OB_SEND_DOCUMENT, "over", "/tmp/x.csv");
	assert_true(id == 0);
	assert_true(outbox_count(db) == 10);
	/* other chats and the calls that are not messages still go in */
	assert_true(outbox_add(db, 8, OB_SEND_MESSAGE, "b", NULL) > 0);
	assert_true(outbox_add(db, 7, OB_ANSWER_CALLBACK, NULL, "q") > 0);
	assert_true(outbox_count(db) == 12);
	/* no cap */
	db_outbox_set_chat_max(db, 0);
	assert_true(outbox_add(db, 7, OB_SEND_MESSAGE, "m", NULL) > 0);
}

/* The default cap of 100: messages and edits to a chat both count, row
 * 101 is refused with no id and no row; a message to another chat and a
 * callback answer still go in; once one row leaves, one more fits. */
static void test_chat_cap_row_101(void **state)
{
	struct db *db = *state;
	int64_t first = 0;

	db_outbox_set_chat_max(db, 100);
	for (int i = 0; i < 100; i++) {
		int64_t id = i % 2 ? outbox_add(db, 7, OB_EDIT_MESSAGE, "e", NULL) :
		    outbox_add(db, 7, OB_SEND_MESSAGE, "m", NULL);
		assert_true(id > 0);
		if (i == 0)
			first = id;
	}
	assert_true(outbox_add(db, 7, OB_SEND_MESSAGE, "101", NULL) == 0);
	assert_true(outbox_add(db, 7, OB_EDIT_MESSAGE, "101", NULL) == 0);
	assert_true(outbox_count(db) == 100);
	assert_true(outbox_add(db, 8, OB_SEND_MESSAGE, "b", NULL) > 0);
	assert_true(outbox_add(db, 7, OB_ANSWER_CALLBACK, NULL, "q") > 0);
	assert_true(outbox_count(db) == 102);
	assert_int_equal(db_outbox_delete(db, first), DB_OK);
	assert_true(outbox_add(db, 7, OB_SEND_MESSAGE, "fits", NULL) > 0);
	assert_true(outbox_add(db, 7, OB_SEND_MESSAGE, "not", NULL) == 0);
}

/* An uncapped message (an owner alert) goes in past the cap, after what is
 * queued; the chat stays full for ordinary ones. */
static void test_chat_cap_uncapped(void **state)
{
	struct db *db = *state;
	struct outbox_new it;
	struct outbox_item *v = NULL;
	size_t n = 0;
	int64_t id = 0;

	db_outbox_set_chat_max(db, 3);
	for (int i = 0; i < 3; i++)
		assert_true(outbox_add(db, 7, OB_SEND_MESSAGE, "reply", NULL) > 0);
	memset(&it, 0, sizeof(it));
	it.chat_id = 7;
	it.method = OB_SEND_MESSAGE;
	it.text = "alert";
	it.uncapped = 1;
	assert_int_equal(db_outbox_add(db, &it, &id), DB_OK);
	assert_true(id > 0);
	assert_true(outbox_add(db, 7, OB_SEND_MESSAGE, "one more reply", NULL) == 0);
	assert_true(outbox_count(db) == 4);
	assert_int_equal(db_outbox_due(db, 1000, 10, &v, &n), DB_OK);
	assert_int_equal(n, 4);
	assert_true(v[3].id == id);
	assert_string_equal(v[3].text, "alert");
	outbox_items_free(v, n);
}

/* A test between outbox_setup and outbox_teardown. */
#define OUTBOX_TEST(fn) cmocka_unit_test_setup_teardown(fn, outbox_setup, outbox_teardown)

BJJ_TEST_MAIN(
	OUTBOX_TEST(test_sendable_one_head_per_chat),
	OUTBOX_TEST(test_sendable_answers_beside_messages),
	OUTBOX_TEST(test_accepted_leave_with_commit),
	OUTBOX_TEST(test_edits_coalesce),
	OUTBOX_TEST(test_changed_gen),
	OUTBOX_TEST(test_command_menus_coalesce),
	OUTBOX_TEST(test_chat_cap),
	OUTBOX_TEST(test_chat_cap_row_101),
	OUTBOX_TEST(test_chat_cap_uncapped),
)
