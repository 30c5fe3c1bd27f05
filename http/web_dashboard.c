/*
 * web_dashboard.c — the owner dashboard (see web.h): the one-time login
 * link /web sends, the session cookie it becomes, the page at "/", its
 * compiled-in style and script, and the JSON under /web/api/ the script
 * reads.
 *
 * Invariants: a session is good only while its owner is still in
 * owner_ids (one who is not loses every session at the first request);
 * the session id travels only in an HttpOnly, SameSite=Strict cookie and
 * is never logged; no file is opened to answer (the static files are
 * arrays, looked up by exact name); every /web/api/ read goes through the
 * storage functions the bot's commands and jobs use. The script puts
 * data in as text only (textContent), and the Content-Security-Policy
 * lets no inline script run.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>

#include "lib/civil.h"
#include "bot/config.h"
#include "handlers/handlers.h"
#include "handlers/texts.h"
#include "http/web.h"
#include "storage/admin.h"
#include "storage/jobs.h"
#include "storage/reports.h"
#include "storage/schedule.h"
#include "storage/store.h"
#include "storage/websessions.h"

#define WEB_DASH_COOKIE "bjj_session"
/* a roster longer than any mat */
#define WEB_DASH_ROSTER_MAX 200
#define WEB_DASH_STUDENTS_MAX 50
/* further than any academy's list of students goes */
#define WEB_DASH_OFFSET_MAX 1000000
#define WEB_DASH_LIST_MAX 100
/* months in the charts, this one included */
#define WEB_DASH_MONTHS 6
#define WEB_DASH_ENDING_DAYS 7
/* a search longer than any name is a mistake */
#define WEB_DASH_QUERY_MAX 100
/* classes of one month in the attendance report: all of them */
#define WEB_DASH_REPORT_MAX 1000

const char *const web_security_headers[] = {
	"X-Content-Type-Options", "nosniff",
	"Content-Security-Policy", "default-src 'self'",
	"Referrer-Policy", "no-referrer",
	"X-Frame-Options", "DENY",
	NULL,
};

/* The signed-in owner of a request. */
struct web_dash_who {
	int64_t owner;
	enum lang lang;
};

/* ---- sessions ------------------------------------------------------------ */

/* 1 when the public address is https: the cookies are Secure. */
static int web_dash_https(const char *base)
{
	return base != NULL && strncmp(base, "https://", 8) == 0;
}

/* 1 when s is len characters of random_code's alphabet. */
static int web_dash_code_ok(const char *s, size_t len)
{
	return code_span(s) == len && s[len] == '\0';
}

/* The session id of rq's cookie into sid; 0 when there is none that could
 * be one. */
static int web_dash_sid(const struct web_request *rq, char sid[DB_WEB_SID_LEN + 1])
{
	static const char name[] = WEB_DASH_COOKIE "=";
	const char *p = rq->cookie;

	while (p != NULL && *p != '\0') {
		size_t len;

		while (*p == ' ' || *p == ';')
			p++;
		len = strcspn(p, ";");
		if (len == sizeof(name) - 1 + DB_WEB_SID_LEN && strncmp(p, name, sizeof(name) - 1) == 0) {
			memcpy(sid, p + sizeof(name) - 1, DB_WEB_SID_LEN);
			sid[DB_WEB_SID_LEN] = '\0';
			if (web_dash_code_ok(sid, DB_WEB_SID_LEN))
				return 1;
		}
		p += len;
	}
	return 0;
}

static enum lang web_dash_lang(const struct web_env *env, const char *code)
{
	int l = code != NULL ? h_lang_by_code(code) : -1;

	return l >= 0 ? (enum lang)l : env->h->default_lang;
}

/* The owner of rq's session: 1 with *who, 0 when there is no good one, -1
 * when the database failed. */
static int web_dash_session(const struct web_env *env, const struct web_request *rq,
    struct web_dash_who *who)
{
	char sid[DB_WEB_SID_LEN + 1];
	char *lang = NULL;
	int rc;

