/*
 * apitoken.c — the HTTP API's tokens: /apitoken issues one, /apitokens
 * lists those in force with a revoke button each ("apt:<number>"), and
 * h_api_token_check is the one place a token presented to the API is
 * judged.
 *
 * A token is a JSON Web Token signed with HS256 (libjwt) under a key the
 * database keeps; its claims are sub ("student:5", "trainer:2",
 * "owner:<telegram id>"), role, iat, exp and jti, the random id of its row
 * in api_tokens. The token is shown once, in the reply; only its jti is
 * kept, and nothing of it is logged or audited. A presented token's
 * signature is checked here in constant time before libjwt sees it (see
 * h_api_signature_ok).
 *
 * Who may do what: everyone linked gets tokens for themselves with their
 * role; an owner also for a named student or trainer. One sees and revokes
 * one's own tokens; an owner every token.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <gnutls/crypto.h>
#include <jwt.h>

#include "lib/civil.h"
#include "lib/log.h"
#include "handlers/command.h"
#include "handlers/reply.h"
#include "handlers/texts.h"
#include "storage/apitokens.h"

#define H_API_DAYS_DEFAULT 30
#define H_API_DAYS_MAX 365
/* random_code characters in a jti: 132 bits */
#define H_API_JTI_LEN 22
/* tokens listed by /apitokens, each with a button */
#define H_API_LIST_MAX 20

static const char *h_api_role_claim(enum role r)
{
	return r == ROLE_OWNER ? "owner" : r == ROLE_TRAINER ? "trainer" : "student";
}

/* The sub claim of (kind, id); owned. */
static char *h_api_subject(int kind, int64_t id)
{
	const char *k = kind == PERSON_STUDENT ? "student" : kind == PERSON_TRAINER ? "trainer" : "owner";
	return xasprintf("%s:%lld", k, (long long)id);
}

/* "student Ivan Petrov (#5)" for token t, escaped, into b. -1 on failure. */
static int h_api_who(struct h_ctx *ctx, int kind, int64_t id, struct buf *b)
{
	struct person p = { 0 };
	const char *first, *last;
	int rc;

	if (kind == API_SUBJECT_OWNER) {
		H_TF(b, ctx->lang, T_APITOKEN_WHO_OWNER, (long long)id);
		return 0;
	}
	rc = db_person_get(ctx->env->db, kind, id, &p);
	if (rc == DB_ERROR)
		return -1;
	first = h_esc(ctx, p.first_name ? p.first_name : "?");
	last = h_esc(ctx, p.last_name ? p.last_name : "");
	if (kind == PERSON_STUDENT)
		H_TF(b, ctx->lang, T_APITOKEN_WHO_STUDENT, first, last, (long long)id);
	else
		H_TF(b, ctx->lang, T_APITOKEN_WHO_TRAINER, first, last, (long long)id);
	person_release(&p);
	return 0;
}

/* The signed token for t; owned, NULL on failure (logged). */
static char *h_api_sign(struct h_env *env, const struct api_token *t)
{
	char *key = NULL, *sub = h_api_subject(t->kind, t->subject_id), *out = NULL, *enc;
	jwt_t *jwt = NULL;

	if (db_api_secret(env->db, 1, &key) != DB_OK || key == NULL)
		goto done;
	if (jwt_new(&jwt) != 0 ||
	    jwt_add_grant(jwt, "sub", sub) != 0 ||
	    jwt_add_grant(jwt, "role", h_api_role_claim(t->role)) != 0 ||
	    jwt_add_grant(jwt, "jti", t->jti) != 0 ||
	    jwt_add_grant_int(jwt, "iat", (long)t->created_at) != 0 ||
	    jwt_add_grant_int(jwt, "exp", (long)t->expires_at) != 0 ||
	    jwt_set_alg(jwt, JWT_ALG_HS256, (const unsigned char *)key, (int)strlen(key)) != 0 ||
	    (enc = jwt_encode_str(jwt)) == NULL) {
		log_error("handlers", "cannot sign an API token");
		goto done;
	}
	out = xstrdup(enc);
	free(enc);
done:
	jwt_free(jwt);
	secret_free(key);
	free(sub);
	return out;
}

