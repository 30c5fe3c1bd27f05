/*
 * apitokens.h — the HTTP API's tokens: one row per JSON Web Token the bot
 * issued (its id, the jti claim, whose it is, its role and expiry), so a
 * token can be listed and revoked, and the key that signs them.
 *
 * A token's subject is a record: a student or a trainer by number, or an
 * owner by Telegram id (owners are people of the config, not records).
 * The token itself is never stored: only its jti.
 *
 * Callers: handlers/apitoken.c (issue, list, revoke, and the check the
 * HTTP API asks for), handlers/register.c (/unlink revokes a record's).
 */
#ifndef BJJ_STORAGE_APITOKENS_H
#define BJJ_STORAGE_APITOKENS_H

#include <stddef.h>
#include <stdint.h>

#include "storage/db.h"

/* subject kinds besides enum person_kind */
#define API_SUBJECT_OWNER 0

struct api_token {
	int64_t id;
	char *jti;             /* random, unique */
	int kind;              /* API_SUBJECT_OWNER, PERSON_STUDENT or PERSON_TRAINER */
	int64_t subject_id;    /* the record's number, or the owner's Telegram id */
	int role;              /* enum role (handlers.h) the token carries */
	int64_t created_by;    /* Telegram id of who asked for it */
	int64_t created_at;
	int64_t expires_at;
	int64_t revoked_at;    /* 0: not revoked */
};
void api_token_release(struct api_token *t);
void api_tokens_free(struct api_token *v, size_t n);

/* Record t (its id is ignored); *id gets the row's number. */
int db_api_token_add(struct db *db, const struct api_token *t, int64_t *id);
/* By number, or by jti. DB_NOTFOUND when there is none. */
int db_api_token_get(struct db *db, int64_t id, struct api_token *out);
int db_api_token_by_jti(struct db *db, const char *jti, struct api_token *out);
/*
 * Tokens neither revoked nor expired at now, newest first, at most max:
 * every subject's when kind < 0, else those of (kind, subject_id). *n gets
 * how many; *total how many there are in all (may be NULL).
 */
int db_api_tokens_active(struct db *db, int kind, int64_t subject_id, int64_t now, size_t max,
    struct api_token **out, size_t *n, int64_t *total);
/* Revoke at now: DB_NOTFOUND when there is no such token or it was
 * revoked already. */
int db_api_token_revoke(struct db *db, int64_t id, int64_t now);
/* Revoke at now every token of (kind, subject_id) still unrevoked: when
 * the owner unlinks a record its access goes, and a later link (perhaps
 * someone else's account) does not bring the old tokens back. */
int db_api_tokens_revoke_subject(struct db *db, int kind, int64_t subject_id, int64_t now);

/*
 * The key that signs the tokens (bot state "api_secret"): made of 256
 * random bits the first time it is asked for with create set. *out owned;
 * NULL (DB_OK) when there is none yet and create is 0.
 */
int db_api_secret(struct db *db, int create, char **out);

#endif
