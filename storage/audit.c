/*
 * audit.c — the audit log and the pending name choices ("picks").
 *
 * The audit log is append-only: who (a Telegram id) did what to which
 * record, when. Picks are short-lived rows: a command whose student name
 * matched several people waits here until its user presses a button.
 *
 * Callers: handlers.
 */
#include "storage/internal.h"
#include "storage/audit.h"

int db_audit(struct db *db, int64_t at, int64_t actor, const char *action,
    const char *entity, int64_t entity_id, const char *details)
{
	return db_exec(db, "INSERT INTO audit_log (at, actor, action, entity, entity_id, details) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", "audit",
	    DB_ARGS(DB_I(at), DB_I(actor), DB_S(action), DB_S(entity), DB_I(entity_id),
	    DB_S(details)));
}

int db_pick_create(struct db *db, int64_t tg_id, const char *command, const char *ref,
    int64_t now, int64_t *id)
{
	/* Only the latest choice of a user stays open. */
	int rc = db_exec(db, "DELETE FROM picks WHERE tg_id = ?1", "pick clear",
	    DB_ARGS(DB_I(tg_id)));

	if (rc != DB_OK)
		return rc;
	return db_insert(db,
	    "INSERT INTO picks (tg_id, command, ref, created_at) VALUES (?1, ?2, ?3, ?4)",
	    "pick create", id, DB_ARGS(DB_I(tg_id), DB_S(command), DB_S(ref), DB_I(now)));
}

int db_pick_take(struct db *db, int64_t id, int64_t tg_id, char **command, char **ref)
{
	*command = *ref = NULL;
	return db_query_text2(db,
	    "DELETE FROM picks WHERE id = ?1 AND tg_id = ?2 RETURNING command, ref",
	    "pick take", command, ref, DB_ARGS(DB_I(id), DB_I(tg_id)));
}
