/*
 * fake_tg.c — a fake Telegram Bot API server and the end-to-end scenario
 * runner for bjjbot, in one single-threaded C11 program.
 *
 * Why one program: the scenario steps ("user 200 > /help", "bot 200 <
 * ~commands") and the HTTP server share one state (queued updates, recorded
 * calls, injected faults) and must interleave deterministically. The runner
 * executes the steps in order; whenever a step has to wait, it turns the
 * libev loop, so the server keeps answering the bot while the runner waits.
 * Every wait has a deadline, so a broken bot fails a scenario, never hangs it.
 *
 * The server speaks just enough HTTP/1.1 for libcurl: keep-alive, several
 * connections, Content-Length bodies, "Expect: 100-continue"; chunked
 * request bodies are refused with 411. It implements the Bot API methods
 * bjjbot uses, long polling with Telegram's offset/redelivery rules, the
 * checks of the real server that catch real bugs (HTML entity parsing, the
 * 4096-character limit, 64-byte callback_data, "message is not modified",
 * stale callback query ids), and injected faults (HTTP errors with
 * retry_after, dropped, reset, hanging and delayed requests, non-JSON and
 * cut-off bodies).
 *
 * Each bot instance gets its own listening port, so every request is
 * attributed to the instance that made it (needed when two bots run at once).
 *
 * Usage: fake_tg --bot PATH --scenario FILE --workdir DIR [--time-scale N] [-v]
 * The scenario language is documented in tests/scenarios/README.md.
 * Exit status: 0 when every step passed, 1 on a failure, 2 on a usage error.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <netinet/in.h>
#include <regex.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <ev.h>

#define FT_TOKEN "123456:TEST-token-abcdefghijklmnopqrstuvwxyz0123"
/* The secret half of the token: it must never show up in a bot log. */
#define FT_TOKEN_SECRET "TEST-token-abcdefghijklmnopqrstuvwxyz0123"
#define FT_BOT_ID 999
#define FT_BOT_USERNAME "bjj_test_bot"

#define FT_WAIT_DEFAULT 10.0    /* a reply, a call, an exit */
#define FT_WAIT_NEGATIVE 2.0    /* "nothing like this arrives" */
#define FT_WAIT_START 15.0      /* spawn to first getUpdates (sanitizer builds are slow) */
#define FT_WAIT_STOP 15.0       /* SIGTERM to exit, including the outbox drain */
#define FT_TICK 0.01            /* the runner re-checks its conditions this often */
#define FT_MAX_HEADER (64 * 1024)
#define FT_MAX_BODY (64 * 1024 * 1024)
#define FT_TEXT_LIMIT 4096
#define FT_CALLBACK_DATA_LIMIT 64
#define FT_LOG_TAIL_LINES 40
#define FT_CALLS_DUMP 60
/* Timestamps are taken on our side of the socket; allow for that slack
 * (in the bots' time), and never less than FT_TIME_SLACK_REAL seconds. */
#define FT_TIME_SLACK 0.1
#define FT_TIME_SLACK_REAL 0.05
/* The bots' clock runs this many times faster unless a scenario or
 * --time-scale says otherwise (see "Time" in tests/scenarios/README.md). */
#define FT_TIME_SCALE 10.0
/* Telegram's flood limits, when a scenario turns them on ("limits on"):
 * messages overall in any second, and per chat a bucket of FT_LIMIT_BURST
 * refilled at FT_LIMIT_CHAT_RATE a second (short bursts are tolerated). */
#define FT_LIMIT_GLOBAL 30
#define FT_LIMIT_CHAT_RATE 1.0
#define FT_LIMIT_BURST 4.0

/* ------------------------------------------------------------------ */
/* Small utilities                                                     */
/* ------------------------------------------------------------------ */

struct ft_buf {
	char *p;
	size_t len, cap;
};

static void ft_oom(void)
{
	/* No recovery is possible; children die with us (PR_SET_PDEATHSIG). */
	fputs("fake_tg: out of memory\n", stderr);
	abort();
}

static void *ft_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		ft_oom();
	return p;
}

static void *ft_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		ft_oom();
	return p;
}

static void *ft_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		ft_oom();
	return q;
}

static char *ft_xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = ft_xmalloc(n);
	memcpy(d, s, n);
	return d;
}

