/*
 * test_batch.c — applying getUpdates batches: effects, replies and
 * last_update_id commit together; redelivered updates are skipped; a
 * new, lower update_id sequence is followed; a person writing too fast
 * is told once and skipped; malformed and unknown updates are skipped
 * without stopping the batch; after a crash the first batch is applied
 * one update at a time and an update that crashed it alone is
 * quarantined.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "bot/batch.h"
#include "lib/util.h"
#include "storage/internal.h"
#include "storage/script.h"
#include "storage/store.h"
#include "handlers_fixture.h"
#include "test_main.h"

static int64_t outbox_rows(struct hf *f)
{
	int64_t n = -1;
	assert_int_equal(db_outbox_count(f->db, &n), DB_OK);
	return n;
}

static int64_t stored_last(struct hf *f)
{
	int64_t v = -1;
	assert_int_equal(db_state_get_int(f->db, "last_update_id", 0, &v), DB_OK);
	return v;
}

/* A message update from `from` with text. Owned. */
static cJSON *msg_update(int64_t id, int64_t from, const char *text)
{
	char json[1024];
	snprintf(json, sizeof(json),
	    "{\"update_id\":%lld,\"message\":{\"message_id\":1,\"date\":0,"
	    "\"chat\":{\"id\":%lld,\"type\":\"private\"},"
	    "\"from\":{\"id\":%lld,\"is_bot\":false,\"first_name\":\"U\",\"language_code\":\"en\"},"
	    "\"text\":\"%s\"}}", (long long)id, (long long)from, (long long)from, text);
	cJSON *u = cJSON_Parse(json);
	assert_non_null(u);
	return u;
}

static void test_batch_applies_and_commits(void **state)
{
	struct hf *f = *state;
	int64_t last = 0;
	cJSON *batch = hf_keep_json(f, cJSON_CreateArray());
	cJSON_AddItemToArray(batch, msg_update(1001, 100, "/addstudent Ivan Petrov +79001234567"));
	cJSON_AddItemToArray(batch, msg_update(1002, 200, "/help"));

	assert_int_equal(batch_apply(&f->env, batch, &last, NULL, NULL), 2);
	assert_true(last == 1002);
	assert_true(stored_last(f) == 1002);
	assert_true(outbox_rows(f) >= 2);
	struct person p;
	assert_int_equal(db_person_get(f->db, PERSON_STUDENT, 1, &p), DB_OK);
	assert_string_equal(p.first_name, "Ivan");
	person_release(&p);
}

static void test_batch_redelivery_skipped(void **state)
{
	struct hf *f = *state;
	int64_t last = 0, lower_at = 0;
	cJSON *batch = hf_keep_json(f, cJSON_CreateArray());
	cJSON_AddItemToArray(batch, msg_update(1001, 100, "/addstudent Ivan Petrov +79001234567"));
	cJSON_AddItemToArray(batch, msg_update(1002, 200, "/addstudent Anna Ivanova +79001234568"));

	assert_int_equal(batch_apply(&f->env, batch, &last, &lower_at, NULL), 2);
	int64_t rows = outbox_rows(f);
	/* Telegram sends the same batch again (the bot died before the next
	 * getUpdates): nothing is applied twice, nothing is replied twice. */
	assert_int_equal(batch_apply(&f->env, batch, &last, &lower_at, NULL), 0);
	assert_true(last == 1002);
	assert_true(outbox_rows(f) == rows);
	struct person p;
	assert_int_equal(db_person_get(f->db, PERSON_STUDENT, 3, &p), DB_NOTFOUND);
	/* and a fresh process, reading last_update_id from the database,
	 * with no memory of an earlier answer */
	int64_t restarted = stored_last(f), fresh_lower = 0;
	assert_int_equal(batch_apply(&f->env, batch, &restarted, &fresh_lower, NULL), 0);
	assert_true(restarted == 1002);
	assert_true(stored_last(f) == 1002);
	assert_true(outbox_rows(f) == rows);
	assert_int_equal(db_person_get(f->db, PERSON_STUDENT, 3, &p), DB_NOTFOUND);
	/* A batch that still holds an applied update next to a new one: the
	 * applied one is skipped. */
	cJSON *again = hf_keep_json(f, cJSON_CreateArray());
	cJSON_AddItemToArray(again, msg_update(1002, 200, "/addstudent Anna Ivanova +79001234568"));
	cJSON_AddItemToArray(again, msg_update(1003, 300, "/help"));
	assert_int_equal(batch_apply(&f->env, again, &restarted, &fresh_lower, NULL), 1);
	assert_true(restarted == 1003);
	assert_true(outbox_rows(f) == rows + 1);
	assert_int_equal(db_person_get(f->db, PERSON_STUDENT, 3, &p), DB_NOTFOUND);
	/* A redelivery after a batch that moved on is skipped again: the
	 * memory of the first one is gone. */
	assert_int_equal(batch_apply(&f->env, again, &restarted, &fresh_lower, NULL), 0);
	assert_true(outbox_rows(f) == rows + 1);
}

