/*
 * billing.h — plans, subscriptions, freezes and payments. Money is in
 * integer minor units; times are UTC unix seconds; a subscription's
 * ends_at is exclusive.
 *
 * Callers: handlers (billing, check-in, attendance, reports), the
 * scheduler (db_subscriptions_expire).
 */
#ifndef BJJ_BILLING_H
#define BJJ_BILLING_H

#include <stddef.h>
#include <stdint.h>

#include "storage/db.h"

struct subscription {
	int64_t id;
	int64_t student_id;
	int64_t plan_id;
	char *plan_code;
	char *plan_title;
	char *plan_kind;           /* "unlimited", "pack", "dropin", "trial" */
	int64_t starts_at;
	int64_t ends_at;           /* exclusive */
	int64_t price;             /* minor units */
	int classes_left;          /* -1: unlimited */
	char *status;              /* "active", "frozen", "expired", "cancelled" */
};
/* Frees the strings and zeroes the struct; accepts NULL. */
void subscription_free(struct subscription *s);

/*
 * The subscription that lets student train at time t: status active,
 * starts_at <= t < ends_at, and classes left (or unlimited); the one
 * ending first when several do. DB_NOTFOUND when there is none (expired,
 * frozen, used up, never bought).
 */
int db_subscription_current(struct db *db, int64_t student_id, int64_t t,
    struct subscription *out);
/*
 * classes_left += delta on a pack (no change for unlimited plans).
 * DB_CONSTRAINT when it would go below zero. Used by check-in (-1) and by
 * a trainer marking a checked-in student absent or excused (+1).
 */
int db_subscription_use_class(struct db *db, int64_t subscription_id, int delta);

/* ---- plans ---------------------------------------------------------- */
struct plan {
	int64_t id;
	char *code;                /* [a-z0-9_-]{1,32}, unique ignoring case */
	char *title;
	char *kind;                /* "unlimited", "pack", "dropin", "trial" */
	int64_t price;             /* minor units, >= 0 */
	int duration_days;         /* > 0 */
	int classes;               /* 0: unlimited */
	int active;
};
/* Free the strings and zero the struct / free n plans and the array;
 * both accept NULL. */
void plan_free(struct plan *p);
void plans_free(struct plan *v, size_t n);

/* Strings borrowed; classes 0 means unlimited. DB_CONSTRAINT when the
 * code is taken (ignoring case) or a value breaks the schema's checks. */
int db_plan_add(struct db *db, const char *code, const char *title, const char *kind,
    int64_t price, int duration_days, int classes, int64_t now, int64_t *id);
/* The active plan with this code (ignoring case); DB_NOTFOUND. */
int db_plan_by_code(struct db *db, const char *code, struct plan *out);
/* Active plans, cheapest first, at most max; *out owned (plans_free). */
int db_plans_list(struct db *db, size_t max, struct plan **out, size_t *n);

/* ---- subscriptions -------------------------------------------------- */
/* The subscription with this id (any status); DB_NOTFOUND. */
int db_subscription_get(struct db *db, int64_t id, struct subscription *out);
/* The student's subscriptions not over yet at now (active or frozen,
 * ends_at > now, used-up packs included), earliest start first, at most
 * max; *out owned (subscriptions_free). */
int db_subscriptions_open(struct db *db, int64_t student_id, int64_t now, size_t max,
    struct subscription **out, size_t *n);
void subscriptions_free(struct subscription *v, size_t n);

/*
 * Sell the active plan plan_code to a student, with its payment (method
 * "cash", "card", "transfer" or "other"; no payment row for a free plan),
 * in one step: both rows or neither. The subscription runs from now, or —
 * a renewal — from the end of the student's last open subscription that
 * still has classes, and lasts the plan's days counted in local calendar
 * days, today included: a 30-day plan sold on the 1st is valid through the
 * 30th (ends_at is the local midnight after its last day). *out gets the
 * new subscription, *renewal 1 when it was queued after another.
 * DB_NOTFOUND when there is no such active plan; DB_CONSTRAINT for a bad
 * method. recorded_by: the seller's Telegram id.
 */
int db_subscription_sell(struct db *db, int64_t student_id, const char *plan_code,
    const char *method, int64_t recorded_by, int64_t now, struct subscription *out,
    int *renewal);

/* ---- freezes -------------------------------------------------------- */
struct freeze {
	int64_t id;
	int64_t subscription_id;
	int64_t starts_at;
	int64_t ends_at;           /* planned end, exclusive, a local midnight */
	int64_t ended_at;          /* 0 while the freeze is open */
	char *reason;              /* may be NULL */
};
void freeze_free(struct freeze *f);

/* The open freeze of a subscription; DB_NOTFOUND. */
int db_freeze_open(struct db *db, int64_t subscription_id, struct freeze *out);
/*
 * Freeze the student's current subscription (db_subscription_current at
 * now) for days local calendar days, today included: status "frozen", a
 * freeze row ending at the local midnight after its last day, and ends_at
 * moved days later — and so are the student's subscriptions queued after
 * it, so renewals keep following it. reason may be NULL. *out gets the
 * frozen subscription, *until the freeze's end. DB_CONSTRAINT when the
 * student has a frozen subscription already; DB_NOTFOUND when there is
 * nothing current to freeze.
 */
int db_subscription_freeze(struct db *db, int64_t student_id, int days,
    const char *reason, int64_t created_by, int64_t now, struct subscription *out,
    int64_t *until);
/*
 * End the student's freeze at now: status back to "active", and the days
 * it was planned for but not used given back — ends_at (and the queued
 * subscriptions) move earlier by them. A used day is every local calendar
 * day the freeze touched: frozen at 15:00 and unfrozen the next morning
 * counts 2 days. *out gets the subscription, *used the days counted.
 * DB_NOTFOUND when the student has no frozen subscription.
 */
int db_subscription_unfreeze(struct db *db, int64_t student_id, int64_t now,
    struct subscription *out, int *used);

/*
 * Maintenance (the scheduler): frozen subscriptions whose freeze ended by
 * now become active again (the freeze closed at its planned end); active
 * ones with ends_at <= now become expired. Nothing is deleted. *changed
 * (may be NULL) gets the number of status changes made (0 when nothing
 * was due, so the caller can skip logging).
 */
int db_subscriptions_expire(struct db *db, int64_t now, int *changed);

/* ---- payments ------------------------------------------------------- */
struct payment {
	int64_t id;
	int64_t student_id;
	int64_t amount;            /* minor units, > 0 */
	int64_t paid_at;
	char *method;              /* "cash", "card", "transfer", "other" */
	char *description;         /* may be NULL */
	int64_t subscription_id;   /* 0: none */
};
void payments_free(struct payment *v, size_t n);

/* 1 when method is one the schema accepts (exact, lower case). */
int db_payment_method_ok(const char *method);
/* Record a payment (amount > 0; subscription_id 0: none). DB_CONSTRAINT
 * for a bad amount or method. */
int db_payment_add(struct db *db, int64_t student_id, int64_t amount, const char *method,
    const char *description, int64_t recorded_by, int64_t subscription_id, int64_t now,
    int64_t *id);
/* The student's latest payments, newest first, at most max. */
int db_payments_recent(struct db *db, int64_t student_id, size_t max,
    struct payment **out, size_t *n);

/* ---- attendance, read for /balance ----------------------------------- */
/* Classes (trainings starting in [from, to), not cancelled) the student
 * attended: present or late. */
int db_attended_count(struct db *db, int64_t student_id, int64_t from, int64_t to,
    int *count);

#endif
