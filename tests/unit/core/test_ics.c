/*
 * test_ics.c — the iCalendar writer (http/ics.c): CRLF line endings,
 * folding at 75 octets that never splits a UTF-8 character, TEXT
 * escaping, UTC times, a feed's events (cancelled ones marked) and
 * all-day events (exams).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "http/ics.h"
#include "storage/schedule.h"

/* Every line of s ends in CRLF, none is longer than 75 octets, no bare
 * LF or CR, and no line starts inside a UTF-8 character. */
static void assert_rfc_lines(const char *s)
{
	const char *p = s;

	while (*p) {
		const char *e = strstr(p, "\r\n");

		assert_non_null(e);
		assert_true(e - p <= 75);
		for (const char *q = p; q < e; q++)
			assert_true(*q != '\n' && *q != '\r');
		/* a continuation starts with a space, then a whole character */
		if (p != s && *p == ' ')
			assert_true(((unsigned char)p[1] & 0xC0) != 0x80);
		assert_true(((unsigned char)*p & 0xC0) != 0x80);
		p = e + 2;
	}
}

/* s with the folding undone (CRLF + space removed). Owned. */
static char *unfold(const char *s)
{
	char *out = malloc(strlen(s) + 1), *o = out;

	assert_non_null(out);
	while (*s) {
		if (s[0] == '\r' && s[1] == '\n' && s[2] == ' ')
			s += 3;
		else
			*o++ = *s++;
	}
	*o = '\0';
	return out;
}

static void test_fold_cyrillic(void **state)
{
	struct buf b = { 0 };
	/* 2-octet letters after a 1-octet "SUMMARY:" prefix: a naive cut at
	 * 75 would land inside a letter */
	const char *text = "Основы бразильского джиу-джитсу для взрослых и подростков — "
	    "Рафаэль Рибейру, вечерняя группа";
	char *plain;

	(void)state;
	ics_text(&b, "SUMMARY", text);
	assert_true(b.len > 150);
	assert_rfc_lines(buf_str(&b));
	assert_non_null(strstr(buf_str(&b), "\r\n "));
	plain = unfold(buf_str(&b));
	assert_int_equal(strncmp(plain, "SUMMARY:", 8), 0);
	/* the comma escaped, otherwise the same text */
	assert_non_null(strstr(plain, "Рибейру\\, вечерняя"));
	free(plain);
	buf_release(&b);
}

static void test_fold_exact(void **state)
{
	struct buf b = { 0 };
	char v[200];

	(void)state;
	/* "X:" + 73 octets = 75: one line; one octet more: folded */
	memset(v, 'a', 73);
	v[73] = '\0';
	ics_line(&b, "X", v);
	assert_int_equal(b.len, 77);
	assert_null(strstr(buf_str(&b), "\r\n "));
	buf_truncate(&b, 0);
	v[73] = 'a';
	v[74] = '\0';
	ics_line(&b, "X", v);
	assert_int_equal(b.len, 81);
	assert_int_equal(memcmp(buf_str(&b) + 75, "\r\n a\r\n", 6), 0);
	buf_release(&b);
}

static void test_escape(void **state)
{
	struct buf b = { 0 };

	(void)state;
	ics_text(&b, "DESCRIPTION", "a\\b;c,d\ne\r\nf");
	assert_string_equal(buf_str(&b), "DESCRIPTION:a\\\\b\\;c\\,d\\ne\\nf\r\n");
	buf_release(&b);
}

static void test_time(void **state)
{
	struct buf b = { 0 };

	(void)state;
	ics_time(&b, "DTSTART", 1767205800); /* 2025-12-31 18:30:00 UTC */
	assert_string_equal(buf_str(&b), "DTSTART:20251231T183000Z\r\n");
	buf_release(&b);
}

static void test_feed(void **state)
{
	struct training v[2] = {
		{ .id = 7, .starts_at = 1767205800, .duration_min = 90, .title = "Gi; Fundamentals",
		  .trainer_name = "Rafael Silva" },
		{ .id = 8, .starts_at = 1767292200, .duration_min = 60, .title = "No-Gi",
		  .cancelled = 1, .cancel_reason = "Mat repair, sorry" },
	};
	struct buf b = { 0 };
	const char *s;

	(void)state;
	ics_feed(&b, "Test & Co, BJJ", v, 2, "BEGIN:VEVENT\r\nUID:x\r\nEND:VEVENT\r\n", 1767200000);
	s = buf_str(&b);
	assert_rfc_lines(s);
	assert_int_equal(strncmp(s, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", 30), 0);
	assert_non_null(strstr(s, "X-WR-CALNAME:Test & Co\\, BJJ\r\n"));
	assert_non_null(strstr(s, "BEGIN:VEVENT\r\nUID:training-7@bjjbot\r\nDTSTAMP:20251231T165320Z\r\n"
	    "DTSTART:20251231T183000Z\r\nDTEND:20251231T200000Z\r\n"
	    "SUMMARY:Gi\\; Fundamentals — Rafael Silva\r\nSTATUS:CONFIRMED\r\nEND:VEVENT\r\n"));
	assert_non_null(strstr(s, "UID:training-8@bjjbot\r\n"));
	assert_non_null(strstr(s, "SUMMARY:No-Gi\r\nSTATUS:CANCELLED\r\n"
	    "DESCRIPTION:Mat repair\\, sorry\r\nEND:VEVENT\r\n"));
	/* the further events after the classes, before the end */
	assert_non_null(strstr(s, "DESCRIPTION:Mat repair\\, sorry\r\nEND:VEVENT\r\n"
	    "BEGIN:VEVENT\r\nUID:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"));
	assert_int_equal(strcmp(s + strlen(s) - 15, "END:VCALENDAR\r\n"), 0);
	buf_release(&b);
}

/* An all-day event: DTSTART as a DATE, no DTEND, the summary and the
 * description escaped; none without a description. */
static void test_all_day(void **state)
{
	struct buf b = { 0 };
	(void)state;

	ics_all_day(&b, "exam-7@bjjbot", "2026-06-10", "Belt exam: Ivan Petrov, blue belt", "Passed", 0);
	ics_all_day(&b, "exam-8@bjjbot", "2026-12-31", "Exam", NULL, 0);
	assert_rfc_lines(buf_str(&b));
	assert_string_equal(buf_str(&b),
	    "BEGIN:VEVENT\r\nUID:exam-7@bjjbot\r\nDTSTAMP:19700101T000000Z\r\n"
	    "DTSTART;VALUE=DATE:20260610\r\nSUMMARY:Belt exam: Ivan Petrov\\, blue belt\r\n"
	    "STATUS:CONFIRMED\r\nDESCRIPTION:Passed\r\nEND:VEVENT\r\n"
	    "BEGIN:VEVENT\r\nUID:exam-8@bjjbot\r\nDTSTAMP:19700101T000000Z\r\n"
	    "DTSTART;VALUE=DATE:20261231\r\nSUMMARY:Exam\r\nSTATUS:CONFIRMED\r\nEND:VEVENT\r\n");
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold_cyrillic),
		cmocka_unit_test(test_fold_exact),
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_time),
		cmocka_unit_test(test_feed),
		cmocka_unit_test(test_all_day),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
