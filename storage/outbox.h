/*
 * outbox.h — the transactional outbox: every message, edit, callback
 * answer and command list the bot sends is a row written in the
 * transaction that decided it; the sender reads, sends and deletes them
 * (outbox.c).
 *
 * All functions return enum db_rc values unless said otherwise. Strings
 * returned in structs are owned by the struct and released by its _free
 * function; string arguments are borrowed. Times are UTC unix seconds.
 */
#ifndef BJJ_STORAGE_OUTBOX_H
#define BJJ_STORAGE_OUTBOX_H

#include <stddef.h>
#include <stdint.h>

#include "storage/db.h"

/* ---- outbox ---------------------------------------------------------- */
enum outbox_method {
	OB_SEND_MESSAGE = 1,  /* chat_id, text (HTML unless plain), markup */
	OB_EDIT_MESSAGE = 2,  /* chat_id, ref = message_id, text, markup */
	OB_ANSWER_CALLBACK = 3, /* ref = callback_query_id, text = toast or NULL */
	OB_SET_COMMANDS = 4,  /* chat_id = scope chat (0: default scope),
	                        text = JSON array of BotCommand, ref = language
	                        code or NULL */
	OB_SEND_DOCUMENT = 5, /* chat_id, ref = file path, text = caption */
};

/* A row to queue (db_outbox_add); the strings are borrowed. */
struct outbox_new {
	int64_t chat_id;
	int method;            /* enum outbox_method */
	const char *text;
	const char *markup;    /* reply_markup JSON or NULL */
	const char *ref;
	int plain;             /* 1: send without parse_mode */
	int64_t not_before;    /* unix seconds; 0 = now */
	int64_t created_at;
	int uncapped;          /* 1: past the per-chat cap too (owner alerts);
	                          not stored */
};
/* A queued row read back; the strings are owned (outbox_items_free). */
struct outbox_item {
	int64_t id;
	int64_t chat_id;
	int method;            /* enum outbox_method */
	char *text;
	char *markup;          /* reply_markup JSON or NULL */
	char *ref;
	int plain;             /* 1: send without parse_mode */
	int attempts;
	int64_t not_before;    /* unix seconds; 0 = now */
	int64_t created_at;
};
/* Releases the strings of n items and the array itself; accepts NULL. */
void outbox_items_free(struct outbox_item *items, size_t n);
/* 1 for the methods that post into their chat (sendMessage, an edit,
 * sendDocument): paced, ordered and capped per chat. */
int outbox_in_chat(int method);

/*
 * Insert one row. *id_out may be NULL. An edit
 * replaces the pending edits of the same message. A message (send, edit,
 * document) to a chat that holds the cap already is dropped and logged:
 * DB_OK with *id_out 0; unless it is uncapped.
 */
int db_outbox_add(struct db *db, const struct outbox_new *it, int64_t *id_out);
/* At most max messages queued per chat (0, the default: no cap). */
void db_outbox_set_chat_max(struct db *db, int max);
/* Up to max rows with not_before <= now, oldest first. *items owned. */
int db_outbox_due(struct db *db, int64_t now, size_t max, struct outbox_item **items, size_t *n);
/*
 * What the sender looks at: rows due at now and rows that were tried and
 * wait to be retried (they keep their chat's order), oldest first, at
 * most max; rows held for later and never tried are left out. Of the
 * messages (send, edit, document) only the oldest of each chat is read.
 */
int db_outbox_sendable(struct db *db, int64_t now, size_t max, struct outbox_item **items,
    size_t *n);
/* Earliest not_before among pending rows (DB_NOTFOUND when empty). */
int db_outbox_next_due(struct db *db, int64_t *when);
int db_outbox_delete(struct db *db, int64_t id);
/*
 * Telegram accepted row id: it is deleted inside the next transaction
 * that commits (db_commit), whoever commits it, so one fsync covers the
 * change and the deletes. Until then the row stays and is still read.
 * Returns how many rows wait.
 */
int db_outbox_accept(struct db *db, int64_t id);
/* 1 when id waits for its delete (db_outbox_accept). */
int db_outbox_is_accepted(const struct db *db, int64_t id);
/* How many rows wait for their delete. */
size_t db_outbox_accepted(const struct db *db);
/* Counts the commits that deleted accepted rows: when it moves, chats
 * whose head was accepted may have a next row to read. */
unsigned long db_outbox_accepted_gen(const struct db *db);
/* Counts the calls that deleted or changed pending outbox rows: a
 * superseded edit or menu, a toast, a chat's rows dropped, a delete or a
 * retry; not an add, nor an accepted row's delete. When it has not moved,
 * rows read before are as they were (rolled-back changes count too). */
unsigned long db_outbox_changed_gen(const struct db *db);
/* Commit the waiting deletes now, in a transaction of their own; rows
 * already gone are fine. Not inside a transaction. DB_OK or DB_ERROR,
 * and then none was deleted and they still wait. */
int db_outbox_flush_accepted(struct db *db);
/* attempts + 1, new not_before, and the plain flag (1 = strip HTML). */
int db_outbox_retry(struct db *db, int64_t id, int64_t not_before, int plain);
/* Give the queued answer to callback query cb_id a toast (plain text):
 * the router answers before a button's handler runs, and the handler may
 * learn only then that the press changes nothing. DB_NOTFOUND when no
 * answer is queued. */
int db_outbox_answer_toast(struct db *db, const char *cb_id, const char *toast);
/* Drop every pending message row (not callback answers) to chat_id;
 * *dropped may be NULL. */
int db_outbox_drop_chat(struct db *db, int64_t chat_id, int *dropped);
int db_outbox_count(struct db *db, int64_t *n);

#endif
