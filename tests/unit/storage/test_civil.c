/*
 * test_civil.c — local dates in the academy's zone (DST included), month
 * boundaries, weekdays in English and Russian, money in minor units.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "lib/alloc.h"
#include "lib/civil.h"
#include "cases.h"
#include "files.h"
#include "test_main.h"

/* A date parsed (rc, y, m, d) is `want` ("YYYY-MM-DD"), or, want NULL,
 * refused; a failure names the text typed. */
static void check_day(const char *text, int rc, int y, int m, int d, const char *want)
{
	const char *name = text != NULL ? text : "(null)";
	char got[16];

	if (want == NULL) {
		case_int_equal(name, rc, -1);
		return;
	}
	case_int_equal(name, rc, 0);
	snprintf(got, sizeof(got), "%04d-%02d-%02d", y, m, d);
	case_string_equal(name, got, want);
}

/* Text and the number it parses to, -1 when it is refused. */
struct number_case {
	const char *text;
	int want;
};

/* A parse (rc, got) of c->text gives c->want, or is refused. */
static void check_number(const struct number_case *c, int rc, int got)
{
	case_int_equal(c->text, rc, c->want < 0 ? -1 : 0);
	if (c->want >= 0)
		case_int_equal(c->text, got, c->want);
}

static void test_parse_date(void **state)
{
	/* As typed, and the day it names (NULL: refused). */
	static const struct {
		const char *text, *want;
	} dates[] = {
		{ "2026-02-28", "2026-02-28" },
		{ "2028-02-29", "2028-02-29" },
		{ "2026-02-29", NULL },
		{ "2026-13-01", NULL },
		{ "2026-1-01", NULL },
		{ NULL, NULL },
		/* As typed on a phone. */
		{ "27.11.2026", "2026-11-27" },
		{ "1.6.2026", "2026-06-01" },
		{ "29.02.2028", "2028-02-29" },
		{ "29.02.2026", NULL },
		{ "32.13.2026", NULL },
		{ "32.01.2026", NULL },
		{ "27.13.2026", NULL },
		{ "00.01.2026", NULL },
		{ "27.11.26", NULL },
		{ "27.11.", NULL },
		{ "27..2026", NULL },
		{ "127.11.2026", NULL },
		{ "27.11.2026x", NULL },
		/* A year is needed without a "now". */
		{ "27.11", NULL },
	};
	int y, m, d, rc;
	(void)state;
	for (size_t i = 0; i < BJJ_ARRAY_LEN(dates); i++) {
		rc = civil_parse_date(dates[i].text, &y, &m, &d);
		check_day(dates[i].text, rc, y, m, d, dates[i].want);
	}
	{
		char iso[CIVIL_DATE_LEN];

		civil_format_date(iso, 2026, 6, 1);
		assert_string_equal(iso, "2026-06-01");
	}
	assert_int_equal(civil_parse_month("2026-11", &y, &m), 0);
	assert_int_equal(civil_parse_month("11.2026", &y, &m), 0);
	assert_int_equal(y * 100 + m, 202611);
	assert_int_equal(civil_parse_month("2026-00", &y, &m), -1);
	assert_int_equal(civil_parse_month("13.2026", &y, &m), -1);
}

/* "DD.MM": the nearest such date to now, within half a year. */
static void test_parse_day(void **state)
{
	/* As typed, on which day (2 or 28 December 2026 at 10:00, 1 December
	 * 2027 at 0:00), and the day it names (NULL: refused). */
	enum { DEC2, DEC28, DEC2027 };
	static const struct {
		const char *text;
		int now;
		const char *want;
	} days[] = {
		{ "27.11", DEC2, "2026-11-27" },
		{ "05.01", DEC28, "2027-01-05" },
		{ "5.1", DEC2, "2027-01-05" },
		{ "15.06", DEC2, "2026-06-15" },
		{ "02.12", DEC2, "2026-12-02" },
		/* Feb 29 exists only in a leap year: 2028 is nearest to 2027-12. */
		{ "29.02", DEC2027, "2028-02-29" },
		{ "29.02", DEC2, NULL },
		/* Full forms pass through; bad ones fail. */
		{ "2026-11-27", DEC28, "2026-11-27" },
		{ "27.11.2025", DEC28, "2025-11-27" },
		{ "32.13", DEC2, NULL },
		{ "31.04", DEC2, NULL },
		{ "27", DEC2, NULL },
		{ "", DEC2, NULL },
		{ NULL, DEC2, NULL },
	};
	int64_t now[3];
	int y, m, d, rc;
	(void)state;
	tf_tz("Europe/Moscow");
	now[DEC2] = civil_local(2026, 12, 2, 10 * 60);
	now[DEC28] = civil_local(2026, 12, 28, 10 * 60);
	now[DEC2027] = civil_local(2027, 12, 1, 0);
	for (size_t i = 0; i < BJJ_ARRAY_LEN(days); i++) {
		rc = civil_parse_day(days[i].text, now[days[i].now], &y, &m, &d);
		check_day(days[i].text, rc, y, m, d, days[i].want);
	}
}

static void test_parse_hhmm(void **state)
{
	/* As typed, and the minute of the day it names (-1: refused). */
	static const struct number_case times[] = {
		{ "19:30", 19 * 60 + 30 },
		{ "7:05", 425 },
		{ "24:00", -1 },
		{ "12:60", -1 },
		{ "1230", -1 },
		{ "19.00", 19 * 60 },
		{ "7.15", 7 * 60 + 15 },
		{ "25:00", -1 },
		{ "19.60", -1 },
		{ "19,00", -1 },
		{ "19:0", -1 },
		{ "1:2:3", -1 },
		{ "", -1 },
	};
	int min, rc;
	(void)state;
	for (size_t i = 0; i < BJJ_ARRAY_LEN(times); i++) {
		rc = civil_parse_hhmm(times[i].text, &min);
		check_number(&times[i], rc, min);
	}
}

