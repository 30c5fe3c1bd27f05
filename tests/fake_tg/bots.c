/*
 * fake_tg/bots.c — the supervisor: the bots as child processes, the loop
 * seen from the runner, dumps for failures. See fake_tg.h.
 */
#include "tests/fake_tg/fake_tg.h"

/* ---- Bots (child processes) ---- */

void ft_describe_status(int st, char *out, size_t n)
{
	if (WIFEXITED(st))
		snprintf(out, n, "exit code %d", WEXITSTATUS(st));
	else if (WIFSIGNALED(st))
		snprintf(out, n, "signal %d (%s)", WTERMSIG(st), strsignal(WTERMSIG(st)));
	else
		snprintf(out, n, "status 0x%x", st);
}

/* Collect exits; an exit nobody asked for fails the scenario right away. */
static void ft_reap(void)
{
	for (size_t i = 0; i < g.n_bots; i++) {
		struct ft_bot *b = g.bots[i];
		if (!b->running)
			continue;
		int st;
		pid_t r = waitpid(b->pid, &st, WNOHANG);
		if (r == 0)
			continue;
		if (r < 0) {
			if (errno == EINTR)
				continue;
			/* ECHILD: someone else reaped it; treat as gone. */
			st = 0;
		}
		b->running = 0;
		b->exited = 1;
		b->status = st;
		b->t_exit = ft_now();
		char d[96];
		ft_describe_status(st, d, sizeof d);
		ft_verbose("%s (pid %d) exited: %s", b->name, (int)b->pid, d);
		if (b->must_run) {
			b->must_run = 0;
			ft_fail("bot '%s' to keep running — it exited unexpectedly (%s) %.1fs after its start",
			    b->name, d, b->t_exit - b->t_start);
		}
	}
}

struct ft_bot *ft_bot_find(const char *name)
{
	for (size_t i = 0; i < g.n_bots; i++)
		if (strcmp(g.bots[i]->name, name) == 0)
			return g.bots[i];
	return NULL;
}

struct ft_bot *ft_bot_get(const char *name)
{
	struct ft_bot *b = ft_bot_find(name);
	if (!b)
		ft_fail("a bot instance named '%s' — none was started", name);
	return b;
}

/* Kill every bot and its process group, and wait for them. */
void ft_kill_all(void)
{
	for (size_t i = 0; i < g.n_bots; i++) {
		struct ft_bot *b = g.bots[i];
		if (!b->running)
			continue;
		b->must_run = 0;
		/* The group too: a wrapper (valgrind, a shell) may sit in between. */
		if (kill(-b->pid, SIGKILL) != 0 && kill(b->pid, SIGKILL) != 0 && errno != ESRCH)
			fprintf(stderr, "fake_tg: kill %d: %s\n", (int)b->pid, strerror(errno));
		int st;
		while (waitpid(b->pid, &st, 0) < 0 && errno == EINTR)
			;
		b->running = 0;
		b->exited = 1;
		b->status = st;
	}
}

/* ---- The event loop seen from the runner ---- */

void ft_tick_cb(struct ev_loop *loop, ev_timer *w, int revents)
{
	/* Only there so that ev_run(EVRUN_ONCE) returns often. */
	(void)loop;
	(void)w;
	(void)revents;
}

void ft_signal_cb(struct ev_loop *loop, ev_signal *w, int revents)
{
	(void)loop;
	(void)revents;
	g.interrupted = w->signum;
}

/* One turn of the loop, then reap children and notice interruptions. */
static void ft_turn(void)
{
	ev_run(g.loop, EVRUN_ONCE);
	ft_conn_free_dead();
	if (g.interrupted)
		ft_fail("to run to completion — interrupted by signal %d", g.interrupted);
	ft_reap();
}

/* Serve until pred(arg) holds (1) or timeout seconds pass (0). */
int ft_wait_for(int (*pred)(void *arg), void *arg, double timeout)
{
	double deadline = ft_now() + timeout;
	ft_reap();
	for (;;) {
		if (pred && pred(arg))
			return 1;
		if (ft_now() >= deadline)
			return 0;
		ft_turn();
	}
}

/* ---- Dumps for failures ---- */

