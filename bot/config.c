/*
 * config.c — the settings table (cfg_options); bot.conf read through inih
 * and the rows, then the environment, then the checks. The first error
 * wins and is reported as one line naming the file, the line and the
 * key; the token's value never appears in any message.
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

#include "lib/civil.h"
#include "lib/util.h"
#include "handlers/handlers.h"

static void cfg_set_str(char **slot, const char *value)
{
	free(*slot);
	*slot = xstrdup(value);
}

/* Read the first line of a file holding the token (systemd credential or
 * a file readable only by the bot). */
static const char *cfg_parse_token_file(struct config *cfg, const char *path)
{
	char line[256];
	FILE *fp = fopen(path, "r");
	if (fp == NULL)
		return "cannot read the token file";
	if (fgets(line, sizeof(line), fp) == NULL)
		line[0] = '\0';
	fclose(fp);
	line[strcspn(line, "\r\n")] = '\0';
	cfg_set_str(&cfg->token, line);
	memset(line, 0, sizeof(line));
	return NULL;
}

/* "1, 2,3" -> ids. */
static const char *cfg_parse_owners(struct config *cfg, const char *value)
{
	char *copy = xstrdup(value), *save = NULL;
	const char *why = NULL;

	cfg->n_owners = 0;
	for (char *tok = strtok_r(copy, ", \t", &save); tok; tok = strtok_r(NULL, ", \t", &save)) {
		int64_t id;
		if (parse_i64(tok, &id) != 0 || id <= 0 || cfg->n_owners >= CFG_MAX_OWNERS) {
			why = "expected comma-separated Telegram user ids";
			break;
		}
		cfg->owner_ids[cfg->n_owners++] = id;
	}
	free(copy);
	return why;
}

/* "22:00-09:00", or empty for none. */
static const char *cfg_parse_quiet(struct config *cfg, const char *value)
{
	char a[8], b[8];
	int end = 0;

	if (*value == '\0') {
		cfg->quiet_start = cfg->quiet_end = -1;
		return NULL;
	}
	if (sscanf(value, "%7[0-9:]-%7[0-9:]%n", a, b, &end) != 2 || (size_t)end != strlen(value) ||
	    civil_parse_hhmm(a, &cfg->quiet_start) != 0 || civil_parse_hhmm(b, &cfg->quiet_end) != 0 ||
	    cfg->quiet_start == cfg->quiet_end)
		return "expected HH:MM-HH:MM (e.g. 22:00-09:00), or nothing to turn it off";
	return NULL;
}

/* "[address:]port", or empty: the HTTP server is off. */
static const char *cfg_parse_http_listen(struct config *cfg, const char *value)
{
	cfg_set_str(&cfg->http_listen, value);
	if (*value != '\0' && cfg_parse_listen(value, cfg->http_host, sizeof(cfg->http_host),
	    &cfg->http_port) != 0)
		return "expected a port (8080, bound to 127.0.0.1) or an IPv4 address and a port "
		    "(127.0.0.1:8080), or nothing to turn the HTTP server off";
	return NULL;
}

/* An http(s) address without its trailing '/'s; empty: unset (NULL). */
static const char *cfg_parse_public_url(struct config *cfg, const char *value)
{
	size_t len = strlen(value);

	free(cfg->http_public_url);
	cfg->http_public_url = NULL;
	if (*value == '\0')
		return NULL;
	if (strncmp(value, "https://", 8) != 0 && strncmp(value, "http://", 7) != 0)
		return "expected an address starting with https:// or http://, or nothing";
	if (strpbrk(value, " \t\"<>") != NULL)
		return "expected an address without spaces, quotes or angle brackets";
	while (len > 0 && value[len - 1] == '/')
		len--;
	cfg->http_public_url = xstrndup(value, len);
	return NULL;
}

/* The URL without its trailing '/'s: paths are appended with one. */
static const char *cfg_parse_api_url(struct config *cfg, const char *value)
{
	size_t len = strlen(value);

	while (len > 0 && value[len - 1] == '/')
		len--;
	free(cfg->api_url);
	cfg->api_url = xstrndup(value, len);
	return NULL;
}

