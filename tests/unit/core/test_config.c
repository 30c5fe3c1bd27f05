/*
 * test_config.c — bot.conf parsing, defaults, environment overrides and
 * the one-line errors (file, line, key), and that the token never appears
 * in an error; the settings table: every row's bounds and words, and the
 * sample it prints loading to the defaults.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "bot/config.h"
#include "lib/log.h"
#include "cases.h"
#include "test_main.h"

#define TOKEN "123456:TEST-token-abcdefghijklmnopqrstuvwxyz0123"

static char conf_path[64];

static void conf_write(const char *text)
{
	FILE *fp = fopen(conf_path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static int conf_setup(void **state)
{
	(void)state;
	snprintf(conf_path, sizeof(conf_path), "/tmp/bjj-test-config-%d.conf", (int)getpid());
	unsetenv("BJJBOT_TOKEN");
	unsetenv("BJJBOT_API_URL");
	unsetenv("DATABASE_URL");
	unsetenv("LOG_LEVEL");
	unsetenv("BJJBOT_TIME_SCALE");
	return 0;
}

static int conf_teardown(void **state)
{
	(void)state;
	unlink(conf_path);
	return 0;
}

/* Load text; return rc and leave the error in err. */
static int conf_load(const char *text, struct config *cfg, int need_token, char *err, size_t n)
{
	conf_write(text);
	err[0] = '\0';
	return cfg_load(cfg, conf_path, need_token, err, n);
}

/* The error of the last conf_expect. */
static char conf_err[512];

/* cfg_load of text (need_token as cfg_load's) returns rc, and its error
 * (in conf_err) holds `has` and not `lacks` (either may be NULL); a
 * failure names the text. cfg is the caller's to check and release. */
static void conf_expect(struct config *cfg, const char *text, int need_token, int rc,
    const char *has, const char *lacks)
{
	const char *err = conf_err;

	if (conf_load(text, cfg, need_token, conf_err, sizeof(conf_err)) != rc)
		fail_msg("%s: expected %d (%s)", text, rc, err);
	if (has != NULL && strstr(err, has) == NULL)
		fail_msg("%s: expected \"%s\" in \"%s\"", text, has, err);
	if (lacks != NULL && strstr(err, lacks) != NULL)
		fail_msg("%s: \"%s\" shown in \"%s\"", text, lacks, err);
}

/* text is refused (conf_expect's rc -1). */
static void conf_refused(const char *text, int need_token, const char *has, const char *lacks)
{
	struct config cfg;

	conf_expect(&cfg, text, need_token, -1, has, lacks);
	cfg_release(&cfg);
}

static void test_full_config(void **state)
{
	struct config cfg;
	char err[512];
	(void)state;
	int rc = conf_load("# comment\n[telegram]\ntoken = " TOKEN "\napi_url = http://127.0.0.1:8081/\n"
	    "owner_ids = 100, 200,300\npoll_timeout = 25\n[storage]\ndatabase = /tmp/x.db\n"
	    "[academy]\nname = Gracie Barra\ntimezone = Europe/Moscow\ncurrency = EUR\nlanguage = en\n"
	    "invite_days = 3\n[log]\nlevel = debug\n", &cfg, 1, err, sizeof(err));
	assert_int_equal(rc, 0);
	assert_string_equal(cfg.token, TOKEN);
	assert_string_equal(cfg.api_url, "http://127.0.0.1:8081");
	assert_int_equal(cfg.n_owners, 3);
	assert_true(cfg.owner_ids[2] == 300);
	assert_true(cfg.owner_ids[0] == 100 && cfg.owner_ids[1] == 200);
	assert_int_equal(cfg.poll_timeout, 25);
	assert_string_equal(cfg.database, "/tmp/x.db");
	assert_string_equal(cfg.export_dir, "/tmp/exports");
	assert_string_equal(cfg.backup_dir, "/tmp/backups");
	assert_string_equal(cfg.academy_name, "Gracie Barra");
	assert_string_equal(cfg.timezone, "Europe/Moscow");
	assert_string_equal(cfg.currency, "EUR");
	assert_string_equal(cfg.language, "en");
	assert_int_equal(cfg.invite_days, 3);
	assert_int_equal(cfg.log_level, LOG_DEBUG);
	cfg_release(&cfg);
}

