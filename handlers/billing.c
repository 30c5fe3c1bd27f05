/*
 * billing.c — money and memberships in the chat: the owner adds plans
 * (/addplan), sells them (/sell), records other payments (/pay) and
 * freezes plans (/freeze, /unfreeze); everyone sees the prices (/plans);
 * a student sees their plan, classes and payments (/balance), and
 * trainers and owners can look at any student's.
 *
 * Invariant: every argument is checked before anything is written or a
 * student is looked up (a lookup may leave a pick row behind), so bad
 * input changes nothing; multi-row changes are atomic in storage/billing.c.
 * The student hears about every change to their plan or money.
 *
 * Dates: a subscription's ends_at is the exclusive local midnight after its
 * last day, so "valid until" shows the day before ends_at.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bot/civil.h"
#include "bot/log.h"
#include "bot/util.h"
#include "handlers/command.h"
#include "handlers/reply.h"
#include "handlers/texts.h"
#include "storage/billing.h"
#include "storage/store.h"

#define H_PLAN_CODE_MAX 32
#define H_PLAN_TITLE_MAX 64
#define H_PLAN_DAYS_MAX 3660
#define H_PLAN_CLASSES_MAX 1000
/* /plans and the "known codes" list show at most this many plans. */
#define H_PLANS_MAX 40
#define H_NOTE_MAX 200
#define H_FREEZE_DAYS_MAX 180
#define H_BALANCE_SUBS 5
#define H_BALANCE_PAYMENTS 3

/* Small formatted pieces handed to the texts' %s: a date, an amount. */
#define H_PIECE 64

/* ---- small helpers ---- */

static void
h_billing_date(char out[H_PIECE], int64_t t)
{
	struct buf b = { 0 };

	buf_add_date(&b, t);
	snprintf(out, H_PIECE, "%s", buf_str(&b));
	buf_free(&b);
}

/* The last day a [.., ends_at) period covers. */
static void
h_billing_last_day(char out[H_PIECE], int64_t ends_at)
{
	h_billing_date(out, ends_at - 1);
}

/* "4 000.50 RUB", HTML-escaped (the currency comes from the config). */
static void
h_billing_money(char out[H_PIECE], int64_t minor, const char *currency)
{
	struct buf b = { 0 };
	char *esc;

	buf_add_money(&b, minor, currency != NULL ? currency : "");
	esc = html_escape(buf_str(&b));
	snprintf(out, H_PIECE, "%s", esc);
	free(esc);
	buf_free(&b);
}

/* "8 classes" / "5 classes left" / "unlimited classes". */
static void
h_billing_classes(char out[H_PIECE], enum lang l, int classes, int left)
{
	if (classes < 0)
		snprintf(out, H_PIECE, "%s", H_T(l, T_UNLIMITED_CLASSES));
	else if (left && classes == 1)
		snprintf(out, H_PIECE, H_T(l, T_N_CLASSES_LEFT_ONE), classes);
	else if (left)
		snprintf(out, H_PIECE, H_T(l, T_N_CLASSES_LEFT), classes);
	else if (classes == 1)
		snprintf(out, H_PIECE, H_T(l, T_N_CLASSES_ONE), classes);
	else
		snprintf(out, H_PIECE, H_T(l, T_N_CLASSES), classes);
}

/* "30 days" / "1 day". */
static void
h_billing_days(char out[H_PIECE], enum lang l, int days)
{
	if (days == 1)
		snprintf(out, H_PIECE, H_T(l, T_N_DAYS_ONE), days);
	else
		snprintf(out, H_PIECE, H_T(l, T_N_DAYS), days);
}

/* "First Last", escaped; owned. */
static char *
h_billing_name(const struct person *p)
{
	struct buf b = { 0 };

	buf_add_html(&b, p->first_name);
	if (p->last_name != NULL && *p->last_name != '\0') {
		buf_addc(&b, ' ');
		buf_add_html(&b, p->last_name);
	}
	return buf_detach(&b);
}

/* The canonical method for a word typed (English or Russian), or NULL. */
static const char *
h_billing_method_parse(const char *word)
{
	static const struct {
		const char *word, *method;
	} words[] = {
		{ "cash", "cash" }, { "наличные", "cash" }, { "нал", "cash" },
		{ "card", "card" }, { "карта", "card" },
		{ "transfer", "transfer" }, { "перевод", "transfer" },
		{ "other", "other" }, { "другое", "other" },
	};
	size_t i;

	for (i = 0; i < BJJ_ARRAY_LEN(words); i++) {
		if (strcasecmp(word, words[i].word) == 0)
			return words[i].method;
	}
	return NULL;
}

