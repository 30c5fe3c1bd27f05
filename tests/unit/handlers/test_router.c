/*
 * test_router.c — handlers/handlers.c: roles, languages, command parsing
 * (/cmd@bot, case, unknown, non-commands, oversized text), role checks,
 * /help and the command menus, long replies split, callbacks answered
 * first, blocked users marked unreachable, the owners' alerts, private
 * commands and buttons refused in groups. Runs against an in-memory
 * database and reads the outbox rows the handlers queued.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <cjson/cJSON.h>

#include <stdio.h>

#include "handlers/command.h"
#include "handlers/reply.h"
#include "handlers_fixture.h"
#include "test_main.h"

static void test_roles(void **state)
{
	struct hf *f = *state;

	hf_person(f, PERSON_TRAINER, "Anna", "+79000000002", 200);
	hf_person(f, PERSON_STUDENT, "Oleg", "+79000000003", 300);
	/* An owner who also trains keeps the owner's role. */
	hf_person(f, PERSON_STUDENT, "Boss", "+79000000001", HF_OWNER);

	assert_int_equal(h_role_of(&f->env, HF_OWNER), ROLE_OWNER);
	assert_int_equal(h_role_of(&f->env, 200), ROLE_TRAINER);
	assert_int_equal(h_role_of(&f->env, 300), ROLE_STUDENT);
	assert_int_equal(h_role_of(&f->env, 400), ROLE_GUEST);
	assert_string_equal(h_role_name(ROLE_OWNER), "owner");
	assert_string_equal(h_role_name(ROLE_TRAINER), "trainer");
	assert_string_equal(h_role_name(ROLE_STUDENT), "student");
	assert_string_equal(h_role_name(ROLE_GUEST), "guest");
}

static void test_lang(void **state)
{
	(void)state;
	assert_int_equal(h_lang_from_code("ru", LANG_EN), LANG_RU);
	assert_int_equal(h_lang_from_code("ru-RU", LANG_EN), LANG_RU);
	assert_int_equal(h_lang_from_code("en-GB", LANG_RU), LANG_EN);
	assert_int_equal(h_lang_from_code("de", LANG_RU), LANG_RU);
	assert_int_equal(h_lang_from_code(NULL, LANG_EN), LANG_EN);
}

/* The reply's language: the update's language_code, else the last one the
 * sender sent, else the academy's. */
static void test_language_follows_sender(void **state)
{
	static const struct {
		const char *code;
		enum lang academy;
		const char *says;
	} steps[] = {
		{ "ru", LANG_EN, "что я умею" },
		{ NULL, LANG_RU, "что я умею" },
		{ "en", LANG_RU, "what I can do" },
		{ NULL, LANG_RU, "what I can do" },
		{ "ru-RU", LANG_RU, "что я умею" },
		{ NULL, LANG_EN, "что я умею" },
		/* An unknown code is stored as it is: the academy's language. */
		{ "de", LANG_EN, "what I can do" },
		{ NULL, LANG_RU, "что я умею" },
	};
	struct hf *f = *state;
	struct h_msg m = hf_msg(400, "/help");

	for (size_t i = 0; i < BJJ_ARRAY_LEN(steps); i++) {
		m.lang_code = steps[i].code;
		f->env.default_lang = steps[i].academy;
		hf_send_msg(f, &m);
		hf_assert_contains(hf_take_reply(f, 400), steps[i].says);
	}
	/* A first update without a code: the academy's. */
	m = hf_msg(401, "/help");
	m.lang_code = NULL;
	f->env.default_lang = LANG_RU;
	hf_send_msg(f, &m);
	hf_assert_contains(hf_take_reply(f, 401), "что я умею");
}

static void test_command_addressed_to_us(void **state)
{
	struct hf *f = *state;
	char *lang = NULL;

	hf_send(f, HF_OWNER, "/help@thisbot");
	hf_assert_contains(hf_take_all_text(f, HF_OWNER), "/addstudent");
	hf_send(f, HF_OWNER, "/HELP@ThisBot extra words");
	hf_assert_contains(hf_take_all_text(f, HF_OWNER), "/addstudent");
	/* Bookkeeping happened even for the bare command. */
	assert_int_equal(db_tg_user_lang(f->db, HF_OWNER, &lang), DB_OK);
	assert_string_equal(lang, "en");
	free(lang);
}