static int cfg_check_api_url(const char *url, char *why, size_t whylen)
{
	if (strncmp(url, "http://", 7) == 0 || strncmp(url, "https://", 8) == 0)
		return 0;
	snprintf(why, whylen, "expected an address starting with http:// or https://");
	return -1;
}

/* Shaped as @BotFather gives it; the reason never repeats it. */
static int cfg_check_token(const char *token, char *why, size_t whylen)
{
	if (*token == '\0' || cfg_token_valid(token))
		return 0;
	snprintf(why, whylen, "is malformed (expected the form 123456:ABC... given by @BotFather)");
	return -1;
}

/* An IANA name that the system's zoneinfo knows ("Europe/Moscow"). */
static int cfg_check_timezone(const char *tz, char *why, size_t whylen)
{
	char path[512];
	struct stat st;

	if (strcmp(tz, "UTC") == 0)
		return 0;
	snprintf(path, sizeof(path), "/usr/share/zoneinfo/%s", tz);
	if (*tz != '\0' && tz[0] != '/' && strstr(tz, "..") == NULL && stat(path, &st) == 0 &&
	    S_ISREG(st.st_mode))
		return 0;
	snprintf(why, whylen, "not a known IANA time zone (e.g. Europe/Moscow)");
	return -1;
}

/* Three capital letters: it is shown in every amount, in HTML. */
static int cfg_check_currency(const char *cur, char *why, size_t whylen)
{
	if (strlen(cur) == 3 && isupper((unsigned char)cur[0]) && isupper((unsigned char)cur[1]) &&
	    isupper((unsigned char)cur[2]))
		return 0;
	snprintf(why, whylen, "expected a 3-letter ISO code such as RUB");
	return -1;
}

/* A code of handlers/lang.h; the error lists them. */
static int cfg_check_language(const char *code, char *why, size_t whylen)
{
	struct buf codes = { 0 };

	if (h_lang_by_code(code) >= 0)
		return 0;
	for (int l = 0; l < LANG_COUNT; l++)
		buf_addf(&codes, "%s%s (%s)", l > 0 ? ", " : "", h_lang_info(l)->code, h_lang_info(l)->native);
	snprintf(why, whylen, "expected one of %s", buf_str(&codes));
	buf_release(&codes);
	return -1;
}

/* enum log_level by number (test_config checks them against log.c). */
static const char *const cfg_log_levels[] = { "debug", "info", "warn", "error", NULL };

#define CFG_AT(member) offsetof(struct config, member)

/*
 * Every setting of bot.conf, in the order of bot.conf.sample (which
 * `bjjbot config sample` prints from this table). A new setting is one
 * row here and its member in struct config; a type's parse, its default
 * and its sample line come from the row.
 */
