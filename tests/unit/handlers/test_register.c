/*
 * test_register.c — handlers/register.c: /addstudent and /addtrainer
 * (validation, duplicates, the invite they return, the code when the bot's
 * name is unknown), /start with and without an invite code, linking by a
 * shared contact, a deactivated record's phone, /invite (the older code
 * stops working), /invites and /unlink. Runs against an in-memory
 * database and reads the outbox rows the handlers queued.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <cjson/cJSON.h>

#include "handlers/command.h"
#include "handlers_fixture.h"
#include "storage/admin.h"
#include "test_main.h"

#define GUEST 400
#define GUEST2 401

/* The invite code in the t.me link of an /add* reply; owned. */
static char *invite_code_of(const char *reply)
{
	const char *p = strstr(reply, "https://t.me/ThisBot?start=");
	size_t n = 0;

	assert_non_null(p);
	p += strlen("https://t.me/ThisBot?start=");
	while (p[n] != '\0' && strchr("\n <", p[n]) == NULL)
		n++;
	assert_int_equal(n, INVITE_CODE_LEN);
	return xstrndup(p, n);
}

/* The owner adds Ivan Petrov (student #1) and gets the code. Owned. */
static char *add_ivan(struct hf *f)
{
	const char *t;

	t = hf_ask(f, HF_OWNER, "/addstudent Ivan Petrov +7 (900) 123-45-67 Blue");
	hf_assert_contains_all(t, "Student #1 Ivan Petrov added", "+79001234567", "blue belt",
	    "Valid until 2026-");
	return invite_code_of(t);
}

static int64_t tg_of(struct hf *f, int kind, int64_t id)
{
	struct person p;
	int64_t tg;

	assert_int_equal(db_person_get(f->db, kind, id, &p), DB_OK);
	tg = p.tg_id;
	person_release(&p);
	return tg;
}

static void test_addstudent_and_redeem(void **state)
{
	struct hf *f = *state;
	const struct outbox_item *it;
	struct person p;
	char *code = hf_keep(f, add_ivan(f)), *start;

	assert_int_equal(db_person_get(f->db, PERSON_STUDENT, 1, &p), DB_OK);
	assert_string_equal(p.belt, "blue");
	assert_string_equal(p.phone, "+79001234567");
	assert_int_equal(p.tg_id, 0);
	person_release(&p);

	start = hf_keep(f, xasprintf("/start %s", code));
	assert_int_equal(hf_send_take(f, GUEST, start), 3);
	/* The welcome, the owners' notice, the new command menu. */
	it = hf_get(f, OB_SEND_MESSAGE, GUEST);
	hf_assert_contains(it->text, "Welcome, Ivan! You are linked as student #1");
	hf_assert_contains(it->markup, "remove_keyboard");
	it = hf_get(f, OB_SEND_MESSAGE, HF_OWNER);
	hf_assert_contains_all(it->text, "Ivan Petrov (@ivan_g)", "student #1");
	it = hf_get(f, OB_SET_COMMANDS, GUEST);
	assert_null(it->ref);
	hf_assert_contains(it->text, "\"help\"");
	hf_assert_lacks(it->text, "addstudent");
	assert_int_equal(tg_of(f, PERSON_STUDENT, 1), GUEST);
	assert_int_equal(h_role_of(&f->env, GUEST), ROLE_STUDENT);

	/* Single use. */
	hf_expect(f, GUEST2, start, "already been used");
}

static void test_addtrainer_and_redeem(void **state)
{
	struct hf *f = *state;
	const char *t;
	char *code, *start;

	t = hf_ask(f, HF_OWNER, "/addtrainer Anna Smirnova 89007654321");
	hf_assert_contains_all(t, "Trainer #1 Anna Smirnova added", "+79007654321");
	code = hf_keep(f, invite_code_of(t));
	start = hf_keep(f, xasprintf("/start %s", code));
	hf_send_take(f, GUEST, start);
	hf_assert_contains(hf_text_to(f, GUEST),
	    "You are linked as trainer #1");
	assert_int_equal(h_role_of(&f->env, GUEST), ROLE_TRAINER);
	/* Trainers take no belt argument. */
	hf_expect(f, HF_OWNER, "/addtrainer Olga Ivanova +79007654322 black",
	    "“+79007654322 black” is not a phone number");
	assert_false(hf_exists(f, PERSON_TRAINER, 2));
}