static char *ft_xstrndup(const char *s, size_t n)
{
	char *d = ft_xmalloc(n + 1);
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

/* Grow *arr (elements of size el) so that it holds at least need elements. */
static void ft_grow(void *arr, size_t *cap, size_t need, size_t el)
{
	void **pp = arr;
	if (need <= *cap)
		return;
	size_t ncap = *cap ? *cap * 2 : 16;
	while (ncap < need)
		ncap *= 2;
	*pp = ft_xrealloc(*pp, ncap * el);
	*cap = ncap;
}

static void ft_buf_add(struct ft_buf *b, const void *data, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t ncap = b->cap ? b->cap * 2 : 256;
		while (ncap < b->len + n + 1)
			ncap *= 2;
		b->p = ft_xrealloc(b->p, ncap);
		b->cap = ncap;
	}
	if (n)
		memcpy(b->p + b->len, data, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void ft_buf_str(struct ft_buf *b, const char *s)
{
	ft_buf_add(b, s, strlen(s));
}

__attribute__((format(printf, 2, 3)))
static void ft_buf_printf(struct ft_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	ft_grow(&b->p, &b->cap, b->len + (size_t)n + 1, 1);
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

static void ft_buf_consume(struct ft_buf *b, size_t n)
{
	if (n >= b->len) {
		b->len = 0;
	} else {
		memmove(b->p, b->p + n, b->len - n);
		b->len -= n;
	}
	if (b->p)
		b->p[b->len] = '\0';
}

static void ft_buf_free(struct ft_buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

static double ft_mono(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *ft_trim(char *s)
{
	while (*s && isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	return s;
}

/* Parse "10", "10s", "1.5s", "500ms" into seconds; -1 when malformed. */
static double ft_parse_duration(const char *s)
{
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (errno || end == s || v < 0 || !isfinite(v))
		return -1;
	if (*end == '\0' || strcmp(end, "s") == 0)
		return v;
	if (strcmp(end, "ms") == 0)
		return v / 1000.0;
	return -1;
}

static int ft_parse_i64(const char *s, int64_t *out)
{
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || end == s || *end)
		return -1;
	*out = (int64_t)v;
	return 0;
}

/* A JSON number or numeric string as int64 (ids exceed 32 bits). */
static int ft_json_i64(const cJSON *v, int64_t *out)
{
	if (cJSON_IsNumber(v)) {
		*out = (int64_t)v->valuedouble;
		return 0;
	}
	if (cJSON_IsString(v) && v->valuestring)
		return ft_parse_i64(v->valuestring, out);
	return -1;
}

/* One-line, length-capped rendering of a text for failure output. */
static void ft_buf_snippet(struct ft_buf *b, const char *s, size_t max)
{
	ft_buf_str(b, "\"");
	size_t i;
	for (i = 0; s[i] && i < max; i++) {
		if (s[i] == '\n')
			ft_buf_str(b, "\\n");
		else if (s[i] == '"')
			ft_buf_str(b, "\\\"");
		else
			ft_buf_add(b, &s[i], 1);
	}
	ft_buf_str(b, "\"");
	if (s[i])
		ft_buf_printf(b, "...(%zu bytes)", strlen(s));
}

/* ------------------------------------------------------------------ */
/* State                                                               */
/* ------------------------------------------------------------------ */

enum ft_hold { FT_HOLD_NONE, FT_HOLD_POLL, FT_HOLD_HANG, FT_HOLD_DELAY };

struct ft_bot {
	char name[32];
	int lfd;
	ev_io lw;
	int port;
	pid_t pid;
	int running;
	int exited;
	int status;            /* waitpid status of the last exit */
	int ever_started;
	int must_run;          /* an exit now is unexpected: fail */
	int polls;             /* getUpdates calls since the last start */
	int starts;            /* how many times it was started */
	double t_start, t_exit;
	char conf[PATH_MAX + 64];
	char log[PATH_MAX + 64];
	off_t log_from;        /* where this run's output starts in log */
};

struct ft_call {
	int seq;
	int run;               /* its bot's start count when the call came */
	double t, t_resp;
	struct ft_bot *bot;
	char method[64];
	char *body;            /* raw request body */
	cJSON *params;
	int has_chat;
	int64_t chat;
	char *text;            /* text or caption, NULL when absent */
	int status;            /* HTTP status answered, 0 when none (yet) */
	int fault;             /* the answer was an injected fault */
	int ok;                /* answered ok:true */
	char outcome[160];
};

struct ft_reply {
	int64_t chat;
	int64_t mid;
	char *text;
	char *buttons;         /* button labels, one per line */
	int kind;              /* 0 send, 1 edit, 2 document */
	int read;
	int call_seq;
	double t;
};

struct ft_msg {
	int64_t chat, mid;
	char *text;
	cJSON *markup;         /* NULL when the message has none */
};

struct ft_user {
	int64_t id;
	char first[128], last[128], username[64], lang[16];
};

enum ft_fault_kind {
	FK_STATUS, FK_DROP, FK_RESET, FK_HANG, FK_NONJSON, FK_TRUNCATE, FK_DELAY
};

struct ft_fault {
	char method[64];       /* "*" matches every method */
	int kind;
	int status;
	int retry_after;       /* 0: none */
	char desc[256];
	int times;             /* -1: always */
	int after;             /* let this many matching calls through first */
	int has_chat;
	int64_t chat;
	double delay;
	int line;
	int used;
};

struct ft_update {
	int64_t id;
	char *json;
	char type[24];
	int delivered;
	int confirmed;
	int skipped;           /* not in allowed_updates */
	double t_queued, t_delivered;
	int line;
};

struct ft_cbq {
	char id[32];
	int answers;
	int line;
};

struct ft_var {
	char name[64];
	char *value;
};

struct ft_cfg {
	char section[64], key[64];
	char *value;           /* NULL: remove the key */
};

struct ft_env {
	char *name, *value;
};

struct ft_conn {
	int fd;
	int dead;
	struct ft_bot *bot;
	ev_io rw, ww;
	ev_timer timer;
	struct ft_buf in, out;
	int held;              /* enum ft_hold */
	struct ft_call *call;  /* the held call */
	int64_t poll_offset;
	int poll_limit;
	int sent_continue;
	int close_after;
	struct ft_conn *next;
};

/* The reply a "bot UID <" step matched last, for "also UID". */
struct ft_last {
	int64_t chat;
	size_t idx;
};

struct ft_line {
	int no;
	char *text;
};

/* A chat's bucket under "limits on". */
struct ft_chat_limit {
	int64_t chat;
	double tokens, at;     /* at: the bots' time */
};

static struct {
	struct ev_loop *loop;
	ev_timer tick;
	ev_prepare prep;
	ev_signal sigint, sigterm;
	const char *bot_path;
	const char *scenario_path;
	const char *scenario_name;
	char workdir[PATH_MAX];
	int verbose;
	double time_scale;     /* BJJBOT_TIME_SCALE given to the bots */
	double time_scale_max; /* --time-scale: at most this (valgrind.sh: 1) */
	int cur_line;
	int steps;
	double t0;
	int interrupted;
	int in_fail;

	struct ft_bot **bots; size_t n_bots, cap_bots;
	struct ft_call **calls; size_t n_calls, cap_calls;
	struct ft_reply *replies; size_t n_replies, cap_replies;
	struct ft_msg *msgs; size_t n_msgs, cap_msgs;
	struct ft_user *users; size_t n_users, cap_users;
	struct ft_fault *faults; size_t n_faults, cap_faults;
	struct ft_update *updates; size_t n_updates, cap_updates;
	struct ft_cbq *cbqs; size_t n_cbqs, cap_cbqs;
	struct ft_var *vars; size_t n_vars, cap_vars;
	struct ft_cfg *cfgs; size_t n_cfgs, cap_cfgs;
	struct ft_env *envs; size_t n_envs, cap_envs;
	struct ft_line *lines; size_t n_lines, cap_lines;
	struct ft_last *lasts; size_t n_lasts, cap_lasts;
	struct ft_conn *conns;
	struct ft_conn *graveyard;

	int limits;            /* "limits on": 429 beyond Telegram's limits */
	double limit_sent[FT_LIMIT_GLOBAL];  /* ring of the last accepted messages' times */
	size_t limit_head, limit_count;
	struct ft_chat_limit *chat_limits; size_t n_chat_limits, cap_chat_limits;

	int64_t next_update_id;
	int64_t next_mid;
	int next_cbq;
	int updates_dirty;
	int allow_message, allow_callback;
	char allowed_desc[256];
} g;

static double ft_now(void)
{
	return ft_mono() - g.t0;
}

/*
 * The bots run on a scaled clock (BJJBOT_TIME_SCALE): Telegram's times
 * (long-poll timeouts, delays) and the scenario's waits and timing
 * assertions are in the bots' seconds; ft_real converts them to ours,
 * ft_bot_time converts a span we measured back.
 */
static double ft_real(double bot_seconds)
{
	return bot_seconds / g.time_scale;
}

static double ft_bot_time(double real_seconds)
{
	return real_seconds * g.time_scale;
}

static void ft_cleanup(void);
static void ft_dump_state(void);

/* ------------------------------------------------------------------ */
/* Failure reporting                                                   */
/* ------------------------------------------------------------------ */

/*
 * Report the failure of the current step, dump what helps to understand
 * it, kill every bot and exit 1. Callers phrase msg as
 * "<what was expected> — <what happened>".
 */
__attribute__((format(printf, 1, 2), noreturn))
static void ft_fail(const char *fmt, ...)
{
	char msg[4096];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (g.in_fail) {
		/* A failure while reporting one: just get out, children die with us. */
		fprintf(stderr, "fake_tg: %s\n", msg);
		_exit(1);
	}
	g.in_fail = 1;
	fflush(stdout);
	if (g.cur_line > 0)
		fprintf(stderr, "FAIL %s:%d: %s\n", g.scenario_name, g.cur_line, msg);
	else
		fprintf(stderr, "FAIL %s: %s\n", g.scenario_name, msg);
	ft_dump_state();
	if (g.cur_line > 0)
		fprintf(stderr, "FAIL %s:%d: %s\n", g.scenario_name, g.cur_line, msg);
	else
		fprintf(stderr, "FAIL %s: %s\n", g.scenario_name, msg);
	ft_cleanup();
	exit(1);
}

__attribute__((format(printf, 1, 2)))
static void ft_verbose(const char *fmt, ...)
{
	if (!g.verbose)
		return;
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "fake_tg [%7.3f] ", ft_now());
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

/* ------------------------------------------------------------------ */
/* HTML and length checks (what Telegram refuses)                      */
/* ------------------------------------------------------------------ */

static int ft_html_tag_ok(const char *name)
{
	static const char *const tags[] = {
		"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span",
		"tg-spoiler", "a", "code", "pre", "blockquote", "tg-emoji",
	};
	for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++)
		if (strcmp(name, tags[i]) == 0)
			return 1;
	return 0;
}

/* UTF-16 length of one UTF-8 sequence starting with lead byte c. */
static int ft_utf16_units(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if ((c & 0xC0) == 0x80)
		return 0;            /* continuation byte */
	if (c >= 0xF0)
		return 2;            /* outside the BMP: a surrogate pair */
	return 1;
}

/*
 * The length Telegram checks against 4096: UTF-16 code units of the text
 * after entity parsing. With html set, also validate the markup the way
 * Telegram does; -1 with err set when it would answer "can't parse
 * entities".
 */
static long ft_text_len(const char *s, int html, char *err, size_t errlen)
{
	char stack[32][16];
	int depth = 0;
	long len = 0;
	for (size_t i = 0; s[i];) {
		unsigned char c = (unsigned char)s[i];
		if (html && c == '<') {
			size_t at = i;
			int closing = s[i + 1] == '/';
			size_t j = i + 1 + (size_t)closing;
			char name[16];
			size_t n = 0;
			while (s[j] && (isalnum((unsigned char)s[j]) || s[j] == '-')) {
				if (n + 1 < sizeof name)
					name[n++] = (char)tolower((unsigned char)s[j]);
				j++;
			}
			name[n] = '\0';
			if (n == 0) {
				snprintf(err, errlen, "Unsupported start tag \"%.20s\" at byte offset %zu", s + i + 1, at);
				return -1;
			}
			/* Skip attributes, honouring quotes, up to '>'. */
			char q = 0;
			while (s[j] && (q || s[j] != '>')) {
				if (q && s[j] == q)
					q = 0;
				else if (!q && (s[j] == '"' || s[j] == '\''))
					q = s[j];
				j++;
			}
			if (!s[j]) {
				snprintf(err, errlen, "Unclosed start tag at byte offset %zu", at);
				return -1;
			}
			if (closing) {
				if (depth == 0 || strcmp(stack[depth - 1], name) != 0) {
					snprintf(err, errlen, "Unmatched end tag at byte offset %zu, expected \"</%s>\", found \"</%s>\"",
					    at, depth ? stack[depth - 1] : "", name);
					return -1;
				}
				depth--;
			} else {
				if (!ft_html_tag_ok(name)) {
					snprintf(err, errlen, "Unsupported start tag \"%s\" at byte offset %zu", name, at);
					return -1;
				}
				if (depth == (int)(sizeof stack / sizeof stack[0])) {
					snprintf(err, errlen, "Too deep nesting at byte offset %zu", at);
					return -1;
				}
				snprintf(stack[depth++], sizeof stack[0], "%s", name);
			}
			i = j + 1;
			continue;
		}
		if (html && c == '&') {
			static const char *const ents[] = { "&lt;", "&gt;", "&amp;", "&quot;" };
			size_t k;
			for (k = 0; k < 4; k++)
				if (strncmp(s + i, ents[k], strlen(ents[k])) == 0)
					break;
			if (k < 4) {
				len += 1;
				i += strlen(ents[k]);
				continue;
			}
			if (s[i + 1] == '#') {
				size_t j = i + 2;
				int hex = s[j] == 'x' || s[j] == 'X';
				if (hex)
					j++;
				size_t d0 = j;
				while (hex ? isxdigit((unsigned char)s[j]) : isdigit((unsigned char)s[j]))
					j++;
				if (j > d0 && s[j] == ';') {
					unsigned long cp = strtoul(s + d0, NULL, hex ? 16 : 10);
					len += cp > 0xFFFF ? 2 : 1;
					i = j + 1;
					continue;
				}
			}
			/* A lone '&' is taken literally, as Telegram does. */
		}
		len += ft_utf16_units(c);
		i++;
	}
	if (depth > 0) {
		snprintf(err, errlen, "Can't find end tag corresponding to start tag \"%s\"", stack[depth - 1]);
		return -1;
	}
	return len;
}

/* ------------------------------------------------------------------ */
/* Patterns: "~regex", "=exact", "substring", negated with a leading !  */
/* ------------------------------------------------------------------ */

enum ft_pat_kind { FT_PAT_SUB, FT_PAT_RE, FT_PAT_EQ };

struct ft_pat {
	int neg;
	int kind;
	int on_buttons;
	char *src;             /* as written, for messages */
	char *text;
	regex_t re;
	int have_re;
};

static void ft_pat_free(struct ft_pat *p)
{
	if (p->have_re)
		regfree(&p->re);
	free(p->src);
	free(p->text);
	memset(p, 0, sizeof *p);
}

static void ft_pat_parse(const char *s, struct ft_pat *p)
{
	memset(p, 0, sizeof *p);
	p->src = ft_xstrdup(s);
	if (strncmp(s, "button ", 7) == 0) {
		p->on_buttons = 1;
		s += 7;
		while (*s == ' ')
			s++;
	}
	if (*s == '!') {
		p->neg = 1;
		s++;
	}
	if (*s == '~') {
		p->kind = FT_PAT_RE;
		s++;
	} else if (*s == '=') {
		p->kind = FT_PAT_EQ;
		s++;
	} else {
		p->kind = FT_PAT_SUB;
	}
	/* Quotes are optional; they protect leading/trailing spaces. */
	size_t n = strlen(s);
	if (n >= 2 && s[0] == '"' && s[n - 1] == '"')
		p->text = ft_xstrndup(s + 1, n - 2);
	else
		p->text = ft_xstrdup(s);
	if (p->text[0] == '\0')
		ft_fail("a non-empty pattern — got %s", p->src);
	if (p->kind == FT_PAT_RE) {
		int rc = regcomp(&p->re, p->text, REG_EXTENDED | REG_ICASE);
		if (rc != 0) {
			char eb[256];
			regerror(rc, &p->re, eb, sizeof eb);
			ft_fail("a valid POSIX extended regex — %s: %s", p->text, eb);
		}
		p->have_re = 1;
	}
}

/* Match ignoring neg; captures (regex groups) land in m[0..nm). */
static int ft_pat_match(const struct ft_pat *p, const char *s, regmatch_t *m, size_t nm)
{
	if (!s)
		return 0;
	switch (p->kind) {
	case FT_PAT_RE:
		return regexec(&p->re, s, nm, nm ? m : NULL, 0) == 0;
	case FT_PAT_EQ:
		return strcmp(s, p->text) == 0;
	default:
		return strcasestr(s, p->text) != NULL;
	}
}

static const char *ft_reply_subject(const struct ft_pat *p, const struct ft_reply *r)
{
	return p->on_buttons ? (r->buttons ? r->buttons : "") : r->text;
}

/* ------------------------------------------------------------------ */
/* Bots (child processes)                                              */
/* ------------------------------------------------------------------ */

static void ft_describe_status(int st, char *out, size_t n)
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

static struct ft_bot *ft_bot_find(const char *name)
{
	for (size_t i = 0; i < g.n_bots; i++)
		if (strcmp(g.bots[i]->name, name) == 0)
			return g.bots[i];
	return NULL;
}

static struct ft_bot *ft_bot_get(const char *name)
{
	struct ft_bot *b = ft_bot_find(name);
	if (!b)
		ft_fail("a bot instance named '%s' — none was started", name);
	return b;
}

/* Kill every bot and its process group, and wait for them. */
static void ft_kill_all(void)
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

/* ------------------------------------------------------------------ */
/* HTTP connections                                                    */
/* ------------------------------------------------------------------ */

static void ft_conn_process(struct ft_conn *c);
static void ft_api(struct ft_conn *c, struct ft_call *call, int allow_faults);

static void ft_conn_close(struct ft_conn *c, const char *why)
{
	if (c->dead)
		return;
	if (c->held && c->call) {
		struct ft_call *call = c->call;
		if (!call->status)
			snprintf(call->outcome + strlen(call->outcome),
			    sizeof call->outcome - strlen(call->outcome),
			    "%sclient closed after %.1fs", call->outcome[0] ? ", " : "", ft_now() - call->t);
	}
	ft_verbose("%s: connection %d closed (%s)", c->bot->name, c->fd, why);
	ev_io_stop(g.loop, &c->rw);
	ev_io_stop(g.loop, &c->ww);
	ev_timer_stop(g.loop, &c->timer);
	if (close(c->fd) != 0)
		fprintf(stderr, "fake_tg: close: %s\n", strerror(errno));
	c->fd = -1;
	c->dead = 1;
	c->held = FT_HOLD_NONE;
	c->call = NULL;
	/* Unlink now, free later: callers up the stack may still hold c. */
	for (struct ft_conn **pp = &g.conns; *pp; pp = &(*pp)->next) {
		if (*pp == c) {
			*pp = c->next;
			break;
		}
	}
	c->next = g.graveyard;
	g.graveyard = c;
}

static void ft_conn_free_dead(void)
{
	while (g.graveyard) {
		struct ft_conn *c = g.graveyard;
		g.graveyard = c->next;
		ft_buf_free(&c->in);
		ft_buf_free(&c->out);
		free(c);
	}
}

static void ft_conn_flush(struct ft_conn *c)
{
	while (!c->dead && c->out.len) {
		ssize_t n = send(c->fd, c->out.p, c->out.len, MSG_NOSIGNAL);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN || errno == EWOULDBLOCK) {
				ev_io_start(g.loop, &c->ww);
				return;
			}
			ft_conn_close(c, strerror(errno));
			return;
		}
		ft_buf_consume(&c->out, (size_t)n);
	}
	if (c->dead)
		return;
	ev_io_stop(g.loop, &c->ww);
	if (c->close_after)
		ft_conn_close(c, "response sent, closing as asked");
}

static void ft_conn_write_cb(struct ev_loop *loop, ev_io *w, int revents)
{
	(void)loop;
	(void)revents;
	ft_conn_flush(w->data);
}

static const char *ft_status_text(int status)
{
	switch (status) {
	case 100: return "Continue";
	case 200: return "OK";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 409: return "Conflict";
	case 411: return "Length Required";
	case 413: return "Payload Too Large";
	case 429: return "Too Many Requests";
	case 431: return "Request Header Fields Too Large";
	case 500: return "Internal Server Error";
	case 502: return "Bad Gateway";
	case 503: return "Service Unavailable";
	case 504: return "Gateway Timeout";
	default: return "Status";
	}
}

/*
 * Queue one HTTP response. declared_len > len cuts the body short on
 * purpose (the "truncate" fault): the connection is then closed.
 */
static void ft_conn_send(struct ft_conn *c, struct ft_call *call, int status, const char *ctype,
    const char *body, size_t len, size_t declared_len)
{
	if (c->dead)
		return;
	ft_buf_printf(&c->out, "HTTP/1.1 %d %s\r\nServer: fake_tg\r\nContent-Type: %s\r\n"
	    "Content-Length: %zu\r\nConnection: %s\r\n\r\n",
	    status, ft_status_text(status), ctype, declared_len,
	    c->close_after ? "close" : "keep-alive");
	ft_buf_add(&c->out, body, len);
	if (declared_len > len)
		c->close_after = 1;
	if (call) {
		call->status = status;
		call->t_resp = ft_now();
		ft_verbose("%s <- %s %d %.*s", c->bot->name, call->method, status,
		    (int)(len > 600 ? 600 : len), body);
	}
	ft_conn_flush(c);
}

static void ft_conn_json(struct ft_conn *c, struct ft_call *call, int status, cJSON *root)
{
	char *s = cJSON_PrintUnformatted(root);
	if (!s)
		ft_oom();
	size_t n = strlen(s);
	ft_conn_send(c, call, status, "application/json", s, n, n);
	cJSON_free(s);
}

static void ft_reply_ok(struct ft_conn *c, struct ft_call *call, cJSON *result)
{
	cJSON *root = cJSON_CreateObject();
	cJSON_AddBoolToObject(root, "ok", 1);
	cJSON_AddItemToObject(root, "result", result ? result : cJSON_CreateTrue());
	if (call) {
		call->ok = 1;
		if (!call->outcome[0])
			snprintf(call->outcome, sizeof call->outcome, "ok");
	}
	ft_conn_json(c, call, 200, root);
	cJSON_Delete(root);
}

static void ft_reply_err(struct ft_conn *c, struct ft_call *call, int code, const char *desc, int retry_after)
{
	cJSON *root = cJSON_CreateObject();
	cJSON_AddBoolToObject(root, "ok", 0);
	cJSON_AddNumberToObject(root, "error_code", code);
	cJSON_AddStringToObject(root, "description", desc);
	if (retry_after > 0) {
		cJSON *par = cJSON_AddObjectToObject(root, "parameters");
		cJSON_AddNumberToObject(par, "retry_after", retry_after);
	}
	if (call) {
		size_t l = strlen(call->outcome);
		snprintf(call->outcome + l, sizeof call->outcome - l, "%s%d %s",
		    l ? ", " : "", code, desc);
	}
	ft_conn_json(c, call, code, root);
	cJSON_Delete(root);
}

static void ft_conn_read_cb(struct ev_loop *loop, ev_io *w, int revents)
{
	(void)loop;
	(void)revents;
	struct ft_conn *c = w->data;
	char chunk[65536];
	for (;;) {
		ssize_t n = recv(c->fd, chunk, sizeof chunk, 0);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				break;
			ft_conn_close(c, strerror(errno));
			return;
		}
		if (n == 0) {
			ft_conn_close(c, "peer closed");
			return;
		}
		if (c->in.len + (size_t)n > FT_MAX_HEADER + (size_t)FT_MAX_BODY) {
			ft_conn_close(c, "request too large");
			return;
		}
		ft_buf_add(&c->in, chunk, (size_t)n);
	}
	ft_conn_process(c);
}

static void ft_conn_timer_cb(struct ev_loop *loop, ev_timer *w, int revents);

static void ft_accept_cb(struct ev_loop *loop, ev_io *w, int revents)
{
	(void)revents;
	struct ft_bot *b = w->data;
	for (;;) {
		int fd = accept4(b->lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
		if (fd < 0) {
			if (errno == EINTR)
				continue;
			if (errno != EAGAIN && errno != EWOULDBLOCK && errno != ECONNABORTED)
				fprintf(stderr, "fake_tg: accept: %s\n", strerror(errno));
			return;
		}
		struct ft_conn *c = ft_xcalloc(1, sizeof *c);
		c->fd = fd;
		c->bot = b;
		ev_io_init(&c->rw, ft_conn_read_cb, fd, EV_READ);
		ev_io_init(&c->ww, ft_conn_write_cb, fd, EV_WRITE);
		ev_init(&c->timer, ft_conn_timer_cb);
		c->rw.data = c->ww.data = c->timer.data = c;
		c->next = g.conns;
		g.conns = c;
		ev_io_start(loop, &c->rw);
		ft_verbose("%s: connection %d accepted", b->name, fd);
	}
}

/* ------------------------------------------------------------------ */
/* Request parsing                                                     */
/* ------------------------------------------------------------------ */

static int ft_hexval(int ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	ch = tolower(ch);
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	return -1;
}

static char *ft_url_decode(const char *s, size_t n)
{
	char *d = ft_xmalloc(n + 1);
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '+') {
			d[o++] = ' ';
		} else if (s[i] == '%' && i + 2 < n && ft_hexval((unsigned char)s[i + 1]) >= 0 &&
		    ft_hexval((unsigned char)s[i + 2]) >= 0) {
			d[o++] = (char)(ft_hexval((unsigned char)s[i + 1]) * 16 + ft_hexval((unsigned char)s[i + 2]));
			i += 2;
		} else {
			d[o++] = s[i];
		}
	}
	d[o] = '\0';
	return d;
}

