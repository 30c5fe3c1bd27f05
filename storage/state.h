/*
 * state.h — the bot's own state: a few keys and values kept in the
 * database (state.c).
 *
 * All functions return enum db_rc values unless said otherwise. Strings
 * returned in structs are owned by the struct and released by its _free
 * function; string arguments are borrowed. Times are UTC unix seconds.
 */
#ifndef BJJ_STORAGE_STATE_H
#define BJJ_STORAGE_STATE_H

#include <stddef.h>
#include <stdint.h>

#include "storage/db.h"

/* ---- bot state (key/value) ------------------------------------------ */
/* Keys in use: "last_update_id" (int), "bot_username" (text). An absent
 * key is not an error: get_int gives def, get_text DB_OK with *out NULL;
 * set_text(key, NULL) clears the key. Reading a key as the other type is
 * DB_ERROR. */
int db_state_get_int(struct db *db, const char *key, int64_t def, int64_t *out);
int db_state_set_int(struct db *db, const char *key, int64_t v);
/* *out owned by the caller, NULL when the key is absent. */
int db_state_get_text(struct db *db, const char *key, char **out);
int db_state_set_text(struct db *db, const char *key, const char *v);

#endif
