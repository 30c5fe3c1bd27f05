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

#include <cjson/cJSON.h>

#include "bot/demo.h"
#include "lib/log.h"
#include "bot/telegram.h"
#include "lib/util.h"
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

/* libFuzzer's start-up hook, for every target: cJSON allocates as the
 * bot does. */
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	tg_json_init();
	return 0;
}

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

	struct config *cfg = &a->cfg;

	cfg->owner_ids[0] = DEMO_OWNER_ID;
	cfg->n_owners = 1;
	cfg->academy_name = "Fuzz <&> BJJ";
	cfg->currency = "RUB";
	cfg->invite_days = 7;
	cfg->checkin_before = 60;
	cfg->checkin_after = 30;
	cfg->schedule_days = 14;
	cfg->export_dir = a->export_dir;
	cfg->backup_dir = a->backup_dir;
	cfg->remind_hours_before = 2;
	cfg->missed_threshold = 2;
	cfg->absent_days = 10;
	cfg->payment_days_before = 3;
	cfg->quiet_start = 22 * 60;
	cfg->quiet_end = 9 * 60;
	env->cfg = cfg;
	env->db = a->db;
	env->bot_username = "FuzzBot";
	env->default_lang = LANG_RU;
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

/* Telegram's HTML tags (parse_mode HTML). */
static const char *const fz_tags[] = {
	"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre",
	"tg-spoiler", "span", "blockquote", "tg-emoji",
};

static int fz_tag_known(const char *name, size_t len)
{
	for (size_t i = 0; i < BJJ_ARRAY_LEN(fz_tags); i++) {
		if (strlen(fz_tags[i]) == len && strncmp(fz_tags[i], name, len) == 0)
			return 1;
	}
	return 0;
}

/* Length of the entity at s ("&amp;", "&#123;", "&#x1F;"), 0 if none. */
static size_t fz_entity(const char *s)
{
	static const char *const named[] = { "&lt;", "&gt;", "&amp;", "&quot;" };
	size_t n = 2;

	for (size_t i = 0; i < BJJ_ARRAY_LEN(named); i++) {
		if (strncmp(s, named[i], strlen(named[i])) == 0)
			return strlen(named[i]);
	}
	if (s[1] != '#')
		return 0;
	if (s[2] == 'x') {
		for (n = 3; (s[n] >= '0' && s[n] <= '9') || (s[n] >= 'a' && s[n] <= 'f') ||
		    (s[n] >= 'A' && s[n] <= 'F'); n++)
			;
		return n > 3 && s[n] == ';' ? n + 1 : 0;
	}
	for (; s[n] >= '0' && s[n] <= '9'; n++)
		;
	return n > 2 && s[n] == ';' ? n + 1 : 0;
}

/* NULL when html is Telegram HTML, else what is wrong with it. */
static const char *fz_html_problem(const char *html)
{
	const char *open[16];
	size_t open_len[16], depth = 0;
	const char *p = html;

	while (*p != '\0') {
		if (*p == '&') {
			size_t n = fz_entity(p);
			if (n == 0)
				return "a bare '&'";
			p += n;
		} else if (*p == '>') {
			return "a bare '>'";
		} else if (*p == '<') {
			const char *end = strchr(p, '>'), *name = p + 1 + (p[1] == '/');
			size_t len = strcspn(name, " >");

			if (end == NULL || memchr(p + 1, '<', (size_t)(end - p - 1)) != NULL)
				return "a bare '<'";
			if (!fz_tag_known(name, len))
				return "an unknown tag";
			if (p[1] == '/') {
				if (depth == 0 || open_len[depth - 1] != len ||
				    strncmp(open[depth - 1], name, len) != 0)
					return "a closing tag that closes nothing open";
				depth--;
			} else {
				if (depth == BJJ_ARRAY_LEN(open))
					return "tags nested too deep";
				open[depth] = name;
				open_len[depth++] = len;
			}
			p = end + 1;
		} else {
			p++;
		}
	}
	return depth == 0 ? NULL : "a tag left open";
}

/* Telegram's length of s: UTF-16 units (a 4-byte character is two). */
static size_t fz_utf16_len(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c & 0xC0) != 0x80)
			n += c >= 0xF0 ? 2 : 1;
	}
	return n;
}

/* NULL when markup is an inline keyboard Telegram takes (or no markup). */
static const char *fz_markup_problem(const char *markup)
{
	cJSON *root = cJSON_Parse(markup);
	const cJSON *rows, *row, *btn;
	const char *why = NULL;

	if (root == NULL)
		return "reply_markup is not JSON";
	rows = cJSON_GetObjectItemCaseSensitive(root, "inline_keyboard");
	cJSON_ArrayForEach(row, rows) {
		cJSON_ArrayForEach(btn, row) {
			const cJSON *text = cJSON_GetObjectItemCaseSensitive(btn, "text");
			const cJSON *data = cJSON_GetObjectItemCaseSensitive(btn, "callback_data");

			if (!cJSON_IsString(text) || text->valuestring[0] == '\0')
				why = "a button without a text";
			else if (data != NULL && (!cJSON_IsString(data) || data->valuestring[0] == '\0' ||
			    strlen(data->valuestring) > 64))
				why = "callback_data empty or over 64 bytes";
		}
	}
	cJSON_Delete(root);
	return why;
}

