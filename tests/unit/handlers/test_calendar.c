/*
 * test_calendar.c — /calendar (handlers/calendar.c) and the feed secrets
 * (storage/calendar.c): every linked role gets a personal secret and its
 * two links (their own feed, the academy's), shown once (only the
 * secret's SHA-256 is kept, and the migration that hashed the ones kept
 * before leaves their links working), in force until "new" ("reset")
 * replaces it or "off" revokes it; without [http]
 * public_url the reply gives the path; wrong arguments change nothing;
 * guests are refused.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "handlers_fixture.h"
#include "storage/calendar.h"
#include "storage/db.h"
#include "test_main.h"

#define STUDENT_TG HF_LINKED_STUDENT
#define TRAINER_TG HF_LINKED_TRAINER
#define GUEST_TG 999
#define BASE HF_URL

/* The secret in a reply's link; owned. */
static char *secret_of(const char *text)
{
	const char *s = strstr(text, "/calendar/"), *end;

	if (s == NULL)
		fail_msg("no link in \"%s\"", text);
	s += strlen("/calendar/");
	end = strstr(s, ".ics");
	assert_non_null(end);
	assert_int_equal(end - s, DB_CALENDAR_SECRET_LEN);
	return xstrndup(s, (size_t)(end - s));
}

static char *ask(struct hf *f, int64_t from, const char *command)
{
	hf_send(f, from, command);
	return secret_of(hf_take_reply(f, from));
}

static void assert_serves(struct hf *f, const char *secret, int kind, int64_t id)
{
	int k = -1;
	int64_t s = -1;

	assert_int_equal(db_calendar_secret_find(f->env.db, secret, &k, &s), DB_OK);
	assert_int_equal(k, kind);
	assert_int_equal(s, id);
}

/* text links secret's academy feed. */
static void assert_academy_link(const char *text, const char *secret)
{
	char *link = xasprintf("<code>" BASE "/calendar/%s/academy.ics</code>", secret);

	hf_assert_contains(text, link);
	free(link);
}

static void test_every_role(void **state)
{
	struct hf *f = *state;
	char *a, *b, *c;
	const char *again;

	a = hf_keep(f, ask(f, STUDENT_TG, "/calendar"));
	hf_assert_contains(f->items[0].text, "<code>" BASE "/calendar/");
	hf_assert_contains(f->items[0].text, "Google Calendar");
	hf_assert_contains(f->items[0].text, "/calendar off");
	assert_serves(f, a, PERSON_STUDENT, 1);
	/* the same secret opens the academy's whole schedule */
	assert_academy_link(f->items[0].text, a);
	hf_assert_contains(f->items[0].text, "Your classes");
	b = hf_keep(f, ask(f, TRAINER_TG, "/calendar"));
	assert_serves(f, b, PERSON_TRAINER, 1);
	hf_assert_contains(f->items[0].text, "The classes you teach");
	assert_academy_link(f->items[0].text, b);
	c = hf_keep(f, ask(f, HF_OWNER, "/calendar"));
	assert_serves(f, c, 0, HF_OWNER);
	hf_assert_contains(f->items[0].text, "Every class and every student's belt exam");
	assert_string_not_equal(a, b);
	assert_string_not_equal(b, c);
	/* Asking again shows no link (only its hash is kept) and says how
	 * to get new ones; the link made first still works. */
	again = hf_ask(f, STUDENT_TG, "/calendar");
	hf_assert_contains_all(again, "already have calendar links", "shown only once",
	    "/calendar new");
	hf_assert_lacks(again, "/calendar/");
	assert_serves(f, a, PERSON_STUDENT, 1);
	hf_sql_assert(f, "(SELECT count(*) FROM calendar_secrets) = 3");
	hf_sql_assert(f, "(SELECT count(*) FROM audit_log WHERE action = 'calendar.issue') = 3");
}

/* Only a secret's SHA-256 is kept: the database and the audit log hold
 * no secret, only the SHA-256 of the one the link holds. */
static void test_kept_hashed(void **state)
{
	struct hf *f = *state;
	char *a = hf_keep(f, ask(f, STUDENT_TG, "/calendar"));

	hf_assert_contains(f->items[0].text, "shown only this once");
	hf_sql(f, "CREATE TEMP TABLE t_secret AS SELECT '%s' AS s", a);
	hf_sql_assert(f, "(SELECT secret_hash FROM calendar_secrets) = "
	    "bjj_sha256((SELECT s FROM t_secret))");
	hf_sql_assert(f, "(SELECT count(*) FROM calendar_secrets "
	    "WHERE instr(secret_hash, (SELECT s FROM t_secret)) > 0) = 0");
	hf_sql_assert(f, "(SELECT count(*) FROM audit_log WHERE "
	    "instr(coalesce(details, ''), (SELECT s FROM t_secret)) > 0 OR "
	    "instr(coalesce(details, ''), (SELECT secret_hash FROM calendar_secrets)) > 0) = 0");
	assert_serves(f, a, PERSON_STUDENT, 1);
}

/* The migration that hashed the secrets kept in plain text: a feed
 * address sent before it keeps working, the text is gone. */
