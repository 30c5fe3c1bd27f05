/*
 * test_civil.c — local dates in the academy's zone (DST included), month
 * boundaries, weekdays in English and Russian, money in minor units.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "lib/civil.h"
#include "files.h"
#include "test_main.h"

static void test_parse_date(void **state)
{
	int y, m, d;
	(void)state;
	assert_int_equal(civil_parse_date("2026-02-28", &y, &m, &d), 0);
	assert_int_equal(y * 10000 + m * 100 + d, 20260228);
	assert_int_equal(civil_parse_date("2028-02-29", &y, &m, &d), 0);
	assert_int_equal(civil_parse_date("2026-02-29", &y, &m, &d), -1);
	assert_int_equal(civil_parse_date("2026-13-01", &y, &m, &d), -1);
	assert_int_equal(civil_parse_date("2026-1-01", &y, &m, &d), -1);
	assert_int_equal(civil_parse_date(NULL, &y, &m, &d), -1);
	{
		char iso[CIVIL_DATE_LEN];

		civil_format_date(iso, 2026, 6, 1);
		assert_string_equal(iso, "2026-06-01");
	}
	/* As typed on a phone. */
	assert_int_equal(civil_parse_date("27.11.2026", &y, &m, &d), 0);
	assert_int_equal(y * 10000 + m * 100 + d, 20261127);
	assert_int_equal(civil_parse_date("1.6.2026", &y, &m, &d), 0);
	assert_int_equal(y * 10000 + m * 100 + d, 20260601);
	assert_int_equal(civil_parse_date("29.02.2028", &y, &m, &d), 0);
	assert_int_equal(civil_parse_date("29.02.2026", &y, &m, &d), -1);
	assert_int_equal(civil_parse_date("32.13.2026", &y, &m, &d), -1);
	assert_int_equal(civil_parse_date("32.01.2026", &y, &m, &d), -1);
	assert_int_equal(civil_parse_date("27.13.2026", &y, &m, &d), -1);
	assert_int_equal(civil_parse_date("00.01.2026", &y, &m, &d), -1);
	assert_int_equal(civil_parse_date("27.11.26", &y, &m, &d), -1);
	assert_int_equal(civil_parse_date("27.11.", &y, &m, &d), -1);
	assert_int_equal(civil_parse_date("27..2026", &y, &m, &d), -1);
	assert_int_equal(civil_parse_date("127.11.2026", &y, &m, &d), -1);
	assert_int_equal(civil_parse_date("27.11.2026x", &y, &m, &d), -1);
	/* A year is needed without a "now". */
	assert_int_equal(civil_parse_date("27.11", &y, &m, &d), -1);
	assert_int_equal(civil_parse_month("2026-11", &y, &m), 0);
	assert_int_equal(civil_parse_month("11.2026", &y, &m), 0);
	assert_int_equal(y * 100 + m, 202611);
	assert_int_equal(civil_parse_month("2026-00", &y, &m), -1);
	assert_int_equal(civil_parse_month("13.2026", &y, &m), -1);
}

/* "DD.MM": the nearest such date to now, within half a year. */
static void test_parse_day(void **state)
{
	int64_t dec2, dec28;
	int y, m, d;
	(void)state;
	tf_tz("Europe/Moscow");
	dec2 = civil_local(2026, 12, 2, 10 * 60);
	dec28 = civil_local(2026, 12, 28, 10 * 60);
	assert_int_equal(civil_parse_day("27.11", dec2, &y, &m, &d), 0);
	assert_int_equal(y * 10000 + m * 100 + d, 20261127);
	assert_int_equal(civil_parse_day("05.01", dec28, &y, &m, &d), 0);
	assert_int_equal(y * 10000 + m * 100 + d, 20270105);
	assert_int_equal(civil_parse_day("5.1", dec2, &y, &m, &d), 0);
	assert_int_equal(y * 10000 + m * 100 + d, 20270105);
	assert_int_equal(civil_parse_day("15.06", dec2, &y, &m, &d), 0);
	assert_int_equal(y * 10000 + m * 100 + d, 20260615);
	assert_int_equal(civil_parse_day("02.12", dec2, &y, &m, &d), 0);
	assert_int_equal(y * 10000 + m * 100 + d, 20261202);
	/* Feb 29 exists only in a leap year: 2028 is nearest to 2027-12. */
	assert_int_equal(civil_parse_day("29.02", civil_local(2027, 12, 1, 0), &y, &m, &d), 0);
	assert_int_equal(y * 10000 + m * 100 + d, 20280229);
	assert_int_equal(civil_parse_day("29.02", dec2, &y, &m, &d), -1);
	/* Full forms pass through; bad ones fail. */
	assert_int_equal(civil_parse_day("2026-11-27", dec28, &y, &m, &d), 0);
	assert_int_equal(y * 10000 + m * 100 + d, 20261127);
	assert_int_equal(civil_parse_day("27.11.2025", dec28, &y, &m, &d), 0);
	assert_int_equal(y, 2025);
	assert_int_equal(civil_parse_day("32.13", dec2, &y, &m, &d), -1);
	assert_int_equal(civil_parse_day("31.04", dec2, &y, &m, &d), -1);
	assert_int_equal(civil_parse_day("27", dec2, &y, &m, &d), -1);
	assert_int_equal(civil_parse_day("", dec2, &y, &m, &d), -1);
	assert_int_equal(civil_parse_day(NULL, dec2, &y, &m, &d), -1);
}

