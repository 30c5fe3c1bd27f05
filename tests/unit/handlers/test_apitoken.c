/*
 * test_apitoken.c — /apitoken, /apitokens and their revoke buttons, and
 * h_api_token_check, the one judge of a token the HTTP API is shown:
 * who gets which token, bad days, expired, revoked, forged, alg "none",
 * claims changed, a subject deactivated or no longer an owner, and that
 * the token itself is kept nowhere but in the reply.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <gnutls/crypto.h>
#include <jwt.h>

#include "handlers_fixture.h"
#include "storage/apitokens.h"
#include "test_main.h"

#define STUDENT_TG 300
#define TRAINER_TG 400

static int setup(void **state)
{
	int rc = hf_setup(state);
	struct hf *f = *state;

	hf_person(f, PERSON_STUDENT, "Oleg", "+79000000003", STUDENT_TG);   /* #1 */
	hf_person(f, PERSON_STUDENT, "Anna", "+79000000004", 0);            /* #2 */
	hf_person(f, PERSON_TRAINER, "Rafael", "+79000000005", TRAINER_TG); /* trainer #1 */
	return rc;
}

static enum h_api_auth check(struct hf *f, const char *token, struct h_api_caller *c)
{
	return h_api_token_check(&f->env, token, c);
}

static void test_own_tokens(void **state)
{
	struct hf *f = *state;
	struct h_api_caller c;
	char *tok;

	tok = hf_keep(f, hf_mint(f, STUDENT_TG, "/apitoken"));
	assert_int_equal(check(f, tok, &c), H_API_OK);
	assert_int_equal(c.role, ROLE_STUDENT);
	assert_int_equal(c.kind, PERSON_STUDENT);
	assert_int_equal(c.subject_id, 1);
	assert_int_equal(c.expires_at, HF_NOW + 30 * 86400);

	tok = hf_keep(f, hf_mint(f, TRAINER_TG, "/apitoken 2"));
	assert_int_equal(check(f, tok, &c), H_API_OK);
	assert_int_equal(c.role, ROLE_TRAINER);
	assert_int_equal(c.kind, PERSON_TRAINER);
	assert_int_equal(c.expires_at, HF_NOW + 2 * 86400);

	hf_send(f, HF_OWNER, "/apitoken 365");
	tok = hf_keep(f, hf_token_of(hf_take_reply(f, HF_OWNER)));
	hf_assert_contains_all(f->items[0].text, "API token #3 for owner (Telegram id 100)",
	    "in the header <code>Authorization: Bearer …</code>", "Keep it secret",
	    "If it leaks, revoke it in /apitokens.");
	assert_int_equal(check(f, tok, &c), H_API_OK);
	assert_int_equal(c.role, ROLE_OWNER);
	assert_int_equal(c.kind, API_SUBJECT_OWNER);
	assert_int_equal(c.subject_id, HF_OWNER);
	/* The token is in the reply only: not in the table, not in the audit. */
	hf_sql_assert(f, "(SELECT count(*) FROM api_tokens) = 3");
	hf_sql_assert(f, "(SELECT count(*) FROM audit_log WHERE action = 'apitoken.issue') = 3");
	hf_sql_assert(f, "(SELECT count(*) FROM audit_log WHERE details LIKE '%eyJ%') = 0");
	hf_sql_assert(f, "(SELECT count(*) FROM api_tokens WHERE jti LIKE 'eyJ%') = 0");
}

static void test_bad_arguments(void **state)
{
	struct hf *f = *state;
	static const struct hf_case_from cases[] = {
		{ STUDENT_TG, "/apitoken 0", "valid for 1 to 365 days" },
		{ STUDENT_TG, "/apitoken 366", "valid for 1 to 365 days" },
		/* A student names nobody: only owners issue for others. */
		{ STUDENT_TG, "/apitoken #2", "/apitoken [days]" },
		{ TRAINER_TG, "/apitoken #1 5", "Usage" },
		{ HF_OWNER, "/apitoken #1 5 6", "Usage" },
		{ HF_OWNER, "/apitokens all", "Usage" },
	};

	hf_expect_cases_from(f, cases, BJJ_ARRAY_LEN(cases));
	/* Guests have no role to carry. */
	hf_send(f, 777, "/apitoken");
	hf_assert_lacks(hf_take_reply(f, 777), "<code>");
	hf_sql_assert(f, "(SELECT count(*) FROM api_tokens) = 0");
}

