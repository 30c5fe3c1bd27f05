/*
 * config.c — bot.conf through inih, then the environment, then checks.
 * The first error wins and is reported as one line naming the file, the
 * line and the key; the token's value never appears in any message.
 */
#include "bot/config.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bot/civil.h"
#include "bot/log.h"
#include "bot/util.h"
#include "handlers/handlers.h"

void cfg_defaults(struct config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->api_url = xstrdup("https://api.telegram.org");
	cfg->poll_timeout = 50;
	cfg->conflict_alert_after = 180;
	cfg->shutdown_grace = 5;
	cfg->outbox_per_chat = 100;
	cfg->time_scale = 1.0;
	cfg->pace = 1;
	cfg->export_keep_days = 7;
	cfg->database = xstrdup("/var/lib/bjjbot/bjjbot.db");
	cfg->academy_name = xstrdup("BJJ Academy");
	cfg->timezone = xstrdup("UTC");
	cfg->currency = xstrdup("RUB");
	cfg->language = xstrdup("ru");
	cfg->invite_days = 7;
	cfg->checkin_before = 60;
	cfg->checkin_after = 30;
	cfg->schedule_days = 14;
	cfg->sched_interval = 60;
	cfg->remind_hours_before = 2;
	cfg->missed_threshold = 2;
	cfg->absent_days = 10;
	cfg->payment_days_before = 3;
	cfg->quiet_start = 22 * 60;
	cfg->quiet_end = 9 * 60;
	cfg->digest_minute = 21 * 60;
	cfg->backup_minute = 2 * 60;
	cfg->keep_days = 30;
	cfg->keep_weeks = 12;
	cfg->alert_after_minutes = 10;
	cfg->min_free_mb = 200;
	cfg->log_level = LOG_INFO;
	cfg->http_max_body = 65536;
	cfg->http_rate_limit = 120;
}

void cfg_free(struct config *cfg)
{
	if (cfg == NULL)
		return;
	free(cfg->path);
	if (cfg->token) {
		/* Do not leave the secret lying in freed memory. */
		memset(cfg->token, 0, strlen(cfg->token));
		free(cfg->token);
	}
	free(cfg->api_url);
	free(cfg->database);
	free(cfg->export_dir);
	free(cfg->backup_dir);
	free(cfg->academy_name);
	free(cfg->timezone);
	free(cfg->currency);
	free(cfg->language);
	free(cfg->log_file);
	free(cfg->http_listen);
	free(cfg->http_public_url);
	memset(cfg, 0, sizeof(*cfg));
}

/* State shared with the inih callback: the first error is kept. */
struct cfg_parse {
	struct config *cfg;
	const char *path;
	char *err;
	size_t errlen;
	int failed;
	FILE *fp;
	int lineno;     /* lines read so far: the line the handler is called for */
};

/* The Debian build of inih does not pass line numbers to handlers, so
 * count them in the reader. */
static char *cfg_ini_reader(char *str, int num, void *stream)
{
	struct cfg_parse *ps = stream;
	char *line = fgets(str, num, ps->fp);
	if (line != NULL)
		ps->lineno++;
	return line;
}

static void cfg_set_str(char **slot, const char *value)
{
	free(*slot);
	*slot = xstrdup(value);
}

static int cfg_parse_int(const char *value, int lo, int hi, int *out)
{
	int64_t v;
	if (parse_i64(value, &v) != 0 || v < lo || v > hi)
		return -1;
	*out = (int)v;
	return 0;
}

/* "1, 2,3" -> ids. 0 ok, -1 bad. */
static int cfg_parse_owners(struct config *cfg, const char *value)
{
	char *copy = xstrdup(value), *save = NULL;
	int rc = 0;

	cfg->n_owners = 0;
	for (char *tok = strtok_r(copy, ", \t", &save); tok; tok = strtok_r(NULL, ", \t", &save)) {
		int64_t id;
		if (parse_i64(tok, &id) != 0 || id <= 0 || cfg->n_owners >= CFG_MAX_OWNERS) {
			rc = -1;
			break;
		}
		cfg->owner_ids[cfg->n_owners++] = id;
	}
	free(copy);
	return rc;
}

