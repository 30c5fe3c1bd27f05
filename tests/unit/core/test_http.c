/*
 * test_http.c — the HTTP face without sockets: the router (404, 405,
 * HEAD), /healthz's checks and status, and the Prometheus text that
 * /metrics prints from the counters.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <ev.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include <cjson/cJSON.h>

#include "bot/app.h"
#include "bot/config.h"
#include "lib/metrics.h"
#include "lib/util.h"
#include "cases.h"
#include "fake_clock.h"
#include "handlers_fixture.h"
#include "http/ratelimit.h"
#include "http/web.h"
#include "http_fixture.h"
#include "json_match.h"
#include "storage/admin.h"
#include "storage/apitokens.h"
#include "storage/belts.h"
#include "storage/calendar.h"
#include "storage/schedule.h"
#include "storage/store.h"
#include "test_main.h"


static void th_get(struct th *t, const char *method, const char *path, struct web_reply *rp)
{
	th_req(t, method, path, NULL, rp);
}

static void th_touch_backup(struct th *t, const char *name)
{
	char *path = xasprintf("%s/%s", t->cfg.backup_dir, name);
	FILE *f;

	mkdir(t->cfg.backup_dir, 0700);
	f = fopen(path, "w");
	assert_non_null(f);
	fclose(f);
	free(path);
}

/* One web_route_find lookup and its answer: a route (status 0) with the
 * id read from the path (0 without one) and whether it needs a token
 * (auth); or no route, refused with status (404 or 405). */
struct route_case {
	const char *method, *path;
	int status;
	int64_t id;
	int auth;
};

/* Look each route up in turn; a failure names the case ("GET /path"). */
static void routes_check(const struct route_case *c, size_t n)
{
	const struct web_route *r;
	char name[160];
	int64_t id;
	int status;

	for (; n > 0; n--, c++) {
		snprintf(name, sizeof(name), "%s %s", c->method, c->path);
		status = 0;
		id = -1;
		r = web_route_find(c->method, c->path, &status, &id);
		if (c->status != 0) {
			case_true(name, r == NULL);
			case_int_equal(name, status, c->status);
			continue;
		}
		case_true(name, r != NULL);
		case_int_equal(name, id, c->id);
		case_int_equal(name, r->auth, c->auth);
	}
}

static void test_router(void **state)
{
	/* method, path: found (0), the id in the path, needs a token; or
	 * refused with the status */
	static const struct route_case routes[] = {
		{ "GET", "/healthz", 0, 0, 0 },
		{ "HEAD", "/metrics", 0, 0, 0 },
		{ "POST", "/healthz", .status = 405 },
		{ "get", "/healthz", .status = 405 },
		{ "GET", "/api/v1/students/12", 0, 12, 1 },
		{ "DELETE", "/api/v1/students/3", .status = 405 },
		/* the API's reads (test_api_read.c) */
		{ "GET", "/api/v1/trainings/3", 0, 3, 1 },
		{ "DELETE", "/api/v1/exams", .status = 405 },
		/* the API's writes, ids in mid-path (test_api_write.c) */
		{ "POST", "/api/v1/students/12/deactivate", 0, 12, 1 },
		{ "POST", "/api/v1/payments/7/void", 0, 7, 1 },
		{ "PATCH", "/api/v1/students/3", 0, 3, 1 },
		{ "POST", "/api/v1/students", 0, 0, 1 },
		{ "GET", "/api/v1/students/12/deactivate", .status = 405 },
		{ "DELETE", "/api/v1/payments", .status = 405 },
	};
	/* GET: found, no id in the path, a token needed. */
	static const char *const get_found[] = {
		"/api/v1/me", "/api/v1/students", "/api/v1/trainings", "/api/v1/attendances",
		"/api/v1/payments", "/api/v1/subscriptions", "/api/v1/reports/revenue",
		"/api/v1/reports/attendance", "/api/v1/exams",
	};
	/* GET: no route, 404. */
	static const char *const get_not_found[] = {
		"/healthz/", "/../etc/passwd", "/api/v1/students/0", "/api/v1/students/012",
		"/api/v1/students/-1", "/api/v1/students/+1", "/api/v1/students/x",
		"/api/v1/students/1/", "/api/v1/students/1/x", "/api/v1/students/",
		"/api/v1/students/1234567890123456789", "/api/v1/studentsx",
		"/api/v1/students/1%00", "/api/v1/trainings/0", "/api/v1/reports",
	};
	/* POST, ids in mid-path: no route, 404. */
	static const char *const post_not_found[] = {
		"/api/v1/students/0/deactivate", "/api/v1/students/012/deactivate",
		"/api/v1/students/-1/deactivate", "/api/v1/students/x/deactivate",
		"/api/v1/students//deactivate", "/api/v1/students/1/deactivatex",
		"/api/v1/students/1/deactivate/", "/api/v1/students/1/x",
		"/api/v1/students/1234567890123456789/deactivate", "/api/v1/exams/1/resul",
	};
	struct route_case c = { "GET", NULL, 0, 0, 1 };
	(void)state;

	routes_check(routes, BJJ_ARRAY_LEN(routes));
	for (size_t i = 0; i < BJJ_ARRAY_LEN(get_found); i++) {
		c.path = get_found[i];
		routes_check(&c, 1);
	}
	c.status = 404;
	for (size_t i = 0; i < BJJ_ARRAY_LEN(get_not_found); i++) {
		c.path = get_not_found[i];
		routes_check(&c, 1);
	}
	c.method = "POST";
	for (size_t i = 0; i < BJJ_ARRAY_LEN(post_not_found); i++) {
		c.path = post_not_found[i];
		routes_check(&c, 1);
	}
}

