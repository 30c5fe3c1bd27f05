/*
 * test_resolve.c — naming a student in a command: "#id", a bare number,
 * a phone, a name fragment, several matches answered with pick buttons
 * that re-run the command, stale and foreign picks; the search's literal
 * matching; the audit log.
 * h_find_person is called directly with the context the router builds;
 * the pick button re-runs "/help #id" through the real router.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "handlers/command.h"
#include "cases.h"
#include "handlers_fixture.h"
#include "test_main.h"

/* The contexts' arena, released after each test as h_dispatch does after
 * each update. */
static struct arena resolve_arena;

static int resolve_teardown(void **state)
{
	arena_release(&resolve_arena);
	return hf_teardown(state);
}

/* A context for the owner's message text, as the router builds it. */
static struct h_ctx resolve_ctx(struct hf *f, struct h_msg *m, const char *text)
{
	struct h_ctx ctx;
	*m = hf_msg(HF_OWNER, text);
	memset(&ctx, 0, sizeof(ctx));
	ctx.env = &f->env;
	ctx.m = m;
	ctx.arena = &resolve_arena;
	ctx.role = ROLE_OWNER;
	ctx.lang = LANG_EN;
	return ctx;
}

/* One h_find_person lookup of a student as the owner: the reference
 * typed and what it gives, H_FOUND (the student's first name, or their
 * id, checked when given) or H_REPLIED with a fragment of the reply. */
struct find_case {
	const char *ref;
	int want;
	const char *first_name;
	int64_t id;
	const char *reply;
};

/* Each lookup in turn, named by its reference when it fails. */
static void find_each(struct hf *f, struct h_ctx *ctx, const struct find_case *c, size_t n)
{
	struct person p;

	for (; n > 0; n--, c++) {
		case_int_equal(c->ref, h_find_person(ctx, PERSON_STUDENT, c->ref, 0, &p), c->want);
		if (c->want == H_REPLIED) {
			case_contains(c->ref, hf_take_reply(f, HF_OWNER), c->reply);
			continue;
		}
		if (c->first_name != NULL)
			case_string_equal(c->ref, p.first_name, c->first_name);
		if (c->id != 0)
			case_int_equal(c->ref, p.id, c->id);
		person_release(&p);
	}
}

static void test_find_by_id(void **state)
{
	static const struct find_case bad[] = {
		{ "#99", H_REPLIED, NULL, 0, "no student #99" },
		{ "#x1", H_REPLIED, NULL, 0, "not a student number" },
		{ "", H_REPLIED, NULL, 0, "Name a student" },
	};
	struct hf *f = *state;
	struct h_msg m;
	struct person p;
	int64_t id = hf_person(f, PERSON_STUDENT, "Ivan", "+79001234567", 0);
	struct h_ctx ctx = resolve_ctx(f, &m, "/x #1");
	char ref[16];

	snprintf(ref, sizeof(ref), "#%lld", (long long)id);
	assert_int_equal(h_find_person(&ctx, PERSON_STUDENT, ref, 0, &p), H_FOUND);
	assert_string_equal(p.first_name, "Ivan");
	person_release(&p);
	assert_int_equal(hf_take(f), 0);
	find_each(f, &ctx, bad, BJJ_ARRAY_LEN(bad));
}

static void test_find_by_bare_number_and_phone(void **state)
{
	static const struct find_case lookups[] = {
		/* A bare number is the student's number, inactive ones too. */
		{ "2", H_FOUND, "Olga", 0, NULL },
		{ "02", H_FOUND, NULL, 2, NULL },
		{ "7", H_REPLIED, NULL, 0, "There is no student #7." },
		{ "0", H_REPLIED, NULL, 0, "not a student number" },
		/* A phone, typed any way, names its student; no guessing of ids. */
		{ "89001234567", H_FOUND, "Ivan", 0, NULL },
		{ "+79001234568", H_FOUND, "Olga", 0, NULL },
		{ "+79009999999", H_REPLIED, NULL, 0, "No student has the phone +79009999999." },
		{ "1234567", H_REPLIED, NULL, 0, "No student has the phone 1234567." },
		/* Names with digits in them are still names. */
		{ "2pac", H_REPLIED, NULL, 0, "No student matches “2pac”" },
		/* Typed on a phone: "№" for "#". */
		{ "№2", H_FOUND, NULL, 2, NULL },
		{ "№x", H_REPLIED, NULL, 0, "not a student number" },
	};
	struct hf *f = *state;
	struct h_msg m;
	struct h_ctx ctx = resolve_ctx(f, &m, "/x 2");

	hf_person(f, PERSON_STUDENT, "Ivan", "+79001234567", 0);
	hf_person(f, PERSON_STUDENT, "Olga", "+79001234568", 0);
	hf_sql(f, "UPDATE students SET active = 0 WHERE id = 2;");
	find_each(f, &ctx, lookups, BJJ_ARRAY_LEN(lookups));
	/* Through a command, in Russian; a space left after the number. */
	hf_expect_ru(f, HF_OWNER, "/student 1", "<b>#1 Ivan Petrov</b>");
	hf_expect_ru(f, HF_OWNER, "/student 5", "Ученика #5 нет.");
	hf_expect_ru(f, HF_OWNER, "/student 1 ", "<b>#1 Ivan Petrov</b>");
	m = hf_msg(HF_OWNER, "/student №1\n");
	hf_send_msg(f, &m);
	hf_assert_contains(hf_take_reply(f, HF_OWNER), "<b>#1 Ivan Petrov</b>");
	/* A full name where one word is read: taken as the student. */
	hf_expect(f, HF_OWNER, "/setbirth olga PETROV 2010-05-01",
	    "#2 Olga Petrov: born 2010-05-01");
	hf_sql_assert(f, "(SELECT birth_date FROM students WHERE id = 2) = '2010-05-01'");
	/* Not a whole name: read as before, nothing changes. */
	hf_expect(f, HF_OWNER, "/setbirth olga petr 2010-05-02", "Usage: /setbirth");
	hf_sql_assert(f, "(SELECT birth_date FROM students WHERE id = 2) = '2010-05-01'");
}

