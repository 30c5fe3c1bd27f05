/*
 * csv.c — CSV writing and reading (RFC 4180), the export of the academy's
 * tables and the import of students (see csv.h).
 *
 * Invariant: an import is all or nothing — every row is inserted inside
 * one savepoint that is released only when no row had a problem; an
 * export never leaves a half-written file under its final name.
 *
 * Callers: handlers/admin.c, bot/main.c, tests.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/civil.h"
#include "lib/clock.h"
#include "lib/log.h"
#include "lib/util.h"
#include "storage/csv.h"
#include "storage/internal.h"

/* Longest name accepted from a file, in characters (as /addstudent). */
#define CSV_NAME_MAX 64
#define CSV_EMAIL_MAX 254
#define CSV_EMERGENCY_MAX 100  /* as /editstudent takes them */
#define CSV_MEDICAL_MAX 200
/* An import file bigger than this is surely not a student list. */
#define CSV_IMPORT_MAX_BYTES (16 * 1024 * 1024)
/* Problems listed before "... and N more". */
#define CSV_PROBLEMS_MAX 20

/*
 * A spreadsheet runs a cell that starts like a formula. Text fields that
 * do ("=...", "@...", "+cmd", "-cmd") get a leading apostrophe, which
 * spreadsheets show as text; phones ("+7...") and numbers ("-5") do not
 * start a formula that runs anything and are written as they are.
 */
static int csv_formula_like(const char *s)
{
	if (s[0] == '=' || s[0] == '@' || s[0] == '\t' || s[0] == '\r')
		return 1;
	return (s[0] == '+' || s[0] == '-') && s[1] != '\0' && !isdigit((unsigned char)s[1]);
}

void csv_add_field(struct buf *b, const char *s, int first)
{
	if (!first)
		buf_addc(b, ',');
	if (s == NULL)
		return;
	if (strpbrk(s, ",\"\r\n") == NULL) {
		if (csv_formula_like(s))
			buf_addc(b, '\'');
		buf_adds(b, s);
		return;
	}
	buf_addc(b, '"');
	if (csv_formula_like(s))
		buf_addc(b, '\'');
	for (; *s != '\0'; s++) {
		if (*s == '"')
			buf_addc(b, '"');
		buf_addc(b, *s);
	}
	buf_addc(b, '"');
}

void csv_add_money(struct buf *b, int64_t minor)
{
	/* Negated in unsigned arithmetic: -INT64_MIN does not fit. */
	uint64_t v = minor < 0 ? 0 - (uint64_t)minor : (uint64_t)minor;

	buf_addf(b, "%s%llu.%02llu", minor < 0 ? "-" : "", (unsigned long long)(v / 100),
	    (unsigned long long)(v % 100));
}

/* ---- reading --------------------------------------------------------- */

void csv_reader_init(struct csv_reader *r, const char *text, size_t len)
{
	r->p = text;
	r->end = text + len;
	r->line = 1;
	r->error = NULL;
	if (len >= 3 && memcmp(text, CSV_BOM, 3) == 0)
		r->p += 3;
}

/* Past the line end at r->p (LF or CRLF), if there is one: 1 when a
 * record ends here (line end or end of text), 0 otherwise. */
static int csv_record_end(struct csv_reader *r)
{
	if (r->p == r->end)
		return 1;
	if (*r->p == '\n') {
		r->p++;
		r->line++;
		return 1;
	}
	if (*r->p == '\r' && r->p + 1 < r->end && r->p[1] == '\n') {
		r->p += 2;
		r->line++;
		return 1;
	}
	return 0;
}

/* A quoted field starting at the quote at r->p, into f. 0 or -1. */
static int csv_quoted(struct csv_reader *r, struct buf *f)
{
	int start = r->line;

	for (r->p++; r->p < r->end; r->p++) {
		if (*r->p == '"') {
			if (r->p + 1 < r->end && r->p[1] == '"') {
				buf_addc(f, '"');
				r->p++;
				continue;
			}
			r->p++;
			if (r->p == r->end || *r->p == ',' || *r->p == '\n' ||
			    (*r->p == '\r' && r->p + 1 < r->end && r->p[1] == '\n'))
				return 0;
			r->error = "unexpected text after a closing quote";
			return -1;
		}
		if (*r->p == '\n')
			r->line++;
		buf_addc(f, *r->p);
	}
	r->line = start;
	r->error = "a quoted field is not closed";
	return -1;
}