static const char *
h_billing_method_word(const char *method, enum lang l)
{
	if (strcmp(method, "card") == 0)
		return H_T(l, T_PAY_METHOD_CARD);
	if (strcmp(method, "transfer") == 0)
		return H_T(l, T_PAY_METHOD_TRANSFER);
	if (strcmp(method, "other") == 0)
		return H_T(l, T_PAY_METHOD_OTHER);
	return H_T(l, T_PAY_METHOD_CASH);
}

static const char *
h_billing_kind_word(const char *kind, enum lang l)
{
	if (strcmp(kind, "pack") == 0)
		return H_T(l, T_KIND_PACK);
	if (strcmp(kind, "dropin") == 0)
		return H_T(l, T_KIND_DROPIN);
	if (strcmp(kind, "trial") == 0)
		return H_T(l, T_KIND_TRIAL);
	return H_T(l, T_KIND_UNLIMITED);
}

/* An integer word in [lo, hi]. 0 or -1. */
static int
h_billing_int(const char *s, int lo, int hi, int *out)
{
	int64_t v;

	if (parse_i64(s, &v) != 0 || v < lo || v > hi)
		return -1;
	*out = (int)v;
	return 0;
}

/* argv[from..n) joined by single spaces; owned, NULL when there are none. */
static char *
h_billing_rest(char **argv, size_t n, size_t from)
{
	struct buf b = { 0 };
	size_t i;

	for (i = from; i < n; i++) {
		if (i > from)
			buf_addc(&b, ' ');
		buf_adds(&b, argv[i]);
	}
	return buf_detach(&b);
}

/* Reply fmt (a texts.h text) formatted; the caller escapes the arguments. */
static int h_billing_replyf(struct h_ctx *ctx, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int
h_billing_replyf(struct h_ctx *ctx, const char *fmt, ...)
{
	struct buf b = { 0 };
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	return h_reply_buf(ctx, &b);
}

/* A plan's terms: "4 000 RUB, 30 days, 8 classes[, trial]". */
static void
h_billing_plan_terms(struct buf *b, const struct plan *p, enum lang l, const char *currency)
{
	char money[H_PIECE], classes[H_PIECE], days[H_PIECE];

	h_billing_money(money, p->price, currency);
	h_billing_classes(classes, l, p->classes > 0 ? p->classes : -1, 0);
	h_billing_days(days, l, p->duration_days);
	buf_adds(b, money);
	buf_adds(b, ", ");
	buf_adds(b, days);
	buf_adds(b, ", ");
	buf_adds(b, classes);
	if (strcmp(p->kind, "dropin") == 0 || strcmp(p->kind, "trial") == 0) {
		buf_adds(b, ", ");
		buf_adds(b, h_billing_kind_word(p->kind, l));
	}
}

/* ---- /addplan ---- */

/* A plan code, lower-cased into out: [a-z0-9_-]{1,32}. 0 or -1. */
static int
h_billing_code(const char *s, char out[H_PLAN_CODE_MAX + 1])
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++) {
		char c = s[i];

		if (i >= H_PLAN_CODE_MAX)
			return -1;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
			return -1;
		out[i] = c;
	}
	out[i] = '\0';
	return i > 0 ? 0 : -1;
}

/* "kind=trial" etc. -> the schema's kind, or NULL. */
static const char *
h_billing_kind_parse(const char *word)
{
	static const char *const kinds[] = { "unlimited", "pack", "dropin", "trial" };
	size_t i;

	if (strcasecmp(word, "kind=drop-in") == 0)
		return "dropin";
	for (i = 0; i < BJJ_ARRAY_LEN(kinds); i++) {
		if (strncasecmp(word, "kind=", 5) == 0 && strcasecmp(word + 5, kinds[i]) == 0)
			return kinds[i];
	}
	return NULL;
}

/* What /addplan was given. */
struct h_plan_args {
	char code[H_PLAN_CODE_MAX + 1];
	const char *kind;          /* a literal */
	char *title;               /* owned */
	int64_t price;
	int duration_days;
	int classes;               /* 0: unlimited */
};

