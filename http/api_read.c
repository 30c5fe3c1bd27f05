/*
 * api_read.c — the API's reads under /api/v1: trainings, attendances,
 * payments, subscriptions, exams and the two monthly reports (see web.h).
 * Each reads through the storage functions the Telegram commands use and
 * answers JSON; the router checked the token first (rq->caller).
 *
 * Rules every endpoint here keeps: a role the bot would refuse gets 403;
 * a student's token reads only that student's rows (another student's
 * number is 403, asked for or not); an unknown record is 404; a bad query
 * parameter is 400 naming it; lists take page and per_page as
 * /api/v1/students does and say their total. Dates are the academy's
 * local days ("YYYY-MM-DD"), months "YYYY-MM", instants ISO 8601 with the
 * local offset, money integer minor units with the currency.
 *
 * Callers: the route table (router.c); the JSON of one row (web_*_json)
 * also serves the API's writes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "lib/civil.h"
#include "handlers/command.h"
#include "handlers/handlers.h"
#include "http/web.h"
#include "storage/admin.h"
#include "storage/belts.h"
#include "storage/billing.h"
#include "storage/reports.h"
#include "storage/schedule.h"
#include "storage/store.h"

/* The longest date range a list takes, in days. */
#define WEB_RANGE_DAYS_MAX 92
/* Far more classes than 92 days of any academy's timetable hold. */
#define WEB_TRAININGS_MAX 10000
/* Far more rows than a month's report or a class's roster has. */
#define WEB_REPORT_LINES_MAX 5000

void web_instant(char out[WEB_INSTANT_LEN], int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	long off;
	size_t len;

	localtime_r(&tt, &tm);
	len = strftime(out, WEB_INSTANT_LEN, "%Y-%m-%dT%H:%M:%S", &tm);
	off = tm.tm_gmtoff / 60;
	snprintf(out + len, WEB_INSTANT_LEN - len, "%c%02ld:%02ld", off < 0 ? '-' : '+',
	    labs(off) / 60, labs(off) % 60);
}

void web_add_date(cJSON *o, const char *name, int64_t t)
{
	struct buf b = { 0 };

	buf_add_date(&b, t);
	cJSON_AddStringToObject(o, name, buf_str(&b));
	buf_release(&b);
}

static void web_add_instant(cJSON *o, const char *name, int64_t t)
{
	char s[WEB_INSTANT_LEN];

	web_instant(s, t);
	cJSON_AddStringToObject(o, name, s);
}

/* s as a string member, "" when s is NULL. */
static void web_add_text(cJSON *o, const char *name, const char *s)
{
	cJSON_AddStringToObject(o, name, s ? s : "");
}

/* v as a number member when present, else null. */
static void web_add_num_or_null(cJSON *o, const char *name, double v, int present)
{
	if (present)
		cJSON_AddNumberToObject(o, name, v);
	else
		cJSON_AddNullToObject(o, name);
}

/* A new object with a record's id and its student's. */
static cJSON *web_record_json(int64_t id, int64_t student_id)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddNumberToObject(o, "id", (double)id);
	cJSON_AddNumberToObject(o, "student_id", (double)student_id);
	return o;
}

/* s as a string member, or null when s is NULL. */
static void web_add_str_or_null(cJSON *o, const char *name, const char *s)
{
	if (s != NULL)
		cJSON_AddStringToObject(o, name, s);
	else
		cJSON_AddNullToObject(o, name);
}

cJSON *web_ref_json(int64_t id, const char *first, const char *last)
{
	cJSON *o = cJSON_CreateObject();
	char *name = web_full_name(first, last);

	cJSON_AddNumberToObject(o, "id", (double)id);
	cJSON_AddStringToObject(o, "name", name);
	free(name);
	return o;
}

