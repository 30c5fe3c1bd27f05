/*
 * csv.h — CSV files for spreadsheets: writing fields with RFC 4180
 * quoting, reading records back, exporting the academy's data and
 * importing students.
 *
 * Files are UTF-8 with a byte order mark (Excel needs it to read
 * Cyrillic; LibreOffice and Numbers ignore it), CRLF line ends, a header
 * row; times are local "YYYY-MM-DD HH:MM", money is major units with a dot
 * ("4000.50"), so every spreadsheet reads them as numbers and dates.
 *
 * Callers: handlers/admin.c (/export), bot/main.c (bjjbot export and
 * bjjbot import students), tests.
 */
#ifndef BJJ_STORAGE_CSV_H
#define BJJ_STORAGE_CSV_H

#include <stddef.h>
#include <stdint.h>

#include "storage/db.h"

struct buf;

/* UTF-8 byte order mark written at the start of every exported file. */
#define CSV_BOM "\xEF\xBB\xBF"

/* Append one field, preceded by a comma unless first; quoted (with quotes
 * doubled) when it holds a comma, a quote, CR or LF. s NULL is empty. */
void csv_add_field(struct buf *b, const char *s, int first);
/* Append minor units as "4000.50" (always two decimals). */
void csv_add_money(struct buf *b, int64_t minor);

/*
 * A reader over a text held in memory (borrowed for the reader's life).
 * Records end at LF or CRLF; a quoted field may hold commas, doubled
 * quotes and line breaks. A leading byte order mark is skipped.
 */
struct csv_reader {
	const char *p, *end;
	int line;              /* the line the reader is at, from 1 */
	const char *error;     /* what was wrong, after csv_next returned -1 */
};
void csv_reader_init(struct csv_reader *r, const char *text, size_t len);
/*
 * The next record: 1 with *fields (owned, strv_free(*fields, *n)) and
 * *line (where the record starts); 0 at the end; -1 on malformed input
 * (r->error says what, r->line where).
 */
int csv_next(struct csv_reader *r, char ***fields, size_t *n, int *line);

/* One exported file. */
struct csv_file {
	char *path;            /* owned */
	const char *table;     /* "students", "attendance", ...: a literal */
	int64_t rows;          /* data rows, the header not counted */
};
void csv_files_free(struct csv_file *v, size_t n);

/*
 * Write students, attendance, payments, subscriptions and promotions to
 * dir (created with its parents when missing) as <table>-YYYYMMDD-HHMMSS.csv,
 * named by the local time now. Each file is written beside its final name
 * and renamed into place, so a reader never sees half a file. DB_OK with
 * *files (owned) and *n; DB_ERROR with the reason in err (a file that
 * cannot be written is named there).
 */
int db_csv_export(struct db *db, const char *dir, int64_t now, struct csv_file **files,
    size_t *n, char *err, size_t errlen);
/*
 * The same export in steps, for the bot's loop: begin names the files
 * (as db_csv_export) and, with snapshot, begins a read transaction on db
 * so that every file shows one moment however many steps it takes (give
 * it a connection of its own then; csv_export_free ends it). Each step
 * writes rows for about budget seconds (<= 0: to the end) and returns 1
 * while rows are left, 0 when every file is in place (csv_export_take),
 * -1 with err (logged) when reading or writing failed; the file being
 * written is removed then, as by csv_export_free of an unfinished export.
 */
struct csv_export;
struct csv_export *csv_export_begin(struct db *db, int snapshot, const char *dir, int64_t now,
    char *err, size_t errlen);
int csv_export_step(struct csv_export *x, double budget, char *err, size_t errlen);
/* The files of a finished export (owned by the caller: csv_files_free). */
struct csv_file *csv_export_take(struct csv_export *x, size_t *n);
/* Accepts NULL. */
void csv_export_free(struct csv_export *x);
/* 1 when name (no folder) is one db_csv_export writes, or its ".part":
 * a table it exports, "-YYYYMMDD-HHMMSS.csv". */
int csv_export_name(const char *name);

/* The columns of a students import file, in any order; the optional ones
 * may be left out. */
#define CSV_STUDENT_COLUMNS "first_name,last_name,phone,email,belt,stripes,birth_date,telegram_id"
#define CSV_STUDENT_OPTIONAL "emergency_contact,medical_notes"

/*
 * Import the students of the CSV file at path, created at now. Every row
 * is checked first (names, phone_normalize, belt against the belts table,
 * stripes, birth date, Telegram id, emergency contact and medical notes
 * lengths, phones and Telegram ids taken in the file or in the database);
 * all rows go in, or none does. Returns DB_OK
 * with *imported; DB_CONSTRAINT when the file is refused, with *problems
 * (owned) holding one "PATH: line N: what" per line (at most a screenful);
 * DB_ERROR when the database failed (logged; *problems says so too).
 */
int db_students_import(struct db *db, const char *path, int64_t now, int *imported,
    char **problems);

#endif