/*
 * Check /addplan's words into *p: 1 when valid, 0 when it replied with
 * the problem, -1 on failure. The caller frees p->title in every case.
 */
static int
h_addplan_parse(struct h_ctx *ctx, char **argv, size_t n, struct h_plan_args *p)
{
	enum lang l = ctx->lang;
	const char *kind;
	char *esc = NULL, *cur = NULL;
	size_t i = 3;
	int rc;

	if (h_billing_code(argv[0], p->code) != 0) {
		esc = html_escape(argv[0]);
		rc = h_billing_replyf(ctx, H_T(l, T_PLAN_BAD_CODE), esc);
		goto out;
	}
	cur = html_escape(ctx->env->currency != NULL ? ctx->env->currency : "");
	if (strcmp(argv[1], "0") == 0) {
		p->price = 0;
	} else if (money_parse(argv[1], &p->price) != 0) {
		esc = html_escape(argv[1]);
		rc = h_billing_replyf(ctx, H_T(l, T_PLAN_BAD_PRICE), esc, cur);
		goto out;
	}
	if (h_billing_int(argv[2], 1, H_PLAN_DAYS_MAX, &p->duration_days) != 0) {
		esc = html_escape(argv[2]);
		rc = h_billing_replyf(ctx, H_T(l, T_PLAN_BAD_DAYS), esc);
		goto out;
	}
	/* An optional number of classes: a word that starts like a number. */
	p->classes = 0;
	if (i < n && (argv[i][0] == '-' || (argv[i][0] >= '0' && argv[i][0] <= '9'))) {
		if (h_billing_int(argv[i], 1, H_PLAN_CLASSES_MAX, &p->classes) != 0) {
			esc = html_escape(argv[i]);
			rc = h_billing_replyf(ctx, H_T(l, T_PLAN_BAD_CLASSES), esc);
			goto out;
		}
		i++;
	}
	kind = p->classes > 0 ? "pack" : "unlimited";
	if (i < n && strncasecmp(argv[i], "kind=", 5) == 0) {
		if ((kind = h_billing_kind_parse(argv[i])) == NULL) {
			esc = html_escape(argv[i]);
			rc = h_billing_replyf(ctx, H_T(l, T_PLAN_BAD_KIND), esc);
			goto out;
		}
		i++;
	}
	if (strcmp(kind, "pack") == 0 && p->classes == 0) {
		rc = h_reply(ctx, H_T(l, T_PLAN_PACK_NEEDS_CLASSES));
		goto out;
	}
	if (strcmp(kind, "unlimited") == 0 && p->classes > 0) {
		rc = h_reply(ctx, H_T(l, T_PLAN_UNLIMITED_NO_CLASSES));
		goto out;
	}
	/* A free plan is a trial; a free "month" is a typo. */
	if (p->price == 0 && strcmp(kind, "trial") != 0) {
		esc = html_escape(argv[1]);
		rc = h_billing_replyf(ctx, H_T(l, T_PLAN_BAD_PRICE), esc, cur);
		goto out;
	}
	p->title = i < n ? h_billing_rest(argv, n, i) : xstrdup(p->code);
	if (utf8_len(p->title) > H_PLAN_TITLE_MAX) {
		rc = h_billing_replyf(ctx, H_T(l, T_PLAN_BAD_TITLE), H_PLAN_TITLE_MAX);
		goto out;
	}
	p->kind = kind;
	rc = 1;
out:
	free(cur);
	free(esc);
	return rc < 0 ? -1 : rc;
}