cJSON *web_training_json(const struct training *t)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddNumberToObject(o, "id", (double)t->id);
	web_add_text(o, "title", t->title);
	web_add_instant(o, "starts_at", t->starts_at);
	web_add_instant(o, "ends_at", t->starts_at + (int64_t)t->duration_min * 60);
	cJSON_AddNumberToObject(o, "duration_minutes", t->duration_min);
	if (t->trainer_id != 0)
		cJSON_AddItemToObject(o, "trainer", web_ref_json(t->trainer_id, t->trainer_name, NULL));
	else
		cJSON_AddNullToObject(o, "trainer");
	cJSON_AddBoolToObject(o, "cancelled", t->cancelled);
	web_add_str_or_null(o, "cancel_reason", t->cancel_reason);
	return o;
}

cJSON *web_payment_json(const struct payment *p, const char *currency)
{
	cJSON *o = web_record_json(p->id, p->student_id);

	cJSON_AddNumberToObject(o, "amount", (double)p->amount);
	web_add_text(o, "currency", currency);
	web_add_text(o, "method", p->method);
	web_add_str_or_null(o, "note", p->description);
	web_add_instant(o, "paid_at", p->paid_at);
	cJSON_AddBoolToObject(o, "voided", p->voided_at != 0);
	web_add_str_or_null(o, "void_reason", p->void_reason);
	cJSON_AddBoolToObject(o, "refund", p->refund);
	web_add_num_or_null(o, "subscription_id", (double)p->subscription_id,
	    p->subscription_id != 0);
	return o;
}

cJSON *web_subscription_json(const struct subscription *s)
{
	cJSON *o = web_record_json(s->id, s->student_id);

	web_add_text(o, "plan", s->plan_code);
	web_add_text(o, "plan_title", s->plan_title);
	web_add_date(o, "starts_on", s->starts_at);
	/* ends_at is the midnight after the last day */
	web_add_date(o, "ends_on", s->ends_at - 1);
	web_add_num_or_null(o, "classes_left", s->classes_left, s->classes_left >= 0);
	web_add_text(o, "status", s->status);
	cJSON_AddNumberToObject(o, "price", (double)s->price);
	cJSON_AddBoolToObject(o, "voided", s->voided);
	return o;
}

cJSON *web_exam_json(const struct exam *e)
{
	cJSON *o = web_record_json(e->id, e->student_id);

	web_add_text(o, "belt", e->target_belt);
	web_add_text(o, "date", e->exam_date);
	web_add_text(o, "status", e->result);
	web_add_str_or_null(o, "note", e->notes);
	return o;
}

/* ---- query parameters ------------------------------------------------- */

/* A record number (> 0) in key, 0 when absent: 0, or -1 with rp a 400. */
static int web_arg_id(const struct web_request *rq, const char *key, int64_t *out,
    struct web_reply *rp)
{
	const char *v = web_arg(rq, key);

	*out = 0;
	if (v == NULL)
		return 0;
	if (v[0] >= '1' && v[0] <= '9' && strlen(v) <= 18 && parse_i64(v, out) == 0 && *out > 0)
		return 0;
	*out = 0;
	web_bad_arg(rp, key, "expected a record number");
	return -1;
}

/* A local date "YYYY-MM-DD" in key as its midnight, def when absent: 0,
 * or -1 with rp a 400. */
static int web_arg_date(const struct web_request *rq, const char *key, int64_t def,
    int64_t *out, struct web_reply *rp)
{
	const char *v = web_arg(rq, key);
	int y, m, d;

	*out = def;
	if (v == NULL)
		return 0;
	if (web_date_parse(v, &y, &m, &d) == 0) {
		*out = civil_local(y, m, d, 0);
		return 0;
	}
	web_bad_arg(rp, key, "expected a date YYYY-MM-DD");
	return -1;
}

/*
 * The days from= .. to= (both included) as [*from, *to_end): from is
 * def_from when absent, to is from + span days. At most
 * WEB_RANGE_DAYS_MAX days, to not before from. 0, or -1 with rp a 400.
 */
