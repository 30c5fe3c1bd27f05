/*
 * test_csv.c — storage/csv.c: RFC 4180 quoting and money, the reader
 * (quoted fields with commas, quotes and line breaks, CRLF, a BOM, line
 * numbers, malformed input), the export (files, BOM, header, local times,
 * money, quoting; /export answers at once, writes the files in steps and
 * then queues the documents, once, also across a restart; refusals) and the import
 * of students (columns in any order, all or nothing with line numbers,
 * unknown and missing columns, duplicates, not UTF-8).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "lib/civil.h"
#include "files.h"
#include "handlers_fixture.h"
#include "storage/admin.h"
#include "storage/billing.h"
#include "storage/csv.h"
#include "storage/script.h"
#include "test_main.h"

#define STUDENT_TG 500

static int64_t student_count(struct hf *f, int all)
{
	struct person *v = NULL;
	size_t n = 0;
	int64_t total = 0;

	assert_int_equal(db_students_page(f->db, NULL, all, 0, 1, &v, &n, &total), DB_OK);
	persons_free(v, n);
	return total;
}

/* ---- writing --------------------------------------------------------- */

static void test_quoting(void **state)
{
	struct buf b = { 0 };

	(void)state;
	csv_add_field(&b, "plain", 1);
	csv_add_field(&b, "a,b", 0);
	csv_add_field(&b, "say \"hi\"", 0);
	csv_add_field(&b, "two\nlines", 0);
	csv_add_field(&b, "cr\rhere", 0);
	csv_add_field(&b, "Иван Петров", 0);
	csv_add_field(&b, NULL, 0);
	csv_add_field(&b, "", 0);
	assert_string_equal(buf_str(&b), "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\","
	    "\"cr\rhere\",Иван Петров,,");
	buf_truncate(&b, 0);
	/* what a spreadsheet would run as a formula is written as text;
	 * phones and negative numbers stay as they are */
	csv_add_field(&b, "=HYPERLINK(\"x\")", 1);
	csv_add_field(&b, "@SUM(A1)", 0);
	csv_add_field(&b, "-cmd", 0);
	csv_add_field(&b, "+79001234567", 0);
	csv_add_field(&b, "-5", 0);
	assert_string_equal(buf_str(&b), "\"'=HYPERLINK(\"\"x\"\")\",'@SUM(A1),'-cmd,+79001234567,-5");
	buf_truncate(&b, 0);
	csv_add_money(&b, 400050);
	buf_addc(&b, ' ');
	csv_add_money(&b, 5);
	buf_addc(&b, ' ');
	csv_add_money(&b, 100);
	buf_addc(&b, ' ');
	csv_add_money(&b, -250);
	assert_string_equal(buf_str(&b), "4000.50 0.05 1.00 -2.50");
	buf_release(&b);
}

/* ---- reading --------------------------------------------------------- */

/* The next record of r is on line `line` with n fields, equal to want's
 * (a NULL in want: that field is not checked). */
static void expect_record(struct csv_reader *r, int line, size_t n, const char *const *want)
{
	char **v = NULL;
	size_t got = 0;
	int at = 0;

	assert_int_equal(csv_next(r, &v, &got, &at), 1);
	assert_int_equal(at, line);
	assert_int_equal(got, n);
	for (size_t i = 0; i < n; i++) {
		if (want[i] != NULL)
			assert_string_equal(v[i], want[i]);
	}
	strv_free(v, got);
}

static void test_parse(void **state)
{
	const char *text = CSV_BOM "a,\"b,1\",c\r\n"
	    "\"multi\nline\",\"quote \"\"x\"\"\",\r\n"
	    "Ёжик,,\"\"\n"
	    "last,row";
	struct csv_reader r;
	char **v = NULL;
	size_t n = 0;
	int line = 0;

	(void)state;
	csv_reader_init(&r, text, strlen(text));
	expect_record(&r, 1, 3, (const char *const[]){ "a", "b,1", "c" });
	expect_record(&r, 2, 3, (const char *const[]){ "multi\nline", "quote \"x\"", "" });
	/* The record after a quoted line break starts on line 4. */
	expect_record(&r, 4, 3, (const char *const[]){ "Ёжик", NULL, "" });
	expect_record(&r, 5, 2, (const char *const[]){ NULL, "row" });
	assert_int_equal(csv_next(&r, &v, &n, &line), 0);
}