static void test_defaults(void **state)
{
	struct config cfg;
	(void)state;
	conf_expect(&cfg, "[telegram]\ntoken = " TOKEN "\n", 1, 0, NULL, NULL);
	assert_string_equal(cfg.api_url, "https://api.telegram.org");
	assert_int_equal(cfg.poll_timeout, 50);
	assert_string_equal(cfg.language, "ru");
	assert_string_equal(cfg.timezone, "UTC");
	assert_int_equal(cfg.invite_days, 7);
	assert_int_equal(cfg.log_level, LOG_INFO);
	assert_int_equal(cfg.n_owners, 0);
	assert_int_equal(cfg.outbox_per_chat, 100);
	assert_int_equal(cfg.export_keep_days, 7);
	cfg_release(&cfg);
	conf_expect(&cfg, "[telegram]\ntoken = " TOKEN "\noutbox_per_chat = 500\n"
	    "[storage]\nexport_keep_days = 30\n", 1, 0, NULL, NULL);
	assert_int_equal(cfg.outbox_per_chat, 500);
	assert_int_equal(cfg.export_keep_days, 30);
	cfg_release(&cfg);
}

static void test_scheduler_settings(void **state)
{
	struct config cfg;
	(void)state;
	conf_expect(&cfg, "[telegram]\ntoken = " TOKEN "\n[reminders]\nquiet_hours = 23:30-07:15\n"
	    "regulars_only = yes\ndigest_time = 20:45\n[backup]\ndir = /srv/b\ntime = 03:10\nkeep_weeks = 0\n",
	    1, 0, NULL, NULL);
	assert_int_equal(cfg.quiet_start, 23 * 60 + 30);
	assert_int_equal(cfg.quiet_end, 7 * 60 + 15);
	assert_int_equal(cfg.regulars_only, 1);
	assert_int_equal(cfg.digest_minute, 20 * 60 + 45);
	assert_string_equal(cfg.backup_dir, "/srv/b");
	assert_int_equal(cfg.backup_minute, 3 * 60 + 10);
	assert_int_equal(cfg.keep_weeks, 0);
	cfg_release(&cfg);
	/* empty quiet hours: none */
	conf_expect(&cfg, "[telegram]\ntoken = " TOKEN "\n[reminders]\nquiet_hours =\n", 1, 0, NULL, NULL);
	assert_int_equal(cfg.quiet_start, -1);
	cfg_release(&cfg);
	static const char *const bad[] = {
		"[reminders]\nquiet_hours = 22:00\n",
		"[reminders]\nquiet_hours = 22:00-22:00\n",
		"[reminders]\nquiet_hours = 22:00-09:00xyz\n",
		"[reminders]\nregulars_only = maybe\n",
		"[reminders]\ndigest_time = 25:00\n",
		"[backup]\nkeep_days = 0\n",
		"[scheduler]\ninterval = 0\n",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		conf_refused(bad[i], 0, "line 2", NULL);
}

static void test_unknown_key_names_line(void **state)
{
	struct config cfg;
	(void)state;
	conf_expect(&cfg, "[telegram]\ntoken = " TOKEN "\n\ntokn = x\n", 1, -1, "line 4", NULL);
	assert_non_null(strstr(conf_err, "\"tokn\""));
	assert_non_null(strstr(conf_err, conf_path));
	cfg_release(&cfg);
}

/* The language must be one of handlers/lang.h, and the error says which. */
static void test_language_from_the_list(void **state)
{
	struct config cfg;
	(void)state;
	conf_refused("[telegram]\ntoken = " TOKEN "\n[academy]\nlanguage = xx\n", 1,
	    "language \"xx\": expected one of en (English), ru (Русский)", NULL);
	conf_expect(&cfg, "[telegram]\ntoken = " TOKEN "\n[academy]\nlanguage = en\n", 1, 0, NULL, NULL);
	cfg_release(&cfg);
}

static void test_bad_values(void **state)
{
	static const char *const bad[] = {
		"[telegram]\ntoken = " TOKEN "\npoll_timeout = 51\n",
		"[telegram]\ntoken = " TOKEN "\npoll_timeout = 0\n",
		"[telegram]\ntoken = " TOKEN "\npoll_timeout = soon\n",
		"[telegram]\ntoken = " TOKEN "\nowner_ids = 1,x\n",
		"[telegram]\ntoken = " TOKEN "\n[academy]\ntimezone = Mars/Olympus\n",
		"[telegram]\ntoken = " TOKEN "\n[academy]\nlanguage = xx\n",
		"[telegram]\ntoken = " TOKEN "\n[log]\nlevel = loud\n",
		"[telegram]\ntoken = " TOKEN "\n[academy]\ncurrency = A&B\n",
		"[telegram]\ntoken = " TOKEN "\n[academy]\ncurrency = rub\n",
		"[telegram]\ntoken = " TOKEN "\napi_url = ftp://x\n",
		"[telegram]\ntoken = " TOKEN "\nthis is not ini\n",
		"[telegram]\ntoken = " TOKEN "\noutbox_per_chat = 5\n",
		"[telegram]\ntoken = " TOKEN "\noutbox_per_chat = many\n",
		"[telegram]\ntoken = " TOKEN "\n[storage]\nexport_keep_days = 0\n",
		"[telegram]\ntoken = " TOKEN "\n[http]\nlisten = 0\n",
		"[telegram]\ntoken = " TOKEN "\n[http]\nlisten = 65536\n",
		"[telegram]\ntoken = " TOKEN "\n[http]\nlisten = localhost:8080\n",
		"[telegram]\ntoken = " TOKEN "\n[http]\nlisten = 127.0.0.1:\n",
		"[telegram]\ntoken = " TOKEN "\n[http]\nlisten = 127.0.0.1:+80\n",
		"[telegram]\ntoken = " TOKEN "\n[http]\nlisten = 300.1.1.1:80\n",
		"[telegram]\ntoken = " TOKEN "\n[http]\nlisten = [::1]:8080\n",
		"[telegram]\ntoken = " TOKEN "\n[http]\nlisten = ::1\n",
		"[telegram]\ntoken = " TOKEN "\n[http]\nlisten = 127.0.0.1:8080:80\n",
		"[telegram]\ntoken = " TOKEN "\n[http]\nmax_body = 10\n",
		"[telegram]\ntoken = " TOKEN "\n[http]\nrate_limit = -1\n",
		"[telegram]\ntoken = " TOKEN "\n[http]\nrate_limit = 100001\n",
		"[telegram]\ntoken = " TOKEN "\n[http]\nrate_limit = fast\n",
		"[telegram]\ntoken = " TOKEN "\n[http]\npublic_url = bjj.example.com\n",
		"[telegram]\ntoken = " TOKEN "\n[http]\npublic_url = https://a b\n",
		"[telegram]\ntoken = " TOKEN "\n[http]\npublic_url = https://x/<b>\n",
	};
	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		conf_refused(bad[i], 1, NULL, "TEST-token");
		assert_true(strlen(conf_err) > 10);
		assert_null(strchr(conf_err, '\n'));
	}
}

