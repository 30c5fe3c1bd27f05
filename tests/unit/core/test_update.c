/*
 * test_update.c — recorded Telegram payloads (the JSON files in tests/data) through
 * update_parse, and Bot API answers through tg_classify; cJSON's allocator.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "bot/telegram.h"
#include "bot/update.h"
#include "lib/util.h"
#include "cases.h"
#include "files.h"
#include "test_main.h"

/* The fixture's text, owned. */
static char *fixture(const char *name)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", BJJ_TEST_DATA, name);
	return tf_read(path, NULL);
}

static cJSON *fixture_json(const char *name)
{
	char *text = fixture(name);
	cJSON *j = cJSON_Parse(text);
	free(text);
	assert_non_null(j);
	return j;
}

/* The recorded update `name` through update_parse into *m, which must
 * give `want` (for UPDATE_OK a message of `kind`). The tree *m borrows
 * from is the test's state until the next parse or tree_teardown. */
static void parsed(void **state, const char *name, int want, int kind, struct h_msg *m)
{
	cJSON_Delete(*state);
	*state = fixture_json(name);
	assert_int_equal(update_parse(*state, m), want);
	if (want == UPDATE_OK)
		assert_int_equal(m->kind, kind);
}

static int tree_teardown(void **state)
{
	cJSON_Delete(*state);
	return 0;
}

/* The update in text must be refused as malformed; *m as it parsed. */
static void assert_malformed(const char *text, struct h_msg *m)
{
	cJSON *u = cJSON_Parse(text);

	assert_non_null(u);
	assert_int_equal(update_parse(u, m), UPDATE_MALFORMED);
	cJSON_Delete(u);
}

static void test_text_message(void **state)
{
	struct h_msg m;
	parsed(state, "update_text.json", UPDATE_OK, H_MSG_TEXT, &m);
	assert_true(m.update_id == 987654321);
	/* ids above 32 bits survive */
	assert_true(m.from_id == INT64_C(5000000001));
	assert_true(m.chat_id == INT64_C(5000000001));
	assert_true(m.is_private);
	assert_string_equal(m.text, "/checkin@bjj_test_bot now");
	assert_string_equal(m.lang_code, "ru");
	assert_string_equal(m.from_username, "ivanp");
	assert_string_equal(m.from_last, "Petrov");
	assert_true(m.message_id == 12);
}

static void test_contact(void **state)
{
	struct h_msg m;
	parsed(state, "update_contact.json", UPDATE_OK, H_MSG_CONTACT, &m);
	assert_string_equal(m.contact_phone, "79001234567");
	assert_true(m.contact_user_id == 200);
	assert_null(m.text);
}

static void test_callback(void **state)
{
	struct h_msg m;
	parsed(state, "update_callback.json", UPDATE_OK, H_MSG_CALLBACK, &m);
	assert_string_equal(m.cb_id, "4382bfdwdsb323b2d9");
	assert_string_equal(m.cb_data, "att:12:5");
	assert_true(m.chat_id == 200);
	assert_true(m.message_id == 77);
	/* too old to carry its message: answered in the user's chat */
	parsed(state, "update_callback_old.json", UPDATE_OK, H_MSG_CALLBACK, &m);
	assert_true(m.chat_id == 200);
	assert_true(m.message_id == 0);
}

static void test_member_blocked(void **state)
{
	struct h_msg m;
	parsed(state, "update_blocked.json", UPDATE_OK, H_MSG_MEMBER, &m);
	assert_int_equal(m.member_blocked, 1);
	assert_true(m.from_id == 200);
}

static void test_ignored_and_media(void **state)
{
	struct h_msg m;
	parsed(state, "update_edited.json", UPDATE_IGNORED, 0, &m);
	assert_true(m.update_id == 1005);
	parsed(state, "update_photo.json", UPDATE_OK, H_MSG_TEXT, &m);
	assert_null(m.text);
}

