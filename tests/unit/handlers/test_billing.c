/*
 * test_billing.c — storage/billing.c and handlers/billing.c: the rules of
 * packs, freezes, renewals and expiry against an in-memory database, and
 * /addplan, /plans, /plan, /sell, /pay, /refund, /freeze, /unfreeze,
 * /balance, /payments, /void and /sub as users send them, bad input and
 * refusals included (asserting nothing changed); the confirmation tap
 * after a name pick and the student card's money buttons.
 *
 * Local time is Moscow (no DST): HF_NOW is 2026-05-28 23:26:40 there.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/civil.h"
#include "handlers_fixture.h"
#include "storage/billing.h"
#include "storage/reports.h"
#include "storage/schedule.h"
#include "test_main.h"

#define STUDENT_TG 500
#define TRAINER_TG 600
#define DAY 86400

/* Add a plan straight to storage. */
static void plan(struct hf *f, const char *code, int64_t price, int days, int classes)
{
	assert_int_equal(db_plan_add(f->db, code, code, classes ? "pack" : "unlimited", price,
	    days, classes, HF_NOW, NULL), DB_OK);
}

/* Sell code to student at t; returns the subscription id. */
static int64_t sell(struct hf *f, int64_t student, const char *code, int64_t t, int *renewal)
{
	struct subscription s;
	int64_t id;
	int r;

	assert_int_equal(db_subscription_sell(f->db, student, code, "cash", HF_OWNER, t, &s,
	    &r), DB_OK);
	id = s.id;
	if (renewal != NULL)
		*renewal = r;
	subscription_release(&s);
	return id;
}

static struct subscription sub_get(struct hf *f, int64_t id)
{
	struct subscription s;

	assert_int_equal(db_subscription_get(f->db, id, &s), DB_OK);
	return s;
}

/* The id of the student's current subscription at t, 0 when none. */
static int64_t current(struct hf *f, int64_t student, int64_t t)
{
	struct subscription s;
	int rc = db_subscription_current(f->db, student, t, &s);
	int64_t id = s.id;

	assert_true(rc == DB_OK || rc == DB_NOTFOUND);
	subscription_release(&s);
	return rc == DB_OK ? id : 0;
}

static size_t count_plans(struct hf *f)
{
	struct plan *v;
	size_t n;

	assert_int_equal(db_plans_list(f->db, 100, 0, &v, &n), DB_OK);
	plans_free(v, n);
	return n;
}

static size_t count_payments(struct hf *f, int64_t student)
{
	struct payment *v;
	size_t n;

	assert_int_equal(db_payments_recent(f->db, student, 100, &v, &n), DB_OK);
	payments_free(v, n);
	return n;
}

static size_t count_subs(struct hf *f, int64_t student)
{
	struct subscription *v;
	size_t n;

	assert_int_equal(db_subscriptions_open(f->db, student, 0, 100, &v, &n), DB_OK);
	subscriptions_free(v, n);
	return n;
}

static struct payment pay_get(struct hf *f, int64_t id)
{
	struct payment p;

	assert_int_equal(db_payment_get(f->db, id, &p), DB_OK);
	return p;
}

/* Press the button data as from, in English or (ru) Russian. */
static void press_in(struct hf *f, int64_t from, const char *data, int ru)
{
	struct h_msg m = hf_msg(from, NULL);

	m.kind = H_MSG_CALLBACK;
	m.cb_id = "q1";
	m.cb_data = data;
	m.message_id = 55;
	m.lang_code = ru ? "ru" : "en";
	hf_send_msg(f, &m);
}

/* The callback_data in markup that starts with prefix, into out. */
static void button(const char *markup, const char *prefix, char out[64])
{
	const char *at = markup != NULL ? strstr(markup, prefix) : NULL;
	size_t n = 0;

	if (at == NULL)
		fail_msg("no button \"%s\" in %s", prefix, markup ? markup : "(null)");
	while (at[n] != '"' && n < 63) {
		out[n] = at[n];
		n++;
	}
	out[n] = '\0';
}

/* The one message (not a callback answer) taken, to chat. */
static void assert_day(int64_t t, const char *want)
{
	struct buf b = { 0 };

	buf_add_date(&b, t);
	assert_string_equal(buf_str(&b), want);
	buf_release(&b);
}

/* ---- storage rules ---- */

static void test_use_class(void **state)
{
	struct hf *f = *state;
	int64_t st = hf_person(f, PERSON_STUDENT, "Ivan", NULL, 0);
	int64_t pack, unlim;
	struct subscription s;

	plan(f, "pack2", 100000, 30, 2);
	plan(f, "unlim", 600000, 30, 0);
	pack = sell(f, st, "pack2", HF_NOW, NULL);
	assert_int_equal(db_subscription_use_class(f->db, pack, -1), DB_OK);
	s = sub_get(f, pack);
	assert_int_equal(s.classes_left, 1);
	subscription_release(&s);
	assert_int_equal(db_subscription_use_class(f->db, pack, -1), DB_OK);
	/* Never below zero, and a used-up pack is not current. */
	assert_int_equal(db_subscription_use_class(f->db, pack, -1), DB_CONSTRAINT);
	s = sub_get(f, pack);
	assert_int_equal(s.classes_left, 0);
	subscription_release(&s);
	assert_int_equal(current(f, st, HF_NOW + 60), 0);
	/* Restore, but never above the pack's size. */
	assert_int_equal(db_subscription_use_class(f->db, pack, 1), DB_OK);
	assert_int_equal(db_subscription_use_class(f->db, pack, 1), DB_OK);
	assert_int_equal(db_subscription_use_class(f->db, pack, 1), DB_CONSTRAINT);
	s = sub_get(f, pack);
	assert_int_equal(s.classes_left, 2);
	subscription_release(&s);
	assert_int_equal(current(f, st, HF_NOW + 60), pack);

	unlim = sell(f, hf_person(f, PERSON_STUDENT, "Olga", NULL, 0), "unlim", HF_NOW, NULL);
	assert_int_equal(db_subscription_use_class(f->db, unlim, -1), DB_OK);
	s = sub_get(f, unlim);
	assert_int_equal(s.classes_left, -1);
	assert_string_equal(s.plan_kind, "unlimited");
	subscription_release(&s);
	assert_int_equal(db_subscription_use_class(f->db, 999, -1), DB_NOTFOUND);
}

static void test_current_selection(void **state)
{
	struct hf *f = *state;
	int64_t a = hf_person(f, PERSON_STUDENT, "Ann", NULL, 0);
	int64_t b = hf_person(f, PERSON_STUDENT, "Bob", NULL, 0);
	int64_t c = hf_person(f, PERSON_STUDENT, "Cid", NULL, 0);
	int64_t old, first, second, one, ten, until;
	struct subscription s;
	int renewal, changed;

	plan(f, "unlim", 600000, 30, 0);
	plan(f, "ten", 300000, 10, 0);
	plan(f, "one", 80000, 30, 1);

	assert_int_equal(current(f, a, HF_NOW), 0); /* never bought */
	/* Ended 10 days ago; expired by maintenance, still not current. */
	old = sell(f, a, "unlim", HF_NOW - 40 * DAY, NULL);
	assert_int_equal(current(f, a, HF_NOW - 20 * DAY), old);
	assert_int_equal(current(f, a, HF_NOW), 0);
	assert_int_equal(db_subscriptions_expire(f->db, HF_NOW, &changed), DB_OK);
	assert_int_equal(changed, 1);
	s = sub_get(f, old);
	assert_string_equal(s.status, "expired");
	subscription_release(&s);
	assert_int_equal(current(f, a, HF_NOW - 20 * DAY), 0);

	/* A renewal starts when the current one ends: not current before. */
	first = sell(f, b, "unlim", HF_NOW, &renewal);
	assert_int_equal(renewal, 0);
	second = sell(f, b, "ten", HF_NOW + 60, &renewal);
	assert_int_equal(renewal, 1);
	s = sub_get(f, first);
	until = s.ends_at;
	assert_day(s.starts_at, "2026-05-28");
	assert_day(s.ends_at - 1, "2026-06-26");
	subscription_release(&s);
	s = sub_get(f, second);
	assert_int_equal(s.starts_at, until);
	assert_day(s.ends_at - 1, "2026-07-06");
	subscription_release(&s);
	assert_int_equal(current(f, b, HF_NOW + DAY), first);
	assert_int_equal(current(f, b, until), second);

	/* Frozen is not current. */
	assert_int_equal(db_subscription_freeze(f->db, b, 5, NULL, HF_OWNER, HF_NOW + DAY, &s,
	    &until), DB_OK);
	subscription_release(&s);
	assert_int_equal(current(f, b, HF_NOW + DAY + 60), 0);

	/* Two overlapping: the one ending first. A used-up pack does not
	 * make a new sale wait; restoring its class makes both valid. */
	one = sell(f, c, "one", HF_NOW - 5 * DAY, NULL);
	assert_int_equal(db_subscription_use_class(f->db, one, -1), DB_OK);
	ten = sell(f, c, "ten", HF_NOW - 2 * DAY, &renewal);
	assert_int_equal(renewal, 0);
	assert_int_equal(db_subscription_use_class(f->db, one, 1), DB_OK);
	assert_int_equal(current(f, c, HF_NOW), ten);
	assert_int_equal(current(f, c, HF_NOW + 9 * DAY), one);
}