static void test_parse_hhmm(void **state)
{
	int min;
	(void)state;
	assert_int_equal(civil_parse_hhmm("19:30", &min), 0);
	assert_int_equal(min, 19 * 60 + 30);
	assert_int_equal(civil_parse_hhmm("7:05", &min), 0);
	assert_int_equal(min, 425);
	assert_int_equal(civil_parse_hhmm("24:00", &min), -1);
	assert_int_equal(civil_parse_hhmm("12:60", &min), -1);
	assert_int_equal(civil_parse_hhmm("1230", &min), -1);
	assert_int_equal(civil_parse_hhmm("19.00", &min), 0);
	assert_int_equal(min, 19 * 60);
	assert_int_equal(civil_parse_hhmm("7.15", &min), 0);
	assert_int_equal(min, 7 * 60 + 15);
	assert_int_equal(civil_parse_hhmm("25:00", &min), -1);
	assert_int_equal(civil_parse_hhmm("19.60", &min), -1);
	assert_int_equal(civil_parse_hhmm("19,00", &min), -1);
	assert_int_equal(civil_parse_hhmm("19:0", &min), -1);
	assert_int_equal(civil_parse_hhmm("1:2:3", &min), -1);
	assert_int_equal(civil_parse_hhmm("", &min), -1);
}

static void test_weekdays(void **state)
{
	int mask;
	(void)state;
	assert_int_equal(civil_parse_weekdays("mon,wed,fri", &mask), 0);
	assert_int_equal(mask, 1 | 4 | 16);
	assert_int_equal(civil_parse_weekdays("Mon-Fri", &mask), 0);
	assert_int_equal(mask, 31);
	assert_int_equal(civil_parse_weekdays("пн,ср,Пт", &mask), 0);
	assert_int_equal(mask, 1 | 4 | 16);
	assert_int_equal(civil_parse_weekdays("сб-вс", &mask), 0);
	assert_int_equal(mask, 32 | 64);
	assert_int_equal(civil_parse_weekdays("mon,", &mask), -1);
	assert_int_equal(civil_parse_weekdays("fri-mon", &mask), -1);
	assert_int_equal(civil_parse_weekdays("", &mask), -1);
	/* Full names, any case, in English and Russian. */
	assert_int_equal(civil_parse_weekdays("Monday,WEDNESDAY,friday", &mask), 0);
	assert_int_equal(mask, 1 | 4 | 16);
	assert_int_equal(civil_parse_weekdays("tuesday-thursday", &mask), 0);
	assert_int_equal(mask, 2 | 4 | 8);
	assert_int_equal(civil_parse_weekdays("saturday,sunday", &mask), 0);
	assert_int_equal(mask, 32 | 64);
	assert_int_equal(civil_parse_weekdays("понедельник,Среда,ПЯТНИЦА", &mask), 0);
	assert_int_equal(mask, 1 | 4 | 16);
	assert_int_equal(civil_parse_weekdays("вторник,четверг,суббота,воскресенье", &mask), 0);
	assert_int_equal(mask, 2 | 8 | 32 | 64);
	assert_int_equal(civil_parse_weekdays("среду,пятницу,субботу", &mask), 0);
	assert_int_equal(mask, 4 | 16 | 32);
	assert_int_equal(civil_parse_weekdays("ПН-ПТ", &mask), 0);
	assert_int_equal(mask, 31);
	assert_int_equal(civil_parse_weekdays("mond", &mask), -1);
	assert_int_equal(civil_parse_weekdays("понедельникк", &mask), -1);
	assert_int_equal(civil_parse_weekdays("mon,,wed", &mask), -1);
	assert_int_equal(civil_parse_weekdays("пн-", &mask), -1);
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
