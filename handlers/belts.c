/*
 * belts.c — belts and promotions: /belt (a student's rank, time at the
 * belt, classes, what the next step needs, history), /promote (with the
 * "Promote anyway" button when the rules are not met), /eligible, belt
 * exams (/exam, /exams) and the owner's rules (/beltrules, /beltrule).
 *
 * Invariant: every argument is validated before anything is written; a
 * promotion that breaks the rules (or lowers the rank) is recorded only
 * when the trainer insists (the keyword force / принудительно or the
 * button), and then with rules_met = 0 and a note. The button carries the
 * state it was offered for (student, from, to) and is checked against the
 * database when pressed, so a stale one changes nothing.
 *
 * Belts are shown and typed by their names in every language (the
 * T_BELT_NAME_ texts, h_belt_name); the codes stay inside.
 *
 * Callers: the command and callback tables in handlers.c; register.c
 * (h_belt_arg for /addstudent); admin.c (h_rank_add).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "bot/civil.h"
#include "bot/log.h"
#include "bot/util.h"
#include "handlers/command.h"
#include "handlers/reply.h"
#include "handlers/texts.h"
#include "storage/belts.h"
#include "storage/jobs.h"
#include "storage/store.h"

/* Promotions /belt shows. */
#define H_BELT_HISTORY 5
/* Names per group in /eligible, exams in /exams. */
#define H_ELIGIBLE_MAX 25
#define H_EXAMS_MAX 30
/* callback_data is at most 64 bytes. */
#define H_CB_MAX 64

/* The belts table, loaded once per command. */
struct h_belts {
	struct belt *v;
	size_t n;
};

static int
h_belts_load(struct h_ctx *ctx, struct h_belts *t)
{
	return db_belts_all(ctx->env->db, &t->v, &t->n) == DB_OK ? 0 : -1;
}

static void
h_belts_free(struct h_belts *t)
{
	belts_free(t->v, t->n);
	t->v = NULL;
	t->n = 0;
}

/* The names of the belt codes (the belts table's rows), by language. */
static const struct {
	const char *code;
	const char *name[LANG_COUNT];
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
/* Words a belt's name may span when typed ("red and black belt"). */
#define H_BELT_WORDS_MAX 4

/* The row of code in h_belt_names, or -1. */
static int
h_belt_row(const char *code)
{
	for (size_t i = 0; code != NULL && i < BJJ_ARRAY_LEN(h_belt_names); i++) {
		if (strcmp(h_belt_names[i].code, code) == 0)
			return (int)i;
	}
	return -1;
}

const char *
h_belt_name(enum lang l, const char *code)
{
	int row = h_belt_row(code);

	return row >= 0 ? h_belt_names[row].name[l] : code;
}

/* The name of code without the word "belt" of l ("синий"), into b. */
static void
h_belt_short_add(struct buf *b, enum lang l, const char *code)
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
static char *
h_belt_norm(const char *s, size_t len)
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
static int
h_belt_row_matches(int row, enum lang l, const char *w)
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
	buf_free(&brief);
	return found;
}

/* The belt of table t that word names: its code, or its name in any
 * language (whole, without the belt word, or an alias); NULL when none. */
static const struct belt *
h_belt_match(const struct h_belts *t, const char *word)
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
static const struct belt *
h_belt_match_words(const struct h_belts *t, char *const *words, size_t k)
{
	const struct belt *found;
	struct buf joined = { 0 };

	for (size_t i = 0; i < k; i++)
		buf_addf(&joined, "%s%s", i > 0 ? " " : "", words[i]);
	found = h_belt_match(t, buf_str(&joined));
	buf_free(&joined);
	return found;
}

/*
 * The belt named by argv[at] and the words after it (a name may span up
 * to H_BELT_WORDS_MAX words: "синий пояс"); the longest match wins.
 * *used gets the number of words; NULL when none names a belt.
 */
static const struct belt *
h_belt_words(const struct h_belts *t, char *const *argv, size_t argc, size_t at,
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

/* Reply "unknown belt" with the names to choose from, in the user's
 * language. */
static int
h_belt_unknown(struct h_ctx *ctx, const struct h_belts *t, const char *word)
{
	struct buf b = { 0 }, list = { 0 }, name = { 0 };
	char *esc = html_escape(word);
	size_t i;

	for (i = 0; i < t->n; i++) {
		buf_adds(&list, i > 0 ? ", " : "");
		buf_truncate(&name, 0);
		h_belt_short_add(&name, ctx->lang, t->v[i].code);
		buf_add_html(&list, buf_str(&name));
	}
	H_TF(&b, ctx->lang, T_BAD_BELT, esc, buf_str(&list));
	free(esc);
	buf_free(&list);
	buf_free(&name);
	return h_reply_buf(ctx, &b);
}

enum h_found
h_belt_arg(struct h_ctx *ctx, char *const *words, size_t n, size_t *used, char **code)
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
	h_belts_free(&t);
	return rc;
}

void
h_rank_add(struct buf *b, enum lang l, const char *code, int stripes)
{
	buf_add_html(b, h_belt_name(l, code));
	if (stripes <= 0)
		return;
	if (strcmp(code, "black") == 0)
		H_TF(b, l, T_RANK_DEGREE, stripes);
	else
		H_TF(b, l, T_RANK_STRIPES, stripes, H_TP(l, stripes, T_W_STRIPE));
}

static void
h_duration_add(struct buf *b, enum lang l, int months)
{
	if (months >= 12)
		H_TF(b, l, T_YEARS_MONTHS, months / 12, months % 12);
	else
		H_TF(b, l, T_MONTHS, months);
}

/* One line per requirement of s (only the unmet ones when unmet_only). */
static void
h_reqs_add(struct buf *b, enum lang l, const struct belt_step *s, int unmet_only)
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
			if (stripe)
				H_TF(b, l, T_REQ_MONTHS_STRIPE, mark, r->have, r->need);
			else
				H_TF(b, l, T_REQ_MONTHS_BELT, mark, r->have, r->need);
			break;
		case BELT_REQ_CLASSES:
			if (stripe)
				H_TF(b, l, T_REQ_CLASSES_STRIPE, mark, r->have, r->need);
			else
				H_TF(b, l, T_REQ_CLASSES_BELT, mark, r->have, r->need);
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

/* The unmet requirements in a few plain English words, for the note of a
 * forced promotion ("months 2/4, classes 10/40"); "" when all are met. */
static void
h_reqs_note_add(struct buf *b, const struct belt_step *s)
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

