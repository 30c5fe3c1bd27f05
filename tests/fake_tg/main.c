/*
 * fake_tg/main.c — the driver: the step table, reading a scenario,
 * main. See fake_tg.h.
 */
#include "tests/fake_tg/fake_tg.h"

/* ---- Driver ---- */

/* A field for "dump calls": tabs, new lines and backslashes escaped. */
static void ft_dump_field(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '\t')
			fputs("\\t", f);
		else if (*s == '\n')
			fputs("\\n", f);
		else if (*s == '\\')
			fputs("\\\\", f);
		else
			fputc(*s, f);
	}
}

/* What tells one call of its method from another besides chat and text:
 * the document's file name, the edited message, the callback query. */
static void ft_dump_key(FILE *f, const struct ft_call *c)
{
	const cJSON *v = NULL;
	if (strcmp(c->method, "sendDocument") == 0) {
		const cJSON *doc = cJSON_GetObjectItemCaseSensitive(c->params, "document");
		v = cJSON_GetObjectItemCaseSensitive(doc, "filename");
	} else if (strcmp(c->method, "editMessageText") == 0 || strcmp(c->method, "editMessageReplyMarkup") == 0) {
		v = cJSON_GetObjectItemCaseSensitive(c->params, "message_id");
	} else if (strcmp(c->method, "answerCallbackQuery") == 0) {
		v = cJSON_GetObjectItemCaseSensitive(c->params, "callback_query_id");
	}
	if (cJSON_IsString(v))
		ft_dump_field(f, v->valuestring);
	else if (cJSON_IsNumber(v))
		fprintf(f, "%.0f", v->valuedouble);
	else
		fputc('-', f);
}

/* dump calls FILE: every call so far, one per line, for checks outside
 * the scenario language (tests/crash/): instance, its start count, call
 * number, method, chat (- for none), 1 when answered ok:true, the key
 * (ft_dump_key), the text or caption. */
static void ft_step_dump(char *args)
{
	char *what = ft_word(&args);
	char *path = ft_word(&args);
	if (!what || strcmp(what, "calls") != 0 || !path)
		ft_fail("'dump calls FILE' — got 'dump %s'", what ? what : "");
	FILE *f = fopen(path, "w");
	if (!f)
		ft_fail("to write %s — %s", path, strerror(errno));
	for (size_t i = 0; i < g.n_calls; i++) {
		const struct ft_call *c = g.calls[i];
		fprintf(f, "%s\t%d\t%d\t%s\t", c->bot->name, c->run, c->seq, c->method);
		if (c->has_chat)
			fprintf(f, "%" PRId64, c->chat);
		else
			fputc('-', f);
		fprintf(f, "\t%d\t", c->ok);
		ft_dump_key(f, c);
		fputc('\t', f);
		ft_dump_field(f, c->text);
		fputc('\n', f);
	}
	if (fclose(f) != 0)
		ft_fail("to write %s — %s", path, strerror(errno));
}

struct ft_step_def {
	const char *name;
	void (*fn)(char *args);
};

static const struct ft_step_def ft_steps[] = {
	{ "config", ft_step_config },
	{ "env", ft_step_env },
	{ "set", ft_step_set },
	{ "timescale", ft_step_timescale },
	{ "limits", ft_step_limits },
	{ "report", ft_step_report },
	{ "start", ft_step_start },
	{ "stop", ft_step_stop },
	{ "kill", ft_step_kill },
	{ "term", ft_step_term },
	{ "expect", ft_step_expect },
	{ "user", ft_step_user },
	{ "contact", ft_step_contact },
	{ "flood", ft_step_flood },
	{ "press", ft_step_press },
	{ "bot", ft_step_bot },
	{ "capture", ft_step_capture },
	{ "also", ft_step_also },
	{ "silent", ft_step_silent },
	{ "skip", ft_step_skip },
	{ "fault", ft_step_fault },
	{ "wait", ft_step_wait },
	{ "updates", ft_step_updates },
	{ "assert", ft_step_assert },
	{ "port", ft_step_port },
	{ "run", ft_step_run },
	{ "dump", ft_step_dump },
};

static void ft_load_scenario(void)
{
	FILE *f = fopen(g.scenario_path, "r");
	if (!f)
		ft_fail("a readable scenario file — %s: %s", g.scenario_path, strerror(errno));
	char *line = NULL;
	size_t cap = 0;
	int no = 0;
	while (getline(&line, &cap, f) >= 0) {
		no++;
		char *t = ft_trim(line);
		/* Only whole-line comments: '#' is common inside patterns. */
		if (!t[0] || t[0] == '#')
			continue;
		ft_grow(&g.lines, &g.cap_lines, g.n_lines + 1, sizeof *g.lines);
		g.lines[g.n_lines].no = no;
		g.lines[g.n_lines++].text = xstrdup(t);
	}
	free(line);
	if (ferror(f)) {
		fclose(f);
		ft_fail("a readable scenario file — read error on %s", g.scenario_path);
	}
	fclose(f);
	if (!g.n_lines)
		ft_fail("at least one step in %s — it has none", g.scenario_path);
}

