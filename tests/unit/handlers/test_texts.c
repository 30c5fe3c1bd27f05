/*
 * test_texts.c — the languages of handlers/lang.h and their texts: every
 * text of handlers/texts*.h exists in every language of the list and takes
 * the same printf arguments in each (also texts no code uses yet, which
 * the compiler cannot check; a text may be defined as another, such as
 * "#define T_X_DE T_X_EN" while it waits for its translation), H_T / H_TA pick the right one, language
 * codes map to the list, and plural rules pick the right word.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/util.h"
#include "handlers/command.h"
#include "handlers/reply.h"
#include "handlers/texts.h"
#include "test_main.h"

#define TEXTS_DIR BJJ_TEST_DATA "/../../handlers"

/* One text of one language, as read from a header. */
struct text {
	char *stem;            /* "T_HELP_START" */
	int lang;              /* enum lang */
	char *convs;           /* its printf conversions, e.g. "s,lld," */
	char *alias;           /* "T_HELP_START_EN" when defined as another text */
	char *where;           /* "texts.h:12" */
};

struct texts {
	struct text *v;
	size_t n;
};

/* The printf conversions of a C string literal's body, in order. */
static char *texts_convs(const char *body)
{
	struct buf b = { 0 };
	const char *p = body;

	while ((p = strchr(p, '%')) != NULL) {
		p++;
		if (*p == '%') {
			p++;
			continue;
		}
		while (*p != '\0' && strchr("-+ #0123456789.*", *p) != NULL)
			p++;
		while (*p != '\0' && strchr("hlzjt", *p) != NULL)
			buf_addc(&b, *p++);
		if (*p != '\0')
			buf_addc(&b, *p++);
		buf_addc(&b, ',');
	}
	{
		char *s = buf_detach(&b);

		return s != NULL ? s : xstrdup("");
	}
}

/* The body of the string literals after a #define's name ("a" "b" -> ab). */
static char *texts_literal(const char *value)
{
	struct buf b = { 0 };
	const char *p = value;
	char *s;

	while ((p = strchr(p, '"')) != NULL) {
		for (p++; *p != '\0' && *p != '"'; p++) {
			if (*p == '\\' && p[1] != '\0')
				buf_addc(&b, *p++);
			buf_addc(&b, *p);
		}
		if (*p == '"')
			p++;
	}
	s = buf_detach(&b);
	return s != NULL ? s : xstrdup("");
}

static void texts_read_file(struct texts *t, const char *dir, const char *name)
{
	char path[512], line[8192], id[16];
	FILE *f;
	int lineno = 0;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "r");
	assert_non_null(f);
	while (fgets(line, sizeof line, f) != NULL) {
		char *name_start, *name_end, *us;
		int l;

		lineno++;
		if (strncmp(line, "#define T_", 10) != 0)
			continue;
		name_start = line + 8;
		name_end = name_start + strcspn(name_start, " \t(\n");
		if (*name_end == '(')
			continue;	/* a macro such as H_T, not a text */
		us = name_end;
		while (us > name_start && us[-1] != '_')
			us--;
		if (us == name_start || (size_t)(name_end - us) >= sizeof id)
			continue;
		memcpy(id, us, (size_t)(name_end - us));
		id[name_end - us] = '\0';
		for (l = 0; l < LANG_COUNT; l++) {
			if (strcmp(h_lang_info((enum lang)l)->id, id) == 0)
				break;
		}
		if (l == LANG_COUNT)
			continue;	/* not a text of a language */
		t->v = xrealloc(t->v, (t->n + 1) * sizeof *t->v);
		t->v[t->n].stem = xstrndup(name_start, (size_t)(us - 1 - name_start));
		t->v[t->n].lang = l;
		{
			const char *value = name_end + strspn(name_end, " \t");
			char *body = texts_literal(value);

			/* "#define T_X_DE T_X_EN": a text kept as another one */
			t->v[t->n].alias = strncmp(value, "T_", 2) == 0 ?
			    xstrndup(value, strcspn(value, " \t\n")) : NULL;
			t->v[t->n].convs = texts_convs(body);
			free(body);
		}
		t->v[t->n].where = xasprintf("%s:%d", name, lineno);
		t->n++;
	}
	fclose(f);
}

