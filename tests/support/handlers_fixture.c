/* handlers_fixture.c — see handlers_fixture.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <cjson/cJSON.h>

#include "cases.h"
#include "files.h"
#include "handlers_fixture.h"

int hf_setup(void **state)
{
	struct hf *f = xcalloc(1, sizeof *f);

	f->db = tf_db_migrated(":memory:");
	f->cfg.owner_ids[0] = HF_OWNER;
	f->cfg.owner_ids[1] = HF_OWNER2;
	f->cfg.n_owners = 1;
	f->cfg.academy_name = "Test & Co BJJ";
	f->cfg.currency = "RUB";
	f->cfg.invite_days = 7;
	f->cfg.checkin_before = 60;
	f->cfg.checkin_after = 30;
	f->cfg.schedule_days = 14;
	f->cfg.remind_hours_before = 2;
	f->cfg.missed_threshold = 2;
	f->cfg.absent_days = 10;
	f->cfg.payment_days_before = 3;
	f->cfg.quiet_start = 22 * 60;
	f->cfg.quiet_end = 9 * 60;
	f->env.cfg = &f->cfg;
	f->env.db = f->db;
	f->env.bot_username = "ThisBot";
	f->env.default_lang = LANG_EN;
	f->env.now = HF_NOW;
	f->env.test_mode = 1;
	*state = f;
	return 0;
}

/* hf_setup in the academy zone most tests use (Moscow: no DST). */
int hf_setup_moscow(void **state)
{
	tf_tz("Europe/Moscow");
	return hf_setup(state);
}

/* hf_setup with http_public_url HF_URL, student #1 Oleg on Telegram
 * HF_LINKED_STUDENT and trainer #1 Rafael on HF_LINKED_TRAINER. */
int hf_setup_linked(void **state)
{
	int rc = hf_setup(state);
	struct hf *f = *state;

	if (rc != 0)
		return rc;
	f->cfg.http_public_url = HF_URL;
	hf_person(f, PERSON_STUDENT, "Oleg", "+79000000003", HF_LINKED_STUDENT);
	hf_person(f, PERSON_TRAINER, "Rafael", "+79000000005", HF_LINKED_TRAINER);
	return 0;
}

int hf_teardown(void **state)
{
	struct hf *f = *state;

	outbox_items_free(f->items, f->n);
	strv_free(f->kept, f->n_kept);
	for (size_t i = 0; i < f->n_kept_json; i++)
		cJSON_Delete(f->kept_json[i]);
	free(f->kept_json);
	db_close(f->db);
	free(f);
	return 0;
}

char *hf_keep(struct hf *f, char *p)
{
	XGROW(f->kept, f->cap_kept, f->n_kept + 1);
	f->kept[f->n_kept++] = p;
	return p;
}

cJSON *hf_keep_json(struct hf *f, cJSON *j)
{
	XGROW(f->kept_json, f->cap_kept_json, f->n_kept_json + 1);
	f->kept_json[f->n_kept_json++] = j;
	return j;
}

/* A text message from user `from` in their private chat, in English. */
struct h_msg hf_msg(int64_t from, const char *text)
{
	struct h_msg m;

	memset(&m, 0, sizeof m);
	m.kind = H_MSG_TEXT;
	m.update_id = 1;
	m.chat_id = from;
	m.is_private = 1;
	m.from_id = from;
	m.from_first = "Ivan";
	m.from_last = "Guestov";
	m.from_username = "ivan_g";
	m.lang_code = "en";
	m.message_id = 7;
	m.text = text;
	return m;
}

/* The same from user `from` in the group chat `chat`. */
struct h_msg hf_group_msg(int64_t chat, int64_t from, const char *text)
{
	struct h_msg m = hf_msg(from, text);

	m.chat_id = chat;
	m.is_private = 0;
	return m;
}

/* Dispatch m; the update must be handled (0). */
void hf_send_msg(struct hf *f, const struct h_msg *m)
{
	const char *summary = NULL;

	assert_int_equal(h_dispatch(&f->env, m, &summary), 0);
	assert_non_null(summary);
}

void hf_send(struct hf *f, int64_t from, const char *text)
{
	struct h_msg m = hf_msg(from, text);

	hf_send_msg(f, &m);
}

void hf_send_ru(struct hf *f, int64_t from, const char *text)
{
	struct h_msg m = hf_msg(from, text);

	m.lang_code = "ru";
	hf_send_msg(f, &m);
}

/* Press the inline button with data, as from, under message 55. */
void hf_press(struct hf *f, int64_t from, const char *data)
{
	hf_press_on(f, from, data, 55);
}

