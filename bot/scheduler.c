/*
 * scheduler.c — periodic jobs (see scheduler.h).
 *
 * Times: wall-clock jobs are ev_periodic watchers whose reschedule
 * callback asks civil.h for the next local HH:MM, so DST changes move
 * them correctly; the distance is measured with clock_now(), so the
 * end-to-end tests' shifted clock (BJJBOT_FAKE_NOW) works too.
 */
#include "bot/scheduler.h"

#include <errno.h>
#include <ev.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>

#include "bot/backups.h"
#include "lib/civil.h"
#include "bot/config.h"
#include "lib/log.h"
#include "lib/metrics.h"
#include "lib/util.h"
#include "handlers/handlers.h"
#include "storage/backup.h"
#include "storage/store.h"


struct scheduler {
	struct ev_loop *loop;
	struct h_env *env;
	const struct config *cfg;
	struct scheduler_hooks hooks;
	ev_timer tick;
	ev_periodic backup_at;
	ev_periodic digest_at;
	ev_timer backup_step;
	struct backups *backups;
	ev_timer job_step;         /* the tick's jobs, one per loop iteration */
	size_t job_next;           /* the next of sched_tick_jobs to run */
	ev_timer export_step;
	struct h_export *export;   /* the export being written, or NULL */
	struct db *export_db;      /* its read connection, or NULL */
	int first_tick;
	/* health */
	long db_errors_seen;
	int64_t db_incident;       /* when the current run of errors began, 0: none */
	int64_t tg_down_since;     /* 0: reachable */
	int64_t tg_outage_from, tg_outage_to; /* the outage being reported */
	int64_t disk_incident;
};

int64_t scheduler_next_local(int64_t now, int minute)
{
	int64_t t = civil_local_at(civil_day_start(now), minute);
	if (t <= now)
		t = civil_local_at(civil_add_days(now, 1), minute);
	return t;
}

/*
 * A job: a handlers job working on the environment, or one of the
 * scheduler's own (health, backups) that needs its state.
 */
struct sched_job {
	const char *name;
	int (*run)(struct h_env *env);
	int (*own)(struct scheduler *s);
};

/* One run of a job, whether it queued messages and has more to do. */
struct sched_tx {
	struct scheduler *s;
	const struct sched_job *job;
	int64_t before, after;     /* outbox rows */
	int more;
};

static int sched_job_tx(void *arg)
{
	struct sched_tx *t = arg;
	struct db *db = t->s->env->db;
	double t0;
	int rc;

	db_outbox_count(db, &t->before);
	t0 = clock_mono();
	rc = t->job->run ? t->job->run(t->s->env) : t->job->own(t->s);
	metrics_job(t->job->name, clock_mono() - t0);
	if (rc < 0) {
		log_error("sched", "job %s failed; it runs again at the next tick", t->job->name);
		return -1;
	}
	t->more = rc > 0;
	db_outbox_count(db, &t->after);
	return 0;
}

/* Run job in a transaction of its own; kick the sender when it queued.
 * 1 when the job has more to do (run it again soon), else 0. */
static int sched_run(struct scheduler *s, const struct sched_job *job)
{
	struct sched_tx t = { .s = s, .job = job };

	s->env->now = clock_now();
	if (db_transaction(s->env->db, sched_job_tx, &t) != 0)
		return 0;
	if (t.after != t.before && s->hooks.queued)
		s->hooks.queued(s->hooks.arg);
	return t.more;
}

/* ---- health ------------------------------------------------------------ */

static int sched_health_db(struct scheduler *s)
{
	long errors = db_error_count(s->env->db);
	char incident[64], detail[128];

	if (errors == s->db_errors_seen) {
		s->db_incident = 0;    /* a quiet interval ends the incident */
		return 0;
	}
	s->db_errors_seen = errors;
	if (s->db_incident == 0)
		s->db_incident = s->env->now;
	snprintf(incident, sizeof(incident), "db:%lld", (long long)s->db_incident);
	snprintf(detail, sizeof(detail), "%s (%ld so far)", db_errmsg(s->env->db), errors);
	return h_alert_health(s->env, H_HEALTH_DB, incident, detail);
}