int csv_next(struct csv_reader *r, char ***fields, size_t *n, int *line)
{
	struct buf f = { 0 };
	char **v = NULL;
	size_t count = 0, cap = 0;

	*fields = NULL;
	*n = 0;
	if (r->error != NULL)
		return -1;
	if (r->p >= r->end)
		return 0;
	*line = r->line;
	for (;;) {
		buf_truncate(&f, 0);
		if (r->p < r->end && *r->p == '"') {
			if (csv_quoted(r, &f) != 0)
				goto fail;
		} else {
			while (r->p < r->end && *r->p != ',' && *r->p != '\n' &&
			    !(*r->p == '\r' && r->p + 1 < r->end && r->p[1] == '\n'))
				buf_addc(&f, *r->p++);
		}
		XGROW(v, cap, count + 1);
		v[count++] = xstrdup(buf_str(&f));
		if (csv_record_end(r))
			break;
		r->p++;        /* the comma; a record may end with an empty field */
	}
	buf_release(&f);
	*fields = v;
	*n = count;
	return 1;
fail:
	buf_release(&f);
	strv_free(v, count);
	return -1;
}

/* ---- export ---------------------------------------------------------- */

/*
 * One exported table: its query and, per column, the header name and how
 * to write the value: 't' as it is, 'd' a local date and time, 'm' money.
 * SQL NULL is always an empty field.
 */
struct db_csv_table {
	const char *name;
	const char *header;
	const char *kinds;
	const char *sql;
};

#define DB_CSV_STUDENT_NAME "trim(s.first_name || ' ' || s.last_name)"

static const struct db_csv_table db_csv_tables[] = {
	{ "students",
	    "id,first_name,last_name,phone,email,belt,stripes,birth_date,telegram_id,"
	    "active,reachable,registered_at,notes,emergency_contact,medical_notes",
	    "tttttttttttdttt",
	    "SELECT id, first_name, last_name, phone, email, belt, stripes, birth_date, tg_id, "
	    "active, reachable, created_at, notes, emergency_contact, medical_notes "
	    "FROM students ORDER BY id" },
	{ "attendance",
	    "id,class_id,class_start,class,student_id,student,status,source,marked_at,notes",
	    "ttdtttttdt",
	    "SELECT a.id, t.id, t.starts_at, t.title, a.student_id, " DB_CSV_STUDENT_NAME ", "
	    "a.status, a.source, a.marked_at, a.notes FROM trainings t "
	    /* Classes in date order, each one's rows from its index: the rows
	     * stream out as read. Sorting them (by start, then row id) would
	     * build the whole table in memory first. */
	    "CROSS JOIN attendance a ON a.training_id = t.id "
	    "JOIN students s ON s.id = a.student_id "
	    "ORDER BY t.starts_at, t.id, a.id" },
	/* amount is signed (a refund is negative); a voided row is listed
	 * with its status and reason, and counts in no total. */
	{ "payments",
	    "id,paid_at,student_id,student,amount,method,plan,subscription_id,description,"
	    "kind,status,voided_at,void_reason",
	    "tdttmttttttdt",
	    "SELECT pay.id, pay.paid_at, pay.student_id, " DB_CSV_STUDENT_NAME ", "
	    DB_PAY_SIGNED("pay") ", pay.method, p.title, pay.subscription_id, pay.description, "
	    "CASE WHEN pay.refund = 1 THEN 'refund' ELSE 'payment' END, "
	    "CASE WHEN " DB_PAY_LIVE("pay") " THEN 'ok' ELSE 'voided' END, "
	    "pay.voided_at, pay.void_reason FROM payments pay "
	    "JOIN students s ON s.id = pay.student_id "
	    "LEFT JOIN subscriptions sub ON sub.id = pay.subscription_id "
	    "LEFT JOIN plans p ON p.id = sub.plan_id ORDER BY pay.paid_at, pay.id" },
	{ "subscriptions",
	    "id,student_id,student,plan_code,plan,starts_at,ends_at,price,classes_left,status,"
	    "created_at,voided,cancelled_at,cancel_reason",
	    "tttttddmttdtdt",
	    "SELECT sub.id, sub.student_id, " DB_CSV_STUDENT_NAME ", p.code, p.title, "
	    "sub.starts_at, sub.ends_at, sub.price, sub.classes_left, sub.status, sub.created_at, "
	    "sub.voided, sub.cancelled_at, sub.cancel_reason "
	    "FROM subscriptions sub JOIN students s ON s.id = sub.student_id "
	    "JOIN plans p ON p.id = sub.plan_id ORDER BY sub.id" },
	{ "promotions",
	    "id,promoted_at,student_id,student,from_belt,from_stripes,to_belt,to_stripes,"
	    "rules_met,exam_id,note",
	    "tdttttttttt",
	    "SELECT pr.id, pr.promoted_at, pr.student_id, " DB_CSV_STUDENT_NAME ", pr.from_belt, "
	    "pr.from_stripes, pr.to_belt, pr.to_stripes, pr.rules_met, pr.exam_id, pr.note "
	    "FROM promotions pr JOIN students s ON s.id = pr.student_id "
	    "ORDER BY pr.promoted_at, pr.id" },
};

