/*
 * test_dashboard.c — the owner dashboard without sockets: the one-time
 * login code (once, expiry, replay, unknown), the session cookie (forged,
 * expired, ended by logout, of an owner no longer in owner_ids), every
 * /web/api/ route without and with a session and what it reads, the
 * compiled-in static files (no traversal, no file read from disk), and
 * the headers every answer carries.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include <cjson/cJSON.h>

#include "handlers/handlers.h"
#include "http_fixture.h"
#include "storage/billing.h"
#include "storage/schedule.h"
#include "storage/script.h"
#include "storage/websessions.h"
#include "test_main.h"

#define TD_OTHER 101

/* Run one request ("/path?q=x") with a Cookie header (may be NULL). */
static void td_req(struct th *t, const char *method, const char *url, const char *cookie,
    struct web_reply *rp)
{
	th_request(t, method, url, NULL, cookie, rp);
}

/* The status of a request with a Cookie header (may be NULL); the reply
 * is released. */
static int td_status(struct th *t, const char *method, const char *url, const char *cookie)
{
	struct web_reply rp;
	int status;

	td_req(t, method, url, cookie, &rp);
	status = rp.status;
	web_reply_release(&rp);
	return status;
}

/* A request with the browser's Origin and Sec-Fetch-Site headers (either
 * may be NULL); the reply's status. */
static int td_from(struct th *t, const char *method, const char *url, const char *cookie,
    const char *origin, const char *fetch_site, struct web_reply *rp)
{
	struct web_request rq;

	hx_request_init(&rq, method, url, "");
	rq.cookie = cookie;
	rq.origin = origin;
	rq.fetch_site = fetch_site;
	memset(rp, 0, sizeof(*rp));
	web_handle(&t->env, &rq, rp);
	return rp->status;
}

/* method /web/login/<code>; the reply's status. */
static int td_login_by(struct th *t, const char *method, const char *code, struct web_reply *rp)
{
	char *url = xasprintf("/web/login/%s", code);

	td_req(t, method, url, NULL, rp);
	free(url);
	return rp->status;
}

/* The "Sign in" button: POST /web/login/<code>; the reply's status. */
static int td_login(struct th *t, const char *code, struct web_reply *rp)
{
	return td_login_by(t, "POST", code, rp);
}

/* Log the owner in through a fresh code; t->cookie gets the Cookie header. */
static void td_session(struct th *t)
{
	char code[DB_WEB_CODE_LEN + 1];
	struct web_reply rp;

	assert_int_equal(db_web_login_new(t->db, TH_OWNER, "ru", clock_now(), code), DB_OK);
	assert_int_equal(td_login(t, code, &rp), 200);
	/* "bjj_session=<id>; Path=/..." -> "bjj_session=<id>" */
	snprintf(t->cookie, sizeof(t->cookie), "theme=dark; %.*s", (int)strcspn(rp.set_cookie, ";"),
	    rp.set_cookie);
	web_reply_release(&rp);
}