/* The student named by ref, as facts (H_FOUND), else H_REPLIED or H_FAILED. */
static enum h_found
h_belt_student(struct h_ctx *ctx, const char *ref, struct belt_facts *f)
{
	struct person p;
	enum h_found rc = h_find_person(ctx, PERSON_STUDENT, ref, H_FIND_INACTIVE, &p);

	memset(f, 0, sizeof(*f));
	if (rc != H_FOUND)
		return rc;
	rc = db_belt_facts(ctx->env->db, p.id, f) == DB_OK ? H_FOUND : H_FAILED;
	person_free(&p);
	return rc;
}

/* ---- /belt ------------------------------------------------------------ */

static void
h_history_add(struct buf *b, enum lang l, const struct promotion *v, size_t n)
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
		buf_free(&date);
		buf_free(&from);
		buf_free(&to);
	}
}

/* The rank of f's belt is not in the table: say so and how to fix it. */
static int
h_reply_not_in_table(struct h_ctx *ctx, const struct belt_facts *f)
{
	struct buf b = { 0 };
	char *first = html_escape(f->first_name), *last = html_escape(f->last_name);
	char *belt = html_escape(f->belt);

	H_TF(&b, ctx->lang, T_BELT_NOT_IN_TABLE, first, last, (long long)f->student_id, belt,
	    (long long)f->student_id);
	free(belt);
	free(last);
	free(first);
	return h_reply_buf(ctx, &b);
}

static int
h_belt_show(struct h_ctx *ctx, const struct belt_facts *f)
{
	enum lang l = ctx->lang;
	struct h_belts t = { 0 };
	struct promotion *hist = NULL;
	struct belt_step s;
	struct buf b = { 0 }, dur = { 0 }, date = { 0 };
	char *first = NULL, *last = NULL;
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
	first = html_escape(f->first_name);
	last = html_escape(f->last_name);
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
	free(first);
	free(last);
	buf_free(&b);
	buf_free(&dur);
	buf_free(&date);
	promotions_free(hist, nhist);
	h_belts_free(&t);
	return rc;
}

int
h_cmd_belt(struct h_ctx *ctx, const char *args)
{
	struct belt_facts f;
	char **argv = NULL;
	size_t argc = h_args_split(args, &argv);
	int rc;

	memset(&f, 0, sizeof f);
	if (argc > 1) {
		rc = h_reply_usage(ctx, H_T(ctx->lang, T_EXAMPLE_BELT));
		goto out;
	}
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
	belt_facts_free(&f);
	strv_free(argv, argc);
	return rc;
}

/* ---- promotions ------------------------------------------------------- */

/* What a trainer asked for, checked against the student's facts. */
struct h_promo {
	const struct belt_facts *f;
	const struct belt *to;     /* borrowed from the table */
	int to_stripes;
	int force;                 /* "force" typed, or the button pressed */
	int64_t exam_id;           /* 0: none */
};

/* The "Promote anyway" button for req: "prm:<student>:<from>:<fs>:<to>:<ts>".
 * Owned; NULL when the data would not fit (the trainer can type force). */
static char *
h_promote_button(enum lang l, const struct h_promo *req)
{
	char data[H_CB_MAX + 1];
	cJSON *mk, *rows, *row, *btn;
	int len;

	len = snprintf(data, sizeof data, "prm:%lld:%s:%d:%s:%d", (long long)req->f->student_id,
	    req->f->belt, req->f->stripes, req->to->code, req->to_stripes);
	if (len < 0 || len > H_CB_MAX)
		return NULL;
	mk = cJSON_CreateObject();
	rows = cJSON_AddArrayToObject(mk, "inline_keyboard");
	row = cJSON_CreateArray();
	btn = cJSON_CreateObject();
	cJSON_AddStringToObject(btn, "text", H_T(l, T_BTN_PROMOTE_ANYWAY));
	cJSON_AddStringToObject(btn, "callback_data", data);
	cJSON_AddItemToArray(row, btn);
	cJSON_AddItemToArray(rows, row);
	return h_json_take(mk);
}

/* Tell the student (when linked) about their new rank, in their language. */
static int
h_promote_tell(struct h_ctx *ctx, const struct h_promo *req)
{
	struct h_env *env = ctx->env;
	struct buf b = { 0 }, rank = { 0 };
	enum lang l;
	char *first;
	int rc;

	if (req->f->tg_id == 0)
		return 0;
	l = h_lang_of(env, req->f->tg_id);
	first = html_escape(req->f->first_name);
	h_rank_add(&rank, l, req->to->code, req->to_stripes);
	H_TF(&b, l, T_PROMOTE_CONGRATS, first, buf_str(&rank));
	rc = h_send(env, req->f->tg_id, buf_str(&b), NULL);
	free(first);
	buf_free(&rank);
	buf_free(&b);
	return rc;
}

/* "❌ this is not the next step (that is ...)" when s skips a step. */
static void
h_skip_add(struct h_ctx *ctx, const struct h_belts *t, const struct belt_facts *f,
    const struct belt_step *s, struct buf *b)
{
	struct belt_step next;
	struct buf rank = { 0 };

	if (s->kind != BELT_STEP_SKIP || belt_plan(t->v, t->n, f, ctx->env->now, &next) != 0 ||
	    next.to == NULL)
		return;
	h_rank_add(&rank, ctx->lang, next.to->code, next.to_stripes);
	H_TF(b, ctx->lang, T_PROMOTE_SKIP, buf_str(&rank));
	buf_free(&rank);
}

/*
 * Record req (its rules already judged in s against the table t; demotion when lower) and
 * put the trainer's answer in out. 1 done, 0 stale (the student is no
 * longer at req->f's rank: nothing written), -1 failure.
 */