static void test_errors_are_json(void **state)
{
	struct th *t = *state;
	struct web_reply rp;
	cJSON *j;

	th_get(t, "DELETE", "/metrics", &rp);
	assert_int_equal(rp.status, 405);
	assert_string_equal(rp.allow, "GET, HEAD");
	assert_string_equal(rp.content_type, "application/json");
	j = cJSON_Parse(buf_str(&rp.body));
	assert_non_null(j);
	assert_string_equal(cJSON_GetObjectItem(j, "error")->valuestring, "method not allowed");
	cJSON_Delete(j);
	web_reply_release(&rp);
	th_get(t, "GET", "/nothing", &rp);
	assert_int_equal(rp.status, 404);
	assert_string_equal(rp.allow, "");
	assert_non_null(strstr(buf_str(&rp.body), "{\"error\":\"not found\"}"));
	web_reply_release(&rp);
}

/* Status of GET url with auth; the body into *json (parsed, owned) when not NULL. */
static int th_json(struct th *t, const char *url, const char *auth, cJSON **json)
{
	struct web_reply rp;
	int status;

	th_req(t, "GET", url, auth, &rp);
	status = rp.status;
	assert_string_equal(rp.content_type, "application/json");
	if (json != NULL) {
		*json = cJSON_Parse(buf_str(&rp.body));
		assert_non_null(*json);
	}
	web_reply_release(&rp);
	return status;
}

static void test_healthz(void **state)
{
	struct th *t = *state;
	struct web_reply rp;
	cJSON *j;

	/* No backup yet: 503, and only that check fails (telegram: starting,
	 * within the limit). */
	assert_int_equal(th_json(t, "/healthz", NULL, &j), 503);
	hx_json_match(j, "{'status':'fail','checks':{'database':{'ok':true},'telegram':{'ok':true},"
	    "'disk':{'ok':true},'backup':{'ok':false}}}");
	cJSON_Delete(j);

	/* An hour-old backup and a recent poll: 200. */
	th_touch_backup(t, "bjjbot-20260601-1100.db");
	metrics_poll_ok(clock_mono());
	th_get(t, "GET", "/healthz", &rp);
	assert_int_equal(rp.status, 200);
	assert_null(strstr(buf_str(&rp.body), t->dir));   /* no paths shown */
	web_reply_release(&rp);
	assert_int_equal(th_json(t, "/healthz", NULL, &j), 200);
	hx_json_match(j, "{'status':'ok','checks':{'backup':{'age_s':3600}}}");
	cJSON_Delete(j);

	/* Too little disk: 503 naming the disk. */
	t->cfg.min_free_mb = 1000000000;
	assert_int_equal(th_json(t, "/healthz", NULL, &j), 503);
	hx_json_match(j, "{'checks':{'disk':{'ok':false},'backup':{'ok':true}}}");
	cJSON_Delete(j);
	t->cfg.min_free_mb = 0;

	/* A backup older than the scheduler's limit is stale. */
	metrics_poll_ok(clock_mono());
	clock_set_fake(TH_NOW + 2 * 86400);
	assert_int_equal(th_json(t, "/healthz", NULL, &j), 503);
	hx_json_match(j, "{'checks':{'backup':{'ok':false}}}");
	cJSON_Delete(j);
}

static void test_healthz_telegram_stale(void **state)
{
	struct th *t = *state;
	cJSON *j;

	th_touch_backup(t, "bjjbot-20260601-1100.db");
	/* The last good getUpdates was longer ago than alert_after_minutes. */
	metrics_poll_ok(clock_mono() - t->cfg.alert_after_minutes * 60.0 - 5);
	assert_int_equal(th_json(t, "/healthz", NULL, &j), 503);
	hx_json_match(j, "{'checks':{'telegram':{'ok':false},'backup':{'ok':true}}}");
	assert_true(cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(j, "checks"), "telegram"),
	    "last_poll_age_s")->valuedouble >= t->cfg.alert_after_minutes * 60.0);
	cJSON_Delete(j);
}

