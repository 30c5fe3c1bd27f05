/*
 * scheduler.h — the one place periodic jobs are registered (like redis's
 * serverCron). Jobs run from libev timers in the main loop: an ev_timer
 * every [scheduler] interval seconds for the jobs that look for due work
 * (each idempotent through the notification log, so a late start catches
 * up once and never replays), and ev_periodic watchers for wall-clock
 * times in the academy's zone (the digest, the nightly backup).
 *
 * Every job runs in a transaction of its own and only queues outbox rows.
 * It also writes /export's files, in steps, when one was asked for.
 */
#ifndef BJJ_SCHEDULER_H
#define BJJ_SCHEDULER_H

#include <stdint.h>

struct ev_loop;
struct h_env;
struct config;
struct scheduler;

struct scheduler_hooks {
	void (*queued)(void *arg);     /* a job queued messages: kick the sender */
	void *arg;
};

/* Start the timers. env and cfg are borrowed for the scheduler's life. */
struct scheduler *scheduler_start(struct ev_loop *loop, struct h_env *env,
    const struct config *cfg, const struct scheduler_hooks *hooks);
/* Stop every watcher and abandon a backup in progress. NULL ok. */
void scheduler_stop(struct scheduler *s);
/* What the poller saw: 1 Telegram answered, 0 it could not be reached. */
void scheduler_telegram(struct scheduler *s, int reachable);

/* A backup older than this at start-up is made again right away, and
 * /healthz calls the backups stale. Seconds. */
#define SCHEDULER_BACKUP_STALE (26 * 3600)

/* Nothing the scheduler runs holds the loop for long: the tick's jobs
 * run one per loop iteration (a job with thousands of messages to queue
 * in slices of H_JOB_SLICE), /export's files are written in steps of
 * SCHEDULER_EXPORT_STEP seconds; the next job or step comes
 * SCHEDULER_NEXT_STEP seconds later (the loop polls and sends in between). */
#define SCHEDULER_EXPORT_STEP 0.008
#define SCHEDULER_NEXT_STEP 0.0001

/* Free megabytes on the file system holding path's folder, or -1. */
long long scheduler_free_mb(const char *path);

/* Local time `minute` (of the day) next after now: today or tomorrow. */
int64_t scheduler_next_local(int64_t now, int minute);

#endif