static void ft_dump_log_tail(const struct ft_bot *b)
{
	FILE *f = fopen(b->log, "r");
	if (!f) {
		fprintf(stderr, "--- %s: no log (%s) ---\n", b->log, strerror(errno));
		return;
	}
	/* Keep the last N lines in a ring. */
	char *ring[FT_LOG_TAIL_LINES] = { 0 };
	size_t n = 0;
	char *line = NULL;
	size_t cap = 0;
	ssize_t r;
	while ((r = getline(&line, &cap, f)) >= 0) {
		free(ring[n % FT_LOG_TAIL_LINES]);
		ring[n % FT_LOG_TAIL_LINES] = xstrdup(line);
		n++;
	}
	free(line);
	fclose(f);
	fprintf(stderr, "--- %s (last %zu of %zu lines) ---\n", b->log,
	    n < FT_LOG_TAIL_LINES ? n : (size_t)FT_LOG_TAIL_LINES, n);
	size_t start = n > FT_LOG_TAIL_LINES ? n - FT_LOG_TAIL_LINES : 0;
	for (size_t i = start; i < n; i++) {
		char *l = ring[i % FT_LOG_TAIL_LINES];
		fputs(l, stderr);
		if (!l[0] || l[strlen(l) - 1] != '\n')
			fputc('\n', stderr);
	}
	for (size_t i = 0; i < FT_LOG_TAIL_LINES; i++)
		free(ring[i]);
}

static void ft_dump_calls(void)
{
	size_t start = g.n_calls > FT_CALLS_DUMP ? g.n_calls - FT_CALLS_DUMP : 0;
	fprintf(stderr, "--- calls received (%zu total%s) ---\n", g.n_calls,
	    start ? ", oldest left out" : "");
	for (size_t i = start; i < g.n_calls; i++) {
		struct ft_call *c = g.calls[i];
		struct buf b = { 0 };
		buf_addf(&b, "  #%d %7.3fs %s %s", c->seq, c->t, c->bot->name, c->method);
		if (c->has_chat)
			buf_addf(&b, " chat=%" PRId64, c->chat);
		if (strcmp(c->method, "getUpdates") == 0) {
			const cJSON *o = cJSON_GetObjectItemCaseSensitive(c->params, "offset");
			const cJSON *t = cJSON_GetObjectItemCaseSensitive(c->params, "timeout");
			if (cJSON_IsNumber(o) || cJSON_IsString(o))
				buf_addf(&b, " offset=%.0f", cJSON_IsNumber(o) ? o->valuedouble : atof(o->valuestring));
			if (cJSON_IsNumber(t))
				buf_addf(&b, " timeout=%.0f", t->valuedouble);
		}
		buf_addf(&b, " -> %s", c->outcome[0] ? c->outcome : "(no answer yet)");
		if (c->status && c->t_resp > 0)
			buf_addf(&b, " at %.3fs", c->t_resp);
		if (c->text) {
			buf_adds(&b, " text=");
			ft_buf_snippet(&b, c->text, 100);
		} else if (strcmp(c->method, "answerCallbackQuery") == 0 || strcmp(c->method, "setMyCommands") == 0) {
			char *s = cJSON_PrintUnformatted(c->params);
			if (s) {
				buf_adds(&b, " ");
				ft_buf_snippet(&b, s, 100);
				cJSON_free(s);
			}
		}
		fprintf(stderr, "%s\n", b.s);
		buf_release(&b);
	}
}

static void ft_dump_updates(void)
{
	fprintf(stderr, "--- updates queued (%zu) ---\n", g.n_updates);
	for (size_t i = 0; i < g.n_updates; i++) {
		struct ft_update *u = &g.updates[i];
		fprintf(stderr, "  %" PRId64 " (line %d) %s: delivered %d time(s), %s\n", u->id, u->line, u->type,
		    u->delivered, u->skipped ? "SKIPPED: type not in allowed_updates" :
		    u->confirmed ? "confirmed" : "not confirmed");
	}
	if (g.allowed_desc[0])
		fprintf(stderr, "  (last allowed_updates: %s)\n", g.allowed_desc);
}

