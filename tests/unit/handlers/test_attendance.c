/*
 * test_attendance.c — handlers/attendance.c: /checkin (the window's
 * edges, idempotency, packs, unlimited plans, no subscription, cancelled
 * classes, several open classes and the "ci:" buttons, a trainer checking
 * a student in) and the roster (/attendance and its "att:" buttons: the
 * tap cycle, pack restore and re-charge, adding a student, closing, stale
 * buttons, role refusals).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "handlers_fixture.h"
#include "schedule_fixture.h"
#include "test_main.h"

/* ---- /checkin ------------------------------------------------------------------- */

/* One class at start; the student tries to check in at `now`. */
static const char *checkin_at(struct hf *f, int64_t now)
{
	f->env.now = now;
	hf_send(f, SF_STUDENT_TG, "/checkin");
	return hf_take_reply(f, SF_STUDENT_TG);
}

static void test_checkin_window_edges(void **state)
{
	struct hf *f = *state;
	struct sf s = sf_setup(f);
	int64_t start = sf_at(2026, 6, 1, 19, 0), t = sf_class(f, "Gi", start);

	/* checkin_before = 60, checkin_after = 30 (minutes). */
	hf_assert_contains(checkin_at(f, start - 61 * 60), "no class to check in to");
	assert_int_equal(sf_status(f, t, s.ivan, NULL), ATT_NONE);
	hf_assert_contains(checkin_at(f, start + 31 * 60), "no class to check in to");
	assert_int_equal(sf_status(f, t, s.ivan, NULL), ATT_NONE);
	hf_assert_contains(checkin_at(f, start - 60 * 60), "Checked in: <b>Gi</b>, Mon 01.06 19:00");
	assert_int_equal(sf_status(f, t, s.ivan, NULL), ATT_PRESENT);

	/* The other edge, for Olga; and the settings are honoured. */
	f->env.now = start + 30 * 60;
	hf_expect(f, SF_STUDENT2_TG, "/checkin", "Checked in");
	f->cfg.checkin_after = 10;
	assert_int_equal(db_attendance_mark(f->db, t, s.olga, ATT_ABSENT, ATT_TRAINER, 300,
	    f->env.now, NULL), DB_OK);
	f->env.now = start + 11 * 60;
	hf_expect(f, SF_STUDENT2_TG, "/checkin", "no class to check in to");
	assert_int_equal(sf_status(f, t, s.olga, NULL), ATT_ABSENT);
}

static void test_checkin_pack_idempotent(void **state)
{
	struct hf *f = *state;
	struct sf s = sf_setup(f);
	struct attendance a;
	int64_t t = sf_class(f, "Gi", f->env.now + 20 * 60), sub = sf_sell(f, s.ivan, "pack10", 10);
	const char *r;

	r = hf_ask(f, SF_STUDENT_TG, "/checkin");
	hf_assert_contains_all(r, "Checked in: <b>Gi</b>, Mon 01.06 18:50",
	    "9 classes left on your plan (pack10)");
	assert_int_equal(sf_left(f, sub), 9);
	sf_status(f, t, s.ivan, &a);
	assert_int_equal(a.source, ATT_SELF);
	assert_int_equal(a.subscription_id, sub);
	assert_int_equal(a.marked_by, SF_STUDENT_TG);

	hf_expect(f, SF_STUDENT_TG, "/checkin", "already checked in");
	assert_int_equal(sf_left(f, sub), 9);
}

static void test_checkin_unlimited_and_none(void **state)
{
	struct hf *f = *state;
	struct sf s = sf_setup(f);
	const char *r;
	int64_t sub;

	sf_class(f, "Gi", f->env.now);
	sub = sf_sell(f, s.ivan, "month", 0);
	r = hf_ask(f, SF_STUDENT_TG, "/checkin");
	/* Sold on 31.05 for 30 days: valid through 29.06. */
	hf_assert_contains(r, "Unlimited plan (month) until 2026-06-29");
	assert_int_equal(sf_left(f, sub), -1);

	r = hf_ask(f, SF_STUDENT2_TG, "/checkin");
	hf_assert_contains_all(r, "Checked in", "no valid subscription");
	assert_int_equal(sf_status(f, 1, s.olga, NULL), ATT_PRESENT);
}

