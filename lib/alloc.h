/*
 * alloc.h — allocation that never returns NULL: out of memory prints a
 * message and aborts, so callers need no NULL checks.
 */
#ifndef BJJ_ALLOC_H
#define BJJ_ALLOC_H

#include <stddef.h>

#define BJJ_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Allocation: never return NULL; print a message and abort instead. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);              /* xstrdup(NULL) returns NULL */
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Grow an array of elements of size bytes so it holds at least need of
 * them: *cap (0 for an empty array) at least doubles, so appending row by
 * row copies each element a bounded number of times. Returns p or its
 * new place; the elements from the old *cap on are not initialised.
 * XGROW(v, cap, n + 1) before v[n++] = ... is the usual form.
 */
void *xgrow(void *p, size_t *cap, size_t need, size_t size);
#define XGROW(p, cap, need) ((p) = xgrow((p), &(cap), (need), sizeof(*(p))))

/* Free n owned strings and the array holding them (NULL: nothing). */
void strv_free(char **v, size_t n);

/* Wipe a secret (a token, a URL holding one) with explicit_bzero, which
 * the compiler cannot drop as a dead store before a free; secret_free
 * wipes then frees (NULL: nothing). */
void secret_wipe(char *s);
void secret_free(char *s);

#endif