/* Issue a token of role for (kind, id), valid days, and reply with it. */
static int h_api_issue(struct h_ctx *ctx, int kind, int64_t id, enum role role, int days)
{
	struct api_token t = { 0 };
	char jti[H_API_JTI_LEN + 1];
	struct buf who = { 0 }, until = { 0 }, b = { 0 };
	char *token = NULL;
	int rc = -1;

	random_code(jti, H_API_JTI_LEN);
	t.jti = jti;
	t.kind = kind;
	t.subject_id = id;
	t.role = role;
	t.created_by = ctx->m->from_id;
	t.created_at = ctx->env->now;
	t.expires_at = ctx->env->now + (int64_t)days * 86400;
	if (db_api_token_add(ctx->env->db, &t, &t.id) != DB_OK ||
	    (token = h_api_sign(ctx->env, &t)) == NULL || h_api_who(ctx, kind, id, &who) != 0)
		goto done;
	/* The audit names the token's number, never the token. */
	if (h_audit(ctx, "apitoken.issue", h_api_role_claim(role), id, NULL) != 0)
		goto done;
	buf_add_datetime(&until, t.expires_at);
	H_TF(&b, ctx->lang, T_APITOKEN_ISSUED, (long long)t.id, buf_str(&who), buf_str(&until), token);
	rc = h_reply_buf(ctx, &b);
done:
	secret_free(token);
	buf_release(&who);
	buf_release(&until);
	buf_release(&b);
	return rc;
}

/* "30" as days: 1 with *days, 0 when w is no number, -1 after replying
 * that it is out of range (-2 when that reply failed). */
static int h_api_days(struct h_ctx *ctx, const char *w, int *days)
{
	int64_t v;

	if (w[0] < '0' || w[0] > '9' || parse_i64(w, &v) != 0)
		return 0;
	if (v < 1 || v > H_API_DAYS_MAX) {
		struct buf b = { 0 };
		H_TF(&b, ctx->lang, T_APITOKEN_BAD_DAYS, H_API_DAYS_MAX);
		return h_reply_buf(ctx, &b) == 0 ? -1 : -2;
	}
	*days = (int)v;
	return 1;
}

/* An owner's token for a named student or trainer: words without the days. */
static int h_api_for_person(struct h_ctx *ctx, char **w, size_t n, int days)
{
	struct person p = { 0 };
	int trainer = n >= 2 && H_KW(w, n, 0, T_KW_TRAINER) == 1;
	int rc;
	const char *name;
	struct buf b = { 0 };

	if (n != 1 + (size_t)trainer)
		return h_reply_usage(ctx, H_T(ctx->lang, T_EXAMPLE_APITOKEN));
	rc = trainer ? h_find_person(ctx, PERSON_TRAINER, w[1], 0, &p) : h_find_person(ctx, PERSON_STUDENT, w[0], H_FIND_INACTIVE, &p);
	if (rc <= 0)
		return rc;
	if (!p.active) {
		name = h_name_html(ctx, p.first_name, p.last_name);
		H_TF(&b, ctx->lang, T_APITOKEN_INACTIVE, name);
		person_release(&p);
		return h_reply_buf(ctx, &b);
	}
	rc = h_api_issue(ctx, p.kind, p.id, trainer ? ROLE_TRAINER : ROLE_STUDENT, days);
	person_release(&p);
	return rc;
}

static int h_cmd_apitoken(struct h_ctx *ctx, const char *args)
{
	char **w = NULL;
	size_t n = h_args_words(ctx, args, &w);
	int days = H_API_DAYS_DEFAULT, rc, d;

	/* The days come last: "/apitoken 30", "/apitoken #5 30". */
	d = n > 0 ? h_api_days(ctx, w[n - 1], &days) : 0;
	if (d < 0)
		return d == -1 ? 0 : -1;
	if (d == 1)
		n--;
	if (n > 0 && ctx->role == ROLE_OWNER)
		rc = h_api_for_person(ctx, w, n, days);
	else if (n > 0)
		rc = h_reply_usage(ctx, H_T(ctx->lang, T_EXAMPLE_APITOKEN));
	else if (ctx->role == ROLE_OWNER)
		rc = h_api_issue(ctx, API_SUBJECT_OWNER, ctx->m->from_id, ROLE_OWNER, days);
	else
		rc = h_api_issue(ctx, ctx->who.kind, ctx->who.id, ctx->role, days);
	return rc;
}

H_COMMAND_USAGE(apitoken, APITOKEN, H_TA_USAGE(T_USAGE_APITOKEN, T_USAGE_APITOKEN_STAFF),
	.min_role = ROLE_STUDENT, .flags = H_CMD_STUDENT_FIRST | H_CMD_USAGE_OWNER,
	.args = { .max = H_ARGS_MANY, .kind = { H_ARG_REST } });

/* The subject whose tokens ctx's sender manages: kind -1 for an owner (all). */
static void h_api_scope(struct h_ctx *ctx, int *kind, int64_t *id)
{
	*kind = ctx->role == ROLE_OWNER ? -1 : ctx->who.kind;
	*id = ctx->who.id;
}