static void test_parse_malformed(void **state)
{
	const char *open = "a,b\n\"never\nclosed,x\n";
	const char *after = "a,b\n\"x\"y,z\n";
	struct csv_reader r;
	char **v = NULL;
	size_t n = 0;
	int line = 0;

	(void)state;
	csv_reader_init(&r, open, strlen(open));
	assert_int_equal(csv_next(&r, &v, &n, &line), 1);
	strv_free(v, n);
	assert_int_equal(csv_next(&r, &v, &n, &line), -1);
	assert_null(v);
	assert_int_equal(r.line, 2);
	hf_assert_contains(r.error, "not closed");

	csv_reader_init(&r, after, strlen(after));
	assert_int_equal(csv_next(&r, &v, &n, &line), 1);
	strv_free(v, n);
	assert_int_equal(csv_next(&r, &v, &n, &line), -1);
	assert_int_equal(r.line, 2);
	hf_assert_contains(r.error, "after a closing quote");
}

/* ---- import ---------------------------------------------------------- */

static void test_import_ok(void **state)
{
	struct hf *f = *state;
	char *dir = tf_tmpdir("csv"), *path, *problems = NULL;
	struct student_card c;
	int imported = -1;

	/* Columns in another order, quoted values, a BOM and CRLF, spaces
	 * around values, a blank last line. */
	path = tf_write(dir, "students.csv", CSV_BOM
	    "phone,first_name,last_name,belt,stripes,email,birth_date,telegram_id\r\n"
	    "+7 (900) 111-22-33,Иван,\"Петров, мл.\",Blue,2,ivan@example.com,2001-02-03,777\r\n"
	    " 89001112234 ,Anna,Lee,,, ,,\r\n"
	    ",Kid,\"O\"\"Brien\",grey,1,,01.06.2016,\r\n"
	    "\r\n");
	assert_int_equal(db_students_import(f->db, path, HF_NOW, &imported, &problems), DB_OK);
	assert_null(problems);
	assert_int_equal(imported, 3);

	assert_int_equal(db_student_card(f->db, 1, HF_NOW, 0, 1, &c), DB_OK);
	assert_string_equal(c.p.first_name, "Иван");
	assert_string_equal(c.p.last_name, "Петров, мл.");
	assert_string_equal(c.p.phone, "+79001112233");
	assert_string_equal(c.p.belt, "blue");
	assert_int_equal(c.p.stripes, 2);
	assert_int_equal(c.p.tg_id, 777);
	assert_string_equal(c.email, "ivan@example.com");
	assert_string_equal(c.birth_date, "2001-02-03");
	student_card_release(&c);
	assert_int_equal(db_student_card(f->db, 2, HF_NOW, 0, 1, &c), DB_OK);
	assert_string_equal(c.p.phone, "+79001112234");
	assert_string_equal(c.p.belt, "white");
	assert_null(c.email);
	assert_int_equal(c.p.tg_id, 0);
	student_card_release(&c);
	assert_int_equal(db_student_card(f->db, 3, HF_NOW, 0, 1, &c), DB_OK);
	assert_null(c.p.phone);
	assert_string_equal(c.p.last_name, "O\"Brien");
	assert_string_equal(c.p.belt, "grey");
	/* Typed as DD.MM.YYYY, kept as YYYY-MM-DD. */
	assert_string_equal(c.birth_date, "2016-06-01");
	student_card_release(&c);
	/* A linked import is a student role at once. */
	assert_int_equal(h_role_of(&f->env, 777), ROLE_STUDENT);
	tf_rm_rf(dir);
	free(path);
	free(dir);
}

/* emergency_contact and medical_notes are optional columns: taken when
 * the file has them (as /export writes them), checked for length. */
