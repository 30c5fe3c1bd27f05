/*
 * exams.c — belt exams: /exam schedules one, records it passed (the
 * promotion follows, by the rules of /promote) or failed; /exams lists
 * the coming ones. The student is told either way when linked.
 *
 * Callers: the command table in handlers.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/civil.h"
#include "lib/log.h"
#include "lib/util.h"
#include "handlers/belts.h"
#include "handlers/command.h"
#include "handlers/reply.h"
#include "handlers/texts.h"
#include "storage/belts.h"
#include "storage/store.h"

/* Exams /exams lists. */
#define H_EXAMS_MAX 30

/* ---- exams -------------------------------------------------------------- */

/* Tell f (when linked), in their language, about their exam for target:
 * scheduled on date, or (date NULL) not passed; notes may be NULL. */
static int h_exam_tell(struct h_ctx *ctx, const struct belt_facts *f, const struct belt *target,
    const char *date, const char *notes)
{
	struct h_env *env = ctx->env;
	struct buf b = { 0 };
	enum lang l;
	const char *title, *esc;
	int rc;

	if (f->tg_id == 0)
		return 0;
	l = h_lang_of(env, f->tg_id);
	title = h_esc(ctx, h_belt_name(l, target->code));
	if (date != NULL)
		H_TF(&b, l, T_EXAM_STUDENT, title, date);
	else
		H_TF(&b, l, T_EXAM_FAILED_STUDENT, title);
	if (notes != NULL && *notes != '\0') {
		esc = h_esc(ctx, notes);
		H_TF(&b, l, T_EXAM_NOTES, esc);
	}
	rc = h_send(env, f->tg_id, buf_str(&b), NULL);
	buf_release(&b);
	return rc;
}

/* /exam #id|name <belt> <date>: argv has argc >= 3 words, the belt's name
 * may span several. */
static int h_exam_schedule(struct h_ctx *ctx, char **argv, size_t argc)
{
	struct h_belts t = { 0 };
	struct belt_facts f;
	struct exam pending;
	struct buf b = { 0 }, today = { 0 }, rank = { 0 };
	const struct belt *to, *cur;
	const char *esc = NULL;
	char date[CIVIL_DATE_LEN];
	const char *first = NULL, *last = NULL, *title = NULL, *typed = argv[argc - 1];
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
		esc = h_esc(ctx, typed);
		H_TF(&b, ctx->lang, T_EXAM_BAD_DATE, esc);
		rc = h_reply_buf(ctx, &b);
		goto out;
	}
	/* Kept and shown as YYYY-MM-DD whatever the form typed. */
	civil_format_date(date, y, m, d);
	esc = date;
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
	first = h_esc(ctx, f.first_name);
	last = h_esc(ctx, f.last_name);
	title = h_esc(ctx, h_belt_name(ctx->lang, to->code));
	cur = belt_find(t.v, t.n, f.belt);
	if (cur != NULL && belt_level(to) <= belt_level(cur)) {
		h_rank_add(&rank, ctx->lang, f.belt, f.stripes);
		H_TF(&b, ctx->lang, T_EXAM_NOT_HIGHER, title, first, last, buf_str(&rank));
		rc = h_reply_buf(ctx, &b);
		goto out;
	}
	dbrc = db_exam_pending(ctx->env->db, f.student_id, &pending);
	if (dbrc == DB_OK) {
		const char *ptitle = h_esc(ctx, h_belt_name(ctx->lang, pending.target_belt));

		H_TF(&b, ctx->lang, T_EXAM_PENDING, first, last, (long long)pending.id, ptitle,
		    pending.exam_date, (long long)pending.id);
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
	buf_release(&b);
	buf_release(&today);
	buf_release(&rank);
	exam_release(&pending);
	belt_facts_release(&f);
	h_belts_release(&t);
	return rc;
}

/* The exam passed: promote to its belt unless the student is there
 * already. The reply goes to b. 0 or -1. */
static int h_exam_promote(struct h_ctx *ctx, const struct exam *e, struct buf *b)
{
	struct h_belts t = { 0 };
	struct belt_facts f;
	struct belt_step s;
	struct h_promo req;
	struct buf rank = { 0 };
	const struct belt *cur;
	const char *first = NULL, *last = NULL;
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
	first = h_esc(ctx, f.first_name);
	last = h_esc(ctx, f.last_name);
	h_rank_add(&rank, ctx->lang, f.belt, f.stripes);
	H_TF(b, ctx->lang, T_EXAM_NO_PROMOTION, first, last, (long long)f.student_id,
	    buf_str(&rank));
	rc = 0;
out:
	buf_release(&rank);
	belt_facts_release(&f);
	h_belts_release(&t);
	return rc;
}

/* /exam <id> passed|failed [notes] */
static int h_exam_decide(struct h_ctx *ctx, int64_t id, int passed, const char *notes)
{
	struct h_belts t = { 0 };
	struct belt_facts f;
	struct exam e;
	struct buf b = { 0 };
	const struct belt *target;
	const char *first = NULL, *last = NULL, *esc = NULL;
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
		first = h_esc(ctx, e.first_name);
		last = h_esc(ctx, e.last_name);
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
		esc = h_esc(ctx, notes);
		H_TF(&b, ctx->lang, T_EXAM_NOTES, esc);
	}
	rc = h_reply_buf(ctx, &b);
out:
	buf_release(&b);
	exam_release(&e);
	belt_facts_release(&f);
	h_belts_release(&t);
	return rc;
}

static int h_cmd_exam(struct h_ctx *ctx, const char *args)
{
	char **argv = NULL;
	size_t argc = h_args_words(ctx, args, &argv), used = 0;
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
	return rc;
}

H_COMMAND(exam, EXAM, .min_role = ROLE_TRAINER, .flags = H_CMD_STUDENT_FIRST,
	.args = { .min = 2, .max = H_ARGS_MANY, .kind = { [1] = H_ARG_BELT } });

static int h_cmd_exams(struct h_ctx *ctx, const char *args)
{
	struct exam *v = NULL;
	struct buf b = { 0 }, today = { 0 };
	size_t n = 0, i;
	const char *first, *last, *title;
	int rc = -1;

	(void)args;
	buf_add_date(&today, ctx->env->now);
	if (db_exams_upcoming(ctx->env->db, buf_str(&today), H_EXAMS_MAX + 1, &v, &n) != DB_OK)
		goto out;
	if (n == 0) {
		rc = h_reply(ctx, H_T(ctx->lang, T_EXAMS_NONE));
		goto out;
	}
	buf_adds(&b, H_T(ctx->lang, T_EXAMS_HEAD));
	struct arena_mark row = arena_mark(ctx->arena);
	for (i = 0; i < n && i < H_EXAMS_MAX; i++) {
		first = h_esc(ctx, v[i].first_name);
		last = h_esc(ctx, v[i].last_name);
		title = h_esc(ctx, h_belt_name(ctx->lang, v[i].target_belt));
		H_TF(&b, ctx->lang, T_EXAMS_LINE, v[i].exam_date, (long long)v[i].id, first, last,
		    (long long)v[i].student_id, title);
		arena_reset(ctx->arena, row);
	}
	if (n > H_EXAMS_MAX)
		buf_adds(&b, "…\n");
	rc = h_reply_buf(ctx, &b);
out:
	buf_release(&b);
	buf_release(&today);
	exams_free(v, n);
	return rc;
}

H_COMMAND_USAGE(exams, EXAMS, H_USAGE_NONE, .min_role = ROLE_TRAINER);
