/*
 * test_argspec.c — the argument spec of every command (struct h_args in
 * handlers/command.h) and the router that holds commands to it: too few,
 * too many and wrong-kind words get the command's usage in the caller's
 * language and change no data; the spec agrees with the words of the
 * English usage, so the two cannot drift apart; a command reads the
 * words the router counted.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "handlers/belts.h"
#include "handlers/command.h"
#include "handlers/texts.h"
#include "storage/internal.h"
#include "storage/people.h"
#include "handlers_fixture.h"
#include "test_main.h"

/* Row counts of every table but the outbox (the replies): "name=n;..." */
static void af_fingerprint(struct hf *f, struct buf *out)
{
	sqlite3_stmt *names, *count;
	struct buf sql = { 0 };

	buf_truncate(out, 0);
	assert_int_equal(sqlite3_prepare_v2(f->db->h, "SELECT name FROM sqlite_master WHERE "
	    "type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'outbox' ORDER BY name",
	    -1, &names, NULL), SQLITE_OK);
	while (sqlite3_step(names) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(names, 0);

		buf_truncate(&sql, 0);
		buf_addf(&sql, "SELECT count(*) FROM \"%s\"", name);
		assert_int_equal(sqlite3_prepare_v2(f->db->h, buf_str(&sql), -1, &count, NULL),
		    SQLITE_OK);
		assert_int_equal(sqlite3_step(count), SQLITE_ROW);
		buf_addf(out, "%s=%lld;", name, (long long)sqlite3_column_int64(count, 0));
		sqlite3_finalize(count);
	}
	sqlite3_finalize(names);
	buf_release(&sql);
}

/* The usage reply c gives an owner in l, as h_reply_usage builds it. */
static void af_usage_reply(struct hf *f, const struct h_command *c, enum lang l, struct buf *out)
{
	const char *example = h_command_example(c, l), *who = strstr(example, "#ID");
	struct buf ex = { 0 };
	char *usage = html_escape(h_command_usage(c, ROLE_OWNER, l)), *esc;
	int64_t id;

	if (who != NULL) {
		assert_int_equal(db_student_first_active(f->db, &id), DB_OK);
		buf_add(&ex, example, (size_t)(who - example));
		buf_addf(&ex, "#%lld%s", (long long)id, who + 3);
		example = buf_str(&ex);
	}
	esc = html_escape(example);
	buf_truncate(out, 0);
	H_TF(out, l, T_USAGE, c->name, usage, esc);
	free(esc);
	free(usage);
	buf_release(&ex);
}

/* A word of kind k that fits it. */
static const char *af_good_word(enum h_arg_kind k)
{
	switch (k) {
	case H_ARG_ID:
		return "#1";
	case H_ARG_DATE:
		return "2001-02-03";
	case H_ARG_WORD:
	case H_ARG_BELT:
	case H_ARG_REST:
		break;
	}
	return "zz";
}

/* The first position whose words the router cannot count (H_ARGS_KINDS
 * when every kind is one word). */
static size_t af_checked_kinds(const struct h_args *a)
{
	size_t i;

	for (i = 0; i < H_ARGS_KINDS; i++) {
		if (a->kind[i] == H_ARG_BELT || a->kind[i] == H_ARG_REST)
			break;
	}
	return i;
}

/*
 * Send "/name" and n words, fitting words of the spec's kinds except
 * bad_at (SIZE_MAX: none), which gets "x!"; expect exactly the usage in
 * l and no data changed.
 */
static void af_expect_usage(struct hf *f, const struct h_command *c, enum lang l, size_t n,
    size_t bad_at)
{
	struct buf text = { 0 }, before = { 0 }, after = { 0 }, want = { 0 };
	struct h_msg m;
	size_t i;

	buf_addf(&text, "/%s", c->name);
	for (i = 0; i < n; i++) {
		enum h_arg_kind k = i < H_ARGS_KINDS ? c->args.kind[i] : H_ARG_WORD;

		buf_addf(&text, " %s", i == bad_at ? "x!" : af_good_word(k));
	}
	af_fingerprint(f, &before);
	m = hf_msg(HF_OWNER, buf_str(&text));
	m.lang_code = h_lang_info(l)->code;
	hf_send_msg(f, &m);
	af_usage_reply(f, c, l, &want);
	if (strcmp(hf_take_reply(f, HF_OWNER), buf_str(&want)) != 0)
		fail_msg("\"%s\" (%s): not the usage \"%s\"", buf_str(&text),
		    h_lang_info(l)->code, buf_str(&want));
	af_fingerprint(f, &after);
	assert_string_equal(buf_str(&before), buf_str(&after));
	buf_release(&want);
	buf_release(&after);
	buf_release(&before);
	buf_release(&text);
}

/* Every command, too few and too many words and a wrong kind at each
 * checked position, in each language: the usage, and nothing written. */
