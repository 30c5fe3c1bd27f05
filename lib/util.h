/*
 * util.h — leaf helpers every layer may use: allocation that aborts on
 * out-of-memory, a growable string buffer, HTML escaping, phone numbers,
 * random codes, and the one clock of the program.
 *
 * Like all of lib/, it depends on nothing else of ours (only libc), so
 * every layer may include it.
 */
#ifndef BJJ_UTIL_H
#define BJJ_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define BJJ_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Allocation: never return NULL; print a message and abort instead. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);              /* xstrdup(NULL) returns NULL */
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * struct buf: a growable NUL-terminated string. Zero-initialise (or
 * buf_init) before use; buf_free releases and re-initialises it;
 * buf_detach hands the string to the caller (owned) and resets the buf.
 */
struct buf {
	char *s;   /* always NUL-terminated once anything was added */
	size_t len;
	size_t cap;
};
void buf_init(struct buf *b);
void buf_free(struct buf *b);
char *buf_detach(struct buf *b);
void buf_add(struct buf *b, const char *s, size_t n);
void buf_adds(struct buf *b, const char *s);
void buf_addc(struct buf *b, char c);
void buf_addf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vaddf(struct buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
void buf_truncate(struct buf *b, size_t len);
const char *buf_str(const struct buf *b); /* "" when empty */

/* Append s to b with & < > " escaped for Telegram's HTML parse mode. */
void buf_add_html(struct buf *b, const char *s);
/* Returns a newly allocated escaped copy (owned by the caller). */
char *html_escape(const char *s);
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
void strv_free(char **v, size_t n);

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

/* Parse a decimal int64 (optional sign, whole string). 0 ok, -1 bad. */
int parse_i64(const char *s, int64_t *out);

/*
 * The program's one clock: UTC unix seconds. Unit tests stop it at t with
 * clock_set_fake(t) (t = 0 returns to the real clock). End-to-end tests
 * set the environment variable BJJBOT_FAKE_NOW (unix seconds): the
 * process starts at that moment and its clock then runs in real time,
 * read once at the first call.
 */
int64_t clock_now(void);
void clock_set_fake(int64_t t);
/* Monotonic seconds, for pacing and backoff (not affected by the fake). */
double clock_mono(void);
/*
 * The test time scale (BJJBOT_TIME_SCALE, accepted only with a loopback
 * api_url): from clock_set_scale on, the bot's time runs this many times
 * faster than the real one, so end-to-end tests need not sleep through
 * its waits (send pacing, request timeouts, backoffs, retry_after, the
 * scheduler's interval and hours, the shutdown grace). 1 outside tests.
 * clock_now then counts scaled seconds from the moment the scale was set;
 * clock_bot is monotonic seconds of the bot's time (clock_mono times the
 * scale); clock_span(d) is how many real seconds d seconds of it last, for
 * libev timers and libcurl timeouts. How fast people write (pace_input)
 * is measured with clock_mono: they write in real time.
 */
void clock_set_scale(double scale);
double clock_bot(void);
double clock_span(double d);

/*
 * Files that hold the academy's data (database, exports, backups) are
 * private to the bot whatever the umask: 0600 files in 0700 folders.
 * file_create_private opens path for writing, made (or truncated) with
 * mode exactly 0600; with excl an existing file is an error (EEXIST).
 * Returns the fd or -1 (errno). dir_create_private makes one folder with
 * mode exactly 0700; an existing one is left as it is (0). 0 or -1 (errno).
 */
int file_create_private(const char *path, int excl);
int dir_create_private(const char *dir);
/* mkdir -p dir: every folder it makes is 0700 (dir_create_private).
 * 0, or -1 (errno) when one could not be made. */
int dirs_create_private(const char *dir);

#endif