/*
 * Telegram may start a new, lower update_id sequence after a week without
 * updates. A batch wholly at or below last is skipped the first time (it
 * may be a redelivery); served again for offset last + 1, which confirmed
 * every id up to last, it is that new sequence: it is handled and the
 * stored id follows it, so the next offset moves on.
 */
static void test_batch_ids_restart_lower(void **state)
{
	struct hf *f = *state;
	int64_t last = 0, lower_at = 0;
	cJSON *old = hf_keep_json(f, cJSON_CreateArray());
	cJSON_AddItemToArray(old, msg_update(500000, 200, "/help"));
	assert_int_equal(batch_apply(&f->env, old, &last, &lower_at, NULL), 1);
	int64_t rows = outbox_rows(f);

	cJSON *fresh = hf_keep_json(f, cJSON_CreateArray());
	cJSON_AddItemToArray(fresh, msg_update(7, 200, "/help"));
	cJSON_AddItemToArray(fresh, msg_update(8, 300, "/help"));
	assert_int_equal(batch_apply(&f->env, fresh, &last, &lower_at, NULL), 0);
	assert_true(last == 500000);
	assert_true(outbox_rows(f) == rows);
	/* an empty answer in between confirms nothing new */
	cJSON *empty = hf_keep_json(f, cJSON_CreateArray());
	assert_int_equal(batch_apply(&f->env, empty, &last, &lower_at, NULL), 0);
	cJSON_AddItemToArray(fresh, msg_update(9, 300, "/help"));
	assert_int_equal(batch_apply(&f->env, fresh, &last, &lower_at, NULL), 3);
	assert_true(last == 9);
	assert_true(stored_last(f) == 9);
	assert_true(lower_at == 0);
	assert_true(outbox_rows(f) == rows + 3);
	/* the new sequence goes on normally; its own redeliveries are skipped */
	cJSON *next = hf_keep_json(f, cJSON_CreateArray());
	cJSON_AddItemToArray(next, msg_update(9, 300, "/help"));
	cJSON_AddItemToArray(next, msg_update(10, 300, "/help"));
	assert_int_equal(batch_apply(&f->env, next, &last, &lower_at, NULL), 1);
	assert_true(last == 10);
	assert_true(outbox_rows(f) == rows + 4);
}

/* A batch with no usable update_id at all changes nothing. */
static void test_batch_without_ids(void **state)
{
	struct hf *f = *state;
	int64_t last = 40;
	cJSON *batch = hf_keep_json(f, cJSON_CreateArray());
	cJSON_AddItemToArray(batch, cJSON_Parse("{\"update_id\":1e300,\"poll\":{}}"));
	cJSON_AddItemToArray(batch, cJSON_Parse("{\"no_id\":true}"));
	assert_int_equal(batch_apply(&f->env, batch, &last, NULL, NULL), 0);
	assert_true(last == 40);
	assert_true(outbox_rows(f) == 0);
}

/* A message update from `from` in language lang. Owned. */
static cJSON *msg_update_lang(int64_t id, int64_t from, const char *text, const char *lang)
{
	cJSON *u = msg_update(id, from, text);
	cJSON *fr = cJSON_GetObjectItem(cJSON_GetObjectItem(u, "message"), "from");
	cJSON_ReplaceItemInObject(fr, "language_code", cJSON_CreateString(lang));
	return u;
}

