/*
 * test_util.c — HTML escaping and stripping, reply splitting, phone
 * normalisation, random codes, number parsing, the fake clock, arrays
 * grown with xgrow.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "lib/alloc.h"
#include "lib/util.h"
#include "test_main.h"

/* A JSON string literal: quotes, backslashes and control characters
 * escaped, UTF-8 as it is, NULL as "". */
static void test_json_str(void **state)
{
	struct buf b = { 0 };

	(void)state;
	buf_add_json_str(&b, "a\"b\\c\nd\re\tf\bg\fh\x01i\x1fj </b> Ёж");
	assert_string_equal(buf_str(&b),
	    "\"a\\\"b\\\\c\\nd\\re\\tf\\bg\\fh\\u0001i\\u001fj </b> Ёж\"");
	buf_truncate(&b, 0);
	buf_add_json_str(&b, NULL);
	buf_add_json_str(&b, "");
	buf_add_json_str(&b, "plain");
	assert_string_equal(buf_str(&b), "\"\"\"\"\"plain\"");
	buf_release(&b);
}

static void test_html_escape(void **state)
{
	(void)state;
	char *s = html_escape("<b>& \"x\" Ёж");
	assert_string_equal(s, "&lt;b&gt;&amp; &quot;x&quot; Ёж");
	free(s);
	s = html_escape(NULL);
	assert_string_equal(s, "");
	free(s);
}

static void test_html_to_plain(void **state)
{
	(void)state;
	char *s = html_to_plain("<b>Ivan</b> &lt;3 &amp; <i>you</i> &copy; 5 > 3");
	assert_string_equal(s, "Ivan <3 & you &copy; 5 > 3");
	free(s);
}

static void test_utf8_lower(void **state)
{
	char *s;
	(void)state;
	s = utf8_lower("АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ Force-1 ёж ß");
	assert_string_equal(s, "абвгдеёжзийклмнопрстуфхцчшщъыьэюя force-1 ёж ß");
	free(s);
	s = utf8_lower(NULL);
	assert_string_equal(s, "");
	free(s);
	/* a lone lead byte at the end is kept, not read past */
	s = utf8_lower("A\xD0");
	assert_string_equal(s, "a\xD0");
	free(s);
	assert_true(utf8_ieq("СДАЛ", "сдал"));
	assert_true(utf8_ieq("Принудительно", "принудительно"));
	assert_true(utf8_ieq("FORCE", "force"));
	assert_false(utf8_ieq("сдал", "не сдал"));
	assert_false(utf8_ieq("е", "ё"));
}

/* utf8_invalid_at: where text stops being UTF-8, or len. */
static void test_utf8_invalid_at(void **state)
{
	(void)state;
	assert_int_equal(utf8_invalid_at("", 0), 0);
	assert_int_equal(utf8_invalid_at("Привет 🥋", strlen("Привет 🥋")), strlen("Привет 🥋"));
	assert_int_equal(utf8_invalid_at("ab\0c", 4), 2);             /* a NUL */
	assert_int_equal(utf8_invalid_at("a\xD0", 2), 1);             /* cut short */
	assert_int_equal(utf8_invalid_at("a\x80" "b", 3), 1);            /* stray continuation */
	assert_int_equal(utf8_invalid_at("\xC0\xAF", 2), 0);          /* overlong '/' */
	assert_int_equal(utf8_invalid_at("\xE0\x80\xAF", 3), 0);      /* overlong, 3 bytes */
	assert_int_equal(utf8_invalid_at("\xED\xA0\x80", 3), 0);      /* a surrogate */
	assert_int_equal(utf8_invalid_at("x\xF4\x90\x80\x80", 5), 1);  /* beyond U+10FFFF */
	assert_int_equal(utf8_invalid_at("\xF0\x9F\xA5\x8B", 3), 0);  /* len cuts the emoji */
}

static void test_utf8_len(void **state)
{
	(void)state;
	assert_int_equal(utf8_len(""), 0);
	assert_int_equal(utf8_len("abc"), 3);
	assert_int_equal(utf8_len("Привет"), 6);
}

static void test_split_short(void **state)
{
	char **parts;
	(void)state;
	size_t n = text_split("hello\nworld", 4096, &parts);
	assert_int_equal(n, 1);
	assert_string_equal(parts[0], "hello\nworld");
	strv_free(parts, n);
}

