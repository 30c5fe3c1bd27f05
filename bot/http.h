/*
 * http.h — asynchronous HTTP POSTs on the libev loop through libcurl's
 * multi-socket interface (the evhiperfifo pattern). The only module that
 * includes both <ev.h> and <curl/curl.h>. One multi handle, so connections
 * are kept alive and reused between requests.
 *
 * Completion callbacks run from the loop after curl_multi_socket_action
 * returned, never from inside a libcurl callback, so they may start new
 * requests.
 */
#ifndef BJJ_HTTP_H
#define BJJ_HTTP_H

#include <stddef.h>

struct ev_loop;
struct http_client;
struct http_req;

struct http_resp {
	int transport_ok;      /* 1: an HTTP response arrived (any status) */
	long status;           /* HTTP status, 0 when none */
	const char *error;     /* transport error text (never contains the URL) */
	const char *body;      /* NUL-terminated, borrowed until the callback returns */
	size_t len;
};

typedef void (*http_done_cb)(const struct http_resp *resp, void *arg);

/* A form field for multipart uploads: a plain value or a file. */
struct http_field {
	const char *name;
	const char *value;     /* the value, or NULL with file set */
	const char *file;      /* path of a file to upload, or NULL */
	const char *filename;  /* name shown to the receiver (file only) */
};

struct http_client *http_client_new(struct ev_loop *loop);
/* Cancels every pending request without calling its callback. NULL ok. */
void http_client_free(struct http_client *c);

/*
 * POST body (JSON) to url; timeout_s bounds the whole request. Returns a
 * handle valid until the callback has run or http_cancel; NULL when the
 * request could not be started (logged).
 */
struct http_req *http_post_json(struct http_client *c, const char *url, const char *json,
    long timeout_s, http_done_cb cb, void *arg);
/* Same, as multipart/form-data with n fields. */
struct http_req *http_post_form(struct http_client *c, const char *url,
    const struct http_field *fields, size_t n, long timeout_s, http_done_cb cb, void *arg);
/* Abort a pending request; its callback will not run. */
void http_cancel(struct http_req *r);

#endif
