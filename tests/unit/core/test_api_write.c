/*
 * test_api_write.c — the API's writes (http/api_write.c) without sockets:
 * each POST/PATCH runs the Telegram command for the token's holder, so it
 * changes what the command changes (rows, audit with "via=api", messages
 * to the student) and answers with the resource; a refused role (403), a
 * bad body (400), an unknown id (404) and a refusal of the command (422)
 * change no academy table and queue no message. Also the route matcher's
 * "{id}" in the middle of a path.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <cmocka.h>

#include <cjson/cJSON.h>

#include "handlers_fixture.h"
#include "http_fixture.h"
#include "json_match.h"
#include "http/web.h"
#include "test_main.h"

#define AW_ALMA 200      /* student #1 */
#define AW_ZOE 201       /* student #2 */
#define AW_TRAINER 300   /* trainer #1 */
#define AW_OTHER_TRAINER 301

struct aw {
	struct hf *f;
	struct web_env env;
	char *owner, *trainer, *other_trainer, *alma, *zoe;  /* "Bearer ..." */
};

/*
 * Alma (#1) and Zoe (#2), trainers Trina (#1) and Otto (#2), the plan
 * month8, class #1 tomorrow 19:00 taught by Trina and class #2 the day
 * after without a trainer; a token for each; then every write to an
 * academy table is counted.
 */
static int aw_setup(void **state)
{
	struct aw *a = xcalloc(1, sizeof(*a));
	struct hf *f;

	if (hf_setup_moscow((void **)&a->f) != 0)
		return -1;
	f = a->f;
	clock_set_fake(HF_NOW);
	assert_int_equal(hf_person(f, PERSON_STUDENT, "Alma", "+79001110001", AW_ALMA), 1);
	assert_int_equal(hf_person(f, PERSON_STUDENT, "Zoe", "+79005550002", AW_ZOE), 2);
	hf_person(f, PERSON_TRAINER, "Trina", "+79003330003", AW_TRAINER);
	hf_person(f, PERSON_TRAINER, "Otto", "+79003330004", AW_OTHER_TRAINER);
	hf_send(f, HF_OWNER, "/addplan month8 4000 30 8 Monthly");
	hf_send(f, HF_OWNER, "/addtraining 2026-05-29 19:00 60 Gi");
	hf_send(f, HF_OWNER, "/addtraining 2026-05-30 19:00 90 No-gi");
	hf_sql(f, "UPDATE trainings SET trainer_id = 1 WHERE id = 1");
	hf_take(f);
	a->owner = hf_keep(f, hf_bearer(f, HF_OWNER));
	a->trainer = hf_keep(f, hf_bearer(f, AW_TRAINER));
	a->other_trainer = hf_keep(f, hf_bearer(f, AW_OTHER_TRAINER));
	a->alma = hf_keep(f, hf_bearer(f, AW_ALMA));
	a->zoe = hf_keep(f, hf_bearer(f, AW_ZOE));
	a->env = (struct web_env){ .h = &f->env };
	assert_int_equal(db_admin_watch(f->db), DB_OK);
	*state = a;
	return 0;
}

static int aw_teardown(void **state)
{
	struct aw *a = *state;

	hf_teardown((void **)&a->f);
	clock_set_fake(0);
	free(a);
	return 0;
}

static int aw_req(struct aw *a, const char *method, const char *path, const char *auth,
    const char *body, cJSON **json)
{
	return hx_json(&a->env, method, path, auth, body, json);
}

/* The request must be refused with status, its error containing want,
 * and change no academy table and queue nothing. */
static void aw_refused(struct aw *a, const char *method, const char *path, const char *auth,
    const char *body, int status, const char *want)
{
	long long before = db_admin_changes(a->f->db);
	cJSON *j;
	const cJSON *e;

	if (aw_req(a, method, path, auth, body, &j) != status)
		fail_msg("%s %s %s: expected %d, got %s", method, path, body ? body : "", status,
		    cJSON_PrintUnformatted(j));
	e = cJSON_GetObjectItem(j, "error");
	assert_true(cJSON_IsString(e));
	hf_assert_contains(e->valuestring, want);
	cJSON_Delete(j);
	assert_int_equal(db_admin_changes(a->f->db), before);
	assert_int_equal(hf_take(a->f), 0);
}

/* The request answers status with a body that hx_json_match's the
 * expected subset fmt. */
static void aw_expect(struct aw *a, const char *method, const char *path, const char *auth,
    const char *body, int status, const char *fmt, ...) __attribute__((format(printf, 7, 8)));

