/*
 * lang.c — the language list of lang.h as data: its rows, and the
 * language a code names (Telegram's language_code, the config's
 * `language`), and the keywords commands accept in any language.
 * Callers: the router, reply.c (h_plural), the command handlers, bot/
 * (config).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lib/util.h"
#include "handlers/handlers.h"

#define H_LANG_ROW_(id, code, native, rule, ...) [LANG_##id] = { #id, code, native, rule },
static const struct h_lang_info h_langs[LANG_COUNT] = { H_LANGS(H_LANG_ROW_, ~) };

const struct h_lang_info *h_lang_info(enum lang l)
{
	return &h_langs[(unsigned)l < LANG_COUNT ? l : 0];
}

int h_lang_by_code(const char *code)
{
	for (int l = 0; code != NULL && l < LANG_COUNT; l++) {
		if (strcmp(h_langs[l].code, code) == 0)
			return l;
	}
	return -1;
}

enum lang h_lang_from_code(const char *code, enum lang def)
{
	size_t len;

	if (code == NULL)
		return def;
	len = strcspn(code, "-_");
	for (int l = 0; l < LANG_COUNT; l++) {
		if (strlen(h_langs[l].code) == len && strncasecmp(h_langs[l].code, code, len) == 0)
			return (enum lang)l;
	}
	return def;
}

/* 1 when the n words of alt (space-separated) are argv[at..at+n). */
static int h_kw_alt_match(char *const *argv, size_t argc, size_t at, const char *alt, size_t len,
    size_t *n)
{
	const char *p = alt, *end = alt + len;
	int ok = 1;

	*n = 0;
	while (ok && p < end) {
		size_t wl = strcspn(p, " ");
		char *w;

		if (p + wl > end)
			wl = (size_t)(end - p);
		if (at + *n >= argc)
			return 0;
		w = xstrndup(p, wl);
		ok = utf8_ieq(w, argv[at + *n]);
		free(w);
		(*n)++;
		p += wl;
		while (p < end && *p == ' ')
			p++;
	}
	return ok && *n > 0;
}

size_t h_kw_match(char *const *argv, size_t argc, size_t at, const char *const forms[LANG_COUNT])
{
	size_t best = 0, n;

	for (int l = 0; l < LANG_COUNT; l++) {
		const char *p = forms[l];

		while (p != NULL && *p != '\0') {
			size_t len = strcspn(p, "|");

			if (h_kw_alt_match(argv, argc, at, p, len, &n) && n > best)
				best = n;
			p += len;
			if (*p == '|')
				p++;
		}
	}
	return best;
}
