/*
 * fuzz_support.h — what the libFuzzer targets of tests/fuzz share: the
 * demo academy in an in-memory database (seeded once per process, at a
 * fixed time and zone so every run is the same), senders of every role,
 * inputs as C strings or as files, and the checks that turn a quiet
 * failure into a crash the fuzzer reports.
 */
#ifndef BJJ_FUZZ_SUPPORT_H
#define BJJ_FUZZ_SUPPORT_H

#include <stddef.h>
#include <stdint.h>

#include "handlers/handlers.h"

/* 2026-05-28 23:26 in Moscow: the demo adds a class open for check-in. */
#define FZ_NOW 1780000000
/* A group chat the bot is in. */
#define FZ_GROUP_CHAT (-1001234567890LL)
/* At most this many messages per input (split at NUL bytes). */
#define FZ_MAX_PARTS 8

struct fz_academy {
	struct db *db;
	struct h_env env;
	struct config cfg;     /* env.cfg; borrowed strings, never cfg_release'd */
	char *dir;             /* owned temporary folder: exports, backups */
	char *export_dir;      /* dir/exports, emptied after every input */
	char *backup_dir;      /* dir/backups, never made */
	int input_utf8;        /* the input's texts are UTF-8, as Telegram's are */
	char *const *parts;    /* the input's texts (fz_input), borrowed */
	size_t n_parts;
};

/* The demo academy, made on the first call; aborts when it cannot be. */
struct fz_academy *fz_academy(void);
/* Empty the export folder (/export writes files a rollback keeps). */
void fz_academy_tidy(struct fz_academy *a);

/*
 * A message from the sender picked by who (owner, trainer, students,
 * guests, a deactivated student) in the language picked by flags bits 0-1
 * (en, ru, none, another), in a group chat when flags bit 2 is set. */
struct h_msg fz_msg(uint8_t who, uint8_t flags);
/* Bit 3 of fz_msg's flags: the first text is shared as a contact's phone
 * instead, the sender's own or (bit 4) someone else's. */
#define FZ_FLAG_CONTACT 0x08
#define FZ_FLAG_OTHERS 0x10

/*
 * Dispatch m inside a savepoint as bot/batch.c does; the caller holds the
 * transaction. Aborts when the handlers fail (-1) or a statement fails:
 * no input may do either. Then checks every queued outbox row
 * (fz_check_outbox).
 */
void fz_dispatch(struct fz_academy *a, const struct h_msg *m);

/*
 * Every row the outbox holds is one Telegram would take: a message or
 * edit is Telegram HTML (only its tags, closed in order; '<', '>' and '&'
 * only in tags and entities) of at most 4096 UTF-16 units, a caption at
 * most 1024, a callback toast at most 200 characters, an inline keyboard
 * is JSON whose buttons have a text and callback_data of 1-64 bytes.
 * When a->input_utf8, texts are UTF-8 too (Telegram refuses others).
 * Nothing sent to the group chat names a student or shows a phone that
 * the input did not hold itself.
 * Aborts naming the row otherwise.
 */
void fz_check_outbox(struct fz_academy *a);

/* data as a NUL-terminated string (owned; NULs inside are kept). */
char *fz_str(const uint8_t *data, size_t size);
/*
 * One conversation: bytes 0 and 1 of data pick the sender and language
 * (fz_msg); from byte head on, up to FZ_MAX_PARTS parts split at NUL
 * bytes, each made into a message (fz_msg's, with update_id and text
 * set) by make, which knows it is part i of n. They are dispatched one
 * after another in one transaction rolled back afterwards, so every
 * input starts from the same academy. Inputs shorter than head are
 * skipped.
 */
typedef void (*fz_make_fn)(struct h_msg *m, const uint8_t *data, size_t i, size_t n);
void fz_conversation(const uint8_t *data, size_t size, size_t head, fz_make_fn make);

/* The texts of this input (borrowed until the next call), for the checks. */
void fz_input(struct fz_academy *a, char *const *parts, size_t n);

/* A path whose file holds exactly data (an anonymous in-memory file,
 * rewritten by each call). Aborts when it cannot be made. */
const char *fz_file(const uint8_t *data, size_t size);

/* Print why and abort: the fuzzer keeps the input. */
void fz_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

#endif