static void test_command_for_other_bot_ignored(void **state)
{
	struct hf *f = *state;
	struct h_msg m = hf_group_msg(-500, 400, "/help@OtherBot");

	hf_send_msg(f, &m);
	assert_int_equal(hf_take(f), 0);
	/* Also an unknown or restricted command, and also in private. */
	m.text = "/addstudent@OtherBot a b +79001234567";
	hf_send_msg(f, &m);
	assert_int_equal(hf_send_take(f, 400, "/frobnicate@OtherBot"), 0);
	/* Neither a longer name nor another of the same length. */
	hf_send(f, 400, "/help@ThisBotX");
	assert_int_equal(hf_send_take(f, 400, "/help@ThatBot"), 0);
}

static void test_unknown_command(void **state)
{
	struct hf *f = *state;
	struct h_msg m = hf_msg(-500, "/frobnicate");
	const char *t;

	t = hf_ask(f, 400, "/frobnicate now");
	hf_assert_contains_all(t, "/frobnicate", "/help");
	/* Not a valid command name: still pointed to /help, nothing echoed. */
	t = hf_ask(f, 400, "/<b>x</b>");
	hf_assert_contains(t, "/help");
	hf_assert_lacks(t, "<b>x");
	hf_expect(f, 400, "/abcdefghijabcdefghijabcdefghijabc", "/help");
	/* In a group, unaddressed: maybe another bot's; addressed: ours. */
	m.is_private = 0;
	m.from_id = 400;
	hf_send_msg(f, &m);
	assert_int_equal(hf_take(f), 0);
	m.text = "/frobnicate@ThisBot";
	hf_send_msg(f, &m);
	hf_assert_contains(hf_take_reply(f, -500), "/help");
}

static void test_debug_long_needs_test_mode(void **state)
{
	struct hf *f = *state;

	f->env.test_mode = 0;
	hf_expect(f, HF_OWNER, "/debug_long 100", "don't know the command /debug_long");
}

/* /debug_crash aborts the process in test mode; anywhere else it is unknown. */
static void test_debug_crash_needs_test_mode(void **state)
{
	struct hf *f = *state;

	f->env.test_mode = 0;
	hf_expect(f, 400, "/debug_crash", "don't know the command /debug_crash");
}

static void test_non_command_text(void **state)
{
	struct hf *f = *state;
	struct h_msg m = hf_msg(300, "hello there");

	/* A member's text (a guest's is a lead: test_news.c). */
	hf_person(f, PERSON_STUDENT, "Oleg", "+79000000003", 300);
	hf_send_msg(f, &m);
	hf_assert_contains(hf_take_reply(f, 300), "/help");
	/* A photo without caption (no text) in private: same hint. */
	m.text = NULL;
	hf_send_msg(f, &m);
	hf_assert_contains(hf_take_reply(f, 300), "/help");
	/* In a group: people talk; the bot keeps quiet. */
	m.chat_id = -500;
	m.is_private = 0;
	m.text = "hello all";
	hf_send_msg(f, &m);
	assert_int_equal(hf_take(f), 0);
}

static void test_oversized_text(void **state)
{
	struct hf *f = *state;
	struct buf b = { 0 };
	size_t i;

	buf_adds(&b, "/addstudent Ivan Petrov +79001234567 ");
	for (i = 0; i < 5000; i++)
		buf_addc(&b, 'x');
	hf_expect(f, HF_OWNER, buf_str(&b), "too long");
	assert_false(hf_exists(f, PERSON_STUDENT, 1));
	hf_expect(f, 400, buf_str(&b) + 1, "too long");
	buf_release(&b);
	/* 4000 Cyrillic letters are 8000 bytes but within the limit. */
	for (i = 0; i < 4000; i++)
		buf_adds(&b, "ж");
	hf_send(f, 400, buf_str(&b));
	hf_assert_lacks(hf_take_reply(f, 400), "too long");
	buf_release(&b);
}

