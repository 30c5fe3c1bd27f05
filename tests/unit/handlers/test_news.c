/*
 * test_news.c — handlers/news.c: a guest's text becomes a lead the owners
 * hear about once a day, /leads and /answer, and /announce to its
 * audiences (everyone, a class's regulars, kids, plans ending) with the
 * skipped students counted, quiet hours, and the confirmation buttons.
 * Runs against an in-memory database and reads the outbox rows.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>

#include "files.h"
#include "handlers_fixture.h"
#include "test_main.h"

#define GUEST 400

/* The fixture in UTC: 2026-05-28 20:26, outside the quiet hours. */
static int nf_setup(void **state)
{
	tf_tz("UTC");
	return hf_setup(state);
}

/* ---- leads ---- */

static void test_lead_once_a_day(void **state)
{
	struct hf *f = *state;
	struct h_msg m = hf_msg(GUEST, "Hi! How much is <a month>?");
	const struct outbox_item *it;

	hf_send_msg(f, &m);
	assert_int_equal(hf_take(f), 2);
	it = hf_get(f, OB_SEND_MESSAGE, HF_OWNER);
	hf_assert_contains_all(it->text, "Message #1 from a guest, Ivan Guestov (@ivan_g)",
	    "Hi! How much is &lt;a month&gt;?", "<code>/answer 1 </code>");
	it = hf_find(f, OB_SEND_MESSAGE, GUEST);
	hf_assert_contains(it->text, "passed your message to <b>Test &amp; Co BJJ</b>");

	/* More that day: kept, acknowledged, the owners not told again. */
	m.text = "Also, do you have kids classes?";
	hf_send_msg(f, &m);
	hf_assert_contains(hf_take_reply(f, GUEST), "added this to your message");
	hf_sql_assert(f, "(SELECT count(*) FROM leads) = 2");
	/* The next day they are. In Russian for a Russian guest. */
	f->env.now += 86400;
	m.lang_code = "ru";
	hf_send_msg(f, &m);
	assert_int_equal(hf_take(f), 2);
	assert_non_null(hf_find(f, OB_SEND_MESSAGE, HF_OWNER));
	hf_assert_contains(hf_text_to(f, GUEST),
	    "Спасибо! Я передал ваше сообщение в <b>Test &amp; Co BJJ</b>");
	/* Members' texts are not leads. */
	hf_person(f, PERSON_STUDENT, "Oleg", "+79000000003", 300);
	hf_expect(f, 300, "hello", "/help");
	hf_sql_assert(f, "(SELECT count(*) FROM leads) = 3");
}

static void test_lead_bad_input(void **state)
{
	struct hf *f = *state;
	struct h_msg m = hf_msg(GUEST, NULL);
	struct buf b = { 0 };

	/* A sticker, blank text, an essay: a reply, nothing stored or sent. */
	hf_send_msg(f, &m);
	hf_assert_contains(hf_take_reply(f, GUEST), "write your question as text");
	m.text = " \n ";
	hf_send_msg(f, &m);
	hf_assert_contains(hf_take_reply(f, GUEST), "write your question as text");
	for (int i = 0; i < 1001; i++)
		buf_adds(&b, "ж");
	m.text = buf_str(&b);
	m.lang_code = "ru";
	hf_send_msg(f, &m);
	hf_assert_contains(hf_take_reply(f, GUEST), "уложитесь в 1000 символов");
	buf_release(&b);
	hf_sql_assert(f, "(SELECT count(*) FROM leads) = 0");
	hf_sql_assert(f, "(SELECT count(*) FROM notifications) = 0");
	/* In a group a guest's chatter is not a lead. */
	m = hf_group_msg(-500, GUEST, "hello all");
	hf_send_msg(f, &m);
	assert_int_equal(hf_take(f), 0);
	hf_sql_assert(f, "(SELECT count(*) FROM leads) = 0");
}