/* [http] public_url: unset by default, trailing slashes dropped, a second
 * line replaces the first, empty unsets it. */
static void test_public_url(void **state)
{
	struct config cfg;
	(void)state;
	conf_expect(&cfg, "[telegram]\ntoken = " TOKEN "\n", 1, 0, NULL, NULL);
	assert_null(cfg.http_public_url);
	cfg_release(&cfg);
	conf_expect(&cfg, "[telegram]\ntoken = " TOKEN "\n[http]\npublic_url = http://x\n"
	    "public_url = https://bjj.example.com//\n", 1, 0, NULL, NULL);
	assert_string_equal(cfg.http_public_url, "https://bjj.example.com");
	cfg_release(&cfg);
	conf_expect(&cfg, "[telegram]\ntoken = " TOKEN "\n[http]\npublic_url = http://x\n"
	    "public_url =\n", 1, 0, NULL, NULL);
	assert_null(cfg.http_public_url);
	cfg_release(&cfg);
}

/* pace = off only against a fake on this machine: the real Telegram
 * would flood-ban an unpaced bot. The token in the URL stays hidden. */
static void test_pace_off_loopback_only(void **state)
{
	static const char *const local[] = {
		"http://127.0.0.1:8081", "http://localhost:9/", "http://[::1]:8081",
		"http://user:pw@127.0.0.1:1/api", "http://LocalHost",
	};
	static const char *const remote[] = {
		"https://api.telegram.org", "http://127.0.0.1.example.com", "http://localhost.evil:1",
		"http://127.0.0.1@example.com/", "http://10.0.0.1:8081", "http://[::2]:1",
		"https://api.telegram.org/bot" TOKEN "/localhost",
	};
	struct config cfg;
	char text[512];
	(void)state;
	conf_expect(&cfg, "[telegram]\ntoken = " TOKEN "\n", 1, 0, NULL, NULL);
	assert_int_equal(cfg.pace, 1);
	cfg_release(&cfg);
	for (size_t i = 0; i < sizeof(local) / sizeof(local[0]); i++) {
		snprintf(text, sizeof(text), "[telegram]\ntoken = " TOKEN "\napi_url = %s\npace = off\n", local[i]);
		conf_expect(&cfg, text, 1, 0, NULL, NULL);
		assert_int_equal(cfg.pace, 0);
		cfg_release(&cfg);
	}
	for (size_t i = 0; i < sizeof(remote) / sizeof(remote[0]); i++) {
		snprintf(text, sizeof(text), "[telegram]\ntoken = " TOKEN "\napi_url = %s\npace = off\n", remote[i]);
		conf_refused(text, 1, "pace = off", "TEST-token");
		/* Paced, the same URL is fine. */
		snprintf(text, sizeof(text), "[telegram]\ntoken = " TOKEN "\napi_url = %s\npace = on\n", remote[i]);
		conf_expect(&cfg, text, 1, 0, NULL, NULL);
		assert_int_equal(cfg.pace, 1);
		cfg_release(&cfg);
	}
	/* The environment's URL counts, not only the file's. */
	setenv("BJJBOT_API_URL", "https://api.telegram.org", 1);
	conf_refused("[telegram]\ntoken = " TOKEN "\napi_url = http://127.0.0.1:1\npace = off\n", 1, NULL, NULL);
	unsetenv("BJJBOT_API_URL");
	conf_refused("[telegram]\ntoken = " TOKEN "\npace = fast\n", 1, "expected on or off", NULL);
}