/* Press the inline button with data, as from, under message_id. */
void hf_press_on(struct hf *f, int64_t from, const char *data, int64_t message_id)
{
	struct h_msg m = hf_msg(from, NULL);

	m.kind = H_MSG_CALLBACK;
	m.cb_id = "cbq";
	m.cb_data = data;
	m.message_id = message_id;
	hf_send_msg(f, &m);
}

/* Take every queued outbox row into f->items (and out of the outbox). */
size_t hf_take(struct hf *f)
{
	size_t i;

	outbox_items_free(f->items, f->n);
	f->items = NULL;
	f->n = 0;
	assert_int_equal(db_outbox_due(f->db, INT64_MAX, 10000, &f->items, &f->n), DB_OK);
	for (i = 0; i < f->n; i++)
		assert_int_equal(db_outbox_delete(f->db, f->items[i].id), DB_OK);
	return f->n;
}

/* Take the rows and expect exactly one message, to chat; its text. */
const char *hf_take_reply(struct hf *f, int64_t chat)
{
	assert_int_equal(hf_take(f), 1);
	assert_int_equal(f->items[0].method, OB_SEND_MESSAGE);
	assert_int_equal(f->items[0].chat_id, chat);
	assert_non_null(f->items[0].text);
	return f->items[0].text;
}

/* Take the rows and expect only messages to chat; their texts joined
 * (valid until the next take). */
const char *hf_take_all_text(struct hf *f, int64_t chat)
{
	static struct buf all;
	size_t i;

	buf_release(&all);
	assert_true(hf_take(f) >= 1);
	for (i = 0; i < f->n; i++) {
		assert_int_equal(f->items[i].method, OB_SEND_MESSAGE);
		assert_int_equal(f->items[i].chat_id, chat);
		buf_adds(&all, f->items[i].text);
	}
	return buf_str(&all);
}

/* The first taken row of method to chat, or NULL. */
const struct outbox_item *hf_find(const struct hf *f, int method, int64_t chat)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		if (f->items[i].method == method && f->items[i].chat_id == chat)
			return &f->items[i];
	}
	return NULL;
}

const struct outbox_item *hf_get(const struct hf *f, int method, int64_t chat)
{
	const struct outbox_item *it = hf_find(f, method, chat);

	assert_non_null(it);
	return it;
}

const char *hf_text_to(const struct hf *f, int64_t chat)
{
	return hf_get(f, OB_SEND_MESSAGE, chat)->text;
}

/* from sends text; expect exactly one reply, to from, holding want. */
size_t hf_send_take(struct hf *f, int64_t from, const char *text)
{
	hf_send(f, from, text);
	return hf_take(f);
}

size_t hf_send_take_ru(struct hf *f, int64_t from, const char *text)
{
	hf_send_ru(f, from, text);
	return hf_take(f);
}

size_t hf_press_take(struct hf *f, int64_t from, const char *data)
{
	hf_press(f, from, data);
	return hf_take(f);
}

const char *hf_ask(struct hf *f, int64_t from, const char *text)
{
	hf_send(f, from, text);
	return hf_take_reply(f, from);
}

const char *hf_ask_ru(struct hf *f, int64_t from, const char *text)
{
	hf_send_ru(f, from, text);
	return hf_take_reply(f, from);
}

const char *hf_ask_rows(struct hf *f, int64_t from, const char *text, size_t n)
{
	assert_int_equal(hf_send_take(f, from, text), n);
	return hf_text_to(f, from);
}

const char *hf_ask_rows_ru(struct hf *f, int64_t from, const char *text, size_t n)
{
	assert_int_equal(hf_send_take_ru(f, from, text), n);
	return hf_text_to(f, from);
}

void hf_expect(struct hf *f, int64_t from, const char *text, const char *want)
{
	hf_assert_contains(hf_ask(f, from, text), want);
}

void hf_expect_cases(struct hf *f, int64_t from, const struct hf_case *cases, size_t n)
{
	for (size_t i = 0; i < n; i++)
		case_contains(cases[i].text, hf_ask(f, from, cases[i].text), cases[i].want);
}

void hf_expect_cases_from(struct hf *f, const struct hf_case_from *cases, size_t n)
{
	for (size_t i = 0; i < n; i++)
		case_contains(cases[i].text, hf_ask(f, cases[i].from, cases[i].text), cases[i].want);
}

/* hf_expect with text sent from a Telegram client in Russian. */
void hf_expect_ru(struct hf *f, int64_t from, const char *text, const char *want)
{
	hf_assert_contains(hf_ask_ru(f, from, text), want);
}