/* Read the first line of a file holding the token (systemd credential or
 * a file readable only by the bot). */
static int cfg_read_token_file(struct config *cfg, const char *path)
{
	char line[256];
	FILE *fp = fopen(path, "r");
	if (fp == NULL)
		return -1;
	if (fgets(line, sizeof(line), fp) == NULL)
		line[0] = '\0';
	fclose(fp);
	line[strcspn(line, "\r\n")] = '\0';
	cfg_set_str(&cfg->token, line);
	memset(line, 0, sizeof(line));
	return 0;
}

/* "yes"/"no" (also true/false, on/off, 1/0). */
static int cfg_parse_bool(const char *value, int *out)
{
	static const char *const yes[] = { "yes", "true", "on", "1" }, *const no[] = { "no", "false", "off", "0" };
	for (size_t i = 0; i < BJJ_ARRAY_LEN(yes); i++) {
		if (strcasecmp(value, yes[i]) == 0)
			return *out = 1, 0;
		if (strcasecmp(value, no[i]) == 0)
			return *out = 0, 0;
	}
	return -1;
}

/* "HH:MM" -> minutes of the day. */
static int cfg_parse_hhmm(const char *value, int *out)
{
	return civil_parse_hhmm(value, out);
}

/* "22:00-09:00", or empty for none. */
static int cfg_parse_quiet(struct config *cfg, const char *value)
{
	char a[8], b[8];
	int end = 0;

	if (*value == '\0') {
		cfg->quiet_start = cfg->quiet_end = -1;
		return 0;
	}

	if (sscanf(value, "%7[0-9:]-%7[0-9:]%n", a, b, &end) != 2 || (size_t)end != strlen(value) ||
	    civil_parse_hhmm(a, &cfg->quiet_start) != 0 || civil_parse_hhmm(b, &cfg->quiet_end) != 0 ||
	    cfg->quiet_start == cfg->quiet_end)
		return -1;
	return 0;
}