static void aw_expect(struct aw *a, const char *method, const char *path, const char *auth,
    const char *body, int status, const char *fmt, ...)
{
	va_list ap;
	cJSON *j;

	if (aw_req(a, method, path, auth, body, &j) != status)
		fail_msg("%s %s %s: expected %d", method, path, body, status);
	va_start(ap, fmt);
	hx_json_vmatch(j, fmt, ap);
	va_end(ap);
	cJSON_Delete(j);
}

static const char *aw_s(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItem(o, key);

	assert_true(cJSON_IsString(v));
	return v->valuestring;
}

static double aw_n(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItem(o, key);

	assert_true(cJSON_IsNumber(v));
	return v->valuedouble;
}

/* ---- roles, bodies, ids ------------------------------------------------- */

/* Every write × the roles the command refuses: 403, nothing changed. */
static void test_roles(void **state)
{
	struct aw *a = *state;
	static const struct {
		const char *method, *path, *body;
		int trainer_ok;
	} w[] = {
		{ "POST", "/api/v1/students", "{\"first_name\":\"A\",\"last_name\":\"B\",\"phone\":\"+79009990099\"}", 0 },
		{ "PATCH", "/api/v1/students/1", "{\"notes\":\"x\"}", 0 },
		{ "POST", "/api/v1/students/1/deactivate", "", 0 },
		{ "POST", "/api/v1/trainings", "{\"date\":\"2026-06-01\",\"time\":\"19:00\",\"title\":\"Gi\"}", 0 },
		{ "POST", "/api/v1/trainings/1/cancel", "{}", 1 },
		{ "POST", "/api/v1/attendances", "{\"training_id\":1,\"student_id\":1,\"status\":\"present\"}", 1 },
		{ "POST", "/api/v1/payments", "{\"student_id\":1,\"amount\":100,\"method\":\"cash\"}", 0 },
		{ "POST", "/api/v1/payments/1/void", "{\"reason\":\"x\"}", 0 },
		{ "POST", "/api/v1/subscriptions", "{\"student_id\":1,\"plan\":\"month8\",\"method\":\"cash\"}", 0 },
		{ "POST", "/api/v1/exams", "{\"student_id\":1,\"belt\":\"blue\",\"date\":\"2026-06-10\"}", 1 },
		{ "POST", "/api/v1/exams/1/result", "{\"passed\":true}", 1 },
	};

	for (size_t i = 0; i < BJJ_ARRAY_LEN(w); i++) {
		aw_refused(a, w[i].method, w[i].path, a->alma, w[i].body, 403, "role");
		aw_refused(a, w[i].method, w[i].path, a->zoe, w[i].body, 403, "role");
		if (!w[i].trainer_ok)
			aw_refused(a, w[i].method, w[i].path, a->trainer, w[i].body, 403,
			    "this needs the owner role");
		/* no token at all: 401 before anything */
		aw_refused(a, w[i].method, w[i].path, NULL, w[i].body, 401, "API token");
	}
}