/* A text defined as another takes that one's conversions. */
static void texts_resolve(struct texts *t)
{
	for (size_t i = 0; i < t->n; i++) {
		for (size_t j = 0; t->v[i].alias != NULL && j < t->n; j++) {
			char *full = xasprintf("%s_%s", t->v[j].stem, h_lang_info(t->v[j].lang)->id);

			if (strcmp(full, t->v[i].alias) == 0 && t->v[j].alias == NULL) {
				free(t->v[i].convs);
				t->v[i].convs = xstrdup(t->v[j].convs);
			}
			free(full);
		}
	}
}

static void texts_read(struct texts *t)
{
	DIR *d = opendir(TEXTS_DIR);
	struct dirent *e;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);

		if (strncmp(e->d_name, "texts", 5) == 0 && len > 2 &&
		    strcmp(e->d_name + len - 2, ".h") == 0)
			texts_read_file(t, TEXTS_DIR, e->d_name);
	}
	closedir(d);
	texts_resolve(t);
}

static void texts_release(struct texts *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->v[i].alias);
		free(t->v[i].stem);
		free(t->v[i].convs);
		free(t->v[i].where);
	}
	free(t->v);
}

/* Every stem has every language, with the conversions of the first. */
static void test_every_language_has_every_text(void **state)
{
	struct texts t = { 0 };
	int bad = 0;

	(void)state;
	texts_read(&t);
	assert_true(t.n > 500);
	for (size_t i = 0; i < t.n; i++) {
		const struct text *first = NULL;
		int seen[LANG_COUNT] = { 0 };

		for (size_t j = 0; j < t.n; j++) {
			if (strcmp(t.v[j].stem, t.v[i].stem) != 0)
				continue;
			seen[t.v[j].lang]++;
			if (first == NULL)
				first = &t.v[j];
		}
		if (strcmp(first->convs, t.v[i].convs) != 0) {
			fprintf(stderr, "%s: %s_%s takes \"%s\", but %s takes \"%s\"\n",
			    t.v[i].where, t.v[i].stem, h_lang_info(t.v[i].lang)->id, t.v[i].convs,
			    first->where, first->convs);
			bad++;
		}
		if (first != &t.v[i])
			continue;	/* report a stem's gaps once */
		for (int l = 0; l < LANG_COUNT; l++) {
			if (seen[l] != 1) {
				fprintf(stderr, "%s: %s_%s is defined %d times\n", t.v[i].where,
				    t.v[i].stem, h_lang_info((enum lang)l)->id, seen[l]);
				bad++;
			}
		}
	}
	texts_release(&t);
	assert_int_equal(bad, 0);
}

/* The checker itself sees a missing translation and a changed argument. */
static void test_checker_finds_gaps(void **state)
{
	char *c = texts_convs("%s has %d of %lld (%zu), 100%% %-5s");

	(void)state;
	assert_string_equal(c, "s,d,lld,zu,s,");
	free(c);
	c = texts_literal(" \"a \\\"b\\\" %s\" \"c\"\n");
	assert_string_equal(c, "a \\\"b\\\" %sc");
	free(c);
}

static void test_h_t_picks_the_language(void **state)
{
	static const char *const all[LANG_COUNT] = H_TA(T_CB_OUTDATED);

	(void)state;
	assert_string_equal(H_T(LANG_EN, T_CB_OUTDATED), T_CB_OUTDATED_EN);
	assert_string_equal(H_T(LANG_RU, T_CB_OUTDATED), T_CB_OUTDATED_RU);
	for (int l = 0; l < LANG_COUNT; l++) {
		assert_non_null(all[l]);
		assert_string_equal(H_T((enum lang)l, T_CB_OUTDATED), all[l]);
	}
	/* out of range: the first language, never a crash */
	assert_string_equal(H_T((enum lang)LANG_COUNT, T_CB_OUTDATED), T_CB_OUTDATED_EN);
}

/* Every command row has a help line (1-256 characters) in every language. */
static void test_command_rows_every_language(void **state)
{
	(void)state;
	for (size_t i = 0; i < h_command_count; i++) {
		const struct h_command *c = h_command_table[i];

		for (int l = 0; l < LANG_COUNT; l++) {
			assert_non_null(c->help[l]);
			assert_in_range(strlen(c->help[l]), 1, 256);
			for (int r = ROLE_GUEST; r <= ROLE_OWNER; r++)
				assert_non_null(h_command_usage(c, (enum role)r, (enum lang)l));
		}
	}
}

