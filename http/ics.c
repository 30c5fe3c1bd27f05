/*
 * ics.c — the iCalendar writer (see ics.h).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "http/ics.h"
#include "storage/schedule.h"

/* RFC 5545 3.1: lines longer than 75 octets are folded. */
#define ICS_LINE_MAX 75

/* Append line (no CRLF yet) folded: CRLF and a space before the octet
 * that would make a line longer than 75, never inside a UTF-8 sequence. */
static void ics_fold(struct buf *b, const char *line, size_t len)
{
	size_t used = 0, i = 0;

	while (i < len) {
		size_t ch = 1;

		/* the length of the character starting at i */
		while (i + ch < len && ((unsigned char)line[i + ch] & 0xC0) == 0x80)
			ch++;
		if (used + ch > ICS_LINE_MAX) {
			buf_adds(b, "\r\n ");
			used = 1;
		}
		buf_add(b, line + i, ch);
		used += ch;
		i += ch;
	}
	buf_adds(b, "\r\n");
}

void ics_line(struct buf *b, const char *name, const char *value)
{
	struct buf l = { 0 };

	buf_adds(&l, name);
	buf_addc(&l, ':');
	buf_adds(&l, value);
	ics_fold(b, buf_str(&l), l.len);
	buf_release(&l);
}

void ics_text(struct buf *b, const char *name, const char *text)
{
	struct buf v = { 0 };

	for (const char *p = text; *p; p++) {
		if (*p == '\\' || *p == ';' || *p == ',') {
			buf_addc(&v, '\\');
			buf_addc(&v, *p);
		} else if (*p == '\n') {
			buf_adds(&v, "\\n");
		} else if (*p == '\r' || ((unsigned char)*p < 0x20 && *p != '\t')) {
			/* controls are not allowed in TEXT: a CR before \n goes */
			continue;
		} else {
			buf_addc(&v, *p);
		}
	}
	ics_line(b, name, buf_str(&v));
	buf_release(&v);
}

void ics_time(struct buf *b, const char *name, int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char v[32];

	gmtime_r(&tt, &tm);
	strftime(v, sizeof(v), "%Y%m%dT%H%M%SZ", &tm);
	ics_line(b, name, v);
}

void ics_training(struct buf *b, const struct training *t, int64_t now)
{
	char uid[64];
	struct buf s = { 0 };

	snprintf(uid, sizeof(uid), "training-%lld@bjjbot", (long long)t->id);
	buf_adds(b, "BEGIN:VEVENT\r\n");
	ics_line(b, "UID", uid);
	ics_time(b, "DTSTAMP", now);
	ics_time(b, "DTSTART", t->starts_at);
	ics_time(b, "DTEND", t->starts_at + (int64_t)t->duration_min * 60);
	buf_adds(&s, t->title ? t->title : "");
	if (t->trainer_name != NULL && *t->trainer_name != '\0') {
		buf_adds(&s, " — ");
		buf_adds(&s, t->trainer_name);
	}
	ics_text(b, "SUMMARY", buf_str(&s));
	ics_line(b, "STATUS", t->cancelled ? "CANCELLED" : "CONFIRMED");
	if (t->cancelled && t->cancel_reason != NULL && *t->cancel_reason != '\0')
		ics_text(b, "DESCRIPTION", t->cancel_reason);
	buf_adds(b, "END:VEVENT\r\n");
	buf_release(&s);
}

void ics_all_day(struct buf *b, const char *uid, const char *date, const char *summary,
    const char *description, int64_t now)
{
	char v[9];

	/* "YYYY-MM-DD" -> "YYYYMMDD"; a one-day event needs no DTEND */
	snprintf(v, sizeof(v), "%.4s%.2s%.2s", date, date + 5, date + 8);
	buf_adds(b, "BEGIN:VEVENT\r\n");
	ics_line(b, "UID", uid);
	ics_time(b, "DTSTAMP", now);
	ics_line(b, "DTSTART;VALUE=DATE", v);
	ics_text(b, "SUMMARY", summary);
	ics_line(b, "STATUS", "CONFIRMED");
	if (description != NULL && *description != '\0')
		ics_text(b, "DESCRIPTION", description);
	buf_adds(b, "END:VEVENT\r\n");
}

void ics_begin(struct buf *b, const char *calname)
{
	buf_adds(b, "BEGIN:VCALENDAR\r\n");
	ics_line(b, "VERSION", "2.0");
	ics_line(b, "PRODID", "-//bjjbot//calendar feed//EN");
	ics_line(b, "CALSCALE", "GREGORIAN");
	ics_line(b, "METHOD", "PUBLISH");
	ics_text(b, "X-WR-CALNAME", calname);
}

void ics_end(struct buf *b)
{
	buf_adds(b, "END:VCALENDAR\r\n");
}

void ics_feed(struct buf *b, const char *calname, const struct training *v, size_t n,
    const char *more, int64_t now)
{
	ics_begin(b, calname);
	for (size_t i = 0; i < n; i++)
		ics_training(b, &v[i], now);
	if (more != NULL)
		buf_adds(b, more);
	ics_end(b);
}
