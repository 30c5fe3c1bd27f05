/*
 * test_regressions.c — regressions found by reviewing handlers/ and storage/:
 * each test failed before its fix. Runs whole updates through the router
 * (tests/handlers_fixture.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "files.h"
#include "handlers_fixture.h"
#include "storage/schedule.h"
#include "test_main.h"

/* Press the inline button whose callback_data starts with prefix in the
 * markup of the last taken rows; data gets the button's data. */
static void rv_press_first(struct hf *f, const char *markup, const char *prefix, char *data, size_t len)
{
	const char *cb = strstr(markup, prefix), *end;
	struct h_msg press = hf_msg(HF_OWNER, NULL);

	assert_non_null(cb);
	end = strchr(cb, '"');
	assert_non_null(end);
	assert_true((size_t)(end - cb) < len);
	memcpy(data, cb, (size_t)(end - cb));
	data[end - cb] = '\0';
	press.kind = H_MSG_CALLBACK;
	press.cb_id = "cb1";
	press.cb_data = data;
	hf_send_msg(f, &press);
}

/*
 * A name fragment that also occurs in the command's own name ("den" in
 * "/student") must be replaced where it was typed, not inside "/student".
 */
static void test_pick_replaces_the_argument_not_the_command(void **state)
{
	struct hf *f = *state;
	char data[80], want[32];
	int64_t a = hf_person(f, PERSON_STUDENT, "Den", "+79001234567", 0);

	hf_person(f, PERSON_STUDENT, "Denis", "+79001234568", 0);
	hf_expect(f, HF_OWNER, "/student den", "Several students match");
	assert_non_null(f->items[0].markup);
	char *markup = xstrdup(f->items[0].markup);
	snprintf(want, sizeof want, "pick:");
	rv_press_first(f, markup, want, data, sizeof data);
	free(markup);
	/* the first button is the first match (Den): his card came back */
	assert_true(hf_take(f) >= 2);
	const struct outbox_item *card = hf_find(f, OB_SEND_MESSAGE, HF_OWNER);
	assert_non_null(card);
	snprintf(want, sizeof want, "#%lld", (long long)a);
	hf_assert_contains(card->text, want);
	hf_assert_lacks(card->text, "Unknown command");
}

/* The name typed after "add" in "/attendance 5 add ad" is not the "ad"
 * of "add". */
static void test_pick_replaces_whole_words(void **state)
{
	struct hf *f = *state;
	char data[80], cmd[64];
	int64_t tid, a = hf_person(f, PERSON_STUDENT, "Adam", "+79001234567", 0);
	struct attendance att;

	hf_person(f, PERSON_STUDENT, "Vlad", "+79001234568", 0);
	assert_int_equal(db_training_add(f->db, "Fundamentals", HF_NOW - 600, 60, 0, HF_NOW,
	    &tid), DB_OK);
	snprintf(cmd, sizeof cmd, "/attendance %lld add ad", (long long)tid);
	hf_expect(f, HF_OWNER, cmd, "Several students match");
	char *markup = xstrdup(f->items[0].markup);
	rv_press_first(f, markup, "pick:", data, sizeof data);
	free(markup);
	assert_true(hf_take(f) >= 2);
	hf_assert_contains(hf_text_to(f, HF_OWNER), "Adam Petrov is marked present");
	assert_int_equal(db_attendance_get(f->db, tid, a, &att), DB_OK);
	assert_int_equal(att.status, ATT_PRESENT);
}

/* The invite's expiry is shown in the academy's zone, as on the card's
 * invite button, not in UTC. */
static void test_addstudent_invite_expiry_local(void **state)
{
	struct hf *f = *state;

	tf_tz("Europe/Moscow");
	hf_send(f, HF_OWNER, "/addstudent Ivan Petrov +79001234567");
	/* HF_NOW + 7 days = 2026-06-04 20:26 UTC = 23:26 in Moscow */
	const char *text = hf_take_reply(f, HF_OWNER);
	hf_assert_contains(text, "Valid until 2026-06-04 23:26.");
	hf_assert_lacks(text, "UTC");
}

/* "Promote anyway" data naming more stripes than the belt has (never
 * offered by /promote) changes nothing. */
static void test_promote_button_checks_stripes(void **state)
{
	struct hf *f = *state;
	struct person p;
	char data[64];
	int64_t id;

	hf_person(f, PERSON_TRAINER, "Coach", "+79001230000", 200);
	id = hf_person(f, PERSON_STUDENT, "Ivan", "+79001234567", 0);
	struct h_msg press = hf_msg(200, NULL);
	press.kind = H_MSG_CALLBACK;
	press.cb_id = "cb1";
	press.message_id = 55;
	snprintf(data, sizeof data, "prm:%lld:white:0:white:9", (long long)id);
	press.cb_data = data;
	hf_send_msg(f, &press);
	hf_take(f);
	assert_non_null(hf_find(f, OB_SEND_MESSAGE, 200));
	hf_assert_contains(hf_text_to(f, 200), "outdated");
	assert_int_equal(db_person_get(f->db, PERSON_STUDENT, id, &p), DB_OK);
	assert_string_equal(p.belt, "white");
	assert_int_equal(p.stripes, 0);
	person_release(&p);
}

BJJ_TEST_MAIN(
	HF_TEST(test_pick_replaces_the_argument_not_the_command),
	HF_TEST(test_pick_replaces_whole_words),
	HF_TEST(test_addstudent_invite_expiry_local),
	HF_TEST(test_promote_button_checks_stripes),
)