static void test_student_cannot_add(void **state)
{
	struct hf *f = *state;
	const char *t;

	hf_person(f, PERSON_STUDENT, "Oleg", "+79000000003", 300);
	t = hf_ask(f, 300, "/addstudent Ivan Petrov +79001234567");
	hf_assert_contains_all(t, "/addstudent", "owner");
	assert_false(hf_exists(f, PERSON_STUDENT, 2));
	/* A guest and a trainer neither. */
	hf_expect(f, 400, "/addtrainer Anna Petrova +79001234568", "owner");
	hf_person(f, PERSON_TRAINER, "Anna", "+79000000002", 200);
	hf_expect(f, 200, "/addtrainer Olga Petrova +79001234568", "owner");
	assert_false(hf_exists(f, PERSON_TRAINER, 2));
	/* The test-only command is the owner's, too. */
	hf_expect(f, 300, "/debug_long 10", "owner");
}

static void test_help_per_role(void **state)
{
	struct hf *f = *state;
	const char *t;

	hf_person(f, PERSON_STUDENT, "Oleg", "+79000000003", 300);
	hf_send(f, HF_OWNER, "/help");
	t = hf_take_all_text(f, HF_OWNER);
	hf_assert_contains_all(t, "/addstudent", "/addtrainer", "&lt;phone&gt;",
	    "Test &amp; Co BJJ");
	hf_assert_lacks_all(t, "debug_long", "debug_crash");

	t = hf_ask(f, 300, "/help");
	hf_assert_contains(t, "/help");
	hf_assert_lacks_all(t, "/addstudent", "debug_long");

	t = hf_ask(f, 400, "/help");
	hf_assert_contains(t, "/start");
	hf_assert_lacks(t, "/addstudent");
}

/* Arguments only staff may use show in the usage of staff alone: in
 * /help and in the usage reply. */
static void test_help_usage_per_role(void **state)
{
	struct hf *f = *state;
	struct h_msg m = hf_msg(300, "/help");
	const char *t;

	hf_person(f, PERSON_STUDENT, "Oleg", "+79000000003", 300);
	hf_person(f, PERSON_TRAINER, "Anna", "+79000000004", 500);
	hf_send(f, 300, "/help");
	t = hf_take_all_text(f, 300);
	hf_assert_contains_all(t, "\n/balance — ", "\n/plans — ", "\n/checkin — ", "\n/belt — ");
	hf_assert_lacks_all(t, "#id", "trainers", "owners");
	m.lang_code = "ru";
	hf_send_msg(f, &m);
	t = hf_take_all_text(f, 300);
	hf_assert_contains(t, "\n/balance — ");
	hf_assert_lacks_all(t, "#номер", "для тренеров", "владельца");

	hf_send(f, 500, "/help");
	t = hf_take_all_text(f, 500);
	hf_assert_contains_all(t, "\n/balance [#id | name] — ", "\n/checkin [#id | name] — ",
	    "\n/belt [#id | name] — ", "\n/plans — ");

	hf_send_ru(f, HF_OWNER, "/help");
	t = hf_take_all_text(f, HF_OWNER);
	hf_assert_contains_all(t, "\n/plans [все: вместе со снятыми с продажи] — ",
	    "\n/balance [#номер | имя] — ");
	hf_expect(f, HF_OWNER, "/plans cheap", "Usage: /plans [all: retired plans too]");
}

/* In a group /help lists only what works there. */
static void test_help_in_group(void **state)
{
	struct hf *f = *state;
	struct h_msg m = hf_msg(HF_OWNER, "/help");
	const char *t;

	m.chat_id = -700;
	m.is_private = 0;
	hf_send_msg(f, &m);
	t = hf_take_reply(f, -700);
	hf_assert_contains_all(t, "/schedule", "/plans");
	hf_assert_lacks_all(t, "/addstudent", "/balance");
}

static void test_help_per_language(void **state)
{
	struct hf *f = *state;
	struct h_msg m = hf_msg(HF_OWNER, "/help");
	const char *t;

	m.lang_code = "ru";
	hf_send_msg(f, &m);
	/* The owner's list is long: it may come in several messages. */
	t = hf_take_all_text(f, HF_OWNER);
	hf_assert_contains(t, "добавить ученика");
	hf_assert_contains(t, "&lt;телефон&gt;");
	hf_assert_lacks(t, "add a student");
	hf_send(f, HF_OWNER, "/help");
	t = hf_take_all_text(f, HF_OWNER);
	hf_assert_contains(t, "add a student");
	hf_assert_lacks(t, "добавить ученика");
}

