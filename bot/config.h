/*
 * config.h — bot.conf (INI, parsed with inih) plus environment overrides.
 * Every setting is a row of cfg_options (config.c): section, key, type,
 * member, bounds, default and help. The row drives the default, the
 * parsing and its error, and its part of bot.conf.sample, which
 * `bjjbot config sample` prints (the test config_sample compares them).
 * cfg_load never prints the token; errors name the file, the line and the
 * key ("bot.conf: line 12: unknown key \"tokn\" in [telegram]").
 */
#ifndef BJJ_CONFIG_H
#define BJJ_CONFIG_H

#include <stddef.h>
#include <stdio.h>
#include <stdint.h>

#define CFG_MAX_OWNERS 32

struct config {
	char *path;            /* file it was read from, or NULL (demo) */
	/* [telegram] (bounds and defaults: the rows of cfg_options) */
	char *token;           /* secret: never print or log */
	char *api_url;         /* no trailing '/' once validated */
	int64_t owner_ids[CFG_MAX_OWNERS];
	int n_owners;
	int poll_timeout;      /* seconds */
	int conflict_alert_after; /* seconds of 409 before the owners hear */
	int shutdown_grace;    /* seconds to drain the outbox on SIGTERM */
	int outbox_per_chat;   /* messages queued per chat at most */
	double time_scale;     /* BJJBOT_TIME_SCALE, tests only (clock_span): 1..1000, default 1 */
	int pace;              /* 0: no pacing of replies or of people's updates (benchmarks
	                        * against a loopback fake only) */
	/* [storage] */
	char *database;        /* path of the SQLite file */
	char *export_dir;      /* CSV exports for /export; validated: <database dir>/exports when unset */
	int export_keep_days;  /* exports older than this are removed */
	/* [academy] */
	char *academy_name;
	char *timezone;        /* IANA name */
	char *currency;        /* ISO code */
	char *language;        /* a code of handlers/lang.h ("ru", "en") */
	int invite_days;       /* invite codes expire after this */
	int checkin_before;    /* self check-in opens this many minutes before a class */
	int checkin_after;     /* ... and closes this many minutes after its start */
	int schedule_days;     /* trainings are generated this many days ahead */
	/* [scheduler] */
	int sched_interval;    /* seconds between checks for due jobs */
	/* [reminders] (minutes of the day are local) */
	int remind_hours_before; /* training reminders this long before */
	int regulars_only;     /* remind only a class's regulars */
	int missed_threshold;  /* usual classes missed in a row before a nudge */
	int absent_days;       /* or days without coming */
	int payment_days_before; /* plan-ending reminders */
	int quiet_start, quiet_end; /* minutes of the day; -1 both: no quiet hours */
	int digest_minute;     /* the owners' digest */
	/* [backup] */
	char *backup_dir;      /* validated: <database dir>/backups when unset */
	int backup_minute;     /* daily backup time */
	int keep_days;         /* daily backups kept */
	int keep_weeks;        /* weekly (compressed) backups kept */
	/* [alerts] */
	int alert_after_minutes; /* Telegram unreachable this long: tell the owners */
	int min_free_mb;       /* disk space below this: tell the owners */
	/* [log] */
	int log_level;         /* enum log_level */
	char *log_file;        /* NULL or "": stderr */
	/* [http] */
	char *http_listen;     /* as written; NULL or "": the HTTP server is off */
	char http_host[16];    /* dotted IPv4 address to bind, from http_listen */
	int http_port;         /* 1..65535 when http_listen is set */
	int http_max_body;     /* bytes a request body may have */
	char *http_public_url; /* http(s)://... the world reaches the server at, no
	                        * trailing '/'; NULL: not set (/calendar says so) */
	int http_rate_limit;   /* API requests a minute per token, default 120; 0: none */
	int http_trust_proxy;  /* 1: the client address is the proxy's X-Real-IP or
	                        * X-Forwarded-For's last hop; 0 (default): the peer's */
};

/*
 * The types of settings; each but CFG_CUSTOM names the member's C type.
 * A row's parse hook, when set, replaces its type's parse (a CFG_STR row
 * with one still has its member freed by cfg_release).
 */