void hf_expect_press(struct hf *f, int64_t from, const char *data, const char *want)
{
	hf_press_take(f, from, data);
	hf_assert_contains(hf_text_to(f, from), want);
}

void hf_assert_contains(const char *haystack, const char *needle)
{
	if (haystack == NULL || strstr(haystack, needle) == NULL)
		fail_msg("expected \"%s\" in \"%s\"", needle, haystack ? haystack : "(null)");
}

void hf_assert_lacks(const char *haystack, const char *needle)
{
	if (haystack != NULL && strstr(haystack, needle) != NULL)
		fail_msg("did not expect \"%s\" in \"%s\"", needle, haystack);
}

void hf_assert_each(const char *haystack, int lacks, ...)
{
	const char *needle;
	va_list ap;

	va_start(ap, lacks);
	while ((needle = va_arg(ap, const char *)) != NULL) {
		if (lacks)
			hf_assert_lacks(haystack, needle);
		else
			hf_assert_contains(haystack, needle);
	}
	va_end(ap);
}

/* Add a student (or trainer) with phone directly and link it to tg (0: no). */
int64_t hf_person(struct hf *f, int kind, const char *first, const char *phone, int64_t tg)
{
	int64_t id = 0;

	if (kind == PERSON_STUDENT)
		return hf_student(f->db, first, "Petrov", phone, NULL, 0, HF_NOW, tg);
	assert_int_equal(db_trainer_add(f->db, first, "Petrova", phone, HF_NOW, &id), DB_OK);
	if (tg != 0)
		assert_int_equal(db_person_link(f->db, kind, id, tg), DB_OK);
	return id;
}

/* Add a student directly (belt NULL: white), created at `created`, and
 * link it to tg (0: no); its id. */
int64_t hf_student(struct db *db, const char *first, const char *last, const char *phone,
    const char *belt, int stripes, int64_t created, int64_t tg)
{
	int64_t id = 0;

	assert_int_equal(db_student_add(db, first, last, phone, belt, stripes, created, &id),
	    DB_OK);
	if (tg != 0)
		assert_int_equal(db_person_link(db, PERSON_STUDENT, id, tg), DB_OK);
	return id;
}

/* 1 when record (kind, id) exists. */
void hf_belt_is(struct hf *f, int64_t id, const char *belt)
{
	struct person p;

	assert_int_equal(db_person_get(f->db, PERSON_STUDENT, id, &p), DB_OK);
	assert_string_equal(p.belt, belt);
	person_release(&p);
}

int hf_exists(struct hf *f, int kind, int64_t id)
{
	struct person p;
	int rc = db_person_get(f->db, kind, id, &p);

	assert_true(rc == DB_OK || rc == DB_NOTFOUND);
	person_release(&p);
	return rc == DB_OK;
}

/* Run SQL (printf-style) for data no command can make: old dates,
 * birth dates. It must succeed. */
void hf_sql(struct hf *f, const char *fmt, ...)
{
	struct buf b = { 0 };
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	assert_int_equal(db_admin_script(f->db, buf_str(&b)), DB_OK);
	buf_release(&b);
}

/* Assert an SQL condition: the CHECK refuses false and NULL alike. */
void hf_sql_assert(struct hf *f, const char *cond)
{
	struct buf b = { 0 };

	buf_addf(&b, "CREATE TEMP TABLE IF NOT EXISTS t_assert (ok INTEGER CHECK (ok IS 1));"
	    "INSERT INTO t_assert VALUES ((%s));", cond);
	if (db_admin_script(f->db, buf_str(&b)) != DB_OK)
		fail_msg("SQL condition is false: %s", cond);
	buf_release(&b);
}

/* The API token in a reply's <code>...</code>; owned. */
char *hf_token_of(const char *text)
{
	const char *code = strstr(text, "<code>eyJ"), *end;

	if (code == NULL)
		fail_msg("no token in \"%s\"", text);
	code += 6;
	end = strstr(code, "</code>");
	assert_non_null(end);
	return xstrndup(code, (size_t)(end - code));
}

/* Send command as from and return the token of its reply; owned. */
char *hf_mint(struct hf *f, int64_t from, const char *command)
{
	hf_send(f, from, command);
	return hf_token_of(hf_take_reply(f, from));
}

/* from asks for a token with /apitoken: "Bearer <token>", owned. */
char *hf_bearer(struct hf *f, int64_t from)
{
	char *token = hf_mint(f, from, "/apitoken");
	char *auth = xasprintf("Bearer %s", token);

	free(token);
	return auth;
}