static void test_lang_codes(void **state)
{
	(void)state;
	assert_int_equal(h_lang_by_code("en"), LANG_EN);
	assert_int_equal(h_lang_by_code("ru"), LANG_RU);
	assert_int_equal(h_lang_by_code("de"), -1);
	assert_int_equal(h_lang_by_code("RU"), -1);
	assert_int_equal(h_lang_by_code(NULL), -1);
	assert_int_equal(h_lang_from_code("ru", LANG_EN), LANG_RU);
	assert_int_equal(h_lang_from_code("RU", LANG_EN), LANG_RU);
	assert_int_equal(h_lang_from_code("en-US", LANG_RU), LANG_EN);
	assert_int_equal(h_lang_from_code("ru_RU", LANG_EN), LANG_RU);
	assert_int_equal(h_lang_from_code("rus", LANG_EN), LANG_EN);
	assert_int_equal(h_lang_from_code("de", LANG_RU), LANG_RU);
	assert_int_equal(h_lang_from_code("", LANG_RU), LANG_RU);
	assert_int_equal(h_lang_from_code(NULL, LANG_EN), LANG_EN);
	for (int l = 0; l < LANG_COUNT; l++) {
		const struct h_lang_info *li = h_lang_info((enum lang)l);

		assert_int_equal(h_lang_by_code(li->code), l);
		assert_true(strlen(li->native) > 0);
	}
	assert_string_equal(h_lang_info(LANG_RU)->id, "RU");
	assert_string_equal(h_lang_info(LANG_RU)->native, "Русский");
}

static void test_plural_rules(void **state)
{
	static const long long ns[] = { 0, 1, 2, 5, 11, 21, 22, 25, 101, 111, 1000001 };
	static const char *const ru[] = { "занятий", "занятие", "занятия", "занятий", "занятий",
		"занятие", "занятия", "занятий", "занятие", "занятий", "занятие" };

	(void)state;
	for (size_t i = 0; i < BJJ_ARRAY_LEN(ns); i++) {
		assert_string_equal(h_plural(LANG_RU, ns[i], "занятие", "занятия", "занятий"), ru[i]);
		assert_string_equal(h_plural(LANG_EN, ns[i], "class", "-", "classes"),
		    ns[i] == 1 ? "class" : "classes");
	}
	assert_string_equal(H_TP(LANG_RU, 3, T_W_CLASS), "занятия");
	assert_string_equal(H_TP(LANG_EN, 1, T_W_CLASS), "class");
	assert_string_equal(H_TP(LANG_EN, 21, T_W_CLASS), "classes");
}

/* Keywords: any language, any case, alternatives, several words. */
static void test_keywords(void **state)
{
	static const char *const fail[LANG_COUNT] = { [LANG_EN] = "failed|fail",
		[LANG_RU] = "не сдал|провал" };
	char *argv[] = { "5", "НЕ", "Сдал", "notes" };
	char *en[] = { "FAIL" };
	char *other[] = { "не", "сдала" };

	(void)state;
	assert_int_equal(h_kw_match(argv, 4, 1, fail), 2);
	assert_int_equal(h_kw_match(argv, 4, 2, fail), 0);
	assert_int_equal(h_kw_match(argv, 2, 1, fail), 0);  /* "не" alone */
	assert_int_equal(h_kw_match(en, 1, 0, fail), 1);
	assert_int_equal(h_kw_match(other, 2, 0, fail), 0);
	assert_int_equal(h_kw_match(argv, 4, 4, fail), 0);  /* past the end */
	assert_int_equal(H_KW(en, 1, 0, T_KW_FORCE), 0);
	{
		char *force[] = { "Принудительно" };

		assert_int_equal(H_KW(force, 1, 0, T_KW_FORCE), 1);
	}
}

BJJ_TEST_MAIN(
	cmocka_unit_test(test_every_language_has_every_text),
	cmocka_unit_test(test_checker_finds_gaps),
	cmocka_unit_test(test_h_t_picks_the_language),
	cmocka_unit_test(test_command_rows_every_language),
	cmocka_unit_test(test_lang_codes),
	cmocka_unit_test(test_plural_rules),
	cmocka_unit_test(test_keywords),
)