static void test_malformed(void **state)
{
	static const char *const bad[] = {
		"[]",
		"{}",
		"{\"update_id\":\"7\"}",
		"{\"update_id\":7,\"message\":5}",
		"{\"update_id\":7,\"message\":{\"chat\":{\"id\":1}}}",
		"{\"update_id\":7,\"message\":{\"from\":{\"id\":1},\"chat\":{}}}",
		"{\"update_id\":7,\"callback_query\":{\"from\":{\"id\":1}}}",
		"{\"update_id\":7,\"message\":{\"from\":{\"id\":1},\"chat\":{\"id\":1},\"contact\":{}}}",
	};
	struct h_msg m;
	(void)state;
	for (size_t i = 0; i < BJJ_ARRAY_LEN(bad); i++)
		assert_malformed(bad[i], &m);
}

static void test_bot_sender_ignored(void **state)
{
	struct h_msg m;
	(void)state;
	cJSON *u = cJSON_Parse("{\"update_id\":9,\"message\":{\"from\":{\"id\":5,\"is_bot\":true},"
	    "\"chat\":{\"id\":5,\"type\":\"private\"},\"text\":\"/help\"}}");
	assert_int_equal(update_parse(u, &m), UPDATE_IGNORED);
	cJSON_Delete(u);
}

/* Classify a body with an HTTP status. */
static struct tg_result classify(long status, const char *body, cJSON **root)
{
	struct http_resp resp = { 1, status, NULL, body, strlen(body) };
	struct tg_result r;
	tg_classify(&resp, &r, root);
	return r;
}

static void test_classify(void **state)
{
	/* An HTTP status and body; the class; whether the body parsed. A
	 * proxy's HTML page and a cut-off body are transient, not a crash. */
	static const struct {
		long http;
		const char *body;
		int status, parsed;
	} answers[] = {
		{ 401, "{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}", TG_UNAUTHORIZED, 1 },
		{ 409, "{\"ok\":false,\"error_code\":409,\"description\":\"Conflict\"}", TG_CONFLICT, 1 },
		{ 400, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: chat not found\"}",
		  TG_BAD_REQUEST, 1 },
		{ 502, "{\"ok\":false,\"error_code\":502,\"description\":\"Bad Gateway\"}", TG_RETRY, 1 },
		{ 502, "<html><body>502 Bad Gateway</body></html>", TG_RETRY, 0 },
		{ 200, "{\"ok\":true,\"resu", TG_RETRY, 0 },
		{ 200, "", TG_RETRY, 0 },
	};
	cJSON *root;
	struct tg_result r;
	char *body;
	(void)state;

	r = classify(200, "{\"ok\":true,\"result\":[]}", &root);
	assert_int_equal(r.status, TG_OK);
	assert_true(cJSON_IsArray(r.result));
	cJSON_Delete(root);

	body = fixture("error_429.json");
	r = classify(429, body, &root);
	assert_int_equal(r.status, TG_FLOOD);
	assert_int_equal(r.retry_after, 7);
	cJSON_Delete(root);
	free(body);

	body = fixture("error_403.json");
	r = classify(403, body, &root);
	assert_int_equal(r.status, TG_FORBIDDEN);
	assert_string_equal(r.description, "Forbidden: bot was blocked by the user");
	cJSON_Delete(root);
	free(body);

	for (size_t i = 0; i < BJJ_ARRAY_LEN(answers); i++) {
		r = classify(answers[i].http, answers[i].body, &root);
		assert_int_equal(r.status, answers[i].status);
		if (answers[i].parsed)
			cJSON_Delete(root);
		else
			assert_null(root);
	}
}

/* The sender's answers: Telegram's success is taken without a parse only
 * when it is one whole, balanced object; anything else is classified in
 * full, as tg_classify does. */
