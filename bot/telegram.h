/*
 * telegram.h — calls to the Bot API and what their answers mean.
 *
 * tg_call posts one method with JSON parameters and classifies the answer
 * into an enum tg_status, which says what the caller does next. The URL
 * holds the token, so it lives only inside this module and is never
 * logged: log lines name the method.
 */
#ifndef BJJ_TELEGRAM_H
#define BJJ_TELEGRAM_H

#include <cjson/cJSON.h>
#include <stddef.h>

#include "bot/http.h"

enum tg_status {
	TG_OK = 0,          /* ok:true; result is set */
	TG_RETRY,           /* network error, 5xx, a body that is not JSON: back off */
	TG_FLOOD,           /* 429: wait retry_after seconds */
	TG_FORBIDDEN,       /* 403: blocked, deactivated, cannot initiate */
	TG_BAD_REQUEST,     /* 400 and other 4xx: do not resend unchanged */
	TG_UNAUTHORIZED,    /* 401: the token is wrong; fatal */
	TG_CONFLICT,        /* 409: another poller or a webhook */
};

/* What a TG_BAD_REQUEST was about, when the sender acts on it. */
enum tg_bad_request {
	TG_BAD_OTHER = 0,          /* anything else: drop the call */
	TG_BAD_NOT_MODIFIED,       /* an edit that changes nothing: done */
	TG_BAD_ENTITIES,           /* "can't parse entities": the HTML was refused */
	TG_BAD_CHAT_NOT_FOUND,     /* no such chat (or it never opened the bot) */
};

struct tg_result {
	enum tg_status status;
	enum tg_bad_request bad;   /* with TG_BAD_REQUEST, else TG_BAD_OTHER */
	int error_code;            /* Telegram's error_code, or the HTTP status */
	const char *description;   /* Telegram's text or the transport error; never NULL */
	int retry_after;           /* seconds, with TG_FLOOD (at least 1) */
	cJSON *result;             /* with TG_OK; borrowed until the callback returns */
};

/*
 * Classify an HTTP outcome. *root receives the parsed body (owned by the
 * caller, may be NULL); r's pointers borrow from it and from resp.
 */
void tg_classify(const struct http_resp *resp, struct tg_result *r, cJSON **root);

/*
 * tg_classify for an answer whose result nobody reads (a message sent):
 * a 200 that begins as Telegram writes success, {"ok":true, and is one
 * balanced JSON object, is TG_OK without a parse (result NULL, *root
 * NULL; 1 returned). Anything else goes through tg_classify (0).
 */
int tg_classify_unread(const struct http_resp *resp, struct tg_result *r, cJSON **root);

struct tg_client;
struct tg_call;
typedef void (*tg_done_cb)(const struct tg_result *r, void *arg);

/* api_url without trailing '/', token secret (copied). */
struct tg_client *tg_client_new(struct http_client *http, const char *api_url, const char *token);
void tg_client_free(struct tg_client *tg);   /* NULL ok; does not free http */

/*
 * POST method with params (consumed; NULL for none). timeout_s bounds the
 * whole request. The callback runs exactly once unless tg_call_cancel is
 * called first. NULL when the request could not even start (then the
 * callback does not run).
 */
struct tg_call *tg_call(struct tg_client *tg, const char *method, cJSON *params,
    long timeout_s, tg_done_cb cb, void *arg);
/* Same with the parameters as JSON text already (borrowed: copied). */
struct tg_call *tg_call_json(struct tg_client *tg, const char *method, const char *body,
    long timeout_s, tg_done_cb cb, void *arg);
/* Same for a call whose callback does not read r->result: its success is
 * not parsed (tg_classify_unread). The sender's messages and edits. */
struct tg_call *tg_send_json(struct tg_client *tg, const char *method, const char *body,
    long timeout_s, tg_done_cb cb, void *arg);
/* Same as multipart/form-data (sendDocument). */
struct tg_call *tg_call_form(struct tg_client *tg, const char *method,
    const struct http_field *fields, size_t n, long timeout_s, tg_done_cb cb, void *arg);
void tg_call_cancel(struct tg_call *call);

/* The largest integer a double holds exactly (2^53). */
#define TG_JSON_MAX_INT 9007199254740992.0
/* A longer retry_after is read as this many seconds. */
#define TG_RETRY_AFTER_MAX 3600

/*
 * Read a JSON number as int64 (ids may exceed 32 bits); def when absent,
 * not a number, not an integer or beyond +-2^53.
 */
long long tg_json_i64(const cJSON *obj, const char *key, long long def);

/*
 * Make cJSON allocate with xmalloc: out of memory aborts with a message
 * instead of handing a NULL to code that does not expect one (strlen of
 * a printed tree). Once, first thing in every program that uses cJSON.
 */
void tg_json_init(void);

#endif