static void test_owner_for_others(void **state)
{
	struct hf *f = *state;
	struct h_api_caller c;
	char *tok;

	hf_send(f, HF_OWNER, "/apitoken #2 10");
	tok = hf_keep(f, hf_token_of(hf_take_reply(f, HF_OWNER)));
	hf_assert_contains(f->items[0].text, "for student Anna");
	assert_int_equal(check(f, tok, &c), H_API_OK);
	assert_int_equal(c.role, ROLE_STUDENT);
	assert_int_equal(c.subject_id, 2);
	assert_int_equal(c.expires_at, HF_NOW + 10 * 86400);

	hf_send(f, HF_OWNER, "/apitoken trainer Rafael");
	tok = hf_keep(f, hf_token_of(hf_take_reply(f, HF_OWNER)));
	hf_assert_contains(f->items[0].text, "for trainer Rafael");
	assert_int_equal(check(f, tok, &c), H_API_OK);
	assert_int_equal(c.role, ROLE_TRAINER);
	assert_int_equal(c.kind, PERSON_TRAINER);

	/* The student leaves: no new token, and the old one stops working. */
	tok = hf_keep(f, hf_mint(f, STUDENT_TG, "/apitoken"));
	hf_send_take(f, HF_OWNER, "/deactivate #1");
	assert_int_equal(check(f, tok, &c), H_API_REVOKED);
	hf_expect(f, HF_OWNER, "/apitoken #1", "deactivated");
	hf_sql_assert(f, "(SELECT count(*) FROM api_tokens) = 3");
}

static void test_expiry_and_owner_list(void **state)
{
	struct hf *f = *state;
	struct h_api_caller c;
	char *tok = hf_keep(f, hf_mint(f, HF_OWNER, "/apitoken 1"));

	f->env.now = HF_NOW + 86400 - 1;
	assert_int_equal(check(f, tok, &c), H_API_OK);
	f->env.now = HF_NOW + 86400;
	assert_int_equal(check(f, tok, &c), H_API_EXPIRED);
	/* No longer an owner: the token goes with the role. */
	f->env.now = HF_NOW;
	f->cfg.owner_ids[0] = 555;
	assert_int_equal(check(f, tok, &c), H_API_REVOKED);
	f->cfg.owner_ids[0] = HF_OWNER;
	assert_int_equal(check(f, tok, &c), H_API_OK);
}

