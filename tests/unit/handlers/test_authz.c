/*
 * test_authz.c — the authorization matrix: every command of
 * h_command_table, in several argument forms, from every kind of caller
 * (guest, student, another student, trainer, deactivated student, former
 * trainer, owner), and forged data for every callback prefix. A refusal
 * names who may use the command and writes no row of any academy table
 * (counted by TEMP triggers, db_admin_watch in storage/script.h); a
 * student never sees another student's name or phone. Group chats are
 * covered by test_group_private_only (test_router.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <cmocka.h>

#include "handlers_fixture.h"
#include "handlers/command.h"
#include "handlers/texts.h"
#include "test_main.h"

#define AZ_ALMA 200     /* a student */
#define AZ_ZOE 201      /* another student */
#define AZ_TRAINER 300
#define AZ_GONE 400     /* a deactivated student */
#define AZ_FORMER 500   /* a trainer switched off with /trainer off */
#define AZ_GUEST 700

/* What each student shows only to themself, the owner and trainers. */
#define AZ_ALMA_PHONE "9001110001"
#define AZ_ZOE_PHONE "9005550002"

struct az_caller {
	const char *what;
	int64_t tg;
	enum role role;
	const char *other_name;  /* a student whose data it must not see */
	const char *other_phone;
};

static const struct az_caller az_callers[] = {
	{ "guest", AZ_GUEST, ROLE_GUEST, "Alma", AZ_ALMA_PHONE },
	{ "deactivated student", AZ_GONE, ROLE_GUEST, "Alma", AZ_ALMA_PHONE },
	{ "former trainer", AZ_FORMER, ROLE_GUEST, "Alma", AZ_ALMA_PHONE },
	{ "student", AZ_ALMA, ROLE_STUDENT, "Zoe", AZ_ZOE_PHONE },
	{ "other student", AZ_ZOE, ROLE_STUDENT, "Alma", AZ_ALMA_PHONE },
	{ "trainer", AZ_TRAINER, ROLE_TRAINER, NULL, NULL },
	/* Last: what the owner runs may change anything. */
	{ "owner", HF_OWNER, ROLE_OWNER, NULL, NULL },
};

/* Argument forms tried after every command name. */
static const char *const az_forms[] = {
	"", " #1", " #2", " Alma", " Zoe", " Zoe Petrov", " 1", " 99999", " -1",
	" junk<b>&", " #2 month8 card", " #2 500 cash", " #1 blue", " all",
	" 1 passed", " off", " +79005550002",
};

/* Rows of the academy's tables written since az_setup. */
static long long
az_changes(struct hf *f)
{
	long long n = db_admin_changes(f->db);

	assert_true(n >= 0);
	return n;
}

/* Alma (#1, a sale), Zoe (#2, a sale and a payment), Gone (#3,
 * deactivated), a trainer, a former trainer, a class open now and a weekly
 * one, a lead with its answer, an announcement and the owner's pending
 * name pick; then every write to an academy table is counted. */
static int az_setup(void **state)
{
	/* What the owner (and a guest) type to make the rest, in order. */
	static const struct {
		int64_t from;
		const char *text;
	} typed[] = {
		{ HF_OWNER, "/addplan month8 4000 30 8 Monthly" },
		/* Class #1 is open for check-in now (HF_NOW is 23:26 in Moscow). */
		{ HF_OWNER, "/addtraining 28.05 23:50 60 Open mat" },
		{ HF_OWNER, "/addclass mon,wed,fri 19:00 90 Gi" },
		{ HF_OWNER, "/sell #1 month8 card" },
		{ HF_OWNER, "/sell #2 month8 card" },
		{ HF_OWNER, "/pay #2 500 cash" },
		{ HF_OWNER, "/deactivate #3" },
		{ HF_OWNER, "/trainer Fred off" },
		{ AZ_GUEST, "Hello, how much is a month?" },
		{ HF_OWNER, "/answer 1 4000 RUB" },
		{ HF_OWNER, "/announce all Mats are cleaned on Sunday" },
		/* The owner's pending name pick (pick #1). */
		{ HF_OWNER, "/sell Petrov month8 card" },
	};
	struct hf *f;

	if (hf_setup_moscow(state) != 0)
		return -1;
	f = *state;
	assert_int_equal(hf_person(f, PERSON_STUDENT, "Alma", "+7" AZ_ALMA_PHONE, AZ_ALMA), 1);
	assert_int_equal(hf_person(f, PERSON_STUDENT, "Zoe", "+7" AZ_ZOE_PHONE, AZ_ZOE), 2);
	assert_int_equal(hf_person(f, PERSON_STUDENT, "Gone", "+79007770007", AZ_GONE), 3);
	hf_person(f, PERSON_TRAINER, "Trina", "+79003330003", AZ_TRAINER);
	hf_person(f, PERSON_TRAINER, "Fred", "+79008880008", AZ_FORMER);
	for (size_t i = 0; i < BJJ_ARRAY_LEN(typed); i++)
		hf_send(f, typed[i].from, typed[i].text);
	hf_take(f);
	assert_int_equal(h_role_of(&f->env, AZ_GONE), ROLE_GUEST);
	assert_int_equal(h_role_of(&f->env, AZ_FORMER), ROLE_GUEST);
	assert_int_equal(h_role_of(&f->env, AZ_TRAINER), ROLE_TRAINER);
	hf_sql_assert(f, "(SELECT count(*) FROM subscriptions) = 2");
	hf_sql_assert(f, "(SELECT count(*) FROM payments) >= 3");
	hf_sql_assert(f, "(SELECT count(*) FROM leads) = 1");
	hf_sql_assert(f, "(SELECT count(*) FROM announcements) = 1");
	hf_sql_assert(f, "(SELECT title FROM trainings WHERE id = 1) = 'Open mat'");
	hf_sql_assert(f, "(SELECT count(*) FROM picks WHERE id = 1) = 1");
	assert_int_equal(db_admin_watch(f->db), DB_OK);
	return 0;
}

