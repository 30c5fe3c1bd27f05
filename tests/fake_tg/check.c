/*
 * fake_tg/check.c — the text checker: what Telegram refuses (HTML,
 * lengths) and the scenarios' reply patterns. See fake_tg.h.
 */
#include "tests/fake_tg/fake_tg.h"

/* ---- HTML and length checks (what Telegram refuses) ---- */

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
long ft_text_len(const char *s, int html, char *err, size_t errlen)
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

/* ---- Patterns: "~regex", "=exact", "substring", negated with a leading ! ---- */

void ft_pat_release(struct ft_pat *p)
{
	if (p->have_re)
		regfree(&p->re);
	free(p->src);
	free(p->text);
	memset(p, 0, sizeof *p);
}

void ft_pat_parse(const char *s, struct ft_pat *p)
{
	memset(p, 0, sizeof *p);
	p->src = xstrdup(s);
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
		p->text = xstrndup(s + 1, n - 2);
	else
		p->text = xstrdup(s);
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
int ft_pat_match(const struct ft_pat *p, const char *s, regmatch_t *m, size_t nm)
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

const char *ft_reply_subject(const struct ft_pat *p, const struct ft_reply *r)
{
	return p->on_buttons ? (r->buttons ? r->buttons : "") : r->text;
}