static void test_classify_unread(void **state)
{
	static const struct {
		long http;
		const char *body;
		int status, fast;
	} answers[] = {
		{ 200, "{\"ok\":true,\"result\":{\"message_id\":7,\"chat\":{\"id\":5},"
		    "\"text\":\"a } and a ] and \\\" and \\\\\",\"entities\":[{\"type\":\"bold\"}]}}\n",
		  TG_OK, 1 },
		{ 200, "{\"ok\":true}", TG_OK, 1 },
		/* Telegram said ok; what follows is not checked beyond its
		 * brackets (a parse finds no JSON: a retry would send twice). */
		{ 200, "{\"ok\":true,\"result\":{\"date\":17x}}", TG_OK, 1 },
		/* Cut off, or more than one value: the full parse decides. */
		{ 200, "{\"ok\":true,\"result\":{\"message_id\":7}", TG_RETRY, 0 },
		{ 200, "{\"ok\":true,\"result\":{\"text\":\"}}\"", TG_RETRY, 0 },
		{ 200, "{\"ok\":true,\"result\":{\"text\":\"x\\", TG_RETRY, 0 },
		{ 200, "{\"ok\":true,\"result\":[}]}", TG_RETRY, 0 },
		/* (cJSON reads the first value and stops, as before) */
		{ 200, "{\"ok\":true}{\"ok\":false}", TG_OK, 0 },
		{ 200, "{\"ok\":trueish}", TG_RETRY, 0 },
		{ 200, "{\"ok\":true", TG_RETRY, 0 },
		/* Other spellings of success are parsed, and still succeed. */
		{ 200, "{ \"ok\": true, \"result\": {} }", TG_OK, 0 },
		{ 200, "{\"result\":{},\"ok\":true}", TG_OK, 0 },
		/* Not a 200: never taken as sent. */
		{ 500, "{\"ok\":true,\"result\":{}}", TG_OK, 0 },
		{ 429, "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests\","
		    "\"parameters\":{\"retry_after\":3}}", TG_FLOOD, 0 },
	};
	(void)state;

	for (size_t i = 0; i < BJJ_ARRAY_LEN(answers); i++) {
		struct http_resp resp = { 1, answers[i].http, NULL, answers[i].body,
		    strlen(answers[i].body) };
		struct tg_result r, full;
		cJSON *root, *full_root;

		assert_int_equal(tg_classify_unread(&resp, &r, &root), answers[i].fast);
		assert_int_equal(r.status, answers[i].status);
		assert_non_null(r.description);
		tg_classify(&resp, &full, &full_root);
		if (!answers[i].fast || full_root != NULL) {
			assert_int_equal(r.status, full.status);
			assert_int_equal(r.retry_after, full.retry_after);
		}
		if (answers[i].fast) {
			assert_null(root);
			assert_null(r.result);
			assert_string_equal(r.description, "");
		}
		cJSON_Delete(root);
		cJSON_Delete(full_root);
	}
	/* A transport failure is one, whatever came before it. */
	{
		struct http_resp resp = { 0, 0, "Timeout was reached", NULL, 0 };
		struct tg_result r;
		cJSON *root;

		assert_int_equal(tg_classify_unread(&resp, &r, &root), 0);
		assert_int_equal(r.status, TG_RETRY);
		assert_null(root);
	}
}

/* What a 400 is about, for the sender: decided by tg_classify alone. */
static void test_classify_bad_request(void **state)
{
	static const struct {
		long status;
		const char *description;
		enum tg_status st;
		enum tg_bad_request bad;
	} cases[] = {
		{ 400, "Bad Request: message is not modified: specified new message content "
		    "and reply markup are exactly the same", TG_BAD_REQUEST, TG_BAD_NOT_MODIFIED },
		{ 400, "Bad Request: can't parse entities: Unsupported start tag \\\"x\\\"",
		    TG_BAD_REQUEST, TG_BAD_ENTITIES },
		{ 400, "Bad Request: chat not found", TG_BAD_REQUEST, TG_BAD_CHAT_NOT_FOUND },
		{ 400, "Bad Request: message text is empty", TG_BAD_REQUEST, TG_BAD_OTHER },
		/* Only a 400 has a kind: the same words in a 5xx are not one. */
		{ 500, "Internal Server Error: chat not found", TG_RETRY, TG_BAD_OTHER },
		{ 403, "Forbidden: bot was blocked by the user", TG_FORBIDDEN, TG_BAD_OTHER },
	};
	(void)state;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char body[512];
		cJSON *root;
		struct tg_result r;

		snprintf(body, sizeof(body),
		    "{\"ok\":false,\"error_code\":%ld,\"description\":\"%s\"}",
		    cases[i].status, cases[i].description);
		r = classify(cases[i].status, body, &root);
		assert_int_equal(r.status, cases[i].st);
		assert_int_equal(r.bad, cases[i].bad);
		cJSON_Delete(root);
	}
}

