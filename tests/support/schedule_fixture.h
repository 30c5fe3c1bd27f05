/*
 * schedule_fixture.h — what test_schedule.c and test_attendance.c share on
 * top of handlers_fixture.h: the academy's zone, a fixed local "now",
 * people, one-off classes, plans sold to students, button presses.
 * Built into the bjj_test_support library (schedule_fixture.c).
 */
#ifndef BJJ_TESTS_SCHEDULE_FIXTURE_H
#define BJJ_TESTS_SCHEDULE_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "lib/civil.h"
#include "handlers_fixture.h"
#include "storage/billing.h"
#include "storage/schedule.h"

#define SF_STUDENT_TG 200     /* Ivan Petrov, student */
#define SF_STUDENT2_TG 201    /* Olga Petrov, student */
#define SF_TRAINER_TG 300     /* Anna Petrova, trainer */
#define SF_GUEST_TG 400

struct sf {
	struct hf *f;
	int64_t ivan, olga, anna;   /* record ids */
};

/* Local wall time in the current TZ. */
int64_t sf_at(int y, int m, int d, int hh, int mm);

/* Moscow (no DST), Monday 2026-06-01 18:30; two students and a trainer. */
struct sf sf_setup(struct hf *f);

int64_t sf_class(struct hf *f, const char *title, int64_t starts);

/* Sell a plan (created on first use; classes 0 = unlimited) to student,
 * valid from a day before now. The subscription id. */
int64_t sf_sell(struct hf *f, int64_t student, const char *code, int classes);

/* Sell plan code (created on first use: `days` long, `classes` 0 =
 * unlimited, 4 000 ₽) to student at `at`; the subscription id. */
int64_t sf_sell_at(struct hf *f, int64_t student, const char *code, int days, int classes,
    int64_t at);

/* Classes left on a subscription (-1: unlimited). */
int sf_left(struct hf *f, int64_t sub);

/* The mark of student at training (ATT_NONE when unmarked). */
int sf_status(struct hf *f, int64_t training, int64_t student, struct attendance *out);

/* The first taken message to chat (not edits or answers); its text. */
const char *sf_message(struct hf *f, int64_t chat);

/* The number of trainings (cancelled included) starting in [from, to]. */
int sf_trainings(struct hf *f, int64_t from, int64_t to);

#endif
