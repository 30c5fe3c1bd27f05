/*
 * academy.c — the large-academy benchmark: how long each command and each
 * scheduler job takes on an academy of 10,000 students with two years of
 * history (about 2,000,000 attendance rows; academy_gen.h), how much memory
 * /export takes, and how fast the bot starts on such a database.
 *
 * Commands go through the real handler path (h_dispatch on the database,
 * as the console does), each run in a transaction that is rolled back, so
 * every run does the same work and the cached database never changes; the
 * time is the handler's, without the commit's fsync. Jobs are timed on
 * their first run (a bot started on this database: everything due is
 * claimed and queued; a job that works in slices is run again until it
 * is done, as the scheduler does, and its longest run is shown) and on
 * the run after it (a normal tick, every
 * [scheduler] interval). /export is timed as the bot runs it: the command
 * (which only records the request), then each step of the loop that
 * writes the files; its peak RSS is taken from a fresh process that only
 * opens the database and exports, as a whole and /export's own share of it. Cold start runs the real
 * bjjbot: `check`, and `run` against a tiny fake Bot API on 127.0.0.1 until
 * its first getUpdates.
 *
 * Prints numbers; asserts nothing (timing is for people to read, not for CI
 * to judge on a shared machine).
 *
 *   bench_academy [-n RUNS] [--db FILE] [--bot PATH] [--part commands|jobs|export|cold]
 *                 [--only COMMAND|JOB]    (e.g. --only /eligible, --only absences)
 *
 * The generated database is cached in FILE (default
 * ./bench-academy-v<generator version>.db) and reused; an older schema is
 * migrated on open, which is timed too.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bot/app.h"
#include "bot/config.h"
#include "bot/scheduler.h"
#include "lib/log.h"
#include "lib/util.h"
#include "handlers/handlers.h"
#include "storage/script.h"
#include "storage/store.h"
#include "tests/bench/academy_gen.h"

#define ACAD_OWNER 100
#define ACAD_RUNS_MIN 3
#define ACAD_FAKE_TIMEOUT_S 10.0

struct acad {
	const char *db_path;
	const char *bot_path;
	const char *part;          /* NULL: every part; else "commands", "jobs", "export", "cold" */
	const char *only;          /* NULL, or the one command or job to time */
	int runs;
	char tmp[64];              /* scratch folder: exports, the cold-start copy */
	struct db *db;
	struct config cfg;         /* the defaults, with the benchmark's owner, language, folders */
	struct h_env env;
	int64_t student, student_tg, trainer_tg;
	int64_t update_id;
};

/* ---- small helpers ------------------------------------------------------- */

/* A measurement: wall seconds, and CPU seconds of this process (the
 * steadier figure on a shared machine). */
struct acad_time {
	double wall, cpu;
};

