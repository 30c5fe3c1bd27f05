/*
 * civil.c — local dates and money (see civil.h). mktime normalises
 * out-of-range fields, which is how days and months are added without
 * counting seconds across DST changes.
 */
#include "lib/civil.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

int civil_days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

/* Exactly n digits at s. */
static int civil_digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

/* 1 when y-m-d is a real date in the years we accept. */
static int civil_valid(int y, int m, int d)
{
	return y >= 1900 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 &&
	    d <= civil_days_in_month(y, m);
}

/*
 * "YYYY-MM-DD" (*y set), "D.M.YYYY" or "D.M" (one or two digits each; *y
 * 0 when there is no year). Fields unchecked. 0 or -1.
 */
static int civil_scan_date(const char *s, int *y, int *m, int *d)
{
	size_t len = s != NULL ? strlen(s) : 0, a, b;

	if (len == 10 && s[4] == '-' && s[7] == '-')
		return civil_digits(s, 4, y) || civil_digits(s + 5, 2, m) ||
		    civil_digits(s + 8, 2, d) ? -1 : 0;
	a = s != NULL ? strspn(s, "0123456789") : 0;
	if (a < 1 || a > 2 || s[a] != '.')
		return -1;
	b = strspn(s + a + 1, "0123456789");
	if (b < 1 || b > 2 || civil_digits(s, (int)a, d) || civil_digits(s + a + 1, (int)b, m))
		return -1;
	s += a + 1 + b;
	*y = 0;
	if (*s == '\0')
		return 0;
	return s[0] == '.' && strlen(s + 1) == 4 && civil_digits(s + 1, 4, y) == 0 ? 0 : -1;
}

int civil_parse_date(const char *s, int *y, int *m, int *d)
{
	int yy, mm, dd;

	if (civil_scan_date(s, &yy, &mm, &dd) != 0 || !civil_valid(yy, mm, dd))
		return -1;
	*y = yy;
	*m = mm;
	*d = dd;
	return 0;
}

int civil_parse_day(const char *s, int64_t now, int *y, int *m, int *d)
{
	struct civil c;
	int yy, mm, dd, best = 0, i;
	int64_t at, dist, best_dist = 0;

	if (civil_scan_date(s, &yy, &mm, &dd) != 0)
		return -1;
	if (yy == 0) {
		/* No year: the nearest such date, so "27.11" typed on 2 December is
		 * last week and "05.01" typed on 28 December is next week. */
		civil_split(now, &c);
		for (i = -1; i <= 1; i++) {
			if (!civil_valid(c.year + i, mm, dd))
				continue;
			at = civil_local(c.year + i, mm, dd, 12 * 60);
			dist = at > now ? at - now : now - at;
			if (best == 0 || dist < best_dist) {
				best = c.year + i;
				best_dist = dist;
			}
		}
		yy = best;
	}
	if (!civil_valid(yy, mm, dd))
		return -1;
	*y = yy;
	*m = mm;
	*d = dd;
	return 0;
}

void civil_format_date(char out[CIVIL_DATE_LEN], int y, int m, int d)
{
	/* The remainders tell the compiler each field fits. */
	snprintf(out, CIVIL_DATE_LEN, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
	    (unsigned)d % 100u);
}

int civil_parse_month(const char *s, int *y, int *m)
{
	size_t len = s != NULL ? strlen(s) : 0;

	if (len == 7 && s[4] == '-' && civil_digits(s, 4, y) == 0 && civil_digits(s + 5, 2, m) == 0)
		;
	else if (len == 7 && s[2] == '.' && civil_digits(s, 2, m) == 0 &&
	    civil_digits(s + 3, 4, y) == 0)
		;
	else
		return -1;
	return *y >= 1900 && *y <= 2200 && *m >= 1 && *m <= 12 ? 0 : -1;
}

int civil_parse_hhmm(const char *s, int *minute)
{
	int h, mm;
	size_t len = s ? strlen(s) : 0;

	/* "19:00", "9:05", and "19.00" as phones' number pads make it easy. */
	if (len == 4 && (s[1] == ':' || s[1] == '.') && civil_digits(s, 1, &h) == 0 &&
	    civil_digits(s + 2, 2, &mm) == 0)
		;
	else if (len == 5 && (s[2] == ':' || s[2] == '.') && civil_digits(s, 2, &h) == 0 &&
	    civil_digits(s + 3, 2, &mm) == 0)
		;
	else
		return -1;
	if (h > 23 || mm > 59)
		return -1;
	*minute = h * 60 + mm;
	return 0;
}

/*
 * The lower case of word w (n bytes) into out (outlen bytes, NUL-ended):
 * ASCII and the Russian alphabet (UTF-8), other bytes as they are. -1
 * when it does not fit.
 */
