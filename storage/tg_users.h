/*
 * tg_users.h — everyone who ever wrote to the bot: name, language,
 * whether they can be reached (tg_users.c).
 *
 * All functions return enum db_rc values unless said otherwise. Strings
 * returned in structs are owned by the struct and released by its _free
 * function; string arguments are borrowed. Times are UTC unix seconds.
 */
#ifndef BJJ_STORAGE_TG_USERS_H
#define BJJ_STORAGE_TG_USERS_H

#include <stddef.h>
#include <stdint.h>

#include "storage/db.h"

/* ---- Telegram users: everyone who ever wrote to the bot ---------------- */
/* Upsert name, username, language code, last_seen = now, reachable = 1
 * (also on the student/trainer rows linked to tg_id). */
int db_tg_user_seen(struct db *db, int64_t tg_id, const char *first_name,
    const char *username, const char *lang_code, int64_t now);
/* reachable 0/1 on tg_users and on linked students and trainers. */
int db_tg_user_set_reachable(struct db *db, int64_t tg_id, int reachable);
/* language code last seen, owned, or NULL (DB_NOTFOUND). */
int db_tg_user_lang(struct db *db, int64_t tg_id, char **lang);

#endif