static void test_import_health(void **state)
{
	struct hf *f = *state;
	char *dir = tf_tmpdir("csv"), *path, *problems = NULL, *em = NULL, *med = NULL, *want;
	char longv[202];
	int imported = -1;

	memset(longv, 'x', 201);
	longv[201] = '\0';
	want = xasprintf(CSV_STUDENT_COLUMNS ",medical_notes\nLong,Notes,,,,,,,%s\n", longv);
	path = tf_write(dir, "long.csv", want);
	free(want);
	assert_int_equal(db_students_import(f->db, path, HF_NOW, &imported, &problems),
	    DB_CONSTRAINT);
	hf_assert_contains(problems, "long.csv: line 2: medical_notes must be at most 200");
	assert_int_equal(student_count(f, 1), 0);
	free(problems);
	problems = NULL;
	free(path);

	path = tf_write(dir, "health.csv",
	    "first_name,last_name,medical_notes,phone,email,belt,stripes,birth_date,"
	    "telegram_id,emergency_contact\n"
	    "Ivan,Petrov,asthma,,,,,,,\"Anna, wife +79001112233\"\n"
	    "Anna,Lee,,,,,,,,\n");
	assert_int_equal(db_students_import(f->db, path, HF_NOW, &imported, &problems), DB_OK);
	assert_null(problems);
	assert_int_equal(imported, 2);
	assert_int_equal(db_student_health(f->db, 1, &em, &med), DB_OK);
	assert_string_equal(em, "Anna, wife +79001112233");
	assert_string_equal(med, "asthma");
	free(em);
	free(med);
	assert_int_equal(db_student_health(f->db, 2, &em, &med), DB_OK);
	assert_null(em);
	assert_null(med);
	tf_rm_rf(dir);
	free(path);
	free(dir);
}

static void test_import_all_or_nothing(void **state)
{
	struct hf *f = *state;
	char *dir = tf_tmpdir("csv"), *path, *problems = NULL, *want;
	int imported = -1;

	hf_person(f, PERSON_STUDENT, "Old", "+79009990000", 0);
	path = tf_write(dir, "bad.csv",
	    "first_name,last_name,phone,email,belt,stripes,birth_date,telegram_id\n"
	    "Good,One,+79001230001,,,,,\n"                         /* 2 */
	    "Bad,Phone,12ab,,,,,\n"                                /* 3 */
	    "Bad,Belt,+79001230003,,pink,,,\n"                     /* 4 */
	    "Dup,InFile,+79001230001,,,,,\n"                       /* 5 */
	    "Dup,InDb,+79009990000,,,,,\n"                         /* 6 */
	    "\"Multi\nLine\",Name,+79001230007,,,,,\n"             /* 7-8 */
	    "Bad,Date,+79001230009,,,,2001-02-30,\n"               /* 9 */
	    "Bad,Tg,+79001230010,,,,,12x\n"                        /* 10 */
	    "Short,Row\n"                                          /* 11 */
	    ",NoFirst,,,,,,\n"                                     /* 12 */
	    "Bad,Stripes,,,blue,5,,\n"                             /* 13 */
	    "Bad,Mail,,nomail,,,,\n");                             /* 14 */
	assert_int_equal(db_students_import(f->db, path, HF_NOW, &imported, &problems),
	    DB_CONSTRAINT);
	assert_int_equal(imported, 0);
	assert_non_null(problems);
	want = xasprintf("%s: line 3: \"12ab\" is not a phone number", path);
	hf_assert_contains(problems, want);
	free(want);
	hf_assert_contains_all(problems, "bad.csv: line 4: unknown belt \"pink\"",
	    "bad.csv: line 5: phone +79001230001 is also on line 2",
	    "bad.csv: line 6: phone +79009990000 already belongs to student #1",
	    "bad.csv: line 9: birth_date \"2001-02-30\"", "bad.csv: line 10: telegram_id \"12x\"",
	    "bad.csv: line 11: 2 fields, expected 8", "bad.csv: line 12: first_name is empty",
	    "bad.csv: line 13: stripes \"5\" is not a number from 0 to 4",
	    "bad.csv: line 14: \"nomail\" is not an e-mail address");
	/* The two-line name is fine and nothing points at lines 7 or 8. */
	hf_assert_lacks_all(problems, "line 7", "line 8");
	/* Nothing was imported: the good rows were rolled back with the bad. */
	assert_int_equal(student_count(f, 1), 1);
	free(problems);
	tf_rm_rf(dir);
	free(path);
	free(dir);
}

