/*
 * notify.c — the notification log that makes every reminder and alert go
 * out at most once per subject and period, and the students' answers to
 * training reminders.
 *
 * Invariant: a job claims a key (INSERT OR IGNORE on the primary key) in
 * the same transaction as the outbox rows it queues, so a restart, a
 * clock change or two overlapping runs cannot send twice.
 *
 * Callers: handlers/ jobs run by bot/scheduler.c; the roster (rsvp).
 */
#include "storage/internal.h"
#include "storage/notify.h"

int db_notify_once(struct db *db, const char *key, const char *kind, int64_t now)
{
	int rc;

	/* Jobs claim the same keys again on every tick: a read says "sent
	 * before" at a fraction of an insert's cost. */
	if ((rc = db_notify_seen(db, key)) != DB_NOTFOUND)
		return rc == DB_OK ? DB_CONSTRAINT : DB_ERROR;
	rc = db_exec(db,
	    "INSERT OR IGNORE INTO notifications (key, kind, created_at) VALUES (?1, ?2, ?3)",
	    "notify once", DB_ARGS(DB_S(key), DB_S(kind), DB_I(now)));
	if (rc != DB_OK)
		return rc;
	return sqlite3_changes(db->h) == 1 ? DB_OK : DB_CONSTRAINT;
}

int db_notify_seen(struct db *db, const char *key)
{
	return db_query_exists(db, "SELECT 1 FROM notifications WHERE key = ?1", "notify seen",
	    DB_ARGS(DB_S(key)));
}

int db_rsvp_set(struct db *db, int64_t student_id, int64_t training_id, int yes, int64_t now)
{
	return db_exec(db,
	    "INSERT INTO rsvp (student_id, training_id, answer, answered_at) VALUES (?1, ?2, ?3, ?4) "
	    "ON CONFLICT (student_id, training_id) DO UPDATE SET answer = excluded.answer, "
	    "answered_at = excluded.answered_at", "rsvp set",
	    DB_ARGS(DB_I(student_id), DB_I(training_id), DB_S(yes ? "yes" : "no"), DB_I(now)));
}

int db_rsvp_get(struct db *db, int64_t student_id, int64_t training_id, int *yes)
{
	int64_t v = 0;
	int rc = db_query_int(db,
	    "SELECT answer = 'yes' FROM rsvp WHERE student_id = ?1 AND training_id = ?2",
	    "rsvp get", &v, DB_ARGS(DB_I(student_id), DB_I(training_id)));

	if (rc == DB_OK)
		*yes = (int)v;
	return rc;
}