static void test_metrics_text(void **state)
{
	struct th *t = *state;
	struct web_reply rp;
	const char *s;

	metrics_updates(3);
	metrics_updates(2);
	metrics_command("help", 0.0005);
	metrics_command("help", 0.2);
	metrics_command("sell", 7);
	metrics_send("ok");
	metrics_send("ok");
	metrics_send("flood");
	metrics_flood();
	metrics_job("digest", 0.02);
	metrics_job("say \"hi\"", 0.02);
	th_get(t, "GET", "/metrics", &rp);
	assert_int_equal(rp.status, 200);
	assert_non_null(strstr(rp.content_type, "version=0.0.4"));
	s = buf_str(&rp.body);
	assert_non_null(strstr(s, "# TYPE bjjbot_updates_total counter\nbjjbot_updates_total 5\n"));
	/* buckets are cumulative; +Inf equals the count */
	assert_non_null(strstr(s, "bjjbot_command_seconds_bucket{command=\"help\",le=\"0.001\"} 1\n"));
	assert_non_null(strstr(s, "bjjbot_command_seconds_bucket{command=\"help\",le=\"0.1\"} 1\n"));
	assert_non_null(strstr(s, "bjjbot_command_seconds_bucket{command=\"help\",le=\"0.5\"} 2\n"));
	assert_non_null(strstr(s, "bjjbot_command_seconds_bucket{command=\"help\",le=\"+Inf\"} 2\n"));
	assert_non_null(strstr(s, "bjjbot_command_seconds_count{command=\"help\"} 2\n"));
	assert_non_null(strstr(s, "bjjbot_command_seconds_bucket{command=\"sell\",le=\"5\"} 0\n"));
	assert_non_null(strstr(s, "bjjbot_command_seconds_bucket{command=\"sell\",le=\"+Inf\"} 1\n"));
	assert_non_null(strstr(s, "bjjbot_command_seconds_sum{command=\"sell\"} 7.000000\n"));
	assert_non_null(strstr(s, "bjjbot_sends_total{result=\"ok\"} 2\n"));
	assert_non_null(strstr(s, "bjjbot_sends_total{result=\"flood\"} 1\n"));
	assert_non_null(strstr(s, "bjjbot_telegram_429_total 1\n"));
	assert_non_null(strstr(s, "bjjbot_job_seconds_count{job=\"digest\"} 1\n"));
	assert_non_null(strstr(s, "bjjbot_job_seconds_count{job=\"say \\\"hi\\\"\"} 1\n"));
	assert_non_null(strstr(s, "bjjbot_outbox_depth 0\n"));
	assert_non_null(strstr(s, "bjjbot_http_connections 3\n"));
	assert_non_null(strstr(s, "# TYPE process_cpu_seconds_total counter\n"));
	assert_non_null(strstr(s, "process_resident_memory_bytes "));
	/* no backup and no poll yet: those gauges are left out, not faked */
	assert_null(strstr(s, "bjjbot_backup_age_seconds"));
	assert_null(strstr(s, "bjjbot_telegram_poll_age_seconds"));
	web_reply_release(&rp);
}

/* Past METRICS_MAX_LABELS names the rest share "other". */
static void test_metrics_label_cap(void **state)
{
	static char names[METRICS_MAX_LABELS + 5][8];
	struct buf b = { 0 };
	struct metrics_gauges g = { 0 };
	(void)state;

	metrics_reset();
	for (int i = 0; i < METRICS_MAX_LABELS + 5; i++) {
		snprintf(names[i], sizeof(names[i]), "c%d", i);
		metrics_send(names[i]);
	}
	metrics_format(&b, &g);
	assert_non_null(strstr(buf_str(&b), "bjjbot_sends_total{result=\"c0\"} 1\n"));
	assert_non_null(strstr(buf_str(&b), "bjjbot_sends_total{result=\"other\"} 5\n"));
	assert_null(strstr(buf_str(&b), "result=\"c164\""));
	buf_release(&b);
}

/* Telegram user from asks the bot for a token; "Bearer <token>", owned. */
static char *th_mint_as(struct th *t, int64_t from, const char *command)
{
	struct h_msg m;
	struct outbox_item *items = NULL;
	size_t n = 0;
	char *token, *auth;

	memset(&m, 0, sizeof(m));
	m.kind = H_MSG_TEXT;
	m.update_id = 1;
	m.chat_id = m.from_id = from;
	m.is_private = 1;
	m.from_first = "Olga";
	m.lang_code = "en";
	m.text = command;
	t->henv.now = clock_now();
	assert_int_equal(h_dispatch(&t->henv, &m, NULL), 0);
	assert_int_equal(db_outbox_due(t->db, INT64_MAX, 100, &items, &n), DB_OK);
	assert_int_equal(n, 1);
	token = hf_token_of(items[0].text);
	auth = xasprintf("Bearer %s", token);
	free(token);
	assert_int_equal(db_outbox_delete(t->db, items[0].id), DB_OK);
	outbox_items_free(items, n);
	return auth;
}

static char *th_mint(struct th *t, const char *command)
{
	return th_mint_as(t, TH_OWNER, command);
}