int csv_export_name(const char *name)
{
	static const char stamp[] = "-########-######.csv";   /* '#': a digit */
	size_t len = strlen(name), slen = sizeof(stamp) - 1;

	if (len > 5 && strcmp(name + len - 5, ".part") == 0)
		len -= 5;
	if (len <= slen)
		return 0;
	for (size_t i = 0; i < slen; i++) {
		char c = name[len - slen + i];
		if (stamp[i] == '#' ? !isdigit((unsigned char)c) : c != stamp[i])
			return 0;
	}
	for (size_t i = 0; i < BJJ_ARRAY_LEN(db_csv_tables); i++)
		if (strlen(db_csv_tables[i].name) == len - slen &&
		    strncmp(name, db_csv_tables[i].name, len - slen) == 0)
			return 1;
	return 0;
}

void csv_files_free(struct csv_file *v, size_t n)
{
	if (v == NULL)
		return;
	for (size_t i = 0; i < n; i++)
		free(v[i].path);
	free(v);
}

/* mkdir -p dir (new folders 0700). 0, or -1 with the reason in err. */
static int db_csv_mkdirs(const char *dir, char *err, size_t errlen)
{
	struct stat sb;

	if (dirs_create_private(dir) != 0) {
		snprintf(err, errlen, "cannot create the folder \"%s\": %s", dir, strerror(errno));
		return -1;
	}
	if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		snprintf(err, errlen, "\"%s\" is not a folder", dir);
		return -1;
	}
	return 0;
}

/* Append the current row of st as a CSV line for table t. */
/* The last date written in each column, by minute: a date shows no
 * seconds and zone offsets are whole minutes, so one minute is one text.
 * Rows come a class at a time: its start repeats in every row, and marks
 * fall in a few minutes, so most dates are copied, not formatted again
 * (two localtime calls and printfs each, for millions of rows). */
#define DB_CSV_MAX_COLS 16

struct db_csv_dates {
	int have[DB_CSV_MAX_COLS];
	int64_t minute[DB_CSV_MAX_COLS];
	struct buf text[DB_CSV_MAX_COLS];
};

static void db_csv_dates_release(struct db_csv_dates *d)
{
	for (int i = 0; i < DB_CSV_MAX_COLS; i++)
		buf_release(&d->text[i]);
}

static void db_csv_add_date(struct db_csv_dates *d, int col, struct buf *line, int64_t t)
{
	int64_t minute = t >= 0 ? t / 60 : -((-(t + 1)) / 60) - 1;

	if (col >= DB_CSV_MAX_COLS) {
		buf_add_datetime(line, t);
		return;
	}
	if (!d->have[col] || d->minute[col] != minute) {
		buf_truncate(&d->text[col], 0);
		buf_add_datetime(&d->text[col], t);
		d->minute[col] = minute;
		d->have[col] = 1;
	}
	buf_add(line, d->text[col].s, d->text[col].len);
}

static void db_csv_row(sqlite3_stmt *st, const struct db_csv_table *t, struct db_csv_dates *d,
    struct buf *line)
{
	for (int i = 0; t->kinds[i] != '\0'; i++) {
		if (i > 0)
			buf_addc(line, ',');
		if (sqlite3_column_type(st, i) == SQLITE_NULL)
			continue;
		switch (t->kinds[i]) {
		case 'd':
			db_csv_add_date(d, i, line, sqlite3_column_int64(st, i));
			break;
		case 'm':
			csv_add_money(line, sqlite3_column_int64(st, i));
			break;
		default:
			csv_add_field(line, (const char *)sqlite3_column_text(st, i), 1);
			break;
		}
	}
	buf_adds(line, "\r\n");
}

/*
 * An export in progress: the table being written, its statement (open
 * between steps), its ".part" file and the bytes written since the last
 * flush to the disk.
 */
struct csv_export {
	struct db *db;
	struct csv_file *files;    /* one per table, paths set at the start */
	size_t table;              /* the table being written */
	int snapshot;              /* 1: a read transaction begun here */
	sqlite3_stmt *st;          /* NULL between tables */
	char *tmp;                 /* the table's path.part while it is written */
	FILE *fp;
	size_t unsynced;           /* bytes written since the last fdatasync */
	struct db_csv_dates dates;
	struct buf line;
};

/* Written data is sent to the disk at the end of a step once this much
 * waits, so the final fsync of a big file is short too. */
#define CSV_SYNC_BYTES (1024 * 1024)

/* Rows written between two looks at the clock. */
#define CSV_ROWS_PER_CLOCK 64

/* Close and remove the current table's .part file. */
static void csv_export_drop(struct csv_export *x)
{
	if (x->st != NULL)
		sqlite3_reset(x->st);
	x->st = NULL;
	if (x->fp != NULL)
		fclose(x->fp);
	x->fp = NULL;
	if (x->tmp != NULL)
		unlink(x->tmp);
	free(x->tmp);
	x->tmp = NULL;
	db_csv_dates_release(&x->dates);
	memset(&x->dates, 0, sizeof(x->dates));
	buf_truncate(&x->line, 0);
}

