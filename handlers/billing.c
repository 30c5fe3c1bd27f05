/*
 * billing.c — money and memberships in the chat: the owner adds, retires
 * and reprices plans (/addplan, /plan), sells them (/sell), records other
 * payments and refunds (/pay, /refund), freezes plans (/freeze,
 * /unfreeze), changes or cancels what was sold (/sub), and corrects
 * mistakes (/payments lists the numbers, /void undoes a payment or a
 * sale); everyone sees the prices (/plans); a student sees their plan,
 * classes and payments (/balance), and trainers and owners can look at
 * any student's. The student card's money buttons (bil:...) end here;
 * their sale buttons carry a one-time pick, so a sale is made once.
 *
 * Invariant: every argument is checked before anything is written or a
 * student is looked up (a lookup may leave a pick row behind), so bad
 * input changes nothing; multi-row changes are atomic in storage/billing.c.
 * The student hears about every change to their plan or money. A command
 * re-run from a name-pick button (ctx->confirm) asks for one confirmation
 * tap, naming the person and the money, before it writes.
 *
 * Voiding: a payment that came with a sale is voided only with its sale
 * (/void sale), so a sale and its money can never disagree; voiding a sale
 * cancels its subscription and voids its payments in one step.
 *
 * Dates: a subscription's ends_at is the exclusive local midnight after its
 * last day, so "valid until" shows the day before ends_at.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>

#include "lib/civil.h"
#include "lib/log.h"
#include "lib/util.h"
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
/* /payments shows this many sales and this many payments. */
#define H_LIST_MAX 15

/* Small formatted pieces handed to the texts' %s: a date, an amount. */
#define H_PIECE 64

/* ---- small helpers ---- */

static void h_billing_date(char out[H_PIECE], int64_t t)
{
	struct buf b = { 0 };

	buf_add_date(&b, t);
	snprintf(out, H_PIECE, "%s", buf_str(&b));
	buf_release(&b);
}

/* The last day a [.., ends_at) period covers. */
static void h_billing_last_day(char out[H_PIECE], int64_t ends_at)
{
	h_billing_date(out, ends_at - 1);
}

/* "4 000,50 ₽", HTML-escaped (the currency comes from the config). */
static void h_billing_money(char out[H_PIECE], int64_t minor, const char *currency)
{
	struct buf b = { 0 };
	char *esc;

	buf_add_money(&b, minor, currency != NULL ? currency : "");
	esc = html_escape(buf_str(&b));
	snprintf(out, H_PIECE, "%s", esc);
	free(esc);
	buf_release(&b);
}

/* "8 classes" / "1 class left" / "unlimited classes"; Russian "8 занятий",
 * "осталось 1 занятие". */
static void h_billing_classes(char out[H_PIECE], enum lang l, int classes, int left)
{
	const char *word;

	if (classes < 0) {
		snprintf(out, H_PIECE, "%s", H_T(l, T_UNLIMITED_CLASSES));
		return;
	}
	word = h_classes_word(l, classes);
	if (left)
		snprintf(out, H_PIECE, H_T(l, T_N_CLASSES_LEFT), classes, word);
	else
		snprintf(out, H_PIECE, H_T(l, T_N_CLASSES), classes, word);
}

/* "30 days" / "1 day"; Russian "30 дней", "1 день", "2 дня". */
static void h_billing_days(char out[H_PIECE], enum lang l, int days)
{
	snprintf(out, H_PIECE, H_T(l, T_N_DAYS), days, H_TP(l, days, T_W_DAY));
}

/* "First Last", escaped; in ctx's arena. */
static const char *h_billing_name(struct h_ctx *ctx, const struct person *p)
{
	return h_name_html(ctx, p->first_name, p->last_name);
}

/* 1 when the person reading about p is not p (a trainer or an owner). */
static int h_billing_staff(const struct h_ctx *ctx, const struct person *p)
{
	return ctx->who.kind != PERSON_STUDENT || ctx->who.id != p->id;
}

/*
 * 1 when a freeze reason speaks of an illness or an injury, the only case
 * in which the student is wished to get well. Stems match at the start of
 * a word; only ASCII is folded to lower case, so Russian stems are listed
 * with both cases of their first letter.
 */
static int h_billing_illness(const char *reason)
{
	static const char *const stems[] = {
		"ill", "sick", "injur", "flu", "cold", "surgery", "hospital", "trauma",
		"fever", "covid", "hurt", "pain",
		"болез", "Болез", "болен", "Болен", "болею", "Болею", "болеет", "Болеет",
		"больн", "Больн", "травм", "Травм", "простуд", "Простуд", "грипп", "Грипп",
		"операц", "Операц", "ковид", "Ковид", "перелом", "Перелом",
		"температур", "Температур", "недомог", "Недомог", "заболе", "Заболе",
	};
	char *low;
	size_t i;
	int hit = 0;

	if (reason == NULL)
		return 0;
	low = xstrdup(reason);
	for (i = 0; low[i] != '\0'; i++) {
		if (low[i] >= 'A' && low[i] <= 'Z')
			low[i] = (char)(low[i] - 'A' + 'a');
	}
	for (i = 0; i < BJJ_ARRAY_LEN(stems) && !hit; i++) {
		const char *at;

		for (at = low; (at = strstr(at, stems[i])) != NULL; at++) {
			/* A word starts after a space or punctuation (ASCII). */
			if (at == low || ((unsigned char)at[-1] < 0x80 &&
			    !((at[-1] >= 'a' && at[-1] <= 'z') || (at[-1] >= '0' && at[-1] <= '9')))) {
				hit = 1;
				break;
			}
		}
	}
	free(low);
	return hit;
}

/* The English keyword of /void, /sub or /plan a word typed (English or
 * Russian, any case) stands for, or "". */
static const char *h_billing_keyword(const char *word)
{
	static const struct {
		const char *word, *keyword;
	} words[] = {
		{ "payment", "payment" }, { "платёж", "payment" }, { "платеж", "payment" },
		{ "sale", "sale" }, { "продажа", "sale" },
		{ "start", "start" }, { "начало", "start" }, { "end", "end" }, { "конец", "end" },
		{ "classes", "classes" }, { "занятия", "classes" },
		{ "cancel", "cancel" }, { "отмена", "cancel" }, { "отменить", "cancel" },
		{ "retire", "retire" }, { "снять", "retire" },
		{ "restore", "restore" }, { "вернуть", "restore" },
		{ "price", "price" }, { "цена", "price" },
	};
	size_t i;

	for (i = 0; i < BJJ_ARRAY_LEN(words); i++) {
		if (utf8_ieq(word, words[i].word))
			return words[i].keyword;
	}
	return "";
}

/* The canonical method for a word typed (English or Russian, any case),
 * or NULL. */
static const char *h_billing_method_parse(const char *word)
{
	static const struct {
		const char *word, *method;
	} words[] = {
		{ "cash", "cash" }, { "наличные", "cash" }, { "наличными", "cash" }, { "нал", "cash" },
		{ "card", "card" }, { "карта", "card" }, { "картой", "card" },
		{ "transfer", "transfer" }, { "перевод", "transfer" }, { "переводом", "transfer" },
		{ "other", "other" }, { "другое", "other" },
	};
	size_t i;

	for (i = 0; i < BJJ_ARRAY_LEN(words); i++) {
		if (utf8_ieq(word, words[i].word))
			return words[i].method;
	}
	return NULL;
}

const char *h_billing_method_word(const char *method, enum lang l)
{
	if (strcmp(method, "cash") == 0)
		return H_T(l, T_PAY_METHOD_CASH);
	if (strcmp(method, "card") == 0)
		return H_T(l, T_PAY_METHOD_CARD);
	if (strcmp(method, "transfer") == 0)
		return H_T(l, T_PAY_METHOD_TRANSFER);
	return H_T(l, T_PAY_METHOD_OTHER);
}

static const char *h_billing_kind_word(const char *kind, enum lang l)
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
static int h_billing_int(const char *s, int lo, int hi, int *out)
{
	int64_t v;

	if (parse_i64(s, &v) != 0 || v < lo || v > hi)
		return -1;
	*out = (int)v;
	return 0;
}

/* A local date typed (civil_parse_day: "27.11" too) at most a year from
 * today: 1 with *t its local midnight, else 0. */
static int h_billing_date_arg(const struct h_ctx *ctx, const char *s, int64_t *t)
{
	int y, m, d;

	if (civil_parse_day(s, ctx->env->now, &y, &m, &d) != 0)
		return 0;
	*t = civil_local(y, m, d, 0);
	return *t >= civil_add_days(ctx->env->now, -366) && *t <= civil_add_days(ctx->env->now, 366);
}

/* argv[from..n) joined by single spaces; owned, NULL when there are none. */
static char *h_billing_rest(char **argv, size_t n, size_t from)
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

/*
 * The note of a money command (a payment's note, a freeze's or a
 * correction's reason): argv[from..n) joined, *note owned, NULL when
 * there are no such words. H_FOUND; H_REPLIED when it is longer than
 * H_NOTE_MAX (said so; *note is still set); H_FAILED.
 */
static enum h_found h_billing_note(struct h_ctx *ctx, char **argv, size_t n, size_t from,
    char **note)
{
	struct buf b = { 0 };

	*note = n > from ? h_billing_rest(argv, n, from) : NULL;
	if (*note == NULL || utf8_len(*note) <= H_NOTE_MAX)
		return H_FOUND;
	H_TF(&b, ctx->lang, T_BILLING_BAD_NOTE, H_NOTE_MAX);
	return h_replied(h_reply_buf(ctx, &b));
}