static void test_add_without_bot_username(void **state)
{
	struct hf *f = *state;
	const char *t;

	f->env.bot_username = NULL;
	t = hf_ask(f, HF_OWNER, "/addstudent Ivan Petrov +79001234567");
	hf_assert_contains_all(t, "Student #1 Ivan Petrov added", "white belt", "<code>/start ");
	hf_assert_lacks(t, "t.me");
	/* Never a made-up bot name: the code, and how to get the link later. */
	hf_assert_lacks(t, "bjjbot_demo_bot");
	hf_assert_contains_all(t, "after the first <code>bjjbot run</code>",
	    "<code>/invite #1</code> gives one");
	hf_expect(f, HF_OWNER, "/addtrainer Anna Smirnova +79007654321",
	    "<code>/invite trainer #1</code>");
	/* Once the bot knows its name, /invite shows the link. */
	f->env.bot_username = "ThisBot";
	hf_expect(f, HF_OWNER, "/invite #1", "https://t.me/ThisBot?start=");
}

static void test_add_bad_arguments(void **state)
{
	struct hf *f = *state;
	static const struct hf_case cases[] = {
		{ "/addstudent", "Usage: /addstudent &lt;first name&gt;" },
		{ "/addstudent Ivan", "Example: <code>/addstudent Ivan Petrov" },
		{ "/addstudent Ivan Petrov", "Usage: /addstudent" },
		{ "/addstudent Ivan Petrov +79001234567 blue extra", "Unknown belt “extra”" },
		{ "/addstudent Ivan Petrov blue", "“blue” is not a phone number" },
		{ "/addstudent Ivan Petrov 12ab34", "“12ab34” is not a phone number" },
		{ "/addstudent Ivan Petrov 123", "is not a phone number" },
		{ "/addstudent Ivan Petrov <i>+7</i>", "“&lt;i&gt;+7&lt;/i&gt;” is not a phone" },
		{ "/addstudent Ivan Petrov +79001234567 pink",
		    "Unknown belt “pink”. Valid belts: white, blue, purple, brown, black, red-and-black, "
		    "red-and-white, red, grey-white, grey, grey-black, yellow-white, yellow, yellow-black, "
		    "orange-white, orange, orange-black, green-white, green, green-black." },
		{ "/addstudent Ivan Petrov +79001234567 <b>",
		    "Unknown belt “&lt;b&gt;”" },
		{ "/addstudent Iiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiii Petrov +79001234567",
		    "1 to 64 characters" },
		{ "/addtrainer Anna", "Usage: /addtrainer" },
		{ "/addtrainer Anna Smirnova phone", "is not a phone number" },
	};
	size_t i;

	for (i = 0; i < BJJ_ARRAY_LEN(cases); i++) {
		hf_expect(f, HF_OWNER, cases[i].text, cases[i].want);
		assert_false(hf_exists(f, PERSON_STUDENT, 1));
		assert_false(hf_exists(f, PERSON_TRAINER, 1));
	}
}

static void test_add_belts(void **state)
{
	struct hf *f = *state;
	struct person p;

	hf_send(f, HF_OWNER, "/addstudent Kid One +79001234501 GRAY");
	hf_send_take(f, HF_OWNER, "/addstudent Kid Two +79001234502 orange");
	hf_belt_is(f, 1, "grey");
	hf_belt_is(f, 2, "orange");

	/* A name in words, after a phone in words; the reply names the belt
	 * in the owner's language. */
	hf_expect_ru(f, HF_OWNER, "/addstudent Kid Three +7 900 123 45 03 Синий Пояс",
	    "Новый ученик: #3 Kid Three (+79001234503, синий пояс)");
	assert_int_equal(db_person_get(f->db, PERSON_STUDENT, 3, &p), DB_OK);
	assert_string_equal(p.belt, "blue");
	assert_string_equal(p.phone, "+79001234503");
	person_release(&p);
	hf_expect(f, HF_OWNER, "/addstudent Kid Four +79001234504 red and black belt",
	    "(+79001234504, red-and-black belt)");
	hf_belt_is(f, 4, "coral");
	/* an unknown last word is named, and nothing is added */
	hf_expect(f, HF_OWNER, "/addstudent Kid Five +79001234505 синий галстук",
	    "Unknown belt “галстук”");
	assert_int_equal(db_person_get(f->db, PERSON_STUDENT, 5, &p), DB_NOTFOUND);
}