static void test_split_lines(void **state)
{
	struct buf b = { 0 };
	char **parts;
	(void)state;
	for (int i = 0; i < 100; i++)
		buf_addf(&b, "line %03d: <b>%s</b>\n", i, "ЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖ");
	size_t n = text_split(buf_str(&b), 1000, &parts);
	assert_true(n > 1);
	struct buf joined = { 0 };
	for (size_t i = 0; i < n; i++) {
		assert_true(utf8_len(parts[i]) <= 1000);
		/* every part ends at a line end: no tag is cut */
		assert_int_equal(parts[i][strlen(parts[i]) - 1], '>');
		buf_adds(&joined, parts[i]);
		buf_addc(&joined, '\n');
	}
	assert_string_equal(buf_str(&joined), buf_str(&b));
	strv_free(parts, n);
	buf_release(&b);
	buf_release(&joined);
}

static void test_split_long_line(void **state)
{
	struct buf b = { 0 };
	char **parts;
	size_t total = 0;
	(void)state;
	/* one 10000-char line of entities and no spaces: cut, but never
	 * inside "&amp;" */
	for (int i = 0; i < 2000; i++)
		buf_adds(&b, "&amp;");
	size_t n = text_split(buf_str(&b), 4096, &parts);
	assert_int_equal(n, 3);
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(parts[i]);
		assert_true(len <= 4096);
		assert_int_equal(len % 5, 0);
		assert_memory_equal(parts[i], "&amp;", 5);
		total += len;
	}
	assert_int_equal(total, 10000);
	strv_free(parts, n);
	buf_release(&b);
}

/* Emoji count two toward Telegram's limit. */
static void test_split_emoji(void **state)
{
	struct buf b = { 0 };
	char **parts;
	(void)state;
	for (int i = 0; i < 3000; i++)
		buf_adds(&b, "🥋");
	size_t n = text_split(buf_str(&b), 4096, &parts);
	assert_int_equal(n, 2);
	assert_int_equal(utf8_len(parts[0]), 2048);
	assert_int_equal(utf8_len(parts[1]), 952);
	strv_free(parts, n);
	buf_release(&b);
}

static void test_phone(void **state)
{
	char out[PHONE_MAX];
	(void)state;
	assert_int_equal(phone_normalize("+7 (900) 123-45-67", out), 0);
	assert_string_equal(out, "+79001234567");
	assert_int_equal(phone_normalize("89001234567", out), 0);
	assert_string_equal(out, "+79001234567");
	assert_int_equal(phone_normalize("0044 20 7946 0958", out), 0);
	assert_string_equal(out, "+442079460958");
	assert_int_equal(phone_normalize("79001234567", out), 0);
	assert_string_equal(out, "+79001234567");
	assert_int_equal(phone_normalize("12345", out), -1);
	assert_int_equal(phone_normalize("+7 900 abc", out), -1);
	assert_int_equal(phone_normalize("1234567890123456", out), -1);
	assert_int_equal(phone_normalize("", out), -1);
	assert_int_equal(phone_normalize(NULL, out), -1);
}