/* n "/help" updates from chat added to batch, update ids from *id on;
 * with language_code lang (NULL: "en"). */
static void flood(cJSON *batch, int64_t *id, int64_t chat, const char *lang, int n)
{
	for (int i = 0; i < n; i++, (*id)++)
		cJSON_AddItemToArray(batch, lang != NULL ? msg_update_lang(*id, chat, "/help", lang) :
		    msg_update(*id, chat, "/help"));
}

/* Taken rows (hf_take) to chat whose text contains needle. */
static int rows_matching(struct hf *f, int64_t chat, const char *needle)
{
	int n = 0;
	for (size_t i = 0; i < f->n; i++)
		if (f->items[i].chat_id == chat && f->items[i].text && strstr(f->items[i].text, needle))
			n++;
	return n;
}

/* The input limiter of the LIMIT_TEST tests, fresh for each. */
static struct pace_input limiter;

static int limit_setup(void **state)
{
	pace_input_init(&limiter);
	return hf_setup(state);
}

static int limit_teardown(void **state)
{
	pace_input_release(&limiter);
	return hf_teardown(state);
}

/* A test between limit_setup and limit_teardown. */
#define LIMIT_TEST(fn) cmocka_unit_test_setup_teardown(fn, limit_setup, limit_teardown)

/*
 * One person flooding: the first PACE_INPUT_BURST updates are handled,
 * the next gets one polite notice (in their language), the rest nothing;
 * owners are never limited.
 */
static void test_batch_input_limit(void **state)
{
	struct hf *f = *state;
	int64_t last = 0, id = 1;
	cJSON *batch = hf_keep_json(f, cJSON_CreateArray());

	flood(batch, &id, 500, NULL, 60);
	flood(batch, &id, 600, "ru", 60);
	flood(batch, &id, HF_OWNER, NULL, 60);
	int handled = batch_apply(&f->env, batch, &last, NULL, &limiter);
	/* a token may come back while the batch runs */
	assert_in_range(handled, 2 * (int)PACE_INPUT_BURST + 60, 2 * (int)PACE_INPUT_BURST + 62);
	assert_true(last == id - 1);
	hf_take(f);
	assert_int_equal(rows_matching(f, 500, "slow down"), 1);
	assert_int_equal(rows_matching(f, 600, "помедленнее"), 1);
	assert_int_equal(rows_matching(f, HF_OWNER, "slow down"), 0);
	assert_int_equal(rows_matching(f, HF_OWNER, "помедленнее"), 0);
	/* no reply was queued for the skipped updates */
	int to500 = 0;
	for (size_t i = 0; i < f->n; i++)
		to500 += f->items[i].chat_id == 500;
	assert_in_range(to500, (int)PACE_INPUT_BURST + 1, (int)PACE_INPUT_BURST + 2);
	/* a button pressed while over the limit is still answered */
	cJSON *press = hf_keep_json(f, cJSON_Parse("[{\"update_id\":100000,\"callback_query\":{\"id\":\"cq1\","
	    "\"data\":\"x\",\"from\":{\"id\":500,\"first_name\":\"G\"}}}]"));
	assert_int_equal(batch_apply(&f->env, press, &last, NULL, &limiter), 0);
	hf_take(f);
	int answers = 0;
	for (size_t i = 0; i < f->n; i++)
		answers += f->items[i].method == OB_ANSWER_CALLBACK && f->items[i].ref &&
		    strcmp(f->items[i].ref, "cq1") == 0;
	assert_int_equal(answers, 1);
}

/*
 * language_code is optional in an update: a person known to read Russian
 * who floods from a client that sends none gets the notice in Russian,
 * like the replies before it, not in the academy's language.
 */