void ft_dump_state(void)
{
	for (size_t i = 0; i < g.n_bots; i++) {
		struct ft_bot *b = g.bots[i];
		char d[96] = "never started";
		if (b->exited)
			ft_describe_status(b->status, d, sizeof d);
		fprintf(stderr, "--- bot '%s' (port %d, pid %d): %s ---\n", b->name, b->port, (int)b->pid,
		    b->running ? "running" : d);
		if (!b->ever_started)
			continue;
		ft_dump_log_tail(b);
	}
	ft_dump_updates();
	ft_dump_calls();
}

/* ---- Spawning bots ---- */

/* The bots' clock when a scenario sets none (see ft_bot_spawn). */
#define FT_DEFAULT_NOW "1780315200"

static const char *const ft_default_cfg[][3] = {
	{ "telegram", "token", FT_TOKEN },
	{ "telegram", "api_url", NULL },     /* per instance */
	{ "telegram", "owner_ids", "100" },
	{ "telegram", "poll_timeout", "2" },
	{ "storage", "database", NULL },     /* <workdir>/bot.db */
	{ "academy", "language", "en" },
	/* A nearly full disk on the test machine must not add an alert to
	 * the owner's chat that a scenario does not expect. */
	{ "alerts", "min_free_mb", "0" },
	{ "log", "level", "debug" },
};

struct ft_kv {
	char section[64], key[64];
	char *value;
};

static void ft_write_conf(struct ft_bot *b)
{
	struct ft_kv kv[128];
	size_t n = 0;
	char url[64], db[PATH_MAX + 16];
	snprintf(url, sizeof url, "http://127.0.0.1:%d", b->port);
	snprintf(db, sizeof db, "%s/bot.db", g.workdir);
	for (size_t i = 0; i < sizeof ft_default_cfg / sizeof ft_default_cfg[0]; i++) {
		snprintf(kv[n].section, sizeof kv[n].section, "%s", ft_default_cfg[i][0]);
		snprintf(kv[n].key, sizeof kv[n].key, "%s", ft_default_cfg[i][1]);
		const char *v = ft_default_cfg[i][2];
		if (!v)
			v = strcmp(ft_default_cfg[i][1], "api_url") == 0 ? url : db;
		kv[n++].value = xstrdup(v);
	}
	for (size_t i = 0; i < g.n_cfgs; i++) {
		struct ft_cfg *o = &g.cfgs[i];
		size_t k;
		for (k = 0; k < n; k++)
			if (strcmp(kv[k].section, o->section) == 0 && strcmp(kv[k].key, o->key) == 0)
				break;
		if (k == n) {
			if (n == sizeof kv / sizeof kv[0])
				ft_fail("at most %zu settings — too many config lines", sizeof kv / sizeof kv[0]);
			snprintf(kv[n].section, sizeof kv[n].section, "%s", o->section);
			snprintf(kv[n].key, sizeof kv[n].key, "%s", o->key);
			kv[n++].value = NULL;
		}
		free(kv[k].value);
		kv[k].value = o->value ? xstrdup(o->value) : NULL;
	}
	struct buf out = { 0 };
	buf_adds(&out, "; written by fake_tg for this scenario\n");
	/* Sections in first-seen order. */
	for (size_t i = 0; i < n; i++) {
		size_t j;
		for (j = 0; j < i; j++)
			if (strcmp(kv[j].section, kv[i].section) == 0)
				break;
		if (j < i)
			continue;
		buf_addf(&out, "\n[%s]\n", kv[i].section);
		for (j = i; j < n; j++)
			if (strcmp(kv[j].section, kv[i].section) == 0 && kv[j].value)
				buf_addf(&out, "%s = %s\n", kv[j].key, kv[j].value);
	}
	for (size_t i = 0; i < n; i++)
		free(kv[i].value);
	FILE *f = fopen(b->conf, "w");
	if (!f)
		ft_fail("to write %s — %s", b->conf, strerror(errno));
	size_t w = fwrite(out.s, 1, out.len, f);
	int bad = w != out.len || ferror(f);
	if (fclose(f) != 0 || bad)
		ft_fail("to write %s — write error", b->conf);
	buf_release(&out);
}