	if (!web_dash_sid(rq, sid))
		return 0;
	env->h->now = clock_now();
	rc = db_web_session_get(env->h->db, sid, env->h->now, &who->owner, &lang);
	memset(sid, 0, sizeof(sid));
	who->lang = web_dash_lang(env, lang);
	free(lang);
	if (rc == DB_NOTFOUND)
		return 0;
	if (rc != DB_OK)
		return -1;
	if (!h_is_owner(env->h, who->owner)) {
		/* No longer an owner: every session of theirs ends now. */
		return db_web_sessions_end_owner(env->h->db, who->owner, env->h->now) == DB_OK ? 0 : -1;
	}
	return 1;
}

/* ---- pages ---------------------------------------------------------------- */

/* The page's extras: a "Sign in" form posting to the page's own address,
 * or a same-site hop to "/" (the SameSite=Strict cookie set by a POST
 * goes with it even when the login link came from another site). */
enum web_dash_extra { WEB_DASH_PLAIN, WEB_DASH_FORM, WEB_DASH_HOP };

/* texts[l]: one text in every language, the academy's own first. */
static void web_dash_page_with(const struct web_env *env, struct web_reply *rp, int status,
    const char *const texts[LANG_COUNT], enum web_dash_extra extra)
{
	static const char *const button[LANG_COUNT] = H_TA(T_WEB_BUTTON_SIGNIN);
	struct buf *b = &rp->body;
	enum lang first = env->h->default_lang;

	buf_truncate(b, 0);
	buf_adds(b, "<!doctype html>\n<html lang=\"");
	buf_adds(b, h_lang_info(first)->code);
	buf_adds(b, "\"><head><meta charset=\"utf-8\">"
	    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
	    "<link rel=\"stylesheet\" href=\"/static/style.css\">");
	if (extra == WEB_DASH_HOP)
		buf_adds(b, "<meta http-equiv=\"refresh\" content=\"0;url=/\">");
	buf_adds(b, "<title>");
	buf_add_html(b, env->h->cfg->academy_name ? env->h->cfg->academy_name : "bjjbot");
	buf_adds(b, "</title></head>\n<body><main class=\"notice\"><h1>");
	buf_add_html(b, env->h->cfg->academy_name ? env->h->cfg->academy_name : "bjjbot");
	buf_adds(b, "</h1>\n");
	for (int i = -1; i < LANG_COUNT; i++) {
		enum lang l = i < 0 ? first : (enum lang)i;

		if (i >= 0 && l == first)
			continue;
		buf_addf(b, "<p lang=\"%s\">", h_lang_info(l)->code);
		if (extra == WEB_DASH_HOP)
			buf_adds(b, "<a href=\"/\">");
		buf_add_html(b, texts[l]);
		buf_adds(b, extra == WEB_DASH_HOP ? "</a></p>\n" : "</p>\n");
	}
	if (extra == WEB_DASH_FORM) {
		/* no action: the form posts to the login link itself */
		buf_adds(b, "<form method=\"post\"><button type=\"submit\">");
		for (int i = -1; i < LANG_COUNT; i++) {
			enum lang l = i < 0 ? first : (enum lang)i;

			if (i >= 0 && l == first)
				continue;
			if (i >= 0)
				buf_adds(b, " · ");
			buf_add_html(b, button[l]);
		}
		buf_adds(b, "</button></form>\n");
	}
	buf_adds(b, "</main></body></html>\n");
	rp->status = status;
	rp->content_type = "text/html; charset=utf-8";
}

static void web_dash_page(const struct web_env *env, struct web_reply *rp, int status,
    const char *const texts[LANG_COUNT])
{
	web_dash_page_with(env, rp, status, texts, WEB_DASH_PLAIN);
}

/*
 * 1 when a POST comes from the site's own pages: a browser's
 * Sec-Fetch-Site, when sent, says same-origin; an Origin, when sent, is
 * public_url's scheme://host[:port] ("null", which a no-referrer page's
 * own form sends, only with Sec-Fetch-Site same-origin). A request with
 * neither header is no browser's and is taken.
 */
