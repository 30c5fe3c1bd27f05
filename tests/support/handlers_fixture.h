/*
 * handlers_fixture.h — the shared set-up of the handlers tests
 * (test_router.c, test_register.c, test_batch.c, ...): an in-memory, migrated database, a
 * hand-filled struct h_env, messages as a user would send them, and the
 * outbox rows they produced. Built into the bjj_test_support library
 * (handlers_fixture.c); its functions fail the running cmocka test.
 */
#ifndef BJJ_TESTS_HANDLERS_FIXTURE_H
#define BJJ_TESTS_HANDLERS_FIXTURE_H

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/util.h"
#include "handlers/handlers.h"
#include "storage/db.h"
#include "storage/script.h"
#include "storage/store.h"

#define HF_OWNER 100          /* the owner's Telegram id (= private chat id) */
#define HF_OWNER2 101         /* a second owner */
#define HF_NOW 1780000000     /* 2026-05-28 */
#define HF_URL "https://bjj.example.com"  /* http_public_url of hf_setup_linked */
#define HF_LINKED_STUDENT 300 /* hf_setup_linked's student #1 Oleg */
#define HF_LINKED_TRAINER 400 /* hf_setup_linked's trainer #1 Rafael */

struct hf {
	struct db *db;
	struct h_env env;
	/* The settings env.cfg points at; its strings are borrowed literals,
	 * so it is never cfg_release'd. */
	struct config cfg;
	/* Outbox rows taken by the last hf_take, in queue order. */
	struct outbox_item *items;
	size_t n;
	/* What hf_keep and hf_keep_json hold for hf_teardown to free. */
	char **kept;
	size_t n_kept, cap_kept;
	struct cJSON **kept_json;
	size_t n_kept_json, cap_kept_json;
};

int hf_setup(void **state);

/* hf_setup in the academy zone most tests use (Moscow: no DST). */
int hf_setup_moscow(void **state);

/* hf_setup with http_public_url HF_URL, student #1 Oleg on Telegram
 * HF_LINKED_STUDENT and trainer #1 Rafael on HF_LINKED_TRAINER. */
int hf_setup_linked(void **state);

int hf_teardown(void **state);

/* p (malloc'd, may be NULL), freed by hf_teardown: a test keeps the
 * strings it is given without a free() for each. Returns p. */
char *hf_keep(struct hf *f, char *p);

/* j (may be NULL), cJSON_Delete'd by hf_teardown. Returns j. */
struct cJSON *hf_keep_json(struct hf *f, struct cJSON *j);

/* cmocka's entry for a test run between hf_setup (_moscow, _linked) and
 * hf_teardown. */
#define HF_TEST(fn) cmocka_unit_test_setup_teardown(fn, hf_setup, hf_teardown)
#define HF_TEST_MOSCOW(fn) cmocka_unit_test_setup_teardown(fn, hf_setup_moscow, hf_teardown)
#define HF_TEST_LINKED(fn) cmocka_unit_test_setup_teardown(fn, hf_setup_linked, hf_teardown)

/* A text message from user `from` in their private chat, in English. */
struct h_msg hf_msg(int64_t from, const char *text);

/* The same from user `from` in the group chat `chat`. */
struct h_msg hf_group_msg(int64_t chat, int64_t from, const char *text);

/* Dispatch m; the update must be handled (0). */
void hf_send_msg(struct hf *f, const struct h_msg *m);

void hf_send(struct hf *f, int64_t from, const char *text);

/* hf_send from a Telegram client in Russian. */
void hf_send_ru(struct hf *f, int64_t from, const char *text);

/* Press the inline button with data, as from, under message 55. */
void hf_press(struct hf *f, int64_t from, const char *data);

/* Press the inline button with data, as from, under message_id. */
void hf_press_on(struct hf *f, int64_t from, const char *data, int64_t message_id);

/* Take every queued outbox row into f->items (and out of the outbox). */
size_t hf_take(struct hf *f);

/* hf_send (_ru: hf_send_ru; press: hf_press), then hf_take: the rows
 * the message or the press queued. */
size_t hf_send_take(struct hf *f, int64_t from, const char *text);
size_t hf_send_take_ru(struct hf *f, int64_t from, const char *text);
size_t hf_press_take(struct hf *f, int64_t from, const char *data);

