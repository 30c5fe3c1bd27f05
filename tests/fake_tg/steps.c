/*
 * fake_tg/steps.c — the scenario steps that control processes, wait, and
 * assert over the recorded calls. See fake_tg.h.
 */
#include "tests/fake_tg/fake_tg.h"

/* ---- Process control steps ---- */

static int ft_pred_polled(void *arg)
{
	struct ft_bot *b = arg;
	return b->polls > 0 || !b->running;
}

static void ft_calls_of(struct buf *b, const struct ft_bot *bot, double since)
{
	int n = 0;
	for (size_t i = 0; i < g.n_calls; i++) {
		struct ft_call *c = g.calls[i];
		if (c->bot != bot || c->t < since)
			continue;
		buf_addf(b, "%s%s", n++ ? ", " : "", c->method);
	}
	if (!n)
		buf_adds(b, "none");
}

/* start [NAME] [nowait] [within D] */
void ft_step_start(char *args)
{
	double within = ft_take_within(args, "within", FT_WAIT_START);
	const char *name = "bot";
	int nowait = 0;
	char *w;
	while ((w = ft_word(&args)) != NULL) {
		if (strcmp(w, "nowait") == 0)
			nowait = 1;
		else
			name = w;
	}
	struct ft_bot *b = ft_bot_find(name);
	if (b && b->running)
		ft_fail("to start '%s' — it is already running (pid %d)", name, (int)b->pid);
	if (!b) {
		if (strlen(name) >= sizeof b->name || strchr(name, '/'))
			ft_fail("a short instance name without '/' — got %s", name);
		b = xcalloc(1, sizeof *b);
		snprintf(b->name, sizeof b->name, "%s", name);
		b->lfd = -1;
		if (snprintf(b->conf, sizeof b->conf, "%s/%s.conf", g.workdir, name) >= (int)sizeof b->conf ||
		    snprintf(b->log, sizeof b->log, "%s/%s.log", g.workdir, name) >= (int)sizeof b->log)
			ft_fail("a shorter --workdir — paths under it are too long");
		ft_grow(&g.bots, &g.cap_bots, g.n_bots + 1, sizeof *g.bots);
		g.bots[g.n_bots++] = b;
		ft_bot_listen(b);
	}
	ft_bot_spawn(b);
	if (nowait)
		return;
	if (!ft_wait_for(ft_pred_polled, b, within) || !b->running) {
		struct buf calls = { 0 };
		ft_calls_of(&calls, b, b->t_start);
		char d[96] = "";
		if (b->exited)
			ft_describe_status(b->status, d, sizeof d);
		if (b->exited)
			ft_fail("bot '%s' to start and call getUpdates — it exited (%s) after %.1fs; calls it made: %s",
			    name, d, b->t_exit - b->t_start, calls.s);
		ft_fail("bot '%s' to call getUpdates within %.1fs of its start — it did not; calls it made: %s",
		    name, within, calls.s);
	}
	b->must_run = 1;
}

/* The bot named by the next word, or "bot" when there is none. */
static struct ft_bot *ft_bot_arg(char **args)
{
	char *w = ft_word(args);
	return ft_bot_get(w ? w : "bot");
}

/* Like ft_bot_arg, but the next word is consumed only if it names a bot. */
static struct ft_bot *ft_bot_opt(char **args)
{
	char *s = *args;
	while (*s && isspace((unsigned char)*s))
		s++;
	size_t n = strcspn(s, " \t");
	for (size_t i = 0; n && i < g.n_bots; i++) {
		if (strlen(g.bots[i]->name) == n && strncmp(s, g.bots[i]->name, n) == 0) {
			*args = s + n;
			return g.bots[i];
		}
	}
	return ft_bot_get("bot");
}

int ft_pred_exited(void *arg)
{
	return !((struct ft_bot *)arg)->running;
}

static void ft_signal_bot(struct ft_bot *b, int sig)
{
	if (!b->running)
		ft_fail("bot '%s' to be running to send it signal %d — it is not", b->name, sig);
	b->must_run = 0;
	ft_verbose("signal %d to %s (pid %d)", sig, b->name, (int)b->pid);
	if (kill(b->pid, sig) != 0)
		ft_fail("to signal bot '%s' — kill: %s", b->name, strerror(errno));
	if (sig == SIGKILL && !ft_wait_for(ft_pred_exited, b, 5.0))
		ft_fail("bot '%s' to die of SIGKILL within 5s — it did not", b->name);
}