static void test_freeze_unfreeze(void **state)
{
	struct hf *f = *state;
	int64_t st = hf_person(f, PERSON_STUDENT, "Ivan", NULL, 0);
	int64_t sub, next, end0, next0, until;
	struct subscription s;
	struct freeze fr;
	int used;

	plan(f, "unlim", 600000, 30, 0);
	assert_int_equal(db_subscription_unfreeze(f->db, st, HF_NOW, &s, &used), DB_NOTFOUND);
	assert_int_equal(db_subscription_freeze(f->db, st, 10, NULL, HF_OWNER, HF_NOW, &s,
	    &until), DB_NOTFOUND); /* nothing to freeze */
	sub = sell(f, st, "unlim", HF_NOW, NULL);
	next = sell(f, st, "unlim", HF_NOW, NULL); /* queued renewal */
	s = sub_get(f, sub);
	end0 = s.ends_at;
	subscription_release(&s);
	s = sub_get(f, next);
	next0 = s.starts_at;
	assert_int_equal(next0, end0);
	subscription_release(&s);

	assert_int_equal(db_subscription_freeze(f->db, st, 10, "knee", HF_OWNER, HF_NOW, &s,
	    &until), DB_OK);
	assert_string_equal(s.status, "frozen");
	assert_int_equal(s.ends_at, civil_add_days(end0, 10));
	subscription_release(&s);
	assert_int_equal(until, civil_add_days(HF_NOW, 10));
	assert_day(until - 1, "2026-06-06");
	assert_int_equal(db_freeze_open(f->db, sub, &fr), DB_OK);
	assert_string_equal(fr.reason, "knee");
	assert_int_equal(fr.ends_at, until);
	freeze_release(&fr);
	s = sub_get(f, next);
	assert_int_equal(s.starts_at, civil_add_days(next0, 10));
	subscription_release(&s);
	/* Frozen once is enough. */
	assert_int_equal(db_subscription_freeze(f->db, st, 3, NULL, HF_OWNER, HF_NOW + 60, &s,
	    &until), DB_CONSTRAINT);

	/* Unfrozen 3 days 1 hour later (00:26 on 06-01): 05-28..06-01 are 5
	 * touched days; the other 5 planned days are given back. */
	assert_int_equal(db_subscription_unfreeze(f->db, st, HF_NOW + 3 * DAY + 3600, &s, &used),
	    DB_OK);
	assert_int_equal(used, 5);
	assert_string_equal(s.status, "active");
	assert_int_equal(s.ends_at, civil_add_days(end0, 5));
	subscription_release(&s);
	s = sub_get(f, next);
	assert_int_equal(s.starts_at, civil_add_days(next0, 5));
	subscription_release(&s);
	assert_int_equal(db_freeze_open(f->db, sub, &fr), DB_NOTFOUND);
	assert_int_equal(db_subscription_unfreeze(f->db, st, HF_NOW + 4 * DAY, &s, &used),
	    DB_NOTFOUND);
	assert_int_equal(current(f, st, HF_NOW + 4 * DAY), sub);

	/* Unfrozen only after the planned end (maintenance had not run):
	 * the planned days count, no more. */
	assert_int_equal(db_subscription_freeze(f->db, st, 2, NULL, HF_OWNER, HF_NOW + 4 * DAY,
	    &s, &until), DB_OK);
	end0 = s.ends_at;
	subscription_release(&s);
	assert_int_equal(db_subscription_unfreeze(f->db, st, HF_NOW + 10 * DAY, &s, &used),
	    DB_OK);
	assert_int_equal(used, 2);
	assert_int_equal(s.ends_at, end0);
	subscription_release(&s);
}

static void test_expire_maintenance(void **state)
{
	struct hf *f = *state;
	int64_t a = hf_person(f, PERSON_STUDENT, "Ann", NULL, 0);
	int64_t b = hf_person(f, PERSON_STUDENT, "Bob", NULL, 0);
	int64_t sa, sb, until;
	struct subscription s;
	struct freeze fr;
	int changed;

	plan(f, "ten", 300000, 10, 0);
	sa = sell(f, a, "ten", HF_NOW, NULL);
	sb = sell(f, b, "ten", HF_NOW, NULL);
	assert_int_equal(db_subscription_freeze(f->db, b, 3, NULL, HF_OWNER, HF_NOW, &s, &until),
	    DB_OK);
	subscription_release(&s);
	assert_int_equal(db_subscriptions_expire(f->db, HF_NOW + DAY, &changed), DB_OK);
	assert_int_equal(changed, 0);
	/* The freeze is over: b is active again, the freeze closed at its
	 * planned end; a runs on. */
	assert_int_equal(db_subscriptions_expire(f->db, until, &changed), DB_OK);
	assert_int_equal(changed, 1);
	s = sub_get(f, sb);
	assert_string_equal(s.status, "active");
	subscription_release(&s);
	assert_int_equal(db_freeze_open(f->db, sb, &fr), DB_NOTFOUND);
	assert_int_equal(current(f, b, until + 60), sb);
	/* Past a's end: expired, b (extended by 3 days) not yet. */
	s = sub_get(f, sa);
	assert_int_equal(db_subscriptions_expire(f->db, s.ends_at, &changed), DB_OK);
	subscription_release(&s);
	assert_int_equal(changed, 1);
	s = sub_get(f, sa);
	assert_string_equal(s.status, "expired");
	subscription_release(&s);
	s = sub_get(f, sb);
	assert_string_equal(s.status, "active");
	subscription_release(&s);
}

static void test_sell_atomic(void **state)
{
	struct hf *f = *state;
	int64_t st = hf_person(f, PERSON_STUDENT, "Ivan", NULL, 0);
	struct subscription s;
	struct payment *p;
	size_t n;
	int renewal;

	plan(f, "month8", 400050, 30, 8);
	assert_int_equal(db_subscription_sell(f->db, st, "nope", "cash", HF_OWNER, HF_NOW, &s,
	    &renewal), DB_NOTFOUND);
	assert_int_equal(db_subscription_sell(f->db, st, "month8", "bitcoin", HF_OWNER, HF_NOW,
	    &s, &renewal), DB_CONSTRAINT);
	/* No such student: the subscription insert fails, nothing stays. */
	assert_int_equal(db_subscription_sell(f->db, 77, "month8", "cash", HF_OWNER, HF_NOW,
	    &s, &renewal), DB_CONSTRAINT);
	assert_int_equal(count_subs(f, st), 0);
	assert_int_equal(count_subs(f, 77), 0);
	assert_int_equal(count_payments(f, st), 0);
	assert_int_equal(count_payments(f, 77), 0);

	/* Case-insensitive code; the payment is the price, linked. */
	assert_int_equal(db_subscription_sell(f->db, st, "MONTH8", "card", HF_OWNER, HF_NOW,
	    &s, &renewal), DB_OK);
	assert_int_equal(s.price, 400050);
	assert_int_equal(s.classes_left, 8);
	assert_int_equal(db_payments_recent(f->db, st, 10, &p, &n), DB_OK);
	assert_int_equal(n, 1);
	assert_int_equal(p[0].amount, 400050);
	assert_string_equal(p[0].method, "card");
	assert_int_equal(p[0].subscription_id, s.id);
	payments_free(p, n);
	subscription_release(&s);

	/* A free trial has no payment row. */
	assert_int_equal(db_plan_add(f->db, "trial", "Trial", "trial", 0, 7, 1, HF_NOW, NULL),
	    DB_OK);
	st = hf_person(f, PERSON_STUDENT, "Olga", NULL, 0);
	sell(f, st, "trial", HF_NOW, NULL);
	assert_int_equal(count_subs(f, st), 1);
	assert_int_equal(count_payments(f, st), 0);
}

static void test_payment_add_rules(void **state)
{
	struct hf *f = *state;
	int64_t st = hf_person(f, PERSON_STUDENT, "Ivan", NULL, 0);

	assert_int_equal(db_payment_add(f->db, st, 0, "cash", NULL, HF_OWNER, 0, HF_NOW, NULL),
	    DB_CONSTRAINT);
	assert_int_equal(db_payment_add(f->db, st, -5, "cash", NULL, HF_OWNER, 0, HF_NOW, NULL),
	    DB_CONSTRAINT);
	assert_int_equal(db_payment_add(f->db, st, 5, "CASH", NULL, HF_OWNER, 0, HF_NOW, NULL),
	    DB_CONSTRAINT);
	assert_int_equal(count_payments(f, st), 0);
	assert_int_equal(db_payment_add(f->db, st, 5, "other", "x", HF_OWNER, 0, HF_NOW, NULL),
	    DB_OK);
	assert_int_equal(count_payments(f, st), 1);
}

/* ---- commands ---- */