const struct cfg_option cfg_options[] = {
	{ .section = "telegram", .key = "token", .type = CFG_STR, .offset = CFG_AT(token), .secret = 1,
	  .check = cfg_check_token, .env = "BJJBOT_TOKEN",
	  .example = "123456789:AAExampleExampleExampleExampleExample",
	  .help = "The bot token from @BotFather. Required to run. Keep this file readable only by "
	      "the bot (chmod 600), or use token_file instead." },
	{ .section = "telegram", .key = "token_file", .type = CFG_CUSTOM, .parse = cfg_parse_token_file,
	  .example = "/run/credentials/bjjbot.service/token",
	  .help = "A file whose first line is the token (e.g. a systemd credential)." },
	{ .section = "telegram", .key = "owner_ids", .type = CFG_CUSTOM, .parse = cfg_parse_owners, .def = "",
	  .help = "Telegram user ids of the academy's owners, comma-separated. Owners can do "
	      "everything and receive alerts. Find yours with @userinfobot." },
	{ .section = "telegram", .key = "api_url", .type = CFG_STR, .offset = CFG_AT(api_url),
	  .parse = cfg_parse_api_url, .check = cfg_check_api_url, .env = "BJJBOT_API_URL",
	  .def = "https://api.telegram.org",
	  .help = "Where the Bot API lives. Change only for a local Bot API server or tests." },
	/* 0 would be short polling: a busy loop of getUpdates calls. */
	{ .section = "telegram", .key = "poll_timeout", .type = CFG_INT, .offset = CFG_AT(poll_timeout),
	  .min = 1, .max = 50, .unit = "seconds", .def = "50",
	  .help = "Long-polling timeout in seconds." },
	{ .section = "telegram", .key = "conflict_alert_after", .type = CFG_INT,
	  .offset = CFG_AT(conflict_alert_after), .min = 1, .max = 86400, .unit = "seconds", .def = "180",
	  .help = "Seconds of \"409 Conflict\" (another bot instance or a webhook on the same token) "
	      "before the owners are alerted. Polling never stops." },
	{ .section = "telegram", .key = "shutdown_grace", .type = CFG_INT, .offset = CFG_AT(shutdown_grace),
	  .min = 0, .max = 60, .unit = "seconds", .def = "5",
	  .help = "Seconds to keep delivering queued replies after SIGTERM before exiting." },
	{ .section = "telegram", .key = "outbox_per_chat", .type = CFG_INT, .offset = CFG_AT(outbox_per_chat),
	  .min = 10, .max = 100000, .unit = "messages", .def = "100",
	  .help = "Messages waiting to be sent to one chat at most. Telegram takes about one a second "
	      "per chat; beyond this, new messages to that chat are dropped and logged (a flood or a "
	      "chat that stopped reading); alerts and leads to the owners are never dropped." },
	{ .section = "telegram", .key = "pace", .type = CFG_BOOL, .offset = CFG_AT(pace),
	  .unit = "on or off", .def = "on",
	  .help = "on: replies keep to Telegram's limits (about 1 a second per chat, 30 a second "
	      "overall) and a person writing faster than 20 in a burst is asked to slow down. off "
	      "lifts both, for benchmarks only: refused unless api_url is 127.0.0.1, ::1 or "
	      "localhost (a local fake of the Bot API)." },

	{ .section = "storage", .key = "database", .type = CFG_STR, .offset = CFG_AT(database),
	  .def = "/var/lib/bjjbot/bjjbot.db",
	  .help = "The SQLite database file (created on first run). Back it up!" },
	{ .section = "storage", .key = "export_dir", .type = CFG_STR, .offset = CFG_AT(export_dir),
	  .help = "Where /export writes the CSV files it sends (created when needed). Empty: an "
	      "\"exports\" folder beside the database." },
	{ .section = "storage", .key = "export_keep_days", .type = CFG_INT, .offset = CFG_AT(export_keep_days),
	  .min = 1, .max = 3650, .unit = "days", .def = "7",
	  .help = "Exports hold phones and payments: they are removed this many days after they were "
	      "made. Backups are kept by the [backup] rules." },

	{ .section = "academy", .key = "name", .type = CFG_STR, .offset = CFG_AT(academy_name),
	  .def = "BJJ Academy", .help = "Shown in greetings and /help." },
	{ .section = "academy", .key = "timezone", .type = CFG_STR, .offset = CFG_AT(timezone),
	  .def = "UTC", .check = cfg_check_timezone,
	  .help = "IANA time zone: all times are shown and typed in it, stored as UTC." },
	{ .section = "academy", .key = "currency", .type = CFG_STR, .offset = CFG_AT(currency),
	  .def = "RUB", .check = cfg_check_currency,
	  .help = "ISO 4217 code of the academy's money; amounts are kept in minor units." },
	{ .section = "academy", .key = "language", .type = CFG_STR, .offset = CFG_AT(language),
	  .def = "ru", .check = cfg_check_language,
	  .help = "Reply language when a user's Telegram language is none of the bot's: en or ru "
	      "(README, \"Adding a language\")." },
	{ .section = "academy", .key = "invite_days", .type = CFG_INT, .offset = CFG_AT(invite_days),
	  .min = 1, .max = 365, .unit = "days", .def = "7",
	  .help = "Days an invite link stays valid." },
	{ .section = "academy", .key = "checkin_before", .type = CFG_INT, .offset = CFG_AT(checkin_before),
	  .min = 0, .max = 1440, .unit = "minutes", .def = "60",
	  .help = "Self check-in (/checkin) opens this many minutes before a class starts." },
	{ .section = "academy", .key = "checkin_after", .type = CFG_INT, .offset = CFG_AT(checkin_after),
	  .min = 0, .max = 1440, .unit = "minutes", .def = "30",
	  .help = "Self check-in closes this many minutes after a class started; trainers can "
	      "always mark later." },
	{ .section = "academy", .key = "schedule_days", .type = CFG_INT, .offset = CFG_AT(schedule_days),
	  .min = 1, .max = 90, .unit = "days", .def = "14",
	  .help = "Classes are generated from the weekly schedule this many days ahead." },

	{ .section = "scheduler", .key = "interval", .type = CFG_INT, .offset = CFG_AT(sched_interval),
	  .min = 1, .max = 3600, .unit = "seconds", .def = "60",
	  .help = "Seconds between checks for due reminders and alerts." },

	{ .section = "reminders", .key = "training_hours_before", .type = CFG_INT,
	  .offset = CFG_AT(remind_hours_before), .min = 0, .max = 48, .unit = "hours",
	  .note = "0 turns training reminders off", .def = "2",
	  .help = "Remind students of a class this many hours before it; 0: never." },
	{ .section = "reminders", .key = "regulars_only", .type = CFG_BOOL, .offset = CFG_AT(regulars_only),
	  .unit = "yes or no", .def = "no",
	  .help = "yes: remind only the class's regulars (came to that weekly class in the last four "
	      "weeks); no: every active student with a valid plan." },
	{ .section = "reminders", .key = "missed_classes_threshold", .type = CFG_INT,
	  .offset = CFG_AT(missed_threshold), .min = 0, .max = 50, .unit = "a number",
	  .note = "0 turns it off", .def = "2",
	  .help = "Nudge a student who missed this many of their usual classes in a row; 0: never." },
	{ .section = "reminders", .key = "absent_days", .type = CFG_INT, .offset = CFG_AT(absent_days),
	  .min = 0, .max = 365, .unit = "days", .note = "0 turns it off", .def = "10",
	  .help = "Nudge a student who has not come for this many days; 0: never." },
	{ .section = "reminders", .key = "payment_days_before", .type = CFG_INT,
	  .offset = CFG_AT(payment_days_before), .min = 0, .max = 60, .unit = "days", .def = "3",
	  .help = "Remind a student this many days before their plan ends." },
	{ .section = "reminders", .key = "quiet_hours", .type = CFG_CUSTOM, .parse = cfg_parse_quiet,
	  .def = "22:00-09:00",
	  .help = "Student reminders wait until these hours end (local); empty: no quiet hours." },
	{ .section = "reminders", .key = "digest_time", .type = CFG_TIME, .offset = CFG_AT(digest_minute),
	  .def = "21:00", .help = "When the owners get the daily digest (local time)." },

	{ .section = "backup", .key = "dir", .type = CFG_STR, .offset = CFG_AT(backup_dir),
	  .help = "Where daily backups go. Empty: a \"backups\" folder beside the database." },
	{ .section = "backup", .key = "time", .type = CFG_TIME, .offset = CFG_AT(backup_minute),
	  .def = "02:00", .help = "When the daily backup runs (local time)." },
	{ .section = "backup", .key = "keep_days", .type = CFG_INT, .offset = CFG_AT(keep_days),
	  .min = 1, .max = 3650, .unit = "days", .def = "30",
	  .help = "Daily backups are kept this many days; of older ones one per week is kept, "
	      "compressed, for keep_weeks weeks." },
	{ .section = "backup", .key = "keep_weeks", .type = CFG_INT, .offset = CFG_AT(keep_weeks),
	  .min = 0, .max = 520, .unit = "weeks", .def = "12",
	  .help = "Weeks the weekly compressed backups are kept." },

	{ .section = "alerts", .key = "alert_after_minutes", .type = CFG_INT,
	  .offset = CFG_AT(alert_after_minutes), .min = 1, .max = 1440, .unit = "minutes", .def = "10",
	  .help = "Tell the owners when Telegram has been unreachable this many minutes." },
	{ .section = "alerts", .key = "min_free_mb", .type = CFG_INT, .offset = CFG_AT(min_free_mb),
	  .min = 0, .max = 1000000, .unit = "megabytes", .def = "200",
	  .help = "Tell the owners when the disk holding the database or the backups has less free "
	      "space than this many megabytes." },

	{ .section = "log", .key = "level", .type = CFG_ENUM, .offset = CFG_AT(log_level),
	  .names = cfg_log_levels, .def = "info", .env = "LOG_LEVEL",
	  .help = "Message texts are never logged at info." },
	{ .section = "log", .key = "file", .type = CFG_STR, .offset = CFG_AT(log_file),
	  .help = "Log file (reopened on SIGHUP for logrotate). Empty: standard error." },

	{ .section = "http", .key = "listen", .type = CFG_STR, .offset = CFG_AT(http_listen),
	  .parse = cfg_parse_http_listen,
	  .help = "The HTTP server: GET /healthz (200 or 503, JSON), GET /metrics (Prometheus) and "
	      "the API under /api/v1 (tokens from /apitoken in the bot). \"[address:]port\": 8080 "
	      "binds to 127.0.0.1; 0.0.0.0:8080 to every IPv4 address. Empty: off." },
	{ .section = "http", .key = "max_body", .type = CFG_INT, .offset = CFG_AT(http_max_body),
	  .min = 1024, .max = 16 * 1024 * 1024, .unit = "bytes", .def = "65536",
	  .help = "Largest request body accepted, in bytes." },
	{ .section = "http", .key = "rate_limit", .type = CFG_INT, .offset = CFG_AT(http_rate_limit),
	  .min = 0, .max = 100000, .unit = "requests a minute", .def = "120",
	  .help = "API requests a minute per token (a burst of as many, then evenly); beyond it "
	      "429 with Retry-After. Failed token checks are limited per client address. "
	      "0: no limit." },
	{ .section = "http", .key = "trust_proxy", .type = CFG_BOOL, .offset = CFG_AT(http_trust_proxy),
	  .unit = "on or off", .def = "off",
	  .help = "on: the client address the rate limit counts failed token checks by is the one "
	      "the reverse proxy sends (X-Real-IP, else the last X-Forwarded-For hop); off: the "
	      "connection's own, and those headers are ignored. Turn it on only when every request "
	      "comes through your proxy and it sets X-Real-IP (as deploy/'s samples do): anyone who "
	      "can reach the port directly could otherwise pose as any address." },
	{ .section = "http", .key = "public_url", .type = CFG_STR, .offset = CFG_AT(http_public_url),
	  .parse = cfg_parse_public_url,
	  .help = "The address the world reaches this server at (behind the reverse proxy), e.g. "
	      "https://bjj.example.com: /calendar sends feed links and /web dashboard login links under "
	      "it. Empty: they give the path only and ask the owner to set it." },
};
const size_t cfg_n_options = BJJ_ARRAY_LEN(cfg_options);