static int web_arg_range(const struct web_request *rq, int64_t def_from, int span,
    int64_t *from, int64_t *to_end, struct web_reply *rp)
{
	int64_t to;
	char why[64];

	if (web_arg_date(rq, "from", def_from, from, rp) != 0 ||
	    web_arg_date(rq, "to", civil_add_days(*from, span), &to, rp) != 0)
		return -1;
	if (to < *from) {
		web_bad_arg(rp, "to", "before \"from\"");
		return -1;
	}
	/* whole days apart; a DST hour is rounded away */
	if ((to - *from + 43200) / 86400 + 1 > WEB_RANGE_DAYS_MAX) {
		snprintf(why, sizeof(why), "at most %d days from \"from\"", WEB_RANGE_DAYS_MAX);
		web_bad_arg(rp, "to", why);
		return -1;
	}
	*to_end = civil_add_days(to, 1);
	return 0;
}

void web_month_set(struct web_month *mo, int y, int m)
{
	while (m < 1) {
		m += 12;
		y--;
	}
	snprintf(mo->label, sizeof(mo->label), "%04d-%02d", y % 10000, m);
	civil_month_bounds(y, m, &mo->start, &mo->end);
}

/* The month= parameter "YYYY-MM" (the current month when absent) into
 * *mo, and the month before into *prev (may be NULL). 0, or -1 with rp a
 * 400. */
static int web_arg_month(const struct web_request *rq, int64_t now, struct web_month *mo,
    struct web_month *prev, struct web_reply *rp)
{
	const char *v = web_arg(rq, "month");
	struct civil c;
	int y, m;

	if (v == NULL) {
		civil_split(now, &c);
		y = c.year;
		m = c.month;
	} else if (strlen(v) != 7 || v[4] != '-' || civil_parse_month(v, &y, &m) != 0) {
		web_bad_arg(rp, "month", "expected a month YYYY-MM");
		return -1;
	}
	web_month_set(mo, y, m);
	if (prev != NULL)
		web_month_set(prev, y, m - 1);
	return 0;
}

/*
 * Whose rows: the student= parameter. A student's token reads only its
 * own (absent means themselves; another number is 403); staff may leave
 * it out (*student 0: everyone) or name a student who must exist (404).
 * 0, or -1 with rp the error.
 */
static int web_arg_student(const struct web_env *env, const struct web_request *rq,
    int64_t *student, struct web_reply *rp)
{
	const struct h_api_caller *c = rq->caller;
	struct person p = { 0 };
	int rc;

	if (web_arg_id(rq, "student", student, rp) != 0)
		return -1;
	if (c->role == ROLE_STUDENT) {
		if (*student != 0 && !web_is_self(c, *student)) {
			web_reply_error(rp, 403, "a student's token reads only that student");
			return -1;
		}
		*student = c->subject_id;
		return 0;
	}
	if (*student == 0)
		return 0;
	rc = db_person_get(env->h->db, PERSON_STUDENT, *student, &p);
	person_release(&p);
	return web_found(rc, "student", rp) ? 0 : -1;
}

/* {"<name>": [], "total": total, "page": page, "per_page": per_page}; the
 * array is returned to fill. */
static cJSON *web_list_start(cJSON **root, const char *name, int64_t total, int page,
    int per_page)
{
	cJSON *list;

	*root = cJSON_CreateObject();
	list = cJSON_AddArrayToObject(*root, name);
	cJSON_AddNumberToObject(*root, "total", (double)total);
	cJSON_AddNumberToObject(*root, "page", page);
	cJSON_AddNumberToObject(*root, "per_page", per_page);
	return list;
}

/* The first row and the end of page in a list of n rows held in memory. */
static void web_page_slice(size_t n, int page, int per_page, size_t *first, size_t *end)
{
	size_t off = (size_t)(page - 1) * (size_t)per_page;

	*first = off < n ? off : n;
	*end = *first + (size_t)per_page < n ? *first + (size_t)per_page : n;
}

/* ---- trainings -------------------------------------------------------- */

static int web_schedule_generate(void *env)
{
	return h_schedule_generate(env);
}