static int web_dash_same_origin(const struct web_env *env, const struct web_request *rq)
{
	const char *base = env->h->cfg->http_public_url, *host;
	size_t len;

	if (rq->fetch_site != NULL && strcmp(rq->fetch_site, "same-origin") != 0)
		return 0;
	if (rq->origin == NULL)
		return 1;
	if (strcmp(rq->origin, "null") == 0)
		return rq->fetch_site != NULL;
	if (base == NULL || (host = strstr(base, "://")) == NULL)
		return 0;
	len = (size_t)(host + 3 - base) + strcspn(host + 3, "/?#");
	return strlen(rq->origin) == len && strncasecmp(rq->origin, base, len) == 0;
}

static const struct web_static_file *web_dash_file(const char *name)
{
	for (size_t i = 0; i < web_static_files_count; i++)
		if (strcmp(web_static_files[i].name, name) == 0)
			return &web_static_files[i];
	return NULL;
}

void web_dash_index(const struct web_env *env, const struct web_request *rq, struct web_reply *rp)
{
	static const char *const login[LANG_COUNT] = H_TA(T_WEB_PAGE_LOGIN);
	const struct web_static_file *f = web_dash_file("index.html");
	struct web_dash_who who;
	int s = web_dash_session(env, rq, &who);

	if (s < 0 || f == NULL)
		web_reply_error(rp, 500, "internal error");
	else if (s == 0)
		web_dash_page(env, rp, 401, login);
	else
		web_reply_file(rp, f);
}

/*
 * GET /web/login/{code}: a page with a "Sign in" button when the code is
 * usable (the code stays unused: a link preview or scanner that fetches
 * it takes nothing). POST: the button; uses the code, sets the session
 * cookie and hops to "/".
 */
void web_dash_login(const struct web_env *env, const struct web_request *rq, struct web_reply *rp)
{
	static const char *const used[LANG_COUNT] = H_TA(T_WEB_PAGE_USED);
	static const char *const unknown[LANG_COUNT] = H_TA(T_WEB_PAGE_UNKNOWN);
	static const char *const login[LANG_COUNT] = H_TA(T_WEB_PAGE_LOGIN);
	static const char *const signin[LANG_COUNT] = H_TA(T_WEB_PAGE_SIGNIN);
	static const char *const signed_in[LANG_COUNT] = H_TA(T_WEB_PAGE_SIGNED_IN);
	static const char *const foreign[LANG_COUNT] = H_TA(T_WEB_PAGE_FOREIGN);
	static const char head[] = "/web/login/";
	const char *code = rq->path + sizeof(head) - 1;
	const char *base = env->h->cfg->http_public_url;
	char sid[DB_WEB_SID_LEN + 1];
	char *lang = NULL;
	int64_t owner = 0;
	int rc, post = strcmp(rq->method, "POST") == 0;

	if (strncmp(rq->path, head, sizeof(head) - 1) != 0 || !web_dash_code_ok(code, DB_WEB_CODE_LEN)) {
		web_dash_page(env, rp, 404, unknown);
		return;
	}
	if (post && !web_dash_same_origin(env, rq)) {
		web_dash_page(env, rp, 403, foreign);
		return;
	}
	env->h->now = clock_now();
	if (!post) {
		rc = db_web_login_check(env->h->db, code, env->h->now);
		if (rc == DB_OK)
			web_dash_page_with(env, rp, 200, signin, WEB_DASH_FORM);
	} else {
		rc = db_web_login_use(env->h->db, code, env->h->now, &owner, &lang);
	}
	if (rc == DB_OK && !post) {
		/* the page above */
	} else if (rc == DB_OK && !h_is_owner(env->h, owner)) {
		web_dash_page(env, rp, 403, login);
	} else if (rc == DB_OK) {
		rc = db_web_session_new(env->h->db, owner, lang, env->h->now, sid);
		if (rc != DB_OK) {
			web_reply_error(rp, 500, "internal error");
		} else {
			snprintf(rp->set_cookie, sizeof(rp->set_cookie),
			    WEB_DASH_COOKIE "=%s; Path=/; Max-Age=%d; HttpOnly; SameSite=Strict%s", sid,
			    DB_WEB_SESSION_TTL, web_dash_https(base) ? "; Secure" : "");
			memset(sid, 0, sizeof(sid));
			web_dash_page_with(env, rp, 200, signed_in, WEB_DASH_HOP);
		}
	} else if (rc == DB_CONSTRAINT) {
		web_dash_page(env, rp, 410, used);
	} else if (rc == DB_NOTFOUND) {
		web_dash_page(env, rp, 404, unknown);
	} else {
		web_reply_error(rp, 500, "internal error");
	}
	free(lang);
}

