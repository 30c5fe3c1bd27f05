/*
 * api_write.c — the API's writes (POST and PATCH under /api/v1, see
 * web.h). Each one is a Telegram command run for the token's holder
 * (h_api_run): the endpoint checks the JSON's types and ranges, writes the
 * command's arguments (students always as "#id"), and runs it; the
 * command's own rules decide, its audit rows and its messages to other
 * people are the same, and what it answers the caller becomes the 422's
 * reason when it wrote nothing. One transaction per request: a refusal or
 * a failure leaves every table as it was.
 *
 * Invariant: a value that the command reads as one word (a name, a plan
 * code, a date) is refused here when it holds white space, so it cannot
 * shift the arguments after it; only the last argument (a note, a reason,
 * a title) is free text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "lib/civil.h"
#include "lib/log.h"
#include "handlers/handlers.h"
#include "http/web.h"
#include "storage/belts.h"
#include "storage/billing.h"
#include "storage/schedule.h"
#include "storage/store.h"

/* Longest free text taken (the commands apply their own, smaller, limits). */
#define AW_TEXT_MAX 2000
/* Longest one-word value (a name, a code, a phone's digits). */
#define AW_WORD_MAX 100
/* A class's length when the request gives none. */
#define AW_DURATION_DEFAULT 60

/* ---- the body and its fields -------------------------------------------- */

/* The body as a JSON object (an empty body is {} when may_be_empty): 0
 * with *out owned, or -1 with rp a 400. */
static int aw_body(const struct web_request *rq, int may_be_empty, cJSON **out,
    struct web_reply *rp)
{
	*out = NULL;
	/* A string that is not UTF-8 would be stored, then break every JSON
	 * answer and Telegram message that shows it. */
	if (utf8_invalid_at(rq->body, rq->body_len) != rq->body_len) {
		web_reply_error(rp, 400, "the body must be UTF-8");
		return -1;
	}
	if (may_be_empty && rq->body_len == 0) {
		*out = cJSON_CreateObject();
		return 0;
	}
	*out = cJSON_ParseWithLength(rq->body, rq->body_len);
	if (cJSON_IsObject(*out))
		return 0;
	cJSON_Delete(*out);
	*out = NULL;
	web_reply_error(rp, 400, "the body must be a JSON object");
	return -1;
}

__attribute__((format(printf, 3, 4)))
static int aw_bad(struct web_reply *rp, const char *field, const char *fmt, ...)
{
	struct buf b = { 0 };
	va_list ap;

	buf_addf(&b, "bad field \"%s\": ", field);
	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	web_reply_error(rp, 400, buf_str(&b));
	buf_release(&b);
	return -1;
}

#define AW_REQUIRED 0x1
#define AW_ONE_WORD 0x2   /* no white space */
#define AW_NULLABLE 0x4   /* null clears: *out "-" (the commands' "clear") */

/* String field name: *out borrowed from o, NULL when absent. 0, or -1
 * with rp a 400. */
static int aw_str(const cJSON *o, const char *name, int flags, size_t max, const char **out,
    struct web_reply *rp)
{
	const cJSON *f = cJSON_GetObjectItemCaseSensitive(o, name);
	const char *s;

	*out = NULL;
	if (f == NULL)
		return (flags & AW_REQUIRED) ? aw_bad(rp, name, "required") : 0;
	if (cJSON_IsNull(f) && (flags & AW_NULLABLE)) {
		*out = "-";
		return 0;
	}
	if (!cJSON_IsString(f))
		return aw_bad(rp, name, "expected a string");
	s = f->valuestring;
	if (s[strspn(s, " \t\r\n")] == '\0')
		return aw_bad(rp, name, "empty");
	if (utf8_len(s) > max)
		return aw_bad(rp, name, "longer than %zu characters", max);
	if ((flags & AW_ONE_WORD) && strpbrk(s, " \t\r\n") != NULL)
		return aw_bad(rp, name, "one word expected, without spaces");
	if (strcmp(s, "-") == 0)
		return aw_bad(rp, name, "\"-\" is not a value");
	for (const char *p = s; *p; p++) {
		if ((unsigned char)*p < 0x20 && *p != '\n' && *p != '\t')
			return aw_bad(rp, name, "control characters are not allowed");
	}
	*out = s;
	return 0;
}