void web_api_trainings(const struct web_env *env, const struct web_request *rq, struct web_reply *rp)
{
	struct training *v = NULL;
	size_t n = 0, first, end;
	int64_t from, to_end;
	int page, per_page;
	cJSON *o, *list;

	if (web_arg_page(rq, &page, &per_page, rp) != 0 ||
	    web_arg_range(rq, civil_day_start(env->h->now), 6, &from, &to_end, rp) != 0)
		return;
	/* the coming days' weekly classes exist, as /schedule makes sure: all
	 * of them or, when one fails, none */
	if (db_transaction(env->h->db, web_schedule_generate, env->h) != 0 ||
	    db_trainings_range(env->h->db, from, to_end - 1, 1, WEB_TRAININGS_MAX, &v, &n) != DB_OK) {
		web_reply_error(rp, 500, "internal error");
		return;
	}
	web_page_slice(n, page, per_page, &first, &end);
	list = web_list_start(&o, "trainings", (int64_t)n, page, per_page);
	for (size_t i = first; i < end; i++)
		cJSON_AddItemToArray(list, web_training_json(&v[i]));
	trainings_free(v, n);
	web_reply_json(rp, 200, o);
}

/* The marks at a training: its roster without the expected students who
 * are not marked, in roster order. *out owned (roster_free). 0 or -1. */
static int web_marks(const struct web_env *env, int64_t training, struct roster_entry **out,
    size_t *n)
{
	struct roster_entry *v;
	size_t k = 0;

	if (db_roster(env->h->db, training, WEB_REPORT_LINES_MAX, out, n) != DB_OK)
		return -1;
	v = *out;
	for (size_t i = 0; i < *n; i++) {
		if (v[i].status != ATT_NONE) {
			v[k++] = v[i];
		} else {
			free(v[i].first_name);
			free(v[i].last_name);
		}
	}
	*n = k;
	return 0;
}

void web_training_reply(const struct web_env *env, const struct h_api_caller *c, int64_t id,
    int status, struct web_reply *rp)
{
	struct training t = { 0 };
	struct roster_entry *r = NULL;
	size_t n = 0;
	cJSON *o, *list;

	if (!web_found(db_training_get(env->h->db, id, &t), "training", rp))
		return;
	o = web_training_json(&t);
	if (c->role >= ROLE_TRAINER) {
		if (web_marks(env, t.id, &r, &n) != 0) {
			cJSON_Delete(o);
			training_release(&t);
			web_reply_error(rp, 500, "internal error");
			return;
		}
		list = cJSON_AddArrayToObject(o, "attendance");
		for (size_t i = 0; i < n; i++) {
			cJSON *a = cJSON_CreateObject();

			cJSON_AddItemToObject(a, "student", web_ref_json(r[i].student_id, r[i].first_name,
			    r[i].last_name));
			cJSON_AddStringToObject(a, "status", att_status_word(r[i].status));
			cJSON_AddItemToArray(list, a);
		}
		roster_free(r, n);
	}
	training_release(&t);
	web_reply_json(rp, status, o);
}

void web_api_training(const struct web_env *env, const struct web_request *rq, struct web_reply *rp)
{
	web_training_reply(env, rq->caller, rq->id, 200, rp);
}

/* ---- attendances ------------------------------------------------------ */

cJSON *web_attendance_json(int64_t training, int64_t student, int status, int source,
    int64_t starts_at)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddNumberToObject(o, "training_id", (double)training);
	cJSON_AddNumberToObject(o, "student_id", (double)student);
	cJSON_AddStringToObject(o, "status", att_status_word(status));
	cJSON_AddStringToObject(o, "source", att_source_word(source));
	web_add_instant(o, "starts_at", starts_at);
	return o;
}