/* POST /web/logout from the site's own page: ends the session, and
 * clears the cookie when there was one. */
void web_dash_logout(const struct web_env *env, const struct web_request *rq, struct web_reply *rp)
{
	static const char *const foreign[LANG_COUNT] = H_TA(T_WEB_PAGE_FOREIGN);
	char sid[DB_WEB_SID_LEN + 1];
	int found = 0;

	if (!web_dash_same_origin(env, rq)) {
		web_dash_page(env, rp, 403, foreign);
		return;
	}
	if (web_dash_sid(rq, sid)) {
		env->h->now = clock_now();
		switch (db_web_session_end(env->h->db, sid, env->h->now)) {
		case DB_OK:
			found = 1;
			break;
		case DB_NOTFOUND:
			break;
		default:
			web_reply_error(rp, 500, "internal error");
			return;
		}
		memset(sid, 0, sizeof(sid));
	}
	if (found)
		snprintf(rp->set_cookie, sizeof(rp->set_cookie),
		    WEB_DASH_COOKIE "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict%s",
		    web_dash_https(env->h->cfg->http_public_url) ? "; Secure" : "");
	snprintf(rp->location, sizeof(rp->location), "/");
	buf_truncate(&rp->body, 0);
	rp->status = 303;
	rp->content_type = "text/plain; charset=utf-8";
}

void web_dash_static(const struct web_env *env, const struct web_request *rq, struct web_reply *rp)
{
	static const char head[] = "/static/";
	const struct web_static_file *f = NULL;

	(void)env;
	if (strncmp(rq->path, head, sizeof(head) - 1) == 0)
		f = web_dash_file(rq->path + sizeof(head) - 1);
	/* the page itself only at "/", behind the session */
	if (f == NULL || strcmp(f->name, "index.html") == 0)
		web_reply_error(rp, 404, "not found");
	else
		web_reply_file(rp, f);
}

/* ---- /web/api/ ------------------------------------------------------------ */

typedef int (*web_dash_fn)(const struct web_env *env, const struct web_request *rq,
    const struct web_dash_who *who, cJSON *out, struct web_reply *rp);

static void web_dash_add_name(cJSON *o, const char *first, const char *last)
{
	char *name = web_full_name(first, last);

	cJSON_AddStringToObject(o, "name", name);
	free(name);
}

/* Local "HH:MM" of t as o's field key. */
static void web_dash_add_hhmm(cJSON *o, const char *key, int64_t t)
{
	struct buf b = { 0 };

	buf_add_hhmm(&b, t);
	cJSON_AddStringToObject(o, key, buf_str(&b));
	buf_release(&b);
}

/* The labels of the page, in the owner's language. */
static const struct {
	const char *key;
	const char *t[LANG_COUNT];
} web_dash_texts[] = {
	{ "title", H_TA(T_WEB_UI_TITLE) },
	{ "logout", H_TA(T_WEB_UI_LOGOUT) },
	{ "today", H_TA(T_WEB_UI_TODAY) },
	{ "no_classes", H_TA(T_WEB_UI_NO_CLASSES) },
	{ "cancelled", H_TA(T_WEB_UI_CANCELLED) },
	{ "roster_empty", H_TA(T_WEB_UI_ROSTER_EMPTY) },
	{ "present", H_TA(T_WEB_UI_PRESENT) },
	{ "late", H_TA(T_WEB_UI_LATE) },
	{ "excused", H_TA(T_WEB_UI_EXCUSED) },
	{ "absent", H_TA(T_WEB_UI_ABSENT) },
	{ "expected", H_TA(T_WEB_UI_EXPECTED) },
	{ "students", H_TA(T_WEB_UI_STUDENTS) },
	{ "search", H_TA(T_WEB_UI_SEARCH) },
	{ "no_students", H_TA(T_WEB_UI_NO_STUDENTS) },
	{ "more", H_TA(T_WEB_UI_MORE) },
	{ "revenue", H_TA(T_WEB_UI_REVENUE) },
	{ "attendance", H_TA(T_WEB_UI_ATTENDANCE) },
	{ "ending", H_TA(T_WEB_UI_ENDING) },
	{ "no_ending", H_TA(T_WEB_UI_NO_ENDING) },
	{ "ends", H_TA(T_WEB_UI_ENDS) },
	{ "classes_left", H_TA(T_WEB_UI_CLASSES_LEFT) },
	{ "atrisk", H_TA(T_WEB_UI_ATRISK) },
	{ "no_atrisk", H_TA(T_WEB_UI_NO_ATRISK) },
	{ "last_visit", H_TA(T_WEB_UI_LAST_VISIT) },
	{ "never", H_TA(T_WEB_UI_NEVER) },
	{ "missed", H_TA(T_WEB_UI_MISSED) },
	{ "error", H_TA(T_WEB_UI_ERROR) },
};