static void test_add_duplicate_phone(void **state)
{
	struct hf *f = *state;
	const char *t;

	free(add_ivan(f));
	t = hf_ask(f, HF_OWNER, "/addstudent Petr Ivanov 8 900 123 45 67");
	hf_assert_contains(t, "+79001234567 already belongs to student #1 Ivan Petrov");
	assert_false(hf_exists(f, PERSON_STUDENT, 2));

	/* A trainer may share a student's phone (same person); not another
	 * trainer's. A linked record is not found by phone: still refused. */
	hf_person(f, PERSON_TRAINER, "Anna", "+79007654321", 200);
	t = hf_ask(f, HF_OWNER, "/addtrainer Olga Ivanova +79007654321");
	hf_assert_contains(t, "+79007654321 already belongs to another record");
	assert_false(hf_exists(f, PERSON_TRAINER, 2));
	hf_expect(f, HF_OWNER, "/addtrainer Ivan Petrov +79001234567",
	    "Trainer #2 Ivan Petrov added");
}

/* The escaped names the handlers show, built in the update's arena:
 * either part may be missing, and the space goes only between two. */
static void test_name_html(void **state)
{
	struct arena a = { 0 };
	struct h_ctx ctx;

	(void)state;
	memset(&ctx, 0, sizeof ctx);
	ctx.arena = &a;
	assert_string_equal(h_name_html(&ctx, "Ivan", "<Petrov>"), "Ivan &lt;Petrov&gt;");
	assert_string_equal(h_name_html(&ctx, "Ivan", ""), "Ivan");
	assert_string_equal(h_name_html(&ctx, "Ivan", NULL), "Ivan");
	assert_string_equal(h_name_html(&ctx, NULL, "Petrov"), "Petrov");
	assert_string_equal(h_name_html(&ctx, "", "Petrov"), "Petrov");
	assert_string_equal(h_name_html(&ctx, NULL, NULL), "");
	assert_string_equal(h_username_html(&ctx, "a&b"), " (@a&amp;b)");
	assert_string_equal(h_username_html(&ctx, ""), "");
	assert_string_equal(h_username_html(&ctx, NULL), "");
	assert_string_equal(h_esc(&ctx, "\"x\" & <y>"), "&quot;x&quot; &amp; &lt;y&gt;");
	assert_string_equal(h_esc(&ctx, NULL), "");
	arena_release(&a);
	assert_null(a.head);
}

static void test_name_escaped(void **state)
{
	struct hf *f = *state;
	struct h_msg m;
	const char *t;
	char *code, *start;

	t = hf_ask(f, HF_OWNER, "/addstudent <b>& O'Neil\"> +79001234567");
	hf_assert_contains(t, "Student #1 &lt;b&gt;&amp; O'Neil&quot;&gt; added");
	hf_assert_lacks(t, "<b>&");
	code = hf_keep(f, invite_code_of(t));
	start = hf_keep(f, xasprintf("/start %s", code));
	m = hf_msg(GUEST, start);
	m.from_username = "x<y>";
	hf_send_msg(f, &m);
	hf_take(f);
	t = hf_text_to(f, GUEST);
	hf_assert_contains(t, "Welcome, &lt;b&gt;&amp;!");
	t = hf_text_to(f, HF_OWNER);
	hf_assert_contains(t, "&lt;b&gt;&amp; O'Neil&quot;&gt; (@x&lt;y&gt;)");
}

static void test_start_codes(void **state)
{
	struct hf *f = *state;
	struct buf b = { 0 };
	char *code = hf_keep(f, add_ivan(f)), *start = hf_keep(f, xasprintf("/start %s", code));
	char *code2, *start2;
	size_t i;

	/* Unknown, malformed and oversized payloads change nothing. */
	hf_expect(f, GUEST, "/start AAAAAAAAAAAAAAAA", "don't know this invite code");
	hf_expect(f, GUEST, "/start abc$def", "invite link is invalid");
	hf_expect(f, GUEST, "/start abc def", "invite link is invalid");
	buf_adds(&b, "/start ");
	for (i = 0; i < 65; i++)
		buf_addc(&b, 'a');
	hf_expect(f, GUEST, buf_str(&b), "invite link is invalid");
	buf_release(&b);
	assert_int_equal(tg_of(f, PERSON_STUDENT, 1), 0);

	/* Expired: a second past its validity. */
	f->env.now = HF_NOW + 7 * 86400 + 1;
	hf_expect(f, GUEST, start, "has expired");
	assert_int_equal(tg_of(f, PERSON_STUDENT, 1), 0);

	/* Taken: this account is linked to another student already. */
	f->env.now = HF_NOW;
	hf_person(f, PERSON_STUDENT, "Oleg", "+79000000003", GUEST2);
	hf_expect(f, GUEST2, start, "already linked");
	assert_int_equal(tg_of(f, PERSON_STUDENT, 1), 0);

	/* Used: the first redeems, the second cannot. */
	hf_send_take(f, GUEST, start);
	assert_int_equal(tg_of(f, PERSON_STUDENT, 1), GUEST);
	hf_expect(f, 402, start, "already been used");

	/* Russian texts are distinct too. */
	hf_send(f, HF_OWNER, "/addstudent Vera Petrova +79001234599");
	code2 = hf_keep(f, invite_code_of(hf_take_reply(f, HF_OWNER)));
	start2 = hf_keep(f, xasprintf("/start %s", code2));
	{
		struct h_msg m = hf_msg(403, start2);

		m.lang_code = "ru";
		f->env.now = HF_NOW + 8 * 86400;
		hf_send_msg(f, &m);
		hf_assert_contains(hf_take_reply(f, 403), "истёк");
	}
}