static void test_addplan_and_plans(void **state)
{
	struct hf *f = *state;
	struct plan p;
	const char *t;

	hf_expect(f, HF_OWNER, "/plans", "no plans yet. Add one");

	t = hf_ask(f, HF_OWNER, "/addplan Month8 4000.50 30 8 Monthly <8> classes");
	hf_assert_contains(t, "Plan <code>month8</code> added: Monthly &lt;8&gt; classes");
	hf_assert_contains(t, "4 000,50 ₽, 30 days, 8 classes");
	assert_int_equal(db_plan_by_code(f->db, "month8", &p), DB_OK);
	assert_int_equal(p.price, 400050);
	assert_string_equal(p.kind, "pack");
	assert_string_equal(p.title, "Monthly <8> classes");
	plan_release(&p);

	hf_expect(f, HF_OWNER, "/addplan unlim 6000 30", "6 000 ₽, 30 days, unlimited classes");
	hf_expect(f, HF_OWNER, "/addplan free 0 7 1 kind=trial First week",
	    "0 ₽, 7 days, 1 class, trial");
	hf_expect(f, HF_OWNER, "/addplan dropin 800 1 1 kind=dropin",
	    "800 ₽, 1 day, 1 class, drop-in");
	assert_int_equal(db_plan_by_code(f->db, "dropin", &p), DB_OK);
	assert_string_equal(p.kind, "dropin");
	assert_string_equal(p.title, "dropin");
	plan_release(&p);

	/* Duplicate, ignoring case: nothing written. */
	hf_expect(f, HF_OWNER, "/addplan MONTH8 100 10", "exists already. Nothing was added");
	assert_int_equal(count_plans(f), 4);

	/* Students see the prices too, cheapest first. */
	hf_person(f, PERSON_STUDENT, "Ivan", NULL, STUDENT_TG);
	t = hf_ask(f, STUDENT_TG, "/plans");
	hf_assert_contains(t, "<b>Plans</b>\n• <code>free</code> — First week: 0 ₽");
	hf_assert_contains(t, "<code>month8</code> — Monthly &lt;8&gt; classes: 4 000,50 ₽");
	assert_true(strstr(t, "dropin") < strstr(t, "month8"));
	assert_true(strstr(t, "month8") < strstr(t, "unlim"));
}

static void test_addplan_bad_arguments(void **state)
{
	struct hf *f = *state;
	static const struct hf_case cases[] = {
		{ "/addplan", "Usage: /addplan" },
		{ "/addplan month8 4000", "Usage: /addplan" },
		{ "/addplan month!8 4000 30 8", "cannot be a plan code" },
		{ "/addplan aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa 4000 30", "cannot be a plan code" },
		{ "/addplan month8 abc 30 8", "“abc” is not a price. Write it in RUB" },
		{ "/addplan month8 -4000 30 8", "is not a price" },
		{ "/addplan month8 0 30 8", "“0” is not a price" },
		{ "/addplan month8 4000 0 8", "“0” is not a number of days" },
		{ "/addplan month8 4000 3661", "is not a number of days" },
		{ "/addplan month8 4000 30 0", "“0” is not a number of classes" },
		{ "/addplan month8 4000 30 -3", "is not a number of classes" },
		{ "/addplan month8 4000 30 8 kind=weird", "Unknown plan kind" },
		{ "/addplan month8 4000 30 kind=pack", "A pack needs a number of classes" },
		{ "/addplan month8 4000 30 8 kind=unlimited", "has no number of classes" },
		{ "/addplan month8 4000 30 8 aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
		    "at most 64 characters" },
	};

	hf_expect_cases(f, HF_OWNER, cases, BJJ_ARRAY_LEN(cases));
	assert_int_equal(count_plans(f), 0);
	hf_expect(f, HF_OWNER, "/addplan <b> 4000 30", "“&lt;b&gt;” cannot be a plan code");
	assert_int_equal(count_plans(f), 0);
}

static void test_sell_command(void **state)
{
	struct hf *f = *state;
	const struct outbox_item *it;
	int64_t st = hf_person(f, PERSON_STUDENT, "Ivan", "+79001234567", STUDENT_TG);

	plan(f, "month8", 400050, 30, 8);
	assert_int_equal(hf_send_take(f, HF_OWNER, "/sell #1 month8 card"), 2);
	it = hf_get(f, OB_SEND_MESSAGE, HF_OWNER);
	hf_assert_contains_all(it->text, "Sold <b>month8</b> to Ivan Petrov (#1): 4 000,50 ₽, card.",
	    "Valid 2026-05-28 – 2026-06-26, 8 classes.");
	hf_assert_lacks(it->text, "starts when it ends");
	it = hf_get(f, OB_SEND_MESSAGE, STUDENT_TG);
	hf_assert_contains(it->text, "You bought <b>month8</b>: valid until 2026-06-26, 8 classes");
	assert_int_equal(count_payments(f, st), 1);

	/* By name, default cash, a renewal. */
	hf_assert_contains(hf_ask_rows(f, HF_OWNER, "/sell ivan MONTH8", 2),
	    "₽, cash.\nValid 2026-06-27 – 2026-07-26");
	hf_assert_contains(hf_text_to(f, HF_OWNER),
	    "this one starts when it ends: on 2026-06-27");
	hf_assert_contains(hf_text_to(f, STUDENT_TG),
	    "it starts on 2026-06-27, when your current plan ends");
	assert_int_equal(count_subs(f, st), 2);
	assert_int_equal(count_payments(f, st), 2);

	/* An unlinked student just isn't told. */
	hf_person(f, PERSON_STUDENT, "Olga", NULL, 0);
	hf_expect(f, HF_OWNER, "/sell #2 month8 transfer",
	    "Sold <b>month8</b> to Olga Petrov (#2)");
}

static void test_sell_bad_arguments(void **state)
{
	struct hf *f = *state;
	const char *t;
	int64_t st = hf_person(f, PERSON_STUDENT, "Ivan", NULL, STUDENT_TG);

	hf_expect(f, HF_OWNER, "/sell #1 month8", "no plans at all yet");
	plan(f, "month8", 400000, 30, 8);
	plan(f, "unlim", 600000, 30, 0);
	hf_send(f, HF_OWNER, "/sell");
	/* The example names a real student, never a made-up number. */
	t = hf_take_reply(f, HF_OWNER);
	hf_assert_contains_all(t, "Usage: /sell", "Example: <code>/sell #1 month8 card</code>");
	hf_sql(f, "UPDATE students SET active = 0");
	hf_expect(f, HF_OWNER, "/pay", "Example: <code>/pay Ivan 1500 cash gi</code>");
	hf_sql(f, "UPDATE students SET active = 1");
	hf_expect(f, HF_OWNER, "/sell #1", "Usage: /sell");
	hf_expect(f, HF_OWNER, "/sell #1 month8 cash extra", "“extra” is not a payment method");
	hf_expect(f, HF_OWNER, "/sell #1 month8 cash card", "Usage: /sell");
	hf_expect(f, HF_OWNER, "/sell #1 month8 2026-06-01 cash card", "Usage: /sell");
	hf_expect(f, HF_OWNER, "/sell #1 month8 2026-13-01",
	    "“2026-13-01” is neither a start date");
	hf_expect(f, HF_OWNER, "/sell #1 month8 2030-01-01", "at most a year from today");
	hf_expect(f, HF_OWNER, "/sell #1 month8 2026-06-01 2026-06-02",
	    "“2026-06-02” is neither a start date");
	hf_expect(f, HF_OWNER, "/sell #1 <yearly>",
	    "There is no plan “&lt;yearly&gt;”. Plans: <code>month8</code>, <code>unlim</code>.");
	hf_expect(f, HF_OWNER, "/sell #1 month8 bitcoin", "“bitcoin” is not a payment method");
	hf_expect(f, HF_OWNER, "/sell #9 month8", "There is no student #9");
	hf_expect(f, HF_OWNER, "/sell nobody month8", "No student matches");
	assert_int_equal(count_subs(f, st), 0);
	assert_int_equal(count_payments(f, st), 0);
}

static void test_pay_command(void **state)
{
	struct hf *f = *state;
	static const struct hf_case bad[] = {
		{ "/pay", "Usage: /pay" },
		{ "/pay #1 1500", "Usage: /pay" },
		{ "/pay #1 0 cash", "“0” is not an amount" },
		{ "/pay #1 -100 cash", "“-100” is not an amount" },
		{ "/pay #1 abc cash", "“abc” is not an amount" },
		{ "/pay #1 1500 bitcoin", "“bitcoin” is not a payment method" },
		{ "/pay #2 1500 cash", "There is no student #2" },
	};
	struct payment *p;
	struct buf note = { 0 };
	char *cmd;
	size_t i, n;
	int64_t st = hf_person(f, PERSON_STUDENT, "Ivan", NULL, STUDENT_TG);

	hf_expect_cases(f, HF_OWNER, bad, BJJ_ARRAY_LEN(bad));
	for (i = 0; i < 201; i++)
		buf_addc(&note, 'x');
	cmd = xasprintf("/pay #1 1500 cash %s", buf_str(&note));
	hf_expect(f, HF_OWNER, cmd, "at most 200 characters");
	free(cmd);
	buf_release(&note);
	assert_int_equal(count_payments(f, st), 0);

	hf_assert_contains(hf_ask_rows(f, HF_OWNER, "/pay #1 1500.5 Card new gi <white>", 2),
	    "Recorded 1 500,50 ₽ (card) from Ivan Petrov (#1).");
	hf_assert_contains(hf_text_to(f, STUDENT_TG),
	    "We received your payment of 1 500,50 ₽");
	assert_int_equal(db_payments_recent(f->db, st, 10, &p, &n), DB_OK);
	assert_int_equal(n, 1);
	assert_int_equal(p[0].amount, 150050);
	assert_string_equal(p[0].method, "card");
	assert_string_equal(p[0].description, "new gi <white>");
	assert_int_equal(p[0].subscription_id, 0);
	payments_free(p, n);

	/* Thousands typed apart, as Russians write them: one amount. */
	hf_assert_contains(hf_ask_rows_ru(f, HF_OWNER, "/pay #1 12 000,50 нал за год", 2),
	    "Записан платёж 12 000,50 ₽ (наличные)");
	assert_int_equal(db_payments_recent(f->db, st, 10, &p, &n), DB_OK);
	assert_int_equal(p[0].amount, 1200050);
	assert_string_equal(p[0].description, "за год");
	payments_free(p, n);
	/* Not three digits after the space: no joining, nothing recorded. */
	hf_expect(f, HF_OWNER, "/pay #1 1 50 cash", "“50” is not a payment method");
	assert_int_equal(count_payments(f, st), 2);
}

