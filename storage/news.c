/*
 * news.c — leads and announcements (see news.h).
 *
 * Invariant: an announcement is marked sent only while it is waiting
 * (sent_at IS NULL), so a second press of its button finds nothing to
 * send.
 *
 * Callers: handlers/news.c.
 */
#include <stdlib.h>
#include <string.h>

#include "lib/log.h"
#include "lib/util.h"
#include "storage/internal.h"
#include "storage/news.h"

/* enum news_audience as stored in announcements.audience. */
static const char *const db_news_audience_names[] = {
	[NEWS_ALL] = "all", [NEWS_CLASS] = "class", [NEWS_KIDS] = "kids",
	[NEWS_ENDING] = "ending",
};

static const char *db_news_audience_name(int audience)
{
	if (audience < NEWS_ALL || audience > NEWS_ENDING)
		return NULL;
	return db_news_audience_names[audience];
}

int db_lead_add(struct db *db, const struct lead *l, int64_t *id)
{
	return db_insert(db,
	    "INSERT INTO leads (tg_id, first_name, last_name, username, text, created_at) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", "lead add", id,
	    DB_ARGS(DB_I(l->tg_id), DB_S(l->first_name), DB_S(l->last_name), DB_S(l->username),
	    DB_S(l->text), DB_I(l->created_at)));
}

#define DB_LEAD_COLS "id, tg_id, first_name, last_name, username, text, created_at, " \
	"coalesce(answered_at, 0)"

#define DB_ROW struct lead
static const struct db_rowtype db_lead_rows = DB_ROWTYPE(NULL, NULL,
	DB_I64(id), DB_I64(tg_id), DB_TEXT(first_name), DB_TEXT(last_name), DB_TEXT(username),
	DB_TEXT(text), DB_I64(created_at), DB_I64(answered_at));
#undef DB_ROW

DB_ROW_FNS(lead_release, leads_free, struct lead, db_lead_rows)

int db_lead_get(struct db *db, int64_t id, struct lead *out)
{
	return db_query_one(db, "SELECT " DB_LEAD_COLS " FROM leads WHERE id = ?1", "lead get",
	    &db_lead_rows, out, DB_ARGS(DB_I(id)));
}

int db_leads_recent(struct db *db, size_t max, struct lead **out, size_t *n)
{
	int rc;

	*out = db_query_all(db, "SELECT " DB_LEAD_COLS " FROM leads ORDER BY id DESC LIMIT ?1",
	    "leads recent", &db_lead_rows, n, &rc, DB_ARGS(DB_I((int64_t)max)));
	return rc;
}

int db_lead_answered(struct db *db, int64_t id, int64_t by, const char *text, int64_t now)
{
	return db_exec_changed(db,
	    "UPDATE leads SET answered_at = ?2, answered_by = ?3, answer = ?4 WHERE id = ?1",
	    "lead answered", DB_ARGS(DB_I(id), DB_I(now), DB_I(by), DB_S(text)));
}

int db_lead_reply_start(struct db *db, int64_t tg_id, int64_t lead_id, int64_t now)
{
	return db_exec(db,
	    "INSERT OR REPLACE INTO lead_replies (tg_id, lead_id, created_at) VALUES (?1, ?2, ?3)",
	    "lead reply start", DB_ARGS(DB_I(tg_id), DB_I(lead_id), DB_I(now)));
}

int db_lead_reply_get(struct db *db, int64_t tg_id, int64_t since, int64_t *lead_id)
{
	*lead_id = 0;
	return db_query_int(db,
	    "SELECT lead_id FROM lead_replies WHERE tg_id = ?1 AND created_at >= ?2",
	    "lead reply get", lead_id, DB_ARGS(DB_I(tg_id), DB_I(since)));
}

int db_lead_reply_end(struct db *db, int64_t tg_id)
{
	return db_exec(db, "DELETE FROM lead_replies WHERE tg_id = ?1", "lead reply end",
	    DB_ARGS(DB_I(tg_id)));
}

#define DB_ROW struct news_member
static const struct db_rowtype db_member_rows = DB_ROWTYPE(NULL, NULL,
	DB_I64(student_id), DB_I64(tg_id), DB_INT(reachable), DB_INT(remind));