/* base64url of n bytes, no padding; owned. */
static char *b64url_n(const unsigned char *s, size_t n)
{
	static const char a[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	size_t i;
	struct buf b = { 0 };

	for (i = 0; i + 2 < n; i += 3) {
		unsigned v = (unsigned char)s[i] << 16 | (unsigned char)s[i + 1] << 8 | (unsigned char)s[i + 2];
		buf_addc(&b, a[v >> 18 & 63]);
		buf_addc(&b, a[v >> 12 & 63]);
		buf_addc(&b, a[v >> 6 & 63]);
		buf_addc(&b, a[v & 63]);
	}
	if (n - i == 1) {
		unsigned v = (unsigned char)s[i] << 16;
		buf_addc(&b, a[v >> 18 & 63]);
		buf_addc(&b, a[v >> 12 & 63]);
	} else if (n - i == 2) {
		unsigned v = (unsigned char)s[i] << 16 | (unsigned char)s[i + 1] << 8;
		buf_addc(&b, a[v >> 18 & 63]);
		buf_addc(&b, a[v >> 12 & 63]);
		buf_addc(&b, a[v >> 6 & 63]);
	}
	return buf_detach(&b);
}

static char *b64url(const char *s)
{
	return b64url_n((const unsigned char *)s, strlen(s));
}

/* A token of header and payload (JSON texts) whose signature is
 * HMAC-SHA256 under key, whatever alg the header names: what an
 * attacker who knew the key would make; owned. */
static char *hmac_token(const char *key, const char *header, const char *payload)
{
	char *h = b64url(header), *p = b64url(payload), *input = xasprintf("%s.%s", h, p), *sig, *out;
	unsigned char mac[32];

	assert_int_equal(gnutls_hmac_fast(GNUTLS_MAC_SHA256, key, strlen(key), input, strlen(input), mac), 0);
	sig = b64url_n(mac, sizeof(mac));
	out = xasprintf("%s.%s", input, sig);
	free(h);
	free(p);
	free(input);
	free(sig);
	return out;
}

/* The claims of a real token, signed by key with alg (or unsigned). */
static char *resign(struct hf *f, const char *real, jwt_alg_t alg, const char *key, const char *role)
{
	struct api_token t;
	jwt_t *jwt = NULL;
	char *out, *enc, *sub;
	struct h_api_caller c;

	assert_int_equal(check(f, real, &c), H_API_OK);
	assert_int_equal(db_api_token_get(f->db, c.token_id, &t), DB_OK);
	sub = xasprintf("student:%lld", (long long)t.subject_id);
	assert_int_equal(jwt_new(&jwt), 0);
	jwt_add_grant(jwt, "sub", sub);
	jwt_add_grant(jwt, "role", role);
	jwt_add_grant(jwt, "jti", t.jti);
	jwt_add_grant_int(jwt, "iat", (long)t.created_at);
	jwt_add_grant_int(jwt, "exp", (long)t.expires_at);
	assert_int_equal(jwt_set_alg(jwt, alg, (const unsigned char *)key, key ? (int)strlen(key) : 0), 0);
	enc = jwt_encode_str(jwt);
	assert_non_null(enc);
	out = xstrdup(enc);
	free(enc);
	jwt_free(jwt);
	free(sub);
	api_token_release(&t);
	return out;
}

/* The signature is checked by our own constant-time comparison before
 * libjwt (whose 1.10.2 uses strcmp): the right HMAC-SHA256 is taken, any
 * other last part refused, whatever its length. */
static void test_signature_check(void **state)
{
	struct hf *f = *state;
	char *tok = hf_keep(f, hf_mint(f, HF_OWNER, "/apitoken")), *key = NULL, *other, *mine, *t;
	size_t n = strlen(tok), sig = (size_t)(strrchr(tok, '.') - tok) + 1;

	assert_int_equal(db_api_secret(f->db, 0, &key), DB_OK);
	hf_keep(f, key);
	assert_true(h_api_signature_ok(key, tok));
	assert_int_equal(n - sig, 43);
	/* the same HMAC made independently */
	mine = hf_keep(f, hmac_token(key, "{\"alg\":\"HS256\"}", "{\"sub\":\"x\"}"));
	assert_true(h_api_signature_ok(key, mine));
	/* every character of the signature matters */
	t = hf_keep(f, xstrdup(tok));
	for (size_t i = sig; i < n; i++) {
		char was = t[i];

		t[i] = was == 'A' ? 'B' : 'A';
		assert_false(h_api_signature_ok(key, t));
		t[i] = was;
	}
	assert_true(h_api_signature_ok(key, t));
	/* shorter, longer, padded */
	t = hf_keep(f, xstrndup(tok, n - 1));
	assert_false(h_api_signature_ok(key, t));
	t = hf_keep(f, xasprintf("%sA", tok));
	assert_false(h_api_signature_ok(key, t));
	t = hf_keep(f, xasprintf("%s=", tok));
	assert_false(h_api_signature_ok(key, t));
	/* another key; no signature at all; not a token */
	other = hf_keep(f, hmac_token("another key", "{\"alg\":\"HS256\"}", "{\"sub\":\"x\"}"));
	assert_false(h_api_signature_ok(key, other));
	t = hf_keep(f, xstrndup(tok, sig));
	assert_false(h_api_signature_ok(key, t));
	assert_false(h_api_signature_ok(key, "abc"));
	assert_false(h_api_signature_ok(key, "abc.def"));
	assert_false(h_api_signature_ok(key, NULL));
	assert_false(h_api_signature_ok(NULL, tok));
}

static void test_forged(void **state)
{
	struct hf *f = *state;
	struct h_api_caller c;
	char *tok = hf_keep(f, hf_mint(f, STUDENT_TG, "/apitoken")), *key = NULL, *forged, *head, *payload;
	const char *dot = strchr(tok, '.'), *dot2 = strrchr(tok, '.');

	/* The claims of a real token under another key, or re-signed with
	 * the right key but a higher role, or with no signature at all. */
	forged = hf_keep(f, resign(f, tok, JWT_ALG_HS256, "not the academy's key at all, 43 chars long",
	    "student"));
	assert_int_equal(check(f, forged, &c), H_API_INVALID);
	assert_int_equal(db_api_secret(f->db, 0, &key), DB_OK);
	hf_keep(f, key);
	forged = hf_keep(f, resign(f, tok, JWT_ALG_HS256, key, "owner"));
	assert_int_equal(check(f, forged, &c), H_API_INVALID);
	forged = hf_keep(f, resign(f, tok, JWT_ALG_HS256, key, "student"));
	assert_int_equal(check(f, forged, &c), H_API_OK);   /* the same claims: the same token */
	forged = hf_keep(f, resign(f, tok, JWT_ALG_HS512, key, "student"));
	assert_int_equal(check(f, forged, &c), H_API_INVALID);
	/* alg "none": the real claims with an empty signature */
	head = hf_keep(f, b64url("{\"alg\":\"none\",\"typ\":\"JWT\"}"));
	payload = hf_keep(f, xstrndup(dot + 1, (size_t)(dot2 - dot - 1)));
	forged = hf_keep(f, xasprintf("%s.%s.", head, payload));
	assert_int_equal(check(f, forged, &c), H_API_INVALID);
	forged = hf_keep(f, xasprintf("%s.%s", head, payload));
	assert_int_equal(check(f, forged, &c), H_API_INVALID);
	/* garbage */
	assert_int_equal(check(f, "", &c), H_API_INVALID);
	assert_int_equal(check(f, "eyJ.eyJ.x", &c), H_API_INVALID);
	assert_int_equal(check(f, "not a token", &c), H_API_INVALID);
	assert_int_equal(check(f, tok, &c), H_API_OK);
}

static void test_list_and_revoke(void **state)
{
	struct hf *f = *state;
	struct h_api_caller c;
	char *mine = hf_keep(f, hf_mint(f, STUDENT_TG, "/apitoken"));
	char *staff = hf_keep(f, hf_mint(f, TRAINER_TG, "/apitoken"));
	const struct outbox_item *it;

	/* A student sees their own tokens only. */
	assert_int_equal(hf_send_take(f, STUDENT_TG, "/apitokens"), 1);
	it = &f->items[0];
	hf_assert_contains_all(it->text, "API tokens in force: 1", "#1 — student Oleg");
	hf_assert_lacks_all(it->text, "Rafael", "eyJ");
	hf_assert_contains(it->markup, "apt:1");
	hf_assert_lacks(it->markup, "apt:2");
	/* The owner sees every one. */
	hf_expect(f, HF_OWNER, "/apitokens", "API tokens in force: 2");
	hf_assert_contains(f->items[0].markup, "apt:2");

	/* Someone else's token: refused, still good. */
	hf_expect_press(f, STUDENT_TG, "apt:2", "not for you");
	assert_int_equal(check(f, staff, &c), H_API_OK);
	hf_expect_press(f, STUDENT_TG, "apt:99", "not for you");
	hf_expect_press(f, STUDENT_TG, "apt:x1", "outdated");

	/* One's own: revoked once. */
	hf_expect_press(f, STUDENT_TG, "apt:1", "Token #1 is revoked");
	assert_int_equal(check(f, mine, &c), H_API_REVOKED);
	hf_expect_press(f, STUDENT_TG, "apt:1", "revoked already");
	hf_expect(f, STUDENT_TG, "/apitokens", "No API tokens are in force");
	/* The owner revokes anyone's. */
	hf_press_take(f, HF_OWNER, "apt:2");
	assert_int_equal(check(f, staff, &c), H_API_REVOKED);
	hf_sql_assert(f, "(SELECT count(*) FROM audit_log WHERE action = 'apitoken.revoke') = 2");
}

static void test_russian(void **state)
{
	struct hf *f = *state;

	hf_send_ru(f, STUDENT_TG, "/apitoken 3");
	hf_keep(f, hf_token_of(hf_take_reply(f, STUDENT_TG)));
	hf_assert_contains_all(f->items[0].text, "Токен API №1 для: ученик Oleg",
	    "в заголовке <code>Authorization: Bearer …</code>",
	    "Если токен попал в чужие руки, отзовите его в /apitokens.");
	hf_expect_ru(f, STUDENT_TG, "/apitokens", "Действующие токены API: 1");
	hf_assert_contains(f->items[0].markup, "Отозвать №1");
}

/* A trainer turned off or unlinked, a student unlinked: their tokens get
 * 401; an unlink revokes them for good, so linking the record again (to
 * whichever account) does not bring them back. */
static void test_role_taken_away(void **state)
{
	struct hf *f = *state;
	struct h_api_caller c;
	char *staff = hf_keep(f, hf_mint(f, TRAINER_TG, "/apitoken"));
	char *mine = hf_keep(f, hf_mint(f, STUDENT_TG, "/apitoken"));
	char *anna;

	hf_send(f, HF_OWNER, "/apitoken #2");
	anna = hf_keep(f, hf_token_of(hf_take_reply(f, HF_OWNER)));
	hf_send_take(f, HF_OWNER, "/trainer Rafael off");
	assert_int_equal(check(f, staff, &c), H_API_REVOKED);
	hf_send_take(f, HF_OWNER, "/trainer Rafael on");
	assert_int_equal(check(f, staff, &c), H_API_OK);

	hf_send_take(f, HF_OWNER, "/unlink trainer Rafael");
	assert_int_equal(check(f, staff, &c), H_API_REVOKED);
	hf_send_take(f, HF_OWNER, "/unlink #1");
	assert_int_equal(check(f, mine, &c), H_API_REVOKED);
	/* Anna's was not touched. */
	assert_int_equal(check(f, anna, &c), H_API_OK);
	assert_int_equal(db_person_link(f->db, PERSON_TRAINER, 1, TRAINER_TG), DB_OK);
	assert_int_equal(db_person_link(f->db, PERSON_STUDENT, 1, STUDENT_TG), DB_OK);
	assert_int_equal(check(f, staff, &c), H_API_REVOKED);
	assert_int_equal(check(f, mine, &c), H_API_REVOKED);
	hf_sql_assert(f, "(SELECT count(*) FROM api_tokens WHERE revoked_at IS NOT NULL) = 2");
}

/* tmpl with @J the jti of t and @E its expiry; owned. */
static char *fill_claims(const char *tmpl, const struct api_token *t)
{
	struct buf b = { 0 };

	for (; *tmpl; tmpl++) {
		if (tmpl[0] == '@' && tmpl[1] == 'J')
			buf_adds(&b, t->jti);
		else if (tmpl[0] == '@' && tmpl[1] == 'E')
			buf_addf(&b, "%lld", (long long)t->expires_at);
		else {
			buf_addc(&b, *tmpl);
			continue;
		}
		tmpl++;
	}
	return buf_detach(&b);
}

/* Tokens signed with the academy's key but not as the bot makes them:
 * another HMAC, an RSA or ECDSA alg naming the key as if it were a
 * public one, a claim missing or of the wrong type. Each is refused; the
 * same claims as a real token, with an extra one, are that token. */
static void test_claims_and_algs(void **state)
{
	struct hf *f = *state;
	struct h_api_caller c;
	struct api_token t;
	char *tok = hf_keep(f, hf_mint(f, STUDENT_TG, "/apitoken")), *key = NULL, *forged, *claims;
	static const char hs256[] = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
	static const char *const other_algs[] = {
		"{\"alg\":\"RS256\",\"typ\":\"JWT\"}", "{\"alg\":\"ES256\",\"typ\":\"JWT\"}",
		"{\"alg\":\"PS256\",\"typ\":\"JWT\"}", "{\"alg\":\"hs256\",\"typ\":\"JWT\"}",
		"{\"typ\":\"JWT\"}",
	};
	/* Claims around the real jti (@J) and expiry (@E). */
	static const char *const bad_claims[] = {
		"{\"role\":\"student\",\"jti\":\"@J\",\"exp\":@E}",
		"{\"sub\":\"student:1\",\"jti\":\"@J\",\"exp\":@E}",
		"{\"sub\":\"student:1\",\"role\":\"student\",\"jti\":\"@J\",\"nexp\":@E}",
		"{\"sub\":\"student:1\",\"role\":\"student\",\"jti\":\"@J\",\"exp\":\"@E\"}",
		"{\"sub\":\"student:1\",\"role\":\"student\",\"jti\":\"@J\",\"exp\":@E.5}",
		"{\"sub\":\"student:1\",\"role\":\"student\",\"jti\":\"@J\",\"exp\":@E000}",
		"{\"sub\":\"student:1\",\"role\":\"student\",\"jtx\":\"@J\",\"exp\":@E}",
		"{\"sub\":1,\"role\":\"student\",\"jti\":\"@J\",\"exp\":@E}",
		"{\"sub\":\"student:2\",\"role\":\"student\",\"jti\":\"@J\",\"exp\":@E}",
		"{\"sub\":\"student:01\",\"role\":\"student\",\"jti\":\"@J\",\"exp\":@E}",
		"{\"sub\":\"trainer:1\",\"role\":\"trainer\",\"jti\":\"@J\",\"exp\":@E}",
	};

	assert_int_equal(db_api_secret(f->db, 0, &key), DB_OK);
	hf_keep(f, key);
	assert_int_equal(check(f, tok, &c), H_API_OK);
	assert_int_equal(db_api_token_get(f->db, c.token_id, &t), DB_OK);

	/* The helper makes good tokens: the real claims, plus one we do not use. */
	claims = hf_keep(f, fill_claims("{\"sub\":\"student:1\",\"role\":\"student\",\"jti\":\"@J\","
	    "\"exp\":@E,\"admin\":true}", &t));
	forged = hf_keep(f, hmac_token(key, hs256, claims));
	assert_int_equal(check(f, forged, &c), H_API_OK);
	for (size_t i = 0; i < BJJ_ARRAY_LEN(other_algs); i++) {
		forged = hf_keep(f, hmac_token(key, other_algs[i], claims));
		if (check(f, forged, &c) != H_API_INVALID)
			fail_msg("header %s was taken", other_algs[i]);
	}
	forged = hf_keep(f, resign(f, tok, JWT_ALG_HS384, key, "student"));
	assert_int_equal(check(f, forged, &c), H_API_INVALID);
	for (size_t i = 0; i < BJJ_ARRAY_LEN(bad_claims); i++) {
		claims = hf_keep(f, fill_claims(bad_claims[i], &t));
		forged = hf_keep(f, hmac_token(key, hs256, claims));
		if (check(f, forged, &c) == H_API_OK)
			fail_msg("claims %s were taken", claims);
	}
	api_token_release(&t);
}

/* A test between setup and hf_teardown. */
#define TOKEN_TEST(fn) cmocka_unit_test_setup_teardown(fn, setup, hf_teardown)

BJJ_TEST_MAIN(
	TOKEN_TEST(test_own_tokens),
	TOKEN_TEST(test_bad_arguments),
	TOKEN_TEST(test_owner_for_others),
	TOKEN_TEST(test_expiry_and_owner_list),
	TOKEN_TEST(test_forged),
	TOKEN_TEST(test_signature_check),
	TOKEN_TEST(test_list_and_revoke),
	TOKEN_TEST(test_russian),
	TOKEN_TEST(test_role_taken_away),
	TOKEN_TEST(test_claims_and_algs),
)