/* me: who is signed in, the academy and the page's labels. */
static int web_dash_me(const struct web_env *env, const struct web_request *rq,
    const struct web_dash_who *who, cJSON *out, struct web_reply *rp)
{
	cJSON *t = cJSON_CreateObject();

	(void)rq;
	(void)rp;
	cJSON_AddNumberToObject(out, "owner", (double)who->owner);
	cJSON_AddStringToObject(out, "lang", h_lang_info(who->lang)->code);
	cJSON_AddStringToObject(out, "academy", env->h->cfg->academy_name ? env->h->cfg->academy_name : "");
	cJSON_AddStringToObject(out, "currency", env->h->cfg->currency ? env->h->cfg->currency : "");
	for (size_t i = 0; i < BJJ_ARRAY_LEN(web_dash_texts); i++)
		cJSON_AddStringToObject(t, web_dash_texts[i].key, web_dash_texts[i].t[who->lang]);
	cJSON_AddItemToObject(out, "texts", t);
	return 0;
}

/* today: the local day's classes (cancelled ones too), each with its
 * roster as /attendance shows it: who is marked, and who is expected. */
static int web_dash_today(const struct web_env *env, const struct web_request *rq,
    const struct web_dash_who *who, cJSON *out, struct web_reply *rp)
{
	int64_t day = civil_day_start(env->h->now);
	struct training *v = NULL;
	size_t n = 0;
	cJSON *list = cJSON_AddArrayToObject(out, "trainings");

	(void)rq;
	(void)who;
	(void)rp;
	web_add_date(out, "date", day);
	if (db_trainings_range(env->h->db, day, civil_add_days(day, 1) - 1, 1, WEB_DASH_LIST_MAX, &v,
	    &n) != DB_OK)
		return -1;
	for (size_t i = 0; i < n; i++) {
		cJSON *o = cJSON_CreateObject(), *roster;
		struct roster_entry *r = NULL;
		size_t nr = 0;

		cJSON_AddItemToArray(list, o);
		cJSON_AddNumberToObject(o, "id", (double)v[i].id);
		cJSON_AddStringToObject(o, "title", v[i].title ? v[i].title : "");
		web_dash_add_hhmm(o, "start", v[i].starts_at);
		web_dash_add_hhmm(o, "end", v[i].starts_at + v[i].duration_min * 60LL);
		if (v[i].trainer_name != NULL)
			cJSON_AddStringToObject(o, "trainer", v[i].trainer_name);
		else
			cJSON_AddNullToObject(o, "trainer");
		cJSON_AddBoolToObject(o, "cancelled", v[i].cancelled);
		roster = cJSON_AddArrayToObject(o, "roster");
		if (db_roster(env->h->db, v[i].id, WEB_DASH_ROSTER_MAX, &r, &nr) != DB_OK) {
			trainings_free(v, n);
			return -1;
		}
		for (size_t j = 0; j < nr; j++) {
			cJSON *e = web_ref_json(r[j].student_id, r[j].first_name, r[j].last_name);

			cJSON_AddStringToObject(e, "status", r[j].status == ATT_NONE ? "expected" :
			    att_status_word(r[j].status));
			cJSON_AddItemToArray(roster, e);
		}
		roster_free(r, nr);
	}
	cJSON_AddNumberToObject(out, "total", (double)n);
	trainings_free(v, n);
	return 0;
}