/* a=1&b=2 into string members of obj (JSON-valued strings stay strings). */
static void ft_parse_form(cJSON *obj, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		size_t j = i;
		while (j < n && s[j] != '&')
			j++;
		const char *eq = memchr(s + i, '=', j - i);
		if (eq) {
			char *k = ft_url_decode(s + i, (size_t)(eq - (s + i)));
			char *v = ft_url_decode(eq + 1, (size_t)(s + j - eq - 1));
			cJSON_DeleteItemFromObjectCaseSensitive(obj, k);
			cJSON_AddStringToObject(obj, k, v);
			free(k);
			free(v);
		}
		i = j + 1;
	}
}

/* multipart/form-data: plain fields become strings, files {filename,size}. */
static void ft_parse_multipart(cJSON *obj, const char *ctype, const char *body, size_t n)
{
	const char *bp = strcasestr(ctype, "boundary=");
	if (!bp)
		return;
	bp += 9;
	char boundary[256];
	size_t bl = 0;
	if (*bp == '"')
		bp++;
	boundary[bl++] = '-';
	boundary[bl++] = '-';
	while (*bp && *bp != '"' && *bp != ';' && bl + 1 < sizeof boundary)
		boundary[bl++] = *bp++;
	boundary[bl] = '\0';
	const char *p = memmem(body, n, boundary, bl);
	while (p) {
		p += bl;
		if ((size_t)(body + n - p) >= 2 && p[0] == '-' && p[1] == '-')
			break;
		const char *hend = memmem(p, (size_t)(body + n - p), "\r\n\r\n", 4);
		if (!hend)
			break;
		const char *data = hend + 4;
		const char *next = memmem(data, (size_t)(body + n - data), boundary, bl);
		if (!next)
			break;
		size_t dlen = (size_t)(next - data);
		if (dlen >= 2 && data[dlen - 2] == '\r' && data[dlen - 1] == '\n')
			dlen -= 2;
		char *hdr = ft_xstrndup(p, (size_t)(hend - p));
		char *name = NULL, *filename = NULL;
		char *np = strcasestr(hdr, " name=\"");
		if (!np)
			np = strcasestr(hdr, ";name=\"");
		if (np) {
			np += 7;
			char *e = strchr(np, '"');
			if (e)
				name = ft_xstrndup(np, (size_t)(e - np));
		}
		char *fp = strcasestr(hdr, "filename=\"");
		if (fp) {
			fp += 10;
			char *e = strchr(fp, '"');
			if (e)
				filename = ft_xstrndup(fp, (size_t)(e - fp));
		}
		if (name) {
			cJSON_DeleteItemFromObjectCaseSensitive(obj, name);
			if (filename) {
				cJSON *f = cJSON_AddObjectToObject(obj, name);
				cJSON_AddStringToObject(f, "filename", filename);
				cJSON_AddNumberToObject(f, "size", (double)dlen);
			} else {
				char *v = ft_xstrndup(data, dlen);
				cJSON_AddStringToObject(obj, name, v);
				free(v);
			}
		}
		free(hdr);
		free(name);
		free(filename);
		p = next;
	}
}

/* Case-insensitive header lookup in the header block [h, end). */
static int ft_header(const char *h, const char *end, const char *name, char *out, size_t outlen)
{
	size_t nl = strlen(name);
	const char *p = h;
	while (p < end) {
		const char *eol = memmem(p, (size_t)(end - p), "\r\n", 2);
		if (!eol)
			eol = end;
		if ((size_t)(eol - p) > nl && strncasecmp(p, name, nl) == 0 && p[nl] == ':') {
			const char *v = p + nl + 1;
			while (v < eol && (*v == ' ' || *v == '\t'))
				v++;
			size_t vl = (size_t)(eol - v);
			if (vl >= outlen)
				vl = outlen - 1;
			memcpy(out, v, vl);
			out[vl] = '\0';
			return 1;
		}
		p = eol + 2;
	}
	return 0;
}

/* Answer a protocol-level problem and drop the connection. */
static void ft_conn_refuse(struct ft_conn *c, int status, const char *why)
{
	char body[256];
	int n = snprintf(body, sizeof body, "{\"ok\":false,\"error_code\":%d,\"description\":\"%s\"}", status, why);
	c->close_after = 1;
	ft_verbose("%s: refusing request: %d %s", c->bot->name, status, why);
	ft_conn_send(c, NULL, status, "application/json", body, (size_t)n, (size_t)n);
}

/* Parse as many complete requests as are buffered (one at a time). */
static void ft_conn_process(struct ft_conn *c)
{
	while (!c->dead && !c->held && !c->close_after && c->in.len) {
		char *hend = memmem(c->in.p, c->in.len, "\r\n\r\n", 4);
		if (!hend) {
			if (c->in.len > FT_MAX_HEADER)
				ft_conn_refuse(c, 431, "Request Header Fields Too Large");
			return;
		}
		size_t hlen = (size_t)(hend - c->in.p) + 4;
		const char *eol = memmem(c->in.p, hlen, "\r\n", 2);
		char line[2048];
		size_t ll = (size_t)(eol - c->in.p);
		if (ll >= sizeof line) {
			ft_conn_refuse(c, 400, "Bad Request: request line too long");
			return;
		}
		memcpy(line, c->in.p, ll);
		line[ll] = '\0';
		char verb[16], target[1900], version[16];
		if (sscanf(line, "%15s %1899s %15s", verb, target, version) != 3 || strncmp(version, "HTTP/1.", 7) != 0) {
			ft_conn_refuse(c, 400, "Bad Request: malformed request line");
			return;
		}
		const char *hstart = eol + 2;
		char val[512];
		if (ft_header(hstart, hend + 2, "Transfer-Encoding", val, sizeof val)) {
			/* Real servers accept chunked; curl never sends it to us, so
			 * seeing it means something changed: say so loudly. */
			ft_conn_refuse(c, 411, "Length Required: chunked request bodies are not supported by fake_tg");
			return;
		}
		long long clen = 0;
		if (ft_header(hstart, hend + 2, "Content-Length", val, sizeof val)) {
			char *e;
			errno = 0;
			clen = strtoll(val, &e, 10);
			if (errno || e == val || clen < 0) {
				ft_conn_refuse(c, 400, "Bad Request: bad Content-Length");
				return;
			}
		}
		if (clen > FT_MAX_BODY) {
			ft_conn_refuse(c, 413, "Payload Too Large");
			return;
		}
		if (c->in.len < hlen + (size_t)clen) {
			if (!c->sent_continue && ft_header(hstart, hend + 2, "Expect", val, sizeof val) &&
			    strcasecmp(val, "100-continue") == 0) {
				c->sent_continue = 1;
				ft_buf_str(&c->out, "HTTP/1.1 100 Continue\r\n\r\n");
				ft_conn_flush(c);
			}
			return;
		}
		char ctype[512] = "";
		ft_header(hstart, hend + 2, "Content-Type", ctype, sizeof ctype);
		if (ft_header(hstart, hend + 2, "Connection", val, sizeof val) && strcasecmp(val, "close") == 0)
			c->close_after = 1;

		struct ft_call *call = ft_xcalloc(1, sizeof *call);
		ft_grow(&g.calls, &g.cap_calls, g.n_calls + 1, sizeof *g.calls);
		g.calls[g.n_calls++] = call;
		call->seq = (int)g.n_calls;
		call->t = ft_now();
		call->bot = c->bot;
		call->run = c->bot->starts;
		call->body = ft_xstrndup(c->in.p + hlen, (size_t)clen);
		ft_buf_consume(&c->in, hlen + (size_t)clen);
		c->sent_continue = 0;

		/* /bot<token>/<method>[?query] */
		char *query = strchr(target, '?');
		if (query)
			*query++ = '\0';
		call->params = cJSON_CreateObject();
		if (query)
			ft_parse_form(call->params, query, strlen(query));
		if (strncmp(target, "/bot", 4) != 0) {
			snprintf(call->method, sizeof call->method, "(bad path)");
			ft_reply_err(c, call, 404, "Not Found", 0);
			continue;
		}
		char *slash = strchr(target + 4, '/');
		if (!slash) {
			snprintf(call->method, sizeof call->method, "(no method)");
			ft_reply_err(c, call, 404, "Not Found", 0);
			continue;
		}
		*slash = '\0';
		snprintf(call->method, sizeof call->method, "%s", slash + 1);
		if (strcmp(target + 4, FT_TOKEN) != 0) {
			ft_reply_err(c, call, 401, "Unauthorized", 0);
			continue;
		}
		if (clen > 0) {
			if (strncasecmp(ctype, "application/json", 16) == 0) {
				cJSON *j = cJSON_ParseWithLength(call->body, (size_t)clen);
				if (!cJSON_IsObject(j)) {
					cJSON_Delete(j);
					ft_reply_err(c, call, 400, "Bad Request: can't parse JSON object", 0);
					continue;
				}
				cJSON *it = j->child;
				while (it) {
					cJSON *nx = it->next;
					cJSON_DetachItemViaPointer(j, it);
					cJSON_DeleteItemFromObjectCaseSensitive(call->params, it->string);
					cJSON_AddItemToObject(call->params, it->string, it);
					it = nx;
				}
				cJSON_Delete(j);
			} else if (strncasecmp(ctype, "application/x-www-form-urlencoded", 33) == 0) {
				ft_parse_form(call->params, call->body, (size_t)clen);
			} else if (strncasecmp(ctype, "multipart/form-data", 19) == 0) {
				ft_parse_multipart(call->params, ctype, call->body, (size_t)clen);
			}
		}
		cJSON *chat = cJSON_GetObjectItemCaseSensitive(call->params, "chat_id");
		if (chat && ft_json_i64(chat, &call->chat) == 0)
			call->has_chat = 1;
		cJSON *text = cJSON_GetObjectItemCaseSensitive(call->params, "text");
		if (!cJSON_IsString(text))
			text = cJSON_GetObjectItemCaseSensitive(call->params, "caption");
		if (cJSON_IsString(text) && text->valuestring)
			call->text = ft_xstrdup(text->valuestring);
		ft_verbose("%s -> %s %.2000s", c->bot->name, call->method, call->body[0] ? call->body : "(no body)");
		if (strcmp(call->method, "getUpdates") == 0)
			c->bot->polls++;
		ft_api(c, call, 1);
	}
}