static void test_checkin_used_up_pack(void **state)
{
	struct hf *f = *state;
	struct sf s = sf_setup(f);
	int64_t t1 = sf_class(f, "Gi", f->env.now - 3 * 86400), t2 = sf_class(f, "Gi", f->env.now);
	int64_t sub = sf_sell(f, s.ivan, "one", 1);
	struct att_effect e;

	(void)t2;
	assert_int_equal(db_attendance_mark(f->db, t1, s.ivan, ATT_PRESENT, ATT_TRAINER, 300,
	    f->env.now, &e), DB_OK);
	/* Sold a day ago: the class three days ago was not covered. */
	assert_true(e.no_subscription);
	f->env.now += 60;
	hf_expect(f, SF_STUDENT_TG, "/checkin", "0 classes left");
	assert_int_equal(sf_left(f, sub), 0);
}

static void test_checkin_cancelled_and_next(void **state)
{
	struct hf *f = *state;
	struct sf s = sf_setup(f);
	int64_t t = sf_class(f, "Gi", f->env.now + 10 * 60);
	const char *r;

	assert_int_equal(db_training_cancel(f->db, t, NULL), DB_OK);
	hf_expect(f, SF_STUDENT_TG, "/checkin", "none is scheduled");
	sf_class(f, "No-Gi", sf_at(2026, 6, 2, 19, 0));
	r = hf_ask(f, SF_STUDENT_TG, "/checkin");
	hf_assert_contains_all(r, "opens 60 min before", "The next one: Tue 02.06 19:00, <b>No-Gi</b>");
	assert_int_equal(sf_status(f, t, s.ivan, NULL), ATT_NONE);
}

static void test_checkin_several(void **state)
{
	struct hf *f = *state;
	struct sf s = sf_setup(f);
	int64_t kids = sf_class(f, "Kids", f->env.now - 20 * 60);
	int64_t gi = sf_class(f, "Gi", f->env.now + 30 * 60);
	char data[32];

	assert_int_equal(hf_send_take(f, SF_STUDENT_TG, "/checkin"), 1);
	hf_assert_contains(f->items[0].text, "Which one?");
	snprintf(data, sizeof data, "\"callback_data\":\"ci:%lld\"", (long long)gi);
	hf_assert_contains(f->items[0].markup, data);
	hf_assert_contains(f->items[0].markup, "18:10 Kids");
	assert_int_equal(sf_status(f, kids, s.ivan, NULL), ATT_NONE);

	snprintf(data, sizeof data, "ci:%lld", (long long)gi);
	hf_press_on(f, SF_STUDENT_TG, data, 7);
	hf_take(f);
	assert_non_null(hf_find(f, OB_ANSWER_CALLBACK, SF_STUDENT_TG));
	hf_assert_contains(sf_message(f, SF_STUDENT_TG), "Checked in: <b>Gi</b>");
	assert_int_equal(sf_status(f, gi, s.ivan, NULL), ATT_PRESENT);
	assert_int_equal(sf_status(f, kids, s.ivan, NULL), ATT_NONE);

	/* The window closed in the meantime; a malformed key; someone who is
	 * not a student. */
	f->env.now += 3 * 3600;
	snprintf(data, sizeof data, "ci:%lld", (long long)kids);
	hf_press_on(f, SF_STUDENT_TG, data, 7);
	hf_take(f);
	hf_assert_contains(sf_message(f, SF_STUDENT_TG), "not open");
	hf_press_on(f, SF_STUDENT_TG, "ci:1x", 7);
	hf_take(f);
	hf_assert_contains(sf_message(f, SF_STUDENT_TG), "outdated");
	hf_press_on(f, SF_STUDENT_TG, "ci:1:1", 7);
	hf_take(f);
	hf_assert_contains(sf_message(f, SF_STUDENT_TG), "not for you");
	assert_int_equal(sf_status(f, kids, s.ivan, NULL), ATT_NONE);
}