static void test_start_plain(void **state)
{
	struct hf *f = *state;
	struct h_msg m = hf_msg(GUEST, "/start");
	cJSON *markup, *button;
	const char *t;

	hf_send_msg(f, &m);
	t = hf_take_reply(f, GUEST);
	hf_assert_contains(t, "Welcome to <b>Test &amp; Co BJJ</b>");
	markup = cJSON_Parse(f->items[0].markup);
	assert_non_null(markup);
	button = cJSON_GetArrayItem(cJSON_GetArrayItem(cJSON_GetObjectItem(markup, "keyboard"), 0), 0);
	assert_true(cJSON_IsTrue(cJSON_GetObjectItem(button, "request_contact")));
	assert_string_equal(cJSON_GetStringValue(cJSON_GetObjectItem(button, "text")), "Share my phone");
	assert_true(cJSON_IsTrue(cJSON_GetObjectItem(markup, "one_time_keyboard")));
	cJSON_Delete(markup);

	m.lang_code = "ru";
	hf_send_msg(f, &m);
	hf_take_reply(f, GUEST);
	hf_assert_contains(f->items[0].markup, "Поделиться номером");

	/* In a group no contact button (Telegram refuses it there). */
	m.chat_id = -500;
	m.is_private = 0;
	hf_send_msg(f, &m);
	hf_take_reply(f, -500);
	assert_null(f->items[0].markup);

	/* Linked people and the owner are welcomed back. */
	hf_person(f, PERSON_STUDENT, "Oleg", "+79000000003", 300);
	t = hf_ask(f, 300, "/start");
	hf_assert_contains_all(t, "Welcome back, Oleg!", "/help");
	assert_null(f->items[0].markup);
	hf_expect(f, HF_OWNER, "/start", "Welcome back, Ivan!");
}

static struct h_msg contact_msg(int64_t from, int64_t contact_user, const char *phone)
{
	struct h_msg m = hf_msg(from, NULL);

	m.kind = H_MSG_CONTACT;
	m.contact_user_id = contact_user;
	m.contact_phone = phone;
	return m;
}

static void test_contact_own(void **state)
{
	struct hf *f = *state;
	struct h_msg m = contact_msg(GUEST, GUEST, "79001234567");
	const struct outbox_item *it;

	free(add_ivan(f));
	hf_send_msg(f, &m);
	assert_int_equal(hf_take(f), 3);
	it = hf_find(f, OB_SEND_MESSAGE, GUEST);
	hf_assert_contains(it->text, "Welcome, Ivan! You are linked as student #1");
	hf_assert_contains(hf_text_to(f, HF_OWNER), "student #1");
	assert_non_null(hf_find(f, OB_SET_COMMANDS, GUEST));
	assert_int_equal(tg_of(f, PERSON_STUDENT, 1), GUEST);

	/* Again: already linked. */
	hf_send_msg(f, &m);
	hf_assert_contains(hf_take_reply(f, GUEST), "already linked as student #1");
}

static void test_contact_of_someone_else(void **state)
{
	struct hf *f = *state;
	struct h_msg m = contact_msg(GUEST, 999, "+79001234567");

	free(add_ivan(f));
	hf_send_msg(f, &m);
	hf_assert_contains(hf_take_reply(f, GUEST), "share your own contact");
	hf_assert_contains(f->items[0].markup, "request_contact");
	/* A contact card without a Telegram account (user_id absent). */
	m.contact_user_id = 0;
	hf_send_msg(f, &m);
	hf_assert_contains(hf_take_reply(f, GUEST), "share your own contact");
	assert_int_equal(tg_of(f, PERSON_STUDENT, 1), 0);
}

