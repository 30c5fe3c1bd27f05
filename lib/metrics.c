/*
 * metrics.c — counters for GET /metrics (see metrics.h). Each labelled
 * family is a small array searched linearly: a few dozen labels at most,
 * compared by pointer first since callers pass the same literal.
 */
#include "lib/metrics.h"

#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

/* Upper bounds of the latency buckets, seconds (+Inf is implicit). */
static const double metrics_bounds[] = { 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5 };
#define METRICS_BUCKETS BJJ_ARRAY_LEN(metrics_bounds)

struct metrics_series {
	const char *label;
	uint64_t count;
	double sum;                          /* seconds, for timed families */
	uint64_t buckets[METRICS_BUCKETS];   /* not cumulative; summed when printed */
};

struct metrics_family {
	struct metrics_series s[METRICS_MAX_LABELS + 1];   /* the last one is "other" */
	size_t n;
};

static struct {
	uint64_t updates;
	uint64_t floods;
	double poll_ok_at;       /* clock_mono of the last good getUpdates, 0: none */
	struct metrics_family commands, sends, jobs;
} m;

void metrics_reset(void)
{
	memset(&m, 0, sizeof(m));
}

static struct metrics_series *metrics_find(struct metrics_family *f, const char *label)
{
	for (size_t i = 0; i < f->n; i++)
		if (f->s[i].label == label || strcmp(f->s[i].label, label) == 0)
			return &f->s[i];
	if (f->n == METRICS_MAX_LABELS) {
		f->s[METRICS_MAX_LABELS].label = "other";
		return &f->s[METRICS_MAX_LABELS];
	}
	f->s[f->n].label = label;
	return &f->s[f->n++];
}

static void metrics_observe(struct metrics_family *f, const char *label, double seconds)
{
	struct metrics_series *s = metrics_find(f, label);
	size_t i;

	s->count++;
	s->sum += seconds;
	for (i = 0; i < METRICS_BUCKETS && seconds > metrics_bounds[i]; i++)
		;
	if (i < METRICS_BUCKETS)
		s->buckets[i]++;
}

void metrics_updates(int n)
{
	if (n > 0)
		m.updates += (uint64_t)n;
}

void metrics_poll_ok(double now)
{
	m.poll_ok_at = now;
}

double metrics_poll_age(double now)
{
	return m.poll_ok_at == 0 ? -1 : now - m.poll_ok_at;
}

void metrics_command(const char *name, double seconds)
{
	metrics_observe(&m.commands, name, seconds);
}

void metrics_send(const char *result)
{
	metrics_find(&m.sends, result)->count++;
}

void metrics_flood(void)
{
	m.floods++;
}

void metrics_job(const char *name, double seconds)
{
	metrics_observe(&m.jobs, name, seconds);
}