static void test_checkin_by_trainer(void **state)
{
	struct hf *f = *state;
	struct sf s = sf_setup(f);
	struct attendance a;
	int64_t morning = sf_class(f, "Morning", sf_at(2026, 6, 1, 9, 0));
	const char *r;

	/* Nothing open now: the class that started earlier today. */
	r = hf_ask(f, SF_TRAINER_TG, "/checkin olga");
	hf_assert_contains_all(r, "Olga Petrov checked in: <b>Morning</b>, Mon 01.06 09:00",
	    "No valid subscription");
	sf_status(f, morning, s.olga, &a);
	assert_int_equal(a.source, ATT_BACKFILL);
	assert_int_equal(a.marked_by, SF_TRAINER_TG);

	{
		int64_t gi = sf_class(f, "Gi", f->env.now + 15 * 60);
		char cmd[32];

		snprintf(cmd, sizeof cmd, "/checkin #%lld", (long long)s.ivan);
		hf_expect(f, HF_OWNER, cmd, "Ivan Petrov checked in: <b>Gi</b>");
		sf_status(f, gi, s.ivan, &a);
		assert_int_equal(a.source, ATT_TRAINER);
		hf_expect(f, HF_OWNER, cmd, "already checked in");
	}

	/* A trainer without a name; a student naming someone; nobody. */
	hf_expect(f, SF_TRAINER_TG, "/checkin", "Only students check in");
	hf_expect(f, SF_STUDENT_TG, "/checkin olga", "Only trainers can check in");
	hf_expect(f, SF_TRAINER_TG, "/checkin #99", "There is no student #99");
	hf_expect(f, SF_GUEST_TG, "/checkin", "only for academy members");
}

static void test_checkin_trainer_none_today(void **state)
{
	struct hf *f = *state;
	struct sf s = sf_setup(f);

	sf_class(f, "Yesterday", f->env.now - 86400);
	hf_expect(f, SF_TRAINER_TG, "/checkin ivan", "no class now or earlier today");
	assert_int_equal(sf_status(f, 1, s.ivan, NULL), ATT_NONE);
}

/* ---- the roster --------------------------------------------------------------------- */

static void test_roster_cycle_and_pack(void **state)
{
	struct hf *f = *state;
	struct sf s = sf_setup(f);
	int64_t t = sf_class(f, "Gi", f->env.now - 10 * 60), sub = sf_sell(f, s.ivan, "pack10", 10);
	const struct outbox_item *it;
	static const int cycle[] = { ATT_LATE, ATT_EXCUSED, ATT_ABSENT, ATT_PRESENT, ATT_LATE };
	static const int left[] = { 9, 10, 10, 9, 9 };
	static const char *const marks[] = { "⏰", "📝", "❌", "✅", "⏰" };
	char data[32], label[32];
	size_t i;

	hf_send_take(f, SF_STUDENT_TG, "/checkin");
	assert_int_equal(sf_left(f, sub), 9);

	assert_int_equal(hf_send_take(f, SF_TRAINER_TG, "/attendance"), 1);
	hf_assert_contains(f->items[0].text, "<b>Gi</b> #1, Mon 01.06 18:20");
	hf_assert_contains(f->items[0].text, "✅ 1 · ⏰ 0 · 📝 0 · ❌ 0 · not marked 0");
	hf_assert_contains_all(f->items[0].markup, "\"text\":\"Ivan P. ✅\"",
	    "\"callback_data\":\"att:1:1\"", "att:1:add", "att:1:done");

	snprintf(data, sizeof data, "att:%lld:%lld", (long long)t, (long long)s.ivan);
	for (i = 0; i < BJJ_ARRAY_LEN(cycle); i++) {
		hf_press_on(f, SF_TRAINER_TG, data, 55);
		assert_int_equal(hf_take(f), 2);
		assert_int_equal(f->items[0].method, OB_ANSWER_CALLBACK);
		it = hf_get(f, OB_EDIT_MESSAGE, SF_TRAINER_TG);
		assert_string_equal(it->ref, "55");
		snprintf(label, sizeof label, "Ivan P. %s", marks[i]);
		hf_assert_contains(it->markup, label);
		assert_int_equal(sf_status(f, t, s.ivan, NULL), cycle[i]);
		assert_int_equal(sf_left(f, sub), left[i]);
	}
	/* The class has not ended: marked by the trainer, not backfill. */
	{
		struct attendance a;

		sf_status(f, t, s.ivan, &a);
		assert_int_equal(a.source, ATT_TRAINER);
		assert_int_equal(a.subscription_id, sub);
	}
}

