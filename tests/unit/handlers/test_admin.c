/*
 * test_admin.c — handlers/admin.c, handlers/trainers.c and storage/admin.c:
 * the student card (plan, visits, Telegram state, health notes) and its
 * buttons (phone, deactivate, reactivate, invite; stale and malformed
 * ones), /setphone, /editstudent, /deactivate and /reactivate, /students
 * paging and filters, health notes on the roster, /trainers and /trainer,
 * bad arguments that change nothing, and the owner-only role checks.
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

#include "lib/civil.h"
#include "handlers_fixture.h"
#include "storage/admin.h"
#include "storage/script.h"
#include "test_main.h"

#define STUDENT_TG 500
#define TRAINER_TG 600
#define GUEST 700
#define CARD_MSG 55

/* The only message (not callback answer) taken, of method, to HF_OWNER. */
static const struct outbox_item *only(struct hf *f, int method)
{
	const struct outbox_item *it = NULL;

	for (size_t i = 0; i < f->n; i++) {
		if (f->items[i].method == OB_ANSWER_CALLBACK)
			continue;
		assert_null(it);
		it = &f->items[i];
	}
	assert_non_null(it);
	assert_int_equal(it->method, method);
	assert_int_equal(it->chat_id, HF_OWNER);
	return it;
}

/* The owner presses the button with data on message CARD_MSG; the only
 * message of method it answers with (only()). */
static const struct outbox_item *tap(struct hf *f, const char *data, int method)
{
	hf_press_on(f, HF_OWNER, data, CARD_MSG);
	hf_take(f);
	return only(f, method);
}

static struct person get(struct hf *f, int64_t id)
{
	struct person p;

	assert_int_equal(db_person_get(f->db, PERSON_STUDENT, id, &p), DB_OK);
	return p;
}

static int is_active(struct hf *f, int64_t id)
{
	struct person p = get(f, id);
	int a = p.active;

	person_release(&p);
	return a;
}

/* ---- the card -------------------------------------------------------- */

static void test_card(void **state)
{
	struct hf *f = *state;
	int64_t may = civil_local(2026, 5, 10, 19 * 60), april = civil_local(2026, 4, 28, 19 * 60);
	const char *t;

	hf_person(f, PERSON_STUDENT, "Ivan", "+79001234567", STUDENT_TG);
	hf_sql(f, "UPDATE students SET belt = 'blue', stripes = 2, notes = 'knee <injury>' WHERE id = 1;"
	    "INSERT INTO plans (code, title, kind, price, duration_days, classes, created_at) "
	    "VALUES ('p8', '8 classes', 'pack', 300000, 30, 8, 0);"
	    "INSERT INTO subscriptions (student_id, plan_id, starts_at, ends_at, price, "
	    "classes_left, created_at) VALUES (1, 1, %lld, %lld, 300000, 5, 0);"
	    "INSERT INTO trainings (starts_at, duration_min, title, created_at) VALUES "
	    "(%lld, 60, 'A', 0), (%lld, 60, 'B', 0), (%lld, 60, 'C', 0);"
	    "INSERT INTO attendance (student_id, training_id, status, source, marked_at) VALUES "
	    "(1, 1, 'present', 'self', 0), (1, 2, 'late', 'self', 0), (1, 3, 'present', 'self', 0);",
	    (long long)civil_local(2026, 5, 1, 0), (long long)civil_local(2026, 6, 1, 0),
	    (long long)may, (long long)(may + 86400), (long long)april);

	assert_int_equal(hf_send_take(f, HF_OWNER, "/student #1"), 1);
	t = f->items[0].text;
	hf_assert_contains_all(t, "<b>#1 Ivan Petrov</b>", "+79001234567",
	    "🥋 blue belt, 2 stripes\n", "Telegram linked", "active", "registered 2026-05-28",
	    "8 classes, 2026-05-01 – 2026-05-31, classes left: 5");
	/* Two visits in May (present and late); April's does not count. */
	hf_assert_contains(t, "visits this month: 2");
	hf_assert_contains(t, "knee &lt;injury&gt;");
	hf_assert_contains(f->items[0].markup, "\"stu:1:phone\"");
	hf_assert_contains(f->items[0].markup, "\"stu:1:off\"");
	/* Linked already: no invite button. */
	hf_assert_lacks(f->items[0].markup, "stu:1:inv");

	/* By name too, and in Russian. */
	hf_person(f, PERSON_STUDENT, "Olga", "+79001234568", 0);
	t = hf_ask_ru(f, HF_OWNER, "/student olga");
	hf_assert_contains_all(t, "#2 Olga Petrov", "🥋 белый пояс\n", "Telegram не привязан",
	    "нет действующего абонемента");
	hf_assert_contains(f->items[0].markup, "stu:2:inv");
	/* Long notes are cut so the card stays one editable message. */
	struct buf notes = { 0 };
	for (int i = 0; i < 2000; i++)
		buf_adds(&notes, "ж");
	hf_sql(f, "UPDATE students SET notes = '%s' WHERE id = 2", buf_str(&notes));
	buf_release(&notes);
	t = hf_ask(f, HF_OWNER, "/student #2");
	hf_assert_contains(t, "жж…");
	assert_true(utf8_len(t) < 1000);
}

