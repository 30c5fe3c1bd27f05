/*
 * test_web.c — /web (handlers/web.c): an owner gets a one-time login link
 * under [http] public_url whose code storage/websessions.c takes once,
 * within 10 minutes, in the language of the reply; without public_url
 * the reply says how to set it; arguments, other roles and guests change
 * nothing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "handlers_fixture.h"
#include "storage/script.h"
#include "storage/websessions.h"
#include "test_main.h"

#define STUDENT_TG HF_LINKED_STUDENT
#define TRAINER_TG HF_LINKED_TRAINER
#define GUEST_TG 999
#define BASE HF_URL

/* The code in a reply's link; owned. */
static char *code_of(const char *text, const char *head)
{
	const char *s = strstr(text, head);

	if (s == NULL)
		fail_msg("no \"%s\" in \"%s\"", head, text);
	s += strlen(head);
	assert_int_equal(strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"),
	    DB_WEB_CODE_LEN);
	return xstrndup(s, DB_WEB_CODE_LEN);
}

static void test_link_once(void **state)
{
	struct hf *f = *state;
	char *code, *cond, *lang = NULL;
	int64_t owner = 0;

	hf_send(f, HF_OWNER, "/web");
	code = code_of(hf_take_reply(f, HF_OWNER), BASE "/web/login/");
	hf_assert_contains(f->items[0].text, "10 minutes");
	hf_assert_contains(f->items[0].text, "Do not forward it");
	/* the code is kept hashed only */
	hf_sql_assert(f, "(SELECT count(*) FROM web_logins WHERE length(code_hash) = 64) = 1");
	cond = xasprintf("(SELECT count(*) FROM web_logins WHERE instr(code_hash, '%s') > 0) = 0", code);
	hf_sql_assert(f, cond);
	free(cond);
	assert_int_equal(db_web_login_use(f->env.db, code, HF_NOW + 60, &owner, &lang), DB_OK);
	assert_int_equal(owner, HF_OWNER);
	assert_string_equal(lang, "en");
	free(lang);
	assert_int_equal(db_web_login_use(f->env.db, code, HF_NOW + 61, &owner, &lang), DB_CONSTRAINT);
	free(lang);
	free(code);

	/* a second link is another code; ten minutes later it is no good */
	hf_send(f, HF_OWNER, "/web");
	code = code_of(hf_take_reply(f, HF_OWNER), BASE "/web/login/");
	assert_int_equal(db_web_login_use(f->env.db, code, HF_NOW + DB_WEB_LOGIN_TTL, &owner, &lang),
	    DB_CONSTRAINT);
	free(lang);
	free(code);
}

static void test_russian(void **state)
{
	struct hf *f = *state;
	struct h_msg m = hf_msg(HF_OWNER, "/web");
	char *code, *lang = NULL;
	int64_t owner;

	m.lang_code = "ru";
	hf_send_msg(f, &m);
	code = code_of(hf_take_reply(f, HF_OWNER), BASE "/web/login/");
	hf_assert_contains(f->items[0].text, "Ссылка для входа в панель");
	assert_int_equal(db_web_login_use(f->env.db, code, HF_NOW, &owner, &lang), DB_OK);
	/* the dashboard speaks the reply's language */
	assert_string_equal(lang, "ru");
	free(lang);
	free(code);
}

static void test_no_public_url(void **state)
{
	struct hf *f = *state;
	char *code;

	f->cfg.http_public_url = NULL;
	hf_send(f, HF_OWNER, "/web");
	code = code_of(hf_take_reply(f, HF_OWNER), "<code>/web/login/");
	hf_assert_contains(f->items[0].text, "[http] public_url");
	free(code);
}

static void test_refused(void **state)
{
	struct hf *f = *state;
	static const int64_t who[] = { STUDENT_TG, TRAINER_TG, GUEST_TG };

	assert_int_equal(db_admin_watch(f->env.db), DB_OK);
	hf_expect(f, HF_OWNER, "/web now", "Usage: /web");
	for (size_t i = 0; i < sizeof(who) / sizeof(who[0]); i++) {
		hf_send(f, who[i], "/web");
		hf_assert_contains(hf_take_reply(f, who[i]), "only for the academy owner");
	}
	assert_int_equal(db_admin_changes(f->env.db), 0);
	hf_sql_assert(f, "(SELECT count(*) FROM web_logins) = 0");
}

BJJ_TEST_MAIN(
	HF_TEST_LINKED(test_link_once),
	HF_TEST_LINKED(test_russian),
	HF_TEST_LINKED(test_no_public_url),
	HF_TEST_LINKED(test_refused),
)