static void test_freeze_commands(void **state)
{
	struct hf *f = *state;
	int64_t st = hf_person(f, PERSON_STUDENT, "Ivan", NULL, STUDENT_TG);
	struct subscription s;
	int64_t sub;

	plan(f, "unlim", 600000, 30, 0);
	hf_expect(f, HF_OWNER, "/freeze #1 10", "Ivan Petrov has no active plan to freeze");
	sub = sell(f, st, "unlim", HF_NOW, NULL);
	hf_expect(f, HF_OWNER, "/unfreeze #1", "Ivan Petrov has no frozen plan");
	hf_expect(f, HF_OWNER, "/freeze #1", "Usage: /freeze");
	hf_expect(f, HF_OWNER, "/freeze #1 0", "“0” is not a number of days");
	hf_expect(f, HF_OWNER, "/freeze #1 181", "“181” is not a number of days");
	hf_expect(f, HF_OWNER, "/freeze #1 ten", "is not a number of days");
	hf_expect(f, HF_OWNER, "/unfreeze", "Usage: /unfreeze");
	s = sub_get(f, sub);
	assert_string_equal(s.status, "active");
	assert_day(s.ends_at - 1, "2026-06-26");
	subscription_release(&s);

	hf_assert_contains(hf_ask_rows(f, HF_OWNER, "/freeze #1 10 knee <injury>", 2),
	    "Ivan Petrov's <b>unlim</b> is frozen for 10 days, through 2026-06-06. "
	    "The plan now runs until 2026-07-06.");
	hf_assert_contains(hf_text_to(f, STUDENT_TG),
	    "Your plan <b>unlim</b> is frozen through 2026-06-06");
	hf_expect(f, STUDENT_TG, "/balance",
	    "frozen ❄️\nValid 2026-05-28 – 2026-07-06, unlimited classes\n"
	    "❄️ Frozen through 2026-06-06 (knee &lt;injury&gt;)");
	hf_expect(f, HF_OWNER, "/freeze #1 3", "frozen already, until 2026-06-06");

	/* Two days later: 05-28..05-30 counted. */
	f->env.now = HF_NOW + 2 * DAY;
	hf_assert_contains(hf_ask_rows(f, HF_OWNER, "/unfreeze ivan", 2),
	    "active again. Frozen days counted: 3; the plan runs until 2026-06-29.");
	hf_assert_contains(hf_text_to(f, STUDENT_TG),
	    "is active again and runs until 2026-06-29");
	s = sub_get(f, sub);
	assert_string_equal(s.status, "active");
	subscription_release(&s);
}

static void test_balance(void **state)
{
	struct hf *f = *state;
	struct att_effect eff;
	int64_t st = hf_person(f, PERSON_STUDENT, "Ivan", NULL, STUDENT_TG);
	int64_t tr_now, tr_old;
	const char *t;

	t = hf_ask(f, STUDENT_TG, "/balance");
	hf_assert_contains_all(t, "<b>Ivan Petrov</b> (#1)\nNo active plan. Ask the academy",
	    "Classes this month: 0");
	hf_assert_lacks(t, "Last payments");

	plan(f, "month8", 400000, 30, 8);
	sell(f, st, "month8", HF_NOW - 3 * DAY, NULL);
	assert_int_equal(db_payment_add(f->db, st, 150000, "card", NULL, HF_OWNER, 0,
	    HF_NOW - DAY, NULL), DB_OK);
	/* One class this month (present), one last month (not counted). */
	assert_int_equal(db_training_add(f->db, "Gi", HF_NOW - 2 * DAY, 60, 0, HF_NOW, &tr_now),
	    DB_OK);
	assert_int_equal(db_training_add(f->db, "Gi", HF_NOW - 30 * DAY, 60, 0, HF_NOW, &tr_old),
	    DB_OK);
	assert_int_equal(db_attendance_mark(f->db, tr_now, st, ATT_PRESENT, ATT_TRAINER,
	    TRAINER_TG, HF_NOW, &eff), DB_OK);
	assert_int_equal(db_attendance_mark(f->db, tr_old, st, ATT_LATE, ATT_TRAINER,
	    TRAINER_TG, HF_NOW, &eff), DB_OK);

	t = hf_ask(f, STUDENT_TG, "/balance");
	hf_assert_contains_all(t, "📋 <b>month8</b> — active\nValid 2026-05-25 – 2026-06-23, 7 classes left",
	    "Classes this month: 1");
	hf_assert_contains(t, "Last payments:\n2026-05-27 — 1 500 ₽, card\n"
	    "2026-05-25 — 4 000 ₽, cash");

	/* A trainer looks at a student; a student may not look at others. */
	hf_person(f, PERSON_TRAINER, "Anna", NULL, TRAINER_TG);
	hf_expect(f, TRAINER_TG, "/balance #1", "<b>Ivan Petrov</b> (#1)");
	hf_expect(f, TRAINER_TG, "/balance", "Usage: /balance");
	hf_expect(f, HF_OWNER, "/balance ivan", "7 classes left");
	hf_expect(f, STUDENT_TG, "/balance #1", "only your own balance");
}

static void test_role_refusals(void **state)
{
	struct hf *f = *state;
	static const char *const cmds[] = {
		"/addplan x 100 30", "/sell #1 month8", "/pay #1 100 cash", "/freeze #1 5",
		"/unfreeze #1", "/refund #1 100 cash x", "/payments #1", "/void sale 1 x",
		"/void payment 1 x", "/sub 1 cancel", "/sub 1 end 2026-07-01", "/plan month8 retire",
		"/plan month8 price 1",
	};
	int64_t st = hf_person(f, PERSON_STUDENT, "Ivan", NULL, STUDENT_TG);
	size_t i;

	plan(f, "month8", 400000, 30, 8);
	sell(f, st, "month8", HF_NOW, NULL);
	hf_person(f, PERSON_TRAINER, "Anna", NULL, TRAINER_TG);
	for (i = 0; i < BJJ_ARRAY_LEN(cmds); i++) {
		hf_expect(f, STUDENT_TG, cmds[i], "only for the academy owner");
		hf_expect(f, TRAINER_TG, cmds[i], "only for the academy owner");
	}
	assert_int_equal(count_plans(f), 1);
	assert_int_equal(count_subs(f, st), 1);
	assert_int_equal(count_payments(f, st), 1);
	hf_sql_assert(f, "(SELECT count(*) FROM payments WHERE voided_at IS NULL) = 1");
	hf_sql_assert(f, "(SELECT price FROM plans) = 400000");
	assert_int_equal(current(f, st, HF_NOW + 60) != 0, 1); /* not frozen */
	/* Guests see the prices, not balances. */
	hf_expect(f, 999, "/plans", "month8");
	hf_expect(f, 999, "/balance", "only for academy members");
}


/* ---- corrections: /void, /refund, /sub, /plan, /payments ---- */

static void test_void_payment(void **state)
{
	struct hf *f = *state;
	static const struct hf_case bad[] = {
		{ "/void", "Usage: /void" },
		{ "/void payment 1", "Usage: /void" },
		{ "/void payment x typo", "Usage: /void" },
		{ "/void payment 0 typo", "Usage: /void" },
		{ "/void thing 1 typo", "Usage: /void" },
		{ "/void payment 9 typo", "There is no payment 9." },
		{ "/void sale 9 typo", "There is no sale 9." },
	};
	struct payment p;
	struct revenue r;
	int64_t s, e;

	hf_person(f, PERSON_STUDENT, "Ivan", NULL, STUDENT_TG);
	hf_assert_contains(hf_ask_rows(f, HF_OWNER, "/pay #1 1500 cash gi", 2),
	    "Payment 1: <code>/void payment 1</code> with a reason undoes it.");
	hf_expect_cases(f, HF_OWNER, bad, BJJ_ARRAY_LEN(bad));
	p = pay_get(f, 1);
	assert_int_equal(p.voided_at, 0);
	payment_release(&p);

	hf_assert_contains(hf_ask_rows(f, HF_OWNER, "/void payment 1 typed <twice>", 2),
	    "🗑 Payment 1 voided: 1 500 ₽ (cash), "
	    "Ivan Petrov (#1), 2026-05-28. Reason: typed &lt;twice&gt;. "
	    "It no longer counts in /revenue.");
	hf_assert_contains(hf_text_to(f, STUDENT_TG), "Payment of 1 500 ₽ on 2026-05-28 was "
	    "voided by the academy. Reason: typed &lt;twice&gt;.");
	p = pay_get(f, 1);
	assert_int_equal(p.voided_at, HF_NOW);
	assert_string_equal(p.void_reason, "typed <twice>");
	payment_release(&p);
	hf_sql_assert(f, "(SELECT count(*) FROM audit_log WHERE action = 'payment.void' "
	    "AND entity_id = 1) = 1");

	/* Twice: refused, nothing changes; in Russian too. */
	hf_expect(f, HF_OWNER, "/void payment 1 again",
	    "Payment 1 was voided already (typed &lt;twice&gt;). Nothing changed.");
	hf_send_ru(f, HF_OWNER, "/void Платёж №1 ошибка");
	hf_assert_contains(hf_take_reply(f, HF_OWNER),
	    "Платёж 1 уже аннулирован (typed &lt;twice&gt;). Ничего не изменено.");
	p = pay_get(f, 1);
	assert_string_equal(p.void_reason, "typed <twice>");
	payment_release(&p);

	/* The books: /balance shows it voided, /revenue leaves it out. */
	hf_expect(f, HF_OWNER, "/balance #1",
	    "2026-05-28 — 1 500 ₽, cash (payment 1) — voided: typed &lt;twice&gt;");
	civil_month_bounds(2026, 5, &s, &e);
	assert_int_equal(db_revenue(f->db, s, e, &r), DB_OK);
	assert_int_equal(r.total, 0);
	assert_int_equal(r.count, 0);
	assert_int_equal(r.n_voided, 1);
	assert_int_equal(r.voided, 150000);
	revenue_release(&r);
	hf_expect(f, HF_OWNER, "/revenue", "Voided, not counted: 1 payment (1 500 ₽)");
}