/* Bodies that are not objects, fields of the wrong type or range. */
static void test_bad_bodies(void **state)
{
	struct aw *a = *state;
	static const char *const not_objects[] = { "", "[]", "nope", "\"x\"", "12", "{\"a\":", "null" };
	static const struct {
		const char *path, *body, *want;
	} bad[] = {
		{ "/api/v1/payments", "{\"student_id\":1,\"amount\":\"100\",\"method\":\"cash\"}", "bad field \"amount\": expected a number" },
		{ "/api/v1/payments", "{\"student_id\":1,\"amount\":0,\"method\":\"cash\"}", "bad field \"amount\"" },
		{ "/api/v1/payments", "{\"student_id\":1,\"amount\":-5,\"method\":\"cash\"}", "bad field \"amount\"" },
		{ "/api/v1/payments", "{\"student_id\":1,\"amount\":1.5,\"method\":\"cash\"}", "bad field \"amount\"" },
		{ "/api/v1/payments", "{\"student_id\":1,\"amount\":1e300,\"method\":\"cash\"}", "bad field \"amount\"" },
		{ "/api/v1/payments", "{\"student_id\":1,\"amount\":100,\"method\":\"bitcoin\"}", "bad field \"method\": one of cash, card" },
		{ "/api/v1/payments", "{\"student_id\":1,\"amount\":100}", "bad field \"method\": required" },
		{ "/api/v1/payments", "{\"student_id\":\"#1\",\"amount\":100,\"method\":\"cash\"}", "bad field \"student_id\"" },
		{ "/api/v1/payments", "{\"student_id\":0,\"amount\":100,\"method\":\"cash\"}", "bad field \"student_id\"" },
		{ "/api/v1/payments", "{\"student_id\":1,\"amount\":100,\"method\":\"cash\",\"note\":5}", "bad field \"note\": expected a string" },
		{ "/api/v1/payments", "{\"student_id\":1,\"amount\":100,\"method\":\"cash\",\"note\":\"a\\u0001b\"}", "bad field \"note\": control" },
		{ "/api/v1/students", "{\"first_name\":\"Anna Maria\",\"last_name\":\"B\",\"phone\":\"+79009990099\"}", "bad field \"first_name\": one word" },
		{ "/api/v1/students", "{\"first_name\":\"\",\"last_name\":\"B\",\"phone\":\"+79009990099\"}", "bad field \"first_name\": empty" },
		{ "/api/v1/students", "{\"last_name\":\"B\",\"phone\":\"+79009990099\"}", "bad field \"first_name\": required" },
		{ "/api/v1/students", "{\"first_name\":\"A\",\"last_name\":\"B\",\"phone\":\"+79009990099\",\"birth_date\":\"01.02.2000\"}", "bad field \"birth_date\": expected a date YYYY-MM-DD" },
		{ "/api/v1/students", "{\"first_name\":\"A\",\"last_name\":\"B\",\"phone\":\"+79009990099\",\"belt\":\"blue 2\"}", "bad field \"belt\"" },
		{ "/api/v1/trainings", "{\"date\":\"2026-06-01\",\"time\":\"7pm\",\"title\":\"Gi\"}", "bad field \"time\": expected HH:MM" },
		{ "/api/v1/trainings", "{\"date\":\"2026-02-30\",\"time\":\"19:00\",\"title\":\"Gi\"}", "bad field \"date\"" },
		{ "/api/v1/trainings", "{\"date\":\"2026-06-01\",\"time\":\"19:00\",\"title\":\"Gi\",\"duration_minutes\":0}", "bad field \"duration_minutes\"" },
		{ "/api/v1/trainings/1/cancel", "{\"reason\":[]}", "bad field \"reason\"" },
		{ "/api/v1/attendances", "{\"training_id\":1,\"student_id\":1,\"status\":\"here\"}", "bad field \"status\": one of present, late, excused, absent" },
		{ "/api/v1/exams/1/result", "{\"passed\":\"yes\"}", "bad field \"passed\": expected true or false" },
		{ "/api/v1/exams/1/result", "{}", "bad field \"passed\": required" },
		{ "/api/v1/subscriptions", "{\"student_id\":1,\"plan\":\"month 8\",\"method\":\"cash\"}", "bad field \"plan\": one word" },
		{ "/api/v1/payments/1/void", "{}", "bad field \"reason\": required" },
	};

	for (size_t i = 0; i < BJJ_ARRAY_LEN(not_objects); i++) {
		aw_refused(a, "POST", "/api/v1/payments", a->owner, not_objects[i], 400,
		    "the body must be a JSON object");
		aw_refused(a, "PATCH", "/api/v1/students/1", a->owner, not_objects[i], 400,
		    "the body must be a JSON object");
	}
	for (size_t i = 0; i < BJJ_ARRAY_LEN(bad); i++)
		aw_refused(a, "POST", bad[i].path, a->owner, bad[i].body, 400, bad[i].want);
	/* not UTF-8: a stray byte, a cut sequence, an overlong "/", a
	 * surrogate; in a value or outside one */
	static const char *const not_utf8[] = { "\xff\xfe", "\xd0", "\xc0\xaf", "\xed\xa0\x80" };
	for (size_t i = 0; i < BJJ_ARRAY_LEN(not_utf8); i++) {
		char body[160];

		snprintf(body, sizeof(body), "{\"student_id\":1,\"amount\":100,\"method\":\"cash\",\"note\":\"a%sb\"}",
		    not_utf8[i]);
		aw_refused(a, "POST", "/api/v1/payments", a->owner, body, 400, "the body must be UTF-8");
		snprintf(body, sizeof(body), "{\"notes\":\"%s\"}", not_utf8[i]);
		aw_refused(a, "PATCH", "/api/v1/students/1", a->owner, body, 400, "the body must be UTF-8");
		snprintf(body, sizeof(body), "{\"notes\":\"ok\"}%s", not_utf8[i]);
		aw_refused(a, "PATCH", "/api/v1/students/1", a->owner, body, 400, "the body must be UTF-8");
	}
	/* a last name is one word in POST and PATCH alike */
	aw_refused(a, "POST", "/api/v1/students", a->owner,
	    "{\"first_name\":\"A\",\"last_name\":\"de la Cruz\",\"phone\":\"+79009990099\"}", 400,
	    "bad field \"last_name\": one word");
	aw_refused(a, "PATCH", "/api/v1/students/1", a->owner, "{\"last_name\":\"de la Cruz\"}", 400,
	    "bad field \"last_name\": one word");
	aw_refused(a, "PATCH", "/api/v1/students/1", a->owner, "{\"phone\":7}", 400,
	    "bad field \"phone\": expected a string");
}

