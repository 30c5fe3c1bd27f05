/* json_match.c — see json_match.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_match.h"
#include "lib/alloc.h"

/* The first mismatch of json against want at path into why (owned), or
 * NULL when they match. */
static char *jm_diff(const cJSON *json, const cJSON *want, const char *path)
{
	const cJSON *w;
	char *printed, *why, *sub;
	int i = 0;

	if (cJSON_IsObject(want)) {
		if (!cJSON_IsObject(json))
			goto differ;
		cJSON_ArrayForEach(w, want) {
			const cJSON *got = cJSON_GetObjectItemCaseSensitive(json, w->string);

			sub = xasprintf("%s.%s", path, w->string);
			if (got == NULL)
				why = xasprintf("%s: missing", sub);
			else
				why = jm_diff(got, w, sub);
			free(sub);
			if (why != NULL)
				return why;
		}
		return NULL;
	}
	if (cJSON_IsArray(want)) {
		if (!cJSON_IsArray(json) || cJSON_GetArraySize(json) != cJSON_GetArraySize(want))
			goto differ;
		cJSON_ArrayForEach(w, want) {
			sub = xasprintf("%s[%d]", path, i);
			why = jm_diff(cJSON_GetArrayItem(json, i), w, sub);
			free(sub);
			if (why != NULL)
				return why;
			i++;
		}
		return NULL;
	}
	if (cJSON_Compare(json, want, 1))
		return NULL;
differ:
	printed = cJSON_PrintUnformatted(json);
	sub = cJSON_PrintUnformatted(want);
	why = xasprintf("%s: expected %s, got %s", path, sub, printed ? printed : "?");
	cJSON_free(printed);
	cJSON_free(sub);
	return why;
}

void hx_json_vmatch(const cJSON *json, const char *fmt, va_list ap)
{
	va_list ap2;
	char *text, *why, msg[1024];
	cJSON *want;
	int n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	assert_true(n >= 0);
	text = xmalloc((size_t)n + 1);
	vsnprintf(text, (size_t)n + 1, fmt, ap);
	for (char *q = text; *q != '\0'; q++) {
		if (*q == '\'')
			*q = '"';
	}
	want = cJSON_Parse(text);
	if (want == NULL) {
		snprintf(msg, sizeof(msg), "hx_json_match: not JSON: %s", text);
		free(text);
		fail_msg("%s", msg);
	}
	why = jm_diff(json, want, "$");
	cJSON_Delete(want);
	if (why != NULL) {
		snprintf(msg, sizeof(msg), "%s\n  in %s", why, text);
		free(why);
		free(text);
		fail_msg("%s", msg);
	}
	free(text);
}

void hx_json_match(const cJSON *json, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	hx_json_vmatch(json, fmt, ap);
	va_end(ap);
}
