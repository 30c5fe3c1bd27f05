/*
 * checkin.c — the check-in throughput benchmark (README "Performance").
 *
 * A minimal fake Bot API on 127.0.0.1 feeds the real bot (`bjjbot run`
 * with [telegram] pace = off) N /checkin updates from M linked students,
 * in getUpdates batches of 100, and accepts every reply. So each update
 * takes the whole production path: HTTP, JSON, batch transaction with a
 * savepoint per update, router, handler, outbox row, sender, sendMessage.
 * Before the run the academy is made with the bot's own command line
 * (import of M students with their Telegram ids, a class that is open for
 * check-in at the fake clock, a pack sold to each student) and the
 * notices of those sales are taken out of the outbox.
 *
 * Prints the bot's CPU time per update (getrusage of the child: user +
 * sys over the whole process life, start-up included, divided by N), its
 * peak RSS, updates per second of wall time (first batch served to last
 * reply) and the replies it sent. Nothing about time is asserted; the
 * exit status is 1 only when the run itself went wrong (a missing reply,
 * the bot died, a wrong number of check-ins recorded).
 *
 * Usage: bench_checkin [-n UPDATES] [-m STUDENTS] [--bot PATH] [--dir DIR]
 * The work folder (default a new /tmp/bjj-bench-XXXXXX) keeps the bot's
 * log and database for a look afterwards.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <ev.h>

#include "storage/script.h"

#define BENCH_TOKEN "123456:BENCH-token-abcdefghijklmnopqrstuvwxyz0123"
#define BENCH_OWNER 100
#define BENCH_FIRST_UID 1000000LL
#define BENCH_BATCH 100
/* 2026-06-01 12:10 UTC: ten minutes into the class made below. */
#define BENCH_NOW 1780315800LL
#define BENCH_DEADLINE_S 600.0

struct bench_conn {
	ev_io rd, wr;
	char *in;                  /* request bytes not handled yet */
	size_t in_len, in_cap;
	char *out;                 /* response bytes not written yet */
	size_t out_len, out_off, out_cap;
};

static struct {
	long n, m;
	const char *bot;
	char dir[256];
	pid_t pid;
	long next_id;              /* first update id not served yet */
	long confirmed;            /* highest id confirmed by an offset */
	long replies;              /* sendMessage calls to students */
	long other_calls;
	double t_first, t_last;
	int stopping, done, failed;
	struct rusage ru;
	int status;
} B;