/* A token pasted as another setting's value never shows in the error
 * (found by fuzz_config): the configured one, or one without a token
 * line, by its shape. */
static void test_token_in_other_value_hidden(void **state)
{
	static const char *const confs[] = {
		"[telegram]\ntoken = " TOKEN "\n[academy]\nlanguage = " TOKEN "\n",
		"[telegram]\ntoken = " TOKEN "\n[academy]\ntimezone = x" TOKEN "\n",
		"[academy]\nlanguage = " TOKEN "\n",
		"[academy]\ncurrency = " TOKEN "\n",
	};
	(void)state;
	for (size_t i = 0; i < sizeof(confs) / sizeof(confs[0]); i++)
		conf_refused(confs[i], 0, "***", "TEST-token");
}

static void test_token_rules(void **state)
{
	struct config cfg;
	(void)state;
	/* missing: an error only where a token is needed */
	conf_refused("[storage]\ndatabase = a.db\n", 1, "token is missing", NULL);
	conf_expect(&cfg, "[storage]\ndatabase = a.db\n", 0, 0, NULL, NULL);
	cfg_release(&cfg);
	/* malformed, and the message does not repeat it */
	conf_refused("[telegram]\ntoken = secret-value-xyz\n", 1, "malformed", "secret-value-xyz");
	assert_true(cfg_token_valid(TOKEN));
	assert_false(cfg_token_valid(":abc"));
	assert_false(cfg_token_valid("123:short"));
}

static void test_token_file(void **state)
{
	struct config cfg;
	char tok[80], text[200];
	(void)state;
	snprintf(tok, sizeof(tok), "%s.token", conf_path);
	FILE *fp = fopen(tok, "w");
	assert_non_null(fp);
	fputs(TOKEN "\n", fp);
	fclose(fp);
	snprintf(text, sizeof(text), "[telegram]\ntoken_file = %s\n", tok);
	conf_expect(&cfg, text, 1, 0, NULL, NULL);
	assert_string_equal(cfg.token, TOKEN);
	cfg_release(&cfg);
	unlink(tok);
	conf_refused(text, 1, "token file", NULL);
}

