/*
 * lang.c — the language list of lang.h as data: its rows, and the
 * language a code names (Telegram's language_code, the config's
 * `language`). Callers: the router, reply.c (h_plural), bot/ (config).
 */
#include <string.h>
#include <strings.h>

#include "handlers/handlers.h"

#define H_LANG_ROW_(id, code, native, rule, ...) [LANG_##id] = { #id, code, native, rule },
static const struct h_lang_info h_langs[LANG_COUNT] = { H_LANGS(H_LANG_ROW_, ~) };

const struct h_lang_info *
h_lang_info(enum lang l)
{
	return &h_langs[(unsigned)l < LANG_COUNT ? l : 0];
}

int
h_lang_by_code(const char *code)
{
	for (int l = 0; code != NULL && l < LANG_COUNT; l++) {
		if (strcmp(h_langs[l].code, code) == 0)
			return l;
	}
	return -1;
}

enum lang
h_lang_from_code(const char *code, enum lang def)
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