static void test_leads_and_answer(void **state)
{
	struct hf *f = *state;
	struct h_msg m = hf_msg(HF_OWNER, "/answer");
	struct buf b = { 0 };
	const char *t;

	hf_expect(f, HF_OWNER, "/leads", "No messages from guests yet");
	m.text = "/leads";
	m.lang_code = "ru";
	hf_send_msg(f, &m);
	hf_assert_contains(hf_take_reply(f, HF_OWNER), "Сообщений от гостей пока нет");
	hf_send_take(f, GUEST, "Do you have <b>gi</b> rental?");

	/* Bad input: usage or "no such message"; nothing goes to the guest. */
	hf_expect(f, HF_OWNER, "/answer", "Usage: /answer");
	hf_expect(f, HF_OWNER, "/answer 1", "Usage: /answer");
	hf_expect(f, HF_OWNER, "/answer x<b> hi", "no guest message “x&lt;b&gt;”");
	hf_expect(f, HF_OWNER, "/answer 99 hi", "no guest message “99”");
	buf_adds(&b, "/answer 1 ");
	for (int i = 0; i < 1001; i++)
		buf_addc(&b, 'x');
	hf_expect(f, HF_OWNER, buf_str(&b), "at most 1000 characters");
	buf_release(&b);
	m.text = "/answer";
	hf_send_msg(f, &m);
	hf_assert_contains(hf_take_reply(f, HF_OWNER), "Как использовать: /answer");
	hf_expect(f, 300, "/answer 1 hi", "only for the academy owner");
	hf_sql_assert(f, "(SELECT answered_at IS NULL FROM leads WHERE id = 1)");
	hf_sql_assert(f, "(SELECT count(*) FROM audit_log) = 0");

	assert_int_equal(hf_send_take(f, HF_OWNER, "/answer #1 Yes: 300 & up.\nCome by!"), 2);
	assert_string_equal(hf_text_to(f, GUEST),
	    "Yes: 300 &amp; up.\nCome by!\n\n— <b>Test &amp; Co BJJ</b>");
	hf_assert_contains(hf_text_to(f, HF_OWNER),
	    "answer to Ivan Guestov (message #1) is on its way");
	hf_sql_assert(f, "(SELECT answered_by = 100 AND answer = 'Yes: 300 & up.\nCome by!' "
	    "FROM leads WHERE id = 1)");
	hf_sql_assert(f, "(SELECT count(*) FROM audit_log WHERE action = 'lead.answer' "
	    "AND entity_id = 1) = 1");

	t = hf_ask(f, HF_OWNER, "/leads");
	hf_assert_contains(t, "#1 · 2026-05-28 20:26 · Ivan Guestov (@ivan_g) · ✅ answered\n"
	    "Do you have &lt;b&gt;gi&lt;/b&gt; rental?");
	hf_assert_contains(t, "/answer &lt;no&gt; &lt;text&gt;");

	/* A guest with only a first name: no stray space before the colon. */
	m = hf_msg(GUEST + 1, "Привет");
	m.from_last = NULL;
	m.from_username = NULL;
	hf_send_msg(f, &m);
	assert_int_equal(hf_take(f), 2);
	hf_assert_contains(hf_text_to(f, HF_OWNER),
	    "Message #2 from a guest, Ivan:\n");
	hf_expect(f, HF_OWNER, "/leads", "#2 · 2026-05-28 20:26 · Ivan\nПривет");
	hf_assert_contains(hf_ask_rows(f, HF_OWNER, "/answer 2 Hi", 2),
	    "answer to Ivan (message #2)");
}

/* ---- announcements ---- */

/* Students: 1 linked (tg 301), 2 reminders off, 3 not on Telegram,
 * 4 blocked the bot, 5 inactive, 6 a kid (born 2015). */
static void nf_students(struct hf *f)
{
	hf_person(f, PERSON_STUDENT, "Anna", "+79000000301", 301);
	hf_person(f, PERSON_STUDENT, "Boris", "+79000000302", 302);
	hf_person(f, PERSON_STUDENT, "Clara", "+79000000303", 0);
	hf_person(f, PERSON_STUDENT, "Denis", "+79000000304", 304);
	hf_person(f, PERSON_STUDENT, "Elena", "+79000000305", 305);
	hf_person(f, PERSON_STUDENT, "Fedya", "+79000000306", 306);
	hf_sql(f, "UPDATE students SET remind = 0 WHERE id = 2;"
	    "UPDATE students SET reachable = 0 WHERE id = 4;"
	    "UPDATE students SET active = 0 WHERE id = 5;"
	    "UPDATE students SET birth_date = '2015-03-01' WHERE id = 6;");
}