static int
h_promote_record(struct h_ctx *ctx, const struct h_belts *t, const struct h_promo *req,
    const struct belt_step *s, int demotion, struct buf *out)
{
	const struct belt_facts *f = req->f;
	struct promotion p;
	struct buf note = { 0 }, from = { 0 }, to = { 0 };
	char *first = NULL, *last = NULL;
	int64_t id = 0;
	int rc = -1, dbrc, met = !demotion && s->met, closed = 0;

	memset(&p, 0, sizeof p);
	p.student_id = f->student_id;
	p.from_belt = f->belt;
	p.from_stripes = f->stripes;
	p.to_belt = req->to->code;
	p.to_stripes = req->to_stripes;
	p.promoted_at = ctx->env->now;
	p.promoted_by = ctx->m->from_id;
	p.exam_id = req->exam_id;
	p.rules_met = met;
	if (req->exam_id != 0)
		buf_addf(&note, "exam #%lld", (long long)req->exam_id);
	else if (demotion)
		buf_adds(&note, "demotion (forced)");
	else if (!met) {
		buf_adds(&note, "forced");
		h_reqs_note_add(&note, s);
	}
	p.note = note.len > 0 ? note.s : NULL;
	dbrc = db_promotion_add(ctx->env->db, &p, &id, &closed);
	if (dbrc == DB_NOTFOUND) {
		rc = 0;
		goto out;
	}
	if (dbrc != DB_OK)
		goto out;
	buf_addf(&from, "%s %d", f->belt, f->stripes);
	buf_addf(&to, "%s %d", req->to->code, req->to_stripes);
	log_info("belts", "student #%lld promoted (%s -> %s) by %lld", (long long)f->student_id,
	    buf_str(&from), buf_str(&to), (long long)ctx->m->from_id);
	buf_addf(&from, " -> %s%s%s", buf_str(&to), note.len > 0 ? "; " : "", buf_str(&note));
	if (closed > 0)
		buf_addf(&from, "; closed %d pending exam(s)", closed);
	if (h_audit(ctx, "promotion.add", "student", f->student_id, buf_str(&from)) != 0)
		goto out;

	buf_truncate(&from, 0);
	buf_truncate(&to, 0);
	first = html_escape(f->first_name);
	last = html_escape(f->last_name);
	h_rank_add(&from, ctx->lang, f->belt, f->stripes);
	h_rank_add(&to, ctx->lang, req->to->code, req->to_stripes);
	H_TF(out, ctx->lang, T_PROMOTE_DONE, first, last, (long long)f->student_id,
	    buf_str(&from), buf_str(&to));
	if (req->exam_id != 0)
		;	/* the exam was the test: no rules to report */
	else if (demotion)
		buf_adds(out, H_T(ctx->lang, T_PROMOTE_DEMOTED));
	else if (met)
		buf_adds(out, H_T(ctx->lang, T_PROMOTE_RULES_MET));
	else {
		buf_adds(out, H_T(ctx->lang, T_PROMOTE_FORCED));
		h_reqs_add(out, ctx->lang, s, 1);
		h_skip_add(ctx, t, f, s, out);
	}
	if (closed > 0)
		buf_adds(out, H_T(ctx->lang, T_PROMOTE_EXAM_CLOSED));
	/* A correction downwards is no news to congratulate on. */
	if (!demotion && h_promote_tell(ctx, req) != 0)
		goto out;
	rc = 1;
out:
	free(first);
	free(last);
	buf_free(&note);
	buf_free(&from);
	buf_free(&to);
	return rc;
}

/* The reply to a stale request: where the student is now. */
static void
h_promote_stale_add(struct h_ctx *ctx, const struct belt_facts *f, struct buf *out)
{
	struct buf rank = { 0 };
	char *first = html_escape(f->first_name), *last = html_escape(f->last_name);

	h_rank_add(&rank, ctx->lang, f->belt, f->stripes);
	H_TF(out, ctx->lang, T_PROMOTE_STALE, first, last, (long long)f->student_id,
	    buf_str(&rank));
	free(first);
	free(last);
	buf_free(&rank);
}

/* "The rules are not met (or this skips a step): promote anyway?" */
static int
h_promote_ask(struct h_ctx *ctx, const struct h_belts *t, const struct h_promo *req,
    const struct belt_step *s)
{
	struct buf b = { 0 }, rank = { 0 };
	char *first = html_escape(req->f->first_name), *last = html_escape(req->f->last_name);
	char *markup = h_promote_button(ctx->lang, req);
	int rc;

	h_rank_add(&rank, ctx->lang, req->to->code, req->to_stripes);
	H_TF(&b, ctx->lang, T_PROMOTE_UNMET, first, last, (long long)req->f->student_id,
	    buf_str(&rank));
	h_reqs_add(&b, ctx->lang, s, 0);
	h_skip_add(ctx, t, req->f, s, &b);
	buf_adds(&b, H_T(ctx->lang, T_PROMOTE_ASK));
	rc = h_reply_markup(ctx, buf_str(&b), markup);
	free(markup);
	free(first);
	free(last);
	buf_free(&rank);
	buf_free(&b);
	return rc;
}

/*
 * Judge req and carry it out: the same rank is refused, a lower one needs
 * force (force_cmd is the command to copy with "force" added, NULL for
 * the button), unmet rules need force or get the button. The answer is a
 * reply, or an edit of message edit_id (the button's). 0 or -1.
 */
static int
h_promote_run(struct h_ctx *ctx, const struct h_belts *t, const struct h_promo *req,
    const char *force_cmd, int64_t edit_id)
{
	const struct belt_facts *f = req->f;
	const struct belt *cur = belt_find(t->v, t->n, f->belt);
	struct belt_step s;
	struct buf b = { 0 }, from = { 0 }, to = { 0 };
	char *first = NULL, *last = NULL, *cmd = NULL;
	int rc = -1, cmp, demotion = 0;

	memset(&s, 0, sizeof s);
	if (cur == NULL && !req->force) {
		rc = h_reply_not_in_table(ctx, f);
		goto out;
	}
	if (cur != NULL) {
		cmp = belt_level(req->to) - belt_level(cur);
		if (cmp == 0)
			cmp = req->to_stripes - f->stripes;
		first = html_escape(f->first_name);
		last = html_escape(f->last_name);
		h_rank_add(&from, ctx->lang, f->belt, f->stripes);
		h_rank_add(&to, ctx->lang, req->to->code, req->to_stripes);
		if (cmp == 0) {
			H_TF(&b, ctx->lang, T_PROMOTE_SAME, first, last, (long long)f->student_id,
			    buf_str(&from));
			rc = h_reply_buf(ctx, &b);
			goto out;
		}
		if (cmp < 0 && !req->force) {
			char *typed = xasprintf("%s %s", force_cmd != NULL ? force_cmd : "",
			    H_T(ctx->lang, T_KW_FORCE));

			cmd = html_escape(typed);
			free(typed);
			H_TF(&b, ctx->lang, T_PROMOTE_DEMOTION, buf_str(&from), buf_str(&to), cmd);
			rc = h_reply_buf(ctx, &b);
			goto out;
		}
		demotion = cmp < 0;
		if (!demotion && belt_check(t->v, t->n, f, ctx->env->now, req->to, req->to_stripes,
		    &s) != 0)
			goto out;
		if (!demotion && !s.met && !req->force) {
			rc = h_promote_ask(ctx, t, req, &s);
			goto out;
		}
	}
	switch (h_promote_record(ctx, t, req, &s, demotion, &b)) {
	case 1:
		break;
	case 0:
		h_promote_stale_add(ctx, f, &b);
		break;
	default:
		goto out;
	}
	rc = edit_id != 0 ? h_edit(ctx, edit_id, buf_str(&b), NULL) : h_reply(ctx, buf_str(&b));
out:
	free(cmd);
	free(first);
	free(last);
	buf_free(&b);
	buf_free(&from);
	buf_free(&to);
	return rc;
}

