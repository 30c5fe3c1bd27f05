/*
 * civil.h — the academy's calendar, for every layer (and its money,
 * money.h, which this header includes for older files).
 *
 * Times are stored as UTC unix seconds and shown and typed in the academy's
 * time zone, which main.c makes the process's zone (TZ) at start, so the
 * C library's localtime/mktime do the conversions, DST included.
 */
#ifndef BJJ_CIVIL_H
#define BJJ_CIVIL_H

#include <stdint.h>

#include "lib/buf.h"
#include "lib/money.h"

/* A local moment broken down. wday: 0 = Monday ... 6 = Sunday. */
struct civil {
	int year, month, day;      /* month 1-12 */
	int wday;
	int minute;                /* minutes since local midnight */
};

/*
 * The one parser of typed dates, times and weekdays: every command uses
 * these, so a form that works in one works in all.
 *
 * A real date: "YYYY-MM-DD" or, as phones make easy, "DD.MM.YYYY"
 * ("1.6.2026" too). 0 or -1.
 */
int civil_parse_date(const char *s, int *y, int *m, int *d);
/*
 * The same, and "DD.MM" without a year: the nearest such date to now
 * (local), within half a year either way — "27.11" typed on 2 December
 * is last week (backfill), "05.01" typed on 28 December is next week.
 * 0 or -1.
 */
int civil_parse_day(const char *s, int64_t now, int *y, int *m, int *d);
/* "YYYY-MM-DD" of a date into out, as the database keeps dates: a date
 * typed "27.11.2026" is stored and compared in this form, never as typed. */
#define CIVIL_DATE_LEN 11
void civil_format_date(char out[CIVIL_DATE_LEN], int y, int m, int d);
/* "YYYY-MM" or "MM.YYYY". 0 or -1. */
int civil_parse_month(const char *s, int *y, int *m);
/* "HH:MM", "H:MM", "HH.MM", "H.MM" -> minutes since midnight. 0 or -1. */
int civil_parse_hhmm(const char *s, int *minute);
/*
 * Weekdays "mon,wed,fri" -> bit mask, bit 0 = Monday. Words in any case:
 * English short or full ("mon", "monday"), Russian short or full ("пн",
 * "понедельник"; "среду", "пятницу", "субботу" too), comma-separated,
 * ranges "mon-fri" too. 0 or -1 (unknown word, empty).
 */
int civil_parse_weekdays(const char *s, int *mask);

/* The UTC time of a local date and minute (DST-aware). */
int64_t civil_local(int y, int m, int d, int minute);
/* UTC -> local fields. */
void civil_split(int64_t t, struct civil *out);
/* The moment `minute` (of the local day) on t's local day. */
int64_t civil_local_at(int64_t t, int minute);
/* Local midnight of t's day, and of n days later (n may be negative). */
int64_t civil_day_start(int64_t t);
int64_t civil_add_days(int64_t t, int n);
/* [start, end) of a local month; y/m may be out of range (month 13 is
 * January of the next year). */
void civil_month_bounds(int y, int m, int64_t *start, int64_t *end);
/* The number of days of month m (1-12) of year y, leap years counted. */
int civil_days_in_month(int y, int m);
/* Whole years between a birth date and t (local). */
int civil_age(int by, int bm, int bd, int64_t t);

/* Append local "YYYY-MM-DD", "HH:MM", "YYYY-MM-DD HH:MM". */
void buf_add_date(struct buf *b, int64_t t);
void buf_add_hhmm(struct buf *b, int64_t t);
void buf_add_datetime(struct buf *b, int64_t t);

#endif
