/*
 * fuzz_support.c — see fuzz_support.h.
 */
#include "tests/fuzz/fuzz_support.h"

#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/mman.h>
#include <unistd.h>

#include "bot/demo.h"
#include "bot/log.h"
#include "bot/util.h"
#include "storage/admin.h"
#include "storage/db.h"
#include "storage/store.h"

/* Besides the demo's people: a deactivated student who kept the link, and
 * a trainer who left. */
#define FZ_GONE_STUDENT_TG 3099
#define FZ_GONE_TRAINER_TG 2099

static const int64_t fz_senders[] = {
	DEMO_OWNER_ID, DEMO_TRAINER_TG, DEMO_STUDENT_TG, DEMO_STUDENT_TG + 1,
	DEMO_STUDENT_TG + 2, 777, 778, FZ_GONE_STUDENT_TG, FZ_GONE_TRAINER_TG,
};

void fz_fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("fuzz: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	abort();
}

/* The people the demo lacks, linked, then taken away. */
static void fz_add_leavers(struct db *db)
{
	int64_t id = 0;

	if (db_student_add(db, "Gone", "Away", "+79000000999", NULL, 0, FZ_NOW, &id) != DB_OK ||
	    db_person_link(db, PERSON_STUDENT, id, FZ_GONE_STUDENT_TG) != DB_OK ||
	    db_student_set_active(db, id, 0, NULL) != DB_OK)
		fz_fail("cannot add the deactivated student");
	if (db_trainer_add(db, "Left", "Coach", "+79000000998", FZ_NOW, &id) != DB_OK ||
	    db_person_link(db, PERSON_TRAINER, id, FZ_GONE_TRAINER_TG) != DB_OK ||
	    db_trainer_set_active(db, id, 0, NULL) != DB_OK)
		fz_fail("cannot add the former trainer");
}

static void fz_env(struct fz_academy *a)
{
	struct h_env *env = &a->env;

	a->owners[0] = DEMO_OWNER_ID;
	env->db = a->db;
	env->bot_username = "FuzzBot";
	env->owner_ids = a->owners;
	env->n_owners = 1;
	env->academy_name = "Fuzz <&> BJJ";
	env->currency = "RUB";
	env->default_lang = LANG_RU;
	env->invite_days = 7;
	env->checkin_before = 60;
	env->checkin_after = 30;
	env->schedule_days = 14;
	env->export_dir = a->export_dir;
	env->backup_dir = a->backup_dir;
	env->remind_hours_before = 2;
	env->missed_threshold = 2;
	env->absent_days = 10;
	env->payment_days_before = 3;
	env->quiet_start = 22 * 60;
	env->quiet_end = 9 * 60;
	env->now = FZ_NOW;
	/* test_mode stays 0: /debug_crash would abort on purpose. */
}

struct fz_academy *fz_academy(void)
{
	static struct fz_academy *a;
	const char *tmp = getenv("TMPDIR");
	char err[256];

	if (a != NULL)
		return a;
	/* Only failures are worth a line; the handlers log every refusal. */
	log_set_level(LOG_ERROR);
	setenv("TZ", "Europe/Moscow", 1);
	tzset();
	clock_set_fake(FZ_NOW);
	a = xcalloc(1, sizeof *a);
	a->dir = xasprintf("%s/bjj-fuzz-XXXXXX", tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
	if (mkdtemp(a->dir) == NULL)
		fz_fail("cannot make a folder in %s", a->dir);
	a->export_dir = xasprintf("%s/exports", a->dir);
	a->backup_dir = xasprintf("%s/backups", a->dir);
	a->db = db_open(":memory:", err, sizeof err);
	if (a->db == NULL || db_migrate(a->db, NULL, err, sizeof err) != 0)
		fz_fail("database: %s", err);
	fz_env(a);
	if (demo_seed(&a->env) != 0)
		fz_fail("cannot seed the demo academy");
	fz_add_leavers(a->db);
	return a;
}

void fz_academy_tidy(struct fz_academy *a)
{
	DIR *d = opendir(a->export_dir);
	struct dirent *e;

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		char *path;

		if (e->d_name[0] == '.')
			continue;
		path = xasprintf("%s/%s", a->export_dir, e->d_name);
		unlink(path);
		free(path);
	}
	closedir(d);
}

struct h_msg fz_msg(uint8_t who, uint8_t flags)
{
	static const char *const langs[] = { "en", "ru", NULL, "pt-br" };
	struct h_msg m;

	memset(&m, 0, sizeof m);
	m.kind = H_MSG_TEXT;
	m.update_id = 1;
	m.from_id = fz_senders[who % BJJ_ARRAY_LEN(fz_senders)];
	m.from_first = "Fuzz";
	m.from_last = "Tester";
	m.from_username = "fuzz_tester";
	m.lang_code = langs[flags & 3];
	m.is_private = (flags & 4) == 0;
	m.chat_id = m.is_private ? m.from_id : FZ_GROUP_CHAT;
	m.message_id = 42;
	return m;
}

void fz_dispatch(struct fz_academy *a, const struct h_msg *m)
{
	long errors = db_error_count(a->db);
	const char *summary = NULL;

	a->env.now = FZ_NOW;
	if (db_savepoint(a->db) != DB_OK)
		fz_fail("savepoint: %s", db_errmsg(a->db));
	if (h_dispatch(&a->env, m, &summary) != 0)
		fz_fail("h_dispatch failed (%s) for \"%s\"", summary ? summary : "?",
		    m->text ? m->text : m->cb_data ? m->cb_data : "");
	if (summary == NULL)
		fz_fail("h_dispatch left no summary");
	if (db_error_count(a->db) != errors)
		fz_fail("a statement failed (%s): %s", summary, db_errmsg(a->db));
	if (db_savepoint_release(a->db) != DB_OK)
		fz_fail("release: %s", db_errmsg(a->db));
}

char *fz_str(const uint8_t *data, size_t size)
{
	char *s = xmalloc(size + 1);

	if (size > 0)
		memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

size_t fz_split(char *s, size_t size, char **parts, size_t max)
{
	size_t n = 0, at = 0;

	while (n < max) {
		parts[n++] = s + at;
		at += strlen(s + at);
		if (at >= size)
			break;
		at++;          /* past the NUL */
	}
	return n;
}

const char *fz_file(const uint8_t *data, size_t size)
{
	static int fd = -1;
	static char path[64];

	if (fd < 0) {
		fd = memfd_create("bjj-fuzz", 0);
		if (fd < 0)
			fz_fail("memfd_create failed");
		snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	}
	if (ftruncate(fd, 0) != 0 || pwrite(fd, data, size, 0) != (ssize_t)size)
		fz_fail("cannot write the input file");
	return path;
}