/* kill [-9|-KILL|-TERM|-INT|-HUP] [NAME] */
void ft_step_kill(char *args)
{
	int sig = SIGKILL;
	char *s = args;
	while (*s && isspace((unsigned char)*s))
		s++;
	if (*s == '-') {
		char *w = ft_word(&args);
		const char *n = w + 1;
		if (strcmp(n, "9") == 0 || strcmp(n, "KILL") == 0)
			sig = SIGKILL;
		else if (strcmp(n, "15") == 0 || strcmp(n, "TERM") == 0)
			sig = SIGTERM;
		else if (strcmp(n, "2") == 0 || strcmp(n, "INT") == 0)
			sig = SIGINT;
		else if (strcmp(n, "1") == 0 || strcmp(n, "HUP") == 0)
			sig = SIGHUP;
		else
			ft_fail("a signal -9, -TERM, -INT or -HUP — got %s", w);
	}
	ft_signal_bot(ft_bot_arg(&args), sig);
}

void ft_step_term(char *args)
{
	ft_signal_bot(ft_bot_arg(&args), SIGTERM);
}

/* Does status st satisfy "CODE", "nonzero", "any" or "signal=N"? */
static int ft_exit_matches(const char *want, int st)
{
	if (strcmp(want, "any") == 0)
		return 1;
	if (strcmp(want, "nonzero") == 0)
		return !(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	if (strncmp(want, "signal=", 7) == 0)
		return WIFSIGNALED(st) && WTERMSIG(st) == atoi(want + 7);
	int64_t code;
	if (parse_i64(want, &code) != 0)
		ft_fail("an exit code, nonzero, any or signal=N — got %s", want);
	return WIFEXITED(st) && WEXITSTATUS(st) == code;
}

static void ft_expect_exit(struct ft_bot *b, const char *want, double within)
{
	b->must_run = 0;
	if (!ft_wait_for(ft_pred_exited, b, within))
		ft_fail("bot '%s' to exit (%s) within %.1fs — it is still running", b->name, want, within);
	if (!ft_exit_matches(want, b->status)) {
		char d[96];
		ft_describe_status(b->status, d, sizeof d);
		ft_fail("bot '%s' to exit with %s — it ended with %s", b->name, want, d);
	}
}

/* Read the log written since the instance's last start. */
char *ft_read_log(const struct ft_bot *b)
{
	FILE *f = fopen(b->log, "r");
	if (!f)
		return xstrdup("");
	struct buf buf = { 0 };
	if (fseeko(f, b->log_from, SEEK_SET) == 0) {
		char chunk[8192];
		size_t n;
		while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
			buf_add(&buf, chunk, n);
	}
	fclose(f);
	if (!buf.s)
		buf_adds(&buf, "");
	return buf.s;
}

struct ft_logwait {
	struct ft_bot *bot;
	struct ft_pat *pat;
};

static int ft_pred_log(void *arg)
{
	struct ft_logwait *lw = arg;
	char *s = ft_read_log(lw->bot);
	int m = ft_pat_match(lw->pat, s, NULL, 0);
	free(s);
	return m;
}

/*
 * expect exit [NAME] CODE [within D]
 * expect log|stderr [NAME] PATTERN [within D]
 */
void ft_step_expect(char *args)
{
	char *what = ft_word(&args);
	if (!what)
		ft_fail("'expect exit' or 'expect log' — got nothing");
	if (strcmp(what, "exit") == 0) {
		double within = ft_take_within(args, "within", FT_WAIT_DEFAULT);
		char *a = ft_word(&args), *b2 = ft_word(&args);
		if (!a)
			ft_fail("an exit code after 'expect exit' — got nothing");
		struct ft_bot *b = ft_bot_get(b2 ? a : "bot");
		ft_expect_exit(b, b2 ? b2 : a, within);
		return;
	}
	if (strcmp(what, "log") == 0 || strcmp(what, "stderr") == 0) {
		struct ft_bot *b = ft_bot_opt(&args);
		char *pattern = ft_trim(args);
		struct ft_pat pat;
		ft_pat_parse(pattern, &pat);
		double within = ft_take_within(pattern, "within", pat.neg ? 0 : FT_WAIT_DEFAULT);
		ft_pat_release(&pat);
		ft_pat_parse(pattern, &pat);
		struct ft_logwait lw = { b, &pat };
		int hit = ft_wait_for(ft_pred_log, &lw, within);
		if (pat.neg && hit)
			ft_fail("the log of '%s' not to match %s — it does (see the tail below)", b->name, pat.src + 1);
		if (!pat.neg && !hit)
			ft_fail("the log of '%s' (since its last start) to match %s within %.1fs — it does not",
			    b->name, pat.src, within);
		ft_pat_release(&pat);
		return;
	}
	ft_fail("'expect exit' or 'expect log' — got 'expect %s'", what);
}

/* stop [NAME]: SIGTERM, then it must exit 0 within 15 s. */
void ft_step_stop(char *args)
{
	double within = ft_take_within(args, "within", FT_WAIT_STOP);
	struct ft_bot *b = ft_bot_arg(&args);
	ft_signal_bot(b, SIGTERM);
	ft_expect_exit(b, "0", within);
}

/* ---- Waits and assertions over the recorded calls ---- */

struct ft_filter {
	char methods[8][64];
	int n_methods;
	int has_chat;
	int64_t chat;
	int outcome;           /* 0 any, 1 ok, 2 failed */
	char from[32];         /* instance name, "" for any */
	char src[256];         /* as written, for messages */
	int cmp;               /* 0 ==, 1 >=, 2 <= */
	long count;
	int has_count;
	int has_text;
	struct ft_pat text;
};

static int ft_filter_method(const struct ft_filter *f, const char *m)
{
	for (int i = 0; i < f->n_methods; i++)
		if (strcmp(f->methods[i], "*") == 0 || strcmp(f->methods[i], m) == 0)
			return 1;
	return 0;
}

static int ft_filter_call(const struct ft_filter *f, const struct ft_call *c)
{
	if (!ft_filter_method(f, c->method))
		return 0;
	if (f->has_chat && (!c->has_chat || c->chat != f->chat))
		return 0;
	if (f->outcome == 1 && !c->ok)
		return 0;
	/* Failed: answered with an error, or faulted (dropped, hung). */
	if (f->outcome == 2 && (c->ok || !(c->status || c->fault)))
		return 0;
	if (f->from[0] && strcmp(c->bot->name, f->from) != 0)
		return 0;
	if (f->has_text) {
		int m = ft_pat_match(&f->text, c->text ? c->text : "", NULL, 0);
		if (m == f->text.neg)
			return 0;
	}
	return 1;
}

/* METHOD[,METHOD] [chat=ID] [from=NAME] [ok|failed|any] [count=N|count>=N|count<=N] [text PATTERN] */
static void ft_filter_parse(char *args, struct ft_filter *f, int need_count)
{
	memset(f, 0, sizeof *f);
	snprintf(f->src, sizeof f->src, "%s", ft_trim(args));
	char *t = strstr(args, " text ");
	if (t) {
		*t = '\0';
		ft_pat_parse(ft_trim(t + 6), &f->text);
		f->has_text = 1;
	}
	char *ms = ft_word(&args);
	if (!ms)
		ft_fail("a method name — got nothing");
	for (char *tok = strtok(ms, ","); tok; tok = strtok(NULL, ",")) {
		if (f->n_methods == 8)
			ft_fail("at most 8 methods — got more");
		snprintf(f->methods[f->n_methods++], sizeof f->methods[0], "%s", tok);
	}
	char *w;
	while ((w = ft_word(&args)) != NULL) {
		if (strncmp(w, "chat=", 5) == 0) {
			f->chat = ft_need_i64(w + 5, "chat=ID");
			f->has_chat = 1;
		} else if (strncmp(w, "from=", 5) == 0) {
			snprintf(f->from, sizeof f->from, "%s", w + 5);
		} else if (strcmp(w, "ok") == 0) {
			f->outcome = 1;
		} else if (strcmp(w, "failed") == 0) {
			f->outcome = 2;
		} else if (strcmp(w, "any") == 0) {
			f->outcome = 0;
		} else if (strncmp(w, "count>=", 7) == 0) {
			f->cmp = 1;
			f->count = (long)ft_need_i64(w + 7, "count>=N");
			f->has_count = 1;
		} else if (strncmp(w, "count<=", 7) == 0) {
			f->cmp = 2;
			f->count = (long)ft_need_i64(w + 7, "count<=N");
			f->has_count = 1;
		} else if (strncmp(w, "count=", 6) == 0) {
			f->cmp = 0;
			f->count = (long)ft_need_i64(w + 6, "count=N");
			f->has_count = 1;
		} else {
			ft_fail("chat=, from=, ok, failed, any, count=/count>=/count<= or 'text PATTERN' — got %s", w);
		}
	}
	if (need_count && !f->has_count)
		ft_fail("count=N, count>=N or count<=N — got none");
}

static long ft_filter_count(const struct ft_filter *f)
{
	long n = 0;
	for (size_t i = 0; i < g.n_calls; i++)
		if (ft_filter_call(f, g.calls[i]))
			n++;
	return n;
}

static int ft_count_ok(const struct ft_filter *f, long n)
{
	switch (f->cmp) {
	case 1: return n >= f->count;
	case 2: return n <= f->count;
	default: return n == f->count;
	}
}

static int ft_pred_calls(void *arg)
{
	struct ft_filter *f = arg;
	return ft_count_ok(f, ft_filter_count(f));
}

static const char *ft_cmp_str(int cmp)
{
	return cmp == 1 ? ">=" : cmp == 2 ? "<=" : "=";
}

/* Collect the times of the matching calls (sorted: calls are in order). */
static size_t ft_filter_times(const struct ft_filter *f, double **out)
{
	size_t n = 0;
	*out = xcalloc(g.n_calls + 1, sizeof **out);
	for (size_t i = 0; i < g.n_calls; i++)
		if (ft_filter_call(f, g.calls[i]))
			(*out)[n++] = g.calls[i]->t;
	return n;
}

/* assert gap METHOD >= D after-fault */
static void ft_assert_gap(char *args)
{
	char *method = ft_word(&args);
	char *ge = ft_word(&args);
	char *dur = ft_word(&args);
	char *mode = ft_word(&args);
	if (!method || !ge || strcmp(ge, ">=") != 0 || !dur)
		ft_fail("'assert gap METHOD >= DURATION [after-fault]' — got something else");
	double want = ft_parse_duration(dur);
	if (want < 0)
		ft_fail("a duration — got %s", dur);
	int after_fault = mode && strcmp(mode, "after-fault") == 0;
	if (mode && !after_fault)
		ft_fail("'after-fault' or nothing — got %s", mode);
	int checked = 0;
	for (size_t i = 0; i < g.n_calls; i++) {
		struct ft_call *c = g.calls[i];
		if (strcmp(c->method, method) != 0)
			continue;
		if (after_fault && !(c->fault && c->t_resp > 0))
			continue;
		double from = after_fault ? c->t_resp : c->t;
		/* The next call of the method to the same chat (or any, without chats). */
		struct ft_call *nx = NULL;
		for (size_t j = i + 1; j < g.n_calls; j++) {
			struct ft_call *d = g.calls[j];
			if (strcmp(d->method, method) == 0 && d->has_chat == c->has_chat && (!c->has_chat || d->chat == c->chat) &&
			    d->bot == c->bot) {
				nx = d;
				break;
			}
		}
		if (!nx) {
			if (after_fault)
				ft_fail("call #%d (%s, %s) to be retried — no later %s call came", c->seq, method, c->outcome, method);
			continue;
		}
		checked++;
		double gap = ft_bot_time(nx->t - from);
		if (gap + ft_bot_time(fmax(ft_real(FT_TIME_SLACK), FT_TIME_SLACK_REAL)) < want)
			ft_fail("%s calls at least %.1fs apart%s — #%d came %.3fs after #%d (%s)", method, want,
			    after_fault ? " after a fault" : "", nx->seq, gap, c->seq, c->outcome);
	}
	if (after_fault && !checked)
		ft_fail("at least one faulted %s call to check — there was none (did the fault fire?)", method);
}

/*
 * assert rate METHODS [chat=ID] max=R/s [burst=B]
 * Sustained rate (n-B)/(t_last-t_first): a token bucket of B messages sends
 * B at once and then R per second, so B=1 (the default) allows no burst.
 */
static void ft_assert_rate(char *args)
{
	long burst = 1;
	char *bp = strstr(args, " burst=");
	if (bp) {
		*bp = '\0';
		burst = (long)ft_need_i64(ft_trim(bp + 7), "burst=N");
		if (burst < 1)
			ft_fail("burst=N with N >= 1 — got %ld", burst);
	}
	char *m = strstr(args, " max=");
	if (!m)
		ft_fail("max=R/s — got none");
	*m = '\0';
	char *ms = m + 5;
	char *slash = strstr(ms, "/s");
	if (!slash)
		ft_fail("max=R/s — got max=%s", ms);
	*slash = '\0';
	double max = atof(ms);
	if (max <= 0)
		ft_fail("a positive rate — got %s", ms);
	struct ft_filter f;
	ft_filter_parse(args, &f, 0);
	double *t;
	size_t n = ft_filter_times(&f, &t);
	if ((long)n > burst) {
		double span = ft_bot_time(t[n - 1] - t[0]);
		double rate = span > 0 ? (double)((long)n - burst) / span : INFINITY;
		if (rate > max)
			ft_fail("at most %.2f calls/s sustained after a burst of %ld — %zu calls in %.3fs = %.2f/s",
			    max, burst, n, span, rate);
	}
	free(t);
	if (f.has_text)
		ft_pat_release(&f.text);
}

/* assert window METHODS [chat=ID] max=N per=D */
static void ft_assert_window(char *args)
{
	char *m = strstr(args, " max=");
	if (!m)
		ft_fail("max=N per=D — got no max=");
	*m = '\0';
	char *rest = m + 1;
	long max = -1;
	double per = 1.0;
	char *w;
	while ((w = ft_word(&rest)) != NULL) {
		if (strncmp(w, "max=", 4) == 0)
			max = (long)ft_need_i64(w + 4, "max=N");
		else if (strncmp(w, "per=", 4) == 0 && (per = ft_parse_duration(w + 4)) > 0)
			continue;
		else
			ft_fail("max=N per=DURATION — got %s", w);
	}
	struct ft_filter f;
	ft_filter_parse(args, &f, 0);
	double *t;
	size_t n = ft_filter_times(&f, &t);
	for (size_t i = 0, j = 0; i < n; i++) {
		while (ft_bot_time(t[i] - t[j]) >= per)
			j++;
		if ((long)(i - j + 1) > max)
			ft_fail("at most %ld calls in any %.1fs — %zu calls between %.3fs and %.3fs (real time)", max, per,
			    i - j + 1, t[j], t[i]);
	}
	free(t);
	if (f.has_text)
		ft_pat_release(&f.text);
}

/* assert maxlen METHODS <= N */
static void ft_assert_maxlen(char *args)
{
	char *ms = ft_word(&args);
	char *le = ft_word(&args);
	char *nw = ft_word(&args);
	if (!ms || !le || strcmp(le, "<=") != 0 || !nw)
		ft_fail("'assert maxlen METHOD <= N' — got something else");
	long max = (long)ft_need_i64(nw, "a length");
	struct ft_filter f;
	char mcopy[512];
	snprintf(mcopy, sizeof mcopy, "%s", ms);
	ft_filter_parse(mcopy, &f, 0);
	for (size_t i = 0; i < g.n_calls; i++) {
		struct ft_call *c = g.calls[i];
		if (!ft_filter_call(&f, c) || !c->text)
			continue;
		const cJSON *pm = cJSON_GetObjectItemCaseSensitive(c->params, "parse_mode");
		int html = cJSON_IsString(pm) && strcasecmp(pm->valuestring, "HTML") == 0;
		char err[300];
		long len = ft_text_len(c->text, html, err, sizeof err);
		if (len < 0)
			len = ft_text_len(c->text, 0, err, sizeof err);
		if (len > max)
			ft_fail("every %s text at most %ld characters — call #%d has %ld", ms, max, c->seq, len);
	}
}

void ft_step_assert(char *args)
{
	char *what = ft_word(&args);
	if (!what)
		ft_fail("an assertion — got nothing");
	if (strcmp(what, "calls") == 0) {
		struct ft_filter f;
		ft_filter_parse(args, &f, 1);
		long n = ft_filter_count(&f);
		if (!ft_count_ok(&f, n))
			ft_fail("%s — got %ld such call(s)", f.src, n);
		if (f.has_text)
			ft_pat_release(&f.text);
	} else if (strcmp(what, "gap") == 0) {
		ft_assert_gap(args);
	} else if (strcmp(what, "rate") == 0) {
		ft_assert_rate(args);
	} else if (strcmp(what, "window") == 0) {
		ft_assert_window(args);
	} else if (strcmp(what, "maxlen") == 0) {
		ft_assert_maxlen(args);
	} else if (strcmp(what, "callbacks") == 0) {
		char *w = ft_word(&args);
		if (!w || strcmp(w, "answered") != 0)
			ft_fail("'assert callbacks answered' — got something else");
		for (size_t i = 0; i < g.n_cbqs; i++)
			if (g.cbqs[i].answers < 1)
				ft_fail("the callback query %s (pressed on line %d) to be answered — it was not",
				    g.cbqs[i].id, g.cbqs[i].line);
	} else if (strcmp(what, "confirmed") == 0) {
		for (size_t i = 0; i < g.n_updates; i++)
			if (!g.updates[i].confirmed)
				ft_fail("every update confirmed (a later getUpdates with a higher offset) — update %" PRId64
				    " (line %d) is not", g.updates[i].id, g.updates[i].line);
	} else if (strcmp(what, "replies") == 0) {
		/* assert replies UID PATTERN count=N */
		int64_t chat = ft_need_i64(ft_word(&args), "a chat id");
		char *cnt = strrchr(args, ' ');
		if (!cnt || strncmp(cnt + 1, "count", 5) != 0)
			ft_fail("'assert replies UID PATTERN count=N' — no count at the end");
		*cnt = '\0';
		struct ft_filter f;
		char cbuf[64];
		snprintf(cbuf, sizeof cbuf, "x %s", cnt + 1);
		ft_filter_parse(cbuf, &f, 1);
		struct ft_pat pat;
		ft_pat_parse(ft_trim(args), &pat);
		long n = 0;
		for (size_t i = 0; i < g.n_replies; i++)
			if (g.replies[i].chat == chat && g.replies[i].kind != 1 &&
			    ft_pat_match(&pat, ft_reply_subject(&pat, &g.replies[i]), NULL, 0) != pat.neg)
				n++;
		if (!ft_count_ok(&f, n)) {
			struct buf b = { 0 };
			ft_describe_replies(&b, chat);
			ft_fail("%s %ld message(s) to %" PRId64 " matching %s — got %ld:%s", ft_cmp_str(f.cmp), f.count,
			    chat, pat.src, n, b.s);
		}
		ft_pat_release(&pat);
	} else {
		ft_fail("calls, replies, gap, rate, window, maxlen, callbacks or confirmed after 'assert' — got %s", what);
	}
}

static int ft_pred_delivered(void *arg)
{
	(void)arg;
	for (size_t i = 0; i < g.n_updates; i++)
		if (!g.updates[i].confirmed && !g.updates[i].delivered)
			return 0;
	return 1;
}

static int ft_pred_confirmed(void *arg)
{
	(void)arg;
	for (size_t i = 0; i < g.n_updates; i++)
		if (!g.updates[i].confirmed)
			return 0;
	return 1;
}

static int ft_pred_polling(void *arg)
{
	struct ft_bot *b = arg;
	for (struct ft_conn *c = g.conns; c; c = c->next)
		if (!c->dead && c->bot == b && c->held == FT_HOLD_POLL)
			return 1;
	return 0;
}

/*
 * wait D | wait delivered|confirmed [within D] | wait idle [NAME] [within D]
 * wait calls FILTER [within D]
 */
void ft_step_wait(char *args)
{
	double d = ft_parse_duration(ft_trim(args));
	if (d >= 0) {
		ft_wait_for(NULL, NULL, ft_real(d));
		return;
	}
	double within = ft_take_within(args, "within", FT_WAIT_DEFAULT);
	char *what = ft_word(&args);
	if (!what)
		ft_fail("'wait DURATION' or 'wait delivered|confirmed|idle|calls' — got nothing");
	if (strcmp(what, "delivered") == 0) {
		if (!ft_wait_for(ft_pred_delivered, NULL, within))
			ft_fail("every queued update delivered by getUpdates within %.1fs — some were not", within);
	} else if (strcmp(what, "confirmed") == 0) {
		if (!ft_wait_for(ft_pred_confirmed, NULL, within))
			ft_fail("every queued update confirmed within %.1fs — some were not", within);
	} else if (strcmp(what, "idle") == 0) {
		struct ft_bot *b = ft_bot_arg(&args);
		if (!ft_wait_for(ft_pred_polling, b, within))
			ft_fail("bot '%s' to be waiting in getUpdates within %.1fs — it was not", b->name, within);
	} else if (strcmp(what, "calls") == 0) {
		struct ft_filter f;
		ft_filter_parse(args, &f, 1);
		if (!ft_wait_for(ft_pred_calls, &f, within))
			ft_fail("%s within %.1fs — got %ld such call(s)", f.src, within, ft_filter_count(&f));
		if (f.has_text)
			ft_pat_release(&f.text);
	} else {
		ft_fail("'wait DURATION' or 'wait delivered|confirmed|idle|calls' — got 'wait %s'", what);
	}
}

/* updates restart ID: later updates are numbered from ID (lower than before). */
void ft_step_updates(char *args)
{
	char *what = ft_word(&args);
	char *id = ft_word(&args);
	if (!what || strcmp(what, "restart") != 0 || !id)
		ft_fail("'updates restart ID' — got 'updates %s'", what ? what : "");
	int64_t v = ft_need_i64(id, "an update id");
	if (v < 1 || v >= g.next_update_id)
		ft_fail("an update id from 1 to %" PRId64 " (below the ids so far) — got %" PRId64,
		    g.next_update_id - 1, v);
	for (size_t i = 0; i < g.n_updates; i++)
		if (!g.updates[i].confirmed)
			ft_fail("every update confirmed before 'updates restart' — update %" PRId64 " is not",
			    g.updates[i].id);
	g.next_update_id = v;
}

/* config SECTION.KEY = VALUE | config SECTION.KEY = (nothing: remove) */
void ft_step_config(char *args)
{
	char *eq = strchr(args, '=');
	if (!eq)
		ft_fail("'config SECTION.KEY = VALUE' — no '='");
	*eq = '\0';
	char *lhs = ft_trim(args), *val = ft_trim(eq + 1);
	char *dot = strchr(lhs, '.');
	if (!dot || dot == lhs || !dot[1])
		ft_fail("SECTION.KEY before '=' — got %s", lhs);
	*dot = '\0';
	ft_grow(&g.cfgs, &g.cap_cfgs, g.n_cfgs + 1, sizeof *g.cfgs);
	struct ft_cfg *c = &g.cfgs[g.n_cfgs++];
	snprintf(c->section, sizeof c->section, "%s", lhs);
	snprintf(c->key, sizeof c->key, "%s", dot + 1);
	c->value = val[0] ? xstrdup(val) : NULL;
}

/* env NAME=VALUE | env NAME (unset) — for bots started later. */
void ft_step_env(char *args)
{
	char *s = ft_trim(args);
	char *eq = strchr(s, '=');
	ft_grow(&g.envs, &g.cap_envs, g.n_envs + 1, sizeof *g.envs);
	struct ft_env *e = &g.envs[g.n_envs++];
	e->name = eq ? xstrndup(s, (size_t)(eq - s)) : xstrdup(s);
	e->value = eq ? xstrdup(eq + 1) : NULL;
}

/* limits on|off: answer 429 beyond Telegram's limits, as it does. */
void ft_step_limits(char *args)
{
	char *w = ft_word(&args);
	if (!w || (strcmp(w, "on") != 0 && strcmp(w, "off") != 0) || ft_word(&args))
		ft_fail("'limits on' or 'limits off' — got '%s'", w ? w : "");
	g.limits = strcmp(w, "on") == 0;
}

/*
 * report FILTER: print how many matching calls succeeded, their rate from
 * the first to the last (in the bots' time) and how many got 429 (for
 * benchmarks: it asserts nothing).
 */
void ft_step_report(char *args)
{
	struct ft_filter f;
	ft_filter_parse(args, &f, 0);
	f.outcome = 0;
	long ok = 0, flood = 0;
	double first = 0, last = 0;
	for (size_t i = 0; i < g.n_calls; i++) {
		const struct ft_call *c = g.calls[i];
		if (!ft_filter_call(&f, c))
			continue;
		if (c->status == 429)
			flood++;
		if (!c->ok)
			continue;
		if (ok++ == 0)
			first = c->t;
		last = c->t;
	}
	double span = ft_bot_time(last - first);
	printf("REPORT %s: %ld ok in %.3f s = %.2f/s, %ld answered 429\n", f.src, ok, span,
	    ok > 1 && span > 0 ? (double)(ok - 1) / span : 0.0, flood);
	fflush(stdout);
	if (f.has_text)
		ft_pat_release(&f.text);
}

/* timescale N: the bots' clock runs N times faster (1: real time). */
void ft_step_timescale(char *args)
{
	char *w = ft_word(&args);
	double scale = w ? atof(w) : 0;
	if (!(scale >= 1 && scale <= 1000) || ft_word(&args))
		ft_fail("'timescale N' with N from 1 to 1000 — got '%s'", w ? w : "");
	if (g.n_bots > 0)
		ft_fail("'timescale' before the first 'start' — a bot was started already");
	g.time_scale = fmin(scale, g.time_scale_max);
}

/* set VAR = VALUE */
void ft_step_set(char *args)
{
	char *eq = strchr(args, '=');
	if (!eq)
		ft_fail("'set VAR = VALUE' — no '='");
	*eq = '\0';
	ft_var_set(ft_trim(args), ft_trim(eq + 1));
}

/* port VAR: a free loopback TCP port in ${VAR}, for a server of the bot's. */
void ft_step_port(char *args)
{
	char *name = ft_word(&args), num[16];
	struct sockaddr_in a;
	socklen_t al = sizeof a;
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (!name)
		ft_fail("'port VAR' — no variable name");
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof a) != 0 ||
	    getsockname(fd, (struct sockaddr *)&a, &al) != 0)
		ft_fail("a free loopback port — %s", strerror(errno));
	close(fd);
	snprintf(num, sizeof num, "%d", ntohs(a.sin_port));
	ft_var_set(name, num);
}