/* Reply fmt (a texts.h text) formatted; the caller escapes the arguments. */
static int h_billing_replyf(struct h_ctx *ctx, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int h_billing_replyf(struct h_ctx *ctx, const char *fmt, ...)
{
	struct buf b = { 0 };
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	return h_reply_buf(ctx, &b);
}

/* Send b's text to the student's chat tg_id, then buf_release(b). */
static int h_billing_tell(struct h_ctx *ctx, int64_t tg_id, struct buf *b)
{
	int rc = h_send(ctx->env, tg_id, buf_str(b), NULL);

	buf_release(b);
	return rc;
}

/* A plan's terms: "4 000 ₽, 30 days, 8 classes[, trial]". */
static void h_billing_plan_terms(struct buf *b, const struct plan *p, enum lang l, const char *currency)
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
static int h_billing_code(const char *s, char out[H_PLAN_CODE_MAX + 1])
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

/* A plan's kind: an index into h_plan_kinds, the schema's words. */
enum h_plan_kind { H_PLAN_UNLIMITED, H_PLAN_PACK, H_PLAN_DROPIN, H_PLAN_TRIAL };
static const char *const h_plan_kinds[] = { "unlimited", "pack", "dropin", "trial" };

/* "kind=trial" etc. -> its kind, or -1. */
static int h_billing_kind_parse(const char *word)
{
	size_t i;

	if (strcasecmp(word, "kind=drop-in") == 0)
		return H_PLAN_DROPIN;
	for (i = 0; i < BJJ_ARRAY_LEN(h_plan_kinds); i++) {
		if (strncasecmp(word, "kind=", 5) == 0 && strcasecmp(word + 5, h_plan_kinds[i]) == 0)
			return (int)i;
	}
	return -1;
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
 * Check /addplan's words into *p: H_FOUND when valid, H_REPLIED with
 * the problem, or H_FAILED. The caller frees p->title in every case.
 */
static enum h_found h_addplan_parse(struct h_ctx *ctx, char **argv, size_t n, struct h_plan_args *p)
{
	enum lang l = ctx->lang;
	int kind;
	const char *esc = NULL, *cur = NULL;
	size_t i = 3;
	int rc;

	if (h_billing_code(argv[0], p->code) != 0) {
		esc = h_esc(ctx, argv[0]);
		rc = h_billing_replyf(ctx, H_T(l, T_PLAN_BAD_CODE), esc);
		goto out;
	}
	cur = h_esc(ctx, ctx->env->cfg->currency);
	if (strcmp(argv[1], "0") == 0) {
		p->price = 0;
	} else if (money_parse(argv[1], &p->price) != 0) {
		esc = h_esc(ctx, argv[1]);
		rc = h_billing_replyf(ctx, H_T(l, T_PLAN_BAD_PRICE), esc, cur);
		goto out;
	}
	if (h_billing_int(argv[2], 1, H_PLAN_DAYS_MAX, &p->duration_days) != 0) {
		esc = h_esc(ctx, argv[2]);
		rc = h_billing_replyf(ctx, H_T(l, T_PLAN_BAD_DAYS), esc);
		goto out;
	}
	/* An optional number of classes: a word that starts like a number. */
	p->classes = 0;
	if (i < n && (argv[i][0] == '-' || (argv[i][0] >= '0' && argv[i][0] <= '9'))) {
		if (h_billing_int(argv[i], 1, H_PLAN_CLASSES_MAX, &p->classes) != 0) {
			esc = h_esc(ctx, argv[i]);
			rc = h_billing_replyf(ctx, H_T(l, T_PLAN_BAD_CLASSES), esc);
			goto out;
		}
		i++;
	}
	kind = p->classes > 0 ? H_PLAN_PACK : H_PLAN_UNLIMITED;
	if (i < n && strncasecmp(argv[i], "kind=", 5) == 0) {
		if ((kind = h_billing_kind_parse(argv[i])) < 0) {
			esc = h_esc(ctx, argv[i]);
			rc = h_billing_replyf(ctx, H_T(l, T_PLAN_BAD_KIND), esc);
			goto out;
		}
		i++;
	}
	if (kind == H_PLAN_PACK && p->classes == 0) {
		rc = h_reply(ctx, H_T(l, T_PLAN_PACK_NEEDS_CLASSES));
		goto out;
	}
	if (kind == H_PLAN_UNLIMITED && p->classes > 0) {
		rc = h_reply(ctx, H_T(l, T_PLAN_UNLIMITED_NO_CLASSES));
		goto out;
	}
	/* A free plan is a trial; a free "month" is a typo. */
	if (p->price == 0 && kind != H_PLAN_TRIAL) {
		esc = h_esc(ctx, argv[1]);
		rc = h_billing_replyf(ctx, H_T(l, T_PLAN_BAD_PRICE), esc, cur);
		goto out;
	}
	p->title = i < n ? h_billing_rest(argv, n, i) : xstrdup(p->code);
	if (utf8_len(p->title) > H_PLAN_TITLE_MAX) {
		rc = h_billing_replyf(ctx, H_T(l, T_PLAN_BAD_TITLE), H_PLAN_TITLE_MAX);
		goto out;
	}
	p->kind = h_plan_kinds[kind];
	rc = H_FOUND;
out:
	return rc == H_FOUND ? H_FOUND : h_replied(rc);
}

static int h_cmd_addplan(struct h_ctx *ctx, const char *args)
{
	struct h_plan_args pa = { .title = NULL };
	struct plan p = { 0 };
	struct buf b = { 0 }, terms = { 0 };
	const char *details = NULL, *esc_title = NULL;
	char **argv = NULL;
	size_t n = h_args_words(ctx, args, &argv);
	int64_t id;
	int rc = 0;

	if ((rc = h_addplan_parse(ctx, argv, n, &pa)) != H_FOUND)
		goto out;
	rc = db_plan_add(ctx->env->db, pa.code, pa.title, pa.kind, pa.price, pa.duration_days,
	    pa.classes, ctx->env->now, &id);
	if (rc == DB_CONSTRAINT) {
		rc = h_billing_replyf(ctx, H_T(ctx->lang, T_PLAN_DUP), pa.code);
		goto out;
	}
	details = arena_printf(ctx->arena,
	    "code=%s kind=%s price=%lld days=%d classes=%d", pa.code, pa.kind,
	    (long long)pa.price, pa.duration_days, pa.classes);
	if (rc != DB_OK || h_audit(ctx, "plan.add", "plan", id, details) != 0 ||
	    db_plan_by_code(ctx->env->db, pa.code, &p) != DB_OK) {
		rc = -1;
		goto out;
	}
	log_info("billing", "plan #%lld %s added", (long long)id, pa.code);
	esc_title = h_esc(ctx, p.title);
	h_billing_plan_terms(&terms, &p, ctx->lang, ctx->env->cfg->currency);
	H_TF(&b, ctx->lang, T_PLAN_ADDED, pa.code, esc_title, buf_str(&terms), pa.code);
	rc = h_reply_buf(ctx, &b);
out:
	buf_release(&terms);
	free(pa.title);
	plan_release(&p);
	return rc;
}

H_COMMAND(addplan, ADDPLAN, .min_role = ROLE_OWNER,
	.args = { .min = 3, .max = H_ARGS_MANY, .kind = { [5] = H_ARG_REST } });

/* ---- /plans ---- */

static int h_cmd_plans(struct h_ctx *ctx, const char *args)
{
	struct plan *v = NULL;
	struct buf b = { 0 };
	char **argv = NULL;
	size_t n = h_args_words(ctx, args, &argv), i;
	int all = ctx->role == ROLE_OWNER && n == 1 && H_KW(argv, n, 0, T_KW_ALL) == 1;

	/* Only an owner has words to add: anyone else just gets the plans
	 * (not a usage whose example they may not use). */
	if (n > 0 && !all && ctx->role == ROLE_OWNER)
		return h_reply_usage(ctx, H_T(ctx->lang, T_EXAMPLE_PLANS));
	if (db_plans_list(ctx->env->db, H_PLANS_MAX, all, &v, &n) != DB_OK)
		return -1;
	if (n == 0)
		return h_reply(ctx, ctx->role == ROLE_OWNER ? H_T(ctx->lang, T_PLANS_NONE_OWNER)
		    : H_T(ctx->lang, T_PLANS_NONE));
	buf_adds(&b, H_T(ctx->lang, T_PLANS_HEAD));
	for (i = 0; i < n; i++) {
		buf_addf(&b, "\n• <code>%s</code> — ", v[i].code); /* [a-z0-9_-] */
		buf_add_html(&b, v[i].title);
		buf_adds(&b, ": ");
		h_billing_plan_terms(&b, &v[i], ctx->lang, ctx->env->cfg->currency);
		if (!v[i].active)
			buf_adds(&b, H_T(ctx->lang, T_PLANS_RETIRED_MARK));
	}
	plans_free(v, n);
	return h_reply_buf(ctx, &b);
}

H_COMMAND_USAGE(plans, PLANS, H_TA_USAGE(T_USAGE_NONE, T_USAGE_PLANS_STAFF),
	.min_role = ROLE_GUEST, .flags = H_CMD_PUBLIC | H_CMD_USAGE_OWNER,
	.args = { .max = 1, .staff = 1 });

/* ---- /sell ---- */

/* "There is no plan X. Plans: a, b." */
static int h_sell_no_plan(struct h_ctx *ctx, const char *code)
{
	struct plan *v = NULL;
	struct buf b = { 0 }, codes = { 0 };
	const char *esc = h_esc(ctx, code);
	size_t n = 0, i;
	int rc = -1;

	if (db_plans_list(ctx->env->db, H_PLANS_MAX, 0, &v, &n) != DB_OK)
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
	buf_release(&codes);
	return rc;
}

/* Tell the student (when linked) about their new subscription. */
static int h_sell_tell(struct h_ctx *ctx, const struct person *p, const struct subscription *s,
    int renewal)
{
	enum lang l;
	struct buf b = { 0 };
	char first[H_PIECE], last[H_PIECE], classes[H_PIECE];
	const char *title;

	if (p->tg_id == 0)
		return 0;
	l = h_lang_of(ctx->env, p->tg_id);
	title = h_esc(ctx, s->plan_title);
	h_billing_date(first, s->starts_at);
	h_billing_last_day(last, s->ends_at);
	h_billing_classes(classes, l, s->classes_left, 0);
	if (renewal)
		H_TF(&b, l, T_SOLD_STUDENT_RENEWAL, title, first, last, classes);
	else if (s->starts_at > ctx->env->now)
		H_TF(&b, l, T_SOLD_STUDENT_LATER, title, first, last, classes);
	else
		H_TF(&b, l, T_SOLD_STUDENT, title, last, classes);
	if (h_send(ctx->env, p->tg_id, buf_str(&b), NULL) != 0) {
		buf_release(&b);
		return -1;
	}
	buf_release(&b);
	return 0;
}

/* A plan that exists but is retired: say so (1), else 0; -1 on failure. */
static int h_sell_retired(struct h_ctx *ctx, const char *code)
{
	struct plan p;
	struct buf b = { 0 };
	int rc = db_plan_find(ctx->env->db, code, &p);

	if (rc == DB_NOTFOUND)
		return 0;
	if (rc != DB_OK)
		return -1;
	H_TF(&b, ctx->lang, T_SELL_RETIRED, p.code, p.code); /* [a-z0-9_-] */
	plan_release(&p);
	return h_reply_buf(ctx, &b) == 0 ? 1 : -1;
}

/* The words after the plan: a start date and a method, in any order.
 * H_FOUND when valid, else H_REPLIED or H_FAILED. */
static enum h_found h_sell_options(struct h_ctx *ctx, char **argv, size_t n, const char **method, int64_t *start)
{
	const char *m, *esc;
	size_t i;
	int rc;

	for (i = 2; i < n; i++) {
		if ((m = h_billing_method_parse(argv[i])) != NULL) {
			if (*method != NULL)
				return h_replied(h_reply_usage(ctx, H_T(ctx->lang, T_EXAMPLE_SELL)));
			*method = m;
			continue;
		}
		if (*start == 0 && h_billing_date_arg(ctx, argv[i], start))
			continue;
		esc = h_esc(ctx, argv[i]);
		if (argv[i][0] >= '0' && argv[i][0] <= '9')
			rc = h_billing_replyf(ctx, H_T(ctx->lang, T_SELL_BAD_DATE), esc);
		else
			rc = h_billing_replyf(ctx, H_T(ctx->lang, T_BAD_METHOD), esc);
		return h_replied(rc);
	}
	if (*method == NULL)
		*method = "cash";
	return H_FOUND;
}

/* The confirmation a /sell from a pick button asks for. */
static int h_sell_confirm(struct h_ctx *ctx, const struct person *p, const struct plan *plan,
    const char *method, int64_t start)
{
	char money[H_PIECE], day[H_PIECE];
	const char *name = h_billing_name(ctx, p), *title;
	struct buf b = { 0 }, from = { 0 };
	int rc;

	title = h_esc(ctx, plan->title);
	h_billing_money(money, plan->price, ctx->env->cfg->currency);
	if (start != 0) {
		h_billing_date(day, start);
		H_TF(&from, ctx->lang, T_CONFIRM_FROM, day);
	}
	H_TF(&b, ctx->lang, T_CONFIRM_SELL, title, money, h_billing_method_word(method, ctx->lang),
	    name, (long long)p->id, buf_str(&from));
	rc = h_confirm_ask(ctx, buf_str(&b));
	buf_release(&b);
	buf_release(&from);
	return rc;
}

static int h_cmd_sell(struct h_ctx *ctx, const char *args)
{
	char code[H_PLAN_CODE_MAX + 1], money[H_PIECE], first[H_PIECE], last[H_PIECE];
	char classes[H_PIECE];
	const char *details = NULL, *name = NULL, *title = NULL, *method = NULL;
	struct subscription s = { 0 };
	struct person p = { 0 };
	struct plan plan = { 0 };
	struct buf b = { 0 };
	int64_t start = 0;
	char **argv = NULL;
	size_t n = h_args_words(ctx, args, &argv);
	int rc = 0, renewal = 0;

	if ((rc = h_sell_options(ctx, argv, n, &method, &start)) != H_FOUND)
		goto out;
	/* The plan before the student: a name lookup may ask to pick one. */
	rc = h_billing_code(argv[1], code) == 0 ? db_plan_by_code(ctx->env->db, code, &plan)
	    : DB_NOTFOUND;
	if (rc == DB_NOTFOUND && h_billing_code(argv[1], code) == 0) {
		if ((rc = h_sell_retired(ctx, code)) != 0) {
			rc = rc < 0 ? -1 : 0;
			goto out;
		}
		rc = DB_NOTFOUND;
	}
	if (rc != DB_OK) {
		rc = rc == DB_NOTFOUND ? h_sell_no_plan(ctx, argv[1]) : -1;
		goto out;
	}
	if ((rc = h_find_person(ctx, PERSON_STUDENT, argv[0], 0, &p)) != H_FOUND)
		goto out;
	if (ctx->confirm) {
		rc = h_sell_confirm(ctx, &p, &plan, method, start);
		goto out;
	}
	rc = db_subscription_sell_from(ctx->env->db, p.id, code, method, ctx->m->from_id,
	    ctx->env->now, start, &s, &renewal);
	if (rc != DB_OK) {
		rc = -1;
		goto out;
	}
	details = arena_printf(ctx->arena, "student=%lld plan=%s price=%lld method=%s starts=%lld",
	    (long long)p.id, code, (long long)s.price, method, (long long)s.starts_at);
	if (h_audit(ctx, "subscription.sell", "subscription", s.id, details) != 0) {
		rc = -1;
		goto out;
	}
	log_info("billing", "subscription #%lld sold to student #%lld", (long long)s.id,
	    (long long)p.id);
	name = h_billing_name(ctx, &p);
	title = h_esc(ctx, s.plan_title);
	h_billing_money(money, s.price, ctx->env->cfg->currency);
	h_billing_date(first, s.starts_at);
	h_billing_last_day(last, s.ends_at);
	h_billing_classes(classes, ctx->lang, s.classes_left, 0);
	H_TF(&b, ctx->lang, T_SOLD, title, name, (long long)p.id, money,
	    h_billing_method_word(method, ctx->lang), first, last, classes);
	if (renewal)
		H_TF(&b, ctx->lang, T_SOLD_RENEWAL, first);
	H_TF(&b, ctx->lang, T_SOLD_NUMBER, (long long)s.id, (long long)s.id, (long long)s.id);
	if ((rc = h_reply_buf(ctx, &b)) == 0)
		rc = h_sell_tell(ctx, &p, &s, renewal);
out:
	plan_release(&plan);
	subscription_release(&s);
	person_release(&p);
	return rc;
}

H_COMMAND(sell, SELL, .min_role = ROLE_OWNER, .flags = H_CMD_STUDENT_FIRST,
	.args = { .min = 2, .max = 4 });

/* ---- /plan: retire, restore, reprice ---- */

static int h_cmd_plan(struct h_ctx *ctx, const char *args)
{
	char code[H_PLAN_CODE_MAX + 1], was[H_PIECE], now_s[H_PIECE];
	const char *details = NULL;
	struct plan p = { 0 };
	struct buf b = { 0 };
	char **argv = NULL;
	size_t n = h_args_words(ctx, args, &argv);
	const char *kw = h_billing_keyword(argv[1]);
	int64_t price = 0;
	int rc = 0, active = -1;

	if ((strcmp(kw, "price") == 0) != (n == 3)) {
		rc = h_reply_usage(ctx, H_T(ctx->lang, T_EXAMPLE_PLAN));
		goto out;
	}
	if (strcmp(kw, "retire") == 0) {
		active = 0;
	} else if (strcmp(kw, "restore") == 0) {
		active = 1;
	} else if (strcmp(kw, "price") != 0) {
		rc = h_reply_usage(ctx, H_T(ctx->lang, T_EXAMPLE_PLAN));
		goto out;
	} else if (strcmp(argv[2], "0") == 0) {
		price = 0;
	} else if (money_parse(argv[2], &price) != 0) {
		const char *esc = h_esc(ctx, argv[2]), *cur = h_esc(ctx, ctx->env->cfg->currency);

		rc = h_billing_replyf(ctx, H_T(ctx->lang, T_PLAN_BAD_PRICE), esc, cur);
		goto out;
	}
	rc = h_billing_code(argv[0], code) == 0 ? db_plan_find(ctx->env->db, code, &p)
	    : DB_NOTFOUND;
	if (rc != DB_OK) {
		rc = rc == DB_NOTFOUND ? h_sell_no_plan(ctx, argv[0]) : -1;
		goto out;
	}
	/* A free plan is a trial, as /addplan says. */
	if (active < 0 && price == 0 && strcmp(p.kind, "trial") != 0) {
		const char *cur = h_esc(ctx, ctx->env->cfg->currency);

		rc = h_billing_replyf(ctx, H_T(ctx->lang, T_PLAN_BAD_PRICE), "0", cur);
		goto out;
	}
	if (active >= 0 && p.active == active) {
		if (active)
			H_TF(&b, ctx->lang, T_PLAN_ON_SALE_ALREADY, p.code);
		else
			H_TF(&b, ctx->lang, T_PLAN_RETIRED_ALREADY, p.code);
		rc = h_reply_buf(ctx, &b);
		goto out;
	}
	rc = active >= 0 ? db_plan_set_active(ctx->env->db, p.id, active)
	    : db_plan_set_price(ctx->env->db, p.id, price);
	details = active >= 0 ? arena_printf(ctx->arena, "code=%s", p.code) :
	    arena_printf(ctx->arena, "code=%s price=%lld was=%lld", p.code, (long long)price,
	    (long long)p.price);
	if (rc != DB_OK || h_audit(ctx, active == 0 ? "plan.retire" : active == 1 ?
	    "plan.restore" : "plan.price", "plan", p.id, details) != 0) {
		rc = -1;
		goto out;
	}
	log_info("billing", "plan #%lld %s: %s", (long long)p.id, p.code, details);
	if (active == 0) {
		H_TF(&b, ctx->lang, T_PLAN_RETIRED, p.code, p.code);
	} else if (active == 1) {
		H_TF(&b, ctx->lang, T_PLAN_RESTORED, p.code);
	} else {
		h_billing_money(was, p.price, ctx->env->cfg->currency);
		h_billing_money(now_s, price, ctx->env->cfg->currency);
		H_TF(&b, ctx->lang, T_PLAN_REPRICED, p.code, now_s, was);
	}
	rc = h_reply_buf(ctx, &b);
out:
	plan_release(&p);
	return rc;
}

H_COMMAND(plan, PLAN, .min_role = ROLE_OWNER, .args = { .min = 2, .max = 3 });

/* ---- /pay, /refund ---- */

/* An amount typed with a space between its thousands ("1 500", "12 000,50")
 * is split in two words at argv[at]: join them (a method, the word that
 * follows an amount, is never digits). argv is in ctx's arena
 * (h_args_words). */
static void h_billing_join_thousands(struct h_ctx *ctx, char **argv, size_t *n, size_t at)
{
	const char *a, *b;
	int64_t cents;

	if (at + 1 >= *n)
		return;
	a = argv[at];
	b = argv[at + 1];
	/* "1".."999", then "000" and maybe its kopecks ("000,50") */
	if (strlen(a) > 3 || a[strspn(a, "0123456789")] != '\0' ||
	    strspn(b, "0123456789") != 3 ||
	    !(b[3] == '\0' || ((b[3] == ',' || b[3] == '.') && money_parse(b, &cents) == 0)))
		return;
	argv[at] = arena_printf(ctx->arena, "%s%s", a, b);
	memmove(&argv[at + 1], &argv[at + 2], (*n - at - 2) * sizeof(*argv));
	(*n)--;
}

/* /pay (refund 0) and /refund (1, its reason required). */
static int h_pay_cmd(struct h_ctx *ctx, const char *args, int refund)
{
	enum lang sl;
	char money[H_PIECE], *note = NULL;
	const char *details = NULL, *name = NULL, *esc = NULL, *method, *mword;
	struct person p = { 0 };
	struct buf b = { 0 };
	int64_t amount, id;
	char **argv = NULL;
	size_t n = h_args_words(ctx, args, &argv);
	int rc = 0;

	h_billing_join_thousands(ctx, argv, &n, 1);
	if (n < (refund ? 4u : 3u)) {
		rc = h_reply_usage(ctx, refund ? H_T(ctx->lang, T_EXAMPLE_REFUND)
		    : H_T(ctx->lang, T_EXAMPLE_PAY));
		goto out;
	}
	if (money_parse(argv[1], &amount) != 0) {
		esc = h_esc(ctx, argv[1]);
		rc = h_billing_replyf(ctx, H_T(ctx->lang, T_PAY_BAD_AMOUNT), esc);
		goto out;
	}
	if ((method = h_billing_method_parse(argv[2])) == NULL) {
		esc = h_esc(ctx, argv[2]);
		rc = h_billing_replyf(ctx, H_T(ctx->lang, T_BAD_METHOD), esc);
		goto out;
	}
	if ((rc = h_billing_note(ctx, argv, n, 3, &note)) != H_FOUND ||
	    (rc = h_find_person(ctx, PERSON_STUDENT, argv[0], 0, &p)) != H_FOUND)
		goto out;
	name = h_billing_name(ctx, &p);
	h_billing_money(money, amount, ctx->env->cfg->currency);
	mword = h_billing_method_word(method, ctx->lang);
	if (ctx->confirm) {
		if (refund)
			H_TF(&b, ctx->lang, T_CONFIRM_REFUND, money, mword, name, (long long)p.id);
		else
			H_TF(&b, ctx->lang, T_CONFIRM_PAY, money, mword, name, (long long)p.id);
		rc = h_confirm_ask(ctx, buf_str(&b));
		goto out;
	}
	rc = refund ? db_refund_add(ctx->env->db, p.id, amount, method, note, ctx->m->from_id,
	    ctx->env->now, &id) : db_payment_add(ctx->env->db, p.id, amount, method, note,
	    ctx->m->from_id, 0, ctx->env->now, &id);
	if (rc != DB_OK) {
		rc = -1;
		goto out;
	}
	details = arena_printf(ctx->arena, "student=%lld amount=%lld method=%s", (long long)p.id,
	    (long long)amount, method);
	if (h_audit(ctx, refund ? "payment.refund" : "payment.add", "payment", id, details) != 0) {
		rc = -1;
		goto out;
	}
	log_info("billing", "%s #%lld for student #%lld", refund ? "refund" : "payment",
	    (long long)id, (long long)p.id);
	if (refund) {
		const char *reason = h_esc(ctx, note);

		H_TF(&b, ctx->lang, T_REFUNDED, (long long)id, money, mword, name, (long long)p.id,
		    reason);
	} else {
		H_TF(&b, ctx->lang, T_PAID, money, mword, name, (long long)p.id);
		H_TF(&b, ctx->lang, T_PAID_NUMBER, (long long)id, (long long)id);
	}
	if ((rc = h_reply_buf(ctx, &b)) != 0 || p.tg_id == 0)
		goto out;
	sl = h_lang_of(ctx->env, p.tg_id);
	if (refund)
		H_TF(&b, sl, T_REFUNDED_STUDENT, money, h_billing_method_word(method, sl));
	else
		H_TF(&b, sl, T_PAID_STUDENT, money);
	rc = h_send(ctx->env, p.tg_id, buf_str(&b), NULL);
out:
	buf_release(&b);
	free(note);
	person_release(&p);
	return rc;
}

static int h_cmd_pay(struct h_ctx *ctx, const char *args)
{
	return h_pay_cmd(ctx, args, 0);
}

H_COMMAND(pay, PAY, .min_role = ROLE_OWNER, .flags = H_CMD_STUDENT_FIRST,
	.args = { .min = 3, .max = H_ARGS_MANY, .kind = { [3] = H_ARG_REST } });

static int h_cmd_refund(struct h_ctx *ctx, const char *args)
{
	return h_pay_cmd(ctx, args, 1);
}

H_COMMAND(refund, REFUND, .min_role = ROLE_OWNER, .flags = H_CMD_STUDENT_FIRST,
	.args = { .min = 4, .max = H_ARGS_MANY, .kind = { [3] = H_ARG_REST } });

/* ---- /freeze, /unfreeze ---- */

/* "X is frozen already, until <day>." */
static int h_freeze_already(struct h_ctx *ctx, const struct person *p, const char *name)
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
	freeze_release(&f);
	subscriptions_free(v, n);
	return rc;
}

/* Tell the student (linked) about their freeze, in words that fit its
 * reason: only an illness or an injury gets "get well". */
static int h_freeze_tell(struct h_ctx *ctx, const struct person *p, const char *title,
    const char *until, const char *last, const char *reason)
{
	enum lang l = h_lang_of(ctx->env, p->tg_id);
	struct buf b = { 0 };

	H_TF(&b, l, T_FROZEN_STUDENT, title, until, last);
	if (reason != NULL) {
		const char *esc = h_esc(ctx, reason);

		H_TF(&b, l, T_FROZEN_STUDENT_REASON, esc);
	}
	buf_adds(&b, h_billing_illness(reason) ? H_T(l, T_FROZEN_GET_WELL)
	    : H_T(l, T_FROZEN_SEE_YOU));
	return h_billing_tell(ctx, p->tg_id, &b);
}

static int h_cmd_freeze(struct h_ctx *ctx, const char *args)
{
	char until_s[H_PIECE], last[H_PIECE], days_s[H_PIECE];
	char *reason = NULL;
	const char *name = NULL, *title = NULL, *esc = NULL, *details = NULL;
	struct subscription s = { 0 };
	struct person p = { 0 };
	struct buf b = { 0 };
	int64_t until;
	char **argv = NULL;
	size_t n = h_args_words(ctx, args, &argv);
	int rc = 0, days;

	if (h_billing_int(argv[1], 1, H_FREEZE_DAYS_MAX, &days) != 0) {
		esc = h_esc(ctx, argv[1]);
		rc = h_billing_replyf(ctx, H_T(ctx->lang, T_FREEZE_BAD_DAYS), esc);
		goto out;
	}
	if ((rc = h_billing_note(ctx, argv, n, 2, &reason)) != H_FOUND ||
	    (rc = h_find_person(ctx, PERSON_STUDENT, argv[0], 0, &p)) != H_FOUND)
		goto out;
	name = h_billing_name(ctx, &p);
	if (ctx->confirm) {
		h_billing_days(days_s, ctx->lang, days);
		H_TF(&b, ctx->lang, T_CONFIRM_FREEZE, name, (long long)p.id, days_s);
		rc = h_confirm_ask(ctx, buf_str(&b));
		goto out;
	}
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
	details = arena_printf(ctx->arena, "student=%lld days=%d until=%lld", (long long)p.id, days,
	    (long long)until);
	if (h_audit(ctx, "subscription.freeze", "subscription", s.id, details) != 0) {
		rc = -1;
		goto out;
	}
	log_info("billing", "subscription #%lld frozen for %d days", (long long)s.id, days);
	title = h_esc(ctx, s.plan_title);
	h_billing_last_day(until_s, until);
	h_billing_last_day(last, s.ends_at);
	h_billing_days(days_s, ctx->lang, days);
	H_TF(&b, ctx->lang, T_FROZEN, name, title, days_s, until_s, last);
	if ((rc = h_reply_buf(ctx, &b)) != 0 || p.tg_id == 0)
		goto out;
	rc = h_freeze_tell(ctx, &p, title, until_s, last, reason);
out:
	buf_release(&b);
	free(reason);
	subscription_release(&s);
	person_release(&p);
	return rc;
}

H_COMMAND(freeze, FREEZE, .min_role = ROLE_OWNER, .flags = H_CMD_STUDENT_FIRST,
	.args = { .min = 2, .max = H_ARGS_MANY, .kind = { [2] = H_ARG_REST } });

static int h_cmd_unfreeze(struct h_ctx *ctx, const char *args)
{
	char last[H_PIECE];
	const char *details = NULL, *name = NULL, *title = NULL;
	struct subscription s = { 0 };
	struct person p = { 0 };
	struct buf b = { 0 };
	int rc = 0, used = 0;

	/* args is one word (the spec): the student. */
	if ((rc = h_find_person(ctx, PERSON_STUDENT, args, 0, &p)) != H_FOUND)
		goto out;
	name = h_billing_name(ctx, &p);
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
	details = arena_printf(ctx->arena,
	    "student=%lld days_used=%d ends=%lld", (long long)p.id, used, (long long)s.ends_at);
	if (h_audit(ctx, "subscription.unfreeze", "subscription", s.id, details) != 0) {
		rc = -1;
		goto out;
	}
	log_info("billing", "subscription #%lld unfrozen after %d days", (long long)s.id, used);
	title = h_esc(ctx, s.plan_title);
	h_billing_last_day(last, s.ends_at);
	H_TF(&b, ctx->lang, T_UNFROZEN, name, title, used, last);
	if ((rc = h_reply_buf(ctx, &b)) != 0 || p.tg_id == 0)
		goto out;
	H_TF(&b, h_lang_of(ctx->env, p.tg_id), T_UNFROZEN_STUDENT, title, last);
	rc = h_send(ctx->env, p.tg_id, buf_str(&b), NULL);
out:
	buf_release(&b);
	subscription_release(&s);
	person_release(&p);
	return rc;
}

H_COMMAND(unfreeze, UNFREEZE, .min_role = ROLE_OWNER, .flags = H_CMD_STUDENT_FIRST,
	.args = { .min = 1, .max = 1 });

/* A payment's amount as a list shows it: a refund says so. */
static void h_billing_pay_amount(struct h_ctx *ctx, char out[H_PIECE], const struct payment *pay)
{
	char money[H_PIECE];

	h_billing_money(money, pay->amount, ctx->env->cfg->currency);
	if (pay->refund)
		snprintf(out, H_PIECE, H_T(ctx->lang, T_REFUND_AMOUNT), money);
	else
		snprintf(out, H_PIECE, "%s", money);
}

/* " — voided: <reason>" for a voided payment, else nothing. */
static void h_billing_pay_voided(struct h_ctx *ctx, struct buf *b, const struct payment *pay)
{
	const char *esc;

	if (pay->voided_at == 0)
		return;
	esc = h_esc(ctx, pay->void_reason);
	H_TF(b, ctx->lang, T_PAY_VOIDED, esc);
}

/* ---- /payments ---- */

/* The status word of a sold subscription, a literal. */
static const char *h_billing_sub_status(const struct subscription *s, enum lang l)
{
	if (s->voided)
		return H_T(l, T_STATUS_VOIDED);
	if (strcmp(s->status, "cancelled") == 0)
		return H_T(l, T_STATUS_CANCELLED);
	if (strcmp(s->status, "expired") == 0)
		return H_T(l, T_STATUS_EXPIRED);
	if (strcmp(s->status, "frozen") == 0)
		return H_T(l, T_STATUS_FROZEN);
	return H_T(l, T_STATUS_ACTIVE);
}

static int h_cmd_payments(struct h_ctx *ctx, const char *args)
{
	struct subscription *subs = NULL;
	struct payment *pays = NULL;
	struct person p = { 0 };
	struct buf b = { 0 }, extra = { 0 };
	char first[H_PIECE], last[H_PIECE], money[H_PIECE];
	const char *name = NULL, *title;
	size_t n_subs = 0, n_pays = 0, i;
	int rc;

	/* args is one word (the spec): the student. */
	if ((rc = h_find_person(ctx, PERSON_STUDENT, args, H_FIND_INACTIVE, &p)) != H_FOUND)
		goto out;
	rc = -1;
	if (db_subscriptions_recent(ctx->env->db, p.id, H_LIST_MAX, &subs, &n_subs) != DB_OK ||
	    db_payments_recent(ctx->env->db, p.id, H_LIST_MAX, &pays, &n_pays) != DB_OK)
		goto out;
	name = h_billing_name(ctx, &p);
	H_TF(&b, ctx->lang, T_PAYMENTS_HEAD, name, (long long)p.id);
	if (n_subs == 0 && n_pays == 0)
		buf_adds(&b, H_T(ctx->lang, T_PAYMENTS_NONE));
	if (n_subs > 0)
		buf_adds(&b, H_T(ctx->lang, T_PAYMENTS_SALES));
	struct arena_mark row = arena_mark(ctx->arena);
	for (i = 0; i < n_subs; i++) {
		title = h_esc(ctx, subs[i].plan_title);
		h_billing_date(first, subs[i].starts_at);
		h_billing_last_day(last, subs[i].ends_at);
		h_billing_money(money, subs[i].price, ctx->env->cfg->currency);
		H_TF(&b, ctx->lang, T_PAYMENTS_SALE, (long long)subs[i].id, title, first, last,
		    money, h_billing_sub_status(&subs[i], ctx->lang));
		if (subs[i].cancel_reason != NULL) {
			const char *esc = h_esc(ctx, subs[i].cancel_reason);

			H_TF(&b, ctx->lang, T_PAYMENTS_REASON, esc);
		}
		arena_reset(ctx->arena, row);
	}
	if (n_pays > 0)
		buf_adds(&b, H_T(ctx->lang, T_PAYMENTS_PAYS));
	for (i = 0; i < n_pays; i++) {
		buf_truncate(&extra, 0);
		if (pays[i].subscription_id != 0)
			H_TF(&extra, ctx->lang, T_PAYMENTS_OF_SALE, (long long)pays[i].subscription_id);
		h_billing_date(first, pays[i].paid_at);
		h_billing_pay_amount(ctx, money, &pays[i]);
		H_TF(&b, ctx->lang, T_PAYMENTS_PAY, (long long)pays[i].id, first, money,
		    h_billing_method_word(pays[i].method, ctx->lang), buf_str(&extra));
		h_billing_pay_voided(ctx, &b, &pays[i]);
	}
	H_TF(&b, ctx->lang, T_PAYMENTS_HINT, (long long)p.id);
	rc = h_reply_buf(ctx, &b);
out:
	buf_release(&extra);
	buf_release(&b);
	payments_free(pays, n_pays);
	subscriptions_free(subs, n_subs);
	person_release(&p);
	return rc;
}

H_COMMAND(payments, PAYMENTS, .min_role = ROLE_OWNER, .flags = H_CMD_STUDENT_FIRST,
	.args = { .min = 1, .max = 1 });

/* ---- /void ---- */

/* /void payment <n> <reason>. */
static int h_void_payment(struct h_ctx *ctx, int64_t id, const char *reason)
{
	enum lang sl;
	char money[H_PIECE], day[H_PIECE];
	const char *details = NULL, *name = NULL, *esc = NULL, *word;
	struct payment pay = { 0 };
	struct subscription s = { 0 };
	struct person p = { 0 };
	struct buf b = { 0 };
	int rc = db_payment_get(ctx->env->db, id, &pay);

	if (rc == DB_NOTFOUND) {
		H_TF(&b, ctx->lang, T_VOID_NO_PAYMENT, (long long)id);
		rc = h_reply_buf(ctx, &b);
		goto out;
	}
	if (rc != DB_OK || db_person_get(ctx->env->db, PERSON_STUDENT, pay.student_id, &p) != DB_OK)
		goto fail;
	if (pay.voided_at != 0) {
		esc = h_esc(ctx, pay.void_reason);
		H_TF(&b, ctx->lang, T_VOID_PAYMENT_ALREADY, (long long)id, esc);
		rc = h_reply_buf(ctx, &b);
		goto out;
	}
	if (pay.subscription_id != 0) {
		if (db_subscription_get(ctx->env->db, pay.subscription_id, &s) != DB_OK)
			goto fail;
		esc = h_esc(ctx, s.plan_title);
		H_TF(&b, ctx->lang, T_VOID_PAYMENT_OF_SALE, (long long)id, (long long)s.id, esc,
		    (long long)s.id);
		rc = h_reply_buf(ctx, &b);
		goto out;
	}
	if (db_payment_void(ctx->env->db, id, reason, ctx->m->from_id, ctx->env->now) != DB_OK)
		goto fail;
	details = arena_printf(ctx->arena,
	    "student=%lld amount=%lld refund=%d reason=%s", (long long)p.id,
	    (long long)pay.amount, pay.refund, reason);
	if (h_audit(ctx, "payment.void", "payment", id, details) != 0)
		goto fail;
	log_info("billing", "payment #%lld voided", (long long)id);
	name = h_billing_name(ctx, &p);
	esc = h_esc(ctx, reason);
	h_billing_money(money, pay.amount, ctx->env->cfg->currency);
	h_billing_date(day, pay.paid_at);
	word = pay.refund ? H_T(ctx->lang, T_WORD_REFUND) : H_T(ctx->lang, T_WORD_PAYMENT);
	H_TF(&b, ctx->lang, T_VOIDED_PAYMENT, word, (long long)id, money,
	    h_billing_method_word(pay.method, ctx->lang), name, (long long)p.id, day, esc);
	if ((rc = h_reply_buf(ctx, &b)) != 0 || p.tg_id == 0)
		goto out;
	sl = h_lang_of(ctx->env, p.tg_id);
	H_TF(&b, sl, T_VOIDED_PAYMENT_STUDENT, pay.refund ? H_T(sl, T_WORD_REFUND)
	    : H_T(sl, T_WORD_PAYMENT), money, day, esc);
	rc = h_billing_tell(ctx, p.tg_id, &b);
	goto out;
fail:
	rc = -1;
out:
	buf_release(&b);
	person_release(&p);
	subscription_release(&s);
	payment_release(&pay);
	return rc;
}

/* Tell the owner the renewals queued after a cancelled or voided plan
 * moved back (nothing when none did). */
static void h_renewals_moved_add(struct buf *b, enum lang l, const struct sub_pullback *pb)
{
	char day[H_PIECE];

	if (pb->renewals == 0)
		return;
	h_billing_date(day, pb->starts_at);
	H_TF(b, l, T_RENEWALS_MOVED, pb->renewals, pb->days, H_TP(l, pb->days, T_W_DAY), day);
}

/* Tell student p (linked) that their plan, titled title (escaped), was
 * cancelled, and why when reason (not escaped) is not NULL. 0 or -1. */
static int h_billing_cancel_tell(struct h_ctx *ctx, const struct person *p, const char *title,
    const char *reason)
{
	enum lang l = h_lang_of(ctx->env, p->tg_id);
	struct buf b = { 0 }, why = { 0 };
	int rc;

	if (reason != NULL) {
		const char *esc = h_esc(ctx, reason);

		H_TF(&why, l, T_CANCEL_REASON, esc);
	}
	H_TF(&b, l, T_SUB_CANCELLED_STUDENT, title, buf_str(&why));
	rc = h_billing_tell(ctx, p->tg_id, &b);
	buf_release(&why);
	return rc;
}

/* /void sale <n> <reason>: the subscription and its payments. */
static int h_void_sale(struct h_ctx *ctx, int64_t id, const char *reason)
{
	char money[H_PIECE];
	const char *details = NULL, *name = NULL, *esc = NULL, *title = NULL;
	struct subscription s = { 0 };
	struct person p = { 0 };
	struct buf b = { 0 };
	struct sub_pullback pb;
	int64_t sum;
	int rc = db_subscription_get(ctx->env->db, id, &s), voided = 0;

	if (rc == DB_NOTFOUND) {
		H_TF(&b, ctx->lang, T_VOID_NO_SALE, (long long)id);
		rc = h_reply_buf(ctx, &b);
		goto out;
	}
	if (rc != DB_OK || db_person_get(ctx->env->db, PERSON_STUDENT, s.student_id, &p) != DB_OK)
		goto fail;
	if (s.voided) {
		esc = h_esc(ctx, s.cancel_reason);
		H_TF(&b, ctx->lang, T_VOID_SALE_ALREADY, (long long)id, esc);
		rc = h_reply_buf(ctx, &b);
		goto out;
	}
	if (db_subscription_void(ctx->env->db, id, reason, ctx->m->from_id, ctx->env->now,
	    &voided, &sum, &pb) != DB_OK)
		goto fail;
	details = arena_printf(ctx->arena,
	    "student=%lld payments=%d amount=%lld renewals_moved=%d days=%d reason=%s",
	    (long long)p.id, voided, (long long)sum, pb.renewals, pb.days, reason);
	if (h_audit(ctx, "subscription.void", "subscription", id, details) != 0)
		goto fail;
	log_info("billing", "sale #%lld voided with %d payments", (long long)id, voided);
	name = h_billing_name(ctx, &p);
	esc = h_esc(ctx, reason);
	title = h_esc(ctx, s.plan_title);
	h_billing_money(money, sum, ctx->env->cfg->currency);
	H_TF(&b, ctx->lang, T_VOIDED_SALE, (long long)id, title, name, (long long)p.id, voided,
	    H_TP(ctx->lang, voided, T_W_PAYMENT), money, esc);
	h_renewals_moved_add(&b, ctx->lang, &pb);
	/* A cancelled plan was over for the student already. */
	if ((rc = h_reply_buf(ctx, &b)) != 0 || p.tg_id == 0 || strcmp(s.status, "cancelled") == 0)
		goto out;
	rc = h_billing_cancel_tell(ctx, &p, title, reason);
	goto out;
fail:
	rc = -1;
out:
	buf_release(&b);
	person_release(&p);
	subscription_release(&s);
	return rc;
}

static int h_cmd_void(struct h_ctx *ctx, const char *args)
{
	char **argv = NULL, *reason = NULL;
	size_t n = h_args_words(ctx, args, &argv);
	const char *kw = h_billing_keyword(argv[0]);
	int64_t id;
	int rc, kind = strcmp(kw, "payment") == 0 ? 1 : strcmp(kw, "sale") == 0 ? 2 : 0;

	/* The spec asked for a number and the reason: a correction says why. */
	if (kind == 0 || !h_number(argv[1], &id)) {
		rc = h_reply_usage(ctx, H_T(ctx->lang, T_EXAMPLE_VOID));
		goto out;
	}
	if ((rc = h_billing_note(ctx, argv, n, 2, &reason)) != H_FOUND)
		goto out;
	rc = kind == 1 ? h_void_payment(ctx, id, reason) : h_void_sale(ctx, id, reason);
out:
	free(reason);
	return rc;
}

H_COMMAND(void, VOID, .min_role = ROLE_OWNER,
	.args = { .min = 3, .max = H_ARGS_MANY, .kind = { [1] = H_ARG_ID, [2] = H_ARG_REST } });

/* ---- /sub: change or cancel a sold subscription ---- */

/* /sub <n> cancel [reason]. */
static int h_sub_cancel(struct h_ctx *ctx, const struct subscription *s, const struct person *p,
    const char *reason)
{
	const char *name = h_billing_name(ctx, p);
	const char *title = h_esc(ctx, s->plan_title);
	const char *details = NULL;
	struct buf b = { 0 };
	struct sub_pullback pb;
	int rc;

	if (strcmp(s->status, "active") != 0 && strcmp(s->status, "frozen") != 0) {
		H_TF(&b, ctx->lang, T_SUB_CANCEL_NOT, (long long)s->id,
		    h_billing_sub_status(s, ctx->lang));
		rc = h_reply_buf(ctx, &b);
		goto out;
	}
	if (db_subscription_cancel(ctx->env->db, s->id, reason, ctx->m->from_id,
	    ctx->env->now, &pb) != DB_OK)
		goto fail;
	details = arena_printf(ctx->arena,
	    "student=%lld renewals_moved=%d days=%d reason=%s", (long long)p->id, pb.renewals,
	    pb.days, reason != NULL ? reason : "");
	if (h_audit(ctx, "subscription.cancel", "subscription", s->id, details) != 0)
		goto fail;
	log_info("billing", "subscription #%lld cancelled", (long long)s->id);
	H_TF(&b, ctx->lang, T_SUB_CANCELLED, (long long)s->id, title, name, (long long)p->id);
	h_renewals_moved_add(&b, ctx->lang, &pb);
	if ((rc = h_reply_buf(ctx, &b)) != 0 || p->tg_id == 0)
		goto out;
	rc = h_billing_cancel_tell(ctx, p, title, reason);
	goto out;
fail:
	rc = -1;
out:
	buf_release(&b);
	return rc;
}

/*
 * /sub <n> start|end <date> | classes <n>: the new values into *starts,
 * *ends and *classes (set to the current ones first). H_FOUND when
 * valid, else H_REPLIED or H_FAILED.
 */
static enum h_found h_sub_edit_parse(struct h_ctx *ctx, const struct subscription *s, char **argv,
    int64_t *starts, int64_t *ends, int *classes)
{
	char first[H_PIECE], last[H_PIECE];
	const char *esc = h_esc(ctx, argv[2]);
	struct buf b = { 0 };
	int64_t t;
	int rc;

	*starts = s->starts_at;
	*ends = s->ends_at;
	*classes = s->classes_left;
	if (strcmp(s->status, "cancelled") == 0) {
		H_TF(&b, ctx->lang, T_SUB_EDIT_CANCELLED, (long long)s->id);
	} else if (strcmp(h_billing_keyword(argv[1]), "classes") == 0) {
		if (s->classes_left < 0)
			H_TF(&b, ctx->lang, T_SUB_UNLIMITED, (long long)s->id);
		else if (h_billing_int(argv[2], 0, H_PLAN_CLASSES_MAX, classes) != 0)
			H_TF(&b, ctx->lang, T_SUB_BAD_CLASSES, esc);
	} else if (!h_billing_date_arg(ctx, argv[2], &t)) {
		H_TF(&b, ctx->lang, T_SUB_BAD_DATE, esc);
	} else {
		/* "end" names the last valid day; ends_at is the midnight after. */
		if (strcmp(h_billing_keyword(argv[1]), "start") == 0)
			*starts = t;
		else
			*ends = civil_add_days(t, 1);
		if (*starts >= *ends) {
			h_billing_date(first, *starts);
			h_billing_last_day(last, *ends);
			H_TF(&b, ctx->lang, T_SUB_BAD_RANGE, first, last);
		}
	}
	if (b.len == 0)
		return H_FOUND;
	rc = h_reply_buf(ctx, &b);
	return h_replied(rc);
}

/* /sub <n> start|end|classes <value>. */
static int h_sub_edit(struct h_ctx *ctx, const struct subscription *s, const struct person *p,
    char **argv)
{
	enum lang sl;
	char first[H_PIECE], last[H_PIECE], classes_s[H_PIECE];
	const char *name = NULL, *title = NULL, *details = NULL;
	struct subscription after = { 0 };
	struct buf b = { 0 };
	int64_t starts, ends;
	int classes, rc;

	if ((rc = h_sub_edit_parse(ctx, s, argv, &starts, &ends, &classes)) != H_FOUND)
		return rc;
	if (db_subscription_edit(ctx->env->db, s->id, starts, ends, classes, ctx->env->now)
	    != DB_OK || db_subscription_get(ctx->env->db, s->id, &after) != DB_OK)
		goto fail;
	details = arena_printf(ctx->arena,
	    "student=%lld starts=%lld->%lld ends=%lld->%lld classes=%d->%d", (long long)p->id,
	    (long long)s->starts_at, (long long)starts, (long long)s->ends_at, (long long)ends,
	    s->classes_left, classes);
	if (h_audit(ctx, "subscription.edit", "subscription", s->id, details) != 0)
		goto fail;
	log_info("billing", "subscription #%lld changed", (long long)s->id);
	name = h_billing_name(ctx, p);
	title = h_esc(ctx, s->plan_title);
	h_billing_date(first, after.starts_at);
	h_billing_last_day(last, after.ends_at);
	h_billing_classes(classes_s, ctx->lang, after.classes_left, 1);
	H_TF(&b, ctx->lang, T_SUB_CHANGED, (long long)s->id, title, name, (long long)p->id,
	    first, last, classes_s);
	if ((rc = h_reply_buf(ctx, &b)) != 0 || p->tg_id == 0)
		goto out;
	sl = h_lang_of(ctx->env, p->tg_id);
	h_billing_classes(classes_s, sl, after.classes_left, 1);
	H_TF(&b, sl, T_SUB_CHANGED_STUDENT, title, first, last, classes_s);
	rc = h_billing_tell(ctx, p->tg_id, &b);
	goto out;
fail:
	rc = -1;
out:
	buf_release(&b);
	subscription_release(&after);
	return rc;
}

static int h_cmd_sub(struct h_ctx *ctx, const char *args)
{
	struct subscription s = { 0 };
	struct person p = { 0 };
	struct buf b = { 0 };
	char **argv = NULL, *reason = NULL;
	size_t n = h_args_words(ctx, args, &argv);
	int64_t id;
	const char *kw = h_billing_keyword(argv[1]);
	int rc, cancel = strcmp(kw, "cancel") == 0;

	if (!h_number(argv[0], &id) || (!cancel && (n != 3 ||
	    (strcmp(kw, "start") != 0 && strcmp(kw, "end") != 0 &&
	    strcmp(kw, "classes") != 0)))) {
		rc = h_reply_usage(ctx, H_T(ctx->lang, T_EXAMPLE_SUB));
		goto out;
	}
	if (cancel && (rc = h_billing_note(ctx, argv, n, 2, &reason)) != H_FOUND)
		goto out;
	rc = db_subscription_get(ctx->env->db, id, &s);
	if (rc == DB_NOTFOUND) {
		H_TF(&b, ctx->lang, T_SUB_NONE, (long long)id);
		rc = h_reply_buf(ctx, &b);
		goto out;
	}
	if (rc != DB_OK || db_person_get(ctx->env->db, PERSON_STUDENT, s.student_id, &p) != DB_OK) {
		rc = -1;
		goto out;
	}
	rc = cancel ? h_sub_cancel(ctx, &s, &p, reason) : h_sub_edit(ctx, &s, &p, argv);
out:
	free(reason);
	person_release(&p);
	subscription_release(&s);
	return rc;
}

H_COMMAND(sub, SUB, .min_role = ROLE_OWNER,
	.args = { .min = 2, .max = H_ARGS_MANY, .kind = { H_ARG_ID, [2] = H_ARG_REST } });

/* ---- /balance ---- */

/* One subscription of /balance, with its freeze; staff see its number. */
static int h_balance_sub(struct h_ctx *ctx, struct buf *b, const struct subscription *s, int staff)
{
	enum lang l = ctx->lang;
	char first[H_PIECE], last[H_PIECE], classes[H_PIECE];
	const char *title, *status;
	struct freeze f = { 0 };
	struct buf no = { 0 };
	int rc = 0;

	if (strcmp(s->status, "frozen") == 0)
		status = H_T(l, T_STATUS_FROZEN);
	else if (s->starts_at > ctx->env->now)
		status = H_T(l, T_STATUS_UPCOMING);
	else if (s->classes_left == 0)
		status = H_T(l, T_STATUS_USED_UP);
	else
		status = H_T(l, T_STATUS_ACTIVE);
	title = h_esc(ctx, s->plan_title);
	h_billing_date(first, s->starts_at);
	h_billing_last_day(last, s->ends_at);
	h_billing_classes(classes, l, s->classes_left, 1);
	if (staff)
		H_TF(&no, l, T_BALANCE_SALE_NO, (long long)s->id);
	H_TF(b, l, T_BALANCE_SUB, title, buf_str(&no), status, first, last, classes);
	buf_release(&no);
	if (strcmp(s->status, "frozen") != 0)
		return 0;
	rc = db_freeze_open(ctx->env->db, s->id, &f);
	if (rc == DB_OK) {
		h_billing_last_day(last, f.ends_at);
		H_TF(b, l, T_BALANCE_FROZEN, last);
		if (f.reason != NULL && *f.reason != '\0') {
			const char *esc = h_esc(ctx, f.reason);
			H_TF(b, l, T_BALANCE_REASON, esc);
		}
	}
	freeze_release(&f);
	return rc == DB_ERROR ? -1 : 0;
}

/* The /balance text of student p. */
static int h_balance_show(struct h_ctx *ctx, const struct person *p)
{
	struct h_env *env = ctx->env;
	struct subscription *subs = NULL;
	struct payment *pays = NULL;
	struct buf b = { 0 };
	struct civil c;
	char day[H_PIECE], money[H_PIECE];
	const char *name = h_billing_name(ctx, p);
	struct buf no = { 0 }, voided = { 0 };
	size_t n_subs = 0, n_pays = 0, i;
	int64_t from, to;
	int attended, rc = -1, staff = h_billing_staff(ctx, p);

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
		buf_adds(&b, staff ? H_T(ctx->lang, T_BALANCE_NONE_OTHER)
		    : H_T(ctx->lang, T_BALANCE_NONE));
	}
	for (i = 0; i < n_subs; i++) {
		if (h_balance_sub(ctx, &b, &subs[i], staff) != 0)
			goto out;
	}
	H_TF(&b, ctx->lang, T_BALANCE_MONTH, attended);
	if (n_pays > 0)
		buf_adds(&b, H_T(ctx->lang, T_BALANCE_PAYMENTS));
	for (i = 0; i < n_pays; i++) {
		buf_truncate(&no, 0);
		buf_truncate(&voided, 0);
		h_billing_date(day, pays[i].paid_at);
		h_billing_pay_amount(ctx, money, &pays[i]);
		if (staff)
			H_TF(&no, ctx->lang, T_BALANCE_PAY_NO, (long long)pays[i].id);
		h_billing_pay_voided(ctx, &voided, &pays[i]);
		H_TF(&b, ctx->lang, T_BALANCE_PAYMENT, day, money,
		    h_billing_method_word(pays[i].method, ctx->lang), buf_str(&no),
		    buf_str(&voided));
	}
	rc = h_reply_buf(ctx, &b);
out:
	buf_release(&no);
	buf_release(&voided);
	buf_release(&b);
	payments_free(pays, n_pays);
	subscriptions_free(subs, n_subs);
	return rc;
}