int
h_cmd_addplan(struct h_ctx *ctx, const char *args)
{
	struct h_plan_args pa = { .title = NULL };
	struct plan p = { 0 };
	struct buf b = { 0 }, terms = { 0 };
	char *details = NULL, *esc_title = NULL;
	char **argv = NULL;
	size_t n = h_args_split(args, &argv);
	int64_t id;
	int rc = 0;

	if (n < 3) {
		rc = h_reply_usage(ctx, H_T(ctx->lang, T_EXAMPLE_ADDPLAN));
		goto out;
	}
	if ((rc = h_addplan_parse(ctx, argv, n, &pa)) != 1)
		goto out;
	rc = db_plan_add(ctx->env->db, pa.code, pa.title, pa.kind, pa.price, pa.duration_days,
	    pa.classes, ctx->env->now, &id);
	if (rc == DB_CONSTRAINT) {
		rc = h_billing_replyf(ctx, H_T(ctx->lang, T_PLAN_DUP), pa.code);
		goto out;
	}
	details = xasprintf("code=%s kind=%s price=%lld days=%d classes=%d", pa.code, pa.kind,
	    (long long)pa.price, pa.duration_days, pa.classes);
	if (rc != DB_OK || h_audit(ctx, "plan.add", "plan", id, details) != 0 ||
	    db_plan_by_code(ctx->env->db, pa.code, &p) != DB_OK) {
		rc = -1;
		goto out;
	}
	log_info("billing", "plan #%lld %s added", (long long)id, pa.code);
	esc_title = html_escape(p.title);
	h_billing_plan_terms(&terms, &p, ctx->lang, ctx->env->currency);
	H_TF(&b, ctx->lang, T_PLAN_ADDED, pa.code, esc_title, buf_str(&terms), pa.code);
	rc = h_reply_buf(ctx, &b);
out:
	buf_free(&terms);
	free(esc_title);
	free(details);
	free(pa.title);
	plan_free(&p);
	strv_free(argv, n);
	return rc;
}

/* ---- /plans ---- */

int
h_cmd_plans(struct h_ctx *ctx, const char *args)
{
	struct plan *v = NULL;
	struct buf b = { 0 };
	size_t n = 0, i;

	(void)args;
	if (db_plans_list(ctx->env->db, H_PLANS_MAX, &v, &n) != DB_OK)
		return -1;
	if (n == 0)
		return h_reply(ctx, ctx->role == ROLE_OWNER ? H_T(ctx->lang, T_PLANS_NONE_OWNER)
		    : H_T(ctx->lang, T_PLANS_NONE));
	buf_adds(&b, H_T(ctx->lang, T_PLANS_HEAD));
	for (i = 0; i < n; i++) {
		buf_addf(&b, "\n• <code>%s</code> — ", v[i].code); /* [a-z0-9_-] */
		buf_add_html(&b, v[i].title);
		buf_adds(&b, ": ");
		h_billing_plan_terms(&b, &v[i], ctx->lang, ctx->env->currency);
	}
	plans_free(v, n);
	return h_reply_buf(ctx, &b);
}

/* ---- /sell ---- */

/* "There is no plan X. Plans: a, b." */
static int
h_sell_no_plan(struct h_ctx *ctx, const char *code)
{
	struct plan *v = NULL;
	struct buf b = { 0 }, codes = { 0 };
	char *esc = html_escape(code);
	size_t n = 0, i;
	int rc = -1;

	if (db_plans_list(ctx->env->db, H_PLANS_MAX, &v, &n) != DB_OK)
		goto out;
	for (i = 0; i < n; i++)
		buf_addf(&codes, "%s<code>%s</code>", i > 0 ? ", " : "", v[i].code);
	if (n == 0)
		H_TF(&b, ctx->lang, T_SELL_NO_PLANS, esc);
	else
		H_TF(&b, ctx->lang, T_SELL_NO_PLAN, esc, buf_str(&codes));
	rc = h_reply_buf(ctx, &b);
out:
	plans_free(v, n);
	buf_free(&codes);
	free(esc);
	return rc;
}

/* Tell the student (when linked) about their new subscription. */
static int
h_sell_tell(struct h_ctx *ctx, const struct person *p, const struct subscription *s,
    int renewal)
{
	enum lang l;
	struct buf b = { 0 };
	char first[H_PIECE], last[H_PIECE], classes[H_PIECE], *title;

	if (p->tg_id == 0)
		return 0;
	l = h_lang_of(ctx->env, p->tg_id);
	title = html_escape(s->plan_title);
	h_billing_date(first, s->starts_at);
	h_billing_last_day(last, s->ends_at);
	h_billing_classes(classes, l, s->classes_left, 0);
	if (renewal)
		H_TF(&b, l, T_SOLD_STUDENT_RENEWAL, title, first, last, classes);
	else
		H_TF(&b, l, T_SOLD_STUDENT, title, last, classes);
	free(title);
	if (h_send(ctx->env, p->tg_id, buf_str(&b), NULL) != 0) {
		buf_free(&b);
		return -1;
	}
	buf_free(&b);
	return 0;
}

