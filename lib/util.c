/*
 * util.c — leaf helpers: allocation, string buffers, HTML escaping and
 * splitting, phone numbers, random codes, the clock, private files. See
 * util.h.
 */
#include "lib/util.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static void util_oom(size_t n)
{
	fprintf(stderr, "bjjbot: out of memory (%zu bytes)\n", n);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (p == NULL)
		util_oom(n);
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (p == NULL)
		util_oom(n * size);
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (q == NULL)
		util_oom(n);
	return q;
}

char *xstrdup(const char *s)
{
	return s ? xstrndup(s, strlen(s)) : NULL;
}

char *xstrndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *p = xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	struct buf b = { 0 };
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	if (b.s == NULL)
		return xstrdup("");
	return buf_detach(&b);
}

/* ---- struct buf ------------------------------------------------------- */

void buf_init(struct buf *b)
{
	b->s = NULL;
	b->len = 0;
	b->cap = 0;
}

void buf_free(struct buf *b)
{
	free(b->s);
	buf_init(b);
}

char *buf_detach(struct buf *b)
{
	char *s = b->s ? b->s : xstrdup("");
	buf_init(b);
	return s;
}

static void buf_grow(struct buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	b->s = xrealloc(b->s, cap);
	b->cap = cap;
}

void buf_add(struct buf *b, const char *s, size_t n)
{
	buf_grow(b, n);
	if (n)
		memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void buf_addc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

void buf_vaddf(struct buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return;
	buf_grow(b, (size_t)n);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vaddf(b, fmt, ap);
	va_end(ap);
}

void buf_truncate(struct buf *b, size_t len)
{
	if (len < b->len) {
		b->len = len;
		b->s[len] = '\0';
	}
}

const char *buf_str(const struct buf *b)
{
	return b->s ? b->s : "";
}

/* ---- HTML ------------------------------------------------------------- */

void buf_add_html(struct buf *b, const char *s)
{
	if (s == NULL)
		return;
	for (; *s; s++) {
		switch (*s) {
		case '&': buf_adds(b, "&amp;"); break;
		case '<': buf_adds(b, "&lt;"); break;
		case '>': buf_adds(b, "&gt;"); break;
		case '"': buf_adds(b, "&quot;"); break;
		default: buf_addc(b, *s); break;
		}
	}
}

char *html_escape(const char *s)
{
	struct buf b = { 0 };
	buf_add_html(&b, s ? s : "");
	return buf_detach(&b);
}

char *html_to_plain(const char *html)
{
	static const struct { const char *ent; char c; } ents[] = {
		{ "&lt;", '<' }, { "&gt;", '>' }, { "&amp;", '&' }, { "&quot;", '"' },
	};
	struct buf b = { 0 };

	buf_adds(&b, "");
	for (const char *p = html ? html : ""; *p; ) {
		if (*p == '<') {
			const char *end = strchr(p, '>');
			if (end != NULL) {
				p = end + 1;
				continue;
			}
		} else if (*p == '&') {
			size_t i;
			for (i = 0; i < BJJ_ARRAY_LEN(ents); i++) {
				size_t n = strlen(ents[i].ent);
				if (strncmp(p, ents[i].ent, n) == 0) {
					buf_addc(&b, ents[i].c);
					p += n;
					break;
				}
			}
			if (i < BJJ_ARRAY_LEN(ents))
				continue;
		}
		buf_addc(&b, *p++);
	}
	return buf_detach(&b);
}

size_t utf8_len(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

size_t utf8_invalid_at(const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0, k, need;

	while (i < len) {
		if (s[i] == 0)
			return i;
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		if (s[i] >= 0xC2 && s[i] <= 0xDF)
			need = 1;
		else if (s[i] >= 0xE0 && s[i] <= 0xEF)
			need = 2;
		else if (s[i] >= 0xF0 && s[i] <= 0xF4)
			need = 3;
		else
			return i;
		if (i + need >= len)
			return i;
		for (k = 1; k <= need; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return i;
		}
		/* Overlong forms, surrogates, beyond U+10FFFF. */
		if ((s[i] == 0xE0 && s[i + 1] < 0xA0) || (s[i] == 0xED && s[i + 1] >= 0xA0) ||
		    (s[i] == 0xF0 && s[i + 1] < 0x90) || (s[i] == 0xF4 && s[i + 1] >= 0x90))
			return i;
		i += need + 1;
	}
	return len;
}

char *utf8_lower(const char *s)
{
	char *out = xstrdup(s != NULL ? s : "");
	unsigned char *p = (unsigned char *)out;

	for (; *p != '\0'; p++) {
		if (*p >= 'A' && *p <= 'Z') {
			*p = (unsigned char)(*p - 'A' + 'a');
		} else if (*p == 0xD0 && p[1] >= 0x90 && p[1] <= 0x9F) {
			p[1] = (unsigned char)(p[1] + 0x20);          /* А-П -> а-п */
			p++;
		} else if (*p == 0xD0 && p[1] >= 0xA0 && p[1] <= 0xAF) {
			p[0] = 0xD1;                                  /* Р-Я -> р-я */
			p[1] = (unsigned char)(p[1] - 0x20);
			p++;
		} else if (*p == 0xD0 && p[1] == 0x81) {
			p[0] = 0xD1;                                  /* Ё -> ё */
			p[1] = 0x91;
			p++;
		}
	}
	return out;
}

int utf8_ieq(const char *a, const char *b)
{
	char *la = utf8_lower(a), *lb = utf8_lower(b);
	int eq = strcmp(la, lb) == 0;

	free(la);
	free(lb);
	return eq;
}

/*
 * Where a piece of at most max UTF-16 units starting at s may end: after
 * the last '\n' within the limit, else after the last space, else at the
 * limit itself — moved back out of any "<tag>" or "&entity;" it would cut.
 * Returns the byte length of the piece (always > 0 when *s).
 */
static size_t text_cut(const char *s, size_t max)
{
	size_t bytes = 0, chars = 0, last_nl = 0, last_sp = 0, safe = 0;
	int in_tag = 0, in_ent = 0;

	while (s[bytes] && chars < max) {
		unsigned char c = (unsigned char)s[bytes];
		size_t w = 1;
		while ((s[bytes + w] & 0xC0) == 0x80)
			w++;
		/* Telegram counts UTF-16 units: a character beyond the basic
		 * plane (4 UTF-8 bytes, most emoji) is two. */
		if (c >= 0xF0 && chars + 2 > max && chars > 0)
			break;
		if (c == '<')
			in_tag = 1;
		else if (c == '&')
			in_ent = 1;
		bytes += w;
		chars += c >= 0xF0 ? 2 : 1;
		if (c == '>')
			in_tag = 0;
		else if (c == ';')
			in_ent = 0;
		if (!in_tag && !in_ent) {
			safe = bytes;
			if (c == '\n')
				last_nl = bytes;
			else if (c == ' ')
				last_sp = bytes;
		}
	}
	if (s[bytes] == '\0')
		return bytes;
	if (last_nl)
		return last_nl;
	if (last_sp)
		return last_sp;
	return safe ? safe : bytes;
}

size_t text_split(const char *text, size_t max_chars, char ***parts)
{
	size_t n = 0, cap = 0;
	char **v = NULL;
	const char *p = text ? text : "";

	if (max_chars == 0)
		max_chars = 1;
	do {
		size_t len = text_cut(p, max_chars);
		size_t keep = len;
		/* A newline at the cut belongs to neither part. */
		while (keep > 0 && p[keep - 1] == '\n')
			keep--;
		if (keep > 0 || n == 0) {
			if (n == cap) {
				cap = cap ? cap * 2 : 4;
				v = xrealloc(v, cap * sizeof(*v));
			}
			v[n++] = xstrndup(p, keep);
		}
		p += len;
	} while (*p);
	*parts = v;
	return n;
}

void strv_free(char **v, size_t n)
{
	if (v == NULL)
		return;
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* ---- phones, codes, numbers --------------------------------------------- */

int phone_normalize(const char *in, char out[PHONE_MAX])
{
	char digits[32];
	size_t n = 0;
	int plus = 0;
	const char *p = in;

	if (in == NULL)
		return -1;
	while (*p == ' ')
		p++;
	if (*p == '+') {
		plus = 1;
		p++;
	}
	for (; *p; p++) {
		if (isdigit((unsigned char)*p)) {
			if (n >= sizeof(digits) - 1)
				return -1;
			digits[n++] = *p;
		} else if (!strchr(" -.()", *p)) {
			return -1;
		}
	}
	digits[n] = '\0';
	char *d = digits;
	if (!plus && n > 2 && d[0] == '0' && d[1] == '0') {
		d += 2;
		n -= 2;
	} else if (!plus && n == 11 && d[0] == '8') {
		d[0] = '7';
	}
	if (n < 7 || n > 15 || d[0] == '0')
		return -1;
	out[0] = '+';
	memcpy(out + 1, d, n + 1);
	return 0;
}

void random_code(char *out, size_t n)
{
	static const char alphabet[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
	unsigned char rnd[64];
	size_t done = 0;

	while (done < n) {
		size_t want = n - done < sizeof(rnd) ? n - done : sizeof(rnd);
		ssize_t got = getrandom(rnd, want, 0);
		if (got < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "bjjbot: getrandom failed\n");
			abort();
		}
		for (ssize_t i = 0; i < got; i++)
			out[done++] = alphabet[rnd[i] & 63];
	}
	out[n] = '\0';
}

int parse_i64(const char *s, int64_t *out)
{
	char *end;
	long long v;

	if (s == NULL || *s == '\0' || isspace((unsigned char)*s))
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0')
		return -1;
	*out = v;
	return 0;
}

/* ---- clock ------------------------------------------------------------ */

static int64_t clock_fake;     /* a stopped clock (unit tests), 0: none */
static int64_t clock_offset;   /* seconds added to the real time (BJJBOT_FAKE_NOW) */
static int clock_env_read;
static double clock_rate = 1.0;        /* the test time scale */
static int64_t clock_anchor;           /* clock_now() when the scale was set */
static double clock_anchor_mono;       /* and clock_mono() then */

int64_t clock_now(void)
{
	if (!clock_env_read) {
		int64_t t;
		const char *e = getenv("BJJBOT_FAKE_NOW");
		clock_env_read = 1;
		if (e != NULL && parse_i64(e, &t) == 0 && t > 0)
			clock_offset = t - (int64_t)time(NULL);
	}
	if (clock_fake)
		return clock_fake;
	if (clock_rate != 1.0)
		return clock_anchor + (int64_t)((clock_mono() - clock_anchor_mono) * clock_rate);
	return (int64_t)time(NULL) + clock_offset;
}

void clock_set_fake(int64_t t)
{
	clock_env_read = 1;
	clock_fake = t;
}

double clock_mono(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void clock_set_scale(double scale)
{
	clock_anchor = clock_now();
	clock_anchor_mono = clock_mono();
	clock_rate = scale >= 1.0 ? scale : 1.0;
}

double clock_bot(void)
{
	return clock_mono() * clock_rate;
}

double clock_span(double d)
{
	return d / clock_rate;
}

int file_create_private(const char *path, int excl)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | (excl ? O_EXCL : O_TRUNC), 0600);

	/* The umask can only take bits away: set the mode exactly. */
	if (fd >= 0 && fchmod(fd, 0600) != 0) {
		int e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

int dir_create_private(const char *dir)
{
	if (mkdir(dir, 0700) != 0)
		return errno == EEXIST ? 0 : -1;
	return chmod(dir, 0700);
}

int dirs_create_private(const char *dir)
{
	char *copy = xstrdup(dir);
	int rc = 0, e;

	for (char *p = copy + 1; *p != '\0' && rc == 0; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		rc = dir_create_private(copy);
		*p = '/';
	}
	e = errno;
	free(copy);
	if (rc != 0) {
		errno = e;
		return -1;
	}
	return dir_create_private(dir);
}
