/*
 * calendar.c — the calendar feeds, iCalendar for Google Calendar and the
 * like (see ics.h). A person's secret (/calendar in the bot) is the only
 * credential and opens two feeds; an unknown or revoked one, or one whose
 * person left (a deactivated student or trainer, an owner no longer in
 * owner_ids), gets the same 404 as a path that never existed.
 *
 * GET /calendar/<secret>.ics, the person's own feed:
 *   student: the classes they answered "I'm coming" to or were marked
 *            present or late at, and their belt exams;
 *   trainer: the classes they teach;
 *   owner:   every class and every student's belt exam.
 * GET /calendar/<secret>/academy.ics: the academy's whole schedule.
 * Both cover 30 days back to 60 ahead; cancelled classes stay, marked
 * CANCELLED, so a calendar that had them shows the cancellation. Exams are
 * all-day events on their date; the texts are in the academy's language.
 */
#include <stdio.h>
#include <string.h>

#include "lib/civil.h"
#include "handlers/command.h"
#include "handlers/handlers.h"
#include "handlers/texts.h"
#include "http/ics.h"
#include "http/web.h"
#include "storage/apitokens.h"
#include "storage/belts.h"
#include "storage/calendar.h"
#include "storage/schedule.h"

#define WEB_CAL_DAYS_BACK 30
#define WEB_CAL_DAYS_AHEAD 60
/* far more than an academy's 90 days of classes or exams */
#define WEB_CAL_MAX 5000

/* The secret of "/calendar/<secret>.ics" or "/calendar/<secret>/academy.ics"
 * into out (the router matched the shape); -1 when it does not fit. */
static int web_cal_secret(const char *path, char *out, size_t outlen)
{
	static const char head[] = "/calendar/";
	size_t hl = sizeof(head) - 1, n;

	if (strncmp(path, head, hl) != 0)
		return -1;
	n = strcspn(path + hl, "/.");
	if (n == 0 || n >= outlen)
		return -1;
	memcpy(out, path + hl, n);
	out[n] = '\0';
	return 0;
}

/* The exams of student (0: everyone's) in [from, to] as all-day events. */
static int web_cal_exams(const struct web_env *env, struct buf *b, int64_t student, int64_t from,
    int64_t to, int64_t now)
{
	enum lang l = env->h->default_lang;
	char df[CIVIL_DATE_LEN], dt[CIVIL_DATE_LEN], uid[64];
	struct civil c;
	struct exam *v = NULL;
	size_t n = 0;
	struct buf s = { 0 };

	civil_split(from, &c);
	civil_format_date(df, c.year, c.month, c.day);
	civil_split(to, &c);
	civil_format_date(dt, c.year, c.month, c.day);
	if (db_exams_between(env->h->db, student, df, dt, WEB_CAL_MAX, &v, &n) != DB_OK)
		return -1;
	for (size_t i = 0; i < n; i++) {
		const char *belt = h_belt_name(l, v[i].target_belt);
		const char *result = strcmp(v[i].result, "passed") == 0 ? H_T(l, T_CAL_EXAM_PASSED) :
		    strcmp(v[i].result, "failed") == 0 ? H_T(l, T_CAL_EXAM_FAILED) : NULL;

		buf_truncate(&s, 0);
		if (student != 0)
			H_TF(&s, l, T_CAL_EXAM, belt);
		else
			H_TF(&s, l, T_CAL_EXAM_OF, v[i].first_name ? v[i].first_name : "",
			    v[i].last_name ? v[i].last_name : "", belt);
		snprintf(uid, sizeof(uid), "exam-%lld@bjjbot", (long long)v[i].id);
		ics_all_day(b, uid, v[i].exam_date, buf_str(&s), result, now);
	}
	buf_release(&s);
	exams_free(v, n);
	return 0;
}

/* The feed of the person (kind, subject) into b, or the academy's; -1 on
 * a database error. */
static int web_cal_feed(const struct web_env *env, struct buf *b, int kind, int64_t subject,
    int academy, int64_t now)
{
	const char *name = env->h->cfg->academy_name ? env->h->cfg->academy_name : "";
	int64_t from = now - WEB_CAL_DAYS_BACK * 86400LL, to = now + WEB_CAL_DAYS_AHEAD * 86400LL;
	struct training *v = NULL;
	size_t n = 0;
	struct buf cal = { 0 }, exams = { 0 };
	int rc;

	if (academy || kind == API_SUBJECT_OWNER)
		rc = db_trainings_range(env->h->db, from, to, 1, WEB_CAL_MAX, &v, &n);
	else
		rc = db_trainings_of_person(env->h->db, kind, subject, from, to, WEB_CAL_MAX, &v, &n);
	if (rc != DB_OK)
		return -1;
	rc = 0;
	if (!academy && kind != PERSON_TRAINER)
		rc = web_cal_exams(env, &exams, kind == PERSON_STUDENT ? subject : 0, from, to, now);
	if (!academy)
		H_TF(&cal, env->h->default_lang, T_CAL_FEED_MINE, name);
	if (rc == 0)
		ics_feed(b, academy ? name : buf_str(&cal), v, n, buf_str(&exams), now);
	buf_release(&cal);
	buf_release(&exams);
	trainings_free(v, n);
	return rc;
}

static void web_calendar_serve(const struct web_env *env, const struct web_request *rq,
    struct web_reply *rp, int academy)
{
	char secret[64];
	int kind, rc;
	int64_t subject;

	if (web_cal_secret(rq->path, secret, sizeof(secret)) != 0) {
		web_reply_error(rp, 404, "not found");
		return;
	}
	rc = db_calendar_secret_find(env->h->db, secret, &kind, &subject);
	if (rc == DB_OK) {
		/* a deactivated person's, or a former owner's, serves nothing */
		int current = h_subject_current(env->h, kind, subject);

		rc = current < 0 ? DB_ERROR : current ? DB_OK : DB_NOTFOUND;
	}
	if (rc == DB_NOTFOUND) {
		web_reply_error(rp, 404, "not found");
		return;
	}
	buf_truncate(&rp->body, 0);
	if (rc != DB_OK || web_cal_feed(env, &rp->body, kind, subject, academy, clock_now()) != 0) {
		web_reply_error(rp, 500, "internal error");
		return;
	}
	rp->status = 200;
	rp->content_type = "text/calendar; charset=utf-8";
}

void web_calendar(const struct web_env *env, const struct web_request *rq, struct web_reply *rp)
{
	web_calendar_serve(env, rq, rp, 0);
}

void web_calendar_academy(const struct web_env *env, const struct web_request *rq,
    struct web_reply *rp)
{
	web_calendar_serve(env, rq, rp, 1);
}