/* Classes left, with the word for the count in English and Russian; a
 * trainer's check-in reply names the student without a gendered verb. */
static void test_plan_left_plural(void **state)
{
	struct hf *f = *state;
	struct sf s = sf_setup(f);

	sf_sell(f, s.ivan, "pack2", 2);
	sf_sell(f, s.olga, "pack3", 3);
	sf_class(f, "Gi", f->env.now + 600);
	hf_expect(f, SF_STUDENT_TG, "/checkin", "1 class left on your plan (pack2).");
	hf_expect_ru(f, SF_STUDENT2_TG, "/checkin", "Осталось 2 занятия (абонемент «pack3»).");
	hf_expect_ru(f, SF_TRAINER_TG, "/checkin olga",
	    "Olga Petrov: отметка на занятии <b>Gi</b>, Пн 01.06 18:40 уже есть.");
}

/* A second press of 🏁 Done: a toast, no second summary, no second audit. */
static void test_done_twice(void **state)
{
	struct hf *f = *state;
	int64_t id;
	char cmd[48];

	sf_setup(f);
	id = sf_class(f, "Gi", f->env.now - 3600);
	snprintf(cmd, sizeof cmd, "att:%lld:done", (long long)id);
	hf_press_on(f, SF_TRAINER_TG, cmd, 56);
	assert_int_equal(hf_take(f), 2);
	hf_assert_contains(sf_message(f, SF_TRAINER_TG), "is closed");
	hf_press_on(f, SF_TRAINER_TG, cmd, 56);
	assert_int_equal(hf_take(f), 1);
	assert_int_equal(f->items[0].method, OB_ANSWER_CALLBACK);
	assert_string_equal(f->items[0].text, "This class is already closed.");
	hf_sql_assert(f, "(SELECT count(*) FROM audit_log WHERE action = 'training.close') = 1");
	/* In Russian too. */
	{
		struct h_msg m = hf_msg(SF_TRAINER_TG, NULL);

		m.kind = H_MSG_CALLBACK;
		m.cb_id = "cbq-2";
		m.cb_data = cmd;
		m.message_id = 56;
		m.lang_code = "ru";
		hf_send_msg(f, &m);
	}
	assert_int_equal(hf_take(f), 1);
	assert_string_equal(f->items[0].text, "Это занятие уже закрыто.");
	/* The Russian summary of another class. */
	id = sf_class(f, "Gi", f->env.now - 7200);
	{
		struct h_msg m = hf_msg(SF_TRAINER_TG, NULL);

		snprintf(cmd, sizeof cmd, "att:%lld:done", (long long)id);
		m.kind = H_MSG_CALLBACK;
		m.cb_id = "cbq-3";
		m.cb_data = cmd;
		m.message_id = 57;
		m.lang_code = "ru";
		hf_send_msg(f, &m);
	}
	hf_take(f);
	hf_assert_contains(sf_message(f, SF_TRAINER_TG), "Занятие <b>Gi</b> #2 закрыто. "
	    "Присутствие: 0, опоздание: 0, уважительная причина: 0, отсутствие: 0, без отметки: 0.");
}

