/*
 * demo.c — the demo academy (see demo.h), written through the same
 * storage functions the bot uses, in one transaction.
 *
 * The history is played forward day by day rather than inserted as
 * finished rows: a student who comes to a class without a valid plan buys
 * one just before it (db_subscription_sell with that moment as "now"),
 * and each visit goes through db_attendance_mark, so packs count down,
 * renewals start where they should and every date is one the bot itself
 * could have written. Misses follow a fixed pattern, not rand(), so the
 * demo tells the same story every time it is run.
 */
#include "bot/demo.h"

#include <stddef.h>
#include <stdint.h>

#include "lib/civil.h"
#include "lib/log.h"
#include "lib/util.h"
#include "storage/admin.h"
#include "storage/belts.h"
#include "storage/billing.h"
#include "storage/schedule.h"
#include "storage/store.h"

/* Days of attendance and payments before now: two calendar months are
 * always touched, so /revenue and /report have a month to compare. */
#define DEMO_HISTORY_DAYS 63
/* The weekly classes exist from a week before the history starts. */
#define DEMO_SCHEDULE_AGE 70
/* Enough rows for every training of the history. */
#define DEMO_TRAININGS_MAX 200

#define DEMO_MON 0x01
#define DEMO_TUE 0x02
#define DEMO_WED 0x04
#define DEMO_THU 0x08
#define DEMO_FRI 0x10
#define DEMO_SAT 0x20

enum demo_class_kind { DEMO_GI, DEMO_NOGI, DEMO_KIDS, DEMO_OPEN, DEMO_N_CLASSES };
#define DEMO_C(k) (1 << (k))

struct demo_person {
	const char *first, *last, *phone;
	int64_t tg_id;             /* 0: not linked yet */
};

static const struct demo_person demo_trainers[] = {
	{ "Rafael", "Souza", "+79000000001", DEMO_TRAINER_TG },
	{ "Anna", "Volkova", "+79000000002", 0 },
};

struct demo_class {
	const char *title[2];      /* English, Russian (demo --lang ru) */
	int weekdays;
	int start_minute;          /* local */
	int duration_min;
	int trainer;               /* index in demo_trainers; -1: none */
};

static const struct demo_class demo_classes[DEMO_N_CLASSES] = {
	[DEMO_GI] = { { "Gi Fundamentals", "Основы (ги)" }, DEMO_MON | DEMO_WED | DEMO_FRI,
	    19 * 60, 90, 0 },
	[DEMO_NOGI] = { { "No-Gi", "Но-ги" }, DEMO_TUE | DEMO_THU, 19 * 60, 60, 1 },
	[DEMO_KIDS] = { { "Kids", "Детская группа" }, DEMO_SAT, 10 * 60, 60, 1 },
	[DEMO_OPEN] = { { "Open Mat", "Открытый ковёр" }, DEMO_SAT, 11 * 60, 90, -1 },
};

struct demo_plan {
	const char *code, *title[2], *kind;
	int64_t price;             /* minor units */
	int days, classes;         /* classes 0: unlimited */
};

static const struct demo_plan demo_plans[] = {
	{ "unlimited", { "Unlimited month", "Безлимит на месяц" }, "unlimited", 600000, 30, 0 },
	{ "pack8", { "8 classes", "8 занятий" }, "pack", 400000, 30, 8 },
	{ "kids", { "Kids month", "Детский, месяц" }, "unlimited", 450000, 30, 0 },
	{ "dropin", { "Drop-in class", "Разовое занятие" }, "dropin", 80000, 1, 1 },
	{ "trial", { "Trial class", "Пробное занятие" }, "trial", 0, 7, 1 },
};

/* Student ids follow this order: Ivan is #1, as the banner says. */
enum { DEMO_IVAN, DEMO_MARIA, DEMO_DMITRY, DEMO_OLGA, DEMO_SERGEY, DEMO_TIMUR,
	DEMO_PAVEL, DEMO_ELENA, DEMO_ALEXEI, DEMO_NIKOLAI, DEMO_ALISA, DEMO_N_STUDENTS };

struct demo_student {
	const char *first, *last, *phone;
	const char *belt;          /* at registration; demo_promotions follow */
	int stripes;
	int64_t tg_id;             /* 0: not linked yet */
	int joined;                /* registered this many days ago */
	const char *first_plan;    /* bought at the first visit; NULL: plan */
	const char *plan;          /* bought whenever they come without one */
	const char *method;
	int classes;               /* DEMO_C() of the classes they come to */
	int from, until;           /* came from `from` until `until` days ago */
	int miss;                  /* misses about one class in `miss` */
};