static void test_migration_hashes_old_secrets(void **state)
{
	struct hf *f = *state;
	static const char old[] = "OldSecret0123456789abc";
	const char *script = NULL;
	struct buf b = { 0 };
	int k = -1;
	int64_t s = -1;

	for (int v = 1; v <= db_schema_latest(); v++)
		if (strstr(db_migration_script(v), "bjj_sha256") != NULL)
			script = db_migration_script(v);
	assert_non_null(script);
	/* the table as it was before it, with a secret in plain text */
	hf_sql(f, "ALTER TABLE calendar_secrets RENAME COLUMN secret_hash TO secret;"
	    "INSERT INTO calendar_secrets (secret, kind, subject_id, created_at, revoked_at) "
	    "VALUES ('%s', %d, 1, 0, NULL), ('RevokedSecret0123456789', %d, 1, 0, 1);",
	    old, PERSON_STUDENT, PERSON_STUDENT);
	buf_addf(&b, "BEGIN; %s COMMIT;", script);
	hf_sql(f, "%s", buf_str(&b));
	buf_release(&b);
	assert_int_equal(db_calendar_secret_find(f->env.db, old, &k, &s), DB_OK);
	assert_int_equal(k, PERSON_STUDENT);
	assert_int_equal(s, 1);
	hf_sql_assert(f, "(SELECT count(*) FROM calendar_secrets WHERE length(secret_hash) = 64 "
	    "AND secret_hash NOT GLOB '*[^0-9a-f]*') = 2");
	hf_sql_assert(f, "(SELECT count(*) FROM calendar_secrets WHERE secret_hash LIKE '%Secret%') = 0");
	/* and /calendar knows the person has links */
	hf_expect(f, STUDENT_TG, "/calendar", "already have calendar links");
}

static void test_new_and_off(void **state)
{
	struct hf *f = *state;
	char *a, *b;
	int k;
	int64_t s;

	a = hf_keep(f, ask(f, STUDENT_TG, "/calendar"));
	b = hf_keep(f, ask(f, STUDENT_TG, "/calendar new"));
	assert_string_not_equal(a, b);
	assert_int_equal(db_calendar_secret_find(f->env.db, a, &k, &s), DB_NOTFOUND);
	assert_serves(f, b, PERSON_STUDENT, 1);
	/* "reset" is "new" too */
	a = hf_keep(f, ask(f, STUDENT_TG, "/calendar reset"));
	assert_string_not_equal(a, b);
	assert_int_equal(db_calendar_secret_find(f->env.db, b, &k, &s), DB_NOTFOUND);
	b = hf_keep(f, xstrdup(a));

	hf_expect(f, STUDENT_TG, "/calendar off", "no longer work");
	assert_int_equal(db_calendar_secret_find(f->env.db, b, &k, &s), DB_NOTFOUND);
	hf_sql_assert(f, "(SELECT count(*) FROM calendar_secrets WHERE revoked_at IS NULL) = 0");
	/* Off again: nothing to turn off. */
	hf_expect(f, STUDENT_TG, "/calendar off", "You have no calendar link");
	/* The trainer's link is theirs: the student's off left it alone. */
	a = hf_keep(f, ask(f, TRAINER_TG, "/calendar"));
	hf_send(f, STUDENT_TG, "/calendar off");
	hf_take_reply(f, STUDENT_TG);
	assert_serves(f, a, PERSON_TRAINER, 1);
}

/* An unlinked record's link goes with the link, as its API tokens do. */
static void test_unlink_revokes(void **state)
{
	struct hf *f = *state;
	char *a = hf_keep(f, ask(f, STUDENT_TG, "/calendar"));
	int k;
	int64_t s;

	hf_send_take(f, HF_OWNER, "/unlink #1");
	assert_int_equal(db_calendar_secret_find(f->env.db, a, &k, &s), DB_NOTFOUND);
}

static void test_bad_arguments_and_guest(void **state)
{
	struct hf *f = *state;

	hf_expect(f, STUDENT_TG, "/calendar please", "/calendar new");
	hf_send(f, STUDENT_TG, "/calendar off now");
	hf_take_reply(f, STUDENT_TG);
	hf_sql_assert(f, "(SELECT count(*) FROM calendar_secrets) = 0");
	hf_send(f, GUEST_TG, "/calendar");
	hf_assert_lacks(hf_take_reply(f, GUEST_TG), "/calendar/");
	hf_sql_assert(f, "(SELECT count(*) FROM calendar_secrets) = 0");
}

static void test_no_public_url(void **state)
{
	struct hf *f = *state;

	f->cfg.http_public_url = NULL;
	hf_keep(f, ask(f, STUDENT_TG, "/calendar"));
	hf_assert_contains_all(f->items[0].text, "<code>/calendar/", "/academy.ics</code>",
	    "public_url");
}

static void test_russian(void **state)
{
	struct hf *f = *state;

	hf_send_ru(f, STUDENT_TG, "/calendar");
	hf_keep(f, secret_of(hf_take_reply(f, STUDENT_TG)));
	hf_assert_contains_all(f->items[0].text, "Ваши ссылки на календарь", "Ваши занятия",
	    "Всё расписание академии", "показываются только сейчас");
	hf_send_ru(f, STUDENT_TG, "/calendar");
	hf_assert_contains_all(hf_take_reply(f, STUDENT_TG), "У вас уже есть ссылки",
	    "только один раз", "/calendar новая");
	hf_expect_ru(f, STUDENT_TG, "/calendar выкл", "больше не работают");
	hf_sql_assert(f, "(SELECT count(*) FROM calendar_secrets WHERE revoked_at IS NULL) = 0");
}

BJJ_TEST_MAIN(
	HF_TEST_LINKED(test_every_role),
	HF_TEST_LINKED(test_kept_hashed),
	HF_TEST_LINKED(test_migration_hashes_old_secrets),
	HF_TEST_LINKED(test_new_and_off),
	HF_TEST_LINKED(test_unlink_revokes),
	HF_TEST_LINKED(test_bad_arguments_and_guest),
	HF_TEST_LINKED(test_no_public_url),
	HF_TEST_LINKED(test_russian),
)
