/*
 * buf.h — a growable NUL-terminated string buffer.
 */
#ifndef BJJ_BUF_H
#define BJJ_BUF_H

#include <stdarg.h>
#include <stddef.h>

/*
 * struct buf: a growable NUL-terminated string. Zero-initialise (or
 * buf_init) before use; buf_release releases and re-initialises it;
 * buf_detach hands the string to the caller (owned) and resets the buf.
 */
struct buf {
	char *s;   /* always NUL-terminated once anything was added */
	size_t len;
	size_t cap;
};
void buf_init(struct buf *b);
void buf_release(struct buf *b);
char *buf_detach(struct buf *b);
void buf_add(struct buf *b, const char *s, size_t n);
void buf_adds(struct buf *b, const char *s);
void buf_addc(struct buf *b, char c);
void buf_addf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vaddf(struct buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
void buf_truncate(struct buf *b, size_t len);
const char *buf_str(const struct buf *b); /* "" when empty */

#endif