/* /api/v1/me: no token, a bad one, a good one, and one revoked. */
static void test_api_auth(void **state)
{
	struct th *t = *state;
	struct web_reply rp;
	char *auth = th_mint(t, "/apitoken 7"), *bad;
	cJSON *j;

	th_req(t, "GET", "/api/v1/me", NULL, &rp);
	assert_int_equal(rp.status, 401);
	assert_true(rp.challenge);
	assert_non_null(strstr(buf_str(&rp.body), "\"error\":\"an API token is required"));
	web_reply_release(&rp);

	th_req(t, "GET", "/api/v1/me", "Basic b3duZXI6cHc=", &rp);
	assert_int_equal(rp.status, 401);
	web_reply_release(&rp);

	/* One character of the signature changed. */
	bad = xstrdup(auth);
	bad[strlen(bad) - 2] = bad[strlen(bad) - 2] == 'A' ? 'B' : 'A';
	th_req(t, "GET", "/api/v1/me", bad, &rp);
	assert_int_equal(rp.status, 401);
	assert_non_null(strstr(buf_str(&rp.body), "invalid token"));
	web_reply_release(&rp);
	free(bad);

	assert_int_equal(th_json(t, "/api/v1/me", auth, &j), 200);
	hx_json_match(j, "{'role':'owner','id':%d,'expires_at':%lld}", TH_OWNER,
	    (long long)TH_NOW + 7 * 86400);
	cJSON_Delete(j);
	/* "bearer" in any case, as RFC 7235 has it */
	auth[0] = 'b';
	th_req(t, "GET", "/api/v1/me", auth, &rp);
	assert_int_equal(rp.status, 200);
	web_reply_release(&rp);
	/* the wrong method on a route that needs a token: 405 first */
	th_req(t, "POST", "/api/v1/me", auth, &rp);
	assert_int_equal(rp.status, 405);
	web_reply_release(&rp);

	/* A week and a second later it has expired. */
	clock_set_fake(TH_NOW + 7 * 86400 + 1);
	th_req(t, "GET", "/api/v1/me", auth, &rp);
	assert_int_equal(rp.status, 401);
	assert_non_null(strstr(buf_str(&rp.body), "token expired"));
	web_reply_release(&rp);
	free(auth);
}

/* The "total" of a 200 list at url. */
static int th_total(struct th *t, const char *url, const char *auth)
{
	cJSON *j;
	int total;

	assert_int_equal(th_json(t, url, auth, &j), 200);
	total = cJSON_GetObjectItem(j, "total")->valueint;
	cJSON_Delete(j);
	return total;
}

static int64_t th_student(struct th *t, const char *first, const char *last, const char *phone, int64_t tg)
{
	return hf_student(t->db, first, last, phone, NULL, 0, TH_NOW, tg);
}

/* The students resource: paging, search, inactive ones, role rules. */
static void test_api_students(void **state)
{
	struct th *t = *state;
	char *owner = th_mint(t, "/apitoken"), *student, *trainer;
	int64_t tid = 0;
	cJSON *j, *list;

	th_student(t, "Ivan", "Petrov", "+79000000001", 300);
	th_student(t, "Anna", "Orlova", "+79000000002", 0);
	th_student(t, "Boris", "Orlov", "+79000000003", 0);
	assert_int_equal(db_student_set_active(t->db, 3, 0, NULL), DB_OK);
	assert_int_equal(db_trainer_add(t->db, "Rafael", "Lima", "+79000000009", TH_NOW, &tid), DB_OK);
	assert_int_equal(db_person_link(t->db, PERSON_TRAINER, tid, 400), DB_OK);
	student = th_mint_as(t, 300, "/apitoken");
	trainer = th_mint_as(t, 400, "/apitoken");

	/* active ones by default, by name; phones for nobody in the list */
	assert_int_equal(th_json(t, "/api/v1/students", owner, &j), 200);
	assert_int_equal(cJSON_GetObjectItem(j, "total")->valueint, 2);
	list = cJSON_GetObjectItem(j, "students");
	assert_int_equal(cJSON_GetArraySize(list), 2);
	assert_string_equal(cJSON_GetObjectItem(cJSON_GetArrayItem(list, 0), "last_name")->valuestring, "Orlova");
	assert_null(cJSON_GetObjectItem(cJSON_GetArrayItem(list, 0), "phone"));
	cJSON_Delete(j);
	assert_int_equal(th_json(t, "/api/v1/students?all=true&per_page=2&page=2", trainer, &j), 200);
	assert_int_equal(cJSON_GetObjectItem(j, "total")->valueint, 3);
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(j, "students")), 1);
	assert_int_equal(cJSON_GetObjectItem(j, "page")->valueint, 2);
	cJSON_Delete(j);
	assert_int_equal(th_json(t, "/api/v1/students?q=orlov&all=1", owner, &j), 200);
	assert_int_equal(cJSON_GetObjectItem(j, "total")->valueint, 2);
	cJSON_Delete(j);
	assert_int_equal(th_json(t, "/api/v1/students?page=99", owner, &j), 200);
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(j, "students")), 0);
	cJSON_Delete(j);

	/* bad parameters: 400 naming them */
	static const char *const bad[] = {
		"/api/v1/students?page=0", "/api/v1/students?page=x", "/api/v1/students?per_page=101",
		"/api/v1/students?per_page=-1", "/api/v1/students?all=yes", "/api/v1/students?page=1e3",
		"/api/v1/students?page=100001", "/api/v1/students?page=99999999999999999999",
		"/api/v1/students?per_page=0", "/api/v1/students?page=+2", "/api/v1/students?page= 2",
		"/api/v1/students?page=2x",
	};
	for (size_t i = 0; i < BJJ_ARRAY_LEN(bad); i++) {
		assert_int_equal(th_json(t, bad[i], owner, &j), 400);
		assert_non_null(strstr(cJSON_GetObjectItem(j, "error")->valuestring, "bad query parameter"));
		cJSON_Delete(j);
	}

	/* A search is a literal fragment: LIKE's wildcards match only
	 * themselves, and a Cyrillic name is found as written. */
	th_student(t, "Олег", "Орлов", "+79000000004", 0);
	assert_int_equal(th_total(t, "/api/v1/students?q=%", owner), 0);
	assert_int_equal(th_total(t, "/api/v1/students?q=_", owner), 0);
	assert_int_equal(th_total(t, "/api/v1/students?q=Orlov_", owner), 0);
	assert_int_equal(th_json(t, "/api/v1/students?q=Орлов", owner, &j), 200);
	assert_int_equal(cJSON_GetObjectItem(j, "total")->valueint, 1);
	assert_string_equal(cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(j, "students"), 0),
	    "first_name")->valuestring, "Олег");
	cJSON_Delete(j);
	/* a search that is not UTF-8: refused */
	assert_int_equal(th_json(t, "/api/v1/students?q=\xd0\x9e\xff", owner, &j), 400);
	assert_string_equal(cJSON_GetObjectItem(j, "error")->valuestring,
	    "bad query parameter \"q\": not UTF-8");
	cJSON_Delete(j);

	/* one student: the owner sees the phone, a trainer not */
	assert_int_equal(th_json(t, "/api/v1/students/2", owner, &j), 200);
	assert_string_equal(cJSON_GetObjectItem(j, "phone")->valuestring, "+79000000002");
	cJSON_Delete(j);
	assert_int_equal(th_json(t, "/api/v1/students/2", trainer, &j), 200);
	assert_null(cJSON_GetObjectItem(j, "phone"));
	assert_string_equal(cJSON_GetObjectItem(j, "first_name")->valuestring, "Anna");
	cJSON_Delete(j);
	assert_int_equal(th_json(t, "/api/v1/students/77", owner, &j), 404);
	cJSON_Delete(j);

	/* a student: only themselves, in the list and by number */
	assert_int_equal(th_json(t, "/api/v1/students?all=1", student, &j), 200);
	assert_int_equal(cJSON_GetObjectItem(j, "total")->valueint, 1);
	list = cJSON_GetObjectItem(j, "students");
	assert_int_equal(cJSON_GetObjectItem(cJSON_GetArrayItem(list, 0), "id")->valueint, 1);
	assert_string_equal(cJSON_GetObjectItem(cJSON_GetArrayItem(list, 0), "phone")->valuestring, "+79000000001");
	cJSON_Delete(j);
	/* the one row is on page 1 only, like any list's */
	assert_int_equal(th_json(t, "/api/v1/students?page=2", student, &j), 200);
	assert_int_equal(cJSON_GetObjectItem(j, "total")->valueint, 1);
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(j, "students")), 0);
	cJSON_Delete(j);
	assert_int_equal(th_json(t, "/api/v1/students/1", student, &j), 200);
	assert_true(cJSON_IsTrue(cJSON_GetObjectItem(j, "telegram_linked")));
	cJSON_Delete(j);
	assert_int_equal(th_json(t, "/api/v1/students/2", student, &j), 403);
	assert_null(cJSON_GetObjectItem(j, "first_name"));
	cJSON_Delete(j);
	assert_int_equal(th_json(t, "/api/v1/students/77", student, &j), 403);
	cJSON_Delete(j);
	/* no token: 401 before anything is read */
	assert_int_equal(th_json(t, "/api/v1/students/1", NULL, NULL), 401);
	free(owner);
	free(student);
	free(trainer);
}