/* "stripe" asked of a student who has them all: say what comes next. */
static int
h_promote_no_stripe(struct h_ctx *ctx, const struct h_belts *t, const struct belt_facts *f,
    const struct belt *cur)
{
	struct belt_step next;
	struct buf b = { 0 }, rank = { 0 };
	char *code = NULL;

	h_rank_add(&rank, ctx->lang, f->belt, f->stripes);
	if (belt_plan(t->v, t->n, f, ctx->env->now, &next) == 0 && next.to != NULL &&
	    next.to != cur) {
		struct buf next_name = { 0 };

		h_belt_short_add(&next_name, ctx->lang, next.to->code);
		code = html_escape(buf_str(&next_name));
		buf_free(&next_name);
		H_TF(&b, ctx->lang, T_PROMOTE_NO_STRIPE, buf_str(&rank), cur->max_stripes,
		    (long long)f->student_id, code);
	} else
		H_TF(&b, ctx->lang, T_PROMOTE_NO_STRIPE_TOP, buf_str(&rank), cur->max_stripes);
	free(code);
	buf_free(&rank);
	return h_reply_buf(ctx, &b);
}

int
h_cmd_promote(struct h_ctx *ctx, const char *args)
{
	struct h_belts t = { 0 };
	struct belt_facts f;
	struct h_promo req;
	struct buf b = { 0 };
	const struct belt *cur;
	char **argv = NULL, *esc;
	size_t argc = h_args_split(args, &argv), n = argc, used = 0;
	int64_t stripes = 0;
	int rc = -1, stripe = 0;

	memset(&f, 0, sizeof f);
	memset(&req, 0, sizeof req);
	if (n > 0 && H_KW(argv, n, n - 1, T_KW_FORCE) == 1) {
		req.force = 1;
		n--;
	}
	if (n >= 2 && (used = H_KW(argv, n, 1, T_KW_STRIPE)) > 0)
		stripe = 1;
	if (n < 2 || (stripe && 1 + used != n)) {
		rc = h_reply_usage(ctx, H_T(ctx->lang, T_EXAMPLE_PROMOTE));
		goto out;
	}
	if (h_belts_load(ctx, &t) != 0)
		goto out;
	if (!stripe && (req.to = h_belt_words(&t, argv, n, 1, &used)) == NULL) {
		rc = h_belt_unknown(ctx, &t, argv[1]);
		goto out;
	}
	if (!stripe && 1 + used + 1 < n) {
		rc = h_reply_usage(ctx, H_T(ctx->lang, T_EXAMPLE_PROMOTE));
		goto out;
	}
	if (!stripe && 1 + used < n && (parse_i64(argv[1 + used], &stripes) != 0 ||
	    stripes < 0 || stripes > 6)) {
		esc = html_escape(argv[1 + used]);
		H_TF(&b, ctx->lang, T_PROMOTE_BAD_STRIPES, esc);
		free(esc);
		rc = h_reply_buf(ctx, &b);
		goto out;
	}
	if (!stripe && stripes > req.to->max_stripes) {
		esc = html_escape(h_belt_name(ctx->lang, req.to->code));
		H_TF(&b, ctx->lang, T_PROMOTE_TOO_MANY, esc, req.to->max_stripes,
		    H_TP(ctx->lang, req.to->max_stripes, T_W_STRIPES_AT_MOST));
		free(esc);
		rc = h_reply_buf(ctx, &b);
		goto out;
	}
	if ((rc = h_belt_student(ctx, argv[0], &f)) != H_FOUND)
		goto out;
	req.f = &f;
	req.to_stripes = (int)stripes;
	if (stripe) {
		if ((cur = belt_find(t.v, t.n, f.belt)) == NULL) {
			rc = h_reply_not_in_table(ctx, &f);
			goto out;
		}
		if (f.stripes >= cur->max_stripes) {
			rc = h_promote_no_stripe(ctx, &t, &f, cur);
			goto out;
		}
		req.to = cur;
		req.to_stripes = f.stripes + 1;
	}
	rc = h_promote_run(ctx, &t, &req, ctx->m->text, 0);
out:
	buf_free(&b);
	belt_facts_free(&f);
	h_belts_free(&t);
	strv_free(argv, argc);
	return rc;
}

int
h_cb_promote(struct h_ctx *ctx, const char *key)
{
	struct h_belts t = { 0 };
	struct belt_facts f;
	struct h_promo req;
	struct buf b = { 0 };
	char from[24], to[24], tail;
	long long student;
	int fs, ts, rc = -1, dbrc;

	memset(&f, 0, sizeof f);
	memset(&req, 0, sizeof req);
	if (sscanf(key, "%lld:%23[a-z_]:%d:%23[a-z_]:%d%c", &student, from, &fs, to, &ts,
	    &tail) != 5)
		return h_reply(ctx, H_T(ctx->lang, T_CB_OUTDATED));
	dbrc = db_belt_facts(ctx->env->db, student, &f);
	if (dbrc == DB_NOTFOUND)
		return h_reply(ctx, H_T(ctx->lang, T_CB_OUTDATED));
	if (dbrc != DB_OK || h_belts_load(ctx, &t) != 0)
		goto out;
	req.f = &f;
	req.to = belt_find(t.v, t.n, to);
	req.to_stripes = ts;
	req.force = 1;
	/* Only what /promote could have offered: a belt in the table with
	 * at most its stripes. */
	if (req.to == NULL || ts < 0 || ts > req.to->max_stripes) {
		rc = h_reply(ctx, H_T(ctx->lang, T_CB_OUTDATED));
		goto out;
	}
	/* Offered for another rank than the student has now: do nothing. */
	if (strcmp(f.belt, from) != 0 || f.stripes != fs) {
		h_promote_stale_add(ctx, &f, &b);
		rc = h_edit(ctx, ctx->m->message_id, buf_str(&b), NULL);
		goto out;
	}
	rc = h_promote_run(ctx, &t, &req, NULL, ctx->m->message_id);
out:
	buf_free(&b);
	belt_facts_free(&f);
	h_belts_free(&t);
	return rc;
}