/* ------------------------------------------------------------------ */
/* Updates and long polling                                            */
/* ------------------------------------------------------------------ */

static int ft_update_allowed(const struct ft_update *u)
{
	if (strcmp(u->type, "message") == 0)
		return g.allow_message;
	if (strcmp(u->type, "callback_query") == 0)
		return g.allow_callback;
	return 1;
}

static int ft_pending_count(int64_t offset)
{
	int n = 0;
	for (size_t i = 0; i < g.n_updates; i++) {
		struct ft_update *u = &g.updates[i];
		if (!u->confirmed && u->id >= offset && ft_update_allowed(u))
			n++;
	}
	return n;
}

/* Answer a getUpdates with what is pending now (possibly nothing). */
static void ft_poll_answer(struct ft_conn *c, struct ft_call *call, int64_t offset, int limit)
{
	struct ft_buf b = { 0 };
	int n = 0;
	ft_buf_str(&b, "{\"ok\":true,\"result\":[");
	for (size_t i = 0; i < g.n_updates && n < limit; i++) {
		struct ft_update *u = &g.updates[i];
		if (u->confirmed || u->id < offset || !ft_update_allowed(u))
			continue;
		if (n++)
			ft_buf_str(&b, ",");
		ft_buf_str(&b, u->json);
		u->delivered++;
		u->t_delivered = ft_now();
	}
	ft_buf_str(&b, "]}");
	call->ok = 1;
	size_t l = strlen(call->outcome);
	snprintf(call->outcome + l, sizeof call->outcome - l, "%s%d update(s)", l ? ", " : "", n);
	c->held = FT_HOLD_NONE;
	c->call = NULL;
	ev_timer_stop(g.loop, &c->timer);
	ft_conn_send(c, call, 200, "application/json", b.p, b.len, b.len);
	ft_buf_free(&b);
}

static void ft_conn_timer_cb(struct ev_loop *loop, ev_timer *w, int revents)
{
	(void)loop;
	(void)revents;
	struct ft_conn *c = w->data;
	struct ft_call *call = c->call;
	if (c->dead || !call)
		return;
	if (c->held == FT_HOLD_POLL) {
		ft_poll_answer(c, call, c->poll_offset, c->poll_limit);
	} else if (c->held == FT_HOLD_DELAY) {
		c->held = FT_HOLD_NONE;
		c->call = NULL;
		ft_api(c, call, 0);
	}
	ft_conn_process(c);
}

/*
 * The connections holding a long poll, snapshotted: answering one may close
 * it and unlink it from g.conns (it is only freed later, in
 * ft_conn_free_dead, so the snapshot stays valid).
 */
static size_t ft_held_polls(struct ft_conn **out, size_t max)
{
	size_t n = 0;
	for (struct ft_conn *c = g.conns; c && n < max; c = c->next)
		if (!c->dead && c->held == FT_HOLD_POLL)
			out[n++] = c;
	return n;
}

/* Runs before the loop blocks: answer held polls when updates arrived. */
static void ft_prepare_cb(struct ev_loop *loop, ev_prepare *w, int revents)
{
	(void)loop;
	(void)w;
	(void)revents;
	ft_conn_free_dead();
	if (!g.updates_dirty)
		return;
	g.updates_dirty = 0;
	struct ft_conn *held[64];
	size_t n = ft_held_polls(held, 64);
	for (size_t i = 0; i < n; i++) {
		struct ft_conn *c = held[i];
		if (c->dead || c->held != FT_HOLD_POLL || ft_pending_count(c->poll_offset) == 0)
			continue;
		ft_poll_answer(c, c->call, c->poll_offset, c->poll_limit);
		ft_conn_process(c);
	}
}

