/*
 * ics.h — an iCalendar (RFC 5545) writer for the calendar feeds: content
 * lines with CRLF endings, folded at 75 octets without splitting a UTF-8
 * character, TEXT values escaped, times in UTC ("Z").
 *
 * Callers: http/calendar.c (GET /calendar/<secret>.ics), tests.
 */
#ifndef BJJ_ICS_H
#define BJJ_ICS_H

#include <stddef.h>
#include <stdint.h>

#include "bot/util.h"

struct training;

/* "name:value\r\n", folded: value taken as is (no escaping). */
void ics_line(struct buf *b, const char *name, const char *value);
/* "name:" then value escaped as TEXT (\\ \; \, and \n for a newline). */
void ics_text(struct buf *b, const char *name, const char *text);
/* "name:YYYYMMDDTHHMMSSZ" for unix time t. */
void ics_time(struct buf *b, const char *name, int64_t t);

/*
 * A whole VCALENDAR named calname (X-WR-CALNAME) with one VEVENT per
 * training: UID training-<id>@bjjbot, SUMMARY "title — trainer",
 * DTSTART/DTEND in UTC, STATUS CONFIRMED or CANCELLED (the reason in the
 * DESCRIPTION), DTSTAMP now.
 */
void ics_feed(struct buf *b, const char *calname, const struct training *v, size_t n, int64_t now);

#endif
