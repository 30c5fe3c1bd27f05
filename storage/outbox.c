/*
 * outbox.c — the transactional outbox: replies and notifications are rows
 * written in the same transaction as the change that caused them, and the
 * sender drains them.
 *
 * Invariant: a row leaves the table only when Telegram accepted it
 * (db_outbox_delete), the chat can no longer be reached
 * (db_outbox_drop_chat) or a newer edit of the same message (command menu
 * of the same scope) replaced it;
 * a message over the per-chat cap is never added, unless the caller marks
 * it uncapped (alerts to owners: few, each claimed once, and the reason an
 * owner's chat full of replies must still hear of a failure). Ids are
 * never reused
 * (AUTOINCREMENT), so the sender's delete after an in-flight request can
 * only hit its own row.
 *
 * Callers: handlers and the scheduler add; bot/sender.c reads, retries and
 * deletes.
 */
#include <stdlib.h>

#include "lib/log.h"
#include "lib/util.h"
#include "storage/internal.h"
#include "storage/outbox.h"

void outbox_items_free(struct outbox_item *items, size_t n)
{
	size_t i;

	if (items == NULL)
		return;
	for (i = 0; i < n; i++) {
		free(items[i].text);
		free(items[i].markup);
		free(items[i].ref);
	}
	free(items);
}

/* outbox_in_chat() in SQL, of column col: OB_SEND_MESSAGE, OB_EDIT_MESSAGE,
 * OB_SEND_DOCUMENT. Said as a range less the two other methods, not as
 * "IN (1, 2, 5)": the range probes the index (chat_id, method, id) once
 * for a chat's rows instead of once per method, and a constant IN list
 * costs an ephemeral table built at every run of the statement (an
 * in-memory B-tree opened, filled and closed: a third of the per-chat
 * count's instructions). method is NOT NULL. */
#define DB_OUTBOX_IN_CHAT(col) \
	"(" col " BETWEEN 1 AND 5 AND " col " <> 3 AND " col " <> 4)"
_Static_assert(OB_SEND_MESSAGE == 1 && OB_EDIT_MESSAGE == 2 && OB_ANSWER_CALLBACK == 3 &&
    OB_SET_COMMANDS == 4 && OB_SEND_DOCUMENT == 5, "DB_OUTBOX_IN_CHAT names the methods by number");

int outbox_in_chat(int method)
{
	return method == OB_SEND_MESSAGE || method == OB_EDIT_MESSAGE || method == OB_SEND_DOCUMENT;
}

void db_outbox_set_chat_max(struct db *db, int max)
{
	db->outbox_chat_max = max > 0 ? max : 0;
}

/* Pending edits of the same message, and pending command menus of the
 * same scope (chat and language), are superseded by a new one: only the
 * latest matters. Sending each edit would make a chat of quick button
 * presses wait for every intermediate state; menus keep no order among
 * the other calls, so an older one could land last. */
static int db_outbox_drop_superseded(struct db *db, const struct outbox_new *it)
{
	sqlite3_stmt *st = db_stmt_get(db,
	    "DELETE FROM outbox WHERE chat_id = ?1 AND method = ?2 AND ref IS ?3");

	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, it->chat_id);
	sqlite3_bind_int(st, 2, it->method);
	db_bind_text(st, 3, it->ref);
	if (db_step_done(db, st, "outbox drop superseded") != DB_OK)
		return DB_ERROR;
	if (sqlite3_changes(db->h) > 0)
		db->outbox_gen++;
	return DB_OK;
}

/* 1 when chat already holds outbox_chat_max messages, 0 if not, -1 error. */
static int db_outbox_chat_full(struct db *db, int64_t chat_id)
{
	/* Two ranges of the index (methods 1-2, then 5) counted: a row
	 * costs a step and no comparison (half the steps of one range with
	 * 3 and 4 left out row by row). */
	sqlite3_stmt *st = db_stmt_get(db,
	    "SELECT (SELECT count(*) FROM outbox WHERE chat_id = ?1 AND method BETWEEN 1 AND 2) + "
	    "(SELECT count(*) FROM outbox WHERE chat_id = ?1 AND method = 5)");
	int rc, full = 0;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, chat_id);
	rc = db_step_row(db, st, "outbox chat count");
	if (rc == DB_OK)
		full = sqlite3_column_int64(st, 0) >= db->outbox_chat_max;
	sqlite3_reset(st);
	return rc == DB_OK ? full : -1;
}

