/*
 * reports.c — the owner's numbers: a month's revenue by method and plan
 * against the month before, net of refunds, voided payments left out but
 * mentioned (/revenue), the headline numbers (/stats), and
 * a month's attendance per class and trainer with the students who
 * stopped coming (/report).
 *
 * Invariant: read-only; months are the academy's local calendar months
 * (civil_month_bounds), money stays in minor units until it is printed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/civil.h"
#include "lib/util.h"
#include "handlers/command.h"
#include "handlers/reply.h"
#include "handlers/texts.h"
#include "storage/reports.h"

/* Lines per section of /report, so it stays one message. */
#define H_REPORT_CLASSES_MAX 15
#define H_REPORT_TRAINERS_MAX 10
#define H_REPORT_LAPSED_MAX 20

/* A local calendar month: its label "YYYY-MM" and [start, end). */
struct h_month {
	char label[24];
	int64_t start, end;
};

static void h_month_set(struct h_month *mo, int y, int m)
{
	/* Normalise so that month 0 is December of the year before. */
	while (m < 1) {
		m += 12;
		y--;
	}
	snprintf(mo->label, sizeof mo->label, "%04d-%02d", y % 10000, m);
	civil_month_bounds(y, m, &mo->start, &mo->end);
}

/*
 * The month named by args (one word, "" = the current one) into *mo and, when prev
 * is not NULL, the one before it into *prev. H_FOUND when args named a
 * month; H_REPLIED when it replied instead (bad argument), or H_FAILED.
 */
static enum h_found h_month_arg(struct h_ctx *ctx, const char *args, struct h_month *mo,
    struct h_month *prev)
{
	struct buf b = { 0 };
	struct civil now;
	int y, m;

	if (*args == '\0') {
		civil_split(ctx->env->now, &now);
		y = now.year;
		m = now.month;
	} else if (civil_parse_month(args, &y, &m) != 0) {
		const char *esc = h_esc(ctx, args);

		H_TF(&b, ctx->lang, T_BAD_MONTH, esc);
		return h_replied(h_reply_buf(ctx, &b));
	}
	h_month_set(mo, y, m);
	if (prev != NULL)
		h_month_set(prev, y, m - 1);
	return H_FOUND;
}

/* minor in the academy's currency, escaped; in ctx's arena. */
static const char *h_money(struct h_ctx *ctx, int64_t minor)
{
	struct buf b = { 0 };
	const char *s;

	buf_add_money(&b, minor, ctx->env->cfg->currency);
	s = h_esc(ctx, buf_str(&b));
	buf_release(&b);
	return s;
}

/* tenths of a / b, rounded (b > 0, a >= 0). */
static int64_t h_tenths(int64_t a, int64_t b)
{
	return (a * 10 + b / 2) / b;
}

/* "Vs <prev> (<total>): +<diff> (+N%)"; no percentage of a month whose
 * refunds outweighed its payments (a negative total). */
static void h_revenue_vs(struct h_ctx *ctx, struct buf *b, const struct h_month *prev, int64_t cur,
    int64_t before)
{
	struct buf pct = { 0 };
	const char *was, *diff;
	int64_t d = cur - before;

	if (before == 0) {
		H_TF(b, ctx->lang, T_REVENUE_VS_NONE, prev->label);
		return;
	}
	was = h_money(ctx, before);
	diff = h_money(ctx, d);
	/* Rounded half away from zero. */
	if (before > 0)
		buf_addf(&pct, " (%s%lld%%)", d > 0 ? "+" : "",
		    (long long)((d * 100 + (d >= 0 ? before / 2 : -before / 2)) / before));
	H_TF(b, ctx->lang, T_REVENUE_VS, prev->label, was, d > 0 ? "+" : "", diff,
	    buf_str(&pct));
	buf_release(&pct);
}