static int h_cmd_balance(struct h_ctx *ctx, const char *args)
{
	struct person p = { 0 };
	char **argv = NULL;
	size_t n = h_args_words(ctx, args, &argv);
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
	if ((rc = h_find_person(ctx, PERSON_STUDENT, argv[0], H_FIND_INACTIVE, &p)) != H_FOUND)
		goto out;
	rc = h_balance_show(ctx, &p);
out:
	person_release(&p);
	return rc;
}

H_COMMAND_USAGE(balance, BALANCE, H_TA_USAGE(T_USAGE_NONE, T_USAGE_BALANCE_STAFF),
	.min_role = ROLE_STUDENT, .flags = H_CMD_STUDENT_FIRST | H_CMD_USAGE_TRAINER,
	.args = { .max = 1, .staff = 1 });

/* ---- a frozen plan at check-in ---- */

int h_billing_frozen_note(struct h_ctx *ctx, struct buf *b, int64_t student_id, int self)
{
	struct subscription s;
	struct freeze f;
	char until[H_PIECE];
	const char *title;
	int rc = db_subscription_frozen(ctx->env->db, student_id, &s, &f);

	if (rc != DB_OK)
		return rc == DB_NOTFOUND ? 0 : -1;
	title = h_esc(ctx, s.plan_title);
	h_billing_last_day(until, f.ends_at);
	if (self)
		H_TF(b, ctx->lang, T_PLAN_FROZEN_SELF, title, until);
	else
		H_TF(b, ctx->lang, T_PLAN_FROZEN_OTHER, title, until);
	freeze_release(&f);
	subscription_release(&s);
	return 1;
}

