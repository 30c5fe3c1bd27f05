/*
 * fuzz_csv.c — a students import file: the CSV reader over the bytes,
 * then db_students_import of them as a file into the demo academy, in a
 * transaction rolled back afterwards. The reader must return fields for
 * every record and a reason with every error; the import must report a
 * refusal and count what it imported.
 */
#include <stdint.h>
#include <stdlib.h>

#include "lib/util.h"
#include "storage/csv.h"
#include "storage/db.h"
#include "tests/fuzz/fuzz_support.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fz_read_all(const uint8_t *data, size_t size)
{
	struct csv_reader rd;
	char **fields = NULL;
	size_t n = 0, i;
	int line = 0, got, last_line = 0;

	csv_reader_init(&rd, (const char *)data, size);
	while ((got = csv_next(&rd, &fields, &n, &line)) == 1) {
		if (n == 0 || fields == NULL)
			fz_fail("a record without fields");
		for (i = 0; i < n; i++) {
			if (fields[i] == NULL)
				fz_fail("field %zu of line %d is NULL", i, line);
		}
		if (line <= last_line)
			fz_fail("record at line %d after line %d", line, last_line);
		last_line = line;
		strv_free(fields, n);
		fields = NULL;
	}
	if (got < 0 && rd.error == NULL)
		fz_fail("a malformed record without a reason");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz_academy *a = fz_academy();
	long errors = db_error_count(a->db);
	char *problems = NULL;
	int imported = -1, rc;

	fz_read_all(data, size);
	if (db_begin(a->db) != DB_OK)
		fz_fail("begin: %s", db_errmsg(a->db));
	rc = db_students_import(a->db, fz_file(data, size), FZ_NOW, &imported, &problems);
	if (rc == DB_OK && (imported < 0 || problems != NULL))
		fz_fail("import ok with %d students and problems %s", imported,
		    problems ? problems : "none");
	if (rc == DB_CONSTRAINT && (imported != 0 || problems == NULL || *problems == '\0'))
		fz_fail("import refused without saying why");
	if (rc != DB_OK && rc != DB_CONSTRAINT)
		fz_fail("import failed (%d): %s", rc, problems ? problems : "");
	if (db_error_count(a->db) != errors)
		fz_fail("a statement failed: %s", db_errmsg(a->db));
	free(problems);
	if (db_rollback(a->db) != DB_OK)
		fz_fail("rollback: %s", db_errmsg(a->db));
	return 0;
}
