/*
 * metrics.h — the process's counters for GET /metrics: updates applied,
 * commands by name with a latency histogram, sends by result, 429s,
 * scheduler job runs and their durations, and the time of the last
 * successful getUpdates (which /healthz reads too).
 *
 * One thread, so no locks: each hook is a few additions, cheap enough for
 * the hot path. Labels (command, job and result names) are borrowed for
 * the life of the process: pass string literals or static table entries.
 * A family keeps at most METRICS_MAX_LABELS labels; later ones are
 * counted under "other".
 *
 * Like all of lib/, it depends only on libc and lib/, so handlers/ may
 * call metrics_command.
 */
#ifndef BJJ_METRICS_H
#define BJJ_METRICS_H

#include <stdint.h>

#include "lib/util.h"

#define METRICS_MAX_LABELS 160

/* Forget every counter (tests; a fresh process starts at zero). */
void metrics_reset(void);

/* n updates of a getUpdates batch were handed to the batch. */
void metrics_updates(int n);
/* A getUpdates call answered ok:true, now (clock_mono). */
void metrics_poll_ok(double now);
/* Seconds since the last successful getUpdates, or -1 when none yet. */
double metrics_poll_age(double now);
/* A command ran for seconds. */
void metrics_command(const char *name, double seconds);
/* The sender got this result for an outbox row ("ok", "retry", ...). */
void metrics_send(const char *result);
/* Telegram answered 429 to some call. */
void metrics_flood(void);
/* A scheduler job ran for seconds. */
void metrics_job(const char *name, double seconds);

/* What is read at scrape time rather than counted. -1: unknown. */
struct metrics_gauges {
	int64_t outbox;            /* rows waiting in the outbox */
	double backup_age;         /* seconds since the newest backup */
	double poll_age;           /* seconds since the last good getUpdates */
	int64_t rss_bytes;
	double cpu_seconds;        /* user + system */
	int connections;           /* open HTTP connections */
	double uptime;             /* seconds since start */
};

/* Fill rss_bytes and cpu_seconds from /proc/self/statm and getrusage. */
void metrics_process(struct metrics_gauges *g);
/* Append every counter and g in the Prometheus text format 0.0.4. */
void metrics_format(struct buf *b, const struct metrics_gauges *g);

#endif