static void ft_method_get_updates(struct ft_conn *c, struct ft_call *call)
{
	cJSON *p = call->params;
	int64_t offset = 0, v;
	double timeout = 0;
	int limit = 100;
	if (ft_json_i64(cJSON_GetObjectItemCaseSensitive(p, "offset"), &v) == 0 && v > 0)
		offset = v;
	if (ft_json_i64(cJSON_GetObjectItemCaseSensitive(p, "limit"), &v) == 0 && v >= 1 && v <= 100)
		limit = (int)v;
	if (ft_json_i64(cJSON_GetObjectItemCaseSensitive(p, "timeout"), &v) == 0 && v > 0)
		timeout = v > 50 ? 50 : (double)v;
	cJSON *au = cJSON_GetObjectItemCaseSensitive(p, "allowed_updates");
	if (cJSON_IsString(au) && au->valuestring) {
		/* Form-encoded: the array arrives as a JSON string. */
		cJSON *parsed = cJSON_Parse(au->valuestring);
		if (cJSON_IsArray(parsed)) {
			cJSON_DeleteItemFromObjectCaseSensitive(p, "allowed_updates");
			cJSON_AddItemToObject(p, "allowed_updates", parsed);
			au = parsed;
		} else {
			cJSON_Delete(parsed);
		}
	}
	if (cJSON_IsArray(au)) {
		/* Like Telegram: the list sticks until a call names another;
		 * an empty list means the default (everything we generate). */
		int any = cJSON_GetArraySize(au) > 0;
		g.allow_message = !any;
		g.allow_callback = !any;
		char *s = cJSON_PrintUnformatted(au);
		snprintf(g.allowed_desc, sizeof g.allowed_desc, "%s", s ? s : "?");
		cJSON_free(s);
		const cJSON *it;
		cJSON_ArrayForEach(it, au) {
			if (!cJSON_IsString(it))
				continue;
			if (strcmp(it->valuestring, "message") == 0)
				g.allow_message = 1;
			if (strcmp(it->valuestring, "callback_query") == 0)
				g.allow_callback = 1;
		}
	}
	/* An offset beyond the newest id belongs to an older sequence (see
	 * "updates restart"): serve the queue from its start and confirm
	 * nothing, as Telegram does after it picked a new sequence. */
	if (offset > g.next_update_id)
		offset = 0;
	/* Everything below offset is confirmed: forget it, like Telegram. */
	for (size_t i = 0; i < g.n_updates; i++)
		if (g.updates[i].id < offset)
			g.updates[i].confirmed = 1;
	for (size_t i = 0; i < g.n_updates; i++) {
		struct ft_update *u = &g.updates[i];
		if (!u->confirmed && !ft_update_allowed(u)) {
			u->confirmed = 1;
			u->skipped = 1;
		}
	}
	/* A second long poll terminates the first, as on the real server. */
	struct ft_conn *held[64];
	size_t nh = ft_held_polls(held, 64);
	for (size_t i = 0; i < nh; i++) {
		struct ft_conn *o = held[i];
		if (o == c || o->dead || o->held != FT_HOLD_POLL)
			continue;
		struct ft_call *oc = o->call;
		o->held = FT_HOLD_NONE;
		o->call = NULL;
		ev_timer_stop(g.loop, &o->timer);
		ft_reply_err(o, oc, 409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running", 0);
		ft_conn_process(o);
	}
	if (ft_pending_count(offset) > 0 || timeout <= 0) {
		ft_poll_answer(c, call, offset, limit);
		return;
	}
	c->held = FT_HOLD_POLL;
	c->call = call;
	c->poll_offset = offset;
	c->poll_limit = limit;
	ev_timer_set(&c->timer, ft_real(timeout), 0.);
	ev_timer_start(g.loop, &c->timer);
}

/* ------------------------------------------------------------------ */
/* Bot API methods                                                     */
/* ------------------------------------------------------------------ */

static cJSON *ft_bot_user_json(void)
{
	cJSON *u = cJSON_CreateObject();
	cJSON_AddNumberToObject(u, "id", FT_BOT_ID);
	cJSON_AddBoolToObject(u, "is_bot", 1);
	cJSON_AddStringToObject(u, "first_name", "BJJ");
	cJSON_AddStringToObject(u, "username", FT_BOT_USERNAME);
	return u;
}

static struct ft_msg *ft_msg_find(int64_t chat, int64_t mid)
{
	for (size_t i = 0; i < g.n_msgs; i++)
		if (g.msgs[i].chat == chat && g.msgs[i].mid == mid)
			return &g.msgs[i];
	return NULL;
}

/* Labels of inline or reply keyboard buttons, one per line; NULL if none. */
static char *ft_markup_labels(const cJSON *markup)
{
	if (!markup)
		return NULL;
	const cJSON *kb = cJSON_GetObjectItemCaseSensitive(markup, "inline_keyboard");
	if (!cJSON_IsArray(kb))
		kb = cJSON_GetObjectItemCaseSensitive(markup, "keyboard");
	if (!cJSON_IsArray(kb))
		return NULL;
	struct ft_buf b = { 0 };
	const cJSON *row, *btn;
	cJSON_ArrayForEach(row, kb) {
		cJSON_ArrayForEach(btn, row) {
			const cJSON *t = cJSON_IsString(btn) ? btn : cJSON_GetObjectItemCaseSensitive(btn, "text");
			if (cJSON_IsString(t) && t->valuestring) {
				ft_buf_str(&b, t->valuestring);
				ft_buf_str(&b, "\n");
			}
		}
	}
	if (!b.p)
		ft_buf_str(&b, "");
	return b.p;
}

/* reply_markup may be an object (JSON body) or a JSON string (forms). */
static cJSON *ft_param_markup(cJSON *params, char *err, size_t errlen)
{
	cJSON *m = cJSON_GetObjectItemCaseSensitive(params, "reply_markup");
	if (!m)
		return NULL;
	cJSON *obj = NULL;
	if (cJSON_IsString(m))
		obj = cJSON_Parse(m->valuestring);
	else
		obj = cJSON_Duplicate(m, 1);
	if (!cJSON_IsObject(obj)) {
		cJSON_Delete(obj);
		snprintf(err, errlen, "Bad Request: can't parse reply keyboard markup JSON object");
		return NULL;
	}
	const cJSON *kb = cJSON_GetObjectItemCaseSensitive(obj, "inline_keyboard");
	if (kb) {
		if (!cJSON_IsArray(kb)) {
			snprintf(err, errlen, "Bad Request: field \"inline_keyboard\" of the InlineKeyboardMarkup should be an Array of Arrays");
			cJSON_Delete(obj);
			return NULL;
		}
		const cJSON *row, *btn;
		cJSON_ArrayForEach(row, kb) {
			if (!cJSON_IsArray(row)) {
				snprintf(err, errlen, "Bad Request: field \"inline_keyboard\" of the InlineKeyboardMarkup should be an Array of Arrays");
				cJSON_Delete(obj);
				return NULL;
			}
			cJSON_ArrayForEach(btn, row) {
				const cJSON *t = cJSON_GetObjectItemCaseSensitive(btn, "text");
				const cJSON *d = cJSON_GetObjectItemCaseSensitive(btn, "callback_data");
				const cJSON *u = cJSON_GetObjectItemCaseSensitive(btn, "url");
				if (!cJSON_IsString(t) || !t->valuestring[0]) {
					snprintf(err, errlen, "Bad Request: can't find field \"text\"");
					cJSON_Delete(obj);
					return NULL;
				}
				if (d && (!cJSON_IsString(d) || strlen(d->valuestring) < 1 ||
				    strlen(d->valuestring) > FT_CALLBACK_DATA_LIMIT)) {
					snprintf(err, errlen, "Bad Request: BUTTON_DATA_INVALID");
					cJSON_Delete(obj);
					return NULL;
				}
				if (!d && !cJSON_IsString(u) && !cJSON_GetObjectItemCaseSensitive(btn, "switch_inline_query") &&
				    !cJSON_GetObjectItemCaseSensitive(btn, "web_app")) {
					snprintf(err, errlen, "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
					cJSON_Delete(obj);
					return NULL;
				}
			}
		}
	}
	return obj;
}

static void ft_reply_add(int64_t chat, int64_t mid, const char *text, const cJSON *markup, int kind, int seq)
{
	ft_grow(&g.replies, &g.cap_replies, g.n_replies + 1, sizeof *g.replies);
	struct ft_reply *r = &g.replies[g.n_replies++];
	memset(r, 0, sizeof *r);
	r->chat = chat;
	r->mid = mid;
	r->text = ft_xstrdup(text ? text : "");
	r->buttons = ft_markup_labels(markup);
	r->kind = kind;
	r->call_seq = seq;
	r->t = ft_now();
}

static cJSON *ft_message_json(int64_t chat, int64_t mid, const char *text, const cJSON *markup)
{
	cJSON *m = cJSON_CreateObject();
	cJSON_AddNumberToObject(m, "message_id", (double)mid);
	cJSON_AddItemToObject(m, "from", ft_bot_user_json());
	cJSON *ch = cJSON_AddObjectToObject(m, "chat");
	cJSON_AddNumberToObject(ch, "id", (double)chat);
	cJSON_AddStringToObject(ch, "type", chat > 0 ? "private" : "group");
	cJSON_AddNumberToObject(m, "date", (double)time(NULL));
	if (text)
		cJSON_AddStringToObject(m, "text", text);
	if (markup)
		cJSON_AddItemToObject(m, "reply_markup", cJSON_Duplicate(markup, 1));
	return m;
}

/* Checks common to sendMessage and editMessageText; 0 or an error sent. */
static int ft_check_text(struct ft_conn *c, struct ft_call *call)
{
	char err[300];
	if (!call->text || !call->text[0]) {
		ft_reply_err(c, call, 400, "Bad Request: message text is empty", 0);
		return -1;
	}
	const cJSON *pm = cJSON_GetObjectItemCaseSensitive(call->params, "parse_mode");
	int html = 0;
	if (cJSON_IsString(pm) && pm->valuestring[0]) {
		if (strcasecmp(pm->valuestring, "HTML") == 0)
			html = 1;
		else if (strcasecmp(pm->valuestring, "MarkdownV2") != 0 && strcasecmp(pm->valuestring, "Markdown") != 0) {
			ft_reply_err(c, call, 400, "Bad Request: unsupported parse_mode", 0);
			return -1;
		}
	}
	long len = ft_text_len(call->text, html, err, sizeof err);
	if (len < 0) {
		char desc[400];
		snprintf(desc, sizeof desc, "Bad Request: can't parse entities: %s", err);
		ft_reply_err(c, call, 400, desc, 0);
		return -1;
	}
	if (len > FT_TEXT_LIMIT) {
		ft_reply_err(c, call, 400, "Bad Request: message is too long", 0);
		return -1;
	}
	return 0;
}

static void ft_method_send_message(struct ft_conn *c, struct ft_call *call)
{
	char err[300];
	if (!call->has_chat || call->chat == 0) {
		ft_reply_err(c, call, 400, "Bad Request: chat not found", 0);
		return;
	}
	if (ft_check_text(c, call) != 0)
		return;
	err[0] = '\0';
	cJSON *markup = ft_param_markup(call->params, err, sizeof err);
	if (err[0]) {
		ft_reply_err(c, call, 400, err, 0);
		return;
	}
	int64_t mid = g.next_mid++;
	ft_grow(&g.msgs, &g.cap_msgs, g.n_msgs + 1, sizeof *g.msgs);
	struct ft_msg *m = &g.msgs[g.n_msgs++];
	m->chat = call->chat;
	m->mid = mid;
	m->text = ft_xstrdup(call->text);
	m->markup = markup;
	ft_reply_add(call->chat, mid, call->text, markup, 0, call->seq);
	ft_reply_ok(c, call, ft_message_json(call->chat, mid, call->text, markup));
}

static int ft_markup_equal(const cJSON *a, const cJSON *b)
{
	if (!a || !b)
		return a == b;
	return cJSON_Compare(a, b, 1);
}

static void ft_method_edit(struct ft_conn *c, struct ft_call *call, int markup_only)
{
	char err[300];
	if (cJSON_GetObjectItemCaseSensitive(call->params, "inline_message_id")) {
		ft_reply_ok(c, call, NULL);
		return;
	}
	int64_t mid = 0;
	if (!call->has_chat || ft_json_i64(cJSON_GetObjectItemCaseSensitive(call->params, "message_id"), &mid) != 0) {
		ft_reply_err(c, call, 400, "Bad Request: message identifier is not specified", 0);
		return;
	}
	struct ft_msg *m = ft_msg_find(call->chat, mid);
	if (!m) {
		ft_reply_err(c, call, 400, markup_only ? "Bad Request: message to edit not found" :
		    "Bad Request: message to edit not found", 0);
		return;
	}
	if (!markup_only && ft_check_text(c, call) != 0)
		return;
	err[0] = '\0';
	cJSON *markup = ft_param_markup(call->params, err, sizeof err);
	if (err[0]) {
		ft_reply_err(c, call, 400, err, 0);
		return;
	}
	const char *ntext = markup_only ? m->text : call->text;
	if (strcmp(ntext, m->text) == 0 && ft_markup_equal(markup, m->markup)) {
		cJSON_Delete(markup);
		ft_reply_err(c, call, 400, "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message", 0);
		return;
	}
	if (!markup_only) {
		free(m->text);
		m->text = ft_xstrdup(call->text);
	}
	/* An edit without reply_markup removes the inline keyboard. */
	cJSON_Delete(m->markup);
	m->markup = markup;
	ft_reply_add(call->chat, mid, m->text, markup, 1, call->seq);
	ft_reply_ok(c, call, ft_message_json(call->chat, mid, m->text, markup));
}

static void ft_method_answer_cbq(struct ft_conn *c, struct ft_call *call)
{
	const cJSON *id = cJSON_GetObjectItemCaseSensitive(call->params, "callback_query_id");
	if (!cJSON_IsString(id)) {
		ft_reply_err(c, call, 400, "Bad Request: query is too old and response timeout expired or query ID is invalid", 0);
		return;
	}
	for (size_t i = 0; i < g.n_cbqs; i++) {
		struct ft_cbq *q = &g.cbqs[i];
		if (strcmp(q->id, id->valuestring) != 0)
			continue;
		q->answers++;
		if (q->answers > 1) {
			ft_reply_err(c, call, 400, "Bad Request: query is too old and response timeout expired or query ID is invalid", 0);
			return;
		}
		ft_reply_ok(c, call, NULL);
		return;
	}
	ft_reply_err(c, call, 400, "Bad Request: query is too old and response timeout expired or query ID is invalid", 0);
}

static void ft_method_send_document(struct ft_conn *c, struct ft_call *call)
{
	if (!call->has_chat || call->chat == 0) {
		ft_reply_err(c, call, 400, "Bad Request: chat not found", 0);
		return;
	}
	const cJSON *doc = cJSON_GetObjectItemCaseSensitive(call->params, "document");
	const char *fname = "document";
	if (cJSON_IsObject(doc)) {
		const cJSON *fn = cJSON_GetObjectItemCaseSensitive(doc, "filename");
		if (cJSON_IsString(fn))
			fname = fn->valuestring;
	} else if (!doc) {
		ft_reply_err(c, call, 400, "Bad Request: there is no document in the request", 0);
		return;
	}
	struct ft_buf t = { 0 };
	ft_buf_printf(&t, "[document %s]", fname);
	if (call->text)
		ft_buf_printf(&t, " %s", call->text);
	int64_t mid = g.next_mid++;
	ft_reply_add(call->chat, mid, t.p, NULL, 2, call->seq);
	cJSON *m = ft_message_json(call->chat, mid, NULL, NULL);
	cJSON *d = cJSON_AddObjectToObject(m, "document");
	cJSON_AddStringToObject(d, "file_name", fname);
	cJSON_AddStringToObject(d, "file_id", "BQACAgIAAxkBAAI-fake");
	cJSON_AddStringToObject(d, "file_unique_id", "AgAD-fake");
	if (call->text)
		cJSON_AddStringToObject(m, "caption", call->text);
	ft_buf_free(&t);
	ft_reply_ok(c, call, m);
}

static void ft_method_set_commands(struct ft_conn *c, struct ft_call *call)
{
	cJSON *cmds = cJSON_GetObjectItemCaseSensitive(call->params, "commands");
	cJSON *parsed = NULL;
	if (cJSON_IsString(cmds))
		cmds = parsed = cJSON_Parse(cmds->valuestring);
	int ok = cJSON_IsArray(cmds) && cJSON_GetArraySize(cmds) <= 100;
	const cJSON *it;
	if (ok) {
		cJSON_ArrayForEach(it, cmds) {
			const cJSON *n = cJSON_GetObjectItemCaseSensitive(it, "command");
			const cJSON *d = cJSON_GetObjectItemCaseSensitive(it, "description");
			if (!cJSON_IsString(n) || !cJSON_IsString(d)) {
				ok = 0;
				break;
			}
			size_t nl = strlen(n->valuestring), dl = strlen(d->valuestring);
			if (nl < 1 || nl > 32 || dl < 1 || dl > 256 * 4) {
				ok = 0;
				break;
			}
			for (size_t k = 0; k < nl; k++) {
				char ch = n->valuestring[k];
				if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_'))
					ok = 0;
			}
		}
	}
	cJSON_Delete(parsed);
	if (!ok)
		ft_reply_err(c, call, 400, "Bad Request: BOT_COMMAND_INVALID", 0);
	else
		ft_reply_ok(c, call, NULL);
}

/* The first fault that matches this call, consuming one use; or NULL. */
static struct ft_fault *ft_fault_take(struct ft_call *call)
{
	for (size_t i = 0; i < g.n_faults; i++) {
		struct ft_fault *f = &g.faults[i];
		if (f->times == 0)
			continue;
		if (strcmp(f->method, "*") != 0 && strcmp(f->method, call->method) != 0)
			continue;
		if (f->has_chat && (!call->has_chat || call->chat != f->chat))
			continue;
		if (f->after > 0) {
			f->after--;
			continue;
		}
		if (f->times > 0)
			f->times--;
		f->used++;
		return f;
	}
	return NULL;
}

static void ft_fault_apply(struct ft_conn *c, struct ft_call *call, struct ft_fault *f)
{
	call->fault = 1;
	snprintf(call->outcome, sizeof call->outcome, "FAULT(line %d) ", f->line);
	size_t l = strlen(call->outcome);
	switch (f->kind) {
	case FK_STATUS:
		/* ft_reply_err appends "<code> <desc>" to the outcome. */
		call->outcome[l - 1] = '\0';
		ft_reply_err(c, call, f->status, f->desc, f->retry_after);
		break;
	case FK_DROP:
		snprintf(call->outcome + l, sizeof call->outcome - l, "dropped");
		call->t_resp = ft_now();
		ft_conn_close(c, "fault: drop");
		break;
	case FK_RESET: {
		struct linger lg = { 1, 0 };
		snprintf(call->outcome + l, sizeof call->outcome - l, "reset");
		call->t_resp = ft_now();
		if (setsockopt(c->fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg) != 0)
			fprintf(stderr, "fake_tg: setsockopt(SO_LINGER): %s\n", strerror(errno));
		ft_conn_close(c, "fault: reset");
		break;
	}
	case FK_HANG:
		snprintf(call->outcome + l, sizeof call->outcome - l, "hang");
		c->held = FT_HOLD_HANG;
		c->call = call;
		break;
	case FK_NONJSON: {
		static const char html[] = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n"
		    "<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body>\r\n</html>\r\n";
		snprintf(call->outcome + l, sizeof call->outcome - l, "non-JSON %d", f->status);
		ft_conn_send(c, call, f->status, "text/html", html, sizeof html - 1, sizeof html - 1);
		break;
	}
	case FK_TRUNCATE: {
		static const char part[] = "{\"ok\":true,\"result\":{\"message_id\":";
		snprintf(call->outcome + l, sizeof call->outcome - l, "truncated body");
		ft_conn_send(c, call, 200, "application/json", part, sizeof part - 1, 200);
		break;
	}
	case FK_DELAY:
		snprintf(call->outcome + l, sizeof call->outcome - l, "delayed %.1fs; ", f->delay);
		call->fault = 0;      /* the answer itself is genuine */
		c->held = FT_HOLD_DELAY;
		c->call = call;
		ev_timer_set(&c->timer, ft_real(f->delay), 0.);
		ev_timer_start(g.loop, &c->timer);
		break;
	}
}

static int ft_limited_method(const char *m)
{
	return strcmp(m, "sendMessage") == 0 || strcmp(m, "sendDocument") == 0 ||
	    strcmp(m, "editMessageText") == 0 || strcmp(m, "editMessageReplyMarkup") == 0;
}

/*
 * "limits on": seconds (the bots' time) until a message to call's chat
 * would be within Telegram's limits, or 0 when it is (and it is counted).
 */
static double ft_limit_take(const struct ft_call *call)
{
	double now = ft_bot_time(ft_now()), wait = 0;
	struct ft_chat_limit *cl = NULL;

	if (g.limit_count == FT_LIMIT_GLOBAL) {
		double until = g.limit_sent[g.limit_head] + 1.0;
		if (until > now)
			wait = until - now;
	}
	if (call->has_chat) {
		for (size_t i = 0; i < g.n_chat_limits && !cl; i++)
			if (g.chat_limits[i].chat == call->chat)
				cl = &g.chat_limits[i];
		if (!cl) {
			ft_grow(&g.chat_limits, &g.cap_chat_limits, g.n_chat_limits + 1, sizeof *g.chat_limits);
			cl = &g.chat_limits[g.n_chat_limits++];
			cl->chat = call->chat;
			cl->tokens = FT_LIMIT_BURST;
			cl->at = now;
		}
		cl->tokens = fmin(FT_LIMIT_BURST, cl->tokens + (now - cl->at) * FT_LIMIT_CHAT_RATE);
		cl->at = now;
		if (cl->tokens < 1.0)
			wait = fmax(wait, (1.0 - cl->tokens) / FT_LIMIT_CHAT_RATE);
	}
	if (wait > 0)
		return wait;
	if (cl)
		cl->tokens -= 1.0;
	if (g.limit_count < FT_LIMIT_GLOBAL) {
		g.limit_sent[(g.limit_head + g.limit_count++) % FT_LIMIT_GLOBAL] = now;
	} else {
		g.limit_sent[g.limit_head] = now;
		g.limit_head = (g.limit_head + 1) % FT_LIMIT_GLOBAL;
	}
	return 0;
}

static void ft_api(struct ft_conn *c, struct ft_call *call, int allow_faults)
{
	const char *m = call->method;
	if (allow_faults) {
		struct ft_fault *f = ft_fault_take(call);
		if (f) {
			ft_fault_apply(c, call, f);
			return;
		}
	}
	if (g.limits && ft_limited_method(m)) {
		double wait = ft_limit_take(call);
		if (wait > 0) {
			int retry = (int)ceil(wait);
			char desc[64];
			snprintf(desc, sizeof desc, "Too Many Requests: retry after %d", retry);
			ft_reply_err(c, call, 429, desc, retry);
			return;
		}
	}
	if (strcmp(m, "getMe") == 0) {
		ft_reply_ok(c, call, ft_bot_user_json());
	} else if (strcmp(m, "getUpdates") == 0) {
		ft_method_get_updates(c, call);
	} else if (strcmp(m, "sendMessage") == 0) {
		ft_method_send_message(c, call);
	} else if (strcmp(m, "editMessageText") == 0) {
		ft_method_edit(c, call, 0);
	} else if (strcmp(m, "editMessageReplyMarkup") == 0) {
		ft_method_edit(c, call, 1);
	} else if (strcmp(m, "answerCallbackQuery") == 0) {
		ft_method_answer_cbq(c, call);
	} else if (strcmp(m, "sendDocument") == 0) {
		ft_method_send_document(c, call);
	} else if (strcmp(m, "setMyCommands") == 0) {
		ft_method_set_commands(c, call);
	} else if (strcmp(m, "deleteWebhook") == 0 || strcmp(m, "deleteMyCommands") == 0 ||
	    strcmp(m, "setMyDescription") == 0 || strcmp(m, "setMyShortDescription") == 0 ||
	    strcmp(m, "setChatMenuButton") == 0 || strcmp(m, "sendChatAction") == 0 ||
	    strcmp(m, "deleteMessage") == 0 || strcmp(m, "setWebhook") == 0) {
		ft_reply_ok(c, call, NULL);
	} else if (strcmp(m, "getWebhookInfo") == 0) {
		cJSON *r = cJSON_CreateObject();
		cJSON_AddStringToObject(r, "url", "");
		cJSON_AddBoolToObject(r, "has_custom_certificate", 0);
		cJSON_AddNumberToObject(r, "pending_update_count", ft_pending_count(0));
		ft_reply_ok(c, call, r);
	} else {
		ft_reply_err(c, call, 404, "Not Found: method not found", 0);
	}
}

/* ------------------------------------------------------------------ */
/* The event loop seen from the runner                                 */
/* ------------------------------------------------------------------ */

static void ft_tick_cb(struct ev_loop *loop, ev_timer *w, int revents)
{
	/* Only there so that ev_run(EVRUN_ONCE) returns often. */
	(void)loop;
	(void)w;
	(void)revents;
}

static void ft_signal_cb(struct ev_loop *loop, ev_signal *w, int revents)
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
static int ft_wait_for(int (*pred)(void *arg), void *arg, double timeout)
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

/* ------------------------------------------------------------------ */
/* Dumps for failures                                                  */
/* ------------------------------------------------------------------ */

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
		ring[n % FT_LOG_TAIL_LINES] = ft_xstrdup(line);
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
		struct ft_buf b = { 0 };
		ft_buf_printf(&b, "  #%d %7.3fs %s %s", c->seq, c->t, c->bot->name, c->method);
		if (c->has_chat)
			ft_buf_printf(&b, " chat=%" PRId64, c->chat);
		if (strcmp(c->method, "getUpdates") == 0) {
			const cJSON *o = cJSON_GetObjectItemCaseSensitive(c->params, "offset");
			const cJSON *t = cJSON_GetObjectItemCaseSensitive(c->params, "timeout");
			if (cJSON_IsNumber(o) || cJSON_IsString(o))
				ft_buf_printf(&b, " offset=%.0f", cJSON_IsNumber(o) ? o->valuedouble : atof(o->valuestring));
			if (cJSON_IsNumber(t))
				ft_buf_printf(&b, " timeout=%.0f", t->valuedouble);
		}
		ft_buf_printf(&b, " -> %s", c->outcome[0] ? c->outcome : "(no answer yet)");
		if (c->status && c->t_resp > 0)
			ft_buf_printf(&b, " at %.3fs", c->t_resp);
		if (c->text) {
			ft_buf_str(&b, " text=");
			ft_buf_snippet(&b, c->text, 100);
		} else if (strcmp(c->method, "answerCallbackQuery") == 0 || strcmp(c->method, "setMyCommands") == 0) {
			char *s = cJSON_PrintUnformatted(c->params);
			if (s) {
				ft_buf_str(&b, " ");
				ft_buf_snippet(&b, s, 100);
				cJSON_free(s);
			}
		}
		fprintf(stderr, "%s\n", b.p);
		ft_buf_free(&b);
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

static void ft_dump_state(void)
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

/* ------------------------------------------------------------------ */
/* Spawning bots                                                       */
/* ------------------------------------------------------------------ */

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
		kv[n++].value = ft_xstrdup(v);
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
		kv[k].value = o->value ? ft_xstrdup(o->value) : NULL;
	}
	struct ft_buf out = { 0 };
	ft_buf_str(&out, "; written by fake_tg for this scenario\n");
	/* Sections in first-seen order. */
	for (size_t i = 0; i < n; i++) {
		size_t j;
		for (j = 0; j < i; j++)
			if (strcmp(kv[j].section, kv[i].section) == 0)
				break;
		if (j < i)
			continue;
		ft_buf_printf(&out, "\n[%s]\n", kv[i].section);
		for (j = i; j < n; j++)
			if (strcmp(kv[j].section, kv[i].section) == 0 && kv[j].value)
				ft_buf_printf(&out, "%s = %s\n", kv[j].key, kv[j].value);
	}
	for (size_t i = 0; i < n; i++)
		free(kv[i].value);
	FILE *f = fopen(b->conf, "w");
	if (!f)
		ft_fail("to write %s — %s", b->conf, strerror(errno));
	size_t w = fwrite(out.p, 1, out.len, f);
	int bad = w != out.len || ferror(f);
	if (fclose(f) != 0 || bad)
		ft_fail("to write %s — write error", b->conf);
	ft_buf_free(&out);
}