/* students?q=&offset=: active students whose name matches, as /students
 * finds them; WEB_DASH_STUDENTS_MAX from offset (default 0) on, for the
 * page's "show more". */
static int web_dash_students(const struct web_env *env, const struct web_request *rq,
    const struct web_dash_who *who, cJSON *out, struct web_reply *rp)
{
	const char *q;
	struct person *v = NULL;
	size_t n = 0;
	int64_t total = 0;
	int offset;
	cJSON *list;

	(void)who;
	if (web_arg_text(rq, "q", WEB_DASH_QUERY_MAX, &q, rp) != 0)
		return 1;
	if (web_arg_int(rq, "offset", 0, WEB_DASH_OFFSET_MAX, 0, &offset, rp) != 0)
		return 1;
	if (db_students_page(env->h->db, q, 0, (size_t)offset, WEB_DASH_STUDENTS_MAX, &v, &n,
	    &total) != DB_OK)
		return -1;
	cJSON_AddNumberToObject(out, "offset", offset);
	list = cJSON_AddArrayToObject(out, "students");
	for (size_t i = 0; i < n; i++) {
		cJSON *o = web_ref_json(v[i].id, v[i].first_name, v[i].last_name);

		cJSON_AddStringToObject(o, "belt", v[i].belt ? v[i].belt : "white");
		cJSON_AddNumberToObject(o, "stripes", v[i].stripes);
		cJSON_AddBoolToObject(o, "telegram_linked", v[i].tg_id != 0);
		cJSON_AddItemToArray(list, o);
	}
	cJSON_AddNumberToObject(out, "total", (double)total);
	persons_free(v, n);
	return 0;
}

/* charts: the last WEB_DASH_MONTHS local months, oldest first: revenue
 * as /revenue counts it, held classes and visits as /report does. */
static int web_dash_charts(const struct web_env *env, const struct web_request *rq,
    const struct web_dash_who *who, cJSON *out, struct web_reply *rp)
{
	struct civil now;
	cJSON *list = cJSON_AddArrayToObject(out, "months");

	(void)rq;
	(void)who;
	(void)rp;
	civil_split(env->h->now, &now);
	cJSON_AddStringToObject(out, "currency", env->h->cfg->currency ? env->h->cfg->currency : "");
	for (int k = WEB_DASH_MONTHS - 1; k >= 0; k--) {
		int64_t classes = 0, visits = 0;
		struct revenue rev;
		struct report_line *r = NULL;
		size_t nr = 0;
		struct buf money = { 0 };
		struct web_month mo;
		cJSON *o;

		web_month_set(&mo, now.year, now.month - k);
		if (db_revenue(env->h->db, mo.start, mo.end, &rev) != DB_OK)
			return -1;
		if (db_report_by_class(env->h->db, mo.start, mo.end, env->h->now, WEB_DASH_REPORT_MAX, &r,
		    &nr) != DB_OK) {
			revenue_release(&rev);
			return -1;
		}
		for (size_t i = 0; i < nr; i++) {
			classes += r[i].classes;
			visits += r[i].visits;
		}
		report_lines_free(r, nr);
		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "month", mo.label);
		cJSON_AddNumberToObject(o, "revenue", (double)rev.total);
		buf_add_money(&money, rev.total, env->h->cfg->currency);
		cJSON_AddStringToObject(o, "revenue_text", buf_str(&money));
		cJSON_AddNumberToObject(o, "classes", (double)classes);
		cJSON_AddNumberToObject(o, "visits", (double)visits);
		cJSON_AddItemToArray(list, o);
		buf_release(&money);
		revenue_release(&rev);
	}
	return 0;
}

/* ending: active plans ending within WEB_DASH_ENDING_DAYS days, as the
 * owners' digest counts them. */
