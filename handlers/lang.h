/*
 * lang.h — the languages the bot speaks, as one list. Everything that
 * depends on the set of languages (enum lang, H_T in texts.h, language
 * detection, the config's `language`, the command menus) expands this
 * list, so a new language is one line here plus its strings (README, "Adding
 * a language").
 *
 * H_LANGS(X, ...) calls X(ID, code, native name, plural rule, ...) once per
 * language: ID makes LANG_<ID> and the suffix of its texts (T_NAME_<ID>),
 * code is the IETF prefix Telegram reports in language_code and the
 * config's `language` accepts, the plural rule is an enum h_plural_rule.
 * The first language (H_LANG_FIRST) is the fallback when nothing else
 * fits; the others are H_LANGS_MORE, where a new language goes.
 */
#ifndef BJJ_LANG_H
#define BJJ_LANG_H

#include <stddef.h>

#define H_LANG_FIRST(X, ...) \
	X(EN, "en", "English", H_PLURAL_ONE_OTHER, __VA_ARGS__)
#define H_LANGS_MORE(X, ...) \
	X(RU, "ru", "Русский", H_PLURAL_EAST_SLAVIC, __VA_ARGS__)
#define H_LANGS(X, ...) H_LANG_FIRST(X, __VA_ARGS__) H_LANGS_MORE(X, __VA_ARGS__)

/* How a language picks the form of a word for a count (h_plural). */
enum h_plural_rule {
	H_PLURAL_ONE_OTHER,    /* 1 class, 0/2/5 classes (en, de, es, ...) */
	H_PLURAL_EAST_SLAVIC,  /* 1/21 занятие, 2-4/22 занятия, 5-20/25 занятий (ru, uk) */
};

#define H_LANG_ENUM_(id, code, native, rule, ...) LANG_##id,
enum lang { H_LANGS(H_LANG_ENUM_, ~) LANG_COUNT };

/* What the list says of one language. */
struct h_lang_info {
	const char *id;            /* "EN", the suffix of its texts */
	const char *code;          /* "en" */
	const char *native;        /* "English" */
	enum h_plural_rule plural;
};
/* The row of l (any value below LANG_COUNT). */
const struct h_lang_info *h_lang_info(enum lang l);
/* The language whose code is code exactly ("ru"), or -1. */
int h_lang_by_code(const char *code);

/*
 * The translations of the text NAME as an initializer of an array indexed
 * by enum lang: const char *t[LANG_COUNT] = H_TA(T_HELP_START);
 */
#define H_TA_ITEM_(id, code, native, rule, NAME) [LANG_##id] = NAME##_##id,
#define H_TA(NAME) { H_LANGS(H_TA_ITEM_, NAME) }

/*
 * Keywords. A T_KW_ text lists the words a command accepts for one
 * meaning, '|' between alternatives, a space between the words of one
 * ("не сдал|провал"). h_kw_match: how many words of argv from at spell
 * one of the alternatives of forms (H_TA of the text), in any language
 * and case (utf8_ieq); the longest one wins; 0 when none does.
 */
size_t h_kw_match(char *const *argv, size_t argc, size_t at, const char *const forms[LANG_COUNT]);
#define H_KW(argv, argc, at, NAME) \
	h_kw_match((argv), (argc), (at), (const char *const[LANG_COUNT])H_TA(NAME))

#endif