static void test_every_command_held_to_its_spec(void **state)
{
	struct hf *f = *state;
	size_t i, k, cases = 0;

	hf_send(f, HF_OWNER, "/help");  /* the owner's tg_users row */
	hf_take(f);
	for (i = 0; i < h_command_count; i++) {
		const struct h_command *c = h_command_table[i];
		const struct h_args *a = &c->args;
		size_t checked = af_checked_kinds(a);

		for (int l = 0; l < LANG_COUNT; l++) {
			if (a->min > 0) {
				af_expect_usage(f, c, (enum lang)l, a->min - 1u, SIZE_MAX);
				cases++;
			}
			if (a->max != H_ARGS_MANY) {
				af_expect_usage(f, c, (enum lang)l, a->max + 1u, SIZE_MAX);
				cases++;
			}
			for (k = 0; k < checked; k++) {
				if (a->kind[k] == H_ARG_WORD)
					continue;
				af_expect_usage(f, c, (enum lang)l, a->min > k ? a->min : k + 1, k);
				cases++;
			}
		}
	}
	/* Most commands have a spec that refuses something. */
	assert_true(cases >= 80 * LANG_COUNT / 2);
}

/* h_args_fit for a caller of role r. */
static int fit(const struct h_command *c, enum role r, const char *args)
{
	struct arena arena = { 0 };
	struct h_ctx ctx = { .role = r, .arena = &arena };
	int rc = h_args_fit(&ctx, c, args);

	/* The words it split are given back to the update's arena. */
	assert_int_equal(arena_size(&arena), 0);
	return rc;
}

/* The kinds the router checks, and the words it passes to the handler. */
static void test_kinds_checked(void **state)
{
	static const struct h_command id_cmd = { .name = "t",
		.args = { .min = 1, .max = 2, .kind = { H_ARG_ID, H_ARG_DATE } } };
	static const struct h_command rest_cmd = { .name = "t",
		.args = { .min = 1, .max = H_ARGS_MANY, .kind = { H_ARG_REST, H_ARG_ID } } };
	static const struct h_command staff_cmd = { .name = "t",
		.flags = H_CMD_USAGE_TRAINER, .args = { .max = 1, .staff = 1 } };

	(void)state;
	assert_true(fit(&id_cmd, ROLE_OWNER, "12"));
	assert_true(fit(&id_cmd, ROLE_OWNER, "#12"));
	assert_true(fit(&id_cmd, ROLE_OWNER, "№12"));
	assert_true(fit(&id_cmd, ROLE_OWNER, "12 2026-01-31"));
	assert_true(fit(&id_cmd, ROLE_OWNER, "12 -"));
	assert_true(fit(&id_cmd, ROLE_OWNER, " 12 \t -\n"));
	assert_false(fit(&id_cmd, ROLE_OWNER, ""));
	assert_false(fit(&id_cmd, ROLE_OWNER, "Ivan"));
	assert_false(fit(&id_cmd, ROLE_OWNER, "0"));
	assert_false(fit(&id_cmd, ROLE_OWNER, "#-3"));
	assert_true(fit(&id_cmd, ROLE_OWNER, "12 31.01.2026"));
	assert_false(fit(&id_cmd, ROLE_OWNER, "12 31/01/2026"));
	assert_false(fit(&id_cmd, ROLE_OWNER, "12 2026-02-30"));
	assert_false(fit(&id_cmd, ROLE_OWNER, "12 - 3"));
	/* After a rest nothing is checked: its words are not countable. */
	assert_true(fit(&rest_cmd, ROLE_OWNER, "Ivan Petrov"));
	assert_false(fit(&rest_cmd, ROLE_OWNER, ""));
	/* A staff-only spec holds those who see the staff usage. */
	assert_true(fit(&staff_cmd, ROLE_STUDENT, "a b c"));
	assert_false(fit(&staff_cmd, ROLE_TRAINER, "a b c"));
	assert_true(fit(&staff_cmd, ROLE_TRAINER, "a"));
}

/* A staff-only spec leaves the others' words to the handler: a student's
 * "/plans all" lists the plans, a student's "/balance a b" is refused by
 * /balance itself (their own balance only). */
static void test_staff_spec_leaves_others_alone(void **state)
{
	struct hf *f = *state;

	hf_expect(f, HF_LINKED_STUDENT, "/plans all of them", "no plans yet");
	hf_expect(f, HF_LINKED_STUDENT, "/balance a b", "only your own balance");
	hf_expect(f, HF_OWNER, "/balance a b", "Usage: /balance [#id | name]");
	/* A spec with words to spare passes them on: /help ignores them. */
	hf_expect(f, HF_LINKED_STUDENT, "/help me please", "/balance");
}

/*
 * The words of a usage: <...> is one required word, [...] one optional,
 * a bare word ("off|on") one required. 0 when it cannot be counted:
 * alternatives at the top ("a | b", "... or ..."), nested brackets,
 * "<n>|kids".
 */
