/*
 * invites.h — invite codes: created for a student or trainer record,
 * redeemed once by a Telegram account to link it (invites.c).
 *
 * All functions return enum db_rc values unless said otherwise. Strings
 * returned in structs are owned by the struct and released by its _free
 * function; string arguments are borrowed. Times are UTC unix seconds.
 */
#ifndef BJJ_STORAGE_INVITES_H
#define BJJ_STORAGE_INVITES_H

#include <stddef.h>
#include <stdint.h>

#include "storage/db.h"

/* ---- invite codes -------------------------------------------------- */
#define INVITE_CODE_LEN 16

enum invite_rc {
	INVITE_OK = 0,
	INVITE_UNKNOWN = 1,    /* no such code */
	INVITE_USED = 2,       /* single use, already redeemed */
	INVITE_EXPIRED = 3,
	INVITE_TAKEN = 4,      /* this Telegram account or the record is linked already */
	INVITE_REVOKED = 5,    /* a newer invite for the same record replaced it */
	INVITE_INACTIVE = 6,   /* the record is deactivated: unused, works once reactivated */
};
/* A fresh random code for (kind, person_id) valid until expires_at
 * (exclusive); the record's older unused invites stop working.
 * DB_NOTFOUND when there is no such record. */
int db_invite_create(struct db *db, int kind, int64_t person_id, int64_t now,
    int64_t expires_at, char code[INVITE_CODE_LEN + 1]);
/* Revoke the unused invites of (kind, person_id). */
int db_invites_revoke(struct db *db, int kind, int64_t person_id, int64_t now);
/*
 * Redeem code for tg_id: marks it used and links the record, or changes
 * nothing. Returns an enum invite_rc, or DB_ERROR. On INVITE_OK *kind and
 * *person_id say who was linked.
 */
int db_invite_redeem(struct db *db, const char *code, int64_t tg_id, int64_t now,
    int *kind, int64_t *person_id);

#endif
