/*
 * promote.c — promotions: /promote (with the "Promote anyway" button when
 * the rules are not met) and /eligible (who may step up now).
 *
 * Invariant: every argument is validated before anything is written; a
 * promotion that breaks the rules (or lowers the rank) is recorded only
 * when the trainer insists (the keyword force / принудительно or the
 * button), and then with rules_met = 0 and a note. The button carries the
 * state it was offered for (student, from, to) and is checked against the
 * database when pressed, so a stale one changes nothing.
 *
 * Callers: the command and callback tables in handlers.c; exams.c (a
 * passed exam records its promotion with h_promote_record).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "lib/log.h"
#include "lib/util.h"
#include "handlers/belts.h"
#include "handlers/command.h"
#include "handlers/reply.h"
#include "handlers/texts.h"
#include "storage/belts.h"
#include "storage/store.h"

/* callback_data is at most 64 bytes. */
#define H_CB_MAX 64

/* ---- promotions ------------------------------------------------------- */

/* The "Promote anyway" button for req: "prm:<student>:<from>:<fs>:<to>:<ts>".
 * Owned; NULL when the data would not fit (the trainer can type force). */
static char *h_promote_button(enum lang l, const struct h_promo *req)
{
	char data[H_CB_MAX + 1];
	cJSON *mk, *rows;
	int len;

	len = snprintf(data, sizeof data, "prm:%lld:%s:%d:%s:%d", (long long)req->f->student_id,
	    req->f->belt, req->f->stripes, req->to->code, req->to_stripes);
	if (len < 0 || len > H_CB_MAX)
		return NULL;
	mk = cJSON_CreateObject();
	rows = cJSON_AddArrayToObject(mk, "inline_keyboard");
	h_button_row_add(rows, H_T(l, T_BTN_PROMOTE_ANYWAY), data);
	return h_json_take(mk);
}

/* Tell the student (when linked) about their new rank, in their language. */
static int h_promote_tell(struct h_ctx *ctx, const struct h_promo *req)
{
	struct h_env *env = ctx->env;
	struct buf b = { 0 }, rank = { 0 };
	enum lang l;
	const char *first;
	int rc;

	if (req->f->tg_id == 0)
		return 0;
	l = h_lang_of(env, req->f->tg_id);
	first = h_esc(ctx, req->f->first_name);
	h_rank_add(&rank, l, req->to->code, req->to_stripes);
	H_TF(&b, l, T_PROMOTE_CONGRATS, first, buf_str(&rank));
	rc = h_send(env, req->f->tg_id, buf_str(&b), NULL);
	buf_release(&rank);
	buf_release(&b);
	return rc;
}

/* "❌ this is not the next step (that is ...)" when s skips a step. */
static void h_skip_add(struct h_ctx *ctx, const struct h_belts *t, const struct belt_facts *f,
    const struct belt_step *s, struct buf *b)
{
	struct belt_step next;
	struct buf rank = { 0 };

	if (s->kind != BELT_STEP_SKIP || belt_plan(t->v, t->n, f, ctx->env->now, &next) != 0 ||
	    next.to == NULL)
		return;
	h_rank_add(&rank, ctx->lang, next.to->code, next.to_stripes);
	H_TF(b, ctx->lang, T_PROMOTE_SKIP, buf_str(&rank));
	buf_release(&rank);
}

int h_promote_record(struct h_ctx *ctx, const struct h_belts *t, const struct h_promo *req,
    const struct belt_step *s, int demotion, struct buf *out)
{
	const struct belt_facts *f = req->f;
	struct promotion_new p;
	struct buf note = { 0 }, from = { 0 }, to = { 0 };
	const char *first = NULL, *last = NULL;
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
	first = h_esc(ctx, f->first_name);
	last = h_esc(ctx, f->last_name);
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
	buf_release(&note);
	buf_release(&from);
	buf_release(&to);
	return rc;
}

/* The reply to a stale request: where the student is now. */
static void h_promote_stale_add(struct h_ctx *ctx, const struct belt_facts *f, struct buf *out)
{
	struct buf rank = { 0 };
	const char *first = h_esc(ctx, f->first_name), *last = h_esc(ctx, f->last_name);

	h_rank_add(&rank, ctx->lang, f->belt, f->stripes);
	H_TF(out, ctx->lang, T_PROMOTE_STALE, first, last, (long long)f->student_id,
	    buf_str(&rank));
	buf_release(&rank);
}

/* "The rules are not met (or this skips a step): promote anyway?" */
static int h_promote_ask(struct h_ctx *ctx, const struct h_belts *t, const struct h_promo *req,
    const struct belt_step *s)
{
	struct buf b = { 0 }, rank = { 0 };
	const char *first = h_esc(ctx, req->f->first_name), *last = h_esc(ctx, req->f->last_name);
	int rc;

	h_rank_add(&rank, ctx->lang, req->to->code, req->to_stripes);
	H_TF(&b, ctx->lang, T_PROMOTE_UNMET, first, last, (long long)req->f->student_id,
	    buf_str(&rank));
	h_reqs_add(&b, ctx->lang, s, 0);
	h_skip_add(ctx, t, req->f, s, &b);
	buf_adds(&b, H_T(ctx->lang, T_PROMOTE_ASK));
	rc = h_reply_take_markup(ctx, buf_str(&b), h_promote_button(ctx->lang, req));
	buf_release(&rank);
	buf_release(&b);
	return rc;
}