static void test_void_sale(void **state)
{
	struct hf *f = *state;
	struct subscription sub;
	struct payment p;
	struct revenue r;
	int64_t st = hf_person(f, PERSON_STUDENT, "Ivan", NULL, STUDENT_TG), s, e;

	plan(f, "month8", 400000, 30, 8);
	hf_assert_contains(hf_ask_rows(f, HF_OWNER, "/sell #1 month8 card", 2),
	    "Sale 1: <code>/sub 1</code> changes it, "
	    "<code>/void sale 1</code> undoes it.");
	/* The payment of a sale goes only with the sale. */
	hf_expect(f, HF_OWNER, "/void payment 1 wrong",
	    "Payment 1 came with sale 1 (<b>month8</b>). Void the sale instead");
	p = pay_get(f, 1);
	assert_int_equal(p.voided_at, 0);
	payment_release(&p);
	assert_int_not_equal(current(f, st, HF_NOW + 60), 0);

	hf_assert_contains(hf_ask_rows(f, HF_OWNER, "/void sale 1 sold to the wrong Ivan", 2),
	    "🗑 Sale 1 voided: <b>month8</b>, Ivan "
	    "Petrov (#1). The plan is cancelled; voided with it: 1 payment (4 000 ₽). "
	    "Reason: sold to the wrong Ivan.");
	hf_assert_contains(hf_text_to(f, STUDENT_TG), "Your plan <b>month8</b> was cancelled "
	    "by the academy. Reason: sold to the wrong Ivan.");
	sub = sub_get(f, 1);
	assert_string_equal(sub.status, "cancelled");
	assert_int_equal(sub.voided, 1);
	subscription_release(&sub);
	p = pay_get(f, 1);
	assert_int_equal(p.voided_at, HF_NOW);
	payment_release(&p);
	assert_int_equal(current(f, st, HF_NOW + 60), 0);
	civil_month_bounds(2026, 5, &s, &e);
	assert_int_equal(db_revenue(f->db, s, e, &r), DB_OK);
	assert_int_equal(r.total, 0);
	revenue_release(&r);

	/* Nothing is given back twice; a voided sale cannot be edited. */
	hf_expect(f, HF_OWNER, "/void sale 1 again",
	    "Sale 1 was voided already (sold to the wrong Ivan). Nothing changed.");
	hf_expect(f, HF_OWNER, "/sub 1 end 2026-07-01",
	    "Sale 1 is cancelled: it cannot be changed");
	hf_sql_assert(f, "(SELECT count(*) FROM audit_log WHERE action = 'subscription.void') = 1");
	hf_expect(f, HF_OWNER, "/payments #1",
	    "• sale 1: month8, 2026-05-28 – "
	    "2026-06-26, 4 000 ₽ — voided (sold to the wrong Ivan)");
}

static void test_refund(void **state)
{
	struct hf *f = *state;
	struct payment p;
	struct revenue r;
	const char *t;
	int64_t st = hf_person(f, PERSON_STUDENT, "Ivan", NULL, STUDENT_TG), s, e;

	hf_expect(f, HF_OWNER, "/refund #1 1500 card", "Usage: /refund");
	hf_expect(f, HF_OWNER, "/refund #1 -5 card oops", "“-5” is not an amount");
	hf_expect(f, HF_OWNER, "/refund #1 1500 bitcoin oops", "“bitcoin” is not a payment method");
	hf_expect(f, HF_OWNER, "/refund #7 1500 card oops", "There is no student #7");
	assert_int_equal(count_payments(f, st), 0);

	hf_send_take(f, HF_OWNER, "/pay #1 4000 cash");
	hf_assert_contains(hf_ask_rows(f, HF_OWNER, "/refund #1 1500 card moved away", 2),
	    "↩️ Refund 2 recorded: 1 500 ₽ (card) to "
	    "Ivan Petrov (#1). Reason: moved away.");
	hf_assert_contains(hf_text_to(f, STUDENT_TG), "The academy refunded you 1 500 ₽ (card).");
	p = pay_get(f, 2);
	assert_int_equal(p.refund, 1);
	assert_int_equal(p.amount, 150000);
	assert_string_equal(p.description, "moved away");
	payment_release(&p);
	hf_sql_assert(f, "(SELECT count(*) FROM audit_log WHERE action = 'payment.refund') = 1");

	/* Shown as a refund, counted negative. */
	t = hf_ask(f, STUDENT_TG, "/balance");
	hf_assert_contains(t, "2026-05-28 — refund 1 500 ₽, card\n2026-05-28 — 4 000 ₽, cash");
	hf_assert_lacks(t, "(payment");
	civil_month_bounds(2026, 5, &s, &e);
	assert_int_equal(db_revenue(f->db, s, e, &r), DB_OK);
	assert_int_equal(r.total, 250000);
	assert_int_equal(r.count, 1);
	assert_int_equal(r.refunds, 150000);
	assert_int_equal(r.n_refunds, 1);
	revenue_release(&r);
	t = hf_ask(f, HF_OWNER, "/revenue");
	hf_assert_contains_all(t, "Total: <b>2 500 ₽</b> (payments: 1)",
	    "Refunds: -1 500 ₽ (1), taken off the total");

	/* In Russian, with a Russian method word. */
	hf_assert_contains(hf_ask_rows_ru(f, HF_OWNER, "/refund #1 500 Наличными за кимоно", 2),
	    "↩️ Возврат 3 записан: 500 ₽ (наличные), Ivan Petrov (#1). Причина: за кимоно.");
	/* A refund is voided like a payment. */
	hf_assert_contains(hf_ask_rows(f, HF_OWNER, "/void payment 2 card refund failed", 2),
	    "🗑 Refund 2 voided: 1 500 ₽ (card)");
}

/* Voiding or cancelling a plan moves the renewals queued after it back
 * to where it began, or to today when it began earlier, keeping their
 * length, so the student still has a current plan. */
static void test_void_cancel_moves_renewals(void **state)
{
	struct hf *f = *state;
	struct subscription s;
	int64_t st = hf_person(f, PERSON_STUDENT, "Ivan", NULL, STUDENT_TG);
	int64_t today = civil_day_start(HF_NOW), end1, end3;

	plan(f, "unlim", 600000, 30, 0);
	sell(f, st, "unlim", HF_NOW, NULL);
	sell(f, st, "unlim", HF_NOW, NULL);        /* queued after 1 */
	sell(f, st, "unlim", HF_NOW, NULL);        /* queued after 2 */
	s = sub_get(f, 1);
	end1 = s.ends_at;
	subscription_release(&s);
	s = sub_get(f, 3);
	end3 = s.ends_at;
	subscription_release(&s);

	hf_assert_contains(hf_ask_rows(f, HF_OWNER, "/void sale 1 wrong plan", 2),
	    "Reason: wrong plan.\n⏩ Plans queued "
	    "after it (2) moved 30 days earlier: the next one starts on 2026-05-28.");
	s = sub_get(f, 2);
	assert_int_equal(s.starts_at, today);
	assert_int_equal(s.ends_at, end1);
	subscription_release(&s);
	s = sub_get(f, 3);
	assert_int_equal(s.ends_at, civil_add_days(end3, -30));
	subscription_release(&s);
	assert_int_equal(current(f, st, HF_NOW + 60), 2);
	hf_sql_assert(f, "(SELECT details LIKE '%renewals_moved=2 days=30%' FROM audit_log "
	    "WHERE action = 'subscription.void')");

	/* Ten days into sale 2, cancelled in Russian: sale 3 starts today. */
	f->env.now = HF_NOW + 10 * DAY;
	hf_send_take_ru(f, HF_OWNER, "/sub 2 cancel");
	hf_assert_contains(hf_text_to(f, HF_OWNER), "\n⏩ Абонементы в очереди после него (1) "
	    "перенесены на 20 дней раньше: ближайший начинается с 2026-06-07.");
	s = sub_get(f, 3);
	assert_int_equal(s.starts_at, civil_day_start(HF_NOW + 10 * DAY));
	assert_int_equal(s.ends_at, civil_add_days(end3, -50));
	subscription_release(&s);
	assert_int_equal(current(f, st, HF_NOW + 10 * DAY + 60), 3);

	/* Nothing queued after the last one: nothing said, nothing moved. */
	hf_send_take(f, HF_OWNER, "/sub 3 cancel");
	hf_assert_lacks(hf_text_to(f, HF_OWNER), "queued");
	/* Voiding a plan cancelled before moves nothing again. */
	hf_send_take(f, HF_OWNER, "/void sale 2 wrong");
	hf_assert_lacks(hf_text_to(f, HF_OWNER), "queued");
	s = sub_get(f, 3);
	assert_int_equal(s.starts_at, civil_day_start(HF_NOW + 10 * DAY));
	subscription_release(&s);
}