static void test_contact_unknown_phone(void **state)
{
	struct hf *f = *state;
	struct h_msg m = contact_msg(GUEST, GUEST, "+44 20 7946 0958");
	const struct outbox_item *it;

	m.from_first = "<Jo>";
	m.from_last = NULL;
	hf_send_msg(f, &m);
	assert_int_equal(hf_take(f), 2);
	it = hf_get(f, OB_SEND_MESSAGE, GUEST);
	hf_assert_contains(it->text, "could not find +442079460958");
	it = hf_get(f, OB_SEND_MESSAGE, HF_OWNER);
	/* Only the command to copy has a word for the missing last name. */
	hf_assert_contains(it->text, "👋 &lt;Jo&gt; (@ivan_g) shared the phone +442079460958");
	hf_assert_contains(it->text, "<code>/addstudent &lt;Jo&gt; Last +442079460958</code>");
	assert_int_equal(h_role_of(&f->env, GUEST), ROLE_GUEST);
	/* Shared again that day: the guest hears, the owners do not; the
	 * next day they do. */
	hf_send_msg(f, &m);
	hf_assert_contains(hf_take_reply(f, GUEST), "could not find +442079460958");
	f->env.now += 86400;
	hf_send_msg(f, &m);
	assert_int_equal(hf_take(f), 2);
	assert_non_null(hf_find(f, OB_SEND_MESSAGE, HF_OWNER));

	/* A phone Telegram would never send is refused, nothing written. */
	m.contact_phone = "not a phone";
	hf_send_msg(f, &m);
	hf_assert_contains(hf_take_reply(f, GUEST), "could not read the phone");
}

static void test_contact_trainer_phone(void **state)
{
	struct hf *f = *state;
	struct h_msg m = contact_msg(GUEST, GUEST, "+79007654321");

	hf_person(f, PERSON_TRAINER, "Anna", "+79007654321", 0);
	hf_send_msg(f, &m);
	hf_take(f);
	hf_assert_contains(hf_text_to(f, GUEST),
	    "Welcome, Anna! You are linked as trainer #1");
	assert_int_equal(h_role_of(&f->env, GUEST), ROLE_TRAINER);
}

/* The number of invites in the database. */
static int64_t invites_count(struct hf *f)
{
	struct pending_invite *v = NULL;
	size_t n = 0;
	int64_t total = 0;

	assert_int_equal(db_invites_pending(f->db, HF_NOW, 100, &v, &n, &total), DB_OK);
	pending_invites_free(v, n);
	return total;
}

static void test_invite_replaces_old(void **state)
{
	struct hf *f = *state;
	char *old = hf_keep(f, add_ivan(f)), *fresh, *start;
	const char *t;

	t = hf_ask(f, HF_OWNER, "/invite ivan");
	hf_assert_contains(t, "A new invite for #1 Ivan Petrov; older ones no longer work");
	fresh = hf_keep(f, invite_code_of(t));
	assert_string_not_equal(old, fresh);

	/* The old code is refused and links nothing. */
	start = hf_keep(f, xasprintf("/start %s", old));
	hf_expect(f, GUEST, start, "replaced by a newer one");
	assert_int_equal(tg_of(f, PERSON_STUDENT, 1), 0);
	{
		struct h_msg m = hf_msg(GUEST, start);

		m.lang_code = "ru";
		hf_send_msg(f, &m);
		hf_assert_contains(hf_take_reply(f, GUEST), "заменила более новая");
	}
	start = hf_keep(f, xasprintf("/start %s", fresh));
	hf_send_take(f, GUEST, start);
	assert_int_equal(tg_of(f, PERSON_STUDENT, 1), GUEST);

	/* Linked now: no invite needed. Russian reply. */
	{
		struct h_msg m = hf_msg(HF_OWNER, "/invite 1");

		m.lang_code = "ru";
		hf_send_msg(f, &m);
		hf_assert_contains(hf_take_reply(f, HF_OWNER),
		    "#1 Ivan Petrov: Telegram уже привязан; приглашение не нужно.");
	}
}

static void test_invite_in_group(void **state)
{
	struct hf *f = *state;
	struct h_msg m = hf_msg(HF_OWNER, "/addstudent Ivan Petrov +79001234567");

	/* Never a code in a group: the router asks for a private chat and
	 * nothing is added or issued. */
	m.chat_id = -500;
	m.is_private = 0;
	hf_send_msg(f, &m);
	hf_assert_contains(hf_take_reply(f, -500), "Please write /addstudent to me in a private chat.");
	hf_sql_assert(f, "(SELECT count(*) FROM students) = 0");
	hf_send(f, HF_OWNER, "/addstudent Ivan Petrov +79001234567");
	assert_true(hf_take(f) >= 1);
	m.text = "/invite 1";
	m.lang_code = "ru";
	hf_send_msg(f, &m);
	hf_assert_lacks(hf_take_reply(f, -500), "start");
	hf_sql_assert(f, "(SELECT count(*) FROM invites) = 1");
}