static void test_unknown_ids(void **state)
{
	struct aw *a = *state;

	aw_refused(a, "PATCH", "/api/v1/students/99", a->owner, "{\"notes\":\"x\"}", 404, "no such student");
	aw_refused(a, "POST", "/api/v1/students/99/deactivate", a->owner, "", 404, "no such student");
	aw_refused(a, "POST", "/api/v1/trainings/99/cancel", a->owner, "", 404, "no such training");
	aw_refused(a, "POST", "/api/v1/payments/99/void", a->owner, "{\"reason\":\"x\"}", 404, "no such payment");
	aw_refused(a, "POST", "/api/v1/exams/99/result", a->trainer, "{\"passed\":true}", 404, "no such exam");
	/* ids in the body are the command's to judge: its answer, 422 */
	aw_refused(a, "POST", "/api/v1/payments", a->owner,
	    "{\"student_id\":99,\"amount\":100,\"method\":\"cash\"}", 422, "99");
	aw_refused(a, "POST", "/api/v1/attendances", a->trainer,
	    "{\"training_id\":99,\"student_id\":1,\"status\":\"present\"}", 422, "");
	aw_refused(a, "POST", "/api/v1/subscriptions", a->owner,
	    "{\"student_id\":1,\"plan\":\"nosuch\",\"method\":\"cash\"}", 422, "nosuch");
}

/* ---- the writes ------------------------------------------------------------ */

/* /pay's rows, audit and message to the student; then /void payment. */
static void test_payment(void **state)
{
	struct aw *a = *state;
	const struct outbox_item *to_alma;

	aw_expect(a, "POST", "/api/v1/payments", a->owner,
	    "{\"student_id\":1,\"amount\":150050,\"method\":\"card\",\"note\":\"June & July\"}", 201,
	    "{'id':1,'student_id':1,'amount':150050,'currency':'RUB','method':'card',"
	    "'note':'June & July','paid_at':'2026-05-28T23:26:40+03:00','voided':false}");
	hf_sql_assert(a->f, "(SELECT amount || method || description FROM payments WHERE id = 1) = "
	    "'150050cardJune & July'");
	hf_sql_assert(a->f, "(SELECT count(*) FROM audit_log WHERE action = 'payment.add' AND actor = 100 "
	    "AND entity_id = 1 AND details LIKE '% via=api') = 1");
	/* the student is told as after /pay; the owner's answer is the 201 */
	hf_take(a->f);
	to_alma = hf_get(a->f, OB_SEND_MESSAGE, AW_ALMA);
	hf_assert_contains(to_alma->text, "1 500,50");
	assert_null(hf_find(a->f, OB_SEND_MESSAGE, HF_OWNER));

	aw_expect(a, "POST", "/api/v1/payments/1/void", a->owner, "{\"reason\":\"typed twice\"}", 200,
	    "{'voided':true,'void_reason':'typed twice'}");
	hf_sql_assert(a->f, "(SELECT count(*) FROM audit_log WHERE action = 'payment.void' "
	    "AND details LIKE '% via=api') = 1");
	hf_take(a->f);
	/* again: the command's refusal, nothing changed */
	aw_refused(a, "POST", "/api/v1/payments/1/void", a->owner, "{\"reason\":\"again\"}", 422, "");
}

/* Several commands in one request are one transaction: a refusal of the
 * last undoes the first. */