/* ---- /eligible ---------------------------------------------------------- */

/* One line of /eligible for f stepping by s. */
static void
h_eligible_line(struct buf *b, enum lang l, const struct belt_facts *f,
    const struct belt_step *s)
{
	struct buf from = { 0 }, to = { 0 };
	char *first = html_escape(f->first_name), *last = html_escape(f->last_name);
	int i;

	h_rank_add(&from, l, f->belt, f->stripes);
	h_rank_add(&to, l, s->to->code, s->to_stripes);
	H_TF(b, l, T_ELIGIBLE_LINE, (long long)f->student_id, first, last, buf_str(&from),
	    buf_str(&to));
	for (i = 0; i < s->n_req; i++) {
		if (s->req[i].unknown)
			buf_adds(b, H_T(l, T_ELIGIBLE_AGE_UNKNOWN));
	}
	buf_addc(b, '\n');
	free(first);
	free(last);
	buf_free(&from);
	buf_free(&to);
}

int
h_cmd_eligible(struct h_ctx *ctx, const char *args)
{
	struct h_belts t = { 0 };
	struct belt_facts *v = NULL;
	struct belt_step s;
	struct buf b = { 0 }, stripes = { 0 }, belts = { 0 };
	size_t n = 0, i, ns = 0, nb = 0;
	int rc = -1;

	if (*args != '\0')
		return h_reply_usage(ctx, "/eligible");
	if (h_belts_load(ctx, &t) != 0 || db_belt_facts_active(ctx->env->db, &v, &n) != DB_OK)
		goto out;
	for (i = 0; i < n; i++) {
		if (belt_plan(t.v, t.n, &v[i], ctx->env->now, &s) != 0 || !s.met)
			continue;
		if (s.kind == BELT_STEP_STRIPE && ns++ < H_ELIGIBLE_MAX)
			h_eligible_line(&stripes, ctx->lang, &v[i], &s);
		else if (s.kind == BELT_STEP_BELT && nb++ < H_ELIGIBLE_MAX)
			h_eligible_line(&belts, ctx->lang, &v[i], &s);
	}
	if (ns + nb == 0) {
		rc = h_reply(ctx, H_T(ctx->lang, T_ELIGIBLE_NONE));
		goto out;
	}
	buf_adds(&b, H_T(ctx->lang, T_ELIGIBLE_HEAD));
	if (nb > 0) {
		H_TF(&b, ctx->lang, T_ELIGIBLE_BELTS, nb);
		buf_adds(&b, buf_str(&belts));
		if (nb > H_ELIGIBLE_MAX)
			H_TF(&b, ctx->lang, T_LIST_MORE, nb - H_ELIGIBLE_MAX);
	}
	if (ns > 0) {
		H_TF(&b, ctx->lang, T_ELIGIBLE_STRIPES, ns);
		buf_adds(&b, buf_str(&stripes));
		if (ns > H_ELIGIBLE_MAX)
			H_TF(&b, ctx->lang, T_LIST_MORE, ns - H_ELIGIBLE_MAX);
	}
	rc = h_reply_buf(ctx, &b);
out:
	buf_free(&b);
	buf_free(&stripes);
	buf_free(&belts);
	belt_facts_list_free(v, n);
	h_belts_free(&t);
	return rc;
}

/* ---- exams -------------------------------------------------------------- */

/* Tell f (when linked), in their language, about their exam for target:
 * scheduled on date, or (date NULL) not passed; notes may be NULL. */
static int
h_exam_tell(struct h_ctx *ctx, const struct belt_facts *f, const struct belt *target,
    const char *date, const char *notes)
{
	struct h_env *env = ctx->env;
	struct buf b = { 0 };
	enum lang l;
	char *title, *esc;
	int rc;

	if (f->tg_id == 0)
		return 0;
	l = h_lang_of(env, f->tg_id);
	title = html_escape(h_belt_name(l, target->code));
	if (date != NULL)
		H_TF(&b, l, T_EXAM_STUDENT, title, date);
	else
		H_TF(&b, l, T_EXAM_FAILED_STUDENT, title);
	if (notes != NULL && *notes != '\0') {
		esc = html_escape(notes);
		H_TF(&b, l, T_EXAM_NOTES, esc);
		free(esc);
	}
	rc = h_send(env, f->tg_id, buf_str(&b), NULL);
	free(title);
	buf_free(&b);
	return rc;
}

/* /exam #id|name <belt> <date>: argv has argc >= 3 words, the belt's name
 * may span several. */
