/*
 * arena.c — a chunked bump allocator (see arena.h). Chunks form a list,
 * newest first; an allocation that does not fit the newest chunk starts a
 * new one of ARENA_CHUNK bytes, or of its own size when it is larger.
 */
#include "lib/arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/alloc.h"

/* Room in a chunk, header excluded: most updates fit in one. */
#define ARENA_CHUNK 4000
#define ARENA_ALIGN alignof(max_align_t)

/*
 * Under AddressSanitizer the room not handed out is poisoned and every
 * allocation is followed by a red zone, so reading or writing past the
 * end of an arena string is caught as it would be for malloc.
 */
#if defined(__SANITIZE_ADDRESS__)
#define ARENA_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ARENA_ASAN 1
#endif
#endif
#ifdef ARENA_ASAN
#include <sanitizer/asan_interface.h>
#define ARENA_REDZONE ARENA_ALIGN
#define ARENA_POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define ARENA_UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define ARENA_REDZONE 0
#define ARENA_POISON(p, n) ((void)(p), (void)(n))
#define ARENA_UNPOISON(p, n) ((void)(p), (void)(n))
#endif

struct arena_chunk {
	struct arena_chunk *next; /* older */
	size_t size;              /* bytes in data */
	size_t used;
	alignas(max_align_t) unsigned char data[];
};

static size_t arena_round(size_t n)
{
	if (n > SIZE_MAX - ARENA_ALIGN) {
		fprintf(stderr, "bjjbot: out of memory (%zu bytes)\n", n);
		abort();
	}
	return (n + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
}

void *arena_alloc(struct arena *a, size_t n)
{
	struct arena_chunk *c = a->head;
	size_t want = n ? n : 1;
	void *p;

	n = arena_round(arena_round(want) + ARENA_REDZONE);
	if (c == NULL || c->size - c->used < n) {
		size_t size = n > ARENA_CHUNK ? n : ARENA_CHUNK;

		c = xmalloc(sizeof *c + size);
		c->next = a->head;
		c->size = size;
		c->used = 0;
		a->head = c;
		ARENA_POISON(c->data, size);
	}
	p = c->data + c->used;
	c->used += n;
	ARENA_UNPOISON(p, want);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *p = arena_alloc(a, len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return s != NULL ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_vprintf(struct arena *a, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;
	char *p;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return arena_strdup(a, "");
	p = arena_alloc(a, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}

struct arena_mark arena_mark(const struct arena *a)
{
	struct arena_mark m = { a->head, a->head != NULL ? a->head->used : 0 };

	return m;
}

void arena_reset(struct arena *a, struct arena_mark m)
{
	struct arena_chunk *c;

	while (a->head != NULL && a->head != m.chunk) {
		c = a->head;
		a->head = c->next;
		ARENA_UNPOISON(c->data, c->size);
		free(c);
	}
	if (a->head != NULL) {
		a->head->used = m.used;
		ARENA_POISON(a->head->data + m.used, a->head->size - m.used);
	}
}

void arena_release(struct arena *a)
{
	struct arena_mark none = { NULL, 0 };

	arena_reset(a, none);
}

size_t arena_size(const struct arena *a)
{
	size_t n = 0;

	for (const struct arena_chunk *c = a->head; c != NULL; c = c->next)
		n += c->size;
	return n;
}