static void test_batch_input_limit_stored_lang(void **state)
{
	struct hf *f = *state;
	int64_t last = 0, id = 1;
	cJSON *batch = hf_keep_json(f, cJSON_CreateArray());

	cJSON_AddItemToArray(batch, msg_update_lang(id++, 800, "/help", "ru"));
	for (int i = 0; i < 40; i++) {
		cJSON *u = msg_update(id++, 800, "/help");
		cJSON_DeleteItemFromObject(cJSON_GetObjectItem(cJSON_GetObjectItem(u, "message"),
		    "from"), "language_code");
		cJSON_AddItemToArray(batch, u);
	}
	assert_true(batch_apply(&f->env, batch, &last, NULL, &limiter) > 1);
	hf_take(f);
	assert_int_equal(rows_matching(f, 800, "помедленнее"), 1);
	assert_int_equal(rows_matching(f, 800, "slow down"), 0);
	/* the help replies to the updates without a code are Russian too */
	assert_int_equal(rows_matching(f, 800, "start and link"), 0);
	assert_true(rows_matching(f, 800, "начать и привязать") >= 2);
}

/*
 * A batch rolled back (a database failure) comes again: the input limit
 * counts its updates once, so the redelivered batch is handled as the
 * first try would have been, notice included.
 */
static void test_batch_input_limit_rollback(void **state)
{
	struct hf *f = *state;
	int64_t last = 0, id = 1;
	cJSON *batch = hf_keep_json(f, cJSON_CreateArray());

	flood(batch, &id, 500, NULL, 25);
	assert_int_equal(db_admin_script(f->db,
	    "CREATE TEMP TRIGGER no_state BEFORE INSERT ON bot_state "
	    "BEGIN SELECT RAISE(ABORT, 'disk full'); END;"), DB_OK);
	assert_int_equal(batch_apply(&f->env, batch, &last, NULL, &limiter), -1);
	assert_true(last == 0);
	assert_true(outbox_rows(f) == 0);
	assert_int_equal(db_admin_script(f->db, "DROP TRIGGER no_state;"), DB_OK);

	int handled = batch_apply(&f->env, batch, &last, NULL, &limiter);
	assert_in_range(handled, (int)PACE_INPUT_BURST, (int)PACE_INPUT_BURST + 1);
	assert_true(last == 25);
	hf_take(f);
	assert_int_equal(rows_matching(f, 500, "slow down"), 1);
}

/* A trainer marking a big roster taps faster than the limit: never cut. */
static void test_batch_input_limit_trainer(void **state)
{
	struct hf *f = *state;
	int64_t last = 0, id = 1;
	cJSON *batch = hf_keep_json(f, cJSON_CreateArray());

	hf_person(f, PERSON_TRAINER, "Anna", "+79001234599", 700);
	flood(batch, &id, 700, NULL, 60);
	assert_int_equal(batch_apply(&f->env, batch, &last, NULL, &limiter), 60);
	hf_take(f);
	assert_int_equal(rows_matching(f, 700, "slow down"), 0);
}

static void test_batch_skips_bad_updates(void **state)
{
	struct hf *f = *state;
	int64_t last = 0;
	cJSON *batch = hf_keep_json(f, cJSON_CreateArray());
	cJSON_AddItemToArray(batch, cJSON_Parse("{\"update_id\":5,\"message\":\"garbage\"}"));
	cJSON_AddItemToArray(batch, cJSON_Parse("{\"update_id\":6,\"poll\":{\"id\":\"1\"}}"));
	cJSON_AddItemToArray(batch, cJSON_Parse("{\"no_id\":true}"));
	cJSON_AddItemToArray(batch, msg_update(7, 200, "/help"));

	assert_int_equal(batch_apply(&f->env, batch, &last, NULL, NULL), 1);
	/* the bad ones are marked handled: they are not fetched again */
	assert_true(last == 7);
	assert_true(stored_last(f) == 7);
}

static void test_batch_empty_and_invalid(void **state)
{
	struct hf *f = *state;
	int64_t last = 42;
	cJSON *empty = hf_keep_json(f, cJSON_CreateArray());
	cJSON *obj = hf_keep_json(f, cJSON_CreateObject());

	assert_int_equal(batch_apply(&f->env, empty, &last, NULL, NULL), 0);
	assert_true(last == 42);
	assert_int_equal(batch_apply(&f->env, obj, &last, NULL, NULL), -1);
	assert_true(last == 42);
	assert_true(outbox_rows(f) == 0);
}