static int cfg_ini_cb(void *user, const char *section, const char *name,
    const char *value)
{
	struct cfg_parse *ps = user;
	int lineno = ps->lineno;
	struct config *cfg = ps->cfg;
	const char *why = NULL;
	int lv;

	if (ps->failed)
		return 1;
	if (name == NULL)   /* a bare [section] line */
		return 1;
#define KEY(s, k) (strcmp(section, s) == 0 && strcmp(name, k) == 0)
	if (KEY("telegram", "token")) {
		cfg_set_str(&cfg->token, value);
	} else if (KEY("telegram", "token_file")) {
		if (cfg_read_token_file(cfg, value) != 0)
			why = "cannot read the token file";
	} else if (KEY("telegram", "api_url")) {
		cfg_set_str(&cfg->api_url, value);
	} else if (KEY("telegram", "owner_ids")) {
		if (cfg_parse_owners(cfg, value) != 0)
			why = "expected comma-separated Telegram user ids";
	} else if (KEY("telegram", "poll_timeout")) {
		/* 0 would be short polling: a busy loop of getUpdates calls. */
		if (cfg_parse_int(value, 1, 50, &cfg->poll_timeout) != 0)
			why = "expected seconds from 1 to 50";
	} else if (KEY("telegram", "conflict_alert_after")) {
		if (cfg_parse_int(value, 1, 86400, &cfg->conflict_alert_after) != 0)
			why = "expected seconds from 1 to 86400";
	} else if (KEY("telegram", "shutdown_grace")) {
		if (cfg_parse_int(value, 0, 60, &cfg->shutdown_grace) != 0)
			why = "expected seconds from 0 to 60";
	} else if (KEY("telegram", "outbox_per_chat")) {
		if (cfg_parse_int(value, 10, 100000, &cfg->outbox_per_chat) != 0)
			why = "expected messages from 10 to 100000";
	} else if (KEY("telegram", "pace")) {
		if (cfg_parse_bool(value, &cfg->pace) != 0)
			why = "expected on or off";
	} else if (KEY("storage", "database")) {
		cfg_set_str(&cfg->database, value);
	} else if (KEY("storage", "export_dir")) {
		cfg_set_str(&cfg->export_dir, value);
	} else if (KEY("storage", "export_keep_days")) {
		if (cfg_parse_int(value, 1, 3650, &cfg->export_keep_days) != 0)
			why = "expected days from 1 to 3650";
	} else if (KEY("academy", "name")) {
		cfg_set_str(&cfg->academy_name, value);
	} else if (KEY("academy", "timezone")) {
		cfg_set_str(&cfg->timezone, value);
	} else if (KEY("academy", "currency")) {
		cfg_set_str(&cfg->currency, value);
	} else if (KEY("academy", "language")) {
		cfg_set_str(&cfg->language, value);
	} else if (KEY("academy", "invite_days")) {
		if (cfg_parse_int(value, 1, 365, &cfg->invite_days) != 0)
			why = "expected days from 1 to 365";
	} else if (KEY("academy", "checkin_before")) {
		if (cfg_parse_int(value, 0, 1440, &cfg->checkin_before) != 0)
			why = "expected minutes from 0 to 1440";
	} else if (KEY("academy", "checkin_after")) {
		if (cfg_parse_int(value, 0, 1440, &cfg->checkin_after) != 0)
			why = "expected minutes from 0 to 1440";
	} else if (KEY("academy", "schedule_days")) {
		if (cfg_parse_int(value, 1, 90, &cfg->schedule_days) != 0)
			why = "expected days from 1 to 90";
	} else if (KEY("scheduler", "interval")) {
		if (cfg_parse_int(value, 1, 3600, &cfg->sched_interval) != 0)
			why = "expected seconds from 1 to 3600";
	} else if (KEY("reminders", "training_hours_before")) {
		if (cfg_parse_int(value, 0, 48, &cfg->remind_hours_before) != 0)
			why = "expected hours from 0 to 48 (0 turns training reminders off)";
	} else if (KEY("reminders", "regulars_only")) {
		if (cfg_parse_bool(value, &cfg->regulars_only) != 0)
			why = "expected yes or no";
	} else if (KEY("reminders", "missed_classes_threshold")) {
		if (cfg_parse_int(value, 0, 50, &cfg->missed_threshold) != 0)
			why = "expected a number from 0 to 50 (0 turns it off)";
	} else if (KEY("reminders", "absent_days")) {
		if (cfg_parse_int(value, 0, 365, &cfg->absent_days) != 0)
			why = "expected days from 0 to 365 (0 turns it off)";
	} else if (KEY("reminders", "payment_days_before")) {
		if (cfg_parse_int(value, 0, 60, &cfg->payment_days_before) != 0)
			why = "expected days from 0 to 60";
	} else if (KEY("reminders", "quiet_hours")) {
		if (cfg_parse_quiet(cfg, value) != 0)
			why = "expected HH:MM-HH:MM (e.g. 22:00-09:00), or nothing to turn it off";
	} else if (KEY("reminders", "digest_time")) {
		if (cfg_parse_hhmm(value, &cfg->digest_minute) != 0)
			why = "expected HH:MM";
	} else if (KEY("backup", "dir")) {
		cfg_set_str(&cfg->backup_dir, value);
	} else if (KEY("backup", "time")) {
		if (cfg_parse_hhmm(value, &cfg->backup_minute) != 0)
			why = "expected HH:MM";
	} else if (KEY("backup", "keep_days")) {
		if (cfg_parse_int(value, 1, 3650, &cfg->keep_days) != 0)
			why = "expected days from 1 to 3650";
	} else if (KEY("backup", "keep_weeks")) {
		if (cfg_parse_int(value, 0, 520, &cfg->keep_weeks) != 0)
			why = "expected weeks from 0 to 520";
	} else if (KEY("alerts", "alert_after_minutes")) {
		if (cfg_parse_int(value, 1, 1440, &cfg->alert_after_minutes) != 0)
			why = "expected minutes from 1 to 1440";
	} else if (KEY("alerts", "min_free_mb")) {
		if (cfg_parse_int(value, 0, 1000000, &cfg->min_free_mb) != 0)
			why = "expected megabytes from 0 to 1000000";
	} else if (KEY("log", "level")) {
		if ((lv = log_level_parse(value)) < 0)
			why = "expected debug, info, warn or error";
		else
			cfg->log_level = lv;
	} else if (KEY("log", "file")) {
		cfg_set_str(&cfg->log_file, value);
	} else if (KEY("http", "listen")) {
		cfg_set_str(&cfg->http_listen, value);
		if (*value != '\0' && cfg_parse_listen(value, cfg->http_host, sizeof(cfg->http_host),
		    &cfg->http_port) != 0)
			why = "expected a port (8080, bound to 127.0.0.1) or an IPv4 address and a port "
			    "(127.0.0.1:8080), or nothing to turn the HTTP server off";
	} else if (KEY("http", "public_url")) {
		size_t len = strlen(value);

		if (*value != '\0' && strncmp(value, "https://", 8) != 0 && strncmp(value, "http://", 7) != 0)
			why = "expected an address starting with https:// or http://, or nothing";
		else if (strpbrk(value, " \t\"<>") != NULL)
			why = "expected an address without spaces, quotes or angle brackets";
		while (why == NULL && len > 0 && value[len - 1] == '/')
			len--;
		free(cfg->http_public_url);
		cfg->http_public_url = NULL;
		if (why == NULL && *value != '\0')
			cfg->http_public_url = xstrndup(value, len);
	} else if (KEY("http", "max_body")) {
		if (cfg_parse_int(value, 1024, 16 * 1024 * 1024, &cfg->http_max_body) != 0)
			why = "expected bytes from 1024 to 16777216";
	} else if (KEY("http", "rate_limit")) {
		if (cfg_parse_int(value, 0, 100000, &cfg->http_rate_limit) != 0)
			why = "expected requests a minute from 0 (no limit) to 100000";
	} else {
		snprintf(ps->err, ps->errlen, "%s: line %d: unknown key \"%s\" in [%s]",
		    ps->path, lineno, name, section);
		ps->failed = 1;
		return 1;
	}
#undef KEY
	if (why) {
		snprintf(ps->err, ps->errlen, "%s: line %d: bad value for \"%s\" in [%s]: %s",
		    ps->path, lineno, name, section, why);
		ps->failed = 1;
	}
	return 1;
}