static int h_cmd_revenue(struct h_ctx *ctx, const char *args)
{
	struct h_month mo, prev;
	struct revenue cur, before;
	struct buf b = { 0 };
	size_t i;
	const char *money;
	int rc;

	if ((rc = h_month_arg(ctx, args, &mo, &prev)) != H_FOUND)
		return rc;
	if (db_revenue(ctx->env->db, mo.start, mo.end, &cur) != DB_OK)
		return -1;
	if (db_revenue(ctx->env->db, prev.start, prev.end, &before) != DB_OK) {
		revenue_release(&cur);
		return -1;
	}
	if (cur.count == 0 && cur.n_refunds == 0) {
		H_TF(&b, ctx->lang, T_REVENUE_NONE, mo.label);
	} else {
		H_TF(&b, ctx->lang, T_REVENUE_HEAD, mo.label);
		money = h_money(ctx, cur.total);
		H_TF(&b, ctx->lang, T_REVENUE_TOTAL, money, (long long)cur.count);
		if (cur.n_refunds > 0) {
			money = h_money(ctx, -cur.refunds);
			H_TF(&b, ctx->lang, T_REVENUE_REFUNDS, money, (long long)cur.n_refunds);
		}
		buf_adds(&b, H_T(ctx->lang, T_REVENUE_BY_METHOD));
		struct arena_mark row = arena_mark(ctx->arena);
		for (i = 0; i < cur.n_method; i++) {
			money = h_money(ctx, cur.by_method[i].amount);
			H_TF(&b, ctx->lang, T_REVENUE_LINE,
			    h_billing_method_word(cur.by_method[i].key, ctx->lang), money,
			    (long long)cur.by_method[i].count);
			arena_reset(ctx->arena, row);
		}
		buf_adds(&b, H_T(ctx->lang, T_REVENUE_BY_PLAN));
		row = arena_mark(ctx->arena);
		for (i = 0; i < cur.n_plan; i++) {
			const char *title = h_esc(ctx, cur.by_plan[i].key != NULL ?
			    cur.by_plan[i].key : H_T(ctx->lang, T_REVENUE_OTHER));

			money = h_money(ctx, cur.by_plan[i].amount);
			H_TF(&b, ctx->lang, T_REVENUE_LINE, title, money,
			    (long long)cur.by_plan[i].count);
			arena_reset(ctx->arena, row);
		}
	}
	if (cur.n_voided > 0) {
		money = h_money(ctx, cur.voided);
		H_TF(&b, ctx->lang, T_REVENUE_VOIDED, (long long)cur.n_voided,
		    H_TP(ctx->lang, cur.n_voided, T_W_PAYMENT), money);
	}
	if (cur.count > 0 || before.count > 0)
		h_revenue_vs(ctx, &b, &prev, cur.total, before.total);
	revenue_release(&before);
	revenue_release(&cur);
	return h_reply_buf(ctx, &b);
}

H_COMMAND_USAGE(revenue, REVENUE, H_TA(T_USAGE_MONTH), .min_role = ROLE_OWNER,
	.args = { .max = 1 });

static int h_cmd_stats(struct h_ctx *ctx, const char *args)
{
	struct h_env *env = ctx->env;
	struct academy_stats st;
	struct h_month mo;
	struct buf b = { 0 };
	struct civil now;
	int64_t avg;
	const char *money;

	(void)args;
	civil_split(env->now, &now);
	h_month_set(&mo, now.year, now.month);
	if (db_stats(env->db, env->now, civil_add_days(env->now, -30), mo.start, mo.end,
	    &st) != DB_OK)
		return -1;
	H_TF(&b, ctx->lang, T_STATS_HEAD, ctx->academy);
	H_TF(&b, ctx->lang, T_STATS_STUDENTS, (long long)st.active_students);
	H_TF(&b, ctx->lang, T_STATS_SUBS, (long long)st.active_subscriptions);
	H_TF(&b, ctx->lang, T_STATS_NEW, (long long)st.month_new_students);
	money = h_money(ctx, st.month_revenue);
	H_TF(&b, ctx->lang, T_STATS_REVENUE, money);
	if (st.classes > 0) {
		avg = h_tenths(st.visits, st.classes);
		H_TF(&b, ctx->lang, T_STATS_AVG, (long long)(avg / 10), (long long)(avg % 10),
		    (long long)st.classes);
	} else {
		buf_adds(&b, H_T(ctx->lang, T_STATS_AVG_NONE));
	}
	return h_reply_buf(ctx, &b);
}

H_COMMAND_USAGE(stats, STATS, H_USAGE_NONE, .min_role = ROLE_OWNER);