/* Take the rows and expect exactly one message, to chat; its text. */
const char *hf_take_reply(struct hf *f, int64_t chat);

/* Take the rows and expect only messages to chat; their texts joined
 * (valid until the next take). */
const char *hf_take_all_text(struct hf *f, int64_t chat);

/* The first taken row of method to chat, or NULL. */
const struct outbox_item *hf_find(const struct hf *f, int method, int64_t chat);

/* hf_find, but the row must be there. */
const struct outbox_item *hf_get(const struct hf *f, int method, int64_t chat);

/* The text of the first taken message to chat; there must be one. */
const char *hf_text_to(const struct hf *f, int64_t chat);

/* from sends text; expect exactly one reply, to from: its text (valid
 * until the next take). */
const char *hf_ask(struct hf *f, int64_t from, const char *text);

/* hf_ask with text sent from a Telegram client in Russian. */
const char *hf_ask_ru(struct hf *f, int64_t from, const char *text);

/* from sends text, which queues n rows, a message to from among them
 * (hf_send_take, hf_text_to): its text. _ru: sent in Russian. */
const char *hf_ask_rows(struct hf *f, int64_t from, const char *text, size_t n);
const char *hf_ask_rows_ru(struct hf *f, int64_t from, const char *text, size_t n);

/* from sends text; expect exactly one reply, to from, holding want. */
void hf_expect(struct hf *f, int64_t from, const char *text, const char *want);

/* A message and what its one reply must hold: a row of a table of
 * hf_expect's. */
struct hf_case {
	const char *text, *want;
};

/* hf_expect from `from` for each of the n cases in turn; a failure names
 * the case's text. */
void hf_expect_cases(struct hf *f, int64_t from, const struct hf_case *cases, size_t n);

/* An hf_case with its own sender. */
struct hf_case_from {
	int64_t from;
	const char *text, *want;
};

/* hf_expect_cases for cases that each name their sender. */
void hf_expect_cases_from(struct hf *f, const struct hf_case_from *cases, size_t n);

/* hf_expect with text sent from a Telegram client in Russian. */
void hf_expect_ru(struct hf *f, int64_t from, const char *text, const char *want);

/* from presses the button with data (hf_press); every row is taken, and
 * the message to from holds want. */
void hf_expect_press(struct hf *f, int64_t from, const char *data, const char *want);

void hf_assert_contains(const char *haystack, const char *needle);

void hf_assert_lacks(const char *haystack, const char *needle);

/* hf_assert_contains (lacks: hf_assert_lacks) for each needle in turn,
 * up to the NULL the macros below add. */
void hf_assert_each(const char *haystack, int lacks, ...);
#define hf_assert_contains_all(haystack, ...) \
	hf_assert_each((haystack), 0, __VA_ARGS__, (const char *)NULL)
#define hf_assert_lacks_all(haystack, ...) \
	hf_assert_each((haystack), 1, __VA_ARGS__, (const char *)NULL)

/* Add a student (or trainer) with phone directly and link it to tg (0: no). */
int64_t hf_person(struct hf *f, int kind, const char *first, const char *phone, int64_t tg);

/* Add a student directly (belt NULL: white), created at `created`, and
 * link it to tg (0: no); its id. */
int64_t hf_student(struct db *db, const char *first, const char *last, const char *phone,
    const char *belt, int stripes, int64_t created, int64_t tg);

/* Student #id exists and wears belt (its code, such as "grey_white"). */
void hf_belt_is(struct hf *f, int64_t id, const char *belt);

/* 1 when record (kind, id) exists. */
int hf_exists(struct hf *f, int kind, int64_t id);

/* Run SQL (printf-style) for data no command can make: old dates,
 * birth dates. It must succeed. */
void hf_sql(struct hf *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Assert an SQL condition: the CHECK refuses false and NULL alike. */
void hf_sql_assert(struct hf *f, const char *cond);

/* The API token in a reply's <code>...</code>; owned. */
char *hf_token_of(const char *text);

/* Send command as from and return the token of its reply; owned. */
char *hf_mint(struct hf *f, int64_t from, const char *command);

/* from asks for a token with /apitoken: "Bearer <token>", owned. */
char *hf_bearer(struct hf *f, int64_t from);

#endif