int
h_cmd_sell(struct h_ctx *ctx, const char *args)
{
	char code[H_PLAN_CODE_MAX + 1], money[H_PIECE], first[H_PIECE], last[H_PIECE];
	char classes[H_PIECE], *name = NULL, *title = NULL, *details = NULL, *esc = NULL;
	struct subscription s = { 0 };
	struct person p = { 0 };
	struct plan plan = { 0 };
	struct buf b = { 0 };
	const char *method = "cash";
	char **argv = NULL;
	size_t n = h_args_split(args, &argv);
	int rc = 0, renewal = 0;

	if (n < 2 || n > 3) {
		rc = h_reply_usage(ctx, H_T(ctx->lang, T_EXAMPLE_SELL));
		goto out;
	}
	if (n == 3 && (method = h_billing_method_parse(argv[2])) == NULL) {
		esc = html_escape(argv[2]);
		rc = h_billing_replyf(ctx, H_T(ctx->lang, T_BAD_METHOD), esc);
		goto out;
	}
	/* The plan before the student: a name lookup may ask to pick one. */
	rc = h_billing_code(argv[1], code) == 0 ? db_plan_by_code(ctx->env->db, code, &plan)
	    : DB_NOTFOUND;
	if (rc != DB_OK) {
		rc = rc == DB_NOTFOUND ? h_sell_no_plan(ctx, argv[1]) : -1;
		goto out;
	}
	if ((rc = h_find_student(ctx, argv[0], 0, &p)) != 1)
		goto out;
	rc = db_subscription_sell(ctx->env->db, p.id, code, method, ctx->m->from_id,
	    ctx->env->now, &s, &renewal);
	if (rc != DB_OK) {
		rc = -1;
		goto out;
	}
	details = xasprintf("student=%lld plan=%s price=%lld method=%s starts=%lld",
	    (long long)p.id, code, (long long)s.price, method, (long long)s.starts_at);
	if (h_audit(ctx, "subscription.sell", "subscription", s.id, details) != 0) {
		rc = -1;
		goto out;
	}
	log_info("billing", "subscription #%lld sold to student #%lld", (long long)s.id,
	    (long long)p.id);
	name = h_billing_name(&p);
	title = html_escape(s.plan_title);
	h_billing_money(money, s.price, ctx->env->currency);
	h_billing_date(first, s.starts_at);
	h_billing_last_day(last, s.ends_at);
	h_billing_classes(classes, ctx->lang, s.classes_left, 0);
	H_TF(&b, ctx->lang, T_SOLD, title, name, (long long)p.id, money,
	    h_billing_method_word(method, ctx->lang), first, last, classes);
	if (renewal)
		H_TF(&b, ctx->lang, T_SOLD_RENEWAL, first);
	if ((rc = h_reply_buf(ctx, &b)) == 0)
		rc = h_sell_tell(ctx, &p, &s, renewal);
out:
	free(esc);
	free(details);
	free(title);
	free(name);
	plan_free(&plan);
	subscription_free(&s);
	person_free(&p);
	strv_free(argv, n);
	return rc;
}

/* ---- /pay ---- */

