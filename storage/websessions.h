/*
 * websessions.h — the owner dashboard's one-time login codes and its
 * browser sessions.
 *
 * /web makes a login code (valid DB_WEB_LOGIN_TTL seconds, usable once);
 * opening its link trades it for a session (valid DB_WEB_SESSION_TTL
 * seconds) whose id the browser keeps in a cookie. Both belong to an owner
 * by Telegram id and carry the language the dashboard speaks. Only a
 * SHA-256 of a code or a session id is stored: a copy of the database
 * opens no dashboard. A used code keeps used_at, an ended session
 * ended_at, until db_web_prune deletes them.
 *
 * Callers: handlers/web.c (/web), http/web_dashboard.c, the maintenance
 * job (db_web_prune).
 */
#ifndef BJJ_STORAGE_WEBSESSIONS_H
#define BJJ_STORAGE_WEBSESSIONS_H

#include <stdint.h>

#include "storage/db.h"

/* random_code characters: 132 bits in a code, 258 in a session id */
#define DB_WEB_CODE_LEN 22
#define DB_WEB_SID_LEN 43
#define DB_WEB_LOGIN_TTL (10 * 60)
#define DB_WEB_SESSION_TTL (12 * 3600)
/* How long a code is kept after it expired: until then its link answers
 * "used or expired", later "unknown". */
#define DB_WEB_LOGIN_KEEP (7 * 86400)

/* A new login code for owner (lang: "en", "ru", ...) into code. */
int db_web_login_new(struct db *db, int64_t owner, const char *lang, int64_t now,
    char code[DB_WEB_CODE_LEN + 1]);
/*
 * Use code at now: DB_OK with *owner and *lang (owned) when it was unused
 * and in time (it is used from now on); DB_CONSTRAINT when it was used or
 * has expired; DB_NOTFOUND when there is no such code.
 */
int db_web_login_use(struct db *db, const char *code, int64_t now, int64_t *owner, char **lang);

/* The state of code at now, without using it: DB_OK when it is unused
 * and in time, DB_CONSTRAINT when used or expired, DB_NOTFOUND when there
 * is no such code. */
int db_web_login_check(struct db *db, const char *code, int64_t now);

/* A new session for owner into sid. */
int db_web_session_new(struct db *db, int64_t owner, const char *lang, int64_t now,
    char sid[DB_WEB_SID_LEN + 1]);
/* The session sid at now: *owner and *lang (owned); DB_NOTFOUND when it
 * is unknown, ended or expired. */
int db_web_session_get(struct db *db, const char *sid, int64_t now, int64_t *owner, char **lang);
/* End sid (logout) at now; DB_NOTFOUND when it was not in force. */
int db_web_session_end(struct db *db, const char *sid, int64_t now);
/* End every session of owner (no longer an owner). */
int db_web_sessions_end_owner(struct db *db, int64_t owner, int64_t now);
/* Delete at now the sessions that ended or expired and the codes that
 * expired DB_WEB_LOGIN_KEEP ago or more; *deleted (may be NULL) gets how
 * many rows went. */
int db_web_prune(struct db *db, int64_t now, int *deleted);

#endif