#undef DB_ROW

int db_news_audience(struct db *db, int audience, int64_t arg, int64_t now,
    struct news_member **out, size_t *n)
{
	int rc;

	*out = db_query_all(db,
	    "SELECT s.id, coalesce(s.tg_id, 0), s.reachable, s.remind FROM students s "
	    "WHERE s.active = 1 AND (" "  ?1 = 1"
	    "  OR (?1 = 2 AND EXISTS (SELECT 1 FROM attendance a "
	    "    JOIN trainings p ON p.id = a.training_id "
	    "    WHERE a.student_id = s.id AND p.template_id = ?2 AND p.cancelled = 0 "
	    "    AND a.status IN ('present', 'late') "
	    "    AND p.starts_at >= ?3 - 28 * 86400 AND p.starts_at < ?3))"
	    "  OR (?1 = 3 AND CAST(substr(s.birth_date, 1, 4) AS INTEGER) > ?2)"
	    "  OR (?1 = 4 AND EXISTS (SELECT 1 FROM subscriptions b "
	    "    WHERE b.student_id = s.id AND b.status = 'active' "
	    "    AND b.ends_at > ?3 AND b.ends_at <= ?2 "
	    "    AND NOT EXISTS (SELECT 1 FROM subscriptions c WHERE c.student_id = s.id "
	    "      AND c.id <> b.id AND c.status IN ('active', 'frozen') "
	    "      AND c.ends_at > b.ends_at)))" ") ORDER BY s.id LIMIT 10000", "news audience",
	    &db_member_rows, n, &rc, DB_ARGS(DB_I(audience), DB_I(arg), DB_I(now)));
	return rc;
}

int db_announcement_add(struct db *db, const struct announcement *a, int64_t *id)
{
	sqlite3_stmt *st = db_stmt_get(db,
	    "INSERT INTO announcements (audience, arg, text, created_by, created_at) "
	    "VALUES (?1, ?2, ?3, ?4, ?5)");
	const char *name = db_news_audience_name(a->audience);

	if (st == NULL)
		return DB_ERROR;
	if (name == NULL) {
		log_error("storage", "announcement: unknown audience %d", a->audience);
		return DB_ERROR;
	}
	db_bind_text(st, 1, name);
	sqlite3_bind_int64(st, 2, a->arg);
	db_bind_text(st, 3, a->text);
	sqlite3_bind_int64(st, 4, a->created_by);
	sqlite3_bind_int64(st, 5, a->created_at);
	return db_step_insert(db, st, id, "announcement add");
}

#define DB_ROW struct announcement
static const struct db_rowtype db_announcement_rows = DB_ROWTYPE(NULL, NULL,
	DB_I64(id), DB_WORD(audience, db_news_audience_names), DB_I64(arg), DB_TEXT(text),
	DB_I64(created_by), DB_I64(created_at), DB_I64(sent_at));
#undef DB_ROW

DB_RELEASE_FN(announcement_release, struct announcement, db_announcement_rows)

int db_announcement_get(struct db *db, int64_t id, struct announcement *out)
{
	return db_query_one(db,
	    "SELECT id, audience, arg, text, created_by, created_at, coalesce(sent_at, 0) "
	    "FROM announcements WHERE id = ?1", "announcement get", &db_announcement_rows, out,
	    DB_ARGS(DB_I(id)));
}

int db_announcement_sent(struct db *db, int64_t id, int64_t now, int recipients)
{
	return db_exec_changed(db, "UPDATE announcements SET sent_at = ?2, recipients = ?3 "
	    "WHERE id = ?1 AND sent_at IS NULL", "announcement sent",
	    DB_ARGS(DB_I(id), DB_I(now), DB_I(recipients)));
}

int db_announcement_drop(struct db *db, int64_t id)
{
	int rc = db_exec(db, "DELETE FROM announcements WHERE id = ?1 AND sent_at IS NULL",
	    "announcement drop", DB_ARGS(DB_I(id)));

	return rc == DB_OK && sqlite3_changes(db->h) == 0 ? DB_NOTFOUND : rc;
}