long long scheduler_free_mb(const char *path)
{
	struct statvfs sv;
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	long long mb = -1;

	if (slash == dir)
		slash[1] = '\0';
	else if (slash)
		*slash = '\0';
	else
		strcpy(dir, ".");
	if (statvfs(dir, &sv) == 0)
		mb = (long long)sv.f_bavail * (long long)sv.f_frsize / (1024 * 1024);
	free(dir);
	return mb;
}

static int sched_health_disk(struct scheduler *s)
{
	const char *paths[] = { s->cfg->database, s->cfg->backup_dir };
	char incident[64], detail[512];
	int low = 0;

	detail[0] = '\0';
	for (size_t i = 0; i < BJJ_ARRAY_LEN(paths); i++) {
		/* the backup folder itself may not exist yet: test inside it */
		char *probe = i == 1 ? xasprintf("%s/x", paths[i]) : xstrdup(paths[i]);
		long long mb = scheduler_free_mb(probe);
		free(probe);
		if (mb >= 0 && mb < s->cfg->min_free_mb) {
			size_t len = strlen(detail);
			snprintf(detail + len, sizeof(detail) - len, "%s%lld MB free for %s",
			    len ? "; " : "", mb, paths[i]);
			low = 1;
		}
	}
	if (!low) {
		s->disk_incident = 0;
		return 0;
	}
	if (s->disk_incident == 0)
		s->disk_incident = s->env->now;
	snprintf(incident, sizeof(incident), "disk:%lld", (long long)s->disk_incident);
	return h_alert_health(s->env, H_HEALTH_DISK, incident, detail);
}

static int sched_health(struct scheduler *s)
{
	if (sched_health_db(s) != 0)
		return -1;
	return sched_health_disk(s);
}

static int sched_telegram_alert(struct scheduler *s)
{
	struct buf detail = { 0 };
	char incident[64];
	int rc;

	buf_adds(&detail, "from ");
	buf_add_datetime(&detail, s->tg_outage_from);
	buf_adds(&detail, " to ");
	buf_add_datetime(&detail, s->tg_outage_to);
	buf_addf(&detail, " (%lld min)", (long long)((s->tg_outage_to - s->tg_outage_from) / 60));
	snprintf(incident, sizeof(incident), "telegram:%lld", (long long)s->tg_outage_from);
	rc = h_alert_health(s->env, H_HEALTH_TELEGRAM, incident, buf_str(&detail));
	buf_release(&detail);
	return rc;
}

void scheduler_telegram(struct scheduler *s, int reachable)
{
	int64_t now = clock_now();

	if (s == NULL)
		return;
	if (!reachable) {
		if (s->tg_down_since == 0)
			s->tg_down_since = now;
		return;
	}
	if (s->tg_down_since == 0)
		return;
	int64_t since = s->tg_down_since;
	s->tg_down_since = 0;
	if (now - since < (int64_t)s->cfg->alert_after_minutes * 60)
		return;
	/* Told when it is back: while it is down, no message could go. */
	s->tg_outage_from = since;
	s->tg_outage_to = now;
	static const struct sched_job alert = { "telegram alert", NULL, sched_telegram_alert };
	sched_run(s, &alert);
}

/* ---- backups ----------------------------------------------------------- */

static int sched_backup_alert(struct scheduler *s)
{
	char incident[64];
	snprintf(incident, sizeof(incident), "backup:%lld", (long long)s->env->now);
	return h_alert_health(s->env, H_HEALTH_BACKUP, incident, "see the log for the reason");
}

static const struct sched_job sched_backup_failed = { "backup alert", NULL, sched_backup_alert };

static void sched_backup_step_cb(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct scheduler *s = w->data;
	(void)loop;
	(void)revents;
	/* One small step per loop iteration: polling goes on in between. */
	int rc = backups_step(s->backups);
	if (rc > 0)
		return;
	ev_timer_stop(s->loop, &s->backup_step);
	if (rc < 0)
		sched_run(s, &sched_backup_failed);
}