/* The card shows the plan valid now, not an older used-up pack. */
static void test_card_current_plan(void **state)
{
	struct hf *f = *state;
	struct student_card c;
	int64_t id = hf_person(f, PERSON_STUDENT, "Ivan", "+79001234567", 0);

	hf_sql(f, "INSERT INTO plans (code, title, kind, price, duration_days, classes, created_at) "
	    "VALUES ('one', 'Trial pack', 'pack', 0, 30, 1, 0), "
	    "('month', 'Monthly', 'unlimited', 600000, 30, NULL, 0);"
	    "INSERT INTO subscriptions (student_id, plan_id, starts_at, ends_at, price, classes_left, created_at) "
	    "VALUES (%lld, 1, %lld, %lld, 0, 0, 0), (%lld, 2, %lld, %lld, 600000, NULL, 0);",
	    (long long)id, (long long)(HF_NOW - 86400), (long long)(HF_NOW + 20 * 86400),
	    (long long)id, (long long)(HF_NOW - 3600), (long long)(HF_NOW + 29 * 86400));
	assert_int_equal(db_student_card(f->db, id, HF_NOW, HF_NOW - 86400, HF_NOW + 86400, &c), DB_OK);
	assert_int_equal(c.has_plan, 1);
	assert_string_equal(c.plan_title, "Monthly");
	student_card_release(&c);
}

static void test_card_bad_args(void **state)
{
	struct hf *f = *state;
	static const struct hf_case cases[] = {
		{ "/student", "Usage: /student #&lt;id&gt;" },
		{ "/student #7", "There is no student #7" },
		{ "/student #x", "not a student number" },
		{ "/student nobody", "No student matches “nobody”" },
	};

	hf_expect_cases(f, HF_OWNER, cases, BJJ_ARRAY_LEN(cases));
	/* The example names a student rather than a number nobody has. */
	const char *t = hf_ask_ru(f, HF_OWNER, "/student");
	hf_assert_contains(t, "Пример: <code>/student Иван</code>");
	hf_assert_lacks(t, "#12");
}

static void test_card_buttons(void **state)
{
	struct hf *f = *state;
	const struct outbox_item *it;
	struct person p;

	hf_person(f, PERSON_STUDENT, "Ivan", "+79001234567", 0);

	hf_press_on(f, HF_OWNER, "stu:1:phone", CARD_MSG);
	hf_take(f);
	assert_non_null(hf_find(f, OB_ANSWER_CALLBACK, HF_OWNER));
	hf_assert_contains(only(f, OB_SEND_MESSAGE)->text, "<code>/setphone #1 +79001234567</code>");

	/* Deactivate: the card is edited in place, with a Reactivate button. */
	it = tap(f, "stu:1:off", OB_EDIT_MESSAGE);
	assert_string_equal(it->ref, "55");
	hf_assert_contains(it->text, "inactive");
	hf_assert_contains(it->markup, "stu:1:on");
	hf_assert_lacks(it->markup, "stu:1:inv");
	assert_false(is_active(f, 1));

	/* The same (now stale) button again: says so, changes nothing. */
	hf_assert_contains(tap(f, "stu:1:off", OB_SEND_MESSAGE)->text, "already inactive");
	assert_false(is_active(f, 1));

	/* No invite for an inactive student. */
	hf_assert_contains(tap(f, "stu:1:inv", OB_SEND_MESSAGE)->text, "reactivate them first");

	hf_assert_contains(tap(f, "stu:1:on", OB_EDIT_MESSAGE)->markup, "stu:1:off");
	assert_true(is_active(f, 1));

	/* A new invite, which links the student when used. */
	it = tap(f, "stu:1:inv", OB_SEND_MESSAGE);
	hf_assert_contains(it->text, "new invite for #1 Ivan Petrov");
	const char *code = strstr(it->text, "?start=");
	assert_non_null(code);
	char start[64];
	snprintf(start, sizeof start, "/start %.16s", code + 7);
	hf_send_take(f, STUDENT_TG, start);
	p = get(f, 1);
	assert_int_equal(p.tg_id, STUDENT_TG);
	person_release(&p);
	hf_assert_contains(tap(f, "stu:1:inv", OB_SEND_MESSAGE)->text, "already linked their Telegram");

	/* A student who does not exist, and data we never made. */
	hf_assert_contains(tap(f, "stu:99:off", OB_SEND_MESSAGE)->text, "no longer exists; nothing was changed");
	hf_assert_contains(tap(f, "stu:1:delete", OB_SEND_MESSAGE)->text, "outdated");
	hf_assert_contains(tap(f, "stu:1", OB_SEND_MESSAGE)->text, "outdated");
	assert_true(is_active(f, 1));
	hf_sql_assert(f, "SELECT group_concat(action) = "
	    "'student.deactivate,student.reactivate,invite.create' "
	    "FROM (SELECT action FROM audit_log ORDER BY id)");
}

