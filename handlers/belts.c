/*
 * belts.c — belts: their names, shown and typed in every language (the
 * T_BELT_NAME_ texts, h_belt_name; the codes stay inside), a rank in
 * words, what a step needs, and /belt (a student's rank, time at the
 * belt, classes, what the next step needs, history). The other belt
 * commands live beside it (promote.c, exams.c, beltrules.c) and share
 * handlers/belts.h.
 *
 * Callers: the command table in handlers.c; the belt files; register.c
 * (h_belt_arg for /addstudent); admin.c (h_rank_add).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "lib/civil.h"
#include "lib/log.h"
#include "lib/util.h"
#include "handlers/belts.h"
#include "handlers/command.h"
#include "handlers/reply.h"
#include "handlers/texts.h"
#include "storage/belts.h"
#include "storage/store.h"

/* Promotions /belt shows. */
#define H_BELT_HISTORY 5

int h_belts_load(struct h_ctx *ctx, struct h_belts *t)
{
	return db_belts_all(ctx->env->db, &t->v, &t->n) == DB_OK ? 0 : -1;
}

void h_belts_release(struct h_belts *t)
{
	belts_free(t->v, t->n);
	t->v = NULL;
	t->n = 0;
}

/* The names of the belt codes (the belts table's rows), by language. */
static const struct {
	const char *code, *name[LANG_COUNT];
	const char *alias[LANG_COUNT];  /* other names, '|'-separated; NULL: none */
} h_belt_names[] = {
	{ "white", H_TA(T_BELT_NAME_WHITE), { NULL } },
	{ "blue", H_TA(T_BELT_NAME_BLUE), { NULL } },
	{ "purple", H_TA(T_BELT_NAME_PURPLE), { NULL } },
	{ "brown", H_TA(T_BELT_NAME_BROWN), { NULL } },
	{ "black", H_TA(T_BELT_NAME_BLACK), { NULL } },
	{ "coral", H_TA(T_BELT_NAME_CORAL), H_TA(T_BELT_ALIAS_CORAL) },
	{ "red_white", H_TA(T_BELT_NAME_RED_WHITE), { NULL } },
	{ "red", H_TA(T_BELT_NAME_RED), { NULL } },
	{ "grey_white", H_TA(T_BELT_NAME_GREY_WHITE), { NULL } },
	{ "grey", H_TA(T_BELT_NAME_GREY), { NULL } },
	{ "grey_black", H_TA(T_BELT_NAME_GREY_BLACK), { NULL } },
	{ "yellow_white", H_TA(T_BELT_NAME_YELLOW_WHITE), { NULL } },
	{ "yellow", H_TA(T_BELT_NAME_YELLOW), { NULL } },
	{ "yellow_black", H_TA(T_BELT_NAME_YELLOW_BLACK), { NULL } },
	{ "orange_white", H_TA(T_BELT_NAME_ORANGE_WHITE), { NULL } },
	{ "orange", H_TA(T_BELT_NAME_ORANGE), { NULL } },
	{ "orange_black", H_TA(T_BELT_NAME_ORANGE_BLACK), { NULL } },
	{ "green_white", H_TA(T_BELT_NAME_GREEN_WHITE), { NULL } },
	{ "green", H_TA(T_BELT_NAME_GREEN), { NULL } },
	{ "green_black", H_TA(T_BELT_NAME_GREEN_BLACK), { NULL } },
};

/* The row of code in h_belt_names, or -1. */
static int h_belt_row(const char *code)
{
	for (size_t i = 0; code != NULL && i < BJJ_ARRAY_LEN(h_belt_names); i++) {
		if (strcmp(h_belt_names[i].code, code) == 0)
			return (int)i;
	}
	return -1;
}

const char *h_belt_name(enum lang l, const char *code)
{
	int row = h_belt_row(code);

	return row >= 0 ? h_belt_names[row].name[l] : code;
}

void h_belt_short_add(struct buf *b, enum lang l, const char *code)
{
	const char *p = h_belt_name(l, code), *word = H_T(l, T_BELT_WORD);
	size_t start = b->len;

	while (*p != '\0') {
		size_t len = strcspn(p, " ");

		if (len != strlen(word) || strncmp(p, word, len) != 0) {
			if (b->len > start)
				buf_addc(b, ' ');
			buf_add(b, p, len);
		}
		p += len;
		p += strspn(p, " ");
	}
}

/* Lower case (ASCII and Russian), '-', '/' and spaces as '_', "ё" as "е"
 * and "gray" as "grey", so "Red-White", "grey/white", "GRAY" and "черный"
 * compare equal to the names. Owned. */