static void test_student_create(void **state)
{
	struct aw *a = *state;

	aw_refused(a, "POST", "/api/v1/students", a->owner,
	    "{\"first_name\":\"Nina\",\"last_name\":\"Ray\",\"phone\":\"+79004440044\",\"email\":\"not-an-address\"}",
	    422, "");
	hf_sql_assert(a->f, "(SELECT count(*) FROM students) = 2");
	aw_refused(a, "POST", "/api/v1/students", a->owner,
	    "{\"first_name\":\"Nina\",\"last_name\":\"Ray\"}", 422, "phone");
	/* Alma's phone: the command names her */
	aw_refused(a, "POST", "/api/v1/students", a->owner,
	    "{\"first_name\":\"Nina\",\"last_name\":\"Ray\",\"phone\":\"+79001110001\"}", 422, "Alma");

	aw_expect(a, "POST", "/api/v1/students", a->owner,
	    "{\"first_name\":\"Nina\",\"last_name\":\"Ray\",\"phone\":\"8 900 444-00-44\",\"belt\":\"blue\","
	    "\"email\":\"nina@example.com\",\"birth_date\":\"2001-02-03\",\"unknown\":1}", 201,
	    "{'id':3,'first_name':'Nina','belt':'blue','phone':'+79004440044','active':true}");
	hf_sql_assert(a->f, "(SELECT email || birth_date FROM students WHERE id = 3) = "
	    "'nina@example.com2001-02-03'");
	hf_sql_assert(a->f, "(SELECT group_concat(action, ' ') FROM (SELECT action FROM audit_log "
	    "WHERE entity = 'student' AND entity_id = 3 AND actor = 100 AND details LIKE '%via=api' "
	    "ORDER BY id)) = 'student.add invite.create student.edit student.birth_date'");
	assert_int_equal(hf_take(a->f), 0);
}

static void test_student_update(void **state)
{
	struct aw *a = *state;

	aw_expect(a, "PATCH", "/api/v1/students/1", a->owner,
	    "{\"last_name\":\"de-la-Cruz\",\"phone\":\"+79001110009\",\"notes\":\"left knee\","
	    "\"medical_notes\":\"asthma\",\"emergency_contact\":\"mother +79000000000\"}", 200,
	    "{'first_name':'Alma','last_name':'de-la-Cruz','phone':'+79001110009'}");
	hf_sql_assert(a->f, "(SELECT notes || '|' || medical_notes || '|' || emergency_contact FROM students WHERE id = 1)"
	    " = 'left knee|asthma|mother +79000000000'");
	/* null clears; the same phone again changes nothing and is no error */
	assert_int_equal(aw_req(a, "PATCH", "/api/v1/students/1", a->owner,
	    "{\"notes\":null,\"phone\":\"+79001110009\"}", NULL), 200);
	hf_sql_assert(a->f, "(SELECT notes IS NULL FROM students WHERE id = 1)");
	assert_int_equal(aw_req(a, "PATCH", "/api/v1/students/1", a->owner,
	    "{\"birth_date\":\"2001-02-03\"}", NULL), 200);
	hf_sql_assert(a->f, "(SELECT birth_date FROM students WHERE id = 1) = '2001-02-03'");
	assert_int_equal(aw_req(a, "PATCH", "/api/v1/students/1", a->owner,
	    "{\"birth_date\":null}", NULL), 200);
	hf_sql_assert(a->f, "(SELECT birth_date IS NULL FROM students WHERE id = 1)");
	/* Zoe's phone: refused with the holder's name, and the name change
	 * before it in the same request undone */
	aw_refused(a, "PATCH", "/api/v1/students/1", a->owner,
	    "{\"first_name\":\"Alba\",\"phone\":\"+79005550002\"}", 422, "Zoe");
	hf_sql_assert(a->f, "(SELECT first_name FROM students WHERE id = 1) = 'Alma'");
	aw_refused(a, "PATCH", "/api/v1/students/1", a->owner, "{\"birth_date\":\"2030-01-01\"}", 422, "");
}

static void test_deactivate(void **state)
{
	struct aw *a = *state;

	aw_expect(a, "POST", "/api/v1/students/2/deactivate", a->owner, "", 200, "{'active':false}");
	hf_sql_assert(a->f, "(SELECT count(*) FROM audit_log WHERE action = 'student.deactivate' "
	    "AND entity_id = 2 AND details = 'via=api') = 1");
	hf_take(a->f);
	aw_refused(a, "POST", "/api/v1/students/2/deactivate", a->owner, "", 422, "");
}

/* A class added, then cancelled: a trainer only their own; the student
 * marked on it is told and gets the class back. */