static double acad_cpu(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static struct acad_time acad_now(void)
{
	struct acad_time t = { clock_mono(), acad_cpu() };
	return t;
}

static struct acad_time acad_since(struct acad_time t0)
{
	struct acad_time t = { clock_mono() - t0.wall, acad_cpu() - t0.cpu };
	return t;
}

static int acad_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Print label's median and max in milliseconds (wall: the median). */
static void acad_print(const char *label, const char *who, const struct acad_time *v, int n)
{
	double *cpu = xcalloc((size_t)n, sizeof(*cpu)), *wall = xcalloc((size_t)n, sizeof(*wall));

	for (int i = 0; i < n; i++) {
		cpu[i] = v[i].cpu;
		wall[i] = v[i].wall;
	}
	qsort(cpu, (size_t)n, sizeof(*cpu), acad_cmp_double);
	qsort(wall, (size_t)n, sizeof(*wall), acad_cmp_double);
	printf("  %-36s %-8s %9.2f %9.2f %9.2f\n", label, who, cpu[n / 2] * 1000.0,
	    cpu[n - 1] * 1000.0, wall[n / 2] * 1000.0);
	free(cpu);
	free(wall);
}

/* The header of a table of acad_print lines. */
static void acad_header(const char *what, int runs)
{
	char title[64];

	snprintf(title, sizeof(title), "%s (ms, %d runs)", what, runs);
	printf("\n  %-36s %-8s %9s %9s %9s\n", title, "as", "cpu med", "cpu max", "wall med");
}

static void acad_unlink_db(const char *path)
{
	static const char *const suffixes[] = { "", "-wal", "-shm", ".lock" };
	char p[PATH_MAX];

	for (size_t i = 0; i < BJJ_ARRAY_LEN(suffixes); i++) {
		snprintf(p, sizeof(p), "%s%s", path, suffixes[i]);
		unlink(p);
	}
}

/* Remove every file in dir (exports, the cold-start copy), then dir. */
static void acad_rm_dir(const char *dir, int keep_dir)
{
	char cmd[PATH_MAX + 32];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'%s", dir, keep_dir ? "/*" : "");
	if (system(cmd) != 0)
		fprintf(stderr, "bench: could not empty %s\n", dir);
}

/* ---- the database ------------------------------------------------------ */

static struct db *acad_open(const char *path)
{
	char err[256];
	struct db *db = db_open(path, err, sizeof(err));

	if (db == NULL)
		fprintf(stderr, "bench: %s: %s\n", path, err);
	return db;
}

/* Generate the academy into path (through path.tmp, so an interrupted
 * run leaves no half-made cache). 0 or -1. */
static int acad_generate(const char *path)
{
	char tmp[PATH_MAX], err[256];
	double t = clock_mono();
	struct db *db;
	int rc = -1;

	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	acad_unlink_db(tmp);
	printf("generating the academy into %s ...\n", path);
	fflush(stdout);
	if ((db = acad_open(tmp)) == NULL)
		return -1;
	if (db_migrate(db, NULL, err, sizeof(err)) != 0) {
		fprintf(stderr, "bench: migrate: %s\n", err);
		goto out;
	}
	/* A throw-away file: no fsync, a big page cache while it is built. */
	if (db_admin_script(db, "PRAGMA synchronous=OFF; PRAGMA cache_size=-262144") != DB_OK ||
	    db_begin(db) != DB_OK)
		goto out;
	if (db_admin_script(db, acad_gen_sql) != DB_OK) {
		db_rollback(db);
		goto out;
	}
	if (db_commit(db) != DB_OK ||
	    db_admin_script(db, "PRAGMA wal_checkpoint(TRUNCATE)") != DB_OK)
		goto out;
	rc = 0;
out:
	db_close(db);
	if (rc == 0 && rename(tmp, path) != 0) {
		fprintf(stderr, "bench: rename %s: %s\n", tmp, strerror(errno));
		rc = -1;
	}
	if (rc != 0)
		acad_unlink_db(tmp);
	else
		printf("generated in %.1f s\n", clock_mono() - t);
	return rc;
}

/* The bot's own settings (bot.conf's defaults), on the benchmark's
 * database, owner, folders and clock. */
static void acad_env(struct acad *a)
{
	struct h_env *env = &a->env;

	cfg_defaults(&a->cfg);
	a->cfg.owner_ids[0] = ACAD_OWNER;
	a->cfg.n_owners = 1;
	free(a->cfg.language);
	a->cfg.language = xstrdup("en");
	a->cfg.export_dir = xstrdup(a->tmp);
	a->cfg.backup_dir = xstrdup(a->tmp);
	app_env_init(env, &a->cfg, a->db);
	env->bot_username = "bench_bot";
	env->now = ACAD_NOW;
}

/* ---- commands ---------------------------------------------------------- */

enum acad_who { ACAD_AS_OWNER, ACAD_AS_TRAINER, ACAD_AS_STUDENT };

struct acad_cmd {
	enum acad_who who;
	const char *text;
	int of_student;            /* 1: followed by " #<the benchmark's student>" */
};

static const struct acad_cmd acad_cmds[] = {
	{ ACAD_AS_STUDENT, "/balance", 0 },
	{ ACAD_AS_STUDENT, "/checkin", 0 },
	{ ACAD_AS_STUDENT, "/belt", 0 },
	{ ACAD_AS_TRAINER, "/balance", 1 },
	{ ACAD_AS_TRAINER, "/checkin", 1 },
	{ ACAD_AS_TRAINER, "/belt", 1 },
	{ ACAD_AS_TRAINER, "/attendance", 0 },
	{ ACAD_AS_TRAINER, "/eligible", 0 },
	{ ACAD_AS_OWNER, "/report", 0 },
	{ ACAD_AS_OWNER, "/revenue", 0 },
	{ ACAD_AS_OWNER, "/stats", 0 },
	{ ACAD_AS_OWNER, "/students", 0 },
	{ ACAD_AS_OWNER, "/students all orlov", 0 },
	{ ACAD_AS_OWNER, "/student", 1 },
	{ ACAD_AS_OWNER, "/payments", 1 },
	{ ACAD_AS_OWNER, "/schedule", 0 },
	{ ACAD_AS_OWNER, "/classes", 0 },
	{ ACAD_AS_OWNER, "/export", 0 },
};

static int64_t acad_tg(const struct acad *a, enum acad_who who)
{
	return who == ACAD_AS_OWNER ? ACAD_OWNER : who == ACAD_AS_TRAINER ? a->trainer_tg :
	    a->student_tg;
}

/* The first line of the first reply queued, to show what was measured. */
static void acad_show_reply(struct acad *a)
{
	struct outbox_item *items = NULL;
	size_t n = 0;

	if (db_outbox_due(a->db, INT64_MAX, 1, &items, &n) == DB_OK && n == 1 && items[0].text) {
		size_t len = strcspn(items[0].text, "\n");
		printf("      -> %.*s%s\n", (int)(len > 70 ? 70 : len), items[0].text,
		    len > 70 ? "..." : "");
	}
	outbox_items_free(items, n);
}

/* One command in the transaction the caller began, timed into *t. */
static int acad_dispatch(struct acad *a, int64_t tg, const char *text, struct acad_time *t)
{
	struct acad_time t0;
	struct h_msg m;
	int rc;

	memset(&m, 0, sizeof(m));
	m.kind = H_MSG_TEXT;
	m.update_id = ++a->update_id;
	m.chat_id = tg;
	m.is_private = 1;
	m.from_id = tg;
	m.from_first = "Bench";
	m.lang_code = "en";
	m.message_id = a->update_id;
	m.text = text;
	t0 = acad_now();
	rc = h_dispatch(&a->env, &m, NULL);
	*t = acad_since(t0);
	return rc;
}

/* One command, one rolled-back transaction, timed into *t. 0 or -1. */
static int acad_run_cmd(struct acad *a, int64_t tg, const char *text, int show,
    struct acad_time *t)
{
	int rc;

	if (db_begin(a->db) != DB_OK)
		return -1;
	rc = acad_dispatch(a, tg, text, t);
	if (show && rc == 0)
		acad_show_reply(a);
	db_rollback(a->db);
	return rc;
}

static void acad_commands(struct acad *a)
{
	static const char *const who_names[] = { "owner", "trainer", "student" };
	struct acad_time *v = xcalloc((size_t)a->runs, sizeof(*v));
	char text[64];

	acad_header("commands", a->runs);
	for (size_t i = 0; i < BJJ_ARRAY_LEN(acad_cmds); i++) {
		const struct acad_cmd *c = &acad_cmds[i];
		int ok = 1;

		if (a->only != NULL && strcmp(a->only, c->text) != 0)
			continue;
		if (c->of_student)
			snprintf(text, sizeof(text), "%s #%lld", c->text, (long long)a->student);
		else
			snprintf(text, sizeof(text), "%s", c->text);
		for (int r = 0; r < a->runs && ok; r++) {
			ok = acad_run_cmd(a, acad_tg(a, c->who), text, r == 0, &v[r]) == 0;
			acad_rm_dir(a->tmp, 1);
		}
		if (!ok) {
			printf("  %-34s failed\n", text);
			continue;
		}
		acad_print(text, who_names[c->who], v, a->runs);
	}
	free(v);
}

/* ---- scheduler jobs ---------------------------------------------------- */

struct acad_job {
	const char *name;
	int (*run)(struct h_env *env);
};

static const struct acad_job acad_jobs[] = {
	{ "schedule", h_job_schedule },
	{ "maintenance", h_job_maintenance },
	{ "reminders", h_job_reminders },
	{ "absences", h_job_absences },
	{ "payments", h_job_payments },
	{ "eligibility", h_job_eligibility },
	{ "exams", h_job_exams },
	{ "digest", h_job_digest },
};

/* Run j to its end as the scheduler does (again while it has more to do):
 * its longest run (CPU and wall, each its own maximum) into *longest, the
 * runs into *runs. 0 or -1. */
static int acad_job_round(struct acad *a, const struct acad_job *j, struct acad_time *longest,
    int *runs)
{
	struct acad_time t0, t;
	int rc;

	memset(longest, 0, sizeof(*longest));
	*runs = 0;
	do {
		t0 = acad_now();
		rc = j->run(&a->env);
		t = acad_since(t0);
		if (t.cpu > longest->cpu)
			longest->cpu = t.cpu;
		if (t.wall > longest->wall)
			longest->wall = t.wall;
		(*runs)++;
	} while (rc == 1);
	return rc;
}

/* Job j's first round and the tick after it, in one rolled-back
 * transaction: the longest run of each into first and tick, the runs and
 * messages of the first. 0 or -1. */
static int acad_run_job(struct acad *a, const struct acad_job *j, struct acad_time *first,
    struct acad_time *tick, int *runs, int64_t *queued)
{
	int rc, tick_runs;

	if (db_begin(a->db) != DB_OK)
		return -1;
	rc = acad_job_round(a, j, first, runs);
	if (rc == 0)
		rc = db_outbox_count(a->db, queued) == DB_OK ? 0 : -1;
	if (rc == 0)
		rc = acad_job_round(a, j, tick, &tick_runs);
	db_rollback(a->db);
	return rc;
}

static void acad_jobs_run(struct acad *a)
{
	struct acad_time *first = xcalloc((size_t)a->runs, sizeof(*first));
	struct acad_time *tick = xcalloc((size_t)a->runs, sizeof(*tick));
	char label[64];

	acad_header("scheduler jobs", a->runs);
	for (size_t i = 0; i < BJJ_ARRAY_LEN(acad_jobs); i++) {
		int64_t queued = 0;
		int ok = 1, runs = 0;

		if (a->only != NULL && strcmp(a->only, acad_jobs[i].name) != 0)
			continue;
		for (int r = 0; r < a->runs && ok; r++)
			ok = acad_run_job(a, &acad_jobs[i], &first[r], &tick[r], &runs, &queued) == 0;
		if (!ok) {
			printf("  %-34s failed\n", acad_jobs[i].name);
			continue;
		}
		if (runs > 1)
			snprintf(label, sizeof(label), "%s, first (%lld queued, %d runs)",
			    acad_jobs[i].name, (long long)queued, runs);
		else
			snprintf(label, sizeof(label), "%s, first run (%lld queued)", acad_jobs[i].name,
			    (long long)queued);
		acad_print(label, "", first, a->runs);
		snprintf(label, sizeof(label), "%s, next tick", acad_jobs[i].name);
		acad_print(label, "", tick, a->runs);
	}
	free(first);
	free(tick);
}

/* ---- /export's memory ---------------------------------------------------- */

/* A "VmRSS"/"VmHWM"-style figure of /proc/self/status, in KiB; -1 when
 * missing. Read here rather than from the parent's getrusage: ru_maxrss
 * of a forked child keeps the parent's resident size across exec. */
static long acad_status_kib(const char *field)
{
	char line[256];
	size_t n = strlen(field);
	long kib = -1;
	FILE *f = fopen("/proc/self/status", "r");

	if (f == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL) {
		if (strncmp(line, field, n) == 0 && line[n] == ':') {
			kib = strtol(line + n + 1, NULL, 10);
			break;
		}
	}
	fclose(f);
	return kib;
}

/* Start the peak (VmHWM) again from the current size. 0, or -1 where the
 * kernel does not allow it. */
static int acad_reset_peak(void)
{
	int fd = open("/proc/self/clear_refs", O_WRONLY | O_CLOEXEC);
	int rc;

	if (fd < 0)
		return -1;
	rc = write(fd, "5", 1) == 1 ? 0 : -1;
	close(fd);
	return rc;
}

/* The child's side: open, ask for the export, write it in the bot's steps
 * (SCHEDULER_EXPORT_STEP each, from a read connection of its own, as the
 * scheduler does), print, exit. The process's peak is /export's plus the
 * process's own (the libraries' pages above all, about 8.5 MiB with
 * libcurl's dependencies); /export's own share is the peak while it runs
 * over the size just before it. */
static int acad_export_child(struct acad *a)
{
	struct acad_time t, t0, *steps = NULL, total = { 0, 0 };
	struct h_export *x = NULL;
	struct db *rdb = NULL;
	size_t n = 0, cap = 0;
	double wall_max = 0;
	long before, peak;
	char err[256];
	int rc;

	if ((a->db = acad_open(a->db_path)) == NULL)
		return 1;
	acad_env(a);
	if ((rdb = db_open(a->db_path, err, sizeof(err))) == NULL) {
		fprintf(stderr, "bench: %s\n", err);
		return 1;
	}
	before = acad_status_kib("VmRSS");
	if (acad_reset_peak() != 0)
		fprintf(stderr, "bench: cannot reset the peak RSS; /export's own share includes start-up\n");
	if (db_begin(a->db) != DB_OK)
		return 1;
	rc = acad_dispatch(a, ACAD_OWNER, "/export", &t) != 0;
	while (rc == 0) {
		t0 = acad_now();
		rc = h_export_run(&a->env, rdb, &x, SCHEDULER_EXPORT_STEP);
		steps = xgrow(steps, &cap, n + 1, sizeof(*steps));
		steps[n] = acad_since(t0);
		total.wall += steps[n].wall;
		total.cpu += steps[n].cpu;
		if (steps[n].wall > wall_max)
			wall_max = steps[n].wall;
		n++;
		if (rc != 1)
			break;
		rc = 0;
	}
	peak = acad_status_kib("VmHWM");
	db_rollback(a->db);
	if (rc == 0 && n > 0 && before >= 0 && peak >= 0) {
		printf("\n  /export in the loop's steps (ms)      as         cpu med   cpu max  wall med\n");
		acad_print("/export: the command", "owner", &t, 1);
		acad_print("/export: one step", "", steps, (int)n);
		printf("  /export: %zu steps, longest %.2f ms wall; in all %.0f ms CPU, %.0f ms wall\n",
		    n, wall_max * 1000.0, total.cpu * 1000.0, total.wall * 1000.0);
		printf("\n/export peak RSS (a fresh process that opens and exports): %.1f MiB\n",
		    peak / 1024.0);
		printf("/export's own peak RSS (over the %.1f MiB of the process before it): %.1f MiB\n",
		    before / 1024.0, (peak - before) / 1024.0);
	}
	h_export_free(x);
	free(steps);
	db_close(rdb);
	db_close(a->db);
	cfg_release(&a->cfg);
	return rc || n == 0 || before < 0 || peak < 0;
}

static void acad_export_rss(struct acad *a, const char *self)
{
	int status;
	pid_t pid;

	fflush(stdout);
	if ((pid = fork()) == 0) {
		execl("/proc/self/exe", self, "--export-child", "--db", a->db_path, "--tmp", a->tmp, (char *)NULL);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0) {
		printf("\n/export peak RSS: the export failed\n");
		return;
	}
	acad_rm_dir(a->tmp, 1);
}

/* ---- cold start ---------------------------------------------------------- */

/* The fake Bot API: answers every request at once; returns when a
 * getUpdates arrives (its time since t0 in *at) or after the timeout. */
struct acad_conn {
	int fd;
	struct buf in;
};

static void acad_http_reply(int fd, const char *method)
{
	char out[512];
	const char *body = strcmp(method, "getMe") == 0 ?
	    "{\"ok\":true,\"result\":{\"id\":999,\"is_bot\":true,\"first_name\":\"Bench\","
	    "\"username\":\"bench_bot\"}}" :
	    strcmp(method, "getUpdates") == 0 ? "{\"ok\":true,\"result\":[]}" :
	    "{\"ok\":true,\"result\":true}";
	int n = snprintf(out, sizeof(out), "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
	    "Content-Length: %zu\r\n\r\n%s", strlen(body), body);

	if (write(fd, out, (size_t)n) != n)
		return;                /* the bot sees a cut answer and retries */
}

/* Handle the complete requests in c->in; 1 when one was getUpdates. */
static int acad_http_requests(struct acad_conn *c)
{
	int got = 0;

	for (;;) {
		char *s = c->in.s, *end = s ? strstr(s, "\r\n\r\n") : NULL, *cl, *m;
		size_t head, body = 0, len;
		char method[32] = "";

		if (end == NULL)
			return got;
		head = (size_t)(end - s) + 4;
		if ((cl = strcasestr(s, "content-length:")) != NULL && cl < end)
			body = strtoul(cl + 15, NULL, 10);
		if (c->in.len < head + body)
			return got;
		/* "POST /bot<token>/<method> HTTP/1.1" */
		if ((m = memchr(s, ' ', head)) != NULL && (m = strchr(m + 1, '/')) != NULL &&
		    (m = strchr(m + 1, '/')) != NULL) {
			len = strcspn(m + 1, " ?");
			snprintf(method, sizeof(method), "%.*s", (int)(len < 31 ? len : 31), m + 1);
		}
		acad_http_reply(c->fd, method);
		got |= strcmp(method, "getUpdates") == 0;
		len = c->in.len - head - body;
		memmove(c->in.s, c->in.s + head + body, len + 1);
		c->in.len = len;
	}
}

static double acad_serve_until_poll(int lfd, double t0)
{
	enum { MAX_CONN = 16 };
	struct acad_conn conns[MAX_CONN];
	struct pollfd pfd[MAX_CONN + 1];
	double at = -1;
	int n = 0;

	memset(conns, 0, sizeof(conns));
	while (at < 0 && clock_mono() - t0 < ACAD_FAKE_TIMEOUT_S) {
		pfd[0].fd = lfd;
		pfd[0].events = POLLIN;
		for (int i = 0; i < n; i++) {
			pfd[i + 1].fd = conns[i].fd;
			pfd[i + 1].events = POLLIN;
		}
		if (poll(pfd, (nfds_t)n + 1, 100) <= 0)
			continue;
		if ((pfd[0].revents & POLLIN) && n < MAX_CONN) {
			int fd = accept(lfd, NULL, NULL);
			if (fd >= 0)
				conns[n++].fd = fd;
		}
		for (int i = 0; i < n && at < 0; i++) {
			char chunk[4096];
			ssize_t r;

			if (!(pfd[i + 1].revents & (POLLIN | POLLHUP)))
				continue;
			if ((r = read(conns[i].fd, chunk, sizeof(chunk))) <= 0)
				continue;
			buf_add(&conns[i].in, chunk, (size_t)r);
			if (acad_http_requests(&conns[i]))
				at = clock_mono() - t0;
		}
	}
	for (int i = 0; i < n; i++) {
		close(conns[i].fd);
		buf_release(&conns[i].in);
	}
	return at;
}

static int acad_listen(int *port)
{
	struct sockaddr_in sa;
	socklen_t len = sizeof(sa);
	int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;

	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) != 0 ||
	    bind(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0 || listen(fd, 16) != 0 ||
	    getsockname(fd, (struct sockaddr *)&sa, &len) != 0) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	*port = ntohs(sa.sin_port);
	return fd;
}