void ft_bot_listen(struct ft_bot *b)
{
	b->lfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (b->lfd < 0)
		ft_fail("a listening socket — socket: %s", strerror(errno));
	struct sockaddr_in a;
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	a.sin_port = 0;
	socklen_t al = sizeof a;
	if (bind(b->lfd, (struct sockaddr *)&a, sizeof a) != 0)
		ft_fail("a listening socket — bind 127.0.0.1:0: %s", strerror(errno));
	if (listen(b->lfd, 64) != 0)
		ft_fail("a listening socket — listen: %s", strerror(errno));
	if (getsockname(b->lfd, (struct sockaddr *)&a, &al) != 0)
		ft_fail("a listening socket — getsockname: %s", strerror(errno));
	b->port = ntohs(a.sin_port);
	ev_io_init(&b->lw, ft_accept_cb, b->lfd, EV_READ);
	b->lw.data = b;
	ev_io_start(g.loop, &b->lw);
}

void ft_bot_spawn(struct ft_bot *b)
{
	if (access(g.bot_path, X_OK) != 0)
		ft_fail("an executable bot at %s — %s", g.bot_path, strerror(errno));
	ft_write_conf(b);
	int lfd = open(b->log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	if (lfd < 0)
		ft_fail("to open %s — %s", b->log, strerror(errno));
	char marker[256];
	int ml = snprintf(marker, sizeof marker, "=== fake_tg: start '%s' at %.3fs (scenario line %d) ===\n",
	    b->name, ft_now(), g.cur_line);
	if (write(lfd, marker, (size_t)ml) != ml)
		ft_fail("to write %s — %s", b->log, strerror(errno));
	struct stat st;
	if (fstat(lfd, &st) != 0)
		ft_fail("to stat %s — %s", b->log, strerror(errno));
	b->log_from = st.st_size;
	fflush(stdout);
	fflush(stderr);
	pid_t parent = getpid();
	pid_t pid = fork();
	if (pid < 0)
		ft_fail("to start the bot — fork: %s", strerror(errno));
	if (pid == 0) {
		/* Child: own process group (our Ctrl-C is ours), dies with us. */
		setpgid(0, 0);
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() != parent)
			_exit(127);
		int nul = open("/dev/null", O_RDONLY);
		if (nul < 0 || dup2(nul, 0) < 0 || dup2(lfd, 1) < 0 || dup2(lfd, 2) < 0)
			_exit(127);
		signal(SIGPIPE, SIG_DFL);
		/* The bot's own environment overrides would beat bot.conf. */
		unsetenv("BJJBOT_TOKEN");
		unsetenv("BJJBOT_API_URL");
		unsetenv("DATABASE_URL");
		unsetenv("LOG_LEVEL");
		setenv("BJJBOT_TEST", "1", 1);
		/* Every scenario runs on a known clock (2026-06-01 12:00 UTC, a
		 * Monday) unless it sets its own: the day's digest, quiet hours
		 * and class times must not depend on when the suite runs. */
		setenv("BJJBOT_FAKE_NOW", FT_DEFAULT_NOW, 1);
		char scale[32];
		snprintf(scale, sizeof scale, "%g", g.time_scale);
		setenv("BJJBOT_TIME_SCALE", scale, 1);
		for (size_t i = 0; i < g.n_envs; i++) {
			if (g.envs[i].value)
				setenv(g.envs[i].name, g.envs[i].value, 1);
			else
				unsetenv(g.envs[i].name);
		}
		char *argv[] = { (char *)g.bot_path, (char *)"-c", b->conf, (char *)"run", NULL };
		execv(g.bot_path, argv);
		dprintf(2, "fake_tg: exec %s: %s\n", g.bot_path, strerror(errno));
		_exit(127);
	}
	/* Parent: also set the group from here, so a kill right away works. */
	if (setpgid(pid, pid) != 0 && errno != EACCES && errno != ESRCH)
		ft_verbose("setpgid: %s", strerror(errno));
	if (close(lfd) != 0)
		ft_verbose("close log fd: %s", strerror(errno));
	b->pid = pid;
	b->running = 1;
	b->exited = 0;
	b->status = 0;
	b->polls = 0;
	b->starts++;
	b->ever_started = 1;
	b->t_start = ft_now();
	ft_verbose("started %s: pid %d, port %d", b->name, (int)pid, b->port);
}
