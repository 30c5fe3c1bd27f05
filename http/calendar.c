/*
 * calendar.c — GET /calendar/<secret>.ics: the academy's schedule as an
 * iCalendar feed for Google Calendar and the like (see ics.h). The secret
 * (/calendar in the bot) is the only credential: an unknown or revoked
 * one gets the same 404 as a path that never existed.
 *
 * Every person's secret serves the same feed: the academy's classes from
 * 30 days back to 60 ahead, cancelled ones marked.
 */
#include <string.h>

#include "handlers/handlers.h"
#include "http/ics.h"
#include "http/web.h"
#include "storage/calendar.h"
#include "storage/schedule.h"

#define WEB_CAL_DAYS_BACK 30
#define WEB_CAL_DAYS_AHEAD 60
/* far more than an academy's 90 days of classes */
#define WEB_CAL_MAX 5000

/* The secret of path "/calendar/<secret>.ics" into out; -1 when it is no
 * secret's shape. */
static int web_cal_secret(const char *path, char *out, size_t outlen)
{
	static const char head[] = "/calendar/", tail[] = ".ics";
	size_t len = strlen(path), hl = sizeof(head) - 1, tl = sizeof(tail) - 1, n;

	if (len <= hl + tl || strncmp(path, head, hl) != 0 || strcmp(path + len - tl, tail) != 0)
		return -1;
	n = len - hl - tl;
	if (n >= outlen)
		return -1;
	memcpy(out, path + hl, n);
	out[n] = '\0';
	return 0;
}

void web_calendar(const struct web_env *env, const struct web_request *rq, struct web_reply *rp)
{
	char secret[64];
	int kind;
	int64_t subject, now;
	struct training *v = NULL;
	size_t n = 0;
	int rc;

	if (web_cal_secret(rq->path, secret, sizeof(secret)) != 0) {
		web_reply_error(rp, 404, "not found");
		return;
	}
	rc = db_calendar_secret_find(env->h->db, secret, &kind, &subject);
	if (rc == DB_NOTFOUND) {
		web_reply_error(rp, 404, "not found");
		return;
	}
	now = clock_now();
	if (rc != DB_OK || db_trainings_range(env->h->db, now - WEB_CAL_DAYS_BACK * 86400LL,
	    now + WEB_CAL_DAYS_AHEAD * 86400LL, 1, WEB_CAL_MAX, &v, &n) != DB_OK) {
		web_reply_error(rp, 500, "internal error");
		return;
	}
	buf_truncate(&rp->body, 0);
	ics_feed(&rp->body, env->cfg->academy_name ? env->cfg->academy_name : "", v, n, now);
	trainings_free(v, n);
	rp->status = 200;
	rp->content_type = "text/calendar; charset=utf-8";
}
