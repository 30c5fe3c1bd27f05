/*
 * test_arena.c — the per-update bump allocator (lib/arena.c): alignment,
 * copies, printf, allocations larger than a chunk, marks and resets that
 * keep a loop's memory bounded, release; html_escape_in.
 */
#include <setjmp.h>
#include <stdalign.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "lib/arena.h"
#include "lib/text.h"
#include "test_main.h"

/* Every allocation is aligned for any type and does not overlap the
 * ones before it. */
static void test_arena_alloc(void **state)
{
	struct arena a = { 0 };
	unsigned char *p[64];

	(void)state;
	assert_int_equal(arena_size(&a), 0);
	for (size_t i = 0; i < 64; i++) {
		p[i] = arena_alloc(&a, i);
		assert_non_null(p[i]);
		assert_int_equal((uintptr_t)p[i] % alignof(max_align_t), 0);
		memset(p[i], (int)i, i);
	}
	for (size_t i = 0; i < 64; i++)
		for (size_t j = 0; j < i; j++)
			assert_int_equal(p[i][j], i);
	assert_true(arena_size(&a) > 0);
	arena_release(&a);
	assert_null(a.head);
	assert_int_equal(arena_size(&a), 0);
	/* Usable again after a release. */
	assert_non_null(arena_alloc(&a, 10));
	arena_release(&a);
}

static void test_arena_strings(void **state)
{
	struct arena a = { 0 };
	char *s, *t;

	(void)state;
	assert_null(arena_strdup(&a, NULL));
	s = arena_strdup(&a, "Ёж <b>");
	assert_string_equal(s, "Ёж <b>");
	t = arena_strndup(&a, "abcdef", 3);
	assert_string_equal(t, "abc");
	assert_string_equal(arena_strndup(&a, "ab", 10), "ab");
	assert_string_equal(arena_printf(&a, "#%lld %s %d%%", 12LL, "Ivan", 5), "#12 Ivan 5%");
	assert_string_equal(arena_printf(&a, "%s", ""), "");
	assert_string_equal(s, "Ёж <b>");
	arena_release(&a);
}

/* A string larger than a chunk gets a chunk of its own; the smaller
 * ones around it keep their contents. */
static void test_arena_large(void **state)
{
	struct arena a = { 0 };
	size_t n = 100000;
	char *big = malloc(n + 1), *x, *y, *z;

	(void)state;
	memset(big, 'x', n);
	big[n] = '\0';
	x = arena_strdup(&a, "before");
	y = arena_strdup(&a, big);
	z = arena_printf(&a, "%s|%s", "after", big);
	assert_string_equal(x, "before");
	assert_string_equal(y, big);
	assert_int_equal(strlen(z), n + 6);
	assert_memory_equal(z, "after|", 6);
	assert_true(arena_size(&a) >= 2 * n);
	free(big);
	arena_release(&a);
}

/* A loop that resets to a mark each round stays the size of one round;
 * what was allocated before the mark is kept. */
static void test_arena_mark_reset(void **state)
{
	struct arena a = { 0 };
	struct arena_mark m;
	char *keep, *p;
	size_t size = 0;

	(void)state;
	keep = arena_strdup(&a, "kept");
	m = arena_mark(&a);
	for (int i = 0; i < 1000; i++) {
		p = arena_printf(&a, "row %d", i);
		assert_string_equal(p, i == 0 ? "row 0" : p);
		/* Rows that span chunks too. */
		arena_alloc(&a, i % 7 == 0 ? 9000 : 300);
		arena_reset(&a, m);
		if (i == 0)
			size = arena_size(&a);
		assert_int_equal(arena_size(&a), size);
	}
	assert_string_equal(keep, "kept");
	/* The same place is handed out again after a reset. */
	p = arena_alloc(&a, 8);
	arena_reset(&a, m);
	assert_ptr_equal(arena_alloc(&a, 8), p);
	/* A mark taken on an empty arena resets to empty. */
	arena_release(&a);
	m = arena_mark(&a);
	arena_alloc(&a, 5000);
	arena_alloc(&a, 10);
	arena_reset(&a, m);
	assert_null(a.head);
}

static void test_html_escape_in(void **state)
{
	struct arena a = { 0 };

	(void)state;
	assert_string_equal(html_escape_in(&a, "<b>& \"x\" Ёж"),
	    "&lt;b&gt;&amp; &quot;x&quot; Ёж");
	assert_string_equal(html_escape_in(&a, NULL), "");
	assert_string_equal(html_escape_in(&a, ""), "");
	assert_string_equal(html_escape_in(&a, "plain"), "plain");
	arena_release(&a);
}

BJJ_TEST_MAIN(
	cmocka_unit_test(test_arena_alloc),
	cmocka_unit_test(test_arena_strings),
	cmocka_unit_test(test_arena_large),
	cmocka_unit_test(test_arena_mark_reset),
	cmocka_unit_test(test_html_escape_in),
)