/* What only the academy's staff may see: the demo students' last names
 * and the start of every demo phone. */
static const char *const fz_private[] = {
	"Petrov", "Ivanova", "Smirnov", "Kuznetsova", "Popov", "Sokolov", "Lebedev",
	"Morozova", "Novikov", "Orlov", "7900000",
};

/* NULL when text, sent to the group chat, shows nothing private that the
 * input did not say itself. */
static const char *fz_group_problem(const struct fz_academy *a, const char *text)
{
	for (size_t i = 0; i < BJJ_ARRAY_LEN(fz_private); i++) {
		int said = 0;

		if (text == NULL || strstr(text, fz_private[i]) == NULL)
			continue;
		for (size_t k = 0; k < a->n_parts && !said; k++)
			said = strstr(a->parts[k], fz_private[i]) != NULL;
		if (!said)
			return "personal data in a group chat";
	}
	return NULL;
}

static const char *fz_row_problem(const struct fz_academy *a, const struct outbox_item *it)
{
	const char *why = NULL;
	int utf8 = a->input_utf8;

	if (it->chat_id == FZ_GROUP_CHAT && (why = fz_group_problem(a, it->text)) != NULL)
		return why;
	if (utf8 && it->text != NULL && utf8_invalid_at(it->text, strlen(it->text)) !=
	    strlen(it->text))
		return "text that is not UTF-8";
	switch (it->method) {
	case OB_SEND_MESSAGE:
	case OB_EDIT_MESSAGE:
		if (it->text == NULL || it->text[0] == '\0')
			return "an empty message";
		if (fz_utf16_len(it->text) > 4096)
			return "a message over 4096 characters";
		if (!it->plain && (why = fz_html_problem(it->text)) != NULL)
			return why;
		if (it->method == OB_EDIT_MESSAGE && it->ref == NULL)
			return "an edit of no message";
		break;
	case OB_ANSWER_CALLBACK:
		if (it->ref == NULL)
			return "an answer to no callback";
		if (it->text != NULL && utf8_len(it->text) > 200)
			return "a toast over 200 characters";
		break;
	case OB_SEND_DOCUMENT:
		if (it->text != NULL && fz_utf16_len(it->text) > 1024)
			return "a caption over 1024 characters";
		if (it->text != NULL && (why = fz_html_problem(it->text)) != NULL)
			return why;
		break;
	default:
		break;
	}
	return it->markup != NULL ? fz_markup_problem(it->markup) : NULL;
}

void fz_check_outbox(struct fz_academy *a)
{
	struct outbox_item *items = NULL;
	size_t n = 0;

	if (db_outbox_due(a->db, INT64_MAX, 100000, &items, &n) != DB_OK)
		fz_fail("cannot read the outbox");
	for (size_t i = 0; i < n; i++) {
		const char *why = fz_row_problem(a, &items[i]);

		if (why != NULL)
			fz_fail("outbox row %zu (method %d, chat %lld): %s:\n%s\nmarkup: %s", i,
			    items[i].method, (long long)items[i].chat_id, why,
			    items[i].text ? items[i].text : "(null)",
			    items[i].markup ? items[i].markup : "(null)");
	}
	outbox_items_free(items, n);
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
	fz_check_outbox(a);
}

/* Split s (size bytes) at its NUL bytes into at most max parts; how many. */
static size_t fz_split(char *s, size_t size, char **parts, size_t max)
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

void fz_conversation(const uint8_t *data, size_t size, size_t head, fz_make_fn make)
{
	struct fz_academy *a = fz_academy();
	char *text, *parts[FZ_MAX_PARTS];
	size_t n;

	if (size < head || head < 2)
		return;
	text = fz_str(data + head, size - head);
	n = fz_split(text, size - head, parts, FZ_MAX_PARTS);
	fz_input(a, parts, n);
	if (db_begin(a->db) != DB_OK)
		fz_fail("begin: %s", db_errmsg(a->db));
	for (size_t i = 0; i < n; i++) {
		struct h_msg m = fz_msg(data[0], data[1]);

		m.update_id = (int64_t)i + 1;
		m.text = parts[i];
		make(&m, data, i, n);
		fz_dispatch(a, &m);
	}
	if (db_rollback(a->db) != DB_OK)
		fz_fail("rollback: %s", db_errmsg(a->db));
	fz_academy_tidy(a);
	free(text);
}

char *fz_str(const uint8_t *data, size_t size)
{
	char *s = xmalloc(size + 1);

	if (size > 0)
		memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

void fz_input(struct fz_academy *a, char *const *parts, size_t n)
{
	a->parts = parts;
	a->n_parts = n;
	a->input_utf8 = 1;
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(parts[i]);
		if (utf8_invalid_at(parts[i], len) != len)
			a->input_utf8 = 0;
	}
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