static void test_training(void **state)
{
	struct aw *a = *state;
	const struct outbox_item *to_alma;

	aw_expect(a, "POST", "/api/v1/trainings", a->owner,
	    "{\"date\":\"2026-06-01\",\"time\":\"19:30\",\"duration_minutes\":90,\"title\":\"Kids <gi>\"}", 201,
	    "{'id':3,'title':'Kids <gi>','starts_at':'2026-06-01T19:30:00+03:00',"
	    "'ends_at':'2026-06-01T21:00:00+03:00','trainer':null,'cancelled':false}");
	aw_refused(a, "POST", "/api/v1/trainings", a->owner,
	    "{\"date\":\"2026-06-01\",\"time\":\"19:30\",\"title\":\"Gi\",\"trainer_id\":1}", 422, "trainer_id");

	assert_int_equal(aw_req(a, "POST", "/api/v1/attendances", a->trainer,
	    "{\"training_id\":1,\"student_id\":1,\"status\":\"present\"}", NULL), 200);
	hf_take(a->f);
	/* Otto does not teach class #1; Trina does not teach class #2 */
	aw_refused(a, "POST", "/api/v1/trainings/1/cancel", a->other_trainer, "{\"reason\":\"flu\"}", 422, "");
	aw_refused(a, "POST", "/api/v1/trainings/2/cancel", a->trainer, "", 422, "");
	aw_expect(a, "POST", "/api/v1/trainings/1/cancel", a->trainer, "{\"reason\":\"flu\"}", 200,
	    "{'cancelled':true,'cancel_reason':'flu','trainer':{'name':'Trina Petrova'}}");
	hf_take(a->f);
	to_alma = hf_get(a->f, OB_SEND_MESSAGE, AW_ALMA);
	hf_assert_contains(to_alma->text, "flu");
	assert_null(hf_find(a->f, OB_SEND_MESSAGE, AW_TRAINER));
	hf_sql_assert(a->f, "(SELECT status FROM attendance WHERE training_id = 1 AND student_id = 1)"
	    " = 'excused'");
	hf_sql_assert(a->f, "(SELECT count(*) FROM audit_log WHERE action = 'training.cancel' "
	    "AND actor = 300 AND details = 'flu via=api') = 1");
	aw_refused(a, "POST", "/api/v1/trainings/1/cancel", a->owner, "", 422, "");
}

/* A mark set directly (not cycled); the same mark again is met too; a
 * pack class is spent. */
static void test_attendance(void **state)
{
	struct aw *a = *state;
	long long before;

	hf_send(a->f, HF_OWNER, "/sell #1 month8 cash");
	hf_take(a->f);
	aw_expect(a, "POST", "/api/v1/attendances", a->trainer,
	    "{\"training_id\":2,\"student_id\":1,\"status\":\"late\"}", 200,
	    "{'training_id':2,'student_id':1,'status':'late','starts_at':'2026-05-30T19:00:00+03:00'}");
	hf_sql_assert(a->f, "(SELECT classes_left FROM subscriptions WHERE student_id = 1) = 7");
	assert_int_equal(hf_take(a->f), 0);
	assert_int_equal(aw_req(a, "POST", "/api/v1/attendances", a->owner,
	    "{\"training_id\":2,\"student_id\":1,\"status\":\"late\"}", NULL), 200);
	/* excused gives the class back */
	assert_int_equal(aw_req(a, "POST", "/api/v1/attendances", a->owner,
	    "{\"training_id\":2,\"student_id\":1,\"status\":\"excused\"}", NULL), 200);
	hf_sql_assert(a->f, "(SELECT classes_left FROM subscriptions WHERE student_id = 1) = 8");
	hf_sql_assert(a->f, "(SELECT count(*) FROM audit_log WHERE action = 'attendance.mark' "
	    "AND details LIKE '%via=api') = 2");
	aw_refused(a, "POST", "/api/v1/attendances", a->trainer,
	    "{\"training_id\":2,\"student_id\":99,\"status\":\"late\"}", 422, "");
	/* the button form the API uses, forged in Telegram with a word that
	 * is no status: the stale-button answer, no change */
	before = db_admin_changes(a->f->db);
	hf_press(a->f, AW_TRAINER, "att:2:1:bogus");
	assert_int_equal(db_admin_changes(a->f->db), before);
	hf_take(a->f);
	hf_assert_contains(hf_text_to(a->f, AW_TRAINER), "outdated");
}