/* The refusal of c in English, as h_reply_denied words it. */
static void az_denied_text(const struct h_command *c, char *out, size_t size)
{
	switch (c->min_role) {
	case ROLE_OWNER:
		snprintf(out, size, T_DENIED_OWNER_EN, c->name);
		break;
	case ROLE_TRAINER:
		snprintf(out, size, T_DENIED_TRAINER_EN, c->name);
		break;
	default:
		snprintf(out, size, T_DENIED_STUDENT_EN, c->name);
		break;
	}
}

/* Everything taken (messages and callback answers) says nothing of
 * another student of who's. */
static void az_assert_private(struct hf *f, const struct az_caller *who, const char *sent)
{
	size_t i;

	if (who->other_name == NULL)
		return;
	for (i = 0; i < f->n; i++) {
		const char *t = f->items[i].text;

		if (t == NULL)
			continue;
		if (strstr(t, who->other_name) != NULL || strstr(t, who->other_phone) != NULL)
			fail_msg("%s sent \"%s\" and saw another student: \"%s\"", who->what,
			    sent, t);
	}
}

/*
 * Every command × every form × every caller: a command above the caller's
 * role gets the one refusal line and changes nothing; what a student may
 * run never shows another student; everyone gets an answer.
 */
static void test_command_matrix(void **state)
{
	struct hf *f = *state;
	char text[128], denied[256];
	long long before;
	size_t i, j, k;

	for (k = 0; k < BJJ_ARRAY_LEN(az_callers); k++) {
		const struct az_caller *who = &az_callers[k];

		for (i = 0; i < h_command_count; i++) {
			const struct h_command *c = h_command_table[i];

			/* /debug_crash does what it says: test_router and the
			 * poison_update scenario cover it. */
			if (strcmp(c->name, "debug_crash") == 0)
				continue;
			for (j = 0; j < BJJ_ARRAY_LEN(az_forms); j++) {
				snprintf(text, sizeof text, "/%s%s", c->name, az_forms[j]);
				before = az_changes(f);
				hf_send_take(f, who->tg, text);
				if (who->role < c->min_role) {
					az_denied_text(c, denied, sizeof denied);
					if (f->n != 1 || f->items[0].text == NULL ||
					    strcmp(f->items[0].text, denied) != 0)
						fail_msg("%s: \"%s\" not refused (%zu rows)",
						    who->what, text, f->n);
					assert_null(f->items[0].markup);
					if (az_changes(f) != before)
						fail_msg("%s: refused \"%s\" changed data",
						    who->what, text);
				} else if (!(c->flags & H_CMD_TEST_ONLY) || f->n > 0) {
					if (f->n == 0)
						fail_msg("%s: \"%s\" got no answer", who->what,
						    text);
					az_assert_private(f, who, text);
				}
			}
		}
	}
}