static void ft_bot_listen(struct ft_bot *b)
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

static void ft_bot_spawn(struct ft_bot *b)
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

/* ------------------------------------------------------------------ */
/* Scenario parsing helpers                                            */
/* ------------------------------------------------------------------ */

/* Next whitespace-separated word (a "quoted string" counts as one). */
static char *ft_word(char **sp)
{
	char *s = *sp;
	while (*s && isspace((unsigned char)*s))
		s++;
	if (!*s) {
		*sp = s;
		return NULL;
	}
	char *w = s;
	if (*s == '"') {
		w = ++s;
		while (*s && *s != '"')
			s++;
		if (*s != '"')
			ft_fail("a closing quote — got %s", w - 1);
	} else {
		while (*s && !isspace((unsigned char)*s))
			s++;
	}
	if (*s)
		*s++ = '\0';
	*sp = s;
	return w;
}

/*
 * Strip a trailing "KW DURATION" ("within 5s", "for 3s") from s and return
 * the duration; def when s does not end that way.
 */
static double ft_take_within(char *s, const char *kw, double def)
{
	size_t kl = strlen(kw);
	ft_trim(s);
	char *last = strrchr(s, ' ');
	if (!last)
		return def;
	char *pe = last;
	while (pe > s && isspace((unsigned char)pe[-1]))
		pe--;
	char *ps = pe;
	while (ps > s && !isspace((unsigned char)ps[-1]))
		ps--;
	if ((size_t)(pe - ps) != kl || strncmp(ps, kw, kl) != 0)
		return def;
	double d = ft_parse_duration(last + 1);
	if (d < 0)
		ft_fail("a duration after '%s' (like 10s or 500ms) — got %s", kw, last + 1);
	*ps = '\0';
	ft_trim(s);
	return d;
}

static int64_t ft_need_i64(const char *w, const char *what)
{
	int64_t v;
	if (!w || ft_parse_i64(w, &v) != 0)
		ft_fail("%s (an integer) — got %s", what, w ? w : "nothing");
	return v;
}

static void ft_var_set(const char *name, const char *value)
{
	for (size_t i = 0; i < g.n_vars; i++) {
		if (strcmp(g.vars[i].name, name) == 0) {
			free(g.vars[i].value);
			g.vars[i].value = ft_xstrdup(value);
			return;
		}
	}
	if (strlen(name) >= sizeof g.vars[0].name)
		ft_fail("a variable name under 64 characters — got %s", name);
	ft_grow(&g.vars, &g.cap_vars, g.n_vars + 1, sizeof *g.vars);
	snprintf(g.vars[g.n_vars].name, sizeof g.vars[0].name, "%s", name);
	g.vars[g.n_vars++].value = ft_xstrdup(value);
}

/* ${NAME} substitution; an unknown name fails the step. */
static char *ft_substitute(const char *s)
{
	struct ft_buf b = { 0 };
	while (*s) {
		if (s[0] == '$' && s[1] == '{') {
			const char *e = strchr(s + 2, '}');
			if (!e)
				ft_fail("a closing } — got %s", s);
			char name[64];
			snprintf(name, sizeof name, "%.*s", (int)(e - s - 2), s + 2);
			size_t i;
			for (i = 0; i < g.n_vars; i++)
				if (strcmp(g.vars[i].name, name) == 0)
					break;
			if (i == g.n_vars)
				ft_fail("variable ${%s} to be set (by '=> %s' on an earlier bot line) — it is not", name, name);
			ft_buf_str(&b, g.vars[i].value);
			s = e + 1;
		} else {
			ft_buf_add(&b, s, 1);
			s++;
		}
	}
	if (!b.p)
		ft_buf_str(&b, "");
	return b.p;
}

/* ------------------------------------------------------------------ */
/* Users and updates                                                   */
/* ------------------------------------------------------------------ */

static struct ft_user *ft_user_get(int64_t id)
{
	for (size_t i = 0; i < g.n_users; i++)
		if (g.users[i].id == id)
			return &g.users[i];
	ft_grow(&g.users, &g.cap_users, g.n_users + 1, sizeof *g.users);
	struct ft_user *u = &g.users[g.n_users++];
	memset(u, 0, sizeof *u);
	u->id = id;
	snprintf(u->first, sizeof u->first, "User%" PRId64, id);
	snprintf(u->lang, sizeof u->lang, "en");
	return u;
}

static cJSON *ft_user_json(const struct ft_user *u)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "id", (double)u->id);
	cJSON_AddBoolToObject(o, "is_bot", 0);
	cJSON_AddStringToObject(o, "first_name", u->first);
	if (u->last[0])
		cJSON_AddStringToObject(o, "last_name", u->last);
	if (u->username[0])
		cJSON_AddStringToObject(o, "username", u->username);
	if (u->lang[0])
		cJSON_AddStringToObject(o, "language_code", u->lang);
	return o;
}

static cJSON *ft_private_chat_json(const struct ft_user *u)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "id", (double)u->id);
	cJSON_AddStringToObject(o, "type", "private");
	cJSON_AddStringToObject(o, "first_name", u->first);
	if (u->last[0])
		cJSON_AddStringToObject(o, "last_name", u->last);
	if (u->username[0])
		cJSON_AddStringToObject(o, "username", u->username);
	return o;
}

/* Queue an update; its payload (message, callback_query) is consumed. */
static void ft_update_queue(const char *type, cJSON *payload)
{
	cJSON *root = cJSON_CreateObject();
	int64_t id = g.next_update_id++;
	cJSON_AddNumberToObject(root, "update_id", (double)id);
	cJSON_AddItemToObject(root, type, payload);
	char *s = cJSON_PrintUnformatted(root);
	cJSON_Delete(root);
	if (!s)
		ft_oom();
	ft_grow(&g.updates, &g.cap_updates, g.n_updates + 1, sizeof *g.updates);
	struct ft_update *u = &g.updates[g.n_updates++];
	memset(u, 0, sizeof *u);
	u->id = id;
	u->json = ft_xstrdup(s);
	cJSON_free(s);
	snprintf(u->type, sizeof u->type, "%s", type);
	u->t_queued = ft_now();
	u->line = g.cur_line;
	/* Answered from ft_prepare_cb, so consecutive user lines form one batch. */
	g.updates_dirty = 1;
	ft_verbose("queued update %" PRId64 ": %s", id, u->json);
}