/* ---- /setphone ------------------------------------------------------- */

static void test_setphone(void **state)
{
	struct hf *f = *state;
	struct person p;

	hf_person(f, PERSON_STUDENT, "Ivan", "+79001234567", 0);
	hf_person(f, PERSON_STUDENT, "Olga", "+79001234568", 0);

	hf_expect(f, HF_OWNER, "/setphone #1 8 (900) 765-43-21",
	    "#1 Ivan Petrov: the phone is now +79007654321");
	p = get(f, 1);
	assert_string_equal(p.phone, "+79007654321");
	person_release(&p);
	hf_sql_assert(f, "SELECT count(*) = 1 FROM audit_log WHERE action = 'student.phone' "
	    "AND entity_id = 1 AND actor = 100 AND details = '+79001234567 -> +79007654321'");

	static const struct hf_case bad[] = {
		{ "/setphone", "Usage: /setphone &lt;#id | name&gt; &lt;phone&gt;" },
		{ "/setphone #1", "Example: <code>/setphone Ivan +79001234567</code>" },
		{ "/setphone #1 12ab", "“12ab” is not a phone number" },
		{ "/setphone #1 <b>", "“&lt;b&gt;” is not a phone number" },
		{ "/setphone #1 +79001234568", "already belongs to student #2 Olga Petrov. Nothing changed" },
		{ "/setphone #1 +79007654321", "already has the phone +79007654321" },
		{ "/setphone #9 +79001111111", "There is no student #9" },
	};
	for (size_t i = 0; i < BJJ_ARRAY_LEN(bad); i++) {
		hf_expect(f, HF_OWNER, bad[i].text, bad[i].want);
		p = get(f, 1);
		assert_string_equal(p.phone, "+79007654321");
		person_release(&p);
		p = get(f, 2);
		assert_string_equal(p.phone, "+79001234568");
		person_release(&p);
	}
	/* The refused attempts wrote nothing to the audit log. */
	hf_sql_assert(f, "SELECT count(*) = 1 FROM audit_log");
}

/* Adding people is in the audit log too; a refused add is not. */
static void test_add_audited(void **state)
{
	struct hf *f = *state;

	hf_send_take(f, HF_OWNER, "/addstudent Ivan Petrov +79001234567");
	hf_send_take(f, HF_OWNER, "/addtrainer Rafael Souza +79001234568");
	hf_send_take(f, HF_OWNER, "/addstudent Ivan Twin +79001234567");
	/* Each added, each with an invite; the refused twin writes nothing. */
	hf_sql_assert(f, "SELECT count(*) = 4 FROM audit_log");
	hf_sql_assert(f, "SELECT count(*) = 2 FROM audit_log WHERE action = 'invite.create'");
	hf_sql_assert(f, "SELECT count(*) = 1 FROM audit_log WHERE action = 'student.add' "
	    "AND entity = 'student' AND entity_id = 1 AND actor = 100 AND details = '+79001234567'");
	hf_sql_assert(f, "SELECT count(*) = 1 FROM audit_log WHERE action = 'trainer.add' "
	    "AND entity = 'trainer' AND entity_id = 1");
}

static void test_setbirth(void **state)
{
	struct hf *f = *state;

	hf_person(f, PERSON_STUDENT, "Ivan", "+79001234567", 0);
	/* HF_NOW is 2026-05-28 */
	hf_expect(f, HF_OWNER, "/setbirth #1 2010-05-01",
	    "#1 Ivan Petrov: born 2010-05-01 (16 years old)");
	hf_sql_assert(f, "SELECT birth_date = '2010-05-01' FROM students WHERE id = 1");
	hf_sql_assert(f, "SELECT count(*) = 1 FROM audit_log WHERE action = 'student.birth_date' "
	    "AND entity_id = 1 AND details = '2010-05-01'");

	static const char *const bad[] = {
		"/setbirth", "/setbirth #1", "/setbirth #1 2010-02-30", "/setbirth #1 32.05.2010",
		"/setbirth #1 2030-01-01", "/setbirth #1 1890-01-01", "/setbirth #1 2010-05-01 extra",
	};
	for (size_t i = 0; i < BJJ_ARRAY_LEN(bad); i++) {
		hf_expect(f, HF_OWNER, bad[i], "Example: <code>/setbirth Ivan 2010-05-01</code>");
		hf_sql_assert(f, "SELECT birth_date = '2010-05-01' FROM students WHERE id = 1");
	}
	hf_expect(f, HF_OWNER, "/setbirth #7 2010-05-01", "There is no student #7");
	/* Typed as on a phone: kept as YYYY-MM-DD. */
	hf_expect(f, HF_OWNER, "/setbirth #1 1.5.2010", "born 2010-05-01");
	/* not for students or trainers */
	hf_person(f, PERSON_STUDENT, "Olga", "+79001234568", 300);
	hf_expect(f, 300, "/setbirth #1 2011-01-01", "only for the academy owner");
	hf_sql_assert(f, "SELECT birth_date = '2010-05-01' FROM students WHERE id = 1");
	/* "-" clears it */
	hf_expect(f, HF_OWNER, "/setbirth Ivan -", "the birth date is cleared");
	hf_sql_assert(f, "SELECT birth_date IS NULL FROM students WHERE id = 1");
}