static void test_roster_regulars_flag_add_done(void **state)
{
	struct hf *f = *state;
	struct sf s = sf_setup(f);
	int64_t tpl, last, today;
	const char *r;
	char cmd[48];

	/* Weekly Monday 19:00; Olga came last Monday, without a plan. */
	assert_int_equal(db_template_add(f->db, "Gi", 0x01, 19 * 60, 90, 0,
	    f->env.now - 30 * 86400, &tpl), DB_OK);
	assert_int_equal(db_trainings_generate(f->db, 0, f->env.now - 8 * 86400,
	    f->env.now + 86400, f->env.now, NULL), DB_OK);
	last = 1;
	today = 2;
	assert_int_equal(db_attendance_mark(f->db, last, s.olga, ATT_PRESENT, ATT_SELF, 201,
	    f->env.now, NULL), DB_OK);
	/* The class starts in 30 minutes: it is the current one. */
	assert_int_equal(hf_send_take(f, SF_TRAINER_TG, "/attendance"), 1);
	hf_assert_contains(f->items[0].text, "<b>Gi</b> #2, Mon 01.06 19:00");
	hf_assert_contains(f->items[0].text, "not marked 1");
	hf_assert_contains(f->items[0].markup, "Olga P. · ⚠️");

	/* Add Ivan by name, after he bought a pack. */
	sf_sell(f, s.ivan, "pack10", 10);
	snprintf(cmd, sizeof cmd, "/attendance %lld add ivan", (long long)today);
	assert_int_equal(hf_send_take(f, SF_TRAINER_TG, cmd), 2);
	hf_assert_contains(f->items[0].text, "Ivan Petrov is marked present at <b>Gi</b>");
	hf_assert_contains(f->items[1].markup, "Ivan P. ✅\"");
	assert_int_equal(sf_status(f, today, s.ivan, NULL), ATT_PRESENT);
	assert_int_equal(hf_send_take(f, SF_TRAINER_TG, cmd), 2);
	hf_assert_contains(f->items[0].text, "already marked");

	/* Olga present without a plan; then done. */
	snprintf(cmd, sizeof cmd, "att:%lld:%lld", (long long)today, (long long)s.olga);
	hf_press_on(f, SF_TRAINER_TG, cmd, 56);
	hf_take(f);
	snprintf(cmd, sizeof cmd, "att:%lld:done", (long long)today);
	hf_press_on(f, SF_TRAINER_TG, cmd, 56);
	hf_take(f);
	r = sf_message(f, SF_TRAINER_TG);
	hf_assert_contains_all(r, "<b>Gi</b> #2 is closed: 2 present, 0 late, 0 excused, 0 absent, 0 not marked.",
	    "without a valid subscription: Olga Petrov");
	hf_assert_lacks(r, "Ivan");
	{
		struct training t;

		assert_int_equal(db_training_get(f->db, today, &t), DB_OK);
		assert_true(t.closed);
		training_release(&t);
	}
	/* Marks on a closed class still work (backfill). */
	snprintf(cmd, sizeof cmd, "att:%lld:%lld", (long long)today, (long long)s.olga);
	hf_press_on(f, SF_TRAINER_TG, cmd, 56);
	hf_take(f);
	assert_non_null(hf_find(f, OB_EDIT_MESSAGE, SF_TRAINER_TG));
	hf_assert_contains(hf_find(f, OB_EDIT_MESSAGE, SF_TRAINER_TG)->text, "(closed)");
	assert_int_equal(sf_status(f, today, s.olga, NULL), ATT_LATE);

	/* ➕ Add when every active student is on the roster. */
	snprintf(cmd, sizeof cmd, "att:%lld:add", (long long)today);
	hf_press_on(f, SF_TRAINER_TG, cmd, 56);
	hf_take(f);
	hf_assert_contains(hf_find(f, OB_EDIT_MESSAGE, SF_TRAINER_TG)->text,
	    "Every active student is on the roster of <b>Gi</b> #2 already");
}