static char *h_belt_norm(const char *s, size_t len)
{
	char *cut = xstrndup(s, len), *p = utf8_lower(cut);

	free(cut);
	for (char *c = p; *c != '\0'; c++) {
		if (*c == '-' || *c == '/' || *c == ' ')
			*c = '_';
		else if ((unsigned char)c[0] == 0xD1 && (unsigned char)c[1] == 0x91) {
			c[0] = (char)0xD0;	/* ё -> е */
			c[1] = (char)0xB5;
			c++;
		}
	}
	for (char *g = strstr(p, "gray"); g != NULL; g = strstr(g, "gray"))
		g[2] = 'e';
	return p;
}

/* 1 when the normalised typed w is the name of row in l (whole, without
 * the belt word, or one of its aliases). */
static int h_belt_row_matches(int row, enum lang l, const char *w)
{
	const char *name = h_belt_names[row].name[l], *alias = h_belt_names[row].alias[l];
	struct buf brief = { 0 };
	char *n1 = h_belt_norm(name, strlen(name)), *n2;
	int found = strcmp(w, n1) == 0;

	h_belt_short_add(&brief, l, h_belt_names[row].code);
	n2 = h_belt_norm(buf_str(&brief), brief.len);
	found |= strcmp(w, n2) == 0;
	while (!found && alias != NULL && *alias != '\0') {
		size_t len = strcspn(alias, "|");
		char *a = h_belt_norm(alias, len);

		found = strcmp(w, a) == 0;
		free(a);
		alias += len;
		alias += *alias == '|';
	}
	free(n1);
	free(n2);
	buf_release(&brief);
	return found;
}

/* The belt of table t that word names: its code, or its name in any
 * language (whole, without the belt word, or an alias); NULL when none. */
static const struct belt *h_belt_match(const struct h_belts *t, const char *word)
{
	const struct belt *found = NULL;
	char *w = h_belt_norm(word, strlen(word));

	for (size_t i = 0; found == NULL && i < t->n; i++) {
		int row = h_belt_row(t->v[i].code);

		if (strcmp(w, t->v[i].code) == 0)
			found = &t->v[i];
		for (int l = 0; found == NULL && row >= 0 && l < LANG_COUNT; l++) {
			if (h_belt_row_matches(row, (enum lang)l, w))
				found = &t->v[i];
		}
	}
	free(w);
	return found;
}

/* The belt the k words name together, or NULL. */
static const struct belt *h_belt_match_words(const struct h_belts *t, char *const *words, size_t k)
{
	const struct belt *found;
	struct buf joined = { 0 };

	for (size_t i = 0; i < k; i++)
		buf_addf(&joined, "%s%s", i > 0 ? " " : "", words[i]);
	found = h_belt_match(t, buf_str(&joined));
	buf_release(&joined);
	return found;
}

const struct belt *h_belt_words(const struct h_belts *t, char *const *argv, size_t argc, size_t at,
    size_t *used)
{
	const struct belt *found = NULL;
	size_t k = argc - at < H_BELT_WORDS_MAX ? argc - at : H_BELT_WORDS_MAX;

	*used = 0;
	for (; found == NULL && k > 0; k--) {
		if ((found = h_belt_match_words(t, argv + at, k)) != NULL)
			*used = k;
	}
	return found;
}

int h_belt_unknown(struct h_ctx *ctx, const struct h_belts *t, const char *word)
{
	struct buf b = { 0 }, list = { 0 }, name = { 0 };
	const char *esc = h_esc(ctx, word);
	size_t i;

	for (i = 0; i < t->n; i++) {
		buf_adds(&list, i > 0 ? ", " : "");
		buf_truncate(&name, 0);
		h_belt_short_add(&name, ctx->lang, t->v[i].code);
		buf_add_html(&list, buf_str(&name));
	}
	H_TF(&b, ctx->lang, T_BAD_BELT, esc, buf_str(&list));
	buf_release(&list);
	buf_release(&name);
	return h_reply_buf(ctx, &b);
}

enum h_found h_belt_arg(struct h_ctx *ctx, char *const *words, size_t n, size_t *used, char **code)
{
	struct h_belts t = { 0 };
	const struct belt *b = NULL;
	size_t k;
	enum h_found rc = H_FAILED;