static void test_environment(void **state)
{
	struct config cfg;
	(void)state;
	setenv("BJJBOT_TOKEN", TOKEN, 1);
	setenv("BJJBOT_API_URL", "http://127.0.0.1:9", 1);
	setenv("DATABASE_URL", "sqlite:////var/lib/x/bot.db", 1);
	setenv("LOG_LEVEL", "warn", 1);
	conf_expect(&cfg, "[storage]\ndatabase = a.db\n", 1, 0, NULL, NULL);
	assert_string_equal(cfg.token, TOKEN);
	assert_string_equal(cfg.api_url, "http://127.0.0.1:9");
	assert_string_equal(cfg.database, "/var/lib/x/bot.db");
	assert_int_equal(cfg.log_level, LOG_WARN);
	cfg_release(&cfg);
	setenv("DATABASE_URL", "sqlite:///data/bot.db", 1);
	conf_expect(&cfg, "", 1, 0, NULL, NULL);
	assert_string_equal(cfg.database, "data/bot.db");
	cfg_release(&cfg);
	setenv("DATABASE_URL", "postgres://x", 1);
	conf_refused("", 1, "DATABASE_URL", NULL);
	setenv("DATABASE_URL", "sqlite:///x.db", 1);
	setenv("LOG_LEVEL", "chatty", 1);
	conf_refused("", 1, "LOG_LEVEL", NULL);
	conf_setup(NULL);
}

/* The test clock is for a fake Bot API on this machine only. */
static void test_time_scale(void **state)
{
	struct config cfg;
	char err[512];
	(void)state;
	conf_expect(&cfg, "", 0, 0, NULL, NULL);
	assert_true(cfg.time_scale == 1.0);
	cfg_release(&cfg);
	setenv("BJJBOT_TIME_SCALE", "10", 1);
	static const char *const local[] = { "http://127.0.0.1:8081", "http://localhost/", "https://[::1]:9",
		"http://u:p@127.0.0.1:5" };
	for (size_t i = 0; i < sizeof(local) / sizeof(local[0]); i++) {
		char text[128];
		snprintf(text, sizeof(text), "[telegram]\napi_url = %s\n", local[i]);
		conf_expect(&cfg, text, 0, 0, NULL, NULL);
		assert_true(cfg.time_scale == 10.0);
		cfg_release(&cfg);
	}
	static const char *const remote[] = { "", "[telegram]\napi_url = http://127.0.0.2:8081\n",
		"[telegram]\napi_url = http://localhost.example.com\n",
		"[telegram]\napi_url = http://127.0.0.1@evil.example.com\n" };
	for (size_t i = 0; i < sizeof(remote) / sizeof(remote[0]); i++)
		conf_refused(remote[i], 0, "BJJBOT_TIME_SCALE", NULL);
	static const char *const bad[] = { "0.5", "fast", "10x", "2000", "" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		setenv("BJJBOT_TIME_SCALE", bad[i], 1);
		int rc = conf_load("[telegram]\napi_url = http://127.0.0.1:9\n", &cfg, 0, err, sizeof(err));
		if (bad[i][0] == '\0') {
			/* empty: unset */
			assert_int_equal(rc, 0);
			assert_true(cfg.time_scale == 1.0);
		} else {
			assert_int_equal(rc, -1);
			assert_non_null(strstr(err, "BJJBOT_TIME_SCALE"));
		}
		cfg_release(&cfg);
	}
	conf_setup(NULL);
}

static void test_unreadable(void **state)
{
	struct config cfg;
	char err[512];
	(void)state;
	assert_int_equal(cfg_load(&cfg, "/nonexistent/bot.conf", 1, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "/nonexistent/bot.conf"));
	cfg_release(&cfg);
}