/*
 * Judge req and carry it out: the same rank is refused, a lower one needs
 * force (force_cmd is the command to copy with "force" added, NULL for
 * the button), unmet rules need force or get the button. The answer is a
 * reply, or an edit of message edit_id (the button's). 0 or -1.
 */
static int h_promote_run(struct h_ctx *ctx, const struct h_belts *t, const struct h_promo *req,
    const char *force_cmd, int64_t edit_id)
{
	const struct belt_facts *f = req->f;
	const struct belt *cur = belt_find(t->v, t->n, f->belt);
	struct belt_step s;
	struct buf b = { 0 }, from = { 0 }, to = { 0 };
	const char *first = NULL, *last = NULL, *cmd = NULL;
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
		first = h_esc(ctx, f->first_name);
		last = h_esc(ctx, f->last_name);
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

			cmd = h_esc(ctx, typed);
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
	rc = h_show(ctx, edit_id, buf_str(&b), NULL);
out:
	buf_release(&b);
	buf_release(&from);
	buf_release(&to);
	return rc;
}

/* "stripe" asked of a student who has them all: say what comes next. */
static int h_promote_no_stripe(struct h_ctx *ctx, const struct h_belts *t, const struct belt_facts *f,
    const struct belt *cur)
{
	struct belt_step next;
	struct buf b = { 0 }, rank = { 0 };
	const char *code = NULL;

	h_rank_add(&rank, ctx->lang, f->belt, f->stripes);
	if (belt_plan(t->v, t->n, f, ctx->env->now, &next) == 0 && next.to != NULL &&
	    next.to != cur) {
		struct buf next_name = { 0 };

		h_belt_short_add(&next_name, ctx->lang, next.to->code);
		code = h_esc(ctx, buf_str(&next_name));
		buf_release(&next_name);
		H_TF(&b, ctx->lang, T_PROMOTE_NO_STRIPE, buf_str(&rank), cur->max_stripes,
		    (long long)f->student_id, code);
	} else
		H_TF(&b, ctx->lang, T_PROMOTE_NO_STRIPE_TOP, buf_str(&rank), cur->max_stripes);
	buf_release(&rank);
	return h_reply_buf(ctx, &b);
}

static int h_cmd_promote(struct h_ctx *ctx, const char *args)
{
	struct h_belts t = { 0 };
	struct belt_facts f;
	struct h_promo req;
	struct buf b = { 0 };
	const struct belt *cur;
	char **argv = NULL;
	const char *esc;
	size_t argc = h_args_words(ctx, args, &argv), n = argc, used = 0;
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
		esc = h_esc(ctx, argv[1 + used]);
		H_TF(&b, ctx->lang, T_PROMOTE_BAD_STRIPES, esc);
		rc = h_reply_buf(ctx, &b);
		goto out;
	}
	if (!stripe && stripes > req.to->max_stripes) {
		esc = h_esc(ctx, h_belt_name(ctx->lang, req.to->code));
		H_TF(&b, ctx->lang, T_PROMOTE_TOO_MANY, esc, req.to->max_stripes,
		    H_TP(ctx->lang, req.to->max_stripes, T_W_STRIPES_AT_MOST));
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
	buf_release(&b);
	belt_facts_release(&f);
	h_belts_release(&t);
	return rc;
}

H_COMMAND(promote, PROMOTE, .min_role = ROLE_TRAINER, .flags = H_CMD_STUDENT_FIRST,
	.args = { .min = 2, .max = H_ARGS_MANY, .kind = { [1] = H_ARG_BELT } });

int h_cb_promote(struct h_ctx *ctx, const char *key)
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
	buf_release(&b);
	belt_facts_release(&f);
	h_belts_release(&t);
	return rc;
}

/* ---- /eligible ---------------------------------------------------------- */

void h_eligible_line(struct buf *b, enum lang l, const struct belt_facts *f,
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
	buf_release(&from);
	buf_release(&to);
}

static int h_cmd_eligible(struct h_ctx *ctx, const char *args)
{
	struct h_belts t = { 0 };
	struct belt_facts *v = NULL;
	struct belt_step s;
	struct buf b = { 0 }, stripes = { 0 }, belts = { 0 };
	size_t n = 0, i, ns = 0, nb = 0;
	int rc = -1;

	(void)args;
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
	buf_release(&b);
	buf_release(&stripes);
	buf_release(&belts);
	belt_facts_list_free(v, n);
	h_belts_release(&t);
	return rc;
}

H_COMMAND_USAGE(eligible, ELIGIBLE, H_USAGE_NONE, .min_role = ROLE_TRAINER);