static void test_announce_all(void **state)
{
	struct hf *f = *state;
	const char *t;

	nf_students(f);
	assert_int_equal(hf_send_take(f, HF_OWNER, "/announce all No classes on <Monday> & Tuesday."), 3);
	assert_non_null(hf_find(f, OB_SEND_MESSAGE, 301));
	assert_non_null(hf_find(f, OB_SEND_MESSAGE, 306));
	assert_string_equal(hf_text_to(f, 301),
	    "📣 <b>Test &amp; Co BJJ</b>\n\nNo classes on &lt;Monday&gt; &amp; Tuesday.");
	assert_int_equal(hf_find(f, OB_SEND_MESSAGE, 301)->not_before, 0);
	t = hf_text_to(f, HF_OWNER);
	hf_assert_contains(t, "Sent to 2 students (everyone).");
	hf_assert_contains(t, "Skipped: not on Telegram — 1; blocked the bot — 1; "
	    "turned reminders off — 1.");
	hf_sql_assert(f, "(SELECT sent_at = 1780000000 AND recipients = 2 FROM announcements)");
	hf_sql_assert(f, "(SELECT count(*) FROM audit_log WHERE action = 'announce.send') = 1");

	/* Russian keywords and replies. */
	assert_int_equal(hf_send_take_ru(f, HF_OWNER, "/announce Дети Турнир в субботу!"), 2);
	assert_non_null(hf_find(f, OB_SEND_MESSAGE, 306));
	hf_assert_contains(hf_text_to(f, HF_OWNER),
	    "Отправлено 1 ученику (дети).");
	hf_assert_lacks(hf_text_to(f, HF_OWNER), "Пропущены");
}

static void test_announce_class_and_ending(void **state)
{
	struct hf *f = *state;
	struct h_msg m = hf_msg(HF_OWNER, "/announce заканчивается Продлите абонемент");

	nf_students(f);
	/* Anna came to weekly class 1 three days ago; Fedya to class 2. */
	hf_sql(f, "INSERT INTO class_templates (title, weekdays, start_minute, duration_min, created_at) "
	    "VALUES ('Gi <adv>', 1, 1140, 90, 0), ('Kids', 2, 1020, 60, 0);"
	    "INSERT INTO trainings (template_id, starts_at, duration_min, title, created_at) "
	    "VALUES (1, 1780000000 - 3 * 86400, 90, 'Gi', 0), (2, 1780000000 - 40 * 86400, 60, 'Kids', 0);"
	    "INSERT INTO attendance (student_id, training_id, status, source, marked_at) "
	    "VALUES (1, 1, 'present', 'trainer', 0), (6, 2, 'present', 'trainer', 0);");
	assert_int_equal(hf_send_take(f, HF_OWNER, "/announce class #1 Bring your gi"), 2);
	assert_non_null(hf_find(f, OB_SEND_MESSAGE, 301));
	hf_assert_contains(hf_text_to(f, HF_OWNER),
	    "Sent to 1 student (regulars of #1 Gi &lt;adv&gt;).");
	/* Fedya's visit is older than 28 days. */
	hf_expect(f, HF_OWNER, "/announce class 2 Bring your gi",
	    "Nobody can get it (regulars of #2 Kids)");
	hf_expect(f, HF_OWNER, "/announce class 9 Bring your gi", "no weekly class “9”");

	/* Anna's plan ends in 2 days, Fedya's in 10, Boris's in 2 but he
	 * renewed already. */
	hf_sql(f, "INSERT INTO plans (code, title, kind, price, duration_days, created_at) "
	    "VALUES ('m', 'Month', 'unlimited', 100, 30, 0);"
	    "INSERT INTO subscriptions (student_id, plan_id, starts_at, ends_at, price, created_at) "
	    "VALUES (1, 1, 1780000000 - 28 * 86400, 1780000000 + 2 * 86400, 100, 0),"
	    "(6, 1, 1780000000 - 20 * 86400, 1780000000 + 10 * 86400, 100, 0),"
	    "(2, 1, 1780000000 - 28 * 86400, 1780000000 + 2 * 86400, 100, 0),"
	    "(2, 1, 1780000000 + 2 * 86400, 1780000000 + 32 * 86400, 100, 0);"
	    "UPDATE students SET remind = 1 WHERE id = 2;");
	m.lang_code = "ru";
	hf_send_msg(f, &m);
	assert_int_equal(hf_take(f), 2);
	assert_non_null(hf_find(f, OB_SEND_MESSAGE, 301));
	hf_assert_contains(hf_text_to(f, HF_OWNER),
	    "Отправлено 1 ученику (абонемент заканчивается в ближайшие 3 дня).");
	hf_assert_contains(hf_ask_rows(f, HF_OWNER, "/announce ending 14 Renew now", 3),
	    "Sent to 2 students (plans ending within 14 days).");
	hf_expect(f, HF_OWNER, "/announce ending 1 Renew now",
	    "Nobody can get it (plans ending within 1 day)");
	/* Nobody: nothing stored. */
	hf_sql_assert(f, "(SELECT count(*) FROM announcements) = 3");
}