static void sched_backup_begin(struct scheduler *s)
{
	if (backups_busy(s->backups))
		return;
	if (backups_start(s->backups, clock_now(), NULL) != 0) {
		sched_run(s, &sched_backup_failed);
		return;
	}
	ev_timer_start(s->loop, &s->backup_step);
}

static void sched_backup_cb(struct ev_loop *loop, ev_periodic *w, int revents)
{
	struct scheduler *s = w->data;
	(void)loop;
	(void)revents;
	sched_backup_begin(s);
	backups_prune_exports(s->cfg->export_dir, s->cfg->export_keep_days);
}

/* When the bot was down at backup time, catch up once at start. */
static void sched_backup_catch_up(struct scheduler *s)
{
	char *newest = db_backup_newest(s->cfg->backup_dir);
	int64_t t = 0;
	int gz;

	if (newest == NULL || db_backup_parse_name(strrchr(newest, '/') + 1, &t, &gz) != 0 ||
	    clock_now() - t > SCHEDULER_BACKUP_STALE) {
		log_info("sched", "no recent backup: making one now");
		sched_backup_begin(s);
	}
	free(newest);
}

/* ---- /export ------------------------------------------------------------ */

/* The connection an export reads from: one of its own (a snapshot that
 * the loop's transactions do not disturb), or the bot's when the
 * database is in memory. NULL when it cannot be opened. */
static struct db *sched_export_db(struct scheduler *s)
{
	char err[256];

	if (s->export_db != NULL)
		return s->export_db;
	if (strcmp(s->cfg->database, ":memory:") == 0)
		return s->env->db;
	if ((s->export_db = db_open(s->cfg->database, err, sizeof(err))) == NULL)
		log_error("sched", "export: %s", err);
	return s->export_db;
}

/* Every second: does an export wait? Then its steps, one per loop
 * iteration, each SCHEDULER_EXPORT_STEP seconds at most, polling and
 * sending in between. */
static void sched_export_cb(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct scheduler *s = w->data;
	struct db *rdb;
	int rc, was = s->export != NULL;
	(void)revents;

	if (!was && h_export_pending(s->env) != 1)
		return;
	if ((rdb = sched_export_db(s)) == NULL)
		return;
	s->env->now = clock_now();
	rc = h_export_run(s->env, rdb, &s->export, SCHEDULER_EXPORT_STEP);
	if (rc == 1) {
		w->repeat = SCHEDULER_NEXT_STEP;
		ev_timer_again(loop, w);
		return;
	}
	db_close(s->export_db);
	s->export_db = NULL;
	/* The database failed (the request stays): not the whole export
	 * again every second. */
	w->repeat = clock_span(rc < 0 ? 60.0 : 1.0);
	ev_timer_again(loop, w);
	if (rc == 0 && s->hooks.queued)
		s->hooks.queued(s->hooks.arg);
}

/* ---- the tick ---------------------------------------------------------- */

/* The jobs that look for due work, in this order at every tick:
 * maintenance first, so reminders see today's statuses. */
static const struct sched_job sched_tick_jobs[] = {
	{ "schedule", h_job_schedule, NULL },
	{ "maintenance", h_job_maintenance, NULL },
	{ "reminders", h_job_reminders, NULL },
	{ "absences", h_job_absences, NULL },
	{ "payments", h_job_payments, NULL },
	{ "eligibility", h_job_eligibility, NULL },
	{ "exams", h_job_exams, NULL },
	{ "health", NULL, sched_health },
};
static const struct sched_job sched_digest = { "digest", h_job_digest, NULL };

/* When the bot was down at digest time today, the owners get today's
 * digest late, once (it is claimed per day), rather than not at all. */
static void sched_digest_catch_up(struct scheduler *s)
{
	int64_t now = clock_now();

	if (now >= civil_local_at(now, s->cfg->digest_minute))
		sched_run(s, &sched_digest);
}

/* The tick's jobs, one run per loop iteration (polling and sending go on
 * in between), a job that has more to do again until it is done. */