/* The token never shows, wherever api_url carries it. */
static void test_url_redacted(void **state)
{
	static const struct { const char *url, *want; } cases[] = {
		{ "https://api.telegram.org", "https://api.telegram.org" },
		{ "https://proxy.example/bot" TOKEN "/x", "https://proxy.example/bot***/x" },
		{ "https://proxy.example/TEST-token-abcdefghijklmnopqrstuvwxyz0123",
		    "https://proxy.example/***" },
		{ "https://me:s3cret@proxy.example:8443/tg", "https://***@proxy.example:8443/tg" },
		{ "http://127.0.0.1:8081", "http://127.0.0.1:8081" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *r = cfg_url_redacted(cases[i].url, TOKEN);
		assert_string_equal(r, cases[i].want);
		free(r);
	}
	char *r = cfg_url_redacted("https://x/" TOKEN, NULL);
	assert_string_equal(r, "https://x/" TOKEN);
	free(r);
	/* the error about a bad api_url hides it too */
	conf_refused("[telegram]\ntoken = " TOKEN "\napi_url = ftp://h/bot" TOKEN "\n", 1, "api_url",
	    "TEST-token");
}

static void test_dir_usable(void **state)
{
	char dir[] = "/tmp/bjj-test-dir-XXXXXX", path[512], why[512];
	(void)state;
	assert_non_null(mkdtemp(dir));
	assert_int_equal(cfg_dir_usable(dir, why, sizeof(why)), 0);
	/* made when first needed */
	snprintf(path, sizeof(path), "%s/not/yet", dir);
	assert_int_equal(cfg_dir_usable(path, why, sizeof(why)), 0);
	/* a file is no folder, nor a place for one */
	snprintf(path, sizeof(path), "%s/file", dir);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fclose(fp);
	assert_int_equal(cfg_dir_usable(path, why, sizeof(why)), -1);
	assert_non_null(strstr(why, "not a directory"));
	snprintf(path, sizeof(path), "%s/file/sub", dir);
	assert_int_equal(cfg_dir_usable(path, why, sizeof(why)), -1);
	assert_non_null(strstr(why, "not a directory"));
	unlink(path);
	snprintf(path, sizeof(path), "%s/file", dir);
	unlink(path);
	/* a folder nobody may write in, even root */
	assert_int_equal(cfg_dir_usable("/proc/bjj-backups", why, sizeof(why)), -1);
	assert_non_null(strstr(why, "cannot create files in \"/proc\""));
	/* nothing was left behind */
	assert_int_equal(rmdir(dir), 0);
}

/* [http] listen: off by default; a bare port binds to the loopback. */
static void test_http_listen(void **state)
{
	struct config cfg;
	(void)state;

	conf_expect(&cfg, "[telegram]\ntoken = " TOKEN "\n", 1, 0, NULL, NULL);
	assert_true(cfg.http_listen == NULL || *cfg.http_listen == '\0');
	assert_int_equal(cfg.http_max_body, 65536);
	assert_int_equal(cfg.http_rate_limit, 120);
	cfg_release(&cfg);
	/* what each text sets; -1 and NULL: not looked at */
	static const struct {
		const char *conf, *host;
		int port, max_body, rate_limit;
	} ok[] = {
		{ "[http]\nrate_limit = 0\n", NULL, -1, -1, 0 },
		{ "[http]\nrate_limit = 600\n", NULL, -1, -1, 600 },
		{ "[http]\nlisten = 8080\n", "127.0.0.1", 8080, -1, -1 },
		{ "[http]\nlisten = 0.0.0.0:9100\nmax_body = 2048\n", "0.0.0.0", 9100, 2048, -1 },
		{ "[http]\nlisten =\n", NULL, 0, -1, -1 },
	};
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		char text[256];

		snprintf(text, sizeof(text), "[telegram]\ntoken = " TOKEN "\n%s", ok[i].conf);
		conf_expect(&cfg, text, 1, 0, NULL, NULL);
		if (ok[i].host != NULL)
			case_string_equal(ok[i].conf, cfg.http_host, ok[i].host);
		if (ok[i].port != -1)
			case_int_equal(ok[i].conf, cfg.http_port, ok[i].port);
		if (ok[i].max_body != -1)
			case_int_equal(ok[i].conf, cfg.http_max_body, ok[i].max_body);
		if (ok[i].rate_limit != -1)
			case_int_equal(ok[i].conf, cfg.http_rate_limit, ok[i].rate_limit);
		cfg_release(&cfg);
	}
	conf_refused("[telegram]\ntoken = " TOKEN "\n[http]\nlisten = example.org:80\n", 1,
	    "line 4: bad value for \"listen\" in [http]", NULL);
}

/* The table itself: every row named, helped, unique, with bounds that
 * hold its default. */