/* ---- the student card's money buttons: bil:... ---- */

/* The plans on sale as buttons bil:sp:<student>:<plan>. */
static int h_card_sell_pick(struct h_ctx *ctx, const struct person *p)
{
	cJSON *mk, *rows;
	struct plan *v = NULL;
	struct buf b = { 0 }, label = { 0 };
	char data[64];
	const char *name;
	size_t n = 0, i;
	int rc;

	if (db_plans_list(ctx->env->db, H_PLANS_MAX, 0, &v, &n) != DB_OK)
		return -1;
	if (n == 0) {
		plans_free(v, n);
		return h_reply(ctx, H_T(ctx->lang, T_PLANS_NONE_OWNER));
	}
	mk = cJSON_CreateObject();
	rows = cJSON_AddArrayToObject(mk, "inline_keyboard");
	for (i = 0; i < n; i++) {
		buf_truncate(&label, 0);
		buf_addf(&label, "%s — ", v[i].title);
		buf_add_money(&label, v[i].price, ctx->env->cfg->currency);
		snprintf(data, sizeof data, "bil:sp:%lld:%lld", (long long)p->id, (long long)v[i].id);
		h_button_row_add(rows, buf_str(&label), data);
	}
	name = h_billing_name(ctx, p);
	H_TF(&b, ctx->lang, T_CARD_SELL_PICK, name, (long long)p->id);
	rc = h_reply_take_markup(ctx, buf_str(&b), h_json_take(mk));
	buf_release(&label);
	buf_release(&b);
	plans_free(v, n);
	return rc;
}

