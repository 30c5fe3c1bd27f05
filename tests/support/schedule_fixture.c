/* schedule_fixture.c — see schedule_fixture.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "files.h"
#include "schedule_fixture.h"

/* Local wall time in the current TZ. */
int64_t sf_at(int y, int m, int d, int hh, int mm)
{
	return civil_local(y, m, d, hh * 60 + mm);
}

/* Moscow (no DST), Monday 2026-06-01 18:30; two students and a trainer. */
struct sf sf_setup(struct hf *f)
{
	struct sf s;

	tf_tz("Europe/Moscow");
	s.f = f;
	f->env.now = sf_at(2026, 6, 1, 18, 30);
	s.ivan = hf_person(f, PERSON_STUDENT, "Ivan", "+79001234567", SF_STUDENT_TG);
	s.olga = hf_person(f, PERSON_STUDENT, "Olga", "+79001234568", SF_STUDENT2_TG);
	s.anna = hf_person(f, PERSON_TRAINER, "Anna", "+79007654321", SF_TRAINER_TG);
	return s;
}

int64_t sf_class(struct hf *f, const char *title, int64_t starts)
{
	int64_t id = 0;

	assert_int_equal(db_training_add(f->db, title, starts, 90, 0, f->env.now, &id), DB_OK);
	return id;
}

/* Sell a plan (created on first use; classes 0 = unlimited) to student,
 * valid from a day before now. The subscription id. */
int64_t sf_sell(struct hf *f, int64_t student, const char *code, int classes)
{
	return sf_sell_at(f, student, code, 30, classes, f->env.now - 86400);
}

/* Sell plan code (created on first use: `days` long, `classes` 0 =
 * unlimited, 4 000 ₽) to student at `at`; the subscription id. */
int64_t sf_sell_at(struct hf *f, int64_t student, const char *code, int days, int classes, int64_t at)
{
	struct subscription s;
	struct plan p;
	int64_t id, plan;
	int renewal;

	if (db_plan_by_code(f->db, code, &p) == DB_NOTFOUND)
		assert_int_equal(db_plan_add(f->db, code, code, classes ? "pack" : "unlimited",
		    400000, days, classes, at, &plan), DB_OK);
	plan_release(&p);
	assert_int_equal(db_subscription_sell(f->db, student, code, "cash", HF_OWNER, at, &s,
	    &renewal), DB_OK);
	id = s.id;
	subscription_release(&s);
	return id;
}

/* Classes left on a subscription (-1: unlimited). */
int sf_left(struct hf *f, int64_t sub)
{
	struct subscription s;
	int left;

	assert_int_equal(db_subscription_get(f->db, sub, &s), DB_OK);
	left = s.classes_left;
	subscription_release(&s);
	return left;
}

/* The mark of student at training (ATT_NONE when unmarked). */
int sf_status(struct hf *f, int64_t training, int64_t student, struct attendance *out)
{
	struct attendance a;
	int rc = db_attendance_get(f->db, training, student, &a);

	assert_true(rc == DB_OK || rc == DB_NOTFOUND);
	if (out != NULL)
		*out = a;
	return rc == DB_OK ? a.status : ATT_NONE;
}

/* The first taken message to chat (not edits or answers); its text. */
const char *sf_message(struct hf *f, int64_t chat)
{
	const struct outbox_item *it = hf_find(f, OB_SEND_MESSAGE, chat);

	assert_non_null(it);
	return it->text;
}

/* The number of trainings (cancelled included) starting in [from, to]. */
int sf_trainings(struct hf *f, int64_t from, int64_t to)
{
	struct training *v = NULL;
	size_t n = 0;

	assert_int_equal(db_trainings_range(f->db, from, to, 1, 1000, &v, &n), DB_OK);
	trainings_free(v, n);
	return (int)n;
}
