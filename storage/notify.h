/*
 * notify.h — the notification log that sends each reminder at most
 * once, and the answers to training reminders (notify.c).
 *
 * All functions return enum db_rc values unless said otherwise. Strings
 * returned in structs are owned by the struct and released by its _free
 * function; string arguments are borrowed. Times are UTC unix seconds.
 */
#ifndef BJJ_STORAGE_NOTIFY_H
#define BJJ_STORAGE_NOTIFY_H

#include <stddef.h>
#include <stdint.h>

#include "storage/db.h"

/* ---- notification log: at most once per key ---------------------------- */
/*
 * Claim key ("<kind>:<subject>:<period>", e.g. "remind:student7:training42")
 * for kind at now. DB_OK when it was new (send the message in the same
 * transaction), DB_CONSTRAINT when it was claimed before (send nothing).
 */
int db_notify_once(struct db *db, const char *key, const char *kind, int64_t now);
/* DB_OK when key was claimed, DB_NOTFOUND when not. */
int db_notify_seen(struct db *db, const char *key);

/* ---- answers to training reminders ("I'm coming" / "not today") ---------- */
int db_rsvp_set(struct db *db, int64_t student_id, int64_t training_id, int yes, int64_t now);
/* DB_NOTFOUND when the student did not answer; *yes 1 or 0 otherwise. */
int db_rsvp_get(struct db *db, int64_t student_id, int64_t training_id, int *yes);

#endif