/* 1 when the database's files (main and WAL) hold s anywhere. */
static int td_db_holds(struct th *t, const char *s)
{
	static const char *const suffix[] = { "", "-wal" };
	int found = 0;

	for (size_t i = 0; i < BJJ_ARRAY_LEN(suffix) && !found; i++) {
		char *path = xasprintf("%s%s", t->cfg.database, suffix[i]);
		FILE *f = fopen(path, "rb");
		struct buf b = { 0 };
		char chunk[4096];
		size_t n;

		while (f != NULL && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
			buf_add(&b, chunk, n);
		if (f != NULL)
			fclose(f);
		found = memmem(b.s ? b.s : "", b.len, s, strlen(s)) != NULL;
		buf_release(&b);
		free(path);
	}
	return found;
}

static cJSON *td_json(struct web_reply *rp)
{
	cJSON *j;

	assert_string_equal(rp->content_type, "application/json");
	j = cJSON_Parse(buf_str(&rp->body));
	assert_non_null(j);
	return j;
}

static void test_login_once(void **state)
{
	struct th *t = *state;
	char code[DB_WEB_CODE_LEN + 1];
	struct web_reply rp;

	assert_int_equal(db_web_login_new(t->db, TH_OWNER, "en", TH_NOW, code), DB_OK);
	assert_int_equal(strlen(code), DB_WEB_CODE_LEN);
	/* only a hash is kept */
	assert_false(td_db_holds(t, code));
	/* opening the link (twice) shows the button and uses nothing: the
	 * button works after it */
	assert_int_equal(td_login_by(t, "GET", code, &rp), 200);
	assert_string_equal(rp.set_cookie, "");
	assert_non_null(strstr(buf_str(&rp.body), "<form method=\"post\"><button type=\"submit\">"));
	assert_non_null(strstr(buf_str(&rp.body), "Sign in"));
	assert_non_null(strstr(buf_str(&rp.body), "Войти"));
	web_reply_release(&rp);
	assert_int_equal(td_login_by(t, "GET", code, &rp), 200);
	web_reply_release(&rp);
	/* the button: a cookie and a same-site hop to "/", not a redirect */
	assert_int_equal(td_login(t, code, &rp), 200);
	assert_string_equal(rp.location, "");
	assert_non_null(strstr(buf_str(&rp.body), "<meta http-equiv=\"refresh\" content=\"0;url=/\">"));
	assert_non_null(strstr(buf_str(&rp.body), "<a href=\"/\">"));
	assert_int_equal(strncmp(rp.set_cookie, "bjj_session=", 12), 0);
	assert_int_equal(strcspn(rp.set_cookie + 12, ";"), DB_WEB_SID_LEN);
	assert_non_null(strstr(rp.set_cookie, "; HttpOnly"));
	assert_non_null(strstr(rp.set_cookie, "; SameSite=Strict"));
	assert_non_null(strstr(rp.set_cookie, "; Path=/"));
	assert_null(strstr(rp.set_cookie, "Secure"));
	/* nor of the session id */
	rp.set_cookie[12 + DB_WEB_SID_LEN] = '\0';
	assert_false(td_db_holds(t, rp.set_cookie + 12));
	web_reply_release(&rp);

	/* replayed: 410, a page in both languages, no cookie, no new session */
	assert_int_equal(db_admin_watch(t->db), DB_OK);
	assert_int_equal(td_login(t, code, &rp), 410);
	assert_int_equal(db_admin_changes(t->db), 0);
	assert_string_equal(rp.set_cookie, "");
	assert_non_null(strstr(rp.content_type, "text/html"));
	assert_non_null(strstr(buf_str(&rp.body), "has been used or has expired"));
	assert_non_null(strstr(buf_str(&rp.body), "уже использована"));
	web_reply_release(&rp);
	/* and opened again: the same page, no button */
	assert_int_equal(td_login_by(t, "GET", code, &rp), 410);
	assert_null(strstr(buf_str(&rp.body), "<form"));
	web_reply_release(&rp);
}

/* The button's POST and the logout are taken from the site's own pages
 * only: another site's form gets a 403 and changes nothing. */
static void test_cross_site(void **state)
{
	struct th *t = *state;
	static const char *const bad[][2] = {
		{ "https://evil.example", NULL },
		{ "http://127.0.0.1:8080.evil.example", NULL },
		{ "http://127.0.0.1:8081", NULL },
		{ "https://127.0.0.1:8080", NULL },
		{ "null", NULL },
		{ NULL, "cross-site" },
		{ NULL, "same-site" },
		{ "http://127.0.0.1:8080", "cross-site" },
		{ "null", "cross-site" },
	};
	static const char *const good[][2] = {
		{ "http://127.0.0.1:8080", "same-origin" },
		{ "HTTP://127.0.0.1:8080", NULL },
		{ "null", "same-origin" },
		{ NULL, "same-origin" },
	};
	char code[DB_WEB_CODE_LEN + 1], *url;
	struct web_reply rp;

	free(t->cfg.http_public_url);
	t->cfg.http_public_url = xstrdup("http://127.0.0.1:8080/");
	assert_int_equal(db_web_login_new(t->db, TH_OWNER, "en", TH_NOW, code), DB_OK);
	url = xasprintf("/web/login/%s", code);
	td_session(t);
	assert_int_equal(db_admin_watch(t->db), DB_OK);
	for (size_t i = 0; i < BJJ_ARRAY_LEN(bad); i++) {
		assert_int_equal(td_from(t, "POST", url, NULL, bad[i][0], bad[i][1], &rp), 403);
		assert_string_equal(rp.set_cookie, "");
		assert_non_null(strstr(buf_str(&rp.body), "another site"));
		web_reply_release(&rp);
		assert_int_equal(td_from(t, "POST", "/web/logout", t->cookie, bad[i][0], bad[i][1], &rp),
		    403);
		assert_string_equal(rp.set_cookie, "");
		web_reply_release(&rp);
	}
	assert_int_equal(db_admin_changes(t->db), 0);
	/* the session lives on, the code is still usable */
	assert_int_equal(td_status(t, "GET", "/web/api/me", t->cookie), 200);
	for (size_t i = 0; i < BJJ_ARRAY_LEN(good); i++) {
		assert_int_equal(td_from(t, "POST", url, NULL, good[i][0], good[i][1], &rp),
		    i == 0 ? 200 : 410);
		web_reply_release(&rp);
	}
	assert_int_equal(td_from(t, "POST", "/web/logout", t->cookie, "http://127.0.0.1:8080", "same-origin",
	    &rp), 303);
	assert_non_null(strstr(rp.set_cookie, "Max-Age=0"));
	web_reply_release(&rp);
	free(url);
}

static void test_login_expiry(void **state)
{
	struct th *t = *state;
	char late[DB_WEB_CODE_LEN + 1], in_time[DB_WEB_CODE_LEN + 1];
	struct web_reply rp;

	assert_int_equal(db_web_login_new(t->db, TH_OWNER, "en", TH_NOW - DB_WEB_LOGIN_TTL, late), DB_OK);
	assert_int_equal(db_web_login_new(t->db, TH_OWNER, "en", TH_NOW - DB_WEB_LOGIN_TTL + 1, in_time),
	    DB_OK);
	assert_int_equal(td_login(t, late, &rp), 410);
	assert_string_equal(rp.set_cookie, "");
	web_reply_release(&rp);
	assert_int_equal(td_login_by(t, "GET", late, &rp), 410);
	assert_null(strstr(buf_str(&rp.body), "<form"));
	web_reply_release(&rp);
	assert_int_equal(td_login(t, in_time, &rp), 200);
	web_reply_release(&rp);
}

/* Finished sessions go at once, login codes a while after they expired
 * (until then a late link still says "used or expired"); the maintenance
 * job does it; a live session and a fresh code stay. */
static void test_prune(void **state)
{
	struct th *t = *state;
	char fresh[DB_WEB_CODE_LEN + 1], used[DB_WEB_CODE_LEN + 1], old[DB_WEB_CODE_LEN + 1];
	char live[DB_WEB_SID_LEN + 1], ended[DB_WEB_SID_LEN + 1], expired[DB_WEB_SID_LEN + 1];
	int64_t owner;
	char *lang = NULL;
	int deleted = -1;

	assert_int_equal(db_web_login_new(t->db, TH_OWNER, "en", TH_NOW, fresh), DB_OK);
	/* used, then expired a day less than DB_WEB_LOGIN_KEEP ago */
	assert_int_equal(db_web_login_new(t->db, TH_OWNER, "en", TH_NOW - DB_WEB_LOGIN_KEEP + 86400,
	    used), DB_OK);
	assert_int_equal(db_web_login_use(t->db, used, TH_NOW - DB_WEB_LOGIN_KEEP + 86400, &owner,
	    &lang), DB_OK);
	free(lang);
	assert_int_equal(db_web_login_new(t->db, TH_OWNER, "en",
	    TH_NOW - DB_WEB_LOGIN_KEEP - DB_WEB_LOGIN_TTL, old), DB_OK);
	assert_int_equal(db_web_session_new(t->db, TH_OWNER, "en", TH_NOW, live), DB_OK);
	assert_int_equal(db_web_session_new(t->db, TH_OWNER, "en", TH_NOW, ended), DB_OK);
	assert_int_equal(db_web_session_end(t->db, ended, TH_NOW), DB_OK);
	assert_int_equal(db_web_session_new(t->db, TH_OWNER, "en", TH_NOW - DB_WEB_SESSION_TTL, expired),
	    DB_OK);

	/* nothing is over yet but the ended session and the oldest code */
	assert_int_equal(db_web_prune(t->db, TH_NOW, &deleted), DB_OK);
	assert_int_equal(deleted, 3);
	assert_int_equal(db_web_login_use(t->db, old, TH_NOW, &owner, &lang), DB_NOTFOUND);
	assert_int_equal(db_web_login_use(t->db, used, TH_NOW, &owner, &lang), DB_CONSTRAINT);
	assert_int_equal(db_web_session_get(t->db, live, TH_NOW, &owner, &lang), DB_OK);
	free(lang);
	assert_int_equal(db_web_prune(t->db, TH_NOW, &deleted), DB_OK);
	assert_int_equal(deleted, 0);

	/* a day later, through the maintenance job: the session has expired,
	 * the used code is kept for a last day */
	t->henv.now = TH_NOW + 86400;
	assert_int_equal(h_job_maintenance(&t->henv), 0);
	assert_int_equal(db_web_session_get(t->db, live, TH_NOW, &owner, &lang), DB_NOTFOUND);
	assert_int_equal(db_web_login_use(t->db, used, TH_NOW, &owner, &lang), DB_CONSTRAINT);
	assert_int_equal(db_web_login_use(t->db, fresh, TH_NOW, &owner, &lang), DB_OK);
	free(lang);
	t->henv.now = TH_NOW + 2 * 86400;
	assert_int_equal(h_job_maintenance(&t->henv), 0);
	assert_int_equal(db_web_login_use(t->db, used, TH_NOW, &owner, &lang), DB_NOTFOUND);
	assert_int_equal(db_web_prune(t->db, t->henv.now, &deleted), DB_OK);
	assert_int_equal(deleted, 0);
}

static void test_login_unknown(void **state)
{
	struct th *t = *state;
	struct web_reply rp;
	char forged[DB_WEB_CODE_LEN + 1];

	random_code(forged, DB_WEB_CODE_LEN);
	assert_int_equal(db_admin_watch(t->db), DB_OK);
	assert_int_equal(td_login(t, forged, &rp), 404);
	web_reply_release(&rp);
	assert_int_equal(td_login_by(t, "GET", forged, &rp), 404);
	assert_int_equal(db_admin_changes(t->db), 0);
	assert_non_null(strstr(buf_str(&rp.body), "no such login link"));
	assert_string_equal(rp.set_cookie, "");
	web_reply_release(&rp);
	/* not a code's shape: the same page, the database not asked */
	assert_int_equal(td_login(t, "short", &rp), 404);
	assert_string_equal(rp.set_cookie, "");
	web_reply_release(&rp);
	/* not even a key: no route */
	assert_int_equal(td_login(t, "a.b", &rp), 404);
	assert_string_equal(rp.content_type, "application/json");
	web_reply_release(&rp);
	/* a code of someone no longer an owner makes no session */
	assert_int_equal(db_web_login_new(t->db, TD_OTHER, "en", TH_NOW, forged), DB_OK);
	assert_int_equal(td_login(t, forged, &rp), 403);
	assert_string_equal(rp.set_cookie, "");
	web_reply_release(&rp);
}

static void test_secure_cookie(void **state)
{
	struct th *t = *state;
	char code[DB_WEB_CODE_LEN + 1];
	struct web_reply rp;

	free(t->cfg.http_public_url);
	t->cfg.http_public_url = xstrdup("https://gym.example");
	assert_int_equal(db_web_login_new(t->db, TH_OWNER, "en", TH_NOW, code), DB_OK);
	assert_int_equal(td_login(t, code, &rp), 200);
	assert_non_null(strstr(rp.set_cookie, "; Secure"));
	snprintf(t->cookie, sizeof(t->cookie), "%.*s", (int)strcspn(rp.set_cookie, ";"), rp.set_cookie);
	web_reply_release(&rp);
	/* and the logout's clearing cookie */
	td_req(t, "POST", "/web/logout", t->cookie, &rp);
	assert_non_null(strstr(rp.set_cookie, "Max-Age=0"));
	assert_non_null(strstr(rp.set_cookie, "; Secure"));
	web_reply_release(&rp);
}

static void test_index(void **state)
{
	struct th *t = *state;
	struct web_reply rp;
	char forged[80];

	/* no session: a page saying what to do, 401 */
	td_req(t, "GET", "/", NULL, &rp);
	assert_int_equal(rp.status, 401);
	assert_non_null(strstr(rp.content_type, "text/html"));
	assert_non_null(strstr(buf_str(&rp.body), "Send /web"));
	assert_null(strstr(buf_str(&rp.body), "app.js"));
	web_reply_release(&rp);

	/* a forged session id of the right shape */
	memcpy(forged, "bjj_session=", 12);
	random_code(forged + 12, DB_WEB_SID_LEN);
	assert_int_equal(td_status(t, "GET", "/", forged), 401);
	td_req(t, "GET", "/", "bjj_session=../../etc; bjj_session=", &rp);
	assert_int_equal(rp.status, 401);
	web_reply_release(&rp);

	td_session(t);
	td_req(t, "GET", "/", t->cookie, &rp);
	assert_int_equal(rp.status, 200);
	assert_non_null(strstr(rp.content_type, "text/html"));
	assert_non_null(strstr(buf_str(&rp.body), "<script src=\"/static/app.js\""));
	/* no inline script for the policy to refuse */
	assert_null(strstr(buf_str(&rp.body), "<script>"));
	web_reply_release(&rp);
	assert_int_equal(td_status(t, "HEAD", "/", t->cookie), 200);
	assert_int_equal(td_status(t, "POST", "/", t->cookie), 405);

	/* 12 hours later the session is over */
	clock_set_fake(TH_NOW + DB_WEB_SESSION_TTL);
	assert_int_equal(td_status(t, "GET", "/", t->cookie), 401);
}

static const char *const td_api_routes[] = {
	"/web/api/me", "/web/api/today", "/web/api/students", "/web/api/charts", "/web/api/ending",
	"/web/api/atrisk",
};

static void test_api_needs_session(void **state)
{
	struct th *t = *state;
	struct web_reply rp;
	cJSON *j;

	for (size_t i = 0; i < BJJ_ARRAY_LEN(td_api_routes); i++) {
		td_req(t, "GET", td_api_routes[i], NULL, &rp);
		assert_int_equal(rp.status, 401);
		j = td_json(&rp);
		assert_non_null(strstr(cJSON_GetObjectItem(j, "error")->valuestring, "/web"));
		cJSON_Delete(j);
		web_reply_release(&rp);
		assert_int_equal(td_status(t, "POST", td_api_routes[i], NULL), 405);
	}
	td_session(t);
	for (size_t i = 0; i < BJJ_ARRAY_LEN(td_api_routes); i++) {
		td_req(t, "GET", td_api_routes[i], t->cookie, &rp);
		assert_int_equal(rp.status, 200);
		cJSON_Delete(td_json(&rp));
		web_reply_release(&rp);
	}
	assert_int_equal(td_status(t, "GET", "/web/api/nope", t->cookie), 404);
}

static void test_removed_owner(void **state)
{
	struct th *t = *state;

	td_session(t);
	t->cfg.owner_ids[0] = TD_OTHER;
	assert_int_equal(td_status(t, "GET", "/web/api/me", t->cookie), 401);
	/* ended, not just refused: owner again, still no session */
	t->cfg.owner_ids[0] = TH_OWNER;
	assert_int_equal(td_status(t, "GET", "/web/api/me", t->cookie), 401);
}

static void test_logout(void **state)
{
	struct th *t = *state;
	struct web_reply rp;

	td_session(t);
	td_req(t, "POST", "/web/logout", t->cookie, &rp);
	assert_int_equal(rp.status, 303);
	assert_string_equal(rp.location, "/");
	assert_non_null(strstr(rp.set_cookie, "bjj_session=; "));
	assert_non_null(strstr(rp.set_cookie, "Max-Age=0"));
	assert_int_equal(td_status(t, "GET", "/web/api/me", t->cookie), 401);
	assert_null(strstr(rp.set_cookie, "Secure"));
	web_reply_release(&rp);
	/* without a session (none, or the ended one), and by GET: nothing to
	 * end and no cookie to clear, or no such method */
	td_req(t, "POST", "/web/logout", NULL, &rp);
	assert_int_equal(rp.status, 303);
	assert_string_equal(rp.set_cookie, "");
	web_reply_release(&rp);
	td_req(t, "POST", "/web/logout", t->cookie, &rp);
	assert_int_equal(rp.status, 303);
	assert_string_equal(rp.set_cookie, "");
	web_reply_release(&rp);
	assert_int_equal(td_status(t, "GET", "/web/logout", t->cookie), 405);
}

static void test_me(void **state)
{
	struct th *t = *state;
	struct web_reply rp;
	cJSON *j;

	free(t->cfg.academy_name);
	t->cfg.academy_name = xstrdup("Gym <1>");
	td_session(t);
	td_req(t, "GET", "/web/api/me", t->cookie, &rp);
	j = td_json(&rp);
	/* the language /web was sent in */
	assert_string_equal(cJSON_GetObjectItem(j, "lang")->valuestring, "ru");
	assert_string_equal(cJSON_GetObjectItem(j, "academy")->valuestring, "Gym <1>");
	assert_string_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(j, "texts"), "today")->valuestring,
	    "Занятия сегодня");
	assert_int_equal((int64_t)cJSON_GetObjectItem(j, "owner")->valuedouble, TH_OWNER);
	cJSON_Delete(j);
	web_reply_release(&rp);
}

