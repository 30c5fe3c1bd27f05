/*
 * calendar.h — the secrets of the calendar feeds: a person's random
 * secret makes the feed's address (/calendar/<secret>.ics), so whoever
 * has the address may read it, until it is revoked or replaced.
 *
 * A secret's subject is as an API token's (storage/apitokens.h): a
 * student or trainer by number, an owner (kind 0) by Telegram id. At most
 * one secret per subject is in force; revoked rows are kept. Only the
 * SHA-256 of a secret is stored (as the dashboard's login codes and
 * sessions, storage/websessions.h), so a copy of the database opens no
 * feed.
 *
 * Callers: handlers/calendar.c (/calendar), http/calendar.c (the feed).
 */
#ifndef BJJ_STORAGE_CALENDAR_H
#define BJJ_STORAGE_CALENDAR_H

#include <stdint.h>

#include "storage/db.h"

/* random_code characters in a secret: 22 of 64 symbols, 132 bits */
#define DB_CALENDAR_SECRET_LEN 22

/* DB_OK when (kind, subject_id) has a secret in force, else DB_NOTFOUND.
 * The secret itself cannot be read back: only its SHA-256 is kept. */
int db_calendar_secret_held(struct db *db, int kind, int64_t subject_id);
/* Revoke the subject's secret (if any) and make a new one, atomically;
 * *out (owned) gets it: the only time its text is at hand. */
int db_calendar_secret_new(struct db *db, int kind, int64_t subject_id, int64_t now, char **out);
/* Revoke at now: DB_NOTFOUND when the subject has none in force. */
int db_calendar_secret_revoke(struct db *db, int kind, int64_t subject_id, int64_t now);
/* Whose secret is in force under secret: DB_NOTFOUND for an unknown or
 * revoked one. */
int db_calendar_secret_find(struct db *db, const char *secret, int *kind, int64_t *subject_id);

#endif