static void test_import_columns(void **state)
{
	/* A file refused whole: its name, text and what the refusal says. */
	static const struct {
		const char *name, *text, *want, *also;
	} bad[] = {
		{ "cols.csv",
		  "first_name,last_name,phone,nickname,email,belt,stripes,birth_date,telegram_id,age\n"
		  "A,B,,x,,,,,,3\n",
		  "cols.csv: line 1: unknown column(s) \"nickname\", \"age\"", NULL },
		{ "missing.csv", "first_name,last_name,phone,phone\nA,B,,\n",
		  "the column \"phone\" appears twice",
		  "missing column(s) email, belt, stripes, birth_date, telegram_id" },
		{ "empty.csv", "", "empty.csv: the file is empty", NULL },
		/* Windows-1251 "Иван": not UTF-8. */
		{ "cp1251.csv", CSV_STUDENT_COLUMNS "\n\xC8\xE2\xE0\xED,,,,,,,\n",
		  "cp1251.csv: line 2: not UTF-8", NULL },
		{ "open.csv", CSV_STUDENT_COLUMNS "\n\"A,,,,,,,\n",
		  "open.csv: line 2: a quoted field is not closed", NULL },
	};
	struct hf *f = *state;
	char *dir = tf_tmpdir("csv"), *path, *problems = NULL;
	int imported = -1;

	for (size_t i = 0; i < BJJ_ARRAY_LEN(bad); i++) {
		path = tf_write(dir, bad[i].name, bad[i].text);
		assert_int_equal(db_students_import(f->db, path, HF_NOW, &imported, &problems),
		    DB_CONSTRAINT);
		hf_assert_contains(problems, bad[i].want);
		if (bad[i].also != NULL)
			hf_assert_contains(problems, bad[i].also);
		free(problems);
		free(path);
	}

	assert_int_equal(db_students_import(f->db, "/nonexistent/x.csv", HF_NOW, &imported,
	    &problems), DB_CONSTRAINT);
	hf_assert_contains(problems, "/nonexistent/x.csv: cannot open");
	free(problems);
	assert_int_equal(student_count(f, 1), 0);
	tf_rm_rf(dir);
	free(dir);
}

/* ---- export ---------------------------------------------------------- */

/* A student with a comma in the name, a plan, a subscription, a payment,
 * a class with attendance and a promotion. */
static void export_data(struct hf *f)
{
	int64_t at = civil_local(2026, 5, 20, 19 * 60 + 30);

	assert_int_equal(db_student_add(f->db, "Ivan", "Petrov, Jr.", "+79001234567", "blue", 1,
	    at, NULL), DB_OK);
	assert_int_equal(db_student_set_field(f->db, 1, STUDENT_EMERGENCY,
	    "Anna, wife +79001112233"), DB_OK);
	assert_int_equal(db_student_set_field(f->db, 1, STUDENT_MEDICAL, "asthma"), DB_OK);
	hf_sql(f, "INSERT INTO plans (code, title, kind, price, duration_days, created_at) "
	    "VALUES ('m1', 'Monthly \"Pro\"', 'unlimited', 400050, 30, %lld);"
	    "INSERT INTO subscriptions (student_id, plan_id, starts_at, ends_at, price, created_at) "
	    "VALUES (1, 1, %lld, %lld, 400050, %lld);"
	    "INSERT INTO payments (student_id, amount, paid_at, method, subscription_id, created_at) "
	    "VALUES (1, 400050, %lld, 'cash', 1, %lld);"
	    "INSERT INTO trainings (starts_at, duration_min, title, created_at) "
	    "VALUES (%lld, 90, 'Fundamentals', %lld);"
	    "INSERT INTO attendance (student_id, training_id, status, source, marked_at) "
	    "VALUES (1, 1, 'present', 'self', %lld);"
	    "INSERT INTO promotions (student_id, from_belt, from_stripes, to_belt, to_stripes, "
	    "promoted_at) VALUES (1, 'white', 4, 'blue', 0, %lld);",
	    (long long)at, (long long)at, (long long)(at + 30 * 86400), (long long)at,
	    (long long)at, (long long)at, (long long)at, (long long)at, (long long)at,
	    (long long)at);
}

static const struct csv_file *file_of(const struct csv_file *v, size_t n, const char *table)
{
	for (size_t i = 0; i < n; i++) {
		if (strcmp(v[i].table, table) == 0)
			return &v[i];
	}
	fail_msg("no %s file", table);
	return NULL;
}