static double bench_mono(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

__attribute__((format(printf, 1, 2), noreturn))
static void bench_die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("bench_checkin: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	if (B.pid > 0)
		kill(B.pid, SIGKILL);
	exit(1);
}

static void *bench_grow(void *p, size_t *cap, size_t need)
{
	if (need <= *cap)
		return p;
	while (*cap < need)
		*cap = *cap ? *cap * 2 : 4096;
	p = realloc(p, *cap);
	if (p == NULL)
		bench_die("out of memory");
	return p;
}

static void bench_path(char *out, size_t n, const char *name)
{
	snprintf(out, n, "%s/%s", B.dir, name);
}

/* ---- the academy, made with the bot's own command line --------------- */

/* Run the bot with args, stdin from in_path (or /dev/null), output
 * appended to setup.log; die unless it exits 0. */
static void bench_bot_cmd(const char *const *args, const char *in_path)
{
	char log[300], conf[300];
	char *argv[16]; /* copies: execv takes writable strings */
	size_t k = 0;
	int status;
	pid_t pid;

	bench_path(log, sizeof(log), "setup.log");
	bench_path(conf, sizeof(conf), "bot.conf");
	argv[k++] = strdup(B.bot);
	argv[k++] = strdup("-c");
	argv[k++] = strdup(conf);
	for (; *args && k < 15; args++)
		argv[k++] = strdup(*args);
	argv[k] = NULL;
	for (size_t i = 0; i < k; i++)
		if (argv[i] == NULL)
			bench_die("out of memory");
	if ((pid = fork()) < 0)
		bench_die("fork: %s", strerror(errno));
	if (pid == 0) {
		int in = open(in_path ? in_path : "/dev/null", O_RDONLY);
		int out = open(log, O_WRONLY | O_CREAT | O_APPEND, 0600);
		if (in < 0 || out < 0)
			_exit(127);
		dup2(in, 0);
		dup2(out, 1);
		dup2(out, 2);
		execv(B.bot, argv);
		_exit(127);
	}
	for (size_t i = 0; i < k; i++)
		free(argv[i]);
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		bench_die("set-up step \"%s\" failed; see %s", args[-1], log);
}

static void bench_write_conf(int port)
{
	char path[300];
	FILE *fp;

	bench_path(path, sizeof(path), "bot.conf");
	if ((fp = fopen(path, "w")) == NULL)
		bench_die("%s: %s", path, strerror(errno));
	fprintf(fp, "[telegram]\ntoken = %s\napi_url = http://127.0.0.1:%d\nowner_ids = %d\n"
	    "poll_timeout = 5\npace = off\noutbox_per_chat = 100000\n"
	    "[storage]\ndatabase = %s/bot.db\n[academy]\nlanguage = en\n"
	    "[alerts]\nmin_free_mb = 0\n[log]\nfile = %s/bot.log\n",
	    BENCH_TOKEN, port, BENCH_OWNER, B.dir, B.dir);
	fclose(fp);
}

/* The sales' notices to the students are not part of the benchmark. */
static void bench_outbox_clear(void)
{
	char path[300], err[256];
	struct db *db;

	bench_path(path, sizeof(path), "bot.db");
	if ((db = db_open(path, err, sizeof(err))) == NULL)
		bench_die("%s", err);
	if (db_admin_script(db, "DELETE FROM outbox") != DB_OK)
		bench_die("cannot empty the outbox of %s", path);
	db_close(db);
}

static void bench_make_academy(void)
{
	char csv[300], script[300];
	FILE *fp;
	long i;

	bench_path(csv, sizeof(csv), "students.csv");
	if ((fp = fopen(csv, "w")) == NULL)
		bench_die("%s: %s", csv, strerror(errno));
	fputs("first_name,last_name,phone,email,belt,stripes,birth_date,telegram_id\n", fp);
	for (i = 0; i < B.m; i++)
		fprintf(fp, "Student,Number%ld,+7900%07ld,,white,0,,%lld\n", i + 1, i + 1,
		    BENCH_FIRST_UID + i);
	fclose(fp);
	bench_bot_cmd((const char *const[]){ "import", "students", csv, NULL }, NULL);

	/* A pack for everyone, and a class that started ten minutes ago. */
	bench_path(script, sizeof(script), "setup.txt");
	if ((fp = fopen(script, "w")) == NULL)
		bench_die("%s: %s", script, strerror(errno));
	fputs("/addplan bench 4000 90 100 Bench pack\n/addtraining 2026-06-01 12:00 90 Bench class\n", fp);
	for (i = 0; i < B.m; i++)
		fprintf(fp, "/sell #%ld bench\n", i + 1);
	fclose(fp);
	bench_bot_cmd((const char *const[]){ "console", "--as", "owner", NULL }, script);
	bench_outbox_clear();
}

/* ---- the fake Bot API ---------------------------------------------- */

static void bench_conn_free(struct ev_loop *loop, struct bench_conn *c)
{
	ev_io_stop(loop, &c->rd);
	ev_io_stop(loop, &c->wr);
	close(c->rd.fd);
	free(c->in);
	free(c->out);
	free(c);
}

static void bench_flush(struct ev_loop *loop, struct bench_conn *c)
{
	while (c->out_off < c->out_len) {
		ssize_t w = write(c->rd.fd, c->out + c->out_off, c->out_len - c->out_off);
		if (w < 0 && (errno == EAGAIN || errno == EINTR)) {
			ev_io_start(loop, &c->wr);
			return;
		}
		if (w <= 0)
			return;     /* the reader sees the close */
		c->out_off += (size_t)w;
	}
	c->out_len = c->out_off = 0;
	ev_io_stop(loop, &c->wr);
}

static void bench_respond(struct ev_loop *loop, struct bench_conn *c, const char *body, size_t n)
{
	char head[128];
	int h = snprintf(head, sizeof(head), "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
	    "Content-Length: %zu\r\n\r\n", n);

	c->out = bench_grow(c->out, &c->out_cap, c->out_len + (size_t)h + n);
	memcpy(c->out + c->out_len, head, (size_t)h);
	memcpy(c->out + c->out_len + h, body, n);
	c->out_len += (size_t)h + n;
	bench_flush(loop, c);
}

static void bench_respond_str(struct ev_loop *loop, struct bench_conn *c, const char *body)
{
	bench_respond(loop, c, body, strlen(body));
}

static long bench_json_long(const char *body, size_t n, const char *key)
{
	char pat[64];
	const char *p;

	snprintf(pat, sizeof(pat), "\"%s\":", key);
	(void)n;
	p = strstr(body, pat);
	return p ? strtol(p + strlen(pat), NULL, 10) : -1;
}

/* Every update confirmed and answered: stop the bot (SIGTERM, as systemd). */
static void bench_maybe_done(void)
{
	if (B.stopping || B.replies < B.n || B.confirmed < B.n)
		return;
	B.t_last = bench_mono();
	B.stopping = 1;
	kill(B.pid, SIGTERM);
}

/* The next batch of up to BENCH_BATCH /checkin updates. */
static void bench_get_updates(struct ev_loop *loop, struct bench_conn *c, const char *body, size_t n)
{
	static char *out;
	static size_t cap;
	long offset = bench_json_long(body, n, "offset");
	size_t len = 0;

	if (offset - 1 > B.confirmed)
		B.confirmed = offset - 1;
	if (offset < B.next_id && offset >= 1)
		B.next_id = offset;       /* a rolled-back batch comes again */
	if (B.next_id > B.n) {
		/* A long poll with nothing to give: held until the end. */
		bench_maybe_done();
		return;
	}
	if (B.t_first == 0)
		B.t_first = bench_mono();
	out = bench_grow(out, &cap, 64);
	len = (size_t)sprintf(out, "{\"ok\":true,\"result\":[");
	for (long k = 0; k < BENCH_BATCH && B.next_id <= B.n; k++, B.next_id++) {
		long long uid = BENCH_FIRST_UID + (B.next_id - 1) % B.m;
		out = bench_grow(out, &cap, len + 512);
		len += (size_t)sprintf(out + len, "%s{\"update_id\":%ld,\"message\":{\"message_id\":%ld,"
		    "\"from\":{\"id\":%lld,\"is_bot\":false,\"first_name\":\"Student\",\"language_code\":\"en\"},"
		    "\"chat\":{\"id\":%lld,\"first_name\":\"Student\",\"type\":\"private\"},\"date\":%lld,"
		    "\"text\":\"/checkin\",\"entities\":[{\"offset\":0,\"length\":8,\"type\":\"bot_command\"}]}}",
		    k ? "," : "", B.next_id, B.next_id, uid, uid, BENCH_NOW);
	}
	out = bench_grow(out, &cap, len + 4);
	len += (size_t)sprintf(out + len, "]}");
	bench_respond(loop, c, out, len);
}

static void bench_call(struct ev_loop *loop, struct bench_conn *c, const char *method,
    const char *body, size_t n)
{
	if (strcmp(method, "getUpdates") == 0) {
		bench_get_updates(loop, c, body, n);
	} else if (strcmp(method, "getMe") == 0) {
		bench_respond_str(loop, c, "{\"ok\":true,\"result\":{\"id\":999,\"is_bot\":true,"
		    "\"first_name\":\"Bench\",\"username\":\"bjj_bench_bot\"}}");
	} else if (strcmp(method, "sendMessage") == 0) {
		long chat = bench_json_long(body, n, "chat_id");
		if (chat >= BENCH_FIRST_UID && chat < BENCH_FIRST_UID + B.m)
			B.replies++;
		else
			B.other_calls++;
		bench_respond_str(loop, c, "{\"ok\":true,\"result\":{\"message_id\":1,"
		    "\"chat\":{\"id\":1,\"type\":\"private\"},\"date\":0}}");
		bench_maybe_done();
	} else {
		B.other_calls++;
		bench_respond_str(loop, c, "{\"ok\":true,\"result\":true}");
	}
}

/* Handle every complete request in c->in. */
static int bench_process(struct ev_loop *loop, struct bench_conn *c)
{
	for (;;) {
		char *end, *cl, *sp, *sp2, *slash, method[64];
		size_t head, body;

		if (c->in_len == 0)
			return 0;
		c->in[c->in_len] = '\0';
		if ((end = strstr(c->in, "\r\n\r\n")) == NULL)
			return 0;
		head = (size_t)(end - c->in) + 4;
		cl = strcasestr(c->in, "\r\ncontent-length:");
		body = cl && cl < end ? strtoul(cl + 17, NULL, 10) : 0;
		if (c->in_len < head + body)
			return 0;
		/* "POST /bot<token>/<method> HTTP/1.1" */
		if ((sp = memchr(c->in, ' ', head)) == NULL ||
		    (sp2 = memchr(sp + 1, ' ', head - (size_t)(sp + 1 - c->in))) == NULL)
			return -1;
		*sp2 = '\0';
		slash = strrchr(sp + 1, '/');
		snprintf(method, sizeof(method), "%s", slash ? slash + 1 : "");
		{
			char saved = c->in[head + body];
			c->in[head + body] = '\0';
			bench_call(loop, c, method, c->in + head, body);
			c->in[head + body] = saved;
		}
		memmove(c->in, c->in + head + body, c->in_len - head - body);
		c->in_len -= head + body;
	}
}

static void bench_read_cb(struct ev_loop *loop, ev_io *w, int revents)
{
	struct bench_conn *c = w->data;
	ssize_t r;

	(void)revents;
	c->in = bench_grow(c->in, &c->in_cap, c->in_len + 65536 + 1);
	r = read(w->fd, c->in + c->in_len, c->in_cap - c->in_len - 1);
	if (r < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (r <= 0) {
		bench_conn_free(loop, c);
		return;
	}
	c->in_len += (size_t)r;
	if (bench_process(loop, c) != 0)
		bench_conn_free(loop, c);
}

static void bench_write_cb(struct ev_loop *loop, ev_io *w, int revents)
{
	(void)revents;
	bench_flush(loop, w->data);
}

static void bench_accept_cb(struct ev_loop *loop, ev_io *w, int revents)
{
	int fd = accept4(w->fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
	struct bench_conn *c;

	(void)revents;
	if (fd < 0)
		return;
	if ((c = calloc(1, sizeof(*c))) == NULL)
		bench_die("out of memory");
	ev_io_init(&c->rd, bench_read_cb, fd, EV_READ);
	ev_io_init(&c->wr, bench_write_cb, fd, EV_WRITE);
	c->rd.data = c->wr.data = c;
	ev_io_start(loop, &c->rd);
}

static int bench_listen(int *port)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t al = sizeof(a);
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);

	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) != 0 || listen(fd, 64) != 0 ||
	    getsockname(fd, (struct sockaddr *)&a, &al) != 0)
		bench_die("listen on 127.0.0.1: %s", strerror(errno));
	*port = ntohs(a.sin_port);
	return fd;
}