/* ➕ Add offers active students not on the roster, recent attendees
 * first, a page at a time; one tap marks one present. */
static void test_add_picker(void **state)
{
	struct hf *f = *state;
	struct sf s = sf_setup(f);
	const struct outbox_item *it;
	int64_t id, old, petr = 0, first_extra = 0;
	char cmd[64], phone[16], name[16];
	int i;

	/* 22 more students: "S01".."S22"; Petr trained last month, Olga
	 * yesterday, Ivan is checked in already. */
	for (i = 1; i <= 22; i++) {
		snprintf(phone, sizeof phone, "+7900100%04d", i);
		snprintf(name, sizeof name, "S%02d", i);
		id = hf_person(f, PERSON_STUDENT, name, phone, 0);
		if (i == 1)
			first_extra = id;
	}
	petr = hf_person(f, PERSON_STUDENT, "Petr", "+79001009999", 0);
	old = sf_class(f, "Old", f->env.now - 30 * 86400);
	assert_int_equal(db_attendance_mark(f->db, old, petr, ATT_PRESENT, ATT_TRAINER, 300,
	    f->env.now, NULL), DB_OK);
	old = sf_class(f, "Yesterday", f->env.now - 86400);
	assert_int_equal(db_attendance_mark(f->db, old, s.olga, ATT_LATE, ATT_TRAINER, 300,
	    f->env.now, NULL), DB_OK);
	id = sf_class(f, "Gi", f->env.now + 1800);
	assert_int_equal(db_attendance_mark(f->db, id, s.ivan, ATT_PRESENT, ATT_SELF, 200,
	    f->env.now, NULL), DB_OK);

	snprintf(cmd, sizeof cmd, "att:%lld:add", (long long)id);
	hf_press_on(f, SF_TRAINER_TG, cmd, 56);
	hf_take(f);
	it = hf_get(f, OB_EDIT_MESSAGE, SF_TRAINER_TG);
	hf_assert_contains(it->text, "Who else is at <b>Gi</b> #3?");
	/* Olga, then Petr, then by name; Ivan is on the roster already. */
	snprintf(cmd, sizeof cmd, "\"Olga Petrov\",\"callback_data\":\"att:%lld:p%lld\"",
	    (long long)id, (long long)s.olga);
	hf_assert_contains(it->markup, cmd);
	assert_true(strstr(it->markup, "Olga Petrov") < strstr(it->markup, "Petr Petrov\""));
	assert_true(strstr(it->markup, "Petr Petrov\"") < strstr(it->markup, "S01 Petrov"));
	hf_assert_lacks_all(it->markup, "Ivan", "S19 Petrov");
	snprintf(cmd, sizeof cmd, "att:%lld:add:1", (long long)id);
	hf_assert_contains(it->markup, cmd);
	snprintf(cmd, sizeof cmd, "att:%lld:roster", (long long)id);
	hf_assert_contains(it->markup, cmd);

	/* The second page: the last four, and back. */
	snprintf(cmd, sizeof cmd, "att:%lld:add:1", (long long)id);
	hf_press_on(f, SF_TRAINER_TG, cmd, 56);
	hf_take(f);
	it = hf_find(f, OB_EDIT_MESSAGE, SF_TRAINER_TG);
	hf_assert_contains_all(it->markup, "S19 Petrov", "S22 Petrov");
	hf_assert_lacks(it->markup, "S18 Petrov");
	snprintf(cmd, sizeof cmd, "att:%lld:add:0", (long long)id);
	hf_assert_contains(it->markup, cmd);
	hf_assert_lacks(it->markup, "▶️");

	/* One tap: S01 is present, the message is the roster again. */
	snprintf(cmd, sizeof cmd, "att:%lld:p%lld", (long long)id, (long long)first_extra);
	hf_press_on(f, SF_TRAINER_TG, cmd, 56);
	hf_take(f);
	it = hf_find(f, OB_EDIT_MESSAGE, SF_TRAINER_TG);
	hf_assert_contains(it->text, "📋 <b>Gi</b> #3");
	hf_assert_contains(it->markup, "S01 P. ✅");
	assert_int_equal(sf_status(f, id, first_extra, NULL), ATT_PRESENT);
	/* A second tap on the same (old) picker button changes nothing. */
	hf_press_on(f, SF_TRAINER_TG, cmd, 56);
	hf_take(f);
	assert_int_equal(sf_status(f, id, first_extra, NULL), ATT_PRESENT);
	hf_sql_assert(f, "(SELECT count(*) FROM audit_log WHERE action = 'attendance.mark') = 1");

	/* Typed: "/attendance <n> add" and "/attendance add" (the current class). */
	snprintf(cmd, sizeof cmd, "/attendance %lld add", (long long)id);
	hf_expect(f, SF_TRAINER_TG, cmd, "Who else is at <b>Gi</b> #3?");
	hf_expect(f, SF_TRAINER_TG, "/attendance add", "Who else is at <b>Gi</b> #3?");
	{
		struct h_msg m = hf_msg(SF_TRAINER_TG, "/attendance add");

		m.lang_code = "ru";
		hf_send_msg(f, &m);
	}
	hf_assert_contains(hf_take_reply(f, SF_TRAINER_TG), "Кто ещё пришёл на занятие <b>Gi</b> #3?");
	/* Back to the roster. */
	snprintf(cmd, sizeof cmd, "att:%lld:roster", (long long)id);
	hf_press_on(f, SF_TRAINER_TG, cmd, 56);
	hf_take(f);
	hf_assert_contains(hf_find(f, OB_EDIT_MESSAGE, SF_TRAINER_TG)->text, "#3");
}