const struct cfg_option *cfg_option_find(const char *section, const char *key)
{
	for (size_t i = 0; i < cfg_n_options; i++)
		if (strcmp(cfg_options[i].section, section) == 0 && strcmp(cfg_options[i].key, key) == 0)
			return &cfg_options[i];
	return NULL;
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

static int cfg_parse_int(const char *value, int lo, int hi, int *out)
{
	int64_t v;
	if (parse_i64(value, &v) != 0 || v < lo || v > hi)
		return -1;
	*out = (int)v;
	return 0;
}

/* "expected debug, info, warn or error" from an enum row's names. */
static void cfg_enum_expected(const struct cfg_option *o, char *why, size_t whylen)
{
	struct buf b = { 0 };

	buf_adds(&b, "expected ");
	for (size_t i = 0; o->names[i]; i++)
		buf_addf(&b, "%s%s", i == 0 ? "" : o->names[i + 1] ? ", " : " or ", o->names[i]);
	snprintf(why, whylen, "%s", buf_str(&b));
	buf_release(&b);
}

int cfg_option_set(struct config *cfg, const struct cfg_option *o, const char *value, char *why,
    size_t whylen)
{
	void *at = (char *)cfg + o->offset;
	const char *bad;

	if (o->parse) {
		if ((bad = o->parse(cfg, value)) == NULL)
			return 0;
		snprintf(why, whylen, "%s", bad);
		return -1;
	}
	switch (o->type) {
	case CFG_STR:
		cfg_set_str(at, value);
		return 0;
	case CFG_INT:
		if (cfg_parse_int(value, o->min, o->max, at) == 0)
			return 0;
		snprintf(why, whylen, "expected %s from %d to %d%s%s%s", o->unit, o->min, o->max,
		    o->note ? " (" : "", o->note ? o->note : "", o->note ? ")" : "");
		return -1;
	case CFG_BOOL:
		if (cfg_parse_bool(value, at) == 0)
			return 0;
		snprintf(why, whylen, "expected %s", o->unit);
		return -1;
	case CFG_TIME:
		if (civil_parse_hhmm(value, at) == 0)
			return 0;
		snprintf(why, whylen, "expected HH:MM");
		return -1;
	case CFG_ENUM:
		for (int i = 0; o->names[i]; i++) {
			if (strcmp(value, o->names[i]) == 0) {
				*(int *)at = i;
				return 0;
			}
		}
		cfg_enum_expected(o, why, whylen);
		return -1;
	case CFG_CUSTOM:
		break;
	}
	snprintf(why, whylen, "no parser for this setting");
	return -1;
}

void cfg_defaults(struct config *cfg)
{
	char why[256];

	memset(cfg, 0, sizeof(*cfg));
	/* Not a setting of the file: BJJBOT_TIME_SCALE only. */
	cfg->time_scale = 1.0;
	for (size_t i = 0; i < cfg_n_options; i++) {
		const struct cfg_option *o = &cfg_options[i];

		/* test_config loads every default through its row. */
		if (o->def != NULL && cfg_option_set(cfg, o, o->def, why, sizeof(why)) != 0)
			abort();
	}
}

void cfg_release(struct config *cfg)
{
	if (cfg == NULL)
		return;
	free(cfg->path);
	for (size_t i = 0; i < cfg_n_options; i++) {
		const struct cfg_option *o = &cfg_options[i];
		char **slot = (char **)((char *)cfg + o->offset);

		if (o->type != CFG_STR || *slot == NULL)
			continue;
		/* Do not leave a secret lying in freed memory. */
		if (o->secret)
			memset(*slot, 0, strlen(*slot));
		free(*slot);
	}
	memset(cfg, 0, sizeof(*cfg));
}

/* The comment at the top of bot.conf.sample. */
static const char cfg_sample_head[] =
    "# bjjbot configuration. Copy to /etc/bjjbot/bot.conf (or ./bot.conf) and\n"
    "# fill in the [telegram] section. Every setting is shown with its default.\n"
    "# Format: [section], key = value, lines starting with # are comments.\n"
    "# Check it with:  bjjbot -c /etc/bjjbot/bot.conf check\n"
    "# This file is printed by `bjjbot config sample` (bot/config.c's table).\n";

/* text as "# " comment lines of at most 76 columns. */
static void cfg_write_comment(FILE *fp, const char *text)
{
	const size_t width = 74;

	while (*text) {
		size_t n = strlen(text), cut = n;

		if (n > width) {
			cut = width;
			while (cut > 0 && text[cut] != ' ')
				cut--;
			if (cut == 0)
				cut = strcspn(text, " ");
		}
		fprintf(fp, "# %.*s\n", (int)cut, text);
		text += cut;
		while (*text == ' ')
			text++;
	}
}

void cfg_write_sample(FILE *fp)
{
	const char *section = NULL;

	fputs(cfg_sample_head, fp);
	for (size_t i = 0; i < cfg_n_options; i++) {
		const struct cfg_option *o = &cfg_options[i];
		struct buf help = { 0 };

		if (section == NULL || strcmp(section, o->section) != 0)
			fprintf(fp, "\n[%s]\n", section = o->section);
		/* "debug | info | warn | error. Help (1-50)." */
		for (size_t k = 0; o->type == CFG_ENUM && o->names[k]; k++)
			buf_addf(&help, "%s%s", o->names[k], o->names[k + 1] ? " | " : ". ");
		buf_adds(&help, o->help);
		if (o->env)
			buf_addf(&help, " %s in the environment overrides it.", o->env);
		if (o->type == CFG_INT) {
			int dot = help.len > 0 && help.s[help.len - 1] == '.';
			if (dot)
				buf_truncate(&help, help.len - 1);
			buf_addf(&help, " (%d-%d)%s", o->min, o->max, dot ? "." : "");
		}
		cfg_write_comment(fp, buf_str(&help));
		buf_release(&help);
		if (o->def == NULL && o->example != NULL)
			fprintf(fp, "# %s = %s\n", o->key, o->example);
		else if (o->def == NULL || *o->def == '\0')
			fprintf(fp, "%s =\n", o->key);
		else
			fprintf(fp, "%s = %s\n", o->key, o->def);
	}
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

static int cfg_ini_cb(void *user, const char *section, const char *name, const char *value)
{
	struct cfg_parse *ps = user;
	const struct cfg_option *o;
	char why[256];

	if (ps->failed || name == NULL)   /* name NULL: a bare [section] line */
		return 1;
	if ((o = cfg_option_find(section, name)) == NULL) {
		snprintf(ps->err, ps->errlen, "%s: line %d: unknown key \"%s\" in [%s]",
		    ps->path, ps->lineno, name, section);
		ps->failed = 1;
	} else if (cfg_option_set(ps->cfg, o, value, why, sizeof(why)) != 0) {
		snprintf(ps->err, ps->errlen, "%s: line %d: bad value for \"%s\" in [%s]: %s",
		    ps->path, ps->lineno, name, section, why);
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
	char why[256];

	for (size_t i = 0; i < cfg_n_options; i++) {
		const struct cfg_option *o = &cfg_options[i];

		if (o->env == NULL || (v = getenv(o->env)) == NULL || *v == '\0' ||
		    cfg_option_set(cfg, o, v, why, sizeof(why)) == 0)
			continue;
		if (o->secret)
			snprintf(err, errlen, "environment: %s: %s", o->env, why);
		else
			snprintf(err, errlen, "environment: %s \"%s\": %s", o->env, v, why);
		return -1;
	}
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

	if (need_token && (cfg->token == NULL || *cfg->token == '\0')) {
		snprintf(err, errlen, "%s: [telegram] token is missing (set token, token_file or BJJBOT_TOKEN)", where);
		return -1;
	}
	/* The rows' own checks, after the environment had its say. */
	for (size_t i = 0; i < cfg_n_options; i++) {
		const struct cfg_option *o = &cfg_options[i];
		const char *value;
		char why[256], *shown;

		if (o->check == NULL)
			continue;
		value = *(char *const *)((const char *)cfg + o->offset);
		if (value == NULL || o->check(value, why, sizeof(why)) == 0)
			continue;
		if (o->secret) {
			snprintf(err, errlen, "%s: [%s] %s %s", where, o->section, o->key, why);
		} else {
			shown = cfg_url_redacted(value, cfg->token);
			snprintf(err, errlen, "%s: [%s] %s \"%s\": %s", where, o->section, o->key, shown, why);
			free(shown);
		}
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
	buf_release(&b);
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