static const struct demo_student demo_students[DEMO_N_STUDENTS] = {
	[DEMO_IVAN] = { "Ivan", "Petrov", "+79000000101", "white", 3, DEMO_STUDENT_TG, 900,
	    NULL, "pack8", "card", DEMO_C(DEMO_NOGI), 63, 0, 4 },
	[DEMO_MARIA] = { "Maria", "Ivanova", "+79000000102", "white", 0, DEMO_STUDENT_TG + 1,
	    400, NULL, "unlimited", "transfer", DEMO_C(DEMO_GI) | DEMO_C(DEMO_OPEN), 63, 0, 6 },
	[DEMO_DMITRY] = { "Dmitry", "Smirnov", "+79000000103", "blue", 2, DEMO_STUDENT_TG + 2,
	    1500, NULL, "unlimited", "card", DEMO_C(DEMO_GI) | DEMO_C(DEMO_NOGI), 63, 0, 5 },
	/* Hurt her knee: her plan is frozen (see demo_seed). */
	[DEMO_OLGA] = { "Olga", "Kuznetsova", "+79000000104", "white", 0, 0, 200, NULL,
	    "unlimited", "cash", DEMO_C(DEMO_GI), 45, 9, 4 },
	/* Stopped coming three weeks ago: /report lists him. */
	[DEMO_SERGEY] = { "Sergey", "Popov", "+79000000105", "white", 0, 0, 50, NULL,
	    "unlimited", "cash", DEMO_C(DEMO_GI) | DEMO_C(DEMO_NOGI), 50, 21, 3 },
	[DEMO_TIMUR] = { "Timur", "Sokolov", "+79000000106", "grey", 0, 0, 300, NULL, "kids",
	    "cash", DEMO_C(DEMO_KIDS), 63, 0, 5 },
	/* Trains four times a week since his stripe: /eligible shows him. */
	[DEMO_PAVEL] = { "Pavel", "Lebedev", "+79000000107", "white", 0, 0, 250, NULL,
	    "unlimited", "card", DEMO_C(DEMO_GI) | DEMO_C(DEMO_NOGI), 63, 0, 8 },
	/* New: a free trial class, then a pack. */
	[DEMO_ELENA] = { "Elena", "Morozova", "+79000000108", "white", 0, 0, 10, "trial",
	    "pack8", "card", DEMO_C(DEMO_GI), 10, 0, 0 },
	/* A visitor from another academy who pays per class. */
	[DEMO_ALEXEI] = { "Alexei", "Novikov", "+79000000109", "blue", 0, 0, 30, NULL,
	    "dropin", "cash", DEMO_C(DEMO_OPEN), 30, 0, 0 },
	/* Moved away: deactivated, his history kept. */
	[DEMO_NIKOLAI] = { "Nikolai", "Orlov", "+79000000110", "white", 2, 0, 500, NULL,
	    "unlimited", "cash", DEMO_C(DEMO_GI), 63, 45, 4 },
	/* Timur's sister. */
	[DEMO_ALISA] = { "Alisa", "Sokolova", "+79000000111", "grey_white", 1, 0, 120, NULL,
	    "kids", "cash", DEMO_C(DEMO_KIDS), 63, 0, 6 },
};

/* In order, per student: each starts from the student's belt so far. */
struct demo_promotion {
	int student;
	int days_ago;
	const char *belt;
	int stripes;
	int exam;                  /* 1: after an exam passed that day */
	int rules_met;
	const char *note[2];       /* { NULL, NULL }: none */
};

