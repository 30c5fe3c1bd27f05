/*
 * config.h — bot.conf (INI, parsed with inih) plus environment overrides.
 * Every setting here is documented, with its default, in bot.conf.sample.
 * cfg_load never prints the token; errors name the file, the line and the
 * key ("bot.conf: line 12: unknown key \"tokn\" in [telegram]").
 */
#ifndef BJJ_CONFIG_H
#define BJJ_CONFIG_H

#include <stddef.h>
#include <stdint.h>

#define CFG_MAX_OWNERS 32

struct config {
	char *path;            /* file it was read from, or NULL (demo) */
	/* [telegram] */
	char *token;           /* secret: never print or log */
	char *api_url;         /* default https://api.telegram.org, no trailing '/' */
	int64_t owner_ids[CFG_MAX_OWNERS];
	int n_owners;
	int poll_timeout;      /* seconds, 1..50, default 50 */
	int conflict_alert_after; /* seconds of 409 before the owners hear, default 180 */
	int shutdown_grace;    /* seconds to drain the outbox on SIGTERM, default 5 */
	int outbox_per_chat;   /* messages queued per chat at most, default 100 */
	double time_scale;     /* BJJBOT_TIME_SCALE, tests only (clock_span): 1..1000, default 1 */
	int pace;              /* 0: no pacing of replies or of people's updates (benchmarks
	                        * against a loopback fake only), default 1 */
	/* [storage] */
	char *database;        /* path of the SQLite file */
	char *export_dir;      /* CSV exports for /export; default <database dir>/exports */
	int export_keep_days;  /* exports older than this are removed, default 7 */
	/* [academy] */
	char *academy_name;
	char *timezone;        /* IANA name, default UTC */
	char *currency;        /* ISO code, default RUB */
	char *language;        /* a code of handlers/lang.h ("ru", "en"), default ru */
	int invite_days;       /* invite codes expire after this, default 7 */
	int checkin_before;    /* self check-in opens this many minutes before a class, default 60 */
	int checkin_after;     /* ... and closes this many minutes after its start, default 30 */
	int schedule_days;     /* trainings are generated this many days ahead, default 14 */
	/* [scheduler] */
	int sched_interval;    /* seconds between checks for due jobs, default 60 */
	/* [reminders] (minutes of the day are local) */
	int remind_hours_before; /* training reminders this long before, default 2 */
	int regulars_only;     /* remind only a class's regulars, default 0 */
	int missed_threshold;  /* usual classes missed in a row before a nudge, default 2 */
	int absent_days;       /* or days without coming, default 10 */
	int payment_days_before; /* plan-ending reminders, default 3 */
	int quiet_start, quiet_end; /* minutes of the day; -1 both: no quiet hours */
	int digest_minute;     /* the owners' digest, default 21:00 */
	/* [backup] */
	char *backup_dir;      /* default <database dir>/backups */
	int backup_minute;     /* daily backup time, default 02:00 */
	int keep_days;         /* daily backups kept, default 30 */
	int keep_weeks;        /* weekly (compressed) backups kept, default 12 */
	/* [alerts] */
	int alert_after_minutes; /* Telegram unreachable this long: tell the owners, default 10 */
	int min_free_mb;       /* disk space below this: tell the owners, default 200 */
	/* [log] */
	int log_level;         /* enum log_level */
	char *log_file;        /* NULL: stderr */
	/* [http] */
	char *http_listen;     /* as written; NULL or "": the HTTP server is off */
	char http_host[16];    /* dotted IPv4 address to bind, from http_listen */
	int http_port;         /* 1..65535 when http_listen is set */
	int http_max_body;     /* bytes a request body may have, default 65536 */
	char *http_public_url; /* http(s)://... the world reaches the server at, no
	                        * trailing '/'; NULL: not set (/calendar says so) */
	int http_rate_limit;   /* API requests a minute per token, default 120; 0: none */
};

/* Fill cfg with every default. cfg_free releases what it owns. */
void cfg_defaults(struct config *cfg);
void cfg_free(struct config *cfg);

/*
 * Read path into cfg (defaults first), then apply the environment
 * (BJJBOT_TOKEN, BJJBOT_API_URL, DATABASE_URL, LOG_LEVEL), then validate.
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

/* 1 when id is one of the owners. */
int cfg_is_owner(const struct config *cfg, int64_t tg_id);

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