/* The one-time key of the card's sale buttons (a pick of the owner's):
 * the first press sells, a second (a double tap) finds it gone. */
#define H_CARD_SELL_REF "\x01" "card-sell"

/* The confirmation of a sale picked on the card: one button per method,
 * bil:sc:<student>:<plan>:<price>:<method letter>:<pick>. */
static int h_card_sell_confirm(struct h_ctx *ctx, const struct person *p, const struct plan *plan)
{
	static const char letters[] = "ckt";
	static const char *const methods[] = { "cash", "card", "transfer" };
	cJSON *mk = cJSON_CreateObject(), *rows = cJSON_AddArrayToObject(mk, "inline_keyboard");
	cJSON *row = cJSON_CreateArray();
	struct buf b = { 0 }, label = { 0 };
	char money[H_PIECE], data[64];
	const char *name = h_billing_name(ctx, p), *title;
	int64_t pick;
	size_t i;
	int rc;

	buf_addf(&b, "/sell #%lld %s", (long long)p->id, plan->code);
	rc = db_pick_create(ctx->env->db, ctx->m->from_id, buf_str(&b), H_CARD_SELL_REF,
	    ctx->env->now, &pick);
	buf_truncate(&b, 0);
	if (rc != DB_OK) {
		cJSON_Delete(mk);
		cJSON_Delete(row);
		return -1;
	}
	for (i = 0; i < BJJ_ARRAY_LEN(methods); i++) {
		buf_truncate(&label, 0);
		buf_addf(&label, "✅ %s", h_billing_method_word(methods[i], ctx->lang));
		snprintf(data, sizeof data, "bil:sc:%lld:%lld:%lld:%c:%lld", (long long)p->id,
		    (long long)plan->id, (long long)plan->price, letters[i], (long long)pick);
		h_button_add(row, buf_str(&label), data);
	}
	cJSON_AddItemToArray(rows, row);
	title = h_esc(ctx, plan->title);
	h_billing_money(money, plan->price, ctx->env->cfg->currency);
	H_TF(&b, ctx->lang, T_CONFIRM_SELL, title, money, "…", name, (long long)p->id, "");
	rc = h_reply_take_markup(ctx, buf_str(&b), h_json_take(mk));
	buf_release(&label);
	buf_release(&b);
	return rc;
}