static void test_weekdays(void **state)
{
	/* As typed, and the days it names, Monday 1 to Sunday 64 (-1:
	 * refused). */
	static const struct number_case days[] = {
		{ "mon,wed,fri", 1 | 4 | 16 },
		{ "Mon-Fri", 31 },
		{ "пн,ср,Пт", 1 | 4 | 16 },
		{ "сб-вс", 32 | 64 },
		{ "mon,", -1 },
		{ "fri-mon", -1 },
		{ "", -1 },
		/* Full names, any case, in English and Russian. */
		{ "Monday,WEDNESDAY,friday", 1 | 4 | 16 },
		{ "tuesday-thursday", 2 | 4 | 8 },
		{ "saturday,sunday", 32 | 64 },
		{ "понедельник,Среда,ПЯТНИЦА", 1 | 4 | 16 },
		{ "вторник,четверг,суббота,воскресенье", 2 | 8 | 32 | 64 },
		{ "среду,пятницу,субботу", 4 | 16 | 32 },
		{ "ПН-ПТ", 31 },
		{ "mond", -1 },
		{ "понедельникк", -1 },
		{ "mon,,wed", -1 },
		{ "пн-", -1 },
	};
	int mask, rc;
	(void)state;
	for (size_t i = 0; i < BJJ_ARRAY_LEN(days); i++) {
		rc = civil_parse_weekdays(days[i].text, &mask);
		check_number(&days[i], rc, mask);
	}
}

static void test_local_moscow(void **state)
{
	struct civil c;
	struct buf b = { 0 };
	(void)state;
	tf_tz("Europe/Moscow");
	/* 2026-11-28 19:00 MSK = 16:00 UTC */
	int64_t t = civil_local(2026, 11, 28, 19 * 60);
	assert_true(t == 1795881600);
	civil_split(t, &c);
	assert_int_equal(c.wday, 5); /* Saturday */
	assert_int_equal(c.minute, 19 * 60);
	buf_add_datetime(&b, t);
	assert_string_equal(buf_str(&b), "2026-11-28 19:00");
	buf_release(&b);
	/* 02:00 local is still the previous UTC day, the same local day */
	assert_true(civil_day_start(civil_local(2026, 11, 28, 120)) == civil_local(2026, 11, 28, 0));
}

static void test_month_bounds_and_dst(void **state)
{
	int64_t s, e;
	(void)state;
	tf_tz("Europe/Berlin");
	civil_month_bounds(2026, 3, &s, &e);
	/* March 2026 has 31 days, one of them 23 hours long */
	assert_true(e - s == 31 * 86400 - 3600);
	civil_month_bounds(2026, 12, &s, &e);
	assert_true(e == civil_local(2027, 1, 1, 0));
	/* adding a day across the spring change lands on midnight */
	int64_t d = civil_add_days(civil_local(2026, 3, 28, 600), 1);
	assert_true(d == civil_local(2026, 3, 29, 0));
	assert_true(civil_add_days(d, 1) - d == 23 * 3600);
	tf_tz("UTC");
}

static void test_age(void **state)
{
	(void)state;
	tf_tz("UTC");
	int64_t t = civil_local(2026, 6, 15, 0);
	assert_int_equal(civil_age(2010, 6, 15, t), 16);
	assert_int_equal(civil_age(2010, 6, 16, t), 15);
}

static void test_money(void **state)
{
	int64_t v;
	struct buf b = { 0 };
	(void)state;
	assert_int_equal(money_parse("4000", &v), 0);
	assert_true(v == 400000);
	assert_int_equal(money_parse("4000.50", &v), 0);
	assert_true(v == 400050);
	assert_int_equal(money_parse("4000,5", &v), 0);
	assert_true(v == 400050);
	assert_int_equal(money_parse("4 000", &v), 0);
	assert_true(v == 400000);
	assert_int_equal(money_parse("0.01", &v), 0);
	assert_true(v == 1);
	assert_int_equal(money_parse("0", &v), -1);
	assert_int_equal(money_parse("-5", &v), -1);
	assert_int_equal(money_parse("4000.505", &v), -1);
	assert_int_equal(money_parse("4000.", &v), -1);
	assert_int_equal(money_parse("12e3", &v), -1);
	assert_int_equal(money_parse("9999999999999", &v), -1);
	assert_int_equal(money_parse("", &v), -1);
	buf_add_money(&b, 400050, "RUB");
	assert_string_equal(buf_str(&b), "4 000,50 ₽");
	buf_release(&b);
	buf_add_money(&b, -150000, "RUB");
	assert_string_equal(buf_str(&b), "-1 500 ₽");
	buf_release(&b);
	buf_add_money(&b, 123456700, "EUR");
	assert_string_equal(buf_str(&b), "1 234 567 EUR");
	buf_release(&b);
	buf_add_money(&b, 123450, "EUR");
	assert_string_equal(buf_str(&b), "1 234.50 EUR");
	buf_release(&b);
	buf_add_money(&b, 5, NULL);
	assert_string_equal(buf_str(&b), "0.05");
	buf_release(&b);
}

BJJ_TEST_MAIN(
	cmocka_unit_test(test_parse_date),
	cmocka_unit_test(test_parse_day),
	cmocka_unit_test(test_parse_hhmm),
	cmocka_unit_test(test_weekdays),
	cmocka_unit_test(test_local_moscow),
	cmocka_unit_test(test_month_bounds_and_dst),
	cmocka_unit_test(test_age),
	cmocka_unit_test(test_money),
)