/* The commands of a JSON list, checked against setMyCommands' rules. */
static cJSON *parse_commands(const char *json)
{
	cJSON *arr = cJSON_Parse(json), *o;
	const char *name, *desc;
	size_t i;

	assert_non_null(arr);
	assert_true(cJSON_IsArray(arr));
	assert_true(cJSON_GetArraySize(arr) >= 1 && cJSON_GetArraySize(arr) <= 100);
	cJSON_ArrayForEach(o, arr) {
		name = cJSON_GetStringValue(cJSON_GetObjectItem(o, "command"));
		desc = cJSON_GetStringValue(cJSON_GetObjectItem(o, "description"));
		assert_non_null(name);
		assert_non_null(desc);
		assert_true(strlen(name) >= 1 && strlen(name) <= 32);
		for (i = 0; name[i] != '\0'; i++)
			assert_non_null(strchr("abcdefghijklmnopqrstuvwxyz0123456789_", name[i]));
		assert_true(utf8_len(desc) >= 1 && utf8_len(desc) <= 256);
		assert_string_not_equal(name, "debug_long");
		assert_string_not_equal(name, "debug_crash");
	}
	return arr;
}

static int has_command(const cJSON *arr, const char *name)
{
	const cJSON *o;

	cJSON_ArrayForEach(o, arr) {
		if (strcmp(cJSON_GetStringValue(cJSON_GetObjectItem(o, "command")), name) == 0)
			return 1;
	}
	return 0;
}

/* The commands of role in lang, parsed and checked (parse_commands). */
static cJSON *commands_of(enum role r, enum lang l)
{
	char *json = h_commands_json(r, l);
	cJSON *arr = parse_commands(json);

	free(json);
	return arr;
}

static void test_commands_json(void **state)
{
	char *guest = h_commands_json(ROLE_GUEST, LANG_RU);
	cJSON *o = commands_of(ROLE_OWNER, LANG_EN), *g = parse_commands(guest);

	(void)state;
	assert_true(has_command(o, "addstudent"));
	assert_true(has_command(o, "help"));
	assert_false(has_command(g, "addstudent"));
	assert_true(has_command(g, "start"));
	hf_assert_contains(guest, "что я умею");
	cJSON_Delete(o);
	cJSON_Delete(g);
	free(guest);
}

static void test_queue_command_lists(void **state)
{
	struct hf *f = *state;
	static const struct {
		int64_t chat;
		const char *ref;
		const char *must;
		const char *must_not;
	} want[] = {
		{ 0, NULL, "\"start\"", "addstudent" },
		{ 0, "en", "what I can do", "addstudent" },
		{ 0, "ru", "что я умею", "addstudent" },
		{ HF_OWNER, NULL, "addstudent", "что я умею" },
		{ HF_OWNER, "en", "addstudent", "что я умею" },
		{ HF_OWNER, "ru", "добавить ученика", "add a student" },
		{ HF_OWNER2, NULL, "addstudent", "что я умею" },
		{ HF_OWNER2, "en", "addstudent", "что я умею" },
		{ HF_OWNER2, "ru", "addstudent", "add a student" },
	};
	size_t i;

	f->cfg.n_owners = 2;
	assert_int_equal(h_queue_command_lists(&f->env), 0);
	assert_int_equal(hf_take(f), BJJ_ARRAY_LEN(want));
	for (i = 0; i < f->n; i++) {
		assert_int_equal(f->items[i].method, OB_SET_COMMANDS);
		assert_int_equal(f->items[i].chat_id, want[i].chat);
		if (want[i].ref == NULL)
			assert_null(f->items[i].ref);
		else
			assert_string_equal(f->items[i].ref, want[i].ref);
		hf_assert_contains(f->items[i].text, want[i].must);
		hf_assert_lacks(f->items[i].text, want[i].must_not);
	}
}

/* Members' menus are refreshed once when the command lists changed (a
 * new version), not at every start. */