static const struct demo_promotion demo_promotions[] = {
	{ DEMO_IVAN, 700, "white", 4, 0, 1, { NULL, NULL } },
	{ DEMO_IVAN, 540, "blue", 0, 1, 1, { NULL, NULL } },
	{ DEMO_IVAN, 400, "blue", 1, 0, 1, { NULL, NULL } },
	{ DEMO_IVAN, 150, "blue", 2, 0, 1, { NULL, NULL } },
	{ DEMO_MARIA, 330, "white", 1, 0, 1, { NULL, NULL } },
	{ DEMO_MARIA, 260, "white", 2, 0, 1, { NULL, NULL } },
	{ DEMO_MARIA, 190, "white", 3, 0, 1, { NULL, NULL } },
	{ DEMO_MARIA, 100, "white", 4, 0, 0,
	    { "gold at the city open", "золото на открытом первенстве города" } },
	{ DEMO_DMITRY, 1300, "blue", 3, 0, 1, { NULL, NULL } },
	{ DEMO_DMITRY, 1100, "blue", 4, 0, 1, { NULL, NULL } },
	{ DEMO_DMITRY, 600, "purple", 0, 1, 1, { NULL, NULL } },
	{ DEMO_DMITRY, 200, "purple", 1, 0, 1, { NULL, NULL } },
	{ DEMO_OLGA, 110, "white", 1, 0, 1, { NULL, NULL } },
	{ DEMO_TIMUR, 200, "grey", 1, 0, 1, { NULL, NULL } },
	{ DEMO_TIMUR, 90, "grey", 2, 0, 1, { NULL, NULL } },
	{ DEMO_PAVEL, 100, "white", 1, 0, 1, { NULL, NULL } },
};

#define DEMO_SEMINAR "Seminar with a guest black belt", "Семинар приглашённого чёрного пояса"
/* Payments that are not a plan. */
struct demo_payment {
	int student;
	int days_ago;
	int64_t amount;
	const char *method;
	const char *description[2];
};

static const struct demo_payment demo_payments[] = {
	{ DEMO_MARIA, 40, 350000, "transfer", { "Academy rashguard", "Рашгард академии" } },
	{ DEMO_IVAN, 16, 150000, "cash", { DEMO_SEMINAR } },
	{ DEMO_DMITRY, 16, 150000, "card", { DEMO_SEMINAR } },
};

struct demo {
	struct db *db;
	int64_t now;
	int ru;                        /* texts in Russian: demo --lang ru */
	int64_t trainers[BJJ_ARRAY_LEN(demo_trainers)];
	int64_t students[DEMO_N_STUDENTS];
	int bought[DEMO_N_STUDENTS];   /* plans sold so far */
	int64_t templates[DEMO_N_CLASSES];
};

/* English or Russian, as the demo's language. */
#define DEMO_TEXT(d, text_en, text_ru) ((d)->ru ? (text_ru) : (text_en))

/* The moment `minute` (local) of the day `days` days before now. */
static int64_t demo_day(const struct demo *d, int days, int minute)
{
	return civil_local_at(civil_add_days(d->now, -days), minute);
}

static int demo_add_people(struct demo *d)
{
	for (size_t i = 0; i < BJJ_ARRAY_LEN(demo_trainers); i++) {
		const struct demo_person *p = &demo_trainers[i];
		if (db_trainer_add(d->db, p->first, p->last, p->phone,
		    demo_day(d, 1000, 12 * 60), &d->trainers[i]) != DB_OK)
			return -1;
		if (p->tg_id && db_person_link(d->db, PERSON_TRAINER, d->trainers[i],
		    p->tg_id) != DB_OK)
			return -1;
	}
	for (size_t i = 0; i < DEMO_N_STUDENTS; i++) {
		const struct demo_student *s = &demo_students[i];
		if (db_student_add(d->db, s->first, s->last, s->phone, s->belt, s->stripes,
		    demo_day(d, s->joined, 18 * 60), &d->students[i]) != DB_OK)
			return -1;
		if (s->tg_id && db_person_link(d->db, PERSON_STUDENT, d->students[i],
		    s->tg_id) != DB_OK)
			return -1;
	}
	return 0;
}

/* The promotion history, with an exam where one was taken. */
static int demo_add_promotions(struct demo *d)
{
	const char *belt[DEMO_N_STUDENTS];
	int stripes[DEMO_N_STUDENTS];
	struct buf date = { 0 };
	int rc = -1;

	for (size_t i = 0; i < DEMO_N_STUDENTS; i++) {
		belt[i] = demo_students[i].belt;
		stripes[i] = demo_students[i].stripes;
	}
	for (size_t i = 0; i < BJJ_ARRAY_LEN(demo_promotions); i++) {
		const struct demo_promotion *dp = &demo_promotions[i];
		int64_t at = demo_day(d, dp->days_ago, 20 * 60 + 45), id;
		struct promotion p = {
			.student_id = d->students[dp->student],
			.from_belt = (char *)belt[dp->student],
			.from_stripes = stripes[dp->student],
			.to_belt = (char *)dp->belt,
			.to_stripes = dp->stripes,
			.promoted_at = at,
			.promoted_by = DEMO_TRAINER_TG,
			.rules_met = dp->rules_met,
			.note = (char *)dp->note[d->ru],
		};
		if (dp->exam) {
			buf_truncate(&date, 0);
			buf_add_date(&date, at);
			if (db_exam_add(d->db, p.student_id, dp->belt, buf_str(&date),
			    DEMO_TRAINER_TG, demo_day(d, dp->days_ago + 30, 12 * 60), &p.exam_id) !=
			    DB_OK)
				goto out;
			if (db_exam_decide(d->db, p.exam_id, "passed", DEMO_TEXT(d,
			    "Clean passing and escapes", "Чистые проходы и выходы"), at) != DB_OK)
				goto out;
		}
		if (db_promotion_add(d->db, &p, &id, NULL) != DB_OK)
			goto out;
		belt[dp->student] = dp->belt;
		stripes[dp->student] = dp->stripes;
	}
	rc = 0;
out:
	buf_release(&date);
	return rc;
}