static void sched_job_step_cb(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct scheduler *s = w->data;
	(void)revents;

	if (s->job_next < BJJ_ARRAY_LEN(sched_tick_jobs) &&
	    !sched_run(s, &sched_tick_jobs[s->job_next]))
		s->job_next++;
	if (s->job_next < BJJ_ARRAY_LEN(sched_tick_jobs))
		return;
	ev_timer_stop(loop, w);
	if (s->first_tick) {
		s->first_tick = 0;
		sched_backup_catch_up(s);
		sched_digest_catch_up(s);
		backups_prune_exports(s->cfg->export_dir, s->cfg->export_keep_days);
	}
}

static void sched_tick_cb(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct scheduler *s = w->data;
	(void)revents;
	/* A round still running (a job with thousands to queue) goes on. */
	if (ev_is_active(&s->job_step))
		return;
	s->job_next = 0;
	ev_timer_start(loop, &s->job_step);
}

/* ev_periodic reschedule: the next local minute, in loop time. */
static ev_tstamp sched_at_minute(int minute, ev_tstamp now)
{
	int64_t t = clock_now();
	return now + clock_span((double)(scheduler_next_local(t, minute) - t));
}

static ev_tstamp sched_backup_next_cb(ev_periodic *w, ev_tstamp now)
{
	struct scheduler *s = w->data;
	return sched_at_minute(s->cfg->backup_minute, now);
}

static ev_tstamp sched_digest_next_cb(ev_periodic *w, ev_tstamp now)
{
	struct scheduler *s = w->data;
	return sched_at_minute(s->cfg->digest_minute, now);
}

static void sched_digest_cb(struct ev_loop *loop, ev_periodic *w, int revents)
{
	(void)loop;
	(void)revents;
	sched_run(w->data, &sched_digest);
}

struct scheduler *scheduler_start(struct ev_loop *loop, struct h_env *env,
    const struct config *cfg, const struct scheduler_hooks *hooks)
{
	struct scheduler *s = xcalloc(1, sizeof(*s));

	s->loop = loop;
	s->env = env;
	s->cfg = cfg;
	s->hooks = *hooks;
	s->first_tick = 1;
	s->db_errors_seen = db_error_count(env->db);
	s->backups = backups_new(env->db, cfg->backup_dir, cfg->keep_days, cfg->keep_weeks);

	ev_timer_init(&s->tick, sched_tick_cb, clock_span(1.0), clock_span(cfg->sched_interval));
	s->tick.data = s;
	ev_timer_start(loop, &s->tick);
	ev_periodic_init(&s->backup_at, sched_backup_cb, 0., 0., sched_backup_next_cb);
	s->backup_at.data = s;
	ev_periodic_start(loop, &s->backup_at);
	ev_timer_init(&s->backup_step, sched_backup_step_cb, 0., 0.001);
	ev_timer_init(&s->job_step, sched_job_step_cb, 0., SCHEDULER_NEXT_STEP);
	s->job_step.data = s;
	s->backup_step.data = s;
	ev_periodic_init(&s->digest_at, sched_digest_cb, 0., 0., sched_digest_next_cb);
	s->digest_at.data = s;
	ev_periodic_start(loop, &s->digest_at);
	ev_timer_init(&s->export_step, sched_export_cb, clock_span(1.0), clock_span(1.0));
	s->export_step.data = s;
	ev_timer_start(loop, &s->export_step);
	log_info("sched", "jobs every %d s; backups at %02d:%02d into \"%s\"", cfg->sched_interval,
	    cfg->backup_minute / 60, cfg->backup_minute % 60, cfg->backup_dir);
	return s;
}

void scheduler_stop(struct scheduler *s)
{
	if (s == NULL)
		return;
	ev_timer_stop(s->loop, &s->tick);
	ev_periodic_stop(s->loop, &s->backup_at);
	ev_periodic_stop(s->loop, &s->digest_at);
	ev_timer_stop(s->loop, &s->backup_step);
	ev_timer_stop(s->loop, &s->job_step);
	ev_timer_stop(s->loop, &s->export_step);
	/* An unfinished export's request stays: the next start writes it. */
	h_export_free(s->export);
	db_close(s->export_db);
	backups_free(s->backups);
	free(s);
}