/* ---- /deactivate, /reactivate ------------------------------------------ */

static void test_deactivate(void **state)
{
	struct hf *f = *state;

	hf_person(f, PERSON_STUDENT, "Ivan", "+79001234567", STUDENT_TG);
	assert_int_equal(h_role_of(&f->env, STUDENT_TG), ROLE_STUDENT);

	hf_expect(f, HF_OWNER, "/deactivate ivan",
	    "#1 Ivan Petrov is deactivated. Their history is kept");
	assert_false(is_active(f, 1));
	/* An inactive student is no longer a member to the bot. */
	assert_int_equal(h_role_of(&f->env, STUDENT_TG), ROLE_GUEST);

	hf_expect(f, HF_OWNER, "/deactivate #1", "already inactive; nothing changed");
	/* By name, /deactivate looks among active students only. */
	hf_expect(f, HF_OWNER, "/deactivate ivan", "No student matches “ivan”");

	hf_expect(f, HF_OWNER, "/reactivate ivan", "#1 Ivan Petrov is active again");
	assert_true(is_active(f, 1));
	assert_int_equal(h_role_of(&f->env, STUDENT_TG), ROLE_STUDENT);
	hf_expect(f, HF_OWNER, "/reactivate #1", "already active");

	hf_expect(f, HF_OWNER, "/deactivate", "Usage: /deactivate");
	hf_expect(f, HF_OWNER, "/reactivate", "Example: <code>/reactivate Ivan</code>");
	hf_expect(f, HF_OWNER, "/deactivate #2", "There is no student #2");
	assert_true(is_active(f, 1));
	/* One row per real change; "already ..." wrote none. */
	hf_sql_assert(f, "SELECT count(*) = 2 FROM audit_log WHERE entity = 'student' AND entity_id = 1");
	hf_sql_assert(f, "SELECT group_concat(action) = 'student.deactivate,student.reactivate' "
	    "FROM (SELECT action FROM audit_log ORDER BY id)");
}

/* ---- /students --------------------------------------------------------- */

/* 23 students "Name01 Family01" ... ; #23 inactive. */
static void many_students(struct hf *f)
{
	char first[16], last[16], phone[16];

	for (int i = 1; i <= 23; i++) {
		snprintf(first, sizeof first, "Name%02d", i);
		snprintf(last, sizeof last, "Family%02d", i);
		snprintf(phone, sizeof phone, "+7900100%04d", i);
		assert_int_equal(db_student_add(f->db, first, last, phone, NULL, 0, HF_NOW, NULL),
		    DB_OK);
	}
	assert_int_equal(db_person_link(f->db, PERSON_STUDENT, 1, STUDENT_TG), DB_OK);
	assert_int_equal(db_student_set_active(f->db, 23, 0, NULL), DB_OK);
}

static void test_students_paging(void **state)
{
	struct hf *f = *state;
	const struct outbox_item *it;

	many_students(f);
	assert_int_equal(hf_send_take(f, HF_OWNER, "/students"), 1);
	it = &f->items[0];
	hf_assert_contains_all(it->text, "Active students</b>: 22 (page 1 of 3)",
	    "#1 Name01 Family01 — white belt 💬", "#10 Name10 Family10");
	hf_assert_lacks(it->text, "#11 ");
	hf_assert_lacks(it->markup, "Back");
	hf_assert_contains(it->markup, "\"sts:1:0:\"");

	it = tap(f, "sts:1:0:", OB_EDIT_MESSAGE);
	assert_string_equal(it->ref, "55");
	hf_assert_contains_all(it->text, "(page 2 of 3)", "#11 Name11", "#20 Name20");
	hf_assert_contains_all(it->markup, "\"sts:0:0:\"", "\"sts:2:0:\"");

	it = tap(f, "sts:2:0:", OB_EDIT_MESSAGE);
	hf_assert_contains_all(it->text, "(page 3 of 3)", "#22 Name22");
	hf_assert_lacks(it->text, "#23");
	hf_assert_lacks(it->markup, "Next");

	/* "all" adds the inactive one, marked. */
	hf_send_take(f, HF_OWNER, "/students all");
	hf_assert_contains(f->items[0].text, "All students</b>: 23 (page 1 of 3)");
	hf_assert_contains(tap(f, "sts:2:1:", OB_EDIT_MESSAGE)->text, "#23 Name23 Family23 — white belt 🚫 inactive");

	/* A page past the end (the list shrank) shows the last one. */
	hf_assert_contains(tap(f, "sts:9:0:", OB_EDIT_MESSAGE)->text, "(page 3 of 3)");

	/* Malformed data changes nothing and says the button is outdated. */
	hf_assert_contains(tap(f, "sts:x", OB_SEND_MESSAGE)->text, "outdated");
	hf_assert_contains(tap(f, "sts:1:7:", OB_SEND_MESSAGE)->text, "outdated");
}