struct ft_run {
	pid_t pid;
	int status;
};

static int ft_pred_run(void *arg)
{
	struct ft_run *r = arg;
	return waitpid(r->pid, &r->status, WNOHANG) == r->pid;
}

/*
 * run CMD [within D]: /bin/sh -c CMD must exit 0 within D (default 10s);
 * the server keeps serving meanwhile. Its output goes to <workdir>/run.out
 * and is shown when it fails. CMD sees FT_WORKDIR (the workdir) and
 * FT_SCENARIO_DIR (the scenario file's folder, for a script kept beside it).
 */
void ft_step_run(char *args)
{
	double within = ft_take_within(args, "within", FT_WAIT_DEFAULT);
	char out[PATH_MAX + 16];
	struct ft_run r = { 0, 0 };

	snprintf(out, sizeof out, "%s/run.out", g.workdir);
	r.pid = fork();
	if (r.pid < 0)
		ft_fail("to run a command — fork: %s", strerror(errno));
	if (r.pid == 0) {
		int fd = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
		const char *slash = strrchr(g.scenario_path, '/');
		char dir[PATH_MAX];

		if (fd >= 0) {
			dup2(fd, 1);
			dup2(fd, 2);
		}
		snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - g.scenario_path) : 1,
		    slash ? g.scenario_path : ".");
		setenv("FT_WORKDIR", g.workdir, 1);
		setenv("FT_SCENARIO_DIR", dir, 1);
		execl("/bin/sh", "sh", "-c", args, (char *)NULL);
		_exit(127);
	}
	if (!ft_wait_for(ft_pred_run, &r, within)) {
		kill(r.pid, SIGKILL);
		waitpid(r.pid, NULL, 0);
		ft_fail("'%s' to finish within %.1fs — it did not", args, within);
	}
	if (!WIFEXITED(r.status) || WEXITSTATUS(r.status) != 0) {
		char shown[2048] = "";
		FILE *f = fopen(out, "r");
		if (f) {
			shown[fread(shown, 1, sizeof shown - 1, f)] = '\0';
			fclose(f);
		}
		ft_fail("'%s' to exit 0 — status %d; its output:\n%s", args, r.status, shown);
	}
}