static void test_classify_transport(void **state)
{
	struct http_resp resp = { 0, 0, "Timeout was reached", "", 0 };
	struct tg_result r;
	cJSON *root;
	(void)state;
	tg_classify(&resp, &r, &root);
	assert_int_equal(r.status, TG_RETRY);
	assert_string_equal(r.description, "Timeout was reached");
	assert_null(root);
}

static void test_json_i64(void **state)
{
	(void)state;
	cJSON *j = cJSON_Parse("{\"id\":-1001234567890,\"s\":\"x\"}");
	assert_true(tg_json_i64(j, "id", 0) == INT64_C(-1001234567890));
	assert_true(tg_json_i64(j, "s", 42) == 42);
	assert_true(tg_json_i64(j, "none", 42) == 42);
	cJSON_Delete(j);
}

/* Numbers no int64 holds exactly are refused, never converted (UB). */
static void test_json_i64_out_of_range(void **state)
{
	/* Each key's value as read with the default 7. */
	static const struct {
		const char *key;
		int64_t want;
	} cases[] = {
		{ "big", 7 }, { "neg", 7 }, { "p63", 7 }, { "inf", 7 }, { "frac", 7 },
		{ "p53", INT64_C(9007199254740992) }, { "m53", -INT64_C(9007199254740992) },
		{ "nan", 7 },
	};
	(void)state;
	cJSON *j = cJSON_Parse("{\"big\":1e300,\"neg\":-1e300,\"p63\":9223372036854775808,"
	    "\"inf\":1e999,\"frac\":12.5,\"p53\":9007199254740992,\"m53\":-9007199254740992}");
	assert_non_null(j);
	cJSON_AddNumberToObject(j, "nan", NAN);
	for (size_t i = 0; i < BJJ_ARRAY_LEN(cases); i++)
		case_true(cases[i].key, tg_json_i64(j, cases[i].key, 7) == cases[i].want);
	cJSON_Delete(j);
}

/* An update whose ids no int64 holds is malformed, not a crash. */
static void test_update_ids_out_of_range(void **state)
{
	static const char *const bad[] = {
		"{\"update_id\":1e300,\"message\":{\"message_id\":1,\"chat\":{\"id\":5,\"type\":\"private\"},"
		"\"from\":{\"id\":5,\"first_name\":\"A\"},\"text\":\"/help\"}}",
		"{\"update_id\":-1e300,\"message\":{\"message_id\":1,\"chat\":{\"id\":5,\"type\":\"private\"},"
		"\"from\":{\"id\":5,\"first_name\":\"A\"},\"text\":\"/help\"}}",
		"{\"update_id\":3.5,\"message\":{\"message_id\":1,\"chat\":{\"id\":5,\"type\":\"private\"},"
		"\"from\":{\"id\":5,\"first_name\":\"A\"},\"text\":\"/help\"}}",
		"{\"update_id\":3,\"message\":{\"message_id\":1,\"chat\":{\"id\":5,\"type\":\"private\"},"
		"\"from\":{\"id\":9223372036854775808,\"first_name\":\"A\"},\"text\":\"/help\"}}",
		"{\"update_id\":3,\"message\":{\"message_id\":1,\"chat\":{\"id\":-1e300,\"type\":\"private\"},"
		"\"from\":{\"id\":5,\"first_name\":\"A\"},\"text\":\"/help\"}}",
		"{\"update_id\":3,\"callback_query\":{\"id\":\"q\",\"data\":\"x\","
		"\"from\":{\"id\":1e300,\"first_name\":\"A\"}}}",
	};
	struct h_msg m;
	(void)state;
	for (size_t i = 0; i < BJJ_ARRAY_LEN(bad); i++) {
		assert_malformed(bad[i], &m);
		if (i < 3)
			assert_true(m.update_id == 0);
	}
}