static int64_t state_int(struct hf *f, const char *key)
{
	int64_t v = -1;
	assert_int_equal(db_state_get_int(f->db, key, 0, &v), DB_OK);
	return v;
}

/* A crash record file holding text, armed (batch_crash_arm); its fd. */
static int crash_record(const char *text)
{
	char path[] = "/tmp/bjj-crash-XXXXXX";
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	unlink(path);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	assert_int_equal(batch_crash_arm(fd), 0);
	return fd;
}

static off_t crash_record_size(int fd)
{
	struct stat st;

	assert_int_equal(fstat(fd, &st), 0);
	return st.st_size;
}

/*
 * The start-up states: a clean stop needs no careful batch; a run that
 * did not stop (a crash, SIGKILL while idle) gets one and quarantines
 * nothing; a run killed from outside while it handled an update alone
 * (a suspect, no crash record) tries that update again; a run that
 * crashed on its suspect update (the record names it) quarantines it:
 * the offset moves past it, the suspect is cleared and the owners are
 * told once per update, in the academy's language.
 */
static void test_batch_recover_states(void **state)
{
	struct hf *f = *state;
	int64_t last = 0;
	int careful = -1;

	assert_int_equal(batch_recover(&f->env, &last, &careful), 0);
	assert_int_equal(careful, 0);
	assert_true(last == 0);
	assert_true(state_int(f, "running") == 1);
	/* no orderly stop: careful, nothing skipped, nobody told */
	assert_int_equal(batch_recover(&f->env, &last, &careful), 0);
	assert_int_equal(careful, 1);
	assert_true(last == 0);
	assert_true(outbox_rows(f) == 0);
	/* an orderly stop */
	assert_int_equal(batch_stopped(f->db), 0);
	assert_true(state_int(f, "running") == 0);
	assert_int_equal(batch_recover(&f->env, &last, &careful), 0);
	assert_int_equal(careful, 0);

	/* killed (SIGKILL, the power) while handling update 1005 alone: no
	 * record, so it is tried again, and nobody is told */
	int fd = crash_record("");
	assert_int_equal(db_state_set_int(f->db, "last_update_id", 1004), DB_OK);
	assert_int_equal(db_state_set_int(f->db, "suspect", 1005), DB_OK);
	last = 1004;
	assert_int_equal(batch_recover(&f->env, &last, &careful), 0);
	assert_int_equal(careful, 1);
	assert_true(last == 1004);
	assert_true(stored_last(f) == 1004);
	assert_true(state_int(f, "suspect") == 0);
	assert_true(outbox_rows(f) == 0);
	close(fd);
	/* a record of another update does not blame this one */
	fd = crash_record("1003\n");
	assert_int_equal(db_state_set_int(f->db, "suspect", 1005), DB_OK);
	assert_int_equal(batch_recover(&f->env, &last, &careful), 0);
	assert_true(last == 1004);
	assert_true(outbox_rows(f) == 0);
	close(fd);

	/* crashed while handling update 1005 alone; the record is kept
	 * while the verdict is not committed (a start that fails, or dies,
	 * before that must find it again) */
	fd = crash_record("1005\n");
	assert_true(crash_record_size(fd) == 5);
	assert_int_equal(db_state_set_int(f->db, "suspect", 1005), DB_OK);
	hf_sql(f, "CREATE TEMP TRIGGER fail_running BEFORE INSERT ON bot_state "
	    "WHEN NEW.key = 'running' BEGIN SELECT RAISE(ABORT, 'disk'); END");
	assert_int_equal(batch_recover(&f->env, &last, &careful), -1);
	assert_true(crash_record_size(fd) == 5);
	assert_true(state_int(f, "suspect") == 1005);
	assert_true(stored_last(f) == 1004);
	assert_true(outbox_rows(f) == 0);
	hf_sql(f, "DROP TRIGGER fail_running");
	/* and emptied once it is */
	assert_int_equal(batch_recover(&f->env, &last, &careful), 0);
	assert_true(crash_record_size(fd) == 0);
	assert_int_equal(careful, 1);
	assert_true(last == 1005);
	assert_true(stored_last(f) == 1005);
	assert_true(state_int(f, "suspect") == 0);
	hf_take(f);
	assert_int_equal(f->n, 1);
	assert_true(f->items[0].chat_id == HF_OWNER);
	hf_assert_contains(f->items[0].text, "Update 1005 crashed the bot twice");
	hf_sql_assert(f, "(SELECT count(*) FROM notifications WHERE key = 'poison:1005' "
	    "AND kind = 'poison' AND created_at > 0) = 1");
	/* the same update suspected again: skipped again, told once only */
	assert_int_equal(db_state_set_int(f->db, "suspect", 1005), DB_OK);
	assert_int_equal(batch_recover(&f->env, &last, &careful), 0);
	assert_true(last == 1005);
	assert_true(outbox_rows(f) == 0);
	close(fd);
	/* another one, in Russian */
	fd = crash_record("1009\n");
	f->env.default_lang = LANG_RU;
	assert_int_equal(db_state_set_int(f->db, "suspect", 1009), DB_OK);
	assert_int_equal(batch_recover(&f->env, &last, &careful), 0);
	assert_true(last == 1009);
	hf_take(f);
	assert_int_equal(f->n, 1);
	hf_assert_contains(f->items[0].text,
	    "Обновление 1009 дважды приводило к аварийной остановке бота");
	close(fd);
}