static void test_sub_command(void **state)
{
	struct hf *f = *state;
	static const struct hf_case bad[] = {
		{ "/sub", "Usage: /sub" },
		{ "/sub 1", "Usage: /sub" },
		{ "/sub x end 2026-07-01", "Usage: /sub" },
		{ "/sub 1 end", "Usage: /sub" },
		{ "/sub 1 finish 2026-07-01", "Usage: /sub" },
		{ "/sub 1 end 2026-07-01 now", "Usage: /sub" },
		{ "/sub 9 end 2026-07-01", "There is no sale 9." },
		{ "/sub 1 end 2026-02-30", "“2026-02-30” is not a date" },
		{ "/sub 1 end 2029-01-01", "at most a year from today" },
		{ "/sub 1 end 2026-05-01", "would end before it starts (2026-05-28 – 2026-05-01)" },
		{ "/sub 1 classes 1001", "“1001” is not a number of classes" },
		{ "/sub 1 classes -1", "“-1” is not a number of classes" },
		{ "/sub 2 classes 3", "Sale 2 is an unlimited plan" },
	};
	struct subscription s;
	int64_t st = hf_person(f, PERSON_STUDENT, "Ivan", NULL, STUDENT_TG);

	plan(f, "month8", 400000, 30, 8);
	plan(f, "unlim", 600000, 30, 0);
	sell(f, st, "month8", HF_NOW, NULL);
	sell(f, hf_person(f, PERSON_STUDENT, "Olga", NULL, 0), "unlim", HF_NOW, NULL);
	hf_expect_cases(f, HF_OWNER, bad, BJJ_ARRAY_LEN(bad));
	s = sub_get(f, 1);
	assert_day(s.starts_at, "2026-05-28");
	assert_day(s.ends_at - 1, "2026-06-26");
	assert_int_equal(s.classes_left, 8);
	subscription_release(&s);

	hf_assert_contains(hf_ask_rows(f, HF_OWNER, "/sub 1 end 2026-07-15", 2),
	    "✅ Sale 1 changed: <b>month8</b>, Ivan "
	    "Petrov (#1), valid 2026-05-28 – 2026-07-15, 8 classes left.");
	hf_assert_contains(hf_text_to(f, STUDENT_TG),
	    "Your plan <b>month8</b> changed: valid 2026-05-28 – 2026-07-15, 8 classes left.");
	hf_assert_contains(hf_ask_rows(f, HF_OWNER, "/sub 1 classes 1", 2), "2026-07-15, 1 class left.");
	hf_assert_contains(hf_ask_rows_ru(f, HF_OWNER, "/sub 1 начало 2026-05-20", 2),
	    "✅ Продажа 1 изменена: <b>month8</b>, "
	    "Ivan Petrov (#1), действует 2026-05-20 – 2026-07-15, осталось 1 занятие.");
	s = sub_get(f, 1);
	assert_day(s.starts_at, "2026-05-20");
	assert_day(s.ends_at - 1, "2026-07-15");
	assert_int_equal(s.classes_left, 1);
	subscription_release(&s);
	hf_sql_assert(f, "(SELECT count(*) FROM audit_log WHERE action = 'subscription.edit') = 3");

	/* An expired plan given a later end is active again. */
	hf_sql(f, "UPDATE subscriptions SET status = 'expired' WHERE id = 1");
	hf_send_take(f, HF_OWNER, "/sub 1 end 2026-06-10");
	s = sub_get(f, 1);
	assert_string_equal(s.status, "active");
	subscription_release(&s);

	/* A reason longer than a note may be: refused, the plan untouched. */
	{
		char cmd[300] = "/sub 1 cancel ";
		size_t len = strlen(cmd);

		memset(cmd + len, 'x', 201);
		cmd[len + 201] = '\0';
		hf_send(f, HF_OWNER, cmd);
		hf_assert_contains(hf_take_reply(f, HF_OWNER),
		    "The note or reason must be at most 200 characters.");
		s = sub_get(f, 1);
		assert_string_equal(s.status, "active");
		subscription_release(&s);
		hf_sql_assert(f, "(SELECT count(*) FROM audit_log WHERE action LIKE "
		    "'subscription.cancel%') = 0");
	}

	/* Cancel: history and payments kept. */
	hf_assert_contains(hf_ask_rows(f, HF_OWNER, "/sub 1 cancel moved to Kazan", 2),
	    "✅ Sale 1 cancelled: <b>month8</b>, Ivan "
	    "Petrov (#1). Its payments stay; /refund gives money back.");
	hf_assert_contains(hf_text_to(f, STUDENT_TG), "Your plan <b>month8</b> was cancelled "
	    "by the academy. Reason: moved to Kazan.");
	s = sub_get(f, 1);
	assert_string_equal(s.status, "cancelled");
	assert_int_equal(s.voided, 0);
	assert_string_equal(s.cancel_reason, "moved to Kazan");
	subscription_release(&s);
	hf_sql_assert(f, "(SELECT count(*) FROM payments WHERE voided_at IS NULL) = 2");
	assert_int_equal(current(f, st, HF_NOW + 60), 0);
	hf_expect(f, HF_OWNER, "/sub 1 cancel",
	    "Sale 1 is cancelled already: nothing to cancel.");
	hf_send_ru(f, HF_OWNER, "/sub 1 отмена");
	hf_assert_contains(hf_take_reply(f, HF_OWNER),
	    "Продажа 1: абонемент уже отменён — отменять нечего.");
	/* A cancelled sale can still be voided (its money given back as void). */
	hf_assert_contains(hf_ask_rows(f, HF_OWNER, "/void sale 1 never paid really", 1),
	    "voided with it: 1 payment (4 000 ₽)");
}

static void test_plan_command(void **state)
{
	struct hf *f = *state;
	static const struct hf_case bad[] = {
		{ "/plan", "Usage: /plan" },
		{ "/plan month8", "Usage: /plan" },
		{ "/plan month8 price", "Usage: /plan" },
		{ "/plan month8 retire now", "Usage: /plan" },
		{ "/plan month8 bogus", "Usage: /plan" },
		{ "/plan month8 price abc", "“abc” is not a price" },
		{ "/plan month8 price 0", "“0” is not a price" },
		{ "/plan nope retire", "There is no plan “nope”" },
	};
	struct subscription s;
	struct plan p;
	const char *t;
	int64_t st = hf_person(f, PERSON_STUDENT, "Ivan", NULL, STUDENT_TG), old, sold;

	plan(f, "month8", 400000, 30, 8);
	assert_int_equal(db_plan_add(f->db, "trial1", "Trial", "trial", 0, 7, 1, HF_NOW, NULL),
	    DB_OK);
	old = sell(f, st, "month8", HF_NOW, NULL);
	hf_expect_cases(f, HF_OWNER, bad, BJJ_ARRAY_LEN(bad));
	assert_int_equal(db_plan_by_code(f->db, "month8", &p), DB_OK);
	assert_int_equal(p.price, 400000);
	plan_release(&p);

	/* Repricing: new sales only. */
	hf_expect(f, HF_OWNER, "/plan month8 price 4500",
	    "✅ Plan <code>month8</code> now costs "
	    "4 500 ₽ (was 4 000 ₽). Plans sold before keep their price.");
	sold = sell(f, st, "month8", HF_NOW, NULL);
	s = sub_get(f, old);
	assert_int_equal(s.price, 400000);
	subscription_release(&s);
	s = sub_get(f, sold);
	assert_int_equal(s.price, 450000);
	subscription_release(&s);
	hf_sql_assert(f, "(SELECT amount FROM payments WHERE subscription_id = 2) = 450000");
	hf_expect(f, HF_OWNER, "/plan trial1 price 0", "now costs 0 ₽");

	/* Retiring: not sold, not listed, except to the owner's "all". */
	hf_expect(f, HF_OWNER, "/plan MONTH8 retire", "✅ Plan <code>month8</code> is retired");
	hf_expect(f, HF_OWNER, "/plan month8 retire", "is retired already. Nothing changed.");
	hf_expect(f, HF_OWNER, "/sell #1 month8",
	    "Plan <code>month8</code> is retired and cannot be sold.");
	assert_int_equal(count_subs(f, st), 2);
	hf_send(f, STUDENT_TG, "/plans");
	hf_assert_lacks(hf_take_reply(f, STUDENT_TG), "month8");
	t = hf_ask(f, STUDENT_TG, "/plans all");
	hf_assert_lacks(t, "Usage");
	hf_assert_contains(t, "<code>trial1</code>");
	hf_assert_lacks(t, "month8");
	hf_expect(f, HF_OWNER, "/plans all now", "Usage: /plans");
	t = hf_ask(f, HF_OWNER, "/plans ALL ");
	hf_assert_contains(t, "<code>month8</code> — month8: 4 500 ₽, 30 days, 8 classes — "
	    "<i>retired</i>");
	hf_assert_contains(t, "<code>trial1</code>");
	hf_expect_ru(f, HF_OWNER, "/plans Все", "<i>снят с продажи</i>");
	hf_send_ru(f, HF_OWNER, "/plan month8 вернуть");
	hf_assert_contains(hf_take_reply(f, HF_OWNER),
	    "✅ Абонемент <code>month8</code> снова в продаже.");
	hf_expect(f, HF_OWNER, "/plan month8 restore", "is on sale already");
	hf_sql_assert(f, "(SELECT count(*) FROM audit_log WHERE entity = 'plan') = 4");

	/* Counts read naturally in Russian. */
	hf_expect_ru(f, HF_OWNER, "/addplan p3 100 3 2", "100 ₽, 3 дня, 2 занятия.");
	hf_expect_ru(f, HF_OWNER, "/addplan p21 100 21 21", "100 ₽, 21 день, 21 занятие.");
	hf_expect_ru(f, HF_OWNER, "/addplan p5 100 25 5", "100 ₽, 25 дней, 5 занятий.");
}