enum cfg_type {
	CFG_STR,       /* char *, owned; a row without a default leaves it NULL */
	CFG_INT,       /* int from min to max */
	CFG_BOOL,      /* int 0 or 1: yes/no, on/off, true/false, 1/0 */
	CFG_TIME,      /* int, minute of the day, from "HH:MM" */
	CFG_ENUM,      /* int, the index of the value in names */
	CFG_CUSTOM,    /* no member of its own: parse sets what it needs */
};

struct cfg_option {
	const char *section, *key;
	enum cfg_type type;
	size_t offset;             /* of the member in struct config */
	int min, max;              /* CFG_INT */
	/* CFG_INT: the unit in the error ("expected days from 1 to 365");
	 * CFG_BOOL: the words of the error ("on or off", "yes or no") */
	const char *unit;
	const char *note;          /* CFG_INT: added to the error: "0 turns it off" */
	const char *const *names;  /* CFG_ENUM: the values, NULL-terminated */
	/* The default as written in bot.conf, parsed like the file's value;
	 * NULL: none (the member stays 0 or NULL). */
	const char *def;
	const char *example;       /* without def: the sample shows "# key = example" */
	/* CFG_STR: zeroed before it is freed, never shown in an error */
	int secret;
	/* An environment variable that, set and not empty, overrides the
	 * file's value (parsed as the file's is) */
	const char *env;
	/* NULL when value is good (and set), else why not ("expected ...") */
	const char *(*parse)(struct config *cfg, const char *value);
	/* CFG_STR: checked by cfg_validate, after the environment, unless
	 * NULL; 0 or -1 with why ("expected ...") */
	int (*check)(const char *value, char *why, size_t whylen);
	const char *help;          /* the sample's comment: a sentence or a few */
};

extern const struct cfg_option cfg_options[];
extern const size_t cfg_n_options;

/* The row of [section] key, or NULL. */
const struct cfg_option *cfg_option_find(const char *section, const char *key);
/* Set o's member from value as the file writes it. 0, or -1 with the
 * reason ("expected seconds from 1 to 50") in why and cfg unchanged but
 * for o's members. */
int cfg_option_set(struct config *cfg, const struct cfg_option *o, const char *value, char *why,
    size_t whylen);
/* bot.conf.sample: every row, its help as comments, with its default. */
void cfg_write_sample(FILE *fp);

/* Fill cfg with every default. cfg_release releases what it owns. */
void cfg_defaults(struct config *cfg);
void cfg_release(struct config *cfg);

/*
 * Read path into cfg (defaults first), then apply the environment (the
 * rows' env, DATABASE_URL, BJJBOT_TIME_SCALE), then validate.
 * need_token: a missing token is an error (run, check); console, migrate
 * and demo do without. Returns 0, or -1 with a one-line reason in err,
 * where the token, and any value shaped like one, shows as "***".
 */
int cfg_load(struct config *cfg, const char *path, int need_token, char *err, size_t errlen);
/* The environment part alone (used by cfg_load and by demo). */
int cfg_apply_env(struct config *cfg, char *err, size_t errlen);
/* Validate what was read; same contract as cfg_load. */
int cfg_validate(struct config *cfg, int need_token, char *err, size_t errlen);

/*
 * "[host:]port" -> host (dotted IPv4, "127.0.0.1" when only a port is
 * given) and port 1..65535. 0, or -1 when value is not of that form.
 */
int cfg_parse_listen(const char *value, char *host, size_t hostlen, int *port);

/* "sqlite:///rel/path" -> "rel/path", "sqlite:////abs" -> "/abs". Owned
 * result, or NULL when the URL is not of that form. */
char *cfg_database_from_url(const char *url);

/* Token looks like "<digits>:<35+ of [A-Za-z0-9_-]>". */
int cfg_token_valid(const char *token);

/*
 * url with every secret in it shown as "***": the token, its part after
 * the ':', and a user:password before the host. Owned. For messages.
 */
char *cfg_url_redacted(const char *url, const char *token);
/*
 * 0 when dir is a directory this process can create files in, or does not
 * exist yet and its nearest existing parent is one (it is made when first
 * needed). -1 with the reason, naming the folder, in why.
 */
int cfg_dir_usable(const char *dir, char *why, size_t whylen);

#endif