/* Start the current table: its statement, its .part file and header. */
static int csv_export_open(struct csv_export *x, char *err, size_t errlen)
{
	const struct db_csv_table *t = &db_csv_tables[x->table];
	const char *path = x->files[x->table].path;
	int fd;

	x->files[x->table].rows = 0;
	if ((x->st = db_stmt_get(x->db, t->sql)) == NULL) {
		snprintf(err, errlen, "cannot read the %s: %s", t->name, db_errmsg(x->db));
		return -1;
	}
	x->tmp = xasprintf("%s.part", path);
	/* Exports hold phones and payments: 0600 whatever the umask. */
	if ((fd = file_create_private(x->tmp, 0)) < 0 || (x->fp = fdopen(fd, "w")) == NULL) {
		snprintf(err, errlen, "cannot write \"%s\": %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	buf_addf(&x->line, "%s%s\r\n", CSV_BOM, t->header);
	return 0;
}

/* Start writing what waits to the disk, without waiting for it where
 * the system allows (Linux): the loop goes on meanwhile, and the fsync
 * that ends the file has little left to wait for. 0 or -1 (errno set). */
static int csv_export_sync(struct csv_export *x)
{
	if (fflush(x->fp) != 0)
		return -1;
#ifdef SYNC_FILE_RANGE_WRITE
	if (sync_file_range(fileno(x->fp), 0, 0, SYNC_FILE_RANGE_WRITE) != 0)
		return -1;
#else
	if (fdatasync(fileno(x->fp)) != 0)
		return -1;
#endif
	x->unsynced = 0;
	return 0;
}

/* The current table's rows are all written: its file into place. */
static int csv_export_close(struct csv_export *x, char *err, size_t errlen)
{
	const char *path = x->files[x->table].path;
	int rc;

	sqlite3_reset(x->st);
	x->st = NULL;
	/* A table without rows still gets its header. */
	if (x->line.len > 0 && fwrite(x->line.s, 1, x->line.len, x->fp) != x->line.len)
		goto io;
	buf_truncate(&x->line, 0);
	if (fflush(x->fp) != 0 || fsync(fileno(x->fp)) != 0)
		goto io;
	rc = fclose(x->fp);
	x->fp = NULL;
	if (rc != 0 || rename(x->tmp, path) != 0)
		goto io;
	free(x->tmp);
	x->tmp = NULL;
	x->unsynced = 0;
	db_csv_dates_release(&x->dates);
	memset(&x->dates, 0, sizeof(x->dates));
	x->table++;
	return 0;
io:
	snprintf(err, errlen, "cannot write \"%s\": %s", path, strerror(errno));
	return -1;
}

struct csv_export *csv_export_begin(struct db *db, int snapshot, const char *dir, int64_t now,
    char *err, size_t errlen)
{
	size_t count = BJJ_ARRAY_LEN(db_csv_tables);
	struct csv_export *x;
	struct civil c;

	if (*dir == '\0') {
		snprintf(err, errlen, "no folder to export to");
		return NULL;
	}
	if (db_csv_mkdirs(dir, err, errlen) != 0)
		return NULL;
	x = xcalloc(1, sizeof(*x));
	x->db = db;
	x->files = xcalloc(count, sizeof(*x->files));
	civil_split(now, &c);
	for (size_t i = 0; i < count; i++) {
		x->files[i].table = db_csv_tables[i].name;
		/* Seconds too, so two exports in one minute keep both sets;
		 * zone offsets are whole minutes, so UTC seconds are local. */
		x->files[i].path = xasprintf("%s%s%s-%04d%02d%02d-%02d%02d%02d.csv", dir,
		    dir[strlen(dir) - 1] == '/' ? "" : "/", x->files[i].table, c.year, c.month, c.day,
		    c.minute / 60, c.minute % 60, (int)(now % 60));
	}
	/* All five files from one snapshot, however many steps they take. */
	if (snapshot) {
		if (sqlite3_exec(db->h, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
			snprintf(err, errlen, "cannot begin reading: %s", db_errmsg(db));
			csv_export_free(x);
			return NULL;
		}
		x->snapshot = 1;
	}
	return x;
}

int csv_export_step(struct csv_export *x, double budget, char *err, size_t errlen)
{
	size_t count = BJJ_ARRAY_LEN(db_csv_tables);
	double until = budget > 0 ? clock_mono() + budget : 0;
	unsigned rows = 0;
	int step;

	while (x->table < count) {
		const struct db_csv_table *t = &db_csv_tables[x->table];

		if (x->fp == NULL && csv_export_open(x, err, errlen) != 0)
			goto fail;
		while ((step = db_step_row(x->db, x->st, "export")) == DB_OK) {
			db_csv_row(x->st, t, &x->dates, &x->line);
			x->files[x->table].rows++;
			if (fwrite(x->line.s, 1, x->line.len, x->fp) != x->line.len)
				goto io;
			x->unsynced += x->line.len;
			buf_truncate(&x->line, 0);
			if (until > 0 && ++rows % CSV_ROWS_PER_CLOCK == 0 && clock_mono() >= until) {
				if (x->unsynced >= CSV_SYNC_BYTES && csv_export_sync(x) != 0)
					goto io;
				return 1;
			}
		}
		if (step != DB_NOTFOUND) {
			snprintf(err, errlen, "cannot read the %s: %s", t->name, db_errmsg(x->db));
			goto fail;
		}
		if (csv_export_close(x, err, errlen) != 0)
			goto fail;
		if (until > 0 && x->table < count && clock_mono() >= until)
			return 1;
	}
	return 0;
io:
	snprintf(err, errlen, "cannot write \"%s\": %s", x->files[x->table].path, strerror(errno));
fail:
	log_error("csv", "export: %s", err);
	csv_export_drop(x);
	return -1;
}

struct csv_file *csv_export_take(struct csv_export *x, size_t *n)
{
	struct csv_file *v = x->files;

	*n = BJJ_ARRAY_LEN(db_csv_tables);
	x->files = NULL;
	return v;
}

void csv_export_free(struct csv_export *x)
{
	if (x == NULL)
		return;
	csv_export_drop(x);
	if (x->snapshot)
		sqlite3_exec(x->db->h, "ROLLBACK", NULL, NULL, NULL);
	csv_files_free(x->files, BJJ_ARRAY_LEN(db_csv_tables));
	buf_release(&x->line);
	free(x);
}

int db_csv_export(struct db *db, const char *dir, int64_t now, struct csv_file **files,
    size_t *n, char *err, size_t errlen)
{
	struct csv_export *x = csv_export_begin(db, 0, dir, now, err, errlen);

	*files = NULL;
	*n = 0;
	if (x == NULL) {
		log_error("csv", "export: %s", err);
		return DB_ERROR;
	}
	if (csv_export_step(x, 0, err, errlen) != 0) {
		csv_export_free(x);
		return DB_ERROR;
	}
	*files = csv_export_take(x, n);
	csv_export_free(x);
	return DB_OK;
}

/* ---- import ---------------------------------------------------------- */

/* A checked row, ready to insert. */
struct db_import_row {
	int line;
	char *first, *last, *email, *birth;
	char *emergency, *medical;  /* NULL when empty or not in the file */
	char *belt;            /* owned, lower case */
	char phone[PHONE_MAX]; /* "" when none */
	int stripes;
	int64_t tg_id;         /* 0 when none */
};

/* The import in progress. */
struct db_import {
	struct db *db;
	const char *path;
	int64_t now;
	struct buf problems;
	int n_problems;
	/* student ids inserted so far and the lines they came from, to tell
	 * a duplicate within the file from one already in the database */
	int64_t *ids;
	int *lines;
	size_t n_ids, cap_ids, cap_lines;
};

/* Record a problem on line (0: the whole file). */
static void db_import_problem(struct db_import *im, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void db_import_problem(struct db_import *im, int line, const char *fmt, ...)
{
	va_list ap;

	if (++im->n_problems > CSV_PROBLEMS_MAX)
		return;
	if (line > 0)
		buf_addf(&im->problems, "%s: line %d: ", im->path, line);
	else
		buf_addf(&im->problems, "%s: ", im->path);
	va_start(ap, fmt);
	buf_vaddf(&im->problems, fmt, ap);
	va_end(ap);
	buf_addc(&im->problems, '\n');
}

/* The whole file at path into *text (owned). 0, or -1 with a problem. */
static int db_import_read(struct db_import *im, char **text, size_t *len)
{
	FILE *fp = fopen(im->path, "rb");
	struct buf b = { 0 };
	char chunk[65536];
	size_t got;
	int rc = -1;

	*text = NULL;
	*len = 0;
	if (fp == NULL) {
		db_import_problem(im, 0, "cannot open: %s", strerror(errno));
		return -1;
	}
	while ((got = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
		buf_add(&b, chunk, got);
		if (b.len > CSV_IMPORT_MAX_BYTES) {
			db_import_problem(im, 0, "the file is bigger than %d MB",
			    CSV_IMPORT_MAX_BYTES / (1024 * 1024));
			goto out;
		}
	}
	if (ferror(fp)) {
		db_import_problem(im, 0, "cannot read: %s", strerror(errno));
		goto out;
	}
	*len = b.len;
	*text = buf_detach(&b);
	if (*text == NULL)
		*text = xstrdup("");
	rc = 0;
out:
	buf_release(&b);
	fclose(fp);
	return rc;
}

/* The required columns come first, the optional ones from COL_OPTIONAL. */
enum db_import_col {
	COL_FIRST, COL_LAST, COL_PHONE, COL_EMAIL, COL_BELT, COL_STRIPES, COL_BIRTH, COL_TG,
	COL_EMERGENCY, COL_MEDICAL,
	COL_COUNT,
	COL_OPTIONAL = COL_EMERGENCY,
};
static const char *const db_import_cols[COL_COUNT] = {
	"first_name", "last_name", "phone", "email", "belt", "stripes", "birth_date",
	"telegram_id", "emergency_contact", "medical_notes",
};
/* pos[c] of an optional column the file does not have. */
#define COL_ABSENT ((size_t)-1)

/* Strip the spaces spreadsheets leave around values, in place. */
static char *db_trim(char *s)
{
	size_t n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	return s;
}

/* Map the header to columns: pos[c] = field index of column c, COL_ABSENT
 * for a missing optional one. 0 or -1. */
static int db_import_header(struct db_import *im, char **fields, size_t n, int line,
    size_t pos[COL_COUNT])
{
	struct buf unknown = { 0 }, missing = { 0 };
	int seen[COL_COUNT] = { 0 }, c, bad = 0;

	for (size_t i = 0; i < n; i++) {
		const char *name = db_trim(fields[i]);

		for (c = 0; c < COL_COUNT && strcmp(name, db_import_cols[c]) != 0; c++)
			;
		if (c == COL_COUNT) {
			buf_addf(&unknown, "%s\"%s\"", unknown.len ? ", " : "", name);
		} else if (seen[c]++) {
			db_import_problem(im, line, "the column \"%s\" appears twice", name);
			bad = 1;
		} else {
			pos[c] = i;
		}
	}
	for (c = 0; c < COL_COUNT; c++) {
		if (!seen[c] && c >= COL_OPTIONAL)
			pos[c] = COL_ABSENT;
		else if (!seen[c])
			buf_addf(&missing, "%s%s", missing.len ? ", " : "", db_import_cols[c]);
	}
	if (unknown.len > 0)
		db_import_problem(im, line, "unknown column(s) %s; the columns are "
		    CSV_STUDENT_COLUMNS " and optionally " CSV_STUDENT_OPTIONAL, buf_str(&unknown));
	if (missing.len > 0)
		db_import_problem(im, line, "missing column(s) %s", buf_str(&missing));
	bad |= unknown.len > 0 || missing.len > 0;
	buf_release(&unknown);
	buf_release(&missing);
	return bad ? -1 : 0;
}

static void db_import_row_release(struct db_import_row *r)
{
	free(r->first);
	free(r->last);
	free(r->email);
	free(r->birth);
	free(r->belt);
	free(r->emergency);
	free(r->medical);
	memset(r, 0, sizeof(*r));
}

/* The line an inserted student came from, or 0 when it was there before. */
static int db_import_line_of(const struct db_import *im, int64_t id)
{
	for (size_t i = 0; i < im->n_ids; i++) {
		if (im->ids[i] == id)
			return im->lines[i];
	}
	return 0;
}

/* The student holding a phone or a Telegram id (?1 each), 0 when none;
 * -1 on a database failure. */
static int64_t db_import_holder(struct db_import *im, sqlite3_stmt *st, const char *phone,
    int64_t tg_id)
{
	int64_t id = 0;
	int rc;

	if (st == NULL)
		return -1;
	if (phone != NULL)
		db_bind_text(st, 1, phone);
	else
		sqlite3_bind_int64(st, 1, tg_id);
	rc = db_step_row(im->db, st, "import duplicate check");
	if (rc == DB_OK)
		id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == DB_ERROR ? -1 : id;
}

/* Report a phone or Telegram id (what, shown as value) that student id
 * already has. */
static void db_import_dup(struct db_import *im, int line, const char *what,
    const char *value, int64_t id)
{
	int other = db_import_line_of(im, id);

	if (other > 0)
		db_import_problem(im, line, "%s %s is also on line %d", what, value, other);
	else
		db_import_problem(im, line, "%s %s already belongs to student #%lld", what,
		    value, (long long)id);
}

/* Check the values of one record into *r. 0, 1 when it has problems
 * (recorded), -1 on a database failure. */
static int db_import_check(struct db_import *im, char **fields, const size_t pos[COL_COUNT],
    int line, struct db_import_row *r)
{
	sqlite3_stmt *belt = db_stmt_get(im->db, "SELECT max_stripes FROM belts WHERE code = ?1");
	const char *v[COL_COUNT];
	int before = im->n_problems, y, m, d, max_stripes = 0;
	char iso[CIVIL_DATE_LEN];
	int64_t n;

	for (int c = 0; c < COL_COUNT; c++)
		v[c] = pos[c] == COL_ABSENT ? "" : db_trim(fields[pos[c]]);
	memset(r, 0, sizeof(*r));
	r->line = line;
	if (*v[COL_FIRST] == '\0')
		db_import_problem(im, line, "first_name is empty");
	else if (utf8_len(v[COL_FIRST]) > CSV_NAME_MAX || utf8_len(v[COL_LAST]) > CSV_NAME_MAX)
		db_import_problem(im, line, "names must be at most %d characters", CSV_NAME_MAX);
	if (*v[COL_PHONE] != '\0' && phone_normalize(v[COL_PHONE], r->phone) != 0)
		db_import_problem(im, line, "\"%s\" is not a phone number", v[COL_PHONE]);
	if (*v[COL_EMAIL] != '\0' && (strchr(v[COL_EMAIL], '@') == NULL ||
	    strpbrk(v[COL_EMAIL], " \t") != NULL || strlen(v[COL_EMAIL]) > CSV_EMAIL_MAX))
		db_import_problem(im, line, "\"%s\" is not an e-mail address", v[COL_EMAIL]);

	r->belt = xstrdup(*v[COL_BELT] != '\0' ? v[COL_BELT] : "white");
	for (char *p = r->belt; *p; p++) {
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	}
	if (belt == NULL)
		return -1;
	db_bind_text(belt, 1, r->belt);
	switch (db_step_row(im->db, belt, "import belt")) {
	case DB_OK:
		max_stripes = sqlite3_column_int(belt, 0);
		break;
	case DB_NOTFOUND:
		db_import_problem(im, line, "unknown belt \"%s\"", v[COL_BELT]);
		max_stripes = 6;
		break;
	default:
		sqlite3_reset(belt);
		return -1;
	}
	sqlite3_reset(belt);
	if (*v[COL_STRIPES] != '\0' && (strspn(v[COL_STRIPES], "0123456789") !=
	    strlen(v[COL_STRIPES]) || parse_i64(v[COL_STRIPES], &n) != 0 || n > max_stripes))
		db_import_problem(im, line, "stripes \"%s\" is not a number from 0 to %d",
		    v[COL_STRIPES], max_stripes);
	else if (*v[COL_STRIPES] != '\0')
		r->stripes = (int)n;
	if (*v[COL_BIRTH] != '\0' && (civil_parse_date(v[COL_BIRTH], &y, &m, &d) != 0 ||
	    civil_local(y, m, d, 0) > im->now))
		db_import_problem(im, line, "birth_date \"%s\" is not a past date (YYYY-MM-DD)",
		    v[COL_BIRTH]);
	if (*v[COL_TG] != '\0' && (strspn(v[COL_TG], "0123456789") != strlen(v[COL_TG]) ||
	    parse_i64(v[COL_TG], &r->tg_id) != 0 || r->tg_id <= 0))
		db_import_problem(im, line, "telegram_id \"%s\" is not a Telegram user id",
		    v[COL_TG]);
	if (utf8_len(v[COL_EMERGENCY]) > CSV_EMERGENCY_MAX)
		db_import_problem(im, line, "emergency_contact must be at most %d characters",
		    CSV_EMERGENCY_MAX);
	if (utf8_len(v[COL_MEDICAL]) > CSV_MEDICAL_MAX)
		db_import_problem(im, line, "medical_notes must be at most %d characters",
		    CSV_MEDICAL_MAX);
	r->first = xstrdup(v[COL_FIRST]);
	r->last = xstrdup(v[COL_LAST]);
	r->email = *v[COL_EMAIL] != '\0' ? xstrdup(v[COL_EMAIL]) : NULL;
	r->emergency = *v[COL_EMERGENCY] != '\0' ? xstrdup(v[COL_EMERGENCY]) : NULL;
	r->medical = *v[COL_MEDICAL] != '\0' ? xstrdup(v[COL_MEDICAL]) : NULL;
	/* As YYYY-MM-DD, whichever form the file used. */
	if (*v[COL_BIRTH] != '\0' && civil_parse_date(v[COL_BIRTH], &y, &m, &d) == 0) {
		civil_format_date(iso, y, m, d);
		r->birth = xstrdup(iso);
	}
	return im->n_problems > before ? 1 : 0;
}

/* Insert a checked row unless its phone or Telegram id is taken (in the
 * database or by an earlier line). 0, 1 on a duplicate (recorded), -1 on
 * a database failure. */
static int db_import_insert(struct db_import *im, const struct db_import_row *r)
{
	sqlite3_stmt *by_phone = db_stmt_get(im->db, "SELECT id FROM students WHERE phone = ?1");
	sqlite3_stmt *by_tg = db_stmt_get(im->db, "SELECT id FROM students WHERE tg_id = ?1");
	sqlite3_stmt *ins = db_stmt_get(im->db,
	    "INSERT INTO students (first_name, last_name, phone, email, belt, stripes, "
	    "birth_date, tg_id, created_at, emergency_contact, medical_notes) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
	char tg[24];
	int64_t id;
	int dup = 0, rc;

	if (r->phone[0] != '\0') {
		if ((id = db_import_holder(im, by_phone, r->phone, 0)) < 0)
			return -1;
		if (id > 0) {
			db_import_dup(im, r->line, "phone", r->phone, id);
			dup = 1;
		}
	}
	if (r->tg_id > 0) {
		if ((id = db_import_holder(im, by_tg, NULL, r->tg_id)) < 0)
			return -1;
		if (id > 0) {
			snprintf(tg, sizeof(tg), "%lld", (long long)r->tg_id);
			db_import_dup(im, r->line, "telegram_id", tg, id);
			dup = 1;
		}
	}
	if (dup)
		return 1;
	if (ins == NULL)
		return -1;
	db_bind_text(ins, 1, r->first);
	db_bind_text(ins, 2, r->last);
	db_bind_text(ins, 3, r->phone[0] != '\0' ? r->phone : NULL);
	db_bind_text(ins, 4, r->email);
	db_bind_text(ins, 5, r->belt);
	sqlite3_bind_int(ins, 6, r->stripes);
	db_bind_text(ins, 7, r->birth);
	if (r->tg_id > 0)
		sqlite3_bind_int64(ins, 8, r->tg_id);
	sqlite3_bind_int64(ins, 9, im->now);
	db_bind_text(ins, 10, r->emergency);
	db_bind_text(ins, 11, r->medical);
	rc = db_step_done(im->db, ins, "import student");
	if (rc == DB_CONSTRAINT) {
		db_import_problem(im, r->line, "the database refused this row");
		return 1;
	}
	if (rc != DB_OK)
		return -1;
	XGROW(im->ids, im->cap_ids, im->n_ids + 1);
	XGROW(im->lines, im->cap_lines, im->n_ids + 1);
	im->ids[im->n_ids] = sqlite3_last_insert_rowid(im->db->h);
	im->lines[im->n_ids] = r->line;
	im->n_ids++;
	return 0;
}

/* Every record after the header: check, insert. 0 or -1 (database). */
static int db_import_rows(struct db_import *im, struct csv_reader *rd, const size_t pos[COL_COUNT],
    size_t ncols)
{
	struct db_import_row row = { 0 };
	char **fields = NULL;
	size_t n = 0;
	int line = 0, got, rc = 0;

	while ((got = csv_next(rd, &fields, &n, &line)) == 1) {
		/* A blank line (often the last one) is not a student. */
		if (n == 1 && *db_trim(fields[0]) == '\0') {
			strv_free(fields, n);
			continue;
		}
		if (n != ncols) {
			db_import_problem(im, line, "%zu fields, expected %zu", n, ncols);
		} else {
			rc = db_import_check(im, fields, pos, line, &row);
			if (rc == 0)
				rc = db_import_insert(im, &row);
			db_import_row_release(&row);
		}
		strv_free(fields, n);
		if (rc < 0)
			return -1;
	}
	if (got < 0)
		db_import_problem(im, rd->line, "%s", rd->error);
	return 0;
}

int db_students_import(struct db *db, const char *path, int64_t now, int *imported,
    char **problems)
{
	struct db_import im = { .db = db, .path = path, .now = now };
	struct csv_reader rd;
	size_t len = 0, bad, pos[COL_COUNT] = { 0 }, n = 0;
	char *text = NULL, **fields = NULL;
	int line = 0, rc = DB_CONSTRAINT, got;

	*imported = 0;
	*problems = NULL;
	if (db_import_read(&im, &text, &len) != 0)
		goto out;
	if ((bad = utf8_invalid_at(text, len)) < len) {
		int at = 1;
		for (size_t i = 0; i < bad; i++)
			at += text[i] == '\n';
		db_import_problem(&im, at, "not UTF-8 text; save the file as \"CSV UTF-8\"");
		goto out;
	}
	csv_reader_init(&rd, text, len);
	got = csv_next(&rd, &fields, &n, &line);
	if (got <= 0) {
		db_import_problem(&im, got < 0 ? rd.line : 0, "%s", got < 0 ? rd.error :
		    "the file is empty; the first line must be " CSV_STUDENT_COLUMNS);
		goto out;
	}
	if (db_import_header(&im, fields, n, line, pos) != 0)
		goto out;
	if (db_atomic_begin(db) != DB_OK) {
		rc = DB_ERROR;
		goto out;
	}
	rc = db_import_rows(&im, &rd, pos, n) == 0 ? DB_OK : DB_ERROR;
	if (rc == DB_OK && im.n_problems > 0)
		rc = DB_CONSTRAINT;
	rc = db_atomic_end(db, rc);
	if (rc == DB_OK)
		*imported = (int)im.n_ids;
out:
	if (rc == DB_ERROR)
		db_import_problem(&im, 0, "the database failed; nothing was imported");
	if (im.n_problems > CSV_PROBLEMS_MAX)
		buf_addf(&im.problems, "... and %d more problem(s)\n",
		    im.n_problems - CSV_PROBLEMS_MAX);
	if (rc != DB_OK)
		*problems = buf_detach(&im.problems);
	buf_release(&im.problems);
	strv_free(fields, n);
	free(im.ids);
	free(im.lines);
	free(text);
	return rc;
}