/* The refusal in Russian, for a guest and for a student. */
static void test_command_refused_ru(void **state)
{
	struct hf *f = *state;
	struct h_msg m = hf_msg(AZ_GUEST, "/sell #2 month8 card");
	long long before = az_changes(f);

	m.lang_code = "ru";
	hf_send_msg(f, &m);
	assert_string_equal(hf_take_reply(f, AZ_GUEST),
	    "Извините, команда /sell доступна только владельцу академии.");
	hf_send_ru(f, AZ_ALMA, "/attendance 1 add #2");
	assert_string_equal(hf_take_reply(f, AZ_ALMA),
	    "Извините, команда /attendance доступна только тренерам.");
	hf_expect_ru(f, AZ_GONE, "/balance",
	    "Извините, команда /balance доступна только членам академии.");
	assert_int_equal(az_changes(f), before);
}

/* Press a button with data from tg; the rows it produced are taken. */
static void az_press(struct hf *f, int64_t tg, const char *data)
{
	hf_press_take(f, tg, data);
}

/* Exactly one answer to the press, first; its text (NULL: none). */
static const char *az_answer(struct hf *f, const char *what, const char *data)
{
	size_t i, n = 0;

	for (i = 0; i < f->n; i++)
		n += f->items[i].method == OB_ANSWER_CALLBACK;
	if (n != 1 || f->items[0].method != OB_ANSWER_CALLBACK)
		fail_msg("%s: \"%s\" answered %zu times", what, data, n);
	return f->items[0].text;
}

/* Keys naming nothing that exists, or not keys at all. */
static const char *const az_bad_keys[] = {
	"", "x", "-1", "99999", "99999:1", "1:99999", "0", "1:2:3:4:5", "a:b",
	"%s", "1 ", "9223372036854775808", "1;DROP TABLE students",
};
/* Keys that may name real rows: ids 1 and 2, the actions of each prefix
 * (" 1" reads as 1: sscanf skips leading blanks). */
static const char *const az_real_keys[] = {
	"1", " 1", "2", "1:1", "2:1", "1:2", "1:0", "1:1:1", "1:y", "1:n", "2:y", "1:no",
	"1:add", "1:add:1", "1:p2", "1:roster", "1:done", "2:phone", "2:off",
	"2:on", "2:inv", "sell:2", "pay:2", "frz:2", "sp:1:1", "sc:1:1:1:c:1",
	"0:1:Zoe", "2:white:0:blue:0", "y:1",
};

/*
 * Forged data for every prefix of the callback table, from every caller:
 * always one answer; below the prefix's role "not for you" and nothing
 * changes; keys naming nothing change nothing for anyone; a student never
 * sees another student; data over 64 bytes is outdated.
 */
static void test_callback_matrix(void **state)
{
	struct hf *f = *state;
	char data[160];
	long long before;
	enum role min_role;
	int own_pick;
	const char *prefix, *answer;
	size_t i, j, k;

	for (k = 0; k < BJJ_ARRAY_LEN(az_callers); k++) {
		const struct az_caller *who = &az_callers[k];

		/* Before the staff's turn: what guests and students pressed
		 * marked only themselves present and touched nothing that is
		 * staff's to change. */
		if (who->tg == AZ_TRAINER) {
			hf_sql_assert(f, "(SELECT total(n) FROM temp.admin_changes WHERE name "
			    "NOT IN ('attendance', 'visit_summary', 'rsvp', 'picks', "
			    "'notifications', 'subscriptions', 'audit_log')) = 0");
			hf_sql_assert(f, "NOT EXISTS (SELECT 1 FROM attendance "
			    "WHERE source <> 'self' OR status <> 'present')");
			/* The real keys did reach the handlers. */
			hf_sql_assert(f, "(SELECT group_concat(student_id) FROM (SELECT "
			    "student_id FROM attendance WHERE training_id = 1 ORDER BY 1)) = '1,2'");
			hf_sql_assert(f, "(SELECT count(DISTINCT student_id) FROM rsvp) = 2");
		}
		for (i = 0; (prefix = h_callback_prefix(i, &min_role)) != NULL; i++) {
			size_t n_bad = BJJ_ARRAY_LEN(az_bad_keys);

			for (j = 0; j < n_bad + BJJ_ARRAY_LEN(az_real_keys); j++) {
				snprintf(data, sizeof data, "%s:%s", prefix,
				    j < n_bad ? az_bad_keys[j] : az_real_keys[j - n_bad]);
				before = az_changes(f);
				az_press(f, who->tg, data);
				answer = az_answer(f, who->what, data);
				if (h_role_of(&f->env, who->tg) < ROLE_STUDENT &&
				    who->role >= ROLE_STUDENT)
					fail_msg("%s lost its role after \"%s\"", who->what, data);
				if (who->role < min_role && (answer == NULL ||
				    strcmp(answer, T_CB_DENIED_EN) != 0 || f->n != 1))
					fail_msg("%s: \"%s\" not refused", who->what, data);
				/* The owner's own pick #1 is spent by the first press
				 * naming it ("pick:1:99999" reruns /sell #99999). */
				own_pick = who->tg == HF_OWNER && strcmp(prefix, "pick") == 0 &&
				    strncmp(data, "pick:1:", 7) == 0;
				if ((j < n_bad || answer != NULL) && !own_pick &&
				    az_changes(f) != before)
					fail_msg("%s: \"%s\" changed data", who->what, data);
				az_assert_private(f, who, data);
			}
			/* Over 64 bytes: outdated, whatever follows. */
			snprintf(data, sizeof data, "%s:1:%070d", prefix, 0);
			az_press(f, who->tg, data);
			assert_string_equal(az_answer(f, who->what, data), T_CB_OUTDATED_EN);
			assert_int_equal(f->n, 1);
			/* The prefix without its colon routes nowhere. */
			az_press(f, who->tg, prefix);
			assert_string_equal(az_answer(f, who->what, prefix), T_CB_OUTDATED_EN);
		}
	}
}