int h_cb_billing(struct h_ctx *ctx, const char *key)
{
	struct person p = { 0 };
	struct plan plan = { 0 };
	struct buf b = { 0 };
	char action[8], m = 0, *command = NULL, *ref = NULL;
	long long sid, pid = 0, price = 0, pick = 0;
	int n = 0, rc;

	if (sscanf(key, "%7[a-z]:%lld%n", action, &sid, &n) != 2 || sid <= 0)
		return h_reply(ctx, H_T(ctx->lang, T_CB_OUTDATED));
	key += n;
	if (strcmp(action, "sp") == 0 && (sscanf(key, ":%lld%n", &pid, &n) != 1 ||
	    key[n] != '\0'))
		return h_reply(ctx, H_T(ctx->lang, T_CB_OUTDATED));
	if (strcmp(action, "sc") == 0 && (sscanf(key, ":%lld:%lld:%c:%lld%n", &pid, &price, &m,
	    &pick, &n) != 4 || key[n] != '\0' || m == '\0' || strchr("ckt", m) == NULL))
		return h_reply(ctx, H_T(ctx->lang, T_CB_OUTDATED));
	if (strcmp(action, "sp") != 0 && strcmp(action, "sc") != 0 && *key != '\0')
		return h_reply(ctx, H_T(ctx->lang, T_CB_OUTDATED));
	rc = db_person_get(ctx->env->db, PERSON_STUDENT, sid, &p);
	if (rc == DB_NOTFOUND)
		return h_reply(ctx, H_T(ctx->lang, T_CB_OUTDATED));
	if (rc != DB_OK)
		return -1;
	/* A plan retired or repriced since the button was drawn: stale. */
	if (pid != 0) {
		rc = db_plan_get(ctx->env->db, pid, &plan);
		if (rc == DB_ERROR)
			goto fail;
		if (rc == DB_NOTFOUND || !plan.active || (m != 0 && plan.price != price)) {
			rc = h_reply(ctx, H_T(ctx->lang, T_CB_OUTDATED));
			goto out;
		}
	}
	if (strcmp(action, "sell") == 0) {
		rc = h_card_sell_pick(ctx, &p);
	} else if (strcmp(action, "sp") == 0) {
		rc = h_card_sell_confirm(ctx, &p, &plan);
	} else if (strcmp(action, "sc") == 0) {
		/* Sold once: the pick goes with the first press. */
		rc = db_pick_take(ctx->env->db, pick, ctx->m->from_id, &command, &ref);
		if (rc == DB_ERROR)
			goto fail;
		buf_addf(&b, "/sell #%lld %s", sid, plan.code);
		if (rc == DB_NOTFOUND || strcmp(ref, H_CARD_SELL_REF) != 0 ||
		    strcmp(command, buf_str(&b)) != 0) {
			rc = h_reply(ctx, H_T(ctx->lang, T_CB_OUTDATED));
			goto out;
		}
		buf_addf(&b, " %s", m == 'k' ? "card" : m == 't' ? "transfer" : "cash");
		rc = h_route_as_text(ctx, buf_str(&b));
	} else if (strcmp(action, "pay") == 0) {
		H_TF(&b, ctx->lang, T_CARD_PAY_HOW, sid);
		rc = h_reply_buf(ctx, &b);
	} else if (strcmp(action, "frz") == 0) {
		H_TF(&b, ctx->lang, T_CARD_FREEZE_HOW, sid);
		rc = h_reply_buf(ctx, &b);
	} else {
		rc = h_reply(ctx, H_T(ctx->lang, T_CB_OUTDATED));
	}
	goto out;
fail:
	rc = -1;
out:
	free(command);
	free(ref);
	buf_release(&b);
	plan_release(&plan);
	person_release(&p);
	return rc;
}