static void test_announce_bad_input(void **state)
{
	struct hf *f = *state;
	static const char *const bad[] = {
		"/announce", "/announce bogus Hello", "/announce all", "/announce all   \n ",
		"/announce class", "/announce class Hello", "/announce ending 0 Hello",
		"/announce ending 91 Hello", "/announce kids",
	};
	struct buf b = { 0 };
	struct h_msg m = hf_msg(HF_OWNER, "/announce всем");

	nf_students(f);
	for (size_t i = 0; i < BJJ_ARRAY_LEN(bad); i++) {
		hf_send(f, HF_OWNER, bad[i]);
		if (strcmp(bad[i], "/announce class Hello") == 0)
			hf_assert_contains(hf_take_reply(f, HF_OWNER), "no weekly class “Hello”");
		else
			hf_assert_contains(hf_take_reply(f, HF_OWNER), "Usage: /announce");
	}
	m.lang_code = "ru";
	hf_send_msg(f, &m);
	hf_assert_contains(hf_take_reply(f, HF_OWNER), "Как использовать: /announce");
	buf_adds(&b, "/announce all ");
	for (int i = 0; i < 3501; i++)
		buf_addc(&b, 'x');
	hf_expect(f, HF_OWNER, buf_str(&b), "at most 3500 characters");
	buf_release(&b);
	hf_expect(f, 301, "/announce all Hi", "only for the academy owner");
	hf_sql_assert(f, "(SELECT count(*) FROM announcements) = 0");
	hf_sql_assert(f, "(SELECT count(*) FROM audit_log) = 0");
}

static void test_announce_confirm(void **state)
{
	struct hf *f = *state;
	const struct outbox_item *it;
	char phone[16];
	int i;

	for (i = 0; i < 7; i++) {
		snprintf(phone, sizeof phone, "+7900000040%d", i);
		hf_person(f, PERSON_STUDENT, "Stu", phone, 401 + i);
	}
	assert_int_equal(hf_send_take(f, HF_OWNER, "/announce all Open mat on Sunday"), 1);
	it = &f->items[0];
	hf_assert_contains(it->text, "I will send it to 7 students (everyone).\nSend it?");
	hf_assert_contains_all(it->markup, "\"callback_data\":\"ann:1:y\"", "Send to 7 students",
	    "\"callback_data\":\"ann:1:n\"");

	/* Someone else's press, a forged id, garbage: nothing is sent. */
	assert_int_equal(hf_press_take(f, 401, "ann:1:y"), 1);
	hf_assert_contains(f->items[0].text, "not for you");
	hf_press(f, HF_OWNER, "ann:99:y");
	hf_press(f, HF_OWNER, "ann:1:x");
	assert_int_equal(hf_press_take(f, HF_OWNER, "ann:1"), 6);
	assert_null(hf_find(f, OB_SEND_MESSAGE, 401));
	hf_assert_contains(hf_find(f, OB_EDIT_MESSAGE, HF_OWNER)->text, "sent already or cancelled");

	assert_int_equal(hf_press_take(f, HF_OWNER, "ann:1:y"), 9);
	assert_non_null(hf_find(f, OB_SEND_MESSAGE, 401));
	assert_non_null(hf_find(f, OB_SEND_MESSAGE, 407));
	it = hf_find(f, OB_EDIT_MESSAGE, HF_OWNER);
	assert_string_equal(it->ref, "55");
	hf_assert_contains(it->text, "Sent to 7 students (everyone).");
	assert_null(it->markup);
	/* Twice: nothing more. */
	assert_int_equal(hf_press_take(f, HF_OWNER, "ann:1:y"), 2);
	hf_assert_contains(hf_find(f, OB_EDIT_MESSAGE, HF_OWNER)->text, "sent already");

	/* Cancelled, then pressed: nothing sent. A stale button too. */
	hf_send_take(f, HF_OWNER, "/announce all Second");
	assert_int_equal(hf_press_take(f, HF_OWNER, "ann:2:n"), 2);
	hf_assert_contains(hf_find(f, OB_EDIT_MESSAGE, HF_OWNER)->text, "cancelled; nothing was sent");
	assert_int_equal(hf_press_take(f, HF_OWNER, "ann:2:y"), 2);
	assert_null(hf_find(f, OB_SEND_MESSAGE, 401));
	hf_send_take(f, HF_OWNER, "/announce all Third");
	f->env.now += 2 * 86400;
	assert_int_equal(hf_press_take(f, HF_OWNER, "ann:3:y"), 2);
	assert_null(hf_find(f, OB_SEND_MESSAGE, 401));
	hf_sql_assert(f, "(SELECT count(*) FROM announcements WHERE sent_at IS NOT NULL) = 1");
}