/* The bot's end: its rusage, taken by wait4 (libev's child watcher would
 * reap it without one). */
static void bench_reap_cb(struct ev_loop *loop, ev_timer *w, int revents)
{
	(void)w;
	(void)revents;
	if (wait4(B.pid, &B.status, WNOHANG, &B.ru) == B.pid) {
		B.done = 1;
		B.pid = 0;
		ev_break(loop, EVBREAK_ALL);
		return;
	}
	if (bench_mono() - B.t_first > BENCH_DEADLINE_S && B.t_first > 0)
		bench_die("no end after %.0f s: %ld replies, %ld confirmed; see %s/bot.log",
		    BENCH_DEADLINE_S, B.replies, B.confirmed, B.dir);
}

static void bench_spawn(void)
{
	char conf[300], out[300];

	bench_path(conf, sizeof(conf), "bot.conf");
	bench_path(out, sizeof(out), "bot.out");
	if ((B.pid = fork()) < 0)
		bench_die("fork: %s", strerror(errno));
	if (B.pid == 0) {
		int fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (fd >= 0) {
			dup2(fd, 1);
			dup2(fd, 2);
		}
		execl(B.bot, B.bot, "-c", conf, "run", (char *)NULL);
		_exit(127);
	}
}

/* Check-ins recorded: one per student, however often each sent /checkin. */
static long bench_checkins(void)
{
	char dir[300], path[600], line[512];
	long rows = -1;
	struct dirent *e;
	DIR *d;
	FILE *fp;

	bench_path(dir, sizeof(dir), "export");
	bench_bot_cmd((const char *const[]){ "export", dir, NULL }, NULL);
	if ((d = opendir(dir)) == NULL)
		return -1;
	while ((e = readdir(d)) != NULL) {
		if (strncmp(e->d_name, "attendance", 10) != 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if ((fp = fopen(path, "r")) == NULL)
			break;
		for (rows = -1; fgets(line, sizeof(line), fp);)
			rows += strchr(line, '\n') != NULL;
		fclose(fp);
	}
	closedir(d);
	return rows;
}

static void bench_usage(void)
{
	fprintf(stderr, "usage: bench_checkin [-n UPDATES] [-m STUDENTS] [--bot PATH] [--dir DIR]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	/* Not the default loop: it would reap the bot (SIGCHLD) before
	 * wait4 can read its rusage. */
	struct ev_loop *loop = ev_loop_new(EVFLAG_AUTO);
	ev_io listener;
	ev_timer reap;
	int port, lfd;
	long checkins;
	double cpu;

	B.n = 20000;
	B.m = 500;
	B.bot = BENCH_BOT;
	B.next_id = 1;
	for (int i = 1; i < argc; i++) {
		if (i + 1 >= argc)
			bench_usage();
		if (strcmp(argv[i], "-n") == 0)
			B.n = strtol(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "-m") == 0)
			B.m = strtol(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--bot") == 0)
			B.bot = argv[++i];
		else if (strcmp(argv[i], "--dir") == 0)
			snprintf(B.dir, sizeof(B.dir), "%s", argv[++i]);
		else
			bench_usage();
	}
	if (B.n < 1 || B.m < 1 || B.m > 9999999)
		bench_usage();
	if (B.dir[0] == '\0') {
		snprintf(B.dir, sizeof(B.dir), "/tmp/bjj-bench-XXXXXX");
		if (mkdtemp(B.dir) == NULL)
			bench_die("mkdtemp: %s", strerror(errno));
	} else if (mkdir(B.dir, 0700) != 0 && errno != EEXIST) {
		bench_die("%s: %s", B.dir, strerror(errno));
	}
	signal(SIGPIPE, SIG_IGN);
	/* The bot reads its clock and its settings from here only. */
	{
		char now[24];
		snprintf(now, sizeof(now), "%lld", BENCH_NOW);
		setenv("BJJBOT_FAKE_NOW", now, 1);
	}
	unsetenv("BJJBOT_TOKEN");
	unsetenv("BJJBOT_API_URL");
	unsetenv("DATABASE_URL");
	unsetenv("LOG_LEVEL");
	unsetenv("BJJBOT_TEST");

	lfd = bench_listen(&port);
	bench_write_conf(port);
	bench_make_academy();

	ev_io_init(&listener, bench_accept_cb, lfd, EV_READ);
	ev_io_start(loop, &listener);
	ev_timer_init(&reap, bench_reap_cb, 0.01, 0.01);
	ev_timer_start(loop, &reap);
	bench_spawn();
	ev_run(loop, 0);

	if (!B.stopping || !WIFEXITED(B.status) || WEXITSTATUS(B.status) != 0)
		bench_die("the bot ended early (status 0x%x) after %ld replies; see %s/bot.log",
		    B.status, B.replies, B.dir);
	checkins = bench_checkins();
	cpu = (double)B.ru.ru_utime.tv_sec + B.ru.ru_utime.tv_usec / 1e6 +
	    (double)B.ru.ru_stime.tv_sec + B.ru.ru_stime.tv_usec / 1e6;
	printf("check-in throughput: %ld /checkin updates from %ld students, batches of %d, pace = off\n",
	    B.n, B.m, BENCH_BATCH);
	printf("  bot CPU per update   %8.1f us  (user %.3f s + sys %.3f s, whole process)\n",
	    cpu * 1e6 / (double)B.n, B.ru.ru_utime.tv_sec + B.ru.ru_utime.tv_usec / 1e6,
	    B.ru.ru_stime.tv_sec + B.ru.ru_stime.tv_usec / 1e6);
	printf("  bot peak RSS         %8.1f MiB\n", (double)B.ru.ru_maxrss / 1024.0);
	printf("  updates per second   %8.0f     (wall, first batch to last reply)\n",
	    (double)B.n / (B.t_last - B.t_first));
	printf("  replies sent         %8ld     (other calls %ld)\n", B.replies, B.other_calls);
	printf("  check-ins recorded   %8ld     (one per student)\n", checkins);
	printf("  work folder          %s\n", B.dir);
	if (B.replies != B.n)
		bench_die("%ld replies to %ld updates: some went twice", B.replies, B.n);
	if (checkins != (B.n < B.m ? B.n : B.m))
		bench_die("expected %ld check-ins, the database has %ld", B.n < B.m ? B.n : B.m, checkins);
	ev_loop_destroy(loop);
	return 0;
}