static void test_sell_start_date(void **state)
{
	struct hf *f = *state;
	int64_t st = hf_person(f, PERSON_STUDENT, "Ivan", NULL, STUDENT_TG);

	assert_int_equal(db_plan_add(f->db, "dropin", "Drop-in", "dropin", 80000, 1, 1, HF_NOW,
	    NULL), DB_OK);
	/* Sold the evening before, valid on the class day. */
	hf_assert_contains(hf_ask_rows(f, HF_OWNER, "/sell #1 dropin 2026-05-29 card", 2),
	    "Valid 2026-05-29 – 2026-05-29, 1 class.");
	hf_assert_contains(hf_text_to(f, STUDENT_TG),
	    "You bought <b>Drop-in</b>: valid 2026-05-29 – 2026-05-29, 1 class.");
	assert_int_equal(current(f, st, HF_NOW), 0);
	assert_int_not_equal(current(f, st, civil_local(2026, 5, 29, 19 * 60)), 0);
	assert_int_equal(current(f, st, civil_local(2026, 5, 30, 19 * 60)), 0);
	/* Method first, date after, in Russian. */
	hf_assert_contains(hf_ask_rows_ru(f, HF_OWNER, "/sell #1 dropin Карта 27.05.2026", 2),
	    "✅ Продажа: <b>Drop-in</b> — Ivan Petrov "
	    "(#1), 800 ₽, карта.\nДействует 2026-05-27 – 2026-05-27, 1 занятие.");
	/* A day without its year, as for classes: the nearest one. */
	hf_assert_contains(hf_ask_rows_ru(f, HF_OWNER, "/sell #1 dropin 02.06 нал", 2),
	    "Действует 2026-06-02 – 2026-06-02");
}

static void test_checkin_frozen(void **state)
{
	struct hf *f = *state;
	int64_t st = hf_person(f, PERSON_STUDENT, "Ivan", NULL, STUDENT_TG), tr;
	const char *t;

	plan(f, "unlim", 600000, 30, 0);
	sell(f, st, "unlim", HF_NOW - DAY, NULL);
	hf_send_take(f, HF_OWNER, "/freeze #1 10 vacation");
	assert_int_equal(db_training_add(f->db, "Gi", HF_NOW + 600, 60, 0, HF_NOW, &tr), DB_OK);
	t = hf_ask(f, STUDENT_TG, "/checkin");
	hf_assert_contains(t, "Your plan <b>unlim</b> is frozen through 2026-06-06. I recorded "
	    "your visit anyway");
	hf_assert_lacks(t, "no valid subscription");
	hf_person(f, PERSON_TRAINER, "Anna", NULL, TRAINER_TG);
	hf_sql(f, "DELETE FROM attendance");
	t = hf_ask(f, TRAINER_TG, "/checkin #1");
	hf_assert_contains(t, "Plan <b>unlim</b> is frozen through 2026-06-06: visit recorded");
	hf_assert_lacks(t, "No valid subscription");
}

static void test_freeze_notice_words(void **state)
{
	struct hf *f = *state;
	int64_t st = hf_person(f, PERSON_STUDENT, "Ivan", NULL, STUDENT_TG);
	const char *t;

	plan(f, "unlim", 600000, 30, 0);
	sell(f, st, "unlim", HF_NOW, NULL);
	assert_int_equal(hf_send_take(f, HF_OWNER, "/freeze #1 10 business trip"), 2);
	t = hf_text_to(f, STUDENT_TG);
	hf_assert_contains(t, "Reason: business trip. See you back on the mats!");
	hf_assert_lacks(t, "Get well");
	hf_send_take(f, HF_OWNER, "/unfreeze #1");
	assert_int_equal(hf_send_take(f, HF_OWNER, "/freeze #1 5"), 2);
	t = hf_text_to(f, STUDENT_TG);
	hf_assert_contains_all(t, "It now runs until", "See you back on the mats!");
	hf_assert_lacks(t, "Reason");
	hf_send_take(f, HF_OWNER, "/unfreeze #1");
	assert_int_equal(hf_send_take(f, HF_OWNER, "/freeze #1 7 Knee injury"), 2);
	hf_assert_contains(hf_text_to(f, STUDENT_TG), "Get well and come back soon!");
	hf_send_take(f, HF_OWNER, "/unfreeze #1");
	/* The Russian student is wished well for a "простуда", not for "отпуск". */
	hf_sql(f, "UPDATE tg_users SET lang = 'ru'; INSERT OR IGNORE INTO tg_users "
	    "(tg_id, lang, first_seen, last_seen) VALUES (%d, 'ru', 0, 0)", STUDENT_TG);
	assert_int_equal(hf_send_take(f, HF_OWNER, "/freeze #1 7 простуда"), 2);
	hf_assert_contains(hf_text_to(f, STUDENT_TG), "Причина: простуда. Выздоравливайте");
	hf_send_take(f, HF_OWNER, "/unfreeze #1");
	assert_int_equal(hf_send_take(f, HF_OWNER, "/freeze #1 7 отпуск"), 2);
	hf_assert_contains(hf_text_to(f, STUDENT_TG), "Причина: отпуск. Ждём вас снова");
}

static void test_balance_of_someone_else(void **state)
{
	struct hf *f = *state;
	int64_t st = hf_person(f, PERSON_STUDENT, "Ivan", NULL, STUDENT_TG);
	const char *t;

	t = hf_ask(f, HF_OWNER, "/balance #1");
	hf_assert_contains(t, "<b>Ivan Petrov</b> (#1)\nNo active plan.\n");
	hf_assert_lacks(t, "Ask the academy");
	t = hf_ask_ru(f, HF_OWNER, "/balance #1");
	hf_assert_contains(t, "Действующего абонемента нет.\n");
	hf_assert_lacks(t, "Обратитесь в академию");
	plan(f, "month8", 400000, 30, 8);
	sell(f, st, "month8", HF_NOW, NULL);
	t = hf_ask(f, HF_OWNER, "/balance #1");
	hf_assert_contains_all(t, "📋 <b>month8</b> (sale 1) — active", "4 000 ₽, cash (payment 1)");
	t = hf_ask(f, STUDENT_TG, "/balance");
	hf_assert_contains(t, "📋 <b>month8</b> — active");
	hf_assert_lacks(t, "(payment 1)");
}

static void test_payments_list(void **state)
{
	struct hf *f = *state;
	int64_t st = hf_person(f, PERSON_STUDENT, "Ivan", NULL, STUDENT_TG);
	const char *t;

	hf_expect(f, HF_OWNER, "/payments", "Usage: /payments");
	hf_expect(f, HF_OWNER, "/payments #1", "No sales or payments yet.");
	plan(f, "month8", 400000, 30, 8);
	sell(f, st, "month8", HF_NOW, NULL);
	assert_int_equal(db_refund_add(f->db, st, 50000, "card", "<x>", HF_OWNER, HF_NOW, NULL),
	    DB_OK);
	t = hf_ask(f, HF_OWNER, "/payments ivan");
	hf_assert_contains_all(t, "<b>Ivan Petrov</b> (#1): sales and payments",
	    "• sale 1: month8, 2026-05-28 – 2026-06-26, 4 000 ₽ — active",
	    "• payment 2: 2026-05-28 — refund 500 ₽, card",
	    "• payment 1: 2026-05-28 — 4 000 ₽, cash (sale 1)",
	    "<code>/refund #1 amount method reason</code>");
	t = hf_ask_ru(f, HF_OWNER, "/payments #1");
	hf_assert_contains_all(t, "• продажа 1: month8", "• платёж 2: 2026-05-28 — возврат 500 ₽, карта");
}

/* ---- the confirmation tap after a name pick ---- */

/* Send text naming "ivan" (two match), press the button of student #1;
 * the taken rows are the confirmation. Returns its cfm pick id. */
static long long
pick_first(struct hf *f, const char *text, int ru)
{
	char data[64], cfm[64];
	const struct outbox_item *it;

	if (ru)
		hf_send_ru(f, HF_OWNER, text);
	else
		hf_send(f, HF_OWNER, text);
	hf_take(f);
	it = hf_get(f, OB_SEND_MESSAGE, HF_OWNER);
	button(it->markup, "pick:", data);
	/* the first button is #1 */
	*strrchr(data, ':') = '\0';
	strcat(data, ":1");
	press_in(f, HF_OWNER, data, ru);
	hf_take(f);
	it = hf_get(f, OB_SEND_MESSAGE, HF_OWNER);
	button(it->markup, "cfm:", cfm);
	return atoll(cfm + 4);
}

