/*
 * text.c — HTML escaping, UTF-8, splitting a reply into messages, phone
 * numbers, random codes and whole-string numbers (see text.h).
 */
#include "lib/text.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "lib/alloc.h"
#include "lib/arena.h"
#include "lib/buf.h"

/* ---- HTML ------------------------------------------------------------- */

/* The entity standing for c in Telegram's HTML, or NULL when c stands
 * for itself. */
static const char *html_entity(char c)
{
	switch (c) {
	case '&': return "&amp;";
	case '<': return "&lt;";
	case '>': return "&gt;";
	case '"': return "&quot;";
	default: return NULL;
	}
}

void buf_add_html(struct buf *b, const char *s)
{
	const char *e;

	if (s == NULL)
		return;
	for (; *s; s++) {
		if ((e = html_entity(*s)) != NULL)
			buf_adds(b, e);
		else
			buf_addc(b, *s);
	}
}

void buf_add_json_str(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const char *run;

	buf_addc(b, '"');
	for (run = s = s ? s : ""; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		buf_add(b, run, (size_t)(s - run));
		run = s + 1;
		switch (c) {
		case '"': buf_adds(b, "\\\""); break;
		case '\\': buf_adds(b, "\\\\"); break;
		case '\n': buf_adds(b, "\\n"); break;
		case '\r': buf_adds(b, "\\r"); break;
		case '\t': buf_adds(b, "\\t"); break;
		case '\b': buf_adds(b, "\\b"); break;
		case '\f': buf_adds(b, "\\f"); break;
		default:
			buf_adds(b, "\\u00");
			buf_addc(b, hex[c >> 4]);
			buf_addc(b, hex[c & 15]);
			break;
		}
	}
	buf_add(b, run, (size_t)(s - run));
	buf_addc(b, '"');
}

char *html_escape(const char *s)
{
	struct buf b = { 0 };
	buf_add_html(&b, s ? s : "");
	return buf_detach(&b);
}

char *html_escape_in(struct arena *a, const char *s)
{
	size_t n = 0;
	const char *p, *e;
	char *out, *o;

	for (p = s ? s : ""; *p; p++)
		n += (e = html_entity(*p)) != NULL ? strlen(e) : 1;
	o = out = arena_alloc(a, n + 1);
	for (p = s ? s : ""; *p; p++) {
		if ((e = html_entity(*p)) != NULL) {
			memcpy(o, e, strlen(e));
			o += strlen(e);
		} else {
			*o++ = *p;
		}
	}
	*o = '\0';
	return out;
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

static const char code_alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

size_t code_span(const char *s)
{
	return strspn(s, code_alphabet);
}

void random_code(char *out, size_t n)
{
	const char *alphabet = code_alphabet;
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