static int demo_add_schedule(struct demo *d)
{
	int64_t created = demo_day(d, DEMO_SCHEDULE_AGE, 12 * 60);

	for (size_t i = 0; i < DEMO_N_CLASSES; i++) {
		const struct demo_class *c = &demo_classes[i];
		if (db_template_add(d->db, c->title[d->ru], c->weekdays, c->start_minute,
		    c->duration_min, c->trainer < 0 ? 0 : d->trainers[c->trainer], created,
		    &d->templates[i]) != DB_OK)
			return -1;
	}
	return 0;
}

/* The first training of kind k starting in [from, to], not cancelled;
 * 0 when there is none (the caller skips what it wanted it for). */
static int demo_find(struct demo *d, int k, int64_t from, int64_t to, int64_t *id)
{
	struct training *v = NULL;
	size_t n = 0;

	*id = 0;
	if (db_trainings_range(d->db, from, to, 0, DEMO_TRAININGS_MAX, &v, &n) != DB_OK)
		return -1;
	for (size_t i = 0; i < n && *id == 0; i++)
		if (v[i].template_id == d->templates[k])
			*id = v[i].id;
	trainings_free(v, n);
	return 0;
}

/* A holiday in the past and a tournament ahead: /schedule marks it. */
static int demo_add_cancellations(struct demo *d)
{
	int64_t id;

	if (demo_find(d, DEMO_GI, demo_day(d, 17, 0), demo_day(d, 10, 0), &id) != 0 ||
	    (id && db_training_cancel(d->db, id,
	    DEMO_TEXT(d, "Public holiday", "Праздничный день")) != DB_OK))
		return -1;
	if (demo_find(d, DEMO_OPEN, civil_add_days(d->now, 1), civil_add_days(d->now, 8),
	    &id) != 0 ||
	    (id && db_training_cancel(d->db, id, DEMO_TEXT(d,
	    "Tournament day: come and cheer the team",
	    "Турнир: приходите поболеть за команду")) != DB_OK))
		return -1;
	return 0;
}

/* Student i has a plan valid at t with at least min_left classes (a
 * pack), buying one at `when` if not: the next plan in advance when the
 * current one is about to run out. */
static int demo_ensure_plan(struct demo *d, size_t i, int64_t t, int min_left, int64_t when)
{
	const struct demo_student *s = &demo_students[i];
	struct subscription sub = { 0 };
	int renewal, rc = db_subscription_current(d->db, d->students[i], t, &sub), left;

	left = sub.classes_left;
	subscription_release(&sub);
	if (rc == DB_ERROR)
		return -1;
	if (rc == DB_OK && (left < 0 || left >= min_left))
		return 0;
	rc = db_subscription_sell(d->db, d->students[i],
	    d->bought[i] == 0 && s->first_plan ? s->first_plan : s->plan, s->method,
	    DEMO_OWNER_ID, when, &sub, &renewal);
	subscription_release(&sub);
	d->bought[i]++;
	return rc == DB_OK ? 0 : -1;
}

/*
 * Mark student i at training t: linked students check themselves in
 * before the class, the others are marked by the trainer after it, and
 * the oldest weeks were typed in later from the paper sheet.
 */