/* GET path with the session; the parsed body (status 200). */
static cJSON *td_api(struct th *t, const char *path)
{
	struct web_reply rp;
	cJSON *j;

	td_req(t, "GET", path, t->cookie, &rp);
	assert_int_equal(rp.status, 200);
	j = td_json(&rp);
	web_reply_release(&rp);
	return j;
}

/* The student list comes 50 at a time: offset= gives the next ones for
 * "show more", total says how many there are; a bad offset is a 400. */
static void test_students_more(void **state)
{
	struct th *t = *state;
	struct web_reply rp;
	cJSON *j, *a;
	char phone[16], first[16];
	int64_t id;

	for (int i = 0; i < 55; i++) {
		snprintf(phone, sizeof(phone), "+7900100%04d", i);
		snprintf(first, sizeof(first), "S%02d", i);
		assert_int_equal(db_student_add(t->db, first, "Lee", phone, NULL, 0, TH_NOW, &id), DB_OK);
	}
	td_session(t);
	j = td_api(t, "/web/api/students");
	assert_int_equal(cJSON_GetObjectItem(j, "total")->valueint, 55);
	assert_int_equal(cJSON_GetObjectItem(j, "offset")->valueint, 0);
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(j, "students")), 50);
	cJSON_Delete(j);
	j = td_api(t, "/web/api/students?offset=50");
	a = cJSON_GetObjectItem(j, "students");
	assert_int_equal(cJSON_GetObjectItem(j, "total")->valueint, 55);
	assert_int_equal(cJSON_GetObjectItem(j, "offset")->valueint, 50);
	assert_int_equal(cJSON_GetArraySize(a), 5);
	/* the last ones, in the same order as the first page left off */
	assert_string_equal(cJSON_GetObjectItem(cJSON_GetArrayItem(a, 4), "name")->valuestring, "S54 Lee");
	cJSON_Delete(j);
	j = td_api(t, "/web/api/students?offset=500");
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(j, "students")), 0);
	cJSON_Delete(j);
	td_req(t, "GET", "/web/api/students?offset=-1", t->cookie, &rp);
	assert_int_equal(rp.status, 400);
	assert_non_null(strstr(buf_str(&rp.body), "offset"));
	web_reply_release(&rp);
	/* the page's button has its label in every language */
	j = td_api(t, "/web/api/me");
	assert_string_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(j, "texts"), "more")->valuestring,
	    "Показать ещё");
	cJSON_Delete(j);
}