/* In the quiet hours students get it when they end; the owner is told. */
static void test_announce_quiet_hours(void **state)
{
	struct hf *f = *state;

	nf_students(f);
	/* HF_NOW is 23:26 in Moscow; the quiet hours end at 09:00. */
	assert_int_equal(hf_send_take(f, HF_OWNER, "/announce all Hello"), 3);
	assert_int_equal(hf_find(f, OB_SEND_MESSAGE, 301)->not_before,
	    HF_NOW + 9 * 3600 + 33 * 60 + 20);
	hf_assert_contains(hf_text_to(f, HF_OWNER),
	    "quiet hours now: it goes out at 09:00");
}

/* The Reply button: the owner's next text is the answer. */
static void test_lead_reply_button(void **state)
{
	struct hf *f = *state;
	struct h_msg m = hf_msg(HF_OWNER, NULL);
	const struct outbox_item *it;
	struct buf b = { 0 };

	assert_int_equal(hf_send_take(f, GUEST, "Hello?"), 2);
	it = hf_find(f, OB_SEND_MESSAGE, HF_OWNER);
	hf_assert_contains_all(it->markup, "\"callback_data\":\"lead:1\"", "Reply");

	/* Without pressing it the owner's text is just text. */
	hf_expect(f, HF_OWNER, "hi there", "/help");
	/* Stale or forged: nothing changes. Nor may anyone else press it. */
	hf_press(f, HF_OWNER, "lead:99");
	hf_press(f, HF_OWNER, "lead:x");
	assert_int_equal(hf_press_take(f, 301, "lead:1"), 5);
	hf_assert_contains(f->items[1].text, "outdated");
	hf_assert_contains(f->items[4].text, "not for you");
	hf_sql_assert(f, "(SELECT count(*) FROM lead_replies) = 0");

	m.kind = H_MSG_CALLBACK;
	m.cb_id = "cbq";
	m.cb_data = "lead:1";
	m.lang_code = "ru";
	hf_send_msg(f, &m);
	assert_int_equal(hf_take(f), 2);
	hf_assert_contains(hf_text_to(f, HF_OWNER),
	    "Напишите ответ следующим сообщением: Ivan Guestov (сообщение #1)");
	/* Too long: refused, still answering; then the answer goes. */
	for (int i = 0; i < 1001; i++)
		buf_addc(&b, 'x');
	hf_expect(f, HF_OWNER, buf_str(&b), "at most 1000 characters");
	buf_release(&b);
	assert_int_equal(hf_send_take(f, HF_OWNER, "See you on Monday <3"), 2);
	assert_string_equal(hf_text_to(f, GUEST),
	    "See you on Monday &lt;3\n\n— <b>Test &amp; Co BJJ</b>");
	hf_assert_contains(hf_text_to(f, HF_OWNER), "on its way");
	hf_sql_assert(f, "(SELECT answer = 'See you on Monday <3' FROM leads WHERE id = 1)");
	/* Once. */
	hf_expect(f, HF_OWNER, "thanks", "/help");

	/* An hour later a pressed Reply has lapsed. */
	m.lang_code = "en";
	hf_send_msg(f, &m);
	hf_take(f);
	f->env.now += 3601;
	hf_expect(f, HF_OWNER, "late text", "/help");
	hf_sql_assert(f, "(SELECT count(*) FROM audit_log WHERE action = 'lead.answer') = 1");
	/* Pressed, then answered with /answer: settled as well. */
	hf_send_msg(f, &m);
	hf_send_take(f, HF_OWNER, "/answer 1 Welcome!");
	hf_expect(f, HF_OWNER, "thanks", "/help");
}

/* A test between nf_setup and hf_teardown. */
#define NF_TEST(fn) cmocka_unit_test_setup_teardown(fn, nf_setup, hf_teardown)

BJJ_TEST_MAIN(
	NF_TEST(test_lead_once_a_day),
	NF_TEST(test_lead_bad_input),
	NF_TEST(test_leads_and_answer),
	NF_TEST(test_lead_reply_button),
	NF_TEST(test_announce_all),
	NF_TEST(test_announce_class_and_ending),
	NF_TEST(test_announce_bad_input),
	NF_TEST(test_announce_confirm),
	HF_TEST_MOSCOW(test_announce_quiet_hours),
)