static void test_roster_backfill_by_id(void **state)
{
	struct hf *f = *state;
	struct sf s = sf_setup(f);
	struct attendance a;
	int64_t old = sf_class(f, "Seminar", sf_at(2026, 5, 20, 12, 0));

	assert_int_equal(hf_send_take(f, SF_TRAINER_TG, "/attendance 1"), 1);
	hf_assert_contains(f->items[0].text, "Nobody is expected yet");
	hf_send_take(f, SF_TRAINER_TG, "/attendance #1 add #2");
	sf_status(f, old, s.olga, &a);
	assert_int_equal(a.status, ATT_PRESENT);
	assert_int_equal(a.source, ATT_BACKFILL);
	/* the keyword in Russian, any case */
	hf_send_take(f, SF_TRAINER_TG, "/attendance #1 Добавить #1");
	sf_status(f, old, s.ivan, &a);
	assert_int_equal(a.status, ATT_PRESENT);
	assert_int_equal(a.source, ATT_BACKFILL);
}

static void test_attendance_bad_args_and_stale(void **state)
{
	struct hf *f = *state;
	struct sf s = sf_setup(f);
	int64_t t = sf_class(f, "Gi", f->env.now), gone = sf_class(f, "Gone", f->env.now + 3600);
	static const struct hf_case cases[] = {
		{ "/attendance x", "is not a class number" },
		{ "/attendance 99", "There is no class #99" },
		{ "/attendance 1 add", "Who else is at <b>Gi</b> #1?" },
		{ "/attendance 1 remove ivan", "Usage: /attendance" },
		{ "/attendance 1 add #99", "There is no student #99" },
		{ "/attendance 2", "was cancelled" },
	};
	static const char *const stale[] = {
		"att:99:1", "att:1:99", "att:1", "att:1:2:3", "att:x:1", "att:1:-1", "att:1:addx",
		"att:1:0", "att:1:p99", "att:1:p0", "att:1:p-1", "att:1:pfoo", "att:1:add:-1",
		"att:1:add:x", "att:1:add:1:2", "att:1:add:5000", "att:1:p1x", "att:1:rosterx",
	};
	size_t i;

	assert_int_equal(db_training_cancel(f->db, gone, NULL), DB_OK);
	hf_expect_cases(f, SF_TRAINER_TG, cases, BJJ_ARRAY_LEN(cases));
	for (i = 0; i < BJJ_ARRAY_LEN(stale); i++) {
		hf_press_on(f, SF_TRAINER_TG, stale[i], 9);
		hf_take(f);
		hf_assert_contains(sf_message(f, SF_TRAINER_TG), "outdated");
		assert_null(hf_find(f, OB_EDIT_MESSAGE, SF_TRAINER_TG));
	}
	hf_press_on(f, SF_TRAINER_TG, "att:2:1", 9);
	hf_take(f);
	hf_assert_contains(sf_message(f, SF_TRAINER_TG), "was cancelled");
	hf_press_on(f, SF_TRAINER_TG, "att:2:p1", 9);
	hf_take(f);
	hf_assert_contains(sf_message(f, SF_TRAINER_TG), "was cancelled");
	assert_int_equal(sf_status(f, t, s.ivan, NULL), ATT_NONE);
	assert_int_equal(sf_status(f, gone, s.ivan, NULL), ATT_NONE);

	/* Nothing to take attendance for. */
	f->env.now = sf_at(2026, 5, 1, 12, 0);
	hf_expect(f, SF_TRAINER_TG, "/attendance", "no class to take attendance for");
}