/*
 * The crash record: an update that crashes the process while handled
 * alone is written there by the signal handler, and the process still
 * dies of its signal; updates handled without crashing leave it empty.
 */
static void test_batch_crash_record(void **state)
{
	struct hf *f = *state;
	int64_t last = 1000;
	int fd = crash_record(""), st = 0;
	char buf[32] = "";
	cJSON *updates = hf_keep_json(f, cJSON_CreateArray());

	cJSON_AddItemToArray(updates, msg_update(1001, HF_OWNER, "/help"));
	assert_int_equal(batch_apply_careful(&f->env, updates, &last, NULL, NULL), 1);
	assert_true(last == 1001);
	assert_true(crash_record_size(fd) == 0);

	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		/* The child crashes on update 1003, the second it handles,
		 * with the default actions behind the record (not cmocka's). */
		signal(SIGABRT, SIG_DFL);
		signal(SIGSEGV, SIG_DFL);
		if (batch_crash_arm(fd) != 0)
			_exit(1);
		updates = hf_keep_json(f, cJSON_CreateArray());
		cJSON_AddItemToArray(updates, msg_update(1002, HF_OWNER, "/help"));
		cJSON_AddItemToArray(updates, msg_update(1003, HF_OWNER, "/debug_crash"));
		batch_apply_careful(&f->env, updates, &last, NULL, NULL);
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFSIGNALED(st));
	assert_int_equal(WTERMSIG(st), SIGABRT);
	assert_true(pread(fd, buf, sizeof(buf) - 1, 0) > 0);
	assert_string_equal(buf, "1003\n");
	close(fd);
}

/* Authorizer: the update's savepoint cannot be opened. */
static int deny_update_savepoint(void *arg, int action, const char *a1, const char *a2,
    const char *a3, const char *a4)
{
	(void)arg;
	(void)a3;
	(void)a4;
	if (action == SQLITE_SAVEPOINT && a1 != NULL && strcmp(a1, "BEGIN") == 0 &&
	    a2 != NULL && strcmp(a2, "upd") == 0)
		return SQLITE_DENY;
	return SQLITE_OK;
}

/*
 * A careful batch that fails while an update is blamed (here: its
 * savepoint cannot be opened) blames nobody afterwards: a crash outside
 * any update leaves the crash record empty.
 */
static void test_batch_careful_failure_blames_nobody(void **state)
{
	struct hf *f = *state;
	int fd = crash_record(""), st = 0;
	char buf[32] = "";

	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int64_t last = 1000;
		cJSON *updates = hf_keep_json(f, cJSON_CreateArray());

		signal(SIGABRT, SIG_DFL);
		if (batch_crash_arm(fd) != 0)
			_exit(1);
		cJSON_AddItemToArray(updates, msg_update(1001, HF_OWNER, "/help"));
		sqlite3_set_authorizer(f->db->h, deny_update_savepoint, NULL);
		if (batch_apply_careful(&f->env, updates, &last, NULL, NULL) != -1 || last != 1000)
			_exit(2);
		abort();
	}
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFSIGNALED(st));
	assert_int_equal(WTERMSIG(st), SIGABRT);
	assert_int_equal(pread(fd, buf, sizeof(buf) - 1, 0), 0);
	assert_string_equal(buf, "");
	close(fd);
}

