/*
 * arena.h — a bump allocator for memory that lives as long as one piece
 * of work (one update being handled): many small allocations, one
 * release. Like alloc.h's x* functions it never returns NULL: out of
 * memory prints a message and aborts.
 */
#ifndef BJJ_ARENA_H
#define BJJ_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena_chunk;

/*
 * struct arena: zero-initialise before use; arena_release frees
 * everything it handed out and leaves it empty (reusable). Allocations
 * are aligned for any type and stay where they are until released (the
 * arena grows by chunks, never moves them).
 */
struct arena {
	struct arena_chunk *head; /* the newest chunk, allocated from */
};

/* A point to come back to with arena_reset. */
struct arena_mark {
	struct arena_chunk *chunk;
	size_t used;
};

/* n bytes (0 is allowed: a unique pointer), not initialised. */
void *arena_alloc(struct arena *a, size_t n);
/* A copy of s; NULL for NULL. */
char *arena_strdup(struct arena *a, const char *s);
/* A copy of at most the first n bytes of s, NUL-terminated. */
char *arena_strndup(struct arena *a, const char *s, size_t n);
/* printf into the arena. */
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *arena_vprintf(struct arena *a, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

/*
 * arena_mark, then arena_reset to the mark: everything allocated since
 * is given back (chunks added since are freed), what came before stays.
 * A loop that allocates per row resets each round so the arena stays the
 * size of one round.
 */
struct arena_mark arena_mark(const struct arena *a);
void arena_reset(struct arena *a, struct arena_mark m);
/* Free every chunk; the arena is empty and may be used again. */
void arena_release(struct arena *a);
/* Bytes held in chunks (for tests and bounds). */
size_t arena_size(const struct arena *a);

#endif