static void test_find_by_name(void **state)
{
	static const struct find_case lookups[] = {
		/* case-insensitive, last name or first name, either order */
		{ "ivan petr", H_FOUND, NULL, 0, NULL },
		{ "PETROV", H_FOUND, NULL, 0, NULL },
		{ "Olga", H_REPLIED, NULL, 0, "No student matches “Olga”" },
		/* wildcards are literal */
		{ "%", H_REPLIED, NULL, 0, "No student matches" },
		/* an HTML name is escaped in the reply */
		{ "<b>", H_REPLIED, NULL, 0, "&lt;b&gt;" },
	};
	struct hf *f = *state;
	struct h_msg m;
	struct h_ctx ctx = resolve_ctx(f, &m, "/x petrov");

	hf_person(f, PERSON_STUDENT, "Ivan", "+79001234567", 0);
	find_each(f, &ctx, lookups, BJJ_ARRAY_LEN(lookups));
}

static void test_find_several_and_pick(void **state)
{
	struct hf *f = *state;
	struct h_msg m;
	struct person p;
	int64_t a = hf_person(f, PERSON_STUDENT, "Ivan", "+79001234567", 0);
	int64_t b = hf_person(f, PERSON_STUDENT, "Ivanka", "+79001234568", 0);
	struct h_ctx ctx = resolve_ctx(f, &m, "/help Ivan");
	char data[64];

	assert_int_equal(h_find_person(&ctx, PERSON_STUDENT, "Ivan", 0, &p), H_REPLIED);
	const char *text = hf_take_reply(f, HF_OWNER);
	hf_assert_contains(text, "Several students match “Ivan”");
	const char *markup = f->items[0].markup;
	assert_non_null(markup);
	snprintf(data, sizeof(data), "#%lld Ivanka Petrov", (long long)b);
	hf_assert_contains(markup, data);
	/* the button re-runs the stored command with "#id" for the name */
	const char *cb = strstr(markup, "pick:");
	assert_non_null(cb);
	long long pick = atoll(cb + 5);
	snprintf(data, sizeof(data), "pick:%lld:%lld", pick, (long long)a);
	struct h_msg press = hf_msg(HF_OWNER, NULL);
	press.kind = H_MSG_CALLBACK;
	press.cb_id = "cb1";
	press.cb_data = data;
	hf_send_msg(f, &press);
	assert_true(hf_take(f) >= 2);
	assert_int_equal(f->items[0].method, OB_ANSWER_CALLBACK);
	/* "/help #1" ran: the owner's help text came back */
	assert_non_null(hf_find(f, OB_SEND_MESSAGE, HF_OWNER));
	hf_assert_contains(hf_text_to(f, HF_OWNER), "/addstudent");

	/* the same pick again, or someone else's, is outdated */
	hf_send_msg(f, &press);
	assert_int_equal(hf_take(f), 2);
	hf_assert_contains(f->items[1].text, "outdated");
	struct h_msg bad = press;
	bad.cb_data = "pick:zz";
	hf_send_msg(f, &bad);
	assert_int_equal(hf_take(f), 2);
	hf_assert_contains(f->items[1].text, "outdated");
}

static void test_pick_belongs_to_its_user(void **state)
{
	struct hf *f = *state;
	int64_t id;
	char *cmd = NULL, *ref = NULL;

	assert_int_equal(db_pick_create(f->db, 100, "/x Ivan", "Ivan", HF_NOW, &id), DB_OK);
	assert_int_equal(db_pick_take(f->db, id, 200, &cmd, &ref), DB_NOTFOUND);
	assert_null(cmd);
	assert_int_equal(db_pick_take(f->db, id, 100, &cmd, &ref), DB_OK);
	assert_string_equal(cmd, "/x Ivan");
	assert_string_equal(ref, "Ivan");
	free(cmd);
	free(ref);
	assert_int_equal(db_pick_take(f->db, id, 100, &cmd, &ref), DB_NOTFOUND);
}

static void test_search_inactive(void **state)
{
	struct hf *f = *state;
	struct person *v;
	size_t n;

	hf_person(f, PERSON_STUDENT, "Ivan", "+79001234567", 0);
	assert_int_equal(db_students_search(f->db, "van", 1, 5, &v, &n), DB_OK);
	assert_int_equal(n, 1);
	persons_free(v, n);
	assert_int_equal(db_students_search(f->db, "nobody", 0, 5, &v, &n), DB_OK);
	assert_int_equal(n, 0);
	persons_free(v, n);
}

static void test_audit(void **state)
{
	struct hf *f = *state;
	assert_int_equal(db_audit(f->db, HF_NOW, 100, "payment.add", "student", 1, "4000.00 cash"), DB_OK);
	assert_int_equal(db_audit(f->db, HF_NOW, 0, "student.import", "student", 0, NULL), DB_OK);
}

#define RS_TEST(fn) cmocka_unit_test_setup_teardown(fn, hf_setup, resolve_teardown)

BJJ_TEST_MAIN(
	RS_TEST(test_find_by_id),
	RS_TEST(test_find_by_bare_number_and_phone),
	RS_TEST(test_find_by_name),
	RS_TEST(test_find_several_and_pick),
	RS_TEST(test_pick_belongs_to_its_user),
	RS_TEST(test_search_inactive),
	RS_TEST(test_audit),
)