	*code = NULL;
	*used = 0;
	if (n == 0 || h_belts_load(ctx, &t) != 0)
		goto out;
	/* The longest run of last words without digits that names a belt. */
	for (k = 1; k <= n && k <= H_BELT_WORDS_MAX; k++) {
		const struct belt *m;

		if (strpbrk(words[n - k], "0123456789") != NULL)
			break;
		if ((m = h_belt_match_words(&t, words + n - k, k)) != NULL) {
			b = m;
			*used = k;
		}
	}
	if (b != NULL) {
		*code = xstrdup(b->code);
		rc = H_FOUND;
	} else
		rc = h_replied(h_belt_unknown(ctx, &t, words[n - 1]));
out:
	h_belts_release(&t);
	return rc;
}

void h_rank_add(struct buf *b, enum lang l, const char *code, int stripes)
{
	buf_add_html(b, h_belt_name(l, code));
	if (stripes <= 0)
		return;
	if (strcmp(code, "black") == 0)
		H_TF(b, l, T_RANK_DEGREE, stripes);
	else
		H_TF(b, l, T_RANK_STRIPES, stripes, H_TP(l, stripes, T_W_STRIPE));
}

static void h_duration_add(struct buf *b, enum lang l, int months)
{
	if (months >= 12)
		H_TF(b, l, T_YEARS_MONTHS, months / 12, months % 12);
	else
		H_TF(b, l, T_MONTHS, months);
}

void h_reqs_add(struct buf *b, enum lang l, const struct belt_step *s, int unmet_only)
{
	const char *mark;
	int i, stripe = s->kind == BELT_STEP_STRIPE;

	for (i = 0; i < s->n_req; i++) {
		const struct belt_req *r = &s->req[i];

		if (unmet_only && r->met)
			continue;
		mark = r->met ? "✅" : "❌";
		switch (r->kind) {
		case BELT_REQ_MONTHS:
			buf_addf(b, stripe ? H_T(l, T_REQ_MONTHS_STRIPE)
			    : H_T(l, T_REQ_MONTHS_BELT), mark, r->have, r->need);
			break;
		case BELT_REQ_CLASSES:
			buf_addf(b, stripe ? H_T(l, T_REQ_CLASSES_STRIPE)
			    : H_T(l, T_REQ_CLASSES_BELT), mark, r->have, r->need);
			break;
		case BELT_REQ_AGE:
			if (r->unknown)
				H_TF(b, l, T_REQ_AGE_UNKNOWN, r->need);
			else
				H_TF(b, l, T_REQ_AGE, mark, r->have, r->need);
			break;
		}
	}
}

void h_reqs_note_add(struct buf *b, const struct belt_step *s)
{
	static const char *const names[] = { "", "months", "classes", "age" };
	int i, first = 1;

	if (s->kind == BELT_STEP_SKIP)
		buf_adds(b, ", not the next step");
	for (i = 0; i < s->n_req; i++) {
		if (s->req[i].met)
			continue;
		buf_addf(b, "%s%s %d/%d", first && s->kind != BELT_STEP_SKIP ? ": " : ", ",
		    names[s->req[i].kind], s->req[i].have, s->req[i].need);
		first = 0;
	}
}

enum h_found h_belt_student(struct h_ctx *ctx, const char *ref, struct belt_facts *f)
{
	struct person p;
	enum h_found rc = h_find_person(ctx, PERSON_STUDENT, ref, H_FIND_INACTIVE, &p);

	memset(f, 0, sizeof(*f));
	if (rc != H_FOUND)
		return rc;
	rc = db_belt_facts(ctx->env->db, p.id, f) == DB_OK ? H_FOUND : H_FAILED;
	person_release(&p);
	return rc;
}

/* ---- /belt ------------------------------------------------------------ */

static void h_history_add(struct buf *b, enum lang l, const struct promotion *v, size_t n)
{
	size_t i;

	if (n == 0) {
		buf_adds(b, H_T(l, T_BELT_NO_HISTORY));
		return;
	}
	buf_adds(b, H_T(l, T_BELT_HISTORY));
	for (i = 0; i < n; i++) {
		struct buf date = { 0 }, from = { 0 }, to = { 0 };

		buf_add_date(&date, v[i].promoted_at);
		h_rank_add(&from, l, v[i].from_belt, v[i].from_stripes);
		h_rank_add(&to, l, v[i].to_belt, v[i].to_stripes);
		H_TF(b, l, T_BELT_HISTORY_LINE, buf_str(&date), buf_str(&from), buf_str(&to));
		if (v[i].exam_id != 0)
			buf_adds(b, H_T(l, T_BELT_HISTORY_EXAM));
		if (!v[i].rules_met)
			buf_adds(b, H_T(l, T_BELT_HISTORY_FORCED));
		if (v[i].by_name != NULL) {
			char *by = html_escape(v[i].by_name);

			H_TF(b, l, T_BELT_HISTORY_BY, by);
			free(by);
		}
		buf_addc(b, '\n');
		buf_release(&date);
		buf_release(&from);
		buf_release(&to);
	}
}