static int demo_mark(struct demo *d, size_t i, const struct training *t, int status)
{
	int64_t end = t->starts_at + (int64_t)t->duration_min * 60, by, at;
	/* Bought just before the class, or a moment ago for the one open now. */
	int64_t buy = t->starts_at - 30 * 60 < d->now ? t->starts_at - 30 * 60 : d->now;
	struct att_effect e;
	int source;

	if (demo_students[i].tg_id && att_status_trained(status)) {
		source = ATT_SELF;
		by = demo_students[i].tg_id;
		/* The class open now: they checked in a moment ago. */
		at = t->starts_at - 10 * 60 < d->now ? t->starts_at - 10 * 60 : d->now;
	} else if (t->starts_at < demo_day(d, 42, 0)) {
		source = ATT_BACKFILL;
		by = DEMO_OWNER_ID;
		at = civil_add_days(end, 2);
	} else {
		source = ATT_TRAINER;
		by = DEMO_TRAINER_TG;
		at = end;
	}
	if (att_status_trained(status) &&
	    demo_ensure_plan(d, i, t->starts_at, 1, buy) != 0)
		return -1;
	return db_attendance_mark(d->db, t->id, d->students[i], status, source, by, at, &e) ==
	    DB_OK ? 0 : -1;
}

/* A fixed scramble of (training, student) -> who misses what: the same
 * story every run, without a pattern that repeats every week. */
static uint32_t demo_scramble(int64_t training, size_t student)
{
	uint32_t x = (uint32_t)training * 2654435761u + (uint32_t)student * 40503u;

	x ^= x >> 15;
	x *= 2246822519u;
	x ^= x >> 13;
	return x;
}

/* Who came to the classes that are over, and the plans they bought. */
static int demo_add_attendance(struct demo *d)
{
	struct training *v = NULL;
	size_t n = 0;
	int rc = -1;

	if (db_trainings_range(d->db, demo_day(d, DEMO_HISTORY_DAYS, 0), d->now, 0,
	    DEMO_TRAININGS_MAX, &v, &n) != DB_OK)
		return -1;
	for (size_t k = 0; k < n; k++) {
		const struct training *t = &v[k];
		int kind = -1;

		if (t->starts_at + (int64_t)t->duration_min * 60 > d->now)
			continue;
		for (int c = 0; c < DEMO_N_CLASSES; c++)
			if (t->template_id == d->templates[c])
				kind = c;
		for (size_t i = 0; kind >= 0 && i < DEMO_N_STUDENTS; i++) {
			const struct demo_student *s = &demo_students[i];
			uint32_t h = demo_scramble(t->id, i);
			int status = (h >> 8) % 8 == 1 ? ATT_LATE : ATT_PRESENT;

			if (!(s->classes & DEMO_C(kind)) || t->starts_at < demo_day(d, s->from, 0) ||
			    t->starts_at >= demo_day(d, s->until - 1, 0))
				continue;
			if (s->miss && h % (uint32_t)s->miss == 0) {
				/* Half of the misses the trainer marks absent. */
				if ((h >> 4) % 2 == 0)
					continue;
				status = ATT_ABSENT;
			}
			if (demo_mark(d, i, t, status) != 0)
				goto out;
		}
		if (db_training_close(d->db, t->id) != DB_OK)
			goto out;
	}
	rc = 0;
out:
	trainings_free(v, n);
	return rc;
}

/*
 * A class open for check-in right now, so /checkin and a bare /attendance
 * work whenever the demo is started: the timetable's, or a one-off added
 * for the occasion (next to the kids' class, if only that one is open).
 * Two students checked in already; a visitor the trainer let in has no
 * plan, which the roster flags.
 */
static int demo_add_current(struct demo *d, const struct h_env *env)
{
	struct training *v = NULL, t = { 0 };
	struct att_effect e;
	size_t n = 0;
	int64_t id, start;
	int rc = -1;

	if (db_trainings_range(d->db, d->now - (int64_t)env->cfg->checkin_after * 60,
	    d->now + (int64_t)env->cfg->checkin_before * 60, 0, DEMO_TRAININGS_MAX, &v, &n) != DB_OK)
		return -1;
	/* Not the kids' class: the adults below would not be there. */
	id = 0;
	for (size_t i = 0; i < n && id == 0; i++)
		if (v[i].template_id != d->templates[DEMO_KIDS])
			id = v[i].id;
	if (id == 0) {
		/* Halfway into the window, on a round five minutes. */
		start = (d->now + (int64_t)env->cfg->checkin_before * 30) / 300 * 300;
		if (db_training_add(d->db, DEMO_TEXT(d, "Competition Drilling",
		    "Подготовка к соревнованиям"), start, 60, d->trainers[0],
		    d->now - 3 * 86400, &id) != DB_OK)
			goto out;
	}
	if (db_training_get(d->db, id, &t) != DB_OK)
		goto out;
	/* Ivan's pack has classes left for /checkin to count down: when his
	 * last one ran out, expired or is about to, he bought one before this
	 * class (a check-in uses the plan valid at the class's start). */
	if (demo_ensure_plan(d, DEMO_IVAN, t.starts_at, 2,
	    t.starts_at - 30 * 60 < d->now ? t.starts_at - 30 * 60 : d->now) != 0)
		goto out;
	if (demo_mark(d, DEMO_MARIA, &t, ATT_PRESENT) != 0 ||
	    demo_mark(d, DEMO_DMITRY, &t, ATT_PRESENT) != 0)
		goto out;
	if (db_attendance_mark(d->db, id, d->students[DEMO_ALEXEI], ATT_PRESENT, ATT_TRAINER,
	    DEMO_TRAINER_TG, d->now, &e) != DB_OK)
		goto out;
	rc = 0;
out:
	training_release(&t);
	trainings_free(v, n);
	return rc;
}