static int h_cmd_apitokens(struct h_ctx *ctx, const char *args)
{
	struct api_token *v = NULL;
	size_t n = 0;
	int64_t total = 0, scope_id;
	int scope, rc = -1;
	struct buf b = { 0 }, who = { 0 }, until = { 0 };
	cJSON *mk = NULL, *rows;
	char *markup = NULL;

	(void)args;
	h_api_scope(ctx, &scope, &scope_id);
	if (db_api_tokens_active(ctx->env->db, scope, scope_id, ctx->env->now, H_API_LIST_MAX, &v, &n,
	    &total) != DB_OK)
		return -1;
	if (n == 0) {
		api_tokens_free(v, n);
		return h_reply(ctx, H_T(ctx->lang, T_APITOKENS_NONE));
	}
	H_TF(&b, ctx->lang, T_APITOKENS_HEAD, (long long)total);
	mk = cJSON_CreateObject();
	rows = cJSON_AddArrayToObject(mk, "inline_keyboard");
	for (size_t i = 0; i < n; i++) {
		char label[64], data[32];
		cJSON *row = cJSON_CreateArray();

		buf_truncate(&who, 0);
		buf_truncate(&until, 0);
		if (h_api_who(ctx, v[i].kind, v[i].subject_id, &who) != 0)
			goto done;
		buf_add_datetime(&until, v[i].expires_at);
		H_TF(&b, ctx->lang, T_APITOKENS_LINE, (long long)v[i].id, buf_str(&who), buf_str(&until));
		snprintf(label, sizeof(label), H_T(ctx->lang, T_APITOKEN_REVOKE), (long long)v[i].id);
		snprintf(data, sizeof(data), "apt:%lld", (long long)v[i].id);
		h_button_add(row, label, data);
		cJSON_AddItemToArray(rows, row);
	}
	if ((int64_t)n < total)
		H_TF(&b, ctx->lang, T_APITOKENS_MORE, (long long)(total - (int64_t)n));
	markup = h_json_take(mk);
	mk = NULL;
	rc = h_reply_markup(ctx, buf_str(&b), markup);
done:
	cJSON_Delete(mk);
	free(markup);
	buf_release(&b);
	buf_release(&who);
	buf_release(&until);
	api_tokens_free(v, n);
	return rc;
}

H_COMMAND_USAGE(apitokens, APITOKENS, H_USAGE_NONE, .min_role = ROLE_STUDENT);

/* "apt:<number>": revoke a token the presser may manage. */
int h_cb_apitoken(struct h_ctx *ctx, const char *key)
{
	struct api_token t;
	struct buf b = { 0 };
	int64_t id, scope_id;
	int scope, rc;

	if (!h_number(key, &id) || *key == '#')
		return h_reply(ctx, H_T(ctx->lang, T_CB_OUTDATED));
	rc = db_api_token_get(ctx->env->db, id, &t);
	if (rc == DB_ERROR)
		return -1;
	h_api_scope(ctx, &scope, &scope_id);
	/* Someone else's token (or none): the same answer, so numbers
	 * tell nothing. */
	if (rc == DB_NOTFOUND || (scope >= 0 && (t.kind != scope || t.subject_id != scope_id))) {
		api_token_release(&t);
		return h_reply(ctx, H_T(ctx->lang, T_CB_DENIED));
	}
	api_token_release(&t);
	rc = db_api_token_revoke(ctx->env->db, id, ctx->env->now);
	if (rc == DB_ERROR)
		return -1;
	if (rc == DB_NOTFOUND) {
		H_TF(&b, ctx->lang, T_APITOKEN_GONE, (long long)id);
		return h_reply_buf(ctx, &b);
	}
	if (h_audit(ctx, "apitoken.revoke", "api_token", id, NULL) != 0)
		return -1;
	H_TF(&b, ctx->lang, T_APITOKEN_REVOKED, (long long)id);
	return h_reply_buf(ctx, &b);
}

/* ---- the API's side ---------------------------------------------------- */

int h_subject_current(struct h_env *env, int kind, int64_t subject_id)
{
	struct person p = { 0 };
	int rc, active;

	if (kind == API_SUBJECT_OWNER)
		return h_is_owner(env, subject_id);
	rc = db_person_get(env->db, kind, subject_id, &p);
	active = p.active;
	person_release(&p);
	return rc == DB_ERROR ? -1 : rc == DB_OK && active;
}

/* 1 when the subject of t still holds t's role. */
static int h_api_subject_holds(struct h_env *env, const struct api_token *t, int *failed)
{
	int current = h_subject_current(env, t->kind, t->subject_id);

	if (current < 0)
		*failed = 1;
	return current == 1 && t->role == (t->kind == API_SUBJECT_OWNER ? ROLE_OWNER :
	    t->kind == PERSON_TRAINER ? ROLE_TRAINER : ROLE_STUDENT);
}