static int
h_exam_schedule(struct h_ctx *ctx, char **argv, size_t argc)
{
	struct h_belts t = { 0 };
	struct belt_facts f;
	struct exam pending;
	struct buf b = { 0 }, today = { 0 }, rank = { 0 };
	const struct belt *to, *cur;
	char *esc = NULL, *first = NULL, *last = NULL, *title = NULL, date[CIVIL_DATE_LEN];
	const char *typed = argv[argc - 1];
	int64_t id = 0;
	size_t used = 0;
	int y, m, d, rc = -1, dbrc;

	memset(&f, 0, sizeof f);
	memset(&pending, 0, sizeof pending);
	if (h_belts_load(ctx, &t) != 0)
		goto out;
	if ((to = h_belt_words(&t, argv, argc - 1, 1, &used)) == NULL) {
		rc = h_belt_unknown(ctx, &t, argv[1]);
		goto out;
	}
	if (1 + used != argc - 1) {
		rc = h_reply_usage(ctx, H_T(ctx->lang, T_EXAMPLE_EXAM));
		goto out;
	}
	if (civil_parse_day(typed, ctx->env->now, &y, &m, &d) != 0) {
		esc = html_escape(typed);
		H_TF(&b, ctx->lang, T_EXAM_BAD_DATE, esc);
		rc = h_reply_buf(ctx, &b);
		goto out;
	}
	/* Kept and shown as YYYY-MM-DD whatever the form typed. */
	civil_format_date(date, y, m, d);
	esc = xstrdup(date);
	buf_add_date(&today, ctx->env->now);
	/* Both are YYYY-MM-DD, so text order is date order. */
	if (strcmp(date, buf_str(&today)) < 0) {
		H_TF(&b, ctx->lang, T_EXAM_PAST, esc, buf_str(&today));
		rc = h_reply_buf(ctx, &b);
		goto out;
	}
	if ((rc = h_belt_student(ctx, argv[0], &f)) != H_FOUND)
		goto out;
	rc = -1;
	first = html_escape(f.first_name);
	last = html_escape(f.last_name);
	title = html_escape(h_belt_name(ctx->lang, to->code));
	cur = belt_find(t.v, t.n, f.belt);
	if (cur != NULL && belt_level(to) <= belt_level(cur)) {
		h_rank_add(&rank, ctx->lang, f.belt, f.stripes);
		H_TF(&b, ctx->lang, T_EXAM_NOT_HIGHER, title, first, last, buf_str(&rank));
		rc = h_reply_buf(ctx, &b);
		goto out;
	}
	dbrc = db_exam_pending(ctx->env->db, f.student_id, &pending);
	if (dbrc == DB_OK) {
		char *ptitle = html_escape(h_belt_name(ctx->lang, pending.target_belt));

		H_TF(&b, ctx->lang, T_EXAM_PENDING, first, last, (long long)pending.id, ptitle,
		    pending.exam_date, (long long)pending.id);
		free(ptitle);
		rc = h_reply_buf(ctx, &b);
		goto out;
	}
	if (dbrc != DB_NOTFOUND ||
	    db_exam_add(ctx->env->db, f.student_id, to->code, date, ctx->m->from_id,
	    ctx->env->now, &id) != DB_OK)
		goto out;
	buf_addf(&rank, "student #%lld %s %s", (long long)f.student_id, to->code, date);
	if (h_audit(ctx, "exam.add", "exam", id, buf_str(&rank)) != 0)
		goto out;
	log_info("belts", "exam #%lld scheduled by %lld", (long long)id,
	    (long long)ctx->m->from_id);
	H_TF(&b, ctx->lang, T_EXAM_SCHEDULED, (long long)id, first, last,
	    (long long)f.student_id, title, esc);
	if (h_reply_buf(ctx, &b) != 0 || h_exam_tell(ctx, &f, to, esc, NULL) != 0)
		goto out;
	rc = 0;
out:
	free(esc);
	free(first);
	free(last);
	free(title);
	buf_free(&b);
	buf_free(&today);
	buf_free(&rank);
	exam_free(&pending);
	belt_facts_free(&f);
	h_belts_free(&t);
	return rc;
}

/* The exam passed: promote to its belt unless the student is there
 * already. The reply goes to b. 0 or -1. */
static int
h_exam_promote(struct h_ctx *ctx, const struct exam *e, struct buf *b)
{
	struct h_belts t = { 0 };
	struct belt_facts f;
	struct belt_step s;
	struct h_promo req;
	struct buf rank = { 0 };
	const struct belt *cur;
	char *first = NULL, *last = NULL;
	int rc = -1;

	memset(&s, 0, sizeof s);
	memset(&req, 0, sizeof req);
	if (db_belt_facts(ctx->env->db, e->student_id, &f) != DB_OK || h_belts_load(ctx, &t) != 0)
		goto out;
	cur = belt_find(t.v, t.n, f.belt);
	req.f = &f;
	req.to = belt_find(t.v, t.n, e->target_belt);
	req.exam_id = e->id;
	req.force = 1;
	if (req.to != NULL && (cur == NULL || belt_level(req.to) > belt_level(cur))) {
		/* Passing the exam is meeting the rules. */
		s.from = cur;
		s.met = 1;
		rc = h_promote_record(ctx, &t, &req, &s, 0, b) == 1 ? 0 : -1;
		goto out;
	}
	first = html_escape(f.first_name);
	last = html_escape(f.last_name);
	h_rank_add(&rank, ctx->lang, f.belt, f.stripes);
	H_TF(b, ctx->lang, T_EXAM_NO_PROMOTION, first, last, (long long)f.student_id,
	    buf_str(&rank));
	rc = 0;
out:
	free(first);
	free(last);
	buf_free(&rank);
	belt_facts_free(&f);
	h_belts_free(&t);
	return rc;
}

/* /exam <id> passed|failed [notes] */
static int
h_exam_decide(struct h_ctx *ctx, int64_t id, int passed, const char *notes)
{
	struct h_belts t = { 0 };
	struct belt_facts f;
	struct exam e;
	struct buf b = { 0 };
	const struct belt *target;
	char *first = NULL, *last = NULL, *esc = NULL;
	int rc = -1, dbrc;

	memset(&f, 0, sizeof f);
	dbrc = db_exam_get(ctx->env->db, id, &e);
	if (dbrc == DB_NOTFOUND) {
		H_TF(&b, ctx->lang, T_EXAM_NONE, (long long)id);
		rc = h_reply_buf(ctx, &b);
		goto out;
	}
	if (dbrc != DB_OK)
		goto out;
	if (strcmp(e.result, "pending") != 0) {
		H_TF(&b, ctx->lang, T_EXAM_DECIDED, (long long)id, strcmp(e.result, "passed") == 0 ?
		    H_T(ctx->lang, T_EXAM_WORD_PASSED) : H_T(ctx->lang, T_EXAM_WORD_FAILED));
		rc = h_reply_buf(ctx, &b);
		goto out;
	}
	if (db_exam_decide(ctx->env->db, id, passed ? "passed" : "failed",
	    *notes != '\0' ? notes : NULL, ctx->env->now) != DB_OK ||
	    h_audit(ctx, "exam.decide", "exam", id, passed ? "passed" : "failed") != 0)
		goto out;
	log_info("belts", "exam #%lld %s, recorded by %lld", (long long)id,
	    passed ? "passed" : "failed", (long long)ctx->m->from_id);
	if (passed) {
		H_TF(&b, ctx->lang, T_EXAM_PASSED, (long long)id);
		if (h_exam_promote(ctx, &e, &b) != 0)
			goto out;
	} else {
		first = html_escape(e.first_name);
		last = html_escape(e.last_name);
		H_TF(&b, ctx->lang, T_EXAM_FAILED, (long long)id, first, last,
		    (long long)e.student_id);
		if (db_belt_facts(ctx->env->db, e.student_id, &f) != DB_OK ||
		    h_belts_load(ctx, &t) != 0)
			goto out;
		target = belt_find(t.v, t.n, e.target_belt);
		if (target != NULL && h_exam_tell(ctx, &f, target, NULL, notes) != 0)
			goto out;
	}
	if (*notes != '\0') {
		esc = html_escape(notes);
		H_TF(&b, ctx->lang, T_EXAM_NOTES, esc);
	}
	rc = h_reply_buf(ctx, &b);
out:
	free(esc);
	free(first);
	free(last);
	buf_free(&b);
	exam_free(&e);
	belt_facts_free(&f);
	h_belts_free(&t);
	return rc;
}

