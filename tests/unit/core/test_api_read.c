/*
 * test_api_read.c — the API's reads (http/api_read.c) through web_handle
 * on one fixture academy: every endpoint as the owner, a trainer, a
 * student and another student, every bad query parameter (400 naming
 * it, nothing read), and the two reports against what /revenue and
 * /report print for the same month.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <cjson/cJSON.h>

#include "lib/civil.h"
#include "files.h"
#include "handlers/command.h"
#include "handlers_fixture.h"
#include "http/web.h"
#include "http_fixture.h"
#include "json_match.h"
#include "storage/belts.h"
#include "storage/billing.h"
#include "storage/schedule.h"
#include "test_main.h"

#define TR_IVAN_TG 300
#define TR_ANNA_TG 301
#define TR_TRAINER_TG 400

/* The fixture academy (hf_setup_moscow; now is 2026-05-28 23:26 local). */
struct tr {
	struct hf *f;
	struct web_env env;
	char *owner, *trainer, *ivan, *anna;   /* "Bearer <token>" */
	int64_t trainer_id, ivan_id, anna_id, boris_id;
	int64_t gi, nogi, openmat, friday;       /* trainings */
	int64_t void_pay;
};

static int64_t tr_training(struct tr *t, const char *title, int m, int d, int hh, int64_t trainer)
{
	int64_t id = 0;

	assert_int_equal(db_training_add(t->f->db, title, civil_local(2026, m, d, hh * 60), 90,
	    trainer, HF_NOW, &id), DB_OK);
	return id;
}

static void tr_mark(struct tr *t, int64_t training, int64_t student, int status)
{
	struct att_effect e;

	assert_int_equal(db_attendance_mark(t->f->db, training, student, status, ATT_TRAINER,
	    HF_OWNER, HF_NOW, &e), DB_OK);
}

static int tr_setup(void **state)
{
	struct tr *t = xcalloc(1, sizeof(*t));
	struct subscription s = { 0 };
	int64_t id = 0, april = civil_local(2026, 4, 15, 12 * 60);
	int renewal;

	if (hf_setup_moscow((void **)&t->f) != 0)
		return -1;
	clock_set_fake(HF_NOW);
	t->env = (struct web_env){ .h = &t->f->env };
	t->trainer_id = hf_person(t->f, PERSON_TRAINER, "Rafael", "+79000000009", TR_TRAINER_TG);
	t->ivan_id = hf_person(t->f, PERSON_STUDENT, "Ivan", "+79000000001", TR_IVAN_TG);
	t->anna_id = hf_person(t->f, PERSON_STUDENT, "Anna", "+79000000002", TR_ANNA_TG);
	t->boris_id = hf_person(t->f, PERSON_STUDENT, "Boris", "+79000000003", 0);

	t->gi = tr_training(t, "Gi", 5, 20, 19, t->trainer_id);
	t->nogi = tr_training(t, "NoGi", 5, 25, 19, 0);
	t->openmat = tr_training(t, "Open mat", 5, 29, 12, 0);
	t->friday = tr_training(t, "Gi", 5, 30, 11, t->trainer_id);
	assert_int_equal(db_training_cancel(t->f->db, t->openmat, "Holiday"), DB_OK);
	tr_mark(t, t->gi, t->ivan_id, ATT_PRESENT);
	tr_mark(t, t->gi, t->anna_id, ATT_LATE);
	tr_mark(t, t->gi, t->boris_id, ATT_ABSENT);
	tr_mark(t, t->nogi, t->ivan_id, ATT_PRESENT);

	assert_int_equal(db_plan_add(t->f->db, "month", "Month", "unlimited", 500000, 30, 0, HF_NOW,
	    &id), DB_OK);
	assert_int_equal(db_plan_add(t->f->db, "pack8", "8 classes", "pack", 400000, 60, 8, HF_NOW,
	    &id), DB_OK);
	assert_int_equal(db_subscription_sell(t->f->db, t->ivan_id, "month", "cash", HF_OWNER, HF_NOW,
	    &s, &renewal), DB_OK);
	subscription_release(&s);
	assert_int_equal(db_subscription_sell(t->f->db, t->anna_id, "pack8", "card", HF_OWNER, HF_NOW,
	    &s, &renewal), DB_OK);
	subscription_release(&s);
	/* Boris's sale is cancelled: not active */
	assert_int_equal(db_subscription_sell(t->f->db, t->boris_id, "month", "cash", HF_OWNER, HF_NOW,
	    &s, &renewal), DB_OK);
	assert_int_equal(db_subscription_cancel(t->f->db, s.id, "moved away", HF_OWNER, HF_NOW, NULL),
	    DB_OK);
	subscription_release(&s);
	assert_int_equal(db_payment_add(t->f->db, t->boris_id, 150050, "transfer", "gear <3>", HF_OWNER,
	    0, HF_NOW, &id), DB_OK);
	assert_int_equal(db_refund_add(t->f->db, t->ivan_id, 10000, "cash", "overpaid", HF_OWNER,
	    HF_NOW, &id), DB_OK);
	assert_int_equal(db_payment_add(t->f->db, t->anna_id, 20000, "cash", NULL, HF_OWNER, 0,
	    HF_NOW, &t->void_pay), DB_OK);
	assert_int_equal(db_payment_void(t->f->db, t->void_pay, "typo", HF_OWNER, HF_NOW), DB_OK);
	assert_int_equal(db_payment_add(t->f->db, t->ivan_id, 300000, "card", NULL, HF_OWNER, 0,
	    april, &id), DB_OK);

	assert_int_equal(db_exam_add(t->f->db, t->ivan_id, "blue", "2026-06-10", HF_OWNER, HF_NOW, &id),
	    DB_OK);
	assert_int_equal(db_exam_add(t->f->db, t->anna_id, "blue", "2026-06-01", HF_OWNER, HF_NOW, &id),
	    DB_OK);
	assert_int_equal(db_exam_decide(t->f->db, id, "failed", "guard", HF_NOW), DB_OK);
	assert_int_equal(db_exam_add(t->f->db, t->boris_id, "blue", "2026-07-01", HF_OWNER, HF_NOW, &id),
	    DB_OK);

	t->owner = hf_keep(t->f, hf_bearer(t->f, HF_OWNER));
	t->trainer = hf_keep(t->f, hf_bearer(t->f, TR_TRAINER_TG));
	t->ivan = hf_keep(t->f, hf_bearer(t->f, TR_IVAN_TG));
	t->anna = hf_keep(t->f, hf_bearer(t->f, TR_ANNA_TG));
	*state = t;
	return 0;
}