static int web_dash_ending(const struct web_env *env, const struct web_request *rq,
    const struct web_dash_who *who, cJSON *out, struct web_reply *rp)
{
	struct plan_due *v = NULL;
	size_t n = 0;
	cJSON *list;

	(void)rq;
	(void)who;
	(void)rp;
	if (db_jobs_plans_ending(env->h->db, env->h->now,
	    civil_add_days(env->h->now, WEB_DASH_ENDING_DAYS), WEB_DASH_LIST_MAX, &v, &n) != DB_OK)
		return -1;
	list = cJSON_AddArrayToObject(out, "plans");
	for (size_t i = 0; i < n; i++) {
		cJSON *o = cJSON_CreateObject();

		cJSON_AddNumberToObject(o, "subscription_id", (double)v[i].subscription_id);
		cJSON_AddNumberToObject(o, "student_id", (double)v[i].who.student_id);
		web_dash_add_name(o, v[i].who.first_name, v[i].who.last_name);
		cJSON_AddStringToObject(o, "plan", v[i].plan_title ? v[i].plan_title : "");
		/* ends_at is the midnight after the last day */
		web_add_date(o, "last_day", v[i].ends_at - 1);
		if (v[i].classes_left >= 0)
			cJSON_AddNumberToObject(o, "classes_left", v[i].classes_left);
		else
			cJSON_AddNullToObject(o, "classes_left");
		cJSON_AddItemToArray(list, o);
	}
	cJSON_AddNumberToObject(out, "total", (double)n);
	plan_dues_free(v, n);
	return 0;
}

/* atrisk: the students the absences job lists for the owners ([reminders]
 * absent_days and missed_threshold), frozen plans left out as there. */
static int web_dash_atrisk(const struct web_env *env, const struct web_request *rq,
    const struct web_dash_who *who, cJSON *out, struct web_reply *rp)
{
	struct absence *v = NULL;
	size_t n = 0, shown = 0;
	cJSON *list = cJSON_AddArrayToObject(out, "students");

	(void)rq;
	(void)who;
	(void)rp;
	if ((env->h->cfg->absent_days > 0 || env->h->cfg->missed_threshold > 0) &&
	    db_jobs_absences(env->h->db, env->h->now, env->h->cfg->absent_days, env->h->cfg->missed_threshold,
	    WEB_DASH_LIST_MAX, &v, &n) != DB_OK)
		return -1;
	for (size_t i = 0; i < n; i++) {
		cJSON *o;

		if (v[i].frozen)
			continue;
		o = web_ref_json(v[i].who.student_id, v[i].who.first_name, v[i].who.last_name);
		if (v[i].last_visit > 0)
			web_add_date(o, "last_visit", v[i].last_visit);
		else
			cJSON_AddNullToObject(o, "last_visit");
		cJSON_AddNumberToObject(o, "missed", v[i].missed);
		cJSON_AddItemToArray(list, o);
		shown++;
	}
	cJSON_AddNumberToObject(out, "total", (double)shown);
	absences_free(v, n);
	return 0;
}

static const struct {
	const char *path;
	web_dash_fn fn;
} web_dash_routes[] = {
	{ "/web/api/me", web_dash_me },
	{ "/web/api/today", web_dash_today },
	{ "/web/api/students", web_dash_students },
	{ "/web/api/charts", web_dash_charts },
	{ "/web/api/ending", web_dash_ending },
	{ "/web/api/atrisk", web_dash_atrisk },
};

void web_dash_api(const struct web_env *env, const struct web_request *rq, struct web_reply *rp)
{
	struct web_dash_who who;
	int s = web_dash_session(env, rq, &who), rc = -1;
	cJSON *out;

	if (s < 0) {
		web_reply_error(rp, 500, "internal error");
		return;
	}
	if (s == 0) {
		web_reply_error(rp, 401, "no dashboard session: send /web to the bot for a login link");
		return;
	}
	out = cJSON_CreateObject();
	for (size_t i = 0; i < BJJ_ARRAY_LEN(web_dash_routes); i++)
		if (strcmp(web_dash_routes[i].path, rq->path) == 0)
			rc = web_dash_routes[i].fn(env, rq, &who, out, rp);
	if (rc == 0)
		web_reply_json(rp, 200, out);
	else
		cJSON_Delete(out);
	if (rc < 0)
		web_reply_error(rp, 500, "internal error");
}