/* A socket listening on 127.0.0.1 at a free port, into *port. */
static int th_listener(int *port)
{
	struct sockaddr_in sin;
	socklen_t len = sizeof(sin);
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	assert_true(fd >= 0);
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(fd, (struct sockaddr *)&sin, sizeof(sin)), 0);
	assert_int_equal(listen(fd, 4), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&sin, &len), 0);
	*port = ntohs(sin.sin_port);
	return fd;
}

/* Send request to the server at port, turning loop until the server
 * closes the connection (or for at most ~10 s); what came back, owned. */
static char *th_exchange(struct ev_loop *loop, int port, const char *request)
{
	struct sockaddr_in sin;
	struct buf got = { 0 };
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons((uint16_t)port);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(connect(fd, (struct sockaddr *)&sin, sizeof(sin)), 0);
	assert_int_equal(write(fd, request, strlen(request)), (ssize_t)strlen(request));
	for (int i = 0; i < 1000; i++) {
		struct pollfd p = { fd, POLLIN, 0 };
		char chunk[512];
		ssize_t n;

		ev_run(loop, EVRUN_NOWAIT);
		if (poll(&p, 1, 10) <= 0)
			continue;
		n = read(fd, chunk, sizeof(chunk));
		if (n <= 0)
			break;
		buf_add(&got, chunk, (size_t)n);
	}
	close(fd);
	return buf_detach(&got);
}

/* The server itself: a busy port is refused with the reason; a body
 * declared longer than max_body gets 413 without "100 Continue" (so it
 * is never sent); a request is answered and the server stops cleanly. */
