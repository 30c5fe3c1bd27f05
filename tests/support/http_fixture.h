/*
 * http_fixture.h — what the tests of the HTTP face share: a fresh
 * migrated database in a temporary folder, the bot's environment over it
 * with one owner (TH_OWNER), the clock fixed at TH_NOW in UTC, and
 * requests handed to web_handle without sockets. Built into the
 * bjj_test_support library (http_fixture.c).
 */
#ifndef BJJ_TESTS_HTTP_FIXTURE_H
#define BJJ_TESTS_HTTP_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bot/app.h"
#include "bot/config.h"
#include "lib/metrics.h"
#include "lib/util.h"
#include "http/web.h"
#include "storage/store.h"

#define TH_NOW 1780315200   /* 2026-06-01 12:00 UTC */

#define TH_OWNER 100

struct th {
	char dir[64];
	struct config cfg;
	struct db *db;
	struct h_env henv;
	struct web_env env;
	char cookie[96];           /* a Cookie header a test keeps */
};

int th_setup(void **state);

int th_teardown(void **state);

/* cmocka's entry for a test run between th_setup and th_teardown. */
#define TH_TEST(fn) cmocka_unit_test_setup_teardown(fn, th_setup, th_teardown)

/* A query string "a=1&b=x" as the server's argument lookup does it
 * (no %-decoding: the tests use plain values). */
const char *hx_arg(void *arg_ctx, const char *key);

/* A request to path (no query) with body (may be "") and nothing else:
 * no headers, no arguments; the strings are borrowed. */
void hx_request_init(struct web_request *rq, const char *method, const char *path,
    const char *body);

/* Run one request ("/path?query") with an Authorization and a Cookie
 * header (either may be NULL) and a body (may be ""); rp is zeroed first
 * and its body is owned by the caller (web_reply_release). */
void hx_run(const struct web_env *env, const char *method, const char *url,
    const char *auth, const char *cookie, const char *body, struct web_reply *rp);

/* With BJJ_API_ANSWERS set to a file name, every answer is appended to
 * it as one JSON line for tests/openapi_answers.py (hx_run does it). */
void hx_record(const char *method, const char *path, const char *request,
    const struct web_reply *rp);

void hx_request(const struct web_env *env, const char *method, const char *url,
    const char *auth, const char *body, struct web_reply *rp);

/* One request answered with JSON: the status, and the parsed body into
 * *json (owned; json may be NULL to skip it). */
struct cJSON;
int hx_json(const struct web_env *env, const char *method, const char *url,
    const char *auth, const char *body, struct cJSON **json);

void th_request(struct th *t, const char *method, const char *url, const char *auth,
    const char *cookie, struct web_reply *rp);

void th_req(struct th *t, const char *method, const char *url, const char *auth,
    struct web_reply *rp);

#endif