char *cfg_database_from_url(const char *url)
{
	static const char prefix[] = "sqlite:///";
	if (url == NULL || strncmp(url, prefix, sizeof(prefix) - 1) != 0)
		return NULL;
	const char *path = url + sizeof(prefix) - 1;
	if (*path == '\0')
		return NULL;
	return xstrdup(path);   /* "sqlite:////abs" leaves "/abs" */
}

int cfg_apply_env(struct config *cfg, char *err, size_t errlen)
{
	const char *v;
	int lv;

	if ((v = getenv("BJJBOT_TOKEN")) != NULL && *v)
		cfg_set_str(&cfg->token, v);
	if ((v = getenv("BJJBOT_API_URL")) != NULL && *v)
		cfg_set_str(&cfg->api_url, v);
	if ((v = getenv("DATABASE_URL")) != NULL && *v) {
		char *path = cfg_database_from_url(v);
		if (path == NULL) {
			snprintf(err, errlen, "environment: DATABASE_URL must look like "
			    "sqlite:///relative/path or sqlite:////absolute/path");
			return -1;
		}
		free(cfg->database);
		cfg->database = path;
	}
	if ((v = getenv("LOG_LEVEL")) != NULL && *v) {
		if ((lv = log_level_parse(v)) < 0) {
			snprintf(err, errlen, "environment: LOG_LEVEL \"%s\": expected debug, info, warn or error", v);
			return -1;
		}
		cfg->log_level = lv;
	}
	if ((v = getenv("BJJBOT_TIME_SCALE")) != NULL && *v) {
		char *end;
		double scale = strtod(v, &end);
		if (*end != '\0' || !(scale >= 1.0 && scale <= 1000.0)) {
			snprintf(err, errlen, "environment: BJJBOT_TIME_SCALE \"%s\": expected a number from 1 to 1000", v);
			return -1;
		}
		cfg->time_scale = scale;
	}
	return 0;
}

