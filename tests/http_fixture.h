/*
 * http_fixture.h — requests to the HTTP face without sockets, for the
 * tests of http/ (test_http.c, test_api_read.c): a URL with its query
 * string run through web_handle as the server would. Header-only (static
 * functions) because tests/CMakeLists.txt builds each test from its one
 * .c file.
 *
 * Include after <cmocka.h> and http/web.h.
 */
#ifndef BJJ_TESTS_HTTP_FIXTURE_H
#define BJJ_TESTS_HTTP_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bot/util.h"
#include "http/web.h"

/* A query string "a=1&b=x" as the server's argument lookup does it
 * (no %-decoding: the tests use plain values). */
static inline const char *hx_arg(void *arg_ctx, const char *key)
{
	/* distinct buffers: a caller holds several values at once */
	static char values[8][256];
	static size_t next;
	char *value = values[next++ % BJJ_ARRAY_LEN(values)];
	const char *q = arg_ctx;
	size_t klen = strlen(key);

	while (q != NULL && *q) {
		size_t len = strcspn(q, "&");

		if (strncmp(q, key, klen) == 0 && q[klen] == '=') {
			snprintf(value, sizeof(values[0]), "%.*s", (int)(len - klen - 1), q + klen + 1);
			return value;
		}
		q += len + (q[len] == '&');
	}
	return NULL;
}

/* Run one request ("/path?query") with an Authorization header (may be
 * NULL) and a body (may be ""); rp is zeroed first and its body is owned
 * by the caller (web_reply_free). */
static inline void hx_request(const struct web_env *env, const char *method, const char *url,
    const char *auth, const char *body, struct web_reply *rp)
{
	char *path = xstrdup(url), *q = strchr(path, '?');
	struct web_request rq;

	if (q != NULL)
		*q++ = '\0';
	memset(&rq, 0, sizeof(rq));
	rq.method = method;
	rq.path = path;
	rq.authorization = auth;
	rq.body = body;
	rq.body_len = strlen(body);
	rq.connections = 3;
	rq.arg = hx_arg;
	rq.arg_ctx = q;
	memset(rp, 0, sizeof(*rp));
	web_handle(env, &rq, rp);
	free(path);
}

#endif
