/*
 * store.h — the aggregates of issue 2: bot state, the outbox, Telegram
 * users, people (students and trainers) and invite codes. One .c file per
 * aggregate under storage/. All functions return enum db_rc values unless
 * said otherwise. Strings returned in structs are owned by the struct and
 * released by its _free function; string arguments are borrowed.
 * Times are UTC unix seconds.
 */
#ifndef BJJ_STORE_H
#define BJJ_STORE_H

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
	int uncapped;          /* 1: past the per-chat cap too (owner alerts);
	                          read by db_outbox_add only, not stored */
};
/* Releases the strings of n items and the array itself; accepts NULL. */
void outbox_items_free(struct outbox_item *items, size_t n);
/* 1 for the methods that post into their chat (sendMessage, an edit,
 * sendDocument): paced, ordered and capped per chat. */
int outbox_in_chat(int method);

/*
 * Insert one row (id, attempts ignored). *id_out may be NULL. An edit
 * replaces the pending edits of the same message. A message (send, edit,
 * document) to a chat that holds the cap already is dropped and logged:
 * DB_OK with *id_out 0; unless it is uncapped.
 */
int db_outbox_add(struct db *db, const struct outbox_item *it, int64_t *id_out);
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

/* ---- Telegram users: everyone who ever wrote to the bot ---------------- */
/* Upsert name, username, language code, last_seen = now, reachable = 1
 * (also on the student/trainer rows linked to tg_id). */
int db_tg_user_seen(struct db *db, int64_t tg_id, const char *first_name,
    const char *username, const char *lang_code, int64_t now);
/* reachable 0/1 on tg_users and on linked students and trainers. */
int db_tg_user_set_reachable(struct db *db, int64_t tg_id, int reachable);
/* language code last seen, owned, or NULL (DB_NOTFOUND). */
int db_tg_user_lang(struct db *db, int64_t tg_id, char **lang);

/* ---- people: students and trainers ------------------------------------ */
enum person_kind { PERSON_STUDENT = 1, PERSON_TRAINER = 2 };

struct person {
	int64_t id;
	int kind;              /* enum person_kind */
	char *first_name;
	char *last_name;
	char *phone;           /* E.164, e.g. "+79001234567" */
	int64_t tg_id;         /* 0: not linked */
	char *belt;            /* "white", "blue", ... */
	int stripes;
	int active;
	int reachable;
	int64_t created_at;
};
/* Frees the strings and zeroes the struct; accepts NULL. */
void person_free(struct person *p);

/* belt NULL means "white". DB_CONSTRAINT when the phone is taken. */
int db_student_add(struct db *db, const char *first, const char *last,
    const char *phone, const char *belt, int stripes, int64_t now, int64_t *id);
int db_trainer_add(struct db *db, const char *first, const char *last,
    const char *phone, int64_t now, int64_t *id);
/* DB_OK when student id exists (active or not), DB_NOTFOUND when not. */
int db_student_exists(struct db *db, int64_t id);
/* The id of the first active student (for usage examples that name a real
 * one), or DB_NOTFOUND when there is none. */
int db_student_first_active(struct db *db, int64_t *id);
/* DB_NOTFOUND when there is no such row. */
int db_person_get(struct db *db, int kind, int64_t id, struct person *out);
/* The active trainer, else the active student, linked to tg_id. */
int db_person_by_tg(struct db *db, int64_t tg_id, struct person *out);
/* An active, not yet linked student or trainer with this E.164 phone
 * (trainer first). */
int db_person_unlinked_by_phone(struct db *db, const char *phone, struct person *out);
/* Link; DB_CONSTRAINT when the record is linked already or tg_id is
 * linked to another record of that kind. */
int db_person_link(struct db *db, int kind, int64_t id, int64_t tg_id);
/* Unlink record (kind, id) from its Telegram account; *old_tg gets the
 * account it had (0 when it was not linked: nothing changes). DB_NOTFOUND
 * when there is no such record. */
int db_person_unlink(struct db *db, int kind, int64_t id, int64_t *old_tg);
/* A deactivated student or trainer with this E.164 phone (trainer
 * first), linked or not. */
int db_person_inactive_by_phone(struct db *db, const char *phone, struct person *out);
/* 1 when the owner ever unlinked record (kind, id) (the audit log's
 * "student.unlink" / "trainer.unlink"): only an invite links it again,
 * never a shared phone. 0 when not, DB_ERROR on failure. */
int db_person_was_unlinked(struct db *db, int kind, int64_t id);

/*
 * Students whose "first last" or "last first" contains fragment (matched
 * literally, case-insensitively for ASCII), active ones first; at most
 * max. *out is owned (persons_free).
 */
int db_students_search(struct db *db, const char *fragment, int active_only, size_t max,
    struct person **out, size_t *n);
/* A Telegram account linked to an active record: a trainer (who may also
 * train as a student) or a student. */
struct linked_chat {
	int64_t tg_id;
	int kind;              /* enum person_kind */
};
/* Every linked, active account once; *out owned (free()). */
int db_people_linked(struct db *db, struct linked_chat **out, size_t *n);

/* The same for either kind (PERSON_STUDENT, PERSON_TRAINER). */
int db_people_search(struct db *db, int kind, const char *fragment, int active_only,
    size_t max, struct person **out, size_t *n);
void persons_free(struct person *v, size_t n);

/* ---- audit log ------------------------------------------------------- */
/*
 * Record that actor (a Telegram id; 0 for the shell) did action
 * ("attendance.mark", "payment.add", "promotion.add", "student.edit", ...)
 * to entity ("student", "training", ...) entity_id, with optional details.
 */
int db_audit(struct db *db, int64_t at, int64_t actor, const char *action,
    const char *entity, int64_t entity_id, const char *details);

/* ---- picks: a command waiting for the user to choose a student ---------- */
/* Remember that tg_id's command (its full text) named ref ambiguously. */
int db_pick_create(struct db *db, int64_t tg_id, const char *command, const char *ref,
    int64_t now, int64_t *id);
/* Take (and delete) pick id if it belongs to tg_id; *command and *ref
 * owned. DB_NOTFOUND when there is none (used or someone else's). */
int db_pick_take(struct db *db, int64_t id, int64_t tg_id, char **command, char **ref);

/* ---- notification log: at most once per key ---------------------------- */
/*
 * Claim key ("<kind>:<subject>:<period>", e.g. "remind:student7:training42")
 * for kind at now. DB_OK when it was new (send the message in the same
 * transaction), DB_CONSTRAINT when it was claimed before (send nothing).
 */
int db_notify_once(struct db *db, const char *key, const char *kind, int64_t now);
/* DB_OK when key was claimed, DB_NOTFOUND when not. */
int db_notify_seen(struct db *db, const char *key);

/* ---- answers to training reminders ("I'm coming" / "not today") ---------- */
int db_rsvp_set(struct db *db, int64_t student_id, int64_t training_id, int yes, int64_t now);
/* DB_NOTFOUND when the student did not answer; *yes 1 or 0 otherwise. */
int db_rsvp_get(struct db *db, int64_t student_id, int64_t training_id, int *yes);

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