int
h_cmd_exam(struct h_ctx *ctx, const char *args)
{
	char **argv = NULL;
	size_t argc = h_args_split(args, &argv), used = 0;
	int64_t id;
	int rc, passed = 0;

	if (argc >= 2 && parse_i64(argv[0], &id) == 0 && id > 0) {
		if ((used = H_KW(argv, argc, 1, T_KW_PASSED)) > 0)
			passed = 1;
		else
			used = H_KW(argv, argc, 1, T_KW_FAILED);
	}
	if (used > 0)
		rc = h_exam_decide(ctx, id, passed, h_args_after(args, 1 + used));
	else if (argc >= 3 && argc <= 2 + H_BELT_WORDS_MAX)
		rc = h_exam_schedule(ctx, argv, argc);
	else
		rc = h_reply_usage(ctx, H_T(ctx->lang, T_EXAMPLE_EXAM));
	strv_free(argv, argc);
	return rc;
}

int
h_cmd_exams(struct h_ctx *ctx, const char *args)
{
	struct exam *v = NULL;
	struct buf b = { 0 }, today = { 0 };
	size_t n = 0, i;
	char *first, *last, *title;
	int rc = -1;

	if (*args != '\0')
		return h_reply_usage(ctx, "/exams");
	buf_add_date(&today, ctx->env->now);
	if (db_exams_upcoming(ctx->env->db, buf_str(&today), H_EXAMS_MAX + 1, &v, &n) != DB_OK)
		goto out;
	if (n == 0) {
		rc = h_reply(ctx, H_T(ctx->lang, T_EXAMS_NONE));
		goto out;
	}
	buf_adds(&b, H_T(ctx->lang, T_EXAMS_HEAD));
	for (i = 0; i < n && i < H_EXAMS_MAX; i++) {
		first = html_escape(v[i].first_name);
		last = html_escape(v[i].last_name);
		title = html_escape(h_belt_name(ctx->lang, v[i].target_belt));
		H_TF(&b, ctx->lang, T_EXAMS_LINE, v[i].exam_date, (long long)v[i].id, first, last,
		    (long long)v[i].student_id, title);
		free(first);
		free(last);
		free(title);
	}
	if (n > H_EXAMS_MAX)
		buf_adds(&b, "…\n");
	rc = h_reply_buf(ctx, &b);
out:
	buf_free(&b);
	buf_free(&today);
	exams_free(v, n);
	return rc;
}

/* ---- the owner's rules -------------------------------------------------- */

/* The fields /beltrule edits and their ranges. */
static const struct {
	const char *name[LANG_COUNT];  /* keywords, one word each */
	enum belt_rule rule;
	int min, max;
} h_rule_fields[] = {
	{ H_TA(T_KW_MAX_STRIPES), BELT_RULE_MAX_STRIPES, 0, 6 },
	{ H_TA(T_KW_MIN_AGE), BELT_RULE_MIN_AGE, 0, 100 },
	{ H_TA(T_KW_MIN_MONTHS), BELT_RULE_MIN_MONTHS, 0, 600 },
	{ H_TA(T_KW_MIN_CLASSES), BELT_RULE_MIN_CLASSES, 0, 5000 },
	{ H_TA(T_KW_STRIPE_MONTHS), BELT_RULE_STRIPE_MONTHS, 0, 120 },
	{ H_TA(T_KW_STRIPE_CLASSES), BELT_RULE_STRIPE_CLASSES, 0, 1000 },
};

static int
h_rule_value(const struct belt *b, enum belt_rule r)
{
	switch (r) {
	case BELT_RULE_MAX_STRIPES:
		return b->max_stripes;
	case BELT_RULE_MIN_AGE:
		return b->min_age;
	case BELT_RULE_MIN_MONTHS:
		return b->min_months;
	case BELT_RULE_MIN_CLASSES:
		return b->min_classes;
	case BELT_RULE_STRIPE_MONTHS:
		return b->stripe_months;
	case BELT_RULE_STRIPE_CLASSES:
		return b->stripe_classes;
	}
	return 0;
}

int
h_cmd_beltrules(struct h_ctx *ctx, const char *args)
{
	struct h_belts t = { 0 };
	struct buf b = { 0 };
	size_t i;
	int rc = -1, kids = -1;

	if (*args != '\0')
		return h_reply_usage(ctx, "/beltrules");
	if (h_belts_load(ctx, &t) != 0)
		goto out;
	buf_adds(&b, H_T(ctx->lang, T_BELTRULES_HEAD));
	for (i = 0; i < t.n; i++) {
		const struct belt *bt = &t.v[i];

		if (bt->kids != kids) {
			kids = bt->kids;
			buf_adds(&b, kids ? H_T(ctx->lang, T_BELTRULES_KIDS) :
			    H_T(ctx->lang, T_BELTRULES_ADULTS));
		}
		char *name = html_escape(h_belt_name(ctx->lang, bt->code));

		H_TF(&b, ctx->lang, T_BELTRULES_LINE, name, bt->max_stripes, bt->min_age,
		    bt->min_months, bt->min_classes, bt->stripe_months, bt->stripe_classes);
		free(name);
	}
	buf_adds(&b, H_T(ctx->lang, T_BELTRULES_FOOT));
	rc = h_reply_buf(ctx, &b);
out:
	buf_free(&b);
	h_belts_free(&t);
	return rc;
}