int
h_cmd_pay(struct h_ctx *ctx, const char *args)
{
	char money[H_PIECE], *note = NULL, *name = NULL, *details = NULL, *esc = NULL;
	const char *method;
	struct person p = { 0 };
	struct buf b = { 0 };
	int64_t amount, id;
	char **argv = NULL;
	size_t n = h_args_split(args, &argv);
	int rc = 0;

	if (n < 3) {
		rc = h_reply_usage(ctx, H_T(ctx->lang, T_EXAMPLE_PAY));
		goto out;
	}
	if (money_parse(argv[1], &amount) != 0) {
		esc = html_escape(argv[1]);
		rc = h_billing_replyf(ctx, H_T(ctx->lang, T_PAY_BAD_AMOUNT), esc);
		goto out;
	}
	if ((method = h_billing_method_parse(argv[2])) == NULL) {
		esc = html_escape(argv[2]);
		rc = h_billing_replyf(ctx, H_T(ctx->lang, T_BAD_METHOD), esc);
		goto out;
	}
	note = n > 3 ? h_billing_rest(argv, n, 3) : NULL;
	if (note != NULL && utf8_len(note) > H_NOTE_MAX) {
		H_TF(&b, ctx->lang, T_BILLING_BAD_NOTE, H_NOTE_MAX);
		rc = h_reply_buf(ctx, &b);
		goto out;
	}
	if ((rc = h_find_student(ctx, argv[0], 0, &p)) != 1)
		goto out;
	if (db_payment_add(ctx->env->db, p.id, amount, method, note, ctx->m->from_id, 0,
	    ctx->env->now, &id) != DB_OK) {
		rc = -1;
		goto out;
	}
	details = xasprintf("student=%lld amount=%lld method=%s", (long long)p.id,
	    (long long)amount, method);
	if (h_audit(ctx, "payment.add", "payment", id, details) != 0) {
		rc = -1;
		goto out;
	}
	log_info("billing", "payment #%lld from student #%lld", (long long)id, (long long)p.id);
	name = h_billing_name(&p);
	h_billing_money(money, amount, ctx->env->currency);
	H_TF(&b, ctx->lang, T_PAID, money, h_billing_method_word(method, ctx->lang), name,
	    (long long)p.id);
	if ((rc = h_reply_buf(ctx, &b)) != 0 || p.tg_id == 0)
		goto out;
	H_TF(&b, h_lang_of(ctx->env, p.tg_id), T_PAID_STUDENT, money);
	rc = h_send(ctx->env, p.tg_id, buf_str(&b), NULL);
out:
	buf_free(&b);
	free(esc);
	free(details);
	free(name);
	free(note);
	person_free(&p);
	strv_free(argv, n);
	return rc;
}

/* ---- /freeze, /unfreeze ---- */

/* "X is frozen already, until <day>." */
static int
h_freeze_already(struct h_ctx *ctx, const struct person *p, const char *name)
{
	struct subscription *v = NULL;
	struct freeze f = { 0 };
	struct buf b = { 0 };
	char until[H_PIECE] = "?";
	size_t n = 0, i;
	int rc = -1;

	if (db_subscriptions_open(ctx->env->db, p->id, ctx->env->now, H_BALANCE_SUBS, &v, &n)
	    != DB_OK)
		goto out;
	for (i = 0; i < n; i++) {
		if (strcmp(v[i].status, "frozen") != 0)
			continue;
		if ((rc = db_freeze_open(ctx->env->db, v[i].id, &f)) == DB_ERROR)
			goto out;
		if (rc == DB_OK)
			h_billing_last_day(until, f.ends_at);
		break;
	}
	H_TF(&b, ctx->lang, T_FREEZE_ALREADY, name, until);
	rc = h_reply_buf(ctx, &b);
out:
	freeze_free(&f);
	subscriptions_free(v, n);
	return rc;
}

