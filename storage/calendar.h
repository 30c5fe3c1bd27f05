/*
 * calendar.h — the secrets of the calendar feeds: a person's random
 * secret makes the feed's address (/calendar/<secret>.ics), so whoever
 * has the address may read it, until it is revoked or replaced.
 *
 * A secret's subject is as an API token's (storage/apitokens.h): a
 * student or trainer by number, an owner (kind 0) by Telegram id. At most
 * one secret per subject is in force; revoked rows are kept.
 *
 * Callers: handlers/calendar.c (/calendar), http/calendar.c (the feed).
 */
#ifndef BJJ_STORAGE_CALENDAR_H
#define BJJ_STORAGE_CALENDAR_H

#include <stdint.h>

#include "storage/db.h"

/* random_code characters in a secret: 22 of 64 symbols, 132 bits */
#define DB_CALENDAR_SECRET_LEN 22

/* The secret in force of (kind, subject_id) into *out (owned);
 * DB_NOTFOUND when there is none. */
int db_calendar_secret_get(struct db *db, int kind, int64_t subject_id, char **out);
/* Revoke the subject's secret (if any) and make a new one, atomically;
 * *out (owned) gets it. */
int db_calendar_secret_new(struct db *db, int kind, int64_t subject_id, int64_t now, char **out);
/* Revoke at now: DB_NOTFOUND when the subject has none in force. */
int db_calendar_secret_revoke(struct db *db, int kind, int64_t subject_id, int64_t now);
/* Whose secret is in force under secret: DB_NOTFOUND for an unknown or
 * revoked one. */
int db_calendar_secret_find(struct db *db, const char *secret, int *kind, int64_t *subject_id);

#endif
