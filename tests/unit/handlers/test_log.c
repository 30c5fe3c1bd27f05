/*
 * test_log.c — the log file: created 0600 whatever the umask (an existing
 * one keeps its mode and its lines), re-opened after logrotate moved it,
 * lines below the level left out, and the level names.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "lib/log.h"
#include "files.h"
#include "test_main.h"

struct logdir {
	char dir[64];
	char path[128];
	mode_t umask_was;
};

static int log_setup(void **state)
{
	struct logdir *d = calloc(1, sizeof(*d));

	assert_non_null(d);
	strcpy(d->dir, "/tmp/bjj-test-log.XXXXXX");
	assert_non_null(mkdtemp(d->dir));
	snprintf(d->path, sizeof(d->path), "%s/bjjbot.log", d->dir);
	/* The usual umask, which alone would make the file 0644. */
	d->umask_was = umask(022);
	*state = d;
	return 0;
}

static int log_teardown(void **state)
{
	struct logdir *d = *state;
	char old[160];

	log_close();
	log_set_level(LOG_INFO);
	umask(d->umask_was);
	snprintf(old, sizeof(old), "%s.1", d->path);
	unlink(old);
	unlink(d->path);
	rmdir(d->dir);
	free(d);
	return 0;
}

static mode_t file_mode(const char *path)
{
	struct stat st;

	assert_int_equal(stat(path, &st), 0);
	return st.st_mode & 07777;
}

static void test_log_created_private(void **state)
{
	struct logdir *d = *state;
	char *text;

	assert_int_equal(log_open(d->path), 0);
	assert_int_equal(file_mode(d->path), 0600);
	log_info("test", "hello %d", 42);
	text = tf_read(d->path, NULL);
	assert_non_null(strstr(text, "Z info  test: hello 42\n"));
	free(text);
}

/* An existing log (say one an admin made group-readable) keeps its mode
 * and its lines; new lines are appended. */
static void test_log_existing_kept(void **state)
{
	struct logdir *d = *state;
	FILE *fp = fopen(d->path, "w");
	char *text;

	assert_non_null(fp);
	fputs("earlier line\n", fp);
	fclose(fp);
	assert_int_equal(chmod(d->path, 0640), 0);
	assert_int_equal(log_open(d->path), 0);
	log_warn("test", "later");
	assert_int_equal(file_mode(d->path), 0640);
	text = tf_read(d->path, NULL);
	assert_true(strncmp(text, "earlier line\n", 13) == 0);
	assert_non_null(strstr(text + 13, "warn  test: later\n"));
	free(text);
}

/* logrotate renames the file, then SIGHUP: the bot writes a new 0600 one. */
static void test_log_reopen_after_rotation(void **state)
{
	struct logdir *d = *state;
	char old[160], *text;

	assert_int_equal(log_open(d->path), 0);
	log_info("test", "before rotation");
	snprintf(old, sizeof(old), "%s.1", d->path);
	assert_int_equal(rename(d->path, old), 0);
	assert_int_equal(log_reopen(), 0);
	log_info("test", "after rotation");
	assert_int_equal(file_mode(d->path), 0600);
	text = tf_read(d->path, NULL);
	assert_null(strstr(text, "before rotation"));
	assert_non_null(strstr(text, "after rotation"));
	free(text);
	text = tf_read(old, NULL);
	assert_non_null(strstr(text, "before rotation"));
	assert_null(strstr(text, "after rotation"));
	free(text);
}

/* A file that cannot be made is an error; logging then goes to stderr and
 * a re-open has no file to re-open. */
static void test_log_open_fails(void **state)
{
	struct logdir *d = *state;
	char bad[160];

	snprintf(bad, sizeof(bad), "%s/missing/bjjbot.log", d->dir);
	assert_int_equal(log_open(bad), -1);
	assert_int_equal(log_reopen(), 0);
	assert_int_equal(log_open("stderr"), 0);
	assert_int_equal(log_open(""), 0);
	assert_int_equal(log_open(NULL), 0);
}

static void test_log_level(void **state)
{
	struct logdir *d = *state;
	char *text;

	assert_int_equal(log_open(d->path), 0);
	log_set_level(LOG_WARN);
	assert_int_equal(log_get_level(), LOG_WARN);
	log_info("test", "quiet");
	log_debug("test", "quieter");
	log_error("test", "loud");
	text = tf_read(d->path, NULL);
	assert_null(strstr(text, "quiet"));
	assert_non_null(strstr(text, "error test: loud\n"));
	free(text);

	assert_int_equal(log_level_parse("debug"), LOG_DEBUG);
	assert_int_equal(log_level_parse("error"), LOG_ERROR);
	assert_int_equal(log_level_parse("verbose"), -1);
	assert_int_equal(log_level_parse(NULL), -1);
	assert_string_equal(log_level_name(LOG_WARN), "warn");
	assert_string_equal(log_level_name((enum log_level)7), "?");
}

/* A test between log_setup and log_teardown. */
#define LOG_TEST(fn) cmocka_unit_test_setup_teardown(fn, log_setup, log_teardown)

BJJ_TEST_MAIN(
	LOG_TEST(test_log_created_private),
	LOG_TEST(test_log_existing_kept),
	LOG_TEST(test_log_reopen_after_rotation),
	LOG_TEST(test_log_open_fails),
	LOG_TEST(test_log_level),
)