/* "\n" in scenario texts means a newline; "\\" a backslash. */
static char *ft_unescape(const char *s)
{
	char *d = ft_xmalloc(strlen(s) + 1), *o = d;
	for (; *s; s++) {
		if (s[0] == '\\' && s[1] == 'n') {
			*o++ = '\n';
			s++;
		} else if (s[0] == '\\' && s[1] == '\\') {
			*o++ = '\\';
			s++;
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
	return d;
}

/* Split "LEFT > RIGHT" at the first " > " (or a line ending " >"). */
static char *ft_split_arrow(char *s, const char *arrow_desc)
{
	char *a = strstr(s, " > ");
	if (!a && (a = strstr(s, " >")) && a[2] != '\0')
		a = NULL;
	if (!a)
		ft_fail("'%s' — no ' > ' in the line", arrow_desc);
	*a = '\0';
	char *r = a + 2;
	if (*r == ' ')
		r++;
	return r;
}

static cJSON *ft_message_base(const struct ft_user *u)
{
	cJSON *m = cJSON_CreateObject();
	cJSON_AddNumberToObject(m, "message_id", (double)g.next_mid++);
	cJSON_AddItemToObject(m, "from", ft_user_json(u));
	cJSON_AddItemToObject(m, "chat", ft_private_chat_json(u));
	cJSON_AddNumberToObject(m, "date", (double)time(NULL));
	return m;
}

/* Queue a text message from u (a leading /command gets its entity). */
static void ft_queue_text(const struct ft_user *u, const char *t)
{
	cJSON *m = ft_message_base(u);
	cJSON_AddStringToObject(m, "text", t);
	if (t[0] == '/') {
		/* Telegram marks the command; bots may rely on the entity. */
		size_t cl = strcspn(t, " \n");
		cJSON *ents = cJSON_AddArrayToObject(m, "entities");
		cJSON *e = cJSON_CreateObject();
		cJSON_AddStringToObject(e, "type", "bot_command");
		cJSON_AddNumberToObject(e, "offset", 0);
		cJSON_AddNumberToObject(e, "length", (double)cl);
		cJSON_AddItemToArray(ents, e);
	}
	ft_update_queue("message", m);
}

/* user UID [FIRST [LAST...]] [@USERNAME] [lang=XX] > TEXT */
static void ft_step_user(char *args)
{
	char *text = ft_split_arrow(args, "user UID [names] [@username] [lang=xx] > TEXT");
	char *w = ft_word(&args);
	int64_t uid = ft_need_i64(w, "a user id after 'user'");
	struct ft_user *u = ft_user_get(uid);
	int named = 0;
	while ((w = ft_word(&args)) != NULL) {
		if (w[0] == '@') {
			snprintf(u->username, sizeof u->username, "%s", w + 1);
		} else if (strncmp(w, "lang=", 5) == 0) {
			snprintf(u->lang, sizeof u->lang, "%s", w + 5);
		} else if (!named) {
			snprintf(u->first, sizeof u->first, "%s", w);
			u->last[0] = '\0';
			named = 1;
		} else {
			size_t l = strlen(u->last);
			snprintf(u->last + l, sizeof u->last - l, "%s%s", l ? " " : "", w);
		}
	}
	char *t = ft_unescape(text);
	if (!t[0])
		ft_fail("a message text after '>' — it is empty");
	ft_queue_text(u, t);
	free(t);
}

/* flood UID N > TEXT: N copies of a message from a known (or default) user. */
static void ft_step_flood(char *args)
{
	char *text = ft_split_arrow(args, "flood UID N > TEXT");
	int64_t uid = ft_need_i64(ft_word(&args), "a user id after 'flood'");
	int64_t n = ft_need_i64(ft_word(&args), "a count after 'flood UID'");
	if (n < 1 || n > 100000)
		ft_fail("a count from 1 to 100000 — got %" PRId64, n);
	char *t = ft_unescape(text);
	if (!t[0])
		ft_fail("a message text after '>' — it is empty");
	struct ft_user *u = ft_user_get(uid);
	for (int64_t i = 0; i < n; i++)
		ft_queue_text(u, t);
	free(t);
}

/* contact UID > PHONE [user_id=N|none] [first=NAME] [last=NAME] */
static void ft_step_contact(char *args)
{
	char *rest = ft_split_arrow(args, "contact UID > PHONE [user_id=N]");
	int64_t uid = ft_need_i64(ft_word(&args), "a user id after 'contact'");
	struct ft_user *u = ft_user_get(uid);
	char *phone = ft_word(&rest);
	if (!phone)
		ft_fail("a phone number after '>' — got nothing");
	int64_t cuid = uid;
	int has_cuid = 1;
	const char *first = u->first, *last = u->last;
	char *w;
	while ((w = ft_word(&rest)) != NULL) {
		if (strcmp(w, "user_id=none") == 0)
			has_cuid = 0;
		else if (strncmp(w, "user_id=", 8) == 0)
			cuid = ft_need_i64(w + 8, "user_id=N");
		else if (strncmp(w, "first=", 6) == 0)
			first = w + 6;
		else if (strncmp(w, "last=", 5) == 0)
			last = w + 5;
		else
			ft_fail("user_id=, first= or last= — got %s", w);
	}
	cJSON *m = ft_message_base(u);
	cJSON *c = cJSON_AddObjectToObject(m, "contact");
	cJSON_AddStringToObject(c, "phone_number", phone);
	cJSON_AddStringToObject(c, "first_name", first);
	if (last && last[0])
		cJSON_AddStringToObject(c, "last_name", last);
	if (has_cuid)
		cJSON_AddNumberToObject(c, "user_id", (double)cuid);
	ft_update_queue("message", m);
}

/* ------------------------------------------------------------------ */
/* Expectations on replies                                             */
/* ------------------------------------------------------------------ */

static void ft_describe_replies(struct ft_buf *b, int64_t chat)
{
	int n = 0;
	for (size_t i = 0; i < g.n_replies; i++) {
		struct ft_reply *r = &g.replies[i];
		if (r->chat != chat)
			continue;
		n++;
		ft_buf_printf(b, "\n    %s %s #%" PRId64 " at %.3fs: ", r->read ? "[read]  " : "[UNREAD]",
		    r->kind == 1 ? "edit" : r->kind == 2 ? "doc " : "send", r->mid, r->t);
		ft_buf_snippet(b, r->text, 300);
		if (r->buttons && r->buttons[0]) {
			ft_buf_str(b, " buttons=");
			ft_buf_snippet(b, r->buttons, 200);
		}
	}
	if (!n)
		ft_buf_printf(b, "\n    (nothing was delivered to chat %" PRId64 ")", chat);
	int failed = 0;
	for (size_t i = 0; i < g.n_calls; i++)
		if (g.calls[i]->has_chat && g.calls[i]->chat == chat && !g.calls[i]->ok)
			failed++;
	if (failed)
		ft_buf_printf(b, "\n    (%d call(s) to this chat were not delivered: see the calls below)", failed);
	int running = 0;
	for (size_t i = 0; i < g.n_bots; i++)
		running += g.bots[i]->running;
	if (!running)
		ft_buf_str(b, "\n    (no bot is running)");
}

/* VAR1 gets group 1 (the whole match when there are no groups), VAR2 group 2... */
static void ft_capture(const struct ft_pat *pat, const char *subj, const regmatch_t *ms, const char *vars)
{
	if (pat->kind != FT_PAT_RE || pat->neg)
		ft_fail("a positive ~regex pattern to capture into '%s' — got %s", vars, pat->src);
	char *vl = ft_xstrdup(vars), *vp = vl, *name;
	size_t group = pat->re.re_nsub ? 1 : 0;
	while ((name = ft_word(&vp)) != NULL) {
		if (group >= 10 || group > pat->re.re_nsub)
			ft_fail("capture group %zu for ${%s} in %s — the regex has %zu group(s)", group, name,
			    pat->src, pat->re.re_nsub);
		const regmatch_t *m = &ms[group];
		char *v = m->rm_so < 0 ? ft_xstrdup("") :
		    ft_xstrndup(subj + m->rm_so, (size_t)(m->rm_eo - m->rm_so));
		ft_var_set(name, v);
		ft_verbose("${%s} = %s", name, v);
		free(v);
		group++;
	}
	free(vl);
}

static void ft_last_set(int64_t chat, size_t idx)
{
	for (size_t i = 0; i < g.n_lasts; i++) {
		if (g.lasts[i].chat == chat) {
			g.lasts[i].idx = idx;
			return;
		}
	}
	ft_grow(&g.lasts, &g.cap_lasts, g.n_lasts + 1, sizeof *g.lasts);
	g.lasts[g.n_lasts].chat = chat;
	g.lasts[g.n_lasts++].idx = idx;
}

/* also UID PATTERN [=> VAR...]: check the reply the last "bot UID <" matched. */
static void ft_step_also(char *args)
{
	int64_t chat = ft_need_i64(ft_word(&args), "a chat id after 'also'");
	char *vars = NULL;
	char *arrow = strstr(args, " => ");
	if (arrow) {
		*arrow = '\0';
		vars = arrow + 4;
	}
	size_t i;
	for (i = 0; i < g.n_lasts; i++)
		if (g.lasts[i].chat == chat)
			break;
	if (i == g.n_lasts)
		ft_fail("an earlier 'bot %" PRId64 " <' step whose reply 'also' checks — there is none", chat);
	struct ft_reply *r = &g.replies[g.lasts[i].idx];
	struct ft_pat pat;
	ft_pat_parse(ft_trim(args), &pat);
	regmatch_t m[10];
	const char *subj = ft_reply_subject(&pat, r);
	int hit = ft_pat_match(&pat, subj, m, 10);
	if (hit == pat.neg) {
		struct ft_buf b = { 0 };
		ft_buf_snippet(&b, subj, 600);
		ft_fail("the reply to %" PRId64 " matched before (#%" PRId64 ") %s %s — it is %s", chat, r->mid,
		    pat.neg ? "not to match" : "also to match", pat.neg ? pat.src + 1 : pat.src, b.p);
	}
	if (vars)
		ft_capture(&pat, subj, m, vars);
	ft_pat_free(&pat);
}

struct ft_expect {
	int64_t chat;
	struct ft_pat *pat;
	size_t found;          /* index in g.replies */
	regmatch_t m[10];
};

static int ft_pred_reply(void *arg)
{
	struct ft_expect *e = arg;
	for (size_t i = 0; i < g.n_replies; i++) {
		struct ft_reply *r = &g.replies[i];
		if (r->chat != e->chat || r->read)
			continue;
		if (ft_pat_match(e->pat, ft_reply_subject(e->pat, r), e->m, 10)) {
			e->found = i;
			return 1;
		}
	}
	return 0;
}

/* bot UID < PATTERN [within D] [=> VAR...] */
static void ft_expect_reply(int64_t chat, char *rest, const char *vars)
{
	char *pattern = ft_trim(rest);
	struct ft_pat pat;
	ft_pat_parse(pattern, &pat);
	double within = pat.neg ? FT_WAIT_NEGATIVE : FT_WAIT_DEFAULT;
	ft_pat_free(&pat);
	within = ft_take_within(pattern, "within", within);
	ft_pat_parse(pattern, &pat);
	struct ft_expect e = { .chat = chat, .pat = &pat };
	if (pat.neg) {
		if (vars)
			ft_fail("no '=> VAR' on a negative expectation — got one");
		/* Nothing may come for that long in the bots' time. */
		if (ft_wait_for(ft_pred_reply, &e, ft_real(within))) {
			struct ft_buf b = { 0 };
			ft_describe_replies(&b, chat);
			ft_fail("no unread reply to %" PRId64 " matching %s for %.1fs — reply #%" PRId64 " matched:%s",
			    chat, pat.src + 1, within, g.replies[e.found].mid, b.p);
		}
		ft_pat_free(&pat);
		return;
	}
	if (!ft_wait_for(ft_pred_reply, &e, within)) {
		struct ft_buf b = { 0 };
		ft_describe_replies(&b, chat);
		ft_fail("a reply to %" PRId64 " matching %s within %.1fs — none came; replies to that chat:%s",
		    chat, pat.src, within, b.p);
	}
	/* Everything unread before the match was skipped on purpose. */
	for (size_t i = 0; i <= e.found; i++)
		if (g.replies[i].chat == chat)
			g.replies[i].read = 1;
	ft_last_set(chat, e.found);
	if (vars)
		ft_capture(&pat, ft_reply_subject(&pat, &g.replies[e.found]), e.m, vars);
	ft_pat_free(&pat);
}

static void ft_step_bot(char *args)
{
	int64_t chat = ft_need_i64(ft_word(&args), "a chat id after 'bot'");
	char *vars = NULL;
	char *arrow = strstr(args, " => ");
	if (arrow) {
		*arrow = '\0';
		vars = arrow + 4;
	}
	char *lt = ft_word(&args);
	if (!lt || strcmp(lt, "<") != 0)
		ft_fail("'bot UID < PATTERN' — got '%s' after the id", lt ? lt : "");
	ft_expect_reply(chat, args, vars);
}

/* capture VAR from UID ~REGEX [within D] */
static void ft_step_capture(char *args)
{
	char *name = ft_word(&args);
	char *from = ft_word(&args);
	if (!name || !from || strcmp(from, "from") != 0)
		ft_fail("'capture VAR from UID ~REGEX' — got something else");
	int64_t chat = ft_need_i64(ft_word(&args), "a chat id after 'from'");
	ft_expect_reply(chat, args, name);
}

struct ft_silence {
	int64_t chat;
	size_t hit;
};

static int ft_pred_any_unread(void *arg)
{
	struct ft_silence *s = arg;
	for (size_t i = 0; i < g.n_replies; i++)
		if (g.replies[i].chat == s->chat && !g.replies[i].read) {
			s->hit = i;
			return 1;
		}
	return 0;
}

/* silent UID [for D]: no unread reply now and none for D. */
static void ft_step_silent(char *args)
{
	double d = ft_take_within(args, "for", FT_WAIT_NEGATIVE);
	struct ft_silence s = { .chat = ft_need_i64(ft_word(&args), "a chat id after 'silent'") };
	if (ft_wait_for(ft_pred_any_unread, &s, ft_real(d))) {
		struct ft_buf b = { 0 };
		ft_describe_replies(&b, s.chat);
		ft_fail("no new reply to %" PRId64 " for %.1fs — got one:%s", s.chat, d, b.p);
	}
}

/* skip UID: mark every reply to UID read. */
static void ft_step_skip(char *args)
{
	int64_t chat = ft_need_i64(ft_word(&args), "a chat id after 'skip'");
	for (size_t i = 0; i < g.n_replies; i++)
		if (g.replies[i].chat == chat)
			g.replies[i].read = 1;
}

struct ft_press {
	int64_t chat;
	struct ft_pat *pat;
	struct ft_msg *msg;
	const cJSON *btn;
};

static int ft_pred_press(void *arg)
{
	struct ft_press *p = arg;
	p->msg = NULL;
	p->btn = NULL;
	for (size_t i = g.n_msgs; i-- > 0;) {
		struct ft_msg *m = &g.msgs[i];
		if (m->chat != p->chat || !m->markup)
			continue;
		const cJSON *kb = cJSON_GetObjectItemCaseSensitive(m->markup, "inline_keyboard");
		if (!cJSON_IsArray(kb))
			continue;
		p->msg = m;         /* the latest message with an inline keyboard */
		const cJSON *row, *btn;
		cJSON_ArrayForEach(row, kb) {
			cJSON_ArrayForEach(btn, row) {
				const cJSON *t = cJSON_GetObjectItemCaseSensitive(btn, "text");
				if (cJSON_IsString(t) && ft_pat_match(p->pat, t->valuestring, NULL, 0)) {
					p->btn = btn;
					return 1;
				}
			}
		}
		return 0;
	}
	return 0;
}

/* press UID LABEL [within D] */
static void ft_step_press(char *args)
{
	double within = ft_take_within(args, "within", FT_WAIT_DEFAULT);
	int64_t uid = ft_need_i64(ft_word(&args), "a user id after 'press'");
	char *label = ft_trim(args);
	if (!label[0])
		ft_fail("a button label after the user id — got nothing");
	struct ft_pat pat;
	ft_pat_parse(label, &pat);
	struct ft_press p = { .chat = uid, .pat = &pat };
	if (!ft_wait_for(ft_pred_press, &p, within)) {
		struct ft_buf b = { 0 };
		if (p.msg) {
			char *labels = ft_markup_labels(p.msg->markup);
			ft_buf_printf(&b, "the latest keyboard (message #%" PRId64 ") has: ", p.msg->mid);
			ft_buf_snippet(&b, labels ? labels : "", 400);
			free(labels);
		} else {
			ft_buf_str(&b, "no message to that chat has an inline keyboard");
		}
		ft_fail("a button matching %s in the latest inline keyboard sent to %" PRId64 " within %.1fs — %s",
		    pat.src, uid, within, b.p);
	}
	const cJSON *data = cJSON_GetObjectItemCaseSensitive(p.btn, "callback_data");
	if (!cJSON_IsString(data))
		ft_fail("button %s to carry callback_data — it has none (a url button?)", pat.src);
	struct ft_user *u = ft_user_get(uid);
	ft_grow(&g.cbqs, &g.cap_cbqs, g.n_cbqs + 1, sizeof *g.cbqs);
	struct ft_cbq *q = &g.cbqs[g.n_cbqs++];
	memset(q, 0, sizeof *q);
	snprintf(q->id, sizeof q->id, "cbq-%d", ++g.next_cbq);
	q->line = g.cur_line;
	cJSON *cb = cJSON_CreateObject();
	cJSON_AddStringToObject(cb, "id", q->id);
	cJSON_AddItemToObject(cb, "from", ft_user_json(u));
	cJSON *m = cJSON_AddObjectToObject(cb, "message");
	cJSON_AddNumberToObject(m, "message_id", (double)p.msg->mid);
	cJSON_AddItemToObject(m, "from", ft_bot_user_json());
	cJSON_AddItemToObject(m, "chat", ft_private_chat_json(u));
	cJSON_AddNumberToObject(m, "date", (double)time(NULL));
	cJSON_AddStringToObject(m, "text", p.msg->text);
	cJSON_AddItemToObject(m, "reply_markup", cJSON_Duplicate(p.msg->markup, 1));
	cJSON_AddStringToObject(cb, "chat_instance", "1");
	cJSON_AddStringToObject(cb, "data", data->valuestring);
	ft_pat_free(&pat);
	ft_update_queue("callback_query", cb);
}

/* ------------------------------------------------------------------ */
/* Faults                                                              */
/* ------------------------------------------------------------------ */

static const char *ft_default_desc(int status)
{
	switch (status) {
	case 400: return "Bad Request: chat not found";
	case 401: return "Unauthorized";
	case 403: return "Forbidden: bot was blocked by the user";
	case 404: return "Not Found";
	case 409: return "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running";
	case 429: return "Too Many Requests: retry after %d";
	case 500: return "Internal Server Error";
	case 502: return "Bad Gateway";
	case 503: return "Service Unavailable";
	case 504: return "Gateway Timeout";
	default: return "Error";
	}
}

/* fault METHOD KIND [options] | fault clear [METHOD] */
static void ft_step_fault(char *args)
{
	char *method = ft_word(&args);
	if (!method)
		ft_fail("'fault METHOD KIND' — got nothing");
	if (strcmp(method, "clear") == 0) {
		char *which = ft_word(&args);
		for (size_t i = 0; i < g.n_faults; i++)
			if (!which || strcmp(g.faults[i].method, which) == 0)
				g.faults[i].times = 0;
		return;
	}
	char *kind = ft_word(&args);
	if (!kind)
		ft_fail("a fault kind (a status code, drop, reset, hang, nonjson, truncate, delay=D) — got nothing");
	ft_grow(&g.faults, &g.cap_faults, g.n_faults + 1, sizeof *g.faults);
	struct ft_fault *f = &g.faults[g.n_faults];
	memset(f, 0, sizeof *f);
	snprintf(f->method, sizeof f->method, "%s", method);
	f->times = 1;
	f->line = g.cur_line;
	if (isdigit((unsigned char)kind[0])) {
		f->kind = FK_STATUS;
		f->status = (int)ft_need_i64(kind, "an HTTP status");
		if (f->status < 300 || f->status > 599)
			ft_fail("an error status 300..599 — got %d", f->status);
	} else if (strcmp(kind, "drop") == 0) {
		f->kind = FK_DROP;
	} else if (strcmp(kind, "reset") == 0) {
		f->kind = FK_RESET;
	} else if (strcmp(kind, "hang") == 0) {
		f->kind = FK_HANG;
	} else if (strcmp(kind, "nonjson") == 0) {
		f->kind = FK_NONJSON;
		f->status = 502;
	} else if (strcmp(kind, "truncate") == 0) {
		f->kind = FK_TRUNCATE;
	} else if (strncmp(kind, "delay=", 6) == 0) {
		f->kind = FK_DELAY;
		f->delay = ft_parse_duration(kind + 6);
		if (f->delay < 0)
			ft_fail("delay=DURATION — got %s", kind);
	} else {
		ft_fail("a fault kind (a status code, drop, reset, hang, nonjson, truncate, delay=D) — got %s", kind);
	}
	int have_desc = 0;
	char *w;
	while ((w = ft_word(&args)) != NULL) {
		if (strncmp(w, "retry_after=", 12) == 0) {
			f->retry_after = (int)ft_need_i64(w + 12, "retry_after=SECONDS");
		} else if (strcmp(w, "times=always") == 0) {
			f->times = -1;
		} else if (strncmp(w, "times=", 6) == 0) {
			f->times = (int)ft_need_i64(w + 6, "times=N");
		} else if (strncmp(w, "after=", 6) == 0) {
			f->after = (int)ft_need_i64(w + 6, "after=N");
		} else if (strncmp(w, "chat=", 5) == 0) {
			f->chat = ft_need_i64(w + 5, "chat=ID");
			f->has_chat = 1;
		} else if (strncmp(w, "status=", 7) == 0) {
			f->status = (int)ft_need_i64(w + 7, "status=CODE");
		} else if (!have_desc) {
			/* A quoted word: the description. */
			snprintf(f->desc, sizeof f->desc, "%s", w);
			have_desc = 1;
		} else {
			ft_fail("fault options retry_after=, times=, after=, chat=, status= or one \"description\" — got %s", w);
		}
	}
	if (f->kind == FK_STATUS && !have_desc) {
		const char *d = ft_default_desc(f->status);
		if (f->status == 429)
			snprintf(f->desc, sizeof f->desc, "Too Many Requests: retry after %d", f->retry_after);
		else
			snprintf(f->desc, sizeof f->desc, "%s", d);
	}
	g.n_faults++;
}

/* ------------------------------------------------------------------ */
/* Process control steps                                               */
/* ------------------------------------------------------------------ */

static int ft_pred_polled(void *arg)
{
	struct ft_bot *b = arg;
	return b->polls > 0 || !b->running;
}

static void ft_calls_of(struct ft_buf *b, const struct ft_bot *bot, double since)
{
	int n = 0;
	for (size_t i = 0; i < g.n_calls; i++) {
		struct ft_call *c = g.calls[i];
		if (c->bot != bot || c->t < since)
			continue;
		ft_buf_printf(b, "%s%s", n++ ? ", " : "", c->method);
	}
	if (!n)
		ft_buf_str(b, "none");
}

/* start [NAME] [nowait] [within D] */
static void ft_step_start(char *args)
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
		b = ft_xcalloc(1, sizeof *b);
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
		struct ft_buf calls = { 0 };
		ft_calls_of(&calls, b, b->t_start);
		char d[96] = "";
		if (b->exited)
			ft_describe_status(b->status, d, sizeof d);
		if (b->exited)
			ft_fail("bot '%s' to start and call getUpdates — it exited (%s) after %.1fs; calls it made: %s",
			    name, d, b->t_exit - b->t_start, calls.p);
		ft_fail("bot '%s' to call getUpdates within %.1fs of its start — it did not; calls it made: %s",
		    name, within, calls.p);
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

static int ft_pred_exited(void *arg)
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
static void ft_step_kill(char *args)
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

static void ft_step_term(char *args)
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
	if (ft_parse_i64(want, &code) != 0)
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
static char *ft_read_log(const struct ft_bot *b)
{
	FILE *f = fopen(b->log, "r");
	if (!f)
		return ft_xstrdup("");
	struct ft_buf buf = { 0 };
	if (fseeko(f, b->log_from, SEEK_SET) == 0) {
		char chunk[8192];
		size_t n;
		while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
			ft_buf_add(&buf, chunk, n);
	}
	fclose(f);
	if (!buf.p)
		ft_buf_str(&buf, "");
	return buf.p;
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
static void ft_step_expect(char *args)
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
		ft_pat_free(&pat);
		ft_pat_parse(pattern, &pat);
		struct ft_logwait lw = { b, &pat };
		int hit = ft_wait_for(ft_pred_log, &lw, within);
		if (pat.neg && hit)
			ft_fail("the log of '%s' not to match %s — it does (see the tail below)", b->name, pat.src + 1);
		if (!pat.neg && !hit)
			ft_fail("the log of '%s' (since its last start) to match %s within %.1fs — it does not",
			    b->name, pat.src, within);
		ft_pat_free(&pat);
		return;
	}
	ft_fail("'expect exit' or 'expect log' — got 'expect %s'", what);
}

/* stop [NAME]: SIGTERM, then it must exit 0 within 15 s. */
static void ft_step_stop(char *args)
{
	double within = ft_take_within(args, "within", FT_WAIT_STOP);
	struct ft_bot *b = ft_bot_arg(&args);
	ft_signal_bot(b, SIGTERM);
	ft_expect_exit(b, "0", within);
}

/* ------------------------------------------------------------------ */
/* Waits and assertions over the recorded calls                        */
/* ------------------------------------------------------------------ */

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
	*out = ft_xcalloc(g.n_calls + 1, sizeof **out);
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
		ft_pat_free(&f.text);
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
		ft_pat_free(&f.text);
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

static void ft_step_assert(char *args)
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
			ft_pat_free(&f.text);
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
			struct ft_buf b = { 0 };
			ft_describe_replies(&b, chat);
			ft_fail("%s %ld message(s) to %" PRId64 " matching %s — got %ld:%s", ft_cmp_str(f.cmp), f.count,
			    chat, pat.src, n, b.p);
		}
		ft_pat_free(&pat);
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
static void ft_step_wait(char *args)
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
			ft_pat_free(&f.text);
	} else {
		ft_fail("'wait DURATION' or 'wait delivered|confirmed|idle|calls' — got 'wait %s'", what);
	}
}