int db_outbox_add(struct db *db, const struct outbox_new *it, int64_t *id_out)
{
	sqlite3_stmt *st;

	if (id_out)
		*id_out = 0;
	if (((it->method == OB_EDIT_MESSAGE && it->ref != NULL) || it->method == OB_SET_COMMANDS) &&
	    db_outbox_drop_superseded(db, it) != DB_OK)
		return DB_ERROR;
	if (outbox_in_chat(it->method) && db->outbox_chat_max > 0 && !it->uncapped) {
		int full = db_outbox_chat_full(db, it->chat_id);
		if (full < 0)
			return DB_ERROR;
		if (full) {
			/* The newest goes: what is queued keeps its order, and
			 * a chat this far behind is flooding or unread. */
			log_warn("db", "chat %lld already has %d queued messages; a new one was dropped",
			    (long long)it->chat_id, db->outbox_chat_max);
			return DB_OK;
		}
	}
	st = db_stmt_get(db,
	    "INSERT INTO outbox (chat_id, method, text, markup, ref, plain, not_before, created_at) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, it->chat_id);
	sqlite3_bind_int(st, 2, it->method);
	db_bind_text(st, 3, it->text);
	db_bind_text(st, 4, it->markup);
	db_bind_text(st, 5, it->ref);
	sqlite3_bind_int(st, 6, it->plain != 0);
	sqlite3_bind_int64(st, 7, it->not_before);
	sqlite3_bind_int64(st, 8, it->created_at);
	return db_step_insert(db, st, id_out, "outbox add");
}

#define DB_OUTBOX_COLS "SELECT id, chat_id, method, text, markup, ref, plain, attempts, " \
	"not_before, created_at FROM outbox "

/* Run a query selecting DB_OUTBOX_COLS with ?1 = now, ?2 = max. */
static int db_outbox_read(struct db *db, const char *sql, int64_t now, size_t max,
    struct outbox_item **items, size_t *n)
{
	sqlite3_stmt *st = db_stmt_get(db, sql);
	struct outbox_item *v = NULL;
	size_t cnt = 0, cap = 0;
	int rc;

	*items = NULL;
	*n = 0;
	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_int64(st, 2, max > INT64_MAX ? INT64_MAX : (int64_t)max);
	while ((rc = db_step_row(db, st, "outbox read")) == DB_OK) {
		struct outbox_item *it;

		XGROW(v, cap, cnt + 1);
		it = &v[cnt++];
		it->id = sqlite3_column_int64(st, 0);
		it->chat_id = sqlite3_column_int64(st, 1);
		it->method = sqlite3_column_int(st, 2);
		it->text = db_column_dup(st, 3);
		it->markup = db_column_dup(st, 4);
		it->ref = db_column_dup(st, 5);
		it->plain = sqlite3_column_int(st, 6);
		it->attempts = sqlite3_column_int(st, 7);
		it->not_before = sqlite3_column_int64(st, 8);
		it->created_at = sqlite3_column_int64(st, 9);
	}
	sqlite3_reset(st);
	if (rc == DB_ERROR) {
		outbox_items_free(v, cnt);
		return DB_ERROR;
	}
	*items = v;
	*n = cnt;
	return DB_OK;
}

int db_outbox_due(struct db *db, int64_t now, size_t max, struct outbox_item **items, size_t *n)
{
	/* Oldest first by id, not by not_before: the order in which messages
	 * were queued is the order a chat should read them. */
	return db_outbox_read(db, DB_OUTBOX_COLS "WHERE not_before <= ?1 ORDER BY id LIMIT ?2",
	    now, max, items, n);
}

int db_outbox_sendable(struct db *db, int64_t now, size_t max, struct outbox_item **items,
    size_t *n)
{
	/* Rows held for later and never tried (quiet hours) stay out, so
	 * any number of them cannot hide the rows that may go now. Of the
	 * messages only each chat's oldest is read, so one chat's backlog
	 * cannot hide the other chats; the other calls (callback answers,
	 * command menus, one pending per scope) keep no order and are all
	 * read. */
	/* In id order, each row is checked against its chat's earlier rows
	 * (index outbox_chat_method), so a read costs about the rows it
	 * returns, not the whole backlog. Earlier messages (method 1) are
	 * sought as a range of the index, (chat, 1, id below): said with
	 * the other methods, a head would step over every row its chat
	 * holds (40 a chat: 9 times the steps); edits and documents (2
	 * and 5), few, are the second probe, its range starting past 1. */
	return db_outbox_read(db, DB_OUTBOX_COLS "AS o WHERE (o.not_before <= ?1 OR o.attempts > 0) AND "
	    "(NOT " DB_OUTBOX_IN_CHAT("o.method") " OR (NOT EXISTS (SELECT 1 FROM outbox AS p "
	    "WHERE p.chat_id = o.chat_id AND p.method = 1 AND p.id < o.id "
	    "AND (p.not_before <= ?1 OR p.attempts > 0)) AND NOT EXISTS (SELECT 1 FROM outbox AS p "
	    "WHERE p.chat_id = o.chat_id AND p.method BETWEEN 2 AND 5 AND p.method <> 3 "
	    "AND p.method <> 4 AND p.id < o.id AND (p.not_before <= ?1 OR p.attempts > 0)))) "
	    "ORDER BY o.id LIMIT ?2", now, max, items, n);
}

int db_outbox_next_due(struct db *db, int64_t *when)
{
	sqlite3_stmt *st = db_stmt_get(db, "SELECT min(not_before) FROM outbox");
	int rc;

	if (st == NULL)
		return DB_ERROR;
	rc = db_step_row(db, st, "outbox next due");
	/* An aggregate always answers one row; NULL means an empty table. */
	if (rc == DB_OK && sqlite3_column_type(st, 0) == SQLITE_NULL)
		rc = DB_NOTFOUND;
	else if (rc == DB_OK)
		*when = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc;
}

/* DB_NOTFOUND when an UPDATE or DELETE by id touched nothing. */
static int db_outbox_by_id(struct db *db, sqlite3_stmt *st, const char *op)
{
	int rc = db_step_done(db, st, op);

	if (rc == DB_OK && sqlite3_changes(db->h) == 0)
		rc = DB_NOTFOUND;
	return rc;
}

/* db_outbox_delete without counting a change (an accepted row). */
static int db_outbox_delete_row(struct db *db, int64_t id)
{
	sqlite3_stmt *st = db_stmt_get(db, "DELETE FROM outbox WHERE id = ?1");

	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	return db_outbox_by_id(db, st, "outbox delete");
}

int db_outbox_delete(struct db *db, int64_t id)
{
	db->outbox_gen++;
	return db_outbox_delete_row(db, id);
}

int db_outbox_accept(struct db *db, int64_t id)
{
	XGROW(db->accepted, db->cap_accepted, db->n_accepted + 1);
	db->accepted[db->n_accepted++] = id;
	return (int)db->n_accepted;
}

int db_outbox_is_accepted(const struct db *db, int64_t id)
{
	for (size_t i = 0; i < db->n_accepted; i++)
		if (db->accepted[i] == id)
			return 1;
	return 0;
}

size_t db_outbox_accepted(const struct db *db)
{
	return db->n_accepted;
}

unsigned long db_outbox_accepted_gen(const struct db *db)
{
	return db->accepted_gen;
}

unsigned long db_outbox_changed_gen(const struct db *db)
{
	return db->outbox_gen;
}

int db_outbox_delete_accepted(struct db *db)
{
	/* A row already gone (a newer edit replaced it) is fine. */
	for (size_t i = 0; i < db->n_accepted; i++)
		if (db_outbox_delete_row(db, db->accepted[i]) == DB_ERROR)
			return DB_ERROR;
	return DB_OK;
}

int db_outbox_flush_accepted(struct db *db)
{
	if (db->n_accepted == 0)
		return DB_OK;
	if (!sqlite3_get_autocommit(db->h)) {
		log_error("db", "outbox flush inside a transaction");
		return DB_ERROR;
	}
	if (db_begin(db) != DB_OK)
		return DB_ERROR;
	if (db_commit(db) != DB_OK) {
		db_rollback(db);
		return DB_ERROR;
	}
	return DB_OK;
}

int db_outbox_retry(struct db *db, int64_t id, int64_t not_before, int plain)
{
	sqlite3_stmt *st = db_stmt_get(db,
	    "UPDATE outbox SET attempts = attempts + 1, not_before = ?2, plain = ?3 WHERE id = ?1");

	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, not_before);
	sqlite3_bind_int(st, 3, plain != 0);
	db->outbox_gen++;
	return db_outbox_by_id(db, st, "outbox retry");
}