static void test_member_menus_refresh(void **state)
{
	struct hf *f = *state;
	const struct outbox_item *it;

	hf_person(f, PERSON_STUDENT, "Ivan", "+79001234567", 200);
	hf_person(f, PERSON_TRAINER, "Anna", "+79001234568", 300);
	assert_int_equal(h_queue_command_lists(&f->env), 0);
	hf_take(f);
	it = hf_get(f, OB_SET_COMMANDS, 200);
	hf_assert_lacks(it->text, "addstudent");
	it = hf_get(f, OB_SET_COMMANDS, 300);
	hf_assert_contains(it->text, "attendance");
	/* the next start: the lists are the same, members are left alone */
	assert_int_equal(h_queue_command_lists(&f->env), 0);
	hf_take(f);
	assert_null(hf_find(f, OB_SET_COMMANDS, 200));
	assert_null(hf_find(f, OB_SET_COMMANDS, 300));
	/* a version with other lists */
	assert_int_equal(db_state_set_int(f->db, "commands_hash", 1), DB_OK);
	assert_int_equal(h_queue_command_lists(&f->env), 0);
	hf_take(f);
	assert_non_null(hf_find(f, OB_SET_COMMANDS, 200));
	assert_non_null(hf_find(f, OB_SET_COMMANDS, 300));
}

static void test_long_reply_split(void **state)
{
	struct hf *f = *state;
	struct buf joined = { 0 };
	size_t i;

	hf_send(f, HF_OWNER, "/debug_long 6000");
	assert_true(hf_take(f) >= 2);
	for (i = 0; i < f->n; i++) {
		assert_int_equal(f->items[i].method, OB_SEND_MESSAGE);
		assert_int_equal(f->items[i].chat_id, HF_OWNER);
		assert_true(utf8_len(f->items[i].text) <= 4096);
		assert_true(utf8_len(f->items[i].text) >= 1);
		if (i > 0)
			buf_addc(&joined, '\n');
		buf_adds(&joined, f->items[i].text);
	}
	/* Cut at line ends, in order, nothing lost: line k is letter k. */
	assert_int_equal(joined.len, 6000);
	for (i = 0; i < joined.len; i++) {
		if (i % 70 == 69)
			assert_int_equal(joined.s[i], '\n');
		else
			assert_int_equal(joined.s[i], 'a' + (int)(i / 70 % 26));
	}
	buf_release(&joined);

	/* Bad sizes get the usage. */
	hf_expect(f, HF_OWNER, "/debug_long lots", "Usage: /debug_long");
	hf_expect(f, HF_OWNER, "/debug_long 0", "Usage: /debug_long");
}

static void test_callback_answered_first(void **state)
{
	struct hf *f = *state;
	struct h_msg m = hf_msg(400, NULL);

	m.kind = H_MSG_CALLBACK;
	m.cb_id = "cbq-1";
	m.cb_data = "reg:42";
	hf_send_msg(f, &m);
	assert_true(hf_take(f) >= 1);
	assert_int_equal(f->items[0].method, OB_ANSWER_CALLBACK);
	assert_string_equal(f->items[0].ref, "cbq-1");
	hf_assert_contains(f->items[0].text, "outdated");

	/* Malformed data (no prefix, too long, none): outdated as well. */
	m.cb_data = "garbage";
	hf_send_msg(f, &m);
	m.cb_data = NULL;
	hf_send_msg(f, &m);
	assert_int_equal(hf_take(f), 2);
	assert_int_equal(f->items[0].method, OB_ANSWER_CALLBACK);
	assert_int_equal(f->items[1].method, OB_ANSWER_CALLBACK);
	hf_assert_contains(f->items[1].text, "outdated");
}

static void test_member_blocked(void **state)
{
	struct hf *f = *state;
	struct h_msg m = hf_msg(300, NULL);
	struct person p;
	int64_t id = hf_person(f, PERSON_STUDENT, "Oleg", "+79000000003", 300);

	m.kind = H_MSG_MEMBER;
	/* blocked: unreachable; unblocked: reachable again; no reply either way */
	for (int blocked = 1; blocked >= 0; blocked--) {
		m.member_blocked = blocked;
		hf_send_msg(f, &m);
		assert_int_equal(db_person_get(f->db, PERSON_STUDENT, id, &p), DB_OK);
		assert_int_equal(p.reachable, !blocked);
		person_release(&p);
		assert_int_equal(hf_take(f), 0);
	}
}