static void test_invite_bad_input(void **state)
{
	struct hf *f = *state;
	static const struct hf_case cases[] = {
		{ "/invite", "Usage: /invite [trainer] &lt;#id | name&gt;" },
		{ "/invite trainer", "Example: <code>/invite Ivan</code>" },
		{ "/invite #9", "There is no student #9" },
		{ "/invite 9", "There is no student #9" },
		{ "/invite #x", "not a student number" },
		{ "/invite trainer #9", "There is no trainer #9" },
		{ "/invite trainer Nobody", "No trainer matches “Nobody”" },
		{ "/invite <b>", "No student matches “&lt;b&gt;”" },
		{ "/invite #2", "#2 Olga Petrov is inactive; reactivate them first: "
		    "<code>/reactivate #2</code>" },
		{ "/invite trainer 1", "reactivate them first: <code>/trainer #1 on</code>" },
	};

	hf_person(f, PERSON_STUDENT, "Ivan", "+79001234567", 0);
	hf_person(f, PERSON_STUDENT, "Olga", "+79001234568", 0);
	hf_person(f, PERSON_TRAINER, "Anna", "+79001234569", 0);
	hf_sql(f, "UPDATE students SET active = 0 WHERE id = 2; UPDATE trainers SET active = 0;");
	hf_expect_cases(f, HF_OWNER, cases, BJJ_ARRAY_LEN(cases));
	hf_sql_assert(f, "(SELECT count(*) FROM invites) = 0");
	hf_sql_assert(f, "(SELECT count(*) FROM audit_log) = 0");
	/* Students and trainers may not. */
	hf_person(f, PERSON_STUDENT, "Oleg", "+79001234570", GUEST2);
	hf_expect(f, GUEST2, "/invite #1", "only for the academy owner");
	hf_sql_assert(f, "(SELECT count(*) FROM invites) = 0");
}

static void test_invites_list(void **state)
{
	struct hf *f = *state;
	char *code = hf_keep(f, add_ivan(f)), *start;
	const char *t;

	hf_send_take(f, HF_OWNER, "/addtrainer Anna <Smirnova> +79007654321");
	t = hf_ask(f, HF_OWNER, "/invites");
	hf_assert_contains_all(t, "Invites not used yet</b>: 2",
	    "student #1 Ivan Petrov — until 2026-06-",
	    "trainer #1 Anna &lt;Smirnova&gt; — until 2026-06-");
	/* Codes are never printed in the list. */
	hf_assert_lacks_all(t, code, "start=");

	/* A used one, or one whose record got linked, is not pending. */
	start = hf_keep(f, xasprintf("/start %s", code));
	hf_send_take(f, GUEST, start);
	assert_int_equal(invites_count(f), 1);
	{
		struct h_msg m = hf_msg(HF_OWNER, "/invites");

		m.lang_code = "ru";
		hf_send_msg(f, &m);
		t = hf_take_reply(f, HF_OWNER);
		hf_assert_contains(t, "Неиспользованные приглашения</b>: 1");
		hf_assert_contains(t, "тренер #1 Anna &lt;Smirnova&gt; — до 2026-06-");
	}
	hf_expect(f, HF_OWNER, "/invites all", "Usage: /invites");
	/* Expired ones drop out. */
	f->env.now = HF_NOW + 8 * 86400;
	hf_expect(f, HF_OWNER, "/invites", "No invites are waiting to be used.");
	hf_expect(f, GUEST, "/invites", "only for the academy owner");
}

/* An invite of a deactivated record links nothing until it is active
 * again; then the same link works. */
static void test_invite_inactive_record(void **state)
{
	struct hf *f = *state;
	char *code = hf_keep(f, add_ivan(f)), *start = hf_keep(f, xasprintf("/start %s", code));
	struct h_msg m = hf_msg(GUEST, start);

	hf_send_take(f, HF_OWNER, "/deactivate #1");
	hf_send(f, GUEST, start);
	hf_assert_contains(hf_take_reply(f, GUEST),
	    "This invite is for a record the academy has deactivated");
	m.lang_code = "ru";
	hf_send_msg(f, &m);
	hf_assert_contains(hf_take_reply(f, GUEST), "для записи, которую академия деактивировала");
	assert_int_equal(tg_of(f, PERSON_STUDENT, 1), 0);
	hf_sql_assert(f, "(SELECT used_at IS NULL FROM invites)");

	hf_send_take(f, HF_OWNER, "/reactivate #1");
	hf_send_take(f, GUEST, start);
	hf_assert_contains(hf_text_to(f, GUEST),
	    "You are linked as student #1");
	assert_int_equal(tg_of(f, PERSON_STUDENT, 1), GUEST);
}