/*
 * A careful batch commits each update alone and leaves no suspect
 * behind; a failing update is rolled back alone as in a normal batch,
 * and bad updates move the offset.
 */
static void test_batch_careful(void **state)
{
	struct hf *f = *state;
	int64_t last = 0;
	cJSON *batch = hf_keep_json(f, cJSON_CreateArray());
	cJSON_AddItemToArray(batch, msg_update(1001, HF_OWNER, "/addstudent Ivan Petrov +79001234567"));
	cJSON_AddItemToArray(batch, msg_update(1002, 200, "/help"));
	cJSON_AddItemToArray(batch, cJSON_Parse("{\"update_id\":1003,\"message\":\"garbage\"}"));

	assert_int_equal(batch_apply_careful(&f->env, batch, &last, NULL, NULL), 2);
	assert_true(last == 1003);
	assert_true(stored_last(f) == 1003);
	assert_true(state_int(f, "suspect") == 0);
	assert_true(hf_exists(f, PERSON_STUDENT, 1));
	hf_take(f);
	assert_int_equal(rows_matching(f, HF_OWNER, "#1"), 1);
	assert_true(f->n >= 2);
	/* redelivered: nothing again */
	assert_int_equal(batch_apply_careful(&f->env, batch, &last, NULL, NULL), 0);
	assert_true(outbox_rows(f) == 0);
}

/*
 * A database failure in a careful batch keeps the updates committed before
 * it (they are not handled twice when the rest comes again) and clears
 * the suspect: a failure is not a crash.
 */
static void test_batch_careful_failure(void **state)
{
	struct hf *f = *state;
	int64_t last = 0;
	cJSON *batch = hf_keep_json(f, cJSON_CreateArray());
	cJSON_AddItemToArray(batch, msg_update(1001, 200, "/help"));
	cJSON_AddItemToArray(batch, msg_update(1002, 300, "/help"));
	cJSON_AddItemToArray(batch, msg_update(1003, 400, "/help"));

	hf_sql(f, "CREATE TEMP TRIGGER fail_1002 BEFORE INSERT ON bot_state "
	    "WHEN NEW.key = 'suspect' AND NEW.value = 1002 BEGIN SELECT RAISE(ABORT, 'disk'); END");
	assert_int_equal(batch_apply_careful(&f->env, batch, &last, NULL, NULL), -1);
	assert_true(last == 1001);
	assert_true(stored_last(f) == 1001);
	assert_true(state_int(f, "suspect") == 0);
	hf_take(f);
	assert_int_equal(f->n, 1);
	assert_true(f->items[0].chat_id == 200);
	hf_sql(f, "DROP TRIGGER fail_1002");
	assert_int_equal(batch_apply_careful(&f->env, batch, &last, NULL, NULL), 2);
	assert_true(last == 1003);
	hf_take(f);
	assert_int_equal(f->n, 2);
	assert_int_equal(rows_matching(f, 200, "/"), 0);
}

BJJ_TEST_MAIN(
	HF_TEST(test_batch_applies_and_commits),
	HF_TEST(test_batch_redelivery_skipped),
	HF_TEST(test_batch_ids_restart_lower),
	HF_TEST(test_batch_without_ids),
	LIMIT_TEST(test_batch_input_limit_rollback),
	LIMIT_TEST(test_batch_input_limit_trainer),
	LIMIT_TEST(test_batch_input_limit),
	LIMIT_TEST(test_batch_input_limit_stored_lang),
	HF_TEST(test_batch_skips_bad_updates),
	HF_TEST(test_batch_empty_and_invalid),
	HF_TEST(test_batch_recover_states),
	HF_TEST(test_batch_crash_record),
	HF_TEST(test_batch_careful),
	HF_TEST(test_batch_careful_failure),
	HF_TEST(test_batch_careful_failure_blames_nobody),
)