static void test_chat_unreachable(void **state)
{
	struct hf *f = *state;
	struct outbox_new it = { 0 };
	struct person p;
	int64_t id = hf_person(f, PERSON_STUDENT, "<Oleg>", "+79000000003", 300);

	f->cfg.n_owners = 2;
	hf_send(f, 300, "/help");
	hf_send(f, 300, "/start");
	it.chat_id = 300;
	it.method = OB_ANSWER_CALLBACK;
	it.ref = "cbq-9";
	assert_int_equal(db_outbox_add(f->db, &it, NULL), DB_OK);

	assert_int_equal(h_chat_unreachable(&f->env, 300), 0);
	assert_int_equal(db_person_get(f->db, PERSON_STUDENT, id, &p), DB_OK);
	assert_int_equal(p.reachable, 0);
	person_release(&p);
	/* Their messages are gone (the callback answer is not a message);
	 * both owners heard once, the name escaped. */
	assert_int_equal(hf_take(f), 3);
	assert_null(hf_find(f, OB_SEND_MESSAGE, 300));
	assert_non_null(hf_find(f, OB_ANSWER_CALLBACK, 300));
	hf_assert_contains(hf_text_to(f, HF_OWNER),
	    "student #1 &lt;Oleg&gt; Petrov");
	assert_non_null(hf_find(f, OB_SEND_MESSAGE, HF_OWNER2));
	assert_int_equal(h_chat_unreachable(&f->env, 300), 0);
	assert_int_equal(hf_take(f), 0);

	/* A blocked owner is not sent the alert about themselves. */
	hf_person(f, PERSON_TRAINER, "Boss", "+79000000001", HF_OWNER);
	assert_int_equal(h_chat_unreachable(&f->env, HF_OWNER), 0);
	assert_int_equal(hf_take(f), 1);
	assert_int_equal(f->items[0].chat_id, HF_OWNER2);
	/* A guest or a group: nothing for the owners. */
	assert_int_equal(h_chat_unreachable(&f->env, 400), 0);
	assert_int_equal(h_chat_unreachable(&f->env, -500), 0);
	assert_int_equal(hf_take(f), 0);
}

static void test_alert_conflict(void **state)
{
	struct hf *f = *state;

	assert_int_equal(h_alert_conflict(&f->env, 180), 0);
	hf_assert_contains(hf_take_reply(f, HF_OWNER), "3 min (409 Conflict)");
}