static int af_usage_words(const char *u, size_t *req, size_t *opt)
{
	const char *p = u, *end;

	*req = *opt = 0;
	while (*p != '\0') {
		if (*p == ' ') {
			p++;
			continue;
		}
		if (*p == '<' || *p == '[') {
			char close = *p == '<' ? '>' : ']';

			end = strchr(p + 1, close);
			if (end == NULL || memchr(p + 1, *p, (size_t)(end - p - 1)) != NULL)
				return 0;
			if (*p == '<')
				(*req)++;
			else
				(*opt)++;
			p = end + 1;
			if (*p != '\0' && *p != ' ')
				return 0;
			continue;
		}
		end = p + strcspn(p, " ");
		if (memchr(p, '<', (size_t)(end - p)) != NULL ||
		    memchr(p, '[', (size_t)(end - p)) != NULL ||
		    (end - p == 1 && *p == '|') || (end - p == 2 && strncmp(p, "or", 2) == 0))
			return 0;
		(*req)++;
		p = end;
	}
	return 1;
}

/* The spec of every command and the words of its English usage (the
 * fuller one staff see) agree where the usage can be counted. */
static void test_spec_agrees_with_usage(void **state)
{
	/* Usages whose fewest words the text does not show. */
	static const char *const min_differs[] = {
		"plan", /* "<code> retire|restore|price <amount>": no amount to retire */
	};
	size_t i, k, req, opt, checked = 0;

	(void)state;
	for (i = 0; i < h_command_count; i++) {
		const struct h_command *c = h_command_table[i];
		const struct h_args *a = &c->args;
		const char *u = h_command_usage(c, ROLE_OWNER, LANG_EN);
		size_t rest = SIZE_MAX, belt = 0, max;
		int ignores = a->min == 0 && a->max == H_ARGS_MANY;

		assert_true(a->min <= a->max);
		for (k = 0; k < H_ARGS_KINDS; k++) {
			ignores = ignores && a->kind[k] == H_ARG_WORD;
			if (a->kind[k] == H_ARG_REST && rest == SIZE_MAX)
				rest = k;
			if (a->kind[k] == H_ARG_BELT)
				belt = H_BELT_WORDS_MAX - 1;
		}
		/* What the router can refuse, it refuses with an example. */
		for (k = 0; k < af_checked_kinds(a) && a->kind[k] == H_ARG_WORD; k++)
			;
		if (a->min > 0 || a->max != H_ARGS_MANY || k < af_checked_kinds(a)) {
			for (int l = 0; l < LANG_COUNT; l++) {
				if (h_command_example(c, (enum lang)l)[0] == '\0')
					fail_msg("/%s has no example", c->name);
			}
		}
		if (!af_usage_words(u, &req, &opt))
			continue;
		checked++;
		if (req + opt == 0 && ignores)
			continue;  /* /help, /schedule: words after them are ignored */
		for (k = 0; k < BJJ_ARRAY_LEN(min_differs); k++) {
			if (strcmp(c->name, min_differs[k]) == 0)
				break;
		}
		if (k == BJJ_ARRAY_LEN(min_differs) && a->min != req)
			fail_msg("/%s: min %d, usage \"%s\" needs %zu", c->name, a->min, u, req);
		if (rest != SIZE_MAX) {
			if (a->max != H_ARGS_MANY || rest >= req + opt)
				fail_msg("/%s: a rest at word %zu, max %d; usage \"%s\"", c->name,
				    rest, a->max, u);
			continue;
		}
		max = req + opt + belt;
		if (a->max != max)
			fail_msg("/%s: max %d, usage \"%s\" has %zu words", c->name, a->max, u, max);
	}
	/* Most usages can be counted. */
	assert_true(checked >= 45);
}

/* A command reads its words (h_args_words, in the update's arena) as the
 * router counts them: split at any white space. */
static void test_words_as_the_router_splits(void **state)
{
	static const struct { const char *text; size_t n; const char *words[5]; } cases[] = {
		{ "", 0, { NULL } },
		{ "  \t\n ", 0, { NULL } },
		{ "one", 1, { "one" } },
		{ " #12  3\tболезнь\r\n", 3, { "#12", "3", "болезнь" } },
		{ "Ivan  Petrov +7 900 123-45-67 ", 5, { "Ivan", "Petrov", "+7", "900", "123-45-67" } },
	};
	struct arena arena = { 0 };
	struct h_ctx ctx = { .arena = &arena };
	char **words;
	size_t i, k;

	(void)state;
	for (i = 0; i < BJJ_ARRAY_LEN(cases); i++) {
		assert_int_equal(h_args_words(&ctx, cases[i].text, &words), cases[i].n);
		if (cases[i].n == 0)
			assert_null(words);
		for (k = 0; k < cases[i].n; k++)
			assert_string_equal(words[k], cases[i].words[k]);
	}
	arena_release(&arena);
}

BJJ_TEST_MAIN(
	HF_TEST_LINKED(test_every_command_held_to_its_spec),
	cmocka_unit_test(test_kinds_checked),
	HF_TEST_LINKED(test_staff_spec_leaves_others_alone),
	cmocka_unit_test(test_spec_agrees_with_usage),
	cmocka_unit_test(test_words_as_the_router_splits),
)