static int tr_teardown(void **state)
{
	struct tr *t = *state;

	hf_teardown((void **)&t->f);
	clock_set_fake(0);
	free(t);
	return 0;
}

/* GET url with auth: the status, and the JSON body into *json (owned). */
static int tr_get(struct tr *t, const char *url, const char *auth, cJSON **json)
{
	return hx_json(&t->env, "GET", url, auth, "", json);
}

/* GET url with auth answers 200 with a body that hx_json_match's the
 * expected subset fmt. */
static void tr_expect(struct tr *t, const char *url, const char *auth, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void tr_expect(struct tr *t, const char *url, const char *auth, const char *fmt, ...)
{
	va_list ap;
	cJSON *j;

	if (tr_get(t, url, auth, &j) != 200)
		fail_msg("%s: expected 200", url);
	va_start(ap, fmt);
	hx_json_vmatch(j, fmt, ap);
	va_end(ap);
	cJSON_Delete(j);
}

/* The status of GET url; a refusal's body is an error naming `names`
 * (may be NULL) and nothing else. */
static void tr_refused(struct tr *t, const char *url, const char *auth, int status,
    const char *names)
{
	cJSON *j;

	if (tr_get(t, url, auth, &j) != status)
		fail_msg("%s: expected %d", url, status);
	assert_int_equal(cJSON_GetArraySize(j), 1);
	if (names != NULL)
		hf_assert_contains(cJSON_GetObjectItem(j, "error")->valuestring, names);
	cJSON_Delete(j);
}

static cJSON *tr_list(cJSON *j, const char *name)
{
	cJSON *list = cJSON_GetObjectItem(j, name);

	assert_true(cJSON_IsArray(list));
	return list;
}

static int64_t tr_int(const cJSON *o, const char *name)
{
	const cJSON *v = cJSON_GetObjectItem(o, name);

	assert_true(cJSON_IsNumber(v));
	return (int64_t)v->valuedouble;
}

static const char *tr_str(const cJSON *o, const char *name)
{
	const cJSON *v = cJSON_GetObjectItem(o, name);

	assert_true(cJSON_IsString(v));
	return v->valuestring;
}

/* The status and "total" of a list at url. */
static int64_t tr_total(struct tr *t, const char *url, const char *auth)
{
	cJSON *j;
	int64_t total;

	assert_int_equal(tr_get(t, url, auth, &j), 200);
	total = tr_int(j, "total");
	cJSON_Delete(j);
	return total;
}

/* GET url as auth: `total` in all, and a page of one item whose `key`
 * is id. */
static void tr_one_on_page(struct tr *t, const char *url, const char *auth, const char *name,
    int64_t total, const char *key, int64_t id)
{
	cJSON *j, *list;

	assert_int_equal(tr_get(t, url, auth, &j), 200);
	assert_int_equal(tr_int(j, "total"), total);
	list = tr_list(j, name);
	assert_int_equal(cJSON_GetArraySize(list), 1);
	assert_int_equal(tr_int(cJSON_GetArrayItem(list, 0), key), id);
	cJSON_Delete(j);
}

/* Every read needs a token. */
static void test_no_token(void **state)
{
	static const char *const urls[] = {
		"/api/v1/trainings", "/api/v1/trainings/1", "/api/v1/attendances?training=1",
		"/api/v1/payments", "/api/v1/subscriptions", "/api/v1/reports/revenue",
		"/api/v1/reports/attendance", "/api/v1/exams",
	};
	struct tr *t = *state;

	for (size_t i = 0; i < BJJ_ARRAY_LEN(urls); i++)
		tr_refused(t, urls[i], NULL, 401, "token");
}

/* /api/v1/me names the person behind a student's or a trainer's token;
 * an owner's has no record to name. */
static void test_me(void **state)
{
	struct tr *t = *state;
	cJSON *j;

	assert_int_equal(tr_get(t, "/api/v1/me", t->ivan, &j), 200);
	hx_json_match(j, "{'role':'student','id':%lld,'first_name':'Ivan'}", (long long)t->ivan_id);
	assert_true(cJSON_IsString(cJSON_GetObjectItem(j, "last_name")));
	cJSON_Delete(j);
	tr_expect(t, "/api/v1/me", t->trainer, "{'role':'trainer','first_name':'Rafael'}");
	assert_int_equal(tr_get(t, "/api/v1/me", t->owner, &j), 200);
	hx_json_match(j, "{'role':'owner'}");
	assert_null(cJSON_GetObjectItem(j, "first_name"));
	cJSON_Delete(j);
}

/* The weekly classes made for a list and the note of the days they were
 * made for are written together: when the note fails, no class is left
 * behind. */
static void test_trainings_made_at_once(void **state)
{
	struct tr *t = *state;
	int64_t id;
	cJSON *j;

	assert_int_equal(db_template_add(t->f->db, "Kids", 1 << 5, 10 * 60, 60, 0, HF_NOW, &id), DB_OK);
	assert_int_equal(db_template_add(t->f->db, "Boom", 1 << 5, 12 * 60, 60, 0, HF_NOW, &id), DB_OK);
	hf_sql(t->f, "CREATE TEMP TRIGGER boom BEFORE UPDATE ON bot_state "
	    "BEGIN SELECT RAISE(ABORT, 'boom'); END");
	hf_sql(t->f, "CREATE TEMP TRIGGER boom2 BEFORE INSERT ON bot_state "
	    "BEGIN SELECT RAISE(ABORT, 'boom'); END");
	clock_set_fake(HF_NOW + 86400);
	assert_int_equal(tr_get(t, "/api/v1/trainings", t->anna, &j), 500);
	cJSON_Delete(j);
	hf_sql_assert(t->f, "(SELECT count(*) FROM trainings WHERE title IN ('Kids', 'Boom')) = 0");
	/* and once it works, both are there */
	hf_sql(t->f, "DROP TRIGGER boom");
	hf_sql(t->f, "DROP TRIGGER boom2");
	assert_int_equal(tr_get(t, "/api/v1/trainings", t->anna, &j), 200);
	cJSON_Delete(j);
	hf_sql_assert(t->f, "(SELECT count(DISTINCT title) FROM trainings WHERE title IN ('Kids', 'Boom')) = 2");
	clock_set_fake(HF_NOW);
}

static void test_trainings(void **state)
{
	struct tr *t = *state;
	int64_t id = 0;

	/* today .. today + 6 by default, cancelled ones marked */
	tr_expect(t, "/api/v1/trainings", t->ivan, "{'total':2,'page':1,'per_page':20,'trainings':["
	    "{'id':%lld,'cancelled':true,'cancel_reason':'Holiday','trainer':null},"
	    "{'title':'Gi','starts_at':'2026-05-30T11:00:00+03:00','ends_at':'2026-05-30T12:30:00+03:00',"
	    "'cancelled':false,'cancel_reason':null,'trainer':{'id':%lld,'name':'Rafael Petrova'}}]}",
	    (long long)t->openmat, (long long)t->trainer_id);

	/* a month, every role alike; by start; paged */
	assert_int_equal(tr_total(t, "/api/v1/trainings?from=2026-05-01&to=2026-05-31", t->owner), 4);
	assert_int_equal(tr_total(t, "/api/v1/trainings?from=2026-05-01&to=2026-05-31", t->trainer), 4);
	assert_int_equal(tr_total(t, "/api/v1/trainings?from=2026-05-20&to=2026-05-20", t->anna), 1);
	tr_one_on_page(t, "/api/v1/trainings?from=2026-05-01&to=2026-05-31&per_page=3&page=2",
	    t->owner, "trainings", 4, "id", t->friday);
	tr_expect(t, "/api/v1/trainings?from=2026-05-01&to=2026-05-31&page=9", t->owner,
	    "{'trainings':[],'total':4}");
	/* 92 days is the longest range */
	assert_int_equal(tr_total(t, "/api/v1/trainings?from=2026-04-01&to=2026-07-01", t->owner), 4);
	/* only from: a week from it */
	assert_int_equal(tr_total(t, "/api/v1/trainings?from=2026-05-19", t->owner), 2);

	/* a weekly class's coming trainings are made before they are listed,
	 * as for /schedule: the next day, Saturdays at 10:00 are there */
	assert_int_equal(db_template_add(t->f->db, "Kids", 1 << 5, 10 * 60, 60, 0, HF_NOW, &id), DB_OK);
	clock_set_fake(HF_NOW + 86400);
	tr_expect(t, "/api/v1/trainings", t->anna, "{'total':3,'trainings':"
	    "[{},{'title':'Kids','starts_at':'2026-05-30T10:00:00+03:00'},{}]}");
	clock_set_fake(HF_NOW);

	static const struct { const char *url, *names; } bad[] = {
		{ "/api/v1/trainings?from=2026-04-01&to=2026-07-02", "\"to\": at most 92 days" },
		{ "/api/v1/trainings?from=2026-05-02&to=2026-05-01", "\"to\": before" },
		{ "/api/v1/trainings?from=2026-13-01", "\"from\"" },
		{ "/api/v1/trainings?from=2026-02-30", "\"from\"" },
		{ "/api/v1/trainings?from=01.05.2026", "\"from\"" },
		{ "/api/v1/trainings?from=2026-5-1", "\"from\"" },
		{ "/api/v1/trainings?to=tomorrow", "\"to\"" },
		{ "/api/v1/trainings?to=", "\"to\"" },
		{ "/api/v1/trainings?per_page=101", "\"per_page\"" },
		{ "/api/v1/trainings?page=0", "\"page\"" },
	};
	for (size_t i = 0; i < BJJ_ARRAY_LEN(bad); i++)
		tr_refused(t, bad[i].url, t->owner, 400, bad[i].names);
}

static void test_training_one(void **state)
{
	struct tr *t = *state;
	char url[64];
	cJSON *j;

	snprintf(url, sizeof(url), "/api/v1/trainings/%lld", (long long)t->gi);
	/* staff see the marks, by first name */
	tr_expect(t, url, t->trainer, "{'starts_at':'2026-05-20T19:00:00+03:00','attendance':["
	    "{'student':{'name':'Anna Petrov','id':%lld},'status':'late'},"
	    "{'status':'absent'},{'status':'present'}]}", (long long)t->anna_id);
	tr_expect(t, url, t->owner, "{'attendance':[{},{},{}]}");
	/* a student sees the class, not who came */
	assert_int_equal(tr_get(t, url, t->ivan, &j), 200);
	hx_json_match(j, "{'title':'Gi'}");
	assert_null(cJSON_GetObjectItem(j, "attendance"));
	cJSON_Delete(j);
	/* a class nobody is marked at: an empty list */
	snprintf(url, sizeof(url), "/api/v1/trainings/%lld", (long long)t->friday);
	tr_expect(t, url, t->owner, "{'attendance':[]}");
	tr_refused(t, "/api/v1/trainings/999", t->owner, 404, "no such training");
	tr_refused(t, "/api/v1/trainings/999", t->anna, 404, "no such training");
}

static void test_attendances(void **state)
{
	struct tr *t = *state;
	char url[128];

	snprintf(url, sizeof(url), "/api/v1/attendances?training=%lld", (long long)t->gi);
	tr_expect(t, url, t->trainer, "{'total':3,'attendances':[{'training_id':%lld,"
	    "'student_id':%lld,'status':'late','source':'trainer',"
	    "'starts_at':'2026-05-20T19:00:00+03:00'},{},{}]}", (long long)t->gi, (long long)t->anna_id);
	snprintf(url, sizeof(url), "/api/v1/attendances?training=%lld&per_page=2&page=2", (long long)t->gi);
	tr_expect(t, url, t->owner, "{'total':3,'attendances':[{}]}");
	/* a class's roster is the staff's */
	snprintf(url, sizeof(url), "/api/v1/attendances?training=%lld", (long long)t->gi);
	tr_refused(t, url, t->ivan, 403, NULL);

	/* one student's, newest first; the default is the last 30 days */
	snprintf(url, sizeof(url), "/api/v1/attendances?student=%lld", (long long)t->ivan_id);
	tr_expect(t, url, t->owner, "{'total':2,'attendances':[{'training_id':%lld,"
	    "'starts_at':'2026-05-25T19:00:00+03:00'},{'training_id':%lld}]}",
	    (long long)t->nogi, (long long)t->gi);
	snprintf(url, sizeof(url), "/api/v1/attendances?student=%lld&from=2026-05-21&to=2026-05-31",
	    (long long)t->ivan_id);
	assert_int_equal(tr_total(t, url, t->trainer), 1);
	/* a student: their own, asked for or not */
	assert_int_equal(tr_total(t, url, t->ivan), 1);
	assert_int_equal(tr_total(t, "/api/v1/attendances", t->ivan), 2);
	assert_int_equal(tr_total(t, "/api/v1/attendances", t->anna), 1);
	tr_refused(t, url, t->anna, 403, NULL);
	tr_refused(t, "/api/v1/attendances?student=999", t->anna, 403, NULL);
	tr_refused(t, "/api/v1/attendances?student=999", t->owner, 404, "no such student");
	tr_refused(t, "/api/v1/attendances?training=999", t->owner, 404, "no such training");

	static const struct { const char *url, *names; } bad[] = {
		{ "/api/v1/attendances", "\"training\"" },
		{ "/api/v1/attendances?training=1&student=1", "\"student\"" },
		{ "/api/v1/attendances?training=abc", "\"training\"" },
		{ "/api/v1/attendances?training=0", "\"training\"" },
		{ "/api/v1/attendances?training=-1", "\"training\"" },
		{ "/api/v1/attendances?student=1x", "\"student\"" },
		{ "/api/v1/attendances?student=99999999999999999999", "\"student\"" },
		{ "/api/v1/attendances?student=1&from=2026-05-40", "\"from\"" },
		{ "/api/v1/attendances?student=1&from=2026-01-01&to=2026-05-01", "\"to\"" },
		{ "/api/v1/attendances?student=1&per_page=abc", "\"per_page\"" },
	};
	for (size_t i = 0; i < BJJ_ARRAY_LEN(bad); i++)
		tr_refused(t, bad[i].url, t->owner, 400, bad[i].names);
}

/* The payment with id in a list, or fail. */
static const cJSON *tr_find_id(const cJSON *list, int64_t id)
{
	const cJSON *o;

	cJSON_ArrayForEach(o, list) {
		if (tr_int(o, "id") == id)
			return o;
	}
	fail_msg("no row %lld", (long long)id);
	return NULL;
}

static void test_payments(void **state)
{
	struct tr *t = *state;
	char url[128];
	const cJSON *o;
	cJSON *j, *list;

	/* this month by default: the two sales, Boris's gear, the refund and
	 * the voided one, newest first */
	assert_int_equal(tr_get(t, "/api/v1/payments", t->owner, &j), 200);
	assert_int_equal(tr_int(j, "total"), 6);
	list = tr_list(j, "payments");
	hx_json_match(tr_find_id(list, t->void_pay), "{'voided':true,'void_reason':'typo','note':null}");
	hx_json_match(list, "[{'id':%lld},{'refund':true,'amount':10000},"
	    "{'amount':150050,'currency':'RUB','method':'transfer','note':'gear <3>',"
	    "'paid_at':'2026-05-28T23:26:40+03:00','voided':false,'refund':false},{},{},{}]",
	    (long long)t->void_pay);
	cJSON_Delete(j);
	assert_int_equal(tr_total(t, "/api/v1/payments?month=2026-05", t->owner), 6);
	assert_int_equal(tr_total(t, "/api/v1/payments?month=2026-04", t->owner), 1);
	assert_int_equal(tr_total(t, "/api/v1/payments?month=2026-03", t->owner), 0);
	/* one student's of all time, or of a month */
	snprintf(url, sizeof(url), "/api/v1/payments?student=%lld", (long long)t->ivan_id);
	assert_int_equal(tr_total(t, url, t->owner), 3);
	assert_int_equal(tr_total(t, url, t->ivan), 3);
	snprintf(url, sizeof(url), "/api/v1/payments?student=%lld&month=2026-04", (long long)t->ivan_id);
	assert_int_equal(tr_total(t, url, t->owner), 1);
	/* a student without student=: their own */
	assert_int_equal(tr_get(t, "/api/v1/payments?per_page=2", t->ivan, &j), 200);
	assert_int_equal(tr_int(j, "total"), 3);
	list = tr_list(j, "payments");
	assert_int_equal(cJSON_GetArraySize(list), 2);
	cJSON_ArrayForEach(o, list)
		assert_int_equal(tr_int(o, "student_id"), t->ivan_id);
	cJSON_Delete(j);

	tr_refused(t, "/api/v1/payments", t->trainer, 403, "owner");
	tr_refused(t, url, t->anna, 403, NULL);
	tr_refused(t, "/api/v1/payments?student=999", t->owner, 404, "no such student");
	static const char *const bad[] = {
		"/api/v1/payments?month=2026-13", "/api/v1/payments?month=2026-5",
		"/api/v1/payments?month=05.2026", "/api/v1/payments?month=2026-05-01",
		"/api/v1/payments?month=", "/api/v1/payments?month=2026-00",
	};
	for (size_t i = 0; i < BJJ_ARRAY_LEN(bad); i++)
		tr_refused(t, bad[i], t->owner, 400, "\"month\"");
	tr_refused(t, "/api/v1/payments?student=x", t->owner, 400, "\"student\"");
}

static void test_subscriptions(void **state)
{
	struct tr *t = *state;
	char url[128];

	/* active by default: Ivan's and Anna's, not Boris's cancelled one */
	tr_expect(t, "/api/v1/subscriptions", t->trainer, "{'total':2,'subscriptions':["
	    "{'student_id':%lld,'plan':'month','starts_on':'2026-05-28','ends_on':'2026-06-26',"
	    "'classes_left':null,'status':'active'},{'plan':'pack8','classes_left':8}]}",
	    (long long)t->ivan_id);
	assert_int_equal(tr_total(t, "/api/v1/subscriptions?active=true", t->owner), 2);
	tr_one_on_page(t, "/api/v1/subscriptions?per_page=1&page=2", t->owner, "subscriptions", 2,
	    "student_id", t->anna_id);
	tr_expect(t, "/api/v1/subscriptions?active=false", t->owner,
	    "{'total':3,'subscriptions':[{},{},{'status':'cancelled'}]}");
	snprintf(url, sizeof(url), "/api/v1/subscriptions?student=%lld&active=0", (long long)t->boris_id);
	assert_int_equal(tr_total(t, url, t->owner), 1);
	snprintf(url, sizeof(url), "/api/v1/subscriptions?student=%lld", (long long)t->boris_id);
	assert_int_equal(tr_total(t, url, t->owner), 0);
	/* a student: their own */
	tr_expect(t, "/api/v1/subscriptions", t->anna, "{'total':1,'subscriptions':[{'student_id':%lld}]}",
	    (long long)t->anna_id);
	tr_refused(t, url, t->anna, 403, NULL);
	tr_refused(t, "/api/v1/subscriptions?student=999", t->trainer, 404, "no such student");
	tr_refused(t, "/api/v1/subscriptions?active=yes", t->owner, 400, "\"active\"");
	tr_refused(t, "/api/v1/subscriptions?page=x", t->owner, 400, "\"page\"");
}

static void test_exams(void **state)
{
	struct tr *t = *state;
	char url[128];

	/* pending by default, soonest first */
	tr_expect(t, "/api/v1/exams", t->trainer, "{'total':2,'exams':[{'student_id':%lld,"
	    "'belt':'blue','date':'2026-06-10','status':'pending'},{'student_id':%lld}]}",
	    (long long)t->ivan_id, (long long)t->boris_id);
	tr_expect(t, "/api/v1/exams?status=all", t->owner,
	    "{'total':3,'exams':[{'status':'failed','note':'guard'},{},{}]}");
	tr_one_on_page(t, "/api/v1/exams?status=all&per_page=2&page=2", t->owner, "exams", 3,
	    "student_id", t->boris_id);
	snprintf(url, sizeof(url), "/api/v1/exams?student=%lld&status=all", (long long)t->ivan_id);
	assert_int_equal(tr_total(t, url, t->owner), 1);
	/* a student: their own */
	assert_int_equal(tr_total(t, "/api/v1/exams", t->anna), 0);
	assert_int_equal(tr_total(t, "/api/v1/exams?status=all", t->anna), 1);
	assert_int_equal(tr_total(t, url, t->ivan), 1);
	tr_refused(t, url, t->anna, 403, NULL);
	tr_refused(t, "/api/v1/exams?student=999", t->owner, 404, "no such student");
	tr_refused(t, "/api/v1/exams?status=done", t->owner, 400, "\"status\"");
	tr_refused(t, "/api/v1/exams?status=", t->owner, 400, "\"status\"");
}

/* money in the academy's currency as /revenue prints it; owned. */
static char *tr_money(int64_t minor)
{
	struct buf b = { 0 };
	char *s;

	buf_add_money(&b, minor, "RUB");
	s = html_escape(buf_str(&b));
	buf_release(&b);
	return s;
}

/* The API's revenue equals /revenue's for the same month. */
static void test_report_revenue(void **state)
{
	struct tr *t = *state;
	const cJSON *o;
	cJSON *j;
	char *text, *money, *line;
	int lines = 0;

	hf_send(t->f, HF_OWNER, "/revenue 2026-05");
	text = xstrdup(hf_take_reply(t->f, HF_OWNER));
	assert_int_equal(tr_get(t, "/api/v1/reports/revenue?month=2026-05", t->owner, &j), 200);
	assert_string_equal(tr_str(j, "month"), "2026-05");
	assert_string_equal(tr_str(j, "currency"), "RUB");
	/* 5000 + 4000 + 1500.50 + 5000 (Boris's cancelled sale keeps its
	 * money) - 100 refunded; 200 voided left out */
	assert_int_equal(tr_int(j, "total"), 500000 + 400000 + 150050 + 500000 - 10000);
	assert_int_equal(tr_int(j, "refunds"), -10000);
	assert_int_equal(tr_int(j, "voided"), 20000);
	money = tr_money(tr_int(j, "total"));
	line = xasprintf("Total: <b>%s</b> (payments: %lld)", money, (long long)tr_int(j, "count"));
	hf_assert_contains(text, line);
	free(line);
	free(money);
	money = tr_money(tr_int(j, "refunds"));
	line = xasprintf("Refunds: %s (%lld)", money, (long long)tr_int(j, "refunds_count"));
	hf_assert_contains(text, line);
	free(line);
	free(money);
	money = tr_money(tr_int(j, "voided"));
	line = xasprintf("Voided, not counted: %lld payment (%s)", (long long)tr_int(j, "voided_count"),
	    money);
	hf_assert_contains(text, line);
	free(line);
	free(money);
	cJSON_ArrayForEach(o, cJSON_GetObjectItem(j, "by_method")) {
		money = tr_money(tr_int(o, "amount"));
		line = xasprintf("• %s: %s (%lld)\n", h_billing_method_word(tr_str(o, "method"), LANG_EN),
		    money, (long long)tr_int(o, "count"));
		hf_assert_contains(text, line);
		free(line);
		free(money);
		lines++;
	}
	assert_int_equal(lines, 3);
	lines = 0;
	cJSON_ArrayForEach(o, cJSON_GetObjectItem(j, "by_plan")) {
		const cJSON *plan = cJSON_GetObjectItem(o, "plan");

		money = tr_money(tr_int(o, "amount"));
		line = xasprintf(": %s (%lld)\n", money, (long long)tr_int(o, "count"));
		hf_assert_contains(text, line);
		free(line);
		if (cJSON_IsString(plan))
			hf_assert_contains(text, plan->valuestring);
		free(money);
		lines++;
	}
	assert_int_equal(lines, 3);
	o = cJSON_GetObjectItem(j, "previous");
	assert_string_equal(tr_str(o, "month"), "2026-04");
	assert_int_equal(tr_int(o, "total"), 300000);
	money = tr_money(300000);
	hf_assert_contains(text, money);
	free(money);
	cJSON_Delete(j);
	free(text);

	/* this month by default; the owner only */
	tr_expect(t, "/api/v1/reports/revenue", t->owner, "{'month':'2026-05'}");
	tr_expect(t, "/api/v1/reports/revenue?month=2026-01", t->owner,
	    "{'total':0,'by_method':[],'previous':{'month':'2025-12'}}");
	tr_refused(t, "/api/v1/reports/revenue", t->trainer, 403, "owner");
	tr_refused(t, "/api/v1/reports/revenue", t->ivan, 403, "owner");
	tr_refused(t, "/api/v1/reports/revenue?month=2026-13", t->owner, 400, "\"month\"");
	tr_refused(t, "/api/v1/reports/revenue?month=may", t->owner, 400, "\"month\"");
}

/* The API's attendance report equals /report's for the same month, and
 * adds the visits per student. */
static void test_report_attendance(void **state)
{
	struct tr *t = *state;
	const cJSON *o;
	cJSON *j;
	char *text, *line;
	int64_t olga;
	int lines = 0;

	/* Olga came in April only: she stopped coming */
	olga = hf_person(t->f, PERSON_STUDENT, "Olga", "+79000000004", 0);
	tr_mark(t, tr_training(t, "Gi", 4, 20, 19, t->trainer_id), olga, ATT_PRESENT);
	hf_send(t->f, HF_OWNER, "/report 2026-05");
	text = xstrdup(hf_take_reply(t->f, HF_OWNER));
	assert_int_equal(tr_get(t, "/api/v1/reports/attendance?month=2026-05", t->owner, &j), 200);
	assert_string_equal(tr_str(j, "month"), "2026-05");
	/* held classes only: the cancelled one and those still to come are not */
	cJSON_ArrayForEach(o, cJSON_GetObjectItem(j, "by_class")) {
		int64_t classes = tr_int(o, "classes"), tenths = (tr_int(o, "visits") * 10 + classes / 2) /
		    classes;

		line = xasprintf("• %s: %lld, %lld.%lld\n", tr_str(o, "title"), (long long)classes,
		    (long long)(tenths / 10), (long long)(tenths % 10));
		hf_assert_contains(text, line);
		free(line);
		lines++;
	}
	assert_int_equal(lines, 2);
	lines = 0;
	cJSON_ArrayForEach(o, cJSON_GetObjectItem(j, "by_trainer")) {
		const cJSON *name = cJSON_GetObjectItem(o, "trainer");

		line = xasprintf(": %lld, %lld\n", (long long)tr_int(o, "classes"),
		    (long long)tr_int(o, "visits"));
		hf_assert_contains(text, line);
		free(line);
		if (cJSON_IsString(name))
			hf_assert_contains(text, name->valuestring);
		lines++;
	}
	assert_int_equal(lines, 2);
	assert_string_equal(tr_str(cJSON_GetArrayItem(cJSON_GetObjectItem(j, "by_trainer"), 0), "trainer"),
	    "Rafael Petrova");
	/* per student: marks and visits, most visits first */
	hx_json_match(j, "{'by_student':[{'student':{'id':%lld,'name':'Ivan Petrov'},'visits':2},{},"
	    "{'student':{'id':%lld},'classes':1,'visits':0}],"
	    /* who stopped coming, as /report lists them */
	    "'lapsed_total':1,'lapsed':[{'student':{'id':%lld},'frozen':false}]}",
	    (long long)t->ivan_id, (long long)t->boris_id, (long long)olga);
	o = cJSON_GetArrayItem(cJSON_GetObjectItem(j, "lapsed"), 0);
	line = xasprintf("• #%lld %s — last visit %s", (long long)olga,
	    tr_str(cJSON_GetObjectItem(o, "student"), "name"), tr_str(o, "last_visit"));
	hf_assert_contains(text, line);
	free(line);
	assert_string_equal(tr_str(o, "last_visit"), "2026-04-20");
	cJSON_Delete(j);
	free(text);

	tr_expect(t, "/api/v1/reports/attendance?month=2026-06", t->owner,
	    "{'by_class':[],'by_student':[]}");
	tr_refused(t, "/api/v1/reports/attendance", t->trainer, 403, "owner");
	tr_refused(t, "/api/v1/reports/attendance", t->anna, 403, "owner");
	tr_refused(t, "/api/v1/reports/attendance?month=2026-1", t->owner, 400, "\"month\"");
}

/* An instant keeps the academy's offset, DST included. */
static void test_instant(void **state)
{
	char s[WEB_INSTANT_LEN];
	(void)state;

	tf_tz("Europe/Berlin");
	web_instant(s, civil_local(2026, 1, 15, 9 * 60 + 5));
	assert_string_equal(s, "2026-01-15T09:05:00+01:00");
	web_instant(s, civil_local(2026, 7, 15, 23 * 60 + 59));
	assert_string_equal(s, "2026-07-15T23:59:00+02:00");
	tf_tz("America/St_Johns");
	web_instant(s, civil_local(2026, 1, 15, 0));
	assert_string_equal(s, "2026-01-15T00:00:00-03:30");
	tf_tz("UTC");
	web_instant(s, 0);
	assert_string_equal(s, "1970-01-01T00:00:00+00:00");
}

/* A test between tr_setup and tr_teardown. */
#define TR_TEST(fn) cmocka_unit_test_setup_teardown(fn, tr_setup, tr_teardown)

BJJ_TEST_MAIN(
	cmocka_unit_test(test_instant),
	TR_TEST(test_no_token),
	TR_TEST(test_me),
	TR_TEST(test_trainings),
	TR_TEST(test_trainings_made_at_once),
	TR_TEST(test_training_one),
	TR_TEST(test_attendances),
	TR_TEST(test_payments),
	TR_TEST(test_subscriptions),
	TR_TEST(test_exams),
	TR_TEST(test_report_revenue),
	TR_TEST(test_report_attendance),
)