int
h_cmd_freeze(struct h_ctx *ctx, const char *args)
{
	char until_s[H_PIECE], last[H_PIECE], days_s[H_PIECE];
	char *reason = NULL, *name = NULL, *title = NULL;
	char *details = NULL, *esc = NULL;
	struct subscription s = { 0 };
	struct person p = { 0 };
	struct buf b = { 0 };
	int64_t until;
	char **argv = NULL;
	size_t n = h_args_split(args, &argv);
	int rc = 0, days;

	if (n < 2) {
		rc = h_reply_usage(ctx, H_T(ctx->lang, T_EXAMPLE_FREEZE));
		goto out;
	}
	if (h_billing_int(argv[1], 1, H_FREEZE_DAYS_MAX, &days) != 0) {
		esc = html_escape(argv[1]);
		rc = h_billing_replyf(ctx, H_T(ctx->lang, T_FREEZE_BAD_DAYS), esc);
		goto out;
	}
	reason = n > 2 ? h_billing_rest(argv, n, 2) : NULL;
	if (reason != NULL && utf8_len(reason) > H_NOTE_MAX) {
		H_TF(&b, ctx->lang, T_BILLING_BAD_NOTE, H_NOTE_MAX);
		rc = h_reply_buf(ctx, &b);
		goto out;
	}
	if ((rc = h_find_student(ctx, argv[0], 0, &p)) != 1)
		goto out;
	name = h_billing_name(&p);
	rc = db_subscription_freeze(ctx->env->db, p.id, days, reason, ctx->m->from_id,
	    ctx->env->now, &s, &until);
	if (rc == DB_CONSTRAINT) {
		rc = h_freeze_already(ctx, &p, name);
		goto out;
	}
	if (rc == DB_NOTFOUND) {
		H_TF(&b, ctx->lang, T_FREEZE_NOTHING, name);
		rc = h_reply_buf(ctx, &b);
		goto out;
	}
	if (rc != DB_OK) {
		rc = -1;
		goto out;
	}
	details = xasprintf("student=%lld days=%d until=%lld", (long long)p.id, days,
	    (long long)until);
	if (h_audit(ctx, "subscription.freeze", "subscription", s.id, details) != 0) {
		rc = -1;
		goto out;
	}
	log_info("billing", "subscription #%lld frozen for %d days", (long long)s.id, days);
	title = html_escape(s.plan_title);
	h_billing_last_day(until_s, until);
	h_billing_last_day(last, s.ends_at);
	h_billing_days(days_s, ctx->lang, days);
	H_TF(&b, ctx->lang, T_FROZEN, name, title, days_s, until_s, last);
	if ((rc = h_reply_buf(ctx, &b)) != 0 || p.tg_id == 0)
		goto out;
	H_TF(&b, h_lang_of(ctx->env, p.tg_id), T_FROZEN_STUDENT, title, until_s, last);
	rc = h_send(ctx->env, p.tg_id, buf_str(&b), NULL);
out:
	buf_free(&b);
	free(esc);
	free(details);
	free(title);
	free(name);
	free(reason);
	subscription_free(&s);
	person_free(&p);
	strv_free(argv, n);
	return rc;
}

int
h_cmd_unfreeze(struct h_ctx *ctx, const char *args)
{
	char last[H_PIECE], *name = NULL, *title = NULL, *details = NULL;
	struct subscription s = { 0 };
	struct person p = { 0 };
	struct buf b = { 0 };
	char **argv = NULL;
	size_t n = h_args_split(args, &argv);
	int rc = 0, used = 0;

	if (n != 1) {
		rc = h_reply_usage(ctx, H_T(ctx->lang, T_EXAMPLE_UNFREEZE));
		goto out;
	}
	if ((rc = h_find_student(ctx, argv[0], 0, &p)) != 1)
		goto out;
	name = h_billing_name(&p);
	rc = db_subscription_unfreeze(ctx->env->db, p.id, ctx->env->now, &s, &used);
	if (rc == DB_NOTFOUND) {
		H_TF(&b, ctx->lang, T_UNFREEZE_NOTHING, name);
		rc = h_reply_buf(ctx, &b);
		goto out;
	}
	if (rc != DB_OK) {
		rc = -1;
		goto out;
	}
	details = xasprintf("student=%lld days_used=%d ends=%lld", (long long)p.id, used,
	    (long long)s.ends_at);
	if (h_audit(ctx, "subscription.unfreeze", "subscription", s.id, details) != 0) {
		rc = -1;
		goto out;
	}
	log_info("billing", "subscription #%lld unfrozen after %d days", (long long)s.id, used);
	title = html_escape(s.plan_title);
	h_billing_last_day(last, s.ends_at);
	H_TF(&b, ctx->lang, T_UNFROZEN, name, title, used, last);
	if ((rc = h_reply_buf(ctx, &b)) != 0 || p.tg_id == 0)
		goto out;
	H_TF(&b, h_lang_of(ctx->env, p.tg_id), T_UNFROZEN_STUDENT, title, last);
	rc = h_send(ctx->env, p.tg_id, buf_str(&b), NULL);
out:
	buf_free(&b);
	free(details);
	free(title);
	free(name);
	subscription_free(&s);
	person_free(&p);
	strv_free(argv, n);
	return rc;
}

/* ---- /balance ---- */