static void test_table_rows(void **state)
{
	char why[256];
	(void)state;
	assert_true(cfg_n_options > 30);
	for (size_t i = 0; i < cfg_n_options; i++) {
		const struct cfg_option *o = &cfg_options[i];

		assert_non_null(o->section);
		assert_non_null(o->key);
		assert_true(o->help != NULL && strlen(o->help) > 10);
		assert_ptr_equal(cfg_option_find(o->section, o->key), o);
		if (o->type == CFG_INT) {
			assert_true(o->min <= o->max);
			assert_non_null(o->unit);
		}
		if (o->type == CFG_BOOL || o->type == CFG_ENUM)
			assert_non_null(o->def);
		if (o->type == CFG_CUSTOM)
			assert_non_null(o->parse);
		/* Checks and secrets are of strings (cfg_validate, cfg_release). */
		if (o->check != NULL || o->secret)
			assert_int_equal(o->type, CFG_STR);
		/* A default parses under its own row. */
		if (o->def != NULL) {
			struct config cfg;
			cfg_defaults(&cfg);
			assert_int_equal(cfg_option_set(&cfg, o, o->def, why, sizeof(why)), 0);
			cfg_release(&cfg);
		}
	}
	assert_null(cfg_option_find("telegram", "tokn"));
	assert_null(cfg_option_find("academy", "token"));
}

/* Every number setting refuses one below and one above its bounds, with
 * the line, the key and the range, and takes both bounds; every yes/no,
 * list and time setting refuses a word it does not know. */
static void test_table_bounds(void **state)
{
	struct config cfg;
	char text[256], want[256];
	(void)state;
	for (size_t i = 0; i < cfg_n_options; i++) {
		const struct cfg_option *o = &cfg_options[i];

		if (o->type == CFG_INT) {
			const int bad[] = { o->min - 1, o->max + 1 }, good[] = { o->min, o->max };
			for (int k = 0; k < 2; k++) {
				snprintf(text, sizeof(text), "[%s]\n%s = %d\n", o->section, o->key, bad[k]);
				snprintf(want, sizeof(want), "line 2: bad value for \"%s\" in [%s]: expected %s from %d to %d",
				    o->key, o->section, o->unit, o->min, o->max);
				conf_refused(text, 0, want, NULL);
				snprintf(text, sizeof(text), "[%s]\n%s = %d\n", o->section, o->key, good[k]);
				conf_expect(&cfg, text, 0, 0, NULL, NULL);
				assert_int_equal(*(int *)((char *)&cfg + o->offset), good[k]);
				cfg_release(&cfg);
			}
		} else if (o->type == CFG_BOOL || o->type == CFG_ENUM || o->type == CFG_TIME) {
			snprintf(text, sizeof(text), "[%s]\n%s = maybe\n", o->section, o->key);
			snprintf(want, sizeof(want), "line 2: bad value for \"%s\" in [%s]: expected ", o->key, o->section);
			conf_refused(text, 0, want, NULL);
		}
	}
	/* The messages read as they did before the table. */
	static const struct { const char *conf, *want; } msgs[] = {
		{ "[telegram]\npoll_timeout = 0\n",
		    ": line 2: bad value for \"poll_timeout\" in [telegram]: expected seconds from 1 to 50" },
		{ "[reminders]\ntraining_hours_before = 49\n",
		    "expected hours from 0 to 48 (0 turns training reminders off)" },
		{ "[log]\nlevel = loud\n", "bad value for \"level\" in [log]: expected debug, info, warn or error" },
		{ "[reminders]\nregulars_only = maybe\n", "expected yes or no" },
		{ "[backup]\ntime = 7pm\n", "bad value for \"time\" in [backup]: expected HH:MM" },
		{ "[academy]\ntimezone = Mars/Olympus\n",
		    ": [academy] timezone \"Mars/Olympus\": not a known IANA time zone" },
		{ "[academy]\ncurrency = rub\n", ": [academy] currency \"rub\": expected a 3-letter ISO code such as RUB" },
	};
	for (size_t i = 0; i < sizeof(msgs) / sizeof(msgs[0]); i++)
		conf_refused(msgs[i].conf, 0, msgs[i].want, NULL);
	/* Every level by its name, as log.c names them. */
	for (int l = LOG_DEBUG; l <= LOG_ERROR; l++) {
		snprintf(text, sizeof(text), "[log]\nlevel = %s\n", log_level_name(l));
		conf_expect(&cfg, text, 0, 0, NULL, NULL);
		assert_int_equal(cfg.log_level, l);
		cfg_release(&cfg);
	}
}