static int demo_add_billing(struct demo *d)
{
	int64_t id;

	for (size_t i = 0; i < BJJ_ARRAY_LEN(demo_plans); i++) {
		const struct demo_plan *p = &demo_plans[i];
		if (db_plan_add(d->db, p->code, p->title[d->ru], p->kind, p->price, p->days,
		    p->classes, demo_day(d, DEMO_SCHEDULE_AGE, 12 * 60), &id) != DB_OK)
			return -1;
	}
	for (size_t i = 0; i < BJJ_ARRAY_LEN(demo_payments); i++) {
		const struct demo_payment *p = &demo_payments[i];
		if (db_payment_add(d->db, d->students[p->student], p->amount, p->method,
		    p->description[d->ru], DEMO_OWNER_ID, 0, demo_day(d, p->days_ago, 13 * 60),
		    &id) != DB_OK)
			return -1;
	}
	return 0;
}

/* After the history: Olga's freeze, Maria's exam, Nikolai gone, and the
 * plans that ran out marked expired as the scheduler would. */
static int demo_add_after(struct demo *d)
{
	struct subscription sub = { 0 };
	struct buf date = { 0 };
	int64_t until, id;
	int rc;

	rc = db_subscription_freeze(d->db, d->students[DEMO_OLGA], 21,
	    DEMO_TEXT(d, "Knee injury", "Травма колена"),
	    DEMO_OWNER_ID, demo_day(d, 8, 12 * 60), &sub, &until);
	subscription_release(&sub);
	if (rc != DB_OK)
		return -1;
	buf_add_date(&date, civil_add_days(d->now, 10));
	rc = db_exam_add(d->db, d->students[DEMO_MARIA], "blue", buf_str(&date),
	    DEMO_TRAINER_TG, demo_day(d, 3, 21 * 60), &id);
	buf_release(&date);
	if (rc != DB_OK)
		return -1;
	if (db_student_set_active(d->db, d->students[DEMO_NIKOLAI], 0, NULL) != DB_OK)
		return -1;
	return db_subscriptions_expire(d->db, d->now, NULL) == DB_OK ? 0 : -1;
}

/* The whole academy, in demo_seed's transaction. */
struct demo_seed_tx {
	struct demo *d;
	const struct h_env *env;
};

static int demo_seed_tx(void *arg)
{
	struct demo_seed_tx *t = arg;
	struct demo *d = t->d;
	int created;

	if (demo_add_people(d) != 0 || demo_add_promotions(d) != 0 ||
	    demo_add_schedule(d) != 0 || demo_add_billing(d) != 0)
		return -1;
	if (db_trainings_generate(d->db, 0, demo_day(d, DEMO_HISTORY_DAYS, 0),
	    civil_add_days(d->now, t->env->cfg->schedule_days + 1),
	    demo_day(d, DEMO_HISTORY_DAYS, 0), &created) != DB_OK)
		return -1;
	if (demo_add_cancellations(d) != 0 || demo_add_attendance(d) != 0 ||
	    demo_add_current(d, t->env) != 0 || demo_add_after(d) != 0)
		return -1;
	log_debug("demo", "%d trainings", created);
	return 0;
}

int demo_seed(struct h_env *env)
{
	struct demo d = { .db = env->db, .now = clock_now(),
	    .ru = env->default_lang == LANG_RU };
	struct demo_seed_tx t = { .d = &d, .env = env };

	if (db_transaction(d.db, demo_seed_tx, &t) != 0) {
		log_error("demo", "cannot write the demo academy");
		return -1;
	}
	return 0;
}