static void test_plural(void **state)
{
	static const struct { long long n; const char *want; } ru[] = {
		{ 0, "many" }, { 1, "one" }, { 2, "few" }, { 4, "few" }, { 5, "many" },
		{ 11, "many" }, { 12, "many" }, { 14, "many" }, { 21, "one" }, { 22, "few" },
		{ 111, "many" }, { 101, "one" }, { -1, "one" }, { -3, "few" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof ru / sizeof ru[0]; i++)
		assert_string_equal(h_plural(LANG_RU, ru[i].n, "one", "few", "many"), ru[i].want);
	assert_string_equal(h_plural(LANG_EN, 1, "class", "-", "classes"), "class");
	assert_string_equal(h_plural(LANG_EN, 2, "class", "-", "classes"), "classes");
	assert_string_equal(h_plural(LANG_EN, 0, "class", "-", "classes"), "classes");
	assert_string_equal(h_plural(LANG_EN, 21, "class", "-", "classes"), "classes");
}

/* What the academy's tables hold, as one comparable value. */
#define RT_ACADEMY_SUM \
	"(SELECT count(*) || ':' || coalesce(sum(active), 0) || ':' || coalesce(sum(stripes), 0) " \
	"  FROM students) || '/' || (SELECT count(*) FROM trainers) || '/' || " \
	"(SELECT count(*) FROM plans) || '/' || (SELECT count(*) FROM subscriptions) || '/' || " \
	"(SELECT count(*) FROM payments) || '/' || (SELECT count(*) FROM attendance) || '/' || " \
	"(SELECT count(*) FROM class_templates) || '/' || (SELECT count(*) FROM trainings) || '/' || " \
	"(SELECT count(*) FROM promotions) || '/' || (SELECT count(*) FROM exams) || '/' || " \
	"(SELECT count(*) FROM freezes) || '/' || (SELECT count(*) FROM invites) || '/' || " \
	"(SELECT count(*) FROM audit_log) || '/' || (SELECT count(*) FROM picks)"

/*
 * Every command of the table, sent to a group by the owner, a trainer, a
 * student and a guest, bare and with an argument naming a student: a private one gets the one line asking to
 * write in private; none shows anyone's data, a button or changes a table.
 */
static void test_group_private_only(void **state)
{
	struct hf *f = *state;
	static const char *const tails[] = { "", " #1", " #1 month8 card", " Zzyzx" };
	/* The owner, a trainer, a student and a guest. */
	static const int64_t callers[] = { HF_OWNER, 301, 300, 700 };
	struct h_msg m = hf_msg(-500, NULL);
	char text[128];
	size_t j, k;

	hf_person(f, PERSON_STUDENT, "Zzyzx", "+79000000003", 300);
	hf_person(f, PERSON_TRAINER, "Tess", "+79000000004", 301);
	hf_send(f, HF_OWNER, "/addplan month8 4000 30 8 Monthly");
	hf_send(f, HF_OWNER, "/addclass mon,wed,fri 19:00 90 Gi");
	hf_send_take(f, HF_OWNER, "/sell #1 month8 card");
	hf_sql(f, "CREATE TEMP TABLE rt_before AS SELECT " RT_ACADEMY_SUM " AS v");

	m.is_private = 0;
	for (k = 0; k < BJJ_ARRAY_LEN(callers) * h_command_count; k++) {
		const struct h_command *c = h_command_table[k % h_command_count];

		m.from_id = callers[k / h_command_count];
		for (j = 0; j < BJJ_ARRAY_LEN(tails); j++) {
			snprintf(text, sizeof text, "/%s%s", c->name, tails[j]);
			m.text = text;
			hf_send_msg(f, &m);
			assert_true(hf_take(f) <= 1);
			if (f->n == 0)
				continue;
			assert_int_equal(f->items[0].chat_id, -500);
			assert_null(f->items[0].markup);
			hf_assert_lacks(f->items[0].text, "Zzyzx");
			hf_assert_lacks(f->items[0].text, "+7900");
			if (!(c->flags & H_CMD_PUBLIC)) {
				snprintf(text, sizeof text,
				    "Please write /%s to me in a private chat.", c->name);
				assert_string_equal(f->items[0].text, text);
			}
		}
	}
	hf_sql_assert(f, "(SELECT v FROM rt_before) = " RT_ACADEMY_SUM);

	/* The same in Russian; in private the command works. */
	m.text = "/students";
	m.lang_code = "ru";
	hf_send_msg(f, &m);
	hf_assert_contains(hf_take_reply(f, -500), "отправьте /students мне в личные сообщения");
	hf_expect(f, HF_OWNER, "/students", "Zzyzx");
}

/* A button pressed under a group message: a toast, nothing else; a
 * contact shared in a group: one line. */
static void test_group_callback_refused(void **state)
{
	struct hf *f = *state;
	struct h_msg m = hf_msg(-500, NULL);

	hf_person(f, PERSON_STUDENT, "Zzyzx", "+79000000003", 300);
	hf_sql(f, "CREATE TEMP TABLE rt_before AS SELECT " RT_ACADEMY_SUM " AS v");
	m.kind = H_MSG_CALLBACK;
	m.from_id = HF_OWNER;
	m.is_private = 0;
	m.cb_id = "cbq-g";
	m.cb_data = "stu:1:off";
	hf_send_msg(f, &m);
	assert_int_equal(hf_take(f), 1);
	assert_int_equal(f->items[0].method, OB_ANSWER_CALLBACK);
	hf_assert_contains(f->items[0].text, "private chat");
	/* A contact shared there does not link anyone. */
	m.kind = H_MSG_CONTACT;
	m.from_id = 301;
	m.contact_user_id = 301;
	m.contact_phone = "+79000000004";
	hf_person(f, PERSON_STUDENT, "Yolanda", "+79000000004", 0);
	hf_sql(f, "DROP TABLE rt_before;"
	    "CREATE TEMP TABLE rt_before AS SELECT " RT_ACADEMY_SUM " AS v");
	hf_send_msg(f, &m);
	assert_string_equal(hf_take_reply(f, -500), "Please use the bot in a private chat.");
	assert_null(f->items[0].markup);
	assert_int_equal(h_role_of(&f->env, 301), ROLE_GUEST);
	hf_sql_assert(f, "(SELECT v FROM rt_before) = " RT_ACADEMY_SUM);
}

/* Guests see the schedule and the prices, in groups too. */
static void test_guest_public_commands(void **state)
{
	struct hf *f = *state;
	struct h_msg m = hf_msg(-500, "/plans");

	hf_send_take(f, HF_OWNER, "/addplan month8 4000 30 8 Monthly");
	hf_expect(f, 400, "/plans", "month8");
	hf_expect(f, 400, "/schedule", "No classes");
	m.from_id = 400;
	m.is_private = 0;
	hf_send_msg(f, &m);
	hf_assert_contains(hf_take_reply(f, -500), "month8");
	m.text = "/schedule";
	hf_send_msg(f, &m);
	hf_assert_contains(hf_take_reply(f, -500), "No classes");
	/* Still a member's command: /balance. */
	hf_expect(f, 400, "/balance", "only for academy members");
}

/* Help lines go into /help's HTML as they are, and into setMyCommands. */
static void test_help_lines_plain(void **state)
{
	(void)state;
	for (size_t i = 0; i < h_command_count; i++) {
		for (int l = LANG_EN; l <= LANG_RU; l++) {
			const char *h = h_command_table[i]->help[l];

			if (utf8_len(h) < 1 || utf8_len(h) > 256 || strpbrk(h, "<>&") != NULL)
				fail_msg("/%s: bad help line \"%s\"", h_command_table[i]->name, h);
		}
	}
}

/* An invite opened in a group links nobody and stays usable. */
static void test_group_start_invite(void **state)
{
	struct hf *f = *state;
	struct h_msg m = hf_msg(-500, NULL);
	char text[64];
	const char *code;

	hf_send(f, HF_OWNER, "/addstudent Ivan Petrov +79001234567");
	code = strstr(hf_take_reply(f, HF_OWNER), "start=");
	assert_non_null(code);
	snprintf(text, sizeof text, "/start %.16s", code + 6);
	m.text = text;
	m.from_id = 300;
	m.is_private = 0;
	hf_send_msg(f, &m);
	assert_string_equal(hf_take_reply(f, -500), "Please write /start to me in a private chat.");
	assert_int_equal(h_role_of(&f->env, 300), ROLE_GUEST);
	hf_send_take(f, 300, text);
	hf_assert_contains(hf_text_to(f, 300), "linked as student #1");
}

BJJ_TEST_MAIN(
	HF_TEST(test_roles),
	HF_TEST(test_lang),
	HF_TEST(test_language_follows_sender),
	HF_TEST(test_command_addressed_to_us),
	HF_TEST(test_command_for_other_bot_ignored),
	HF_TEST(test_unknown_command),
	HF_TEST(test_debug_long_needs_test_mode),
	HF_TEST(test_debug_crash_needs_test_mode),
	HF_TEST(test_non_command_text),
	HF_TEST(test_oversized_text),
	HF_TEST(test_student_cannot_add),
	HF_TEST(test_help_per_role),
	HF_TEST(test_help_per_language),
	HF_TEST(test_help_usage_per_role),
	HF_TEST(test_help_in_group),
	HF_TEST(test_commands_json),
	HF_TEST(test_queue_command_lists),
	HF_TEST(test_member_menus_refresh),
	HF_TEST(test_long_reply_split),
	HF_TEST(test_callback_answered_first),
	HF_TEST(test_member_blocked),
	HF_TEST(test_chat_unreachable),
	HF_TEST(test_alert_conflict),
	HF_TEST(test_plural),
	HF_TEST(test_group_private_only),
	HF_TEST(test_group_callback_refused),
	HF_TEST(test_guest_public_commands),
	HF_TEST(test_help_lines_plain),
	HF_TEST(test_group_start_invite),
)