/* ?training=: everyone marked at one class, in roster order (staff). */
static void web_attendances_of_training(const struct web_env *env, int64_t training, int page,
    int per_page, struct web_reply *rp)
{
	struct training t = { 0 };
	struct roster_entry *r = NULL;
	size_t n = 0, first, end;
	cJSON *o, *list;

	if (!web_found(db_training_get(env->h->db, training, &t), "training", rp))
		return;
	if (web_marks(env, training, &r, &n) != 0) {
		training_release(&t);
		web_reply_error(rp, 500, "internal error");
		return;
	}
	web_page_slice(n, page, per_page, &first, &end);
	list = web_list_start(&o, "attendances", (int64_t)n, page, per_page);
	for (size_t i = first; i < end; i++)
		cJSON_AddItemToArray(list, web_attendance_json(training, r[i].student_id, r[i].status,
		    r[i].source, t.starts_at));
	roster_free(r, n);
	training_release(&t);
	web_reply_json(rp, 200, o);
}

void web_api_attendances(const struct web_env *env, const struct web_request *rq,
    struct web_reply *rp)
{
	struct attendance *v = NULL;
	size_t n = 0, first, end;
	int64_t training, student, from, to_end;
	int page, per_page;
	cJSON *o, *list;

	if (web_arg_page(rq, &page, &per_page, rp) != 0 || web_arg_id(rq, "training", &training, rp) != 0)
		return;
	if (training != 0 && web_arg(rq, "student") != NULL) {
		web_bad_arg(rp, "student", "give training or student, not both");
		return;
	}
	if (training != 0) {
		/* a class's roster is the staff's, as /attendance is */
		if (rq->caller->role == ROLE_STUDENT) {
			web_reply_error(rp, 403, "a student's token reads only that student");
			return;
		}
		web_attendances_of_training(env, training, page, per_page, rp);
		return;
	}
	if (web_arg_student(env, rq, &student, rp) != 0)
		return;
	if (student == 0) {
		web_bad_arg(rp, "training", "training or student is required");
		return;
	}
	/* by default the last 30 days, today included */
	if (web_arg_range(rq, civil_add_days(civil_day_start(env->h->now), -29), 29, &from, &to_end,
	    rp) != 0)
		return;
	if (db_attendance_by_student(env->h->db, student, from, to_end, WEB_TRAININGS_MAX, &v,
	    &n) != DB_OK) {
		web_reply_error(rp, 500, "internal error");
		return;
	}
	web_page_slice(n, page, per_page, &first, &end);
	list = web_list_start(&o, "attendances", (int64_t)n, page, per_page);
	for (size_t i = first; i < end; i++)
		cJSON_AddItemToArray(list, web_attendance_json(v[i].training_id, v[i].student_id,
		    v[i].status, v[i].source, v[i].starts_at));
	free(v);
	web_reply_json(rp, 200, o);
}

/* ---- payments and subscriptions --------------------------------------- */

void web_api_payments(const struct web_env *env, const struct web_request *rq, struct web_reply *rp)
{
	struct payment *v = NULL;
	struct web_month mo = { "", INT64_MIN, INT64_MAX };
	size_t n = 0;
	int64_t student, total = 0;
	int page, per_page;
	cJSON *o, *list;

	/* the owner's, as /payments; a student sees their own */
	if (rq->caller->role != ROLE_STUDENT && !web_allowed(rq, "payments", rp))
		return;
	if (web_arg_page(rq, &page, &per_page, rp) != 0 || web_arg_student(env, rq, &student, rp) != 0)
		return;
	/* one student's payments of all time, or a month's (this one by default) */
	if ((student == 0 || web_arg(rq, "month") != NULL) &&
	    web_arg_month(rq, env->h->now, &mo, NULL, rp) != 0)
		return;
	if (db_payments_page(env->h->db, student, mo.start, mo.end,
	    (size_t)(page - 1) * (size_t)per_page, (size_t)per_page, &v, &n, &total) != DB_OK) {
		web_reply_error(rp, 500, "internal error");
		return;
	}
	list = web_list_start(&o, "payments", total, page, per_page);
	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(list, web_payment_json(&v[i], env->h->cfg->currency));
	payments_free(v, n);
	web_reply_json(rp, 200, o);
}

void web_api_subscriptions(const struct web_env *env, const struct web_request *rq,
    struct web_reply *rp)
{
	struct subscription *v = NULL;
	size_t n = 0;
	int64_t student, total = 0;
	int page, per_page, active;
	cJSON *o, *list;