/* A whole number in [1, 2^53] (JSON keeps those exact): 0 (absent: *out
 * 0), or -1 with rp a 400. */
static int aw_int(const cJSON *o, const char *name, int flags, int64_t lo, int64_t hi,
    int64_t *out, struct web_reply *rp)
{
	const cJSON *f = cJSON_GetObjectItemCaseSensitive(o, name);
	double v;

	*out = 0;
	if (f == NULL)
		return (flags & AW_REQUIRED) ? aw_bad(rp, name, "required") : 0;
	if (!cJSON_IsNumber(f))
		return aw_bad(rp, name, "expected a number");
	v = f->valuedouble;
	if (!(v >= (double)lo && v <= (double)hi) || v != (double)(int64_t)v)
		return aw_bad(rp, name, "expected a whole number from %lld to %lld", (long long)lo,
		    (long long)hi);
	*out = (int64_t)v;
	return 0;
}

#define AW_ID_MAX 9007199254740992LL   /* 2^53 */

static int aw_id(const cJSON *o, const char *name, int64_t *out, struct web_reply *rp)
{
	return aw_int(o, name, AW_REQUIRED, 1, AW_ID_MAX, out, rp);
}

/* A date "YYYY-MM-DD": 0 with *out borrowed (NULL when absent), or -1. */
static int aw_date(const cJSON *o, const char *name, int flags, const char **out,
    struct web_reply *rp)
{
	int y, m, d;

	if (aw_str(o, name, flags | AW_ONE_WORD, AW_WORD_MAX, out, rp) != 0)
		return -1;
	if (*out == NULL || strcmp(*out, "-") == 0)
		return 0;
	if (web_date_parse(*out, &y, &m, &d) != 0)
		return aw_bad(rp, name, "expected a date YYYY-MM-DD");
	return 0;
}

/* One of words (NULL-terminated): 0 with *out borrowed, or -1. */
static int aw_enum(const cJSON *o, const char *name, int flags, const char *const *words,
    const char **out, struct web_reply *rp)
{
	struct buf b = { 0 };

	if (aw_str(o, name, flags | AW_ONE_WORD, AW_WORD_MAX, out, rp) != 0)
		return -1;
	if (*out == NULL)
		return 0;
	for (size_t i = 0; words[i] != NULL; i++) {
		if (strcmp(*out, words[i]) == 0)
			return 0;
	}
	for (size_t i = 0; words[i] != NULL; i++)
		buf_addf(&b, "%s%s", i > 0 ? ", " : "", words[i]);
	aw_bad(rp, name, "one of %s", buf_str(&b));
	buf_release(&b);
	return -1;
}

static const char *const aw_methods[] = { "cash", "card", "transfer", "other", NULL };

/* ---- running the commands ---------------------------------------------- */

/* The request's transaction. 0, or -1 with rp a 500. */
static int aw_begin(const struct web_env *env, struct web_reply *rp)
{
	if (db_begin(env->h->db) == DB_OK)
		return 0;
	web_reply_error(rp, 500, "internal error");
	return -1;
}

/* Keep the request's changes (when rp is unset so far, i.e. all went
 * well) or undo them. */
static void aw_end(const struct web_env *env, struct web_reply *rp)
{
	if (rp->status != 0 && rp->status < 300) {
		if (db_commit(env->h->db) == DB_OK)
			return;
		log_error("http", "cannot commit an API write");
		web_reply_error(rp, 500, "internal error");
	}
	db_rollback(env->h->db);
}