static void ft_run_step(const struct ft_line *l)
{
	g.cur_line = l->no;
	char *s = ft_substitute(l->text);
	char *args = s;
	char *cmd = ft_word(&args);
	size_t i;
	for (i = 0; i < sizeof ft_steps / sizeof ft_steps[0]; i++)
		if (strcmp(cmd, ft_steps[i].name) == 0)
			break;
	if (i == sizeof ft_steps / sizeof ft_steps[0])
		ft_fail("a step (config, env, set, timescale, limits, report, start, stop, kill, term, expect, user, contact, press, bot, "
		    "capture, also, silent, skip, fault, wait, assert, port, run, dump) — got '%s'", cmd);
	ft_verbose("line %d: %s", l->no, l->text);
	ft_steps[i].fn(args);
	free(s);
	g.steps++;
}

/* After the last step: the bots must shut down cleanly and keep the token secret. */
static void ft_finish(void)
{
	g.cur_line = 0;
	for (size_t i = 0; i < g.n_faults; i++)
		g.faults[i].times = 0;
	for (size_t i = 0; i < g.n_bots; i++) {
		struct ft_bot *b = g.bots[i];
		if (!b->running)
			continue;
		b->must_run = 0;
		if (kill(b->pid, SIGTERM) != 0)
			ft_fail("to stop bot '%s' at the end — kill: %s", b->name, strerror(errno));
		if (!ft_wait_for(ft_pred_exited, b, FT_WAIT_STOP))
			ft_fail("bot '%s' to exit within %.0fs of SIGTERM at the end of the scenario — it did not",
			    b->name, FT_WAIT_STOP);
		if (!(WIFEXITED(b->status) && WEXITSTATUS(b->status) == 0)) {
			char d[96];
			ft_describe_status(b->status, d, sizeof d);
			ft_fail("bot '%s' to exit 0 on SIGTERM at the end of the scenario — it ended with %s", b->name, d);
		}
	}
	for (size_t i = 0; i < g.n_bots; i++) {
		struct ft_bot *b = g.bots[i];
		struct ft_bot whole = *b;
		whole.log_from = 0;
		char *s = ft_read_log(&whole);
		int leaked = strstr(s, FT_TOKEN_SECRET) != NULL;
		free(s);
		if (leaked)
			ft_fail("the bot token never to appear in %s — it does", b->log);
	}
}