static void test_attendance_roles(void **state)
{
	struct hf *f = *state;
	struct sf s = sf_setup(f);
	int64_t t = sf_class(f, "Gi", f->env.now);

	hf_expect(f, SF_STUDENT_TG, "/attendance", "only for trainers");
	hf_expect(f, SF_GUEST_TG, "/attendance 1", "only for trainers");
	/* A student pressing a roster button (forwarded, say). */
	hf_press_on(f, SF_STUDENT_TG, "att:1:1", 9);
	assert_int_equal(hf_take(f), 1);
	assert_int_equal(f->items[0].method, OB_ANSWER_CALLBACK);
	assert_string_equal(f->items[0].text, "This button is not for you.");
	assert_int_equal(sf_status(f, t, s.ivan, NULL), ATT_NONE);
	/* The owner may. */
	hf_press_on(f, HF_OWNER, "att:1:1", 9);
	hf_take(f);
	assert_non_null(hf_find(f, OB_EDIT_MESSAGE, HF_OWNER));
	assert_int_equal(sf_status(f, t, s.ivan, NULL), ATT_PRESENT);
}

BJJ_TEST_MAIN(
	HF_TEST(test_checkin_window_edges),
	HF_TEST(test_checkin_pack_idempotent),
	HF_TEST(test_checkin_unlimited_and_none),
	HF_TEST(test_checkin_used_up_pack),
	HF_TEST(test_checkin_cancelled_and_next),
	HF_TEST(test_checkin_several),
	HF_TEST(test_checkin_by_trainer),
	HF_TEST(test_checkin_trainer_none_today),
	HF_TEST(test_roster_cycle_and_pack),
	HF_TEST(test_roster_regulars_flag_add_done),
	HF_TEST(test_done_twice),
	HF_TEST(test_plan_left_plural),
	HF_TEST(test_add_picker),
	HF_TEST(test_roster_backfill_by_id),
	HF_TEST(test_attendance_bad_args_and_stale),
	HF_TEST(test_attendance_roles),
)