static void test_students_filter(void **state)
{
	struct hf *f = *state;
	const char *t;

	hf_expect(f, HF_OWNER, "/students", "No students yet");
	many_students(f);
	assert_int_equal(hf_send_take(f, HF_OWNER, "/students name1"), 1);
	t = f->items[0].text;
	/* Name10..Name19: ten, one page, no buttons. */
	hf_assert_contains_all(t, "Active students</b>: 10 (page 1 of 1)", "Matching “name1”");
	hf_assert_lacks(t, "#1 ");
	assert_null(f->items[0].markup);

	hf_send_take(f, HF_OWNER, "/students all 2");
	/* 2, 12, 20, 21, 22, 23 (inactive), each twice in "NameNN FamilyNN". */
	hf_assert_contains(f->items[0].text, "All students</b>: 6 ");

	/* Literal match: % is not a wildcard. */
	hf_expect(f, HF_OWNER, "/students %", "No students match “%”");
	hf_expect(f, HF_OWNER, "/students <b>", "No students match “&lt;b&gt;”");

	/* The filter must fit the buttons' callback data. */
	hf_expect(f, HF_OWNER, "/students Александр Константинович Иванов",
	    "search text is too long");

	/* 12 matches of "Family": the buttons carry the filter. */
	hf_send_take(f, HF_OWNER, "/students all family");
	hf_assert_contains(f->items[0].markup, "\"sts:1:1:family\"");
	hf_assert_contains(tap(f, "sts:1:1:family", OB_EDIT_MESSAGE)->text, "Matching “family”");
}

/* ---- /editstudent ------------------------------------------------------ */

static void test_editstudent(void **state)
{
	struct hf *f = *state;
	struct person p;
	struct h_msg m;
	const char *t;

	hf_person(f, PERSON_STUDENT, "Ivan", "+79001234567", 0);
	hf_expect(f, HF_OWNER, "/editstudent 1 name Ivan de la Cruz \n",
	    "#1 is now Ivan de la Cruz (was Ivan Petrov)");
	p = get(f, 1);
	assert_string_equal(p.last_name, "de la Cruz");
	person_release(&p);
	hf_expect(f, HF_OWNER, "/editstudent #1 email ivan@example.com",
	    "e-mail set to “ivan@example.com”");
	hf_expect(f, HF_OWNER, "/editstudent cruz notes prefers <b>morning</b> classes",
	    "notes set to “prefers &lt;b&gt;morning&lt;/b&gt; classes”");
	hf_send_take(f, HF_OWNER, "/editstudent 1 emergency Maria (wife) +79001112233");
	hf_send_take(f, HF_OWNER, "/editstudent 1 medical asthma: inhaler in the bag\n");
	hf_sql_assert(f, "(SELECT medical_notes FROM students) = 'asthma: inhaler in the bag'");

	/* The card shows them in a private chat. */
	t = hf_ask(f, HF_OWNER, "/student 1");
	hf_assert_contains_all(t, "<b>#1 Ivan de la Cruz</b>", "✉️ ivan@example.com",
	    "🆘 emergency contact: Maria (wife) +79001112233", "⚕️ asthma: inhaler in the bag");
	/* Never in a group chat. */
	m = hf_group_msg(-900, HF_OWNER, "/student 1");
	hf_send_msg(f, &m);
	t = hf_take_reply(f, -900);
	hf_assert_lacks_all(t, "asthma", "Maria");
	hf_assert_contains(t, "Please write /student to me in a private chat.");

	/* Clearing, in Russian. */
	hf_expect_ru(f, HF_OWNER, "/editstudent 1 здоровье -",
	    "✏️ #1 Ivan de la Cruz: поле «медицинские заметки» очищено.");
	hf_sql_assert(f, "(SELECT medical_notes IS NULL FROM students)");
	hf_expect_ru(f, HF_OWNER, "/editstudent 1 Почта ivan@mail.ru",
	    "поле «e-mail» теперь — «ivan@mail.ru»");

	/* Audited, without the health text itself. */
	hf_sql_assert(f, "SELECT group_concat(details, '|') = 'Ivan Petrov -> Ivan de la Cruz|"
	    "email ivan@example.com|notes set|emergency set|medical set|medical cleared|"
	    "email ivan@mail.ru' FROM (SELECT details FROM audit_log ORDER BY id)");
	hf_sql_assert(f, "(SELECT count(*) FROM audit_log WHERE details LIKE '%asthma%') = 0");
}

