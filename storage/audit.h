/*
 * audit.h — the audit log of who changed what, and the picks: a
 * command waiting for its user to choose a student (audit.c).
 *
 * All functions return enum db_rc values unless said otherwise. Strings
 * returned in structs are owned by the struct and released by its _free
 * function; string arguments are borrowed. Times are UTC unix seconds.
 */
#ifndef BJJ_STORAGE_AUDIT_H
#define BJJ_STORAGE_AUDIT_H

#include <stddef.h>
#include <stdint.h>

#include "storage/db.h"

/* ---- audit log ------------------------------------------------------- */
/*
 * Record that actor (a Telegram id; 0 for the shell) did action
 * ("attendance.mark", "payment.add", "promotion.add", "student.edit", ...)
 * to entity ("student", "training", ...) entity_id, with optional details.
 */
int db_audit(struct db *db, int64_t at, int64_t actor, const char *action,
    const char *entity, int64_t entity_id, const char *details);

/* ---- picks: a command waiting for the user to choose a student ---------- */
/* Remember that tg_id's command (its full text) named ref ambiguously. */
int db_pick_create(struct db *db, int64_t tg_id, const char *command, const char *ref,
    int64_t now, int64_t *id);
/* Take (and delete) pick id if it belongs to tg_id; *command and *ref
 * owned. DB_NOTFOUND when there is none (used or someone else's). */
int db_pick_take(struct db *db, int64_t id, int64_t tg_id, char **command, char **ref);

#endif