static void test_data(void **state)
{
	struct th *t = *state;
	int64_t ivan, maria, tid, plan;
	int renewal;
	struct subscription sub;
	struct att_effect eff;
	struct web_reply rp;
	cJSON *j, *a, *o;
	char longq[160];
	int64_t id;

	assert_int_equal(db_student_add(t->db, "Ivan", "<Petrov>", "+79001234567", NULL, 0, TH_NOW - 90 * 86400,
	    &ivan), DB_OK);
	assert_int_equal(db_student_add(t->db, "Maria", "Sidorova", "+79001234568", NULL, 0, TH_NOW - 90 * 86400,
	    &maria), DB_OK);
	assert_int_equal(db_plan_add(t->db, "week", "Trial week", "unlimited", 150000, 5, 0, TH_NOW, &plan), DB_OK);
	assert_int_equal(db_subscription_sell(t->db, ivan, "week", "cash", TH_OWNER, TH_NOW, &sub, &renewal), DB_OK);
	subscription_release(&sub);
	assert_int_equal(db_training_add(t->db, "Gi", TH_NOW + 7 * 3600, 90, 0, TH_NOW, &tid), DB_OK);
	assert_int_equal(db_attendance_mark(t->db, tid, ivan, ATT_LATE, ATT_TRAINER, TH_OWNER, TH_NOW, &eff),
	    DB_OK);
	t->cfg.absent_days = 14;
	td_session(t);

	j = td_api(t, "/web/api/today");
	assert_string_equal(cJSON_GetObjectItem(j, "date")->valuestring, "2026-06-01");
	a = cJSON_GetObjectItem(j, "trainings");
	assert_int_equal(cJSON_GetArraySize(a), 1);
	o = cJSON_GetArrayItem(a, 0);
	assert_string_equal(cJSON_GetObjectItem(o, "title")->valuestring, "Gi");
	assert_string_equal(cJSON_GetObjectItem(o, "start")->valuestring, "19:00");
	assert_string_equal(cJSON_GetObjectItem(o, "end")->valuestring, "20:30");
	o = cJSON_GetArrayItem(cJSON_GetObjectItem(o, "roster"), 0);
	assert_string_equal(cJSON_GetObjectItem(o, "name")->valuestring, "Ivan <Petrov>");
	assert_string_equal(cJSON_GetObjectItem(o, "status")->valuestring, "late");
	cJSON_Delete(j);

	j = td_api(t, "/web/api/students?q=mar");
	assert_int_equal(cJSON_GetObjectItem(j, "total")->valueint, 1);
	assert_string_equal(cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(j, "students"), 0),
	    "name")->valuestring, "Maria Sidorova");
	cJSON_Delete(j);
	j = td_api(t, "/web/api/students");
	assert_int_equal(cJSON_GetObjectItem(j, "total")->valueint, 2);
	cJSON_Delete(j);
	memset(longq, 'a', sizeof(longq) - 1);
	longq[sizeof(longq) - 1] = '\0';
	memcpy(longq, "/web/api/students?q=", 20);
	assert_int_equal(td_status(t, "GET", longq, t->cookie), 400);
	/* a search that is not UTF-8 */
	td_req(t, "GET", "/web/api/students?q=m\xffr", t->cookie, &rp);
	assert_int_equal(rp.status, 400);
	assert_non_null(strstr(buf_str(&rp.body), "bad query parameter \\\"q\\\": not UTF-8"));
	web_reply_release(&rp);
	/* a student without a last name: the name alone, as the API gives it */
	assert_int_equal(db_student_add(t->db, "Zed", "", "+79001234569", NULL, 0, TH_NOW, &id), DB_OK);
	j = td_api(t, "/web/api/students?q=Zed");
	assert_string_equal(cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(j, "students"), 0),
	    "name")->valuestring, "Zed");
	cJSON_Delete(j);

	/* the plan sold today runs through Friday: ending within 7 days */
	j = td_api(t, "/web/api/ending");
	a = cJSON_GetObjectItem(j, "plans");
	assert_int_equal(cJSON_GetArraySize(a), 1);
	o = cJSON_GetArrayItem(a, 0);
	assert_int_equal(cJSON_GetObjectItem(o, "student_id")->valueint, ivan);
	assert_string_equal(cJSON_GetObjectItem(o, "plan")->valuestring, "Trial week");
	assert_string_equal(cJSON_GetObjectItem(o, "last_day")->valuestring, "2026-06-05");
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(o, "classes_left")));
	cJSON_Delete(j);

	/* registered 90 days ago, never came: both at risk by absent_days */
	j = td_api(t, "/web/api/atrisk");
	assert_int_equal(cJSON_GetObjectItem(j, "total")->valueint, 2);
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(j, "students"), 0),
	    "last_visit")));
	cJSON_Delete(j);
	/* with the job's rules off, nobody */
	t->cfg.absent_days = 0;
	t->cfg.missed_threshold = 0;
	j = td_api(t, "/web/api/atrisk");
	assert_int_equal(cJSON_GetObjectItem(j, "total")->valueint, 0);
	cJSON_Delete(j);

	/* six months, this one last, with today's sale in it */
	j = td_api(t, "/web/api/charts");
	a = cJSON_GetObjectItem(j, "months");
	assert_int_equal(cJSON_GetArraySize(a), 6);
	assert_string_equal(cJSON_GetObjectItem(cJSON_GetArrayItem(a, 0), "month")->valuestring, "2026-01");
	o = cJSON_GetArrayItem(a, 5);
	assert_string_equal(cJSON_GetObjectItem(o, "month")->valuestring, "2026-06");
	assert_int_equal((int64_t)cJSON_GetObjectItem(o, "revenue")->valuedouble, 150000);
	assert_int_equal((int64_t)cJSON_GetObjectItem(cJSON_GetArrayItem(a, 4), "revenue")->valuedouble, 0);
	cJSON_Delete(j);
}