/* Start bjjbot with args (NULL-terminated after the config); its pid. */
static pid_t acad_spawn(const struct acad *a, const char *conf, const char *cmd)
{
	char now[32];
	pid_t pid;

	snprintf(now, sizeof(now), "%lld", (long long)ACAD_NOW);
	if ((pid = fork()) == 0) {
		int null = open("/dev/null", O_WRONLY);
		if (null >= 0) {
			dup2(null, STDOUT_FILENO);
			dup2(null, STDERR_FILENO);
		}
		setenv("BJJBOT_FAKE_NOW", now, 1);
		execl(a->bot_path, a->bot_path, "-c", conf, cmd, (char *)NULL);
		_exit(127);
	}
	return pid;
}

static int acad_copy_file(const char *from, const char *to)
{
	char cmd[2 * PATH_MAX + 16];

	snprintf(cmd, sizeof(cmd), "cp '%s' '%s'", from, to);
	return system(cmd) == 0 ? 0 : -1;
}

static void acad_cold_start(struct acad *a)
{
	char conf[PATH_MAX], db[PATH_MAX];
	struct acad_time *check = xcalloc((size_t)a->runs, sizeof(*check));
	struct acad_time *poll_at = xcalloc((size_t)a->runs, sizeof(*poll_at));
	int port, lfd = acad_listen(&port), ok = 1;
	FILE *fp;

	printf("\n  cold start (ms, %d runs; wall time of the bot process)\n", a->runs);
	if (a->bot_path == NULL || access(a->bot_path, X_OK) != 0 || lfd < 0) {
		printf("  skipped: no bjjbot binary (--bot PATH) or no loopback port\n");
		goto out;
	}
	/* A copy: `run` writes (its state, the command menus it queues). */
	snprintf(db, sizeof(db), "%s/cold.db", a->tmp);
	snprintf(conf, sizeof(conf), "%s/bot.conf", a->tmp);
	if (acad_copy_file(a->db_path, db) != 0 || (fp = fopen(conf, "w")) == NULL) {
		printf("  skipped: cannot prepare %s\n", a->tmp);
		goto out;
	}
	fprintf(fp, "[telegram]\ntoken = 123456:BENCH-token-abcdefghijklmnopqrstuvwxyz01\nowner_ids = %d\n"
	    "api_url = http://127.0.0.1:%d\nshutdown_grace = 0\n"
	    "[storage]\ndatabase = %s\n[log]\nlevel = warn\n", ACAD_OWNER, port, db);
	fclose(fp);
	for (int r = 0; r < a->runs && ok; r++) {
		int status;
		double t0 = clock_mono();
		pid_t pid = acad_spawn(a, conf, "check");

		ok = pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
		    WEXITSTATUS(status) == 0;
		check[r].wall = check[r].cpu = clock_mono() - t0;
	}
	if (ok)
		acad_print("bjjbot check", "", check, a->runs);
	else
		printf("  bjjbot check failed\n");
	ok = 1;
	for (int r = 0; r < a->runs && ok; r++) {
		int status;
		double t0 = clock_mono();
		pid_t pid = acad_spawn(a, conf, "run");

		poll_at[r].wall = poll_at[r].cpu = pid > 0 ? acad_serve_until_poll(lfd, t0) : -1;
		ok = poll_at[r].wall >= 0;
		if (pid > 0) {
			kill(pid, SIGTERM);
			waitpid(pid, &status, 0);
		}
	}
	if (ok)
		acad_print("exec to the first getUpdates", "", poll_at, a->runs);
	else
		printf("  no getUpdates within %.0f s\n", ACAD_FAKE_TIMEOUT_S);
out:
	if (lfd >= 0)
		close(lfd);
	free(check);
	free(poll_at);
}