static void test_export(void **state)
{
	struct hf *f = *state;
	char *dir = tf_tmpdir("csv"), *sub = xasprintf("%s/a/b", dir), *text, *want;
	struct csv_file *files = NULL;
	char err[256];
	size_t n = 0;

	export_data(f);
	assert_int_equal(db_csv_export(f->db, sub, HF_NOW, &files, &n, err, sizeof err), DB_OK);
	assert_int_equal(n, 5);
	/* HF_NOW is 2026-05-28 23:26 in Moscow. */
	want = xasprintf("%s/students-20260528-232640.csv", sub);
	assert_string_equal(file_of(files, n, "students")->path, want);
	free(want);
	assert_int_equal(file_of(files, n, "students")->rows, 1);

	text = tf_read(file_of(files, n, "students")->path, NULL);
	assert_memory_equal(text, CSV_BOM, 3);
	hf_assert_contains(text, CSV_BOM "id,first_name,last_name,phone,email,belt,stripes,"
	    "birth_date,telegram_id,active,reachable,registered_at,notes,emergency_contact,"
	    "medical_notes\r\n");
	hf_assert_contains(text, "\r\n1,Ivan,\"Petrov, Jr.\",+79001234567,,blue,1,,,1,1,"
	    "2026-05-20 19:30,,\"Anna, wife +79001112233\",asthma\r\n");
	free(text);
	text = tf_read(file_of(files, n, "payments")->path, NULL);
	hf_assert_contains(text, "1,2026-05-20 19:30,1,\"Ivan Petrov, Jr.\",4000.50,cash,"
	    "\"Monthly \"\"Pro\"\"\",1,,payment,ok,,\r\n");
	free(text);
	text = tf_read(file_of(files, n, "subscriptions")->path, NULL);
	hf_assert_contains(text, ",m1,\"Monthly \"\"Pro\"\"\",2026-05-20 19:30,2026-06-19 19:30,"
	    "4000.50,,active,");
	free(text);
	text = tf_read(file_of(files, n, "attendance")->path, NULL);
	hf_assert_contains(text, "1,1,2026-05-20 19:30,Fundamentals,1,\"Ivan Petrov, Jr.\","
	    "present,self,2026-05-20 19:30,\r\n");
	free(text);
	text = tf_read(file_of(files, n, "promotions")->path, NULL);
	hf_assert_contains(text, "2026-05-20 19:30,1,\"Ivan Petrov, Jr.\",white,4,blue,0,1,,");
	free(text);
	/* No half-written files are left beside them. */
	text = xasprintf("%s.part", file_of(files, n, "students")->path);
	assert_int_not_equal(access(text, F_OK), 0);
	free(text);
	csv_files_free(files, n);

	/* A folder that cannot be created. */
	assert_int_equal(db_csv_export(f->db, "/proc/bjj-no/such", HF_NOW, &files, &n, err,
	    sizeof err), DB_ERROR);
	hf_assert_contains(err, "cannot create the folder");
	assert_null(files);
	tf_rm_rf(dir);
	free(sub);
	free(dir);
}

/* A voided sale and a refund: the exports say so, with signed amounts. */
static void test_export_corrections(void **state)
{
	struct hf *f = *state;
	char *dir = tf_tmpdir("csv"), *text;
	struct csv_file *files = NULL;
	char err[256];
	size_t n = 0;
	int payments;
	int64_t sum;

	export_data(f);
	assert_int_equal(db_subscription_void(f->db, 1, "wrong, student", HF_OWNER, HF_NOW,
	    &payments, &sum, NULL), DB_OK);
	assert_int_equal(db_refund_add(f->db, 1, 1500, "card", "gi", HF_OWNER, HF_NOW, NULL),
	    DB_OK);
	assert_int_equal(db_csv_export(f->db, dir, HF_NOW, &files, &n, err, sizeof err), DB_OK);
	text = tf_read(file_of(files, n, "payments")->path, NULL);
	hf_assert_contains(text, "description,kind,status,voided_at,void_reason\r\n");
	hf_assert_contains(text, ",4000.50,cash,\"Monthly \"\"Pro\"\"\",1,,payment,voided,"
	    "2026-05-28 23:26,\"wrong, student\"\r\n");
	hf_assert_contains(text, ",-15.00,card,,,gi,refund,ok,,\r\n");
	free(text);
	text = tf_read(file_of(files, n, "subscriptions")->path, NULL);
	hf_assert_contains(text, "4000.50,,cancelled,2026-05-20 19:30,1,2026-05-28 23:26,"
	    "\"wrong, student\"\r\n");
	free(text);
	csv_files_free(files, n);
	tf_rm_rf(dir);
	free(dir);
}