static void test_static(void **state)
{
	struct th *t = *state;
	struct web_reply rp;
	char *cwd = getcwd(NULL, 0);
	static const char *const refused[] = {
		"/static/../bot.db", "/static/%2e%2e/bot.db", "/static/..%2fbot.db.js", "/static/%2e%2e%2fx.js",
		"/static/app.js/..", "/static//app.js", "/static/index.html", "/static/nope.js",
		"/static/APP.js", "/static/app.js.map", "/static/evil.js", "/static/", "/static/.js",
	};
	FILE *f;

	td_req(t, "GET", "/static/app.js", NULL, &rp);
	assert_int_equal(rp.status, 200);
	assert_non_null(strstr(rp.content_type, "javascript"));
	assert_non_null(strstr(buf_str(&rp.body), "textContent"));
	assert_null(strstr(buf_str(&rp.body), "innerHTML"));
	web_reply_release(&rp);
	td_req(t, "GET", "/static/style.css", NULL, &rp);
	assert_int_equal(rp.status, 200);
	assert_non_null(strstr(rp.content_type, "text/css"));
	web_reply_release(&rp);

	/* A file on disk where a reader of files would look is never served. */
	assert_int_equal(chdir(t->dir), 0);
	assert_int_equal(mkdir("static", 0700), 0);
	f = fopen("static/evil.js", "w");
	assert_non_null(f);
	fputs("alert(1)", f);
	fclose(f);
	for (size_t i = 0; i < BJJ_ARRAY_LEN(refused); i++) {
		td_req(t, "GET", refused[i], NULL, &rp);
		if (rp.status != 404)
			fail_msg("%s: %d", refused[i], rp.status);
		assert_null(strstr(buf_str(&rp.body), "alert(1)"));
		web_reply_release(&rp);
	}
	assert_int_equal(chdir(cwd), 0);
	free(cwd);
}

