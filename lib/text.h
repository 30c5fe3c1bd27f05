/*
 * text.h — text as Telegram takes it: HTML escaping, UTF-8, a reply split
 * into messages; phone numbers, random codes, whole-string numbers.
 */
#ifndef BJJ_TEXT_H
#define BJJ_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "lib/buf.h"

/* Append s to b with & < > " escaped for Telegram's HTML parse mode. */
void buf_add_html(struct buf *b, const char *s);
/* Returns a newly allocated escaped copy (owned by the caller). */
char *html_escape(const char *s);
/* The same in arena a (NULL: ""). */
struct arena;
char *html_escape_in(struct arena *a, const char *s);
/* Append s (NULL: "") as a JSON string literal, quotes included: " and \
 * and control characters escaped, other bytes (UTF-8) as they are, as
 * cJSON prints them. */
void buf_add_json_str(struct buf *b, const char *s);
/* Telegram-HTML to plain text: drops tags, decodes &lt; &gt; &amp; &quot;.
 * Owned by the caller. Used for the "can't parse entities" fallback and the
 * console. */
char *html_to_plain(const char *html);

/* Number of Unicode code points in a UTF-8 string (invalid bytes count 1). */
size_t utf8_len(const char *s);
/* Offset of the first byte of text[0..len) that is not UTF-8 (a NUL, a
 * stray or missing continuation byte, an overlong form, a surrogate,
 * beyond U+10FFFF), or len when it is all UTF-8 text. */
size_t utf8_invalid_at(const char *text, size_t len);
/* A copy of s (NULL: "") with the ASCII and Russian capitals (А-Я, Ё)
 * lower-cased; every other byte is kept. Owned. */
char *utf8_lower(const char *s);
/* 1 when a and b are equal but for the case of ASCII and Russian letters
 * ("Сдал" and "сдал", "FORCE" and "force"), else 0. */
int utf8_ieq(const char *a, const char *b);

/*
 * Split a reply into parts of at most max_chars UTF-16 code units each
 * (as Telegram counts a message's length: most emoji count two), cutting
 * at line boundaries; a single line longer than max_chars is cut at a space
 * or, failing that, at a code point boundary, never inside an HTML tag or
 * entity. Returns the number of parts; *parts is an owned array of owned
 * strings (free with strv_free).
 */
size_t text_split(const char *text, size_t max_chars, char ***parts);

/*
 * Normalise a phone number to E.164 digits with a leading '+':
 * "+7 (900) 123-45-67" -> "+79001234567". Accepts spaces, dashes, dots
 * and parentheses; a leading "00" is treated as "+"; a Russian trunk
 * prefix "8" on an 11-digit number becomes "+7". Returns 0 and fills out
 * (at least 17 bytes) on success, -1 when it is not a phone number
 * (fewer than 7 or more than 15 digits, letters).
 */
#define PHONE_MAX 17
int phone_normalize(const char *in, char out[PHONE_MAX]);

/* Fill out with n random characters of [A-Za-z0-9_-] and a NUL (out has
 * n + 1 bytes). Uses getrandom(2). */
void random_code(char *out, size_t n);
/* The number of random_code's characters s starts with. */
size_t code_span(const char *s);

/* Parse a decimal int64 (optional sign, whole string). 0 ok, -1 bad. */
int parse_i64(const char *s, int64_t *out);

#endif