/* Dates repeat down a column (a class's start, marks made the same
 * minute): each row still shows its own minute, also when it comes back
 * to a minute seen two rows before. */
static void test_export_dates_by_minute(void **state)
{
	struct hf *f = *state;
	char *dir = tf_tmpdir("csv"), *text;
	struct csv_file *files = NULL;
	char err[256];
	size_t n = 0;
	int64_t at = civil_local(2026, 5, 20, 19 * 60 + 30);
	/* Seconds after the class start of each student's mark. */
	static const int marked[] = { 5, 59, 60, 7, 61 + 3600 };
	static const char *const shown[] = { "19:30", "19:30", "19:31", "19:30", "20:31" };

	hf_sql(f, "INSERT INTO trainings (starts_at, duration_min, title, created_at) "
	    "VALUES (%lld, 90, 'Fundamentals', %lld)", (long long)at, (long long)at);
	for (size_t i = 0; i < BJJ_ARRAY_LEN(marked); i++) {
		char phone[16];
		snprintf(phone, sizeof phone, "+7900123456%zu", i);
		assert_int_equal(db_student_add(f->db, "Ivan", "Petrov", phone, "white", 0, at, NULL),
		    DB_OK);
		hf_sql(f, "INSERT INTO attendance (student_id, training_id, status, source, marked_at) "
		    "VALUES (%zu, 1, 'present', 'self', %lld)", i + 1, (long long)(at + marked[i]));
	}
	assert_int_equal(db_csv_export(f->db, dir, HF_NOW, &files, &n, err, sizeof err), DB_OK);
	assert_int_equal(file_of(files, n, "attendance")->rows, 5);
	text = tf_read(file_of(files, n, "attendance")->path, NULL);
	for (size_t i = 0; i < BJJ_ARRAY_LEN(marked); i++) {
		char *row = xasprintf("\r\n%zu,1,2026-05-20 19:30,Fundamentals,%zu,Ivan Petrov,present,"
		    "self,2026-05-20 %s,\r\n", i + 1, i + 1, shown[i]);
		hf_assert_contains(text, row);
		free(row);
	}
	free(text);
	csv_files_free(files, n);
	tf_rm_rf(dir);
	free(dir);
}

/* Run the export /export asked for to its end in steps of (almost) no
 * time: every step ends at the next look at the clock. The steps taken. */
static int export_run(struct hf *f)
{
	struct h_export *x = NULL;
	int rc, steps = 0;

	while ((rc = h_export_run(&f->env, f->db, &x, 1e-9)) == 1)
		steps++;
	assert_int_equal(rc, 0);
	assert_null(x);
	return steps + 1;
}

/* Files in dir whose name ends with suffix. */
static int files_ending(const char *dir, const char *suffix)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name), slen = strlen(suffix);
		n += len > slen && strcmp(e->d_name + len - slen, suffix) == 0;
	}
	closedir(d);
	return n;
}

/* The summary and five documents of a finished export, to HF_OWNER. */
static void assert_export_sent(struct hf *f, const char *dir)
{
	const struct outbox_item *it;
	size_t docs = 0;

	assert_int_equal(hf_take(f), 6);
	it = hf_get(f, OB_SEND_MESSAGE, HF_OWNER);
	hf_assert_contains(it->text, "Export ready: 5 CSV files");
	for (size_t i = 0; i < f->n; i++) {
		if (f->items[i].method != OB_SEND_DOCUMENT)
			continue;
		docs++;
		assert_int_equal(f->items[i].chat_id, HF_OWNER);
		assert_int_equal(access(f->items[i].ref, R_OK), 0);
		hf_assert_contains(f->items[i].ref, dir);
		hf_assert_contains(f->items[i].text, "-20260528-232640.csv — rows: 1");
	}
	assert_int_equal(docs, 5);
	assert_int_equal(files_ending(dir, ".part"), 0);
}