static void test_editstudent_bad_input(void **state)
{
	struct hf *f = *state;
	struct buf long_notes = { 0 };
	static const struct hf_case cases[] = {
		{ "/editstudent", "Usage: /editstudent &lt;#id | name&gt;" },
		{ "/editstudent 1", "Example: <code>/editstudent Ivan medical" },
		{ "/editstudent 1 email", "Usage: /editstudent" },
		{ "/editstudent 1 phone +79001234568", "Usage: /editstudent" },
		{ "/editstudent 9 notes hi", "There is no student #9" },
		{ "/editstudent nobody notes hi", "No student matches “nobody”" },
		{ "/editstudent 1 email not-an-address", "“not-an-address” is not an e-mail address" },
		{ "/editstudent 1 email a@b", "is not an e-mail address" },
		{ "/editstudent 1 email <x>@y.z w", "“&lt;x&gt;@y.z w” is not an e-mail" },
		{ "/editstudent 1 name -", "A name cannot be cleared" },
		{ "/editstudent 1 name Iiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiii",
		    "1 to 64 characters" },
	};

	hf_person(f, PERSON_STUDENT, "Ivan", "+79001234567", 0);
	hf_expect_cases(f, HF_OWNER, cases, BJJ_ARRAY_LEN(cases));
	buf_adds(&long_notes, "/editstudent 1 emergency ");
	for (int i = 0; i < 101; i++)
		buf_adds(&long_notes, "ж");
	hf_send(f, HF_OWNER, buf_str(&long_notes));
	hf_assert_contains(hf_take_reply(f, HF_OWNER),
	    "The emergency contact is too long: at most 100 characters.");
	buf_release(&long_notes);
	hf_sql_assert(f, "(SELECT email IS NULL AND notes IS NULL AND emergency_contact IS NULL "
	    "AND first_name = 'Ivan' AND last_name = 'Petrov' FROM students)");
	hf_sql_assert(f, "(SELECT count(*) FROM audit_log) = 0");
}

/* ---- health notes on the attendance roster ------------------------------- */

static void test_roster_health(void **state)
{
	struct hf *f = *state;
	struct h_msg m;
	const char *t;

	hf_person(f, PERSON_STUDENT, "Ivan", "+79001234567", STUDENT_TG);
	hf_person(f, PERSON_STUDENT, "Olga", "+79001234568", 0);
	hf_person(f, PERSON_TRAINER, "Anna", "+79001234599", TRAINER_TG);
	hf_sql(f, "UPDATE students SET medical_notes = 'knee <injury>', "
	    "emergency_contact = 'Mom +79001110000' WHERE id = 1;"
	    "INSERT INTO trainings (starts_at, duration_min, title, created_at) "
	    "VALUES (%lld, 60, 'Gi', 0);"
	    "INSERT INTO attendance (student_id, training_id, status, source, marked_at) VALUES "
	    "(1, 1, 'present', 'trainer', 0), (2, 1, 'present', 'trainer', 0);",
	    (long long)(HF_NOW - 600));
	t = hf_ask(f, TRAINER_TG, "/attendance 1");
	hf_assert_contains(t, "⚕️ Ivan Petrov: knee &lt;injury&gt;");
	hf_assert_contains(t, "🆘 Ivan Petrov: Mom +79001110000");
	hf_assert_lacks(t, "Olga Petrov:");
	/* In a group chat the roster carries no health notes. */
	m = hf_group_msg(-900, TRAINER_TG, "/attendance 1");
	hf_send_msg(f, &m);
	t = hf_take_reply(f, -900);
	hf_assert_lacks_all(t, "knee", "Mom");
	/* Students never see it: the roster is for trainers. */
	t = hf_ask(f, STUDENT_TG, "/attendance 1");
	hf_assert_lacks(t, "knee");

	/* The roster stays one message: at most 8 students' notes. */
	for (int i = 3; i <= 11; i++)
		hf_sql(f, "INSERT INTO students (first_name, medical_notes, created_at) "
		    "VALUES ('S%d', 'note %d', 0);"
		    "INSERT INTO attendance (student_id, training_id, status, source, marked_at) "
		    "VALUES (%d, 1, 'present', 'trainer', 0);", i, i, i);
	t = hf_ask(f, TRAINER_TG, "/attendance 1");
	hf_assert_contains(t, "…and 2 more students with health notes");
	hf_expect_ru(f, TRAINER_TG, "/attendance 1", "…и ещё учеников с заметками о здоровье: 2");
}

