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
	int voided;                /* 1: the sale was voided (status "cancelled") */
	char *cancel_reason;       /* why it was cancelled or voided; may be NULL */
};
/* Frees the strings and zeroes the struct; accepts NULL. */
void subscription_release(struct subscription *s);

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
void plan_release(struct plan *p);
void plans_free(struct plan *v, size_t n);

/* Strings borrowed; classes 0 means unlimited. DB_CONSTRAINT when the
 * code is taken (ignoring case) or a value breaks the schema's checks. */
int db_plan_add(struct db *db, const char *code, const char *title, const char *kind,
    int64_t price, int duration_days, int classes, int64_t now, int64_t *id);
/* The active plan with this code (ignoring case); DB_NOTFOUND. */
int db_plan_by_code(struct db *db, const char *code, struct plan *out);
/* The plan with this id, retired or not; DB_NOTFOUND. */
int db_plan_get(struct db *db, int64_t id, struct plan *out);
/* The plan with this code, retired ones too; DB_NOTFOUND. */
int db_plan_find(struct db *db, const char *code, struct plan *out);
/* Active plans (and retired ones after them when retired is 1),
 * cheapest first, at most max; *out owned (plans_free). */
int db_plans_list(struct db *db, size_t max, int retired, struct plan **out, size_t *n);
/* Retire (active 0: no longer sold or listed) or restore (1) a plan. */
int db_plan_set_active(struct db *db, int64_t id, int active);
/* A new price (>= 0) for sales from now on; sold subscriptions keep the
 * price they were sold at. */
int db_plan_set_price(struct db *db, int64_t id, int64_t price);

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
/* db_subscription_sell starting on the local day of start (0: as
 * db_subscription_sell decides): then it is never a renewal. */
int db_subscription_sell_from(struct db *db, int64_t student_id, const char *plan_code,
    const char *method, int64_t recorded_by, int64_t now, int64_t start,
    struct subscription *out, int *renewal);
/*
 * A page of subscriptions (rows offset.. at most limit), earliest start
 * first: one student's (student_id 0: everyone's), and with open_only
 * those not over at now (active or frozen, ends_at > now) only; *total
 * gets how many there are in all. *out owned (subscriptions_free).
 */
int db_subscriptions_page(struct db *db, int64_t student_id, int open_only, int64_t now,
    size_t offset, size_t limit, struct subscription **out, size_t *n, int64_t *total);
/* The student's subscriptions of any status, newest first, at most max. */
int db_subscriptions_recent(struct db *db, int64_t student_id, size_t max,
    struct subscription **out, size_t *n);

/* The renewals queued after a cancelled or voided plan, moved back. */
struct sub_pullback {
	int renewals;              /* how many moved; 0: none (the rest unset) */
	int64_t starts_at;         /* where the first now begins: a local midnight */
	int days;                  /* how many days earlier */
};
/*
 * Cancel a subscription at now (status "cancelled", with who and why;
 * reason may be NULL); an open freeze ends with it. Its payments stay
 * (money kept; /refund gives some back). The student's renewals queued
 * after it move back, keeping their length, to begin on the local day it
 * began or today, whichever is later, so the student is not left without
 * a current plan; *pb (may be NULL) says so. DB_NOTFOUND; DB_CONSTRAINT
 * when it is cancelled or expired already.
 */
int db_subscription_cancel(struct db *db, int64_t id, const char *reason, int64_t by,
    int64_t now, struct sub_pullback *pb);
/*
 * Void a sale: the subscription is cancelled and marked voided, and its
 * payments not voided yet are voided with the same reason, in one step;
 * when it was active or frozen its queued renewals move back as
 * db_subscription_cancel's do (*pb, may be NULL). *payments and *amount
 * get how many were voided and their sum. DB_NOTFOUND; DB_CONSTRAINT when
 * the sale was voided already.
 */
int db_subscription_void(struct db *db, int64_t id, const char *reason, int64_t by,
    int64_t now, int *payments, int64_t *amount, struct sub_pullback *pb);
/*
 * Set a subscription's dates and classes (classes_left -1: unlimited,
 * only for plans without a number of classes). An expired one whose new
 * end is after now is active again. DB_NOTFOUND; DB_CONSTRAINT when it is
 * cancelled, or starts_at >= ends_at.
 */
int db_subscription_edit(struct db *db, int64_t id, int64_t starts_at, int64_t ends_at,
    int classes_left, int64_t now);

/* ---- freezes -------------------------------------------------------- */
struct freeze {
	int64_t id;
	int64_t subscription_id;
	int64_t starts_at;
	int64_t ends_at;           /* planned end, exclusive, a local midnight */
	int64_t ended_at;          /* 0 while the freeze is open */
	char *reason;              /* may be NULL */
};
void freeze_release(struct freeze *f);

/* The open freeze of a subscription; DB_NOTFOUND. */
int db_freeze_open(struct db *db, int64_t subscription_id, struct freeze *out);
/* The student's frozen subscription and its open freeze; DB_NOTFOUND
 * when nothing is frozen. Both owned by the caller. */
int db_subscription_frozen(struct db *db, int64_t student_id, struct subscription *out,
    struct freeze *freeze);
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
	int64_t amount;            /* minor units, > 0 (a refund too) */
	int64_t paid_at;
	char *method;              /* "cash", "card", "transfer", "other" */
	char *description;         /* may be NULL */
	int64_t subscription_id;   /* 0: none */
	int refund;                /* 1: money given back to the student */
	int64_t voided_at;         /* 0: counts */
	char *void_reason;         /* may be NULL */
};
void payments_free(struct payment *v, size_t n);
/* Frees the strings and zeroes the struct; accepts NULL. */
void payment_release(struct payment *p);

/* 1 when method is one the schema accepts (exact, lower case). */
int db_payment_method_ok(const char *method);
/* Record a payment (amount > 0; subscription_id 0: none). DB_CONSTRAINT
 * for a bad amount or method. */
int db_payment_add(struct db *db, int64_t student_id, int64_t amount, const char *method,
    const char *description, int64_t recorded_by, int64_t subscription_id, int64_t now,
    int64_t *id);
/* A refund: money given back (amount > 0, counted negative in totals).
 * DB_CONSTRAINT for a bad amount or method. */
int db_refund_add(struct db *db, int64_t student_id, int64_t amount, const char *method,
    const char *description, int64_t recorded_by, int64_t now, int64_t *id);
/*
 * A page of payments and refunds, voided ones included, newest first
 * (rows offset.. at most limit): one student's (student_id 0: everyone's)
 * with paid_at in [from, to). *total (may be NULL) gets how many there
 * are in all. *out owned (payments_free).
 */
int db_payments_page(struct db *db, int64_t student_id, int64_t from, int64_t to,
    size_t offset, size_t limit, struct payment **out, size_t *n, int64_t *total);
/* The student's latest payments and refunds, voided ones included,
 * newest first, at most max. */
int db_payments_recent(struct db *db, int64_t student_id, size_t max,
    struct payment **out, size_t *n);
/* The payment with this id (any state); DB_NOTFOUND. */
int db_payment_get(struct db *db, int64_t id, struct payment *out);
/* Void a payment or refund at now with a reason. DB_NOTFOUND;
 * DB_CONSTRAINT when it was voided already. */
int db_payment_void(struct db *db, int64_t id, const char *reason, int64_t by, int64_t now);

/* ---- attendance, read for /balance ----------------------------------- */
/* Classes (trainings starting in [from, to), not cancelled) the student
 * attended: present or late. */
int db_attended_count(struct db *db, int64_t student_id, int64_t from, int64_t to,
    int *count);

#endif