/*
 * Run the command text for the caller, expecting a row of entity: 1 with
 * *id (the row) when it wrote; 0 with rp a 422 carrying the command's
 * answer as plain text; -1 with rp a 500.
 */
static int aw_run(const struct web_env *env, const struct web_request *rq, const char *entity,
    const char *text, int64_t *id, struct web_reply *rp)
{
	struct h_api_run run;
	char *plain;
	int rc;

	memset(&run, 0, sizeof(run));
	run.entity = entity;
	env->h->now = clock_now();
	rc = h_api_run(env->h, rq->caller, text, &run);
	if (rc != 0) {
		web_reply_error(rp, 500, "internal error");
		rc = -1;
	} else if (run.done) {
		*id = run.id;
		rc = 1;
	} else {
		plain = html_to_plain(run.reply.len > 0 ? buf_str(&run.reply) : "refused");
		web_reply_error(rp, 422, plain);
		free(plain);
		rc = 0;
	}
	buf_release(&run.reply);
	return rc;
}

/* ---- the answers: the JSON the reads show (api_read.c) ------------------- */

/* Student id as rp (status 200/201); 404 when there is none. */
static void aw_reply_student(const struct web_env *env, const struct web_request *rq, int64_t id,
    int status, struct web_reply *rp)
{
	struct person p = { 0 };

	/* the phone, as GET /api/v1/students/{id} shows it to the owner */
	if (web_found(db_person_get(env->h->db, PERSON_STUDENT, id, &p), "student", rp))
		web_reply_json(rp, status, web_student_json(&p, rq->caller->role == ROLE_OWNER));
	person_release(&p);
}

static void aw_reply_training(const struct web_env *env, const struct web_request *rq, int64_t id,
    int status, struct web_reply *rp)
{
	web_training_reply(env, rq->caller, id, status, rp);
}

/* The mark of student at training as GET /api/v1/attendances lists it. */
static void aw_reply_attendance(const struct web_env *env, int64_t training, int64_t student,
    struct web_reply *rp)
{
	struct attendance a;

	if (db_attendance_get(env->h->db, training, student, &a) != DB_OK) {
		web_reply_error(rp, 500, "internal error");
		return;
	}
	web_reply_json(rp, 200, web_attendance_json(training, student, a.status, a.source,
	    a.starts_at));
}

static void aw_reply_payment(const struct web_env *env, const struct web_request *rq, int64_t id,
    int status, struct web_reply *rp)
{
	struct payment p = { 0 };

	(void)rq;
	if (!web_found(db_payment_get(env->h->db, id, &p), "payment", rp))
		return;
	web_reply_json(rp, status, web_payment_json(&p, env->h->cfg->currency));
	payment_release(&p);
}

static void aw_reply_subscription(const struct web_env *env, const struct web_request *rq, int64_t id,
    int status, struct web_reply *rp)
{
	struct subscription s = { 0 };

	(void)rq;
	if (!web_found(db_subscription_get(env->h->db, id, &s), "subscription", rp))
		return;
	web_reply_json(rp, status, web_subscription_json(&s));
	subscription_release(&s);
}

static void aw_reply_exam(const struct web_env *env, const struct web_request *rq, int64_t id,
    int status, struct web_reply *rp)
{
	struct exam e;

	(void)rq;
	if (!web_found(db_exam_get(env->h->db, id, &e), "exam", rp))
		return;
	web_reply_json(rp, status, web_exam_json(&e));
	exam_release(&e);
}

/* ---- students ------------------------------------------------------------- */

typedef void (*aw_reply_fn)(const struct web_env *env, const struct web_request *rq, int64_t id,
    int status, struct web_reply *rp);

/*
 * The whole of a write of one command: text (owned, freed here) run in a
 * transaction of its own; when it wrote, rp is reply() of the path's id
 * (an action on a resource) or else of the row it made, with status.
 */