/* The per-class and per-trainer sections of /report. 0 or -1. */
static int h_report_attendance(struct h_ctx *ctx, const struct h_month *mo, struct buf *b)
{
	struct h_env *env = ctx->env;
	struct report_line *v = NULL;
	size_t n = 0, i;
	int64_t avg;

	if (db_report_by_class(env->db, mo->start, mo->end, env->now, H_REPORT_CLASSES_MAX,
	    &v, &n) != DB_OK)
		return -1;
	buf_adds(b, H_T(ctx->lang, T_REPORT_CLASSES));
	if (n == 0)
		buf_adds(b, H_T(ctx->lang, T_REPORT_NO_CLASSES));
	struct arena_mark row = arena_mark(ctx->arena);
	for (i = 0; i < n; i++) {
		const char *title = h_esc(ctx, v[i].title);

		avg = h_tenths(v[i].visits, v[i].classes);
		H_TF(b, ctx->lang, T_REPORT_CLASS_LINE, title, (long long)v[i].classes,
		    (long long)(avg / 10), (long long)(avg % 10));
		arena_reset(ctx->arena, row);
	}
	report_lines_free(v, n);
	if (db_report_by_trainer(env->db, mo->start, mo->end, env->now, H_REPORT_TRAINERS_MAX,
	    &v, &n) != DB_OK)
		return -1;
	buf_adds(b, H_T(ctx->lang, T_REPORT_TRAINERS));
	if (n == 0)
		buf_adds(b, H_T(ctx->lang, T_REPORT_NO_CLASSES));
	row = arena_mark(ctx->arena);
	for (i = 0; i < n; i++) {
		const char *name = h_esc(ctx, v[i].title != NULL ? v[i].title :
		    H_T(ctx->lang, T_REPORT_NO_TRAINER));

		H_TF(b, ctx->lang, T_REPORT_TRAINER_LINE, name, (long long)v[i].classes,
		    (long long)v[i].visits);
		arena_reset(ctx->arena, row);
	}
	report_lines_free(v, n);
	return 0;
}

/* Who stopped coming (DB_LAPSED_SINCE_DAYS, DB_LAPSED_UNTIL_DAYS). */
static int h_report_lapsed(struct h_ctx *ctx, struct buf *b)
{
	struct h_env *env = ctx->env;
	struct lapsed_student *v = NULL;
	struct buf date = { 0 };
	size_t n = 0, i;
	int64_t total = 0;

	if (db_lapsed_students(env->db, civil_add_days(env->now, -DB_LAPSED_SINCE_DAYS),
	    civil_add_days(env->now, -DB_LAPSED_UNTIL_DAYS), env->now, H_REPORT_LAPSED_MAX, &v, &n,
	    &total) != DB_OK)
		return -1;
	buf_adds(b, H_T(ctx->lang, T_REPORT_LAPSED));
	if (n == 0)
		buf_adds(b, H_T(ctx->lang, T_REPORT_LAPSED_NONE));
	struct arena_mark row = arena_mark(ctx->arena);
	for (i = 0; i < n; i++) {
		const char *first = h_esc(ctx, v[i].first_name), *last = h_esc(ctx, v[i].last_name);

		buf_truncate(&date, 0);
		buf_add_date(&date, v[i].last_visit);
		H_TF(b, ctx->lang, T_REPORT_LAPSED_LINE, (long long)v[i].id, first, last,
		    buf_str(&date));
		if (v[i].frozen)
			buf_adds(b, H_T(ctx->lang, T_REPORT_LAPSED_FROZEN));
		buf_addc(b, '\n');
		arena_reset(ctx->arena, row);
	}
	if (total > (int64_t)n)
		H_TF(b, ctx->lang, T_REPORT_LAPSED_MORE, (long long)(total - (int64_t)n));
	buf_release(&date);
	lapsed_students_free(v, n);
	return 0;
}

static int h_cmd_report(struct h_ctx *ctx, const char *args)
{
	struct h_month mo;
	struct buf b = { 0 };
	int rc;

	if ((rc = h_month_arg(ctx, args, &mo, NULL)) != H_FOUND)
		return rc;
	H_TF(&b, ctx->lang, T_REPORT_HEAD, mo.label);
	if (h_report_attendance(ctx, &mo, &b) != 0 || h_report_lapsed(ctx, &b) != 0) {
		buf_release(&b);
		return -1;
	}
	return h_reply_buf(ctx, &b);
}

H_COMMAND_USAGE(report, REPORT, H_TA(T_USAGE_MONTH), .min_role = ROLE_OWNER,
	.args = { .max = 1 });
