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

#include "lib/util.h"

struct training;

/* "name:value\r\n", folded: value taken as is (no escaping). */
void ics_line(struct buf *b, const char *name, const char *value);
/* "name:" then value escaped as TEXT (\\ \; \, and \n for a newline). */
void ics_text(struct buf *b, const char *name, const char *text);
/* "name:YYYYMMDDTHHMMSSZ" for unix time t. */
void ics_time(struct buf *b, const char *name, int64_t t);

/* "BEGIN:VCALENDAR" and the calendar's properties, named calname
 * (X-WR-CALNAME); the events follow, then ics_end. */
void ics_begin(struct buf *b, const char *calname);
void ics_end(struct buf *b);
/* One VEVENT for a training: UID training-<id>@bjjbot, SUMMARY "title —
 * trainer", DTSTART/DTEND in UTC, STATUS CONFIRMED or CANCELLED (the
 * reason in the DESCRIPTION), DTSTAMP now. */
void ics_training(struct buf *b, const struct training *t, int64_t now);
/* One all-day VEVENT on date (local "YYYY-MM-DD"): uid, summary and an
 * optional description (NULL or ""). */
void ics_all_day(struct buf *b, const char *uid, const char *date, const char *summary,
    const char *description, int64_t now);
/* A whole VCALENDAR: ics_begin, one ics_training per training, then more
 * (further VEVENTs already written, such as ics_all_day's; NULL: none),
 * ics_end. */
void ics_feed(struct buf *b, const char *calname, const struct training *v, size_t n,
    const char *more, int64_t now);

#endif