static void aw_write(const struct web_env *env, const struct web_request *rq, const char *entity,
    char *text, aw_reply_fn reply, int status, struct web_reply *rp)
{
	int64_t id = 0;

	if (aw_begin(env, rp) == 0) {
		if (aw_run(env, rq, entity, text, &id, rp) == 1)
			reply(env, rq, rq->id != 0 ? rq->id : id, status, rp);
		aw_end(env, rp);
	}
	free(text);
}

void web_api_student_create(const struct web_env *env, const struct web_request *rq,
    struct web_reply *rp)
{
	const char *first, *last, *phone, *belt, *email, *birth;
	cJSON *o = NULL;
	char *text = NULL;
	int64_t id = 0, ignored;

	if (!web_allowed(rq, "addstudent", rp) || aw_body(rq, 0, &o, rp) != 0)
		return;
	if (aw_str(o, "first_name", AW_REQUIRED | AW_ONE_WORD, AW_WORD_MAX, &first, rp) != 0 ||
	    aw_str(o, "last_name", AW_REQUIRED | AW_ONE_WORD, AW_WORD_MAX, &last, rp) != 0 ||
	    aw_str(o, "phone", 0, AW_WORD_MAX, &phone, rp) != 0 ||
	    aw_str(o, "belt", 0, AW_WORD_MAX, &belt, rp) != 0 ||
	    aw_str(o, "email", AW_ONE_WORD, AW_WORD_MAX * 3, &email, rp) != 0 ||
	    aw_date(o, "birth_date", 0, &birth, rp) != 0)
		goto out;
	if (phone == NULL) {
		web_reply_error(rp, 422, "a phone number is required: /addstudent records students by phone");
		goto out;
	}
	/* a digit would be read as part of the phone */
	if (belt != NULL && strpbrk(belt, "0123456789") != NULL) {
		aw_bad(rp, "belt", "a belt's code or name, without digits");
		goto out;
	}
	if (aw_begin(env, rp) != 0)
		goto out;
	text = xasprintf("/addstudent %s %s %s%s%s", first, last, phone, belt ? " " : "",
	    belt ? belt : "");
	if (aw_run(env, rq, "student", text, &id, rp) != 1)
		goto end;
	free(text);
	text = email != NULL ? xasprintf("/editstudent #%lld email %s", (long long)id, email) : NULL;
	if (text != NULL && aw_run(env, rq, "student", text, &ignored, rp) != 1)
		goto end;
	free(text);
	text = birth != NULL ? xasprintf("/setbirth #%lld %s", (long long)id, birth) : NULL;
	if (text != NULL && aw_run(env, rq, "student", text, &ignored, rp) != 1)
		goto end;
	aw_reply_student(env, rq, id, 201, rp);
end:
	aw_end(env, rp);
out:
	free(text);
	cJSON_Delete(o);
}

/* The /editstudent word of each free-text field of PATCH /students/{id}. */
static const struct {
	const char *field, *word;
	size_t max;
} aw_edit_fields[] = {
	{ "email", "email", AW_WORD_MAX * 3 },
	{ "notes", "notes", AW_TEXT_MAX },
	{ "emergency_contact", "emergency", AW_TEXT_MAX },
	{ "medical_notes", "medical", AW_TEXT_MAX },
};

void web_api_student_update(const struct web_env *env, const struct web_request *rq,
    struct web_reply *rp)
{
	const char *first, *last, *phone, *birth, *v[BJJ_ARRAY_LEN(aw_edit_fields)];
	struct person p = { 0 };
	cJSON *o = NULL;
	char *text = NULL;
	int64_t ignored;
	size_t i;