/* ---- main ---------------------------------------------------------------- */

static int acad_part(const struct acad *a, const char *name)
{
	return a->part == NULL || strcmp(a->part, name) == 0;
}

static void acad_usage(void)
{
	fprintf(stderr, "usage: bench_academy [-n RUNS] [--db FILE] [--bot PATH] "
	    "[--part commands|jobs|export|cold] [--only COMMAND|JOB]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	static char default_db[64];
	struct acad a;
	int export_child = 0, applied = 0;
	const char *tmp = NULL;
	char err[256];
	double t;

	memset(&a, 0, sizeof(a));
	snprintf(default_db, sizeof(default_db), "bench-academy-v%d.db", ACAD_GEN_VERSION);
	a.db_path = default_db;
#ifdef BJJ_BOT_PATH
	a.bot_path = BJJ_BOT_PATH;
#endif
	a.runs = 11;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-n") == 0 && i + 1 < argc)
			a.runs = atoi(argv[++i]);
		else if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
			a.db_path = argv[++i];
		else if (strcmp(argv[i], "--bot") == 0 && i + 1 < argc)
			a.bot_path = argv[++i];
		else if (strcmp(argv[i], "--only") == 0 && i + 1 < argc)
			a.only = argv[++i];
		else if (strcmp(argv[i], "--part") == 0 && i + 1 < argc)
			a.part = argv[++i];
		else if (strcmp(argv[i], "--tmp") == 0 && i + 1 < argc)
			tmp = argv[++i];
		else if (strcmp(argv[i], "--export-child") == 0)
			export_child = 1;
		else
			acad_usage();
	}
	if (a.runs < ACAD_RUNS_MIN)
		a.runs = ACAD_RUNS_MIN;
	log_set_level(LOG_ERROR);
	if (export_child) {
		if (tmp == NULL)
			acad_usage();
		snprintf(a.tmp, sizeof(a.tmp), "%s", tmp);
		return acad_export_child(&a);
	}
	snprintf(a.tmp, sizeof(a.tmp), "/tmp/bjj-academy-XXXXXX");
	if (mkdtemp(a.tmp) == NULL) {
		perror("bench: mkdtemp");
		return 1;
	}
	if (access(a.db_path, F_OK) != 0 && acad_generate(a.db_path) != 0)
		return 1;
	if ((a.db = acad_open(a.db_path)) == NULL)
		return 1;
	t = clock_mono();
	if (db_migrate(a.db, &applied, err, sizeof(err)) != 0) {
		fprintf(stderr, "bench: migrate: %s\n", err);
		return 1;
	}
	if (applied > 0)
		printf("migrated the cached academy (%d migrations) in %.1f s\n", applied,
		    clock_mono() - t);
	if (db_state_get_int(a.db, "bench:student", 0, &a.student) != DB_OK ||
	    db_state_get_int(a.db, "bench:trainer", 0, &a.trainer_tg) != DB_OK || a.student == 0) {
		fprintf(stderr, "bench: %s is not a generated academy; remove it\n", a.db_path);
		return 1;
	}
	a.student_tg = 3000000 + a.student;
	acad_env(&a);
	printf("bench_academy: %s (10,000 students, ~2,000,000 attendance rows), "
	    "now = 2026-06-10 18:45 UTC, student #%lld, trainer %lld\n", a.db_path,
	    (long long)a.student, (long long)a.trainer_tg);
	if (acad_part(&a, "commands"))
		acad_commands(&a);
	if (acad_part(&a, "jobs"))
		acad_jobs_run(&a);
	db_close(a.db);
	a.db = NULL;
	if (acad_part(&a, "export"))
		acad_export_rss(&a, argv[0]);
	if (acad_part(&a, "cold"))
		acad_cold_start(&a);
	acad_rm_dir(a.tmp, 0);
	cfg_release(&a.cfg);
	return 0;
}
