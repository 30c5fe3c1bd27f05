/*
 * health.c — GET /healthz and GET /metrics (see web.h).
 *
 * /healthz answers 200 when every check passes and 503 otherwise, with a
 * JSON detail per check; it names no file and no person, so a load
 * balancer or a monitoring service may see it. The checks use the same
 * thresholds as the owners' alerts: [alerts] alert_after_minutes for
 * Telegram, min_free_mb for the disk, and the scheduler's idea of a stale
 * backup.
 */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "bot/config.h"
#include "lib/metrics.h"
#include "bot/scheduler.h"
#include "handlers/handlers.h"
#include "http/web.h"
#include "storage/backup.h"
#include "storage/store.h"

/* Seconds since the newest backup in dir, or -1 when there is none. */
static double web_backup_age(const char *dir)
{
	char *newest = db_backup_newest(dir);
	int64_t t = 0;
	int gz = 0;
	double age = -1;

	/* A name from the future (the clock was moved back) counts as new. */
	if (newest != NULL && db_backup_parse_name(strrchr(newest, '/') + 1, &t, &gz) == 0)
		age = t > clock_now() ? 0 : (double)(clock_now() - t);
	free(newest);
	return age;
}

static cJSON *web_check(cJSON *checks, const char *name, int ok, int *all_ok)
{
	cJSON *c = cJSON_AddObjectToObject(checks, name);
	cJSON_AddBoolToObject(c, "ok", ok);
	if (!ok)
		*all_ok = 0;
	return c;
}

static void web_check_telegram(const struct web_env *env, cJSON *checks, int *all_ok)
{
	double now = clock_mono(), age = metrics_poll_age(now);
	double limit = env->cfg->alert_after_minutes * 60.0;
	/* Before the first answer the bot is starting: as long as that
	 * stays within the limit it is not an outage. */
	int ok = age >= 0 ? age <= limit : now - env->started <= limit;
	cJSON *c = web_check(checks, "telegram", ok, all_ok);

	if (age >= 0)
		cJSON_AddNumberToObject(c, "last_poll_age_s", (double)(long long)age);
	else
		cJSON_AddNullToObject(c, "last_poll_age_s");
	cJSON_AddNumberToObject(c, "limit_s", limit);
}

static void web_check_disk(const struct web_env *env, cJSON *checks, int *all_ok)
{
	char *probe = xasprintf("%s/x", env->cfg->backup_dir);
	long long db_mb = scheduler_free_mb(env->cfg->database);
	long long bk_mb = scheduler_free_mb(probe);
	long long mb = db_mb < 0 || (bk_mb >= 0 && bk_mb < db_mb) ? bk_mb : db_mb;
	cJSON *c;

	free(probe);
	c = web_check(checks, "disk", mb >= env->cfg->min_free_mb, all_ok);
	cJSON_AddNumberToObject(c, "free_mb", (double)mb);
	cJSON_AddNumberToObject(c, "min_free_mb", env->cfg->min_free_mb);
}

static void web_check_backup(const struct web_env *env, cJSON *checks, int *all_ok)
{
	double age = web_backup_age(env->cfg->backup_dir);
	cJSON *c = web_check(checks, "backup", age >= 0 && age <= SCHEDULER_BACKUP_STALE, all_ok);

	if (age >= 0)
		cJSON_AddNumberToObject(c, "age_s", age);
	else
		cJSON_AddNullToObject(c, "age_s");
	cJSON_AddNumberToObject(c, "limit_s", SCHEDULER_BACKUP_STALE);
}

void web_healthz(const struct web_env *env, const struct web_request *rq, struct web_reply *rp)
{
	cJSON *root = cJSON_CreateObject(), *checks;
	int all_ok = 1;

	(void)rq;
	cJSON_AddStringToObject(root, "status", "");   /* set below, shown first */
	checks = cJSON_AddObjectToObject(root, "checks");
	/* A trivial query: the file is open, readable and not locked out. */
	web_check(checks, "database", db_version(env->h->db) >= 0, &all_ok);
	web_check_telegram(env, checks, &all_ok);
	web_check_disk(env, checks, &all_ok);
	web_check_backup(env, checks, &all_ok);
	cJSON_ReplaceItemInObject(root, "status", cJSON_CreateString(all_ok ? "ok" : "fail"));
	web_reply_json(rp, all_ok ? 200 : 503, root);
}

void web_metrics(const struct web_env *env, const struct web_request *rq, struct web_reply *rp)
{
	struct metrics_gauges g = { 0 };

	g.outbox = -1;
	if (db_outbox_count(env->h->db, &g.outbox) != DB_OK)
		g.outbox = -1;
	g.backup_age = web_backup_age(env->cfg->backup_dir);
	g.poll_age = metrics_poll_age(clock_mono());
	g.connections = rq->connections;
	g.uptime = clock_mono() - env->started;
	metrics_process(&g);
	metrics_format(&rp->body, &g);
	rp->status = 200;
	rp->content_type = "text/plain; version=0.0.4; charset=utf-8";
}