/* A huge retry_after waits the cap, not a wrapped negative number. */
static void test_classify_retry_after_range(void **state)
{
	cJSON *root;
	struct tg_result r;
	(void)state;
	r = classify(429, "{\"ok\":false,\"error_code\":429,\"description\":\"x\","
	    "\"parameters\":{\"retry_after\":4294967297}}", &root);
	assert_int_equal(r.status, TG_FLOOD);
	assert_int_equal(r.retry_after, TG_RETRY_AFTER_MAX);
	cJSON_Delete(root);
	r = classify(429, "{\"ok\":false,\"error_code\":1e300,\"description\":\"x\","
	    "\"parameters\":{\"retry_after\":1e300}}", &root);
	assert_int_equal(r.status, TG_FLOOD);
	assert_int_equal(r.error_code, 429);
	assert_int_equal(r.retry_after, 1);
	cJSON_Delete(root);
}

/* Under AddressSanitizer too, an allocation that cannot be made returns
 * NULL (as from malloc), so the allocator's answer is what is tested. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "allocator_may_return_null=1";
}

/*
 * After tg_json_init, cJSON allocates with xmalloc: an allocation that
 * cannot be made aborts with the bot's message instead of returning NULL
 * (without the hooks cJSON_malloc returns NULL); trees are still made,
 * printed and freed with them.
 */
static void test_json_hooks_abort(void **state)
{
	int fds[2], st = 0;
	char out[256] = "";
	ssize_t n, got = 0;
	pid_t pid;

	(void)state;
	tg_json_init();
	cJSON *j = cJSON_Parse("{\"a\":[1,\"x\"]}");
	assert_non_null(j);
	char *text = cJSON_PrintUnformatted(j);
	assert_string_equal(text, "{\"a\":[1,\"x\"]}");
	cJSON_free(text);
	cJSON_Delete(j);

	assert_int_equal(pipe(fds), 0);
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		signal(SIGABRT, SIG_DFL);
		dup2(fds[1], 2);
		close(fds[0]);
		if (cJSON_malloc(SIZE_MAX) == NULL)
			_exit(3);
		_exit(4);
	}
	close(fds[1]);
	while (got < (ssize_t)sizeof(out) - 1 && (n = read(fds[0], out + got, sizeof(out) - 1 - (size_t)got)) > 0)
		got += n;
	close(fds[0]);
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_false(WIFEXITED(st));
	assert_true(WIFSIGNALED(st));
	assert_int_equal(WTERMSIG(st), SIGABRT);
	assert_non_null(strstr(out, "bjjbot: out of memory"));
}

BJJ_TEST_MAIN(
	cmocka_unit_test_teardown(test_text_message, tree_teardown),
	cmocka_unit_test_teardown(test_contact, tree_teardown),
	cmocka_unit_test_teardown(test_callback, tree_teardown),
	cmocka_unit_test_teardown(test_member_blocked, tree_teardown),
	cmocka_unit_test_teardown(test_ignored_and_media, tree_teardown),
	cmocka_unit_test(test_malformed),
	cmocka_unit_test(test_bot_sender_ignored),
	cmocka_unit_test(test_classify),
	cmocka_unit_test(test_classify_transport),
	cmocka_unit_test(test_classify_bad_request),
	cmocka_unit_test(test_json_i64),
	cmocka_unit_test(test_json_hooks_abort),
	cmocka_unit_test(test_json_i64_out_of_range),
	cmocka_unit_test(test_update_ids_out_of_range),
	cmocka_unit_test(test_classify_retry_after_range),
	cmocka_unit_test(test_classify_unread),
)