	if (!web_allowed(rq, "editstudent", rp) || aw_body(rq, 0, &o, rp) != 0)
		return;
	if (aw_str(o, "first_name", AW_ONE_WORD, AW_WORD_MAX, &first, rp) != 0 ||
	    /* one word, as POST (/addstudent) takes it */
	    aw_str(o, "last_name", AW_ONE_WORD, AW_WORD_MAX, &last, rp) != 0 ||
	    aw_str(o, "phone", 0, AW_WORD_MAX, &phone, rp) != 0 ||
	    aw_date(o, "birth_date", AW_NULLABLE, &birth, rp) != 0)
		goto out;
	for (i = 0; i < BJJ_ARRAY_LEN(aw_edit_fields); i++) {
		if (aw_str(o, aw_edit_fields[i].field, AW_NULLABLE | (i == 0 ? AW_ONE_WORD : 0),
		    aw_edit_fields[i].max, &v[i], rp) != 0)
			goto out;
	}
	if (!web_found(db_student_exists(env->h->db, rq->id), "student", rp) || aw_begin(env, rp) != 0)
		goto out;
	if (db_person_get(env->h->db, PERSON_STUDENT, rq->id, &p) != DB_OK) {
		web_reply_error(rp, 500, "internal error");
		goto end;
	}
	/* The name is one change, first and last together. */
	if (first != NULL || last != NULL) {
		text = xasprintf("/editstudent #%lld name %s %s", (long long)rq->id,
		    first != NULL ? first : p.first_name, last != NULL ? last : p.last_name);
		if (aw_run(env, rq, "student", text, &ignored, rp) != 1)
			goto end;
		free(text);
		text = NULL;
	}
	/* /setphone refuses the number the student has: nothing to change */
	if (phone != NULL) {
		char e164[PHONE_MAX];

		if (phone_normalize(phone, e164) != 0 || p.phone == NULL || strcmp(e164, p.phone) != 0) {
			text = xasprintf("/setphone #%lld %s", (long long)rq->id, phone);
			if (aw_run(env, rq, "student", text, &ignored, rp) != 1)
				goto end;
			free(text);
			text = NULL;
		}
	}
	if (birth != NULL) {
		text = xasprintf("/setbirth #%lld %s", (long long)rq->id, birth);
		if (aw_run(env, rq, "student", text, &ignored, rp) != 1)
			goto end;
		free(text);
		text = NULL;
	}
	for (i = 0; i < BJJ_ARRAY_LEN(aw_edit_fields); i++) {
		if (v[i] == NULL)
			continue;
		text = xasprintf("/editstudent #%lld %s %s", (long long)rq->id, aw_edit_fields[i].word,
		    v[i]);
		if (aw_run(env, rq, "student", text, &ignored, rp) != 1)
			goto end;
		free(text);
		text = NULL;
	}
	aw_reply_student(env, rq, rq->id, 200, rp);
end:
	aw_end(env, rp);
out:
	person_release(&p);
	free(text);
	cJSON_Delete(o);
}

void web_api_student_deactivate(const struct web_env *env, const struct web_request *rq,
    struct web_reply *rp)
{
	if (web_allowed(rq, "deactivate", rp) &&
	    web_found(db_student_exists(env->h->db, rq->id), "student", rp))
		aw_write(env, rq, "student", xasprintf("/deactivate #%lld", (long long)rq->id),
		    aw_reply_student, 200, rp);
}

/* ---- trainings ------------------------------------------------------------ */

void web_api_training_create(const struct web_env *env, const struct web_request *rq,
    struct web_reply *rp)
{
	const char *date, *time, *title;
	cJSON *o = NULL;
	int64_t minutes;
	int minute;

