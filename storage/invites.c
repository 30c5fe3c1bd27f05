/*
 * invites.c — single-use, expiring codes that link a Telegram account to
 * a student or trainer record (the deep link t.me/<bot>?start=<code>).
 *
 * Invariant: a code is redeemed at most once, and redeeming either marks
 * it used and links the record, or changes nothing. Only a record's
 * newest unused code works: a new one revokes the older ones; and only
 * while the record is active.
 *
 * Callers: handlers (the owner creates, /start redeems).
 */
#include "lib/util.h"
#include "storage/internal.h"
#include "storage/invites.h"
#include "storage/people.h"

int db_invites_revoke(struct db *db, int kind, int64_t person_id, int64_t now)
{
	return db_exec(db, "UPDATE invites SET revoked_at = ?3 WHERE kind = ?1 AND person_id = ?2 "
	    "AND used_at IS NULL AND revoked_at IS NULL", "invite revoke",
	    DB_ARGS(DB_I(kind), DB_I(person_id), DB_I(now)));
}

int db_invite_create(struct db *db, int kind, int64_t person_id, int64_t now,
    int64_t expires_at, char code[INVITE_CODE_LEN + 1])
{
	/* Inserts nothing for a record that does not exist (or a bad kind),
	 * so an invite never points nowhere. */
	sqlite3_stmt *st = db_stmt_get(db,
	    "INSERT INTO invites (code, kind, person_id, created_at, expires_at) "
	    "SELECT ?1, ?2, ?3, ?4, ?5 "
	    "WHERE EXISTS (SELECT 1 FROM students WHERE ?2 = 1 AND id = ?3) "
	    "OR EXISTS (SELECT 1 FROM trainers WHERE ?2 = 2 AND id = ?3)");
	int rc;

	if (st == NULL || db_atomic_begin(db) != DB_OK)
		return DB_ERROR;
	/* Only the newest link the owner handed out can link the record. */
	if ((rc = db_invites_revoke(db, kind, person_id, now)) != DB_OK)
		goto out;
	/* 96 random bits: a collision, which would be DB_CONSTRAINT, does not
	 * happen in practice. */
	random_code(code, INVITE_CODE_LEN);
	db_bind_text(st, 1, code);
	sqlite3_bind_int(st, 2, kind);
	sqlite3_bind_int64(st, 3, person_id);
	sqlite3_bind_int64(st, 4, now);
	sqlite3_bind_int64(st, 5, expires_at);
	rc = db_step_done(db, st, "invite create");
	if (rc == DB_OK && sqlite3_changes(db->h) == 0)
		rc = DB_NOTFOUND;
out:
	return db_atomic_end(db, rc);
}

/* Link the record and mark the code used, both or neither. */
static int db_invite_use(struct db *db, const char *code, int kind, int64_t person_id,
    int64_t tg_id, int64_t now)
{
	int rc;

	if (db_atomic_begin(db) != DB_OK)
		return DB_ERROR;
	rc = db_person_link(db, kind, person_id, tg_id);
	if (rc == DB_OK)
		rc = db_exec(db, "UPDATE invites SET used_at = ?2, used_by = ?3 WHERE code = ?1",
		    "invite use", DB_ARGS(DB_S(code), DB_I(now), DB_I(tg_id)));
	return db_atomic_end(db, rc);
}

int db_invite_redeem(struct db *db, const char *code, int64_t tg_id, int64_t now,
    int *kind, int64_t *person_id)
{
	sqlite3_stmt *st = db_prepare(db,
	    "SELECT kind, person_id, expires_at, used_at IS NOT NULL, revoked_at IS NOT NULL "
	    "FROM invites WHERE code = ?1", DB_ARGS(DB_S(code)));
	struct person p;
	int64_t pid = 0, expires_at = 0;
	int k = 0, used = 0, revoked = 0, active, rc;

	if (st == NULL)
		return DB_ERROR;
	rc = db_step_row(db, st, "invite redeem");
	if (rc == DB_OK) {
		k = sqlite3_column_int(st, 0);
		pid = sqlite3_column_int64(st, 1);
		expires_at = sqlite3_column_int64(st, 2);
		used = sqlite3_column_int(st, 3);
		revoked = sqlite3_column_int(st, 4);
	}
	sqlite3_reset(st);
	if (rc != DB_OK)
		return rc == DB_NOTFOUND ? INVITE_UNKNOWN : DB_ERROR;
	if (used)
		return INVITE_USED;
	if (revoked)
		return INVITE_REVOKED;
	if (now >= expires_at)
		return INVITE_EXPIRED;
	/* A deactivated record gives no access: linking it would only hand
	 * it to whoever holds the link when the owner reactivates it. */
	if ((rc = db_person_get(db, k, pid, &p)) == DB_NOTFOUND)
		return INVITE_UNKNOWN;
	if (rc != DB_OK)
		return DB_ERROR;
	active = p.active;
	person_release(&p);
	if (!active)
		return INVITE_INACTIVE;
	switch (db_invite_use(db, code, k, pid, tg_id, now)) {
	case DB_OK:
		*kind = k;
		*person_id = pid;
		return INVITE_OK;
	case DB_CONSTRAINT:
		return INVITE_TAKEN;
	case DB_NOTFOUND:
		return INVITE_UNKNOWN; /* the record was deleted since */
	default:
		return DB_ERROR;
	}
}