	if (web_arg_page(rq, &page, &per_page, rp) != 0 || web_arg_student(env, rq, &student, rp) != 0)
		return;
	/* active=true (the default): those not over yet, as /balance lists */
	active = web_arg(rq, "active") == NULL;
	if (!active && web_arg_bool(rq, "active", &active, rp) != 0)
		return;
	if (db_subscriptions_page(env->h->db, student, active, env->h->now,
	    (size_t)(page - 1) * (size_t)per_page, (size_t)per_page, &v, &n, &total) != DB_OK) {
		web_reply_error(rp, 500, "internal error");
		return;
	}
	list = web_list_start(&o, "subscriptions", total, page, per_page);
	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(list, web_subscription_json(&v[i]));
	subscriptions_free(v, n);
	web_reply_json(rp, 200, o);
}

/* ---- exams ------------------------------------------------------------ */

void web_api_exams(const struct web_env *env, const struct web_request *rq, struct web_reply *rp)
{
	const char *status = web_arg(rq, "status");
	struct exam *v = NULL;
	size_t n = 0;
	int64_t student, total = 0;
	int page, per_page;
	cJSON *o, *list;

	if (web_arg_page(rq, &page, &per_page, rp) != 0 || web_arg_student(env, rq, &student, rp) != 0)
		return;
	if (status != NULL && strcmp(status, "pending") != 0 && strcmp(status, "all") != 0) {
		web_bad_arg(rp, "status", "expected pending or all");
		return;
	}
	if (db_exams_page(env->h->db, student, status == NULL || strcmp(status, "pending") == 0,
	    (size_t)(page - 1) * (size_t)per_page, (size_t)per_page, &v, &n, &total) != DB_OK) {
		web_reply_error(rp, 500, "internal error");
		return;
	}
	list = web_list_start(&o, "exams", total, page, per_page);
	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(list, web_exam_json(&v[i]));
	exams_free(v, n);
	web_reply_json(rp, 200, o);
}

/* ---- reports ---------------------------------------------------------- */

/* [{"<key>": title or null, "amount", "count"}] of a revenue split. */
static cJSON *web_revenue_lines(const struct revenue_line *v, size_t n, const char *key)
{
	cJSON *list = cJSON_CreateArray();

	for (size_t i = 0; i < n; i++) {
		cJSON *o = cJSON_CreateObject();

		web_add_str_or_null(o, key, v[i].key);
		cJSON_AddNumberToObject(o, "amount", (double)v[i].amount);
		cJSON_AddNumberToObject(o, "count", (double)v[i].count);
		cJSON_AddItemToArray(list, o);
	}
	return list;
}

void web_api_report_revenue(const struct web_env *env, const struct web_request *rq,
    struct web_reply *rp)
{
	struct web_month mo, prev;
	struct revenue cur, before;
	cJSON *o, *p;

	if (!web_allowed(rq, "revenue", rp) || web_arg_month(rq, env->h->now, &mo, &prev, rp) != 0)
		return;
	if (db_revenue(env->h->db, mo.start, mo.end, &cur) != DB_OK) {
		web_reply_error(rp, 500, "internal error");
		return;
	}
	if (db_revenue(env->h->db, prev.start, prev.end, &before) != DB_OK) {
		revenue_release(&cur);
		web_reply_error(rp, 500, "internal error");
		return;
	}
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "month", mo.label);
	web_add_text(o, "currency", env->h->cfg->currency);
	cJSON_AddNumberToObject(o, "total", (double)cur.total);
	cJSON_AddNumberToObject(o, "count", (double)cur.count);
	cJSON_AddNumberToObject(o, "refunds", (double)-cur.refunds);
	cJSON_AddNumberToObject(o, "refunds_count", (double)cur.n_refunds);
	cJSON_AddNumberToObject(o, "voided", (double)cur.voided);
	cJSON_AddNumberToObject(o, "voided_count", (double)cur.n_voided);
	cJSON_AddItemToObject(o, "by_method", web_revenue_lines(cur.by_method, cur.n_method, "method"));
	cJSON_AddItemToObject(o, "by_plan", web_revenue_lines(cur.by_plan, cur.n_plan, "plan"));
	p = cJSON_AddObjectToObject(o, "previous");
	cJSON_AddStringToObject(p, "month", prev.label);
	cJSON_AddNumberToObject(p, "total", (double)before.total);
	revenue_release(&before);
	revenue_release(&cur);
	web_reply_json(rp, 200, o);
}