/* Below a prefix's role: the "not for you" toast, nothing else. */
static void test_callback_denied(void **state)
{
	struct hf *f = *state;
	struct h_msg m = hf_msg(AZ_ALMA, NULL);
	long long before = az_changes(f);

	az_press(f, AZ_ALMA, "stu:2");
	assert_string_equal(az_answer(f, "student", "stu:2"), T_CB_DENIED_EN);
	assert_int_equal(f->n, 1);
	az_press(f, AZ_GONE, "ci:1");
	assert_string_equal(az_answer(f, "deactivated", "ci:1"), T_CB_DENIED_EN);
	az_press(f, AZ_FORMER, "att:1:1");
	assert_string_equal(az_answer(f, "former trainer", "att:1:1"), T_CB_DENIED_EN);
	m.kind = H_MSG_CALLBACK;
	m.cb_id = "q1";
	m.cb_data = "bil:1";
	m.lang_code = "ru";
	hf_send_msg(f, &m);
	hf_take(f);
	assert_string_equal(az_answer(f, "student", "bil:1"), T_CB_DENIED_RU);
	assert_int_equal(az_changes(f), before);
}

/* Zoe's contact card shared by anyone else: "share your own", no change;
 * never Zoe's record linked to the sender. */
static void test_contact_of_another(void **state)
{
	struct hf *f = *state;
	long long before = az_changes(f);
	size_t k;

	for (k = 0; k < BJJ_ARRAY_LEN(az_callers); k++) {
		struct h_msg m = hf_msg(az_callers[k].tg, NULL);

		if (az_callers[k].tg == AZ_ZOE)
			continue;
		m.kind = H_MSG_CONTACT;
		m.contact_phone = "+7" AZ_ZOE_PHONE;
		m.contact_user_id = AZ_ZOE;
		hf_send_msg(f, &m);
		assert_string_equal(hf_take_reply(f, az_callers[k].tg), T_CONTACT_NOT_OWN_EN);
		assert_int_equal(h_role_of(&f->env, az_callers[k].tg), az_callers[k].role);
	}
	assert_int_equal(az_changes(f), before);
}

/* A trainer's name-pick and "Promote anyway" buttons, pressed after
 * /trainer off: "not for you", nothing written. */
static void test_pick_after_demotion(void **state)
{
	struct hf *f = *state;
	long long before;

	hf_send_take(f, AZ_TRAINER, "/promote Petrov blue");
	hf_sql_assert(f, "(SELECT count(*) FROM picks WHERE tg_id = 300) = 1");
	hf_send_take(f, HF_OWNER, "/trainer Trina off");
	before = az_changes(f);
	az_press(f, AZ_TRAINER, "pick:2:2");
	assert_string_equal(az_answer(f, "former trainer", "pick:2:2"), T_CB_DENIED_EN);
	assert_int_equal(f->n, 1);
	az_press(f, AZ_TRAINER, "prm:2:white:0:blue:0");
	assert_string_equal(az_answer(f, "former trainer", "prm"), T_CB_DENIED_EN);
	assert_int_equal(az_changes(f), before);
	hf_sql_assert(f, "(SELECT count(*) FROM promotions) = 0");
}

/* A test between az_setup and hf_teardown. */
#define AZ_TEST(fn) cmocka_unit_test_setup_teardown(fn, az_setup, hf_teardown)

BJJ_TEST_MAIN(
	AZ_TEST(test_command_matrix),
	AZ_TEST(test_command_refused_ru),
	AZ_TEST(test_callback_matrix),
	AZ_TEST(test_callback_denied),
	AZ_TEST(test_contact_of_another),
	AZ_TEST(test_pick_after_demotion),
)