static void test_sell(void **state)
{
	struct aw *a = *state;

	aw_expect(a, "POST", "/api/v1/subscriptions", a->owner,
	    "{\"student_id\":2,\"plan\":\"month8\",\"method\":\"transfer\",\"start\":\"2026-06-01\"}", 201,
	    "{'student_id':2,'plan':'month8','starts_on':'2026-06-01','ends_on':'2026-06-30','classes_left':8}");
	hf_sql_assert(a->f, "(SELECT count(*) FROM payments WHERE student_id = 2 AND amount = 400000 "
	    "AND method = 'transfer') = 1");
	hf_sql_assert(a->f, "(SELECT count(*) FROM audit_log WHERE action = 'subscription.sell' "
	    "AND details LIKE '%via=api') = 1");
	hf_take(a->f);
	assert_non_null(hf_find(a->f, OB_SEND_MESSAGE, AW_ZOE));
	aw_refused(a, "POST", "/api/v1/subscriptions", a->owner,
	    "{\"student_id\":2,\"plan\":\"month8\",\"method\":\"cash\",\"start\":\"1990-01-01\"}", 422, "");
}

/* An exam scheduled, then passed: the student is promoted, as in the bot. */
static void test_exam(void **state)
{
	struct aw *a = *state;

	aw_refused(a, "POST", "/api/v1/exams", a->trainer,
	    "{\"student_id\":1,\"belt\":\"purplish\",\"date\":\"2026-06-10\"}", 422, "purplish");
	aw_expect(a, "POST", "/api/v1/exams", a->trainer,
	    "{\"student_id\":1,\"belt\":\"blue\",\"date\":\"2026-06-10\"}", 201,
	    "{'id':1,'belt':'blue','date':'2026-06-10','status':'pending'}");
	hf_take(a->f);
	aw_expect(a, "POST", "/api/v1/exams/1/result", a->owner,
	    "{\"passed\":true,\"note\":\"sharp guard\"}", 200, "{'status':'passed','note':'sharp guard'}");
	hf_sql_assert(a->f, "(SELECT belt FROM students WHERE id = 1) = 'blue'");
	hf_sql_assert(a->f, "(SELECT count(*) FROM audit_log WHERE action IN ('exam.decide', "
	    "'promotion.add') AND details LIKE '%via=api') = 2");
	hf_take(a->f);
	assert_non_null(hf_find(a->f, OB_SEND_MESSAGE, AW_ALMA));
	aw_refused(a, "POST", "/api/v1/exams/1/result", a->owner, "{\"passed\":false}", 422, "");
}

/*
 * written (the answer to a write) must equal what a read shows: the whole
 * of GET url, or, with list, the element of its array list whose key
 * equals written's. written is deleted.
 */
static void aw_same_as_read(struct aw *a, cJSON *written, const char *url, const char *auth,
    const char *list, const char *key)
{
	const cJSON *item, *want = NULL;
	cJSON *got;

	assert_int_equal(aw_req(a, "GET", url, auth, NULL, &got), 200);
	if (list == NULL) {
		want = got;
	} else {
		cJSON_ArrayForEach(item, cJSON_GetObjectItem(got, list)) {
			if (aw_n(item, key) == aw_n(written, key))
				want = item;
		}
	}
	if (want == NULL || !cJSON_Compare(written, want, 1))
		fail_msg("%s: the write answered %s, the read shows %s", url,
		    cJSON_PrintUnformatted(written), cJSON_PrintUnformatted(got));
	cJSON_Delete(got);
	cJSON_Delete(written);
}

/* Every write answers with the resource exactly as the read of it shows
 * it: one JSON shape per resource. */