/* One report split as [{"<key>": ..., "classes", "visits"}]; a line with
 * a student (id) names it as {"id", "name"}. */
static cJSON *web_report_lines(const struct report_line *v, size_t n, const char *key)
{
	cJSON *list = cJSON_CreateArray();

	for (size_t i = 0; i < n; i++) {
		cJSON *o = cJSON_CreateObject();

		if (v[i].id != 0)
			cJSON_AddItemToObject(o, key, web_ref_json(v[i].id, v[i].title, NULL));
		else
			web_add_str_or_null(o, key, v[i].title);
		cJSON_AddNumberToObject(o, "classes", (double)v[i].classes);
		cJSON_AddNumberToObject(o, "visits", (double)v[i].visits);
		cJSON_AddItemToArray(list, o);
	}
	return list;
}

/* "lapsed": who stopped coming, as /report lists them (now, whatever the
 * month), and "lapsed_total". 0 or -1. */
static int web_report_lapsed(const struct web_env *env, cJSON *o)
{
	int64_t now = env->h->now, total = 0;
	struct lapsed_student *v = NULL;
	size_t n = 0;
	cJSON *list;

	if (db_lapsed_students(env->h->db, civil_add_days(now, -DB_LAPSED_SINCE_DAYS),
	    civil_add_days(now, -DB_LAPSED_UNTIL_DAYS), now, WEB_REPORT_LINES_MAX, &v, &n,
	    &total) != DB_OK)
		return -1;
	list = cJSON_AddArrayToObject(o, "lapsed");
	for (size_t i = 0; i < n; i++) {
		cJSON *l = cJSON_CreateObject();

		cJSON_AddItemToObject(l, "student", web_ref_json(v[i].id, v[i].first_name,
		    v[i].last_name));
		web_add_date(l, "last_visit", v[i].last_visit);
		cJSON_AddBoolToObject(l, "frozen", v[i].frozen);
		cJSON_AddItemToArray(list, l);
	}
	cJSON_AddNumberToObject(o, "lapsed_total", (double)total);
	lapsed_students_free(v, n);
	return 0;
}

void web_api_report_attendance(const struct web_env *env, const struct web_request *rq,
    struct web_reply *rp)
{
	static int (*const split[])(struct db *, int64_t, int64_t, int64_t, size_t,
	    struct report_line **, size_t *) = {
		db_report_by_class, db_report_by_trainer, db_report_by_student,
	};
	static const char *const names[] = { "by_class", "by_trainer", "by_student" };
	static const char *const keys[] = { "title", "trainer", "student" };
	struct web_month mo;
	struct report_line *v;
	size_t n;
	cJSON *o;

	if (!web_allowed(rq, "report", rp) || web_arg_month(rq, env->h->now, &mo, NULL, rp) != 0)
		return;
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "month", mo.label);
	for (size_t i = 0; i < BJJ_ARRAY_LEN(split); i++) {
		if (split[i](env->h->db, mo.start, mo.end, env->h->now, WEB_REPORT_LINES_MAX, &v,
		    &n) != DB_OK) {
			cJSON_Delete(o);
			web_reply_error(rp, 500, "internal error");
			return;
		}
		cJSON_AddItemToObject(o, names[i], web_report_lines(v, n, keys[i]));
		report_lines_free(v, n);
	}
	if (web_report_lapsed(env, o) != 0) {
		cJSON_Delete(o);
		web_reply_error(rp, 500, "internal error");
		return;
	}
	web_reply_json(rp, 200, o);
}