int db_outbox_answer_toast(struct db *db, const char *cb_id, const char *toast)
{
	sqlite3_stmt *st = db_stmt_get(db,
	    "UPDATE outbox SET text = ?3 WHERE method = ?1 AND ref = ?2");

	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int(st, 1, OB_ANSWER_CALLBACK);
	db_bind_text(st, 2, cb_id);
	db_bind_text(st, 3, toast);
	db->outbox_gen++;
	return db_outbox_by_id(db, st, "outbox answer toast");
}

int db_outbox_drop_chat(struct db *db, int64_t chat_id, int *dropped)
{
	/* Only rows that post into the chat: callback answers and command
	 * menus are not messages there, and the sender handles their
	 * failures one by one. */
	sqlite3_stmt *st = db_stmt_get(db,
	    "DELETE FROM outbox WHERE chat_id = ?1 AND method NOT IN (?2, ?3)");
	int rc;

	if (dropped)
		*dropped = 0;
	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, chat_id);
	sqlite3_bind_int(st, 2, OB_ANSWER_CALLBACK);
	sqlite3_bind_int(st, 3, OB_SET_COMMANDS);
	rc = db_step_done(db, st, "outbox drop chat");
	if (rc == DB_OK && sqlite3_changes(db->h) > 0)
		db->outbox_gen++;
	if (rc == DB_OK && dropped)
		*dropped = sqlite3_changes(db->h);
	return rc;
}

int db_outbox_count(struct db *db, int64_t *n)
{
	sqlite3_stmt *st = db_stmt_get(db, "SELECT count(*) FROM outbox");
	int rc;

	if (st == NULL)
		return DB_ERROR;
	rc = db_step_row(db, st, "outbox count");
	if (rc == DB_OK)
		*n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc;
}
