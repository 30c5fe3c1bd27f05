/*
 * test_console.c — console mode: lines become messages from the chosen
 * user, replies print as plain text, other people's messages stay queued
 * for the bot (or are dropped in the demo), !as and !contact work, bad
 * console commands are explained.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "bot/console.h"
#include "lib/util.h"
#include "storage/store.h"
#include "handlers_fixture.h"
#include "test_main.h"

/* Run the console on input as as_id; return what it printed (owned). */
static char *con_run(struct hf *f, int64_t as_id, const char *input, int drop_others)
{
	char *out = NULL, *text = xstrdup(input);
	size_t len = 0;
	FILE *in = fmemopen(text, strlen(text), "r");
	FILE *o = open_memstream(&out, &len);
	assert_non_null(in);
	assert_non_null(o);
	assert_int_equal(console_run(&f->env, as_id, in, o, drop_others), 0);
	fclose(in);
	fclose(o);
	free(text);
	return out;
}

/* The rows left in the outbox for the bot to send. */
static int64_t outbox_left(struct hf *f)
{
	int64_t n = -1;

	assert_int_equal(db_outbox_count(f->db, &n), DB_OK);
	return n;
}

static void test_console_owner_adds_student(void **state)
{
	struct hf *f = *state;
	char *out = con_run(f, 100, "/addstudent Ivan Petrov +79001234567\n", 0);
	assert_non_null(strstr(out, "#1"));
	assert_non_null(strstr(out, "https://t.me/ThisBot?start="));
	/* printed as plain text: no HTML tags left */
	assert_null(strstr(out, "<b>"));
	/* delivered here, so nothing is left for the bot to send */
	assert_true(outbox_left(f) == 0);
	free(out);
}

static void test_console_role_and_as(void **state)
{
	struct hf *f = *state;
	char *out = con_run(f, 555, "/addstudent Ivan Petrov +79001234567\n!as owner\n/help\n!as nobody\n", 0);
	/* a guest is refused and nothing is created */
	struct person p;
	assert_int_equal(db_person_get(f->db, PERSON_STUDENT, 1, &p), DB_NOTFOUND);
	assert_non_null(strstr(out, "(now acting as Telegram user 100, owner)"));
	assert_non_null(strstr(out, "/addstudent"));
	assert_non_null(strstr(out, "(usage: !as USER_ID or !as owner)"));
	free(out);
}

/* Student Olga (+79000000104) added, her id in *id; Telegram user 777
 * then types `typed` at the console (demo as con_run takes it); the
 * output, owned. */
static char *olga_sends_contact(struct hf *f, const char *typed, int demo, int64_t *id)
{
	assert_int_equal(db_student_add(f->db, "Olga", "K", "+79000000104", NULL, 0, 1, id), DB_OK);
	return con_run(f, 777, typed, demo);
}

static void test_console_contact_links(void **state)
{
	struct hf *f = *state;
	int64_t id;
	char *out = olga_sends_contact(f, "!contact 8 900 000-01-04\n", 0, &id);
	struct person p;
	assert_int_equal(db_person_get(f->db, PERSON_STUDENT, id, &p), DB_OK);
	assert_true(p.tg_id == 777);
	person_release(&p);
	/* the owners' notice stays queued for the real bot to deliver */
	assert_non_null(strstr(out, "-> to 100:"));
	assert_true(outbox_left(f) > 0);
	free(out);
}

static void test_console_demo_drops_others(void **state)
{
	struct hf *f = *state;
	int64_t id;
	char *out = olga_sends_contact(f, "!contact +79000000104\n", 1, &id);
	assert_true(outbox_left(f) == 0);
	free(out);
}

static void test_console_bad_press_and_bang(void **state)
{
	struct hf *f = *state;
	char *out = con_run(f, 100, "!press 3\n!what\n", 0);
	assert_non_null(strstr(out, "(no button 3; the last reply has 0)"));
	assert_non_null(strstr(out, "(console commands:"));
	free(out);
}

BJJ_TEST_MAIN(
	HF_TEST(test_console_owner_adds_student),
	HF_TEST(test_console_role_and_as),
	HF_TEST(test_console_contact_links),
	HF_TEST(test_console_demo_drops_others),
	HF_TEST(test_console_bad_press_and_bang),
)