	if (!web_allowed(rq, "addtraining", rp) || aw_body(rq, 0, &o, rp) != 0)
		return;
	if (aw_date(o, "date", AW_REQUIRED, &date, rp) != 0 ||
	    aw_str(o, "time", AW_REQUIRED | AW_ONE_WORD, AW_WORD_MAX, &time, rp) != 0 ||
	    aw_int(o, "duration_minutes", 0, 1, 1440, &minutes, rp) != 0 ||
	    aw_str(o, "title", AW_REQUIRED, AW_TEXT_MAX, &title, rp) != 0)
		goto out;
	if (strlen(time) != 5 || civil_parse_hhmm(time, &minute) != 0)
		aw_bad(rp, "time", "expected HH:MM");
	else if (cJSON_GetObjectItemCaseSensitive(o, "trainer_id") != NULL)
		web_reply_error(rp, 422, "trainer_id is not supported: /addtraining adds a class without a trainer");
	else
		aw_write(env, rq, "training", xasprintf("/addtraining %s %s %lld %s", date, time,
		    (long long)(minutes != 0 ? minutes : AW_DURATION_DEFAULT), title),
		    aw_reply_training, 201, rp);
out:
	cJSON_Delete(o);
}

void web_api_training_cancel(const struct web_env *env, const struct web_request *rq,
    struct web_reply *rp)
{
	struct training t = { 0 };
	const char *reason;
	cJSON *o = NULL;

	if (!web_allowed(rq, "cancel", rp) || aw_body(rq, 1, &o, rp) != 0)
		return;
	if (aw_str(o, "reason", 0, AW_TEXT_MAX, &reason, rp) == 0 &&
	    web_found(db_training_get(env->h->db, rq->id, &t), "training", rp))
		aw_write(env, rq, "training", xasprintf("/cancel #%lld%s%s", (long long)rq->id,
		    reason ? " " : "", reason ? reason : ""), aw_reply_training, 200, rp);
	training_release(&t);
	cJSON_Delete(o);
}

/* ---- attendances ---------------------------------------------------------- */

static const char *const aw_statuses[] = { "present", "late", "excused", "absent", NULL };

void web_api_attendance_mark(const struct web_env *env, const struct web_request *rq,
    struct web_reply *rp)
{
	const char *status;
	cJSON *o = NULL;
	char *data = NULL;
	int64_t training, student, ignored;

	/* the roster's buttons: trainers and owners */
	if (!web_allowed(rq, "attendance", rp) || aw_body(rq, 0, &o, rp) != 0)
		return;
	if (aw_id(o, "training_id", &training, rp) != 0 || aw_id(o, "student_id", &student, rp) != 0 ||
	    aw_enum(o, "status", AW_REQUIRED, aw_statuses, &status, rp) != 0)
		goto out;
	if (aw_begin(env, rp) != 0)
		goto out;
	data = xasprintf("att:%lld:%lld:%s", (long long)training, (long long)student, status);
	if (aw_run(env, rq, "training", data, &ignored, rp) == 1)
		aw_reply_attendance(env, training, student, rp);
	aw_end(env, rp);
out:
	free(data);
	cJSON_Delete(o);
}

/* ---- payments and subscriptions ------------------------------------------ */

void web_api_payment_create(const struct web_env *env, const struct web_request *rq,
    struct web_reply *rp)
{
	const char *method, *note;
	cJSON *o = NULL;
	int64_t student, amount;

	if (!web_allowed(rq, "pay", rp) || aw_body(rq, 0, &o, rp) != 0)
		return;
	/* money_parse's ceiling: 10^12 major units */
	if (aw_id(o, "student_id", &student, rp) == 0 &&
	    aw_int(o, "amount", AW_REQUIRED, 1, 100000000000000LL, &amount, rp) == 0 &&
	    aw_enum(o, "method", AW_REQUIRED, aw_methods, &method, rp) == 0 &&
	    aw_str(o, "note", 0, AW_TEXT_MAX, &note, rp) == 0)
		aw_write(env, rq, "payment", xasprintf("/pay #%lld %lld.%02lld %s%s%s",
		    (long long)student, (long long)(amount / 100), (long long)(amount % 100), method,
		    note ? " " : "", note ? note : ""), aw_reply_payment, 201, rp);
	cJSON_Delete(o);
}