static void test_unlink(void **state)
{
	struct hf *f = *state;
	char code[INVITE_CODE_LEN + 1], *start;
	const struct outbox_item *it;
	const char *t;

	hf_person(f, PERSON_STUDENT, "Ivan", "+79001234567", GUEST);
	hf_person(f, PERSON_TRAINER, "Anna", "+79007654321", GUEST2);
	/* An invite made before the unlink must not link the record again. */
	assert_int_equal(db_invite_create(f->db, PERSON_STUDENT, 1, HF_NOW, HF_NOW + 86400, code),
	    DB_OK);
	assert_int_equal(h_role_of(&f->env, GUEST), ROLE_STUDENT);

	assert_int_equal(hf_send_take(f, HF_OWNER, "/unlink ivan"), 2);
	it = hf_get(f, OB_SEND_MESSAGE, HF_OWNER);
	hf_assert_contains_all(it->text, "#1 Ivan Petrov: Telegram unlinked", "<code>/invite #1</code>");
	/* Their menu falls to the guest's at once. */
	it = hf_get(f, OB_SET_COMMANDS, GUEST);
	hf_assert_lacks(it->text, "\"balance\"");
	assert_int_equal(tg_of(f, PERSON_STUDENT, 1), 0);
	assert_int_equal(h_role_of(&f->env, GUEST), ROLE_GUEST);
	start = hf_keep(f, xasprintf("/start %s", code));
	hf_expect(f, GUEST, start, "replaced by a newer one");
	assert_int_equal(tg_of(f, PERSON_STUDENT, 1), 0);

	/* Nor does sharing the record's phone: only a new invite links it. */
	{
		struct h_msg m = contact_msg(GUEST, GUEST, "+79001234567");

		hf_send_msg(f, &m);
		assert_int_equal(hf_take(f), 1);
		hf_assert_contains(f->items[0].text, "The academy unlinked Telegram from this record");
		m.lang_code = "ru";
		hf_send_msg(f, &m);
		hf_take(f);
		hf_assert_contains(f->items[0].text, "Академия отвязала Telegram от этой записи");
		assert_int_equal(tg_of(f, PERSON_STUDENT, 1), 0);
		assert_int_equal(h_role_of(&f->env, GUEST), ROLE_GUEST);
	}

	hf_expect(f, HF_OWNER, "/unlink #1",
	    "#1 Ivan Petrov has no Telegram linked; nothing changed");

	{
		struct h_msg m = hf_msg(HF_OWNER, "/unlink Тренер anna");

		m.lang_code = "ru";
		hf_send_msg(f, &m);
		hf_take(f);
		t = hf_text_to(f, HF_OWNER);
		hf_assert_contains_all(t, "#1 Anna Petrova: Telegram отвязан",
		    "<code>/invite тренер #1</code>");
	}
	assert_int_equal(tg_of(f, PERSON_TRAINER, 1), 0);
	assert_int_equal(h_role_of(&f->env, GUEST2), ROLE_GUEST);
	hf_sql_assert(f, "SELECT group_concat(action) = 'student.unlink,trainer.unlink' "
	    "FROM (SELECT action FROM audit_log ORDER BY id)");
	hf_sql_assert(f, "(SELECT details FROM audit_log WHERE action = 'student.unlink') = 'tg 400'");

	/* Bad input changes nothing. */
	hf_person(f, PERSON_STUDENT, "Olga", "+79001234568", 402);
	hf_expect(f, HF_OWNER, "/unlink", "Usage: /unlink");
	hf_expect(f, HF_OWNER, "/unlink #x", "not a student number");
	hf_expect(f, HF_OWNER, "/unlink trainer #7", "There is no trainer #7");
	hf_expect(f, 402, "/unlink #2", "only for the academy owner");
	assert_int_equal(tg_of(f, PERSON_STUDENT, 2), 402);
	hf_sql_assert(f, "(SELECT count(*) FROM audit_log) = 2");
}

