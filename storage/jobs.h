/*
 * jobs.h — the questions the scheduled jobs ask the database: who is
 * expected at a class, who stopped coming, whose plan ends, what the
 * owners' digest says. Read-only; the jobs write through the other
 * aggregates and the notification log.
 *
 * "Can be reminded" means: active, linked to Telegram, reachable, and
 * reminders not turned off (/remind off).
 *
 * Callers: handlers/jobs.c.
 */
#ifndef BJJ_JOBS_H
#define BJJ_JOBS_H

#include <stddef.h>
#include <stdint.h>

#include "storage/db.h"

/* A student a job may write to. */
struct recipient {
	int64_t student_id;
	int64_t tg_id;
	char *first_name;
	char *last_name;
	char *lang;                /* last seen Telegram language, or NULL */
};
void recipients_free(struct recipient *v, size_t n);

/*
 * Students to remind of training: those who can be reminded and hold a
 * subscription valid at its start (active, not used up; a frozen one is
 * not), or with regulars_only the template's regulars (present or late at
 * a training of the same weekly class in the 28 days before it) among
 * them. Those who already answered "not today" are left out.
 */
int db_jobs_training_targets(struct db *db, int64_t training_id, int regulars_only,
    struct recipient **out, size_t *n);

/* A student who may have stopped coming. */
struct absence {
	struct recipient who;
	int64_t last_visit;        /* start of the last class attended; 0: never */
	int64_t since;             /* last_visit, or the registration when never */
	int missed;                /* classes of their usual weekly classes held since */
	int can_remind;            /* the student may get the friendly message */
	int frozen;                /* on a frozen plan: nobody is told */
};
void absences_free(struct absence *v, size_t n);
/*
 * Active students whose last visit (or registration, when they never
 * came) is at least absent_days old, or who missed at least
 * missed_threshold trainings in a row of the weekly classes they attended
 * in the 28 days before their last visit. A threshold of 0 turns that
 * rule off. At most max.
 */
int db_jobs_absences(struct db *db, int64_t now, int absent_days, int missed_threshold,
    size_t max, struct absence **out, size_t *n);

/* A subscription a payment reminder is about. */
struct plan_due {
	struct recipient who;
	int64_t subscription_id;
	char *plan_title;
	int64_t price;             /* the plan's current price, minor units */
	int64_t ends_at;
	int classes_left;          /* -1: unlimited */
	int expired;               /* status expired */
};
void plan_dues_free(struct plan_due *v, size_t n);
/*
 * Active subscriptions ending in (now, until], packs with exactly one
 * class left, and subscriptions that expired in the last 7 days — of
 * students who can be reminded and have no later subscription already
 * bought (a renewal). At most max.
 */
int db_jobs_plan_dues(struct db *db, int64_t now, int64_t until, size_t max,
    struct plan_due **out, size_t *n);

/*
 * Every active subscription ending in (now, until] (the digest's
 * "expiring" count), whoever its student is; soonest first, at most max.
 * expired is 0 in each.
 */
int db_jobs_plans_ending(struct db *db, int64_t now, int64_t until, size_t max,
    struct plan_due **out, size_t *n);

/* The owners' digest for the local day [day_start, day_end). */
struct digest_class {
	char *title;
	int64_t starts_at;
	int present;               /* present + late */
	int cancelled;
};
struct digest {
	struct digest_class *classes;
	size_t n_classes;
	int64_t payments_total;    /* minor units, less refunds */
	int payments;              /* not refunds; voided ones left out */
	int new_students;
	int expiring;              /* active plans ending within the next `expiring_days` */
	int undelivered;           /* outbox rows waiting for more than 10 minutes */
	int unreachable;           /* active students who blocked the bot */
};
void digest_release(struct digest *d);
int db_jobs_digest(struct db *db, int64_t day_start, int64_t day_end, int64_t now,
    int64_t expiring_until, struct digest *out);

/* The head trainer's Telegram id (trainers.is_main, linked, active), or 0. */
int db_jobs_head_trainer(struct db *db, int64_t *tg_id);
/* Telegram ids of active, linked trainers; *out owned (free()). */
int db_jobs_trainer_chats(struct db *db, int64_t **out, size_t *n);

/* /remind off|on: students.remind. DB_NOTFOUND when no such student. */
int db_student_set_remind(struct db *db, int64_t student_id, int on);

#endif
