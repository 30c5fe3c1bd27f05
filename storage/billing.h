/*
 * billing.h — plans, subscriptions, freezes and payments. Money is in
 * integer minor units; times are UTC unix seconds; a subscription's
 * ends_at is exclusive.
 *
 * Callers: handlers (billing, check-in, attendance, reports).
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

#endif