static void test_answer_is_the_read(void **state)
{
	static const struct {
		const char *method, *path, *body;
		int status, by_trainer;
		const char *read, *list, *key;   /* list NULL: the whole answer */
	} w[] = {
		{ "POST", "/api/v1/students",
		    "{\"first_name\":\"Ana\",\"last_name\":\"Lee\",\"phone\":\"+79001110009\"}", 201, 0,
		    "/api/v1/students/3", NULL, NULL },
		{ "PATCH", "/api/v1/students/3", "{\"last_name\":\"Park\"}", 200, 0,
		    "/api/v1/students/3", NULL, NULL },
		{ "POST", "/api/v1/students/3/deactivate", "", 200, 0, "/api/v1/students/3", NULL, NULL },
		{ "POST", "/api/v1/trainings",
		    "{\"date\":\"2026-06-01\",\"time\":\"19:30\",\"title\":\"Kids\"}", 201, 0,
		    "/api/v1/trainings/3", NULL, NULL },
		{ "POST", "/api/v1/attendances",
		    "{\"training_id\":1,\"student_id\":1,\"status\":\"present\"}", 200, 1,
		    "/api/v1/attendances?training=1", "attendances", "student_id" },
		{ "POST", "/api/v1/trainings/1/cancel", "{\"reason\":\"flu\"}", 200, 1,
		    "/api/v1/trainings/1", NULL, NULL },
		{ "POST", "/api/v1/payments",
		    "{\"student_id\":1,\"amount\":150050,\"method\":\"cash\",\"note\":\"gi\"}", 201, 0,
		    "/api/v1/payments?student=1", "payments", "id" },
		{ "POST", "/api/v1/payments/1/void", "{\"reason\":\"typo\"}", 200, 0,
		    "/api/v1/payments?student=1", "payments", "id" },
		{ "POST", "/api/v1/subscriptions",
		    "{\"student_id\":2,\"plan\":\"month8\",\"method\":\"card\"}", 201, 0,
		    "/api/v1/subscriptions?student=2", "subscriptions", "id" },
		{ "POST", "/api/v1/exams",
		    "{\"student_id\":1,\"belt\":\"blue\",\"date\":\"2026-06-10\"}", 201, 1,
		    "/api/v1/exams?student=1", "exams", "id" },
		{ "POST", "/api/v1/exams/1/result", "{\"passed\":false,\"note\":\"next time\"}", 200, 0,
		    "/api/v1/exams?student=1&status=all", "exams", "id" },
	};
	struct aw *a = *state;
	cJSON *j;

	for (size_t i = 0; i < BJJ_ARRAY_LEN(w); i++) {
		const char *auth = w[i].by_trainer ? a->trainer : a->owner;

		assert_int_equal(aw_req(a, w[i].method, w[i].path, auth, w[i].body, &j), w[i].status);
		aw_same_as_read(a, j, w[i].read, auth, w[i].list, w[i].key);
	}
	hf_take(a->f);
}

/* The 422's reason is the command's answer as plain text (tags dropped,
 * entities decoded), in the caller's language. */
static void test_refusal_text(void **state)
{
	struct aw *a = *state;
	cJSON *j;

	assert_int_equal(aw_req(a, "POST", "/api/v1/subscriptions", a->owner,
	    "{\"student_id\":1,\"plan\":\"a<b>&\",\"method\":\"cash\"}", &j), 422);
	assert_string_equal(aw_s(j, "error"), "There is no plan “a<b>&”. Plans: month8.");
	cJSON_Delete(j);
	hf_sql(a->f, "UPDATE tg_users SET lang = 'ru' WHERE tg_id = 100");
	assert_int_equal(aw_req(a, "POST", "/api/v1/subscriptions", a->owner,
	    "{\"student_id\":1,\"plan\":\"nosuch\",\"method\":\"cash\"}", &j), 422);
	assert_string_equal(aw_s(j, "error"), "Абонемента «nosuch» нет. Есть: month8.");
	cJSON_Delete(j);
	assert_int_equal(hf_take(a->f), 0);
}

/* A write through the API changes the same rows as the command typed in
 * Telegram, and queues the same messages to others. */
static void test_same_as_command(void **state)
{
	struct aw *a = *state;
	long long before = db_admin_changes(a->f->db), by_bot, by_api;
	size_t sent_bot, sent_api;

	hf_send(a->f, HF_OWNER, "/sell #1 month8 card");
	by_bot = db_admin_changes(a->f->db) - before;
	/* the owner's reply and the student's notice */
	sent_bot = hf_take(a->f) - 1;
	before = db_admin_changes(a->f->db);
	assert_int_equal(aw_req(a, "POST", "/api/v1/subscriptions", a->owner,
	    "{\"student_id\":2,\"plan\":\"month8\",\"method\":\"card\"}", NULL), 201);
	by_api = db_admin_changes(a->f->db) - before;
	sent_api = hf_take(a->f);
	assert_true(by_bot > 0);
	assert_int_equal(by_api, by_bot);
	assert_true(sent_bot > 0);
	assert_int_equal(sent_api, sent_bot);
}

/* A test between aw_setup and aw_teardown. */
#define AW_TEST(fn) cmocka_unit_test_setup_teardown(fn, aw_setup, aw_teardown)

BJJ_TEST_MAIN(
	AW_TEST(test_roles),
	AW_TEST(test_bad_bodies),
	AW_TEST(test_unknown_ids),
	AW_TEST(test_payment),
	AW_TEST(test_student_create),
	AW_TEST(test_student_update),
	AW_TEST(test_deactivate),
	AW_TEST(test_training),
	AW_TEST(test_attendance),
	AW_TEST(test_sell),
	AW_TEST(test_exam),
	AW_TEST(test_answer_is_the_read),
	AW_TEST(test_refusal_text),
	AW_TEST(test_same_as_command),
)