/* ---- /trainers, /trainer -------------------------------------------------- */

static void test_trainers(void **state)
{
	struct hf *f = *state;
	const char *t;

	hf_expect(f, HF_OWNER, "/trainers", "No trainers yet. Add one with /addtrainer.");
	hf_person(f, PERSON_TRAINER, "Anna", "+79001234599", TRAINER_TG);
	hf_person(f, PERSON_TRAINER, "Boris", "+79001234598", 0);
	hf_person(f, PERSON_TRAINER, "Carl", "+79001234597", 0);
	hf_sql(f, "INSERT INTO class_templates (title, weekdays, start_minute, duration_min, "
	    "trainer_id, created_at) VALUES ('Gi', 21, 1140, 90, 1, 0), ('NoGi', 2, 1140, 60, 2, 0),"
	    "('Old', 127, 600, 60, 2, 0);"
	    "UPDATE class_templates SET active = 0 WHERE title = 'Old';"
	    "UPDATE trainers SET active = 0, last_name = '<X>' WHERE id = 3;"
	    "INSERT INTO trainings (template_id, starts_at, duration_min, title, trainer_id, created_at) "
	    "VALUES (1, %lld, 90, 'Gi', 1, 0), (1, %lld, 90, 'Gi', 1, 0), (1, %lld, 90, 'Gi', 1, 0);",
	    (long long)(HF_NOW - 86400), (long long)(HF_NOW + 86400), (long long)(HF_NOW + 3 * 86400));
	t = hf_ask(f, HF_OWNER, "/trainers");
	hf_assert_contains_all(t, "Trainers</b>: 3", "#1 Anna Petrova 💬 — 3 classes a week",
	    "#2 Boris Petrova — 1 class a week", "#3 Carl &lt;X&gt; 🚫 inactive",
	    "No head trainer yet; to set one: <code>/trainer #1 head</code>");

	hf_expect(f, HF_OWNER, "/trainer boris head",
	    "⭐ #2 Boris Petrova is now the head trainer.");
	hf_send_take(f, HF_OWNER, "/trainer 1 Старший");
	hf_sql_assert(f, "(SELECT group_concat(id) FROM trainers WHERE is_main = 1) = '1'");
	hf_expect(f, HF_OWNER, "/trainer #1 head", "already the head trainer; nothing changed");
	hf_expect(f, HF_OWNER, "/trainer #3 head",
	    "reactivate them first: <code>/trainer #3 on</code>");
	t = hf_ask_ru(f, HF_OWNER, "/trainers");
	hf_assert_contains_all(t, "#1 Anna Petrova ⭐ старший тренер 💬 — 3 занятия в неделю",
	    "#2 Boris Petrova — 1 занятие в неделю");
	hf_assert_lacks(t, "Старшего тренера пока нет");

	/* Off: access goes at once, the menu follows, the head title goes. */
	assert_int_equal(h_role_of(&f->env, TRAINER_TG), ROLE_TRAINER);
	assert_int_equal(hf_send_take(f, HF_OWNER, "/trainer anna off"), 2);
	t = hf_text_to(f, HF_OWNER);
	hf_assert_contains_all(t, "#1 Anna Petrova is deactivated: their trainer access is closed at once",
	    "They still teach 3 classes a week (2 classes coming up)", "no head trainer now");
	hf_assert_lacks(hf_find(f, OB_SET_COMMANDS, TRAINER_TG)->text, "attendance");
	assert_int_equal(h_role_of(&f->env, TRAINER_TG), ROLE_GUEST);
	hf_sql_assert(f, "(SELECT count(*) FROM trainers WHERE is_main = 1) = 0");
	hf_sql_assert(f, "(SELECT tg_id FROM trainers WHERE id = 1) = 600");
	hf_expect(f, TRAINER_TG, "/attendance", "only for trainers");
	hf_expect(f, HF_OWNER, "/trainer #1 выкл", "already inactive; nothing changed");
	hf_send_take_ru(f, HF_OWNER, "/trainer #1 вкл");
	hf_assert_contains(hf_text_to(f, HF_OWNER),
	    "✅ #1 Anna Petrova: доступ тренера снова открыт.");
	hf_assert_contains(hf_find(f, OB_SET_COMMANDS, TRAINER_TG)->text, "attendance");
	assert_int_equal(h_role_of(&f->env, TRAINER_TG), ROLE_TRAINER);
	hf_sql_assert(f, "SELECT group_concat(action) = 'trainer.head,trainer.head,"
	    "trainer.deactivate,trainer.reactivate' FROM (SELECT action FROM audit_log ORDER BY id)");
	/* A trainer without Telegram: no word of a linked account. */
	t = hf_ask_ru(f, HF_OWNER, "/trainer boris выкл");
	hf_assert_contains(t, "🚫 #2 Boris Petrova: запись тренера деактивирована. Вернуть: "
	    "<code>/trainer #2 вкл</code>.");
	hf_assert_lacks(t, "Telegram");
	hf_sql_assert(f, "(SELECT active FROM trainers WHERE id = 2) = 0");
}