/* The owner asks for an export of export_data into a new folder (owned). */
static char *export_asked(struct hf *f)
{
	char *dir = tf_tmpdir("csv");

	f->cfg.export_dir = dir;
	export_data(f);
	/* The answer comes at once; the files when the loop has written them. */
	hf_expect(f, HF_OWNER, "/export", "Preparing the export");
	return dir;
}

static void test_export_command(void **state)
{
	struct hf *f = *state;
	char *dir = export_asked(f);
	struct h_export *x = NULL;

	/* One export at a time. */
	hf_expect(f, HF_OWNER, "/export", "already being prepared");
	/* Written in steps (at least one per file here), each file once. */
	assert_true(export_run(f) >= 5);
	assert_export_sent(f, dir);
	assert_int_equal(files_ending(dir, ".csv"), 5);
	/* Nothing waits any more. */
	assert_int_equal(h_export_run(&f->env, f->db, &x, 0), 0);
	assert_null(x);
	assert_int_equal(hf_take(f), 0);

	/* Arguments are not expected. */
	hf_expect(f, HF_OWNER, "/export now", "Usage: /export");

	/* A student (or trainer) may not export. */
	hf_person(f, PERSON_STUDENT, "Stu", "+79005550000", STUDENT_TG);
	hf_expect(f, STUDENT_TG, "/export", "only for the academy owner");
	assert_int_equal(h_export_run(&f->env, f->db, &x, 0), 0);

	/* An export folder that cannot be written: a clear reply, no documents. */
	f->cfg.export_dir = "/proc/bjj-no/such";
	hf_expect(f, HF_OWNER, "/export", "could not write the export files");
	assert_int_equal(h_export_run(&f->env, f->db, &x, 0), 0);
	assert_int_equal(hf_take(f), 0);

	/* The folder went away after the request: the same reply, later,
	 * and the request is over. */
	f->cfg.export_dir = dir;
	hf_expect_ru(f, HF_OWNER, "/export", "Готовлю выгрузку");
	f->cfg.export_dir = "/proc/bjj-no/such";
	assert_int_equal(h_export_run(&f->env, f->db, &x, 0), 0);
	assert_null(x);
	hf_assert_contains(hf_take_reply(f, HF_OWNER), "Не удалось записать файлы выгрузки");
	f->cfg.export_dir = dir;
	hf_expect(f, HF_OWNER, "/export", "Preparing the export");
	export_run(f);
	assert_int_equal(hf_take(f), 6);
	tf_rm_rf(dir);
	free(dir);
}

/* A bot stopped (or killed) while it writes the files sends none of them;
 * the next start writes them again, under the same names, and sends each
 * once. */
static void test_export_restart(void **state)
{
	struct hf *f = *state;
	char *dir = export_asked(f);
	struct h_export *x = NULL;

	/* One step: the students are in place, the rest is not. */
	assert_int_equal(h_export_run(&f->env, f->db, &x, 1e-9), 1);
	assert_non_null(x);
	assert_int_equal(files_ending(dir, ".csv"), 1);
	/* The stop: the export is dropped with its half file, nothing sent. */
	h_export_free(x);
	x = NULL;
	assert_int_equal(files_ending(dir, ".part"), 0);
	assert_int_equal(hf_take(f), 0);
	/* A half file a kill left behind is written over. */
	free(tf_write(dir, "attendance-20260528-232640.csv.part", "half"));
	export_run(f);
	assert_export_sent(f, dir);
	assert_int_equal(files_ending(dir, ".csv"), 5);
	/* And only once. */
	assert_int_equal(h_export_run(&f->env, f->db, &x, 0), 0);
	assert_int_equal(hf_take(f), 0);
	tf_rm_rf(dir);
	free(dir);
}

BJJ_TEST_MAIN(
	cmocka_unit_test(test_quoting),
	cmocka_unit_test(test_parse),
	cmocka_unit_test(test_parse_malformed),
	HF_TEST_MOSCOW(test_import_ok),
	HF_TEST_MOSCOW(test_import_health),
	HF_TEST_MOSCOW(test_import_all_or_nothing),
	HF_TEST_MOSCOW(test_import_columns),
	HF_TEST_MOSCOW(test_export),
	HF_TEST_MOSCOW(test_export_corrections),
	HF_TEST_MOSCOW(test_export_dates_by_minute),
	HF_TEST_MOSCOW(test_export_command),
	HF_TEST_MOSCOW(test_export_restart),
)