/* One subscription of /balance, with its freeze. */
static int
h_balance_sub(struct h_ctx *ctx, struct buf *b, const struct subscription *s)
{
	enum lang l = ctx->lang;
	char first[H_PIECE], last[H_PIECE], classes[H_PIECE], *title;
	const char *status;
	struct freeze f = { 0 };
	int rc = 0;

	if (strcmp(s->status, "frozen") == 0)
		status = H_T(l, T_STATUS_FROZEN);
	else if (s->starts_at > ctx->env->now)
		status = H_T(l, T_STATUS_UPCOMING);
	else if (s->classes_left == 0)
		status = H_T(l, T_STATUS_USED_UP);
	else
		status = H_T(l, T_STATUS_ACTIVE);
	title = html_escape(s->plan_title);
	h_billing_date(first, s->starts_at);
	h_billing_last_day(last, s->ends_at);
	h_billing_classes(classes, l, s->classes_left, 1);
	H_TF(b, l, T_BALANCE_SUB, title, status, first, last, classes);
	free(title);
	if (strcmp(s->status, "frozen") != 0)
		return 0;
	rc = db_freeze_open(ctx->env->db, s->id, &f);
	if (rc == DB_OK) {
		h_billing_last_day(last, f.ends_at);
		H_TF(b, l, T_BALANCE_FROZEN, last);
		if (f.reason != NULL && *f.reason != '\0') {
			char *esc = html_escape(f.reason);
			H_TF(b, l, T_BALANCE_REASON, esc);
			free(esc);
		}
	}
	freeze_free(&f);
	return rc == DB_ERROR ? -1 : 0;
}

/* The /balance text of student p. */
static int
h_balance_show(struct h_ctx *ctx, const struct person *p)
{
	struct h_env *env = ctx->env;
	struct subscription *subs = NULL;
	struct payment *pays = NULL;
	struct buf b = { 0 };
	struct civil c;
	char day[H_PIECE], money[H_PIECE], *name = h_billing_name(p);
	size_t n_subs = 0, n_pays = 0, i;
	int64_t from, to;
	int attended, rc = -1;

	if (db_subscriptions_open(env->db, p->id, env->now, H_BALANCE_SUBS, &subs, &n_subs)
	    != DB_OK)
		goto out;
	civil_split(env->now, &c);
	civil_month_bounds(c.year, c.month, &from, &to);
	if (db_attended_count(env->db, p->id, from, to, &attended) != DB_OK ||
	    db_payments_recent(env->db, p->id, H_BALANCE_PAYMENTS, &pays, &n_pays) != DB_OK)
		goto out;
	H_TF(&b, ctx->lang, T_BALANCE_HEAD, name, (long long)p->id);
	if (n_subs == 0) {
		buf_addc(&b, '\n');
		buf_adds(&b, H_T(ctx->lang, T_BALANCE_NONE));
	}
	for (i = 0; i < n_subs; i++) {
		if (h_balance_sub(ctx, &b, &subs[i]) != 0)
			goto out;
	}
	H_TF(&b, ctx->lang, T_BALANCE_MONTH, attended);
	if (n_pays > 0)
		buf_adds(&b, H_T(ctx->lang, T_BALANCE_PAYMENTS));
	for (i = 0; i < n_pays; i++) {
		h_billing_date(day, pays[i].paid_at);
		h_billing_money(money, pays[i].amount, env->currency);
		H_TF(&b, ctx->lang, T_BALANCE_PAYMENT, day, money,
		    h_billing_method_word(pays[i].method, ctx->lang));
	}
	rc = h_reply_buf(ctx, &b);
out:
	buf_free(&b);
	payments_free(pays, n_pays);
	subscriptions_free(subs, n_subs);
	free(name);
	return rc;
}

int
h_cmd_balance(struct h_ctx *ctx, const char *args)
{
	struct person p = { 0 };
	char **argv = NULL;
	size_t n = h_args_split(args, &argv);
	int rc;

	if (n == 0 && ctx->who.kind == PERSON_STUDENT) {
		rc = h_balance_show(ctx, &ctx->who);
		goto out;
	}
	if (n == 0 || n > 1) {
		rc = ctx->role < ROLE_TRAINER ? h_reply(ctx, H_T(ctx->lang, T_BALANCE_OWN_ONLY))
		    : h_reply_usage(ctx, H_T(ctx->lang, T_EXAMPLE_BALANCE));
		goto out;
	}
	if (ctx->role < ROLE_TRAINER) {
		rc = h_reply(ctx, H_T(ctx->lang, T_BALANCE_OWN_ONLY));
		goto out;
	}
	if ((rc = h_find_student(ctx, argv[0], H_FIND_INACTIVE, &p)) != 1)
		goto out;
	rc = h_balance_show(ctx, &p);
out:
	person_free(&p);
	strv_free(argv, n);
	return rc;
}