int h_reply_not_in_table(struct h_ctx *ctx, const struct belt_facts *f)
{
	struct buf b = { 0 };
	const char *first = h_esc(ctx, f->first_name), *last = h_esc(ctx, f->last_name);
	const char *belt = h_esc(ctx, f->belt);

	H_TF(&b, ctx->lang, T_BELT_NOT_IN_TABLE, first, last, (long long)f->student_id, belt,
	    (long long)f->student_id);
	return h_reply_buf(ctx, &b);
}

static int h_belt_show(struct h_ctx *ctx, const struct belt_facts *f)
{
	enum lang l = ctx->lang;
	struct h_belts t = { 0 };
	struct promotion *hist = NULL;
	struct belt_step s;
	struct buf b = { 0 }, dur = { 0 }, date = { 0 };
	const char *first = NULL, *last = NULL;
	size_t nhist = 0;
	int rc = -1;

	if (h_belts_load(ctx, &t) != 0 ||
	    db_promotions_recent(ctx->env->db, f->student_id, H_BELT_HISTORY, &hist,
	    &nhist) != DB_OK)
		goto out;
	if (belt_plan(t.v, t.n, f, ctx->env->now, &s) != 0) {
		rc = h_reply_not_in_table(ctx, f);
		goto out;
	}
	first = h_esc(ctx, f->first_name);
	last = h_esc(ctx, f->last_name);
	H_TF(&b, l, T_BELT_HEAD, first, last, (long long)f->student_id);
	h_rank_add(&dur, l, f->belt, f->stripes);
	H_TF(&b, l, T_BELT_NOW, buf_str(&dur));
	buf_truncate(&dur, 0);
	h_duration_add(&dur, l, belt_months_between(f->belt_since, ctx->env->now));
	buf_add_date(&date, f->belt_since);
	H_TF(&b, l, T_BELT_TIME, buf_str(&dur), buf_str(&date));
	H_TF(&b, l, T_BELT_CLASSES, f->classes_since);
	if (s.kind == BELT_STEP_TOP) {
		buf_adds(&b, H_T(l, T_BELT_TOP));
	} else {
		buf_truncate(&dur, 0);
		h_rank_add(&dur, l, s.to->code, s.to_stripes);
		H_TF(&b, l, T_BELT_NEXT, buf_str(&dur));
		if (s.to_adult)
			buf_adds(&b, H_T(l, T_BELT_NEXT_ADULT));
		h_reqs_add(&b, l, &s, 0);
		if (s.n_req == 0)
			buf_adds(&b, H_T(l, T_BELT_NO_RULES));
		else if (s.met)
			buf_adds(&b, H_T(l, T_BELT_READY));
	}
	h_history_add(&b, l, hist, nhist);
	rc = h_reply_buf(ctx, &b);
out:
	buf_release(&b);
	buf_release(&dur);
	buf_release(&date);
	promotions_free(hist, nhist);
	h_belts_release(&t);
	return rc;
}

static int h_cmd_belt(struct h_ctx *ctx, const char *args)
{
	struct belt_facts f;
	char **argv = NULL;
	size_t argc = h_args_words(ctx, args, &argv);
	int rc;

	memset(&f, 0, sizeof f);
	if (argc == 1 && ctx->role < ROLE_TRAINER) {
		rc = h_reply(ctx, H_T(ctx->lang, T_BELT_ONLY_OWN));
		goto out;
	}
	if (argc == 1) {
		if ((rc = h_belt_student(ctx, argv[0], &f)) != H_FOUND)
			goto out;
	} else if (ctx->who.kind == PERSON_STUDENT) {
		if ((rc = db_belt_facts(ctx->env->db, ctx->who.id, &f)) != DB_OK) {
			rc = -1;
			goto out;
		}
	} else {
		rc = h_reply(ctx, H_T(ctx->lang, T_BELT_NO_RECORD));
		goto out;
	}
	rc = h_belt_show(ctx, &f);
out:
	belt_facts_release(&f);
	return rc;
}

H_COMMAND_USAGE(belt, BELT, H_TA_USAGE(T_USAGE_NONE, T_USAGE_BELT_STAFF),
	.min_role = ROLE_STUDENT, .flags = H_CMD_STUDENT_FIRST | H_CMD_USAGE_TRAINER,
	.args = { .max = 1 });
