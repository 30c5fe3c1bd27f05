/*
 * files.h — files, folders and databases for the tests: a fresh folder
 * under /tmp and its removal, a file written or read whole, a migrated
 * database at a path, the process's time zone. Each fails the running
 * cmocka test when the system refuses. Built into bjj_test_support.
 */
#ifndef BJJ_TESTS_FILES_H
#define BJJ_TESTS_FILES_H

#include <stddef.h>

struct db;

/* A new empty folder /tmp/bjj-test-<tag>-XXXXXX; its path, owned. */
char *tf_tmpdir(const char *tag);

/* Remove dir and everything in it. */
void tf_rm_rf(const char *dir);

/* Write text as dir/name (replacing it); the file's path, owned. */
char *tf_write(const char *dir, const char *name, const char *text);

/* The whole file at path, NUL-terminated, owned ("" when empty); its
 * length in *len unless len is NULL. */
char *tf_read(const char *path, size_t *len);

/* The database at path (":memory:" too), opened and migrated. */
struct db *tf_db_migrated(const char *path);

/* Set the process's time zone (TZ) to tz. */
void tf_tz(const char *tz);

#endif