static void test_random_code(void **state)
{
	char a[17], b[17];
	(void)state;
	random_code(a, 16);
	random_code(b, 16);
	assert_int_equal(strlen(a), 16);
	assert_int_equal(strspn(a, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"), 16);
	assert_string_not_equal(a, b);
	assert_int_equal(code_span(a), 16);
	assert_int_equal(code_span("aZ09_-/x"), 6);
	assert_int_equal(code_span("a.b"), 1);
	assert_int_equal(code_span("%41"), 0);
	assert_int_equal(code_span("\xd0\x90"), 0);
	assert_int_equal(code_span(""), 0);
}

static void test_parse_i64(void **state)
{
	int64_t v;
	(void)state;
	assert_int_equal(parse_i64("9007199254740993", &v), 0);
	assert_true(v == INT64_C(9007199254740993));
	assert_int_equal(parse_i64("-5", &v), 0);
	assert_true(v == -5);
	assert_int_equal(parse_i64("5x", &v), -1);
	assert_int_equal(parse_i64("", &v), -1);
	assert_int_equal(parse_i64(" 5", &v), -1);
	assert_int_equal(parse_i64("99999999999999999999", &v), -1);
}

static void test_buf(void **state)
{
	struct buf b = { 0 };
	(void)state;
	assert_string_equal(buf_str(&b), "");
	buf_addf(&b, "%d-%s", 42, "x");
	buf_addc(&b, '!');
	assert_string_equal(buf_str(&b), "42-x!");
	buf_truncate(&b, 2);
	assert_string_equal(buf_str(&b), "42");
	char *s = buf_detach(&b);
	assert_string_equal(s, "42");
	assert_null(b.s);
	free(s);
}

/* Runs first: the environment is read at the first clock_now(). */
static void test_clock_env_offset(void **state)
{
	(void)state;
	setenv("BJJBOT_FAKE_NOW", "2000000000", 1);
	int64_t t = clock_now();
	assert_true(t >= 2000000000 && t < 2000000005);
	/* it runs: a later reading is not earlier */
	assert_true(clock_now() >= t);
	unsetenv("BJJBOT_FAKE_NOW");
}

static void test_clock_fake(void **state)
{
	(void)state;
	clock_set_fake(1700000000);
	assert_true(clock_now() == 1700000000);
	clock_set_fake(0);
	/* back to the running clock, still shifted by BJJBOT_FAKE_NOW */
	assert_true(clock_now() >= 2000000000);
}

/* Under a test time scale the bot's clocks run that much faster; only
 * lower bounds are checked (the machine may be slow, never fast). */
static void test_clock_scale(void **state)
{
	struct timespec nap = { 0, 100 * 1000 * 1000 };
	(void)state;
	assert_true(clock_span(3.0) == 3.0);
	clock_set_scale(50.0);
	assert_true(clock_span(5.0) == 0.1);
	int64_t t = clock_now();
	double b = clock_bot();
	nanosleep(&nap, NULL);
	/* 0.1 s of real time: 5 s of the bot's (a whole second lost to rounding) */
	assert_true(clock_now() - t >= 4);
	assert_true(clock_bot() - b >= 4.9);
	clock_set_scale(1.0);
	assert_true(clock_span(3.0) == 3.0);
	/* back to the real clock, still shifted by BJJBOT_FAKE_NOW */
	assert_true(clock_now() >= 2000000000);
}

/* Rows appended one by one keep their values; the capacity doubles from
 * 8, so it is never less than the rows nor more than twice them. */
static void test_xgrow(void **state)
{
	int *v = NULL;
	size_t n = 0, cap = 0;
	(void)state;

	/* Nothing needed, nothing allocated. */
	assert_null(xgrow(v, &cap, 0, sizeof(*v)));
	assert_int_equal(cap, 0);
	for (int i = 0; i < 1000; i++) {
		XGROW(v, cap, n + 1);
		v[n++] = i * 3;
		assert_true(cap >= n);
		assert_true(cap == 8 || cap < 2 * n);
	}
	assert_int_equal(cap, 1024);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(v[i], (int)i * 3);
	/* Room enough: the same array, the same capacity. */
	int *same = v;
	XGROW(v, cap, 10);
	assert_ptr_equal(v, same);
	assert_int_equal(cap, 1024);
	free(v);
}

/* A size that cannot be allocated aborts with a message, as xmalloc does,
 * instead of wrapping around to a small array. */
static void test_xgrow_overflow(void **state)
{
	int status;
	pid_t pid;
	(void)state;

	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		size_t cap = 0;
		void *p = xgrow(NULL, &cap, SIZE_MAX / 4, 16);
		_exit(p == NULL ? 3 : 4);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGABRT);
}

/* A secret is wiped to its last byte before it is freed. */
static void test_secret_wipe(void **state)
{
	char s[] = "token:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
	size_t n = strlen(s);

	(void)state;
	secret_wipe(s);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(s[i], 0);
	secret_wipe(NULL);
	secret_free(NULL);
	secret_free(xstrdup("code"));
}

BJJ_TEST_MAIN(
	cmocka_unit_test(test_secret_wipe),
	cmocka_unit_test(test_clock_env_offset),
	cmocka_unit_test(test_json_str),
	cmocka_unit_test(test_html_escape),
	cmocka_unit_test(test_html_to_plain),
	cmocka_unit_test(test_utf8_len),
	cmocka_unit_test(test_utf8_invalid_at),
	cmocka_unit_test(test_utf8_lower),
	cmocka_unit_test(test_split_short),
	cmocka_unit_test(test_split_lines),
	cmocka_unit_test(test_split_long_line),
	cmocka_unit_test(test_split_emoji),
	cmocka_unit_test(test_phone),
	cmocka_unit_test(test_random_code),
	cmocka_unit_test(test_parse_i64),
	cmocka_unit_test(test_buf),
	cmocka_unit_test(test_clock_fake),
	cmocka_unit_test(test_clock_scale),
	cmocka_unit_test(test_xgrow),
	cmocka_unit_test(test_xgrow_overflow),
)