static void test_server(void **state)
{
	struct th *t = *state;
	struct ev_loop *loop = ev_loop_new(EVFLAG_AUTO);
	int port, busy = th_listener(&port);
	char err[256] = "", *got;
	struct web *w;

	t->cfg.http_listen = xasprintf("%d", port);
	snprintf(t->cfg.http_host, sizeof(t->cfg.http_host), "127.0.0.1");
	t->cfg.http_port = port;
	assert_null(web_start(loop, &t->env, err, sizeof(err)));
	assert_non_null(strstr(err, "is the port in use?"));
	close(busy);

	w = web_start(loop, &t->env, err, sizeof(err));
	assert_non_null(w);
	got = th_exchange(loop, port, "POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 100000000\r\n"
	    "Expect: 100-continue\r\n\r\n");
	if (strncmp(got, "HTTP/1.1 413 ", 13) != 0 || strstr(got, "100 Continue") != NULL)
		fail_msg("got: %s", got);
	assert_non_null(strstr(got, "{\"error\":\"request body too large\"}"));
	free(got);
	got = th_exchange(loop, port, "GET /nothing HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
	if (strncmp(got, "HTTP/1.1 404 ", 13) != 0 || strstr(got, "{\"error\":\"not found\"}") == NULL)
		fail_msg("got: %s", got);
	free(got);
	web_stop(w);
	ev_loop_destroy(loop);
}

/* GET /calendar/<secret><suffix>: a 200 calendar; the body, owned. */
static char *th_feed(struct th *t, const char *secret, const char *suffix)
{
	struct web_reply rp;
	char *path = xasprintf("/calendar/%s%s", secret, suffix), *body;

	th_get(t, "GET", path, &rp);
	if (rp.status != 200)
		fail_msg("%s: %d %s", path, rp.status, buf_str(&rp.body));
	assert_string_equal(rp.content_type, "text/calendar; charset=utf-8");
	body = xstrdup(buf_str(&rp.body));
	web_reply_release(&rp);
	free(path);
	return body;
}

/* body has "UID:training-<id>@bjjbot" (want 1) or not (0). */
static void th_has_class(const char *body, int64_t id, int want)
{
	char uid[64];

	snprintf(uid, sizeof(uid), "UID:training-%lld@bjjbot\r\n", (long long)id);
	if ((strstr(body, uid) != NULL) != want)
		fail_msg("%s %s in:\n%s", want ? "no" : "unexpected", uid, body);
}

/* body has class ids[i] where want[i] is '1', not where it is '0'. */
static void th_has_classes(const char *body, const int64_t *ids, const char *want)
{
	for (size_t i = 0; want[i] != '\0'; i++)
		th_has_class(body, ids[i], want[i] == '1');
}

static void th_has(const char *body, const char *what, int want)
{
	if ((strstr(body, what) != NULL) != want)
		fail_msg("%s \"%s\" in:\n%s", want ? "no" : "unexpected", what, body);
}

/* The feeds behind one secret: a student's own (the classes they said
 * they come to or came to, their exams), a trainer's (the classes they
 * teach), an owner's (everything), and the academy's schedule for any
 * secret; unknown, revoked and misshapen secrets 404. */
static void test_calendar_feeds(void **state)
{
	struct th *t = *state;
	int64_t a = th_student(t, "Ivan", "Petrov", NULL, 0), b = th_student(t, "Anna", "Smirnova", NULL, 0);
	int64_t tr = 0, c[5], ea, eb, eout;
	char *sa, *st, *so, *sb, *body, *path;
	struct att_effect eff;
	struct web_reply rp;
	int changed = 0;
	enum { DAY = 86400 };

	assert_int_equal(db_trainer_add(t->db, "Rafael", "Mendes", NULL, TH_NOW, &tr), DB_OK);
	assert_int_equal(db_training_add(t->db, "Gi", TH_NOW + DAY, 60, tr, TH_NOW, &c[0]), DB_OK);
	assert_int_equal(db_training_add(t->db, "No-Gi", TH_NOW + 2 * DAY, 60, 0, TH_NOW, &c[1]), DB_OK);
	assert_int_equal(db_training_add(t->db, "Open mat", TH_NOW + 3 * DAY, 60, 0, TH_NOW, &c[2]), DB_OK);
	assert_int_equal(db_training_add(t->db, "Gi", TH_NOW - 10 * DAY, 60, tr, TH_NOW, &c[3]), DB_OK);
	assert_int_equal(db_training_add(t->db, "Far", TH_NOW + 100 * DAY, 60, tr, TH_NOW, &c[4]), DB_OK);
	assert_int_equal(db_training_cancel(t->db, c[2], "mats"), DB_OK);
	assert_int_equal(db_rsvp_set(t->db, a, c[0], 0, TH_NOW), DB_OK);
	assert_int_equal(db_rsvp_set(t->db, a, c[1], 1, TH_NOW), DB_OK);
	assert_int_equal(db_rsvp_set(t->db, a, c[2], 1, TH_NOW), DB_OK);
	assert_int_equal(db_rsvp_set(t->db, a, c[4], 1, TH_NOW), DB_OK);
	assert_int_equal(db_attendance_mark(t->db, c[3], a, ATT_PRESENT, ATT_TRAINER, TH_OWNER, TH_NOW, &eff), DB_OK);
	assert_int_equal(db_attendance_mark(t->db, c[3], b, ATT_ABSENT, ATT_TRAINER, TH_OWNER, TH_NOW, &eff), DB_OK);
	assert_int_equal(db_exam_add(t->db, a, "blue", "2026-06-10", TH_OWNER, TH_NOW, &ea), DB_OK);
	assert_int_equal(db_exam_add(t->db, b, "blue", "2026-06-12", TH_OWNER, TH_NOW, &eb), DB_OK);
	assert_int_equal(db_exam_add(t->db, a, "purple", "2027-06-12", TH_OWNER, TH_NOW, &eout), DB_OK);
	assert_int_equal(db_exam_decide(t->db, eb, "failed", NULL, TH_NOW), DB_OK);
	assert_int_equal(db_calendar_secret_new(t->db, PERSON_STUDENT, a, TH_NOW, &sa), DB_OK);
	assert_int_equal(db_calendar_secret_new(t->db, PERSON_STUDENT, b, TH_NOW, &sb), DB_OK);
	assert_int_equal(db_calendar_secret_new(t->db, PERSON_TRAINER, tr, TH_NOW, &st), DB_OK);
	assert_int_equal(db_calendar_secret_new(t->db, API_SUBJECT_OWNER, TH_OWNER, TH_NOW, &so), DB_OK);
	t->henv.default_lang = LANG_EN;

	/* The student's own: "yes" answers and visits, not a "no" nor
	 * beyond 60 days; the cancelled one marked; only their exam. */
	body = th_feed(t, sa, ".ics");
	th_has_classes(body, c, "01110");
	th_has(body, "X-WR-CALNAME:", 1);
	th_has(body, ": my schedule\r\n", 1);
	th_has(body, "STATUS:CANCELLED\r\nDESCRIPTION:mats\r\n", 1);
	th_has(body, "SUMMARY:Belt exam: blue belt\r\n", 1);
	th_has(body, "DTSTART;VALUE=DATE:20260610\r\n", 1);
	th_has(body, "20260612", 0);
	th_has(body, "20270612", 0);
	free(body);

	/* Absent is no visit: the other student's has their decided exam only. */
	body = th_feed(t, sb, ".ics");
	th_has(body, "UID:training-", 0);
	th_has(body, "DTSTART;VALUE=DATE:20260612\r\n", 1);
	th_has(body, "DESCRIPTION:Not passed\r\n", 1);
	free(body);

	/* The academy's, under any secret: every class in the window, no exams. */
	body = th_feed(t, sa, "/academy.ics");
	th_has_classes(body, c, "11110");
	th_has(body, "exam-", 0);
	th_has(body, "my schedule", 0);
	free(body);

	/* The trainer's: the classes they teach. */
	body = th_feed(t, st, ".ics");
	th_has_classes(body, c, "1001");
	th_has(body, "exam-", 0);
	free(body);

	/* The owner's: every class and everyone's exams, named. */
	body = th_feed(t, so, ".ics");
	th_has_classes(body, c, "11110");
	th_has(body, "SUMMARY:Belt exam: Ivan Petrov\\, blue belt\r\n", 1);
	th_has(body, "SUMMARY:Belt exam: Anna Smirnova\\, blue belt\r\n", 1);
	th_has(body, "20270612", 0);
	free(body);

	/* Revoked: both of its feeds are gone; others' stay. */
	assert_int_equal(db_calendar_secret_revoke(t->db, PERSON_STUDENT, a, TH_NOW), DB_OK);
	/* what follows the secret ("/calendar/<secret>..."): a's first two */
	static const char *const gone[] = { ".ics", "/academy.ics", "/other.ics", "/academy.ics/x",
		"/.ics", ".ics/academy.ics" };
	for (size_t i = 0; i < BJJ_ARRAY_LEN(gone); i++) {
		path = xasprintf("/calendar/%s%s", i < 2 ? sa : sb, gone[i]);
		th_get(t, "GET", path, &rp);
		if (rp.status != 404 || strcmp(buf_str(&rp.body), "{\"error\":\"not found\"}\n") != 0)
			fail_msg("%s: %d %s", gone[i], rp.status, buf_str(&rp.body));
		web_reply_release(&rp);
		free(path);
	}
	th_get(t, "GET", "/calendar/nosuchsecret/academy.ics", &rp);
	assert_int_equal(rp.status, 404);
	web_reply_release(&rp);
	/* the feed's own words are in the academy's language */
	t->henv.default_lang = LANG_RU;
	body = th_feed(t, sb, ".ics");
	th_has(body, ": моё расписание\r\n", 1);
	th_has(body, "SUMMARY:Экзамен на пояс: синий пояс\r\n", 1);
	th_has(body, "DESCRIPTION:Не сдан\r\n", 1);
	free(body);

	/* Whose person left serves nothing: a deactivated student (both
	 * feeds), a trainer, an owner no longer in owner_ids; back again,
	 * the same secret works. */
	assert_int_equal(db_student_set_active(t->db, b, 0, &changed), DB_OK);
	assert_int_equal(db_trainer_set_active(t->db, tr, 0, &changed), DB_OK);
	t->cfg.n_owners = 0;
	const struct { char **secret; const char *suffix; } left[] = {
		{ &sb, ".ics" }, { &sb, "/academy.ics" }, { &st, ".ics" }, { &so, ".ics" }, { &so, "/academy.ics" },
	};
	for (size_t i = 0; i < BJJ_ARRAY_LEN(left); i++) {
		path = xasprintf("/calendar/%s%s", *left[i].secret, left[i].suffix);
		th_get(t, "GET", path, &rp);
		if (rp.status != 404)
			fail_msg("%s: %d", path, rp.status);
		web_reply_release(&rp);
		free(path);
	}
	t->cfg.n_owners = 1;
	assert_int_equal(db_student_set_active(t->db, b, 1, &changed), DB_OK);
	free(th_feed(t, so, ".ics"));
	free(th_feed(t, sb, ".ics"));
	free(sa);
	free(sb);
	free(st);
	free(so);
}

/* GET url with auth from client: the status; *retry_after (may be NULL)
 * gets the reply's Retry-After. */
static int th_from(struct th *t, const char *url, const char *auth, const char *client, int *retry_after)
{
	struct web_request rq;
	struct web_reply rp;
	int status;

	hx_request_init(&rq, "GET", url, "");
	rq.authorization = auth;
	rq.client = client;
	memset(&rp, 0, sizeof(rp));
	web_handle(&t->env, &rq, &rp);
	hx_record(rq.method, url, "", &rp);
	status = rp.status;
	if (status == 429) {
		assert_string_equal(buf_str(&rp.body), "{\"error\":\"too many requests\"}\n");
		assert_false(rp.challenge);
		assert_true(rp.retry_after >= 1);
	} else {
		assert_int_equal(rp.retry_after, 0);
	}
	if (retry_after != NULL)
		*retry_after = rp.retry_after;
	web_reply_release(&rp);
	return status;
}

/* [http] rate_limit through the router: a token's requests, failed
 * checks per client address (refused before the token is looked at),
 * routes without a token never limited. */
static void test_rate_limit(void **state)
{
	struct th *t = *state;
	char *a1 = th_mint(t, "/apitoken 7"), *a2 = th_mint(t, "/apitoken 7");
	int wait = 0;

	fake_clock_now = 1000;
	t->env.ratelimit = web_ratelimit_new(2, fake_clock);
	/* two a minute: the third waits 30 s for the next */
	assert_int_equal(th_from(t, "/api/v1/me", a1, "10.0.0.1", NULL), 200);
	assert_int_equal(th_from(t, "/api/v1/students", a1, "10.0.0.2", NULL), 200);
	assert_int_equal(th_from(t, "/api/v1/me", a1, "10.0.0.3", &wait), 429);
	assert_int_equal(wait, 30);
	/* another token has its own; the unlimited routes answer */
	assert_int_equal(th_from(t, "/api/v1/me", a2, "10.0.0.1", NULL), 200);
	for (int i = 0; i < 10; i++) {
		/* 503 here: no backup yet; never 429 */
		assert_int_equal(th_from(t, "/healthz", NULL, "10.0.0.1", NULL), 503);
		assert_int_equal(th_from(t, "/metrics", NULL, "10.0.0.1", NULL), 200);
		assert_int_equal(th_from(t, "/nothing", a1, "10.0.0.1", NULL), 404);
	}
	fake_clock_now += 29;
	assert_int_equal(th_from(t, "/api/v1/me", a1, "10.0.0.1", &wait), 429);
	assert_int_equal(wait, 1);
	fake_clock_now += 1;
	assert_int_equal(th_from(t, "/api/v1/me", a1, "10.0.0.1", NULL), 200);

	/* Failed checks from one address: two, then even a good token waits;
	 * another address is not held up. */
	assert_int_equal(th_from(t, "/api/v1/me", "Bearer x.y.z", "10.0.0.9", NULL), 401);
	assert_int_equal(th_from(t, "/api/v1/me", NULL, "10.0.0.9", NULL), 401);
	assert_int_equal(th_from(t, "/api/v1/me", a2, "10.0.0.9", &wait), 429);
	assert_int_equal(wait, 30);
	assert_int_equal(th_from(t, "/api/v1/me", "Bearer x.y.z", "10.0.0.9", NULL), 429);
	assert_int_equal(th_from(t, "/api/v1/me", "Bearer x.y.z", "10.0.0.8", NULL), 401);
	/* the refusal took nothing from a2's bucket (full again after 30 s) */
	assert_int_equal(th_from(t, "/api/v1/me", a2, "10.0.0.8", NULL), 200);
	assert_int_equal(th_from(t, "/api/v1/me", a2, "10.0.0.8", NULL), 200);
	assert_int_equal(th_from(t, "/api/v1/me", a2, "10.0.0.8", NULL), 429);
	/* good requests use none of the address's failures */
	fake_clock_now += 60;
	for (int i = 0; i < 2; i++)
		assert_int_equal(th_from(t, "/api/v1/me", a1, "10.0.0.7", NULL), 200);
	assert_int_equal(th_from(t, "/api/v1/me", NULL, "10.0.0.7", NULL), 401);
	assert_int_equal(th_from(t, "/api/v1/me", NULL, "10.0.0.7", NULL), 401);
	assert_int_equal(th_from(t, "/api/v1/me", NULL, "10.0.0.7", NULL), 429);

	web_ratelimit_free(t->env.ratelimit);
	t->env.ratelimit = NULL;
	free(a1);
	free(a2);
}

BJJ_TEST_MAIN(
	cmocka_unit_test(test_router),
	TH_TEST(test_errors_are_json),
	TH_TEST(test_healthz),
	TH_TEST(test_healthz_telegram_stale),
	TH_TEST(test_metrics_text),
	cmocka_unit_test(test_metrics_label_cap),
	TH_TEST(test_api_auth),
	TH_TEST(test_api_students),
	TH_TEST(test_server),
	TH_TEST(test_calendar_feeds),
	TH_TEST(test_rate_limit),
)