static void test_returning_student(void **state)
{
	struct hf *f = *state;
	struct h_msg m = contact_msg(GUEST, GUEST, "+7 900 123-45-67");
	const struct outbox_item *it;
	const char *t;

	free(add_ivan(f));
	hf_sql(f, "UPDATE students SET active = 0 WHERE id = 1;");
	/* An unknown phone shared first that day does not silence the alert
	 * below. */
	{
		struct h_msg u = contact_msg(GUEST, GUEST, "+79009999999");

		hf_send_msg(f, &u);
		assert_int_equal(hf_take(f), 2);
	}

	/* The shared contact of a deactivated student. */
	hf_send_msg(f, &m);
	assert_int_equal(hf_take(f), 2);
	it = hf_find(f, OB_SEND_MESSAGE, GUEST);
	hf_assert_contains(it->text, "not active at the moment. I told the academy");
	hf_assert_contains(it->markup, "remove_keyboard");
	it = hf_find(f, OB_SEND_MESSAGE, HF_OWNER);
	hf_assert_contains(it->text, "shared the phone +79001234567 of a deactivated record: "
	    "student #1 Ivan Petrov");
	hf_assert_contains(it->text, "<code>/reactivate #1</code>");
	assert_int_equal(tg_of(f, PERSON_STUDENT, 1), 0);
	assert_int_equal(h_role_of(&f->env, GUEST), ROLE_GUEST);
	m.lang_code = "ru";
	hf_send_msg(f, &m);
	hf_take(f);
	hf_assert_contains(hf_text_to(f, GUEST), "Ваша запись в академии сейчас неактивна");
	/* Shared again the same day: the owners were told already. */
	assert_null(hf_find(f, OB_SEND_MESSAGE, HF_OWNER));

	/* /addstudent with that phone names the record. */
	t = hf_ask(f, HF_OWNER, "/addstudent Ivan Petrov +79001234567");
	hf_assert_contains(t, "The phone +79001234567 belongs to student #1 Ivan Petrov, who is "
	    "deactivated. Nothing was added. To bring them back: <code>/reactivate #1</code>");
	assert_false(hf_exists(f, PERSON_STUDENT, 2));
	{
		struct h_msg r = hf_msg(HF_OWNER, "/addstudent Иван Петров +79001234567");

		r.lang_code = "ru";
		hf_send_msg(f, &r);
		hf_assert_contains(hf_take_reply(f, HF_OWNER),
		    "Номер +79001234567 уже есть в базе: ученик #1 Ivan Petrov, запись неактивна. "
		    "Ничего не добавлено. Чтобы вернуть: <code>/reactivate #1</code>");
	}
	assert_false(hf_exists(f, PERSON_STUDENT, 2));

	/* A deactivated trainer: the owners get the trainer's command. */
	hf_person(f, PERSON_TRAINER, "Anna", "+79007654321", 0);
	hf_sql(f, "UPDATE trainers SET active = 0;");
	m = contact_msg(GUEST2, GUEST2, "+79007654321");
	hf_send_msg(f, &m);
	hf_take(f);
	hf_assert_contains(hf_text_to(f, HF_OWNER),
	    "trainer #1 Anna Petrova. To bring them back:\n<code>/trainer #1 on</code>");
	assert_int_equal(tg_of(f, PERSON_TRAINER, 1), 0);
	/* And /addtrainer with that phone names the trainer. */
	hf_expect(f, HF_OWNER, "/addtrainer Anna Petrova +79007654321",
	    "belongs to trainer #1 Anna Petrova, who is "
	    "deactivated. Nothing was added. To bring them back: <code>/trainer #1 on</code>");
	assert_false(hf_exists(f, PERSON_TRAINER, 2));
}

BJJ_TEST_MAIN(
	HF_TEST(test_addstudent_and_redeem),
	HF_TEST(test_addtrainer_and_redeem),
	HF_TEST(test_add_without_bot_username),
	HF_TEST(test_add_bad_arguments),
	HF_TEST(test_add_belts),
	HF_TEST(test_add_duplicate_phone),
	HF_TEST(test_name_escaped),
	cmocka_unit_test(test_name_html),
	HF_TEST(test_start_codes),
	HF_TEST(test_start_plain),
	HF_TEST(test_contact_own),
	HF_TEST(test_contact_of_someone_else),
	HF_TEST(test_contact_unknown_phone),
	HF_TEST(test_contact_trainer_phone),
	HF_TEST(test_invite_replaces_old),
	HF_TEST(test_invite_in_group),
	HF_TEST(test_invite_bad_input),
	HF_TEST(test_invites_list),
	HF_TEST(test_invite_inactive_record),
	HF_TEST(test_unlink),
	HF_TEST(test_returning_student),
)