static void test_trainer_bad_input(void **state)
{
	struct hf *f = *state;
	static const struct hf_case cases[] = {
		{ "/trainer", "Usage: /trainer &lt;#id | name&gt; &lt;off | on | head&gt;" },
		{ "/trainer #1", "Example: <code>/trainer Rafael head</code>" },
		{ "/trainer #1 fly", "Usage: /trainer" },
		{ "/trainer #9 off", "There is no trainer #9" },
		{ "/trainer #x off", "No trainer matches “#x”" },
		{ "/trainer <b> off", "No trainer matches “&lt;b&gt;”" },
		{ "/trainer petrova head", "Several trainers match “petrova”; use the number:\n#1 Anna" },
		{ "/trainers x", "Usage: /trainers" },
	};

	hf_person(f, PERSON_TRAINER, "Anna", "+79001234599", TRAINER_TG);
	hf_person(f, PERSON_TRAINER, "Boris", "+79001234598", 0);
	hf_expect_cases(f, HF_OWNER, cases, BJJ_ARRAY_LEN(cases));
	hf_sql_assert(f, "(SELECT count(*) FROM trainers WHERE active = 1 AND is_main = 0) = 2");
	hf_sql_assert(f, "(SELECT count(*) FROM audit_log) = 0");
}

/* ---- roles ------------------------------------------------------------- */

static void test_roles(void **state)
{
	struct hf *f = *state;
	static const char *const cmds[] = {
		"/student #1", "/students", "/setphone #1 +79009998877", "/deactivate #1",
		"/reactivate #1", "/export", "/editstudent #1 notes x", "/invite #1", "/invites",
		"/unlink #1", "/trainers", "/trainer #1 off",
	};
	static const int64_t users[] = { STUDENT_TG, TRAINER_TG, GUEST };

	hf_person(f, PERSON_STUDENT, "Ivan", "+79001234567", STUDENT_TG);
	hf_person(f, PERSON_TRAINER, "Anna", "+79001234599", TRAINER_TG);
	for (size_t u = 0; u < BJJ_ARRAY_LEN(users); u++) {
		for (size_t i = 0; i < BJJ_ARRAY_LEN(cmds); i++) {
			hf_send(f, users[u], cmds[i]);
			hf_assert_contains(hf_take_reply(f, users[u]), "only for the academy owner");
		}
		hf_press_on(f, users[u], "stu:1:off", CARD_MSG);
		assert_int_equal(hf_take(f), 1);
		assert_int_equal(f->items[0].method, OB_ANSWER_CALLBACK);
		hf_assert_contains(f->items[0].text, "not for you");
		hf_press_on(f, users[u], "sts:1:0:", CARD_MSG);
		assert_int_equal(hf_take(f), 1);
		assert_int_equal(f->items[0].method, OB_ANSWER_CALLBACK);
	}
	struct person p = get(f, 1);
	assert_true(p.active);
	assert_string_equal(p.phone, "+79001234567");
	assert_int_equal(p.tg_id, STUDENT_TG);
	person_release(&p);
	hf_sql_assert(f, "(SELECT count(*) FROM audit_log) + (SELECT count(*) FROM invites) = 0");
	hf_sql_assert(f, "(SELECT active FROM trainers WHERE id = 1) = 1");
}

BJJ_TEST_MAIN(
	HF_TEST_MOSCOW(test_card),
	HF_TEST_MOSCOW(test_card_current_plan),
	HF_TEST_MOSCOW(test_card_bad_args),
	HF_TEST_MOSCOW(test_card_buttons),
	HF_TEST_MOSCOW(test_setphone),
	HF_TEST_MOSCOW(test_setbirth),
	HF_TEST_MOSCOW(test_add_audited),
	HF_TEST_MOSCOW(test_deactivate),
	HF_TEST_MOSCOW(test_students_paging),
	HF_TEST_MOSCOW(test_students_filter),
	HF_TEST_MOSCOW(test_editstudent),
	HF_TEST_MOSCOW(test_editstudent_bad_input),
	HF_TEST_MOSCOW(test_roster_health),
	HF_TEST_MOSCOW(test_trainers),
	HF_TEST_MOSCOW(test_trainer_bad_input),
	HF_TEST_MOSCOW(test_roles),
)