int
h_cmd_beltrule(struct h_ctx *ctx, const char *args)
{
	struct h_belts t = { 0 };
	struct buf b = { 0 };
	const struct belt *bt;
	char **argv = NULL, *esc;
	size_t argc = h_args_split(args, &argv), i, used = 0;
	int64_t value;
	int rc = -1, old;

	if (argc < 3 || argc > 2 + H_BELT_WORDS_MAX) {
		rc = h_reply_usage(ctx, H_T(ctx->lang, T_EXAMPLE_BELTRULE));
		goto out;
	}
	if (h_belts_load(ctx, &t) != 0)
		goto out;
	if ((bt = h_belt_words(&t, argv, argc - 2, 0, &used)) == NULL || used != argc - 2) {
		rc = h_belt_unknown(ctx, &t, argv[0]);
		goto out;
	}
	for (i = 0; i < BJJ_ARRAY_LEN(h_rule_fields); i++) {
		if (h_kw_match(argv, argc, argc - 2, h_rule_fields[i].name) == 1)
			break;
	}
	if (i == BJJ_ARRAY_LEN(h_rule_fields)) {
		esc = html_escape(argv[argc - 2]);
		H_TF(&b, ctx->lang, T_BELTRULE_BAD_FIELD, esc);
		free(esc);
		rc = h_reply_buf(ctx, &b);
		goto out;
	}
	if (parse_i64(argv[argc - 1], &value) != 0 || value < h_rule_fields[i].min ||
	    value > h_rule_fields[i].max) {
		H_TF(&b, ctx->lang, T_BELTRULE_BAD_VALUE, h_rule_fields[i].name[ctx->lang],
		    h_rule_fields[i].min, h_rule_fields[i].max);
		rc = h_reply_buf(ctx, &b);
		goto out;
	}
	old = h_rule_value(bt, h_rule_fields[i].rule);
	if (db_belt_set_rule(ctx->env->db, bt->code, h_rule_fields[i].rule, (int)value) != DB_OK)
		goto out;
	buf_addf(&b, "%s %s %d -> %d", bt->code, h_rule_fields[i].name[LANG_EN], old,
	    (int)value);
	if (h_audit(ctx, "belt.rule", "belt", 0, buf_str(&b)) != 0)
		goto out;
	log_info("belts", "rule %s changed by %lld", buf_str(&b), (long long)ctx->m->from_id);
	buf_truncate(&b, 0);
	esc = html_escape(h_belt_name(ctx->lang, bt->code));
	H_TF(&b, ctx->lang, T_BELTRULE_DONE, esc, h_rule_fields[i].name[ctx->lang], old,
	    (int)value);
	free(esc);
	rc = h_reply_buf(ctx, &b);
out:
	buf_free(&b);
	h_belts_free(&t);
	strv_free(argv, argc);
	return rc;
}

/* ---- scheduled: newly eligible students, exams tomorrow ------------------ */

int
h_job_eligibility(struct h_env *env)
{
	struct belt *table = NULL;
	struct belt_facts *v = NULL;
	struct belt_step s;
	struct buf key = { 0 }, list = { 0 }, msg = { 0 };
	int64_t *trainers = NULL;
	size_t nt = 0, n = 0, nc = 0, listed = 0;
	enum lang l = env->default_lang;
	int rc = -1, claim;

	if (db_belts_all(env->db, &table, &nt) != DB_OK ||
	    db_belt_facts_active(env->db, &v, &n) != DB_OK)
		goto out;
	for (size_t i = 0; i < n; i++) {
		if (belt_plan(table, nt, &v[i], env->now, &s) != 0 || !s.met ||
		    (s.kind != BELT_STEP_STRIPE && s.kind != BELT_STEP_BELT))
			continue;
		/* Once per student and step: the next step has another key. */
		buf_truncate(&key, 0);
		buf_addf(&key, "eligible:s%lld:%s:%d", (long long)v[i].student_id, s.to->code,
		    s.to_stripes);
		claim = db_notify_once(env->db, buf_str(&key), "eligible", env->now);
		if (claim == DB_ERROR)
			goto out;
		if (claim == DB_OK && listed++ < H_ELIGIBLE_MAX)
			h_eligible_line(&list, l, &v[i], &s);
	}
	rc = 0;
	if (listed == 0)
		goto out;
	buf_adds(&msg, H_T(l, T_ELIGIBLE_NEW_HEAD));
	buf_addc(&msg, '\n');
	buf_adds(&msg, buf_str(&list));
	if ((rc = h_notify_owners(env, buf_str(&msg))) != 0)
		goto out;
	if (db_jobs_trainer_chats(env->db, &trainers, &nc) != DB_OK) {
		rc = -1;
		goto out;
	}
	for (size_t i = 0; i < nc && rc == 0; i++) {
		int owner = 0;
		for (int j = 0; j < env->cfg->n_owners; j++)
			owner |= env->cfg->owner_ids[j] == trainers[i];
		if (!owner)
			rc = h_send(env, trainers[i], buf_str(&msg), NULL);
	}
out:
	free(trainers);
	belt_facts_list_free(v, n);
	belts_free(table, nt);
	buf_free(&key);
	buf_free(&list);
	buf_free(&msg);
	return rc;
}

int
h_job_exams(struct h_env *env)
{
	struct exam *v = NULL;
	size_t n = 0;
	struct buf tomorrow = { 0 }, key = { 0 }, msg = { 0 };
	int rc = -1;

	buf_add_date(&tomorrow, civil_add_days(env->now, 1));
	if (db_exams_upcoming(env->db, buf_str(&tomorrow), 200, &v, &n) != DB_OK)
		goto out;
	rc = 0;
	for (size_t i = 0; i < n && rc == 0 && strcmp(v[i].exam_date, buf_str(&tomorrow)) == 0; i++) {
		struct person p;
		int found = db_person_get(env->db, PERSON_STUDENT, v[i].student_id, &p);
		if (found == DB_ERROR) {
			rc = -1;
			break;
		}
		if (found == DB_OK && p.active && p.tg_id != 0 && p.reachable) {
			buf_truncate(&key, 0);
			buf_addf(&key, "examremind:e%lld", (long long)v[i].id);
			int claim = db_notify_once(env->db, buf_str(&key), "exam", env->now);
			if (claim == DB_ERROR)
				rc = -1;
			else if (claim == DB_OK) {
				enum lang l = h_lang_of(env, p.tg_id);
				char *first = html_escape(p.first_name);
				char *belt = html_escape(h_belt_name(l, v[i].target_belt));
				buf_truncate(&msg, 0);
				H_TF(&msg, l, T_EXAM_TOMORROW, first, belt, v[i].exam_date);
				/* The day before starts at midnight: wait for the morning. */
				rc = h_send_at(env, p.tg_id, buf_str(&msg), NULL,
				    h_quiet_until(env, env->now));
				free(first);
				free(belt);
			}
		}
		person_free(&p);
	}
out:
	exams_free(v, n);
	buf_free(&tomorrow);
	buf_free(&key);
	buf_free(&msg);
	return rc;
}