static int civil_lower(const char *w, size_t n, char *out, size_t outlen)
{
	const unsigned char *p = (const unsigned char *)w;
	size_t i, k = 0;
	unsigned cp;

	for (i = 0; i < n; i++) {
		if (k + 2 >= outlen)
			return -1;
		if (p[i] < 0x80) {
			out[k++] = (char)tolower(p[i]);
			continue;
		}
		if (i + 1 < n && (p[i] == 0xD0 || p[i] == 0xD1) && (p[i + 1] & 0xC0) == 0x80) {
			cp = ((unsigned)(p[i] & 0x1F) << 6) | (p[i + 1] & 0x3F);
			if (cp >= 0x410 && cp <= 0x42F)
				cp += 0x20;            /* А..Я -> а..я */
			else if (cp == 0x401)
				cp = 0x451;            /* Ё -> ё */
			out[k++] = (char)(0xC0 | (cp >> 6));
			out[k++] = (char)(0x80 | (cp & 0x3F));
			i++;
			continue;
		}
		out[k++] = (char)p[i];
	}
	out[k] = '\0';
	return 0;
}

/* The weekday (0 = Monday) a word names, any case, or -1. */
static int civil_weekday_word(const char *w, size_t n)
{
	/* Per day: English short and full, Russian short, full (nominative),
	 * and the accusative of "в среду" / "в пятницу" / "в субботу". */
	static const char *const names[7][5] = {
		{ "mon", "monday", "пн", "понедельник", NULL },
		{ "tue", "tuesday", "вт", "вторник", NULL },
		{ "wed", "wednesday", "ср", "среда", "среду" },
		{ "thu", "thursday", "чт", "четверг", NULL },
		{ "fri", "friday", "пт", "пятница", "пятницу" },
		{ "sat", "saturday", "сб", "суббота", "субботу" },
		{ "sun", "sunday", "вс", "воскресенье", NULL },
	};
	char low[48];
	int i, j;

	if (civil_lower(w, n, low, sizeof low) != 0)
		return -1;
	for (i = 0; i < 7; i++) {
		for (j = 0; j < 5 && names[i][j] != NULL; j++) {
			if (strcmp(low, names[i][j]) == 0)
				return i;
		}
	}
	return -1;
}

int civil_parse_weekdays(const char *s, int *mask)
{
	int m = 0;
	const char *p = s;

	if (s == NULL || *s == '\0')
		return -1;
	while (*p) {
		const char *end = p + strcspn(p, ",");
		const char *dash = memchr(p, '-', (size_t)(end - p));
		int a, b;
		if (dash) {
			a = civil_weekday_word(p, (size_t)(dash - p));
			b = civil_weekday_word(dash + 1, (size_t)(end - dash - 1));
		} else {
			a = b = civil_weekday_word(p, (size_t)(end - p));
		}
		if (a < 0 || b < 0 || b < a)
			return -1;
		for (int i = a; i <= b; i++)
			m |= 1 << i;
		p = *end ? end + 1 : end;
		if (*end && *p == '\0')
			return -1;     /* trailing comma */
	}
	*mask = m;
	return 0;
}

int64_t civil_local(int y, int m, int d, int minute)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_min = minute;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

void civil_split(int64_t t, struct civil *out)
{
	time_t tt = (time_t)t;
	struct tm tm;

	localtime_r(&tt, &tm);
	out->year = tm.tm_year + 1900;
	out->month = tm.tm_mon + 1;
	out->day = tm.tm_mday;
	out->wday = (tm.tm_wday + 6) % 7;
	out->minute = tm.tm_hour * 60 + tm.tm_min;
}

int64_t civil_local_at(int64_t t, int minute)
{
	struct civil c;
	civil_split(t, &c);
	return civil_local(c.year, c.month, c.day, minute);
}

int64_t civil_day_start(int64_t t)
{
	struct civil c;
	civil_split(t, &c);
	return civil_local(c.year, c.month, c.day, 0);
}

int64_t civil_add_days(int64_t t, int n)
{
	struct civil c;
	civil_split(t, &c);
	return civil_local(c.year, c.month, c.day + n, 0);
}

void civil_month_bounds(int y, int m, int64_t *start, int64_t *end)
{
	*start = civil_local(y, m, 1, 0);
	*end = civil_local(y, m + 1, 1, 0);
}

int civil_age(int by, int bm, int bd, int64_t t)
{
	struct civil c;
	civil_split(t, &c);
	int age = c.year - by;
	if (c.month < bm || (c.month == bm && c.day < bd))
		age--;
	return age;
}

void buf_add_date(struct buf *b, int64_t t)
{
	struct civil c;
	civil_split(t, &c);
	buf_addf(b, "%04d-%02d-%02d", c.year, c.month, c.day);
}

void buf_add_hhmm(struct buf *b, int64_t t)
{
	struct civil c;
	civil_split(t, &c);
	buf_addf(b, "%02d:%02d", c.minute / 60, c.minute % 60);
}

void buf_add_datetime(struct buf *b, int64_t t)
{
	buf_add_date(b, t);
	buf_addc(b, ' ');
	buf_add_hhmm(b, t);
}