void web_api_payment_void(const struct web_env *env, const struct web_request *rq,
    struct web_reply *rp)
{
	struct payment p = { 0 };
	const char *reason;
	cJSON *o = NULL;

	if (!web_allowed(rq, "void", rp) || aw_body(rq, 0, &o, rp) != 0)
		return;
	if (aw_str(o, "reason", AW_REQUIRED, AW_TEXT_MAX, &reason, rp) == 0 &&
	    web_found(db_payment_get(env->h->db, rq->id, &p), "payment", rp))
		aw_write(env, rq, "payment", xasprintf("/void payment %lld %s", (long long)rq->id,
		    reason), aw_reply_payment, 200, rp);
	payment_release(&p);
	cJSON_Delete(o);
}

void web_api_subscription_sell(const struct web_env *env, const struct web_request *rq,
    struct web_reply *rp)
{
	const char *plan, *method, *start;
	cJSON *o = NULL;
	int64_t student;

	if (!web_allowed(rq, "sell", rp) || aw_body(rq, 0, &o, rp) != 0)
		return;
	if (aw_id(o, "student_id", &student, rp) == 0 &&
	    aw_str(o, "plan", AW_REQUIRED | AW_ONE_WORD, AW_WORD_MAX, &plan, rp) == 0 &&
	    aw_enum(o, "method", AW_REQUIRED, aw_methods, &method, rp) == 0 &&
	    aw_date(o, "start", 0, &start, rp) == 0)
		aw_write(env, rq, "subscription", xasprintf("/sell #%lld %s %s%s%s", (long long)student,
		    plan, start ? start : "", start ? " " : "", method), aw_reply_subscription, 201, rp);
	cJSON_Delete(o);
}

/* ---- exams ------------------------------------------------------------------ */

void web_api_exam_schedule(const struct web_env *env, const struct web_request *rq,
    struct web_reply *rp)
{
	const char *belt, *date;
	cJSON *o = NULL;
	int64_t student;

	if (!web_allowed(rq, "exam", rp) || aw_body(rq, 0, &o, rp) != 0)
		return;
	if (aw_id(o, "student_id", &student, rp) != 0 ||
	    aw_str(o, "belt", AW_REQUIRED, AW_WORD_MAX, &belt, rp) != 0 ||
	    aw_date(o, "date", AW_REQUIRED, &date, rp) != 0)
		goto out;
	if (strpbrk(belt, "0123456789") != NULL)
		aw_bad(rp, "belt", "a belt's code or name, without digits");
	else
		aw_write(env, rq, "exam", xasprintf("/exam #%lld %s %s", (long long)student, belt, date),
		    aw_reply_exam, 201, rp);
out:
	cJSON_Delete(o);
}

void web_api_exam_result(const struct web_env *env, const struct web_request *rq,
    struct web_reply *rp)
{
	const cJSON *passed;
	const char *note;
	struct exam e;
	cJSON *o = NULL;
	int rc;

	if (!web_allowed(rq, "exam", rp) || aw_body(rq, 0, &o, rp) != 0)
		return;
	passed = cJSON_GetObjectItemCaseSensitive(o, "passed");
	if (passed == NULL) {
		aw_bad(rp, "passed", "required");
		goto out;
	}
	if (!cJSON_IsBool(passed)) {
		aw_bad(rp, "passed", "expected true or false");
		goto out;
	}
	if (aw_str(o, "note", 0, AW_TEXT_MAX, &note, rp) != 0)
		goto out;
	rc = db_exam_get(env->h->db, rq->id, &e);
	if (rc == DB_OK)
		exam_release(&e);
	if (web_found(rc, "exam", rp))
		aw_write(env, rq, "exam", xasprintf("/exam %lld %s%s%s", (long long)rq->id,
		    cJSON_IsTrue(passed) ? "passed" : "failed", note ? " " : "", note ? note : ""),
		    aw_reply_exam, 200, rp);
out:
	cJSON_Delete(o);
}