/* base64url of the n bytes of in, unpadded, into out (4 * n / 3 + 3). */
static void h_api_b64url(const unsigned char *in, size_t n, char *out)
{
	static const char a[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	size_t i, k = 0;

	for (i = 0; i < n; i += 3) {
		unsigned long v = (unsigned long)in[i] << 16 | (i + 1 < n ? (unsigned long)in[i + 1] << 8 : 0) |
		    (i + 2 < n ? in[i + 2] : 0);
		size_t chars = n - i >= 3 ? 4 : n - i + 1;

		for (size_t c = 0; c < chars; c++)
			out[k++] = a[v >> (18 - 6 * c) & 63];
	}
	out[k] = '\0';
}

int h_api_signature_ok(const char *key, const char *token)
{
	const char *dot = token != NULL ? strrchr(token, '.') : NULL;
	unsigned char mac[32];
	char want[48];
	unsigned diff = 0;
	size_t n;

	if (key == NULL || dot == NULL || memchr(token, '.', (size_t)(dot - token)) == NULL)
		return 0;
	if (gnutls_hmac_fast(GNUTLS_MAC_SHA256, key, strlen(key), token, (size_t)(dot - token), mac) != 0)
		return 0;
	h_api_b64url(mac, sizeof(mac), want);
	n = strlen(want);
	/* the length is public (43 for every HS256 token); the bytes are
	 * compared in full, whatever differs */
	if (strlen(dot + 1) != n)
		return 0;
	for (size_t i = 0; i < n; i++)
		diff |= (unsigned char)(want[i] ^ dot[1 + i]);
	explicit_bzero(mac, sizeof(mac));
	explicit_bzero(want, sizeof(want));
	return diff == 0;
}

enum h_api_auth h_api_token_check(struct h_env *env, const char *token, struct h_api_caller *out)
{
	char *key = NULL;
	jwt_t *jwt = NULL;
	struct api_token t = { 0 };
	const char *jti, *sub, *role, *alg;
	char *want_sub = NULL;
	int failed = 0, rc;
	long exp;
	enum h_api_auth res = H_API_INVALID;

	memset(out, 0, sizeof(*out));
	if (db_api_secret(env->db, 0, &key) != DB_OK)
		return H_API_ERROR;
	/* No key yet: no token was ever issued. */
	if (key == NULL || token == NULL || *token == '\0')
		goto done;
	/* The algorithm is ours to choose, not the token's: "none" or any
	 * other is refused even when the library would accept it, and so is
	 * "hs256", which libjwt reads as HS256 but RFC 7515 does not. */
	/* Our own constant-time check of the signature first: Debian 12's
	 * libjwt 1.10.2 compares it with strcmp (CVE-2024-25189, fixed there
	 * only by the 1.10.2-1+deb12u1 update), so a forged one must never
	 * reach it. */
	if (!h_api_signature_ok(key, token))
		goto done;
	if (jwt_decode(&jwt, token, (const unsigned char *)key, (int)strlen(key)) != 0 ||
	    jwt_get_alg(jwt) != JWT_ALG_HS256 || (alg = jwt_get_header(jwt, "alg")) == NULL ||
	    strcmp(alg, "HS256") != 0)
		goto done;
	jti = jwt_get_grant(jwt, "jti");
	sub = jwt_get_grant(jwt, "sub");
	role = jwt_get_grant(jwt, "role");
	errno = 0;
	exp = jwt_get_grant_int(jwt, "exp");
	if (jti == NULL || sub == NULL || role == NULL || errno != 0)
		goto done;
	if (exp <= env->now) {
		res = H_API_EXPIRED;
		goto done;
	}
	rc = db_api_token_by_jti(env->db, jti, &t);
	if (rc == DB_ERROR) {
		res = H_API_ERROR;
		goto done;
	}
	/* The claims must be the row's, spelled as h_api_sign spells them:
	 * a signed token we did not issue this way is not ours. */
	if (rc == DB_NOTFOUND)
		goto done;
	want_sub = h_api_subject(t.kind, t.subject_id);
	if (strcmp(sub, want_sub) != 0 || strcmp(role, h_api_role_claim(t.role)) != 0 || t.expires_at != exp)
		goto done;
	if (t.expires_at <= env->now) {
		res = H_API_EXPIRED;
		goto done;
	}
	if (t.revoked_at != 0 || !h_api_subject_holds(env, &t, &failed)) {
		res = failed ? H_API_ERROR : H_API_REVOKED;
		goto done;
	}
	out->role = t.role;
	out->kind = t.kind;
	out->subject_id = t.subject_id;
	out->token_id = t.id;
	out->expires_at = t.expires_at;
	res = H_API_OK;
done:
	free(want_sub);
	api_token_release(&t);
	jwt_free(jwt);
	secret_free(key);
	return res;
}