void metrics_process(struct metrics_gauges *g)
{
	struct rusage ru;
	long pages = 0, resident = 0;
	FILE *f = fopen("/proc/self/statm", "r");

	g->rss_bytes = -1;
	if (f != NULL) {
		if (fscanf(f, "%ld %ld", &pages, &resident) == 2)
			g->rss_bytes = (int64_t)resident * sysconf(_SC_PAGESIZE);
		fclose(f);
	}
	g->cpu_seconds = -1;
	if (getrusage(RUSAGE_SELF, &ru) == 0)
		g->cpu_seconds = (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
		    (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

/* A label value with \ " and newlines escaped, as the format asks. */
static void metrics_label(struct buf *b, const char *key, const char *v)
{
	buf_addf(b, "%s=\"", key);
	for (; *v; v++) {
		if (*v == '\\' || *v == '"')
			buf_addc(b, '\\');
		if (*v == '\n')
			buf_adds(b, "\\n");
		else
			buf_addc(b, *v);
	}
	buf_addc(b, '"');
}

static void metrics_head(struct buf *b, const char *name, const char *type, const char *help)
{
	buf_addf(b, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

static void metrics_histogram(struct buf *b, const char *name, const char *key,
    const struct metrics_family *f)
{
	for (size_t i = 0; i < f->n + (f->s[METRICS_MAX_LABELS].count > 0); i++) {
		const struct metrics_series *s = i < f->n ? &f->s[i] : &f->s[METRICS_MAX_LABELS];
		uint64_t cum = 0;

		for (size_t k = 0; k < METRICS_BUCKETS; k++) {
			cum += s->buckets[k];
			buf_addf(b, "%s_bucket{", name);
			metrics_label(b, key, s->label);
			buf_addf(b, ",le=\"%g\"} %llu\n", metrics_bounds[k], (unsigned long long)cum);
		}
		buf_addf(b, "%s_bucket{", name);
		metrics_label(b, key, s->label);
		buf_addf(b, ",le=\"+Inf\"} %llu\n%s_sum{", (unsigned long long)s->count, name);
		metrics_label(b, key, s->label);
		buf_addf(b, "} %.6f\n%s_count{", s->sum, name);
		metrics_label(b, key, s->label);
		buf_addf(b, "} %llu\n", (unsigned long long)s->count);
	}
}

static void metrics_value(struct buf *b, const char *name, const char *type, const char *help, double v)
{
	/* An unknown value is left out rather than shown as a fake number. */
	if (v < 0)
		return;
	metrics_head(b, name, type, help);
	buf_addf(b, "%s %.15g\n", name, v);
}

void metrics_format(struct buf *b, const struct metrics_gauges *g)
{
	metrics_head(b, "bjjbot_updates_total", "counter", "Telegram updates received in getUpdates batches.");
	buf_addf(b, "bjjbot_updates_total %llu\n", (unsigned long long)m.updates);
	metrics_head(b, "bjjbot_command_seconds", "histogram", "Commands handled, by name, and how long they took.");
	metrics_histogram(b, "bjjbot_command_seconds", "command", &m.commands);
	metrics_head(b, "bjjbot_sends_total", "counter", "Outbox rows sent to Telegram, by result.");
	for (size_t i = 0; i < m.sends.n + (m.sends.s[METRICS_MAX_LABELS].count > 0); i++) {
		const struct metrics_series *s = i < m.sends.n ? &m.sends.s[i] : &m.sends.s[METRICS_MAX_LABELS];
		buf_adds(b, "bjjbot_sends_total{");
		metrics_label(b, "result", s->label);
		buf_addf(b, "} %llu\n", (unsigned long long)s->count);
	}
	metrics_head(b, "bjjbot_telegram_429_total", "counter", "Telegram calls answered 429 Too Many Requests.");
	buf_addf(b, "bjjbot_telegram_429_total %llu\n", (unsigned long long)m.floods);
	metrics_head(b, "bjjbot_job_seconds", "histogram", "Scheduler job runs, by job, and how long they took.");
	metrics_histogram(b, "bjjbot_job_seconds", "job", &m.jobs);
	metrics_value(b, "bjjbot_outbox_depth", "gauge", "Messages waiting in the outbox.", (double)g->outbox);
	metrics_value(b, "bjjbot_backup_age_seconds", "gauge", "Seconds since the newest backup.", g->backup_age);
	metrics_value(b, "bjjbot_telegram_poll_age_seconds", "gauge", "Seconds since the last successful getUpdates.",
	    g->poll_age);
	metrics_value(b, "process_resident_memory_bytes", "gauge", "Resident memory size in bytes.", (double)g->rss_bytes);
	metrics_value(b, "process_cpu_seconds_total", "counter", "User and system CPU time spent, seconds.", g->cpu_seconds);
	metrics_head(b, "bjjbot_http_connections", "gauge", "Open HTTP connections.");
	buf_addf(b, "bjjbot_http_connections %d\n", g->connections);
	metrics_value(b, "bjjbot_uptime_seconds", "gauge", "Seconds since the bot started.", g->uptime);
}
