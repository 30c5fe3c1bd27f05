/*
 * fake_tg/common.c — small helpers, the state every part shares, failure
 * reporting. See fake_tg.h.
 */
#include "tests/fake_tg/fake_tg.h"

/* ---- Small utilities ---- */

/* Grow *arr (elements of size el) so that it holds at least need elements. */
void ft_grow(void *arr, size_t *cap, size_t need, size_t el)
{
	void **pp = arr;
	if (need <= *cap)
		return;
	size_t ncap = *cap ? *cap * 2 : 16;
	while (ncap < need)
		ncap *= 2;
	*pp = xrealloc(*pp, ncap * el);
	*cap = ncap;
}

/* n bytes of s and a NUL, NUL bytes among them included (xstrndup stops
 * at the first): a request body. Owned. */
char *ft_memdup(const char *s, size_t n)
{
	char *d = xmalloc(n + 1);
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

void ft_buf_consume(struct buf *b, size_t n)
{
	if (n >= b->len) {
		b->len = 0;
	} else {
		memmove(b->s, b->s + n, b->len - n);
		b->len -= n;
	}
	if (b->s)
		b->s[b->len] = '\0';
}

char *ft_trim(char *s)
{
	while (*s && isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	return s;
}

/* Parse "10", "10s", "1.5s", "500ms" into seconds; -1 when malformed. */
double ft_parse_duration(const char *s)
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

/* A JSON number or numeric string as int64 (ids exceed 32 bits). */
int ft_json_i64(const cJSON *v, int64_t *out)
{
	if (cJSON_IsNumber(v)) {
		*out = (int64_t)v->valuedouble;
		return 0;
	}
	if (cJSON_IsString(v) && v->valuestring)
		return parse_i64(v->valuestring, out);
	return -1;
}

/* One-line, length-capped rendering of a text for failure output. */
void ft_buf_snippet(struct buf *b, const char *s, size_t max)
{
	buf_adds(b, "\"");
	size_t i;
	for (i = 0; s[i] && i < max; i++) {
		if (s[i] == '\n')
			buf_adds(b, "\\n");
		else if (s[i] == '"')
			buf_adds(b, "\\\"");
		else
			buf_add(b, &s[i], 1);
	}
	buf_adds(b, "\"");
	if (s[i])
		buf_addf(b, "...(%zu bytes)", strlen(s));
}

/* The state every part shares (fake_tg.h). */
struct ft_global g;

double ft_now(void)
{
	return clock_mono() - g.t0;
}

/*
 * The bots run on a scaled clock (BJJBOT_TIME_SCALE): Telegram's times
 * (long-poll timeouts, delays) and the scenario's waits and timing
 * assertions are in the bots' seconds; ft_real converts them to ours,
 * ft_bot_time converts a span we measured back.
 */
double ft_real(double bot_seconds)
{
	return bot_seconds / g.time_scale;
}

double ft_bot_time(double real_seconds)
{
	return real_seconds * g.time_scale;
}

/* ---- Failure reporting ---- */

/*
 * Report the failure of the current step, dump what helps to understand
 * it, kill every bot and exit 1. Callers phrase msg as
 * "<what was expected> — <what happened>".
 */
__attribute__((format(printf, 1, 2), noreturn))
void ft_fail(const char *fmt, ...)
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
void ft_verbose(const char *fmt, ...)
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