/* updates restart ID: later updates are numbered from ID (lower than before). */
static void ft_step_updates(char *args)
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
static void ft_step_config(char *args)
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
	c->value = val[0] ? ft_xstrdup(val) : NULL;
}

/* env NAME=VALUE | env NAME (unset) — for bots started later. */
static void ft_step_env(char *args)
{
	char *s = ft_trim(args);
	char *eq = strchr(s, '=');
	ft_grow(&g.envs, &g.cap_envs, g.n_envs + 1, sizeof *g.envs);
	struct ft_env *e = &g.envs[g.n_envs++];
	e->name = eq ? ft_xstrndup(s, (size_t)(eq - s)) : ft_xstrdup(s);
	e->value = eq ? ft_xstrdup(eq + 1) : NULL;
}

/* limits on|off: answer 429 beyond Telegram's limits, as it does. */
static void ft_step_limits(char *args)
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
static void ft_step_report(char *args)
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
		ft_pat_free(&f.text);
}

/* timescale N: the bots' clock runs N times faster (1: real time). */
static void ft_step_timescale(char *args)
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
static void ft_step_set(char *args)
{
	char *eq = strchr(args, '=');
	if (!eq)
		ft_fail("'set VAR = VALUE' — no '='");
	*eq = '\0';
	ft_var_set(ft_trim(args), ft_trim(eq + 1));
}

/* port VAR: a free loopback TCP port in ${VAR}, for a server of the bot's. */
static void ft_step_port(char *args)
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
static void ft_step_run(char *args)
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

/* ------------------------------------------------------------------ */
/* Driver                                                              */
/* ------------------------------------------------------------------ */

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
		g.lines[g.n_lines++].text = ft_xstrdup(t);
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

static void ft_cleanup(void)
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
	g.t0 = ft_mono();
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