static void test_confirm_after_pick(void **state)
{
	struct hf *f = *state;
	char data[64];
	long long id;
	struct person p;
	int64_t ivan = hf_person(f, PERSON_STUDENT, "Ivan", "+79001230001", STUDENT_TG);

	hf_person(f, PERSON_STUDENT, "Ivanka", "+79001230002", 0);
	hf_person(f, PERSON_TRAINER, "Anna", NULL, TRAINER_TG);
	plan(f, "month8", 400000, 30, 8);

	/* /sell: the question names the person, plan and money; nothing yet. */
	id = pick_first(f, "/sell ivan month8 card", 0);
	hf_assert_contains(hf_text_to(f, HF_OWNER),
	    "Sell <b>month8</b> (4 000 ₽, card) to Ivan Petrov (#1)?");
	assert_int_equal(count_subs(f, ivan), 0);
	assert_int_equal(count_payments(f, ivan), 0);
	/* Someone else's tap or a forged one changes nothing. */
	snprintf(data, sizeof data, "cfm:%lld", id);
	hf_expect_press(f, TRAINER_TG, data, "outdated");
	hf_expect_press(f, HF_OWNER, "cfm:abc", "outdated");
	assert_int_equal(count_subs(f, ivan), 0);
	/* Confirmed: sold once; the same tap again is stale. */
	hf_expect_press(f, HF_OWNER, data, "Sold <b>month8</b> to Ivan Petrov (#1)");
	assert_int_equal(count_subs(f, ivan), 1);
	hf_expect_press(f, HF_OWNER, data, "outdated");
	assert_int_equal(count_subs(f, ivan), 1);
	assert_int_equal(count_payments(f, ivan), 1);

	/* /pay, declined. */
	id = pick_first(f, "/pay ivan 1500 cash gi", 0);
	hf_assert_contains(hf_text_to(f, HF_OWNER),
	    "Record a payment of 1 500 ₽ (cash) from Ivan Petrov (#1)?");
	snprintf(data, sizeof data, "cfm:%lld:no", id);
	hf_expect_press(f, HF_OWNER, data, "Cancelled: nothing changed.");
	assert_int_equal(count_payments(f, ivan), 1);
	snprintf(data, sizeof data, "cfm:%lld", id);
	hf_expect_press(f, HF_OWNER, data, "outdated");
	assert_int_equal(count_payments(f, ivan), 1);

	/* /refund and /freeze ask too; in Russian. */
	pick_first(f, "/refund ivan 500 card gi returned", 0);
	hf_assert_contains(hf_text_to(f, HF_OWNER),
	    "Record a refund of 500 ₽ (card) to Ivan Petrov (#1)?");
	pick_first(f, "/freeze ivan 14 trip", 1);
	hf_assert_contains(hf_text_to(f, HF_OWNER),
	    "Заморозка абонемента: Ivan Petrov (#1), 14 дней. Подтвердить?");
	pick_first(f, "/sell ivan month8", 1);
	hf_assert_contains(hf_text_to(f, HF_OWNER),
	    "Продажа: <b>month8</b> (4 000 ₽, наличные) — Ivan Petrov (#1). Подтвердить?");
	assert_int_equal(count_payments(f, ivan), 1);
	assert_int_not_equal(current(f, ivan, HF_NOW + 60), 0);
	hf_sql_assert(f, "(SELECT count(*) FROM freezes) = 0");

	/* /deactivate asks; confirmed, it is done. */
	id = pick_first(f, "/deactivate ivan", 0);
	hf_assert_contains(hf_text_to(f, HF_OWNER), "Deactivate Ivan Petrov (#1)?");
	assert_int_equal(db_person_get(f->db, PERSON_STUDENT, ivan, &p), DB_OK);
	assert_int_equal(p.active, 1);
	person_release(&p);
	snprintf(data, sizeof data, "cfm:%lld", id);
	hf_press_take(f, HF_OWNER, data);
	assert_int_equal(db_person_get(f->db, PERSON_STUDENT, ivan, &p), DB_OK);
	assert_int_equal(p.active, 0);
	person_release(&p);

	/* Typed with "#id", one step as before. */
	assert_int_equal(hf_send_take(f, HF_OWNER, "/pay #1 700 card"), 2);
	assert_int_equal(count_payments(f, ivan), 2);
}

/* ---- the student card's money buttons ---- */

static void test_card_buttons(void **state)
{
	struct hf *f = *state;
	static const char *const forged[] = {
		"bil:sc:9:1:450000:k", "bil:sc:1:1:450000:x", "bil:sc:1:1:450000", "bil:sp:1:99",
		"bil:zap:1", "bil:sell", "bil:sell:1:2", "bil:sp:1:1:2",
	};
	const struct outbox_item *it;
	char data[64], other[64];
	size_t i;
	int64_t st = hf_person(f, PERSON_STUDENT, "Ivan", NULL, STUDENT_TG);

	plan(f, "month8", 400000, 30, 8);
	plan(f, "unlim", 600000, 30, 0);
	hf_send_take(f, HF_OWNER, "/student #1");
	it = hf_get(f, OB_SEND_MESSAGE, HF_OWNER);
	hf_assert_contains_all(it->markup, "\"bil:sell:1\"", "\"bil:pay:1\"", "\"bil:frz:1\"");

	hf_expect_press(f, HF_OWNER, "bil:pay:1", "<code>/pay #1 1500 cash note</code>");
	hf_expect_press(f, HF_OWNER, "bil:frz:1", "<code>/freeze #1 14 reason</code>");

	/* sell → plan → method (the confirmation) → sold. */
	hf_press_take(f, HF_OWNER, "bil:sell:1");
	it = hf_get(f, OB_SEND_MESSAGE, HF_OWNER);
	hf_assert_contains(it->text, "Which plan for Ivan Petrov (#1)?");
	hf_assert_contains(it->markup, "month8 — 4 000 ₽");
	button(it->markup, "bil:sp:1:", data);
	assert_string_equal(data, "bil:sp:1:1");
	hf_press_take(f, HF_OWNER, data);
	it = hf_get(f, OB_SEND_MESSAGE, HF_OWNER);
	hf_assert_contains(it->text, "Sell <b>month8</b> (4 000 ₽, …) to Ivan Petrov (#1)?");
	button(it->markup, "bil:sc:1:1:400000:k", data);
	assert_int_equal(count_subs(f, st), 0);

	/* Repriced since: the old button is stale. */
	hf_send_take(f, HF_OWNER, "/plan month8 price 4500");
	hf_expect_press(f, HF_OWNER, data, "outdated");
	assert_int_equal(count_subs(f, st), 0);
	for (i = 0; i < BJJ_ARRAY_LEN(forged); i++) {
		hf_expect_press(f, HF_OWNER, forged[i], "outdated");
	}
	hf_person(f, PERSON_TRAINER, "Anna", NULL, TRAINER_TG);
	assert_int_equal(hf_press_take(f, TRAINER_TG, "bil:sc:1:1:450000:k"), 1);
	hf_assert_contains(f->items[0].text, "not for you");
	assert_int_equal(count_subs(f, st), 0);
	assert_int_equal(count_payments(f, st), 0);

	/* Without the one-time key of a drawn confirmation: stale. */
	hf_expect_press(f, HF_OWNER, "bil:sc:1:1:450000:k", "outdated");
	assert_int_equal(count_subs(f, st), 0);

	hf_press_take(f, HF_OWNER, "bil:sp:1:1");
	it = hf_get(f, OB_SEND_MESSAGE, HF_OWNER);
	button(it->markup, "bil:sc:1:1:450000:c:", other);
	button(it->markup, "bil:sc:1:1:450000:k:", data);
	assert_int_equal(hf_press_take(f, HF_OWNER, data), 3);
	hf_assert_contains(hf_text_to(f, HF_OWNER),
	    "Sold <b>month8</b> to Ivan Petrov (#1): 4 500 ₽, card.");
	assert_int_equal(count_subs(f, st), 1);
	assert_int_equal(count_payments(f, st), 1);

	/* A double tap, or another method's button after it, sells nothing more. */
	hf_expect_press(f, HF_OWNER, data, "outdated");
	hf_expect_press(f, HF_OWNER, other, "outdated");
	assert_int_equal(count_subs(f, st), 1);
	assert_int_equal(count_payments(f, st), 1);

	/* A retired plan's button is stale. */
	hf_send_take(f, HF_OWNER, "/plan month8 retire");
	hf_expect_press(f, HF_OWNER, "bil:sp:1:1", "outdated");
	hf_expect_press(f, HF_OWNER, "bil:sc:1:1:450000:c", "outdated");
	assert_int_equal(count_subs(f, st), 1);
}

BJJ_TEST_MAIN(
	HF_TEST_MOSCOW(test_use_class),
	HF_TEST_MOSCOW(test_current_selection),
	HF_TEST_MOSCOW(test_freeze_unfreeze),
	HF_TEST_MOSCOW(test_expire_maintenance),
	HF_TEST_MOSCOW(test_sell_atomic),
	HF_TEST_MOSCOW(test_payment_add_rules),
	HF_TEST_MOSCOW(test_addplan_and_plans),
	HF_TEST_MOSCOW(test_addplan_bad_arguments),
	HF_TEST_MOSCOW(test_sell_command),
	HF_TEST_MOSCOW(test_sell_bad_arguments),
	HF_TEST_MOSCOW(test_pay_command),
	HF_TEST_MOSCOW(test_freeze_commands),
	HF_TEST_MOSCOW(test_balance),
	HF_TEST_MOSCOW(test_role_refusals),
	HF_TEST_MOSCOW(test_void_payment),
	HF_TEST_MOSCOW(test_void_sale),
	HF_TEST_MOSCOW(test_refund),
	HF_TEST_MOSCOW(test_void_cancel_moves_renewals),
	HF_TEST_MOSCOW(test_sub_command),
	HF_TEST_MOSCOW(test_plan_command),
	HF_TEST_MOSCOW(test_sell_start_date),
	HF_TEST_MOSCOW(test_checkin_frozen),
	HF_TEST_MOSCOW(test_freeze_notice_words),
	HF_TEST_MOSCOW(test_balance_of_someone_else),
	HF_TEST_MOSCOW(test_payments_list),
	HF_TEST_MOSCOW(test_confirm_after_pick),
	HF_TEST_MOSCOW(test_card_buttons),
)