int cfg_token_valid(const char *token)
{
	const char *p = token;
	size_t digits = 0, rest = 0;

	if (p == NULL)
		return 0;
	for (; isdigit((unsigned char)*p); p++)
		digits++;
	if (digits == 0 || *p++ != ':')
		return 0;
	for (; *p; p++, rest++)
		if (!isalnum((unsigned char)*p) && *p != '_' && *p != '-')
			return 0;
	return rest >= 30;
}

/* An IANA name that the system's zoneinfo knows ("Europe/Moscow"). */
static int cfg_timezone_valid(const char *tz)
{
	char path[512];
	struct stat st;

	if (tz == NULL || *tz == '\0' || tz[0] == '/' || strstr(tz, ".."))
		return 0;
	if (strcmp(tz, "UTC") == 0)
		return 1;
	snprintf(path, sizeof(path), "/usr/share/zoneinfo/%s", tz);
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* An empty *slot becomes the folder name beside the database. */
static void cfg_default_dir(char **slot, const char *database, const char *name)
{
	const char *slash = strrchr(database, '/');

	if (*slot != NULL && **slot != '\0')
		return;
	free(*slot);
	*slot = slash ? xasprintf("%.*s/%s", (int)(slash - database), database, name) : xstrdup(name);
}

/* 1 when the host of url (http[s]://[user@]host[:port][/...]) is the
 * loopback interface. */
static int cfg_url_loopback(const char *url)
{
	static const char *const loopback[] = { "127.0.0.1", "[::1]", "localhost" };
	const char *host = strstr(url, "://");
	size_t n;

	if (host == NULL)
		return 0;
	host += 3;
	n = strcspn(host, "/?#");
	/* Userinfo ends at the last '@' of the authority. */
	for (size_t i = n; i > 0; i--) {
		if (host[i - 1] == '@') {
			host += i;
			n -= i;
			break;
		}
	}
	if (*host == '[')
		n = strcspn(host, "]/") + (host[strcspn(host, "]/")] == ']');
	else
		n = strcspn(host, ":/?#");
	for (size_t i = 0; i < BJJ_ARRAY_LEN(loopback); i++)
		if (strlen(loopback[i]) == n && strncasecmp(host, loopback[i], n) == 0)
			return 1;
	return 0;
}

int cfg_validate(struct config *cfg, int need_token, char *err, size_t errlen)
{
	const char *where = cfg->path ? cfg->path : "config";
	size_t n;

	if (need_token && (cfg->token == NULL || *cfg->token == '\0')) {
		snprintf(err, errlen, "%s: [telegram] token is missing (set token, token_file or BJJBOT_TOKEN)", where);
		return -1;
	}
	if (cfg->token && *cfg->token && !cfg_token_valid(cfg->token)) {
		snprintf(err, errlen, "%s: [telegram] token is malformed (expected the form 123456:ABC... given by @BotFather)", where);
		return -1;
	}
	n = strlen(cfg->api_url);
	while (n > 0 && cfg->api_url[n - 1] == '/')
		cfg->api_url[--n] = '\0';
	if (strncmp(cfg->api_url, "http://", 7) != 0 && strncmp(cfg->api_url, "https://", 8) != 0) {
		char *shown = cfg_url_redacted(cfg->api_url, cfg->token);
		snprintf(err, errlen, "%s: [telegram] api_url \"%s\" must start with http:// or https://", where, shown);
		free(shown);
		return -1;
	}
	/* A faster clock against the real Telegram would break its limits. */
	if (cfg->time_scale != 1.0 && !cfg_url_loopback(cfg->api_url)) {
		snprintf(err, errlen, "%s: BJJBOT_TIME_SCALE is for tests against a fake Bot API: "
		    "[telegram] api_url must be http://127.0.0.1, localhost or [::1]", where);
		return -1;
	}
	/* Unpaced, the real Telegram would answer 429s and may ban the bot. */
	if (!cfg->pace && !cfg_url_loopback(cfg->api_url)) {
		char *shown = cfg_url_redacted(cfg->api_url, cfg->token);
		snprintf(err, errlen, "%s: [telegram] pace = off is for benchmarks against a local fake: "
		    "api_url \"%s\" is not 127.0.0.1, ::1 or localhost", where, shown);
		free(shown);
		return -1;
	}
	if (cfg->database == NULL || *cfg->database == '\0') {
		snprintf(err, errlen, "%s: [storage] database is empty", where);
		return -1;
	}
	cfg_default_dir(&cfg->export_dir, cfg->database, "exports");
	cfg_default_dir(&cfg->backup_dir, cfg->database, "backups");
	if (!cfg_timezone_valid(cfg->timezone)) {
		snprintf(err, errlen, "%s: [academy] timezone \"%s\" is not a known IANA time zone (e.g. Europe/Moscow)", where, cfg->timezone);
		return -1;
	}
	if (h_lang_by_code(cfg->language) < 0) {
		struct buf codes = { 0 };

		for (int l = 0; l < LANG_COUNT; l++)
			buf_addf(&codes, "%s%s (%s)", l > 0 ? ", " : "", h_lang_info(l)->code,
			    h_lang_info(l)->native);
		snprintf(err, errlen, "%s: [academy] language \"%s\": expected one of %s", where,
		    cfg->language, buf_str(&codes));
		buf_free(&codes);
		return -1;
	}
	/* Three capital letters: it is shown in every amount, in HTML. */
	if (strlen(cfg->currency) != 3 || !isupper((unsigned char)cfg->currency[0]) ||
	    !isupper((unsigned char)cfg->currency[1]) || !isupper((unsigned char)cfg->currency[2])) {
		snprintf(err, errlen, "%s: [academy] currency \"%s\": expected a 3-letter ISO code such as RUB", where, cfg->currency);
		return -1;
	}
	return 0;
}

/* Length of the token-shaped word at s ("<digits>:<30+ of [A-Za-z0-9_-]>",
 * as cfg_token_valid), 0 when s does not start one. */
static size_t cfg_token_shape_at(const char *s)
{
	size_t n = 0, rest = 0;

	while (isdigit((unsigned char)s[n]))
		n++;
	if (n == 0 || s[n++] != ':')
		return 0;
	while (isalnum((unsigned char)s[n]) || s[n] == '_' || s[n] == '-')
		n++, rest++;
	return rest >= 30 ? n : 0;
}

/*
 * The error of a failed load as it may be shown: the configured token
 * (and its secret part, and a URL's user:password) as "***", and so is
 * anything shaped like a token, for one pasted under the wrong key.
 */
static void cfg_error_redact(const struct config *cfg, char *err, size_t errlen)
{
	char *shown = cfg_url_redacted(err, cfg->token);
	struct buf b = { 0 };

	for (const char *p = shown; *p;) {
		size_t n = (p == shown || !isalnum((unsigned char)p[-1])) ? cfg_token_shape_at(p) : 0;

		if (n > 0) {
			buf_adds(&b, "***");
			p += n;
		} else {
			buf_add(&b, p++, 1);
		}
	}
	snprintf(err, errlen, "%s", buf_str(&b));
	buf_free(&b);
	free(shown);
}

static int cfg_load_file(struct config *cfg, const char *path, int need_token, char *err,
    size_t errlen)
{
	struct cfg_parse ps = { cfg, path, err, errlen, 0, NULL, 0 };
	FILE *fp;
	int rc;

	cfg_defaults(cfg);
	cfg->path = xstrdup(path);
	fp = fopen(path, "r");
	if (fp == NULL) {
		snprintf(err, errlen, "%s: cannot read: %s", path, strerror(errno));
		return -1;
	}
	ps.fp = fp;
	rc = ini_parse_stream(cfg_ini_reader, &ps, cfg_ini_cb, &ps);
	fclose(fp);
	if (ps.failed)
		return -1;
	if (rc > 0) {
		snprintf(err, errlen, "%s: line %d: syntax error (expected [section] or key = value)", path, rc);
		return -1;
	}
	if (rc < 0) {
		snprintf(err, errlen, "%s: cannot parse", path);
		return -1;
	}
	if (cfg_apply_env(cfg, err, errlen) != 0)
		return -1;
	return cfg_validate(cfg, need_token, err, errlen);
}

int cfg_load(struct config *cfg, const char *path, int need_token, char *err, size_t errlen)
{
	if (cfg_load_file(cfg, path, need_token, err, errlen) == 0)
		return 0;
	cfg_error_redact(cfg, err, errlen);
	return -1;
}

/* Length of the first secret in s: the token, its part after ':', or
 * the user:password of a URL; 0 when s starts with none of them. */
static size_t cfg_secret_at(const char *s, const char *token, const char *url)
{
	const char *secret = token ? strchr(token, ':') : NULL;

	if (token && *token && strncmp(s, token, strlen(token)) == 0)
		return strlen(token);
	/* The part after the bot id is what must stay hidden (the id
	 * alone is public); short strings would hide ordinary text. */
	if (secret && strlen(secret + 1) >= 8 && strncmp(s, secret + 1, strlen(secret + 1)) == 0)
		return strlen(secret + 1);
	if (s > url && s[-1] == '/' && s - url >= 2 && s[-2] == '/') {
		size_t host = strcspn(s, "/?#");
		const char *at = memchr(s, '@', host);
		if (at)
			return (size_t)(at - s);
	}
	return 0;
}

char *cfg_url_redacted(const char *url, const char *token)
{
	struct buf b = { 0 };

	for (const char *p = url; *p;) {
		size_t n = cfg_secret_at(p, token, url);
		if (n > 0) {
			buf_addf(&b, "***");
			p += n;
		} else {
			buf_add(&b, p++, 1);
		}
	}
	return buf_detach(&b);
}

int cfg_dir_usable(const char *dir, char *why, size_t whylen)
{
	char *path = xstrdup(dir), *probe = NULL;
	struct stat st;
	int rc = -1, fd;

	/* A folder that does not exist yet is made when first needed: then
	 * the nearest existing parent must take it. */
	while (stat(path, &st) != 0) {
		char *slash = strrchr(path, '/');
		if (errno != ENOENT && errno != ENOTDIR) {
			snprintf(why, whylen, "cannot look at \"%s\": %s", path, strerror(errno));
			goto out;
		}
		if (slash == NULL) {
			strcpy(path, ".");
		} else if (slash == path) {
			path[1] = '\0';
		} else {
			*slash = '\0';
		}
	}
	if (!S_ISDIR(st.st_mode)) {
		snprintf(why, whylen, "\"%s\" is not a directory", path);
		goto out;
	}
	/* access() says yes to root even on a read-only file system: try. */
	probe = xasprintf("%s/.bjjbot-check-XXXXXX", path);
	if ((fd = mkstemp(probe)) < 0) {
		snprintf(why, whylen, "cannot create files in \"%s\": %s", path, strerror(errno));
		goto out;
	}
	close(fd);
	unlink(probe);
	rc = 0;
out:
	free(probe);
	free(path);
	return rc;
}

int cfg_parse_listen(const char *value, char *host, size_t hostlen, int *port)
{
	const char *colon = strrchr(value, ':');
	const char *digits = colon ? colon + 1 : value;
	struct in_addr addr;
	char ip[INET_ADDRSTRLEN];
	int p;

	if (cfg_parse_int(digits, 1, 65535, &p) != 0 || !isdigit((unsigned char)*digits))
		return -1;
	if (colon == NULL) {
		snprintf(ip, sizeof(ip), "127.0.0.1");
	} else {
		/* A bare address only: names would need a resolver at start. */
		if ((size_t)(colon - value) >= sizeof(ip))
			return -1;
		memcpy(ip, value, (size_t)(colon - value));
		ip[colon - value] = '\0';
		if (inet_pton(AF_INET, ip, &addr) != 1)
			return -1;
	}
	if (strlen(ip) >= hostlen)
		return -1;
	snprintf(host, hostlen, "%s", ip);
	*port = p;
	return 0;
}

int cfg_is_owner(const struct config *cfg, int64_t tg_id)
{
	for (int i = 0; i < cfg->n_owners; i++)
		if (cfg->owner_ids[i] == tg_id)
			return 1;
	return 0;
}