/* The rows an environment variable overrides take it as the file's value
 * (api_url loses its trailing '/' either way); a bad one is named. */
static void test_env_rows(void **state)
{
	struct config cfg;
	size_t n_env = 0;
	(void)state;
	for (size_t i = 0; i < cfg_n_options; i++)
		n_env += cfg_options[i].env != NULL;
	assert_int_equal(n_env, 3);
	setenv("BJJBOT_API_URL", "http://127.0.0.1:9///", 1);
	setenv("LOG_LEVEL", "error", 1);
	setenv("BJJBOT_TOKEN", TOKEN, 1);
	conf_expect(&cfg, "[telegram]\ntoken = 1:x\n", 1, 0, NULL, NULL);
	assert_string_equal(cfg.api_url, "http://127.0.0.1:9");
	assert_int_equal(cfg.log_level, LOG_ERROR);
	assert_string_equal(cfg.token, TOKEN);
	cfg_release(&cfg);
	setenv("BJJBOT_API_URL", "ftp://127.0.0.1", 1);
	conf_refused("", 1, ": [telegram] api_url \"ftp://127.0.0.1\": expected an address starting with "
	    "http:// or https://", NULL);
	unsetenv("BJJBOT_API_URL");
	/* A malformed token, from the file or the environment, is not shown. */
	setenv("BJJBOT_TOKEN", "secret-value-xyz", 1);
	conf_refused("", 1, ": [telegram] token is malformed (expected the form 123456:ABC...",
	    "secret-value-xyz");
	conf_setup(NULL);
}

/* A string member equal to another, NULL and "" alike. */
static void assert_str_same(const char *a, const char *b)
{
	assert_string_equal(a ? a : "", b ? b : "");
}

/* The sample `bjjbot config sample` prints loads to the defaults: what it
 * shows is what a missing line means. */
static void test_sample_is_defaults(void **state)
{
	struct config def, got;
	char err[512];
	FILE *fp;
	(void)state;
	fp = fopen(conf_path, "w");
	assert_non_null(fp);
	cfg_write_sample(fp);
	fclose(fp);
	err[0] = '\0';
	assert_int_equal(cfg_load(&got, conf_path, 0, err, sizeof(err)), 0);
	cfg_defaults(&def);
	assert_int_equal(cfg_validate(&def, 0, err, sizeof(err)), 0);
	for (size_t i = 0; i < cfg_n_options; i++) {
		const struct cfg_option *o = &cfg_options[i];
		const char *a = (const char *)&def + o->offset, *b = (const char *)&got + o->offset;

		if (o->type == CFG_STR)
			assert_str_same(*(char *const *)a, *(char *const *)b);
		else if (o->type != CFG_CUSTOM)
			assert_int_equal(*(const int *)a, *(const int *)b);
	}
	assert_int_equal(got.n_owners, 0);
	assert_int_equal(got.quiet_start, def.quiet_start);
	assert_int_equal(got.quiet_end, def.quiet_end);
	assert_int_equal(got.quiet_start, 22 * 60);
	assert_null(got.token);
	cfg_release(&def);
	cfg_release(&got);
}

/* A test between conf_setup and conf_teardown. */
#define CONF_TEST(fn) cmocka_unit_test_setup_teardown(fn, conf_setup, conf_teardown)

BJJ_TEST_MAIN(
	CONF_TEST(test_url_redacted),
	cmocka_unit_test(test_dir_usable),
	CONF_TEST(test_full_config),
	CONF_TEST(test_defaults),
	CONF_TEST(test_unknown_key_names_line),
	CONF_TEST(test_scheduler_settings),
	CONF_TEST(test_public_url),
	CONF_TEST(test_bad_values),
	CONF_TEST(test_language_from_the_list),
	CONF_TEST(test_token_rules),
	CONF_TEST(test_pace_off_loopback_only),
	CONF_TEST(test_token_in_other_value_hidden),
	CONF_TEST(test_token_file),
	CONF_TEST(test_environment),
	CONF_TEST(test_unreadable),
	CONF_TEST(test_http_listen),
	CONF_TEST(test_time_scale),
	cmocka_unit_test(test_table_rows),
	CONF_TEST(test_table_bounds),
	CONF_TEST(test_sample_is_defaults),
	CONF_TEST(test_env_rows),
)