static void test_security_headers(void **state)
{
	static const char *const want[] = {
		"Content-Security-Policy", "default-src 'self'",
		"X-Content-Type-Options", "nosniff",
		"Referrer-Policy", "no-referrer",
		"X-Frame-Options", "DENY",
	};

	(void)state;
	for (size_t w = 0; w < BJJ_ARRAY_LEN(want); w += 2) {
		size_t i;

		for (i = 0; web_security_headers[i] != NULL; i += 2)
			if (strcmp(web_security_headers[i], want[w]) == 0)
				break;
		assert_non_null(web_security_headers[i]);
		assert_string_equal(web_security_headers[i + 1], want[w + 1]);
	}
}

BJJ_TEST_MAIN(
	TH_TEST(test_login_once),
	TH_TEST(test_login_expiry),
	TH_TEST(test_login_unknown),
	TH_TEST(test_prune),
	TH_TEST(test_secure_cookie),
	TH_TEST(test_index),
	TH_TEST(test_api_needs_session),
	TH_TEST(test_removed_owner),
	TH_TEST(test_logout),
	TH_TEST(test_cross_site),
	TH_TEST(test_me),
	TH_TEST(test_data),
	TH_TEST(test_students_more),
	TH_TEST(test_static),
	TH_TEST(test_security_headers),
)
