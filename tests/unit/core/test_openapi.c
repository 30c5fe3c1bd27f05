/*
 * test_openapi.c — http/openapi.yaml and the route table (http/router.c)
 * name the same (method, path) pairs, so neither drifts from the other;
 * and GET /api/v1/openapi.yaml serves the file as it is in the tree.
 *
 * The file is read by its layout (tests/openapi_valid.py checks it is
 * valid OpenAPI 3.0): under "paths:", a path is a key indented by two
 * spaces ("  /api/v1/me:"), its operations keys indented by four
 * ("    get:").
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <cmocka.h>

#include "lib/util.h"
#include "files.h"
#include "http/web.h"
#include "http_fixture.h"
#include "test_main.h"

#define OPENAPI_FILE BJJ_TEST_DATA "/../../http/openapi.yaml"

/* Routes the file leaves out: the owner dashboard's pages, files and its
 * own JSON (/, /static/..., /web...), not part of the public API. */
static int excepted(const char *path)
{
	return strcmp(path, "/") == 0 || strcmp(path, "/web") == 0 || strncmp(path, "/web/", 5) == 0 ||
	    strncmp(path, "/static/", 8) == 0;
}

static const char *const operations[] = { "get", "put", "post", "patch", "delete", "head", "options", "trace" };

/* The file's "METHOD path" pairs into *out (owned strv). */
static size_t file_pairs(const char *text, char ***out)
{
	char **v = NULL, *path = NULL;
	size_t n = 0;
	int in_paths = 0;

	for (const char *l = text; *l; l += strcspn(l, "\n") + (l[strcspn(l, "\n")] == '\n')) {
		size_t len = strcspn(l, "\n");

		if (len == 0 || l[0] == '#')
			continue;
		if (l[0] != ' ') {
			in_paths = strncmp(l, "paths:", 6) == 0;
			continue;
		}
		if (!in_paths)
			continue;
		if (strncmp(l, "  /", 3) == 0 && l[len - 1] == ':') {
			free(path);
			path = xstrndup(l + 2, len - 3);
			continue;
		}
		if (strncmp(l, "    ", 4) != 0 || l[4] == ' ' || path == NULL)
			continue;
		for (size_t i = 0; i < BJJ_ARRAY_LEN(operations); i++) {
			size_t ol = strlen(operations[i]);

			if (strncmp(l + 4, operations[i], ol) == 0 && l[4 + ol] == ':') {
				char *pair = xasprintf("%s %s", operations[i], path);

				for (char *p = pair; *p != ' '; p++)
					*p = (char)(*p - 'a' + 'A');
				v = xrealloc(v, (n + 1) * sizeof(*v));
				v[n++] = pair;
			}
		}
	}
	free(path);
	*out = v;
	return n;
}

static int has(char *const *v, size_t n, const char *pair)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i], pair) == 0)
			return 1;
	return 0;
}

static void test_routes_match_the_file(void **state)
{
	size_t len, nf, nr, bad = 0;
	char *text = tf_read(OPENAPI_FILE, &len), **pairs;
	const struct web_route *r = web_route_table(&nr);
	char **table = xcalloc(nr + 1, sizeof(*table));
	size_t nt = 0;
	(void)state;

	nf = file_pairs(text, &pairs);
	assert_true(nf >= 5);
	for (size_t i = 0; i < nr; i++) {
		if (excepted(r[i].path))
			continue;
		table[nt] = xasprintf("%s %s", r[i].method, r[i].path);
		if (!has(pairs, nf, table[nt])) {
			print_error("in web_routes[] but not in openapi.yaml: %s\n", table[nt]);
			bad++;
		}
		nt++;
	}
	for (size_t i = 0; i < nf; i++) {
		if (!has(table, nt, pairs[i])) {
			print_error("in openapi.yaml but not in web_routes[]: %s\n", pairs[i]);
			bad++;
		}
	}
	if (bad > 0)
		fail_msg("%zu difference(s) between http/openapi.yaml and web_routes[]", bad);
	strv_free(pairs, nf);
	strv_free(table, nt);
	free(text);
}

/* The reader itself: keys at other depths, other sections and comments
 * are not routes. */
static void test_reader(void **state)
{
	static const char text[] =
	    "openapi: 3.0.3\n"
	    "# paths:\n"
	    "tags:\n  /not/a/path:\n    get:\n"
	    "paths:\n"
	    "  /a:\n    get:\n      summary: x\n      post:\n    parameters:\n    patch:\n"
	    "  /b/{id}:\n    delete:\n"
	    "components:\n  /c:\n    get:\n";
	char **v;
	size_t n = file_pairs(text, &v);
	(void)state;

	assert_int_equal(n, 3);
	assert_string_equal(v[0], "GET /a");
	assert_string_equal(v[1], "PATCH /a");
	assert_string_equal(v[2], "DELETE /b/{id}");
	strv_free(v, n);
}

/* GET /api/v1/openapi.yaml: the file byte for byte, no token needed. */
static void test_served(void **state)
{
	struct web_env env;
	struct web_request rq;
	struct web_reply rp;
	size_t len;
	char *text = tf_read(OPENAPI_FILE, &len);
	(void)state;

	memset(&env, 0, sizeof(env));
	hx_request_init(&rq, "GET", "/api/v1/openapi.yaml", "");
	memset(&rp, 0, sizeof(rp));
	web_handle(&env, &rq, &rp);
	assert_int_equal(rp.status, 200);
	assert_string_equal(rp.content_type, "application/yaml");
	assert_int_equal(rp.body.len, len);
	assert_memory_equal(rp.body.s, text, len);
	web_reply_release(&rp);
	free(text);
}

BJJ_TEST_MAIN(
	cmocka_unit_test(test_routes_match_the_file),
	cmocka_unit_test(test_reader),
	cmocka_unit_test(test_served),
)