static int ft_rm_cb(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	if (remove(path) != 0 && errno != ENOENT) {
		fprintf(stderr, "fake_tg: remove %s: %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}

static void ft_prepare_workdir(const char *dir)
{
	if (!dir[0] || strcmp(dir, "/") == 0 || strcmp(dir, ".") == 0 || strcmp(dir, "..") == 0)
		ft_fail("a dedicated --workdir — refusing to wipe '%s'", dir);
	struct stat st;
	if (lstat(dir, &st) == 0) {
		if (nftw(dir, ft_rm_cb, 16, FTW_DEPTH | FTW_PHYS) != 0)
			ft_fail("to clean the workdir %s — see the error above", dir);
	} else if (errno != ENOENT) {
		ft_fail("to clean the workdir %s — %s", dir, strerror(errno));
	}
	/* mkdir -p */
	char tmp[PATH_MAX];
	snprintf(tmp, sizeof tmp, "%s", dir);
	for (char *p = tmp + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(tmp, 0755) != 0 && errno != EEXIST)
			ft_fail("to create %s — %s", tmp, strerror(errno));
		*p = '/';
	}
	if (mkdir(tmp, 0755) != 0 && errno != EEXIST)
		ft_fail("to create %s — %s", tmp, strerror(errno));
	if (!realpath(dir, g.workdir))
		ft_fail("to resolve %s — %s", dir, strerror(errno));
}

void ft_cleanup(void)
{
	ft_kill_all();
	while (g.conns)
		ft_conn_close(g.conns, "shutdown");
	ft_conn_free_dead();
	for (size_t i = 0; i < g.n_bots; i++) {
		struct ft_bot *b = g.bots[i];
		if (b->lfd >= 0) {
			ev_io_stop(g.loop, &b->lw);
			close(b->lfd);
		}
		free(b);
	}
	free(g.bots);
	for (size_t i = 0; i < g.n_calls; i++) {
		free(g.calls[i]->body);
		free(g.calls[i]->text);
		cJSON_Delete(g.calls[i]->params);
		free(g.calls[i]);
	}
	free(g.calls);
	for (size_t i = 0; i < g.n_replies; i++) {
		free(g.replies[i].text);
		free(g.replies[i].buttons);
	}
	free(g.replies);
	for (size_t i = 0; i < g.n_msgs; i++) {
		free(g.msgs[i].text);
		cJSON_Delete(g.msgs[i].markup);
	}
	free(g.msgs);
	free(g.users);
	free(g.faults);
	for (size_t i = 0; i < g.n_updates; i++)
		free(g.updates[i].json);
	free(g.updates);
	free(g.cbqs);
	free(g.chat_limits);
	for (size_t i = 0; i < g.n_vars; i++)
		free(g.vars[i].value);
	free(g.vars);
	for (size_t i = 0; i < g.n_cfgs; i++)
		free(g.cfgs[i].value);
	free(g.cfgs);
	for (size_t i = 0; i < g.n_envs; i++) {
		free(g.envs[i].name);
		free(g.envs[i].value);
	}
	free(g.envs);
	for (size_t i = 0; i < g.n_lines; i++)
		free(g.lines[i].text);
	free(g.lines);
	free(g.lasts);
	g.n_lasts = 0;
	memset(&g.bots, 0, sizeof g.bots);
	g.n_bots = g.n_calls = g.n_replies = g.n_msgs = g.n_users = 0;
	g.n_faults = g.n_updates = g.n_cbqs = g.n_vars = g.n_cfgs = g.n_envs = g.n_lines = 0;
	if (g.loop) {
		ev_timer_stop(g.loop, &g.tick);
		ev_prepare_stop(g.loop, &g.prep);
		ev_signal_stop(g.loop, &g.sigint);
		ev_signal_stop(g.loop, &g.sigterm);
		ev_loop_destroy(g.loop);
		g.loop = NULL;
	}
}

static void ft_usage(void)
{
	fputs("usage: fake_tg --bot PATH --scenario FILE --workdir DIR [--time-scale N] [-v]\n"
	    "Runs one end-to-end scenario against the bot, playing the Telegram Bot API.\n"
	    "The scenario language is described in tests/scenarios/README.md.\n", stderr);
}

int main(int argc, char **argv)
{
	const char *workdir = NULL;
	/* cJSON's allocations abort when memory runs out, as the bot's do. */
	cJSON_InitHooks(&(cJSON_Hooks){ .malloc_fn = xmalloc, .free_fn = free });
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--bot") == 0 && i + 1 < argc) {
			g.bot_path = argv[++i];
		} else if (strcmp(argv[i], "--scenario") == 0 && i + 1 < argc) {
			g.scenario_path = argv[++i];
		} else if (strcmp(argv[i], "--workdir") == 0 && i + 1 < argc) {
			workdir = argv[++i];
		} else if (strcmp(argv[i], "--time-scale") == 0 && i + 1 < argc) {
			g.time_scale_max = atof(argv[++i]);
			if (!(g.time_scale_max >= 1 && g.time_scale_max <= 1000)) {
				fputs("fake_tg: --time-scale takes a number from 1 to 1000\n", stderr);
				return 2;
			}
		} else if (strcmp(argv[i], "-v") == 0 || strcmp(argv[i], "--verbose") == 0) {
			g.verbose = 1;
		} else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			ft_usage();
			return 0;
		} else {
			ft_usage();
			return 2;
		}
	}
	if (!g.bot_path || !g.scenario_path || !workdir) {
		ft_usage();
		return 2;
	}
	if (g.time_scale_max == 0)
		g.time_scale_max = 1000;
	g.time_scale = fmin(FT_TIME_SCALE, g.time_scale_max);
	const char *base = strrchr(g.scenario_path, '/');
	g.scenario_name = base ? base + 1 : g.scenario_path;
	g.t0 = clock_mono();
	g.next_update_id = 1000;
	g.next_mid = 1;
	g.allow_message = g.allow_callback = 1;
	/* Writes to a peer that went away must be an error, not a death. */
	signal(SIGPIPE, SIG_IGN);

	g.loop = ev_default_loop(EVFLAG_AUTO);
	if (!g.loop) {
		fputs("fake_tg: cannot initialise libev\n", stderr);
		return 1;
	}
	ev_timer_init(&g.tick, ft_tick_cb, FT_TICK, FT_TICK);
	ev_timer_start(g.loop, &g.tick);
	ev_prepare_init(&g.prep, ft_prepare_cb);
	ev_prepare_start(g.loop, &g.prep);
	ev_signal_init(&g.sigint, ft_signal_cb, SIGINT);
	ev_signal_start(g.loop, &g.sigint);
	ev_signal_init(&g.sigterm, ft_signal_cb, SIGTERM);
	ev_signal_start(g.loop, &g.sigterm);

	ft_prepare_workdir(workdir);
	ft_load_scenario();
	for (size_t i = 0; i < g.n_lines; i++)
		ft_run_step(&g.lines[i]);
	ft_finish();
	printf("PASS %s: %d steps, %zu calls, %zu updates, %.1fs\n", g.scenario_name, g.steps, g.n_calls,
	    g.n_updates, ft_now());
	fflush(stdout);
	ft_cleanup();
	return 0;
}
